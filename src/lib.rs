//! kanbao (看报): a terminal reader for Chinese newspaper issues.
//!
//! The crate is a library with a thin binary on top, so every part — the
//! loader, the CJK wrapper, search and the UI state machine — is testable
//! without a terminal.
//!
//! - [`loader`] turns raw bytes into an [`model::Issue`];
//! - [`text`] measures and wraps CJK text for the reading pane;
//! - [`search`] finds text, pinyin initials and words;
//! - [`app`] is the reader's state and `update` (no I/O), [`ui`] draws it,
//!   [`tui`] is the terminal shell that runs it;
//! - docs/architecture.md says what each module owns and may import.
#![forbid(unsafe_code)]

// First, so that `tr!` is in scope in every module below.
#[macro_use]
pub mod lang;
pub mod archive;
pub mod cli;
pub mod config;
pub mod export;
pub mod loader;
pub mod model;
pub mod search;
pub mod share;
pub mod state;
pub mod text;

/// The bundled sample issue (page one of a city daily), embedded so that
/// `kanbao` with no arguments always has something to show.
pub const SAMPLE_NAME: &str = "000_0c3d2c04bd8aa6d3.txt";
/// The bytes of the bundled sample issue.
pub const SAMPLE_BYTES: &[u8] = include_bytes!("../assets/sample.txt");

pub mod action;
pub mod app;
pub mod input;
pub mod layout;
pub mod term;
pub mod theme;
pub mod tui;
pub mod ui;
