//! The total order of patterns the builder sorts by: segment by segment,
//! most specific first, independent of declaration order.

use core::cmp::Ordering;

use super::build::{pat_seg, Pat};
use super::conflict::cmp_route_names;
use crate::bytes;
use crate::route::{Converter, RouteDef, Segment};

/// The number of segments `p` and `q` share from segment `from` on, up to
/// `lp`/`lq` in all.
pub(super) const fn common_prefix(
    routes: &[RouteDef],
    keys: &[u64],
    p: Pat,
    q: Pat,
    lp: usize,
    lq: usize,
    from: usize,
) -> usize {
    let n = if lp < lq { lp } else { lq };
    let mut i = from;
    while i < n {
        if !seg_order(routes, keys, p, q, i).is_eq() {
            return i - from;
        }
        i += 1;
    }
    n - from
}

/// The order key of a segment: its tier (2 bits), the first 7 bytes of a
/// static label, zero-padded (56 bits), and a lowest bit set when equal keys
/// do not prove equal segments. Keys order segments as [`cmp_seg`] does
/// wherever they differ, so most comparisons need no more than the keys.
pub(super) const fn seg_key(s: &Segment) -> u64 {
    let tier = (s.tier() as u64) << 62;
    match *s {
        Segment::Static(label) => {
            let b = label.as_bytes();
            let mut exact = b.len() <= 7;
            let mut k = 0u64;
            let mut i = 0;
            while i < 7 {
                let byte = if i < b.len() { b[i] } else { 0 };
                if i < b.len() && byte == 0 {
                    exact = false;
                }
                k = (k << 8) | byte as u64;
                i += 1;
            }
            tier | (k << 6) | (!exact as u64)
        }
        Segment::Param { conv, .. } => tier | ((conv_kind(&conv) as u64) << 54) | 1,
        Segment::CatchAll { .. } => tier,
    }
}

/// The order of segment `i` of `a` and `b`, by key first.
const fn seg_order(routes: &[RouteDef], keys: &[u64], a: Pat, b: Pat, i: usize) -> Ordering {
    let ka = keys[a.keys as usize + i];
    let kb = keys[b.keys as usize + i];
    if ka != kb {
        return if ka < kb {
            Ordering::Less
        } else {
            Ordering::Greater
        };
    }
    if ka & 1 == 0 {
        return Ordering::Equal;
    }
    cmp_seg(&pat_seg(routes, a, i), &pat_seg(routes, b, i))
}

/// Bottom-up merge sort of `order[..n]` by [`cmp_pat`].
pub(super) const fn sort<const P: usize>(
    routes: &[RouteDef],
    keys: &[u64],
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
            let hi = if lo + 2 * width < n {
                lo + 2 * width
            } else {
                n
            };
            let (mut i, mut j, mut k) = (lo, mid, lo);
            while i < mid && j < hi {
                let a = pats[order[i] as usize];
                let c = pats[order[j] as usize];
                // Most comparisons are settled by the first segment key that
                // differs; compare keys here, without a call (calls are what
                // const evaluation is slowest at), and fall back to
                // `cmp_pat` only when keys cannot settle it.
                let mut settled = 0u8; // 1: c first, 2: a first
                if !tiers_only {
                    let n = if a.len < c.len { a.len } else { c.len } as usize;
                    let mut s = 0;
                    while s < n {
                        let ka = keys[a.keys as usize + s];
                        let kc = keys[c.keys as usize + s];
                        if ka != kc {
                            settled = if kc < ka { 1 } else { 2 };
                            break;
                        }
                        if ka & 1 == 1 {
                            break;
                        }
                        s += 1;
                    }
                }
                let c_first = match settled {
                    1 => true,
                    2 => false,
                    _ => cmp_pat(routes, keys, c, a, tiers_only).is_lt(),
                };
                if c_first {
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
pub(super) const fn cmp_pat(
    routes: &[RouteDef],
    keys: &[u64],
    a: Pat,
    b: Pat,
    tiers_only: bool,
) -> Ordering {
    let (la, lb) = (a.len as usize, b.len as usize);
    let n = if la < lb { la } else { lb };
    let mut i = 0;
    while i < n {
        let c = if tiers_only {
            let ta = keys[a.keys as usize + i] >> 62;
            let tb = keys[b.keys as usize + i] >> 62;
            bytes::cmp_usize(ta as usize, tb as usize)
        } else {
            seg_order(routes, keys, a, b, i)
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
        (Converter::String { min: a0, max: a1 }, Converter::String { min: b0, max: b1 }) => chain(
            cmp_u128(a0 as u128, b0 as u128),
            cmp_u128(a1 as u128, b1 as u128),
        ),
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
            chain(
                cmp_u128(af as u128, bf as u128),
                cmp_u128(asg as u128, bsg as u128),
            ),
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
