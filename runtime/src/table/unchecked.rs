//! [`Unchecked`]: a constant whose value const evaluation does not
//! validate again.
//!
//! After it evaluates a constant, the compiler walks the whole value and
//! checks every field against its type (references, enums, `bool`s…). For
//! the builder's result, an array of a few thousand slots and nodes per
//! table, that walk costs more than a tenth of a 200-route app's
//! `cargo check`: under cachegrind (`benches/compile`, BENCHMARKS.md,
//! "What validation costs"), wrapping the three largest constants of the
//! expansion took the compiler from 2,598 to 2,398 million instructions.
//!
//! A union's fields are not walked, so the value goes into a union of one
//! field. This is the crate's only `unsafe` code.

#![allow(unsafe_code)]

use core::mem::ManuallyDrop;

/// A constant's value in a union of one field, which const evaluation does
/// not validate field by field. The value is made by safe code that the
/// compiler interprets, checking every step as it runs, so the walk that
/// this skips could only ever confirm it.
///
/// ```
/// use flaxum::__private::Unchecked;
///
/// const BIG: Unchecked<[u16; 3]> = Unchecked::new([1, 2, 3]);
/// const SUM: u16 = {
///     let v = BIG.get();
///     v[0] + v[1] + v[2]
/// };
/// assert_eq!(SUM, 6);
/// ```
pub union Unchecked<T> {
    value: ManuallyDrop<T>,
}

impl<T> Unchecked<T> {
    /// Wraps `value`.
    pub const fn new(value: T) -> Self {
        Unchecked {
            value: ManuallyDrop::new(value),
        }
    }

    /// The value.
    pub const fn get(&self) -> &T {
        let field: *const ManuallyDrop<T> = &raw const self.value;
        // SAFETY: the union has one field, and `new`, its only constructor,
        // initializes it; `ManuallyDrop<T>` is `repr(transparent)` over `T`,
        // so the pointer is a valid `&T` for the borrow of `self`.
        unsafe { &*field.cast::<T>() }
    }
}
