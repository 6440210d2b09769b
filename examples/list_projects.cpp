// The C API from C++17: list every project with the walker and a lambda,
// retrieve one by a std::string id, and read why a call failed.
//
//   list_projects_cpp [PROJECT_ID]
//
// The key comes from OPENAI_ADMIN_KEY and the server from OPENAI_BASE_URL
// (default https://api.openai.com/v1).
#include <cstdio>
#include <string>
#include <vector>

#include "api/ProjectsAPI.h"

int main(int argc, char **argv) {
    apiClient_t *client = apiClient_create();

    // Every project, page after page; each item is the library's while the
    // lambda runs, so it copies what it keeps.
    std::vector<std::string> names;
    int limit = 100;
    int n = ProjectsAPI_forEachProject(
        client, &limit, nullptr,
        [](project_t *p, void *data) -> int {
            static_cast<std::vector<std::string> *>(data)->emplace_back(p->name ? p->name : "-");
            return 0;  // go on
        },
        &names);
    if (n < 0) {
        std::fprintf(stderr, "listing failed: %s\n", apiClient_errorMessage(client));
        apiClient_free(client);
        return 1;
    }
    std::printf("%d projects:", n);
    for (const auto &name : names) std::printf(" [%s]", name.c_str());
    std::printf("\n");

    // From C++17 a call takes string literals and std::string::c_str() for its ids.
    std::string id = argc > 1 ? argv[1] : "proj_missing";
    project_t *p = ProjectsAPI_retrieveProject(client, id.c_str());
    if (p) {
        std::printf("%s: %s\n", p->id, p->name ? p->name : "-");
    } else {
        std::printf("%s: HTTP %ld, %s\n", id.c_str(), client->response_code, apiClient_errorMessage(client));
    }
    project_free(p);
    apiClient_free(client);
    return 0;
}
