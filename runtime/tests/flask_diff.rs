//! Differential test: the same rules and requests through Flask 3's test
//! client (tests/flask/app.py) and through flaxum, in process. Status,
//! `Location` (Flask's absolute form made relative) and `Allow` (as a set)
//! must agree; bodies must agree where a handler answered (2xx), since the
//! error pages are each framework's own. The differences DESIGN.md asks for
//! are listed in `DIFFERENCES`, each with flaxum's own expected answer.
//!
//! Needs `python3` with Flask 3 (`pip install flask`); `.ci/run` installs it.

mod flask;

use std::collections::BTreeSet;

use axum::body::Body;
use flaxum::{get, post, route, routes, App};
use http::Request;
use tower::ServiceExt;

fn kv(name: &str, pairs: &[(&str, String)]) -> String {
    let mut out = name.to_owned();
    for (k, v) in pairs {
        out.push_str(&format!("|{k}={v}"));
    }
    out
}

#[get("/")]
async fn index() -> String {
    kv("index", &[])
}
#[get("/users/<int:id>")]
async fn user_id(id: u64) -> String {
    kv("user_id", &[("id", id.to_string())])
}
#[get("/users/me")]
async fn user_me() -> String {
    kv("user_me", &[])
}
#[post("/users/<name>")]
async fn user_name(name: String) -> String {
    kv("user_name", &[("name", name)])
}
#[get("/projects/")]
async fn projects() -> String {
    kv("projects", &[])
}
#[get("/about")]
async fn about() -> String {
    kv("about", &[])
}
#[get("/x/<path:p>")]
async fn x_rest(p: String) -> String {
    kv("x_rest", &[("p", p)])
}
#[get("/x/proj/")]
async fn x_proj() -> String {
    kv("x_proj", &[])
}
#[get("/f/<float:v>")]
async fn float_v(v: f64) -> String {
    kv("float_v", &[("v", format!("{v:?}"))])
}
#[get("/s/<string(length=2):v>")]
async fn two_chars(v: &str) -> String {
    kv("two_chars", &[("v", v.to_owned())])
}
#[get("/u/<uuid:id>")]
async fn uuid_id(id: uuid::Uuid) -> String {
    kv("uuid_id", &[("id", id.to_string())])
}
#[get("/l/<any(en, de, fr):lang>/")]
async fn lang(lang: &str) -> String {
    kv("lang", &[("lang", lang.to_owned())])
}
#[get("/n/<int(min=1, max=100):n>")]
async fn ranged(n: u8) -> String {
    kv("ranged", &[("n", n.to_string())])
}
#[get("/sig/<int(signed=True):n>")]
async fn signed(n: i64) -> String {
    kv("signed", &[("n", n.to_string())])
}
#[get("/fd/<int(fixed_digits=4):n>")]
async fn fixed(n: u32) -> String {
    kv("fixed", &[("n", n.to_string())])
}
#[get("/a/<x>/b")]
async fn a_x_b(x: String) -> String {
    kv("a_x_b", &[("x", x)])
}
#[get("/a/b")]
async fn a_b() -> String {
    kv("a_b", &[])
}
#[get("/café")]
async fn cafe() -> String {
    kv("cafe", &[])
}
#[route("/m", methods = ["GET", "POST", "DELETE"])]
async fn multi() -> String {
    kv("multi", &[])
}
#[get("/q/<v>/")]
async fn q_slash(v: String) -> String {
    kv("q_slash", &[("v", v)])
}
#[route("/p/<a>/<b>", methods = ["GET", "PUT"])]
async fn two_params(a: String, b: String) -> String {
    kv("two_params", &[("a", a), ("b", b)])
}

/// The request paths asked with every method of `METHODS`.
const PATHS: &[&str] = &[
    "/",
    "/users/7",
    "/users/0007",
    "/users/me",
    "/users/bob",
    "/users/+1",
    "/users/-1",
    "/users/1.5",
    "/users/",
    "/users",
    "/projects",
    "/projects/",
    "/projects?page=2",
    "/about",
    "/about/",
    "/x/a",
    "/x/a/b/c",
    "/x/proj",
    "/x/proj/",
    "/x/",
    "/f/1.5",
    "/f/1.",
    "/f/.5",
    "/f/-1.5",
    "/f/10",
    "/s/ab",
    "/s/a",
    "/s/abc",
    "/s/%C3%A9x",
    "/u/67e55044-10b1-426f-9247-bb680e5fe0c8",
    "/u/67E55044-10B1-426F-9247-BB680E5FE0C8",
    "/u/67e5504410b1426f9247bb680e5fe0c8",
    "/l/en/",
    "/l/fr",
    "/l/es/",
    "/n/1",
    "/n/100",
    "/n/0",
    "/n/101",
    "/sig/-5",
    "/sig/5",
    "/sig/+5",
    "/fd/0042",
    "/fd/42",
    "/fd/00042",
    "/a/b",
    "/a/x/b",
    "/a//b",
    "/users//7",
    "/caf%C3%A9",
    "/caf%c3%a9",
    "/cafe",
    "/m",
    "/m/",
    "/q/5",
    "/q/5/",
    "/q/5?z=1",
    "/p/1/2",
    "/p/1",
    "/p/1/2/3",
    "/nope",
    "/users/%31",
    "/%75sers/7",
    "/a/%2F/b",
    "/x/a//b",
    "/x//a",
    "/projects//",
    "/q//5",
    "/users/7//",
    "/users/7/",
    "/a/b/",
    "/l//en/",
    "/p//1//2",
];

const METHODS: &[&str] = &["GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS"];

/// Where flaxum answers otherwise on purpose (DESIGN.md), with flaxum's
/// answer: `(method, path, status, location)`.
const DIFFERENCES: &[(&str, &str, u16, Option<&str>, &str)] = &[
    // Matching runs on the raw path: `%2F` never splits a segment, so
    // `/a/%2F/b` is `/a/<x>/b` with x = "/". Flask decodes first and sees
    // `/a///b`.
    ("GET", "/a/%2F/b", 200, None, "raw matching"),
    ("HEAD", "/a/%2F/b", 200, None, "raw matching"),
    ("POST", "/a/%2F/b", 405, None, "raw matching"),
    ("PUT", "/a/%2F/b", 405, None, "raw matching"),
    ("DELETE", "/a/%2F/b", 405, None, "raw matching"),
    ("OPTIONS", "/a/%2F/b", 200, None, "raw matching"),
    // A catch-all's value is a relative path with no empty segment (nor
    // `.`, `..`, a leading slash or a drive), so it is safe to join to a
    // directory; Flask's `path` takes `a//b` as it is.
    ("GET", "/x/a//b", 400, None, "safe catch-all"),
    ("HEAD", "/x/a//b", 400, None, "safe catch-all"),
    // A converter's arguments (min, max, fixed_digits) are part of matching:
    // a value they refuse means the route does not match, whatever the
    // method (DESIGN §4). Werkzeug checks the method before it applies
    // them, so it answers 405 where the value alone would be a 404.
    ("POST", "/n/0", 404, None, "converter arguments match"),
    ("PUT", "/n/0", 404, None, "converter arguments match"),
    ("DELETE", "/n/0", 404, None, "converter arguments match"),
    ("POST", "/n/101", 404, None, "converter arguments match"),
    ("PUT", "/n/101", 404, None, "converter arguments match"),
    ("DELETE", "/n/101", 404, None, "converter arguments match"),
    ("POST", "/fd/42", 404, None, "converter arguments match"),
    ("PUT", "/fd/42", 404, None, "converter arguments match"),
    ("DELETE", "/fd/42", 404, None, "converter arguments match"),
    ("POST", "/fd/00042", 404, None, "converter arguments match"),
    ("PUT", "/fd/00042", 404, None, "converter arguments match"),
    (
        "DELETE",
        "/fd/00042",
        404,
        None,
        "converter arguments match",
    ),
];

#[derive(Debug, PartialEq)]
struct Answer {
    status: u16,
    body: String,
    location: Option<String>,
    allow: Option<BTreeSet<String>>,
}

fn allow_set(v: Option<&str>) -> Option<BTreeSet<String>> {
    v.map(|s| s.split(',').map(|m| m.trim().to_owned()).collect())
}

fn flask(requests: &[(&str, &str)]) -> Vec<Answer> {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/flask/app.py");
    let input: Vec<[&str; 2]> = requests.iter().map(|(m, p)| [*m, *p]).collect();
    let answers: Vec<serde_json::Value> = flask::run(&[script], &[], &input);
    answers
        .into_iter()
        .map(|a| Answer {
            status: a["status"].as_u64().unwrap() as u16,
            body: a["body"].as_str().unwrap_or_default().to_owned(),
            location: a["location"]
                .as_str()
                .map(|l| l.trim_start_matches("http://localhost").to_owned()),
            allow: allow_set(a["allow"].as_str()),
        })
        .collect()
}

async fn flaxum(requests: &[(&str, &str)]) -> Vec<Answer> {
    let app = App::new(routes![
        index, user_id, user_me, user_name, projects, about, x_rest, x_proj, float_v, two_chars,
        uuid_id, lang, ranged, signed, fixed, a_x_b, a_b, cafe, multi, q_slash, two_params
    ]);
    let mut out = Vec::new();
    for (method, path) in requests {
        let req = Request::builder()
            .method(*method)
            .uri(*path)
            .body(Body::empty())
            .unwrap();
        let res = app.clone().oneshot(req).await.unwrap();
        let header = |name| {
            res.headers()
                .get(name)
                .map(|v: &http::HeaderValue| v.to_str().unwrap().to_owned())
        };
        let location = header("location");
        let allow = allow_set(header("allow").as_deref());
        let status = res.status().as_u16();
        let bytes = axum::body::to_bytes(res.into_body(), 1 << 20)
            .await
            .unwrap();
        out.push(Answer {
            status,
            body: String::from_utf8_lossy(&bytes).into_owned(),
            location,
            allow,
        });
    }
    out
}

#[tokio::test]
async fn flaxum_answers_as_flask_does() {
    let requests: Vec<(&str, &str)> = PATHS
        .iter()
        .flat_map(|p| METHODS.iter().map(move |m| (*m, *p)))
        .collect();
    let theirs = flask(&requests);
    let ours = flaxum(&requests).await;
    let mut mismatches = Vec::new();
    let mut documented = 0;
    for (((method, path), f), x) in requests.iter().zip(&theirs).zip(&ours) {
        if let Some(d) = DIFFERENCES.iter().find(|d| d.0 == *method && d.1 == *path) {
            documented += 1;
            if (x.status, x.location.as_deref()) != (d.2, d.3) {
                mismatches.push(format!(
                    "{method} {path}: documented difference ({}) expects {} {:?}, flaxum gave {} {:?}",
                    d.4, d.2, d.3, x.status, x.location
                ));
            }
            continue;
        }
        let same_body = !(200..300).contains(&f.status) || f.body == x.body;
        if f.status != x.status || f.location != x.location || f.allow != x.allow || !same_body {
            mismatches.push(format!(
                "{method} {path}:\n    flask  {} {:?} {:?} {:?}\n    flaxum {} {:?} {:?} {:?}",
                f.status, f.location, f.allow, f.body, x.status, x.location, x.allow, x.body
            ));
        }
    }
    assert_eq!(
        documented,
        DIFFERENCES.len(),
        "every documented difference is exercised"
    );
    assert!(
        mismatches.is_empty(),
        "{} of {} requests differ:\n{}",
        mismatches.len(),
        requests.len(),
        mismatches.join("\n")
    );
}
