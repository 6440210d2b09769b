//! The API's error answers: a leaf every other module uses.

use serde_json::{json, Value};

/// An OpenAI error answer: status plus `{"error":{message,type,param,code}}`.
#[derive(Debug)]
pub struct ApiError {
    pub status: u16,
    pub message: String,
    pub kind: &'static str,
    pub param: Option<String>,
    pub code: Option<&'static str>,
}

impl ApiError {
    pub fn invalid(param: Option<&str>, message: impl Into<String>) -> ApiError {
        ApiError { status: 400, message: message.into(), kind: "invalid_request_error", param: param.map(str::to_string), code: None }
    }
    pub fn not_found(what: &str, id: &str) -> ApiError {
        ApiError {
            status: 404,
            message: format!("No such {what}: '{id}'"),
            kind: "invalid_request_error",
            param: None,
            code: Some("not_found"),
        }
    }
    /// A model the organization cannot use (`param`: the parameter that
    /// named it, when the API says it).
    pub fn no_model(id: &str, param: Option<&str>) -> ApiError {
        ApiError {
            status: 404,
            message: format!("The model `{id}` does not exist or you do not have access to it."),
            kind: "invalid_request_error",
            param: param.map(str::to_string),
            code: Some("model_not_found"),
        }
    }
    pub fn body(&self) -> Value {
        json!({"error": {"message": self.message, "type": self.kind, "param": self.param, "code": self.code}})
    }
}

pub type Answer = Result<Value, ApiError>;
