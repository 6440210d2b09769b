/* The day-two extensions: the version, the last answer's headers and the
 * log callback, the warning that curl_pre_invoke_func is never called.
 * Environment: OPENAI_API_TEST_URL, OPENAI_API_TEST_KEY,
 * OPENAI_API_TEST_PROJECT; the runner queues a 503 then lets the retry
 * through for the retried call. */
#include <stdlib.h>
#include <string.h>
#include "api/ProjectsAPI.h"
#include "../check.h"

struct lines {
    int n, debug, info, warn, error, key_seen;
    char last[512], warned[1024];
};

static const char *key;

static void collect(void *user_data, int level, const char *line) {
    struct lines *l = user_data;
    l->n++;
    l->debug += level == OPENAI_API_LOG_DEBUG;
    l->info += level == OPENAI_API_LOG_INFO;
    l->warn += level == OPENAI_API_LOG_WARN;
    l->error += level == OPENAI_API_LOG_ERROR;
    l->key_seen += strstr(line, key) != NULL;
    snprintf(l->last, sizeof l->last, "%s", line);
    if (level == OPENAI_API_LOG_WARN) snprintf(l->warned, sizeof l->warned, "%s", line);
}

static int hooks_run;
static void pre_invoke(CURL *handle) {
    (void)handle;
    hooks_run++;
}

int main(void) {
    const char *url = getenv("OPENAI_API_TEST_URL");
    char *proj = getenv("OPENAI_API_TEST_PROJECT");
    key = getenv("OPENAI_API_TEST_KEY");
    if (!url || !key || !proj) {
        fprintf(stderr, "environment not set\n");
        return 2;
    }

    /* The version: the running library's equals the headers' here. */
    CHECK_STR(openai_api_version(), OPENAI_API_VERSION);
    char made[32];
    snprintf(made, sizeof made, "%d.%d.%d", OPENAI_API_VERSION_MAJOR, OPENAI_API_VERSION_MINOR, OPENAI_API_VERSION_PATCH);
    CHECK_STR(made, OPENAI_API_VERSION);
    printf("version %s\n", openai_api_version());

    apiClient_t *c = apiClient_create_with_base_path(url, NULL);
    c->accessToken = strdup(key);

    /* Response headers: none before an answer, then the last answer's. */
    CHECK(apiClient_responseHeader(c, "x-request-id") == NULL);
    CHECK(apiClient_responseHeader(NULL, "x-request-id") == NULL);
    project_t *p = ProjectsAPI_retrieveProject(c, proj);
    CHECK(p != NULL);
    project_free(p);
    const char *id = apiClient_responseHeader(c, "X-Request-Id");
    CHECK(id && apiClient_requestId(c) && strcmp(id, apiClient_requestId(c)) == 0);
    CHECK_STR(apiClient_responseHeader(c, "openai-processing-ms"), "1");
    CHECK_STR(apiClient_responseHeader(c, "content-type"), "application/json");
    CHECK(apiClient_responseHeader(c, "x-not-sent") == NULL);
    CHECK(apiClient_responseHeader(c, NULL) == NULL);
    /* Still valid after more lookups. */
    CHECK(id && strncmp(id, "req_", 4) == 0);
    /* After a failure: that answer's headers. */
    CHECK(ProjectsAPI_retrieveProject(c, "proj_missing") == NULL);
    CHECK_INT(c->response_code, 404);
    CHECK_STR(apiClient_responseHeader(c, "openai-processing-ms"), "1");

    /* The log callback: every attempt's start and end, never the key. */
    struct lines l = {0};
    apiClient_setLogCallback(c, collect, &l);
    p = ProjectsAPI_retrieveProject(c, proj);
    CHECK(p != NULL);
    project_free(p);
    CHECK_INT(l.debug, 1);
    CHECK_INT(l.info, 1);
    CHECK(strstr(l.last, "-> 200") != NULL);
    /* A failed call: its last attempt is an error line. */
    CHECK(ProjectsAPI_retrieveProject(c, "proj_missing") == NULL);
    CHECK_INT(l.error, 1);
    CHECK(strstr(l.last, "-> 404") != NULL);
    /* A retried call (the runner queued a 503 for it): warn, then info. */
    l.debug = l.info = l.warn = 0;
    p = ProjectsAPI_retrieveProject(c, proj);
    CHECK(p != NULL);
    project_free(p);
    CHECK_INT(l.debug, 2);
    CHECK_INT(l.warn, 1);
    CHECK_INT(l.info, 1);
    CHECK_INT(l.key_seen, 0);
    /* NULL restores stderr: the callback hears nothing more. */
    int before = l.n;
    apiClient_setLogCallback(c, NULL, NULL);
    project_free(ProjectsAPI_retrieveProject(c, proj));
    CHECK_INT(l.n, before);
    apiClient_setLogCallback(NULL, collect, &l);

    /* No answer at all: no headers. */
    apiClient_t *dead = apiClient_create_with_base_path("http://127.0.0.1:1/v1", NULL);
    apiClient_setMaxRetries(dead, 0);
    CHECK(ProjectsAPI_retrieveProject(dead, proj) == NULL);
    CHECK(apiClient_responseHeader(dead, "x-request-id") == NULL);
    apiClient_free(dead);

    /* curl_pre_invoke_func cannot run here (no libcurl handle): one warning
     * per client says so and what replaces it, to the log callback... */
    apiClient_t *hooked = apiClient_create_with_base_path(url, NULL);
    hooked->accessToken = strdup(key);
    struct lines h = {0};
    apiClient_setLogCallback(hooked, collect, &h);
    hooked->curl_pre_invoke_func = pre_invoke;
    for (int i = 0; i < 3; i++) project_free(ProjectsAPI_retrieveProject(hooked, proj));
    CHECK_INT(h.warn, 1);
    CHECK_INT(hooks_run, 0);
    CHECK(strstr(h.warned, "curl_pre_invoke_func is set but never called") && strstr(h.warned, "apiClient_setTimeouts") &&
          strstr(h.warned, "MIGRATING.md"));
    apiClient_free(hooked);
    /* ... or to stderr, once (the runner counts it). */
    hooked = apiClient_create_with_base_path(url, NULL);
    hooked->accessToken = strdup(key);
    hooked->curl_pre_invoke_func = pre_invoke;
    for (int i = 0; i < 2; i++) project_free(ProjectsAPI_retrieveProject(hooked, proj));
    CHECK_INT(hooks_run, 0);
    apiClient_free(hooked);

    apiClient_free(c);
    CHECK_DONE();
}
