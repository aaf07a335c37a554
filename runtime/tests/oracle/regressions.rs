//! Deterministic regression tests for the disagreements the oracle found,
//! minimised by hand. Each asserts what DESIGN §4 (and the brief's reading
//! of Flask 3, checked against Werkzeug 3.1) says, on the table and, as a
//! cross-check, on the reference.

use flaxum::Methods;

use super::gen::{GET, HEAD, POST, PUT};

const OPTIONS: u16 = 1 << 6;
use super::model::{ConvSpec, RouteSpec, SegSpec, TableSpec, PLAIN, U64MAX, WORDS};
use super::reference::{self, Outcome};
use super::Fixture;

fn word(w: &str) -> SegSpec {
    SegSpec::Static(WORDS.iter().position(|x| *x == w).unwrap() as u8)
}

fn int(min: i128, max: i128) -> SegSpec {
    SegSpec::Param(ConvSpec::Int {
        min,
        max,
        fixed: 0,
        signed: false,
    })
}

fn route(methods: u16, segs: Vec<SegSpec>, strict: bool) -> RouteSpec {
    RouteSpec {
        methods,
        segs,
        strict,
    }
}

fn fixture(routes: Vec<RouteSpec>) -> Fixture {
    match Fixture::new(TableSpec {
        routes,
        strict: true,
    }) {
        Ok(fx) => fx,
        Err(e) => panic!("{e}"),
    }
}

/// The table (and the reference) answer `want` to `method path`.
fn expect(fx: &Fixture, method: u16, path: &[u8], want: Outcome) {
    let reference = fx.reference.lookup(method, path, true);
    assert_eq!(reference, want, "the reference itself is off");
    let got = fx.lookup(method, path, true);
    assert_eq!(
        got,
        want,
        "{}",
        fx.report("regression", method, path, true, &got)
    );
}

/// Bug A: on equal specificity, a non-strict route's slash twin beat a
/// declared route whose converter overlaps but sorts later, because the
/// exhaustive search keeps the first of equally ranked ends. DESIGN: a twin
/// yields to a declared route, and declaration order never matters.
#[test]
fn declared_route_beats_twin_behind_an_overlapping_converter() {
    // Found by the oracle (PUT, two string converters).
    let twin = route(PUT, vec![SegSpec::Param(PLAIN), SegSpec::Slash], false);
    let declared = route(
        PUT,
        vec![SegSpec::Param(ConvSpec::Str { min: 2, max: 3 })],
        false,
    );
    let fx = fixture(vec![twin.clone(), declared.clone()]);
    expect(&fx, PUT, b"/-0", Outcome::Found(1, vec![(1, 3)]));
    // The declared spelling of the other one is still its own.
    expect(&fx, PUT, b"/-0/", Outcome::Found(0, vec![(1, 3)]));
    let fx = fixture(vec![declared, twin]);
    expect(&fx, PUT, b"/-0", Outcome::Found(0, vec![(1, 3)]));

    // The same with ints: `/<int(max=5):x>/` non-strict and `/<int(min=3):y>`.
    let twin = route(GET, vec![int(0, 5), SegSpec::Slash], false);
    let declared = route(GET, vec![int(3, U64MAX)], true);
    let fx = fixture(vec![twin, declared]);
    expect(&fx, GET, b"/4", Outcome::Found(1, vec![(1, 2)]));
    expect(&fx, GET, b"/2", Outcome::Found(0, vec![(1, 2)]));
    expect(&fx, GET, b"/4/", Outcome::Found(0, vec![(1, 2)]));
}

/// Bug B: a declared `GET` route's automatic `HEAD` lost to a non-strict
/// route's twin that lists `HEAD` explicitly (the end's `HEAD` slot is
/// filled from `GET` only when no pattern, twin or not, has `HEAD`). Flask:
/// `HEAD /c/` with `GET /c/` and `HEAD /c` (strict_slashes=False) is
/// answered by `/c/`.
#[test]
fn implied_head_of_a_declared_route_beats_a_twin() {
    let fx = fixture(vec![
        route(HEAD, vec![word("c")], false),
        route(GET, vec![word("c"), SegSpec::Slash], true),
    ]);
    expect(&fx, HEAD, b"/c/", Outcome::Found(1, vec![]));
    expect(&fx, HEAD, b"/c", Outcome::Found(0, vec![]));
    expect(&fx, GET, b"/c/", Outcome::Found(1, vec![]));
}

/// Bug B, conflict side: because that automatic `HEAD` is not counted as
/// declared, the builder accepts a table where two routes of equal
/// specificity answer `HEAD /4/`.
#[test]
fn implied_head_of_a_declared_route_counts_in_conflicts() {
    let routes = vec![
        route(GET, vec![int(0, 5), SegSpec::Slash], true),
        route(HEAD, vec![int(0, 5)], false),
        route(HEAD, vec![int(3, U64MAX), SegSpec::Slash], true),
    ];
    assert_eq!(reference::conflict(&routes), Some((0, 2)));
    let ids: Vec<usize> = (0..routes.len()).collect();
    let opts = flaxum::table::BuildOptions::DEFAULT;
    let verdict = super::model::builds(super::model::defs(&routes, &ids), opts);
    match verdict {
        Err(msg) => assert!(
            msg.contains("route conflict") && msg.contains("(h0)") && msg.contains("(h2)"),
            "{msg}"
        ),
        Ok(()) => panic!(
            "the builder accepts `GET /<int(max=5)>/` and `HEAD /<int(min=3)>/`, which both \
             answer HEAD /4/ (with `HEAD /<int(max=5)>` strict_slashes=False beside them)"
        ),
    }
}

/// Bug C: a path with `//` whose merged form matches a route only for other
/// methods was 404: the merged search's allowed methods were dropped.
/// Werkzeug accumulates them over both passes: 405.
#[test]
fn merged_path_with_another_method_is_405() {
    let fx = fixture(vec![route(GET, vec![SegSpec::Slash], true)]);
    let get_head = Methods::GET.union(Methods::HEAD).bits();
    expect(&fx, POST, b"//", Outcome::MethodNotAllowed(get_head));
    expect(&fx, GET, b"//", Outcome::Redirect(0, vec![]));
    let fx = fixture(vec![route(GET, vec![word("a"), SegSpec::CatchAll], true)]);
    expect(&fx, POST, b"//a/x", Outcome::MethodNotAllowed(get_head));
    expect(&fx, POST, b"/a/x//y", Outcome::MethodNotAllowed(get_head));
    // Without merging, such a path matches nothing.
    assert_eq!(fx.lookup(POST, b"//a/x", false), Outcome::NotFound);
}

/// Bug D (the stackless matcher): in the merged pass, after skipping a run
/// of `/` and finding nothing under a static child, backing up rebuilt the
/// parent's segment from the skipped position, so the parameter edges that
/// follow were tried on the wrong bytes. Flask: `GET /b//a` with `/b` and
/// `/<p>/a` redirects to `/b/a`.
#[test]
fn merged_search_backs_up_to_the_right_segment() {
    let fx = fixture(vec![
        route(GET, vec![word("b")], true),
        route(GET, vec![SegSpec::Param(PLAIN), word("a")], true),
    ]);
    expect(&fx, GET, b"/b//a", Outcome::Redirect(1, vec![(1, 2)]));
    // The catch-all takes the rest from the segment's real start.
    let fx = fixture(vec![
        route(GET, vec![SegSpec::CatchAll], true),
        route(
            GET,
            vec![SegSpec::Param(PLAIN), word("a"), SegSpec::CatchAll],
            true,
        ),
    ]);
    expect(&fx, GET, b"//a//", Outcome::Redirect(0, vec![(2, 5)]));
}

/// Bug E (automatic `OPTIONS` in redirect decisions): a path that a route
/// matches directly is answered there (the app's automatic `OPTIONS` from
/// the 405 set), never redirected, as in Flask (`OPTIONS /c` is 200 with
/// `Allow: OPTIONS, GET, HEAD`). The table redirected `OPTIONS /c` to `/c/`
/// beside `GET /c`, and with a non-strict `/c` it redirected `/c` to `/c`
/// itself (the slash twin in the node's slash end): a redirect loop.
#[test]
fn options_on_an_existing_path_is_not_redirected() {
    let get_head = Methods::GET.union(Methods::HEAD).bits();
    let fx = fixture(vec![
        route(GET, vec![word("c")], true),
        route(GET, vec![word("c"), SegSpec::Slash], true),
    ]);
    assert_eq!(
        fx.lookup(OPTIONS, b"/c", true),
        Outcome::MethodNotAllowed(get_head)
    );
    // Still redirected where nothing answers `/c` itself.
    let fx = fixture(vec![route(GET, vec![word("c"), SegSpec::Slash], true)]);
    assert_eq!(
        fx.lookup(OPTIONS, b"/c", true),
        Outcome::Redirect(0, vec![])
    );
}

/// Bug E, second case: the redirect would point at the request path itself.
#[test]
fn options_never_redirects_a_path_to_itself() {
    let get_head = Methods::GET.union(Methods::HEAD).bits();
    let fx = fixture(vec![route(GET, vec![word("c")], false)]);
    assert_eq!(
        fx.lookup(OPTIONS, b"/c", true),
        Outcome::MethodNotAllowed(get_head)
    );
    assert_eq!(
        fx.lookup(OPTIONS, b"/c/", true),
        Outcome::MethodNotAllowed(get_head)
    );
}
