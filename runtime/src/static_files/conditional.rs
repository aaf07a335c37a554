//! What `ServeDir` leaves to its user: the `ETag`, `If-None-Match`,
//! `If-Range`, and the charset Werkzeug gives text types.

use std::fs::Metadata;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::body::Body;
use axum::response::Response;
use http::header::{IF_MODIFIED_SINCE, IF_NONE_MATCH, IF_RANGE, RANGE};
use http::{HeaderValue, Request, StatusCode};

/// A strong validator of the file: its modification time (to the
/// nanosecond, where the file system keeps it) and its size, as nginx
/// makes its own. A file rewritten with other bytes gets another.
pub(super) fn etag(meta: &Metadata) -> HeaderValue {
    let time = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .unwrap_or_default();
    let text = format!(
        "\"{:x}.{:x}-{:x}\"",
        time.as_secs(),
        time.subsec_nanos(),
        meta.len()
    );
    HeaderValue::from_str(&text).unwrap_or_else(|_| HeaderValue::from_static("\"0\""))
}

/// The preconditions `ServeDir` does not evaluate, in RFC 9110's order: a
/// `304` when `If-None-Match` names the file's `tag` (and then
/// `If-Modified-Since` is not read); `Range` dropped when `If-Range` does
/// not hold, so that the whole file is sent.
pub(super) fn precheck(
    req: &mut Request<Body>,
    tag: &HeaderValue,
    modified: Option<SystemTime>,
) -> Option<Response> {
    let headers = req.headers_mut();
    if let Some(list) = headers.get(IF_NONE_MATCH) {
        if none_match_hits(list.as_bytes(), tag.as_bytes()) {
            let mut res = Response::new(Body::empty());
            *res.status_mut() = StatusCode::NOT_MODIFIED;
            return Some(res);
        }
        headers.remove(IF_MODIFIED_SINCE);
    }
    if let Some(condition) = headers.remove(IF_RANGE) {
        if !if_range_holds(condition.as_bytes(), tag.as_bytes(), modified) {
            headers.remove(RANGE);
        }
    }
    None
}

/// Whether an `If-None-Match` list names `tag`, by weak comparison (`W/`
/// ignored), or is `*` (the file exists). A malformed list names nothing.
fn none_match_hits(list: &[u8], tag: &[u8]) -> bool {
    let list = list.trim_ascii();
    if list == b"*" {
        return true;
    }
    let mut rest = list;
    loop {
        while let [b' ' | b'\t' | b',', tail @ ..] = rest {
            rest = tail;
        }
        if rest.is_empty() {
            return false;
        }
        if let Some(tail) = rest.strip_prefix(b"W/") {
            rest = tail;
        }
        let Some(end) = quoted_len(rest) else {
            return false;
        };
        if &rest[..end] == tag {
            return true;
        }
        rest = &rest[end..];
    }
}

/// The length of the quoted entity tag at the start of `text`.
fn quoted_len(text: &[u8]) -> Option<usize> {
    let body = text.strip_prefix(b"\"")?;
    body.iter().position(|&b| b == b'"').map(|close| close + 2)
}

/// Whether `If-Range` holds: an entity tag equal to `tag` by strong
/// comparison (a weak one never holds), or a date equal to the file's
/// `Last-Modified` (to the second, as that header is written).
fn if_range_holds(condition: &[u8], tag: &[u8], modified: Option<SystemTime>) -> bool {
    let condition = condition.trim_ascii();
    if condition.starts_with(b"\"") || condition.starts_with(b"W/") {
        return condition == tag;
    }
    let date = core::str::from_utf8(condition)
        .ok()
        .and_then(|text| text.parse::<httpdate::HttpDate>().ok());
    match (date, modified) {
        (Some(date), Some(modified)) => date == httpdate::HttpDate::from(modified),
        _ => false,
    }
}

/// Werkzeug's content type for a file: `; charset=utf-8` after text types
/// (`text/*`, `*+xml`, and the application types it counts as text).
pub(super) fn with_charset(value: &HeaderValue) -> Option<HeaderValue> {
    const TEXT_APPLICATIONS: [&str; 6] = [
        "application/ecmascript",
        "application/javascript",
        "application/sql",
        "application/xml",
        "application/xml-dtd",
        "application/xml-external-parsed-entity",
    ];
    let media = value.to_str().ok()?;
    let text = !media.contains(';')
        && (media.starts_with("text/")
            || media.ends_with("+xml")
            || TEXT_APPLICATIONS.contains(&media));
    if !text {
        return None;
    }
    HeaderValue::from_str(&format!("{media}; charset=utf-8")).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TAG: &[u8] = b"\"65a.1f-15\"";

    #[test]
    fn if_none_match_lists() {
        assert!(none_match_hits(TAG, TAG));
        assert!(none_match_hits(b"*", TAG));
        assert!(none_match_hits(b" W/\"65a.1f-15\" ", TAG));
        assert!(none_match_hits(b"\"old\", \"65a.1f-15\"", TAG));
        assert!(none_match_hits(b"\"a,b\",W/\"65a.1f-15\"", TAG));
        assert!(!none_match_hits(b"\"old\"", TAG));
        assert!(!none_match_hits(b"", TAG));
        assert!(!none_match_hits(b"65a.1f-15", TAG), "unquoted");
        assert!(!none_match_hits(b"\"65a.1f-15", TAG), "unclosed");
        assert!(!none_match_hits(b"\"65a.1f-15\"x", b"\"65a.1f-15\"x"));
        assert!(!none_match_hits(b"**", TAG));
    }

    #[test]
    fn if_range_conditions() {
        let modified = UNIX_EPOCH + std::time::Duration::from_secs(1_700_000_000);
        let date = httpdate::fmt_http_date(modified);
        assert!(if_range_holds(TAG, TAG, Some(modified)));
        assert!(!if_range_holds(b"W/\"65a.1f-15\"", TAG, Some(modified)));
        assert!(!if_range_holds(b"\"old\"", TAG, Some(modified)));
        assert!(if_range_holds(date.as_bytes(), TAG, Some(modified)));
        let later = modified + std::time::Duration::from_millis(300);
        assert!(
            if_range_holds(date.as_bytes(), TAG, Some(later)),
            "to the second"
        );
        let older = httpdate::fmt_http_date(modified - std::time::Duration::from_secs(1));
        assert!(!if_range_holds(older.as_bytes(), TAG, Some(modified)));
        assert!(!if_range_holds(b"yesterday", TAG, Some(modified)));
        assert!(!if_range_holds(date.as_bytes(), TAG, None));
    }

    #[test]
    fn charsets_as_werkzeug_adds_them() {
        let of = |v: &'static str| with_charset(&HeaderValue::from_static(v));
        let text = |v: &'static str| of(v).map(|h| h.to_str().unwrap().to_owned());
        assert_eq!(text("text/css").as_deref(), Some("text/css; charset=utf-8"));
        assert_eq!(
            text("image/svg+xml").as_deref(),
            Some("image/svg+xml; charset=utf-8")
        );
        assert_eq!(
            text("application/javascript").as_deref(),
            Some("application/javascript; charset=utf-8")
        );
        assert_eq!(of("application/json"), None);
        assert_eq!(of("image/png"), None);
        assert_eq!(of("text/plain; charset=latin1"), None);
    }
}
