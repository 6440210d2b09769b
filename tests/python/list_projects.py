"""Loads libopenai_api.so with ctypes (standard library only), lists
projects from the mock, reads id/name/created_at, frees the result with the
library's _free, and reads the error message after a 404.

Environment: OPENAI_API_LIB (path of libopenai_api.so), OPENAI_API_TEST_URL,
OPENAI_API_TEST_KEY. Exits non-zero on the first failed check."""
import ctypes
import os
import sys

lib = ctypes.CDLL(os.environ["OPENAI_API_LIB"])
libc = ctypes.CDLL(None)


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
    # Only the leading fields this script touches, in header order.
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


lib.apiClient_create_with_base_path.restype = ctypes.POINTER(ApiClient)
lib.apiClient_create_with_base_path.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
lib.apiClient_free.argtypes = [ctypes.POINTER(ApiClient)]
lib.apiClient_errorMessage.restype = ctypes.c_char_p
lib.apiClient_errorMessage.argtypes = [ctypes.POINTER(ApiClient)]
lib.ProjectsAPI_listProjects.restype = ctypes.POINTER(ProjectList)
lib.ProjectsAPI_listProjects.argtypes = [ctypes.POINTER(ApiClient), ctypes.POINTER(ctypes.c_int), ctypes.c_char_p, ctypes.POINTER(ctypes.c_int)]
lib.project_list_response_free.argtypes = [ctypes.POINTER(ProjectList)]
lib.ProjectsAPI_retrieveProject.restype = ctypes.POINTER(Project)
lib.ProjectsAPI_retrieveProject.argtypes = [ctypes.POINTER(ApiClient), ctypes.c_char_p]
libc.strdup.restype = ctypes.c_void_p
libc.strdup.argtypes = [ctypes.c_char_p]


def check(cond, what):
    if not cond:
        print("FAILED:", what, file=sys.stderr)
        sys.exit(1)


client = lib.apiClient_create_with_base_path(os.environ["OPENAI_API_TEST_URL"].encode(), None)
check(bool(client), "client created")
# The client frees accessToken, so it must come from the C allocator.
client.contents.accessToken = libc.strdup(os.environ["OPENAI_API_TEST_KEY"].encode())

limit = ctypes.c_int(100)
page = lib.ProjectsAPI_listProjects(client, ctypes.byref(limit), None, None)
check(bool(page), "list returned a page")
check(client.contents.response_code == 200, "status 200")
projects = []
entry = page.contents.data.contents.firstEntry
while entry:
    p = ctypes.cast(entry.contents.data, ctypes.POINTER(Project)).contents
    projects.append((p.id.decode(), p.name.decode(), p.created_at))
    entry = entry.contents.nextListEntry
lib.project_list_response_free(page)
check(len(projects) == 3, "three projects: %r" % projects)
check([name for _, name, _ in projects] == ["Project 1", "Project 2", "Project 3"], "names: %r" % projects)
check(all(pid.startswith("proj_") and created > 1700000000 for pid, _, created in projects), "ids and times")

missing = lib.ProjectsAPI_retrieveProject(client, b"proj_missing")
check(not missing, "NULL for an unknown project")
check(client.contents.response_code == 404, "status 404")
message = lib.apiClient_errorMessage(client)
check(message is not None and b"proj_missing" in message, "error message: %r" % message)

lib.apiClient_free(client)
print("python ctypes: %d projects, 404 message: %s" % (len(projects), message.decode()))
