/* A stream of a million events in flat memory: ChatAPI_createChatCompletionStream
 * against a server that sends them as fast as it can (the test's). The
 * process's resident memory after the first 10,000 events is its most
 * until the end, within 4 MiB.
 * Environment: OPENAI_API_TEST_URL, OPENAI_API_TEST_KEY, STREAM_EVENTS (how
 * many events the server sends). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "api/ChatAPI.h"
#include "../calls.h"

static long rss_kb(void) {
    FILE *f = fopen("/proc/self/statm", "r");
    long pages = 0, resident = 0;
    if (f) {
        if (fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
        fclose(f);
    }
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

struct seen {
    long events, chars, settled_kb, most_kb;
};

static int on_chunk(void *user, create_chat_completion_stream_response_t *chunk) {
    struct seen *s = user;
    s->events++;
    create_chat_completion_stream_response_choices_inner_t *ch = chunk ? nth(chunk->choices, 0) : NULL;
    if (ch && ch->delta && ch->delta->content) s->chars += (long)strlen(ch->delta->content);
    if (s->events == 10000) s->settled_kb = rss_kb();
    if (s->events > 10000 && s->events % 50000 == 0) {
        long now = rss_kb();
        if (now > s->most_kb) s->most_kb = now;
    }
    return 0;
}

int main(void) {
    const char *url = getenv("OPENAI_API_TEST_URL"), *key = getenv("OPENAI_API_TEST_KEY"), *n = getenv("STREAM_EVENTS");
    if (!url || !key || !n) {
        fprintf(stderr, "set OPENAI_API_TEST_URL, OPENAI_API_TEST_KEY and STREAM_EVENTS\n");
        return 2;
    }
    long want = atol(n);
    c = apiClient_create_with_base_path(url, NULL);
    c->accessToken = strdup(key);
    cJSON *j = json("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"go on\"}]}");
    create_chat_completion_request_t *req = create_chat_completion_request_parseFromJSON(j);
    cJSON_Delete(j);
    struct seen s = {0};
    CHECK_INT(ChatAPI_createChatCompletionStream(c, req, on_chunk, &s), 0);
    if (apiClient_errorMessage(c)) fprintf(stderr, "    (the error: %s)\n", apiClient_errorMessage(c));
    CHECK(s.events == want && s.chars == want);
    printf("events %ld, resident after 10,000: %ld KiB, most after: %ld KiB\n", s.events, s.settled_kb, s.most_kb);
    CHECK(s.settled_kb > 0 && s.most_kb - s.settled_kb < 4096);
    create_chat_completion_request_free(req);
    apiClient_free(c);
    CHECK_DONE();
}
