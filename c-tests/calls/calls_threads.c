/* Eight threads, each with its own client, make 200 calls each against the
 * mock at the same time: no call may fail. Environment: OPENAI_API_TEST_URL,
 * OPENAI_API_TEST_KEY, OPENAI_API_TEST_PROJECT (an existing project id). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "api/ProjectsAPI.h"
#include "../check.h"

#define THREADS 8
#define CALLS 200

static const char *url, *key, *project;

static void *worker(void *arg) {
    long *failures = arg;
    apiClient_t *c = apiClient_create_with_base_path(url, NULL);
    c->accessToken = strdup(key);
    int limit = 5;
    for (int i = 0; i < CALLS; i++) {
        if (i % 2 == 0) {
            project_t *p = ProjectsAPI_retrieveProject(c, (char *)project);
            if (!p || strcmp(p->id, project) != 0) (*failures)++;
            project_free(p);
        } else {
            project_list_response_t *l = ProjectsAPI_listProjects(c, &limit, NULL, NULL);
            if (!l || l->data->count != 5) (*failures)++;
            project_list_response_free(l);
        }
        if (c->response_code != 200 || apiClient_errorMessage(c) != NULL) {
            fprintf(stderr, "call %d: %ld %s\n", i, c->response_code, apiClient_errorMessage(c) ? apiClient_errorMessage(c) : "");
            (*failures)++;
        }
    }
    apiClient_free(c);
    return NULL;
}

int main(void) {
    url = getenv("OPENAI_API_TEST_URL");
    key = getenv("OPENAI_API_TEST_KEY");
    project = getenv("OPENAI_API_TEST_PROJECT");
    if (!url || !key || !project) { fprintf(stderr, "environment not set\n"); return 2; }
    pthread_t t[THREADS];
    long failures[THREADS] = {0};
    for (int i = 0; i < THREADS; i++) CHECK(pthread_create(&t[i], NULL, worker, &failures[i]) == 0);
    for (int i = 0; i < THREADS; i++) {
        pthread_join(t[i], NULL);
        CHECK_INT(failures[i], 0);
    }
    CHECK_DONE();
}
