//! Table tests for the edge cases of DESIGN §4, one scenario per test, each
//! asserting the outcome (route, redirect location, 405 set or 404), not
//! only that something matched.

mod support;

use flaxum::table::BuildOptions;
use support::{check, route, table, table_of};

#[test]
fn most_specific_wins_whatever_the_order() {
    let rows = [
        ("GET", "/users/<path:rest>", "rest"),
        ("GET", "/users/<name>", "name"),
        ("GET", "/users/<int:id>", "id"),
        ("GET", "/users/me", "me"),
    ];
    let mut reversed = rows;
    reversed.reverse();
    for t in [table(&rows), table(&reversed)] {
        check(
            t,
            &[
                ("GET", "/users/me", "me []"),
                ("GET", "/users/42", "id [\"42\"]"),
                ("GET", "/users/bob", "name [\"bob\"]"),
                ("GET", "/users/a/b", "rest [\"a/b\"]"),
                ("GET", "/users/", "404"),
                ("GET", "/users", "404"),
            ],
        );
    }
}

#[test]
fn a_static_branch_that_fails_deeper_gives_way() {
    let t = table(&[
        ("GET", "/a/b/c", "abc"),
        ("GET", "/a/:x/d", "axd"),
        ("GET", "/s/<int:n>/x", "int_x"),
        ("GET", "/s/<p>/y", "plain_y"),
        ("GET", "/f/a/b", "fab"),
        ("GET", "/f/<path:r>", "f_rest"),
    ]);
    check(
        t,
        &[
            ("GET", "/a/b/c", "abc []"),
            ("GET", "/a/b/d", "axd [\"b\"]"),
            ("GET", "/s/5/x", "int_x [\"5\"]"),
            ("GET", "/s/5/y", "plain_y [\"5\"]"),
            ("GET", "/s/five/x", "404"),
            ("GET", "/f/a/b", "fab []"),
            ("GET", "/f/a/c", "f_rest [\"a/c\"]"),
            ("GET", "/f/a/b/c", "f_rest [\"a/b/c\"]"),
        ],
    );
}

#[test]
fn methods_do_not_stop_the_search() {
    let t = table(&[
        ("GET", "/users/me", "me"),
        ("POST", "/users/<name>", "by_name"),
        ("GET", "/users/<int:id>", "by_id"),
        ("HEAD", "/h", "explicit_head"),
        ("GET", "/h", "h_get"),
    ]);
    check(
        t,
        &[
            ("POST", "/users/me", "by_name [\"me\"]"),
            ("PUT", "/users/me", "405 GET, HEAD, POST"),
            ("HEAD", "/users/me", "me []"),
            ("OPTIONS", "/users/me", "405 GET, HEAD, POST"),
            ("GET", "/users/+1", "405 POST"),
            ("PUT", "/nope", "404"),
            // Method names are case-sensitive: `get` is no method we know.
            ("get", "/users/me", "405 GET, HEAD, POST"),
            ("HEAD", "/h", "explicit_head []"),
            ("GET", "/h", "h_get []"),
        ],
    );
}

#[test]
fn trailing_slashes_follow_flask() {
    let t = table(&[
        ("GET", "/projects/", "projects"),
        ("GET", "/about", "about"),
        ("GET", "/t", "t"),
        ("GET", "/t/", "t_slash"),
        ("GET", "/q/<v>/", "q"),
        ("GET", "/x/<path:p>", "x_rest"),
        ("GET", "/x/proj/", "x_proj"),
    ]);
    check(
        t,
        &[
            ("GET", "/projects/", "projects []"),
            ("GET", "/projects", "redirect /projects/"),
            // Flask answers 404, not 405, when the slash route lacks the method.
            ("POST", "/projects", "404"),
            ("POST", "/projects/", "405 GET, HEAD"),
            ("GET", "/about", "about []"),
            ("GET", "/about/", "404"),
            ("GET", "/t", "t []"),
            ("GET", "/t/", "t_slash []"),
            ("GET", "/q/5", "redirect /q/5/"),
            ("GET", "/q/5/", "q [\"5\"]"),
            // The redirect to a more specific route beats the catch-all.
            ("GET", "/x/proj", "redirect /x/proj/"),
            ("GET", "/x/other", "x_rest [\"other\"]"),
        ],
    );
}

#[test]
fn strict_slashes_can_be_turned_off_per_route_and_per_table() {
    let mut lenient = route("GET", "/about", "about");
    lenient.strict_slashes = false;
    let mut lenient_dir = route("GET", "/docs/", "docs");
    lenient_dir.strict_slashes = false;
    let t = table_of(
        vec![
            lenient,
            lenient_dir,
            route("GET", "/strict/", "strict"),
            route("GET", "/about/", "about_dir"),
        ],
        BuildOptions::DEFAULT,
    );
    check(
        t,
        &[
            ("GET", "/about", "about []"),
            // A declared route wins over a lenient route's other spelling.
            ("GET", "/about/", "about_dir []"),
            ("GET", "/docs", "docs []"),
            ("GET", "/docs/", "docs []"),
            ("GET", "/strict", "redirect /strict/"),
        ],
    );
    let all = table_of(
        vec![route("GET", "/a", "a"), route("GET", "/b/", "b")],
        BuildOptions {
            strict_slashes: false,
        },
    );
    check(
        all,
        &[
            ("GET", "/a/", "a []"),
            ("GET", "/b", "b []"),
            ("GET", "/", "404"),
        ],
    );
}

#[test]
fn empty_segments_never_bind_and_repeated_slashes_redirect() {
    let t = table(&[
        ("GET", "/a/:x/b", "axb"),
        ("GET", "/users/<int:id>", "user"),
        ("GET", "/", "index"),
        ("GET", "/files/<path:p>", "files"),
    ]);
    check(
        t,
        &[
            ("GET", "/a//b", "404"),
            ("GET", "/a/x/b", "axb [\"x\"]"),
            ("GET", "//users/1", "redirect /users/1"),
            ("GET", "/users//1", "redirect /users/1"),
            ("GET", "/users/1//", "404"),
            ("GET", "//", "redirect /"),
            ("GET", "///", "redirect /"),
            // A catch-all takes the rest as sent, `//` included, as Flask.
            ("GET", "/files/a//b", "files [\"a//b\"]"),
            ("GET", "/files//a", "redirect /files/a"),
            ("GET", "//files/a//b", "redirect /files/a//b"),
        ],
    );
    let with_ab = table(&[("GET", "/a/:x/b", "axb"), ("GET", "/a/b", "ab")]);
    check(with_ab, &[("GET", "/a//b", "redirect /a/b")]);
    assert_eq!(
        t.lookup_with(flaxum::Methods::GET, b"//users/1", false),
        flaxum::table::Lookup::NotFound
    );
}

#[test]
fn percent_encoding_is_matched_raw() {
    let t = table(&[
        ("GET", "/s/<name>", "s"),
        ("GET", "/p/<path:rest>", "p"),
        ("GET", "/café", "cafe"),
        ("GET", "/users/<int:id>", "user"),
        ("GET", "/a%20b", "space"),
    ]);
    check(
        t,
        &[
            ("GET", "/s/a%2Fb", "s [\"a%2Fb\"]"),
            ("GET", "/s/a/b", "404"),
            ("GET", "/p/a%2Fb/c", "p [\"a%2Fb/c\"]"),
            ("GET", "/caf%C3%A9", "cafe []"),
            ("GET", "/caf%c3%a9", "cafe []"),
            ("GET", "/%63af%C3%A9", "cafe []"),
            ("GET", "/cafe", "404"),
            ("GET", "/%75sers/%31", "user [\"%31\"]"),
            ("GET", "/a%20b", "space []"),
            ("GET", "/p/%2e%2e/x", "p [\"%2e%2e/x\"]"),
        ],
    );
}

#[test]
fn the_catch_all_is_never_empty() {
    let t = table(&[("GET", "/files/<path:p>", "files")]);
    check(
        t,
        &[
            ("GET", "/files/", "404"),
            ("GET", "/files", "404"),
            ("GET", "/files/x", "files [\"x\"]"),
            ("GET", "/files/x/", "files [\"x/\"]"),
        ],
    );
}

#[test]
fn int_is_ascii_digits_without_plus_and_without_overflow() {
    let t = table(&[
        ("GET", "/n/<int:n>", "n"),
        ("GET", "/s/<int(signed=True):n>", "signed"),
        ("GET", "/f/<int(fixed_digits=4):n>", "fixed"),
        ("GET", "/r/<int(min=1, max=100):n>", "ranged"),
    ]);
    check(
        t,
        &[
            ("GET", "/n/7", "n [\"7\"]"),
            ("GET", "/n/0001", "n [\"0001\"]"),
            ("GET", "/n/+1", "404"),
            ("GET", "/n/-1", "404"),
            ("GET", "/n/1.0", "404"),
            (
                "GET",
                "/n/18446744073709551615",
                "n [\"18446744073709551615\"]",
            ),
            ("GET", "/n/18446744073709551616", "404"),
            ("GET", "/n/99999999999999999999999999999999999999999", "404"),
            ("GET", "/s/-5", "signed [\"-5\"]"),
            ("GET", "/s/+5", "404"),
            ("GET", "/f/0042", "fixed [\"0042\"]"),
            ("GET", "/f/42", "404"),
            ("GET", "/r/0", "404"),
            ("GET", "/r/100", "ranged [\"100\"]"),
            ("GET", "/r/101", "404"),
        ],
    );
}

#[test]
fn the_other_converters_follow_flask() {
    let t = table(&[
        ("GET", "/f/<float:x>", "float"),
        ("GET", "/u/<uuid:id>", "uuid"),
        ("GET", "/l/<any(en, de, 'fr'):lang>", "lang"),
        ("GET", "/c/<string(length=2):code>", "code"),
        ("GET", "/m/<string(minlength=2, maxlength=3):s>", "minmax"),
    ]);
    check(
        t,
        &[
            ("GET", "/f/1.5", "float [\"1.5\"]"),
            ("GET", "/f/1.", "404"),
            ("GET", "/f/.5", "404"),
            ("GET", "/f/-1.5", "404"),
            (
                "GET",
                "/u/67e55044-10b1-426f-9247-bb680e5fe0c8",
                "uuid [\"67e55044-10b1-426f-9247-bb680e5fe0c8\"]",
            ),
            (
                "GET",
                "/u/67E55044-10B1-426F-9247-BB680E5FE0C8",
                "uuid [\"67E55044-10B1-426F-9247-BB680E5FE0C8\"]",
            ),
            ("GET", "/u/67e5504410b1426f9247bb680e5fe0c8", "404"),
            ("GET", "/l/de", "lang [\"de\"]"),
            ("GET", "/l/fr", "lang [\"fr\"]"),
            ("GET", "/l/es", "404"),
            ("GET", "/c/ab", "code [\"ab\"]"),
            ("GET", "/c/%C3%A9x", "code [\"%C3%A9x\"]"),
            ("GET", "/c/abc", "404"),
            ("GET", "/m/a", "404"),
            ("GET", "/m/abc", "minmax [\"abc\"]"),
            ("GET", "/m/abcd", "404"),
        ],
    );
}

#[test]
fn many_static_children_are_found_through_the_perfect_hash() {
    let words: Vec<String> = (0..300)
        .map(|i| format!("w{i}x{}", i * 7919 % 1000))
        .collect();
    let rows: Vec<(String, String)> = words
        .iter()
        .map(|w| (format!("/{w}"), format!("/api/{w}/items")))
        .collect();
    let mut defs = Vec::new();
    for (i, (a, b)) in rows.iter().enumerate() {
        defs.push(route("GET", a, &format!("top{i}")));
        defs.push(route("GET", b, &format!("api{i}")));
    }
    let t = table_of(defs, BuildOptions::DEFAULT);
    for (i, w) in words.iter().enumerate() {
        check(
            t,
            &[
                ("GET", &format!("/{w}"), &format!("top{i} []")),
                ("GET", &format!("/api/{w}/items"), &format!("api{i} []")),
                ("GET", &format!("/{w}y"), "404"),
                ("GET", &format!("/api/{w}"), "404"),
            ],
        );
    }
}

#[test]
fn redirect_locations_never_start_with_two_slashes() {
    let t = table(&[("GET", "/<a>/", "a"), ("GET", "/<path:p>", "p")]);
    for path in ["//x", "///x", "//x//", "/x", "//%2F/"] {
        let v = support::verdict(t, "GET", path);
        if let Some(location) = v.strip_prefix("redirect ") {
            assert!(
                location.starts_with('/') && !location.starts_with("//"),
                "{path} -> {location}"
            );
        }
    }
    check(
        t,
        &[
            ("GET", "//x", "redirect /x/"),
            ("GET", "/x", "redirect /x/"),
        ],
    );
}

#[test]
fn a_redirect_through_a_slash_twin_keeps_the_matched_spelling() {
    // `GET /abcdefgh/` reaches `/<p>` only through its slash twin; the
    // merged-slash redirect must keep the slash, or following it would land
    // on the static `/abcdefgh` instead (found by the reference oracle).
    let mut plain = route("GET", "/<p>", "p");
    plain.strict_slashes = false;
    let mut post = route("POST", "/abcdefgh/", "post_dir");
    post.strict_slashes = false;
    let t = table_of(
        vec![plain, route("GET", "/abcdefgh", "fixed"), post],
        BuildOptions::DEFAULT,
    );
    check(
        t,
        &[
            ("GET", "//abcdefgh/", "redirect /abcdefgh/"),
            ("GET", "/abcdefgh/", "p [\"abcdefgh\"]"),
            ("GET", "/abcdefgh", "fixed []"),
        ],
    );
}

/// A descriptor written by hand, not by the macros, gets the macros'
/// checks from the builder: each mistake is an error naming the route.
#[test]
fn hand_written_descriptors_are_checked() {
    use flaxum::route::{Converter, RouteDef, Segment};
    use flaxum::table::try_build;
    use flaxum::Methods;

    fn error_of(segments: &'static [Segment], methods: Methods) -> String {
        let routes: &'static [RouteDef] =
            Box::leak(Box::new([RouteDef::new(methods, "/bad", segments, "bad")]));
        match try_build::<4, 32, 256>(routes, BuildOptions::DEFAULT) {
            Ok(_) => panic!("{segments:?} built"),
            Err(e) => e.as_str().to_owned(),
        }
    }
    let cases: [(&'static [Segment], Methods, &str); 7] = [
        (
            &[Segment::Static("a/b")],
            Methods::GET,
            "has `/`, `?` or `#` inside a static segment",
        ),
        (
            &[Segment::Static("x"), Segment::Static("a?b")],
            Methods::GET,
            "has `/`, `?` or `#` inside a static segment",
        ),
        (
            &[Segment::Static(""), Segment::Static("a")],
            Methods::GET,
            "has an empty segment (`//`)",
        ),
        (&[Segment::Static("a")], Methods::NONE, "has no HTTP method"),
        (
            &[Segment::CatchAll { name: "r" }, Segment::Static("a")],
            Methods::GET,
            "has a catch-all that is not the last segment",
        ),
        (
            &[Segment::Param {
                name: "n",
                conv: Converter::String { min: 3, max: 2 },
            }],
            Methods::GET,
            "has a `string` length range that accepts no segment",
        ),
        (
            &[Segment::Param {
                name: "w",
                conv: Converter::Any(&[]),
            }],
            Methods::GET,
            "has an `any` with no words",
        ),
    ];
    for (segments, methods, what) in cases {
        assert_eq!(
            error_of(segments, methods),
            format!("invalid route `/bad` (bad): it {what}"),
            "{segments:?}"
        );
    }
}
