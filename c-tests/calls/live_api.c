/* The live API's fields against the stateful mock.
 *   live_api fields   new request fields (setters), new answer members,
 *                     custom roles, create_service_account_only, API-key
 *                     owners, last_used_at, the owner_project_access filter
 *   live_api ids      "", "." and ".." in every path id of every call: NULL,
 *                     invalid_argument naming the id, nothing sent (the test
 *                     counts the mock's requests)
 *   live_api encode   an id with '/', '?', '#', ' ' and '%' in every path id
 *                     position of every call, and as a cursor (the test reads
 *                     the targets on the wire)
 * Environment: OPENAI_API_TEST_URL, OPENAI_API_TEST_KEY,
 * OPENAI_API_TEST_PROJECT (a project with user_alice, owner, and her key). */
#include <stdlib.h>
#include <string.h>
#include "api/ProjectsAPI.h"
#include "../check.h"

static apiClient_t *c;

#define CHECK_OK() do { CHECK_INT(c->response_code, 200); CHECK(apiClient_errorMessage(c) == NULL); } while (0)

static int has_key(project_api_key_list_response_t *page, const char *id) {
    listEntry_t *e;
    if (!page) return 0;
    list_ForEach(e, page->data) {
        project_api_key_t *k = e->data;
        if (strcmp(k->id, id) == 0) return 1;
    }
    return 0;
}

static void fields(char *proj) {
    /* A project with residency and an external key, set on a library request. */
    project_create_request_t *pc = project_create_request_create(strdup("Residency"));
    CHECK_INT(project_create_request_set_residency(pc, "EU_STORAGE_PROCESSING"), 0);
    CHECK_INT(project_create_request_set_external_key_id(pc, "ekm_first"), 0);
    CHECK_INT(project_create_request_set_external_key_id(pc, "ekm_abc"), 0); /* replaces */
    project_t *p = ProjectsAPI_createProject(c, pc);
    project_create_request_free(pc);
    CHECK_OK();
    CHECK(p != NULL);
    if (!p) return;
    CHECK_STR(p->residency, "EU_STORAGE_PROCESSING");
    CHECK_STR(p->external_key_id, "ekm_abc");
    CHECK_INT(p->status, openai_api_project_STATUS_active);
    CHECK(p->status_string == NULL && p->object_string == NULL);
    project_t *again = ProjectsAPI_retrieveProject(c, p->id);
    CHECK(again && strcmp(again->residency, "EU_STORAGE_PROCESSING") == 0 && strcmp(again->external_key_id, "ekm_abc") == 0);
    project_free(again);

    /* A residency the API does not have: 400 naming the field. */
    pc = project_create_request_create(strdup("Nowhere"));
    project_create_request_set_residency(pc, "MOON_STORAGE");
    CHECK(ProjectsAPI_createProject(c, pc) == NULL);
    CHECK_INT(c->response_code, 400);
    error_response_t *er = apiClient_errorResponse(c);
    CHECK(er && er->error && er->error->param && strcmp(er->error->param, "residency") == 0);
    error_response_free(er);
    project_create_request_free(pc);

    /* The trap is loud: a request the program built itself has no room for
     * the new fields; the setter refuses it (and warns on stderr). */
    project_create_request_t on_stack = {.name = "stack", ._library_owned = 0};
    CHECK_INT(project_create_request_set_external_key_id(&on_stack, "ekm_x"), -1);
    CHECK_INT(project_create_request_set_residency(NULL, "GLOBAL"), -1);

    /* Modify only the external key: name NULL is left as it is. */
    project_update_request_t *pu = project_update_request_create(NULL);
    CHECK_INT(project_update_request_set_external_key_id(pu, "ekm_new"), 0);
    project_t *m = ProjectsAPI_modifyProject(c, p->id, pu);
    project_update_request_free(pu);
    CHECK_OK();
    CHECK(m && strcmp(m->name, "Residency") == 0 && strcmp(m->external_key_id, "ekm_new") == 0);
    project_free(m);
    project_free(p);

    /* A user added by email (user_id NULL); the answer has no name. */
    project_user_create_request_t *uc = project_user_create_request_create(NULL, openai_api_project_user_create_request_ROLE_member);
    CHECK_INT(project_user_create_request_set_email(uc, "carol@example.com"), 0);
    project_user_t *u = ProjectsAPI_createProjectUser(c, proj, uc);
    project_user_create_request_free(uc);
    CHECK_OK();
    CHECK(u && strcmp(u->id, "user_carol") == 0 && u->name == NULL && strcmp(u->email, "carol@example.com") == 0);
    project_user_free(u);
    /* Neither user_id nor email: the server says which is missing. */
    uc = project_user_create_request_create(NULL, openai_api_project_user_create_request_ROLE_member);
    CHECK(ProjectsAPI_createProjectUser(c, proj, uc) == NULL);
    CHECK_INT(c->response_code, 400);
    project_user_create_request_free(uc);

    /* A user with no name and no email (null in the answer). */
    uc = project_user_create_request_create(strdup("user_sso"), openai_api_project_user_create_request_ROLE_member);
    project_user_free(ProjectsAPI_createProjectUser(c, proj, uc));
    project_user_create_request_free(uc);
    u = ProjectsAPI_retrieveProjectUser(c, proj, "user_sso");
    CHECK_OK();
    CHECK(u && u->name == NULL && u->email == NULL && u->role == openai_api_project_user_ROLE_member && u->added_at > 0);
    project_user_free(u);

    /* A custom role: the enum says _NULL, the text is beside it. */
    uc = project_user_create_request_create(strdup("user_dan"), openai_api_project_user_create_request_ROLE_NULL);
    CHECK_INT(project_user_create_request_set_role_string(uc, "auditor"), 0);
    u = ProjectsAPI_createProjectUser(c, proj, uc);
    project_user_create_request_free(uc);
    CHECK_OK();
    CHECK(u && u->role == openai_api_project_user_ROLE_NULL && u->role_string && strcmp(u->role_string, "auditor") == 0);
    project_user_free(u);
    project_user_update_request_t *uu = project_user_update_request_create(openai_api_project_user_update_request_ROLE_NULL);
    CHECK_INT(project_user_update_request_set_role_string(uu, "billing_viewer"), 0);
    u = ProjectsAPI_modifyProjectUser(c, proj, "user_dan", uu);
    project_user_update_request_free(uu);
    CHECK(u && u->role == openai_api_project_user_ROLE_NULL && u->role_string && strcmp(u->role_string, "billing_viewer") == 0);
    project_user_free(u);
    uu = project_user_update_request_create(openai_api_project_user_update_request_ROLE_owner);
    u = ProjectsAPI_modifyProjectUser(c, proj, "user_dan", uu);
    project_user_update_request_free(uu);
    CHECK(u && u->role == openai_api_project_user_ROLE_owner && u->role_string == NULL);
    project_user_free(u);
    /* No role at all: the document does not require one, so `{}` is sent
     * and the server answers (the mock, as the API, wants a role). */
    uu = project_user_update_request_create(openai_api_project_user_update_request_ROLE_NULL);
    CHECK(ProjectsAPI_modifyProjectUser(c, proj, "user_dan", uu) == NULL);
    CHECK_INT(c->response_code, 400);
    er = apiClient_errorResponse(c);
    CHECK(er && er->error && er->error->param && strcmp(er->error->param, "role") == 0);
    error_response_free(er);
    project_user_update_request_free(uu);
    /* A required field missing is refused before sending, naming it. */
    project_create_request_t *nameless = project_create_request_create(NULL);
    CHECK(ProjectsAPI_createProject(c, nameless) == NULL);
    CHECK_INT(c->response_code, 0);
    CHECK_STR(apiClient_errorType(c), "invalid_argument");
    CHECK(apiClient_errorMessage(c) && strstr(apiClient_errorMessage(c), "project_create_request.name") != NULL);
    project_create_request_free(nameless);

    /* A service account without a role or key. */
    project_service_account_create_request_t *sc = project_service_account_create_request_create(strdup("bare"));
    CHECK_INT(project_service_account_create_request_set_create_service_account_only(sc, 1), 0);
    project_service_account_create_response_t *sa = ProjectsAPI_createProjectServiceAccount(c, proj, sc);
    project_service_account_create_request_free(sc);
    CHECK_OK();
    CHECK(sa && sa->role == openai_api_project_service_account_create_response_ROLE_none && sa->api_key == NULL);
    if (sa) {
        project_service_account_t *got = ProjectsAPI_retrieveProjectServiceAccount(c, proj, sa->id);
        CHECK(got && got->role == openai_api_project_service_account_ROLE_none && got->role_string == NULL);
        project_service_account_free(got);
    }
    project_service_account_create_response_free(sa);

    /* One with a key: the key's owner is the service account, never used. */
    sc = project_service_account_create_request_create(strdup("deployer"));
    sa = ProjectsAPI_createProjectServiceAccount(c, proj, sc);
    project_service_account_create_request_free(sc);
    CHECK(sa && sa->role == openai_api_project_service_account_create_response_ROLE_member && sa->api_key && sa->api_key->value);
    char *svc_key = sa && sa->api_key ? strdup(sa->api_key->id) : NULL;
    project_service_account_create_response_free(sa);
    project_api_key_t *k = svc_key ? ProjectsAPI_retrieveProjectApiKey(c, proj, svc_key) : NULL;
    CHECK_OK();
    CHECK(k && k->has_last_used_at == 0 && k->owner && k->owner->type == openai_api_project_api_key_owner_TYPE_service_account);
    if (k && k->owner && k->owner->service_account) {
        project_service_account_t *o = k->owner->service_account;
        CHECK_STR(o->name, "deployer");
        CHECK_INT(o->role, openai_api_project_service_account_ROLE_member);
        CHECK(o->created_at > 0);
        CHECK_INT(o->object, openai_api_project_service_account_OBJECT_NULL);
        CHECK_STR(k->owner_project_access, "active");
    }
    project_api_key_free(k);

    /* Alice's key: used, owned by a user in the live API's owner shape.
     * The mock dates what exists at start a day before its clock's start
     * (2025-01-01): made at 1735603200, last used a second later. */
    k = ProjectsAPI_retrieveProjectApiKey(c, proj, "key_alice");
    CHECK_OK();
    CHECK(k && k->has_last_used_at == 1 && k->last_used_at == 1735603201);
    if (k && k->owner && k->owner->user) {
        project_user_t *o = k->owner->user;
        CHECK_STR(o->id, "user_alice");
        CHECK_STR(o->name, "Alice Example");
        CHECK_STR(o->email, "alice@example.com");
        CHECK_INT(o->role, openai_api_project_user_ROLE_owner);
        CHECK_INT(o->created_at, 1700000001);
        CHECK_INT(o->added_at, 0);
    } else {
        CHECK(!"key_alice has a user owner");
    }
    project_api_key_free(k);

    /* Alice leaves: her key stays, but only the inactive/any filters show it. */
    project_user_delete_response_free(ProjectsAPI_deleteProjectUser(c, proj, "user_alice"));
    CHECK_OK();
    project_api_key_list_response_t *all = ProjectsAPI_listProjectApiKeys(c, proj, NULL, NULL);
    CHECK(all && !has_key(all, "key_alice") && has_key(all, svc_key));
    project_api_key_list_response_free(all);
    all = ProjectsAPI_listProjectApiKeysByOwnerAccess(c, proj, NULL, NULL, "inactive");
    CHECK_OK();
    CHECK(all && has_key(all, "key_alice") && !has_key(all, svc_key) && all->data->count == 1);
    if (all && all->data->count == 1) {
        project_api_key_t *ak = all->data->firstEntry->data;
        CHECK_STR(ak->owner_project_access, "inactive");
    }
    project_api_key_list_response_free(all);
    all = ProjectsAPI_listProjectApiKeysByOwnerAccess(c, proj, NULL, NULL, "any");
    CHECK(all && has_key(all, "key_alice") && has_key(all, svc_key));
    project_api_key_list_response_free(all);
    all = ProjectsAPI_listProjectApiKeysByOwnerAccess(c, proj, NULL, NULL, "active");
    CHECK(all && !has_key(all, "key_alice") && has_key(all, svc_key));
    /* After the last key: an empty page, null cursors. */
    project_api_key_list_response_t *empty = all && all->last_id ? ProjectsAPI_listProjectApiKeysByOwnerAccess(c, proj, NULL, all->last_id, "active") : NULL;
    CHECK(empty && empty->data && empty->data->count == 0 && empty->first_id == NULL && empty->last_id == NULL && !empty->has_more);
    project_api_key_list_response_free(empty);
    project_api_key_list_response_free(all);
    CHECK(ProjectsAPI_listProjectApiKeysByOwnerAccess(c, proj, NULL, NULL, "bogus") == NULL);
    CHECK_INT(c->response_code, 400);
    er = apiClient_errorResponse(c);
    CHECK(er && er->error && er->error->param && strcmp(er->error->param, "owner_project_access") == 0);
    error_response_free(er);
    free(svc_key);
}

/* The call must fail before anything is sent, naming `what`. */
static void refused(void *result, const char *what) {
    CHECK(result == NULL);
    CHECK_INT(c->response_code, 0);
    CHECK_STR(apiClient_errorType(c), "invalid_argument");
    const char *m = apiClient_errorMessage(c);
    if (!m || !strstr(m, what)) {
        fprintf(stderr, "message \"%s\" does not name %s\n", m ? m : "(null)", what);
        check_failures++;
    }
}

static int visit_nothing(project_user_t *u, void *data) {
    (void)u;
    (void)data;
    return 0;
}

static void ids(char *proj) {
    char *bad[] = {"", ".", ".."};
    project_update_request_t *pu = project_update_request_create(strdup("x"));
    project_user_create_request_t *uc = project_user_create_request_create(strdup("user_bob"), openai_api_project_user_create_request_ROLE_member);
    project_user_update_request_t *uu = project_user_update_request_create(openai_api_project_user_update_request_ROLE_owner);
    project_service_account_create_request_t *sc = project_service_account_create_request_create(strdup("x"));
    project_rate_limit_update_request_t *rl = project_rate_limit_update_request_create(1, 0, 0, 0, 0, 0);
    for (int i = 0; i < 3; i++) {
        char *b = bad[i];
        refused(ProjectsAPI_retrieveProject(c, b), "project_id");
        refused(ProjectsAPI_modifyProject(c, b, pu), "project_id");
        refused(ProjectsAPI_archiveProject(c, b), "project_id");
        refused(ProjectsAPI_listProjectUsers(c, b, NULL, NULL), "project_id");
        refused(ProjectsAPI_createProjectUser(c, b, uc), "project_id");
        refused(ProjectsAPI_retrieveProjectUser(c, b, "user_alice"), "project_id");
        refused(ProjectsAPI_retrieveProjectUser(c, proj, b), "user_id");
        refused(ProjectsAPI_modifyProjectUser(c, b, "user_alice", uu), "project_id");
        refused(ProjectsAPI_modifyProjectUser(c, proj, b, uu), "user_id");
        refused(ProjectsAPI_deleteProjectUser(c, b, "user_alice"), "project_id");
        refused(ProjectsAPI_deleteProjectUser(c, proj, b), "user_id");
        refused(ProjectsAPI_listProjectServiceAccounts(c, b, NULL, NULL), "project_id");
        refused(ProjectsAPI_createProjectServiceAccount(c, b, sc), "project_id");
        refused(ProjectsAPI_retrieveProjectServiceAccount(c, b, "svc"), "project_id");
        refused(ProjectsAPI_retrieveProjectServiceAccount(c, proj, b), "service_account_id");
        refused(ProjectsAPI_deleteProjectServiceAccount(c, b, "svc"), "project_id");
        refused(ProjectsAPI_deleteProjectServiceAccount(c, proj, b), "service_account_id");
        refused(ProjectsAPI_listProjectApiKeys(c, b, NULL, NULL), "project_id");
        refused(ProjectsAPI_listProjectApiKeysByOwnerAccess(c, b, NULL, NULL, "any"), "project_id");
        refused(ProjectsAPI_retrieveProjectApiKey(c, b, "key_alice"), "project_id");
        refused(ProjectsAPI_retrieveProjectApiKey(c, proj, b), "key_id");
        refused(ProjectsAPI_deleteProjectApiKey(c, b, "key_alice"), "project_id");
        refused(ProjectsAPI_deleteProjectApiKey(c, proj, b), "key_id");
        refused(ProjectsAPI_listProjectRateLimits(c, b, NULL, NULL, NULL), "project_id");
        refused(ProjectsAPI_updateProjectRateLimits(c, b, "rl-o3", rl), "project_id");
        refused(ProjectsAPI_updateProjectRateLimits(c, proj, b, rl), "rate_limit_id");
        CHECK_INT(ProjectsAPI_forEachProjectUser(c, b, NULL, visit_nothing, NULL), -1);
        CHECK_STR(apiClient_errorType(c), "invalid_argument");
    }
    project_update_request_free(pu);
    project_user_create_request_free(uc);
    project_user_update_request_free(uu);
    project_service_account_create_request_free(sc);
    project_rate_limit_update_request_free(rl);
}

/* Every call, the odd id in each id position in turn; the test expects the
 * requests in this order. */
static void encode(void) {
    char *x = "x/y?z#w %";
    apiClient_setMaxRetries(c, 0);
    project_update_request_t *pu = project_update_request_create(strdup("n"));
    project_user_create_request_t *uc = project_user_create_request_create(strdup("user_bob"), openai_api_project_user_create_request_ROLE_member);
    project_user_update_request_t *uu = project_user_update_request_create(openai_api_project_user_update_request_ROLE_owner);
    project_service_account_create_request_t *sc = project_service_account_create_request_create(strdup("s"));
    project_rate_limit_update_request_t *rl = project_rate_limit_update_request_create(1, 0, 0, 0, 0, 0);
    project_free(ProjectsAPI_retrieveProject(c, x));
    project_free(ProjectsAPI_modifyProject(c, x, pu));
    project_free(ProjectsAPI_archiveProject(c, x));
    project_user_list_response_free(ProjectsAPI_listProjectUsers(c, x, NULL, NULL));
    project_user_free(ProjectsAPI_createProjectUser(c, x, uc));
    project_user_free(ProjectsAPI_retrieveProjectUser(c, x, "u"));
    project_user_free(ProjectsAPI_retrieveProjectUser(c, "p", x));
    project_user_free(ProjectsAPI_modifyProjectUser(c, x, "u", uu));
    project_user_free(ProjectsAPI_modifyProjectUser(c, "p", x, uu));
    project_user_delete_response_free(ProjectsAPI_deleteProjectUser(c, x, "u"));
    project_user_delete_response_free(ProjectsAPI_deleteProjectUser(c, "p", x));
    project_service_account_list_response_free(ProjectsAPI_listProjectServiceAccounts(c, x, NULL, NULL));
    project_service_account_create_response_free(ProjectsAPI_createProjectServiceAccount(c, x, sc));
    project_service_account_free(ProjectsAPI_retrieveProjectServiceAccount(c, x, "s"));
    project_service_account_free(ProjectsAPI_retrieveProjectServiceAccount(c, "p", x));
    project_service_account_delete_response_free(ProjectsAPI_deleteProjectServiceAccount(c, x, "s"));
    project_service_account_delete_response_free(ProjectsAPI_deleteProjectServiceAccount(c, "p", x));
    project_api_key_list_response_free(ProjectsAPI_listProjectApiKeys(c, x, NULL, NULL));
    project_api_key_list_response_free(ProjectsAPI_listProjectApiKeysByOwnerAccess(c, x, NULL, x, "any"));
    project_api_key_free(ProjectsAPI_retrieveProjectApiKey(c, x, "k"));
    project_api_key_free(ProjectsAPI_retrieveProjectApiKey(c, "p", x));
    project_api_key_delete_response_free(ProjectsAPI_deleteProjectApiKey(c, x, "k"));
    project_api_key_delete_response_free(ProjectsAPI_deleteProjectApiKey(c, "p", x));
    project_rate_limit_list_response_free(ProjectsAPI_listProjectRateLimits(c, x, NULL, x, x));
    project_rate_limit_free(ProjectsAPI_updateProjectRateLimits(c, x, "r", rl));
    project_rate_limit_free(ProjectsAPI_updateProjectRateLimits(c, "p", x, rl));
    project_list_response_free(ProjectsAPI_listProjects(c, NULL, x, NULL));
    project_update_request_free(pu);
    project_user_create_request_free(uc);
    project_user_update_request_free(uu);
    project_service_account_create_request_free(sc);
    project_rate_limit_update_request_free(rl);
}

int main(int argc, char **argv) {
    const char *url = getenv("OPENAI_API_TEST_URL");
    const char *key = getenv("OPENAI_API_TEST_KEY");
    char *proj = getenv("OPENAI_API_TEST_PROJECT");
    if (argc != 2 || !url || !key || !proj) {
        fprintf(stderr, "usage: live_api fields|ids (with OPENAI_API_TEST_URL, _KEY, _PROJECT)\n");
        return 2;
    }
    c = apiClient_create_with_base_path(url, NULL);
    c->accessToken = strdup(key);
    if (!strcmp(argv[1], "fields")) fields(proj);
    else if (!strcmp(argv[1], "ids")) ids(proj);
    else if (!strcmp(argv[1], "encode")) encode();
    else CHECK(!"a known mode");
    apiClient_free(c);
    CHECK_DONE();
}
