// `<int:a>` and `<int(max=10):b>` at one position overlap on 0..=10, and the
// rest of both paths is the same: a conflict, whatever the declaration order.
use flaxum::route::{Converter, RouteDef, Segment};
use flaxum::Methods;

const ROUTES: &[RouteDef] = &[
    RouteDef::new(
        Methods::GET.union(Methods::POST),
        "/n/<int(max=10):b>/x",
        &[
            Segment::Static("n"),
            Segment::Param {
                name: "b",
                conv: Converter::Int {
                    min: 0,
                    max: 10,
                    fixed_digits: 0,
                    signed: false,
                },
            },
            Segment::Static("x"),
        ],
        "small",
    ),
    RouteDef::new(
        Methods::POST,
        "/n/<int:a>/x",
        &[
            Segment::Static("n"),
            Segment::Param {
                name: "a",
                conv: Converter::INT,
            },
            Segment::Static("x"),
        ],
        "any_int",
    ),
];

flaxum::table!(static TABLE = ROUTES);

fn main() {
    let _ = &TABLE;
}
