/* What a call believes of what it is given, one case per run (argv[1]); the
 * runner sets the mock's faults up first and reads its log afterwards.
 * Environment: OPENAI_API_TEST_URL (http://127.0.0.1:PORT/v1),
 * OPENAI_API_TEST_KEY. */
#include <stdlib.h>
#include <string.h>
#include "api/ProjectsAPI.h"
#include "../check.h"

#define CHECK_CONTAINS(hay, needle) do { const char *h_ = (hay); \
    if (!h_ || !strstr(h_, (needle))) { fprintf(stderr, "%s:%d: \"%s\" does not contain \"%s\"\n", \
        __FILE__, __LINE__, h_ ? h_ : "(null)", (needle)); check_failures++; } } while (0)

static const char *url, *key;

static apiClient_t *client_for(const char *base, const char *token) {
    apiClient_t *c = apiClient_create_with_base_path(base, NULL);
    if (token) c->accessToken = strdup(token);
    apiClient_setMaxRetries(c, 2);
    return c;
}

/* A retrieve refused before sending: NULL, no status, invalid_argument. */
static void refused(apiClient_t *c, const char *text) {
    project_t *p = ProjectsAPI_retrieveProject(c, "proj_1");
    CHECK(p == NULL);
    project_free(p);
    CHECK_INT(c->response_code, 0);
    CHECK_STR(apiClient_errorType(c), "invalid_argument");
    CHECK_CONTAINS(apiClient_errorMessage(c), text);
}

/* The host:port part of the mock's URL ("127.0.0.1:PORT"). */
static const char *authority(void) {
    static char buf[128];
    const char *start = strstr(url, "://") + 3;
    size_t n = strcspn(start, "/");
    snprintf(buf, sizeof buf, "%.*s", (int)n, start);
    return buf;
}

static void base_urls(void) {
    static const struct { const char *pattern, *text; } cases[] = {
        {"http://127.0.0.1:99999/v1", "invalid port"},
        {"http://127.0.0.1:65536/v1", "invalid port"},
        {"http://127.0.0.1:80x/v1", "invalid port"},
        {"http://user:hunter2@%s/v1", "user name or password"},
        {"http://%s/v1?x=1", "has a query"},
        {"http://%s/v1#frag", "has a fragment"},
        {"http://%s/v1\\@example.com", "backslash"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char base[256];
        snprintf(base, sizeof base, cases[i].pattern, authority());
        apiClient_t *c = client_for(base, key);
        refused(c, cases[i].text);
        CHECK(strstr(apiClient_errorMessage(c), "hunter2") == NULL);
        apiClient_free(c);
    }
    /* OPENAI_BASE_URL is checked the same way. */
    char base[256];
    snprintf(base, sizeof base, "http://%s/v1#frag", authority());
    setenv("OPENAI_BASE_URL", base, 1);
    apiClient_t *c = apiClient_create();
    c->accessToken = strdup(key);
    refused(c, "has a fragment");
    apiClient_free(c);
}

int main(int argc, char **argv) {
    url = getenv("OPENAI_API_TEST_URL");
    key = getenv("OPENAI_API_TEST_KEY");
    if (!url || !key || argc != 2) { fprintf(stderr, "usage: trust_calls CASE (environment set)\n"); return 2; }
    const char *which = argv[1];

    if (!strcmp(which, "empty_key")) {
        /* An empty key is a mistake: refused, and the environment's key is
         * not used instead. */
        setenv("OPENAI_ADMIN_KEY", key, 1);
        apiClient_t *c = client_for(url, "");
        refused(c, "accessToken is empty");
        apiClient_free(c);
    } else if (!strcmp(which, "bad_token")) {
        /* Bytes that cannot go in a header: refused once, never retried. */
        apiClient_t *c = client_for(url, "sk-admin-\xc3\xa9t\xc3\xa9");
        refused(c, "cannot be sent in a header at byte 9");
        apiClient_free(c);
        c = client_for(url, "sk-admin-a b");
        refused(c, "at byte 10");
        apiClient_free(c);
    } else if (!strcmp(which, "base_urls")) {
        base_urls();
    } else if (!strcmp(which, "success_says_retry")) {
        /* A 200 that says x-should-retry: true is the answer. */
        apiClient_t *c = client_for(url, key);
        project_create_request_t req = {.name = "once", ._library_owned = 0};
        project_t *p = ProjectsAPI_createProject(c, &req);
        CHECK(p != NULL);
        CHECK_INT(c->response_code, 200);
        if (p) CHECK_STR(p->name, "once");
        project_free(p);
        apiClient_free(c);
    } else if (!strcmp(which, "headers")) {
        apiClient_t *c = client_for(url, key);
        static const char *owned[] = {"Host", "Content-Length", "transfer-encoding", "Connection", "Upgrade", "TE",
                                      "Trailer", "Authorization", "AUTHORIZATION"};
        for (size_t i = 0; i < sizeof owned / sizeof owned[0]; i++)
            CHECK_INT(apiClient_setHeader(c, owned[i], "5"), -1);
        CHECK_INT(apiClient_setHeader(c, "X-Allowed", "yes"), 0);
        /* The same through apiClient_invoke: refused, nothing sent. */
        list_t *headers = list_createList();
        keyValuePair_t *kv = keyValuePair_create(strdup("Content-Length"), strdup("5"));
        list_addElement(headers, kv);
        apiClient_invoke(c, "/organization/projects", NULL, headers, NULL, NULL, NULL, NULL, 0, "GET");
        CHECK_INT(c->response_code, 0);
        CHECK_STR(apiClient_errorType(c), "invalid_argument");
        CHECK_CONTAINS(apiClient_errorMessage(c), "`Content-Length` cannot be set");
        free(kv->key);
        free(kv->value);
        kv->key = strdup("Authorization");
        kv->value = strdup("Bearer sk-other");
        apiClient_invoke(c, "/organization/projects", NULL, headers, NULL, NULL, NULL, NULL, 0, "GET");
        CHECK_CONTAINS(apiClient_errorMessage(c), "the key goes in accessToken");
        free(kv->key);
        free(kv->value);
        keyValuePair_free(kv);
        list_freeList(headers);
        /* And the client still works at once. */
        int limit = 1;
        project_list_response_t *l = ProjectsAPI_listProjects(c, &limit, NULL, NULL);
        CHECK(l != NULL);
        project_list_response_free(l);
        apiClient_free(c);
    } else if (!strcmp(which, "error_text")) {
        /* The runner's answer: error.type with a NUL, a message over lines
         * holding the key and another secret. */
        apiClient_t *c = client_for(url, key);
        project_t *p = ProjectsAPI_retrieveProject(c, "proj_1");
        CHECK(p == NULL);
        const char *type = apiClient_errorType(c), *message = apiClient_errorMessage(c);
        CHECK(type != NULL && message != NULL);
        CHECK_STR(type, "bad\\u{0}type");
        CHECK(message && !strchr(message, '\n') && !strchr(message, '\r'));
        CHECK(message && !strstr(message, key));
        CHECK(message && !strstr(message, "sk-svcacct-0123456789"));
        CHECK_CONTAINS(message, "line one\\r\\nline two");
        /* A long id comes back bounded: the mock echoes it in its 404. */
        size_t n = 6000;
        char *id = malloc(2 * n + 1);
        for (size_t i = 0; i < n; i++) memcpy(id + 2 * i, "\xc3\xa9", 2);
        id[2 * n] = 0;
        p = ProjectsAPI_retrieveProject(c, id);
        CHECK(p == NULL);
        CHECK_INT(c->response_code, 404);
        CHECK(strlen(apiClient_errorMessage(c)) <= 1024);
        free(id);
        apiClient_free(c);
    } else {
        fprintf(stderr, "unknown case %s\n", which);
        return 2;
    }
    CHECK_DONE();
}
