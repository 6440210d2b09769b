/* sizeof/offsetof of every public struct against an independent
 * declaration of its layout, written from the contract's tables. */
#include <stddef.h>
#include <stdint.h>
#include "api/ProjectsAPI.h"
#include "../check.h"

#define FIELD(ours, ref, f) do { CHECK_INT(offsetof(ours, f), offsetof(struct ref, f)); \
    CHECK_INT(sizeof(((ours *)0)->f), sizeof(((struct ref *)0)->f)); } while (0)
#define SIZE(ours, ref) CHECK_INT(sizeof(ours), sizeof(struct ref))
/* A model keeps the seed's layout up to `_library_owned`; the live API's
 * members come after it (ABI.md section 8), so the struct may be larger. */
#define SEED_PREFIX(ours, ref) do { FIELD(ours, ref, _library_owned); \
    CHECK(sizeof(ours) >= sizeof(struct ref)); } while (0)

struct ref_listEntry_t {
    void * nextListEntry;
    void * prevListEntry;
    void * data;
};
struct ref_list_t {
    void * firstEntry;
    void * lastEntry;
    long count;
};
struct ref_keyValuePair_t {
    char * key;
    void * value;
};
struct ref_binary_t {
    uint8_t * data;
    unsigned int len;
};
struct ref_sslConfig_t {
    char * clientCertFile;
    char * clientKeyFile;
    char * CACertFile;
    int insecureSkipTlsVerify;
};
struct ref_curlConfig_t {
    long verbose;
    int keepalive;
    long keepidle;
    long keepintvl;
};
struct ref_apiClient_t {
    char * basePath;
    void * sslConfig;
    void * curlConfig;
    void (*curl_pre_invoke_func)(void *);
    void * dataReceived;
    long dataReceivedLen;
    void (*data_callback_func)(void **, long *);
    int (*progress_func)(void *, long, long, long, long);
    void * progress_data;
    long response_code;
    char * accessToken;
};
struct ref_cJSON {
    void * next;
    void * prev;
    void * child;
    int type;
    char * valuestring;
    int valueint;
    double valuedouble;
    char * string;
};
struct ref_project_t {
    char * id;
    int object;
    char * name;
    int created_at;
    int archived_at;
    int status;
    int _library_owned;
};
struct ref_project_api_key_t {
    int object;
    char * redacted_value;
    char * name;
    int created_at;
    char * id;
    void * owner;
    int _library_owned;
};
struct ref_project_api_key_delete_response_t {
    int object;
    char * id;
    int deleted;
    int _library_owned;
};
struct ref_project_api_key_list_response_t {
    int object;
    void * data;
    char * first_id;
    char * last_id;
    int has_more;
    int _library_owned;
};
struct ref_project_api_key_owner_t {
    int type;
    void * user;
    void * service_account;
    int _library_owned;
};
struct ref_project_create_request_t {
    char * name;
    int _library_owned;
};
struct ref_project_list_response_t {
    int object;
    void * data;
    char * first_id;
    char * last_id;
    int has_more;
    int _library_owned;
};
struct ref_project_rate_limit_t {
    int object;
    char * id;
    char * model;
    int max_requests_per_1_minute;
    int max_tokens_per_1_minute;
    int max_images_per_1_minute;
    int max_audio_megabytes_per_1_minute;
    int max_requests_per_1_day;
    int batch_1_day_max_input_tokens;
    int _library_owned;
};
struct ref_project_rate_limit_list_response_t {
    int object;
    void * data;
    char * first_id;
    char * last_id;
    int has_more;
    int _library_owned;
};
struct ref_project_rate_limit_update_request_t {
    int max_requests_per_1_minute;
    int max_tokens_per_1_minute;
    int max_images_per_1_minute;
    int max_audio_megabytes_per_1_minute;
    int max_requests_per_1_day;
    int batch_1_day_max_input_tokens;
    int _library_owned;
};
struct ref_project_service_account_t {
    int object;
    char * id;
    char * name;
    int role;
    int created_at;
    int _library_owned;
};
struct ref_project_service_account_api_key_t {
    int object;
    char * value;
    char * name;
    int created_at;
    char * id;
    int _library_owned;
};
struct ref_project_service_account_create_request_t {
    char * name;
    int _library_owned;
};
struct ref_project_service_account_create_response_t {
    int object;
    char * id;
    char * name;
    int role;
    int created_at;
    void * api_key;
    int _library_owned;
};
struct ref_project_service_account_delete_response_t {
    int object;
    char * id;
    int deleted;
    int _library_owned;
};
struct ref_project_service_account_list_response_t {
    int object;
    void * data;
    char * first_id;
    char * last_id;
    int has_more;
    int _library_owned;
};
struct ref_project_update_request_t {
    char * name;
    int _library_owned;
};
struct ref_project_user_t {
    int object;
    char * id;
    char * name;
    char * email;
    int role;
    int added_at;
    int _library_owned;
};
struct ref_project_user_create_request_t {
    char * user_id;
    int role;
    int _library_owned;
};
struct ref_project_user_delete_response_t {
    int object;
    char * id;
    int deleted;
    int _library_owned;
};
struct ref_project_user_list_response_t {
    char * object;
    void * data;
    char * first_id;
    char * last_id;
    int has_more;
    int _library_owned;
};
struct ref_project_user_update_request_t {
    int role;
    int _library_owned;
};
struct ref_error_response_t {
    void * error;
    int _library_owned;
};
struct ref_openai_api_error_t {
    char * code;
    char * message;
    char * param;
    char * type;
    int _library_owned;
};
int main(void) {
    SIZE(listEntry_t, ref_listEntry_t);
    FIELD(listEntry_t, ref_listEntry_t, nextListEntry);
    FIELD(listEntry_t, ref_listEntry_t, prevListEntry);
    FIELD(listEntry_t, ref_listEntry_t, data);
    SIZE(list_t, ref_list_t);
    FIELD(list_t, ref_list_t, firstEntry);
    FIELD(list_t, ref_list_t, lastEntry);
    FIELD(list_t, ref_list_t, count);
    SIZE(keyValuePair_t, ref_keyValuePair_t);
    FIELD(keyValuePair_t, ref_keyValuePair_t, key);
    FIELD(keyValuePair_t, ref_keyValuePair_t, value);
    SIZE(binary_t, ref_binary_t);
    FIELD(binary_t, ref_binary_t, data);
    FIELD(binary_t, ref_binary_t, len);
    SIZE(sslConfig_t, ref_sslConfig_t);
    FIELD(sslConfig_t, ref_sslConfig_t, clientCertFile);
    FIELD(sslConfig_t, ref_sslConfig_t, clientKeyFile);
    FIELD(sslConfig_t, ref_sslConfig_t, CACertFile);
    FIELD(sslConfig_t, ref_sslConfig_t, insecureSkipTlsVerify);
    SIZE(curlConfig_t, ref_curlConfig_t);
    FIELD(curlConfig_t, ref_curlConfig_t, verbose);
    FIELD(curlConfig_t, ref_curlConfig_t, keepalive);
    FIELD(curlConfig_t, ref_curlConfig_t, keepidle);
    FIELD(curlConfig_t, ref_curlConfig_t, keepintvl);
    SIZE(apiClient_t, ref_apiClient_t);
    FIELD(apiClient_t, ref_apiClient_t, basePath);
    FIELD(apiClient_t, ref_apiClient_t, sslConfig);
    FIELD(apiClient_t, ref_apiClient_t, curlConfig);
    FIELD(apiClient_t, ref_apiClient_t, curl_pre_invoke_func);
    FIELD(apiClient_t, ref_apiClient_t, dataReceived);
    FIELD(apiClient_t, ref_apiClient_t, dataReceivedLen);
    FIELD(apiClient_t, ref_apiClient_t, data_callback_func);
    FIELD(apiClient_t, ref_apiClient_t, progress_func);
    FIELD(apiClient_t, ref_apiClient_t, progress_data);
    FIELD(apiClient_t, ref_apiClient_t, response_code);
    FIELD(apiClient_t, ref_apiClient_t, accessToken);
    SIZE(cJSON, ref_cJSON);
    FIELD(cJSON, ref_cJSON, next);
    FIELD(cJSON, ref_cJSON, prev);
    FIELD(cJSON, ref_cJSON, child);
    FIELD(cJSON, ref_cJSON, type);
    FIELD(cJSON, ref_cJSON, valuestring);
    FIELD(cJSON, ref_cJSON, valueint);
    FIELD(cJSON, ref_cJSON, valuedouble);
    FIELD(cJSON, ref_cJSON, string);
    SEED_PREFIX(project_t, ref_project_t);
    FIELD(project_t, ref_project_t, id);
    FIELD(project_t, ref_project_t, object);
    FIELD(project_t, ref_project_t, name);
    FIELD(project_t, ref_project_t, created_at);
    FIELD(project_t, ref_project_t, archived_at);
    FIELD(project_t, ref_project_t, status);
    FIELD(project_t, ref_project_t, _library_owned);
    SEED_PREFIX(project_api_key_t, ref_project_api_key_t);
    FIELD(project_api_key_t, ref_project_api_key_t, object);
    FIELD(project_api_key_t, ref_project_api_key_t, redacted_value);
    FIELD(project_api_key_t, ref_project_api_key_t, name);
    FIELD(project_api_key_t, ref_project_api_key_t, created_at);
    FIELD(project_api_key_t, ref_project_api_key_t, id);
    FIELD(project_api_key_t, ref_project_api_key_t, owner);
    FIELD(project_api_key_t, ref_project_api_key_t, _library_owned);
    SEED_PREFIX(project_api_key_delete_response_t, ref_project_api_key_delete_response_t);
    FIELD(project_api_key_delete_response_t, ref_project_api_key_delete_response_t, object);
    FIELD(project_api_key_delete_response_t, ref_project_api_key_delete_response_t, id);
    FIELD(project_api_key_delete_response_t, ref_project_api_key_delete_response_t, deleted);
    FIELD(project_api_key_delete_response_t, ref_project_api_key_delete_response_t, _library_owned);
    SEED_PREFIX(project_api_key_list_response_t, ref_project_api_key_list_response_t);
    FIELD(project_api_key_list_response_t, ref_project_api_key_list_response_t, object);
    FIELD(project_api_key_list_response_t, ref_project_api_key_list_response_t, data);
    FIELD(project_api_key_list_response_t, ref_project_api_key_list_response_t, first_id);
    FIELD(project_api_key_list_response_t, ref_project_api_key_list_response_t, last_id);
    FIELD(project_api_key_list_response_t, ref_project_api_key_list_response_t, has_more);
    FIELD(project_api_key_list_response_t, ref_project_api_key_list_response_t, _library_owned);
    SEED_PREFIX(project_api_key_owner_t, ref_project_api_key_owner_t);
    FIELD(project_api_key_owner_t, ref_project_api_key_owner_t, type);
    FIELD(project_api_key_owner_t, ref_project_api_key_owner_t, user);
    FIELD(project_api_key_owner_t, ref_project_api_key_owner_t, service_account);
    FIELD(project_api_key_owner_t, ref_project_api_key_owner_t, _library_owned);
    SEED_PREFIX(project_create_request_t, ref_project_create_request_t);
    FIELD(project_create_request_t, ref_project_create_request_t, name);
    FIELD(project_create_request_t, ref_project_create_request_t, _library_owned);
    SEED_PREFIX(project_list_response_t, ref_project_list_response_t);
    FIELD(project_list_response_t, ref_project_list_response_t, object);
    FIELD(project_list_response_t, ref_project_list_response_t, data);
    FIELD(project_list_response_t, ref_project_list_response_t, first_id);
    FIELD(project_list_response_t, ref_project_list_response_t, last_id);
    FIELD(project_list_response_t, ref_project_list_response_t, has_more);
    FIELD(project_list_response_t, ref_project_list_response_t, _library_owned);
    SEED_PREFIX(project_rate_limit_t, ref_project_rate_limit_t);
    FIELD(project_rate_limit_t, ref_project_rate_limit_t, object);
    FIELD(project_rate_limit_t, ref_project_rate_limit_t, id);
    FIELD(project_rate_limit_t, ref_project_rate_limit_t, model);
    FIELD(project_rate_limit_t, ref_project_rate_limit_t, max_requests_per_1_minute);
    FIELD(project_rate_limit_t, ref_project_rate_limit_t, max_tokens_per_1_minute);
    FIELD(project_rate_limit_t, ref_project_rate_limit_t, max_images_per_1_minute);
    FIELD(project_rate_limit_t, ref_project_rate_limit_t, max_audio_megabytes_per_1_minute);
    FIELD(project_rate_limit_t, ref_project_rate_limit_t, max_requests_per_1_day);
    FIELD(project_rate_limit_t, ref_project_rate_limit_t, batch_1_day_max_input_tokens);
    FIELD(project_rate_limit_t, ref_project_rate_limit_t, _library_owned);
    SEED_PREFIX(project_rate_limit_list_response_t, ref_project_rate_limit_list_response_t);
    FIELD(project_rate_limit_list_response_t, ref_project_rate_limit_list_response_t, object);
    FIELD(project_rate_limit_list_response_t, ref_project_rate_limit_list_response_t, data);
    FIELD(project_rate_limit_list_response_t, ref_project_rate_limit_list_response_t, first_id);
    FIELD(project_rate_limit_list_response_t, ref_project_rate_limit_list_response_t, last_id);
    FIELD(project_rate_limit_list_response_t, ref_project_rate_limit_list_response_t, has_more);
    FIELD(project_rate_limit_list_response_t, ref_project_rate_limit_list_response_t, _library_owned);
    SEED_PREFIX(project_rate_limit_update_request_t, ref_project_rate_limit_update_request_t);
    FIELD(project_rate_limit_update_request_t, ref_project_rate_limit_update_request_t, max_requests_per_1_minute);
    FIELD(project_rate_limit_update_request_t, ref_project_rate_limit_update_request_t, max_tokens_per_1_minute);
    FIELD(project_rate_limit_update_request_t, ref_project_rate_limit_update_request_t, max_images_per_1_minute);
    FIELD(project_rate_limit_update_request_t, ref_project_rate_limit_update_request_t, max_audio_megabytes_per_1_minute);
    FIELD(project_rate_limit_update_request_t, ref_project_rate_limit_update_request_t, max_requests_per_1_day);
    FIELD(project_rate_limit_update_request_t, ref_project_rate_limit_update_request_t, batch_1_day_max_input_tokens);
    FIELD(project_rate_limit_update_request_t, ref_project_rate_limit_update_request_t, _library_owned);
    SEED_PREFIX(project_service_account_t, ref_project_service_account_t);
    FIELD(project_service_account_t, ref_project_service_account_t, object);
    FIELD(project_service_account_t, ref_project_service_account_t, id);
    FIELD(project_service_account_t, ref_project_service_account_t, name);
    FIELD(project_service_account_t, ref_project_service_account_t, role);
    FIELD(project_service_account_t, ref_project_service_account_t, created_at);
    FIELD(project_service_account_t, ref_project_service_account_t, _library_owned);
    SEED_PREFIX(project_service_account_api_key_t, ref_project_service_account_api_key_t);
    FIELD(project_service_account_api_key_t, ref_project_service_account_api_key_t, object);
    FIELD(project_service_account_api_key_t, ref_project_service_account_api_key_t, value);
    FIELD(project_service_account_api_key_t, ref_project_service_account_api_key_t, name);
    FIELD(project_service_account_api_key_t, ref_project_service_account_api_key_t, created_at);
    FIELD(project_service_account_api_key_t, ref_project_service_account_api_key_t, id);
    FIELD(project_service_account_api_key_t, ref_project_service_account_api_key_t, _library_owned);
    SEED_PREFIX(project_service_account_create_request_t, ref_project_service_account_create_request_t);
    FIELD(project_service_account_create_request_t, ref_project_service_account_create_request_t, name);
    FIELD(project_service_account_create_request_t, ref_project_service_account_create_request_t, _library_owned);
    SEED_PREFIX(project_service_account_create_response_t, ref_project_service_account_create_response_t);
    FIELD(project_service_account_create_response_t, ref_project_service_account_create_response_t, object);
    FIELD(project_service_account_create_response_t, ref_project_service_account_create_response_t, id);
    FIELD(project_service_account_create_response_t, ref_project_service_account_create_response_t, name);
    FIELD(project_service_account_create_response_t, ref_project_service_account_create_response_t, role);
    FIELD(project_service_account_create_response_t, ref_project_service_account_create_response_t, created_at);
    FIELD(project_service_account_create_response_t, ref_project_service_account_create_response_t, api_key);
    FIELD(project_service_account_create_response_t, ref_project_service_account_create_response_t, _library_owned);
    SEED_PREFIX(project_service_account_delete_response_t, ref_project_service_account_delete_response_t);
    FIELD(project_service_account_delete_response_t, ref_project_service_account_delete_response_t, object);
    FIELD(project_service_account_delete_response_t, ref_project_service_account_delete_response_t, id);
    FIELD(project_service_account_delete_response_t, ref_project_service_account_delete_response_t, deleted);
    FIELD(project_service_account_delete_response_t, ref_project_service_account_delete_response_t, _library_owned);
    SEED_PREFIX(project_service_account_list_response_t, ref_project_service_account_list_response_t);
    FIELD(project_service_account_list_response_t, ref_project_service_account_list_response_t, object);
    FIELD(project_service_account_list_response_t, ref_project_service_account_list_response_t, data);
    FIELD(project_service_account_list_response_t, ref_project_service_account_list_response_t, first_id);
    FIELD(project_service_account_list_response_t, ref_project_service_account_list_response_t, last_id);
    FIELD(project_service_account_list_response_t, ref_project_service_account_list_response_t, has_more);
    FIELD(project_service_account_list_response_t, ref_project_service_account_list_response_t, _library_owned);
    SEED_PREFIX(project_update_request_t, ref_project_update_request_t);
    FIELD(project_update_request_t, ref_project_update_request_t, name);
    FIELD(project_update_request_t, ref_project_update_request_t, _library_owned);
    SEED_PREFIX(project_user_t, ref_project_user_t);
    FIELD(project_user_t, ref_project_user_t, object);
    FIELD(project_user_t, ref_project_user_t, id);
    FIELD(project_user_t, ref_project_user_t, name);
    FIELD(project_user_t, ref_project_user_t, email);
    FIELD(project_user_t, ref_project_user_t, role);
    FIELD(project_user_t, ref_project_user_t, added_at);
    FIELD(project_user_t, ref_project_user_t, _library_owned);
    SEED_PREFIX(project_user_create_request_t, ref_project_user_create_request_t);
    FIELD(project_user_create_request_t, ref_project_user_create_request_t, user_id);
    FIELD(project_user_create_request_t, ref_project_user_create_request_t, role);
    FIELD(project_user_create_request_t, ref_project_user_create_request_t, _library_owned);
    SEED_PREFIX(project_user_delete_response_t, ref_project_user_delete_response_t);
    FIELD(project_user_delete_response_t, ref_project_user_delete_response_t, object);
    FIELD(project_user_delete_response_t, ref_project_user_delete_response_t, id);
    FIELD(project_user_delete_response_t, ref_project_user_delete_response_t, deleted);
    FIELD(project_user_delete_response_t, ref_project_user_delete_response_t, _library_owned);
    SEED_PREFIX(project_user_list_response_t, ref_project_user_list_response_t);
    FIELD(project_user_list_response_t, ref_project_user_list_response_t, object);
    FIELD(project_user_list_response_t, ref_project_user_list_response_t, data);
    FIELD(project_user_list_response_t, ref_project_user_list_response_t, first_id);
    FIELD(project_user_list_response_t, ref_project_user_list_response_t, last_id);
    FIELD(project_user_list_response_t, ref_project_user_list_response_t, has_more);
    FIELD(project_user_list_response_t, ref_project_user_list_response_t, _library_owned);
    SEED_PREFIX(project_user_update_request_t, ref_project_user_update_request_t);
    FIELD(project_user_update_request_t, ref_project_user_update_request_t, role);
    FIELD(project_user_update_request_t, ref_project_user_update_request_t, _library_owned);
    SEED_PREFIX(error_response_t, ref_error_response_t);
    FIELD(error_response_t, ref_error_response_t, error);
    FIELD(error_response_t, ref_error_response_t, _library_owned);
    SEED_PREFIX(openai_api_error_t, ref_openai_api_error_t);
    FIELD(openai_api_error_t, ref_openai_api_error_t, code);
    FIELD(openai_api_error_t, ref_openai_api_error_t, message);
    FIELD(openai_api_error_t, ref_openai_api_error_t, param);
    FIELD(openai_api_error_t, ref_openai_api_error_t, type);
    FIELD(openai_api_error_t, ref_openai_api_error_t, _library_owned);
    CHECK_DONE();
}
