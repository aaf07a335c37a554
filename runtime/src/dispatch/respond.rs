//! The responses flaxum writes itself: 404, 405 with `Allow`, automatic
//! `OPTIONS`, and the 308 redirects of strict and merged slashes. Bodies are
//! short plain text.

use axum::body::Body;
use axum::response::Response;
use http::header::{HeaderValue, ALLOW, CONTENT_TYPE, LOCATION};
use http::StatusCode;

use crate::route::method::Methods;

const TEXT: HeaderValue = HeaderValue::from_static("text/plain; charset=utf-8");

/// A status with its reason phrase as the body; an error status is marked
/// as raised, so the app's `#[errorhandler]`s answer it.
pub(crate) fn status(code: StatusCode) -> Response {
    if code.is_client_error() || code.is_server_error() {
        return error_response(code);
    }
    reason(code)
}

/// A status with its reason phrase as a short text body.
pub(crate) fn reason(code: StatusCode) -> Response {
    let mut res = Response::new(Body::from(format!(
        "{}\n",
        code.canonical_reason().unwrap_or("Error")
    )));
    *res.status_mut() = code;
    res.headers_mut().insert(CONTENT_TYPE, TEXT);
    res
}

/// The 404 of a request no route matches.
pub(crate) fn not_found() -> Response {
    status(StatusCode::NOT_FOUND)
}

/// The 413 of a request whose body is over the server's limit.
pub(crate) fn too_large() -> Response {
    status(StatusCode::PAYLOAD_TOO_LARGE)
}

/// 405 with `Allow` (or, for `OPTIONS`, 200 with `Allow` and no body).
pub(crate) fn allow(allowed: Methods, options: bool) -> Response {
    let all = allowed.union(Methods::OPTIONS);
    let mut res = if options {
        Response::new(Body::empty())
    } else {
        status(StatusCode::METHOD_NOT_ALLOWED)
    };
    if let Ok(v) = HeaderValue::from_str(&all.to_string()) {
        res.headers_mut().insert(ALLOW, v);
    }
    res
}

/// 308 to `location`, which the caller built from a route (never from the
/// request path), so it always starts with exactly one `/`.
pub(crate) fn redirect(location: &str) -> Response {
    let mut res = status(StatusCode::PERMANENT_REDIRECT);
    match HeaderValue::from_str(location) {
        Ok(v) => {
            res.headers_mut().insert(LOCATION, v);
            res
        }
        Err(_) => status(StatusCode::BAD_REQUEST),
    }
}

/// Marks a response as a raised error that error handlers may answer.
#[derive(Clone, Copy)]
pub(crate) struct Raised;

/// The status with its reason phrase as a short text body, marked as
/// raised.
pub(crate) fn error_response(code: StatusCode) -> Response {
    let mut res = reason(code);
    res.extensions_mut().insert(Raised);
    res
}
