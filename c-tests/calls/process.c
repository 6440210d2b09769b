/* What a process does around the library, one case per run (argv[1]), run
 * by tests/calls/c_process.rs plainly, under valgrind and with ASan/UBSan:
 *   signal_silent <period_us>  a server that never answers, a repeating
 *                              SIGALRM: the call ends within its limit
 *   signal_calls               calls under a 1 ms SIGALRM all succeed
 *   fork                       parent and child retrieve concurrently
 *   cancel                     pthread_cancel of a thread inside a call
 *   not_openai                 a 404 page that is not OpenAI's: the error
 *                              names the method and the URL
 *   misuse                     a second apiClient_free, a free from a
 *                              walker's visit, a data callback's length
 *                              past its buffer
 * OPENAI_API_TEST_URL and OPENAI_API_TEST_KEY name the mock. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <time.h>
#include <unistd.h>

#include "../check.h"
#include "api/ProjectsAPI.h"

static long now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000L + t.tv_nsec / 1000000L;
}

static void sleep_ms(long ms) {
    struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&t, &t) != 0 && errno == EINTR) {
    }
}

static apiClient_t *client(void) {
    apiClient_t *c = apiClient_create_with_base_path(getenv("OPENAI_API_TEST_URL"), NULL);
    c->accessToken = strdup(getenv("OPENAI_API_TEST_KEY"));
    return c;
}

static volatile sig_atomic_t ticks = 0;
static void on_alarm(int sig) {
    (void)sig;
    ticks++;
}

/* A repeating SIGALRM every `period_us`, its handler installed without
 * SA_RESTART (as a profiler's or a timer's often is). */
static void tick_every(long period_us) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGALRM, &sa, NULL);
    struct itimerval it;
    it.it_interval.tv_sec = period_us / 1000000;
    it.it_interval.tv_usec = period_us % 1000000;
    it.it_value = it.it_interval;
    setitimer(ITIMER_REAL, &it, NULL);
}

static void stop_ticks(void) {
    struct itimerval it;
    memset(&it, 0, sizeof it);
    setitimer(ITIMER_REAL, &it, NULL);
}

/* A port that accepts connections (the kernel completes them) and never
 * answers: nothing calls accept(). */
static int silent_server(int *port) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd, (struct sockaddr *)&a, sizeof a);
    listen(fd, 16);
    socklen_t len = sizeof a;
    getsockname(fd, (struct sockaddr *)&a, &len);
    *port = ntohs(a.sin_port);
    return fd;
}

/* A client of a silent server (its socket in *fd), with a request limit
 * of `limit_ms` and no retries. */
static apiClient_t *silent_client(int *fd, long limit_ms) {
    int port;
    *fd = silent_server(&port);
    char url[64];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/v1", port);
    apiClient_t *c = apiClient_create_with_base_path(url, NULL);
    c->accessToken = strdup("sk-test");
    apiClient_setTimeouts(c, 1000, limit_ms);
    apiClient_setMaxRetries(c, 0);
    return c;
}

static int signal_silent(long period_us) {
    int fd;
    apiClient_t *c = silent_client(&fd, 2000);
    tick_every(period_us);
    long t0 = now_ms();
    project_t *p = ProjectsAPI_retrieveProject(c, "proj_1");
    long elapsed = now_ms() - t0;
    stop_ticks();
    CHECK(p == NULL);
    CHECK_STR(apiClient_errorType(c), "timeout");
    CHECK(ticks > 0);
    printf("elapsed %ld\n", elapsed);
    apiClient_free(c);
    close(fd);
    CHECK_DONE();
}

static int signal_calls(void) {
    apiClient_t *c = client();
    project_list_response_t *list = ProjectsAPI_listProjects(c, NULL, NULL, NULL);
    CHECK(list != NULL && list->data != NULL && list->data->firstEntry != NULL);
    if (!list || !list->data || !list->data->firstEntry) CHECK_DONE();
    char *id = strdup(((project_t *)list->data->firstEntry->data)->id);
    project_list_response_free(list);
    tick_every(1000);
    int ok = 0;
    for (int i = 0; i < 100; i++) {
        project_t *p = ProjectsAPI_retrieveProject(c, id);
        if (p && strcmp(p->id, id) == 0) ok++;
        else fprintf(stderr, "call %d: %s\n", i, apiClient_errorMessage(c));
        project_free(p);
    }
    stop_ticks();
    CHECK_INT(ok, 100);
    CHECK(ticks > 0);
    free(id);
    apiClient_free(c);
    CHECK_DONE();
}

/* Retrieves `id` `n` times; how many answers were another project. */
static int wrong_answers(apiClient_t *c, const char *id, int n) {
    int wrong = 0;
    for (int i = 0; i < n; i++) {
        project_t *p = ProjectsAPI_retrieveProject(c, (char *)id);
        if (!p) {
            fprintf(stderr, "%d: retrieve %s failed: %s\n", (int)getpid(), id, apiClient_errorMessage(c));
            wrong++;
        } else if (strcmp(p->id, id) != 0) {
            fprintf(stderr, "%d: asked for %s, got %s\n", (int)getpid(), id, p->id);
            wrong++;
        }
        project_free(p);
    }
    return wrong;
}

static int fork_case(void) {
    apiClient_t *c = client();
    CHECK_INT(apiClient_setHeader(c, "X-Process", "parent"), 0);
    project_list_response_t *list = ProjectsAPI_listProjects(c, NULL, NULL, NULL);
    CHECK(list && list->data && list->data->count >= 2);
    if (!list || !list->data || list->data->count < 2) CHECK_DONE();
    char *mine = strdup(((project_t *)list->data->firstEntry->data)->id);
    char *theirs = strdup(((project_t *)list->data->firstEntry->nextListEntry->data)->id);
    project_list_response_free(list);
    /* The connection is kept alive: the fork happens with it open. */
    CHECK_INT(wrong_answers(c, mine, 5), 0);
    fflush(NULL);
    pid_t child = fork();
    if (child == 0) {
        apiClient_setHeader(c, "X-Process", "child");
        int wrong = wrong_answers(c, theirs, 300);
        apiClient_free(c);
        free(mine);
        free(theirs);
        _exit(wrong == 0 ? 0 : 1);
    }
    int wrong = wrong_answers(c, mine, 300);
    int status = 0;
    waitpid(child, &status, 0);
    CHECK_INT(wrong, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    /* After the child has gone (and closed its own connection), the
     * parent's client still works. */
    CHECK_INT(wrong_answers(c, mine, 5), 0);
    free(mine);
    free(theirs);
    apiClient_free(c);
    CHECK_DONE();
}

static volatile int cancel_started = 0;

static void *blocked_call(void *arg) {
    apiClient_t *c = arg;
    cancel_started = 1;
    project_t *p = ProjectsAPI_retrieveProject(c, "proj_1");
    /* The call ended (its time limit) with the cancellation pending: the
     * next cancellation point ends the thread. */
    project_free(p);
    pthread_testcancel();
    return (void *)1;
}

static int cancel_case(void) {
    int fd;
    apiClient_t *c = silent_client(&fd, 1500);
    pthread_t t;
    pthread_create(&t, NULL, blocked_call, c);
    while (!cancel_started) sleep_ms(1);
    sleep_ms(300);
    CHECK_INT(pthread_cancel(t), 0);
    void *result = NULL;
    CHECK_INT(pthread_join(t, &result), 0);
    CHECK(result == PTHREAD_CANCELED);
    /* Nothing was left held: the client takes another call at once (not
     * refused as busy) and can be freed. */
    project_t *p = ProjectsAPI_retrieveProject(c, "proj_1");
    CHECK(p == NULL);
    CHECK_STR(apiClient_errorType(c), "timeout");
    apiClient_free(c);
    close(fd);
    CHECK_DONE();
}

static apiClient_t *walked;
static int freed_in_visit = 0;

static int free_in_visit(project_t *p, void *data) {
    (void)p;
    (void)data;
    /* Refused: the walk is still using the client. */
    apiClient_free(walked);
    freed_in_visit++;
    return 0;
}

static int frees_its_client(void *data, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow) {
    (void)dltotal;
    (void)dlnow;
    (void)ultotal;
    (void)ulnow;
    /* Refused: the call is still using the client. */
    apiClient_free((apiClient_t *)data);
    return 0;
}

static void long_length(void **data, long *len) {
    (void)data;
    *len += 1 << 20;
}

static int misuse(void) {
    /* A second apiClient_free of the same client does nothing. */
    apiClient_t *c = client();
    apiClient_free(c);
    apiClient_free(c);

    /* A free from inside a walker's visit is refused; the walk goes on. */
    walked = client();
    int n = ProjectsAPI_forEachProject(walked, NULL, NULL, free_in_visit, NULL);
    CHECK(n >= 2);
    CHECK_INT(freed_in_visit, n);
    project_list_response_t *list = ProjectsAPI_listProjects(walked, NULL, NULL, NULL);
    CHECK(list != NULL);
    project_list_response_free(list);

    /* A free from inside a callback of a call on the client is refused;
     * the call goes on. */
    walked->progress_func = frees_its_client;
    walked->progress_data = walked;
    list = ProjectsAPI_listProjects(walked, NULL, NULL, NULL);
    CHECK(list != NULL);
    project_list_response_free(list);
    walked->progress_func = NULL;

    /* A data callback that claims more bytes than the buffer holds. */
    walked->data_callback_func = long_length;
    list = ProjectsAPI_listProjects(walked, NULL, NULL, NULL);
    CHECK(list == NULL);
    CHECK_STR(apiClient_errorType(walked), "invalid_argument");
    CHECK(apiClient_errorMessage(walked) && strstr(apiClient_errorMessage(walked), "data_callback_func"));
    walked->data_callback_func = NULL;
    apiClient_free(walked);
    CHECK_DONE();
}

/* An answer that is not OpenAI's (a proxy's or another server's 404 page):
 * the error names the method, the URL without its query, and the status. */
static int not_openai(void) {
    apiClient_t *c = client();
    apiClient_setMaxRetries(c, 0);
    int limit = 2;
    project_list_response_t *list = ProjectsAPI_listProjects(c, &limit, "cursor_secret_value", NULL);
    CHECK(list == NULL);
    const char *m = apiClient_errorMessage(c);
    char want[256];
    snprintf(want, sizeof want, "HTTP 404 without an OpenAI error body from GET %s/organization/projects", getenv("OPENAI_API_TEST_URL"));
    CHECK(m && strstr(m, want) != NULL);
    CHECK(m && strstr(m, "content-type text/html") != NULL);
    CHECK(m && strstr(m, "cursor_secret_value") == NULL && strstr(m, getenv("OPENAI_API_TEST_KEY")) == NULL);
    if (m) printf("message %s\n", m);
    apiClient_free(c);
    CHECK_DONE();
}

int main(int argc, char **argv) {
    const char *which = argc > 1 ? argv[1] : "";
    if (strcmp(which, "signal_silent") == 0 && argc > 2) return signal_silent(atol(argv[2]));
    if (strcmp(which, "signal_calls") == 0) return signal_calls();
    if (strcmp(which, "fork") == 0) return fork_case();
    if (strcmp(which, "cancel") == 0) return cancel_case();
    if (strcmp(which, "misuse") == 0) return misuse();
    if (strcmp(which, "not_openai") == 0) return not_openai();
    fprintf(stderr, "no such case: %s\n", which);
    return 2;
}
