// SPDX-License-Identifier: GPL-2.0
/*
 * The codec against os-ken's OpenFlow test vectors ($OF_VECTORS): every
 * standard message decodes, re-encodes byte for byte, and prints the JSON
 * os-ken prints (compared by tests/of_json_cmp.py, through ofdump); the
 * vendor extensions weft does not implement are refused with the error
 * the spec prescribes, and truncated files fail cleanly.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "of.h"
#include "tap.h"

struct reject {
	const char *name;
	uint16_t type, code;
};

#define BAC_EXP WEFT_OFPET_BAD_ACTION, WEFT_OFPBAC_BAD_EXPERIMENTER
#define BMC_FIELD WEFT_OFPET_BAD_MATCH, WEFT_OFPBMC_BAD_FIELD

/*
 * Nicira and ONF extensions.  The ct tests match on ct_state (a Nicira
 * field) before their ct action is reached, hence BAD_MATCH.
 */
static const struct reject rejects[] = {
	{ "of13/4-63-onf_flow_monitor_request.packet",
	  WEFT_OFPET_BAD_REQUEST, WEFT_OFPBRC_BAD_EXPERIMENTER },
	{ "of13/libofproto-OFP13-flow_mod.packet", BAC_EXP },
	{ "of13/libofproto-OFP13-flow_mod.truncated64",
	  WEFT_OFPET_BAD_REQUEST, WEFT_OFPBRC_BAD_LEN },
	{ "of13/libofproto-OFP13-flow_mod_conjunction.packet", BAC_EXP },
	{ "of13/libofproto-OFP13-flow_mod_match_conj.packet", BMC_FIELD },
	{ "of13/ovs-ofctl-of13-action_conjunction.packet", BAC_EXP },
	{ "of13/ovs-ofctl-of13-action_controller.packet", BAC_EXP },
	{ "of13/ovs-ofctl-of13-action_controller2.packet", BAC_EXP },
	{ "of13/ovs-ofctl-of13-action_ct.packet", BMC_FIELD },
	{ "of13/ovs-ofctl-of13-action_ct_clear.packet", BMC_FIELD },
	{ "of13/ovs-ofctl-of13-action_ct_exec.packet", BMC_FIELD },
	{ "of13/ovs-ofctl-of13-action_ct_nat.packet", BAC_EXP },
	{ "of13/ovs-ofctl-of13-action_ct_nat_v6.packet", BAC_EXP },
	{ "of13/ovs-ofctl-of13-action_dec_ttl_cnt_ids.packet", BAC_EXP },
	{ "of13/ovs-ofctl-of13-action_fintimeout.packet", BAC_EXP },
	{ "of13/ovs-ofctl-of13-action_learn.packet", BAC_EXP },
	{ "of13/ovs-ofctl-of13-action_note.packet", BAC_EXP },
	{ "of13/ovs-ofctl-of13-action_output_trunc.packet", BAC_EXP },
	{ "of13/ovs-ofctl-of13-action_resubmit.packet", BAC_EXP },
	{ "of13/ovs-ofctl-of13-action_sample.packet", BAC_EXP },
	{ "of13/ovs-ofctl-of13-action_sample2.packet", BAC_EXP },
	{ "of13/ovs-ofctl-of13-action_stack_pop.packet", BAC_EXP },
	{ "of13/ovs-ofctl-of13-action_stack_push.packet", BAC_EXP },
	{ "of13/ovs-ofctl-of13-match_conj.packet", BMC_FIELD },
	{ "of13/ovs-ofctl-of13-match_load_nx_register.packet", BAC_EXP },
	{ "of13/ovs-ofctl-of13-match_move_nx_register.packet", BAC_EXP },
	{ "of13/ovs-ofctl-of13-match_pkt_mark.packet", BMC_FIELD },
	{ "of13/ovs-ofctl-of13-match_pkt_mark_masked.packet", BMC_FIELD },
	{ "of10/ovs-ofctl-of10-action_dec_mpls_ttl.packet", BAC_EXP },
	{ "of10/ovs-ofctl-of10-action_dec_nw_ttl.packet", BAC_EXP },
	{ "of10/ovs-ofctl-of10-action_pop_mpls.packet", BAC_EXP },
	{ "of10/ovs-ofctl-of10-action_push_mpls.packet", BAC_EXP },
	{ "of10/ovs-ofctl-of10-action_set_mpls_label.packet", BAC_EXP },
	{ "of10/ovs-ofctl-of10-action_set_mpls_tc.packet", BAC_EXP },
	{ "of10/ovs-ofctl-of10-action_set_mpls_ttl.packet", BAC_EXP },
};
#define N_REJECTS (sizeof(rejects) / sizeof(rejects[0]))

static const struct reject *find_reject(const char *tag)
{
	size_t i;

	for (i = 0; i < N_REJECTS; i++)
		if (!strcmp(rejects[i].name, tag))
			return &rejects[i];
	return NULL;
}

static unsigned char *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	unsigned char *buf;
	long n;

	*len = 0;
	if (!fp)
		return NULL;
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	buf = malloc(n > 0 ? n : 1);
	if (buf && n > 0)
		*len = fread(buf, 1, n, fp);
	fclose(fp);
	return buf;
}

static int counts[3];	/* byte-identical, rejected as expected, failed */

static void one(const char *dir, const char *ver, const char *name)
{
	struct weft_of_error err = { 0 };
	const struct reject *rej;
	struct weft_of_msg msg;
	struct weft_of_buf out;
	char path[2048], tag[512];
	unsigned char *buf;
	size_t len;
	bool ok;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	snprintf(tag, sizeof(tag), "%s/%s", ver, name);
	buf = slurp(path, &len);
	if (!buf) {
		weft_tap_ok(false, "of vector %s: readable", tag);
		return;
	}
	rej = find_reject(tag);
	if (weft_of_decode(buf, len, &msg, &err)) {
		ok = rej && err.type == rej->type && err.code == rej->code;
		counts[ok ? 1 : 2]++;
		weft_tap_ok(ok, "of vector %s: %s %s/%s", tag,
			    rej ? "refused with" : "decodes (got",
			    weft_of_error_type_name(err.type),
			    weft_of_error_code_name(err.type, err.code));
		free(buf);
		return;
	}
	if (rej) {
		counts[2]++;
		weft_tap_ok(false, "of vector %s: refused (it decoded)", tag);
		weft_of_msg_free(&msg);
		free(buf);
		return;
	}
	weft_of_buf_init(&out);
	ok = !weft_of_encode(&msg, &out) && out.len == len &&
	     !memcmp(out.data, buf, len);
	counts[ok ? 0 : 2]++;
	weft_tap_ok(ok, "of vector %s: decode + encode byte-identical", tag);
	weft_of_buf_free(&out);
	weft_of_msg_free(&msg);
	free(buf);
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void version_dir(const char *root, const char *ver)
{
	char dir[1024], *names[512];
	struct dirent *de;
	size_t n = 0, i;
	DIR *d;

	snprintf(dir, sizeof(dir), "%s/packet_data/%s", root, ver);
	d = opendir(dir);
	if (!d) {
		weft_tap_diag("skip: no %s", dir);
		return;
	}
	while ((de = readdir(d)) && n < 512)
		if (de->d_name[0] != '.')
			names[n++] = strdup(de->d_name);
	closedir(d);
	qsort(names, n, sizeof(names[0]), cmp_names);
	for (i = 0; i < n; i++) {
		one(dir, ver, names[i]);
		free(names[i]);
	}
}

/* The JSON comparison, in one python3 run over every vector. */
static void json_check(const char *root)
{
	const char *py = getenv("PYTHON3"), *ofdump = getenv("OFDUMP");
	int pass = 0, fail = 0, rej = 0;
	char cmd[2048], line[4096];
	FILE *fp;

	if (!ofdump || !*ofdump) {
		weft_tap_diag("skip: OFDUMP not set, no JSON comparison");
		return;
	}
	snprintf(cmd, sizeof(cmd), "%s tests/of_json_cmp.py %s %s",
		 py && *py ? py : "python3", ofdump, root);
	fp = popen(cmd, "r");
	if (!weft_tap_ok(fp != NULL, "of vectors: run of_json_cmp.py"))
		return;
	while (fgets(line, sizeof(line), fp)) {
		char *tag = strchr(line, ' ');
		char *end;

		line[strcspn(line, "\n")] = 0;
		if (!tag)
			continue;
		*tag++ = 0;
		end = strchr(tag, ':');
		if (end)
			*end = 0;
		if (!strcmp(line, "PASS")) {
			pass++;
			weft_tap_ok(true, "of vector %s: JSON as os-ken's", tag);
		} else if (!strcmp(line, "REJECT") && find_reject(tag)) {
			rej++;
		} else {
			fail++;
			weft_tap_ok(false, "of vector %s: JSON (%s%s%s)", tag,
				    line, end ? ":" : "", end ? end + 1 : "");
		}
	}
	weft_tap_ok(pclose(fp) == 0, "of vectors: of_json_cmp.py exits 0");
	weft_tap_diag("of vectors: %d JSON equal, %d refused, %d failed", pass,
		      rej, fail);
}

void weft_test_of_vectors(void)
{
	const char *root = getenv("OF_VECTORS");
	struct stat st;

	if (!root || !*root || stat(root, &st) || !S_ISDIR(st.st_mode)) {
		weft_tap_diag("skip: OF_VECTORS (%s) absent, os-ken vectors "
			      "not checked", root ? root : "unset");
		return;
	}
	version_dir(root, "of13");
	version_dir(root, "of10");
	weft_tap_diag("of vectors: %d byte-identical, %d refused as expected, "
		      "%d failed", counts[0], counts[1], counts[2]);
	json_check(root);
}
