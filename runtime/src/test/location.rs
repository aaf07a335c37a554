//! Where a redirect goes: a `Location` resolved against the request it
//! answers (RFC 3986 §5.2), kept only when it names the same app.

/// A redirect the client follows: the path and query to ask next, and the
/// `Host` to ask it of when the `Location` named one.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Target {
    pub(super) path_and_query: String,
    pub(super) host: Option<String>,
}

/// Resolves `location` against `base` (the path and query of the request
/// that was redirected, asked of `host`). `None` when the redirect leaves
/// the app: another host, a scheme other than `http`/`https`, user
/// information in the authority.
pub(super) fn resolve(base: &str, host: &str, location: &str) -> Option<Target> {
    let location = location.split('#').next().unwrap_or_default();
    if let Some(rest) = location.strip_prefix("//") {
        return elsewhere(rest, host);
    }
    if let Some((scheme, rest)) = scheme(location) {
        let http = scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https");
        return rest
            .strip_prefix("//")
            .filter(|_| http)
            .and_then(|rest| elsewhere(rest, host));
    }
    let (base_path, base_query) = base
        .split_once('?')
        .map_or((base, None), |(p, q)| (p, Some(q)));
    let path_and_query = if location.is_empty() {
        match base_query {
            Some(q) => format!("{base_path}?{q}"),
            None => base_path.to_owned(),
        }
    } else if location.starts_with('?') {
        format!("{base_path}{location}")
    } else {
        let (path, query) = split_query(location);
        let merged = if path.starts_with('/') {
            path.to_owned()
        } else {
            // The base's folder, then the reference.
            let folder = base_path.rfind('/').map_or("/", |at| &base_path[..=at]);
            format!("{folder}{path}")
        };
        format!("{}{query}", remove_dot_segments(&merged))
    };
    Some(Target {
        path_and_query,
        host: None,
    })
}

/// A reference's scheme and what follows its `:`, if it has one: letters,
/// digits, `+`, `-` and `.`, starting with a letter, before any `/`, `?`.
fn scheme(location: &str) -> Option<(&str, &str)> {
    let (scheme, rest) = location.split_once(':')?;
    let mut chars = scheme.chars();
    let first = chars.next()?;
    let valid = first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some((scheme, rest))
}

/// `authority/path?query` (what follows `//`), if the authority is this
/// app: `localhost` or the host asked, on any port.
fn elsewhere(rest: &str, host: &str) -> Option<Target> {
    let end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, path_and_query) = rest.split_at(end);
    if authority.contains('@') {
        return None;
    }
    let name = |authority: &str| match authority.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name.to_owned(),
        _ => authority.to_owned(),
    };
    let to = name(authority);
    let same = to.eq_ignore_ascii_case("localhost") || to.eq_ignore_ascii_case(&name(host));
    if !same {
        return None;
    }
    let (path, query) = split_query(path_and_query);
    let path = if path.is_empty() { "/" } else { path };
    Some(Target {
        path_and_query: format!("{}{query}", remove_dot_segments(path)),
        host: Some(authority.to_owned()),
    })
}

/// `path` and `?query` (with its `?`, or empty).
fn split_query(reference: &str) -> (&str, &str) {
    match reference.find('?') {
        Some(at) => reference.split_at(at),
        None => (reference, ""),
    }
}

/// An absolute path without its `.` and `..` segments (RFC 3986 §5.2.4).
fn remove_dot_segments(path: &str) -> String {
    let mut kept: Vec<&str> = Vec::new();
    let mut trailing = false;
    for segment in path.split('/').skip(1) {
        trailing = matches!(segment, "." | "..");
        match segment {
            "." => {}
            ".." => {
                kept.pop();
            }
            _ => kept.push(segment),
        }
    }
    let mut out = String::with_capacity(path.len());
    for segment in &kept {
        out.push('/');
        out.push_str(segment);
    }
    if trailing || out.is_empty() {
        out.push('/');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(base: &str, location: &str) -> Option<String> {
        resolve(base, "localhost", location).map(|t| t.path_and_query)
    }

    #[test]
    fn relative_references_resolve_as_browsers_do() {
        assert_eq!(at("/a/b?x=1", "/c").as_deref(), Some("/c"));
        assert_eq!(at("/a/b?x=1", "c?y").as_deref(), Some("/a/c?y"));
        assert_eq!(at("/a/b?x=1", "?y=2").as_deref(), Some("/a/b?y=2"));
        assert_eq!(at("/a/b?x=1", "").as_deref(), Some("/a/b?x=1"));
        assert_eq!(at("/a/b/c", "../d").as_deref(), Some("/a/d"));
        assert_eq!(at("/a/b/c", "./").as_deref(), Some("/a/b/"));
        assert_eq!(at("/a/b/c", "..").as_deref(), Some("/a/"));
        assert_eq!(at("/a", "../../x").as_deref(), Some("/x"));
        assert_eq!(at("/a", "/b#frag").as_deref(), Some("/b"));
    }

    #[test]
    fn only_this_app_is_followed() {
        assert_eq!(at("/", "http://localhost/x?q").as_deref(), Some("/x?q"));
        assert_eq!(at("/", "HTTPS://LOCALHOST:5000").as_deref(), Some("/"));
        assert_eq!(at("/", "//localhost/y").as_deref(), Some("/y"));
        assert_eq!(at("/", "http://example.com/"), None);
        assert_eq!(at("/", "//example.com/"), None);
        assert_eq!(at("/", "http://localhost@example.com/"), None);
        assert_eq!(at("/", "ftp://localhost/"), None);
        assert_eq!(at("/", "mailto:ada@localhost"), None);
        let other = resolve("/", "127.0.0.1:8000", "http://127.0.0.1/z").unwrap();
        assert_eq!(other.path_and_query, "/z");
        assert_eq!(other.host.as_deref(), Some("127.0.0.1"));
    }
}
