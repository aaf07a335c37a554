//! Flask's `conduit/exceptions.py`: `InvalidUsage`, the one error type the
//! views raise, and its constructors.
//!
//! A view returns it as its `Err` (`Err(InvalidUsage::article_not_found())`,
//! or `?`); its `IntoResponse` calls [`flaxum::raise`], and the app's
//! `#[errorhandler(InvalidUsage)]` (`app.rs`, Flask's
//! `register_errorhandlers`) writes the JSON. The body is the RealWorld
//! error model, `{"errors": {"<field>": ["<message>", …]}}`; errors that
//! concern no field are under `body`, as in the Flask app.

use std::collections::BTreeMap;

use axum::response::{IntoResponse, Response};
use axum::Json;
use flaxum::openapi::{Operation, Output};
use http::{header, HeaderValue, StatusCode};
use schemars::JsonSchema;
use serde::Serialize;

/// An error answered with a status and `{"errors": {…}}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidUsage {
    status: StatusCode,
    errors: BTreeMap<String, Vec<String>>,
}

/// The JSON body of an [`InvalidUsage`] (the spec's `GenericErrorModel`).
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "GenericErrorModel")]
struct ErrorBody<'a> {
    /// The messages, by field; `body` for those about no field.
    errors: &'a BTreeMap<String, Vec<String>>,
}

impl InvalidUsage {
    /// `status`, with `message` about `field`.
    pub fn new(status: StatusCode, field: &str, message: impl Into<String>) -> Self {
        let errors = BTreeMap::from([(field.to_owned(), vec![message.into()])]);
        InvalidUsage { status, errors }
    }

    /// 422 with the errors of each field (marshmallow's `ValidationError`).
    pub fn validation(errors: BTreeMap<String, Vec<String>>) -> Self {
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        InvalidUsage { status, errors }
    }

    /// 404: no user of that name (Flask's `USER_NOT_FOUND`).
    pub fn user_not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, "body", "User not found")
    }

    /// 404: no article of that slug (Flask's `ARTICLE_NOT_FOUND`).
    pub fn article_not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, "body", "Article not found")
    }

    /// 404: no comment of that id on that article.
    pub fn comment_not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, "body", "Comment not found")
    }

    /// 403: the article is someone else's.
    pub fn article_not_owned() -> Self {
        Self::new(StatusCode::FORBIDDEN, "body", "Not your article")
    }

    /// 403: the comment is someone else's (Flask's `COMMENT_NOT_OWNED`).
    pub fn comment_not_owned() -> Self {
        Self::new(StatusCode::FORBIDDEN, "body", "Not your comment")
    }

    /// 401: no valid token (flask-jwt-extended's answers), `message` says
    /// why.
    pub fn unauthorized(message: &str) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "token", message)
    }

    /// 500, logged; the client learns nothing more (Flask's
    /// `UNKNOWN_ERROR`).
    pub fn unknown_error(cause: &dyn std::fmt::Display) -> Self {
        eprintln!("conduit: {cause}");
        let errors = BTreeMap::from([("body".to_owned(), Vec::new())]);
        let status = StatusCode::INTERNAL_SERVER_ERROR;
        InvalidUsage { status, errors }
    }

    /// The status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The messages, by field.
    pub fn errors(&self) -> &BTreeMap<String, Vec<String>> {
        &self.errors
    }

    /// The response (Flask's `to_json()` and `status_code`); a 401 says
    /// which scheme the API takes.
    pub fn to_response(&self) -> Response {
        let body = Json(ErrorBody {
            errors: &self.errors,
        });
        let mut response = (self.status, body).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            let scheme = HeaderValue::from_static("Token");
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, scheme);
        }
        response
    }
}

impl IntoResponse for InvalidUsage {
    /// Raises the error for the app's `#[errorhandler(InvalidUsage)]`.
    fn into_response(self) -> Response {
        flaxum::raise(self)
    }
}

/// What the OpenAPI document says a view's `Err` answers: the spec's
/// `GenericError`, under 422 (the errors of a body or of a query); the
/// 401s are the middleware's (`utils.rs`), the 404s and 403s the
/// views' own, named in their doc comments.
impl Output for InvalidUsage {
    fn describe(op: &mut Operation<'_>) {
        op.response::<ErrorBody<'static>>(422);
    }
}

impl From<sqlx::Error> for InvalidUsage {
    fn from(e: sqlx::Error) -> Self {
        InvalidUsage::unknown_error(&e)
    }
}

impl From<crate::password::HashError> for InvalidUsage {
    fn from(e: crate::password::HashError) -> Self {
        InvalidUsage::unknown_error(&e)
    }
}
