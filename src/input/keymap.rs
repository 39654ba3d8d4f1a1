//! The keymap: one table of (context, chord) → action. The defaults are
//! data (`DEFAULT_BINDINGS`, names as a user config file will spell them),
//! and the help overlay and status-bar hints are generated from the same
//! table, so they can never disagree with what the keys do.

use super::key::KeyChord;
use crate::app::action::Action;

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    /// Both panes (list and reading pane); `update` interprets movement
    /// according to focus.
    Main,
    /// The help overlay is open.
    Help,
}

impl Context {
    /// The section name used in keymap data and in the help overlay.
    pub fn name(self) -> &'static str {
        match self {
            Context::Main => "main",
            Context::Help => "help",
        }
    }
}

/// One binding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binding {
    /// Where it applies.
    pub context: Context,
    /// The key.
    pub chord: KeyChord,
    /// What it does.
    pub action: Action,
}

/// The default bindings: `(context, key, action)`, in help order.
pub const DEFAULT_BINDINGS: &[(&str, &str, &str)] = &[
    ("main", "j", "down"),
    ("main", "down", "down"),
    ("main", "k", "up"),
    ("main", "up", "up"),
    ("main", "space", "page_down"),
    ("main", "pgdn", "page_down"),
    ("main", "b", "page_up"),
    ("main", "pgup", "page_up"),
    ("main", "g", "top"),
    ("main", "home", "top"),
    ("main", "G", "bottom"),
    ("main", "end", "bottom"),
    ("main", "enter", "open"),
    ("main", "tab", "toggle_focus"),
    ("main", "h", "focus_list"),
    ("main", "left", "focus_list"),
    ("main", "esc", "focus_list"),
    ("main", "l", "focus_reader"),
    ("main", "right", "focus_reader"),
    ("main", "]", "next_article"),
    ("main", "J", "next_article"),
    ("main", "[", "prev_article"),
    ("main", "K", "prev_article"),
    ("main", "+", "wider"),
    ("main", "=", "wider"),
    ("main", "-", "narrower"),
    ("main", "p", "toggle_punct"),
    ("main", "s", "toggle_spacing"),
    ("main", "?", "help"),
    ("main", "q", "quit"),
    ("main", "ctrl-c", "quit"),
    ("help", "j", "down"),
    ("help", "down", "down"),
    ("help", "k", "up"),
    ("help", "up", "up"),
    ("help", "esc", "close_help"),
    ("help", "?", "close_help"),
    ("help", "q", "close_help"),
    ("help", "ctrl-c", "quit"),
];

/// The live keymap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        let (map, errors) = Keymap::from_table(DEFAULT_BINDINGS);
        debug_assert!(errors.is_empty(), "default keymap: {errors:?}");
        map
    }
}

impl Keymap {
    /// Build a keymap from `(context, key, action)` names. Bad rows are
    /// skipped and reported, never fatal: a typo in a config file must not
    /// stop the reader from starting.
    pub fn from_table(rows: &[(&str, &str, &str)]) -> (Keymap, Vec<String>) {
        let mut bindings = Vec::new();
        let mut errors = Vec::new();
        for &(ctx, key, action) in rows {
            let context = match ctx {
                "main" => Context::Main,
                "help" => Context::Help,
                _ => {
                    errors.push(format!("unknown context `{ctx}`"));
                    continue;
                }
            };
            let Some(chord) = KeyChord::parse(key) else {
                errors.push(format!("unknown key `{key}`"));
                continue;
            };
            let Some(action) = Action::from_name(action) else {
                errors.push(format!("unknown action `{action}`"));
                continue;
            };
            // Later rows override earlier ones for the same chord.
            bindings.retain(|b: &Binding| !(b.context == context && b.chord == chord));
            bindings.push(Binding {
                context,
                chord,
                action,
            });
        }
        (Keymap { bindings }, errors)
    }

    /// The action bound to `chord` in `context`.
    pub fn resolve(&self, context: Context, chord: KeyChord) -> Option<Action> {
        self.bindings
            .iter()
            .find(|b| b.context == context && b.chord == chord)
            .map(|b| b.action)
    }

    /// All bindings, in table order.
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// The keys bound to `action` in `context`, in table order.
    pub fn keys_for(&self, context: Context, action: Action) -> Vec<KeyChord> {
        self.bindings
            .iter()
            .filter(|b| b.context == context && b.action == action)
            .map(|b| b.chord)
            .collect()
    }

    /// Help rows for a context: each action once, with all its keys joined
    /// (`j Down`), in first-binding order.
    pub fn help_rows(&self, context: Context) -> Vec<(String, Action)> {
        let mut rows: Vec<(String, Action)> = Vec::new();
        for b in self.bindings.iter().filter(|b| b.context == context) {
            if rows.iter().any(|(_, a)| *a == b.action) {
                continue;
            }
            let keys: Vec<String> = self
                .keys_for(context, b.action)
                .iter()
                .map(ToString::to_string)
                .collect();
            rows.push((keys.join(" "), b.action));
        }
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::key::Key;

    #[test]
    fn defaults_parse_cleanly() {
        let (_, errors) = Keymap::from_table(DEFAULT_BINDINGS);
        assert!(errors.is_empty(), "{errors:?}");
    }

    #[test]
    fn bad_rows_are_reported_not_fatal() {
        let (map, errors) = Keymap::from_table(&[
            ("main", "x", "explode"),
            ("main", "x", "quit"),
            ("nope", "y", "quit"),
        ]);
        assert_eq!(errors.len(), 2);
        assert_eq!(
            map.resolve(Context::Main, KeyChord::plain(Key::Char('x'))),
            Some(Action::Quit)
        );
    }

    #[test]
    fn override_replaces_binding() {
        let mut rows = DEFAULT_BINDINGS.to_vec();
        rows.push(("main", "j", "quit"));
        let (map, _) = Keymap::from_table(&rows);
        assert_eq!(
            map.resolve(Context::Main, KeyChord::plain(Key::Char('j'))),
            Some(Action::Quit)
        );
    }
}
