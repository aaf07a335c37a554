//! [`Input`] and [`Output`] for axum's extractors and responses, and for
//! flaxum's own. An extractor's refusals are its own answers to sample
//! requests ([`answers::refusals`]), so that the statuses are axum's.

use std::borrow::Cow;

use axum::body::Bytes;
use axum::extract::Query;
use axum::response::Html;
use axum::{Form, Json};
use schemars::JsonSchema;
use serde_json::json;

use super::{answers, Input, Operation, Output};

const JSON: &str = "application/json";
const FORM: &str = "application/x-www-form-urlencoded";
const TEXT: &str = "text/plain; charset=utf-8";

/// Adds the refusals of extractor `E` to the operation's responses.
fn refused<E, M>(op: &mut Operation<'_>, samples: &[answers::Sample<'_>])
where
    E: axum::extract::FromRequest<(), M>,
{
    for (status, response) in answers::refusals::<E, M>(samples) {
        op.response_value(status, response);
    }
}

/// A JSON body of `T`'s schema; axum's `Json` refuses a body without a
/// JSON content type (415), one that is not JSON (400), and one that is
/// not a `T` (422).
impl<T: JsonSchema> Input for Json<T> {
    fn describe(op: &mut Operation<'_>) {
        op.json_body::<T>();
        refused::<Json<()>, _>(
            op,
            &[
                (
                    "/",
                    None,
                    "",
                    "a body sent without `Content-Type: application/json`",
                ),
                ("/", Some(JSON), "x", "a body that is not JSON"),
                (
                    "/",
                    Some(JSON),
                    "{}",
                    "JSON that does not fit the body's schema",
                ),
            ],
        );
    }
}

/// A form body (`application/x-www-form-urlencoded`) of `T`'s schema.
impl<T: JsonSchema> Input for Form<T> {
    fn describe(op: &mut Operation<'_>) {
        let schema = op.input_schema::<T>();
        op.body(FORM, schema, true);
        refused::<Form<()>, _>(
            op,
            &[
                ("/", None, "", "a body sent without a form's content type"),
                (
                    "/",
                    Some(FORM),
                    "a=b",
                    "fields that do not fit the form's schema",
                ),
            ],
        );
    }
}

/// Query parameters, one a field of `T`.
impl<T: JsonSchema> Input for Query<T> {
    fn describe(op: &mut Operation<'_>) {
        op.query::<T>();
        refused::<Query<()>, _>(
            op,
            &[(
                "/?a=b",
                None,
                "",
                "a query string that does not fit its parameters",
            )],
        );
    }
}

/// A text body.
impl Input for String {
    fn describe(op: &mut Operation<'_>) {
        op.body(TEXT, json!({ "type": "string" }), true);
    }
}

/// A body of any bytes.
impl Input for Bytes {
    fn describe(op: &mut Operation<'_>) {
        let bytes = json!({ "type": "string", "contentMediaType": "application/octet-stream" });
        op.body("application/octet-stream", bytes, true);
    }
}

/// The fields of a url-encoded or multipart form.
#[cfg(feature = "form")]
impl Input for crate::FormData {
    fn describe(op: &mut Operation<'_>) {
        let fields = json!({ "type": "object" });
        op.body(FORM, fields.clone(), true);
        op.body("multipart/form-data", fields, true);
    }
}

/// What `T` reads, the body optional.
impl<T: Input> Input for Option<T> {
    fn describe(op: &mut Operation<'_>) {
        T::describe(op);
        op.body_optional();
    }
}

/// What `T` reads (the handler gets `T`'s refusal instead of it).
impl<T: Input, E> Input for Result<T, E> {
    fn describe(op: &mut Operation<'_>) {
        T::describe(op);
    }
}

/// 200 with `T`'s schema.
impl<T: JsonSchema> Output for Json<T> {
    fn describe(op: &mut Operation<'_>) {
        op.response::<T>(200);
    }
}

/// 200 with text.
fn text(op: &mut Operation<'_>, media_type: &str) {
    op.response_with(200, "", media_type, json!({ "type": "string" }));
}

impl Output for String {
    fn describe(op: &mut Operation<'_>) {
        text(op, TEXT);
    }
}

impl Output for &'static str {
    fn describe(op: &mut Operation<'_>) {
        text(op, TEXT);
    }
}

impl Output for Cow<'static, str> {
    fn describe(op: &mut Operation<'_>) {
        text(op, TEXT);
    }
}

/// 200 with HTML.
impl<T> Output for Html<T> {
    fn describe(op: &mut Operation<'_>) {
        text(op, "text/html; charset=utf-8");
    }
}

/// 200 without a body.
impl Output for () {
    fn describe(op: &mut Operation<'_>) {
        op.response_empty(200, "");
    }
}

/// Both sides.
impl<T: Output, E: Output> Output for Result<T, E> {
    fn describe(op: &mut Operation<'_>) {
        T::describe(op);
        E::describe(op);
    }
}

/// The route of the app's static folder (`routes![static, …]`): a file of
/// the folder (its content type is the file's), with ServeDir's
/// conditional answers.
#[cfg(feature = "static-files")]
impl super::Described for crate::static_files::StaticRoute {
    fn describe(_: usize, op: &mut Operation<'_>) {
        op.set_summary("A file of the app's static folder");
        let bytes = json!({ "type": "string", "contentMediaType": "application/octet-stream" });
        op.response_with(200, "The file", "application/octet-stream", bytes);
        op.response_empty(
            304,
            "Not Modified: the file is the one the request's validators name",
        );
        op.response_empty(404, "No such file in the folder");
    }
}
