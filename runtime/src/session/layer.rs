//! The tower layer that gives each request its session and writes the
//! cookie back on the response.

use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use cookie::time::OffsetDateTime;
use cookie::Cookie;
use http::header::{COOKIE, SET_COOKIE, VARY};
use http::{HeaderMap, HeaderValue, Request, Response};
use pin_project_lite::pin_project;
use tokio::task::futures::TaskLocalFuture;
use tower_layer::Layer;
use tower_service::Service;

use super::key::SecretKey;
use super::{seal, Session};

tokio::task_local! {
    /// The session of the request being answered, for templates.
    pub(super) static CURRENT: Session;
}

/// The `SameSite` attribute of the session cookie.
///
/// ```
/// use flaxum::session::{SameSite, SecretKey, SessionLayer};
/// let layer = SessionLayer::new(SecretKey::random()).same_site(SameSite::Strict);
/// # let _ = layer;
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SameSite {
    /// Sent only with requests from the same site.
    Strict,
    /// Also sent when the user follows a link from another site, but not
    /// with another site's forms or scripts (the default).
    Lax,
    /// Sent with every request; browsers then need `Secure` too.
    None,
}

/// What the layer was configured with, shared by its sessions.
pub(super) struct Settings {
    pub(super) key: SecretKey,
    name: String,
    path: String,
    domain: Option<String>,
    secure: bool,
    http_only: bool,
    same_site: Option<SameSite>,
    pub(super) lifetime: Duration,
    refresh_each_request: bool,
    max_cookie_size: usize,
}

/// Flask's session machinery: a tower layer that gives every request a
/// [`Session`] (read from the signed `session` cookie) and, on the
/// response, sends the cookie when the session changed, or deletes it
/// when it was emptied.
///
/// ```
/// use flaxum::session::{SecretKey, SessionLayer};
/// use flaxum::{routes, App};
///
/// let key = SecretKey::new("a secret of at least thirty-two bytes").unwrap();
/// let app = App::new(routes![]).layer(SessionLayer::new(key));
/// # let _ = app;
/// ```
///
/// The settings are Flask's `SESSION_COOKIE_*` ones, with the same
/// defaults but `SameSite=Lax`; `Debug` shows them, never the key:
///
/// ```
/// # use flaxum::session::{SecretKey, SessionLayer};
/// let shown = format!("{:?}", SessionLayer::new(SecretKey::random()));
/// assert!(shown.contains("SecretKey(..)") && shown.contains("cookie_name: \"session\""), "{shown}");
/// ```
#[derive(Clone)]
pub struct SessionLayer {
    settings: Arc<Settings>,
}

/// The settings, the key shown as `SecretKey(..)`.
impl std::fmt::Debug for SessionLayer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let s = &*self.settings;
        f.debug_struct("SessionLayer")
            .field("key", &s.key)
            .field("cookie_name", &s.name)
            .field("cookie_path", &s.path)
            .field("cookie_domain", &s.domain)
            .field("secure", &s.secure)
            .field("http_only", &s.http_only)
            .field("same_site", &s.same_site)
            .field("permanent_lifetime", &s.lifetime)
            .field("refresh_each_request", &s.refresh_each_request)
            .field("max_cookie_size", &s.max_cookie_size)
            .finish()
    }
}

/// Flask's `PERMANENT_SESSION_LIFETIME`: 31 days.
const DEFAULT_LIFETIME: Duration = Duration::from_secs(31 * 24 * 60 * 60);

/// The longest `Set-Cookie` value sent: werkzeug's `max_cookie_size`.
const DEFAULT_MAX_COOKIE_SIZE: usize = 4093;

impl SessionLayer {
    /// Sessions signed with `key`, in a cookie named `session`,
    /// `HttpOnly`, `SameSite=Lax`, `Path=/`, for the host that set it;
    /// permanent sessions last 31 days.
    ///
    /// ```
    /// use flaxum::session::{SecretKey, SessionLayer};
    /// let layer = SessionLayer::new(SecretKey::random());
    /// # let _ = layer;
    /// ```
    pub fn new(key: SecretKey) -> SessionLayer {
        SessionLayer {
            settings: Arc::new(Settings {
                key,
                name: "session".to_owned(),
                path: "/".to_owned(),
                domain: None,
                secure: false,
                http_only: true,
                same_site: Some(SameSite::Lax),
                lifetime: DEFAULT_LIFETIME,
                refresh_each_request: true,
                max_cookie_size: DEFAULT_MAX_COOKIE_SIZE,
            }),
        }
    }

    fn with(mut self, f: impl FnOnce(&mut Settings)) -> SessionLayer {
        match Arc::get_mut(&mut self.settings) {
            Some(settings) => f(settings),
            None => {
                let s = &*self.settings;
                let mut copy = Settings {
                    key: s.key.clone(),
                    name: s.name.clone(),
                    path: s.path.clone(),
                    domain: s.domain.clone(),
                    ..*s
                };
                f(&mut copy);
                self.settings = Arc::new(copy);
            }
        }
        self
    }

    /// The cookie's name (`SESSION_COOKIE_NAME`, `session`).
    ///
    /// ```
    /// # use flaxum::session::{SecretKey, SessionLayer};
    /// let layer = SessionLayer::new(SecretKey::random()).cookie_name("blog_session");
    /// # let _ = layer;
    /// ```
    pub fn cookie_name(self, name: impl Into<String>) -> SessionLayer {
        let name = name.into();
        self.with(|s| s.name = name)
    }

    /// The cookie's `Path` (`SESSION_COOKIE_PATH`, `/`).
    ///
    /// ```
    /// # use flaxum::session::{SecretKey, SessionLayer};
    /// let layer = SessionLayer::new(SecretKey::random()).cookie_path("/app");
    /// # let _ = layer;
    /// ```
    pub fn cookie_path(self, path: impl Into<String>) -> SessionLayer {
        let path = path.into();
        self.with(|s| s.path = path)
    }

    /// The cookie's `Domain` (`SESSION_COOKIE_DOMAIN`): by default none,
    /// so the cookie goes back to the host that set it only.
    ///
    /// ```
    /// # use flaxum::session::{SecretKey, SessionLayer};
    /// let layer = SessionLayer::new(SecretKey::random()).cookie_domain("example.com");
    /// # let _ = layer;
    /// ```
    pub fn cookie_domain(self, domain: impl Into<String>) -> SessionLayer {
        let domain = domain.into();
        self.with(|s| s.domain = Some(domain))
    }

    /// Whether the cookie is `Secure`, sent over HTTPS only
    /// (`SESSION_COOKIE_SECURE`, off). Turn it on for a site served over
    /// HTTPS.
    ///
    /// ```
    /// # use flaxum::session::{SecretKey, SessionLayer};
    /// let layer = SessionLayer::new(SecretKey::random()).secure(true);
    /// # let _ = layer;
    /// ```
    pub fn secure(self, on: bool) -> SessionLayer {
        self.with(|s| s.secure = on)
    }

    /// Whether the cookie is `HttpOnly`, out of scripts' reach
    /// (`SESSION_COOKIE_HTTPONLY`, on).
    ///
    /// ```
    /// # use flaxum::session::{SecretKey, SessionLayer};
    /// let layer = SessionLayer::new(SecretKey::random()).http_only(true);
    /// # let _ = layer;
    /// ```
    pub fn http_only(self, on: bool) -> SessionLayer {
        self.with(|s| s.http_only = on)
    }

    /// The cookie's `SameSite` (`SESSION_COOKIE_SAMESITE`): `Lax` by
    /// default, where Flask has none; `None::<SameSite>` leaves the
    /// attribute out.
    ///
    /// ```
    /// # use flaxum::session::{SameSite, SecretKey, SessionLayer};
    /// let strict = SessionLayer::new(SecretKey::random()).same_site(SameSite::Strict);
    /// let absent = SessionLayer::new(SecretKey::random()).same_site(None::<SameSite>);
    /// # let _ = (strict, absent);
    /// ```
    pub fn same_site(self, same_site: impl Into<Option<SameSite>>) -> SessionLayer {
        let same_site = same_site.into();
        self.with(|s| s.same_site = same_site)
    }

    /// How long a permanent session's cookie lasts
    /// (`PERMANENT_SESSION_LIFETIME`, 31 days), in whole seconds. It also
    /// bounds the age of every session cookie, permanent or not: an older
    /// one reads as an empty session.
    ///
    /// ```
    /// # use flaxum::session::{SecretKey, SessionLayer};
    /// use std::time::Duration;
    /// let week = SessionLayer::new(SecretKey::random())
    ///     .permanent_lifetime(Duration::from_secs(7 * 24 * 3600));
    /// # let _ = week;
    /// ```
    pub fn permanent_lifetime(self, lifetime: Duration) -> SessionLayer {
        self.with(|s| s.lifetime = Duration::from_secs(lifetime.as_secs()))
    }

    /// Whether a permanent session's cookie is sent on every response,
    /// renewing its expiry, even when the session did not change
    /// (`SESSION_REFRESH_EACH_REQUEST`, on). Off, a cookie is only sent
    /// when its session changed.
    ///
    /// ```
    /// # use flaxum::session::{SecretKey, SessionLayer};
    /// let layer = SessionLayer::new(SecretKey::random()).refresh_each_request(false);
    /// # let _ = layer;
    /// ```
    pub fn refresh_each_request(self, on: bool) -> SessionLayer {
        self.with(|s| s.refresh_each_request = on)
    }

    /// The longest `Set-Cookie` value sent, in bytes (4093, werkzeug's
    /// `max_cookie_size`; browsers drop cookies past about 4 KB). A longer
    /// session cookie is not sent: the browser keeps the one it had, and
    /// the server logs an error.
    ///
    /// ```
    /// # use flaxum::session::{SecretKey, SessionLayer};
    /// let layer = SessionLayer::new(SecretKey::random()).max_cookie_size(2048);
    /// # let _ = layer;
    /// ```
    pub fn max_cookie_size(self, bytes: usize) -> SessionLayer {
        self.with(|s| s.max_cookie_size = bytes)
    }
}

impl<S> Layer<S> for SessionLayer {
    type Service = SessionService<S>;

    fn layer(&self, inner: S) -> SessionService<S> {
        SessionService {
            inner,
            settings: Arc::clone(&self.settings),
        }
    }
}

/// The service of a [`SessionLayer`] around an app.
///
/// ```
/// use flaxum::session::{SecretKey, SessionLayer, SessionService};
/// use tower::Layer;
///
/// let app = flaxum::App::new(flaxum::routes![]);
/// let svc: SessionService<_> = SessionLayer::new(SecretKey::random()).layer(app);
/// # let _ = svc;
/// ```
#[derive(Clone)]
pub struct SessionService<S> {
    inner: S,
    settings: Arc<Settings>,
}

impl<S, ReqB, ResB> Service<Request<ReqB>> for SessionService<S>
where
    S: Service<Request<ReqB>, Response = Response<ResB>>,
{
    type Response = Response<ResB>;
    type Error = S::Error;
    type Future = SessionFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut req: Request<ReqB>) -> Self::Future {
        let raw = request_cookie(req.headers(), &self.settings.name);
        let session = Session::for_request(Arc::clone(&self.settings), raw);
        req.extensions_mut().insert(session.clone());
        SessionFuture {
            inner: CURRENT.scope(session.clone(), self.inner.call(req)),
            session,
        }
    }
}

pin_project! {
    /// The future of a [`SessionService`]: the app's, then the cookie.
    ///
    /// ```
    /// use flaxum::session::SessionFuture;
    /// fn named(_: Option<SessionFuture<std::future::Ready<()>>>) {}
    /// named(None);
    /// ```
    pub struct SessionFuture<F> {
        #[pin]
        inner: TaskLocalFuture<Session, F>,
        session: Session,
    }
}

impl<F, B, E> std::future::Future for SessionFuture<F>
where
    F: std::future::Future<Output = Result<Response<B>, E>>,
{
    type Output = Result<Response<B>, E>;

    fn poll(self: std::pin::Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        match this.inner.poll(cx) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(Ok(mut res)) => {
                this.session.save(res.headers_mut());
                Poll::Ready(Ok(res))
            }
            Poll::Ready(Err(e)) => Poll::Ready(Err(e)),
        }
    }
}

/// The value of the first cookie called `name` that the request sent.
fn request_cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .map(|c| c.value().to_owned())
}

impl Session {
    /// Flask's `save_session`: the cookie, sent when the session changed
    /// (or is permanent and refreshed on every request), deleted when it
    /// was emptied; `Vary: Cookie` when the session was read.
    fn save(&self, headers: &mut HeaderMap) {
        let Some(settings) = self.shared.settings.as_deref() else {
            return;
        };
        let mut state = self.lock();
        if state.accessed {
            vary_cookie(headers);
        }
        if state.data.is_none() && !(settings.refresh_each_request && state.raw.is_some()) {
            // Nobody looked, nothing to refresh.
            return;
        }
        let modified = state.modified;
        let data = state.data(Some(settings));
        if data.is_empty() {
            if modified {
                let removal = base(settings, String::new())
                    .max_age(cookie::time::Duration::ZERO)
                    .expires(OffsetDateTime::UNIX_EPOCH)
                    .build();
                set_cookie(headers, settings, &removal);
            }
            return;
        }
        let permanent = matches!(
            data.get(super::PERMANENT),
            Some(serde_json::Value::Bool(true))
        );
        if !(modified || permanent && settings.refresh_each_request) {
            return;
        }
        let value = seal::seal(&settings.key, data, seal::now());
        let mut cookie = base(settings, value);
        if permanent {
            let lifetime = i64::try_from(settings.lifetime.as_secs()).unwrap_or(i64::MAX);
            let lifetime = cookie::time::Duration::seconds(lifetime);
            let expires = OffsetDateTime::now_utc().checked_add(lifetime);
            cookie = cookie.max_age(lifetime);
            if let Some(expires) = expires {
                cookie = cookie.expires(expires);
            }
        }
        set_cookie(headers, settings, &cookie.build());
    }
}

/// The session cookie with `value` and the layer's attributes.
fn base(settings: &Settings, value: String) -> cookie::CookieBuilder<'static> {
    let mut cookie = Cookie::build((settings.name.clone(), value))
        .path(settings.path.clone())
        .http_only(settings.http_only)
        .secure(settings.secure);
    if let Some(domain) = &settings.domain {
        cookie = cookie.domain(domain.clone());
    }
    match settings.same_site {
        Some(SameSite::Strict) => cookie.same_site(cookie::SameSite::Strict),
        Some(SameSite::Lax) => cookie.same_site(cookie::SameSite::Lax),
        Some(SameSite::None) => cookie.same_site(cookie::SameSite::None),
        None => cookie,
    }
}

/// Appends `Set-Cookie: cookie` and `Vary: Cookie`, unless the cookie is
/// longer than the layer allows: then it is logged and not sent.
fn set_cookie(headers: &mut HeaderMap, settings: &Settings, cookie: &Cookie<'_>) {
    let text = cookie.to_string();
    if text.len() > settings.max_cookie_size {
        tracing::error!(
            size = text.len(),
            max = settings.max_cookie_size,
            "the session cookie is {} bytes, over the {}-byte limit (browsers drop such \
             cookies): not sent, the session keeps its previous value; store less in it",
            text.len(),
            settings.max_cookie_size,
        );
        return;
    }
    match HeaderValue::try_from(text) {
        Ok(value) => {
            headers.append(SET_COOKIE, value);
            vary_cookie(headers);
        }
        Err(e) => tracing::error!("the session cookie is not a header value: {e}"),
    }
}

/// Adds `Cookie` to `Vary`, unless it is there already.
fn vary_cookie(headers: &mut HeaderMap) {
    let present = headers.get_all(VARY).iter().any(|v| {
        v.to_str().is_ok_and(|v| {
            v.split(',')
                .map(str::trim)
                .any(|t| t == "*" || t.eq_ignore_ascii_case("cookie"))
        })
    });
    if !present {
        headers.append(VARY, HeaderValue::from_static("Cookie"));
    }
}
