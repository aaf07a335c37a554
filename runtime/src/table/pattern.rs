//! A route's path as the builder sees it (`Pat`): its own segments or its
//! slash twin's, and the segments that are tree edges.

use crate::route::{RouteDef, Segment};

/// A route's path as the builder sees it: the route's own segments, or its
/// slash twin (one segment fewer, or an extra empty one).
#[derive(Clone, Copy)]
pub(super) struct Pat {
    pub(super) route: u16,
    pub(super) len: u8,
    /// The last segment is an added `""` (twin of a slash-less route).
    pub(super) add_slash: bool,
    /// A twin: it yields to any route declared for the same path.
    pub(super) twin: bool,
    /// Where the pattern's segment keys start in the key array.
    pub(super) keys: u32,
}

pub(super) const EMPTY_PAT: Pat = Pat {
    route: 0,
    len: 0,
    add_slash: false,
    twin: false,
    keys: 0,
};

pub(super) const fn pat_seg(routes: &[RouteDef], p: Pat, i: usize) -> Segment {
    if p.add_slash && i + 1 == p.len as usize {
        Segment::Static("")
    } else {
        routes[p.route as usize].segments[i]
    }
}

/// Segments of the pattern that are tree edges (a final catch-all is not).
pub(super) const fn trie_len(routes: &[RouteDef], p: Pat) -> usize {
    let n = p.len as usize;
    match pat_seg(routes, p, n - 1) {
        Segment::CatchAll { .. } => n - 1,
        _ => n,
    }
}
