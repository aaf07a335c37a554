//! The per-node perfect hash of static children (hash and displace).

use super::build::Built;
use super::{hash, Edge, NONE};

/// Lays out a hash-and-displace perfect hash for node `n`'s static edges:
/// bucket = top bits of the hash; slot = top bits of hash × the bucket's
/// odd multiplier. Buckets are placed largest first. Falls back to a linear
/// scan (shift 0) when the hashes themselves collide.
pub(super) const fn perfect_hash<const P: usize, const N: usize, const S: usize>(
    b: &mut Built<P, N, S>,
    w: &mut Scratch<N>,
    n: usize,
) {
    let k = b.nodes[n].n_statics as usize;
    let start = b.nodes[n].statics as usize;
    let lk = ceil_log2(k);
    let bits = lk + 1;
    let rbits = if lk > 2 { lk - 1 } else { 1 };
    let m = 1usize << bits;
    let r = 1usize << rbits;
    let bshift = (64 - rbits) as u8;
    let shift = (64 - bits) as u8;

    // Group the edges by bucket (counting sort, stable).
    let count = &mut w.count;
    let first = &mut w.first;
    let fill = &mut w.fill;
    let grouped = &mut w.grouped;
    let mut q = 0;
    while q < r {
        count[q] = 0;
        fill[q] = 0;
        q += 1;
    }
    let mut i = 0;
    while i < k {
        let h = hash::hash(b.edges[start + i].label);
        count[(h >> bshift) as usize] += 1;
        i += 1;
    }
    // Bucket start offsets, then the grouped copy.
    let mut acc = 0u16;
    let mut q = 0;
    while q < r {
        first[q] = acc;
        acc += count[q];
        q += 1;
    }
    let mut i = 0;
    while i < k {
        let e = b.edges[start + i];
        let q = (hash::hash(e.label) >> bshift) as usize;
        grouped[(first[q] + fill[q]) as usize] = e;
        fill[q] += 1;
        i += 1;
    }
    let mut i = 0;
    while i < k {
        b.edges[start + i] = grouped[i];
        i += 1;
    }

    let slot0 = b.n_slots;
    let disp0 = b.n_disps;
    let mut size = k;
    while size > 0 {
        let mut q = 0;
        while q < r {
            if count[q] as usize == size {
                let lo = first[q] as usize;
                let mut t = 0u64;
                loop {
                    if t == 4096 {
                        // Only identical hashes get here: compare linearly.
                        let mut s = 0;
                        while s < m {
                            b.slots[slot0 + s] = NONE;
                            s += 1;
                        }
                        return;
                    }
                    let seed = hash::seed(t);
                    if place(b, start, lo, size, seed, shift, slot0) {
                        b.disps[disp0 + q] = seed;
                        break;
                    }
                    t += 1;
                }
            }
            q += 1;
        }
        size -= 1;
    }
    b.nodes[n].shift = shift;
    b.nodes[n].bshift = bshift;
    b.nodes[n].slots = slot0 as u32;
    b.nodes[n].disps = disp0 as u32;
    b.n_slots += m;
    b.n_disps += r;
}

/// Work arrays of [`perfect_hash`], allocated once per build.
pub(super) struct Scratch<const N: usize> {
    pub(super) count: [u16; N],
    pub(super) first: [u16; N],
    pub(super) fill: [u16; N],
    pub(super) grouped: [Edge; N],
}

/// Tries to put edges `lo..lo + size` (of the node at `start`) in free,
/// distinct slots under `seed`; on success the slots are taken.
const fn place<const P: usize, const N: usize, const S: usize>(
    b: &mut Built<P, N, S>,
    start: usize,
    lo: usize,
    size: usize,
    seed: u64,
    shift: u8,
    slot0: usize,
) -> bool {
    let mut i = 0;
    while i < size {
        let s = hash::slot(hash::hash(b.edges[start + lo + i].label), seed, shift);
        if b.slots[slot0 + s] != NONE {
            return false;
        }
        let mut j = 0;
        while j < i {
            if hash::slot(hash::hash(b.edges[start + lo + j].label), seed, shift) == s {
                return false;
            }
            j += 1;
        }
        i += 1;
    }
    let mut i = 0;
    while i < size {
        let s = hash::slot(hash::hash(b.edges[start + lo + i].label), seed, shift);
        b.slots[slot0 + s] = (lo + i) as u16;
        i += 1;
    }
    true
}

const fn ceil_log2(k: usize) -> u32 {
    let mut b = 0;
    while (1usize << b) < k {
        b += 1;
    }
    b
}

