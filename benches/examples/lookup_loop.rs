//! Looks up every request of one route set many times over, for counting
//! instructions per lookup under callgrind (this machine has no hardware
//! counters for `perf stat`):
//!
//! ```sh
//! cargo build --release -p flaxum-benches --example lookup_loop
//! valgrind --tool=callgrind ./target/release/examples/lookup_loop github 2000
//! ```
//!
//! The total divided by `passes × requests` is the instructions per lookup
//! (the loop's own share is a few percent). `DUMP=1` prints the set's table
//! instead.
#![forbid(unsafe_code)]

use std::hint::black_box;

use flaxum::table::Lookup;

fn main() {
    let mut args = std::env::args().skip(1);
    let name = args.next().unwrap_or_else(|| "github".to_string());
    let passes: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(2000);
    let Some(set) = flaxum_benches::SETS.iter().find(|s| s.name == name) else {
        eprintln!("no route set {name:?}: github, parse, gplus or static");
        std::process::exit(2);
    };
    if std::env::var_os("DUMP").is_some() {
        println!("{:#?}", set.table);
        return;
    }
    let mut found = 0usize;
    for _ in 0..passes {
        for req in set.requests {
            let answer = set
                .table
                .lookup(black_box(req.method), black_box(req.path.as_bytes()));
            // The answer must exist whole, as in the criterion benchmark:
            // a caller that only looks at its variant lets the compiler drop
            // the writes of the captures.
            found += usize::from(matches!(black_box(&answer), Lookup::Found(_)));
        }
    }
    println!(
        "{found} of {} lookups found a route",
        passes * set.requests.len()
    );
}
