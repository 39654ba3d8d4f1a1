//! The configuration file (TOML): reading settings, theme colours and key
//! bindings. Loading never fails: every problem becomes a [`ConfigError`]
//! naming the file, line and key (shown in the status bar for the session)
//! and the default stands in for that value.

use crate::lang;
use crate::text::width::AmbiguousWidth;
use crate::text::wrap::LineBreakRule;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};

pub mod default_file;

/// `ambiguous_width`: a fixed width, or probe the terminal at start-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmbiguousSetting {
    /// Use this width.
    Fixed(AmbiguousWidth),
    /// Print `“` and read the cursor position back.
    Auto,
}

impl std::str::FromStr for AmbiguousSetting {
    type Err = String;

    /// `1`, `2` or `auto` (the `--ambiguous-width` flag's values).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "1" => Ok(AmbiguousSetting::Fixed(AmbiguousWidth::Narrow)),
            "2" => Ok(AmbiguousSetting::Fixed(AmbiguousWidth::Wide)),
            "auto" => Ok(AmbiguousSetting::Auto),
            _ => Err(
                tr!(lang::current(); "expected 1, 2 or auto, found `{s}`", "应为 1、2 或 auto，实为 `{s}`"),
            ),
        }
    }
}

/// Reading settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reader {
    /// Text column width in columns (even).
    pub measure: u16,
    /// A blank line between paragraphs.
    pub paragraph_spacing: bool,
    /// ASCII punctuation between Han shown full-width.
    pub fullwidth_punctuation: bool,
    /// Line-breaking level.
    pub line_breaking: LineBreakRule,
    /// Ambiguous-width characters.
    pub ambiguous_width: AmbiguousSetting,
    /// Headline list width in columns; 0 sizes it to the window.
    pub list_width: u16,
}

impl Default for Reader {
    fn default() -> Self {
        Self {
            measure: 80,
            paragraph_spacing: true,
            fullwidth_punctuation: true,
            line_breaking: LineBreakRule::Basic,
            ambiguous_width: AmbiguousSetting::Fixed(AmbiguousWidth::Narrow),
            list_width: 0,
        }
    }
}

/// Theme colours, as ratatui colour names or `#rrggbb` (validated).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    /// The one accent colour.
    pub accent: String,
    /// Search hits.
    pub hit: String,
    /// The current search hit.
    pub hit_current: String,
}

impl Default for Theme {
    fn default() -> Self {
        Self {
            accent: "cyan".into(),
            hit: "yellow".into(),
            hit_current: "magenta".into(),
        }
    }
}

/// The whole configuration.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Config {
    /// `[reader]`.
    pub reader: Reader,
    /// `[theme]`.
    pub theme: Theme,
    /// `[keys.<context>]`: action name → keys, replacing that action's
    /// default keys in that context.
    pub keys: BTreeMap<String, BTreeMap<String, Vec<String>>>,
    /// The file it came from, for messages.
    pub source: Option<PathBuf>,
}

/// One problem in a config file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The file.
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// The key (`reader.measure`), when known.
    pub key: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
        }
        if let Some(k) = &self.key {
            write!(f, ": {k}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// The platform's config file path (`…/kanbao/config.toml`).
pub fn default_path() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "kanbao")?;
    Some(dirs.config_dir().join("config.toml"))
}

/// Where things are set in a config file, read in one pass (a config of
/// 20,000 bad entries must not be searched 20,000 times): section headers,
/// and `key =` lines by section.
#[derive(Default)]
struct Lines {
    /// `[a.b]` → its first line.
    headers: HashMap<String, usize>,
    /// `a` and `a.b` of `[a.b.c]` → the first line of a header under them.
    parents: HashMap<String, usize>,
    /// (section, key) → its first line (section "" before any header).
    keys: HashMap<(String, String), usize>,
}

impl Lines {
    fn of(text: &str) -> Lines {
        let mut out = Lines::default();
        let mut section = String::new();
        for (i, line) in text.lines().enumerate() {
            let t = line.trim();
            if let Some(h) = t.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
                let h = h.trim();
                out.headers.entry(h.to_owned()).or_insert(i + 1);
                for (dot, _) in h.match_indices('.') {
                    out.parents.entry(h[..dot].to_owned()).or_insert(i + 1);
                }
                h.clone_into(&mut section);
                continue;
            }
            let k = t.split('=').next().unwrap_or("").trim().trim_matches('"');
            out.keys
                .entry((section.clone(), k.to_owned()))
                .or_insert(i + 1);
        }
        out
    }

    /// The 1-based line where `key` is set in `[section]` (best effort): a
    /// top-level name is a section header (`[theme]`, `[keys.main]`).
    fn of_key(&self, section: &str, key: &str) -> Option<usize> {
        if section.is_empty() {
            let header = [self.headers.get(key), self.parents.get(key)];
            if let Some(l) = header.into_iter().flatten().min() {
                return Some(*l);
            }
        } else if key.is_empty() {
            return self.headers.get(section).copied();
        }
        self.keys
            .get(&(section.to_owned(), key.to_owned()))
            .copied()
    }
}

/// Parses one file, collecting errors.
struct Parser<'a> {
    text: &'a str,
    file: String,
    errors: Vec<ConfigError>,
    /// Built at the first error.
    lines: Option<Lines>,
}

impl Parser<'_> {
    fn error(&mut self, section: &str, key: &str, message: String) {
        let full = if section.is_empty() {
            key.to_owned()
        } else {
            format!("{section}.{key}")
        };
        self.errors.push(ConfigError {
            file: self.file.clone(),
            line: (self.lines.get_or_insert_with(|| Lines::of(self.text))).of_key(section, key),
            key: Some(full),
            message,
        });
    }

    fn reader(&mut self, t: &toml::Table, r: &mut Reader) {
        for (key, v) in t {
            let lang = lang::current();
            let bad =
                |en: &str, zh: &str| tr!(lang; "expected {en}, found {v}", "应为{zh}，实为 {v}");
            match key.as_str() {
                "measure" => match v.as_integer().and_then(|n| u16::try_from(n).ok()) {
                    Some(n) if (20..=400).contains(&n) => r.measure = n - n % 2,
                    _ => self.error(
                        "reader",
                        key,
                        bad("a width from 20 to 400", " 20 到 400 的宽度"),
                    ),
                },
                "list_width" => match v.as_integer().and_then(|n| u16::try_from(n).ok()) {
                    Some(n) if n == 0 || (16..=120).contains(&n) => r.list_width = n,
                    _ => self.error(
                        "reader",
                        key,
                        bad(
                            "0 (sized to the window) or 16 to 120",
                            " 0（随窗口）或 16 到 120",
                        ),
                    ),
                },
                "paragraph_spacing" => match v.as_bool() {
                    Some(b) => r.paragraph_spacing = b,
                    None => self.error("reader", key, bad("true or false", " true 或 false")),
                },
                "fullwidth_punctuation" => match v.as_bool() {
                    Some(b) => r.fullwidth_punctuation = b,
                    None => self.error("reader", key, bad("true or false", " true 或 false")),
                },
                "line_breaking" => match v.as_str() {
                    Some("none") => r.line_breaking = LineBreakRule::None,
                    Some("basic") => r.line_breaking = LineBreakRule::Basic,
                    Some("strict") => r.line_breaking = LineBreakRule::Strict,
                    _ => self.error(
                        "reader",
                        key,
                        bad(
                            "\"none\", \"basic\" or \"strict\"",
                            " \"none\"、\"basic\" 或 \"strict\"",
                        ),
                    ),
                },
                "ambiguous_width" => match (v.as_integer(), v.as_str()) {
                    (Some(1), _) | (_, Some("1")) => {
                        r.ambiguous_width = AmbiguousSetting::Fixed(AmbiguousWidth::Narrow)
                    }
                    (Some(2), _) | (_, Some("2")) => {
                        r.ambiguous_width = AmbiguousSetting::Fixed(AmbiguousWidth::Wide)
                    }
                    (_, Some("auto")) => r.ambiguous_width = AmbiguousSetting::Auto,
                    _ => self.error("reader", key, bad("1, 2 or \"auto\"", " 1、2 或 \"auto\"")),
                },
                _ => self.error("reader", key, unknown_key()),
            }
        }
    }

    fn theme(&mut self, t: &toml::Table, th: &mut Theme) {
        for (key, v) in t {
            let slot = match key.as_str() {
                "accent" => &mut th.accent,
                "hit" => &mut th.hit,
                "hit_current" => &mut th.hit_current,
                _ => {
                    self.error("theme", key, unknown_key());
                    continue;
                }
            };
            match v.as_str() {
                Some(s) if s.parse::<ratatui::style::Color>().is_ok() => *slot = s.to_owned(),
                _ => self.error(
                    "theme",
                    key,
                    tr!(lang::current();
                        "expected a colour name or \"#rrggbb\", found {v}",
                        "应为颜色名或 \"#rrggbb\"，实为 {v}"
                    ),
                ),
            }
        }
    }

    fn keys(
        &mut self,
        t: &toml::Table,
        keys: &mut BTreeMap<String, BTreeMap<String, Vec<String>>>,
    ) {
        for (context, v) in t {
            let section = format!("keys.{context}");
            let Some(bindings) = v.as_table() else {
                self.error(
                    "keys",
                    context,
                    tr!(lang::current();
                        "expected a table of action = [keys]",
                        "应为 action = [keys] 的表"
                    ),
                );
                continue;
            };
            for (action, v) in bindings {
                let list: Option<Vec<String>> = match v {
                    toml::Value::String(s) => Some(vec![s.clone()]),
                    toml::Value::Array(a) => {
                        a.iter().map(|k| k.as_str().map(str::to_owned)).collect()
                    }
                    _ => None,
                };
                match list {
                    Some(l) => {
                        keys.entry(context.clone())
                            .or_default()
                            .insert(action.clone(), l);
                    }
                    None => self.error(
                        &section,
                        action,
                        tr!(lang::current();
                            "expected a key or a list of keys, found {v}",
                            "应为一个键或键的列表，实为 {v}"
                        ),
                    ),
                }
            }
        }
    }
}

impl Parser<'_> {
    /// Check `[keys.*]` against the default keymap: unknown contexts and
    /// actions, unparsable keys and conflicts become errors (with a line),
    /// and the entries at fault are removed so the defaults stand in.
    fn validate_keys(&mut self, keys: &mut BTreeMap<String, BTreeMap<String, Vec<String>>>) {
        // Dropping an entry can expose a new conflict (an action whose
        // every key conflicted gets its defaults back), so check again until
        // clean; each round removes something, so this ends.
        for _ in 0..16 {
            let mut map = crate::input::keymap::Keymap::default();
            let found = map.apply_config(keys.iter().map(|(ctx, actions)| {
                (
                    ctx.as_str(),
                    actions.iter().map(|(a, k)| (a.as_str(), k.as_slice())),
                )
            }));
            if found.is_empty() {
                return;
            }
            for e in found {
                self.drop_key_entry(keys, &e);
            }
        }
    }

    fn drop_key_entry(
        &mut self,
        keys: &mut BTreeMap<String, BTreeMap<String, Vec<String>>>,
        e: &crate::input::keymap::overrides::KeyError,
    ) {
        let Some(action) = &e.action else {
            self.error("", &format!("keys.{}", e.context), e.message.clone());
            keys.remove(&e.context);
            return;
        };
        self.error(&format!("keys.{}", e.context), action, e.message.clone());
        let Some(actions) = keys.get_mut(&e.context) else {
            return;
        };
        let emptied = match (&e.key, actions.get_mut(action)) {
            (Some(k), Some(list)) => {
                list.retain(|x| x != k);
                list.is_empty()
            }
            _ => true,
        };
        // With no good key left, the action keeps its default keys rather
        // than ending up unbound.
        if emptied {
            actions.remove(action);
        }
    }
}

fn unknown_key() -> String {
    tr!(lang::current(); "unknown key", "未知的键")
}

/// Parse config text. Never fails: problems are returned and the defaults
/// stand in for the values they concern.
pub fn parse(text: &str, file: &str) -> (Config, Vec<ConfigError>) {
    let mut config = Config::default();
    let mut p = Parser {
        text,
        file: file.to_owned(),
        errors: Vec::new(),
        lines: None,
    };
    let table: toml::Table = match toml::from_str(text) {
        Ok(t) => t,
        Err(e) => {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
            p.errors.push(ConfigError {
                file: file.to_owned(),
                line,
                key: None,
                message: e.message().trim().to_owned(),
            });
            return (config, p.errors);
        }
    };
    for (section, v) in &table {
        match (section.as_str(), v.as_table()) {
            ("reader", Some(t)) => p.reader(t, &mut config.reader),
            ("theme", Some(t)) => p.theme(t, &mut config.theme),
            ("keys", Some(t)) => p.keys(t, &mut config.keys),
            _ => p.error(
                "",
                section,
                tr!(lang::current(); "unknown section", "未知的节"),
            ),
        }
    }
    p.validate_keys(&mut config.keys);
    (config, p.errors)
}

/// Load the config at `path`. A missing file at the default path is not an
/// error (`required` is false); a missing file the user named is.
pub fn load(path: &Path, required: bool) -> (Config, Vec<ConfigError>) {
    let file = path.display().to_string();
    match std::fs::read_to_string(path) {
        Ok(text) => {
            let (mut c, e) = parse(&text, &file);
            c.source = Some(path.to_path_buf());
            (c, e)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => {
            (Config::default(), Vec::new())
        }
        Err(e) => (
            Config::default(),
            vec![ConfigError {
                file,
                line: None,
                key: None,
                message: e.to_string(),
            }],
        ),
    }
}
