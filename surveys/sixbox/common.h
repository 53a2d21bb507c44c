/* What every public header shares: the export macro, the version call, the cancel
 * flag and the conventions of the options structs. */
#ifndef SIXBOX_COMMON_H
#define SIXBOX_COMMON_H

#include <signal.h>
#include <sixbox/version.h>

#ifdef __cplusplus
extern "C" {
#endif

/* SBX_EXTERN marks a function of the public API. The shared library is built with
 * hidden visibility and exports exactly the functions declared with it. */
#if defined(__GNUC__) && __GNUC__ >= 4
#define SBX_EXTERN extern __attribute__((visibility("default")))
#else
#define SBX_EXTERN extern
#endif

/* The version of the library the program runs against, e.g. "0.1.0"; compare with
 * SBX_VERSION_STRING, the version the program was compiled against. Thread-safe. */
SBX_EXTERN const char *sbx_version(void);

/* Threads. The library keeps no global mutable state of its own, so:
 * - Calls on different objects may run in different threads at the same time (two
 *   analyses, two imports, two reports), each with its own sbx_ctx.
 * - One object (an sbx_ctx, a survey, results, an inspection, ...) is used by one
 *   thread at a time; objects that are only read (a loaded survey or organisation,
 *   finished results passed as const) may be shared by several threads.
 * - sbx_global_init() and sbx_global_cleanup() are not thread-safe: call them once,
 *   at the start and the end of the program, while no other call runs.
 * - sbx_version(), sbx_strerror(), sbx_exit_code(), sbx_box_id() and
 *   sbx_box_from_id() are thread-safe.
 * Inside the library: sbx_analyse() (and so sbx_diagnose()) starts one extra thread for
 * the drivers' bootstraps and joins it before it returns; the results do not depend
 * on how the two are scheduled. A signal may arrive on that thread, which is why the
 * cancel flag is a sig_atomic_t the handler only sets. The built-in focus-area
 * catalogue (reports/actions) is parsed once, on first use, under pthread_once, and
 * kept until the process ends: memory checkers show it as still reachable, not as a
 * leak. */

/* A cancel flag: the caller sets it non-zero (e.g. from a signal handler) and the
 * library stops at its next check with SBX_EINTR, leaving no temporary file. The
 * library only reads it. */
typedef volatile sig_atomic_t sbx_cancel_flag;

/* Options structs (sbx_<name>_opts) follow one convention:
 * - The first field is `version`. Set it with sbx_<name>_opts_init(&opts,
 *   SBX_<NAME>_OPTS_VERSION) or with a designated initialiser:
 *     sbx_diagnose_opts o = { .version = SBX_DIAGNOSE_OPTS_VERSION, .survey = "s.xml" };
 *   A struct with a version the library does not know is SBX_EUSAGE.
 * - Every field left 0 or NULL takes its default, documented beside the field. A NULL
 *   options pointer means every default.
 * - Where "none" is a value of its own, different from the default (no retries, no
 *   missing answers), SBX_OPT_NONE asks for it.
 * New fields are only ever appended, and their 0 is their default, so a struct
 * initialised by an older program keeps meaning what it meant. */
#define SBX_OPT_NONE (-1)

#ifdef __cplusplus
}
#endif
#endif
