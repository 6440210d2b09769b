/* Tiny assertion helpers for the C tests: a failed check prints where and
 * why, and the program exits 1 at the end (so every failure is listed). */
#ifndef CHECK_H
#define CHECK_H
#include <stdio.h>
#include <string.h>

static int check_failures = 0;

#define CHECK(cond) do { if (!(cond)) { \
    fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); check_failures++; } } while (0)

#define CHECK_STR(a, b) do { const char *sa_ = (a), *sb_ = (b); \
    if (!((sa_ == NULL && sb_ == NULL) || (sa_ && sb_ && strcmp(sa_, sb_) == 0))) { \
        fprintf(stderr, "%s:%d: %s == %s failed: \"%s\" vs \"%s\"\n", __FILE__, __LINE__, #a, #b, \
                sa_ ? sa_ : "(null)", sb_ ? sb_ : "(null)"); check_failures++; } } while (0)

#define CHECK_INT(a, b) do { long ia_ = (long)(a), ib_ = (long)(b); if (ia_ != ib_) { \
    fprintf(stderr, "%s:%d: %s == %s failed: %ld vs %ld\n", __FILE__, __LINE__, #a, #b, ia_, ib_); \
    check_failures++; } } while (0)

#define CHECK_DONE() do { if (check_failures) { fprintf(stderr, "%d check(s) failed\n", check_failures); return 1; } \
    printf("all checks passed\n"); return 0; } while (0)

#endif
