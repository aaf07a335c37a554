// A handler named like a primitive type does not hide that type from the
// rest of the module.
use flaxum::{get, routes, url_for, App};
use flaxum_ui_tests::fetch;

#[get("/half/<float:x>")]
async fn f64(x: f64) -> String {
    // `f64` is still the type here.
    let half: f64 = x / 2.0;
    format!("{half}")
}

#[get("/byte/<int:n>")]
async fn u8(n: u8) -> String {
    format!("{}", n as u16 + u8::MAX as u16)
}

#[get("/text/<s>")]
async fn str(s: &str) -> String {
    let t: &str = s;
    t.to_uppercase()
}

fn twice(x: f64) -> f64 {
    x * 2.0
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    assert_eq!(twice(1.5), 3.0);
    assert_eq!(url_for!(f64, x = 1.5), "/half/1.5");
    let router = App::new(routes![f64, u8, str]).into_router();
    assert_eq!(fetch(&router, "GET", "/half/3.0", "").await, (200, "1.5".to_owned()));
    assert_eq!(fetch(&router, "GET", "/byte/1", "").await, (200, "256".to_owned()));
    assert_eq!(fetch(&router, "GET", "/text/ab", "").await, (200, "AB".to_owned()));
}
