//! Blueprints, middleware, Flask hooks and `url_for!`, in one app.
//!
//! ```sh
//! cargo run -p flaxum-examples --example blueprints            # http://127.0.0.1:5003
//! cargo run -p flaxum-examples --example blueprints -- routes  # the route table
//! cargo run -p flaxum-examples --example blueprints -- routes --openapi  # the OpenAPI document
//! curl -i localhost:5003/                       # links built by url_for!
//! curl -i localhost:5003/admin/users/7          # 401: require_login stops the chain
//! curl -i -H 'x-user: ada' localhost:5003/admin/users/7
//! curl -i localhost:5003/blog/posts/99          # abort(404), the blog's own 404 page
//! curl -i localhost:5003/nope                   # the app's 404 page
//! ```

use axum::extract::{Request, State};
use axum::response::Response;
use flaxum::{
    after_request, before_request, errorhandler, get, middleware, routes, url_for, App, Next,
};
use http::{HeaderValue, StatusCode};

/// The app's state, for handlers and middleware alike.
#[derive(Clone)]
struct Site {
    name: &'static str,
}

/// The user a `before_request` hook found, like Flask's `g.user`.
#[derive(Clone)]
struct User(String);

/// Loads the user from a header (a real app reads its session cookie).
#[before_request]
async fn load_user(req: &mut Request) {
    let user = req
        .headers()
        .get("x-user")
        .and_then(|v| v.to_str().ok())
        .map(|name| User(name.to_owned()));
    if let Some(user) = user {
        req.extensions_mut().insert(user);
    }
}

/// Times every request, app-wide.
#[middleware]
async fn timing(req: Request, next: Next) -> Response {
    let start = std::time::Instant::now();
    let mut res = next.run(req).await;
    let micros = start.elapsed().as_micros().to_string();
    if let Ok(v) = HeaderValue::from_str(&micros) {
        res.headers_mut().insert("x-elapsed-us", v);
    }
    res
}

/// Names the site in every response.
#[after_request]
async fn site_header(State(site): State<Site>, mut res: Response) -> Response {
    res.headers_mut()
        .insert("x-site", HeaderValue::from_static(site.name));
    res
}

#[errorhandler(404)]
async fn not_found() -> (StatusCode, &'static str) {
    (StatusCode::NOT_FOUND, "This page does not exist.\n")
}

#[get("/")]
async fn index() -> String {
    format!(
        "Try {}, {} or {}\n",
        url_for!(blog::post, id = 1),
        url_for!(admin::users::user, id = 7),
        url_for!(blog::index, page = 2),
    )
}

mod blog {
    use flaxum::{abort, blueprint, errorhandler, get, HttpError};
    use http::StatusCode;

    #[get("/")]
    pub async fn index() -> &'static str {
        "All posts\n"
    }

    #[get("/posts/<int:id>")]
    pub async fn post(id: u32) -> Result<String, HttpError> {
        if id > 3 {
            return Err(abort(404));
        }
        Ok(format!("Post {id}\n"))
    }

    #[errorhandler(404)]
    pub async fn no_such_post() -> (StatusCode, &'static str) {
        (StatusCode::NOT_FOUND, "No such post in the blog.\n")
    }

    blueprint!(
        pub bp = "blog",
        url_prefix = "/blog",
        routes = [index, post],
        errorhandler = [no_such_post],
    );
}

mod admin {
    use axum::extract::Request;
    use axum::response::{IntoResponse, Response};
    use flaxum::{blueprint, middleware, Next};
    use http::StatusCode;

    /// Stops the chain unless `load_user` found a user.
    #[middleware]
    pub async fn require_login(req: Request, next: Next) -> Response {
        if req.extensions().get::<super::User>().is_some() {
            next.run(req).await
        } else {
            (StatusCode::UNAUTHORIZED, "Log in first.\n").into_response()
        }
    }

    pub mod users {
        use axum::extract::State;
        use axum::Extension;
        use flaxum::{blueprint, get};

        #[get("/<int:id>")]
        pub async fn user(
            id: u64,
            Extension(me): Extension<super::super::User>,
            State(site): State<super::super::Site>,
        ) -> String {
            format!("{}: user {id}, seen by {}\n", site.name, me.0)
        }

        blueprint!(pub bp = "users", url_prefix = "/users", routes = [user]);
    }

    blueprint!(
        pub bp = "admin",
        url_prefix = "/admin",
        routes = [users::bp],
        middleware = [require_login],
    );
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let app = App::new(routes![
        index,
        blog::bp,
        admin::bp;
        middleware = [timing],
        before_request = [load_user],
        after_request = [site_header],
        errorhandler = [not_found],
    ])
    .with_state(Site {
        name: "flaxum demo",
    });
    if flaxum_examples::routes_command(&app) {
        return Ok(());
    }
    let addr = std::env::var("FLAXUM_ADDR").unwrap_or_else(|_| "127.0.0.1:5003".to_owned());
    println!(" * Serving flaxum app `blueprints` on http://{addr} (press CTRL+C to quit)");
    flaxum::serve(addr.as_str(), app).await
}
