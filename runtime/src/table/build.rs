//! The `const fn` table builder. It runs inside the compiler: every `panic!`
//! here is a compile error at the `routes!`/`table!` call.
//!
//! Steps, each near-linear except the sorts of sibling lists (O(n log n)):
//! 1. validate each descriptor;
//! 2. expand routes into patterns (a non-strict route adds its slash twin),
//!    each segment with an integer key that orders it;
//! 3. sort the patterns through a trie of their keys, so shared prefixes
//!    are adjacent and siblings come in specificity order;
//! 4. lay the radix nodes out in that order (depth-first);
//! 5. group the child edges by parent (checking each static label's bytes
//!    once), hash the static ones;
//! 6. detect conflicts between overlapping parameter siblings;
//! 7. rank the ends by specificity when the matcher must search on.
//!
//! Const evaluation runs this code statement by statement, at a cost per
//! statement and more per call, so the hot loops avoid calls and indexing
//! where they can (measure with `benches/ctfe-steps.sh`).

use super::built::{Built, SlotKey, EMPTY_WHOLE};
use super::conflict::{clash_message, conflict_walk, overlap, Clash};
use super::order::{cmp_pat, common_prefix, seg_key, sort_by_tiers, sort_by_trie};
use super::pattern::{pat_seg, trie_len, Pat, EMPTY_PAT};
use super::phf::{layout, single, Scratch};
use super::{hash, Edge, End, ParamEdge, Whole, MAX_PARAMS, MAX_ROUTES, MAX_SEGMENTS, NONE};
use crate::bytes::Msg;
use crate::route::method::Methods;
use crate::route::{Converter, RouteDef, Segment};
use core::cmp::Ordering;

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
    // Slice patterns, not `len` and `is_empty`: calls, which const
    // evaluation is slow at, and this runs three times per route.
    match r.segments {
        [] | [.., Segment::CatchAll { .. }] => false,
        // The root "/" has no slash-less spelling.
        [Segment::Static(s)] => !matches!(s.as_bytes(), []),
        _ => true,
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
    let n_routes = routes.len();
    while i < n_routes {
        let len = routes[i].segments.len();
        patterns += 1;
        segs += len;
        if has_twin(&routes[i], opts) {
            // The twin has one segment more or one fewer.
            patterns += 1;
            segs += len + 1;
        }
        i += 1;
    }
    Caps {
        patterns,
        nodes: segs + 1,
        // A node of `k` static children takes fewer than `16 * k` slots
        // (eight times the next power of two, at most).
        slots: 16 * segs + 4,
    }
}

/// The patterns of a table and their segment keys (see [`seg_key`]), so
/// that sorting and grouping them mostly compares integers.
pub(super) struct Patterns<const P: usize, const N: usize> {
    pub(super) pats: [Pat; P],
    pub(super) np: usize,
    pub(super) keys: [u128; N],
    pub(super) nk: usize,
}

/// The patterns of `routes`: each route's own, then its slash twin when it
/// has one; and their keys.
pub(super) const fn patterns<const P: usize, const N: usize>(
    routes: &[RouteDef],
    opts: BuildOptions,
) -> Patterns<P, N> {
    let mut pats = [EMPTY_PAT; P];
    let mut np = 0;
    let mut i = 0;
    let n_routes = routes.len();
    while i < n_routes {
        let r = &routes[i];
        let len = r.segments.len() as u8;
        pats[np] = Pat {
            route: i as u16,
            len,
            add_slash: false,
            twin: false,
            keys: 0,
        };
        np += 1;
        if has_twin(r, opts) {
            let ends_in_slash =
                matches!(r.segments[len as usize - 1], Segment::Static(s) if s.is_empty());
            pats[np] = Pat {
                route: i as u16,
                len: if ends_in_slash { len - 1 } else { len + 1 },
                add_slash: !ends_in_slash,
                twin: true,
                keys: 0,
            };
            np += 1;
        }
        i += 1;
    }

    let mut keys = [0u128; N];
    let mut nk = 0;
    let mut k = 0;
    while k < np {
        let p = pats[k];
        pats[k].keys = nk as u32;
        // The route's own segments, without a call per segment.
        let segs = routes[p.route as usize].segments;
        let n = p.len as usize;
        let own = if p.add_slash { n - 1 } else { n };
        let mut i = 0;
        while i < own {
            keys[nk] = seg_key(&segs[i]);
            nk += 1;
            i += 1;
        }
        if p.add_slash {
            keys[nk] = seg_key(&Segment::Static(""));
            nk += 1;
        }
        k += 1;
    }
    Patterns { pats, np, keys, nk }
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
    match try_build(routes, opts) {
        Ok(b) => b,
        Err(e) => panic!("{}", e.as_str()),
    }
}

/// Why a table cannot be built: an invalid descriptor, or two routes that
/// match the same requests. [`table!`](crate::table!) turns it into the
/// compile error.
///
/// ```
/// use flaxum::route::{Converter, RouteDef, Segment};
/// use flaxum::table::{try_build, BuildOptions, Built};
///
/// static ROUTES: [RouteDef; 2] = [
///     RouteDef::new(flaxum::Methods::GET, "/:a", &[Segment::Param { name: "a", conv: Converter::PLAIN }], "a"),
///     RouteDef::new(flaxum::Methods::GET, "/:b", &[Segment::Param { name: "b", conv: Converter::PLAIN }], "b"),
/// ];
/// let err = try_build::<4, 16, 64>(&ROUTES, BuildOptions::DEFAULT).unwrap_err();
/// assert_eq!(err.as_str(), "route conflict: `GET /:a` (a) and `GET /:b` (b) match the same requests");
/// ```
pub struct BuildError(Msg);

impl BuildError {
    /// The error of `msg`.
    pub(crate) const fn new(msg: Msg) -> BuildError {
        BuildError(msg)
    }

    /// The message.
    pub const fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

impl core::fmt::Debug for BuildError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// [`build`], reporting an invalid table as an error instead of panicking.
// The error holds its message inline: const evaluation cannot box it, and
// it is built once, at compile time.
#[allow(clippy::result_large_err)]
pub const fn try_build<const P: usize, const N: usize, const S: usize>(
    routes: &'static [RouteDef],
    opts: BuildOptions,
) -> Result<Built<P, N, S>, BuildError> {
    let needed = caps(routes, opts);
    if needed.patterns > P || needed.nodes > N || needed.slots > S {
        return Err(BuildError(
            Msg::new().push("table bounds smaller than `caps` of the routes"),
        ));
    }
    try_build_in_caps(routes, opts)
}

/// [`try_build`] within bounds that are [`caps`] of the same `routes` and
/// `opts`, as [`table!`](crate::table!) gives them: the bounds are not
/// computed a second time (a walk over every route, in const evaluation).
///
/// ```
/// use flaxum::route::{RouteDef, Segment};
/// use flaxum::table::{caps, try_build_in_caps, BuildOptions};
///
/// static ROUTES: [RouteDef; 1] = [RouteDef::new(flaxum::Methods::GET, "/", &[Segment::Static("")], "index")];
/// const CAPS: flaxum::table::Caps = caps(&ROUTES, BuildOptions::DEFAULT);
/// let built = try_build_in_caps::<{ CAPS.patterns }, { CAPS.nodes }, { CAPS.slots }>(&ROUTES, BuildOptions::DEFAULT);
/// assert!(built.is_ok());
/// ```
#[allow(clippy::result_large_err)]
pub const fn try_build_in_caps<const P: usize, const N: usize, const S: usize>(
    routes: &'static [RouteDef],
    opts: BuildOptions,
) -> Result<Built<P, N, S>, BuildError> {
    // 1. The descriptors, each valid.
    if let Some(e) = check_input(routes) {
        return Err(e);
    }
    let mut b = Built::<P, N, S>::empty(routes);
    // 2. and 3. The patterns with their keys, sorted.
    let mut w = work::<P, N, S>(routes, opts);
    // 4. to 7.
    if let Some(e) = add_nodes(&mut b, &mut w) {
        return Err(e);
    }
    answer_head_with_get(&mut b);
    if let Some(e) = add_edges(&mut b, &w) {
        return Err(e);
    }
    let mut scratch = Scratch::new();
    hash_nodes(&mut b, &mut scratch);
    hash_whole_paths(&mut b, &w, &mut scratch);
    if let Some(e) = check_conflicts(&mut b) {
        return Err(e);
    }
    rank(&mut b, &mut w);
    Ok(b)
}

/// The builder's working arrays, beside the table it fills.
struct Work<const P: usize, const N: usize> {
    /// The patterns, and their segment keys (see [`patterns`]).
    pats: [Pat; P],
    np: usize,
    keys: [u128; N],
    /// The patterns' indices in match order.
    order: [u16; P],
    /// For each node: its parent, the pattern that made it, its depth.
    node_parent: [u16; N],
    node_pat: [u16; N],
    node_depth: [u8; N],
    /// For each pattern: its end.
    pat_end: [u16; P],
}

/// Steps 2 and 3: the patterns of `routes` with their keys, sorted.
const fn work<const P: usize, const N: usize, const S: usize>(
    routes: &[RouteDef],
    opts: BuildOptions,
) -> Work<P, N> {
    let Patterns { pats, np, keys, nk } = patterns::<P, N>(routes, opts);
    let mut order = [0u16; P];
    sort_by_trie::<P, N, S>(routes, &keys, &pats, &mut order, np, nk);
    Work {
        pats,
        np,
        keys,
        order,
        node_parent: [NONE; N],
        node_pat: [0u16; N],
        node_depth: [0u8; N],
        pat_end: [NONE; P],
    }
}

/// Step 1: there are not too many routes, and each is valid.
const fn check_input(routes: &[RouteDef]) -> Option<BuildError> {
    if routes.len() > MAX_ROUTES {
        return Some(BuildError(
            Msg::new()
                .push("too many routes in one table (at most ")
                .push_num(MAX_ROUTES)
                .push(")"),
        ));
    }
    let mut i = 0;
    let n_routes = routes.len();
    while i < n_routes {
        if let Some(what) = validate(&routes[i]) {
            return Some(invalid(&routes[i], what));
        }
        i += 1;
    }
    None
}

/// Step 4: the nodes, depth first in match order, and the ends; and the
/// routes in that order (by their own patterns), for the listing.
const fn add_nodes<const P: usize, const N: usize, const S: usize>(
    b: &mut Built<P, N, S>,
    w: &mut Work<P, N>,
) -> Option<BuildError> {
    let routes = b.routes;
    let mut path = [0u16; MAX_SEGMENTS + 2];
    let mut prev_tl = 0;
    let mut listed = 0;
    let mut k = 0;
    while k < w.np {
        let p = w.pats[w.order[k] as usize];
        if !p.twin {
            b.order[listed] = p.route;
            listed += 1;
        }
        let tl = trie_len(routes, p);
        let lcp = if k == 0 {
            0
        } else {
            let q = w.pats[w.order[k - 1] as usize];
            let limit = if prev_tl < tl { prev_tl } else { tl };
            // Exact w.keys settle most segments without a call.
            let mut d = 0;
            while d < limit {
                let kq = w.keys[q.keys as usize + d];
                let kp = w.keys[p.keys as usize + d];
                if kq != kp {
                    break;
                }
                if kq & 1 == 1 {
                    d += common_prefix(routes, &w.keys, q, p, limit, limit, d);
                    break;
                }
                d += 1;
            }
            d
        };
        prev_tl = tl;
        let mut d = lcp;
        while d < tl {
            let id = b.n_nodes;
            b.n_nodes += 1;
            w.node_parent[id] = path[d];
            w.node_pat[id] = w.order[k];
            w.node_depth[id] = d as u8;
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
            b.ends[end as usize].slash = !catch_all
                && matches!(pat_seg(routes, p, p.len as usize - 1), Segment::Static(s) if s.is_empty());
            if catch_all {
                b.nodes[at].catch_all = end;
            } else {
                b.nodes[at].end = end;
            }
        }
        w.pat_end[w.order[k] as usize] = end;
        if let Some(c) = add_to_end(routes, &mut b.ends[end as usize], p) {
            return Some(BuildError(clash_message(routes, c)));
        }
        k += 1;
    }
    None
}

/// GET answers HEAD unless HEAD is declared for the path.
const fn answer_head_with_get<const P: usize, const N: usize, const S: usize>(
    b: &mut Built<P, N, S>,
) {
    let mut e = 0;
    while e < b.n_ends {
        let end = &mut b.ends[e];
        // GET answers HEAD unless HEAD is declared for this path; a
        // declared GET also beats a HEAD that only a slash twin brings.
        // Raw bits: `Methods`' helpers are calls, slow in const evaluation.
        let (get_bit, head_bit) = (Methods::GET.0, Methods::HEAD.0);
        let get = end.routes[0];
        let head_declared = end.declared.0 & head_bit != 0;
        let get_declared = end.declared.0 & get_bit != 0;
        if get != NONE && !head_declared && (end.routes[1] == NONE || get_declared) {
            end.routes[1] = get;
            end.methods = Methods(end.methods.0 | head_bit);
            if get_declared {
                end.declared = Methods(end.declared.0 | head_bit);
            }
        }
        e += 1;
    }
}

/// Step 5: the edges, grouped by parent in creation (= sorted) order.
const fn add_edges<const P: usize, const N: usize, const S: usize>(
    b: &mut Built<P, N, S>,
    w: &Work<P, N>,
) -> Option<BuildError> {
    let routes = b.routes;
    let mut id = 1;
    while id < b.n_nodes {
        let parent = w.node_parent[id] as usize;
        match pat_seg(
            routes,
            w.pats[w.node_pat[id] as usize],
            w.node_depth[id] as usize,
        ) {
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
        let parent = w.node_parent[id] as usize;
        match pat_seg(
            routes,
            w.pats[w.node_pat[id] as usize],
            w.node_depth[id] as usize,
        ) {
            Segment::Static(label) => {
                b.nodes[id].parent = parent as u16;
                b.nodes[id].via = 0;
                b.nodes[id].params_before = b.nodes[parent].params_before;
                let at = b.nodes[parent].statics as usize + fill_s[parent] as usize;
                b.edges[at] = Edge {
                    label: label.as_bytes(),
                    hash: hash::key(label.as_bytes()),
                    child: id as u16,
                };
                fill_s[parent] += 1;
                let (percent, forbidden) = label_flags(label.as_bytes());
                if forbidden {
                    let r = &routes[w.pats[w.node_pat[id] as usize].route as usize];
                    return Some(invalid(r, "has `/`, `?` or `#` inside a static segment"));
                }
                b.nodes[parent].escaped |= percent;
                if label.is_empty() {
                    b.nodes[parent].slash = b.nodes[id].end;
                }
            }
            Segment::Param { conv, .. } => {
                b.nodes[id].parent = parent as u16;
                b.nodes[id].via = 1 + fill_p[parent];
                b.nodes[id].params_before = b.nodes[parent].params_before + 1;
                let at = b.nodes[parent].params as usize + fill_p[parent] as usize;
                let plain = matches!(
                    conv,
                    Converter::String {
                        min: 0 | 1,
                        max: u32::MAX
                    }
                );
                b.params[at] = ParamEdge {
                    conv,
                    child: id as u16,
                    plain,
                };
                if fill_p[parent] == 0 {
                    b.nodes[parent].first_param = id as u16;
                    b.nodes[parent].first_plain = plain;
                }
                fill_p[parent] += 1;
            }
            Segment::CatchAll { .. } => {
                return Some(BuildError(Msg::new().push("a catch-all inside the tree")));
            }
        }
        id += 1;
    }
    None
}

/// Step 5, continued: each node's static edges, perfect-hashed.
const fn hash_nodes<const P: usize, const N: usize, const S: usize>(
    b: &mut Built<P, N, S>,
    scratch: &mut Scratch<N>,
) {
    let mut n = 0;
    while n < b.n_nodes {
        // Even one child is hashed: a slot costs the matcher less than a
        // loop, and only keys no multiplier separates stay linear.
        if b.nodes[n].n_statics > 0 {
            hash_statics(b, scratch, n);
        }
        n += 1;
    }
}

/// The fully static paths, for one hash of the whole request path.
const fn hash_whole_paths<const P: usize, const N: usize, const S: usize>(
    b: &mut Built<P, N, S>,
    w: &Work<P, N>,
    scratch: &mut Scratch<N>,
) {
    let routes = b.routes;
    let mut in_whole = [false; P];
    let mut k = 0;
    while k < w.np {
        let p = w.pats[k];
        let end = w.pat_end[k];
        let r = &routes[p.route as usize];
        if !p.twin && !in_whole[end as usize] && spelled_as_written(r) {
            in_whole[end as usize] = true;
            let h = hash::whole(r.path.as_bytes());
            scratch.hashes[b.n_whole] = h;
            b.whole[b.n_whole] = Whole {
                text: r.path.as_bytes(),
                end,
            };
            b.n_whole += 1;
        }
        k += 1;
    }
    // One hash of the whole path pays when most routes are static; else
    // it is mostly a miss before the walk that would find them anyway.
    if b.n_whole > 0 && 2 * b.n_whole >= b.n_ends {
        b.whole_layout = layout(
            b.n_whole,
            scratch,
            &mut b.whole_slots,
            0,
            &mut b.whole_disps,
            0,
            false,
        );
        if b.whole_layout.is_some() {
            let mut grouped = [EMPTY_WHOLE; P];
            let mut i = 0;
            while i < b.n_whole {
                grouped[i] = b.whole[scratch.order[i] as usize];
                i += 1;
            }
            b.whole = grouped;
        } else {
            b.n_whole = 0;
        }
    } else {
        b.n_whole = 0;
    }
}

/// Step 6: conflicts between overlapping parameter siblings.
const fn check_conflicts<const P: usize, const N: usize, const S: usize>(
    b: &mut Built<P, N, S>,
) -> Option<BuildError> {
    let routes = b.routes;
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
                    if let Some(c) = conflict_walk(b, a.child as usize, c.child as usize) {
                        return Some(BuildError(clash_message(routes, c)));
                    }
                }
                j += 1;
            }
            i += 1;
        }
        n += 1;
    }
    None
}

/// Step 7: ranks, for the exhaustive search, whose order of ranks then
/// replaces the match order of the routes.
const fn rank<const P: usize, const N: usize, const S: usize>(
    b: &mut Built<P, N, S>,
    w: &mut Work<P, N>,
) {
    let routes = b.routes;
    if b.exhaustive {
        sort_by_tiers(routes, &w.keys, &w.pats, &mut w.order, w.np);
        let mut rank = 0u16;
        let mut listed = 0;
        let mut k = 0;
        while k < w.np {
            let p = w.pats[w.order[k] as usize];
            if !p.twin {
                b.order[listed] = p.route;
                listed += 1;
            }
            let prev = if k > 0 {
                w.pats[w.order[k - 1] as usize]
            } else {
                p
            };
            if k > 0 && !matches!(cmp_pat(routes, &w.keys, prev, p, true), Ordering::Equal) {
                rank += 1;
            }
            // Even ranks; a method that only a twin answers ranks one
            // after (see `End::rank_for`), so a declared route wins a tie.
            let end = w.pat_end[w.order[k] as usize] as usize;
            b.ends[end].rank = 2 * rank;
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
            let parent = w.node_parent[id] as usize;
            if b.nodes[id].min_rank < b.nodes[parent].min_rank {
                b.nodes[parent].min_rank = b.nodes[id].min_rank;
            }
        }
    }
}

/// Whether the route's path as written is `"/" + segments.join("/")`, byte
/// for byte: true of a static route unless the builder had to escape it.
const fn spelled_as_written(r: &RouteDef) -> bool {
    // Walked by slice patterns: no `len` calls, which const evaluation is
    // slow at.
    let mut text = r.path.as_bytes();
    let mut segs = r.segments;
    while let [Segment::Static(label), more @ ..] = segs {
        let [b'/', after @ ..] = text else {
            return false;
        };
        text = after;
        let mut label = label.as_bytes();
        while let [c, rest @ ..] = label {
            let [t, after @ ..] = text else {
                return false;
            };
            if *t != *c {
                return false;
            }
            label = rest;
            text = after;
        }
        segs = more;
    }
    // A segment that is not static stops the walk early.
    matches!(segs, []) && matches!(text, [])
}

/// Lays out the perfect hash of node `n`'s static children, reordering
/// them into slot order; leaves the node linear if the hash cannot.
const fn hash_statics<const P: usize, const N: usize, const S: usize>(
    b: &mut Built<P, N, S>,
    w: &mut Scratch<N>,
    n: usize,
) {
    let k = b.nodes[n].n_statics as usize;
    let start = b.nodes[n].statics as usize;
    let mut i = 0;
    while i < k {
        w.hashes[i] = b.edges[start + i].hash;
        i += 1;
    }
    // The slots are laid out in the whole-path table's, which is not
    // built yet, then copied with their edges' keys and children.
    let l = match single(k, w, &mut b.whole_slots, 0) {
        Some(l) => l,
        None => match layout(k, w, &mut b.whole_slots, 0, &mut b.disps, b.n_disps, true) {
            Some(l) => l,
            None => return,
        },
    };
    if b.n_slots + l.slots > S {
        return;
    }
    let mut i = 0;
    while i < k {
        w.grouped[i] = b.edges[start + w.order[i] as usize];
        i += 1;
    }
    let mut i = 0;
    while i < k {
        b.edges[start + i] = w.grouped[i];
        i += 1;
    }
    let mut s = 0;
    while s < l.slots {
        let at = b.whole_slots[s];
        if at != NONE {
            let e = b.edges[start + at as usize];
            b.slots[b.n_slots + s] = SlotKey {
                hash: e.hash,
                hi: hash::hi(e.label),
                len: if e.label.len() < u16::MAX as usize {
                    e.label.len() as u16
                } else {
                    u16::MAX
                },
                child: e.child,
                edge: (start + at as usize) as u16,
            };
        }
        s += 1;
    }
    b.nodes[n].shift = l.shift;
    b.nodes[n].bucket_shift = l.bucket_shift;
    b.nodes[n].slots = b.n_slots as u32;
    b.nodes[n].disps = b.n_disps as u32;
    b.nodes[n].seed = l.seed;
    b.n_slots += l.slots;
    b.n_disps += l.disps;
}

/// What one pass over a static label finds: whether it holds an escape
/// (`%`), and whether it holds a byte no segment can (`/`, `?`, `#`).
const fn label_flags(label: &[u8]) -> (bool, bool) {
    let mut percent = false;
    let mut rest = label;
    // Bytes taken off the front: each index or call costs the compiler's
    // evaluator as much as the comparisons do.
    while let [c, tail @ ..] = rest {
        match *c {
            b'%' => percent = true,
            b'/' | b'?' | b'#' => return (percent, true),
            _ => {}
        }
        rest = tail;
    }
    (percent, false)
}

/// The error for route `r`, which `what` (as [`validate`] words it).
const fn invalid(r: &RouteDef, what: &str) -> BuildError {
    BuildError(
        Msg::new()
            .push("invalid route `")
            .push(r.path)
            .push("` (")
            .push(r.handler)
            .push("): it ")
            .push(what),
    )
}

/// Checks one descriptor (a hand-written one gets the macros' checks here):
/// what is wrong with it, if anything. The bytes of static labels are
/// checked once per tree edge, by [`label_flags`].
const fn validate(r: &RouteDef) -> Option<&'static str> {
    let n = r.segments.len();
    if r.methods.0 == 0 {
        return Some("has no HTTP method");
    }
    if n == 0 {
        return Some("has no segments (the root path is one empty segment)");
    }
    if n > MAX_SEGMENTS {
        return Some("has more than 64 segments");
    }
    // Parameters are counted in this loop, not by `RouteDef::param_count`:
    // a second walk over the segments, with a call for each, costs const
    // evaluation more than the whole check.
    let mut params = 0;
    let mut k = 0;
    while k < n {
        let last = k + 1 == n;
        match r.segments[k] {
            Segment::Static(s) => {
                if matches!(s.as_bytes(), []) && !last {
                    return Some("has an empty segment (`//`)");
                }
            }
            Segment::CatchAll { .. } => {
                if !last {
                    return Some("has a catch-all that is not the last segment");
                }
                params += 1;
            }
            Segment::Param { conv, .. } => {
                params += 1;
                match conv {
                    Converter::String { min, max } => {
                        if min == 0 || min > max {
                            return Some("has a `string` length range that accepts no segment");
                        }
                    }
                    Converter::Int { min, max, .. } => {
                        if min > max {
                            return Some("has an `int` with min above max");
                        }
                    }
                    Converter::Float { min, max, .. } => {
                        if min.is_nan() || max.is_nan() || min > max {
                            return Some("has a `float` with min above max");
                        }
                    }
                    Converter::Any(words) => {
                        if words.is_empty() {
                            return Some("has an `any` with no words");
                        }
                    }
                    Converter::Uuid => {}
                    Converter::Class { chars, min, max } => {
                        if chars == 0 || chars >> b'/' & 1 == 1 || min == 0 || min > max {
                            return Some("has a custom converter that accepts no segment");
                        }
                    }
                }
            }
        }
        k += 1;
    }
    if params > MAX_PARAMS {
        return Some("has more than 16 parameters");
    }
    None
}

/// Adds pattern `p`'s route to `end`, one method at a time. A twin never
/// displaces a declared route; two declared routes for one method conflict.
const fn add_to_end(routes: &[RouteDef], end: &mut End, p: Pat) -> Option<Clash> {
    // Raw bits, without `Methods`' helpers: const evaluation is slow at
    // calls, and this runs for every method of every pattern.
    let wanted = routes[p.route as usize].methods.0;
    let mut methods = end.methods.0;
    let mut declared = end.declared.0;
    let mut left = wanted;
    while left != 0 {
        let bit = left.trailing_zeros() as usize;
        let m = 1u16 << bit;
        left &= !m;
        let have = end.routes[bit];
        if have == NONE {
            end.routes[bit] = p.route;
            methods |= m;
            if !p.twin {
                declared |= m;
            }
        } else if !p.twin && declared & m != 0 {
            return Some(Clash {
                a: have,
                b: p.route,
                method: Methods(m),
            });
        } else if !p.twin {
            end.routes[bit] = p.route;
            declared |= m;
        }
    }
    end.methods = Methods(methods);
    end.declared = Methods(declared);
    None
}

#[cfg(test)]
mod tests {
    use super::super::built::EMPTY_NODE;
    use super::super::order::{cmp_pat, sort_by_trie};
    use super::*;

    fn param(name: &'static str, conv: Converter) -> Segment {
        Segment::Param { name, conv }
    }

    /// The trie's order is the one a plain sort by [`cmp_pat`] gives, on
    /// routes whose keys are exact and routes whose keys are not (labels
    /// past fifteen bytes, `float`, `any`), with twins, shared prefixes and
    /// paths declared twice.
    #[test]
    fn the_trie_orders_patterns_as_cmp_pat_does() {
        let long_a = Segment::Static("abcdefghijklmnop-a");
        let long_b = Segment::Static("abcdefghijklmnop-b");
        let float = param("f", Converter::FLOAT);
        let any_ab = param("w", Converter::Any(&["a", "b"]));
        let any_a = param("w", Converter::Any(&["a"]));
        let int = param("i", Converter::INT);
        let plain = param("p", Converter::PLAIN);
        let rest = Segment::CatchAll { name: "r" };
        let s = |l: &'static str| Segment::Static(l);
        let shapes: Vec<Vec<Segment>> = vec![
            vec![s("")],
            vec![s("users")],
            vec![s("users"), s("")],
            vec![s("users"), int],
            vec![s("users"), plain],
            vec![s("users"), plain, s("posts")],
            vec![s("users"), int, s("posts")],
            vec![s("users"), rest],
            vec![long_b, float],
            vec![long_a, float],
            vec![long_a, any_ab],
            vec![long_a, any_a],
            vec![long_a, s("x"), float],
            vec![long_b, any_a, rest],
            vec![float],
            vec![any_a],
            vec![any_ab, s("")],
            vec![rest],
        ];
        let mut defs = Vec::new();
        for (i, segs) in shapes.iter().enumerate() {
            let segs: &'static [Segment] = Box::leak(segs.clone().into_boxed_slice());
            let name: &'static str = Box::leak(format!("h{}", i % 7).into_boxed_str());
            defs.push(RouteDef::new(Methods::GET, "(test)", segs, name));
            // The same path again, for another method and handler.
            if i % 3 == 0 {
                defs.push(RouteDef::new(Methods::POST, "(test)", segs, "again"));
            }
        }
        for strict in [true, false] {
            let mut routes = defs.clone();
            for (i, r) in routes.iter_mut().enumerate() {
                r.strict_slashes = strict || i % 2 == 0;
            }
            let routes: &'static [RouteDef] = Box::leak(routes.into_boxed_slice());
            let p = Box::new(patterns::<64, 256>(routes, BuildOptions::DEFAULT));
            let mut order = Box::new([0u16; 64]);
            sort_by_trie::<64, 256, 2048>(routes, &p.keys, &p.pats, &mut order, p.np, p.nk);
            let mut expected: Vec<u16> = (0..p.np as u16).collect();
            expected.sort_by(|&a, &b| {
                cmp_pat(
                    routes,
                    &p.keys,
                    p.pats[a as usize],
                    p.pats[b as usize],
                    false,
                )
            });
            assert_eq!(&order[..p.np], &expected[..], "strict: {strict}");
            assert!(p.np > routes.len() || strict, "twins were made");
        }
    }

    /// Every taken slot of a table holds a copy of its child node, both in
    /// a `static` table (`Built::exact`) and in one built at run time
    /// (`Built::table`); a free slot holds the empty node.
    #[test]
    fn slots_copy_their_child_nodes() {
        const ROUTES: &[RouteDef] = &[
            RouteDef::new(Methods::GET, "/users", &[Segment::Static("users")], "a"),
            RouteDef::new(
                Methods::GET,
                "/users/<int:id>/posts",
                &[
                    Segment::Static("users"),
                    Segment::Param {
                        name: "id",
                        conv: Converter::INT,
                    },
                    Segment::Static("posts"),
                ],
                "b",
            ),
            RouteDef::new(
                Methods::GET,
                "/users/me",
                &[Segment::Static("users"), Segment::Static("me")],
                "c",
            ),
            RouteDef::new(
                Methods::GET,
                "/notifications/threads",
                &[Segment::Static("notifications"), Segment::Static("threads")],
                "d",
            ),
        ];
        crate::table!(static STATIC_TABLE = ROUTES);
        let built: &'static Built<16, 32, 256> =
            Box::leak(Box::new(build(ROUTES, BuildOptions::DEFAULT)));
        let run_time_table = built.table();
        for t in [&STATIC_TABLE, &run_time_table] {
            let mut taken = 0;
            for slot in t.slots {
                let want = if slot.child == NONE {
                    EMPTY_NODE
                } else {
                    taken += 1;
                    t.nodes[slot.child as usize]
                };
                assert_eq!(format!("{:?}", slot.node), format!("{want:?}"));
            }
            // users, notifications, me, posts, threads.
            assert_eq!(taken, 5);
        }
    }
}
