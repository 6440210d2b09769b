// The floor the benchmarks hold the library against: the same job done as
// well as C and C++ can do it. One kept-alive socket; a call writes the
// request, reads the head (its Content-Length) and the body in place,
// parses the body with simdjson (Debian's libsimdjson-dev) and makes the
// same C blocks the ABI asks for: the answer's struct, its list_t and
// listEntry_t, each project_t and each string, every one from malloc, freed
// one by one. Nothing else: no header map, no retry, no error API.
//
//   floor count HOST PORT PATH KEY retrieve|page N     N calls, then exits
//   floor rate HOST PORT PATH KEY retrieve|page SECONDS
//                                   calls for SECONDS, prints calls/s
//
// Built by the benchmarks (benches/instructions.rs, benches/calls.rs):
//   c++ -O3 -march=haswell -std=c++17 -I include benches/floor/floor.cpp -lsimdjson
// (haswell: simdjson's on-demand parser then compiles for AVX2, not its
// portable fallback; valgrind runs AVX2)
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include <simdjson.h>

#include "model/project.h"
#include "model/project_list_response.h"

namespace {

int sock = -1;
std::string request;
// The connection's buffer: what was read and not used yet is at
// [start, end); simdjson reads up to SIMDJSON_PADDING bytes past a body.
char *buf;
size_t cap = 1 << 16, start = 0, end = 0;

void die(const char *what) {
    perror(what);
    exit(1);
}

void fill() {
    if (end + 4096 > cap) {
        if (start > 0) {
            memmove(buf, buf + start, end - start);
            end -= start;
            start = 0;
        }
        if (end + 4096 > cap) {
            cap *= 2;
            buf = static_cast<char *>(realloc(buf, cap + simdjson::SIMDJSON_PADDING));
        }
    }
    ssize_t n = read(sock, buf + end, cap - end);
    if (n <= 0) die("read");
    end += static_cast<size_t>(n);
}

// One answer: the body's place in `buf` (valid until the next call).
std::string_view answer() {
    const char *head_end;
    for (;;) {
        head_end = static_cast<const char *>(memmem(buf + start, end - start, "\r\n\r\n", 4));
        if (head_end) break;
        fill();
    }
    // The Content-Length, looked for at the start of each line.
    size_t length = 0;
    for (const char *p = buf + start; p < head_end;) {
        if ((*p | 0x20) == 'c' && strncasecmp(p, "content-length:", 15) == 0) {
            length = strtoul(p + 15, nullptr, 10);
            break;
        }
        const char *nl = static_cast<const char *>(memchr(p, '\n', static_cast<size_t>(head_end - p)));
        if (!nl) break;
        p = nl + 1;
    }
    size_t body = static_cast<size_t>(head_end + 4 - buf);
    while (end - body < length) {
        size_t off = body - start;
        fill();
        body = start + off;
    }
    start = body + length;
    if (start == end) start = end = 0;
    return std::string_view(buf + body, length);
}

char *dup(std::string_view s) {
    char *p = static_cast<char *>(malloc(s.size() + 1));
    memcpy(p, s.data(), s.size());
    p[s.size()] = 0;
    return p;
}

project_t *project_of(simdjson::ondemand::object o) {
    project_t *p = static_cast<project_t *>(calloc(1, sizeof *p));
    for (auto field : o) {
        // The key as it stands in the JSON (these keys have no escapes).
        simdjson::ondemand::raw_json_string key = field.key();
        auto v = field.value();
        if (key == "id") p->id = dup(v.get_string());
        else if (key == "name") p->name = dup(v.get_string());
        else if (key == "object") p->object = v.get_string().value() == "organization.project" ? openai_api_project_OBJECT_organization_project : openai_api_project_OBJECT_NULL;
        else if (key == "created_at") p->created_at = static_cast<int>(v.get_int64());
        else if (key == "archived_at") p->archived_at = v.is_null() ? 0 : static_cast<int>(v.get_int64());
        else if (key == "status") p->status = v.get_string().value() == "active" ? openai_api_project_STATUS_active : openai_api_project_STATUS_archived;
    }
    return p;
}

void free_project(project_t *p) {
    free(p->id);
    free(p->name);
    free(p);
}

simdjson::ondemand::parser parser;

void retrieve() {
    std::string_view body = answer();
    auto doc = parser.iterate(body.data(), body.size(), body.size() + simdjson::SIMDJSON_PADDING);
    project_t *p = project_of(doc.get_object());
    if (!p->id) die("no id");
    free_project(p);
}

void page() {
    std::string_view body = answer();
    auto doc = parser.iterate(body.data(), body.size(), body.size() + simdjson::SIMDJSON_PADDING);
    project_list_response_t *r = static_cast<project_list_response_t *>(calloc(1, sizeof *r));
    for (auto field : doc.get_object()) {
        simdjson::ondemand::raw_json_string key = field.key();
        auto v = field.value();
        if (key == "data") {
            r->data = static_cast<list_t *>(calloc(1, sizeof(list_t)));
            for (auto item : v.get_array()) {
                listEntry_t *e = static_cast<listEntry_t *>(calloc(1, sizeof(listEntry_t)));
                e->data = project_of(item.get_object());
                e->prevListEntry = r->data->lastEntry;
                if (r->data->lastEntry) r->data->lastEntry->nextListEntry = e;
                else r->data->firstEntry = e;
                r->data->lastEntry = e;
                r->data->count++;
            }
        } else if (key == "first_id") r->first_id = dup(v.get_string());
        else if (key == "last_id") r->last_id = dup(v.get_string());
        else if (key == "has_more") r->has_more = v.get_bool();
        else if (key == "object") r->object = openai_api_project_list_response_OBJECT_list;
    }
    if (!r->data || r->data->count != 100) die("not a page of 100");
    for (listEntry_t *e = r->data->firstEntry; e;) {
        listEntry_t *next = e->nextListEntry;
        free_project(static_cast<project_t *>(e->data));
        free(e);
        e = next;
    }
    free(r->data);
    free(r->first_id);
    free(r->last_id);
    free(r);
}

}  // namespace

int main(int argc, char **argv) {
    if (argc != 8) {
        fprintf(stderr, "usage: floor count|rate HOST PORT PATH KEY retrieve|page N|SECONDS\n");
        return 2;
    }
    const std::string mode = argv[1], host = argv[2], path = argv[4], key = argv[5], kind = argv[6];
    buf = static_cast<char *>(malloc(cap + simdjson::SIMDJSON_PADDING));
    sock = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in at{};
    at.sin_family = AF_INET;
    at.sin_port = htons(static_cast<uint16_t>(atoi(argv[3])));
    inet_pton(AF_INET, host.c_str(), &at.sin_addr);
    if (connect(sock, reinterpret_cast<sockaddr *>(&at), sizeof at) != 0) die("connect");
    int one = 1;
    setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    request = "GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + argv[3] + "\r\nAccept: application/json\r\nAuthorization: Bearer " + key +
              "\r\nUser-Agent: floor\r\n\r\n";
    auto call = [&] {
        if (write(sock, request.data(), request.size()) != static_cast<ssize_t>(request.size())) die("write");
        if (kind == "retrieve") retrieve();
        else page();
    };
    if (mode == "count") {
        for (long n = atol(argv[7]); n > 0; n--) call();
    } else {
        using clock = std::chrono::steady_clock;
        const double seconds = atof(argv[7]);
        for (auto warm = clock::now(); clock::now() - warm < std::chrono::milliseconds(100);) call();
        long n = 0;
        const auto t0 = clock::now();
        while (std::chrono::duration<double>(clock::now() - t0).count() < seconds) {
            call();
            n++;
        }
        printf("%.0f\n", n / std::chrono::duration<double>(clock::now() - t0).count());
    }
    close(sock);
    free(buf);
    return 0;
}
