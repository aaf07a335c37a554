//! Compile-fail and compile-pass cases of flaxum, run by `tests/ui.rs`.
