/* What OpenAI's official SDK has ahead of the public document, against the
 * stateful mock: success, 404 and 400 of each new call, its walkers across
 * pages, and the new members of released structs read and sent.
 *   ahead org       external keys and storage (validated by the mock's rule,
 *                   then by the verdict the test sets between the two
 *                   phases: it prints "verdict <key id> <storage id>"),
 *                   workload identity providers and their federation rules,
 *                   usage decisions, costs by line item
 *   ahead verdicts KEY STORAGE   validating them again gives the verdicts
 *   ahead project   key expiry (made, read, updated, expired), service
 *                   tiers, residencies and geography
 * Environment: OPENAI_API_TEST_URL, OPENAI_API_TEST_KEY,
 * OPENAI_API_TEST_PROJECT (a project of the mock). */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "api/ExternalKeysAPI.h"
#include "api/ExternalStorageAPI.h"
#include "api/ProjectsAPI.h"
#include "api/UsageAPI.h"
#include "api/WorkloadIdentityFederationRulesAPI.h"
#include "api/WorkloadIdentityProvidersAPI.h"
#include "../calls.h"

static const char *project;

/* A request model parsed from JSON, as a program reading a config would;
 * the JSON is deleted at the end. */
#define PARSED(model, text) model##_parseFromJSON(json_keep(text))
static cJSON *kept[32];
static int nkept;
static cJSON *json_keep(const char *text) {
    cJSON *j = json(text);
    CHECK(nkept < 32);
    if (nkept < 32) kept[nkept++] = j;
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
    } else if (!strcmp(argv[1], "project")) {
        project_keys();
        service_tiers();
        residencies();
    }
    for (int i = 0; i < nkept; i++) cJSON_Delete(kept[i]);
    apiClient_free(c);
    CHECK_DONE();
}
