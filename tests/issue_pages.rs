//! An issue is a day's paper (issue 10, the reader's part): a folder's
//! files are grouped into issues of pages, the issue list has a row per
//! issue (date, weekday, pages, articles), the headline list holds the
//! open page under its header, `.`/`,` turn pages and `]` reads on across
//! them, the status bar says paper · date · page, and reading is kept per
//! file, so it survives regrouping. A generated crawler folder always; the
//! real crawl of October 2019 when `../shared` is there.

mod ui_support;

use kanbao::state::Store;
use std::path::{Path, PathBuf};
use ui_support::Harness;

/// One article per file, as a crawler saves them: kicker, title, body.
fn article(title: &str, body: &str) -> String {
    format!("\n{title}\n\n\u{3000}\u{3000}本报北京5月1日电 {body}。\n")
}

/// Two days, the first of three pages (2, 1 and 2 articles), the second
/// of one page; files named `DAY/DAY-PAGE-ARTICLE.txt`.
fn crawl_folder() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("tempdir");
    let files = [
        ("20240501", "01", "01", "头版第一篇"),
        ("20240501", "01", "02", "头版第二篇"),
        ("20240501", "02", "01", "二版唯一一篇"),
        ("20240501", "03", "01", "三版第一篇"),
        ("20240501", "03", "02", "三版第二篇"),
        ("20240502", "01", "01", "次日头版"),
    ];
    // Written out of order: the order comes from the names.
    for (day, page, n, title) in files.iter().rev() {
        let dir = tmp.path().join(day);
        std::fs::create_dir_all(&dir).expect("mkdir");
        let body = format!("{title}的正文，内容充实");
        std::fs::write(
            dir.join(format!("{day}-{page}-{n}.txt")),
            article(title, &body),
        )
        .expect("write");
    }
    tmp
}

fn titles(h: &Harness) -> Vec<String> {
    (h.app.issue.articles.iter())
        .map(|a| a.display_title().to_owned())
        .collect()
}

fn status_row(h: &mut Harness) -> String {
    h.screen().lines().last().unwrap_or_default().to_owned()
}

#[test]
fn files_group_into_issues_of_pages_in_print_order() {
    let tmp = crawl_folder();
    let state = tempfile::tempdir().expect("state");
    let mut h = Harness::open(tmp.path(), Store::at(state.path()));
    let shelf = &h.app.shelf;
    assert_eq!(shelf.files.len(), 6);
    assert_eq!(shelf.order.len(), 2, "two issues, not six files");
    let rows: Vec<String> = (shelf.order.iter())
        .map(|&s| kanbao::ui::issue_list::issue_row(&shelf.slots[s]))
        .collect();
    assert!(
        rows[0].contains("2024-05-02 星期四") && rows[0].contains("1篇"),
        "{rows:?}"
    );
    assert!(
        rows[1].contains("2024-05-01 星期三") && rows[1].contains("3版"),
        "{rows:?}"
    );
    assert!(rows[1].contains("5篇"), "{rows:?}");
    // Open the older issue: its articles page by page, in article order.
    h.press("j");
    h.press("enter");
    assert_eq!(
        titles(&h),
        [
            "头版第一篇",
            "头版第二篇",
            "二版唯一一篇",
            "三版第一篇",
            "三版第二篇"
        ]
    );
    let screen = h.screen();
    assert!(
        screen.contains("第01版") && screen.contains("1/3"),
        "page header:\n{screen}"
    );
    assert!(
        !screen.contains("二版唯一一篇"),
        "only the open page is listed:\n{screen}"
    );
    assert!(
        status_row(&mut h).contains("2024-05-01 第01版"),
        "{}",
        status_row(&mut h)
    );
}

#[test]
fn pages_turn_and_reading_runs_on_across_them() {
    let tmp = crawl_folder();
    let state = tempfile::tempdir().expect("state");
    let mut h = Harness::open(tmp.path(), Store::at(state.path()));
    h.keys(&["j", "enter"]);
    h.press(".");
    assert_eq!(h.app.view.open, 2, "page 02's first article");
    assert!(
        status_row(&mut h).contains("第02版"),
        "{}",
        status_row(&mut h)
    );
    assert!(h.screen().contains("二版唯一一篇"));
    h.press(".");
    assert_eq!(h.app.view.open, 3);
    h.press(".");
    assert_eq!(h.app.message.as_deref(), Some("last page"));
    h.press("]");
    assert_eq!(h.app.view.open, 4);
    // `,` from the middle of a page goes to its start, then back a page.
    h.press(",");
    assert_eq!(h.app.view.open, 3);
    h.press(",");
    assert_eq!(h.app.view.open, 2);
    // `[` reads back over the page break too.
    h.press("[");
    assert_eq!(h.app.view.open, 1);
    assert!(status_row(&mut h).contains("第01版"));
    // The headline list's rows are the open page's: a click on the first
    // row opens its first article.
    let list = h.app.layout_for(h.area()).list.expect("a list");
    h.event(kanbao_click(list.x + 2, list.y));
    assert_eq!(h.app.view.selected, 0);
}

fn kanbao_click(x: u16, y: u16) -> ratatui::crossterm::event::Event {
    use ratatui::crossterm::event::{Event, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
    Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: x,
        row: y,
        modifiers: KeyModifiers::empty(),
    })
}

#[test]
fn reading_is_kept_per_file_and_the_issue_reopens_where_it_was() {
    let tmp = crawl_folder();
    let state = tempfile::tempdir().expect("state");
    let store = Store::at(state.path());
    let mut h = Harness::open(tmp.path(), store.clone());
    h.keys(&["j", "enter", ".", "."]);
    assert_eq!(h.app.view.open, 3);
    h.press("u");
    assert_eq!(h.app.message.as_deref(), Some("marked read"));
    assert!(h.keys(&["q"]));
    drop(h);
    // The file of page 03, article 01 holds the mark, in its own numbering.
    let file: PathBuf = tmp.path().join("20240501/20240501-03-01.txt");
    let hash = kanbao::state::content_hash(&std::fs::read(&file).expect("read"));
    let (own, _) = store.load_issue(hash);
    assert!(own.is_read(0), "{own:?}");
    assert_eq!(own.position.map(|p| p.value.article), Some(0));
    // Reopened: the same issue, page and article.
    let mut again = Harness::open(tmp.path(), store);
    assert!(again.app.shelf.picker.is_none(), "the last issue opens");
    assert_eq!(again.app.view.open, 3);
    assert!(again.app.view.read[3]);
    assert!(status_row(&mut again).contains("第03版"));
}

#[test]
fn page_header_frame() {
    let tmp = crawl_folder();
    let mut h = Harness::open(tmp.path(), Store::disabled());
    h.keys(&["j", "enter", "."]);
    let mut h80 = Harness::from_app(h.app, 80, 24);
    insta::assert_snapshot!("page_header_80x24", h80.screen());
}

fn real_crawl() -> Option<&'static Path> {
    let p = Path::new("../shared/corpus/real/crawl/2019-10");
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("../shared/corpus/real/crawl/2019-10 not found: skipped");
        None
    }
}

#[test]
fn the_real_crawl_is_31_issues_of_488_pages_and_2109_articles() {
    let Some(dir) = real_crawl() else { return };
    let mut h = Harness::open(dir, Store::disabled());
    let shelf = &h.app.shelf;
    assert_eq!(shelf.files.len(), 2109);
    assert_eq!(shelf.order.len(), 31);
    let dates: Vec<String> = (shelf.order.iter())
        .map(|&s| shelf.slots[s].info.date.clone().unwrap_or_default())
        .collect();
    assert_eq!(dates.first().map(String::as_str), Some("2019-10-31"));
    assert_eq!(dates.last().map(String::as_str), Some("2019-10-01"));
    assert!(dates.windows(2).all(|w| w[0] > w[1]), "newest first");
    let pages: usize = shelf
        .order
        .iter()
        .map(|&s| shelf.slots[s].pages.len())
        .sum();
    let files: usize = shelf
        .order
        .iter()
        .map(|&s| shelf.slots[s].files.len())
        .sum();
    assert_eq!((pages, files), (488, 2109));
    // A crawler's file is one article; the loader reads two of them (a
    // page of song lyrics, a festival programme) as several.
    let articles: usize = shelf
        .order
        .iter()
        .map(|&s| shelf.slots[s].info.articles)
        .sum();
    assert!((2109..=2120).contains(&articles), "{articles}");
    // Every page's articles in the order of their files' numbers.
    for &s in &shelf.order {
        let slot = &shelf.slots[s];
        let names: Vec<String> = (slot.files.iter())
            .map(|&f| {
                shelf.files[f]
                    .path
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted, "{}", slot.info.file);
    }
    h.press("enter");
    assert!(status_row(&mut h).contains("2019-10-31 第01版"));
    h.press(".");
    assert!(status_row(&mut h).contains("2019-10-31 第02版"));
}

/// A day of two page files: page 1's first article jumps to page 2.
fn paged_folder() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("tempdir");
    let day = tmp.path().join("2024-05-01");
    std::fs::create_dir_all(&day).expect("mkdir");
    let one = "人民日报 2024年5月1日 第01版\n\n春耕备耕有序推进\n\n本报记者 张三\n\n\
        \u{3000}\u{3000}本报北京4月30日电 各地春耕备耕有序推进，农资供应充足，农机具检修到位。\n\n\
        （下转第二版）\n\n城乡环境整治见实效\n\n本报记者 李四\n\n\
        \u{3000}\u{3000}本报北京4月30日电 城乡环境整治持续推进，群众满意度不断提高。\n";
    let two = "人民日报 2024年5月1日 第02版\n\n夜间经济点亮消费\n\n本报记者 王五\n\n\
        \u{3000}\u{3000}本报北京4月30日电 夜间经济持续升温，消费活力不断释放。\n\n\
        春耕备耕有序推进\n\n（上接第一版）\n\n\u{3000}\u{3000}各地还加强了技术指导，确保春播顺利。\n";
    std::fs::write(day.join("01.txt"), one).expect("write");
    std::fs::write(day.join("02.txt"), two).expect("write");
    tmp
}

#[test]
fn a_jump_line_leads_to_the_rest_and_back() {
    let tmp = paged_folder();
    let mut h = Harness::open(tmp.path(), Store::disabled());
    h.press("enter");
    assert_eq!(h.app.pages().len(), 2);
    let start = h.app.view.open;
    assert!(
        !h.app.issue.articles[start].jumps.is_empty(),
        "page 1 opens on the jumping article"
    );
    h.press("f");
    let rest = h.app.view.open;
    let here = &h.app.issue.articles[rest];
    assert!(
        here.paragraphs.iter().any(|p| p.contains("技术指导")),
        "the continuation on page 2: {here:?}"
    );
    assert!(status_row(&mut h).contains("第02版"));
    // `f` on the continuation goes back to where it began; so does Backspace.
    h.press("f");
    assert_eq!(h.app.view.open, start);
    h.press("f");
    h.press("backspace");
    assert_eq!(h.app.view.open, start);
    h.press("backspace");
    assert_eq!(h.app.message.as_deref(), Some("no jump to go back from"));
    // An article without a jump line says so.
    h.press("]");
    h.press("f");
    assert_eq!(h.app.message.as_deref(), Some("no jump line here"));
}

#[test]
fn the_page_list_goes_to_a_page() {
    let tmp = crawl_folder();
    let mut h = Harness::open(tmp.path(), Store::disabled());
    h.keys(&["j", "enter", "P"]);
    let screen = h.screen();
    assert!(screen.contains("版面 pages 3"), "{screen}");
    assert!(screen.contains("第03版  2篇  已读 0/2"), "{screen}");
    h.keys(&["j", "j", "enter"]);
    assert!(h.app.shelf.picker.is_none());
    assert_eq!(h.app.view.open, 3, "page 03's first article");
    // One page only: said, no list.
    let mut one = Harness::open(tmp.path(), Store::disabled());
    one.keys(&["enter", "P"]);
    assert!(one.app.shelf.picker.is_none());
    assert_eq!(one.app.message.as_deref(), Some("one page only"));
}

fn mouse(
    kind: ratatui::crossterm::event::MouseEventKind,
    y: u16,
) -> ratatui::crossterm::event::Event {
    use ratatui::crossterm::event::{Event, KeyModifiers, MouseEvent};
    Event::Mouse(MouseEvent {
        kind,
        column: 10,
        row: y,
        modifiers: KeyModifiers::empty(),
    })
}

#[test]
fn typing_filters_the_issue_list_and_the_mouse_picks() {
    use ratatui::crossterm::event::{MouseButton, MouseEventKind};
    let tmp = crawl_folder();
    let mut h = Harness::open(tmp.path(), Store::disabled());
    assert_eq!(h.app.shelf.picker_len(), 2);
    h.type_text("05-01");
    assert_eq!(h.app.shelf.picker_len(), 1, "only 2024-05-01");
    assert!(h.screen().contains("报刊 issues 1/2 · 05-01_"));
    h.press("backspace");
    assert_eq!(h.app.shelf.filter, "05-0");
    assert_eq!(h.app.shelf.picker_len(), 2);
    h.type_text("9");
    assert_eq!(h.app.shelf.picker_len(), 0);
    assert!(h.screen().contains("no issue matches the filter"));
    // Esc clears the filter, and only then would close.
    h.press("esc");
    assert!(h.app.shelf.filter.is_empty() && h.app.shelf.picker.is_some());
    h.type_text("0501");
    assert_eq!(h.app.shelf.picker_len(), 1, "the folder's name, 20240501");
    h.press("esc");
    // The wheel moves the selection; a click selects, a second opens.
    h.event(mouse(MouseEventKind::ScrollDown, 5));
    assert_eq!(h.app.shelf.picker.map(|p| p.selected), Some(1));
    h.event(mouse(MouseEventKind::Down(MouseButton::Left), 1));
    assert_eq!(h.app.shelf.picker.map(|p| p.selected), Some(0));
    h.event(mouse(MouseEventKind::Down(MouseButton::Left), 2));
    assert_eq!(h.app.shelf.picker.map(|p| p.selected), Some(1));
    h.event(mouse(MouseEventKind::Down(MouseButton::Left), 2));
    assert!(h.app.shelf.picker.is_none(), "opened");
    assert!(status_row(&mut h).contains("2024-05-01"));
}

#[test]
fn issue_list_and_page_list_frames() {
    let tmp = crawl_folder();
    // A folder of a fixed name: the status bar shows it.
    let named = tempfile::tempdir().expect("tempdir");
    let dir = named.path().join("paper");
    std::fs::rename(tmp.path(), &dir).expect("move");
    let h = Harness::open(&dir, Store::disabled());
    let mut list = Harness::from_app(h.app, 80, 12);
    insta::assert_snapshot!("issue_list_80x12", list.screen());
    list.keys(&["j", "enter", "P"]);
    insta::assert_snapshot!("page_list_80x12", list.screen());
}
