/* Streamed answers (`stream: true`) against the mock, which streams as the
 * API does (a chunk per word, tool-call arguments in pieces, usage last).
 *   streams chat         ChatAPI_createChatCompletionStream: chunks as they
 *                        come, their text joined equals the answer without
 *                        streaming; usage on the last chunk when asked; the
 *                        drop-in call with stream = 1 returns the answer
 *                        assembled, equal to the one without streaming
 *                        (text, tool calls, finish reasons, usage); a _free
 *                        of a lent chunk is refused, not done
 *   streams completions  the same for CompletionsAPI (two choices)
 *   streams faults       the callback stops the stream (aborted; its
 *                        connection not reused); an error event (its type
 *                        and message; the drop-in NULL); a cut connection
 *                        (-1; the drop-in NULL; neither retried); a NULL
 *                        callback refused before sending
 *   streams runs         AssistantsAPI_createRunStream,
 *                        …createThreadAndRunStream and
 *                        …submitToolOuputsToRunStream: each event by name
 *                        with its model (the run through its states, the
 *                        step, the message and its deltas, the thread);
 *                        `done` not handed on; the deltas join into the
 *                        message; the drop-in calls with stream = 1 return
 *                        the run as its last event left it; an error event
 *                        handed on as error_t, then -1
 *   streams long         a reply of about 10,000 chunks (two choices of a
 *                        5,000-word message): streamed and assembled, equal
 *                        to the answer without streaming
 *   streams timing       the first chunk reaches the program while the
 *                        stream goes on; a stream that outlasts
 *                        request_timeout_ms is not cut while it sends; one
 *                        that stalls past the idle limit is (timeout)
 * Environment: OPENAI_API_TEST_URL, OPENAI_API_TEST_KEY. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "api/AssistantsAPI.h"
#include "api/ChatAPI.h"
#include "api/CompletionsAPI.h"
#include "../calls.h"

static cJSON *kept[32];
static int nkept;
static cJSON *j(const char *text) {
    cJSON *v = json(text);
    CHECK(nkept < 32);
    if (nkept < 32) kept[nkept++] = v;
    return v;
}

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* What a chat stream brought: the text of each choice joined, tool-call
 * arguments joined, finish reasons, the usage of the last chunk. */
struct seen {
    int chunks;
    char text[2][512];
    char args[512];
    char call_id[64];
    int finish[2];
    int total_tokens;
    int stop_after; /* stop (return 1) at this chunk; 0: never */
    int free_it;    /* try to free the first chunk (refused) */
    double first_at;
};

static void append(char *to, size_t size, const char *s) {
    if (s) strncat(to, s, size - strlen(to) - 1);
}

static int on_chat(void *user, create_chat_completion_stream_response_t *chunk) {
    struct seen *s = user;
    if (s->chunks++ == 0) s->first_at = now_ms();
    CHECK(chunk && chunk->object == openai_api_create_chat_completion_stream_response_OBJECT_chat_completion_chunk);
    CHECK(chunk && chunk->id && strncmp(chunk->id, "chatcmpl-", 9) == 0);
    if (chunk && chunk->usage) s->total_tokens = chunk->usage->total_tokens;
    listEntry_t *e;
    if (chunk && chunk->choices) list_ForEach(e, chunk->choices) {
        create_chat_completion_stream_response_choices_inner_t *ch = e->data;
        int i = ch->index;
        CHECK(i == 0 || i == 1);
        if (i < 0 || i > 1) continue;
        if (ch->delta) {
            append(s->text[i], sizeof s->text[i], ch->delta->content);
            chat_completion_message_tool_call_chunk_t *call = nth(ch->delta->tool_calls, 0);
            if (call && call->id) snprintf(s->call_id, sizeof s->call_id, "%s", call->id);
            if (call && call->function) append(s->args, sizeof s->args, call->function->arguments);
        }
        if (ch->finish_reason) s->finish[i] = ch->finish_reason;
    }
    if (s->free_it && s->chunks == 1) create_chat_completion_stream_response_free(chunk);
    return s->stop_after && s->chunks >= s->stop_after;
}

/* data_callback_func: how often it was called, and whether the body it
 * saw was the assembled answer (no chunk). progress_func: how often. */
static int data_calls, data_was_whole, progress_calls;
static void on_data(void **data, long *len) {
    data_calls++;
    data_was_whole = *data && *len > 0 && strstr(*data, "\"object\":\"chat.completion\"") && !strstr(*data, "chunk");
}
static int on_progress(void *p, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow) {
    (void)p, (void)dltotal, (void)dlnow, (void)ultotal, (void)ulnow;
    progress_calls++;
    return 0;
}

static const char *HELLO =
    "{\"model\":\"gpt-4o-mini\",\"n\":2,\"messages\":[{\"role\":\"user\",\"content\":\"hello there, streaming world\"}],"
    "\"stream_options\":{\"include_usage\":true}}";
static const char *TOOL =
    "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"weather in Paris today\"}],"
    "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"parameters\":"
    "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}}}]}";

static void chat(void) {
    /* Without streaming, for comparison. */
    create_chat_completion_request_t *req = create_chat_completion_request_parseFromJSON(j(HELLO));
    create_chat_completion_response_t *whole = ChatAPI_createChatCompletion(c, req);
    OK();
    CHECK(whole && whole->choices && whole->choices->count == 2);
    create_chat_completion_response_choices_inner_t *w0 = whole ? nth(whole->choices, 0) : NULL;

    /* Streamed: a chunk per word, the text joined is the answer's. */
    struct seen s = {0};
    s.free_it = 1;
    CHECK_INT(ChatAPI_createChatCompletionStream(c, req, on_chat, &s), 0);
    OK();
    CHECK(s.chunks > 6);
    if (w0 && w0->message) {
        CHECK_STR(s.text[0], w0->message->content);
        CHECK_STR(s.text[1], w0->message->content);
    }
    CHECK_INT(s.finish[0], openai_api_create_chat_completion_stream_response_choices_inner_FINISHREASON_stop);
    CHECK(whole && whole->usage && s.total_tokens == whole->usage->total_tokens);

    /* The drop-in call with stream = 1: the answer assembled, handed to
     * data_callback_func once (a …Stream function never calls it);
     * progress_func called as the bytes come. */
    c->data_callback_func = on_data;
    c->progress_func = on_progress;
    memset(&s, 0, sizeof s);
    CHECK_INT(ChatAPI_createChatCompletionStream(c, req, on_chat, &s), 0);
    CHECK_INT(data_calls, 0);
    CHECK(progress_calls >= 2);
    req->stream = 1;
    create_chat_completion_response_t *r = ChatAPI_createChatCompletion(c, req);
    OK();
    CHECK_INT(data_calls, 1);
    CHECK(data_was_whole);
    c->data_callback_func = NULL;
    c->progress_func = NULL;
    CHECK(r && r->object == openai_api_create_chat_completion_response_OBJECT_chat_completion && r->choices && r->choices->count == 2);
    CHECK(r && r->id && strncmp(r->id, "chatcmpl-", 9) == 0 && r->model && strcmp(r->model, "gpt-4o-mini") == 0);
    for (int i = 0; i < 2; i++) {
        create_chat_completion_response_choices_inner_t *a = r ? nth(r->choices, i) : NULL, *b = whole ? nth(whole->choices, i) : NULL;
        CHECK(a && b && a->index == i && a->finish_reason == b->finish_reason && a->message && b->message);
        if (a && b && a->message && b->message) {
            CHECK_STR(a->message->content, b->message->content);
            CHECK_INT(a->message->role, b->message->role);
        }
    }
    CHECK(r && r->usage && whole && whole->usage && r->usage->prompt_tokens == whole->usage->prompt_tokens &&
          r->usage->completion_tokens == whole->usage->completion_tokens && r->usage->total_tokens == whole->usage->total_tokens);
    create_chat_completion_response_free(r);
    create_chat_completion_response_free(whole);
    create_chat_completion_request_free(req);

    /* A tool call: its arguments come in pieces and join. */
    req = create_chat_completion_request_parseFromJSON(j(TOOL));
    whole = ChatAPI_createChatCompletion(c, req);
    OK();
    create_chat_completion_response_choices_inner_t *wc = whole ? nth(whole->choices, 0) : NULL;
    chat_completion_message_tool_call_t *want = wc && wc->message ? nth(wc->message->tool_calls, 0) : NULL;
    CHECK(want && want->function && want->function->arguments && want->id);
    memset(&s, 0, sizeof s);
    CHECK_INT(ChatAPI_createChatCompletionStream(c, req, on_chat, &s), 0);
    if (want && want->function) {
        CHECK_STR(s.args, want->function->arguments);
        CHECK_STR(s.call_id, want->id);
    }
    CHECK_INT(s.finish[0], openai_api_create_chat_completion_stream_response_choices_inner_FINISHREASON_tool_calls);
    req->stream = 1;
    r = ChatAPI_createChatCompletion(c, req);
    OK();
    create_chat_completion_response_choices_inner_t *rc = r ? nth(r->choices, 0) : NULL;
    chat_completion_message_tool_call_t *got = rc && rc->message ? nth(rc->message->tool_calls, 0) : NULL;
    CHECK(rc && rc->finish_reason == openai_api_create_chat_completion_response_choices_inner_FINISHREASON_tool_calls);
    CHECK(got && want && got->type == want->type && got->function && want->function);
    if (got && want && got->function && want->function) {
        CHECK_STR(got->id, want->id);
        CHECK_STR(got->function->name, want->function->name);
        CHECK_STR(got->function->arguments, want->function->arguments);
    }
    CHECK(rc && rc->message && rc->message->content == NULL);
    create_chat_completion_response_free(r);
    create_chat_completion_response_free(whole);
    create_chat_completion_request_free(req);
}

struct texts {
    int chunks;
    char text[2][256];
    int finish[2];
};

static int on_completion(void *user, create_completion_response_t *chunk) {
    struct texts *t = user;
    t->chunks++;
    listEntry_t *e;
    if (chunk && chunk->choices) list_ForEach(e, chunk->choices) {
        create_completion_response_choices_inner_t *ch = e->data;
        if (ch->index < 0 || ch->index > 1) continue;
        append(t->text[ch->index], sizeof t->text[ch->index], ch->text);
        if (ch->finish_reason) t->finish[ch->index] = ch->finish_reason;
    }
    return 0;
}

static void completions(void) {
    create_completion_request_t *req =
        create_completion_request_parseFromJSON(j("{\"model\":\"gpt-3.5-turbo-instruct\",\"prompt\":\"Say this is a test\",\"n\":2}"));
    create_completion_response_t *whole = CompletionsAPI_createCompletion(c, req);
    OK();
    create_completion_response_choices_inner_t *w0 = whole ? nth(whole->choices, 0) : NULL;
    CHECK(w0 && w0->text);
    struct texts t = {0};
    CHECK_INT(CompletionsAPI_createCompletionStream(c, req, on_completion, &t), 0);
    OK();
    CHECK(t.chunks >= 10);
    if (w0) {
        CHECK_STR(t.text[0], w0->text);
        CHECK_STR(t.text[1], w0->text);
    }
    CHECK_INT(t.finish[0], openai_api_create_completion_response_choices_inner_FINISHREASON_stop);
    req->stream = 1;
    create_completion_response_t *r = CompletionsAPI_createCompletion(c, req);
    OK();
    CHECK(r && r->object == openai_api_create_completion_response_OBJECT_text_completion && r->choices && r->choices->count == 2);
    for (int i = 0; i < 2; i++) {
        create_completion_response_choices_inner_t *a = r ? nth(r->choices, i) : NULL, *b = whole ? nth(whole->choices, i) : NULL;
        CHECK(a && b && a->finish_reason == b->finish_reason);
        if (a && b) CHECK_STR(a->text, b->text);
    }
    create_completion_response_free(r);
    create_completion_response_free(whole);
    create_completion_request_free(req);
}

static void faults(void) {
    create_chat_completion_request_t *req = create_chat_completion_request_parseFromJSON(j(HELLO));
    /* The callback stops the stream at its third chunk. */
    struct seen s = {0};
    s.stop_after = 3;
    CHECK_INT(ChatAPI_createChatCompletionStream(c, req, on_chat, &s), -1);
    CHECK_INT(s.chunks, 3);
    CHECK_STR(apiClient_errorType(c), "aborted");
    CHECK(apiClient_errorMessage(c) && strstr(apiClient_errorMessage(c), "on_chunk"));

    /* An error event after four chunks: its type and message. */
    apiClient_setHeader(c, "x-mock-stream-fault", "error-after-4");
    memset(&s, 0, sizeof s);
    CHECK_INT(ChatAPI_createChatCompletionStream(c, req, on_chat, &s), -1);
    CHECK_INT(s.chunks, 4);
    CHECK_STR(apiClient_errorType(c), "server_error");
    CHECK(apiClient_errorMessage(c) && strstr(apiClient_errorMessage(c), "The server had an error"));
    error_response_t *er = apiClient_errorResponse(c);
    CHECK(er && er->error && er->error->message);
    error_response_free(er);
    req->stream = 1;
    CHECK(ChatAPI_createChatCompletion(c, req) == NULL);
    CHECK_STR(apiClient_errorType(c), "server_error");
    req->stream = 0;

    /* A connection cut after two chunks: no retry once the body began
     * (the test counts the requests). */
    apiClient_setMaxRetries(c, 2);
    apiClient_setHeader(c, "x-mock-stream-fault", "cut-after-2");
    memset(&s, 0, sizeof s);
    CHECK_INT(ChatAPI_createChatCompletionStream(c, req, on_chat, &s), -1);
    CHECK_INT(s.chunks, 2);
    CHECK(apiClient_errorType(c) && strcmp(apiClient_errorType(c), "aborted") != 0);
    req->stream = 1;
    CHECK(ChatAPI_createChatCompletion(c, req) == NULL);
    CHECK(apiClient_errorMessage(c) != NULL);
    req->stream = 0;
    apiClient_setHeader(c, "x-mock-stream-fault", NULL);
    apiClient_setMaxRetries(c, 0);

    /* Refused before sending (after a call that succeeded). */
    CHECK_INT(ChatAPI_createChatCompletionStream(c, req, on_chat, &s), 0);
    CHECK_INT(c->response_code, 200);
    CHECK_INT(ChatAPI_createChatCompletionStream(c, req, NULL, NULL), -1);
    CHECK_INT(c->response_code, 0);
    CHECK(apiClient_errorMessage(c) && strstr(apiClient_errorMessage(c), "on_chunk"));
    CHECK_INT(ChatAPI_createChatCompletionStream(NULL, req, on_chat, &s), -1);

    /* Afterwards the client streams as before. */
    memset(&s, 0, sizeof s);
    CHECK_INT(ChatAPI_createChatCompletionStream(c, req, on_chat, &s), 0);
    OK();
    create_chat_completion_request_free(req);
}

/* What a run stream brought: its events' names in order, the message's
 * deltas joined, the last run's status. */
struct run_seen {
    char names[2048];
    char text[256];
    int run_status;
    int steps;
    int errors;
    char thread_id[64];
    char call_id[64];
};

static int on_run_event(void *user, const char *event, void *data) {
    struct run_seen *r = user;
    CHECK(event && data);
    if (!event || !data) return 1;
    append(r->names, sizeof r->names, event);
    append(r->names, sizeof r->names, " ");
    if (!strncmp(event, "thread.run.step.", 16)) {
        run_step_object_t *step = data;
        CHECK(step->object == openai_api_run_step_object_OBJECT_thread_run_step && step->id);
        r->steps++;
    } else if (!strncmp(event, "thread.run.", 11)) {
        run_object_t *run = data;
        CHECK(run->object == openai_api_run_object_OBJECT_thread_run && run->id);
        r->run_status = run->status;
        chat_completion_message_tool_call_t *call =
            run->required_action && run->required_action->submit_tool_outputs ? nth(run->required_action->submit_tool_outputs->tool_calls, 0) : NULL;
        if (call && call->id) snprintf(r->call_id, sizeof r->call_id, "%s", call->id);
    } else if (!strcmp(event, "thread.message.delta")) {
        message_delta_object_t *d = data;
        message_delta_object_delta_content_inner_t *part = d->delta ? nth(d->delta->content, 0) : NULL;
        CHECK(part && part->text && part->text->value);
        if (part && part->text) append(r->text, sizeof r->text, part->text->value);
    } else if (!strncmp(event, "thread.message.", 15)) {
        message_object_t *m = data;
        CHECK(m->object == openai_api_message_object_OBJECT_thread_message && m->id);
    } else if (!strcmp(event, "thread.created")) {
        thread_object_t *t = data;
        CHECK(t->object == openai_api_thread_object_OBJECT_thread && t->id);
        snprintf(r->thread_id, sizeof r->thread_id, "%s", t->id ? t->id : "");
    } else if (!strcmp(event, "error")) {
        openai_api_error_t *e = data;
        CHECK(e->message && strstr(e->message, "The server had an error"));
        r->errors++;
    } else {
        CHECK(!"an event the stream should not send");
    }
    return 0;
}

static void runs(void) {
    create_assistant_request_t *areq = create_assistant_request_parseFromJSON(j("{\"model\":\"gpt-4o-mini\",\"name\":\"Streamer\"}"));
    assistant_object_t *a = AssistantsAPI_createAssistant(c, areq);
    OK();
    char assistant[64] = "";
    if (a && a->id) snprintf(assistant, sizeof assistant, "%s", a->id);
    assistant_object_free(a);
    create_assistant_request_free(areq);

    /* A thread and a run, streamed: thread.created first, the message's
     * deltas join into its text, the run completes; done is not handed on. */
    char body[512];
    snprintf(body, sizeof body,
             "{\"assistant_id\":\"%s\",\"thread\":{\"messages\":[{\"role\":\"user\",\"content\":\"stream me a reply\"}]}}", assistant);
    create_thread_and_run_request_t *both = create_thread_and_run_request_parseFromJSON(j(body));
    struct run_seen r = {0};
    CHECK_INT(AssistantsAPI_createThreadAndRunStream(c, both, on_run_event, &r), 0);
    OK();
    CHECK(strncmp(r.names, "thread.created thread.run.created thread.run.queued thread.run.in_progress thread.run.step.created ", 98) == 0);
    CHECK(strstr(r.names, "thread.message.delta ") && strstr(r.names, " thread.run.completed ") && !strstr(r.names, "done"));
    CHECK_STR(r.text, "You said 4 words: stream me a reply.");
    CHECK_INT(r.run_status, openai_api_run_object_STATUS_completed);
    CHECK(r.steps >= 3 && strncmp(r.thread_id, "thread_", 7) == 0);
    create_thread_and_run_request_free(both);

    /* Another run on that thread; then the drop-in call with stream = 1:
     * the run as its last event left it. */
    char thread[64];
    snprintf(thread, sizeof thread, "%s", r.thread_id);
    snprintf(body, sizeof body, "{\"assistant_id\":\"%s\"}", assistant);
    create_run_request_t *req = create_run_request_parseFromJSON(j(body));
    memset(&r, 0, sizeof r);
    CHECK_INT(AssistantsAPI_createRunStream(c, thread, req, NULL, on_run_event, &r), 0);
    OK();
    CHECK(strncmp(r.names, "thread.run.created ", 19) == 0 && strstr(r.names, "thread.run.completed"));
    CHECK_INT(r.run_status, openai_api_run_object_STATUS_completed);
    req->stream = 1;
    run_object_t *run = AssistantsAPI_createRun(c, thread, req, NULL);
    OK();
    CHECK(run && run->status == openai_api_run_object_STATUS_completed && run->usage && run->usage->total_tokens > 0);
    CHECK(run && run->thread_id && strcmp(run->thread_id, thread) == 0);
    run_object_free(run);
    create_run_request_free(req);

    /* With a function tool: the run ends requiring action; the outputs,
     * streamed, complete it. */
    snprintf(body, sizeof body,
             "{\"assistant_id\":\"%s\",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"weather\"}}]}", assistant);
    req = create_run_request_parseFromJSON(j(body));
    memset(&r, 0, sizeof r);
    CHECK_INT(AssistantsAPI_createRunStream(c, thread, req, NULL, on_run_event, &r), 0);
    CHECK_INT(r.run_status, openai_api_run_object_STATUS_requires_action);
    CHECK(strstr(r.names, "thread.run.requires_action") && r.call_id[0]);
    char run_id[64] = "";
    {
        int limit = 1;
        list_runs_response_t *all = AssistantsAPI_listRuns(c, thread, &limit, openai_api_listRuns_ORDER_desc, NULL, NULL);
        run_object_t *last = all ? nth(all->data, 0) : NULL;
        if (last && last->id) snprintf(run_id, sizeof run_id, "%s", last->id);
        list_runs_response_free(all);
    }
    snprintf(body, sizeof body, "{\"tool_outputs\":[{\"tool_call_id\":\"%s\",\"output\":\"sunny 22C\"}]}", r.call_id);
    submit_tool_outputs_run_request_t *out = submit_tool_outputs_run_request_parseFromJSON(j(body));
    memset(&r, 0, sizeof r);
    CHECK_INT(AssistantsAPI_submitToolOuputsToRunStream(c, thread, run_id, out, on_run_event, &r), 0);
    OK();
    CHECK_INT(r.run_status, openai_api_run_object_STATUS_completed);
    CHECK_STR(r.text, "You said 2 words: sunny 22C.");
    submit_tool_outputs_run_request_free(out);
    create_run_request_free(req);

    /* An error event: handed on as an error_t, then -1. */
    snprintf(body, sizeof body, "{\"assistant_id\":\"%s\"}", assistant);
    req = create_run_request_parseFromJSON(j(body));
    apiClient_setHeader(c, "x-mock-stream-fault", "error-after-5");
    memset(&r, 0, sizeof r);
    CHECK_INT(AssistantsAPI_createRunStream(c, thread, req, NULL, on_run_event, &r), -1);
    CHECK_INT(r.errors, 1);
    CHECK_STR(apiClient_errorType(c), "server_error");
    req->stream = 1;
    CHECK(AssistantsAPI_createRun(c, thread, req, NULL) == NULL);
    apiClient_setHeader(c, "x-mock-stream-fault", NULL);
    CHECK_INT(AssistantsAPI_createRunStream(c, thread, req, NULL, NULL, NULL), -1);
    create_run_request_free(req);
}

static int on_long(void *user, create_chat_completion_stream_response_t *chunk) {
    long *n = user;
    (*n)++;
    return chunk == NULL;
}

static void long_stream(void) {
    /* A message of 5,000 words, answered by repeating them: two choices of
     * about 5,000 chunks each. */
    size_t size = 64 + 5000 * 8;
    char *text = malloc(size);
    strcpy(text, "{\"model\":\"gpt-4o-mini\",\"n\":2,\"messages\":[{\"role\":\"user\",\"content\":\"");
    for (int i = 0; i < 5000; i++) strcat(text, i % 2 ? "stream " : "words ");
    strcat(text, "\"}]}");
    create_chat_completion_request_t *req = create_chat_completion_request_parseFromJSON(j(text));
    free(text);
    create_chat_completion_response_t *whole = ChatAPI_createChatCompletion(c, req);
    OK();
    long n = 0;
    CHECK_INT(ChatAPI_createChatCompletionStream(c, req, on_long, &n), 0);
    CHECK(n > 10000);
    req->stream = 1;
    create_chat_completion_response_t *r = ChatAPI_createChatCompletion(c, req);
    OK();
    for (int i = 0; i < 2; i++) {
        create_chat_completion_response_choices_inner_t *a = r ? nth(r->choices, i) : NULL, *b = whole ? nth(whole->choices, i) : NULL;
        CHECK(a && b && a->message && b->message && a->message->content && b->message->content);
        if (a && b && a->message && b->message && a->message->content && b->message->content) {
            CHECK(strlen(a->message->content) > 30000);
            CHECK_STR(a->message->content, b->message->content);
        }
    }
    create_chat_completion_response_free(r);
    create_chat_completion_response_free(whole);
    create_chat_completion_request_free(req);
}

static void timing(void) {
    create_chat_completion_request_t *req = create_chat_completion_request_parseFromJSON(j(HELLO));
    /* 80 ms between events, about 20 events: the first reaches the
     * program long before the stream ends; the whole stream outlasts the
     * request's limit (500 ms bounds its head) and is not cut. */
    apiClient_setTimeouts(c, 0, 500);
    apiClient_setHeader(c, "x-mock-stream-pace-ms", "80");
    struct seen s = {0};
    double start = now_ms();
    CHECK_INT(ChatAPI_createChatCompletionStream(c, req, on_chat, &s), 0);
    double end = now_ms();
    if (apiClient_errorMessage(c)) fprintf(stderr, "    (the error: %s)\n", apiClient_errorMessage(c));
    CHECK(end - start > 1000);
    CHECK(s.first_at - start < (end - start) / 2);
    /* An idle limit shorter than the pause: cut, as a timeout. */
    apiClient_setStreamIdleTimeout(c, 30);
    memset(&s, 0, sizeof s);
    CHECK_INT(ChatAPI_createChatCompletionStream(c, req, on_chat, &s), -1);
    CHECK_STR(apiClient_errorType(c), "timeout");
    CHECK(apiClient_errorMessage(c) && strstr(apiClient_errorMessage(c), "apiClient_setStreamIdleTimeout"));
    apiClient_setStreamIdleTimeout(c, 0);
    apiClient_setHeader(c, "x-mock-stream-pace-ms", NULL);
    apiClient_setTimeouts(c, 0, 0);
    create_chat_completion_request_free(req);
}

int main(int argc, char **argv) {
    const char *url = getenv("OPENAI_API_TEST_URL"), *key = getenv("OPENAI_API_TEST_KEY");
    if (!url || !key || argc < 2) {
        fprintf(stderr, "usage: streams chat|completions|faults|runs|long|timing (OPENAI_API_TEST_URL, _KEY)\n");
        return 2;
    }
    c = apiClient_create_with_base_path(url, NULL);
    c->accessToken = strdup(key);
    apiClient_setMaxRetries(c, 0);
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "chat")) chat();
        else if (!strcmp(argv[i], "completions")) completions();
        else if (!strcmp(argv[i], "faults")) faults();
        else if (!strcmp(argv[i], "runs")) runs();
        else if (!strcmp(argv[i], "long")) long_stream();
        else if (!strcmp(argv[i], "timing")) timing();
        else {
            fprintf(stderr, "unknown part %s\n", argv[i]);
            check_failures++;
        }
    }
    for (int i = 0; i < nkept; i++) cJSON_Delete(kept[i]);
    apiClient_free(c);
    CHECK_DONE();
}
