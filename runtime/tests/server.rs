//! `flaxum::Server` over real TCP on 127.0.0.1, with raw bytes: the limits
//! and the shutdown a public server needs. Each case asserts the status (or
//! the closed connection), and that the server still answers afterwards.

use std::time::Duration;

use axum::Json;
use flaxum::{get, post, routes, App, Server};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

mod wire;
use wire::exchange;

#[get("/users/<int:id>")]
async fn user(id: u64) -> String {
    format!("user {id}")
}

#[get("/panic")]
async fn boom() -> &'static str {
    panic!("a handler bug")
}

#[get("/slow/<int:ms>")]
async fn slow(ms: u64) -> &'static str {
    tokio::time::sleep(Duration::from_millis(ms)).await;
    "slow"
}

#[post("/echo")]
async fn echo(Json(v): Json<serde_json::Value>) -> Json<serde_json::Value> {
    Json(v)
}

#[post("/length")]
async fn length(body: String) -> String {
    format!("read {}", body.len())
}

#[get("/big/<int:n>")]
async fn big(n: usize) -> String {
    "x".repeat(n)
}

/// A response body whose first poll panics.
struct PanickingBody;

impl axum::body::HttpBody for PanickingBody {
    type Data = axum::body::Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<hyper::body::Frame<Self::Data>, Self::Error>>> {
        panic!("a response body bug")
    }
}

#[get("/panicking-body")]
async fn panicking_body() -> axum::body::Body {
    axum::body::Body::new(PanickingBody)
}

/// A server on an ephemeral port; dropping the returned sender shuts it down.
async fn start(
    server: Server,
) -> (
    String,
    tokio::sync::oneshot::Sender<()>,
    tokio::task::JoinHandle<std::io::Result<()>>,
) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let app = App::new(routes![user, boom, slow, echo, length, big, panicking_body]);
    let task = tokio::spawn(server.serve_listener(listener, app, async {
        let _ = stopped.await;
    }));
    (addr, stop, task)
}

/// Sends `raw` on a fresh connection and returns the status code of the
/// answer, or `None` when the server closed the connection without one.
async fn status_of(addr: &str, raw: &[u8]) -> Option<u16> {
    let mut s = TcpStream::connect(addr).await.unwrap();
    s.write_all(raw).await.unwrap();
    answer_of(&mut s, Duration::from_secs(10)).await
}

fn get(path: &str) -> Vec<u8> {
    format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").into_bytes()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panicking_handler_gets_500_and_the_server_lives() {
    let (addr, _stop, _task) = start(Server::new()).await;
    assert_eq!(status_of(&addr, &get("/users/1")).await, Some(200));
    assert_eq!(status_of(&addr, &get("/panic")).await, Some(500));
    assert_eq!(status_of(&addr, &get("/users/2")).await, Some(200));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bodies_over_the_limit_get_413() {
    let (addr, _stop, _task) = start(Server::new().body_limit(1024)).await;
    let small = r#"{"a":1}"#;
    let raw = format!(
        "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{small}",
        small.len()
    );
    assert_eq!(status_of(&addr, raw.as_bytes()).await, Some(200));
    let big = format!("\"{}\"", "x".repeat(4096));
    let raw = format!(
        "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{big}",
        big.len()
    );
    assert_eq!(status_of(&addr, raw.as_bytes()).await, Some(413));
    // Streamed (chunked) bodies count too.
    let raw = format!(
        "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n{:x}\r\n{big}\r\n0\r\n\r\n",
        big.len()
    );
    assert_eq!(status_of(&addr, raw.as_bytes()).await, Some(413));
    assert_eq!(status_of(&addr, &get("/users/3")).await, Some(200));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_header_limit_other_than_hyper_s_own_is_applied() {
    for (limit, ok, refused) in [(5, 5, 6), (150, 150, 151), (100, 100, 101)] {
        let (addr, _stop, _task) = start(Server::new().max_headers(limit)).await;
        let head = |n: usize| {
            // `Host` is one of the `n` headers.
            let extra: String = (1..n).map(|i| format!("X-{i}: v\r\n")).collect();
            format!("GET /users/3 HTTP/1.1\r\nHost: x\r\n{extra}Connection: close\r\n\r\n")
        };
        // `Connection` counts too: `n` headers in all is `n - 1` above.
        assert_eq!(
            status_of(&addr, head(ok - 1).as_bytes()).await,
            Some(200),
            "{limit}"
        );
        assert_eq!(
            status_of(&addr, head(refused - 1).as_bytes()).await,
            Some(431),
            "{limit}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_partial_head_is_closed_at_the_deadline() {
    let server = Server::new().header_read_timeout(Duration::from_millis(500));
    let (addr, _stop, _task) = start(server).await;
    let mut s = TcpStream::connect(&addr).await.unwrap();
    s.write_all(b"GET /users/1 HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    let mut buf = [0u8; 1024];
    let read = tokio::time::timeout(Duration::from_secs(10), s.read(&mut buf)).await;
    let n = read.expect("the server closes the connection").unwrap_or(0);
    let answer = String::from_utf8_lossy(&buf[..n]);
    assert!(
        n == 0 || answer.starts_with("HTTP/1.1 408"),
        "got {answer:?}"
    );
    assert_eq!(status_of(&addr, &get("/users/4")).await, Some(200));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_requests_time_out_with_503() {
    let server = Server::new().request_timeout(Duration::from_millis(200));
    let (addr, _stop, _task) = start(server).await;
    assert_eq!(status_of(&addr, &get("/slow/2000")).await, Some(503));
    assert_eq!(status_of(&addr, &get("/slow/10")).await, Some(200));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_past_the_in_flight_limit_are_shed_with_503() {
    let (addr, _stop, _task) = start(Server::new().max_in_flight(1)).await;
    let first = {
        let addr = addr.clone();
        tokio::spawn(async move { status_of(&addr, &get("/slow/800")).await })
    };
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(status_of(&addr, &get("/users/5")).await, Some(503));
    assert_eq!(first.await.unwrap(), Some(200));
    assert_eq!(status_of(&addr, &get("/users/6")).await, Some(200));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_lets_requests_in_flight_finish_and_refuses_new_connections() {
    let (addr, stop, task) = start(Server::new()).await;
    let in_flight = {
        let addr = addr.clone();
        tokio::spawn(async move { status_of(&addr, &get("/slow/500")).await })
    };
    tokio::time::sleep(Duration::from_millis(100)).await;
    stop.send(()).unwrap();
    assert_eq!(
        in_flight.await.unwrap(),
        Some(200),
        "the request in flight finishes"
    );
    task.await.unwrap().unwrap();
    assert!(
        TcpStream::connect(&addr).await.is_err(),
        "no new connections after shutdown"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn at_the_shutdown_deadline_open_connections_are_closed() {
    let server = Server::new().shutdown_deadline(Duration::from_millis(300));
    let (addr, stop, task) = start(server).await;
    // A request that would run for 20 s, on a connection of its own.
    let mut slow = TcpStream::connect(&addr).await.unwrap();
    slow.write_all(&get("/slow/20000")).await.unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    let started = std::time::Instant::now();
    stop.send(()).unwrap();
    let mut buf = [0u8; 64];
    let read = tokio::time::timeout(Duration::from_secs(5), slow.read(&mut buf))
        .await
        .expect("the connection is closed well before the handler ends");
    // Closed without an answer: end of stream, or a reset.
    assert!(matches!(read, Ok(0) | Err(_)), "{read:?}");
    tokio::time::timeout(Duration::from_secs(5), task)
        .await
        .expect("serve returns at the deadline")
        .unwrap()
        .unwrap();
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_millis(250) && waited < Duration::from_secs(5),
        "{waited:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_kept_alive_connection_is_closed_at_the_header_deadline() {
    let server = Server::new().header_read_timeout(Duration::from_millis(500));
    let (addr, _stop, _task) = start(server).await;
    let mut s = TcpStream::connect(&addr).await.unwrap();
    s.write_all(b"GET /users/1 HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .unwrap();
    let mut buf = [0u8; 1024];
    let n = s.read(&mut buf).await.unwrap();
    assert!(buf[..n].starts_with(b"HTTP/1.1 200"));
    // Then nothing: the server must not keep the connection forever.
    let mut rest = Vec::new();
    tokio::time::timeout(Duration::from_secs(10), s.read_to_end(&mut rest))
        .await
        .expect("the idle connection is closed")
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_head_trickled_byte_by_byte_is_still_cut_off() {
    let server = Server::new().header_read_timeout(Duration::from_millis(400));
    let (addr, _stop, _task) = start(server).await;
    let mut s = TcpStream::connect(&addr).await.unwrap();
    s.write_all(b"GET /users/1 HTTP/1.1\r\n").await.unwrap();
    let started = std::time::Instant::now();
    // One header byte every 100 ms, never the end of the head: reads are
    // not progress. Stops when the server closes the connection.
    let mut closed = false;
    for _ in 0..100 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        if s.write_all(b"X").await.is_err() {
            closed = true;
            break;
        }
        let mut buf = [0u8; 64];
        if let Ok(Ok(0)) = tokio::time::timeout(Duration::from_millis(1), s.read(&mut buf)).await {
            closed = true;
            break;
        }
    }
    assert!(closed, "the connection was never closed");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "closed only after {:?}",
        started.elapsed()
    );
    assert_eq!(status_of(&addr, &get("/users/4")).await, Some(200));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_handler_slower_than_the_header_deadline_still_answers() {
    let server = Server::new().header_read_timeout(Duration::from_millis(300));
    let (addr, _stop, _task) = start(server).await;
    assert_eq!(status_of(&addr, &get("/slow/1200")).await, Some(200));
}

/// HTTP/2 with prior knowledge (h2c): a request is answered, and the
/// connection, once idle past the header deadline, is closed like an
/// HTTP/1.1 one.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn h2c_is_served_and_an_idle_h2c_connection_is_closed() {
    let server = Server::new().header_read_timeout(Duration::from_millis(400));
    let (addr, _stop, _task) = start(server).await;
    let (mut sender, conn) = wire::h2c(&addr).await;
    let (status, body) = wire::h2c_get(&mut sender, &addr, "/users/7").await;
    assert_eq!((status, &body[..]), (200, &b"user 7"[..]));
    // Then nothing: the server closes the connection.
    tokio::time::timeout(Duration::from_secs(5), conn)
        .await
        .expect("the idle h2c connection is closed")
        .unwrap()
        .ok();
}

/// Many streams at once on one h2c connection: those answered at once,
/// one that waits (which must hold up none of the others), one with a
/// request body, one whose answer is larger than the flow-control window,
/// a panicking handler and a panicking response body. Each gets its own
/// answer (the last, its stream reset), and the connection serves on
/// afterwards.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn h2c_streams_on_one_connection_each_get_their_own_answer() {
    use axum::body::Bytes;
    use http_body_util::{BodyExt, Full};

    let (addr, _stop, _task) = start(Server::new()).await;
    let (sender, _conn) = wire::h2c::<Full<Bytes>>(&addr).await;
    let send = |method: &str, path: String, body: &'static str| {
        let mut sender = sender.clone();
        let req = http::Request::builder()
            .method(method)
            .uri(format!("http://{addr}{path}"))
            .header("content-type", "application/json")
            .body(Full::new(Bytes::from_static(body.as_bytes())))
            .unwrap();
        tokio::spawn(async move {
            let res = sender.send_request(req).await.ok()?;
            let status = res.status().as_u16();
            let body = res.into_body().collect().await.ok()?.to_bytes();
            Some((status, body, std::time::Instant::now()))
        })
    };
    let slow = send("GET", "/slow/1000".into(), "");
    tokio::time::sleep(Duration::from_millis(50)).await;
    let fast: Vec<_> = (0..50)
        .map(|i| (i, send("GET", format!("/users/{i}"), "")))
        .collect();
    let echo = send("POST", "/echo".into(), r#"{"a":[1,2,3]}"#);
    let big = send("GET", "/big/1000000".into(), "");
    let boom = send("GET", "/panic".into(), "");
    let panicking_body = send("GET", "/panicking-body".into(), "");
    let mut last_fast = None;
    for (i, task) in fast {
        let (status, body, at) = task.await.unwrap().unwrap();
        assert_eq!((status, &body[..]), (200, format!("user {i}").as_bytes()));
        last_fast = Some(last_fast.map_or(at, |t: std::time::Instant| t.max(at)));
    }
    let (status, body, _) = echo.await.unwrap().unwrap();
    assert_eq!((status, &body[..]), (200, &br#"{"a":[1,2,3]}"#[..]));
    let (status, body, _) = big.await.unwrap().unwrap();
    assert_eq!(status, 200);
    assert!(body.len() == 1_000_000 && body.iter().all(|&b| b == b'x'));
    assert_eq!(boom.await.unwrap().unwrap().0, 500);
    assert!(
        panicking_body.await.unwrap().is_none(),
        "its stream is reset"
    );
    let (status, body, slow_at) = slow.await.unwrap().unwrap();
    assert_eq!((status, &body[..]), (200, &b"slow"[..]));
    assert!(
        last_fast.unwrap() < slow_at,
        "the waiting stream held up the others"
    );
    // The connection still serves.
    let (status, body, _) = send("GET", "/users/7".into(), "").await.unwrap().unwrap();
    assert_eq!((status, &body[..]), (200, &b"user 7"[..]));
}

#[get("/ip")]
async fn ip(
    axum::extract::ConnectInfo(addr): axum::extract::ConnectInfo<std::net::SocketAddr>,
) -> String {
    addr.ip().to_string()
}

/// With `connect_info`, a handler gets the client's address, as Flask's
/// `request.remote_addr`; without it, axum's extractor refuses (500).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connect_info_gives_handlers_the_client_address() {
    for (on, status) in [(true, 200), (false, 500)] {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap().to_string();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = Server::new().connect_info(on);
        let task = tokio::spawn(
            server.serve_listener(listener, App::new(routes![ip]), async {
                let _ = stopped.await;
            }),
        );
        let mut s = TcpStream::connect(&addr).await.unwrap();
        s.write_all(&get("/ip")).await.unwrap();
        let mut answer = Vec::new();
        s.read_to_end(&mut answer).await.unwrap();
        let answer = String::from_utf8_lossy(&answer);
        assert!(
            answer.starts_with(&format!("HTTP/1.1 {status}")),
            "{answer}"
        );
        if on {
            assert!(answer.ends_with("\r\n\r\n127.0.0.1"), "{answer}");
        }
        let _ = stop.send(());
        task.await.unwrap().unwrap();
    }
}

/// The head of a JSON upload of `len` bytes, on a kept-alive connection.
fn upload_head(len: usize) -> Vec<u8> {
    format!(
        "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {len}\r\n\r\n"
    )
    .into_bytes()
}

/// Reads until the server answers or closes; the status code, if any.
async fn answer_of(s: &mut TcpStream, within: Duration) -> Option<u16> {
    let mut buf = vec![0u8; 4096];
    let n = tokio::time::timeout(within, s.read(&mut buf))
        .await
        .expect("an answer or a close in time")
        .unwrap_or(0);
    let head = String::from_utf8_lossy(&buf[..n]);
    head.split(' ').nth(1).and_then(|c| c.parse().ok())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn uploads_that_stall_hold_no_in_flight_place_and_end_with_408() {
    // More stalled uploads than places in flight (6 against 4).
    let server = Server::new()
        .max_in_flight(4)
        .body_read_timeout(Duration::from_millis(800));
    let (addr, _stop, _task) = start(server).await;
    let mut stalled = Vec::new();
    for _ in 0..6 {
        let mut s = TcpStream::connect(&addr).await.unwrap();
        s.write_all(&upload_head(100)).await.unwrap();
        stalled.push(s);
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    let started = std::time::Instant::now();
    assert_eq!(status_of(&addr, &get("/users/1")).await, Some(200));
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    // Each stalled upload is answered 408 at the body read timeout.
    for s in &mut stalled {
        assert_eq!(answer_of(s, Duration::from_secs(5)).await, Some(408));
    }
    assert_eq!(status_of(&addr, &get("/users/2")).await, Some(200));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_upload_that_keeps_sending_is_read_whole() {
    let server = Server::new().body_read_timeout(Duration::from_millis(400));
    let (addr, _stop, _task) = start(server).await;
    let body = br#"{"a": "0123456789"}"#;
    let mut s = TcpStream::connect(&addr).await.unwrap();
    s.write_all(&upload_head(body.len())).await.unwrap();
    // One byte every 100 ms: 1.9 s in all, four times the timeout.
    for b in body {
        tokio::time::sleep(Duration::from_millis(100)).await;
        s.write_all(&[*b]).await.unwrap();
    }
    let mut buf = vec![0u8; 4096];
    let n = tokio::time::timeout(Duration::from_secs(5), s.read(&mut buf))
        .await
        .unwrap()
        .unwrap();
    let text = String::from_utf8_lossy(&buf[..n]);
    assert!(text.starts_with("HTTP/1.1 200"), "{text}");
    assert!(text.ends_with(r#"{"a":"0123456789"}"#), "{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn past_the_connection_cap_new_connections_wait_for_a_place() {
    let server = Server::new()
        .max_connections(2)
        .header_read_timeout(Duration::from_secs(5));
    let (addr, _stop, _task) = start(server).await;
    let first = TcpStream::connect(&addr).await.unwrap();
    let _second = TcpStream::connect(&addr).await.unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    // The third connects (the kernel's backlog) but is not served...
    let mut third = TcpStream::connect(&addr).await.unwrap();
    third.write_all(&get("/users/3")).await.unwrap();
    let mut buf = [0u8; 64];
    assert!(
        tokio::time::timeout(Duration::from_millis(500), third.read(&mut buf))
            .await
            .is_err(),
        "served past the cap"
    );
    // ...until one of the two closes.
    drop(first);
    assert_eq!(
        answer_of(&mut third, Duration::from_secs(3)).await,
        Some(200)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_h2c_connection_that_only_pings_is_closed_at_the_idle_deadline() {
    let server = Server::new().header_read_timeout(Duration::from_millis(400));
    let (addr, _stop, _task) = start(server).await;
    let mut s = TcpStream::connect(&addr).await.unwrap();
    // The preface and an empty SETTINGS frame (RFC 9113 §3.4, §6.5).
    s.write_all(b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n\x00\x00\x00\x04\x00\x00\x00\x00\x00")
        .await
        .unwrap();
    let started = std::time::Instant::now();
    let mut got = 0usize;
    let mut closed = false;
    // A PING every 100 ms for up to 10 s, each of which the server
    // acknowledges.
    for i in 0..100u8 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let ping = [0, 0, 8, 6, 0, 0, 0, 0, 0, i, 0, 0, 0, 0, 0, 0, 0];
        if s.write_all(&ping).await.is_err() {
            closed = true;
            break;
        }
        let mut buf = [0u8; 1024];
        match tokio::time::timeout(Duration::from_millis(20), s.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => {
                closed = true;
                break;
            }
            Ok(Ok(n)) => got += n,
            Err(_) => {}
        }
    }
    assert!(got > 0, "the server answered nothing");
    assert!(closed, "the pinging connection was never closed");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "closed only after {:?}",
        started.elapsed()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_handler_reads_an_empty_body_as_empty_and_a_body_whole() {
    let (addr, _stop, _task) = start(Server::new()).await;
    let post = |headers: &str, body: &str| {
        format!("POST /length HTTP/1.1\r\nHost: x\r\nConnection: close\r\n{headers}\r\n{body}")
    };
    // No body at all, a declared empty one, an empty chunked one: each is
    // read as empty.
    for raw in [
        post("", ""),
        post("Content-Length: 0\r\n", ""),
        post("Transfer-Encoding: chunked\r\n", "0\r\n\r\n"),
    ] {
        let answer = exchange(&addr, raw.as_bytes()).await;
        assert!(answer.starts_with("HTTP/1.1 200"), "{raw:?}: {answer}");
        assert!(answer.ends_with("read 0"), "{raw:?}: {answer}");
    }
    for raw in [
        post("Content-Length: 5\r\n", "hello"),
        post(
            "Transfer-Encoding: chunked\r\n",
            "2\r\nhe\r\n3\r\nllo\r\n0\r\n\r\n",
        ),
    ] {
        let answer = exchange(&addr, raw.as_bytes()).await;
        assert!(answer.ends_with("read 5"), "{raw:?}: {answer}");
    }
}
