/* Helpers of the C tests that call the API against the mock: the client
 * `c`, checks of the last call's outcome, JSON and string lists to build
 * requests with, and a walker visitor that counts. Include after the API
 * headers and check.h. */
#ifndef CALLS_H
#define CALLS_H
#include <stdlib.h>
#include <string.h>
#include "check.h"

static apiClient_t *c;

/* The last call succeeded. */
#define OK() do { CHECK_INT(c->response_code, 200); CHECK(apiClient_errorMessage(c) == NULL); \
    if (apiClient_errorMessage(c)) fprintf(stderr, "    (the error: %s)\n", apiClient_errorMessage(c)); } while (0)
/* The last call failed with `status`, the error naming `param` (or NULL). */
#define FAILED(result, status, wanted) do { CHECK((result) == NULL); CHECK_INT(c->response_code, status); \
    error_response_t *er_ = apiClient_errorResponse(c); \
    CHECK(er_ && er_->error); \
    if (er_ && er_->error) CHECK_STR(er_->error->param, wanted); \
    error_response_free(er_); } while (0)

/* The `i`-th item of a list, or NULL. */
static inline void *nth(list_t *l, int i) {
    if (!l) return NULL;
    listEntry_t *e = l->firstEntry;
    while (e && i-- > 0) e = e->nextListEntry;
    return e ? e->data : NULL;
}

static inline cJSON *json(const char *text) {
    cJSON *j = cJSON_Parse(text);
    CHECK(j != NULL);
    return j;
}

/* A list of copies of `a` and `b` (either may be NULL: left out). */
static inline list_t *strings(const char *a, const char *b) {
    list_t *l = list_createList();
    if (a) list_addElement(l, strdup(a));
    if (b) list_addElement(l, strdup(b));
    return l;
}

static inline void free_strings(list_t *l) {
    listEntry_t *e;
    list_ForEach(e, l) { free(e->data); }
    list_freeList(l);
}

/* A walker's visitor: counts the items in `*(int *)n`. */
static inline int count(void *item, void *n) {
    CHECK(item != NULL);
    (*(int *)n)++;
    return 0;
}

#endif
