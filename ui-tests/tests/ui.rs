//! The compile errors users see, pinned by trybuild.
//!
//! Each directory under `tests/ui/` holds one kind of case, one error concept
//! per file; `pass/` holds programs that must compile. After a deliberate
//! change of a message, regenerate the `.stderr` files with
//! `TRYBUILD=overwrite cargo test -p flaxum-ui-tests` and review the diff.
//! The `.stderr` files follow the toolchain pinned in `rust-toolchain.toml`.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.pass("tests/ui/pass/*.rs");
    t.compile_fail("tests/ui/conflict/*.rs");
}
