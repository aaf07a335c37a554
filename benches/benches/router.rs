//! Router lookup benchmark, in the style of the Go routing benchmark's
//! `GithubAll`: one iteration looks up every concrete request path of a
//! route set once, with each router side by side, plus floors that only read
//! the paths.
//!
//! Method-unaware routers are used the way their frameworks use them:
//! matchit (both versions, as in axum) and actix-router (as in actix-web)
//! map a path pattern to a per-method table of routes; path-tree (as in viz)
//! has one tree per method, found by a linear scan of the methods.
//!
//! Run with `cargo bench -p flaxum-benches --bench router`; see
//! `BENCHMARKS.md` at the workspace root for the measured results.
#![forbid(unsafe_code)]

use std::collections::BTreeMap;
use std::hint::black_box;

use criterion::measurement::WallTime;
use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion, Throughput};
use flaxum::route::{RouteDef, Segment};
use flaxum::table::Lookup;
use flaxum::Methods;
use flaxum_benches::{RouteSet, SETS};

/// Number of method bits in [`Methods`].
const METHOD_BITS: usize = 9;

/// The route answering each method at one path pattern: what axum's
/// `MethodRouter` or an actix-web resource picks once the path matched.
#[derive(Clone, Copy, Debug)]
struct ByMethod([u16; METHOD_BITS]);

impl ByMethod {
    const NONE: u16 = u16::MAX;

    fn new() -> ByMethod {
        ByMethod([Self::NONE; METHOD_BITS])
    }

    fn add(&mut self, methods: Methods, route: usize) {
        let route = u16::try_from(route).expect("route index fits u16");
        for (bit, slot) in self.0.iter_mut().enumerate() {
            if methods.bits() & (1 << bit) != 0 {
                assert_eq!(*slot, Self::NONE, "two routes for one method and path");
                *slot = route;
            }
        }
    }

    #[inline]
    fn get(&self, method: Methods) -> Option<u16> {
        let route = *self.0.get(method.bits().trailing_zeros() as usize)?;
        (route != Self::NONE).then_some(route)
    }
}

/// A route's path in a router's own syntax.
fn pattern(route: &RouteDef, param: fn(&str) -> String, catch_all: fn(&str) -> String) -> String {
    let mut out = String::new();
    for seg in route.segments {
        out.push('/');
        match *seg {
            Segment::Static(text) => out.push_str(text),
            Segment::Param { name, .. } => out.push_str(&param(name)),
            Segment::CatchAll { name } => out.push_str(&catch_all(name)),
        }
    }
    out
}

/// `{name}` parameters and `{*name}` catch-alls (matchit).
fn braces(route: &RouteDef) -> String {
    pattern(route, |n| format!("{{{n}}}"), |n| format!("{{*{n}}}"))
}

/// The routes of a set grouped by path pattern, in `syntax`, each with its
/// per-method routes, most specific pattern first (static segments before
/// parameters, from the left).
fn by_pattern(set: &RouteSet, syntax: fn(&RouteDef) -> String) -> Vec<(String, ByMethod)> {
    let mut patterns: BTreeMap<(Vec<u8>, String), ByMethod> = BTreeMap::new();
    for (i, route) in set.routes.iter().enumerate() {
        let tiers = route.segments.iter().map(Segment::tier).collect();
        patterns
            .entry((tiers, syntax(route)))
            .or_insert_with(ByMethod::new)
            .add(route.methods, i);
    }
    patterns.into_iter().map(|((_, p), m)| (p, m)).collect()
}

/// A router under test.
trait Router {
    /// What one lookup returns: the route and its parameters.
    type Out<'a>
    where
        Self: 'a;

    fn find<'a>(&'a self, method: Methods, path: &'a str) -> Self::Out<'a>;

    /// The route index in the set of a lookup's result.
    fn route(out: &Self::Out<'_>) -> Option<usize>;
}

/// flaxum's compile-time table.
struct Flaxum(&'static flaxum::table::Table);

impl Router for Flaxum {
    type Out<'a> = Lookup;

    #[inline]
    fn find<'a>(&'a self, method: Methods, path: &'a str) -> Lookup {
        self.0.lookup(method, path.as_bytes())
    }

    fn route(out: &Lookup) -> Option<usize> {
        match out {
            Lookup::Found(m) => Some(m.route()),
            _ => None,
        }
    }
}

/// matchit 0.8.4 (axum 0.8's router): one router of path patterns.
struct Matchit08(matchit08::Router<ByMethod>);

impl Matchit08 {
    fn new(set: &RouteSet) -> Matchit08 {
        let mut router = matchit08::Router::new();
        for (p, methods) in by_pattern(set, braces) {
            router
                .insert(p.as_str(), methods)
                .unwrap_or_else(|e| panic!("matchit 0.8: {p}: {e}"));
        }
        Matchit08(router)
    }
}

impl Router for Matchit08 {
    type Out<'a> = Option<(u16, matchit08::Params<'a, 'a>)>;

    #[inline]
    fn find<'a>(&'a self, method: Methods, path: &'a str) -> Self::Out<'a> {
        let m = self.0.at(path).ok()?;
        Some((m.value.get(method)?, m.params))
    }

    fn route(out: &Self::Out<'_>) -> Option<usize> {
        out.as_ref().map(|(r, _)| *r as usize)
    }
}

/// matchit 0.9: one router of path patterns.
struct Matchit09(matchit09::Router<ByMethod>);

impl Matchit09 {
    fn new(set: &RouteSet) -> Matchit09 {
        let mut router = matchit09::Router::new();
        for (p, methods) in by_pattern(set, braces) {
            router
                .insert(p.as_str(), methods)
                .unwrap_or_else(|e| panic!("matchit 0.9: {p}: {e}"));
        }
        Matchit09(router)
    }
}

impl Router for Matchit09 {
    type Out<'a> = Option<(u16, matchit09::Params<'a, 'a>)>;

    #[inline]
    fn find<'a>(&'a self, method: Methods, path: &'a str) -> Self::Out<'a> {
        let m = self.0.at(path).ok()?;
        Some((m.value.get(method)?, m.params))
    }

    fn route(out: &Self::Out<'_>) -> Option<usize> {
        out.as_ref().map(|(r, _)| *r as usize)
    }
}

/// actix-router: resources tried in order, most specific pattern first (as
/// an actix-web user registers them).
struct Actix(actix_router::Router<ByMethod>);

impl Actix {
    fn new(set: &RouteSet) -> Actix {
        let mut builder = actix_router::Router::build();
        for (p, methods) in by_pattern(set, |r| {
            pattern(r, |n| format!("{{{n}}}"), |n| format!("{{{n}}}*"))
        }) {
            builder.path(p.as_str(), methods);
        }
        Actix(builder.finish())
    }
}

impl Router for Actix {
    type Out<'a> = Option<(u16, actix_router::Path<&'a str>)>;

    #[inline]
    fn find<'a>(&'a self, method: Methods, path: &'a str) -> Self::Out<'a> {
        let mut resource = actix_router::Path::new(path);
        let (methods, _) = self.0.recognize(&mut resource)?;
        Some((methods.get(method)?, resource))
    }

    fn route(out: &Self::Out<'_>) -> Option<usize> {
        out.as_ref().map(|(r, _)| *r as usize)
    }
}

/// path-tree: one tree per method, the tree found by a scan of the methods
/// (as viz does).
struct PathTree(Vec<(Methods, path_tree::PathTree<u16>)>);

impl PathTree {
    fn new(set: &RouteSet) -> PathTree {
        let mut trees: Vec<(Methods, path_tree::PathTree<u16>)> = Vec::new();
        for (i, route) in set.routes.iter().enumerate() {
            assert_eq!(route.methods.len(), 1, "one method per route line");
            let t = match trees.iter().position(|(m, _)| *m == route.methods) {
                Some(t) => t,
                None => {
                    trees.push((route.methods, path_tree::PathTree::new()));
                    trees.len() - 1
                }
            };
            let p = pattern(route, |n| format!(":{n}"), |n| format!(":{n}+"));
            let _id = trees[t].1.insert(&p, u16::try_from(i).expect("fits u16"));
        }
        PathTree(trees)
    }
}

impl Router for PathTree {
    type Out<'a> = Option<(&'a u16, path_tree::Path<'a, 'a>)>;

    #[inline]
    fn find<'a>(&'a self, method: Methods, path: &'a str) -> Self::Out<'a> {
        let (_, tree) = self.0.iter().find(|(m, _)| *m == method)?;
        tree.find(path)
    }

    fn route(out: &Self::Out<'_>) -> Option<usize> {
        out.as_ref().map(|(r, _)| **r as usize)
    }
}

/// Checks that `router` finds the expected route for every request of
/// `set`: a router that misses would be measured doing less work.
fn verify<R: Router>(name: &str, set: &RouteSet, router: &R) {
    for req in set.requests {
        let out = router.find(req.method, req.path);
        assert_eq!(
            R::route(&out),
            Some(req.route),
            "{name} on {}: {} {} should reach {}",
            set.name,
            req.method,
            req.path,
            set.routes[req.route].path
        );
    }
}

/// The requests of a set as `(method, path)` pairs, packed for the loops.
fn requests(set: &RouteSet) -> Vec<(Methods, &'static str)> {
    set.requests.iter().map(|r| (r.method, r.path)).collect()
}

fn bench_router<R: Router>(
    group: &mut BenchmarkGroup<'_, WallTime>,
    name: &str,
    set: &RouteSet,
    router: R,
) {
    verify(name, set, &router);
    let reqs = requests(set);
    group.bench_function(name, |b| {
        b.iter(|| {
            for &(method, path) in black_box(reqs.as_slice()) {
                // By reference: the result must exist, but is not copied
                // again (flaxum's `Lookup` is 72 bytes).
                black_box(&router.find(method, path));
            }
        })
    });
}

fn bench_floor(
    group: &mut BenchmarkGroup<'_, WallTime>,
    name: &str,
    set: &RouteSet,
    floor: fn(&[u8]) -> u64,
) {
    let reqs = requests(set);
    group.bench_function(name, |b| {
        b.iter(|| {
            for &(_, path) in black_box(reqs.as_slice()) {
                black_box(floor(path.as_bytes()));
            }
        })
    });
}

/// Floor: read every byte of the path.
#[inline]
fn floor_bytes(path: &[u8]) -> u64 {
    path.iter()
        .fold(0u64, |acc, &b| acc.wrapping_add(u64::from(b)))
}

/// Floor: split the path at `/` and touch each segment (its length and
/// first byte).
#[inline]
fn floor_split(path: &[u8]) -> u64 {
    path.split(|&b| b == b'/').fold(0u64, |acc, seg| {
        acc.wrapping_add(seg.len() as u64) ^ u64::from(seg.first().copied().unwrap_or(0))
    })
}

/// Floor for static paths: one FxHash-style hash of the whole path, eight
/// bytes at a time.
#[inline]
fn floor_fxhash(path: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let step = |h: u64, w: u64| (h.rotate_left(5) ^ w).wrapping_mul(K);
    let mut chunks = path.chunks_exact(8);
    let mut h = step(0, path.len() as u64);
    for c in &mut chunks {
        h = step(h, u64::from_le_bytes(c.try_into().expect("eight bytes")));
    }
    let tail = chunks.remainder();
    let mut last = [0u8; 8];
    last[..tail.len()].copy_from_slice(tail);
    step(h, u64::from_le_bytes(last))
}

fn routers(c: &mut Criterion) {
    for set in &SETS {
        let mut group = c.benchmark_group(set.name);
        group.throughput(Throughput::Elements(set.requests.len() as u64));
        bench_router(&mut group, "flaxum", set, Flaxum(set.table));
        bench_router(&mut group, "matchit-0.8.4", set, Matchit08::new(set));
        bench_router(&mut group, "matchit-0.9", set, Matchit09::new(set));
        bench_router(&mut group, "actix-router", set, Actix::new(set));
        bench_router(&mut group, "path-tree", set, PathTree::new(set));
        bench_floor(&mut group, "floor-bytes", set, floor_bytes);
        bench_floor(&mut group, "floor-split", set, floor_split);
        if set.name == "static" {
            bench_floor(&mut group, "floor-fxhash", set, floor_fxhash);
        }
        group.finish();
    }
}

criterion_group!(benches, routers);
criterion_main!(benches);
