//! Every accepted form of the route path grammar, with the segments it gives.

use flaxum_grammar::{parse, Conv, Seg};

fn stat(text: &str, span: std::ops::Range<usize>) -> Seg {
    Seg::Static {
        text: text.into(),
        span,
    }
}

fn param(name: &str, conv: Conv, span: std::ops::Range<usize>) -> Seg {
    Seg::Param {
        name: name.into(),
        conv,
        span,
    }
}

fn catch_all(name: &str, span: std::ops::Range<usize>) -> Seg {
    Seg::CatchAll {
        name: name.into(),
        span,
    }
}

/// The converter of the only parameter of `/<path>`-like routes.
fn conv_of(path: &str) -> Conv {
    match parse(path)
        .unwrap_or_else(|e| panic!("{path}: {e:?}"))
        .as_slice()
    {
        [Seg::Param { conv, .. }] => conv.clone(),
        other => panic!("{path}: {other:?}"),
    }
}

fn int(min: Option<i128>, max: Option<i128>, fixed_digits: u8, signed: bool) -> Conv {
    Conv::Int {
        min,
        max,
        fixed_digits,
        signed,
    }
}

#[test]
fn root_and_trailing_slashes() {
    assert_eq!(parse("/").unwrap(), [stat("", 1..1)]);
    assert_eq!(parse("/a").unwrap(), [stat("a", 1..2)]);
    assert_eq!(parse("/a/").unwrap(), [stat("a", 1..2), stat("", 3..3)]);
    assert_eq!(
        parse("/a/b/").unwrap(),
        [stat("a", 1..2), stat("b", 3..4), stat("", 5..5)]
    );
    assert_eq!(
        parse("/:id/").unwrap(),
        [param("id", Conv::PLAIN, 1..4), stat("", 5..5)]
    );
}

#[test]
fn plain_parameters_in_three_syntaxes() {
    assert_eq!(parse("/:id").unwrap(), [param("id", Conv::PLAIN, 1..4)]);
    assert_eq!(parse("/{id}").unwrap(), [param("id", Conv::PLAIN, 1..5)]);
    assert_eq!(parse("/<id>").unwrap(), [param("id", Conv::PLAIN, 1..5)]);
    assert_eq!(
        parse("/users/:user_id/x").unwrap(),
        [
            stat("users", 1..6),
            param("user_id", Conv::PLAIN, 7..15),
            stat("x", 16..17)
        ]
    );
}

#[test]
fn catch_alls_in_three_syntaxes() {
    assert_eq!(parse("/*rest").unwrap(), [catch_all("rest", 1..6)]);
    assert_eq!(parse("/{*rest}").unwrap(), [catch_all("rest", 1..8)]);
    assert_eq!(parse("/<path:rest>").unwrap(), [catch_all("rest", 1..12)]);
    assert_eq!(parse("/<path():rest>").unwrap(), [catch_all("rest", 1..14)]);
    assert_eq!(
        parse("/static/*file").unwrap(),
        [stat("static", 1..7), catch_all("file", 8..13)]
    );
}

#[test]
fn names_are_ascii_identifiers_and_may_be_keywords() {
    for name in [
        "_x",
        "__",
        "x1",
        "camelCase",
        "ref",
        "type",
        "fn",
        "async",
        "r",
        "union",
    ] {
        let path = format!("/:{name}");
        assert_eq!(parse(&path).unwrap()[0].param_name(), Some(name));
    }
    assert_eq!(
        parse("/<int:ref>/{type}/*match").unwrap(),
        [
            param("ref", int(None, None, 0, false), 1..10),
            param("type", Conv::PLAIN, 11..17),
            catch_all("match", 18..24)
        ]
    );
}

#[test]
fn string_converter() {
    assert_eq!(conv_of("/<string:x>"), Conv::PLAIN);
    assert_eq!(conv_of("/<default:x>"), Conv::PLAIN);
    assert_eq!(conv_of("/<string():x>"), Conv::PLAIN);
    let s = |min, max| Conv::String { min, max };
    assert_eq!(conv_of("/<string(length=2):x>"), s(2, 2));
    assert_eq!(conv_of("/<string(minlength=3):x>"), s(3, u32::MAX));
    assert_eq!(conv_of("/<string(maxlength=8):x>"), s(1, 8));
    assert_eq!(conv_of("/<string(minlength=2, maxlength=2):x>"), s(2, 2));
    assert_eq!(conv_of("/<string(2, 5):x>"), s(2, 5));
    assert_eq!(conv_of("/<string(length=4, maxlength=None):x>"), s(4, 4));
    assert_eq!(
        conv_of("/<default(maxlength=None, length=None):x>"),
        Conv::PLAIN
    );
    assert_eq!(
        conv_of("/<string(length=4294967295):x>"),
        s(u32::MAX, u32::MAX)
    );
    assert_eq!(conv_of("/<string( maxlength = 1_0 , ):x>"), s(1, 10));
}

#[test]
fn int_converter() {
    assert_eq!(conv_of("/<int:x>"), int(None, None, 0, false));
    assert_eq!(conv_of("/<int():x>"), int(None, None, 0, false));
    assert_eq!(
        conv_of("/<int(fixed_digits=4):x>"),
        int(None, None, 4, false)
    );
    assert_eq!(conv_of("/<int(4):x>"), int(None, None, 4, false));
    assert_eq!(conv_of("/<int(min=1):x>"), int(Some(1), None, 0, false));
    assert_eq!(conv_of("/<int(max=99):x>"), int(None, Some(99), 0, false));
    assert_eq!(
        conv_of("/<int(0, 1, 12, False):x>"),
        int(Some(1), Some(12), 0, false)
    );
    assert_eq!(
        conv_of("/<int(signed=True, min=-10, max=+10):x>"),
        int(Some(-10), Some(10), 0, true)
    );
    assert_eq!(
        conv_of("/<int(min=-5, max=5):x>"),
        int(Some(-5), Some(5), 0, false)
    );
    assert_eq!(
        conv_of("/<int(min=None, max=None):x>"),
        int(None, None, 0, false)
    );
    assert_eq!(
        conv_of("/<int(min=3, max=3):x>"),
        int(Some(3), Some(3), 0, false)
    );
    assert_eq!(
        conv_of("/<int(fixed_digits=39):x>"),
        int(None, None, 39, false)
    );
    assert_eq!(
        conv_of("/<int(max=1_000_000):x>"),
        int(None, Some(1_000_000), 0, false)
    );
    assert_eq!(conv_of("/<int(min=007):x>"), int(Some(7), None, 0, false));
    let big = "/<int(signed=True, min=-170141183460469231731687303715884105728):x>";
    assert_eq!(conv_of(big), int(Some(i128::MIN), None, 0, true));
}

#[test]
fn float_converter() {
    let f = |min, max, signed| Conv::Float { min, max, signed };
    assert_eq!(conv_of("/<float:x>"), f(None, None, false));
    assert_eq!(conv_of("/<float(min=0.5):x>"), f(Some(0.5), None, false));
    assert_eq!(conv_of("/<float(max=1):x>"), f(None, Some(1.0), false));
    assert_eq!(
        conv_of("/<float(0, 1e3, True):x>"),
        f(Some(0.0), Some(1000.0), true)
    );
    assert_eq!(
        conv_of("/<float(signed=True, min=-.5, max=5.):x>"),
        f(Some(-0.5), Some(5.0), true)
    );
    assert_eq!(
        conv_of("/<float(min=-inf, max=Infinity, signed=True):x>"),
        f(Some(f64::NEG_INFINITY), Some(f64::INFINITY), true)
    );
    assert_eq!(conv_of("/<float(min=None):x>"), f(None, None, false));
}

#[test]
fn uuid_converter() {
    assert_eq!(conv_of("/<uuid:x>"), Conv::Uuid);
    assert_eq!(conv_of("/<uuid( ):x>"), Conv::Uuid);
}

#[test]
fn any_converter() {
    assert_eq!(conv_of("/<slug:x>"), Conv::Custom("slug".into()));
    assert_eq!(conv_of("/<Color_2:x>"), Conv::Custom("Color_2".into()));
    assert_eq!(conv_of("/<_hex:x>"), Conv::Custom("_hex".into()));
    let any = |w: &[&str]| Conv::Any(w.iter().map(|w| w.to_string()).collect());
    assert_eq!(conv_of("/<any(en):x>"), any(&["en"]));
    assert_eq!(conv_of("/<any(en, de, fr):x>"), any(&["en", "de", "fr"]));
    assert_eq!(conv_of("/<any(en,de,):x>"), any(&["en", "de"]));
    assert_eq!(
        conv_of(r#"/<any('a b', "c,d", u'e', r"f", 'it"s', "x)y"):x>"#),
        any(&["a b", "c,d", "e", "f", "it\"s", "x)y"])
    );
    assert_eq!(conv_of("/<any(b, a, b):x>"), any(&["b", "a"]));
    assert_eq!(
        conv_of("/<any(1, 2.5, True, v1.0, a-b):x>"),
        any(&["1", "2.5", "True", "v1.0", "a-b"])
    );
    assert_eq!(conv_of("/<any(café, '日本'):x>"), any(&["café", "日本"]));
}

#[test]
fn static_text_is_canonical() {
    let texts = |path: &str| -> Vec<String> {
        parse(path)
            .unwrap()
            .into_iter()
            .map(|s| match s {
                Seg::Static { text, .. } => text,
                other => panic!("{other:?}"),
            })
            .collect()
    };
    assert_eq!(texts("/café"), ["caf%C3%A9"]);
    assert_eq!(texts("/caf%c3%a9"), ["caf%C3%A9"]);
    assert_eq!(texts("/%7euser"), ["~user"]);
    assert_eq!(texts("/a%2Fb"), ["a%2Fb"]);
    assert_eq!(texts("/a%2fb"), ["a%2Fb"]);
    assert_eq!(texts("/%3A/%2A/%3Cx%3E"), [":", "*", "%3Cx%3E"]);
    assert_eq!(texts("/a%20b/%3F/%23/%25"), ["a%20b", "%3F", "%23", "%25"]);
    assert_eq!(texts("/-._~!$&'()*+,;=:@"), ["-._~!$&'()*+,;=:@"]);
    assert_eq!(texts("/a:b/a*b/v1:batchGet"), ["a:b", "a*b", "v1:batchGet"]);
    assert_eq!(texts("/.well-known/.../a.b"), [".well-known", "...", "a.b"]);
    assert_eq!(texts("/日本"), ["%E6%97%A5%E6%9C%AC"]);
    assert_eq!(
        texts("/a b/[x]/a|b/\"q\"/^`\\"),
        ["a%20b", "%5Bx%5D", "a%7Cb", "%22q%22", "%5E%60%5C"]
    );
    assert_eq!(texts("/%ff"), ["%FF"]);
}

#[test]
fn spans_point_at_segments() {
    let path = "/users/<int:id>/posts/:post/*rest";
    let segs = parse(path).unwrap();
    let shown: Vec<&str> = segs.iter().map(|s| &path[s.span()]).collect();
    assert_eq!(shown, ["users", "<int:id>", "posts", ":post", "*rest"]);
    let path = "/é/<x>/";
    let shown: Vec<_> = parse(path).unwrap().iter().map(|s| s.span()).collect();
    assert_eq!(shown, [1..3, 4..7, 8..8]);
}

#[test]
fn param_name() {
    let segs = parse("/a/:b/<int:c>/*d").unwrap();
    let names: Vec<_> = segs.iter().map(Seg::param_name).collect();
    assert_eq!(names, [None, Some("b"), Some("c"), Some("d")]);
}
