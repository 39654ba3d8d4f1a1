//! Frame cost: draw a full 120×40 frame of the sample issue into a
//! TestBackend with the wrap cache warm (the steady state while reading).
//! Guards against an accidental per-frame re-wrap. The baseline, timed in
//! the same run, writes the same 40 rows of article text into a buffer with
//! `Buffer::set_string` (no layout, no styles): compare the ratio.

use criterion::{Criterion, criterion_group, criterion_main};
use kanbao::app::{App, ReaderOptions};
use kanbao::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

fn bench_frame(c: &mut Criterion) {
    let area = Rect::new(0, 0, 120, 40);
    let mut app = App::new(kanbao::loader::sample(), ReaderOptions::default());
    app.sync(area);
    let mut term = Terminal::new(TestBackend::new(120, 40)).expect("test backend");
    c.bench_function("draw 120x40 frame (cached wrap)", |b| {
        b.iter(|| {
            // Alternate scroll positions so every frame has a real diff.
            let action = if app.view.top == 0 {
                kanbao::action::Action::Bottom
            } else {
                kanbao::action::Action::Top
            };
            app.view.focus = kanbao::layout::Focus::Reader;
            app.apply(action, area);
            term.draw(|f| ui::render(&app, f)).expect("draw");
        });
    });
    c.bench_function("render 120x40 into a buffer (no diff)", |b| {
        let mut buf = ratatui::buffer::Buffer::empty(area);
        b.iter(|| {
            buf.reset();
            ui::render_into(&app, area, &mut buf);
        });
    });
    let text: String = app
        .issue
        .articles
        .iter()
        .flat_map(|a| a.paragraphs.iter())
        .map(|p| p.as_str())
        .collect();
    let rows: Vec<&str> = text
        .char_indices()
        .step_by(60)
        .zip(text.char_indices().step_by(60).skip(1))
        .map(|((a, _), (b, _))| &text[a..b])
        .take(40)
        .collect();
    c.bench_function("baseline: 40 rows set_string into a buffer", |b| {
        let mut buf = ratatui::buffer::Buffer::empty(area);
        b.iter(|| {
            buf.reset();
            for (y, row) in rows.iter().enumerate() {
                buf.set_string(0, y as u16, row, ratatui::style::Style::default());
            }
        });
    });
}

criterion_group!(benches, bench_frame);
criterion_main!(benches);
