// Two plain parameters at one position, same method: every request that
// reaches one reaches the other.
use flaxum::route::{Converter, RouteDef, Segment};
use flaxum::Methods;

const ROUTES: &[RouteDef] = &[
    RouteDef::new(
        Methods::GET,
        "/users/:id",
        &[
            Segment::Static("users"),
            Segment::Param {
                name: "id",
                conv: Converter::PLAIN,
            },
        ],
        "by_id",
    ),
    RouteDef::new(
        Methods::GET,
        "/users/:name",
        &[
            Segment::Static("users"),
            Segment::Param {
                name: "name",
                conv: Converter::PLAIN,
            },
        ],
        "by_name",
    ),
];

flaxum::table!(static TABLE = ROUTES);

fn main() {
    let _ = &TABLE;
}
