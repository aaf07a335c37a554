//! Paths from the route sets of the Go HTTP routing benchmark
//! (julienschmidt/go-http-routing-benchmark, BSD 3-Clause): the GitHub,
//! Parse, Google+ and static-site APIs. A sample of each, written with
//! `:param` as in that benchmark, must parse.

use flaxum_grammar::{parse, Seg};

const GITHUB: &[&str] = &[
    "/authorizations",
    "/authorizations/:id",
    "/applications/:client_id/tokens/:access_token",
    "/repos/:owner/:repo/events",
    "/users/:user/events/orgs/:org",
    "/notifications/threads/:id/subscription",
    "/repos/:owner/:repo/git/refs",
    "/repos/:owner/:repo/stats/code_frequency",
    "/legacy/user/email/:email",
    "/user/keys/:id",
];

const PARSE: &[&str] = &[
    "/1/classes/:className",
    "/1/classes/:className/:objectId",
    "/1/users/:objectId",
    "/1/login",
    "/1/installations/:objectId",
    "/1/functions",
];

const GPLUS: &[&str] = &[
    "/people/:userId",
    "/people",
    "/activities/:activityId/people/:collection",
    "/people/:userId/people/:collection",
    "/people/:userId/openIdConnect",
    "/comments/:commentId",
];

const STATIC: &[&str] = &[
    "/",
    "/cmd.html",
    "/go-logo-black.png",
    "/install-source.html",
    "/articles/wiki/part1.go",
    "/codewalk/codewalk.xml",
    "/gopher",
    "/gopher/pencil/gopherrunning.jpg",
    "/progs/eff_sequence.go",
];

#[test]
fn benchmark_route_sets_parse() {
    for path in GITHUB.iter().chain(PARSE).chain(GPLUS).chain(STATIC) {
        let segs = parse(path).unwrap_or_else(|e| panic!("{path}: {e:?}"));
        for seg in &segs {
            if let Seg::Static { text, span } = seg {
                assert_eq!(text, &path[span.clone()], "{path}");
            }
        }
        let params = segs.iter().filter(|s| s.param_name().is_some()).count();
        assert_eq!(params, path.matches([':', '*']).count(), "{path}");
    }
}
