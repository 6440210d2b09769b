/* The 19 calls without a server: NULL arguments never crash and send
 * nothing; a refused connection gives NULL, response_code 0 and a clear
 * error through the error API. */
#include <stdlib.h>
#include <string.h>
#include "api/ProjectsAPI.h"
#include "../check.h"

#define EXPECT_INVALID(c, expr) do { \
    CHECK((expr) == NULL); CHECK_INT((c)->response_code, 0); \
    CHECK_STR(apiClient_errorType(c), "invalid_argument"); } while (0)

int main(void) {
    int limit = 2, yes = 1;
    project_create_request_t *create = project_create_request_create(strdup("p"));
    project_update_request_t *update = project_update_request_create(strdup("q"));
    project_user_create_request_t *ucreate = project_user_create_request_create(strdup("u"), openai_api_project_user_create_request_ROLE_owner);
    project_user_update_request_t *uupdate = project_user_update_request_create(openai_api_project_user_update_request_ROLE_member);
    project_service_account_create_request_t *screate = project_service_account_create_request_create(strdup("s"));
    project_rate_limit_update_request_t *rl = project_rate_limit_update_request_create(1, 0, 0, 0, 0, 0);

    /* A NULL client: every call returns NULL. */
    CHECK(ProjectsAPI_archiveProject(NULL, "p") == NULL);
    CHECK(ProjectsAPI_createProject(NULL, create) == NULL);
    CHECK(ProjectsAPI_createProjectServiceAccount(NULL, "p", screate) == NULL);
    CHECK(ProjectsAPI_createProjectUser(NULL, "p", ucreate) == NULL);
    CHECK(ProjectsAPI_deleteProjectApiKey(NULL, "p", "k") == NULL);
    CHECK(ProjectsAPI_deleteProjectServiceAccount(NULL, "p", "s") == NULL);
    CHECK(ProjectsAPI_deleteProjectUser(NULL, "p", "u") == NULL);
    CHECK(ProjectsAPI_listProjectApiKeys(NULL, "p", &limit, NULL) == NULL);
    CHECK(ProjectsAPI_listProjectRateLimits(NULL, "p", &limit, NULL, NULL) == NULL);
    CHECK(ProjectsAPI_listProjectServiceAccounts(NULL, "p", &limit, NULL) == NULL);
    CHECK(ProjectsAPI_listProjectUsers(NULL, "p", &limit, NULL) == NULL);
    CHECK(ProjectsAPI_listProjects(NULL, &limit, NULL, &yes) == NULL);
    CHECK(ProjectsAPI_modifyProject(NULL, "p", update) == NULL);
    CHECK(ProjectsAPI_modifyProjectUser(NULL, "p", "u", uupdate) == NULL);
    CHECK(ProjectsAPI_retrieveProject(NULL, "p") == NULL);
    CHECK(ProjectsAPI_retrieveProjectApiKey(NULL, "p", "k") == NULL);
    CHECK(ProjectsAPI_retrieveProjectServiceAccount(NULL, "p", "s") == NULL);
    CHECK(ProjectsAPI_retrieveProjectUser(NULL, "p", "u") == NULL);
    CHECK(ProjectsAPI_updateProjectRateLimits(NULL, "p", "r", rl) == NULL);
    CHECK(apiClient_errorMessage(NULL) == NULL);
    apiClient_invoke(NULL, "/x", NULL, NULL, NULL, NULL, NULL, NULL, 0, "GET");

    /* Port 1 on loopback: nothing listens, so a request would be refused;
     * these fail before any request because an argument is NULL. */
    apiClient_t *c = apiClient_create_with_base_path("http://127.0.0.1:1/v1", NULL);
    c->accessToken = strdup("sk-test-secret");
    EXPECT_INVALID(c, ProjectsAPI_archiveProject(c, NULL));
    EXPECT_INVALID(c, ProjectsAPI_createProject(c, NULL));
    EXPECT_INVALID(c, ProjectsAPI_createProjectServiceAccount(c, NULL, screate));
    EXPECT_INVALID(c, ProjectsAPI_createProjectServiceAccount(c, "p", NULL));
    EXPECT_INVALID(c, ProjectsAPI_createProjectUser(c, "p", NULL));
    EXPECT_INVALID(c, ProjectsAPI_deleteProjectApiKey(c, "p", NULL));
    EXPECT_INVALID(c, ProjectsAPI_deleteProjectServiceAccount(c, NULL, "s"));
    EXPECT_INVALID(c, ProjectsAPI_deleteProjectUser(c, "p", NULL));
    EXPECT_INVALID(c, ProjectsAPI_listProjectApiKeys(c, NULL, &limit, NULL));
    EXPECT_INVALID(c, ProjectsAPI_listProjectRateLimits(c, NULL, &limit, NULL, NULL));
    EXPECT_INVALID(c, ProjectsAPI_listProjectServiceAccounts(c, NULL, NULL, NULL));
    EXPECT_INVALID(c, ProjectsAPI_listProjectUsers(c, NULL, NULL, NULL));
    EXPECT_INVALID(c, ProjectsAPI_modifyProject(c, "p", NULL));
    EXPECT_INVALID(c, ProjectsAPI_modifyProjectUser(c, "p", NULL, uupdate));
    EXPECT_INVALID(c, ProjectsAPI_retrieveProject(c, NULL));
    EXPECT_INVALID(c, ProjectsAPI_retrieveProjectApiKey(c, NULL, "k"));
    EXPECT_INVALID(c, ProjectsAPI_retrieveProjectServiceAccount(c, "p", NULL));
    EXPECT_INVALID(c, ProjectsAPI_retrieveProjectUser(c, NULL, NULL));
    EXPECT_INVALID(c, ProjectsAPI_updateProjectRateLimits(c, "p", NULL, rl));
    /* A request body missing a required field is refused before sending. */
    project_create_request_t *empty = project_create_request_create(NULL);
    EXPECT_INVALID(c, ProjectsAPI_createProject(c, empty));
    project_create_request_free(empty);

    /* Connection refused: NULL, response_code 0, type "connection". */
    c->response_code = 123;
    CHECK(ProjectsAPI_retrieveProject(c, "proj_abc") == NULL);
    CHECK_INT(c->response_code, 0);
    CHECK_STR(apiClient_errorType(c), "connection");
    /* The message names where it tried to connect. */
    CHECK(apiClient_errorMessage(c) && strncmp(apiClient_errorMessage(c), "connection refused by 127.0.0.1:", 32) == 0);
    CHECK_INT(apiClient_errorCode(c), OPENAI_API_ERROR_CONNECTION);
    CHECK(apiClient_requestId(c) == NULL);
    CHECK(apiClient_errorResponse(c) == NULL);
    CHECK(strstr(apiClient_errorMessage(c), "sk-test-secret") == NULL);
    CHECK(ProjectsAPI_listProjects(c, &limit, "a b", &yes) == NULL);
    CHECK_STR(apiClient_errorType(c), "connection");
    apiClient_invoke(c, "/organization/projects", NULL, NULL, NULL, NULL, NULL, NULL, 0, "GET");
    CHECK_INT(c->response_code, 0);
    CHECK(c->dataReceived == NULL);
    CHECK_STR(apiClient_errorType(c), "connection");
    apiClient_free(c);

    /* A CA file that does not exist: a TLS error, no request. */
    sslConfig_t *ssl = sslConfig_create(NULL, NULL, "/nonexistent/ca.pem", 0);
    c = apiClient_create_with_base_path("https://127.0.0.1:1/v1", ssl);
    CHECK(ProjectsAPI_retrieveProject(c, "p") == NULL);
    CHECK_STR(apiClient_errorType(c), "tls");
    CHECK(apiClient_errorMessage(c) != NULL && strstr(apiClient_errorMessage(c), "/nonexistent/ca.pem") != NULL);
    apiClient_free(c);
    sslConfig_free(ssl);

    /* A base URL without a scheme is named as such; nothing is sent. */
    c = apiClient_create_with_base_path("api.openai.com/v1", NULL);
    CHECK(ProjectsAPI_retrieveProject(c, "proj_abc") == NULL);
    CHECK_INT(c->response_code, 0);
    CHECK_STR(apiClient_errorType(c), "invalid_argument");
    CHECK_INT(apiClient_errorCode(c), OPENAI_API_ERROR_INVALID_ARGUMENT);
    CHECK(apiClient_errorMessage(c) && strstr(apiClient_errorMessage(c), "base URL \"api.openai.com/v1\" must start with http:// or https://"));
    /* The error names the argument. */
    CHECK(ProjectsAPI_retrieveProjectUser(c, "proj_abc", NULL) == NULL);
    CHECK(apiClient_errorMessage(c) && strstr(apiClient_errorMessage(c), "user_id is NULL"));
    CHECK(ProjectsAPI_createProject(c, NULL) == NULL);
    CHECK(apiClient_errorMessage(c) && strstr(apiClient_errorMessage(c), "request body (project_create_request_t) is NULL"));
    apiClient_free(c);
    CHECK_INT(apiClient_errorCode(NULL), OPENAI_API_ERROR_NONE);

    project_create_request_free(create);
    project_update_request_free(update);
    project_user_create_request_free(ucreate);
    project_user_update_request_free(uupdate);
    project_service_account_create_request_free(screate);
    project_rate_limit_update_request_free(rl);
    CHECK_DONE();
}
