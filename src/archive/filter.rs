//! `--since`, `--until` and `--paper`: which files of an archive a command
//! keeps, by their [keys](super::keys).

use super::keys::{Date, FileKeys};
use crate::search::fold::fold;

/// Which files to keep. The empty filter keeps everything; a date bound
/// drops undated files, a paper drops files with no paper.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// The first day kept.
    pub since: Option<Date>,
    /// The last day kept.
    pub until: Option<Date>,
    /// Kept when the paper's name holds this (folded: case, width,
    /// traditional characters).
    pub paper: Option<String>,
}

impl Filter {
    /// Does it keep everything?
    pub fn is_empty(&self) -> bool {
        self == &Filter::default()
    }

    /// Does it keep a file with these keys?
    pub fn allows(&self, keys: &FileKeys) -> bool {
        let dated = |bound: Option<Date>, ok: fn(Date, Date) -> bool| {
            bound.is_none_or(|b| keys.date.is_some_and(|d| ok(d, b)))
        };
        dated(self.since, |d, b| d >= b)
            && dated(self.until, |d, b| d <= b)
            && self.paper.as_deref().is_none_or(|p| {
                keys.paper
                    .as_deref()
                    .is_some_and(|name| fold(name).contains(&fold(p)))
            })
    }
}

/// Parse a `--since` day: `2019-10-01`, `20191001`, `2019-10` (its first
/// day) or `2019` (1 January).
pub fn parse_since(s: &str) -> Result<Date, String> {
    parse_bound(s, false)
}

/// Parse an `--until` day: as [`parse_since`], but a month or year means
/// its last day.
pub fn parse_until(s: &str) -> Result<Date, String> {
    parse_bound(s, true)
}

fn parse_bound(s: &str, last: bool) -> Result<Date, String> {
    let bad = || {
        tr!(crate::lang::current();
            "{s:?} is not a day: use YYYY-MM-DD, YYYY-MM or YYYY",
            "{s:?} 不是日期：请写 YYYY-MM-DD、YYYY-MM 或 YYYY"
        )
    };
    if let Some(d) = Date::parse(s) {
        return Ok(d);
    }
    let parts: Vec<&str> = s.trim().split(['-', '/', '.']).collect();
    let num = |p: &str| p.parse::<u16>().map_err(|_| bad());
    let (year, month) = match parts[..] {
        [y] if y.len() == 4 => (num(y)?, None),
        [y, m] if y.len() == 4 && (1..=2).contains(&m.len()) => (num(y)?, Some(num(m)? as u8)),
        [ym] if ym.len() == 6 => (num(&ym[..4])?, Some(num(&ym[4..])? as u8)),
        _ => return Err(bad()),
    };
    let (m, d) = match (month, last) {
        (None, false) => (1, 1),
        (None, true) => (12, 31),
        (Some(m), false) => (m, 1),
        (Some(m), true) => (
            m,
            (28..=31)
                .rev()
                .find(|&d| Date::new(year, m, d).is_some())
                .unwrap_or(0),
        ),
    };
    Date::new(year, m, d).ok_or_else(bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds() {
        assert_eq!(
            parse_since("2019-10"),
            Ok(Date::new(2019, 10, 1).expect("day"))
        );
        assert_eq!(
            parse_until("2019-02"),
            Ok(Date::new(2019, 2, 28).expect("day"))
        );
        assert_eq!(
            parse_until("2024"),
            Ok(Date::new(2024, 12, 31).expect("day"))
        );
        assert_eq!(
            parse_since("20191005"),
            Ok(Date::new(2019, 10, 5).expect("day"))
        );
        assert!(parse_since("yesterday").is_err());
        assert!(parse_until("2019-13").is_err());
    }

    #[test]
    fn allows() {
        let keys = |date: Option<Date>, paper: Option<&str>| FileKeys {
            date,
            paper: paper.map(Into::into),
            ..FileKeys::default()
        };
        let f = Filter {
            since: Date::new(2019, 10, 2),
            until: Date::new(2019, 10, 3),
            paper: Some("人民日報".into()),
        };
        assert!(f.allows(&keys(Date::new(2019, 10, 2), Some("人民日报"))));
        assert!(!f.allows(&keys(Date::new(2019, 10, 4), Some("人民日报"))));
        assert!(!f.allows(&keys(Date::new(2019, 10, 1), Some("人民日报"))));
        assert!(!f.allows(&keys(None, Some("人民日报"))));
        assert!(!f.allows(&keys(Date::new(2019, 10, 2), None)));
        assert!(!f.allows(&keys(Date::new(2019, 10, 2), Some("光明日报"))));
        assert!(Filter::default().allows(&keys(None, None)));
    }
}
