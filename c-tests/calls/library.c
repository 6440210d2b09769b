/* The generated client's APIs beyond the administration ones, against the
 * stateful mock, through the drop-in calls: success and errors of each.
 *   library models   the models listed and retrieved, a fine-tuned one
 *                    deleted and then gone (404), a base model's delete
 *                    refused (403), a NULL argument refused before sending
 *   library keys     without accessToken, the key is OPENAI_API_KEY's, not
 *                    OPENAI_ADMIN_KEY's
 * Environment: OPENAI_API_TEST_URL, OPENAI_API_TEST_KEY. */
#include <stdlib.h>
#include <string.h>
#include "api/ModelsAPI.h"
#include "../calls.h"

#define FINE_TUNED "ft:gpt-4o-mini-2024-07-18:org-abc::9vRpqv1E"

static void models(void) {
    list_models_response_t *all = ModelsAPI_listModels(c);
    OK();
    CHECK(all && all->object == openai_api_list_models_response_OBJECT_list && all->data);
    int base = 0, tuned = 0;
    if (all && all->data) {
        listEntry_t *e;
        list_ForEach(e, all->data) {
            model_t *m = e->data;
            CHECK(m && m->id && m->owned_by && m->created > 0 && m->object == openai_api_model_OBJECT_model);
            if (m && m->id && strncmp(m->id, "ft:", 3) == 0) tuned++;
            else base++;
        }
    }
    CHECK(base >= 5);
    CHECK_INT(tuned, 1);
    list_models_response_free(all);

    model_t *one = ModelsAPI_retrieveModel(c, "gpt-4o-mini");
    OK();
    CHECK(one && strcmp(one->id, "gpt-4o-mini") == 0 && strcmp(one->owned_by, "system") == 0);
    cJSON *back = one ? model_convertToJSON(one) : NULL;
    CHECK(back && cJSON_GetObjectItem(back, "object") && strcmp(cJSON_GetObjectItem(back, "object")->valuestring, "model") == 0);
    cJSON_Delete(back);
    model_free(one);

    model_t *none = ModelsAPI_retrieveModel(c, "gpt-nonexistent");
    FAILED(none, 404, "model");
    error_response_t *why = apiClient_errorResponse(c);
    CHECK(why && why->error);
    if (why && why->error) CHECK_STR(why->error->code, "model_not_found");
    error_response_free(why);

    delete_model_response_t *refused = ModelsAPI_deleteModel(c, "gpt-4o-mini");
    FAILED(refused, 403, NULL);

    delete_model_response_t *gone = ModelsAPI_deleteModel(c, FINE_TUNED);
    OK();
    CHECK(gone && gone->deleted == 1 && strcmp(gone->id, FINE_TUNED) == 0 && strcmp(gone->object, "model") == 0);
    delete_model_response_free(gone);
    model_t *after = ModelsAPI_retrieveModel(c, FINE_TUNED);
    FAILED(after, 404, "model");

    /* A NULL required argument: refused without a request. */
    CHECK(ModelsAPI_retrieveModel(c, NULL) == NULL);
    CHECK(ModelsAPI_deleteModel(c, NULL) == NULL);
    CHECK(ModelsAPI_listModels(NULL) == NULL);
}

/* Without accessToken the key comes from the environment: OPENAI_API_KEY
 * for these calls, never the administration key. */
static void keys(const char *key) {
    apiClient_t *plain = apiClient_create_with_base_path(getenv("OPENAI_API_TEST_URL"), NULL);
    apiClient_setMaxRetries(plain, 0);
    unsetenv("OPENAI_API_KEY");
    setenv("OPENAI_ADMIN_KEY", key, 1);
    list_models_response_t *none = ModelsAPI_listModels(plain);
    CHECK(none == NULL);
    CHECK_INT(plain->response_code, 401);
    setenv("OPENAI_API_KEY", key, 1);
    unsetenv("OPENAI_ADMIN_KEY");
    list_models_response_t *all = ModelsAPI_listModels(plain);
    CHECK(all != NULL);
    CHECK_INT(plain->response_code, 200);
    list_models_response_free(all);
    unsetenv("OPENAI_API_KEY");
    apiClient_free(plain);
}

int main(int argc, char **argv) {
    const char *url = getenv("OPENAI_API_TEST_URL"), *key = getenv("OPENAI_API_TEST_KEY");
    if (!url || !key || argc < 2) {
        fprintf(stderr, "usage: library models (OPENAI_API_TEST_URL, _KEY)\n");
        return 2;
    }
    c = apiClient_create_with_base_path(url, NULL);
    c->accessToken = strdup(key);
    apiClient_setMaxRetries(c, 0);
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "models")) {
            models();
        } else if (!strcmp(argv[i], "keys")) {
            keys(key);
        } else {
            fprintf(stderr, "unknown part %s\n", argv[i]);
            check_failures++;
        }
    }
    apiClient_free(c);
    CHECK_DONE();
}
