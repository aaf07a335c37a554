//! The compile errors users see, pinned by trybuild.
//!
//! Each directory under `tests/ui/` holds one kind of case (`path/`,
//! `converters/`, `params/`, …), one error concept per file; every directory
//! but `pass/` holds programs that must fail to compile, and is picked up
//! here without a hand-kept list, so a new directory needs no change to this
//! file. `pass/` holds programs that must compile (and run).
//!
//! After a deliberate change of a message, regenerate the `.stderr` files
//! with `TRYBUILD=overwrite cargo test -p flaxum-ui-tests` and review the
//! diff. The `.stderr` files follow the toolchain pinned in
//! `rust-toolchain.toml`.

use std::path::Path;

#[test]
fn ui() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ui");
    let mut dirs: Vec<String> = std::fs::read_dir(&root)
        .expect("tests/ui exists")
        .map(|entry| entry.expect("readable tests/ui"))
        .filter(|entry| entry.file_type().is_ok_and(|t| t.is_dir()))
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    dirs.sort();
    let t = trybuild::TestCases::new();
    for dir in &dirs {
        let glob = format!("tests/ui/{dir}/*.rs");
        if dir == "pass" {
            t.pass(glob);
        } else {
            t.compile_fail(glob);
        }
    }
}
