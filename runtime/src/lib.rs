//! flaxum: Flask's routing syntax on a compile-time routing table.
#![forbid(unsafe_code)]

mod bytes;
mod convert;
pub mod method;
pub mod route;
pub mod table;

pub use method::Methods;
