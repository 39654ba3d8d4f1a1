//! Bylines and authors: `■本报记者 陈 润 通讯员 刘洋` → `陈润`, `刘洋`.

use super::rules::{
    BYLINE_MARKERS, COMPOUND_SURNAMES, NOT_NAMES, Prefixes, ROLE_WORDS, SURNAMES, more_chars_than,
    strip_first_char,
};
use crate::text::chars::{is_han, is_space};
use std::sync::LazyLock;

static ROLES: LazyLock<Prefixes> = LazyLock::new(|| Prefixes::new(ROLE_WORDS));
static NOT_NAME_WORDS: LazyLock<Prefixes> = LazyLock::new(|| Prefixes::new(NOT_NAMES));
static COMPOUNDS: LazyLock<Prefixes> = LazyLock::new(|| Prefixes::new(COMPOUND_SURNAMES));
/// `SURNAMES`, sorted for a binary search (a `str::contains` would scan
/// the whole list for every name).
static SURNAME_CHARS: LazyLock<Vec<char>> = LazyLock::new(|| {
    let mut v: Vec<char> = SURNAMES.chars().collect();
    v.sort_unstable();
    v
});

/// Longest role word that `s` starts with.
fn role_prefix(s: &str) -> Option<&'static str> {
    ROLES.of(s).max_by_key(|r| r.len())
}

/// Is `name` plausibly a person's name? With a role word in the byline we
/// accept 1–5 Han characters (or a `·` name) that are not a section label;
/// without one, bullets like `●加强领导` and labels like `■链接` must not
/// pass, so a name starts with a known surname: 2–3 characters, or 3–4 with
/// a compound surname.
fn is_name(name: &str, had_role: bool) -> bool {
    let n = name.chars().count();
    if name.contains(['·', '•', '・']) {
        return n <= 16
            && name
                .chars()
                .all(|c| is_han(c) || matches!(c, '·' | '•' | '・'));
    }
    if !name.chars().all(is_han) || NOT_NAME_WORDS.any_in(name) {
        return false;
    }
    if had_role {
        return (1..=5).contains(&n);
    }
    let compound = COMPOUNDS.any(name);
    let surname = name
        .chars()
        .next()
        .is_some_and(|c| SURNAME_CHARS.binary_search(&c).is_ok());
    (compound && (3..=4).contains(&n)) || (surname && (2..=3).contains(&n))
}

/// Parse a list of role words and names (`本报记者 张三 通讯员 李四 王五`).
/// Returns `None` when some token is neither, i.e. this is not a byline.
/// Two-character names padded to three with a space (`陈 润`) are rejoined.
pub fn parse_names(text: &str) -> Option<Vec<String>> {
    let mut names: Vec<String> = Vec::new();
    let mut had_role = false;
    let mut pending_single = false; // the last name was one character: padding?
    for token in text.split(|c: char| is_space(c) || matches!(c, '、' | '，' | ',' | '；' | ';'))
    {
        let mut rest = token;
        while let Some(role) = role_prefix(rest) {
            had_role = true;
            pending_single = false;
            rest = rest[role.len()..].trim_start_matches([':', '：', '/', '／']);
        }
        if rest.is_empty() {
            continue;
        }
        let single = rest.chars().count() == 1 && rest.chars().all(is_han);
        match names.last_mut() {
            Some(last) if single && pending_single => {
                last.push_str(rest);
                pending_single = false;
            }
            _ => {
                names.push(rest.to_owned());
                pending_single = single;
            }
        }
    }
    names.iter().all(|n| is_name(n, had_role)).then_some(names)
}

/// Does `text` open with a reporter's role word (`本报记者`, `通讯员`, …)?
fn opens_with_reporter(text: &str) -> bool {
    role_prefix(text).is_some_and(|r| {
        r.contains("记者") || r.contains("通讯员") || r.contains("記者") || r.contains("通訊員")
    })
}

/// If `text` is a byline block (`■本报记者 罗文鹏`), its text without the
/// marker and its authors. A block without a marker is a byline only when
/// it opens with a reporter's role word and holds nothing but names
/// (`本报记者 张三 通讯员 李四` on its own line).
pub fn parse_byline(text: &str) -> Option<(String, Vec<String>)> {
    let rest = match strip_first_char(text, BYLINE_MARKERS) {
        Some(rest) => rest.trim_matches(is_space),
        None if opens_with_reporter(text) => text,
        None => return None,
    };
    if rest.is_empty() || more_chars_than(rest, 60) {
        return None;
    }
    let authors = parse_names(rest)?;
    if authors.is_empty() && role_prefix(rest).is_none() {
        return None;
    }
    if authors.is_empty() && !text.starts_with(BYLINE_MARKERS) {
        return None;
    }
    Some((rest.to_owned(), authors))
}

/// A byline standing alone in brackets, usually after the body
/// (`（本报记者 张三）`): its text without brackets, and its authors.
pub fn parse_bracketed_byline(text: &str) -> Option<(String, Vec<String>)> {
    let inner = text
        .strip_prefix(['（', '('])?
        .strip_suffix(['）', ')'])?
        .trim_matches(is_space);
    let authors = parse_embedded(inner)?;
    Some((inner.to_owned(), authors))
}

/// Authors of an embedded byline (`（记者 张三 通讯员 李四）`): the bracket
/// content must contain a role word, so `(团队)` is never taken for one.
pub fn parse_embedded(content: &str) -> Option<Vec<String>> {
    let has_role = content.char_indices().any(|(i, _)| {
        role_prefix(&content[i..]).is_some_and(|r| {
            r.contains("记者")
                || r.contains("通讯员")
                || r.contains("記者")
                || r.contains("通訊員")
                || r.contains("实习生")
                || r.contains("實習生")
        })
    });
    if !has_role {
        return None;
    }
    parse_names(content).filter(|n| !n.is_empty())
}

/// `作者：雷收麦 《光明日报》( 2012年10月27日 06版)`: a byline written out,
/// with the paper and date after it. Returns the authors.
pub fn parse_written_byline(text: &str) -> Option<Vec<String>> {
    let rest = text.strip_prefix("作者")?.trim_start_matches(is_space);
    let rest = rest.strip_prefix([':', '：'])?.trim_start_matches(is_space);
    let names = rest.split(['《', '(', '（']).next()?.trim_matches(is_space);
    if names.is_empty() || more_chars_than(names, 30) {
        return None;
    }
    parse_names(names).filter(|n| !n.is_empty())
}

/// The authors a trailing credit names (`（本报记者刘维涛、李昌禹报道）`,
/// `（新华社北京1月1日电  记者秦杰、张旭东）`), if it names any.
pub fn credit_authors(text: &str) -> Vec<String> {
    let inner = text.trim_matches(|c: char| matches!(c, '（' | '(' | '）' | ')') || is_space(c));
    let inner = inner.strip_suffix("报道").unwrap_or(inner);
    // After a dateline the names follow the role word: `…电 记者秦杰、张旭东`.
    let from = ROLES_IN
        .iter()
        .filter_map(|r| inner.find(r))
        .min()
        .unwrap_or(0);
    let names = &inner[from..];
    if let Some(n) = parse_names(names).filter(|n| !n.is_empty()) {
        if n.iter().all(|x| x.chars().count() <= 4) {
            return n;
        }
    }
    // `记者刘维涛、李昌禹`: role word glued to the names.
    for role in ROLES_IN {
        if let Some(rest) = names.strip_prefix(role) {
            if let Some(n) = parse_names(rest).filter(|n| !n.is_empty()) {
                return n;
            }
        }
    }
    Vec::new()
}

/// Role words a trailing credit's names follow.
const ROLES_IN: &[&str] = &["本报记者", "记者", "通讯员"];

#[cfg(test)]
mod tests {
    use super::*;

    fn names(s: &str) -> Vec<String> {
        parse_names(s).unwrap_or_default()
    }

    #[test]
    fn role_words_and_padding() {
        assert_eq!(names("本报记者 罗文鹏"), ["罗文鹏"]);
        assert_eq!(names("本报记者 陈 润"), ["陈润"]);
        assert_eq!(
            names("本报记者 张三 通讯员 李四 王五"),
            ["张三", "李四", "王五"]
        );
        assert_eq!(names("本报记者 谭思远 通讯员 龙 飞"), ["谭思远", "龙飞"]);
        assert_eq!(names("记者王晓东"), ["王晓东"]);
        assert_eq!(names("本报记者 张三、李四"), ["张三", "李四"]);
    }

    #[test]
    fn bylines() {
        assert_eq!(
            parse_byline("■谢小青"),
            Some(("谢小青".into(), vec!["谢小青".into()]))
        );
        assert_eq!(
            parse_byline("■本报通讯员 黄嘉欣"),
            Some(("本报通讯员 黄嘉欣".into(), vec!["黄嘉欣".into()]))
        );
        assert_eq!(parse_byline("●加强组织领导"), None);
        assert_eq!(parse_byline("■全市新建学校18所"), None);
        assert!(parse_byline("◆欧阳文静").is_some());
        assert_eq!(parse_byline("■链接"), None);
        assert_eq!(parse_byline("■记者手记"), None);
        assert_eq!(parse_byline("■短评"), None);
        assert_eq!(
            parse_byline("本报记者 张三 通讯员 李四"),
            Some((
                "本报记者 张三 通讯员 李四".into(),
                vec!["张三".into(), "李四".into()]
            ))
        );
        assert_eq!(parse_byline("记者从市气象台获悉"), None);
        assert_eq!(
            parse_bracketed_byline("（本报记者 张三）"),
            Some(("本报记者 张三".into(), vec!["张三".into()]))
        );
        assert_eq!(parse_bracketed_byline("（完）"), None);
    }

    #[test]
    fn embedded() {
        assert_eq!(
            parse_embedded("记者 张晓峰 通讯员 李梅"),
            Some(vec!["张晓峰".into(), "李梅".into()])
        );
        assert_eq!(parse_embedded("团队"), None);
    }
}
