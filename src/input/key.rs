//! `KeyChord`: our own key type, so keymaps can be written, parsed, printed
//! and tested without a terminal. Conversion from crossterm lives here too,
//! and it is the one place where key *releases* are filtered out.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::fmt;

/// A key without modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Key {
    /// A printable character (shifted letters arrive as upper case).
    Char(char),
    /// Return.
    Enter,
    /// Escape.
    Esc,
    /// Tab.
    Tab,
    /// Shift-Tab.
    BackTab,
    /// Backspace.
    Backspace,
    /// Arrow up.
    Up,
    /// Arrow down.
    Down,
    /// Arrow left.
    Left,
    /// Arrow right.
    Right,
    /// Page up.
    PageUp,
    /// Page down.
    PageDown,
    /// Home.
    Home,
    /// End.
    End,
}

/// A key plus the modifiers that matter for bindings (Ctrl, Alt).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyChord {
    /// The key.
    pub key: Key,
    /// Control held.
    pub ctrl: bool,
    /// Alt held.
    pub alt: bool,
}

impl KeyChord {
    /// A chord with no modifiers.
    pub const fn plain(key: Key) -> Self {
        KeyChord {
            key,
            ctrl: false,
            alt: false,
        }
    }

    /// Parse `j`, `G`, `space`, `pgdn`, `ctrl-c`, `alt-x`, `+`, `-`.
    pub fn parse(s: &str) -> Option<KeyChord> {
        let mut ctrl = false;
        let mut alt = false;
        let mut rest = s;
        loop {
            // A lone "-" is the minus key, not a modifier separator.
            if let Some(r) = rest.strip_prefix("ctrl-").filter(|r| !r.is_empty()) {
                ctrl = true;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("alt-").filter(|r| !r.is_empty()) {
                alt = true;
                rest = r;
            } else {
                break;
            }
        }
        let key = match rest.to_ascii_lowercase().as_str() {
            "space" => Key::Char(' '),
            "enter" | "return" => Key::Enter,
            "esc" | "escape" => Key::Esc,
            "tab" => Key::Tab,
            "backtab" => Key::BackTab,
            "backspace" => Key::Backspace,
            "up" => Key::Up,
            "down" => Key::Down,
            "left" => Key::Left,
            "right" => Key::Right,
            "pgup" | "pageup" => Key::PageUp,
            "pgdn" | "pagedown" => Key::PageDown,
            "home" => Key::Home,
            "end" => Key::End,
            _ => {
                let mut chars = rest.chars();
                let c = chars.next()?;
                if chars.next().is_some() {
                    return None;
                }
                Key::Char(c)
            }
        };
        Some(KeyChord { key, ctrl, alt })
    }

    /// Convert a crossterm key event. Releases and repeats-as-release are
    /// dropped (kitty protocol terminals report them).
    pub fn from_event(ev: &KeyEvent) -> Option<KeyChord> {
        if ev.kind == KeyEventKind::Release {
            return None;
        }
        let key = match ev.code {
            KeyCode::Char(c) => Key::Char(c),
            KeyCode::Enter => Key::Enter,
            KeyCode::Esc => Key::Esc,
            KeyCode::Tab => Key::Tab,
            KeyCode::BackTab => Key::BackTab,
            KeyCode::Backspace => Key::Backspace,
            KeyCode::Up => Key::Up,
            KeyCode::Down => Key::Down,
            KeyCode::Left => Key::Left,
            KeyCode::Right => Key::Right,
            KeyCode::PageUp => Key::PageUp,
            KeyCode::PageDown => Key::PageDown,
            KeyCode::Home => Key::Home,
            KeyCode::End => Key::End,
            _ => return None,
        };
        // Shift is already folded into the character (`G`, `+`, `?`).
        Some(KeyChord {
            key,
            ctrl: ev.modifiers.contains(KeyModifiers::CONTROL),
            alt: ev.modifiers.contains(KeyModifiers::ALT),
        })
    }

    /// The chord as a hint in running text spells it (`Ctrl-T`, `Alt-X`,
    /// `Tab`, `j`); [`fmt::Display`] is the short form of the help's
    /// columns and the status bar (`C-t`).
    pub fn long_name(&self) -> String {
        let mut s = String::new();
        if self.ctrl {
            s.push_str("Ctrl-");
        }
        if self.alt {
            s.push_str("Alt-");
        }
        match self.key {
            Key::Char(c) if (self.ctrl || self.alt) && c.is_ascii_lowercase() => {
                s.push(c.to_ascii_uppercase());
            }
            key => s.push_str(&KeyChord::plain(key).to_string()),
        }
        s
    }
}

impl fmt::Display for KeyChord {
    /// Short ASCII names (`C-c`, `Space`, `PgDn`): arrows are spelled out
    /// because `↑↓←→` are ambiguous-width and would misalign help columns.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("C-")?;
        }
        if self.alt {
            f.write_str("M-")?;
        }
        let name = match self.key {
            Key::Char(' ') => "Space",
            Key::Char(c) => return write!(f, "{c}"),
            Key::Enter => "Enter",
            Key::Esc => "Esc",
            Key::Tab => "Tab",
            Key::BackTab => "S-Tab",
            Key::Backspace => "BS",
            Key::Up => "Up",
            Key::Down => "Down",
            Key::Left => "Left",
            Key::Right => "Right",
            Key::PageUp => "PgUp",
            Key::PageDown => "PgDn",
            Key::Home => "Home",
            Key::End => "End",
        };
        f.write_str(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_display_round_trip() {
        for (s, shown) in [
            ("j", "j"),
            ("G", "G"),
            ("space", "Space"),
            ("ctrl-c", "C-c"),
            ("-", "-"),
            ("+", "+"),
            ("pgdn", "PgDn"),
        ] {
            let chord = KeyChord::parse(s).expect(s);
            assert_eq!(chord.to_string(), shown);
        }
        assert_eq!(KeyChord::parse("ctrl-"), None);
        assert_eq!(KeyChord::parse("jj"), None);
    }

    #[test]
    fn long_names_for_hints() {
        for (s, long) in [
            ("ctrl-t", "Ctrl-T"),
            ("alt-x", "Alt-X"),
            ("ctrl-alt-s", "Ctrl-Alt-S"),
            ("tab", "Tab"),
            ("backtab", "S-Tab"),
            ("j", "j"),
            ("G", "G"),
            ("space", "Space"),
            ("ctrl-space", "Ctrl-Space"),
        ] {
            assert_eq!(KeyChord::parse(s).expect(s).long_name(), long, "{s}");
        }
    }

    #[test]
    fn shift_is_folded_into_char() {
        let ev = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(
            KeyChord::from_event(&ev),
            Some(KeyChord::plain(Key::Char('G')))
        );
    }
}
