/* The bytes of reports/actions/focus-areas.xml, embedded at build time by
 * reports/actions/CMakeLists.txt into a generated focus_data.c. */
#ifndef SBX_FOCUS_DATA_H
#define SBX_FOCUS_DATA_H

#include <stddef.h>

extern const unsigned char sbx__focus_xml[];
extern const size_t sbx__focus_xml_len;

#endif
