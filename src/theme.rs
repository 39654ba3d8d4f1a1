//! Styles. The terminal's own foreground and background everywhere;
//! emphasis by bold, dim and reverse, plus one accent colour (none at all
//! under `NO_COLOR`), so the reader works on dark and light themes alike.
//! A leaf: `app` holds a `Theme` and `ui` draws with it.

use ratatui::style::{Color, Modifier, Style};

/// All styles the widgets use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Plain body text.
    pub body: Style,
    /// Article titles (list and pane).
    pub title: Style,
    /// Kicker, subtitle, byline, captions, jump notes.
    pub dim: Style,
    /// The selected headline.
    pub selected: Style,
    /// The selected headline when the list does not have focus.
    pub selected_unfocused: Style,
    /// The status bar background row.
    pub status: Style,
    /// Accent: issue name, focused pane marker, help headings.
    pub accent: Style,
    /// Status-bar messages.
    pub message: Style,
    /// Search hits (`[theme] hit`).
    pub hit: Style,
    /// The current search hit (`[theme] hit_current`).
    pub hit_current: Style,
}

impl Theme {
    /// The default theme, or its colourless variant.
    pub fn new(no_color: bool) -> Theme {
        Theme::with_accent(no_color, Color::Cyan)
    }

    /// The theme with another accent colour (ignored under `no_color`).
    pub fn with_accent(no_color: bool, colour: Color) -> Theme {
        let accent = if no_color {
            Style::new().add_modifier(Modifier::BOLD)
        } else {
            Style::new().fg(colour).add_modifier(Modifier::BOLD)
        };
        Theme {
            body: Style::new(),
            title: Style::new().add_modifier(Modifier::BOLD),
            dim: Style::new().add_modifier(Modifier::DIM),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            selected_unfocused: Style::new().add_modifier(Modifier::UNDERLINED),
            status: Style::new().add_modifier(Modifier::REVERSED),
            accent,
            message: Style::new().add_modifier(Modifier::BOLD),
            hit: Style::new(),
            hit_current: Style::new(),
        }
        .with_hits(no_color, Color::Yellow, Color::Magenta)
    }

    /// The theme with search-hit colours (backgrounds; under `no_color`,
    /// underline and reverse instead).
    pub fn with_hits(self, no_color: bool, hit: Color, current: Color) -> Theme {
        let (hit, hit_current) = if no_color {
            (
                Style::new().add_modifier(Modifier::UNDERLINED),
                Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            )
        } else {
            (
                Style::new().bg(hit).fg(Color::Black),
                Style::new()
                    .bg(current)
                    .fg(Color::Black)
                    .add_modifier(Modifier::BOLD),
            )
        };
        Theme {
            hit,
            hit_current,
            ..self
        }
    }

    /// Whether `NO_COLOR` is set to a non-empty value (no-color.org).
    pub fn no_color_from_env() -> bool {
        std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
    }
}
