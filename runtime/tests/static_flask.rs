//! Differential test of the static folder: the same folder served by
//! Flask 3's static route (the script below, through its test client) and
//! by flaxum's `routes![static]` (through `flaxum::test::Client`), on the
//! same requests. Every step has its expected answer: the status, and,
//! where they are part of it, the body, the content type, `Content-Range`,
//! `Location`, `Allow`. Both apps must meet it, so they agree with each
//! other; where flaxum answers otherwise than Flask on purpose, the step
//! says what Flask answers and why (`Differs`). The validators (`ETag`,
//! `Last-Modified`) are each app's own, read from its first answer and
//! sent back to it (`{etag}`, `{modified}` in a step's headers), and every
//! 200, 206 and 304 must carry an `ETag` and `Cache-Control: no-cache`.
//! Both apps have an `errorhandler(404)` and an `after_request` function,
//! which must run for the static route as for any other.
//!
//! Needs `python3` with Flask 3 (`pip install flask`); without it only the
//! flaxum side is checked, and the test says so.

mod flask;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use axum::response::Response;
use flaxum::test::Client;
use flaxum::{after_request, errorhandler, routes, App, AppService};
use http::StatusCode;

/// The Flask app: its static folder is `STATIC_DIR`. It reads the steps
/// as JSON on stdin and writes each answer's status, headers (names in
/// lower case) and body (hex).
const FLASK_APP: &str = r##"
import json, os, sys
from flask import Flask, url_for

app = Flask(__name__, static_folder=os.environ["STATIC_DIR"])
if "MAX_AGE" in os.environ:
    app.config["SEND_FILE_MAX_AGE_DEFAULT"] = int(os.environ["MAX_AGE"])

@app.errorhandler(404)
def not_found(e):
    return "not here", 404

@app.after_request
def mark(response):
    response.headers["X-After"] = "yes"
    return response

if "URLS" in os.environ:
    with app.test_request_context():
        json.dump([url_for("static", **values) for values in json.load(sys.stdin)], sys.stdout)
    sys.exit(0)

client = app.test_client()
first = client.get("/static/style.css")
values = {"{etag}": first.headers["ETag"], "{modified}": first.headers["Last-Modified"]}
out = []
for step in json.load(sys.stdin):
    headers = {}
    for name, value in step["headers"]:
        for key, real in values.items():
            value = value.replace(key, real)
        headers[name] = value
    r = client.open(step["path"], method=step["method"], headers=headers)
    out.append({
        "status": r.status_code,
        "headers": {k.lower(): v for k, v in r.headers.items()},
        "body": r.get_data().hex(),
    })
json.dump(out, sys.stdout)
"##;

#[errorhandler(404)]
async fn not_found() -> (StatusCode, &'static str) {
    (StatusCode::NOT_FOUND, "not here")
}

#[after_request]
async fn mark(mut res: Response) -> Response {
    let yes = http::HeaderValue::from_static("yes");
    res.headers_mut().insert("x-after", yes);
    res
}

fn app(folder: &Path) -> App<impl AppService> {
    with_max_age(folder, None)
}

fn with_max_age(folder: &Path, max_age: Option<std::time::Duration>) -> App<impl AppService> {
    let app = App::new(routes![static; after_request = [mark], errorhandler = [not_found]])
        .static_folder(folder);
    match max_age {
        Some(age) => app.static_max_age(age),
        None => app,
    }
}

/// The folder both apps serve, and beside it a file that must stay out of
/// reach; removed when dropped.
struct Folder(PathBuf);

impl Folder {
    fn new() -> Folder {
        // The tests run in parallel and the clock can give two of them
        // the same reading: a counter tells their folders apart.
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let nanos = std::time::UNIX_EPOCH.elapsed().unwrap().as_nanos();
        let base =
            std::env::temp_dir().join(format!("flaxum-static-{}-{nanos}-{n}", std::process::id()));
        let dir = base.join("static");
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        let files: [(&str, &[u8]); 9] = [
            ("style.css", b"body { color: red; }\n"),
            ("app.js", b"console.log(1)\n"),
            ("sub/a.txt", b"hello world\n"),
            ("x.json", b"{}\n"),
            ("i.png", b"\x89PNG"),
            ("i.svg", b"<svg/>\n"),
            ("page.html", b"<p>hi</p>\n"),
            ("noext", b""),
            (".hidden", b"dot\n"),
        ];
        for (name, bytes) in files {
            std::fs::write(dir.join(name), bytes).unwrap();
        }
        std::fs::write(base.join("secret.txt"), b"secret\n").unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("../secret.txt", dir.join("out.txt")).unwrap();
            std::os::unix::fs::symlink("style.css", dir.join("alias.css")).unwrap();
        }
        Folder(base)
    }

    fn dir(&self) -> PathBuf {
        self.0.join("static")
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// What a step expects besides its status: `None` is not checked.
#[derive(Clone, Copy, Default)]
struct Expect {
    body: Option<&'static str>,
    content_type: Option<&'static str>,
    content_range: Option<&'static str>,
    location: Option<&'static str>,
    allow: Option<&'static str>,
}

const NONE: Expect = Expect {
    body: None,
    content_type: None,
    content_range: None,
    location: None,
    allow: None,
};

/// A file's answer: its body and content type.
const fn file(body: &'static str, content_type: &'static str) -> Expect {
    Expect {
        body: Some(body),
        content_type: Some(content_type),
        ..NONE
    }
}

/// A range of `style.css`.
const fn range(body: &'static str, content_range: &'static str) -> Expect {
    Expect {
        body: Some(body),
        content_range: Some(content_range),
        ..NONE
    }
}

/// The errorhandler's page.
const NOT_HERE: Expect = Expect {
    body: Some("not here"),
    ..NONE
};

const CSS: &str = "body { color: red; }\n";

/// Flask's answer where flaxum's differs on purpose: its status, and why.
struct Differs(u16, &'static str);

struct Step {
    method: &'static str,
    path: &'static str,
    headers: &'static [(&'static str, &'static str)],
    status: u16,
    expect: Expect,
    flask: Option<Differs>,
}

const fn get(path: &'static str, status: u16, expect: Expect) -> Step {
    Step {
        method: "GET",
        path,
        headers: &[],
        status,
        expect,
        flask: None,
    }
}

const fn css_with(
    headers: &'static [(&'static str, &'static str)],
    status: u16,
    expect: Expect,
) -> Step {
    Step {
        headers,
        ..get("/static/style.css", status, expect)
    }
}

const fn differs(step: Step, flask: Differs) -> Step {
    Step {
        flask: Some(flask),
        ..step
    }
}

const OLD: &str = "Mon, 01 Jan 2001 00:00:00 GMT";
const EMPTY: Expect = Expect {
    body: Some(""),
    ..NONE
};
const WHOLE: Expect = Expect {
    body: Some(CSS),
    content_range: None,
    ..NONE
};

#[rustfmt::skip]
fn steps() -> Vec<Step> {
    let mut steps = vec![
        // Content types, as Flask's (Python's mimetypes, Werkzeug's charset).
        get("/static/style.css", 200, file(CSS, "text/css; charset=utf-8")),
        get("/static/app.js", 200, file("console.log(1)\n", "text/javascript; charset=utf-8")),
        get("/static/sub/a.txt", 200, file("hello world\n", "text/plain; charset=utf-8")),
        get("/static/x.json", 200, file("{}\n", "application/json")),
        get("/static/i.png", 200, Expect { content_type: Some("image/png"), ..NONE }),
        get("/static/i.svg", 200, file("<svg/>\n", "image/svg+xml; charset=utf-8")),
        get("/static/page.html", 200, file("<p>hi</p>\n", "text/html; charset=utf-8")),
        get("/static/noext", 200, file("", "application/octet-stream")),
        get("/static/.hidden", 200, file("dot\n", "application/octet-stream")),
        // A query string (a cache buster) does not change the file.
        get("/static/style.css?v=3", 200, file(CSS, "text/css; charset=utf-8")),
        // An encoded slash inside the folder names the same file.
        get("/static/sub%2Fa.txt", 200, file("hello world\n", "text/plain; charset=utf-8")),
        // Missing files and folders: the app's 404, no listing.
        get("/static/missing.css", 404, NOT_HERE),
        get("/static/sub", 404, NOT_HERE),
        get("/static/sub/", 404, NOT_HERE),
        get("/static/", 404, NOT_HERE),
        // Out of the folder: refused, however it is spelled.
        get("/static/../secret.txt", 404, NOT_HERE),
        get("/static/%2e%2e/secret.txt", 404, NOT_HERE),
        get("/static/%2E%2E%2Fsecret.txt", 404, NOT_HERE),
        get("/static/sub/..%2F..%2Fsecret.txt", 404, NOT_HERE),
        get("/static/..%5Csecret.txt", 404, NOT_HERE),
        get("/static/sub%5C..%5C..%5Csecret.txt", 404, NOT_HERE),
        get("/static/C:%5Cwindows%5Cwin.ini", 404, NOT_HERE),
        get("/static/a%00b", 404, NOT_HERE),
        // Names that are no file name: not UTF-8, a broken escape.
        get("/static/%ff.css", 404, NOT_HERE),
        get("/static/%zz.css", 404, NOT_HERE),
        get("/static//etc/passwd", 308, Expect { location: Some("/static/etc/passwd"), ..NONE }),
        differs(get("/static/%2Fetc%2Fpasswd", 404, NOT_HERE),
            Differs(308, "Werkzeug decodes %2F before routing, then merges the slashes: a redirect to /static/etc/passwd, a 404 there")),
        differs(get("/static/./style.css", 404, NOT_HERE),
            Differs(200, "a `.` segment is refused as in every flaxum catch-all; browsers never send one")),
        // Conditional GET.
        css_with(&[("If-None-Match", "{etag}")], 304, EMPTY),
        css_with(&[("If-None-Match", "W/{etag}")], 304, EMPTY),
        css_with(&[("If-None-Match", "\"other\", {etag}")], 304, EMPTY),
        css_with(&[("If-None-Match", "*")], 304, EMPTY),
        css_with(&[("If-None-Match", "\"other\"")], 200, WHOLE),
        css_with(&[("If-Modified-Since", "{modified}")], 304, EMPTY),
        css_with(&[("If-Modified-Since", OLD)], 200, WHOLE),
        css_with(&[("If-Modified-Since", "not a date")], 200, WHOLE),
        // If-None-Match first: If-Modified-Since is not read then.
        css_with(&[("If-None-Match", "\"other\""), ("If-Modified-Since", "{modified}")], 200, WHOLE),
        differs(css_with(&[("If-Unmodified-Since", OLD)], 412, NONE),
            Differs(200, "Flask does not read If-Unmodified-Since; tower-http's ServeDir answers 412 as RFC 9110 asks")),
        // Ranges.
        css_with(&[("Range", "bytes=0-3")], 206, range("body", "bytes 0-3/21")),
        css_with(&[("Range", "bytes=5-")], 206, range("{ color: red; }\n", "bytes 5-20/21")),
        css_with(&[("Range", "bytes=-4")], 206, range("; }\n", "bytes 17-20/21")),
        css_with(&[("Range", "bytes=20-")], 206, range("\n", "bytes 20-20/21")),
        css_with(&[("Range", "bytes=0-100")], 206, range(CSS, "bytes 0-20/21")),
        css_with(&[("Range", "bytes=21-")], 416, Expect { content_range: Some("bytes */21"), ..NONE }),
        css_with(&[("Range", "bytes=100-200")], 416, Expect { content_range: Some("bytes */21"), ..NONE }),
        css_with(&[("Range", "bytes=3-1")], 416, Expect { content_range: Some("bytes */21"), ..NONE }),
        css_with(&[("Range", "bytes=0-1,3-4")], 416, Expect { content_range: Some("bytes */21"), ..NONE }),
        css_with(&[("Range", "bytes=abc")], 416, Expect { content_range: Some("bytes */21"), ..NONE }),
        css_with(&[("Range", "items=0-1")], 416, Expect { content_range: Some("bytes */21"), ..NONE }),
        css_with(&[("Range", "bytes=0-3"), ("If-Range", "{etag}")], 206, range("body", "bytes 0-3/21")),
        css_with(&[("Range", "bytes=0-3"), ("If-Range", "\"old\"")], 200, WHOLE),
        css_with(&[("Range", "bytes=0-3"), ("If-Range", "{modified}")], 206, range("body", "bytes 0-3/21")),
        css_with(&[("Range", "bytes=0-3"), ("If-Range", OLD)], 200, WHOLE),
        differs(css_with(&[("Range", "bytes=0-3"), ("If-Range", "W/{etag}")], 200, WHOLE),
            Differs(206, "RFC 9110 compares If-Range strongly: a weak tag never holds, so the whole file is sent")),
        differs(css_with(&[("Range", "bytes=0-3"), ("If-None-Match", "{etag}")], 304, EMPTY),
            Differs(206, "RFC 9110 evaluates If-None-Match before Range: a cache revalidating gets 304")),
        // Methods: HEAD and OPTIONS answered, others refused with Allow.
        Step { method: "HEAD", ..get("/static/style.css", 200, file("", "text/css; charset=utf-8")) },
        Step { method: "OPTIONS", ..get("/static/style.css", 200, Expect { allow: Some("GET, HEAD, OPTIONS"), ..EMPTY }) },
        Step { method: "POST", ..get("/static/style.css", 405, Expect { allow: Some("GET, HEAD, OPTIONS"), ..NONE }) },
    ];
    if cfg!(unix) {
        steps.push(get("/static/alias.css", 200, file(CSS, "text/css; charset=utf-8")));
        steps.push(differs(get("/static/out.txt", 404, NOT_HERE),
            Differs(200, "Flask follows a symbolic link out of the folder; flaxum serves nothing outside it")));
    }
    steps
}

/// One answer, as both sides report it.
#[derive(Debug, serde::Deserialize)]
struct Answer {
    status: u16,
    /// Lower-case names.
    headers: BTreeMap<String, String>,
    /// Hex.
    body: String,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(String::as_str)
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

/// A `Location` reduced to its path, as Flask's are absolute.
fn path_of(location: &str) -> &str {
    match location.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/", |at| &rest[at..]),
        None => location,
    }
}

fn methods(list: &str) -> BTreeSet<String> {
    list.split(',').map(|m| m.trim().to_owned()).collect()
}

/// What is wrong with `answer` for `step`, as `app` answered it.
fn problems(app: &str, step: &Step, answer: &Answer) -> Vec<String> {
    let mut wrong = Vec::new();
    let status = match (app, &step.flask) {
        ("flask", Some(Differs(status, _))) => *status,
        _ => step.status,
    };
    if answer.status != status {
        wrong.push(format!("status {}, expected {status}", answer.status));
        if let (Some(Differs(_, why)), "flask") = (&step.flask, app) {
            wrong.push(format!("(the difference pinned: {why})"));
        }
    }
    if answer.header("x-after") != Some("yes") {
        wrong.push("no X-After: the after_request function did not run".into());
    }
    if app == "flask" && step.flask.is_some() {
        // Only the status is pinned where the apps differ.
        return wrong;
    }
    let e = &step.expect;
    let body = unhex(&answer.body);
    if let Some(want) = e.body {
        if body != want.as_bytes() {
            wrong.push(format!(
                "body {:?}, expected {want:?}",
                String::from_utf8_lossy(&body)
            ));
        }
    }
    let facets = [
        (
            "content-type",
            e.content_type,
            answer.header("content-type"),
        ),
        (
            "content-range",
            e.content_range,
            answer.header("content-range"),
        ),
        (
            "location",
            e.location,
            answer.header("location").map(path_of),
        ),
    ];
    for (name, want, got) in facets {
        if want.is_some() && want != got {
            wrong.push(format!("{name} {got:?}, expected {want:?}"));
        }
    }
    if let Some(want) = e.allow {
        let got = answer.header("allow").map(methods);
        if got != Some(methods(want)) {
            wrong.push(format!("Allow {got:?}, expected {want}"));
        }
    }
    if matches!(status, 200 | 206 | 304) && step.method != "OPTIONS" {
        if answer.header("etag").is_none_or(|t| !t.starts_with('"')) {
            wrong.push(format!("ETag {:?}", answer.header("etag")));
        }
        if answer.header("cache-control") != Some("no-cache") {
            wrong.push(format!(
                "Cache-Control {:?}",
                answer.header("cache-control")
            ));
        }
    }
    wrong
}

fn check(app: &str, steps: &[Step], answers: &[Answer]) -> Vec<String> {
    assert_eq!(answers.len(), steps.len(), "{app}: one answer per step");
    let mut out = Vec::new();
    for (n, (step, answer)) in steps.iter().zip(answers).enumerate() {
        let wrong = problems(app, step, answer);
        if !wrong.is_empty() {
            let (method, path, headers) = (step.method, step.path, step.headers);
            out.push(format!(
                "{app} step {} {method} {path} {headers:?}: {}",
                n + 1,
                wrong.join("; ")
            ));
        }
    }
    out
}

/// The steps as the Flask side reads them.
fn as_json(steps: &[Step]) -> serde_json::Value {
    let list = steps
        .iter()
        .map(|s| serde_json::json!({ "method": s.method, "path": s.path, "headers": s.headers }));
    serde_json::Value::Array(list.collect())
}

/// Flask's answers to `steps`, its settings in `env` besides its folder,
/// or `None` when Flask is not installed.
fn flask(dir: &Path, env: &[(&str, &str)], steps: &[Step]) -> Option<Vec<Answer>> {
    if !flask::installed() {
        return None;
    }
    let dir = dir.to_str().expect("a UTF-8 temporary folder");
    let mut all = vec![("STATIC_DIR", dir)];
    all.extend_from_slice(env);
    Some(flask::run(&["-c", FLASK_APP], &all, &as_json(steps)))
}

async fn flaxum<S: AppService>(app: App<S>, steps: &[Step]) -> Vec<Answer> {
    let client = Client::new(app);
    let first = client.get("/static/style.css").await;
    let values = [
        ("{etag}", first.header("etag").expect("an ETag").to_owned()),
        (
            "{modified}",
            first
                .header("last-modified")
                .expect("a Last-Modified")
                .to_owned(),
        ),
    ];
    let mut out = Vec::new();
    for step in steps {
        let method = http::Method::from_bytes(step.method.as_bytes()).unwrap();
        let mut req = client.request(method, step.path);
        for (name, value) in step.headers {
            let mut value = value.to_string();
            for (key, real) in &values {
                value = value.replace(key, real);
            }
            req = req.header(*name, value);
        }
        let res = req.send().await;
        let headers = res.headers().iter().map(|(k, v)| {
            (
                k.as_str().to_owned(),
                v.to_str().unwrap_or("(not text)").to_owned(),
            )
        });
        out.push(Answer {
            status: res.status().as_u16(),
            headers: headers.collect(),
            body: hex(res.bytes()),
        });
    }
    out
}

#[tokio::test]
async fn the_static_folder_is_served_as_flask_serves_it() {
    let folder = Folder::new();
    let steps = steps();
    let ours = flaxum(app(&folder.dir()), &steps).await;
    let mut problems = check("flaxum", &steps, &ours);
    match flask(&folder.dir(), &[], &steps) {
        Some(theirs) => problems.extend(check("flask", &steps, &theirs)),
        None => eprintln!(
            "note: static_flask compared flaxum with its expectations only: \
             python3 with Flask 3 is not installed (`pip install flask`)"
        ),
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[tokio::test]
async fn a_max_age_is_sent_as_flask_sends_send_file_max_age_default() {
    let folder = Folder::new();
    let steps = [
        get("/static/style.css", 200, WHOLE),
        css_with(&[("If-None-Match", "{etag}")], 304, EMPTY),
    ];
    let app = with_max_age(&folder.dir(), Some(std::time::Duration::from_secs(3600)));
    let mut answers = vec![("flaxum", flaxum(app, &steps).await)];
    answers.extend(flask(&folder.dir(), &[("MAX_AGE", "3600")], &steps).map(|a| ("flask", a)));
    for (name, answers) in answers {
        for (step, answer) in steps.iter().zip(&answers) {
            assert_eq!(answer.status, step.status, "{name} {:?}", step.headers);
            let cache = answer.header("cache-control");
            assert_eq!(
                cache,
                Some("public, max-age=3600"),
                "{name} {:?}",
                step.headers
            );
        }
    }
}

/// `url_for('static', …)`'s values, and the URL Flask builds of them.
const URLS: &[(&[(&str, &str)], &str)] = &[
    (&[("filename", "style.css")], "/static/style.css"),
    (
        &[("filename", "css/site.css"), ("v", "3")],
        "/static/css/site.css?v=3",
    ),
    (&[("filename", "a b.css")], "/static/a%20b.css"),
    (&[("filename", "ü/%?#.css")], "/static/%C3%BC/%25%3F%23.css"),
    (&[("filename", "x"), ("q", "a b&c")], "/static/x?q=a+b%26c"),
];

#[test]
fn urls_are_built_as_flask_builds_them() {
    // The app declares `static`: `url_for!` and the templates use its route.
    let folder = Folder::new();
    let app = app(&folder.dir());
    let ours = [
        flaxum::url_for!(static, filename = "style.css"),
        flaxum::url_for!(static, filename = "css/site.css", v = 3),
        flaxum::url_for!(static, filename = String::from("a b.css")),
        flaxum::url_for!(static, filename = "ü/%?#.css"),
        flaxum::url_for!(static, filename = "x", q = "a b&c"),
    ];
    let dir = folder.0.join("templates");
    std::fs::create_dir_all(&dir).unwrap();
    let templates = flaxum::templates::Templates::new(&dir).with_url_for(app.table());
    for (i, ((values, want), ours)) in URLS.iter().zip(&ours).enumerate() {
        assert_eq!(ours, want, "url_for! {values:?}");
        let args: Vec<String> = values.iter().map(|(k, v)| format!("{k}={v:?}")).collect();
        let name = format!("{i}.txt");
        let text = format!("{{{{ url_for('static', {}) }}}}", args.join(", "));
        std::fs::write(dir.join(&name), text).unwrap();
        let page = templates
            .render(&name, flaxum::templates::context! {})
            .unwrap();
        assert_eq!(page.0, *want, "the template's url_for {values:?}");
    }
    if flask::installed() {
        let input: Vec<BTreeMap<&str, &str>> = URLS
            .iter()
            .map(|(values, _)| values.iter().copied().collect())
            .collect();
        let env = [("STATIC_DIR", "static"), ("URLS", "1")];
        let theirs: Vec<String> = flask::run(&["-c", FLASK_APP], &env, &input);
        let wanted: Vec<&str> = URLS.iter().map(|(_, url)| *url).collect();
        assert_eq!(theirs, wanted, "Flask's url_for");
    }
}

// flaxum's own: what Flask has no counterpart of, or does not define --------

#[tokio::test]
async fn a_changed_file_gets_another_etag() {
    let folder = Folder::new();
    let client = Client::new(app(&folder.dir()));
    let first = client.get("/static/x.json").await;
    let tag = first.header("etag").unwrap().to_owned();
    std::fs::write(folder.dir().join("x.json"), b"{\"a\": 1}\n").unwrap();
    let again = client
        .get("/static/x.json")
        .header("if-none-match", &tag)
        .send()
        .await;
    assert_eq!(again.status(), 200, "the old tag no longer matches");
    assert_eq!(again.text(), "{\"a\": 1}\n");
    let new = again.header("etag").unwrap();
    assert_ne!(new, tag);
    let cached = client
        .get("/static/x.json")
        .header("if-none-match", new)
        .send()
        .await;
    assert_eq!(cached.status(), 304);
}

#[tokio::test]
async fn malformed_validators_never_fail_the_request() {
    let folder = Folder::new();
    let client = Client::new(app(&folder.dir()));
    let odd: [(&str, &[u8]); 8] = [
        ("if-none-match", b"\xff\xfe"),
        ("if-none-match", b"\"unclosed"),
        ("if-none-match", b",,, ,"),
        ("if-modified-since", b"\xff"),
        ("if-range", b"\xff"),
        ("if-range", b"W/"),
        ("range", b"bytes=\xff-"),
        ("range", b"bytes=99999999999999999999999-"),
    ];
    for (name, value) in odd {
        let value = http::HeaderValue::from_bytes(value).unwrap();
        let mut req = client.get("/static/style.css").header(name, value.clone());
        if name == "if-range" {
            req = req.header("range", "bytes=0-3");
        }
        let res = req.send().await;
        let status = res.status().as_u16();
        assert!(
            matches!(status, 200 | 416),
            "{name}: {value:?} gave {status}"
        );
        if status == 200 {
            assert_eq!(res.text(), CSS, "{name}: {value:?}");
        }
    }
}

#[test]
fn the_route_is_listed_like_any_other() {
    let folder = Folder::new();
    let app = app(&folder.dir());
    let listing = app.routes_table().to_string();
    let row = listing
        .lines()
        .find(|l| l.starts_with("static"))
        .expect(&listing);
    assert!(row.contains("/static/<path:filename>"), "{listing}");
    assert!(row.contains("GET"), "{listing}");
    let def = app.routes()[0];
    assert_eq!(
        (def.endpoint(), def.path),
        ("static".to_owned(), "/static/<path:filename>")
    );
}

#[test]
fn a_relative_folder_is_taken_from_the_package_under_cargo() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let app = App::new(routes![static]);
    assert_eq!(
        app.static_folder_path(),
        Some(root.join("static").as_path())
    );
    let app = app.static_folder("assets/public");
    assert_eq!(
        app.static_folder_path(),
        Some(root.join("assets/public").as_path())
    );
}

#[flaxum::get("/")]
async fn index() -> &'static str {
    "index"
}

#[tokio::test]
async fn an_app_without_static_has_no_folder() {
    let app = App::new(routes![index]).static_folder("/anywhere");
    assert_eq!(app.static_folder_path(), None);
    let client = Client::new(app);
    assert_eq!(client.get("/static/style.css").await.status(), 404);
}
