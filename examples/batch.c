/* A batch: a JSONL file of chat requests is uploaded, a batch runs it, the
 * program polls until the batch is done and reads its output file.
 *
 *   batch "QUESTION" "QUESTION"...
 *
 * The key comes from OPENAI_API_KEY and the server from OPENAI_BASE_URL
 * (the local mock in run-against-mock.sh; it moves a batch a stage on each
 * time it is read). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "api/BatchAPI.h"
#include "api/FilesAPI.h"

/* The input file: one chat request a line, `q<N>` its custom_id. */
static char *requests(int n, char **questions) {
    size_t cap = 256, len = 0;
    char *out = malloc(cap);
    out[0] = '\0';
    for (int i = 0; i < n; i++) {
        cJSON *line = cJSON_CreateObject(), *body = cJSON_CreateObject(), *messages = cJSON_CreateArray(), *m = cJSON_CreateObject();
        char id[16];
        snprintf(id, sizeof id, "q%d", i + 1);
        cJSON_AddStringToObject(line, "custom_id", id);
        cJSON_AddStringToObject(line, "method", "POST");
        cJSON_AddStringToObject(line, "url", "/v1/chat/completions");
        cJSON_AddStringToObject(body, "model", "gpt-4o-mini");
        cJSON_AddStringToObject(m, "role", "user");
        cJSON_AddStringToObject(m, "content", questions[i]);
        cJSON_AddItemToArray(messages, m);
        cJSON_AddItemToObject(body, "messages", messages);
        cJSON_AddItemToObject(line, "body", body);
        char *text = cJSON_PrintUnformatted(line);
        size_t need = len + strlen(text) + 2;
        if (need > cap) out = realloc(out, cap = need * 2);
        len += (size_t)sprintf(out + len, "%s\n", text);
        free(text);
        cJSON_Delete(line);
    }
    return out;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: batch \"QUESTION\"...\n");
        return 2;
    }
    apiClient_t *c = apiClient_create();
    int status = 1;
    char *jsonl = requests(argc - 1, argv + 1);
    binary_t file = {(uint8_t *)jsonl, (unsigned)strlen(jsonl)};
    open_ai_file_t *input = FilesAPI_createFileEx(c, &file, "requests.jsonl", "application/jsonl", "batch", NULL);
    batch_t *b = NULL;
    char *output = NULL;
    if (!input) goto done;
    printf("uploaded %s (%d bytes)\n", input->id, input->bytes);

    cJSON *spec = cJSON_CreateObject();
    cJSON_AddStringToObject(spec, "input_file_id", input->id);
    cJSON_AddStringToObject(spec, "endpoint", "/v1/chat/completions");
    cJSON_AddStringToObject(spec, "completion_window", "24h");
    create_batch_request_t *req = create_batch_request_parseFromJSON(spec);
    cJSON_Delete(spec);
    b = BatchAPI_createBatch(c, req);
    create_batch_request_free(req);
    if (!b) goto done;
    printf("batch %s: %s\n", b->id, batch_status_ToString(b->status));
    /* Poll until it is done (against the API, wait a while between reads). */
    char *id = strdup(b->id);
    for (int tries = 0; b && b->status != openai_api_batch_STATUS_completed && b->status != openai_api_batch_STATUS_failed && tries < 20; tries++) {
        batch_free(b);
        if (!getenv("OPENAI_BASE_URL")) sleep(30);
        b = BatchAPI_retrieveBatch(c, id);
        if (b) printf("batch %s: %s\n", id, batch_status_ToString(b->status));
    }
    free(id);
    if (!b || b->status != openai_api_batch_STATUS_completed || !b->output_file_id) goto done;
    if (b->request_counts) printf("%d of %d requests done\n", b->request_counts->completed, b->request_counts->total);

    /* The output file: an answer a line, in any order; custom_id says which. */
    output = FilesAPI_downloadFile(c, b->output_file_id);
    if (!output) goto done;
    for (char *line = strtok(output, "\n"); line; line = strtok(NULL, "\n")) {
        cJSON *answer = cJSON_Parse(line);
        cJSON *body = cJSON_GetObjectItem(cJSON_GetObjectItem(answer, "response"), "body");
        create_chat_completion_response_t *r = create_chat_completion_response_parseFromJSON(body);
        create_chat_completion_response_choices_inner_t *choice = r && r->choices && r->choices->firstEntry ? r->choices->firstEntry->data : NULL;
        printf("%s: %s\n", cJSON_GetStringValue(cJSON_GetObjectItem(answer, "custom_id")),
               choice && choice->message && choice->message->content ? choice->message->content : "(no answer)");
        create_chat_completion_response_free(r);
        cJSON_Delete(answer);
    }
    status = 0;
done:
    if (status) fprintf(stderr, "batch: %s\n", apiClient_errorMessage(c) ? apiClient_errorMessage(c) : "the batch did not complete");
    free(output);
    batch_free(b);
    open_ai_file_free(input);
    free(jsonl);
    apiClient_free(c);
    return status;
}
