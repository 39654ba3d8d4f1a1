//! What the run loop waits for: terminal events, loader results and
//! finished jobs and signals, on one channel.

use crate::app::jobs::Done;
use crate::archive::Entry;
use crate::state::IssueState;
use ratatui::crossterm::event::Event;

/// One thing the run loop waits for.
#[derive(Debug)]
pub enum Msg {
    /// A terminal event.
    Term(Event),
    /// A file finished loading: slot, result, its remembered state and a
    /// warning if that state was corrupt.
    Loaded(Box<(usize, Entry, IssueState, Option<String>)>),
    /// A background job finished.
    Done(Box<Done>),
    /// The terminal event source failed or ended.
    TermClosed,
    /// A signal from outside (`tui::signals`).
    Signal(i32),
    /// A rescan of the folder finished: the files it holds now (or why
    /// it could not be read).
    Rescanned(Result<Vec<std::path::PathBuf>, String>),
}
