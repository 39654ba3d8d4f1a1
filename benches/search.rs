//! Search benchmarks on a synthetic archive of ~10,000 issues (~100 MB)
//! made in memory from the fixture articles, varied so it is not 10,000
//! copies: paragraphs shuffled, characters substituted, numbers changed.
//!
//! Reported (printed as a table, and through criterion):
//! - per keystroke of `民生保障工作` typed one character at a time into an
//!   incremental [`Searcher`]: time to update all hits and per-article
//!   counts (p50/p99), and the same for a fresh search of each prefix;
//! - the baseline: a single-threaded `memchr::memmem` count of the same
//!   prefix over the raw text bytes, and the ratio;
//! - the same table for the pinyin initials `msbzgz` typed one letter at a
//!   time (`m` is a literal term; from `ms` on they match as initials),
//!   against a memmem count of `民` over the raw bytes (a full pass);
//! - BM25 word search per query; index build times; index memory.
//!
//! `KANBAO_BENCH_ISSUES=500 cargo bench --bench search` runs a small one.

use criterion::{Criterion, criterion_group, criterion_main};
use kanbao::model::Issue;
use kanbao::search::words::WordIndex;
use kanbao::search::{SearchIndex, Searcher, search};
use std::hint::black_box;
use std::time::{Duration, Instant};

const QUERY: &str = "民生保障工作";
/// Pinyin initials typed one letter at a time (`m` alone is literal).
const PINYIN: &str = "msbzgz";
/// The pinyin table's baseline: a full memmem count of this over the raw
/// bytes (one thread).
const PINYIN_BASE: &str = "民";
const WORD_QUERIES: &[&str] = &[
    "保障民生工作",
    "春季农业会议部署",
    "读书活动市民",
    "营商环境企业服务",
];

/// Small deterministic PRNG (xorshift64*): the archive is the same every run.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn fixtures() -> Vec<Issue> {
    [
        "000_0c3d2c04bd8aa6d3",
        "paper-a-fullwidth",
        "paper-b-indented",
    ]
    .iter()
    .map(|name| {
        let path = format!("{}/tests/fixtures/{name}.json", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(path).expect("fixture");
        serde_json::from_str(&text).expect("fixture json")
    })
    .collect()
}

/// Vary one text: substitute ~4% of Han characters from a pool taken from
/// the fixtures, and replace every ASCII digit.
fn vary(text: &str, pool: &[char], rng: &mut Rng) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_digit() {
                char::from(b'0' + rng.below(10) as u8)
            } else if kanbao::text::chars::is_han(c) && rng.below(25) == 0 {
                pool[rng.below(pool.len())]
            } else {
                c
            }
        })
        .collect()
}

fn archive(n: usize) -> Vec<Issue> {
    let base = fixtures();
    let mut pool: Vec<char> = base
        .iter()
        .flat_map(|i| &i.articles)
        .flat_map(|a| a.paragraphs.iter().flat_map(|p| p.chars()))
        .filter(|&c| kanbao::text::chars::is_han(c))
        .collect();
    pool.sort_unstable();
    pool.dedup();
    let all_articles: Vec<_> = base.iter().flat_map(|i| i.articles.clone()).collect();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    (0..n)
        .map(|k| {
            let template = &base[k % base.len()];
            let mut issue = template.clone();
            issue.source = format!("{k:05}_{}", template.source);
            // Articles drawn from all fixtures, so issues differ in content.
            issue.articles = (0..template.articles.len() + 2 + rng.below(3))
                .map(|_| {
                    let mut a = all_articles[rng.below(all_articles.len())].clone();
                    // Shuffle the paragraphs (Fisher–Yates).
                    for i in (1..a.paragraphs.len()).rev() {
                        let j = rng.below(i + 1);
                        a.paragraphs.swap(i, j);
                    }
                    a.paragraphs = a
                        .paragraphs
                        .iter()
                        .map(|p| vary(p, &pool, &mut rng))
                        .collect();
                    a.title = a.title.map(|t| vary(&t, &pool, &mut rng));
                    a
                })
                .collect();
            issue
        })
        .collect()
}

/// The raw bytes of every searchable field, for the memmem baseline.
fn raw_text(issues: &[Issue]) -> Vec<u8> {
    let mut raw = Vec::new();
    for a in issues.iter().flat_map(|i| &i.articles) {
        for (_, t) in kanbao::search::index::article_fields(a) {
            raw.extend_from_slice(t.as_bytes());
            raw.push(b'\n');
        }
    }
    raw
}

fn prefixes(query: &str) -> Vec<String> {
    let chars: Vec<char> = query.chars().collect();
    (1..=chars.len())
        .map(|n| chars[..n].iter().collect())
        .collect()
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1e3
}

fn time<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let t = Instant::now();
    let v = f();
    (v, t.elapsed())
}

/// Type `pre` one prefix at a time into a new [`Searcher`], 30 rounds, and
/// print p50/p99 per keystroke, incremental and fresh, against `baseline`
/// (timed in the same loop).
fn keystrokes(index: &SearchIndex, pre: &[String], baseline: impl Fn(&str) -> usize, what: &str) {
    let rounds = 30;
    let mut inc: Vec<Vec<Duration>> = vec![Vec::new(); pre.len()];
    let mut fresh: Vec<Vec<Duration>> = vec![Vec::new(); pre.len()];
    let mut base: Vec<Vec<Duration>> = vec![Vec::new(); pre.len()];
    let mut hits = vec![0usize; pre.len()];
    let mut kinds = vec![String::new(); pre.len()];
    for _ in 0..rounds {
        let mut s = Searcher::new();
        for (k, q) in pre.iter().enumerate() {
            let (m, d) = time(|| s.search(index, q));
            hits[k] = m.len();
            kinds[k] = m
                .terms()
                .iter()
                .map(|t| format!("{:?}", t.kind).to_lowercase())
                .collect();
            inc[k].push(d);
            let (m2, d2) = time(|| search(index, q));
            assert_eq!(m2.hits(), m.hits(), "{q}");
            assert_eq!(m2.counts(), m.counts(), "{q}");
            fresh[k].push(d2);
            let (_, d3) = time(|| black_box(baseline(q)));
            base[k].push(d3);
        }
    }
    println!();
    println!(
        "| prefix | kind | hits | incremental p50 / p99 ms | fresh p50 / p99 ms | {what} p50 ms | ratio fresh/baseline (p50) |"
    );
    println!("|---|---|---:|---:|---:|---:|---:|");
    let mut all_inc = Vec::new();
    let mut all_fresh = Vec::new();
    for k in 0..pre.len() {
        for v in [&mut inc[k], &mut fresh[k], &mut base[k]] {
            v.sort();
        }
        all_inc.extend_from_slice(&inc[k]);
        all_fresh.extend_from_slice(&fresh[k]);
        println!(
            "| {} | {} | {} | {:.2} / {:.2} | {:.2} / {:.2} | {:.2} | {:.2} |",
            pre[k],
            kinds[k],
            hits[k],
            percentile(&inc[k], 0.5),
            percentile(&inc[k], 0.99),
            percentile(&fresh[k], 0.5),
            percentile(&fresh[k], 0.99),
            percentile(&base[k], 0.5),
            percentile(&fresh[k], 0.5) / percentile(&base[k], 0.5).max(1e-9),
        );
    }
    all_inc.sort();
    all_fresh.sort();
    println!(
        "all keystrokes: incremental p50 {:.2} ms p99 {:.2} ms; fresh p50 {:.2} ms p99 {:.2} ms",
        percentile(&all_inc, 0.5),
        percentile(&all_inc, 0.99),
        percentile(&all_fresh, 0.5),
        percentile(&all_fresh, 0.99)
    );
}

fn report(
    issues: &[Issue],
    index: &SearchIndex,
    words: &WordIndex,
    raw: &[u8],
    build: Duration,
    wbuild: Duration,
) {
    let text_bytes = index.original_bytes();
    println!();
    println!(
        "archive: {} issues, {} articles, {:.1} MB of article text",
        issues.len(),
        index.article_count(),
        text_bytes as f64 / 1e6
    );
    println!(
        "literal index: build {:.0} ms, {:.1} MB ({:.2}× text)",
        build.as_secs_f64() * 1e3,
        index.heap_bytes() as f64 / 1e6,
        index.heap_bytes() as f64 / text_bytes as f64
    );
    println!(
        "word index: build {:.1} s (incl. dictionary), {:.1} MB ({:.2}× text)",
        wbuild.as_secs_f64(),
        words.heap_bytes() as f64 / 1e6,
        words.heap_bytes() as f64 / text_bytes as f64
    );

    keystrokes(
        index,
        &prefixes(QUERY),
        |q| kanbao::search::matcher::count_raw(raw, q.as_bytes()),
        "memmem count of the prefix",
    );
    println!();
    println!(
        "pinyin initials {PINYIN}, baseline: memmem count of `{PINYIN_BASE}` over the raw bytes"
    );
    keystrokes(
        index,
        &prefixes(PINYIN),
        |_| kanbao::search::matcher::count_raw(raw, PINYIN_BASE.as_bytes()),
        "memmem count of 民",
    );
    println!();
    for q in WORD_QUERIES {
        let mut ds = Vec::new();
        let mut n = 0;
        for _ in 0..10 {
            let (r, d) = time(|| words.search(index, issues, q, 20));
            n = r.hits.len();
            ds.push(d);
        }
        ds.sort();
        println!(
            "BM25 {q}: {n} results, p50 {:.2} ms, max {:.2} ms",
            percentile(&ds, 0.5),
            percentile(&ds, 1.0)
        );
    }
    println!();
}

fn benches(c: &mut Criterion) {
    let n = std::env::var("KANBAO_BENCH_ISSUES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let (issues, made) = time(|| archive(n));
    println!("generated {n} issues in {:.1} s", made.as_secs_f64());
    let (index, build) = time(|| SearchIndex::build(&issues));
    let (words, wbuild) = time(|| WordIndex::build(&index));
    let raw = raw_text(&issues);
    report(&issues, &index, &words, &raw, build, wbuild);

    let mut g = c.benchmark_group("keystroke");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    for q in prefixes(QUERY) {
        g.bench_function(format!("fresh/{q}"), |b| {
            b.iter(|| search(&index, black_box(&q)))
        });
        g.bench_function(format!("memmem/{q}"), |b| {
            b.iter(|| kanbao::search::matcher::count_raw(&raw, black_box(q.as_bytes())))
        });
    }
    g.bench_function("typed/民生保障工作", |b| {
        b.iter(|| {
            let mut s = Searcher::new();
            for q in prefixes(QUERY) {
                black_box(s.search(&index, &q).len());
            }
        })
    });
    g.bench_function(format!("typed/{PINYIN}"), |b| {
        b.iter(|| {
            let mut s = Searcher::new();
            for q in prefixes(PINYIN) {
                black_box(s.search(&index, &q).len());
            }
        })
    });
    g.finish();
    let mut g = c.benchmark_group("words");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    g.bench_function("bm25/保障民生工作", |b| {
        b.iter(|| words.search(&index, &issues, black_box("保障民生工作"), 20))
    });
    g.finish();
}

criterion_group!(search_benches, benches);
criterion_main!(search_benches);
