//! What the builder fills (`Built`): fixed-size arrays of which the first
//! `n_*` entries are used, their used sizes (`Sizes`), and the same table
//! copied into arrays of exactly those sizes (`Exact`).

use super::phf::Layout;
use super::{Edge, End, Node, ParamEdge, Slot, Table, Whole, EMPTY_EDGE, NONE};
use crate::route::method::Methods;
use crate::route::{Converter, RouteDef};

/// The result of [`build`](super::build()): fixed-size arrays, of which the first `n_*`
/// entries are used. [`Built::table`] views them as a [`Table`].
///
/// Use it through [`table!`](crate::table!), which sizes it with [`caps`](super::caps).
#[derive(Debug)]
pub struct Built<const P: usize, const N: usize, const S: usize> {
    pub(super) routes: &'static [RouteDef],
    pub(super) nodes: [Node; N],
    pub(super) n_nodes: usize,
    pub(super) edges: [Edge; N],
    pub(super) n_edges: usize,
    pub(super) params: [ParamEdge; N],
    pub(super) n_params: usize,
    pub(super) ends: [End; P],
    pub(super) n_ends: usize,
    pub(super) slots: [SlotKey; S],
    pub(super) disps: [u64; N],
    pub(super) n_slots: usize,
    pub(super) n_disps: usize,
    pub(super) exhaustive: bool,
    pub(super) whole: [Whole; P],
    pub(super) n_whole: usize,
    pub(super) whole_slots: [u16; S],
    pub(super) whole_disps: [u64; N],
    pub(super) whole_layout: Option<Layout>,
    /// The routes' indices in match order, each route once: the first
    /// `routes.len()` entries are used.
    pub(super) order: [u16; P],
}

pub(super) const EMPTY_NODE: Node = Node {
    statics: 0,
    n_statics: 0,
    shift: 0,
    bucket_shift: 0,
    slots: 0,
    disps: 0,
    seed: 0,
    params: 0,
    n_params: 0,
    catch_all: NONE,
    end: NONE,
    slash: NONE,
    min_rank: 0,
    parent: NONE,
    via: 0,
    params_before: 0,
    escaped: false,
    first_param: NONE,
    first_plain: false,
};

pub(super) const EMPTY_WHOLE: Whole = Whole {
    text: &[],
    end: NONE,
};

/// A slot of a node's perfect hash as the builder lays it out: a
/// [`Slot`] without its copy of the child node, which only the final table
/// holds (a copy in every slot of the builder's generous bound would cost
/// the compiler more than the rest of the table).
#[derive(Clone, Copy, Debug)]
pub(super) struct SlotKey {
    pub(super) hash: u64,
    pub(super) hi: u64,
    pub(super) len: u16,
    pub(super) child: u16,
    pub(super) edge: u16,
}

pub(super) const EMPTY_KEY: SlotKey = SlotKey {
    hash: 0,
    hi: 0,
    len: u16::MAX,
    child: NONE,
    edge: NONE,
};

pub(super) const EMPTY_SLOT: Slot = slot(EMPTY_KEY, &[]);

/// The table's slot for `key`, with a copy of its child among `nodes`.
const fn slot(key: SlotKey, nodes: &[Node]) -> Slot {
    Slot {
        hash: key.hash,
        hi: key.hi,
        len: key.len,
        child: key.child,
        edge: key.edge,
        // A free slot's child is `NONE`.
        node: if (key.child as usize) < nodes.len() {
            nodes[key.child as usize]
        } else {
            EMPTY_NODE
        },
    }
}

pub(super) const EMPTY_PARAM: ParamEdge = ParamEdge {
    conv: Converter::PLAIN,
    child: NONE,
    plain: true,
};

pub(super) const EMPTY_END: End = End {
    methods: Methods::NONE,
    declared: Methods::NONE,
    routes: [NONE; 16],
    rank: 0,
    slash: false,
};

impl<const P: usize, const N: usize, const S: usize> Built<P, N, S> {
    /// Nothing built yet: the root node only.
    pub(super) const fn empty(routes: &'static [RouteDef]) -> Self {
        Built {
            routes,
            nodes: [EMPTY_NODE; N],
            n_nodes: 1,
            edges: [EMPTY_EDGE; N],
            n_edges: 0,
            params: [EMPTY_PARAM; N],
            n_params: 0,
            ends: [EMPTY_END; P],
            n_ends: 0,
            slots: [EMPTY_KEY; S],
            disps: [0; N],
            n_slots: 0,
            n_disps: 0,
            exhaustive: false,
            whole: [EMPTY_WHOLE; P],
            n_whole: 0,
            whole_slots: [NONE; S],
            whole_disps: [0; N],
            whole_layout: None,
            order: [NONE; P],
        }
    }

    /// The table over the used part of the arrays, for a table built at
    /// run time (in tests): its slots, which copy their child nodes, are
    /// allocated and leaked. A `static` table comes from
    /// [`exact`](Built::exact) instead, through [`table!`](crate::table!).
    pub fn table(&'static self) -> Table {
        let nodes = self.nodes.split_at(self.n_nodes).0;
        let slots: Vec<Slot> = self.slots[..self.n_slots]
            .iter()
            .map(|&key| slot(key, nodes))
            .collect();
        Table {
            routes: self.routes,
            nodes,
            edges: self.edges.split_at(self.n_edges).0,
            slots: Vec::leak(slots),
            disps: self.disps.split_at(self.n_disps).0,
            params: self.params.split_at(self.n_params).0,
            ends: self.ends.split_at(self.n_ends).0,
            exhaustive: self.exhaustive,
            whole: self.whole.split_at(self.n_whole).0,
            whole_slots: self.whole_slots.split_at(self.sizes().whole_slots).0,
            whole_disps: self.whole_disps.split_at(self.sizes().whole_disps).0,
            whole_shift: self.whole_shifts().0,
            whole_bucket_shift: self.whole_shifts().1,
            whole_lens: lengths(self.whole.split_at(self.n_whole).0),
            order: self.order.split_at(self.routes.len()).0,
        }
    }

    /// The shifts of the whole-path hash (0 when there is none).
    const fn whole_shifts(&self) -> (u8, u8) {
        match self.whole_layout {
            Some(l) => (l.shift, l.bucket_shift),
            None => (0, 0),
        }
    }

    /// The used length of each array.
    pub const fn sizes(&self) -> Sizes {
        let (whole_slots, whole_disps) = match self.whole_layout {
            Some(l) => (l.slots, l.disps),
            None => (0, 0),
        };
        Sizes {
            nodes: self.n_nodes,
            edges: self.n_edges,
            slots: self.n_slots,
            disps: self.n_disps,
            params: self.n_params,
            ends: self.n_ends,
            whole: self.n_whole,
            whole_slots,
            whole_disps,
            order: self.routes.len(),
        }
    }

    /// A copy holding only the used part of each array (the lengths are
    /// [`Built::sizes`]), which is what a `static` table keeps: the
    /// builder's upper bounds never reach the binary.
    #[allow(clippy::type_complexity)]
    pub const fn exact<
        const NN: usize,
        const NE: usize,
        const NS: usize,
        const ND: usize,
        const NP: usize,
        const NEND: usize,
        const NW: usize,
        const NWS: usize,
        const NWD: usize,
        const NR: usize,
    >(
        &self,
    ) -> Exact<NN, NE, NS, ND, NP, NEND, NW, NWS, NWD, NR> {
        Exact {
            routes: self.routes,
            nodes: prefix(&self.nodes),
            edges: prefix(&self.edges),
            slots: self.exact_slots(),
            disps: prefix(&self.disps),
            params: prefix(&self.params),
            ends: prefix(&self.ends),
            exhaustive: self.exhaustive,
            whole: prefix(&self.whole),
            whole_slots: prefix(&self.whole_slots),
            whole_disps: prefix(&self.whole_disps),
            whole_shift: self.whole_shifts().0,
            whole_bucket_shift: self.whole_shifts().1,
            whole_lens: lengths(self.whole.split_at(self.n_whole).0),
            order: prefix(&self.order),
        }
    }

    /// The first `NS` slots, each with a copy of its child node.
    const fn exact_slots<const NS: usize>(&self) -> [Slot; NS] {
        let mut slots = [EMPTY_SLOT; NS];
        let mut i = 0;
        while i < NS {
            // [`slot`], written out: a call per slot costs const evaluation
            // more than the copy.
            let key = self.slots[i];
            slots[i] = Slot {
                hash: key.hash,
                hi: key.hi,
                len: key.len,
                child: key.child,
                edge: key.edge,
                node: if (key.child as usize) < self.n_nodes {
                    self.nodes[key.child as usize]
                } else {
                    EMPTY_NODE
                },
            };
            i += 1;
        }
        slots
    }
}

/// The lengths of the fully static paths as a set of bits: bit `n` for a
/// path of `n` bytes, bit 63 for any of 63 or more. A request path whose
/// length is not in it misses the whole-path table without a hash.
const fn lengths(whole: &[Whole]) -> u64 {
    let mut set = 0u64;
    let mut i = 0;
    let n_whole_len = whole.len();
    while i < n_whole_len {
        let n = whole[i].text.len();
        set |= 1 << if n < 63 { n } else { 63 };
        i += 1;
    }
    set
}

/// The first `K` items of `a` (`K` ≤ its length).
const fn prefix<T: Copy, const K: usize, const L: usize>(a: &[T; L]) -> [T; K] {
    match a.split_first_chunk::<K>() {
        Some((head, _)) => *head,
        None => panic!("flaxum: prefix longer than the array"),
    }
}

/// The used length of each array of a [`Built`] table.
#[derive(Clone, Copy, Debug)]
pub struct Sizes {
    /// Nodes.
    pub nodes: usize,
    /// Static edges.
    pub edges: usize,
    /// Perfect-hash slots of the nodes.
    pub slots: usize,
    /// Perfect-hash multipliers of the nodes.
    pub disps: usize,
    /// Parameter edges.
    pub params: usize,
    /// Ends.
    pub ends: usize,
    /// Fully static paths.
    pub whole: usize,
    /// Their perfect-hash slots.
    pub whole_slots: usize,
    /// Their perfect-hash multipliers.
    pub whole_disps: usize,
    /// The match order: one entry per route.
    pub order: usize,
}

impl Sizes {
    /// All empty: the sizes of a table that failed to build.
    pub const EMPTY: Sizes = Sizes {
        nodes: 0,
        edges: 0,
        slots: 0,
        disps: 0,
        params: 0,
        ends: 0,
        whole: 0,
        whole_slots: 0,
        whole_disps: 0,
        order: 0,
    };
}

/// A built table with arrays of exactly the used lengths; see
/// [`Built::exact`]. [`table!`](crate::table!) keeps one in a `static`.
#[derive(Debug)]
pub struct Exact<
    const NN: usize,
    const NE: usize,
    const NS: usize,
    const ND: usize,
    const NP: usize,
    const NEND: usize,
    const NW: usize,
    const NWS: usize,
    const NWD: usize,
    const NR: usize,
> {
    routes: &'static [RouteDef],
    nodes: [Node; NN],
    edges: [Edge; NE],
    slots: [Slot; NS],
    disps: [u64; ND],
    params: [ParamEdge; NP],
    ends: [End; NEND],
    exhaustive: bool,
    whole: [Whole; NW],
    whole_slots: [u16; NWS],
    whole_disps: [u64; NWD],
    whole_shift: u8,
    whole_bucket_shift: u8,
    whole_lens: u64,
    order: [u16; NR],
}

impl<
        const NN: usize,
        const NE: usize,
        const NS: usize,
        const ND: usize,
        const NP: usize,
        const NEND: usize,
        const NW: usize,
        const NWS: usize,
        const NWD: usize,
        const NR: usize,
    > Exact<NN, NE, NS, ND, NP, NEND, NW, NWS, NWD, NR>
{
    /// A table with nothing in it, standing in for one that failed to
    /// build (whose error stops the compilation).
    pub const EMPTY: Self = Exact {
        routes: &[],
        nodes: [EMPTY_NODE; NN],
        edges: [EMPTY_EDGE; NE],
        slots: [EMPTY_SLOT; NS],
        disps: [0; ND],
        params: [EMPTY_PARAM; NP],
        ends: [EMPTY_END; NEND],
        exhaustive: false,
        whole: [EMPTY_WHOLE; NW],
        whole_slots: [NONE; NWS],
        whole_disps: [0; NWD],
        whole_shift: 0,
        whole_bucket_shift: 0,
        whole_lens: 0,
        order: [NONE; NR],
    };

    /// The table over the arrays.
    pub const fn table(&'static self) -> Table {
        Table {
            routes: self.routes,
            nodes: &self.nodes,
            edges: &self.edges,
            slots: &self.slots,
            disps: &self.disps,
            params: &self.params,
            ends: &self.ends,
            exhaustive: self.exhaustive,
            whole: &self.whole,
            whole_slots: &self.whole_slots,
            whole_disps: &self.whole_disps,
            whole_shift: self.whole_shift,
            whole_bucket_shift: self.whole_bucket_shift,
            whole_lens: self.whole_lens,
            order: &self.order,
        }
    }
}

/// The built table in arrays of the sizes `sizes`, which the check of the
/// same routes gave: [`Built::exact`], after checking that the table
/// fits. The check finds every route mistake first, so an error here is
/// flaxum's own.
#[allow(clippy::type_complexity)]
pub const fn exact_of<
    const P: usize,
    const N: usize,
    const S: usize,
    const NN: usize,
    const NE: usize,
    const NS: usize,
    const ND: usize,
    const NP: usize,
    const NEND: usize,
    const NW: usize,
    const NWS: usize,
    const NWD: usize,
    const NR: usize,
>(
    built: &Result<Built<P, N, S>, super::BuildError>,
    sizes: Sizes,
) -> Exact<NN, NE, NS, ND, NP, NEND, NW, NWS, NWD, NR> {
    let b = match built {
        Ok(b) => b,
        Err(e) => panic!("{}", e.as_str()),
    };
    let used = b.sizes();
    let exact = used.nodes == sizes.nodes
        && used.edges == sizes.edges
        && used.params == sizes.params
        && used.ends == sizes.ends
        && used.order == sizes.order;
    let within = used.slots <= sizes.slots
        && used.disps <= sizes.disps
        && used.whole <= sizes.whole
        && used.whole_slots <= sizes.whole_slots
        && used.whole_disps <= sizes.whole_disps;
    if !exact || !within {
        panic!(
            "flaxum: the route check and the table builder disagree on the table's size; this is a bug of flaxum, please report it with the routes"
        );
    }
    b.exact()
}
