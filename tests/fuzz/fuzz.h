/* Shared by the fuzz targets: the libFuzzer entry point, the questionnaire
 * loaded once, and the checks every target makes on what the engine says. */
#ifndef AP_FUZZ_H
#define AP_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "qn.h"

/* libFuzzer calls this once per input; so does the replay main. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* questionnaires/ariat-2000.yaml, loaded on the first call and kept (a
 * failure to load it aborts: the target would test nothing). The folder is
 * $AP_SOURCE_ROOT/questionnaires, else the source tree the target was
 * built from. */
const qn *
fuzz_ariat(void);

/* Reports a broken property and aborts, so that libFuzzer (or the replay
 * test) stops on the input that shows it. */
#if defined(__GNUC__)
__attribute__((noreturn, format(printf, 1, 2)))
#endif
void
fuzz_fail(const char *fmt, ...);

/* True when s[0..len) is strict UTF-8 holding no C0 control but those in
 * allowed (e.g. "\n"), no DEL and no C1 control (U+0080..U+009F): text
 * that cannot move a terminal's cursor or change its state. On false,
 * *bad is the offset of the first offending byte. */
bool
fuzz_text_inert(const char *s, size_t len, const char *allowed, size_t *bad);

/* Every problem in the list, as front ends print it (diag_format), must be
 * inert text without a newline: messages quote what they found in a file,
 * and a file must not be able to reach the terminal through them. */
void
fuzz_check_diags(const diag_list *diags, const char *where);

#endif
