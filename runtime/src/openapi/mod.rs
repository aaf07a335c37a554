//! OpenAPI 3.1 documents of an app's routes (the `openapi` feature):
//! [`App::openapi`](crate::App::openapi) and
//! [`App::serve_openapi`](crate::App::serve_openapi).
//!
//! The document is read from what the app already is, so it cannot drift
//! from the routes:
//!
//! - the routing table gives every path (`/users/<int:id>` becomes
//!   `/users/{id}`), its methods, the endpoint (`operationId`, such as
//!   `auth.login`), the blueprint (one tag each) and each path
//!   parameter's converter (`int(min=1)` becomes `integer`,
//!   `"minimum": 1`; `uuid` a string of format `uuid`; `any(a, b)` an
//!   `enum`; `string(length=2)` `minLength` and `maxLength`; a custom
//!   [`UrlConverter`](crate::UrlConverter)'s class a `pattern` with
//!   `minLength` and `maxLength`, its set of words an `enum`);
//! - the route attributes give, with this feature only, the handler's doc
//!   comment (its first paragraph is the `summary`, the rest the
//!   `description`), the type of each plain path parameter, what each
//!   extractor reads ([`Input`]: `Json<T>` a request body, `Query<T>` query
//!   parameters), what the return type answers ([`Output`]: `Json<T>` a
//!   200 with `T`'s schema, both sides of a `Result`), and the
//!   `responses(201 = Article, 204)` argument where the type cannot tell
//!   the status;
//! - middleware and hooks that implement [`Input`] add what they check
//!   (a security requirement, a 401);
//! - flaxum's own answers are described by the code that gives them: the
//!   400 of a parameter that does not decode, the 404 of a value a
//!   converter refuses, 413 for a body over the limit, the 400/415/422 of
//!   `Json` and `Form` (run on sample requests to read their status), and
//!   the 405 of the other methods (in `components.responses`).
//!
//! Schemas come from [`schemars`]' [`JsonSchema`] (derive it with
//! `schemars = "1"` beside serde): request bodies as they deserialize,
//! responses as they serialize, every named type once under
//! `components/schemas`. A type without `JsonSchema` adds nothing: the
//! document leaves its schema out rather than failing the build.
//!
//! ```
//! use axum::Json;
//! use flaxum::{get, post, routes, App};
//! use schemars::JsonSchema;
//! use serde::{Deserialize, Serialize};
//!
//! #[derive(Deserialize, Serialize, JsonSchema)]
//! struct User {
//!     name: String,
//! }
//!
//! /// One user.
//! ///
//! /// 404 when there is none.
//! #[get("/users/<int(min=1):id>")]
//! async fn show(id: u32) -> Json<User> {
//!     Json(User { name: id.to_string() })
//! }
//!
//! /// Makes a user.
//! #[post("/users", responses(201 = User))]
//! async fn create(Json(user): Json<User>) -> (http::StatusCode, Json<User>) {
//!     (http::StatusCode::CREATED, Json(user))
//! }
//!
//! let doc = App::new(routes![show, create]).openapi().title("Users");
//! let json = doc.json();
//! let get = &json["paths"]["/users/{id}"]["get"];
//! assert_eq!(get["operationId"], "show");
//! assert_eq!(get["summary"], "One user.");
//! assert_eq!(get["parameters"][0]["schema"]["minimum"], 1);
//! assert_eq!(get["parameters"][0]["schema"]["maximum"], u32::MAX);
//! assert_eq!(get["responses"]["200"]["content"]["application/json"]["schema"]["$ref"], "#/components/schemas/User");
//! let post = &json["paths"]["/users"]["post"];
//! assert!(post["requestBody"]["content"]["application/json"].is_object());
//! assert!(post["responses"]["201"].is_object());
//! assert!(post["responses"]["415"].is_object()); // axum's `Json` without its content type
//! ```

mod answers;
mod build;
mod impls;
mod schemas;
mod serve;

use core::fmt;

use serde_json::{json, Map, Value};

pub use schemars::{self, JsonSchema};
pub use serve::ServeOpenApi;

pub(crate) use build::{document, Source};
use schemas::Schemas;

use crate::route::RouteDef;

/// An OpenAPI 3.1 document: JSON, with setters for the fields an app
/// usually gives (`info`, `servers`). [`App::openapi`](crate::App::openapi)
/// makes one; print it, serve it
/// ([`App::serve_openapi_with`](crate::App::serve_openapi_with)), or
/// change anything else through [`json_mut`](Document::json_mut).
///
/// ```
/// let doc = flaxum::App::new(flaxum::routes![]).openapi().title("Shop").version("2.1.0");
/// assert_eq!(doc.json()["openapi"], "3.1.0");
/// assert_eq!(doc.json()["info"]["title"], "Shop");
/// assert!(doc.to_string().starts_with('{'));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    value: Value,
}

impl Document {
    pub(crate) fn new(value: Value) -> Self {
        Document { value }
    }

    /// Sets `info.title` (by default the crate's package name).
    ///
    /// ```
    /// let doc = flaxum::App::new(flaxum::routes![]).openapi().title("Shop");
    /// assert_eq!(doc.json()["info"]["title"], "Shop");
    /// ```
    pub fn title(self, title: impl Into<String>) -> Self {
        self.info("title", title.into())
    }

    /// Sets `info.version`, the version of the API (by default the
    /// crate's package version).
    ///
    /// ```
    /// let doc = flaxum::App::new(flaxum::routes![]).openapi().version("2.0.0");
    /// assert_eq!(doc.json()["info"]["version"], "2.0.0");
    /// ```
    pub fn version(self, version: impl Into<String>) -> Self {
        self.info("version", version.into())
    }

    /// Sets `info.description`.
    ///
    /// ```
    /// let doc = flaxum::App::new(flaxum::routes![]).openapi().description("The shop's API.");
    /// assert_eq!(doc.json()["info"]["description"], "The shop's API.");
    /// ```
    pub fn description(self, text: impl Into<String>) -> Self {
        self.info("description", text.into())
    }

    fn info(mut self, key: &str, value: String) -> Self {
        self.value["info"][key] = Value::String(value);
        self
    }

    /// Adds a server (its base URL) to `servers`.
    ///
    /// ```
    /// let doc = flaxum::App::new(flaxum::routes![]).openapi().server("https://shop.example");
    /// assert_eq!(doc.json()["servers"][0]["url"], "https://shop.example");
    /// ```
    pub fn server(mut self, url: impl Into<String>) -> Self {
        let server = json!({ "url": url.into() });
        match self.value.get_mut("servers").and_then(Value::as_array_mut) {
            Some(list) => list.push(server),
            None => self.value["servers"] = json!([server]),
        }
        self
    }

    /// The document.
    ///
    /// ```
    /// let doc = flaxum::App::new(flaxum::routes![]).openapi();
    /// assert!(doc.json()["paths"].as_object().unwrap().is_empty());
    /// ```
    pub fn json(&self) -> &Value {
        &self.value
    }

    /// The document, to change what no setter reaches.
    ///
    /// ```
    /// let mut doc = flaxum::App::new(flaxum::routes![]).openapi();
    /// doc.json_mut()["info"]["license"] = serde_json::json!({"name": "MIT"});
    /// assert_eq!(doc.json()["info"]["license"]["name"], "MIT");
    /// ```
    pub fn json_mut(&mut self) -> &mut Value {
        &mut self.value
    }

    /// The document as a JSON value.
    ///
    /// ```
    /// let value = flaxum::App::new(flaxum::routes![]).openapi().into_json();
    /// assert!(value.is_object());
    /// ```
    pub fn into_json(self) -> Value {
        self.value
    }
}

/// The document as indented JSON.
impl fmt::Display for Document {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match serde_json::to_string_pretty(&self.value) {
            Ok(text) => f.write_str(&text),
            Err(_) => Err(fmt::Error),
        }
    }
}

/// What an extractor, a middleware or a hook adds to the description of
/// the operations it runs in: what it reads from the request, what it
/// may answer instead of the handler. flaxum implements it for axum's
/// `Json`, `Query` and `Form`, `String` and `Bytes` bodies, and
/// `Option` and `Result` of those; implement it for extractors and
/// middleware of your own.
///
/// ```
/// use axum::extract::Request;
/// use axum::response::Response;
/// use flaxum::openapi::{Input, Operation};
/// use flaxum::{get, middleware, routes, App, Next};
///
/// /// Lets through requests with an API key.
/// #[middleware]
/// async fn api_key(req: Request, next: Next) -> Response {
///     next.run(req).await
/// }
///
/// impl Input for api_key {
///     fn describe(op: &mut Operation<'_>) {
///         op.security_scheme("key", serde_json::json!({"type": "apiKey", "in": "header", "name": "X-Key"}));
///         op.security("key");
///         op.response_empty(401, "No key, or not a known one");
///     }
/// }
///
/// #[get("/secret", middleware = [api_key])]
/// async fn secret() -> &'static str { "s" }
///
/// let doc = App::new(routes![secret]).openapi().into_json();
/// let op = &doc["paths"]["/secret"]["get"];
/// assert_eq!(op["security"][0]["key"], serde_json::json!([]));
/// assert!(op["responses"]["401"].is_object());
/// assert_eq!(doc["components"]["securitySchemes"]["key"]["in"], "header");
/// ```
pub trait Input {
    /// Adds to the operation's description.
    fn describe(op: &mut Operation<'_>);
}

/// What a handler's return type answers: its responses. flaxum implements
/// it for `Json<T>` (200 with `T`'s schema), `String`, `&'static str` and
/// `Html` (200), `()` and `StatusCode` (the status is only known when the
/// handler runs: nothing); a `Result`'s two sides are described each by
/// its own type. Implement it for error types of your own.
///
/// ```
/// use axum::response::{IntoResponse, Response};
/// use flaxum::openapi::{Operation, Output};
/// use flaxum::{get, routes, App};
///
/// struct NotMine;
///
/// impl IntoResponse for NotMine {
///     fn into_response(self) -> Response {
///         http::StatusCode::FORBIDDEN.into_response()
///     }
/// }
///
/// impl Output for NotMine {
///     fn describe(op: &mut Operation<'_>) {
///         op.response_empty(403, "Someone else's");
///     }
/// }
///
/// #[get("/mine")]
/// async fn mine() -> Result<String, NotMine> { Ok("yes".into()) }
///
/// let doc = App::new(routes![mine]).openapi().into_json();
/// let responses = &doc["paths"]["/mine"]["get"]["responses"];
/// assert_eq!(responses["403"]["description"], "Someone else's");
/// assert_eq!(responses["200"]["content"]["text/plain; charset=utf-8"]["schema"]["type"], "string");
/// ```
pub trait Output {
    /// Adds to the operation's description.
    fn describe(op: &mut Operation<'_>);
}

/// The description of one route's operations, as [`Input`] and
/// [`Output`] implementations and the generated code add to it. A status
/// described twice keeps its first description: the route attribute's
/// `responses(…)` first, then the return type's, the extractors', the
/// middleware's from the handler outward, and flaxum's own answers last.
pub struct Operation<'a> {
    route: &'static RouteDef,
    summary: Option<String>,
    description: Option<String>,
    path_types: Vec<(&'static str, Value)>,
    parameters: Vec<Value>,
    body: Option<Value>,
    responses: Vec<(String, Value)>,
    security: Vec<String>,
    security_required: bool,
    security_optional: bool,
    shared: &'a mut Shared,
}

/// What the operations of a document share: the schemas, the security
/// schemes, the tags' descriptions.
#[derive(Default)]
pub(crate) struct Shared {
    schemas: Schemas,
    security_schemes: Map<String, Value>,
    tags: Map<String, Value>,
}

impl<'a> Operation<'a> {
    pub(crate) fn new(route: &'static RouteDef, shared: &'a mut Shared) -> Self {
        Operation {
            route,
            summary: None,
            description: None,
            path_types: Vec::new(),
            parameters: Vec::new(),
            body: None,
            responses: Vec::new(),
            security: Vec::new(),
            security_required: false,
            security_optional: false,
            shared,
        }
    }

    /// The route described.
    ///
    /// ```
    /// # use flaxum::openapi::{Input, Operation};
    /// struct Shows;
    /// impl Input for Shows {
    ///     fn describe(op: &mut Operation<'_>) {
    ///         let path = op.route().path;
    ///         op.set_description(format!("Served at `{path}`."));
    ///     }
    /// }
    /// ```
    pub fn route(&self) -> &'static RouteDef {
        self.route
    }

    /// Sets the `summary` (a handler's doc comment gives its first
    /// paragraph).
    ///
    /// ```
    /// # use flaxum::openapi::{Input, Operation};
    /// struct Admin;
    /// impl Input for Admin {
    ///     fn describe(op: &mut Operation<'_>) {
    ///         op.set_summary("For administrators");
    ///     }
    /// }
    /// ```
    pub fn set_summary(&mut self, text: impl Into<String>) {
        self.summary = Some(text.into());
    }

    /// Sets the `description` (a handler's doc comment gives its
    /// paragraphs after the first).
    ///
    /// ```
    /// # use flaxum::openapi::{Input, Operation};
    /// struct Slow;
    /// impl Input for Slow {
    ///     fn describe(op: &mut Operation<'_>) {
    ///         op.set_description("Takes a few seconds.");
    ///     }
    /// }
    /// ```
    pub fn set_description(&mut self, text: impl Into<String>) {
        self.description = Some(text.into());
    }

    /// The schema of `T` as requests carry it (its `Deserialize` side): a
    /// `$ref` to `components/schemas` for a named type.
    ///
    /// ```
    /// # use flaxum::openapi::{Input, Operation};
    /// struct Limit;
    /// impl Input for Limit {
    ///     fn describe(op: &mut Operation<'_>) {
    ///         let schema = op.input_schema::<u32>();
    ///         op.parameter("limit", "query", schema, false, "At most this many.");
    ///     }
    /// }
    /// ```
    pub fn input_schema<T: JsonSchema>(&mut self) -> Value {
        self.shared.schemas.input::<T>()
    }

    /// The schema of `T` as responses carry it (its `Serialize` side).
    ///
    /// ```
    /// # use flaxum::openapi::{Operation, Output};
    /// struct Count;
    /// impl Output for Count {
    ///     fn describe(op: &mut Operation<'_>) {
    ///         let schema = op.output_schema::<u64>();
    ///         op.response_with(200, "The count", "application/json", schema);
    ///     }
    /// }
    /// ```
    pub fn output_schema<T: JsonSchema>(&mut self) -> Value {
        self.shared.schemas.output::<T>()
    }

    /// A parameter of the operation: `place` is `"query"`, `"header"` or
    /// `"cookie"` (path parameters come from the route).
    ///
    /// ```
    /// # use flaxum::openapi::{Input, Operation};
    /// struct Tenant;
    /// impl Input for Tenant {
    ///     fn describe(op: &mut Operation<'_>) {
    ///         let schema = serde_json::json!({"type": "string"});
    ///         op.parameter("X-Tenant", "header", schema, true, "The tenant.");
    ///     }
    /// }
    /// ```
    pub fn parameter(
        &mut self,
        name: &str,
        place: &str,
        schema: Value,
        required: bool,
        about: &str,
    ) {
        let mut p = json!({ "name": name, "in": place, "required": required, "schema": schema });
        if !about.is_empty() {
            p["description"] = Value::String(about.to_owned());
        }
        let same = |q: &Value| q["name"] == p["name"] && q["in"] == p["in"];
        if !self.parameters.iter().any(same) {
            self.parameters.push(p);
        }
    }

    /// The query parameters of `T`: one a property of its schema (a
    /// struct's fields), required unless the field may be missing. A
    /// schema that is no object of properties adds nothing.
    ///
    /// ```
    /// # use flaxum::openapi::{Input, Operation};
    /// #[derive(schemars::JsonSchema)]
    /// struct Page { limit: Option<u32>, offset: Option<u32> }
    /// struct Paged;
    /// impl Input for Paged {
    ///     fn describe(op: &mut Operation<'_>) {
    ///         op.query::<Page>();
    ///     }
    /// }
    /// ```
    pub fn query<T: JsonSchema>(&mut self) {
        let schema = self.input_schema::<T>();
        let object = self.shared.schemas.resolve_input(&schema);
        let Some(properties) = object.get("properties").and_then(Value::as_object) else {
            return;
        };
        let required = object.get("required").and_then(Value::as_array);
        for (name, schema) in properties {
            let needed = required.is_some_and(|r| r.iter().any(|n| n == name));
            let about = schema
                .get("description")
                .and_then(Value::as_str)
                .unwrap_or("");
            self.parameter(name, "query", schema.clone(), needed, about);
        }
    }

    /// The request body: `schema` under `media_type`. A second body adds
    /// its media type to the first.
    ///
    /// ```
    /// # use flaxum::openapi::{Input, Operation};
    /// struct Csv;
    /// impl Input for Csv {
    ///     fn describe(op: &mut Operation<'_>) {
    ///         op.body("text/csv", serde_json::json!({"type": "string"}), true);
    ///     }
    /// }
    /// ```
    pub fn body(&mut self, media_type: &str, schema: Value, required: bool) {
        let body = self
            .body
            .get_or_insert_with(|| json!({ "required": required, "content": {} }));
        body["content"][media_type] = json!({ "schema": schema });
        self.response_value(413, answers::too_large());
    }

    /// A JSON request body of `T`'s schema.
    ///
    /// ```
    /// # use flaxum::openapi::{Input, Operation};
    /// #[derive(schemars::JsonSchema)]
    /// struct Login { email: String }
    /// struct LoginBody;
    /// impl Input for LoginBody {
    ///     fn describe(op: &mut Operation<'_>) {
    ///         op.json_body::<Login>();
    ///     }
    /// }
    /// ```
    pub fn json_body<T: JsonSchema>(&mut self) {
        let schema = self.input_schema::<T>();
        self.body("application/json", schema, true);
    }

    /// Makes the request body optional (`Option<Json<T>>`).
    ///
    /// ```
    /// # use flaxum::openapi::{Input, Operation};
    /// struct MaybeJson;
    /// impl Input for MaybeJson {
    ///     fn describe(op: &mut Operation<'_>) {
    ///         op.json_body::<String>();
    ///         op.body_optional();
    ///     }
    /// }
    /// ```
    pub fn body_optional(&mut self) {
        if let Some(body) = &mut self.body {
            body["required"] = Value::Bool(false);
        }
    }

    /// A response: `status` with `schema` under `media_type`.
    ///
    /// ```
    /// # use flaxum::openapi::{Operation, Output};
    /// struct Png;
    /// impl Output for Png {
    ///     fn describe(op: &mut Operation<'_>) {
    ///         let bytes = serde_json::json!({"type": "string", "contentMediaType": "image/png"});
    ///         op.response_with(200, "The picture", "image/png", bytes);
    ///     }
    /// }
    /// ```
    pub fn response_with(&mut self, status: u16, about: &str, media_type: &str, schema: Value) {
        let about = describe_status(status, about);
        let response = json!({
            "description": about,
            "content": { media_type: { "schema": schema } },
        });
        self.response_value(status, response);
    }

    /// A JSON response of `T`'s schema, described by the status's reason
    /// phrase.
    ///
    /// ```
    /// # use flaxum::openapi::{Operation, Output};
    /// #[derive(schemars::JsonSchema)]
    /// struct Errors { errors: Vec<String> }
    /// struct Invalid;
    /// impl Output for Invalid {
    ///     fn describe(op: &mut Operation<'_>) {
    ///         op.response::<Errors>(422);
    ///     }
    /// }
    /// ```
    pub fn response<T: JsonSchema>(&mut self, status: u16) {
        let schema = self.output_schema::<T>();
        self.response_with(status, "", "application/json", schema);
    }

    /// A response without a body, described by `about` (or the status's
    /// reason phrase when `about` is empty).
    ///
    /// ```
    /// # use flaxum::openapi::{Operation, Output};
    /// struct Gone;
    /// impl Output for Gone {
    ///     fn describe(op: &mut Operation<'_>) {
    ///         op.response_empty(410, "");
    ///     }
    /// }
    /// ```
    pub fn response_empty(&mut self, status: u16, about: &str) {
        let response = json!({ "description": describe_status(status, about) });
        self.response_value(status, response);
    }

    /// A response object as it is, unless `status` has one already.
    pub(crate) fn response_value(&mut self, status: u16, response: Value) {
        let key = status.to_string();
        if !self.responses.iter().any(|(k, _)| *k == key) {
            self.responses.push((key, response));
        }
    }

    /// The operation needs `scheme` (a name in
    /// `components/securitySchemes`, see
    /// [`security_scheme`](Operation::security_scheme)); several schemes
    /// are alternatives.
    ///
    /// ```
    /// # use flaxum::openapi::{Input, Operation};
    /// struct Login;
    /// impl Input for Login {
    ///     fn describe(op: &mut Operation<'_>) {
    ///         op.security("cookie");
    ///     }
    /// }
    /// ```
    pub fn security(&mut self, scheme: &str) {
        self.security_required = true;
        self.add_scheme(scheme);
    }

    /// The operation reads `scheme` when a request has it and answers
    /// without it too (`security: [{}, {scheme: []}]`). A scheme some
    /// middleware requires stays required.
    ///
    /// ```
    /// # use flaxum::openapi::{Input, Operation};
    /// struct MaybeLogin;
    /// impl Input for MaybeLogin {
    ///     fn describe(op: &mut Operation<'_>) {
    ///         op.security_optional("cookie");
    ///     }
    /// }
    /// ```
    pub fn security_optional(&mut self, scheme: &str) {
        self.security_optional = true;
        self.add_scheme(scheme);
    }

    fn add_scheme(&mut self, scheme: &str) {
        if !self.security.iter().any(|s| s == scheme) {
            self.security.push(scheme.to_owned());
        }
    }

    /// Declares a security scheme of the document (its
    /// `components/securitySchemes`): an OpenAPI Security Scheme Object.
    ///
    /// ```
    /// # use flaxum::openapi::{Input, Operation};
    /// struct Bearer;
    /// impl Input for Bearer {
    ///     fn describe(op: &mut Operation<'_>) {
    ///         op.security_scheme("bearer", serde_json::json!({"type": "http", "scheme": "bearer"}));
    ///         op.security("bearer");
    ///     }
    /// }
    /// ```
    pub fn security_scheme(&mut self, name: &str, scheme: Value) {
        self.shared.security_schemes.insert(name.to_owned(), scheme);
    }

    /// What a handler's doc comment says: its first paragraph is the
    /// summary, the rest the description.
    #[doc(hidden)]
    pub fn __doc(&mut self, text: &str) {
        let (summary, description) = split_doc(text);
        if self.summary.is_none() && !summary.is_empty() {
            self.summary = Some(summary);
        }
        if self.description.is_none() && !description.is_empty() {
            self.description = Some(description);
        }
    }

    /// The schema of a path parameter's argument type, for a parameter
    /// without a converter.
    #[doc(hidden)]
    pub fn __path_type<T: JsonSchema>(&mut self, name: &'static str) {
        let schema = self.input_schema::<T>();
        let schema = self.shared.schemas.resolve_input(&schema);
        self.path_types.push((name, schema));
    }

    /// A response the route attribute's `responses(…)` names, with `T`'s
    /// JSON schema.
    #[doc(hidden)]
    pub fn __response<T: ResponseBody>(&mut self, status: u16) {
        self.response::<T>(status);
    }

    /// A blueprint's doc comment, the description of its tag.
    #[doc(hidden)]
    pub fn __tag(&mut self, name: &str, about: &str) {
        let about = about.trim();
        let tag = self.route.blueprint;
        // The blueprint whose routes these are (a nested one's tag is
        // its dotted name); an outer blueprint's doc is not the tag's.
        let own = tag == name || tag.rsplit('.').next() == Some(name);
        if own && !about.is_empty() {
            self.shared
                .tags
                .entry(tag)
                .or_insert(Value::String(about.to_owned()));
        }
    }
}

/// A type the route attribute's `responses(201 = T)` names: one with a
/// JSON schema (every [`JsonSchema`] type is one).
///
/// ```
/// use flaxum::{post, routes, App};
///
/// #[derive(serde::Serialize, schemars::JsonSchema)]
/// struct Created { id: u64 }
///
/// #[post("/things", responses(201 = Created))]
/// async fn make() -> (http::StatusCode, axum::Json<Created>) {
///     (http::StatusCode::CREATED, axum::Json(Created { id: 1 }))
/// }
///
/// let doc = App::new(routes![make]).openapi().into_json();
/// let created = &doc["paths"]["/things"]["post"]["responses"]["201"];
/// assert_eq!(created["content"]["application/json"]["schema"]["$ref"], "#/components/schemas/Created");
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no JSON schema for the route's `responses(…)`",
    label = "named in `responses(…)`",
    note = "derive `schemars::JsonSchema` for it (schemars 1, beside `Serialize`), or write the status alone (`responses(204)`)"
)]
pub trait ResponseBody: JsonSchema {}

impl<T: JsonSchema> ResponseBody for T {}

/// `about`, or the reason phrase of `status`.
fn describe_status(status: u16, about: &str) -> String {
    if !about.is_empty() {
        return about.to_owned();
    }
    http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("Response")
        .to_owned()
}

/// A doc comment's first paragraph, on one line, and the paragraphs after
/// it.
fn split_doc(text: &str) -> (String, String) {
    let text = text.trim();
    let (first, rest) = match text.find("\n\n") {
        Some(i) => (&text[..i], text[i..].trim()),
        None => (text, ""),
    };
    let summary = first.split_whitespace().collect::<Vec<_>>().join(" ");
    (summary, rest.to_owned())
}

/// What the route attributes, `blueprint!` and `routes!` emit with the
/// `openapi` feature: how one of an item's handlers adds to an
/// operation's description. Not API.
#[doc(hidden)]
pub trait Described {
    /// Adds handler `handler` of the item (and its levels' middleware).
    fn describe(handler: usize, op: &mut Operation<'_>);
}

/// The probes the generated code uses to describe a type when it
/// implements [`Input`], [`Output`] or [`JsonSchema`], and nothing
/// otherwise: `(&Look::<T>::new()).input(op)`.
#[doc(hidden)]
pub struct Look<T: ?Sized>(core::marker::PhantomData<fn() -> T>);

impl<T: ?Sized> Look<T> {
    /// The probe.
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        Look(core::marker::PhantomData)
    }
}

/// Chosen first by method resolution: `T` is an [`Input`].
#[doc(hidden)]
pub trait ViaInput {
    /// Describes `T`.
    fn input(&self, op: &mut Operation<'_>);
}

impl<T: ?Sized + Input> ViaInput for Look<T> {
    fn input(&self, op: &mut Operation<'_>) {
        T::describe(op);
    }
}

/// The fallback: `T` adds nothing.
#[doc(hidden)]
pub trait NoInput {
    /// Nothing.
    fn input(&self, op: &mut Operation<'_>);
}

impl<T: ?Sized> NoInput for &Look<T> {
    fn input(&self, _: &mut Operation<'_>) {}
}

/// Chosen first by method resolution: `T` is an [`Output`].
#[doc(hidden)]
pub trait ViaOutput {
    /// Describes `T`.
    fn output(&self, op: &mut Operation<'_>);
}

impl<T: ?Sized + Output> ViaOutput for Look<T> {
    fn output(&self, op: &mut Operation<'_>) {
        T::describe(op);
    }
}

/// The fallback: `T` adds nothing.
#[doc(hidden)]
pub trait NoOutput {
    /// Nothing.
    fn output(&self, op: &mut Operation<'_>);
}

impl<T: ?Sized> NoOutput for &Look<T> {
    fn output(&self, _: &mut Operation<'_>) {}
}

/// Chosen first by method resolution: a path parameter's type has a
/// schema.
#[doc(hidden)]
pub trait ViaSchema {
    /// Gives the parameter `name` the type's schema.
    fn path_param(&self, op: &mut Operation<'_>, name: &'static str);
}

impl<T: JsonSchema> ViaSchema for Look<T> {
    fn path_param(&self, op: &mut Operation<'_>, name: &'static str) {
        op.__path_type::<T>(name);
    }
}

/// The fallback: the parameter keeps its converter's schema.
#[doc(hidden)]
pub trait NoSchema {
    /// Nothing.
    fn path_param(&self, op: &mut Operation<'_>, name: &'static str);
}

impl<T: ?Sized> NoSchema for &Look<T> {
    fn path_param(&self, _: &mut Operation<'_>, _: &'static str) {}
}

#[cfg(test)]
mod tests {
    use super::split_doc;

    #[test]
    fn the_first_paragraph_is_the_summary() {
        assert_eq!(split_doc(" One line."), ("One line.".into(), String::new()));
        assert_eq!(
            split_doc("First\nline.\n\nMore.\n\nAnd more."),
            ("First line.".into(), "More.\n\nAnd more.".into())
        );
    }
}
