//! Loader throughput: the bundled sample, a ~10 MB synthetic issue made
//! of the fixtures' articles (digits varied so no two copies are equal),
//! and the 892 real pages of `../shared/corpus/real/pages` one file at a
//! time (skipped when `../shared` is absent). Each input also gets a
//! baseline on the same bytes — UTF-8 validation plus
//! `str::lines().count()` — so the loader can be reported as a ratio.
//!
//! `cargo bench --bench loader`; results in docs/benchmarks.md.

use criterion::{BenchmarkId, Criterion, Throughput, black_box, criterion_group, criterion_main};
use kanbao::loader::{self, decode, sanitize};
use kanbao::model::Encoding;
use std::time::Duration;

const FIXTURES: [&[u8]; 3] = [
    include_bytes!("../tests/fixtures/000_0c3d2c04bd8aa6d3.txt"),
    include_bytes!("../tests/fixtures/paper-a-fullwidth.txt"),
    include_bytes!("../tests/fixtures/paper-b-indented.txt"),
];

/// The three fixtures decoded to UTF-8 (one is GB18030, CRLF), with LF ends.
fn fixture_texts() -> Vec<String> {
    FIXTURES
        .iter()
        .map(|b| {
            let (text, _) = decode::decode(b.to_vec()).expect("fixture decodes");
            sanitize::sanitize(&text).into_owned()
        })
        .collect()
}

/// A synthetic issue of at least `target` bytes: the fixture texts over and
/// over, each copy's ASCII digits shifted by the copy number, so the text
/// is not one block repeated (and dates, counts, pages all vary).
pub fn synthetic_issue(target: usize) -> String {
    let texts = fixture_texts();
    let mut out = String::with_capacity(target + 16 * 1024);
    let mut copy: u32 = 0;
    while out.len() < target {
        for t in &texts {
            for c in t.chars() {
                if let Some(d) = c.to_digit(10) {
                    let shifted = (d + copy) % 10;
                    out.push(char::from_digit(shifted, 10).unwrap_or(c));
                } else {
                    out.push(c);
                }
            }
            out.push_str("\n\n");
            copy = copy.wrapping_add(7);
        }
    }
    out
}

fn baseline(bytes: &[u8]) -> usize {
    std::str::from_utf8(bytes).map_or(0, |s| s.lines().count())
}

fn bench_input(c: &mut Criterion, group_name: &str, name: &str, bytes: &[u8]) {
    let mut group = c.benchmark_group(group_name);
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    if bytes.len() > 1_000_000 {
        group.sample_size(20);
        group.measurement_time(Duration::from_secs(20));
    }
    group.bench_function(BenchmarkId::new("load_bytes", name), |b| {
        b.iter(|| {
            // The copy is part of the cost: load_bytes takes ownership.
            let issue = loader::load_bytes("bench.txt", black_box(bytes).to_vec());
            black_box(issue.map(|i| i.articles.len()).unwrap_or(0))
        });
    });
    group.bench_function(BenchmarkId::new("baseline_utf8_lines", name), |b| {
        b.iter(|| black_box(baseline(black_box(bytes))));
    });
    group.finish();
}

/// Time the loader's stages separately on the synthetic issue, to see where
/// the time goes (decode, sanitize, prepare = units + shapes + cues,
/// segment, the whole parse).
fn bench_stages(c: &mut Criterion, bytes: &[u8]) {
    let mut group = c.benchmark_group("loader_stages");
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(15));
    group.bench_function("decode", |b| {
        b.iter(|| black_box(decode::decode(black_box(bytes).to_vec()).map(|t| t.0.len())));
    });
    // What load_bytes runs: simdutf8 validation, the byte scan, the text
    // borrowed from the bytes.
    group.bench_function("decode_with", |b| {
        b.iter(|| {
            black_box(decode::decode_with(
                black_box(bytes).to_vec(),
                |text, _, scan| text.len() + scan.controls,
            ))
        });
    });
    let (text, _) = decode::decode(bytes.to_vec()).expect("synthetic decodes");
    group.bench_function("sanitize", |b| {
        b.iter(|| black_box(sanitize::sanitize(black_box(&text)).len()));
    });
    group.bench_function("prepare (units + shapes + cues)", |b| {
        b.iter(|| black_box(loader::prepare(black_box(&text)).units.len()));
    });
    let page = loader::prepare(&text);
    let weights = loader::segment::Weights::default();
    group.bench_function("segment", |b| {
        b.iter(|| black_box(loader::segment::segment(black_box(&page.cues), &weights).len()));
    });
    group.bench_function("parse (prepare + segment + assemble)", |b| {
        b.iter(|| black_box(loader::parse("bench.txt", black_box(&text), Encoding::Utf8)));
    });
    group.finish();
}

/// The `*.txt` files of `../shared/corpus/real/pages`, sorted by name, or
/// `None` when the folder is not there.
fn real_pages() -> Option<Vec<Vec<u8>>> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/real/pages");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths.iter().map(|p| std::fs::read(p).ok()).collect()
}

/// Every real page through `load_bytes`, file by file, as a reader opening
/// them does; throughput over their total size.
fn bench_real_pages(c: &mut Criterion) {
    let Some(pages) = real_pages() else {
        eprintln!("loader_real_pages skipped: ../shared/corpus/real/pages is not there");
        return;
    };
    let total: usize = pages.iter().map(Vec::len).sum();
    let mut group = c.benchmark_group("loader_real_pages");
    group.throughput(Throughput::Bytes(total as u64));
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(20));
    let name = format!("{}_files", pages.len());
    group.bench_function(BenchmarkId::new("load_bytes", &name), |b| {
        b.iter(|| {
            let mut articles = 0;
            for bytes in &pages {
                let issue = loader::load_bytes("bench.txt", black_box(bytes).to_vec());
                articles += issue.map(|i| i.articles.len()).unwrap_or(0);
            }
            black_box(articles)
        });
    });
    group.bench_function(BenchmarkId::new("baseline_utf8_lines", &name), |b| {
        b.iter(|| {
            let lines: usize = pages.iter().map(|p| baseline(black_box(p))).sum();
            black_box(lines)
        });
    });
    group.finish();
}

fn benches(c: &mut Criterion) {
    bench_input(c, "loader_sample", "sample", kanbao::SAMPLE_BYTES);
    let big = synthetic_issue(10 * 1024 * 1024);
    bench_input(c, "loader_10MB", "synthetic_10MB", big.as_bytes());
    bench_stages(c, big.as_bytes());
    bench_real_pages(c);
}

criterion_group!(loader_benches, benches);
criterion_main!(loader_benches);
