/* Reads answers through the 56 calls, in the order the arguments name the
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

static list_t *one_string(const char *s) {
    list_t *l = list_createList();
    list_addElement(l, strdup(s));
    return l;
}

/* The 37 calls the live API added and the 3 OpenAI's SDK has ahead of its
 * document; 0 for an operation it does not know. */
static int newer(apiClient_t *c, const char *op, char *p) {
    if (!strcmp(op, "listProjectCertificates")) {
        SHOW(list_project_certificates_response, ProjectsAPI_listProjectCertificates(c, p, NULL, NULL, NULL));
    } else if (!strcmp(op, "activateProjectCertificates") || !strcmp(op, "deactivateProjectCertificates")) {
        toggle_certificates_request_t *req = toggle_certificates_request_create(one_string("cert_abc"));
        if (op[0] == 'a') SHOW(organization_project_certificate_activation_response, ProjectsAPI_activateProjectCertificates(c, p, req));
        else SHOW(organization_project_certificate_deactivation_response, ProjectsAPI_deactivateProjectCertificates(c, p, req));
        toggle_certificates_request_free(req);
    } else if (!strcmp(op, "retrieve-project-data-retention")) {
        SHOW(project_data_retention, ProjectsAPI_retrieveProjectDataRetention(c, p));
    } else if (!strcmp(op, "update-project-data-retention")) {
        update_project_data_retention_body_t *req = update_project_data_retention_body_create(strdup("modified_abuse_monitoring"));
        SHOW(project_data_retention, ProjectsAPI_updateProjectDataRetention(c, p, req));
        update_project_data_retention_body_free(req);
    } else if (!strcmp(op, "list-project-groups")) {
        SHOW(project_group_list_resource, ProjectsAPI_listProjectGroups(c, p, NULL, NULL, NULL));
    } else if (!strcmp(op, "add-project-group")) {
        invite_project_group_body_t *req = invite_project_group_body_create(strdup("group_01J1F8ABCDXYZ"), strdup("role_01J1F8PROJ"));
        SHOW(project_group, ProjectsAPI_addProjectGroup(c, p, req));
        invite_project_group_body_free(req);
    } else if (!strcmp(op, "retrieve-project-group")) {
        SHOW(project_group, ProjectsAPI_retrieveProjectGroup(c, p, "group_01J1F8ABCDXYZ", NULL));
    } else if (!strcmp(op, "remove-project-group")) {
        SHOW(project_group_deleted_resource, ProjectsAPI_removeProjectGroup(c, p, "group_01J1F8ABCDXYZ"));
    } else if (!strcmp(op, "retrieve-project-hosted-tool-permissions")) {
        SHOW(project_hosted_tool_permissions, ProjectsAPI_retrieveProjectHostedToolPermissions(c, p));
    } else if (!strcmp(op, "update-project-hosted-tool-permissions")) {
        project_hosted_tool_permissions_update_request_t *req =
            project_hosted_tool_permissions_update_request_create(NULL, NULL, hosted_tool_permission_update_create(0), NULL, NULL);
        SHOW(project_hosted_tool_permissions, ProjectsAPI_updateProjectHostedToolPermissions(c, p, req));
        project_hosted_tool_permissions_update_request_free(req);
    } else if (!strcmp(op, "retrieve-project-model-permissions")) {
        SHOW(project_model_permissions, ProjectsAPI_retrieveProjectModelPermissions(c, p));
    } else if (!strcmp(op, "update-project-model-permissions")) {
        project_model_permissions_update_request_t *req = project_model_permissions_update_request_create(strdup("deny_list"), one_string("o3"));
        SHOW(project_model_permissions, ProjectsAPI_updateProjectModelPermissions(c, p, req));
        project_model_permissions_update_request_free(req);
    } else if (!strcmp(op, "delete-project-model-permissions")) {
        SHOW(project_model_permissions_delete_response, ProjectsAPI_deleteProjectModelPermissions(c, p));
    } else if (!strcmp(op, "update-project-service-account")) {
        update_project_service_account_body_t *req = update_project_service_account_body_create(strdup("Updated service account"), NULL);
        SHOW(project_service_account, ProjectsAPI_updateProjectServiceAccount(c, p, "svc_acct_abc", req));
        update_project_service_account_body_free(req);
    } else if (!strcmp(op, "list-project-spend-alerts")) {
        SHOW(project_spend_alert_list_resource, ProjectsAPI_listProjectSpendAlerts(c, p, NULL, NULL, NULL, NULL));
    } else if (!strcmp(op, "create-project-spend-alert") || !strcmp(op, "update-project-spend-alert")) {
        create_spend_alert_body_t *req = create_spend_alert_body_create(
            100000, strdup("USD"), strdup("month"), spend_alert_notification_channel_create(strdup("email"), one_string("finance@example.com"), NULL));
        if (op[0] == 'c') SHOW(project_spend_alert, ProjectsAPI_createProjectSpendAlert(c, p, req));
        else SHOW(project_spend_alert, ProjectsAPI_updateProjectSpendAlert(c, p, "alert_abc123", req));
        create_spend_alert_body_free(req);
    } else if (!strcmp(op, "retrieve-project-spend-alert")) {
        SHOW(project_spend_alert, ProjectsAPI_retrieveProjectSpendAlert(c, p, "alert_abc123"));
    } else if (!strcmp(op, "delete-project-spend-alert")) {
        SHOW(project_spend_alert_deleted_resource, ProjectsAPI_deleteProjectSpendAlert(c, p, "alert_abc123"));
    } else if (!strcmp(op, "list-project-group-role-assignments")) {
        SHOW(role_list_resource, ProjectsAPI_listProjectGroupRoleAssignments(c, p, "group_01J1F8ABCDXYZ", NULL, NULL, NULL));
    } else if (!strcmp(op, "assign-project-group-role") || !strcmp(op, "assign-project-user-role")) {
        public_assign_organization_group_role_body_t *req = public_assign_organization_group_role_body_create(strdup("role_01J1F8PROJ"));
        if (strstr(op, "group")) SHOW(group_role_assignment, ProjectsAPI_assignProjectGroupRole(c, p, "group_01J1F8ABCDXYZ", req));
        else SHOW(user_role_assignment, ProjectsAPI_assignProjectUserRole(c, p, "user_abc123", req));
        public_assign_organization_group_role_body_free(req);
    } else if (!strcmp(op, "retrieve-project-group-role")) {
        SHOW(assigned_role_details, ProjectsAPI_retrieveProjectGroupRole(c, p, "group_01J1F8ABCDXYZ", "role_01J1F8PROJ"));
    } else if (!strcmp(op, "unassign-project-group-role")) {
        SHOW(deleted_role_assignment_resource, ProjectsAPI_unassignProjectGroupRole(c, p, "group_01J1F8ABCDXYZ", "role_01J1F8PROJ"));
    } else if (!strcmp(op, "list-project-roles")) {
        SHOW(public_role_list_resource, ProjectsAPI_listProjectRoles(c, p, NULL, NULL, NULL));
    } else if (!strcmp(op, "create-project-role")) {
        public_create_organization_role_body_t *req =
            public_create_organization_role_body_create(strdup("API Project Key Manager"), one_string("api.organization.projects.api_keys.read"), NULL);
        SHOW(role, ProjectsAPI_createProjectRole(c, p, req));
        public_create_organization_role_body_free(req);
    } else if (!strcmp(op, "retrieve-project-role")) {
        SHOW(role, ProjectsAPI_retrieveProjectRole(c, p, "role_01J1F8PROJ"));
    } else if (!strcmp(op, "update-project-role")) {
        public_update_organization_role_body_t *req = public_update_organization_role_body_create(NULL, strdup("Allows managing API keys for the project"), NULL);
        SHOW(role, ProjectsAPI_updateProjectRole(c, p, "role_01J1F8PROJ", req));
        public_update_organization_role_body_free(req);
    } else if (!strcmp(op, "delete-project-role")) {
        SHOW(role_deleted_resource, ProjectsAPI_deleteProjectRole(c, p, "role_01J1F8PROJ"));
    } else if (!strcmp(op, "list-project-user-role-assignments")) {
        SHOW(role_list_resource, ProjectsAPI_listProjectUserRoleAssignments(c, p, "user_abc123", NULL, NULL, NULL));
    } else if (!strcmp(op, "retrieve-project-user-role")) {
        SHOW(assigned_role_details, ProjectsAPI_retrieveProjectUserRole(c, p, "user_abc123", "role_01J1F8PROJ"));
    } else if (!strcmp(op, "unassign-project-user-role")) {
        SHOW(deleted_role_assignment_resource, ProjectsAPI_unassignProjectUserRole(c, p, "user_abc123", "role_01J1F8PROJ"));
    } else if (!strcmp(op, "Getprojectspendlimit")) {
        SHOW(project_spend_limit_resource, ProjectsAPI_retrieveProjectSpendLimit(c, p));
    } else if (!strcmp(op, "Deleteprojectspendlimit")) {
        SHOW(project_spend_limit_deleted_resource, ProjectsAPI_deleteProjectSpendLimit(c, p));
    } else if (!strcmp(op, "Updateprojectspendlimit")) {
        update_project_spend_limit_body_t *req = update_project_spend_limit_body_create(10000, strdup("USD"), strdup("month"));
        SHOW(project_spend_limit_resource, ProjectsAPI_updateProjectSpendLimit(c, p, req));
        update_project_spend_limit_body_free(req);
    } else if (!strcmp(op, "CreateanAPIkeyforaserviceaccount")) {
        create_project_service_account_api_key_body_t *req = create_project_service_account_api_key_body_create(strdup("Production App"), NULL);
        SHOW(service_account_api_key_body, ProjectsAPI_createProjectServiceAccountApiKey(c, p, "svc_acct_abc", req));
        create_project_service_account_api_key_body_free(req);
    } else if (!strcmp(op, "update-project-api-key")) {
        project_api_key_update_request_t *req = project_api_key_update_request_create(2592000, one_string("api.all.read"));
        SHOW(project_api_key, ProjectsAPI_updateProjectApiKey(c, p, "key_abc", req));
        project_api_key_update_request_free(req);
    } else if (!strcmp(op, "retrieve-project-service-tier-settings")) {
        SHOW(project_service_tier_settings, ProjectsAPI_retrieveProjectServiceTierSettings(c, p));
    } else if (!strcmp(op, "update-project-service-tier-settings")) {
        project_service_tier_settings_update_request_t *req =
            project_service_tier_settings_update_request_create(strdup("fast"), cJSON_CreateString("all"));
        SHOW(project_service_tier_settings, ProjectsAPI_updateProjectServiceTierSettings(c, p, req));
        project_service_tier_settings_update_request_free(req);
    } else {
        return 0;
    }
    return 1;
}

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
        } else if (!newer(c, op, p)) {
            fprintf(stderr, "unknown operation %s\n", op);
            status = 2;
        }
    }
    apiClient_free(c);
    return status;
}
