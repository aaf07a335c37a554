//! The total order of patterns the builder sorts by: segment by segment,
//! most specific first, independent of declaration order.

use core::cmp::Ordering;

use super::conflict::cmp_route_names;
use super::pattern::{pat_seg, Pat};
use super::{hash, MAX_SEGMENTS, NONE};
use crate::bytes;
use crate::route::{Converter, RouteDef, Segment};

/// The number of segments `p` and `q` share from segment `from` on, up to
/// `lp`/`lq` in all.
pub(super) const fn common_prefix(
    routes: &[RouteDef],
    keys: &[u128],
    p: Pat,
    q: Pat,
    lp: usize,
    lq: usize,
    from: usize,
) -> usize {
    let n = if lp < lq { lp } else { lq };
    let mut i = from;
    while i < n {
        if !matches!(seg_order(routes, keys, p, q, i), Ordering::Equal) {
            return i - from;
        }
        i += 1;
    }
    n - from
}

/// The order key of a segment, 127 bits from the top: its tier (2 bits),
/// then what tells segments of that tier apart, and a lowest bit set when
/// equal keys do not prove equal segments. Keys order segments as
/// [`cmp_seg`] does wherever they differ, so that the sort and the tree
/// compare integers, not labels: const evaluation is slow at calls and
/// byte loops.
///
/// - A static label of up to 15 bytes is exact: its bytes, zero-padded
///   (120 bits), then its length (4 bits), which orders a label before
///   the longer ones it is a prefix of, as [`bytes::cmp`] does.
/// - A converter's kind (3 bits), then its arguments in [`cmp_conv`]'s
///   order: exact for `string`, `uuid`, and an `int` whose bounds are
///   small or the usual limits; `float` and `any` compare their arguments.
/// - A catch-all is its tier alone.
pub(super) const fn seg_key(s: &Segment) -> u128 {
    let tier = (s.tier() as u128) << 126;
    match *s {
        Segment::Static(label) => {
            let b = label.as_bytes();
            let n = b.len();
            // The first fifteen bytes, big-endian, zero-padded, in bits
            // 5..125: two words read without a loop (const evaluation pays
            // for every step of one), the second's last byte dropped.
            let first = u64::from_be_bytes(hash::load8(b, 0)) as u128;
            let second = if n > 8 {
                u64::from_be_bytes(hash::load8(b, 8)) as u128
            } else {
                0
            };
            let k = ((first << 56) | (second >> 8)) << 5;
            if n <= 15 {
                tier | k | ((n as u128) << 1)
            } else {
                tier | k | (15 << 1) | 1
            }
        }
        Segment::Param { conv, .. } => {
            let kind = tier | ((conv_kind(&conv) as u128) << 123);
            match conv {
                Converter::String { min, max } => {
                    kind | ((min as u128) << 91) | ((max as u128) << 59)
                }
                Converter::Int {
                    min,
                    max,
                    fixed_digits,
                    signed,
                } => {
                    // Fields in order; after an inexact one, nothing, so
                    // that a later field never decides against an earlier.
                    let (lo, lo_exact) = int_code(min);
                    if !lo_exact {
                        return kind | ((lo as u128) << 67) | 1;
                    }
                    let (hi, hi_exact) = int_code(max);
                    if !hi_exact {
                        return kind | ((lo as u128) << 67) | ((hi as u128) << 11) | 1;
                    }
                    kind | ((lo as u128) << 67)
                        | ((hi as u128) << 11)
                        | ((fixed_digits as u128) << 3)
                        | ((signed as u128) << 2)
                }
                Converter::Uuid => kind,
                Converter::Float { .. } | Converter::Any(_) | Converter::Class { .. } => kind | 1,
            }
        }
        Segment::CatchAll { .. } => tier,
    }
}

/// An `int` bound as 56 bits, in order: exact within ±2^53 and at the
/// usual limits (`i64::MIN`, `i64::MAX`, `u64::MAX`); any other value
/// shares an inexact code with its neighbours, distinct from every exact
/// code, so that equal codes are either the same bound or both inexact.
const fn int_code(v: i128) -> (u64, bool) {
    const SMALL: i128 = 1 << 53;
    const MID: u64 = 1 << 54;
    if v < i64::MIN as i128 {
        (0, false)
    } else if v == i64::MIN as i128 {
        (1, true)
    } else if v < -SMALL {
        (2, false)
    } else if v <= SMALL {
        ((v + SMALL) as u64 + 3, true)
    } else if v < i64::MAX as i128 {
        (MID + 4, false)
    } else if v == i64::MAX as i128 {
        (MID + 5, true)
    } else if v < u64::MAX as i128 {
        (MID + 6, false)
    } else if v == u64::MAX as i128 {
        (MID + 7, true)
    } else {
        (MID + 8, false)
    }
}

/// The order of segment `i` of `a` and `b`, by key first.
const fn seg_order(routes: &[RouteDef], keys: &[u128], a: Pat, b: Pat, i: usize) -> Ordering {
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

/// Bottom-up merge sort of `order[..n]` by [`cmp_pat`] on tiers alone:
/// the order of specificity ranks, for the exhaustive search.
pub(super) const fn sort_by_tiers<const P: usize>(
    routes: &[RouteDef],
    keys: &[u128],
    pats: &[Pat; P],
    order: &mut [u16; P],
    n: usize,
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
                if matches!(cmp_pat(routes, keys, c, a, true), Ordering::Less) {
                    tmp[k] = order[j];
                    j += 1;
                } else {
                    tmp[k] = order[i];
                    i += 1;
                }
                k += 1;
            }
            merge_rest(order, &mut tmp, i, mid, j, hi, k);
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

/// Sorts `order[..np]` by [`cmp_pat`], without comparing whole patterns: the
/// patterns go into a trie of their segments (a child found by hashing its
/// parent and key), each node's children are sorted by key, and a
/// depth-first walk lists the patterns, each node's own before those
/// below it. Comparing patterns costs const evaluation a loop over their
/// shared segments for each of `n log n` pairs; here each segment is
/// hashed once and only siblings are compared.
///
/// `nk` is the number of keys the patterns use; `S` must be at least
/// `4 * nk + 4` (the builder's slot bound is). `benches/ctfe-steps.sh`
/// counts the steps of each part.
pub(super) const fn sort_by_trie<const P: usize, const N: usize, const S: usize>(
    routes: &[RouteDef],
    keys: &[u128; N],
    pats: &[Pat; P],
    order: &mut [u16; P],
    np: usize,
    nk: usize,
) {
    let trie = insert_all::<P, N, S>(routes, keys, pats, np, nk);
    let kids = children(routes, pats, &trie);
    walk(&trie, &kids, order);
}

/// The trie of the patterns' segment keys. Node 0 is the root; node `t`
/// was made by segment `depth[t]` of pattern `pat[t]`, whose key is
/// `key[t]`, under node `parent[t]`.
struct Trie<const P: usize, const N: usize> {
    parent: [u16; N],
    key: [u128; N],
    pat: [u16; N],
    depth: [u8; N],
    /// The patterns ending at each node, sorted, linked through `next`.
    ends: [u16; N],
    next: [u16; P],
    nodes: usize,
}

/// Each trie node's children, sorted: `kids[first[t]..][..count[t]]`.
struct Children<const N: usize> {
    first: [u32; N],
    count: [u32; N],
    kids: [u16; N],
}

/// Puts the patterns into a trie: one node per distinct segment under the
/// same parent (found by open addressing over `(parent, key)`), and each
/// pattern into its last node's sorted list.
const fn insert_all<const P: usize, const N: usize, const S: usize>(
    routes: &[RouteDef],
    keys: &[u128; N],
    pats: &[Pat; P],
    np: usize,
    nk: usize,
) -> Trie<P, N> {
    let mut parent = [NONE; N];
    let mut key = [0u128; N];
    let mut pat = [0u16; N];
    let mut depth = [0u8; N];
    let mut ends = [NONE; N];
    let mut next = [NONE; P];
    let mut nodes = 1;
    // A power of two at least twice the number of nodes.
    let mut bits = 1;
    while (1usize << bits) < 2 * (nk + 1) {
        bits += 1;
    }
    let mask = (1usize << bits) - 1;
    let mut table = [NONE; S];
    let mut p = 0;
    while p < np {
        let pt = pats[p];
        let mut node = 0usize;
        let mut d = 0;
        while d < pt.len as usize {
            let i = pt.keys as usize + d;
            let k = keys[i];
            let x = (k ^ (k >> 64) ^ ((node as u128) << 21)) as u64;
            let mut h = ((x as u128 * 0x9e37_79b9_7f4a_7c15) >> 64) as usize & mask;
            loop {
                let t = table[h] as usize;
                if t == NONE as usize {
                    table[h] = nodes as u16;
                    parent[nodes] = node as u16;
                    key[nodes] = k;
                    pat[nodes] = p as u16;
                    depth[nodes] = d as u8;
                    node = nodes;
                    nodes += 1;
                    break;
                }
                if parent[t] as usize == node
                    && key[t] == k
                    && (k & 1 == 0
                        || matches!(
                            cmp_seg(
                                &pat_seg(routes, pats[pat[t] as usize], depth[t] as usize),
                                &pat_seg(routes, pt, d),
                            ),
                            Ordering::Equal
                        ))
                {
                    node = t;
                    break;
                }
                h = (h + 1) & mask;
            }
            d += 1;
        }
        // Into the node's sorted list, after its equals (as a stable sort).
        let mut prev = NONE as usize;
        let mut cur = ends[node] as usize;
        while cur != NONE as usize
            && !matches!(cmp_pat(routes, keys, pt, pats[cur], false), Ordering::Less)
        {
            prev = cur;
            cur = next[cur] as usize;
        }
        next[p] = cur as u16;
        if prev == NONE as usize {
            ends[node] = p as u16;
        } else {
            next[prev] = p as u16;
        }
        p += 1;
    }

    Trie {
        parent,
        key,
        pat,
        depth,
        ends,
        next,
        nodes,
    }
}

/// The children of each trie node, grouped by parent, then sorted by key.
const fn children<const P: usize, const N: usize>(
    routes: &[RouteDef],
    pats: &[Pat; P],
    trie: &Trie<P, N>,
) -> Children<N> {
    let (parent, nodes) = (&trie.parent, trie.nodes);
    let mut first = [0u32; N];
    let mut count = [0u32; N];
    let mut t = 1;
    while t < nodes {
        count[parent[t] as usize] += 1;
        t += 1;
    }
    let mut acc = 0;
    let mut t = 0;
    while t < nodes {
        first[t] = acc;
        acc += count[t];
        t += 1;
    }
    let mut kids = [0u16; N];
    let mut fill = [0u32; N];
    let mut t = 1;
    while t < nodes {
        let q = parent[t] as usize;
        kids[(first[q] + fill[q]) as usize] = t as u16;
        fill[q] += 1;
        t += 1;
    }
    let mut tmp = [0u16; N];
    let mut t = 0;
    while t < nodes {
        if count[t] > 1 {
            let lo = first[t] as usize;
            sort_kids(
                routes,
                pats,
                &trie.key,
                &trie.pat,
                &trie.depth,
                &mut kids,
                &mut tmp,
                lo,
                lo + count[t] as usize,
            );
        }
        t += 1;
    }

    Children { first, count, kids }
}

/// Lists the patterns depth first: a node's own patterns, then those of
/// its children in order.
const fn walk<const P: usize, const N: usize>(
    trie: &Trie<P, N>,
    kids: &Children<N>,
    order: &mut [u16; P],
) {
    let (ends, next) = (&trie.ends, &trie.next);
    let (first, count, kids) = (&kids.first, &kids.count, &kids.kids);
    let mut stack = [0u16; MAX_SEGMENTS + 2];
    let mut pos = [0u32; MAX_SEGMENTS + 2];
    let mut top = 0;
    let mut out = 0;
    loop {
        let node = stack[top] as usize;
        if pos[top] == 0 {
            let mut e = ends[node] as usize;
            while e != NONE as usize {
                order[out] = e as u16;
                out += 1;
                e = next[e] as usize;
            }
        }
        if pos[top] < count[node] {
            let child = kids[(first[node] + pos[top]) as usize];
            pos[top] += 1;
            top += 1;
            stack[top] = child;
            pos[top] = 0;
        } else if top == 0 {
            break;
        } else {
            top -= 1;
        }
    }
}

/// Bottom-up merge sort of the trie children `kids[lo..hi]` by key, and by
/// their segments where keys are equal (inexact).
#[allow(clippy::too_many_arguments)]
const fn sort_kids<const P: usize, const N: usize>(
    routes: &[RouteDef],
    pats: &[Pat; P],
    key: &[u128; N],
    pat: &[u16; N],
    depth: &[u8; N],
    kids: &mut [u16; N],
    tmp: &mut [u16; N],
    lo: usize,
    hi: usize,
) {
    let mut width = 1;
    while width < hi - lo {
        let mut a = lo;
        while a < hi {
            let mid = if a + width < hi { a + width } else { hi };
            let end = if a + 2 * width < hi {
                a + 2 * width
            } else {
                hi
            };
            let (mut i, mut j, mut k) = (a, mid, a);
            while i < mid && j < end {
                let (x, y) = (kids[i] as usize, kids[j] as usize);
                let (kx, ky) = (key[x], key[y]);
                let y_first = if kx != ky {
                    ky < kx
                } else {
                    matches!(
                        cmp_seg(
                            &pat_seg(routes, pats[pat[y] as usize], depth[y] as usize),
                            &pat_seg(routes, pats[pat[x] as usize], depth[x] as usize),
                        ),
                        Ordering::Less
                    )
                };
                if y_first {
                    tmp[k] = kids[j];
                    j += 1;
                } else {
                    tmp[k] = kids[i];
                    i += 1;
                }
                k += 1;
            }
            merge_rest(kids, tmp, i, mid, j, end, k);
            a = end;
        }
        let mut i = lo;
        while i < hi {
            kids[i] = tmp[i];
            i += 1;
        }
        width *= 2;
    }
}

/// The end of one merge of the bottom-up sorts: what is left of the runs
/// `src[i..mid]` and `src[j..end]` (one of them is empty by then), copied
/// in order to `dst` from `k` on.
const fn merge_rest(
    src: &[u16],
    dst: &mut [u16],
    mut i: usize,
    mid: usize,
    mut j: usize,
    end: usize,
    mut k: usize,
) {
    while i < mid {
        dst[k] = src[i];
        i += 1;
        k += 1;
    }
    while j < end {
        dst[k] = src[j];
        j += 1;
        k += 1;
    }
}

/// The order of patterns: segment by segment (by tier, then by key unless
/// `tiers_only`), shorter first; then, for a total order independent of
/// declaration, declared before twins, then by handler name and place.
pub(super) const fn cmp_pat(
    routes: &[RouteDef],
    keys: &[u128],
    a: Pat,
    b: Pat,
    tiers_only: bool,
) -> Ordering {
    let (la, lb) = (a.len as usize, b.len as usize);
    let n = if la < lb { la } else { lb };
    let mut i = 0;
    while i < n {
        let c = if tiers_only {
            let ta = keys[a.keys as usize + i] >> 126;
            let tb = keys[b.keys as usize + i] >> 126;
            bytes::cmp_usize(ta as usize, tb as usize)
        } else {
            seg_order(routes, keys, a, b, i)
        };
        if !matches!(c, Ordering::Equal) {
            return c;
        }
        i += 1;
    }
    let c = bytes::cmp_usize(la, lb);
    if !matches!(c, Ordering::Equal) || tiers_only {
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
    if !matches!(c, Ordering::Equal) {
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
        Converter::Class { .. } => 5,
    }
}

/// A total order of converters (equal means the same constraint).
const fn cmp_conv(a: &Converter, b: &Converter) -> Ordering {
    let c = bytes::cmp_usize(conv_kind(a), conv_kind(b));
    if !matches!(c, Ordering::Equal) {
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
        ) => chain(
            cmp_u128(a, b),
            chain(
                cmp_u128(a0 as u128, b0 as u128),
                cmp_u128(a1 as u128, b1 as u128),
            ),
        ),
        (Converter::Any(x), Converter::Any(y)) => {
            let c = bytes::cmp_usize(x.len(), y.len());
            if !matches!(c, Ordering::Equal) {
                return c;
            }
            let mut i = 0;
            let n_x = x.len();
            while i < n_x {
                let c = bytes::cmp(x[i].as_bytes(), y[i].as_bytes());
                if !matches!(c, Ordering::Equal) {
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
    if matches!(a, Ordering::Equal) {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Segments whose keys sit at every edge of the encoding: labels
    /// around 15 bytes, sharing prefixes, holding NUL and high bytes; `int`
    /// bounds at each code boundary; every converter kind.
    fn samples() -> Vec<Segment> {
        let labels: &[&'static str] = &[
            "",
            "a",
            "a\0",
            "a\0\0",
            "ab",
            "b",
            "\u{7f}",
            "ÿ",
            "users",
            "user",
            "abcdefghijklmn",
            "abcdefghijklmno",
            "abcdefghijklmnp",
            "abcdefghijklmno\0",
            "abcdefghijklmnoa",
            "abcdefghijklmnob",
            "abcdefghijklmnoab",
            "abcdefghijklmno_longer",
            "abcdefghijklmnn_longer",
        ];
        let mut out: Vec<Segment> = labels.iter().map(|l| Segment::Static(l)).collect();
        let small = 1i128 << 53;
        let bounds = [
            i128::MIN,
            i64::MIN as i128 - 1,
            i64::MIN as i128,
            i64::MIN as i128 + 1,
            -small - 1,
            -small,
            -1,
            0,
            7,
            small,
            small + 1,
            i64::MAX as i128 - 1,
            i64::MAX as i128,
            i64::MAX as i128 + 1,
            u64::MAX as i128 - 1,
            u64::MAX as i128,
            u64::MAX as i128 + 1,
            i128::MAX,
        ];
        for &min in &bounds {
            for &max in &[0, 9, small + 1, i64::MAX as i128, u64::MAX as i128] {
                for &(fixed_digits, signed) in &[(0u8, false), (0, true), (3, false)] {
                    out.push(Segment::Param {
                        name: "i",
                        conv: Converter::Int {
                            min,
                            max,
                            fixed_digits,
                            signed,
                        },
                    });
                }
            }
        }
        for &(min, max) in &[(1, u32::MAX), (2, u32::MAX), (1, 5), (5, 5), (0, 0)] {
            out.push(Segment::Param {
                name: "s",
                conv: Converter::String { min, max },
            });
        }
        for &(min, max) in &[(0.0, 1.0), (f64::NEG_INFINITY, f64::INFINITY), (-1.0, 1.0)] {
            out.push(Segment::Param {
                name: "f",
                conv: Converter::Float {
                    min,
                    max,
                    signed: true,
                },
            });
        }
        out.push(Segment::Param {
            name: "u",
            conv: Converter::Uuid,
        });
        for words in [&["a", "b"][..], &["a"][..], &["b"][..]] {
            out.push(Segment::Param {
                name: "w",
                conv: Converter::Any(words),
            });
        }
        for (chars, min, max) in [
            (1u128 << b'a', 1, 3),
            (1 << b'a' | 1 << b'b', 1, 3),
            (1 << b'a', 2, 3),
        ] {
            out.push(Segment::Param {
                name: "c",
                conv: Converter::Class { chars, min, max },
            });
        }
        out.push(Segment::CatchAll { name: "rest" });
        out
    }

    #[test]
    fn keys_order_segments_as_the_comparison_does() {
        let all = samples();
        for a in &all {
            for b in &all {
                let (ka, kb) = (seg_key(a), seg_key(b));
                let by_cmp = cmp_seg(a, b);
                if ka != kb {
                    assert_eq!(ka.cmp(&kb), by_cmp, "{a:?} vs {b:?}");
                } else if ka & 1 == 0 {
                    assert!(by_cmp.is_eq(), "equal exact keys for {a:?} and {b:?}");
                }
            }
        }
    }

    #[test]
    fn common_segments_have_exact_keys() {
        for s in [
            Segment::Static("abcdefghijklmno"),
            Segment::Param {
                name: "id",
                conv: Converter::PLAIN,
            },
            Segment::Param {
                name: "id",
                conv: Converter::INT,
            },
            Segment::Param {
                name: "id",
                conv: Converter::int(None, None, 0, true),
            },
            Segment::Param {
                name: "id",
                conv: Converter::Uuid,
            },
        ] {
            assert_eq!(seg_key(&s) & 1, 0, "{s:?}");
        }
    }
}
