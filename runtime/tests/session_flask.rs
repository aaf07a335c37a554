//! Differential test of the session and of message flashing: the same app
//! in Flask 3 (the script below, through its test client) and in flaxum
//! (`Session`, `flash`, through `flaxum::test::Client`), on the same
//! scripted requests, each client keeping its own cookies. Every step has
//! its expected answer: the body, and what the response did with the
//! `session` cookie (nothing, set it for the browser's session, set it for
//! 31 days, or deleted it), its attributes and `Vary: Cookie`. Both apps
//! must meet every expectation, so they also agree with each other.
//!
//! The cookies' values differ by design (flaxum's format is its own), so
//! they are not compared; the tampering steps change a character of
//! whatever value each app sent.
//!
//! Needs `python3` with Flask 3 (`pip install flask`); without it only the
//! flaxum side is checked, and the test says so.

mod flask;

use axum::response::{IntoResponse, Response};
use flaxum::session::{
    flash, flash_with, get_flashed_messages, get_flashed_messages_filtered,
    get_flashed_messages_with_categories, SecretKey, Session, SessionLayer,
};
use flaxum::templates::{context, Templates};
use flaxum::test::Client;
use flaxum::{get, render_template, routes, App, AppService};
use http::header::{SET_COOKIE, VARY};

/// The Flask app, the same as the flaxum one below. It reads the steps as
/// JSON on stdin and writes, for each, the status, body, `Set-Cookie`
/// values and `Vary`.
const FLASK_APP: &str = r##"
import json, sys
from flask import (Flask, flash, get_flashed_messages, render_template_string,
                   session)

app = Flask(__name__)
app.secret_key = "a test secret of thirty-two bytes!"
app.config["SESSION_COOKIE_SAMESITE"] = "Lax"

TEMPLATE = (
    "{% for c, m in get_flashed_messages(with_categories=true) %}[{{ c }}:{{ m }}]{% endfor %}"
    "|{{ get_flashed_messages()|join(',') }}"
    "|{{ get_flashed_messages(category_filter=['error'])|join(',') }}"
)

def show(value):
    return "(none)" if value is None else str(value)

@app.get("/noop")
def noop(): return "noop"

@app.get("/set/<key>/<value>")
def set_(key, value):
    session[key] = value
    return "ok"

@app.get("/get/<key>")
def get(key): return show(session.get(key))

@app.get("/pop/<key>")
def pop(key): return show(session.pop(key, None))

@app.get("/remove/<key>")
def remove(key):
    was = key in session
    session.pop(key, None)
    return "yes" if was else "no"

@app.get("/contains/<key>")
def contains(key): return "yes" if key in session else "no"

@app.get("/clear")
def clear():
    session.clear()
    return "cleared"

@app.get("/permanent/<on>")
def permanent(on):
    session.permanent = on == "on"
    return "ok"

@app.get("/is_permanent")
def is_permanent(): return "yes" if session.permanent else "no"

@app.get("/flash/<message>")
def flash_message(message):
    flash(message)
    return "flashed"

@app.get("/flash/<category>/<message>")
def flash_category(category, message):
    flash(message, category)
    return "flashed"

@app.get("/messages")
def messages(): return "|".join(get_flashed_messages())

@app.get("/messages/twice")
def messages_twice():
    return "|".join(get_flashed_messages()) + "#" + "|".join(get_flashed_messages())

@app.get("/messages/categories")
def messages_categories():
    return "|".join(c + ":" + m for c, m in get_flashed_messages(with_categories=True))

@app.get("/messages/filter/<category>")
def messages_filter(category):
    got = get_flashed_messages(with_categories=True, category_filter=[category])
    return "|".join(c + ":" + m for c, m in got)

@app.get("/read_then_flash/<message>")
def read_then_flash(message):
    read = "|".join(get_flashed_messages())
    flash(message)
    return read

@app.get("/template")
def template(): return render_template_string(TEMPLATE)

def tamper(value):
    i = len(value) // 2
    return value[:i] + ("B" if value[i] == "A" else "A") + value[i + 1:]

client = app.test_client()
out = []
for step in json.load(sys.stdin):
    if step == "tamper":
        client.set_cookie("session", tamper(client.get_cookie("session").value))
        out.append(None)
        continue
    if step == "garbage":
        client.set_cookie("session", "garbage")
        out.append(None)
        continue
    r = client.get(step)
    out.append({
        "status": r.status_code,
        "body": r.get_data(as_text=True),
        "set_cookie": r.headers.getlist("Set-Cookie"),
        "vary": r.headers.get("Vary"),
    })
json.dump(out, sys.stdout)
"##;

/// The template of `/template`, the Flask app's `TEMPLATE`.
const TEMPLATE: &str =
    "{% for c, m in get_flashed_messages(with_categories=true) %}[{{ c }}:{{ m }}]{% endfor %}\
    |{{ get_flashed_messages()|join(',') }}\
    |{{ get_flashed_messages(category_filter=['error'])|join(',') }}";

fn show(value: Option<String>) -> String {
    value.unwrap_or_else(|| "(none)".to_owned())
}

#[get("/noop")]
async fn noop() -> &'static str {
    "noop"
}

#[get("/set/<key>/<value>")]
async fn set(key: String, value: String, session: Session) -> &'static str {
    session.set(key, value);
    "ok"
}

#[get("/get/<key>")]
async fn read(key: String, session: Session) -> String {
    show(session.get(&key))
}

#[get("/pop/<key>")]
async fn pop(key: String, session: Session) -> String {
    show(session.pop(&key))
}

#[get("/remove/<key>")]
async fn remove(key: String, session: Session) -> &'static str {
    if session.remove(&key) {
        "yes"
    } else {
        "no"
    }
}

#[get("/contains/<key>")]
async fn contains(key: String, session: Session) -> &'static str {
    if session.contains(&key) {
        "yes"
    } else {
        "no"
    }
}

#[get("/clear")]
async fn clear(session: Session) -> &'static str {
    session.clear();
    "cleared"
}

#[get("/permanent/<on>")]
async fn permanent(on: String, session: Session) -> &'static str {
    session.set_permanent(on == "on");
    "ok"
}

#[get("/is_permanent")]
async fn is_permanent(session: Session) -> &'static str {
    if session.permanent() {
        "yes"
    } else {
        "no"
    }
}

#[get("/flash/<message>")]
async fn flash_message(message: String, session: Session) -> &'static str {
    flash(&session, message);
    "flashed"
}

#[get("/flash/<category>/<message>")]
async fn flash_category(category: String, message: String, session: Session) -> &'static str {
    flash_with(&session, category, message);
    "flashed"
}

#[get("/messages")]
async fn messages(session: Session) -> String {
    get_flashed_messages(&session).join("|")
}

#[get("/messages/twice")]
async fn messages_twice(session: Session) -> String {
    let first = get_flashed_messages(&session).join("|");
    let second = get_flashed_messages(&session).join("|");
    format!("{first}#{second}")
}

fn pairs(list: Vec<(String, String)>) -> String {
    let shown: Vec<String> = list.into_iter().map(|(c, m)| format!("{c}:{m}")).collect();
    shown.join("|")
}

#[get("/messages/categories")]
async fn messages_categories(session: Session) -> String {
    pairs(get_flashed_messages_with_categories(&session))
}

#[get("/messages/filter/<category>")]
async fn messages_filter(category: String, session: Session) -> String {
    pairs(get_flashed_messages_filtered(&session, &[&category]))
}

#[get("/read_then_flash/<message>")]
async fn read_then_flash(message: String, session: Session) -> String {
    let read = get_flashed_messages(&session).join("|");
    flash(&session, message);
    read
}

#[get("/template")]
async fn template() -> Response {
    render_template("flashes.txt", context! {}).into_response()
}

fn key() -> SecretKey {
    SecretKey::new("a test secret of thirty-two bytes!").expect("a long enough secret")
}

fn app(layer: SessionLayer) -> App<impl AppService> {
    App::new(routes![
        noop,
        set,
        read,
        pop,
        remove,
        contains,
        clear,
        permanent,
        is_permanent,
        flash_message,
        flash_category,
        messages,
        messages_twice,
        messages_categories,
        messages_filter,
        read_then_flash,
        template
    ])
    .layer(layer)
}

/// Makes the templates of `/template` the ones `render_template` uses.
fn init_templates() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let dir = std::env::temp_dir().join(format!("flaxum-session-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a template folder");
        std::fs::write(dir.join("flashes.txt"), TEMPLATE).expect("the template");
        flaxum::templates::init(Templates::new(&dir));
    });
}

/// What a response did with the `session` cookie.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cookie {
    /// No `Set-Cookie: session=…`.
    Kept,
    /// Set until the browser closes (no `Expires`, no `Max-Age`).
    Browser,
    /// Set for the permanent lifetime, 31 days.
    Days31,
    /// Deleted: empty, expired.
    Deleted,
}

use Cookie::{Browser, Days31, Deleted, Kept};

/// One step: a `GET` of a path, expecting a body, what happened to the
/// cookie and whether `Vary: Cookie` was sent; or a change to the client's
/// cookie (`"tamper"`, `"garbage"`), with no request.
struct Step(&'static str, &'static str, Cookie, bool);

const TAMPER: Step = Step("tamper", "", Kept, false);
const GARBAGE: Step = Step("garbage", "", Kept, false);

#[rustfmt::skip]
const STEPS: &[Step] = &[
    // An empty session: read, it stays without a cookie.
    Step("/get/a", "(none)", Kept, true),
    Step("/noop", "noop", Kept, false),
    Step("/contains/a", "no", Kept, true),
    // Set, read back; unchanged sessions are not sent again.
    Step("/set/a/1", "ok", Browser, true),
    Step("/get/a", "1", Kept, true),
    Step("/noop", "noop", Kept, false),
    Step("/contains/a", "yes", Kept, true),
    Step("/set/b/two", "ok", Browser, true),
    Step("/set/u/%C3%A9%22%3B%20x", "ok", Browser, true),
    Step("/get/u", "é\"; x", Kept, true),
    Step("/pop/a", "1", Browser, true),
    Step("/get/a", "(none)", Kept, true),
    Step("/pop/a", "(none)", Kept, true),
    Step("/remove/zz", "no", Kept, true),
    Step("/remove/u", "yes", Browser, true),
    // Permanent: 31 days, renewed on every response, read or not.
    Step("/is_permanent", "no", Kept, true),
    Step("/permanent/on", "ok", Days31, true),
    Step("/is_permanent", "yes", Days31, true),
    Step("/noop", "noop", Days31, true),
    Step("/get/b", "two", Days31, true),
    Step("/permanent/off", "ok", Browser, true),
    Step("/get/b", "two", Kept, true),
    // Clearing deletes the cookie, even when the session was empty.
    Step("/clear", "cleared", Deleted, true),
    Step("/get/b", "(none)", Kept, true),
    Step("/clear", "cleared", Deleted, true),
    // The flag is a value of the session: alone, it is sent.
    Step("/permanent/off", "ok", Browser, true),
    Step("/clear", "cleared", Deleted, true),
    // Flashing: in order, with categories, taken on the first read.
    Step("/flash/hello", "flashed", Browser, true),
    Step("/flash/error/bad", "flashed", Browser, true),
    Step("/flash/info/fyi", "flashed", Browser, true),
    Step("/messages/categories", "message:hello|error:bad|info:fyi", Deleted, true),
    Step("/messages", "", Kept, true),
    // A filter returns its categories and takes them all.
    Step("/flash/one", "flashed", Browser, true),
    Step("/flash/warning/two", "flashed", Browser, true),
    Step("/messages/filter/warning", "warning:two", Deleted, true),
    Step("/messages", "", Kept, true),
    // Read twice in a request: the same messages.
    Step("/flash/x", "flashed", Browser, true),
    Step("/messages/twice", "x#x", Deleted, true),
    // Flashed after the read: for the next request.
    Step("/flash/first", "flashed", Browser, true),
    Step("/read_then_flash/second", "first", Browser, true),
    Step("/messages", "second", Deleted, true),
    // Flashes beside other values: the session stays, without them.
    Step("/set/a/1", "ok", Browser, true),
    Step("/flash/kept", "flashed", Browser, true),
    Step("/messages", "kept", Browser, true),
    Step("/get/a", "1", Kept, true),
    Step("/clear", "cleared", Deleted, true),
    // In a template, with and without categories, and filtered.
    Step("/flash/a", "flashed", Browser, true),
    Step("/flash/error/b", "flashed", Browser, true),
    Step("/template", "[message:a][error:b]|a,b|b", Deleted, true),
    Step("/template", "||", Kept, true),
    // A tampered or foreign cookie reads as an empty session.
    Step("/set/a/1", "ok", Browser, true),
    TAMPER,
    Step("/get/a", "(none)", Kept, true),
    Step("/messages", "", Kept, true),
    Step("/set/a/2", "ok", Browser, true),
    Step("/get/a", "2", Kept, true),
    GARBAGE,
    Step("/get/a", "(none)", Kept, true),
    Step("/noop", "noop", Kept, false),
];

/// One app's answer to a step, as both sides report it.
#[derive(Debug, serde::Deserialize)]
struct Answer {
    status: u16,
    body: String,
    set_cookie: Vec<String>,
    vary: Option<String>,
}

/// What happened to the `session` cookie, with its attributes checked:
/// `HttpOnly`, `Path=/`, `SameSite=Lax`, no `Domain`, no `Secure`.
fn cookie_of(answer: &Answer) -> Result<Cookie, String> {
    let sessions: Vec<cookie::Cookie<'_>> = answer
        .set_cookie
        .iter()
        .filter_map(|v| cookie::Cookie::parse(v.as_str()).ok())
        .filter(|c| c.name() == "session")
        .collect();
    let c = match sessions.as_slice() {
        [] => return Ok(Kept),
        [c] => c,
        _ => {
            return Err(format!(
                "more than one session cookie: {:?}",
                answer.set_cookie
            ))
        }
    };
    let attributes = (
        c.http_only(),
        c.path(),
        c.same_site(),
        c.domain(),
        c.secure(),
    );
    if attributes
        != (
            Some(true),
            Some("/"),
            Some(cookie::SameSite::Lax),
            None,
            None,
        )
    {
        return Err(format!("attributes {attributes:?} in {c}"));
    }
    let now = cookie::time::OffsetDateTime::now_utc();
    let expired = c.max_age().is_some_and(|age| age.is_zero())
        || c.expires_datetime().is_some_and(|at| at <= now);
    if expired {
        return match c.value() {
            "" => Ok(Deleted),
            v => Err(format!("an expired cookie with a value {v:?}")),
        };
    }
    if c.value().is_empty() {
        return Err(format!("a live cookie with no value: {c}"));
    }
    let days = |d: cookie::time::Duration| (d.whole_seconds() as f64 / 86400.0).round() as i64;
    match (c.max_age(), c.expires_datetime()) {
        (None, None) => Ok(Browser),
        (age, at) => {
            let by_age = age.map(days);
            let by_date = at.map(|at| days(at - now));
            if by_age.unwrap_or(31) == 31 && by_date.unwrap_or(31) == 31 {
                Ok(Days31)
            } else {
                Err(format!(
                    "not 31 days: Max-Age {by_age:?}, Expires in {by_date:?} days"
                ))
            }
        }
    }
}

fn varies_by_cookie(answer: &Answer) -> bool {
    let vary = answer.vary.as_deref().unwrap_or_default();
    vary.split(',')
        .any(|v| v.trim().eq_ignore_ascii_case("cookie"))
}

/// The problems of `app`'s answers against the steps' expectations.
fn check(app: &str, answers: &[Option<Answer>]) -> Vec<String> {
    let mut problems = Vec::new();
    assert_eq!(answers.len(), STEPS.len(), "{app}: one answer per step");
    for (n, (step, answer)) in STEPS.iter().zip(answers).enumerate() {
        let Step(path, body, cookie, vary) = step;
        let Some(answer) = answer else {
            continue;
        };
        let mut wrong = Vec::new();
        if answer.status != 200 {
            wrong.push(format!("status {}", answer.status));
        }
        if answer.body != *body {
            wrong.push(format!("body {:?}, expected {body:?}", answer.body));
        }
        match cookie_of(answer) {
            Ok(got) if got == *cookie => {}
            Ok(got) => wrong.push(format!("cookie {got:?}, expected {cookie:?}")),
            Err(e) => wrong.push(e),
        }
        if varies_by_cookie(answer) != *vary {
            wrong.push(format!("Vary {:?}, expected Cookie: {vary}", answer.vary));
        }
        if !wrong.is_empty() {
            problems.push(format!("{app} step {} {path}: {}", n + 1, wrong.join("; ")));
        }
    }
    problems
}

/// Flask's answers, or `None` when Flask is not installed.
fn flask() -> Option<Vec<Option<Answer>>> {
    if !flask::installed() {
        return None;
    }
    let paths: Vec<&str> = STEPS.iter().map(|s| s.0).collect();
    Some(flask::run(&["-c", FLASK_APP], &[], &paths))
}

/// `value` with its middle character changed, as the Flask side does.
fn tamper(value: &str) -> String {
    let mut chars: Vec<char> = value.chars().collect();
    let i = chars.len() / 2;
    chars[i] = if chars[i] == 'A' { 'B' } else { 'A' };
    chars.into_iter().collect()
}

async fn flaxum() -> Vec<Option<Answer>> {
    init_templates();
    let client = Client::new(app(SessionLayer::new(key())));
    let mut out = Vec::new();
    for Step(path, ..) in STEPS {
        match *path {
            "tamper" => {
                let value = client
                    .cookie("session")
                    .expect("a session cookie to tamper");
                client.set_cookie("session", &tamper(&value));
                out.push(None);
            }
            "garbage" => {
                client.set_cookie("session", "garbage");
                out.push(None);
            }
            path => {
                let res = client.get(path).await;
                let all = |name| {
                    let values = res.headers().get_all(name).iter();
                    values.map(|v| v.to_str().expect("text").to_owned())
                };
                let vary: Vec<String> = all(VARY).collect();
                out.push(Some(Answer {
                    status: res.status().as_u16(),
                    body: res.text(),
                    set_cookie: all(SET_COOKIE).collect(),
                    vary: (!vary.is_empty()).then(|| vary.join(", ")),
                }));
            }
        }
    }
    out
}

#[tokio::test]
async fn sessions_and_flashes_behave_as_in_flask() {
    let ours = flaxum().await;
    let mut problems = check("flaxum", &ours);
    match flask() {
        Some(theirs) => problems.extend(check("flask", &theirs)),
        None => eprintln!(
            "note: session_flask compared flaxum with its expectations only: \
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

// flaxum's own choices, where Flask has none or another --------------------

#[tokio::test]
async fn a_cookie_over_the_size_limit_is_not_sent() {
    let client = Client::new(app(SessionLayer::new(key())));
    client.get("/set/a/small").await;
    let big = "x".repeat(4000);
    let res = client.get(format!("/set/a/{big}")).await;
    assert_eq!(res.text(), "ok");
    assert_eq!(res.header(SET_COOKIE), None, "a 5 KB cookie is not sent");
    assert_eq!(client.get("/get/a").await.text(), "small");
    // Under a lower limit, what fits still goes.
    let client = Client::new(app(SessionLayer::new(key()).max_cookie_size(200)));
    assert!(client.get("/set/a/1").await.header(SET_COOKIE).is_some());
    let res = client.get(format!("/set/a/{}", "y".repeat(150))).await;
    assert_eq!(res.header(SET_COOKIE), None);
    assert_eq!(client.get("/get/a").await.text(), "1");
}

#[tokio::test]
async fn a_cookie_signed_with_another_key_reads_as_empty() {
    let one = Client::new(app(SessionLayer::new(key())));
    one.get("/set/a/1").await;
    let cookie = one.cookie("session").expect("a session cookie");
    let other = Client::new(app(SessionLayer::new(SecretKey::random())));
    other.set_cookie("session", &cookie);
    assert_eq!(other.get("/get/a").await.text(), "(none)");
    let same = Client::new(app(SessionLayer::new(key())));
    same.set_cookie("session", &cookie);
    assert_eq!(
        same.get("/get/a").await.text(),
        "1",
        "the same key reads it"
    );
}

#[tokio::test]
async fn the_cookie_attributes_follow_the_layer() {
    let layer = SessionLayer::new(key())
        .cookie_name("sid")
        .secure(true)
        .same_site(flaxum::session::SameSite::Strict)
        .permanent_lifetime(std::time::Duration::from_secs(3600));
    let client = Client::new(app(layer));
    client.get("/permanent/on").await;
    let res = client.get("/set/a/1").await;
    let set = res.header(SET_COOKIE).expect("a cookie");
    let c = cookie::Cookie::parse(set).expect("a cookie");
    assert_eq!(c.name(), "sid");
    assert_eq!(c.secure(), Some(true));
    assert_eq!(c.same_site(), Some(cookie::SameSite::Strict));
    assert_eq!(c.max_age(), Some(cookie::time::Duration::seconds(3600)));
    assert!(c.expires_datetime().is_some(), "{set}");
    let no_refresh = Client::new(app(SessionLayer::new(key()).refresh_each_request(false)));
    no_refresh.get("/permanent/on").await;
    let res = no_refresh.get("/get/a").await;
    assert_eq!(res.header(SET_COOKIE), None, "not refreshed");
}

#[tokio::test]
async fn without_the_layer_a_session_argument_is_a_500() {
    let client = Client::new(App::new(routes![read]));
    let res = client.get("/get/a").await;
    assert_eq!(res.status(), 500);
}

// Config::from_prefixed_env, as Flask 3's app.config.from_prefixed_env() ---

/// Variables as `FLASK_…` would be set, and what Flask makes of them.
const VARS: &[(&str, &str)] = &[
    ("FLASK_SECRET_KEY", "a secret of at least thirty-two bytes"),
    ("FLASK_PERMANENT_SESSION_LIFETIME", "3600"),
    ("FLASK_SESSION_COOKIE_SECURE", "true"),
    ("FLASK_SESSION_COOKIE_SAMESITE", "Strict"),
    ("FLASK_SESSION_COOKIE_DOMAIN", "null"),
    ("FLASK_SESSION_COOKIE_NAME", "\"sid\""),
    ("FLASK_RATIO", "1.5"),
    ("FLASK_ZIP", "01"),
    ("FLASK_LIST", "[1, \"two\"]"),
    ("FLASK_DB__HOST", "localhost"),
    ("FLASK_DB__PORT", "5432"),
    ("OTHER_SECRET_KEY", "not ours"),
];

const FLASK_CONFIG: &str = r#"
import json, sys
from flask import Flask
app = Flask(__name__)
app.config.from_prefixed_env()
names = json.load(sys.stdin)
json.dump({n: app.config.get(n) for n in names}, sys.stdout)
"#;

#[test]
fn config_reads_the_environment_as_flask_does() {
    let config = flaxum::config::Config::from_prefixed_vars("FLASK", VARS.iter().copied());
    let names = [
        "SECRET_KEY",
        "PERMANENT_SESSION_LIFETIME",
        "SESSION_COOKIE_SECURE",
        "SESSION_COOKIE_SAMESITE",
        "SESSION_COOKIE_DOMAIN",
        "SESSION_COOKIE_NAME",
        "RATIO",
        "ZIP",
        "LIST",
        "DB",
    ];
    let ours: serde_json::Map<String, serde_json::Value> = names
        .iter()
        .map(|n| {
            let value = config.get_value(n).cloned().unwrap_or_default();
            (n.to_string(), value)
        })
        .collect();
    let expected = serde_json::json!({
        "SECRET_KEY": "a secret of at least thirty-two bytes",
        "PERMANENT_SESSION_LIFETIME": 3600,
        "SESSION_COOKIE_SECURE": true,
        "SESSION_COOKIE_SAMESITE": "Strict",
        "SESSION_COOKIE_DOMAIN": null,
        "SESSION_COOKIE_NAME": "sid",
        "RATIO": 1.5,
        "ZIP": "01",
        "LIST": [1, "two"],
        "DB": {"HOST": "localhost", "PORT": 5432},
    });
    assert_eq!(serde_json::Value::Object(ours.clone()), expected);
    assert!(config.session_layer().is_ok(), "the settings make a layer");

    if !flask::installed() {
        eprintln!("note: config compared with its expectations only: no Flask");
        return;
    }
    let theirs: serde_json::Value = flask::run(&["-c", FLASK_CONFIG], VARS, &names);
    assert_eq!(theirs, expected, "Flask's app.config");
}

#[tokio::test]
async fn a_template_asking_for_flashes_without_the_layer_fails_the_render() {
    init_templates();
    let client = Client::new(App::new(routes![template]));
    assert_eq!(client.get("/template").await.status(), 500);
}
