//! The terminal shell above `app`: start-up (`start`: the state store, the
//! config file and the flags, the reader for a file, the sample or a
//! folder), the run loop (`run`) with its terminal reader (`term_reader`)
//! and background loading, signals (`signals`), and the host of the clipboard and the pager
//! (`host`). Everything the reader does with the terminal, the disk,
//! processes and threads is here or below (`term`, `state`, `archive`);
//! `app` is the state this shell drives, and does no I/O.

pub mod configure;
pub mod host;
pub mod msg;
pub mod run;
pub mod signals;
pub mod start;
pub mod term_reader;

pub use start::{ReaderArgs, main};
