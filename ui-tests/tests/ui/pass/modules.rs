// `routes!` takes handlers by path, from modules at any depth; handlers of
// the same name live side by side in different modules.
use flaxum::{get, routes, App};
use flaxum_ui_tests::fetch;

#[get("/")]
async fn index() -> &'static str {
    "Hello, World!"
}

mod users {
    #[flaxum::get("/users/<int:id>")]
    pub async fn show(id: u64) -> String {
        format!("user {id}")
    }

    pub mod admin {
        use flaxum::post;

        #[post("/admin/users/<int:id>")]
        pub async fn show(id: u64) -> String {
            format!("admin {id}")
        }
    }
}

#[get("/two")]
async fn index2() -> &'static str {
    "two"
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let app = App::new(routes![
        index,
        users::show,
        users::admin::show,
        crate::index2
    ]);
    assert_eq!(app.table().routes().len(), 4);
    let router = app.into_router();
    assert_eq!(
        fetch(&router, "GET", "/users/1", "").await,
        (200, "user 1".to_owned())
    );
    assert_eq!(
        fetch(&router, "POST", "/admin/users/2", "").await,
        (200, "admin 2".to_owned())
    );
    assert_eq!(
        fetch(&router, "GET", "/two", "").await,
        (200, "two".to_owned())
    );
}
