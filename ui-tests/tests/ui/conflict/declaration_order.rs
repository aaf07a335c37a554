// Declaration order does not matter: `routes![a, b]` and `routes![b, a]`
// report the same conflict with the same words.
use flaxum::{get, routes, App};

#[get("/files/<path:rest>")]
async fn files(rest: String) -> String {
    rest
}

#[get("/files/*path")]
async fn raw_files(path: String) -> String {
    path
}

#[tokio::main]
async fn main() {
    let app1 = App::new(routes![files, raw_files]);
    let app2 = App::new(routes![raw_files, files]);
    flaxum::serve("127.0.0.1:5000", app1).await.unwrap();
    flaxum::serve("127.0.0.1:5001", app2).await.unwrap();
}
