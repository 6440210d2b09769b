/* One fault case per run (argv[1]); the test runner sets the mock's faults
 * up first and checks its request log afterwards. Prints "elapsed N" (ms),
 * measured around the case's own call. Timed cases first make one call on a
 * separate client (the runner queues a pass-through answer for it), so the
 * time measured is the case's, not the program's first call.
 * Environment: OPENAI_API_TEST_URL, OPENAI_API_TEST_KEY. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "api/ProjectsAPI.h"
#include "../check.h"

static long now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000L + t.tv_nsec / 1000000L;
}

#define CHECK_CONTAINS(hay, needle) do { const char *h_ = (hay); \
    if (!h_ || !strstr(h_, (needle))) { fprintf(stderr, "%s:%d: \"%s\" does not contain \"%s\"\n", \
        __FILE__, __LINE__, h_ ? h_ : "(null)", (needle)); check_failures++; } } while (0)

/* A failed retrieve: NULL, this status, this error type, this text. */
static void expect_failure(apiClient_t *c, long status, const char *type, const char *text) {
    project_t *p = ProjectsAPI_retrieveProject(c, "proj_1");
    CHECK(p == NULL);
    project_free(p);
    CHECK_INT(c->response_code, status);
    CHECK_STR(apiClient_errorType(c), type);
    CHECK_CONTAINS(apiClient_errorMessage(c), text);
    CHECK(strstr(apiClient_errorMessage(c) ? apiClient_errorMessage(c) : "", "sk-") == NULL);
}

static void expect_success(apiClient_t *c) {
    int limit = 5;
    project_list_response_t *l = ProjectsAPI_listProjects(c, &limit, NULL, NULL);
    CHECK(l != NULL);
    CHECK_INT(c->response_code, 200);
    CHECK(apiClient_errorMessage(c) == NULL);
    project_list_response_free(l);
}

int main(int argc, char **argv) {
    const char *url = getenv("OPENAI_API_TEST_URL"), *key = getenv("OPENAI_API_TEST_KEY");
    if (argc != 2 || !url || !key) { fprintf(stderr, "usage: calls_faults CASE (with the environment set)\n"); return 2; }
    const char *k = argv[1];
    int timed = !strcmp(k, "silent") || !strcmp(k, "stall_body") || !strcmp(k, "trickle") || !strcmp(k, "retry_after") ||
                !strcmp(k, "retry_500");
    if (timed) {
        apiClient_t *warm = apiClient_create_with_base_path(url, NULL);
        warm->accessToken = strdup(key);
        expect_success(warm);
        apiClient_free(warm);
    }
    if (!strcmp(k, "connect_timeout")) {
        /* Warm up the connect path on a port where nothing listens. */
        apiClient_t *warm = apiClient_create_with_base_path("http://127.0.0.1:1/v1", NULL);
        apiClient_setMaxRetries(warm, 0);
        project_free(ProjectsAPI_retrieveProject(warm, "proj_1"));
        CHECK_STR(apiClient_errorType(warm), "connection");
        apiClient_free(warm);
    }
    apiClient_t *c = apiClient_create_with_base_path(url, NULL);
    c->accessToken = strdup(key);
    long start = now_ms();

    if (!strcmp(k, "refused")) {
        expect_failure(c, 0, "connection", "connection refused");
    } else if (!strcmp(k, "silent") || !strcmp(k, "stall_body") || !strcmp(k, "trickle")) {
        /* Different limits, so the message proves which one fired. */
        apiClient_setTimeouts(c, 5000, 3000);
        apiClient_setMaxRetries(c, 0);
        expect_failure(c, 0, "timeout", "timed out after 3000 ms (the time limit of the whole request to 127.0.0.1:");
    } else if (!strcmp(k, "connect_timeout")) {
        apiClient_setTimeouts(c, 2000, 6000);
        apiClient_setMaxRetries(c, 0);
        expect_failure(c, 0, "timeout", "timed out after 2000 ms connecting to 127.0.0.1:");
    } else if (!strcmp(k, "close_before") || !strcmp(k, "close_during")) {
        apiClient_setMaxRetries(c, 0);
        expect_failure(c, 0, "connection", "");
    } else if (!strcmp(k, "close_then_ok") || !strcmp(k, "retry_500") || !strcmp(k, "retry_after")) {
        expect_success(c);
    } else if (!strcmp(k, "truncated")) {
        expect_failure(c, 200, "invalid_response", "invalid JSON in response at byte 25");
    } else if (!strcmp(k, "wrong_shape")) {
        expect_failure(c, 200, "invalid_response", "project.id: expected a string, got a number");
    } else if (!strcmp(k, "bad_utf8")) {
        expect_failure(c, 200, "invalid_response", "invalid UTF-8 in response at byte 12");
    } else if (!strcmp(k, "html")) {
        expect_failure(c, 200, "invalid_response", "(content-type text/html)");
    } else if (!strcmp(k, "huge")) {
        expect_failure(c, 0, "invalid_response", "response body larger than 67108864 bytes");
    } else if (!strcmp(k, "no_retry")) {
        expect_failure(c, 503, "server_error", "overloaded");
    } else if (!strcmp(k, "retries_exhausted")) {
        expect_failure(c, 502, "server_error", "attempt 3");
    } else if (!strcmp(k, "redirect")) {
        expect_failure(c, 307, "invalid_response", "redirects are not followed");
    } else if (!strcmp(k, "headers")) {
        CHECK_INT(apiClient_setHeader(c, "bad name", "x"), -1);
        CHECK_INT(apiClient_setHeader(c, "X-Bad-Value", "a\nb"), -1);
        CHECK_INT(apiClient_setHeader(c, NULL, "x"), -1);
        CHECK_INT(apiClient_setHeader(NULL, "X-A", "x"), -1);
        CHECK_INT(apiClient_setHeader(c, "X-Custom", "one"), 0);
        CHECK_INT(apiClient_setHeader(c, "X-Custom", "two"), 0);
        CHECK_INT(apiClient_setHeader(c, "X-Gone", "soon"), 0);
        CHECK_INT(apiClient_setHeader(c, "X-Gone", NULL), 0);
        CHECK_INT(apiClient_setHeader(c, "User-Agent", "admin-script/2.0"), 0);
        apiClient_setTimeouts(NULL, 1, 1);
        apiClient_setMaxRetries(NULL, 1);
        /* Limits of any length are limits (no overflow of the clock). */
        apiClient_setTimeouts(c, LONG_MAX, LONG_MAX);
        expect_success(c);
    } else {
        fprintf(stderr, "unknown case %s\n", k);
        check_failures++;
    }
    printf("elapsed %ld\n", now_ms() - start);
    apiClient_free(c);
    CHECK_DONE();
}
