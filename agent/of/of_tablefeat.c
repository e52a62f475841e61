// SPDX-License-Identifier: GPL-2.0
/*
 * TABLE_FEATURES entries and their properties (1.3 multipart).
 */
#include "of_wire.h"

#define TFBADLEN(err) \
	OF_FAIL(err, WEFT_OFPET_TABLE_FEATURES_FAILED, WEFT_OFPTFFC_BAD_LEN)
#define NOMEM(err) OF_FAIL(err, WEFT_OFPET_BAD_REQUEST, WEFT_OFPBRC_EPERM)

enum id_kind { ID_NONE, ID_INST, ID_TABLE, ID_ACTION, ID_OXM };

static enum id_kind prop_kind(uint16_t type)
{
	switch (type) {
	case WEFT_OFPTFPT_INSTRUCTIONS:
	case WEFT_OFPTFPT_INSTRUCTIONS_MISS:
		return ID_INST;
	case WEFT_OFPTFPT_NEXT_TABLES:
	case WEFT_OFPTFPT_NEXT_TABLES_MISS:
		return ID_TABLE;
	case WEFT_OFPTFPT_WRITE_ACTIONS:
	case WEFT_OFPTFPT_WRITE_ACTIONS_MISS:
	case WEFT_OFPTFPT_APPLY_ACTIONS:
	case WEFT_OFPTFPT_APPLY_ACTIONS_MISS:
		return ID_ACTION;
	case WEFT_OFPTFPT_MATCH:
	case WEFT_OFPTFPT_WILDCARDS:
	case WEFT_OFPTFPT_WRITE_SETFIELD:
	case WEFT_OFPTFPT_WRITE_SETFIELD_MISS:
	case WEFT_OFPTFPT_APPLY_SETFIELD:
	case WEFT_OFPTFPT_APPLY_SETFIELD_MISS:
		return ID_OXM;
	}
	return ID_NONE;
}

static int ids_decode(enum id_kind kind, const uint8_t *p, size_t len,
		      struct weft_of_tf_prop *pr, struct weft_of_error *err)
{
	size_t off = 0, cap = 0;

	while (off < len) {
		struct weft_of_tf_id *id;
		size_t n;

		if (pr->n_ids == cap) {
			void *tmp;

			cap = cap ? cap * 2 : 16;
			tmp = realloc(pr->ids, cap * sizeof(*pr->ids));
			if (!tmp)
				return NOMEM(err);
			pr->ids = tmp;
		}
		id = &pr->ids[pr->n_ids];
		memset(id, 0, sizeof(*id));
		if (kind == ID_TABLE) {
			id->id = p[off];
			n = 1;
		} else if (kind == ID_OXM) {
			if (len - off < 4)
				return TFBADLEN(err);
			id->id = rd32(p + off);
			n = 4;
			if (id->id >> 16 == WEFT_OFPXMC_EXPERIMENTER) {
				if (len - off < 8)
					return TFBADLEN(err);
				id->has_exp = true;
				id->experimenter = rd32(p + off + 4);
				n = 8;
			}
		} else {
			if (len - off < 4)
				return TFBADLEN(err);
			id->id = rd16(p + off);
			n = rd16(p + off + 2);
			if (n == 8 && len - off >= 8) {
				id->has_exp = true;
				id->experimenter = rd32(p + off + 4);
			} else if (n != 4) {
				return TFBADLEN(err);
			}
		}
		pr->n_ids++;
		off += n;
	}
	return 0;
}

static void props_free(struct weft_of_tf_prop *pr, size_t n)
{
	size_t i;

	if (!pr)
		return;
	for (i = 0; i < n; i++) {
		free(pr[i].ids);
		free(pr[i].data);
	}
	free(pr);
}

void of_table_features_free(struct weft_of_table_features *tf, size_t n)
{
	size_t i;

	if (!tf)
		return;
	for (i = 0; i < n; i++)
		props_free(tf[i].props, tf[i].n_props);
	free(tf);
}

static int props_decode(const uint8_t *p, size_t len,
			struct weft_of_table_features *tf,
			struct weft_of_error *err)
{
	size_t off = 0, cap = 0;

	while (off < len) {
		struct weft_of_tf_prop *pr;
		enum id_kind kind;
		size_t plen;

		if (len - off < 4)
			return TFBADLEN(err);
		plen = rd16(p + off + 2);
		if (plen < 4 || (plen + 7) / 8 * 8 > len - off)
			return TFBADLEN(err);
		if (tf->n_props == cap) {
			void *tmp;

			cap = cap ? cap * 2 : 8;
			tmp = realloc(tf->props, cap * sizeof(*tf->props));
			if (!tmp)
				return NOMEM(err);
			tf->props = tmp;
		}
		pr = &tf->props[tf->n_props++];
		memset(pr, 0, sizeof(*pr));
		pr->type = rd16(p + off);
		kind = prop_kind(pr->type);
		if (kind != ID_NONE) {
			if (ids_decode(kind, p + off + 4, plen - 4, pr, err))
				return -1;
		} else {
			size_t hdr = 4;

			if (pr->type == WEFT_OFPTFPT_EXPERIMENTER ||
			    pr->type == WEFT_OFPTFPT_EXPERIMENTER_MISS) {
				if (plen < 12 || (plen - 12) % 4)
					return TFBADLEN(err);
				pr->experimenter = rd32(p + off + 4);
				pr->exp_type = rd32(p + off + 8);
				hdr = 12;
			}
			pr->data_len = plen - hdr;
			if (pr->data_len) {
				pr->data = of_dup(p + off + hdr, pr->data_len);
				if (!pr->data)
					return NOMEM(err);
			}
		}
		off += (plen + 7) / 8 * 8;
	}
	return 0;
}

int of_table_features_decode(const uint8_t *p, size_t len,
			     struct weft_of_table_features **tfs, size_t *n,
			     struct weft_of_error *err)
{
	size_t off = 0, cap = 0;

	*tfs = NULL;
	*n = 0;
	while (off < len) {
		struct weft_of_table_features *tf;
		size_t elen;

		if (len - off < 64)
			goto bad;
		elen = rd16(p + off);
		if (elen < 64 || elen > len - off || elen % 8)
			goto bad;
		if (*n == cap) {
			void *tmp;

			cap = cap ? cap * 2 : 4;
			tmp = realloc(*tfs, cap * sizeof(**tfs));
			if (!tmp) {
				NOMEM(err);
				goto fail;
			}
			*tfs = tmp;
		}
		tf = &(*tfs)[(*n)++];
		memset(tf, 0, sizeof(*tf));
		tf->table_id = p[off + 2];
		memcpy(tf->name, p + off + 8, 32);
		tf->metadata_match = rd64(p + off + 40);
		tf->metadata_write = rd64(p + off + 48);
		tf->config = rd32(p + off + 56);
		tf->max_entries = rd32(p + off + 60);
		if (props_decode(p + off + 64, elen - 64, tf, err))
			goto fail;
		off += elen;
	}
	return 0;
bad:
	TFBADLEN(err);
fail:
	of_table_features_free(*tfs, *n);
	*tfs = NULL;
	*n = 0;
	return -1;
}

static void ids_encode(enum id_kind kind, const struct weft_of_tf_prop *pr,
		       struct of_wr *w)
{
	size_t i;

	for (i = 0; i < pr->n_ids; i++) {
		const struct weft_of_tf_id *id = &pr->ids[i];

		if (kind == ID_TABLE) {
			wr8(w, (uint8_t)id->id);
		} else if (kind == ID_OXM) {
			wr32(w, id->id);
			if (id->has_exp)
				wr32(w, id->experimenter);
		} else {
			wr16(w, (uint16_t)id->id);
			wr16(w, id->has_exp ? 8 : 4);
			if (id->has_exp)
				wr32(w, id->experimenter);
		}
	}
}

void of_table_feature_encode(const struct weft_of_table_features *tf,
			     struct of_wr *w)
{
	size_t start = w->b->len, i;

	wr16(w, 0);
	wr8(w, tf->table_id);
	wrzero(w, 5);
	wrbytes(w, tf->name, 32);
	wr64(w, tf->metadata_match);
	wr64(w, tf->metadata_write);
	wr32(w, tf->config);
	wr32(w, tf->max_entries);
	for (i = 0; i < tf->n_props; i++) {
		const struct weft_of_tf_prop *pr = &tf->props[i];
		enum id_kind kind = prop_kind(pr->type);
		size_t ps = w->b->len;

		wr16(w, pr->type);
		wr16(w, 0);
		if (kind != ID_NONE) {
			ids_encode(kind, pr, w);
		} else {
			if (pr->type == WEFT_OFPTFPT_EXPERIMENTER ||
			    pr->type == WEFT_OFPTFPT_EXPERIMENTER_MISS) {
				wr32(w, pr->experimenter);
				wr32(w, pr->exp_type);
			}
			wrbytes(w, pr->data, pr->data_len);
		}
		wrlen16(w, ps + 2, ps);
		wrpad8(w, ps);
	}
	wrlen16(w, start, start);
}
