//! The servers of the HTTP load test (`benches/http/run.sh`): the GitHub
//! API's 203 routes on flaxum (`flaxum::serve`), on a plain axum `Router`
//! (`axum::serve`) and on hyper routed by hand (a `match` on the method and
//! the path's segments), with the same handlers; and a bare hyper service
//! with one fixed answer, which does no routing. actix-web is a separate
//! crate (`benches/http/actix`), to keep it out of the workspace's build.
//!
//! `load-server flaxum|flaxum-workers|axum|hand|hyper ADDR` serves;
//! `flaxum-workers` is flaxum with `Server::workers` at one thread per
//! core; `flaxum-axum-serve` is the
//! flaxum app on `axum::serve` instead of flaxum's server, to tell the two
//! layers apart; `load-server --requests` prints one `METHOD PATH` line per
//! route.
#![forbid(unsafe_code)]

use std::convert::Infallible;
use std::hint::black_box;

use axum::extract::Path;
use http::StatusCode;

#[allow(dead_code)]
#[macro_use]
mod github {
    use super::*;
    include!(concat!(env!("OUT_DIR"), "/github_app.rs"));
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let which = args.get(1).map(String::as_str).unwrap_or("");
    if which == "--requests" {
        for (m, p) in github::REQUESTS {
            println!("{m} {p}");
        }
        return Ok(());
    }
    let addr = args
        .get(2)
        .cloned()
        .unwrap_or_else(|| "127.0.0.1:5002".to_owned());
    match which {
        // The same routes as `examples/github`, with the handlers of the
        // axum twin, so both servers do the same work past routing.
        "flaxum" => flaxum::serve(addr, flaxum::App::new(github_routes!(github))).await,
        // flaxum with a thread of its own per core (`Server::workers`).
        "flaxum-workers" => {
            let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
            flaxum::Server::new()
                .workers(cores)
                .serve(addr, flaxum::App::new(github_routes!(github)))
                .await
        }
        "axum" => {
            let listener = tokio::net::TcpListener::bind(addr).await?;
            axum::serve(listener, github::axum_router()).await
        }
        "hyper" => bare_hyper(&addr).await,
        "hand" => hand_routed(&addr).await,
        "flaxum-axum-serve" => {
            let listener = tokio::net::TcpListener::bind(addr).await?;
            axum::serve(
                listener,
                flaxum::App::new(github_routes!(github)).into_router(),
            )
            .await
        }
        _ => {
            eprintln!(
                "usage: load-server flaxum|axum|hand|hyper|flaxum-axum-serve ADDR | --requests"
            );
            std::process::exit(2)
        }
    }
}

/// One fixed 200 for every request: what serving costs with no routing.
async fn bare_hyper(addr: &str) -> std::io::Result<()> {
    use hyper_util::rt::{TokioExecutor, TokioIo};
    let listener = tokio::net::TcpListener::bind(addr).await?;
    loop {
        let (stream, _) = listener.accept().await?;
        tokio::spawn(async move {
            let svc = hyper::service::service_fn(|_req| async {
                Ok::<_, Infallible>(http::Response::new(axum::body::Body::empty()))
            });
            let _ = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new())
                .serve_connection(TokioIo::new(stream), svc)
                .await;
        });
    }
}

/// The GitHub routes on hyper with no router: `github::hand_route`, a
/// `match` on the method and the segments, then the handlers' work.
///
/// Of `flaxum::serve`'s limits it has the header read timeout (10 s), the
/// request timeout (30 s, 503), the connection cap (10,000, held at
/// accept) and hyper's 100 headers. It has no cap on requests in flight,
/// no body pacing (no handler reads a body), no graceful shutdown and no
/// panic guard: none of them is exercised by this load.
async fn hand_routed(addr: &str) -> std::io::Result<()> {
    use std::sync::Arc;
    use std::time::Duration;

    use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};

    let listener = tokio::net::TcpListener::bind(addr).await?;
    let open = Arc::new(tokio::sync::Semaphore::new(10_000));
    let mut builder = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(Duration::from_secs(10));
    let builder = Arc::new(builder);
    loop {
        let permit = open.clone().acquire_owned().await.expect("never closed");
        let (stream, _) = listener.accept().await?;
        let builder = builder.clone();
        tokio::spawn(async move {
            let svc = hyper::service::service_fn(
                |req: http::Request<hyper::body::Incoming>| async move {
                    let answer = tokio::time::timeout(Duration::from_secs(30), async {
                        match github::hand_route(req.method(), req.uri().path()) {
                            Some(work) => {
                                black_box(work);
                                StatusCode::OK
                            }
                            None => StatusCode::NOT_FOUND,
                        }
                    })
                    .await
                    .unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
                    let mut res = http::Response::new(axum::body::Body::empty());
                    *res.status_mut() = answer;
                    Ok::<_, Infallible>(res)
                },
            );
            let _ = builder.serve_connection(TokioIo::new(stream), svc).await;
            drop(permit);
        });
    }
}
