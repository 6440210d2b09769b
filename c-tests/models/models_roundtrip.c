/* Every model: _create -> _convertToJSON -> cJSON_Print -> cJSON_Parse ->
 * _parseFromJSON -> _convertToJSON again; the two texts and every field
 * must match; then everything is freed (valgrind/ASan check for leaks). */
#include <stdlib.h>
#include <string.h>
#include "api/ProjectsAPI.h"
#include "../check.h"

#define S(x) strdup(x)

#define ROUNDTRIP(model, obj, cmp) do { \
    model##_t *orig_ = (obj); \
    CHECK(orig_ != NULL); \
    cJSON *j1_ = model##_convertToJSON(orig_); \
    CHECK(j1_ != NULL); \
    char *text_ = cJSON_Print(j1_); \
    cJSON *parsed_ = cJSON_Parse(text_); \
    CHECK(parsed_ != NULL); \
    model##_t *back_ = model##_parseFromJSON(parsed_); \
    CHECK(back_ != NULL); \
    cJSON *j2_ = model##_convertToJSON(back_); \
    char *text2_ = cJSON_Print(j2_); \
    CHECK_STR(text_, text2_); \
    CHECK(cJSON_Compare(j1_, j2_, 1)); \
    if (orig_ && back_) cmp(orig_, back_); \
    free(text_); free(text2_); \
    cJSON_Delete(j1_); cJSON_Delete(j2_); cJSON_Delete(parsed_); \
    model##_free(back_); model##_free(orig_); \
} while (0)

static void cmp_project(project_t *a, project_t *b) {
    CHECK_STR(a->id, b->id); CHECK_INT(a->object, b->object); CHECK_STR(a->name, b->name);
    CHECK_INT(a->created_at, b->created_at); CHECK_INT(a->archived_at, b->archived_at);
    CHECK_INT(a->status, b->status); CHECK_INT(b->_library_owned, 1);
}
static void cmp_project_user(project_user_t *a, project_user_t *b) {
    CHECK_INT(a->object, b->object); CHECK_STR(a->id, b->id); CHECK_STR(a->name, b->name);
    CHECK_STR(a->email, b->email); CHECK_INT(a->role, b->role); CHECK_INT(a->added_at, b->added_at);
}
static void cmp_project_service_account(project_service_account_t *a, project_service_account_t *b) {
    CHECK_INT(a->object, b->object); CHECK_STR(a->id, b->id); CHECK_STR(a->name, b->name);
    CHECK_INT(a->role, b->role); CHECK_INT(a->created_at, b->created_at);
}
static void cmp_project_api_key_owner(project_api_key_owner_t *a, project_api_key_owner_t *b) {
    CHECK_INT(a->type, b->type);
    CHECK((a->user == NULL) == (b->user == NULL));
    if (a->user && b->user) cmp_project_user(a->user, b->user);
    CHECK((a->service_account == NULL) == (b->service_account == NULL));
    if (a->service_account && b->service_account) cmp_project_service_account(a->service_account, b->service_account);
}
static void cmp_project_api_key(project_api_key_t *a, project_api_key_t *b) {
    CHECK_INT(a->object, b->object); CHECK_STR(a->redacted_value, b->redacted_value);
    CHECK_STR(a->name, b->name); CHECK_INT(a->created_at, b->created_at); CHECK_STR(a->id, b->id);
    CHECK(b->owner != NULL);
    if (b->owner) cmp_project_api_key_owner(a->owner, b->owner);
}
static void cmp_delete(int ao, const char *aid, int ad, int bo, const char *bid, int bd) {
    CHECK_INT(ao, bo); CHECK_STR(aid, bid); CHECK_INT(ad, bd);
}
#define CMP_DELETE(a, b) cmp_delete((int)(a)->object, (a)->id, (a)->deleted, (int)(b)->object, (b)->id, (b)->deleted)
static void cmp_project_api_key_delete_response(project_api_key_delete_response_t *a, project_api_key_delete_response_t *b) { CMP_DELETE(a, b); }
static void cmp_project_user_delete_response(project_user_delete_response_t *a, project_user_delete_response_t *b) { CMP_DELETE(a, b); }
static void cmp_project_service_account_delete_response(project_service_account_delete_response_t *a, project_service_account_delete_response_t *b) { CMP_DELETE(a, b); }
static void cmp_project_create_request(project_create_request_t *a, project_create_request_t *b) { CHECK_STR(a->name, b->name); }
static void cmp_project_update_request(project_update_request_t *a, project_update_request_t *b) { CHECK_STR(a->name, b->name); }
static void cmp_project_service_account_create_request(project_service_account_create_request_t *a, project_service_account_create_request_t *b) { CHECK_STR(a->name, b->name); }
static void cmp_project_user_create_request(project_user_create_request_t *a, project_user_create_request_t *b) {
    CHECK_STR(a->user_id, b->user_id); CHECK_INT(a->role, b->role);
}
static void cmp_project_user_update_request(project_user_update_request_t *a, project_user_update_request_t *b) { CHECK_INT(a->role, b->role); }
static void cmp_project_rate_limit(project_rate_limit_t *a, project_rate_limit_t *b) {
    CHECK_INT(a->object, b->object); CHECK_STR(a->id, b->id); CHECK_STR(a->model, b->model);
    CHECK_INT(a->max_requests_per_1_minute, b->max_requests_per_1_minute);
    CHECK_INT(a->max_tokens_per_1_minute, b->max_tokens_per_1_minute);
    CHECK_INT(a->max_images_per_1_minute, b->max_images_per_1_minute);
    CHECK_INT(a->max_audio_megabytes_per_1_minute, b->max_audio_megabytes_per_1_minute);
    CHECK_INT(a->max_requests_per_1_day, b->max_requests_per_1_day);
    CHECK_INT(a->batch_1_day_max_input_tokens, b->batch_1_day_max_input_tokens);
}
static void cmp_project_rate_limit_update_request(project_rate_limit_update_request_t *a, project_rate_limit_update_request_t *b) {
    CHECK_INT(a->max_requests_per_1_minute, b->max_requests_per_1_minute);
    CHECK_INT(a->max_tokens_per_1_minute, b->max_tokens_per_1_minute);
    CHECK_INT(a->max_images_per_1_minute, b->max_images_per_1_minute);
    CHECK_INT(a->max_audio_megabytes_per_1_minute, b->max_audio_megabytes_per_1_minute);
    CHECK_INT(a->max_requests_per_1_day, b->max_requests_per_1_day);
    CHECK_INT(a->batch_1_day_max_input_tokens, b->batch_1_day_max_input_tokens);
}
static void cmp_project_service_account_api_key(project_service_account_api_key_t *a, project_service_account_api_key_t *b) {
    CHECK_INT(a->object, b->object); CHECK_STR(a->value, b->value); CHECK_STR(a->name, b->name);
    CHECK_INT(a->created_at, b->created_at); CHECK_STR(a->id, b->id);
}
static void cmp_project_service_account_create_response(project_service_account_create_response_t *a, project_service_account_create_response_t *b) {
    CHECK_INT(a->object, b->object); CHECK_STR(a->id, b->id); CHECK_STR(a->name, b->name);
    CHECK_INT(a->role, b->role); CHECK_INT(a->created_at, b->created_at);
    CHECK(b->api_key != NULL);
    if (b->api_key) cmp_project_service_account_api_key(a->api_key, b->api_key);
}
static void cmp_error(openai_api_error_t *a, openai_api_error_t *b) {
    CHECK_STR(a->code, b->code); CHECK_STR(a->message, b->message); CHECK_STR(a->param, b->param); CHECK_STR(a->type, b->type);
}
static void cmp_error_response(error_response_t *a, error_response_t *b) {
    CHECK(b->error != NULL);
    if (b->error) cmp_error(a->error, b->error);
}

/* List pages: same paging fields, same number of items, items equal. */
#define CMP_PAGE(a, b, item_cmp, item_t) do { \
    CHECK_STR((a)->first_id, (b)->first_id); CHECK_STR((a)->last_id, (b)->last_id); \
    CHECK_INT((a)->has_more, (b)->has_more); \
    CHECK_INT((a)->data->count, (b)->data->count); \
    listEntry_t *ea_, *eb_ = (b)->data->firstEntry; \
    list_ForEach(ea_, (a)->data) { CHECK(eb_ != NULL); if (!eb_) break; item_cmp((item_t *)ea_->data, (item_t *)eb_->data); eb_ = eb_->nextListEntry; } \
} while (0)
static void cmp_project_list_response(project_list_response_t *a, project_list_response_t *b) {
    CHECK_INT(a->object, b->object); CMP_PAGE(a, b, cmp_project, project_t);
}
static void cmp_project_user_list_response(project_user_list_response_t *a, project_user_list_response_t *b) {
    CHECK_STR(a->object, b->object); CMP_PAGE(a, b, cmp_project_user, project_user_t);
}
static void cmp_project_service_account_list_response(project_service_account_list_response_t *a, project_service_account_list_response_t *b) {
    CHECK_INT(a->object, b->object); CMP_PAGE(a, b, cmp_project_service_account, project_service_account_t);
}
static void cmp_project_api_key_list_response(project_api_key_list_response_t *a, project_api_key_list_response_t *b) {
    CHECK_INT(a->object, b->object); CMP_PAGE(a, b, cmp_project_api_key, project_api_key_t);
}
static void cmp_project_rate_limit_list_response(project_rate_limit_list_response_t *a, project_rate_limit_list_response_t *b) {
    CHECK_INT(a->object, b->object); CMP_PAGE(a, b, cmp_project_rate_limit, project_rate_limit_t);
}

static project_user_t *user(const char *id) {
    return project_user_create(openai_api_project_user_OBJECT_organization_project_user, S(id), S("Ada \"Admin\" Lovelace"),
                               S("ada@example.com"), openai_api_project_user_ROLE_owner, 1711471533);
}
static project_service_account_t *service_account(const char *id) {
    return project_service_account_create(openai_api_project_service_account_OBJECT_organization_project_service_account,
                                          S(id), S("ci bot \t\x01 é"), openai_api_project_service_account_ROLE_member, 1711471534);
}
static project_api_key_t *api_key(const char *id, int by_user) {
    project_api_key_owner_t *owner = by_user
        ? project_api_key_owner_create(openai_api_project_api_key_owner_TYPE_user, user("user_1"), NULL)
        : project_api_key_owner_create(openai_api_project_api_key_owner_TYPE_service_account, NULL, service_account("svc_1"));
    return project_api_key_create(openai_api_project_api_key_OBJECT_organization_project_api_key, S("sk-abc...def"),
                                  S("key name"), 1711471535, S(id), owner);
}
static project_rate_limit_t *rate_limit(const char *id) {
    return project_rate_limit_create(openai_api_project_rate_limit_OBJECT_project_rate_limit, S(id), S("gpt-4o"),
                                     500, 30000, 0, 10, 2147483647, -1);
}

int main(void) {
    ROUNDTRIP(project, project_create(S("proj_abc"), openai_api_project_OBJECT_organization_project, S("Project example"),
                                      1711471533, 0, openai_api_project_STATUS_active), cmp_project);
    ROUNDTRIP(project, project_create(S("proj_old"), openai_api_project_OBJECT_organization_project, S("Archived"),
                                      1711471533, 1711900000, openai_api_project_STATUS_archived), cmp_project);
    ROUNDTRIP(project_create_request, project_create_request_create(S("new project")), cmp_project_create_request);
    ROUNDTRIP(project_update_request, project_update_request_create(S("renamed \\ / \"")), cmp_project_update_request);
    {
        list_t *l = list_createList();
        for (int i = 0; i < 3; i++) {
            char id[32]; snprintf(id, sizeof id, "proj_%d", i);
            list_addElement(l, project_create(S(id), openai_api_project_OBJECT_organization_project, S("p"), 1000 + i, 0,
                                              openai_api_project_STATUS_active));
        }
        ROUNDTRIP(project_list_response, project_list_response_create(openai_api_project_list_response_OBJECT_list, l,
                                                                      S("proj_0"), S("proj_2"), 1), cmp_project_list_response);
        /* A last page: has_more false must still be written. */
        ROUNDTRIP(project_list_response, project_list_response_create(openai_api_project_list_response_OBJECT_list,
                                                                      list_createList(), NULL, NULL, 0), cmp_project_list_response);
    }
    ROUNDTRIP(project_user, user("user_abc"), cmp_project_user);
    ROUNDTRIP(project_user_create_request, project_user_create_request_create(S("user_abc"), openai_api_project_user_create_request_ROLE_member),
              cmp_project_user_create_request);
    ROUNDTRIP(project_user_update_request, project_user_update_request_create(openai_api_project_user_update_request_ROLE_owner),
              cmp_project_user_update_request);
    ROUNDTRIP(project_user_delete_response, project_user_delete_response_create(openai_api_project_user_delete_response_OBJECT_organization_project_user_deleted,
                                                                                S("user_abc"), 1), cmp_project_user_delete_response);
    {
        list_t *l = list_createList();
        list_addElement(l, user("user_1"));
        list_addElement(l, user("user_2"));
        ROUNDTRIP(project_user_list_response, project_user_list_response_create(S("list"), l, S("user_1"), S("user_2"), 0),
                  cmp_project_user_list_response);
    }
    ROUNDTRIP(project_service_account, service_account("svc_abc"), cmp_project_service_account);
    ROUNDTRIP(project_service_account_api_key, project_service_account_api_key_create(
                  openai_api_project_service_account_api_key_OBJECT_organization_project_service_account_api_key,
                  S("sk-secret-value"), S("Secret Key"), 1711471533, S("key_abc")), cmp_project_service_account_api_key);
    ROUNDTRIP(project_service_account_create_request, project_service_account_create_request_create(S("bot")),
              cmp_project_service_account_create_request);
    ROUNDTRIP(project_service_account_create_response, project_service_account_create_response_create(
                  openai_api_project_service_account_create_response_OBJECT_organization_project_service_account, S("svc_abc"), S("bot"),
                  openai_api_project_service_account_create_response_ROLE_member, 1711471533,
                  project_service_account_api_key_create(openai_api_project_service_account_api_key_OBJECT_organization_project_service_account_api_key,
                                                         S("sk-secret"), S("Secret Key"), 1711471533, S("key_abc"))),
              cmp_project_service_account_create_response);
    /* deleted: false is a required boolean and must be written. */
    ROUNDTRIP(project_service_account_delete_response, project_service_account_delete_response_create(
                  openai_api_project_service_account_delete_response_OBJECT_organization_project_service_account_deleted, S("svc_abc"), 0),
              cmp_project_service_account_delete_response);
    {
        list_t *l = list_createList();
        list_addElement(l, service_account("svc_1"));
        ROUNDTRIP(project_service_account_list_response, project_service_account_list_response_create(
                      openai_api_project_service_account_list_response_OBJECT_list, l, S("svc_1"), S("svc_1"), 0),
                  cmp_project_service_account_list_response);
    }
    ROUNDTRIP(project_api_key, api_key("key_user", 1), cmp_project_api_key);
    ROUNDTRIP(project_api_key, api_key("key_svc", 0), cmp_project_api_key);
    ROUNDTRIP(project_api_key_owner, project_api_key_owner_create(openai_api_project_api_key_owner_TYPE_user, user("u"), NULL),
              cmp_project_api_key_owner);
    ROUNDTRIP(project_api_key_delete_response, project_api_key_delete_response_create(
                  openai_api_project_api_key_delete_response_OBJECT_organization_project_api_key_deleted, S("key_abc"), 1),
              cmp_project_api_key_delete_response);
    {
        list_t *l = list_createList();
        list_addElement(l, api_key("key_1", 1));
        list_addElement(l, api_key("key_2", 0));
        ROUNDTRIP(project_api_key_list_response, project_api_key_list_response_create(
                      openai_api_project_api_key_list_response_OBJECT_list, l, S("key_1"), S("key_2"), 1),
                  cmp_project_api_key_list_response);
    }
    ROUNDTRIP(project_rate_limit, rate_limit("rl_1"), cmp_project_rate_limit);
    ROUNDTRIP(project_rate_limit_update_request, project_rate_limit_update_request_create(100, 0, 5, 0, 1000, 7),
              cmp_project_rate_limit_update_request);
    {
        list_t *l = list_createList();
        list_addElement(l, rate_limit("rl_1"));
        list_addElement(l, rate_limit("rl_2"));
        ROUNDTRIP(project_rate_limit_list_response, project_rate_limit_list_response_create(
                      openai_api_project_rate_limit_list_response_OBJECT_list, l, S("rl_1"), S("rl_2"), 0),
                  cmp_project_rate_limit_list_response);
    }
    ROUNDTRIP(error, error_create(S("invalid_api_key"), S("Incorrect API key provided."), NULL, S("invalid_request_error")), cmp_error);
    ROUNDTRIP(error_response, error_response_create(error_create(NULL, S("No such project"), S("project_id"), S("invalid_request_error"))),
              cmp_error_response);

    /* The exact text of one nested model, as cJSON prints it. */
    {
        project_api_key_t *k = api_key("key_x", 1);
        cJSON *j = project_api_key_convertToJSON(k);
        char *t = cJSON_PrintUnformatted(j);
        CHECK_STR(t, "{\"object\":\"organization.project.api_key\",\"redacted_value\":\"sk-abc...def\",\"name\":\"key name\","
                     "\"created_at\":1711471535,\"id\":\"key_x\",\"owner\":{\"type\":\"user\",\"user\":{\"object\":"
                     "\"organization.project.user\",\"id\":\"user_1\",\"name\":\"Ada \\\"Admin\\\" Lovelace\",\"email\":"
                     "\"ada@example.com\",\"role\":\"owner\",\"added_at\":1711471533}}}");
        free(t); cJSON_Delete(j); project_api_key_free(k);
    }
    /* Enum helpers. */
    CHECK_STR(project_status_ToString(openai_api_project_STATUS_archived), "archived");
    CHECK_STR(project_status_ToString(openai_api_project_STATUS_NULL), "NULL");
    CHECK_STR(project_status_ToString((openai_api_project_STATUS_e)77), "NULL");
    CHECK_INT(project_status_FromString("active"), openai_api_project_STATUS_active);
    CHECK_INT(project_status_FromString("ACTIVE"), openai_api_project_STATUS_NULL);
    CHECK_INT(project_status_FromString(NULL), openai_api_project_STATUS_NULL);
    CHECK_STR(project_api_key_owner_type_ToString(openai_api_project_api_key_owner_TYPE_service_account), "service_account");
    CHECK_INT(project_service_account_create_response_role_FromString("member"), openai_api_project_service_account_create_response_ROLE_member);
    CHECK_STR(project_rate_limit_object_ToString(openai_api_project_rate_limit_OBJECT_project_rate_limit), "project.rate_limit");
    CHECK_DONE();
}
