/* A conversation with a model, and a tool it calls: the question goes with
 * a `get_weather` function; when the model calls it, the program answers
 * with the weather and the model replies with it.
 *
 *   chat "QUESTION"
 *
 * The key comes from OPENAI_API_KEY and the server from OPENAI_BASE_URL
 * (the local mock in run-against-mock.sh). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api/ChatAPI.h"

/* The request's JSON: the messages so far and the tool. */
static cJSON *request(const char *question) {
    cJSON *r = cJSON_CreateObject();
    cJSON_AddStringToObject(r, "model", "gpt-4o-mini");
    cJSON *messages = cJSON_AddArrayToObject(r, "messages");
    cJSON *system = cJSON_CreateObject(), *user = cJSON_CreateObject();
    cJSON_AddStringToObject(system, "role", "system");
    cJSON_AddStringToObject(system, "content", "You answer in one sentence.");
    cJSON_AddStringToObject(user, "role", "user");
    cJSON_AddStringToObject(user, "content", question);
    cJSON_AddItemToArray(messages, system);
    cJSON_AddItemToArray(messages, user);
    cJSON *tool = cJSON_Parse(
        "{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"description\":\"The weather in a city\","
        "\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}}");
    cJSON_AddItemToArray(cJSON_AddArrayToObject(r, "tools"), tool);
    return r;
}

/* The first choice of an answer. */
static create_chat_completion_response_choices_inner_t *first(create_chat_completion_response_t *r) {
    return r && r->choices && r->choices->firstEntry ? r->choices->firstEntry->data : NULL;
}

/* Sends the conversation; prints why when it fails. */
static create_chat_completion_response_t *ask(apiClient_t *c, cJSON *conversation) {
    create_chat_completion_request_t *req = create_chat_completion_request_parseFromJSON(conversation);
    create_chat_completion_response_t *r = req ? ChatAPI_createChatCompletion(c, req) : NULL;
    if (!r) fprintf(stderr, "chat: %s\n", apiClient_errorMessage(c) ? apiClient_errorMessage(c) : "the request could not be made");
    create_chat_completion_request_free(req);
    return r;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: chat \"QUESTION\"\n");
        return 2;
    }
    apiClient_t *c = apiClient_create();
    cJSON *conversation = request(argv[1]);
    create_chat_completion_response_t *r = ask(c, conversation);
    create_chat_completion_response_choices_inner_t *choice = first(r);
    int status = 1;
    if (choice && choice->message && choice->message->tool_calls && choice->message->tool_calls->firstEntry) {
        /* The model calls the tool: the program runs it and sends the result. */
        chat_completion_message_tool_call_t *call = choice->message->tool_calls->firstEntry->data;
        printf("the model calls %s(%s)\n", call->function->name, call->function->arguments);
        cJSON *messages = cJSON_GetObjectItem(conversation, "messages");
        cJSON *asked = cJSON_CreateObject(), *calls = cJSON_CreateArray(), *answer = cJSON_CreateObject();
        cJSON_AddStringToObject(asked, "role", "assistant");
        cJSON_AddItemToArray(calls, chat_completion_message_tool_call_convertToJSON(call));
        cJSON_AddItemToObject(asked, "tool_calls", calls);
        cJSON_AddItemToArray(messages, asked);
        cJSON_AddStringToObject(answer, "role", "tool");
        cJSON_AddStringToObject(answer, "tool_call_id", call->id);
        cJSON_AddStringToObject(answer, "content", "sunny and 22 degrees");
        cJSON_AddItemToArray(messages, answer);
        create_chat_completion_response_free(r);
        r = ask(c, conversation);
        choice = first(r);
    }
    if (choice && choice->message && choice->message->content) {
        printf("assistant: %s\n", choice->message->content);
        if (r->usage) printf("tokens: %d in, %d out\n", r->usage->prompt_tokens, r->usage->completion_tokens);
        status = 0;
    }
    create_chat_completion_response_free(r);
    cJSON_Delete(conversation);
    apiClient_free(c);
    return status;
}
