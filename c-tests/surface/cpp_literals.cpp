// C++17 passes string literals and std::string::c_str() for the calls'
// char * ids (the header's call wrappers), and every call that compiled
// before still does: char buffers, NULL, 0 and nullptr for optional
// arguments, enums by value, lambdas as walkers' visitors, a function's
// address taken and called. Built with -std=c++17 -Wall -Wextra -Werror.
// Environment: OPENAI_API_TEST_URL, OPENAI_API_TEST_KEY,
// OPENAI_API_TEST_PROJECT (a mock project whose member is user_alice).
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "api/ProjectsAPI.h"
#include "api/UsageAPI.h"
#include "api/UsersAPI.h"

#include "../check.h"

int main() {
    const char *url = std::getenv("OPENAI_API_TEST_URL"), *key = std::getenv("OPENAI_API_TEST_KEY");
    const std::string project = std::getenv("OPENAI_API_TEST_PROJECT") ? std::getenv("OPENAI_API_TEST_PROJECT") : "";
    if (!url || !key || project.empty()) return 2;
    apiClient_t *c = apiClient_create_with_base_path(url, nullptr);
    c->accessToken = strdup(key);
    apiClient_setMaxRetries(c, 0);

    // Ids: std::string::c_str(), a literal, a buffer of the program's own.
    project_t *p = ProjectsAPI_retrieveProject(c, project.c_str());
    CHECK(p && project == p->id);
    project_free(p);
    CHECK(ProjectsAPI_retrieveProject(c, "proj_missing") == nullptr && c->response_code == 404);
    std::vector<char> buffer(project.begin(), project.end());
    buffer.push_back('\0');
    p = ProjectsAPI_retrieveProject(c, buffer.data());
    CHECK(p != nullptr);
    project_free(p);
    project_user_t *u = ProjectsAPI_retrieveProjectUser(c, project.c_str(), "user_alice");
    CHECK(u && std::strcmp(u->id, "user_alice") == 0);
    project_user_free(u);

    // Optional arguments: NULL, 0, nullptr; a literal cursor.
    int limit = 1;
    project_list_response_t *page = ProjectsAPI_listProjects(c, &limit, NULL, NULL);
    CHECK(page && page->data && page->data->count == 1);
    std::string after = page && page->last_id ? page->last_id : "";
    project_list_response_free(page);
    page = ProjectsAPI_listProjects(c, nullptr, nullptr, nullptr);
    CHECK(page != nullptr);
    project_list_response_free(page);
    page = ProjectsAPI_listProjects(c, &limit, 0, 0);
    CHECK(page != nullptr);
    project_list_response_free(page);
    page = ProjectsAPI_listProjects(c, &limit, after.c_str(), nullptr);
    CHECK(page && page->data && page->data->count == 1);
    project_list_response_free(page);
    CHECK(ProjectsAPI_listProjects(c, &limit, "no_such_cursor", nullptr) == nullptr && c->response_code == 400);
    user_list_response_t *users = UsersAPI_listUsers(c, &limit, nullptr);
    CHECK(users != nullptr);
    user_list_response_free(users);

    // An enum by value and lists beside a literal page cursor.
    int start = 1735689600 - 3 * 86400;
    usage_response_t *costs = UsageAPI_usageCosts(c, &start, NULL, openai_api_usageCosts_BUCKETWIDTH__1d, NULL, NULL, &limit, NULL);
    CHECK(costs && costs->has_more && costs->next_page);
    std::string next = costs && costs->next_page ? costs->next_page : "";
    usage_response_free(costs);
    costs = UsageAPI_usageCosts(c, &start, nullptr, openai_api_usageCosts_BUCKETWIDTH__1d, nullptr, nullptr, &limit, next.c_str());
    CHECK(costs != nullptr);
    usage_response_free(costs);

    // A walker with a lambda, and an id literal.
    std::vector<std::string> seen;
    int n = ProjectsAPI_forEachProjectUser(
        c, project.c_str(), &limit,
        [](project_user_t *member, void *data) -> int {
            static_cast<std::vector<std::string> *>(data)->emplace_back(member->id);
            return 0;
        },
        &seen);
    CHECK(n == 1 && seen.size() == 1 && seen[0] == "user_alice");

    // The function itself: its address, a pointer to it, a call through it.
    auto retrieve = &ProjectsAPI_retrieveProject;
    project_t *(*same)(apiClient_t *, char *) = ProjectsAPI_retrieveProject;
    CHECK(retrieve == same);
    p = retrieve(c, buffer.data());
    CHECK(p != nullptr);
    project_free(p);

    apiClient_free(c);
    CHECK_DONE();
}
