//! Jinja2 templates, as Flask renders them (the `templates` feature).
//!
//! A folder of templates, rendered by [minijinja](https://docs.rs/minijinja)
//! with Flask's conventions: HTML escaping for `.html`, `.htm`, `.xml` and
//! `.svg` files, spelled as Jinja2's MarkupSafe spells it (`&#34;`, `&#39;`),
//! so the pages match Flask's byte for byte; a `url_for('blueprint.handler',
//! name=value)` function over the app's routes; with the `sessions`
//! feature, Flask's `get_flashed_messages(with_categories=false,
//! category_filter=[])` on the session of the request being answered
//! (see [`session`](crate::session)); and, in debug builds, the
//! files read again on every render, so an edited template shows on the
//! next request.
//!
//! ```
//! use flaxum::templates::{context, Templates};
//! use flaxum::{get, routes, App};
//!
//! #[get("/users/<int:id>")]
//! async fn user(id: u64) -> String { id.to_string() }
//!
//! let dir = std::env::temp_dir().join(format!("flaxum-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir).unwrap();
//! std::fs::write(dir.join("hello.html"), "<a href=\"{{ url_for('user', id=7) }}\">{{ name }}</a>").unwrap();
//!
//! let app = App::new(routes![user]);
//! let templates = Templates::new(&dir).with_url_for(app.table());
//! let page = templates.render("hello.html", context! { name => "<Ada & 'Bob'>" }).unwrap();
//! assert_eq!(page.0, "<a href=\"/users/7\">&lt;Ada &amp; &#39;Bob&#39;&gt;</a>");
//! # std::fs::remove_dir_all(&dir).unwrap();
//! ```

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use axum::response::{Html, IntoResponse, Response};
use minijinja::value::{Kwargs, ValueKind};
use minijinja::{AutoEscape, Environment, ErrorKind, Output, State};

use crate::route::RouteDef;
use crate::table::Table;
use crate::url::UrlFor;

/// Builds a template context: `context! { posts => posts, user => user }`.
pub use minijinja::context;
/// A template value, such as a [`context!`].
pub use minijinja::Value;

/// A folder of templates, with `url_for` for an app's routes.
///
/// Cloning is cheap (the templates are shared).
#[derive(Clone)]
pub struct Templates {
    inner: Arc<Inner>,
}

struct Inner {
    dir: PathBuf,
    /// Debug builds build the environment (and so `url_for`) per render.
    #[cfg(debug_assertions)]
    routes: Option<&'static Table>,
    /// Release builds parse each template once.
    #[cfg(not(debug_assertions))]
    env: Environment<'static>,
}

impl Templates {
    /// The templates of folder `dir` (like Flask's `templates/`); a
    /// template's name is its path under `dir`, `/`-separated.
    ///
    /// ```
    /// let t = flaxum::templates::Templates::new("templates");
    /// # let _ = t;
    /// ```
    pub fn new(dir: impl AsRef<Path>) -> Templates {
        Self::build(dir.as_ref().to_path_buf(), None)
    }

    /// Adds `url_for('endpoint', name=value, …)` for the routes of `table`
    /// (an app's [`App::table`](crate::App::table)). Endpoints are named as
    /// in Flask: the handler, after its blueprints (`"auth.login"`).
    ///
    /// ```
    /// #[flaxum::get("/")]
    /// async fn index() {}
    /// let app = flaxum::App::new(flaxum::routes![index]);
    /// let t = flaxum::templates::Templates::new("templates").with_url_for(app.table());
    /// # let _ = t;
    /// ```
    pub fn with_url_for(self, table: &'static Table) -> Templates {
        Self::build(self.inner.dir.clone(), Some(table))
    }

    fn build(dir: PathBuf, routes: Option<&'static Table>) -> Templates {
        Templates {
            inner: Arc::new(Inner {
                #[cfg(not(debug_assertions))]
                env: environment(&dir, routes),
                dir,
                #[cfg(debug_assertions)]
                routes,
            }),
        }
    }

    /// Renders template `name` with `context` (anything `Serialize`, most
    /// often [`context!`]).
    ///
    /// ```
    /// use flaxum::templates::{context, Templates};
    /// let dir = std::env::temp_dir().join(format!("flaxum-doc-render-{}", std::process::id()));
    /// std::fs::create_dir_all(&dir).unwrap();
    /// std::fs::write(dir.join("hi.html"), "Hi {{ name }}!").unwrap();
    /// let page = Templates::new(&dir).render("hi.html", context! { name => "you" }).unwrap();
    /// assert_eq!(page.0, "Hi you!");
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// ```
    pub fn render<C: serde::Serialize>(
        &self,
        name: &str,
        context: C,
    ) -> Result<Html<String>, TemplateError> {
        #[cfg(debug_assertions)]
        let env = environment(&self.inner.dir, self.inner.routes);
        #[cfg(not(debug_assertions))]
        let env = &self.inner.env;
        let template = env.get_template(name).map_err(TemplateError)?;
        template.render(context).map(Html).map_err(TemplateError)
    }
}

fn environment(dir: &Path, routes: Option<&'static Table>) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_loader(minijinja::path_loader(dir));
    env.set_auto_escape_callback(|name| {
        let html = [".html", ".htm", ".xml", ".xhtml", ".svg"];
        if html.iter().any(|ext| name.ends_with(ext)) {
            AutoEscape::Html
        } else {
            AutoEscape::None
        }
    });
    env.set_formatter(markupsafe);
    #[cfg(feature = "sessions")]
    env.add_function("get_flashed_messages", crate::session::in_template);
    if let Some(table) = routes {
        env.add_function("url_for", move |endpoint: &str, kwargs: Kwargs| {
            url_for(table, endpoint, kwargs)
        });
    }
    env
}

/// Writes a value as Jinja2 does: `None`, `True` and `False` as Python
/// spells them, and HTML-escaped as MarkupSafe escapes (`&`, `<`, `>`, `"`
/// and `'`) when the template escapes and the value is not marked safe.
fn markupsafe(
    out: &mut Output<'_>,
    state: &State<'_, '_>,
    value: &Value,
) -> Result<(), minijinja::Error> {
    // Python's spelling, escaped or not.
    match value.kind() {
        ValueKind::None => return out.write_str("None").map_err(write_error),
        ValueKind::Bool => {
            let text = if value.is_true() { "True" } else { "False" };
            return out.write_str(text).map_err(write_error);
        }
        _ => {}
    }
    if !matches!(state.auto_escape(), AutoEscape::Html) || value.is_safe() {
        return minijinja::escape_formatter(out, state, value);
    }
    if value.is_undefined() {
        // An undefined value writes nothing.
        return Ok(());
    }
    match (value.as_str(), value.kind()) {
        (Some(text), _) => escape_into(out, text),
        // Written as they are: no number needs escaping.
        (None, ValueKind::Number) => write!(out, "{value}"),
        (None, _) => escape_into(out, &value.to_string()),
    }
    .map_err(write_error)
}

/// Writes `text` HTML-escaped: the runs between the characters that need
/// escaping as they are, with no copy of the whole. The scan is over
/// bytes: the five are ASCII, and no byte of a multi-byte UTF-8 character
/// is, so each one found is a character of its own.
fn escape_into(out: &mut Output<'_>, text: &str) -> std::fmt::Result {
    let mut run = 0;
    for (at, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&#34;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.write_str(&text[run..at])?;
        out.write_str(entity)?;
        run = at + 1;
    }
    out.write_str(&text[run..])
}

fn write_error(_: std::fmt::Error) -> minijinja::Error {
    minijinja::Error::new(ErrorKind::WriteFailure, "cannot write the template output")
}

/// The template function: the first route of `endpoint` whose parameters
/// are all given; other values become the query string.
fn url_for(
    table: &'static Table,
    endpoint: &str,
    kwargs: Kwargs,
) -> Result<Value, minijinja::Error> {
    let mut given: Vec<(String, String)> = Vec::new();
    for key in kwargs.args() {
        let v: Value = kwargs.get(key)?;
        let text = match v.as_str() {
            Some(s) => s.to_owned(),
            None => v.to_string(),
        };
        given.push((key.to_owned(), text));
    }
    // Flask registers stacked decorators from the bottom up: the last
    // route of a handler is its first rule.
    let mut routes = table
        .routes()
        .iter()
        .rev()
        .filter(|def| is_endpoint(def, endpoint))
        .peekable();
    let known = routes.peek().is_some();
    let names: Vec<&str> = given.iter().map(|(k, _)| k.as_str()).collect();
    let all_given = |def: &&RouteDef| {
        def.segments
            .iter()
            .filter_map(|s| s.param_name())
            .all(|p| names.contains(&p))
    };
    if let Some(def) = routes.find(all_given) {
        let mut url = UrlFor::new(def);
        for (k, v) in given {
            url.text(k, v);
        }
        return Ok(Value::from_safe_string(url.finish()));
    }
    let mut msg = format!("url_for('{endpoint}'): ");
    if known {
        msg.push_str("a path parameter has no value");
    } else {
        let _ = write!(msg, "no route has the endpoint `{endpoint}`");
    }
    Err(minijinja::Error::new(ErrorKind::InvalidOperation, msg))
}

fn is_endpoint(def: &crate::route::RouteDef, endpoint: &str) -> bool {
    if def.blueprint.is_empty() {
        return def.handler == endpoint;
    }
    endpoint.len() == def.blueprint.len() + 1 + def.handler.len()
        && endpoint.starts_with(def.blueprint)
        && endpoint.as_bytes()[def.blueprint.len()] == b'.'
        && endpoint.ends_with(def.handler)
}

/// A template that is missing or failed to render: a 500 (an
/// `#[errorhandler(500)]` answers it), with the cause in the server's log.
#[derive(Debug)]
pub struct TemplateError(minijinja::Error);

impl std::fmt::Display for TemplateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "template error: {:#}", self.0)
    }
}

impl std::error::Error for TemplateError {}

impl IntoResponse for TemplateError {
    fn into_response(self) -> Response {
        tracing::error!(error = %self, "template failed");
        crate::dispatch::respond::error_response(http::StatusCode::INTERNAL_SERVER_ERROR)
    }
}

static APP_TEMPLATES: RwLock<Option<Templates>> = RwLock::new(None);

/// Makes `templates` the ones [`render_template`] uses, like a Flask app's
/// template folder. Calling it again replaces them.
///
/// ```
/// flaxum::templates::init(flaxum::templates::Templates::new("templates"));
/// ```
pub fn init(templates: Templates) {
    if let Ok(mut slot) = APP_TEMPLATES.write() {
        *slot = Some(templates);
    }
}

/// Flask's `render_template(name, **context)`: renders template `name` of
/// the templates given to [`init`].
///
/// ```
/// use flaxum::templates::{context, init, Templates};
/// let dir = std::env::temp_dir().join(format!("flaxum-doc-rt-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// std::fs::write(dir.join("index.html"), "{{ n }} posts").unwrap();
/// init(Templates::new(&dir));
/// let page = flaxum::render_template("index.html", context! { n => 3 }).unwrap();
/// assert_eq!(page.0, "3 posts");
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn render_template<C: serde::Serialize>(
    name: &str,
    context: C,
) -> Result<Html<String>, TemplateError> {
    let templates = APP_TEMPLATES.read().ok().and_then(|t| t.clone());
    match templates {
        Some(t) => t.render(name, context),
        None => Err(TemplateError(minijinja::Error::new(
            ErrorKind::InvalidOperation,
            "render_template: no templates; call flaxum::templates::init first",
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders `source` as an `.html` (escaping) or `.txt` template.
    fn render(name: &str, source: &str, ctx: Value) -> String {
        let mut env = environment(Path::new("."), None);
        env.add_template_owned(name.to_owned(), source.to_owned())
            .unwrap();
        env.get_template(name).unwrap().render(ctx).unwrap()
    }

    #[test]
    fn values_are_written_as_jinja2_writes_them() {
        let ctx = context! {
            s => "<a href=\"x\">Tom & 'Jerry'</a> — ok",
            n => 42,
            f => 1.5,
            yes => true,
            no => false,
            z => (),
        };
        let source = "{{ s }}|{{ n }}|{{ f }}|{{ yes }}|{{ no }}|{{ z }}|{{ missing }}";
        // Jinja2 3.1 with autoescape on renders exactly this.
        assert_eq!(
            render("page.html", source, ctx.clone()),
            "&lt;a href=&#34;x&#34;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt; — ok|42|1.5|True|False|None|"
        );
        assert_eq!(
            render("page.txt", source, ctx),
            "<a href=\"x\">Tom & 'Jerry'</a> — ok|42|1.5|True|False|None|"
        );
    }

    #[test]
    fn escaping_keeps_the_characters_around_it() {
        let ctx = context! { s => "<フ>&'レ\"—", t => "ム", u => "&" };
        // Jinja2 3.1 with autoescape on renders exactly this.
        assert_eq!(
            render("page.html", "{{ s }}|{{ t }}|{{ u }}", ctx),
            "&lt;フ&gt;&amp;&#39;レ&#34;—|ム|&amp;"
        );
    }

    #[test]
    fn safe_values_and_containers_are_escaped_once() {
        let ctx = context! { l => vec!["<b>"], t => "<i>" };
        let page = render("page.html", "{{ l }}|{{ t|safe }}|{{ t|e }}", ctx);
        assert!(!page.contains("<b>"), "{page}");
        assert!(page.ends_with("|<i>|&lt;i&gt;"), "{page}");
    }
}
