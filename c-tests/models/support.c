/* The support types: list_t, keyValuePair_t, binary_t/base64, sslConfig_t,
 * apiClient_t, strReplace, and the cJSON subset's tree functions. */
#include <stdlib.h>
#include <string.h>
#include "api/ProjectsAPI.h"
#include "../check.h"

static void sum_ints(listEntry_t *e, void *acc) { *(int *)acc += *(int *)e->data; }
static void free_entry_data(listEntry_t *e, void *unused) { (void)unused; free(e->data); }

static void lists(void) {
    list_t *l = list_createList();
    int values[5] = {10, 20, 30, 40, 50};
    for (int i = 0; i < 5; i++) list_addElement(l, &values[i]);
    CHECK_INT(l->count, 5);
    for (long i = 0; i < 5; i++) CHECK_INT(*(int *)list_getElementAt(l, i)->data, values[i]);
    CHECK(list_getElementAt(l, 5) == NULL);
    CHECK(list_getElementAt(l, -1) == NULL);
    CHECK_INT(*(int *)list_getWithIndex(l, 3)->data, 40);
    list_removeElement(l, list_getElementAt(l, 0));
    list_removeElement(l, list_getElementAt(l, 3));
    list_removeElement(l, list_getElementAt(l, 1));
    CHECK_INT(l->count, 2);
    CHECK_INT(*(int *)l->firstEntry->data, 20);
    CHECK_INT(*(int *)l->lastEntry->data, 40);
    CHECK(l->firstEntry->prevListEntry == NULL && l->lastEntry->nextListEntry == NULL);
    int sum = 0;
    list_iterateThroughListForward(l, sum_ints, &sum);
    list_iterateThroughListBackward(l, sum_ints, &sum);
    CHECK_INT(sum, 120);
    listEntry_t *e;
    int n = 0;
    list_ForEach(e, l) n++;
    CHECK_INT(n, 2);
    list_freeList(l);
    list_freeList(NULL);
    list_ForEach(e, (list_t *)NULL) CHECK(0);

    list_t *strings = list_createList();
    list_addElement(strings, strdup("alpha"));
    list_addElement(strings, strdup("beta"));
    CHECK_STR(findStrInStrList(strings, "beta"), "beta");
    CHECK(findStrInStrList(strings, "gamma") == NULL);
    CHECK(findStrInStrList(strings, NULL) == NULL);
    clear_and_free_string_list(strings);
    list_t *more = list_createList();
    list_addElement(more, strdup("x"));
    list_iterateThroughListForward(more, free_entry_data, NULL);
    list_freeList(more);
}

static void pairs_and_binary(void) {
    keyValuePair_t *kv = keyValuePair_create("k", "v");
    CHECK_STR(kv->key, "k");
    CHECK_STR((char *)kv->value, "v");
    keyValuePair_free(kv);
    kv = keyValuePair_create_allocate("n", 2.5);
    CHECK(*(double *)kv->value == 2.5);
    free(kv->value);
    keyValuePair_free(kv);
    keyValuePair_free(NULL);

    binary_t *b = instantiate_binary_t("a\0b", 3);
    CHECK_INT(b->len, 3);
    CHECK(memcmp(b->data, "a\0b", 3) == 0);
    free(b->data);
    free(b);
    CHECK(instantiate_binary_t(NULL, 4) == NULL);
    CHECK(instantiate_binary_t("x", -1) == NULL);
    /* No bytes: an empty buffer, whatever `data` is. */
    binary_t *empty = instantiate_binary_t(NULL, 0);
    CHECK(empty != NULL && empty->len == 0);
    if (empty) {
        free(empty->data);
        free(empty);
    }

    char *enc = base64encode("hello world", 11);
    CHECK_STR(enc, "aGVsbG8gd29ybGQ=");
    int n = -1;
    char *dec = base64decode(enc, (int)strlen(enc), &n);
    CHECK_INT(n, 11);
    CHECK(dec && memcmp(dec, "hello world", 11) == 0);
    free(enc);
    free(dec);
    dec = base64decode("not base64!", 11, &n);
    CHECK(dec == NULL);
    CHECK_INT(n, 0);
}

static void clients(void) {
    apiClient_t *c = apiClient_create();
    CHECK_STR(c->basePath, "https://api.openai.com/v1");
    CHECK(c->sslConfig == NULL && c->curlConfig == NULL && c->accessToken == NULL);
    CHECK_INT(c->response_code, 0);
    c->accessToken = strdup("sk-test");
    apiClient_free(c);
    apiClient_free(NULL);

    sslConfig_t *ssl = sslConfig_create("client.pem", NULL, "ca.pem", 1);
    CHECK_STR(ssl->clientCertFile, "client.pem");
    CHECK(ssl->clientKeyFile == NULL);
    CHECK_STR(ssl->CACertFile, "ca.pem");
    CHECK_INT(ssl->insecureSkipTlsVerify, 1);
    c = apiClient_create_with_base_path("http://127.0.0.1:1/v1", ssl);
    CHECK_STR(c->basePath, "http://127.0.0.1:1/v1");
    CHECK(c->sslConfig == ssl);
    CHECK(c->curlConfig != NULL);
    if (c->curlConfig) {
        CHECK_INT(c->curlConfig->verbose, 0);
        CHECK_INT(c->curlConfig->keepalive, 0);
        CHECK_INT(c->curlConfig->keepidle, 120);
        CHECK_INT(c->curlConfig->keepintvl, 60);
    }
    apiClient_free(c);
    sslConfig_free(ssl);
    sslConfig_free(NULL);
    c = apiClient_create_with_base_path(NULL, NULL);
    CHECK_STR(c->basePath, "https://api.openai.com/v1");
    apiClient_free(c);
    apiClient_setupGlobalEnv();
    apiClient_unsetupGlobalEnv();

    char *s = strReplace(strdup("/projects/{project_id}/users/{project_id}"), "{project_id}", "p1");
    CHECK_STR(s, "/projects/p1/users/p1");
    s = strReplace(s, "p1", NULL);
    CHECK_STR(s, "/projects//users/");
    s = strReplace(s, "", "x");
    CHECK_STR(s, "/projects//users/");
    free(s);
    CHECK(strReplace(NULL, "a", "b") == NULL);
}

static void cjson_tree(void) {
    CHECK_STR(cJSON_Version(), "1.7.7");
    cJSON *root = cJSON_CreateObject();
    CHECK(cJSON_AddStringToObject(root, "name", "x") != NULL);
    CHECK(cJSON_AddNumberToObject(root, "n", 1.5) != NULL);
    cJSON_AddNullToObject(root, "z");
    cJSON_AddTrueToObject(root, "t");
    cJSON_AddFalseToObject(root, "f");
    cJSON_AddBoolToObject(root, "b", 1);
    cJSON_AddRawToObject(root, "raw", "[1,2]");
    cJSON *arr = cJSON_AddArrayToObject(root, "arr");
    cJSON_AddItemToArray(arr, cJSON_CreateNumber(1));
    cJSON_AddItemToArray(arr, cJSON_CreateString("two"));
    cJSON_AddItemToObjectCS(cJSON_AddObjectToObject(root, "obj"), "const", cJSON_CreateNull());
    char *text = cJSON_PrintUnformatted(root);
    CHECK_STR(text, "{\"name\":\"x\",\"n\":1.5,\"z\":null,\"t\":true,\"f\":false,\"b\":true,\"raw\":[1,2],\"arr\":[1,\"two\"],\"obj\":{\"const\":null}}");
    free(text);
    CHECK_INT(cJSON_GetArraySize(root), 9);
    CHECK(cJSON_IsString(cJSON_GetObjectItem(root, "NAME")));
    CHECK(cJSON_GetObjectItemCaseSensitive(root, "NAME") == NULL);
    CHECK(cJSON_HasObjectItem(root, "arr"));
    CHECK(cJSON_IsRaw(cJSON_GetObjectItem(root, "raw")));
    CHECK(cJSON_IsBool(cJSON_GetObjectItem(root, "f")) && cJSON_IsFalse(cJSON_GetObjectItem(root, "f")));
    CHECK(cJSON_IsTrue(cJSON_GetObjectItem(root, "t")));
    CHECK(cJSON_IsNull(cJSON_GetObjectItem(root, "z")));
    CHECK(cJSON_IsObject(cJSON_GetObjectItem(root, "obj")));
    CHECK(!cJSON_IsInvalid(root));
    CHECK_STR(cJSON_GetArrayItem(arr, 1)->valuestring, "two");
    cJSON *el;
    int count = 0;
    cJSON_ArrayForEach(el, arr) count++;
    CHECK_INT(count, 2);
    cJSON *n = cJSON_GetObjectItem(root, "n");
    cJSON_SetNumberValue(n, 3e9);
    CHECK_INT(n->valueint, 2147483647);
    CHECK(n->valuedouble == 3e9);

    cJSON *copy = cJSON_Duplicate(root, 1);
    CHECK(cJSON_Compare(root, copy, 1));
    cJSON_DeleteItemFromObject(copy, "NAME");
    CHECK(!cJSON_Compare(root, copy, 1));
    cJSON *detached = cJSON_DetachItemFromObjectCaseSensitive(copy, "arr");
    CHECK(cJSON_IsArray(detached));
    cJSON *first = cJSON_DetachItemFromArray(detached, 0);
    CHECK_INT(first->valueint, 1);
    cJSON_Delete(first);
    cJSON_DeleteItemFromArray(detached, 0);
    CHECK_INT(cJSON_GetArraySize(detached), 0);
    cJSON_Delete(detached);
    cJSON_DeleteItemFromObjectCaseSensitive(copy, "obj");
    cJSON_Delete(cJSON_DetachItemFromObject(copy, "t"));
    CHECK_INT(cJSON_GetArraySize(copy), 5);
    cJSON_Delete(copy);

    char small[8], big[512];
    CHECK(!cJSON_PrintPreallocated(root, small, sizeof small, 0));
    CHECK(cJSON_PrintPreallocated(root, big, sizeof big, 1));
    char *formatted = cJSON_Print(root);
    CHECK_STR(big, formatted);
    char *buffered = cJSON_PrintBuffered(root, 1, 1);
    CHECK_STR(buffered, formatted);
    free(buffered);
    cJSON_free(formatted);
    cJSON_Delete(root);

    const char *bad = "{\"a\":1,}";
    CHECK(cJSON_Parse(bad) == NULL);
    CHECK(cJSON_GetErrorPtr() == bad + 8);
    const char *end = NULL;
    cJSON *ok = cJSON_ParseWithOpts("[1]  x", &end, 0);
    CHECK(ok != NULL);
    CHECK_STR(end, "  x");
    cJSON_Delete(ok);
    CHECK(cJSON_ParseWithOpts("[1]  x", NULL, 1) == NULL);
    ok = cJSON_ParseWithOpts("[1]  ", NULL, 1);
    CHECK(ok != NULL);
    cJSON_Delete(ok);
    CHECK(cJSON_Parse(NULL) == NULL);

    char json[] = "{ \"a\" : [ 1, 2 ], /* c */ \"b\" : \"x y\" // end\n }";
    cJSON_Minify(json);
    CHECK_STR(json, "{\"a\":[1,2],\"b\":\"x y\"}");
    void *m = cJSON_malloc(16);
    CHECK(m != NULL);
    cJSON_free(m);
    cJSON_Hooks hooks = {malloc, free};
    cJSON_InitHooks(&hooks);
    cJSON_InitHooks(NULL);
    cJSON_Delete(NULL);
    CHECK(cJSON_CreateString(NULL) == NULL);
    cJSON *b = cJSON_CreateBool(0);
    CHECK(cJSON_IsFalse(b));
    cJSON_Delete(b);
    b = cJSON_CreateTrue();
    cJSON_Delete(b);
    b = cJSON_CreateFalse();
    cJSON_Delete(b);
    b = cJSON_CreateRaw("1");
    cJSON_Delete(b);
    cJSON_Delete(cJSON_CreateArray());
}

int main(void) {
    lists();
    pairs_and_binary();
    clients();
    cjson_tree();
    CHECK_DONE();
}
