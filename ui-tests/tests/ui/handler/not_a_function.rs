// Route attributes go on handler functions.
use flaxum::get;

#[get("/")]
struct Index;

fn main() {}
