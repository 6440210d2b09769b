/* Auto-pagination: the ProjectsAPI_forEach* walks across page boundaries,
 * an early stop, an empty first page, a NULL visitor, and (case "error") a
 * failure on page 3. The test runner checks the requests the mock saw.
 * Case "token": a token-paged list (the runner serves an empty page that
 * still names a next one, then a last page) is followed across the empty page.
 * Case "ex": the `Ex` walkers take their list's whole parameter list:
 * a user removed from a project, their keys walked with
 * owner_project_access=inactive; a walk stopped and resumed from its cursor.
 * Usage: paging walks|error|cycle|long_cursors|token|ex. Environment: OPENAI_API_TEST_URL,
 * OPENAI_API_TEST_KEY, OPENAI_API_TEST_PROJECT (the project with users,
 * keys and service accounts), OPENAI_API_TEST_EMPTY (one with none). */
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include "api/HealthAlertsAPI.h"
#include "api/ProjectsAPI.h"
#include "../check.h"

struct seen { int n; int stop_at; char names[64][64]; };

static int on_project(project_t *p, void *data) {
    struct seen *s = data;
    snprintf(s->names[s->n % 64], 64, "%s", p->name); /* borrowed: copy what you keep */
    s->n++;
    return s->stop_at && s->n == s->stop_at;
}
static int on_user(project_user_t *u, void *data) { struct seen *s = data; snprintf(s->names[s->n++ % 64], 64, "%s", u->id); return 0; }
static int count_rule(health_alert_rule_t *r, void *n) { (void)r; ++*(int *)n; return 0; }
static int on_key_stop(project_api_key_t *k, void *data) {
    struct seen *s = data;
    (void)k;
    s->n++;
    return s->stop_at && s->n == s->stop_at;
}
static int on_sa(project_service_account_t *a, void *data) { (void)a; ((struct seen *)data)->n++; return 0; }
static int on_key(project_api_key_t *k, void *data) { (void)k; ((struct seen *)data)->n++; return 0; }
static int on_limit(project_rate_limit_t *r, void *data) { struct seen *s = data; snprintf(s->names[s->n++ % 64], 64, "%s", r->id); return 0; }

int main(int argc, char **argv) {
    const char *url = getenv("OPENAI_API_TEST_URL"), *key = getenv("OPENAI_API_TEST_KEY");
    char *project = getenv("OPENAI_API_TEST_PROJECT"), *empty = getenv("OPENAI_API_TEST_EMPTY");
    if (argc != 2 || !url || !key || !project || !empty) { fprintf(stderr, "usage: paging walks|error|cycle\n"); return 2; }
    apiClient_t *c = apiClient_create_with_base_path(url, NULL);
    c->accessToken = strdup(key);
    int three = 3, one = 1, two = 2, yes = 1;
    struct seen s;

    if (!strcmp(argv[1], "cycle")) {
        /* The runner serves pages whose cursors loop: a, b, then a again. */
        memset(&s, 0, sizeof s);
        CHECK_INT(ProjectsAPI_forEachProject(c, &one, NULL, on_project, &s), -1);
        CHECK_INT(s.n, 3);
        CHECK_STR(apiClient_errorType(c), "invalid_response");
        CHECK(apiClient_errorMessage(c) && strstr(apiClient_errorMessage(c), "cursor repeated (proj_a)") != NULL);
        apiClient_free(c);
        CHECK_DONE();
    }
    if (!strcmp(argv[1], "token")) {
        int rules = 0;
        char *next = NULL;
        CHECK_INT(HealthAlertsAPI_forEachHealthAlertRule(c, NULL, NULL, NULL, NULL, &next, (int (*)(health_alert_rule_t *, void *))count_rule,
                                                         &rules), 1);
        CHECK_INT(rules, 1);
        CHECK(next == NULL); /* the last page names none */
        CHECK(apiClient_errorMessage(c) == NULL);
        apiClient_free(c);
        CHECK_DONE();
    }
    if (!strcmp(argv[1], "ex")) {
        /* Offboarding: alice leaves the project; her key stays, inactive. */
        project_user_delete_response_free(ProjectsAPI_deleteProjectUser(c, project, "user_alice"));
        CHECK_INT(c->response_code, 200);
        memset(&s, 0, sizeof s);
        CHECK_INT(ProjectsAPI_forEachProjectApiKey(c, project, &one, on_key, &s), 2); /* the released walker: active keys */
        memset(&s, 0, sizeof s);
        CHECK_INT(ProjectsAPI_forEachProjectApiKeyEx(c, project, &one, NULL, "inactive", NULL, on_key, &s), 1);
        /* Every key, one a page: stopped on the second page, resumed from it. */
        char *next = NULL;
        memset(&s, 0, sizeof s);
        s.stop_at = 2;
        CHECK_INT(ProjectsAPI_forEachProjectApiKeyEx(c, project, &one, NULL, "any", &next, on_key_stop, &s), 2);
        CHECK(next != NULL); /* the second page's cursor: its key comes again */
        s.stop_at = 0;
        CHECK_INT(ProjectsAPI_forEachProjectApiKeyEx(c, project, &one, next, "any", NULL, on_key_stop, &s), 2);
        CHECK_INT(s.n, 4);
        free(next);
        /* Projects with the archived one, from the whole parameter list. */
        memset(&s, 0, sizeof s);
        CHECK_INT(ProjectsAPI_forEachProjectEx(c, &three, NULL, &yes, NULL, on_project, &s), 8);
        apiClient_free(c);
        CHECK_DONE();
    }
    if (!strcmp(argv[1], "long_cursors")) {
        /* The runner serves 2,000 pages, each with a new 16 KB cursor, the
         * last with has_more false: the walk keeps no cursor it followed,
         * so it fits in 24 MB of heap (keeping them takes 32 MB). Plain
         * runs only (a sanitizer's allocator has its own needs). */
        struct rlimit heap = {24 << 20, 24 << 20};
        CHECK_INT(setrlimit(RLIMIT_DATA, &heap), 0);
        memset(&s, 0, sizeof s);
        CHECK_INT(ProjectsAPI_forEachProject(c, &one, NULL, on_project, &s), 2000);
        CHECK_INT(s.n, 2000);
        apiClient_free(c);
        CHECK_DONE();
    }
    if (!strcmp(argv[1], "error")) {
        /* Page 3 fails (the runner injects a 500 there); retries off. */
        apiClient_setMaxRetries(c, 0);
        memset(&s, 0, sizeof s);
        CHECK_INT(ProjectsAPI_forEachProject(c, &three, NULL, on_project, &s), -1);
        CHECK_INT(s.n, 6);
        CHECK_INT(c->response_code, 500);
        CHECK_STR(apiClient_errorType(c), "server_error");
        CHECK(apiClient_errorMessage(c) && strstr(apiClient_errorMessage(c), "page three") != NULL);
        apiClient_free(c);
        CHECK_DONE();
    }

    /* 8 projects (one archived), 3 per page. */
    memset(&s, 0, sizeof s);
    CHECK_INT(ProjectsAPI_forEachProject(c, &three, NULL, on_project, &s), 7);
    CHECK_INT(s.n, 7);
    CHECK_STR(s.names[0], "Project 1");
    CHECK_STR(s.names[6], "Project 7");
    memset(&s, 0, sizeof s);
    CHECK_INT(ProjectsAPI_forEachProject(c, &three, &yes, on_project, &s), 8);
    CHECK(apiClient_errorMessage(c) == NULL);

    /* The visitor stops the walk after 4: page 2 is the last fetched. */
    memset(&s, 0, sizeof s);
    s.stop_at = 4;
    CHECK_INT(ProjectsAPI_forEachProject(c, &three, NULL, on_project, &s), 4);

    /* The server's default page size when limit is NULL. */
    memset(&s, 0, sizeof s);
    CHECK_INT(ProjectsAPI_forEachProject(c, NULL, NULL, on_project, &s), 7);

    memset(&s, 0, sizeof s);
    CHECK_INT(ProjectsAPI_forEachProjectUser(c, project, &one, on_user, &s), 3);
    CHECK_STR(s.names[0], "user_alice");
    CHECK_STR(s.names[2], "user_carol");
    memset(&s, 0, sizeof s);
    CHECK_INT(ProjectsAPI_forEachProjectServiceAccount(c, project, &one, on_sa, &s), 2);
    memset(&s, 0, sizeof s);
    CHECK_INT(ProjectsAPI_forEachProjectApiKey(c, project, &two, on_key, &s), 3); /* alice's + 2 service accounts' */
    memset(&s, 0, sizeof s);
    CHECK_INT(ProjectsAPI_forEachProjectRateLimit(c, project, &two, on_limit, &s), 5);
    CHECK_STR(s.names[4], "rl-whisper-1");

    /* An empty first page: nothing visited, one request, no error. */
    memset(&s, 0, sizeof s);
    CHECK_INT(ProjectsAPI_forEachProjectServiceAccount(c, empty, &three, on_sa, &s), 0);
    CHECK_INT(s.n, 0);
    CHECK(apiClient_errorMessage(c) == NULL);

    /* Unknown project: -1 with the 404. NULL visitor or client: -1. */
    CHECK_INT(ProjectsAPI_forEachProjectUser(c, "proj_missing", &three, on_user, &s), -1);
    CHECK_INT(c->response_code, 404);
    CHECK_INT(ProjectsAPI_forEachProject(c, &three, NULL, NULL, &s), -1);
    CHECK_STR(apiClient_errorType(c), "invalid_argument");
    CHECK_INT(ProjectsAPI_forEachProject(NULL, &three, NULL, on_project, &s), -1);

    apiClient_free(c);
    CHECK_DONE();
}
