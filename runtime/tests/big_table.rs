//! A table of 1,000 routes built by const evaluation, as `routes!` builds
//! one. That this file compiles at all shows the builder stays under the
//! deny-by-default `long_running_const_eval` lint at that size; the tests
//! check the table answers like a table should.
//!
//! The routes are generated in `const` context from two word lists, so no
//! generated source file is needed: route `i` uses resource `i % 50` and
//! action `i / 50`, in one of four shapes (`i % 4`):
//! `/res/act`, `/res/:id/act`, `/res/<int:id>/act/:sub`, `/v1/res/act/*rest`.

use flaxum::route::{Converter, RouteDef, Segment};
use flaxum::table::Lookup;
use flaxum::Methods;

const RESOURCES: [&str; 50] = [
    "users",
    "repos",
    "orgs",
    "teams",
    "gists",
    "issues",
    "pulls",
    "commits",
    "branches",
    "tags",
    "releases",
    "assets",
    "hooks",
    "keys",
    "emails",
    "followers",
    "following",
    "starred",
    "subscriptions",
    "events",
    "feeds",
    "notifications",
    "threads",
    "comments",
    "reviews",
    "labels",
    "milestones",
    "projects",
    "columns",
    "cards",
    "checks",
    "runs",
    "jobs",
    "artifacts",
    "secrets",
    "variables",
    "packages",
    "versions",
    "deployments",
    "environments",
    "statuses",
    "invitations",
    "members",
    "collaborators",
    "licenses",
    "topics",
    "traffic",
    "clones",
    "views",
    "forks",
];
const ACTIONS: [&str; 20] = [
    "list", "show", "create", "update", "delete", "search", "stats", "export", "import", "archive",
    "restore", "lock", "unlock", "pin", "unpin", "merge", "close", "reopen", "assign", "history",
];
const N: usize = 1000;

const fn segments() -> [[Segment; 5]; N] {
    let filler = Segment::Static("");
    let mut out = [[filler; 5]; N];
    let mut i = 0;
    while i < N {
        let res = Segment::Static(RESOURCES[i % 50]);
        let act = Segment::Static(ACTIONS[i / 50]);
        let id = Segment::Param {
            name: "id",
            conv: Converter::PLAIN,
        };
        let int_id = Segment::Param {
            name: "id",
            conv: Converter::INT,
        };
        let sub = Segment::Param {
            name: "sub",
            conv: Converter::PLAIN,
        };
        out[i] = match i % 4 {
            0 => [res, act, filler, filler, filler],
            1 => [res, id, act, filler, filler],
            2 => [res, int_id, act, sub, filler],
            _ => [
                Segment::Static("v1"),
                res,
                act,
                Segment::CatchAll { name: "rest" },
                filler,
            ],
        };
        i += 1;
    }
    out
}

static SEGMENTS: [[Segment; 5]; N] = segments();

const fn routes(segs: &'static [[Segment; 5]; N]) -> [RouteDef; N] {
    let mut out = [RouteDef::new(Methods::GET, "", &[], ""); N];
    let mut i = 0;
    while i < N {
        let len = match i % 4 {
            0 => 2,
            1 => 3,
            _ => 4,
        };
        let methods = if i % 3 == 0 {
            Methods::POST
        } else {
            Methods::GET
        };
        out[i] = RouteDef::new(methods, "(generated)", segs[i].split_at(len).0, "generated");
        i += 1;
    }
    out
}

static ROUTES: [RouteDef; N] = routes(&SEGMENTS);

flaxum::table!(static TABLE = &ROUTES);

/// A concrete request path for route `i`.
fn path_of(i: usize) -> String {
    let (res, act) = (RESOURCES[i % 50], ACTIONS[i / 50]);
    match i % 4 {
        0 => format!("/{res}/{act}"),
        1 => format!("/{res}/abc/{act}"),
        2 => format!("/{res}/42/{act}/x"),
        _ => format!("/v1/{res}/{act}/a/b/c"),
    }
}

fn method_of(i: usize) -> Methods {
    ROUTES[i].methods
}

#[test]
fn every_generated_route_finds_itself() {
    for i in 0..N {
        let path = path_of(i);
        match TABLE.lookup(method_of(i), path.as_bytes()) {
            Lookup::Found(m) => assert_eq!(m.route(), i, "{path}"),
            other => panic!("{path}: {other:?}"),
        }
    }
}

#[test]
fn the_wrong_method_is_405_and_unknown_paths_404() {
    // Route 1 is `GET /repos/:id/list`; route 0 is `POST /users/list`.
    assert_eq!(
        TABLE.lookup(Methods::PUT, b"/repos/abc/list"),
        Lookup::MethodNotAllowed(Methods::GET.union(Methods::HEAD))
    );
    assert_eq!(
        TABLE.lookup(Methods::GET, b"/nothing/here"),
        Lookup::NotFound
    );
    assert_eq!(
        TABLE.lookup(Methods::GET, b"/users/42/list/x/y"),
        Lookup::NotFound
    );
}

#[test]
fn an_int_that_fails_falls_back_to_the_plain_parameter() {
    // A route of shape 2: `/res/<int:id>/act/:sub`.
    let int_route = (0..N).find(|&i| i % 4 == 2).unwrap();
    let res = RESOURCES[int_route % 50];
    let act = ACTIONS[int_route / 50];
    let path = format!("/{res}/notanint/{act}/x");
    assert_eq!(
        TABLE.lookup(method_of(int_route), path.as_bytes()),
        Lookup::NotFound,
        "no plain-parameter route has four segments"
    );
}
