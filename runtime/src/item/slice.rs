//! [`sub_str`]: a `&str` sliced with the checks written out.
//!
//! `str::split_at`, run by const evaluation, costs about four times as
//! many steps as these checks, and decoding an app's routes takes several
//! slices a route (BENCHMARKS.md, "The check and the build"). With
//! `text.rs`, this file is the crate's `unsafe` code beside
//! `table/unchecked.rs`.

#![allow(unsafe_code)]

/// `s[start..end]`; panics unless `start <= end <= s.len()` and both are
/// character boundaries, as `&s[start..end]` would.
pub(crate) const fn sub_str(s: &str, start: usize, end: usize) -> &str {
    let b = s.as_bytes();
    let n = b.len();
    // A boundary is the end, or a byte that does not continue a character.
    let start_ok = start == n || (start < n && (b[start] as i8) >= -0x40);
    let end_ok = end == n || (end < n && (b[end] as i8) >= -0x40);
    if start > end || !start_ok || !end_ok {
        panic!("flaxum: a slice of an item off a character boundary");
    }
    // SAFETY: `start <= end <= b.len()` (a boundary is at most the length),
    // so the range is inside `s`; both ends are character boundaries of
    // the UTF-8 `s`, so the bytes between them are UTF-8.
    unsafe {
        let part = core::slice::from_raw_parts(b.as_ptr().add(start), end - start);
        core::str::from_utf8_unchecked(part)
    }
}

#[cfg(test)]
mod tests {
    use super::sub_str;

    #[test]
    fn sub_str_slices_on_character_boundaries_only() {
        let s = "a/café/b";
        assert_eq!(sub_str(s, 2, 7), "café");
        assert_eq!(sub_str(s, 0, 0), "");
        assert_eq!(sub_str(s, 9, 9), "");
        for (start, end) in [(6, 7), (2, 6), (3, 2), (0, 10)] {
            let r = std::panic::catch_unwind(|| sub_str(s, start, end));
            assert!(r.is_err(), "{start}..{end}");
        }
    }
}
