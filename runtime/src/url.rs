//! What `url_for!` expands to: the route chosen and the values' types
//! checked while the crate compiles, the URL written at run time.

use core::fmt::{Display, Write};
use core::marker::PhantomData;
use std::borrow::Cow;

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};

use crate::item::{ItemRoute, UrlPiece};
use crate::route::{Converter, RouteDef, Segment};

/// What a path segment keeps as it is: RFC 3986's unreserved characters,
/// sub-delims, `:` and `@`. `/`, `%`, `?`, `#` and the rest are encoded, so
/// the value comes back whole to the same parameter.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'/')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// A catch-all keeps its slashes.
const CATCH_ALL: &AsciiSet = &SEGMENT.remove(b'/');

/// As Flask encodes query values: `/`, `?`, `:` and `@` stay; `&`, `=`,
/// `+` and `#` are encoded; a space stays here and becomes `+` afterwards.
const QUERY: &AsciiSet = &SEGMENT
    .add(b'&')
    .add(b'+')
    .add(b'=')
    .remove(b'/')
    .remove(b'?')
    .remove(b' ');

/// The kind of a parameter whose handler argument is text (`&str`,
/// `String`, `Cow<str>`): any `AsRef<str>` fills it.
pub struct Text;

/// The kind of a value that is not a path parameter: it goes to the query
/// string, so anything `Display` fills it.
pub struct Query;

/// The kind of a `float` parameter: written with a decimal point, as the
/// converter expects.
pub struct Float<T>(PhantomData<T>);

/// The kind of a custom converter's parameter: written by its `to_url`.
pub struct Converted<T>(PhantomData<T>);

/// The index [`url_arg`](crate::item::url_arg) gives a name that is no parameter argument of the
/// handler: a `url_for!` value of that name goes to the query string.
///
/// ```
/// use flaxum::__private::{url_arg, NOT_A_PARAM};
/// // A handler of no route with no parameter argument.
/// assert_eq!(url_arg("H@B@@", "page"), NOT_A_PARAM);
/// ```
pub const NOT_A_PARAM: usize = usize::MAX;

/// The kind of parameter argument `I` of a route handler, or [`Query`]
/// for [`NOT_A_PARAM`]. The route attributes implement it.
pub trait ParamAt<const I: usize> {
    /// The kind.
    type Kind;
}

/// A name that is no parameter of the handler goes to the query string.
impl<T: ?Sized> ParamAt<NOT_A_PARAM> for T {
    type Kind = Query;
}

/// The kind of argument `I` of handler `T`.
pub const fn kind<T: ParamAt<I>, const I: usize>() -> PhantomData<T::Kind> {
    PhantomData
}

/// A value that can fill a parameter of kind `K`.
#[diagnostic::on_unimplemented(
    message = "`url_for!` cannot fill a parameter of type `{K}` with `{Self}`",
    label = "this value's type does not match the handler's argument",
    note = "a path parameter takes a value of its handler argument's type (any `AsRef<str>` for text); a name that is not a path parameter goes to the query string and takes anything `Display`"
)]
pub trait Render<K> {
    /// Writes the value, not yet percent-encoded.
    fn render(&self, out: &mut String);
}

impl<V: AsRef<str> + ?Sized> Render<Text> for V {
    fn render(&self, out: &mut String) {
        out.push_str(self.as_ref());
    }
}

impl<V: Display + ?Sized> Render<Query> for V {
    fn render(&self, out: &mut String) {
        let _ = write!(out, "{self}");
    }
}

impl<T: Display> Render<T> for T {
    fn render(&self, out: &mut String) {
        let _ = write!(out, "{self}");
    }
}

impl<T: crate::UrlConverter> Render<Converted<T>> for T {
    fn render(&self, out: &mut String) {
        out.push_str(&self.to_url());
    }
}

macro_rules! float_render {
    ($($t:ty),*) => {$(
        impl Render<Float<$t>> for $t {
            fn render(&self, out: &mut String) {
                // `{:?}` keeps the point (`1.0`), which the converter needs.
                let _ = write!(out, "{self:?}");
            }
        }
    )*};
}
float_render!(f32, f64);

/// Where a handler or blueprint is mounted: the URL prefixes of the
/// blueprints around it. `blueprint!` implements it for what it lists.
pub trait Mounted {
    /// Writes the prefix, outermost blueprint first.
    fn prefix(out: &mut String);
}

/// Asks whether `T` is mounted in a blueprint; a handler listed in
/// `routes!` itself has no prefix.
pub struct Probe<T>(PhantomData<T>);

impl<T> Probe<T> {
    /// The probe.
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        Probe(PhantomData)
    }
}

/// The probe of a mounted item (chosen first by method resolution).
pub trait ViaMounted {
    /// Writes the prefix.
    fn write_prefix(&self, out: &mut String);
}

impl<T: Mounted> ViaMounted for Probe<T> {
    fn write_prefix(&self, out: &mut String) {
        T::prefix(out);
    }
}

/// The probe of an item at the root: no prefix.
pub trait ViaRoot {
    /// Writes nothing.
    fn write_prefix(&self, out: &mut String);
}

impl<T> ViaRoot for &Probe<T> {
    fn write_prefix(&self, _: &mut String) {}
}

/// The static route that `url_for!(static, …)` writes the URL of: the
/// last declared by an app built in this process (`url_for!` has no app
/// at hand), `/static/<path:filename>` until one is.
#[cfg(feature = "static-files")]
static STATIC_ROUTE: std::sync::RwLock<Option<&'static RouteDef>> = std::sync::RwLock::new(None);

/// Flask's default static route.
#[cfg(feature = "static-files")]
static DEFAULT_STATIC: RouteDef = RouteDef::new(
    crate::route::method::Methods::GET,
    "/static/<path:filename>",
    &[
        Segment::Static("static"),
        Segment::CatchAll { name: "filename" },
    ],
    "static",
);

/// Makes `def` the route `url_for!(static, …)` writes.
#[cfg(feature = "static-files")]
pub(crate) fn set_static_route(def: &'static RouteDef) {
    if let Ok(mut slot) = STATIC_ROUTE.write() {
        *slot = Some(def);
    }
}

/// The route a URL is built for: a route of the table (a template's
/// `url_for`) or one of a handler's item (`url_for!`).
#[derive(Clone, Copy)]
enum Target {
    Def(&'static RouteDef),
    Item(ItemRoute),
}

impl Target {
    fn pieces(&self) -> Vec<UrlPiece> {
        match self {
            Target::Def(def) => def
                .segments
                .iter()
                .map(|seg| match seg {
                    Segment::Static(text) => UrlPiece::Static(text),
                    Segment::Param { name, conv } => UrlPiece::Param(
                        name,
                        match conv {
                            Converter::Int { fixed_digits, .. } => *fixed_digits,
                            _ => 0,
                        },
                    ),
                    Segment::CatchAll { name } => UrlPiece::CatchAll(name),
                })
                .collect(),
            Target::Item(route) => route.pieces().collect(),
        }
    }
}

/// A URL being built for one route.
pub struct UrlFor {
    target: Target,
    prefix: String,
    values: Vec<(Cow<'static, str>, String)>,
}

impl UrlFor {
    /// Starts the URL of `def`.
    pub fn new(def: &'static RouteDef) -> Self {
        Self::to(Target::Def(def))
    }

    /// Starts the URL of a static file: `url_for!(static, …)`.
    #[cfg(feature = "static-files")]
    pub fn static_file() -> Self {
        let def = STATIC_ROUTE.read().ok().and_then(|slot| *slot);
        Self::new(def.unwrap_or(&DEFAULT_STATIC))
    }

    /// Starts the URL of a route of a handler, read from its item.
    pub fn of(route: ItemRoute) -> Self {
        Self::to(Target::Item(route))
    }

    fn to(target: Target) -> Self {
        UrlFor {
            target,
            prefix: String::new(),
            values: Vec::new(),
        }
    }

    /// Where the blueprints' prefix goes.
    pub fn prefix_mut(&mut self) -> &mut String {
        &mut self.prefix
    }

    /// Adds the value of `name`, checked against kind `K`.
    pub fn arg<K, V: Render<K> + ?Sized>(
        &mut self,
        name: &'static str,
        _: PhantomData<K>,
        value: &V,
    ) -> &mut Self {
        let mut s = String::new();
        value.render(&mut s);
        self.values.push((Cow::Borrowed(name), s));
        self
    }

    /// Adds a value already written as text (from a template's `url_for`).
    pub fn text(&mut self, name: String, value: String) -> &mut Self {
        self.values.push((Cow::Owned(name), value));
        self
    }

    /// The URL: prefix, path with the values percent-encoded, then the
    /// values that are not parameters as the query string.
    pub fn finish(self) -> String {
        let mut out = self.prefix;
        let pieces = self.target.pieces();
        for piece in &pieces {
            out.push('/');
            match *piece {
                UrlPiece::Static(text) => out.push_str(text),
                UrlPiece::Param(name, fixed_digits) => {
                    let v = value(&self.values, name);
                    if fixed_digits > 0 {
                        pad_digits(v, usize::from(fixed_digits), &mut out);
                    } else {
                        out.extend(utf8_percent_encode(v, SEGMENT));
                    }
                }
                UrlPiece::CatchAll(name) => {
                    let v = value(&self.values, name);
                    out.extend(utf8_percent_encode(v, CATCH_ALL));
                }
            }
        }
        if out.is_empty() {
            out.push('/');
        }
        let mut first = true;
        for (name, v) in &self.values {
            let is_param = pieces
                .iter()
                .any(|p| matches!(p, UrlPiece::Param(n, _) | UrlPiece::CatchAll(n) if n == name));
            if is_param {
                continue;
            }
            out.push(if first { '?' } else { '&' });
            first = false;
            query_part(name, &mut out);
            out.push('=');
            query_part(v, &mut out);
        }
        out
    }
}

fn value<'a>(values: &'a [(Cow<'static, str>, String)], name: &str) -> &'a str {
    values
        .iter()
        .find(|(n, _)| n == name)
        .map_or("", |(_, v)| v.as_str())
}

/// An integer with at least `n` digits, zero-padded as Flask's
/// `fixed_digits` writes it (`7` as `0007`).
fn pad_digits(v: &str, n: usize, out: &mut String) {
    let (sign, digits) = match v.strip_prefix('-') {
        Some(d) => ("-", d),
        None => ("", v),
    };
    out.push_str(sign);
    out.extend(core::iter::repeat_n('0', n.saturating_sub(digits.len())));
    out.extend(utf8_percent_encode(digits, SEGMENT));
}

fn query_part(s: &str, out: &mut String) {
    for piece in utf8_percent_encode(s, QUERY) {
        out.push_str(&piece.replace(' ', "+"));
    }
}
