// Blueprints nest, middleware and hooks compose, url_for! knows prefixes.
use axum::extract::{Request, State};
use axum::response::Response;
use flaxum::{after_request, blueprint, errorhandler, get, middleware, routes, url_for, App, Next};

#[derive(Clone)]
struct AppState {
    greeting: &'static str,
}

#[middleware]
async fn tag(State(s): State<AppState>, req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    res.headers_mut().insert("x-greeting", s.greeting.parse().unwrap());
    res
}

#[after_request]
async fn done(res: Response) -> Response {
    res
}

#[errorhandler(404)]
async fn not_found() -> (http::StatusCode, &'static str) {
    (http::StatusCode::NOT_FOUND, "custom 404")
}

mod api {
    use super::*;

    pub mod v1 {
        #[flaxum::get("/users/<int:id>")]
        pub async fn user(id: u64) -> String {
            format!("user {id} at {}", flaxum::url_for!(user, id = id))
        }
        flaxum::blueprint!(pub bp = "v1", url_prefix = "/v1", routes = [user]);
    }

    blueprint!(pub bp = "api", url_prefix = "/api", routes = [v1::bp], middleware = [tag]);
}

#[get("/")]
async fn index() -> String {
    url_for!(api::v1::user, id = 1)
}

#[tokio::main]
async fn main() {
    let app = App::new(routes![index, api::bp; after_request = [done], errorhandler = [not_found]])
        .with_state(AppState { greeting: "hi" });
    assert_eq!(app.routes()[1].endpoint(), "api.v1.user");
    let router = app.into_router();
    let get = |uri: &'static str| flaxum_ui_tests::fetch(&router, "GET", uri, "");
    assert_eq!(get("/").await, (200, "/api/v1/users/1".to_owned()));
    assert_eq!(get("/api/v1/users/7").await, (200, "user 7 at /api/v1/users/7".to_owned()));
    assert_eq!(get("/nope").await, (404, "custom 404".to_owned()));
}
