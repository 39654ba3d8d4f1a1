//! The reader's state: [`App`] (the issue, options, keymap and theme, the
//! reading position, the shelf, search, help and the status message) and
//! [`ReaderOptions`]; the derived state `sync` keeps in line with the
//! terminal. `update.rs` changes it; nothing here does I/O.

use super::article_layout::LayoutKey;
use super::reader_view::{ReaderView, Snapshot};
use super::search_state::SearchState;
use super::shelf::{PickerKind, Shelf};
use crate::action::Action;
use crate::input::key::KeyChord;
use crate::input::keymap::{Context, Keymap};
use crate::lang::Lang;
use crate::layout::{Viewport, layout};
use crate::model::Issue;
use crate::state::{ReaderSettings, Remembered};
use crate::text::width::AmbiguousWidth;
use crate::text::wrap::LineBreakRule;
use crate::theme::Theme;
use ratatui::crossterm::event::{Event, KeyCode, KeyModifiers, MouseButton, MouseEventKind};
use ratatui::layout::Rect;
use std::sync::Arc;
use std::time::Duration;

/// Narrowest text column `-` allows.
pub const MIN_MEASURE: u16 = 20;
/// Widest text column `+` allows.
pub const MAX_MEASURE: u16 = 400;

/// Status messages kept for the help overlay.
pub const LOG_KEEP: usize = 30;

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
    /// Headline list width in columns; 0 sizes it to the window.
    pub list_width: u16,
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
            list_width: 0,
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
            list_width: r.list_width,
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
    /// The reading position: focus, selection, open article, top line,
    /// anchor, read marks, layout and wrap cache.
    pub view: ReaderView,
    /// Help overlay scroll offset, when the overlay is open.
    pub help: Option<usize>,
    /// One-line message for the status bar, cleared by the next key.
    pub message: Option<String>,
    /// Problems in the config file, for the whole session (the help
    /// overlay lists them; the first is the opening status message).
    pub config_errors: Vec<String>,
    /// The archive's issues and remembered reading (`shelf.rs`).
    pub shelf: Shelf,
    /// The search bar, the kept search and word search.
    pub search: SearchState,
    /// The settings before remembered ones were applied (config and
    /// flags): what a remembered setting is compared with.
    pub opts_base: ReaderOptions,
    /// A setting changed in the reader since the last save.
    pub opts_changed: bool,
    /// The status messages of this session, oldest first (the last
    /// [`LOG_KEEP`]): the help overlay shows them in full.
    pub log: Vec<String>,
    /// The time the run loop last saw (since it started): the read marks
    /// that need a moment on screen are measured with it.
    pub now: Duration,
    /// The language messages are worded in (the process's, from the
    /// locale; tests set it).
    pub lang: Lang,
    /// Where `f` followed a jump line from (`Backspace` goes back).
    pub jump_back: Option<Snapshot>,
}

impl App {
    /// A reader over `issue`.
    pub fn new(issue: Issue, opts: ReaderOptions) -> App {
        let mut opts = opts;
        opts.measure = opts.measure.clamp(MIN_MEASURE, MAX_MEASURE) & !1;
        let read = vec![false; issue.articles.len()];
        App {
            theme: Theme::new(opts.no_color),
            issue: Arc::new(issue),
            opts,
            keymap: Keymap::default(),
            view: ReaderView {
                read,
                ..ReaderView::default()
            },
            help: None,
            message: None,
            config_errors: Vec::new(),
            shelf: Shelf::default(),
            search: SearchState::default(),
            now: Duration::ZERO,
            log: Vec::new(),
            opts_base: opts,
            opts_changed: false,
            lang: crate::lang::current(),
            jump_back: None,
        }
    }

    /// Keep the status message in the session's log (once while it
    /// stands), so a message cut short at 80 columns can be read whole.
    pub fn log_message(&mut self) {
        if let Some(m) = &self.message
            && self.log.last() != Some(m)
        {
            self.log.push(m.clone());
            if self.log.len() > LOG_KEEP {
                self.log.remove(0);
            }
        }
    }

    /// Apply the settings kept from earlier runs over the current ones
    /// (config and flags), each only while the config still says what it
    /// said when the setting was changed.
    pub fn recall_settings(&mut self, kept: &ReaderSettings) {
        let base = self.opts;
        self.opts_base = base;
        self.opts.measure =
            Remembered::over(kept.measure, base.measure).clamp(MIN_MEASURE, MAX_MEASURE) & !1;
        self.opts.para_spacing = Remembered::over(kept.para_spacing, base.para_spacing);
        self.opts.punct = Remembered::over(kept.punct, base.punct);
        self.opts.list_width = Remembered::over(kept.list_width, base.list_width);
    }

    /// The settings to keep for the next run: those changed from the
    /// config's.
    pub fn settings_to_keep(&self) -> ReaderSettings {
        let (o, b) = (self.opts, self.opts_base);
        ReaderSettings {
            measure: Remembered::differing(o.measure, b.measure),
            para_spacing: Remembered::differing(o.para_spacing, b.para_spacing),
            punct: Remembered::differing(o.punct, b.punct),
            list_width: Remembered::differing(o.list_width, b.list_width),
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
                tr!(self.lang; "config: {first} (+{more} more: see help)", "配置：{first}（另有 {more} 条，见帮助）")
            } else {
                tr!(self.lang; "config: {first}", "配置：{first}")
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
        let vp = layout(
            area,
            self.view.focus,
            self.opts.measure,
            self.opts.list_width,
        );
        let vp = if self.pages().len() > 1 {
            vp.with_list_header()
        } else {
            vp
        };
        if self.has_running_head() {
            vp.with_running_head()
        } else {
            vp
        }
    }

    /// The action a terminal event stands for, if any.
    pub fn action_for(&self, ev: &Event) -> Option<Action> {
        match ev {
            Event::Key(k) => {
                let chord = KeyChord::from_event(k)?;
                let bound = self.keymap.resolve(self.context(), chord);
                // In the issue list, what it does not bind is typed into
                // its filter (a date's digits, a paper's name).
                match (bound, k.code) {
                    (None, KeyCode::Char(c))
                        if self
                            .shelf
                            .picker
                            .is_some_and(|p| p.kind == PickerKind::Issues)
                            && !c.is_control()
                            && !k
                                .modifiers
                                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
                    {
                        Some(Action::Filter(c))
                    }
                    (bound, _) => bound,
                }
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

    /// The wrap-cache key of the open article at text width `width`.
    pub fn layout_key(&self, width: usize) -> LayoutKey {
        LayoutKey {
            article: self.view.open,
            width,
            rule: self.opts.rule,
            ambiguous: self.opts.ambiguous,
            punct: self.opts.punct,
            spacing: self.opts.para_spacing,
            // This reader's word index is built, so jieba is loaded.
            words: self.search.words_done(),
        }
    }

    /// The wrap-cache key of article `article` at text width `width`.
    fn key_for(&self, article: usize, width: usize) -> LayoutKey {
        LayoutKey {
            article,
            ..self.layout_key(width)
        }
    }

    /// Bring derived state (layout, scroll limits, list offset, read marks)
    /// in line with the current settings and terminal size. Wrapping only
    /// happens here, and only on a cache miss.
    pub fn sync(&mut self, area: Rect) {
        let vp = self.layout_for(area);
        let n = self.issue.articles.len();
        let open = self.view.open.min(n.saturating_sub(1));
        // Reading pane hidden (narrow list view, tiny terminal): no key, the
        // old layout and anchor stay for when it comes back.
        let key = (vp.column.width > 0).then(|| self.key_for(open, usize::from(vp.column.width)));
        let article = self.issue.articles.get(open).map(|a| (a, key));
        self.view.sync(n, vp, article, self.now);
    }

    /// Lines in the open article's layout.
    pub fn line_count(&self) -> usize {
        self.view.line_count()
    }

    /// Largest `top` that still fills the page.
    pub fn max_top(&self) -> usize {
        self.view.max_top(self.view.viewport.page_height())
    }

    /// Position in the article, 0–100 (lines of a huge paragraph outside
    /// the wrapped window counted by estimate).
    pub fn percent(&self) -> usize {
        let top = self.view.top.min(self.max_top());
        let (top, max) = match &self.view.layout {
            Some(l) => (
                l.virtual_line(top),
                l.virtual_len()
                    .saturating_sub(self.view.viewport.page_height()),
            ),
            None => (top, self.max_top()),
        };
        (top.min(max) * 100).checked_div(max).unwrap_or(100)
    }
}
