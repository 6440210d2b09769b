/* Client settings against the mock: TCP keepalive reaches the socket,
 * verbose logging (checked by the test runner on stderr), progress_func and
 * data_callback_func called as the generated client calls them, and an
 * abort from progress_func. Environment: OPENAI_API_TEST_URL,
 * OPENAI_API_TEST_KEY, OPENAI_API_TEST_PROJECT. */
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include "api/ProjectsAPI.h"
#include "../check.h"

static const char *url, *key, *project;

static apiClient_t *client(void) {
    apiClient_t *c = apiClient_create_with_base_path(url, NULL);
    c->accessToken = strdup(key);
    return c;
}

/* The open TCP sockets of this process with keepalive on and the given
 * idle/interval timing; -1 for either means any. */
static int keepalive_sockets(int idle, int interval) {
    int n = 0;
    for (int fd = 0; fd < 1024; fd++) {
        int type = 0, on = 0, i = 0, v = 0;
        socklen_t len = sizeof type;
        if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) != 0 || type != SOCK_STREAM) continue;
        len = sizeof on;
        if (getsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on, &len) != 0 || !on) continue;
        len = sizeof i;
        getsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &i, &len);
        len = sizeof v;
        getsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &v, &len);
        if ((idle < 0 || i == idle) && (interval < 0 || v == interval)) n++;
    }
    return n;
}

static void keepalive(void) {
    apiClient_t *c = client();
    c->curlConfig->keepalive = 1;
    c->curlConfig->keepidle = 30;
    c->curlConfig->keepintvl = 7;
    for (int i = 0; i < 3; i++) {
        project_t *p = ProjectsAPI_retrieveProject(c, (char *)project);
        CHECK(p != NULL);
        project_free(p);
    }
    /* The pooled connection is still open: exactly one socket with those settings. */
    CHECK_INT(keepalive_sockets(30, 7), 1);
    apiClient_free(c);
    CHECK_INT(keepalive_sockets(30, 7), 0);

    /* Off by default. */
    c = client();
    project_free(ProjectsAPI_retrieveProject(c, (char *)project));
    CHECK_INT(c->response_code, 200);
    /* No socket of this process has SO_KEEPALIVE, whatever its timing. */
    CHECK_INT(keepalive_sockets(-1, -1), 0);
    apiClient_free(c);
}

static void verbose(void) {
    apiClient_t *c = client();
    c->curlConfig->verbose = 1;
    fprintf(stderr, "--- verbose start\n");
    project_free(ProjectsAPI_retrieveProject(c, (char *)project));
    CHECK(ProjectsAPI_retrieveProject(c, "proj_missing") == NULL);
    fprintf(stderr, "--- verbose end\n");
    apiClient_free(c);
}

struct progress { int calls; long long last_dlnow, dltotal; int stop_after; };

static int on_progress(void *data, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow) {
    struct progress *p = data;
    (void)ultotal;
    (void)ulnow;
    p->calls++;
    p->dltotal = dltotal;
    if (dlnow < p->last_dlnow) p->last_dlnow = -1; /* never goes backwards */
    else p->last_dlnow = dlnow;
    return p->stop_after && p->calls >= p->stop_after;
}

static int callbacks_seen;
static long callback_len;

static void on_data(void **data, long *len) {
    callbacks_seen++;
    callback_len = *len;
    CHECK(*data != NULL && ((char *)*data)[*len] == '\0');
}

static void callbacks(void) {
    apiClient_t *c = client();
    struct progress pr = {0, 0, 0, 0};
    c->progress_func = on_progress;
    c->progress_data = &pr;
    c->data_callback_func = on_data;
    int limit = 100;
    project_list_response_t *l = ProjectsAPI_listProjects(c, &limit, NULL, NULL);
    CHECK(l != NULL && l->data->count == 40);
    CHECK(pr.calls >= 2);
    CHECK(pr.last_dlnow > 0 && pr.last_dlnow == pr.dltotal);
    CHECK_INT(callbacks_seen, 1);
    CHECK(callback_len == pr.dltotal);
    /* The API calls leave no body behind, as in the generated client. */
    CHECK(c->dataReceived == NULL && c->dataReceivedLen == 0);
    project_list_response_free(l);

    /* A callback that stops the transfer: NULL, errorType "aborted". */
    struct progress stop = {0, 0, 0, 1};
    c->progress_data = &stop;
    CHECK(ProjectsAPI_listProjects(c, &limit, NULL, NULL) == NULL);
    CHECK_STR(apiClient_errorType(c), "aborted");
    CHECK_STR(apiClient_errorMessage(c), "aborted by progress_func");
    CHECK_INT(stop.calls, 1);

    /* apiClient_invoke keeps the body for the caller. */
    c->progress_func = NULL;
    callbacks_seen = 0;
    apiClient_invoke(c, "/organization/projects", NULL, NULL, NULL, NULL, NULL, NULL, 0, "GET");
    CHECK_INT(c->response_code, 200);
    CHECK_INT(callbacks_seen, 1);
    CHECK(c->dataReceived != NULL && c->dataReceivedLen == callback_len);
    CHECK(c->dataReceived != NULL && strstr(c->dataReceived, "\"object\":\"list\"") != NULL);
    apiClient_free(c);
}

int main(void) {
    url = getenv("OPENAI_API_TEST_URL");
    key = getenv("OPENAI_API_TEST_KEY");
    project = getenv("OPENAI_API_TEST_PROJECT");
    if (!url || !key || !project) { fprintf(stderr, "environment not set\n"); return 2; }
    keepalive();
    verbose();
    callbacks();
    CHECK_DONE();
}
