/* Languages as data (lang.h): reading the message catalogue's files, from the folders
 * of $SIXBOX_DATA_DIR and from the copy built into the library, into one sorted table
 * per language; looking texts up with the one fallback (language, English, key). */
#include "surveys/lang/lang.h"
#include "surveys/util.h"

#include <sixbox/lang.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct entry {
  const char *key, *text;
  size_t seq;        /* order of reading: earlier sources win */
  const char *src;   /* the source, for "appears twice" */
} entry;

typedef struct table {
  entry *e;
  size_t n, cap;
} table;

struct sbx__lang {
  char *code;
  table own, en;     /* en stays empty when the language is English */
  char **buf;        /* file copies the entries point into */
  size_t nbuf, capbuf;
  size_t seq;
};

/* One file being read. */
typedef struct file_in {
  const char *name;  /* path, or "reports/catalog/NAME.tsv" for a built-in file */
  const char *src;   /* the source: a folder or "built-in" */
  char *text;        /* owned by the language, tokenised in place */
} file_in;

static const char builtin_src[] = "the built-in catalogue";

void sbx__lang_free(sbx__lang *l) {
  if (!l) return;
  for (size_t i = 0; i < l->nbuf; i++) sbx__free(l->buf[i]);
  sbx__free(l->buf);
  sbx__free(l->own.e);
  sbx__free(l->en.e);
  sbx__free(l->code);
  sbx__free(l);
}

const char *sbx__lang_code(const sbx__lang *l) { return l ? l->code : SBX_LANG_FALLBACK; }

static int valid_code(const char *c) {
  size_t n = 0;
  while (c[n] >= 'a' && c[n] <= 'z') n++;
  if (n < 2 || n > 3) return 0;
  for (const char *p = c + n; *p;) {
    if (*p++ != '-') return 0;
    size_t k = 0;
    for (; (p[k] >= 'a' && p[k] <= 'z') || (p[k] >= 'A' && p[k] <= 'Z') ||
           (p[k] >= '0' && p[k] <= '9');
         k++) {
    }
    if (k < 1 || k > 8) return 0;
    p += k;
  }
  return 1;
}

static int valid_key(const char *k) {
  if (!*k) return 0;
  for (; *k; k++)
    if (!((*k >= 'a' && *k <= 'z') || (*k >= '0' && *k <= '9') || *k == '_' || *k == '.' ||
          *k == '-'))
      return 0;
  return 1;
}

/* Splits line at TABs into at most max fields; returns how many there were. */
static size_t split(char *line, char **field, size_t max) {
  size_t n = 0;
  for (char *p = line;; ) {
    char *tab = strchr(p, '\t');
    if (n < max) field[n] = p;
    n++;
    if (!tab) break;
    *tab = '\0';
    p = tab + 1;
  }
  return n;
}

static int add(table *t, const char *key, const char *text, size_t seq, const char *src) {
  if (sbx__grow(&t->e, &t->cap, t->n + 1, sizeof *t->e)) return SBX_ENOMEM;
  t->e[t->n++] = (entry){ key, text, seq, src };
  return 0;
}

#define MAX_COLS 32

/* The next line of *p (NUL-terminated in place, CR dropped), or NULL at the end. */
static char *next_line(char **p) {
  if (!**p) return NULL;
  char *line = *p, *nl = strchr(line, '\n');
  if (nl) {
    *nl = '\0';
    *p = nl + 1;
  } else {
    *p = line + strlen(line);
  }
  size_t len = strlen(line);
  if (len && line[len - 1] == '\r') line[len - 1] = '\0';
  return line;
}

/* The header's columns: which one is the language's and which English's (or SBX_NONE).
 * 0 when the file has neither, 1 when it has one of them, SBX_EDATA when bad. */
static int header(const file_in *f, char *line, long lineno, size_t *ncol, size_t *own,
                  size_t *en, const char *code, sbx_ctx *ctx) {
  char *col[MAX_COLS];
  *ncol = split(line, col, MAX_COLS);
  *own = *en = (size_t)-1;
  if (*ncol < 2 || *ncol > MAX_COLS || strcmp(col[0], "key") != 0)
    return sbx__error(ctx, SBX_EDATA, f->name, lineno, NULL,
                      "the first line that is not a comment names the columns: "
                      "key<TAB>sv<TAB>en (language codes); fix the header");
  for (size_t c = 1; c < *ncol; c++) {
    if (!valid_code(col[c]))
      return sbx__error(ctx, SBX_EDATA, f->name, lineno, col[c],
                        "not a language code (two or three small letters, e.g. fi or "
                        "sv-FI); fix the header");
    if (code && strcmp(col[c], code) == 0) *own = c;
    if (strcmp(col[c], SBX_LANG_FALLBACK) == 0) *en = c;
  }
  return *own != (size_t)-1 || *en != (size_t)-1;
}

/* Reads the entries of one file for l (its language and English). */
static int read_text(sbx__lang *l, file_in *f, sbx_ctx *ctx) {
  char *p = f->text, *line;
  long lineno = 0;
  size_t ncol = 0, own = 0, en = 0;
  int have_header = 0;
  while ((line = next_line(&p)) != NULL) {
    lineno++;
    if (!line[0] || line[0] == '#') continue;
    if (!have_header) {
      int rc = header(f, line, lineno, &ncol, &own, &en, l->code, ctx);
      if (rc <= 0) return rc;
      have_header = 1;
      continue;
    }
    char *field[MAX_COLS];
    size_t n = split(line, field, MAX_COLS);
    if (n != ncol || !valid_key(field[0]))
      return sbx__error(ctx, SBX_EDATA, f->name, lineno, n ? field[0] : NULL,
                        "a line is key<TAB>text for each of the header's %zu languages "
                        "(the key in a-z, 0-9, '.', '_', '-'); fix the line", ncol - 1);
    size_t seq = l->seq++;
    if (own != (size_t)-1 && field[own][0] && add(&l->own, field[0], field[own], seq, f->src))
      return SBX_ENOMEM;
    if (en != (size_t)-1 && en != own && field[en][0] &&
        add(&l->en, field[0], field[en], seq, f->src))
      return SBX_ENOMEM;
  }
  return 0;
}

/* Keeps f->text in l (freed with it) and reads it. */
static int read_owned(sbx__lang *l, file_in *f, sbx_ctx *ctx) {
  if (sbx__grow(&l->buf, &l->capbuf, l->nbuf + 1, sizeof *l->buf)) {
    sbx__free(f->text);
    return SBX_ENOMEM;
  }
  l->buf[l->nbuf++] = f->text;
  return read_text(l, f, ctx);
}

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static int is_tsv(const char *name) {
  size_t n = strlen(name);
  return name[0] != '.' && n > 4 && strcmp(name + n - 4, ".tsv") == 0;
}

/* The *.tsv names in folder, sorted; *out malloc'ed (names too). */
static int list_dir(const char *folder, char ***out, size_t *n, sbx_ctx *ctx) {
  *out = NULL;
  *n = 0;
  DIR *d = opendir(folder);
  if (!d)
    return sbx__error(ctx, SBX_ENOENT, folder, 0, NULL,
                      "no catalogue folder here; $SIXBOX_DATA_DIR names folders that hold "
                      "catalog/NAME.tsv files (docs/languages.md)");
  size_t cap = 0;
  int rc = 0;
  for (struct dirent *e; !rc && (e = readdir(d)) != NULL;) {
    if (!is_tsv(e->d_name)) continue;
    if (*n >= SBX_LANG_MAX_FILES)
      rc = sbx__error(ctx, SBX_ELIMIT, folder, 0, NULL, "more than %d catalogue files",
                      SBX_LANG_MAX_FILES);
    else if (sbx__grow(out, &cap, *n + 1, sizeof **out) ||
             ((*out)[*n] = sbx__strdup(e->d_name)) == NULL)
      rc = SBX_ENOMEM;
    else
      (*n)++;
  }
  closedir(d);
  if (*n) qsort(*out, *n, sizeof **out, by_name);
  return rc;
}

static void free_names(char **v, size_t n) {
  for (size_t i = 0; i < n; i++) sbx__free(v[i]);
  sbx__free(v);
}

/* Every catalogue file of one $SIXBOX_DATA_DIR folder. */
static int read_dir(sbx__lang *l, const char *dir, sbx_ctx *ctx) {
  char *folder = sbx__asprintf("%s/catalog", dir), **names = NULL;
  size_t n = 0;
  if (!folder) return SBX_ENOMEM;
  int rc = list_dir(folder, &names, &n, ctx);
  if (!rc && sbx__grow(&l->buf, &l->capbuf, l->nbuf + 1, sizeof *l->buf)) rc = SBX_ENOMEM;
  if (!rc) l->buf[l->nbuf++] = folder; /* the entries' source name */
  else sbx__free(folder);
  for (size_t i = 0; !rc && i < n; i++) {
    char *path = sbx__asprintf("%s/%s", folder, names[i]);
    size_t len;
    file_in f = { path, folder, NULL };
    rc = path ? sbx__read_file(path, SBX_LANG_MAX_FILE_BYTES, &f.text, &len, ctx) : SBX_ENOMEM;
    if (!rc) rc = read_owned(l, &f, ctx);
    sbx__free(path);
  }
  free_names(names, n);
  return rc;
}

/* Calls fn on each folder of $SIXBOX_DATA_DIR, in order (empty entries skipped). */
static int each_data_dir(int (*fn)(void *, const char *), void *ud) {
  const char *env = getenv("SIXBOX_DATA_DIR");
  if (!env || !*env) return 0;
  char *copy = sbx__strdup(env);
  if (!copy) return SBX_ENOMEM;
  int rc = 0;
  for (char *p = copy, *end; !rc && p; p = end ? end + 1 : NULL) {
    end = strchr(p, ':');
    if (end) *end = '\0';
    if (*p) rc = fn(ud, p);
  }
  sbx__free(copy);
  return rc;
}

typedef struct dir_ud {
  sbx__lang *l;
  sbx_ctx *ctx;
} dir_ud;

static int dir_fn(void *ud, const char *dir) {
  dir_ud *d = ud;
  return read_dir(d->l, dir, d->ctx);
}

static int read_builtin(sbx__lang *l, sbx_ctx *ctx) {
  int rc = 0;
  for (size_t i = 0; !rc && i < sbx__lang_builtin_count; i++) {
    const sbx__lang_file *b = &sbx__lang_builtin[i];
    file_in f = { b->name, builtin_src, sbx__strndup((const char *)b->data, b->len) };
    rc = f.text ? read_owned(l, &f, ctx) : SBX_ENOMEM;
  }
  return rc;
}

static int by_key_seq(const void *a, const void *b) {
  const entry *x = a, *y = b;
  int c = strcmp(x->key, y->key);
  if (c) return c;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Sorts t by key; of a key's entries the earliest stays. Two in one source are an
 * error. */
static int finish(table *t, const char *code, sbx_ctx *ctx) {
  if (t->n) qsort(t->e, t->n, sizeof *t->e, by_key_seq);
  size_t w = 0;
  for (size_t i = 0; i < t->n; i++) {
    if (w && strcmp(t->e[w - 1].key, t->e[i].key) == 0) {
      if (t->e[w - 1].src == t->e[i].src)
        return sbx__error(ctx, SBX_EDATA, t->e[i].src, 0, t->e[i].key,
                          "the key has two %s texts; keep one", code);
      continue;
    }
    t->e[w++] = t->e[i];
  }
  t->n = w;
  return 0;
}

int sbx__lang_load(sbx__lang **out, const char *code, sbx_ctx *ctx) {
  *out = NULL;
  if (!code || !valid_code(code))
    return sbx__error(ctx, SBX_EUSAGE, NULL, 0, code ? code : "(none)",
                      "not a language code (two or three small letters, e.g. sv, en, fi)");
  sbx__lang *l = sbx__calloc(1, sizeof *l);
  if (!l || !(l->code = sbx__strdup(code))) {
    sbx__free(l);
    return SBX_ENOMEM;
  }
  dir_ud d = { l, ctx };
  int rc = each_data_dir(dir_fn, &d);
  if (!rc) rc = read_builtin(l, ctx);
  if (!rc) rc = finish(&l->own, code, ctx);
  if (!rc) rc = finish(&l->en, SBX_LANG_FALLBACK, ctx);
  if (!rc && l->own.n == 0)
    rc = sbx__error(ctx, SBX_EUSAGE, NULL, 0, code,
                    "no catalogue has this language; add a column for it "
                    "(docs/languages.md) or choose one that has one");
  if (rc) {
    sbx__lang_free(l);
    return rc;
  }
  *out = l;
  return 0;
}

int sbx__lang_load_or_fallback(sbx__lang **out, const char *code, sbx_ctx *ctx) {
  return sbx__lang_load(out, code && sbx__lang_exists(code) ? code : SBX_LANG_FALLBACK, ctx);
}

int sbx__lang_exists(const char *code) {
  sbx__lang *l = NULL;
  if (sbx__lang_load(&l, code, NULL)) return 0;
  sbx__lang_free(l);
  return 1;
}

static const entry *find(const table *t, const char *key) {
  size_t lo = 0, hi = t->n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    int c = strcmp(key, t->e[mid].key);
    if (c == 0) return &t->e[mid];
    if (c < 0) hi = mid;
    else lo = mid + 1;
  }
  return NULL;
}

const char *sbx__msg_own(const sbx__lang *l, const char *key) {
  const entry *e = l && key ? find(&l->own, key) : NULL;
  return e ? e->text : NULL;
}

const char *sbx__msg(const sbx__lang *l, const char *key) {
  if (!key) return "";
  const char *t = sbx__msg_own(l, key);
  const entry *e = t || !l ? NULL : find(&l->en, key);
  return t ? t : e ? e->text : key;
}

int sbx__msg_has(const sbx__lang *l, const char *key) {
  return l && key && (find(&l->own, key) || find(&l->en, key));
}

static size_t count_in(const table *t, const char *prefix) {
  char key[128];
  size_t n = 0;
  for (;;) {
    snprintf(key, sizeof key, "%s%zu", prefix, n + 1);
    if (!find(t, key)) return n;
    n++;
  }
}

size_t sbx__msg_count(const sbx__lang *l, const char *prefix) {
  if (!l || !prefix) return 0;
  size_t n = count_in(&l->own, prefix);
  return n ? n : count_in(&l->en, prefix);
}

/* The value for the placeholder name[0..len), or NULL. */
static const char *lookup(const char *const *kv, const char *name, size_t len) {
  for (size_t i = 0; kv && kv[i] && kv[i + 1]; i += 2)
    if (strlen(kv[i]) == len && memcmp(kv[i], name, len) == 0) return kv[i + 1];
  return NULL;
}

char *sbx__msg_fill(const sbx__lang *l, const char *key, const char *const *kv) {
  const char *t = sbx__msg(l, key);
  size_t need = 1;
  for (const char *p = t; *p; p++) { /* first pass: the length */
    const char *end = *p == '{' ? strchr(p, '}') : NULL;
    const char *v = end ? lookup(kv, p + 1, (size_t)(end - p - 1)) : NULL;
    if (v) {
      need += strlen(v);
      p = end;
    } else {
      need++;
    }
  }
  char *out = sbx__malloc(need), *o = out;
  if (!out) return NULL;
  for (const char *p = t; *p; p++) {
    const char *end = *p == '{' ? strchr(p, '}') : NULL;
    const char *v = end ? lookup(kv, p + 1, (size_t)(end - p - 1)) : NULL;
    if (v) {
      size_t n = strlen(v);
      memcpy(o, v, n);
      o += n;
      p = end;
    } else {
      *o++ = *p;
    }
  }
  *o = '\0';
  return out;
}

/* The language list (sbx__lang_list): the codes of one catalogue text's header. */
typedef struct code_list {
  char **v;
  size_t n, cap;
} code_list;

static int add_codes(code_list *c, const char *text, size_t len) {
  const char *p = text, *end = text + len;
  while (p < end && (*p == '#' || *p == '\n' || *p == '\r')) { /* comment and empty lines */
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    p = nl ? nl + 1 : end;
  }
  const char *eol = memchr(p, '\n', (size_t)(end - p));
  if (!eol) eol = end;
  for (const char *f = memchr(p, '\t', (size_t)(eol - p)); f && f < eol;) {
    const char *s = f + 1, *t = memchr(s, '\t', (size_t)(eol - s));
    size_t k = (size_t)((t ? t : eol) - s);
    if (k && s[k - 1] == '\r') k--;
    char *code = sbx__strndup(s, k);
    if (!code) return SBX_ENOMEM;
    int seen = !valid_code(code);
    for (size_t i = 0; !seen && i < c->n; i++) seen = strcmp(c->v[i], code) == 0;
    if (seen) sbx__free(code);
    else if (sbx__grow(&c->v, &c->cap, c->n + 1, sizeof *c->v)) {
      sbx__free(code);
      return SBX_ENOMEM;
    } else {
      c->v[c->n++] = code;
    }
    f = t;
  }
  return 0;
}

static int codes_dir(void *ud, const char *dir) {
  code_list *c = ud;
  char *folder = sbx__asprintf("%s/catalog", dir), **names = NULL;
  size_t n = 0;
  if (!folder) return SBX_ENOMEM;
  int rc = list_dir(folder, &names, &n, NULL);
  if (rc != SBX_ENOMEM) rc = 0; /* sbx__lang_load says what is wrong with the folder */
  for (size_t i = 0; !rc && i < n; i++) {
    char *path = sbx__asprintf("%s/%s", folder, names[i]), *text = NULL;
    size_t len = 0;
    if (!path) rc = SBX_ENOMEM;
    else if ((rc = sbx__read_file(path, SBX_LANG_MAX_FILE_BYTES, &text, &len, NULL)) == 0)
      rc = add_codes(c, text, len);
    else if (rc != SBX_ENOMEM)
      rc = 0;
    sbx__free(text);
    sbx__free(path);
  }
  free_names(names, n);
  sbx__free(folder);
  return rc;
}

int sbx__lang_list(char ***out, size_t *n) {
  code_list c = { NULL, 0, 0 };
  int rc = each_data_dir(codes_dir, &c);
  for (size_t i = 0; !rc && i < sbx__lang_builtin_count; i++)
    rc = add_codes(&c, (const char *)sbx__lang_builtin[i].data, sbx__lang_builtin[i].len);
  if (rc) {
    sbx__lang_list_free(c.v, c.n);
    c.v = NULL;
    c.n = 0;
  }
  *out = c.v;
  *n = c.n;
  return rc;
}

void sbx__lang_list_free(char **codes, size_t n) { free_names(codes, n); }

int sbx_lang_available(const char *code) { return code && sbx__lang_exists(code); }

int sbx_lang_text(char **out, const char *code, const char *key, const char *const *kv,
                  sbx_ctx *ctx) {
  *out = NULL;
  sbx__lang *l = NULL;
  int rc = sbx__lang_load(&l, code, ctx);
  if (rc) return rc;
  *out = sbx__msg_fill(l, key, kv);
  sbx__lang_free(l);
  return *out ? 0 : sbx__error(ctx, SBX_ENOMEM, NULL, 0, key, "out of memory");
}

void sbx_lang_text_free(char *text) { sbx__free(text); }
