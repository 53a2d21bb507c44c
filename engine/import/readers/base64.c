/* RFC 4648 base64 decoding (standard alphabet), for LimeSurvey RemoteControl
 * export_responses results. White space is skipped, padding is optional. */
#include "engine/import/readers/readers.h"

#include <stdlib.h>

#define NOT_BASE64 (-1) /* b64_value(): c is not in the alphabet */

/* The 6-bit value of c, or NOT_BASE64. */
static int b64_value(unsigned char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return NOT_BASE64;
}

int sbx__rd_base64_decode(char **out, size_t *outlen, const char *in, size_t len) {
  *out = NULL;
  *outlen = 0;
  char *d = sbx__malloc(len / 4 * 3 + 4);
  if (!d) return SBX_ENOMEM;
  size_t n = 0, pad = 0;
  unsigned acc = 0, bits = 0;
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)in[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    if (c == '=') {
      pad++;
      continue;
    }
    int v = b64_value(c);
    if (v == NOT_BASE64 || pad) { /* a stray byte, or data after the padding */
      sbx__free(d);
      return SBX_EDATA;
    }
    acc = (acc << 6) | (unsigned)v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      d[n++] = (char)((acc >> bits) & 0xFF);
    }
  }
  if (pad > 2 || bits >= 6) { /* a lone sextet cannot end a valid encoding */
    sbx__free(d);
    return SBX_EDATA;
  }
  d[n] = '\0';
  *out = d;
  *outlen = n;
  return 0;
}
