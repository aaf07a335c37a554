//! The servers of the HTTP load test (`benches/http/run.sh`): the GitHub
//! API's 203 routes on flaxum (`flaxum::serve`) and on a plain axum `Router`
//! (`axum::serve`), with the same handlers, and a bare hyper service with
//! one fixed answer, the ceiling.
//!
//! `load-server flaxum|axum|hyper ADDR` serves; `flaxum-axum-serve` is the
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
        "axum" => {
            let listener = tokio::net::TcpListener::bind(addr).await?;
            axum::serve(listener, github::axum_router()).await
        }
        "hyper" => bare_hyper(&addr).await,
        "flaxum-axum-serve" => {
            let listener = tokio::net::TcpListener::bind(addr).await?;
            axum::serve(
                listener,
                flaxum::App::new(github_routes!(github)).into_router(),
            )
            .await
        }
        _ => {
            eprintln!("usage: load-server flaxum|axum|hyper|flaxum-axum-serve ADDR | --requests");
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
