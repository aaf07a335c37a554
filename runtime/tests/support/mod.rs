//! Test support: routing tables built at run time from route strings, with
//! the same grammar crate the macros use and the same builder the compiler
//! runs for `routes!`.
#![allow(dead_code)]

use flaxum::route::{Converter, RouteDef, Segment};
use flaxum::table::{build, BuildOptions, Built, Lookup, Table};
use flaxum::Methods;
use flaxum_grammar::{Conv, Seg};

/// Leaks a value so a test table can point at it for `'static`.
fn leak<T>(v: T) -> &'static T {
    Box::leak(Box::new(v))
}

fn leak_str(s: &str) -> &'static str {
    Box::leak(s.to_owned().into_boxed_str())
}

/// The runtime converter of a parsed one (what the macros emit as tokens).
pub fn converter(conv: &Conv) -> Converter {
    match conv {
        Conv::String { min, max } => Converter::String {
            min: *min,
            max: *max,
        },
        Conv::Int {
            min,
            max,
            fixed_digits,
            signed,
        } => Converter::int(*min, *max, *fixed_digits, *signed),
        Conv::Float { min, max, signed } => Converter::float(*min, *max, *signed),
        Conv::Uuid => Converter::Uuid,
        Conv::Any(words) => {
            let words: Vec<&'static str> = words.iter().map(|w| leak_str(w)).collect();
            Converter::Any(Box::leak(words.into_boxed_slice()))
        }
        Conv::Custom(name) => panic!("`{name}`: a custom converter needs its type"),
    }
}

/// A descriptor for `METHODS path` (methods comma-separated).
pub fn route(methods: &str, path: &str, handler: &str) -> RouteDef {
    let segs =
        flaxum_grammar::parse(path).unwrap_or_else(|e| panic!("{path}: {}", e[0].render(path)));
    let segments: Vec<Segment> = segs
        .iter()
        .map(|s| match s {
            Seg::Static { text, .. } => Segment::Static(leak_str(text)),
            Seg::Param { name, conv, .. } => Segment::Param {
                name: leak_str(name),
                conv: converter(conv),
            },
            Seg::CatchAll { name, .. } => Segment::CatchAll {
                name: leak_str(name),
            },
        })
        .collect();
    let methods = methods
        .split(',')
        .map(|m| Methods::from_name(m.trim().as_bytes()))
        .fold(Methods::NONE, Methods::union);
    assert!(!methods.is_empty(), "bad methods {methods:?}");
    RouteDef::new(
        methods,
        leak_str(path),
        Box::leak(segments.into_boxed_slice()),
        leak_str(handler),
    )
}

/// Builds a table at run time (the const builder, called as a plain fn).
/// Small tables build on the test's own stack; large ones (whose work
/// arrays would not fit it) on a thread with a large stack.
pub fn table_of(routes: Vec<RouteDef>, opts: BuildOptions) -> &'static Table {
    let routes: &'static [RouteDef] = Box::leak(routes.into_boxed_slice());
    let caps = flaxum::table::caps(routes, opts);
    if caps.patterns <= 64 && caps.nodes <= 512 && caps.slots <= 4096 {
        let built: &'static Built<64, 512, 4096> = leak(build(routes, opts));
        return leak(built.table());
    }
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || {
            let built: &'static Built<2048, 8192, 65536> = leak(build(routes, opts));
            leak(built.table())
        })
        .expect("spawn a builder thread")
        .join()
        .unwrap_or_else(|e| std::panic::resume_unwind(e))
}

/// A table of `(methods, path, handler)` rows.
pub fn table(rows: &[(&str, &str, &str)]) -> &'static Table {
    table_of(
        rows.iter().map(|(m, p, h)| route(m, p, h)).collect(),
        BuildOptions::DEFAULT,
    )
}

/// A readable verdict: `handler [params…]`, `redirect handler [...] -> /location`,
/// `405 GET, HEAD` or `404`.
pub fn verdict(t: &Table, method: &str, path: &str) -> String {
    let m = Methods::from_name(method.as_bytes());
    let values = |m: &flaxum::table::Match| -> Vec<String> {
        m.params()
            .iter()
            .map(|r| String::from_utf8_lossy(&path.as_bytes()[r]).into_owned())
            .collect()
    };
    match t.lookup(m, path.as_bytes()) {
        Lookup::Found(found) => {
            format!("{} {:?}", t.route(found.route()).handler, values(&found))
        }
        Lookup::Redirect(found) => {
            let mut location = String::new();
            t.render(&found, path.as_bytes(), &mut location);
            format!("redirect {location}")
        }
        Lookup::MethodNotAllowed(allowed) => format!("405 {allowed}"),
        Lookup::NotFound => "404".to_owned(),
    }
}

/// Asserts a list of `(method, path, expected verdict)` against a table.
pub fn check(t: &Table, cases: &[(&str, &str, &str)]) {
    let mut failures = Vec::new();
    for (method, path, want) in cases {
        let got = verdict(t, method, path);
        if got != *want {
            failures.push(format!("{method} {path}: want `{want}`, got `{got}`"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
