//! Config-file key overrides (`[keys.<context>]`: action name → keys),
//! validated: unknown contexts, unknown actions, unparsable key names and
//! key conflicts are reported as [`KeyError`]s and skipped, never fatal.
//!
//! Semantics: an override replaces *all* of that action's keys in that
//! context. All overridden actions lose their old keys first, so swapping
//! two keys (`down = ["k"]`, `up = ["j"]`) works in any order; a key that is
//! then still bound to another action (a default nobody overrode, or an
//! earlier override) is a conflict: it stays where it was.

use super::{Binding, Context, Keymap};
use crate::app::action::Action;
use crate::input::key::KeyChord;
use std::fmt;

/// One problem with a `[keys.<context>]` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyError {
    /// The context name as written.
    pub context: String,
    /// The action name as written, when the problem is in one entry.
    pub action: Option<String>,
    /// The key as written, when one key is at fault (it alone is skipped).
    pub key: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl KeyError {
    /// The dotted config key: `keys.main.quit`.
    pub fn path(&self) -> String {
        match &self.action {
            Some(a) => format!("keys.{}.{a}", self.context),
            None => format!("keys.{}", self.context),
        }
    }
}

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path(), self.message)
    }
}

/// A validated override: context, action, and its keys as written + parsed.
type Override = (Context, Action, String, Vec<(String, KeyChord)>);

impl Keymap {
    /// Apply overrides (see the module docs), returning every problem.
    pub fn apply_config<'a, A, K>(&mut self, overrides: A) -> Vec<KeyError>
    where
        A: IntoIterator<Item = (&'a str, K)>,
        K: IntoIterator<Item = (&'a str, &'a [String])>,
    {
        let mut errors = Vec::new();
        let mut valid: Vec<Override> = Vec::new();
        for (ctx, actions) in overrides {
            let Some(context) = Context::from_name(ctx) else {
                errors.push(KeyError {
                    context: ctx.to_owned(),
                    action: None,
                    key: None,
                    message: "unknown context".into(),
                });
                continue;
            };
            for (name, keys) in actions {
                let error = |key: Option<&str>, message: String| KeyError {
                    context: ctx.to_owned(),
                    action: Some(name.to_owned()),
                    key: key.map(str::to_owned),
                    message,
                };
                let Some(action) = Action::from_name(name) else {
                    errors.push(error(None, "unknown action".into()));
                    continue;
                };
                let mut chords = Vec::new();
                for k in keys {
                    match KeyChord::parse(k) {
                        Some(c) => chords.push((k.clone(), c)),
                        None => errors.push(error(Some(k), format!("unknown key `{k}`"))),
                    }
                }
                valid.push((context, action, name.to_owned(), chords));
            }
        }
        let overridden = |b: &Binding| {
            valid
                .iter()
                .position(|(c, a, ..)| *c == b.context && *a == b.action)
        };
        // Pass 1: every overridden action gives up its old keys.
        let kept: Vec<Binding> = (self.bindings.iter())
            .filter(|b| overridden(b).is_none())
            .copied()
            .collect();
        // Pass 2: the new keys, where they are free.
        let mut new: Vec<Vec<Binding>> = Vec::with_capacity(valid.len());
        for (context, action, name, chords) in &valid {
            let mut mine: Vec<Binding> = Vec::new();
            for (written, chord) in chords {
                let holder = kept
                    .iter()
                    .chain(new.iter().flatten())
                    .chain(mine.iter())
                    .find(|b| b.context == *context && b.chord == *chord)
                    .map(|b| b.action);
                match holder {
                    Some(a) if a == *action => {}
                    Some(other) => errors.push(KeyError {
                        context: context.name().to_owned(),
                        action: Some(name.clone()),
                        key: Some(written.clone()),
                        message: format!(
                            "key `{written}` is also bound to {}; it stays there",
                            other.name().unwrap_or("another action")
                        ),
                    }),
                    None => mine.push(Binding {
                        context: *context,
                        chord: *chord,
                        action: *action,
                    }),
                }
            }
            new.push(mine);
        }
        // Put each action's new keys where its old ones were, so the help
        // overlay keeps its order (and the default file maps to exactly the
        // default keymap); actions that had no keys go last.
        let mut placed = vec![false; valid.len()];
        let mut out = Vec::with_capacity(kept.len() + new.iter().map(Vec::len).sum::<usize>());
        for b in &self.bindings {
            match overridden(b) {
                Some(i) => {
                    if !placed[i] {
                        placed[i] = true;
                        out.extend_from_slice(&new[i]);
                    }
                }
                None => out.push(*b),
            }
        }
        for (i, keys) in new.iter().enumerate() {
            if !placed[i] {
                out.extend_from_slice(keys);
            }
        }
        self.bindings = out;
        errors
    }
}
