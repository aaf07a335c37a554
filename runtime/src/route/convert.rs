//! The converters' matching rules. Each rule is a `const fn` over the raw
//! (percent-encoded) segment, so the table builder can compare converters at
//! compile time with the very code the matcher runs.

use crate::bytes::{decode_at, eq};
use crate::route::Converter;

impl Converter {
    /// Whether the converter accepts a raw (still percent-encoded) segment.
    ///
    /// ```
    /// use flaxum::route::Converter;
    /// assert!(Converter::INT.matches(b"%31"));
    /// assert!(Converter::Uuid.matches(b"67E55044-10b1-426f-9247-bb680e5fe0c8"));
    /// ```
    pub fn matches(&self, raw: &[u8]) -> bool {
        matches(self, raw)
    }
}

/// Whether `conv` accepts the raw segment `raw` (decoded on the fly).
#[inline]
pub(crate) fn matches(conv: &Converter, raw: &[u8]) -> bool {
    if let Converter::String {
        min: 0 | 1,
        max: u32::MAX,
    } = conv
    {
        // A plain parameter: any non-empty segment, nothing to count.
        return !raw.is_empty();
    }
    match accepts(conv, raw, true) {
        Some(ok) => ok,
        // A float whose value the exact const path cannot settle.
        None => float_exact(conv, raw),
    }
}

/// Whether `conv` accepts `bytes` (percent-decoded first when `decode`).
/// `None` when the answer depends on a float value that only the standard
/// library's parser can settle exactly.
pub(crate) const fn accepts(conv: &Converter, bytes: &[u8], decode: bool) -> Option<bool> {
    if bytes.is_empty() {
        return Some(false);
    }
    match *conv {
        Converter::String { min, max } => {
            let n = char_count(bytes, decode);
            Some(n >= min as usize && n <= max as usize)
        }
        Converter::Int {
            min,
            max,
            fixed_digits,
            signed,
        } => Some(match int_value(bytes, decode, signed, fixed_digits) {
            Some(v) => v >= min && v <= max,
            None => false,
        }),
        Converter::Float { min, max, signed } => match float_syntax(bytes, decode, signed) {
            FloatSyntax::Bad => Some(false),
            FloatSyntax::Value(v) => Some(v >= min && v <= max),
            FloatSyntax::Unsettled => {
                if min == f64::NEG_INFINITY && max == f64::INFINITY {
                    Some(true)
                } else {
                    None
                }
            }
        },
        Converter::Uuid => Some(is_uuid(bytes, decode)),
        Converter::Any(words) => {
            let mut i = 0;
            let n_words = words.len();
            while i < n_words {
                if decoded_eq(bytes, decode, words[i].as_bytes()) {
                    return Some(true);
                }
                i += 1;
            }
            Some(false)
        }
        Converter::Class { chars, min, max } => Some(in_class(bytes, decode, chars, min, max)),
    }
}

/// Whether every decoded byte is an ASCII character of `chars` (bit `c`
/// for character `c`) and there are `min..=max` of them.
const fn in_class(bytes: &[u8], decode: bool, chars: u128, min: u32, max: u32) -> bool {
    let mut n: usize = 0;
    let mut i = 0;
    let n_bytes = bytes.len();
    while i < n_bytes {
        let (b, j) = next(bytes, i, decode);
        if b >= 128 || chars >> b & 1 == 0 {
            return false;
        }
        n += 1;
        i = j;
    }
    n >= min as usize && n <= max as usize
}

/// The next byte of `bytes` at `i`, decoded when `decode`.
const fn next(bytes: &[u8], i: usize, decode: bool) -> (u8, usize) {
    if decode {
        decode_at(bytes, i)
    } else {
        (bytes[i], i + 1)
    }
}

/// The number of characters of the decoded value (UTF-8 lead bytes; a
/// stray continuation byte counts as none, a stray lead byte as one).
const fn char_count(bytes: &[u8], decode: bool) -> usize {
    let mut n = 0;
    let mut i = 0;
    let n_bytes = bytes.len();
    while i < n_bytes {
        let (b, j) = next(bytes, i, decode);
        if b & 0xC0 != 0x80 {
            n += 1;
        }
        i = j;
    }
    n
}

/// Whether the decoded value equals `word`.
const fn decoded_eq(bytes: &[u8], decode: bool, word: &[u8]) -> bool {
    if !decode {
        return eq(bytes, word);
    }
    let mut i = 0;
    let mut k = 0;
    let n_bytes = bytes.len();
    while i < n_bytes {
        if k >= word.len() {
            return false;
        }
        let (b, j) = decode_at(bytes, i);
        if b != word[k] {
            return false;
        }
        k += 1;
        i = j;
    }
    k == word.len()
}

/// The value of a Flask `int` segment, or `None` when the converter refuses
/// it: not ASCII digits, a sign where none is allowed, the wrong number of
/// digits, or a value outside `i128`.
pub(crate) const fn int_value(
    bytes: &[u8],
    decode: bool,
    signed: bool,
    fixed_digits: u8,
) -> Option<i128> {
    let mut i = 0;
    let mut negative = false;
    if signed {
        let (b, j) = next(bytes, 0, decode);
        if b == b'-' {
            negative = true;
            i = j;
        }
    }
    let mut digits = 0usize;
    let mut magnitude: u128 = 0;
    let n_bytes = bytes.len();
    while i < n_bytes {
        let (b, j) = next(bytes, i, decode);
        if !b.is_ascii_digit() {
            return None;
        }
        magnitude = match magnitude.checked_mul(10) {
            Some(m) => match m.checked_add((b - b'0') as u128) {
                Some(m) => m,
                None => return None,
            },
            None => return None,
        };
        digits += 1;
        i = j;
    }
    if digits == 0 || (fixed_digits != 0 && digits != fixed_digits as usize) {
        return None;
    }
    if negative {
        if magnitude > i128::MAX as u128 + 1 {
            return None;
        }
        Some((magnitude as i128).wrapping_neg())
    } else if magnitude > i128::MAX as u128 {
        None
    } else {
        Some(magnitude as i128)
    }
}

/// The outcome of reading a Flask `float` segment.
pub(crate) enum FloatSyntax {
    /// Not `-?digits.digits`.
    Bad,
    /// Well-formed, with its exactly rounded value.
    Value(f64),
    /// Well-formed, but too many digits for the exact `const` path.
    Unsettled,
}

/// Reads `-?digits.digits` (the sign only when `signed`). The value is exact
/// when the digits fit in 2^53 and at most 22 are after the point: one
/// correctly rounded division of two exact doubles.
pub(crate) const fn float_syntax(bytes: &[u8], decode: bool, signed: bool) -> FloatSyntax {
    let mut i = 0;
    let mut negative = false;
    if signed {
        let (b, j) = next(bytes, 0, decode);
        if b == b'-' {
            negative = true;
            i = j;
        }
    }
    let mut int_digits = 0usize;
    let mut frac_digits = 0usize;
    let mut seen_point = false;
    let mut mantissa: u64 = 0;
    let mut exact = true;
    let n_bytes = bytes.len();
    while i < n_bytes {
        let (b, j) = next(bytes, i, decode);
        i = j;
        if b == b'.' {
            if seen_point {
                return FloatSyntax::Bad;
            }
            seen_point = true;
            continue;
        }
        if !b.is_ascii_digit() {
            return FloatSyntax::Bad;
        }
        if seen_point {
            frac_digits += 1;
        } else {
            int_digits += 1;
        }
        match mantissa.checked_mul(10) {
            Some(m) if m + ((b - b'0') as u64) < (1u64 << 53) => mantissa = m + (b - b'0') as u64,
            _ => exact = false,
        }
    }
    if !seen_point || int_digits == 0 || frac_digits == 0 {
        return FloatSyntax::Bad;
    }
    if !exact || frac_digits > 22 {
        return FloatSyntax::Unsettled;
    }
    let mut scale = 1.0f64;
    let mut k = 0;
    while k < frac_digits {
        scale *= 10.0;
        k += 1;
    }
    let v = mantissa as f64 / scale;
    FloatSyntax::Value(if negative { -v } else { v })
}

/// The float rule, exact for any number of digits (run time only). The
/// decoded value is read from a stack buffer: no allocation; values of more
/// than 256 characters are refused.
fn float_exact(conv: &Converter, raw: &[u8]) -> bool {
    let Converter::Float { min, max, .. } = *conv else {
        return false;
    };
    let mut buf = [0u8; 256];
    let mut n = 0;
    let mut i = 0;
    let n_raw = raw.len();
    while i < n_raw {
        if n == buf.len() {
            return false;
        }
        let (b, j) = decode_at(raw, i);
        buf[n] = b;
        n += 1;
        i = j;
    }
    match core::str::from_utf8(&buf[..n])
        .ok()
        .and_then(|s| s.parse::<f64>().ok())
    {
        Some(v) => v >= min && v <= max,
        None => false,
    }
}

/// Whether the decoded value is a canonical 8-4-4-4-12 UUID, either case.
const fn is_uuid(bytes: &[u8], decode: bool) -> bool {
    let mut i = 0;
    let mut k = 0;
    let n_bytes = bytes.len();
    while i < n_bytes {
        let (b, j) = next(bytes, i, decode);
        let ok = if k == 8 || k == 13 || k == 18 || k == 23 {
            b == b'-'
        } else {
            b.is_ascii_hexdigit()
        };
        if !ok || k >= 36 {
            return false;
        }
        k += 1;
        i = j;
    }
    k == 36
}

#[cfg(test)]
mod tests {
    use super::*;

    fn int(min: i128, max: i128, fixed_digits: u8, signed: bool) -> Converter {
        Converter::Int {
            min,
            max,
            fixed_digits,
            signed,
        }
    }

    #[test]
    fn int_follows_flask() {
        let c = Converter::INT;
        assert!(matches(&c, b"0"));
        assert!(matches(&c, b"0001"));
        assert!(matches(&c, b"18446744073709551615"));
        assert!(!matches(&c, b"18446744073709551616"), "over the bound");
        assert!(!matches(&c, b"+1"));
        assert!(!matches(&c, b"-1"));
        assert!(!matches(&c, b"1a"));
        assert!(!matches(&c, b""));
        assert!(!matches(&c, &[b'9'; 60]), "overflow refused");
        assert!(matches(&c, b"%31"), "decoded before reading");
        let s = int(-5, 5, 0, true);
        assert!(matches(&s, b"-5"));
        assert!(matches(&s, b"-0"));
        assert!(!matches(&s, b"-6"));
        assert!(!matches(&s, b"-"));
        let f = int(0, 9999, 4, false);
        assert!(matches(&f, b"0042"));
        assert!(!matches(&f, b"42"));
        assert!(!matches(&f, b"00042"));
    }

    #[test]
    fn float_follows_flask() {
        let c = Converter::FLOAT;
        assert!(matches(&c, b"1.5"));
        assert!(!matches(&c, b"1."));
        assert!(!matches(&c, b".5"));
        assert!(!matches(&c, b"1"));
        assert!(!matches(&c, b"-1.5"));
        assert!(!matches(&c, b"1.5.2"));
        assert!(!matches(&c, b"1e5"));
        let b = Converter::Float {
            min: 0.5,
            max: 2.0,
            signed: true,
        };
        assert!(matches(&b, b"0.5"));
        assert!(matches(&b, b"2.0"));
        assert!(!matches(&b, b"2.0000001"));
        assert!(!matches(&b, b"-1.0"));
        let long = format!("1.{}", "0".repeat(40));
        assert!(matches(&b, long.as_bytes()), "exact beyond 22 digits");
        let over = format!("2.5{}", "0".repeat(30));
        assert!(!matches(&b, over.as_bytes()));
        // Like Python's float(): digits beyond f64's precision round away.
        let rounds = format!("2.{}1", "0".repeat(30));
        assert!(matches(&b, rounds.as_bytes()));
    }

    #[test]
    fn uuid_any_and_string() {
        assert!(matches(
            &Converter::Uuid,
            b"67e55044-10b1-426f-9247-BB680E5FE0C8"
        ));
        assert!(!matches(
            &Converter::Uuid,
            b"67e5504410b1426f9247bb680e5fe0c8"
        ));
        assert!(!matches(
            &Converter::Uuid,
            b"67e55044-10b1-426f-9247-bb680e5fe0c8a"
        ));
        let any = Converter::Any(&["en", "de", "caf\u{e9}"]);
        assert!(matches(&any, b"de"));
        assert!(matches(&any, b"caf%C3%A9"));
        assert!(!matches(&any, b"d"));
        assert!(!matches(&any, b"dee"));
        let two = Converter::String { min: 2, max: 2 };
        assert!(matches(&two, b"ab"));
        assert!(matches(&two, b"%C3%A9x"), "length counts characters");
        assert!(!matches(&two, b"abc"));
        assert!(matches(&Converter::PLAIN, b"x"));
        assert!(!matches(&Converter::PLAIN, b""));
    }
}
