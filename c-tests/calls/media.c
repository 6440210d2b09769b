/* The generated client's FilesAPI, UploadsAPI, AudioAPI and ImagesAPI
 * against the stateful mock, through the drop-in calls and their Ex: the
 * multipart requests and the answers of bytes.
 *   media files    a file with a NUL, CR/LF and a non-ASCII name uploaded
 *                  (Ex) and downloaded byte for byte (char * and binary_t);
 *                  one sent by the drop-in call, named by default; listed,
 *                  retrieved, deleted, gone (404); a missing file refused
 *                  before sending
 *   media uploads  an upload in two parts completed into a file of their
 *                  bytes; another cancelled; a part after it refused (400)
 *   media audio    speech as WAV bytes; transcribed back to its text (json,
 *                  text, verbose_json); translated; an unknown model (404)
 *   media images   images generated (a URL the mock serves, base64 PNG),
 *                  edited and varied from an uploaded PNG; a JPEG refused
 *   media downloads  a 50 MiB file of every byte value (an upload of four
 *                  parts) downloaded whole and in pieces in flat memory;
 *                  a download its callback stops (aborted); speech in pieces
 *   media bigupload  a file of 100 MiB uploaded: the process grows by far
 *                  less than the file (its bytes are sent where they lie)
 * Environment: OPENAI_API_TEST_URL, OPENAI_API_TEST_KEY. */
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include "api/AudioAPI.h"
#include "api/FilesAPI.h"
#include "api/ImagesAPI.h"
#include "api/UploadsAPI.h"
#include "../calls.h"

static cJSON *kept[32];
static int nkept;
static cJSON *j(const char *text) {
    cJSON *v = json(text);
    CHECK(nkept < 32);
    if (nkept < 32) kept[nkept++] = v;
    return v;
}

/* The bytes of a file with a NUL and a CR/LF in them. */
static const char CONTENT[] = "{\"a\":1}\r\n{\"b\":\"x\0y\"}\n";
#define CONTENT_LEN (sizeof CONTENT - 1)

static void files(void) {
    binary_t file = {(uint8_t *)CONTENT, CONTENT_LEN};
    open_ai_file_t *f = FilesAPI_createFileEx(c, &file, "d\xc3\xa9j\xc3\xa0 vu\r\n\".jsonl", "application/jsonl", "batch", NULL);
    OK();
    CHECK(f && f->id && strncmp(f->id, "file-", 5) == 0 && f->bytes == (int)CONTENT_LEN);
    CHECK(f && f->purpose == openai_api_open_ai_file_PURPOSE_batch && f->object == openai_api_open_ai_file_OBJECT_file);
    /* The filename as the form sent it: quote, CR and LF escaped. */
    CHECK(f && f->filename && strcmp(f->filename, "d\xc3\xa9j\xc3\xa0 vu%0D%0A%22.jsonl") == 0);
    char *id = f ? strdup(f->id) : NULL;
    open_ai_file_free(f);

    /* Downloaded: every byte, the NUL included, then a NUL. */
    char *text = FilesAPI_downloadFile(c, id);
    OK();
    CHECK(text && memcmp(text, CONTENT, CONTENT_LEN) == 0 && text[CONTENT_LEN] == '\0');
    free(text);
    binary_t *bytes = FilesAPI_downloadFileBinary(c, id);
    OK();
    CHECK(bytes && bytes->len == CONTENT_LEN && memcmp(bytes->data, CONTENT, CONTENT_LEN) == 0);
    if (bytes) free(bytes->data);
    free(bytes);

    open_ai_file_t *got = FilesAPI_retrieveFile(c, id);
    OK();
    CHECK(got && strcmp(got->id, id) == 0);
    open_ai_file_free(got);

    /* The drop-in call: no filename to give, so one the API takes. */
    f = FilesAPI_createFile(c, &file, openai_api_createFile_PURPOSE_fine_tune);
    OK();
    CHECK(f && f->filename && strcmp(f->filename, "upload.jsonl") == 0 && f->purpose == openai_api_open_ai_file_PURPOSE_fine_tune);
    open_ai_file_free(f);
    int limit = 10;
    list_files_response_t *all = FilesAPI_listFiles(c, "batch", &limit, openai_api_listFiles_ORDER_desc, NULL);
    OK();
    /* The batch files only, this one among them (other parts upload too). */
    int ours = 0, others = 0;
    if (all && all->data) {
        listEntry_t *e;
        list_ForEach(e, all->data) {
            open_ai_file_t *one = e->data;
            if (one->purpose != openai_api_open_ai_file_PURPOSE_batch) others++;
            if (!strcmp(one->id, id)) ours++;
        }
    }
    CHECK(ours == 1 && others == 0);
    list_files_response_free(all);

    delete_file_response_t *gone = FilesAPI_deleteFile(c, id);
    OK();
    CHECK(gone && gone->deleted && strcmp(gone->id, id) == 0);
    delete_file_response_free(gone);
    got = FilesAPI_retrieveFile(c, id);
    FAILED(got, 404, NULL);
    text = FilesAPI_downloadFile(c, id);
    CHECK(text == NULL && c->response_code == 404);
    free(id);

    /* Without its file: refused before anything is sent. */
    f = FilesAPI_createFile(c, NULL, openai_api_createFile_PURPOSE_batch);
    CHECK(f == NULL && c->response_code == 0);
    CHECK(apiClient_errorMessage(c) && strstr(apiClient_errorMessage(c), "file"));
    /* A purpose the API refuses. */
    f = FilesAPI_createFileEx(c, &file, "a.jsonl", NULL, "nonsense", NULL);
    FAILED(f, 400, "purpose");
}

static void uploads(void) {
    create_upload_request_t *req = create_upload_request_parseFromJSON(
        j("{\"filename\":\"big.jsonl\",\"purpose\":\"batch\",\"bytes\":10,\"mime_type\":\"application/jsonl\"}"));
    upload_t *u = UploadsAPI_createUpload(c, req);
    OK();
    CHECK(u && u->status == openai_api_upload_STATUS_pending && u->bytes == 10);
    char *id = u ? strdup(u->id) : NULL;
    upload_free(u);
    binary_t one = {(uint8_t *)"01234", 5}, two = {(uint8_t *)"5678\n", 5};
    upload_part_t *p2 = UploadsAPI_addUploadPart(c, id, &two);
    OK();
    upload_part_t *p1 = UploadsAPI_addUploadPartEx(c, id, &one, "part-1", "application/octet-stream");
    OK();
    CHECK(p1 && p2 && p1->upload_id && strcmp(p1->upload_id, id) == 0 && p1->object == openai_api_upload_part_OBJECT_upload_part);
    char body[200];
    snprintf(body, sizeof body, "{\"part_ids\":[\"%s\",\"%s\"]}", p1 ? p1->id : "", p2 ? p2->id : "");
    upload_part_free(p1);
    upload_part_free(p2);
    complete_upload_request_t *done = complete_upload_request_parseFromJSON(j(body));
    u = UploadsAPI_completeUpload(c, id, done);
    OK();
    CHECK(u && u->status == openai_api_upload_STATUS_completed && u->file && u->file->bytes == 10);
    char *text = u && u->file ? FilesAPI_downloadFile(c, u->file->id) : NULL;
    CHECK_STR(text, "012345678\n");
    free(text);
    upload_free(u);
    complete_upload_request_free(done);
    free(id);

    u = UploadsAPI_createUpload(c, req);
    id = u ? strdup(u->id) : NULL;
    upload_free(u);
    u = UploadsAPI_cancelUpload(c, id);
    OK();
    CHECK(u && u->status == openai_api_upload_STATUS_cancelled);
    upload_free(u);
    upload_part_t *late = UploadsAPI_addUploadPart(c, id, &one);
    FAILED(late, 400, NULL);
    free(id);
    create_upload_request_free(req);
}

static void audio(void) {
    create_speech_request_t *req = create_speech_request_parseFromJSON(j("{\"model\":\"tts-1\",\"input\":\"hello from the mock\",\"voice\":\"alloy\"}"));
    CHECK(req != NULL);
    binary_t *wav = AudioAPI_createSpeech(c, req);
    OK();
    CHECK(wav && wav->len > 44 && memcmp(wav->data, "RIFF", 4) == 0 && memcmp(wav->data + 8, "WAVE", 4) == 0);
    create_speech_request_free(req);

    /* Transcribed back: the drop-in call names the file by its bytes (a WAV). */
    create_transcription_request_model_t *whisper = create_transcription_request_model_parseFromJSON(j("\"whisper-1\""));
    create_transcription_200_response_t *t = AudioAPI_createTranscription(c, wav, whisper, "en", NULL, 0, 0, NULL);
    OK();
    CHECK_STR(t ? t->text : NULL, "hello from the mock");
    create_transcription_200_response_free(t);
    /* As text: the answer is text, not JSON; it is the struct's text. */
    t = AudioAPI_createTranscription(c, wav, whisper, NULL, NULL, openai_api_audio_response_format__text, 0, NULL);
    OK();
    CHECK_STR(t ? t->text : NULL, "hello from the mock\n");
    create_transcription_200_response_free(t);
    /* verbose_json: its duration is a number where the 2.3.0 layout has a
     * string: the struct keeps it with the members it has no field for. */
    list_t *grains = list_createList();
    list_addElement(grains, strdup("word"));
    t = AudioAPI_createTranscription(c, wav, whisper, NULL, NULL, openai_api_audio_response_format__verbose_json, 0.2, &grains);
    OK();
    CHECK(t && t->duration == NULL && t->words && t->words->count == 4 && t->segments && t->segments->count == 1);
    cJSON *duration = t && t->extra ? cJSON_GetObjectItem(t->extra, "duration") : NULL;
    CHECK(duration && cJSON_IsNumber(duration) && duration->valuedouble > 0);
    create_transcription_200_response_free(t);
    free(grains->firstEntry->data);
    list_freeList(grains);
    create_translation_200_response_t *tr = AudioAPI_createTranslation(c, wav, whisper, NULL, 0, 0);
    OK();
    CHECK_STR(tr ? tr->text : NULL, "hello from the mock");
    create_translation_200_response_free(tr);
    /* Other bytes are described. */
    binary_t noise = {(uint8_t *)"not audio at all", 16};
    t = AudioAPI_createTranscriptionEx(c, &noise, "noise.mp3", "audio/mpeg", "whisper-1", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
    OK();
    CHECK(t && t->text && strncmp(t->text, "Audio of 16 bytes", 17) == 0);
    create_transcription_200_response_free(t);
    create_transcription_request_model_free(whisper);
    whisper = create_transcription_request_model_parseFromJSON(j("\"whisper-9\""));
    t = AudioAPI_createTranscription(c, wav, whisper, NULL, NULL, 0, 0, NULL);
    FAILED(t, 404, "model");
    create_transcription_request_model_free(whisper);
    if (wav) free(wav->data);
    free(wav);
}

/* The byte at `i` of the large file: every value, NULs included. */
static uint8_t pattern(size_t i) { return (uint8_t)((i * 2654435761u) >> 13); }

struct seen {
    size_t n;
    int wrong;
    size_t stop_at; /* 0: never stop */
};

static int on_bytes(void *user, const uint8_t *data, size_t len) {
    struct seen *s = user;
    for (size_t i = 0; i < len; i++)
        if (data[i] != pattern(s->n + i)) s->wrong++;
    s->n += len;
    return s->stop_at && s->n >= s->stop_at;
}

static long max_rss_kb(void) {
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss;
}

#define BIG (50u << 20)
#define PART (BIG / 4)

/* A 50 MiB file (made of four parts of an upload) downloaded whole, and
 * handed over in pieces in flat memory; a download stopped by its callback;
 * speech handed over in pieces. */
static void downloads(void) {
    char body[400];
    snprintf(body, sizeof body, "{\"filename\":\"big.bin\",\"purpose\":\"assistants\",\"bytes\":%u,\"mime_type\":\"application/octet-stream\"}", BIG);
    create_upload_request_t *req = create_upload_request_parseFromJSON(j(body));
    upload_t *u = UploadsAPI_createUpload(c, req);
    OK();
    create_upload_request_free(req);
    char *id = u ? strdup(u->id) : NULL;
    upload_free(u);
    uint8_t *part = malloc(PART);
    char ids[4][40];
    for (unsigned p = 0; p < 4; p++) {
        for (size_t i = 0; i < PART; i++) part[i] = pattern((size_t)p * PART + i);
        binary_t b = {part, PART};
        upload_part_t *up = UploadsAPI_addUploadPart(c, id, &b);
        OK();
        snprintf(ids[p], sizeof ids[p], "%s", up ? up->id : "");
        upload_part_free(up);
    }
    free(part);
    snprintf(body, sizeof body, "{\"part_ids\":[\"%s\",\"%s\",\"%s\",\"%s\"]}", ids[0], ids[1], ids[2], ids[3]);
    complete_upload_request_t *done = complete_upload_request_parseFromJSON(j(body));
    u = UploadsAPI_completeUpload(c, id, done);
    OK();
    complete_upload_request_free(done);
    free(id);
    char *file = u && u->file ? strdup(u->file->id) : NULL;
    upload_free(u);
    CHECK(file != NULL);

    /* In pieces first: the process grows by far less than the file. */
    long before = max_rss_kb();
    struct seen s = {0, 0, 0};
    CHECK_INT(FilesAPI_downloadFileTo(c, file, on_bytes, &s), 0);
    OK();
    CHECK(s.n == BIG && s.wrong == 0);
    long grown = max_rss_kb() - before;
    if (grown > (long)(BIG / 1024 / 2)) {
        fprintf(stderr, "downloadFileTo grew the process by %ld KiB for a %u-byte file\n", grown, BIG);
        check_failures++;
    }
    /* Whole: every byte, with its length. */
    binary_t *all = FilesAPI_downloadFileBinary(c, file);
    OK();
    CHECK(all && all->len == BIG);
    size_t wrong = 0;
    for (size_t i = 0; all && i < all->len; i++) wrong += all->data[i] != pattern(i);
    CHECK(wrong == 0);
    if (all) free(all->data);
    free(all);
    /* Stopped by the callback: -1, aborted. */
    struct seen stop = {0, 0, 1 << 20};
    CHECK_INT(FilesAPI_downloadFileTo(c, file, on_bytes, &stop), -1);
    CHECK_STR(apiClient_errorType(c), "aborted");
    CHECK(stop.n >= (1u << 20) && stop.n < BIG);
    /* The client goes on: a new connection. */
    open_ai_file_t *again = FilesAPI_retrieveFile(c, file);
    OK();
    open_ai_file_free(again);
    CHECK_INT(FilesAPI_downloadFileTo(c, file, NULL, NULL), -1);
    CHECK_INT(FilesAPI_downloadFileTo(c, "file-none", on_bytes, &s), -1);
    CHECK_INT(c->response_code, 404);
    free(file);

    create_speech_request_t *speech = create_speech_request_parseFromJSON(j("{\"model\":\"tts-1\",\"input\":\"in pieces\",\"voice\":\"alloy\"}"));
    struct seen wav = {0, 0, 0};
    CHECK_INT(AudioAPI_createSpeechTo(c, speech, on_bytes, &wav), 0);
    CHECK(wav.n > 44);
    create_speech_request_free(speech);
}

/* An upload of 100 MiB: its bytes go from where the program keeps them, so
 * the process grows by far less than the file while it is sent. */
static void big_upload(void) {
    size_t n = 100u << 20;
    uint8_t *data = malloc(n);
    for (size_t i = 0; i < n; i++) data[i] = pattern(i);
    binary_t b = {data, (unsigned)n};
    long before = max_rss_kb();
    open_ai_file_t *f = FilesAPI_createFileEx(c, &b, "big.bin", "application/octet-stream", "user_data", NULL);
    long grown = max_rss_kb() - before;
    OK();
    CHECK(f && f->bytes == (int)n);
    if (grown > 16 * 1024) {
        fprintf(stderr, "an upload of %zu bytes grew the process by %ld KiB\n", n, grown);
        check_failures++;
    }
    open_ai_file_free(f);
    free(data);
}

static int is_png(const uint8_t *b, size_t n) { return n > 8 && memcmp(b, "\x89PNG\r\n\x1a\n", 8) == 0; }

static void images(void) {
    create_image_request_t *req = create_image_request_parseFromJSON(j("{\"prompt\":\"a red cube\",\"n\":2,\"response_format\":\"b64_json\"}"));
    CHECK(req != NULL);
    images_response_t *r = ImagesAPI_createImage(c, req);
    OK();
    CHECK(r && r->data && r->data->count == 2 && r->created > 0);
    image_t *first = r ? nth(r->data, 0) : NULL;
    CHECK(first && first->b64_json && first->revised_prompt && strcmp(first->revised_prompt, "a red cube") == 0);
    int n = 0;
    char *png = first && first->b64_json ? base64decode(first->b64_json, (int)strlen(first->b64_json), &n) : NULL;
    CHECK(png && is_png((uint8_t *)png, (size_t)n));
    images_response_free(r);
    create_image_request_free(req);
    req = create_image_request_parseFromJSON(j("{\"prompt\":\"a blue cube\"}"));
    r = ImagesAPI_createImage(c, req);
    OK();
    first = r ? nth(r->data, 0) : NULL;
    CHECK(first && first->url && strstr(first->url, "/__mock/images/") && first->b64_json == NULL);
    images_response_free(r);
    create_image_request_free(req);

    /* An edit and a variation of that PNG, sent as a drop-in program sends it. */
    binary_t image = {(uint8_t *)png, (unsigned)n};
    r = ImagesAPI_createImageEdit(c, &image, "make it green", NULL, NULL, NULL, 0, openai_api_createImageEdit_RESPONSEFORMAT_b64_json, NULL);
    OK();
    first = r ? nth(r->data, 0) : NULL;
    CHECK(first && first->b64_json);
    images_response_free(r);
    int two = 2;
    r = ImagesAPI_createImageVariation(c, &image, NULL, &two, 0, 0, NULL);
    OK();
    CHECK(r && r->data && r->data->count == 2);
    images_response_free(r);
    binary_t jpeg = {(uint8_t *)"\xff\xd8\xff\xe0 not a png", 14};
    r = ImagesAPI_createImageVariation(c, &jpeg, NULL, NULL, 0, 0, NULL);
    FAILED(r, 400, "image");
    free(png);
}

int main(int argc, char **argv) {
    const char *url = getenv("OPENAI_API_TEST_URL"), *key = getenv("OPENAI_API_TEST_KEY");
    if (!url || !key || argc < 2) {
        fprintf(stderr, "usage: media files|uploads|audio|images… (OPENAI_API_TEST_URL, _KEY)\n");
        return 2;
    }
    c = apiClient_create_with_base_path(url, NULL);
    c->accessToken = strdup(key);
    apiClient_setMaxRetries(c, 0);
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "files")) files();
        else if (!strcmp(argv[i], "uploads")) uploads();
        else if (!strcmp(argv[i], "audio")) audio();
        else if (!strcmp(argv[i], "images")) images();
        else if (!strcmp(argv[i], "downloads")) downloads();
        else if (!strcmp(argv[i], "bigupload")) big_upload();
        else {
            fprintf(stderr, "unknown part %s\n", argv[i]);
            check_failures++;
        }
    }
    for (int i = 0; i < nkept; i++) cJSON_Delete(kept[i]);
    apiClient_free(c);
    CHECK_DONE();
}
