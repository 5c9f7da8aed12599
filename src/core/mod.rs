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

// The layers, bottom first. A module uses its own layer and those below it, never one above,
// and the modules of a layer do not use each other in a cycle (tests/layers.rs checks both).
pub mod exchange;
pub mod ledger;
pub mod reports;
pub mod rules;
