/* What the library believes of the program's memory: nothing it did not
 * record itself.
 * - Requests the program built (stack or malloc, every byte set to garbage
 *   first, `_library_owned` 0, 1, -1 or random) of every model with private
 *   members: sent with their seed members only (the runner reads the wire),
 *   refused by the setters, never freed by `_free`; nothing is read or
 *   written outside them (valgrind, ASan).
 * - Clients the program allocated (stack, calloc) make calls; memory reused
 *   for another client inherits nothing (the runner checks the wire).
 * - A call that starts while another runs on the same client (another
 *   thread, or a callback of that call) is refused at once with
 *   "client_busy", and the running call is untouched.
 * Environment: OPENAI_API_TEST_URL, OPENAI_API_TEST_KEY,
 * OPENAI_API_TEST_PROJECT (an existing project with member user_alice). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "api/ProjectsAPI.h"
#include "../check.h"

static const char *url, *key, *project;
static const int owned_values[] = {0, 1, -1, 0x5a5a5a5a};
#define OWNED_COUNT (int)(sizeof owned_values / sizeof owned_values[0])

static apiClient_t *client(void) {
    apiClient_t *c = apiClient_create_with_base_path(url, NULL);
    c->accessToken = strdup(key);
    return c;
}

/* Fills `size` bytes with garbage (as stale stack or heap memory holds). */
static void garbage(void *p, size_t size, unsigned seed) {
    unsigned char *b = p;
    for (size_t i = 0; i < size; i++) b[i] = (unsigned char)(0xA5 ^ (seed * 31 + i * 7));
}

/* One request of each model with private members, built by the program in
 * `mem` (stack or malloc), sent, offered to the setters and to `_free`. */
static void program_built(apiClient_t *c, int owned, int on_heap) {
    char name[64];
    snprintf(name, sizeof name, "trust %d %s", owned, on_heap ? "heap" : "stack");
    project_create_request_t s_pc, *pc = on_heap ? malloc(sizeof *pc) : &s_pc;
    project_update_request_t s_pu, *pu = on_heap ? malloc(sizeof *pu) : &s_pu;
    project_user_create_request_t s_uc, *uc = on_heap ? malloc(sizeof *uc) : &s_uc;
    project_user_update_request_t s_uu, *uu = on_heap ? malloc(sizeof *uu) : &s_uu;
    project_service_account_create_request_t s_sa, *sa = on_heap ? malloc(sizeof *sa) : &s_sa;
    garbage(pc, sizeof *pc, 1);
    garbage(pu, sizeof *pu, 2);
    garbage(uc, sizeof *uc, 3);
    garbage(uu, sizeof *uu, 4);
    garbage(sa, sizeof *sa, 5);
    pc->name = name;
    pc->_library_owned = owned;
    pu->name = name;
    pu->_library_owned = owned;
    uc->user_id = "user_alice";
    uc->role = openai_api_project_user_create_request_ROLE_owner;
    uc->_library_owned = owned;
    uu->role = openai_api_project_user_update_request_ROLE_member;
    uu->_library_owned = owned;
    sa->name = name;
    sa->_library_owned = owned;

    /* The setters refuse: the struct has no private members. */
    CHECK_INT(project_create_request_set_residency(pc, "EU"), -1);
    CHECK_INT(project_create_request_set_external_key_id(pc, "key"), -1);
    CHECK_INT(project_update_request_set_external_key_id(pu, "key"), -1);
    CHECK_INT(project_user_create_request_set_email(uc, "x@example.com"), -1);
    CHECK_INT(project_user_create_request_set_role_string(uc, "custom"), -1);
    CHECK_INT(project_user_update_request_set_role_string(uu, "custom"), -1);
    CHECK_INT(project_service_account_create_request_set_create_service_account_only(sa, 1), -1);
    CHECK(pc->name == name && pu->name == name && sa->name == name);

    project_t *made = ProjectsAPI_createProject(c, pc);
    CHECK(made != NULL);
    if (made) {
        CHECK_STR(made->name, name);
        project_t *changed = ProjectsAPI_modifyProject(c, made->id, pu);
        CHECK(changed != NULL);
        project_free(changed);
    }
    project_free(made);
    /* Answers do not matter here (alice is a member already); the wire does. */
    project_user_free(ProjectsAPI_createProjectUser(c, (char *)project, uc));
    project_user_free(ProjectsAPI_modifyProjectUser(c, (char *)project, "user_alice", uu));
    project_service_account_create_response_t *r = ProjectsAPI_createProjectServiceAccount(c, (char *)project, sa);
    CHECK(r != NULL);
    project_service_account_create_response_free(r);

    /* `_free` frees nothing of a program's struct, whatever `_library_owned`
     * says (the library freeing them would be a double free below). */
    project_create_request_free(pc);
    project_update_request_free(pu);
    project_user_create_request_free(uc);
    project_user_update_request_free(uu);
    project_service_account_create_request_free(sa);
    CHECK(pc->name == name && sa->name == name);
    if (on_heap) {
        free(pc);
        free(pu);
        free(uc);
        free(uu);
        free(sa);
    }
}

/* A library-made request still carries its private members. */
static void library_made(apiClient_t *c) {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    project_create_request_t *pc = project_create_request_create(strdup("trust library"));
#pragma GCC diagnostic pop
    pc->_library_owned = 0x5a5a5a5a; /* the program's to write: changes nothing but _free */
    CHECK_INT(project_create_request_set_residency(pc, "EU_STORAGE_PROCESSING"), 0);
    project_t *made = ProjectsAPI_createProject(c, pc);
    CHECK(made != NULL);
    project_free(made);
    /* `_library_owned` is not 1: _free keeps it (as the generated client). */
    project_create_request_free(pc);
    pc->_library_owned = 1;
    project_create_request_free(pc);
}

/* A client on the stack, zeroed, set by hand; `tag` marks its requests.
 * `keep_base` leaves basePath allocated (the next client gets another). */
static void stack_client(const char *tag, int set_header, int release, char **keep_base) {
    apiClient_t c = {0};
    c.basePath = strdup(url);
    c.accessToken = strdup(key);
    if (set_header) CHECK_INT(apiClient_setHeader(&c, "X-Trust-Setting", tag), 0);
    CHECK_INT(apiClient_setHeader(&c, "X-Trust-Client", tag), 0);
    for (int i = 0; i < 2; i++) {
        project_t *p = ProjectsAPI_retrieveProject(&c, (char *)project);
        CHECK(p != NULL);
        CHECK_INT(c.response_code, 200);
        project_free(p);
    }
    CHECK(ProjectsAPI_retrieveProject(&c, "proj_missing") == NULL);
    CHECK_INT(c.response_code, 404);
    CHECK(apiClient_errorMessage(&c) != NULL);
    if (release) apiClient_release(&c);
    free(c.accessToken);
    if (keep_base) *keep_base = c.basePath;
    else free(c.basePath);
}

static void calloc_client(void) {
    apiClient_t *c = calloc(1, sizeof *c);
    c->basePath = strdup(url);
    c->accessToken = strdup(key);
    CHECK_INT(apiClient_setHeader(c, "X-Trust-Client", "calloc"), 0);
    int limit = 2;
    project_list_response_t *l = ProjectsAPI_listProjects(c, &limit, NULL, NULL);
    CHECK(l != NULL);
    project_list_response_free(l);
    apiClient_free(c); /* frees the struct too, as the generated client */
}

/* Two threads, one client: B calls while A's call is running. */
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int stage; /* 1: A is inside its call; 2: B is done */
static apiClient_t *shared;
static int inner_refused;

static int progress(void *data, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow) {
    (void)data; (void)dltotal; (void)dlnow; (void)ultotal; (void)ulnow;
    if (stage != 0) return 0;
    /* A callback calling the library with its own client is refused too. */
    project_t *p = ProjectsAPI_retrieveProject(shared, (char *)project);
    inner_refused = p == NULL && apiClient_errorCode(shared) == OPENAI_API_ERROR_BUSY;
    project_free(p);
    pthread_mutex_lock(&mu);
    stage = 1;
    pthread_cond_broadcast(&cv);
    while (stage != 2) pthread_cond_wait(&cv, &mu);
    pthread_mutex_unlock(&mu);
    return 0;
}

static void *caller_a(void *arg) {
    project_t **out = arg;
    *out = ProjectsAPI_retrieveProject(shared, (char *)project);
    return NULL;
}

static void one_client_two_threads(void) {
    shared = client();
    shared->progress_func = progress;
    pthread_t a;
    project_t *a_result = NULL;
    CHECK(pthread_create(&a, NULL, caller_a, &a_result) == 0);
    pthread_mutex_lock(&mu);
    while (stage != 1) pthread_cond_wait(&cv, &mu);
    pthread_mutex_unlock(&mu);
    /* B: refused at once, nothing sent. */
    project_t *b = ProjectsAPI_retrieveProject(shared, (char *)project);
    CHECK(b == NULL);
    CHECK_STR(apiClient_errorType(shared), "client_busy");
    CHECK_INT(apiClient_errorCode(shared), OPENAI_API_ERROR_BUSY);
    CHECK(apiClient_errorMessage(shared) && strstr(apiClient_errorMessage(shared), "another call is running"));
    CHECK(ProjectsAPI_forEachProject(shared, NULL, NULL, NULL, NULL) == -1);
    pthread_mutex_lock(&mu);
    stage = 2;
    pthread_cond_broadcast(&cv);
    pthread_mutex_unlock(&mu);
    pthread_join(a, NULL);
    /* A's call went on as if nothing happened. */
    CHECK(a_result != NULL);
    if (a_result) CHECK_STR(a_result->id, project);
    project_free(a_result);
    CHECK_INT(shared->response_code, 200);
    CHECK(inner_refused);
    /* On B the refusal stands until B's next call on the client. */
    CHECK_STR(apiClient_errorType(shared), "client_busy");
    project_t *again = ProjectsAPI_retrieveProject(shared, (char *)project);
    CHECK(again != NULL);
    CHECK(apiClient_errorType(shared) == NULL);
    project_free(again);
    apiClient_free(shared);
}

int main(void) {
    url = getenv("OPENAI_API_TEST_URL");
    key = getenv("OPENAI_API_TEST_KEY");
    project = getenv("OPENAI_API_TEST_PROJECT");
    if (!url || !key || !project) { fprintf(stderr, "environment not set\n"); return 2; }

    apiClient_t *c = client();
    for (int i = 0; i < OWNED_COUNT; i++) {
        program_built(c, owned_values[i], 0);
        program_built(c, owned_values[i], 1);
    }
    library_made(c);
    apiClient_free(c);

    /* The first stack client is not released and keeps its basePath: the
     * next one in the same memory must still start afresh. */
    char *first_base = NULL;
    stack_client("first", 1, 0, &first_base);
    stack_client("second", 0, 1, NULL);
    free(first_base);
    calloc_client();
    one_client_two_threads();
    CHECK_DONE();
}
