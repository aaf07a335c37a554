//! The reference: a naive linear scan over every route that follows
//! DESIGN §4 (and Flask 3 / Werkzeug 3.1 where the design is silent),
//! written without looking at the table's tree.
//!
//! Semantics, point by point:
//! - the path is split at `/` after the leading one (`/a/b/` is
//!   `[a, b, ""]`, `/` is `[""]`); in the merged pass, runs of `/` count as
//!   one, and parameter ranges still index the original path;
//! - a static segment matches when the request segment's canonical form
//!   (`%XX` decoded, bytes outside plain `pchar` re-encoded as upper-case
//!   `%XX`) equals it; a parameter when its converter accepts the raw,
//!   non-empty segment; a catch-all takes the rest of the path (one or more
//!   bytes) from the start of its segment;
//! - an empty segment inside the path matches nothing, and a catch-all
//!   cannot start at one; but a catch-all value may hold `//` (Flask's
//!   `path` converter takes `a//b`; DESIGN's "empty segments never bind a
//!   parameter" is read as: no parameter is an empty segment);
//! - the candidates of a path are every route's declared pattern, the
//!   slash twin of non-strict routes (`/p` for `/p/`, `/p/` for `/p`; not the
//!   root nor catch-alls), and for each route declared with a trailing
//!   slash a redirect candidate matching the path without it;
//! - the winner, among candidates whose methods include the request method,
//!   has the smallest specificity vector (tiers per pattern segment, a
//!   shorter vector first when it is a prefix); on equal vectors a declared
//!   pattern beats a twin (Flask tries the non-strict twin only when nothing
//!   else matched); a redirect candidate ranks like its route;
//! - methods: `HEAD` is added to a declared `GET` route unless another
//!   route *declared with the same pattern* lists `HEAD` (this is what Flask
//!   does: an automatic `HEAD` is part of the route's own methods, so it
//!   beats a non-strict twin that lists `HEAD`); a twin gets `HEAD` for
//!   `GET` unless some pattern (declared or twin) equal to the twin's lists
//!   `HEAD`; a redirect candidate has its route's declared methods;
//! - nothing found and the path has `//`: the merged path is matched, and a
//!   Found or Redirect there is a Redirect;
//! - else 405 with the union of the methods of every declared or twin
//!   candidate of the path (both passes, as Werkzeug's `have_match_for`
//!   accumulates over both), or 404.
//!
//! "Same pattern" is structural: equal static text, equal converters as
//! written (`any(a,b)` and `any(b,a)` are different patterns, as they are
//! different `RouteDef`s).

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::OnceLock;

use flaxum::route::Converter;
use flaxum::table::Lookup;

use super::model::{ConvSpec, RouteSpec, SegSpec, ANY_WORDS, WORDS};

pub const GET: u16 = 1 << 0;
pub const HEAD: u16 = 1 << 1;

/// What a lookup answered, in a form both sides produce.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Found(usize, Vec<(usize, usize)>),
    Redirect(usize, Vec<(usize, usize)>),
    MethodNotAllowed(u16),
    NotFound,
    /// Reference only: two best candidates tie (a conflict nobody saw).
    Ambiguous(Vec<usize>),
}

impl From<Lookup> for Outcome {
    fn from(l: Lookup) -> Outcome {
        let ranges = |m: &flaxum::table::Match| -> Vec<(usize, usize)> {
            m.params().iter().map(|r| (r.start, r.end)).collect()
        };
        match l {
            Lookup::Found(m) => Outcome::Found(m.route(), ranges(&m)),
            Lookup::Redirect(m) => Outcome::Redirect(m.route(), ranges(&m)),
            Lookup::MethodNotAllowed(ms) => Outcome::MethodNotAllowed(ms.bits()),
            Lookup::NotFound => Outcome::NotFound,
        }
    }
}

impl Outcome {
    /// The same outcome with route indices mapped through `map`.
    pub fn mapped(&self, map: &[usize]) -> Outcome {
        match self {
            Outcome::Found(r, p) => Outcome::Found(map[*r], p.clone()),
            Outcome::Redirect(r, p) => Outcome::Redirect(map[*r], p.clone()),
            Outcome::Ambiguous(rs) => Outcome::Ambiguous(rs.iter().map(|r| map[*r]).collect()),
            other => other.clone(),
        }
    }
}

// ---------------------------------------------------------------------------
// Canonical segments.

/// RFC 3986 `pchar` without `%`.
pub fn plain(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@".contains(&b)
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// Percent-decodes `raw` (a `%` not followed by two hex digits stays).
pub fn decode(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'%' && i + 2 < raw.len() {
            if let (Some(h), Some(l)) = (hex(raw[i + 1]), hex(raw[i + 2])) {
                out.push(h << 4 | l);
                i += 3;
                continue;
            }
        }
        out.push(raw[i]);
        i += 1;
    }
    out
}

/// The canonical form of a segment: decoded, then every byte outside plain
/// `pchar` encoded as upper-case `%XX`.
pub fn canonical(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    for b in decode(raw) {
        if plain(b) {
            out.push(b);
        } else {
            out.extend_from_slice(format!("%{b:02X}").as_bytes());
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Candidate segment values: complete for the generator's converters.

/// Raw segment values such that, for any two converters the generator can
/// draw, (a) if some segment satisfies both, one of these does, and (b) if
/// they accept different sets, one of these tells them apart. The bounds
/// drawn are ints {i64::MIN, -2, 0, 3} .. {5, 99, u64::MAX} with 0-2 fixed digits,
/// floats from {-inf, -1, 0, 0.5} .. {1.5, inf}, string lengths 1..=3 or
/// unbounded, `any` over `ANY_WORDS`, and `uuid`: each intersection, if not
/// empty, contains a bound (or 0) in one of the spellings below.
pub fn candidates() -> &'static [Vec<u8>] {
    static C: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    C.get_or_init(|| {
        let mut v: Vec<String> = Vec::new();
        for w in WORDS {
            v.push(w.to_string());
        }
        for w in ANY_WORDS {
            v.push(String::from_utf8(canonical(w.as_bytes())).unwrap());
        }
        // 10 and 11: the digits of class "01" above 3.
        let mut ints: Vec<i128> = (-4..=7).chain([10, 11]).chain(97..=101).collect();
        ints.push(u64::MAX as i128);
        ints.push(u64::MAX as i128 + 1);
        for n in ints {
            let digits = n.unsigned_abs().to_string();
            let sign = if n < 0 { "-" } else { "" };
            v.push(format!("{sign}{digits}"));
            for width in [2, 3] {
                if digits.len() < width {
                    v.push(format!("{sign}{digits:0>width$}"));
                }
            }
        }
        v.push("-0".into());
        v.push(format!("{}", i64::MIN));
        v.push(format!("{}", i64::MIN as i128 - 1));
        v.push("-00".into());
        for f in [
            "-2.0", "-1.5", "-1.0", "-0.5", "-0.0", "0.0", "0.25", "0.5", "0.75", "1.0", "1.5",
            "2.0",
        ] {
            v.push(f.into());
        }
        v.push("67e55044-10b1-426f-9247-bb680e5fe0c8".into());
        v.push("67E55044-10B1-426F-9247-BB680E5FE0C8".into());
        for s in ["x", "xx", "xxx", "xxxx", "%C3%A9", "aba"] {
            v.push(s.into());
        }
        v.sort();
        v.dedup();
        assert!(
            v.len() <= 128,
            "too many candidates for a u128: {}",
            v.len()
        );
        v.into_iter().map(String::into_bytes).collect()
    })
}

thread_local! {
    static ACCEPT: RefCell<HashMap<ConvSpec, u128>> = RefCell::new(HashMap::new());
}

/// The candidates `conv` accepts, as a bit set.
pub fn accepts(conv: &ConvSpec) -> u128 {
    if let Some(b) = ACCEPT.with(|m| m.borrow().get(conv).copied()) {
        return b;
    }
    let c = conv.converter();
    let mut bits = 0u128;
    for (i, cand) in candidates().iter().enumerate() {
        if c.matches(cand) {
            bits |= 1 << i;
        }
    }
    ACCEPT.with(|m| m.borrow_mut().insert(conv.clone(), bits));
    bits
}

// ---------------------------------------------------------------------------
// The reference matcher.

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Declared = 0,
    Twin = 1,
    Redirect = 2,
}

#[derive(Clone, Debug)]
struct Entry {
    route: usize,
    kind: Kind,
    /// The pattern this entry matches the path against.
    pattern: Vec<SegSpec>,
    /// The converters of its parameter segments (computed once).
    convs: Vec<Option<Converter>>,
    vector: Vec<u8>,
    methods: u16,
}

fn converters(pattern: &[SegSpec]) -> Vec<Option<Converter>> {
    pattern
        .iter()
        .map(|s| match s {
            SegSpec::Param(c) => Some(c.converter()),
            _ => None,
        })
        .collect()
}

/// The specificity vector of a pattern.
pub fn vector(segs: &[SegSpec]) -> Vec<u8> {
    segs.iter().map(SegSpec::tier).collect()
}

/// Whether route `r` answers the other trailing-slash spelling too.
pub fn has_twin(r: &RouteSpec, table_strict: bool) -> bool {
    if r.strict && table_strict {
        return false;
    }
    match r.segs.last() {
        None | Some(SegSpec::CatchAll) => false,
        Some(SegSpec::Slash) => r.segs.len() > 1,
        Some(_) => true,
    }
}

/// The twin pattern: the trailing slash removed, or one added.
pub fn twin_pattern(segs: &[SegSpec]) -> Vec<SegSpec> {
    let mut t = segs.to_vec();
    if t.last() == Some(&SegSpec::Slash) {
        t.pop();
    } else {
        t.push(SegSpec::Slash);
    }
    t
}

/// Declared routes' methods with the implied `HEAD` (same-pattern rule).
pub fn declared_methods(routes: &[RouteSpec]) -> Vec<u16> {
    routes
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mut m = r.methods;
            if m & GET != 0 && m & HEAD == 0 {
                let explicit = routes
                    .iter()
                    .enumerate()
                    .any(|(j, s)| j != i && s.segs == r.segs && s.methods & HEAD != 0);
                if !explicit {
                    m |= HEAD;
                }
            }
            m
        })
        .collect()
}

pub struct Reference {
    entries: Vec<Entry>,
}

/// The segments of `path` (which starts with `/`) as byte ranges.
fn split(path: &[u8], merge: bool) -> Vec<(usize, usize)> {
    let len = path.len();
    let mut segs = Vec::new();
    let mut pos = 0;
    loop {
        if merge {
            while pos + 1 < len && path[pos + 1] == b'/' {
                pos += 1;
            }
        }
        let start = pos + 1;
        let end = path[start..]
            .iter()
            .position(|&b| b == b'/')
            .map_or(len, |i| start + i);
        segs.push((start, end));
        if end == len {
            return segs;
        }
        pos = end;
    }
}

/// Matches a pattern against the split path; the parameter ranges.
fn match_pattern(
    pattern: &[SegSpec],
    convs: &[Option<Converter>],
    segs: &[(usize, usize)],
    path: &[u8],
) -> Option<Vec<(usize, usize)>> {
    if pattern.len() != segs.len() && pattern.last() != Some(&SegSpec::CatchAll) {
        return None;
    }
    let mut caps = Vec::new();
    for (i, p) in pattern.iter().enumerate() {
        let &(s, e) = segs.get(i)?;
        let inner_empty = s == e && i + 1 < segs.len();
        if let SegSpec::CatchAll = p {
            // The rest of the path from this segment, which is not empty.
            if s == e {
                return None;
            }
            caps.push((s, path.len()));
            return Some(caps);
        }
        if inner_empty {
            return None;
        }
        let seg = &path[s..e];
        match p {
            SegSpec::Static(w) => {
                let word = WORDS[*w as usize].as_bytes();
                let same = if seg.iter().all(|&b| plain(b)) {
                    seg == word
                } else {
                    canonical(seg) == word
                };
                if !same {
                    return None;
                }
            }
            SegSpec::Slash => {
                if !seg.is_empty() {
                    return None;
                }
            }
            SegSpec::Param(_) => {
                let conv = convs[i].as_ref().expect("converter of a parameter");
                if seg.is_empty() || !conv.matches(seg) {
                    return None;
                }
                caps.push((s, e));
            }
            SegSpec::CatchAll => unreachable!(),
        }
    }
    (pattern.len() == segs.len()).then_some(caps)
}

impl Reference {
    pub fn new(routes: &[RouteSpec], table_strict: bool) -> Reference {
        let declared = declared_methods(routes);
        let mut entries = Vec::new();
        for (i, r) in routes.iter().enumerate() {
            entries.push(Entry {
                route: i,
                kind: Kind::Declared,
                pattern: r.segs.clone(),
                convs: converters(&r.segs),
                vector: vector(&r.segs),
                methods: declared[i],
            });
            if r.segs.len() > 1 && r.segs.last() == Some(&SegSpec::Slash) {
                let pattern = r.segs[..r.segs.len() - 1].to_vec();
                entries.push(Entry {
                    route: i,
                    kind: Kind::Redirect,
                    convs: converters(&pattern),
                    pattern,
                    vector: vector(&r.segs),
                    methods: declared[i],
                });
            }
        }
        // Twins, after all declared patterns are known.
        let twins: Vec<(usize, Vec<SegSpec>)> = routes
            .iter()
            .enumerate()
            .filter(|(_, r)| has_twin(r, table_strict))
            .map(|(i, r)| (i, twin_pattern(&r.segs)))
            .collect();
        for (i, t) in &twins {
            let r = &routes[*i];
            let mut m = r.methods;
            if m & GET != 0 && m & HEAD == 0 {
                let explicit = routes
                    .iter()
                    .enumerate()
                    .any(|(j, s)| j != *i && &s.segs == t && s.methods & HEAD != 0)
                    || twins
                        .iter()
                        .any(|(j, u)| j != i && u == t && routes[*j].methods & HEAD != 0);
                if !explicit {
                    m |= HEAD;
                }
            }
            entries.push(Entry {
                route: *i,
                kind: Kind::Twin,
                vector: vector(t),
                convs: converters(t),
                pattern: t.clone(),
                methods: m,
            });
        }
        Reference { entries }
    }

    /// One pass: the best candidate (with its kind) and the methods of the
    /// declared and twin candidates of the path.
    fn pass(&self, method: u16, path: &[u8], merge: bool) -> (Option<Outcome>, u16) {
        let segs = split(path, merge);
        let mut allowed = 0u16;
        let mut best: Vec<(&Entry, Vec<(usize, usize)>)> = Vec::new();
        for e in &self.entries {
            let Some(caps) = match_pattern(&e.pattern, &e.convs, &segs, path) else {
                continue;
            };
            if e.kind != Kind::Redirect {
                allowed |= e.methods;
            }
            if method == 0 || e.methods & method == 0 {
                continue;
            }
            let key = (&e.vector, e.kind);
            match best.first() {
                Some((b, _)) if (&b.vector, b.kind) < key => {}
                Some((b, _)) if (&b.vector, b.kind) == key => best.push((e, caps)),
                _ => best = vec![(e, caps)],
            }
        }
        if allowed & GET != 0 {
            allowed |= HEAD;
        }
        let outcome = match best.len() {
            0 => None,
            1 => {
                let (e, caps) = best.pop().unwrap();
                Some(match e.kind {
                    Kind::Redirect => Outcome::Redirect(e.route, caps),
                    _ => Outcome::Found(e.route, caps),
                })
            }
            _ => {
                let mut rs: Vec<usize> = best.iter().map(|(e, _)| e.route).collect();
                rs.sort();
                rs.dedup();
                Some(Outcome::Ambiguous(rs))
            }
        };
        (outcome, allowed)
    }

    /// The outcome of `method` (one bit, or 0 for an unknown method) on the
    /// raw request path.
    pub fn lookup(&self, method: u16, path: &[u8], merge_slashes: bool) -> Outcome {
        if path.first() != Some(&b'/') {
            return Outcome::NotFound;
        }
        let (found, mut allowed) = self.pass(method, path, false);
        if let Some(o) = found {
            return o;
        }
        if merge_slashes && path.windows(2).any(|w| w == b"//") {
            let (found, merged_allowed) = self.pass(method, path, true);
            match found {
                Some(Outcome::Found(r, c)) | Some(Outcome::Redirect(r, c)) => {
                    return Outcome::Redirect(r, c)
                }
                Some(o) => return o,
                None => {}
            }
            allowed |= merged_allowed;
        }
        if allowed == 0 {
            Outcome::NotFound
        } else {
            Outcome::MethodNotAllowed(allowed)
        }
    }
}

// ---------------------------------------------------------------------------
// The reference conflict check.

/// The first pair of routes (in index order) that conflict: a common
/// method (with implied `HEAD`), equal specificity vectors, and some path
/// that matches both declared patterns.
pub fn conflict(routes: &[RouteSpec]) -> Option<(usize, usize)> {
    let methods = declared_methods(routes);
    let keys: Vec<Key> = routes.iter().map(key).collect();
    for i in 0..routes.len() {
        for j in i + 1..routes.len() {
            if pair(&keys, &methods, i, j) {
                return Some((i, j));
            }
        }
    }
    None
}

/// Whether routes `i` and `j` of the table conflict.
pub fn conflicting_pair(routes: &[RouteSpec], i: usize, j: usize) -> bool {
    let keys: Vec<Key> = routes.iter().map(key).collect();
    i < routes.len() && j < routes.len() && pair(&keys, &declared_methods(routes), i, j)
}

/// A route's vector and, per segment, what a request segment must be: a
/// static word (by index), the empty segment, a catch-all, or one of the
/// candidates in a bit set.
struct Key {
    vector: Vec<u8>,
    segs: Vec<(u8, u128)>,
}

fn key(r: &RouteSpec) -> Key {
    let segs = r
        .segs
        .iter()
        .map(|s| match s {
            SegSpec::Static(w) => (0, *w as u128),
            SegSpec::Slash => (1, 0),
            SegSpec::Param(c) => (2, accepts(c)),
            SegSpec::CatchAll => (3, 0),
        })
        .collect();
    Key {
        vector: vector(&r.segs),
        segs,
    }
}

fn pair(keys: &[Key], methods: &[u16], i: usize, j: usize) -> bool {
    if methods[i] & methods[j] == 0 || keys[i].vector != keys[j].vector {
        return false;
    }
    keys[i]
        .segs
        .iter()
        .zip(&keys[j].segs)
        .all(|(&(ka, a), &(kb, b))| {
            ka == kb
                && match ka {
                    0 => a == b,
                    2 => a & b != 0,
                    _ => true,
                }
        })
}

/// Drops routes (in order) that would conflict with the ones kept. Adding a
/// route only adds pairs with itself (an explicit `HEAD` it brings can only
/// take conflicts away), so only those are checked.
pub fn repair(routes: &[RouteSpec]) -> Vec<RouteSpec> {
    let mut kept: Vec<RouteSpec> = Vec::new();
    let mut keys: Vec<Key> = Vec::new();
    for r in routes {
        kept.push(r.clone());
        keys.push(key(r));
        let methods = declared_methods(&kept);
        let last = kept.len() - 1;
        if (0..last).any(|i| pair(&keys, &methods, i, last)) {
            kept.pop();
            keys.pop();
        }
    }
    debug_assert!(conflict(&kept).is_none());
    kept
}
