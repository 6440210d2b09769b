/* Every address gets a chance, within the connect limit, which counts from
 * the start of name resolution. This program answers name lookups itself
 * (it defines getaddrinfo, which the library's lookups reach):
 * - "twohomed.test" has two addresses: 127.0.0.2 first, where nothing
 *   answers the SYN, then 127.0.0.1, where the mock listens;
 * - "slowdns.test" takes 1500 ms to resolve to 127.0.0.2 alone.
 * argv[1]: "two_addresses" (the call succeeds well within the 3000 ms
 * limit) or "slow_lookup" (it fails after 2000 ms in all). Prints
 * "elapsed N". Environment: OPENAI_API_TEST_PORT, OPENAI_API_TEST_KEY. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "api/ProjectsAPI.h"
#include "../check.h"

typedef int (*getaddrinfo_fn)(const char *, const char *, const struct addrinfo *, struct addrinfo **);
typedef void (*freeaddrinfo_fn)(struct addrinfo *);

/* Our answers are one block: a marker, then the entries. */
struct answer {
    unsigned magic;
    struct addrinfo ai[2];
    struct sockaddr_in sin[2];
};
#define MAGIC 0x7e57ad

static struct addrinfo *answer(const char *service, int count, const unsigned char last_octets[]) {
    struct answer *a = calloc(1, sizeof *a);
    a->magic = MAGIC;
    for (int i = 0; i < count; i++) {
        a->sin[i].sin_family = AF_INET;
        a->sin[i].sin_port = htons(service ? (unsigned short)atoi(service) : 0);
        a->sin[i].sin_addr.s_addr = htonl(0x7f000000u | last_octets[i]);
        a->ai[i].ai_family = AF_INET;
        a->ai[i].ai_socktype = SOCK_STREAM;
        a->ai[i].ai_protocol = IPPROTO_TCP;
        a->ai[i].ai_addrlen = sizeof a->sin[i];
        a->ai[i].ai_addr = (struct sockaddr *)&a->sin[i];
        a->ai[i].ai_next = i + 1 < count ? &a->ai[i + 1] : NULL;
    }
    return &a->ai[0];
}

int getaddrinfo(const char *node, const char *service, const struct addrinfo *hints, struct addrinfo **res) {
    if (node && !strcmp(node, "twohomed.test")) {
        static const unsigned char octets[] = {2, 1};
        *res = answer(service, 2, octets);
        return 0;
    }
    if (node && !strcmp(node, "slowdns.test")) {
        static const unsigned char octets[] = {2};
        usleep(1500 * 1000);
        *res = answer(service, 1, octets);
        return 0;
    }
    getaddrinfo_fn real = (getaddrinfo_fn)dlsym(RTLD_NEXT, "getaddrinfo");
    return real(node, service, hints, res);
}

void freeaddrinfo(struct addrinfo *ai) {
    if (ai) {
        struct answer *a = (struct answer *)((char *)ai - offsetof(struct answer, ai));
        if (a->magic == MAGIC) {
            free(a);
            return;
        }
    }
    freeaddrinfo_fn real = (freeaddrinfo_fn)dlsym(RTLD_NEXT, "freeaddrinfo");
    real(ai);
}

static long now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000L + t.tv_nsec / 1000000L;
}

int main(int argc, char **argv) {
    const char *port = getenv("OPENAI_API_TEST_PORT"), *key = getenv("OPENAI_API_TEST_KEY");
    if (!port || !key || argc != 2) { fprintf(stderr, "usage: eyeballs CASE (environment set)\n"); return 2; }
    int two = !strcmp(argv[1], "two_addresses");
    char url[128];
    snprintf(url, sizeof url, "http://%s:%s/v1", two ? "twohomed.test" : "slowdns.test", port);
    apiClient_t *c = apiClient_create_with_base_path(url, NULL);
    c->accessToken = strdup(key);
    apiClient_setMaxRetries(c, 0);
    apiClient_setTimeouts(c, two ? 3000 : 2000, 0);
    int limit = 1;
    long t0 = now_ms();
    project_list_response_t *l = ProjectsAPI_listProjects(c, &limit, NULL, NULL);
    long elapsed = now_ms() - t0;
    if (two) {
        CHECK(l != NULL);
        CHECK_INT(c->response_code, 200);
    } else {
        CHECK(l == NULL);
        CHECK_STR(apiClient_errorType(c), "timeout");
    }
    if (apiClient_errorMessage(c)) fprintf(stderr, "message: %s\n", apiClient_errorMessage(c));
    printf("elapsed %ld\n", elapsed);
    project_list_response_free(l);
    apiClient_free(c);
    CHECK_DONE();
}
