//! Perfect hashes by hash and displace: a key's bucket is the top bits of
//! its hash; its slot is the top bits of the hash times its bucket's odd
//! multiplier. Buckets are placed largest first, each with the first
//! multiplier that puts all its keys in free slots. Used for the static
//! children of a node and for the table of fully static paths.

use super::{hash, Edge, NONE};

/// Where a perfect hash landed: its shifts and how many slots and
/// multipliers it took.
#[derive(Clone, Copy, Debug)]
pub(super) struct Layout {
    /// `64 - log2(slot count)`.
    pub(super) shift: u8,
    /// `64 - log2(bucket count)`.
    pub(super) bucket_shift: u8,
    pub(super) slots: usize,
    pub(super) disps: usize,
    /// The one multiplier of a layout with one bucket (`bucket_shift` 64),
    /// which takes no room in `disps`; 0 otherwise.
    pub(super) seed: u64,
}

/// Work arrays of [`layout`], allocated once per build.
pub(super) struct Scratch<const N: usize> {
    pub(super) count: [u16; N],
    pub(super) first: [u16; N],
    pub(super) fill: [u16; N],
    /// The keys' hashes (input).
    pub(super) hashes: [u64; N],
    /// The keys in slot order (output): position `i` holds key `order[i]`.
    pub(super) order: [u16; N],
    pub(super) grouped_hashes: [u64; N],
    /// Room for the caller to permute its items.
    pub(super) grouped: [Edge; N],
}

impl<const N: usize> Scratch<N> {
    pub(super) const fn new() -> Self {
        Scratch {
            count: [0; N],
            first: [0; N],
            fill: [0; N],
            hashes: [0; N],
            order: [0; N],
            grouped_hashes: [0; N],
            grouped: [super::EMPTY_EDGE; N],
        }
    }
}

/// Lays out a perfect hash of the `k` hashes in `w.hashes`: the slots
/// `slots[slot0..]` hold positions in `w.order`, the multipliers go to
/// `disps[disp0..]`. `None` when two hashes are equal (no multiplier
/// separates them): the caller then compares linearly. With `mixed`, a
/// key's bucket is [`hash::bucket`]; without, the hashes are well mixed
/// already and the bucket is their top bits.
pub(super) const fn layout<const N: usize, const S: usize>(
    k: usize,
    w: &mut Scratch<N>,
    slots: &mut [u16; S],
    slot0: usize,
    disps: &mut [u64; N],
    disp0: usize,
    mixed: bool,
) -> Option<Layout> {
    let lk = ceil_log2(k);
    let bits = lk + 1;
    let rbits = if lk > 2 { lk - 1 } else { 1 };
    let m = 1usize << bits;
    let r = 1usize << rbits;
    let bucket_shift = (64 - rbits) as u8;
    let shift = (64 - bits) as u8;

    // Group the keys by bucket (counting sort).
    let mut q = 0;
    while q < r {
        w.count[q] = 0;
        w.fill[q] = 0;
        q += 1;
    }
    let mut i = 0;
    while i < k {
        w.count[bucket(w.hashes[i], bucket_shift, mixed)] += 1;
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
        let q = bucket(w.hashes[i], bucket_shift, mixed);
        let at = (w.first[q] + w.fill[q]) as usize;
        w.order[at] = i as u16;
        w.grouped_hashes[at] = w.hashes[i];
        w.fill[q] += 1;
        i += 1;
    }
    clear(slots, slot0, m);
    let mut size = largest as usize;
    while size > 0 {
        let mut q = 0;
        while q < r {
            if w.count[q] as usize == size {
                let lo = w.first[q] as usize;
                let mut t = 0u64;
                loop {
                    if t == 4096 {
                        return None;
                    }
                    let seed = hash::seed(t);
                    if place(slots, &w.grouped_hashes, lo, size, seed, shift, slot0) {
                        disps[disp0 + q] = seed;
                        break;
                    }
                    t += 1;
                }
            }
            q += 1;
        }
        size -= 1;
    }
    Some(Layout {
        shift,
        bucket_shift,
        slots: m,
        disps: r,
        seed: 0,
    })
}

/// Marks the `m` slots from `slot0` free.
const fn clear<const S: usize>(slots: &mut [u16; S], slot0: usize, m: usize) {
    let mut s = 0;
    while s < m {
        slots[slot0 + s] = NONE;
        s += 1;
    }
}

/// The bucket of `h` in a [`layout`].
const fn bucket(h: u64, bucket_shift: u8, mixed: bool) -> usize {
    if mixed {
        hash::bucket(h, bucket_shift)
    } else {
        (h >> bucket_shift) as usize
    }
}

/// Seeds tried per table size by [`single`].
const SINGLE_TRIES: u64 = 256;

/// Lays out the `k` hashes in `w.hashes` with one multiplier for all (one
/// bucket: `bucket_shift` 64), in two, four or eight times the next power
/// of two of `k` slots, if such a multiplier is found soon and the slots
/// fit in `slots`. The matcher then needs no bucket lookup, and the
/// multiplier is kept in the [`Layout`]. The keys keep their order: `w.order` is the
/// identity.
pub(super) const fn single<const N: usize, const S: usize>(
    k: usize,
    w: &mut Scratch<N>,
    slots: &mut [u16; S],
    slot0: usize,
) -> Option<Layout> {
    let mut i = 0;
    while i < k {
        w.order[i] = i as u16;
        w.grouped_hashes[i] = w.hashes[i];
        i += 1;
    }
    let mut bits = ceil_log2(k) + 1;
    while bits <= ceil_log2(k) + 3 {
        let m = 1usize << bits;
        if slot0 + m > S {
            return None;
        }
        // A random multiplier puts `k` keys in `m` slots without a
        // collision with odds of about e^(-k²/2m): try only sizes where
        // that is above 5 %, so the search ends in a few dozen tries.
        if k * k > 6 * m {
            bits += 1;
            continue;
        }
        let shift = (64 - bits) as u8;
        clear(slots, slot0, m);
        let mut t = 0;
        while t < SINGLE_TRIES {
            let seed = hash::seed(t);
            if place(slots, &w.grouped_hashes, 0, k, seed, shift, slot0) {
                return Some(Layout {
                    shift,
                    bucket_shift: 64,
                    slots: m,
                    disps: 0,
                    seed,
                });
            }
            t += 1;
        }
        bits += 1;
    }
    None
}

/// Tries to put the keys `lo..lo + size` (their hashes in `hashes`) in
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
        let s = slot0 + hash::slot(hashes[lo + i], seed, shift);
        if slots[s] != NONE {
            // Give back the slots this seed took.
            let mut j = 0;
            while j < i {
                slots[slot0 + hash::slot(hashes[lo + j], seed, shift)] = NONE;
                j += 1;
            }
            return false;
        }
        slots[s] = (lo + i) as u16;
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
