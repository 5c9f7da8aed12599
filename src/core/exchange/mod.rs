//! How a ledger leaves and enters the app: the JSON ledger file (json), the browser-local
//! records and journal, merging another unit's file, spreadsheet export and import (with the xlsx
//! reader and writer), packing for storage and the passphrase vault.

pub mod journal;
pub mod json;
pub mod json_path;
pub mod local;
pub mod merge;
pub mod packing;
pub mod table_export;
pub mod table_import;
pub mod vault;
pub mod xlsx;
