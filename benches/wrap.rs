//! Wrap throughput on the longest fixture article at 80 columns, with a
//! baseline in the same run: summing per-char widths over the same text
//! (the cheapest possible "layout"), so the report can give a ratio.
use criterion::{Criterion, criterion_group, criterion_main};
use kanbao::text::width::{AmbiguousWidth, char_width};
use kanbao::text::wrap::{LineBreakRule, WrapOptions, wrap};
use std::hint::black_box;
use std::time::Duration;

/// The paragraphs of the longest article (by bytes) in tests/fixtures/*.json.
fn longest_article() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut best: Vec<String> = Vec::new();
    let mut best_len = 0;
    for entry in std::fs::read_dir(dir).expect("fixtures") {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for a in v["articles"].as_array().into_iter().flatten() {
            let paras: Vec<String> = a["paragraphs"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|p| p.as_str().map(String::from))
                .collect();
            let len: usize = paras.iter().map(String::len).sum();
            if len > best_len {
                best_len = len;
                best = paras;
            }
        }
    }
    best
}

fn bench(c: &mut Criterion) {
    let paras = longest_article();
    let chars: usize = paras.iter().map(|p| p.chars().count()).sum();
    eprintln!("longest article: {} paragraphs, {chars} chars", paras.len());
    let opts = WrapOptions {
        width: 80,
        indent: 4,
        rule: LineBreakRule::Basic,
        ambiguous: AmbiguousWidth::Narrow,
        display_punct: false,
        overhang: 0,
    };
    let mut g = c.benchmark_group("longest_article_80col");
    g.bench_function("baseline_char_width_sum", |b| {
        b.iter(|| {
            paras
                .iter()
                .map(|p| {
                    black_box(p.as_str())
                        .chars()
                        .map(|ch| char_width(ch, AmbiguousWidth::Narrow))
                        .sum::<usize>()
                })
                .sum::<usize>()
        })
    });
    g.bench_function("wrap_basic", |b| {
        b.iter(|| {
            paras
                .iter()
                .map(|p| wrap(black_box(p), &opts).len())
                .sum::<usize>()
        })
    });
    let punct = WrapOptions {
        display_punct: true,
        ..opts
    };
    g.bench_function("wrap_basic_display_punct", |b| {
        b.iter(|| {
            paras
                .iter()
                .map(|p| wrap(black_box(p), &punct).len())
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    // Short runs: the machine is shared.
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = bench
}
criterion_main!(benches);
