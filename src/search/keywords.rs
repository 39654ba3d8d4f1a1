//! Per-article keywords: jieba TF-IDF, filtered to real words (no numbers,
//! no single characters, no stop words). With one issue loaded the IDF is
//! jieba's bundled table; with several, it comes from the loaded articles
//! themselves (document frequencies of the word index), which reflects what
//! is distinctive in *this* archive.

use super::index::SearchIndex;
use super::words::{WordIndex, jieba};
use jieba_rs::{KeywordExtract, TfIdf};
use std::collections::HashMap;
use std::sync::OnceLock;

/// Keywords per article.
pub const TOP: usize = 5;

/// Function words and newspaper boilerplate that TF-IDF would otherwise
/// rank high.
const STOP_WORDS: &[&str] = &[
    "我们",
    "你们",
    "他们",
    "她们",
    "它们",
    "这个",
    "那个",
    "这些",
    "那些",
    "一个",
    "一些",
    "没有",
    "已经",
    "以及",
    "进行",
    "通过",
    "可以",
    "对于",
    "关于",
    "因为",
    "所以",
    "但是",
    "而且",
    "如果",
    "同时",
    "其中",
    "目前",
    "表示",
    "记者",
    "本报",
    "本报讯",
    "自己",
    "这样",
    "那样",
    "还是",
    "就是",
    "不是",
    "也是",
    "以上",
    "以下",
    "之后",
    "之前",
    "今年",
    "去年",
    "今天",
    "昨天",
    "明天",
    "日前",
    "近日",
    "此外",
    "为了",
    "由于",
    "要求",
    "并且",
    "或者",
    "以来",
    "当前",
    "有关",
    "相关",
    "一是",
    "二是",
    "三是",
    "通讯员",
    "责任编辑",
    "新华社",
    "指出",
    "认为",
    "这里",
    "那里",
    "什么",
    "怎么",
    "一起",
    "不断",
    "更加",
    "进一步",
    "全面",
    "坚持",
];

/// Characters that make up numbers and dates in Chinese (`三月`, `十四五`,
/// `第五次` are not keywords).
const NUMERAL_CHARS: &str = "零〇一二三四五六七八九十百千万亿两第年月日号次届点半余多几";

/// Whether `w` is a keyword candidate.
pub fn is_keyword_word(w: &str) -> bool {
    let n = w.chars().count();
    n >= 2
        && w.chars().all(char::is_alphanumeric)
        && !w
            .chars()
            .any(|c| c.is_ascii_digit() || c.is_numeric() && !super::fold::is_han(c))
        && !w.chars().all(|c| NUMERAL_CHARS.contains(c))
        && !STOP_WORDS.contains(&w)
}

/// A keyword and its TF-IDF weight.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Keyword {
    /// The word (folded: simplified, lower case).
    pub word: String,
    /// TF-IDF weight.
    pub weight: f64,
}

fn bundled() -> &'static TfIdf {
    static T: OnceLock<TfIdf> = OnceLock::new();
    T.get_or_init(TfIdf::default)
}

/// The top [`TOP`] keywords of global article `a`. `corpus_idf`: take IDF
/// from the loaded articles (`words`) rather than jieba's table — use it
/// when several issues are loaded.
pub fn article_keywords(
    index: &SearchIndex,
    words: &WordIndex,
    a: usize,
    corpus_idf: bool,
) -> Vec<Keyword> {
    let r = index.article_range(a);
    let Ok(text) = std::str::from_utf8(&index.haystack()[r]) else {
        return Vec::new();
    };
    if !corpus_idf {
        // Ask for more than needed: jieba's own filter is English-only, ours
        // drops some of what it returns.
        return bundled()
            .extract_keywords(jieba(), text, TOP * 6, Vec::new())
            .into_iter()
            .filter(|k| is_keyword_word(&k.keyword))
            .take(TOP)
            .map(|k| Keyword {
                word: k.keyword,
                weight: k.weight,
            })
            .collect();
    }
    let mut tf: HashMap<&str, u32> = HashMap::new();
    let mut total = 0u32;
    for t in jieba().cut(text, false) {
        total += 1;
        if is_keyword_word(t.word) {
            *tf.entry(t.word).or_insert(0) += 1;
        }
    }
    let n = words.doc_count().max(1) as f64;
    let mut scored: Vec<Keyword> = tf
        .into_iter()
        .map(|(w, c)| {
            let df = words.doc_freq(w).max(1) as f64;
            Keyword {
                word: w.to_string(),
                weight: c as f64 / total.max(1) as f64 * (n / df).ln(),
            }
        })
        .collect();
    scored.sort_by(|x, y| y.weight.total_cmp(&x.weight).then(x.word.cmp(&y.word)));
    scored.truncate(TOP);
    scored
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_numbers_single_chars_stop_words() {
        assert!(is_keyword_word("民生"));
        assert!(!is_keyword_word("民"));
        assert!(!is_keyword_word("320"));
        assert!(!is_keyword_word("2021年"));
        assert!(!is_keyword_word("三月"));
        assert!(!is_keyword_word("十四五"));
        assert!(!is_keyword_word("我们"));
        assert!(!is_keyword_word("，，"));
    }
}
