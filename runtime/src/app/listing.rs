//! The route listing: Flask's `flask routes`, for any app.

use core::cmp::Ordering;
use core::fmt;

use crate::route::{RouteDef, Segment};

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

/// The routes of `all`, most specific first: segment by segment, static
/// text before a constrained parameter, before a plain one, before a
/// catch-all; shorter paths first on a tie.
pub(crate) fn match_order(all: &'static [RouteDef]) -> Vec<&'static RouteDef> {
    let mut routes: Vec<&'static RouteDef> = all.iter().collect();
    routes.sort_by(|a, b| cmp_routes(a, b));
    routes
}

fn cmp_routes(a: &RouteDef, b: &RouteDef) -> Ordering {
    for (x, y) in a.segments.iter().zip(b.segments) {
        let by_tier = x.tier().cmp(&y.tier());
        if by_tier != Ordering::Equal {
            return by_tier;
        }
        if let (Segment::Static(x), Segment::Static(y)) = (x, y) {
            let by_text = x.cmp(y);
            if by_text != Ordering::Equal {
                return by_text;
            }
        }
    }
    a.segments
        .len()
        .cmp(&b.segments.len())
        .then_with(|| a.path.cmp(b.path))
        .then_with(|| a.methods.bits().cmp(&b.methods.bits()))
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
