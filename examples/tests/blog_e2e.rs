//! End to end: the flaxum blog answers the scripted session like the Flask one.
//!
//! Starts the Flask reference (`blog/flask/app.py`, run by `python3`) and the
//! flaxum port (`flaxum_examples::blog::router`), each on its own loopback
//! port with a fresh database, and replays `blog/tests/session.json` against
//! both, each with its own cookie jar, never following redirects. Every step
//! must meet its expectations (`blog/SPEC.md` §8) on both apps, and the two
//! answers must agree on everything but what `NOT_COMPARED` lists. All the
//! problems of the session are reported together at the end.
//!
//! Needs Python 3 with Flask (`pip install flask`): without it the test fails.

use std::collections::BTreeMap;
use std::fs::File;
use std::net::{SocketAddr, TcpStream as StdTcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, UNIX_EPOCH};

use serde::Deserialize;
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// What the comparison of the two apps leaves out. Everything else must be
/// the same: the status, the Location, the kind of Content-Type, the body.
const NOT_COMPARED: &[&str] = &[
    // Date, Server, Content-Length, Allow (405), Vary...: each server's own.
    "response headers other than Location and Content-Type (names, order, values)",
    // Each framework's default page (SPEC §4, §7); status and Location count.
    "the body and Content-Type of 3xx, 403 and 405 responses",
    // itsdangerous vs flaxum's own signed cookie. Each jar keeps its app's
    // cookies, so a broken session shows in the later steps.
    "the Set-Cookie encoding (value and attributes)",
    // Only the media type is compared (`text/html`, `application/json`):
    // `charset=utf-8`, `charset=UTF-8` or no charset are all the same kind.
    "Content-Type parameters such as charset",
    // Each database stamps its own clock, which may tick between the apps;
    // a `YYYY-MM-DD HH:MM:SS` must still be where the other app has one.
    "the values of post `created` timestamps",
    // Template indentation: HTML is compared with whitespace runs collapsed to
    // one space, and whitespace after `>` and before `<` removed.
    "whitespace in HTML bodies",
];

/// How long the Flask process may take to listen.
const STARTUP_TIMEOUT: Duration = Duration::from_secs(15);
/// How long one request may take.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
/// Values shown in the report are cut to this many characters.
const SHOWN_CHARS: usize = 400;
/// A SQLite `CURRENT_TIMESTAMP`, `0` standing for any digit.
const TIMESTAMP_SHAPE: &[u8; 19] = b"0000-00-00 00:00:00";
/// What timestamps are replaced with in the bodies compared.
const TIMESTAMP_MASK: &str = "<timestamp>";

#[tokio::test(flavor = "multi_thread")]
async fn flaxum_blog_replays_the_session_like_flask() {
    let steps = load_session();
    let flask = FlaskApp::start();
    let flaxum_db = TempFile::new("flaxum.sqlite");
    let mut flask_client = Client::new("flask", flask.addr);
    let mut flaxum_client = Client::new("flaxum", serve_flaxum(&flaxum_db.0).await);

    let mut report = Vec::new();
    for (number, step) in (1..).zip(&steps) {
        let flask_response = flask_client.send(step).await;
        let flaxum_response = flaxum_client.send(step).await;
        let mut problems = check_expectations("flask", step, &flask_response);
        problems.extend(check_expectations("flaxum", step, &flaxum_response));
        problems.extend(compare(&flask_response, &flaxum_response));
        if !problems.is_empty() {
            let (name, method, path) = (&step.name, &step.method, &step.path);
            let title = format!("step {number} {name:?} ({method} {path})");
            report.push(format!("{title}\n  {}", problems.join("\n  ")));
        }
    }
    assert!(
        report.is_empty(),
        "{} of {} steps failed:\n\n{}\n\n(not compared, by design: {})",
        report.len(),
        steps.len(),
        report.join("\n\n"),
        NOT_COMPARED.join("; ")
    );
}

// The session and its expectations -------------------------------------------

/// One step of `session.json` (SPEC §8).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Step {
    name: String,
    method: String,
    path: String,
    form: Option<BTreeMap<String, String>>,
    json: Option<Value>,
    expect_status: u16,
    expect_location: Option<String>,
    #[serde(default)]
    expect_text: Vec<String>,
    #[serde(default)]
    expect_absent: Vec<String>,
    expect_json: Option<Value>,
}

fn load_session() -> Vec<Step> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("blog/tests/session.json");
    let text = std::fs::read_to_string(path).expect("read blog/tests/session.json");
    serde_json::from_str(&text).expect("parse blog/tests/session.json")
}

/// How `app`'s `response` fails the expectations of `step` (empty if it passes).
fn check_expectations(app: &str, step: &Step, response: &Response) -> Vec<String> {
    let mut problems = Vec::new();
    if response.status != step.expect_status {
        let (got, expected) = (response.status, step.expect_status);
        problems.push(format!("status {got}, expected {expected}"));
    }
    let location = response.location();
    match &step.expect_location {
        Some(expected) if *expected != location => {
            problems.push(format!("Location {location}, expected {expected}"));
        }
        _ => {}
    }
    let text = &response.text;
    for lacking in step.expect_text.iter().filter(|t| !text.contains(*t)) {
        problems.push(format!("body lacks {lacking:?}"));
    }
    for present in step.expect_absent.iter().filter(|t| text.contains(*t)) {
        problems.push(format!("body contains {present:?}"));
    }
    if let Some(expected) = &step.expect_json {
        match serde_json::from_str::<Value>(text) {
            Err(e) => problems.push(format!("body is not JSON ({e}): {}", clip(text))),
            Ok(actual) if !json_matches(expected, &actual) => {
                let (actual, expected) = (clip(&actual.to_string()), clip(&expected.to_string()));
                problems.push(format!("JSON {actual} does not match {expected}"));
            }
            Ok(_) => {}
        }
    }
    let with_app = |problem| format!("{app}: {problem}");
    problems.into_iter().map(with_app).collect()
}

/// SPEC §8: an object needs every expected key (extra keys allowed), a list
/// the same length and items matching in order, anything else equality.
fn json_matches(expected: &Value, actual: &Value) -> bool {
    match (expected, actual) {
        (Value::Object(expected), Value::Object(actual)) => expected
            .iter()
            .all(|(key, value)| actual.get(key).is_some_and(|a| json_matches(value, a))),
        (Value::Array(expected), Value::Array(actual)) => {
            expected.len() == actual.len()
                && expected.iter().zip(actual).all(|(e, a)| json_matches(e, a))
        }
        (Value::Object(_) | Value::Array(_), _) => false,
        _ => expected == actual,
    }
}

// Comparing the two apps -----------------------------------------------------

/// How the flaxum answer differs from the Flask one, but for `NOT_COMPARED`.
fn compare(flask: &Response, flaxum: &Response) -> Vec<String> {
    let status = |response: &Response| response.status.to_string();
    let mut facets = vec![
        ("status", status(flask), status(flaxum)),
        ("Location", flask.location(), flaxum.location()),
    ];
    if flask.status == flaxum.status && body_compared(flask.status) {
        let kind = flask.media_type();
        if kind == flaxum.media_type() {
            let body = |response| comparable_body(&kind, response);
            facets.push(("body", body(flask), body(flaxum)));
        } else {
            facets.push(("Content-Type", kind, flaxum.media_type()));
        }
    }
    let differing = facets.into_iter().filter(|(_, a, b)| a != b);
    let describe = |(what, a, b): (&str, String, String)| {
        let (a, b) = around_first_difference(&a, &b);
        format!("the apps differ in {what}:\n    flask:  {a}\n    flaxum: {b}")
    };
    differing.map(describe).collect()
}

/// Whether bodies are compared at this status: not for redirects, 403 and 405,
/// each framework's own page (see `NOT_COMPARED`).
fn body_compared(status: u16) -> bool {
    !(300..400).contains(&status) && status != 403 && status != 405
}

/// The body as compared: JSON parsed (then written compact, keys sorted),
/// HTML with its whitespace normalized; timestamps masked in all.
fn comparable_body(kind: &str, response: &Response) -> String {
    let text = &response.text;
    let comparable = match kind {
        "application/json" => match serde_json::from_str::<Value>(text) {
            Ok(value) => value.to_string(),
            Err(e) => format!("(not JSON: {e}) {text}"),
        },
        "text/html" => {
            let collapsed = text.split_ascii_whitespace().collect::<Vec<_>>().join(" ");
            collapsed.replace("> ", ">").replace(" <", "<")
        }
        _ => text.clone(),
    };
    mask_timestamps(&comparable)
}

/// `text` with every `YYYY-MM-DD HH:MM:SS` replaced by `TIMESTAMP_MASK`.
fn mask_timestamps(text: &str) -> String {
    let is_timestamp = |window: &[u8]| {
        let mut pairs = window.iter().zip(TIMESTAMP_SHAPE);
        pairs.all(|(&byte, &shape)| byte == shape || (shape == b'0' && byte.is_ascii_digit()))
    };
    let (mut masked, mut at) = (String::new(), 0);
    let width = TIMESTAMP_SHAPE.len();
    while let Some(offset) = text.as_bytes()[at..].windows(width).position(is_timestamp) {
        masked += &text[at..at + offset];
        masked += TIMESTAMP_MASK;
        at += offset + width;
    }
    masked + &text[at..]
}

/// Both texts from a little before the first place where they differ, clipped.
fn around_first_difference(a: &str, b: &str) -> (String, String) {
    let common = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    let mut start = common.saturating_sub(60);
    while !a.is_char_boundary(start) {
        start -= 1; // within the common prefix, so a boundary in `b` too
    }
    let elided = if start > 0 { "…" } else { "" };
    let show = |text: &str| format!("{elided}{}", clip(&text[start..]));
    (show(a), show(b))
}

/// `text` cut to `SHOWN_CHARS` characters.
fn clip(text: &str) -> String {
    match text.char_indices().nth(SHOWN_CHARS) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_string(),
    }
}

// The two apps ---------------------------------------------------------------

/// The Flask reference app, as a child process killed when dropped.
struct FlaskApp {
    child: Child,
    addr: SocketAddr,
    log: TempFile,
    _db: TempFile,
}

impl FlaskApp {
    /// Runs `python3 blog/flask/app.py` on a free port and waits until it listens.
    fn start() -> Self {
        require_flask();
        let free = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a free port");
        let addr = free.local_addr().expect("read the free port");
        drop(free);
        let (db, log) = (TempFile::new("flask.sqlite"), TempFile::new("flask.log"));
        let output = File::create(&log.0).expect("create the Flask log file");
        let child = Command::new("python3")
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("blog/flask/app.py"))
            .env("PORT", addr.port().to_string())
            .env("BLOG_DB", &db.0)
            .env("SECRET_KEY", "test")
            .stdin(Stdio::null())
            .stdout(output.try_clone().expect("share the Flask log file"))
            .stderr(output)
            .spawn()
            .expect("run python3 (install Python 3, then `pip install flask`)");
        let mut app = FlaskApp {
            child,
            addr,
            log,
            _db: db,
        };
        app.wait_until_listening();
        app
    }

    /// Polls the port until it accepts a connection; fails, showing the
    /// app's output, if the process exits first or `STARTUP_TIMEOUT` passes.
    fn wait_until_listening(&mut self) {
        let deadline = Instant::now() + STARTUP_TIMEOUT;
        loop {
            let exited = self.child.try_wait().expect("poll the Flask process");
            if let Some(status) = exited {
                let output = self.output();
                panic!("the Flask app exited ({status}) before listening:\n{output}");
            }
            let probe = Duration::from_millis(200);
            if StdTcpStream::connect_timeout(&self.addr, probe).is_ok() {
                return;
            }
            if Instant::now() > deadline {
                let (addr, output) = (self.addr, self.output());
                panic!("the Flask app did not listen on {addr} in {STARTUP_TIMEOUT:?}:\n{output}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// What the app has printed (stdout and stderr).
    fn output(&self) -> String {
        std::fs::read_to_string(&self.log.0).unwrap_or_else(|e| format!("(no output: {e})"))
    }
}

impl Drop for FlaskApp {
    fn drop(&mut self) {
        let _ = self.child.kill(); // an error only means it has already exited
        let _ = self.child.wait();
    }
}

/// Fails, saying what to install, unless `python3` can import Flask.
fn require_flask() {
    let mut import = Command::new("python3");
    match import.args(["-c", "import flask"]).output() {
        Err(e) => panic!("cannot run python3 ({e}): install Python 3, then `pip install flask`"),
        Ok(out) if !out.status.success() => panic!(
            "python3 cannot import Flask: run `pip install flask`\n{}",
            String::from_utf8_lossy(&out.stderr)
        ),
        Ok(_) => {}
    }
}

/// Serves the flaxum blog in this process, on a free loopback port.
async fn serve_flaxum(db: &Path) -> SocketAddr {
    let router = flaxum_examples::blog::router(db).expect("build the flaxum blog router");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await;
    let listener = listener.expect("bind a free loopback port");
    let addr = listener.local_addr().expect("read the flaxum port");
    let server = axum::serve(listener, router);
    tokio::spawn(async move { server.await.expect("serve the flaxum blog") });
    addr
}

/// A path in the temp dir unique to this run, removed (with SQLite's side
/// files) when dropped.
struct TempFile(PathBuf);

impl TempFile {
    fn new(suffix: &str) -> Self {
        let nanos = UNIX_EPOCH.elapsed().expect("clock after 1970").as_nanos();
        let name = format!("flaxum-blog-e2e-{}-{nanos}-{suffix}", std::process::id());
        TempFile(std::env::temp_dir().join(name))
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        for side in ["", "-journal", "-wal", "-shm"] {
            let mut path = self.0.clone().into_os_string();
            path.push(side);
            let _ = std::fs::remove_file(path); // most of them never exist
        }
    }
}

// A minimal HTTP/1.1 client --------------------------------------------------

/// One app, as seen by a browser that never follows redirects.
struct Client {
    app: &'static str,
    addr: SocketAddr,
    cookies: BTreeMap<String, String>,
}

impl Client {
    fn new(app: &'static str, addr: SocketAddr) -> Self {
        let cookies = BTreeMap::new();
        Client { app, addr, cookies }
    }

    /// Sends `step`'s request with the jar's cookies, then updates the jar.
    async fn send(&mut self, step: &Step) -> Response {
        let context = format!("{}: {} {}", self.app, step.method, step.path);
        let answer = tokio::time::timeout(REQUEST_TIMEOUT, self.exchange(step)).await;
        let raw = answer.unwrap_or_else(|_| panic!("{context}: no answer in {REQUEST_TIMEOUT:?}"));
        let raw = raw.unwrap_or_else(|e| panic!("{context}: {e}"));
        let response = Response::parse(&raw).unwrap_or_else(|e| panic!("{context}: {e}"));
        for (name, value) in &response.headers {
            if name.eq_ignore_ascii_case("set-cookie") {
                store_cookie(&mut self.cookies, value);
            }
        }
        response
    }

    /// Writes the request on a new connection and reads until the server closes.
    async fn exchange(&self, step: &Step) -> std::io::Result<Vec<u8>> {
        let mut stream = TcpStream::connect(self.addr).await?;
        stream.write_all(self.request(step).as_bytes()).await?;
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).await?;
        Ok(raw)
    }

    /// The request for `step`: its form or JSON body, if any, and the cookies.
    fn request(&self, step: &Step) -> String {
        let (content_type, body) = match (&step.form, &step.json) {
            (Some(form), _) => ("application/x-www-form-urlencoded", form_urlencode(form)),
            (None, Some(json)) => ("application/json", json.to_string()),
            (None, None) => ("", String::new()),
        };
        let mut head = format!("{} {} HTTP/1.1\r\n", step.method, step.path);
        head += &format!("Host: {}\r\nConnection: close\r\n", self.addr);
        if !self.cookies.is_empty() {
            let pairs = self.cookies.iter().map(|(k, v)| format!("{k}={v}"));
            head += &format!("Cookie: {}\r\n", pairs.collect::<Vec<_>>().join("; "));
        }
        if !content_type.is_empty() {
            head += &format!("Content-Type: {content_type}\r\n");
        }
        if step.method != "GET" {
            head += &format!("Content-Length: {}\r\n", body.len());
        }
        format!("{head}\r\n{body}")
    }
}

/// `fields` as an `application/x-www-form-urlencoded` body.
fn form_urlencode(fields: &BTreeMap<String, String>) -> String {
    let encode = |text: &str| -> String {
        let byte = |b: u8| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'*' => {
                char::from(b).to_string()
            }
            b' ' => "+".to_string(),
            _ => format!("%{b:02X}"),
        };
        text.bytes().map(byte).collect()
    };
    let pair = |(k, v): (&String, &String)| format!("{}={}", encode(k), encode(v));
    fields.iter().map(pair).collect::<Vec<_>>().join("&")
}

/// Keeps the cookie of a `Set-Cookie` value, or drops it if it has expired:
/// `Max-Age` zero or less, or (without `Max-Age`) an `Expires` in the past.
/// Parsed by the `cookie` crate, as flaxum's test client parses it.
fn store_cookie(jar: &mut BTreeMap<String, String>, set_cookie: &str) {
    let Ok(cookie) = cookie::Cookie::parse(set_cookie) else {
        return;
    };
    let expired = match (cookie.max_age(), cookie.expires_datetime()) {
        (Some(age), _) => age <= cookie::time::Duration::ZERO,
        (None, Some(time)) => time <= cookie::time::OffsetDateTime::now_utc(),
        (None, None) => false,
    };
    if expired {
        jar.remove(cookie.name());
    } else {
        jar.insert(cookie.name().to_string(), cookie.value().to_string());
    }
}

/// An HTTP response, its body decoded as UTF-8 (lossily).
struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    text: String,
}

impl Response {
    /// Parses a whole response, read up to the end of the connection.
    fn parse(raw: &[u8]) -> Result<Response, String> {
        let head_end = find(raw, b"\r\n\r\n").ok_or("no end of the headers")?;
        let head = String::from_utf8_lossy(&raw[..head_end]);
        let mut lines = head.split("\r\n");
        let status_line = lines.next().unwrap_or_default();
        let code = status_line.split(' ').nth(1).and_then(|c| c.parse().ok());
        let status = code.ok_or_else(|| format!("bad status line {status_line:?}"))?;
        let mut headers = Vec::new();
        for line in lines {
            let header = line.split_once(':');
            let (name, value) = header.ok_or_else(|| format!("bad header {line:?}"))?;
            headers.push((name.to_string(), value.trim().to_string()));
        }
        let text = String::new();
        let mut response = Response {
            status,
            headers,
            text,
        };
        let body = &raw[head_end + 4..];
        let coding = response.header("transfer-encoding").unwrap_or_default();
        response.text = match coding.eq_ignore_ascii_case("chunked") {
            true => String::from_utf8_lossy(&dechunk(body)?).into_owned(),
            false => String::from_utf8_lossy(body).into_owned(),
        };
        Ok(response)
    }

    /// The first header called `name` (case-insensitive).
    fn header(&self, name: &str) -> Option<&str> {
        let mut named = self
            .headers
            .iter()
            .filter(|h| h.0.eq_ignore_ascii_case(name));
        named.next().map(|(_, value)| value.as_str())
    }

    /// The `Location` reduced to its path and `?query` (as `urlsplit` does),
    /// or `(none)`.
    fn location(&self) -> String {
        let Some(location) = self.header("location") else {
            return "(none)".to_string();
        };
        let path = match location.split_once("//") {
            // `scheme://host/path` or `//host/path`
            Some((scheme, rest)) if !scheme.contains(['/', '?']) => {
                rest.find(['/', '?']).map_or("", |at| &rest[at..])
            }
            _ => location,
        };
        path.split('#').next().unwrap_or_default().to_string()
    }

    /// The media type of the `Content-Type`, lowercased, without parameters.
    fn media_type(&self) -> String {
        let content_type = self.header("content-type").unwrap_or("(none)");
        let media_type = content_type.split(';').next().unwrap_or_default();
        media_type.trim().to_ascii_lowercase()
    }
}

/// The payload of a `Transfer-Encoding: chunked` body.
fn dechunk(mut data: &[u8]) -> Result<Vec<u8>, String> {
    let mut body = Vec::new();
    loop {
        let line_end = find(data, b"\r\n").ok_or("no chunk size")?;
        let line = String::from_utf8_lossy(&data[..line_end]);
        let size = line.split(';').next().unwrap_or_default().trim();
        let size = usize::from_str_radix(size, 16).map_err(|e| format!("chunk size: {e}"))?;
        data = &data[line_end + 2..];
        if size == 0 {
            return Ok(body);
        }
        body.extend_from_slice(data.get(..size).ok_or("truncated chunk")?);
        data = data.get(size + 2..).ok_or("truncated chunk")?;
    }
}

/// Where `needle` first occurs in `haystack`.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    let mut windows = haystack.windows(needle.len());
    windows.position(|window| window == needle)
}
