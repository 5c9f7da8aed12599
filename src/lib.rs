//! 信访积案台账 — a ledger of backlog petition cases that runs from one HTML file.
//!
//! `core` holds every domain rule as plain Rust; `storage` and `ui` are the browser shell and
//! exist only in the WebAssembly build.

pub mod core;

#[cfg(target_arch = "wasm32")]
mod storage;
#[cfg(target_arch = "wasm32")]
mod ui;
