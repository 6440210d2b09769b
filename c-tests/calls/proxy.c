/* One retrieve through whatever proxy the environment or argv[1] names:
 * "env" (the environment decides), "set:URL" (apiClient_setProxy(URL)),
 * "none" (apiClient_setProxy("")), "bad:URL" (apiClient_setProxy refuses
 * URL). argv[2] is the expected errorType, or "ok". The runner counts what
 * its proxies and the mock saw. Environment: OPENAI_API_TEST_URL,
 * OPENAI_API_TEST_KEY, OPENAI_API_TEST_PROJECT. */
#include <stdlib.h>
#include <string.h>
#include "api/ProjectsAPI.h"
#include "../check.h"

int main(int argc, char **argv) {
    const char *url = getenv("OPENAI_API_TEST_URL"), *key = getenv("OPENAI_API_TEST_KEY");
    const char *project = getenv("OPENAI_API_TEST_PROJECT");
    if (!url || !key || !project || argc != 3) { fprintf(stderr, "usage: proxy MODE EXPECTED (environment set)\n"); return 2; }
    apiClient_t *c = apiClient_create_with_base_path(url, NULL);
    c->accessToken = strdup(key);
    apiClient_setMaxRetries(c, 0);
    const char *mode = argv[1], *expected = argv[2];
    if (!strncmp(mode, "set:", 4)) CHECK_INT(apiClient_setProxy(c, mode + 4), 0);
    if (!strcmp(mode, "none")) CHECK_INT(apiClient_setProxy(c, ""), 0);
    if (!strncmp(mode, "bad:", 4)) CHECK_INT(apiClient_setProxy(c, mode + 4), -1);
    project_t *p = ProjectsAPI_retrieveProject(c, (char *)project);
    if (!strcmp(expected, "ok")) {
        CHECK(p != NULL);
        CHECK_INT(c->response_code, 200);
    } else {
        CHECK(p == NULL);
        CHECK_STR(apiClient_errorType(c), expected);
        fprintf(stderr, "message: %s\n", apiClient_errorMessage(c) ? apiClient_errorMessage(c) : "(null)");
    }
    project_free(p);
    apiClient_free(c);
    CHECK_DONE();
}
