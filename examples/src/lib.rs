//! Runnable flaxum apps; see the `[[example]]`s.

#[path = "../blog/app.rs"]
pub mod blog;
pub mod password;
#[path = "../realworld/conduit/mod.rs"]
pub mod realworld;
