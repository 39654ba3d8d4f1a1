//! Reader application state. `App` holds everything the screen shows;
//! `update` (in `update.rs`) changes it and performs no I/O; the run loop
//! (`session.rs`) is the only place that touches the terminal.

pub mod article_layout;
pub mod configure;
pub mod open;
pub mod search_edit;
mod search_keys;
pub mod search_state;
pub mod session;
pub mod share;
pub mod shelf;
pub mod update;
pub mod wrap_cache;

use crate::action::{Action, Effect};
use crate::input::key::KeyChord;
use crate::input::keymap::{Context, Keymap};
use crate::layout::{Focus, Viewport, layout};
use crate::model::Issue;
use crate::text::width::AmbiguousWidth;
use crate::text::wrap::LineBreakRule;
use crate::theme::Theme;
use article_layout::{Anchor, ArticleLayout, LayoutKey};
use ratatui::crossterm::event::{Event, MouseButton, MouseEventKind};
use ratatui::layout::Rect;
use std::rc::Rc;
use std::sync::Arc;
use wrap_cache::WrapCache;

/// Narrowest text column `-` allows.
pub const MIN_MEASURE: u16 = 20;
/// Widest text column `+` allows.
pub const MAX_MEASURE: u16 = 400;

/// Reader settings from the command line (and, later, a config file).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReaderOptions {
    /// How ambiguous-width characters are measured and drawn.
    pub ambiguous: AmbiguousWidth,
    /// Text column width in columns (rounded down to even).
    pub measure: u16,
    /// Blank line between paragraphs.
    pub para_spacing: bool,
    /// Line-breaking rule.
    pub rule: LineBreakRule,
    /// Show ASCII punctuation between Han as full-width.
    pub punct: bool,
    /// No colours at all (bold/dim/reverse only).
    pub no_color: bool,
}

impl Default for ReaderOptions {
    fn default() -> Self {
        ReaderOptions {
            ambiguous: AmbiguousWidth::Narrow,
            measure: 80,
            para_spacing: true,
            rule: LineBreakRule::Basic,
            punct: true,
            no_color: false,
        }
    }
}

impl ReaderOptions {
    /// Settings from the `[reader]` section of the config file. `auto`
    /// ambiguous width is not probed here: it falls back to 1 column.
    pub fn from_config(r: &crate::config::Reader) -> ReaderOptions {
        use crate::config::AmbiguousSetting;
        ReaderOptions {
            ambiguous: match r.ambiguous_width {
                AmbiguousSetting::Fixed(w) => w,
                AmbiguousSetting::Auto => AmbiguousWidth::Narrow,
            },
            measure: r.measure,
            para_spacing: r.paragraph_spacing,
            rule: r.line_breaking,
            punct: r.fullwidth_punctuation,
            no_color: false,
        }
    }
}

/// The whole reader state.
#[derive(Debug)]
pub struct App {
    /// The issue being read (shared with the archive search index's
    /// builder thread, never copied).
    pub issue: Arc<Issue>,
    /// Current settings (measure and toggles change at run time).
    pub opts: ReaderOptions,
    /// The live keymap.
    pub keymap: Keymap,
    /// Styles.
    pub theme: Theme,
    /// Keyboard focus.
    pub focus: Focus,
    /// Selected headline.
    pub selected: usize,
    /// First headline shown in the list.
    pub list_offset: usize,
    /// Article shown in the reading pane.
    pub open: usize,
    /// Whether the user has opened any article yet (before that, the pane
    /// shows article 1 as a preview and reaching its end does not count).
    pub opened: bool,
    /// First visible line of the layout.
    pub top: usize,
    /// Reading position, independent of width.
    pub anchor: Anchor,
    /// Articles read to the end.
    pub read: Vec<bool>,
    /// Help overlay scroll offset, when the overlay is open.
    pub help: Option<usize>,
    /// One-line message for the status bar, cleared by the next key.
    pub message: Option<String>,
    /// Layout of the open article for the current viewport.
    pub layout: Option<Rc<ArticleLayout>>,
    /// Wrapped layouts by (article, width, options).
    pub cache: WrapCache,
    /// The viewport the state was last synced to.
    pub viewport: Viewport,
    /// Problems in the config file, for the whole session (the help
    /// overlay lists them; the first is the opening status message).
    pub config_errors: Vec<String>,
    /// The archive's issues and remembered reading (`shelf.rs`).
    pub shelf: shelf::Shelf,
    /// The search bar, the kept search and word search.
    pub search: search_state::SearchState,
}

impl App {
    /// A reader over `issue`.
    pub fn new(issue: Issue, opts: ReaderOptions) -> App {
        let mut opts = opts;
        opts.measure = opts.measure.clamp(MIN_MEASURE, MAX_MEASURE) & !1;
        App {
            read: vec![false; issue.articles.len()],
            theme: Theme::new(opts.no_color),
            issue: Arc::new(issue),
            opts,
            keymap: Keymap::default(),
            focus: Focus::List,
            selected: 0,
            list_offset: 0,
            open: 0,
            opened: false,
            top: 0,
            anchor: Anchor::default(),
            help: None,
            message: None,
            layout: None,
            cache: WrapCache::default(),
            viewport: Viewport::default(),
            config_errors: Vec::new(),
            shelf: shelf::Shelf::default(),
            search: search_state::SearchState::default(),
        }
    }

    /// A reader with the config file's key overrides and accent colour
    /// applied. Problems (bad keys, bad colour) become the first status
    /// message instead of stopping the reader.
    pub fn with_config(issue: Issue, opts: ReaderOptions, config: &crate::config::Config) -> App {
        let mut app = App::new(issue, opts);
        app.apply_config(config);
        app
    }

    /// Apply the config file's key overrides and colours to this reader
    /// (single issue or archive); problems become the first status message.
    pub fn apply_config(&mut self, config: &crate::config::Config) {
        let app = self;
        let mut errors = app
            .keymap
            .apply_overrides(config.keys.iter().map(|(ctx, actions)| {
                (
                    ctx.as_str(),
                    actions
                        .iter()
                        .map(|(a, keys)| (a.as_str(), keys.as_slice())),
                )
            }));
        match config.theme.accent.parse::<ratatui::style::Color>() {
            Ok(c) => app.theme = Theme::with_accent(app.opts.no_color, c),
            Err(_) => errors.push(format!(
                "theme.accent: bad colour `{}`",
                config.theme.accent
            )),
        }
        let hit = config
            .theme
            .hit
            .parse()
            .unwrap_or(ratatui::style::Color::Yellow);
        let current = (config.theme.hit_current.parse()).unwrap_or(ratatui::style::Color::Magenta);
        app.theme = app.theme.with_hits(app.opts.no_color, hit, current);
        app.note_config_errors(errors);
    }

    /// Record config-file problems for the session and show the first one
    /// in the status bar (the help overlay lists them all).
    pub fn note_config_errors(&mut self, errors: impl IntoIterator<Item = String>) {
        self.config_errors.extend(errors);
        if let Some(first) = self.config_errors.first() {
            let more = self.config_errors.len() - 1;
            self.message = Some(if more > 0 {
                format!("config: {first} (+{more} more: see help)")
            } else {
                format!("config: {first}")
            });
        }
    }

    /// The keymap context for the current state.
    pub fn context(&self) -> Context {
        if self.help.is_some() {
            Context::Help
        } else if self.shelf.picker.is_some() {
            Context::Picker
        } else {
            Context::Main
        }
    }

    /// The viewport for `area` in the current state.
    pub fn layout_for(&self, area: Rect) -> Viewport {
        layout(area, self.focus, self.opts.measure)
    }

    /// The action a terminal event stands for, if any.
    pub fn action_for(&self, ev: &Event) -> Option<Action> {
        match ev {
            Event::Key(k) => {
                let chord = KeyChord::from_event(k)?;
                self.keymap.resolve(self.context(), chord)
            }
            Event::Mouse(m) => match m.kind {
                MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(m.column, m.row)),
                MouseEventKind::ScrollDown => Some(Action::Wheel(m.column, m.row, true)),
                MouseEventKind::ScrollUp => Some(Action::Wheel(m.column, m.row, false)),
                _ => None,
            },
            Event::Resize(..) => Some(Action::Resize),
            _ => None,
        }
    }

    /// Handle one terminal event for a terminal of size `area`: map it,
    /// update, and re-sync the layout. Pure state change; no I/O.
    pub fn handle_event(&mut self, ev: &Event, area: Rect) -> Effect {
        let vp = self.layout_for(area);
        if let Some(changed) = search_state::handle_bar_event(self, ev, &vp) {
            self.message = None;
            self.sync(area);
            return if changed {
                Effect::Redraw
            } else {
                Effect::None
            };
        }
        let Some(action) = self.action_for(ev) else {
            return Effect::None;
        };
        self.apply(action, area)
    }

    /// Apply one action for a terminal of size `area`.
    pub fn apply(&mut self, action: Action, area: Rect) -> Effect {
        let vp = self.layout_for(area);
        // A message lasts until the next action (a resize keeps it).
        let cleared = !matches!(action, Action::Resize) && self.message.take().is_some();
        let effect = update::update(self, action, &vp);
        self.sync(area);
        let effect = shelf::after_update(self, effect);
        match effect {
            Effect::None if cleared => Effect::Redraw,
            e => e,
        }
    }

    /// The wrap-cache key of the open article at text width `width`.
    pub fn layout_key(&self, width: usize) -> LayoutKey {
        LayoutKey {
            article: self.open,
            width,
            rule: self.opts.rule,
            ambiguous: self.opts.ambiguous,
            punct: self.opts.punct,
            spacing: self.opts.para_spacing,
            // This reader's word index is built, so jieba is loaded.
            words: self.search.words_done,
        }
    }

    /// Bring derived state (layout, scroll limits, list offset, read marks)
    /// in line with the current settings and terminal size. Wrapping only
    /// happens here, and only on a cache miss.
    pub fn sync(&mut self, area: Rect) {
        let vp = self.layout_for(area);
        self.viewport = vp;
        let n = self.issue.articles.len();
        self.selected = self.selected.min(n.saturating_sub(1));
        self.open = self.open.min(n.saturating_sub(1));
        // Keep the selection visible in the list.
        let rows = vp.list_entries();
        if self.selected < self.list_offset {
            self.list_offset = self.selected;
        } else if self.selected >= self.list_offset + rows {
            self.list_offset = self.selected + 1 - rows;
        }
        self.list_offset = self.list_offset.min(n.saturating_sub(rows));

        let Some(article) = self.issue.articles.get(self.open) else {
            self.layout = None;
            return;
        };
        if vp.column.width == 0 {
            // Reading pane hidden (narrow list view, tiny terminal): keep
            // the old layout and anchor for when it comes back.
            return;
        }
        let key = self.layout_key(usize::from(vp.column.width));
        if self.layout.as_ref().is_none_or(|l| l.key != key) {
            let layout = self.cache.get(article, key);
            self.top = layout.locate(self.anchor);
            self.layout = Some(layout);
        }
        self.top = self.top.min(self.max_top());
        if self.opened && self.top + vp.page_height() >= self.line_count() {
            if let Some(r) = self.read.get_mut(self.open) {
                *r = true;
            }
        }
    }

    /// Lines in the open article's layout.
    pub fn line_count(&self) -> usize {
        self.layout.as_ref().map_or(0, |l| l.lines.len())
    }

    /// Largest `top` that still fills the page.
    pub fn max_top(&self) -> usize {
        self.line_count()
            .saturating_sub(self.viewport.page_height())
    }

    /// Position in the article, 0–100.
    pub fn percent(&self) -> usize {
        let max = self.max_top();
        (self.top.min(max) * 100).checked_div(max).unwrap_or(100)
    }
}
