/* The generated client's APIs beyond the administration ones, against the
 * stateful mock, through the drop-in calls: success and errors of each.
 *   library models   the models listed and retrieved, a fine-tuned one
 *                    deleted and then gone (404), a base model's delete
 *                    refused (403), a NULL argument refused before sending
 *   library embeddings  texts and tokens embedded (floats, base64 decoded
 *                    into the same list, shortened), an unknown model (404),
 *                    dimensions a model cannot take (400), a request
 *                    without its input refused before sending
 *   library keys     without accessToken, the key is OPENAI_API_KEY's, not
 *                    OPENAI_ADMIN_KEY's
 * Environment: OPENAI_API_TEST_URL, OPENAI_API_TEST_KEY. */
#include <stdlib.h>
#include <string.h>
#include "api/EmbeddingsAPI.h"
#include "api/ModelsAPI.h"
#include "../calls.h"

/* JSON parsed for one use: the caller's parse copies what it keeps, so the
 * tree is freed at the end of the run. */
static cJSON *kept[16];
static int nkept;
static cJSON *json_keep_free(const char *text) {
    cJSON *j = json(text);
    CHECK(nkept < 16);
    if (nkept < 16) kept[nkept++] = j;
    return j;
}

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

/* The vector of the first input of an embeddings answer, and its length. */
static list_t *first_vector(create_embedding_response_t *r) {
    if (!r || !r->data || !r->data->firstEntry) return NULL;
    embedding_t *e = r->data->firstEntry->data;
    return e ? e->embedding : NULL;
}

static void embeddings(void) {
    /* The request's unions (input, model) are made from JSON: the
     * generated client's structs have no member for their values. */
    cJSON *texts = json("[\"hello world\", \"bye\"]"), *name = cJSON_CreateString("text-embedding-3-small");
    create_embedding_request_t *req = create_embedding_request_create(create_embedding_request_input_parseFromJSON(texts),
                                                                      create_embedding_request_model_parseFromJSON(name),
                                                                      openai_api_create_embedding_request_ENCODINGFORMAT__float, 0, NULL);
    cJSON_Delete(texts);
    cJSON_Delete(name);
    create_embedding_response_t *r = EmbeddingsAPI_createEmbedding(c, req);
    OK();
    CHECK(r && r->data && r->data->count == 2 && r->object == openai_api_create_embedding_response_OBJECT_list);
    CHECK(r && r->usage && r->usage->prompt_tokens == 3 && r->usage->total_tokens == 3 && strcmp(r->model, "text-embedding-3-small") == 0);
    list_t *v = first_vector(r);
    CHECK(v && v->count == 1536);
    double norm = 0, first = 0;
    if (v) {
        listEntry_t *e;
        list_ForEach(e, v) { norm += *(double *)e->data * *(double *)e->data; }
        first = *(double *)v->firstEntry->data;
    }
    CHECK(norm > 0.999 && norm < 1.001);
    /* The request goes back to JSON as it was sent. */
    cJSON *sent = create_embedding_request_convertToJSON(req);
    char *text = sent ? cJSON_PrintUnformatted(sent) : NULL;
    CHECK_STR(text, "{\"input\":[\"hello world\",\"bye\"],\"model\":\"text-embedding-3-small\",\"encoding_format\":\"float\"}");
    free(text);
    cJSON_Delete(sent);
    create_embedding_response_free(r);
    create_embedding_request_free(req);

    /* base64, shortened: the same numbers (as 32-bit floats), decoded into the list. */
    req = create_embedding_request_parseFromJSON(json_keep_free(
        "{\"input\":\"hello world\",\"model\":\"text-embedding-3-small\",\"encoding_format\":\"base64\"}"));
    r = EmbeddingsAPI_createEmbedding(c, req);
    OK();
    v = first_vector(r);
    CHECK(v && v->count == 1536 && *(double *)v->firstEntry->data == first);
    create_embedding_response_free(r);
    create_embedding_request_free(req);
    req = create_embedding_request_parseFromJSON(json_keep_free("{\"input\":[1,2,3],\"model\":\"text-embedding-3-large\",\"dimensions\":8}"));
    r = EmbeddingsAPI_createEmbedding(c, req);
    OK();
    v = first_vector(r);
    CHECK(v && v->count == 8);
    CHECK(r && r->usage && r->usage->prompt_tokens == 3);
    create_embedding_response_free(r);
    create_embedding_request_free(req);

    /* Errors: an unknown model (404), dimensions the model cannot take (400),
     * a request without its input, refused before sending. */
    req = create_embedding_request_parseFromJSON(json_keep_free("{\"input\":\"x\",\"model\":\"gpt-nonexistent\"}"));
    r = EmbeddingsAPI_createEmbedding(c, req);
    CHECK(r == NULL);
    CHECK_INT(c->response_code, 404);
    create_embedding_request_free(req);
    req = create_embedding_request_parseFromJSON(json_keep_free("{\"input\":\"x\",\"model\":\"text-embedding-ada-002\",\"dimensions\":8}"));
    r = EmbeddingsAPI_createEmbedding(c, req);
    FAILED(r, 400, "dimensions");
    create_embedding_request_free(req);
    req = create_embedding_request_create(create_embedding_request_input_create(),
                                          create_embedding_request_model_parseFromJSON(json_keep_free("\"text-embedding-3-small\"")), 0, 0, NULL);
    r = EmbeddingsAPI_createEmbedding(c, req);
    CHECK(r == NULL);
    CHECK_INT(c->response_code, 0);
    CHECK(apiClient_errorMessage(c) && strstr(apiClient_errorMessage(c), "input"));
    create_embedding_request_free(req);
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
        } else if (!strcmp(argv[i], "embeddings")) {
            embeddings();
        } else if (!strcmp(argv[i], "keys")) {
            keys(key);
        } else {
            fprintf(stderr, "unknown part %s\n", argv[i]);
            check_failures++;
        }
    }
    for (int i = 0; i < nkept; i++) cJSON_Delete(kept[i]);
    apiClient_free(c);
    CHECK_DONE();
}
