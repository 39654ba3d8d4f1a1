//! The language kanbao speaks in: its messages (the status bar, the CLI's
//! errors and warnings, the loading notices) are worded in one language,
//! chosen from the locale the way other command-line programs choose it:
//! the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set and not empty;
//! a `zh…` locale means Chinese, anything else (or none) English. Terms
//! with no good translation keep their English word in a Chinese message
//! (`Markdown`, `$PAGER`, a config key).
//!
//! Every message is written where it is raised, both wordings side by side
//! with [`tr!`], so a message can never exist in one language only. The
//! help overlay's action descriptions are bilingual by design (a key table
//! is read like a dictionary) and are not messages.
//!
//! The process's language is set once at start-up ([`init_from_env`]);
//! until then (in tests) it is English. The reader keeps its own copy
//! (`App::lang`) so a test can read it in either language without touching
//! the process.

use std::sync::OnceLock;

/// A language kanbao's messages are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// English: the default, and every locale but Chinese ones.
    #[default]
    En,
    /// Simplified Chinese, for `zh_CN`, `zh_TW`, `zh_HK`, `zh_SG`, `zh`.
    Zh,
}

impl Lang {
    /// The language a locale name asks for (`zh_CN.UTF-8` → Chinese;
    /// `C`, `POSIX`, `en_US.UTF-8`, `de_DE` → English).
    pub fn from_locale(locale: &str) -> Lang {
        let l = locale.trim();
        if l.len() >= 2 && l[..2].eq_ignore_ascii_case("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// The language of the locale variables, in POSIX's order of
    /// precedence; `var` looks one up (the environment, or a table in tests).
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|name| var(name).filter(|v| !v.trim().is_empty()))
            .map_or(Lang::En, |v| Lang::from_locale(&v))
    }
}

static PROCESS: OnceLock<Lang> = OnceLock::new();

/// Set the process's language from the environment (once; later calls
/// keep the first). The binary calls it before anything can fail.
pub fn init_from_env() -> Lang {
    *PROCESS.get_or_init(|| Lang::from_vars(|name| std::env::var(name).ok()))
}

/// The process's language: what [`init_from_env`] found, else English.
pub fn current() -> Lang {
    PROCESS.get().copied().unwrap_or_default()
}

/// A message in one language: `tr!(lang; "English {x}", "中文{x}")`, or
/// with format arguments after the two wordings. Only the chosen wording
/// is formatted.
#[macro_export]
macro_rules! tr {
    ($lang:expr; $en:literal, $zh:literal $(,)?) => {
        match $lang {
            $crate::lang::Lang::Zh => format!($zh),
            $crate::lang::Lang::En => format!($en),
        }
    };
    ($lang:expr; $en:literal, $zh:literal, $($arg:tt)+) => {
        match $lang {
            $crate::lang::Lang::Zh => format!($zh, $($arg)+),
            $crate::lang::Lang::En => format!($en, $($arg)+),
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_choose_the_language() {
        for (locale, want) in [
            ("zh_CN.UTF-8", Lang::Zh),
            ("zh_TW.Big5", Lang::Zh),
            ("zh", Lang::Zh),
            ("ZH_cn", Lang::Zh),
            ("C", Lang::En),
            ("C.UTF-8", Lang::En),
            ("POSIX", Lang::En),
            ("en_US.UTF-8", Lang::En),
            ("de_DE", Lang::En),
            ("z", Lang::En),
            ("", Lang::En),
        ] {
            assert_eq!(Lang::from_locale(locale), want, "{locale:?}");
        }
    }

    #[test]
    fn precedence_is_posix() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| (*v).to_owned())
            }
        };
        assert_eq!(Lang::from_vars(env(&[])), Lang::En);
        assert_eq!(Lang::from_vars(env(&[("LANG", "zh_CN.UTF-8")])), Lang::Zh);
        // LC_ALL wins over LANG, LC_MESSAGES over LANG, an empty one is unset.
        let all = env(&[("LC_ALL", "C"), ("LANG", "zh_CN.UTF-8")]);
        assert_eq!(Lang::from_vars(all), Lang::En);
        let msgs = env(&[("LC_MESSAGES", "zh_TW"), ("LANG", "en_US")]);
        assert_eq!(Lang::from_vars(msgs), Lang::Zh);
        let empty = env(&[("LC_ALL", " "), ("LANG", "zh_CN")]);
        assert_eq!(Lang::from_vars(empty), Lang::Zh);
    }

    #[test]
    fn tr_formats_only_the_chosen_wording() {
        let n = 3;
        assert_eq!(tr!(Lang::En; "{n} new", "新增 {n} 个"), "3 new");
        assert_eq!(tr!(Lang::Zh; "{n} new", "新增 {n} 个"), "新增 3 个");
        assert_eq!(tr!(Lang::Zh; "{} new", "新增 {} 个", n + 1), "新增 4 个");
        assert_eq!(tr!(Lang::En; "plain", "普通"), "plain");
    }
}
