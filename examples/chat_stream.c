/* A reply printed as it is written: the chat answer comes as a stream of
 * chunks, each handed to the callback as soon as it arrives.
 *
 *   chat_stream "QUESTION"
 *
 * The key comes from OPENAI_API_KEY and the server from OPENAI_BASE_URL
 * (the local mock in run-against-mock.sh). */
#include <stdio.h>
#include <stdlib.h>
#include "api/ChatAPI.h"

/* Each chunk: its piece of text, printed at once. The chunk is the
 * library's, valid during the call only. */
static int on_chunk(void *user, create_chat_completion_stream_response_t *chunk) {
    int *pieces = user;
    listEntry_t *e;
    list_ForEach(e, chunk->choices) {
        create_chat_completion_stream_response_choices_inner_t *choice = e->data;
        if (choice->delta && choice->delta->content) {
            fputs(choice->delta->content, stdout);
            fflush(stdout);
            (*pieces)++;
        }
    }
    if (chunk->usage) printf("\n(%d tokens in all)", chunk->usage->total_tokens);
    return 0; /* non-zero would stop the stream */
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: chat_stream \"QUESTION\"\n");
        return 2;
    }
    cJSON *body = cJSON_CreateObject();
    cJSON_AddStringToObject(body, "model", "gpt-4o-mini");
    cJSON *user = cJSON_CreateObject();
    cJSON_AddStringToObject(user, "role", "user");
    cJSON_AddStringToObject(user, "content", argv[1]);
    cJSON_AddItemToArray(cJSON_AddArrayToObject(body, "messages"), user);
    cJSON_AddTrueToObject(cJSON_AddObjectToObject(body, "stream_options"), "include_usage");
    create_chat_completion_request_t *req = create_chat_completion_request_parseFromJSON(body);
    cJSON_Delete(body);

    apiClient_t *c = apiClient_create();
    int pieces = 0;
    int status = ChatAPI_createChatCompletionStream(c, req, on_chunk, &pieces);
    putchar('\n');
    if (status != 0) fprintf(stderr, "chat_stream: %s\n", apiClient_errorMessage(c));
    else printf("(%d pieces)\n", pieces);
    create_chat_completion_request_free(req);
    apiClient_free(c);
    return status == 0 ? 0 : 1;
}
