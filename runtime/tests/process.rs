//! `flaxum::serve` in a process of its own: this test binary, started again
//! to run only `server_process`. Signals and the descriptor limit are the
//! process's, so these cases cannot share a process with other tests. All
//! traffic goes to 127.0.0.1, and every wait is bounded. Linux: `/proc`,
//! `kill` and util-linux's `prlimit`.
#![cfg(target_os = "linux")]

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use flaxum::{get, post, routes, App};

/// The variable that tells the started binary where to serve.
const SERVE_ON: &str = "FLAXUM_TEST_SERVE_ON";

#[get("/")]
async fn index() -> &'static str {
    "ok"
}

#[post("/upload")]
async fn upload(body: String) -> String {
    body
}

/// The server process of the other tests, which start it; on its own
/// (without `FLAXUM_TEST_SERVE_ON`) it does nothing.
#[test]
#[ignore = "the server process that the other tests of this file start"]
fn server_process() {
    let Ok(addr) = std::env::var(SERVE_ON) else {
        return;
    };
    let rt = tokio::runtime::Runtime::new().expect("a runtime");
    rt.block_on(flaxum::serve(addr, App::new(routes![index, upload])))
        .expect("serve ends without an error");
}

/// The server process, killed when dropped.
struct Server {
    child: std::process::Child,
    addr: String,
}

impl Server {
    fn start() -> Server {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let addr = format!("127.0.0.1:{port}");
        let child = Command::new(std::env::current_exe().expect("this test binary"))
            .args(["--exact", "server_process", "--ignored", "--test-threads=1"])
            .env(SERVE_ON, &addr)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the server process starts");
        let server = Server { child, addr };
        let started = Instant::now();
        while TcpStream::connect(&server.addr).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "the server never listened"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        server
    }

    fn pid(&self) -> String {
        self.child.id().to_string()
    }

    fn signal(&self, name: &str) {
        let ok = Command::new("kill")
            .args(["-s", name, &self.pid()])
            .status()
            .expect("`kill` runs")
            .success();
        assert!(ok, "kill -s {name}");
    }

    /// Whether the process has exited, waiting at most `within`.
    fn exits_within(&mut self, within: Duration) -> bool {
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("the process") {
                assert!(status.success(), "serve failed: {status}");
                return true;
            }
            if started.elapsed() > within {
                return false;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The process's CPU time so far (user and system), in clock ticks.
    fn cpu_ticks(&self) -> u64 {
        let stat =
            std::fs::read_to_string(format!("/proc/{}/stat", self.pid())).expect("/proc/PID/stat");
        // The fields after the command's closing parenthesis; utime and
        // stime are the 14th and 15th of the whole line.
        let rest = &stat[stat.rfind(')').expect("a command") + 2..];
        let f: Vec<&str> = rest.split_whitespace().collect();
        f[11].parse::<u64>().expect("utime") + f[12].parse::<u64>().expect("stime")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The status of `GET /` on a new connection, within 5 s.
fn get_status(addr: &str) -> Option<u16> {
    let mut s = TcpStream::connect(addr).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .ok()?;
    let mut buf = [0u8; 256];
    let n = s.read(&mut buf).ok()?;
    let head = String::from_utf8_lossy(&buf[..n]);
    head.split(' ').nth(1)?.parse().ok()
}

#[test]
fn a_second_signal_ends_the_graceful_shutdown_at_once() {
    let mut server = Server::start();
    assert_eq!(get_status(&server.addr), Some(200));
    // An upload whose body never comes: in flight until the body read
    // timeout (10 s), so the graceful shutdown waits for it.
    let mut upload = TcpStream::connect(&server.addr).expect("a connection");
    upload
        .write_all(b"POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n")
        .expect("the head");
    std::thread::sleep(Duration::from_millis(200));
    server.signal("INT");
    assert!(
        !server.exits_within(Duration::from_millis(700)),
        "the first signal did not wait for the request in flight"
    );
    assert!(
        TcpStream::connect(&server.addr).is_err(),
        "a new connection was accepted during the shutdown"
    );
    server.signal("TERM");
    assert!(
        server.exits_within(Duration::from_secs(3)),
        "the second signal did not end the shutdown"
    );
}

#[test]
fn out_of_descriptors_the_accept_loop_waits_and_then_serves_again() {
    let server = Server::start();
    // Few descriptors for the server; then more connections than it has.
    let ok = Command::new("prlimit")
        .args(["--pid", &server.pid(), "--nofile=48:48"])
        .status()
        .expect("`prlimit` (util-linux) runs")
        .success();
    assert!(ok, "prlimit --nofile");
    let mut held: Vec<TcpStream> = (0..80)
        .map(|_| TcpStream::connect(&server.addr).expect("the backlog takes it"))
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    // At the limit, accept fails at once, again and again: the loop must
    // wait between tries rather than spin on a core.
    let before = server.cpu_ticks();
    std::thread::sleep(Duration::from_secs(1));
    let spent = server.cpu_ticks() - before;
    assert!(
        spent < 30,
        "{spent} ticks of CPU in 1 s at the descriptor limit"
    );
    // Descriptors free up: the server accepts and answers again.
    held.clear();
    let started = Instant::now();
    loop {
        if get_status(&server.addr) == Some(200) {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the server did not serve again"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}
