//! The blog, in flaxum: a port of `flask/app.py` that answers the same
//! requests the same way (the contract is `SPEC.md`; the end-to-end test
//! `tests/blog_e2e.rs` replays one session against both apps).
//!
//! The Flask app's pieces and their flaxum counterparts:
//! - the `auth`, `blog` and `api` blueprints: `blueprint!`s in the modules
//!   below;
//! - `before_app_request` loading `g.user`: the app-wide `#[before_request]`
//!   `load_user`, which puts a [`CurrentUser`] on the request;
//! - `@login_required`: the route middleware [`posts::login_required`];
//! - `errorhandler(404)`: `not_found`, which renders `404.html`;
//! - `session` and `flash`: flaxum's [`Session`] (a signed cookie, from
//!   [`SessionLayer`]) and [`flash`]; the templates show the flashed
//!   messages with `get_flashed_messages()`, as Flask's do;
//! - `request.form.get(name, "")`: [`FormData`]'s `get_or` (feature
//!   `form`), which reads url-encoded and multipart bodies as Werkzeug does;
//! - the `static/` folder and `url_for('static', filename='style.css')` in
//!   `base.html`: `static` in `routes!` and [`App::static_folder`] (feature
//!   `static-files`);
//! - `render_template`, `url_for`, `redirect`, `abort`: flaxum's.

use std::path::Path;
use std::sync::{Arc, Mutex};

use axum::extract::{Request, State};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use flaxum::session::{flash, SecretKey, Session, SessionLayer};
use flaxum::templates::{context, Templates, Value};
use flaxum::{before_request, errorhandler, render_template, routes, App, AppService, FormData};
use http::{HeaderMap, Method, StatusCode};
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

/// The folder of this example (templates, static files, schema).
const BLOG_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/blog");

/// The app's state: the database.
#[derive(Clone)]
pub struct Blog {
    db: Db,
}

/// One SQLite connection, used off the async threads.
#[derive(Clone)]
struct Db(Arc<Mutex<Connection>>);

impl Db {
    /// Runs `f` on the connection in tokio's blocking pool.
    async fn run<T, F>(&self, f: F) -> Result<T, ServerError>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> rusqlite::Result<T> + Send + 'static,
    {
        let conn = Arc::clone(&self.0);
        tokio::task::spawn_blocking(move || {
            let conn = conn
                .lock()
                .map_err(|_| ServerError("database lock poisoned".into()))?;
            f(&conn).map_err(|e| ServerError(e.to_string()))
        })
        .await
        .map_err(|e| ServerError(e.to_string()))?
    }
}

/// A failure of the database or the password hasher: a 500, logged.
#[derive(Debug)]
pub struct ServerError(String);

impl IntoResponse for ServerError {
    fn into_response(self) -> Response {
        eprintln!("blog: {}", self.0);
        flaxum::abort(500).into_response()
    }
}

/// A logged-in user, as templates see it.
#[derive(Clone, Debug, Serialize)]
pub struct User {
    id: i64,
    username: String,
}

/// Flask's `g.user`: the user the session names, if any.
#[derive(Clone, Debug, Default)]
pub struct CurrentUser(Option<User>);

/// A post, as templates see it.
#[derive(Clone, Debug, Serialize)]
struct Post {
    id: i64,
    title: String,
    body: String,
    created: String,
    author_id: i64,
    author: String,
}

const POST_SELECT: &str = "SELECT p.id, p.title, p.body, p.created, p.author_id, u.username \
                           FROM post p JOIN user u ON u.id = p.author_id";

fn post_of(row: &rusqlite::Row<'_>) -> rusqlite::Result<Post> {
    Ok(Post {
        id: row.get(0)?,
        title: row.get(1)?,
        body: row.get(2)?,
        created: row.get(3)?,
        author_id: row.get(4)?,
        author: row.get(5)?,
    })
}

impl Db {
    async fn all_posts(&self) -> Result<Vec<Post>, ServerError> {
        self.run(|c| {
            let sql = format!("{POST_SELECT} ORDER BY p.created DESC, p.id DESC");
            let mut stmt = c.prepare(&sql)?;
            let rows = stmt.query_map([], post_of)?;
            rows.collect()
        })
        .await
    }

    async fn post(&self, id: i64) -> Result<Option<Post>, ServerError> {
        self.run(move |c| {
            c.query_row(&format!("{POST_SELECT} WHERE p.id = ?1"), [id], post_of)
                .optional()
        })
        .await
    }
}

/// Flask's `request.form.get(name, "")`, owned for the database calls.
fn field(form: &FormData, name: &str) -> String {
    form.get_or(name, "").to_owned()
}

/// Renders a page with the current user, like the Flask app's `page()`.
fn page(template: &str, status: StatusCode, user: &CurrentUser, context: Value) -> Response {
    let ctx = context! { user => user.0.clone(), ..context };
    match render_template(template, ctx) {
        Ok(html) => (status, html).into_response(),
        Err(e) => e.into_response(),
    }
}

/// Flask's `before_app_request`: loads the session's user for every
/// request, unknown URLs included (the 404 page shows it).
#[before_request]
async fn load_user(
    State(blog): State<Blog>,
    session: Session,
    req: &mut Request,
) -> Result<(), ServerError> {
    let user = match session.get::<i64>("user_id") {
        Some(id) => {
            blog.db
                .run(move |c| {
                    c.query_row("SELECT id, username FROM user WHERE id = ?1", [id], |r| {
                        Ok(User {
                            id: r.get(0)?,
                            username: r.get(1)?,
                        })
                    })
                    .optional()
                })
                .await?
        }
        None => None,
    };
    req.extensions_mut().insert(CurrentUser(user));
    Ok(())
}

/// Refuses (403) a form posted from another site: the browser says so
/// in `Sec-Fetch-Site`, or the `Origin` it sends names another host than
/// the one asked. With the session cookie's `SameSite=Lax` this keeps a
/// cross-site form from acting as the user in any browser. Requests
/// without either header (curl, the tests) pass, as in the Flask app.
#[before_request]
async fn same_origin(method: Method, headers: HeaderMap) -> Option<StatusCode> {
    if method == Method::GET || method == Method::HEAD || method == Method::OPTIONS {
        return None;
    }
    let text = |name| headers.get(name).and_then(|v| v.to_str().ok());
    let cross_site = text("sec-fetch-site").is_some_and(|v| v == "cross-site");
    let foreign_origin = match (text("origin"), text("host")) {
        (Some(origin), Some(host)) => {
            let authority = origin.split_once("://").map_or(origin, |(_, rest)| rest);
            authority != host
        }
        (Some(_), None) => true,
        _ => false,
    };
    (cross_site || foreign_origin).then_some(StatusCode::FORBIDDEN)
}

/// Flask's `errorhandler(404)`: the HTML 404 page, with the nav.
#[errorhandler(404)]
async fn not_found(user: Option<Extension<CurrentUser>>) -> Response {
    let user = user.map(|u| u.0).unwrap_or_default();
    page("404.html", StatusCode::NOT_FOUND, &user, context! {})
}

pub mod auth {
    //! The `auth` blueprint: register, log in, log out.

    use super::*;
    use flaxum::{blueprint, get, redirect, route, url_for};
    use http::Method;

    /// The password's hash (Argon2id, bounded: `crate::password`).
    async fn hash(password: String) -> Result<String, ServerError> {
        crate::password::hash(password)
            .await
            .map_err(|e| ServerError(e.to_string()))
    }

    /// Whether `password` is the one `stored` was made of.
    async fn verify(password: String, stored: String) -> Result<bool, ServerError> {
        crate::password::verify(password, stored)
            .await
            .map_err(|e| ServerError(e.to_string()))
    }

    /// The register form, and registering.
    #[route("/register", methods = ["GET", "POST"])]
    pub async fn register(
        method: Method,
        Extension(user): Extension<CurrentUser>,
        State(blog): State<Blog>,
        session: Session,
        form: FormData,
    ) -> Result<Response, ServerError> {
        if method != Method::POST {
            return Ok(form_page("auth/register.html", &user, "", None));
        }
        let (username, password) = (field(&form, "username"), field(&form, "password"));
        let error = if username.is_empty() {
            "Username is required.".to_owned()
        } else if password.is_empty() {
            "Password is required.".to_owned()
        } else {
            let hashed = hash(password).await?;
            let name = username.clone();
            let inserted = blog
                .db
                .run(move |c| {
                    match c.execute(
                        "INSERT INTO user (username, password) VALUES (?1, ?2)",
                        [&name, &hashed],
                    ) {
                        Ok(_) => Ok(true),
                        Err(rusqlite::Error::SqliteFailure(e, _))
                            if e.code == rusqlite::ErrorCode::ConstraintViolation =>
                        {
                            Ok(false)
                        }
                        Err(e) => Err(e),
                    }
                })
                .await?;
            if inserted {
                flash(
                    &session,
                    format!("User {username} registered. Please log in."),
                );
                return Ok(redirect(&url_for!(login)));
            }
            format!("User {username} is already registered.")
        };
        Ok(form_page(
            "auth/register.html",
            &user,
            &username,
            Some(&error),
        ))
    }

    /// The login form, and logging in.
    #[route("/login", methods = ["GET", "POST"])]
    pub async fn login(
        method: Method,
        Extension(user): Extension<CurrentUser>,
        State(blog): State<Blog>,
        session: Session,
        form: FormData,
    ) -> Result<Response, ServerError> {
        if method != Method::POST {
            return Ok(form_page("auth/login.html", &user, "", None));
        }
        let (username, password) = (field(&form, "username"), field(&form, "password"));
        let name = username.clone();
        let found = blog
            .db
            .run(move |c| {
                c.query_row(
                    "SELECT id, password FROM user WHERE username = ?1",
                    [&name],
                    |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)),
                )
                .optional()
            })
            .await?;
        let error = match found {
            None => "Incorrect username.",
            Some((id, stored)) => {
                if verify(password, stored).await? {
                    session.clear();
                    session.set("user_id", id);
                    // PERMANENT_SESSION_LIFETIME: 31 days, not the
                    // browser's session.
                    session.set_permanent(true);
                    flash(&session, format!("Logged in as {username}."));
                    return Ok(redirect(&url_for!(super::posts::index)));
                }
                "Incorrect password."
            }
        };
        Ok(form_page("auth/login.html", &user, &username, Some(error)))
    }

    /// The register or login form: empty (200), or again after `error`
    /// with what was typed (400).
    fn form_page(
        template: &str,
        user: &CurrentUser,
        username: &str,
        error: Option<&str>,
    ) -> Response {
        let status = match error {
            Some(_) => StatusCode::BAD_REQUEST,
            None => StatusCode::OK,
        };
        page(template, status, user, context! { username, error })
    }

    /// Logging out.
    #[get("/logout")]
    pub async fn logout(session: Session) -> Response {
        session.clear();
        flash(&session, "Logged out.");
        redirect(&url_for!(super::posts::index))
    }

    blueprint!(pub bp = "auth", url_prefix = "/auth", routes = [register, login, logout]);
}

pub mod posts {
    //! The `blog` blueprint: the index, and writing posts.

    use super::*;
    use flaxum::{
        abort, blueprint, get, middleware, post, redirect, route, url_for, HttpError, Next,
    };
    use http::Method;

    /// Flask's `@login_required`: without a user, to the login page.
    #[middleware]
    pub async fn login_required(
        Extension(user): Extension<CurrentUser>,
        req: Request,
        next: Next,
    ) -> Response {
        if user.0.is_none() {
            return redirect(&url_for!(super::auth::login));
        }
        next.run(req).await
    }

    /// The error of a view: an HTTP error (404, 403) or a server failure.
    pub enum ViewError {
        /// `abort(404)`, `abort(403)`.
        Http(HttpError),
        /// The database failed.
        Server(ServerError),
    }

    impl From<HttpError> for ViewError {
        fn from(e: HttpError) -> Self {
            ViewError::Http(e)
        }
    }

    impl From<ServerError> for ViewError {
        fn from(e: ServerError) -> Self {
            ViewError::Server(e)
        }
    }

    impl IntoResponse for ViewError {
        fn into_response(self) -> Response {
            match self {
                ViewError::Http(e) => e.into_response(),
                ViewError::Server(e) => e.into_response(),
            }
        }
    }

    /// The post `id` if the current user wrote it: else 404, or 403.
    async fn own_post(blog: &Blog, user: &CurrentUser, id: i64) -> Result<Post, ViewError> {
        let post = blog.db.post(id).await?.ok_or(abort(404))?;
        if user.0.as_ref().map(|u| u.id) != Some(post.author_id) {
            return Err(abort(403).into());
        }
        Ok(post)
    }

    /// All posts, newest first.
    #[get("/")]
    pub async fn index(
        Extension(user): Extension<CurrentUser>,
        State(blog): State<Blog>,
    ) -> Result<Response, ServerError> {
        let posts = blog.db.all_posts().await?;
        Ok(page(
            "blog/index.html",
            StatusCode::OK,
            &user,
            context! { posts },
        ))
    }

    /// The new post form, and writing a post.
    #[route("/create", methods = ["GET", "POST"], middleware = [login_required])]
    pub async fn create(
        method: Method,
        Extension(user): Extension<CurrentUser>,
        State(blog): State<Blog>,
        form: FormData,
    ) -> Result<Response, ServerError> {
        if method != Method::POST {
            let ctx = context! { title => "", body => "", error => () };
            return Ok(page("blog/create.html", StatusCode::OK, &user, ctx));
        }
        let (title, body) = (field(&form, "title"), field(&form, "body"));
        if title.is_empty() {
            let ctx = context! { title, body, error => "Title is required." };
            return Ok(page(
                "blog/create.html",
                StatusCode::BAD_REQUEST,
                &user,
                ctx,
            ));
        }
        let author = user.0.as_ref().map_or(0, |u| u.id);
        blog.db
            .run(move |c| {
                c.execute(
                    "INSERT INTO post (title, body, author_id) VALUES (?1, ?2, ?3)",
                    rusqlite::params![title, body, author],
                )
            })
            .await?;
        Ok(redirect(&url_for!(index)))
    }

    /// The edit form of one's own post, and saving it.
    #[route("/<int:id>/update", methods = ["GET", "POST"], middleware = [login_required])]
    pub async fn update(
        id: i64,
        method: Method,
        Extension(user): Extension<CurrentUser>,
        State(blog): State<Blog>,
        form: FormData,
    ) -> Result<Response, ViewError> {
        let post = own_post(&blog, &user, id).await?;
        if method != Method::POST {
            let ctx = context! {
                title => post.title.clone(),
                body => post.body.clone(),
                post,
                error => (),
            };
            return Ok(page("blog/update.html", StatusCode::OK, &user, ctx));
        }
        let (title, body) = (field(&form, "title"), field(&form, "body"));
        if title.is_empty() {
            let ctx = context! { post, title, body, error => "Title is required." };
            return Ok(page(
                "blog/update.html",
                StatusCode::BAD_REQUEST,
                &user,
                ctx,
            ));
        }
        blog.db
            .run(move |c| {
                c.execute(
                    "UPDATE post SET title = ?1, body = ?2 WHERE id = ?3",
                    rusqlite::params![title, body, id],
                )
            })
            .await?;
        Ok(redirect(&url_for!(index)))
    }

    /// Deleting one's own post.
    #[post("/<int:id>/delete", middleware = [login_required])]
    pub async fn delete(
        id: i64,
        Extension(user): Extension<CurrentUser>,
        State(blog): State<Blog>,
    ) -> Result<Response, ViewError> {
        own_post(&blog, &user, id).await?;
        blog.db
            .run(move |c| c.execute("DELETE FROM post WHERE id = ?1", [id]))
            .await?;
        Ok(redirect(&url_for!(index)))
    }

    blueprint!(pub bp = "blog", routes = [index, create, update, delete]);
}

pub mod api {
    //! The `api` blueprint: the posts as JSON.

    use super::*;
    use axum::Json;
    use flaxum::{blueprint, get};
    use serde::Serialize;

    /// A post as the API shows it.
    #[derive(Serialize)]
    pub struct PostJson {
        id: i64,
        title: String,
        body: String,
        created: String,
        author: String,
    }

    impl From<Post> for PostJson {
        fn from(p: Post) -> Self {
            PostJson {
                id: p.id,
                title: p.title,
                body: p.body,
                created: p.created,
                author: p.author,
            }
        }
    }

    /// All posts, newest first.
    #[get("/posts")]
    pub async fn posts(State(blog): State<Blog>) -> Result<Json<Vec<PostJson>>, ServerError> {
        let all = blog.db.all_posts().await?;
        Ok(Json(all.into_iter().map(PostJson::from).collect()))
    }

    /// One post, or a JSON 404.
    #[get("/posts/<int:id>")]
    pub async fn post(id: i64, State(blog): State<Blog>) -> Result<Response, ServerError> {
        Ok(match blog.db.post(id).await? {
            Some(p) => Json(PostJson::from(p)).into_response(),
            None => (
                StatusCode::NOT_FOUND,
                Json(ErrorJson { error: "not found" }),
            )
                .into_response(),
        })
    }

    /// The API's error body.
    #[derive(Serialize)]
    pub struct ErrorJson {
        error: &'static str,
    }

    blueprint!(pub bp = "api", url_prefix = "/api", routes = [posts, post]);
}

/// Opens (creating if missing) the database `db` and runs the schema.
fn open(db: &Path) -> std::io::Result<Db> {
    let io = |e: rusqlite::Error| std::io::Error::other(e.to_string());
    let conn = Connection::open(db).map_err(io)?;
    let schema = std::fs::read_to_string(Path::new(BLOG_DIR).join("schema.sql"))?;
    conn.execute_batch(&schema).map_err(io)?;
    Ok(Db(Arc::new(Mutex::new(conn))))
}

/// The session key: `SECRET_KEY` (at least 32 bytes), or, when it is not
/// set, a random key made anew by each process: never one that others
/// could know and forge a login cookie with.
fn secret_key() -> std::io::Result<SecretKey> {
    match std::env::var_os("SECRET_KEY") {
        Some(secret) if !secret.is_empty() => {
            SecretKey::new(secret.as_encoded_bytes()).map_err(|e| {
                std::io::Error::new(std::io::ErrorKind::InvalidInput, format!("SECRET_KEY: {e}"))
            })
        }
        _ => {
            eprintln!(
                " * Warning: SECRET_KEY is not set; sessions are signed with a random key \
                 and end when this process does"
            );
            Ok(SecretKey::random())
        }
    }
}

/// The blog, as Flask's `create_app()` makes it: on the SQLite file `db`
/// (created if missing), signing sessions with `SECRET_KEY` (see
/// `secret_key`). A `SECRET_KEY` shorter than 32 bytes is an error.
pub fn create_app(db: &Path) -> std::io::Result<App<impl AppService>> {
    let key = secret_key()?;
    let state = Blog { db: open(db)? };
    let app = App::new(routes![static, auth::bp, posts::bp, api::bp;
        before_request = [same_origin, load_user],
        errorhandler = [not_found]])
    .static_folder(Path::new(BLOG_DIR).join("static"))
    .with_state(state)
    .layer(SessionLayer::new(key));
    let templates = Templates::new(Path::new(BLOG_DIR).join("templates"));
    flaxum::templates::init(templates.with_url_for(app.table()));
    Ok(app)
}

/// The blog as an axum Router, for tests that drive it with others.
pub fn router(db: &Path) -> std::io::Result<axum::Router> {
    Ok(create_app(db)?.into_router())
}

/// The blog's routes, as `flask routes` prints them.
pub fn routes_table() -> std::io::Result<flaxum::RoutesTable> {
    Ok(create_app(Path::new(":memory:"))?.routes_table())
}
