/* The 63 organization calls against the stateful mock: success, 404 and
 * 400 of each resource, and every walker across pages (and resumed).
 *   organization before   users, admin keys, certificates, groups, roles,
 *                         retention, spend, usage and costs, audit log; it
 *                         invites new.hire@example.com and prints
 *                         "invite <id>" for the test to accept in the mock
 *   organization after    the invite accepted: the new user is found by
 *                         email, added to the project, given a role
 * Environment: OPENAI_API_TEST_URL, OPENAI_API_TEST_KEY,
 * OPENAI_API_TEST_PROJECT (a project of the mock). */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "api/AuditLogsAPI.h"
#include "api/CertificatesAPI.h"
#include "api/DataRetentionAPI.h"
#include "api/DefaultAPI.h"
#include "api/GroupOrganizationRoleAssignmentsAPI.h"
#include "api/GroupUsersAPI.h"
#include "api/GroupsAPI.h"
#include "api/InvitesAPI.h"
#include "api/ProjectsAPI.h"
#include "api/RolesAPI.h"
#include "api/SpendAlertsAPI.h"
#include "api/UsageAPI.h"
#include "api/UserOrganizationRoleAssignmentsAPI.h"
#include "api/UsersAPI.h"
#include "../calls.h"

/* Stops after `*n` reaches 3. */
static int three(void *item, void *n) {
    (void)item;
    return ++*(int *)n == 3;
}

static void users(void) {
    int limit = 2, n = 0;
    user_list_response_t *page = UsersAPI_listUsers(c, &limit, NULL);
    OK();
    CHECK(page && page->data && page->data->count == 2 && page->has_more);
    if (page && page->data && page->data->firstEntry) {
        user_t *u = page->data->firstEntry->data;
        CHECK_STR(u->id, "user_alice");
        CHECK_INT(u->object, openai_api_user_OBJECT_organization_user);
        CHECK_INT(u->role, openai_api_user_ROLE_owner);
    }
    user_list_response_free(page);
    char *next = NULL;
    CHECK_INT(UsersAPI_forEachUser(c, &limit, NULL, NULL, &next, (int (*)(user_t *, void *))count, &n), 6);
    CHECK_INT(n, 6);
    CHECK_STR(next, "user_sso"); /* after the last page: its last_id */
    free(next);
    /* Resumed: three users, then the rest from the cursor handed back. */
    n = 0;
    CHECK_INT(UsersAPI_forEachUser(c, &limit, NULL, NULL, &next, (int (*)(user_t *, void *))three, &n), 3);
    CHECK(next != NULL);
    int rest = 0;
    /* The page the walk stopped on comes again: its first item was visited. */
    CHECK_INT(UsersAPI_forEachUser(c, &limit, next, NULL, NULL, (int (*)(user_t *, void *))count, &rest), 4);
    free(next);
    list_t *emails = strings("carol@example.com", "dan@example.com");
    page = UsersAPI_listUsersEx(c, NULL, NULL, emails);
    OK();
    CHECK(page && page->data && page->data->count == 2);
    user_list_response_free(page);
    free_strings(emails);

    user_t *u = UsersAPI_retrieveUser(c, "user_bob");
    OK();
    CHECK(u && strcmp(u->email, "bob@example.com") == 0 && u->role == openai_api_user_ROLE_reader);
    user_free(u);
    FAILED(UsersAPI_retrieveUser(c, "user_missing"), 404, NULL);
    cJSON *j = json("{\"role\":\"owner\"}");
    user_role_update_request_t *req = user_role_update_request_parseFromJSON(j);
    u = UsersAPI_modifyUser(c, "user_bob", req);
    OK();
    CHECK(u && u->role == openai_api_user_ROLE_owner);
    user_free(u);
    user_role_update_request_free(req);
    cJSON_Delete(j);
    /* A role the API does not have: 400 naming it. */
    j = json("{\"role\":\"boss\"}");
    req = user_role_update_request_parseFromJSON(j);
    CHECK(req && req->role == 0 && req->role_string && strcmp(req->role_string, "boss") == 0);
    FAILED(UsersAPI_modifyUser(c, "user_bob", req), 400, "role");
    user_role_update_request_free(req);
    cJSON_Delete(j);
    user_delete_response_t *d = UsersAPI_deleteUser(c, "user_dan");
    OK();
    CHECK(d && d->deleted && strcmp(d->id, "user_dan") == 0);
    user_delete_response_free(d);
    FAILED(UsersAPI_deleteUser(c, "user_dan"), 404, NULL);
}

static void admin_keys(void) {
    admin_api_keys_create_request_t *req = admin_api_keys_create_request_create(strdup("rotation"));
    admin_api_key_t *k = DefaultAPI_adminApiKeysCreate(c, req);
    OK();
    CHECK(k && k->value && strncmp(k->value, "sk-admin-", 9) == 0 && k->owner && k->redacted_value);
    char *id = k ? strdup(k->id) : strdup("none");
    admin_api_key_free(k);
    admin_api_keys_create_request_free(req);
    k = DefaultAPI_adminApiKeysCreate(c, NULL);
    CHECK(k == NULL && strcmp(apiClient_errorType(c), "invalid_argument") == 0);
    int limit = 1, n = 0;
    api_key_list_t *page = DefaultAPI_adminApiKeysList(c, NULL, openai_api_adminApiKeysList_ORDER_desc, &limit);
    OK();
    CHECK(page && page->data && page->data->count == 1);
    api_key_list_free(page);
    CHECK_INT(DefaultAPI_forEachAdminApiKey(c, NULL, 0, &limit, NULL, (int (*)(admin_api_key_t *, void *))count, &n), 1);
    k = DefaultAPI_adminApiKeysGet(c, id);
    OK();
    CHECK(k && k->value == NULL); /* shown once, at creation */
    admin_api_key_free(k);
    admin_api_keys_delete_200_response_t *d = DefaultAPI_adminApiKeysDelete(c, id);
    OK();
    CHECK(d && d->deleted);
    admin_api_keys_delete_200_response_free(d);
    FAILED(DefaultAPI_adminApiKeysGet(c, id), 404, NULL);
    free(id);
}

static const char *PEM = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUZm9y\n-----END CERTIFICATE-----\n";

static void certificates(void) {
    upload_certificate_request_t *up = upload_certificate_request_create(strdup("mTLS"), strdup(PEM));
    certificate_t *cert = CertificatesAPI_uploadCertificate(c, up);
    OK();
    CHECK(cert && cert->certificate_details);
    char *id = cert ? strdup(cert->id) : strdup("none");
    certificate_free(cert);
    upload_certificate_request_free(up);
    up = upload_certificate_request_create(NULL, strdup("not a certificate"));
    FAILED(CertificatesAPI_uploadCertificate(c, up), 400, "certificate");
    upload_certificate_request_free(up);
    list_t *include = strings("content", NULL);
    cert = CertificatesAPI_getCertificate(c, id, include);
    OK();
    CHECK(cert && cert->certificate_details && cert->certificate_details->content && strstr(cert->certificate_details->content, "BEGIN"));
    certificate_free(cert);
    free_strings(include);
    modify_certificate_request_t *mod = modify_certificate_request_create(strdup("mTLS 2"));
    cert = CertificatesAPI_modifyCertificate(c, id, mod);
    OK();
    CHECK(cert && strcmp(cert->name, "mTLS 2") == 0);
    certificate_free(cert);
    modify_certificate_request_free(mod);
    toggle_certificates_request_t *t = toggle_certificates_request_create(strings(id, NULL));
    organization_certificate_activation_response_t *on = CertificatesAPI_activateOrganizationCertificates(c, t);
    OK();
    CHECK(on && on->data && on->data->count == 1);
    organization_certificate_activation_response_free(on);
    int n = 0;
    CHECK_INT(CertificatesAPI_forEachOrganizationCertificate(c, NULL, NULL, NULL, NULL, (int (*)(organization_certificate_t *, void *))count, &n), 1);
    organization_certificate_deactivation_response_t *off = CertificatesAPI_deactivateOrganizationCertificates(c, t);
    OK();
    organization_certificate_deactivation_response_free(off);
    toggle_certificates_request_free(t);
    list_certificates_response_t *page = CertificatesAPI_listOrganizationCertificates(c, NULL, NULL, NULL);
    OK();
    list_certificates_response_free(page);
    delete_certificate_response_t *d = CertificatesAPI_deleteCertificate(c, id);
    OK();
    delete_certificate_response_free(d);
    FAILED(CertificatesAPI_getCertificate(c, id, NULL), 404, NULL);
    free(id);
}

static void groups_and_roles(void) {
    public_create_organization_role_body_t *rb =
        public_create_organization_role_body_create(strdup("Auditor"), strings("api.organization.read", NULL), strdup("Reads"));
    role_t *r = RolesAPI_createRole(c, rb);
    OK();
    char *role = r ? strdup(r->id) : strdup("none");
    role_free(r);
    public_create_organization_role_body_free(rb);
    rb = public_create_organization_role_body_create(NULL, strings("x", NULL), NULL);
    r = RolesAPI_createRole(c, rb); /* role_name is required: refused before sending */
    CHECK(r == NULL && strcmp(apiClient_errorType(c), "invalid_argument") == 0);
    public_create_organization_role_body_free(rb);
    r = RolesAPI_retrieveRole(c, role);
    OK();
    CHECK(r && strcmp(r->name, "Auditor") == 0);
    role_free(r);
    public_update_organization_role_body_t *ru = public_update_organization_role_body_create(NULL, strdup("Reads everything"), NULL);
    r = RolesAPI_updateRole(c, role, ru);
    OK();
    CHECK(r && strcmp(r->description, "Reads everything") == 0);
    role_free(r);
    public_update_organization_role_body_free(ru);
    public_role_list_resource_t *roles = RolesAPI_listRoles(c, NULL, NULL, NULL);
    OK();
    public_role_list_resource_free(roles);
    int n = 0;
    CHECK_INT(RolesAPI_forEachRole(c, NULL, NULL, NULL, NULL, (int (*)(role_t *, void *))count, &n), 1);
    FAILED(RolesAPI_retrieveRole(c, "role_missing"), 404, NULL);

    /* A role for a user. */
    public_assign_organization_group_role_body_t *as = public_assign_organization_group_role_body_create(strdup(role));
    user_role_assignment_t *ua = UserOrganizationRoleAssignmentsAPI_assignUserRole(c, "user_carol", as);
    OK();
    CHECK(ua && ua->user && ua->role && strcmp(ua->role->id, role) == 0);
    user_role_assignment_free(ua);
    FAILED(UserOrganizationRoleAssignmentsAPI_assignUserRole(c, "user_carol", as), 400, "role_id");
    role_list_resource_t *rl = UserOrganizationRoleAssignmentsAPI_listUserRoleAssignments(c, "user_carol", NULL, NULL, NULL);
    OK();
    CHECK(rl && rl->data && rl->data->count == 1);
    role_list_resource_free(rl);
    n = 0;
    CHECK_INT(UserOrganizationRoleAssignmentsAPI_forEachUserRoleAssignment(c, "user_carol", NULL, NULL, NULL, NULL,
                                                                         (int (*)(assigned_role_details_t *, void *))count, &n), 1);
    assigned_role_details_t *ad = UserOrganizationRoleAssignmentsAPI_retrieveUserRole(c, "user_carol", role);
    OK();
    CHECK(ad && strcmp(ad->name, "Auditor") == 0);
    assigned_role_details_free(ad);
    deleted_role_assignment_resource_t *dr = UserOrganizationRoleAssignmentsAPI_unassignUserRole(c, "user_carol", role);
    OK();
    deleted_role_assignment_resource_free(dr);
    FAILED(UserOrganizationRoleAssignmentsAPI_retrieveUserRole(c, "user_carol", role), 404, NULL);
    FAILED(UserOrganizationRoleAssignmentsAPI_listUserRoleAssignments(c, "user_missing", NULL, NULL, NULL), 404, NULL);

    /* A group, its users and its roles. */
    create_group_body_t *gb = create_group_body_create(strdup("Auditors"));
    group_response_t *g = GroupsAPI_createGroup(c, gb);
    OK();
    char *group = g ? strdup(g->id) : strdup("none");
    group_response_free(g);
    create_group_body_free(gb);
    update_group_body_t *gu = update_group_body_create(strdup("Internal auditors"));
    group_resource_with_success_t *gs = GroupsAPI_updateGroup(c, group, gu);
    OK();
    CHECK(gs && strcmp(gs->name, "Internal auditors") == 0);
    group_resource_with_success_free(gs);
    update_group_body_free(gu);
    g = GroupsAPI_retrieveGroup(c, group);
    OK();
    group_response_free(g);
    int limit = 1;
    n = 0;
    CHECK_INT(GroupsAPI_forEachGroup(c, &limit, NULL, NULL, NULL, (int (*)(group_response_t *, void *))count, &n), 3);
    group_list_resource_t *gl = GroupsAPI_listGroups(c, &limit, NULL, NULL);
    OK();
    CHECK(gl && gl->has_more && gl->next);
    group_list_resource_free(gl);
    create_group_user_body_t *gub = create_group_user_body_create(strdup("user_carol"));
    group_user_assignment_t *gua = GroupUsersAPI_addGroupUser(c, group, gub);
    OK();
    CHECK(gua && strcmp(gua->user_id, "user_carol") == 0);
    group_user_assignment_free(gua);
    create_group_user_body_free(gub);
    gub = create_group_user_body_create(strdup("user_nobody"));
    FAILED(GroupUsersAPI_addGroupUser(c, group, gub), 400, "user_id");
    create_group_user_body_free(gub);
    user_list_resource_t *members = GroupUsersAPI_listGroupUsers(c, group, NULL, NULL, NULL);
    OK();
    CHECK(members && members->data && members->data->count == 1);
    user_list_resource_free(members);
    n = 0;
    CHECK_INT(GroupUsersAPI_forEachGroupUser(c, group, NULL, NULL, NULL, NULL, (int (*)(group_user_t *, void *))count, &n), 1);
    group_member_user_t *gm = GroupUsersAPI_retrieveGroupUser(c, group, "user_carol");
    OK();
    CHECK(gm && strcmp(gm->email, "carol@example.com") == 0);
    group_member_user_free(gm);
    group_user_deleted_resource_t *gd = GroupUsersAPI_removeGroupUser(c, group, "user_carol");
    OK();
    group_user_deleted_resource_free(gd);
    FAILED(GroupUsersAPI_retrieveGroupUser(c, group, "user_carol"), 404, NULL);
    group_role_assignment_t *gra = GroupOrganizationRoleAssignmentsAPI_assignGroupRole(c, group, as);
    OK();
    CHECK(gra && gra->group && gra->role);
    group_role_assignment_free(gra);
    rl = GroupOrganizationRoleAssignmentsAPI_listGroupRoleAssignments(c, group, NULL, NULL, NULL);
    OK();
    role_list_resource_free(rl);
    n = 0;
    CHECK_INT(GroupOrganizationRoleAssignmentsAPI_forEachGroupRoleAssignment(c, group, NULL, NULL, NULL, NULL,
                                                                           (int (*)(assigned_role_details_t *, void *))count, &n), 1);
    ad = GroupOrganizationRoleAssignmentsAPI_retrieveGroupRole(c, group, role);
    OK();
    assigned_role_details_free(ad);
    dr = GroupOrganizationRoleAssignmentsAPI_unassignGroupRole(c, group, role);
    OK();
    deleted_role_assignment_resource_free(dr);
    public_assign_organization_group_role_body_free(as);
    group_deleted_resource_t *gdel = GroupsAPI_deleteGroup(c, group);
    OK();
    group_deleted_resource_free(gdel);
    FAILED(GroupsAPI_retrieveGroup(c, group), 404, NULL);
    FAILED(GroupUsersAPI_listGroupUsers(c, group, NULL, NULL, NULL), 404, NULL);
    role_deleted_resource_t *rd = RolesAPI_deleteRole(c, role);
    OK();
    role_deleted_resource_free(rd);
    free(group);
    free(role);
}

static void retention_and_spend(void) {
    organization_data_retention_t *dr = DataRetentionAPI_retrieveOrganizationDataRetention(c);
    OK();
    organization_data_retention_free(dr);
    update_organization_data_retention_body_t *ub = update_organization_data_retention_body_create(strdup("modified_abuse_monitoring"));
    dr = DataRetentionAPI_updateOrganizationDataRetention(c, ub);
    OK();
    CHECK(dr && strcmp(dr->type, "modified_abuse_monitoring") == 0);
    organization_data_retention_free(dr);
    update_organization_data_retention_body_free(ub);
    ub = update_organization_data_retention_body_create(strdup("forever"));
    FAILED(DataRetentionAPI_updateOrganizationDataRetention(c, ub), 400, "retention_type");
    update_organization_data_retention_body_free(ub);

    create_spend_alert_body_t *ab = create_spend_alert_body_create(
        50000, strdup("USD"), strdup("month"), spend_alert_notification_channel_create(strdup("email"), strings("finance@example.com", NULL), NULL));
    organization_spend_alert_t *a = SpendAlertsAPI_createOrganizationSpendAlert(c, ab);
    OK();
    char *id = a ? strdup(a->id) : strdup("none");
    CHECK(a && a->threshold_amount == 50000);
    organization_spend_alert_free(a);
    ab->threshold_amount = 75000;
    a = SpendAlertsAPI_updateOrganizationSpendAlert(c, id, ab);
    OK();
    CHECK(a && a->threshold_amount == 75000);
    organization_spend_alert_free(a);
    ab->threshold_amount = -1;
    FAILED(SpendAlertsAPI_createOrganizationSpendAlert(c, ab), 400, "threshold_amount");
    create_spend_alert_body_free(ab);
    a = SpendAlertsAPI_retrieveOrganizationSpendAlert(c, id);
    OK();
    organization_spend_alert_free(a);
    organization_spend_alert_list_resource_t *al = SpendAlertsAPI_listOrganizationSpendAlerts(c, NULL, NULL, NULL, NULL);
    OK();
    organization_spend_alert_list_resource_free(al);
    int n = 0;
    CHECK_INT(SpendAlertsAPI_forEachOrganizationSpendAlert(c, NULL, NULL, NULL, NULL, NULL, (int (*)(organization_spend_alert_t *, void *))count, &n), 1);
    organization_spend_alert_deleted_resource_t *ad = SpendAlertsAPI_deleteOrganizationSpendAlert(c, id);
    OK();
    organization_spend_alert_deleted_resource_free(ad);
    FAILED(SpendAlertsAPI_retrieveOrganizationSpendAlert(c, id), 404, NULL);
    free(id);

    FAILED(DefaultAPI_retrieveOrganizationSpendLimit(c), 404, NULL);
    update_organization_spend_limit_body_t *lb = update_organization_spend_limit_body_create(100000, strdup("USD"), strdup("month"));
    organization_spend_limit_resource_t *l = DefaultAPI_updateOrganizationSpendLimit(c, lb);
    OK();
    CHECK(l && l->threshold_amount == 100000);
    organization_spend_limit_resource_free(l);
    update_organization_spend_limit_body_free(lb);
    l = DefaultAPI_retrieveOrganizationSpendLimit(c);
    OK();
    organization_spend_limit_resource_free(l);
    organization_spend_limit_deleted_resource_t *ld = DefaultAPI_deleteOrganizationSpendLimit(c);
    OK();
    organization_spend_limit_deleted_resource_free(ld);
}

/* Sums the results' input tokens over the buckets visited. */
static int64_t tokens;
static int sum_tokens(usage_time_bucket_t *b, void *n) {
    listEntry_t *e;
    list_ForEach(e, b->result) {
        usage_time_bucket_result_inner_t *r = e->data;
        tokens += r->input_tokens_64;
    }
    (*(int *)n)++;
    return 0;
}

static void usage(void) {
    /* Ten whole days, up to the start of the mock's present day (its clock
     * has moved on with the changes made before). */
    int start = 1735689600 - 10 * 86400, day_end = 1735689600, limit = 3, n = 0;
    list_t *by = strings("project_id", "model");
    usage_response_t *u = UsageAPI_usageCompletions(c, &start, NULL, openai_api_usageCompletions_BUCKETWIDTH__1d, NULL, NULL, NULL, NULL, NULL, by, &limit, NULL);
    OK();
    CHECK(u && u->data && u->data->count == 3 && u->has_more && u->next_page);
    usage_response_free(u);
    /* Ten days of buckets, three a page: four pages. */
    char *next = NULL;
    CHECK_INT(UsageAPI_forEachCompletionsBucket(c, &start, &day_end, 0, NULL, NULL, NULL, NULL, NULL, NULL, &limit, NULL, &next,
                                                (int (*)(usage_time_bucket_t *, void *))sum_tokens, &n), 10);
    CHECK(next == NULL);
    int64_t whole = tokens;
    CHECK(whole > 0);
    /* Grouped, the groups add up to the same. */
    tokens = 0;
    n = 0;
    CHECK_INT(UsageAPI_forEachCompletionsBucket(c, &start, &day_end, 0, NULL, NULL, NULL, NULL, NULL, by, &limit, NULL, NULL,
                                                (int (*)(usage_time_bucket_t *, void *))sum_tokens, &n), 10);
    CHECK(tokens == whole);
    free_strings(by);
    int end = start + 3600 * 5;
    u = UsageAPI_usageEmbeddings(c, &start, &end, openai_api_usageEmbeddings_BUCKETWIDTH__1h, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
    OK();
    CHECK(u && u->data && u->data->count == 5 && !u->has_more);
    usage_response_free(u);
    u = UsageAPI_usageModerations(c, &start, NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
    OK();
    usage_response_free(u);
    list_t *sizes = strings("1024x1024", NULL), *sg = strings("size", "source");
    u = UsageAPI_usageImages(c, &start, NULL, 0, NULL, sizes, NULL, NULL, NULL, NULL, sg, NULL, NULL);
    OK();
    usage_response_free(u);
    free_strings(sizes);
    free_strings(sg);
    u = UsageAPI_usageAudioSpeeches(c, &start, NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
    OK();
    usage_response_free(u);
    u = UsageAPI_usageAudioTranscriptions(c, &start, NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
    OK();
    usage_response_free(u);
    u = UsageAPI_usageVectorStores(c, &start, NULL, 0, NULL, NULL, NULL, NULL);
    OK();
    usage_response_free(u);
    u = UsageAPI_usageCodeInterpreterSessions(c, &start, NULL, 0, NULL, NULL, NULL, NULL);
    OK();
    if (u && u->data && u->data->firstEntry) {
        usage_time_bucket_t *b = u->data->firstEntry->data;
        CHECK(b->result == b->results); /* the released member holds the live API's list */
        if (b->result && b->result->firstEntry) {
            usage_time_bucket_result_inner_t *r = b->result->firstEntry->data;
            CHECK(r->sessions > 0 && r->sessions == r->num_sessions);
        }
    }
    usage_response_free(u);
    u = UsageAPI_usageFileSearchCalls(c, &start, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
    OK();
    usage_response_free(u);
    u = UsageAPI_usageWebSearchCalls(c, &start, NULL, "1d", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
    OK();
    usage_response_free(u);
    /* Costs by project and line item, a page at a time. */
    list_t *cg = strings("project_id", "line_item");
    n = 0;
    CHECK_INT(UsageAPI_forEachCostsBucket(c, &start, &day_end, "1d", NULL, NULL, cg, &limit, NULL, NULL, NULL,
                                          (int (*)(usage_time_bucket_t *, void *))count, &n), 10);
    free_strings(cg);
    u = UsageAPI_usageCosts(c, &start, NULL, openai_api_usageCosts_BUCKETWIDTH__1d, NULL, NULL, NULL, NULL);
    OK();
    if (u && u->data && u->data->firstEntry) {
        usage_time_bucket_t *b = u->data->firstEntry->data;
        usage_time_bucket_result_inner_t *r = b->result && b->result->firstEntry ? b->result->firstEntry->data : NULL;
        CHECK(r && r->amount && r->amount->value > 0 && strcmp(r->amount->currency, "usd") == 0);
        CHECK(r && r->amount->value != (double)(int64_t)r->amount->value); /* a fraction of a dollar */
    }
    usage_response_free(u);
    /* No start_time: 400 naming it. */
    FAILED(UsageAPI_usageCompletions(c, NULL, NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL), 400, "start_time");
    int zero = 0;
    FAILED(UsageAPI_usageCompletions(c, &start, NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, &zero, NULL), 400, "limit");
}

static void audit_log(void) {
    /* The mock logs the changes it makes: a new project among them. */
    project_create_request_t *pc = project_create_request_create(strdup("Audited"));
    project_t *made = ProjectsAPI_createProject(c, pc);
    OK();
    project_create_request_free(pc);
    char *project = made ? strdup(made->id) : strdup("none");
    project_free(made);
    list_audit_logs_effective_at_parameter_t *range = list_audit_logs_effective_at_parameter_create(0, 1, 0, 0);
    list_t *types = strings("project.created", NULL), *projects = strings(project, NULL);
    list_audit_logs_response_t *r = AuditLogsAPI_listAuditLogs(c, range, &projects, &types, NULL, NULL, NULL, NULL, NULL, NULL);
    OK();
    CHECK(r && r->data && r->data->count == 1);
    if (r && r->data && r->data->firstEntry) {
        audit_log_t *a = r->data->firstEntry->data;
        CHECK_INT(a->type, openai_api_audit_log_event_type__project_created);
        CHECK(a->project_created && strcmp(a->project_created->id, project) == 0);
        CHECK(a->actor && a->actor->type == openai_api_audit_log_actor_TYPE_api_key);
    }
    list_audit_logs_response_free(r);
    /* Newest first, two a page, across every page. */
    int limit = 2, n = 0;
    CHECK(AuditLogsAPI_forEachAuditLog(c, NULL, NULL, NULL, NULL, NULL, NULL, NULL, &limit, NULL, NULL, NULL,
                                       (int (*)(audit_log_t *, void *))count, &n) > 10);
    int tenant = 0;
    r = AuditLogsAPI_listAuditLogsEx(c, range, NULL, types, NULL, NULL, NULL, &tenant, NULL, NULL, NULL);
    OK();
    list_audit_logs_response_free(r);
    free_strings(types);
    free_strings(projects);
    list_audit_logs_effective_at_parameter_free(range);
    free(project);
}

static char *invite(const char *project) {
    cJSON *j = cJSON_CreateObject();
    cJSON_AddStringToObject(j, "email", "new.hire@example.com");
    cJSON_AddStringToObject(j, "role", "reader");
    cJSON *ps = cJSON_AddArrayToObject(j, "projects");
    cJSON *p = cJSON_CreateObject();
    cJSON_AddStringToObject(p, "id", project);
    cJSON_AddStringToObject(p, "role", "member");
    cJSON_AddItemToArray(ps, p);
    invite_request_t *req = invite_request_parseFromJSON(j);
    cJSON_Delete(j);
    invite_t *inv = InvitesAPI_inviteUser(c, req);
    OK();
    CHECK(inv && inv->status == openai_api_invite_STATUS_pending && inv->projects && inv->projects->count == 1);
    CHECK(inv && inv->invited_at > 0 && inv->invited_at == inv->created_at);
    char *id = inv ? strdup(inv->id) : strdup("none");
    invite_free(inv);
    invite_request_free(req);
    /* Someone already in the organization. */
    req = invite_request_create(strdup("alice@example.com"), openai_api_invite_request_ROLE_reader, NULL);
    FAILED(InvitesAPI_inviteUser(c, req), 400, "email");
    invite_request_free(req);
    inv = InvitesAPI_retrieveInvite(c, id);
    OK();
    invite_free(inv);
    FAILED(InvitesAPI_retrieveInvite(c, "invite-missing"), 404, NULL);
    int n = 0;
    CHECK(InvitesAPI_forEachInvite(c, NULL, NULL, NULL, (int (*)(invite_t *, void *))count, &n) >= 1);
    invite_list_response_t *l = InvitesAPI_listInvites(c, NULL, NULL);
    OK();
    invite_list_response_free(l);
    return id;
}

static void after_accept(const char *project, const char *invite_id) {
    /* The accepted invite cannot be deleted. */
    FAILED(InvitesAPI_deleteInvite(c, (char *)invite_id), 400, NULL);
    list_t *emails = strings("new.hire@example.com", NULL);
    user_list_response_t *found = UsersAPI_listUsersEx(c, NULL, NULL, emails);
    OK();
    free_strings(emails);
    CHECK(found && found->data && found->data->count == 1);
    if (found && found->data && found->data->firstEntry) {
        user_t *u = found->data->firstEntry->data;
        project_user_create_request_t *add = project_user_create_request_create(strdup(u->id), openai_api_project_user_create_request_ROLE_member);
        project_user_t *pu = ProjectsAPI_createProjectUser(c, (char *)project, add);
        OK();
        CHECK(pu && strcmp(pu->email, "new.hire@example.com") == 0);
        project_user_free(pu);
        project_user_create_request_free(add);
    }
    user_list_response_free(found);
}

int main(int argc, char **argv) {
    const char *url = getenv("OPENAI_API_TEST_URL"), *key = getenv("OPENAI_API_TEST_KEY"), *project = getenv("OPENAI_API_TEST_PROJECT");
    if (!url || !key || !project || argc < 2) {
        fprintf(stderr, "usage: organization before|after INVITE_ID (OPENAI_API_TEST_URL, _KEY, _PROJECT)\n");
        return 2;
    }
    c = apiClient_create_with_base_path(url, NULL);
    c->accessToken = strdup(key);
    apiClient_setMaxRetries(c, 0);
    if (!strcmp(argv[1], "before")) {
        users();
        admin_keys();
        certificates();
        groups_and_roles();
        retention_and_spend();
        usage();
        char *id = invite(project);
        audit_log();
        printf("invite %s\n", id);
        free(id);
    } else if (argc > 2) {
        after_accept(project, argv[2]);
    }
    apiClient_free(c);
    CHECK_DONE();
}
