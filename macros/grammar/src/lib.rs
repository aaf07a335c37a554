//! The route path grammar of flaxum.
//!
//! [`parse`] turns a route path such as `"/users/<int:id>/posts/:post"` into
//! its [`Seg`]ments, or reports **every** problem of the path at once, each
//! as an [`Error`] with a byte span into the path. The route macros use it to
//! emit compile errors ([`Error::render`] draws a caret line under the
//! offending part, since a proc macro cannot point inside a string literal);
//! build scripts and tests use it directly.
//!
//! Three parameter syntaxes are accepted and mean the same thing:
//! `:id`, `{id}` and Flask's `<id>`. Converters (`<int:id>`,
//! `<string(length=2):lang>`, `<any(en, de):lang>`, …) are written in Flask's
//! syntax only, with werkzeug's arguments. A catch-all is `*rest`, `{*rest}`
//! or `<path:rest>`, and only the last segment may be one.
//!
//! ```
//! use flaxum_grammar::{parse, Conv, Seg};
//!
//! let segs = parse("/users/<int:id>").unwrap();
//! assert_eq!(segs[0], Seg::Static { text: "users".into(), span: 1..6 });
//! assert_eq!(segs[1].param_name(), Some("id"));
//!
//! let errors = parse("/users/<int:id>/posts/<id>").unwrap_err();
//! assert_eq!(errors[0].message, "duplicate parameter name `id`");
//! assert_eq!(errors[0].span, 22..26);
//! ```
#![forbid(unsafe_code)]

mod args;
mod conv;
mod encode;
mod error;
pub mod item;
mod lex;
mod name;
mod parse;
mod split;

use core::ops::Range;

pub use encode::is_plain_pchar;
pub use error::Error;
pub use name::is_keyword;
pub use parse::parse;

/// The HTTP methods a route may name, in the order `Allow` lists them. A
/// method's index here is its bit in the runtime's `Methods` set (a test
/// of the runtime checks that they agree).
pub const METHODS: [&str; 9] = [
    "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "CONNECT", "TRACE",
];

/// The primitive integer types: a path parameter received by one of them
/// is parsed as digits (the `int` converter's rule), and an `int`
/// converter's bounds are checked against its range. The runtime
/// implements its integer parameters for exactly these (a test of the
/// runtime checks that they agree).
pub const INT_TYPES: [&str; 12] = [
    "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize",
];

/// The most parameters a route may have (the runtime's
/// `table::MAX_PARAMS`).
pub const MAX_PARAMS: usize = 16;

/// The most segments a route's path may have (the runtime's
/// `table::MAX_SEGMENTS`).
pub const MAX_SEGMENTS: usize = 64;

/// One `/`-separated segment of a route path.
///
/// `"/a/b/"` parses to `[Static a, Static b, Static ""]` and `"/"` to
/// `[Static ""]`: an empty static segment is the trailing slash, and is only
/// ever the last segment. Spans are byte ranges into the parsed path: the
/// segment without its slashes (so the trailing empty segment has an empty
/// span at the end of the path).
///
/// ```
/// use flaxum_grammar::{parse, Conv, Seg};
///
/// assert_eq!(
///     parse("/files/*rest").unwrap(),
///     vec![
///         Seg::Static { text: "files".into(), span: 1..6 },
///         Seg::CatchAll { name: "rest".into(), span: 7..12 },
///     ]
/// );
/// assert_eq!(parse("/").unwrap(), vec![Seg::Static { text: String::new(), span: 1..1 }]);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum Seg {
    /// Literal text in canonical percent-encoded form: escapes decoded, then
    /// every byte other than an unreserved character, a sub-delimiter, `:` or
    /// `@` written as upper-case `%XX` (`"/café"` gives `"caf%C3%A9"`).
    Static {
        /// The canonical text (empty for a trailing slash).
        text: String,
        /// The segment in the path.
        span: Range<usize>,
    },
    /// A parameter filling its whole segment: `:name`, `{name}`, `<name>`,
    /// `<conv:name>` or `<conv(args):name>`.
    Param {
        /// The parameter's name, an ASCII identifier (possibly a Rust
        /// keyword, see [`is_keyword`]).
        name: String,
        /// The converter; plain parameters get `Conv::String { min: 1, max: u32::MAX }`.
        conv: Conv,
        /// The segment in the path.
        span: Range<usize>,
    },
    /// A catch-all, `*name`, `{*name}` or `<path:name>`: one or more
    /// characters, slashes included. Always the last segment.
    CatchAll {
        /// The parameter's name.
        name: String,
        /// The segment in the path.
        span: Range<usize>,
    },
}

impl Seg {
    /// The parameter name of a parameter or catch-all segment, `None` for
    /// static text.
    ///
    /// ```
    /// use flaxum_grammar::parse;
    ///
    /// let segs = parse("/users/{id}/*rest").unwrap();
    /// let names: Vec<_> = segs.iter().filter_map(|s| s.param_name()).collect();
    /// assert_eq!(names, ["id", "rest"]);
    /// ```
    pub fn param_name(&self) -> Option<&str> {
        match self {
            Seg::Static { .. } => None,
            Seg::Param { name, .. } | Seg::CatchAll { name, .. } => Some(name),
        }
    }

    /// The byte range of the segment in the parsed path (without slashes).
    ///
    /// ```
    /// use flaxum_grammar::parse;
    ///
    /// let path = "/users/<int:id>";
    /// let segs = parse(path).unwrap();
    /// assert_eq!(&path[segs[1].span()], "<int:id>");
    /// ```
    pub fn span(&self) -> Range<usize> {
        match self {
            Seg::Static { span, .. } | Seg::Param { span, .. } | Seg::CatchAll { span, .. } => {
                span.clone()
            }
        }
    }
}

/// The converter of a parameter, with Flask's (werkzeug 3) meaning.
///
/// ```
/// use flaxum_grammar::{parse, Conv, Seg};
///
/// let segs = parse("/<int(min=1, max=99):page>").unwrap();
/// let Seg::Param { conv, .. } = &segs[0] else { unreachable!() };
/// assert_eq!(
///     *conv,
///     Conv::Int { min: Some(1), max: Some(99), fixed_digits: 0, signed: false }
/// );
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum Conv {
    /// Flask's `string` (alias `default`) and the plain parameters `:x`,
    /// `{x}`, `<x>`: any non-empty segment whose decoded length in
    /// characters lies in `min..=max`.
    String {
        /// `minlength` (at least 1, the default) or `length`.
        min: u32,
        /// `maxlength` or `length`; `u32::MAX` when unbounded.
        max: u32,
    },
    /// Flask's `int`: ASCII digits, with a leading `-` only when `signed`.
    Int {
        /// `min`, when given.
        min: Option<i128>,
        /// `max`, when given.
        max: Option<i128>,
        /// `fixed_digits`: the exact number of digits, 0 for any.
        fixed_digits: u8,
        /// `signed`: whether negative values are accepted.
        signed: bool,
    },
    /// Flask's `float`: digits `.` digits, with a leading `-` only when
    /// `signed`.
    Float {
        /// `min`, when given.
        min: Option<f64>,
        /// `max`, when given.
        max: Option<f64>,
        /// `signed`: whether negative values are accepted.
        signed: bool,
    },
    /// Flask's `uuid`: canonical 8-4-4-4-12 hexadecimal, either case.
    Uuid,
    /// Flask's `any(a, b, c)`: exactly one of the words (decoded text, each
    /// listed once, in the order written).
    Any(Vec<String>),
    /// A converter that is not built in (`<slug:s>`): a custom converter,
    /// whose handler argument's type declares what it matches (the
    /// runtime's `UrlConverter`). Its name is an ASCII identifier; it takes
    /// no arguments.
    Custom(String),
}

impl Conv {
    /// The converter of a plain parameter (`:x`, `{x}`, `<x>`): any
    /// non-empty segment.
    ///
    /// ```
    /// use flaxum_grammar::{parse, Conv, Seg};
    ///
    /// let segs = parse("/:x").unwrap();
    /// assert!(matches!(&segs[0], Seg::Param { conv, .. } if *conv == Conv::PLAIN));
    /// ```
    pub const PLAIN: Conv = Conv::String {
        min: 1,
        max: u32::MAX,
    };
}
