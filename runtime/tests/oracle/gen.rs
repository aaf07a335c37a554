//! Generators: route tables over a tiny alphabet (so that routes collide
//! often), request methods, and request paths as recipes that are rendered
//! against whatever table they meet (so that they shrink independently).

use std::cell::RefCell;
use std::collections::HashMap;

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{select, subsequence};

use super::model::{
    ConvSpec, RouteSpec, SegSpec, TableSpec, CLASSES, FREQUENT_WORDS, PLAIN, U64MAX, WORDS,
};
use super::reference::{candidates, canonical, plain};

pub const GET: u16 = 1 << 0;
pub const HEAD: u16 = 1 << 1;
pub const POST: u16 = 1 << 2;
pub const PUT: u16 = 1 << 3;
pub const DELETE: u16 = 1 << 4;

// ---------------------------------------------------------------------------
// Routes and tables.

pub fn conv() -> impl Strategy<Value = ConvSpec> {
    let int = (
        select(vec![0i128, -2, 3, i64::MIN as i128]),
        select(vec![5i128, 99, U64MAX]),
        select(vec![0u8, 0, 1, 2]),
        any::<bool>(),
    )
        .prop_map(|(min, max, fixed, signed)| ConvSpec::Int {
            min,
            max,
            fixed,
            signed,
        });
    let string = prop_oneof![
        (1u32..=3).prop_map(|n| ConvSpec::Str { min: n, max: n }),
        Just(ConvSpec::Str { min: 1, max: 2 }),
        Just(ConvSpec::Str { min: 2, max: 3 }),
        Just(ConvSpec::Str {
            min: 2,
            max: u32::MAX
        }),
    ];
    let float = (0u8..=3, 4u8..=5, any::<bool>()).prop_map(|(min, max, signed)| ConvSpec::Float {
        min,
        max,
        signed,
    });
    let any_words = subsequence((0u8..6).collect::<Vec<_>>(), 1..=3)
        .prop_shuffle()
        .prop_map(ConvSpec::Any);
    let class = (
        0u8..CLASSES.len() as u8,
        select(vec![
            (1u32, 1u32),
            (1, 3),
            (2, 2),
            (3, 3),
            (1, u32::MAX),
            (2, u32::MAX),
        ]),
    )
        .prop_map(|(class, (min, max))| ConvSpec::Class { class, min, max });
    prop_oneof![
        3 => Just(PLAIN),
        2 => string,
        2 => class,
        2 => Just(ConvSpec::Int { min: 0, max: U64MAX, fixed: 0, signed: false }),
        3 => int,
        1 => float,
        1 => Just(ConvSpec::Uuid),
        2 => any_words,
    ]
}

fn word() -> impl Strategy<Value = u8> {
    prop_oneof![8 => 0u8..FREQUENT_WORDS, 2 => FREQUENT_WORDS..WORDS.len() as u8]
}

fn body_seg() -> impl Strategy<Value = SegSpec> {
    prop_oneof![2 => word().prop_map(SegSpec::Static), 3 => conv().prop_map(SegSpec::Param)]
}

pub fn route_methods() -> impl Strategy<Value = u16> {
    select(vec![
        GET,
        GET,
        GET,
        POST,
        HEAD,
        GET | POST,
        GET | HEAD,
        PUT,
        POST | PUT,
        GET | PUT,
    ])
}

pub fn route() -> impl Strategy<Value = RouteSpec> {
    let normal = (
        route_methods(),
        vec(body_seg(), 1..=3),
        0u8..20,
        prop::bool::weighted(0.75),
    )
        .prop_map(|(methods, mut segs, tail, strict)| {
            match tail {
                // A catch-all, sometimes right at the root.
                0 => segs = vec![SegSpec::CatchAll],
                1..=3 => segs.push(SegSpec::CatchAll),
                4..=9 => segs.push(SegSpec::Slash),
                _ => {}
            }
            RouteSpec {
                methods,
                segs,
                strict,
            }
        });
    // Wide: one static word from the whole alphabet, so that nodes get
    // enough static children to be perfect-hashed.
    let wide = (
        route_methods(),
        0u8..WORDS.len() as u8,
        prop_oneof![
            Just(None),
            Just(Some(SegSpec::Slash)),
            body_seg().prop_map(Some)
        ],
        prop::bool::weighted(0.75),
    )
        .prop_map(|(methods, w, next, strict)| {
            let mut segs = vec![SegSpec::Static(w)];
            segs.extend(next);
            RouteSpec {
                methods,
                segs,
                strict,
            }
        });
    let root = (route_methods(), any::<bool>()).prop_map(|(methods, strict)| RouteSpec {
        methods,
        segs: vec![SegSpec::Slash],
        strict,
    });
    prop_oneof![1 => root, 16 => normal, 3 => wide]
}

/// A change to a copy of a route that keeps its specificity vector.
#[derive(Clone, Debug)]
pub enum Variation {
    /// Segment `k % len` gets this converter if it has the same tier.
    Conv(u8, ConvSpec),
    /// Segment `k % len`, if static, gets word `w % 3` (a, b or ab).
    Word(u8, u8),
    Methods(u16),
    Strict(bool),
}

fn variation() -> impl Strategy<Value = Variation> {
    prop_oneof![
        4 => (any::<u8>(), conv()).prop_map(|(k, c)| Variation::Conv(k, c)),
        1 => (any::<u8>(), any::<u8>()).prop_map(|(k, w)| Variation::Word(k, w)),
        3 => route_methods().prop_map(Variation::Methods),
        1 => any::<bool>().prop_map(Variation::Strict),
    ]
}

fn vary(base: &RouteSpec, vs: &[Variation]) -> RouteSpec {
    let mut r = base.clone();
    let n = r.segs.len();
    for v in vs {
        match v {
            Variation::Conv(k, c) => {
                let seg = &mut r.segs[*k as usize % n];
                if let SegSpec::Param(old) = seg {
                    let new = SegSpec::Param(c.clone());
                    if SegSpec::Param(old.clone()).tier() == new.tier() {
                        *seg = new;
                    }
                }
            }
            Variation::Word(k, w) => {
                let seg = &mut r.segs[*k as usize % n];
                if let SegSpec::Static(_) = seg {
                    *seg = SegSpec::Static(w % 3);
                }
            }
            Variation::Methods(m) => r.methods = *m,
            Variation::Strict(s) => r.strict = *s,
        }
    }
    r
}

/// Tables of 1..=`max` routes, strict slashes for the table most of the
/// time: either independent routes, or families of routes that share a
/// specificity vector (conflicts, ties, overlapping siblings).
pub fn table(max: usize) -> impl Strategy<Value = TableSpec> {
    let independent = vec(route(), 1..=max);
    let families = (
        vec(route(), 1..=3),
        vec((any::<u8>(), vec(variation(), 1..=2)), 0..max),
    )
        .prop_map(move |(bases, variants)| {
            let mut routes = bases.clone();
            for (b, vs) in variants {
                routes.push(vary(&bases[b as usize % bases.len()], &vs));
            }
            routes.truncate(max);
            routes
        })
        .prop_shuffle();
    (
        prop_oneof![independent, families],
        prop::bool::weighted(0.85),
    )
        .prop_map(|(routes, strict)| TableSpec { routes, strict })
}

/// Request methods: single methods, and 0 for an unknown one.
pub fn method() -> impl Strategy<Value = u16> {
    select(vec![GET, GET, GET, HEAD, HEAD, POST, PUT, DELETE, 0])
}

/// Sort keys for a permutation of up to 16 routes.
pub fn perm_keys() -> impl Strategy<Value = Vec<u32>> {
    vec(any::<u32>(), 16)
}

/// `perm[new] = old`: the order of `n` routes sorted by `keys`.
pub fn permutation(keys: &[u32], n: usize) -> Vec<usize> {
    let mut p: Vec<usize> = (0..n).collect();
    p.sort_by_key(|&i| (keys[i], i));
    p
}

// ---------------------------------------------------------------------------
// Values of parameters.

/// Raw segment values beyond the candidates: escapes, near misses, odd bytes.
const EXTRA_VALUES: &[&[u8]] = &[
    b"%31",
    b"%2D1",
    b"1%2E5",
    b"x%2Fy",
    b"%2F",
    b"caf%c3%a9",
    "caf\u{e9}".as_bytes(),
    b"a%2fb",
    b"%",
    b"%zz",
    b"%4",
    b"-",
    b".",
    b"..",
    b"A",
    b"%41",
    b"%61",
    b"x%20y",
    b"+1",
    b"1e5",
    b"1.",
    b".5",
    b"0x1",
    b"\xd9\xa3",
    b"a b",
    b"18446744073709551616",
    b"340282366920938463463374607431768211456",
    b"67e55044-10b1-426f-9247-bb680e5fe0c",
    b"67e55044%2D10b1-426f-9247-bb680e5fe0c8",
];

/// Catch-all values (raw, may hold `/`).
pub const CATCH_VALUES: &[&[u8]] = &[
    b"x",
    b"x/y",
    b"x/",
    b"a/b/c",
    b"x//y",
    b"%2F",
    b"a",
    b"ab/",
    b".",
    b"caf%C3%A9/1",
    b"1",
    b"a/",
    b"..",
    b"/x",
];

pub fn value_pool() -> &'static [Vec<u8>] {
    use std::sync::OnceLock;
    static P: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    P.get_or_init(|| {
        let mut v: Vec<Vec<u8>> = candidates().to_vec();
        v.extend(EXTRA_VALUES.iter().map(|b| b.to_vec()));
        v
    })
}

thread_local! {
    static ACCEPTED: RefCell<HashMap<ConvSpec, Vec<usize>>> = RefCell::new(HashMap::new());
}

/// Indices into `value_pool()` of the values `conv` accepts.
fn accepted(conv: &ConvSpec) -> Vec<usize> {
    if let Some(v) = ACCEPTED.with(|m| m.borrow().get(conv).cloned()) {
        return v;
    }
    let c = conv.converter();
    let v: Vec<usize> = value_pool()
        .iter()
        .enumerate()
        .filter(|(_, s)| c.matches(s))
        .map(|(i, _)| i)
        .collect();
    assert!(!v.is_empty(), "no value in the pool for {conv:?}");
    ACCEPTED.with(|m| m.borrow_mut().insert(conv.clone(), v.clone()));
    v
}

/// A value for `conv`: most often one it accepts.
pub fn value_for(conv: &ConvSpec, pick: u8, accepted_only: bool) -> &'static [u8] {
    let pool = value_pool();
    if accepted_only || pick < 200 {
        let a = accepted(conv);
        &pool[a[pick as usize % a.len()]]
    } else {
        &pool[pick as usize % pool.len()]
    }
}

/// A spelling of static word `w`: mostly canonical, sometimes encoded,
/// decoded or slightly wrong.
pub fn static_variant(w: &str, v: u8) -> Vec<u8> {
    let b = w.as_bytes();
    match v % 16 {
        10 => {
            let mut out = format!("%{:02X}", b[0]).into_bytes();
            out.extend_from_slice(&b[1..]);
            out
        }
        11 => {
            // Lower-case hex in escapes.
            let mut out = b.to_vec();
            let mut i = 0;
            while i < out.len() {
                if out[i] == b'%' {
                    out[i + 1] = out[i + 1].to_ascii_lowercase();
                    out[i + 2] = out[i + 2].to_ascii_lowercase();
                    i += 3;
                } else {
                    i += 1;
                }
            }
            out
        }
        12 => super::reference::decode(b),
        13 => b
            .iter()
            .flat_map(|c| format!("%{c:02X}").into_bytes())
            .collect(),
        14 => b.to_ascii_uppercase(),
        15 => {
            let mut out = b.to_vec();
            out.push(b'x');
            out
        }
        _ => b.to_vec(),
    }
}

// ---------------------------------------------------------------------------
// Paths.

/// A change to a rendered path: a near miss.
#[derive(Clone, Debug)]
pub enum Mutation {
    None,
    ToggleSlash,
    DoubleSlash(u8),
    Delete(u8),
    Insert(u8, u8),
    Replace(u8, u8),
    Encode(u8),
    Pct2F(u8),
    StripLeading,
}

/// A request path to be rendered against a table.
#[derive(Clone, Debug)]
pub enum PathRecipe {
    /// Route `route % n` rendered with values `vals`, spellings `stat` and
    /// catch-all value `catch`, then mutated.
    Template {
        route: u8,
        vals: [u8; 4],
        stat: [u8; 4],
        catch: u8,
        mutation: Mutation,
    },
    /// Bytes as they are.
    Bytes(Vec<u8>),
}

const NOISE: &[u8] = b"/ab1.%-2FCe3x";

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        10 => Just(Mutation::None),
        8 => Just(Mutation::ToggleSlash),
        2 => any::<u8>().prop_map(Mutation::DoubleSlash),
        1 => any::<u8>().prop_map(Mutation::Delete),
        1 => (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Mutation::Insert(a, b)),
        1 => (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Mutation::Replace(a, b)),
        2 => any::<u8>().prop_map(Mutation::Encode),
        1 => any::<u8>().prop_map(Mutation::Pct2F),
        1 => Just(Mutation::StripLeading),
    ]
}

pub fn noisy_byte() -> impl Strategy<Value = u8> {
    prop_oneof![6 => select(NOISE.to_vec()), 1 => any::<u8>()]
}

pub fn recipe() -> impl Strategy<Value = PathRecipe> {
    let template = (
        any::<u8>(),
        any::<[u8; 4]>(),
        any::<[u8; 4]>(),
        any::<u8>(),
        mutation(),
    )
        .prop_map(
            |(route, vals, stat, catch, mutation)| PathRecipe::Template {
                route,
                vals,
                stat,
                catch,
                mutation,
            },
        );
    let bytes = (any::<bool>(), vec(noisy_byte(), 0..12)).prop_map(|(slash, mut b)| {
        if slash {
            b.insert(0, b'/');
        }
        PathRecipe::Bytes(b)
    });
    prop_oneof![4 => template, 1 => bytes]
}

/// Renders route `r` with values picked by `vals`, `stat`, `catch`.
/// Returns the path and the byte ranges of the parameters.
pub fn render_route(
    r: &RouteSpec,
    vals: &[u8; 4],
    stat: &[u8; 4],
    catch: u8,
    accepted_only: bool,
) -> (Vec<u8>, Vec<(usize, usize)>) {
    let mut path = Vec::new();
    let mut ranges = Vec::new();
    for (i, seg) in r.segs.iter().enumerate() {
        path.push(b'/');
        let k = i % 4;
        match seg {
            SegSpec::Static(w) => {
                let v = if accepted_only { 0 } else { stat[k] };
                path.extend(static_variant(WORDS[*w as usize], v));
            }
            SegSpec::Slash => {}
            SegSpec::Param(c) => {
                let v = value_for(c, vals[k], accepted_only);
                ranges.push((path.len(), path.len() + v.len()));
                path.extend_from_slice(v);
            }
            SegSpec::CatchAll => {
                let usable: Vec<&[u8]> = CATCH_VALUES
                    .iter()
                    .copied()
                    .filter(|v| !accepted_only || (!v.starts_with(b"/") && !contains_double(v)))
                    .collect();
                let v = usable[catch as usize % usable.len()];
                ranges.push((path.len(), path.len() + v.len()));
                path.extend_from_slice(v);
            }
        }
    }
    (path, ranges)
}

pub fn contains_double(p: &[u8]) -> bool {
    p.windows(2).any(|w| w == b"//")
}

fn mutate(mut p: Vec<u8>, m: &Mutation) -> Vec<u8> {
    let len = p.len();
    match *m {
        Mutation::None => {}
        Mutation::ToggleSlash => {
            if len > 1 && p.ends_with(b"/") {
                p.pop();
            } else {
                p.push(b'/');
            }
        }
        Mutation::DoubleSlash(i) => {
            let slashes: Vec<usize> = (0..len).filter(|&j| p[j] == b'/').collect();
            if !slashes.is_empty() {
                p.insert(slashes[i as usize % slashes.len()], b'/');
            }
        }
        Mutation::Delete(i) => {
            if len > 0 {
                p.remove(i as usize % len);
            }
        }
        Mutation::Insert(i, b) => p.insert(i as usize % (len + 1), NOISE[b as usize % NOISE.len()]),
        Mutation::Replace(i, b) => {
            if len > 0 {
                p[i as usize % len] = NOISE[b as usize % NOISE.len()];
            }
        }
        Mutation::Encode(i) => {
            let spots: Vec<usize> = (0..len).filter(|&j| plain(p[j])).collect();
            if !spots.is_empty() {
                let j = spots[i as usize % spots.len()];
                let enc = if i & 1 == 0 {
                    format!("%{:02X}", p[j])
                } else {
                    format!("%{:02x}", p[j])
                };
                p.splice(j..j + 1, enc.into_bytes());
            }
        }
        Mutation::Pct2F(i) => {
            let at = 1 + i as usize % len.max(1);
            let at = at.min(len);
            p.splice(at..at, b"%2F".iter().copied());
        }
        Mutation::StripLeading => {
            if !p.is_empty() {
                p.remove(0);
            }
        }
    }
    p
}

/// The path of a recipe against `routes`.
pub fn render(recipe: &PathRecipe, routes: &[RouteSpec]) -> Vec<u8> {
    match recipe {
        PathRecipe::Bytes(b) => b.clone(),
        PathRecipe::Template {
            route,
            vals,
            stat,
            catch,
            mutation,
        } => {
            if routes.is_empty() {
                return b"/".to_vec();
            }
            let r = &routes[*route as usize % routes.len()];
            let (p, _) = render_route(r, vals, stat, *catch, false);
            mutate(p, mutation)
        }
    }
}

/// A route's path in canonical spelling with the given parameter values,
/// as a route's own spelling (`twin == false`) or its slash twin's.
pub fn spell(r: &RouteSpec, values: &[&[u8]], twin: bool) -> Vec<u8> {
    let mut segs = r.segs.clone();
    if twin {
        segs = super::reference::twin_pattern(&segs);
    }
    let mut out = Vec::new();
    let mut k = 0;
    for seg in &segs {
        out.push(b'/');
        match seg {
            SegSpec::Static(w) => out.extend_from_slice(WORDS[*w as usize].as_bytes()),
            SegSpec::Slash => {}
            SegSpec::Param(_) | SegSpec::CatchAll => {
                out.extend_from_slice(values[k]);
                k += 1;
            }
        }
    }
    out
}

/// Whether `path` is route `r`'s spelling (or its twin's) with the
/// parameters at exactly `ranges`: byte for byte, except that a static
/// segment the request spelled in another (percent-encoded) form must have
/// the route's text as its canonical form.
pub fn is_spelling(path: &[u8], r: &RouteSpec, ranges: &[(usize, usize)], twin: bool) -> bool {
    let segs = if twin {
        super::reference::twin_pattern(&r.segs)
    } else {
        r.segs.clone()
    };
    let mut pos = 0;
    let mut k = 0;
    for seg in &segs {
        if path.get(pos) != Some(&b'/') {
            return false;
        }
        pos += 1;
        match seg {
            SegSpec::Static(_) | SegSpec::Slash => {
                let end = path[pos..]
                    .iter()
                    .position(|&b| b == b'/')
                    .map_or(path.len(), |i| pos + i);
                let want: &[u8] = match seg {
                    SegSpec::Static(w) => WORDS[*w as usize].as_bytes(),
                    _ => b"",
                };
                if canonical(&path[pos..end]) != want {
                    return false;
                }
                pos = end;
            }
            SegSpec::Param(_) | SegSpec::CatchAll => {
                let Some(&(s, e)) = ranges.get(k) else {
                    return false;
                };
                k += 1;
                if s != pos || e > path.len() || s >= e {
                    return false;
                }
                pos = e;
            }
        }
    }
    pos == path.len() && k == ranges.len()
}
