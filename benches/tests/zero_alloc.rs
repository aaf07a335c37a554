//! flaxum's lookup allocates nothing: every concrete request of every route
//! set is looked up under a global allocator that counts allocations.
//! Building the App allocates nothing; through it, a request costs exactly
//! one allocation beyond the response: the box of the handler's future.
//!
//! The allocator is the one place of the crate with `unsafe`: implementing
//! [`GlobalAlloc`] requires it, and the implementation only forwards to
//! [`System`].
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::response::IntoResponse;
use flaxum::table::Lookup;
use flaxum_benches::SETS;
use http::StatusCode;
use tower::ServiceExt;

/// The system allocator, counting every allocation and reallocation.
struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every method forwards to `System` with the caller's arguments, so
// `System`'s guarantees carry over unchanged.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::SeqCst);
        // SAFETY: the caller upholds `GlobalAlloc::alloc`'s contract.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::SeqCst);
        // SAFETY: as for `alloc`.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::SeqCst);
        // SAFETY: the caller upholds `GlobalAlloc::realloc`'s contract.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller upholds `GlobalAlloc::dealloc`'s contract.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Allocations counted so far, by any thread.
fn allocations() -> usize {
    ALLOCATIONS.load(Ordering::SeqCst)
}

/// Runs `f` and returns how many allocations happened meanwhile. The test
/// harness runs tests on several threads, so both checks below live in the
/// one test function: nothing else allocates while it measures.
fn count(f: impl FnOnce()) -> usize {
    let before = allocations();
    f();
    allocations() - before
}

#[test]
fn lookups_do_not_allocate_and_the_app_boxes_once() {
    // The counter works: a one-element Vec is one allocation.
    let seen = count(|| {
        black_box(Vec::<u8>::with_capacity(black_box(1)));
    });
    assert_eq!(seen, 1, "the counting allocator must see an allocation");

    let mut found = 0;
    let seen = count(|| {
        for set in &SETS {
            for req in set.requests {
                match black_box(set.table.lookup(req.method, black_box(req.path).as_bytes())) {
                    Lookup::Found(m) if m.route() == req.route => found += 1,
                    _ => {}
                }
            }
        }
    });
    assert_eq!(seen, 0, "lookups allocated {seen} times");
    let total: usize = SETS.iter().map(|s| s.requests.len()).sum();
    assert_eq!(found, total, "every request reaches its route");
    assert_eq!(total, 203 + 26 + 13 + 157);

    // Through the App: routing and extracting `&str` parameters allocate
    // nothing; dispatch boxes the handler's future once (the price of an
    // App type that does not grow with its routes: BENCHMARKS.md, "Compile
    // time"). Nothing else may allocate beyond what the handler's own
    // response does.
    // Building the App allocates nothing: its table is a static, and its
    // handlers are types.
    let mut app = None;
    let built = count(|| {
        app = Some(black_box(flaxum_app()));
    });
    assert_eq!(built, 0, "building the App allocated {built} times");
    let app = app.expect("built");
    for (method, path) in REQUESTS {
        let req = request(method, path);
        let app = app.clone();
        let response_alone = count(|| {
            black_box(StatusCode::OK.into_response());
        });
        let mut status = StatusCode::IM_A_TEAPOT;
        let routed = count(|| {
            let res = ready_now(app.oneshot(req)).expect("infallible");
            status = res.status();
            black_box(res);
        });
        assert_eq!(status, StatusCode::OK, "{method} {path}");
        assert_eq!(
            routed,
            response_alone + 1,
            "{method} {path}: {routed} allocations through the App, {response_alone} for the response alone, 1 for the handler's future"
        );
    }
}

/// The GitHub set as a flaxum app whose handlers take `&str` parameters
/// (the file also holds the axum twin the dispatch benchmark uses).
#[allow(dead_code)]
mod github_app {
    use std::hint::black_box;

    use axum::extract::Path;
    use http::StatusCode;

    include!(concat!(env!("OUT_DIR"), "/github_app.rs"));
}
use github_app::{flaxum_app, REQUESTS};

fn request(method: &str, path: &str) -> http::Request<axum::body::Body> {
    http::Request::builder()
        .method(method)
        .uri(path)
        .body(axum::body::Body::empty())
        .expect("a valid request")
}

/// Polls a future that is ready at once (no I/O is involved).
fn ready_now<F: std::future::Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    match f.as_mut().poll(&mut cx) {
        std::task::Poll::Ready(v) => v,
        std::task::Poll::Pending => panic!("the app did not answer at once"),
    }
}
