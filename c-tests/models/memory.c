/* Memory has a ceiling, one case per run (argv[1]), measured plainly (the
 * runner loads the mock's answers first):
 * - hostile: a 60 MiB list of `{}` items fails cleanly; prints the peak RSS;
 * - kept: after large answers (an 8 MiB error body, an 8 MiB project) the
 *   client keeps at most 1 MiB of buffers: heap in use, measured with
 *   mallinfo2, before and after;
 * - headers: 200,000 apiClient_responseHeader calls keep the heap flat.
 * Environment: OPENAI_API_TEST_URL, OPENAI_API_TEST_KEY. */
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include "api/ProjectsAPI.h"
#include "../check.h"

static long in_use(void) {
    return (long)mallinfo2().uordblks;
}

int main(int argc, char **argv) {
    const char *url = getenv("OPENAI_API_TEST_URL"), *key = getenv("OPENAI_API_TEST_KEY");
    if (!url || !key || argc != 2) { fprintf(stderr, "usage: memory CASE (environment set)\n"); return 2; }
    apiClient_t *c = apiClient_create_with_base_path(url, NULL);
    c->accessToken = strdup(key);
    apiClient_setMaxRetries(c, 0);
    const char *which = argv[1];
    if (!strcmp(which, "hostile")) {
        project_list_response_t *l = ProjectsAPI_listProjects(c, NULL, NULL, NULL);
        CHECK(l == NULL);
        CHECK_STR(apiClient_errorType(c), "invalid_response");
        const char *m = apiClient_errorMessage(c);
        CHECK(m && strstr(m, "bytes of memory as C structs"));
        fprintf(stderr, "message: %s\n", m ? m : "(null)");
        project_list_response_free(l);
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        printf("maxrss_kib %ld\n", ru.ru_maxrss);
    } else if (!strcmp(which, "kept")) {
        /* A first small call sets up the connection and the buffers. */
        project_t *p = ProjectsAPI_retrieveProject(c, "proj_small");
        project_free(p);
        long before = in_use();
        p = ProjectsAPI_retrieveProject(c, "proj_error");
        CHECK(p == NULL);
        CHECK_INT(c->response_code, 400);
        p = ProjectsAPI_retrieveProject(c, "proj_big");
        CHECK(p != NULL);
        CHECK(p && p->name && strlen(p->name) == 8u << 20);
        project_free(p);
        long after = in_use();
        printf("kept_bytes %ld\n", after - before);
    } else if (!strcmp(which, "headers")) {
        project_t *p = ProjectsAPI_retrieveProject(c, "proj_small");
        project_free(p);
        for (int i = 0; i < 1000; i++) CHECK(apiClient_responseHeader(c, "x-request-id") != NULL);
        long before = in_use();
        for (int i = 0; i < 200000; i++) {
            const char *v = apiClient_responseHeader(i % 2 ? c : c, i % 2 ? "x-request-id" : "Content-Type");
            if (!v) { CHECK(v != NULL); break; }
        }
        printf("kept_bytes %ld\n", in_use() - before);
    }
    apiClient_free(c);
    CHECK_DONE();
}
