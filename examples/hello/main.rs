//! The Quick start demo: a server on 127.0.0.1:5000 whose requests are
//! routed by a table that the compiler built.
//!
//! Run it with `cargo run -p flaxum-examples --example hello`, then try
//! `curl -i localhost:5000/users/42`, `curl -i localhost:5000/users/x`,
//! `curl -i -X DELETE localhost:5000/`, `curl -i localhost:5000/docs`.
//!
//! Until the route attributes land, the table is written out by hand; with
//! them, each entry becomes `#[get("/users/<int:id>")]` on its handler.

use axum::body::Body;
use axum::http::{header, Request, Response, StatusCode};
use flaxum::route::{Converter, RouteDef, Segment};
use flaxum::table::Lookup;
use flaxum::Methods;

const ROUTES: &[RouteDef] = &[
    RouteDef::new(Methods::GET, "/", &[Segment::Static("")], "index"),
    RouteDef::new(
        Methods::GET,
        "/users/<int:id>",
        &[
            Segment::Static("users"),
            Segment::Param {
                name: "id",
                conv: Converter::INT,
            },
        ],
        "user",
    ),
    RouteDef::new(
        Methods::GET,
        "/docs/",
        &[Segment::Static("docs"), Segment::Static("")],
        "docs",
    ),
    RouteDef::new(
        Methods::GET,
        "/static/<path:file>",
        &[Segment::Static("static"), Segment::CatchAll { name: "file" }],
        "static_file",
    ),
];

flaxum::table!(static TABLE = ROUTES);

/// Answers every request from the table's verdict.
async fn route(req: Request<Body>) -> Response<Body> {
    let path = req.uri().path().as_bytes();
    let reply = |status: StatusCode, body: String| {
        Response::builder()
            .status(status)
            .body(Body::from(body))
            .unwrap_or_default()
    };
    match TABLE.lookup(Methods::from_method(req.method()), path) {
        Lookup::Found(m) => {
            let route = TABLE.route(m.route());
            let values: Vec<_> = m
                .params()
                .iter()
                .map(|r| String::from_utf8_lossy(&path[r]).into_owned())
                .collect();
            let body = match route.handler {
                "index" => "Hello, World!\n".to_owned(),
                handler => format!("{handler} {values:?}\n"),
            };
            reply(StatusCode::OK, body)
        }
        Lookup::Redirect(m) => {
            let mut location = String::new();
            TABLE.render(&m, path, &mut location);
            if let Some(q) = req.uri().query() {
                location.push('?');
                location.push_str(q);
            }
            let mut res = reply(StatusCode::PERMANENT_REDIRECT, String::new());
            if let Ok(v) = location.parse() {
                res.headers_mut().insert(header::LOCATION, v);
            }
            res
        }
        Lookup::MethodNotAllowed(allowed) => {
            let mut res = reply(StatusCode::METHOD_NOT_ALLOWED, "Method Not Allowed\n".into());
            if let Ok(v) = allowed.union(Methods::OPTIONS).to_string().parse() {
                res.headers_mut().insert(header::ALLOW, v);
            }
            res
        }
        Lookup::NotFound => reply(StatusCode::NOT_FOUND, "Not Found\n".into()),
    }
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let addr = "127.0.0.1:5000";
    let listener = tokio::net::TcpListener::bind(addr).await?;
    println!(" * Running on http://{addr} (press CTRL+C to quit)");
    axum::serve(listener, axum::Router::new().fallback(route)).await
}
