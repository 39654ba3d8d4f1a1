//! Config-file key overrides (`[keys.<context>]`: action name → keys),
//! validated: unknown contexts, unknown actions, unparsable key names and
//! key conflicts are reported as [`KeyError`]s and skipped, never fatal.
//!
//! Semantics: an override replaces *all* of that action's keys in that
//! context. All overridden actions lose their old keys first, so swapping
//! two keys (`down = ["k"]`, `up = ["j"]`) works in any order; a key that is
//! then still bound to another action (a default nobody overrode, or an
//! earlier override) is a conflict: it stays where it was.
//!
//! Two rules keep a config from locking the reader shut: Ctrl-C keeps
//! quitting wherever it quits by default (it can be neither unbound nor
//! taken by another action), and an override that leaves a context with no
//! quit key besides Ctrl-C where it had one is an error, so the defaults
//! stand in. Keys written as raw control characters (`"\u001b"`) are not
//! keys a terminal sends: they are refused, with a hint.

use super::{Binding, Context, Keymap};
use crate::action::Action;
use crate::input::key::{Key, KeyChord};
use crate::lang;
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

/// The key that always quits.
const CTRL_C: KeyChord = KeyChord {
    key: Key::Char('c'),
    ctrl: true,
    alt: false,
};

/// A binding no config can remove: Ctrl-C quitting.
fn is_pinned(b: &Binding) -> bool {
    b.chord == CTRL_C && b.action == Action::Quit
}

/// A quit key other than Ctrl-C, in `context`?
fn has_quit_key(bindings: &[Binding], context: Context) -> bool {
    bindings
        .iter()
        .any(|b| b.context == context && b.action == Action::Quit && !is_pinned(b))
}

/// A key as written, safe to show: control characters escaped.
fn shown(written: &str) -> String {
    written.escape_debug().to_string()
}

/// Parse a key as written in a config file.
fn parse_key(written: &str) -> Result<KeyChord, String> {
    match KeyChord::parse(written) {
        Some(KeyChord {
            key: Key::Char(c), ..
        }) if c.is_control() => {
            let k = shown(written);
            Err(tr!(lang::current();
                "`{k}` is a control character, not a key name (write esc, enter, tab or ctrl-x)",
                "`{k}` 是控制字符，不是键名（请写 esc、enter、tab 或 ctrl-x）"
            ))
        }
        Some(chord) => Ok(chord),
        None => {
            let k = shown(written);
            Err(tr!(lang::current(); "unknown key `{k}`", "未知的键 `{k}`"))
        }
    }
}

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
                    message: tr!(lang::current(); "unknown context", "未知的情境"),
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
                    errors.push(error(
                        None,
                        tr!(lang::current(); "unknown action", "未知的操作"),
                    ));
                    continue;
                };
                let mut chords = Vec::new();
                for k in keys {
                    match parse_key(k) {
                        Ok(c) => chords.push((k.clone(), c)),
                        Err(message) => errors.push(error(Some(k), message)),
                    }
                }
                valid.push((context, action, name.to_owned(), chords));
            }
        }
        let (mut out, conflicts) = self.place(&valid);
        errors.extend(conflicts);
        // A context that had a quit key must keep one: an override that
        // leaves none is refused (with its own error unless another one
        // already explains it), and the keys are placed again without it.
        let stuck = |(context, action, ..): &Override| {
            *action == Action::Quit
                && has_quit_key(&self.bindings, *context)
                && !has_quit_key(&out, *context)
        };
        if valid.iter().any(stuck) {
            for (context, _, name, _) in valid.iter().filter(|o| stuck(o)) {
                let explained = errors.iter().any(|e| {
                    e.context == context.name() && e.action.as_deref() == Some(name.as_str())
                });
                if !explained {
                    errors.push(KeyError {
                        context: context.name().to_owned(),
                        action: Some(name.clone()),
                        key: None,
                        message: tr!(lang::current();
                            "leaves no key to quit with; the default keys stay (ctrl-c always quits too)",
                            "这样就没有退出键了，仍用默认键（ctrl-c 也总能退出）"
                        ),
                    });
                }
            }
            valid.retain(|o| !stuck(o));
            let conflicts;
            (out, conflicts) = self.place(&valid);
            // The restored quit keys may now conflict with another override.
            for e in conflicts {
                if !errors.contains(&e) {
                    errors.push(e);
                }
            }
        }
        self.bindings = out;
        errors
    }

    /// The bindings with the `valid` overrides placed, and the conflicts.
    fn place(&self, valid: &[Override]) -> (Vec<Binding>, Vec<KeyError>) {
        let mut errors = Vec::new();
        let overridden = |b: &Binding| {
            valid
                .iter()
                .position(|(c, a, ..)| *c == b.context && *a == b.action)
        };
        // Pass 1: every overridden action gives up its old keys (but Ctrl-C
        // keeps quitting).
        let kept: Vec<Binding> = (self.bindings.iter())
            .filter(|b| overridden(b).is_none() || is_pinned(b))
            .copied()
            .collect();
        // Pass 2: the new keys, where they are free. Who holds a key is
        // looked up in a map, so a config with 20,000 keys costs 20,000
        // lookups, not 20,000 scans of the bindings. The first holder wins,
        // as the bindings are read in order.
        let mut holders: std::collections::HashMap<(Context, KeyChord), Action> =
            std::collections::HashMap::with_capacity(kept.len());
        for b in &kept {
            holders.entry((b.context, b.chord)).or_insert(b.action);
        }
        let mut new: Vec<Vec<Binding>> = Vec::with_capacity(valid.len());
        for (context, action, name, chords) in valid {
            let mut mine: Vec<Binding> = Vec::new();
            for (written, chord) in chords {
                let holder = holders.get(&(*context, *chord)).copied();
                match holder {
                    Some(a) if a == *action => {}
                    Some(Action::Quit) if *chord == CTRL_C => errors.push(KeyError {
                        context: context.name().to_owned(),
                        action: Some(name.clone()),
                        key: Some(written.clone()),
                        message: tr!(lang::current();
                            "ctrl-c always quits; it cannot be bound to anything else",
                            "ctrl-c 总是退出，不能绑定到别的操作"
                        ),
                    }),
                    Some(other) => errors.push(KeyError {
                        context: context.name().to_owned(),
                        action: Some(name.clone()),
                        key: Some(written.clone()),
                        message: {
                            let k = shown(written);
                            let other = other.name().unwrap_or("?");
                            tr!(lang::current();
                                "key `{k}` is also bound to {other}; it stays there",
                                "键 `{k}` 已绑定到 {other}，仍归它"
                            )
                        },
                    }),
                    None => {
                        holders.insert((*context, *chord), *action);
                        mine.push(Binding {
                            context: *context,
                            chord: *chord,
                            action: *action,
                        });
                    }
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
                    if is_pinned(b) {
                        out.push(*b);
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
        (out, errors)
    }
}
