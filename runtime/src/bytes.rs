//! Byte-string helpers that work in `const` context, where the standard
//! library's slice comparisons and formatting are not available.

use core::cmp::Ordering;

/// Byte-wise equality.
pub(crate) const fn eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    let n_a = a.len();
    while i < n_a {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Lexicographic byte-wise order.
pub(crate) const fn cmp(a: &[u8], b: &[u8]) -> Ordering {
    // Slice patterns, not `len` in the loop: calls, which const evaluation
    // is slow at.
    let (mut a, mut b) = (a, b);
    loop {
        match (a, b) {
            ([x, xs @ ..], [y, ys @ ..]) => {
                if *x != *y {
                    return if *x < *y {
                        Ordering::Less
                    } else {
                        Ordering::Greater
                    };
                }
                a = xs;
                b = ys;
            }
            ([], []) => return Ordering::Equal,
            ([], _) => return Ordering::Less,
            (_, []) => return Ordering::Greater,
        }
    }
}

/// The order of two integers, as `Ord::cmp` (not const for all types).
pub(crate) const fn cmp_usize(a: usize, b: usize) -> Ordering {
    if a < b {
        Ordering::Less
    } else if a > b {
        Ordering::Greater
    } else {
        Ordering::Equal
    }
}

/// The value of an ASCII hex digit.
pub(crate) const fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// The byte at `raw[i]` after percent-decoding, and the index after it.
/// A `%` not followed by two hex digits stands for itself, as in Flask.
pub(crate) const fn decode_at(raw: &[u8], i: usize) -> (u8, usize) {
    let b = raw[i];
    if b == b'%' && i + 2 < raw.len() {
        if let (Some(hi), Some(lo)) = (hex_value(raw[i + 1]), hex_value(raw[i + 2])) {
            return (hi << 4 | lo, i + 3);
        }
    }
    (b, i + 1)
}

/// Whether `b` may stand unencoded in a canonical static path segment:
/// RFC 3986 `pchar` without `%` (unreserved, sub-delims, `:` and `@`).
pub(crate) const fn is_plain_pchar(b: u8) -> bool {
    matches!(b,
        b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9'
        | b'-' | b'.' | b'_' | b'~'
        | b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'='
        | b':' | b'@')
}

/// A small fixed-capacity string for building messages in `const` context.
pub(crate) struct Msg {
    buf: [u8; 1024],
    len: usize,
}

impl Msg {
    pub(crate) const fn new() -> Msg {
        Msg {
            buf: [0; 1024],
            len: 0,
        }
    }

    /// Appends `s`, cutting it short (on a character boundary) when full.
    pub(crate) const fn push(mut self, s: &str) -> Msg {
        let b = s.as_bytes();
        let mut i = 0;
        while i < b.len() && self.len < self.buf.len() - 4 {
            self.buf[self.len] = b[i];
            self.len += 1;
            i += 1;
        }
        if i < b.len() {
            // Drop a partial UTF-8 sequence at the cut, then mark the cut.
            while self.len > 0 && self.buf[self.len - 1] & 0xC0 == 0x80 {
                self.len -= 1;
            }
            if self.len > 0 && self.buf[self.len - 1] >= 0xC0 {
                self.len -= 1;
            }
            self.buf[self.len] = b'.';
            self.buf[self.len + 1] = b'.';
            self.buf[self.len + 2] = b'.';
            self.len += 3;
        }
        self
    }

    /// Appends a number in decimal.
    pub(crate) const fn push_num(mut self, mut n: usize) -> Msg {
        let mut digits = [0u8; 20];
        let mut k = 0;
        loop {
            digits[k] = b'0' + (n % 10) as u8;
            k += 1;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        while k > 0 && self.len < self.buf.len() {
            k -= 1;
            self.buf[self.len] = digits[k];
            self.len += 1;
        }
        self
    }

    /// The message so far.
    pub(crate) const fn as_str(&self) -> &str {
        match core::str::from_utf8(self.buf.split_at(self.len).0) {
            Ok(s) => s,
            Err(_) => "invalid route table",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The matcher and the macros' grammar agree on which bytes stand for
    /// themselves in canonical static text.
    #[test]
    fn plain_pchar_agrees_with_the_grammar() {
        for b in 0..=255u8 {
            assert_eq!(
                is_plain_pchar(b),
                flaxum_grammar::is_plain_pchar(b),
                "byte {b}"
            );
        }
    }

    #[test]
    fn decode_at_reads_escapes_and_leaves_bad_ones() {
        assert_eq!(decode_at(b"%41", 0), (b'A', 3));
        assert_eq!(decode_at(b"%4", 0), (b'%', 1));
        assert_eq!(decode_at(b"%zz", 0), (b'%', 1));
        assert_eq!(decode_at(b"a%2f", 1), (b'/', 4));
    }

    #[test]
    fn cmp_orders_prefixes_first() {
        assert_eq!(cmp(b"ab", b"abc"), Ordering::Less);
        assert_eq!(cmp(b"b", b"abc"), Ordering::Greater);
        assert_eq!(cmp(b"", b""), Ordering::Equal);
    }

    #[test]
    fn msg_cuts_long_text_on_a_char_boundary() {
        let long = "é".repeat(800);
        let m = Msg::new().push(&long);
        let s = core::str::from_utf8(&m.buf[..m.len]).unwrap();
        assert!(s.ends_with("..."));
        assert!(s.len() <= 1024);
    }
}
