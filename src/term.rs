//! The terminal seam: setup and restore (on quit, error and panic; on
//! signals through `tui::signals` and the run loop), the ambiguous-width probe, and key events from keymap key names
//! (for tests and benches). Reading events is `tui::term_reader`; nothing
//! else in the crate touches the tty.

use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, Event,
    KeyCode, KeyEvent, KeyModifiers,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use std::io::{self, stdout};
use std::sync::Once;

mod probe;
pub use probe::{PROBE_TIMEOUT, probe_ambiguous_width, width_from_columns};

/// A key-press event for a keymap key name (`j`, `space`, `ctrl-c`).
pub fn key_event(name: &str) -> Option<Event> {
    use crate::input::key::{Key, KeyChord};
    let chord = KeyChord::parse(name)?;
    let code = match chord.key {
        Key::Char(c) => KeyCode::Char(c),
        Key::Enter => KeyCode::Enter,
        Key::Esc => KeyCode::Esc,
        Key::Tab => KeyCode::Tab,
        Key::BackTab => KeyCode::BackTab,
        Key::Backspace => KeyCode::Backspace,
        Key::Up => KeyCode::Up,
        Key::Down => KeyCode::Down,
        Key::Left => KeyCode::Left,
        Key::Right => KeyCode::Right,
        Key::PageUp => KeyCode::PageUp,
        Key::PageDown => KeyCode::PageDown,
        Key::Home => KeyCode::Home,
        Key::End => KeyCode::End,
    };
    let mut mods = KeyModifiers::empty();
    if chord.ctrl {
        mods |= KeyModifiers::CONTROL;
    }
    if chord.alt {
        mods |= KeyModifiers::ALT;
    }
    Some(Event::Key(KeyEvent::new(code, mods)))
}

/// Put the terminal in reader mode: raw, alternate screen, mouse capture,
/// bracketed paste. Installs the panic hook first, so a failure half-way
/// still restores.
pub fn setup() -> io::Result<()> {
    install_panic_hook();
    enable_raw_mode()?;
    execute!(
        stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )?;
    Ok(())
}

/// Undo `setup`. Safe to call more than once and from any thread; every
/// step is attempted even if an earlier one fails.
pub fn restore() -> io::Result<()> {
    let a = execute!(
        stdout(),
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        ratatui::crossterm::cursor::Show
    );
    let b = disable_raw_mode();
    a.and(b)
}

fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            // Restore first so the panic message lands on a sane screen.
            let _ = restore();
            previous(info);
        }));
    });
}
