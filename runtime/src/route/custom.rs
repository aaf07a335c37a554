//! Custom converters: a type of the app's that a route names, as Flask's
//! `app.url_map.converters["slug"] = SlugConverter` lets `<slug:…>` name
//! a `BaseConverter`.
//!
//! A Flask converter says what it matches with a regular expression. That
//! would hide from the compiler which routes can match the same request,
//! so a flaxum converter declares it as a constant instead: a character
//! class with a length range, or a fixed set of words
//! ([`Matches`]). The table then treats it as it treats `int` or `any`:
//! a value it refuses does not match the route (the next route is tried),
//! it ranks with the constrained converters, and two routes whose
//! converters can accept the same segment are a compile error.

use std::borrow::Cow;

use super::Converter;

/// A type that a route's path names as its converter: `<slug:s>` with the
/// argument `s: Slug`, where `Slug` implements `UrlConverter` with
/// [`NAME`](UrlConverter::NAME) `"slug"`. Flask's `BaseConverter`, with
/// its `regex` declared as [`Matches`], `to_python` as
/// [`from_url`](UrlConverter::from_url) and `to_url` as
/// [`to_url`](UrlConverter::to_url).
///
/// ```
/// use std::borrow::Cow;
/// use flaxum::{get, routes, url_for, App, Matches, UrlConverter};
///
/// /// A post's slug: lower-case letters, digits and `-`, up to 64.
/// struct Slug(String);
///
/// impl UrlConverter for Slug {
///     const NAME: &'static str = "slug";
///     const MATCHES: Matches = Matches::chars("a-z0-9-").len(1, 64);
///
///     fn from_url(value: &str) -> Option<Self> {
///         Some(Slug(value.to_owned()))
///     }
///
///     fn to_url(&self) -> Cow<'_, str> {
///         Cow::Borrowed(&self.0)
///     }
/// }
///
/// #[get("/posts/<slug:slug>")]
/// async fn post(slug: Slug) -> String {
///     format!("post {}", slug.0)
/// }
///
/// // Any other segment does not match this route: the next one is tried.
/// #[get("/posts/<title>")]
/// async fn by_title(title: String) -> String {
///     format!("title {title}")
/// }
///
/// let app = App::new(routes![post, by_title]);
/// assert_eq!(url_for!(post, slug = Slug("hello-world".into())), "/posts/hello-world");
/// # let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
/// # rt.block_on(async {
/// let client = flaxum::test::Client::new(app);
/// assert_eq!(client.get("/posts/hello-world").send().await.text(), "post hello-world");
/// assert_eq!(client.get("/posts/Hello%20World").send().await.text(), "title Hello World");
/// # });
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a URL converter",
    label = "the route names a converter that is not built in, so this argument's type must implement `flaxum::UrlConverter`",
    note = "the built-in converters are string, int, float, uuid, any and path; a custom converter is a type with `impl flaxum::UrlConverter`"
)]
pub trait UrlConverter: Sized {
    /// The name routes use: `"slug"` for `<slug:…>`. A route that names
    /// the type by another name is a compile error.
    const NAME: &'static str;

    /// What a segment must be for the route to match; checked when the
    /// crate compiles (an empty class, `/` in it, or a length range with
    /// nothing in it is a compile error).
    const MATCHES: Matches;

    /// The value, from a segment that [`MATCHES`](UrlConverter::MATCHES)
    /// accepted, percent-decoded. `None` answers 404 Not Found, as a
    /// Flask converter's `ValidationError` leaves a request no route,
    /// without trying the other routes (matching is over by then): what
    /// decides between routes belongs in `MATCHES`.
    fn from_url(value: &str) -> Option<Self>;

    /// The segment for `url_for!`, not yet percent-encoded.
    fn to_url(&self) -> Cow<'_, str>;
}

/// What a custom converter matches: a class of ASCII characters with a
/// length range, or one of a fixed set of words. Values are compared
/// percent-decoded, as Flask's converters see them.
///
/// ```
/// use flaxum::Matches;
///
/// const SLUG: Matches = Matches::chars("a-z0-9-").len(1, 64);
/// assert!(SLUG.converter().matches(b"hello-world"));
/// assert!(!SLUG.converter().matches(b"Hello"));
///
/// const COLOR: Matches = Matches::one_of(&["red", "green", "blue"]);
/// assert!(COLOR.converter().matches(b"green"));
/// assert!(!COLOR.converter().matches(b"pink"));
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Matches {
    pub(crate) kind: MatchKind,
}

#[derive(Clone, Copy, Debug)]
pub(crate) enum MatchKind {
    Class { chars: u128, min: u32, max: u32 },
    Words(&'static [&'static str]),
}

impl Matches {
    /// One or more characters, each in `class`: single characters and
    /// ranges such as `a-z`, as between a regular expression's `[` and
    /// `]` (`"a-z0-9_-"` is Flask's `[a-z0-9_-]+`). A `-` first or last
    /// is itself. ASCII only, without `/` or control characters: anything
    /// else panics, which is a compile error where the constant is used.
    ///
    /// ```
    /// use flaxum::Matches;
    /// let hex = Matches::chars("0-9a-f");
    /// assert!(hex.converter().matches(b"c0ffee"));
    /// assert!(!hex.converter().matches(b"C0FFEE"));
    /// ```
    pub const fn chars(class: &str) -> Matches {
        let b = class.as_bytes();
        if b.is_empty() {
            panic!("flaxum: `Matches::chars` needs at least one character");
        }
        let mut chars: u128 = 0;
        let mut i = 0;
        while i < b.len() {
            let from = b[i];
            let to = if i + 2 < b.len() && b[i + 1] == b'-' {
                i += 2;
                b[i]
            } else {
                from
            };
            if from > to {
                panic!(
                    "flaxum: a range of `Matches::chars` goes down (`z-a`): write it low to high"
                );
            }
            if to >= 0x7f || from < 0x20 {
                panic!("flaxum: `Matches::chars` takes ASCII characters only, without control characters");
            }
            let mut c = from;
            while c <= to {
                if c == b'/' {
                    panic!("flaxum: `Matches::chars` cannot hold `/`: a segment never does (use `<path:…>` for slashes)");
                }
                chars |= 1 << c;
                c += 1;
            }
            i += 1;
        }
        Matches {
            kind: MatchKind::Class {
                chars,
                min: 1,
                max: u32::MAX,
            },
        }
    }

    /// The class's values of `min..=max` characters (`{min,max}` in a
    /// regular expression). `min` is at least 1: an empty segment never
    /// matches a parameter.
    ///
    /// ```
    /// use flaxum::Matches;
    /// let code = Matches::chars("A-Z").len(2, 2);
    /// assert!(code.converter().matches(b"DE"));
    /// assert!(!code.converter().matches(b"DEU"));
    /// ```
    pub const fn len(self, min: u32, max: u32) -> Matches {
        let MatchKind::Class { chars, .. } = self.kind else {
            panic!("flaxum: `len` applies to `Matches::chars`, not to a set of words");
        };
        if min == 0 {
            panic!("flaxum: a converter's values have at least 1 character (`len(0, …)`)");
        }
        if min > max {
            panic!("flaxum: `len(min, max)` with min above max accepts nothing");
        }
        Matches {
            kind: MatchKind::Class { chars, min, max },
        }
    }

    /// Exactly one of `words` (decoded text), as Flask's `any(…)` but
    /// declared once, in the type.
    ///
    /// ```
    /// use flaxum::Matches;
    /// let lang = Matches::one_of(&["en", "de"]);
    /// assert!(lang.converter().matches(b"de"));
    /// ```
    pub const fn one_of(words: &'static [&'static str]) -> Matches {
        if words.is_empty() {
            panic!("flaxum: `Matches::one_of` needs at least one word");
        }
        let mut i = 0;
        while i < words.len() {
            let w = words[i].as_bytes();
            if w.is_empty() {
                panic!("flaxum: a word of `Matches::one_of` is empty, and no segment is");
            }
            let mut k = 0;
            while k < w.len() {
                if w[k] == b'/' {
                    panic!("flaxum: a word of `Matches::one_of` holds `/`, and no segment does");
                }
                k += 1;
            }
            i += 1;
        }
        Matches {
            kind: MatchKind::Words(words),
        }
    }

    /// The table's converter for it.
    ///
    /// ```
    /// use flaxum::{route::Converter, Matches};
    /// assert!(matches!(Matches::one_of(&["a"]).converter(), Converter::Any(["a"])));
    /// ```
    pub const fn converter(&self) -> Converter {
        match self.kind {
            MatchKind::Class { chars, min, max } => Converter::Class { chars, min, max },
            MatchKind::Words(words) => Converter::Any(words),
        }
    }
}
