//! `flaxum::test::Client`, Flask's `app.test_client()`: its cookie jar, its
//! bodies and its redirects, and the same session through Flask's test
//! client (when `python3` with Flask is installed) answered the same.

mod flask;

use std::collections::BTreeMap;

use axum::response::{IntoResponse, Response};
use axum::{Form, Json};
use flaxum::test::Client;
use flaxum::{get, post, route, routes, App, AppService};
use http::header::{CONTENT_TYPE, COOKIE, LOCATION, SET_COOKIE};
use http::{HeaderMap, Method, StatusCode};
use serde::{Deserialize, Serialize};

// The app: the same routes as the Flask app of `FLASK_APP` ----------------

/// `Set-Cookie` headers, one per value, and a body.
fn with_cookies(set: &[&str], body: &'static str) -> Response {
    let mut res = body.into_response();
    for value in set {
        res.headers_mut()
            .append(SET_COOKIE, value.parse().expect("a header value"));
    }
    res
}

fn redirect_to(status: u16, location: &str) -> Response {
    let status = StatusCode::from_u16(status).expect("a status");
    (status, [(LOCATION, location.to_owned())]).into_response()
}

#[get("/set")]
async fn set() -> Response {
    with_cookies(&["a=1; Path=/", "b=2; Path=/sub"], "set")
}

/// What Flask's `delete_cookie("a")` sends.
#[get("/del")]
async fn del() -> Response {
    with_cookies(
        &["a=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/"],
        "deleted",
    )
}

/// A cookie without `Path`: it belongs to `/nopath`.
#[get("/nopath/set")]
async fn nopath() -> Response {
    with_cookies(&["c=3"], "set")
}

/// The cookies the request came with, sorted: `a=1,b=2`.
#[get("/show")]
#[get("/sub/show")]
#[get("/subway/show")]
#[get("/nopath/show")]
async fn show(headers: HeaderMap) -> String {
    let header = headers.get(COOKIE).map(|v| v.to_str().expect("text"));
    let mut pairs: Vec<&str> = header.unwrap_or_default().split("; ").collect();
    pairs.retain(|p| !p.is_empty());
    pairs.sort_unstable();
    pairs.join(",")
}

#[route("/login", methods = ["POST", "PUT"])]
async fn login() -> Response {
    let mut res = flaxum::redirect("/show");
    res.headers_mut()
        .append(SET_COOKIE, "user=ada; Path=/".parse().expect("a value"));
    res
}

#[route("/moved", methods = ["GET", "POST", "PUT"])]
async fn moved() -> Response {
    redirect_to(301, "/echo")
}
#[route("/found", methods = ["GET", "POST", "PUT"])]
async fn found() -> Response {
    redirect_to(302, "/echo")
}
#[route("/see-other", methods = ["GET", "POST", "PUT"])]
async fn see_other() -> Response {
    redirect_to(303, "/echo")
}
#[route("/temp", methods = ["GET", "POST", "PUT"])]
async fn temp() -> Response {
    redirect_to(307, "/echo")
}
#[route("/perm", methods = ["GET", "POST", "PUT"])]
async fn perm() -> Response {
    redirect_to(308, "/echo")
}

/// `METHOD content-type body`, `-` for no content type.
#[route("/echo", methods = ["GET", "POST", "PUT"])]
async fn echo(method: Method, headers: HeaderMap, body: String) -> String {
    let kind = headers.get(CONTENT_TYPE).map(|v| v.to_str().expect("text"));
    format!("{method} {} {body}", kind.unwrap_or("-"))
}

#[get("/away")]
async fn away() -> Response {
    flaxum::redirect("http://example.com/")
}
#[get("/loop")]
async fn loop_() -> Response {
    flaxum::redirect("/loop")
}
#[get("/chain/<int:n>")]
async fn chain(n: u32) -> Response {
    match n {
        0 => "chain end".into_response(),
        n => flaxum::redirect(&format!("/chain/{}", n - 1)),
    }
}
#[get("/abs")]
async fn abs() -> Response {
    flaxum::redirect("http://localhost/show")
}

// Routes only the Rust tests use.

/// `b` is relative: it resolves to `/rel/b`.
#[get("/rel/<x>")]
async fn rel(x: &str) -> Response {
    match x {
        "a" => flaxum::redirect("b"),
        "up" => flaxum::redirect("../show"),
        other => other.to_owned().into_response(),
    }
}

#[get("/odd")]
async fn odd() -> Response {
    with_cookies(
        &[
            "s=secure; Secure; HttpOnly; SameSite=Strict; Path=/",
            "far=away; Domain=example.com; Path=/",
            "here=yes; Domain=localhost; Path=/",
            "old=gone; Expires=Wed, 21 Oct 2015 07:28:00 GMT; Path=/",
            "q=\"quoted value\"; Path=/",
        ],
        "odd",
    )
}

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct Login {
    username: String,
    password: String,
}

#[post("/form")]
async fn form(Form(login): Form<Login>) -> String {
    format!("{}:{}", login.username, login.password)
}

#[post("/json")]
async fn json(Json(login): Json<Login>) -> Json<Login> {
    Json(login)
}

#[get("/query")]
async fn query(q: axum::extract::Query<BTreeMap<String, String>>) -> String {
    format!("{:?}", q.0)
}

fn app() -> App<impl AppService> {
    App::new(routes![
        set, del, nopath, show, login, moved, found, see_other, temp, perm, echo, away, loop_,
        chain, abs, rel, odd, form, json, query
    ])
}

// Cookies ----------------------------------------------------------------

#[tokio::test]
async fn cookies_are_stored_sent_back_and_deleted() {
    let client = Client::new(app());
    assert_eq!(client.get("/show").await.text(), "");
    client.get("/set").await;
    assert_eq!(client.cookie("a").as_deref(), Some("1"));
    assert_eq!(client.get("/show").await.text(), "a=1");
    client.get("/del").await;
    assert_eq!(client.cookie("a"), None);
    assert_eq!(client.get("/show").await.text(), "");
}

#[tokio::test]
async fn cookies_go_to_the_paths_they_were_set_for() {
    let client = Client::new(app());
    client.get("/set").await;
    assert_eq!(client.get("/sub/show").await.text(), "a=1,b=2");
    assert_eq!(
        client.get("/subway/show").await.text(),
        "a=1",
        "/sub is not /subway"
    );
    assert_eq!(client.get("/show").await.text(), "a=1");
    // Without `Path`, a cookie belongs to the folder of the request's path.
    client.get("/nopath/set").await;
    assert_eq!(client.get("/nopath/show").await.text(), "a=1,c=3");
    assert_eq!(client.get("/show").await.text(), "a=1");
    assert_eq!(client.cookie("c").as_deref(), Some("3"));
}

#[get("/deep/set")]
async fn deep_set() -> Response {
    with_cookies(&["d=4; Path=/deep"], "set")
}

/// The `Cookie` header as it came.
#[get("/deep/raw")]
async fn deep_raw(headers: HeaderMap) -> String {
    let header = headers.get(COOKIE).map(|v| v.to_str().expect("text"));
    header.unwrap_or_default().to_owned()
}

#[tokio::test]
async fn longer_paths_are_sent_first_then_older_cookies() {
    let client = Client::new(App::new(routes![deep_set, deep_raw]));
    client.set_cookie("a", "1");
    client.get("/deep/set").await;
    client.set_cookie("z", "2");
    assert_eq!(client.get("/deep/raw").await.text(), "d=4; a=1; z=2");
}

#[tokio::test]
async fn secure_cookies_are_sent_and_other_domains_ignored() {
    let client = Client::new(app());
    client.get("/odd").await;
    assert_eq!(
        client.get("/show").await.text(),
        "here=yes,q=\"quoted value\",s=secure"
    );
    assert_eq!(client.cookie("far"), None);
    assert_eq!(client.cookie("old"), None);
    assert_eq!(client.cookie("q").as_deref(), Some("\"quoted value\""));
}

#[tokio::test]
async fn cookies_set_by_hand_are_sent_and_can_be_deleted() {
    let client = Client::new(app());
    client.set_cookie("theme", "dark");
    assert_eq!(client.get("/sub/show").await.text(), "theme=dark");
    // A `Cookie` header of the test's own goes first, the jar's after it.
    let res = client.get("/show").header(COOKIE, "own=1").await;
    assert_eq!(res.text(), "own=1,theme=dark");
    client.delete_cookie("theme");
    assert_eq!(client.get("/show").await.text(), "");
}

// Redirects --------------------------------------------------------------

#[tokio::test]
async fn redirects_are_not_followed_unless_asked() {
    let client = Client::new(app());
    let res = client.post("/login").await;
    assert_eq!(res.status(), 302);
    assert_eq!(res.location(), Some("/show"));
    assert!(res.history().is_empty());
    assert_eq!(res.url(), "/login");
}

#[tokio::test]
async fn after_a_post_303_and_302_become_a_get_without_body() {
    let client = Client::new(app());
    for path in ["/see-other", "/found", "/moved"] {
        let res = client
            .post(path)
            .header(CONTENT_TYPE, "text/plain")
            .body("payload")
            .follow_redirects(true)
            .await;
        assert_eq!(res.status(), 200, "{path}");
        assert_eq!(res.text(), "GET - ", "{path}");
        assert_eq!(res.url(), "/echo");
        assert_eq!(res.history().len(), 1);
        assert_eq!(res.history()[0].url(), path);
    }
    // A HEAD stays a HEAD.
    let res = client.head("/see-other").follow_redirects(true).await;
    assert_eq!((res.status(), res.text()), (StatusCode::OK, String::new()));
}

#[tokio::test]
async fn redirects_307_and_308_keep_the_method_and_the_body() {
    let client = Client::new(app());
    let res = client
        .post("/temp")
        .header(CONTENT_TYPE, "text/plain")
        .body("payload")
        .follow_redirects(true)
        .await;
    assert_eq!(res.text(), "POST text/plain payload");
    assert_eq!(res.history()[0].status(), 307);
    let res = client
        .put("/perm")
        .form(&[("k", "v")])
        .follow_redirects(true)
        .await;
    assert_eq!(res.text(), "PUT application/x-www-form-urlencoded k=v");
}

#[tokio::test]
async fn the_cookies_a_redirect_sets_reach_the_next_request() {
    let client = Client::new(app());
    let res = client
        .post("/login")
        .form(&[("username", "ada")])
        .follow_redirects(true)
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.text(), "user=ada");
    assert_eq!(res.url(), "/show");
}

#[tokio::test]
async fn relative_and_absolute_locations_on_the_app_are_followed() {
    let client = Client::new(app());
    let res = client.get("/rel/a").follow_redirects(true).await;
    assert_eq!((res.url(), res.text().as_str()), ("/rel/b", "b"));
    client.set_cookie("k", "v");
    let res = client.get("/rel/up").follow_redirects(true).await;
    assert_eq!((res.url(), res.text().as_str()), ("/show", "k=v"));
    let res = client.get("/abs").follow_redirects(true).await;
    assert_eq!((res.url(), res.text().as_str()), ("/show", "k=v"));
}

#[tokio::test]
async fn a_redirect_off_the_app_is_returned_as_it_is() {
    let client = Client::new(app());
    let res = client.get("/away").follow_redirects(true).await;
    assert_eq!(res.status(), 302);
    assert_eq!(res.location(), Some("http://example.com/"));
    assert!(res.history().is_empty());
}

#[tokio::test]
async fn at_most_ten_redirects_are_followed() {
    let client = Client::new(app());
    let res = client.get("/chain/10").follow_redirects(true).await;
    assert_eq!(
        (res.status(), res.text()),
        (StatusCode::OK, "chain end".into())
    );
    assert_eq!(res.history().len(), flaxum::test::MAX_REDIRECTS);
    let res = client.get("/chain/11").follow_redirects(true).await;
    assert_eq!(res.status(), 302, "the 11th redirect is the response");
    assert_eq!(res.url(), "/chain/1");
    assert_eq!(res.history().len(), 10);
    let res = client.get("/loop").follow_redirects(true).await;
    assert_eq!((res.status(), res.history().len()), (StatusCode::FOUND, 10));
}

// Bodies -----------------------------------------------------------------

#[tokio::test]
async fn forms_and_json_are_encoded_with_their_content_type() {
    let client = Client::new(app());
    let ada = Login {
        username: "ada".into(),
        password: "p&w=1 ü".into(),
    };
    let res = client.post("/form").form(&ada).await;
    assert_eq!(res.text(), "ada:p&w=1 ü");
    let res = client.post("/json").json(&ada).await;
    assert_eq!(res.header(CONTENT_TYPE), Some("application/json"));
    assert_eq!(res.json::<Login>().expect("JSON"), ada);
    let echoed = client
        .post("/echo")
        .json(&serde_json::json!({"a": 1}))
        .await;
    assert_eq!(echoed.text(), r#"POST application/json {"a":1}"#);
    assert!(client.get("/set").await.json::<Login>().is_err());
}

#[tokio::test]
async fn queries_are_appended_to_the_uri() {
    let client = Client::new(app());
    let res = client.get("/query").query(&[("q", "a b&c")]).await;
    assert_eq!(res.text(), r#"{"q": "a b&c"}"#);
    assert_eq!(res.url(), "/query?q=a+b%26c");
    let res = client.get("/query?page=2").query(&[("q", "x")]).await;
    assert_eq!(res.text(), r#"{"page": "2", "q": "x"}"#);
}

#[tokio::test]
async fn every_method_has_its_builder() {
    let client = Client::new(app());
    assert_eq!(client.get("/echo").await.text(), "GET - ");
    assert_eq!(client.post("/echo").await.text(), "POST - ");
    assert_eq!(client.put("/echo").await.text(), "PUT - ");
    assert_eq!(client.patch("/echo").await.status(), 405);
    assert_eq!(client.delete("/echo").await.status(), 405);
    assert_eq!(client.head("/echo").await.text(), "");
    let allow = client.options("/echo").await;
    assert_eq!(allow.header("allow"), Some("GET, HEAD, POST, PUT, OPTIONS"));
    let res = client.request(Method::PUT, "/echo").send().await;
    assert_eq!(res.text(), "PUT - ");
}

// Against Flask's test client --------------------------------------------

/// The app above in Flask, and a loop that sends the steps read on stdin
/// (JSON) through one `app.test_client()` and prints what came back.
const FLASK_APP: &str = r#"
import json, sys
from flask import Flask, make_response, redirect, request

app = Flask(__name__)

def cookies():
    return ",".join(f"{k}={v}" for k, v in sorted(request.cookies.items()))

@app.get("/set")
def set_():
    res = make_response("set")
    res.set_cookie("a", "1")
    res.set_cookie("b", "2", path="/sub")
    return res

@app.get("/del")
def delete():
    res = make_response("deleted")
    res.delete_cookie("a")
    return res

@app.get("/nopath/set")
def nopath():
    res = make_response("set")
    res.headers.add("Set-Cookie", "c=3")
    return res

@app.get("/show")
@app.get("/sub/show")
@app.get("/subway/show")
@app.get("/nopath/show")
def show():
    return cookies()

@app.route("/login", methods=["POST", "PUT"])
def login():
    res = redirect("/show")
    res.set_cookie("user", "ada")
    return res

for rule, code in [("/moved", 301), ("/found", 302), ("/see-other", 303), ("/temp", 307), ("/perm", 308)]:
    app.add_url_rule(rule, f"r{code}", lambda code=code: redirect("/echo", code), methods=["GET", "POST", "PUT"])

@app.route("/echo", methods=["GET", "POST", "PUT"])
def echo():
    return f"{request.method} {request.content_type or '-'} {request.get_data(as_text=True)}"

@app.get("/away")
def away():
    return redirect("http://example.com/")

@app.get("/loop")
def loop():
    return redirect("/loop")

@app.get("/chain/<int:n>")
def chain(n):
    return redirect(f"/chain/{n - 1}") if n else "chain end"

@app.get("/abs")
def abs_():
    return redirect("http://localhost/show")

client = app.test_client()
out = []
for step in json.load(sys.stdin):
    kwargs = {}
    if step.get("body") is not None:
        kwargs["data"] = step["body"]
    if step.get("content_type") is not None:
        kwargs["content_type"] = step["content_type"]
    try:
        res = client.open(step["path"], method=step["method"], follow_redirects=step["follow"], **kwargs)
    except Exception as e:
        out.append({"error": f"{type(e).__name__}: {e}"})
        continue
    out.append({
        "status": res.status_code,
        "body": res.get_data(as_text=True),
        "history": [r.status_code for r in res.history],
        "url": res.request.full_path.rstrip("?"),
    })
print(json.dumps(out))
"#;

/// One request of the session: method, path, body, content type, follow.
#[derive(Serialize)]
struct Step {
    method: &'static str,
    path: &'static str,
    body: Option<&'static str>,
    content_type: Option<&'static str>,
    follow: bool,
}

const fn step(method: &'static str, path: &'static str, follow: bool) -> Step {
    Step {
        method,
        path,
        body: None,
        content_type: None,
        follow,
    }
}

const fn with_body(method: &'static str, path: &'static str, kind: &'static str) -> Step {
    Step {
        method,
        path,
        body: Some("payload"),
        content_type: Some(kind),
        follow: true,
    }
}

/// One client through all of them: the cookies of each step count in the next.
const SESSION: &[Step] = &[
    step("GET", "/show", false),
    step("GET", "/set", false),
    step("GET", "/show", false),
    step("GET", "/sub/show", false),
    step("GET", "/subway/show", false),
    step("GET", "/nopath/set", false),
    step("GET", "/nopath/show", false),
    step("GET", "/show", false),
    step("GET", "/del", false),
    step("GET", "/sub/show", false),
    step("GET", "/nopath/show", false),
    step("POST", "/login", false),
    step("GET", "/show", false),
    step("PUT", "/login", true),
    with_body("POST", "/see-other", "text/plain"),
    with_body("POST", "/found", "text/plain"),
    with_body("POST", "/moved", "application/x-www-form-urlencoded"),
    with_body("PUT", "/found", "text/plain"),
    with_body("POST", "/temp", "text/plain"),
    with_body("PUT", "/perm", "application/json"),
    step("HEAD", "/see-other", true),
    step("HEAD", "/temp", true),
    step("POST", "/temp", false),
    step("GET", "/chain/3", true),
    step("GET", "/abs", true),
    step("GET", "/away", true),
    step("GET", "/loop", true),
];

/// Where the clients differ on purpose: Flask raises an exception, flaxum
/// returns the redirect it did not follow (path, status, redirects followed).
const DIFFERENCES: &[(&str, u16, usize, &str)] = &[
    (
        "/away",
        302,
        0,
        "a redirect off the app is returned, not followed",
    ),
    ("/loop", 302, 10, "the 11th redirect is returned"),
];

#[derive(Debug, PartialEq, Deserialize)]
struct Outcome {
    status: u16,
    body: String,
    history: Vec<u16>,
    url: String,
}

/// The session through Flask's test client, or `None` (with a note) when
/// `python3` cannot import Flask.
fn flask(session: &[Step]) -> Option<Vec<Result<Outcome, String>>> {
    if !flask::installed() {
        eprintln!("note: skipped the comparison with Flask's test client: `python3` with Flask is needed (`pip install flask`)");
        return None;
    }
    let answers: Vec<serde_json::Value> = flask::run(&["-c", FLASK_APP], &[], &session);
    let outcome = |a: serde_json::Value| match a.get("error") {
        Some(e) => Err(e.as_str().unwrap_or_default().to_owned()),
        None => Ok(serde_json::from_value(a).expect("an outcome")),
    };
    Some(answers.into_iter().map(outcome).collect())
}

async fn flaxum(session: &[Step]) -> Vec<Outcome> {
    let client = Client::new(app());
    let mut out = Vec::new();
    for step in session {
        let method = Method::from_bytes(step.method.as_bytes()).expect("a method");
        let mut req = client
            .request(method, step.path)
            .follow_redirects(step.follow);
        if let Some(kind) = step.content_type {
            req = req.header(CONTENT_TYPE, kind);
        }
        if let Some(body) = step.body {
            req = req.body(body);
        }
        let res = req.await;
        out.push(Outcome {
            status: res.status().as_u16(),
            body: res.text(),
            history: res.history().iter().map(|r| r.status().as_u16()).collect(),
            url: res.url().to_owned(),
        });
    }
    out
}

#[tokio::test]
async fn cookies_and_redirects_go_as_with_flasks_test_client() {
    let Some(theirs) = flask(SESSION) else {
        return;
    };
    let ours = flaxum(SESSION).await;
    let mut mismatches = Vec::new();
    for ((step, flask), flaxum) in SESSION.iter().zip(&theirs).zip(&ours) {
        let what = format!("{} {} (follow: {})", step.method, step.path, step.follow);
        if let Some(&(_, status, followed, why)) = DIFFERENCES.iter().find(|d| d.0 == step.path) {
            if flask.is_ok() || (flaxum.status, flaxum.history.len()) != (status, followed) {
                mismatches.push(format!(
                    "{what}: documented difference ({why}): flask {flask:?}, flaxum {flaxum:?}"
                ));
            }
            continue;
        }
        let same = match flask {
            // The bodies of redirects are each framework's own.
            Ok(f) if (300..400).contains(&f.status) => {
                (f.status, &f.history, &f.url) == (flaxum.status, &flaxum.history, &flaxum.url)
            }
            Ok(f) => f == flaxum,
            Err(_) => false,
        };
        if !same {
            mismatches.push(format!(
                "{what}:\n    flask  {flask:?}\n    flaxum {flaxum:?}"
            ));
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} of {} steps differ:\n{}",
        mismatches.len(),
        SESSION.len(),
        mismatches.join("\n")
    );
}

#[get("/host")]
async fn host(headers: HeaderMap, uri: http::Uri) -> String {
    let host = headers.get(http::header::HOST).expect("a Host");
    format!("{} {uri}", host.to_str().expect("text"))
}

#[tokio::test]
async fn requests_ask_localhost_or_the_host_of_a_whole_url() {
    let client = Client::new(App::new(routes![host]));
    assert_eq!(client.get("/host?x=1").await.text(), "localhost /host?x=1");
    let res = client.get("http://127.0.0.1:5000/host?x=1").await;
    assert_eq!(res.text(), "127.0.0.1:5000 /host?x=1");
    assert_eq!(res.url(), "/host?x=1");
    let res = client.get("/host").header("host", "example.org").await;
    assert_eq!(res.text(), "example.org /host");
}
