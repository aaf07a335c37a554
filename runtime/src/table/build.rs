//! The `const fn` table builder. It runs inside the compiler: every `panic!`
//! here is a compile error at the `routes!`/`table!` call.
//!
//! Steps, each near-linear except the sort (O(n log n)):
//! 1. validate each descriptor;
//! 2. expand routes into patterns (a non-strict route adds its slash twin);
//! 3. sort the patterns by segment key, so shared prefixes are adjacent and
//!    siblings come in specificity order;
//! 4. lay the radix nodes out in that order (depth-first);
//! 5. group the child edges by parent, hash the static ones;
//! 6. detect conflicts between overlapping parameter siblings;
//! 7. rank the ends by specificity when the matcher must search on.

use core::cmp::Ordering;

use super::hash;
use super::{Edge, End, Node, ParamEdge, Table, MAX_PARAMS, MAX_ROUTES, MAX_SEGMENTS, NONE};
use crate::bytes::{self, Msg};
use crate::method::Methods;
use crate::route::{Converter, RouteDef, Segment};

/// Nodes with at most this many static children compare them one by one.
const LINEAR_MAX: u16 = 4;

/// Table-wide choices made when the table is built.
///
/// ```
/// use flaxum::table::BuildOptions;
/// assert!(BuildOptions::DEFAULT.strict_slashes);
/// ```
#[derive(Clone, Copy, Debug)]
pub struct BuildOptions {
    /// Flask's `strict_slashes` for every route. When `false`, each route
    /// answers both with and without a trailing slash, whatever its own
    /// [`RouteDef::strict_slashes`] says.
    pub strict_slashes: bool,
}

impl BuildOptions {
    /// Strict slashes, as in Flask.
    pub const DEFAULT: BuildOptions = BuildOptions {
        strict_slashes: true,
    };
}

/// Upper bounds of a table's arrays, computed from the descriptors before
/// the build (the build's array lengths must be constants).
///
/// ```
/// use flaxum::route::{RouteDef, Segment};
/// use flaxum::table::{caps, BuildOptions};
/// const R: &[RouteDef] = &[RouteDef::new(flaxum::Methods::GET, "/a/b", &[Segment::Static("a"), Segment::Static("b")], "h")];
/// let c = caps(R, BuildOptions::DEFAULT);
/// assert_eq!(c.patterns, 1);
/// assert!(c.nodes >= 3);
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Caps {
    /// Patterns: routes plus the slash twins of non-strict routes.
    pub patterns: usize,
    /// Nodes (and edges of each kind).
    pub nodes: usize,
    /// Perfect-hash slots (and displacement words).
    pub slots: usize,
}

/// Whether route `r` also answers the other trailing-slash spelling.
const fn has_twin(r: &RouteDef, opts: BuildOptions) -> bool {
    if r.strict_slashes && opts.strict_slashes {
        return false;
    }
    let n = r.segments.len();
    if n == 0 {
        return false;
    }
    match r.segments[n - 1] {
        Segment::CatchAll { .. } => false,
        // The root "/" has no slash-less spelling.
        Segment::Static(s) => !(n == 1 && s.is_empty()),
        Segment::Param { .. } => true,
    }
}

/// The array bounds for [`build`] over `routes`.
///
/// ```
/// # use flaxum::route::{RouteDef, Segment};
/// # use flaxum::table::{caps, BuildOptions};
/// const R: &[RouteDef] = &[];
/// assert_eq!(caps(R, BuildOptions::DEFAULT).patterns, 0);
/// ```
pub const fn caps(routes: &[RouteDef], opts: BuildOptions) -> Caps {
    let mut patterns = 0;
    let mut segs = 0;
    let mut i = 0;
    while i < routes.len() {
        let copies = if has_twin(&routes[i], opts) { 2 } else { 1 };
        patterns += copies;
        segs += copies * (routes[i].segments.len() + 1);
        i += 1;
    }
    Caps {
        patterns,
        nodes: segs + 1,
        slots: 4 * segs + 4,
    }
}

/// A route's path as the builder sees it: the route's own segments, or its
/// slash twin (one segment fewer, or an extra empty one).
#[derive(Clone, Copy)]
struct Pat {
    route: u16,
    len: u8,
    /// The last segment is an added `""` (twin of a slash-less route).
    add_slash: bool,
    /// A twin: it yields to any route declared for the same path.
    twin: bool,
}

const EMPTY_PAT: Pat = Pat {
    route: 0,
    len: 0,
    add_slash: false,
    twin: false,
};

const fn pat_seg(routes: &[RouteDef], p: Pat, i: usize) -> Segment {
    if p.add_slash && i + 1 == p.len as usize {
        Segment::Static("")
    } else {
        routes[p.route as usize].segments[i]
    }
}

/// Segments of the pattern that are tree edges (a final catch-all is not).
const fn trie_len(routes: &[RouteDef], p: Pat) -> usize {
    let n = p.len as usize;
    match pat_seg(routes, p, n - 1) {
        Segment::CatchAll { .. } => n - 1,
        _ => n,
    }
}

/// The result of [`build`]: fixed-size arrays, of which the first `n_*`
/// entries are used. [`Built::table`] views them as a [`Table`].
///
/// Use it through [`table!`](crate::table!), which sizes it with [`caps`].
#[derive(Debug)]
pub struct Built<const P: usize, const N: usize, const S: usize> {
    routes: &'static [RouteDef],
    nodes: [Node; N],
    n_nodes: usize,
    edges: [Edge; N],
    n_edges: usize,
    params: [ParamEdge; N],
    n_params: usize,
    ends: [End; P],
    n_ends: usize,
    slots: [u16; S],
    disps: [u64; S],
    n_slots: usize,
    n_disps: usize,
    exhaustive: bool,
}

const EMPTY_NODE: Node = Node {
    statics: 0,
    n_statics: 0,
    shift: 0,
    bshift: 0,
    slots: 0,
    disps: 0,
    params: 0,
    n_params: 0,
    catch_all: NONE,
    end: NONE,
    slash: NONE,
    min_rank: 0,
};

const EMPTY_EDGE: Edge = Edge {
    label: &[],
    child: NONE,
};

const EMPTY_PARAM: ParamEdge = ParamEdge {
    conv: Converter::PLAIN,
    child: NONE,
};

const EMPTY_END: End = End {
    methods: Methods::NONE,
    declared: Methods::NONE,
    routes: [NONE; 9],
    rank: 0,
};

impl<const P: usize, const N: usize, const S: usize> Built<P, N, S> {
    /// The table over the used part of the arrays.
    pub const fn table(&'static self) -> Table {
        Table {
            routes: self.routes,
            nodes: self.nodes.split_at(self.n_nodes).0,
            edges: self.edges.split_at(self.n_edges).0,
            slots: self.slots.split_at(self.n_slots).0,
            disps: self.disps.split_at(self.n_disps).0,
            params: self.params.split_at(self.n_params).0,
            ends: self.ends.split_at(self.n_ends).0,
            exhaustive: self.exhaustive,
        }
    }
}

/// Builds the table of `routes`. Panics (a compile error in `const`
/// context) on an invalid descriptor or on two routes that match the same
/// requests; the result never depends on the order of `routes`.
///
/// `P`, `N` and `S` must be at least the [`caps`] of `routes`; larger is
/// allowed (the unused tail is never read).
///
/// ```
/// use flaxum::route::{RouteDef, Segment};
/// use flaxum::table::{build, BuildOptions, Built};
///
/// static ROUTES: [RouteDef; 1] = [RouteDef::new(flaxum::Methods::GET, "/", &[Segment::Static("")], "index")];
/// // At run time (in tests), generous bounds do.
/// let built: &'static Built<4, 16, 64> = Box::leak(Box::new(build(&ROUTES, BuildOptions::DEFAULT)));
/// let table = built.table();
/// assert_eq!(table.routes().len(), 1);
/// ```
pub const fn build<const P: usize, const N: usize, const S: usize>(
    routes: &'static [RouteDef],
    opts: BuildOptions,
) -> Built<P, N, S> {
    let mut b = Built {
        routes,
        nodes: [EMPTY_NODE; N],
        n_nodes: 1,
        edges: [EMPTY_EDGE; N],
        n_edges: 0,
        params: [EMPTY_PARAM; N],
        n_params: 0,
        ends: [EMPTY_END; P],
        n_ends: 0,
        slots: [NONE; S],
        disps: [0; S],
        n_slots: 0,
        n_disps: 0,
        exhaustive: false,
    };
    let needed = caps(routes, opts);
    if needed.patterns > P || needed.nodes > N || needed.slots > S {
        panic!("flaxum: table bounds smaller than `caps` of the routes");
    }
    let mut i = 0;
    while i < routes.len() {
        validate(routes, i);
        i += 1;
    }

    // 2. Patterns.
    let mut pats = [EMPTY_PAT; P];
    let mut np = 0;
    let mut i = 0;
    while i < routes.len() {
        let r = &routes[i];
        let len = r.segments.len() as u8;
        pats[np] = Pat {
            route: i as u16,
            len,
            add_slash: false,
            twin: false,
        };
        np += 1;
        if has_twin(r, opts) {
            let ends_in_slash = matches!(r.segments[len as usize - 1], Segment::Static(s) if s.is_empty());
            pats[np] = Pat {
                route: i as u16,
                len: if ends_in_slash { len - 1 } else { len + 1 },
                add_slash: !ends_in_slash,
                twin: true,
            };
            np += 1;
        }
        i += 1;
    }

    // 3. Sort.
    let mut order = [0u16; P];
    let mut i = 0;
    while i < np {
        order[i] = i as u16;
        i += 1;
    }
    sort(routes, &pats, &mut order, np, false);

    // 4. Nodes, depth first, and ends.
    let mut node_parent = [NONE; N];
    let mut node_pat = [0u16; N];
    let mut node_depth = [0u8; N];
    let mut pat_end = [NONE; P];
    let mut path = [0u16; MAX_SEGMENTS + 2];
    let mut k = 0;
    while k < np {
        let p = pats[order[k] as usize];
        let tl = trie_len(routes, p);
        let lcp = if k == 0 {
            0
        } else {
            let q = pats[order[k - 1] as usize];
            common_prefix(routes, q, p, trie_len(routes, q), tl)
        };
        let mut d = lcp;
        while d < tl {
            let id = b.n_nodes;
            b.n_nodes += 1;
            node_parent[id] = path[d];
            node_pat[id] = order[k];
            node_depth[id] = d as u8;
            path[d + 1] = id as u16;
            d += 1;
        }
        let at = path[tl] as usize;
        let catch_all = tl < p.len as usize;
        let mut end = if catch_all {
            b.nodes[at].catch_all
        } else {
            b.nodes[at].end
        };
        if end == NONE {
            end = b.n_ends as u16;
            b.n_ends += 1;
            if catch_all {
                b.nodes[at].catch_all = end;
            } else {
                b.nodes[at].end = end;
            }
        }
        pat_end[order[k] as usize] = end;
        add_to_end(routes, &mut b.ends[end as usize], p);
        k += 1;
    }
    let mut e = 0;
    while e < b.n_ends {
        let end = &mut b.ends[e];
        let get = end.routes[0];
        if get != NONE && end.routes[1] == NONE {
            end.routes[1] = get;
            end.methods = end.methods.union(Methods::HEAD);
            if end.declared.contains(Methods::GET) {
                end.declared = end.declared.union(Methods::HEAD);
            }
        }
        e += 1;
    }

    // 5. Edges, grouped by parent in creation (= sorted) order.
    let mut id = 1;
    while id < b.n_nodes {
        let parent = node_parent[id] as usize;
        match pat_seg(routes, pats[node_pat[id] as usize], node_depth[id] as usize) {
            Segment::Static(_) => b.nodes[parent].n_statics += 1,
            _ => b.nodes[parent].n_params += 1,
        }
        id += 1;
    }
    let mut n = 0;
    while n < b.n_nodes {
        b.nodes[n].statics = b.n_edges as u32;
        b.n_edges += b.nodes[n].n_statics as usize;
        b.nodes[n].params = b.n_params as u32;
        b.n_params += b.nodes[n].n_params as usize;
        n += 1;
    }
    let mut fill_s = [0u16; N];
    let mut fill_p = [0u16; N];
    let mut id = 1;
    while id < b.n_nodes {
        let parent = node_parent[id] as usize;
        match pat_seg(routes, pats[node_pat[id] as usize], node_depth[id] as usize) {
            Segment::Static(label) => {
                let at = b.nodes[parent].statics as usize + fill_s[parent] as usize;
                b.edges[at] = Edge {
                    label: label.as_bytes(),
                    child: id as u16,
                };
                fill_s[parent] += 1;
                if label.is_empty() {
                    b.nodes[parent].slash = b.nodes[id].end;
                }
            }
            Segment::Param { conv, .. } => {
                let at = b.nodes[parent].params as usize + fill_p[parent] as usize;
                b.params[at] = ParamEdge {
                    conv,
                    child: id as u16,
                };
                fill_p[parent] += 1;
            }
            Segment::CatchAll { .. } => panic!("flaxum: catch-all inside the tree"),
        }
        id += 1;
    }
    let mut scratch = Scratch {
        count: [0; N],
        first: [0; N],
        fill: [0; N],
        grouped: [EMPTY_EDGE; N],
    };
    let mut n = 0;
    while n < b.n_nodes {
        if b.nodes[n].n_statics > LINEAR_MAX {
            perfect_hash(&mut b, &mut scratch, n);
        }
        n += 1;
    }

    // 6. Conflicts between overlapping parameter siblings.
    let mut n = 0;
    while n < b.n_nodes {
        let node = b.nodes[n];
        let mut i = 0;
        while i < node.n_params as usize {
            let mut j = i + 1;
            while j < node.n_params as usize {
                let a = b.params[node.params as usize + i];
                let c = b.params[node.params as usize + j];
                if a.conv.tier() == c.conv.tier() && overlap(&a.conv, &c.conv) {
                    b.exhaustive = true;
                    conflict_walk(&b, a.child as usize, c.child as usize);
                }
                j += 1;
            }
            i += 1;
        }
        n += 1;
    }

    // 7. Ranks, for the exhaustive search.
    if b.exhaustive {
        sort(routes, &pats, &mut order, np, true);
        let mut rank = 0u16;
        let mut k = 0;
        while k < np {
            if k > 0
                && !cmp_pat(routes, pats[order[k - 1] as usize], pats[order[k] as usize], true)
                    .is_eq()
            {
                rank += 1;
            }
            b.ends[pat_end[order[k] as usize] as usize].rank = rank;
            k += 1;
        }
        let mut n = 0;
        while n < b.n_nodes {
            let mut best = NONE;
            if b.nodes[n].end != NONE {
                best = b.ends[b.nodes[n].end as usize].rank;
            }
            if b.nodes[n].catch_all != NONE {
                let r = b.ends[b.nodes[n].catch_all as usize].rank;
                if r < best {
                    best = r;
                }
            }
            b.nodes[n].min_rank = best;
            n += 1;
        }
        // Children come after their parents: fold ranks upwards.
        let mut id = b.n_nodes;
        while id > 1 {
            id -= 1;
            let parent = node_parent[id] as usize;
            if b.nodes[id].min_rank < b.nodes[parent].min_rank {
                b.nodes[parent].min_rank = b.nodes[id].min_rank;
            }
        }
    }
    b
}

/// Checks one descriptor; a hand-written one gets the macros' checks here.
const fn validate(routes: &[RouteDef], i: usize) {
    if routes.len() > MAX_ROUTES {
        panic!("flaxum: too many routes in one table (at most 16000)");
    }
    let r = &routes[i];
    let n = r.segments.len();
    if r.methods.is_empty() {
        route_error(r, "has no HTTP method");
    }
    if n == 0 {
        route_error(r, "has no segments (the root path is one empty segment)");
    }
    if n > MAX_SEGMENTS {
        route_error(r, "has more than 64 segments");
    }
    if r.param_count() > MAX_PARAMS {
        route_error(r, "has more than 16 parameters");
    }
    let mut k = 0;
    while k < n {
        let last = k + 1 == n;
        match r.segments[k] {
            Segment::Static(s) => {
                if s.is_empty() && !last {
                    route_error(r, "has an empty segment (`//`)");
                }
                let mut j = 0;
                while j < s.len() {
                    let c = s.as_bytes()[j];
                    if c == b'/' || c == b'?' || c == b'#' {
                        route_error(r, "has `/`, `?` or `#` inside a static segment");
                    }
                    j += 1;
                }
            }
            Segment::CatchAll { .. } => {
                if !last {
                    route_error(r, "has a catch-all that is not the last segment");
                }
            }
            Segment::Param { conv, .. } => match conv {
                Converter::String { min, max } => {
                    if min == 0 || min > max {
                        route_error(r, "has a `string` length range that accepts no segment");
                    }
                }
                Converter::Int { min, max, .. } => {
                    if min > max {
                        route_error(r, "has an `int` with min above max");
                    }
                }
                Converter::Float { min, max, .. } => {
                    if min.is_nan() || max.is_nan() || min > max {
                        route_error(r, "has a `float` with min above max");
                    }
                }
                Converter::Any(words) => {
                    if words.is_empty() {
                        route_error(r, "has an `any` with no words");
                    }
                }
                Converter::Uuid => {}
            },
        }
        k += 1;
    }
}

const fn route_error(r: &RouteDef, what: &str) -> ! {
    Msg::new()
        .push("invalid route `")
        .push(r.path)
        .push("` (")
        .push(r.handler)
        .push("): it ")
        .push(what)
        .panic()
}

/// Adds pattern `p`'s route to `end`, one method at a time. A twin never
/// displaces a declared route; two declared routes for one method conflict.
const fn add_to_end(routes: &[RouteDef], end: &mut End, p: Pat) {
    let r = &routes[p.route as usize];
    let mut bit = 0;
    while bit < 9 {
        let m = Methods::from_bits(1 << bit);
        if r.methods.contains(m) {
            let have = end.routes[bit];
            if have == NONE {
                end.routes[bit] = p.route;
                end.methods = end.methods.union(m);
                if !p.twin {
                    end.declared = end.declared.union(m);
                }
            } else if !p.twin && end.declared.contains(m) {
                conflict(routes, have as usize, p.route as usize, m);
            } else if !p.twin {
                end.routes[bit] = p.route;
                end.declared = end.declared.union(m);
            }
        }
        bit += 1;
    }
}

/// The compile error for two routes that match the same requests, naming
/// them in a fixed order so the message does not depend on declaration order.
const fn conflict(routes: &[RouteDef], a: usize, b: usize, m: Methods) -> ! {
    let (a, b) = if cmp_route_names(&routes[a], &routes[b]).is_gt() {
        (b, a)
    } else {
        (a, b)
    };
    let method = match m.first_name() {
        Some(s) => s,
        None => "?",
    };
    Msg::new()
        .push("route conflict: `")
        .push(method)
        .push(" ")
        .push(routes[a].path)
        .push("` (")
        .push(routes[a].handler)
        .push(") and `")
        .push(method)
        .push(" ")
        .push(routes[b].path)
        .push("` (")
        .push(routes[b].handler)
        .push(") match the same requests")
        .panic()
}

const fn cmp_route_names(a: &RouteDef, b: &RouteDef) -> Ordering {
    let c = bytes::cmp(a.handler.as_bytes(), b.handler.as_bytes());
    if !c.is_eq() {
        return c;
    }
    let c = bytes::cmp(a.path.as_bytes(), b.path.as_bytes());
    if !c.is_eq() {
        return c;
    }
    let c = bytes::cmp(a.file.as_bytes(), b.file.as_bytes());
    if !c.is_eq() {
        return c;
    }
    if a.line != b.line {
        return bytes::cmp_usize(a.line as usize, b.line as usize);
    }
    bytes::cmp_usize(a.column as usize, b.column as usize)
}

/// Walks two subtrees whose paths so far overlap segment by segment with
/// equal tiers, and reports any pair of routes that both reach a terminal
/// for a common declared method.
const fn conflict_walk<const P: usize, const N: usize, const S: usize>(
    b: &Built<P, N, S>,
    x: usize,
    y: usize,
) {
    let nx = b.nodes[x];
    let ny = b.nodes[y];
    end_clash(b, nx.end, ny.end);
    end_clash(b, nx.catch_all, ny.catch_all);
    let mut i = 0;
    while i < nx.n_statics as usize {
        let ex = b.edges[nx.statics as usize + i];
        let mut j = 0;
        while j < ny.n_statics as usize {
            let ey = b.edges[ny.statics as usize + j];
            if bytes::eq(ex.label, ey.label) {
                conflict_walk(b, ex.child as usize, ey.child as usize);
            }
            j += 1;
        }
        i += 1;
    }
    let mut i = 0;
    while i < nx.n_params as usize {
        let px = b.params[nx.params as usize + i];
        let mut j = 0;
        while j < ny.n_params as usize {
            let py = b.params[ny.params as usize + j];
            if px.conv.tier() == py.conv.tier() && overlap(&px.conv, &py.conv) {
                conflict_walk(b, px.child as usize, py.child as usize);
            }
            j += 1;
        }
        i += 1;
    }
}

const fn end_clash<const P: usize, const N: usize, const S: usize>(
    b: &Built<P, N, S>,
    x: u16,
    y: u16,
) {
    if x == NONE || y == NONE {
        return;
    }
    let ex = b.ends[x as usize];
    let ey = b.ends[y as usize];
    let common = ex.declared.intersection(ey.declared);
    if !common.is_empty() {
        let bit = common.bits().trailing_zeros() as usize;
        conflict(
            b.routes,
            ex.routes[bit] as usize,
            ey.routes[bit] as usize,
            Methods::from_bits(1 << bit),
        );
    }
}

/// Whether some segment is accepted by both converters (of one tier).
pub(crate) const fn overlap(a: &Converter, b: &Converter) -> bool {
    match (*a, *b) {
        (Converter::String { min: a0, max: a1 }, Converter::String { min: b0, max: b1 }) => {
            max_u32(a0, b0) <= min_u32(a1, b1)
        }
        (
            Converter::Int {
                min: a0,
                max: a1,
                fixed_digits: af,
                signed: asg,
            },
            Converter::Int {
                min: b0,
                max: b1,
                fixed_digits: bf,
                signed: bsg,
            },
        ) => {
            if af != 0 && bf != 0 && af != bf {
                return false;
            }
            let mut lo = if a0 > b0 { a0 } else { b0 };
            let mut hi = if a1 < b1 { a1 } else { b1 };
            if !(asg && bsg) && lo < 0 {
                lo = 0;
            }
            let f = if af != 0 { af } else { bf };
            if f != 0 {
                let lim = pow10_minus_one(f);
                if hi > lim {
                    hi = lim;
                }
                if lo < -lim {
                    lo = -lim;
                }
            }
            lo <= hi
        }
        (
            Converter::Float {
                min: a0,
                max: a1,
                signed: asg,
            },
            Converter::Float {
                min: b0,
                max: b1,
                signed: bsg,
            },
        ) => {
            let mut lo = if a0 > b0 { a0 } else { b0 };
            let hi = if a1 < b1 { a1 } else { b1 };
            if !(asg && bsg) && lo < 0.0 {
                lo = 0.0;
            }
            lo <= hi
        }
        (Converter::Uuid, Converter::Uuid) => true,
        (Converter::Any(words), other) | (other, Converter::Any(words)) => {
            let mut i = 0;
            while i < words.len() {
                if !matches!(
                    crate::convert::accepts(&other, words[i].as_bytes(), false),
                    Some(false)
                ) {
                    return true;
                }
                i += 1;
            }
            false
        }
        _ => false,
    }
}

const fn pow10_minus_one(f: u8) -> i128 {
    let mut v: i128 = 1;
    let mut k = 0;
    while k < f {
        v = match v.checked_mul(10) {
            Some(v) => v,
            None => return i128::MAX,
        };
        k += 1;
    }
    v - 1
}

const fn max_u32(a: u32, b: u32) -> u32 {
    if a > b {
        a
    } else {
        b
    }
}

const fn min_u32(a: u32, b: u32) -> u32 {
    if a < b {
        a
    } else {
        b
    }
}

/// Lays out a hash-and-displace perfect hash for node `n`'s static edges:
/// bucket = top bits of the hash; slot = top bits of hash × the bucket's
/// odd multiplier. Buckets are placed largest first. Falls back to a linear
/// scan (shift 0) when the hashes themselves collide.
const fn perfect_hash<const P: usize, const N: usize, const S: usize>(
    b: &mut Built<P, N, S>,
    w: &mut Scratch<N>,
    n: usize,
) {
    let k = b.nodes[n].n_statics as usize;
    let start = b.nodes[n].statics as usize;
    let lk = ceil_log2(k);
    let bits = lk + 1;
    let rbits = if lk > 2 { lk - 1 } else { 1 };
    let m = 1usize << bits;
    let r = 1usize << rbits;
    let bshift = (64 - rbits) as u8;
    let shift = (64 - bits) as u8;

    // Group the edges by bucket (counting sort, stable).
    let count = &mut w.count;
    let first = &mut w.first;
    let fill = &mut w.fill;
    let grouped = &mut w.grouped;
    let mut q = 0;
    while q < r {
        count[q] = 0;
        fill[q] = 0;
        q += 1;
    }
    let mut i = 0;
    while i < k {
        let h = hash::hash(b.edges[start + i].label);
        count[(h >> bshift) as usize] += 1;
        i += 1;
    }
    // Bucket start offsets, then the grouped copy.
    let mut acc = 0u16;
    let mut q = 0;
    while q < r {
        first[q] = acc;
        acc += count[q];
        q += 1;
    }
    let mut i = 0;
    while i < k {
        let e = b.edges[start + i];
        let q = (hash::hash(e.label) >> bshift) as usize;
        grouped[(first[q] + fill[q]) as usize] = e;
        fill[q] += 1;
        i += 1;
    }
    let mut i = 0;
    while i < k {
        b.edges[start + i] = grouped[i];
        i += 1;
    }

    let slot0 = b.n_slots;
    let disp0 = b.n_disps;
    let mut size = k;
    while size > 0 {
        let mut q = 0;
        while q < r {
            if count[q] as usize == size {
                let lo = first[q] as usize;
                let mut t = 0u64;
                loop {
                    if t == 4096 {
                        // Only identical hashes get here: compare linearly.
                        let mut s = 0;
                        while s < m {
                            b.slots[slot0 + s] = NONE;
                            s += 1;
                        }
                        return;
                    }
                    let seed = hash::seed(t);
                    if place(b, start, lo, size, seed, shift, slot0) {
                        b.disps[disp0 + q] = seed;
                        break;
                    }
                    t += 1;
                }
            }
            q += 1;
        }
        size -= 1;
    }
    b.nodes[n].shift = shift;
    b.nodes[n].bshift = bshift;
    b.nodes[n].slots = slot0 as u32;
    b.nodes[n].disps = disp0 as u32;
    b.n_slots += m;
    b.n_disps += r;
}

/// Work arrays of [`perfect_hash`], allocated once per build.
struct Scratch<const N: usize> {
    count: [u16; N],
    first: [u16; N],
    fill: [u16; N],
    grouped: [Edge; N],
}

/// Tries to put edges `lo..lo + size` (of the node at `start`) in free,
/// distinct slots under `seed`; on success the slots are taken.
const fn place<const P: usize, const N: usize, const S: usize>(
    b: &mut Built<P, N, S>,
    start: usize,
    lo: usize,
    size: usize,
    seed: u64,
    shift: u8,
    slot0: usize,
) -> bool {
    let mut i = 0;
    while i < size {
        let s = hash::slot(hash::hash(b.edges[start + lo + i].label), seed, shift);
        if b.slots[slot0 + s] != NONE {
            return false;
        }
        let mut j = 0;
        while j < i {
            if hash::slot(hash::hash(b.edges[start + lo + j].label), seed, shift) == s {
                return false;
            }
            j += 1;
        }
        i += 1;
    }
    let mut i = 0;
    while i < size {
        let s = hash::slot(hash::hash(b.edges[start + lo + i].label), seed, shift);
        b.slots[slot0 + s] = (lo + i) as u16;
        i += 1;
    }
    true
}

const fn ceil_log2(k: usize) -> u32 {
    let mut b = 0;
    while (1usize << b) < k {
        b += 1;
    }
    b
}

/// The number of leading segments `p` and `q` share, up to `lp`/`lq`.
const fn common_prefix(routes: &[RouteDef], p: Pat, q: Pat, lp: usize, lq: usize) -> usize {
    let n = if lp < lq { lp } else { lq };
    let mut i = 0;
    while i < n {
        if !cmp_seg(&pat_seg(routes, p, i), &pat_seg(routes, q, i)).is_eq() {
            return i;
        }
        i += 1;
    }
    n
}

/// Bottom-up merge sort of `order[..n]` by [`cmp_pat`].
const fn sort<const P: usize>(
    routes: &[RouteDef],
    pats: &[Pat; P],
    order: &mut [u16; P],
    n: usize,
    tiers_only: bool,
) {
    let mut tmp = [0u16; P];
    let mut width = 1;
    while width < n {
        let mut lo = 0;
        while lo < n {
            let mid = if lo + width < n { lo + width } else { n };
            let hi = if lo + 2 * width < n { lo + 2 * width } else { n };
            let (mut i, mut j, mut k) = (lo, mid, lo);
            while i < mid && j < hi {
                let a = pats[order[i] as usize];
                let c = pats[order[j] as usize];
                if cmp_pat(routes, c, a, tiers_only).is_lt() {
                    tmp[k] = order[j];
                    j += 1;
                } else {
                    tmp[k] = order[i];
                    i += 1;
                }
                k += 1;
            }
            while i < mid {
                tmp[k] = order[i];
                i += 1;
                k += 1;
            }
            while j < hi {
                tmp[k] = order[j];
                j += 1;
                k += 1;
            }
            lo = hi;
        }
        let mut i = 0;
        while i < n {
            order[i] = tmp[i];
            i += 1;
        }
        width *= 2;
    }
}

/// The order of patterns: segment by segment (by tier, then by key unless
/// `tiers_only`), shorter first; then, for a total order independent of
/// declaration, declared before twins, then by handler name and place.
const fn cmp_pat(routes: &[RouteDef], a: Pat, b: Pat, tiers_only: bool) -> Ordering {
    let (la, lb) = (a.len as usize, b.len as usize);
    let n = if la < lb { la } else { lb };
    let mut i = 0;
    while i < n {
        let sa = pat_seg(routes, a, i);
        let sb = pat_seg(routes, b, i);
        let c = if tiers_only {
            bytes::cmp_usize(sa.tier() as usize, sb.tier() as usize)
        } else {
            cmp_seg(&sa, &sb)
        };
        if !c.is_eq() {
            return c;
        }
        i += 1;
    }
    let c = bytes::cmp_usize(la, lb);
    if !c.is_eq() || tiers_only {
        return c;
    }
    if a.twin != b.twin {
        return if a.twin {
            Ordering::Greater
        } else {
            Ordering::Less
        };
    }
    cmp_route_names(&routes[a.route as usize], &routes[b.route as usize])
}

/// The order of segments: tier, then static text or converter.
const fn cmp_seg(a: &Segment, b: &Segment) -> Ordering {
    let c = bytes::cmp_usize(a.tier() as usize, b.tier() as usize);
    if !c.is_eq() {
        return c;
    }
    match (*a, *b) {
        (Segment::Static(x), Segment::Static(y)) => bytes::cmp(x.as_bytes(), y.as_bytes()),
        (Segment::Param { conv: x, .. }, Segment::Param { conv: y, .. }) => cmp_conv(&x, &y),
        _ => Ordering::Equal,
    }
}

const fn conv_kind(c: &Converter) -> usize {
    match c {
        Converter::String { .. } => 0,
        Converter::Int { .. } => 1,
        Converter::Float { .. } => 2,
        Converter::Uuid => 3,
        Converter::Any(_) => 4,
    }
}

/// A total order of converters (equal means the same constraint).
const fn cmp_conv(a: &Converter, b: &Converter) -> Ordering {
    let c = bytes::cmp_usize(conv_kind(a), conv_kind(b));
    if !c.is_eq() {
        return c;
    }
    match (*a, *b) {
        (Converter::String { min: a0, max: a1 }, Converter::String { min: b0, max: b1 }) => {
            chain(cmp_u128(a0 as u128, b0 as u128), cmp_u128(a1 as u128, b1 as u128))
        }
        (
            Converter::Int {
                min: a0,
                max: a1,
                fixed_digits: af,
                signed: asg,
            },
            Converter::Int {
                min: b0,
                max: b1,
                fixed_digits: bf,
                signed: bsg,
            },
        ) => chain(
            chain(cmp_i128(a0, b0), cmp_i128(a1, b1)),
            chain(cmp_u128(af as u128, bf as u128), cmp_u128(asg as u128, bsg as u128)),
        ),
        (
            Converter::Float {
                min: a0,
                max: a1,
                signed: asg,
            },
            Converter::Float {
                min: b0,
                max: b1,
                signed: bsg,
            },
        ) => chain(
            chain(cmp_f64(a0, b0), cmp_f64(a1, b1)),
            cmp_u128(asg as u128, bsg as u128),
        ),
        (Converter::Any(x), Converter::Any(y)) => {
            let c = bytes::cmp_usize(x.len(), y.len());
            if !c.is_eq() {
                return c;
            }
            let mut i = 0;
            while i < x.len() {
                let c = bytes::cmp(x[i].as_bytes(), y[i].as_bytes());
                if !c.is_eq() {
                    return c;
                }
                i += 1;
            }
            Ordering::Equal
        }
        _ => Ordering::Equal,
    }
}

const fn chain(a: Ordering, b: Ordering) -> Ordering {
    if a.is_eq() {
        b
    } else {
        a
    }
}

const fn cmp_u128(a: u128, b: u128) -> Ordering {
    if a < b {
        Ordering::Less
    } else if a > b {
        Ordering::Greater
    } else {
        Ordering::Equal
    }
}

const fn cmp_i128(a: i128, b: i128) -> Ordering {
    if a < b {
        Ordering::Less
    } else if a > b {
        Ordering::Greater
    } else {
        Ordering::Equal
    }
}

/// IEEE total order through the bit pattern.
const fn cmp_f64(a: f64, b: f64) -> Ordering {
    let (x, y) = (a.to_bits(), b.to_bits());
    let kx = if x >> 63 == 1 { !x } else { x | (1 << 63) };
    let ky = if y >> 63 == 1 { !y } else { y | (1 << 63) };
    cmp_u128(kx as u128, ky as u128)
}
