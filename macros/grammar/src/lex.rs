//! Splitting one segment into static text and parameter tokens, in any of
//! the three syntaxes: `:name`/`*name`, `{name}`/`{*name}` and Flask's
//! `<name>`/`<conv:name>`/`<conv(args):name>`.

use core::ops::Range;

use crate::conv::{self, Built};
use crate::{Conv, Error};

/// What a parameter token stands for.
#[derive(Debug)]
pub(crate) enum Kind {
    Param(Conv),
    CatchAll,
    /// A parameter whose converter is in error (already reported).
    Broken,
}

/// One parameter as written.
#[derive(Debug)]
pub(crate) struct ParamTok {
    /// The name as written (not yet checked).
    pub name: Range<usize>,
    /// The whole token, from `:`, `*`, `{` or `<` to its end.
    pub span: Range<usize>,
    pub kind: Kind,
}

/// A piece of a segment.
#[derive(Debug)]
pub(crate) enum Piece {
    Text(Range<usize>),
    Param(ParamTok),
}

/// Splits the segment `path[seg]` into pieces. Syntax errors (unclosed or
/// stray brackets, bad converters) go to `errors`; a token that cannot be
/// made sense of is left out of the pieces.
pub(crate) fn segment(path: &str, seg: Range<usize>, errors: &mut Vec<Error>) -> Vec<Piece> {
    let bytes = path.as_bytes();
    let mut pieces = Vec::new();
    let mut i = seg.start;
    if matches!(bytes.get(i), Some(b':' | b'*')) && i < seg.end {
        let tok = sigil(path, i, seg.end);
        i = tok.span.end;
        pieces.push(Piece::Param(tok));
    }
    while i < seg.end {
        let (tok, next) = match bytes[i] {
            b'<' => angle(path, i, seg.end, errors),
            b'{' => brace(path, i, seg.end, errors),
            b'>' | b'}' => {
                errors.push(stray(bytes[i], i));
                (None, i + 1)
            }
            _ => {
                let end = (i..seg.end)
                    .find(|&k| matches!(bytes[k], b'<' | b'{' | b'>' | b'}'))
                    .unwrap_or(seg.end);
                pieces.push(Piece::Text(i..end));
                (None, end)
            }
        };
        pieces.extend(tok.map(Piece::Param));
        i = next;
    }
    pieces
}

fn stray(b: u8, at: usize) -> Error {
    let message = if b == b'>' {
        "unmatched `>` in route path: a parameter is written `<name>` or `<converter:name>`"
    } else {
        "unmatched `}` in route path: a parameter is written `{name}`"
    };
    Error::new(message, at..at + 1)
}

fn unclosed(path: &str, open: char, close: char, span: Range<usize>) -> Error {
    Error::new(
        format!(
            "unclosed `{open}`: `{}` is missing its closing `{close}`",
            &path[span.clone()]
        ),
        span,
    )
}

/// The end of the run of name characters starting at `from`: letters,
/// digits and `_` (any script, so that a non-ASCII name is reported as an
/// invalid name rather than as static text next to a parameter).
fn name_end(path: &str, from: usize, end: usize) -> usize {
    path[from..end]
        .char_indices()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '_'))
        .map_or(end, |(k, _)| from + k)
}

/// `:name` or `*name` at the start of a segment.
fn sigil(path: &str, at: usize, end: usize) -> ParamTok {
    let name_stop = name_end(path, at + 1, end);
    let kind = if path.as_bytes()[at] == b'*' {
        Kind::CatchAll
    } else {
        Kind::Param(Conv::PLAIN)
    };
    ParamTok {
        name: at + 1..name_stop,
        span: at..name_stop,
        kind,
    }
}

/// The first index in `from..end` whose byte is one of `set`.
fn find_any(bytes: &[u8], from: usize, end: usize, set: &[u8]) -> Option<usize> {
    (from..end).find(|&k| set.contains(&bytes[k]))
}

/// `{name}` or `{*name}` starting at `at`.
fn brace(path: &str, at: usize, end: usize, errors: &mut Vec<Error>) -> (Option<ParamTok>, usize) {
    let bytes = path.as_bytes();
    let Some(close) = find_any(bytes, at + 1, end, b"}{<").filter(|&k| bytes[k] == b'}') else {
        let stop = find_any(bytes, at + 1, end, b"{<").unwrap_or(end);
        errors.push(unclosed(path, '{', '}', at..stop));
        return (None, stop);
    };
    let span = at..close + 1;
    if bytes[at + 1..close].contains(&b':') {
        errors.push(Error::new(
            format!(
                "`{}`: a converter cannot be given in braces; write it in Flask's syntax, \
                 e.g. `<int:id>`",
                &path[span.clone()]
            ),
            span.clone(),
        ));
        return (None, close + 1);
    }
    let (name, kind) = if bytes.get(at + 1) == Some(&b'*') {
        (at + 2..close, Kind::CatchAll)
    } else {
        (at + 1..close, Kind::Param(Conv::PLAIN))
    };
    (Some(ParamTok { name, span, kind }), close + 1)
}

/// Flask's `<name>`, `<conv:name>` or `<conv(args):name>` starting at `at`.
fn angle(path: &str, at: usize, end: usize, errors: &mut Vec<Error>) -> (Option<ParamTok>, usize) {
    let bytes = path.as_bytes();
    let head = find_any(bytes, at + 1, end, b"(:><").unwrap_or(end);
    match bytes.get(head).filter(|_| head < end) {
        Some(b'>') => {
            let tok = ParamTok {
                name: at + 1..head,
                span: at..head + 1,
                kind: Kind::Param(Conv::PLAIN),
            };
            (Some(tok), head + 1)
        }
        Some(b':' | b'(') => converter(path, at, head, end, errors),
        _ => {
            errors.push(unclosed(path, '<', '>', at..head));
            (None, head)
        }
    }
}

/// The rest of `<conv…`, with the converter name ending at `head` (at a
/// `:` or a `(`).
fn converter(
    path: &str,
    at: usize,
    head: usize,
    end: usize,
    errors: &mut Vec<Error>,
) -> (Option<ParamTok>, usize) {
    let bytes = path.as_bytes();
    let mut colon = head;
    let mut args = None;
    if bytes[head] == b'(' {
        match close_paren(bytes, head + 1, end) {
            Ok(close) => {
                args = Some(head + 1..close);
                colon = close + 1;
            }
            Err(e) => {
                errors.push(e);
                return (None, end);
            }
        }
    }
    if bytes.get(colon) != Some(&b':') || colon >= end {
        errors.push(missing_name(path, at, colon, end));
        let resume = find_any(bytes, colon, end, b">").map_or(end, |k| k + 1);
        return (None, resume);
    }
    let stop = find_any(bytes, colon + 1, end, b"><").unwrap_or(end);
    if bytes.get(stop) != Some(&b'>') || stop >= end {
        errors.push(unclosed(path, '<', '>', at..stop));
        return (None, stop);
    }
    let kind = match conv::build(path, at + 1..head, args, errors) {
        Some(Built::Param(conv)) => Kind::Param(conv),
        Some(Built::CatchAll) => Kind::CatchAll,
        None => Kind::Broken,
    };
    let tok = ParamTok {
        name: colon + 1..stop,
        span: at..stop + 1,
        kind,
    };
    (Some(tok), stop + 1)
}

/// The error for `<conv(args)` not followed by `:name>`.
fn missing_name(path: &str, at: usize, colon: usize, end: usize) -> Error {
    let written = &path[at..colon];
    match path[colon..end].chars().next() {
        Some('>') => Error::new(
            format!("missing parameter name: write `{written}:name>`"),
            at..colon + 1,
        ),
        Some(c) => Error::new(
            format!("unexpected `{c}` after `{written}`: expected `:` and the parameter name"),
            colon..colon + c.len_utf8(),
        ),
        None => unclosed(path, '<', '>', at..end),
    }
}

/// The index of the `)` closing converter arguments that start at `from`,
/// skipping quoted text.
fn close_paren(bytes: &[u8], from: usize, end: usize) -> Result<usize, Error> {
    let mut quote: Option<(u8, usize)> = None;
    for (k, &b) in bytes.iter().enumerate().take(end).skip(from) {
        match (quote, b) {
            (Some((q, _)), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some((b, k)),
            (None, b')') => return Ok(k),
            (None, _) => {}
        }
    }
    Err(match quote {
        Some((q, k)) => Error::new(
            format!("unclosed quote `{}` in converter arguments", char::from(q)),
            k..end,
        ),
        None => Error::new(
            "unclosed `(`: converter arguments are missing their closing `)`",
            from - 1..end,
        ),
    })
}
