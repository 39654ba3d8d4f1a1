//! The keymap: one table of (context, chord) → action. The defaults are
//! data (`DEFAULT_BINDINGS`, names as a user config file will spell them),
//! and the help overlay and status-bar hints are generated from the same
//! table, so they can never disagree with what the keys do.

use super::key::KeyChord;
use crate::action::Action;

pub mod overrides;

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    /// Both panes (list and reading pane); `update` interprets movement
    /// according to focus.
    Main,
    /// The help overlay is open.
    Help,
    /// The issue or bookmark list is open.
    Picker,
    /// The search bar is open (characters no binding takes are typed).
    Search,
}

impl Context {
    /// The context a keymap section name stands for.
    pub fn from_name(name: &str) -> Option<Context> {
        match name {
            "main" => Some(Context::Main),
            "help" => Some(Context::Help),
            "picker" => Some(Context::Picker),
            "search" => Some(Context::Search),
            _ => None,
        }
    }

    /// The section name used in keymap data and in the help overlay.
    pub fn name(self) -> &'static str {
        match self {
            Context::Main => "main",
            Context::Help => "help",
            Context::Picker => "picker",
            Context::Search => "search",
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
    ("main", "space", "read_on"),
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
    ("main", ">", "next_unread"),
    ("main", "+", "wider"),
    ("main", "=", "wider"),
    ("main", "-", "narrower"),
    ("main", ")", "list_wider"),
    ("main", "(", "list_narrower"),
    ("main", "p", "toggle_punct"),
    ("main", "s", "toggle_spacing"),
    ("main", "?", "help"),
    ("main", "q", "quit"),
    ("main", "ctrl-c", "quit"),
    ("help", "j", "down"),
    ("help", "down", "down"),
    ("help", "k", "up"),
    ("help", "up", "up"),
    ("help", "space", "read_on"),
    ("help", "pgdn", "page_down"),
    ("help", "b", "page_up"),
    ("help", "pgup", "page_up"),
    ("help", "g", "top"),
    ("help", "home", "top"),
    ("help", "G", "bottom"),
    ("help", "end", "bottom"),
    ("help", "esc", "close_help"),
    ("help", "?", "close_help"),
    ("help", "q", "close_help"),
    ("help", "ctrl-c", "quit"),
    ("main", "y", "copy_text"),
    ("main", "Y", "copy_markdown"),
    ("main", "o", "open_in_pager"),
    ("main", ".", "next_page"),
    ("main", ",", "prev_page"),
    ("main", "P", "page_list"),
    ("main", "f", "follow_jump"),
    ("main", "backspace", "jump_back"),
    ("main", "}", "next_issue"),
    ("main", "{", "prev_issue"),
    ("main", "i", "issue_list"),
    ("main", "u", "toggle_read"),
    ("main", "m", "toggle_bookmark"),
    ("main", "'", "bookmarks"),
    ("main", "R", "rescan"),
    ("picker", "j", "down"),
    ("picker", "down", "down"),
    ("picker", "k", "up"),
    ("picker", "up", "up"),
    ("picker", "space", "read_on"),
    ("picker", "pgdn", "page_down"),
    ("picker", "b", "page_up"),
    ("picker", "pgup", "page_up"),
    ("picker", "g", "top"),
    ("picker", "home", "top"),
    ("picker", "G", "bottom"),
    ("picker", "end", "bottom"),
    ("picker", "enter", "open"),
    ("picker", "esc", "close_picker"),
    ("picker", "i", "close_picker"),
    ("picker", "'", "close_picker"),
    ("picker", "q", "leave"),
    ("picker", "R", "rescan"),
    ("picker", "backspace", "filter_delete"),
    ("picker", "?", "help"),
    ("picker", "ctrl-c", "quit"),
    ("main", "/", "search"),
    ("main", "n", "next_hit"),
    ("main", "N", "prev_hit"),
    ("main", "ctrl-l", "clear_search"),
    ("main", "w", "toggle_keywords"),
    ("search", "enter", "search_accept"),
    ("search", "esc", "search_cancel"),
    ("search", "ctrl-c", "search_cancel"),
    ("search", "up", "search_older"),
    ("search", "down", "search_newer"),
    ("search", "tab", "search_results"),
    ("search", "backtab", "search_results"),
    ("search", "ctrl-t", "search_scope"),
    ("search", "ctrl-l", "clear_search"),
    ("search", "backspace", "search_backspace"),
    ("search", "ctrl-w", "search_delete_word"),
    ("search", "ctrl-u", "search_delete_to_start"),
    ("search", "left", "search_left"),
    ("search", "right", "search_right"),
    ("search", "home", "search_home"),
    ("search", "ctrl-a", "search_home"),
    ("search", "end", "search_end"),
    ("search", "ctrl-e", "search_end"),
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
            let Some(context) = Context::from_name(ctx) else {
                errors.push(format!("unknown context `{ctx}`"));
                continue;
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

    /// Apply config-file overrides (`[keys.<context>]`: action name → keys),
    /// each replacing that action's default keys in that context. Bad
    /// entries and key conflicts are skipped and reported (see
    /// [`Keymap::apply_config`]).
    pub fn apply_overrides<'a, A, K>(&mut self, overrides: A) -> Vec<String>
    where
        A: IntoIterator<Item = (&'a str, K)>,
        K: IntoIterator<Item = (&'a str, &'a [String])>,
    {
        self.apply_config(overrides)
            .iter()
            .map(ToString::to_string)
            .collect()
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
    fn config_overrides_replace_an_actions_keys() {
        let mut map = Keymap::default();
        let quit = vec![
            "x".to_string(),
            "ctrl-q".to_string(),
            "bogus-key".to_string(),
        ];
        let down = vec!["z".to_string()];
        let errors = map.apply_overrides([
            (
                "main",
                vec![("quit", quit.as_slice()), ("down", down.as_slice())],
            ),
            ("nowhere", vec![]),
            ("help", vec![("explode", down.as_slice())]),
        ]);
        assert_eq!(errors.len(), 3, "{errors:?}");
        let key = |c| KeyChord::plain(Key::Char(c));
        assert_eq!(map.resolve(Context::Main, key('x')), Some(Action::Quit));
        assert_eq!(
            map.resolve(Context::Main, key('q')),
            None,
            "old quit key gone"
        );
        assert_eq!(map.resolve(Context::Main, key('z')), Some(Action::Down));
        assert_eq!(map.resolve(Context::Main, key('j')), None);
        // Other contexts keep their defaults.
        assert_eq!(
            map.resolve(Context::Help, key('q')),
            Some(Action::CloseHelp)
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
