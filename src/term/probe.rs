//! Probing the terminal's width for ambiguous-width characters: print `“`
//! at a known column and read the cursor position back (a CPR query). Only
//! for `ambiguous_width = "auto"`; runs once at start-up, in raw mode.

use crate::text::width::AmbiguousWidth;
use ratatui::crossterm::cursor::{MoveTo, position};
use ratatui::crossterm::execute;
use ratatui::crossterm::style::Print;
use ratatui::crossterm::terminal::{Clear, ClearType};
use std::io::{self, stdout};
use std::sync::mpsc;
use std::time::Duration;

/// How long to wait for the terminal's answer.
pub const PROBE_TIMEOUT: Duration = Duration::from_millis(200);

/// The probe glyph: U+201C, the most common ambiguous-width character in
/// Chinese text.
pub const PROBE_GLYPH: &str = "\u{201c}";

/// The width the terminal drew the glyph with, from the cursor column
/// before and after printing it; `None` for an answer that makes no sense.
pub fn width_from_columns(before: u16, after: u16) -> Option<AmbiguousWidth> {
    match after.checked_sub(before)? {
        1 => Some(AmbiguousWidth::Narrow),
        2 => Some(AmbiguousWidth::Wide),
        _ => None,
    }
}

/// Ask the terminal (which must be in raw mode, on the alternate screen)
/// how wide it draws `“`. `None` when it does not answer within
/// [`PROBE_TIMEOUT`] or answers nonsense; the caller falls back to 1.
///
/// crossterm's `cursor::position` waits up to 2 s, so it runs on a helper
/// thread and we stop waiting after `PROBE_TIMEOUT`. If the terminal never
/// answers, that thread holds crossterm's event reader until its own
/// timeout, which only delays the first keypress (nothing is lost).
pub fn probe_ambiguous_width() -> Option<AmbiguousWidth> {
    execute!(stdout(), MoveTo(0, 0), Print(PROBE_GLYPH)).ok()?;
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(position());
    });
    let answer: Option<io::Result<(u16, u16)>> = rx.recv_timeout(PROBE_TIMEOUT).ok();
    // Leave no trace of the probe on screen.
    let _ = execute!(stdout(), MoveTo(0, 0), Clear(ClearType::All));
    let (col, row) = answer?.ok()?;
    if row != 0 {
        return None;
    }
    width_from_columns(0, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_to_width() {
        assert_eq!(width_from_columns(0, 1), Some(AmbiguousWidth::Narrow));
        assert_eq!(width_from_columns(0, 2), Some(AmbiguousWidth::Wide));
        assert_eq!(width_from_columns(0, 0), None);
        assert_eq!(width_from_columns(5, 3), None);
        assert_eq!(width_from_columns(0, 7), None);
    }
}
