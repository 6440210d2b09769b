/* A similarity search with embeddings: the documents and the query are
 * embedded in one call, and the documents ranked by their cosine
 * similarity to the query.
 *
 *   similar "QUERY" "DOCUMENT" "DOCUMENT"...
 *
 * The key comes from OPENAI_API_KEY and the server from OPENAI_BASE_URL
 * (the local mock in run-against-mock.sh). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "api/EmbeddingsAPI.h"

/* The cosine similarity of two vectors (list_t of double *). */
static double cosine(list_t *a, list_t *b) {
    double dot = 0, na = 0, nb = 0;
    listEntry_t *x = a->firstEntry, *y = b->firstEntry;
    for (; x && y; x = x->nextListEntry, y = y->nextListEntry) {
        double u = *(double *)x->data, v = *(double *)y->data;
        dot += u * v;
        na += u * u;
        nb += v * v;
    }
    return na > 0 && nb > 0 ? dot / (sqrt(na) * sqrt(nb)) : 0;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: similar \"QUERY\" \"DOCUMENT\"...\n");
        return 2;
    }
    /* The texts: the query first, then the documents. */
    cJSON *texts = cJSON_CreateArray();
    for (int i = 1; i < argc; i++) cJSON_AddItemToArray(texts, cJSON_CreateString(argv[i]));
    cJSON *model = cJSON_CreateString("text-embedding-3-small");
    create_embedding_request_t *req =
        create_embedding_request_new(create_embedding_request_input_parseFromJSON(texts), create_embedding_request_model_parseFromJSON(model),
                                     openai_api_create_embedding_request_ENCODINGFORMAT__float, 0, NULL);
    cJSON_Delete(texts);
    cJSON_Delete(model);

    apiClient_t *c = apiClient_create();
    create_embedding_response_t *r = EmbeddingsAPI_createEmbedding(c, req);
    if (!r || !r->data || r->data->count != argc - 1) {
        fprintf(stderr, "similar: %s\n", apiClient_errorMessage(c) ? apiClient_errorMessage(c) : "an answer without every vector");
        create_embedding_response_free(r);
        create_embedding_request_free(req);
        apiClient_free(c);
        return 1;
    }
    /* The vectors come in the order of the texts. */
    list_t *query = ((embedding_t *)r->data->firstEntry->data)->embedding;
    int n = argc - 2;
    double *score = calloc((size_t)n, sizeof *score);
    int *order = calloc((size_t)n, sizeof *order);
    int i = 0;
    for (listEntry_t *e = r->data->firstEntry->nextListEntry; e; e = e->nextListEntry, i++) {
        score[i] = cosine(query, ((embedding_t *)e->data)->embedding);
        order[i] = i;
    }
    /* Best first (a few documents: an insertion sort will do). */
    for (int a = 1; a < n; a++)
        for (int b = a; b > 0 && score[order[b]] > score[order[b - 1]]; b--) {
            int t = order[b];
            order[b] = order[b - 1];
            order[b - 1] = t;
        }
    printf("%d dimensions, %d tokens\n", query->count > 0 ? (int)query->count : 0, r->usage ? r->usage->total_tokens : 0);
    for (int k = 0; k < n; k++) printf("%.4f  %s\n", score[order[k]], argv[2 + order[k]]);
    free(score);
    free(order);
    create_embedding_response_free(r);
    create_embedding_request_free(req);
    apiClient_free(c);
    return 0;
}
