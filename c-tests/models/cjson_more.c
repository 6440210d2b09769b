/* cJSON's references, arrays from C arrays, insertion and replacement,
 * printed step by step. Built twice by tests/models/c_cjson.rs: against this
 * library and against the system's own cJSON (-DSYSTEM_CJSON); both must
 * print the same (but for one line, see the test). Only what every cJSON
 * 1.7.x does alike is used: return values that changed type after 1.7.7
 * are not read. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef SYSTEM_CJSON
#include <cjson/cJSON.h>
#else
#include "external/cJSON.h"
#endif

static void show(const char *what, const cJSON *item) {
    char *text = item ? cJSON_PrintUnformatted(item) : NULL;
    printf("%s: %s", what, text ? text : "NULL");
    if (item && (cJSON_IsArray(item) || cJSON_IsObject(item))) {
        int n = 0;
        for (const cJSON *c = item->child; c; c = c->next) n++;
        printf(" (size %d, walked %d)", cJSON_GetArraySize(item), n);
    }
    printf("\n");
    free(text);
}

static cJSON *parsed(const char *text) {
    cJSON *j = cJSON_Parse(text);
    if (!j) {
        printf("cannot parse %s\n", text);
        exit(1);
    }
    return j;
}

int main(void) {
    /* The text of a string, and of what is not one. */
    cJSON *s = cJSON_CreateString("text"), *n = cJSON_CreateNumber(4);
    printf("string value: %s\n", cJSON_GetStringValue(s));
    printf("number's string value: %s\n", cJSON_GetStringValue(n) ? "not NULL" : "NULL");
    printf("NULL's string value: %s\n", cJSON_GetStringValue(NULL) ? "not NULL" : "NULL");
    cJSON_Delete(s);
    cJSON_Delete(n);

    /* A string reference: the text stays the caller's. */
    char buffer[] = "borrowed";
    cJSON *o = cJSON_CreateObject();
    cJSON_AddItemToObject(o, "r", cJSON_CreateStringReference(buffer));
    show("string reference", o);
    cJSON_Delete(o);
    printf("buffer after delete: %s\n", buffer);

    /* Array and object references: the children stay the caller's. */
    cJSON *a = parsed("[1,\"two\",{\"three\":3}]");
    cJSON *ra = cJSON_CreateArrayReference(a->child);
    show("array reference", ra);
    cJSON_Delete(ra);
    show("the array after", a);
    cJSON *obj = parsed("{\"x\":1,\"y\":[true,null]}");
    cJSON *ro = cJSON_CreateObjectReference(obj->child);
    show("object reference", ro);
    cJSON_Delete(ro);
    show("the object after", obj);

    /* Arrays from C arrays. */
    int ints[] = {1, -2, 2147483647, 0};
    float floats[] = {0.5f, -1.25f, 3.0f};
    double doubles[] = {0.1, 1e300, -2.5, 123456789.0};
    const char *strings[] = {"a", "", "quote\"d", "tab\t"};
    cJSON *x = cJSON_CreateIntArray(ints, 4);
    show("ints", x);
    cJSON_Delete(x);
    x = cJSON_CreateFloatArray(floats, 3);
    show("floats", x);
    cJSON_Delete(x);
    x = cJSON_CreateDoubleArray(doubles, 4);
    show("doubles", x);
    cJSON_Delete(x);
    x = cJSON_CreateStringArray(strings, 4);
    show("strings", x);
    cJSON_Delete(x);
    x = cJSON_CreateIntArray(ints, 0);
    show("no ints", x);
    cJSON_Delete(x);
    show("negative count", cJSON_CreateIntArray(ints, -1));
    show("NULL numbers", cJSON_CreateDoubleArray(NULL, 2));
    show("NULL strings", cJSON_CreateStringArray(NULL, 2));

    /* References added to arrays and objects. */
    cJSON *shared = obj->child->next; /* "y" */
    cJSON *holder = cJSON_CreateArray();
    cJSON_AddItemReferenceToArray(holder, shared);
    cJSON_AddItemReferenceToArray(holder, a->child);
    show("holder", holder);
    cJSON *named = cJSON_CreateObject();
    cJSON_AddItemReferenceToObject(named, "alias", shared);
    cJSON_AddItemReferenceToObject(named, "first", a->child);
    show("named", named);
    cJSON_Delete(holder);
    cJSON_Delete(named);
    show("the object after its references", obj);
    show("the array after its references", a);

    /* Detaching by pointer: the middle, the head, the tail. */
    cJSON *d = parsed("[0,1,2,3,4]");
    cJSON *mid = cJSON_DetachItemViaPointer(d, cJSON_GetArrayItem(d, 2));
    show("detached middle", mid);
    show("left", d);
    cJSON_Delete(mid);
    cJSON_Delete(cJSON_DetachItemViaPointer(d, d->child));
    show("without its head", d);
    cJSON_Delete(cJSON_DetachItemViaPointer(d, cJSON_GetArrayItem(d, cJSON_GetArraySize(d) - 1)));
    show("without its tail", d);
    show("detached NULL", cJSON_DetachItemViaPointer(d, NULL));

    /* Insertion: at the head, in the middle, at and past the end. */
    cJSON_InsertItemInArray(d, 0, cJSON_CreateString("head"));
    show("insert at 0", d);
    cJSON *between = parsed("[1,3]");
    cJSON_InsertItemInArray(between, 1, cJSON_CreateString("middle"));
    show("insert in the middle", between);
    cJSON_Delete(between);
    cJSON_InsertItemInArray(d, cJSON_GetArraySize(d), cJSON_CreateString("end"));
    show("insert at the size", d);
    cJSON_InsertItemInArray(d, 100, cJSON_CreateString("far"));
    show("insert at 100", d);
    cJSON *unused = cJSON_CreateString("negative");
    cJSON_InsertItemInArray(d, -1, unused);
    show("insert at -1", d);
    cJSON_Delete(unused);

    /* Replacement by pointer, by index and by key. */
    printf("replace head: %d\n", cJSON_ReplaceItemViaPointer(d, d->child, cJSON_CreateNumber(10)) != 0);
    show("after", d);
    printf("replace tail: %d\n", cJSON_ReplaceItemViaPointer(d, cJSON_GetArrayItem(d, cJSON_GetArraySize(d) - 1), cJSON_CreateNumber(99)) != 0);
    show("after", d);
    printf("replace with NULL: %d\n", cJSON_ReplaceItemViaPointer(d, d->child, NULL) != 0);
    printf("replace by itself: %d\n", cJSON_ReplaceItemViaPointer(d, d->child, d->child) != 0);
    show("after", d);
    cJSON_ReplaceItemInArray(d, 1, cJSON_CreateTrue());
    show("replace index 1", d);
    cJSON *spare = cJSON_CreateFalse();
    cJSON_ReplaceItemInArray(d, 50, spare);
    show("replace index 50", d);
    cJSON_Delete(spare);
    cJSON *m = parsed("{\"a\":1,\"B\":2,\"c\":3}");
    cJSON_ReplaceItemInObject(m, "b", cJSON_CreateString("two"));
    show("replace b (any case)", m);
    cJSON *kept = cJSON_CreateString("C");
    cJSON_ReplaceItemInObjectCaseSensitive(m, "C", kept);
    show("replace C (exact case)", m);
    printf("the unused replacement's key: %s\n", kept->string ? kept->string : "NULL");
    cJSON_Delete(kept);
    cJSON_ReplaceItemInObjectCaseSensitive(m, "c", cJSON_CreateNull());
    show("replace c (exact case)", m);

    cJSON_Delete(m);
    cJSON_Delete(d);
    cJSON_Delete(obj);
    cJSON_Delete(a);
    printf("done\n");
    return 0;
}
