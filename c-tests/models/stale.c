/* A library struct released with plain free() (a bug, but a common one):
 * when the program's next malloc returns the same address and it builds a
 * request there, the library still reads only within the struct (its
 * private members were never beside it), and sends nothing but what it
 * holds. Freed blocks are handed out again at once here (ASan's quarantine
 * off below; valgrind with --freelist-vol=0 from the runner), so the
 * address does come back. Environment: OPENAI_API_TEST_URL,
 * OPENAI_API_TEST_KEY. */
#include <stdlib.h>
#include <string.h>
#include "api/ProjectsAPI.h"
#include "../check.h"

const char *__asan_default_options(void);
const char *__asan_default_options(void) {
    return "quarantine_size_mb=0:thread_local_quarantine_size_kb=0";
}

int main(void) {
    const char *url = getenv("OPENAI_API_TEST_URL"), *key = getenv("OPENAI_API_TEST_KEY");
    if (!url || !key) { fprintf(stderr, "environment not set\n"); return 2; }
    apiClient_t *c = apiClient_create_with_base_path(url, NULL);
    c->accessToken = strdup(key);

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    project_create_request_t *old = project_create_request_create(strdup("old"));
#pragma GCC diagnostic pop
    CHECK_INT(project_create_request_set_residency(old, "EU_STORAGE_PROCESSING"), 0);
    void *address = old;
    free(old->name);
    free(old); /* the bug: not project_create_request_free */

    /* The program's own requests, until one lands where the old one was:
     * a bare request, or one inside a larger struct of the program's (its
     * other bytes garbage) - whichever size the allocator hands back. */
    project_create_request_t *mine[144] = {0};
    int reused = -1;
    for (int i = 0; i < 144 && reused < 0; i++) {
        size_t size = sizeof *mine[i] + 8 * (size_t)(i / 24); /* 0, 8, ... 40 more bytes */
        mine[i] = malloc(size);
        memset(mine[i], 0xA5, size);
        if ((void *)mine[i] == address) reused = i;
    }
    CHECK(reused >= 0);
    printf("reused %s\n", reused >= 0 ? "yes" : "no");
    if (reused >= 0) {
        project_create_request_t *r = mine[reused];
        r->name = "new";
        r->_library_owned = 0;
        project_t *p = ProjectsAPI_createProject(c, r);
        CHECK(p != NULL);
        project_free(p);
        project_create_request_free(r); /* _library_owned 0: frees nothing */
        CHECK(r->name != NULL && strcmp(r->name, "new") == 0);
    }
    for (int i = 0; i < 144; i++) free(mine[i]);
    apiClient_free(c);
    CHECK_DONE();
}
