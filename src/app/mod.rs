//! Reader application state. `App` holds everything the screen shows; the
//! reading position is its `ReaderView` (`reader_view.rs`), which owns
//! opening, scrolling, revealing and restoring it. `update` (in
//! `update.rs`) changes the state and performs no I/O; the run loop
//! (`tui::run`) is the only place that touches the terminal.

pub mod article_layout;
pub mod background;
pub mod blocks;
pub mod help_text;
pub mod issues;
pub mod jobs;
pub mod pages;
pub mod picker;
pub mod reader_view;
pub mod search_edit;
pub mod search_jobs;
pub mod search_keys;
pub mod search_nav;
pub mod search_state;
pub mod share;
pub mod shelf;
mod shelf_files;
pub mod state;
pub mod update;
pub mod wrap_cache;

pub use state::{App, MAX_MEASURE, MIN_MEASURE, ReaderOptions};
