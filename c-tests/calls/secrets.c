/* Secrets are wiped before their memory is freed: apiClient_free overwrites
 * accessToken, and freeing a service account's new API key overwrites its
 * value (the key made with the service account, and one made for it
 * later), as freeing a new organization admin key overwrites its value. This program defines free() itself (symbol interposition), so it
 * sees what the library hands back to the allocator, and checks the two
 * blocks at the moment they are freed. Run plainly only (sanitizers and
 * valgrind bring their own free). Environment: OPENAI_API_TEST_URL,
 * OPENAI_API_TEST_KEY, OPENAI_API_TEST_PROJECT. */
#define _GNU_SOURCE
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include "api/DefaultAPI.h"
#include "api/ProjectsAPI.h"
#include "../check.h"

extern void __libc_free(void *);

static const void *watched;
static char secret[256];
static int watched_freed, watched_clean;

/* While `scanning`, every block freed is searched for these: the admin key
 * and the prefix of the mock's service-account keys. */
static int scanning;
static const char *needles[3];
static int found[3];
static size_t found_size[3];

void free(void *p) {
    if (p && scanning) {
        size_t size = malloc_usable_size(p);
        for (int i = 0; i < 3; i++) {
            if (needles[i] && memmem(p, size, needles[i], strlen(needles[i]))) {
                found[i]++;
                found_size[i] = size;
            }
        }
    }
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

    /* An organization admin key, shown once when it is made. */
    admin_api_keys_create_request_t *areq = admin_api_keys_create_request_create(strdup("rotation"));
    admin_api_key_t *ak = DefaultAPI_adminApiKeysCreate(c, areq);
    admin_api_keys_create_request_free(areq);
    CHECK(ak && ak->value);
    if (ak && ak->value) {
        snprintf(secret, sizeof secret, "%s", ak->value);
        watched = ak->value;
        watched_freed = watched_clean = 0;
        admin_api_key_free(ak);
        CHECK_INT(watched_freed, 1);
        CHECK_INT(watched_clean, 1);
    }
    apiClient_free(c);

    /* No freed block holds the key or a service account's key: every copy
     * the library made (token, header value, transport buffers, answer
     * buffers, the structs) was wiped. Over http://, where no TLS library
     * holds copies of its own. */
    needles[0] = key;
    needles[1] = "sk-svcacct-";
    needles[2] = "sk-admin-"; /* the mock's new admin keys (and its own key) */
    scanning = 1;
    for (int round = 0; round < 2; round++) {
        c = apiClient_create_with_base_path(url, NULL);
        c->accessToken = strdup(key);
        project_t *p2 = ProjectsAPI_retrieveProject(c, (char *)project);
        project_free(p2);
        /* A new key through apiClient_invoke, left in dataReceived (freed by
         * the next call), then one through the call (its answer stays in the
         * client's buffer until apiClient_free). */
        char path[256];
        snprintf(path, sizeof path, "/organization/projects/%s/service_accounts", project);
        const char *body = "{\"name\":\"scan2\"}";
        apiClient_invoke(c, path, NULL, NULL, NULL, NULL, NULL, body, strlen(body), "POST");
        CHECK_INT(c->response_code, 200);
        CHECK(c->dataReceived && strstr(c->dataReceived, "sk-svcacct-"));
        project_service_account_create_request_t *r2 = project_service_account_create_request_create(strdup("scan"));
        project_service_account_create_response_t *sa2 = ProjectsAPI_createProjectServiceAccount(c, (char *)project, r2);
        CHECK(sa2 && sa2->api_key && sa2->api_key->value);
        project_service_account_create_request_free(r2);
        project_service_account_create_response_free(sa2);
        admin_api_keys_create_request_t *ar = admin_api_keys_create_request_create(strdup("scan"));
        admin_api_key_t *k2 = DefaultAPI_adminApiKeysCreate(c, ar);
        CHECK(k2 && k2->value);
        admin_api_keys_create_request_free(ar);
        admin_api_key_free(k2);
        apiClient_free(c);
    }
    scanning = 0;
    if (found[0]) fprintf(stderr, "the admin key was in %d freed block(s), the last of %zu bytes\n", found[0], found_size[0]);
    if (found[1]) fprintf(stderr, "a service account key was in %d freed block(s), the last of %zu bytes\n", found[1], found_size[1]);
    if (found[2]) fprintf(stderr, "an admin key was in %d freed block(s), the last of %zu bytes\n", found[2], found_size[2]);
    CHECK_INT(found[0], 0);
    CHECK_INT(found[1], 0);
    CHECK_INT(found[2], 0);
    CHECK_DONE();
}
