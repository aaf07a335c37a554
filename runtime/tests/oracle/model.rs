//! The test-side description of a route table: route specs drawn from a
//! small alphabet, turned into leaked (`'static`) `RouteDef`s and built into
//! `Table`s at run time with the const builder.
//!
//! Memory: `build` needs `'static` routes and `Built::table` a `'static`
//! `Built`, so every built table is leaked. To keep that small, segment
//! slices, `any` word lists and path strings are interned, and the `Built`
//! is sized by `caps` (a few size classes) instead of one big bound.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Once;

use flaxum::route::{Converter, RouteDef, Segment};
use flaxum::table::{build, caps, BuildOptions, Built, Table};
use flaxum::Methods;

/// Static words, in canonical form. The first six are drawn most often
/// (collisions; two share their first 7 bytes, where the builder's sort
/// keys stop, and differ only in their second word); the rest make nodes
/// with more static children and cover every kind of key: one of them is
/// a 7-byte prefix of another, two of sixteen bytes differ only in their
/// first word, and one has seventeen (hashed, then compared).
pub const WORDS: [&str; 14] = [
    "a",
    "b",
    "ab",
    "caf%C3%A9",
    "a%2Fb",
    "caf%C3%A8",
    "c",
    "d",
    "abcdefg",
    "abcdefgh",
    "abcdefghijklmnop",
    "bbcdefghijklmnop",
    "abcdefghijklmnopq",
    "subscriptions",
];
/// How many of `WORDS` are drawn often.
pub const FREQUENT_WORDS: u8 = 6;
/// Words of `any(...)` converters (decoded values, as the macros store them).
pub const ANY_WORDS: [&str; 6] = ["a", "b", "ab", "1", "1.5", "caf\u{e9}"];
/// Custom converters' classes (`Matches::chars`): letters no other
/// converter takes, letters of the `any` words, digits (some, all, with
/// `.` for floats), and hexadecimal with `-` (integers, a uuid).
pub const CLASSES: [&str; 5] = ["x", "ab", "01", "0-9.", "0-9a-f-"];
/// Bounds of `float` converters.
pub const FLOAT_BOUNDS: [f64; 6] = [f64::NEG_INFINITY, -1.0, 0.0, 0.5, 1.5, f64::INFINITY];
pub const U64MAX: i128 = u64::MAX as i128;

/// Parameter names by position in the route.
const NAMES: [&str; 16] = [
    "p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9", "p10", "p11", "p12", "p13", "p14",
    "p15",
];
/// Handler names: a route's identity, kept through shuffles.
const HANDLERS: [&str; 16] = [
    "h0", "h1", "h2", "h3", "h4", "h5", "h6", "h7", "h8", "h9", "h10", "h11", "h12", "h13", "h14",
    "h15",
];

/// A converter, by value (hashable; floats by index into `FLOAT_BOUNDS`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ConvSpec {
    Str {
        min: u32,
        max: u32,
    },
    Int {
        min: i128,
        max: i128,
        fixed: u8,
        signed: bool,
    },
    Float {
        min: u8,
        max: u8,
        signed: bool,
    },
    Uuid,
    /// Indices into `ANY_WORDS`, in the order written.
    Any(Vec<u8>),
    /// A custom converter's class: `CLASSES[class]`, `min..=max`
    /// characters.
    Class {
        class: u8,
        min: u32,
        max: u32,
    },
}

pub const PLAIN: ConvSpec = ConvSpec::Str {
    min: 1,
    max: u32::MAX,
};

/// One segment of a route.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum SegSpec {
    /// `WORDS[i]`.
    Static(u8),
    /// The empty static segment: a trailing slash (or the root).
    Slash,
    Param(ConvSpec),
    CatchAll,
}

/// One route.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RouteSpec {
    pub methods: u16,
    pub segs: Vec<SegSpec>,
    pub strict: bool,
}

impl SegSpec {
    /// The specificity tier, from DESIGN §4 (not from the crate).
    pub fn tier(&self) -> u8 {
        match self {
            SegSpec::Static(_) | SegSpec::Slash => 0,
            SegSpec::Param(ConvSpec::Str { .. }) => 2,
            SegSpec::Param(_) => 1,
            SegSpec::CatchAll => 3,
        }
    }
}

impl ConvSpec {
    pub fn converter(&self) -> Converter {
        match self {
            ConvSpec::Str { min, max } => Converter::String {
                min: *min,
                max: *max,
            },
            ConvSpec::Int {
                min,
                max,
                fixed,
                signed,
            } => Converter::Int {
                min: *min,
                max: *max,
                fixed_digits: *fixed,
                signed: *signed,
            },
            ConvSpec::Float { min, max, signed } => Converter::Float {
                min: FLOAT_BOUNDS[*min as usize],
                max: FLOAT_BOUNDS[*max as usize],
                signed: *signed,
            },
            ConvSpec::Uuid => Converter::Uuid,
            ConvSpec::Any(words) => Converter::Any(intern_words(words)),
            ConvSpec::Class { class, min, max } => flaxum::Matches::chars(CLASSES[*class as usize])
                .len(*min, *max)
                .converter(),
        }
    }

    /// Flask's spelling, for messages.
    fn flask(&self, name: &str) -> String {
        match self {
            ConvSpec::Str {
                min: 1,
                max: u32::MAX,
            } => format!("<{name}>"),
            ConvSpec::Str { min, max } if min == max => format!("<string(length={min}):{name}>"),
            ConvSpec::Str { min, max } if *max == u32::MAX => {
                format!("<string(minlength={min}):{name}>")
            }
            ConvSpec::Str { min, max } => {
                format!("<string(minlength={min},maxlength={max}):{name}>")
            }
            ConvSpec::Int {
                min,
                max,
                fixed,
                signed,
            } => {
                let mut args = Vec::new();
                if *min != 0 {
                    args.push(format!("min={min}"));
                }
                if *max != U64MAX {
                    args.push(format!("max={max}"));
                }
                if *fixed != 0 {
                    args.push(format!("fixed_digits={fixed}"));
                }
                if *signed {
                    args.push("signed=True".to_string());
                }
                if args.is_empty() {
                    format!("<int:{name}>")
                } else {
                    format!("<int({}):{name}>", args.join(","))
                }
            }
            ConvSpec::Float { min, max, signed } => {
                let mut args = Vec::new();
                if *min != 0 {
                    args.push(format!("min={:?}", FLOAT_BOUNDS[*min as usize]));
                }
                if *max != 5 {
                    args.push(format!("max={:?}", FLOAT_BOUNDS[*max as usize]));
                }
                if *signed {
                    args.push("signed=True".to_string());
                }
                if args.is_empty() {
                    format!("<float:{name}>")
                } else {
                    format!("<float({}):{name}>", args.join(","))
                }
            }
            ConvSpec::Uuid => format!("<uuid:{name}>"),
            ConvSpec::Class { class, min, max } => format!("<class{class}_{min}_{max}:{name}>"),
            ConvSpec::Any(words) => {
                let w: Vec<&str> = words.iter().map(|&i| ANY_WORDS[i as usize]).collect();
                format!("<any({}):{name}>", w.join(","))
            }
        }
    }
}

impl RouteSpec {
    /// The route in Flask syntax, e.g. `/a/<int(min=3):p1>/`.
    pub fn path(&self) -> String {
        let mut s = String::new();
        let mut k = 0;
        for seg in &self.segs {
            s.push('/');
            match seg {
                SegSpec::Static(w) => s.push_str(WORDS[*w as usize]),
                SegSpec::Slash => {}
                SegSpec::Param(c) => {
                    s.push_str(&c.flask(NAMES[k]));
                    k += 1;
                }
                SegSpec::CatchAll => {
                    let _ = write!(s, "<path:{}>", NAMES[k]);
                    k += 1;
                }
            }
        }
        s
    }

    /// The crate's segments of this route.
    pub fn segments(&self) -> &'static [Segment] {
        intern_segments(&self.segs)
    }

    pub fn describe(&self) -> String {
        format!(
            "{} {}{}",
            Methods::from_bits(self.methods),
            self.path(),
            if self.strict {
                ""
            } else {
                "  (strict_slashes=False)"
            }
        )
    }
}

/// The segments of a spec list as the crate sees them.
pub fn to_segment(seg: &SegSpec, k: &mut usize) -> Segment {
    match seg {
        SegSpec::Static(w) => Segment::Static(WORDS[*w as usize]),
        SegSpec::Slash => Segment::Static(""),
        SegSpec::Param(c) => {
            let s = Segment::Param {
                name: NAMES[*k],
                conv: c.converter(),
            };
            *k += 1;
            s
        }
        SegSpec::CatchAll => {
            let s = Segment::CatchAll { name: NAMES[*k] };
            *k += 1;
            s
        }
    }
}

thread_local! {
    static SEGMENTS: RefCell<HashMap<Vec<SegSpec>, &'static [Segment]>> = RefCell::new(HashMap::new());
    static WORD_LISTS: RefCell<HashMap<Vec<u8>, &'static [&'static str]>> = RefCell::new(HashMap::new());
    static STRINGS: RefCell<HashMap<String, &'static str>> = RefCell::new(HashMap::new());
}

fn intern_words(words: &[u8]) -> &'static [&'static str] {
    WORD_LISTS.with(|m| {
        *m.borrow_mut().entry(words.to_vec()).or_insert_with(|| {
            let v: Vec<&'static str> = words.iter().map(|&i| ANY_WORDS[i as usize]).collect();
            Box::leak(v.into_boxed_slice())
        })
    })
}

fn intern_segments(segs: &[SegSpec]) -> &'static [Segment] {
    if let Some(s) = SEGMENTS.with(|m| m.borrow().get(segs).copied()) {
        return s;
    }
    let mut k = 0;
    let v: Vec<Segment> = segs.iter().map(|s| to_segment(s, &mut k)).collect();
    let leaked: &'static [Segment] = Box::leak(v.into_boxed_slice());
    SEGMENTS.with(|m| m.borrow_mut().insert(segs.to_vec(), leaked));
    leaked
}

fn intern_str(s: String) -> &'static str {
    STRINGS.with(|m| {
        let mut m = m.borrow_mut();
        if let Some(v) = m.get(&s) {
            return *v;
        }
        let leaked: &'static str = Box::leak(s.clone().into_boxed_str());
        m.insert(s, leaked);
        leaked
    })
}

/// The route descriptors of `routes` (leaked). `ids[i]` names route `i`'s
/// handler, so a route keeps its name when the declaration order changes.
pub fn defs(routes: &[RouteSpec], ids: &[usize]) -> &'static [RouteDef] {
    let v: Vec<RouteDef> = routes
        .iter()
        .zip(ids)
        .map(|(r, &id)| {
            let mut d = RouteDef::new(
                Methods::from_bits(r.methods),
                intern_str(r.path()),
                r.segments(),
                HANDLERS[id],
            );
            d.strict_slashes = r.strict;
            d
        })
        .collect();
    Box::leak(v.into_boxed_slice())
}

/// A table spec: the routes and the table-wide `strict_slashes`.
#[derive(Clone, Debug)]
pub struct TableSpec {
    pub routes: Vec<RouteSpec>,
    pub strict: bool,
}

impl TableSpec {
    pub fn opts(&self) -> BuildOptions {
        BuildOptions {
            strict_slashes: self.strict,
        }
    }

    pub fn describe(&self) -> String {
        let mut s = String::new();
        if !self.strict {
            s.push_str("  [BuildOptions { strict_slashes: false }]\n");
        }
        for (i, r) in self.routes.iter().enumerate() {
            let _ = writeln!(s, "  #{i}: {}", r.describe());
        }
        s
    }
}

// ---------------------------------------------------------------------------
// Building, with panics turned into errors.

thread_local! {
    /// Set while a build runs under `catch_unwind`: its panic is expected
    /// (a conflict) and must not be printed.
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

fn install_quiet_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(|q| q.get()) {
                previous(info);
            }
        }));
    });
}

fn panic_text(e: Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = e.downcast_ref::<String>() {
        s.clone()
    } else if let Some(s) = e.downcast_ref::<&str>() {
        s.to_string()
    } else {
        "non-string panic".to_string()
    }
}

/// Runs `f`, turning a panic into `Err(message)` without printing it.
pub fn quietly<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    install_quiet_hook();
    QUIET.with(|q| q.set(true));
    let r = catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(false));
    r.map_err(panic_text)
}

/// `$body` instantiated for the smallest size class that fits caps `$c`.
macro_rules! by_size_class {
    ($c:expr, $body:ident) => {
        by_size_class!(@ $c, $body, 8, 16, 24, 32, 48, 64, 96, 128, 192, 256, 512)
    };
    (@ $c:expr, $body:ident, $($n:literal),*) => {{
        let c = $c;
        $(
            // The builder's slot bound is eight per segment.
            if c.nodes <= $n && c.patterns <= $n / 2 && c.slots <= 16 * $n {
                return $body::<{ $n / 2 }, $n, { 16 * $n }>;
            }
        )*
        panic!("test table too large: {c:?}");
    }};
}

fn build_leaked<const P: usize, const N: usize, const S: usize>(
    routes: &'static [RouteDef],
    opts: BuildOptions,
) -> Table {
    let built: &'static Built<P, N, S> = Box::leak(Box::new(build(routes, opts)));
    built.table()
}

fn build_dropped<const P: usize, const N: usize, const S: usize>(
    routes: &'static [RouteDef],
    opts: BuildOptions,
) {
    // Only the verdict matters: build on the heap and drop it.
    let built: Box<Built<P, N, S>> = Box::new(build(routes, opts));
    drop(built);
}

fn pick_leaked(
    routes: &'static [RouteDef],
    opts: BuildOptions,
) -> fn(&'static [RouteDef], BuildOptions) -> Table {
    by_size_class!(caps(routes, opts), build_leaked)
}

fn pick_dropped(
    routes: &'static [RouteDef],
    opts: BuildOptions,
) -> fn(&'static [RouteDef], BuildOptions) {
    by_size_class!(caps(routes, opts), build_dropped)
}

/// Builds (and leaks) the table; `Err` carries the builder's panic message.
pub fn try_build(routes: &'static [RouteDef], opts: BuildOptions) -> Result<Table, String> {
    let f = pick_leaked(routes, opts);
    quietly(|| f(routes, opts))
}

/// Whether the builder accepts the routes (nothing leaked but the routes).
pub fn builds(routes: &'static [RouteDef], opts: BuildOptions) -> Result<(), String> {
    let f = pick_dropped(routes, opts);
    quietly(|| f(routes, opts))
}
