//! Property-based reference oracle for the routing core: random route
//! tables over a tiny alphabet, built with the const builder at run time,
//! matched against a naive reference matcher (`oracle/reference.rs`) that
//! follows DESIGN §4 independently of the table's tree.
//!
//! Case counts: about 104,000 generated cases by default, split over the
//! properties below (see `WEIGHTS`). `FLAXUM_PROPTEST_CASES=N` sets the
//! total instead (each property gets its share of N).
//!
//! The seed is fixed, so CI runs the same cases every time and a failure
//! reproduces; `FLAXUM_PROPTEST_SEED=random` (or a number) explores other
//! cases, as a search for bugs should from time to time.
//!
//! Failure persistence is off: proptest's seed files are opaque and tied to
//! the generators' layout. Every disagreement found is kept instead as a
//! readable deterministic test in `oracle/regressions.rs`. The generator is
//! XorShift: ChaCha, proptest's default, takes most of a debug run's time.
//! When every property passes, a default run takes about 15 s on 2 cores.
//!
//! `OPTIONS` requests are not generated (the reference does not model the
//! automatic `OPTIONS` answer); the regression tests cover them.
//!
//! Every built table is leaked (`build` needs `'static` routes and
//! `Built::table` a `'static` `Built`); a default run leaks a few hundred
//! megabytes at most, proportionally more with `FLAXUM_PROPTEST_CASES`.

#[path = "oracle/gen.rs"]
mod gen;
#[path = "oracle/model.rs"]
mod model;
#[path = "oracle/reference.rs"]
mod reference;
#[path = "oracle/regressions.rs"]
mod regressions;

use std::sync::OnceLock;

use flaxum::table::{Lookup, Table};
use flaxum::Methods;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{RngAlgorithm, TestCaseError, TestRunner};

use model::{RouteSpec, TableSpec};
use reference::{Outcome, Reference};

// ---------------------------------------------------------------------------
// Configuration.

/// Default cases per property (sum: the default total).
const WEIGHTS: [(&str, u32); 7] = [
    ("no_panic", 30_000),
    ("agreement", 20_000),
    ("static_self", 8_000),
    ("template", 12_000),
    ("found_renders_back", 10_000),
    ("shuffle", 8_000),
    ("conflicts", 16_000),
];

fn cases(name: &str) -> u32 {
    let default = WEIGHTS.iter().find(|(n, _)| *n == name).unwrap().1;
    let total: u32 = WEIGHTS.iter().map(|(_, c)| c).sum();
    match std::env::var("FLAXUM_PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    {
        Some(n) => ((n * default as u64) / total as u64).max(1) as u32,
        None => default,
    }
}

/// The seed: fixed unless `FLAXUM_PROPTEST_SEED` says `random` or a number.
fn seed() -> proptest::test_runner::RngSeed {
    use proptest::test_runner::RngSeed;
    match std::env::var("FLAXUM_PROPTEST_SEED").ok().as_deref() {
        Some("random") => RngSeed::Random,
        Some(n) => RngSeed::Fixed(
            n.parse()
                .expect("FLAXUM_PROPTEST_SEED: `random` or a number"),
        ),
        None => RngSeed::Fixed(0x00f1_a8c5),
    }
}

fn config(name: &str) -> ProptestConfig {
    ProptestConfig {
        cases: cases(name),
        rng_seed: seed(),
        failure_persistence: None,
        max_shrink_iters: 4096,
        // ChaCha (the default) dominates the run time in a debug build.
        rng_algorithm: RngAlgorithm::XorShift,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------------------
// Fixtures and reports.

fn method_name(m: u16) -> String {
    if m == 0 {
        "EXTENSION".to_string()
    } else {
        Methods::from_bits(m).to_string()
    }
}

fn show(path: &[u8]) -> String {
    format!("\"{}\"", path.escape_ascii())
}

/// A table built from a spec the reference accepts, with its reference.
struct Fixture {
    spec: TableSpec,
    table: Table,
    reference: Reference,
}

impl Fixture {
    /// Builds `spec` after dropping the routes the reference says conflict.
    fn repaired(mut spec: TableSpec) -> Result<Fixture, TestCaseError> {
        spec.routes = reference::repair(&spec.routes);
        Fixture::new(spec)
    }

    fn new(spec: TableSpec) -> Result<Fixture, TestCaseError> {
        let ids: Vec<usize> = (0..spec.routes.len()).collect();
        Fixture::with_ids(spec, &ids)
    }

    fn with_ids(spec: TableSpec, ids: &[usize]) -> Result<Fixture, TestCaseError> {
        let defs = model::defs(&spec.routes, ids);
        let table = model::try_build(defs, spec.opts()).map_err(|e| {
            TestCaseError::fail(format!(
                "the builder rejects a table the reference accepts:\n{}  builder: {e}",
                spec.describe()
            ))
        })?;
        let reference = Reference::new(&spec.routes, spec.strict);
        Ok(Fixture {
            spec,
            table,
            reference,
        })
    }

    fn lookup(&self, method: u16, path: &[u8], merge: bool) -> Outcome {
        self.table
            .lookup_with(Methods::from_bits(method), path, merge)
            .into()
    }

    fn report(&self, what: &str, method: u16, path: &[u8], merge: bool, got: &Outcome) -> String {
        format!(
            "{what} (merge_slashes={merge}):\n  routes:\n{}  request: {} {}\n  table:     {got:?}\n  reference: {:?}",
            self.spec.describe(),
            method_name(method),
            show(path),
            self.reference.lookup(method, path, merge),
        )
    }

    /// Table and reference agree on `method path`, both slash modes.
    fn agree(&self, method: u16, path: &[u8]) -> Result<(), TestCaseError> {
        for merge in [true, false] {
            let want = self.reference.lookup(method, path, merge);
            if let Outcome::Ambiguous(_) = want {
                return Err(TestCaseError::fail(self.report(
                    "two routes tie for this request but the builder saw no conflict",
                    method,
                    path,
                    merge,
                    &self.lookup(method, path, merge),
                )));
            }
            let got = self.lookup(method, path, merge);
            if got != want {
                return Err(TestCaseError::fail(self.report(
                    "table and reference disagree",
                    method,
                    path,
                    merge,
                    &got,
                )));
            }
        }
        Ok(())
    }
}

/// Checks the shape of a match: a real route, one range per parameter,
/// non-empty, inside the path, in order; `render` runs.
fn well_formed(table: &Table, path: &[u8], l: &Lookup) -> Result<(), TestCaseError> {
    let m = match l {
        Lookup::Found(m) | Lookup::Redirect(m) => m,
        Lookup::MethodNotAllowed(ms) => {
            prop_assert!(!ms.is_empty(), "405 with no method");
            return Ok(());
        }
        Lookup::NotFound => return Ok(()),
    };
    prop_assert!(
        m.route() < table.routes().len(),
        "route index out of range: {l:?}"
    );
    let r = table.route(m.route());
    prop_assert_eq!(m.params().len(), r.param_count(), "params of {:?}", l);
    let mut last = 0;
    for range in m.params().iter() {
        prop_assert!(
            range.start < range.end && range.end <= path.len(),
            "{:?}",
            l
        );
        prop_assert!(range.start > last, "ranges out of order: {:?}", l);
        last = range.end;
    }
    let mut out = String::new();
    table.render(m, path, &mut out);
    prop_assert!(out.starts_with('/'));
    Ok(())
}

/// Tables for the no-panic property, made once: repaired random tables from
/// a fixed seed, plus a wide one (every word at the root: perfect hash).
fn pool() -> &'static [(TableSpec, Table)] {
    static POOL: OnceLock<Vec<(TableSpec, Table)>> = OnceLock::new();
    POOL.get_or_init(|| {
        let mut runner = TestRunner::deterministic();
        let mut v = Vec::new();
        let strategy = gen::table(12);
        while v.len() < 63 {
            let mut spec = strategy.new_tree(&mut runner).unwrap().current();
            spec.routes = reference::repair(&spec.routes);
            let ids: Vec<usize> = (0..spec.routes.len()).collect();
            let table = model::try_build(model::defs(&spec.routes, &ids), spec.opts())
                .expect("pool table builds");
            v.push((spec, table));
        }
        let mut routes: Vec<RouteSpec> = (0..model::WORDS.len() as u8)
            .map(|w| RouteSpec {
                methods: gen::GET,
                segs: vec![model::SegSpec::Static(w)],
                strict: true,
            })
            .collect();
        routes.push(RouteSpec {
            methods: gen::GET,
            segs: vec![
                model::SegSpec::Param(model::PLAIN),
                model::SegSpec::CatchAll,
            ],
            strict: false,
        });
        let spec = TableSpec {
            routes,
            strict: true,
        };
        let ids: Vec<usize> = (0..spec.routes.len()).collect();
        let table = model::try_build(model::defs(&spec.routes, &ids), spec.opts()).unwrap();
        v.push((spec, table));
        v
    })
}

fn any_path() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..40),
        proptest::collection::vec(gen::noisy_byte(), 0..40).prop_map(|mut b| {
            b.insert(0, b'/');
            b
        }),
    ]
}

// ---------------------------------------------------------------------------
// Properties.

proptest! {
    #![proptest_config(config("no_panic"))]

    /// Any bytes, any method: no panic, and a well-formed answer.
    #[test]
    fn no_panic_on_any_input(t in 0usize..64, method in gen::method(), path in any_path()) {
        let (_, table) = &pool()[t];
        for merge in [true, false] {
            let l = table.lookup_with(Methods::from_bits(method), &path, merge);
            well_formed(table, &path, &l)?;
        }
    }
}

proptest! {
    #![proptest_config(config("agreement"))]

    /// The main property: table and reference give the same outcome (route
    /// index and parameter ranges included) for every generated request.
    #[test]
    fn table_agrees_with_reference(
        spec in gen::table(12),
        requests in proptest::collection::vec((gen::method(), gen::recipe()), 8),
    ) {
        let fx = Fixture::repaired(spec)?;
        for (method, recipe) in &requests {
            let path = gen::render(recipe, &fx.spec.routes);
            fx.agree(*method, &path)?;
        }
    }
}

proptest! {
    #![proptest_config(config("static_self"))]

    /// A fully static route, requested with its own path, is found for each
    /// of its methods (and HEAD when its GET implies it).
    #[test]
    fn static_routes_match_themselves(spec in gen::table(12)) {
        let fx = Fixture::repaired(spec)?;
        let methods = reference::declared_methods(&fx.spec.routes);
        for (i, r) in fx.spec.routes.iter().enumerate() {
            if !r.segs.iter().all(|s| matches!(s, model::SegSpec::Static(_) | model::SegSpec::Slash)) {
                continue;
            }
            let path = gen::spell(r, &[], false);
            for bit in 0..9 {
                let m = 1u16 << bit;
                if methods[i] & m == 0 {
                    continue;
                }
                let got = fx.lookup(m, &path, true);
                if got != Outcome::Found(i, vec![]) {
                    return Err(TestCaseError::fail(fx.report(
                        &format!("static route #{i} does not match its own path"),
                        m, &path, true, &got)));
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(config("template"))]

    /// A route rendered with values its converters accept matches that route
    /// with exactly those values, or a route that outranks it.
    #[test]
    fn rendered_template_matches_route_or_better(
        spec in gen::table(12),
        pick in any::<u8>(),
        vals in any::<[u8; 4]>(),
        catch in any::<u8>(),
        mpick in any::<u8>(),
    ) {
        let fx = Fixture::repaired(spec)?;
        let routes = &fx.spec.routes;
        let i = pick as usize % routes.len();
        let r = &routes[i];
        let (path, ranges) = gen::render_route(r, &vals, &[0; 4], catch, true);
        let bits: Vec<u16> = (0..9).map(|b| 1u16 << b).filter(|m| r.methods & m != 0).collect();
        let method = bits[mpick as usize % bits.len()];
        let got = fx.lookup(method, &path, true);
        let mine = reference::vector(&r.segs);
        let ok = match &got {
            Outcome::Found(j, p) if *j == i => *p == ranges,
            Outcome::Found(j, _) => {
                // Another route, through its own pattern or its twin, with a
                // smaller vector.
                let s = &routes[*j];
                let outranks = |segs: &[model::SegSpec]| reference::vector(segs) < mine;
                outranks(&s.segs)
                    || (reference::has_twin(s, fx.spec.strict)
                        && outranks(&reference::twin_pattern(&s.segs)))
            }
            Outcome::Redirect(j, _) => *j != i && reference::vector(&routes[*j].segs) < mine,
            _ => false,
        };
        if !ok {
            return Err(TestCaseError::fail(fx.report(
                &format!("route #{i} rendered with values {ranges:?} is not matched by it or a better route"),
                method, &path, true, &got)));
        }
    }
}

proptest! {
    #![proptest_config(config("found_renders_back"))]

    /// For any Found, the matched route spelled with the returned values is
    /// the request path (byte for byte; a static segment the request
    /// percent-encoded differently must canonicalise to the route's text),
    /// and `Table::render` spells it the same way. For any Redirect, the
    /// rendered location is Found by the same route.
    #[test]
    fn found_renders_back(
        spec in gen::table(12),
        requests in proptest::collection::vec((gen::method(), gen::recipe()), 6),
    ) {
        let fx = Fixture::repaired(spec)?;
        for (method, recipe) in &requests {
            let path = gen::render(recipe, &fx.spec.routes);
            let l = fx.table.lookup(Methods::from_bits(*method), &path);
            well_formed(&fx.table, &path, &l)?;
            match l {
                Lookup::Found(m) => {
                    let r = &fx.spec.routes[m.route()];
                    let ranges: Vec<(usize, usize)> = m.params().iter().map(|x| (x.start, x.end)).collect();
                    let declared = gen::is_spelling(&path, r, &ranges, false);
                    let spelled = declared
                        || (reference::has_twin(r, fx.spec.strict) && gen::is_spelling(&path, r, &ranges, true));
                    if !spelled {
                        return Err(TestCaseError::fail(fx.report(
                            "Found, but the route spelled with its values is not the path",
                            *method, &path, true, &l.into())));
                    }
                    let values: Vec<&[u8]> = ranges.iter().map(|&(s, e)| &path[s..e]).collect();
                    // `render` keeps RFC 3986 `pchar`s, `%` and a catch-all's
                    // `/`, and escapes any other byte (a `\\` in a redirect
                    // would lead off-site): compare values made of those.
                    let kept = |b: &u8| b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@%/".contains(b);
                    if values.iter().all(|v| v.iter().all(kept)) {
                        let mut out = String::new();
                        fx.table.render(&m, &path, &mut out);
                        // The path as matched: a route reached through its
                        // slash twin is rendered the twin's way.
                        let want = gen::spell(r, &values, !declared);
                        if out.as_bytes() != want.as_slice() {
                            return Err(TestCaseError::fail(format!(
                                "{}\n  render: {} (expected {})",
                                fx.report("Table::render differs", *method, &path, true, &l.into()),
                                show(out.as_bytes()), show(&want))));
                        }
                    }
                }
                Lookup::Redirect(m) => {
                    let mut out = String::new();
                    fx.table.render(&m, &path, &mut out);
                    let again = fx.table.lookup(Methods::from_bits(*method), out.as_bytes());
                    let same = matches!(again, Lookup::Found(n) if n.route() == m.route());
                    if !same {
                        return Err(TestCaseError::fail(format!(
                            "{}\n  location {} gives {again:?}",
                            fx.report("a redirect's location is not found by the same route",
                                *method, &path, true, &l.into()),
                            show(out.as_bytes()))));
                    }
                }
                _ => {}
            }
        }
    }
}

proptest! {
    #![proptest_config(config("shuffle"))]

    /// Declaration order never matters: the same answers (route indices
    /// mapped through the permutation) after shuffling the routes.
    #[test]
    fn declaration_order_does_not_matter(
        spec in gen::table(12),
        keys in gen::perm_keys(),
        requests in proptest::collection::vec((gen::method(), gen::recipe()), 8),
    ) {
        let fx = Fixture::repaired(spec)?;
        let n = fx.spec.routes.len();
        // perm[new] = old; handler names follow the routes.
        let perm = gen::permutation(&keys, n);
        let shuffled = TableSpec {
            routes: perm.iter().map(|&o| fx.spec.routes[o].clone()).collect(),
            strict: fx.spec.strict,
        };
        let other = Fixture::with_ids(shuffled, &perm)?;
        let mut old_to_new = vec![0; n];
        for (new, &old) in perm.iter().enumerate() {
            old_to_new[old] = new;
        }
        for (method, recipe) in &requests {
            let path = gen::render(recipe, &fx.spec.routes);
            for merge in [true, false] {
                let a = fx.lookup(*method, &path, merge).mapped(&old_to_new);
                let b = other.lookup(*method, &path, merge);
                if a != b {
                    return Err(TestCaseError::fail(format!(
                        "{}\n  shuffled order (new #k = old #perm[k]): {perm:?}\n  shuffled table: {b:?}",
                        fx.report("the answer depends on the declaration order", *method, &path, merge, &fx.lookup(*method, &path, merge)))));
                }
            }
        }
    }
}

/// The handler indices named in a conflict message ("... (h3) and ... (h7) ...").
fn named(message: &str) -> Vec<usize> {
    message
        .split("(h")
        .skip(1)
        .filter_map(|s| s.split(')').next()?.parse().ok())
        .collect()
}

proptest! {
    #![proptest_config(config("conflicts"))]

    /// The builder rejects a table exactly when the reference finds two
    /// conflicting routes, whatever the declaration order, and the two
    /// routes its message names do conflict.
    #[test]
    fn conflict_detection_matches_reference(spec in gen::table(6), keys in gen::perm_keys()) {
        let n = spec.routes.len();
        let want = reference::conflict(&spec.routes);
        let mut orders = vec![(0..n).collect::<Vec<usize>>()];
        orders.push((0..n).rev().collect());
        orders.push(gen::permutation(&keys, n));
        for perm in &orders {
            let routes: Vec<RouteSpec> = perm.iter().map(|&o| spec.routes[o].clone()).collect();
            let verdict = model::builds(model::defs(&routes, perm), spec.opts());
            let fail = |why: String| TestCaseError::fail(format!(
                "{why}\n  routes:\n{}  order (new #k = old #perm[k]): {perm:?}\n  builder: {verdict:?}\n  reference conflict: {want:?}",
                spec.describe()));
            match (&verdict, want) {
                (Ok(()), None) => {}
                (Err(msg), Some(_)) => {
                    if !msg.contains("route conflict") {
                        return Err(fail("the builder panics for another reason".into()));
                    }
                    let who = named(msg);
                    let pair_conflicts = who.len() == 2 && who[0] != who[1] && {
                        let (a, b) = (who[0], who[1]);
                        reference::conflicting_pair(&spec.routes, a, b)
                    };
                    if !pair_conflicts {
                        return Err(fail(format!("the builder names routes {who:?}, which do not conflict")));
                    }
                }
                (Ok(()), Some(_)) => return Err(fail("the builder misses a conflict".into())),
                (Err(_), None) => return Err(fail("the builder reports a conflict the reference does not see".into())),
            }
        }
    }
}

/// The generators reach every interesting state often enough for the
/// properties to mean something; `--nocapture` prints the figures.
#[test]
fn generators_cover_the_interesting_states() {
    use std::collections::{BTreeMap, HashSet};
    let mut runner = TestRunner::deterministic();
    let tables = gen::table(12);
    let requests = proptest::collection::vec((gen::method(), gen::recipe()), 8);
    let mut sizes: BTreeMap<usize, u32> = BTreeMap::new();
    let mut outcomes: BTreeMap<&str, u32> = BTreeMap::new();
    let (mut exhaustive, mut hashed, mut twins, n) = (0, 0, 0, 2000);
    for _ in 0..n {
        let mut spec = tables.new_tree(&mut runner).unwrap().current();
        spec.routes = reference::repair(&spec.routes);
        *sizes.entry(spec.routes.len()).or_default() += 1;
        let fx = Fixture::new(spec).unwrap();
        exhaustive += fx.table.is_exhaustive() as u32;
        twins += fx
            .spec
            .routes
            .iter()
            .any(|r| reference::has_twin(r, fx.spec.strict)) as u32;
        // Every node's static children are perfect-hashed; a node with more
        // than four needs a hash of eight slots or more, which is what
        // this counts.
        let mut kids: std::collections::HashMap<Vec<model::SegSpec>, HashSet<model::SegSpec>> =
            Default::default();
        for r in &fx.spec.routes {
            for k in 0..r.segs.len() {
                if matches!(r.segs[k], model::SegSpec::Static(_) | model::SegSpec::Slash) {
                    kids.entry(r.segs[..k].to_vec())
                        .or_default()
                        .insert(r.segs[k].clone());
                }
            }
        }
        hashed += kids.values().any(|s| s.len() > 4) as u32;
        for (m, recipe) in requests.new_tree(&mut runner).unwrap().current() {
            let path = gen::render(&recipe, &fx.spec.routes);
            let key = match fx.lookup(m, &path, true) {
                Outcome::Found(..) => "found",
                Outcome::Redirect(..) if gen::contains_double(&path) => "redirect (merge)",
                Outcome::Redirect(..) => "redirect (slash)",
                Outcome::MethodNotAllowed(_) => "405",
                _ => "404",
            };
            *outcomes.entry(key).or_default() += 1;
        }
    }
    let mut raw_conflicts = 0;
    let small = gen::table(6);
    for _ in 0..n {
        let spec = small.new_tree(&mut runner).unwrap().current();
        raw_conflicts += reference::conflict(&spec.routes).is_some() as u32;
    }
    println!("routes kept after repair: {sizes:?}");
    println!("exhaustive tables: {exhaustive}/{n}, with a node of five static children or more: {hashed}/{n}, with twins: {twins}/{n}");
    println!("outcomes: {outcomes:?}");
    println!("raw tables of <= 6 routes that conflict: {raw_conflicts}/{n}");
    let at_least = |what: &str, got: u32, min: u32| {
        assert!(got >= min, "{what}: {got} of {n}, expected at least {min}");
    };
    at_least("exhaustive tables", exhaustive, n / 10);
    at_least(
        "tables with a node of five static children or more",
        hashed,
        n / 50,
    );
    at_least("tables with slash twins", twins, n / 4);
    at_least("conflicting raw tables", raw_conflicts, n / 10);
    for outcome in [
        "found",
        "redirect (merge)",
        "redirect (slash)",
        "405",
        "404",
    ] {
        at_least(
            outcome,
            outcomes.get(outcome).copied().unwrap_or(0),
            8 * n / 200,
        );
    }
}
