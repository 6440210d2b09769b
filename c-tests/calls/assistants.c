/* The generated client's AssistantsAPI and VectorStoresAPI against the
 * stateful mock, through the drop-in calls: success and errors of each.
 *   assistants assistants   created, read, changed, listed, deleted, gone (404)
 *   assistants threads      a thread with a message, read, changed; messages
 *                           added, read, changed, listed, deleted
 *   assistants runs         a run completes with the assistant's reply and a
 *                           message_creation step; a run with a function
 *                           tool waits for its output (requires_action),
 *                           then completes; a thread made and run at once;
 *                           runs listed, read, changed; a finished run
 *                           cannot be cancelled (400); an unknown
 *                           assistant (404)
 *   assistants stores       vector stores created, read, changed, listed;
 *                           files added, read, listed, deleted; file
 *                           batches created, read, listed, cancelled;
 *                           a store deleted, gone (404)
 * Environment: OPENAI_API_TEST_URL, OPENAI_API_TEST_KEY. */
#include <stdlib.h>
#include <string.h>
#include "api/AssistantsAPI.h"
#include "api/VectorStoresAPI.h"
#include "../calls.h"

/* JSON parsed for one use: the parse copies what it keeps; freed at the end. */
static cJSON *kept[64];
static int nkept;
static cJSON *j(const char *text) {
    cJSON *v = json(text);
    CHECK(nkept < 64);
    if (nkept < 64) kept[nkept++] = v;
    return v;
}

static char *dup_or_null(const char *s) { return s ? strdup(s) : NULL; }

/* The text of a message's first content part. */
static const char *text_of(message_object_t *m) {
    message_object_content_inner_t *part = m ? nth(m->content, 0) : NULL;
    return part && part->text ? part->text->value : NULL;
}

static char *assistant_id;

static void assistants(void) {
    create_assistant_request_t *req = create_assistant_request_parseFromJSON(
        j("{\"model\":\"gpt-4o-mini\",\"name\":\"Helper\",\"instructions\":\"Answer briefly.\",\"tools\":[],\"metadata\":{\"team\":\"c\"}}"));
    CHECK(req != NULL);
    assistant_object_t *a = AssistantsAPI_createAssistant(c, req);
    OK();
    CHECK(a && a->id && strncmp(a->id, "asst_", 5) == 0 && a->name && strcmp(a->name, "Helper") == 0);
    CHECK(a && a->object == openai_api_assistant_object_OBJECT_assistant && a->model && strcmp(a->model, "gpt-4o-mini") == 0);
    /* metadata is an object_t: its JSON text. */
    CHECK(a && a->metadata && a->metadata->temporary && strstr(a->metadata->temporary, "\"team\":\"c\""));
    assistant_id = dup_or_null(a ? a->id : NULL);
    assistant_object_free(a);
    create_assistant_request_free(req);

    assistant_object_t *got = AssistantsAPI_getAssistant(c, assistant_id);
    OK();
    CHECK(got && strcmp(got->id, assistant_id) == 0 && strcmp(got->instructions, "Answer briefly.") == 0);
    assistant_object_free(got);

    modify_assistant_request_t *change = modify_assistant_request_parseFromJSON(j("{\"name\":\"Helper 2\"}"));
    assistant_object_t *changed = AssistantsAPI_modifyAssistant(c, assistant_id, change);
    OK();
    CHECK(changed && strcmp(changed->name, "Helper 2") == 0);
    assistant_object_free(changed);
    modify_assistant_request_free(change);

    int limit = 10;
    list_assistants_response_t *all = AssistantsAPI_listAssistants(c, &limit, openai_api_listAssistants_ORDER_desc, NULL, NULL);
    OK();
    CHECK(all && all->data && all->data->count >= 1 && strcmp(all->object, "list") == 0);
    list_assistants_response_free(all);

    /* One more, deleted, then gone. */
    req = create_assistant_request_parseFromJSON(j("{\"model\":\"gpt-4o\"}"));
    a = AssistantsAPI_createAssistant(c, req);
    OK();
    char *gone_id = dup_or_null(a ? a->id : NULL);
    delete_assistant_response_t *gone = AssistantsAPI_deleteAssistant(c, gone_id);
    OK();
    CHECK(gone && gone->deleted && strcmp(gone->id, gone_id) == 0);
    delete_assistant_response_free(gone);
    assistant_object_t *none = AssistantsAPI_getAssistant(c, gone_id);
    FAILED(none, 404, NULL);
    free(gone_id);
    assistant_object_free(a);
    create_assistant_request_free(req);
    CHECK(AssistantsAPI_getAssistant(c, NULL) == NULL);
}

static char *thread_id;

static void threads(void) {
    create_thread_request_t *req = create_thread_request_parseFromJSON(
        j("{\"messages\":[{\"role\":\"user\",\"content\":\"what is the weather\"}],\"metadata\":{\"k\":\"v\"}}"));
    CHECK(req != NULL);
    thread_object_t *t = AssistantsAPI_createThread(c, req);
    OK();
    CHECK(t && t->id && strncmp(t->id, "thread_", 7) == 0 && t->object == openai_api_thread_object_OBJECT_thread);
    thread_id = dup_or_null(t ? t->id : NULL);
    thread_object_free(t);
    create_thread_request_free(req);

    thread_object_t *got = AssistantsAPI_getThread(c, thread_id);
    OK();
    CHECK(got && strcmp(got->id, thread_id) == 0);
    thread_object_free(got);
    modify_thread_request_t *change = modify_thread_request_parseFromJSON(j("{\"metadata\":{\"k\":\"w\"}}"));
    thread_object_t *changed = AssistantsAPI_modifyThread(c, thread_id, change);
    OK();
    CHECK(changed && changed->metadata && strstr(changed->metadata->temporary, "\"w\""));
    thread_object_free(changed);
    modify_thread_request_free(change);

    int limit = 20;
    list_messages_response_t *ms = AssistantsAPI_listMessages(c, thread_id, &limit, openai_api_listMessages_ORDER_asc, NULL, NULL, NULL);
    OK();
    CHECK(ms && ms->data && ms->data->count == 1);
    message_object_t *first = ms ? nth(ms->data, 0) : NULL;
    CHECK_STR(text_of(first), "what is the weather");
    CHECK(first && first->role == openai_api_message_object_ROLE_user);
    list_messages_response_free(ms);

    create_message_request_t *say = create_message_request_parseFromJSON(j("{\"role\":\"user\",\"content\":\"and tomorrow\"}"));
    message_object_t *m = AssistantsAPI_createMessage(c, thread_id, say);
    OK();
    CHECK_STR(text_of(m), "and tomorrow");
    char *message_id = dup_or_null(m ? m->id : NULL);
    message_object_free(m);
    create_message_request_free(say);
    message_object_t *again = AssistantsAPI_getMessage(c, thread_id, message_id);
    OK();
    CHECK(again && strcmp(again->id, message_id) == 0 && again->thread_id && strcmp(again->thread_id, thread_id) == 0);
    message_object_free(again);
    modify_message_request_t *mark = modify_message_request_parseFromJSON(j("{\"metadata\":{\"seen\":\"yes\"}}"));
    message_object_t *marked = AssistantsAPI_modifyMessage(c, thread_id, message_id, mark);
    OK();
    CHECK(marked && marked->metadata && strstr(marked->metadata->temporary, "seen"));
    message_object_free(marked);
    modify_message_request_free(mark);
    delete_message_response_t *dropped = AssistantsAPI_deleteMessage(c, thread_id, message_id);
    OK();
    CHECK(dropped && dropped->deleted);
    delete_message_response_free(dropped);
    message_object_t *none = AssistantsAPI_getMessage(c, thread_id, message_id);
    FAILED(none, 404, NULL);
    free(message_id);

    /* A message on a thread that does not exist. */
    say = create_message_request_parseFromJSON(j("{\"role\":\"user\",\"content\":\"x\"}"));
    m = AssistantsAPI_createMessage(c, "thread_none", say);
    FAILED(m, 404, NULL);
    create_message_request_free(say);
}

static void runs(void) {
    create_run_request_t *req = create_run_request_parseFromJSON(j("{}"));
    CHECK(req != NULL);
    if (req) req->assistant_id = strdup(assistant_id);
    run_object_t *r = AssistantsAPI_createRun(c, thread_id, req, NULL);
    OK();
    CHECK(r && r->status == openai_api_run_object_STATUS_completed && r->completed_at > 0);
    CHECK(r && r->usage && r->usage->prompt_tokens == 4 && r->usage->total_tokens > 4);
    CHECK(r && strcmp(r->assistant_id, assistant_id) == 0 && strcmp(r->thread_id, thread_id) == 0);
    char *run_id = dup_or_null(r ? r->id : NULL);
    run_object_free(r);
    create_run_request_free(req);

    /* The assistant's reply is the thread's last message. */
    int limit = 1;
    list_messages_response_t *ms = AssistantsAPI_listMessages(c, thread_id, &limit, openai_api_listMessages_ORDER_desc, NULL, NULL, run_id);
    OK();
    message_object_t *reply = ms ? nth(ms->data, 0) : NULL;
    CHECK(reply && reply->role == openai_api_message_object_ROLE_assistant && reply->run_id && strcmp(reply->run_id, run_id) == 0);
    CHECK_STR(text_of(reply), "You said 4 words: what is the weather.");
    list_messages_response_free(ms);

    limit = 10;
    list_run_steps_response_t *steps = AssistantsAPI_listRunSteps(c, thread_id, run_id, &limit, openai_api_listRunSteps_ORDER_asc, NULL, NULL, NULL);
    OK();
    run_step_object_t *step = steps ? nth(steps->data, 0) : NULL;
    CHECK(steps && steps->data && steps->data->count == 1);
    CHECK(step && step->type == openai_api_run_step_object_TYPE_message_creation && step->step_details &&
          step->step_details->message_creation && step->step_details->message_creation->message_id);
    char *step_id = dup_or_null(step ? step->id : NULL);
    list_run_steps_response_free(steps);
    run_step_object_t *one = AssistantsAPI_getRunStep(c, thread_id, run_id, step_id, NULL);
    OK();
    CHECK(one && strcmp(one->id, step_id) == 0 && strcmp(one->run_id, run_id) == 0);
    run_step_object_free(one);
    free(step_id);

    list_runs_response_t *all = AssistantsAPI_listRuns(c, thread_id, &limit, openai_api_listRuns_ORDER_desc, NULL, NULL);
    OK();
    CHECK(all && all->data && all->data->count == 1);
    list_runs_response_free(all);
    run_object_t *got = AssistantsAPI_getRun(c, thread_id, run_id);
    OK();
    CHECK(got && strcmp(got->id, run_id) == 0);
    run_object_free(got);
    modify_run_request_t *tag = modify_run_request_parseFromJSON(j("{\"metadata\":{\"tag\":\"one\"}}"));
    run_object_t *tagged = AssistantsAPI_modifyRun(c, thread_id, run_id, tag);
    OK();
    CHECK(tagged && tagged->metadata && strstr(tagged->metadata->temporary, "one"));
    run_object_free(tagged);
    modify_run_request_free(tag);
    /* A finished run cannot be cancelled. */
    run_object_t *refused = AssistantsAPI_cancelRun(c, thread_id, run_id);
    FAILED(refused, 400, NULL);
    free(run_id);

    /* With a function tool the run waits for the tool's output. */
    req = create_run_request_parseFromJSON(
        j("{\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"weather\",\"parameters\":{\"type\":\"object\",\"properties\":{}}}}]}"));
    CHECK(req != NULL);
    if (req) req->assistant_id = strdup(assistant_id);
    r = AssistantsAPI_createRun(c, thread_id, req, NULL);
    OK();
    CHECK(r && r->status == openai_api_run_object_STATUS_requires_action && r->required_action && r->required_action->submit_tool_outputs);
    chat_completion_message_tool_call_t *call = r && r->required_action && r->required_action->submit_tool_outputs
                                                   ? nth(r->required_action->submit_tool_outputs->tool_calls, 0)
                                                   : NULL;
    CHECK(call && call->function && strcmp(call->function->name, "weather") == 0);
    run_id = dup_or_null(r ? r->id : NULL);
    char outputs[256];
    snprintf(outputs, sizeof outputs, "{\"tool_outputs\":[{\"tool_call_id\":\"%s\",\"output\":\"sunny 22C\"}]}", call ? call->id : "");
    run_object_free(r);
    create_run_request_free(req);
    submit_tool_outputs_run_request_t *out = submit_tool_outputs_run_request_parseFromJSON(j(outputs));
    run_object_t *done = AssistantsAPI_submitToolOuputsToRun(c, thread_id, run_id, out);
    OK();
    CHECK(done && done->status == openai_api_run_object_STATUS_completed);
    run_object_free(done);
    /* Twice: the run no longer waits. */
    done = AssistantsAPI_submitToolOuputsToRun(c, thread_id, run_id, out);
    FAILED(done, 400, NULL);
    submit_tool_outputs_run_request_free(out);
    limit = 1;
    ms = AssistantsAPI_listMessages(c, thread_id, &limit, openai_api_listMessages_ORDER_desc, NULL, NULL, NULL);
    CHECK_STR(text_of(ms ? nth(ms->data, 0) : NULL), "You said 2 words: sunny 22C.");
    list_messages_response_free(ms);
    free(run_id);

    /* A run waiting for its tool can be cancelled. */
    req = create_run_request_parseFromJSON(j("{\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"weather\"}}]}"));
    if (req) req->assistant_id = strdup(assistant_id);
    r = AssistantsAPI_createRun(c, thread_id, req, NULL);
    OK();
    run_object_t *cancelled = r ? AssistantsAPI_cancelRun(c, thread_id, r->id) : NULL;
    OK();
    CHECK(cancelled && cancelled->status == openai_api_run_object_STATUS_cancelled && cancelled->cancelled_at > 0);
    run_object_free(cancelled);
    run_object_free(r);
    create_run_request_free(req);

    /* A thread made and run at once. */
    create_thread_and_run_request_t *both = create_thread_and_run_request_parseFromJSON(
        j("{\"thread\":{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}}"));
    CHECK(both != NULL);
    if (both) both->assistant_id = strdup(assistant_id);
    r = AssistantsAPI_createThreadAndRun(c, both);
    OK();
    CHECK(r && r->status == openai_api_run_object_STATUS_completed && r->thread_id && strcmp(r->thread_id, thread_id) != 0);
    if (r) {
        delete_thread_response_t *dt = AssistantsAPI_deleteThread(c, r->thread_id);
        OK();
        CHECK(dt && dt->deleted);
        delete_thread_response_free(dt);
        thread_object_t *none = AssistantsAPI_getThread(c, r->thread_id);
        FAILED(none, 404, NULL);
    }
    run_object_free(r);
    create_thread_and_run_request_free(both);

    /* An assistant that does not exist. */
    req = create_run_request_parseFromJSON(j("{\"assistant_id\":\"asst_none\"}"));
    r = AssistantsAPI_createRun(c, thread_id, req, NULL);
    FAILED(r, 404, NULL);
    create_run_request_free(req);
}

static void stores(void) {
    create_vector_store_request_t *req = create_vector_store_request_parseFromJSON(j("{\"name\":\"docs\",\"metadata\":{\"k\":\"v\"}}"));
    vector_store_object_t *vs = VectorStoresAPI_createVectorStore(c, req);
    OK();
    CHECK(vs && vs->id && strncmp(vs->id, "vs_", 3) == 0 && strcmp(vs->name, "docs") == 0);
    char *vs_id = dup_or_null(vs ? vs->id : NULL);
    vector_store_object_free(vs);
    create_vector_store_request_free(req);
    vector_store_object_t *got = VectorStoresAPI_getVectorStore(c, vs_id);
    OK();
    CHECK(got && strcmp(got->id, vs_id) == 0);
    vector_store_object_free(got);
    update_vector_store_request_t *rename = update_vector_store_request_parseFromJSON(j("{\"name\":\"manuals\"}"));
    vector_store_object_t *renamed = VectorStoresAPI_modifyVectorStore(c, vs_id, rename);
    OK();
    CHECK(renamed && strcmp(renamed->name, "manuals") == 0);
    vector_store_object_free(renamed);
    update_vector_store_request_free(rename);
    int limit = 5;
    list_vector_stores_response_t *all = VectorStoresAPI_listVectorStores(c, &limit, openai_api_listVectorStores_ORDER_desc, NULL, NULL);
    OK();
    CHECK(all && all->data && all->data->count == 1);
    list_vector_stores_response_free(all);

    create_vector_store_file_request_t *add = create_vector_store_file_request_parseFromJSON(j("{\"file_id\":\"file-one\"}"));
    vector_store_file_object_t *f = VectorStoresAPI_createVectorStoreFile(c, vs_id, add);
    OK();
    CHECK(f && strcmp(f->id, "file-one") == 0 && strcmp(f->vector_store_id, vs_id) == 0);
    vector_store_file_object_free(f);
    create_vector_store_file_request_free(add);
    f = VectorStoresAPI_getVectorStoreFile(c, vs_id, "file-one");
    OK();
    CHECK(f && strcmp(f->id, "file-one") == 0);
    vector_store_file_object_free(f);

    create_vector_store_file_batch_request_t *batch = create_vector_store_file_batch_request_parseFromJSON(j("{\"file_ids\":[\"file-two\",\"file-three\"]}"));
    vector_store_file_batch_object_t *b = VectorStoresAPI_createVectorStoreFileBatch(c, vs_id, batch);
    OK();
    CHECK(b && b->status == openai_api_vector_store_file_batch_object_STATUS_in_progress && b->file_counts && b->file_counts->total == 2);
    char *batch_id = dup_or_null(b ? b->id : NULL);
    vector_store_file_batch_object_free(b);
    list_vector_store_files_response_t *in_batch =
        VectorStoresAPI_listFilesInVectorStoreBatch(c, vs_id, batch_id, &limit, openai_api_listFilesInVectorStoreBatch_ORDER_asc, NULL, NULL, 0);
    OK();
    CHECK(in_batch && in_batch->data && in_batch->data->count == 2);
    list_vector_store_files_response_free(in_batch);
    vector_store_file_batch_object_t *stopped = VectorStoresAPI_cancelVectorStoreFileBatch(c, vs_id, batch_id);
    OK();
    CHECK(stopped && stopped->status == openai_api_vector_store_file_batch_object_STATUS_cancelled);
    vector_store_file_batch_object_free(stopped);
    free(batch_id);
    b = VectorStoresAPI_createVectorStoreFileBatch(c, vs_id, batch);
    batch_id = dup_or_null(b ? b->id : NULL);
    vector_store_file_batch_object_free(b);
    b = VectorStoresAPI_getVectorStoreFileBatch(c, vs_id, batch_id);
    OK();
    CHECK(b && b->status == openai_api_vector_store_file_batch_object_STATUS_completed && b->file_counts && b->file_counts->completed == 2);
    vector_store_file_batch_object_free(b);
    stopped = VectorStoresAPI_cancelVectorStoreFileBatch(c, vs_id, batch_id);
    FAILED(stopped, 400, NULL);
    free(batch_id);
    create_vector_store_file_batch_request_free(batch);

    list_vector_store_files_response_t *files = VectorStoresAPI_listVectorStoreFiles(c, vs_id, &limit, openai_api_listVectorStoreFiles_ORDER_asc, NULL, NULL, 0);
    OK();
    CHECK(files && files->data && files->data->count == 3);
    list_vector_store_files_response_free(files);
    delete_vector_store_file_response_t *df = VectorStoresAPI_deleteVectorStoreFile(c, vs_id, "file-one");
    OK();
    CHECK(df && df->deleted && strcmp(df->id, "file-one") == 0);
    delete_vector_store_file_response_free(df);

    delete_vector_store_response_t *dv = VectorStoresAPI_deleteVectorStore(c, vs_id);
    OK();
    CHECK(dv && dv->deleted);
    delete_vector_store_response_free(dv);
    vector_store_object_t *none = VectorStoresAPI_getVectorStore(c, vs_id);
    FAILED(none, 404, NULL);
    add = create_vector_store_file_request_parseFromJSON(j("{\"file_id\":\"file-x\"}"));
    f = VectorStoresAPI_createVectorStoreFile(c, vs_id, add);
    FAILED(f, 404, NULL);
    create_vector_store_file_request_free(add);
    free(vs_id);
}

int main(int argc, char **argv) {
    const char *url = getenv("OPENAI_API_TEST_URL"), *key = getenv("OPENAI_API_TEST_KEY");
    if (!url || !key || argc < 2) {
        fprintf(stderr, "usage: assistants assistants|threads|runs|stores… (OPENAI_API_TEST_URL, _KEY)\n");
        return 2;
    }
    c = apiClient_create_with_base_path(url, NULL);
    c->accessToken = strdup(key);
    apiClient_setMaxRetries(c, 0);
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "assistants")) assistants();
        else if (!strcmp(argv[i], "threads")) threads();
        else if (!strcmp(argv[i], "runs")) runs();
        else if (!strcmp(argv[i], "stores")) stores();
        else {
            fprintf(stderr, "unknown part %s\n", argv[i]);
            check_failures++;
        }
    }
    free(assistant_id);
    free(thread_id);
    for (int i = 0; i < nkept; i++) cJSON_Delete(kept[i]);
    apiClient_free(c);
    CHECK_DONE();
}
