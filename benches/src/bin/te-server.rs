//! The TechEmpower workload of `benches/http/te.sh`, on flaxum
//! (`flaxum::serve`, templates through its `templates` feature), on axum
//! (`axum::serve`) and on hyper routed by hand; actix-web's is in
//! `benches/http/actix`, Flask's in `benches/http/te/flask_app.py`.
//!
//! - `/plaintext`: `Hello, World!` as `text/plain`;
//! - `/json`: `{"message":"Hello, World!"}`, serialized per request;
//! - `/fortunes`: the rows of the SQLite file `FORTUNES_DB` (sqlx, a pool
//!   of 4 connections), one more added per request, sorted by message,
//!   rendered by minijinja with HTML escaping (`te/templates`).
//!
//! Every answer has a `Server` header, set by the handler from a static
//! value (on every server, the framework's cheapest way), and a `Date`
//! header, which hyper writes and renews each second.
//!
//! `te-server flaxum|flaxum-nagle|flaxum-workers|axum|hand ADDR`;
//! `flaxum-nagle` is flaxum with `Server::tcp_nodelay(false)`, as
//! `axum::serve` leaves its sockets; `flaxum-workers` is flaxum with
//! `Server::workers` at one thread per core.
#![forbid(unsafe_code)]

use std::convert::Infallible;
use std::sync::{Arc, OnceLock};

use axum::body::Body;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Response};
use axum::Json;
use http::header::{CONTENT_TYPE, SERVER};
use http::{HeaderValue, StatusCode};
use serde::Serialize;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePool, SqlitePoolOptions};

const TEMPLATES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/http/te/templates");

#[derive(Serialize)]
struct Message {
    message: &'static str,
}

#[derive(Serialize)]
struct Fortune {
    id: i64,
    message: String,
}

/// The fortunes of the database, one added, sorted by message.
async fn fortunes(db: &SqlitePool) -> Result<Vec<Fortune>, sqlx::Error> {
    use sqlx::Row;
    let mut rows = sqlx::query("SELECT id, message FROM fortune")
        .fetch_all(db)
        .await?
        .iter()
        .map(|row| {
            Ok(Fortune {
                id: row.try_get(0)?,
                message: row.try_get(1)?,
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    rows.push(Fortune {
        id: 0,
        message: "Additional fortune added at request time.".to_owned(),
    });
    rows.sort_by(|a, b| a.message.cmp(&b.message));
    Ok(rows)
}

async fn pool() -> SqlitePool {
    let path = std::env::var("FORTUNES_DB").expect("FORTUNES_DB names the fortunes database");
    let options = SqliteConnectOptions::new().filename(path).read_only(true);
    SqlitePoolOptions::new()
        .max_connections(4)
        .connect_with(options)
        .await
        .expect("the fortunes database opens")
}

/// The database, for flaxum's handlers (set once at start-up).
static DB: OnceLock<SqlitePool> = OnceLock::new();

mod on_flaxum {
    use super::*;

    const SERVER_HEADER: [(http::HeaderName, HeaderValue); 1] =
        [(SERVER, HeaderValue::from_static("flaxum"))];

    #[flaxum::get("/plaintext")]
    pub async fn plaintext() -> impl IntoResponse {
        (SERVER_HEADER, "Hello, World!")
    }

    #[flaxum::get("/json")]
    pub async fn json() -> impl IntoResponse {
        (
            SERVER_HEADER,
            Json(Message {
                message: "Hello, World!",
            }),
        )
    }

    #[flaxum::get("/fortunes")]
    pub async fn fortunes() -> Response {
        let db = DB.get().expect("set at start-up");
        let rows = match super::fortunes(db).await {
            Ok(rows) => rows,
            Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        };
        let ctx = flaxum::templates::context! { fortunes => rows };
        match flaxum::render_template("fortunes.html", ctx) {
            Ok(page) => (SERVER_HEADER, page).into_response(),
            Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        }
    }
}

/// The templates for axum and the hand-routed server: the same engine
/// and files as flaxum's, without flaxum.
fn environment() -> minijinja::Environment<'static> {
    let mut env = minijinja::Environment::new();
    env.set_loader(minijinja::path_loader(TEMPLATES));
    env
}

struct Shared {
    db: SqlitePool,
    env: minijinja::Environment<'static>,
}

async fn render_fortunes(shared: &Shared) -> Result<String, StatusCode> {
    let rows = fortunes(&shared.db)
        .await
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    let template = shared
        .env
        .get_template("fortunes.html")
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    template
        .render(minijinja::context! { fortunes => rows })
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)
}

fn axum_router(shared: Arc<Shared>) -> axum::Router {
    use axum::routing::get;
    const SERVER_HEADER: [(http::HeaderName, HeaderValue); 1] =
        [(SERVER, HeaderValue::from_static("axum"))];
    axum::Router::new()
        .route(
            "/plaintext",
            get(|| async { (SERVER_HEADER, "Hello, World!") }),
        )
        .route(
            "/json",
            get(|| async {
                (
                    SERVER_HEADER,
                    Json(Message {
                        message: "Hello, World!",
                    }),
                )
            }),
        )
        .route(
            "/fortunes",
            get(|State(shared): State<Arc<Shared>>| async move {
                render_fortunes(&shared)
                    .await
                    .map(|page| (SERVER_HEADER, Html(page)))
            }),
        )
        .with_state(shared)
}

/// One answer of the hand-routed server.
fn answer(status: StatusCode, content_type: &'static str, body: impl Into<Body>) -> Response {
    let mut res = Response::new(body.into());
    *res.status_mut() = status;
    let headers = res.headers_mut();
    headers.insert(SERVER, HeaderValue::from_static("hand"));
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    res
}

async fn hand_routed(addr: &str, shared: Arc<Shared>) -> std::io::Result<()> {
    use hyper_util::rt::{TokioExecutor, TokioIo};
    let listener = tokio::net::TcpListener::bind(addr).await?;
    loop {
        let (stream, _) = listener.accept().await?;
        let shared = shared.clone();
        tokio::spawn(async move {
            let svc =
                hyper::service::service_fn(move |req: http::Request<hyper::body::Incoming>| {
                    let shared = shared.clone();
                    async move {
                        let res = match (req.method().as_str(), req.uri().path()) {
                            ("GET", "/plaintext") => {
                                answer(StatusCode::OK, "text/plain; charset=utf-8", "Hello, World!")
                            }
                            ("GET", "/json") => {
                                let body = serde_json::to_vec(&Message {
                                    message: "Hello, World!",
                                })
                                .expect("serializable");
                                answer(StatusCode::OK, "application/json", body)
                            }
                            ("GET", "/fortunes") => match render_fortunes(&shared).await {
                                Ok(page) => {
                                    answer(StatusCode::OK, "text/html; charset=utf-8", page)
                                }
                                Err(status) => answer(status, "text/plain", ""),
                            },
                            _ => answer(StatusCode::NOT_FOUND, "text/plain", ""),
                        };
                        Ok::<_, Infallible>(res)
                    }
                });
            let _ = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new())
                .serve_connection(TokioIo::new(stream), svc)
                .await;
        });
    }
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let which = args.get(1).map(String::as_str).unwrap_or("");
    let addr = args
        .get(2)
        .cloned()
        .unwrap_or_else(|| "127.0.0.1:5002".to_owned());
    let db = pool().await;
    match which {
        // `flaxum-nagle`: flaxum with `TCP_NODELAY` off, as `axum::serve`
        // leaves it, for the HTTP/2 rows.
        "flaxum" | "flaxum-nagle" | "flaxum-workers" => {
            DB.set(db).expect("set once");
            flaxum::templates::init(flaxum::templates::Templates::new(TEMPLATES));
            let app = flaxum::App::new(flaxum::routes![
                on_flaxum::plaintext,
                on_flaxum::json,
                on_flaxum::fortunes
            ]);
            let workers = match which {
                "flaxum-workers" => std::thread::available_parallelism().map_or(1, |n| n.get()),
                _ => 0,
            };
            flaxum::Server::new()
                .tcp_nodelay(which != "flaxum-nagle")
                .workers(workers)
                .serve(addr, app)
                .await
        }
        "axum" => {
            let shared = Arc::new(Shared {
                db,
                env: environment(),
            });
            let listener = tokio::net::TcpListener::bind(addr).await?;
            axum::serve(listener, axum_router(shared)).await
        }
        "hand" => {
            hand_routed(
                &addr,
                Arc::new(Shared {
                    db,
                    env: environment(),
                }),
            )
            .await
        }
        _ => {
            eprintln!("usage: te-server flaxum|flaxum-nagle|flaxum-workers|axum|hand ADDR (FORTUNES_DB=path)");
            std::process::exit(2)
        }
    }
}
