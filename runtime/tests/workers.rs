//! `Server::workers`: connections served on threads of the server's own,
//! over real TCP on 127.0.0.1. A test binary of its own, so that the
//! threads it counts are its server's alone.

use std::time::Duration;

use flaxum::{get, routes, App, Server};
use tokio::net::{TcpListener, TcpStream};

mod wire;

/// The name of the thread the handler runs on.
#[get("/thread")]
async fn thread() -> String {
    std::thread::current().name().unwrap_or("").to_owned()
}

/// The thread's name after a wait, and that of the thread a spawned task
/// ran on.
#[get("/spawned/<int:ms>")]
async fn spawned(ms: u64) -> String {
    tokio::time::sleep(Duration::from_millis(ms)).await;
    let here = std::thread::current().name().unwrap_or("").to_owned();
    let there = tokio::spawn(async { std::thread::current().name().unwrap_or("").to_owned() })
        .await
        .unwrap();
    format!("{here} {there}")
}

#[get("/panic")]
async fn boom() -> &'static str {
    panic!("a handler bug")
}

/// The tests count the same threads: one runs at a time.
static ALONE: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// The names of this process's threads that are the server's workers.
fn worker_threads() -> Vec<String> {
    let mut names = Vec::new();
    for task in std::fs::read_dir("/proc/self/task").unwrap() {
        let comm = task.unwrap().path().join("comm");
        if let Ok(name) = std::fs::read_to_string(comm) {
            if name.starts_with("flaxum-worker") {
                names.push(name.trim_end().to_owned());
            }
        }
    }
    names.sort();
    names
}

/// One request on a fresh connection; the status and the body.
async fn fetch(addr: &str, path: &str) -> (u16, String) {
    let raw = wire::exchange(
        addr,
        format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").as_bytes(),
    )
    .await;
    let status = raw[9..12].parse().unwrap();
    let body = raw.split_once("\r\n\r\n").unwrap().1.to_owned();
    (status, body)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn workers_serve_the_connections_in_turn_and_end_with_the_server() {
    let _alone = ALONE.lock().await;
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = Server::new()
        .workers(2)
        .header_read_timeout(Duration::from_millis(500));
    let app = App::new(routes![thread, spawned, boom]);
    let task = tokio::spawn(server.serve_listener(listener, app, async {
        let _ = stopped.await;
    }));

    // Connections go to the two threads in turn.
    let mut seen = Vec::new();
    for _ in 0..4 {
        let (status, body) = fetch(&addr, "/thread").await;
        assert_eq!(status, 200);
        seen.push(body);
    }
    assert_eq!(
        seen,
        [
            "flaxum-worker-0",
            "flaxum-worker-1",
            "flaxum-worker-0",
            "flaxum-worker-1"
        ]
    );
    assert_eq!(worker_threads(), ["flaxum-worker-0", "flaxum-worker-1"]);

    // A handler that waits, and what it spawns, stay on its thread.
    let (status, body) = fetch(&addr, "/spawned/20").await;
    assert_eq!(status, 200);
    let (here, there) = body.split_once(' ').unwrap();
    assert!(here.starts_with("flaxum-worker-"), "{body}");
    assert_eq!(here, there);

    // A panicking handler gets 500; its thread serves on.
    assert_eq!(fetch(&addr, "/panic").await.0, 500);
    for _ in 0..2 {
        assert_eq!(fetch(&addr, "/thread").await.0, 200);
    }

    // h2c, on a worker too.
    {
        let (mut sender, conn) = wire::h2c(&addr).await;
        for _ in 0..3 {
            let (status, body) = wire::h2c_get(&mut sender, &addr, "/thread").await;
            assert_eq!(status, 200);
            assert!(body.starts_with(b"flaxum-worker-"), "{body:?}");
        }
        // The header deadline still closes an idle connection: the
        // watchdog, on this runtime, reaches a worker's connection.
        tokio::time::timeout(Duration::from_secs(5), conn)
            .await
            .expect("the idle h2c connection is closed")
            .unwrap()
            .ok();
    }

    // The graceful shutdown lets a request in flight on a worker finish.
    let in_flight = {
        let addr = addr.clone();
        tokio::spawn(async move { fetch(&addr, "/spawned/400").await })
    };
    tokio::time::sleep(Duration::from_millis(100)).await;
    stop.send(()).unwrap();
    let (status, _) = in_flight.await.unwrap();
    assert_eq!(status, 200, "the request in flight finishes");
    tokio::time::timeout(Duration::from_secs(5), task)
        .await
        .expect("serve returns")
        .unwrap()
        .unwrap();
    assert!(TcpStream::connect(&addr).await.is_err());

    // And the threads end with the server.
    ends_soon().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dropping_the_server_ends_its_workers() {
    let _alone = ALONE.lock().await;
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let app = App::new(routes![thread, spawned, boom]);
    let task = tokio::spawn(Server::new().workers(3).serve_listener(
        listener,
        app,
        std::future::pending(),
    ));
    assert_eq!(fetch(&addr, "/thread").await.1, "flaxum-worker-0");
    assert_eq!(worker_threads().len(), 3);
    task.abort();
    assert!(task.await.unwrap_err().is_cancelled());
    ends_soon().await;
}

/// Waits until no worker thread is left; fails after 5 s.
async fn ends_soon() {
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    while !worker_threads().is_empty() {
        assert!(
            std::time::Instant::now() < deadline,
            "worker threads left: {:?}",
            worker_threads()
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// `serve` awaited on a single-threaded runtime (`#[tokio::test]`'s
/// default) starts and stops its workers as well.
#[tokio::test]
async fn workers_start_and_stop_under_a_single_threaded_runtime() {
    let _alone = ALONE.lock().await;
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let app = App::new(routes![thread, spawned, boom]);
    let task = tokio::spawn(
        Server::new()
            .workers(1)
            .serve_listener(listener, app, async {
                let _ = stopped.await;
            }),
    );
    assert_eq!(fetch(&addr, "/thread").await.1, "flaxum-worker-0");
    stop.send(()).unwrap();
    task.await.unwrap().unwrap();
    ends_soon().await;
}
