//! In-process dispatch: one request per route of the GitHub API set through
//! tower's `oneshot`, flaxum's `App` against an axum `Router` with the same
//! handlers. A third series only builds the requests, so the cost beyond
//! building them is each series minus that one.
//!
//! A second group puts three pass-through middleware on every route:
//! flaxum's `#[middleware]` chain against three `axum::middleware::from_fn`
//! layers; what one middleware costs is (with three − without) / 3.
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

macro_rules! pass_through {
    ($($f:ident, $a:ident);*) => {$(
        #[flaxum::middleware]
        async fn $f(req: axum::extract::Request, next: flaxum::Next) -> axum::response::Response {
            next.run(req).await
        }

        async fn $a(
            req: axum::extract::Request,
            next: axum::middleware::Next,
        ) -> axum::response::Response {
            next.run(req).await
        }
    )*};
}
pass_through!(m1, a1; m2, a2; m3, a3);

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

    let flaxum3 = flaxum::App::new(github_routes!(self; middleware = [m1, m2, m3]));
    let axum3 = axum_router()
        .layer(axum::middleware::from_fn(a1))
        .layer(axum::middleware::from_fn(a2))
        .layer(axum::middleware::from_fn(a3));
    rt.block_on(async {
        for (m, p) in REQUESTS {
            let a = flaxum3.clone().oneshot(request(m, p)).await.unwrap();
            assert_eq!(a.status(), StatusCode::OK, "flaxum {m} {p}");
            let b = axum3.clone().oneshot(request(m, p)).await.unwrap();
            assert_eq!(b.status(), StatusCode::OK, "axum {m} {p}");
        }
    });
    let mut g = c.benchmark_group("dispatch-github-3-middleware");
    g.throughput(Throughput::Elements(REQUESTS.len() as u64));
    g.bench_function("flaxum", |b| {
        b.iter(|| {
            rt.block_on(async {
                for (m, p) in REQUESTS {
                    black_box(flaxum3.clone().oneshot(request(m, p)).await.unwrap());
                }
            })
        })
    });
    g.bench_function("axum", |b| {
        b.iter(|| {
            rt.block_on(async {
                for (m, p) in REQUESTS {
                    black_box(axum3.clone().oneshot(request(m, p)).await.unwrap());
                }
            })
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
