//! The bad-input suite: raw bytes over real TCP on 127.0.0.1 against
//! `flaxum::Server`, asserting the status of each answer (or the closed
//! connection). No case may get a 5xx other than the panic's 500, and after
//! every case a fresh connection must still get 200.
//!
//! Routes: `GET /users/:id` (u64), `GET /s/:name` (String),
//! `GET /files/*rest`, `POST /echo` (Json), `GET /panic`; a second server
//! has `GET /<user>/` alone, for redirects.

use std::time::Duration;

use axum::Json;
use flaxum::{get, post, routes, App, Server};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

#[get("/users/:id")]
async fn user(id: u64) -> String {
    format!("id={id}")
}

#[get("/s/:name")]
async fn string(name: String) -> String {
    format!("name={name}")
}

#[get("/files/*rest")]
async fn files(rest: String) -> String {
    format!("rest={rest}")
}

#[post("/echo")]
async fn echo(Json(v): Json<serde_json::Value>) -> Json<serde_json::Value> {
    Json(v)
}

#[get("/panic")]
async fn boom() -> &'static str {
    panic!("a handler bug")
}

#[get("/<user>/")]
async fn profile(user: String) -> String {
    format!("user={user}")
}

struct Answer {
    status: Option<u16>,
    head: String,
    body: String,
}

impl Answer {
    fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim().to_owned())
        })
    }
}

async fn server() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let app = App::new(routes![user, string, files, echo, boom]);
    let server = Server::new().header_read_timeout(Duration::from_secs(1));
    tokio::spawn(server.serve_listener(listener, app, std::future::pending()));
    addr
}

/// Sends `raw` on a fresh connection and reads until the server closes it.
async fn send(addr: &str, raw: &[u8]) -> Answer {
    let mut s = TcpStream::connect(addr).await.unwrap();
    // The server may close before reading everything (it refused the head).
    let _ = s.write_all(raw).await;
    let mut buf = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(10), s.read_to_end(&mut buf))
        .await
        .expect("an answer and a close within 10 s");
    let text = String::from_utf8_lossy(&buf).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    Answer {
        status: head.split(' ').nth(1).and_then(|c| c.parse().ok()),
        head: head.to_owned(),
        body: body.to_owned(),
    }
}

fn req(method: &str, target: &str) -> Vec<u8> {
    format!("{method} {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").into_bytes()
}

/// Runs one case, checks its status, that no unexpected 5xx came back, and
/// that the server still answers a good request afterwards.
async fn case(addr: &str, name: &str, raw: &[u8], want: &[Option<u16>]) -> Answer {
    let a = send(addr, raw).await;
    assert!(
        want.contains(&a.status),
        "case {name}: got {:?}, want one of {want:?}\n{}",
        a.status,
        a.head
    );
    if let Some(s) = a.status {
        assert!(
            s < 500 || name == "30 panic",
            "case {name}: server error {s}"
        );
    }
    let after = send(addr, &req("GET", "/users/1")).await;
    assert_eq!(
        after.status,
        Some(200),
        "after case {name}, a good request fails"
    );
    a
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bad_input_suite() {
    let addr = &server().await;
    let ok = &[Some(200)];
    case(addr, "1 unknown path", &req("GET", "/nope"), &[Some(404)]).await;
    let a = case(
        addr,
        "2 PUT on a GET route",
        &req("PUT", "/users/1"),
        &[Some(405)],
    )
    .await;
    assert_eq!(a.header("allow").as_deref(), Some("GET, HEAD, OPTIONS"));
    case(
        addr,
        "3 PUT on no route",
        &req("PUT", "/nope"),
        &[Some(404)],
    )
    .await;
    let a = case(addr, "4 OPTIONS", &req("OPTIONS", "/users/1"), ok).await;
    assert_eq!(a.header("allow").as_deref(), Some("GET, HEAD, OPTIONS"));
    let a = case(addr, "5 HEAD", &req("HEAD", "/users/1"), ok).await;
    assert_eq!(a.body, "", "HEAD has no body");
    case(
        addr,
        "6 lower-case method",
        &req("get", "/users/1"),
        &[Some(405)],
    )
    .await;
    case(
        addr,
        "6 unknown method",
        &req("FETCH", "/users/1"),
        &[Some(405)],
    )
    .await;
    case(
        addr,
        "7 not a number",
        &req("GET", "/users/abc"),
        &[Some(400)],
    )
    .await;
    case(
        addr,
        "8 overflow",
        &req("GET", "/users/18446744073709551616"),
        &[Some(400)],
    )
    .await;
    case(addr, "9 plus sign", &req("GET", "/users/+1"), &[Some(400)]).await;
    case(addr, "10 negative", &req("GET", "/users/-1"), &[Some(400)]).await;
    let a = case(addr, "11 encoded digit", &req("GET", "/users/%31"), ok).await;
    assert_eq!(a.body, "id=1");
    let a = case(addr, "12 encoded slash", &req("GET", "/s/a%2Fb"), ok).await;
    assert_eq!(a.body, "name=a/b", "one segment");
    case(
        addr,
        "13 dot-dot",
        &req("GET", "/users/../users/1"),
        &[Some(404)],
    )
    .await;
    case(addr, "13 dot", &req("GET", "/./users/1"), &[Some(404)]).await;
    for path in [
        "/files/../../etc/passwd",
        "/files/%2e%2e/secret",
        "/files/..%5csecret",
    ] {
        case(addr, "14 traversal", &req("GET", path), &[Some(400)]).await;
    }
    for path in ["//users/1", "/users//1"] {
        let a = case(addr, "15 repeated slash", &req("GET", path), &[Some(308)]).await;
        assert_eq!(a.header("location").as_deref(), Some("/users/1"), "{path}");
    }
    case(
        addr,
        "16 trailing slash",
        &req("GET", "/users/1/"),
        &[Some(404)],
    )
    .await;
    case(addr, "17 upper case", &req("GET", "/USERS/1"), &[Some(404)]).await;
    case(
        addr,
        "18 invalid UTF-8",
        &req("GET", "/s/%FF"),
        &[Some(400)],
    )
    .await;
    case(
        addr,
        "18 invalid UTF-8",
        &req("GET", "/s/%C3%28"),
        &[Some(400)],
    )
    .await;
    case(addr, "19 NUL", &req("GET", "/s/1%00"), &[Some(400)]).await;
    case(
        addr,
        "20 bad escape",
        &req("POST", "/echo/%zz"),
        &[Some(404)],
    )
    .await;
    let long = format!("/s/{}", "a".repeat(70 * 1024));
    // Past 64 KiB the request line fills the head buffer before it ends:
    // the head is refused whole (431) before the URI can be (414).
    case(
        addr,
        "21 URI over 64 KiB",
        &req("GET", &long),
        &[Some(414), Some(431)],
    )
    .await;
    let long = format!("/s/{}", "a".repeat(40 * 1024));
    case(addr, "21 URI of 40 KiB", &req("GET", &long), ok).await;
    let mut many = String::from("GET /users/1 HTTP/1.1\r\nHost: x\r\n");
    for i in 0..101 {
        many.push_str(&format!("X-H{i}: v\r\n"));
    }
    many.push_str("Connection: close\r\n\r\n");
    case(addr, "22 too many headers", many.as_bytes(), &[Some(431)]).await;
    let huge = format!(
        "GET /users/1 HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\nConnection: close\r\n\r\n",
        "v".repeat(1 << 20)
    );
    case(addr, "22 1 MiB header", huge.as_bytes(), &[Some(431)]).await;
    let deep = format!("/files/{}", "a/".repeat(30_000));
    let a = case(addr, "23 30,000 segments", &req("GET", &deep), ok).await;
    assert!(a.body.starts_with("rest=a/a/"));
    let big = format!("\"{}\"", "x".repeat(3 << 20));
    let raw = format!(
        "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{big}",
        big.len()
    );
    case(addr, "24 body over the limit", raw.as_bytes(), &[Some(413)]).await;
    let body = r#"{"a":"#;
    let raw = format!(
        "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    case(addr, "25 bad JSON", raw.as_bytes(), &[Some(400), Some(422)]).await;
    let raw = "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}";
    case(addr, "26 wrong content type", raw.as_bytes(), &[Some(415)]).await;
    let smuggling = [
        "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n0\r\n\r\n",
        "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\nContent-Type: application/json\r\n\r\n{}",
        "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\nContent-Type: application/json\r\n\r\n{}",
        "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: +3\r\nContent-Type: application/json\r\n\r\n{}",
    ];
    for raw in smuggling {
        // Rejected (400) or closed without an answer, as hyper does.
        case(
            addr,
            "27 ambiguous framing",
            raw.as_bytes(),
            &[Some(400), None],
        )
        .await;
    }
    case(
        addr,
        "28 HTTP/1.1 without Host",
        b"GET /users/1 HTTP/1.1\r\nConnection: close\r\n\r\n",
        &[Some(400)],
    )
    .await;
    // 29: a partial head, then silence: closed at the deadline (1 s here).
    let mut s = TcpStream::connect(addr).await.unwrap();
    s.write_all(b"GET /users/1 HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    let mut buf = Vec::new();
    tokio::time::timeout(Duration::from_secs(5), s.read_to_end(&mut buf))
        .await
        .expect("29: closed at the header-read deadline")
        .unwrap();
    let got = String::from_utf8_lossy(&buf);
    assert!(
        buf.is_empty() || got.starts_with("HTTP/1.1 408"),
        "29: {got}"
    );
    case(addr, "30 panic", &req("GET", "/panic"), &[Some(500)]).await;
    let a = case(
        addr,
        "31 absolute form",
        &req("GET", "http://evil.example/users/1"),
        ok,
    )
    .await;
    assert_eq!(a.body, "id=1", "routed by its path");
    case(addr, "31 OPTIONS *", &req("OPTIONS", "*"), &[Some(400)]).await;
    case(
        addr,
        "31 garbage",
        b"\x00\x01\x02garbage\r\n\r\n",
        &[Some(400), None],
    )
    .await;
    case(
        addr,
        "31 TLS hello",
        b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03",
        &[Some(400), None],
    )
    .await;
    // Hostile rather than malformed (issue 8).
    case(
        addr,
        "33 two Host headers",
        b"GET /users/1 HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n",
        &[Some(400)],
    )
    .await;
    for path in [
        "/files/%2Fetc%2Fpasswd",
        "/files/%2F%2Fhost%2Fshare",
        "/files/C:%5Cwindows%5Cwin.ini",
        "/files/%5C%5Chost%5Cshare",
        "/files/a%2F%2Fb",
        "/files/a%5C.%5Cb",
    ] {
        case(
            addr,
            "34 absolute catch-all",
            &req("GET", path),
            &[Some(400)],
        )
        .await;
    }
    let long = format!(
        "GET /users/1 HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\nConnection: close\r\n\r\n",
        "v".repeat(100 * 1024)
    );
    case(addr, "35 a 100 KiB head", long.as_bytes(), &[Some(431)]).await;
    let fits = format!(
        "GET /users/1 HTTP/1.1\r\nHost: x\r\nCookie: {}\r\nConnection: close\r\n\r\n",
        "c".repeat(32 * 1024)
    );
    case(addr, "35 a 32 KiB head", fits.as_bytes(), ok).await;
    let a = case(
        addr,
        "34 relative catch-all",
        &req("GET", "/files/css/site.css"),
        ok,
    )
    .await;
    assert_eq!(a.body, "rest=css/site.css");
}

/// Every `Location` flaxum builds stays on the site: bytes outside RFC
/// 3986 `pchar` are percent-encoded, so it never starts with `//` or `/\`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redirects_stay_on_the_site() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = &listener.local_addr().unwrap().to_string();
    let app = App::new(routes![profile]);
    tokio::spawn(Server::new().serve_listener(listener, app, std::future::pending()));
    for (target, location) in [
        ("/\\evil.com", "/%5Cevil.com/"),
        ("/\\\\evil.com", "/%5C%5Cevil.com/"),
        ("/ada", "/ada/"),
        ("/a%20b", "/a%20b/"),
        ("/x\"y", "/x%22y/"),
    ] {
        let a = send(addr, &req("GET", target)).await;
        if a.status == Some(400) {
            // The server refused the target outright: nothing to redirect.
            continue;
        }
        assert_eq!(a.status, Some(308), "{target}\n{}", a.head);
        let got = a.header("location").unwrap_or_default();
        assert_eq!(got, location, "{target}");
        assert!(!got.starts_with("//") && !got.starts_with("/\\"), "{got}");
    }
    let a = send(addr, &req("GET", "/\\evil.com")).await;
    assert_eq!(
        a.status,
        Some(308),
        "the backslash case must reach the router"
    );
    let a = send(addr, &req("GET", "/ada/")).await;
    assert_eq!((a.status, a.body.as_str()), (Some(200), "user=ada"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_keep_alive_connections_are_all_served() {
    let addr = server().await;
    let mut tasks = Vec::new();
    for i in 0..1000u32 {
        let addr = addr.clone();
        tasks.push(tokio::spawn(async move {
            let mut s = TcpStream::connect(&addr).await.unwrap();
            let mut served = 0;
            for k in 0..2 {
                let raw = format!("GET /users/{} HTTP/1.1\r\nHost: x\r\n\r\n", i * 2 + k);
                s.write_all(raw.as_bytes()).await.unwrap();
                let mut buf = [0u8; 512];
                let n = s.read(&mut buf).await.unwrap();
                if buf[..n].starts_with(b"HTTP/1.1 200") {
                    served += 1;
                }
            }
            served
        }));
    }
    let mut served = 0;
    for t in tasks {
        served += tokio::time::timeout(Duration::from_secs(60), t)
            .await
            .unwrap()
            .unwrap();
    }
    assert_eq!(
        served, 2000,
        "every request on every connection answered 200"
    );
}
