/* The message catalogue as the report writers use it: sbx__msg(lang, key) and friends,
 * over a language loaded with sbx__lang_load (surveys/lang/lang.h). Library-internal. */
#ifndef SBX_CATALOG_H
#define SBX_CATALOG_H

#include "surveys/lang/lang.h"

#endif
