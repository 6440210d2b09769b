/* HTTPS against the mock: a CA file, an untrusted certificate refused, the
 * system roots (which do not trust the mock), insecure mode, and mutual TLS.
 * Environment: OPENAI_API_TEST_URL (https), OPENAI_API_TEST_KEY,
 * OPENAI_API_TEST_CERTS (the mock's certificate directory) and
 * OPENAI_API_TEST_MTLS=1 when the mock requires a client certificate. */
#include <stdlib.h>
#include <string.h>
#include "api/ProjectsAPI.h"
#include "../check.h"

static const char *url, *key, *dir;

static char *path(const char *file) {
    static char buf[4][512];
    static int n = 0;
    char *p = buf[n++ % 4];
    snprintf(p, 512, "%s/%s", dir, file);
    return p;
}

/* Lists projects through a client with `ssl` (owned by the caller);
 * returns 1 on success. On failure the error type must be `tls`. */
static int list_with(sslConfig_t *ssl, const char *expect_in_message) {
    apiClient_t *c = apiClient_create_with_base_path(url, ssl);
    c->accessToken = strdup(key);
    int limit = 5;
    project_list_response_t *page = ProjectsAPI_listProjects(c, &limit, NULL, NULL);
    int ok = page != NULL;
    if (ok) {
        CHECK_INT(c->response_code, 200);
        CHECK(apiClient_errorMessage(c) == NULL);
        CHECK_INT(page->data->count, 1);
    } else {
        CHECK_INT(c->response_code, 0);
        CHECK_STR(apiClient_errorType(c), "tls");
        const char *m = apiClient_errorMessage(c);
        if (!m || !strstr(m, expect_in_message)) {
            fprintf(stderr, "message \"%s\" lacks \"%s\"\n", m ? m : "(null)", expect_in_message);
            check_failures++;
        }
        CHECK(m && strstr(m, key) == NULL);
    }
    project_list_response_free(page);
    apiClient_free(c);
    return ok;
}

int main(void) {
    url = getenv("OPENAI_API_TEST_URL");
    key = getenv("OPENAI_API_TEST_KEY");
    dir = getenv("OPENAI_API_TEST_CERTS");
    const char *mtls = getenv("OPENAI_API_TEST_MTLS");
    if (!url || !key || !dir) { fprintf(stderr, "environment not set\n"); return 2; }

    sslConfig_t *ca = sslConfig_create(NULL, NULL, path("ca.pem"), 0);
    sslConfig_t *other = sslConfig_create(NULL, NULL, path("other-ca.pem"), 0);
    sslConfig_t *insecure = sslConfig_create(NULL, NULL, NULL, 1);
    sslConfig_t *client = sslConfig_create(path("client.pem"), path("client.key"), path("ca.pem"), 0);

    if (mtls && strcmp(mtls, "1") == 0) {
        /* The server demands a certificate: only the client with one passes. */
        CHECK(list_with(client, "") == 1);
        CHECK(list_with(ca, "TLS") == 0);
    } else {
        CHECK(list_with(ca, "") == 1);
        CHECK(list_with(client, "") == 1);
        CHECK(list_with(insecure, "") == 1);
        CHECK(list_with(other, "the server's certificate is not trusted: unknown issuer") == 0);
        CHECK(list_with(NULL, "the server's certificate is not trusted: unknown issuer") == 0);

        /* One client, its sslConfig changed between calls: the new settings apply. */
        apiClient_t *c = apiClient_create_with_base_path(url, other);
        c->accessToken = strdup(key);
        CHECK(ProjectsAPI_retrieveProject(c, "proj_missing") == NULL);
        CHECK_STR(apiClient_errorType(c), "tls");
        c->sslConfig = ca;
        CHECK(ProjectsAPI_retrieveProject(c, "proj_missing") == NULL);
        CHECK_INT(c->response_code, 404);
        CHECK_STR(apiClient_errorType(c), "invalid_request_error");
        apiClient_free(c);

        /* Keep-alive over TLS: five calls, one connection (the runner counts). */
        c = apiClient_create_with_base_path(url, ca);
        c->accessToken = strdup(key);
        for (int i = 0; i < 5; i++) {
            int limit = 1;
            project_list_response_t *l = ProjectsAPI_listProjects(c, &limit, NULL, NULL);
            CHECK(l != NULL);
            project_list_response_free(l);
        }
        apiClient_free(c);
    }
    sslConfig_free(ca);
    sslConfig_free(other);
    sslConfig_free(insecure);
    sslConfig_free(client);
    CHECK_DONE();
}
