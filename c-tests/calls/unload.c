/* Unloading: n cycles of dlopen(library), a client and a call, their
 * frees, dlclose (as cffi and LuaJIT load and unload a C library). Built
 * by tests/calls/c_process.rs without linking the library, run plainly, under
 * valgrind (no definite loss: nothing of the library stays behind) and
 * with ASan. Usage: unload <library> <n>; OPENAI_API_TEST_URL and
 * OPENAI_API_TEST_KEY name the mock. */
#include <dlfcn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include "../check.h"
#include "api/ProjectsAPI.h"

/* n cycles of: load the library, make a client and a call, free them,
 * unload it. */
static int unload(const char *path, int n) {
    for (int i = 0; i < n; i++) {
        void *lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
        if (!lib) {
            fprintf(stderr, "dlopen: %s\n", dlerror());
            return 1;
        }
        apiClient_t *(*create)(const char *, sslConfig_t *) =
            (apiClient_t * (*)(const char *, sslConfig_t *)) dlsym(lib, "apiClient_create_with_base_path");
        void (*client_free)(apiClient_t *) = (void (*)(apiClient_t *))dlsym(lib, "apiClient_free");
        project_list_response_t *(*list_projects)(apiClient_t *, int *, char *, int *) =
            (project_list_response_t * (*)(apiClient_t *, int *, char *, int *)) dlsym(lib, "ProjectsAPI_listProjects");
        void (*list_free)(project_list_response_t *) =
            (void (*)(project_list_response_t *))dlsym(lib, "project_list_response_free");
        CHECK(create && client_free && list_projects && list_free);
        if (!create || !client_free || !list_projects || !list_free) CHECK_DONE();
        apiClient_t *c = create(getenv("OPENAI_API_TEST_URL"), NULL);
        c->accessToken = strdup(getenv("OPENAI_API_TEST_KEY"));
        project_list_response_t *list = list_projects(c, NULL, NULL, NULL);
        CHECK(list != NULL);
        list_free(list);
        client_free(c);
        CHECK_INT(dlclose(lib), 0);
        /* Unloaded for real: nothing (a thread-local destructor, a handler)
         * keeps it mapped. */
        void *again = dlopen(path, RTLD_NOW | RTLD_NOLOAD);
        CHECK(again == NULL);
        if (again) dlclose(again);
        /* Its fork handler went with it: a fork now runs no code of the
         * unloaded library (a few cycles: a fork is slow under valgrind). */
        if (i < 3) {
            pid_t child = fork();
            if (child == 0) _exit(0);
            int status = -1;
            CHECK(child > 0 && waitpid(child, &status, 0) == child && WIFEXITED(status) && WEXITSTATUS(status) == 0);
        }
    }
    CHECK_DONE();
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: unload <library> <n>\n");
        return 2;
    }
    return unload(argv[1], atoi(argv[2]));
}
