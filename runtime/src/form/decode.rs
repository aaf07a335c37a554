//! Text as Werkzeug 3.1 decodes it for `request.form`: url-encoded names
//! and values, multipart text in its part's charset, and the parameters
//! of a header (`Content-Type`, a part's `Content-Disposition`).

/// The type of a `Content-Type`, before its parameters, trimmed (the
/// caller compares it without case).
pub(super) fn mimetype(value: &[u8]) -> &[u8] {
    let end = value.iter().position(|&b| b == b';').unwrap_or(value.len());
    value[..end].trim_ascii()
}

/// One name or value of a url-encoded body: `+` is a space, `%XX` a byte,
/// and bytes that are not UTF-8 are written back as `%XX` with upper-case
/// hex digits.
///
/// Werkzeug (Python's `unquote`) decodes each run of ASCII separately,
/// the rest of the text being decoded already. Decoding the whole value at
/// once gives the same text: a character of the text is a complete
/// sequence, and its first byte continues no sequence before it.
pub(super) fn unquote_plus(raw: &str) -> String {
    if !raw.contains(['+', '%']) {
        return raw.to_owned();
    }
    let spaced = raw.replace('+', " ");
    let bytes: Vec<u8> = percent_encoding::percent_decode_str(&spaced).collect();
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        for b in chunk.invalid() {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The charsets Werkzeug decodes multipart text in; any other is UTF-8.
const CHARSETS: [&str; 4] = ["ascii", "us-ascii", "utf-8", "iso-8859-1"];

/// A charset Werkzeug accepts, lower-cased, or `None` (then UTF-8).
pub(super) fn known_charset(name: &str) -> Option<String> {
    let name = name.to_ascii_lowercase();
    CHARSETS.contains(&name.as_str()).then_some(name)
}

/// Bytes in `charset` (`utf-8` when `None`), as Python decodes them with
/// `errors="replace"`: each byte, or each broken UTF-8 sequence, that does
/// not decode becomes U+FFFD.
pub(super) fn decode_text(bytes: &[u8], charset: Option<&str>) -> String {
    match charset {
        Some("iso-8859-1") => bytes.iter().map(|&b| char::from(b)).collect(),
        Some("ascii" | "us-ascii") => bytes
            .iter()
            .map(|&b| {
                if b.is_ascii() {
                    char::from(b)
                } else {
                    '\u{FFFD}'
                }
            })
            .collect(),
        _ => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// A token character of a parameter (RFC 9110), as Werkzeug's patterns
/// allow it.
fn token(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// The parameters of a header value (`form-data; name="a"; filename*=…`),
/// by Werkzeug's rules: names lower-cased, a later one replacing an
/// earlier; values unquoted (`\"` and `%22` are `"`); parts that do not
/// parse skipped; RFC 2231 `name*=charset'lang'%XX` decoded when the charset
/// is one of [`CHARSETS`], and continuations (`name*0`, `name*1`) joined.
pub(super) fn parameters(value: &str) -> Vec<(String, String)> {
    let Some((kind, rest)) = value.split_once(';') else {
        return Vec::new();
    };
    let mut rest = rest.trim();
    if kind.trim().is_empty() || rest.is_empty() {
        return Vec::new();
    }
    // The raw parts: a name, and a value still quoted or encoded.
    let mut raw: Vec<(String, &str)> = Vec::new();
    loop {
        let b = rest.as_bytes();
        let key_len = b.iter().take_while(|&&c| token(c)).count();
        if key_len > 0 && b.get(key_len) == Some(&b'=') {
            let key = rest[..key_len].to_ascii_lowercase();
            rest = &rest[key_len + 1..];
            let b = rest.as_bytes();
            let token_len = b.iter().take_while(|&&c| token(c)).count();
            if token_len > 0 {
                raw.push((key, &rest[..token_len]));
            } else if b.first() == Some(&b'"') {
                if let Some(end) = closing_quote(b) {
                    raw.push((key, &rest[..=end]));
                    rest = &rest[end + 1..];
                }
            }
        }
        match rest.find(';') {
            Some(end) => rest = rest[end + 1..].trim_start(),
            None => break,
        }
    }
    let mut options: Vec<(String, String)> = Vec::new();
    // As in Werkzeug, the charset of one encoded part carries on to the
    // next one that names none.
    let mut charset: Option<String> = None;
    let mut continued: Option<String> = None;
    for (mut key, value) in raw {
        let mut value = value.to_owned();
        if key.ends_with('*') {
            key.pop();
            if let Some((marked, encoded)) = charset_marked(&value) {
                charset = Some(marked.to_ascii_lowercase());
                value = encoded.to_owned();
            }
            if charset.as_deref().is_none_or(str::is_empty) {
                charset.clone_from(&continued);
            }
            if let Some(known) = charset.as_deref().and_then(known_charset) {
                let bytes: Vec<u8> = percent_encoding::percent_decode_str(&value).collect();
                value = decode_text(&bytes, Some(&known));
                continued = Some(known);
            }
        }
        if value.len() >= 2 && value.starts_with('"') && value.ends_with('"') {
            value = value[1..value.len() - 1]
                .replace("\\\\", "\\")
                .replace("\\\"", "\"")
                .replace("%22", "\"");
        } else if value == "\"" {
            value.clear();
        }
        match continuation(&key) {
            Some(base) => match options.iter_mut().find(|(k, _)| k == base) {
                Some((_, before)) => before.push_str(&value),
                None => options.push((base.to_owned(), value)),
            },
            None => match options.iter_mut().find(|(k, _)| *k == key) {
                Some((_, before)) => *before = value,
                None => options.push((key, value)),
            },
        }
    }
    options
}

/// The value of parameter `name` (lower case) in `options`.
pub(super) fn parameter<'a>(options: &'a [(String, String)], name: &str) -> Option<&'a str> {
    options
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// Where the quoted string at the start of `b` closes, skipping `\\` and
/// `\"`; `None` when it does not.
fn closing_quote(b: &[u8]) -> Option<usize> {
    let mut pos = 1;
    while pos < b.len() {
        match &b[pos..] {
            [b'\\', b'\\' | b'"', ..] => pos += 2,
            [b'"', ..] => return Some(pos),
            _ => pos += 1,
        }
    }
    None
}

/// `charset'lang'encoded` at the start of an RFC 2231 value: the charset
/// (maybe empty) and the encoded text (the token characters that follow).
fn charset_marked(value: &str) -> Option<(&str, &str)> {
    let plain = |c: u8| token(c) && c != b'\'';
    let b = value.as_bytes();
    let first = b.iter().take_while(|&&c| plain(c)).count();
    if b.get(first) != Some(&b'\'') {
        return None;
    }
    let lang = b[first + 1..].iter().take_while(|&&c| plain(c)).count();
    let start = first + 1 + lang;
    if b.get(start) != Some(&b'\'') {
        return None;
    }
    let len = b[start + 1..].iter().take_while(|&&c| token(c)).count();
    (len > 0).then(|| (&value[..first], &value[start + 1..start + 1 + len]))
}

/// `name` of a continuation `name*0`, `name*1`, …
fn continuation(key: &str) -> Option<&str> {
    let digits = key.bytes().rev().take_while(u8::is_ascii_digit).count();
    let base = key[..key.len() - digits].strip_suffix('*')?;
    (digits > 0).then_some(base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unquote_keeps_what_is_not_utf8_escaped() {
        assert_eq!(unquote_plus("a+b%20c"), "a b c");
        assert_eq!(unquote_plus("%ff"), "%FF");
        assert_eq!(unquote_plus("%C3%A9%fe%41"), "é%FEA");
        assert_eq!(unquote_plus("%ED%A0%80"), "%ED%A0%80"); // a surrogate
        assert_eq!(unquote_plus("%E2%82"), "%E2%82"); // cut short
        assert_eq!(unquote_plus("%C3é%A9"), "%C3é%A9");
        assert_eq!(unquote_plus("%zz%4%"), "%zz%4%");
        assert_eq!(unquote_plus("%2B"), "+");
    }

    #[test]
    fn charsets_as_werkzeug() {
        assert_eq!(decode_text(b"\xe9", Some("iso-8859-1")), "é");
        assert_eq!(decode_text(b"\xe9x", Some("ascii")), "\u{FFFD}x");
        assert_eq!(decode_text(b"\xff\xc3", None), "\u{FFFD}\u{FFFD}");
        assert_eq!(known_charset("UTF-8").as_deref(), Some("utf-8"));
        assert_eq!(known_charset("windows-1252"), None);
    }

    #[test]
    fn mimetype_before_parameters() {
        assert_eq!(mimetype(b" Text/Plain ; charset=x"), b"Text/Plain");
        assert_eq!(mimetype(b"a/b"), b"a/b");
    }

    fn params(value: &str) -> Vec<(&str, &str)> {
        let leaked: &'static [(String, String)] = Box::leak(parameters(value).into_boxed_slice());
        leaked
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect()
    }

    #[test]
    fn parameters_as_werkzeug() {
        assert_eq!(
            params(r#"form-data; name="a"; filename="b.txt""#),
            [("name", "a"), ("filename", "b.txt")]
        );
        assert_eq!(params("form-data; NAME=a"), [("name", "a")]);
        assert_eq!(
            params(r#"form-data; name="a\"b%22c\\d""#),
            [("name", r#"a"b"c\d"#)]
        );
        assert_eq!(
            params("form-data; filename*=UTF-8''%E2%82%AC.txt"),
            [("filename", "€.txt")]
        );
        assert_eq!(
            params("form-data; filename*=iso-8859-1'en'%E9"),
            [("filename", "é")]
        );
        // An unknown charset leaves the value encoded.
        assert_eq!(
            params("form-data; filename*=koi8-r''%E9"),
            [("filename", "%E9")]
        );
        assert_eq!(
            params("x; a*0=one; a*1=two; b=3"),
            [("a", "onetwo"), ("b", "3")]
        );
        // A part that does not parse is skipped, a later name wins.
        assert_eq!(params(r#"x; broken; name="open; a=1; a=2"#), [("a", "2")]);
        assert_eq!(
            params("garbage; charset=iso-8859-1"),
            [("charset", "iso-8859-1")]
        );
        assert!(params("form-data").is_empty());
        assert!(params("; name=a").is_empty());
    }
}
