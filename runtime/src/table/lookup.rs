//! The matcher: the table of fully static paths, then the first descent of
//! the radix tree, then, when that stops short, a depth-first search that
//! backtracks along parent links (no stack, so nothing grows with the
//! input). No allocation and no panic on any input.

use core::ops::Range;

use super::{hash, Node, Slot, Table, MAX_PARAMS, NONE};
use crate::bytes::{decode_at, is_plain_pchar};
use crate::route::method::Methods;
use crate::route::Segment;

/// The byte ranges of a match's parameters in the request path, in the
/// order the route declares them. The values are still percent-encoded.
///
/// ```
/// # use flaxum::route::{Converter, RouteDef, Segment};
/// # use flaxum::table::Lookup;
/// # const ROUTES: &[RouteDef] = &[RouteDef::new(flaxum::Methods::GET, "/:a/:b", &[
/// #     Segment::Param { name: "a", conv: Converter::PLAIN },
/// #     Segment::Param { name: "b", conv: Converter::PLAIN }], "h")];
/// flaxum::table!(static TABLE = ROUTES);
/// let path = b"/x/y%20z";
/// let Lookup::Found(m) = TABLE.lookup(flaxum::Methods::GET, path) else { panic!() };
/// let params = m.params();
/// assert_eq!(params.len(), 2);
/// assert_eq!(&path[params.get(1).unwrap()], b"y%20z");
/// assert_eq!(params.iter().count(), 2);
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Params {
    len: u8,
    ranges: [(u16, u16); MAX_PARAMS],
}

impl Params {
    const EMPTY: Params = Params {
        len: 0,
        ranges: [(0, 0); MAX_PARAMS],
    };

    /// The number of parameters.
    pub fn len(&self) -> usize {
        self.len as usize
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The byte range of parameter `i` in the path.
    pub fn get(&self, i: usize) -> Option<Range<usize>> {
        if i < self.len as usize {
            let (a, b) = self.ranges[i];
            Some(a as usize..b as usize)
        } else {
            None
        }
    }

    /// The ranges in route order.
    pub fn iter(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        self.ranges[..self.len as usize]
            .iter()
            .map(|&(a, b)| a as usize..b as usize)
    }
}

impl core::fmt::Debug for Params {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// A route that matched, with its parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Match {
    route: u16,
    params: Params,
    /// The matched path ends with a slash (see [`Table::render`]).
    slash: bool,
}

impl Match {
    /// No route: what the app-wide middleware sees around a response that
    /// no route made (404, 405, a redirect).
    pub(crate) const NONE: Match = Match {
        route: 0,
        params: Params::EMPTY,
        slash: false,
    };

    /// The index of the route in the table's declaration order.
    pub fn route(&self) -> usize {
        self.route as usize
    }

    /// The parameter ranges.
    pub fn params(&self) -> &Params {
        &self.params
    }
}

/// What the matcher found for a method and path (DESIGN §4).
///
/// ```
/// use flaxum::route::{RouteDef, Segment};
/// use flaxum::table::Lookup;
/// use flaxum::Methods;
///
/// const ROUTES: &[RouteDef] = &[RouteDef::new(Methods::GET, "/projects/", &[Segment::Static("projects"), Segment::Static("")], "projects")];
/// flaxum::table!(static T = ROUTES);
/// assert!(matches!(T.lookup(Methods::GET, b"/projects/"), Lookup::Found(_)));
/// assert!(matches!(T.lookup(Methods::GET, b"/projects"), Lookup::Redirect(_)));
/// assert!(matches!(T.lookup(Methods::GET, b"//projects/"), Lookup::Redirect(_)));
/// assert_eq!(T.lookup(Methods::PUT, b"/projects/"), Lookup::MethodNotAllowed(Methods::GET.union(Methods::HEAD)));
/// assert_eq!(T.lookup(Methods::GET, b"/nope"), Lookup::NotFound);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lookup {
    /// The most specific route for the path and method.
    Found(Match),
    /// The path matches this route only after adding its trailing slash or
    /// merging repeated slashes: answer 308 with the route's own spelling
    /// (see [`Table::render`]).
    Redirect(Match),
    /// Routes match the path, none the method: answer 405 (or an automatic
    /// `OPTIONS`) with these methods in `Allow`.
    MethodNotAllowed(Methods),
    /// Nothing matches the path.
    NotFound,
}

/// A candidate of one search: the route, whether it is a redirect, and how
/// many parameters it captured.
#[derive(Clone, Copy)]
struct Hit {
    route: u16,
    /// The end's path ends with a slash.
    slash: bool,
    redirect: bool,
    /// The number of parameters captured (the match's `Params::len`).
    captured: u8,
}

/// Which end of a node a candidate is found at, with the number of
/// parameters captured before the node.
#[derive(Clone, Copy)]
enum At {
    /// The node's own end: the path is consumed here.
    End(u8),
    /// The end of the same path with a trailing slash: a redirect to it.
    Slash(u8),
    /// The node's catch-all, which takes one capture more.
    CatchAll(u8),
}

/// The best candidate of an exhaustive search: rank, hit, captures.
type Best = Option<(u16, Hit, [(u16, u16); MAX_PARAMS])>;

/// What one search saw besides its candidate.
#[derive(Default)]
struct Seen {
    /// An empty segment inside the path (`//`): only the merged form can match.
    doubled: bool,
    /// The methods of every route that matches the path.
    allowed: Methods,
}

/// Where the segment after the `/` at `pos` starts; with `MERGE`, past
/// a run of `/`.
#[inline(always)]
fn next_start<const MERGE: bool>(path: &[u8], pos: usize) -> usize {
    let mut slash = pos;
    if MERGE {
        while slash + 1 < path.len() && path[slash + 1] == b'/' {
            slash += 1;
        }
    }
    slash + 1
}

/// Backing up from a node whose segment ended at `pos` to its parent: the
/// segment just left (`start..end`, which the parent's alternatives try
/// next) and where the parent's own segment ends.
#[inline(always)]
fn back_up<const MERGE: bool>(path: &[u8], pos: usize) -> (usize, usize, usize) {
    let start = match path[..pos].iter().rposition(|&b| b == b'/') {
        Some(i) => i + 1,
        None => 0,
    };
    let mut parent_end = start.saturating_sub(1);
    if MERGE {
        // The parent's segment ends before the run of `/` that the merged
        // search skipped.
        while parent_end > 0 && path[parent_end - 1] == b'/' {
            parent_end -= 1;
        }
    }
    (start, pos, parent_end)
}

/// The longest path the matcher looks at (parameter ranges are `u16`);
/// longer paths are not found. Servers refuse such URIs (414) before.
pub const MAX_PATH: usize = u16::MAX as usize;

/// Longest canonical static segment the matcher rebuilds on the stack.
const CANON_MAX: usize = 256;

impl Table {
    /// Matches `method` and the raw request `path` (no query), with
    /// repeated slashes redirected to their merged form.
    ///
    /// ```
    /// # use flaxum::route::{Converter, RouteDef, Segment};
    /// use flaxum::table::Lookup;
    /// use flaxum::Methods;
    /// # const ROUTES: &[RouteDef] = &[RouteDef::new(Methods::GET, "/users/<int:id>",
    /// #     &[Segment::Static("users"), Segment::Param { name: "id", conv: Converter::INT }], "user")];
    /// flaxum::table!(static T = ROUTES);
    /// assert!(matches!(T.lookup(Methods::GET, b"/users/7"), Lookup::Found(_)));
    /// assert_eq!(T.lookup(Methods::GET, b"/users/x"), Lookup::NotFound);
    /// assert!(matches!(T.lookup(Methods::GET, b"/users//7"), Lookup::Redirect(_)));
    /// ```
    #[inline]
    pub fn lookup(&self, method: Methods, path: &[u8]) -> Lookup {
        self.lookup_with(method, path, true)
    }

    /// [`lookup`](Table::lookup), choosing whether repeated slashes are
    /// merged (Flask's `merge_slashes`); when not, such paths are 404.
    ///
    /// ```
    /// # use flaxum::route::{RouteDef, Segment};
    /// use flaxum::table::Lookup;
    /// use flaxum::Methods;
    /// # const ROUTES: &[RouteDef] = &[RouteDef::new(Methods::GET, "/a/b", &[Segment::Static("a"), Segment::Static("b")], "ab")];
    /// flaxum::table!(static T = ROUTES);
    /// assert_eq!(T.lookup_with(Methods::GET, b"/a//b", false), Lookup::NotFound);
    /// ```
    #[inline]
    pub fn lookup_with(&self, method: Methods, path: &[u8], merge_slashes: bool) -> Lookup {
        // A fully static path is answered here, by one probe. No such path
        // is empty, longer than `MAX_PATH` or without its leading `/`, so
        // no other check is needed first.
        if self.whole_shift != 0 {
            if let Some((route, slash)) = self.find_whole(method, path) {
                return Lookup::Found(Match {
                    route,
                    params: Params::EMPTY,
                    slash,
                });
            }
        }
        self.descend(method, path, merge_slashes)
    }

    /// [`lookup_with`](Table::lookup_with) past the table of fully static
    /// paths: the radix tree, by its first descent when that decides, else
    /// by the full search, which stays out of line. Inline, so that the
    /// first descent runs in the caller's frame and builds its answer in
    /// place: a call of its own cost more than it saved on the static set.
    #[inline]
    fn descend(&self, method: Methods, path: &[u8], merge_slashes: bool) -> Lookup {
        if !self.exhaustive {
            let mut params = Params::EMPTY;
            if let Some((route, slash)) = self.greedy(method, path, &mut params) {
                return Lookup::Found(Match {
                    route,
                    params,
                    slash,
                });
            }
        }
        self.walk(method, path, merge_slashes)
    }

    /// The full search of the radix tree, when the first descent does not
    /// decide.
    #[inline(never)]
    fn walk(&self, method: Methods, path: &[u8], merge_slashes: bool) -> Lookup {
        if path.first() != Some(&b'/') || path.len() > MAX_PATH {
            return Lookup::NotFound;
        }
        let mut params = Params::EMPTY;
        let mut seen = Seen::default();
        if let Some(hit) = self.search::<false>(method, path, &mut params, &mut seen) {
            params.len = hit.captured;
            let m = Match {
                route: hit.route,
                params,
                slash: hit.slash,
            };
            return if hit.redirect {
                Lookup::Redirect(m)
            } else {
                Lookup::Found(m)
            };
        }
        if seen.doubled && merge_slashes {
            let mut merged = Seen::default();
            if let Some(hit) = self.search::<true>(method, path, &mut params, &mut merged) {
                params.len = hit.captured;
                return Lookup::Redirect(Match {
                    route: hit.route,
                    params,
                    slash: hit.slash,
                });
            }
            // Flask: the merged path matches, only not for this method.
            seen.allowed = seen.allowed.union(merged.allowed);
        }
        if seen.allowed.is_empty() {
            Lookup::NotFound
        } else {
            Lookup::MethodNotAllowed(seen.allowed)
        }
    }

    /// The first descent of [`search`](Table::search): at each node the
    /// static child, else the first parameter edge, else the catch-all, with
    /// no backtracking. When it reaches a route for `method`, that route is
    /// the search's first candidate, which is the answer when the table is
    /// not exhaustive: its route and whether its path ends with a slash,
    /// with the captures written into `params`. `None` means only that the
    /// full search must decide: a miss, an empty segment, a segment that
    /// must be rebuilt before comparing, a converter refusing. Most
    /// requests end here, without the search's bookkeeping.
    #[inline(always)]
    fn greedy(&self, method: Methods, path: &[u8], params: &mut Params) -> Option<(u16, bool)> {
        let len = path.len();
        // Empty or too long in one test; then the first byte exists.
        if len.wrapping_sub(1) >= MAX_PATH || path.first() != Some(&b'/') {
            return None;
        }
        let mut node = self.nodes.first()?;
        let mut pos = 0usize;
        while pos < len {
            let start = pos + 1;
            let end;
            // The common node first: static children in a hash of one
            // bucket (only such a node has `bucket_shift` 64), settled by one
            // byte's test.
            if node.bucket_shift == 64 {
                let (h, hi);
                (end, h, hi) = hash::segment(path, start);
                pos = end;
                // An empty segment is no parameter. Inside the path (`//`)
                // it can only be the label of a trailing slash, whose node
                // is a leaf: the walk stops there, and the full search
                // decides.
                if let Some(slot) = self.find_hashed(node, node.seed, (h, hi), path, start, end) {
                    node = &slot.node;
                    continue;
                }
                // A segment spells a static child in another form only if
                // it holds an escape or the child's label does.
                if node.escaped || has_percent_out_of_line(path.get(start..end)?) {
                    return None;
                }
            } else if node.n_statics != 0 {
                let child;
                (end, child) = self.find_static_out_of_line(node, path, start);
                pos = end;
                if let Some(child) = child {
                    node = child;
                    continue;
                }
                if node.escaped || has_percent_out_of_line(path.get(start..end)?) {
                    return None;
                }
            } else {
                // No static child: only where the segment ends matters.
                end = hash::segment_end(path, start);
                pos = end;
            }
            if start == end {
                return None;
            }
            // A plain parameter first, settled by one test; `first_plain`
            // implies a parameter edge.
            if node.first_plain
                || node.first_param != NONE && self.converts(node, path.get(start..end)?)
            {
                // A node with a parameter edge has fewer than `MAX_PARAMS`
                // captures: the mask changes nothing.
                params.ranges[node.params_before as usize & (MAX_PARAMS - 1)] =
                    (start as u16, end as u16);
                node = self.nodes.get(node.first_param as usize)?;
                continue;
            }
            if node.first_param != NONE {
                return None;
            }
            let end = self.ends.get(node.catch_all as usize)?;
            let route = end.route_for(method)?;
            *params.ranges.get_mut(node.params_before as usize)? = (start as u16, len as u16);
            params.len = node.params_before + 1;
            return Some((route, false));
        }
        let end = self.ends.get(node.end as usize)?;
        let route = end.route_for(method)?;
        params.len = node.params_before;
        Some((route, end.slash))
    }

    /// The route for `method` of the fully static path equal to `path`.
    /// Such a route is the most specific match there is for its path.
    #[inline]
    fn find_whole(&self, method: Methods, path: &[u8]) -> Option<(u16, bool)> {
        if self.whole_lens >> path.len().min(63) & 1 == 0 {
            return None;
        }
        let h = hash::whole(path);
        let seed = self.whole_disps[(h >> self.whole_bucket_shift) as usize];
        let slot = self.whole_slots[hash::slot(h, seed, self.whole_shift)];
        let whole = self.whole.get(slot as usize)?;
        if !same(whole.text, path) {
            return None;
        }
        let end = &self.ends[whole.end as usize];
        Some((end.route_for(method)?, end.slash))
    }

    /// The route of `end` for `method`. `OPTIONS` is a method of every
    /// route (answered automatically) where `auto_options` says so: when
    /// deciding a redirect, as Flask does.
    #[inline]
    fn answer(&self, end: u16, method: Methods, auto_options: bool) -> Option<u16> {
        let end = &self.ends[end as usize];
        match end.route_for(method) {
            Some(r) => Some(r),
            None if auto_options && method == Methods::OPTIONS => {
                end.routes.iter().copied().find(|&r| r != NONE)
            }
            None => None,
        }
    }

    /// One depth-first search, in specificity order. With `MERGE`, runs of
    /// `/` count as one. There is no stack: a node's parent link and its
    /// place among the parent's alternatives say where to resume, and the
    /// parent's segment is the one just left. The captures go straight into
    /// `params`; the best candidate is returned.
    ///
    /// One function of about 110 lines, on purpose: it is the matcher's
    /// loop, and its state (node, position, alternative, captures, best)
    /// lives in locals the compiler keeps in registers; its pieces are
    /// `#[inline(always)]` helpers. It runs when the first descent
    /// ([`greedy`](Table::greedy)) does not decide: misses, 405s, backing
    /// up past a static segment. The router benchmarks (BENCHMARKS.md,
    /// "Router lookups") measure it.
    fn search<const MERGE: bool>(
        &self,
        method: Methods,
        path: &[u8],
        params: &mut Params,
        seen: &mut Seen,
    ) -> Option<Hit> {
        let merge = MERGE;
        let len = path.len();
        let caps = &mut params.ranges;
        let mut best: Best = None;
        // An OPTIONS request whose path some route matches exactly.
        let mut exact_options = false;
        let mut node_id = 0usize;
        // The `/` before the segment this node consumes next (or `len`).
        let mut pos = 0usize;
        // 0: arriving at the node; `1 + i`: try parameter edge `i` next.
        let mut alt = 0usize;
        let mut start = 0usize;
        let mut end = 0usize;
        'search: loop {
            let node: &Node = &self.nodes[node_id];
            let pruned =
                self.exhaustive && matches!(&best, Some((rank, _, _)) if node.min_rank > *rank);
            if !pruned {
                if alt == 0 {
                    if pos == len {
                        // The path is consumed here.
                        if node.end != NONE {
                            seen.allowed = seen.allowed.union(self.ends[node.end as usize].methods);
                            // The path exists: OPTIONS is answered here, and
                            // no less specific route may redirect it.
                            exact_options |= !merge && method == Methods::OPTIONS;
                            let at = At::End(node.params_before);
                            if let Some(hit) =
                                self.offer_end::<MERGE>(&mut best, caps, method, node.end, at)
                            {
                                return Some(hit);
                            }
                        }
                        if node.slash != NONE && !exact_options {
                            let at = At::Slash(node.params_before);
                            if let Some(hit) =
                                self.offer_end::<MERGE>(&mut best, caps, method, node.slash, at)
                            {
                                return Some(hit);
                            }
                        }
                    } else {
                        // The skip is not kept in `pos`: backing up to this
                        // node needs where its own segment ends.
                        start = next_start::<MERGE>(path, pos);
                        let h;
                        (end, h, _) = hash::scan(path, start);
                        if start == end && end != len {
                            // An empty segment inside the path: never a match.
                            seen.doubled = true;
                        } else {
                            if let Some(child) = self.find_static(node, &path[start..end], h) {
                                node_id = child as usize;
                                pos = end;
                                continue 'search;
                            }
                            alt = 1;
                        }
                    }
                }
                if alt > 0 {
                    let seg = &path[start..end];
                    while alt <= node.n_params as usize {
                        let edge = &self.params[node.params as usize + alt - 1];
                        alt += 1;
                        if !seg.is_empty() && (edge.plain || edge.conv.matches(seg)) {
                            caps[node.params_before as usize] = (start as u16, end as u16);
                            node_id = edge.child as usize;
                            pos = end;
                            alt = 0;
                            continue 'search;
                        }
                    }
                    // A catch-all takes the rest of the path as sent, `//`
                    // included (as Flask's `path` converter does); it cannot
                    // start with `/`, since its segment is not empty.
                    if node.catch_all != NONE && start < len {
                        seen.allowed = seen
                            .allowed
                            .union(self.ends[node.catch_all as usize].methods);
                        exact_options |= !merge && method == Methods::OPTIONS;
                        // The rest of the path is the catch-all's value; a
                        // capture past a hit's count is never read, so it
                        // may be written before the route is known.
                        caps[node.params_before as usize] = (start as u16, len as u16);
                        let at = At::CatchAll(node.params_before);
                        if let Some(hit) =
                            self.offer_end::<MERGE>(&mut best, caps, method, node.catch_all, at)
                        {
                            return Some(hit);
                        }
                    }
                }
            }
            // Every alternative of this node is tried: back up to the parent,
            // whose segment is the one that led here.
            if node.parent == NONE {
                break;
            }
            (start, end, pos) = back_up::<MERGE>(path, pos);
            alt = node.via as usize + 1;
            node_id = node.parent as usize;
        }
        let (_, hit, saved) = best?;
        *caps = saved;
        Some(hit)
    }

    /// The candidate at `end`, if it has a route for `method`, offered as
    /// [`offer`](Table::offer) does: `Some` when the search stops with it.
    /// `MERGE` is the search's (a merged search answers OPTIONS
    /// automatically when deciding its redirect, as Flask does).
    #[inline(always)]
    fn offer_end<const MERGE: bool>(
        &self,
        best: &mut Best,
        caps: &[(u16, u16); MAX_PARAMS],
        method: Methods,
        end: u16,
        at: At,
    ) -> Option<Hit> {
        let (auto_options, slash, redirect, captured) = match at {
            At::End(n) => (MERGE, self.ends[end as usize].slash, false, n),
            At::Slash(n) => (true, true, true, n),
            At::CatchAll(n) => (MERGE, false, false, n + 1),
        };
        let route = self.answer(end, method, auto_options)?;
        let hit = Hit {
            route,
            slash,
            redirect,
            captured,
        };
        let rank = self.ends[end as usize].rank_for(method);
        self.offer(best, rank, hit, caps).then_some(hit)
    }

    /// Keeps `hit` if it is the best so far; returns whether the search can
    /// stop (at the first candidate, unless the table needs the exhaustive
    /// search).
    #[inline]
    fn offer(&self, best: &mut Best, rank: u16, hit: Hit, caps: &[(u16, u16); MAX_PARAMS]) -> bool {
        if !self.exhaustive {
            return true;
        }
        if !matches!(best, Some((r, _, _)) if *r <= rank) {
            *best = Some((rank, hit, *caps));
        }
        false
    }

    /// The static child of `node` whose label is `seg` (whose hash is `h`),
    /// comparing canonical forms: a request may percent-encode what a route
    /// spells plainly.
    #[inline(always)]
    fn find_static(&self, node: &Node, seg: &[u8], h: u64) -> Option<u16> {
        if node.n_statics == 0 {
            return None;
        }
        if let Some(child) = self.find_exact(node, h, seg) {
            return Some(child);
        }
        if seg.iter().all(|&b| is_plain_pchar(b)) {
            return None;
        }
        let mut buf = [0u8; CANON_MAX];
        let n = canonical(seg, &mut buf)?;
        let seg = buf.get(..n)?;
        self.find_exact(node, hash::key(seg), seg)
    }

    /// The static child of `node` whose label is `seg` (whose key is
    /// `h`), compared as sent.
    #[inline(always)]
    fn find_exact(&self, node: &Node, h: u64, seg: &[u8]) -> Option<u16> {
        if node.shift != 0 {
            let seed = self.seed(node, h)?;
            self.find_hashed(node, seed, (h, hash::hi(seg)), seg, 0, seg.len())
                .map(|s| s.child)
        } else {
            self.find_linear(node, h, seg)
        }
    }

    /// The multiplier of `node`'s perfect hash for the key `h`: the node's
    /// own, or its bucket's.
    #[inline(always)]
    fn seed(&self, node: &Node, h: u64) -> Option<u64> {
        if node.bucket_shift == 64 {
            Some(node.seed)
        } else {
            self.disps
                .get(node.disps as usize + hash::bucket(h, node.bucket_shift))
                .copied()
        }
    }

    /// [`find_exact`](Table::find_exact) in a node whose static children
    /// are hashed, for the segment `path[start..end]` (sliced only when its
    /// label must be compared) and the multiplier `seed` of its key `h`:
    /// one slot, whose key and length settle a label of up to eight bytes,
    /// with [`hash::hi`] one of up to sixteen.
    #[inline(always)]
    fn find_hashed(
        &self,
        node: &Node,
        seed: u64,
        (h, hi): (u64, u64),
        path: &[u8],
        start: usize,
        end: usize,
    ) -> Option<&'static Slot> {
        let slot = self
            .slots
            .get(node.slots as usize + hash::slot(h, seed, node.shift))?;
        // A free slot's length is one no segment has.
        let n = end - start;
        if slot.hash != h || slot.len as usize != n {
            return None;
        }
        if n > 8 && (slot.hi != hi || n > 16 && !self.label_is(slot.edge, path.get(start..end)?)) {
            return None;
        }
        Some(slot)
    }

    /// Finds the static child of `node` named by the segment at `start`,
    /// for the first descent, in a node whose static children are not in a
    /// hash of one bucket (a hash of several, or a list): the end of the
    /// segment, and the child it names, if any. Out of line, since few
    /// nodes need it.
    #[inline(never)]
    fn find_static_out_of_line(
        &self,
        node: &Node,
        path: &[u8],
        start: usize,
    ) -> (usize, Option<&'static Node>) {
        let table = opaque(self);
        let (end, h, hi) = hash::segment(path, start);
        let child = if node.shift != 0 {
            table
                .seed(node, h)
                .and_then(|seed| table.find_hashed(node, seed, (h, hi), path, start, end))
                .map(|slot| &slot.node)
        } else {
            path.get(start..end)
                .and_then(|seg| table.find_linear(node, h, seg))
                .and_then(|child| table.nodes.get(child as usize))
        };
        (end, child)
    }

    /// Whether the converter of `node`'s first parameter edge accepts
    /// `seg`; out of line, for the first descent.
    #[inline(never)]
    fn converts(&self, node: &Node, seg: &[u8]) -> bool {
        opaque(self)
            .params
            .get(node.params as usize)
            .is_some_and(|edge| edge.conv.matches(seg))
    }

    /// Whether the label of edge `edge` is `seg`; kept out of line, so that
    /// the first descent's loop stays small.
    #[inline(never)]
    fn label_is(&self, edge: u16, seg: &[u8]) -> bool {
        opaque(self)
            .edges
            .get(edge as usize)
            .is_some_and(|e| same(e.label, seg))
    }

    /// [`find_exact`](Table::find_exact) in a node whose static children
    /// are compared one by one (their keys are not all distinct).
    #[inline(always)]
    fn find_linear(&self, node: &Node, h: u64, seg: &[u8]) -> Option<u16> {
        let edges = self.edges.get(node.statics as usize..)?;
        let edges = edges.get(..node.n_statics as usize)?;
        edges
            .iter()
            .find(|e| e.hash == h && same(e.label, seg))
            .map(|e| e.child)
    }

    /// Writes the path of a match's route with its parameter values taken
    /// from `path` (as sent, still percent-encoded) into `out`: the
    /// `Location` of a redirect. The result always starts with exactly one
    /// `/`, since no parameter value is empty or starts with `/`.
    ///
    /// ```
    /// # use flaxum::route::{Converter, RouteDef, Segment};
    /// use flaxum::table::Lookup;
    /// use flaxum::Methods;
    /// # const ROUTES: &[RouteDef] = &[RouteDef::new(Methods::GET, "/q/<v>/",
    /// #     &[Segment::Static("q"), Segment::Param { name: "v", conv: Converter::PLAIN }, Segment::Static("")], "q")];
    /// flaxum::table!(static T = ROUTES);
    /// let path = b"//q//5";
    /// let Lookup::Redirect(m) = T.lookup(Methods::GET, path) else { panic!() };
    /// let mut location = String::new();
    /// T.render(&m, path, &mut location);
    /// assert_eq!(location, "/q/5/");
    /// ```
    pub fn render(&self, m: &Match, path: &[u8], out: &mut String) {
        let route = &self.routes[m.route as usize];
        // A route reached through its slash twin is spelled the twin's way.
        let declared_slash = matches!(route.segments.last(), Some(Segment::Static("")));
        let segments = match route.segments.split_last() {
            Some((_, head)) if declared_slash && !m.slash && !head.is_empty() => head,
            _ => route.segments,
        };
        let mut p = 0;
        for seg in segments {
            out.push('/');
            match *seg {
                Segment::Static(s) => out.push_str(s),
                Segment::Param { .. } | Segment::CatchAll { .. } => {
                    let r = m.params.get(p).unwrap_or(0..0);
                    p += 1;
                    let catch_all = matches!(seg, Segment::CatchAll { .. });
                    for &b in path.get(r).unwrap_or(&[]) {
                        // The value's bytes as the request sent them, but
                        // only RFC 3986 `pchar`s (and `%` of an escape it
                        // already holds, and a catch-all's `/`) go out as
                        // they are: a `\` would let a browser read
                        // `/\evil.com/` as another host.
                        if crate::bytes::is_plain_pchar(b) || b == b'%' || (catch_all && b == b'/')
                        {
                            out.push(b as char);
                        } else {
                            push_escape(out, b);
                        }
                    }
                }
            }
        }
        if m.slash && !declared_slash {
            out.push('/');
        }
    }
}

/// `%XX` for byte `b`.
fn push_escape(out: &mut String, b: u8) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.push('%');
    out.push(char::from(HEX[usize::from(b >> 4)]));
    out.push(char::from(HEX[usize::from(b & 15)]));
}

/// The table, made opaque to the optimizer (`black_box`): the first
/// descent's out-of-line helpers read it through this, so that the
/// compiler passes them the table's address instead of loading the slices
/// they use before the descent's loop, where they would only take
/// registers.
#[inline(always)]
fn opaque(table: &Table) -> &Table {
    core::hint::black_box(table)
}

/// Whether `seg` holds a `%` ([`hash::has_percent`]), out of line, for the
/// first descent.
#[inline(never)]
fn has_percent_out_of_line(seg: &[u8]) -> bool {
    hash::has_percent(seg)
}

/// Byte equality for short strings, compared a word at a time inline
/// (route segments and static paths are short; a `memcmp` call costs more
/// than the compare): whole words, then the last word, which may overlap
/// the one before.
#[inline]
fn same(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    if n < 8 {
        return if n >= 4 {
            word4(a, 0) == word4(b, 0) && word4(a, n - 4) == word4(b, n - 4)
        } else {
            a.iter().zip(b).all(|(x, y)| x == y)
        };
    }
    let mut i = 0;
    while i + 8 < n {
        if word8(a, i) != word8(b, i) {
            return false;
        }
        i += 8;
    }
    word8(a, n - 8) == word8(b, n - 8)
}

/// The eight bytes at `i` (which the caller keeps in bounds) as a word.
#[inline(always)]
fn word8(s: &[u8], i: usize) -> u64 {
    u64::from_le_bytes(s[i..i + 8].try_into().unwrap_or([0; 8]))
}

/// The four bytes at `i` (which the caller keeps in bounds) as a word.
#[inline(always)]
fn word4(s: &[u8], i: usize) -> u32 {
    u32::from_le_bytes(s[i..i + 4].try_into().unwrap_or([0; 4]))
}

/// The canonical form of a request segment: escapes decoded, then every
/// byte outside plain `pchar` re-encoded as upper-case `%XX`. `None` when it
/// would not fit `buf` (no static segment is that long).
fn canonical(seg: &[u8], buf: &mut [u8; CANON_MAX]) -> Option<usize> {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut n = 0;
    let mut i = 0;
    while i < seg.len() {
        let (b, j) = decode_at(seg, i);
        i = j;
        if is_plain_pchar(b) {
            *buf.get_mut(n)? = b;
            n += 1;
        } else {
            let out = buf.get_mut(n..n + 3)?;
            out.copy_from_slice(&[b'%', HEX[(b >> 4) as usize], HEX[(b & 15) as usize]]);
            n += 3;
        }
    }
    Some(n)
}
