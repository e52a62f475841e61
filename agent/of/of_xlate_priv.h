/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internal to the translation files (of_xlate_*.c).
 */
#ifndef WEFT_OF_XLATE_PRIV_H
#define WEFT_OF_XLATE_PRIV_H

#include <stdbool.h>
#include <stdint.h>

#include "of.h"

/* The WEFT_KEY_A_* an OXM is, -1 if weft has no such field. */
int of_xlate_attr(const struct weft_of_oxm *o, bool *maskable);
/* A field's bytes, OXM (network order) <-> struct weft_key's layout. */
void of_xlate_to_key(unsigned int attr, const uint8_t *wire, void *key);
void of_xlate_to_wire(unsigned int attr, const void *key, uint8_t *wire);

#endif /* WEFT_OF_XLATE_PRIV_H */
