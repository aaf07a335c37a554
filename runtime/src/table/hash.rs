//! The segment hash behind the perfect-hash slots. One definition serves
//! the builder (a `const fn`, inside the compiler) and the matcher, which
//! computes it while it looks for the segment's end, eight bytes at a time:
//! each full word of the segment is mixed in, then the last partial word
//! (zero-padded), then the length.

/// The multiplier of the word mix (the FxHash constant).
const K: u64 = 0x517c_c1b7_2722_0a95;

#[inline(always)]
pub(crate) const fn mix(h: u64, w: u64) -> u64 {
    (h.rotate_left(5) ^ w).wrapping_mul(K)
}

/// The hash of a whole byte string (a static label, or a segment the
/// matcher had to rebuild).
#[inline]
pub(crate) const fn hash(bytes: &[u8]) -> u64 {
    let mut h = 0;
    let mut rest = bytes;
    while let Some((w, tail)) = rest.split_first_chunk::<8>() {
        h = mix(h, u64::from_le_bytes(*w));
        rest = tail;
    }
    if !rest.is_empty() {
        let mut w = 0u64;
        let mut k = 0;
        while k < rest.len() {
            w |= (rest[k] as u64) << (8 * k);
            k += 1;
        }
        h = mix(h, w);
    }
    mix(h, bytes.len() as u64)
}

/// `0x01` in every byte.
const LO: u64 = 0x0101_0101_0101_0101;
/// `0x80` in every byte.
const HI: u64 = 0x8080_8080_8080_8080;
/// `/` in every byte.
const SLASHES: u64 = 0x2f2f_2f2f_2f2f_2f2f;

/// Finds the end of the segment that starts at `start` (the next `/`, or
/// the end of the path) and hashes the segment on the way: the same value
/// as [`hash`] of `path[start..end]`.
#[inline(always)]
pub(crate) fn scan(path: &[u8], start: usize) -> (usize, u64) {
    let mut h = 0;
    let mut i = start;
    while let Some(chunk) = path.get(i..i + 8) {
        let w = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        let x = w ^ SLASHES;
        // The lowest byte flagged here is the first `/` (a borrow can only
        // flag bytes above a true match).
        let found = x.wrapping_sub(LO) & !x & HI;
        if found != 0 {
            let k = (found.trailing_zeros() / 8) as usize;
            if k > 0 {
                h = mix(h, w & (u64::MAX >> (64 - 8 * k)));
            }
            let end = i + k;
            return (end, mix(h, (end - start) as u64));
        }
        h = mix(h, w);
        i += 8;
    }
    // Fewer than eight bytes are left: read the last eight bytes of the
    // path (when there are eight) and shift away those before `i`.
    let left = path.len() - i;
    if left == 0 {
        return (i, mix(h, (i - start) as u64));
    }
    let w = tail(path, i);
    let x = w ^ (SLASHES >> (8 * (8 - left)));
    let found = x.wrapping_sub(LO) & !x & (HI >> (8 * (8 - left)));
    let k = if found != 0 {
        (found.trailing_zeros() / 8) as usize
    } else {
        left
    };
    if k > 0 {
        h = mix(h, w & (u64::MAX >> (64 - 8 * k)));
    }
    let end = i + k;
    (end, mix(h, (end - start) as u64))
}

/// The bytes `path[i..]` (fewer than eight) as a little-endian word: when
/// the path has eight bytes, its last eight with those before `i` shifted
/// away; else byte by byte.
#[inline(always)]
fn tail(path: &[u8], i: usize) -> u64 {
    let left = path.len() - i;
    match path.last_chunk::<8>() {
        Some(last) => u64::from_le_bytes(*last) >> (8 * (8 - left)),
        None => {
            let mut w = 0u64;
            for (k, &b) in path[i..].iter().enumerate() {
                w |= (b as u64) << (8 * k);
            }
            w
        }
    }
}

/// [`hash`] at run time, reading whole words (the tail too).
#[inline]
pub(crate) fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = 0;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        h = mix(h, u64::from_le_bytes(c.try_into().unwrap_or([0; 8])));
    }
    if !chunks.remainder().is_empty() {
        h = mix(h, tail(bytes, bytes.len() - chunks.remainder().len()));
    }
    mix(h, bytes.len() as u64)
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
        for n in 0..40 {
            let v: Vec<u8> = (0..n as u8)
                .map(|b| b.wrapping_mul(37).wrapping_add(1))
                .collect();
            assert_eq!(hash_bytes(&v), hash(&v), "length {n}");
        }
    }

    #[test]
    fn scan_finds_the_segment_and_hashes_it_like_hash() {
        let paths: &[&[u8]] = &[
            b"/",
            b"/a",
            b"/a/",
            b"/abcdefgh",
            b"/abcdefgh/x",
            b"/abcdefghi/x",
            b"/abcdefg/",
            b"//",
            b"/repos/rust-lang/rust/git/commits/0123456789abcdef",
            b"/\xff\x2f\xaf/x",
            b"/0123456789012345678901234567890/",
        ];
        for path in paths {
            let mut start = 1;
            loop {
                let (end, h) = scan(path, start);
                let want = path[start..]
                    .iter()
                    .position(|&b| b == b'/')
                    .map_or(path.len(), |i| start + i);
                assert_eq!(
                    end,
                    want,
                    "{:?} from {start}",
                    String::from_utf8_lossy(path)
                );
                assert_eq!(
                    h,
                    hash(&path[start..end]),
                    "{:?} from {start}",
                    String::from_utf8_lossy(path)
                );
                if end >= path.len() {
                    break;
                }
                start = end + 1;
            }
        }
    }
}
