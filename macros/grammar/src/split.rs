//! Splitting a route path into its `/`-separated segments.

use core::ops::Range;

/// Where the splitter is inside Flask's `<conv(args):name>` syntax: a `/`
/// inside a quoted converter argument does not end the segment (so that
/// `<any("a/b"):x>` is reported as one bad word, not as broken pieces).
#[derive(Clone, Copy, PartialEq)]
enum State {
    Text,
    Angle,
    Args,
    Quote(u8),
}

/// The byte ranges of the segments of `path[start..]`, which is split at
/// every `/` that is not inside a quoted converter argument. `"a/b/"` gives
/// `a`, `b` and an empty last segment; `""` gives one empty segment.
pub(crate) fn segments(path: &str, start: usize) -> Vec<Range<usize>> {
    let bytes = path.as_bytes();
    let mut out = Vec::new();
    let mut seg_start = start;
    let mut state = State::Text;
    for (i, &b) in bytes.iter().enumerate().skip(start) {
        state = match (state, b) {
            (State::Quote(q), _) if b == q => State::Args,
            (State::Quote(q), _) => State::Quote(q),
            (_, b'/') => {
                out.push(seg_start..i);
                seg_start = i + 1;
                State::Text
            }
            (State::Text, b'<') => State::Angle,
            (State::Angle, b'>') => State::Text,
            (State::Angle, b'(') => State::Args,
            (State::Args, b'"' | b'\'') => State::Quote(b),
            (State::Args, b')') => State::Angle,
            (s, _) => s,
        };
    }
    out.push(seg_start..path.len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(path: &str) -> Vec<&str> {
        let start = usize::from(path.starts_with('/'));
        segments(path, start)
            .into_iter()
            .map(|r| &path[r])
            .collect()
    }

    #[test]
    fn splits_at_slashes() {
        assert_eq!(texts("/"), [""]);
        assert_eq!(texts(""), [""]);
        assert_eq!(texts("/a/b/"), ["a", "b", ""]);
        assert_eq!(texts("/a//b"), ["a", "", "b"]);
        assert_eq!(texts("a/b"), ["a", "b"]);
    }

    #[test]
    fn quoted_arguments_keep_their_slashes() {
        assert_eq!(
            texts("/<any('a/b', \"c/d\"):x>/e"),
            ["<any('a/b', \"c/d\"):x>", "e"]
        );
        assert_eq!(texts("/a'/b"), ["a'", "b"]);
        assert_eq!(texts("/<a'/b>"), ["<a'", "b>"]);
        assert_eq!(texts("/<x(')/b"), ["<x(')/b"]);
    }
}
