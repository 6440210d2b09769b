/* A program built against the generated client's layouts of the APIs
 * beyond the administration ones (emitted by tests/surface/dropin_library.rs
 * from openai-2.3.0.yaml, not from this library's headers, prepended to this
 * file) that loads this library and runs their calls, reading members by the
 * 2.3.0 layouts. Prints what it read, one line per call.
 * Environment: OPENAI_API_TEST_URL, OPENAI_API_KEY. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct apiClient_t apiClient_t;
apiClient_t *apiClient_create_with_base_path(const char *basePath, void *sslConfig);
void apiClient_free(apiClient_t *apiClient);

/* As the generated client declares them (its enums are ints). */
list_models_response_t *ModelsAPI_listModels(apiClient_t *apiClient);
model_t *ModelsAPI_retrieveModel(apiClient_t *apiClient, char *model);
delete_model_response_t *ModelsAPI_deleteModel(apiClient_t *apiClient, char *model);
typedef struct cJSON cJSON;
cJSON *cJSON_CreateString(const char *string);
cJSON *cJSON_Parse(const char *value);
void cJSON_Delete(cJSON *item);
create_embedding_response_t *EmbeddingsAPI_createEmbedding(apiClient_t *apiClient, create_embedding_request_t *create_embedding_request);
create_embedding_request_input_t *create_embedding_request_input_parseFromJSON(cJSON *json);
create_embedding_request_model_t *create_embedding_request_model_parseFromJSON(cJSON *json);
create_embedding_request_t *create_embedding_request_create(create_embedding_request_input_t *input, create_embedding_request_model_t *model,
                                                            int encoding_format, int dimensions, char *user);
void create_embedding_request_free(create_embedding_request_t *);
void create_embedding_response_free(create_embedding_response_t *);
void list_models_response_free(list_models_response_t *);
void model_free(model_t *);
void delete_model_response_free(delete_model_response_t *);

int main(void) {
    /* No accessToken: the key is OPENAI_API_KEY's. */
    apiClient_t *c = apiClient_create_with_base_path(getenv("OPENAI_API_TEST_URL"), NULL);

    list_models_response_t *all = ModelsAPI_listModels(c);
    if (!all || !all->data || !all->data->firstEntry) return 1;
    model_t *listed = all->data->firstEntry->data;
    printf("models: %ld object=%d first=%s created>0=%d owned_by=%s\n", all->data->count, all->object, listed->id, listed->created > 0,
           listed->owned_by);
    list_models_response_free(all);

    model_t *m = ModelsAPI_retrieveModel(c, "gpt-4o");
    if (!m) return 1;
    printf("model: %s owned_by=%s object=%d\n", m->id, m->owned_by, m->object);
    model_free(m);

    delete_model_response_t *d = ModelsAPI_deleteModel(c, "ft:gpt-4o-mini-2024-07-18:org-abc::9vRpqv1E");
    if (!d) return 1;
    printf("deleted: %s deleted=%d object=%s\n", d->id, d->deleted, d->object);
    delete_model_response_free(d);

    all = ModelsAPI_listModels(c);
    if (!all) return 1;
    printf("models: %ld\n", all->data->count);
    list_models_response_free(all);

    /* The unions (input, model) from JSON; encoding_format 1 is "float". */
    cJSON *texts = cJSON_Parse("[\"hello\", \"world\"]"), *name = cJSON_CreateString("text-embedding-3-small");
    create_embedding_request_t *req = create_embedding_request_create(create_embedding_request_input_parseFromJSON(texts),
                                                                      create_embedding_request_model_parseFromJSON(name), 1, 16, NULL);
    cJSON_Delete(texts);
    cJSON_Delete(name);
    create_embedding_response_t *e = EmbeddingsAPI_createEmbedding(c, req);
    if (!e || !e->data || !e->data->firstEntry) return 1;
    embedding_t *first = e->data->firstEntry->data;
    printf("embeddings: %ld object=%d model=%s dims=%ld tokens=%d/%d\n", e->data->count, e->object, e->model, first->embedding->count,
           e->usage->prompt_tokens, e->usage->total_tokens);
    create_embedding_response_free(e);
    create_embedding_request_free(req);
    apiClient_free(c);
    return 0;
}
