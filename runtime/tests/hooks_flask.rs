//! Differential test of the order of Flask's hooks: the same app, with
//! nested blueprints (app → outer → inner), in Flask 3 (the script below,
//! through its test client) and in flaxum, on the same requests. Each level
//! has a `before_request` function, which answers early or aborts for a
//! marked request, two `after_request` functions, which append their names
//! to `X-Trace`, and error handlers. Status, body, `X-Trace` and `Allow`
//! must agree for every request.
//!
//! Needs `python3` with Flask 3 (`pip install flask`); without it the test
//! says so and passes.

mod flask;

use axum::body::Body;
use axum::extract::Request;
use axum::response::{IntoResponse, Response};
use flaxum::{abort, after_request, before_request, errorhandler, get, routes, App, HttpError};
use http::{HeaderMap, HeaderValue, StatusCode};
use std::collections::BTreeSet;
use tower::ServiceExt;

/// The Flask app, the same as the flaxum one below. It reads the requests
/// as JSON on stdin and writes the answers as JSON on stdout.
const FLASK_APP: &str = r#"
import json, sys
from flask import Flask, Blueprint, abort, g, request

app = Flask(__name__)
outer = Blueprint("outer", __name__, url_prefix="/o")
inner = Blueprint("inner", __name__, url_prefix="/i")

def tracer(name):
    def after(response):
        now = response.headers.get("X-Trace")
        response.headers["X-Trace"] = name if not now else now + " " + name
        return response
    after.__name__ = name.replace(".", "_")
    return after

def before_for(level):
    def before():
        trail = g.setdefault("trail", [])
        trail.append(level)
        if request.headers.get("X-Stop") == level:
            return "stopped by %s after %s" % (level, ",".join(trail)), 202
        if request.headers.get("X-Abort") == level:
            abort(409)
    before.__name__ = level + "_before"
    return before

for level, obj in (("app", app), ("outer", outer), ("inner", inner)):
    obj.before_request(before_for(level))
    obj.after_request(tracer(level + ".a1"))
    obj.after_request(tracer(level + ".a2"))

class NotOwner(Exception):
    pass

@app.errorhandler(404)
def app_404(e): return "app 404", 404

@app.errorhandler(405)
def app_405(e): return "app 405", 405

@app.errorhandler(NotOwner)
def app_not_owner(e): return "app: not yours", 403

@outer.errorhandler(403)
def outer_403(e): return "outer 403", 403

@inner.errorhandler(409)
def inner_409(e): return "inner 409", 409

@inner.get("/v")
def view(): return "view after " + ",".join(g.trail)

@inner.get("/forbid")
def forbid(): abort(403)

@inner.get("/missing")
def missing(): abort(404)

@inner.get("/owner")
def owner(): raise NotOwner()

@inner.get("/teapot")
def teapot(): abort(418)

@outer.get("/w")
def outer_view(): return "outer view after " + ",".join(g.trail)

@outer.get("/list/")
def outer_list(): return "list"

@app.get("/top")
def top(): return "top after " + ",".join(g.trail)

outer.register_blueprint(inner)
app.register_blueprint(outer)

client = app.test_client()
out = []
for method, path, headers in json.load(sys.stdin):
    r = client.open(path, method=method, headers=headers)
    out.append({
        "status": r.status_code,
        "body": r.get_data(as_text=True),
        "trace": r.headers.get("X-Trace"),
        "allow": r.headers.get("Allow"),
    })
json.dump(out, sys.stdout)
"#;

/// Appends `name` to `X-Trace`, space-separated.
fn trace(res: &mut Response, name: &str) {
    let now = match res.headers().get("x-trace").and_then(|v| v.to_str().ok()) {
        Some(before) => format!("{before} {name}"),
        None => name.to_owned(),
    };
    res.headers_mut()
        .insert("x-trace", HeaderValue::from_str(&now).unwrap());
}

macro_rules! tracers {
    ($($name:ident = $label:literal),*) => {$(
        #[after_request]
        async fn $name(mut res: Response) -> Response {
            trace(&mut res, $label);
            res
        }
    )*};
}

tracers!(
    app_a1 = "app.a1",
    app_a2 = "app.a2",
    outer_a1 = "outer.a1",
    outer_a2 = "outer.a2",
    inner_a1 = "inner.a1",
    inner_a2 = "inner.a2"
);

/// Flask's `g.trail`: the levels whose before_request functions ran, in a
/// request header.
fn trail(headers: &HeaderMap) -> String {
    headers
        .get("x-trail")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// A level's before_request function: notes the level, then answers early
/// (`X-Stop: level`) or aborts with 409 (`X-Abort: level`).
fn before(req: &mut Request, level: &str) -> Option<Response> {
    let mut now = trail(req.headers());
    if !now.is_empty() {
        now.push(',');
    }
    now.push_str(level);
    req.headers_mut()
        .insert("x-trail", HeaderValue::from_str(&now).unwrap());
    let marked = |name: &str| req.headers().get(name).is_some_and(|v| v == level);
    if marked("x-stop") {
        let body = format!("stopped by {level} after {now}");
        return Some((StatusCode::ACCEPTED, body).into_response());
    }
    if marked("x-abort") {
        return Some(abort(409).into_response());
    }
    None
}

#[before_request]
async fn app_before(req: &mut Request) -> Option<Response> {
    before(req, "app")
}

#[before_request]
async fn outer_before(req: &mut Request) -> Option<Response> {
    before(req, "outer")
}

#[before_request]
async fn inner_before(req: &mut Request) -> Option<Response> {
    before(req, "inner")
}

#[derive(Debug)]
struct NotOwner;

impl IntoResponse for NotOwner {
    fn into_response(self) -> Response {
        flaxum::raise(self)
    }
}

#[errorhandler(404)]
async fn app_404() -> (StatusCode, &'static str) {
    (StatusCode::NOT_FOUND, "app 404")
}

#[errorhandler(405)]
async fn app_405() -> (StatusCode, &'static str) {
    (StatusCode::METHOD_NOT_ALLOWED, "app 405")
}

#[errorhandler(NotOwner)]
async fn app_not_owner(_: NotOwner) -> (StatusCode, &'static str) {
    (StatusCode::FORBIDDEN, "app: not yours")
}

#[errorhandler(403)]
async fn outer_403() -> (StatusCode, &'static str) {
    (StatusCode::FORBIDDEN, "outer 403")
}

#[errorhandler(409)]
async fn inner_409() -> (StatusCode, &'static str) {
    (StatusCode::CONFLICT, "inner 409")
}

#[get("/top")]
async fn top(headers: HeaderMap) -> String {
    format!("top after {}", trail(&headers))
}

mod outer {
    use super::*;

    #[get("/w")]
    async fn outer_view(headers: HeaderMap) -> String {
        format!("outer view after {}", trail(&headers))
    }

    #[get("/list/")]
    async fn outer_list() -> &'static str {
        "list"
    }

    pub mod inner {
        use super::*;

        #[get("/v")]
        async fn view(headers: HeaderMap) -> String {
            format!("view after {}", trail(&headers))
        }

        #[get("/forbid")]
        async fn forbid() -> Result<String, HttpError> {
            Err(abort(403))
        }

        #[get("/missing")]
        async fn missing() -> Result<String, HttpError> {
            Err(abort(404))
        }

        #[get("/owner")]
        async fn owner() -> Result<String, NotOwner> {
            Err(NotOwner)
        }

        #[get("/teapot")]
        async fn teapot() -> Result<String, HttpError> {
            Err(abort(418))
        }

        flaxum::blueprint!(
            pub bp = "inner",
            url_prefix = "/i",
            routes = [view, forbid, missing, owner, teapot],
            before_request = [inner_before],
            after_request = [inner_a1, inner_a2],
            errorhandler = [inner_409],
        );
    }

    flaxum::blueprint!(
        pub bp = "outer",
        url_prefix = "/o",
        routes = [outer_view, outer_list, inner::bp],
        before_request = [outer_before],
        after_request = [outer_a1, outer_a2],
        errorhandler = [outer_403],
    );
}

/// One request: method, path, header (name, value) or none, what it shows.
type Case = (
    &'static str,
    &'static str,
    Option<(&'static str, &'static str)>,
    &'static str,
);

const CASES: &[Case] = &[
    ("GET", "/o/i/v", None, "the view's response"),
    ("HEAD", "/o/i/v", None, "HEAD answered by the GET view"),
    (
        "GET",
        "/o/i/forbid",
        None,
        "abort(403) in the inner view, handled by outer",
    ),
    (
        "GET",
        "/o/i/missing",
        None,
        "abort(404) in the inner view, handled by the app",
    ),
    (
        "GET",
        "/o/i/owner",
        None,
        "a raised error type, handled by the app",
    ),
    ("GET", "/o/i/teapot", None, "an abort nobody handles"),
    (
        "GET",
        "/o/i/v",
        Some(("x-stop", "app")),
        "early answer from the app's before_request",
    ),
    (
        "GET",
        "/o/i/v",
        Some(("x-stop", "outer")),
        "early answer from outer's before_request",
    ),
    (
        "GET",
        "/o/i/v",
        Some(("x-stop", "inner")),
        "early answer from inner's before_request",
    ),
    (
        "GET",
        "/o/i/v",
        Some(("x-abort", "outer")),
        "abort in outer's before_request, handled by inner",
    ),
    (
        "GET",
        "/o/i/v",
        Some(("x-abort", "app")),
        "abort in the app's before_request, handled by inner",
    ),
    (
        "OPTIONS",
        "/o/i/v",
        None,
        "automatic OPTIONS of an inner route",
    ),
    (
        "OPTIONS",
        "/o/i/v",
        Some(("x-stop", "inner")),
        "early answer to an automatic OPTIONS",
    ),
    (
        "OPTIONS",
        "/o/w",
        None,
        "automatic OPTIONS of an outer route",
    ),
    ("OPTIONS", "/top", None, "automatic OPTIONS of an app route"),
    ("GET", "/o/w", None, "a route of the outer blueprint"),
    (
        "GET",
        "/o/w",
        Some(("x-stop", "outer")),
        "early answer for an outer route",
    ),
    ("GET", "/top", None, "a route of the app"),
    ("GET", "/nope", None, "404, no route: the app's hooks only"),
    (
        "GET",
        "/nope",
        Some(("x-stop", "app")),
        "early answer for a path with no route",
    ),
    ("OPTIONS", "/nope", None, "OPTIONS of a path with no route"),
    ("POST", "/o/i/v", None, "405: the app's hooks only"),
    (
        "GET",
        "/o/list",
        None,
        "the trailing-slash redirect: the app's hooks only",
    ),
];

#[derive(Debug, PartialEq)]
struct Answer {
    status: u16,
    body: String,
    trace: Option<String>,
    allow: Option<BTreeSet<String>>,
}

fn allow_set(v: Option<&str>) -> Option<BTreeSet<String>> {
    v.map(|s| s.split(',').map(|m| m.trim().to_owned()).collect())
}

/// Flask's answers, or `None` when Flask is not installed.
fn flask(cases: &[Case]) -> Option<Vec<Answer>> {
    if !flask::installed() {
        return None;
    }
    let input: Vec<serde_json::Value> = cases
        .iter()
        .map(|(method, path, header, _)| {
            let headers: serde_json::Map<String, serde_json::Value> = header
                .iter()
                .map(|(k, v)| (k.to_string(), serde_json::Value::from(*v)))
                .collect();
            serde_json::json!([method, path, headers])
        })
        .collect();
    let answers: Vec<serde_json::Value> = flask::run(&["-c", FLASK_APP], &[], &input);
    Some(
        answers
            .into_iter()
            .map(|a| Answer {
                status: a["status"].as_u64().unwrap() as u16,
                body: a["body"].as_str().unwrap_or_default().to_owned(),
                trace: a["trace"].as_str().map(str::to_owned),
                allow: allow_set(a["allow"].as_str()),
            })
            .collect(),
    )
}

async fn flaxum(cases: &[Case]) -> Vec<Answer> {
    let app = App::new(routes![outer::bp, top;
        before_request = [app_before],
        after_request = [app_a1, app_a2],
        errorhandler = [app_404, app_405, app_not_owner]]);
    let mut out = Vec::new();
    for (method, path, header, _) in cases {
        let mut req = http::Request::builder().method(*method).uri(*path);
        if let Some((k, v)) = header {
            req = req.header(*k, *v);
        }
        let res = app
            .clone()
            .oneshot(req.body(Body::empty()).unwrap())
            .await
            .unwrap();
        let header = |name| {
            res.headers()
                .get(name)
                .map(|v: &HeaderValue| v.to_str().unwrap().to_owned())
        };
        let trace = header("x-trace");
        let allow = allow_set(header("allow").as_deref());
        let status = res.status().as_u16();
        let bytes = axum::body::to_bytes(res.into_body(), 1 << 20)
            .await
            .unwrap();
        out.push(Answer {
            status,
            body: String::from_utf8_lossy(&bytes).into_owned(),
            trace,
            allow,
        });
    }
    out
}

#[tokio::test]
async fn hooks_run_in_flasks_order_at_every_level() {
    let Some(theirs) = flask(CASES) else {
        eprintln!("note: hooks_flask skipped: python3 with Flask 3 is not installed (`pip install flask`)");
        return;
    };
    let ours = flaxum(CASES).await;
    assert_eq!(theirs.len(), CASES.len());
    let mut mismatches = Vec::new();
    for ((case, f), x) in CASES.iter().zip(&theirs).zip(&ours) {
        let (method, path, header, what) = case;
        // An error page nobody handles, and a redirect's body, are each
        // framework's own; the rest of the answer must still agree.
        let unhandled = f.status == 418 || f.status == 308;
        let same = if unhandled {
            (f.status, &f.trace, &f.allow) == (x.status, &x.trace, &x.allow)
        } else {
            f == x
        };
        if !same {
            mismatches.push(format!(
                "{method} {path} {header:?} ({what}):\n  flask  {f:?}\n  flaxum {x:?}"
            ));
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} of {} cases differ from Flask:\n{}",
        mismatches.len(),
        CASES.len(),
        mismatches.join("\n")
    );
    // The comparison means something: every level's after_request
    // functions ran, innermost first, on what the outer blueprint's error
    // handler made of the inner view's abort.
    let forbid = &ours[2];
    assert_eq!((forbid.status, forbid.body.as_str()), (403, "outer 403"));
    assert_eq!(
        forbid.trace.as_deref(),
        Some("inner.a2 inner.a1 outer.a2 outer.a1 app.a2 app.a1")
    );
}
