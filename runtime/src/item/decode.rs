//! From items to what the table and the dispatch are made of: the
//! `RouteDef`s with their segments, `any` words and joined texts, who
//! answers each route, and which item holds each handler.
//!
//! `routes!` calls these in associated constants, which the compiler
//! evaluates only to generate code: `cargo check` never runs them (it runs
//! [`check`](super::check::check), which gives the sizes of their arrays).
//! Each is one walk over the routes in order, through [`Walk`].

use super::check::Root;
use super::read::{
    self, blueprint, conv, item_counts, mount, read_num, route_head, route_tail, sub_str, text,
    Mount, Tail,
};
use super::text::Joined;
use super::{CATCH_ALL, HANDLER, STATIC, STRICT};
use crate::blueprint::Owner;
use crate::dispatch::Within;
use crate::route::method::Methods;
use crate::route::{RouteDef, Segment};

/// The deepest blueprint nesting a walk follows.
pub(crate) const MAX_NESTING: usize = 32;

/// A mount not yet read.
const NO_MOUNT: Mount = Mount {
    start: 0,
    name: (0, 0),
    prefix: (0, 0),
    spelled: true,
    labels: 0,
    first_label: 0,
    middleware: (0, 0),
    end: 0,
};

/// A walk over the routes of an app's items, in order: each blueprint's
/// routes in the order of its items, each handler's in the order of its
/// attributes.
pub(crate) struct Walk<'a> {
    items: &'a [&'static str],
    /// The next top-level item.
    top: usize,
    /// The blueprints the walk is in, outermost first: their mounts,
    /// where their next item starts and how many are left.
    depth: usize,
    item: usize,
    mounts: [Mount; MAX_NESTING],
    next_at: [usize; MAX_NESTING],
    left: [usize; MAX_NESTING],
    /// The handler being walked: where its next route starts and how many
    /// are left.
    route_at: usize,
    routes_left: usize,
    /// Handlers so far (the current one's number is `leaf - 1`), and the
    /// current route's place among its handler's.
    leaf: usize,
    def: usize,
}

/// A route the walk reached.
#[derive(Clone, Copy)]
pub(crate) struct At {
    /// The top-level item it is in, and where it starts there.
    pub(crate) item: usize,
    pub(crate) at: usize,
    /// Its handler's number among the app's handlers, and its place
    /// among that handler's routes.
    pub(crate) handler: usize,
    pub(crate) def: usize,
}

impl<'a> Walk<'a> {
    pub(crate) const fn new(items: &'a [&'static str]) -> Self {
        Walk {
            items,
            top: 0,
            depth: 0,
            item: 0,
            mounts: [NO_MOUNT; MAX_NESTING],
            next_at: [0; MAX_NESTING],
            left: [0; MAX_NESTING],
            route_at: 0,
            routes_left: 0,
            leaf: 0,
            def: 0,
        }
    }

    /// How many blueprints the current route is in.
    pub(crate) const fn depth(&self) -> usize {
        self.depth
    }

    /// The mount of the `level`th blueprint (outermost 0).
    pub(crate) const fn mount(&self, level: usize) -> Mount {
        self.mounts[level]
    }

    /// Enters the item at `at` of the current top-level item.
    const fn enter(&mut self, at: usize) {
        let b = self.items[self.item].as_bytes();
        if b[at] == HANDLER {
            // The route count, and the header's length to skip.
            let mut i = at + 1;
            let routes = read_num!(b, i);
            let skip = read_num!(b, i);
            self.route_at = i + skip;
            self.routes_left = routes;
            self.leaf += 1;
            self.def = 0;
        } else {
            let bp = blueprint(b, at);
            if self.depth == MAX_NESTING {
                panic!("flaxum: blueprints nested more than 32 deep");
            }
            self.mounts[self.depth] = bp.mount;
            self.next_at[self.depth] = bp.first_item;
            self.left[self.depth] = bp.items;
            self.depth += 1;
        }
    }

    /// The next route, or `None` after the last.
    pub(crate) const fn next(&mut self) -> Option<At> {
        loop {
            if self.routes_left > 0 {
                let at = self.route_at;
                self.route_at = read::skip_route(self.items[self.item].as_bytes(), at);
                self.routes_left -= 1;
                let def = self.def;
                self.def += 1;
                return Some(At {
                    item: self.item,
                    at,
                    handler: self.leaf - 1,
                    def,
                });
            }
            if self.depth > 0 {
                let d = self.depth - 1;
                if self.left[d] == 0 {
                    self.depth -= 1;
                    continue;
                }
                let at = self.next_at[d];
                self.next_at[d] = read::skip_item(self.items[self.item].as_bytes(), at);
                self.left[d] -= 1;
                self.enter(at);
                continue;
            }
            if self.top == self.items.len() {
                return None;
            }
            self.item = self.top;
            self.top += 1;
            self.enter(0);
        }
    }
}

/// The words of every `any` converter, route by route.
pub const fn words<const NW: usize>(items: &[&'static str]) -> [&'static str; NW] {
    let mut out = [""; NW];
    if NW == 0 {
        // The check counted none: no walk.
        return out;
    }
    let mut k = 0;
    let mut w = Walk::new(items);
    while let Some(r) = w.next() {
        let item = items[r.item];
        let b = item.as_bytes();
        let (_, _, count, mut at) = route_head(b, r.at);
        let mut s = 0;
        while s < count {
            if b[at] != STATIC && b[at] != CATCH_ALL {
                let cv = conv(b, at + 1).0;
                let mut word = cv.first_word;
                let mut j = 0;
                while j < cv.words {
                    let (start, end) = text(b, word);
                    out[k] = sub_str(item, start, end);
                    k += 1;
                    word = end;
                    j += 1;
                }
            }
            at = read::skip_segment(b, at);
            s += 1;
        }
    }
    out
}

/// The segments of every route, route by route: its blueprints' prefix
/// labels, then its own. `words` is [`words`] of the same items.
pub const fn segments<const NS: usize>(
    items: &[&'static str],
    words: &'static [&'static str],
) -> [Segment; NS] {
    let mut out = [Segment::Static(""); NS];
    let (mut k, mut word) = (0, 0);
    let mut w = Walk::new(items);
    while let Some(r) = w.next() {
        let item = items[r.item];
        let b = item.as_bytes();
        let mut level = 0;
        while level < w.depth() {
            let m = w.mount(level);
            let mut label = m.first_label;
            let mut j = 0;
            while j < m.labels {
                let (start, end) = text(b, label);
                out[k] = Segment::Static(sub_str(item, start, end));
                k += 1;
                label = end;
                j += 1;
            }
            level += 1;
        }
        let (_, _, count, mut at) = route_head(b, r.at);
        let mut s = 0;
        while s < count {
            let (seg, next) = match b[at] {
                STATIC => {
                    let (start, end) = text(b, at + 1);
                    (Segment::Static(sub_str(item, start, end)), end)
                }
                CATCH_ALL => {
                    let (start, end) = text(b, at + 1);
                    (
                        Segment::CatchAll {
                            name: sub_str(item, start, end),
                        },
                        end,
                    )
                }
                _ => {
                    let (cv, name_at) = conv(b, at + 1);
                    let mine = words.split_at(word).1.split_at(cv.words).0;
                    word += cv.words;
                    let (start, end) = text(b, name_at);
                    (
                        Segment::Param {
                            name: sub_str(item, start, end),
                            conv: cv.converter(mine),
                        },
                        end,
                    )
                }
            };
            out[k] = seg;
            k += 1;
            at = next;
            s += 1;
        }
    }
    out
}

/// Where one of a route's texts is: a slice of an item or of the app's
/// mount, or of the joined texts.
#[derive(Clone, Copy)]
enum Src {
    /// `items[i][start..end]`; `i == usize::MAX` for the app's mount.
    Item(usize, usize, usize),
    Joined(usize, usize),
}

/// A route's path, blueprint name and middleware list.
#[derive(Clone, Copy)]
struct Texts {
    path: Src,
    name: Src,
    middleware: Src,
}

/// The texts of the route `r` under the walk's blueprints, written to
/// `out` when it is given, as the check's `joined_len` counts them; and
/// the index after them.
const fn compose<const NT: usize>(
    root: &Root,
    w: &Walk<'_>,
    items: &[&'static str],
    r: &At,
    tail: &Tail,
    mut out: Option<&mut Joined<NT>>,
    k: usize,
) -> (Texts, usize) {
    let (path, k) = join_path(w, items[r.item], r.item, tail, &mut out, k);
    let (name, k) = join_name(w, items[r.item], r.item, &mut out, k);
    let (middleware, k) = join_middleware(root, w, items[r.item], r.item, tail, &mut out, k);
    (
        Texts {
            path,
            name,
            middleware,
        },
        k,
    )
}

/// The route's full path: its blueprints' prefixes, then its own.
const fn join_path<const NT: usize>(
    w: &Walk<'_>,
    item: &'static str,
    i: usize,
    tail: &Tail,
    out: &mut Option<&mut Joined<NT>>,
    mut k: usize,
) -> (Src, usize) {
    let mut prefix = 0;
    let mut level = 0;
    while level < w.depth() {
        let m = w.mount(level);
        prefix += m.prefix.1 - m.prefix.0;
        level += 1;
    }
    if prefix == 0 {
        return (Src::Item(i, tail.path.0, tail.path.1), k);
    }
    let start = k;
    let mut level = 0;
    while level < w.depth() {
        k = put(out, k, item, w.mount(level).prefix);
        level += 1;
    }
    k = put(out, k, item, tail.path);
    (Src::Joined(start, k), k)
}

/// The route's blueprint's dotted name (`"api.v1"`).
const fn join_name<const NT: usize>(
    w: &Walk<'_>,
    item: &'static str,
    i: usize,
    out: &mut Option<&mut Joined<NT>>,
    mut k: usize,
) -> (Src, usize) {
    let (mut names, mut only) = (0, Src::Item(i, 0, 0));
    let mut level = 0;
    while level < w.depth() {
        let m = w.mount(level);
        if m.name.1 > m.name.0 {
            names += 1;
            only = Src::Item(i, m.name.0, m.name.1);
        }
        level += 1;
    }
    if names < 2 {
        return (only, k);
    }
    let start = k;
    let mut first = true;
    let mut level = 0;
    while level < w.depth() {
        let m = w.mount(level);
        if m.name.1 > m.name.0 {
            if !first {
                k = put(out, k, ".", (0, 1));
            }
            k = put(out, k, item, m.name);
            first = false;
        }
        level += 1;
    }
    (Src::Joined(start, k), k)
}

/// The route's middleware list: the app's, each blueprint's, then its own.
const fn join_middleware<const NT: usize>(
    root: &Root,
    w: &Walk<'_>,
    item: &'static str,
    i: usize,
    tail: &Tail,
    out: &mut Option<&mut Joined<NT>>,
    mut k: usize,
) -> (Src, usize) {
    let rm = mount(root.mount.as_bytes(), 0);
    let mut lists = 0;
    let mut only = Src::Item(i, 0, 0);
    if rm.middleware.1 > rm.middleware.0 {
        lists += 1;
        only = Src::Item(usize::MAX, rm.middleware.0, rm.middleware.1);
    }
    let mut level = 0;
    while level < w.depth() {
        let m = w.mount(level);
        if m.middleware.1 > m.middleware.0 {
            lists += 1;
            only = Src::Item(i, m.middleware.0, m.middleware.1);
        }
        level += 1;
    }
    if tail.middleware.1 > tail.middleware.0 {
        lists += 1;
        only = Src::Item(i, tail.middleware.0, tail.middleware.1);
    }
    if lists < 2 {
        return (only, k);
    }
    let start = k;
    let mut first = true;
    if rm.middleware.1 > rm.middleware.0 {
        k = put(out, k, root.mount, rm.middleware);
        first = false;
    }
    let mut level = 0;
    while level < w.depth() {
        let m = w.mount(level);
        if m.middleware.1 > m.middleware.0 {
            if !first {
                k = put(out, k, ", ", (0, 2));
            }
            k = put(out, k, item, m.middleware);
            first = false;
        }
        level += 1;
    }
    if tail.middleware.1 > tail.middleware.0 {
        if !first {
            k = put(out, k, ", ", (0, 2));
        }
        k = put(out, k, item, tail.middleware);
    }
    (Src::Joined(start, k), k)
}

/// Appends the text `from[range]` to `out` when there is an `out`; the
/// index after it.
const fn put<const NT: usize>(
    out: &mut Option<&mut Joined<NT>>,
    k: usize,
    from: &str,
    range: (usize, usize),
) -> usize {
    if let Some(out) = out {
        out.push(sub_str(from, range.0, range.1));
    }
    k + range.1 - range.0
}

/// The texts joined for the routes under blueprints, route by route.
pub const fn texts<const NT: usize>(root: Root, items: &[&'static str]) -> Joined<NT> {
    let mut out = Joined::<NT>::join(&[]);
    if NT == 0 {
        // The check counted nothing to join: no walk.
        return out;
    }
    let mut k = 0;
    let app_middleware = has_middleware(&root);
    let mut w = Walk::new(items);
    while let Some(r) = w.next() {
        if w.depth() == 0 && !app_middleware {
            // Nothing to join: its own texts, as they are.
            continue;
        }
        let b = items[r.item].as_bytes();
        let tail = route_tail(b, read::tail_at(b, r.at));
        k = compose(&root, &w, items, &r, &tail, Some(&mut out), k).1;
    }
    out
}

/// Whether the app has middleware of its own.
const fn has_middleware(root: &Root) -> bool {
    let m = mount(root.mount.as_bytes(), 0);
    m.middleware.1 > m.middleware.0
}

/// The routes, in order. `segs` and `joined` are [`segments`] and
/// [`texts`] of the same items.
pub const fn route_defs<const R: usize>(
    root: Root,
    items: &[&'static str],
    segs: &'static [Segment],
    joined: &'static str,
) -> [RouteDef; R] {
    let mut out = [RouteDef::new(Methods::GET, "", &[], ""); R];
    let (mut k, mut s, mut t) = (0, 0, 0);
    let app_middleware = has_middleware(&root);
    let mut w = Walk::new(items);
    while let Some(r) = w.next() {
        let item = items[r.item];
        let b = item.as_bytes();
        let (methods, flags, count, _) = route_head(b, r.at);
        let tail = route_tail(b, read::tail_at(b, r.at));
        let texts = if w.depth() == 0 && !app_middleware {
            Texts {
                path: Src::Item(r.item, tail.path.0, tail.path.1),
                name: Src::Item(r.item, 0, 0),
                middleware: Src::Item(r.item, tail.middleware.0, tail.middleware.1),
            }
        } else {
            let (texts, next) = compose::<0>(&root, &w, items, &r, &tail, None, t);
            t = next;
            texts
        };
        let mut labels = 0;
        let mut level = 0;
        while level < w.depth() {
            labels += w.mount(level).labels;
            level += 1;
        }
        let n = labels + count;
        let mine = segs.split_at(s).1.split_at(n).0;
        s += n;
        out[k] = RouteDef {
            methods: Methods::from_bits(methods),
            path: src(root.mount, items, joined, texts.path),
            segments: mine,
            handler: sub_str(item, tail.handler.0, tail.handler.1),
            file: sub_str(item, tail.file.0, tail.file.1),
            line: tail.line as u32,
            column: tail.column as u32,
            strict_slashes: flags & STRICT != 0,
            blueprint: src(root.mount, items, joined, texts.name),
            middleware: src(root.mount, items, joined, texts.middleware),
        };
        k += 1;
    }
    out
}

/// A text of a route.
const fn src(
    root: &'static str,
    items: &[&'static str],
    joined: &'static str,
    src: Src,
) -> &'static str {
    match src {
        Src::Item(i, start, end) if i == usize::MAX => sub_str(root, start, end),
        Src::Item(i, start, end) => sub_str(items[i], start, end),
        Src::Joined(start, end) => sub_str(joined, start, end),
    }
}

/// For each route, in order, the handler that answers it (numbered across
/// the items' handlers) and which of that handler's routes it is.
pub const fn owners<const R: usize>(items: &[&'static str]) -> [Owner; R] {
    let mut out = [Owner {
        handler: 0,
        route: 0,
    }; R];
    let mut k = 0;
    let mut w = Walk::new(items);
    while let Some(r) = w.next() {
        out[k] = Owner {
            handler: r.handler as u16,
            route: r.def as u16,
        };
        k += 1;
    }
    out
}

/// For each handler of `items`, in order, where it is among them: the
/// item and its place among that item's handlers.
pub const fn which<const L: usize>(items: &[&str]) -> [Within; L] {
    let mut out = [Within::NONE; L];
    let mut k = 0;
    let mut i = 0;
    while i < items.len() {
        let leaves = item_counts(items[i].as_bytes()).1;
        let mut j = 0;
        while j < leaves {
            out[k] = Within {
                item: i as u16,
                handler: j as u16,
            };
            k += 1;
            j += 1;
        }
        i += 1;
    }
    out
}
