//! Invites: sending one (checked against the organization's users and
//! projects) and accepting one, as the invitee does through the mock's
//! control endpoint, after which they are a user of the organization.

use crate::error::{Answer, ApiError};
use crate::resource::{Body, Q};
use crate::state::{member, text, State};
use serde_json::{json, Value};

/// A new pending invite, valid for seven days.
pub fn make(st: &mut State, _: &[String], b: &Body) -> Result<Value, ApiError> {
    let email = member(b, "email");
    if !email.contains('@') {
        return Err(ApiError::invalid(Some("email"), format!("Invalid email address: '{email}'.")));
    }
    if st.person(|p| p.email.as_deref() == Some(email.as_str())).is_some() {
        return Err(ApiError::invalid(Some("email"), format!("'{email}' is already a member of this organization.")));
    }
    let projects = st.project_ids();
    for (i, p) in b.get("projects").and_then(Value::as_array).into_iter().flatten().enumerate() {
        let pid = p["id"].as_str().unwrap_or_default();
        if !projects.iter().any(|x| x == pid) {
            return Err(ApiError::invalid(Some(&format!("projects[{i}].id")), format!("No project '{pid}' in this organization.")));
        }
    }
    let id = st.next_id("invite-");
    let now = st.tick();
    let mut v = json!({"object": "organization.invite", "id": id, "email": email, "role": b["role"], "status": "pending",
                       "created_at": now, "expires_at": now + 7 * 86_400, "accepted_at": null});
    v["projects"] = b.get("projects").cloned().unwrap_or_else(|| json!([]));
    Ok(v)
}

/// Refuses to delete an invite that was accepted.
pub fn deleting(_: &mut State, _: &[String], v: &Value, _: &Q) -> Result<(), ApiError> {
    if v["status"] == "accepted" {
        return Err(ApiError::invalid(None, "An invite that has been accepted cannot be deleted."));
    }
    Ok(())
}

/// Accepts a pending invite: the invitee becomes a user of the organization.
pub fn accept(st: &mut State, id: &str) -> Answer {
    let now = st.tick();
    let inv = st.under_mut("invites", &[]).find(|v| v["id"] == id).ok_or_else(|| ApiError::not_found("invite", id))?;
    if inv["status"] != "pending" {
        return Err(ApiError::invalid(None, format!("Invite '{id}' is {}.", inv["status"])));
    }
    inv["status"] = json!("accepted");
    inv["accepted_at"] = json!(now);
    let invited = inv.clone();
    let (email, role) = (text(&invited, "email"), text(&invited, "role"));
    let user_id = st.next_id("user-");
    let name = email.split('@').next().unwrap_or_default().to_string();
    let user = json!({"object": "organization.user", "id": user_id, "name": name, "email": email, "role": role, "added_at": now});
    st.push("users", &[], user.clone());
    st.audit("invite.accepted", None, json!({"id": id}));
    st.audit("user.added", None, json!({"id": user_id, "data": {"role": role}}));
    Ok(json!({"invite": invited, "user": user}))
}
