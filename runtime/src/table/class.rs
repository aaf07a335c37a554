//! Whether a custom converter's character class accepts a segment that a
//! built-in converter accepts too: the conflict check's question for two
//! parameters of one tier at the same place. Exact for `int` and `uuid`
//! (a search over the digits the class allows); for `float`, a class that
//! can write `digits.digits` counts as meeting it whatever its bounds.

use crate::route::Converter;

/// The ASCII digits of a class, as bits 0 to 9.
const fn digits_of(chars: u128) -> u16 {
    ((chars >> b'0') & 0x3ff) as u16
}

/// Whether ASCII character `c` is in the class.
const fn has(chars: u128, c: u8) -> bool {
    chars >> c & 1 == 1
}

/// Whether the class `chars` with `min..=max` characters accepts a
/// segment that `other` accepts (`other` is not a class and not `any`,
/// which the caller compares word by word).
pub(super) const fn meets(chars: u128, min: u32, max: u32, other: &Converter) -> bool {
    match *other {
        Converter::Int {
            min: lo,
            max: hi,
            fixed_digits,
            signed,
        } => meets_int(chars, min, max, lo, hi, fixed_digits, signed),
        Converter::Uuid => {
            let hex =
                digits_of(chars) != 0 || chars >> b'a' & 0x3f != 0 || chars >> b'A' & 0x3f != 0;
            has(chars, b'-') && hex && min <= 36 && 36 <= max
        }
        // `d.d` at least; the bounds are not looked at.
        Converter::Float { .. } => digits_of(chars) != 0 && has(chars, b'.') && max >= 3,
        _ => false,
    }
}

/// Whether some `int` segment (`-` only when `signed`, then digits, as
/// many as `fixed_digits` when set, a value in `lo..=hi`) is made of the
/// class's characters, `min..=max` of them.
const fn meets_int(
    chars: u128,
    min: u32,
    max: u32,
    lo: i128,
    hi: i128,
    fixed_digits: u8,
    signed: bool,
) -> bool {
    let digits = digits_of(chars);
    if digits == 0 || lo > hi {
        return false;
    }
    // Without a sign: `min..=max` digits, a value in `max(lo, 0)..=hi`.
    if hi >= 0 {
        let from = if lo > 0 { lo as u128 } else { 0 };
        if has_number(digits, from, hi as u128, min, max, fixed_digits) {
            return true;
        }
    }
    // With a sign: one character fewer for the digits, the magnitude in
    // `max(-hi, 0)..=-lo`.
    if signed && has(chars, b'-') && lo <= 0 && max >= 2 {
        let from = if hi < 0 { hi.unsigned_abs() } else { 0 };
        let fewest = if min > 1 { min - 1 } else { 1 };
        return has_number(
            digits,
            from,
            lo.unsigned_abs(),
            fewest,
            max - 1,
            fixed_digits,
        );
    }
    false
}

/// `10^k - 1`, the largest number of `k` digits; `u128::MAX` past 38.
const fn all_nines(k: u32) -> u128 {
    if k >= 39 {
        u128::MAX
    } else {
        10u128.pow(k) - 1
    }
}

/// Whether a string of `min..=max` digits (and exactly `fixed` when not
/// 0), each in `digits` (bit `d` for digit `d`), has a value in
/// `lo..=hi`. Leading zeros are allowed, as the `int` converter allows
/// them.
const fn has_number(digits: u16, lo: u128, hi: u128, min: u32, max: u32, fixed: u8) -> bool {
    let (mut fewest, mut most) = (if min > 1 { min } else { 1 }, max);
    if fixed != 0 {
        if (fixed as u32) < fewest || (fixed as u32) > most {
            return false;
        }
        fewest = fixed as u32;
        most = fixed as u32;
    }
    if fewest > most {
        return false;
    }
    let hi = if hi < all_nines(most) {
        hi
    } else {
        all_nines(most)
    };
    if digits & 1 == 1 {
        // With `0` in the class, a shorter number is padded to `fewest`.
        return match next_number(digits, lo) {
            Some(v) => v <= hi,
            None => false,
        };
    }
    // Without `0`, a number has exactly as many digits as its string.
    if fewest > 39 {
        return false;
    }
    let shortest = all_nines(fewest - 1) + 1;
    let lo = if lo > shortest { lo } else { shortest };
    match next_number(digits, lo) {
        Some(v) => v <= hi,
        None => false,
    }
}

/// The smallest number at least `from` whose decimal digits (without
/// leading zeros; `0` for zero) are all in `digits`, if `u128` holds it.
const fn next_number(digits: u16, from: u128) -> Option<u128> {
    // The digits of `from`, most significant first.
    let mut d = [0u8; 40];
    let mut n = 0;
    let mut v = from;
    loop {
        d[n] = (v % 10) as u8;
        n += 1;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    let mut k = 0;
    while k < n / 2 {
        let t = d[k];
        d[k] = d[n - 1 - k];
        d[n - 1 - k] = t;
        k += 1;
    }
    // The first digit that is not allowed.
    let mut i = 0;
    while i < n && digits >> d[i] & 1 == 1 {
        i += 1;
    }
    if i == n {
        return Some(from);
    }
    let low = lowest(digits, 0);
    // Raise the digit at `j <= i` to the next allowed one above it, keep
    // what is before it, and fill what follows with the lowest digit.
    let mut j = i + 1;
    while j > 0 {
        j -= 1;
        let up = lowest(digits, d[j] + 1);
        if up < 10 {
            return number(&d, j, up, low, n);
        }
    }
    // One digit more: the lowest digit but `0` first.
    let first = lowest(digits, 1);
    if first >= 10 {
        return None;
    }
    let mut out = [0u8; 40];
    out[0] = first;
    number(&out, 0, first, low, n + 1)
}

/// The lowest digit of `digits` at least `from`, or 10 when none is.
const fn lowest(digits: u16, from: u8) -> u8 {
    let mut c = from;
    while c < 10 && digits >> c & 1 == 0 {
        c += 1;
    }
    c
}

/// `prefix[..j]`, then `digit`, then `fill` up to `n` digits, if `u128`
/// holds it.
const fn number(prefix: &[u8; 40], j: usize, digit: u8, fill: u8, n: usize) -> Option<u128> {
    let mut v: u128 = 0;
    let mut k = 0;
    while k < n {
        let x = if k < j {
            prefix[k]
        } else if k == j {
            digit
        } else {
            fill
        };
        v = match v.checked_mul(10) {
            Some(v) => match v.checked_add(x as u128) {
                Some(v) => v,
                None => return None,
            },
            None => return None,
        };
        k += 1;
    }
    Some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(ds: &[u8]) -> u16 {
        ds.iter().fold(0, |m, d| m | 1 << d)
    }

    /// `next_number` against counting up.
    #[test]
    fn next_number_agrees_with_counting() {
        for mask in [
            set(&[0]),
            set(&[1]),
            set(&[0, 1]),
            set(&[3, 7]),
            set(&[9]),
            set(&[0, 5]),
        ] {
            for from in 0u128..400 {
                let want = (from..20_000)
                    .find(|v| v.to_string().bytes().all(|b| mask >> (b - b'0') & 1 == 1));
                assert_eq!(next_number(mask, from), want, "mask {mask:b} from {from}");
            }
        }
    }

    /// `meets` against trying every string of the class up to 4 characters.
    #[test]
    fn int_meets_agrees_with_trying_every_string() {
        let alphabet = [b'0', b'1', b'7', b'-', b'x'];
        let ints = [
            Converter::INT,
            Converter::int(Some(5), Some(20), 0, false),
            Converter::int(Some(100), None, 0, false),
            Converter::int(None, None, 2, false),
            Converter::int(Some(-20), Some(-1), 0, true),
            Converter::int(None, Some(0), 0, true),
            Converter::int(Some(71), Some(71), 0, false),
            Converter::int(Some(11), Some(69), 0, false),
        ];
        for class in 1u8..32 {
            let chars = (0..5)
                .filter(|k| class >> k & 1 == 1)
                .fold(0u128, |m, k| m | 1 << alphabet[k]);
            for (min, max) in [(1, 1), (1, 4), (2, 3), (3, 4), (4, 4)] {
                for int in &ints {
                    let mut found = false;
                    let mut strings = vec![Vec::new()];
                    for _ in 0..max {
                        strings = strings
                            .iter()
                            .flat_map(|s: &Vec<u8>| {
                                alphabet
                                    .iter()
                                    .filter(|&&c| chars >> c & 1 == 1)
                                    .map(move |&c| [s.as_slice(), &[c]].concat())
                            })
                            .collect();
                        found |= strings
                            .iter()
                            .any(|s| s.len() >= min as usize && int.matches(s));
                    }
                    let class = Converter::Class { chars, min, max };
                    assert_eq!(meets(chars, min, max, int), found, "{class:?} and {int:?}");
                }
            }
        }
    }

    #[test]
    fn uuid_and_float() {
        let hex = (b'0'..=b'9')
            .chain(b'a'..=b'f')
            .fold(0u128, |m, c| m | 1 << c);
        assert!(meets(hex | 1 << b'-', 1, 64, &Converter::Uuid));
        assert!(!meets(hex, 1, 64, &Converter::Uuid));
        assert!(!meets(hex | 1 << b'-', 1, 35, &Converter::Uuid));
        let num = (b'0'..=b'9').fold(1u128 << b'.', |m, c| m | 1 << c);
        assert!(meets(num, 1, 8, &Converter::FLOAT));
        assert!(!meets(num, 1, 2, &Converter::FLOAT));
        assert!(!meets(num & !(1 << b'.'), 1, 8, &Converter::FLOAT));
    }
}
