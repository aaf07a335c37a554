//! The matcher: a depth-first search over the static table with an explicit,
//! fixed-size stack (bounded by the table's depth, never by the input), no
//! allocation and no panic on any input.

use core::ops::Range;

use super::{hash, Node, Table, MAX_PARAMS, MAX_SEGMENTS, NONE};
use crate::bytes::{decode_at, is_plain_pchar};
use crate::method::Methods;
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
    ranges: [(u32, u32); MAX_PARAMS],
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
}

impl Match {
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

#[derive(Clone, Copy)]
struct Frame {
    node: u16,
    /// Next alternative: 0 = not yet visited, 1 + i = parameter edge i,
    /// 1 + n_params = catch-all, beyond = exhausted.
    alt: u16,
    /// The `/` before this frame's segment, or the path's length when the
    /// path is consumed.
    pos: u32,
    /// End of this frame's segment.
    seg_end: u32,
    /// Parameters captured before this frame.
    ncap: u8,
}

const FRAME0: Frame = Frame {
    node: 0,
    alt: 0,
    pos: 0,
    seg_end: 0,
    ncap: 0,
};

/// The best candidate of one search.
struct Best {
    rank: u16,
    redirect: bool,
    found: Option<Match>,
}

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
    pub fn lookup_with(&self, method: Methods, path: &[u8], merge_slashes: bool) -> Lookup {
        if path.first() != Some(&b'/') || path.len() > u32::MAX as usize {
            return Lookup::NotFound;
        }
        let mut doubled = false;
        let mut allowed = Methods::NONE;
        if let Some((m, redirect)) = self.search(method, path, false, &mut doubled, &mut allowed) {
            return if redirect {
                Lookup::Redirect(m)
            } else {
                Lookup::Found(m)
            };
        }
        if doubled && merge_slashes {
            let mut ignored = false;
            let mut merged_allowed = Methods::NONE;
            if let Some((m, _)) = self.search(method, path, true, &mut ignored, &mut merged_allowed)
            {
                return Lookup::Redirect(m);
            }
        }
        if allowed.is_empty() {
            Lookup::NotFound
        } else {
            Lookup::MethodNotAllowed(allowed)
        }
    }

    /// One depth-first search. With `merge`, runs of `/` count as one.
    fn search(
        &self,
        method: Methods,
        path: &[u8],
        merge: bool,
        doubled: &mut bool,
        allowed: &mut Methods,
    ) -> Option<(Match, bool)> {
        let len = path.len();
        let mut stack = [FRAME0; MAX_SEGMENTS + 2];
        let mut caps = [(0u32, 0u32); MAX_PARAMS];
        let mut best = Best {
            rank: NONE,
            redirect: false,
            found: None,
        };
        let mut depth = 0usize;
        loop {
            let f = stack[depth];
            let node: &Node = &self.nodes[f.node as usize];
            if self.exhaustive && best.found.is_some() && node.min_rank > best.rank {
                if depth == 0 {
                    break;
                }
                depth -= 1;
                continue;
            }
            if f.alt == 0 {
                stack[depth].alt = 1;
                let mut pos = f.pos as usize;
                if pos == len {
                    // The path is consumed here.
                    if node.end != NONE {
                        let end = &self.ends[node.end as usize];
                        *allowed = allowed.union(end.methods);
                        if let Some(route) = end.route_for(method) {
                            if self.offer(&mut best, end.rank, false, route, &caps, f.ncap) {
                                break;
                            }
                        }
                    }
                    if node.slash != NONE {
                        let end = &self.ends[node.slash as usize];
                        if let Some(route) = end.route_for(method) {
                            if self.offer(&mut best, end.rank, true, route, &caps, f.ncap) {
                                break;
                            }
                        }
                    }
                    stack[depth].alt = u16::MAX;
                } else {
                    if merge {
                        while pos + 1 < len && path[pos + 1] == b'/' {
                            pos += 1;
                        }
                    }
                    let start = pos + 1;
                    let seg_end = match path[start..].iter().position(|&b| b == b'/') {
                        Some(i) => start + i,
                        None => len,
                    };
                    stack[depth].pos = pos as u32;
                    stack[depth].seg_end = seg_end as u32;
                    if start == seg_end && seg_end != len {
                        // An empty segment inside the path: never a match.
                        *doubled = true;
                        stack[depth].alt = u16::MAX;
                    } else if let Some(child) = self.find_static(node, &path[start..seg_end]) {
                        depth += 1;
                        stack[depth] = Frame {
                            node: child,
                            alt: 0,
                            pos: seg_end as u32,
                            seg_end: 0,
                            ncap: f.ncap,
                        };
                        continue;
                    }
                }
                continue;
            }
            let i = (f.alt - 1) as usize;
            let start = f.pos as usize + 1;
            let seg_end = f.seg_end as usize;
            if i < node.n_params as usize {
                stack[depth].alt += 1;
                let edge = &self.params[node.params as usize + i];
                if start < seg_end && edge.conv.matches(&path[start..seg_end]) {
                    caps[f.ncap as usize] = (start as u32, seg_end as u32);
                    depth += 1;
                    stack[depth] = Frame {
                        node: edge.child,
                        alt: 0,
                        pos: seg_end as u32,
                        seg_end: 0,
                        ncap: f.ncap + 1,
                    };
                }
                continue;
            }
            if i == node.n_params as usize && node.catch_all != NONE && start < len {
                stack[depth].alt = u16::MAX;
                let rest = &path[start..];
                if !merge && rest.windows(2).any(|w| w == b"//") {
                    *doubled = true;
                } else {
                    let end = &self.ends[node.catch_all as usize];
                    *allowed = allowed.union(end.methods);
                    if let Some(route) = end.route_for(method) {
                        caps[f.ncap as usize] = (start as u32, len as u32);
                        if self.offer(&mut best, end.rank, false, route, &caps, f.ncap + 1) {
                            break;
                        }
                    }
                }
                continue;
            }
            // Every alternative of this frame is tried: back up.
            if depth == 0 {
                break;
            }
            depth -= 1;
        }
        best.found.map(|m| (m, best.redirect))
    }

    /// Records a candidate; returns whether the search can stop (it can at
    /// the first candidate unless the table needs the exhaustive search).
    #[inline]
    fn offer(
        &self,
        best: &mut Best,
        rank: u16,
        redirect: bool,
        route: u16,
        caps: &[(u32, u32); MAX_PARAMS],
        ncap: u8,
    ) -> bool {
        if best.found.is_none() || rank < best.rank {
            let mut params = Params::EMPTY;
            params.len = ncap;
            params.ranges[..ncap as usize].copy_from_slice(&caps[..ncap as usize]);
            *best = Best {
                rank,
                redirect,
                found: Some(Match { route, params }),
            };
        }
        !self.exhaustive
    }

    /// The static child of `node` whose label is `seg`, comparing canonical
    /// forms (a request may percent-encode what a route spells plainly).
    #[inline]
    fn find_static(&self, node: &Node, seg: &[u8]) -> Option<u16> {
        if node.n_statics == 0 {
            return None;
        }
        if let Some(child) = self.find_exact(node, seg) {
            return Some(child);
        }
        if seg.iter().all(|&b| is_plain_pchar(b)) {
            return None;
        }
        let mut buf = [0u8; CANON_MAX];
        let n = canonical(seg, &mut buf)?;
        self.find_exact(node, &buf[..n])
    }

    #[inline]
    fn find_exact(&self, node: &Node, seg: &[u8]) -> Option<u16> {
        let edges = &self.edges[node.statics as usize..][..node.n_statics as usize];
        if node.shift == 0 {
            return edges.iter().find(|e| e.label == seg).map(|e| e.child);
        }
        let h = hash::hash(seg);
        let seed = self.disps[node.disps as usize + (h >> node.bshift) as usize];
        let slot = self.slots[node.slots as usize + hash::slot(h, seed, node.shift)];
        let edge = edges.get(slot as usize)?;
        (edge.label == seg).then_some(edge.child)
    }

    /// Writes the path of a match's route with its parameter values taken
    /// from `path` (as sent, still percent-encoded) into `out`: the
    /// `Location` of a redirect. The result always starts with exactly one
    /// `/`; repeated slashes inside a catch-all value are merged.
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
        let mut p = 0;
        for seg in route.segments {
            out.push('/');
            match *seg {
                Segment::Static(s) => out.push_str(s),
                Segment::Param { .. } | Segment::CatchAll { .. } => {
                    let r = m.params.get(p).unwrap_or(0..0);
                    p += 1;
                    let value = path.get(r).unwrap_or(&[]);
                    let mut last = b'/';
                    for &b in value {
                        if b == b'/' && last == b'/' {
                            continue;
                        }
                        last = b;
                        // Path bytes that `http` accepted are ASCII; escape
                        // anything else rather than trust it.
                        if b.is_ascii_graphic() {
                            out.push(b as char);
                        } else {
                            out.push_str(&format!("%{b:02X}"));
                        }
                    }
                }
            }
        }
    }
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
