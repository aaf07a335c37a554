//! An app's OpenAPI document (the `openapi` feature): made from its table
//! and what its route macros emitted, and served at a path of its choice.

use super::{App, Routes};
use crate::openapi::{document, Document, Operation, ServeOpenApi};

impl<R, F> Routes<R, F> {
    /// What `routes!` adds with the `openapi` feature: the function that
    /// describes a handler, and the crate's package name and version.
    #[doc(hidden)]
    pub fn __described(
        mut self,
        describe: fn(usize, &mut Operation<'_>),
        name: &'static str,
        version: &'static str,
    ) -> Self {
        self.api.describe = Some(describe);
        self.api.package = (name, version);
        self
    }
}

impl<T> App<T> {
    /// The app's OpenAPI 3.1 document, made from its routing table and
    /// what its route attributes say of each handler (see
    /// [`flaxum::openapi`](crate::openapi)). `info` has the crate's
    /// package name and version until [`Document::title`] and
    /// [`Document::version`] change them.
    ///
    /// ```
    /// #[flaxum::get("/users/<int:id>")]
    /// async fn user(id: u64) -> String { id.to_string() }
    ///
    /// let doc = flaxum::App::new(flaxum::routes![user]).openapi();
    /// let op = &doc.json()["paths"]["/users/{id}"]["get"];
    /// assert_eq!(op["operationId"], "user");
    /// assert_eq!(op["parameters"][0]["schema"]["type"], "integer");
    /// assert_eq!(doc.json()["info"]["title"], "flaxum");
    /// ```
    pub fn openapi(&self) -> Document {
        document(self.table, &self.api)
    }

    /// The app, answering `GET path` with its OpenAPI document (as
    /// [`openapi`](App::openapi) makes it now) before its routes see the
    /// request.
    ///
    /// ```
    /// #[flaxum::get("/")]
    /// async fn index() -> &'static str { "hi" }
    ///
    /// let app = flaxum::App::new(flaxum::routes![index]).serve_openapi("/openapi.json");
    /// // flaxum::serve("127.0.0.1:5000", app).await?;
    /// # let _ = app;
    /// ```
    pub fn serve_openapi(self, path: &str) -> App<ServeOpenApi<T>> {
        self.serve_openapi_with(path, |doc| doc)
    }

    /// [`serve_openapi`](App::serve_openapi), with the document changed by
    /// `edit` first: a title, a server, a description.
    ///
    /// ```
    /// #[flaxum::get("/api/tags")]
    /// async fn tags() -> &'static str { "[]" }
    ///
    /// let app = flaxum::App::new(flaxum::routes![tags])
    ///     .serve_openapi_with("/api/openapi.json", |doc| doc.title("Tags").version("1.0.0"));
    /// # let _ = app;
    /// ```
    pub fn serve_openapi_with(
        self,
        path: &str,
        edit: impl FnOnce(Document) -> Document,
    ) -> App<ServeOpenApi<T>> {
        let doc = edit(self.openapi());
        App {
            svc: ServeOpenApi::new(self.svc, path, &doc),
            table: self.table,
            api: self.api,
        }
    }
}
