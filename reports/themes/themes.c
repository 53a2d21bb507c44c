/* The comment-theme lexicons (themes.h): read from a user's file, a $SIXBOX_DATA_DIR
 * folder or the shipped copy, checked line by line, and matched against comments.
 * Case folding covers ASCII and the Latin-1 supplement's capitals (À–Þ but ×), which
 * is what Swedish, Finnish and English comments need; a keyword must begin a word: at
 * the start, or after a character that is neither an ASCII letter or digit nor part of
 * a non-ASCII letter. */
#include "reports/themes/themes.h"
#include "surveys/util.h"

#include <sixbox/survey.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct lex_kw {
  sbx_box box;
  char *word; /* folded */
} lex_kw;

struct sbx__lexicon {
  lex_kw *k;
  size_t n, cap;
  char *source;
};

static char *fold(const char *s) {
  size_t n = strlen(s);
  char *o = sbx__malloc(n + 1);
  if (!o) return NULL;
  for (size_t i = 0; i <= n; i++) {
    unsigned char c = (unsigned char)s[i];
    o[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    if (c == 0xC3 && i + 1 < n) {
      unsigned char d = (unsigned char)s[i + 1];
      o[++i] = (char)(d >= 0x80 && d <= 0x9E && d != 0x97 ? d + 0x20 : d);
    }
  }
  return o;
}

static int word_char(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

static int has_word(const char *text, const char *kw) {
  size_t k = strlen(kw);
  if (k == 0) return 0;
  for (const char *p = strstr(text, kw); p; p = strstr(p + 1, kw))
    if (p == text || !word_char((unsigned char)p[-1])) return 1;
  return 0;
}

void sbx__lexicon_free(sbx__lexicon *lex) {
  if (!lex) return;
  for (size_t i = 0; i < lex->n; i++) sbx__free(lex->k[i].word);
  sbx__free(lex->k);
  sbx__free(lex->source);
  sbx__free(lex);
}

const char *sbx__lexicon_source(const sbx__lexicon *lex) {
  return lex ? lex->source : NULL;
}

const char *sbx__lexicon_name(const sbx__lexicon *lex) {
  static const char builtin[] = "built-in ";
  const char *s = sbx__lexicon_source(lex), *slash;
  if (!s) return NULL;
  if (strncmp(s, builtin, sizeof builtin - 1) == 0) return s + sizeof builtin - 1;
  slash = strrchr(s, '/');
  return slash ? slash + 1 : s;
}

int sbx__themes_has(const sbx__lexicon *lex) {
  return lex && lex->n > 0;
}

int sbx__themes_of(unsigned *set, const sbx__lexicon *lex, const char *text) {
  *set = 0;
  if (!lex || !lex->n || !text) return 0;
  char *t = fold(text);
  if (!t) return SBX_ENOMEM;
  for (size_t i = 0; i < lex->n; i++)
    if (!(*set & (1u << lex->k[i].box)) && has_word(t, lex->k[i].word)) *set |= 1u << lex->k[i].box;
  sbx__free(t);
  return 0;
}

/* One line "box-id<TAB>keyword" (CR and the line's end cut off); blank lines and
 * '#' comments are skipped. */
static int parse_line(sbx__lexicon *lex, char *line, const char *src, long no, sbx_ctx *ctx) {
  size_t len = strlen(line);
  if (len && line[len - 1] == '\r') line[--len] = '\0';
  if (len == 0 || line[0] == '#' || strspn(line, " \t") == len) return 0;
  char *tab = strchr(line, '\t');
  if (!tab)
    return sbx__error(ctx, SBX_EDATA, src, no, NULL,
                      "a line needs a box id, a TAB and a keyword (purposes<TAB>mål); this one has no TAB");
  *tab = '\0';
  char *word = tab + 1;
  sbx_box b = sbx_box_from_id(line);
  if (b == SBX_BOX_NONE)
    return sbx__error(ctx, SBX_EDATA, src, no, line,
                      "unknown box id '%s'; use purposes, structure, relationships, rewards, leadership "
                      "or helpful-mechanisms", line);
  while (*word == ' ') word++;
  for (size_t e = strlen(word); e && word[e - 1] == ' ';) word[--e] = '\0';
  if (!*word || strchr(word, '\t'))
    return sbx__error(ctx, SBX_EDATA, src, no, line,
                      *word ? "one keyword a line: a second TAB follows the keyword"
                            : "the keyword is empty; write one after the TAB");
  if (sbx__grow(&lex->k, &lex->cap, lex->n + 1, sizeof *lex->k)) return SBX_ENOMEM;
  char *f = fold(word);
  if (!f) return SBX_ENOMEM;
  lex->k[lex->n++] = (lex_kw){ b, f };
  return 0;
}

/* Parses text (NUL-terminated, modified in place) into lex, src naming it in errors. */
static int parse(sbx__lexicon *lex, char *text, size_t len, const char *src, sbx_ctx *ctx) {
  size_t bad;
  if (!sbx__utf8_valid(text, len, &bad)) {
    long no = 1;
    for (size_t i = 0; i < bad; i++) no += text[i] == '\n';
    return sbx__error(ctx, SBX_EDATA, src, no, NULL, "not UTF-8 (byte %zu); save the lexicon as UTF-8", bad);
  }
  if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) text += 3; /* a byte-order mark */
  long no = 1;
  int rc = 0;
  for (char *p = text, *nl; !rc && p; p = nl ? nl + 1 : NULL, no++) {
    nl = strchr(p, '\n');
    if (nl) *nl = '\0';
    rc = parse_line(lex, p, src, no, ctx);
  }
  return rc;
}

static int exists(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The path of lang's lexicon in the first $SIXBOX_DATA_DIR folder that has one; NULL
 * for none (*oom set when out of memory). */
static char *data_dir_file(const char *lang, int *oom) {
  const char *env = getenv("SIXBOX_DATA_DIR");
  if (!env || !*env) return NULL;
  char *copy = sbx__strdup(env), *found = NULL;
  if (!copy) return *oom = 1, NULL;
  for (char *p = copy, *end; p && !found && !*oom; p = end ? end + 1 : NULL) {
    end = strchr(p, ':');
    if (end) *end = '\0';
    if (!*p) continue;
    char *path = sbx__asprintf("%s/themes/lexicon-%s.tsv", p, lang);
    if (!path) *oom = 1;
    else if (exists(path)) found = path;
    else sbx__free(path);
  }
  sbx__free(copy);
  return found;
}

static int load_file(sbx__lexicon *lex, const char *path, sbx_ctx *ctx) {
  char *text = NULL;
  size_t len = 0;
  int rc = sbx__read_file(path, SBX_LEXICON_MAX_BYTES, &text, &len, ctx);
  if (!rc) rc = (lex->source = sbx__strdup(path)) ? parse(lex, text, len, path, ctx) : SBX_ENOMEM;
  sbx__free(text);
  return rc;
}

static int load_builtin(sbx__lexicon *lex, const char *lang, sbx_ctx *ctx) {
  for (size_t i = 0; i < sbx__lexicon_builtin_count; i++) {
    const sbx__lexicon_file *b = &sbx__lexicon_builtin[i];
    if (strcmp(b->lang, lang) != 0) continue;
    char *text = sbx__strndup((const char *)b->data, b->len);
    lex->source = sbx__asprintf("built-in reports/themes/lexicon-%s.tsv", lang);
    int rc = text && lex->source ? parse(lex, text, b->len, lex->source, ctx) : SBX_ENOMEM;
    sbx__free(text);
    return rc;
  }
  return 0;
}

int sbx__lexicon_load(sbx__lexicon **out, const char *lang, sbx_ctx *ctx) {
  *out = NULL;
  sbx__lexicon *lex = sbx__calloc(1, sizeof *lex);
  if (!lex) return SBX_ENOMEM;
  const char *own = getenv("SIXBOX_LEXICON");
  int rc = 0, oom = 0;
  if (own && *own) {
    rc = load_file(lex, own, ctx);
  } else if (lang && *lang) {
    char *path = data_dir_file(lang, &oom);
    rc = oom ? SBX_ENOMEM : path ? load_file(lex, path, ctx) : load_builtin(lex, lang, ctx);
    sbx__free(path);
  }
  if (rc) {
    sbx__lexicon_free(lex);
    return rc;
  }
  *out = lex;
  return 0;
}
