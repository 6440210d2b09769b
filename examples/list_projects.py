"""The C library from Python with ctypes alone: list projects, read each
one's id, name and creation time, free the page with the library's _free,
and read why a call failed.

    python3 list_projects.py [PROJECT_ID]

The library: OPENAI_API_LIB (a path), else the one the loader finds. The
key comes from OPENAI_ADMIN_KEY and the server from OPENAI_BASE_URL
(default https://api.openai.com/v1), which apiClient_create reads."""
import ctypes
import ctypes.util
import os
import sys

lib = ctypes.CDLL(os.environ.get("OPENAI_API_LIB") or ctypes.util.find_library("openai_api") or "libopenai_api.so")


class ListEntry(ctypes.Structure):
    pass


ListEntry._fields_ = [
    ("nextListEntry", ctypes.POINTER(ListEntry)),
    ("prevListEntry", ctypes.POINTER(ListEntry)),
    ("data", ctypes.c_void_p),
]


class List(ctypes.Structure):
    _fields_ = [
        ("firstEntry", ctypes.POINTER(ListEntry)),
        ("lastEntry", ctypes.POINTER(ListEntry)),
        ("count", ctypes.c_long),
    ]


class Project(ctypes.Structure):
    _fields_ = [
        ("id", ctypes.c_char_p),
        ("object", ctypes.c_int),
        ("name", ctypes.c_char_p),
        ("created_at", ctypes.c_int),
        ("archived_at", ctypes.c_int),
        ("status", ctypes.c_int),
        ("_library_owned", ctypes.c_int),
    ]


class ProjectList(ctypes.Structure):
    _fields_ = [
        ("object", ctypes.c_int),
        ("data", ctypes.POINTER(List)),
        ("first_id", ctypes.c_char_p),
        ("last_id", ctypes.c_char_p),
        ("has_more", ctypes.c_int),
        ("_library_owned", ctypes.c_int),
    ]


class ApiClient(ctypes.Structure):
    # Only the leading fields this program reads, in the header's order.
    _fields_ = [
        ("basePath", ctypes.c_char_p),
        ("sslConfig", ctypes.c_void_p),
        ("curlConfig", ctypes.c_void_p),
        ("curl_pre_invoke_func", ctypes.c_void_p),
        ("dataReceived", ctypes.c_void_p),
        ("dataReceivedLen", ctypes.c_long),
        ("data_callback_func", ctypes.c_void_p),
        ("progress_func", ctypes.c_void_p),
        ("progress_data", ctypes.c_void_p),
        ("response_code", ctypes.c_long),
        ("accessToken", ctypes.c_void_p),
    ]


lib.apiClient_create.restype = ctypes.POINTER(ApiClient)
lib.apiClient_create.argtypes = []
lib.apiClient_free.argtypes = [ctypes.POINTER(ApiClient)]
lib.apiClient_errorMessage.restype = ctypes.c_char_p
lib.apiClient_errorMessage.argtypes = [ctypes.POINTER(ApiClient)]
lib.ProjectsAPI_listProjects.restype = ctypes.POINTER(ProjectList)
lib.ProjectsAPI_listProjects.argtypes = [ctypes.POINTER(ApiClient), ctypes.POINTER(ctypes.c_int), ctypes.c_char_p, ctypes.POINTER(ctypes.c_int)]
lib.project_list_response_free.argtypes = [ctypes.POINTER(ProjectList)]
lib.ProjectsAPI_retrieveProject.restype = ctypes.POINTER(Project)
lib.ProjectsAPI_retrieveProject.argtypes = [ctypes.POINTER(ApiClient), ctypes.c_char_p]
lib.project_free.argtypes = [ctypes.POINTER(Project)]


client = lib.apiClient_create()
if not client:
    sys.exit("no client")

limit = ctypes.c_int(100)
page = lib.ProjectsAPI_listProjects(client, ctypes.byref(limit), None, None)
if not page:
    sys.exit("listing failed: HTTP %d, %s" % (client.contents.response_code, lib.apiClient_errorMessage(client)))
projects = []
entry = page.contents.data.contents.firstEntry
while entry:
    p = ctypes.cast(entry.contents.data, ctypes.POINTER(Project)).contents
    projects.append((p.id.decode(), p.name.decode() if p.name else "-", p.created_at))
    entry = entry.contents.nextListEntry
# The page and every project in it are freed by the library, as in C.
lib.project_list_response_free(page)
print("%d projects: %s" % (len(projects), " ".join("[%s %s %d]" % p for p in projects)))

wanted = sys.argv[1] if len(sys.argv) > 1 else "proj_missing"
found = lib.ProjectsAPI_retrieveProject(client, wanted.encode())
if found:
    print("%s: %s" % (wanted, found.contents.name.decode() if found.contents.name else "-"))
    lib.project_free(found)
else:
    message = lib.apiClient_errorMessage(client)
    print("%s: HTTP %d, %s" % (wanted, client.contents.response_code, message.decode() if message else "-"))
lib.apiClient_free(client)
