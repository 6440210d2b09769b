//! The organization's people and groups, as the mock starts with them.

/// A user of the organization as a project shows it.
#[derive(Clone)]
pub struct Person {
    pub id: String,
    pub name: Option<String>,
    pub email: Option<String>,
    pub created_at: i64,
}

impl Person {
    pub fn of(u: &OrgUser) -> Person {
        Person { id: u.id.into(), name: u.name.map(String::from), email: u.email.map(String::from), created_at: u.created_at }
    }
}

/// A user of the organization (a project can only add these). The live
/// API has users without a name or an email (null).
pub struct OrgUser {
    pub id: &'static str,
    pub name: Option<&'static str>,
    pub email: Option<&'static str>,
    pub created_at: i64,
}

/// The organization's users.
pub const ORG_USERS: [OrgUser; 6] = [
    OrgUser { id: "user_alice", name: Some("Alice Example"), email: Some("alice@example.com"), created_at: 1_700_000_001 },
    OrgUser { id: "user_bob", name: Some("Bob Example"), email: Some("bob@example.com"), created_at: 1_700_000_002 },
    OrgUser { id: "user_carol", name: Some("Carol Example"), email: Some("carol@example.com"), created_at: 1_700_000_003 },
    OrgUser { id: "user_dan", name: Some("Dan Example"), email: Some("dan@example.com"), created_at: 1_700_000_004 },
    OrgUser { id: "user_zoe", name: Some("Zoë Ångström 日本"), email: Some("zoe@example.com"), created_at: 1_700_000_005 },
    OrgUser { id: "user_sso", name: None, email: None, created_at: 1_700_000_006 },
];

/// Custom project roles the organization defined (besides owner and member).
pub const CUSTOM_ROLES: [&str; 2] = ["auditor", "billing_viewer"];

/// A group of the organization (a project can add these).
pub struct OrgGroup {
    pub id: &'static str,
    pub name: &'static str,
    pub group_type: &'static str,
    pub created_at: i64,
}

/// The organization's groups.
pub const ORG_GROUPS: [OrgGroup; 3] = [
    OrgGroup { id: "group_support", name: "Support Team", group_type: "group", created_at: 1_700_000_100 },
    OrgGroup { id: "group_eng", name: "Engineering", group_type: "group", created_at: 1_700_000_101 },
    OrgGroup { id: "tgroup_partner", name: "Partner tenant", group_type: "tenant_group", created_at: 1_700_000_102 },
];
