//! The search bar's line editor and its history: pure string
//! editing with the caret as a byte index on a char boundary. The screen
//! column of the caret is the display width of the text before it, which
//! is where the terminal cursor (and a CJK input method's candidate
//! window) goes.

use crate::text::width::{AmbiguousWidth, str_width};

/// The longest query the bar holds, in characters: a search re-runs on
/// every keystroke, so a 100 KB paste must not make each of them cost
/// seconds; no one searches a newspaper for more than a paragraph.
pub const MAX_QUERY_CHARS: usize = 200;

/// The text being typed and the caret.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineEdit {
    text: String,
    caret: usize,
}

impl LineEdit {
    /// The text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The caret as a byte offset into `text` (always a char boundary).
    pub fn caret(&self) -> usize {
        self.caret
    }

    /// Replace the text; the caret goes to the end.
    pub fn set(&mut self, text: &str) {
        self.text = text.to_string();
        self.caret = self.text.len();
    }

    /// Insert text at the caret (pasted text: line breaks and other
    /// control characters become spaces, so a paste is one query line),
    /// as much as fits in [`MAX_QUERY_CHARS`]; false when some was cut.
    pub fn insert_str(&mut self, s: &str) -> bool {
        let room = MAX_QUERY_CHARS.saturating_sub(self.text.chars().count());
        let clean: String = s
            .chars()
            .take(room)
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        self.text.insert_str(self.caret, &clean);
        self.caret += clean.len();
        s.chars().nth(room).is_none()
    }

    /// Insert one typed character (not past [`MAX_QUERY_CHARS`]).
    pub fn insert(&mut self, c: char) {
        if c.is_control() || self.text.chars().count() >= MAX_QUERY_CHARS {
            return;
        }
        self.text.insert(self.caret, c);
        self.caret += c.len_utf8();
    }

    /// One character left.
    pub fn left(&mut self) {
        if let Some(c) = self.text[..self.caret].chars().next_back() {
            self.caret -= c.len_utf8();
        }
    }

    /// One character right.
    pub fn right(&mut self) {
        if let Some(c) = self.text[self.caret..].chars().next() {
            self.caret += c.len_utf8();
        }
    }

    /// To the start.
    pub fn home(&mut self) {
        self.caret = 0;
    }

    /// To the end.
    pub fn end(&mut self) {
        self.caret = self.text.len();
    }

    /// Delete the character before the caret.
    pub fn backspace(&mut self) {
        if let Some(c) = self.text[..self.caret].chars().next_back() {
            let at = self.caret - c.len_utf8();
            self.text.replace_range(at..self.caret, "");
            self.caret = at;
        }
    }

    /// Ctrl-W: delete back over separators, then back to the previous
    /// separator. Separators are white space and punctuation, so in Han
    /// text (no spaces) it deletes back to the previous `，` or `。`.
    pub fn delete_word(&mut self) {
        let before = &self.text[..self.caret];
        let mut start = self.caret;
        let mut chars = before.char_indices().rev().peekable();
        while let Some(&(i, c)) = chars.peek() {
            if !is_separator(c) {
                break;
            }
            start = i;
            chars.next();
        }
        for (i, c) in chars {
            if is_separator(c) {
                break;
            }
            start = i;
        }
        self.text.replace_range(start..self.caret, "");
        self.caret = start;
    }

    /// Ctrl-U: delete everything before the caret.
    pub fn delete_to_start(&mut self) {
        self.text.replace_range(..self.caret, "");
        self.caret = 0;
    }

    /// Display column of the caret.
    pub fn caret_column(&self, amb: AmbiguousWidth) -> usize {
        str_width(&self.text[..self.caret], amb)
    }
}

fn is_separator(c: char) -> bool {
    c.is_whitespace() || c.is_ascii_punctuation() || is_cjk_punct(c)
}

fn is_cjk_punct(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303F}' // CJK symbols and punctuation: 、。「」《》…
        | '\u{FF01}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}' // full-width ！，：？
        | '\u{FF3B}'..='\u{FF40}' | '\u{FF5B}'..='\u{FF65}'
        | '\u{2010}'..='\u{2027}' // dashes, quotes, ellipsis, interpunct
        | '\u{00B7}')
}

/// The queries, newest last, walked with ↑/↓ like a shell: earlier runs'
/// (seeded at start-up) and this session's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    entries: Vec<String>,
    /// Position while walking (`None`: at the draft).
    pos: Option<usize>,
    /// What was typed before walking started.
    draft: String,
    /// Queries pushed since the last [`History::take_new`] (to be saved).
    fresh: Vec<String>,
}

impl History {
    /// Most entries kept.
    pub const MAX: usize = 100;

    /// Remember a query (not empty, not a repeat of the last one).
    pub fn push(&mut self, q: &str) {
        self.pos = None;
        if q.trim().is_empty() || self.entries.last().is_some_and(|l| l == q) {
            return;
        }
        if self.entries.len() >= Self::MAX {
            self.entries.remove(0);
        }
        self.entries.push(q.to_string());
        self.fresh.push(q.to_string());
    }

    /// A history that starts with `entries` (oldest first: what earlier
    /// runs searched, from `state::Store::load_history`); the newest
    /// [`History::MAX`] are kept.
    pub fn seeded(entries: impl IntoIterator<Item = String>) -> History {
        let mut entries: Vec<String> = entries
            .into_iter()
            .filter(|q| !q.trim().is_empty())
            .collect();
        let extra = entries.len().saturating_sub(Self::MAX);
        entries.drain(..extra);
        History {
            entries,
            ..History::default()
        }
    }

    /// The queries pushed since the last call, oldest first (the run loop
    /// saves them).
    pub fn take_new(&mut self) -> Vec<String> {
        std::mem::take(&mut self.fresh)
    }

    /// Stop walking (a new bar session or an edit).
    pub fn reset(&mut self) {
        self.pos = None;
    }

    /// ↑: the previous (older) entry, given the current text.
    pub fn older(&mut self, current: &str) -> Option<&str> {
        let next = match self.pos {
            None => {
                self.draft = current.to_string();
                self.entries.len().checked_sub(1)?
            }
            Some(p) => p.checked_sub(1)?,
        };
        self.pos = Some(next);
        self.entries.get(next).map(String::as_str)
    }

    /// ↓: the next (newer) entry, or the draft after the newest.
    pub fn newer(&mut self) -> Option<&str> {
        let p = self.pos?;
        if p + 1 < self.entries.len() {
            self.pos = Some(p + 1);
            self.entries.get(p + 1).map(String::as_str)
        } else {
            self.pos = None;
            Some(self.draft.as_str())
        }
    }

    /// All entries, oldest first.
    pub fn entries(&self) -> &[String] {
        &self.entries
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(s: &str) -> LineEdit {
        let mut e = LineEdit::default();
        e.set(s);
        e
    }

    #[test]
    fn caret_moves_by_char_and_column_counts_wide() {
        let mut e = edit("民生ab");
        assert_eq!(e.caret_column(AmbiguousWidth::Narrow), 6);
        e.left();
        e.left();
        assert_eq!(e.caret(), "民生".len());
        assert_eq!(e.caret_column(AmbiguousWidth::Narrow), 4);
        e.left();
        assert_eq!(e.caret(), "民".len());
        assert_eq!(e.caret_column(AmbiguousWidth::Narrow), 2);
        e.insert('x');
        assert_eq!(e.text(), "民x生ab");
        assert_eq!(e.caret_column(AmbiguousWidth::Narrow), 3);
        e.home();
        e.left();
        assert_eq!(e.caret(), 0);
        e.end();
        e.right();
        assert_eq!(e.caret(), e.text().len());
        e.backspace();
        assert_eq!(e.text(), "民x生a");
    }

    #[test]
    fn ambiguous_width_moves_the_caret_column() {
        let e = edit("“a”");
        assert_eq!(e.caret_column(AmbiguousWidth::Narrow), 3);
        assert_eq!(e.caret_column(AmbiguousWidth::Wide), 5);
    }

    #[test]
    fn ctrl_w_deletes_a_word_latin_and_cjk() {
        let mut e = edit("hello world  ");
        e.delete_word();
        assert_eq!(e.text(), "hello ");
        let mut e = edit("扎实做好，民生保障");
        e.delete_word();
        assert_eq!(e.text(), "扎实做好，");
        e.delete_word();
        assert_eq!(e.text(), "");
        let mut e = edit("民生 保障");
        e.left();
        e.delete_word();
        assert_eq!(e.text(), "民生 障");
        assert_eq!(e.caret(), "民生 ".len());
    }

    #[test]
    fn ctrl_u_and_backspace_at_start() {
        let mut e = edit("民生保障");
        e.left();
        e.delete_to_start();
        assert_eq!((e.text(), e.caret()), ("障", 0));
        e.backspace();
        assert_eq!(e.text(), "障");
    }

    #[test]
    fn paste_is_one_line() {
        let mut e = edit("ab");
        e.left();
        e.insert_str("民\n生");
        assert_eq!(e.text(), "a民 生b");
        assert_eq!(e.caret(), "a民 生".len());
        e.insert('\u{7}');
        assert_eq!(e.text(), "a民 生b");
    }

    #[test]
    fn a_huge_paste_is_cut_to_the_longest_query() {
        let mut e = edit("民生");
        assert!(!e.insert_str(&"保障".repeat(50_000)), "said it was cut");
        assert_eq!(e.text().chars().count(), MAX_QUERY_CHARS);
        e.insert('工');
        assert_eq!(
            e.text().chars().count(),
            MAX_QUERY_CHARS,
            "typing stops too"
        );
        let mut short = edit("");
        assert!(short.insert_str("民生"));
    }

    #[test]
    fn history_walks_and_restores_draft() {
        let mut h = History::default();
        h.push("民生");
        h.push("工作");
        h.push("工作");
        h.push("  ");
        assert_eq!(h.entries(), ["民生", "工作"]);
        assert_eq!(h.older("草稿"), Some("工作"));
        assert_eq!(h.older("工作"), Some("民生"));
        assert_eq!(h.older("民生"), None, "stays at the oldest");
        assert_eq!(h.newer(), Some("工作"));
        assert_eq!(h.newer(), Some("草稿"));
        assert_eq!(h.newer(), None);
    }
}
