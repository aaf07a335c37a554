//! The keys and hashes behind the perfect-hash slots. One definition serves
//! the builder (a `const fn`, inside the compiler) and the matcher, which
//! computes a segment's key while it looks for the segment's end, eight
//! bytes at a time: a segment of at most eight bytes is its own key (one
//! zero-padded word); one of nine to sixteen bytes is keyed by its two
//! words, mixed once, and the second word ([`hi`]) is kept beside the key,
//! which then determines the first; a longer one is hashed, each full word
//! mixed in, then the last partial word, then the length. Whole static
//! paths have their own hash, of three words and the length.

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
        h = mix(h, word(rest));
    }
    mix(h, bytes.len() as u64)
}

/// At most eight bytes as a little-endian word, zero-padded.
#[inline]
const fn word(bytes: &[u8]) -> u64 {
    u64::from_le_bytes(load8(bytes, 0))
}

/// Loads the eight bytes of `b` from `at` on, zero-padded where `b` ends
/// first (all zero when `at` is past its end). Written out by length
/// rather than as a loop: the builder runs this in const evaluation, where
/// each step of a loop costs as much as a call.
#[inline]
pub(crate) const fn load8(b: &[u8], at: usize) -> [u8; 8] {
    let len = b.len();
    // Not `saturating_sub`: a call, which const evaluation is slow at.
    #[allow(clippy::implicit_saturating_sub)]
    let n = if at < len { len - at } else { 0 };
    match n {
        0 => [0; 8],
        1 => [b[at], 0, 0, 0, 0, 0, 0, 0],
        2 => [b[at], b[at + 1], 0, 0, 0, 0, 0, 0],
        3 => [b[at], b[at + 1], b[at + 2], 0, 0, 0, 0, 0],
        4 => [b[at], b[at + 1], b[at + 2], b[at + 3], 0, 0, 0, 0],
        5 => [b[at], b[at + 1], b[at + 2], b[at + 3], b[at + 4], 0, 0, 0],
        6 => [
            b[at],
            b[at + 1],
            b[at + 2],
            b[at + 3],
            b[at + 4],
            b[at + 5],
            0,
            0,
        ],
        7 => [
            b[at],
            b[at + 1],
            b[at + 2],
            b[at + 3],
            b[at + 4],
            b[at + 5],
            b[at + 6],
            0,
        ],
        _ => [
            b[at],
            b[at + 1],
            b[at + 2],
            b[at + 3],
            b[at + 4],
            b[at + 5],
            b[at + 6],
            b[at + 7],
        ],
    }
}

/// The key of a path segment in the perfect hashes of static children: a
/// segment of at most eight bytes is its own key (its bytes as a
/// little-endian word, zero-padded); one of nine to sixteen bytes the
/// [`mix`] of its two words, which with [`hi`] (the second) gives back the
/// first, since the mix is invertible; a longer one its [`hash`]. So equal
/// keys, equal [`hi`] and equal lengths mean equal segments up to sixteen
/// bytes (the length tells zero padding from NUL bytes).
#[inline]
pub(crate) const fn key(bytes: &[u8]) -> u64 {
    match bytes.split_first_chunk::<8>() {
        None => word(bytes),
        Some((first, rest)) if rest.len() <= 8 => {
            if rest.is_empty() {
                u64::from_le_bytes(*first)
            } else {
                mix(u64::from_le_bytes(*first), word(rest))
            }
        }
        Some(_) => hash(bytes),
    }
}

/// The second word of a segment of nine to sixteen bytes (zero-padded),
/// kept beside its [`key`]; 0 for any other length.
#[inline]
pub(crate) const fn hi(bytes: &[u8]) -> u64 {
    match bytes.split_first_chunk::<8>() {
        Some((_, rest)) if !rest.is_empty() && rest.len() <= 8 => word(rest),
        _ => 0,
    }
}

/// `0x01` in every byte.
const LO: u64 = 0x0101_0101_0101_0101;
/// `0x80` in every byte.
const HI: u64 = 0x8080_8080_8080_8080;
/// `/` in every byte.
const SLASHES: u64 = 0x2f2f_2f2f_2f2f_2f2f;

/// Finds the end of the segment that starts at `start` (the next `/`, or
/// the end of the path) and computes the segment's [`key`] on the way,
/// eight bytes at a time.
#[inline(always)]
pub(crate) fn scan(path: &[u8], start: usize) -> (usize, u64, u64) {
    scan_from(path, start, start, 0, 0)
}

/// [`scan`] resumed at `i`, with `first` the segment's first word when
/// `i > start` and `h` the hash of the words before `i`.
#[inline(always)]
fn scan_from(
    path: &[u8],
    start: usize,
    mut i: usize,
    mut first: u64,
    mut h: u64,
) -> (usize, u64, u64) {
    // The segment's second word, once read whole.
    let mut second = 0;
    while let Some(chunk) = path.get(i..i + 8) {
        let w = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        let found = slashes(w);
        if found != 0 {
            let k = (found.trailing_zeros() / 8) as usize;
            return finish(start, i, k, w, [first, second], h);
        }
        if i == start {
            first = w;
        } else if i == start + 8 {
            second = w;
        }
        h = mix(h, w);
        i += 8;
    }
    let (k, w) = last_part(path, i);
    finish(start, i, k, w, [first, second], h)
}

/// [`scan`] for the matcher's first descent, which meets mostly short
/// segments: a segment of up to sixteen bytes is settled by one or two
/// word reads, without [`scan`]'s running hash; a longer one takes
/// [`scan`], out of line. `start` is at most the path's length.
#[inline(always)]
pub(crate) fn segment(path: &[u8], start: usize) -> (usize, u64, u64) {
    if let Some(chunk) = path.get(start..start + 8) {
        let w = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        let found = slashes(w);
        if found != 0 {
            let k = (found.trailing_zeros() / 8) as usize;
            return (start + k, w & below(found), 0);
        }
        // Eight bytes or more: the next word, whole or the path's last
        // bytes, settles a segment of up to sixteen.
        let more = path.get(start + 8..).unwrap_or_default();
        let (next, left) = match more.first_chunk::<8>() {
            Some(c) => (u64::from_le_bytes(*c), 8),
            None if more.is_empty() => return (start + 8, w, 0),
            None => (tail(path, start + 8), more.len()),
        };
        let k = part_len(next, left);
        if k == 0 {
            return (start + 8, w, 0);
        }
        if k < 8 {
            let hi = next & low_bytes(k);
            return (start + 8 + k, mix(w, hi), hi);
        }
        // Sixteen bytes with no `/`: exactly sixteen if the path ends or a
        // `/` follows, else a longer segment, hashed out of line.
        return match more.get(8) {
            None | Some(b'/') => (start + 16, mix(w, next), next),
            Some(_) => scan_long(path, start, w),
        };
    }
    let (k, w) = last_part(path, start);
    (start + k, w & low_bytes(k), 0)
}

/// [`segment`] without the key, for a node with no static children: only
/// where the segment ends.
#[inline(always)]
pub(crate) fn segment_end(path: &[u8], start: usize) -> usize {
    if let Some(chunk) = path.get(start..start + 8) {
        let found = slashes(u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8])));
        if found == 0 {
            return end_long(path, start + 8);
        }
        return start + (found.trailing_zeros() / 8) as usize;
    }
    start + last_part(path, start).0
}

/// [`segment_end`] from `i`, for segments of eight bytes or more: whole
/// words, then the last few bytes; out of line.
#[inline(never)]
fn end_long(path: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = path.get(i..i + 8) {
        let found = slashes(u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8])));
        if found != 0 {
            return i + (found.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    // Fewer than eight bytes left, of a path of at least eight (eight were
    // read before `i`): its last word, shifted.
    let left = path.len().saturating_sub(i);
    if left == 0 {
        return i;
    }
    let last = path.last_chunk::<8>().map_or(0, |w| u64::from_le_bytes(*w));
    i + part_len(last >> (8 * (8 - left)), left)
}

/// The segment in `path[i..]` when fewer than eight bytes are left: how
/// many of them it takes (up to its `/`, or all) and those bytes as a
/// zero-padded word, its low bytes; `(0, 0)` when none are left.
#[inline(always)]
fn last_part(path: &[u8], i: usize) -> (usize, u64) {
    let left = path.len().saturating_sub(i);
    if left == 0 {
        return (0, 0);
    }
    let w = tail(path, i);
    (part_len(w, left), w)
}

/// How many of the low `left` bytes of `w` (`left` ≤ 8, the bytes above
/// them zero) the segment takes: up to the first `/` among them, or all.
/// A zero byte is no `/`, and [`slashes`] flags none above the first true
/// one, so the bytes above `left` need no mask.
#[inline(always)]
fn part_len(w: u64, left: usize) -> usize {
    ((slashes(w).trailing_zeros() / 8) as usize).min(left)
}

/// [`scan`] past the first word `first` of a segment of eight bytes or
/// more, kept out of line, for [`segment`].
#[inline(never)]
fn scan_long(path: &[u8], start: usize, first: u64) -> (usize, u64, u64) {
    scan_from(path, start, start + 8, first, mix(0, first))
}

/// The high bit of the first `/` byte of `w`, and possibly of bytes above
/// it (a borrow can only flag bytes above a true match); 0 when there is
/// no `/`.
#[inline(always)]
fn slashes(w: u64) -> u64 {
    let x = w ^ SLASHES;
    x.wrapping_sub(LO) & !x & HI
}

/// A mask of the bytes below the one whose high bit is the lowest set bit
/// of `found` (a [`slashes`] result, not 0): the segment's own bytes.
#[inline(always)]
fn below(found: u64) -> u64 {
    (found ^ found.wrapping_sub(1)) >> 8
}

/// A mask of the low `k` bytes of a word, `k < 8`.
#[inline(always)]
fn low_bytes(k: usize) -> u64 {
    (1u64 << (8 * k)) - 1
}

/// The end, key and [`hi`] of a segment from `start` whose last `k` bytes
/// are the low bytes of `w`, read at `i`; `words` are the segment's first
/// and second words where read whole before `i`, and `h` the hash of the
/// words before `i`.
#[inline(always)]
fn finish(
    start: usize,
    i: usize,
    k: usize,
    w: u64,
    words: [u64; 2],
    mut h: u64,
) -> (usize, u64, u64) {
    let end = i + k;
    let part = w & low_bytes(k);
    let n = end - start;
    if n <= 8 {
        // At most eight bytes: the word is the key.
        return (end, if i == start { part } else { words[0] }, 0);
    }
    if n <= 16 {
        // Two words: the second is the part read here, or the whole
        // second word when the segment ends at a word's boundary.
        let hi = if i == start + 8 { part } else { words[1] };
        return (end, mix(words[0], hi), hi);
    }
    if k > 0 {
        h = mix(h, part);
    }
    (end, mix(h, n as u64), 0)
}

/// Whether `seg` holds a `%`, eight bytes at a time.
#[inline]
pub(crate) fn has_percent(seg: &[u8]) -> bool {
    const PERCENTS: u64 = 0x2525_2525_2525_2525;
    let mut chunks = seg.chunks_exact(8);
    let flag = |w: u64| {
        let x = w ^ PERCENTS;
        // Only a true `%` (or a byte above one) is flagged.
        x.wrapping_sub(LO) & !x & HI != 0
    };
    for c in &mut chunks {
        if flag(u64::from_le_bytes(c.try_into().unwrap_or([0; 8]))) {
            return true;
        }
    }
    let rest = chunks.remainder();
    // The padding of the last word is zero bytes, never flagged.
    !rest.is_empty() && flag(tail(seg, seg.len() - rest.len()))
}

/// The bytes `path[i..]` (fewer than eight) as a little-endian word: when
/// the path has eight bytes, its last eight with those before `i` shifted
/// away; else byte by byte.
#[inline(always)]
fn tail(path: &[u8], i: usize) -> u64 {
    let left = path.len() - i;
    match path.last_chunk::<8>() {
        Some(last) => u64::from_le_bytes(*last) >> (8 * (8 - left)),
        None => word(&path[i..]),
    }
}

/// The hash of a whole path in the table of fully static paths: its length
/// and three of its words (the first, the middle and the last eight bytes),
/// or all of it when shorter than eight bytes. The match is confirmed by
/// comparing the bytes, so the hash only has to tell the table's own paths
/// apart; when it cannot, the builder leaves the table out.
#[inline(always)]
pub(crate) const fn whole(path: &[u8]) -> u64 {
    let n = path.len();
    if n < 8 {
        return mix(key(path), n as u64);
    }
    let first = word_at(path, 0);
    let middle = word_at(path, n / 2 - 4);
    let last = word_at(path, n - 8);
    mix(first ^ last.rotate_left(32), middle ^ n as u64)
}

/// The eight bytes of `bytes` at `i` as a little-endian word.
#[inline(always)]
const fn word_at(bytes: &[u8], i: usize) -> u64 {
    match bytes.split_at(i).1.first_chunk::<8>() {
        Some(w) => u64::from_le_bytes(*w),
        None => 0,
    }
}

/// The slot of hash `h` in a table of `64 - shift` bits under `seed`
/// (multiply-shift: the high bits of an odd multiple).
#[inline(always)]
pub(crate) const fn slot(h: u64, seed: u64, shift: u8) -> usize {
    (h.wrapping_mul(seed) >> shift) as usize
}

/// The bucket of hash `h` in a perfect hash whose buckets take the top
/// `64 - bucket_shift` bits (after one more mix, since a short segment's
/// key has zero high bytes); `bucket_shift` 64 means one bucket.
#[inline(always)]
pub(crate) const fn bucket(h: u64, bucket_shift: u8) -> usize {
    match h.wrapping_mul(K).checked_shr(bucket_shift as u32) {
        Some(b) => b as usize,
        None => 0,
    }
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
    fn load8_reads_up_to_eight_bytes_zero_padded() {
        let b: Vec<u8> = (1..=20).collect();
        for len in 0..=b.len() {
            for at in 0..=len + 2 {
                let mut want = [0u8; 8];
                for (k, w) in want.iter_mut().enumerate() {
                    if at + k < len {
                        *w = b[at + k];
                    }
                }
                assert_eq!(load8(&b[..len], at), want, "len {len} at {at}");
            }
        }
    }

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
    fn has_percent_finds_every_percent_and_nothing_else() {
        for n in 0..20 {
            let plain: Vec<u8> = (0..n).map(|i| b"a$&'()*+,;=:@-._~%"[i % 17]).collect();
            assert!(!has_percent(&plain), "{n}");
            for at in 0..n {
                let mut v = plain.clone();
                v[at] = b'%';
                assert!(has_percent(&v), "{n} {at}");
            }
        }
        assert!(!has_percent(b"\x24\x26\xa5\x05"));
    }

    #[test]
    fn const_and_run_time_agree() {
        const H: u64 = hash(b"authorizations");
        assert_eq!(H, hash(std::hint::black_box(b"authorizations")));
        const W: u64 = whole(b"/doc/articles/go_command.html");
        assert_eq!(
            W,
            whole(std::hint::black_box(b"/doc/articles/go_command.html"))
        );
    }

    #[test]
    fn whole_sees_length_and_its_words() {
        let base = b"/doc/articles/go_command.html";
        let n = base.len();
        for i in [0, 7, n / 2 - 4, n / 2 + 3, n - 8, n - 1] {
            let mut v = base.to_vec();
            v[i] ^= 1;
            assert_ne!(whole(&v), whole(base), "byte {i}");
        }
        assert_ne!(whole(b"/a"), whole(b"/a\0"));
        assert_ne!(whole(b"/abcdefg"), whole(b"/abcdefgh"));
    }

    /// Paths whose segments the scanning tests walk.
    const SCAN_CASES: &[&[u8]] = &[
        b"/",
        b"/a",
        b"/a/",
        b"/abcdefgh",
        b"/abcdefgh/x",
        b"/abcdefgh",
        b"/abcdefg",
        b"/abcdefghijklmnop",
        b"/abcdefghijklmnop/",
        b"/a/abcdefghijklmnopq",
        b"/abcdefghi/x",
        b"/abcdefg/",
        b"//",
        b"/repos/rust-lang/rust/git/commits/0123456789abcdef",
        b"/\xff\x2f\xaf/x",
        b"/0123456789012345678901234567890/",
        b"/ab/cd",
        b"/x/yz/",
        b"/a/b/c/d",
        b"/abcdef/g",
        b"/abcdefghijklmno/p",
        b"/abcdefgh/abcdefg",
        b"/abcdefghij/klmnopqrst",
        b"/abcdefgh/ijklmnopqrst",
        b"/abcdefghijklmno/pqrstuvwxyz",
        b"/abcdefghijklmnop/qrstuvwxyz",
        b"/abcdefghijklmnop",
        b"/abcdefghijklmnopq",
        b"/abcdefghijklmnopq/r",
        b"/abcdefghijklmno",
        b"/a/abcdefghijklmnop/",
        b"/abcdefghi",
        b"/abcdefghi/",
    ];

    #[test]
    fn two_word_keys_tell_segments_apart() {
        // Up to sixteen bytes, key, `hi` and length decide equality.
        let base = b"subscriptions123";
        for n in 9..=16 {
            let a = &base[..n];
            for i in 0..n {
                let mut b = a.to_vec();
                b[i] ^= 0x20;
                assert!((key(a), hi(a)) != (key(&b), hi(&b)), "{n} bytes, byte {i}");
            }
        }
        assert_eq!(hi(b"abcdefgh"), 0);
        assert_eq!(hi(b"abcdefghijklmnopq"), 0);
        assert_eq!(key(b"abcdefgh"), u64::from_le_bytes(*b"abcdefgh"));
    }

    #[test]
    fn segment_agrees_with_scan() {
        for path in SCAN_CASES {
            let mut start = 1;
            while start <= path.len() {
                let (end, h, hi_word) = segment(path, start);
                assert_eq!(
                    segment_end(path, start),
                    end,
                    "{:?} from {start}",
                    String::from_utf8_lossy(path)
                );
                assert_eq!(
                    (end, h, hi_word),
                    scan(path, start),
                    "{:?} from {start}",
                    String::from_utf8_lossy(path)
                );
                start = end + 1;
            }
        }
    }

    #[test]
    fn scan_finds_the_segment_and_its_key() {
        for path in SCAN_CASES {
            let mut start = 1;
            loop {
                let (end, h, hi_word) = scan(path, start);
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
                    (h, hi_word),
                    (key(&path[start..end]), hi(&path[start..end])),
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
