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
 *   library chat     a reply derived from the messages, tokens counted; a
 *                    tool called when tools are given; maps (logit_bias,
 *                    metadata) sent as JSON objects; an unknown model (404)
 *   library completions  the legacy completion of a prompt, echoed or not
 *   library moderations  a text flagged for violence, another not; an
 *                    unknown model (404)
 *   library realtime  a session with a client secret
 *   library batches  a batch created, read as it progresses to completed
 *                    with an output file, listed; another cancelled, its
 *                    cancel refused once done (400); a bad endpoint (400)
 *   library finetuning  a job created, read as it progresses to succeeded
 *                    with a fine-tuned model, its events and checkpoints
 *                    listed, jobs listed (with a metadata filter);
 *                    another cancelled; an unknown job (404)
 * Environment: OPENAI_API_TEST_URL, OPENAI_API_TEST_KEY. */
#include <stdlib.h>
#include <string.h>
#include "api/BatchAPI.h"
#include "api/ChatAPI.h"
#include "api/CompletionsAPI.h"
#include "api/EmbeddingsAPI.h"
#include "api/FilesAPI.h"
#include "api/FineTuningAPI.h"
#include "api/ModelsAPI.h"
#include "api/ModerationsAPI.h"
#include "api/RealtimeAPI.h"
#include "../calls.h"

/* JSON parsed for one use: the caller's parse copies what it keeps, so the
 * tree is freed at the end of the run. */
static cJSON *kept[64];
static int nkept;
static cJSON *json_keep_free(const char *text) {
    cJSON *j = json(text);
    CHECK(nkept < 64);
    if (nkept < 64) kept[nkept++] = j;
    return j;
}

/* A request's JSON as text (free it). */
#define SENT(type, req) sent_text(type##_convertToJSON(req))
static char *sent_text(cJSON *j) {
    char *t = j ? cJSON_PrintUnformatted(j) : NULL;
    cJSON_Delete(j);
    return t;
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

static void chat(void) {
    create_chat_completion_request_t *req = create_chat_completion_request_parseFromJSON(json_keep_free(
        "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
        "{\"role\":\"user\",\"content\":\"hello there\"}]}"));
    CHECK(req != NULL);
    create_chat_completion_response_t *r = ChatAPI_createChatCompletion(c, req);
    OK();
    CHECK(r && r->object == openai_api_create_chat_completion_response_OBJECT_chat_completion && r->choices && r->choices->count == 1);
    create_chat_completion_response_choices_inner_t *choice = r ? nth(r->choices, 0) : NULL;
    CHECK(choice && choice->finish_reason == openai_api_create_chat_completion_response_choices_inner_FINISHREASON_stop && choice->message);
    if (choice && choice->message) CHECK_STR(choice->message->content, "You said 2 words: hello there.");
    CHECK(r && r->usage && r->usage->prompt_tokens == 4 && r->usage->completion_tokens == 6 && r->usage->total_tokens == 10);
    CHECK(r && strcmp(r->model, "gpt-4o-mini") == 0 && r->id && strncmp(r->id, "chatcmpl-", 9) == 0);
    create_chat_completion_response_free(r);

    /* Maps go as JSON objects: logit_bias (numbers), metadata (strings). */
    double *bias = malloc(sizeof *bias);
    *bias = -100;
    list_t *biases = list_createList();
    list_addElement(biases, keyValuePair_create(strdup("50256"), bias));
    list_t *meta = list_createList();
    list_addElement(meta, keyValuePair_create(strdup("purpose"), strdup("test")));
    if (req) {
        req->logit_bias = biases;
        req->metadata = meta;
    }
    char *text = SENT(create_chat_completion_request, req);
    CHECK(text && strstr(text, "\"logit_bias\":{\"50256\":-100}") && strstr(text, "\"metadata\":{\"purpose\":\"test\"}"));
    CHECK(text && strstr(text, "\"role\":\"user\""));
    free(text);
    r = ChatAPI_createChatCompletion(c, req);
    OK();
    create_chat_completion_response_free(r);
    create_chat_completion_request_free(req);

    /* With a tool: the model calls it. */
    req = create_chat_completion_request_parseFromJSON(json_keep_free(
        "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"weather in Paris\"}],"
        "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"parameters\":"
        "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}}}]}"));
    CHECK(req != NULL);
    r = ChatAPI_createChatCompletion(c, req);
    OK();
    choice = r ? nth(r->choices, 0) : NULL;
    CHECK(choice && choice->finish_reason == openai_api_create_chat_completion_response_choices_inner_FINISHREASON_tool_calls);
    chat_completion_message_tool_call_t *call = choice && choice->message ? nth(choice->message->tool_calls, 0) : NULL;
    CHECK(call && call->type == openai_api_chat_completion_message_tool_call_TYPE_function && call->id && call->function);
    if (call && call->function) {
        CHECK_STR(call->function->name, "get_weather");
        CHECK_STR(call->function->arguments, "{\"city\":\"weather in Paris\"}");
    }
    /* The function's parameters (a map of any JSON) go back as they came. */
    text = SENT(create_chat_completion_request, req);
    CHECK(text && strstr(text, "\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}"));
    free(text);
    create_chat_completion_response_free(r);
    create_chat_completion_request_free(req);

    req = create_chat_completion_request_parseFromJSON(
        json_keep_free("{\"model\":\"gpt-nonexistent\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"));
    r = ChatAPI_createChatCompletion(c, req);
    FAILED(r, 404, "model");
    create_chat_completion_request_free(req);
    CHECK(ChatAPI_createChatCompletion(c, NULL) == NULL);
}

static void completions(void) {
    create_completion_request_t *req = create_completion_request_parseFromJSON(
        json_keep_free("{\"model\":\"gpt-3.5-turbo-instruct\",\"prompt\":\"Say this is a test\",\"n\":2}"));
    CHECK(req != NULL);
    create_completion_response_t *r = CompletionsAPI_createCompletion(c, req);
    OK();
    CHECK(r && r->choices && r->choices->count == 2 && r->object == openai_api_create_completion_response_OBJECT_text_completion);
    create_completion_response_choices_inner_t *first = r ? nth(r->choices, 0) : NULL;
    CHECK_STR(first ? first->text : NULL, "You said 5 words: Say this is a test.");
    CHECK(r && r->usage && r->usage->prompt_tokens == 5);
    create_completion_response_free(r);
    create_completion_request_free(req);
    req = create_completion_request_parseFromJSON(json_keep_free("{\"model\":\"gpt-4o\",\"prompt\":\"x\"}"));
    r = CompletionsAPI_createCompletion(c, req);
    FAILED(r, 404, "model");
    create_completion_request_free(req);
}

static void moderations(void) {
    create_moderation_request_t *req = create_moderation_request_parseFromJSON(
        json_keep_free("{\"input\":[\"I will kill the process\",\"a quiet day\"],\"model\":\"omni-moderation-latest\"}"));
    CHECK(req != NULL);
    create_moderation_response_t *r = ModerationsAPI_createModeration(c, req);
    OK();
    CHECK(r && r->results && r->results->count == 2);
    create_moderation_response_results_inner_t *hit = r ? nth(r->results, 0) : NULL, *calm = r ? nth(r->results, 1) : NULL;
    CHECK(hit && hit->flagged && hit->categories && hit->categories->violence && !hit->categories->hate);
    CHECK(hit && hit->category_scores && hit->category_scores->violence > 0.9 && hit->category_scores->hate < 0.1);
    CHECK(calm && !calm->flagged && calm->categories && !calm->categories->violence);
    /* A category whose JSON name has a slash. */
    CHECK(hit && hit->category_applied_input_types && hit->category_applied_input_types->violence_graphic &&
          hit->category_applied_input_types->violence_graphic->count == 1);
    create_moderation_response_free(r);
    create_moderation_request_free(req);
    req = create_moderation_request_parseFromJSON(json_keep_free("{\"input\":\"x\",\"model\":\"gpt-4o\"}"));
    r = ModerationsAPI_createModeration(c, req);
    FAILED(r, 404, "model");
    create_moderation_request_free(req);
}

static void realtime(void) {
    realtime_session_create_request_t *req =
        realtime_session_create_request_parseFromJSON(json_keep_free("{\"model\":\"gpt-4o-realtime-preview\",\"voice\":\"alloy\"}"));
    CHECK(req != NULL);
    realtime_session_create_response_t *r = RealtimeAPI_createRealtimeSession(c, req);
    OK();
    CHECK(r && r->client_secret && r->client_secret->value && strncmp(r->client_secret->value, "ek_", 3) == 0);
    CHECK(r && r->client_secret && r->client_secret->expires_at > 0);
    realtime_session_create_response_free(r);
    realtime_session_create_request_free(req);
}

static void batches(void) {
    /* The input: a JSONL file of two requests, uploaded. */
    static const char lines[] =
        "{\"custom_id\":\"r1\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"one two\"}]}}\n"
        "{\"custom_id\":\"r2\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":{\"model\":\"gpt-nonexistent\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}}\n";
    binary_t file = {(uint8_t *)lines, sizeof lines - 1};
    open_ai_file_t *input = FilesAPI_createFileEx(c, &file, "requests.jsonl", NULL, "batch", NULL);
    OK();
    char spec[300];
    snprintf(spec, sizeof spec, "{\"input_file_id\":\"%s\",\"endpoint\":\"/v1/chat/completions\",\"completion_window\":\"24h\",\"metadata\":{\"run\":\"nightly\"}}",
             input ? input->id : "");
    open_ai_file_free(input);
    create_batch_request_t *req = create_batch_request_parseFromJSON(json_keep_free(spec));
    CHECK(req && req->endpoint == openai_api_create_batch_request_ENDPOINT__v1_chat_completions && req->metadata && req->metadata->count == 1);
    batch_t *b = BatchAPI_createBatch(c, req);
    OK();
    CHECK(b && b->status == openai_api_batch_STATUS_validating && b->object == openai_api_batch_OBJECT_batch);
    CHECK(b && b->input_file_id && strncmp(b->input_file_id, "file-", 5) == 0);
    CHECK(b && b->metadata && b->metadata->temporary && strstr(b->metadata->temporary, "nightly"));
    char *id = b ? strdup(b->id) : NULL;
    batch_free(b);
    const openai_api_batch_STATUS_e seen[] = {openai_api_batch_STATUS_in_progress, openai_api_batch_STATUS_finalizing, openai_api_batch_STATUS_completed};
    for (int i = 0; i < 3; i++) {
        b = BatchAPI_retrieveBatch(c, id);
        OK();
        CHECK(b && b->status == seen[i]);
        if (i == 2) {
            /* Each request ran: one answer, one error (an unknown model). */
            CHECK(b && b->output_file_id && b->error_file_id && b->completed_at > 0);
            CHECK(b && b->request_counts && b->request_counts->completed == 1 && b->request_counts->failed == 1 && b->request_counts->total == 2);
            char *out = b && b->output_file_id ? FilesAPI_downloadFile(c, b->output_file_id) : NULL;
            CHECK(out && strstr(out, "\"custom_id\":\"r1\"") && strstr(out, "You said 2 words: one two."));
            free(out);
            char *err = b && b->error_file_id ? FilesAPI_downloadFile(c, b->error_file_id) : NULL;
            CHECK(err && strstr(err, "\"custom_id\":\"r2\"") && strstr(err, "\"status_code\":404"));
            free(err);
        }
        batch_free(b);
    }
    b = BatchAPI_cancelBatch(c, id);
    FAILED(b, 400, NULL);
    free(id);

    b = BatchAPI_createBatch(c, req);
    id = b ? strdup(b->id) : NULL;
    batch_free(b);
    b = BatchAPI_cancelBatch(c, id);
    OK();
    CHECK(b && b->status == openai_api_batch_STATUS_cancelling);
    batch_free(b);
    b = BatchAPI_retrieveBatch(c, id);
    CHECK(b && b->status == openai_api_batch_STATUS_cancelled && b->cancelled_at > 0);
    batch_free(b);
    free(id);
    int limit = 10;
    list_batches_response_t *all = BatchAPI_listBatches(c, NULL, &limit);
    OK();
    CHECK(all && all->data && all->data->count == 2);
    list_batches_response_free(all);
    create_batch_request_free(req);

    req = create_batch_request_parseFromJSON(
        json_keep_free("{\"input_file_id\":\"f\",\"endpoint\":\"/v1/images\",\"completion_window\":\"24h\"}"));
    b = BatchAPI_createBatch(c, req);
    CHECK(b == NULL);
    CHECK(c->response_code == 400);
    create_batch_request_free(req);
    b = BatchAPI_retrieveBatch(c, "batch_none");
    FAILED(b, 404, NULL);
}

static void finetuning(void) {
    create_fine_tuning_job_request_t *req = create_fine_tuning_job_request_parseFromJSON(
        json_keep_free("{\"model\":\"gpt-4o-mini-2024-07-18\",\"training_file\":\"file-train\",\"suffix\":\"mine\"}"));
    CHECK(req != NULL);
    fine_tuning_job_t *job = FineTuningAPI_createFineTuningJob(c, req);
    OK();
    CHECK(job && job->status == openai_api_fine_tuning_job_STATUS_queued && job->object == openai_api_fine_tuning_job_OBJECT_fine_tuning_job);
    CHECK(job && job->fine_tuned_model == NULL && strcmp(job->training_file, "file-train") == 0);
    char *id = job ? strdup(job->id) : NULL;
    fine_tuning_job_free(job);
    const openai_api_fine_tuning_job_STATUS_e seen[] = {openai_api_fine_tuning_job_STATUS_validating_files, openai_api_fine_tuning_job_STATUS_running,
                                                        openai_api_fine_tuning_job_STATUS_succeeded};
    for (int i = 0; i < 3; i++) {
        job = FineTuningAPI_retrieveFineTuningJob(c, id);
        OK();
        CHECK(job && job->status == seen[i]);
        if (i == 2) CHECK(job && job->fine_tuned_model && strstr(job->fine_tuned_model, ":mine:") && job->result_files && job->result_files->count == 1);
        fine_tuning_job_free(job);
    }
    int limit = 50;
    list_fine_tuning_job_events_response_t *events = FineTuningAPI_listFineTuningEvents(c, id, NULL, &limit);
    OK();
    CHECK(events && events->data && events->data->count == 5);
    fine_tuning_job_event_t *last = events ? nth(events->data, 0) : NULL;
    CHECK(last && last->message && strstr(last->message, "completed") && last->level == openai_api_fine_tuning_job_event_LEVEL_info);
    list_fine_tuning_job_events_response_free(events);
    list_fine_tuning_job_checkpoints_response_t *cps = FineTuningAPI_listFineTuningJobCheckpoints(c, id, NULL, &limit);
    OK();
    CHECK(cps && cps->data && cps->data->count == 2);
    fine_tuning_job_checkpoint_t *cp = cps ? nth(cps->data, 0) : NULL;
    CHECK(cp && cp->step_number == 2000 && cp->fine_tuning_job_id && strcmp(cp->fine_tuning_job_id, id) == 0);
    list_fine_tuning_job_checkpoints_response_free(cps);
    fine_tuning_job_t *refused = FineTuningAPI_cancelFineTuningJob(c, id);
    FAILED(refused, 400, NULL);
    free(id);

    job = FineTuningAPI_createFineTuningJob(c, req);
    id = job ? strdup(job->id) : NULL;
    fine_tuning_job_free(job);
    job = FineTuningAPI_cancelFineTuningJob(c, id);
    OK();
    CHECK(job && job->status == openai_api_fine_tuning_job_STATUS_cancelled);
    fine_tuning_job_free(job);
    free(id);
    create_fine_tuning_job_request_free(req);

    list_paginated_fine_tuning_jobs_response_t *jobs = FineTuningAPI_listPaginatedFineTuningJobs(c, NULL, &limit);
    OK();
    CHECK(jobs && jobs->data && jobs->data->count == 2);
    list_paginated_fine_tuning_jobs_response_free(jobs);
    /* The metadata filter of the current API: `metadata[key]=value`. */
    list_t *filter = list_createList();
    list_addElement(filter, keyValuePair_create(strdup("team"), strdup("a b")));
    jobs = FineTuningAPI_listPaginatedFineTuningJobsEx(c, NULL, &limit, filter);
    OK();
    CHECK(jobs && jobs->data && jobs->data->count == 0);
    list_paginated_fine_tuning_jobs_response_free(jobs);
    listEntry_t *e;
    list_ForEach(e, filter) {
        keyValuePair_t *p = e->data;
        free(p->key);
        free(p->value);
        keyValuePair_free(p);
    }
    list_freeList(filter);
    job = FineTuningAPI_retrieveFineTuningJob(c, "ftjob-none");
    FAILED(job, 404, NULL);
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
        } else if (!strcmp(argv[i], "chat")) {
            chat();
        } else if (!strcmp(argv[i], "completions")) {
            completions();
        } else if (!strcmp(argv[i], "moderations")) {
            moderations();
        } else if (!strcmp(argv[i], "realtime")) {
            realtime();
        } else if (!strcmp(argv[i], "batches")) {
            batches();
        } else if (!strcmp(argv[i], "finetuning")) {
            finetuning();
        } else {
            fprintf(stderr, "unknown part %s\n", argv[i]);
            check_failures++;
        }
    }
    for (int i = 0; i < nkept; i++) cJSON_Delete(kept[i]);
    apiClient_free(c);
    CHECK_DONE();
}
