//! The three parameter syntaxes (`:x`, `{x}`, Flask's `<x>`) give the same
//! segments for equivalent routes; only the spans differ.

use flaxum_grammar::{parse, Conv, Seg};

/// The segments of `path` with every span set to `0..0`.
fn shape(path: &str) -> Vec<Seg> {
    let segs = parse(path).unwrap_or_else(|e| panic!("{path}: {e:?}"));
    segs.into_iter()
        .map(|seg| match seg {
            Seg::Static { text, .. } => Seg::Static { text, span: 0..0 },
            Seg::Param { name, conv, .. } => Seg::Param {
                name,
                conv,
                span: 0..0,
            },
            Seg::CatchAll { name, .. } => Seg::CatchAll { name, span: 0..0 },
        })
        .collect()
}

#[test]
fn the_three_syntaxes_agree() {
    let groups: &[&[&str]] = &[
        &[
            "/users/:id",
            "/users/{id}",
            "/users/<id>",
            "/users/<string:id>",
            "/users/<default:id>",
        ],
        &["/files/*path", "/files/{*path}", "/files/<path:path>"],
        &[
            "/repos/:owner/:repo/issues/:number/",
            "/repos/{owner}/{repo}/issues/{number}/",
            "/repos/<owner>/<repo>/issues/<number>/",
            "/repos/:owner/{repo}/issues/<string():number>/",
        ],
        &["/:ref/*type", "/{ref}/{*type}", "/<ref>/<path:type>"],
        &["/a/:b/c/*d", "/a/{b}/c/<path():d>", "/a/<b>/c/{*d}"],
    ];
    for group in groups {
        let first = shape(group[0]);
        for path in &group[1..] {
            assert_eq!(shape(path), first, "{path} differs from {}", group[0]);
        }
    }
}

#[test]
fn equivalent_converter_arguments_agree() {
    let groups: &[&[&str]] = &[
        &[
            "/<int(4, 1, 9999, True):n>",
            "/<int(fixed_digits=4, min=1, max=9999, signed=True):n>",
            "/<int(signed=True, max=9999, min=1, fixed_digits=4):n>",
            "/<int(4, min=+1, max=9_999, signed=True,):n>",
        ],
        &[
            "/<string(2):s>",
            "/<string(minlength=2):s>",
            "/<default(2, None):s>",
        ],
        &[
            "/<string(length=2):s>",
            "/<string(minlength=2, maxlength=2):s>",
            "/<string(2, 2):s>",
        ],
        &[
            "/<float(0, 1):f>",
            "/<float(min=0.0, max=1.0):f>",
            "/<float(min=0e0, max=1., signed=False):f>",
        ],
        &[
            "/<any(en, de):l>",
            "/<any('en', \"de\"):l>",
            "/<any( en ,de, en ):l>",
            "/<any(u'en', r\"de\",):l>",
        ],
        &["/<uuid:u>", "/<uuid():u>"],
    ];
    for group in groups {
        let first = shape(group[0]);
        for path in &group[1..] {
            assert_eq!(shape(path), first, "{path} differs from {}", group[0]);
        }
    }
}

#[test]
fn plain_parameters_are_strings_of_at_least_one_character() {
    for path in ["/:x", "/{x}", "/<x>", "/<string:x>", "/<default():x>"] {
        assert_eq!(
            shape(path),
            [Seg::Param {
                name: "x".into(),
                conv: Conv::String {
                    min: 1,
                    max: u32::MAX
                },
                span: 0..0
            }]
        );
    }
}
