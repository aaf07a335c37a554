//! Static text: checked against RFC 3986 `pchar` and written in the
//! canonical form the matcher compares with.

use core::ops::Range;

use crate::Error;

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Whether `b` stands for itself in canonical static text: unreserved,
/// a sub-delimiter, `:` or `@` (the runtime's matcher agrees; a test of
/// the runtime checks it).
///
/// ```
/// assert!(flaxum_grammar::is_plain_pchar(b'~'));
/// assert!(!flaxum_grammar::is_plain_pchar(b'/'));
/// ```
pub fn is_plain_pchar(b: u8) -> bool {
    matches!(b,
        b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9'
        | b'-' | b'.' | b'_' | b'~'
        | b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'='
        | b':' | b'@')
}

/// Appends byte `b` to `out` in canonical form.
fn push_canonical(out: &mut String, b: u8) {
    if is_plain_pchar(b) {
        out.push(char::from(b));
    } else {
        out.push('%');
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 15)]));
    }
}

/// The canonical form of the static text `path[range]`: `%XX` escapes
/// decoded, then every byte that is not plain `pchar` written as upper-case
/// `%XX`. Non-ASCII text is encoded as its UTF-8 bytes, other characters
/// outside `pchar` (a space, `"`, `|`, …) as their byte. `?`, `#`, control
/// characters and a `%` that starts no escape are reported into `errors`
/// (and left out).
pub(crate) fn canonical(path: &str, range: Range<usize>, errors: &mut Vec<Error>) -> String {
    let text = &path[range.clone()];
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < bytes.len() {
        let at = range.start + i;
        let b = bytes[i];
        if b == b'%' {
            match escape_at(bytes, i) {
                Some(decoded) => {
                    push_canonical(&mut out, decoded);
                    i += 3;
                }
                None => {
                    errors.push(bad_percent(bytes, i, at));
                    i += 1;
                }
            }
        } else if !b.is_ascii() {
            let c = text[i..].chars().next().unwrap_or('\u{FFFD}');
            let mut buf = [0u8; 4];
            for &byte in c.encode_utf8(&mut buf).as_bytes() {
                push_canonical(&mut out, byte);
            }
            i += c.len_utf8();
        } else if let Some(message) = not_allowed(b) {
            errors.push(Error::new(message, at..at + 1));
            i += 1;
        } else {
            push_canonical(&mut out, b);
            i += 1;
        }
    }
    out
}

/// The byte a valid `%XX` escape at `bytes[i]` stands for.
fn escape_at(bytes: &[u8], i: usize) -> Option<u8> {
    let hi = char::from(*bytes.get(i + 1)?).to_digit(16)?;
    let lo = char::from(*bytes.get(i + 2)?).to_digit(16)?;
    u8::try_from(hi << 4 | lo).ok()
}

/// The error for a `%` at `bytes[i]` (path offset `at`) that starts no
/// valid escape; the span covers the `%` and what follows it, up to two
/// ASCII characters.
fn bad_percent(bytes: &[u8], i: usize, at: usize) -> Error {
    let extra = bytes[i + 1..]
        .iter()
        .take(2)
        .take_while(|b| b.is_ascii_graphic() && **b != b'%')
        .count();
    Error::new(
        "invalid percent-escape: `%` must be followed by two hexadecimal digits \
         (write `%25` for a literal `%`)",
        at..at + 1 + extra,
    )
}

/// The message for an ASCII byte that may not appear in static text:
/// `?`, `#` and control characters. Other ASCII outside `pchar` (a space,
/// `"`, `|`, `[`, …) is percent-encoded like non-ASCII text, as Flask
/// accepts it too; `<`, `>`, `{`, `}` never get here (they are syntax).
fn not_allowed(b: u8) -> Option<String> {
    Some(match b {
        b'?' => "`?` is not allowed in a route path: the query string is not part of the route \
                 (write `%3F` for a literal `?`)"
            .into(),
        b'#' => "`#` is not allowed in a route path: the fragment is not part of the route \
                 (write `%23` for a literal `#`)"
            .into(),
        _ if b.is_ascii_control() => format!(
            "control character U+{b:04X} is not allowed in a route path; \
             write it percent-encoded as `%{b:02X}`"
        ),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canon(s: &str) -> (String, Vec<Error>) {
        let mut errors = Vec::new();
        let out = canonical(s, 0..s.len(), &mut errors);
        (out, errors)
    }

    #[test]
    fn plain_text_is_kept() {
        let all = "AZaz09-._~!$&'()*+,;=:@";
        assert_eq!(canon(all), (all.to_string(), vec![]));
    }

    #[test]
    fn escapes_are_decoded_then_re_encoded() {
        assert_eq!(canon("%7euser").0, "~user");
        assert_eq!(canon("a%2fb").0, "a%2Fb");
        assert_eq!(canon("caf%c3%a9").0, "caf%C3%A9");
        assert_eq!(canon("%41%3a%40").0, "A:@");
        assert_eq!(canon("%25").0, "%25");
        assert_eq!(canon("%20%3F%23%FF").0, "%20%3F%23%FF");
    }

    #[test]
    fn non_ascii_is_encoded() {
        assert_eq!(canon("café").0, "caf%C3%A9");
        assert_eq!(canon("日本").0, "%E6%97%A5%E6%9C%AC");
    }

    #[test]
    fn ascii_outside_pchar_is_encoded() {
        assert_eq!(canon("a b").0, "a%20b");
        assert_eq!(canon("[x]|\"^`\\").0, "%5Bx%5D%7C%22%5E%60%5C");
    }

    #[test]
    fn bad_percent_spans_what_follows() {
        let (_, e) = canon("a%zz");
        assert_eq!(e[0].span, 1..4);
        let (_, e) = canon("a%4");
        assert_eq!(e[0].span, 1..3);
        let (_, e) = canon("a%");
        assert_eq!(e[0].span, 1..2);
        let (_, e) = canon("%%41");
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].span, 0..1);
    }

    #[test]
    fn every_ascii_byte_is_plain_or_encoded_or_refused() {
        for b in 0u8..128 {
            let s = char::from(b).to_string();
            let (out, errors) = canon(&s);
            if is_plain_pchar(b) {
                assert_eq!((out, errors), (s, vec![]));
            } else if matches!(b, b'%' | b'?' | b'#') || b.is_ascii_control() {
                assert_eq!(errors.len(), 1, "{b}");
            } else {
                assert_eq!((out, errors), (format!("%{b:02X}"), vec![]), "{b}");
            }
        }
    }
}
