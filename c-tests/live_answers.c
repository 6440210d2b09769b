/* Reads answers through the 19 calls, in the order the arguments name the
 * operations (OpenAPI operationIds), and prints one line per call:
 * "<operationId>\t<the result converted back to JSON>" or
 * "<operationId>\tERROR <errorType>: <message>". The test serves the
 * answers (OpenAI's documented examples and live variants) and compares.
 * Environment: OPENAI_API_TEST_URL, OPENAI_API_TEST_KEY. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api/ProjectsAPI.h"

static void print_json(const char *op, cJSON *json) {
    char *text = json ? cJSON_PrintUnformatted(json) : NULL;
    printf("%s\t%s\n", op, text ? text : "CONVERT-FAILED");
    free(text);
    cJSON_Delete(json);
}

static void print_error(apiClient_t *c, const char *op) {
    const char *type = apiClient_errorType(c), *message = apiClient_errorMessage(c);
    printf("%s\tERROR %s: %s\n", op, type ? type : "(none)", message ? message : "(none)");
}

/* Calls CALL, which returns a `model_t *`; prints it and frees it. */
#define SHOW(model, CALL)                                  \
    do {                                                   \
        model##_t *r_ = (CALL);                            \
        if (r_) print_json(op, model##_convertToJSON(r_)); \
        else print_error(c, op);                           \
        model##_free(r_);                                  \
    } while (0)

int main(int argc, char **argv) {
    const char *url = getenv("OPENAI_API_TEST_URL");
    const char *key = getenv("OPENAI_API_TEST_KEY");
    if (!url || !key) {
        fprintf(stderr, "set OPENAI_API_TEST_URL and OPENAI_API_TEST_KEY\n");
        return 2;
    }
    apiClient_t *c = apiClient_create_with_base_path(url, NULL);
    c->accessToken = strdup(key);
    apiClient_setMaxRetries(c, 0);
    char *p = "proj_abc";
    int status = 0;
    for (int i = 1; i < argc; i++) {
        const char *op = argv[i];
        if (!strcmp(op, "list-projects")) {
            SHOW(project_list_response, ProjectsAPI_listProjects(c, NULL, NULL, NULL));
        } else if (!strcmp(op, "create-project")) {
            project_create_request_t *req = project_create_request_create(strdup("Project ABC"));
            SHOW(project, ProjectsAPI_createProject(c, req));
            project_create_request_free(req);
        } else if (!strcmp(op, "retrieve-project")) {
            SHOW(project, ProjectsAPI_retrieveProject(c, p));
        } else if (!strcmp(op, "modify-project")) {
            project_update_request_t *req = project_update_request_create(strdup("Project DEF"));
            SHOW(project, ProjectsAPI_modifyProject(c, p, req));
            project_update_request_free(req);
        } else if (!strcmp(op, "archive-project")) {
            SHOW(project, ProjectsAPI_archiveProject(c, p));
        } else if (!strcmp(op, "list-project-api-keys")) {
            SHOW(project_api_key_list_response, ProjectsAPI_listProjectApiKeys(c, p, NULL, NULL));
        } else if (!strcmp(op, "retrieve-project-api-key")) {
            SHOW(project_api_key, ProjectsAPI_retrieveProjectApiKey(c, p, "key_abc"));
        } else if (!strcmp(op, "delete-project-api-key")) {
            SHOW(project_api_key_delete_response, ProjectsAPI_deleteProjectApiKey(c, p, "key_abc"));
        } else if (!strcmp(op, "list-project-rate-limits")) {
            SHOW(project_rate_limit_list_response, ProjectsAPI_listProjectRateLimits(c, p, NULL, NULL, NULL));
        } else if (!strcmp(op, "update-project-rate-limits")) {
            project_rate_limit_update_request_t *req = project_rate_limit_update_request_create(600, 0, 0, 0, 0, 0);
            SHOW(project_rate_limit, ProjectsAPI_updateProjectRateLimits(c, p, "rl_ada", req));
            project_rate_limit_update_request_free(req);
        } else if (!strcmp(op, "list-project-service-accounts")) {
            SHOW(project_service_account_list_response, ProjectsAPI_listProjectServiceAccounts(c, p, NULL, NULL));
        } else if (!strcmp(op, "create-project-service-account")) {
            project_service_account_create_request_t *req = project_service_account_create_request_create(strdup("Production App"));
            SHOW(project_service_account_create_response, ProjectsAPI_createProjectServiceAccount(c, p, req));
            project_service_account_create_request_free(req);
        } else if (!strcmp(op, "retrieve-project-service-account")) {
            SHOW(project_service_account, ProjectsAPI_retrieveProjectServiceAccount(c, p, "svc_acct_abc"));
        } else if (!strcmp(op, "delete-project-service-account")) {
            SHOW(project_service_account_delete_response, ProjectsAPI_deleteProjectServiceAccount(c, p, "svc_acct_abc"));
        } else if (!strcmp(op, "list-project-users")) {
            SHOW(project_user_list_response, ProjectsAPI_listProjectUsers(c, p, NULL, NULL));
        } else if (!strcmp(op, "create-project-user")) {
            project_user_create_request_t *req = project_user_create_request_create(strdup("user_abc"), openai_api_project_user_create_request_ROLE_member);
            SHOW(project_user, ProjectsAPI_createProjectUser(c, p, req));
            project_user_create_request_free(req);
        } else if (!strcmp(op, "retrieve-project-user")) {
            SHOW(project_user, ProjectsAPI_retrieveProjectUser(c, p, "user_abc"));
        } else if (!strcmp(op, "modify-project-user")) {
            project_user_update_request_t *req = project_user_update_request_create(openai_api_project_user_update_request_ROLE_owner);
            SHOW(project_user, ProjectsAPI_modifyProjectUser(c, p, "user_abc", req));
            project_user_update_request_free(req);
        } else if (!strcmp(op, "delete-project-user")) {
            SHOW(project_user_delete_response, ProjectsAPI_deleteProjectUser(c, p, "user_abc"));
        } else {
            fprintf(stderr, "unknown operation %s\n", op);
            status = 2;
        }
    }
    apiClient_free(c);
    return status;
}
