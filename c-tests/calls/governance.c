/* The 37 calls the live API added, against the stateful mock: each one's
 * success, its 404 (an unknown project, and an unknown id where it has
 * one), its 400 where the call sends something the server can refuse, and
 * every list's walker across pages.
 * Environment: OPENAI_API_TEST_URL, OPENAI_API_TEST_KEY,
 * OPENAI_API_TEST_PROJECT (a project with user_alice, owner). */
#include <stdlib.h>
#include <string.h>
#include "api/ProjectsAPI.h"
#include "../check.h"

static apiClient_t *c;
static char *proj;
static char *nope = "proj_missing";

#define CHECK_OK() do { CHECK_INT(c->response_code, 200); CHECK(apiClient_errorMessage(c) == NULL); } while (0)

/* The last call failed with this status; for 400 the error names `param`. */
static void failed(void *result, long status, const char *param, int line) {
    CHECK(result == NULL);
    if (c->response_code != status) fprintf(stderr, "  (the call on line %d)\n", line);
    CHECK_INT(c->response_code, status);
    CHECK_INT(apiClient_errorCode(c), OPENAI_API_ERROR_API);
    if (param) {
        error_response_t *e = apiClient_errorResponse(c);
        CHECK(e && e->error && e->error->param && strcmp(e->error->param, param) == 0);
        if (!(e && e->error && e->error->param && strcmp(e->error->param, param) == 0))
            fprintf(stderr, "  (wanted param %s; message %s)\n", param, apiClient_errorMessage(c) ? apiClient_errorMessage(c) : "-");
        error_response_free(e);
    }
}
#define NOT_FOUND(call) do { void *r_ = (void *)(call); failed(r_, 404, NULL, __LINE__); } while (0)
#define REFUSED(call, param) do { void *r_ = (void *)(call); failed(r_, 400, param, __LINE__); } while (0)

static list_t *strings(const char *a, const char *b) {
    list_t *l = list_createList();
    if (a) list_addElement(l, strdup(a));
    if (b) list_addElement(l, strdup(b));
    return l;
}

static int count_visits(void *item, void *n) {
    CHECK(item != NULL);
    (*(int *)n)++;
    return 0;
}
#define VISITOR(type) (int (*)(type *, void *))count_visits

static void certificates(void) {
    int two = 2, visited = 0;
    list_project_certificates_response_t *page = ProjectsAPI_listProjectCertificates(c, proj, &two, NULL, NULL);
    CHECK_OK();
    CHECK(page && page->data && page->data->count == 2 && page->has_more && page->last_id);
    char *first = NULL;
    if (page && page->data && page->data->firstEntry) {
        organization_project_certificate_t *cert = page->data->firstEntry->data;
        CHECK(cert->certificate_details && cert->certificate_details->expires_at > cert->certificate_details->valid_at);
        CHECK(!cert->active);
        first = strdup(cert->id);
    }
    list_project_certificates_response_free(page);
    page = ProjectsAPI_listProjectCertificates(c, proj, NULL, NULL, "desc");
    CHECK(page && page->data && page->data->count == 3);
    list_project_certificates_response_free(page);
    CHECK_INT(ProjectsAPI_forEachProjectCertificate(c, proj, &two, VISITOR(organization_project_certificate_t), &visited), 3);
    CHECK_INT(visited, 3);
    REFUSED(ProjectsAPI_listProjectCertificates(c, proj, NULL, NULL, "sideways"), "order");
    NOT_FOUND(ProjectsAPI_listProjectCertificates(c, nope, NULL, NULL, NULL));

    toggle_certificates_request_t *t = toggle_certificates_request_create(strings(first, NULL));
    organization_project_certificate_activation_response_t *on = ProjectsAPI_activateProjectCertificates(c, proj, t);
    CHECK_OK();
    CHECK(on && on->data && on->data->count == 1 && ((organization_project_certificate_t *)on->data->firstEntry->data)->active);
    CHECK(on && strcmp(on->object, "organization.project.certificate.activation") == 0);
    organization_project_certificate_activation_response_free(on);
    organization_project_certificate_deactivation_response_t *off = ProjectsAPI_deactivateProjectCertificates(c, proj, t);
    CHECK(off && off->data && !((organization_project_certificate_t *)off->data->firstEntry->data)->active);
    organization_project_certificate_deactivation_response_free(off);
    NOT_FOUND(ProjectsAPI_activateProjectCertificates(c, nope, t));
    NOT_FOUND(ProjectsAPI_deactivateProjectCertificates(c, nope, t));
    toggle_certificates_request_free(t);
    t = toggle_certificates_request_create(strings("cert_unknown", NULL));
    REFUSED(ProjectsAPI_activateProjectCertificates(c, proj, t), "certificate_ids");
    REFUSED(ProjectsAPI_deactivateProjectCertificates(c, proj, t), "certificate_ids");
    toggle_certificates_request_free(t);
    free(first);
}

static void retention(void) {
    project_data_retention_t *r = ProjectsAPI_retrieveProjectDataRetention(c, proj);
    CHECK_OK();
    CHECK(r && strcmp(r->type, "organization_default") == 0 && strcmp(r->object, "project.data_retention") == 0);
    project_data_retention_free(r);
    update_project_data_retention_body_t *b = update_project_data_retention_body_create(strdup("zero_data_retention"));
    r = ProjectsAPI_updateProjectDataRetention(c, proj, b);
    CHECK(r && strcmp(r->type, "zero_data_retention") == 0);
    project_data_retention_free(r);
    NOT_FOUND(ProjectsAPI_updateProjectDataRetention(c, nope, b));
    update_project_data_retention_body_free(b);
    b = update_project_data_retention_body_create(strdup("forever"));
    REFUSED(ProjectsAPI_updateProjectDataRetention(c, proj, b), "retention_type");
    update_project_data_retention_body_free(b);
    NOT_FOUND(ProjectsAPI_retrieveProjectDataRetention(c, nope));
}

static void groups(void) {
    const char *ids[2] = {"group_eng", "group_support"};
    for (int i = 0; i < 2; i++) {
        invite_project_group_body_t *b = invite_project_group_body_create(strdup(ids[i]), strdup("role_project_member"));
        project_group_t *g = ProjectsAPI_addProjectGroup(c, proj, b);
        CHECK_OK();
        CHECK(g && strcmp(g->group_id, ids[i]) == 0 && strcmp(g->project_id, proj) == 0 && strcmp(g->group_type, "group") == 0);
        project_group_free(g);
        invite_project_group_body_free(b);
    }
    invite_project_group_body_t *b = invite_project_group_body_create(strdup("group_nobody"), strdup("role_project_member"));
    REFUSED(ProjectsAPI_addProjectGroup(c, proj, b), "group_id");
    NOT_FOUND(ProjectsAPI_addProjectGroup(c, nope, b));
    invite_project_group_body_free(b);

    int one = 1, visited = 0;
    project_group_list_resource_t *page = ProjectsAPI_listProjectGroups(c, proj, &one, NULL, NULL);
    CHECK(page && page->data && page->data->count == 1 && page->has_more && page->next && strcmp(page->next, "group_eng") == 0);
    project_group_list_resource_free(page);
    CHECK_INT(ProjectsAPI_forEachProjectGroup(c, proj, &one, VISITOR(project_group_t), &visited), 2);
    CHECK_INT(visited, 2);
    REFUSED(ProjectsAPI_listProjectGroups(c, proj, &(int){0}, NULL, NULL), "limit");
    NOT_FOUND(ProjectsAPI_listProjectGroups(c, nope, NULL, NULL, NULL));

    project_group_t *g = ProjectsAPI_retrieveProjectGroup(c, proj, "group_eng", "group");
    CHECK(g && strcmp(g->group_name, "Engineering") == 0);
    project_group_free(g);
    REFUSED(ProjectsAPI_retrieveProjectGroup(c, proj, "group_eng", "team"), "group_type");
    NOT_FOUND(ProjectsAPI_retrieveProjectGroup(c, proj, "group_nobody", NULL));

    project_group_deleted_resource_t *d = ProjectsAPI_removeProjectGroup(c, proj, "group_support");
    CHECK(d && d->deleted && strcmp(d->object, "project.group.deleted") == 0);
    project_group_deleted_resource_free(d);
    NOT_FOUND(ProjectsAPI_removeProjectGroup(c, proj, "group_support"));
}

static void permissions(void) {
    project_hosted_tool_permissions_t *t = ProjectsAPI_retrieveProjectHostedToolPermissions(c, proj);
    CHECK_OK();
    CHECK(t && t->mcp && t->mcp->enabled && t->image_generation && t->image_generation->enabled);
    project_hosted_tool_permissions_free(t);
    project_hosted_tool_permissions_update_request_t *u =
        project_hosted_tool_permissions_update_request_create(NULL, NULL, hosted_tool_permission_update_create(0), NULL, NULL);
    t = ProjectsAPI_updateProjectHostedToolPermissions(c, proj, u);
    CHECK(t && t->image_generation && !t->image_generation->enabled && t->web_search && t->web_search->enabled);
    project_hosted_tool_permissions_free(t);
    NOT_FOUND(ProjectsAPI_updateProjectHostedToolPermissions(c, nope, u));
    project_hosted_tool_permissions_update_request_free(u);
    NOT_FOUND(ProjectsAPI_retrieveProjectHostedToolPermissions(c, nope));

    project_model_permissions_t *m = ProjectsAPI_retrieveProjectModelPermissions(c, proj);
    CHECK(m && strcmp(m->mode, "deny_list") == 0 && m->model_ids && m->model_ids->count == 0);
    project_model_permissions_free(m);
    project_model_permissions_update_request_t *mu = project_model_permissions_update_request_create(strdup("allow_list"), strings("gpt-4.1", "o3"));
    m = ProjectsAPI_updateProjectModelPermissions(c, proj, mu);
    CHECK(m && strcmp(m->mode, "allow_list") == 0 && m->model_ids && m->model_ids->count == 2);
    if (m && m->model_ids && m->model_ids->count == 2) CHECK_STR((char *)m->model_ids->lastEntry->data, "o3");
    project_model_permissions_free(m);
    NOT_FOUND(ProjectsAPI_updateProjectModelPermissions(c, nope, mu));
    project_model_permissions_update_request_free(mu);
    mu = project_model_permissions_update_request_create(strdup("maybe_list"), strings(NULL, NULL));
    REFUSED(ProjectsAPI_updateProjectModelPermissions(c, proj, mu), "mode");
    project_model_permissions_update_request_free(mu);
    project_model_permissions_delete_response_t *md = ProjectsAPI_deleteProjectModelPermissions(c, proj);
    CHECK(md && md->deleted);
    project_model_permissions_delete_response_free(md);
    NOT_FOUND(ProjectsAPI_deleteProjectModelPermissions(c, nope));
    NOT_FOUND(ProjectsAPI_retrieveProjectModelPermissions(c, nope));
}

static void service_account(void) {
    project_service_account_create_request_t *sc = project_service_account_create_request_create(strdup("deployer"));
    project_service_account_create_request_set_create_service_account_only(sc, 1);
    project_service_account_create_response_t *sa = ProjectsAPI_createProjectServiceAccount(c, proj, sc);
    project_service_account_create_request_free(sc);
    CHECK(sa && sa->api_key == NULL);
    char *id = sa ? strdup(sa->id) : strdup("svc_none");
    project_service_account_create_response_free(sa);

    update_project_service_account_body_t *u = update_project_service_account_body_create(strdup("deployer-2"), strdup("owner"));
    project_service_account_t *s = ProjectsAPI_updateProjectServiceAccount(c, proj, id, u);
    CHECK_OK();
    CHECK(s && strcmp(s->name, "deployer-2") == 0 && s->role == openai_api_project_service_account_ROLE_owner);
    project_service_account_free(s);
    NOT_FOUND(ProjectsAPI_updateProjectServiceAccount(c, proj, "svc_acct_missing", u));
    update_project_service_account_body_free(u);
    u = update_project_service_account_body_create(NULL, strdup("admin"));
    REFUSED(ProjectsAPI_updateProjectServiceAccount(c, proj, id, u), "role");
    update_project_service_account_body_free(u);

    create_project_service_account_api_key_body_t *k = create_project_service_account_api_key_body_create(strdup("ci key"), strings("api.model.read", NULL));
    service_account_api_key_body_t *key = ProjectsAPI_createProjectServiceAccountApiKey(c, proj, id, k);
    CHECK_OK();
    CHECK(key && key->value && strncmp(key->value, "sk-svcacct-", 11) == 0 && strcmp(key->name, "ci key") == 0);
    if (key) {
        project_api_key_t *listed = ProjectsAPI_retrieveProjectApiKey(c, proj, key->id);
        CHECK(listed && listed->owner && listed->owner->service_account && strcmp(listed->owner->service_account->id, id) == 0);
        project_api_key_free(listed);
    }
    service_account_api_key_body_free(key);
    NOT_FOUND(ProjectsAPI_createProjectServiceAccountApiKey(c, proj, "svc_acct_missing", k));
    create_project_service_account_api_key_body_free(k);
    k = create_project_service_account_api_key_body_create(strdup(" "), NULL);
    REFUSED(ProjectsAPI_createProjectServiceAccountApiKey(c, proj, id, k), "name");
    create_project_service_account_api_key_body_free(k);
    free(id);
}

static create_spend_alert_body_t *alert(int amount, const char *currency) {
    return create_spend_alert_body_create(amount, strdup(currency), strdup("month"),
                                          spend_alert_notification_channel_create(strdup("email"), strings("finance@example.com", NULL), strdup("[spend]")));
}

static void spend(void) {
    char *ids[3] = {NULL, NULL, NULL};
    for (int i = 0; i < 3; i++) {
        create_spend_alert_body_t *b = alert(1000 * (i + 1), "USD");
        project_spend_alert_t *a = ProjectsAPI_createProjectSpendAlert(c, proj, b);
        CHECK_OK();
        CHECK(a && a->threshold_amount == 1000 * (i + 1) && a->notification_channel && a->notification_channel->recipients &&
              a->notification_channel->recipients->count == 1);
        ids[i] = a ? strdup(a->id) : NULL;
        project_spend_alert_free(a);
        create_spend_alert_body_free(b);
    }
    create_spend_alert_body_t *bad = alert(1000, "EUR");
    REFUSED(ProjectsAPI_createProjectSpendAlert(c, proj, bad), "currency");
    if (ids[0]) REFUSED(ProjectsAPI_updateProjectSpendAlert(c, proj, ids[0], bad), "currency");
    create_spend_alert_body_free(bad);
    create_spend_alert_body_t *good = alert(1000, "USD");
    NOT_FOUND(ProjectsAPI_createProjectSpendAlert(c, nope, good));
    create_spend_alert_body_free(good);

    int two = 2, visited = 0;
    project_spend_alert_list_resource_t *page = ProjectsAPI_listProjectSpendAlerts(c, proj, &two, NULL, NULL, NULL);
    CHECK(page && page->data && page->data->count == 2 && page->has_more);
    project_spend_alert_list_resource_free(page);
    CHECK_INT(ProjectsAPI_forEachProjectSpendAlert(c, proj, &two, VISITOR(project_spend_alert_t), &visited), 3);
    CHECK_INT(visited, 3);
    REFUSED(ProjectsAPI_listProjectSpendAlerts(c, proj, &(int){500}, NULL, NULL, NULL), "limit");
    NOT_FOUND(ProjectsAPI_listProjectSpendAlerts(c, nope, NULL, NULL, NULL, NULL));

    if (ids[1]) {
        project_spend_alert_t *a = ProjectsAPI_retrieveProjectSpendAlert(c, proj, ids[1]);
        CHECK(a && a->threshold_amount == 2000);
        project_spend_alert_free(a);
        create_spend_alert_body_t *b = alert(2500, "USD");
        a = ProjectsAPI_updateProjectSpendAlert(c, proj, ids[1], b);
        CHECK(a && a->threshold_amount == 2500);
        project_spend_alert_free(a);
        NOT_FOUND(ProjectsAPI_updateProjectSpendAlert(c, proj, "alert_missing", b));
        create_spend_alert_body_free(b);
        project_spend_alert_deleted_resource_t *d = ProjectsAPI_deleteProjectSpendAlert(c, proj, ids[1]);
        CHECK(d && d->deleted && strcmp(d->id, ids[1]) == 0);
        project_spend_alert_deleted_resource_free(d);
        NOT_FOUND(ProjectsAPI_retrieveProjectSpendAlert(c, proj, ids[1]));
        NOT_FOUND(ProjectsAPI_deleteProjectSpendAlert(c, proj, ids[1]));
    }
    for (int i = 0; i < 3; i++) free(ids[i]);

    /* The spend limit: none, set, read, removed. */
    NOT_FOUND(ProjectsAPI_retrieveProjectSpendLimit(c, proj));
    update_project_spend_limit_body_t *l = update_project_spend_limit_body_create(50000, strdup("USD"), strdup("month"));
    project_spend_limit_resource_t *lim = ProjectsAPI_updateProjectSpendLimit(c, proj, l);
    CHECK_OK();
    CHECK(lim && lim->threshold_amount == 50000 && lim->enforcement && lim->enforcement->status);
    project_spend_limit_resource_free(lim);
    NOT_FOUND(ProjectsAPI_updateProjectSpendLimit(c, nope, l));
    update_project_spend_limit_body_free(l);
    l = update_project_spend_limit_body_create(-5, strdup("USD"), strdup("month"));
    REFUSED(ProjectsAPI_updateProjectSpendLimit(c, proj, l), "threshold_amount");
    update_project_spend_limit_body_free(l);
    lim = ProjectsAPI_retrieveProjectSpendLimit(c, proj);
    CHECK(lim && lim->threshold_amount == 50000 && strcmp(lim->currency, "USD") == 0);
    project_spend_limit_resource_free(lim);
    project_spend_limit_deleted_resource_t *ld = ProjectsAPI_deleteProjectSpendLimit(c, proj);
    CHECK(ld && ld->deleted);
    project_spend_limit_deleted_resource_free(ld);
    NOT_FOUND(ProjectsAPI_deleteProjectSpendLimit(c, proj));
}

static void roles(void) {
    public_create_organization_role_body_t *b =
        public_create_organization_role_body_create(strdup("Key manager"), strings("api.organization.projects.api_keys.read", "api.organization.projects.api_keys.write"), strdup("Manages keys"));
    role_t *r = ProjectsAPI_createProjectRole(c, proj, b);
    CHECK_OK();
    CHECK(r && !r->predefined_role && r->permissions && r->permissions->count == 2 && strcmp(r->resource_type, "api.project") == 0);
    char *role = r ? strdup(r->id) : strdup("role_none");
    role_free(r);
    REFUSED(ProjectsAPI_createProjectRole(c, proj, b), "role_name");
    NOT_FOUND(ProjectsAPI_createProjectRole(c, nope, b));
    public_create_organization_role_body_free(b);

    int one = 1, visited = 0;
    public_role_list_resource_t *page = ProjectsAPI_listProjectRoles(c, proj, &one, NULL, NULL);
    CHECK(page && page->data && page->data->count == 1 && page->has_more && page->next);
    public_role_list_resource_free(page);
    CHECK_INT(ProjectsAPI_forEachProjectRole(c, proj, &one, VISITOR(role_t), &visited), 3);
    CHECK_INT(visited, 3);
    REFUSED(ProjectsAPI_listProjectRoles(c, proj, NULL, "role_missing", NULL), "after");
    NOT_FOUND(ProjectsAPI_listProjectRoles(c, nope, NULL, NULL, NULL));

    r = ProjectsAPI_retrieveProjectRole(c, proj, role);
    CHECK(r && strcmp(r->name, "Key manager") == 0);
    role_free(r);
    NOT_FOUND(ProjectsAPI_retrieveProjectRole(c, proj, "role_missing"));
    public_update_organization_role_body_t *u = public_update_organization_role_body_create(NULL, strdup("Keys, read and write"), NULL);
    r = ProjectsAPI_updateProjectRole(c, proj, role, u);
    CHECK(r && strcmp(r->description, "Keys, read and write") == 0 && strcmp(r->name, "Key manager") == 0);
    role_free(r);
    NOT_FOUND(ProjectsAPI_updateProjectRole(c, proj, "role_missing", u));
    public_update_organization_role_body_free(u);
    u = public_update_organization_role_body_create(strings(NULL, NULL), NULL, NULL);
    REFUSED(ProjectsAPI_updateProjectRole(c, proj, role, u), "permissions");
    public_update_organization_role_body_free(u);

    /* The role given to a group and to a user. */
    invite_project_group_body_t *g = invite_project_group_body_create(strdup("group_support"), strdup("role_project_member"));
    project_group_free(ProjectsAPI_addProjectGroup(c, proj, g));
    invite_project_group_body_free(g);
    public_assign_organization_group_role_body_t *a = public_assign_organization_group_role_body_create(strdup(role));
    group_role_assignment_t *ga = ProjectsAPI_assignProjectGroupRole(c, proj, "group_support", a);
    CHECK_OK();
    CHECK(ga && ga->group && strcmp(ga->group->id, "group_support") == 0 && ga->role && strcmp(ga->role->id, role) == 0);
    group_role_assignment_free(ga);
    REFUSED(ProjectsAPI_assignProjectGroupRole(c, proj, "group_support", a), "role_id");
    NOT_FOUND(ProjectsAPI_assignProjectGroupRole(c, proj, "group_nobody", a));
    user_role_assignment_t *ua = ProjectsAPI_assignProjectUserRole(c, proj, "user_alice", a);
    CHECK_OK();
    CHECK(ua && ua->user && strcmp(ua->user->id, "user_alice") == 0 && ua->role && strcmp(ua->role->id, role) == 0);
    user_role_assignment_free(ua);
    REFUSED(ProjectsAPI_assignProjectUserRole(c, proj, "user_alice", a), "role_id");
    NOT_FOUND(ProjectsAPI_assignProjectUserRole(c, proj, "user_nobody", a));
    public_assign_organization_group_role_body_free(a);
    a = public_assign_organization_group_role_body_create(strdup("role_missing"));
    REFUSED(ProjectsAPI_assignProjectGroupRole(c, proj, "group_support", a), "role_id");
    REFUSED(ProjectsAPI_assignProjectUserRole(c, proj, "user_alice", a), "role_id");
    public_assign_organization_group_role_body_free(a);

    role_list_resource_t *gl = ProjectsAPI_listProjectGroupRoleAssignments(c, proj, "group_support", NULL, NULL, NULL);
    CHECK(gl && gl->data && gl->data->count == 1 && !gl->has_more);
    if (gl && gl->data && gl->data->count == 1) {
        assigned_role_details_t *d = gl->data->firstEntry->data;
        CHECK(strcmp(d->id, role) == 0 && d->created_by_user_obj != NULL && cJSON_IsObject(d->metadata));
    }
    role_list_resource_free(gl);
    role_list_resource_t *ul = ProjectsAPI_listProjectUserRoleAssignments(c, proj, "user_alice", NULL, NULL, NULL);
    CHECK(ul && ul->data && ul->data->count == 1);
    role_list_resource_free(ul);
    visited = 0;
    CHECK_INT(ProjectsAPI_forEachProjectGroupRoleAssignment(c, proj, "group_support", &one, VISITOR(assigned_role_details_t), &visited), 1);
    CHECK_INT(ProjectsAPI_forEachProjectUserRoleAssignment(c, proj, "user_alice", &one, VISITOR(assigned_role_details_t), &visited), 1);
    CHECK_INT(visited, 2);
    REFUSED(ProjectsAPI_listProjectGroupRoleAssignments(c, proj, "group_support", NULL, NULL, "up"), "order");
    REFUSED(ProjectsAPI_listProjectUserRoleAssignments(c, proj, "user_alice", NULL, NULL, "up"), "order");
    NOT_FOUND(ProjectsAPI_listProjectGroupRoleAssignments(c, proj, "group_nobody", NULL, NULL, NULL));
    NOT_FOUND(ProjectsAPI_listProjectUserRoleAssignments(c, proj, "user_nobody", NULL, NULL, NULL));

    assigned_role_details_t *gd = ProjectsAPI_retrieveProjectGroupRole(c, proj, "group_support", role);
    CHECK(gd && strcmp(gd->name, "Key manager") == 0 && gd->permissions && gd->permissions->count == 2);
    assigned_role_details_free(gd);
    assigned_role_details_t *ud = ProjectsAPI_retrieveProjectUserRole(c, proj, "user_alice", role);
    CHECK(ud && strcmp(ud->id, role) == 0);
    assigned_role_details_free(ud);
    NOT_FOUND(ProjectsAPI_retrieveProjectGroupRole(c, proj, "group_support", "role_project_owner"));
    NOT_FOUND(ProjectsAPI_retrieveProjectUserRole(c, proj, "user_alice", "role_project_owner"));

    deleted_role_assignment_resource_t *gu = ProjectsAPI_unassignProjectGroupRole(c, proj, "group_support", role);
    CHECK(gu && gu->deleted && strcmp(gu->object, "group.role.deleted") == 0);
    deleted_role_assignment_resource_free(gu);
    deleted_role_assignment_resource_t *uu = ProjectsAPI_unassignProjectUserRole(c, proj, "user_alice", role);
    CHECK(uu && uu->deleted && strcmp(uu->object, "user.role.deleted") == 0);
    deleted_role_assignment_resource_free(uu);
    NOT_FOUND(ProjectsAPI_unassignProjectGroupRole(c, proj, "group_support", role));
    NOT_FOUND(ProjectsAPI_unassignProjectUserRole(c, proj, "user_alice", role));

    role_deleted_resource_t *rd = ProjectsAPI_deleteProjectRole(c, proj, role);
    CHECK(rd && rd->deleted && strcmp(rd->id, role) == 0);
    role_deleted_resource_free(rd);
    NOT_FOUND(ProjectsAPI_deleteProjectRole(c, proj, role));
    REFUSED(ProjectsAPI_deleteProjectRole(c, proj, "role_project_owner"), NULL);
    free(role);
}

/* On an archived project every change is refused (400): the calls whose
 * request has nothing else the server could refuse. */
static void archived(void) {
    project_create_request_t *pc = project_create_request_create(strdup("Archived"));
    project_t *a = ProjectsAPI_createProject(c, pc);
    project_create_request_free(pc);
    CHECK(a != NULL);
    if (!a) return;
    project_free(ProjectsAPI_archiveProject(c, a->id));
    char *id = a->id;
    REFUSED(ProjectsAPI_deleteProjectModelPermissions(c, id), NULL);
    REFUSED(ProjectsAPI_deleteProjectSpendLimit(c, id), NULL);
    project_hosted_tool_permissions_update_request_t *u =
        project_hosted_tool_permissions_update_request_create(hosted_tool_permission_update_create(1), NULL, NULL, NULL, NULL);
    REFUSED(ProjectsAPI_updateProjectHostedToolPermissions(c, id, u), NULL);
    project_hosted_tool_permissions_update_request_free(u);
    REFUSED(ProjectsAPI_removeProjectGroup(c, id, "group_eng"), NULL);
    REFUSED(ProjectsAPI_deleteProjectSpendAlert(c, id, "alert_x"), NULL);
    REFUSED(ProjectsAPI_deleteProjectRole(c, id, "role_x"), NULL);
    REFUSED(ProjectsAPI_unassignProjectGroupRole(c, id, "group_eng", "role_x"), NULL);
    REFUSED(ProjectsAPI_unassignProjectUserRole(c, id, "user_alice", "role_x"), NULL);
    /* Reading stays possible. */
    project_data_retention_t *r = ProjectsAPI_retrieveProjectDataRetention(c, id);
    CHECK(r != NULL);
    project_data_retention_free(r);
    project_free(a);
}

int main(void) {
    const char *url = getenv("OPENAI_API_TEST_URL");
    const char *key = getenv("OPENAI_API_TEST_KEY");
    proj = getenv("OPENAI_API_TEST_PROJECT");
    if (!url || !key || !proj) {
        fprintf(stderr, "set OPENAI_API_TEST_URL, OPENAI_API_TEST_KEY and OPENAI_API_TEST_PROJECT\n");
        return 2;
    }
    c = apiClient_create_with_base_path(url, NULL);
    c->accessToken = strdup(key);
    apiClient_setMaxRetries(c, 0);
    certificates();
    retention();
    groups();
    permissions();
    service_account();
    spend();
    roles();
    archived();
    apiClient_free(c);
    CHECK_DONE();
}
