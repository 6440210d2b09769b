/* What OpenAI's official SDK has ahead of the public document, against the
 * stateful mock: success, 404 and 400 of each new call, its walkers across
 * pages, and the new members of released structs read and sent.
 *   ahead org       external keys and storage (validated by the mock's rule,
 *                   then by the verdict the test sets between the two
 *                   phases: it prints "verdict <key id> <storage id>"),
 *                   workload identity providers and their federation rules,
 *                   usage decisions, costs by line item
 *   ahead verdicts KEY STORAGE   validating them again gives the verdicts
 *   ahead project   key expiry (made, read, updated, expired), spend
 *                   limits on keys, service tiers, residencies and geography
 *   ahead health    health alert rules of the organization and of the
 *                   project: made, listed (every walker across pages),
 *                   updated at their version, a stale version refused; it
 *                   prints "rules <org rule> <project rule>" for the test
 *                   to make each raise an alert
 *   ahead alerts ORG_ALERT PROJECT_ALERT ORG_RULE PROJECT_RULE
 *                   the alerts read, the rules deleted at their version
 * Environment: OPENAI_API_TEST_URL, OPENAI_API_TEST_KEY,
 * OPENAI_API_TEST_PROJECT (a project of the mock). */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "api/ExternalKeysAPI.h"
#include "api/ExternalStorageAPI.h"
#include "api/HealthAlertsAPI.h"
#include "api/ProjectsAPI.h"
#include "api/UsageAPI.h"
#include "api/WorkloadIdentityFederationRulesAPI.h"
#include "api/WorkloadIdentityProvidersAPI.h"
#include "../calls.h"

static const char *project;

/* A request model parsed from JSON, as a program reading a config would;
 * the JSON is deleted at the end. */
#define PARSED(model, text) model##_parseFromJSON(json_keep(text))
static cJSON *kept[64];
static int nkept;
static cJSON *json_keep(const char *text) {
    cJSON *j = json(text);
    CHECK(nkept < 64);
    if (nkept < 64) kept[nkept++] = j;
    return j;
}

static char *external_keys(void) {
    external_key_create_request_t *aws = PARSED(external_key_create_request,
        "{\"name\":\"KMS\",\"type\":\"aws\",\"external_id\":\"org-mock\",\"kms_arn\":\"arn:aws:kms:us-east-1:1:key/k\","
        "\"role_arn\":\"arn:aws:iam::1:role/openai\"}");
    external_key_t *k = ExternalKeysAPI_createExternalKey(c, aws);
    OK();
    CHECK(k && k->id && strcmp(k->type, "aws") == 0 && strcmp(k->purpose, "ekm") == 0 && k->kms_arn && k->api_project_ids);
    char *id = strdup(k ? k->id : "none");
    external_key_free(k);
    external_key_create_request_free(aws);
    external_key_create_request_t *gcp = PARSED(external_key_create_request,
        "{\"name\":\"GCP\",\"type\":\"gcp\",\"purpose\":\"psp_decryption\",\"audience\":\"a\",\"kms_key_location\":\"l\","
        "\"kms_key_name\":\"n\",\"kms_key_ring_name\":\"r\",\"kms_project_id\":\"p\",\"workload_identity_pool_id\":\"w\","
        "\"workload_identity_project_number\":\"1\",\"workload_identity_provider_id\":\"i\"}");
    k = ExternalKeysAPI_createExternalKey(c, gcp);
    OK();
    external_key_free(k);
    external_key_create_request_free(gcp);
    /* Not one of the four kinds the document allows. */
    external_key_create_request_t *bad = PARSED(external_key_create_request, "{\"name\":\"Bad\",\"type\":\"azure\"}");
    FAILED(ExternalKeysAPI_createExternalKey(c, bad), 400, "body");
    external_key_create_request_free(bad);
    int limit = 1, n = 0;
    external_key_list_response_t *page = ExternalKeysAPI_listExternalKeys(c, NULL, &limit, NULL, NULL);
    OK();
    CHECK(page && page->data && page->data->count == 1 && page->has_more);
    external_key_list_response_free(page);
    CHECK_INT(ExternalKeysAPI_forEachExternalKey(c, NULL, &limit, NULL, NULL, NULL, (int (*)(external_key_t *, void *))count, &n), 2);
    n = 0;
    CHECK_INT(ExternalKeysAPI_forEachExternalKey(c, NULL, &limit, NULL, "psp_decryption", NULL,
                                                 (int (*)(external_key_t *, void *))count, &n), 1);
    k = ExternalKeysAPI_retrieveExternalKey(c, id);
    OK();
    CHECK(k && strcmp(k->name, "KMS") == 0);
    external_key_free(k);
    external_key_validate_response_t *v = ExternalKeysAPI_validateExternalKey(c, id);
    OK();
    CHECK(v && strcmp(v->status, "valid") == 0);
    external_key_validate_response_free(v);
    FAILED(ExternalKeysAPI_retrieveExternalKey(c, "extkey_missing"), 404, NULL);
    FAILED(ExternalKeysAPI_validateExternalKey(c, "extkey_missing"), 404, NULL);
    return id;
}

static char *external_storage(void) {
    char body[256];
    snprintf(body, sizeof body, "{\"project_id\":\"%s\",\"provider\":{\"type\":\"aws\",\"bucket\":\"data\",\"role_arn\":\"arn:aws:iam::123456789012:role/s3\"}}",
             project);
    external_storage_create_request_t *req = PARSED(external_storage_create_request, body);
    external_storage_configuration_t *s = ExternalStorageAPI_createExternalStorage(c, req);
    OK();
    CHECK(s && strcmp(s->status, "pending") == 0 && s->provider && strcmp(s->provider->account_id, "123456789012") == 0);
    char *id = strdup(s ? s->id : "none");
    external_storage_configuration_free(s);
    external_storage_create_request_free(req);
    req = PARSED(external_storage_create_request, "{\"project_id\":\"proj_missing\",\"provider\":{\"type\":\"aws\",\"bucket\":\"b\",\"role_arn\":\"r\"}}");
    FAILED(ExternalStorageAPI_createExternalStorage(c, req), 400, "project_id");
    external_storage_create_request_free(req);
    int n = 0;
    CHECK_INT(ExternalStorageAPI_forEachExternalStorage(c, NULL, NULL, NULL, (char *)project, NULL,
                                                        (int (*)(external_storage_configuration_t *, void *))count, &n), 1);
    s = ExternalStorageAPI_validateExternalStorage(c, id);
    OK();
    CHECK(s && strcmp(s->status, "validated") == 0);
    external_storage_configuration_free(s);
    s = ExternalStorageAPI_retrieveExternalStorage(c, id);
    OK();
    CHECK(s && strcmp(s->status, "validated") == 0);
    external_storage_configuration_free(s);
    FAILED(ExternalStorageAPI_retrieveExternalStorage(c, "extstorage_missing"), 404, NULL);
    return id;
}

static void workload_identity(void) {
    workload_identity_provider_create_request_t *req = PARSED(workload_identity_provider_create_request,
        "{\"name\":\"GitHub Actions\",\"type\":\"oidc\",\"issuer\":\"https://token.actions.githubusercontent.com\","
        "\"audience\":\"https://github.com/example\",\"attribute_transformations\":[{\"attribute\":\"repository\",\"expression\":\"assertion.repository\"}]}");
    workload_identity_provider_t *p = WorkloadIdentityProvidersAPI_createWorkloadIdentityProvider(c, req);
    OK();
    CHECK(p && p->enabled && p->verification && p->attribute_transformations && p->attribute_transformations->count == 1);
    char *pid = strdup(p ? p->id : "none");
    workload_identity_provider_free(p);
    workload_identity_provider_create_request_free(req);
    req = PARSED(workload_identity_provider_create_request, "{\"name\":\"x\",\"type\":\"saml\",\"issuer\":\"i\",\"audience\":\"a\"}");
    FAILED(WorkloadIdentityProvidersAPI_createWorkloadIdentityProvider(c, req), 400, "type");
    workload_identity_provider_create_request_free(req);
    workload_identity_provider_update_request_t *up = PARSED(workload_identity_provider_update_request, "{\"enabled\":false,\"description\":null}");
    p = WorkloadIdentityProvidersAPI_updateWorkloadIdentityProvider(c, pid, up);
    OK();
    CHECK(p && !p->enabled && p->description == NULL && p->updated_at > p->created_at);
    workload_identity_provider_free(p);
    workload_identity_provider_update_request_free(up);
    int n = 0;
    CHECK_INT(WorkloadIdentityProvidersAPI_forEachWorkloadIdentityProvider(c, NULL, NULL, NULL, NULL,
                                                                           (int (*)(workload_identity_provider_t *, void *))count, &n), 1);
    char body[320];
    for (int i = 0; i < 3; i++) {
        snprintf(body, sizeof body,
                 "{\"project_id\":\"%s\",\"service_account_id\":\"svc_acct_%d\",\"attribute_matchers\":{\"repository\":\"example/app\",\"run_attempt\":1},"
                 "\"permissions\":{\"type\":\"restricted\",\"scopes\":[\"api.responses.write\"]}}",
                 project, i % 2);
        workload_identity_federation_rule_create_request_t *r = PARSED(workload_identity_federation_rule_create_request, body);
        workload_identity_federation_rule_t *rule = WorkloadIdentityFederationRulesAPI_createWorkloadIdentityFederationRule(c, pid, r);
        OK();
        CHECK(rule && rule->attribute_matchers && cJSON_GetObjectItem(rule->attribute_matchers, "run_attempt") && rule->permissions);
        workload_identity_federation_rule_free(rule);
        workload_identity_federation_rule_create_request_free(r);
    }
    int limit = 2;
    char *next = NULL;
    n = 0;
    CHECK_INT(WorkloadIdentityFederationRulesAPI_forEachWorkloadIdentityFederationRule(c, pid, NULL, &limit, NULL, NULL, &next,
                                                                                       (int (*)(workload_identity_federation_rule_t *, void *))count, &n), 3);
    free(next);
    n = 0;
    CHECK_INT(WorkloadIdentityFederationRulesAPI_forEachWorkloadIdentityFederationRule(c, pid, NULL, NULL, NULL, "svc_acct_0", NULL,
                                                                                       (int (*)(workload_identity_federation_rule_t *, void *))count, &n), 2);
    workload_identity_federation_rule_list_response_t *page =
        WorkloadIdentityFederationRulesAPI_listWorkloadIdentityFederationRules(c, pid, NULL, &limit, NULL, NULL);
    OK();
    char *rid = strdup(page && page->data && page->data->count ? ((workload_identity_federation_rule_t *)page->data->firstEntry->data)->id : "none");
    workload_identity_federation_rule_list_response_free(page);
    workload_identity_federation_rule_update_request_t *ru = PARSED(workload_identity_federation_rule_update_request, "{\"enabled\":false,\"name\":\"main\"}");
    workload_identity_federation_rule_t *rule = WorkloadIdentityFederationRulesAPI_updateWorkloadIdentityFederationRule(c, pid, rid, ru);
    OK();
    CHECK(rule && !rule->enabled && strcmp(rule->name, "main") == 0);
    workload_identity_federation_rule_free(rule);
    workload_identity_federation_rule_update_request_free(ru);
    rule = WorkloadIdentityFederationRulesAPI_retrieveWorkloadIdentityFederationRule(c, pid, rid);
    OK();
    CHECK(rule && strcmp(rule->workload_identity_provider_id, pid) == 0);
    workload_identity_federation_rule_free(rule);
    workload_identity_federation_rule_deleted_t *rd = WorkloadIdentityFederationRulesAPI_deleteWorkloadIdentityFederationRule(c, pid, rid);
    OK();
    CHECK(rd && rd->deleted);
    workload_identity_federation_rule_deleted_free(rd);
    FAILED(WorkloadIdentityFederationRulesAPI_retrieveWorkloadIdentityFederationRule(c, pid, rid), 404, NULL);
    FAILED(WorkloadIdentityFederationRulesAPI_listWorkloadIdentityFederationRules(c, "wip_missing", NULL, NULL, NULL, NULL), 404, NULL);
    workload_identity_provider_deleted_t *pd = WorkloadIdentityProvidersAPI_deleteWorkloadIdentityProvider(c, pid);
    OK();
    CHECK(pd && pd->deleted);
    workload_identity_provider_deleted_free(pd);
    FAILED(WorkloadIdentityProvidersAPI_retrieveWorkloadIdentityProvider(c, pid), 404, NULL);
    free(rid);
    free(pid);
}

static int64_t decided;
static int sum_decisions(usage_decisions_time_bucket_t *b, void *n) {
    (*(int *)n)++;
    listEntry_t *e;
    list_ForEach(e, b->results) { decided += ((usage_decisions_result_t *)e->data)->input_tokens; }
    return 0;
}

static void usage(void) {
    int start = 1735689600 - 10 * 86400, limit = 3, n = 0;
    list_t *by = strings("api_source", "service_tier");
    usage_decisions_response_t *r = UsageAPI_usageDecisions(c, &start, NULL, NULL, NULL, NULL, NULL, NULL, NULL, by, &limit, NULL);
    OK();
    CHECK(r && r->data && r->data->count == 3 && r->has_more && r->next_page);
    int64_t grouped = 0;
    usage_decisions_time_bucket_t *first = r && r->data ? r->data->firstEntry->data : NULL;
    listEntry_t *e;
    if (first) {
        list_ForEach(e, first->results) {
            usage_decisions_result_t *x = e->data;
            CHECK(x->api_source && x->service_tier);
            grouped += x->input_tokens;
        }
    }
    usage_decisions_response_free(r);
    /* Ungrouped, day one holds the sum of its groups. */
    int one = 1;
    r = UsageAPI_usageDecisions(c, &start, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, &one, NULL);
    OK();
    usage_decisions_time_bucket_t *b = r && r->data && r->data->count ? r->data->firstEntry->data : NULL;
    CHECK(b && b->results && b->results->count == 1);
    if (b && b->results && b->results->count) CHECK(((usage_decisions_result_t *)b->results->firstEntry->data)->input_tokens == grouped);
    usage_decisions_response_free(r);
    /* Ten whole days: up to the start of the mock's present day (its
     * clock has moved on since, with the changes made before). */
    int end = 1735689600;
    CHECK_INT(UsageAPI_forEachDecisionsBucket(c, &start, &end, NULL, NULL, NULL, NULL, NULL, NULL, by, &limit, NULL, NULL, sum_decisions, &n), 10);
    CHECK(decided > 0);
    free_strings(by);
    list_t *bad = strings("line_item", NULL);
    FAILED(UsageAPI_usageDecisions(c, &start, NULL, NULL, NULL, NULL, NULL, NULL, NULL, bad, NULL, NULL), 400, "group_by");
    free_strings(bad);
    /* Costs by the SDK's new group and filter. */
    list_t *line = strings("gpt-4o, input", NULL), *src = strings("api_source", "user_id");
    usage_response_t *costs = UsageAPI_usageCostsEx(c, &start, NULL, NULL, NULL, NULL, src, &limit, NULL, line);
    OK();
    CHECK(costs && costs->data && costs->data->count == 3);
    usage_response_free(costs);
    free_strings(line);
    free_strings(src);
}

/* The verdicts the test set between the phases. */
static void verdicts(const char *key, const char *storage) {
    external_key_validate_response_t *v = ExternalKeysAPI_validateExternalKey(c, (char *)key);
    OK();
    CHECK(v && strcmp(v->status, "invalid") == 0);
    external_key_validate_response_free(v);
    external_storage_configuration_t *s = ExternalStorageAPI_validateExternalStorage(c, (char *)storage);
    OK();
    CHECK(s && strcmp(s->status, "degraded") == 0);
    external_storage_configuration_free(s);
    external_key_t *k = ExternalKeysAPI_deleteExternalKey(c, (char *)key);
    OK();
    CHECK(k && strcmp(k->id, key) == 0 && strcmp(k->name, "KMS") == 0); /* the key as it was */
    external_key_free(k);
    external_storage_deleted_t *d = ExternalStorageAPI_deleteExternalStorage(c, (char *)storage);
    OK();
    CHECK(d && d->deleted && strcmp(d->id, storage) == 0);
    external_storage_deleted_free(d);
    FAILED(ExternalStorageAPI_deleteExternalStorage(c, (char *)storage), 404, NULL);
}

static void project_keys(void) {
    char *p = (char *)project;
    /* A service account whose first key expires in an hour. */
    /* `_new` copies its strings: the caller's buffer stays the caller's. */
    char name[] = "deployer";
    project_service_account_create_request_t *sreq = project_service_account_create_request_new(name);
    name[0] = 'X';
    CHECK(sreq && strcmp(sreq->name, "deployer") == 0 && sreq->name != name);
    CHECK_INT(project_service_account_create_request_set_expires_in_seconds(sreq, 3600), 0);
    project_service_account_create_response_t *sa = ProjectsAPI_createProjectServiceAccount(c, p, sreq);
    OK();
    CHECK(sa && sa->api_key && sa->api_key->value && sa->api_key->expires_at == sa->api_key->created_at + 3600);
    char *sid = strdup(sa ? sa->id : "none");
    project_service_account_create_response_free(sa);
    project_service_account_create_request_free(sreq);
    /* A stack-built request has no room for it: refused, loudly. */
    project_service_account_create_request_t stack = {.name = "stack"};
    CHECK_INT(project_service_account_create_request_set_expires_in_seconds(&stack, 60), -1);
    /* A key of one second: expired by the next call. */
    create_project_service_account_api_key_body_t *kreq = create_project_service_account_api_key_body_create(strdup("ci"), strings("api.all.read", NULL));
    CHECK_INT(create_project_service_account_api_key_body_set_expires_in_seconds(kreq, 1), 0);
    service_account_api_key_body_t *key = ProjectsAPI_createProjectServiceAccountApiKey(c, p, sid, kreq);
    OK();
    CHECK(key && key->value && key->expires_at == key->created_at + 1);
    char *kid = strdup(key ? key->id : "none");
    service_account_api_key_body_free(key);
    create_project_service_account_api_key_body_free(kreq);
    project_api_key_t *k = ProjectsAPI_retrieveProjectApiKey(c, p, kid);
    OK();
    CHECK(k && k->expires_at > 0);
    project_api_key_free(k);
    project_api_key_update_request_t *u = project_api_key_update_request_new(0, strings("api.all.read", "api.model.read"));
    FAILED(ProjectsAPI_updateProjectApiKey(c, p, kid, u), 400, NULL); /* expired keys cannot be updated */
    project_api_key_update_request_free(u);
    /* Alice's key gets an expiry; its secret stays hidden. */
    u = project_api_key_update_request_create(86400, NULL);
    k = ProjectsAPI_updateProjectApiKey(c, p, "key_alice", u);
    OK();
    CHECK(k && k->expires_at > k->created_at && k->redacted_value && strcmp(k->id, "key_alice") == 0);
    project_api_key_free(k);
    project_api_key_update_request_free(u);
    u = project_api_key_update_request_create(0, NULL); /* nothing to change */
    FAILED(ProjectsAPI_updateProjectApiKey(c, p, "key_alice", u), 400, NULL);
    project_api_key_update_request_free(u);
    u = project_api_key_update_request_create(60, NULL);
    FAILED(ProjectsAPI_updateProjectApiKey(c, p, "key_missing", u), 404, NULL);
    project_api_key_update_request_free(u);
    free(kid);
    free(sid);
}

/* A key's spend limit as a request sends it. */
static project_api_key_spend_limit_request_t *cap(int cents) {
    return project_api_key_spend_limit_request_parseFromJSON(json_keep(cents == 2500
        ? "{\"threshold_amount\":2500,\"currency\":\"USD\",\"interval\":\"month\"}"
        : "{\"threshold_amount\":700,\"currency\":\"USD\",\"interval\":\"month\"}"));
}

static void spend_limits(void) {
    char *p = (char *)project;
    /* A service account whose first key has a spend limit. */
    project_service_account_create_request_t *sreq = project_service_account_create_request_new("capped bot");
    CHECK_INT(project_service_account_create_request_set_spend_limit(sreq, cap(700)), 0);
    project_service_account_create_response_t *sa = ProjectsAPI_createProjectServiceAccount(c, p, sreq);
    OK();
    CHECK(sa && sa->api_key && sa->api_key->spend_limit && sa->api_key->spend_limit->threshold_amount == 700);
    char *sid = strdup(sa ? sa->id : "none");
    project_service_account_create_response_free(sa);
    project_service_account_create_request_free(sreq);
    /* A second key of its own, with another limit; the key's answers show it. */
    create_project_service_account_api_key_body_t *kreq = create_project_service_account_api_key_body_new("capped", NULL);
    CHECK_INT(create_project_service_account_api_key_body_set_spend_limit(kreq, cap(2500)), 0);
    service_account_api_key_body_t *key = ProjectsAPI_createProjectServiceAccountApiKey(c, p, sid, kreq);
    OK();
    CHECK(key && key->spend_limit && key->spend_limit->threshold_amount == 2500 && strcmp(key->spend_limit->currency, "USD") == 0);
    char *kid = strdup(key ? key->id : "none");
    service_account_api_key_body_free(key);
    create_project_service_account_api_key_body_free(kreq);
    project_api_key_t *k = ProjectsAPI_retrieveProjectApiKey(c, p, kid);
    OK();
    CHECK(k && k->spend_limit && k->spend_limit->threshold_amount == 2500 && k->spend_limit->enforcement);
    project_api_key_free(k);
    /* Alice's key gets one; a key without one reads NULL. */
    k = ProjectsAPI_retrieveProjectApiKey(c, p, "key_alice");
    OK();
    CHECK(k && k->spend_limit == NULL);
    project_api_key_free(k);
    project_api_key_update_request_t *u = project_api_key_update_request_new(0, NULL);
    CHECK_INT(project_api_key_update_request_set_spend_limit(u, cap(700)), 0);
    CHECK_INT(project_api_key_update_request_set_spend_limit(u, cap(2500)), 0); /* the first is freed */
    k = ProjectsAPI_updateProjectApiKey(c, p, "key_alice", u);
    OK();
    CHECK(k && k->spend_limit && k->spend_limit->threshold_amount == 2500);
    project_api_key_free(k);
    project_api_key_update_request_free(u);
    /* `null` removes it: sent as JSON null (the test reads the wire). */
    u = project_api_key_update_request_new(0, NULL);
    CHECK_INT(project_api_key_update_request_set_spend_limit(u, cap(700)), 0);
    CHECK_INT(project_api_key_update_request_set_spend_limit_null(u), 0); /* the limit it held is freed */
    cJSON *sent = project_api_key_update_request_convertToJSON(u);
    CHECK(sent && cJSON_IsNull(cJSON_GetObjectItem(sent, "spend_limit")) && cJSON_GetArraySize(sent) == 1);
    cJSON_Delete(sent);
    k = ProjectsAPI_updateProjectApiKey(c, p, "key_alice", u);
    OK();
    CHECK(k && k->spend_limit == NULL);
    project_api_key_free(k);
    /* A value given after the null is sent instead. */
    CHECK_INT(project_api_key_update_request_set_spend_limit(u, cap(700)), 0);
    sent = project_api_key_update_request_convertToJSON(u);
    CHECK(sent && cJSON_IsObject(cJSON_GetObjectItem(sent, "spend_limit")));
    cJSON_Delete(sent);
    project_api_key_update_request_free(u);
    /* A request read from JSON sends its nulls again. */
    u = project_api_key_update_request_parseFromJSON(json_keep("{\"spend_limit\":null}"));
    sent = project_api_key_update_request_convertToJSON(u);
    CHECK(sent && cJSON_IsNull(cJSON_GetObjectItem(sent, "spend_limit")));
    cJSON_Delete(sent);
    project_api_key_update_request_free(u);
    /* A stack-built request has no room for it: refused, loudly, and the limit stays the caller's. */
    project_api_key_update_request_t stack = {.expires_in_seconds = 60};
    project_api_key_spend_limit_request_t *mine = cap(700);
    CHECK_INT(project_api_key_update_request_set_spend_limit(&stack, mine), -1);
    CHECK_INT(project_api_key_update_request_set_spend_limit_null(&stack), -1);
    CHECK_INT(project_api_key_update_request_set_spend_limit_null(NULL), -1);
    project_api_key_spend_limit_request_free(mine);
    /* The project's spend limit tells finance. */
    update_project_spend_limit_body_t *l = update_project_spend_limit_body_new(5000, "USD", "month");
    spend_limit_notification_channel_request_t *ch = spend_limit_notification_channel_request_parseFromJSON(
        json_keep("{\"type\":\"email\",\"recipients\":[\"finance@example.com\"]}"));
    CHECK_INT(update_project_spend_limit_body_set_notification_channel(l, ch), 0);
    project_spend_limit_resource_t *r = ProjectsAPI_updateProjectSpendLimit(c, p, l);
    OK();
    CHECK(r && r->notification_channel && r->notification_channel->recipients && r->notification_channel->recipients->count == 1);
    project_spend_limit_resource_free(r);
    CHECK_INT(update_project_spend_limit_body_set_notification_channel_null(l), 0);
    r = ProjectsAPI_updateProjectSpendLimit(c, p, l);
    OK();
    CHECK(r && r->notification_channel == NULL); /* back to the owners only */
    project_spend_limit_resource_free(r);
    update_project_spend_limit_body_free(l);
    free(kid);
    free(sid);
}

/* Health alert rules: made, walked, changed at their version. */
static char *health_rules(int in_project) {
    char *p = (char *)project;
    health_alert_rule_create_request_t *req = PARSED(health_alert_rule_create_request,
        "{\"name\":\"5xx errors\",\"condition\":{\"type\":\"error_rate\",\"threshold\":0.05,\"window_seconds\":300,"
        "\"status_class\":\"5xx\"},\"notifications\":{\"email\":{\"addresses\":[\"oncall@example.com\"],\"enabled\":true}}}");
    health_alert_rule_t *rule = in_project ? ProjectsAPI_createProjectHealthAlertRule(c, p, req) : HealthAlertsAPI_createHealthAlertRule(c, req);
    OK();
    CHECK(rule && rule->version == 1 && rule->enabled && rule->condition && strcmp(rule->condition->type, "error_rate") == 0 &&
          rule->condition->threshold == 0.05 && rule->notifications && rule->notifications->email &&
          rule->notifications->email->addresses && rule->notifications->email->addresses->count == 1 && rule->filters);
    char *id = strdup(rule ? rule->id : "none");
    health_alert_rule_free(rule);
    health_alert_rule_create_request_free(req);
    req = PARSED(health_alert_rule_create_request,
        "{\"name\":\"cache\",\"enabled\":false,\"condition\":{\"type\":\"prompt_cache_hit_rate\",\"threshold\":0.5}}");
    rule = in_project ? ProjectsAPI_createProjectHealthAlertRule(c, p, req) : HealthAlertsAPI_createHealthAlertRule(c, req);
    OK();
    health_alert_rule_free(rule);
    health_alert_rule_create_request_free(req);
    req = PARSED(health_alert_rule_create_request, "{\"name\":\"no condition\"}");
    /* The document requires a condition: refused before anything is sent. */
    CHECK((in_project ? ProjectsAPI_createProjectHealthAlertRule(c, p, req) : HealthAlertsAPI_createHealthAlertRule(c, req)) == NULL);
    CHECK_INT(c->response_code, 0);
    CHECK(apiClient_errorMessage(c) && strstr(apiClient_errorMessage(c), "condition"));
    health_alert_rule_create_request_free(req);
    /* A member of the struct itself: `null` until the program gives it a value there. */
    req = PARSED(health_alert_rule_create_request, "{\"name\":\"n\",\"enabled\":true,\"condition\":{\"type\":\"error_rate\",\"threshold\":1,\"window_seconds\":300}}");
    CHECK_INT(health_alert_rule_create_request_set_enabled_null(req), 0);
    CHECK_INT(health_alert_rule_create_request_set_filters_null(req), 0);
    cJSON *sent = health_alert_rule_create_request_convertToJSON(req);
    CHECK(sent && cJSON_IsNull(cJSON_GetObjectItem(sent, "enabled")) && cJSON_IsNull(cJSON_GetObjectItem(sent, "filters")));
    cJSON_Delete(sent);
    req->enabled = 0;
    req->has_enabled = 1; /* `false`, sent */
    req->filters = health_alert_rule_filters_request_parseFromJSON(json_keep("{\"models\":[\"gpt-4o\"]}"));
    sent = health_alert_rule_create_request_convertToJSON(req);
    CHECK(sent && cJSON_IsFalse(cJSON_GetObjectItem(sent, "enabled")) && cJSON_IsObject(cJSON_GetObjectItem(sent, "filters")));
    cJSON_Delete(sent);
    health_alert_rule_create_request_free(req);
    /* What the server refuses: a window the document does not list, a list of no items. */
    req = PARSED(health_alert_rule_create_request,
        "{\"name\":\"odd window\",\"condition\":{\"type\":\"error_rate\",\"threshold\":0.05,\"window_seconds\":42}}");
    FAILED(in_project ? ProjectsAPI_createProjectHealthAlertRule(c, p, req) : HealthAlertsAPI_createHealthAlertRule(c, req), 400, "condition");
    health_alert_rule_create_request_free(req);
    int none = 0;
    FAILED(in_project ? ProjectsAPI_listProjectHealthAlertRules(c, p, NULL, &none, NULL, NULL) : HealthAlertsAPI_listHealthAlertRules(c, NULL, &none, NULL, NULL),
           400, "limit");
    /* A token-paged walk, a page at a time, and one filtered. */
    int limit = 1, yes = 1, n = 0;
    char *next = NULL;
    int (*visit)(health_alert_rule_t *, void *) = (int (*)(health_alert_rule_t *, void *))count;
    CHECK_INT(in_project ? ProjectsAPI_forEachProjectHealthAlertRule(c, p, NULL, &limit, NULL, NULL, &next, visit, &n)
                         : HealthAlertsAPI_forEachHealthAlertRule(c, NULL, &limit, NULL, NULL, &next, visit, &n), 2);
    CHECK(next == NULL);
    free(next);
    n = 0;
    CHECK_INT(in_project ? ProjectsAPI_forEachProjectHealthAlertRule(c, p, &yes, NULL, NULL, "error_rate", NULL, visit, &n)
                         : HealthAlertsAPI_forEachHealthAlertRule(c, &yes, NULL, NULL, "error_rate", NULL, visit, &n), 1);
    health_alert_rule_list_response_t *page = in_project ? ProjectsAPI_listProjectHealthAlertRules(c, p, NULL, &limit, NULL, NULL)
                                                         : HealthAlertsAPI_listHealthAlertRules(c, NULL, &limit, NULL, NULL);
    OK();
    CHECK(page && page->has_more && page->next && page->data && page->data->count == 1);
    health_alert_rule_list_response_free(page);
    /* Changed at version 1; version 1 again is stale. */
    health_alert_rule_update_request_t *up = PARSED(health_alert_rule_update_request, "{\"expected_version\":1,\"name\":\"5xx (prod)\"}");
    rule = in_project ? ProjectsAPI_updateProjectHealthAlertRule(c, p, id, up) : HealthAlertsAPI_updateHealthAlertRule(c, id, up);
    OK();
    CHECK(rule && rule->version == 2 && strcmp(rule->name, "5xx (prod)") == 0 && rule->updated_at > rule->created_at);
    health_alert_rule_free(rule);
    FAILED(in_project ? ProjectsAPI_updateProjectHealthAlertRule(c, p, id, up) : HealthAlertsAPI_updateHealthAlertRule(c, id, up), 409,
           "expected_version");
    health_alert_rule_update_request_free(up);
    up = PARSED(health_alert_rule_update_request, "{\"expected_version\":2,\"name\":\"\"}");
    FAILED(in_project ? ProjectsAPI_updateProjectHealthAlertRule(c, p, id, up) : HealthAlertsAPI_updateHealthAlertRule(c, id, up), 400, "name");
    health_alert_rule_update_request_free(up);
    rule = in_project ? ProjectsAPI_retrieveProjectHealthAlertRule(c, p, id) : HealthAlertsAPI_retrieveHealthAlertRule(c, id);
    OK();
    CHECK(rule && rule->version == 2);
    health_alert_rule_free(rule);
    FAILED(in_project ? ProjectsAPI_retrieveProjectHealthAlertRule(c, p, "alertrule_missing") : HealthAlertsAPI_retrieveHealthAlertRule(c, "alertrule_missing"),
           404, NULL);
    return id;
}

/* The alerts a rule raised; the rules deleted at their version. */
static void health_alerts(const char *org_alert, const char *project_alert, char *org_rule, char *project_rule) {
    char *p = (char *)project;
    health_alert_t *a = HealthAlertsAPI_retrieveHealthAlert(c, (char *)org_alert);
    OK();
    CHECK(a && strcmp(a->alert_rule_id, org_rule) == 0 && strcmp(a->type, "triggered") == 0 && a->window && a->measurement &&
          strcmp(a->measurement->type, "error_rate") == 0 && a->dimensions);
    health_alert_free(a);
    a = ProjectsAPI_retrieveProjectHealthAlert(c, p, (char *)project_alert);
    OK();
    CHECK(a && strcmp(a->alert_rule_id, project_rule) == 0 && strcmp(a->type, "resolved") == 0 && a->dimensions &&
          a->dimensions->project_id && strcmp(a->dimensions->project_id, project) == 0);
    health_alert_free(a);
    FAILED(HealthAlertsAPI_retrieveHealthAlert(c, "alert_missing"), 404, NULL);
    int stale = 1, current = 2;
    FAILED(HealthAlertsAPI_deleteHealthAlertRule(c, org_rule, &stale), 409, "expected_version");
    FAILED(HealthAlertsAPI_deleteHealthAlertRule(c, org_rule, NULL), 400, "expected_version");
    deleted_health_alert_rule_t *d = HealthAlertsAPI_deleteHealthAlertRule(c, org_rule, &current);
    OK();
    CHECK(d && d->deleted && strcmp(d->id, org_rule) == 0);
    deleted_health_alert_rule_free(d);
    d = ProjectsAPI_deleteProjectHealthAlertRule(c, p, project_rule, &current);
    OK();
    CHECK(d && d->deleted);
    deleted_health_alert_rule_free(d);
    FAILED(ProjectsAPI_deleteProjectHealthAlertRule(c, p, project_rule, &current), 404, NULL);
}

static void service_tiers(void) {
    char *p = (char *)project;
    project_service_tier_settings_t *t = ProjectsAPI_retrieveProjectServiceTierSettings(c, p);
    OK();
    CHECK(t && strcmp(t->_default, "standard") == 0 && cJSON_IsArray(t->enabled_tiers) && cJSON_GetArraySize(t->enabled_tiers) == 0);
    project_service_tier_settings_free(t);
    cJSON *tiers = cJSON_CreateArray();
    cJSON_AddItemToArray(tiers, cJSON_CreateString("flex"));
    cJSON_AddItemToArray(tiers, cJSON_CreateString("fast"));
    project_service_tier_settings_update_request_t *u = project_service_tier_settings_update_request_create(strdup("fast"), tiers);
    t = ProjectsAPI_updateProjectServiceTierSettings(c, p, u);
    OK();
    CHECK(t && strcmp(t->_default, "fast") == 0 && cJSON_GetArraySize(t->enabled_tiers) == 2);
    project_service_tier_settings_free(t);
    project_service_tier_settings_update_request_free(u);
    u = project_service_tier_settings_update_request_create(NULL, cJSON_CreateString("all"));
    t = ProjectsAPI_updateProjectServiceTierSettings(c, p, u);
    OK();
    CHECK(t && strcmp(t->_default, "fast") == 0 && cJSON_IsString(t->enabled_tiers) && strcmp(t->enabled_tiers->valuestring, "all") == 0);
    project_service_tier_settings_free(t);
    project_service_tier_settings_update_request_free(u);
    u = project_service_tier_settings_update_request_create(strdup("scale"), cJSON_CreateString("flex"));
    FAILED(ProjectsAPI_updateProjectServiceTierSettings(c, p, u), 400, "enabled_tiers");
    project_service_tier_settings_update_request_free(u);
    t = ProjectsAPI_retrieveProjectServiceTierSettings(c, p);
    OK();
    CHECK(t && cJSON_IsString(t->enabled_tiers)); /* unchanged by the refused update */
    project_service_tier_settings_free(t);
    FAILED(ProjectsAPI_retrieveProjectServiceTierSettings(c, "proj_missing"), 404, NULL);
}

static void residencies(void) {
    project_create_request_t *r = project_create_request_new("Tokyo");
    CHECK_INT(project_create_request_set_residency(r, "JP_STORAGE_PROCESSING"), 0);
    project_t *made = ProjectsAPI_createProject(c, r);
    OK();
    CHECK(made && made->residency && strcmp(made->residency, "JP_STORAGE_PROCESSING") == 0);
    project_free(made);
    CHECK_INT(project_create_request_set_geography(r, "US"), 0);
    FAILED(ProjectsAPI_createProject(c, r), 400, "geography"); /* not both */
    CHECK_INT(project_create_request_set_residency(r, NULL), 0);
    made = ProjectsAPI_createProject(c, r);
    OK();
    project_free(made);
    project_create_request_free(r);
    project_update_request_t *u = project_update_request_new(NULL);
    CHECK_INT(project_update_request_set_geography(u, "EU"), 0);
    project_t *p = ProjectsAPI_modifyProject(c, (char *)project, u);
    OK();
    project_free(p);
    project_update_request_free(u);
}

int main(int argc, char **argv) {
    const char *url = getenv("OPENAI_API_TEST_URL"), *key = getenv("OPENAI_API_TEST_KEY");
    project = getenv("OPENAI_API_TEST_PROJECT");
    if (!url || !key || !project || argc < 2) {
        fprintf(stderr, "usage: ahead org|project|verdicts KEY STORAGE (OPENAI_API_TEST_URL, _KEY, _PROJECT)\n");
        return 2;
    }
    c = apiClient_create_with_base_path(url, NULL);
    c->accessToken = strdup(key);
    apiClient_setMaxRetries(c, 0);
    if (!strcmp(argv[1], "org")) {
        char *k = external_keys(), *s = external_storage();
        workload_identity();
        usage();
        printf("verdict %s %s\n", k, s);
        free(k);
        free(s);
    } else if (!strcmp(argv[1], "verdicts") && argc > 3) {
        verdicts(argv[2], argv[3]);
    } else if (!strcmp(argv[1], "health")) {
        char *org_rule = health_rules(0), *project_rule = health_rules(1);
        printf("rules %s %s\n", org_rule, project_rule);
        free(org_rule);
        free(project_rule);
    } else if (!strcmp(argv[1], "alerts") && argc > 5) {
        health_alerts(argv[2], argv[3], argv[4], argv[5]);
    } else if (!strcmp(argv[1], "project")) {
        project_keys();
        spend_limits();
        service_tiers();
        residencies();
    }
    for (int i = 0; i < nkept; i++) cJSON_Delete(kept[i]);
    apiClient_free(c);
    CHECK_DONE();
}
