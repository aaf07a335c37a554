//! The static folder of an app (the `static-files` feature): set by
//! [`App::static_folder`], handed to the `static` route's handler by the
//! app's `Core` (see [`static_files`](crate::static_files)).

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use http::{HeaderValue, Request};

use super::{App, Core};
use crate::blueprint::Owner;
use crate::static_files::{no_cache, Folder};
use crate::table::Table;

/// The folder of an app whose `routes!` declared `static` (`statics`),
/// where its handler is the first: the default one. Its route becomes the
/// one `url_for!(static, …)` writes.
pub(crate) fn declared(
    table: &'static Table,
    owners: &[Owner],
    statics: bool,
) -> Option<Arc<Folder>> {
    if !statics {
        return None;
    }
    if let Some(route) = owners.iter().position(|own| own.handler == 0) {
        crate::url::set_static_route(table.route(route));
    }
    Some(Folder::default_folder())
}

/// The request of handler `handler`, with the folder when it is the
/// static route's: all an app without `static` pays is the `None` test.
#[inline]
pub(crate) fn hand_folder(
    folder: &Option<Arc<Folder>>,
    handler: u16,
    mut req: Request<Body>,
) -> Request<Body> {
    if let Some(folder) = folder {
        if handler == 0 {
            req.extensions_mut().insert(Arc::clone(folder));
        }
    }
    req
}

impl<R, S, F> App<Core<R, S, F>> {
    /// Serves the `static` route from folder `dir` (Flask's
    /// `static_folder`), instead of `static` under the app's root. A
    /// relative path is taken from the app's root too: the package's
    /// folder under `cargo run` and `cargo test`, else the working
    /// directory (see [`static_files`](crate::static_files)). An app whose
    /// `routes!` declare no `static` has no folder: this logs a warning and
    /// changes nothing.
    ///
    /// ```
    /// use flaxum::{routes, App};
    /// let app = App::new(routes![static]).static_folder("/srv/blog/public");
    /// assert_eq!(app.static_folder_path(), Some(std::path::Path::new("/srv/blog/public")));
    /// ```
    pub fn static_folder(mut self, dir: impl AsRef<Path>) -> Self {
        match &self.svc.statics {
            Some(old) => {
                let cache_control = old.cache_control.clone();
                self.svc.statics = Some(Arc::new(Folder::new(dir.as_ref(), cache_control)));
            }
            None => tracing::warn!("static_folder: the app's routes! declare no `static`"),
        }
        self
    }

    /// How long browsers and caches may keep a static file without asking
    /// again: `Cache-Control: public, max-age=…` (Flask's
    /// `SEND_FILE_MAX_AGE_DEFAULT`). Without it, `no-cache`, as in Flask:
    /// kept, but checked on each use (a `304` while it has not changed).
    ///
    /// ```
    /// use std::time::Duration;
    /// let app = flaxum::App::new(flaxum::routes![static])
    ///     .static_max_age(Duration::from_secs(3600));
    /// # let _ = app;
    /// ```
    pub fn static_max_age(mut self, max_age: Duration) -> Self {
        match &self.svc.statics {
            Some(old) => {
                let value = format!("public, max-age={}", max_age.as_secs());
                let cache_control = HeaderValue::from_str(&value).unwrap_or_else(|_| no_cache());
                self.svc.statics = Some(Arc::new(old.with_cache_control(cache_control)));
            }
            None => tracing::warn!("static_max_age: the app's routes! declare no `static`"),
        }
        self
    }

    /// The folder the `static` route serves, absolute; `None` when the
    /// app's `routes!` declare no `static`.
    ///
    /// ```
    /// let app = flaxum::App::new(flaxum::routes![static]);
    /// // Under `cargo test`: the package's `static/`.
    /// let expected = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("static");
    /// assert_eq!(app.static_folder_path(), Some(expected.as_path()));
    /// ```
    pub fn static_folder_path(&self) -> Option<&Path> {
        self.svc.statics.as_deref().map(|f| f.root.as_path())
    }
}
