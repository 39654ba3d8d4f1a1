use super::*;
use crate::model::{Article, Encoding, Issue};
use crate::search::matcher::tests::{naive, naive_counts};

fn index() -> SearchIndex {
    let texts = [
        ("民生保障", vec!["民生实事，民生保障。", "少年民工"]),
        ("无关", vec!["今天天气很好"]),
        ("", vec![]),
        ("民生", vec!["保障民生，哈哈哈哈", "民 生"]),
        ("工作", vec!["民生保障工作"]),
    ];
    let issue = Issue {
        source: "t".into(),
        encoding: Encoding::Utf8,
        masthead: None,
        credits: None,
        chrome: Vec::new(),
        articles: texts
            .iter()
            .map(|(t, ps)| Article {
                title: (!t.is_empty()).then(|| t.to_string()),
                paragraphs: ps.iter().map(|p| p.to_string()).collect(),
                ..Article::default()
            })
            .collect(),
    };
    SearchIndex::build(&[issue.clone(), issue])
}

/// Counts and matching articles recomputed from the hits alone.
fn check_counts(index: &SearchIndex, m: &Matches, q: &str) {
    let mut counts = vec![0u32; index.article_count()];
    for h in m.hits() {
        let a = (0..index.article_count())
            .find(|&a| index.article_range(a).contains(&(h.start as usize)))
            .expect("hit inside an article");
        counts[a] += 1;
    }
    assert_eq!(m.counts(), &counts[..], "{q}");
    let articles: Vec<u32> = (0..counts.len() as u32)
        .filter(|&a| counts[a as usize] > 0)
        .collect();
    assert_eq!(m.articles(), &articles[..], "{q}");
}

#[test]
fn counts_equal_a_recount_of_the_hits() {
    let index = index();
    let mut s = Searcher::new();
    for q in [
        "民",
        "民生",
        "民生保",
        "民生保障",
        "民生 保障",
        "保障 民",
        "哈哈",
        "哈",
        "民 工作",
        "msbz",
        "无此词",
        "",
    ] {
        let inc = s.search(&index, q);
        let fresh = search(&index, q);
        assert_eq!(inc.hits(), fresh.hits(), "{q}");
        check_counts(&index, &inc, q);
        check_counts(&index, &fresh, q);
    }
    // Cached terms give the same answer again.
    let again = s.search(&index, "民");
    assert_eq!(again.len(), 2 * 8);
    check_counts(&index, &again, "民");
}

#[test]
fn evicted_terms_are_searched_again_exactly() {
    let index = index();
    let mut s = Searcher::new();
    let terms = [
        "民",
        "民生",
        "民生保",
        "生",
        "保",
        "障",
        "工",
        "作",
        "实",
        "事",
        "少",
        "年",
        "天",
        "气",
        "很",
        "好",
        "哈",
        "无",
        "关",
        "民生保障工作",
    ];
    assert!(terms.len() > CACHE);
    for q in terms {
        check_counts(&index, &s.search(&index, q), q);
    }
    assert!(s.cache.len() <= CACHE);
    // `民` was evicted: found afresh; `民生保` is refined from it again.
    for q in ["民", "民生保", "民生保障"] {
        assert_eq!(s.search(&index, q).hits(), search(&index, q).hits(), "{q}");
    }
}

/// An issue of over 4 MB (the threaded scan's threshold) made of
/// `chars` at random, in articles of 1–4 paragraphs of up to `len`
/// characters each, every one titled `title`.
fn big_issue(chars: &[char], mut seed: u64, len: usize, title: &str) -> Issue {
    let mut next = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let mut articles = Vec::new();
    let mut bytes = 0;
    while bytes < (4 << 20) + (1 << 20) {
        let paragraphs: Vec<String> = (0..1 + next(4))
            .map(|_| (0..next(len)).map(|_| chars[next(chars.len())]).collect())
            .collect();
        bytes += paragraphs.iter().map(String::len).sum::<usize>();
        articles.push(Article {
            title: Some(title.into()),
            paragraphs,
            ..Article::default()
        });
    }
    Issue {
        source: "big".into(),
        encoding: Encoding::Utf8,
        masthead: None,
        credits: None,
        chrome: Vec::new(),
        articles,
    }
}

#[test]
fn a_haystack_big_enough_for_threads_gives_exact_hits_and_counts() {
    // Over 4 MB (the threaded scan's threshold) of a few characters,
    // so terms hit often, in articles of varied length.
    const CHARS: &[char] = &['民', '生', '保', '障', '工', '作', '少', '，'];
    let issue = big_issue(CHARS, 0x9E37_79B9_7F4A_7C15, 400, "民生");
    let index = SearchIndex::build(&[issue]);
    assert!(index.haystack().len() > 4 << 20);
    let mut s = Searcher::new();
    for q in [
        "民",
        "民生",
        "民生保",
        "民生保障",
        "民生保障工",
        "生民",
        "少少",
    ] {
        let m = s.search(&index, q);
        let want = naive(index.haystack(), q.as_bytes());
        let got: Vec<u32> = m.hits().iter().map(|h| h.start).collect();
        assert!(got == want, "{q}: {} hits, want {}", got.len(), want.len());
        let counts = naive_counts(index.article_starts(), &want);
        assert!(m.counts() == &counts[..], "{q}: counts");
    }
}

#[test]
fn pinyin_typed_letter_by_letter_equals_the_reference_scan() {
    // Over 4 MB (threaded scan) of characters with these initials,
    // heteronyms (行 x/h, 长 c/z) among them, in varied articles.
    const CHARS: &[char] = &['民', '生', '保', '障', '行', '长', '走', '银', '，', 'a'];
    let issue = big_issue(CHARS, 0x2545_F491_4F6C_DD1D, 300, "银行");
    let index = SearchIndex::build(&[issue]);
    let hay = std::str::from_utf8(index.haystack()).unwrap();
    let starts = index.article_starts();
    let mut s = Searcher::new();
    for q in [
        "m", "ms", "msb", "msbz", "msbzx", "msbzxh", "msb", "xh", "xhx", "xhxh", "yh", "yhc",
        "yhz", "zz", "aa",
    ] {
        let m = s.search(&index, q);
        let fresh = search(&index, q);
        let (want, len) = if q.len() >= 2 && q != "aa" {
            let r = crate::search::pinyin::find_initials(hay, q.as_bytes());
            assert!(m.terms()[0].kind == TermKind::Pinyin, "{q}");
            (
                r.iter().map(|h| h.0).collect::<Vec<_>>(),
                3 * q.len() as u32,
            )
        } else {
            // `m` alone and `aa` (which occurs) are literal.
            assert!(m.terms()[0].kind == TermKind::Literal, "{q}");
            (naive(index.haystack(), q.as_bytes()), q.len() as u32)
        };
        let got: Vec<u32> = m.hits().iter().map(|h| h.start).collect();
        assert!(got == want, "{q}: {} hits, want {}", got.len(), want.len());
        assert!(m.hits().iter().all(|h| h.len == len), "{q}");
        assert!(m.hits() == fresh.hits(), "{q}: fresh");
        let counts = naive_counts(starts, &want);
        assert!(m.counts() == &counts[..], "{q}: counts");
        assert!(fresh.counts() == &counts[..], "{q}: fresh counts");
    }
}

#[test]
fn several_terms_keep_reading_order() {
    let index = index();
    let m = search(&index, "保障 民生");
    let starts: Vec<u32> = m.hits().iter().map(|h| h.start).collect();
    let mut sorted = starts.clone();
    sorted.sort_unstable();
    assert_eq!(starts, sorted);
    // Articles 0, 3 and 4 of each issue hold both terms.
    assert_eq!(m.articles(), &[0, 3, 4, 5, 8, 9]);
}
