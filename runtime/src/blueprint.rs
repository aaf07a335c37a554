//! Blueprints, composed by `const fn` while the crate compiles: the routes
//! of a blueprint are its items' routes with the blueprint's URL prefix in
//! front, its name in front of theirs, and its middleware before theirs.
//! The new paths and segments live in two arrays per blueprint, which the
//! descriptors slice.

use crate::route::{RouteDef, Segment};

/// What a route attribute or `blueprint!` declares about its item, in the
/// one constant `ITEM` of its companion type: one constant rather than
/// several, since the compiler's work grows with the number of constants.
#[derive(Clone, Copy, Debug)]
pub struct ItemDef {
    /// The routes, in order.
    pub defs: &'static [RouteDef],
    /// The number of handlers: 1 for a route handler.
    pub leaves: usize,
    /// For each route, the handler of the item that owns it and which of
    /// that handler's routes it is; empty for a route handler, whose
    /// routes are all its own, in order.
    pub owners: &'static [Owner],
    /// Where a route handler's parameters are (nothing for a blueprint).
    pub spec: Spec,
}

impl ItemDef {
    /// The owners of a route handler's routes: all its own, in order.
    pub const OWN_ROUTES: &'static [Owner] = &[];

    /// A route handler with no routes and no parameters: the base that a
    /// route attribute fills in (`ItemDef { defs, spec, ..HANDLER }`).
    ///
    /// ```
    /// use flaxum::__private::ItemDef;
    /// assert_eq!(ItemDef::HANDLER.leaves, 1);
    /// assert!(ItemDef::HANDLER.defs.is_empty());
    /// ```
    pub const HANDLER: ItemDef = ItemDef {
        defs: &[],
        leaves: 1,
        owners: ItemDef::OWN_ROUTES,
        spec: Spec::NONE,
    };

    /// The owner of route `j` of the item.
    const fn owner(&self, j: usize) -> Owner {
        // A pattern, not `is_empty`: calls cost const evaluation dearly.
        if matches!(self.owners, []) {
            Owner {
                handler: 0,
                route: j as u16,
            }
        } else {
            self.owners[j]
        }
    }
}

/// Who answers one route of a group: a handler, numbered across the
/// group's handlers in order, and which of that handler's routes it is
/// (a handler with two route attributes has routes 0 and 1).
///
/// ```
/// use flaxum::__private::Owner;
/// let own = Owner { handler: 2, route: 0 };
/// assert_eq!((own.handler, own.route), (2, 0));
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Owner {
    /// The handler.
    pub handler: u16,
    /// Which of the handler's routes.
    pub route: u16,
}

/// A blueprint as `blueprint!` (or `routes!`, for app-wide middleware)
/// declares it.
#[derive(Clone, Copy, Debug)]
pub struct Mount {
    /// The blueprint's name; empty for the app.
    pub name: &'static str,
    /// The URL prefix, without a trailing slash; empty for none.
    pub prefix: &'static str,
    /// The prefix's segments.
    pub segments: &'static [Segment],
    /// The blueprint's middleware names, `", "`-separated.
    pub middleware: &'static str,
}

/// The number of routes of `items`.
pub const fn route_count(items: &[ItemDef]) -> usize {
    let mut n = 0;
    let mut i = 0;
    let n_items = items.len();
    while i < n_items {
        n += items[i].defs.len();
        i += 1;
    }
    n
}

/// The number of segments of the mounted routes.
pub const fn segment_count(items: &[ItemDef], m: &Mount) -> usize {
    let mut n = 0;
    let mut i = 0;
    let n_items = items.len();
    while i < n_items {
        let mut j = 0;
        let n_defs = items[i].defs.len();
        while j < n_defs {
            n += m.segments.len() + items[i].defs[j].segments.len();
            j += 1;
        }
        i += 1;
    }
    n
}

const fn joined_len(outer: &str, inner: &str, sep: &str) -> usize {
    if outer.is_empty() {
        inner.len()
    } else if inner.is_empty() {
        outer.len()
    } else {
        outer.len() + sep.len() + inner.len()
    }
}

/// The number of bytes of the mounted routes' paths, blueprint names and
/// middleware lists.
pub const fn byte_count(items: &[ItemDef], m: &Mount) -> usize {
    let mut n = 0;
    let mut i = 0;
    let n_items = items.len();
    while i < n_items {
        let mut j = 0;
        let n_defs = items[i].defs.len();
        while j < n_defs {
            let d = &items[i].defs[j];
            n += m.prefix.len() + d.path.len();
            n += joined_len(m.name, d.blueprint, ".");
            n += joined_len(m.middleware, d.middleware, ", ");
            j += 1;
        }
        i += 1;
    }
    n
}

/// The mounted routes' segments: the prefix's, then the route's.
pub const fn segments<const N: usize>(items: &[ItemDef], m: &Mount) -> [Segment; N] {
    let mut out = [Segment::Static(""); N];
    let mut k = 0;
    let mut i = 0;
    let n_items = items.len();
    while i < n_items {
        let mut j = 0;
        let n_defs = items[i].defs.len();
        while j < n_defs {
            let mut s = 0;
            let n_segments = m.segments.len();
            while s < n_segments {
                out[k] = m.segments[s];
                k += 1;
                s += 1;
            }
            let d = &items[i].defs[j];
            s = 0;
            let n_segments = d.segments.len();
            while s < n_segments {
                out[k] = d.segments[s];
                k += 1;
                s += 1;
            }
            j += 1;
        }
        i += 1;
    }
    out
}

const fn put(out: &mut [u8], mut k: usize, s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    let n_b = b.len();
    while i < n_b {
        out[k] = b[i];
        k += 1;
        i += 1;
    }
    k
}

const fn put_joined(out: &mut [u8], mut k: usize, outer: &str, inner: &str, sep: &str) -> usize {
    k = put(out, k, outer);
    if !outer.is_empty() && !inner.is_empty() {
        k = put(out, k, sep);
    }
    put(out, k, inner)
}

/// The mounted routes' texts, route after route: path, blueprint name,
/// middleware list.
pub const fn bytes<const N: usize>(items: &[ItemDef], m: &Mount) -> [u8; N] {
    let mut out = [0u8; N];
    let mut k = 0;
    let mut i = 0;
    let n_items = items.len();
    while i < n_items {
        let mut j = 0;
        let n_defs = items[i].defs.len();
        while j < n_defs {
            let d = &items[i].defs[j];
            k = put(&mut out, k, m.prefix);
            k = put(&mut out, k, d.path);
            k = put_joined(&mut out, k, m.name, d.blueprint, ".");
            k = put_joined(&mut out, k, m.middleware, d.middleware, ", ");
            j += 1;
        }
        i += 1;
    }
    out
}

const fn slice_str(bytes: &'static [u8], at: usize, len: usize) -> &'static str {
    let (_, rest) = bytes.split_at(at);
    let (mine, _) = rest.split_at(len);
    match core::str::from_utf8(mine) {
        Ok(s) => s,
        // The bytes are whole `&str`s copied in order.
        Err(_) => panic!("flaxum: a mounted route's text is not UTF-8"),
    }
}

/// The mounted routes, whose segments and texts are slices of `segs` and
/// `text` (built by [`segments`] and [`bytes`] from the same items).
pub const fn defs<const N: usize>(
    items: &[ItemDef],
    m: &Mount,
    segs: &'static [Segment],
    text: &'static [u8],
) -> [RouteDef; N] {
    let mut out = [RouteDef::new(crate::Methods::GET, "", &[], ""); N];
    let (mut k, mut s, mut b) = (0, 0, 0);
    let mut i = 0;
    let n_items = items.len();
    while i < n_items {
        let mut j = 0;
        let n_defs = items[i].defs.len();
        while j < n_defs {
            let d = items[i].defs[j];
            let nseg = m.segments.len() + d.segments.len();
            let (_, rest) = segs.split_at(s);
            let (mine, _) = rest.split_at(nseg);
            s += nseg;
            let plen = m.prefix.len() + d.path.len();
            let path = slice_str(text, b, plen);
            b += plen;
            let blen = joined_len(m.name, d.blueprint, ".");
            let blueprint = slice_str(text, b, blen);
            b += blen;
            let mlen = joined_len(m.middleware, d.middleware, ", ");
            let middleware = slice_str(text, b, mlen);
            b += mlen;
            out[k] = RouteDef {
                path,
                segments: mine,
                blueprint,
                middleware,
                ..d
            };
            k += 1;
            j += 1;
        }
        i += 1;
    }
    out
}

/// The number of handlers of `items`.
pub const fn leaf_count(items: &[ItemDef]) -> usize {
    let mut n = 0;
    let mut i = 0;
    let n_items = items.len();
    while i < n_items {
        n += items[i].leaves;
        i += 1;
    }
    n
}

/// For each route of the items, in order, the handler (counted across all
/// items' handlers) that owns it and which of that handler's routes it is.
pub const fn owners<const N: usize>(items: &[ItemDef]) -> [Owner; N] {
    let mut out = [Owner {
        handler: 0,
        route: 0,
    }; N];
    let mut k = 0;
    let mut base = 0;
    let mut i = 0;
    let n_items = items.len();
    while i < n_items {
        let mut j = 0;
        let n_defs = items[i].defs.len();
        while j < n_defs {
            let own = items[i].owner(j);
            out[k] = Owner {
                handler: base as u16 + own.handler,
                route: own.route,
            };
            k += 1;
            j += 1;
        }
        base += items[i].leaves;
        i += 1;
    }
    out
}

/// Where a handler's path parameters are, in each of its routes.
#[derive(Clone, Copy, Debug)]
pub struct Spec {
    /// The names of the handler's arguments that receive a parameter, in
    /// order: the parameters' names.
    pub names: &'static [&'static str],
    /// For route `def` of the handler and parameter argument `k`, entry
    /// `def * names.len() + k`.
    pub places: &'static [Place],
}

/// Where one parameter is in one route.
#[derive(Clone, Copy, Debug)]
pub struct Place {
    /// Its index among the route's parameters.
    pub index: u8,
    /// Whether it is the catch-all (whose value holds no dot segment).
    pub catch_all: bool,
}

impl Spec {
    /// No parameters.
    pub const NONE: Spec = Spec {
        names: &[],
        places: &[],
    };
}
