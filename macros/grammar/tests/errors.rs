//! Every error of the route path grammar: exact message and span.

use std::ops::Range;

use flaxum_grammar::parse;

/// The errors of `path` as (message, span) pairs.
fn errors(path: &str) -> Vec<(String, Range<usize>)> {
    match parse(path) {
        Ok(segs) => panic!("{path:?} parsed: {segs:?}"),
        Err(errors) => errors.into_iter().map(|e| (e.message, e.span)).collect(),
    }
}

/// Asserts that `path` has exactly one error, `message` at `span`.
#[track_caller]
fn one(path: &str, message: &str, span: Range<usize>) {
    assert_eq!(errors(path), [(message.to_string(), span)], "{path:?}");
}

const CONVERTERS: &str = "the converters are string, int, float, uuid, any, path";
const BAD_NAME: &str =
    "a name is an ASCII identifier (a letter or `_`, then letters, digits or `_`)";
const FILL: &str = "must fill its whole segment; static text next to a parameter is not supported";

#[test]
fn path_must_start_with_a_slash() {
    let message = r#"route path must start with "/""#;
    one("", message, 0..0);
    one("users", message, 0..1);
    one("éa", message, 0..2);
    assert_eq!(
        errors("http://x/y"),
        [
            (message.into(), 0..1),
            (r#"empty segment ("//") in route path"#.into(), 5..7)
        ]
    );
}

#[test]
fn empty_segments() {
    let message = r#"empty segment ("//") in route path"#;
    one("//", message, 0..2);
    one("/a//b", message, 2..4);
    one("/a///b", message, 2..5);
    one("/a//", message, 2..4);
    assert_eq!(
        errors("//a//b"),
        [(message.into(), 0..2), (message.into(), 3..5)]
    );
}

#[test]
fn dot_segments() {
    let message = |s: &str| {
        format!(
            "dot segment `{s}` in route path: clients resolve `.` and `..` before sending a \
             request, so this route could never match"
        )
    };
    one("/a/./b", &message("."), 3..4);
    one("/a/..", &message(".."), 3..5);
    one("/%2e%2E/", &message("%2e%2E"), 1..7);
}

#[test]
fn empty_names() {
    for (path, span) in [
        ("/:", 1..2),
        ("/*", 1..2),
        ("/{}", 1..3),
        ("/{*}", 1..4),
        ("/<>", 1..3),
        ("/<int:>", 1..7),
        ("/:-x", 1..2),
    ] {
        one(path, "empty parameter name", span);
    }
}

#[test]
fn invalid_names() {
    let bad = |name: &str| format!("invalid parameter name `{name}`: {BAD_NAME}");
    one("/<1abc>", &bad("1abc"), 1..7);
    one("/{a-b}", &bad("a-b"), 1..6);
    one("/:café", &bad("café"), 1..7);
    one("/{r#ref}", &bad("r#ref"), 1..8);
    one("/<int:a b>", &bad("a b"), 1..10);
    one("/{ id }", &bad(" id "), 1..7);
    one("/<int:id:x>", &bad("id:x"), 1..11);
}

#[test]
fn names_that_no_argument_can_bind() {
    let path = "/<int:self>/<Self>/:super/{crate}/*_";
    let message = |name: &str| {
        format!(
            "parameter name `{name}` cannot be used: no Rust function argument can be named \
             `{name}`, not even as a raw identifier"
        )
    };
    assert_eq!(
        errors(path),
        [
            (message("self"), 1..11),
            (message("Self"), 12..18),
            (message("super"), 19..25),
            (message("crate"), 26..33),
            (message("_"), 34..36),
        ]
    );
}

#[test]
fn duplicate_names() {
    one(
        "/users/<int:id>/posts/<id>",
        "duplicate parameter name `id`",
        22..26,
    );
    one("/:a/{a}", "duplicate parameter name `a`", 4..7);
    one("/:a/*a", "duplicate parameter name `a`", 4..6);
    assert_eq!(
        errors("/:a/:a/:a"),
        [
            ("duplicate parameter name `a`".into(), 4..6),
            ("duplicate parameter name `a`".into(), 7..9)
        ]
    );
}

#[test]
fn catch_all_not_last() {
    one(
        "/*rest/more",
        "catch-all `rest` must be the last segment",
        1..6,
    );
    one(
        "/{*rest}/:id",
        "catch-all `rest` must be the last segment",
        1..8,
    );
    one(
        "/<path:p>/x",
        "catch-all `p` must be the last segment",
        1..9,
    );
    one(
        "/files/<path:rest>/",
        "catch-all `rest` must be the last segment: remove the trailing slash after it",
        7..18,
    );
}

#[test]
fn parameter_must_fill_its_segment() {
    one("/:id.json", &format!("parameter `id` {FILL}"), 1..9);
    one("/:a:b", &format!("parameter `a` {FILL}"), 1..5);
    one("/x-<id>", &format!("parameter `id` {FILL}"), 1..7);
    one("/{id}x", &format!("parameter `id` {FILL}"), 1..6);
    one(
        "/v1/{name}:cancel",
        &format!("parameter `name` {FILL}"),
        4..17,
    );
    one("/a<int:id>b", &format!("parameter `id` {FILL}"), 1..11);
    one("/*rest.txt", &format!("catch-all `rest` {FILL}"), 1..10);
    one("/f-{*rest}", &format!("catch-all `rest` {FILL}"), 1..10);
}

#[test]
fn two_parameters_in_one_segment() {
    let tail = "each parameter must fill a segment of its own";
    one(
        "/{a}.{b}",
        &format!("two parameters in one segment: `a` and `b`; {tail}"),
        1..8,
    );
    one(
        "/<a><int:b>",
        &format!("two parameters in one segment: `a` and `b`; {tail}"),
        1..11,
    );
    one(
        "/:a{b}",
        &format!("two parameters in one segment: `a` and `b`; {tail}"),
        1..6,
    );
    one(
        "/x/{a}{b}{c}",
        &format!("3 parameters in one segment: `a`, `b` and `c`; {tail}"),
        3..12,
    );
}

#[test]
fn unclosed_and_stray_brackets() {
    one(
        "/<int:id",
        "unclosed `<`: `<int:id` is missing its closing `>`",
        1..8,
    );
    one(
        "/<int:id/x",
        "unclosed `<`: `<int:id` is missing its closing `>`",
        1..8,
    );
    one(
        "/<id",
        "unclosed `<`: `<id` is missing its closing `>`",
        1..4,
    );
    one(
        "/<a<b>",
        "unclosed `<`: `<a` is missing its closing `>`",
        1..3,
    );
    one(
        "/<int:a<b>",
        "unclosed `<`: `<int:a` is missing its closing `>`",
        1..7,
    );
    one(
        "/{id",
        "unclosed `{`: `{id` is missing its closing `}`",
        1..4,
    );
    one(
        "/{a{b}",
        "unclosed `{`: `{a` is missing its closing `}`",
        1..3,
    );
    let gt = "unmatched `>` in route path: a parameter is written `<name>` or `<converter:name>`";
    one("/a>b", gt, 2..3);
    one("/<a>>", gt, 4..5);
    one(
        "/a}b",
        "unmatched `}` in route path: a parameter is written `{name}`",
        2..3,
    );
    one(
        "/<int(min=1:id>",
        "unclosed `(`: converter arguments are missing their closing `)`",
        5..15,
    );
    one(
        "/<any(\"a):x>/b/c",
        "unclosed quote `\"` in converter arguments",
        6..16,
    );
    one(
        "/<any('a",
        "unclosed quote `'` in converter arguments",
        6..8,
    );
}

#[test]
fn malformed_flask_parameters() {
    one(
        "/{id:int}",
        "`{id:int}`: a converter cannot be given in braces; write it in Flask's syntax, e.g. `<int:id>`",
        1..9,
    );
    one(
        "/<int()>",
        "missing parameter name: write `<int():name>`",
        1..8,
    );
    one(
        "/<int(min=1)x:id>",
        "unexpected `x` after `<int(min=1)`: expected `:` and the parameter name",
        12..13,
    );
    one(
        "/<int(min=1)",
        "unclosed `<`: `<int(min=1)` is missing its closing `>`",
        1..12,
    );
    one(
        "/<:id>",
        &format!("missing converter name before `:`; {CONVERTERS}"),
        1..3,
    );
    one(
        "/<(min=1):id>",
        &format!("missing converter name before `(`; {CONVERTERS}"),
        1..3,
    );
}

#[test]
fn unknown_converters() {
    // A name that is an identifier is a custom converter's (the route
    // attribute checks it against the argument's type); one that is not
    // is no converter at all.
    one(
        "/<int-eger:id>",
        &format!("unknown converter `int-eger`; {CONVERTERS}"),
        2..10,
    );
    one(
        "/<9lives:id>",
        &format!("unknown converter `9lives`; {CONVERTERS}"),
        2..8,
    );
    assert_eq!(
        errors("/<int : id>"),
        [
            (format!("invalid parameter name ` id`: {BAD_NAME}"), 1..11),
            (format!("unknown converter `int `; {CONVERTERS}"), 2..6),
        ]
    );
}

#[test]
fn custom_converters_take_no_arguments() {
    one(
        "/<slug(3):s>",
        "converter `slug` is not built in, and a custom converter takes no arguments: \
         its type declares what it matches (`UrlConverter::MATCHES`)",
        7..8,
    );
}

#[test]
fn static_text() {
    one(
        "/search?q=1",
        "`?` is not allowed in a route path: the query string is not part of the route (write `%3F` for a literal `?`)",
        7..8,
    );
    one(
        "/page#top",
        "`#` is not allowed in a route path: the fragment is not part of the route (write `%23` for a literal `#`)",
        5..6,
    );
    one(
        "/a\tb",
        "control character U+0009 is not allowed in a route path; write it percent-encoded as `%09`",
        2..3,
    );
    one(
        "/a\u{7f}",
        "control character U+007F is not allowed in a route path; write it percent-encoded as `%7F`",
        2..3,
    );
    let percent = "invalid percent-escape: `%` must be followed by two hexadecimal digits (write `%25` for a literal `%`)";
    one("/%zz", percent, 1..4);
    one("/100%", percent, 4..5);
    one("/%4", percent, 1..3);
    one("/%4/x", percent, 1..3);
    one("/%é", percent, 1..2);
}

#[test]
fn converter_argument_syntax() {
    one("/<int(min=):x>", "missing value for argument `min`", 6..10);
    one("/<any(a,,b):x>", "empty converter argument", 8..9);
    one("/<any(,a):x>", "empty converter argument", 6..7);
    one(
        "/<int(a b):x>",
        "cannot parse converter argument `a b`",
        6..9,
    );
    one("/<int(=1):x>", "cannot parse converter argument `=1`", 6..8);
    one(
        "/<int(m-n=1):x>",
        "cannot parse converter argument `m-n=1`",
        6..11,
    );
    one(
        "/<any('a'b):x>",
        "cannot parse converter argument `'a'b`",
        6..10,
    );
    one(
        "/<int(min=(1):x>",
        "cannot parse converter argument `min=(1`",
        6..12,
    );
}

#[test]
fn converter_argument_binding() {
    one(
        "/<int(minimum=3):x>",
        "unknown argument `minimum` for converter `int`; the arguments are fixed_digits, min, max, signed",
        6..13,
    );
    one(
        "/<string(min=3):x>",
        "unknown argument `min` for converter `string`; the arguments are minlength, maxlength, length",
        9..12,
    );
    one(
        "/<float(fixed_digits=3):x>",
        "unknown argument `fixed_digits` for converter `float`; the arguments are min, max, signed",
        8..20,
    );
    one(
        "/<int(1, 2, 3, True, 5):x>",
        "too many arguments for converter `int`: it takes fixed_digits, min, max, signed",
        21..22,
    );
    one(
        "/<int(3, fixed_digits=4):x>",
        "argument `fixed_digits` given twice",
        9..23,
    );
    one(
        "/<int(min=1, min=2):x>",
        "argument `min` given twice",
        13..18,
    );
    one(
        "/<int(min=1, 5):x>",
        "positional argument after keyword argument",
        13..14,
    );
    one("/<uuid(1):x>", "converter `uuid` takes no arguments", 7..8);
    one(
        "/<path(x=1):p>",
        "converter `path` takes no arguments",
        7..10,
    );
}

#[test]
fn converter_argument_values() {
    one(
        "/<int(min=1.5):x>",
        "argument `min` must be an integer, not `1.5`",
        10..13,
    );
    one(
        "/<int(min='5'):x>",
        "argument `min` must be an integer, not `'5'`",
        10..13,
    );
    one(
        "/<int(max=True):x>",
        "argument `max` must be an integer, not `True`",
        10..14,
    );
    one(
        "/<int(fixed_digits=None):x>",
        "argument `fixed_digits` must be an integer, not `None`",
        19..23,
    );
    one(
        "/<string(minlength=None):x>",
        "argument `minlength` must be an integer, not `None`",
        19..23,
    );
    one(
        "/<string(length=0x10):x>",
        "argument `length` must be an integer, not `0x10`",
        16..20,
    );
    one(
        "/<int(min=170141183460469231731687303715884105728):x>",
        "argument `min` is out of range: it must fit in 128 bits",
        10..49,
    );
    one(
        "/<float(min=abc):x>",
        "argument `min` must be a number, not `abc`",
        12..15,
    );
    one(
        "/<float(max=nan):x>",
        "argument `max` must be a number, not `nan`",
        12..15,
    );
    one(
        "/<float(max=\"1\"):x>",
        "argument `max` must be a number, not `\"1\"`",
        12..15,
    );
    one(
        "/<int(signed=true):x>",
        "argument `signed` must be True or False, not `true`",
        13..17,
    );
    one(
        "/<float(signed=1):x>",
        "argument `signed` must be True or False, not `1`",
        15..16,
    );
    one(
        "/<int(signed=None):x>",
        "argument `signed` must be True or False, not `None`",
        13..17,
    );
}

#[test]
fn string_lengths() {
    let at_least = |name: &str| {
        format!("argument `{name}` must be at least 1: an empty segment never binds a parameter")
    };
    one("/<string(minlength=0):x>", &at_least("minlength"), 19..20);
    one("/<string(maxlength=0):x>", &at_least("maxlength"), 19..20);
    one("/<string(length=-2):x>", &at_least("length"), 16..18);
    one("/<default(0):x>", &at_least("minlength"), 10..11);
    one(
        "/<string(length=4294967296):x>",
        "argument `length` is too large (at most 4294967295)",
        16..26,
    );
    let combined = "`length` cannot be combined with `minlength` or `maxlength`";
    one("/<string(length=2, maxlength=3):x>", combined, 9..17);
    one("/<string(minlength=1, length=2):x>", combined, 22..30);
    one("/<string(1, None, 4):x>", combined, 18..19);
    one(
        "/<string(minlength=5, maxlength=3):x>",
        "`minlength` (5) is greater than `maxlength` (3)",
        9..33,
    );
}

#[test]
fn number_ranges() {
    one(
        "/<int(max=5, min=10):x>",
        "`min` (10) is greater than `max` (5)",
        6..19,
    );
    one(
        "/<float(1.5, 0.5, True):x>",
        "`min` (1.5) is greater than `max` (0.5)",
        8..16,
    );
    one(
        "/<int(max=-1):x>",
        "`max` (-1) is negative but the converter is unsigned: add `signed=True`",
        10..12,
    );
    one(
        "/<float(max=-0.5):x>",
        "`max` (-0.5) is negative but the converter is unsigned: add `signed=True`",
        12..16,
    );
    one(
        "/<int(fixed_digits=40):x>",
        "argument `fixed_digits` is too large: an `int` has at most 39 digits",
        19..21,
    );
    one(
        "/<int(-1):x>",
        "argument `fixed_digits` cannot be negative",
        6..8,
    );
}

#[test]
fn any_words() {
    one(
        "/<any():x>",
        "`any` needs at least one word, e.g. `<any(en, de):lang>`",
        2..5,
    );
    one(
        "/<any:x>",
        "`any` needs at least one word, e.g. `<any(en, de):lang>`",
        2..5,
    );
    one(
        "/<any(a, items=b):x>",
        "`any` takes only words, not keyword arguments such as `items=`",
        9..16,
    );
    one("/<any(a, ''):x>", "empty word in `any`", 9..11);
    one(
        "/<any(\"a/b\"):x>",
        "the word `a/b` of `any` cannot contain `/`",
        6..11,
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let path = "users/<int-eger:id>//<id>/*rest/a?b/<int(min=5, max=1):n>";
    let messages: Vec<String> = errors(path).into_iter().map(|e| e.0).collect();
    assert_eq!(
        messages,
        [
            r#"route path must start with "/""#.to_string(),
            format!("unknown converter `int-eger`; {CONVERTERS}"),
            r#"empty segment ("//") in route path"#.into(),
            "duplicate parameter name `id`".into(),
            "catch-all `rest` must be the last segment".into(),
            "`?` is not allowed in a route path: the query string is not part of the route (write `%3F` for a literal `?`)".into(),
            "`min` (5) is greater than `max` (1)".into(),
        ]
    );
}

#[test]
fn render_shows_where() {
    let path = "/users/<int:id>/posts/<id>";
    let rendered = parse(path).unwrap_err()[0].render(path);
    assert_eq!(
        rendered,
        "duplicate parameter name `id`\n  /users/<int:id>/posts/<id>\n                        ^^^^"
    );
    let path = "/café/<int-eger:id>";
    let rendered = parse(path).unwrap_err()[0].render(path);
    assert_eq!(
        rendered,
        format!(
            "unknown converter `int-eger`; {CONVERTERS}\n  /café/<int-eger:id>\n  {}^^^^^^^^",
            " ".repeat(7)
        )
    );
}
