//! Shared helpers for the UI tests: a hand-built issue with the glyphs
//! that go wrong in Chinese text, and the one harness, which drives the
//! reader through the run loop's own step function into a `TestBackend`.
#![allow(dead_code)]

use kanbao::action::Effect;
use kanbao::app::background as jobs;
use kanbao::app::{App, ReaderOptions};
use kanbao::model::{Article, Encoding, Issue, Jump, JumpDirection, Masthead};
use kanbao::state::Store;
use kanbao::term::key_event;
use kanbao::tui::run::{self, Msg};
use kanbao::tui::start::build;
use kanbao::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use std::path::Path;
use std::sync::mpsc::{Receiver, Sender, channel};

fn para(s: &str, n: usize) -> String {
    s.repeat(n)
}

/// A small issue: five articles with kickers, subtitles, bylines, quotes,
/// ellipses, interpuncts, a caption and a jump line.
pub fn fixture_issue() -> Issue {
    let a1 = Article {
        kicker: Some("朱忠明来衡调研时强调".into()),
        title: Some("扎实做好民生保障等工作".into()),
        byline: Some("本报记者 罗文鹏".into()),
        dateline: Some("本报讯".into()),
        paragraphs: vec![
            format!(
                "本报讯 6月30日至7月1日，副市长朱忠明来衡调研时强调，{}",
                para(
                    "要坚持以人民为中心的发展思想，扎实做好民政和残疾人等工作。",
                    3
                )
            ),
            para(
                "朱忠明先后前往衡东县荣桓镇敬老院、衡阳市社会福利院，看望福利院老人、残障儿童。",
                2,
            ),
            "要扎实做好“六稳”“六保”工作……特别是做好保就业和保基本民生工作。".into(),
            para("要聚焦脱贫攻坚，加强兜底保障，做好社会救助工作。", 4),
        ],
        captions: vec!["图为调研现场。 本报记者 摄".into()],
        jumps: vec![Jump {
            text: "（下转第2版）".into(),
            direction: JumpDirection::To,
            page: "2".into(),
        }],
        ..Article::default()
    };
    let a2 = Article {
        title: Some("邓群策再次调度全市创文创卫工作，强调迅速进入临战状态，尽锐出战，务求全胜".into()),
        subtitle: Some("确保成功创建全国文明城市".into()),
        byline: Some("本报记者 陈 润".into()),
        paragraphs: (0..12)
            .map(|i| format!("第{i}段：全市上下要牢固树立“一盘棋”思想，坚定信心决心，坚决落实落细各项具体任务。"))
            .collect(),
        ..Article::default()
    };
    let a3 = Article {
        kicker: Some("国际观察".into()),
        title: Some("“一带一路”·合作共赢".into()),
        paragraphs: vec![
            "列夫·托尔斯泰说：“幸福的家庭都是相似的……”■".into(),
            "○ 第一点 ● 第二点".into(),
        ],
        ..Article::default()
    };
    let a4 = Article {
        title: Some("短讯".into()),
        paragraphs: vec!["今日天气晴。".into()],
        ..Article::default()
    };
    let a5 = Article {
        title: None,
        paragraphs: vec![para("上接第一版。继续推进各项工作。", 6)],
        ..Article::default()
    };
    Issue {
        source: "fixture.txt".into(),
        encoding: Encoding::Utf8,
        masthead: Some(Masthead {
            text: "衡阳日报 2020年7月2日 第01版".into(),
            paper: Some("衡阳日报".into()),
            date: Some("2020-07-02".into()),
            page: Some("01".into()),
        }),
        credits: None,
        chrome: Vec::new(),
        articles: vec![a1, a2, a3, a4, a5],
    }
}

/// The one UI test harness: the reader built like `kanbao` builds it
/// (`Harness::open` goes through `tui::start::build` and the background
/// loader; `Harness::new` takes a hand-made issue), driven through the run
/// loop's own `tui::run::step` — one message at a time, a frame after
/// every change — into a `TestBackend`. Background jobs wait in the queue
/// until [`Harness::run_jobs`] runs them inline, where the loop would start
/// threads.
pub struct Harness {
    pub app: App,
    pub term: Terminal<TestBackend>,
    pub store: Store,
    pub area: Rect,
    pub tx: Sender<Msg>,
    pub rx: Receiver<Msg>,
}

impl Harness {
    pub fn new(issue: Issue, opts: ReaderOptions, w: u16, h: u16) -> Harness {
        Harness::from_app(App::new(issue, opts), w, h)
    }

    /// `kanbao PATH` with this store, 100×30, once every file has loaded.
    pub fn open(path: &Path, store: Store) -> Harness {
        let (app, pending) = build(Some(path), &store, ReaderOptions::default()).expect("build");
        let mut h = Harness::with_store(app, store, 100, 30);
        if !pending.is_empty() {
            assert!(h.app.shelf.is_loading());
            run::start_loading(pending, 0, h.store.clone(), h.tx.clone());
            while h.app.shelf.is_loading() {
                let msg = h.rx.recv().expect("loader message");
                h.step(msg);
            }
        }
        h
    }

    /// A prepared reader (no state store).
    pub fn from_app(app: App, w: u16, h: u16) -> Harness {
        Harness::with_store(app, Store::disabled(), w, h)
    }

    fn with_store(app: App, store: Store, w: u16, h: u16) -> Harness {
        let (tx, rx) = channel();
        let mut h = Harness {
            app,
            term: Terminal::new(TestBackend::new(w, h)).expect("test backend"),
            store,
            area: Rect::new(0, 0, w, h),
            tx,
            rx,
        };
        // What `run::drive` does before its first frame.
        h.app.sync(h.area);
        h.draw();
        h
    }

    /// Let `d` pass on the reader's clock (what `run::drive` sets before
    /// each message), as if the user sat reading.
    pub fn wait(&mut self, d: std::time::Duration) {
        self.app.now += d;
    }

    pub fn area(&self) -> Rect {
        self.area
    }

    pub fn draw(&mut self) {
        let app = &self.app;
        self.term.draw(|f| ui::render(app, f)).expect("draw");
    }

    /// One message through the run loop's step; a frame after any change
    /// (as `drive` draws). Returns the effect.
    pub fn step(&mut self, msg: Msg) -> Effect {
        if let Msg::Term(Event::Resize(w, h)) = msg {
            self.term.backend_mut().resize(w, h);
        }
        let effect = run::step(&mut self.app, msg, &mut self.area, &self.store, &self.tx);
        if !matches!(effect, Effect::None | Effect::Quit) {
            self.draw();
        }
        effect
    }

    /// Feed one terminal event. Returns the effect.
    pub fn event(&mut self, ev: Event) -> Effect {
        self.step(Msg::Term(ev))
    }

    /// Press keys by keymap name, stopping at a quit (events after it are
    /// not handled, as the loop returns); true when the app asked to quit.
    pub fn keys(&mut self, names: &[&str]) -> bool {
        names.iter().any(|n| self.press(n) == Effect::Quit)
    }

    pub fn press(&mut self, name: &str) -> Effect {
        self.event(key_event(name).expect("key name"))
    }

    /// Type `text`, one character per key event.
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.event(Event::Key(KeyEvent::new(
                KeyCode::Char(c),
                KeyModifiers::empty(),
            )));
        }
    }

    /// Run the queued background jobs here, as the loop runs them on
    /// threads (archive index, word indexes, document frequencies).
    pub fn run_jobs(&mut self) {
        jobs::run_inline(&mut self.app);
        self.draw();
    }

    /// The screen as text (TestBackend's Display), after a full redraw:
    /// ratatui's diff never writes the hidden half of a wide glyph, so an
    /// incrementally updated TestBackend keeps stale symbols there, which a
    /// real terminal overwrites but TestBackend's Display trips over.
    pub fn screen(&mut self) -> String {
        self.term.clear().expect("clear");
        self.draw();
        self.term.backend().to_string()
    }
}

/// Rows of a buffer as cells, `|`-separated, skipped cells as `⇥` and
/// forced-width cells as `symbol*N`, so a snapshot shows exactly what the
/// diff will write.
pub fn cell_dump(buf: &ratatui::buffer::Buffer, rows: std::ops::Range<u16>) -> String {
    use ratatui::buffer::CellDiffOption;
    let mut out = String::new();
    for y in rows {
        let mut cells = Vec::new();
        for x in buf.area.left()..buf.area.right() {
            let c = &buf[(x, y)];
            cells.push(match c.diff_option {
                CellDiffOption::Skip => "⇥".to_string(),
                CellDiffOption::ForcedWidth(w) => format!("{}*{w}", c.symbol()),
                _ => c.symbol().to_string(),
            });
        }
        while cells.last().is_some_and(|c| c == " ") {
            cells.pop();
        }
        out.push_str(&format!("{y:>2}: {}\n", cells.join("|")));
    }
    out
}
