//! Property tests: any sequence of actions at any terminal size keeps the
//! state consistent and draws without panicking; `put_str` never writes
//! past its limit or emits a control character.

mod ui_support;

use kanbao::action::{Action, BINDABLE};
use kanbao::app::{App, ReaderOptions};
use kanbao::text::width::AmbiguousWidth;
use kanbao::ui::cells::put_str;
use proptest::prelude::*;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

#[derive(Debug, Clone)]
enum Step {
    Act(usize),
    Click(u16, u16),
    Wheel(u16, u16, bool),
    Resize(u16, u16),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        6 => (0..BINDABLE.len()).prop_map(Step::Act),
        1 => (0u16..130, 0u16..45).prop_map(|(x, y)| Step::Click(x, y)),
        1 => (0u16..130, 0u16..45, any::<bool>()).prop_map(|(x, y, d)| Step::Wheel(x, y, d)),
        1 => (1u16..130, 1u16..45).prop_map(|(w, h)| Step::Resize(w, h)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn any_actions_any_size_never_panic(
        steps in prop::collection::vec(step(), 1..40),
        wide in any::<bool>(),
        w in 1u16..130,
        h in 1u16..45,
    ) {
        let opts = ReaderOptions {
            ambiguous: if wide { AmbiguousWidth::Wide } else { AmbiguousWidth::Narrow },
            ..ReaderOptions::default()
        };
        let issue = if wide { ui_support::fixture_issue() } else { kanbao::loader::sample() };
        let n = issue.articles.len();
        let mut app = App::new(issue, opts);
        let mut area = Rect::new(0, 0, w, h);
        app.sync(area);
        for s in steps {
            let action = match s {
                Step::Act(i) => BINDABLE[i].0,
                Step::Click(x, y) => Action::Click(x, y),
                Step::Wheel(x, y, d) => Action::Wheel(x, y, d),
                Step::Resize(w, h) => {
                    area = Rect::new(0, 0, w, h);
                    Action::Resize
                }
            };
            app.apply(action, area);
            prop_assert!(app.view.selected < n.max(1));
            prop_assert!(app.view.open < n.max(1));
            prop_assert!(app.view.top <= app.max_top());
            prop_assert_eq!(app.view.viewport.column.width % 2, 0);
            let mut buf = Buffer::empty(area);
            kanbao::ui::render_into(&app, area, &mut buf);
        }
    }

    #[test]
    fn put_str_stays_in_bounds(
        text in "\\PC{0,30}|[\\x00-\\x1f\\u{7f}-\\u{9f}“”…·■中文a ]{0,30}",
        x in 0u16..12,
        max_x in 0u16..14,
        wide in any::<bool>(),
    ) {
        let amb = if wide { AmbiguousWidth::Wide } else { AmbiguousWidth::Narrow };
        let mut buf = Buffer::empty(Rect::new(0, 0, 12, 1));
        let end = put_str(&mut buf, x, 0, max_x, &text, Style::new(), amb);
        prop_assert!(end <= max_x.min(12).max(x));
        for (i, cell) in buf.content.iter().enumerate() {
            prop_assert!(!cell.symbol().chars().any(char::is_control));
            let i = u16::try_from(i).unwrap_or(u16::MAX);
            if i < x || i >= max_x.max(x) {
                prop_assert_eq!(cell.symbol(), " ");
            }
        }
    }
}
