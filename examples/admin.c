/* An administrator's script, in C: set up a project for a new team.
 *
 *   admin USER_ID
 *
 * Creates the project, adds USER_ID as an owner, creates a service account
 * for CI and prints its key (shown only this once), lists every project page
 * by page, lowers the project's gpt-4o-mini rate limit, and archives the
 * project again (this is a demo).
 *
 * The key comes from OPENAI_ADMIN_KEY and the server from OPENAI_BASE_URL
 * (default https://api.openai.com/v1). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api/ProjectsAPI.h"

/* Prints why the last call on `client` failed. */
static int fail(apiClient_t *client, const char *what) {
    fprintf(stderr, "%s failed: HTTP %ld, %s (%s)\n", what, client->response_code,
            apiClient_errorMessage(client) ? apiClient_errorMessage(client) : "unknown error",
            apiClient_errorType(client) ? apiClient_errorType(client) : "-");
    return 1;
}

static int list_all_projects(apiClient_t *client) {
    int limit = 2, page_no = 0;
    char *after = NULL;
    for (;;) {
        if (page_no == 1000) {   /* a cap: a server that never ends its list cannot loop us forever */
            free(after);
            return fail(client, "listing projects (more than 1000 pages)");
        }
        project_list_response_t *page = ProjectsAPI_listProjects(client, &limit, after, NULL);
        free(after);
        after = NULL;
        if (!page) return fail(client, "listing projects");
        printf("page %d:\n", ++page_no);
        listEntry_t *e;
        list_ForEach(e, page->data) {
            project_t *p = e->data;
            printf("  %s  %s\n", p->id, p->name ? p->name : "(no name)");
        }
        int more = page->has_more && page->last_id;
        if (more) after = strdup(page->last_id);
        project_list_response_free(page);
        if (!more) return 0;
    }
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s USER_ID\n", argv[0]);
        return 2;
    }
    apiClient_t *client = apiClient_create();
    int status = 1;

    project_create_request_t *new_project = project_create_request_new("Data pipeline");
    project_t *project = ProjectsAPI_createProject(client, new_project);
    project_create_request_free(new_project);
    if (!project) {
        fail(client, "creating the project");
        goto out;
    }
    printf("created project %s (%s)\n", project->id, project->name ? project->name : "no name");

    project_user_create_request_t *new_user =
        project_user_create_request_new(argv[1], openai_api_project_user_create_request_ROLE_owner);
    project_user_t *user = ProjectsAPI_createProjectUser(client, project->id, new_user);
    project_user_create_request_free(new_user);
    if (!user) {
        fail(client, "adding the user");
        goto out;
    }
    /* The live API may leave name and email out (NULL). */
    printf("added %s <%s> as owner\n", user->id, user->email ? user->email : "no email");
    project_user_free(user);

    project_service_account_create_request_t *new_sa = project_service_account_create_request_new("ci-deployer");
    project_service_account_create_response_t *sa = ProjectsAPI_createProjectServiceAccount(client, project->id, new_sa);
    project_service_account_create_request_free(new_sa);
    if (!sa) {
        fail(client, "creating the service account");
        goto out;
    }
    /* The only time this key is shown: store it in the CI's secret store now.
     * (A service account made with create_service_account_only has none.) */
    printf("service account %s, key: %s\n", sa->id, sa->api_key ? sa->api_key->value : "none");
    project_service_account_create_response_free(sa);

    /* Governance: a service account with no role and no key, then a key
     * with one scope made for it, then a monthly spend limit. */
    project_service_account_create_request_t *bare = project_service_account_create_request_new("nightly-batch");
    project_service_account_create_request_set_create_service_account_only(bare, 1);
    project_service_account_create_response_t *batch = ProjectsAPI_createProjectServiceAccount(client, project->id, bare);
    project_service_account_create_request_free(bare);
    if (!batch) {
        fail(client, "creating the service account without a key");
        goto out;
    }
    list_t *scopes = list_createList();
    list_addElement(scopes, strdup("api.model.read"));
    create_project_service_account_api_key_body_t *key_req = create_project_service_account_api_key_body_new("batch key", scopes);
    service_account_api_key_body_t *batch_key = ProjectsAPI_createProjectServiceAccountApiKey(client, project->id, batch->id, key_req);
    create_project_service_account_api_key_body_free(key_req);
    if (!batch_key) {
        project_service_account_create_response_free(batch);
        fail(client, "creating the service account's key");
        goto out;
    }
    printf("service account %s (role %s), key %s: %s\n", batch->id,
           project_service_account_create_response_role_ToString(batch->role), batch_key->id, batch_key->value);
    service_account_api_key_body_free(batch_key);   /* the key's value is wiped before it is freed */
    project_service_account_create_response_free(batch);

    update_project_spend_limit_body_t *limit = update_project_spend_limit_body_new(50000, "USD", "month"); /* $500.00 */
    project_spend_limit_resource_t *spend = ProjectsAPI_updateProjectSpendLimit(client, project->id, limit);
    update_project_spend_limit_body_free(limit);
    if (!spend) {
        fail(client, "setting the spend limit");
        goto out;
    }
    /* The API counts the limit in cents. */
    printf("spend limit: %d.%02d %s per %s (%s)\n", spend->threshold_amount / 100, spend->threshold_amount % 100, spend->currency,
           spend->interval, spend->enforcement && spend->enforcement->status ? spend->enforcement->status : "-");
    project_spend_limit_resource_free(spend);

    if (list_all_projects(client)) goto out;

    project_rate_limit_update_request_t *limits = project_rate_limit_update_request_new(500, 200000, 0, 0, 0, 0);
    project_rate_limit_t *rl = ProjectsAPI_updateProjectRateLimits(client, project->id, "rl-gpt-4o-mini", limits);
    project_rate_limit_update_request_free(limits);
    if (!rl) {
        fail(client, "updating the rate limit");
        goto out;
    }
    printf("%s: %d requests/min, %d tokens/min\n", rl->model, rl->max_requests_per_1_minute, rl->max_tokens_per_1_minute);
    project_rate_limit_free(rl);

    project_t *archived = ProjectsAPI_archiveProject(client, project->id);
    if (!archived) {
        fail(client, "archiving the project");
        goto out;
    }
    printf("archived %s\n", archived->id);
    project_free(archived);
    status = 0;

out:
    project_free(project);
    apiClient_free(client);
    return status;
}
