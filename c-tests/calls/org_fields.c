/* What the generated client's 2.3.0 layouts cannot hold, read from answers
 * of the live API: one line per operation named on the command line,
 * "<operationId>\t<what it read>". The test serves the answers.
 * Environment: OPENAI_API_TEST_URL, OPENAI_API_TEST_KEY. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api/AuditLogsAPI.h"
#include "api/InvitesAPI.h"
#include "api/UsageAPI.h"

static const char *or_null(const char *s) { return s ? s : "NULL"; }

/* The first result of the first bucket. */
static usage_time_bucket_result_inner_t *first_result(usage_response_t *r, usage_time_bucket_t **bucket) {
    if (!r || !r->data || !r->data->firstEntry) return NULL;
    *bucket = r->data->firstEntry->data;
    if (!(*bucket)->result || !(*bucket)->result->firstEntry) return NULL;
    return (*bucket)->result->firstEntry->data;
}

static void error(apiClient_t *c, const char *op) {
    printf("%s\tERROR %s: %s\n", op, or_null(apiClient_errorType(c)), or_null(apiClient_errorMessage(c)));
}

int main(int argc, char **argv) {
    apiClient_t *c = apiClient_create_with_base_path(getenv("OPENAI_API_TEST_URL"), NULL);
    c->accessToken = strdup(getenv("OPENAI_API_TEST_KEY"));
    apiClient_setMaxRetries(c, 0);
    for (int i = 1; i < argc; i++) {
        const char *op = argv[i];
        usage_time_bucket_t *b = NULL;
        if (!strcmp(op, "usage-completions")) {
            usage_response_t *r = UsageAPI_usageCompletions(c, NULL, NULL, openai_api_usageCompletions_BUCKETWIDTH__1d, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
            usage_time_bucket_result_inner_t *x = first_result(r, &b);
            if (!x) error(c, op);
            /* `result` is `results` (the same list, freed once with the page). */
            else printf("%s\tresult: input_tokens=%d input_tokens_64=%" PRId64 " output_tokens=%d project_id=%s shared=%d\n", op, x->input_tokens,
                        x->input_tokens_64, x->output_tokens, or_null(x->project_id), b->result == b->results);
            usage_response_free(r);
        } else if (!strcmp(op, "usage-code-interpreter-sessions")) {
            usage_response_t *r = UsageAPI_usageCodeInterpreterSessions(c, NULL, NULL, 0, NULL, NULL, NULL, NULL);
            usage_time_bucket_result_inner_t *x = first_result(r, &b);
            if (!x) error(c, op);
            else printf("%s\tresult: sessions=%d sessions_64=%" PRId64 " num_sessions=%" PRId64 "\n", op, x->sessions, x->sessions_64, x->num_sessions);
            usage_response_free(r);
        } else if (!strcmp(op, "usage-costs")) {
            usage_response_t *r = UsageAPI_usageCosts(c, NULL, NULL, 0, NULL, NULL, NULL, NULL);
            usage_time_bucket_result_inner_t *x = first_result(r, &b);
            if (!x || !x->amount) error(c, op);
            else printf("%s\tresult: amount=%g %s line_item=%s next_page=%s\n", op, x->amount->value, or_null(x->amount->currency), or_null(x->line_item),
                        or_null(r->next_page));
            usage_response_free(r);
        } else if (!strcmp(op, "list-audit-logs")) {
            list_audit_logs_response_t *r = AuditLogsAPI_listAuditLogs(c, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
            if (!r || !r->data) {
                error(c, op);
            } else {
                printf("%s\taudit:", op);
                listEntry_t *e;
                const char *sep = " ";
                list_ForEach(e, r->data) {
                    audit_log_t *a = e->data;
                    char *extra = a->extra ? cJSON_PrintUnformatted(a->extra) : NULL;
                    printf("%stype=%d", sep, a->type);
                    if (a->type_string) printf(" type_string=%s", a->type_string);
                    if (a->project_created) printf(" project_created.id=%s", or_null(a->project_created->id));
                    printf(" extra=%s", or_null(extra));
                    free(extra);
                    sep = " | ";
                }
                printf("\n");
            }
            list_audit_logs_response_free(r);
        } else if (!strcmp(op, "retrieve-invite")) {
            invite_t *v = InvitesAPI_retrieveInvite(c, "invite-1");
            if (!v) error(c, op);
            else printf("%s\tinvite: invited_at=%d created_at=%d role=%d status=%d\n", op, v->invited_at, v->created_at, v->role, v->status);
            invite_free(v);
        } else {
            fprintf(stderr, "unknown operation %s\n", op);
            return 2;
        }
    }
    apiClient_free(c);
    return 0;
}
