//! The static routing table: its layout, the `const fn` builder that lays it
//! out while the compiler runs, and the matcher that reads it.
//!
//! The table is a radix tree of path segments. Each node lists its static
//! children (found by a perfect hash), then its parameter children from
//! most to least specific, then at most one catch-all. Each terminal (an [`End`]) maps every method to one route.

mod build;
mod built;
mod class;
pub(crate) mod conflict;
mod hash;
mod lookup;
mod order;
mod pattern;
mod phf;
mod unchecked;

pub use build::{build, caps, try_build, try_build_in_caps, BuildError, BuildOptions, Caps};
pub use built::{exact_of, Built, Exact, Sizes};
pub use lookup::{Lookup, Match, Params, MAX_PATH};
#[doc(hidden)]
pub use unchecked::Unchecked;

use crate::route::method::Methods;
use crate::route::{Converter, RouteDef};

/// The most segments a route may have.
pub const MAX_SEGMENTS: usize = 64;
/// The most parameters (catch-all included) a route may have.
pub const MAX_PARAMS: usize = 16;
/// The most routes one table may hold.
pub const MAX_ROUTES: usize = 16_000;

/// "No such node, end or route" in the `u16` links of the table.
pub(crate) const NONE: u16 = u16::MAX;

/// A routing table built by [`build`] in `const` context and kept in a
/// `static`. [`routes!`](crate::table!) and the route macros make one for
/// you; [`Table::lookup`] matches a request against it.
///
/// ```
/// use flaxum::route::{Converter, RouteDef, Segment};
/// use flaxum::table::Lookup;
/// use flaxum::Methods;
///
/// const ROUTES: &[RouteDef] = &[
///     RouteDef::new(Methods::GET, "/users/<int:id>", &[
///         Segment::Static("users"),
///         Segment::Param { name: "id", conv: Converter::INT },
///     ], "user"),
/// ];
/// flaxum::table!(static TABLE = ROUTES);
///
/// match TABLE.lookup(Methods::GET, b"/users/42") {
///     Lookup::Found(m) => {
///         assert_eq!(TABLE.route(m.route()).handler, "user");
///         assert_eq!(m.params().get(0), Some(7..9));
///     }
///     other => panic!("{other:?}"),
/// }
/// ```
#[derive(Debug)]
pub struct Table {
    pub(crate) routes: &'static [RouteDef],
    pub(crate) nodes: &'static [Node],
    pub(crate) edges: &'static [Edge],
    pub(crate) slots: &'static [Slot],
    pub(crate) disps: &'static [u64],
    pub(crate) params: &'static [ParamEdge],
    pub(crate) ends: &'static [End],
    /// Some node has two overlapping parameter children of one tier, so the
    /// first match found is not always the most specific: search on.
    pub(crate) exhaustive: bool,
    /// The fully static paths, found by one hash of the whole path.
    pub(crate) whole: &'static [Whole],
    pub(crate) whole_slots: &'static [u16],
    pub(crate) whole_disps: &'static [u64],
    /// The shifts of the whole-path hash, as a node's `shift` and
    /// `bucket_shift`; `whole_shift` 0 when there is no such hash.
    pub(crate) whole_shift: u8,
    pub(crate) whole_bucket_shift: u8,
    /// The lengths of the fully static paths, bit `n` for `n` bytes (bit 63
    /// for 63 or more): most other paths miss without a hash.
    pub(crate) whole_lens: u64,
    /// The routes' indices in match order, each route once (see
    /// [`Table::match_order`]).
    pub(crate) order: &'static [u16],
}

/// A fully static path: its text, as a route spells it, and its end.
#[derive(Clone, Copy, Debug)]
pub struct Whole {
    pub(crate) text: &'static [u8],
    pub(crate) end: u16,
}

/// A node of the radix tree.
#[derive(Clone, Copy, Debug)]
pub struct Node {
    /// First static child edge in `Table::edges`.
    pub(crate) statics: u32,
    /// Number of static child edges.
    pub(crate) n_statics: u16,
    /// `64 - log2(slot count)` when the static children are hashed, else 0.
    pub(crate) shift: u8,
    /// `64 - log2(bucket count)` of the node's perfect hash.
    pub(crate) bucket_shift: u8,
    /// First slot of the node's perfect hash in `Table::slots`.
    pub(crate) slots: u32,
    /// First bucket multiplier of the node's perfect hash in `Table::disps`.
    pub(crate) disps: u32,
    /// The multiplier of a perfect hash with one bucket (`bucket_shift`
    /// 64): it lives here rather than in `Table::disps`, saving the matcher
    /// a load.
    pub(crate) seed: u64,
    /// First parameter child edge in `Table::params`.
    pub(crate) params: u32,
    /// Number of parameter child edges.
    pub(crate) n_params: u16,
    /// The end reached by a catch-all here, or `NONE`.
    pub(crate) catch_all: u16,
    /// The end of routes whose path stops here, or `NONE`.
    pub(crate) end: u16,
    /// The end of the static child `""` (a trailing slash), or `NONE`.
    pub(crate) slash: u16,
    /// The best rank of any end below this node (exhaustive search only).
    pub(crate) min_rank: u16,
    /// The parent node (`NONE` for the root): the matcher backtracks along
    /// these links instead of keeping a stack.
    pub(crate) parent: u16,
    /// Which alternative of the parent leads here: 0 for its static
    /// children, `1 + i` for its parameter edge `i`.
    pub(crate) via: u16,
    /// How many parameters the path from the root to this node captures:
    /// the index, in [`Params`], of the one a parameter child captures next.
    pub(crate) params_before: u8,
    /// Some static child's label holds an escape (`%XX`): a segment that
    /// misses them all may still spell one once rebuilt in canonical form.
    pub(crate) escaped: bool,
    /// The child of the first (most specific) parameter edge, or `NONE`:
    /// the first descent's step, kept here so that it reads no edge.
    pub(crate) first_param: u16,
    /// That edge accepts any non-empty segment (a plain parameter).
    pub(crate) first_plain: bool,
}

/// A static child edge: the canonical segment text and the child node.
#[derive(Clone, Copy, Debug)]
pub struct Edge {
    pub(crate) label: &'static [u8],
    /// The label's key (its bytes as one word up to eight bytes, its two
    /// words mixed up to sixteen, else its hash), compared before the
    /// bytes.
    pub(crate) hash: u64,
    pub(crate) child: u16,
}

/// An edge not yet filled in.
pub(super) const EMPTY_EDGE: Edge = Edge {
    label: &[],
    hash: 0,
    child: NONE,
};

/// A slot of a node's perfect hash: the key, length and child of the
/// static child edge it holds, and a copy of that child node. A hit needs
/// no further load: the first descent's next step reads the copy, in the
/// slot it has just compared, instead of waiting for a second load from
/// `Table::nodes`. A free slot has a length no segment has.
#[derive(Clone, Copy, Debug)]
pub struct Slot {
    /// The edge's key ([`Edge::hash`]).
    pub(crate) hash: u64,
    /// The label's second word when it has nine to sixteen bytes, else 0:
    /// with the key and the length, it settles such a label without
    /// comparing bytes.
    pub(crate) hi: u64,
    /// The label's length (`u16::MAX`, which no segment reaches, for a free
    /// slot or a longer label).
    pub(crate) len: u16,
    pub(crate) child: u16,
    /// The edge, whose label a key of more than eight bytes is checked
    /// against.
    pub(crate) edge: u16,
    /// A copy of `Table::nodes[child]` (an empty node in a free slot).
    pub(crate) node: Node,
}

/// A parameter child edge: the converter that must accept the segment.
#[derive(Clone, Copy, Debug)]
pub struct ParamEdge {
    pub(crate) conv: Converter,
    pub(crate) child: u16,
    /// The converter accepts any non-empty segment (a plain parameter).
    pub(crate) plain: bool,
}

/// A terminal: for each method, the route that answers it.
#[derive(Clone, Copy, Debug)]
pub struct End {
    /// Every method some route answers here (`HEAD` implied by `GET`).
    pub(crate) methods: Methods,
    /// Methods declared by routes here (not implied, not slash variants).
    pub(crate) declared: Methods,
    /// The route per method bit, or `NONE`: one entry per bit of a
    /// `u16`, though only nine are methods, so that indexing by a bit's
    /// position needs no bounds check.
    pub(crate) routes: [u16; 16],
    /// Specificity rank: lower is more specific.
    pub(crate) rank: u16,
    /// The path of this end ends with a slash. A route reaching it as a
    /// slash twin is spelled this way in redirects, not as declared.
    pub(crate) slash: bool,
}

impl End {
    /// The specificity rank of the answer for `method`: a route that only a
    /// slash twin brings ranks after a declared route of equal specificity.
    #[inline]
    pub(crate) fn rank_for(&self, method: Methods) -> u16 {
        self.rank + u16::from(!self.declared.contains(method))
    }

    /// The route that answers `method` here.
    #[inline]
    pub(crate) fn route_for(&self, method: Methods) -> Option<u16> {
        let bit = method.bits();
        // One method at a time: a request has exactly one.
        if !bit.is_power_of_two() || self.methods.bits() & bit == 0 {
            return None;
        }
        Some(self.routes[bit.trailing_zeros() as usize & 15])
    }
}

impl Table {
    /// The routes of the table, in declaration order; a route's index here
    /// is the one [`Match::route`] returns.
    ///
    /// ```
    /// # use flaxum::route::{RouteDef, Segment};
    /// # const ROUTES: &[RouteDef] = &[RouteDef::new(flaxum::Methods::GET, "/", &[Segment::Static("")], "index")];
    /// flaxum::table!(static TABLE = ROUTES);
    /// assert_eq!(TABLE.routes()[0].handler, "index");
    /// ```
    pub fn routes(&self) -> &'static [RouteDef] {
        self.routes
    }

    /// The route at `index`.
    ///
    /// ```
    /// # use flaxum::route::{RouteDef, Segment};
    /// # const ROUTES: &[RouteDef] = &[RouteDef::new(flaxum::Methods::GET, "/", &[Segment::Static("")], "index")];
    /// flaxum::table!(static TABLE = ROUTES);
    /// assert_eq!(TABLE.route(0).path, "/");
    /// ```
    pub fn route(&self, index: usize) -> &'static RouteDef {
        &self.routes[index]
    }

    /// The number of radix nodes, for reports and tests.
    ///
    /// ```
    /// # use flaxum::route::{RouteDef, Segment};
    /// # const ROUTES: &[RouteDef] = &[RouteDef::new(flaxum::Methods::GET, "/a", &[Segment::Static("a")], "a")];
    /// flaxum::table!(static TABLE = ROUTES);
    /// assert_eq!(TABLE.node_count(), 2);
    /// ```
    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }

    /// Whether the matcher must search past the first match (some node has
    /// overlapping parameter children of one tier).
    ///
    /// ```
    /// # use flaxum::route::{RouteDef, Segment};
    /// # const ROUTES: &[RouteDef] = &[RouteDef::new(flaxum::Methods::GET, "/a", &[Segment::Static("a")], "a")];
    /// flaxum::table!(static TABLE = ROUTES);
    /// assert!(!TABLE.is_exhaustive());
    /// ```
    pub fn is_exhaustive(&self) -> bool {
        self.exhaustive
    }

    /// The routes' indices, each once, in the order the matcher prefers
    /// them: of two routes that match one request as declared, the one
    /// listed first answers it (where both answer its method). It is the
    /// builder's order of the routes' own patterns (a slash twin, which
    /// yields to a route declared with its spelling, is left out): the sort
    /// by specificity, or, when the table
    /// [is exhaustive](Table::is_exhaustive), the order of the ranks the
    /// search compares, since there the first match found is not always
    /// the best.
    pub(crate) fn match_order(&self) -> &'static [u16] {
        self.order
    }
}

/// Builds a routing table from a constant slice of [`RouteDef`]s at compile
/// time and binds it to a `static`.
///
/// Every check of the builder runs while the crate compiles: two routes that
/// match the same requests are a compile error naming both.
///
/// ```
/// use flaxum::route::{RouteDef, Segment};
/// use flaxum::Methods;
///
/// const ROUTES: &[RouteDef] = &[RouteDef::new(Methods::GET, "/about", &[Segment::Static("about")], "about")];
/// flaxum::table!(static TABLE = ROUTES);
/// // With options: every route accepts a trailing slash or its absence.
/// flaxum::table!(static LENIENT = ROUTES, flaxum::table::BuildOptions { strict_slashes: false });
/// assert!(matches!(LENIENT.lookup(Methods::GET, b"/about/"), flaxum::table::Lookup::Found(_)));
/// ```
#[macro_export]
macro_rules! table {
    ($vis:vis static $name:ident = $routes:expr) => {
        $crate::table!($vis static $name = $routes, $crate::table::BuildOptions::DEFAULT);
    };
    ($vis:vis static $name:ident = $routes:expr, $opts:expr) => {
        $vis static $name: $crate::table::Table = {
            /// The routes the table is built from.
            const __ROUTES: &[$crate::route::RouteDef] = $routes;
            const __OPTS: $crate::table::BuildOptions = $opts;
            /// Upper bounds of the builder's arrays.
            const __CAPS: $crate::table::Caps = $crate::table::caps(__ROUTES, __OPTS);
            /// The table in oversized arrays, or the first route mistake.
            const __RESULT: $crate::table::Unchecked<::core::result::Result<
                $crate::table::Built<{ __CAPS.patterns }, { __CAPS.nodes }, { __CAPS.slots }>,
                $crate::table::BuildError,
            >> = $crate::table::Unchecked::new($crate::table::try_build_in_caps(__ROUTES, __OPTS));
            /// How much of each array the table uses.
            const __SIZES: $crate::table::Sizes = match __RESULT.get() {
                ::core::result::Result::Ok(built) => built.sizes(),
                ::core::result::Result::Err(_) => $crate::table::Sizes::EMPTY,
            };
            // Only the used part of each array is kept.
            static __EXACT: $crate::table::Unchecked<$crate::table::Exact<
                { __SIZES.nodes },
                { __SIZES.edges },
                { __SIZES.slots },
                { __SIZES.disps },
                { __SIZES.params },
                { __SIZES.ends },
                { __SIZES.whole },
                { __SIZES.whole_slots },
                { __SIZES.whole_disps },
                { __SIZES.order },
            >> = $crate::table::Unchecked::new(match __RESULT.get() {
                ::core::result::Result::Ok(built) => built.exact(),
                ::core::result::Result::Err(_) => $crate::table::Exact::EMPTY,
            });
            match __RESULT.get() {
                ::core::result::Result::Ok(_) => __EXACT.get().table(),
                // A route mistake stops the build here, with the builder's message.
                ::core::result::Result::Err(e) => ::core::panic!("{}", e.as_str()),
            }
        };
    };
}
