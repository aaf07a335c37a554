//! HTTP method sets as a compact bit set, usable in `const` context.

/// A set of HTTP methods, one bit per standard method.
///
/// Route descriptors carry a `Methods` value, and the matcher reports the
/// allowed methods of a path as one (for `405` and `OPTIONS` answers).
///
/// ```
/// use flaxum::Methods;
///
/// let set = Methods::GET.union(Methods::POST);
/// assert!(set.contains(Methods::GET));
/// assert!(!set.contains(Methods::PUT));
/// assert_eq!(set.to_string(), "GET, POST");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Methods(pub(crate) u16);

/// The standard methods in the order they are listed in `Allow` headers.
const ALL: [(Methods, &str); 9] = [
    (Methods::GET, "GET"),
    (Methods::HEAD, "HEAD"),
    (Methods::POST, "POST"),
    (Methods::PUT, "PUT"),
    (Methods::DELETE, "DELETE"),
    (Methods::PATCH, "PATCH"),
    (Methods::OPTIONS, "OPTIONS"),
    (Methods::CONNECT, "CONNECT"),
    (Methods::TRACE, "TRACE"),
];

impl Methods {
    /// No method at all.
    pub const NONE: Methods = Methods(0);
    /// `GET`.
    pub const GET: Methods = Methods(1 << 0);
    /// `HEAD`.
    pub const HEAD: Methods = Methods(1 << 1);
    /// `POST`.
    pub const POST: Methods = Methods(1 << 2);
    /// `PUT`.
    pub const PUT: Methods = Methods(1 << 3);
    /// `DELETE`.
    pub const DELETE: Methods = Methods(1 << 4);
    /// `PATCH`.
    pub const PATCH: Methods = Methods(1 << 5);
    /// `OPTIONS`.
    pub const OPTIONS: Methods = Methods(1 << 6);
    /// `CONNECT`.
    pub const CONNECT: Methods = Methods(1 << 7);
    /// `TRACE`.
    pub const TRACE: Methods = Methods(1 << 8);

    /// The raw bits of the set.
    ///
    /// ```
    /// assert_eq!(flaxum::Methods::GET.bits(), 1);
    /// ```
    pub const fn bits(self) -> u16 {
        self.0
    }

    /// Builds a set from raw bits, dropping bits that name no method.
    ///
    /// ```
    /// use flaxum::Methods;
    /// assert_eq!(Methods::from_bits(0b101), Methods::GET.union(Methods::POST));
    /// ```
    pub const fn from_bits(bits: u16) -> Methods {
        Methods(bits & 0x1ff)
    }

    /// Both sets together.
    ///
    /// ```
    /// use flaxum::Methods;
    /// assert!(Methods::GET.union(Methods::PUT).contains(Methods::PUT));
    /// ```
    pub const fn union(self, other: Methods) -> Methods {
        Methods(self.0 | other.0)
    }

    /// The methods in both sets.
    ///
    /// ```
    /// use flaxum::Methods;
    /// let a = Methods::GET.union(Methods::PUT);
    /// assert_eq!(a.intersection(Methods::PUT), Methods::PUT);
    /// ```
    pub const fn intersection(self, other: Methods) -> Methods {
        Methods(self.0 & other.0)
    }

    /// The methods of `self` that are not in `other`.
    ///
    /// ```
    /// use flaxum::Methods;
    /// let a = Methods::GET.union(Methods::PUT);
    /// assert_eq!(a.without(Methods::PUT), Methods::GET);
    /// ```
    pub const fn without(self, other: Methods) -> Methods {
        Methods(self.0 & !other.0)
    }

    /// Whether every method of `other` is in `self` (and `other` is not empty).
    ///
    /// ```
    /// use flaxum::Methods;
    /// assert!(Methods::GET.contains(Methods::GET));
    /// assert!(!Methods::GET.contains(Methods::NONE));
    /// ```
    pub const fn contains(self, other: Methods) -> bool {
        other.0 != 0 && self.0 & other.0 == other.0
    }

    /// Whether the set is empty.
    ///
    /// ```
    /// assert!(flaxum::Methods::NONE.is_empty());
    /// ```
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The number of methods in the set.
    ///
    /// ```
    /// use flaxum::Methods;
    /// assert_eq!(Methods::GET.union(Methods::HEAD).len(), 2);
    /// ```
    pub const fn len(self) -> u32 {
        self.0.count_ones()
    }

    /// The set of one method named by its upper-case token, as in a request
    /// line. Unknown and lower-case names give [`Methods::NONE`]: HTTP method
    /// names are case-sensitive.
    ///
    /// ```
    /// use flaxum::Methods;
    /// assert_eq!(Methods::from_name(b"PATCH"), Methods::PATCH);
    /// assert_eq!(Methods::from_name(b"get"), Methods::NONE);
    /// ```
    pub const fn from_name(name: &[u8]) -> Methods {
        let mut i = 0;
        let n_all = ALL.len();
        while i < n_all {
            if crate::bytes::eq(ALL[i].1.as_bytes(), name) {
                return ALL[i].0;
            }
            i += 1;
        }
        Methods::NONE
    }

    /// The set of one `http::Method`; extension methods give [`Methods::NONE`].
    ///
    /// ```
    /// use flaxum::Methods;
    /// assert_eq!(Methods::from_method(&http::Method::DELETE), Methods::DELETE);
    /// ```
    pub fn from_method(method: &http::Method) -> Methods {
        match *method {
            http::Method::GET => Methods::GET,
            http::Method::HEAD => Methods::HEAD,
            http::Method::POST => Methods::POST,
            http::Method::PUT => Methods::PUT,
            http::Method::DELETE => Methods::DELETE,
            http::Method::PATCH => Methods::PATCH,
            http::Method::OPTIONS => Methods::OPTIONS,
            http::Method::CONNECT => Methods::CONNECT,
            http::Method::TRACE => Methods::TRACE,
            _ => Methods::NONE,
        }
    }

    /// The name of the lowest method in the set (the first of `iter`), if any.
    ///
    /// ```
    /// use flaxum::Methods;
    /// assert_eq!(Methods::PUT.union(Methods::POST).first_name(), Some("POST"));
    /// ```
    pub const fn first_name(self) -> Option<&'static str> {
        let mut i = 0;
        let n_all = ALL.len();
        while i < n_all {
            if self.0 & ALL[i].0 .0 != 0 {
                return Some(ALL[i].1);
            }
            i += 1;
        }
        None
    }

    /// The method names of the set, in `Allow`-header order.
    ///
    /// ```
    /// use flaxum::Methods;
    /// let names: Vec<_> = Methods::POST.union(Methods::GET).iter().collect();
    /// assert_eq!(names, ["GET", "POST"]);
    /// ```
    pub fn iter(self) -> impl Iterator<Item = &'static str> {
        ALL.iter()
            .filter(move |(m, _)| self.0 & m.0 != 0)
            .map(|(_, name)| *name)
    }
}

impl core::fmt::Display for Methods {
    /// Comma-separated method names, the form of an `Allow` header.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        for (i, name) in self.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(name)?;
        }
        Ok(())
    }
}

impl core::fmt::Debug for Methods {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "Methods({self})")
    }
}
