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

    // Hash each label once, and group the edges by bucket (counting sort).
    let mut q = 0;
    while q < r {
        w.count[q] = 0;
        w.fill[q] = 0;
        q += 1;
    }
    let mut i = 0;
    while i < k {
        let h = hash::hash(b.edges[start + i].label);
        w.hashes[i] = h;
        w.count[(h >> bshift) as usize] += 1;
        i += 1;
    }
    let mut acc = 0u16;
    let mut largest = 0u16;
    let mut q = 0;
    while q < r {
        w.first[q] = acc;
        acc += w.count[q];
        if w.count[q] > largest {
            largest = w.count[q];
        }
        q += 1;
    }
    let mut i = 0;
    while i < k {
        let q = (w.hashes[i] >> bshift) as usize;
        let at = (w.first[q] + w.fill[q]) as usize;
        w.grouped[at] = b.edges[start + i];
        w.grouped_hashes[at] = w.hashes[i];
        w.fill[q] += 1;
        i += 1;
    }
    let mut i = 0;
    while i < k {
        b.edges[start + i] = w.grouped[i];
        i += 1;
    }

    let slot0 = b.n_slots;
    let disp0 = b.n_disps;
    let mut size = largest as usize;
    while size > 0 {
        let mut q = 0;
        while q < r {
            if w.count[q] as usize == size {
                let lo = w.first[q] as usize;
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
                    if place(
                        &mut b.slots,
                        &w.grouped_hashes,
                        lo,
                        size,
                        seed,
                        shift,
                        slot0,
                    ) {
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
    pub(super) hashes: [u64; N],
    pub(super) grouped: [Edge; N],
    pub(super) grouped_hashes: [u64; N],
}

/// Tries to put the edges `lo..lo + size` (their hashes in `hashes`) in
/// free, distinct slots under `seed`; on success the slots are taken.
const fn place<const S: usize, const N: usize>(
    slots: &mut [u16; S],
    hashes: &[u64; N],
    lo: usize,
    size: usize,
    seed: u64,
    shift: u8,
    slot0: usize,
) -> bool {
    let mut i = 0;
    while i < size {
        let s = hash::slot(hashes[lo + i], seed, shift);
        if slots[slot0 + s] != NONE {
            return false;
        }
        let mut j = 0;
        while j < i {
            if hash::slot(hashes[lo + j], seed, shift) == s {
                return false;
            }
            j += 1;
        }
        i += 1;
    }
    let mut i = 0;
    while i < size {
        slots[slot0 + hash::slot(hashes[lo + i], seed, shift)] = (lo + i) as u16;
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
