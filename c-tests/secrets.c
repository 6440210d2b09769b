/* Secrets are wiped before their memory is freed: apiClient_free overwrites
 * accessToken, and freeing a service account's new API key overwrites its
 * value (the key made with the service account, and one made for it
 * later). This program defines free() itself (symbol interposition), so it
 * sees what the library hands back to the allocator, and checks the two
 * blocks at the moment they are freed. Run plainly only (sanitizers and
 * valgrind bring their own free). Environment: OPENAI_API_TEST_URL,
 * OPENAI_API_TEST_KEY, OPENAI_API_TEST_PROJECT. */
#include <stdlib.h>
#include <string.h>
#include "api/ProjectsAPI.h"
#include "check.h"

extern void __libc_free(void *);

static const void *watched;
static char secret[256];
static int watched_freed, watched_clean;

void free(void *p) {
    if (p && p == watched) {
        watched_freed++;
        /* Every byte the secret occupied is zero. */
        const unsigned char *b = p;
        watched_clean = 1;
        for (size_t i = 0; i < strlen(secret); i++) watched_clean &= b[i] == 0;
        watched = NULL;
    }
    __libc_free(p);
}

int main(void) {
    const char *url = getenv("OPENAI_API_TEST_URL"), *key = getenv("OPENAI_API_TEST_KEY");
    const char *project = getenv("OPENAI_API_TEST_PROJECT");
    if (!url || !key || !project) { fprintf(stderr, "environment not set\n"); return 2; }

    /* The access token. */
    apiClient_t *c = apiClient_create_with_base_path(url, NULL);
    c->accessToken = strdup(key);
    project_t *p = ProjectsAPI_retrieveProject(c, (char *)project);
    CHECK(p != NULL);
    project_free(p);
    snprintf(secret, sizeof secret, "%s", key);
    watched = c->accessToken;
    apiClient_free(c);
    CHECK_INT(watched_freed, 1);
    CHECK_INT(watched_clean, 1);

    /* A service account's key, shown once. */
    c = apiClient_create_with_base_path(url, NULL);
    c->accessToken = strdup(key);
    project_service_account_create_request_t *req = project_service_account_create_request_create(strdup("ci"));
    project_service_account_create_response_t *sa = ProjectsAPI_createProjectServiceAccount(c, (char *)project, req);
    project_service_account_create_request_free(req);
    CHECK(sa && sa->api_key && sa->api_key->value);
    if (sa && sa->api_key && sa->api_key->value) {
        snprintf(secret, sizeof secret, "%s", sa->api_key->value);
        watched = sa->api_key->value;
        watched_freed = watched_clean = 0;
        char *sa_id = strdup(sa->id);
        project_service_account_create_response_free(sa);
        CHECK_INT(watched_freed, 1);
        CHECK_INT(watched_clean, 1);

        /* A key made for the service account afterwards. */
        create_project_service_account_api_key_body_t *kreq = create_project_service_account_api_key_body_create(strdup("later"), NULL);
        service_account_api_key_body_t *k = ProjectsAPI_createProjectServiceAccountApiKey(c, (char *)project, sa_id, kreq);
        create_project_service_account_api_key_body_free(kreq);
        CHECK(k && k->value);
        if (k && k->value) {
            snprintf(secret, sizeof secret, "%s", k->value);
            watched = k->value;
            watched_freed = watched_clean = 0;
            service_account_api_key_body_free(k);
            CHECK_INT(watched_freed, 1);
            CHECK_INT(watched_clean, 1);
        }
        free(sa_id);
    }
    apiClient_free(c);
    CHECK_DONE();
}
