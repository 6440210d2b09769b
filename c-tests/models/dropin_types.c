/* What a program written for the generated client writes is what it gets:
 * `long` members for `format: int64` (a key's created_at past 2038),
 * object_t, audit_log_event_type_t, usage counters set by _create or by
 * assignment, and a renamed member's list the program takes. Run by
 * tests/models/c_models.rs plainly, under valgrind and with ASan/UBSan (a list
 * freed under the program shows there). */
#include <stdlib.h>
#include <string.h>

#include "../check.h"
#include "model/admin_api_key.h"
#include "model/audit_log_event_type.h"
#include "model/object.h"
#include "model/usage_completions_result.h"
#include "model/usage_response.h"

/* The JSON text of `j` (compact), freed with it. */
static char *text_of(cJSON *j) {
    char *t = cJSON_PrintUnformatted(j);
    cJSON_Delete(j);
    return t;
}

static int has(const char *json, const char *needle) {
    int found = json && strstr(json, needle) != NULL;
    if (!found) fprintf(stderr, "no %s in %s\n", needle, json ? json : "(null)");
    return found;
}

static void long_members(void) {
    /* 2100-01-01: past what an int holds. */
    long when = 4102444800L;
    admin_api_key_owner_t *owner = admin_api_key_owner_create(strdup("user"), strdup("user_1"), strdup("U"), when, strdup("owner"));
    admin_api_key_t *key = admin_api_key_create(strdup("organization.admin_api_key"), strdup("key_1"), strdup("k"), NULL, NULL, when, owner);
    CHECK(key != NULL && key->created_at == when && key->owner->created_at == when);
    char *json = text_of(admin_api_key_convertToJSON(key));
    CHECK(has(json, "\"created_at\":4102444800,\"owner\""));
    CHECK(has(json, "\"created_at\":4102444800,\"role\""));
    free(json);
    admin_api_key_free(key);

    cJSON *in = cJSON_Parse("{\"id\":\"key_2\",\"created_at\":4102444800,\"owner\":{\"id\":\"u\",\"created_at\":4102444801}}");
    admin_api_key_t *parsed = admin_api_key_parseFromJSON(in);
    cJSON_Delete(in);
    CHECK(parsed != NULL && parsed->created_at == 4102444800L && parsed->owner && parsed->owner->created_at == 4102444801L);
    admin_api_key_free(parsed);
}

static void objects(void) {
    /* The generated client's typedef of an enum schema exists. */
    audit_log_event_type_t *no_such_struct = NULL;
    CHECK(no_such_struct == NULL);
    CHECK_STR(audit_log_event_type_audit_log_event_type_ToString(openai_api_audit_log_event_type__invite_sent), "invite.sent");

    cJSON *value = cJSON_Parse("{\"a\":[1,\"two\",null],\"b\":{\"c\":true}}");
    object_t *o = object_parseFromJSON(value);
    cJSON_Delete(value);
    CHECK(o != NULL && o->temporary != NULL);
    char *json = text_of(object_convertToJSON(o));
    CHECK_STR(json, "{\"a\":[1,\"two\",null],\"b\":{\"c\":true}}");
    free(json);
    object_free(o);

    object_t *empty = object_create();
    CHECK(empty != NULL && empty->temporary == NULL);
    json = text_of(object_convertToJSON(empty));
    CHECK_STR(json, "null");
    free(json);
    object_free(empty);
    object_free(NULL);
    CHECK(object_parseFromJSON(NULL) == NULL);
    CHECK(object_convertToJSON(NULL) == NULL);
}

static void counters(void) {
    usage_completions_result_t *r = usage_completions_result_create(
        openai_api_usage_completions_result_OBJECT_organization_usage_completions_result, 56, 0, 7, 0, 0, 3, NULL, NULL, NULL, NULL, 0);
    char *json = text_of(usage_completions_result_convertToJSON(r));
    CHECK(has(json, "\"input_tokens\":56"));
    CHECK(has(json, "\"output_tokens\":7"));
    CHECK(has(json, "\"num_model_requests\":3"));
    free(json);
    r->input_tokens = 99;
    json = text_of(usage_completions_result_convertToJSON(r));
    CHECK(has(json, "\"input_tokens\":99"));
    free(json);
    usage_completions_result_free(r);

    /* A count past INT_MAX: the int saturates, the JSON keeps the whole;
     * until the program writes the int. */
    cJSON *in = cJSON_Parse("{\"object\":\"organization.usage.completions.result\",\"input_tokens\":5000000000,\"output_tokens\":1,\"num_model_requests\":1}");
    r = usage_completions_result_parseFromJSON(in);
    cJSON_Delete(in);
    CHECK(r != NULL && r->input_tokens == 2147483647);
    json = text_of(usage_completions_result_convertToJSON(r));
    CHECK(has(json, "\"input_tokens\":5000000000"));
    free(json);
    r->input_tokens = 12;
    json = text_of(usage_completions_result_convertToJSON(r));
    CHECK(has(json, "\"input_tokens\":12,"));
    free(json);
    usage_completions_result_free(r);
}

static const char *PAGE =
    "{\"object\":\"page\",\"has_more\":false,\"next_page\":null,\"data\":[{\"object\":\"bucket\",\"start_time\":1,\"end_time\":2,"
    "\"results\":[{\"object\":\"organization.usage.completions.result\",\"input_tokens\":5,\"output_tokens\":6,\"num_model_requests\":1},"
    "{\"object\":\"organization.usage.completions.result\",\"input_tokens\":8,\"output_tokens\":9,\"num_model_requests\":2}]}]}";

static usage_time_bucket_t *first_bucket(usage_response_t **page) {
    cJSON *in = cJSON_Parse(PAGE);
    *page = usage_response_parseFromJSON(in);
    cJSON_Delete(in);
    CHECK(*page && (*page)->data && (*page)->data->firstEntry);
    return *page && (*page)->data && (*page)->data->firstEntry ? (*page)->data->firstEntry->data : NULL;
}

/* Reads and frees a list of results the program took. */
static void use_and_free(list_t *kept) {
    CHECK(kept != NULL);
    if (!kept) return;
    CHECK_INT(kept->count, 2);
    int sum = 0;
    listEntry_t *e;
    list_ForEach(e, kept) {
        usage_time_bucket_result_inner_t *x = e->data;
        sum += x->input_tokens;
        usage_time_bucket_result_inner_free(x);
    }
    CHECK_INT(sum, 13);
    list_freeList(kept);
}

static void renamed_members(void) {
    usage_response_t *page;
    /* The generated client's idiom, on the member it knows (`result`). */
    usage_time_bucket_t *b = first_bucket(&page);
    CHECK(b && b->result && b->result == b->results);
    list_t *kept = b ? b->result : NULL;
    if (b) b->result = NULL;
    usage_response_free(page);
    use_and_free(kept);

    /* The same through the live API's name (`results`). */
    b = first_bucket(&page);
    kept = b ? b->results : NULL;
    if (b) b->results = NULL;
    usage_response_free(page);
    use_and_free(kept);

    /* Taken and replaced by a list of the program's: that one is the
     * struct's now, and freed with it. */
    b = first_bucket(&page);
    kept = b ? b->result : NULL;
    if (b) b->result = list_createList();
    usage_response_free(page);
    use_and_free(kept);

    /* Nothing taken: one list, freed once. */
    b = first_bucket(&page);
    usage_response_free(page);
}

int main(void) {
    long_members();
    objects();
    counters();
    renamed_members();
    CHECK_DONE();
}
