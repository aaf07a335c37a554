//! Route descriptors: what the route macros emit for each handler, as a
//! constant, and what the const table builder consumes.

pub(crate) mod convert;
pub(crate) mod custom;
pub mod method;

use crate::route::method::Methods;

/// One route, as the route macros emit it: the methods, the path already
/// parsed into segments, and where the handler is.
///
/// A descriptor is plain data built in `const` context; the table builder
/// ([`build`](crate::table::build)) validates every descriptor again, so a
/// hand-written descriptor gets the same checks as a generated one.
///
/// ```
/// use flaxum::route::{Converter, RouteDef, Segment};
/// use flaxum::Methods;
///
/// const USER: RouteDef = RouteDef {
///     methods: Methods::GET,
///     path: "/users/<int:id>",
///     segments: &[
///         Segment::Static("users"),
///         Segment::Param { name: "id", conv: Converter::INT },
///     ],
///     handler: "user",
///     file: file!(),
///     line: line!(),
///     column: column!(),
///     strict_slashes: true,
///     blueprint: "",
///     middleware: "",
/// };
/// assert_eq!(USER.param_count(), 1);
/// ```
#[derive(Clone, Copy, Debug)]
pub struct RouteDef {
    /// The methods the handler answers. `HEAD` is implied by `GET` unless a
    /// route of the same path declares `HEAD` itself.
    pub methods: Methods,
    /// The path exactly as the user wrote it, for messages and listings.
    pub path: &'static str,
    /// The path split at `/`: `"/a/b/"` is `["a", "b", ""]`, `"/"` is `[""]`.
    /// An empty static segment is allowed only last (a trailing slash).
    pub segments: &'static [Segment],
    /// The handler's name, for messages and listings.
    pub handler: &'static str,
    /// The source file that declares the route.
    pub file: &'static str,
    /// The line of the route attribute.
    pub line: u32,
    /// The column of the route attribute.
    pub column: u32,
    /// Flask's `strict_slashes`: when `true`, `/projects/` answers `/projects`
    /// with a 308 redirect and `/about` does not answer `/about/`; when
    /// `false`, both spellings reach the handler directly.
    pub strict_slashes: bool,
    /// The blueprint the route belongs to, as Flask names it (`"auth"`, or
    /// `"admin.users"` when nested); empty for a route of the app itself.
    pub blueprint: &'static str,
    /// The names of the route's middleware, outermost first, separated by
    /// `", "`, for listings; empty when it has none.
    pub middleware: &'static str,
}

/// One `/`-separated piece of a route path.
///
/// ```
/// use flaxum::route::{Converter, Segment};
///
/// let seg = Segment::Param { name: "id", conv: Converter::INT };
/// assert_eq!(seg.param_name(), Some("id"));
/// assert_eq!(Segment::Static("users").param_name(), None);
/// ```
#[derive(Clone, Copy, Debug)]
pub enum Segment {
    /// Literal text in its canonical percent-encoded form (non-ASCII and
    /// characters outside RFC 3986 `pchar` as upper-case `%XX`).
    Static(&'static str),
    /// One parameter filling the whole segment.
    Param {
        /// The parameter's name, which is also the handler argument's name.
        name: &'static str,
        /// The converter that constrains which segments match.
        conv: Converter,
    },
    /// A catch-all (`<path:name>`, `*name`, `{*name}`): one or more
    /// characters, slashes included. Only the last segment may be one.
    CatchAll {
        /// The parameter's name.
        name: &'static str,
    },
}

impl Segment {
    /// The parameter name of a parameter or catch-all segment.
    ///
    /// ```
    /// use flaxum::route::Segment;
    /// assert_eq!(Segment::CatchAll { name: "rest" }.param_name(), Some("rest"));
    /// ```
    pub const fn param_name(&self) -> Option<&'static str> {
        match self {
            Segment::Static(_) => None,
            Segment::Param { name, .. } | Segment::CatchAll { name } => Some(name),
        }
    }

    /// The specificity tier of the segment: lower is more specific.
    /// Static text is 0, a constrained parameter (`int`, `float`, `uuid`,
    /// `any`, a custom converter) 1, a plain or `string` parameter 2, a
    /// catch-all 3.
    ///
    /// ```
    /// use flaxum::route::{Converter, Segment};
    /// assert!(Segment::Static("a").tier() < Segment::Param { name: "x", conv: Converter::INT }.tier());
    /// ```
    pub const fn tier(&self) -> u8 {
        match self {
            Segment::Static(_) => 0,
            Segment::Param { conv, .. } => conv.tier(),
            Segment::CatchAll { .. } => 3,
        }
    }
}

/// The converter of a parameter, with Flask's meaning and arguments.
///
/// Converters are matching constraints: a segment a converter refuses does
/// not match the route, and the search goes on with less specific routes.
/// Converters look at the percent-decoded value, as Flask does.
///
/// ```
/// use flaxum::route::Converter;
///
/// assert!(Converter::INT.matches(b"0042"));
/// assert!(!Converter::INT.matches(b"+1"));
/// assert!(Converter::Any(&["en", "de"]).matches(b"de"));
/// ```
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub enum Converter {
    /// Flask's `string`, the default: any non-empty segment whose decoded
    /// length in characters lies in `min..=max`.
    String {
        /// `minlength` (at least 1), or `length`.
        min: u32,
        /// `maxlength`, or `length`; `u32::MAX` when unbounded.
        max: u32,
    },
    /// Flask's `int`: ASCII digits, a `-` only when `signed`; leading zeros
    /// are accepted unless `fixed_digits` is set; values out of `min..=max`
    /// (and values that overflow) are refused.
    Int {
        /// The smallest value accepted.
        min: i128,
        /// The largest value accepted.
        max: i128,
        /// The exact number of digits, or 0 for any.
        fixed_digits: u8,
        /// Whether a leading `-` is accepted.
        signed: bool,
    },
    /// Flask's `float`: digits `.` digits, a `-` only when `signed`.
    Float {
        /// The smallest value accepted.
        min: f64,
        /// The largest value accepted.
        max: f64,
        /// Whether a leading `-` is accepted.
        signed: bool,
    },
    /// Flask's `uuid`: canonical 8-4-4-4-12 hex, either case.
    Uuid,
    /// Flask's `any(a, b, c)`: exactly one of the words.
    Any(&'static [&'static str]),
    /// A custom converter's character class (a [`UrlConverter`] whose
    /// [`Matches`] is [`Matches::chars`]): every decoded byte is an ASCII
    /// character of the class, and the value has `min..=max` of them.
    ///
    /// [`UrlConverter`]: crate::UrlConverter
    /// [`Matches`]: crate::Matches
    /// [`Matches::chars`]: crate::Matches::chars
    Class {
        /// The class: bit `c` is set when ASCII character `c` is in it.
        chars: u128,
        /// The fewest characters (at least 1).
        min: u32,
        /// The most characters; `u32::MAX` when unbounded.
        max: u32,
    },
}

impl Converter {
    /// A plain parameter: any non-empty segment.
    pub const PLAIN: Converter = Converter::String {
        min: 1,
        max: u32::MAX,
    };
    /// `<int:…>` with no arguments: unsigned, up to `u64::MAX`.
    pub const INT: Converter = Converter::Int {
        min: 0,
        max: u64::MAX as i128,
        fixed_digits: 0,
        signed: false,
    };
    /// `<float:…>` with no arguments.
    pub const FLOAT: Converter = Converter::Float {
        min: f64::NEG_INFINITY,
        max: f64::INFINITY,
        signed: false,
    };

    /// Flask's `int` with its optional arguments: `min` defaults to 0 (or
    /// `i64::MIN` when `signed`) and `max` to `u64::MAX`; a handler's
    /// integer type narrows the range further (see [`Converter::within`]).
    ///
    /// ```
    /// use flaxum::route::Converter;
    /// let c = Converter::int(Some(1), None, 0, false);
    /// assert!(c.matches(b"1"));
    /// assert!(!c.matches(b"0"));
    /// ```
    pub const fn int(
        min: Option<i128>,
        max: Option<i128>,
        fixed_digits: u8,
        signed: bool,
    ) -> Converter {
        let lo = if signed { i64::MIN as i128 } else { 0 };
        Converter::Int {
            min: match min {
                Some(v) => v,
                None => lo,
            },
            max: match max {
                Some(v) => v,
                None => u64::MAX as i128,
            },
            fixed_digits,
            signed,
        }
    }

    /// Flask's `float` with its optional arguments.
    ///
    /// ```
    /// use flaxum::route::Converter;
    /// let c = Converter::float(Some(0.5), None, false);
    /// assert!(c.matches(b"0.5"));
    /// assert!(!c.matches(b"0.4"));
    /// ```
    pub const fn float(min: Option<f64>, max: Option<f64>, signed: bool) -> Converter {
        Converter::Float {
            min: match min {
                Some(v) => v,
                None => f64::NEG_INFINITY,
            },
            max: match max {
                Some(v) => v,
                None => f64::INFINITY,
            },
            signed,
        }
    }

    /// An `int` converter narrowed to the values of the handler's type,
    /// `lo..=hi`: a value the type cannot hold does not match the route
    /// (and so never overflows). Other converters are returned unchanged.
    ///
    /// ```
    /// use flaxum::route::Converter;
    /// let c = Converter::INT.within(u8::MIN as i128, u8::MAX as i128);
    /// assert!(c.matches(b"255"));
    /// assert!(!c.matches(b"256"));
    /// ```
    pub const fn within(self, lo: i128, hi: i128) -> Converter {
        match self {
            Converter::Int {
                min,
                max,
                fixed_digits,
                signed,
            } => Converter::Int {
                min: if min > lo { min } else { lo },
                max: if max < hi { max } else { hi },
                fixed_digits,
                signed,
            },
            other => other,
        }
    }

    /// The specificity tier (see [`Segment::tier`]).
    ///
    /// ```
    /// use flaxum::route::Converter;
    /// assert_eq!(Converter::PLAIN.tier(), 2);
    /// assert_eq!(Converter::Uuid.tier(), 1);
    /// ```
    pub const fn tier(&self) -> u8 {
        match self {
            Converter::String { .. } => 2,
            _ => 1,
        }
    }
}

impl RouteDef {
    /// The number of parameters (catch-all included) of the route.
    ///
    /// ```
    /// use flaxum::route::{RouteDef, Segment};
    /// const R: RouteDef = RouteDef::new(flaxum::Methods::GET, "/", &[Segment::Static("")], "index");
    /// assert_eq!(R.param_count(), 0);
    /// ```
    pub const fn param_count(&self) -> usize {
        let mut n = 0;
        let mut i = 0;
        let n_segments = self.segments.len();
        while i < n_segments {
            if self.segments[i].param_name().is_some() {
                n += 1;
            }
            i += 1;
        }
        n
    }

    /// A descriptor with no source location and strict slashes, for tables
    /// written by hand.
    ///
    /// ```
    /// use flaxum::route::{RouteDef, Segment};
    /// const R: RouteDef = RouteDef::new(flaxum::Methods::GET, "/about", &[Segment::Static("about")], "about");
    /// assert!(R.strict_slashes);
    /// ```
    pub const fn new(
        methods: Methods,
        path: &'static str,
        segments: &'static [Segment],
        handler: &'static str,
    ) -> RouteDef {
        RouteDef {
            methods,
            path,
            segments,
            handler,
            file: "",
            line: 0,
            column: 0,
            strict_slashes: true,
            blueprint: "",
            middleware: "",
        }
    }

    /// The endpoint name, as Flask spells it: the handler's name, after
    /// its blueprint's (`"auth.login"`).
    ///
    /// ```
    /// use flaxum::route::{RouteDef, Segment};
    /// let mut r = RouteDef::new(flaxum::Methods::GET, "/login", &[Segment::Static("login")], "login");
    /// assert_eq!(r.endpoint(), "login");
    /// r.blueprint = "auth";
    /// assert_eq!(r.endpoint(), "auth.login");
    /// ```
    pub fn endpoint(&self) -> String {
        if self.blueprint.is_empty() {
            self.handler.to_string()
        } else {
            format!("{}.{}", self.blueprint, self.handler)
        }
    }

    /// The index among the route's parameters of the one called `name`.
    ///
    /// ```
    /// use flaxum::route::{Converter, RouteDef, Segment};
    /// const R: RouteDef = RouteDef::new(
    ///     flaxum::Methods::GET,
    ///     "/:a/:b",
    ///     &[Segment::Param { name: "a", conv: Converter::PLAIN }, Segment::Param { name: "b", conv: Converter::PLAIN }],
    ///     "h",
    /// );
    /// assert_eq!(R.param_index("b"), Some(1));
    /// assert_eq!(R.param_index("c"), None);
    /// ```
    pub const fn param_index(&self, name: &str) -> Option<usize> {
        let mut n = 0;
        let mut i = 0;
        let n_segments = self.segments.len();
        while i < n_segments {
            if let Some(p) = self.segments[i].param_name() {
                if crate::bytes::eq(p.as_bytes(), name.as_bytes()) {
                    return Some(n);
                }
                n += 1;
            }
            i += 1;
        }
        None
    }
}

impl crate::bytes::Msg {
    /// Appends `, file:line` of a route, when it has a place.
    pub(crate) const fn push_place(self, r: &RouteDef) -> crate::bytes::Msg {
        if r.file.is_empty() {
            return self;
        }
        self.push(", ")
            .push(r.file)
            .push(":")
            .push_num(r.line as usize)
    }
}
