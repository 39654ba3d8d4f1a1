//! Per-article keywords: jieba TF-IDF, filtered to real words (no numbers,
//! no single characters, no stop words). With one issue loaded the IDF is
//! jieba's bundled table; with several, it comes from the loaded articles
//! themselves (document frequencies of the word index), which reflects what
//! is distinctive in *this* archive.

use super::index::SearchIndex;
use super::words::{WordIndex, jieba};
use crate::model::Article;
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
            .any(|c| c.is_ascii_digit() || c.is_numeric() && !crate::text::chars::is_han(c))
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
    let Some(text) = keyword_text(index, a) else {
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
    tf_idf(text, words.doc_count(), |w| words.doc_freq(w))
}

/// Keywords of global article `a` of `index` with IDF from `docs` (the
/// articles of every loaded issue, not only the indexed ones).
pub fn article_keywords_in(index: &SearchIndex, docs: &DocFreqs, a: usize) -> Vec<Keyword> {
    let Some(text) = keyword_text(index, a) else {
        return Vec::new();
    };
    tf_idf(text, docs.docs, |w| docs.doc_freq(w) as usize)
}

/// Bytes of an article its keywords are taken from: every real article
/// whole; of a huge one (a 500 MB one-line file) its start, since this
/// runs on the UI thread when the word index arrives.
pub const KEYWORD_TEXT: usize = 1 << 20;

/// The text of global article `a` keywords are taken from.
fn keyword_text(index: &SearchIndex, a: usize) -> Option<&str> {
    let r = index.article_range(a);
    let r = r.start..r.end.min(r.start + KEYWORD_TEXT);
    let bytes = &index.haystack()[r];
    match std::str::from_utf8(bytes) {
        Ok(t) => Some(t),
        // Cut inside a character: the valid part before it.
        Err(e) if e.error_len().is_none() => std::str::from_utf8(&bytes[..e.valid_up_to()]).ok(),
        Err(_) => None,
    }
}

/// Document frequencies of keyword-shaped words (jieba's default cut, the
/// one term frequencies use) over a set of articles: the IDF of keywords
/// when several issues are loaded. Built off the UI thread (jieba runs at
/// tens of MB/s), on all cores.
#[derive(Debug, Default, Clone)]
pub struct DocFreqs {
    docs: usize,
    df: HashMap<Box<str>, u32>,
}

impl DocFreqs {
    /// Count over `articles`.
    pub fn build<'a>(articles: impl IntoIterator<Item = &'a Article>) -> DocFreqs {
        use rayon::prelude::*;
        let articles: Vec<&Article> = articles.into_iter().collect();
        let df = articles
            .par_iter()
            .fold(HashMap::<Box<str>, u32>::new, |mut df, a| {
                let mut seen: Vec<&str> = Vec::new();
                for (_, text) in super::index::article_fields(a) {
                    for t in jieba().cut(text, false) {
                        if is_keyword_word(t.word) {
                            seen.push(t.word);
                        }
                    }
                }
                seen.sort_unstable();
                seen.dedup();
                for w in seen {
                    *df.entry(w.into()).or_insert(0) += 1;
                }
                df
            })
            .reduce(HashMap::new, |mut x, y| {
                let (mut big, small) = if x.len() >= y.len() {
                    (x, y)
                } else {
                    (y, std::mem::take(&mut x))
                };
                for (w, c) in small {
                    *big.entry(w).or_insert(0) += c;
                }
                big
            });
        DocFreqs {
            docs: articles.len(),
            df,
        }
    }

    /// Number of articles counted.
    pub fn docs(&self) -> usize {
        self.docs
    }

    /// In how many of them `word` occurs.
    pub fn doc_freq(&self, word: &str) -> u32 {
        self.df.get(word).copied().unwrap_or(0)
    }
}

/// TF-IDF over `text` with `n` documents and document frequencies `df`.
fn tf_idf(text: &str, n: usize, df: impl Fn(&str) -> usize) -> Vec<Keyword> {
    let mut tf: HashMap<&str, u32> = HashMap::new();
    let mut total = 0u32;
    for t in jieba().cut(text, false) {
        total += 1;
        if is_keyword_word(t.word) {
            *tf.entry(t.word).or_insert(0) += 1;
        }
    }
    let n = n.max(1) as f64;
    let mut scored: Vec<Keyword> = tf
        .into_iter()
        .map(|(w, c)| {
            let df = df(w).max(1) as f64;
            Keyword {
                word: w.to_string(),
                weight: c as f64 / total.max(1) as f64 * (n / df).ln(),
            }
        })
        .collect();
    // A word in every document says nothing about this one.
    scored.retain(|k| k.weight > 0.0);
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

    /// IDF from the loaded articles: a word in every article weighs
    /// nothing, so it is never a keyword, while a rarer one is.
    #[test]
    fn corpus_doc_freqs_drop_words_every_article_has() {
        let mut issue = crate::loader::sample();
        for a in &mut issue.articles {
            a.paragraphs.push("营商环境营商环境，营商环境。".into());
        }
        let docs = DocFreqs::build(&issue.articles);
        assert_eq!(docs.docs(), issue.articles.len());
        assert_eq!(docs.doc_freq("营商"), issue.articles.len() as u32);
        let index = SearchIndex::build(std::slice::from_ref(&issue));
        let k: Vec<String> = article_keywords_in(&index, &docs, 0)
            .into_iter()
            .map(|k| k.word)
            .collect();
        assert!(!k.is_empty());
        assert!(!k.iter().any(|w| w == "营商" || w == "环境"), "{k:?}");
        // With jieba's own IDF table the repeated phrase dominates.
        let bundled: Vec<String> = bundled()
            .extract_keywords(jieba(), "营商环境营商环境，营商环境。民生", 5, Vec::new())
            .into_iter()
            .map(|k| k.keyword)
            .collect();
        assert!(bundled.iter().any(|w| w == "营商"), "{bundled:?}");
    }
}
