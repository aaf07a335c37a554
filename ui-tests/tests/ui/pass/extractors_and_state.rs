// Arguments that are not path parameters are axum extractors: `State`,
// `Query`, `HeaderMap`, `Method` from the request head, and `Json` (or
// `String`) last, consuming the body; the app provides the state.
use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use flaxum::{get, post, routes, App};
use flaxum_ui_tests::fetch;
use serde::{Deserialize, Serialize};

#[derive(Clone)]
struct Db {
    users: Arc<Vec<User>>,
}

#[derive(Clone, Serialize)]
struct User {
    id: u64,
    name: String,
}

#[derive(Deserialize)]
struct NewUser {
    name: String,
}

#[derive(Deserialize)]
struct Page {
    page: Option<u32>,
}

#[get("/users")]
async fn list(State(db): State<Db>, Query(p): Query<Page>) -> Json<Vec<User>> {
    let skip = p.page.unwrap_or(0) as usize;
    Json(db.users.iter().skip(skip).cloned().collect())
}

#[get("/users/<int:id>")]
async fn show(id: u64, State(db): State<Db>, headers: HeaderMap) -> Result<Json<User>, StatusCode> {
    let _ = headers.len();
    db.users
        .iter()
        .find(|u| u.id == id)
        .cloned()
        .map(Json)
        .ok_or(StatusCode::NOT_FOUND)
}

#[post("/users")]
async fn create(State(db): State<Db>, Json(new): Json<NewUser>) -> (StatusCode, Json<User>) {
    let id = db.users.len() as u64 + 1;
    (StatusCode::CREATED, Json(User { id, name: new.name }))
}

#[post("/users/<int:id>/note")]
async fn note(
    Query(q): Query<HashMap<String, String>>,
    id: u64,
    method: http::Method,
    body: String,
) -> String {
    format!("{method} {id} {} {body}", q["tag"])
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let db = Db {
        users: Arc::new(vec![User {
            id: 1,
            name: "ada".into(),
        }]),
    };
    let router = App::new(routes![list, show, create, note])
        .with_state(db)
        .into_router();
    let one = r#"{"id":1,"name":"ada"}"#;
    assert_eq!(
        fetch(&router, "GET", "/users", "").await,
        (200, format!("[{one}]"))
    );
    assert_eq!(
        fetch(&router, "GET", "/users?page=1", "").await,
        (200, "[]".to_owned())
    );
    assert_eq!(
        fetch(&router, "GET", "/users/1", "").await,
        (200, one.to_owned())
    );
    assert_eq!(fetch(&router, "GET", "/users/2", "").await.0, 404);
    assert_eq!(
        fetch(&router, "POST", "/users", r#"{"name":"bob"}"#).await,
        (201, r#"{"id":2,"name":"bob"}"#.to_owned())
    );
    assert_eq!(
        fetch(&router, "POST", "/users/1/note?tag=x", "hi").await,
        (200, "POST 1 x hi".to_owned())
    );
}
