//! webargs' `use_kwargs` and marshmallow's validation: the [`Payload`]
//! extractor reads a JSON body `{"<envelope>": {…}}` into a [`Schema`]
//! type with serde, then runs the schema's validators, and answers 422
//! with every field's errors, `{"errors": {"email": ["is invalid"]}}`,
//! before the view runs.
//!
//! | the request | the answer |
//! |---|---|
//! | a body that is not `Content-Type: application/json` | 415 |
//! | over the body limit (2 MiB) | 413 |
//! | not JSON, or no `{"user": {…}}` envelope | 422 |
//! | a field of the wrong type | 422, under the field's name |
//! | a field the validators refuse | 422, every such field |
//!
//! Fields the schema does not name are ignored.

use std::collections::BTreeMap;

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::response::IntoResponse;
use flaxum::openapi::{Input, Operation, Output};
use http::{header, HeaderMap, StatusCode};
use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_json::Value;

use super::exceptions::InvalidUsage;

/// A request body schema (a marshmallow `Schema` with its `pre_load`
/// envelope and its validators).
pub trait Schema: DeserializeOwned {
    /// The envelope's key: `user`, `article`, `comment`.
    const ENVELOPE: &'static str;

    /// Adds the errors of each field to `errors`.
    fn validate(&self, errors: &mut Errors);
}

/// The errors of a body, by field (marshmallow's `ValidationError.messages`).
#[derive(Debug, Default)]
pub struct Errors(BTreeMap<String, Vec<String>>);

impl Errors {
    /// Records `message` about `field`.
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0
            .entry(field.to_owned())
            .or_default()
            .push(message.into());
    }

    /// `Ok` when there is none, else the 422.
    pub fn into_result(self) -> Result<(), InvalidUsage> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(InvalidUsage::validation(self.0))
        }
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// A field that must be present and not blank.
    pub fn required<'a>(&mut self, field: &str, value: Option<&'a str>) -> Option<&'a str> {
        match value {
            Some(v) if !v.trim().is_empty() => Some(v),
            _ => {
                self.add(field, "can't be blank");
                None
            }
        }
    }

    /// A text of at most `max` characters (the column's size in the Flask
    /// models).
    pub fn max_chars(&mut self, field: &str, value: Option<&str>, max: usize) {
        if value.is_some_and(|v| v.chars().count() > max) {
            self.add(field, format!("is too long (maximum is {max} characters)"));
        }
    }

    /// An email address (marshmallow's `fields.Email`): one `@` with text
    /// on both sides, a dot in the domain, no spaces.
    pub fn email(&mut self, field: &str, value: Option<&str>) {
        let Some(email) = value else { return };
        let valid = match email.rsplit_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && domain.contains('.')
                    && !domain.contains('@')
                    && !email.chars().any(|c| c.is_whitespace() || c.is_control())
            }
            None => false,
        };
        if !valid {
            self.add(field, "is invalid");
        }
    }

    /// An absolute `http` or `https` URL (marshmallow's `fields.Url`).
    pub fn url(&mut self, field: &str, value: Option<&str>) {
        let Some(url) = value else { return };
        let rest = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"));
        let host = rest.map(|r| r.split(['/', '?', '#']).next().unwrap_or_default());
        let valid = host.is_some_and(|h| !h.is_empty())
            && !url.chars().any(|c| c.is_whitespace() || c.is_control());
        if !valid {
            self.add(field, "is not a valid URL");
        }
    }
}

/// The body of a request as a [`Schema`], validated: webargs'
/// `@use_kwargs(schema)`. Take it last, marked `#[body]`:
/// `#[body] Payload(new): Payload<RegisterUser>`.
pub struct Payload<T>(pub T);

impl<S: Send + Sync, T: Schema> FromRequest<S> for Payload<T> {
    type Rejection = InvalidUsage;

    async fn from_request(req: Request, state: &S) -> Result<Self, InvalidUsage> {
        if !is_json(req.headers()) {
            return Err(InvalidUsage::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "body",
                "must be JSON, sent with `Content-Type: application/json`",
            ));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|rejection| {
            let response = rejection.into_response();
            InvalidUsage::new(response.status(), "body", "could not be read")
        })?;
        let body: Value = serde_json::from_slice(&bytes).map_err(|e| {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            InvalidUsage::new(status, "body", format!("is not valid JSON: {e}"))
        })?;
        if has_nul(&body) {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return Err(InvalidUsage::new(
                status,
                "body",
                "must not contain NUL characters",
            ));
        }
        Ok(Payload(load(body)?))
    }
}

/// The request body in the OpenAPI document: `{"<envelope>": T}`, JSON,
/// and the 415 and 422 above.
impl<T: Schema + JsonSchema> Input for Payload<T> {
    fn describe(op: &mut Operation<'_>) {
        let inner = op.input_schema::<T>();
        let envelope = serde_json::json!({
            "type": "object",
            "required": [T::ENVELOPE],
            "properties": { T::ENVELOPE: inner },
        });
        op.body("application/json", envelope, true);
        op.response_empty(
            415,
            "The body is not sent as `Content-Type: application/json`",
        );
        <InvalidUsage as Output>::describe(op);
    }
}

/// marshmallow's `schema.load(data)`: `T` from the envelope of `body`,
/// validated.
pub fn load<T: Schema>(body: Value) -> Result<T, InvalidUsage> {
    let envelope = T::ENVELOPE;
    let unprocessable = |field: &str, message: String| {
        InvalidUsage::new(StatusCode::UNPROCESSABLE_ENTITY, field, message)
    };
    let inner = match body {
        Value::Object(mut top) => top.remove(envelope),
        _ => None,
    };
    let inner = match inner {
        Some(inner @ Value::Object(_)) => inner,
        Some(_) => return Err(unprocessable(envelope, "must be an object".into())),
        None => return Err(unprocessable(envelope, "can't be blank".into())),
    };
    let value: T = serde_path_to_error::deserialize(inner).map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." {
            envelope.to_owned()
        } else {
            path
        };
        unprocessable(&field, e.into_inner().to_string())
    })?;
    let mut errors = Errors::default();
    value.validate(&mut errors);
    errors.into_result()?;
    Ok(value)
}

/// Whether a text anywhere in `value` has a NUL character, which
/// PostgreSQL's text columns cannot hold (SQLite's can): refused on both,
/// so that the two databases answer alike and neither with a 500.
pub fn has_nul(value: &Value) -> bool {
    match value {
        Value::String(s) => s.contains('\0'),
        Value::Array(items) => items.iter().any(has_nul),
        Value::Object(map) => map.iter().any(|(k, v)| k.contains('\0') || has_nul(v)),
        _ => false,
    }
}

/// Whether the body is declared JSON (`application/json`, or a
/// `+json` type).
fn is_json(headers: &HeaderMap) -> bool {
    let Some(content_type) = headers.get(header::CONTENT_TYPE) else {
        return false;
    };
    let Ok(content_type) = content_type.to_str() else {
        return false;
    };
    let essence = content_type.split(';').next().unwrap_or_default().trim();
    let essence = essence.to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// A field where `null` counts (`Some(None)`), unlike a missing one
/// (`None`): use with `#[serde(default, deserialize_with = "nullable")]`.
pub fn nullable<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

/// A `limit` or `offset` of the query string, as webargs' `fields.Int()`
/// reads it, within `min..=max`; `default` when absent.
pub fn query_int(
    errors: &mut Errors,
    field: &str,
    value: Option<&str>,
    (min, max, default): (i64, i64, i64),
) -> i64 {
    let Some(text) = value else { return default };
    match text.trim().parse::<i64>() {
        Ok(n) if (min..=max).contains(&n) => n,
        _ => {
            errors.add(field, format!("must be an integer from {min} to {max}"));
            default
        }
    }
}
