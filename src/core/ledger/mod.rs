//! The ledger itself, at the bottom: the case model and the settings stored with it, the closure
//! packet's documents, the field list, the text toolkit, the limits on every value and the case
//! form's draft. It uses nothing above it.

pub mod campaign;
pub mod campaign_draft;
pub mod draft;
pub mod fields;
pub mod limits;
pub mod model;
pub mod packet;
pub mod sorting;
pub mod text;
#[cfg(test)]
pub mod wording;
