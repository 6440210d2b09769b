/* Onboarding a new colleague: invite them to the organization, then, once
 * they have accepted, add them to a project and give them a role.
 *
 *   onboarding invite EMAIL PROJECT_ID    invites EMAIL as a reader, with
 *                                         membership of PROJECT_ID waiting
 *   onboarding finish EMAIL PROJECT_ID    after they accepted: finds the
 *                                         user by email, makes them a member
 *                                         of the project and gives them the
 *                                         organization role "Auditor"
 *
 * OPENAI_ADMIN_KEY holds the admin key; OPENAI_BASE_URL, if set, another
 * server (the local mock in run-against-mock.sh). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api/InvitesAPI.h"
#include "api/ProjectsAPI.h"
#include "api/RolesAPI.h"
#include "api/UserOrganizationRoleAssignmentsAPI.h"
#include "api/UsersAPI.h"

static int fail(apiClient_t *c, const char *what) {
    fprintf(stderr, "%s failed (HTTP %ld): %s\n", what, c->response_code, apiClient_errorMessage(c));
    return 1;
}

static list_t *one(const char *s) {
    list_t *l = list_createList();
    list_addElement(l, strdup(s));
    return l;
}

static void free_list(list_t *l) {
    listEntry_t *e;
    list_ForEach(e, l) { free(e->data); }
    list_freeList(l);
}

static int invite(apiClient_t *c, const char *email, const char *project) {
    /* The invite's pending project membership: [{"id": PROJECT, "role": "member"}]. */
    list_t *projects = list_createList();
    list_addElement(projects, invite_request_projects_inner_new(project, openai_api_invite_request_projects_inner_ROLE_member));
    invite_request_t *req = invite_request_new(email, openai_api_invite_request_ROLE_reader, projects);
    invite_t *inv = InvitesAPI_inviteUser(c, req);
    invite_request_free(req);
    if (!inv) return fail(c, "inviting");
    printf("invited %s: %s (%s, expires at %d)\n", inv->email, inv->id, invite_status_ToString(inv->status), inv->expires_at);
    invite_free(inv);
    return 0;
}

static int finish(apiClient_t *c, const char *email, const char *project) {
    list_t *emails = one(email);
    user_list_response_t *found = UsersAPI_listUsersEx(c, NULL, NULL, emails);
    free_list(emails);
    if (!found) return fail(c, "finding the user");
    if (!found->data || !found->data->firstEntry) {
        printf("%s has not accepted the invite yet\n", email);
        user_list_response_free(found);
        return 1;
    }
    user_t *u = found->data->firstEntry->data;
    char *user_id = strdup(u->id);
    printf("%s is %s (organization %s)\n", email, user_id, user_role_ToString(u->role));
    user_list_response_free(found);

    project_user_create_request_t *add = project_user_create_request_new(user_id, openai_api_project_user_create_request_ROLE_member);
    project_user_t *member = ProjectsAPI_createProjectUser(c, (char *)project, add);
    project_user_create_request_free(add);
    if (!member) return fail(c, "adding to the project");
    printf("added to %s as %s\n", project, project_user_role_ToString(member->role));
    project_user_free(member);

    public_create_organization_role_body_t *rb =
        public_create_organization_role_body_new("Auditor", one("api.organization.audit_logs.read"), "Reads the audit log");
    role_t *role = RolesAPI_createRole(c, rb);
    public_create_organization_role_body_free(rb);
    if (!role) return fail(c, "creating the role");
    public_assign_organization_group_role_body_t *as = public_assign_organization_group_role_body_new(role->id);
    user_role_assignment_t *given = UserOrganizationRoleAssignmentsAPI_assignUserRole(c, user_id, as);
    public_assign_organization_group_role_body_free(as);
    role_free(role);
    free(user_id);
    if (!given) return fail(c, "giving the role");
    printf("gave role %s (%s)\n", given->role->name, given->role->id);
    user_role_assignment_free(given);
    return 0;
}

int main(int argc, char **argv) {
    if (argc != 4 || (strcmp(argv[1], "invite") && strcmp(argv[1], "finish"))) {
        fprintf(stderr, "usage: %s invite|finish EMAIL PROJECT_ID\n", argv[0]);
        return 2;
    }
    const char *base = getenv("OPENAI_BASE_URL");
    apiClient_t *c = base ? apiClient_create_with_base_path(base, NULL) : apiClient_create();
    int status = !strcmp(argv[1], "invite") ? invite(c, argv[2], argv[3]) : finish(c, argv[2], argv[3]);
    apiClient_free(c);
    return status;
}
