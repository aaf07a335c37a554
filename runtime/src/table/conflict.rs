//! Conflict detection: two routes that match the same requests with the
//! same specificity are a compile error naming both.

use core::cmp::Ordering;

use super::built::Built;
use super::NONE;
use crate::bytes::{self, Msg};
use crate::route::method::Methods;
use crate::route::{Converter, RouteDef};

/// Two routes that match the same requests for `method`.
#[derive(Clone, Copy)]
pub(super) struct Clash {
    pub(super) a: u16,
    pub(super) b: u16,
    pub(super) method: Methods,
}

/// The compile error for a clash, naming the routes in a fixed order so the
/// message does not depend on declaration order.
pub(super) const fn clash_message(routes: &[RouteDef], c: Clash) -> Msg {
    let (a, b) = (c.a as usize, c.b as usize);
    let m = c.method;
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
        .push_place(&routes[a])
        .push(") and `")
        .push(method)
        .push(" ")
        .push(routes[b].path)
        .push("` (")
        .push(routes[b].handler)
        .push_place(&routes[b])
        .push(") match the same requests")
}

pub(super) const fn cmp_route_names(a: &RouteDef, b: &RouteDef) -> Ordering {
    let c = bytes::cmp(a.handler.as_bytes(), b.handler.as_bytes());
    if !matches!(c, Ordering::Equal) {
        return c;
    }
    let c = bytes::cmp(a.path.as_bytes(), b.path.as_bytes());
    if !matches!(c, Ordering::Equal) {
        return c;
    }
    let c = bytes::cmp(a.file.as_bytes(), b.file.as_bytes());
    if !matches!(c, Ordering::Equal) {
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
pub(super) const fn conflict_walk<const P: usize, const N: usize, const S: usize>(
    b: &Built<P, N, S>,
    x: usize,
    y: usize,
) -> Option<Clash> {
    let nx = b.nodes[x];
    let ny = b.nodes[y];
    if let Some(c) = end_clash(b, nx.end, ny.end) {
        return Some(c);
    }
    if let Some(c) = end_clash(b, nx.catch_all, ny.catch_all) {
        return Some(c);
    }
    let mut i = 0;
    while i < nx.n_statics as usize {
        let ex = b.edges[nx.statics as usize + i];
        let mut j = 0;
        while j < ny.n_statics as usize {
            let ey = b.edges[ny.statics as usize + j];
            if bytes::eq(ex.label, ey.label) {
                if let Some(c) = conflict_walk(b, ex.child as usize, ey.child as usize) {
                    return Some(c);
                }
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
                if let Some(c) = conflict_walk(b, px.child as usize, py.child as usize) {
                    return Some(c);
                }
            }
            j += 1;
        }
        i += 1;
    }
    None
}

pub(super) const fn end_clash<const P: usize, const N: usize, const S: usize>(
    b: &Built<P, N, S>,
    x: u16,
    y: u16,
) -> Option<Clash> {
    if x == NONE || y == NONE {
        return None;
    }
    let ex = b.ends[x as usize];
    let ey = b.ends[y as usize];
    let common = ex.declared.intersection(ey.declared);
    if common.is_empty() {
        return None;
    }
    let bit = common.bits().trailing_zeros() as usize;
    Some(Clash {
        a: ex.routes[bit],
        b: ey.routes[bit],
        method: Methods::from_bits(1 << bit),
    })
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
            let n_words = words.len();
            while i < n_words {
                if !matches!(
                    crate::route::convert::accepts(&other, words[i].as_bytes(), false),
                    Some(false)
                ) {
                    return true;
                }
                i += 1;
            }
            false
        }
        (
            Converter::Class {
                chars: a,
                min: a0,
                max: a1,
            },
            Converter::Class {
                chars: b,
                min: b0,
                max: b1,
            },
        ) => a & b != 0 && max_u32(a0, b0) <= min_u32(a1, b1),
        (Converter::Class { chars, min, max }, other)
        | (other, Converter::Class { chars, min, max }) => {
            super::class::meets(chars, min, max, &other)
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
