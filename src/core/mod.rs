//! The pure core: plain Rust with no browser types, unit-tested natively with `cargo test`.

pub mod closure;
pub mod draft;
pub mod exchange;
pub mod model;
pub mod packet;
pub mod query;
