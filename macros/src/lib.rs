//! The route attribute macros of flaxum; use them through the `flaxum` crate.
