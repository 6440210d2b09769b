/* TLS settings as the generated client applies them, one case per run:
 * - "http": an sslConfig naming files that do not exist is not used for an
 *   http:// base URL (the call succeeds);
 * - "insecure": with insecureSkipTlsVerify = 1 the CA file is not read (a
 *   path that does not exist changes nothing);
 * - "client_cert CERT KEY CA": mutual TLS with this client certificate
 *   against a server that requires one (an X.509 v1 certificate too): the
 *   handshake succeeds; the server answers a web page (invalid_response);
 * - "no_client_cert CA": the same server refuses a client without one.
 * Environment: OPENAI_API_TEST_URL, OPENAI_API_TEST_KEY. */
#include <stdlib.h>
#include <string.h>
#include "api/ProjectsAPI.h"
#include "../check.h"

int main(int argc, char **argv) {
    const char *url = getenv("OPENAI_API_TEST_URL"), *key = getenv("OPENAI_API_TEST_KEY");
    if (!url || !key || argc < 2) { fprintf(stderr, "usage: tls_settings CASE [FILES] (environment set)\n"); return 2; }
    const char *which = argv[1];
    sslConfig_t *ssl = NULL;
    if (!strcmp(which, "http")) ssl = sslConfig_create("/nonexistent/client.pem", "/nonexistent/client.key", "/nonexistent/ca.pem", 0);
    else if (!strcmp(which, "insecure")) ssl = sslConfig_create(NULL, NULL, "/nonexistent/ca.pem", 1);
    else if (!strcmp(which, "client_cert") && argc == 5) ssl = sslConfig_create(argv[2], argv[3], argv[4], 0);
    else if (!strcmp(which, "no_client_cert") && argc == 3) ssl = sslConfig_create(NULL, NULL, argv[2], 0);
    else { fprintf(stderr, "unknown case %s\n", which); return 2; }
    apiClient_t *c = apiClient_create_with_base_path(url, ssl);
    c->accessToken = strdup(key);
    apiClient_setMaxRetries(c, 0);
    int limit = 1;
    project_list_response_t *l = ProjectsAPI_listProjects(c, &limit, NULL, NULL);
    if (!strcmp(which, "http") || !strcmp(which, "insecure")) {
        CHECK(l != NULL);
        CHECK_INT(c->response_code, 200);
    } else if (!strcmp(which, "client_cert")) {
        CHECK(l == NULL);
        CHECK_INT(c->response_code, 200);
        CHECK_STR(apiClient_errorType(c), "invalid_response");
    } else {
        CHECK(l == NULL);
        CHECK_INT(c->response_code, 0);
        CHECK_STR(apiClient_errorType(c), "tls");
    }
    if (apiClient_errorMessage(c)) fprintf(stderr, "message: %s\n", apiClient_errorMessage(c));
    project_list_response_free(l);
    apiClient_free(c);
    sslConfig_free(ssl);
    CHECK_DONE();
}
