/* A program built against the generated client's organization layouts
 * (emitted by tests/surface/dropin_org.rs from admin-2.3.0.yaml, not from this
 * library's headers, prepended to this file) that loads this library and
 * runs: users, invites, audit logs, usage and costs, admin keys, reading
 * members by the 2.3.0 layouts. Prints what it read, one line per call.
 * Environment: OPENAI_API_TEST_URL, OPENAI_ADMIN_KEY. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct apiClient_t apiClient_t;
apiClient_t *apiClient_create_with_base_path(const char *basePath, void *sslConfig);
void apiClient_free(apiClient_t *apiClient);
list_t *list_createList(void);
void list_addElement(list_t *list, void *data);
void list_freeList(list_t *list);

/* The 22 as the generated client declares them (its enums are ints). */
user_list_response_t *UsersAPI_listUsers(apiClient_t *apiClient, int *limit, char *after);
user_t *UsersAPI_retrieveUser(apiClient_t *apiClient, char *user_id);
user_t *UsersAPI_modifyUser(apiClient_t *apiClient, char *user_id, user_role_update_request_t *user_role_update_request);
user_delete_response_t *UsersAPI_deleteUser(apiClient_t *apiClient, char *user_id);
invite_t *InvitesAPI_inviteUser(apiClient_t *apiClient, invite_request_t *invite_request);
invite_list_response_t *InvitesAPI_listInvites(apiClient_t *apiClient, int *limit, char *after);
invite_t *InvitesAPI_retrieveInvite(apiClient_t *apiClient, char *invite_id);
invite_delete_response_t *InvitesAPI_deleteInvite(apiClient_t *apiClient, char *invite_id);
list_audit_logs_response_t *AuditLogsAPI_listAuditLogs(apiClient_t *apiClient, list_audit_logs_effective_at_parameter_t *effective_at,
                                                       list_t *project_ids[], list_t *event_types[], list_t *actor_ids[], list_t *actor_emails[],
                                                       list_t *resource_ids[], int *limit, char *after, char *before);
usage_response_t *UsageAPI_usageCompletions(apiClient_t *apiClient, int *start_time, int *end_time, int bucket_width, list_t *project_ids,
                                            list_t *user_ids, list_t *api_key_ids, list_t *models, int *batch, list_t *group_by, int *limit, char *page);
usage_response_t *UsageAPI_usageCosts(apiClient_t *apiClient, int *start_time, int *end_time, int bucket_width, list_t *project_ids, list_t *group_by,
                                      int *limit, char *page);
usage_response_t *UsageAPI_usageCodeInterpreterSessions(apiClient_t *apiClient, int *start_time, int *end_time, int bucket_width, list_t *project_ids,
                                                        list_t *group_by, int *limit, char *page);
api_key_list_t *DefaultAPI_adminApiKeysList(apiClient_t *apiClient, char *after, int order, int *limit);
admin_api_key_t *DefaultAPI_adminApiKeysCreate(apiClient_t *apiClient, admin_api_keys_create_request_t *admin_api_keys_create_request);
admin_api_key_t *DefaultAPI_adminApiKeysGet(apiClient_t *apiClient, char *key_id);
admin_api_keys_delete_200_response_t *DefaultAPI_adminApiKeysDelete(apiClient_t *apiClient, char *key_id);

user_role_update_request_t *user_role_update_request_create(int role);
invite_request_t *invite_request_create(char *email, int role, list_t *projects);
invite_request_projects_inner_t *invite_request_projects_inner_create(char *id, int role);
admin_api_keys_create_request_t *admin_api_keys_create_request_create(char *name);
list_audit_logs_effective_at_parameter_t *list_audit_logs_effective_at_parameter_create(int gt, int gte, int lt, int lte);
void user_list_response_free(user_list_response_t *);
void user_free(user_t *);
void user_delete_response_free(user_delete_response_t *);
void user_role_update_request_free(user_role_update_request_t *);
void invite_free(invite_t *);
void invite_request_free(invite_request_t *);
void invite_list_response_free(invite_list_response_t *);
void invite_delete_response_free(invite_delete_response_t *);
void list_audit_logs_response_free(list_audit_logs_response_t *);
void list_audit_logs_effective_at_parameter_free(list_audit_logs_effective_at_parameter_t *);
void usage_response_free(usage_response_t *);
void api_key_list_free(api_key_list_t *);
void admin_api_key_free(admin_api_key_t *);
void admin_api_keys_create_request_free(admin_api_keys_create_request_t *);
void admin_api_keys_delete_200_response_free(admin_api_keys_delete_200_response_t *);

static const char *s(const char *x) { return x ? x : "NULL"; }

static void *first(list_t *l) { return l && l->firstEntry ? l->firstEntry->data : NULL; }

int main(void) {
    apiClient_t *c = apiClient_create_with_base_path(getenv("OPENAI_API_TEST_URL"), NULL);
    int limit = 2;
    user_list_response_t *users = UsersAPI_listUsers(c, &limit, NULL);
    user_t *u = users ? first(users->data) : NULL;
    printf("users: %ld has_more=%d first=%s <%s> role=%d object=%d last_id=%s\n", users && users->data ? users->data->count : -1L,
           users ? users->has_more : -1, u ? s(u->id) : "-", u ? s(u->email) : "-", u ? u->role : -1, u ? u->object : -1, users ? s(users->last_id) : "-");
    user_list_response_free(users);
    u = UsersAPI_retrieveUser(c, "user_bob");
    printf("user: %s %s added_at=%d\n", u ? s(u->name) : "-", u ? s(u->email) : "-", u ? u->added_at : -1);
    user_free(u);
    user_role_update_request_t *ur = user_role_update_request_create(1 /* owner */);
    u = UsersAPI_modifyUser(c, "user_bob", ur);
    printf("modified: role=%d\n", u ? u->role : -1);
    user_free(u);
    user_role_update_request_free(ur);
    user_delete_response_t *ud = UsersAPI_deleteUser(c, "user_dan");
    printf("deleted: %s %d\n", ud ? s(ud->id) : "-", ud ? ud->deleted : -1);
    user_delete_response_free(ud);

    list_t *projects = list_createList();
    list_addElement(projects, invite_request_projects_inner_create(strdup(getenv("OPENAI_API_TEST_PROJECT")), 1 /* member */));
    invite_request_t *ir = invite_request_create(strdup("dropin@example.com"), 1 /* reader */, projects);
    invite_t *inv = InvitesAPI_inviteUser(c, ir);
    invite_request_free(ir);
    printf("invite: %s <%s> role=%d status=%d invited_at>0=%d projects=%ld\n", inv ? "made" : "-", inv ? s(inv->email) : "-", inv ? inv->role : -1,
           inv ? inv->status : -1, inv ? inv->invited_at > 0 : -1, inv && inv->projects ? inv->projects->count : -1L);
    char *invite_id = inv ? strdup(inv->id) : strdup("none");
    invite_free(inv);
    invite_list_response_t *invites = InvitesAPI_listInvites(c, NULL, NULL);
    printf("invites: %ld\n", invites && invites->data ? invites->data->count : -1L);
    invite_list_response_free(invites);
    inv = InvitesAPI_retrieveInvite(c, invite_id);
    printf("retrieved: %s\n", inv ? s(inv->email) : "-");
    invite_free(inv);
    invite_delete_response_t *idel = InvitesAPI_deleteInvite(c, invite_id);
    printf("invite deleted: %d\n", idel ? idel->deleted : -1);
    invite_delete_response_free(idel);
    free(invite_id);

    list_audit_logs_effective_at_parameter_t *range = list_audit_logs_effective_at_parameter_create(0, 1, 0, 0);
    list_audit_logs_response_t *logs = AuditLogsAPI_listAuditLogs(c, range, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
    audit_log_t *a = logs ? first(logs->data) : NULL;
    printf("audit: %ld first type=%d invite_deleted=%s\n", logs && logs->data ? logs->data->count : -1L, a ? a->type : -1,
           a && a->invite_deleted ? s(a->invite_deleted->id) : "-");
    list_audit_logs_response_free(logs);
    list_audit_logs_effective_at_parameter_free(range);

    /* Three whole days, up to the start of the mock's present day. */
    int start = 1735689600 - 3 * 86400, end = 1735689600;
    usage_response_t *usage = UsageAPI_usageCompletions(c, &start, &end, 3 /* 1d */, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
    usage_time_bucket_t *b = usage ? first(usage->data) : NULL;
    usage_time_bucket_result_inner_t *r = b ? first(b->result) : NULL;
    printf("usage: %ld buckets start=%d input_tokens>0=%d requests>0=%d\n", usage && usage->data ? usage->data->count : -1L, b ? b->start_time : -1,
           r ? r->input_tokens > 0 : -1, r ? r->num_model_requests > 0 : -1);
    usage_response_free(usage);
    usage = UsageAPI_usageCodeInterpreterSessions(c, &start, NULL, 0, NULL, NULL, NULL, NULL);
    b = usage ? first(usage->data) : NULL;
    r = b ? first(b->result) : NULL;
    printf("sessions>0=%d\n", r ? r->sessions > 0 : -1);
    usage_response_free(usage);
    usage = UsageAPI_usageCosts(c, &start, NULL, 1 /* 1d */, NULL, NULL, NULL, NULL);
    b = usage ? first(usage->data) : NULL;
    r = b ? first(b->result) : NULL;
    printf("costs: value>0=%d currency=%s\n", r && r->amount ? r->amount->value > 0 : -1, r && r->amount ? s(r->amount->currency) : "-");
    usage_response_free(usage);

    admin_api_keys_create_request_t *kr = admin_api_keys_create_request_create(strdup("dropin"));
    admin_api_key_t *k = DefaultAPI_adminApiKeysCreate(c, kr);
    admin_api_keys_create_request_free(kr);
    printf("admin key: value=%s owner=%s\n", k && k->value && !strncmp(k->value, "sk-admin-", 9) ? "sk-admin-..." : "-",
           k && k->owner ? s(k->owner->id) : "-");
    char *key_id = k ? strdup(k->id) : strdup("none");
    admin_api_key_free(k);
    api_key_list_t *keys = DefaultAPI_adminApiKeysList(c, NULL, 0, NULL);
    printf("admin keys: %ld\n", keys && keys->data ? keys->data->count : -1L);
    api_key_list_free(keys);
    k = DefaultAPI_adminApiKeysGet(c, key_id);
    printf("admin key again: value=%s\n", k ? s(k->value) : "-");
    admin_api_key_free(k);
    admin_api_keys_delete_200_response_t *kd = DefaultAPI_adminApiKeysDelete(c, key_id);
    printf("admin key deleted: %d\n", kd ? kd->deleted : -1);
    admin_api_keys_delete_200_response_free(kd);
    free(key_id);
    apiClient_free(c);
    return 0;
}
