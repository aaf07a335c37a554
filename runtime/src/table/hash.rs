//! The segment hash behind the perfect-hash slots. One `const fn` serves the
//! builder (inside the compiler) and the matcher (at run time), so both see
//! the same hash by construction.

/// The multiplier of the word mix (the FxHash constant).
const K: u64 = 0x517c_c1b7_2722_0a95;

#[inline(always)]
const fn mix(h: u64, w: u64) -> u64 {
    (h.rotate_left(5) ^ w).wrapping_mul(K)
}

/// A fast hash of a byte string, eight bytes at a time. The length seeds
/// the state, so strings that differ only by trailing zero bytes differ.
#[inline]
pub(crate) const fn hash(bytes: &[u8]) -> u64 {
    let mut h = mix(0, bytes.len() as u64);
    let mut rest = bytes;
    while let Some((w, tail)) = rest.split_first_chunk::<8>() {
        h = mix(h, u64::from_le_bytes(*w));
        rest = tail;
    }
    if let Some((w, tail)) = rest.split_first_chunk::<4>() {
        h = mix(h, u32::from_le_bytes(*w) as u64);
        rest = tail;
    }
    if let Some((w, tail)) = rest.split_first_chunk::<2>() {
        h = mix(h, u16::from_le_bytes(*w) as u64);
        rest = tail;
    }
    if let [b] = rest {
        h = mix(h, *b as u64);
    }
    h
}

/// The slot of hash `h` in a table of `64 - shift` bits under `seed`
/// (multiply-shift: the high bits of an odd multiple).
#[inline(always)]
pub(crate) const fn slot(h: u64, seed: u64, shift: u8) -> usize {
    (h.wrapping_mul(seed) >> shift) as usize
}

/// The `n`-th candidate seed: odd, well spread (SplitMix64 of `n`).
pub(crate) const fn seed(n: u64) -> u64 {
    let mut z = n.wrapping_add(1).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    (z ^ (z >> 31)) | 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_sees_length_and_every_byte() {
        assert_ne!(hash(b"a"), hash(b"a\0"));
        assert_ne!(hash(b""), hash(b"\0"));
        let base = hash(b"repositories");
        for i in 0..12 {
            let mut v = b"repositories".to_vec();
            v[i] ^= 1;
            assert_ne!(hash(&v), base, "byte {i}");
        }
    }

    #[test]
    fn const_and_run_time_agree() {
        const H: u64 = hash(b"authorizations");
        assert_eq!(H, hash(std::hint::black_box(b"authorizations")));
    }
}
