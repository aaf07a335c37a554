//! A client for the tests that talk to a real server on 127.0.0.1: raw
//! HTTP/1.1 exchanges and h2c (HTTP/2 with prior knowledge) requests.
#![allow(dead_code)]

use std::time::Duration;

use axum::body::Bytes;
use http_body_util::{BodyExt, Empty};
use hyper::client::conn::http2::SendRequest;
use hyper_util::rt::{TokioExecutor, TokioIo};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::task::JoinHandle;

/// Sends `raw` on a fresh connection (which the request must close) and
/// returns all the server wrote back, within 10 s.
pub async fn exchange(addr: &str, raw: &[u8]) -> String {
    let mut s = TcpStream::connect(addr).await.unwrap();
    s.write_all(raw).await.unwrap();
    let mut out = Vec::new();
    tokio::time::timeout(Duration::from_secs(10), s.read_to_end(&mut out))
        .await
        .expect("the server answers and closes in time")
        .unwrap();
    String::from_utf8_lossy(&out).into_owned()
}

/// An h2c connection to `addr`: its request sender, and the task that
/// drives it, which ends when the server closes the connection.
pub async fn h2c<B>(addr: &str) -> (SendRequest<B>, JoinHandle<Result<(), hyper::Error>>)
where
    B: hyper::body::Body + Unpin + Send + 'static,
    B::Data: Send,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let stream = TcpStream::connect(addr).await.unwrap();
    let (sender, conn) =
        hyper::client::conn::http2::handshake(TokioExecutor::new(), TokioIo::new(stream))
            .await
            .unwrap();
    (sender, tokio::spawn(conn))
}

/// A GET of `path` on an h2c connection to `addr`: the status and the
/// whole body.
pub async fn h2c_get(
    sender: &mut SendRequest<Empty<Bytes>>,
    addr: &str,
    path: &str,
) -> (u16, Bytes) {
    let req = http::Request::get(format!("http://{addr}{path}"))
        .body(Empty::new())
        .unwrap();
    let res = sender.send_request(req).await.unwrap();
    let status = res.status().as_u16();
    (status, res.into_body().collect().await.unwrap().to_bytes())
}
