//! Path parameter values, from the raw byte range the matcher found to the
//! handler argument's type. Each value is percent-decoded once, and borrowed
//! from the request when nothing needed decoding.

use std::borrow::Cow;
use std::str::FromStr;

use axum::response::{IntoResponse, Response};
use http::StatusCode;
use percent_encoding::percent_decode_str;

use crate::table::Match;

/// A path parameter the handler cannot take: answered with 400 and a short
/// body naming the parameter and what was expected.
///
/// ```
/// use axum::response::IntoResponse;
/// let err = flaxum::ParamError::new("id", "an integer (u64)");
/// assert_eq!(err.to_string(), "invalid path parameter `id`: expected an integer (u64)");
/// assert_eq!(err.into_response().status(), 400);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParamError {
    name: &'static str,
    expected: Cow<'static, str>,
    /// Refused by a custom converter's `from_url`: 404, as no route.
    refused: bool,
}

impl ParamError {
    /// A value that a custom converter's `from_url` refused: the request
    /// matches no route (404), as in Flask when `to_python` raises
    /// `ValidationError`.
    pub(crate) fn refused(name: &'static str) -> ParamError {
        ParamError {
            name,
            expected: Cow::Borrowed("a value its converter takes"),
            refused: true,
        }
    }

    /// The same error for the parameter `name`: the glue reads a name only
    /// once a value is refused.
    #[cold]
    pub(crate) fn named(mut self, name: &'static str) -> ParamError {
        self.name = name;
        self
    }

    /// A parameter `name` whose value is not `expected`.
    pub fn new(name: &'static str, expected: impl Into<Cow<'static, str>>) -> ParamError {
        ParamError {
            name,
            expected: expected.into(),
            refused: false,
        }
    }
}

impl core::fmt::Display for ParamError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(
            f,
            "invalid path parameter `{}`: expected {}",
            self.name, self.expected
        )
    }
}

impl std::error::Error for ParamError {}

impl IntoResponse for ParamError {
    fn into_response(self) -> Response {
        if self.refused {
            return crate::dispatch::respond::status(StatusCode::NOT_FOUND);
        }
        let mut res = (StatusCode::BAD_REQUEST, format!("{self}\n")).into_response();
        // An `#[errorhandler(400)]` answers it, as Flask's would.
        res.extensions_mut()
            .insert(crate::dispatch::respond::Raised);
        res
    }
}

/// The path the route was matched on: the request's, unless a middleware
/// rewrote it.
pub fn routed_path<B>(req: &http::Request<B>) -> &str {
    match req.extensions().get::<RoutedUri>() {
        Some(u) => u.0.path(),
        None => req.uri().path(),
    }
}

/// The URI the route was matched on, for glue whose extractors take the
/// request apart (a clone shares the request's buffer).
pub fn routed_uri<B>(req: &http::Request<B>) -> http::Uri {
    match req.extensions().get::<RoutedUri>() {
        Some(u) => u.0.clone(),
        None => req.uri().clone(),
    }
}

/// The raw (still encoded) value of parameter `index` of a match.
pub fn raw<'a>(path: &'a str, m: &Match, index: usize) -> &'a str {
    m.params()
        .get(index)
        .and_then(|r| path.get(r))
        .unwrap_or("")
}

/// The percent-decoded value; 400 when it is not UTF-8 or holds a NUL.
pub fn decode<'a>(raw: &'a str, name: &'static str) -> Result<Cow<'a, str>, ParamError> {
    // Most values have no escape: they are text already (a `str`), and one
    // pass shows there is nothing to decode and no NUL. The decoder would
    // scan, check UTF-8 again, then scan for NUL.
    if !raw.bytes().any(|b| b == b'%' || b == 0) {
        return Ok(Cow::Borrowed(raw));
    }
    let value = percent_decode_str(raw)
        .decode_utf8()
        .map_err(|_| ParamError::new(name, "UTF-8 text once percent-decoded"))?;
    if value.contains('\0') {
        return Err(ParamError::new(name, "text without NUL characters"));
    }
    Ok(value)
}

/// The decoded value of a catch-all, safe to join to a directory: it is
/// relative (no leading `/` or `\\`, no drive prefix such as `C:`, so no
/// UNC path either) and has no empty, `.` or `..` segment, with `/` and `\\`
/// both taken as separators (a trailing slash is allowed). Anything else is
/// a 400.
pub fn decode_catch_all<'a>(raw: &'a str, name: &'static str) -> Result<Cow<'a, str>, ParamError> {
    let value = decode(raw, name)?;
    let drive = value.len() >= 2
        && value.as_bytes()[0].is_ascii_alphabetic()
        && value.as_bytes()[1] == b':';
    let body = value.strip_suffix(['/', '\\']).unwrap_or(&value);
    let bad_segment = body
        .split(['/', '\\'])
        .any(|seg| seg.is_empty() || seg == "." || seg == "..");
    if drive || bad_segment {
        return Err(ParamError::new(
            name,
            "a relative path without empty, `.` or `..` segments",
        ));
    }
    Ok(value)
}

/// A value through `FromStr`.
pub fn from_str<T: FromStr>(value: &str, name: &'static str) -> Result<T, ParamError> {
    value
        .parse()
        .map_err(|_| ParamError::new(name, short_type_name::<T>()))
}

/// A value through a custom converter's `from_url`; a value it refuses is
/// a [`ParamError`] that answers 404.
pub fn convert<T: crate::UrlConverter>(value: &str, name: &'static str) -> Result<T, ParamError> {
    T::from_url(value).ok_or_else(|| ParamError::refused(name))
}

/// An integer: ASCII digits with an optional `-`, never `+`, and values
/// that overflow the type are refused rather than wrapped.
pub fn int<T: FromStr>(value: &str, name: &'static str) -> Result<T, ParamError> {
    let digits = value.strip_prefix('-').unwrap_or(value);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ParamError::new(
            name,
            format!("an integer ({})", short_type_name::<T>()),
        ));
    }
    value.parse().map_err(|_| {
        ParamError::new(
            name,
            format!("an integer that fits {}", short_type_name::<T>()),
        )
    })
}

/// `u64` rather than `core::u64`, `Uuid` rather than `uuid::Uuid`.
fn short_type_name<T>() -> &'static str {
    let full = core::any::type_name::<T>();
    let base = full.split('<').next().unwrap_or(full);
    match base.rfind("::") {
        Some(i) if !full.contains('<') => &full[i + 2..],
        _ => full,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ints_refuse_plus_and_overflow() {
        assert_eq!(int::<u64>("42", "id"), Ok(42));
        assert_eq!(int::<u64>("0042", "id"), Ok(42));
        assert!(int::<u64>("+1", "id").is_err());
        assert!(int::<u64>("-1", "id").is_err());
        assert!(int::<u64>("18446744073709551616", "id").is_err());
        assert_eq!(int::<i8>("-128", "n"), Ok(-128));
        assert!(int::<i8>("128", "n").is_err());
        assert!(int::<u8>("", "n").is_err());
        assert!(int::<u8>("-", "n").is_err());
        assert!(int::<u32>("١", "n").is_err());
    }

    #[test]
    fn decoding_borrows_when_it_can() {
        assert!(matches!(decode("abc", "x"), Ok(Cow::Borrowed("abc"))));
        assert_eq!(decode("a%2Fb", "x").unwrap(), "a/b");
        assert!(decode("%FF", "x").is_err());
        assert!(decode("%C3%28", "x").is_err());
        assert!(decode("1%00", "x").is_err());
        assert_eq!(decode("%zz", "x").unwrap(), "%zz");
        // A raw NUL (no escape) is refused as well.
        assert!(decode("a\0b", "x").is_err());
        assert!(matches!(decode("é-ü", "x"), Ok(Cow::Borrowed("é-ü"))));
    }

    #[test]
    fn catch_alls_refuse_dot_segments() {
        assert_eq!(decode_catch_all("a/b.txt", "p").unwrap(), "a/b.txt");
        assert_eq!(decode_catch_all("..a/b", "p").unwrap(), "..a/b");
        assert_eq!(decode_catch_all("css/", "p").unwrap(), "css/");
        assert_eq!(decode_catch_all("ab:c/d", "p").unwrap(), "ab:c/d");
        for bad in [
            "../etc", "a/../b", ".", "%2e%2e/x", "a/%2E", "..%5cx", "x/..",
        ] {
            assert!(decode_catch_all(bad, "p").is_err(), "{bad}");
        }
    }

    #[test]
    fn catch_alls_refuse_absolute_paths_and_empty_segments() {
        for bad in [
            "%2Fetc%2Fpasswd",
            "%2F%2Fhost%2Fshare",
            "C:%5Cwindows%5Cwin.ini",
            "c:foo",
            "%5C%5Chost%5Cshare",
            "%5Cetc",
            "a%2F%2Fb",
            "a%5C%5Cb",
            "a//",
            "/",
        ] {
            assert!(decode_catch_all(bad, "p").is_err(), "{bad}");
        }
    }

    #[test]
    fn messages_name_the_parameter_and_the_type() {
        let e = from_str::<f64>("x", "ratio").unwrap_err();
        assert_eq!(
            e.to_string(),
            "invalid path parameter `ratio`: expected f64"
        );
    }
}

/// The URI a route was matched on, when a middleware changed the request's.
#[derive(Clone)]
pub(crate) struct RoutedUri(pub(crate) http::Uri);
