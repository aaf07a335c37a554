//! Reading an item: numbers and texts, a handler's header, its routes and
//! their segments, and what `url_for!` and the handler glue ask of one
//! handler's routes.
//!
//! These are `const fn`s: `routes!` runs them while the crate compiles.
//! Const evaluation pays for every call and every statement (about ten
//! thousand instructions a call), so the readers take and return plain
//! indices and tuples, and the common one-byte number is read inline.

use super::{unzigzag, BLUEPRINT, CATCH_ALL, HANDLER, LAST, MORE, PARAM, STATIC};
use crate::bytes::{self, Msg};

/// Reads the number at `$b[$i]`, moving `$i` past it: [`num`] written
/// inline for numbers of one or two digits (up to 1023), for the check's
/// loops (a call costs const evaluation more than the reading).
macro_rules! read_num {
    ($b:expr, $i:ident) => {{
        let c = $b[$i];
        $i += 1;
        if c < $crate::item::MORE {
            (c & 31) as usize
        } else {
            let d = $b[$i];
            $i += 1;
            if d < $crate::item::MORE {
                ((c & 31) as usize) << 5 | (d & 31) as usize
            } else {
                let (v, next) = $crate::item::read::num($b, $i - 2);
                $i = next;
                v
            }
        }
    }};
}
pub(crate) use read_num;

/// The number at `b[i..]` and the index after it.
pub(crate) const fn num(b: &[u8], i: usize) -> (usize, usize) {
    let c = b[i];
    if c < MORE {
        return ((c & 31) as usize, i + 1);
    }
    let (v, next) = wide(b, i);
    (v as usize, next)
}

/// The number at `b[i..]`, up to 128 bits, and the index after it.
pub(crate) const fn wide(b: &[u8], mut i: usize) -> (u128, usize) {
    let mut v: u128 = 0;
    loop {
        let c = b[i];
        i += 1;
        if c >= MORE {
            v = (v << 5) | (c & 31) as u128;
        } else {
            return ((v << 5) | (c & 31) as u128, i);
        }
    }
}

/// The text at `b[i..]`: where its bytes start and end (the end is where
/// the next field starts).
pub(crate) const fn text(b: &[u8], mut i: usize) -> (usize, usize) {
    let len = read_num!(b, i);
    (i, i + len)
}

/// `b[start..end]`.
pub(crate) const fn sub(b: &[u8], start: usize, end: usize) -> &[u8] {
    let (_, rest) = b.split_at(start);
    rest.split_at(end - start).0
}

/// `s[start..end]`, on character boundaries (the format's texts are whole
/// strings).
pub(crate) const fn sub_str(s: &str, start: usize, end: usize) -> &str {
    super::slice::sub_str(s, start, end)
}

/// A handler's header: its route count, its parameter arguments, where
/// the places and the names start, and where its first route starts.
#[derive(Clone, Copy)]
pub(crate) struct Handler {
    pub(crate) routes: usize,
    pub(crate) args: usize,
    pub(crate) places: usize,
    pub(crate) names: usize,
    pub(crate) first_route: usize,
}

/// The header of the handler whose item starts at `b[i]`.
pub(crate) const fn handler(b: &[u8], i: usize) -> Handler {
    if b[i] != HANDLER {
        panic!("flaxum: not a handler's item");
    }
    let mut i = i + 1;
    let routes = read_num!(b, i);
    let skip = read_num!(b, i);
    let first_route = i + skip;
    let args = read_num!(b, i);
    let _segments = read_num!(b, i);
    let places = i;
    Handler {
        routes,
        args,
        places,
        names: places + routes * args,
        first_route,
    }
}

/// The first fields of a route: its methods, flags, segment count, and
/// where its first segment starts.
pub(crate) const fn route_head(b: &[u8], mut i: usize) -> (u16, u8, usize, usize) {
    let _len = read_num!(b, i);
    let methods = read_num!(b, i);
    let flags = b[i] & 31;
    i += 1;
    let count = read_num!(b, i);
    let _segments = read_num!(b, i);
    (methods as u16, flags, count, i)
}

/// Where the tail of the route that starts at `b[i]` starts (its path),
/// read from the segments' length.
pub(crate) const fn tail_at(b: &[u8], mut i: usize) -> usize {
    let _len = read_num!(b, i);
    let _methods = read_num!(b, i);
    i += 1;
    let _count = read_num!(b, i);
    let segments = read_num!(b, i);
    i + segments
}

/// The fields after a route's segments, which start at `b[i]`: the
/// ranges of its path, handler, middleware and file, its line and
/// column.
#[derive(Clone, Copy)]
pub(crate) struct Tail {
    pub(crate) path: (usize, usize),
    pub(crate) handler: (usize, usize),
    pub(crate) middleware: (usize, usize),
    pub(crate) file: (usize, usize),
    pub(crate) line: usize,
    pub(crate) column: usize,
}

/// The tail of a route whose segments end at `b[i]`.
pub(crate) const fn route_tail(b: &[u8], mut i: usize) -> Tail {
    let n = read_num!(b, i);
    let path = (i, i + n);
    i += n;
    let n = read_num!(b, i);
    let handler = (i, i + n);
    i += n;
    let n = read_num!(b, i);
    let middleware = (i, i + n);
    i += n;
    let n = read_num!(b, i);
    let file = (i, i + n);
    i += n;
    let line = read_num!(b, i);
    let column = num(b, i).0;
    Tail {
        path,
        handler,
        middleware,
        file,
        line,
        column,
    }
}

/// Where the segment that starts at `b[i]` ends.
pub(crate) const fn skip_segment(b: &[u8], i: usize) -> usize {
    match b[i] {
        STATIC | CATCH_ALL => text(b, i + 1).1,
        PARAM => text(b, skip_conv(b, i + 1)).1,
        _ => panic!("flaxum: not a segment"),
    }
}

/// Where the route that starts at `b[i]` ends.
pub(crate) const fn skip_route(b: &[u8], i: usize) -> usize {
    let mut at = i;
    let len = read_num!(b, at);
    at + len
}

/// A blueprint's header: its counts and its mount's fields.
#[derive(Clone, Copy)]
pub(crate) struct Blueprint {
    pub(crate) items: usize,
    pub(crate) routes: usize,
    pub(crate) mount: Mount,
    /// Where the first item starts.
    pub(crate) first_item: usize,
}

/// A mount: a blueprint's (or the app's) name, URL prefix and middleware.
#[derive(Clone, Copy)]
pub(crate) struct Mount {
    /// Where the mount starts.
    pub(crate) start: usize,
    pub(crate) name: (usize, usize),
    pub(crate) prefix: (usize, usize),
    pub(crate) spelled: bool,
    pub(crate) labels: usize,
    /// Where the first label starts.
    pub(crate) first_label: usize,
    pub(crate) middleware: (usize, usize),
    /// Where the mount ends.
    pub(crate) end: usize,
}

/// The mount that starts at `b[i]`.
pub(crate) const fn mount(b: &[u8], i: usize) -> Mount {
    let name = text(b, i);
    let prefix = text(b, name.1);
    let spelled = b[prefix.1] & 31 != 0;
    let (labels, first_label) = num(b, prefix.1 + 1);
    let mut at = first_label;
    let mut k = 0;
    while k < labels {
        at = text(b, at).1;
        k += 1;
    }
    let middleware = text(b, at);
    Mount {
        start: i,
        name,
        prefix,
        spelled,
        labels,
        first_label,
        middleware,
        end: middleware.1,
    }
}

/// The header of the blueprint whose item starts at `b[i]`.
pub(crate) const fn blueprint(b: &[u8], i: usize) -> Blueprint {
    if b[i] != BLUEPRINT {
        panic!("flaxum: not a blueprint's item");
    }
    let mut i = i + 1;
    let items = read_num!(b, i);
    let _leaves = read_num!(b, i);
    let routes = read_num!(b, i);
    let _segments = read_num!(b, i);
    let mount = mount(b, i);
    Blueprint {
        items,
        routes,
        mount,
        first_item: mount.end,
    }
}

/// An item's counts, read from its first bytes: routes, handlers and
/// segments (a blueprint's prefix counted once per route).
pub(crate) const fn item_counts(b: &[u8]) -> (usize, usize, usize) {
    let mut i = 1;
    if b[0] == HANDLER {
        let routes = read_num!(b, i);
        let _skip = read_num!(b, i);
        let _args = read_num!(b, i);
        (routes, 1, num(b, i).0)
    } else {
        let _items = read_num!(b, i);
        let leaves = read_num!(b, i);
        let routes = read_num!(b, i);
        (routes, leaves, num(b, i).0)
    }
}

/// The handlers of `items`.
///
/// ```
/// assert_eq!(flaxum::__private::leaf_count(&["H@B@@", "H@B@@"]), 2);
/// ```
pub const fn leaf_count(items: &[&str]) -> usize {
    let mut n = 0;
    let mut i = 0;
    while i < items.len() {
        n += item_counts(items[i].as_bytes()).1;
        i += 1;
    }
    n
}

/// A converter's value, read from the format: `kind` is `b's'`, `b'i'`,
/// `b'f'`, `b'u'` or `b'a'` (shorthands are expanded), `lo`/`hi` hold the
/// bounds (zigzag for `int`, bits for `float`), and an `any` its words'
/// count and where they start.
#[derive(Clone, Copy)]
pub(crate) struct Conv {
    pub(crate) kind: u8,
    pub(crate) lo: u128,
    pub(crate) hi: u128,
    pub(crate) fixed: u8,
    pub(crate) signed: bool,
    pub(crate) words: usize,
    pub(crate) first_word: usize,
}

const fn conv_of(kind: u8, lo: u128, hi: u128) -> Conv {
    Conv {
        kind,
        lo,
        hi,
        fixed: 0,
        signed: false,
        words: 0,
        first_word: 0,
    }
}

/// The converter that starts at `b[i]`, and the index after it.
pub(crate) const fn conv(b: &[u8], i: usize) -> (Conv, usize) {
    match b[i] {
        b'p' => (conv_of(b's', 1, u32::MAX as u128), i + 1),
        b'I' => (conv_of(b'i', 0, super::zigzag(u64::MAX as i128)), i + 1),
        b'F' => (
            conv_of(
                b'f',
                f64::NEG_INFINITY.to_bits() as u128,
                f64::INFINITY.to_bits() as u128,
            ),
            i + 1,
        ),
        b'u' => (conv_of(b'u', 0, 0), i + 1),
        b's' => {
            let (lo, i) = wide(b, i + 1);
            let (hi, i) = wide(b, i);
            (conv_of(b's', lo, hi), i)
        }
        b'i' => {
            let (lo, i) = wide(b, i + 1);
            let (hi, i) = wide(b, i);
            let (fixed, i) = num(b, i);
            let mut c = conv_of(b'i', lo, hi);
            c.fixed = fixed as u8;
            c.signed = b[i] != LAST;
            (c, i + 1)
        }
        b'f' => {
            let (lo, i) = wide(b, i + 1);
            let (hi, i) = wide(b, i);
            let mut c = conv_of(b'f', lo, hi);
            c.signed = b[i] != LAST;
            (c, i + 1)
        }
        b'k' => {
            let (chars, i) = wide(b, i + 1);
            let (min, i) = num(b, i);
            let (max, i) = num(b, i);
            (conv_of(b'k', chars, (min as u128) << 32 | max as u128), i)
        }
        b'a' => {
            let (words, first) = num(b, i + 1);
            let mut at = first;
            let mut k = 0;
            while k < words {
                at = text(b, at).1;
                k += 1;
            }
            let mut c = conv_of(b'a', 0, 0);
            c.words = words;
            c.first_word = first;
            (c, at)
        }
        _ => panic!("flaxum: not a converter"),
    }
}

/// Where the converter that starts at `b[i]` ends.
pub(crate) const fn skip_conv(b: &[u8], i: usize) -> usize {
    conv(b, i).1
}

impl Conv {
    /// The specificity tier (`Segment::tier`): 1 for a constrained
    /// converter, 2 for `string`.
    pub(crate) const fn tier(&self) -> u8 {
        if self.kind == b's' {
            2
        } else {
            1
        }
    }

    /// The runtime's converter; an `any`'s words are `words`.
    pub(crate) const fn converter(
        &self,
        words: &'static [&'static str],
    ) -> crate::route::Converter {
        use crate::route::Converter;
        match self.kind {
            b's' => Converter::String {
                min: self.lo as u32,
                max: self.hi as u32,
            },
            b'i' => Converter::Int {
                min: unzigzag(self.lo),
                max: unzigzag(self.hi),
                fixed_digits: self.fixed,
                signed: self.signed,
            },
            b'f' => Converter::Float {
                min: f64::from_bits(self.lo as u64),
                max: f64::from_bits(self.hi as u64),
                signed: self.signed,
            },
            b'u' => Converter::Uuid,
            b'k' => Converter::Class {
                chars: self.lo,
                min: (self.hi >> 32) as u32,
                max: self.hi as u32,
            },
            _ => Converter::Any(words),
        }
    }
}

/// Where the item that starts at `b[i]` ends.
pub(crate) const fn skip_item(b: &[u8], i: usize) -> usize {
    if b[i] == HANDLER {
        let h = handler(b, i);
        let mut at = h.first_route;
        let mut r = 0;
        while r < h.routes {
            at = skip_route(b, at);
            r += 1;
        }
        at
    } else {
        let bp = blueprint(b, i);
        let mut at = bp.first_item;
        let mut k = 0;
        while k < bp.items {
            at = skip_item(b, at);
            k += 1;
        }
        at
    }
}

/// Where argument `k`'s parameter is in route `def` of the handler whose
/// item is `item`: its index among the route's parameters, and whether it
/// is the catch-all. What the glue reads for every parameter of every
/// request, so it reads the common one-byte counts directly.
#[inline]
pub(crate) fn place_of(item: &str, def: usize, k: usize) -> (usize, bool) {
    let b = item.as_bytes();
    let (args, places) = match b {
        [HANDLER, r, k, a, s, ..] if *r < MORE && *k < MORE && *a < MORE && *s < MORE => {
            ((a & 31) as usize, 5)
        }
        _ => {
            let h = handler(b, 0);
            (h.args, h.places)
        }
    };
    let p = match b.get(places + def * args + k) {
        Some(&p) => (p & 31) as usize,
        None => 0,
    };
    (p & 15, p & 16 != 0)
}

/// The name of the handler's parameter argument `k`, for messages.
pub(crate) fn param_name(item: &'static str, k: usize) -> &'static str {
    let b = item.as_bytes();
    let h = handler(b, 0);
    let mut at = h.names;
    let mut i = 0;
    while i < h.args {
        let (start, end) = text(b, at);
        if i == k {
            return item.get(start..end).unwrap_or("");
        }
        at = end;
        i += 1;
    }
    ""
}

/// The index of handler argument `name` among the handler's parameter
/// arguments, or [`NOT_A_PARAM`](crate::url::NOT_A_PARAM) when it is not
/// one (a query value): `url_for!` checks the value's type by it.
pub const fn url_arg(item: &str, name: &str) -> usize {
    let b = item.as_bytes();
    let h = handler(b, 0);
    let mut at = h.names;
    let mut k = 0;
    while k < h.args {
        let (start, end) = text(b, at);
        if bytes::eq(sub(b, start, end), name.as_bytes()) {
            return k;
        }
        at = end;
        k += 1;
    }
    crate::url::NOT_A_PARAM
}

/// Where route `def` of the handler whose item is `b` starts.
const fn route_start(b: &[u8], def: usize) -> usize {
    let h = handler(b, 0);
    let mut at = h.first_route;
    let mut r = 0;
    while r < def {
        at = skip_route(b, at);
        r += 1;
    }
    at
}

/// The first parameter of the route at `b[i]` that `given` has no value
/// for.
const fn missing(b: &[u8], i: usize, given: &[&str]) -> Option<(usize, usize)> {
    let (_, _, count, mut at) = route_head(b, i);
    let mut s = 0;
    while s < count {
        let name = match b[at] {
            STATIC => None,
            CATCH_ALL => Some(text(b, at + 1)),
            _ => Some(text(b, skip_conv(b, at + 1))),
        };
        if let Some((start, end)) = name {
            if !contains(given, sub(b, start, end)) {
                return Some((start, end));
            }
        }
        at = skip_segment(b, at);
        s += 1;
    }
    None
}

const fn contains(list: &[&str], name: &[u8]) -> bool {
    let mut i = 0;
    while i < list.len() {
        if bytes::eq(list[i].as_bytes(), name) {
            return true;
        }
        i += 1;
    }
    false
}

/// Whether some route of the handler has a parameter `name`.
const fn has_param(b: &[u8], name: &[u8]) -> bool {
    let h = handler(b, 0);
    let mut at = h.names;
    let mut k = 0;
    while k < h.args {
        let (start, end) = text(b, at);
        if bytes::eq(sub(b, start, end), name) {
            return true;
        }
        at = end;
        k += 1;
    }
    false
}

/// The route of a handler that Flask's `url_for` would pick: the first
/// registered whose parameters are all among `given`. Flask registers
/// stacked decorators from the bottom up, so the search starts at the
/// last route attribute. A compile error (through const evaluation) when
/// no route fits.
pub const fn url_route(item: &str, given: &[&str], handler_name: &str) -> usize {
    let b = item.as_bytes();
    let routes = handler(b, 0).routes;
    let mut msg = Msg::new().push("url_for!(").push(handler_name).push(")");
    if routes == 0 {
        msg = msg
            .push(": `")
            .push(handler_name)
            .push("` has no route (is it a route handler whose attribute compiled?)");
        panic!("{}", msg.as_str());
    }
    let mut d = routes;
    while d > 0 {
        d -= 1;
        if missing(b, route_start(b, d), given).is_none() {
            return d;
        }
    }
    let last = route_start(b, routes - 1);
    let name = match missing(b, last, given) {
        Some((start, end)) => sub_str(item, start, end),
        None => "",
    };
    let path = route_tail(b, tail_at(b, last)).path;
    msg = msg
        .push(": missing value for parameter `")
        .push(name)
        .push("` of route `")
        .push(sub_str(item, path.0, path.1))
        .push("`");
    let mut unknown = 0;
    let mut j = 0;
    while j < given.len() {
        if !has_param(b, given[j].as_bytes()) {
            msg = msg
                .push(if unknown == 0 { " (`" } else { ", `" })
                .push(given[j])
                .push("`");
            unknown += 1;
        }
        j += 1;
    }
    if unknown > 0 {
        msg = msg.push(if unknown == 1 {
            " is not one of its parameters; it would go to the query string)"
        } else {
            " are not among its parameters; they would go to the query string)"
        });
    }
    panic!("{}", msg.as_str());
}

/// One piece of a route's path, as `url_for!` writes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UrlPiece {
    /// Static text, canonical.
    Static(&'static str),
    /// A parameter: its name, and the digits an `int(fixed_digits=…)`
    /// pads to (0 for none).
    Param(&'static str, u8),
    /// The catch-all.
    CatchAll(&'static str),
}

/// One route of a handler, read from its item at run time (`url_for!`).
#[derive(Clone, Copy, Debug)]
pub struct ItemRoute {
    item: &'static str,
    /// Where its first segment starts, and how many it has.
    segs: usize,
    count: usize,
}

impl ItemRoute {
    /// Route `def` of the handler whose item is `item`.
    pub fn new(item: &'static str, def: usize) -> Self {
        let b = item.as_bytes();
        let (_, _, count, segs) = route_head(b, route_start(b, def));
        ItemRoute { item, segs, count }
    }

    /// The route's pieces, in order.
    pub fn pieces(&self) -> impl Iterator<Item = UrlPiece> + '_ {
        let b = self.item.as_bytes();
        let mut at = self.segs;
        (0..self.count).map(move |_| {
            let here = at;
            at = skip_segment(b, at);
            let text_at = |i: usize| {
                let (start, end) = text(b, i);
                self.item.get(start..end).unwrap_or("")
            };
            match b[here] {
                STATIC => UrlPiece::Static(text_at(here + 1)),
                CATCH_ALL => UrlPiece::CatchAll(text_at(here + 1)),
                _ => {
                    let (c, name_at) = conv(b, here + 1);
                    UrlPiece::Param(text_at(name_at), if c.kind == b'i' { c.fixed } else { 0 })
                }
            }
        })
    }

    /// Whether the route has a parameter `name`.
    pub fn has_param(&self, name: &str) -> bool {
        self.pieces().any(|p| match p {
            UrlPiece::Param(n, _) | UrlPiece::CatchAll(n) => n == name,
            UrlPiece::Static(_) => false,
        })
    }
}
