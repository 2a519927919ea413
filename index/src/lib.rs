//! The `trustdraft` command line: reads files, hands their text to `trustdraft-core`, prints
//! text or JSON. All the work is in the core; this crate does the I/O.

mod cli;
mod output;

pub use cli::run;
