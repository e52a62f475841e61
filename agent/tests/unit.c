// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of libweft and weftctl: no weft module needed.
 */
#include <stdlib.h>

#include "tap.h"

int main(void)
{
	weft_test_attrs();
	weft_test_flow_text();
	weft_test_flow_errors();
	weft_test_match_nl();
	weft_test_json();
	weft_test_nl();
	weft_test_cli();
	weft_test_fields_text();
	weft_test_actions_text();
	weft_test_group();
	weft_test_events();
	weft_test_bundle();
	weft_test_refcls();
	weft_test_ovs_compat();
	weft_test_of_codec();
	weft_test_of_vectors();
	weft_test_of_xlate();
	weft_test_weftd_cli();
	return weft_tap_done() ? EXIT_FAILURE : EXIT_SUCCESS;
}
