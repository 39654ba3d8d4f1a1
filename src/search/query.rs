//! Query parsing: white space separates terms (all must occur in an
//! article); each term is folded like the text.

use super::fold::fold;

/// A parsed query: its folded terms, in the order typed, without
/// duplicates or empty terms.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    /// Folded terms.
    pub terms: Vec<String>,
}

impl Query {
    /// Parse `text`. Any white space (ASCII or `\u{3000}`) separates terms.
    pub fn parse(text: &str) -> Query {
        let mut terms: Vec<String> = Vec::new();
        for raw in text.split(char::is_whitespace) {
            let t = fold(raw);
            if !t.is_empty() && !terms.contains(&t) {
                terms.push(t);
            }
        }
        Query { terms }
    }

    /// Whether there is nothing to search for.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

/// Whether a folded term could be pinyin initials: ASCII letters only, at
/// least two (one letter would match nearly every article).
pub fn is_initials(term: &str) -> bool {
    term.len() >= 2 && term.bytes().all(|b| b.is_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_any_white_space_and_folds() {
        let q = Query::parse(" 民生\u{3000}ＡＢ  衡陽 民生 ");
        assert_eq!(q.terms, vec!["民生", "ab", "衡阳"]);
        assert!(Query::parse("  ").is_empty());
    }

    #[test]
    fn initials_need_two_letters() {
        assert!(is_initials("msbz"));
        assert!(!is_initials("m"));
        assert!(!is_initials("ms1"));
    }
}
