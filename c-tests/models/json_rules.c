/* The JSON rules of the generated client, and the defects we fix. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "api/ProjectsAPI.h"
#include "../check.h"

static project_t *parse_project(const char *text) {
    cJSON *j = cJSON_Parse(text);
    CHECK(j != NULL);
    project_t *p = project_parseFromJSON(j);
    cJSON_Delete(j);
    return p;
}

/* Runs fn with stderr redirected to a temporary file; returns what it printed. */
static char *capture_stderr(void (*fn)(void *), void *arg) {
    char path[] = "/tmp/openai_api_stderrXXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    fflush(stderr);
    int saved = dup(2);
    dup2(fd, 2);
    fn(arg);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    static char buf[512];
    memset(buf, 0, sizeof buf);
    lseek(fd, 0, SEEK_SET);
    ssize_t n = read(fd, buf, sizeof buf - 1);
    (void)n;
    close(fd);
    unlink(path);
    return buf;
}
static void free_project(void *p) { project_free((project_t *)p); }

int main(void) {
    project_t *p;
    /* A complete project, with archived_at null: optional int reads 0. */
    p = parse_project("{\"id\":\"proj_abc\",\"object\":\"organization.project\",\"name\":\"Project example\","
                      "\"created_at\":1711471533,\"archived_at\":null,\"status\":\"active\"}");
    CHECK(p != NULL);
    if (p) {
        CHECK_STR(p->id, "proj_abc");
        CHECK_INT(p->object, openai_api_project_OBJECT_organization_project);
        CHECK_INT(p->archived_at, 0);
        CHECK_INT(p->status, openai_api_project_STATUS_active);
        CHECK_INT(p->_library_owned, 1);
    }
    project_free(p);
    /* Absent optional integer reads 0 too; unknown extra fields are ignored. */
    p = parse_project("{\"id\":\"p\",\"object\":\"organization.project\",\"name\":\"n\",\"created_at\":1,"
                      "\"status\":\"archived\",\"extra\":{\"deep\":[1,2,3]},\"more\":null}");
    CHECK(p != NULL);
    if (p) { CHECK_INT(p->archived_at, 0); CHECK_INT(p->status, openai_api_project_STATUS_archived); }
    project_free(p);
    /* The live API's rule: a missing field, or one that is null, reads as NULL/0. */
    p = parse_project("{\"object\":\"organization.project\",\"name\":\"n\",\"created_at\":1,\"status\":\"active\"}");
    CHECK(p != NULL);
    if (p) { CHECK(p->id == NULL); CHECK_STR(p->name, "n"); }
    project_free(p);
    p = parse_project("{\"id\":null,\"object\":\"organization.project\",\"name\":null,\"created_at\":1,\"status\":null}");
    CHECK(p != NULL);
    if (p) { CHECK(p->id == NULL); CHECK(p->name == NULL); CHECK_INT(p->status, openai_api_project_STATUS_NULL); CHECK(p->status_string == NULL); }
    project_free(p);
    /* Wrong JSON type for a field: NULL (and nothing leaks). */
    CHECK(parse_project("{\"id\":\"p\",\"object\":\"organization.project\",\"name\":7,\"created_at\":1,\"status\":\"active\"}") == NULL);
    CHECK(parse_project("{\"id\":\"p\",\"object\":\"organization.project\",\"name\":\"n\",\"created_at\":\"1\",\"status\":\"active\"}") == NULL);
    CHECK(project_parseFromJSON(NULL) == NULL);
    /* Unknown enum string gives the _NULL constant, the text kept beside it;
     * printed back, the text is written again. */
    p = parse_project("{\"id\":\"p\",\"object\":\"organization.project\",\"name\":\"n\",\"created_at\":1,\"status\":\"frozen\"}");
    CHECK(p != NULL);
    if (p) {
        CHECK_INT(p->status, openai_api_project_STATUS_NULL);
        CHECK_STR(p->status_string, "frozen");
        CHECK(p->object_string == NULL);
        cJSON *back = project_convertToJSON(p);
        char *text = cJSON_PrintUnformatted(back);
        CHECK_STR(text, "{\"id\":\"p\",\"object\":\"organization.project\",\"name\":\"n\",\"created_at\":1,\"status\":\"frozen\"}");
        free(text);
        cJSON_Delete(back);
    }
    project_free(p);

    /* An empty page: an empty list, first_id/last_id NULL. */
    {
        cJSON *j = cJSON_Parse("{\"object\":\"list\",\"data\":[],\"first_id\":null,\"last_id\":null,\"has_more\":false}");
        project_list_response_t *page = project_list_response_parseFromJSON(j);
        CHECK(page != NULL);
        if (page) {
            CHECK(page->data != NULL);
            if (page->data) CHECK_INT(page->data->count, 0);
            CHECK(page->first_id == NULL);
            CHECK(page->last_id == NULL);
            CHECK_INT(page->has_more, 0);
            cJSON *back = project_list_response_convertToJSON(page);
            char *text = cJSON_PrintUnformatted(back);
            CHECK_STR(text, "{\"object\":\"list\",\"data\":[],\"has_more\":false}");
            free(text);
            cJSON_Delete(back);
        }
        project_list_response_free(page);
        cJSON_Delete(j);
    }
    /* A page whose second item has only an id: it reads with NULL/0 fields. */
    {
        cJSON *j = cJSON_Parse("{\"object\":\"list\",\"data\":[{\"id\":\"a\",\"object\":\"organization.project\",\"name\":\"n\","
                               "\"created_at\":1,\"status\":\"active\"},{\"id\":\"b\"}],\"first_id\":\"a\",\"last_id\":\"b\",\"has_more\":true}");
        project_list_response_t *page = project_list_response_parseFromJSON(j);
        CHECK(page != NULL && page->data != NULL);
        if (page && page->data) CHECK_INT(page->data->count, 2);
        project_list_response_free(page);
        cJSON_Delete(j);
    }
    /* A page whose second item has a field of the wrong type: NULL, and the first item does not leak. */
    {
        cJSON *j = cJSON_Parse("{\"object\":\"list\",\"data\":[{\"id\":\"a\",\"object\":\"organization.project\",\"name\":\"n\","
                               "\"created_at\":1,\"status\":\"active\"},{\"id\":\"b\",\"created_at\":\"x\"}],\"has_more\":true}");
        CHECK(project_list_response_parseFromJSON(j) == NULL);
        cJSON_Delete(j);
    }
    /* A list whose items are not objects. */
    {
        cJSON *j = cJSON_Parse("{\"object\":\"list\",\"data\":[1],\"first_id\":\"a\",\"last_id\":\"b\",\"has_more\":true}");
        CHECK(project_list_response_parseFromJSON(j) == NULL);
        cJSON_Delete(j);
    }
    /* An API key owned by a service account, nested two levels. */
    {
        cJSON *j = cJSON_Parse("{\"object\":\"organization.project.api_key\",\"redacted_value\":\"sk-abc...def\",\"name\":\"k\","
                               "\"created_at\":1,\"id\":\"key_abc\",\"owner\":{\"type\":\"service_account\",\"service_account\":"
                               "{\"object\":\"organization.project.service_account\",\"id\":\"svc\",\"name\":\"bot\",\"role\":\"member\","
                               "\"created_at\":2}}}");
        project_api_key_t *k = project_api_key_parseFromJSON(j);
        CHECK(k != NULL && k->owner != NULL && k->owner->service_account != NULL);
        if (k && k->owner && k->owner->service_account) {
            CHECK_INT(k->owner->type, openai_api_project_api_key_owner_TYPE_service_account);
            CHECK(k->owner->user == NULL);
            CHECK_STR(k->owner->service_account->id, "svc");
            CHECK_INT(k->owner->service_account->role, openai_api_project_service_account_ROLE_member);
        }
        project_api_key_free(k);
        cJSON_Delete(j);
    }
    /* convertToJSON: required fields missing give NULL; optional 0 left out. */
    {
        project_t *q = project_create(NULL, openai_api_project_OBJECT_organization_project, strdup("n"), 1, 0, openai_api_project_STATUS_active);
        CHECK(project_convertToJSON(q) == NULL);
        project_free(q);
        q = project_create(strdup("p"), openai_api_project_OBJECT_NULL, strdup("n"), 1, 0, openai_api_project_STATUS_active);
        CHECK(project_convertToJSON(q) == NULL);
        project_free(q);
        q = project_create(strdup("p"), openai_api_project_OBJECT_organization_project, strdup("n"), 0, 0, (openai_api_project_STATUS_e)99);
        {
            /* A garbage enum value from C is unknown; `status` is optional in
             * the current document, so it is left out. */
            cJSON *g = project_convertToJSON(q);
            char *gt = cJSON_PrintUnformatted(g);
            CHECK_STR(gt, "{\"id\":\"p\",\"object\":\"organization.project\",\"name\":\"n\",\"created_at\":0}");
            free(gt);
            cJSON_Delete(g);
        }
        q->status = openai_api_project_STATUS_active;
        cJSON *j = project_convertToJSON(q);
        char *text = cJSON_PrintUnformatted(j);
        /* created_at is required: 0 is written; archived_at is optional: left out. */
        CHECK_STR(text, "{\"id\":\"p\",\"object\":\"organization.project\",\"name\":\"n\",\"created_at\":0,\"status\":\"active\"}");
        free(text);
        cJSON_Delete(j);
        project_free(q);
        project_rate_limit_update_request_t *r = project_rate_limit_update_request_create(0, 0, 0, 0, 0, 0);
        j = project_rate_limit_update_request_convertToJSON(r);
        text = cJSON_PrintUnformatted(j);
        CHECK_STR(text, "{}");
        free(text);
        cJSON_Delete(j);
        project_rate_limit_update_request_free(r);
    }
    /* A struct the caller owns (_library_owned == 0): warning, nothing freed. */
    {
        project_t mine;
        memset(&mine, 0, sizeof mine);
        mine.id = "stack string that must not be freed";
        char *err = capture_stderr(free_project, &mine);
        CHECK(strstr(err, "WARNING") != NULL);
        CHECK(strstr(err, "project_free") != NULL);
        CHECK_STR(mine.id, "stack string that must not be freed");
        /* NULL is accepted by every _free. */
        project_free(NULL);
        project_list_response_free(NULL);
        error_response_free(NULL);
        error_free(NULL);
    }
    /* error_response: code and param may be null. */
    {
        cJSON *j = cJSON_Parse("{\"error\":{\"message\":\"No project found with id 'x'.\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}");
        error_response_t *e = error_response_parseFromJSON(j);
        CHECK(e != NULL && e->error != NULL);
        if (e && e->error) {
            CHECK_STR(e->error->message, "No project found with id 'x'.");
            CHECK(e->error->code == NULL);
            CHECK(e->error->param == NULL);
        }
        error_response_free(e);
        cJSON_Delete(j);
    }
    CHECK_DONE();
}
