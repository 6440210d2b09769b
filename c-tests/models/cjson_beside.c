/* A program written for the system's cJSON (1.7.15, whose add, insert and
 * replace functions return cJSON_bool), built against its header and linked
 * with both it and this library, in either order (tests/models/c_cjson.rs): it
 * reads every answer and acts on it as such a program does, so an answer
 * that is not a real cJSON_bool frees an item still in a tree. Then
 * cJSON_Compare on pairs whose answers every cJSON 1.7.x gives alike,
 * and (argument "deep") on trees 1,000 levels deep. Prints each answer. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>

/* Adds `item` as a program does: on failure the item is still its own. */
static void add(const char *what, cJSON *array, cJSON *item) {
    cJSON_bool ok = cJSON_AddItemToArray(array, item);
    printf("%s: %d\n", what, ok ? 1 : 0);
    if (!ok) cJSON_Delete(item);
}

static void compare(const char *a, const char *b) {
    cJSON *x = cJSON_Parse(a), *y = cJSON_Parse(b);
    if (!x || !y) {
        printf("cannot parse %s or %s\n", a, b);
        exit(1);
    }
    printf("compare %s %s: sensitive %d, insensitive %d\n", a, b, cJSON_Compare(x, y, 1) ? 1 : 0,
           cJSON_Compare(x, y, 0) ? 1 : 0);
    cJSON_Delete(x);
    cJSON_Delete(y);
}

/* {"k":{"k":...{"k":leaf}}}, `depth` objects deep, with a sibling member
 * at every level. */
static cJSON *deep(int depth, double leaf) {
    cJSON *inner = cJSON_CreateNumber(leaf);
    for (int i = 0; i < depth; i++) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddNumberToObject(o, "n", i);
        cJSON_AddItemToObject(o, "k", inner);
        inner = o;
    }
    return inner;
}

int main(int argc, char **argv) {
    /* "deep": also the trees 1,000 levels deep (not with a cJSON whose
     * comparison takes time exponential in the depth). */
    int deep_too = argc > 1 && argv[1][0] == 'd';
    cJSON *array = cJSON_CreateArray();
    add("add to an array", array, cJSON_CreateNumber(1));
    add("add to NULL", NULL, cJSON_CreateNumber(2));
    printf("add NULL: %d\n", cJSON_AddItemToArray(array, NULL) ? 1 : 0);
    printf("add the array to itself: %d\n", cJSON_AddItemToArray(array, array) ? 1 : 0);

    cJSON *object = cJSON_CreateObject();
    cJSON *member = cJSON_CreateString("v");
    cJSON_bool ok = cJSON_AddItemToObject(object, "m", member);
    printf("add to an object: %d\n", ok ? 1 : 0);
    if (!ok) cJSON_Delete(member);
    member = cJSON_CreateString("w");
    ok = cJSON_AddItemToObject(object, NULL, member);
    printf("add without a name: %d\n", ok ? 1 : 0);
    if (!ok) cJSON_Delete(member);
    member = cJSON_CreateTrue();
    ok = cJSON_AddItemToObjectCS(object, "cs", member);
    printf("add with a constant name: %d\n", ok ? 1 : 0);
    if (!ok) cJSON_Delete(member);

    cJSON *kept = cJSON_CreateNumber(9);
    printf("reference in an array: %d\n", cJSON_AddItemReferenceToArray(array, kept) ? 1 : 0);
    printf("reference in an object: %d\n", cJSON_AddItemReferenceToObject(object, "ref", kept) ? 1 : 0);
    printf("reference to NULL: %d\n", cJSON_AddItemReferenceToArray(array, NULL) ? 1 : 0);

    cJSON *first = cJSON_CreateString("first");
    ok = cJSON_InsertItemInArray(array, 0, first);
    printf("insert at 0: %d\n", ok ? 1 : 0);
    if (!ok) cJSON_Delete(first);
    cJSON *negative = cJSON_CreateString("negative");
    ok = cJSON_InsertItemInArray(array, -1, negative);
    printf("insert at -1: %d\n", ok ? 1 : 0);
    if (!ok) cJSON_Delete(negative);

    cJSON *replacement = cJSON_CreateString("replaced");
    ok = cJSON_ReplaceItemInArray(array, 0, replacement);
    printf("replace item 0: %d\n", ok ? 1 : 0);
    if (!ok) cJSON_Delete(replacement);
    replacement = cJSON_CreateString("never");
    ok = cJSON_ReplaceItemInArray(array, -2, replacement);
    printf("replace item -2: %d\n", ok ? 1 : 0);
    if (!ok) cJSON_Delete(replacement);
    replacement = cJSON_CreateNumber(7);
    ok = cJSON_ReplaceItemInObject(object, "M", replacement);
    printf("replace M: %d\n", ok ? 1 : 0);
    if (!ok) cJSON_Delete(replacement);
    replacement = cJSON_CreateNumber(8);
    ok = cJSON_ReplaceItemInObjectCaseSensitive(object, "CS", replacement);
    printf("replace CS exactly: %d\n", ok ? 1 : 0);
    if (!ok) cJSON_Delete(replacement);
    replacement = cJSON_CreateNumber(8);
    ok = cJSON_ReplaceItemInObjectCaseSensitive(object, "cs", replacement);
    printf("replace cs exactly: %d\n", ok ? 1 : 0);
    if (!ok) cJSON_Delete(replacement);

    char *text = cJSON_PrintUnformatted(array);
    printf("array: %s\n", text);
    cJSON_free(text);
    text = cJSON_PrintUnformatted(object);
    printf("object: %s\n", text);
    cJSON_free(text);
    cJSON_Delete(array);
    cJSON_Delete(object);
    cJSON_Delete(kept);

    compare("{}", "{}");
    compare("[]", "{}");
    compare("[1,2,3]", "[1,2,3]");
    compare("[1,2,3]", "[1,2]");
    compare("[1,2]", "[1,2,3]");
    compare("[1,2,3]", "[3,2,1]");
    compare("{\"a\":1,\"b\":[true,null,\"x\"]}", "{\"b\":[true,null,\"x\"],\"a\":1}");
    compare("{\"a\":1,\"b\":2}", "{\"a\":1}");
    compare("{\"a\":1}", "{\"a\":1,\"b\":2}");
    compare("{\"a\":1}", "{\"A\":1}");
    compare("{\"Key\":{\"inner\":\"x\"}}", "{\"kEY\":{\"INNER\":\"x\"}}");
    compare("{\"a\":1,\"a\":2}", "{\"a\":1,\"a\":2}");
    compare("{\"a\":1,\"a\":2}", "{\"a\":1}");
    compare("{\"a\":1}", "{\"a\":1,\"a\":2}");
    compare("{\"a\":1,\"a\":1}", "{\"a\":1}");
    compare("{\"a\":1}", "{\"a\":1,\"a\":1}");
    compare("{\"a\":1,\"A\":2}", "{\"A\":2,\"a\":1}");
    compare("\"text\"", "\"text\"");
    compare("\"text\"", "\"Text\"");
    compare("1", "1.0");
    compare("1", "2");
    compare("true", "true");
    compare("true", "false");
    compare("null", "null");
    compare("null", "false");
    compare("[[[[[[1]]]]]]", "[[[[[[1]]]]]]");
    compare("[[[[[[1]]]]]]", "[[[[[[2]]]]]]");
    printf("compare with NULL: %d\n", cJSON_Compare(NULL, NULL, 1) ? 1 : 0);

    /* A wide object: every name looked up on the other side. */
    cJSON *w1 = cJSON_CreateObject(), *w2 = cJSON_CreateObject();
    for (int i = 0; i < 200; i++) {
        char name[16];
        snprintf(name, sizeof name, "m%d", i);
        cJSON_AddNumberToObject(w1, name, i);
        snprintf(name, sizeof name, "m%d", 199 - i);
        cJSON_AddNumberToObject(w2, name, 199 - i);
    }
    printf("wide objects in other orders: %d\n", cJSON_Compare(w1, w2, 1) ? 1 : 0);
    cJSON_ReplaceItemInObject(w2, "M150", cJSON_CreateNumber(-1));
    printf("wide objects, one member apart: sensitive %d, insensitive %d\n", cJSON_Compare(w1, w2, 1) ? 1 : 0,
           cJSON_Compare(w1, w2, 0) ? 1 : 0);
    cJSON_Delete(w1);
    cJSON_Delete(w2);

    /* 1,000 levels, equal and unequal at the bottom (cJSON 1.7.7's
     * comparison doubles its work at every level of such trees). */
    if (!deep_too) {
        printf("done\n");
        return 0;
    }
    cJSON *d1 = deep(1000, 1), *d2 = deep(1000, 1), *d3 = deep(1000, 2);
    printf("1000 levels, equal: %d\n", cJSON_Compare(d1, d2, 1) ? 1 : 0);
    printf("1000 levels, unequal: %d\n", cJSON_Compare(d1, d3, 0) ? 1 : 0);
    cJSON_Delete(d1);
    cJSON_Delete(d2);
    cJSON_Delete(d3);
    printf("done\n");
    return 0;
}
