//! Archive bench (a plain `main`, `harness = false`): 10,000 issues
//! (~100 MB) generated from the fixtures in a temp dir, with varied
//! mastheads and text. Prints
//! - time to first frame: scan + `App` built + first render into a
//!   `TestBackend`, while loading continues in the background;
//! - time until every issue is loaded (through the same `session::step`
//!   the run loop uses, drawing after each batch of messages);
//! - peak RSS (VmHWM) against the total text size.
//!
//! `cargo bench --bench archive` (release). `KANBAO_BENCH_ISSUES=n` for
//! another count. `KANBAO_BENCH_GENERATE=DIR` only writes the archive into
//! DIR and stops (what `benches/search_vs_rg.sh` searches).

use kanbao::app::ReaderOptions;
use kanbao::app::background as jobs;
use kanbao::app::jobs::Job;
use kanbao::app::search_jobs;
use kanbao::state::Store;
use kanbao::tui::run as session;
use kanbao::tui::run::Msg;
use kanbao::tui::start::build;
use kanbao::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use std::path::Path;
use std::sync::mpsc::channel;
use std::time::Instant;

const SAMPLE: &str = include_str!("../tests/fixtures/000_0c3d2c04bd8aa6d3.txt");
const PAPER_A: &str = include_str!("../tests/fixtures/paper-a-fullwidth.txt");

fn issue_text(i: usize) -> String {
    let (y, m, d) = (1990 + i / 336, i / 28 % 12 + 1, i % 28 + 1);
    let mut s = format!("衡阳日报 {y}年{m}月{d}日 星期一 第0{}版\n\n", i % 8 + 1);
    s.push_str(&SAMPLE.replacen("本报讯", &format!("本报讯（第{i}期）"), 1));
    if i % 4 == 0 {
        let body = PAPER_A.split_once('\n').map_or("", |(_, b)| b);
        s.push_str("\n\n");
        s.push_str(&body.replace("会议", &format!("第{i}次会议")));
    }
    s
}

fn generate(dir: &Path, n: usize) -> usize {
    let mut total = 0;
    for i in 0..n {
        let sub = dir.join(format!("{}", i / 1000));
        std::fs::create_dir_all(&sub).expect("mkdir");
        let text = issue_text(i);
        total += text.len();
        std::fs::write(sub.join(format!("{i:05}.txt")), text).expect("write");
    }
    total
}

fn vm_hwm_kb() -> Option<u64> {
    vm_kb("VmHWM:")
}

fn vm_kb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let n = std::env::var("KANBAO_BENCH_ISSUES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    if let Some(dir) = std::env::var_os("KANBAO_BENCH_GENERATE") {
        let bytes = generate(Path::new(&dir), n);
        println!("{n} issues, {bytes} bytes in {}", Path::new(&dir).display());
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("archive");
    let bytes = generate(&dir, n);
    let state = tmp.path().join("state");
    let store = Store::at(&state);
    let rss_before = vm_hwm_kb().unwrap_or(0);

    let t0 = Instant::now();
    let (mut app, pending) = build(Some(&dir), &store, ReaderOptions::default()).expect("build");
    let (tx, rx) = channel();
    session::start_loading(pending, 0, store.clone(), tx.clone());
    let mut area = Rect::new(0, 0, 120, 40);
    let mut term = Terminal::new(TestBackend::new(120, 40)).expect("backend");
    app.sync(area);
    term.draw(|f| ui::render(&app, f)).expect("draw");
    let first_frame = t0.elapsed();

    let mut frames = 1;
    while app.shelf.is_loading() {
        let Ok(msg) = rx.recv() else { break };
        let mut next = Some(msg);
        while let Some(msg) = next {
            session::step(&mut app, msg, &mut area, &store, &tx);
            next = rx.try_recv().ok();
        }
        term.draw(|f| ui::render(&app, f)).expect("draw");
        frames += 1;
    }
    let all_loaded = t0.elapsed();
    let hwm = vm_hwm_kb().unwrap_or(0);

    // Search scope "all issues": open the newest issue, `/`, Ctrl-T twice
    // (the archive index starts building), wait for it, then type.
    let mut key = |app: &mut kanbao::app::App, k: &str| {
        let ev = kanbao::term::key_event(k).expect("key");
        session::step(app, Msg::Term(ev), &mut area, &store, &tx);
    };
    key(&mut app, "enter");
    key(&mut app, "/");
    key(&mut app, "ctrl-t");
    let t1 = Instant::now();
    key(&mut app, "ctrl-t");
    // Run the queued archive index job here (the run loop would run it on
    // a thread); the word index jobs of the open issue are not timed.
    let run_only = |app: &mut kanbao::app::App, want: fn(&Job) -> bool| {
        for job in jobs::take(app) {
            if want(&job) {
                jobs::finish(app, job.run());
            }
        }
    };
    run_only(&mut app, |j| matches!(j, Job::ArchiveIndex(_)));
    assert!(search_jobs::indexing_archive(&app).is_none());
    let index_ready = t1.elapsed();
    let mut typed = Vec::new();
    for c in ["民", "生", "保", "障"] {
        let t = Instant::now();
        key(&mut app, c);
        typed.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let hits = app.search.kept.as_ref().map_or(0, |k| k.matches.len());
    let index_mb = app
        .search
        .kept
        .as_ref()
        .map_or(0.0, |k| k.index.heap_bytes() as f64 / 1_048_576.0);
    let rss_now = vm_kb("VmRSS:").unwrap_or(0);
    let hwm_search = vm_hwm_kb().unwrap_or(0);

    // Keyword IDF over every loaded article (what the run loop starts once
    // loading is done).
    let t2 = Instant::now();
    app.search.spawn_doc_freqs(&app.shelf, &app.issue);
    run_only(&mut app, |j| matches!(j, Job::DocFreqs(_)));
    assert!(app.search.doc_freqs.is_some());
    let doc_freqs = t2.elapsed();
    let failed = app.shelf.slots.iter().filter(|s| s.error.is_some()).count();
    let mb = |kb: u64| kb as f64 / 1024.0;
    let text_mb = bytes as f64 / 1_048_576.0;
    println!("archive: {n} issues, {text_mb:.1} MiB of text, {failed} failed");
    println!(
        "  first frame:   {:.1} ms",
        first_frame.as_secs_f64() * 1000.0
    );
    println!(
        "  all loaded:    {:.2} s ({frames} frames drawn while loading)",
        all_loaded.as_secs_f64()
    );
    println!(
        "  peak RSS:      {:.1} MiB ({:.2}x the text; {:.1} MiB before opening)",
        mb(hwm),
        mb(hwm) / text_mb,
        mb(rss_before)
    );
    println!(
        "  all-issues index: {:.2} s after choosing the scope; typing 民生保障: {} ms per key ({hits} hits)",
        index_ready.as_secs_f64(),
        typed
            .iter()
            .map(|t| format!("{t:.1}"))
            .collect::<Vec<_>>()
            .join(" / ")
    );
    println!(
        "  peak RSS with the all-issues index: {:.1} MiB ({:.2}x the text); after: {:.1} MiB; the index itself {index_mb:.1} MiB",
        mb(hwm_search),
        mb(hwm_search) / text_mb,
        mb(rss_now)
    );
    println!(
        "  keyword document frequencies over all articles: {:.2} s",
        doc_freqs.as_secs_f64()
    );
}
