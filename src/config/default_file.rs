//! `kanbao config --default`: the full documented default config file,
//! generated from the data the app itself uses (`Reader::default()`,
//! `Theme::default()`, the default keymap table and the actions'
//! descriptions), so it cannot go stale. A test checks that it parses back
//! to exactly the defaults.

use super::{AmbiguousSetting, Reader, Theme};
use crate::action::Action;
use crate::input::keymap::DEFAULT_BINDINGS;
use crate::text::width::AmbiguousWidth;
use crate::text::wrap::LineBreakRule;
use std::fmt::Write;

/// A TOML string literal (quoted and escaped).
fn quote(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

fn rule_name(r: LineBreakRule) -> &'static str {
    match r {
        LineBreakRule::None => "none",
        LineBreakRule::Basic => "basic",
        LineBreakRule::Strict => "strict",
    }
}

fn ambiguous_value(a: AmbiguousSetting) -> String {
    match a {
        AmbiguousSetting::Fixed(AmbiguousWidth::Narrow) => "1".into(),
        AmbiguousSetting::Fixed(AmbiguousWidth::Wide) => "2".into(),
        AmbiguousSetting::Auto => quote("auto"),
    }
}

/// The contexts of the default keymap, in table order.
fn contexts() -> Vec<&'static str> {
    let mut out: Vec<&str> = Vec::new();
    for (ctx, ..) in DEFAULT_BINDINGS {
        if !out.contains(ctx) {
            out.push(ctx);
        }
    }
    out
}

fn context_note(ctx: &str) -> &'static str {
    match ctx {
        "main" => "Reading: the headline list and the reading pane.",
        "help" => "While the help overlay (?) is open.",
        "picker" => "While the issue list (i) or the bookmark list (') is open.",
        "search" => "While the search bar (/) is open; other characters are typed.",
        _ => "",
    }
}

/// The default config file, every setting commented.
pub fn default_file() -> String {
    let r = Reader::default();
    let t = Theme::default();
    let mut s = String::new();
    // Writing into a String cannot fail.
    let _ = write_file(&mut s, &r, &t);
    s
}

fn write_file(s: &mut String, r: &Reader, t: &Theme) -> std::fmt::Result {
    writeln!(
        s,
        "# kanbao (看报) configuration: the defaults, from `kanbao config --default`."
    )?;
    writeln!(
        s,
        "# Location: the platform's config directory (`kanbao config` prints the"
    )?;
    writeln!(s, "# path), or any file given with `--config PATH`.")?;
    writeln!(
        s,
        "# Every setting is optional: keep only what you change. Command-line flags"
    )?;
    writeln!(
        s,
        "# win over this file. Problems are shown in the status bar and listed in"
    )?;
    writeln!(
        s,
        "# the help overlay (?); the default stands in for anything invalid."
    )?;
    writeln!(s)?;
    writeln!(s, "[reader]")?;
    writeln!(
        s,
        "# Text column width in columns, 20 to 400 (odd widths are rounded down"
    )?;
    writeln!(s, "# to even); `+` and `-` change it while reading.")?;
    writeln!(s, "measure = {}", r.measure)?;
    writeln!(
        s,
        "# Headline list width in columns, 16 to 120, or 0 to size it to the"
    )?;
    writeln!(s, "# window; `(` and `)` change it while reading.")?;
    writeln!(s, "list_width = {}", r.list_width)?;
    writeln!(s, "# A blank line between paragraphs (`s` toggles it).")?;
    writeln!(s, "paragraph_spacing = {}", r.paragraph_spacing)?;
    writeln!(
        s,
        "# Show ASCII punctuation between Han characters full-width, `,` as `，`"
    )?;
    writeln!(s, "# (`p` toggles it).")?;
    writeln!(s, "fullwidth_punctuation = {}", r.fullwidth_punctuation)?;
    writeln!(
        s,
        "# Line breaking (标点禁则): \"none\"; \"basic\" keeps 、。，？！ and closing"
    )?;
    writeln!(
        s,
        "# quotes off the line start and opening quotes off the line end;"
    )?;
    writeln!(s, "# \"strict\" also keeps —— and …… off the line start.")?;
    writeln!(s, "line_breaking = {}", quote(rule_name(r.line_breaking)))?;
    writeln!(
        s,
        "# Columns your terminal draws ambiguous-width characters (“ ” … · —) with:"
    )?;
    writeln!(
        s,
        "# 1, 2, or \"auto\" (ask the terminal at start-up; 1 if it does not answer)."
    )?;
    writeln!(
        s,
        "ambiguous_width = {}",
        ambiguous_value(r.ambiguous_width)
    )?;
    writeln!(s)?;
    writeln!(s, "[theme]")?;
    writeln!(
        s,
        "# Colours: a name (black, red, green, yellow, blue, magenta, cyan, gray,"
    )?;
    writeln!(
        s,
        "# dark_gray, light_red, …, white) or \"#rrggbb\". NO_COLOR turns them off."
    )?;
    writeln!(s, "# Accent: issue name, focused pane, help headings.")?;
    writeln!(s, "accent = {}", quote(&t.accent))?;
    writeln!(s, "# Search hits, and the current hit.")?;
    writeln!(s, "hit = {}", quote(&t.hit))?;
    writeln!(s, "hit_current = {}", quote(&t.hit_current))?;
    writeln!(s)?;
    writeln!(
        s,
        "# Key bindings per context: action = [keys]. Listing an action replaces all"
    )?;
    writeln!(
        s,
        "# of its keys in that context; `[]` unbinds it. A key may do one thing per"
    )?;
    writeln!(
        s,
        "# context: binding a key that another action keeps is reported, and the"
    )?;
    writeln!(
        s,
        "# key stays where it was. Key names: a character (j, G, ?, +), space,"
    )?;
    writeln!(
        s,
        "# enter, esc, tab, backtab, backspace, up, down, left, right, pgup, pgdn,"
    )?;
    writeln!(s, "# home, end; with ctrl- or alt- in front (ctrl-c).")?;
    for ctx in contexts() {
        writeln!(s)?;
        let note = context_note(ctx);
        if !note.is_empty() {
            writeln!(s, "# {note}")?;
        }
        writeln!(s, "[keys.{ctx}]")?;
        let mut actions: Vec<&str> = Vec::new();
        for (c, _, a) in DEFAULT_BINDINGS {
            if *c == ctx && !actions.contains(a) {
                actions.push(a);
            }
        }
        for action in actions {
            let keys: Vec<String> = DEFAULT_BINDINGS
                .iter()
                .filter(|(c, _, a)| *c == ctx && *a == action)
                .map(|(_, k, _)| quote(k))
                .collect();
            let desc = Action::from_name(action).map_or("", Action::description);
            writeln!(s, "# {desc}")?;
            writeln!(s, "{action} = [{}]", keys.join(", "))?;
        }
    }
    Ok(())
}
