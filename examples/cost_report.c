/* A monthly cost report by project: the organization's costs over the last
 * 30 days walked page by page (a bucket a day), summed per project, with
 * the completion tokens each project used beside them.
 *
 *   cost_report END_TIME     the 30 days before END_TIME (Unix seconds)
 *
 * OPENAI_ADMIN_KEY holds the admin key; OPENAI_BASE_URL, if set, another
 * server (the local mock in run-against-mock.sh). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api/UsageAPI.h"

#define MAX_PROJECTS 64

struct row {
    char *project;
    double dollars;
    int64_t tokens;
};

struct report {
    struct row rows[MAX_PROJECTS];
    int n;
    int days;
};

static struct row *row_of(struct report *r, const char *project) {
    const char *p = project ? project : "(no project)";
    for (int i = 0; i < r->n; i++)
        if (!strcmp(r->rows[i].project, p)) return &r->rows[i];
    if (r->n == MAX_PROJECTS) return NULL;
    r->rows[r->n].project = strdup(p);
    return &r->rows[r->n++];
}

/* One day of costs: its results, one per project. */
static int add_costs(usage_time_bucket_t *day, void *data) {
    struct report *r = data;
    listEntry_t *e;
    r->days++;
    list_ForEach(e, day->result) {
        usage_time_bucket_result_inner_t *cost = e->data;
        struct row *row = row_of(r, cost->project_id);
        if (row && cost->amount) row->dollars += cost->amount->value;
    }
    return 0;
}

/* One day of completions usage: input plus output tokens, whole (the `_64`
 * members: an `int` saturates past 2^31). */
static int add_tokens(usage_time_bucket_t *day, void *data) {
    struct report *r = data;
    listEntry_t *e;
    list_ForEach(e, day->result) {
        usage_time_bucket_result_inner_t *u = e->data;
        struct row *row = row_of(r, u->project_id);
        if (row) row->tokens += u->input_tokens_64 + u->output_tokens_64;
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s END_TIME\n", argv[0]);
        return 2;
    }
    int end = atoi(argv[1]), start = end - 30 * 86400, per_page = 7;
    const char *base = getenv("OPENAI_BASE_URL");
    apiClient_t *c = base ? apiClient_create_with_base_path(base, NULL) : apiClient_create();
    list_t *by_project = list_createList();
    list_addElement(by_project, strdup("project_id"));
    struct report r = {0};
    int status = 0;
    /* A week a page; the walker follows next_page to the last. */
    int days = UsageAPI_forEachCostsBucket(c, &start, &end, "1d", NULL, NULL, by_project, &per_page, NULL, NULL, NULL, add_costs, &r);
    int tokens_days = days < 0 ? -1
                               : UsageAPI_forEachCompletionsBucket(c, &start, &end, openai_api_usageCompletions_BUCKETWIDTH__1d, NULL, NULL, NULL, NULL,
                                                                   NULL, by_project, &per_page, NULL, NULL, add_tokens, &r);
    if (days < 0 || tokens_days < 0) {
        fprintf(stderr, "usage and costs failed (HTTP %ld): %s\n", c->response_code, apiClient_errorMessage(c));
        status = 1;
    } else {
        double total = 0;
        printf("costs %d days to %d, by project:\n", days, end);
        for (int i = 0; i < r.n; i++) {
            printf("  %-28s %12.2f USD %16" PRId64 " tokens\n", r.rows[i].project, r.rows[i].dollars, r.rows[i].tokens);
            total += r.rows[i].dollars;
        }
        printf("  %-28s %12.2f USD\n", "total", total);
    }
    for (int i = 0; i < r.n; i++) free(r.rows[i].project);
    listEntry_t *e;
    list_ForEach(e, by_project) { free(e->data); }
    list_freeList(by_project);
    apiClient_free(c);
    return status;
}
