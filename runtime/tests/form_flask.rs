//! `flaxum::FormData` against Flask's `request.form` and `request.files`:
//! the same raw requests (content type and body bytes) through
//! `flaxum::test::Client` and through Flask 3's test client
//! (`tests/flask/form.py`). Each case pins what flaxum reads; when
//! `python3` with Flask is installed, Flask must read the same, except where
//! a case says that flaxum refuses a malformed multipart body: then the case
//! pins what Flask reads instead (mostly an empty form).
//!
//! The rest of the file tests what Flask cannot show: the body order of
//! the fields, the body limit (413, from the test client and from
//! `flaxum::Server`), and `axum::Form<T>` next to `FormData`.

mod flask;

use axum::extract::DefaultBodyLimit;
use axum::Json;
use flaxum::test::Client;
use flaxum::{post, routes, App, FormData, FormDataRejection};
use serde_json::{json, Value};

const URLENCODED: &str = "application/x-www-form-urlencoded";
const MULTIPART: &str = "multipart/form-data; boundary=XX";

/// The fields in Flask's order (names by first appearance, each with its
/// values) and the files grouped the same way, as `tests/flask/form.py`
/// writes them.
#[post("/f")]
async fn dump(form: FormData) -> Json<Value> {
    let fields: Vec<Value> = form.keys().map(|k| json!([k, form.get_all(k)])).collect();
    let mut names: Vec<&str> = Vec::new();
    for f in form.files() {
        if !names.contains(&f.name()) {
            names.push(f.name());
        }
    }
    let files: Vec<Value> = names
        .iter()
        .flat_map(|n| form.files().get_all(n))
        .map(|f| json!([f.name(), f.filename(), f.content_type(), hex(f.bytes())]))
        .collect();
    Json(json!({ "form": fields, "files": files }))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A multipart body of `parts` (each its headers, a blank line, its
/// contents) with boundary `XX`, closed when `close`.
fn multipart(parts: &[&[u8]], close: bool) -> Vec<u8> {
    let mut out = Vec::new();
    for part in parts {
        out.extend_from_slice(b"--XX\r\n");
        out.extend_from_slice(part);
        out.extend_from_slice(b"\r\n");
    }
    if close {
        out.extend_from_slice(b"--XX--\r\n");
    }
    out
}

/// What flaxum answers to a case.
enum Expect {
    /// 200 with this form, which Flask reads too.
    Reads(Value),
    /// This status with this body, where Flask reads a form: an empty one
    /// (`refuses`), losing what was sent, or this one.
    Refuses(u16, &'static str, Value),
}

struct Case {
    what: &'static str,
    content_type: Option<&'static str>,
    body: Vec<u8>,
    expect: Expect,
}

fn reads(form: Value) -> Expect {
    Expect::Reads(json!({ "form": form, "files": [] }))
}

/// Refused with 400 and `why`, where Flask reads an empty form.
fn refuses(why: &'static str) -> Expect {
    Expect::Refuses(400, why, json!({ "form": [], "files": [] }))
}

fn cases() -> Vec<Case> {
    let case = |what, content_type, body: &[u8], expect| Case {
        what,
        content_type,
        body: body.to_vec(),
        expect,
    };
    let u = Some(URLENCODED);
    let m = Some(MULTIPART);
    vec![
        case(
            "repeated names",
            u,
            b"a=1&b=2&a=3",
            reads(json!([["a", ["1", "3"]], ["b", ["2"]]])),
        ),
        case(
            "an escape that is not UTF-8 stays escaped",
            u,
            b"a=%FF",
            reads(json!([["a", ["%FF"]]])),
        ),
        case(
            "... in upper case, after what decodes",
            u,
            b"a=%ff&b=%C3%A9%fe%41",
            reads(json!([["a", ["%FF"]], ["b", ["é%FEA"]]])),
        ),
        case(
            "a surrogate, a sequence cut short",
            u,
            b"a=%ED%A0%80&b=%E2%82&c=%C3%A9%C3",
            reads(json!([["a", ["%ED%A0%80"]], ["b", ["%E2%82"]], ["c", ["é%C3"]]])),
        ),
        case(
            "a raw byte that is not UTF-8: no form at all",
            u,
            b"a=1&b=\xff",
            reads(json!([])),
        ),
        case(
            "raw UTF-8",
            u,
            b"a=\xc3\xa9",
            reads(json!([["a", ["é"]]])),
        ),
        case(
            "escapes that are not escapes",
            u,
            b"a=%zz&b=%&c=%4&d=%41",
            reads(json!([["a", ["%zz"]], ["b", ["%"]], ["c", ["%4"]], ["d", ["A"]]])),
        ),
        case(
            "+ and %20 are spaces, %2B is +",
            u,
            b"a+b=c+d&e=f%20g&h=%2B",
            reads(json!([["a b", ["c d"]], ["e", ["f g"]], ["h", ["+"]]])),
        ),
        case(
            "no =, empty value, empty name, empty pair, ; is no separator",
            u,
            b"a&b=&=c&&d=1=2;e=3",
            reads(json!([["a", [""]], ["b", [""]], ["", ["c"]], ["d", ["1=2;e=3"]]])),
        ),
        case("an empty body", u, b"", reads(json!([]))),
        case("no Content-Type", None, b"a=1", reads(json!([]))),
        case(
            "JSON",
            Some("application/json"),
            br#"{"a":"1"}"#,
            reads(json!([])),
        ),
        case("text", Some("text/plain"), b"a=1", reads(json!([]))),
        case(
            "the type in any case; its charset is ignored",
            Some("Application/X-WWW-Form-Urlencoded; charset=latin-1"),
            b"a=%E9&b=%C3%A9",
            reads(json!([["a", ["%E9"]], ["b", ["é"]]])),
        ),
        case(
            "url-encoded with charset=utf-8",
            Some("application/x-www-form-urlencoded;charset=utf-8"),
            b"a=1",
            reads(json!([["a", ["1"]]])),
        ),
        case(
            "multipart: repeated names, bad UTF-8 replaced",
            m,
            &multipart(
                &[
                    b"Content-Disposition: form-data; name=\"a\"\r\n\r\n1",
                    b"Content-Disposition: form-data; name=\"b\"\r\n\r\n\xff\xc3",
                    b"Content-Disposition: form-data; name=\"a\"\r\n\r\n2",
                ],
                true,
            ),
            reads(json!([["a", ["1", "2"]], ["b", ["\u{FFFD}\u{FFFD}"]]])),
        ),
        case(
            "multipart: each part's charset",
            m,
            &multipart(
                &[
                    b"Content-Disposition: form-data; name=\"latin\"\r\nContent-Type: text/plain; charset=iso-8859-1\r\n\r\n\xe9",
                    b"Content-Disposition: form-data; name=\"quoted\"\r\nContent-Type: text/plain; charset=\"ISO-8859-1\"\r\n\r\n\xe9",
                    b"Content-Disposition: form-data; name=\"ascii\"\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n\xe9x",
                    b"Content-Disposition: form-data; name=\"other\"\r\nContent-Type: text/plain; charset=windows-1252\r\n\r\n\x80\xc3\xa9",
                    b"Content-Disposition: form-data; name=\"utf8\"\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n\xc3\xa9",
                ],
                true,
            ),
            reads(json!([
                ["latin", ["é"]],
                ["quoted", ["é"]],
                ["ascii", ["\u{FFFD}x"]],
                ["other", ["\u{FFFD}é"]],
                ["utf8", ["é"]],
            ])),
        ),
        case(
            "multipart: files apart from the fields",
            m,
            &multipart(
                &[
                    b"Content-Disposition: form-data; name=\"doc\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nhello\xff",
                    b"Content-Disposition: form-data; name=\"title\"\r\n\r\nmy doc",
                    b"Content-Disposition: form-data; name=\"empty\"; filename=\"\"\r\nContent-Type: application/octet-stream\r\n\r\n",
                    b"Content-Disposition: form-data; name=\"doc\"; filename=\"b.bin\"\r\n\r\n\x00\x01",
                ],
                true,
            ),
            Expect::Reads(json!({
                "form": [["title", ["my doc"]]],
                "files": [
                    ["doc", "a.txt", "text/plain", "68656c6c6fff"],
                    ["doc", "b.bin", null, "0001"],
                    ["empty", "", "application/octet-stream", ""],
                ],
            })),
        ),
        case(
            "multipart: UTF-8 names, values over several lines",
            m,
            &multipart(
                &[
                    "Content-Disposition: form-data; name=\"café\"\r\n\r\nline 1\r\nline 2\r\n".as_bytes(),
                    b"Content-Disposition: form-data; name=\"dashes\"\r\n\r\n--X --XY",
                ],
                true,
            ),
            reads(json!([["café", ["line 1\r\nline 2\r\n"]], ["dashes", ["--X --XY"]]])),
        ),
        case(
            "multipart: a preamble and an epilogue",
            m,
            &[
                b"preamble\r\n".as_slice(),
                &multipart(&[b"Content-Disposition: form-data; name=\"a\"\r\n\r\n1"], true),
                b"epilogue",
            ]
            .concat(),
            reads(json!([["a", ["1"]]])),
        ),
        case(
            "multipart: a quoted boundary",
            Some("multipart/form-data; boundary=\"XX\""),
            &multipart(&[b"Content-Disposition: form-data; name=\"a\"\r\n\r\n1"], true),
            reads(json!([["a", ["1"]]])),
        ),
        case(
            "multipart: header parameters as Werkzeug reads them",
            m,
            &multipart(
                &[
                    b"content-disposition: form-data; NAME=\"upper\"\r\n\r\n1",
                    b"Content-Disposition: form-data; name=unquoted\r\n\r\n2",
                    b"Content-Disposition: form-data; name=\"a\\\"b%22c\"\r\n\r\n3",
                    b"Content-Disposition: form-data; name=\"n\"\r\nContent-Type: garbage; charset=ISO-8859-1\r\n\r\n\xe9",
                ],
                true,
            ),
            reads(json!([["upper", ["1"]], ["unquoted", ["2"]], ["a\"b\"c", ["3"]], ["n", ["é"]]])),
        ),
        case(
            "multipart: RFC 2231 and Windows file names",
            m,
            &multipart(
                &[
                    b"Content-Disposition: form-data; name=\"f\"; filename*=UTF-8''%E2%82%AC.txt\r\n\r\nx",
                    b"Content-Disposition: form-data; name=\"f\"; filename=\"C:\\dir\\a.txt\"\r\n\r\ny",
                ],
                true,
            ),
            Expect::Reads(json!({
                "form": [],
                "files": [["f", "€.txt", null, "78"], ["f", "C:\\dir\\a.txt", null, "79"]],
            })),
        ),
        case(
            "multipart: boundaries with trailing spaces, in a type of any case",
            Some("Multipart/Form-Data; boundary=XX"),
            b"--XX  \r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XX--",
            reads(json!([["a", ["1"]]])),
        ),
        case("multipart: an empty body", m, b"", reads(json!([]))),
        case(
            "multipart: no part at all",
            m,
            b"--XX--\r\n",
            reads(json!([])),
        ),
        case(
            "multipart: cut short",
            m,
            &multipart(&[b"Content-Disposition: form-data; name=\"a\"\r\n\r\n1"], false),
            refuses("malformed multipart/form-data body: field \"a\" received with incomplete data"),
        ),
        case(
            "multipart: no boundary",
            Some("multipart/form-data"),
            &multipart(&[b"Content-Disposition: form-data; name=\"a\"\r\n\r\n1"], true),
            refuses("malformed multipart/form-data body: no boundary in the Content-Type"),
        ),
        case(
            "multipart: not multipart at all",
            m,
            b"a=1",
            refuses("malformed multipart/form-data body: incomplete multipart stream"),
        ),
        case(
            "multipart: a part without Content-Disposition",
            m,
            &multipart(&[b"Content-Type: text/plain\r\n\r\n1"], true),
            refuses("malformed multipart/form-data body: a part has no Content-Disposition"),
        ),
        case(
            "multipart: lines that end in a bare LF",
            m,
            b"--XX\nContent-Disposition: form-data; name=\"a\"\n\n1\n--XX--\n",
            Expect::Refuses(
                400,
                "malformed multipart/form-data body: incomplete multipart stream",
                json!({ "form": [["a", ["1"]]], "files": [] }),
            ),
        ),
    ]
}

async fn flaxum(cases: &[Case]) -> Vec<(u16, String)> {
    let client = Client::new(App::new(routes![dump]));
    let mut out = Vec::new();
    for case in cases {
        let mut req = client.post("/f").body(&case.body);
        if let Some(ct) = case.content_type {
            req = req.header("content-type", ct);
        }
        let res = req.await;
        out.push((res.status().as_u16(), res.text()));
    }
    out
}

/// Flask's answers, or `None` when `python3` cannot import Flask.
fn flask(cases: &[Case]) -> Option<Vec<Value>> {
    if !flask::installed() {
        return None;
    }
    let input: Vec<Value> = cases
        .iter()
        .map(|c| json!([c.content_type, hex(&c.body)]))
        .collect();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/flask/form.py");
    Some(flask::run(&[script], &[], &input))
}

#[tokio::test]
async fn form_data_reads_what_flask_reads() {
    let cases = cases();
    let ours = flaxum(&cases).await;
    let mut wrong = Vec::new();
    for (case, (status, body)) in cases.iter().zip(&ours) {
        let ok = match &case.expect {
            Expect::Reads(form) => {
                *status == 200 && serde_json::from_str::<Value>(body).ok().as_ref() == Some(form)
            }
            Expect::Refuses(code, text, _) => status == code && body == text,
        };
        if !ok {
            wrong.push(format!("{}: flaxum answered {status} {body}", case.what));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));

    let Some(theirs) = flask(&cases) else {
        eprintln!("note: form_flask compared with the pinned answers only: `python3` with Flask is needed for Flask's (`pip install flask`)");
        return;
    };
    assert_eq!(theirs.len(), cases.len());
    let mut differ = Vec::new();
    for (case, flask) in cases.iter().zip(&theirs) {
        let expected = match &case.expect {
            Expect::Reads(form) | Expect::Refuses(_, _, form) => {
                let mut with_status = form.clone();
                with_status["status"] = json!(200);
                with_status
            }
        };
        if *flask != expected {
            differ.push(format!(
                "{}:\n  flask    {flask}\n  expected {expected}",
                case.what
            ));
        }
    }
    assert!(
        differ.is_empty(),
        "{} of {} cases: Flask reads otherwise:\n{}",
        differ.len(),
        cases.len(),
        differ.join("\n")
    );
}

#[post("/order")]
async fn order(form: FormData) -> String {
    let pairs: Vec<String> = form.iter().map(|(k, v)| format!("{k}={v}")).collect();
    format!(
        "{} fields, {} names: {} | missing: {:?} {} {}",
        form.len(),
        form.keys().count(),
        pairs.join(" "),
        form.get("missing"),
        form.get_or("missing", "default"),
        form.contains("missing"),
    )
}

#[tokio::test]
async fn fields_keep_the_order_of_the_body_and_a_missing_one_is_absent() {
    let client = Client::new(App::new(routes![order]));
    let res = client
        .post("/order")
        .header("content-type", URLENCODED)
        .body("b=1&a=2&b=3")
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.text(),
        "3 fields, 2 names: b=1 a=2 b=3 | missing: None default false"
    );
    let body = multipart(
        &[
            b"Content-Disposition: form-data; name=\"b\"\r\n\r\n1",
            b"Content-Disposition: form-data; name=\"f\"; filename=\"x\"\r\n\r\nfile",
            b"Content-Disposition: form-data; name=\"a\"\r\n\r\n2",
        ],
        true,
    );
    let res = client
        .post("/order")
        .header("content-type", MULTIPART)
        .body(body)
        .await;
    assert_eq!(
        res.text(),
        "2 fields, 2 names: b=1 a=2 | missing: None default false"
    );
    // A form built by the test client's own `.form(…)`.
    let res = client.post("/order").form(&[("x", "a b&c")]).await;
    assert_eq!(
        res.text(),
        "1 fields, 1 names: x=a b&c | missing: None default false"
    );
}

#[post("/count")]
async fn count(form: Result<FormData, FormDataRejection>) -> String {
    match form {
        Ok(form) => format!("{} fields {} files", form.len(), form.files().len()),
        Err(e) => format!("refused {}", e.status().as_u16()),
    }
}

#[tokio::test]
async fn bodies_over_the_default_limit_are_413() {
    let client = Client::new(App::new(routes![dump, count]));
    let big = format!("a={}", "x".repeat(3 << 20));
    let res = client
        .post("/f")
        .header("content-type", URLENCODED)
        .body(&big)
        .await;
    assert_eq!(
        (res.status().as_u16(), res.text()),
        (413, "the request body is too large".to_owned())
    );
    let part = format!(
        "Content-Disposition: form-data; name=\"f\"; filename=\"big\"\r\n\r\n{}",
        "x".repeat(3 << 20)
    );
    let res = client
        .post("/f")
        .header("content-type", MULTIPART)
        .body(multipart(&[part.as_bytes()], true))
        .await;
    assert_eq!(res.status(), 413);
    // Within the limit, a large file is read whole.
    let part = format!(
        "Content-Disposition: form-data; name=\"f\"; filename=\"big\"\r\n\r\n{}",
        "x".repeat(1 << 20)
    );
    let res = client
        .post("/count")
        .header("content-type", MULTIPART)
        .body(multipart(&[part.as_bytes()], true))
        .await;
    assert_eq!(res.text(), "0 fields 1 files");
}

#[tokio::test]
async fn a_default_body_limit_layer_sets_the_limit() {
    let app = App::new(routes![count]).layer(DefaultBodyLimit::max(64));
    let client = Client::new(app);
    let small = "a=1&b=2";
    let res = client
        .post("/count")
        .header("content-type", URLENCODED)
        .body(small)
        .await;
    assert_eq!(res.text(), "2 fields 0 files");
    let res = client
        .post("/count")
        .header("content-type", URLENCODED)
        .body("a=".to_owned() + &"x".repeat(100))
        .await;
    assert_eq!(res.text(), "refused 413");
    let part = format!(
        "Content-Disposition: form-data; name=\"a\"\r\n\r\n{}",
        "x".repeat(100)
    );
    let res = client
        .post("/count")
        .header("content-type", MULTIPART)
        .body(multipart(&[part.as_bytes()], true))
        .await;
    assert_eq!(res.text(), "refused 413");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_servers_limit_gives_413_for_streamed_forms_too() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (_stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = flaxum::Server::new().body_limit(1024);
    tokio::spawn(
        server.serve_listener(listener, App::new(routes![count]), async {
            let _ = stopped.await;
        }),
    );
    let send = |content_type: &'static str, body: Vec<u8>| async move {
        // Chunked: no Content-Length for the server to refuse up front.
        let mut raw = format!(
            "POST /count HTTP/1.1\r\nHost: x\r\nContent-Type: {content_type}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n{:x}\r\n",
            body.len()
        )
        .into_bytes();
        raw.extend_from_slice(&body);
        raw.extend_from_slice(b"\r\n0\r\n\r\n");
        let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
        s.write_all(&raw).await.unwrap();
        let mut answer = Vec::new();
        let _ = s.read_to_end(&mut answer).await;
        let answer = String::from_utf8_lossy(&answer).into_owned();
        let status = answer.get(9..12).unwrap_or_default().to_owned();
        let body = answer
            .split("\r\n\r\n")
            .nth(1)
            .unwrap_or_default()
            .to_owned();
        (status, body)
    };
    let (status, body) = send(URLENCODED, b"a=1".to_vec()).await;
    assert_eq!(
        (status.as_str(), body.as_str()),
        ("200", "1 fields 0 files")
    );
    let big = format!("a={}", "x".repeat(4096)).into_bytes();
    let (status, body) = send(URLENCODED, big).await;
    assert_eq!((status.as_str(), body.as_str()), ("200", "refused 413"));
    let part = format!(
        "Content-Disposition: form-data; name=\"a\"\r\n\r\n{}",
        "x".repeat(4096)
    );
    let (status, body) = send(MULTIPART, multipart(&[part.as_bytes()], true)).await;
    assert_eq!((status.as_str(), body.as_str()), ("200", "refused 413"));
}

#[derive(serde::Deserialize)]
struct Login {
    username: String,
}

#[post("/typed")]
async fn typed(axum::Form(login): axum::Form<Login>) -> String {
    format!("typed {}", login.username)
}

#[post("/lenient")]
async fn lenient(form: FormData) -> String {
    format!("lenient {}", form.get_or("username", "?"))
}

#[tokio::test]
async fn a_typed_form_stays_axums_form() {
    let client = Client::new(App::new(routes![typed, lenient]));
    let res = client.post("/typed").form(&[("username", "ada")]).await;
    assert_eq!(res.text(), "typed ada");
    // A missing field: axum's typed form refuses, FormData reads it as absent.
    let res = client.post("/typed").form(&[("other", "x")]).await;
    assert_eq!(res.status(), 422);
    let res = client.post("/lenient").form(&[("other", "x")]).await;
    assert_eq!(res.text(), "lenient ?");
}
