//! End to end: the RealWorld port answers one scripted session as the
//! Flask reference backend does, but where `realworld/tests/session.json`
//! says otherwise and why.
//!
//! Starts the Flask app (`../shared/realworld/flask-app`, on SQLite) and
//! the port, each on its own loopback port with a fresh database, and
//! replays the session against both, each with its own tokens (a step's
//! `"as": "ada"` sends the token the app gave ada). Statuses and JSON
//! bodies are compared, after these, the same in every step:
//! - token values (each app signs its own) and `createdAt`/`updatedAt`
//!   values (each app's clock) are masked; an empty token is kept;
//! - the Flask app's `email` in profiles and article or comment authors is
//!   dropped: the spec's `Profile` has none, and anyone may read one, so
//!   the port does not show it;
//! - key order is not compared (Flask sorts keys).
//!
//! A step with `differs` states where the two answer otherwise (its
//! reason, and Flask's status in `flask_status` where that differs); the
//! test checks each app against its own status there and that the two do
//! differ, so a stale entry fails too. The list is printed at the end.
//!
//! Needs Python 3 with the packages of `flask-app/requirements-flask3.txt`
//! (`.ci/run` installs them in `target/realworld-flask-venv`, or set
//! `REALWORLD_FLASK_PYTHON`). Without them, or without the Flask app, the
//! test says so and passes, unless `REALWORLD_E2E_REQUIRED` is set (as in
//! CI).

use std::collections::BTreeMap;
use std::fs::File;
use std::net::{SocketAddr, TcpStream as StdTcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, UNIX_EPOCH};

use flaxum_examples::realworld::{create_app, Conduit, Settings};
use serde::Deserialize;
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// How long the Flask process may take to listen.
const STARTUP_TIMEOUT: Duration = Duration::from_secs(30);
/// How long one request may take (bcrypt at 13 rounds is slow).
const REQUEST_TIMEOUT: Duration = Duration::from_secs(20);
/// The modules the Flask app imports beyond Flask.
const FLASK_MODULES: &str = "flask, flask_apispec, flask_bcrypt, flask_caching, flask_cors, \
                             flask_jwt_extended, flask_migrate, flask_sqlalchemy, marshmallow, \
                             webargs, slugify";

#[tokio::test(flavor = "multi_thread")]
async fn the_port_replays_the_session_like_the_flask_app() {
    let Some((python, flask_dir)) = flask_side() else {
        return;
    };
    let steps = load_session();
    let flask = FlaskApp::start(&python, &flask_dir);
    let mut flask_client = Client::new("flask", flask.addr);
    let mut flaxum_client = Client::new("flaxum", serve_port().await);
    let (mut problems, mut differences) = (Vec::new(), Vec::new());
    for (number, step) in (1..).zip(&steps) {
        let flask_answer = flask_client.send(step).await;
        let flaxum_answer = flaxum_client.send(step).await;
        let found = check(step, &flask_answer, &flaxum_answer);
        let title = format!(
            "step {number} {:?} ({} {})",
            step.name, step.method, step.path
        );
        if !found.is_empty() {
            problems.push(format!("{title}\n  {}", found.join("\n  ")));
        }
        if let Some(reason) = &step.differs {
            differences.push(format!("{title}: {reason}"));
        }
    }
    let listed = differences.join("\n  ");
    eprintln!("Where the port answers otherwise than the Flask app:\n  {listed}");
    assert!(
        problems.is_empty(),
        "{} of {} steps failed:\n\n{}\n\n(declared differences:\n  {listed})\n\nFlask's output:\n{}",
        problems.len(),
        steps.len(),
        problems.join("\n\n"),
        flask.output()
    );
}

// The session ---------------------------------------------------------------

/// One step of `session.json`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Step {
    name: String,
    method: String,
    path: String,
    /// Sends the token saved under this name.
    #[serde(rename = "as")]
    user: Option<String>,
    /// Sends this token as is.
    token: Option<String>,
    json: Option<Value>,
    /// Saves the answer's `user.token` under this name.
    save_token: Option<String>,
    expect_status: u16,
    /// The Flask app's status, where it differs.
    flask_status: Option<u16>,
    /// Why the two answers differ, if they do.
    differs: Option<String>,
}

fn load_session() -> Vec<Step> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("realworld/tests/session.json");
    let text = std::fs::read_to_string(path).expect("read realworld/tests/session.json");
    serde_json::from_str(&text).expect("parse realworld/tests/session.json")
}

/// What is wrong with the two answers to `step` (empty if nothing).
fn check(step: &Step, flask: &Answer, flaxum: &Answer) -> Vec<String> {
    let mut problems = Vec::new();
    let flask_expected = step.flask_status.unwrap_or(step.expect_status);
    if step.flask_status.is_some() && step.differs.is_none() {
        problems.push("flask_status is set but `differs` does not say why".to_owned());
    }
    if flaxum.status != step.expect_status {
        let (got, body) = (flaxum.status, clip(&flaxum.text));
        problems.push(format!(
            "flaxum: status {got}, expected {}: {body}",
            step.expect_status
        ));
    }
    if flask.status != flask_expected {
        let (got, body) = (flask.status, clip(&flask.text));
        problems.push(format!(
            "flask: status {got}, expected {flask_expected}: {body}"
        ));
    }
    let (a, b) = (comparable(flask), comparable(flaxum));
    let same = flask.status == flaxum.status && a == b;
    match (&step.differs, same) {
        (None, false) => problems.push(format!(
            "the apps differ:\n    flask:  {} {}\n    flaxum: {} {}",
            flask.status,
            clip(&a),
            flaxum.status,
            clip(&b)
        )),
        (Some(_), true) => problems.push(format!(
            "declared to differ, but both answer {} {}",
            flaxum.status,
            clip(&b)
        )),
        _ => {}
    }
    problems
}

/// The body as compared: JSON with tokens and timestamps masked and the
/// Flask app's profile emails dropped, written with sorted keys; other
/// bodies as text.
fn comparable(answer: &Answer) -> String {
    match serde_json::from_str::<Value>(&answer.text) {
        Ok(mut value) => {
            normalize(&mut value, None);
            value.to_string() // serde_json's maps are sorted
        }
        Err(_) => answer.text.clone(),
    }
}

/// Masks tokens and timestamps under `value`, and drops `email` from the
/// objects under a `profile` or `author` key.
fn normalize(value: &mut Value, key: Option<&str>) {
    match value {
        Value::Object(map) => {
            if matches!(key, Some("profile" | "author")) {
                map.remove("email");
            }
            for (k, v) in map.iter_mut() {
                match (k.as_str(), &*v) {
                    ("token", Value::String(s)) if !s.is_empty() => *v = "<token>".into(),
                    ("createdAt" | "updatedAt", Value::String(_)) => *v = "<timestamp>".into(),
                    _ => normalize(v, Some(k)),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| normalize(v, key)),
        _ => {}
    }
}

/// `text` cut to 300 characters.
fn clip(text: &str) -> String {
    match text.char_indices().nth(300) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

// The two apps ---------------------------------------------------------------

/// Whether this run requires the Flask side rather than skipping it.
fn required() -> bool {
    std::env::var_os("REALWORLD_E2E_REQUIRED").is_some_and(|v| !v.is_empty())
}

/// Skips the test (prints why), or fails it when it is required.
fn skip(why: &str) -> Option<(PathBuf, PathBuf)> {
    assert!(!required(), "REALWORLD_E2E_REQUIRED is set, but {why}");
    eprintln!("realworld_e2e skipped: {why}");
    None
}

/// The Python to run the Flask app with, and the app's folder; `None`
/// (after saying why) when either is missing.
fn flask_side() -> Option<(PathBuf, PathBuf)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let suite = std::env::var_os("REALWORLD_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared/realworld"));
    let flask_dir = suite.join("flask-app");
    if !flask_dir.join("autoapp.py").is_file() {
        let shown = flask_dir.display();
        return skip(&format!(
            "no Flask reference app at {shown} (set REALWORLD_DIR)"
        ));
    }
    let venv = root.join("target/realworld-flask-venv/bin/python");
    let python = match std::env::var_os("REALWORLD_FLASK_PYTHON") {
        Some(p) => PathBuf::from(p),
        None if venv.is_file() => venv,
        None => PathBuf::from("python3"),
    };
    let import = Command::new(&python)
        .args(["-c", &format!("import {FLASK_MODULES}")])
        .output();
    match import {
        Ok(out) if out.status.success() => Some((python, flask_dir)),
        Ok(out) => skip(&format!(
            "{} cannot import the Flask app's packages (pip install -r {}): {}",
            python.display(),
            flask_dir.join("requirements-flask3.txt").display(),
            String::from_utf8_lossy(&out.stderr)
                .lines()
                .last()
                .unwrap_or_default()
        )),
        Err(e) => skip(&format!("cannot run {}: {e}", python.display())),
    }
}

/// The Flask app, as a child process killed when dropped.
struct FlaskApp {
    child: Child,
    addr: SocketAddr,
    dir: TempDir,
}

impl FlaskApp {
    /// Creates its tables and serves it on a free port (Flask's own
    /// server, as SOURCE.md runs it), and waits until it listens.
    fn start(python: &Path, flask_dir: &Path) -> Self {
        let free = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a free port");
        let addr = free.local_addr().expect("read the free port");
        drop(free);
        let dir = TempDir::new("flask");
        let log = File::create(dir.0.join("flask.log")).expect("create the Flask log");
        let script = format!(
            "from autoapp import app\n\
             from conduit.extensions import db\n\
             with app.app_context():\n    db.create_all()\n\
             app.run(host='127.0.0.1', port={})\n",
            addr.port()
        );
        let child = Command::new(python)
            .args(["-c", &script])
            .current_dir(flask_dir)
            .env(
                "DATABASE_URL",
                format!("sqlite:///{}", dir.0.join("flask.db").display()),
            )
            .env(
                "CONDUIT_SECRET",
                "a key for this test only, thirty-two bytes",
            )
            .env("PYTHONDONTWRITEBYTECODE", "1")
            .env_remove("FLASK_DEBUG")
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("share the Flask log"))
            .stderr(log)
            .spawn()
            .expect("run the Flask app");
        let mut app = FlaskApp { child, addr, dir };
        app.wait_until_listening();
        app
    }

    fn wait_until_listening(&mut self) {
        let deadline = Instant::now() + STARTUP_TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().expect("poll the Flask app") {
                panic!("the Flask app exited ({status}):\n{}", self.output());
            }
            if StdTcpStream::connect_timeout(&self.addr, Duration::from_millis(200)).is_ok() {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "the Flask app did not listen:\n{}",
                self.output()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The last lines the app printed (tracebacks of its 500s included).
    fn output(&self) -> String {
        let log = std::fs::read_to_string(self.dir.0.join("flask.log")).unwrap_or_default();
        let lines = log.lines().collect::<Vec<_>>();
        lines[lines.len().saturating_sub(40)..].join("\n")
    }
}

impl Drop for FlaskApp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Serves the port in this process on a free loopback port, on an
/// in-memory database.
async fn serve_port() -> SocketAddr {
    let conduit = Conduit::open(&Settings::new("sqlite::memory:")).await;
    let router = create_app(conduit.expect("open the database")).into_router();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await;
    let listener = listener.expect("bind a free port");
    let addr = listener.local_addr().expect("read the port");
    tokio::spawn(async move { axum::serve(listener, router).await.expect("serve the port") });
    addr
}

/// A folder in the temp dir, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(what: &str) -> Self {
        let nanos = UNIX_EPOCH.elapsed().expect("after 1970").as_nanos();
        let name = format!("flaxum-realworld-e2e-{}-{nanos}-{what}", std::process::id());
        let path = std::env::temp_dir().join(name);
        std::fs::create_dir_all(&path).expect("create a temp dir");
        TempDir(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

// A minimal HTTP/1.1 client --------------------------------------------------

/// One app's side of the session: its address and the tokens it gave.
struct Client {
    app: &'static str,
    addr: SocketAddr,
    tokens: BTreeMap<String, String>,
}

/// A response: its status and body.
struct Answer {
    status: u16,
    text: String,
}

impl Client {
    fn new(app: &'static str, addr: SocketAddr) -> Self {
        Client {
            app,
            addr,
            tokens: BTreeMap::new(),
        }
    }

    /// Sends `step`, and keeps the token of its answer if it says to.
    async fn send(&mut self, step: &Step) -> Answer {
        let context = format!("{}: {} {}", self.app, step.method, step.path);
        let exchange = tokio::time::timeout(REQUEST_TIMEOUT, self.exchange(step)).await;
        let raw =
            exchange.unwrap_or_else(|_| panic!("{context}: no answer in {REQUEST_TIMEOUT:?}"));
        let raw = raw.unwrap_or_else(|e| panic!("{context}: {e}"));
        let answer = parse(&raw).unwrap_or_else(|e| panic!("{context}: {e}"));
        if let Some(name) = &step.save_token {
            let token = serde_json::from_str::<Value>(&answer.text).ok();
            let token = token.and_then(|v| v["user"]["token"].as_str().map(str::to_owned));
            if let Some(token) = token {
                self.tokens.insert(name.clone(), token);
            }
        }
        answer
    }

    /// Writes the request on a new connection and reads until it closes.
    async fn exchange(&self, step: &Step) -> std::io::Result<Vec<u8>> {
        let token = match (&step.user, &step.token) {
            (Some(user), _) => self.tokens.get(user).cloned(),
            (None, token) => token.clone(),
        };
        let body = step.json.as_ref().map(Value::to_string).unwrap_or_default();
        let mut head = format!(
            "{} {} HTTP/1.1\r\nHost: {}\r\n",
            step.method, step.path, self.addr
        );
        head += "Connection: close\r\n";
        if let Some(token) = token {
            head += &format!("Authorization: Token {token}\r\n");
        }
        if step.json.is_some() {
            head += "Content-Type: application/json\r\n";
        }
        head += &format!("Content-Length: {}\r\n\r\n", body.len());
        let mut stream = TcpStream::connect(self.addr).await?;
        stream.write_all(format!("{head}{body}").as_bytes()).await?;
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).await?;
        Ok(raw)
    }
}

/// The status and body of a whole response (not chunked: both servers
/// send a length, or close).
fn parse(raw: &[u8]) -> Result<Answer, String> {
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or("no end of the headers")?;
    let head = String::from_utf8_lossy(&raw[..end]);
    let status_line = head.lines().next().unwrap_or_default();
    let status = status_line.split(' ').nth(1).and_then(|c| c.parse().ok());
    let status = status.ok_or_else(|| format!("bad status line {status_line:?}"))?;
    let chunked = head.lines().any(|l| {
        let l = l.to_ascii_lowercase();
        l.starts_with("transfer-encoding:") && l.contains("chunked")
    });
    if chunked {
        return Err("a chunked body, which this client does not read".to_owned());
    }
    let text = String::from_utf8_lossy(&raw[end + 4..]).into_owned();
    Ok(Answer { status, text })
}
