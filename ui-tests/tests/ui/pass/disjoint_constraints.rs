// Overlapping positions with disjoint constraints, different methods, or
// different specificity are not conflicts.
use flaxum::route::{Converter, RouteDef, Segment};
use flaxum::Methods;

const ROUTES: &[RouteDef] = &[
    RouteDef::new(
        Methods::GET,
        "/v/<int:a>",
        &[
            Segment::Static("v"),
            Segment::Param {
                name: "a",
                conv: Converter::INT,
            },
        ],
        "int",
    ),
    RouteDef::new(
        Methods::GET,
        "/v/<float:b>",
        &[
            Segment::Static("v"),
            Segment::Param {
                name: "b",
                conv: Converter::FLOAT,
            },
        ],
        "float",
    ),
    RouteDef::new(
        Methods::GET,
        "/v/<c>",
        &[
            Segment::Static("v"),
            Segment::Param {
                name: "c",
                conv: Converter::PLAIN,
            },
        ],
        "plain",
    ),
    RouteDef::new(
        Methods::POST,
        "/v/<d>",
        &[
            Segment::Static("v"),
            Segment::Param {
                name: "d",
                conv: Converter::PLAIN,
            },
        ],
        "plain_post",
    ),
    RouteDef::new(
        Methods::GET,
        "/v/<path:e>",
        &[Segment::Static("v"), Segment::CatchAll { name: "e" }],
        "catch_all",
    ),
    RouteDef::new(
        Methods::GET,
        "/v/me",
        &[Segment::Static("v"), Segment::Static("me")],
        "me",
    ),
];

flaxum::table!(static TABLE = ROUTES);

fn main() {
    assert_eq!(TABLE.routes().len(), 6);
}
