//! In-process dispatch: one request per route of the GitHub API set through
//! tower's `oneshot`, flaxum's `App` against an axum `Router` with the same
//! handlers. A third series only builds the requests, so the cost beyond
//! building them is each series minus that one.
//!
//! Run: `cargo bench -p flaxum-benches --bench dispatch`.
#![forbid(unsafe_code)]

use std::hint::black_box;

use axum::body::Body;
use axum::extract::Path;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use http::{Request, StatusCode};
use tower::ServiceExt;

include!(concat!(env!("OUT_DIR"), "/github_app.rs"));

fn request(method: &str, path: &str) -> Request<Body> {
    Request::builder()
        .method(method)
        .uri(path)
        .body(Body::empty())
        .expect("a valid request")
}

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a runtime");
    let flaxum = flaxum_app();
    let axum = axum_router();
    // Both apps answer every request with the handler's 200.
    rt.block_on(async {
        for (m, p) in REQUESTS {
            let a = flaxum.clone().oneshot(request(m, p)).await.unwrap();
            assert_eq!(a.status(), StatusCode::OK, "flaxum {m} {p}");
            let b = axum.clone().oneshot(request(m, p)).await.unwrap();
            assert_eq!(b.status(), StatusCode::OK, "axum {m} {p}");
        }
    });
    let mut g = c.benchmark_group("dispatch-github");
    g.throughput(Throughput::Elements(REQUESTS.len() as u64));
    g.bench_function("build-request-only", |b| {
        b.iter(|| {
            rt.block_on(async {
                for (m, p) in REQUESTS {
                    black_box(request(m, p));
                }
            })
        })
    });
    g.bench_function("flaxum", |b| {
        b.iter(|| {
            rt.block_on(async {
                for (m, p) in REQUESTS {
                    black_box(flaxum.clone().oneshot(request(m, p)).await.unwrap());
                }
            })
        })
    });
    g.bench_function("axum", |b| {
        b.iter(|| {
            rt.block_on(async {
                for (m, p) in REQUESTS {
                    black_box(axum.clone().oneshot(request(m, p)).await.unwrap());
                }
            })
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
