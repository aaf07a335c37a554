//! The OpenAPI document is read from the routes: renaming a path
//! parameter (in the path, and the argument that receives it) changes the
//! document, with no description of the route to edit beside it.

mod before {
    /// One user.
    #[flaxum::get("/users/<int:id>")]
    pub async fn user(id: u32) -> String {
        id.to_string()
    }
}

mod after {
    /// One user.
    #[flaxum::get("/users/<int:user_id>")]
    pub async fn user(user_id: u32) -> String {
        user_id.to_string()
    }
}

fn main() {
    let before = flaxum::App::new(flaxum::routes![before::user]).openapi().into_json();
    let after = flaxum::App::new(flaxum::routes![after::user]).openapi().into_json();
    let op = &before["paths"]["/users/{id}"]["get"];
    assert_eq!(op["parameters"][0]["name"], "id");
    assert_eq!(op["parameters"][0]["schema"]["maximum"], u32::MAX);
    let op = &after["paths"]["/users/{user_id}"]["get"];
    assert_eq!(op["parameters"][0]["name"], "user_id");
    assert_eq!(op["parameters"][0]["schema"]["maximum"], u32::MAX);
    assert_eq!(op["summary"], "One user.");
    assert!(after["paths"].get("/users/{id}").is_none());
}
