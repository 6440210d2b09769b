"""Runs every organization method of OpenAI's official Python SDK (the
pinned `openai` of tests/python/requirements.txt) against the mock, with
the SDK's strict response validation: each answer must parse into the SDK's
own types. Methods run in an order that makes what the next ones need
(an invite accepted through the mock's hook becomes a user, …).

Prints one line per call, `<resource>.<method>[ note]\t<ok or the error>`,
and a last line `calls <n>`. The test compares the errors with its table of
deliberate ones.

Environment: OPENAI_API_TEST_URL (the mock's /v1 URL), OPENAI_API_TEST_KEY,
OPENAI_API_TEST_PROJECT (a project of the mock)."""
import os
import sys
import urllib.request

import openai

URL = os.environ["OPENAI_API_TEST_URL"]
client = openai.OpenAI(
    admin_api_key=os.environ["OPENAI_API_TEST_KEY"],
    api_key="sk-not-used",
    base_url=URL,
    max_retries=0,
    _strict_response_validation=True,
)
org = client.admin.organization
PROJECT = os.environ["OPENAI_API_TEST_PROJECT"]
PEM = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUZm9y\n-----END CERTIFICATE-----\n"
calls = 0


def run(name, f):
    """Calls f; prints ok or the error; returns f's value (None on error)."""
    global calls
    calls += 1
    try:
        value = f()
        print(f"{name}\tok", flush=True)
        return value
    except openai.APIStatusError as e:
        print(f"{name}\t{type(e).__name__} {e.status_code}", flush=True)
    except Exception as e:  # noqa: BLE001 - any other failure is reported as is
        why = " ".join(str(e.__cause__ or e).split())[:600]
        print(f"{name}\t{type(e).__name__}: {why}", flush=True)
    return None


def every(page):
    """All items of a list, following the SDK's own pagination."""
    return list(page)


def accept(invite_id):
    """The mock's control endpoint: the invitee accepts."""
    base = URL[: -len("/v1")]
    req = urllib.request.Request(f"{base}/__mock/invites/{invite_id}/accept", data=b"", method="POST")
    with urllib.request.urlopen(req, timeout=10) as r:
        return r.status


# Admin API keys.
key = run("admin_api_keys.create", lambda: org.admin_api_keys.create(name="rotation", expires_in_seconds=86400))
run("admin_api_keys.list", lambda: every(org.admin_api_keys.list(limit=1)))
if key:
    assert key.value and key.value.startswith("sk-admin-"), key
    run("admin_api_keys.retrieve", lambda: org.admin_api_keys.retrieve(key.id))
    run("admin_api_keys.delete", lambda: org.admin_api_keys.delete(key.id))
run("admin_api_keys.retrieve missing", lambda: org.admin_api_keys.retrieve("key_missing"))

# Invites and users.
invite = run(
    "invites.create",
    lambda: org.invites.create(email="new.hire@example.com", role="reader", projects=[{"id": PROJECT, "role": "member"}]),
)
run("invites.list", lambda: every(org.invites.list(limit=1)))
run("invites.create bad role", lambda: org.invites.create(email="x@example.com", role="boss"))
if invite:
    run("invites.retrieve", lambda: org.invites.retrieve(invite.id))
    run("mock accepts the invite", lambda: accept(invite.id))
    run("invites.delete accepted", lambda: org.invites.delete(invite.id))
second = run("invites.create second", lambda: org.invites.create(email="contractor@example.com", role="reader"))
if second:
    run("invites.delete", lambda: org.invites.delete(second.id))
users = run("users.list", lambda: every(org.users.list(limit=2))) or []
hired = run("users.list emails", lambda: every(org.users.list(emails=["new.hire@example.com"]))) or []
if hired:
    uid = hired[0].id
    run("users.retrieve", lambda: org.users.retrieve(uid))
    run("users.update", lambda: org.users.update(uid, role="owner"))
run("users.retrieve missing", lambda: org.users.retrieve("user_missing"))

# Roles, and roles given to users and groups.
role = run("roles.create", lambda: org.roles.create(role_name="Auditor", permissions=["api.organization.read"], description="Reads"))
run("roles.list", lambda: every(org.roles.list(limit=1)))
if role:
    run("roles.retrieve", lambda: org.roles.retrieve(role.id))
    run("roles.update", lambda: org.roles.update(role.id, description="Reads everything"))
    run("users.roles.create", lambda: org.users.roles.create("user_bob", role_id=role.id))
    run("users.roles.list", lambda: every(org.users.roles.list("user_bob")))
    run("users.roles.retrieve", lambda: org.users.roles.retrieve(role.id, user_id="user_bob"))
    run("users.roles.delete", lambda: org.users.roles.delete(role.id, user_id="user_bob"))
group = run("groups.create", lambda: org.groups.create(name="Auditors"))
run("groups.list", lambda: every(org.groups.list(limit=1)))
if group:
    run("groups.retrieve", lambda: org.groups.retrieve(group.id))
    run("groups.update", lambda: org.groups.update(group.id, name="Internal auditors"))
    run("groups.users.create", lambda: org.groups.users.create(group.id, user_id="user_carol"))
    run("groups.users.list", lambda: every(org.groups.users.list(group.id)))
    run("groups.users.retrieve", lambda: org.groups.users.retrieve("user_carol", group_id=group.id))
    run("groups.users.delete", lambda: org.groups.users.delete("user_carol", group_id=group.id))
    if role:
        run("groups.roles.create", lambda: org.groups.roles.create(group.id, role_id=role.id))
        run("groups.roles.list", lambda: every(org.groups.roles.list(group.id)))
        run("groups.roles.retrieve", lambda: org.groups.roles.retrieve(role.id, group_id=group.id))
        run("groups.roles.delete", lambda: org.groups.roles.delete(role.id, group_id=group.id))
    run("groups.delete", lambda: org.groups.delete(group.id))
if role:
    run("roles.delete", lambda: org.roles.delete(role.id))
if users:
    run("users.delete", lambda: org.users.delete(users[-1].id))

# Certificates.
cert = run("certificates.create", lambda: org.certificates.create(certificate=PEM, name="mTLS"))
run("certificates.create not PEM", lambda: org.certificates.create(certificate="nope"))
run("certificates.list", lambda: every(org.certificates.list(limit=1)))
if cert:
    run("certificates.retrieve", lambda: org.certificates.retrieve(cert.id, include=["content"]))
    run("certificates.update", lambda: org.certificates.update(cert.id, name="mTLS 2"))
    run("certificates.activate", lambda: every(org.certificates.activate(certificate_ids=[cert.id])))
    run("certificates.deactivate", lambda: every(org.certificates.deactivate(certificate_ids=[cert.id])))
    run("certificates.delete", lambda: org.certificates.delete(cert.id))

# Data retention, spend alerts, the spend limit.
run("data_retention.retrieve", lambda: org.data_retention.retrieve())
run("data_retention.update", lambda: org.data_retention.update(retention_type="modified_abuse_monitoring"))
channel = {"type": "email", "recipients": ["finance@example.com"]}
alert = run(
    "spend_alerts.create",
    lambda: org.spend_alerts.create(currency="USD", interval="month", notification_channel=channel, threshold_amount=50000),
)
run("spend_alerts.list", lambda: every(org.spend_alerts.list(limit=1)))
if alert:
    run("spend_alerts.retrieve", lambda: org.spend_alerts.retrieve(alert.id))
    run(
        "spend_alerts.update",
        lambda: org.spend_alerts.update(alert.id, currency="USD", interval="month", notification_channel=channel, threshold_amount=75000),
    )
    run("spend_alerts.delete", lambda: org.spend_alerts.delete(alert.id))
run("spend_limit.retrieve unset", lambda: org.spend_limit.retrieve())
run("spend_limit.update", lambda: org.spend_limit.update(currency="USD", interval="month", threshold_amount=100000))
run("spend_limit.retrieve", lambda: org.spend_limit.retrieve())
run("spend_limit.delete", lambda: org.spend_limit.delete())

# Usage and costs, grouped and filtered; the audit log of all the above.
start = 1735689600 - 10 * 86400
usage = org.usage
run("usage.completions", lambda: usage.completions(start_time=start, group_by=["project_id", "model"], limit=3))
run("usage.completions batch", lambda: usage.completions(start_time=start, batch=True, models=["gpt-4o"]))
run("usage.embeddings", lambda: usage.embeddings(start_time=start, group_by=["user_id"]))
run("usage.moderations", lambda: usage.moderations(start_time=start, bucket_width="1h", limit=2))
run("usage.images", lambda: usage.images(start_time=start, group_by=["size", "source"], sizes=["1024x1024"]))
run("usage.audio_speeches", lambda: usage.audio_speeches(start_time=start))
run("usage.audio_transcriptions", lambda: usage.audio_transcriptions(start_time=start, group_by=["model"]))
run("usage.vector_stores", lambda: usage.vector_stores(start_time=start, group_by=["project_id"]))
run("usage.code_interpreter_sessions", lambda: usage.code_interpreter_sessions(start_time=start, group_by=["project_id"]))
run("usage.file_search_calls", lambda: usage.file_search_calls(start_time=start, group_by=["vector_store_id"]))
run("usage.web_search_calls", lambda: usage.web_search_calls(start_time=start, group_by=["context_level"]))
run("usage.costs", lambda: usage.costs(start_time=start, group_by=["project_id", "line_item"], project_ids=[PROJECT]))
run("usage.completions limit 0", lambda: usage.completions(start_time=start, limit=0))
run("audit_logs.list", lambda: every(org.audit_logs.list(limit=5)))
run("audit_logs.list filtered", lambda: every(org.audit_logs.list(event_types=["invite.sent"], effective_at={"gte": 0})))


def methods(resource, prefix):
    """Every API method of a resource and its sub-resources, by name."""
    out = []
    for name in dir(type(resource)):
        if name.startswith("_") or name.startswith("with_"):
            continue
        attr = getattr(type(resource), name)
        if isinstance(attr, property) or hasattr(attr, "func"):  # a sub-resource (cached_property)
            sub = getattr(resource, name)
            if isinstance(sub, openai._resource.SyncAPIResource):
                out += methods(sub, f"{prefix}{name}.")
        elif callable(attr):
            out.append(f"{prefix}{name}")
    return out


# What the SDK has ahead of the document is another issue's (x-source).
AHEAD = ("external_keys.", "external_storage.", "workload_identity_providers.", "projects.", "usage.decisions")
print("methods " + " ".join(m for m in methods(org, "") if not m.startswith(AHEAD)))
print(f"calls {calls}")
sys.exit(0)
