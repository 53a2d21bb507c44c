/* The library's version. CMake reads the numbers from here (one place for them);
 * sbx_version() tells which library a program actually runs against. */
#ifndef SIXBOX_VERSION_H
#define SIXBOX_VERSION_H

#define SBX_VERSION_MAJOR 0
#define SBX_VERSION_MINOR 1
#define SBX_VERSION_PATCH 0
#define SBX_VERSION_STRING "0.1.0"

#endif
