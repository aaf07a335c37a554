//! The client's cookies: what `Set-Cookie` stored, sent back as `Cookie`
//! to the paths they were set for (RFC 6265 §5.3 and §5.4, for one host).

use std::time::{Duration, SystemTime};

/// One stored cookie. Its value is kept as the app sent it (quotes and
/// percent-escapes included) and sent back the same.
struct Stored {
    name: String,
    value: String,
    path: String,
    expires: Option<SystemTime>,
    /// When it was last set, counted in `Set-Cookie`s.
    set: u64,
}

impl Stored {
    fn live(&self, now: SystemTime) -> bool {
        self.expires.is_none_or(|at| at > now)
    }
}

/// The cookies of one client, oldest first.
#[derive(Default)]
pub(super) struct Jar {
    cookies: Vec<Stored>,
    /// How many cookies were set so far.
    sets: u64,
}

impl Jar {
    /// Stores (or, expired, deletes) the cookie of one `Set-Cookie` value,
    /// received for `path` asked of `host`. A value that does not parse,
    /// and a cookie for another domain, are ignored, as a browser does.
    pub(super) fn store(&mut self, set_cookie: &str, path: &str, host: &str) {
        let Ok(cookie) = cookie::Cookie::parse(set_cookie) else {
            return;
        };
        if let Some(domain) = cookie.domain() {
            let domain = domain.trim_start_matches('.');
            let host = host.rsplit_once(':').map_or(host, |(name, _)| name);
            if !domain.eq_ignore_ascii_case("localhost") && !domain.eq_ignore_ascii_case(host) {
                return;
            }
        }
        let path = match cookie.path() {
            Some(p) if p.starts_with('/') => p.to_owned(),
            _ => default_path(path).to_owned(),
        };
        let now = SystemTime::now();
        // Max-Age wins over Expires (RFC 6265 §5.3, step 3).
        let expires = match (cookie.max_age(), cookie.expires_datetime()) {
            (Some(age), _) => match u64::try_from(age.whole_seconds()) {
                Ok(0) | Err(_) => Some(SystemTime::UNIX_EPOCH),
                Ok(seconds) => now.checked_add(Duration::from_secs(seconds)),
            },
            (None, Some(at)) => Some(SystemTime::from(at)),
            (None, None) => None,
        };
        let stored = Stored {
            name: cookie.name().to_owned(),
            value: cookie.value().to_owned(),
            path,
            expires,
            set: 0,
        };
        self.put(stored, now);
    }

    /// Sets `name` for every path of the app, with no expiry.
    pub(super) fn set(&mut self, name: &str, value: &str) {
        let stored = Stored {
            name: name.to_owned(),
            value: value.to_owned(),
            path: "/".to_owned(),
            expires: None,
            set: 0,
        };
        self.put(stored, SystemTime::now());
    }

    /// Replaces the cookie of the same name and path (keeping its place:
    /// its creation time, for the order of the `Cookie` header), adds a
    /// new one, or removes it if it has expired.
    fn put(&mut self, mut stored: Stored, now: SystemTime) {
        self.sets += 1;
        stored.set = self.sets;
        let same = |c: &Stored| c.name == stored.name && c.path == stored.path;
        let at = self.cookies.iter().position(same);
        match (at, stored.live(now)) {
            (Some(at), true) => self.cookies[at] = stored,
            (Some(at), false) => {
                self.cookies.remove(at);
            }
            (None, true) => self.cookies.push(stored),
            (None, false) => {}
        }
    }

    /// Removes every cookie called `name`, whatever its path.
    pub(super) fn remove(&mut self, name: &str) {
        self.cookies.retain(|c| c.name != name);
    }

    /// The value of the cookie called `name`: the one set last, if it was
    /// set for several paths.
    pub(super) fn get(&mut self, name: &str) -> Option<String> {
        self.forget_expired();
        let named = self.cookies.iter().filter(|c| c.name == name);
        named.max_by_key(|c| c.set).map(|c| c.value.clone())
    }

    /// The `Cookie` header for a request to `path`: the cookies whose path
    /// matches, longer paths first, then oldest first (RFC 6265 §5.4).
    pub(super) fn header(&mut self, path: &str) -> Option<String> {
        self.forget_expired();
        let mut sent: Vec<&Stored> = self
            .cookies
            .iter()
            .filter(|c| path_matches(path, &c.path))
            .collect();
        sent.sort_by_key(|c| core::cmp::Reverse(c.path.len()));
        let pairs: Vec<String> = sent
            .iter()
            .map(|c| format!("{}={}", c.name, c.value))
            .collect();
        (!pairs.is_empty()).then(|| pairs.join("; "))
    }

    fn forget_expired(&mut self) {
        let now = SystemTime::now();
        self.cookies.retain(|c| c.live(now));
    }
}

/// The path a cookie set without `Path` is sent to: the request path's
/// folder, without its last `/` (`/auth/login` gives `/auth`, `/login`
/// gives `/`).
fn default_path(path: &str) -> &str {
    match path.rfind('/') {
        Some(0) | None => "/",
        Some(at) => &path[..at],
    }
}

/// Whether a request to `path` gets a cookie set for `cookie_path`: the
/// same path, or one below it (`/sub` matches `/sub/x`, not `/subway`).
fn path_matches(path: &str, cookie_path: &str) -> bool {
    match path.strip_prefix(cookie_path) {
        Some(rest) => rest.is_empty() || cookie_path.ends_with('/') || rest.starts_with('/'),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_match_by_segment() {
        assert!(path_matches("/sub", "/sub"));
        assert!(path_matches("/sub/x", "/sub"));
        assert!(path_matches("/sub/x", "/sub/"));
        assert!(path_matches("/anything", "/"));
        assert!(!path_matches("/subway", "/sub"));
        assert!(!path_matches("/su", "/sub"));
        assert_eq!(default_path("/auth/login"), "/auth");
        assert_eq!(default_path("/login"), "/");
        assert_eq!(default_path("/a/b/"), "/a/b");
    }

    #[test]
    fn expired_and_foreign_cookies_are_not_kept() {
        let mut jar = Jar::default();
        jar.store("a=1; Path=/", "/", "localhost");
        jar.store("b=2; Domain=example.com", "/", "localhost");
        jar.store("c=3; Domain=.LOCALHOST", "/", "localhost:8000");
        jar.store(
            "d=4; Expires=Thu, 01 Jan 1970 00:00:00 GMT",
            "/",
            "localhost",
        );
        jar.store("not a cookie", "/", "localhost");
        assert_eq!(jar.header("/").as_deref(), Some("a=1; c=3"));
        jar.store("a=; Max-Age=0; Path=/", "/", "localhost");
        jar.store("c=3; Max-Age=-1", "/", "localhost");
        assert_eq!(jar.header("/"), None);
    }

    #[test]
    fn the_value_set_last_is_read() {
        let mut jar = Jar::default();
        jar.store("a=1; Path=/", "/", "localhost");
        jar.store("a=2; Path=/x", "/", "localhost");
        assert_eq!(jar.get("a").as_deref(), Some("2"));
        jar.store("a=3; Path=/", "/", "localhost");
        assert_eq!(jar.get("a").as_deref(), Some("3"));
        // The one for `/` keeps its place: it was created first.
        assert_eq!(jar.header("/x/y").as_deref(), Some("a=2; a=3"));
        jar.remove("a");
        assert_eq!(jar.get("a"), None);
    }
}
