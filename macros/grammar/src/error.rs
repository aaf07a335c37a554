//! A problem in a route path, and how it is shown to the user.

use core::fmt;
use core::ops::Range;

/// One problem in a route path: what is wrong, and where.
///
/// The span is a byte range into the path given to [`parse`](crate::parse).
/// A proc macro cannot point inside a string literal on stable Rust, so
/// [`render`](Error::render) draws the path with a caret line under the span.
///
/// ```
/// use flaxum_grammar::{parse, Error};
///
/// let errors = parse("users").unwrap_err();
/// assert_eq!(
///     errors,
///     [Error { message: r#"route path must start with "/""#.into(), span: 0..1 }]
/// );
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Error {
    /// What is wrong, in words a Flask user understands.
    pub message: String,
    /// The offending part of the path, as a byte range.
    pub span: Range<usize>,
}

impl Error {
    pub(crate) fn new(message: impl Into<String>, span: Range<usize>) -> Error {
        Error {
            message: message.into(),
            span,
        }
    }

    /// The message, then the path indented by two spaces, then a line of
    /// carets under the span (at least one caret, so that an empty span
    /// still shows where). Columns count characters, not bytes; control
    /// characters of the path are shown as `�` so that the carets line up.
    ///
    /// ```
    /// use flaxum_grammar::parse;
    ///
    /// let path = "/users/<int:id>/posts/<id>";
    /// let errors = parse(path).unwrap_err();
    /// assert_eq!(
    ///     errors[0].render(path),
    ///     "duplicate parameter name `id`\n  /users/<int:id>/posts/<id>\n                        ^^^^"
    /// );
    /// ```
    pub fn render(&self, path: &str) -> String {
        let start = floor_char_boundary(path, self.span.start);
        let end = floor_char_boundary(path, self.span.end).max(start);
        let column = path[..start].chars().count();
        let width = path[start..end].chars().count().max(1);
        let shown: String = path
            .chars()
            .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
            .collect();
        format!(
            "{}\n  {}\n  {}{}",
            self.message,
            shown,
            " ".repeat(column),
            "^".repeat(width)
        )
    }
}

/// The largest char boundary of `s` at or before `i` (clamped to `s`).
fn floor_char_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Shows the message alone (use [`Error::render`] to show where).
///
/// ```
/// use flaxum_grammar::parse;
///
/// let errors = parse("/a//b").unwrap_err();
/// assert_eq!(errors[0].to_string(), r#"empty segment ("//") in route path"#);
/// ```
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_marks_an_empty_span_with_one_caret() {
        let e = Error::new("m", 0..0);
        assert_eq!(e.render(""), "m\n  \n  ^");
        let e = Error::new("m", 3..3);
        assert_eq!(e.render("/a/"), "m\n  /a/\n     ^");
    }

    #[test]
    fn render_counts_characters_not_bytes() {
        let e = Error::new("m", 7..9);
        let want = format!("m\n  /café/<>\n  {}^^", " ".repeat(6));
        assert_eq!(e.render("/café/<>"), want);
    }

    #[test]
    fn render_survives_out_of_range_and_mid_char_spans() {
        let e = Error::new("m", 5..99);
        let want = format!("m\n  /café\n  {}^", " ".repeat(4));
        assert_eq!(e.render("/café"), want);
        let e = Error::new("m", 1..2);
        assert_eq!(e.render("/\tx"), "m\n  /\u{FFFD}x\n   ^");
    }
}
