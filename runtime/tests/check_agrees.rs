//! The check that `cargo check` runs (`flaxum::__private::check`, over the
//! routes in the item format) agrees with the table builder, which only a
//! build runs, on every route set the oracle generates: the same verdict
//! (a conflict, or none), the builder's bounds and sizes exactly, and the
//! sizes the builder's perfect hashes fill within the check's bounds. The
//! routes decoded from the items are the routes encoded, blueprints'
//! prefixes, names and middleware included.
//!
//! The items are written by `flaxum_grammar::item`, the encoder the route
//! macros call.

#[path = "oracle/gen.rs"]
#[allow(dead_code)]
mod gen;
#[path = "oracle/model.rs"]
#[allow(dead_code)]
mod model;
#[path = "oracle/reference.rs"]
#[allow(dead_code)]
mod reference;

use flaxum::__private::{
    check, matches_len, owners, route_defs, segments, texts, words, BuildError, Checked, Joined,
    Root,
};
use flaxum::route::{Converter, RouteDef, Segment};
use flaxum::table::{caps, try_build, BuildOptions, Built};
use flaxum::Matches;
use flaxum_grammar::item::{handler_item, mount, ItemConv, Route, RouteSeg};
use proptest::prelude::*;
use proptest::test_runner::{RngAlgorithm, TestCaseError};

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

/// The converter in the item format; a custom converter's class leaves
/// a place for its text, which `item_of` splices in.
fn item_conv(c: &Converter) -> ItemConv {
    match *c {
        Converter::Class { .. } => ItemConv::Custom,
        Converter::String { min, max } => ItemConv::String { min, max },
        Converter::Int {
            min,
            max,
            fixed_digits,
            signed,
        } => ItemConv::Int {
            min: Some(min),
            max: Some(max),
            fixed_digits,
            signed,
        },
        Converter::Float { min, max, signed } => ItemConv::Float { min, max, signed },
        Converter::Uuid => ItemConv::Uuid,
        Converter::Any(words) => ItemConv::Any(words.iter().map(|w| w.to_string()).collect()),
        _ => unreachable!("the oracle generates no other converter: {c:?}"),
    }
}

/// Whether the route's path is `"/"` and its static labels joined by `/`.
fn spelled(d: &RouteDef) -> bool {
    let mut written = String::new();
    for s in d.segments {
        match s {
            Segment::Static(l) => {
                written.push('/');
                written.push_str(l);
            }
            _ => return false,
        }
    }
    written == d.path
}

/// A handler's item holding the one route `d`.
fn item_of(d: &RouteDef, line: u32) -> &'static str {
    let segs = d
        .segments
        .iter()
        .map(|s| match s {
            Segment::Static(l) => RouteSeg::Static(l.to_string()),
            Segment::Param { name, conv } => RouteSeg::Param {
                name: name.to_string(),
                conv: item_conv(conv),
            },
            Segment::CatchAll { name } => RouteSeg::CatchAll {
                name: name.to_string(),
            },
        })
        .collect();
    let route = Route {
        methods: d.methods.bits(),
        strict_slashes: d.strict_slashes,
        spelled: spelled(d),
        segs,
        path: d.path,
        handler: d.handler,
        middleware: d.middleware,
        file: "routes.rs",
        line,
        column: 1,
    };
    let encoded = handler_item(&[route], &[], &[]);
    assert!(encoded.patches.is_empty());
    if encoded.inserts.is_empty() {
        return leak(encoded.text);
    }
    // The route attribute's const evaluation, at run time: each class's
    // text spliced in, and the byte counts that include them.
    let matches: Vec<Matches> = d
        .segments
        .iter()
        .filter_map(|s| match s {
            Segment::Param {
                conv: Converter::Class { chars, min, max },
                ..
            } => Some(Matches::chars(&class_text(*chars)).len(*min, *max)),
            _ => None,
        })
        .collect();
    let (at, values): (Vec<usize>, Vec<u128>) = encoded
        .lengths
        .iter()
        .map(|l| {
            let added: usize = l.inserts.iter().map(|&i| matches_len(&matches[i])).sum();
            (l.at, (l.bytes + added) as u128)
        })
        .unzip();
    let joined: &'static Joined<8192> = Box::leak(Box::new(Joined::splice(
        &encoded.text,
        &at,
        &values,
        &encoded.inserts,
        &matches,
    )));
    joined.as_str()
}

/// A class as `Matches::chars` takes it: its characters, `-` last.
fn class_text(chars: u128) -> String {
    let mut text: String = (0u8..128)
        .filter(|&c| chars >> c & 1 == 1 && c != b'-')
        .map(char::from)
        .collect();
    if chars >> b'-' & 1 == 1 {
        text.push('-');
    }
    text
}

/// A blueprint's item: its mount, then `items`.
fn blueprint_of(name: &str, prefix: &str, middleware: &str, items: &[&str]) -> &'static str {
    let labels: Vec<String> = prefix
        .split('/')
        .skip(1)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    let m = leak(mount(name, prefix, &labels, middleware));
    let joined: &'static Joined<8192> = Box::leak(Box::new(Joined::blueprint(m, items)));
    joined.as_str()
}

fn root(strict: bool, middleware: &str) -> Root {
    Root {
        mount: leak(mount("", "", &[], middleware)),
        strict_slashes: strict,
    }
}

/// The check of `items`, with generous working bounds.
#[allow(clippy::result_large_err)]
fn check_of(items: &[&'static str], root: Root) -> Result<Checked, BuildError> {
    let c = flaxum::__private::counts(items);
    assert!(
        c.patterns <= 1024 && c.nodes <= 4096,
        "test table too large: {c:?}"
    );
    check::<1024, 4096, 8192>(items, root)
}

/// The builder's sizes of `defs`, or its error.
fn built_of(defs: &'static [RouteDef], opts: BuildOptions) -> Result<flaxum::table::Sizes, String> {
    let c = caps(defs, opts);
    assert!(
        c.patterns <= 64 && c.nodes <= 512 && c.slots <= 8192,
        "{c:?}"
    );
    let built: Box<Result<Built<64, 512, 8192>, BuildError>> = Box::new(try_build(defs, opts));
    match &*built {
        Ok(b) => Ok(b.sizes()),
        Err(e) => Err(e.as_str().to_string()),
    }
}

/// The routes decoded from `items`, in order.
fn decoded(items: &[&'static str], root: Root, checked: &Checked) -> Vec<RouteDef> {
    let w: &'static [&'static str; 256] = Box::leak(Box::new(words::<256>(items)));
    let s: &'static [Segment; 1024] = Box::leak(Box::new(segments::<1024>(items, w)));
    let t: &'static Joined<8192> = Box::leak(Box::new(texts::<8192>(root, items)));
    let defs: [RouteDef; 256] = route_defs(root, items, s, t.as_str());
    assert!(t.as_str().len() == checked.text, "joined text");
    defs[..checked.routes].to_vec()
}

fn same_def(a: &RouteDef, b: &RouteDef) -> bool {
    a.methods == b.methods
        && a.path == b.path
        && format!("{:?}", a.segments) == format!("{:?}", b.segments)
        && a.handler == b.handler
        && a.strict_slashes == b.strict_slashes
        && a.blueprint == b.blueprint
        && a.middleware == b.middleware
}

/// Compares the check of `items` with the builder on `defs`, the same
/// routes, and the decoded routes with `defs`.
fn agree(
    items: &[&'static str],
    defs: &'static [RouteDef],
    strict: bool,
    middleware: &str,
) -> Result<(), String> {
    let root = root(strict, middleware);
    let opts = BuildOptions {
        strict_slashes: strict,
    };
    let checked = check_of(items, root);
    let built = built_of(defs, opts);
    match (&checked, &built) {
        (Ok(c), Ok(sizes)) => {
            let caps = caps(defs, opts);
            let same_caps = (c.caps.patterns, c.caps.nodes, c.caps.slots)
                == (caps.patterns, caps.nodes, caps.slots);
            let exact = (c.sizes.nodes, c.sizes.edges, c.sizes.params)
                == (sizes.nodes, sizes.edges, sizes.params)
                && (c.sizes.ends, c.sizes.order) == (sizes.ends, sizes.order);
            let within = sizes.slots <= c.sizes.slots
                && sizes.disps <= c.sizes.disps
                && sizes.whole <= c.sizes.whole
                && sizes.whole_slots <= c.sizes.whole_slots
                && sizes.whole_disps <= c.sizes.whole_disps;
            if !(same_caps && exact && within) {
                return Err(format!(
                    "sizes differ:\n  check: {c:?}\n  caps: {caps:?}\n  built: {sizes:?}"
                ));
            }
            if c.routes != defs.len() {
                return Err(format!("{} routes checked of {}", c.routes, defs.len()));
            }
            let back = decoded(items, root, c);
            for (i, (got, want)) in back.iter().zip(defs).enumerate() {
                if !same_def(got, want) {
                    return Err(format!("route {i} decodes as {got:?}, not {want:?}"));
                }
            }
            let own: [flaxum::__private::Owner; 256] = owners(items);
            if own[..defs.len()]
                .iter()
                .enumerate()
                .any(|(i, o)| o.handler as usize != i)
            {
                return Err("owners: one handler per route, in order".into());
            }
            Ok(())
        }
        (Err(e), Err(msg)) => {
            let (e, msg) = (e.as_str(), msg.as_str());
            let kind = |m: &str| m.split(':').next().unwrap_or("").to_string();
            if kind(e) != kind(msg) {
                return Err(format!("different errors:\n  check: {e}\n  builder: {msg}"));
            }
            Ok(())
        }
        (c, b) => Err(format!(
            "different verdicts:\n  check: {:?}\n  builder: {:?}",
            c.as_ref().map(|_| ()).map_err(|e| e.as_str().to_string()),
            b.as_ref().map(|_| ())
        )),
    }
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        rng_seed: proptest::test_runner::RngSeed::Fixed(0x0c4e_c4a6),
        failure_persistence: None,
        rng_algorithm: RngAlgorithm::XorShift,
        ..ProptestConfig::default()
    }
}

/// The handler indices named in a conflict message ("... (h3, ...) and ...").
fn named(message: &str) -> Vec<usize> {
    message
        .split("(h")
        .skip(1)
        .filter_map(|s| s.split([',', ')']).next()?.parse().ok())
        .collect()
}

proptest! {
    #![proptest_config(config(6_000))]

    /// Random route sets, conflicts and twins included: the check's verdict
    /// and sizes are the builder's, and a conflict it reports is one.
    #[test]
    fn the_check_agrees_with_the_builder(spec in gen::table(12)) {
        let ids: Vec<usize> = (0..spec.routes.len()).collect();
        let defs = model::defs(&spec.routes, &ids);
        let items: Vec<&'static str> = defs
            .iter()
            .enumerate()
            .map(|(i, d)| item_of(d, i as u32 + 1))
            .collect();
        if let Err(why) = agree(&items, defs, spec.strict, "") {
            return Err(TestCaseError::fail(format!("{why}\n  routes:\n{}", spec.describe())));
        }
        if let Err(e) = check_of(&items, root(spec.strict, "")) {
            let who = named(e.as_str());
            prop_assert!(
                who.len() == 2 && reference::conflicting_pair(&spec.routes, who[0], who[1]),
                "the check names routes {:?}, which do not conflict: {}\n{}",
                who, e.as_str(), spec.describe()
            );
        }
    }

    /// The same routes split between the app and a blueprint (its prefix
    /// in front of their paths): the check and the decoded routes agree
    /// with the builder on the routes as the blueprint mounts them.
    #[test]
    fn blueprints_agree_with_the_builder(
        spec in gen::table(10),
        split in 0usize..10,
        prefix in prop::sample::select(vec!["/a", "/ab/c", "/caf%C3%A9", "/abcdefghijklmnopq"]),
    ) {
        let ids: Vec<usize> = (0..spec.routes.len()).collect();
        let plain = model::defs(&spec.routes, &ids);
        let split = split.min(plain.len());
        let mut defs = plain.to_vec();
        let labels: Vec<&'static str> = prefix.split('/').skip(1).map(|l| leak(l.into())).collect();
        for d in &mut defs[split..] {
            let mut segs: Vec<Segment> = labels.iter().map(|l| Segment::Static(l)).collect();
            segs.extend_from_slice(d.segments);
            d.segments = Box::leak(segs.into_boxed_slice());
            d.path = leak(format!("{prefix}{}", d.path));
            d.blueprint = "bp";
            d.middleware = "auth";
        }
        let defs: &'static [RouteDef] = Box::leak(defs.into_boxed_slice());
        let mut items: Vec<&'static str> = plain[..split]
            .iter()
            .enumerate()
            .map(|(i, d)| item_of(d, i as u32 + 1))
            .collect();
        let inner: Vec<&'static str> = plain[split..]
            .iter()
            .enumerate()
            .map(|(i, d)| item_of(d, (split + i) as u32 + 1))
            .collect();
        items.push(blueprint_of("bp", prefix, "auth", &inner));
        if let Err(why) = agree(&items, defs, spec.strict, "") {
            return Err(TestCaseError::fail(format!(
                "{why}\n  prefix {prefix}, routes {split}.. in the blueprint:\n{}",
                spec.describe()
            )));
        }
    }
}

/// Nested blueprints and the app's middleware: the texts each route
/// joins (its full path, dotted name, middleware list).
#[test]
fn nested_blueprints_join_their_texts() {
    let route = |path: &'static str, segs: &'static [Segment], handler: &'static str| {
        let mut d = RouteDef::new(flaxum::Methods::GET, path, segs, handler);
        d.middleware = "";
        d
    };
    let users = route("/users", &[Segment::Static("users")], "users");
    let mut own_mw = route("/me", &[Segment::Static("me")], "me");
    own_mw.middleware = "login";
    let root_route = route("/", &[Segment::Static("")], "index");
    let items_v1 = [item_of(&users, 1), item_of(&own_mw, 2)];
    let v1 = blueprint_of("v1", "/v1", "", &items_v1);
    let api = blueprint_of("api", "/api", "limit", &[v1]);
    let items = [item_of(&root_route, 3), api];
    let root = root(true, "log");
    let checked = check_of(&items, root).expect("no conflict");
    let defs = decoded(&items, root, &checked);
    let got: Vec<(&str, &str, &str)> = defs
        .iter()
        .map(|d| (d.path, d.blueprint, d.middleware))
        .collect();
    assert_eq!(
        got,
        [
            ("/", "", "log"),
            ("/api/v1/users", "api.v1", "log, limit"),
            ("/api/v1/me", "api.v1", "log, limit, login"),
        ]
    );
    assert_eq!(
        format!("{:?}", defs[2].segments),
        r#"[Static("api"), Static("v1"), Static("me")]"#
    );
}

/// The check names a conflict's routes the same way whatever the order
/// the routes are listed in.
#[test]
fn conflict_messages_do_not_depend_on_order() {
    let a = RouteDef::new(
        flaxum::Methods::GET,
        "/:x",
        &[Segment::Param {
            name: "x",
            conv: Converter::PLAIN,
        }],
        "a",
    );
    let b = RouteDef::new(
        flaxum::Methods::GET,
        "/:y",
        &[Segment::Param {
            name: "y",
            conv: Converter::PLAIN,
        }],
        "b",
    );
    let (ia, ib) = (item_of(&a, 1), item_of(&b, 2));
    let one = check_of(&[ia, ib], root(true, "")).unwrap_err();
    let two = check_of(&[ib, ia], root(true, "")).unwrap_err();
    assert_eq!(one.as_str(), two.as_str());
    assert_eq!(
        one.as_str(),
        "route conflict: `GET /:x` (a, routes.rs:1) and `GET /:y` (b, routes.rs:2) match the same requests"
    );
}

/// The routes of a route set of `benches/routes` (one `METHOD /path` a
/// line), one handler each.
fn route_set(name: &str) -> &'static [RouteDef] {
    let text = std::fs::read_to_string(format!(
        "{}/../benches/routes/{name}.txt",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let defs: Vec<RouteDef> = text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .enumerate()
        .map(|(i, line)| {
            let (method, path) = line.split_once(' ').unwrap();
            let segs: Vec<Segment> = flaxum_grammar::parse(path)
                .unwrap()
                .into_iter()
                .map(|s| match s {
                    flaxum_grammar::Seg::Static { text, .. } => Segment::Static(leak(text)),
                    flaxum_grammar::Seg::Param { name, .. } => Segment::Param {
                        name: leak(name),
                        conv: Converter::PLAIN,
                    },
                    flaxum_grammar::Seg::CatchAll { name, .. } => {
                        Segment::CatchAll { name: leak(name) }
                    }
                })
                .collect();
            let m = flaxum::Methods::from_bits(
                1 << flaxum_grammar::METHODS
                    .iter()
                    .position(|x| *x == method)
                    .unwrap(),
            );
            RouteDef::new(
                m,
                leak(path.into()),
                Box::leak(segs.into_boxed_slice()),
                leak(format!("h{i}")),
            )
        })
        .collect();
    Box::leak(defs.into_boxed_slice())
}

/// The standard route sets (GitHub API, Parse, Google+, static), strict
/// and not: the check's sizes are the builder's.
#[test]
fn the_standard_route_sets_agree() {
    // Large working arrays: a thread with room for them.
    std::thread::Builder::new()
        .stack_size(512 << 20)
        .spawn(|| {
            for name in ["github", "parse", "gplus", "static"] {
                let defs = route_set(name);
                let items: Vec<&'static str> = defs
                    .iter()
                    .enumerate()
                    .map(|(i, d)| item_of(d, i as u32 + 1))
                    .collect();
                for strict in [true, false] {
                    let root = root(strict, "");
                    let opts = BuildOptions {
                        strict_slashes: strict,
                    };
                    let c = check::<16384, 65536, 131072>(&items, root)
                        .unwrap_or_else(|e| panic!("{name}: {}", e.as_str()));
                    let built: Box<Result<Built<512, 2048, 32768>, BuildError>> =
                        Box::new(try_build(defs, opts));
                    let sizes = match &*built {
                        Ok(b) => b.sizes(),
                        Err(e) => panic!("{name}: {}", e.as_str()),
                    };
                    let caps = caps(defs, opts);
                    assert_eq!(
                        (c.caps.patterns, c.caps.nodes, c.caps.slots),
                        (caps.patterns, caps.nodes, caps.slots),
                        "{name}"
                    );
                    assert_eq!(
                        (c.sizes.nodes, c.sizes.edges, c.sizes.params, c.sizes.ends),
                        (sizes.nodes, sizes.edges, sizes.params, sizes.ends),
                        "{name}, strict {strict}"
                    );
                    assert!(sizes.slots <= c.sizes.slots && sizes.disps <= c.sizes.disps);
                    assert!(sizes.whole <= c.sizes.whole);
                    // How much the bounds of the perfect hashes leave unused.
                    println!(
                        "{name} (strict {strict}): slots {} of {}, multipliers {} of {}, whole paths {} of {}",
                        sizes.slots, c.sizes.slots, sizes.disps, c.sizes.disps, sizes.whole, c.sizes.whole
                    );
                }
            }
        })
        .unwrap()
        .join()
        .unwrap();
}
