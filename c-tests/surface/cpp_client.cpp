// A C++17 program using the C API as C++ code bases do: it calls the
// functions, walks lists (by hand and with ProjectsAPI_forEachProject),
// copies results into std::string and frees them. Environment:
// OPENAI_API_TEST_URL, OPENAI_API_TEST_KEY.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "api/ProjectsAPI.h"

static int failures = 0;
#define EXPECT(cond)                                                      \
    do {                                                                  \
        if (!(cond)) {                                                    \
            std::fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, #cond); \
            failures++;                                                   \
        }                                                                 \
    } while (0)

int main() {
    const char *url = std::getenv("OPENAI_API_TEST_URL");
    const char *key = std::getenv("OPENAI_API_TEST_KEY");
    if (!url || !key) return 2;

    apiClient_t *client = apiClient_create_with_base_path(url, nullptr);
    client->accessToken = strdup(key);

    std::vector<std::string> created;
    for (const char *name : {"C++ one", "C++ two", "C++ three"}) {
        project_create_request_t *req = project_create_request_create(strdup(name));
        project_t *p = ProjectsAPI_createProject(client, req);
        project_create_request_free(req);
        EXPECT(p != nullptr);
        if (p) created.emplace_back(p->id);
        project_free(p);
    }

    // Page by page, by hand.
    std::vector<std::string> names;
    int limit = 2;
    std::string after;
    for (int guard = 0;; guard++) {
        if (guard == 50) {
            EXPECT(!"paging ended within 50 pages");
            break;
        }
        project_list_response_t *page =
            ProjectsAPI_listProjects(client, &limit, after.empty() ? nullptr : after.data(), nullptr);
        EXPECT(page != nullptr);
        if (!page) break;
        listEntry_t *e = nullptr;
        list_ForEach(e, page->data) {
            auto *p = static_cast<project_t *>(e->data);
            names.emplace_back(p->name);
        }
        bool more = page->has_more && page->last_id;
        if (more) after = page->last_id;
        project_list_response_free(page);
        if (!more) break;
    }
    EXPECT(names.size() == 3);
    EXPECT(names.size() == 3 && names[2] == "C++ three");

    // The same with the walker and a lambda.
    std::vector<std::string> walked;
    int n = ProjectsAPI_forEachProject(
        client, &limit, nullptr,
        [](project_t *p, void *data) -> int {
            static_cast<std::vector<std::string> *>(data)->emplace_back(p->name);
            return 0;
        },
        &walked);
    EXPECT(n == 3);
    EXPECT(walked == names);

    // An error, read through the error API.
    project_t *missing = ProjectsAPI_retrieveProject(client, const_cast<char *>("proj_missing"));
    EXPECT(missing == nullptr);
    EXPECT(client->response_code == 404);
    const char *message = apiClient_errorMessage(client);
    EXPECT(message && std::string(message).find("proj_missing") != std::string::npos);

    apiClient_free(client);
    if (failures) return 1;
    std::puts("all checks passed");
    return 0;
}
