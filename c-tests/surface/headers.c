/* Includes every header at the generated client's paths; compiled as C99,
 * C11 and C++17 with warnings as errors, and as GNU C after <errno.h>
 * (where glibc's error_t exists) by tests/surface/headers.rs. */
#ifdef WITH_GNU_ERRNO
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#endif
#include "api/ProjectsAPI.h"
#include "model/project.h"
#include "model/project_api_key.h"
#include "model/project_api_key_delete_response.h"
#include "model/project_api_key_list_response.h"
#include "model/project_api_key_owner.h"
#include "model/project_create_request.h"
#include "model/project_list_response.h"
#include "model/project_rate_limit.h"
#include "model/project_rate_limit_list_response.h"
#include "model/project_rate_limit_update_request.h"
#include "model/project_service_account.h"
#include "model/project_service_account_api_key.h"
#include "model/project_service_account_create_request.h"
#include "model/project_service_account_create_response.h"
#include "model/project_service_account_delete_response.h"
#include "model/project_service_account_list_response.h"
#include "model/project_update_request.h"
#include "model/project_user.h"
#include "model/project_user_create_request.h"
#include "model/project_user_delete_response.h"
#include "model/project_user_list_response.h"
#include "model/project_user_update_request.h"
#include "model/error_response.h"
#include "model/error.h"
#include "include/apiClient.h"
#include "include/list.h"
#include "include/keyValuePair.h"
#include "include/binary.h"
#include "external/cJSON.h"

int main(void) {
    openai_api_error_t *e = NULL;
#ifdef WITH_GNU_ERRNO
    error_t code = EINVAL; /* glibc's error_t is still an int */
    (void)code;
#elif !defined(__cplusplus)
    error_t *same = e; /* the generated client's names for the model */
    struct error_t *tagged = same;
    struct openai_api_error_t *also = tagged;
    (void)also;
#endif
    openai_api_project_OBJECT_e o = openai_api_project_OBJECT_organization_project;
    listEntry_t *entry = NULL;
    list_t *l = NULL;
    list_ForEach(entry, l) { (void)entry; }
    cJSON *item = NULL, *arr = NULL;
    cJSON_ArrayForEach(item, arr) { (void)item; }
    CURL *handle = NULL;
    curl_off_t off = 0;
    (void)e; (void)o; (void)handle; (void)off;
    return CJSON_VERSION_MAJOR == 1 ? 0 : 1;
}
