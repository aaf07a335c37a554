// Routes of different blueprints that match the same requests are the same
// compile error as any other conflict.
mod admin {
    #[flaxum::get("/users/<int:id>")]
    pub async fn user(id: u64) -> String {
        id.to_string()
    }
    flaxum::blueprint!(pub bp = "admin", url_prefix = "/api", routes = [user]);
}

mod api {
    #[flaxum::get("/users/<int:n>")]
    pub async fn member(n: u64) -> String {
        n.to_string()
    }
    flaxum::blueprint!(pub bp = "api", url_prefix = "/api", routes = [member]);
}

fn main() {
    let _ = flaxum::App::new(flaxum::routes![admin::bp, api::bp]).routes();
}
