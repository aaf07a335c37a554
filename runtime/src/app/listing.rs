//! The route listing: Flask's `flask routes`, for any app.

use core::fmt;

use crate::route::RouteDef;
use crate::table::Table;

/// The routes of an app in match order, printed as a table like
/// `flask routes` (see [`App::routes_table`](crate::App::routes_table)).
///
/// ```
/// #[flaxum::get("/users/<int:id>")]
/// async fn user(id: u64) -> String { id.to_string() }
/// #[flaxum::get("/users/me")]
/// async fn me() -> &'static str { "me" }
///
/// let app = flaxum::App::new(flaxum::routes![user, me]);
/// let table = app.routes_table().to_string();
/// assert!(table.starts_with("Endpoint"));
/// // Match order: the static route comes first.
/// assert!(table.find("/users/me").unwrap() < table.find("/users/<int:id>").unwrap());
/// ```
#[derive(Clone, Debug)]
pub struct RoutesTable {
    routes: Vec<&'static RouteDef>,
}

impl RoutesTable {
    pub(crate) fn new(routes: Vec<&'static RouteDef>) -> Self {
        RoutesTable { routes }
    }
}

/// The routes of `table`, most specific first, in the order its builder
/// computed and its matcher follows ([`Table::match_order`]).
pub(crate) fn in_match_order(table: &Table) -> Vec<&'static RouteDef> {
    table
        .match_order()
        .iter()
        .map(|&i| table.route(usize::from(i)))
        .collect()
}

impl fmt::Display for RoutesTable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rows: Vec<[String; 4]> = self
            .routes
            .iter()
            .map(|r| {
                [
                    r.endpoint(),
                    r.methods.to_string(),
                    r.path.to_string(),
                    r.middleware.to_string(),
                ]
            })
            .collect();
        let head = ["Endpoint", "Methods", "Rule", "Middleware"];
        let mut width = head.map(str::len);
        for row in &rows {
            for (w, cell) in width.iter_mut().zip(row) {
                *w = (*w).max(cell.chars().count());
            }
        }
        let line = |f: &mut fmt::Formatter<'_>, cells: [&str; 4]| -> fmt::Result {
            let mut out = String::new();
            for (i, cell) in cells.iter().enumerate() {
                if i > 0 {
                    out.push_str("  ");
                }
                out.push_str(cell);
                if i < 3 {
                    let pad = width[i] - cell.chars().count();
                    out.extend(core::iter::repeat_n(' ', pad));
                }
            }
            writeln!(f, "{}", out.trim_end())
        };
        line(f, head)?;
        let rules = width.map(|w| "-".repeat(w));
        line(f, [&rules[0], &rules[1], &rules[2], &rules[3]])?;
        for row in &rows {
            line(f, [&row[0], &row[1], &row[2], &row[3]])?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::route::{Converter, Segment};
    use crate::table::{build, BuildOptions, Built, Lookup};
    use crate::Methods;

    /// The listing is in the order the matcher prefers routes, also in a
    /// table that needs the exhaustive search (two `int` parameters that
    /// overlap), where that order is the ranks' and not the sort's: the
    /// route with a static second segment is listed, and answers, before
    /// the catch-all.
    #[test]
    fn routes_are_listed_in_the_matchers_order() {
        const INT: Segment = Segment::Param {
            name: "i",
            conv: Converter::INT,
        };
        const FROM_5: Segment = Segment::Param {
            name: "j",
            conv: Converter::int(Some(5), None, 0, false),
        };
        static ROUTES: [RouteDef; 4] = [
            RouteDef::new(
                Methods::GET,
                "/<int:i>/<path:rest>",
                &[INT, Segment::CatchAll { name: "rest" }],
                "rest",
            ),
            RouteDef::new(
                Methods::GET,
                "/<p>",
                &[Segment::Param {
                    name: "p",
                    conv: Converter::PLAIN,
                }],
                "plain",
            ),
            RouteDef::new(
                Methods::GET,
                "/<int(min=5):j>/x",
                &[FROM_5, Segment::Static("x")],
                "x",
            ),
            RouteDef::new(Methods::GET, "/about", &[Segment::Static("about")], "about"),
        ];
        let built: &'static Built<8, 32, 256> =
            Box::leak(Box::new(build(&ROUTES, BuildOptions::DEFAULT)));
        let table: &'static Table = Box::leak(Box::new(built.table()));
        assert!(table.is_exhaustive());
        let listed: Vec<&str> = in_match_order(table).iter().map(|r| r.handler).collect();
        assert_eq!(listed, ["about", "x", "rest", "plain"]);
        let Lookup::Found(m) = table.lookup(Methods::GET, b"/7/x") else {
            panic!("no match for /7/x")
        };
        assert_eq!(table.route(m.route()).handler, "x");
    }
}
