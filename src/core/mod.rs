//! The pure core: plain Rust with no browser types, unit-tested natively with `cargo test`.

/// Declares a closed set of domain values whose JSON form is their Chinese name.
macro_rules! chinese_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $label:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, ::serde::Serialize, ::serde::Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $label)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub const LABELS: &'static [&'static str] = &[$($label),+];

            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            pub fn from_label(label: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|v| v.label() == label.trim())
            }
        }
    };
}

pub mod campaign;
pub mod closure;
pub mod draft;
pub mod exchange;
pub mod fields;
pub mod journal;
pub mod limits;
pub mod local;
pub mod merge;
pub mod model;
pub mod packet;
pub mod packing;
pub mod print;
pub mod procedure;
pub mod query;
pub mod report;
pub mod stats;
pub mod table_export;
pub mod table_import;
pub mod text;
pub mod vault;
pub mod window;
pub mod workflow;
pub mod xlsx;
