//! The item format: the one string a route attribute emits for its
//! handler's routes (and `blueprint!` and `routes!` for their mounts). The
//! runtime's `flaxum::item` module documents the format and reads it; this
//! module writes it, and the runtime's tests decode what it writes.
//!
//! ```
//! use flaxum_grammar::item::{handler_item, ItemConv, Route, RouteSeg};
//!
//! let route = Route {
//!     methods: 1, // GET
//!     strict_slashes: true,
//!     spelled: false,
//!     segs: vec![
//!         RouteSeg::Static("users".into()),
//!         RouteSeg::Param { name: "id".into(), conv: ItemConv::Int { min: Some(0), max: Some(u64::MAX as i128), fixed_digits: 0, signed: false } },
//!     ],
//!     path: "/users/<int:id>",
//!     handler: "user",
//!     middleware: "",
//!     file: "src/main.rs",
//!     line: 3,
//!     column: 1,
//! };
//! let item = handler_item(&[route], &["id"], &[0]);
//! assert!(item.text.starts_with('H'));
//! assert!(item.patches.is_empty());
//! ```

/// How many digits a number filled in by const evaluation takes (the
/// runtime's `item::PATCH_DIGITS`).
pub const PATCH_DIGITS: usize = 26;

/// A converter with its bounds resolved; an `int` bound that only the
/// compiler knows (from the argument's type) is `None` in
/// [`ItemConv::Int`], and written as a placeholder.
#[derive(Clone, Debug, PartialEq)]
pub enum ItemConv {
    /// `string(minlength, maxlength)`, and plain parameters.
    String {
        /// At least 1.
        min: u32,
        /// `u32::MAX` when unbounded.
        max: u32,
    },
    /// `int`: its bounds, narrowed to the argument's type, or `None` where
    /// const evaluation fills them in.
    Int {
        /// The smallest value.
        min: Option<i128>,
        /// The largest value.
        max: Option<i128>,
        /// `fixed_digits`, 0 for any.
        fixed_digits: u8,
        /// Whether a `-` is accepted.
        signed: bool,
    },
    /// `float`.
    Float {
        /// The smallest value (`-inf` when unbounded).
        min: f64,
        /// The largest value (`inf` when unbounded).
        max: f64,
        /// Whether a `-` is accepted.
        signed: bool,
    },
    /// `uuid`.
    Uuid,
    /// `any(a, b)`.
    Any(Vec<String>),
    /// A custom converter: what it matches is its type's, which only
    /// const evaluation reads; the item has a place for it
    /// ([`Encoded::inserts`]).
    Custom,
}

/// One segment of a route.
#[derive(Clone, Debug, PartialEq)]
pub enum RouteSeg {
    /// Canonical static text.
    Static(String),
    /// A parameter.
    Param {
        /// Its name.
        name: String,
        /// Its converter.
        conv: ItemConv,
    },
    /// The catch-all.
    CatchAll {
        /// Its name.
        name: String,
    },
}

/// One route of a handler, as its attribute declares it.
#[derive(Clone, Debug)]
pub struct Route<'a> {
    /// The methods' bits (the runtime's `Methods`).
    pub methods: u16,
    /// Flask's `strict_slashes`.
    pub strict_slashes: bool,
    /// Whether the path is static and written as `"/"` and its labels
    /// joined by `"/"` ([`spelled`]).
    pub spelled: bool,
    /// The segments.
    pub segs: Vec<RouteSeg>,
    /// The path as written.
    pub path: &'a str,
    /// The handler's name.
    pub handler: &'a str,
    /// The route's middleware names, `", "`-separated.
    pub middleware: &'a str,
    /// The source file of the attribute.
    pub file: &'a str,
    /// Its line.
    pub line: u32,
    /// Its column.
    pub column: u32,
}

/// A handler's item: the text, and where the placeholders of the bounds
/// const evaluation fills in start, in the order the routes' `int`
/// converters take them (each converter's `min`, then its `max`).
///
/// A route with a custom converter leaves a place for its converter's
/// text, which const evaluation writes in ([`Encoded::inserts`]), and
/// its two byte counts (the route's length, its segments' length) are
/// placeholders too, whose values count those texts
/// ([`Encoded::lengths`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Encoded {
    /// The item.
    pub text: String,
    /// The byte offsets of the placeholders of `int` bounds.
    pub patches: Vec<usize>,
    /// Where each custom converter's text goes: before the byte at this
    /// offset, in the order of the routes and their segments.
    pub inserts: Vec<usize>,
    /// The placeholders of byte counts that include inserted texts: the
    /// offset, the count without them, and which [`Encoded::inserts`] it
    /// counts.
    pub lengths: Vec<Length>,
}

/// A byte count that includes custom converters' texts ([`Encoded::lengths`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Length {
    /// The placeholder's offset.
    pub at: usize,
    /// The count without the inserted texts.
    pub bytes: usize,
    /// The indices of the inserts it counts.
    pub inserts: Vec<usize>,
}

/// Writes the format's numbers and texts.
#[derive(Default)]
struct Writer {
    out: String,
    patches: Vec<usize>,
    inserts: Vec<usize>,
    lengths: Vec<Length>,
}

impl Writer {
    fn byte(&mut self, b: u8) {
        self.out.push(char::from(b));
    }

    fn num(&mut self, v: u128) {
        let mut digits = Vec::new();
        let mut v = v;
        loop {
            digits.push((v & 31) as u8);
            v >>= 5;
            if v == 0 {
                break;
            }
        }
        let last = digits.len() - 1;
        for (i, d) in digits.iter().rev().enumerate() {
            self.byte(if i == last { b'@' + d } else { b'`' + d });
        }
    }

    fn placeholder(&mut self) {
        self.patches.push(self.out.len());
        self.digits_placeholder();
    }

    fn digits_placeholder(&mut self) {
        for _ in 0..PATCH_DIGITS - 1 {
            self.byte(b'`');
        }
        self.byte(b'@');
    }

    /// `part`'s length in bytes, then `part`: a number, or a placeholder
    /// when `part` has places for custom converters' texts.
    fn counted(&mut self, part: Writer) {
        if part.inserts.is_empty() {
            self.num(part.out.len() as u128);
        } else {
            let first = self.inserts.len();
            self.lengths.push(Length {
                at: self.out.len(),
                bytes: part.out.len(),
                inserts: (first..first + part.inserts.len()).collect(),
            });
            self.digits_placeholder();
        }
        self.append(part);
    }

    /// Appends what `part` wrote, with its places.
    fn append(&mut self, part: Writer) {
        let base = self.out.len();
        let first = self.inserts.len();
        self.out.push_str(&part.out);
        self.patches.extend(part.patches.iter().map(|p| p + base));
        self.inserts.extend(part.inserts.iter().map(|p| p + base));
        self.lengths
            .extend(part.lengths.into_iter().map(|l| Length {
                at: l.at + base,
                bytes: l.bytes,
                inserts: l.inserts.iter().map(|i| i + first).collect(),
            }));
    }

    fn text(&mut self, s: &str) {
        self.num(s.len() as u128);
        self.out.push_str(s);
    }

    fn digit(&mut self, d: u8) {
        debug_assert!(d < 32);
        self.byte(b'@' + d);
    }

    fn bound(&mut self, b: Option<i128>) {
        match b {
            Some(v) => self.num(zigzag(v)),
            None => self.placeholder(),
        }
    }

    fn conv(&mut self, c: &ItemConv) {
        match c {
            ItemConv::String {
                min: 1,
                max: u32::MAX,
            } => self.byte(b'p'),
            ItemConv::String { min, max } => {
                self.byte(b's');
                self.num(u128::from(*min));
                self.num(u128::from(*max));
            }
            ItemConv::Int {
                min: Some(0),
                max: Some(m),
                fixed_digits: 0,
                signed: false,
            } if *m == u64::MAX as i128 => self.byte(b'I'),
            ItemConv::Int {
                min,
                max,
                fixed_digits,
                signed,
            } => {
                self.byte(b'i');
                self.bound(*min);
                self.bound(*max);
                self.num(u128::from(*fixed_digits));
                self.digit(u8::from(*signed));
            }
            ItemConv::Float { min, max, signed }
                if *min == f64::NEG_INFINITY && *max == f64::INFINITY && !signed =>
            {
                self.byte(b'F')
            }
            ItemConv::Float { min, max, signed } => {
                self.byte(b'f');
                self.num(u128::from(min.to_bits()));
                self.num(u128::from(max.to_bits()));
                self.digit(u8::from(*signed));
            }
            ItemConv::Uuid => self.byte(b'u'),
            ItemConv::Any(words) => {
                self.byte(b'a');
                self.num(words.len() as u128);
                for w in words {
                    self.text(w);
                }
            }
            ItemConv::Custom => self.inserts.push(self.out.len()),
        }
    }

    /// A route: its length, then its fields (so that a reader skips it
    /// in one step).
    fn route(&mut self, r: &Route<'_>) {
        let mut body = Writer::default();
        body.route_fields(r);
        self.counted(body);
    }

    fn route_fields(&mut self, r: &Route<'_>) {
        self.num(u128::from(r.methods));
        self.digit(u8::from(r.strict_slashes) | u8::from(r.spelled) << 1);
        self.num(r.segs.len() as u128);
        let mut segs = Writer::default();
        for s in &r.segs {
            match s {
                RouteSeg::Static(label) => {
                    segs.byte(b'S');
                    segs.text(label);
                }
                RouteSeg::Param { name, conv } => {
                    segs.byte(b'P');
                    segs.conv(conv);
                    segs.text(name);
                }
                RouteSeg::CatchAll { name } => {
                    segs.byte(b'C');
                    segs.text(name);
                }
            }
        }
        // The segments' length, so that a reader finds the path without
        // reading them.
        self.counted(segs);
        self.text(r.path);
        self.text(r.handler);
        self.text(r.middleware);
        self.text(r.file);
        self.num(u128::from(r.line));
        self.num(u128::from(r.column));
    }
}

/// `v` as the format's unsigned number (`0, -1, 1, -2` as `0, 1, 2, 3`).
pub fn zigzag(v: i128) -> u128 {
    ((v << 1) ^ (v >> 127)) as u128
}

/// A handler's item: its routes, the names of its arguments that receive
/// a path parameter, and for each route then each such argument, the
/// parameter's index among the route's parameters plus 16 for the
/// catch-all (`places[route * names.len() + k]`).
///
/// # Panics
///
/// When `places` has not `routes.len() * names.len()` entries, or one is 32
/// or more.
pub fn handler_item(routes: &[Route<'_>], names: &[&str], places: &[u8]) -> Encoded {
    assert_eq!(places.len(), routes.len() * names.len());
    let mut w = Writer::default();
    // What `routes!`'s check skips: the counts, places and names.
    let mut head = Writer::default();
    head.num(names.len() as u128);
    head.num(routes.iter().map(|r| r.segs.len() as u128).sum());
    for &p in places {
        head.digit(p);
    }
    for n in names {
        head.text(n);
    }
    w.byte(b'H');
    w.num(routes.len() as u128);
    w.num(head.out.len() as u128);
    w.out.push_str(&head.out);
    for r in routes {
        w.route(r);
    }
    Encoded {
        text: w.out,
        patches: w.patches,
        inserts: w.inserts,
        lengths: w.lengths,
    }
}

/// A mount: a blueprint's name, URL prefix (without a trailing slash) and
/// its static labels, and middleware names; the app's has no name and no
/// prefix. `blueprint!` and `routes!` write it, and const evaluation puts
/// the blueprint's counts and items around it.
///
/// ```
/// let m = flaxum_grammar::item::mount("auth", "/auth", &["auth".to_string()], "");
/// assert_eq!(m, "DauthE/authAADauth@");
/// ```
pub fn mount(name: &str, prefix: &str, labels: &[String], middleware: &str) -> String {
    let mut w = Writer::default();
    w.text(name);
    w.text(prefix);
    let written: String = labels.iter().map(|l| format!("/{l}")).collect();
    w.digit(u8::from(written == prefix));
    w.num(labels.len() as u128);
    for l in labels {
        w.text(l);
    }
    w.text(middleware);
    w.out
}

/// Whether `path` is static and written as its canonical labels joined
/// with `/` (`"/a/b"` for `[a, b]`, `"/"` for `[""]`): a route whose
/// request path can be looked up whole.
///
/// ```
/// use flaxum_grammar::{item::spelled, parse};
/// assert!(spelled("/a/b/", &parse("/a/b/").unwrap()));
/// assert!(!spelled("/caf\u{e9}", &parse("/caf\u{e9}").unwrap()));
/// assert!(!spelled("/a/:b", &parse("/a/:b").unwrap()));
/// ```
pub fn spelled(path: &str, segs: &[crate::Seg]) -> bool {
    let mut written = String::new();
    for s in segs {
        match s {
            crate::Seg::Static { text, .. } => {
                written.push('/');
                written.push_str(text);
            }
            _ => return false,
        }
    }
    written == path
}
