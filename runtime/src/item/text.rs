//! [`Joined`]: whole strings joined into one while the crate compiles,
//! used as a `&'static str`.
//!
//! A blueprint's item is its mount followed by its items' strings, and
//! the routes' texts under a blueprint (`"/auth" + "/login"`, `"admin" +
//! "." + "users"`) are joined the same way. `core::str::from_utf8` would
//! check every byte again, which const evaluation runs statement by
//! statement, once more for each level of nesting. The bytes here are
//! whole `&str`s copied one after another and ASCII digits, so they are
//! UTF-8 by construction: the type's only constructors keep that
//! invariant, and `as_str` relies on it. With `slice.rs`, this file is
//! the crate's `unsafe` code beside `table/unchecked.rs`.

#![allow(unsafe_code)]

use super::read::{item_counts, mount};
use super::{BLUEPRINT, CLASS, LAST, MORE, PATCH_DIGITS};
use crate::route::custom::{MatchKind, Matches};

/// Bytes that are valid UTF-8 by construction: whole strings joined, and
/// numbers of the item format (ASCII), and ASCII written over ASCII or
/// put between whole strings. See the module docs.
///
/// ```
/// use flaxum::__private::Joined;
///
/// static J: Joined<9> = Joined::join(&["/auth", "/in"]);
/// assert_eq!(J.as_str(), "/auth/in");
/// assert_eq!(J.slice(1, 5), "auth");
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Joined<const N: usize> {
    bytes: [u8; N],
    len: usize,
}

/// `b[k..]` = `s`, returning the index after it.
const fn put(out: &mut [u8], k: usize, s: &[u8]) -> usize {
    let (_, rest) = out.split_at_mut(k);
    let (dst, _) = rest.split_at_mut(s.len());
    dst.copy_from_slice(s);
    k + s.len()
}

/// How many digits the format writes `v` in.
pub(crate) const fn width(mut v: u128) -> usize {
    let mut n = 1;
    while v >= 32 {
        v >>= 5;
        n += 1;
    }
    n
}

/// Writes `v` in `digits` digits at `out[k..]`.
const fn put_num(out: &mut [u8], k: usize, v: u128, digits: usize) -> usize {
    let mut d = 0;
    while d < digits {
        let shift = 5 * (digits - 1 - d);
        let digit = if shift >= 128 {
            0
        } else {
            ((v >> shift) & 31) as u8
        };
        out[k + d] = if d + 1 == digits {
            LAST + digit
        } else {
            MORE + digit
        };
        d += 1;
    }
    k + digits
}

/// The length of a custom converter's text in the item format.
///
/// ```
/// use flaxum::{Matches, __private::matches_len};
/// // 'a', the count, then each word's length and bytes.
/// assert_eq!(matches_len(&Matches::one_of(&["en", "de"])), 1 + 1 + 3 + 3);
/// ```
pub const fn matches_len(m: &Matches) -> usize {
    match m.kind {
        MatchKind::Class { chars, min, max } => {
            1 + width(chars) + width(min as u128) + width(max as u128)
        }
        MatchKind::Words(words) => {
            let mut n = 1 + width(words.len() as u128);
            let mut i = 0;
            while i < words.len() {
                n += width(words[i].len() as u128) + words[i].len();
                i += 1;
            }
            n
        }
    }
}

/// Writes a custom converter's text at `out[k..]` (`'k'` and the class's
/// bits, min and max; or `'a'` and the words, as `any`).
const fn put_matches(out: &mut [u8], k: usize, m: &Matches) -> usize {
    match m.kind {
        MatchKind::Class { chars, min, max } => {
            out[k] = CLASS;
            let k = put_num(out, k + 1, chars, width(chars));
            let k = put_num(out, k, min as u128, width(min as u128));
            put_num(out, k, max as u128, width(max as u128))
        }
        MatchKind::Words(words) => {
            out[k] = b'a';
            let mut k = put_num(out, k + 1, words.len() as u128, width(words.len() as u128));
            let mut i = 0;
            while i < words.len() {
                let w = words[i];
                k = put_num(out, k, w.len() as u128, width(w.len() as u128));
                k = put(out, k, w.as_bytes());
                i += 1;
            }
            k
        }
    }
}

/// The counts a blueprint's item starts with: items, handlers, routes and
/// segments (the prefix's once per route).
const fn blueprint_counts(mount_text: &str, items: &[&str]) -> [u128; 4] {
    let labels = mount(mount_text.as_bytes(), 0).labels;
    let (mut leaves, mut routes, mut segments) = (0, 0, 0);
    let mut i = 0;
    while i < items.len() {
        let (r, l, s) = item_counts(items[i].as_bytes());
        routes += r;
        leaves += l;
        segments += s + r * labels;
        i += 1;
    }
    [
        items.len() as u128,
        leaves as u128,
        routes as u128,
        segments as u128,
    ]
}

/// The length of [`Joined::blueprint`] of the same arguments.
///
/// ```
/// use flaxum::__private::blueprint_len;
/// // 'B', four one-digit counts, then the mount: no name, prefix or middleware.
/// assert_eq!(blueprint_len("@@A@@", &[]), 10);
/// ```
pub const fn blueprint_len(mount_text: &str, items: &[&str]) -> usize {
    let counts = blueprint_counts(mount_text, items);
    let mut n = 1 + mount_text.len();
    let mut c = 0;
    while c < 4 {
        n += width(counts[c]);
        c += 1;
    }
    let mut i = 0;
    while i < items.len() {
        n += items[i].len();
        i += 1;
    }
    n
}

impl<const N: usize> Joined<N> {
    /// `parts`, one after another, in the first bytes of `N`.
    ///
    /// ```
    /// use flaxum::__private::Joined;
    /// const J: Joined<8> = Joined::join(&["/a", "/bé"]);
    /// static S: Joined<8> = J;
    /// assert_eq!(S.as_str(), "/a/bé");
    /// ```
    pub const fn join(parts: &[&str]) -> Self {
        let mut bytes = [0u8; N];
        let mut k = 0;
        let mut i = 0;
        while i < parts.len() {
            k = put(&mut bytes, k, parts[i].as_bytes());
            i += 1;
        }
        Joined { bytes, len: k }
    }

    /// Appends `s` (a whole string).
    pub const fn push(&mut self, s: &str) {
        self.len = put(&mut self.bytes, self.len, s.as_bytes());
    }

    /// A blueprint's item: `'B'`, its counts, its mount (as `blueprint!`
    /// writes it), then its items. `N` is [`blueprint_len`].
    pub const fn blueprint(mount_text: &str, items: &[&str]) -> Self {
        let counts = blueprint_counts(mount_text, items);
        let mut bytes = [0u8; N];
        bytes[0] = BLUEPRINT;
        let mut k = 1;
        let mut c = 0;
        while c < 4 {
            k = put_num(&mut bytes, k, counts[c], width(counts[c]));
            c += 1;
        }
        k = put(&mut bytes, k, mount_text.as_bytes());
        let mut i = 0;
        while i < items.len() {
            k = put(&mut bytes, k, items[i].as_bytes());
            i += 1;
        }
        Joined { bytes, len: k }
    }

    /// `template` with `values[j]` written over the placeholder of
    /// [`PATCH_DIGITS`] ASCII digits at `at[j]`: the bounds of an `int`
    /// that only const evaluation knows. `N` is the template's length.
    pub const fn patch(template: &str, at: &[usize], values: &[u128]) -> Self {
        let mut out = Self::join(&[template]);
        let mut j = 0;
        while j < at.len() {
            let mut d = 0;
            while d < PATCH_DIGITS {
                // Only ASCII is overwritten, with ASCII.
                if out.bytes[at[j] + d] >= 0x80 {
                    panic!("flaxum: a placeholder of the item format is not ASCII");
                }
                d += 1;
            }
            put_num(&mut out.bytes, at[j], values[j], PATCH_DIGITS);
            j += 1;
        }
        out
    }

    /// `template` with `values[j]` written over the placeholder at
    /// `at[j]` (as [`Joined::patch`]) and the text of custom converter
    /// `inserts[j]` put before its byte `insert_at[j]`: a handler's item
    /// with custom converters, whose texts only const evaluation knows.
    /// `N` is the template's length plus [`matches_len`] of each insert.
    pub const fn splice(
        template: &str,
        at: &[usize],
        values: &[u128],
        insert_at: &[usize],
        inserts: &[Matches],
    ) -> Self {
        let patched = Joined::<N>::patch(template, at, values);
        let t = patched.bytes.split_at(template.len()).0;
        let mut bytes = [0u8; N];
        let (mut k, mut from) = (0, 0);
        let mut j = 0;
        while j <= insert_at.len() {
            let to = if j < insert_at.len() {
                insert_at[j]
            } else {
                t.len()
            };
            // The template between two places is whole (ASCII around
            // each place), and a converter's text is ASCII but for an
            // `any` word, which is whole.
            if j < insert_at.len()
                && (to == 0 || to >= t.len() || t[to - 1] >= 0x80 || t[to] >= 0x80)
            {
                panic!("flaxum: a converter's place in the item format is not between ASCII bytes");
            }
            k = put(&mut bytes, k, t.split_at(to).0.split_at(from).1);
            if j < insert_at.len() {
                k = put_matches(&mut bytes, k, &inserts[j]);
            }
            from = to;
            j += 1;
        }
        Joined { bytes, len: k }
    }

    /// The joined text.
    pub const fn as_str(&'static self) -> &'static str {
        let used = self.bytes.split_at(self.len).0;
        // SAFETY: `used` is whole `&str`s copied one after another and
        // ASCII written between them (`join`, `blueprint`), ASCII written
        // over ASCII (`patch`), or a patched template cut at places that
        // `patch`'s check proves are between ASCII bytes, with ASCII and
        // whole words put between the pieces (`splice`); every constructor
        // keeps the bytes UTF-8.
        unsafe { core::str::from_utf8_unchecked(used) }
    }

    /// `self.as_str()[start..end]`; panics unless both ends are character
    /// boundaries.
    pub const fn slice(&'static self, start: usize, end: usize) -> &'static str {
        // `split_at` panics off a character boundary.
        self.as_str().split_at(end).0.split_at(start).1
    }
}
