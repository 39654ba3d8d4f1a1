//! Frame cost: draw a full 120×40 frame of the sample issue into a
//! TestBackend with the wrap cache warm (the steady state while reading).
//! Guards against an accidental per-frame re-wrap.

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
            let action = if app.top == 0 {
                kanbao::app::action::Action::Bottom
            } else {
                kanbao::app::action::Action::Top
            };
            app.focus = kanbao::app::Focus::Reader;
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
}

criterion_group!(benches, bench_frame);
criterion_main!(benches);
