//! The key that signs session cookies: Flask's `SECRET_KEY`.

use std::fmt;

/// The secret that signs the session cookie, Flask's `SECRET_KEY`.
///
/// Made from a secret of at least [`SecretKey::MIN_LEN`] bytes
/// ([`SecretKey::new`], [`SecretKey::from_env`]), or at random for one
/// process ([`SecretKey::random`]). There is no default key: an app that
/// has no secret must say what it wants.
///
/// The signing key is derived from the secret and a label of flaxum's
/// sessions (HKDF-SHA256, by the `cookie` crate's `Key::derive_from`), so
/// the same secret used elsewhere, for instance by other signed cookies,
/// signs something different there. `Debug` never shows the secret.
///
/// ```
/// use flaxum::session::SecretKey;
///
/// // `python3 -c 'import secrets; print(secrets.token_hex())'` makes one.
/// let key = SecretKey::new("7f2d9c0a41e6b3f85d1c27a9e0b4f6d3").unwrap();
/// assert_eq!(format!("{key:?}"), "SecretKey(..)");
///
/// let err = SecretKey::new("dev").unwrap_err();
/// assert!(err.to_string().contains("at least 32 bytes"), "{err}");
/// ```
#[derive(Clone)]
pub struct SecretKey {
    pub(super) key: cookie::Key,
}

/// The label the secret is derived with: session cookies only, version 1
/// of their format.
const LABEL: &[u8] = b"flaxum session cookie, version 1: ";

impl SecretKey {
    /// The shortest secret accepted, in bytes: 32, the strength of the
    /// signature (HMAC-SHA256). `secrets.token_hex()` in Python and
    /// `openssl rand -hex 32` make 64 characters.
    ///
    /// ```
    /// assert_eq!(flaxum::session::SecretKey::MIN_LEN, 32);
    /// ```
    pub const MIN_LEN: usize = 32;

    /// The key of `secret` (a string or bytes), refused when it is empty
    /// or shorter than [`MIN_LEN`](Self::MIN_LEN) bytes.
    ///
    /// ```
    /// use flaxum::session::SecretKey;
    /// assert!(SecretKey::new([7u8; 32]).is_ok());
    /// assert!(SecretKey::new("").is_err());
    /// ```
    pub fn new(secret: impl AsRef<[u8]>) -> Result<SecretKey, KeyError> {
        let secret = secret.as_ref();
        if secret.is_empty() {
            return Err(KeyError(Problem::Empty));
        }
        if secret.len() < Self::MIN_LEN {
            return Err(KeyError(Problem::Short(secret.len())));
        }
        let mut master = Vec::with_capacity(LABEL.len() + secret.len());
        master.extend_from_slice(LABEL);
        master.extend_from_slice(secret);
        Ok(SecretKey {
            key: cookie::Key::derive_from(&master),
        })
    }

    /// The key of the environment variable `var` (such as
    /// `FLASK_SECRET_KEY`): an error if it is not set, or as [`new`](Self::new).
    ///
    /// ```
    /// use flaxum::session::SecretKey;
    /// let err = SecretKey::from_env("FLAXUM_DOC_NO_SUCH_VARIABLE").unwrap_err();
    /// assert!(err.to_string().contains("FLAXUM_DOC_NO_SUCH_VARIABLE is not set"), "{err}");
    /// ```
    pub fn from_env(var: &str) -> Result<SecretKey, KeyError> {
        match std::env::var_os(var) {
            None => Err(KeyError(Problem::NotSet(var.to_owned()))),
            Some(value) => Self::new(value.as_encoded_bytes()).map_err(|e| match e.0 {
                Problem::Empty => KeyError(Problem::EmptyVar(var.to_owned())),
                Problem::Short(n) => KeyError(Problem::ShortVar(var.to_owned(), n)),
                other => KeyError(other),
            }),
        }
    }

    /// A random key for this process only. Cookies it signed are refused
    /// by any other process, so every session ends when the app restarts,
    /// and two processes behind one address do not share sessions: for
    /// development, or to run without configuration and warn about it.
    ///
    /// ```
    /// use flaxum::session::SecretKey;
    /// let key = SecretKey::random();
    /// # let _ = key;
    /// ```
    pub fn random() -> SecretKey {
        SecretKey {
            key: cookie::Key::generate(),
        }
    }
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretKey(..)")
    }
}

/// A secret refused by [`SecretKey::new`] or [`SecretKey::from_env`]; its
/// message says why and how to make a good one.
///
/// ```
/// let err = flaxum::session::SecretKey::new("short").unwrap_err();
/// println!("{err}");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyError(Problem);

impl KeyError {
    /// Whether the error is that the variable given to
    /// [`SecretKey::from_env`] is not set (rather than set to a bad
    /// secret): an app may then choose [`SecretKey::random`], and warn.
    ///
    /// ```
    /// use flaxum::session::SecretKey;
    /// assert!(SecretKey::from_env("FLAXUM_DOC_UNSET").unwrap_err().is_not_set());
    /// assert!(!SecretKey::new("dev").unwrap_err().is_not_set());
    /// ```
    pub fn is_not_set(&self) -> bool {
        matches!(self.0, Problem::NotSet(_))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Problem {
    Empty,
    Short(usize),
    NotSet(String),
    EmptyVar(String),
    ShortVar(String, usize),
}

const HOW: &str = "make one with `python3 -c 'import secrets; print(secrets.token_hex())'` \
                   or `openssl rand -hex 32`";

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let min = SecretKey::MIN_LEN;
        match &self.0 {
            Problem::Empty => write!(f, "the session secret key is empty; {HOW}"),
            Problem::Short(n) => write!(
                f,
                "the session secret key is {n} bytes long; it needs at least {min} bytes; {HOW}"
            ),
            Problem::NotSet(var) => write!(
                f,
                "{var} is not set: the session secret key is missing; {HOW}"
            ),
            Problem::EmptyVar(var) => write!(f, "{var} is empty: {HOW}"),
            Problem::ShortVar(var, n) => write!(
                f,
                "{var} is {n} bytes long; the session secret key needs at least {min} bytes; {HOW}"
            ),
        }
    }
}

impl std::error::Error for KeyError {}
