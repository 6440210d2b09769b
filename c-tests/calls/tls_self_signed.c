/* HTTPS with a CA file, as libcurl reads one: lists projects through a
 * client whose sslConfig names the CA file argv[1], then checks the outcome
 * against argv[2]: "ok", or a text the TLS error message must contain.
 * Environment: OPENAI_API_TEST_URL (https), OPENAI_API_TEST_KEY. */
#include <stdlib.h>
#include <string.h>
#include "api/ProjectsAPI.h"
#include "../check.h"

int main(int argc, char **argv) {
    const char *url = getenv("OPENAI_API_TEST_URL");
    const char *key = getenv("OPENAI_API_TEST_KEY");
    if (argc != 3 || !url || !key) {
        fprintf(stderr, "usage: tls_self_signed CA_FILE ok|MESSAGE (with OPENAI_API_TEST_URL, _KEY)\n");
        return 2;
    }
    sslConfig_t *ssl = sslConfig_create(NULL, NULL, argv[1], 0);
    apiClient_t *c = apiClient_create_with_base_path(url, ssl);
    c->accessToken = strdup(key);
    apiClient_setMaxRetries(c, 0);
    project_list_response_t *page = ProjectsAPI_listProjects(c, NULL, NULL, NULL);
    if (!strcmp(argv[2], "ok")) {
        CHECK(page != NULL);
        CHECK_INT(c->response_code, 200);
        CHECK(apiClient_errorMessage(c) == NULL);
        if (!page) fprintf(stderr, "error: %s\n", apiClient_errorMessage(c));
    } else {
        CHECK(page == NULL);
        CHECK_INT(c->response_code, 0);
        CHECK_STR(apiClient_errorType(c), "tls");
        const char *m = apiClient_errorMessage(c);
        if (!m || !strstr(m, argv[2])) {
            fprintf(stderr, "message \"%s\" lacks \"%s\"\n", m ? m : "(null)", argv[2]);
            check_failures++;
        }
        /* Words for a person, never a Rust debug print. */
        CHECK(m && !strstr(m, "Other(") && !strstr(m, "Error {"));
    }
    project_list_response_free(page);
    apiClient_free(c);
    sslConfig_free(ssl);
    CHECK_DONE();
}
