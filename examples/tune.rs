//! Score the loader on the real pages, show how it reads one page, or
//! tune its weights by coordinate ascent — on one part of the pages,
//! checked on the rest.
//!
//! ```text
//! cargo run --release --example tune -- score            # per folder, train/check
//! cargo run --release --example tune -- show FILE.txt    # units, labels, cues
//! cargo run --release --example tune -- tune [PASSES]    # suggest weight changes
//! ```
//! `KANBAO_TUNE_TRAIN` (default `201902`) is the file-name part that puts a
//! page in the training part; every other page is the check part. The
//! metric is `../shared/tools/realcheck.py`'s "articles exact".

use kanbao::loader::{self, decode, sanitize, segment::Weights};
use kanbao::model::{Article, Encoding, Issue};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

#[derive(serde::Deserialize)]
struct Truth {
    articles: Vec<TrueArticle>,
}

#[derive(serde::Deserialize)]
struct TrueArticle {
    kicker: Option<String>,
    title: String,
    subtitle: Option<String>,
    body: Vec<String>,
}

struct Page {
    name: String,
    folder: String,
    text: String,
    truth: Truth,
}

fn norm(s: Option<&str>) -> String {
    s.unwrap_or("")
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}' && *c != '\u{feff}')
        .collect()
}

fn counted(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '0'..='9')
}

fn han<'a>(texts: impl Iterator<Item = &'a str>) -> HashMap<char, u32> {
    let mut m = HashMap::new();
    for t in texts {
        for c in t.chars().filter(|&c| counted(c)) {
            *m.entry(c).or_insert(0) += 1;
        }
    }
    m
}

fn body_of(a: &Article) -> HashMap<char, u32> {
    han(a
        .byline
        .as_deref()
        .into_iter()
        .chain(a.credit.as_deref())
        .chain(a.paragraphs.iter().map(String::as_str))
        .chain(a.captions.iter().map(String::as_str))
        .chain(a.jumps.iter().map(|j| j.text.as_str())))
}

/// (articles exact, articles, page exact)
fn score(issue: &Issue, truth: &Truth, misses: Option<&mut Vec<String>>) -> (usize, usize, bool) {
    let mut pool: HashMap<String, Vec<&Article>> = HashMap::new();
    for a in issue.articles.iter().rev() {
        pool.entry(norm(a.title.as_deref())).or_default().push(a);
    }
    let mut exact = 0;
    let mut page_ok = issue.articles.len() == truth.articles.len();
    let mut out = Vec::new();
    for e in &truth.articles {
        let Some(g) = pool.get_mut(&norm(Some(&e.title))).and_then(Vec::pop) else {
            page_ok = false;
            out.push(format!("no article titled {:?}", e.title));
            continue;
        };
        let dk = norm(g.kicker.as_deref()) == norm(e.kicker.as_deref())
            && norm(g.subtitle.as_deref()) == norm(e.subtitle.as_deref());
        let bd = body_of(g) == han(e.body.iter().map(String::as_str));
        if dk && bd {
            exact += 1;
        } else {
            page_ok = false;
            out.push(format!(
                "{:?}: deck {} body {}",
                e.title,
                if dk { "ok" } else { "WRONG" },
                if bd { "ok" } else { "WRONG" }
            ));
        }
    }
    if let Some(m) = misses {
        m.extend(out);
    }
    (exact, truth.articles.len(), page_ok)
}

/// The three fixtures of `../shared/corpus` (`NAME.txt` + `NAME.json` in
/// the export's form), as pages with their truth.
fn load_fixtures(dir: &Path) -> Vec<Page> {
    let mut pages = Vec::new();
    for name in [
        "000_0c3d2c04bd8aa6d3",
        "paper-a-fullwidth",
        "paper-b-indented",
    ] {
        let (Ok(bytes), Ok(json)) = (
            std::fs::read(dir.join(format!("{name}.txt"))),
            std::fs::read_to_string(dir.join(format!("{name}.json"))),
        ) else {
            continue;
        };
        let Ok(issue) = serde_json::from_str::<Issue>(&json) else {
            continue;
        };
        let Ok((text, _)) = decode::decode(bytes) else {
            continue;
        };
        let articles = issue
            .articles
            .iter()
            .map(|a| TrueArticle {
                kicker: a.kicker.clone(),
                title: a.title.clone().unwrap_or_default(),
                subtitle: a.subtitle.clone(),
                body: a
                    .byline
                    .iter()
                    .chain(&a.paragraphs)
                    .chain(&a.captions)
                    .cloned()
                    .chain(a.jumps.iter().map(|j| j.text.clone()))
                    .chain(a.credit.clone())
                    .collect(),
            })
            .collect();
        pages.push(Page {
            name: format!("{name}.txt"),
            folder: "fixtures".into(),
            text: sanitize::sanitize(&text).into_owned(),
            truth: Truth { articles },
        });
    }
    pages
}

fn load(dir: &Path, folder: &str) -> Vec<Page> {
    let mut pages = Vec::new();
    let Ok(rd) = std::fs::read_dir(dir) else {
        return pages;
    };
    let mut files: Vec<PathBuf> = rd
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    for f in files {
        let truth_path = f.with_extension("truth.json");
        let Ok(t) = std::fs::read_to_string(&truth_path) else {
            continue;
        };
        let Ok(truth) = serde_json::from_str(&t) else {
            continue;
        };
        let Ok(bytes) = std::fs::read(&f) else {
            continue;
        };
        let Ok((text, _)) = decode::decode(bytes) else {
            continue;
        };
        let text = sanitize::sanitize(&text).into_owned();
        let name = f
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        pages.push(Page {
            name,
            folder: folder.to_owned(),
            text,
            truth,
        });
    }
    pages
}

/// (exact, total, pages exact, pages) per folder and part.
type Tally = HashMap<(String, bool), (usize, usize, usize, usize)>;

fn evaluate(pages: &[Page], train: &str, w: &Weights) -> Tally {
    use rayon::prelude::*;
    pages
        .par_iter()
        .map(|p| {
            let issue = loader::parse_with(&p.name, &p.text, Encoding::Utf8, w);
            let (e, n, ok) = score(&issue, &p.truth, None);
            // The fixtures are always trained on (they are the designed layout).
            let part = p.name.contains(train) || p.folder == "fixtures";
            ((p.folder.clone(), part), (e, n, usize::from(ok), 1))
        })
        .fold(Tally::new, |mut m, (k, v)| {
            let x = m.entry(k).or_default();
            *x = (x.0 + v.0, x.1 + v.1, x.2 + v.2, x.3 + v.3);
            m
        })
        .reduce(Tally::new, |mut a, b| {
            for (k, v) in b {
                let x = a.entry(k).or_default();
                *x = (x.0 + v.0, x.1 + v.1, x.2 + v.2, x.3 + v.3);
            }
            a
        })
}

/// The objective on one part: articles exact, seedlike counted double (it
/// is the harder layout and the smaller folder).
fn objective(t: &Tally, train: bool) -> f64 {
    t.iter()
        .filter(|((_, tr), _)| *tr == train)
        .map(|((f, _), v)| {
            let k = match f.as_str() {
                "seedlike" => 2.0,
                "fixtures" => 10.0,
                _ => 1.0,
            };
            k * (v.0 as f64 + 0.5 * v.2 as f64)
        })
        .sum()
}

fn report(t: &Tally) {
    let mut keys: Vec<_> = t.keys().cloned().collect();
    keys.sort();
    for k in keys {
        let v = t[&k];
        println!(
            "{:9} {:5}: articles {}/{} ({:.1}%), pages {}/{} ({:.1}%)",
            k.0,
            if k.1 { "train" } else { "check" },
            v.0,
            v.1,
            100.0 * v.0 as f64 / v.1.max(1) as f64,
            v.2,
            v.3,
            100.0 * v.2 as f64 / v.3.max(1) as f64
        );
    }
}

fn show(path: &str) {
    let bytes = std::fs::read(path).unwrap_or_default();
    let Ok((text, _)) = decode::decode(bytes) else {
        eprintln!("{path}: cannot decode");
        return;
    };
    let text = sanitize::sanitize(&text).into_owned();
    let page = loader::prepare(&text);
    let labels = loader::segment::segment(&page.cues, &Weights::default());
    println!("habits {:?} wrap {:?}", page.habits, page.wrap);
    for ((u, c), l) in page.units.iter().zip(&page.cues).zip(&labels) {
        let t: String = u.text.chars().take(28).collect();
        let cues: Vec<String> = c.iter().map(|c| format!("{c:?}")).collect();
        println!(
            "{:4} {:9} {:30} {}",
            u.line,
            format!("{l:?}"),
            t,
            cues.join(" ")
        );
    }
    let truth_path = Path::new(path).with_extension("truth.json");
    if let Some(truth) = std::fs::read_to_string(truth_path)
        .ok()
        .and_then(|t| serde_json::from_str::<Truth>(&t).ok())
    {
        let issue = loader::parse("x", &text, Encoding::Utf8);
        let mut misses = Vec::new();
        let s = score(&issue, &truth, Some(&mut misses));
        println!("score {s:?}");
        for m in misses {
            println!("  {m}");
        }
    }
}

/// The default weights with `KANBAO_TUNE_SET` applied: `NAME=VALUE;…`,
/// NAME as the tuner prints it (`Digits Subtitle`, `Title->Kicker`).
fn weights() -> Weights {
    let mut w = Weights::default();
    if let Ok(set) = std::env::var("KANBAO_TUNE_SET") {
        for item in set.split(';').filter(|s| !s.trim().is_empty()) {
            let Some((name, value)) = item.split_once('=') else {
                continue;
            };
            let Ok(v) = value.trim().parse::<f32>() else {
                continue;
            };
            let mut found = false;
            for (n, p) in w.params_mut() {
                if n == name.trim() {
                    *p = v;
                    found = true;
                }
            }
            if !found {
                eprintln!("tune: no weight named {name:?}");
            }
        }
    }
    w
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let real = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/real");
    let train = std::env::var("KANBAO_TUNE_TRAIN").unwrap_or_else(|_| "201902".into());
    match args.first().map(String::as_str) {
        Some("show") => args[1..].iter().for_each(|p| show(p)),
        Some("score") | None => {
            let mut pages = load(&real.join("pages"), "pages");
            pages.extend(load(&real.join("seedlike"), "seedlike"));
            pages.extend(load_fixtures(&real.join("..")));
            report(&evaluate(&pages, &train, &weights()));
        }
        Some("time") => {
            // Where a parse's time goes, on all real pages joined into one
            // text (a rough profile; benches/loader.rs is the measurement).
            let mut pages = load(&real.join("pages"), "pages");
            if let Some(n) = std::env::var("TUNE_TIME_PAGES")
                .ok()
                .and_then(|n| n.parse().ok())
            {
                pages.truncate(n);
            }
            let text: String = pages
                .iter()
                .map(|p| p.text.as_str())
                .collect::<Vec<_>>()
                .join("\n\n");
            let t = std::time::Instant::now();
            let lines = text.lines().filter(|l| !l.is_empty()).count();
            let base = t.elapsed();
            use kanbao::loader::{cues, units};
            let stage = |name: &str, f: &mut dyn FnMut()| {
                let t = std::time::Instant::now();
                f();
                println!(
                    "  {name}: {:.0} MB/s",
                    text.len() as f64 / 1e6 / t.elapsed().as_secs_f64()
                );
            };
            let ls = units::lines(&text);
            stage("lines", &mut || drop(units::lines(&text)));
            stage("wrap", &mut || {
                std::hint::black_box(units::wrap(&ls));
            });
            let us = units::units(&ls, None);
            stage("units", &mut || drop(units::units(&ls, None)));
            let sh = cues::shapes(&us);
            stage("shapes", &mut || drop(cues::shapes(&us)));
            let h = cues::habits(&us, &sh);
            stage("cues", &mut || drop(cues::cues(&us, &sh, h)));
            let t = std::time::Instant::now();
            let page = loader::prepare(&text);
            let prep = t.elapsed();
            let w = Weights::default();
            let t = std::time::Instant::now();
            let labels = loader::segment::segment(&page.cues, &w);
            let seg = t.elapsed();
            let t = std::time::Instant::now();
            let issue = loader::parse("x", &text, Encoding::Utf8);
            let all = t.elapsed();
            let mb = text.len() as f64 / 1e6;
            println!(
                "{mb:.1} MB, {lines} lines, {} units, {} labels, {} articles: baseline {:.0} MB/s; prepare {:.0} MB/s, segment {:.0} MB/s, parse {:.0} MB/s",
                page.units.len(),
                labels.len(),
                issue.articles.len(),
                mb / base.as_secs_f64(),
                mb / prep.as_secs_f64(),
                mb / seg.as_secs_f64(),
                mb / all.as_secs_f64()
            );
        }
        Some("tune") => {
            let passes: usize = args.get(1).and_then(|p| p.parse().ok()).unwrap_or(1);
            let mut pages = load(&real.join("pages"), "pages");
            pages.extend(load(&real.join("seedlike"), "seedlike"));
            pages.extend(load_fixtures(&real.join("..")));
            tune(&pages, &train, passes);
        }
        Some(other) => {
            eprintln!("tune: unknown command {other:?} (score, show FILE, tune [PASSES])")
        }
    }
}

fn tune(pages: &[Page], train: &str, passes: usize) {
    let mut w = weights();
    let start = evaluate(pages, train, &w);
    report(&start);
    let mut best = objective(&start, true);
    let n = w.params_mut().len();
    for pass in 0..passes {
        for i in 0..n {
            for step in [1.0f32, -1.0, 0.5, -0.5] {
                let mut trial = w.clone();
                let (name, old) = {
                    let mut ps = trial.params_mut();
                    let (name, p) = &mut ps[i];
                    let old = **p;
                    **p += step;
                    (name.clone(), old)
                };
                let t = evaluate(pages, train, &trial);
                let o = objective(&t, true);
                if o > best + 0.9 {
                    let check_before = objective(&evaluate(pages, train, &w), false);
                    let check = objective(&t, false);
                    println!(
                        "pass {pass} {name}: {old} -> {} train {best} -> {o}, check {check_before} -> {check}",
                        old + step
                    );
                    if check >= check_before {
                        best = o;
                        w = trial;
                        break;
                    }
                }
            }
        }
        report(&evaluate(pages, train, &w));
        print_weights(&w);
    }
}

/// The weights as the rows of `weights.rs`, to paste.
fn print_weights(w: &Weights) {
    let f = |r: &[f32]| {
        r.iter()
            .map(|x| format!("{x:.1}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    println!("BIAS: [{}]", f(&w.bias));
    for (cue, row) in kanbao::loader::cues::ALL_CUES.iter().zip(&w.cues) {
        println!("    (Cue::{cue:?}, [{}]),", f(row));
    }
    for row in &w.transitions {
        println!("    [{}],", f(row));
    }
    println!("END: [{}]", f(&w.end));
}
