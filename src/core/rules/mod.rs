//! The rules applied to a ledger's cases: the 办结时限 (deadline), the time limits of
//! 《信访工作条例》 (procedure), the closure check against a standard (closure) and the status moves
//! (workflow). They read the ledger and know nothing of files or screens.

pub mod closure;
pub mod deadline;
pub mod procedure;
pub mod workflow;
