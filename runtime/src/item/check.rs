//! The check of an app's routes that `cargo check` runs: every route
//! mistake the table builder would find, and the exact sizes of the
//! table's arrays, without building the table.
//!
//! `routes!` keeps the table itself in associated constants, which the
//! compiler evaluates only when it generates code (`cargo build`), and the
//! check in a free constant, which it evaluates in every `cargo check`. The
//! check walks the routes once into a tree of their segments, found by
//! hashing, with no sorting, no perfect hashes and no copies: a tenth of
//! the builder's steps (BENCHMARKS.md, "The check and the build").
//!
//! What it finds agrees with the builder, route set by route set: two
//! routes that match the same requests for a method (a conflict), a route
//! too long, a table too large; and the sizes it gives are the builder's,
//! or upper bounds for the arrays whose use depends on the perfect
//! hashes. `runtime/tests/check_agrees.rs` compares the two on the
//! oracle's random route sets.

use super::read::read_num;
use super::read::{self, blueprint, conv, mount, route_tail, sub, text, Conv, Mount};
use super::{CATCH_ALL, HANDLER, SPELLED, STATIC, STRICT};
use crate::bytes::{self, Msg};
use crate::route::method::Methods;
use crate::route::Converter;
use crate::table::{BuildError, Caps, Sizes, MAX_PARAMS, MAX_ROUTES, MAX_SEGMENTS};

/// "None" in the check's `u16` links.
const NONE: u16 = u16::MAX;

/// The app's own mount and options, as `routes!` gives them.
#[derive(Clone, Copy, Debug)]
pub struct Root {
    /// The app's mount in the item format: no name, no prefix, the app's
    /// middleware names.
    pub mount: &'static str,
    /// Flask's `app.url_map.strict_slashes`.
    pub strict_slashes: bool,
}

/// What the items' first bytes tell: the bounds of the check's working
/// arrays.
#[derive(Clone, Copy, Debug)]
pub struct Counts {
    /// Routes.
    pub routes: usize,
    /// Patterns: routes and their slash twins.
    pub patterns: usize,
    /// Tree nodes.
    pub nodes: usize,
    /// Slots of the tree's hash table, a power of two.
    pub hash: usize,
}

/// The working bounds for [`check`] over `items`, from their lengths (a
/// route takes eleven bytes or more, a segment two or more): a sum, where
/// reading each item's counts would cost const evaluation far more.
///
/// ```
/// let c = flaxum::__private::counts(&["H@B@@"]);
/// assert!(c.routes >= 1 && c.nodes > c.routes);
/// assert!(c.hash.is_power_of_two() && c.hash >= 2 * c.nodes);
/// ```
pub const fn counts(items: &[&str]) -> Counts {
    let mut bytes = 0;
    let mut i = 0;
    while i < items.len() {
        bytes += items[i].len();
        i += 1;
    }
    let routes = bytes / 11 + 1;
    // A node per segment written, and one per twin (an empty segment).
    let nodes = bytes / 2 + routes + 1;
    let mut hash = 4;
    while hash < 2 * nodes {
        hash *= 2;
    }
    Counts {
        routes,
        patterns: 2 * routes,
        nodes,
        hash,
    }
}

/// The routes checked: what the table's arrays and the decoded routes
/// take.
///
/// ```
/// assert_eq!(flaxum::__private::Checked::EMPTY.routes, 0);
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Checked {
    /// Routes.
    pub routes: usize,
    /// Handlers.
    pub leaves: usize,
    /// Segments of all routes, each blueprint's prefix included.
    pub segments: usize,
    /// The words of all `any` converters.
    pub words: usize,
    /// Bytes of the texts joined under blueprints (paths, names,
    /// middleware lists).
    pub text: usize,
    /// The builder's bounds, as [`caps`](crate::table::caps) gives them.
    pub caps: Caps,
    /// The table's arrays: the builder's sizes, or bounds of them for the
    /// perfect hashes' slots and multipliers and the fully static paths.
    pub sizes: Sizes,
}

impl Checked {
    /// The sizes of a table of no routes: what stands for the sizes after
    /// a route mistake, whose error stops the compilation anyway.
    pub const EMPTY: Checked = Checked {
        routes: 0,
        leaves: 0,
        segments: 0,
        words: 0,
        text: 0,
        caps: Caps {
            patterns: 0,
            nodes: 1,
            slots: 4,
        },
        sizes: Sizes {
            nodes: 1,
            ..Sizes::EMPTY
        },
    };
}

/// Where a segment is: the item (by its place in the list) and where its
/// label (a text) or its converter starts. `at` is [`ADDED`] for the
/// empty segment a twin adds.
#[derive(Clone, Copy)]
struct SegRef {
    item: u16,
    at: u32,
}

/// The empty static segment a slash twin adds.
const ADDED: u32 = u32::MAX;

/// The routes' segments as a tree: one node per distinct path prefix.
struct Tree<const N: usize, const H: usize> {
    /// Open addressing over `(parent, segment)`: node ids.
    table: [u16; H],
    parent: [u16; N],
    /// The node's segment's key ([`static_key`], [`conv_key`]).
    key: [u128; N],
    seg: [SegRef; N],
    /// The segment is a parameter (else static text).
    param: [bool; N],
    /// Children, linked: the first, then each one's next sibling.
    first: [u16; N],
    next: [u16; N],
    statics: [u16; N],
    /// The end of the routes that stop here, and of those whose catch-all
    /// starts here.
    end: [u16; N],
    catch_all: [u16; N],
    n: usize,
}

/// The ends: for each method, the route that answers it there.
struct Ends<const P: usize> {
    methods: [u16; P],
    declared: [u16; P],
    routes: [[u16; 16]; P],
    /// A route spelled as its labels ends here (a fully static path).
    whole: [bool; P],
    n: usize,
}

/// Where each route is: its item, the byte where it starts, and the
/// blueprint it is in (an index into `mount_*`, or `NONE` at the root).
/// Only messages read them.
struct Places<const P: usize> {
    item: [u16; P],
    at: [u32; P],
    mount: [u16; P],
    /// The blueprints with routes: where each one's mount starts, and the
    /// blueprint it is in.
    mount_item: [u16; P],
    mount_at: [u32; P],
    mount_parent: [u16; P],
    mounts: usize,
}

/// Two routes that match the same requests for `method`.
#[derive(Clone, Copy)]
struct Clash {
    a: u16,
    b: u16,
    method: u16,
}

/// The mount a route is under: the node its prefix ends at, and what its
/// texts add up to.
#[derive(Clone, Copy)]
struct Ctx {
    node: u16,
    /// The blueprint (in `Places`), or `NONE` at the root.
    mount: u16,
    depth: usize,
    spelled: bool,
    /// Bytes of the prefixes.
    prefix: usize,
    /// The non-empty names and middleware lists, and their bytes.
    names: usize,
    names_len: usize,
    middleware: usize,
    middleware_len: usize,
}

/// The state of one check.
struct Check<const P: usize, const N: usize, const H: usize> {
    tree: Tree<N, H>,
    ends: Ends<P>,
    places: Places<P>,
    routes: usize,
    leaves: usize,
    patterns: usize,
    segments: usize,
    twin_segments: usize,
    words: usize,
    text: usize,
    clash: Option<Clash>,
    /// The first invalid route's message; the walk stops there.
    error: Option<Msg>,
    /// `error.is_some()`, read in the loops without a call.
    failed: bool,
}

/// Checks the app whose items are `items` and whose own mount and options
/// are `root`: the sizes of its table, or the builder's message for its
/// route mistake (the first in an order that does not depend on the order
/// of `items`), which `routes!` makes the compile error. `P`, `N` and `H`
/// are the [`counts`] of `items`.
#[allow(clippy::result_large_err)]
pub const fn check<const P: usize, const N: usize, const H: usize>(
    items: &[&str],
    root: Root,
) -> Result<Checked, BuildError> {
    let mut c = Check::<P, N, H> {
        tree: Tree {
            table: [NONE; H],
            parent: [NONE; N],
            key: [0; N],
            seg: [SegRef { item: 0, at: 0 }; N],
            param: [false; N],
            first: [NONE; N],
            next: [NONE; N],
            statics: [0; N],
            end: [NONE; N],
            catch_all: [NONE; N],
            n: 1,
        },
        ends: Ends {
            methods: [0; P],
            declared: [0; P],
            routes: [[NONE; 16]; P],
            whole: [false; P],
            n: 0,
        },
        places: Places {
            item: [0; P],
            at: [0; P],
            mount: [NONE; P],
            mount_item: [0; P],
            mount_at: [0; P],
            mount_parent: [NONE; P],
            mounts: 0,
        },
        routes: 0,
        leaves: 0,
        patterns: 0,
        segments: 0,
        twin_segments: 0,
        words: 0,
        text: 0,
        clash: None,
        error: None,
        failed: false,
    };
    let m = mount(root.mount.as_bytes(), 0);
    let mut ctx = Ctx {
        node: 0,
        mount: NONE,
        depth: 0,
        spelled: true,
        prefix: 0,
        names: 0,
        names_len: 0,
        middleware: 0,
        middleware_len: 0,
    };
    ctx = enter(ctx, &m);
    let mut i = 0;
    while i < items.len() && !c.failed {
        walk_item(&mut c, items, i, 0, ctx, root.strict_slashes);
        i += 1;
    }
    if let Some(e) = c.error {
        return Err(BuildError::new(e));
    }
    if c.routes > MAX_ROUTES {
        return Err(BuildError::new(
            Msg::new()
                .push("too many routes in one table (at most ")
                .push_num(MAX_ROUTES)
                .push(")"),
        ));
    }
    answer_head_with_get(&mut c.ends);
    conflicts(&mut c, items);
    if let Some(clash) = c.clash {
        return Err(BuildError::new(clash_message(items, &c.places, clash)));
    }
    Ok(sizes(&c))
}

/// `ctx` under mount `m` (whose prefix labels the caller adds).
const fn enter(mut ctx: Ctx, m: &Mount) -> Ctx {
    let name = m.name.1 - m.name.0;
    if name > 0 {
        ctx.names_len += name + if ctx.names > 0 { 1 } else { 0 };
        ctx.names += 1;
    }
    let mw = m.middleware.1 - m.middleware.0;
    if mw > 0 {
        ctx.middleware_len += mw + if ctx.middleware > 0 { 2 } else { 0 };
        ctx.middleware += 1;
    }
    ctx.prefix += m.prefix.1 - m.prefix.0;
    ctx.spelled &= m.spelled;
    ctx.depth += m.labels;
    ctx
}

/// The bytes of the texts a route joins under `ctx`: its full path when a
/// prefix is in front, its blueprint's dotted name when nested, and its
/// middleware list when more than one level has some. The decoder joins
/// exactly these.
pub(crate) const fn joined_len(
    prefix: usize,
    names: usize,
    names_len: usize,
    mw: usize,
    mw_len: usize,
    path: usize,
    own_mw: usize,
) -> usize {
    let mut n = 0;
    if prefix > 0 {
        n += prefix + path;
    }
    if names > 1 {
        n += names_len;
    }
    let (mut levels, mut len) = (mw, mw_len);
    if own_mw > 0 {
        len += own_mw + if levels > 0 { 2 } else { 0 };
        levels += 1;
    }
    if levels > 1 {
        n += len;
    }
    n
}

/// Walks the item that starts at `items[i][at]`, under `ctx`.
const fn walk_item<const P: usize, const N: usize, const H: usize>(
    c: &mut Check<P, N, H>,
    items: &[&str],
    i: usize,
    at: usize,
    ctx: Ctx,
    strict: bool,
) -> usize {
    let b = items[i].as_bytes();
    if b[at] == HANDLER {
        c.leaves += 1;
        // The route count; the rest of the header is skipped.
        let mut p = at + 1;
        let routes = read_num!(b, p);
        let skip = read_num!(b, p);
        p += skip;
        let mut r = 0;
        while r < routes && !c.failed {
            p = walk_route(c, items, i, p, ctx, strict);
            r += 1;
        }
        return p;
    }
    let bp = blueprint(b, at);
    let mut inner = enter(ctx, &bp.mount);
    if bp.routes > 0 {
        let m = c.places.mounts;
        c.places.mounts += 1;
        c.places.mount_item[m] = i as u16;
        c.places.mount_at[m] = bp.mount.start as u32;
        c.places.mount_parent[m] = ctx.mount;
        inner.mount = m as u16;
        // The prefix's labels, once for all the routes below.
        let mut label = bp.mount.first_label;
        let mut k = 0;
        while k < bp.mount.labels {
            let seg = SegRef {
                item: i as u16,
                at: label as u32,
            };
            let mut p = label;
            let n = read_num!(b, p);
            let key = static_key(b, p, p + n);
            inner.node = child(c, items, inner.node, key, seg, false);
            label = p + n;
            k += 1;
        }
    }
    let mut next = bp.first_item;
    let mut k = 0;
    while k < bp.items && !c.failed {
        next = walk_item(c, items, i, next, inner, strict);
        k += 1;
    }
    next
}

/// The key of static text `b[start..end]`: its length in the top byte,
/// then its bytes when it has fifteen or fewer, so that equal keys are
/// equal labels; a longer label's key is a hash (the top byte 16), and
/// equal keys are checked byte by byte ([`exact`]).
const fn static_key(b: &[u8], start: usize, end: usize) -> u128 {
    let n = end - start;
    let mut p = start;
    if n <= 15 {
        let mut k = n as u128;
        while p < end {
            k = k << 8 | b[p] as u128;
            p += 1;
        }
        return k << (8 * (15 - n));
    }
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    while p < end {
        h = ((h ^ b[p] as u64) as u128 * 0x0000_0100_0000_01b3) as u64;
        p += 1;
    }
    16 << 120 | h as u128
}

/// The key of a converter: its kind and bounds when they fit (a `string`,
/// a `uuid`, an `int` of small bounds or the default one: exact), else a
/// hash of its value (the top byte 34).
const fn conv_key(b: &[u8], cv: &Conv) -> u128 {
    if cv.kind == b'u' {
        return 33 << 120;
    }
    if cv.kind == b's' {
        return 32 << 120 | cv.lo << 32 | cv.hi;
    }
    if cv.kind == b'i' {
        if cv.lo == 0 && cv.hi == super::zigzag(u64::MAX as i128) && cv.fixed == 0 && !cv.signed {
            return INT_KEY;
        }
        if cv.lo < 1 << 48 && cv.hi < 1 << 56 {
            return 36 << 120
                | (cv.fixed as u128) << 112
                | (cv.signed as u128) << 111
                | cv.lo << 56
                | cv.hi;
        }
    }
    let mut h = mix(
        cv.kind as u64 | (cv.fixed as u64) << 8 | (cv.signed as u64) << 16,
        cv.lo as u64,
    );
    h = mix(h, (cv.lo >> 64) as u64);
    h = mix(h, cv.hi as u64);
    h = mix(h, (cv.hi >> 64) as u64);
    let mut at = cv.first_word;
    let mut k = 0;
    while k < cv.words {
        let mut p = at;
        let n = read_num!(b, p);
        h = mix(h, static_key(b, p, p + n) as u64);
        at = p + n;
        k += 1;
    }
    34 << 120 | h as u128
}

/// The key of a plain parameter (`conv_key` of `string(1, u32::MAX)`).
const PLAIN_KEY: u128 = 32 << 120 | 1 << 32 | u32::MAX as u128;
/// The key of `int` on a `u64`, unsigned, unbounded (`conv_key` of it).
const INT_KEY: u128 = 35 << 120;

/// Whether equal keys prove equal segments (see [`static_key`]).
const fn exact(key: u128) -> bool {
    let top = key >> 120;
    top < 16 || top == 32 || top == 33 || top == 35 || top == 36
}

/// Mixes `w` into `h` (plain operations: const evaluation calls
/// `rotate_left` and `wrapping_mul` as functions).
#[allow(clippy::manual_rotate)]
const fn mix(h: u64, w: u64) -> u64 {
    let x = ((h << 27 | h >> 37) ^ w) as u128 * 0x9e37_79b9_7f4a_7c15;
    (x as u64) ^ (x >> 64) as u64
}

/// The node below `$parent` whose segment's key is `$key` (the segment
/// `$seg`, a parameter when `$param`): the one there is, or a new one.
/// A macro, for the walk's loop: const evaluation pays for each call more
/// than for the probing.
macro_rules! child_node {
    ($c:ident, $items:ident, $parent:expr, $key:expr, $seg:expr, $param:expr) => {{
        let parent: u16 = $parent;
        let key: u128 = $key;
        let x = (key as u64 ^ (key >> 64) as u64 ^ (parent as u64) << 40) as u128
            * 0x9e37_79b9_7f4a_7c15;
        let mut h = (x >> 64) as usize & (H - 1);
        let mut found = NONE;
        loop {
            let id = $c.tree.table[h];
            if id == NONE {
                break;
            }
            let n = id as usize;
            if $c.tree.key[n] == key
                && $c.tree.parent[n] == parent
                && $c.tree.param[n] == $param
                && (key >> 120 < 16
                    || exact(key)
                    || same_segment($items, $c.tree.seg[n], $seg, $param))
            {
                found = id;
                break;
            }
            h = (h + 1) & (H - 1);
        }
        if found == NONE {
            found = insert(&mut $c.tree, h, parent, key, $seg, $param);
        }
        found
    }};
}

/// The node below `parent` for the segment `seg`, whose key is `key`: the
/// one there is, or a new one.
const fn child<const P: usize, const N: usize, const H: usize>(
    c: &mut Check<P, N, H>,
    items: &[&str],
    parent: u16,
    key: u128,
    seg: SegRef,
    param: bool,
) -> u16 {
    child_node!(c, items, parent, key, seg, param)
}

/// A new node below `parent` at slot `h` of the hash table.
const fn insert<const N: usize, const H: usize>(
    t: &mut Tree<N, H>,
    h: usize,
    parent: u16,
    key: u128,
    seg: SegRef,
    param: bool,
) -> u16 {
    let id = t.n;
    t.n += 1;
    t.table[h] = id as u16;
    t.parent[id] = parent;
    t.key[id] = key;
    t.seg[id] = seg;
    t.param[id] = param;
    t.next[id] = t.first[parent as usize];
    t.first[parent as usize] = id as u16;
    if !param {
        t.statics[parent as usize] += 1;
    }
    id as u16
}

/// The bytes of the item a segment is in, and where its label or
/// converter starts.
const fn seg_bytes<'a>(items: &[&'a str], s: SegRef) -> (&'a [u8], usize) {
    (items[s.item as usize].as_bytes(), s.at as usize)
}

/// Whether two static segments' labels are the same text.
const fn same_label(items: &[&str], x: SegRef, y: SegRef) -> bool {
    if x.at == ADDED || y.at == ADDED {
        return x.at == y.at || label_len(items, x) == 0 && label_len(items, y) == 0;
    }
    let (bx, mut px) = seg_bytes(items, x);
    let (by, mut py) = seg_bytes(items, y);
    let n = read_num!(bx, px);
    let m = read_num!(by, py);
    if n != m {
        return false;
    }
    let end = px + n;
    while px < end {
        if bx[px] != by[py] {
            return false;
        }
        px += 1;
        py += 1;
    }
    true
}

/// The length of a static segment's label.
const fn label_len(items: &[&str], s: SegRef) -> usize {
    if s.at == ADDED {
        return 0;
    }
    let (b, p) = seg_bytes(items, s);
    read::num(b, p).0
}

/// Whether two segments of equal keys, both parameters or both static,
/// are the same converter or text.
const fn same_segment(items: &[&str], x: SegRef, y: SegRef, param: bool) -> bool {
    if !param {
        return same_label(items, x, y);
    }
    let (bx, ax) = seg_bytes(items, x);
    let (by, ay) = seg_bytes(items, y);
    let cx = conv(bx, ax).0;
    let cy = conv(by, ay).0;
    if cx.kind != cy.kind
        || cx.lo != cy.lo
        || cx.hi != cy.hi
        || cx.fixed != cy.fixed
        || cx.signed != cy.signed
        || cx.words != cy.words
    {
        return false;
    }
    let (mut wx, mut wy) = (cx.first_word, cy.first_word);
    let mut k = 0;
    while k < cx.words {
        let (sx, ex) = text(bx, wx);
        let (sy, ey) = text(by, wy);
        if !bytes::eq(sub(bx, sx, ex), sub(by, sy, ey)) {
            return false;
        }
        wx = ex;
        wy = ey;
        k += 1;
    }
    true
}

/// The key of the label of `$n` bytes at `$b[$p]` ([`static_key`],
/// inline for the short ones), moving `$p` past it.
macro_rules! label_key {
    ($b:ident, $p:ident, $n:ident) => {
        if $n <= 15 {
            let mut k = $n as u128;
            let end = $p + $n;
            while $p < end {
                k = k << 8 | $b[$p] as u128;
                $p += 1;
            }
            // The length in the top byte, the bytes below it.
            k << (8 * (15 - $n))
        } else {
            let key = static_key($b, $p, $p + $n);
            $p += $n;
            key
        }
    };
}

/// The key of the converter at `$b[$p]` ([`conv_key`]; the common ones'
/// are constants), moving `$p` past it and counting an `any`'s words.
macro_rules! param_key {
    ($c:ident, $b:ident, $p:ident) => {
        match $b[$p] {
            b'p' => {
                $p += 1;
                PLAIN_KEY
            }
            b'I' => {
                $p += 1;
                INT_KEY
            }
            _ => {
                let (cv, name_at) = conv($b, $p);
                $c.words += cv.words;
                $p = name_at;
                conv_key($b, &cv)
            }
        }
    };
}

/// Walks the route that starts at `items[i][at]`, and its slash twin;
/// returns where the next route starts. The loop reads the format inline:
/// const evaluation pays for each call more than for the reading.
const fn walk_route<const P: usize, const N: usize, const H: usize>(
    c: &mut Check<P, N, H>,
    items: &[&str],
    i: usize,
    at: usize,
    ctx: Ctx,
    strict: bool,
) -> usize {
    let b = items[i].as_bytes();
    let mut p = at;
    let len = read_num!(b, p);
    let next = p + len;
    let methods = read_num!(b, p) as u16;
    let flags = b[p] & 31;
    p += 1;
    let count = read_num!(b, p);
    let _segments = read_num!(b, p);
    let r = c.routes;
    c.routes += 1;
    c.places.item[r] = i as u16;
    c.places.at[r] = at as u32;
    c.places.mount[r] = ctx.mount;
    let len = ctx.depth + count;
    if len > MAX_SEGMENTS || len == 0 {
        let what = if len == 0 {
            "has no segments (the root path is one empty segment)"
        } else {
            "has more than 64 segments"
        };
        c.error = Some(invalid(items, &c.places, r, what));
        c.failed = true;
        return next;
    }
    let mut node = ctx.node;
    let mut last_node = ctx.node;
    let (mut catch_all, mut last_empty) = (false, false);
    let mut params = 0;
    let mut s = 0;
    while s < count {
        let kind = b[p];
        p += 1;
        let seg = SegRef {
            item: i as u16,
            at: p as u32,
        };
        if kind == STATIC {
            let n = read_num!(b, p);
            last_empty = n == 0;
            last_node = node;
            let key = label_key!(b, p, n);
            node = child_node!(c, items, node, key, seg, false);
        } else if kind == CATCH_ALL {
            catch_all = true;
            params += 1;
            let n = read_num!(b, p);
            p += n;
        } else {
            let key = param_key!(c, b, p);
            last_empty = false;
            last_node = node;
            node = child_node!(c, items, node, key, seg, true);
            params += 1;
            let n = read_num!(b, p);
            p += n;
        }
        s += 1;
    }
    if params > MAX_PARAMS {
        c.error = Some(invalid(items, &c.places, r, "has more than 16 parameters"));
        c.failed = true;
        return next;
    }
    let walked = Walked {
        route: r as u16,
        methods,
        flags,
        len,
        node,
        last_node,
        catch_all,
        last_empty,
        tail: p,
    };
    end_route(c, items, i, ctx, strict, walked);
    next
}

/// What the walk of a route's segments found.
#[derive(Clone, Copy)]
struct Walked {
    route: u16,
    methods: u16,
    flags: u8,
    /// Its segments, its blueprints' prefixes included.
    len: usize,
    /// The node its path ends at, and the one before.
    node: u16,
    last_node: u16,
    catch_all: bool,
    /// The last segment is the empty one (a trailing slash).
    last_empty: bool,
    /// Where its path, name and middleware start.
    tail: usize,
}

/// The rest of a route once its segments are walked: its joined texts,
/// its end, and its slash twin.
const fn end_route<const P: usize, const N: usize, const H: usize>(
    c: &mut Check<P, N, H>,
    items: &[&str],
    i: usize,
    ctx: Ctx,
    strict: bool,
    w: Walked,
) {
    let b = items[i].as_bytes();
    let (r, methods, flags, len) = (w.route as usize, w.methods, w.flags, w.len);
    let (node, last_node, catch_all, last_empty) = (w.node, w.last_node, w.catch_all, w.last_empty);
    let mut p = w.tail;
    c.segments += len;
    if ctx.prefix > 0 || ctx.names > 1 || ctx.middleware > 0 {
        // The texts a blueprint or the app's middleware joins.
        let path = read_num!(b, p);
        p += path;
        let handler = read_num!(b, p);
        p += handler;
        let own_mw = read::num(b, p).0;
        c.text += joined_len(
            ctx.prefix,
            ctx.names,
            ctx.names_len,
            ctx.middleware,
            ctx.middleware_len,
            path,
            own_mw,
        );
    }
    let end = end_of(c, node, catch_all);
    add_to_end(c, items, end, r as u16, methods, false);
    c.patterns += 1;
    if flags & SPELLED != 0 && ctx.spelled && !catch_all {
        c.ends.whole[end as usize] = true;
    }
    // The slash twin, as the builder's `has_twin` makes it; `caps` counts
    // one segment more for it either way.
    let strict = flags & STRICT != 0 && strict;
    if !(catch_all || strict || len == 1 && last_empty) {
        c.patterns += 1;
        c.twin_segments += len + 1;
        let end = if last_empty {
            end_of(c, last_node, false)
        } else {
            let added = SegRef {
                item: i as u16,
                at: ADDED,
            };
            let slash = child(c, items, node, EMPTY_KEY, added, false);
            end_of(c, slash, false)
        };
        add_to_end(c, items, end, r as u16, methods, true);
    }
}

/// The key of the empty label.
const EMPTY_KEY: u128 = 0;

/// The end at `node` (of its catch-all when `catch_all`), made when new.
const fn end_of<const P: usize, const N: usize, const H: usize>(
    c: &mut Check<P, N, H>,
    node: u16,
    catch_all: bool,
) -> u16 {
    let n = node as usize;
    let have = if catch_all {
        c.tree.catch_all[n]
    } else {
        c.tree.end[n]
    };
    if have != NONE {
        return have;
    }
    let e = c.ends.n as u16;
    c.ends.n += 1;
    if catch_all {
        c.tree.catch_all[n] = e;
    } else {
        c.tree.end[n] = e;
    }
    e
}

/// Adds route `r` to `end` for its methods, as the builder's `add_to_end`
/// does: a twin never displaces a declared route; two declared routes for
/// one method conflict.
const fn add_to_end<const P: usize, const N: usize, const H: usize>(
    c: &mut Check<P, N, H>,
    items: &[&str],
    end: u16,
    r: u16,
    wanted: u16,
    twin: bool,
) {
    let e = end as usize;
    let mut left = wanted;
    while left != 0 {
        let bit = left.trailing_zeros() as usize;
        let m = 1u16 << bit;
        left &= !m;
        let have = c.ends.routes[e][bit];
        if have == NONE {
            c.ends.routes[e][bit] = r;
            c.ends.methods[e] |= m;
            if !twin {
                c.ends.declared[e] |= m;
            }
        } else if !twin && c.ends.declared[e] & m != 0 {
            c.clash = Some(keep(
                items,
                &c.places,
                c.clash,
                Clash {
                    a: have,
                    b: r,
                    method: m,
                },
            ));
        } else if !twin {
            c.ends.routes[e][bit] = r;
            c.ends.declared[e] |= m;
        }
    }
}

/// GET answers HEAD unless HEAD is declared for the path, as in the
/// builder: the conflicts below see the implied HEAD as declared.
const fn answer_head_with_get<const P: usize>(ends: &mut Ends<P>) {
    let (get_bit, head_bit) = (Methods::GET.0, Methods::HEAD.0);
    let mut e = 0;
    while e < ends.n {
        let get = ends.routes[e][0];
        let head_declared = ends.declared[e] & head_bit != 0;
        let get_declared = ends.declared[e] & get_bit != 0;
        if get != NONE && !head_declared && (ends.routes[e][1] == NONE || get_declared) {
            ends.routes[e][1] = get;
            ends.methods[e] |= head_bit;
            if get_declared {
                ends.declared[e] |= head_bit;
            }
        }
        e += 1;
    }
}

/// Conflicts between overlapping parameter siblings: the builder's
/// `check_conflicts`, on the check's tree.
const fn conflicts<const P: usize, const N: usize, const H: usize>(
    c: &mut Check<P, N, H>,
    items: &[&str],
) {
    let mut n = 0;
    while n < c.tree.n {
        let mut a = c.tree.first[n];
        while a != NONE {
            if c.tree.param[a as usize] {
                let mut b = c.tree.next[a as usize];
                while b != NONE {
                    if c.tree.param[b as usize] && overlap(items, &c.tree, a, b) {
                        walk_pair(c, items, a, b);
                    }
                    b = c.tree.next[b as usize];
                }
            }
            a = c.tree.next[a as usize];
        }
        n += 1;
    }
}

/// Whether parameter nodes `a` and `b` are of one tier and some segment
/// matches both.
const fn overlap<const N: usize, const H: usize>(
    items: &[&str],
    t: &Tree<N, H>,
    a: u16,
    b: u16,
) -> bool {
    let (ba, sa) = seg_bytes(items, t.seg[a as usize]);
    let (bb, sb) = seg_bytes(items, t.seg[b as usize]);
    let ca = conv(ba, sa).0;
    let cb = conv(bb, sb).0;
    if ca.tier() != cb.tier() {
        return false;
    }
    match (ca.kind, cb.kind) {
        (b'a', b'a') => words_meet(ba, &ca, bb, &cb),
        (b'a', _) => any_meets(ba, &ca, &cb.converter(&[])),
        (_, b'a') => any_meets(bb, &cb, &ca.converter(&[])),
        _ => crate::table::conflict::overlap(&ca.converter(&[]), &cb.converter(&[])),
    }
}

/// Whether two `any` converters share a word.
const fn words_meet(ba: &[u8], a: &Conv, bb: &[u8], b: &Conv) -> bool {
    let mut wa = a.first_word;
    let mut i = 0;
    while i < a.words {
        let (sa, ea) = text(ba, wa);
        let mut wb = b.first_word;
        let mut j = 0;
        while j < b.words {
            let (sb, eb) = text(bb, wb);
            if bytes::eq(sub(ba, sa, ea), sub(bb, sb, eb)) {
                return true;
            }
            wb = eb;
            j += 1;
        }
        wa = ea;
        i += 1;
    }
    false
}

/// Whether another converter may accept a word of an `any`.
const fn any_meets(b: &[u8], any: &Conv, other: &Converter) -> bool {
    let mut w = any.first_word;
    let mut i = 0;
    while i < any.words {
        let (s, e) = text(b, w);
        if !matches!(
            crate::route::convert::accepts(other, sub(b, s, e), false),
            Some(false)
        ) {
            return true;
        }
        w = e;
        i += 1;
    }
    false
}

/// The builder's `conflict_walk`: two subtrees whose paths so far overlap
/// segment by segment with equal tiers.
const fn walk_pair<const P: usize, const N: usize, const H: usize>(
    c: &mut Check<P, N, H>,
    items: &[&str],
    x: u16,
    y: u16,
) {
    let (x, y) = (x as usize, y as usize);
    end_clash(c, items, c.tree.end[x], c.tree.end[y]);
    end_clash(c, items, c.tree.catch_all[x], c.tree.catch_all[y]);
    let mut a = c.tree.first[x];
    while a != NONE {
        let mut b = c.tree.first[y];
        while b != NONE {
            let (pa, pb) = (c.tree.param[a as usize], c.tree.param[b as usize]);
            let meet = if !pa && !pb {
                let key = c.tree.key[a as usize];
                key == c.tree.key[b as usize]
                    && (exact(key)
                        || same_label(items, c.tree.seg[a as usize], c.tree.seg[b as usize]))
            } else {
                pa && pb && overlap(items, &c.tree, a, b)
            };
            if meet {
                walk_pair(c, items, a, b);
            }
            b = c.tree.next[b as usize];
        }
        a = c.tree.next[a as usize];
    }
}

/// The builder's `end_clash`: a method both ends declare.
const fn end_clash<const P: usize, const N: usize, const H: usize>(
    c: &mut Check<P, N, H>,
    items: &[&str],
    x: u16,
    y: u16,
) {
    if x == NONE || y == NONE {
        return;
    }
    let (x, y) = (x as usize, y as usize);
    let common = c.ends.declared[x] & c.ends.declared[y];
    if common == 0 {
        return;
    }
    let bit = common.trailing_zeros() as usize;
    c.clash = Some(keep(
        items,
        &c.places,
        c.clash,
        Clash {
            a: c.ends.routes[x][bit],
            b: c.ends.routes[y][bit],
            method: 1 << bit,
        },
    ));
}

/// Of two clashes, the one reported: the first in a fixed order (the
/// builder's order of route names), so that the message does not depend
/// on the order routes are listed in.
const fn keep<const P: usize>(
    items: &[&str],
    places: &Places<P>,
    old: Option<Clash>,
    new: Clash,
) -> Clash {
    let new = ordered(items, places, new);
    let Some(old) = old else {
        return new;
    };
    let by_a = cmp_routes(items, places, new.a, old.a);
    let by_b = cmp_routes(items, places, new.b, old.b);
    if by_a.is_lt()
        || (by_a.is_eq() && by_b.is_lt())
        || (by_a.is_eq() && by_b.is_eq() && new.method < old.method)
    {
        new
    } else {
        old
    }
}

/// The clash with its routes in the order the message names them.
const fn ordered<const P: usize>(items: &[&str], places: &Places<P>, c: Clash) -> Clash {
    if cmp_routes(items, places, c.a, c.b).is_gt() {
        Clash {
            a: c.b,
            b: c.a,
            method: c.method,
        }
    } else {
        c
    }
}

/// A route's full path (its blueprints' prefixes, then its own path),
/// handler, file and line, written into a message.
const fn describe<const P: usize>(items: &[&str], places: &Places<P>, r: u16, msg: Msg) -> Msg {
    let r = r as usize;
    let (i, at) = (places.item[r] as usize, places.at[r] as usize);
    let b = items[i].as_bytes();
    let tail = route_tail(b, read::tail_at(b, at));
    let mut msg = push_prefix(items, places, places.mount[r], msg);
    msg = msg
        .push(read::sub_str(items[i], tail.path.0, tail.path.1))
        .push("` (")
        .push(read::sub_str(items[i], tail.handler.0, tail.handler.1));
    if tail.file.1 > tail.file.0 {
        msg = msg
            .push(", ")
            .push(read::sub_str(items[i], tail.file.0, tail.file.1))
            .push(":")
            .push_num(tail.line);
    }
    msg
}

/// The prefixes of blueprint `m` and the blueprints it is in, outermost
/// first.
const fn push_prefix<const P: usize>(items: &[&str], places: &Places<P>, m: u16, msg: Msg) -> Msg {
    if m == NONE {
        return msg;
    }
    let m = m as usize;
    let msg = push_prefix(items, places, places.mount_parent[m], msg);
    let i = places.mount_item[m] as usize;
    let mt = mount(items[i].as_bytes(), places.mount_at[m] as usize);
    msg.push(read::sub_str(items[i], mt.prefix.0, mt.prefix.1))
}

/// The builder's order of two routes in messages: handler name, path,
/// file, line.
const fn cmp_routes<const P: usize>(
    items: &[&str],
    places: &Places<P>,
    a: u16,
    b: u16,
) -> core::cmp::Ordering {
    let (ia, ib) = (
        places.item[a as usize] as usize,
        places.item[b as usize] as usize,
    );
    let (ba, bb) = (items[ia].as_bytes(), items[ib].as_bytes());
    let ta = route_tail(ba, read::tail_at(ba, places.at[a as usize] as usize));
    let tb = route_tail(bb, read::tail_at(bb, places.at[b as usize] as usize));
    let c = bytes::cmp(
        sub(ba, ta.handler.0, ta.handler.1),
        sub(bb, tb.handler.0, tb.handler.1),
    );
    if !c.is_eq() {
        return c;
    }
    let pa = describe(items, places, a, Msg::new());
    let pb = describe(items, places, b, Msg::new());
    bytes::cmp(pa.as_str().as_bytes(), pb.as_str().as_bytes())
}

/// The message of an invalid route, as the builder words it.
const fn invalid<const P: usize>(items: &[&str], places: &Places<P>, r: usize, what: &str) -> Msg {
    describe(items, places, r as u16, Msg::new().push("invalid route `"))
        .push("): it ")
        .push(what)
}

/// The conflict's message, as the builder's `clash_message` writes it.
const fn clash_message<const P: usize>(items: &[&str], places: &Places<P>, clash: Clash) -> Msg {
    let method = match Methods::from_bits(clash.method).first_name() {
        Some(s) => s,
        None => "?",
    };
    let msg = Msg::new().push("route conflict: `").push(method).push(" ");
    let msg = describe(items, places, clash.a, msg)
        .push(") and `")
        .push(method)
        .push(" ");
    describe(items, places, clash.b, msg).push(") match the same requests")
}

/// `ceil(log2(k))`.
const fn ceil_log2(k: usize) -> u32 {
    let mut b = 0;
    while (1usize << b) < k {
        b += 1;
    }
    b
}

/// The most slots and multipliers the builder's perfect hash of `k` keys
/// can take (`phf::single`, else `phf::layout`). One key always takes
/// two slots and no multiplier.
const fn hash_bounds(k: usize) -> (usize, usize) {
    if k == 1 {
        return (2, 0);
    }
    let lk = ceil_log2(k);
    let largest_single = 1usize << (lk + 3);
    let slots = if k * k <= 6 * largest_single {
        largest_single
    } else {
        1 << (lk + 1)
    };
    let rbits = if lk > 2 { lk - 1 } else { 1 };
    (slots, 1 << rbits)
}

/// The sizes of the table the builder makes of these routes.
const fn sizes<const P: usize, const N: usize, const H: usize>(c: &Check<P, N, H>) -> Checked {
    let t = &c.tree;
    let (mut edges, mut params, mut slots, mut disps) = (0, 0, 0, 0);
    let mut n = 0;
    while n < t.n {
        if n > 0 {
            if t.param[n] {
                params += 1;
            } else {
                edges += 1;
            }
        }
        if t.statics[n] > 0 {
            let (s, d) = hash_bounds(t.statics[n] as usize);
            slots += s;
            disps += d;
        }
        n += 1;
    }
    let mut whole = 0;
    let mut e = 0;
    while e < c.ends.n {
        if c.ends.whole[e] {
            whole += 1;
        }
        e += 1;
    }
    let (mut whole_slots, mut whole_disps) = (0, 0);
    if whole > 0 && 2 * whole >= c.ends.n {
        let lk = ceil_log2(whole);
        let rbits = if lk > 2 { lk - 1 } else { 1 };
        whole_slots = 1 << (lk + 1);
        whole_disps = 1 << rbits;
    } else {
        whole = 0;
    }
    let segs = c.segments + c.twin_segments;
    let caps = Caps {
        patterns: c.patterns,
        nodes: segs + 1,
        slots: 16 * segs + 4,
    };
    Checked {
        routes: c.routes,
        leaves: c.leaves,
        segments: c.segments,
        words: c.words,
        text: c.text,
        caps,
        sizes: Sizes {
            nodes: t.n,
            edges,
            slots: min(slots, caps.slots),
            disps: min(disps, caps.nodes),
            params,
            ends: c.ends.n,
            whole,
            whole_slots,
            whole_disps,
            order: c.routes,
        },
    }
}

const fn min(a: usize, b: usize) -> usize {
    if a < b {
        a
    } else {
        b
    }
}
