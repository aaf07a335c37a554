//! The routes of a handler or blueprint, encoded as one string: what a
//! route attribute and `blueprint!` emit (`ITEM`), and what `routes!`
//! checks and decodes.
//!
//! A handler's routes used to be a constant of nested descriptors (a slice
//! of `RouteDef`s, each with a slice of segments). The compiler type-checks,
//! borrow-checks and evaluates such a constant body by body, which cost a
//! 200-route app's `cargo check` about as much as building the table did.
//! A string literal is one allocation and no code, about a fifth of that
//! (BENCHMARKS.md, "One string per handler"). The route attribute has
//! parsed and validated the path already, so the string holds the result:
//! canonical labels, converters with their bounds resolved, where each
//! parameter is.
//!
//! # The format
//!
//! Every byte is ASCII but inside text fields, which hold whole UTF-8
//! strings. A *number* is written big-endian in base 32: each digit but the
//! last is ``b'`' + d``, the last is `b'@' + d` (so `0..=31` is one byte,
//! `'@'..='_'`), and a digit's value is its low five bits, which const
//! evaluation reads without an overflow check. A *text* is its length in
//! bytes, a number, then the bytes. A *digit* is one final digit.
//!
//! ```text
//! item      = handler | blueprint
//! handler   = 'H' routes:number skip:number args:number segments:number
//!             place{routes * args} name:text{args} route{routes}
//!             (skip: the bytes from `args` to the first route)
//! place     = digit: the index of argument k's parameter among route d's
//!             parameters, plus 16 for a catch-all (entry d * args + k)
//! blueprint = 'B' items:number leaves:number routes:number segments:number
//!             mount item{items}
//! mount     = name:text prefix:text spelled:digit labels:number label:text{labels}
//!             middleware:text
//! route     = length:number methods:number flags:digit count:number
//!             segments:number segment{count}
//!             path:text handler:text middleware:text file:text line:number column:number
//!             (length: the bytes of the route after its length; segments:
//!             the bytes of its segments)
//! flags     = 1 (strict slashes) + 2 (spelled: static, and the path is
//!             "/" and the labels joined by "/")
//! segment   = 'S' label:text | 'P' conv name:text | 'C' name:text
//! conv      = 'p'                                  a plain parameter
//!           | 's' min:number max:number            string(minlength, maxlength)
//!           | 'I'                                  int, unsigned, up to u64::MAX
//!           | 'i' min:zigzag max:zigzag fixed_digits:number signed:digit
//!           | 'F'                                  float, unsigned, unbounded
//!           | 'f' min:bits max:bits signed:digit   (bits: f64::to_bits)
//!           | 'u'                                  uuid
//!           | 'a' count:number word:text{count}    any(…), or a custom
//!                                                  converter's words
//!           | 'k' chars:number min:number max:number
//!                                                  a custom converter's
//!                                                  class (bit c: ASCII c)
//! ```
//!
//! A custom converter's text comes from its type (`UrlConverter::MATCHES`),
//! which only const evaluation reads: the route attribute leaves a place
//! for it, and writes the route's length and its segments' length, which
//! count it, as placeholders ([`text::Joined::splice`]).
//!
//! `segments` counts the segments of every route below, a blueprint's
//! prefix included once per route, so that `routes!` sizes its working
//! arrays from the items' first bytes. `zigzag` maps `i128` to `u128`
//! (`0, -1, 1, -2, …` to `0, 1, 2, 3, …`). An `int` whose bounds come from
//! the argument's type (a type alias, `usize`) has both written with 26
//! digits, which const evaluation fills in ([`text::Joined::patch`]).
//!
//! The encoder is `flaxum_grammar::item`, which the route macros call; a
//! test decodes what it encodes.

pub(crate) mod check;
pub(crate) mod decode;
pub(crate) mod read;
mod slice;
pub(crate) mod text;

pub use check::{check, counts, Checked, Counts, Root};
pub use decode::{owners, route_defs, segments, texts, which, words};
pub use read::{leaf_count, url_arg, url_route, ItemRoute, UrlPiece};
pub use text::{blueprint_len, matches_len, Joined};

/// The first byte of a handler's item.
pub(crate) const HANDLER: u8 = b'H';
/// The first byte of a blueprint's item.
pub(crate) const BLUEPRINT: u8 = b'B';
/// A static segment.
pub(crate) const STATIC: u8 = b'S';
/// A parameter segment.
pub(crate) const PARAM: u8 = b'P';
/// A catch-all segment.
pub(crate) const CATCH_ALL: u8 = b'C';
/// A custom converter's character class.
pub(crate) const CLASS: u8 = b'k';
/// The flag of a route with strict slashes.
pub(crate) const STRICT: u8 = 1;
/// The flag of a route whose path is spelled as its labels.
pub(crate) const SPELLED: u8 = 2;
/// The first continuation digit of a number.
pub(crate) const MORE: u8 = b'`';
/// The first final digit of a number.
pub(crate) const LAST: u8 = b'@';
/// How many digits a number filled in by [`Joined::patch`] takes.
pub const PATCH_DIGITS: usize = 26;

/// `v` as the unsigned number the format writes (see the module docs).
pub const fn zigzag(v: i128) -> u128 {
    ((v << 1) ^ (v >> 127)) as u128
}

/// The `i128` that [`zigzag`] wrote as `z`.
pub(crate) const fn unzigzag(z: u128) -> i128 {
    ((z >> 1) as i128) ^ -((z & 1) as i128)
}

/// `int` bounds narrowed to a type's values, as `Converter::int(...)
/// .within(lo, hi)` narrows them: what const evaluation fills in for an
/// `int` whose argument type the route attribute cannot read.
///
/// ```
/// use flaxum::__private::int_bounds;
/// assert_eq!(int_bounds(None, None, false, 0, 255), (0, 255));
/// assert_eq!(int_bounds(Some(5), None, true, -128, 127), (5, 127));
/// ```
pub const fn int_bounds(
    min: Option<i128>,
    max: Option<i128>,
    signed: bool,
    lo: i128,
    hi: i128,
) -> (i128, i128) {
    let min = match min {
        Some(v) => v,
        None if signed => i64::MIN as i128,
        None => 0,
    };
    let max = match max {
        Some(v) => v,
        None => u64::MAX as i128,
    };
    (
        if min > lo { min } else { lo },
        if max < hi { max } else { hi },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zigzag_round_trips() {
        for v in [0, 1, -1, 2, -2, i128::MAX, i128::MIN, u64::MAX as i128] {
            assert_eq!(unzigzag(zigzag(v)), v);
        }
        assert_eq!(zigzag(0), 0);
        assert_eq!(zigzag(-1), 1);
        assert_eq!(zigzag(1), 2);
    }
}
