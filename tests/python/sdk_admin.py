"""Runs every method of OpenAI's official Python SDK's admin resources (the
pinned `openai` of tests/python/requirements.txt) against the mock, with
the SDK's strict response validation: each answer must parse into the SDK's
own types. Methods run in an order that makes what the next ones need
(an invite accepted through the mock's hook becomes a user, …).

Prints one line per call, `<resource>.<method>[ note]\t<ok or the error>`,
and a last line `calls <n>`. The test compares the errors with its table of
deliberate ones.

Environment: OPENAI_API_TEST_URL (the mock's /v1 URL), OPENAI_API_TEST_KEY,
OPENAI_API_TEST_PROJECT (a project of the mock)."""
import json
import os
import sys
import urllib.request

import openai

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
from contract import admin_methods  # noqa: E402 - every admin method, as the contract check walks them
import sdk_run  # noqa: E402 - the line each call prints
from sdk_run import run  # noqa: E402

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


def every(page):
    """All items of a list, following the SDK's own pagination."""
    return list(page)


def control(path, body=None):
    """POSTs to one of the mock's control endpoints (no key); its JSON answer."""
    base = URL[: -len("/v1")]
    data = json.dumps(body).encode() if body is not None else b""
    req = urllib.request.Request(f"{base}/__mock/{path}", data=data, method="POST", headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.loads(r.read())


def accept(invite_id):
    """The invitee accepts."""
    return control(f"invites/{invite_id}/accept")


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
limit = run(
    "spend_limit.update notification_channel",
    lambda: org.spend_limit.update(
        currency="USD", interval="month", threshold_amount=100000, notification_channel={"type": "email", "recipients": ["cfo@example.com"]}
    ),
)
assert limit is None or limit.notification_channel.recipients == ["cfo@example.com"], limit
limit = run("spend_limit.update notification_channel null", lambda: org.spend_limit.update(currency="USD", interval="month", threshold_amount=90000, notification_channel=None))
assert limit is None or limit.notification_channel is None, limit
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


def verdict(collection, item_id, status):
    """What validating that external key or storage answers from now on."""
    return control(f"{collection}/{item_id}/verdict", {"status": status})


# Projects: the seed's calls, the newer ones, and what the SDK has ahead of
# the document (key expiry and scopes, service tiers, geography, residencies).
projects = org.projects
run("projects.list", lambda: every(projects.list(limit=1, include_archived=True)))
made = run("projects.create", lambda: projects.create(name="Tokyo", residency="JP_STORAGE_PROCESSING"))
run("projects.create geography", lambda: projects.create(name="Legacy", geography="US"))
run("projects.create geography and residency", lambda: projects.create(name="Both", geography="US", residency="GLOBAL"))
run("projects.retrieve", lambda: projects.retrieve(PROJECT))
run("projects.update", lambda: projects.update(PROJECT, name="Main project", geography="US"))
if made:
    run("projects.archive", lambda: projects.archive(made.id))
pu = projects.users
run("projects.users.create", lambda: pu.create(PROJECT, user_id="user_bob", role="member"))
run("projects.users.list", lambda: every(pu.list(PROJECT, limit=1)))
run("projects.users.retrieve", lambda: pu.retrieve("user_bob", project_id=PROJECT))
run("projects.users.update", lambda: pu.update("user_bob", project_id=PROJECT, role="owner"))
sa_api = projects.service_accounts
sa = run("projects.service_accounts.create", lambda: sa_api.create(PROJECT, name="deployer", expires_in_seconds=3600))
if sa:
    assert sa.api_key and sa.api_key.expires_at == sa.api_key.created_at + 3600, sa
run("projects.service_accounts.list", lambda: every(sa_api.list(PROJECT, limit=1)))
if sa:
    run("projects.service_accounts.retrieve", lambda: sa_api.retrieve(sa.id, project_id=PROJECT))
    run("projects.service_accounts.update", lambda: sa_api.update(sa.id, project_id=PROJECT, name="deployer 2"))
    fresh = run(
        "projects.service_accounts.api_keys.create",
        lambda: sa_api.api_keys.create(sa.id, project_id=PROJECT, name="ci", scopes=["api.all.read"], expires_in_seconds=1),
    )
    limited = run(
        "projects.service_accounts.api_keys.create spend_limit",
        lambda: sa_api.api_keys.create(sa.id, project_id=PROJECT, name="capped", spend_limit={"threshold_amount": 2500, "currency": "USD", "interval": "month"}),
    )
    assert limited is None or limited.spend_limit.threshold_amount == 2500, limited
    if fresh:
        assert fresh.expires_at == fresh.created_at + 1, fresh
        # One second on the mock's clock later it has expired.
        run("projects.api_keys.update expired", lambda: projects.api_keys.update(fresh.id, project_id=PROJECT, scopes=[]))
        run("projects.api_keys.delete", lambda: projects.api_keys.delete(fresh.id, project_id=PROJECT))
ak = projects.api_keys
run("projects.api_keys.list", lambda: every(ak.list(PROJECT, limit=1, owner_project_access="any")))
run("projects.api_keys.retrieve", lambda: ak.retrieve("key_alice", project_id=PROJECT))
updated = run("projects.api_keys.update", lambda: ak.update("key_alice", project_id=PROJECT, expires_in_seconds=86400, scopes=["api.all.read"]))
if updated:
    assert updated.expires_at and not hasattr(updated, "value"), updated
run("projects.api_keys.update nothing", lambda: ak.update("key_alice", project_id=PROJECT))
capped = run("projects.api_keys.update spend_limit", lambda: ak.update("key_alice", project_id=PROJECT, spend_limit={"threshold_amount": 1000, "currency": "USD", "interval": "month"}))
assert capped is None or capped.spend_limit.threshold_amount == 1000, capped
uncapped = run("projects.api_keys.update spend_limit null", lambda: ak.update("key_alice", project_id=PROJECT, spend_limit=None))
assert uncapped is None or uncapped.spend_limit is None, uncapped
bot = run("projects.service_accounts.create spend_limit", lambda: sa_api.create(PROJECT, name="capped bot", spend_limit={"threshold_amount": 700, "currency": "USD", "interval": "month"}))
assert bot is None or bot.api_key.spend_limit.threshold_amount == 700, bot
rls = run("projects.rate_limits.list_rate_limits", lambda: every(projects.rate_limits.list_rate_limits(PROJECT, limit=2))) or []
if rls:
    run("projects.rate_limits.update_rate_limit", lambda: projects.rate_limits.update_rate_limit(rls[0].id, project_id=PROJECT, max_requests_per_1_minute=100))
tiers = projects.service_tier_settings
run("projects.service_tier_settings.retrieve", lambda: tiers.retrieve(PROJECT))
run("projects.service_tier_settings.update", lambda: tiers.update(PROJECT, enabled_tiers=["flex", "fast"], default="fast"))
run("projects.service_tier_settings.update all", lambda: tiers.update(PROJECT, enabled_tiers="all"))
run("projects.service_tier_settings.update not enabled", lambda: tiers.update(PROJECT, enabled_tiers=["flex"], default="scale"))
certs = run("projects.certificates.list", lambda: every(projects.certificates.list(PROJECT, limit=1))) or []
if certs:
    run("projects.certificates.activate", lambda: every(projects.certificates.activate(PROJECT, certificate_ids=[certs[0].id])))
    run("projects.certificates.deactivate", lambda: every(projects.certificates.deactivate(PROJECT, certificate_ids=[certs[0].id])))
run("projects.data_retention.retrieve", lambda: projects.data_retention.retrieve(PROJECT))
run("projects.data_retention.update", lambda: projects.data_retention.update(PROJECT, retention_type="zero_data_retention"))
org_groups = every(org.groups.list())
prole = run("projects.roles.create", lambda: projects.roles.create(PROJECT, role_name="Reader", permissions=["api.model.read"]))
run("projects.roles.list", lambda: every(projects.roles.list(PROJECT, limit=1)))
if prole:
    run("projects.roles.retrieve", lambda: projects.roles.retrieve(prole.id, project_id=PROJECT))
    run("projects.roles.update", lambda: projects.roles.update(prole.id, project_id=PROJECT, description="Reads models"))
    run("projects.users.roles.create", lambda: pu.roles.create("user_bob", project_id=PROJECT, role_id=prole.id))
    run("projects.users.roles.list", lambda: every(pu.roles.list("user_bob", project_id=PROJECT)))
    run("projects.users.roles.retrieve", lambda: pu.roles.retrieve(prole.id, project_id=PROJECT, user_id="user_bob"))
    run("projects.users.roles.delete", lambda: pu.roles.delete(prole.id, project_id=PROJECT, user_id="user_bob"))
if org_groups and prole:
    gid = org_groups[0].id
    run("projects.groups.create", lambda: projects.groups.create(PROJECT, group_id=gid, role=prole.id))
    run("projects.groups.list", lambda: every(projects.groups.list(PROJECT, limit=1)))
    run("projects.groups.retrieve", lambda: projects.groups.retrieve(gid, project_id=PROJECT))
    run("projects.groups.roles.create", lambda: projects.groups.roles.create(gid, project_id=PROJECT, role_id=prole.id))
    run("projects.groups.roles.list", lambda: every(projects.groups.roles.list(gid, project_id=PROJECT)))
    run("projects.groups.roles.retrieve", lambda: projects.groups.roles.retrieve(prole.id, project_id=PROJECT, group_id=gid))
    run("projects.groups.roles.delete", lambda: projects.groups.roles.delete(prole.id, project_id=PROJECT, group_id=gid))
    run("projects.groups.delete", lambda: projects.groups.delete(gid, project_id=PROJECT))
if prole:
    run("projects.roles.delete", lambda: projects.roles.delete(prole.id, project_id=PROJECT))
run("projects.hosted_tool_permissions.retrieve", lambda: projects.hosted_tool_permissions.retrieve(PROJECT))
run("projects.hosted_tool_permissions.update", lambda: projects.hosted_tool_permissions.update(PROJECT, web_search={"enabled": False}))
mp = projects.model_permissions
run("projects.model_permissions.update", lambda: mp.update(PROJECT, mode="allow_list", model_ids=["gpt-4o"]))
run("projects.model_permissions.retrieve", lambda: mp.retrieve(PROJECT))
run("projects.model_permissions.delete", lambda: mp.delete(PROJECT))
pchannel = {"type": "email", "recipients": ["team@example.com"]}
palert = run(
    "projects.spend_alerts.create",
    lambda: projects.spend_alerts.create(PROJECT, currency="USD", interval="month", notification_channel=pchannel, threshold_amount=1000),
)
run("projects.spend_alerts.list", lambda: every(projects.spend_alerts.list(PROJECT, limit=1)))
if palert:
    run("projects.spend_alerts.retrieve", lambda: projects.spend_alerts.retrieve(palert.id, project_id=PROJECT))
    run(
        "projects.spend_alerts.update",
        lambda: projects.spend_alerts.update(
            palert.id, project_id=PROJECT, currency="USD", interval="month", notification_channel=pchannel, threshold_amount=2000
        ),
    )
    run("projects.spend_alerts.delete", lambda: projects.spend_alerts.delete(palert.id, project_id=PROJECT))
run("projects.spend_limit.update", lambda: projects.spend_limit.update(PROJECT, currency="USD", interval="month", threshold_amount=5000))
run("projects.spend_limit.retrieve", lambda: projects.spend_limit.retrieve(PROJECT))
run("projects.spend_limit.delete", lambda: projects.spend_limit.delete(PROJECT))
if sa:
    run("projects.service_accounts.delete", lambda: sa_api.delete(sa.id, project_id=PROJECT))
run("projects.users.delete", lambda: pu.delete("user_bob", project_id=PROJECT))

# External keys and storage: validated by the mock's rule, or by the
# verdict its control endpoint sets.


def validated_twice(collection, api, item_id, by_rule, verdict_status):
    """Validates by the mock's rule (`by_rule`), then by a verdict the test sets."""
    v = run(f"{collection}.validate", lambda: api.validate(item_id))
    assert v is None or v.status == by_rule, v
    run(f"mock sets a verdict for {collection}", lambda: verdict(collection, item_id, verdict_status))
    v = run(f"{collection}.validate verdict", lambda: api.validate(item_id))
    assert v is None or v.status == verdict_status, v


ek = org.external_keys
aws = run(
    "external_keys.create",
    lambda: ek.create(
        name="KMS",
        type="aws",
        external_id="org-mock",
        kms_arn="arn:aws:kms:us-east-1:123456789012:key/abcd",
        role_arn="arn:aws:iam::123456789012:role/openai",
    ),
)
gcp = run(
    "external_keys.create gcp",
    lambda: ek.create(
        name="GCP",
        type="gcp",
        purpose="psp_decryption",
        audience="org-mock",
        kms_key_location="us-central1",
        kms_key_name="k",
        kms_key_ring_name="r",
        kms_project_id="p",
        workload_identity_pool_id="pool",
        workload_identity_project_number="123",
        workload_identity_provider_id="prov",
    ),
)
run("external_keys.list", lambda: every(ek.list(limit=1)))
run("external_keys.list purpose", lambda: every(ek.list(purpose="psp_decryption")))
if aws:
    run("external_keys.retrieve", lambda: ek.retrieve(aws.id))
    validated_twice("external_keys", ek, aws.id, "valid", "invalid")
    run("external_keys.delete", lambda: ek.delete(aws.id))
run("external_keys.retrieve missing", lambda: ek.retrieve("extkey_missing"))
es = org.external_storage
store = run(
    "external_storage.create",
    lambda: es.create(project_id=PROJECT, provider={"type": "aws", "bucket": "data", "role_arn": "arn:aws:iam::123456789012:role/s3"}),
)
run("external_storage.list", lambda: every(es.list(limit=1, project_id=PROJECT)))
if store:
    run("external_storage.retrieve", lambda: es.retrieve(store.id))
    validated_twice("external_storage", es, store.id, "validated", "degraded")
    run("external_storage.delete", lambda: es.delete(store.id))
run("external_storage.create unknown project", lambda: es.create(project_id="proj_missing", provider={"type": "aws", "bucket": "b", "role_arn": "arn:aws:iam::1:role/r"}))

# Workload identity providers and their federation rules.
wip = org.workload_identity_providers
provider = run(
    "workload_identity_providers.create",
    lambda: wip.create(
        name="GitHub Actions",
        type="oidc",
        issuer="https://token.actions.githubusercontent.com",
        audience="https://github.com/example",
        attribute_transformations=[{"attribute": "repository", "expression": "assertion.repository"}],
    ),
)
run("workload_identity_providers.list", lambda: every(wip.list(limit=1)))
if provider:
    run("workload_identity_providers.retrieve", lambda: wip.retrieve(provider.id))
    run("workload_identity_providers.update", lambda: wip.update(provider.id, enabled=False, description=None))
    fr = wip.federation_rules
    rule = run(
        "workload_identity_providers.federation_rules.create",
        lambda: fr.create(
            provider.id,
            project_id=PROJECT,
            service_account_id="svc_acct_deployer",
            attribute_matchers={"repository": "example/app", "run_attempt": 1},
            permissions={"type": "restricted", "scopes": ["api.responses.write"]},
        ),
    )
    run("workload_identity_providers.federation_rules.list", lambda: every(fr.list(provider.id, service_account_id="svc_acct_deployer")))
    if rule:
        run("workload_identity_providers.federation_rules.retrieve", lambda: fr.retrieve(rule.id, workload_identity_provider_id=provider.id))
        run(
            "workload_identity_providers.federation_rules.update",
            lambda: fr.update(rule.id, workload_identity_provider_id=provider.id, enabled=False, name="main"),
        )
        run("workload_identity_providers.federation_rules.delete", lambda: fr.delete(rule.id, workload_identity_provider_id=provider.id))
    run("workload_identity_providers.federation_rules.list missing provider", lambda: every(fr.list("wip_missing")))
    run("workload_identity_providers.delete", lambda: wip.delete(provider.id))

# Health alerts: rules with versions (a stale one is refused), alerts a rule
# raised (through the mock's control endpoint), token pages.
health = org.health
error_rate = {"type": "error_rate", "threshold": 0.05, "window_seconds": 300, "status_class": "5xx"}
rule = run("health.alert_rules.create", lambda: health.alert_rules.create(name="5xx errors", condition=error_rate))
run(
    "health.alert_rules.create cache",
    lambda: health.alert_rules.create(
        name="cache", condition={"type": "prompt_cache_hit_rate", "threshold": 0.5}, enabled=False,
        notifications={"email": {"addresses": ["oncall@example.com"], "enabled": True}},
    ),
)
rules = run("health.alert_rules.list", lambda: every(health.alert_rules.list(limit=1)))
assert rules is None or len(rules) == 2, rules
run("health.alert_rules.list enabled", lambda: every(health.alert_rules.list(enabled=True, type="error_rate")))
if rule:
    run("health.alert_rules.retrieve", lambda: health.alert_rules.retrieve(rule.id))
    changed = run("health.alert_rules.update", lambda: health.alert_rules.update(rule.id, expected_version=1, name="5xx errors (prod)"))
    assert changed is None or changed.version == 2, changed
    run("health.alert_rules.update stale", lambda: health.alert_rules.update(rule.id, expected_version=1, enabled=False))
    raised = control(f"health/alert_rules/{rule.id}/trigger", {"type": "triggered"})
    run("health.alerts.retrieve", lambda: health.alerts.retrieve(raised["id"]))
    run("health.alert_rules.delete stale", lambda: health.alert_rules.delete(rule.id, expected_version=1))
    run("health.alert_rules.delete", lambda: health.alert_rules.delete(rule.id, expected_version=2))
run("health.alerts.retrieve missing", lambda: health.alerts.retrieve("alert_missing"))
ph = projects.health
prule = run("projects.health.alert_rules.create", lambda: ph.alert_rules.create(PROJECT, name="limits", condition={"type": "rate_limit_utilization", "metric": "tpm", "threshold": 0.9}))
run("projects.health.alert_rules.list", lambda: every(ph.alert_rules.list(PROJECT, limit=1)))
if prule:
    run("projects.health.alert_rules.retrieve", lambda: ph.alert_rules.retrieve(prule.id, project_id=PROJECT))
    run("projects.health.alert_rules.update", lambda: ph.alert_rules.update(prule.id, project_id=PROJECT, expected_version=1, enabled=False))
    raised = control(f"health/alert_rules/{prule.id}/trigger", {"type": "resolved"})
    run("projects.health.alerts.retrieve", lambda: ph.alerts.retrieve(raised["id"], project_id=PROJECT))
    run("projects.health.alert_rules.delete", lambda: ph.alert_rules.delete(prule.id, project_id=PROJECT, expected_version=2))
run("projects.health.alert_rules.retrieve missing project", lambda: ph.alert_rules.retrieve("alertrule_x", project_id="proj_missing"))

# Usage the SDK has ahead of the document.
run("usage.decisions", lambda: usage.decisions(start_time=start, group_by=["api_source", "service_tier"], limit=2))
run("usage.completions api_source", lambda: usage.completions(start_time=start, group_by=["api_source"]))
run("usage.costs line_items", lambda: usage.costs(start_time=start, group_by=["user_id", "api_source"], line_items=["gpt-4o, input"]))
run("audit_logs.list storage", lambda: every(org.audit_logs.list(event_types=["external_storage.registered", "external_storage.removed"])))


print("methods " + " ".join(name for name, _ in admin_methods(org)))
print(f"calls {sdk_run.count}")
sys.exit(0)
