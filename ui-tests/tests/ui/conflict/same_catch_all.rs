// Two catch-alls after the same prefix: a conflict for the shared method.
use flaxum::route::{RouteDef, Segment};
use flaxum::Methods;

const ROUTES: &[RouteDef] = &[
    RouteDef::new(
        Methods::GET,
        "/files/*rest",
        &[Segment::Static("files"), Segment::CatchAll { name: "rest" }],
        "files",
    ),
    RouteDef::new(
        Methods::GET,
        "/files/<path:p>",
        &[Segment::Static("files"), Segment::CatchAll { name: "p" }],
        "raw_files",
    ),
];

flaxum::table!(static TABLE = ROUTES);

fn main() {
    let _ = &TABLE;
}
