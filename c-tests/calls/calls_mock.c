/* The 19 calls against the local mock of the Projects API: success paths
 * with every optional parameter, pagination until has_more is false,
 * 400/401/404 through the error API, ids that need percent-encoding,
 * the OPENAI_ADMIN_KEY fallback and apiClient_invoke.
 * Environment: OPENAI_API_TEST_URL (the mock's base URL) and
 * OPENAI_API_TEST_KEY (the key it accepts). Prints "clients N" at the end
 * (the test runner compares it with the connections the mock saw). */
#include <stdlib.h>
#include <string.h>
#include "api/ProjectsAPI.h"
#include "../check.h"

static const char *url, *key;
static int clients = 0;

static apiClient_t *client_with(const char *token) {
    apiClient_t *c = apiClient_create_with_base_path(url, NULL);
    if (token) c->accessToken = strdup(token);
    clients++;
    return c;
}

#define CHECK_CONTAINS(hay, needle) do { const char *h_ = (hay); \
    if (!h_ || !strstr(h_, (needle))) { fprintf(stderr, "%s:%d: \"%s\" does not contain \"%s\"\n", \
        __FILE__, __LINE__, h_ ? h_ : "(null)", (needle)); check_failures++; } } while (0)

/* A failed call: NULL result, the status, OpenAI's error type and a message
 * holding `needle`, and a request id. */
#define CHECK_API_ERROR(c, result, status, type, needle) do { \
    CHECK((result) == NULL); CHECK_INT((c)->response_code, status); \
    CHECK_STR(apiClient_errorType(c), type); CHECK_CONTAINS(apiClient_errorMessage(c), needle); \
    CHECK_CONTAINS(apiClient_requestId(c), "req_"); } while (0)

#define CHECK_OK(c) do { CHECK_INT((c)->response_code, 200); CHECK(apiClient_errorMessage(c) == NULL); \
    CHECK(apiClient_errorType(c) == NULL); CHECK_CONTAINS(apiClient_requestId(c), "req_"); } while (0)

/* Walks every page of the project list; returns the number of projects and
 * checks cursors: each page's first/last id match its items. */
static int count_projects(apiClient_t *c, int limit, int *include_archived, int *pages) {
    int total = 0;
    char *after = NULL;
    *pages = 0;
    /* At most 50 pages: a paging bug fails here instead of looping forever. */
    for (int guard = 0;; guard++) {
        if (guard == 50) {
            CHECK(!"listing projects ended within 50 pages");
            break;
        }
        project_list_response_t *page = ProjectsAPI_listProjects(c, &limit, after, include_archived);
        CHECK(page != NULL);
        if (!page) break;
        (*pages)++;
        CHECK_INT(page->object, openai_api_project_list_response_OBJECT_list);
        CHECK(page->data->count <= limit);
        listEntry_t *e;
        project_t *first = NULL, *last = NULL;
        list_ForEach(e, page->data) {
            project_t *p = e->data;
            if (!first) first = p;
            last = p;
            total++;
        }
        if (first) { CHECK_STR(page->first_id, first->id); CHECK_STR(page->last_id, last->id); }
        free(after);
        after = page->last_id ? strdup(page->last_id) : NULL;
        int more = page->has_more;
        project_list_response_free(page);
        if (!more) break;
    }
    free(after);
    return total;
}

static void projects(apiClient_t *c, char **ids) {
    const char *names[7] = {"Alpha 1", "Alpha 2", "Café ☕ 日本", "Alpha 4", "Alpha 5", "Alpha 6", "Alpha 7"};
    for (int i = 0; i < 7; i++) {
        project_create_request_t *req = project_create_request_create(strdup(names[i]));
        project_t *p = ProjectsAPI_createProject(c, req);
        project_create_request_free(req);
        CHECK(p != NULL);
        if (!p) { ids[i] = strdup("missing"); continue; }
        CHECK_OK(c);
        CHECK_STR(p->name, names[i]);
        CHECK_INT(p->object, openai_api_project_OBJECT_organization_project);
        CHECK_INT(p->status, openai_api_project_STATUS_active);
        CHECK(p->created_at > 1700000000);
        CHECK_INT(p->archived_at, 0);
        CHECK_CONTAINS(p->id, "proj_");
        ids[i] = strdup(p->id);
        project_free(p);
    }

    project_t *p = ProjectsAPI_retrieveProject(c, ids[2]);
    CHECK_OK(c);
    CHECK(p && strcmp(p->name, "Café ☕ 日本") == 0);
    project_free(p);

    project_update_request_t *upd = project_update_request_create(strdup("Alpha renamed"));
    p = ProjectsAPI_modifyProject(c, ids[0], upd);
    CHECK_OK(c);
    CHECK(p && strcmp(p->name, "Alpha renamed") == 0);
    project_free(p);

    int pages = 0;
    CHECK_INT(count_projects(c, 3, NULL, &pages), 7);
    CHECK_INT(pages, 3);
    CHECK_INT(count_projects(c, 100, NULL, &pages), 7);
    CHECK_INT(pages, 1);
    CHECK_INT(count_projects(c, 7, NULL, &pages), 7);
    CHECK_INT(pages, 1);

    p = ProjectsAPI_archiveProject(c, ids[6]);
    CHECK_OK(c);
    CHECK(p && p->status == openai_api_project_STATUS_archived && p->archived_at > 1700000000);
    project_free(p);
    int no = 0, yes = 1;
    CHECK_INT(count_projects(c, 3, NULL, &pages), 6);
    CHECK_INT(count_projects(c, 3, &no, &pages), 6);
    CHECK_INT(count_projects(c, 3, &yes, &pages), 7);
    CHECK_INT(pages, 3);

    /* An archived project cannot change. */
    p = ProjectsAPI_modifyProject(c, ids[6], upd);
    CHECK_API_ERROR(c, p, 400, "invalid_request_error", "archived");
    error_response_t *er = apiClient_errorResponse(c);
    CHECK(er && er->error && er->error->message && strstr(er->error->message, "archived"));
    CHECK(er && er->error && strcmp(er->error->type, "invalid_request_error") == 0);
    error_response_free(er);
    project_update_request_free(upd);

    /* Out-of-range limit: 400 naming the parameter. */
    int zero = 0;
    CHECK_API_ERROR(c, ProjectsAPI_listProjects(c, &zero, NULL, NULL), 400, "invalid_request_error", "limit");
    er = apiClient_errorResponse(c);
    CHECK(er && er->error && er->error->param && strcmp(er->error->param, "limit") == 0);
    error_response_free(er);
}

static void users(apiClient_t *c, const char *proj) {
    project_user_create_request_t *req = project_user_create_request_create(strdup("user_bob"), openai_api_project_user_create_request_ROLE_member);
    project_user_t *u = ProjectsAPI_createProjectUser(c, (char *)proj, req);
    project_user_create_request_free(req);
    CHECK_OK(c);
    CHECK(u && strcmp(u->email, "bob@example.com") == 0 && u->role == openai_api_project_user_ROLE_member && u->added_at > 0);
    project_user_free(u);

    req = project_user_create_request_create(strdup("user_zoe"), openai_api_project_user_create_request_ROLE_owner);
    u = ProjectsAPI_createProjectUser(c, (char *)proj, req);
    /* The live API's answer to adding a user has no name. */
    CHECK(u && u->name == NULL && strcmp(u->email, "zoe@example.com") == 0 && u->role == openai_api_project_user_ROLE_owner);
    project_user_free(u);
    u = ProjectsAPI_retrieveProjectUser(c, (char *)proj, "user_zoe");
    CHECK(u && u->name && strcmp(u->name, "Zoë Ångström 日本") == 0);
    project_user_free(u);
    /* Adding the same user twice is refused. */
    CHECK_API_ERROR(c, ProjectsAPI_createProjectUser(c, (char *)proj, req), 400, "invalid_request_error", "already");
    project_user_create_request_free(req);

    req = project_user_create_request_create(strdup("user_nobody"), openai_api_project_user_create_request_ROLE_member);
    CHECK_API_ERROR(c, ProjectsAPI_createProjectUser(c, (char *)proj, req), 400, "invalid_request_error", "user_nobody");
    error_response_t *er = apiClient_errorResponse(c);
    CHECK(er && er->error && er->error->param && strcmp(er->error->param, "user_id") == 0);
    error_response_free(er);
    project_user_create_request_free(req);

    u = ProjectsAPI_retrieveProjectUser(c, (char *)proj, "user_bob");
    CHECK_OK(c);
    CHECK(u && strcmp(u->id, "user_bob") == 0);
    project_user_free(u);

    project_user_update_request_t *upd = project_user_update_request_create(openai_api_project_user_update_request_ROLE_owner);
    u = ProjectsAPI_modifyProjectUser(c, (char *)proj, "user_bob", upd);
    CHECK_OK(c);
    CHECK(u && u->role == openai_api_project_user_ROLE_owner);
    project_user_free(u);
    CHECK_API_ERROR(c, ProjectsAPI_modifyProjectUser(c, (char *)proj, "user_carol", upd), 404, "invalid_request_error", "user_carol");
    project_user_update_request_free(upd);

    /* Page by one: bob, then zoe. */
    int one = 1;
    project_user_list_response_t *page = ProjectsAPI_listProjectUsers(c, (char *)proj, &one, NULL);
    CHECK_OK(c);
    CHECK(page && page->data->count == 1 && page->has_more && strcmp(page->first_id, "user_bob") == 0);
    project_user_list_response_t *page2 = page ? ProjectsAPI_listProjectUsers(c, (char *)proj, &one, page->last_id) : NULL;
    CHECK(page2 && page2->data->count == 1 && !page2->has_more && strcmp(page2->last_id, "user_zoe") == 0);
    project_user_list_response_free(page);
    project_user_list_response_free(page2);

    project_user_delete_response_t *d = ProjectsAPI_deleteProjectUser(c, (char *)proj, "user_zoe");
    CHECK_OK(c);
    CHECK(d && d->deleted && strcmp(d->id, "user_zoe") == 0 && d->object == openai_api_project_user_delete_response_OBJECT_organization_project_user_deleted);
    project_user_delete_response_free(d);
    CHECK_API_ERROR(c, ProjectsAPI_retrieveProjectUser(c, (char *)proj, "user_zoe"), 404, "invalid_request_error", "user_zoe");
}

static void service_accounts_and_keys(apiClient_t *c, const char *proj) {
    project_service_account_create_request_t *req = project_service_account_create_request_create(strdup("deploy-bot"));
    project_service_account_create_response_t *sa = ProjectsAPI_createProjectServiceAccount(c, (char *)proj, req);
    project_service_account_create_request_free(req);
    CHECK_OK(c);
    CHECK(sa && sa->api_key && sa->api_key->value && strncmp(sa->api_key->value, "sk-svcacct-", 11) == 0);
    CHECK(sa && sa->role == openai_api_project_service_account_create_response_ROLE_member && strcmp(sa->name, "deploy-bot") == 0);
    if (!sa || !sa->api_key) return;
    char *sa_id = strdup(sa->id), *key_id = strdup(sa->api_key->id);
    project_service_account_create_response_free(sa);

    project_service_account_t *s = ProjectsAPI_retrieveProjectServiceAccount(c, (char *)proj, sa_id);
    CHECK_OK(c);
    CHECK(s && strcmp(s->name, "deploy-bot") == 0);
    project_service_account_free(s);

    int ten = 10;
    project_service_account_list_response_t *sl = ProjectsAPI_listProjectServiceAccounts(c, (char *)proj, &ten, NULL);
    CHECK_OK(c);
    CHECK(sl && sl->data->count == 1 && !sl->has_more && strcmp(sl->first_id, sa_id) == 0);
    project_service_account_list_response_free(sl);

    /* The service account's key shows in the project's keys, owner included. */
    project_api_key_list_response_t *kl = ProjectsAPI_listProjectApiKeys(c, (char *)proj, &ten, NULL);
    CHECK_OK(c);
    CHECK(kl && kl->data->count == 1);
    if (kl && kl->data->count == 1) {
        project_api_key_t *k = list_getElementAt(kl->data, 0)->data;
        CHECK_STR(k->id, key_id);
        CHECK(k->owner && k->owner->type == openai_api_project_api_key_owner_TYPE_service_account);
        CHECK(k->owner && k->owner->service_account && strcmp(k->owner->service_account->id, sa_id) == 0);
        CHECK(k->owner && k->owner->user == NULL);
    }
    project_api_key_list_response_free(kl);

    project_api_key_t *k = ProjectsAPI_retrieveProjectApiKey(c, (char *)proj, key_id);
    CHECK_OK(c);
    CHECK(k && strncmp(k->redacted_value, "sk-svc...", 9) == 0);
    project_api_key_free(k);

    project_api_key_delete_response_t *kd = ProjectsAPI_deleteProjectApiKey(c, (char *)proj, key_id);
    CHECK_OK(c);
    CHECK(kd && kd->deleted && strcmp(kd->id, key_id) == 0);
    project_api_key_delete_response_free(kd);
    CHECK_API_ERROR(c, ProjectsAPI_retrieveProjectApiKey(c, (char *)proj, key_id), 404, "invalid_request_error", key_id);

    project_service_account_delete_response_t *sd = ProjectsAPI_deleteProjectServiceAccount(c, (char *)proj, sa_id);
    CHECK_OK(c);
    CHECK(sd && sd->deleted && strcmp(sd->id, sa_id) == 0);
    project_service_account_delete_response_free(sd);
    CHECK_API_ERROR(c, ProjectsAPI_deleteProjectServiceAccount(c, (char *)proj, sa_id), 404, "invalid_request_error", sa_id);
    free(sa_id);
    free(key_id);
}

static void rate_limits(apiClient_t *c, const char *proj) {
    int two = 2, total = 0, pages = 0;
    char *after = NULL, *last = NULL;
    for (int guard = 0;; guard++) {
        if (guard == 50) {
            CHECK(!"listing rate limits ended within 50 pages");
            break;
        }
        project_rate_limit_list_response_t *page = ProjectsAPI_listProjectRateLimits(c, (char *)proj, &two, after, NULL);
        CHECK_OK(c);
        if (!page) break;
        pages++;
        total += page->data->count;
        free(after);
        after = page->last_id ? strdup(page->last_id) : NULL;
        int more = page->has_more;
        project_rate_limit_list_response_free(page);
        if (!more) break;
    }
    CHECK_INT(total, 5);
    CHECK_INT(pages, 3);
    last = after;

    /* `before` the last one: the two just before it. */
    project_rate_limit_list_response_t *before = ProjectsAPI_listProjectRateLimits(c, (char *)proj, &two, NULL, last);
    CHECK_OK(c);
    CHECK(before && before->data->count == 2 && before->has_more);
    free(last);
    project_rate_limit_list_response_free(before);

    project_rate_limit_update_request_t *req = project_rate_limit_update_request_create(500, 0, 0, 0, 100, 0);
    project_rate_limit_t *r = ProjectsAPI_updateProjectRateLimits(c, (char *)proj, "rl-gpt-4o", req);
    CHECK_OK(c);
    CHECK(r && r->max_requests_per_1_minute == 500 && r->max_requests_per_1_day == 100 && strcmp(r->model, "gpt-4o") == 0);
    CHECK(r && r->max_tokens_per_1_minute == 30000000);
    project_rate_limit_free(r);
    CHECK_API_ERROR(c, ProjectsAPI_updateProjectRateLimits(c, (char *)proj, "rl-nope", req), 404, "invalid_request_error", "rl-nope");
    project_rate_limit_update_request_free(req);
}

/* Ids that need percent-encoding reach the server intact: its 404 message
 * quotes the id it decoded. */
static void encoded_ids(apiClient_t *c) {
    const char *ids[] = {"a b", "x/y", "proj?x=1#f", "é日本", "100%", "a+b&c=d"};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        char expect[64];
        snprintf(expect, sizeof expect, "'%s'", ids[i]);
        CHECK_API_ERROR(c, ProjectsAPI_retrieveProject(c, (char *)ids[i]), 404, "invalid_request_error", expect);
        CHECK_API_ERROR(c, ProjectsAPI_retrieveProjectUser(c, "proj_missing", (char *)ids[i]), 404, "invalid_request_error", "proj_missing");
    }
    int five = 5;
    CHECK_API_ERROR(c, ProjectsAPI_listProjects(c, &five, "a b&c=d", NULL), 400, "invalid_request_error", "'a b&c=d'");
}

static void auth(const char *proj) {
    apiClient_t *bad = client_with("sk-wrong-key-12345");
    project_t *p = ProjectsAPI_retrieveProject(bad, (char *)proj);
    CHECK_API_ERROR(bad, p, 401, "invalid_request_error", "Incorrect API key");
    CHECK(strstr(apiClient_errorMessage(bad), "sk-wrong-key-12345") == NULL);
    apiClient_free(bad);

    /* No token set: OPENAI_ADMIN_KEY is used. */
    apiClient_t *env = client_with(NULL);
    setenv("OPENAI_ADMIN_KEY", key, 1);
    p = ProjectsAPI_retrieveProject(env, (char *)proj);
    CHECK_OK(env);
    project_free(p);
    unsetenv("OPENAI_ADMIN_KEY");
    CHECK_API_ERROR(env, ProjectsAPI_retrieveProject(env, (char *)proj), 401, "invalid_request_error", "didn't provide an API key");
    apiClient_free(env);
}

static void invoke(apiClient_t *c) {
    list_t *query = list_createList();
    list_addElement(query, keyValuePair_create(strdup("limit"), strdup("1")));
    apiClient_invoke(c, "/organization/projects", query, NULL, NULL, NULL, NULL, NULL, 0, "GET");
    CHECK_INT(c->response_code, 200);
    CHECK(c->dataReceived != NULL && c->dataReceivedLen > 0);
    CHECK_CONTAINS((const char *)c->dataReceived, "\"has_more\":true");
    listEntry_t *e;
    list_ForEach(e, query) {
        keyValuePair_t *kv = e->data;
        free(kv->key);
        free(kv->value);
        keyValuePair_free(kv);
    }
    list_freeList(query);
}

int main(void) {
    url = getenv("OPENAI_API_TEST_URL");
    key = getenv("OPENAI_API_TEST_KEY");
    if (!url || !key) { fprintf(stderr, "set OPENAI_API_TEST_URL and OPENAI_API_TEST_KEY\n"); return 2; }
    apiClient_t *c = client_with(key);
    char *ids[7] = {0};
    projects(c, ids);
    users(c, ids[0]);
    service_accounts_and_keys(c, ids[0]);
    rate_limits(c, ids[0]);
    encoded_ids(c);
    auth(ids[0]);
    invoke(c);
    /* A success clears the previous error. */
    CHECK(ProjectsAPI_retrieveProject(c, "nope") == NULL);
    CHECK(apiClient_errorMessage(c) != NULL);
    project_t *p = ProjectsAPI_retrieveProject(c, ids[1]);
    CHECK_OK(c);
    project_free(p);
    for (int i = 0; i < 7; i++) free(ids[i]);
    apiClient_free(c);
    printf("clients %d\n", clients);
    CHECK_DONE();
}
