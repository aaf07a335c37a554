//! flaxum's own answers, as the document describes them: each response is
//! made by the function that makes it for requests, then read back (its
//! status, its body's text, its headers). Nothing here lists statuses: a
//! change to what flaxum answers changes the document with it.

use axum::body::Body;
use axum::extract::FromRequest;
use axum::response::{IntoResponse, Response};
use futures_util::FutureExt;
use http::header::{ALLOW, CONTENT_TYPE};
use serde_json::{json, Value};

use crate::dispatch::{params, respond};
use crate::route::method::Methods;

/// The status of `res`, and its description: the reason phrase, when
/// flaxum gives it, and the body it gives.
fn read(res: Response, when: &str) -> (u16, Value) {
    let status = res.status();
    let body = axum::body::to_bytes(res.into_body(), 4096)
        .now_or_never()
        .and_then(Result::ok)
        .map(|b| String::from_utf8_lossy(&b).trim().to_owned())
        .unwrap_or_default();
    let reason = status.canonical_reason().unwrap_or("Error");
    let mut about = format!("{reason}: {when}");
    if !body.is_empty() && body != reason {
        about.push_str(&format!(" (\"{body}\")"));
    }
    (status.as_u16(), json!({ "description": about }))
}

/// flaxum's answer to a request whose body is over the limit (the
/// server's, `flaxum::Server::body_limit`).
pub(crate) fn too_large() -> Value {
    read(
        respond::too_large(),
        "the request body is over the size limit",
    )
    .1
}

/// The 404 of a route whose parameter `name` a converter constrains.
pub(crate) fn not_found(name: &str, converter: &str) -> (u16, Value) {
    let when = format!("no route matches the path, as when `{name}` is not what its `{converter}` converter accepts");
    read(respond::not_found(), &when)
}

/// The 400 of a path parameter that does not decode (or, for a catch-all,
/// leaves its folder).
pub(crate) fn bad_parameter(name: &'static str, catch_all: bool) -> (u16, Value) {
    let refused = if catch_all {
        params::decode_catch_all("a/../b", name)
    } else {
        params::decode("%FF", name)
    };
    let res = match refused {
        Err(e) => e.into_response(),
        Ok(_) => respond::status(http::StatusCode::BAD_REQUEST),
    };
    read(
        res,
        &format!(
            "path parameter `{name}` does not decode, or its argument's type does not parse it"
        ),
    )
}

/// The 405 of a method the path has no route for, with its `Allow`
/// header.
pub(crate) fn method_not_allowed() -> Value {
    let res = respond::allow(Methods::GET, false);
    let has_allow = res.headers().contains_key(ALLOW);
    let (_, mut response) = read(
        res,
        "the path has routes, but none for the request's method",
    );
    if has_allow {
        response["headers"] = json!({
            "Allow": {
                "description": "The methods the path answers",
                "schema": { "type": "string" },
            }
        });
    }
    response
}

/// A sample request: its URI, content type and body, and what it stands
/// for.
pub(crate) type Sample<'a> = (&'static str, Option<&'static str>, &'static str, &'a str);

/// What extractor `E` answers to requests it refuses: each sample is given
/// to `E` and the refusal read back. A sample `E` accepts adds nothing.
pub(crate) fn refusals<E, M>(samples: &[Sample<'_>]) -> Vec<(u16, Value)>
where
    E: FromRequest<(), M>,
{
    let mut out = Vec::new();
    for &(uri, content_type, body, when) in samples {
        let mut req = http::Request::post(uri);
        if let Some(ct) = content_type {
            req = req.header(CONTENT_TYPE, ct);
        }
        let Ok(req) = req.body(Body::from(body)) else {
            continue;
        };
        let refused = E::from_request(req, &()).now_or_never();
        if let Some(Err(rejection)) = refused {
            out.push(read(rejection.into_response(), when));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_read_from_the_responses_flaxum_gives() {
        assert_eq!(
            too_large()["description"],
            "Payload Too Large: the request body is over the size limit"
        );
        let (status, about) = bad_parameter("id", false);
        assert_eq!(status, 400);
        let text = about["description"].as_str().unwrap();
        assert!(
            text.contains("invalid path parameter `id`: expected UTF-8 text"),
            "{text}"
        );
        let (status, about) = bad_parameter("rest", true);
        assert_eq!(status, 400);
        assert!(about["description"]
            .as_str()
            .unwrap()
            .contains("relative path"));
        assert_eq!(not_found("id", "int").0, 404);
        assert!(method_not_allowed()["headers"]["Allow"].is_object());
    }

    #[test]
    fn an_extractors_refusals_are_its_own() {
        let json = Some("application/json");
        let got = refusals::<axum::Json<()>, _>(&[
            ("/", None, "", "no JSON content type"),
            ("/", json, "x", "not JSON"),
            ("/", json, "{}", "not the type"),
            ("/", json, "null", "accepted"),
        ]);
        let statuses: Vec<u16> = got.iter().map(|(s, _)| *s).collect();
        assert_eq!(statuses, [415, 400, 422]);
    }
}
