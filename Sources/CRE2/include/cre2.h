#ifndef HEAPSCOPE_CRE2_H
#define HEAPSCOPE_CRE2_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// A compiled RE2 expression (Go's regexp syntax, matched in linear time).
typedef struct heapscope_re2 heapscope_re2;

/// Compiles `pattern` (UTF-8, `length` bytes). On failure returns NULL and,
/// when `error` is not NULL, sets it to a message to release with
/// heapscope_re2_free_error.
heapscope_re2 *heapscope_re2_new(const char *pattern, size_t length, char **error);

/// Releases an expression from heapscope_re2_new.
void heapscope_re2_free(heapscope_re2 *re);

/// Releases an error message from heapscope_re2_new.
void heapscope_re2_free_error(char *error);

/// 1 when the expression matches anywhere in `text` (UTF-8, `length` bytes), else 0.
/// Safe to call from several threads at once.
int heapscope_re2_partial_match(const heapscope_re2 *re, const char *text, size_t length);

#ifdef __cplusplus
}
#endif

#endif
