//! Flask's `session` and `flash` (the `sessions` feature): the session is
//! a signed cookie, read when a handler first looks at it and sent back
//! when it changed.
//!
//! Add [`SessionLayer`] to the app with the app's [`SecretKey`], and take
//! a [`Session`] as a handler argument:
//!
//! ```
//! use flaxum::session::{SecretKey, Session, SessionLayer};
//! use flaxum::{get, routes, App};
//!
//! #[get("/count")]
//! async fn count(session: Session) -> String {
//!     let n = session.get::<u32>("n").unwrap_or(0) + 1;
//!     session.set("n", n);
//!     format!("visit {n}")
//! }
//!
//! # #[tokio::main(flavor = "current_thread")] async fn main() {
//! let key = SecretKey::new("a secret of at least thirty-two bytes").unwrap();
//! let app = App::new(routes![count]).layer(SessionLayer::new(key));
//!
//! let client = flaxum::test::Client::new(app);
//! assert_eq!(client.get("/count").await.text(), "visit 1");
//! assert_eq!(client.get("/count").await.text(), "visit 2");
//! # }
//! ```
//!
//! As in Flask:
//! - values are stored as JSON (`serde`), under string keys;
//! - a missing, tampered, wrongly signed or expired cookie reads as an
//!   empty session, never as an error;
//! - a changed session is sent back (`Set-Cookie`); an unchanged one is
//!   not, except a [permanent](Session::set_permanent) one, whose expiry
//!   is renewed on every request
//!   ([`refresh_each_request`](SessionLayer::refresh_each_request), on by
//!   default as `SESSION_REFRESH_EACH_REQUEST`);
//! - a session emptied by the request deletes the cookie;
//! - the cookie is named `session`, `HttpOnly`, `Path=/`, and expires
//!   with the browser unless the session is permanent; then it lasts
//!   [`permanent_lifetime`](SessionLayer::permanent_lifetime) (31 days,
//!   `PERMANENT_SESSION_LIFETIME`). Unlike Flask's default, it is
//!   `SameSite=Lax`;
//! - a response that read the session has `Vary: Cookie`;
//! - [`flash`] and [`get_flashed_messages`] keep messages for the next
//!   request in the session, under `_flashes`; with the `templates`
//!   feature, templates call `get_flashed_messages()` too.
//!
//! **The cookie's format is flaxum's own**, not Flask's (itsdangerous): a
//! Flask app and a flaxum app do not read each other's sessions, even
//! with the same secret. The value is `MAC` `timestamp` `.`
//! `base64url(JSON)`: the MAC is HMAC-SHA256 (base64, 44 characters) of
//! the rest, under a key derived from the [`SecretKey`]; the timestamp
//! (Unix seconds, when the cookie was made) bounds its age to the
//! permanent lifetime, as Flask bounds it. The JSON is signed, not
//! encrypted: the user can read it. It is not compressed.
//!
//! **Size.** Browsers drop cookies past about 4 KB without a word. A
//! `Set-Cookie` longer than [`max_cookie_size`](SessionLayer::max_cookie_size)
//! (4093 bytes, werkzeug's `max_cookie_size`) is not sent at all: the
//! request's changes to the session are lost, the browser keeps the
//! cookie it had, and the server logs an error (`tracing`) that names
//! the size. Where Flask sends it and warns, flaxum behaves the same in
//! every browser and in tests. Keep sessions small: an id, not a record.

mod flash;
mod key;
mod layer;
mod seal;

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use axum::extract::FromRequestParts;
use axum::response::{IntoResponse, Response};
use http::request::Parts;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

#[cfg(feature = "templates")]
pub(crate) use flash::in_template;
pub use flash::{
    flash, flash_with, get_flashed_messages, get_flashed_messages_filtered,
    get_flashed_messages_with_categories,
};
pub use key::{KeyError, SecretKey};
use layer::Settings;
pub use layer::{SameSite, SessionFuture, SessionLayer, SessionService};

/// The key Flask keeps the permanent flag under, in the session itself.
const PERMANENT: &str = "_permanent";

/// The session of the current request: Flask's `session`.
///
/// A handler takes it as an argument; [`SessionLayer`] must be on the app
/// (without it, the extractor answers 500 and logs why). Every method
/// takes `&self`: clones share one session, so a handler, its
/// middleware and its templates all see the same values, and what they
/// changed is sent when the response leaves the layer.
///
/// ```
/// use flaxum::session::{SecretKey, Session, SessionLayer};
/// use flaxum::{get, post, redirect, routes, App};
/// use axum::response::Response;
///
/// #[post("/login")]
/// async fn login(session: Session) -> Response {
///     session.clear();
///     session.set("user_id", 1);
///     redirect("/")
/// }
///
/// #[get("/")]
/// async fn index(session: Session) -> String {
///     match session.get::<i64>("user_id") {
///         Some(id) => format!("user {id}"),
///         None => "nobody".to_owned(),
///     }
/// }
///
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// let app = App::new(routes![login, index]).layer(SessionLayer::new(SecretKey::random()));
/// let client = flaxum::test::Client::new(app);
/// assert_eq!(client.get("/").await.text(), "nobody");
/// client.post("/login").await;
/// assert_eq!(client.get("/").await.text(), "user 1");
/// # }
/// ```
///
/// `Session::default()` is a session of no request, empty, for testing a
/// function that takes one: what is set there is never sent.
#[derive(Clone, Default)]
pub struct Session {
    shared: Arc<Shared>,
}

#[derive(Default)]
struct Shared {
    /// The layer's settings; `None` for a session of no request.
    settings: Option<Arc<Settings>>,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    /// The request's cookie value, until the session is first read.
    raw: Option<String>,
    /// The values, once read (an empty map for a session of no request).
    data: Option<Map<String, Value>>,
    /// Whether the values changed (Flask's `session.modified`).
    modified: bool,
    /// Whether anything looked at the values (Flask's `session.accessed`).
    accessed: bool,
    /// The flashed messages, once read: later reads in the same request
    /// get them again, as Flask's.
    flashes: Option<Vec<(String, String)>>,
}

impl State {
    /// The values, read from the cookie on first use.
    fn data(&mut self, settings: Option<&Settings>) -> &mut Map<String, Value> {
        let raw = self.raw.take();
        self.data.get_or_insert_with(|| match (raw, settings) {
            (Some(raw), Some(settings)) => {
                seal::open(&settings.key, &raw, settings.lifetime.as_secs()).unwrap_or_default()
            }
            _ => Map::new(),
        })
    }
}

impl Session {
    /// A session for a request whose `session` cookie is `raw`.
    fn for_request(settings: Arc<Settings>, raw: Option<String>) -> Session {
        Session {
            shared: Arc::new(Shared {
                settings: Some(settings),
                state: Mutex::new(State {
                    raw,
                    ..State::default()
                }),
            }),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.shared
            .state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Runs `f` on the values, marked as accessed.
    fn with<R>(&self, f: impl FnOnce(&mut Map<String, Value>, &mut bool) -> R) -> R {
        let mut state = self.lock();
        state.accessed = true;
        let mut modified = state.modified;
        let out = f(state.data(self.shared.settings.as_deref()), &mut modified);
        state.modified = modified;
        out
    }

    /// The value of `key`, if there is one and it is a `T` (a value of
    /// another type reads as `None`).
    ///
    /// ```
    /// let session = flaxum::session::Session::default();
    /// session.set("user_id", 7);
    /// assert_eq!(session.get::<u64>("user_id"), Some(7));
    /// assert_eq!(session.get::<String>("user_id"), None);
    /// assert_eq!(session.get::<u64>("missing"), None);
    /// ```
    pub fn get<T: DeserializeOwned>(&self, key: &str) -> Option<T> {
        self.with(|data, _| T::deserialize(data.get(key)?).ok())
    }

    /// Sets `key` to `value`, stored as JSON (`session[key] = value`).
    ///
    /// ```
    /// let session = flaxum::session::Session::default();
    /// session.set("cart", vec!["tea", "cake"]);
    /// assert_eq!(session.get::<Vec<String>>("cart").unwrap(), ["tea", "cake"]);
    /// assert!(session.modified());
    /// ```
    ///
    /// # Panics
    ///
    /// If `value` has no JSON form (a map with keys that are not
    /// strings, or a `Serialize` implementation that fails): a bug of the
    /// app, which the server answers with a 500. [`try_set`](Self::try_set)
    /// returns the error instead.
    pub fn set<T: Serialize>(&self, key: impl Into<String>, value: T) {
        let key = key.into();
        if let Err(e) = self.try_set(key.as_str(), value) {
            panic!("session.set({key:?}): the value has no JSON form: {e}");
        }
    }

    /// Sets `key` to `value`, or says why `value` has no JSON form (then
    /// the session is unchanged).
    ///
    /// ```
    /// use std::collections::HashMap;
    /// let session = flaxum::session::Session::default();
    /// let by_number = HashMap::from([((1, 2), "a tuple key")]);
    /// assert!(session.try_set("m", by_number).is_err());
    /// assert!(session.try_set("n", 3).is_ok());
    /// ```
    pub fn try_set<T: Serialize>(
        &self,
        key: impl Into<String>,
        value: T,
    ) -> Result<(), serde_json::Error> {
        let value = serde_json::to_value(value)?;
        self.with(|data, modified| {
            data.insert(key.into(), value);
            *modified = true;
        });
        Ok(())
    }

    /// Removes `key` and returns its value, if it was there and is a `T`
    /// (`session.pop(key, None)`).
    ///
    /// ```
    /// let session = flaxum::session::Session::default();
    /// session.set("next", "/posts");
    /// assert_eq!(session.pop::<String>("next").as_deref(), Some("/posts"));
    /// assert!(!session.contains("next"));
    /// ```
    pub fn pop<T: DeserializeOwned>(&self, key: &str) -> Option<T> {
        self.with(|data, modified| {
            let value = data.remove(key)?;
            *modified = true;
            T::deserialize(value).ok()
        })
    }

    /// Removes `key`; returns whether it was there. Removing a missing key
    /// does not change the session.
    ///
    /// ```
    /// let session = flaxum::session::Session::default();
    /// session.set("a", 1);
    /// assert!(session.remove("a"));
    /// assert!(!session.remove("a"));
    /// ```
    pub fn remove(&self, key: &str) -> bool {
        self.with(|data, modified| {
            let was = data.remove(key).is_some();
            *modified |= was;
            was
        })
    }

    /// Removes everything, the permanent flag too (`session.clear()`).
    /// The session counts as changed even if it was empty, so the
    /// response deletes the cookie, as Flask's does.
    ///
    /// ```
    /// let session = flaxum::session::Session::default();
    /// session.set("user_id", 1);
    /// session.set_permanent(true);
    /// session.clear();
    /// assert!(session.is_empty());
    /// assert!(!session.permanent());
    /// ```
    pub fn clear(&self) {
        self.with(|data, modified| {
            data.clear();
            *modified = true;
        });
    }

    /// Whether `key` has a value (`key in session`).
    ///
    /// ```
    /// let session = flaxum::session::Session::default();
    /// assert!(!session.contains("user_id"));
    /// session.set("user_id", 1);
    /// assert!(session.contains("user_id"));
    /// ```
    pub fn contains(&self, key: &str) -> bool {
        self.with(|data, _| data.contains_key(key))
    }

    /// Whether the session has no values (the permanent flag, stored in
    /// the session as Flask stores it, counts as one).
    ///
    /// ```
    /// let session = flaxum::session::Session::default();
    /// assert!(session.is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.with(|data, _| data.is_empty())
    }

    /// Whether the session is permanent: its cookie then lasts the
    /// layer's [`permanent_lifetime`](SessionLayer::permanent_lifetime)
    /// instead of ending with the browser (`session.permanent`).
    ///
    /// ```
    /// let session = flaxum::session::Session::default();
    /// assert!(!session.permanent());
    /// ```
    pub fn permanent(&self) -> bool {
        self.with(|data, _| matches!(data.get(PERMANENT), Some(Value::Bool(true))))
    }

    /// Makes the session permanent, or not (`session.permanent = on`).
    /// As in Flask, the flag is stored in the session (under
    /// `_permanent`), so setting it changes the session and sends the
    /// cookie even if nothing else is in it; [`clear`](Self::clear)
    /// removes it.
    ///
    /// ```
    /// let session = flaxum::session::Session::default();
    /// session.set_permanent(true);
    /// assert!(session.permanent());
    /// assert!(session.modified());
    /// ```
    pub fn set_permanent(&self, on: bool) {
        self.with(|data, modified| {
            data.insert(PERMANENT.to_owned(), Value::Bool(on));
            *modified = true;
        });
    }

    /// Whether this request changed the session (`session.modified`):
    /// then the response sends the cookie, or deletes it if the session
    /// is empty.
    ///
    /// ```
    /// let session = flaxum::session::Session::default();
    /// assert!(!session.modified());
    /// session.remove("nothing");
    /// assert!(!session.modified());
    /// session.set("a", 1);
    /// assert!(session.modified());
    /// ```
    pub fn modified(&self) -> bool {
        self.lock().modified
    }

    /// Marks the session as changed, or not (`session.modified = on`): a
    /// changed session is sent again, with a new timestamp, even if its
    /// values are the same.
    ///
    /// ```
    /// let session = flaxum::session::Session::default();
    /// session.set_modified(true);
    /// assert!(session.modified());
    /// ```
    pub fn set_modified(&self, on: bool) {
        self.lock().modified = on;
    }

    /// The session of the request being answered on this task, if it went
    /// through a [`SessionLayer`]: for templates.
    #[cfg(feature = "templates")]
    pub(crate) fn current() -> Option<Session> {
        layer::CURRENT.try_with(Session::clone).ok()
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Session {
    type Rejection = NoSessionLayer;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Session, NoSessionLayer> {
        parts
            .extensions
            .get::<Session>()
            .cloned()
            .ok_or(NoSessionLayer)
    }
}

/// The [`Session`] extractor's rejection when the app has no
/// [`SessionLayer`]: a 500, with the fix in the server's log.
///
/// ```
/// use axum::response::IntoResponse;
/// let res = flaxum::session::NoSessionLayer.into_response();
/// assert_eq!(res.status(), 500);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoSessionLayer;

impl std::fmt::Display for NoSessionLayer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(
            "a handler takes a Session, but the app has no session layer: \
             add `.layer(flaxum::session::SessionLayer::new(key))` to the App",
        )
    }
}

impl std::error::Error for NoSessionLayer {}

impl IntoResponse for NoSessionLayer {
    fn into_response(self) -> Response {
        tracing::error!("{self}");
        crate::dispatch::respond::error_response(http::StatusCode::INTERNAL_SERVER_ERROR)
    }
}
