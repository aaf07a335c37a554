//! Converter arguments as werkzeug writes them: `int(4, min=1, signed=True)`,
//! `any(en, 'de', "fr")`, and the Python number syntax of their values.

use core::ops::Range;

use crate::Error;

/// An argument value as written.
#[derive(Debug, PartialEq)]
pub(crate) enum Value {
    /// A quoted string, `'x'` or `"x"` (werkzeug also allows a `u`/`r`
    /// prefix), without its quotes. There are no escapes.
    Quoted(String),
    /// Anything else: a number, `True`, `False`, `None` or a bare word.
    Bare(String),
}

/// One argument: `value` or `key=value`.
#[derive(Debug)]
pub(crate) struct Arg {
    pub key: Option<(String, Range<usize>)>,
    pub value: Value,
    /// The value as written, in the path.
    pub value_span: Range<usize>,
    /// The whole argument, in the path.
    pub span: Range<usize>,
}

fn cannot_parse(path: &str, span: Range<usize>) -> Error {
    Error::new(
        format!("cannot parse converter argument `{}`", &path[span.clone()]),
        span,
    )
}

/// The argument list `path[range]` (the text between the parentheses),
/// split at commas outside quotes. A trailing comma is allowed, as in
/// Python; an empty list gives no arguments. `None` when some argument is
/// malformed (reported into `errors`).
pub(crate) fn split(path: &str, range: Range<usize>, errors: &mut Vec<Error>) -> Option<Vec<Arg>> {
    let pieces = comma_split(path.as_bytes(), range);
    let count = pieces.len();
    let mut args = Vec::new();
    let mut ok = true;
    for (n, piece) in pieces.into_iter().enumerate() {
        let piece = trim(path, piece);
        if piece.is_empty() {
            let last = n + 1 == count;
            if !(last && (n > 0 || count == 1)) {
                errors.push(Error::new(
                    "empty converter argument",
                    piece.start..piece.end + 1,
                ));
                ok = false;
            }
            continue;
        }
        match argument(path, piece) {
            Ok(arg) => args.push(arg),
            Err(e) => {
                errors.push(e);
                ok = false;
            }
        }
    }
    ok.then_some(args)
}

/// The ranges between commas outside quotes.
fn comma_split(bytes: &[u8], range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = range.start;
    let mut quote = None;
    for k in range.clone() {
        match (quote, bytes[k]) {
            (Some(q), b) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(bytes[k]),
            (None, b',') => {
                out.push(start..k);
                start = k + 1;
            }
            (None, _) => {}
        }
    }
    out.push(start..range.end);
    out
}

/// `range` without leading and trailing whitespace.
fn trim(path: &str, range: Range<usize>) -> Range<usize> {
    let text = &path[range.clone()];
    let start = range.start + (text.len() - text.trim_start().len());
    let end = range.end - (text.len() - text.trim_end().len());
    start..end.max(start)
}

/// One non-empty, trimmed argument.
fn argument(path: &str, span: Range<usize>) -> Result<Arg, Error> {
    let text = &path[span.clone()];
    let eq = text
        .find(['=', '"', '\''])
        .filter(|&k| text.as_bytes()[k] == b'=');
    let (key, value_span) = match eq {
        None => (None, span.clone()),
        Some(k) => {
            let key_span = trim(path, span.start..span.start + k);
            let key = &path[key_span.clone()];
            if key.is_empty() || !key.chars().all(|c| c.is_alphanumeric() || c == '_') {
                return Err(cannot_parse(path, span));
            }
            let value_span = trim(path, span.start + k + 1..span.end);
            if value_span.is_empty() {
                return Err(Error::new(
                    format!("missing value for argument `{key}`"),
                    span,
                ));
            }
            (Some((key.to_string(), key_span)), value_span)
        }
    };
    let value = value(&path[value_span.clone()]).ok_or_else(|| cannot_parse(path, span.clone()))?;
    Ok(Arg {
        key,
        value,
        value_span,
        span,
    })
}

/// A value: a quoted string (with an optional `u`/`r` prefix) or a bare
/// token without whitespace, quotes, `=` or parentheses.
fn value(text: &str) -> Option<Value> {
    let unprefixed = text.strip_prefix(['u', 'r', 'U', 'R']).unwrap_or(text);
    for quote in ['"', '\''] {
        if let Some(inner) = unprefixed.strip_prefix(quote) {
            let inner = inner.strip_suffix(quote)?;
            return (!inner.contains(quote)).then(|| Value::Quoted(inner.to_string()));
        }
    }
    let bad = |c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '=' | '(' | ')');
    (!text.contains(bad)).then(|| Value::Bare(text.to_string()))
}

/// Whether `s` is a run of ASCII digits with single `_` between digits, as
/// Python's `int()` and `float()` accept.
fn is_digits(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('_')
        && !s.ends_with('_')
        && !s.contains("__")
        && s.bytes().all(|b| b.is_ascii_digit() || b == b'_')
}

/// `s` without a leading `+` or `-`, and whether it was `-`.
fn sign(s: &str) -> (bool, &str) {
    match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    }
}

/// Python's `int(s)` for ASCII text: `None` when `s` is not integer
/// syntax, `Some(None)` when it is but does not fit in `i128`.
pub(crate) fn py_int(s: &str) -> Option<Option<i128>> {
    let (negative, digits) = sign(s);
    if !is_digits(digits) {
        return None;
    }
    let cleaned: String = digits.chars().filter(|&c| c != '_').collect();
    let signed = if negative {
        format!("-{cleaned}")
    } else {
        cleaned
    };
    Some(signed.parse().ok())
}

/// Python's `float(s)` for ASCII text: digits with an optional fraction
/// and exponent, `inf`, `infinity` or `nan` (any case), with a sign.
pub(crate) fn py_float(s: &str) -> Option<f64> {
    let (_, body) = sign(s);
    let lower = body.to_ascii_lowercase();
    let special = matches!(lower.as_str(), "inf" | "infinity" | "nan");
    if !special {
        let (mantissa, exponent) = match lower.split_once('e') {
            Some((m, e)) => (m, Some(e)),
            None => (lower.as_str(), None),
        };
        let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let mantissa_ok = (is_digits(int) || int.is_empty())
            && (is_digits(frac) || frac.is_empty())
            && !(int.is_empty() && frac.is_empty());
        let exponent_ok = exponent.is_none_or(|e| is_digits(sign(e).1));
        if !mantissa_ok || !exponent_ok {
            return None;
        }
    }
    s.chars()
        .filter(|&c| c != '_')
        .collect::<String>()
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<Vec<(Option<String>, Value)>, Vec<Error>> {
        let mut errors = Vec::new();
        match split(s, 0..s.len(), &mut errors) {
            Some(args) => Ok(args
                .into_iter()
                .map(|a| (a.key.map(|k| k.0), a.value))
                .collect()),
            None => Err(errors),
        }
    }

    fn bare(s: &str) -> Value {
        Value::Bare(s.into())
    }

    #[test]
    fn splits_like_werkzeug() {
        assert_eq!(parse("").unwrap(), []);
        assert_eq!(parse("  ").unwrap(), []);
        assert_eq!(
            parse("5, min=1").unwrap(),
            [(None, bare("5")), (Some("min".into()), bare("1"))]
        );
        assert_eq!(
            parse(" min = 1 ").unwrap(),
            [(Some("min".into()), bare("1"))]
        );
        assert_eq!(
            parse("a, b,").unwrap(),
            [(None, bare("a")), (None, bare("b"))]
        );
        assert_eq!(
            parse("'x,y', u\"z\", r'=('").unwrap(),
            [
                (None, Value::Quoted("x,y".into())),
                (None, Value::Quoted("z".into())),
                (None, Value::Quoted("=(".into()))
            ]
        );
        assert_eq!(
            parse("k='a=b'").unwrap(),
            [(Some("k".into()), Value::Quoted("a=b".into()))]
        );
    }

    #[test]
    fn malformed_arguments_are_reported_with_spans() {
        let e = parse("a,,b").unwrap_err();
        assert_eq!(
            (e[0].message.as_str(), e[0].span.clone()),
            ("empty converter argument", 2..3)
        );
        let e = parse(",").unwrap_err();
        assert_eq!(e[0].span, 0..1);
        let e = parse("min=").unwrap_err();
        assert_eq!(e[0].message, "missing value for argument `min`");
        let e = parse("a b, =1, x-y=2, 'a'b, f(1").unwrap_err();
        let messages: Vec<_> = e.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "cannot parse converter argument `a b`",
                "cannot parse converter argument `=1`",
                "cannot parse converter argument `x-y=2`",
                "cannot parse converter argument `'a'b`",
                "cannot parse converter argument `f(1`",
            ]
        );
        assert_eq!(e[1].span, 5..7);
    }

    #[test]
    fn python_numbers() {
        assert_eq!(py_int("42"), Some(Some(42)));
        assert_eq!(py_int("-1_000"), Some(Some(-1000)));
        assert_eq!(py_int("+007"), Some(Some(7)));
        assert_eq!(py_int("1__0"), None);
        assert_eq!(py_int("_1"), None);
        assert_eq!(py_int("1.0"), None);
        assert_eq!(py_int("0x10"), None);
        assert_eq!(py_int(&"9".repeat(40)), Some(None));
        assert_eq!(
            py_int("-170141183460469231731687303715884105728"),
            Some(Some(i128::MIN))
        );
        assert_eq!(py_float("1.5"), Some(1.5));
        assert_eq!(py_float("-.5"), Some(-0.5));
        assert_eq!(py_float("5."), Some(5.0));
        assert_eq!(py_float("1e3"), Some(1000.0));
        assert_eq!(py_float("1_0.2_5E+0_1"), Some(102.5));
        assert_eq!(py_float("-Infinity"), Some(f64::NEG_INFINITY));
        assert!(py_float("nan").is_some_and(f64::is_nan));
        for bad in [".", "e5", "1e", "1.2.3", "abc", "1_.5", "True", ""] {
            assert_eq!(py_float(bad), None, "{bad}");
        }
    }
}
