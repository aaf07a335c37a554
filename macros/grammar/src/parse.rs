//! The whole route path: segments, then the checks across segments
//! (empty segments, names, catch-all position).

use core::ops::Range;
use std::collections::HashSet;

use crate::lex::{self, Kind, ParamTok, Piece};
use crate::{encode, name, split, Error, Seg};

/// Parses a route path into its segments, or reports every problem of it.
///
/// The path is `"/"` or one or more `"/" segment`, optionally followed by a
/// trailing `"/"`. A segment is static text, one parameter (`:name`,
/// `{name}`, `<name>`, `<conv:name>`, `<conv(args):name>`) or, last only, a
/// catch-all (`*name`, `{*name}`, `<path:name>`). Errors are sorted by
/// their position in the path.
///
/// ```
/// use flaxum_grammar::{parse, Conv, Seg};
///
/// let segs = parse("/caf%c3%a9/{id}/").unwrap();
/// assert_eq!(
///     segs,
///     [
///         Seg::Static { text: "caf%C3%A9".into(), span: 1..10 },
///         Seg::Param { name: "id".into(), conv: Conv::PLAIN, span: 11..15 },
///         Seg::Static { text: "".into(), span: 16..16 },
///     ]
/// );
///
/// let errors = parse("users/<int-eger:id>/*rest/x").unwrap_err();
/// let messages: Vec<_> = errors.iter().map(|e| e.message.as_str()).collect();
/// assert_eq!(
///     messages,
///     [
///         r#"route path must start with "/""#,
///         "unknown converter `int-eger`; the converters are string, int, float, uuid, any, path",
///         "catch-all `rest` must be the last segment",
///     ]
/// );
/// ```
pub fn parse(path: &str) -> Result<Vec<Seg>, Vec<Error>> {
    let mut errors = Vec::new();
    let start = if path.starts_with('/') {
        1
    } else {
        let first = path.chars().next().map_or(0, char::len_utf8);
        errors.push(Error::new(r#"route path must start with "/""#, 0..first));
        0
    };
    let ranges = split::segments(path, start);
    empty_segments(&ranges, &mut errors);
    let mut segs = Vec::with_capacity(ranges.len());
    let mut toks = Vec::new();
    for (k, range) in ranges.iter().enumerate() {
        let mut params = Vec::new();
        let mut texts = Vec::new();
        for piece in lex::segment(path, range.clone(), &mut errors) {
            match piece {
                Piece::Param(tok) => params.push(tok),
                Piece::Text(text) => texts.push(text),
            }
        }
        segs.extend(assemble(path, range.clone(), &params, &texts, &mut errors));
        toks.extend(params.into_iter().map(|tok| (k, tok)));
    }
    check_names(path, &toks, &mut errors);
    check_catch_all(path, &toks, &ranges, &mut errors);
    if errors.is_empty() {
        Ok(segs)
    } else {
        errors.sort_by_key(|e| e.span.start);
        Err(errors)
    }
}

/// Reports each run of empty segments that is not the trailing slash.
fn empty_segments(ranges: &[Range<usize>], errors: &mut Vec<Error>) {
    let last = ranges.len() - 1;
    let mut k = 0;
    while k < last {
        if !ranges[k].is_empty() {
            k += 1;
            continue;
        }
        let first = k;
        while k + 1 < last && ranges[k + 1].is_empty() {
            k += 1;
        }
        let span = ranges[first].start.saturating_sub(1)..ranges[k].end + 1;
        errors.push(Error::new(r#"empty segment ("//") in route path"#, span));
        k += 1;
    }
}

/// The segment `path[range]` made of the parameter tokens `params` and the
/// static text `texts`; `None` when it is in error.
fn assemble(
    path: &str,
    range: Range<usize>,
    params: &[ParamTok],
    texts: &[Range<usize>],
    errors: &mut Vec<Error>,
) -> Option<Seg> {
    let text: String = texts
        .iter()
        .map(|r| encode::canonical(path, r.clone(), errors))
        .collect();
    let named = params.iter().all(|p| !p.name.is_empty());
    match params {
        [] if text == "." || text == ".." => {
            errors.push(Error::new(
                format!(
                    "dot segment `{}` in route path: clients resolve `.` and `..` before \
                     sending a request, so this route could never match",
                    &path[range.clone()]
                ),
                range,
            ));
            None
        }
        [] => Some(Seg::Static { text, span: range }),
        [tok] if texts.is_empty() => {
            let name = path[tok.name.clone()].to_string();
            match &tok.kind {
                Kind::Param(conv) => Some(Seg::Param {
                    name,
                    conv: conv.clone(),
                    span: range,
                }),
                Kind::CatchAll => Some(Seg::CatchAll { name, span: range }),
                Kind::Broken => None,
            }
        }
        [tok] => {
            if named {
                let what = if matches!(tok.kind, Kind::CatchAll) {
                    "catch-all"
                } else {
                    "parameter"
                };
                let message = format!(
                    "{what} `{}` must fill its whole segment; \
                     static text next to a parameter is not supported",
                    &path[tok.name.clone()]
                );
                errors.push(Error::new(message, range));
            }
            None
        }
        _ => {
            if named {
                errors.push(Error::new(several(path, params), range));
            }
            None
        }
    }
}

/// The message for a segment with more than one parameter.
fn several(path: &str, params: &[ParamTok]) -> String {
    let names: Vec<String> = params
        .iter()
        .map(|p| format!("`{}`", &path[p.name.clone()]))
        .collect();
    let (init, last) = names.split_at(names.len() - 1);
    let count = if params.len() == 2 {
        "two".to_string()
    } else {
        params.len().to_string()
    };
    format!(
        "{count} parameters in one segment: {} and {}; each parameter must fill a segment \
         of its own",
        init.join(", "),
        last[0]
    )
}

/// Reports invalid and duplicate parameter names.
fn check_names(path: &str, toks: &[(usize, ParamTok)], errors: &mut Vec<Error>) {
    let mut seen = HashSet::new();
    for (_, tok) in toks {
        let name = &path[tok.name.clone()];
        if let Err(message) = name::check(name) {
            errors.push(Error::new(message, tok.span.clone()));
        } else if !seen.insert(name) {
            let message = format!("duplicate parameter name `{name}`");
            errors.push(Error::new(message, tok.span.clone()));
        }
    }
}

/// Reports catch-alls that are not the last segment.
fn check_catch_all(
    path: &str,
    toks: &[(usize, ParamTok)],
    ranges: &[Range<usize>],
    errors: &mut Vec<Error>,
) {
    let last = ranges.len() - 1;
    for (k, tok) in toks {
        let name = &path[tok.name.clone()];
        if !matches!(tok.kind, Kind::CatchAll) || *k == last || name.is_empty() {
            continue;
        }
        let mut message = format!("catch-all `{name}` must be the last segment");
        if *k + 1 == last && ranges[last].is_empty() {
            message.push_str(": remove the trailing slash after it");
        }
        errors.push(Error::new(message, tok.span.clone()));
    }
}
