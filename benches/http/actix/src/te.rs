//! The TechEmpower workload on actix-web: the same three answers, database
//! and templates as the other servers of `benches/http/te.sh`.

use actix_web::http::header::{ContentType, HeaderValue, SERVER};
use actix_web::{web, App, HttpResponse, HttpServer};
use serde::Serialize;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePool, SqlitePoolOptions};
use sqlx::Row;

const TEMPLATES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../te/templates");

#[derive(Serialize)]
struct Message {
    message: &'static str,
}

#[derive(Serialize)]
struct Fortune {
    id: i64,
    message: String,
}

struct Shared {
    db: SqlitePool,
    env: minijinja::Environment<'static>,
}

async fn plaintext() -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((SERVER, HeaderValue::from_static("actix")))
        .content_type(ContentType::plaintext())
        .body("Hello, World!")
}

async fn json() -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((SERVER, HeaderValue::from_static("actix")))
        .json(Message {
            message: "Hello, World!",
        })
}

async fn render(shared: &Shared) -> Result<String, Box<dyn std::error::Error>> {
    let mut rows = sqlx::query("SELECT id, message FROM fortune")
        .fetch_all(&shared.db)
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
    let template = shared.env.get_template("fortunes.html")?;
    Ok(template.render(minijinja::context! { fortunes => rows })?)
}

async fn fortunes(shared: web::Data<Shared>) -> HttpResponse {
    match render(&shared).await {
        Ok(page) => HttpResponse::Ok()
            .insert_header((SERVER, HeaderValue::from_static("actix")))
            .content_type(ContentType::html())
            .body(page),
        Err(_) => HttpResponse::InternalServerError().finish(),
    }
}

pub async fn serve(addr: String) -> std::io::Result<()> {
    let path = std::env::var("FORTUNES_DB").expect("FORTUNES_DB names the fortunes database");
    let db = SqlitePoolOptions::new()
        .max_connections(4)
        .connect_with(SqliteConnectOptions::new().filename(path).read_only(true))
        .await
        .expect("the fortunes database opens");
    let mut env = minijinja::Environment::new();
    env.set_loader(minijinja::path_loader(TEMPLATES));
    let shared = web::Data::new(Shared { db, env });
    HttpServer::new(move || {
        App::new()
            .app_data(shared.clone())
            .route("/plaintext", web::get().to(plaintext))
            .route("/json", web::get().to(json))
            .route("/fortunes", web::get().to(fortunes))
    })
    .bind(addr)?
    .run()
    .await
}
