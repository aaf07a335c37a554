//! flaxum's lookup allocates nothing: every concrete request of every route
//! set is looked up under a global allocator that counts allocations.
//!
//! The allocator is the one place of the crate with `unsafe`: implementing
//! [`GlobalAlloc`] requires it, and the implementation only forwards to
//! [`System`].
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};

use flaxum::table::Lookup;
use flaxum_benches::SETS;

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
fn lookups_do_not_allocate() {
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
}
