//! `n`/`N`: hits walk in reading order (field order within an article,
//! articles in order, across issues) and wrap, saying so.

mod search_common;

use kanbao::model::Article;
use kanbao::search::{Cursor, Field, SearchIndex, search};
use search_common::issue;

fn two_issues() -> Vec<kanbao::model::Issue> {
    let mut first = issue("a.txt", &[("水在标题", &["第一段水", "第二段水水"])]);
    first.articles[0].kicker = Some("引题有水".to_string());
    first.articles[0].captions = vec!["图片水".to_string()];
    first.articles.push(Article {
        title: Some("无关".to_string()),
        paragraphs: vec!["没有".to_string()],
        ..Article::default()
    });
    let second = issue("b.txt", &[("第二期", &["水"])]);
    vec![first, second]
}

#[test]
fn hits_are_in_reading_order_across_articles_and_issues() {
    let issues = two_issues();
    let index = SearchIndex::build(&issues);
    let m = search(&index, "水");
    let order: Vec<(usize, Field)> = (0..m.len())
        .map(|i| {
            let p = m.get(&index, i).expect("hit");
            (p.article, p.field)
        })
        .collect();
    assert_eq!(
        order,
        vec![
            (0, Field::Kicker),
            (0, Field::Title),
            (0, Field::Paragraph(0)),
            (0, Field::Paragraph(1)),
            (0, Field::Paragraph(1)),
            (0, Field::Caption(0)),
            (2, Field::Paragraph(0)),
        ]
    );
    assert_eq!(m.count_in(0), 6);
    assert_eq!(m.count_in(1), 0);
    assert_eq!(m.count_in(2), 1);
    assert_eq!(m.articles(), &[0, 2]);
    let r = index.article_ref(2).expect("ref");
    assert_eq!((r.issue, r.article), (1, 0));
    assert_eq!(index.global_article(1, 0), Some(2));
}

#[test]
fn next_and_prev_wrap_and_say_so() {
    let issues = two_issues();
    let index = SearchIndex::build(&issues);
    let m = search(&index, "水");
    let last = m.len() - 1;
    let n = m.next(last).expect("step");
    assert_eq!((n.index, n.wrapped), (0, true));
    let n = m.next(0).expect("step");
    assert_eq!((n.index, n.wrapped), (1, false));
    let p = m.prev(0).expect("step");
    assert_eq!((p.index, p.wrapped), (last, true));
    let p = m.prev(3).expect("step");
    assert_eq!((p.index, p.wrapped), (2, false));
    // Walking n from the first hit visits every hit once, then wraps.
    let mut i = 0;
    let mut seen = 1;
    loop {
        let s = m.next(i).expect("step");
        if s.wrapped {
            break;
        }
        i = s.index;
        seen += 1;
    }
    assert_eq!(seen, m.len());
}

#[test]
fn nearest_from_a_cursor() {
    let issues = two_issues();
    let index = SearchIndex::build(&issues);
    let m = search(&index, "水");
    // In paragraph 1 (`第二段水水`), byte 0: the first 水 of that paragraph.
    let c = Cursor {
        article: 0,
        field: Field::Paragraph(1),
        byte: 0,
    };
    let s = m.nearest(&index, c).expect("step");
    assert!(!s.wrapped);
    let p = m.get(&index, s.index).expect("hit");
    assert_eq!((p.field, p.range.clone()), (Field::Paragraph(1), 9..12));
    // Exactly on a hit: that hit.
    let on = Cursor { byte: 9, ..c };
    assert_eq!(m.nearest(&index, on).expect("step").index, s.index);
    // Just past it: the next one.
    let past = Cursor { byte: 10, ..c };
    let p = m
        .get(&index, m.nearest(&index, past).expect("step").index)
        .expect("hit");
    assert_eq!(p.range, 12..15);
    // In the article without hits: the next article's hit.
    let none = Cursor {
        article: 1,
        field: Field::Title,
        byte: 0,
    };
    let p = m
        .get(&index, m.nearest(&index, none).expect("step").index)
        .expect("hit");
    assert_eq!(p.article, 2);
    // After the last hit: wraps to the first.
    let end = Cursor {
        article: 2,
        field: Field::Caption(0),
        byte: 0,
    };
    let s = m.nearest(&index, end).expect("step");
    assert_eq!((s.index, s.wrapped), (0, true));
    // Backwards from the article without hits: the caption of article 0.
    let b = m.nearest_before(&index, none).expect("step");
    assert_eq!(
        m.get(&index, b.index).expect("hit").field,
        Field::Caption(0)
    );
    // A field the article lacks (subtitle): the next existing field.
    let sub = Cursor {
        article: 0,
        field: Field::Subtitle,
        byte: 0,
    };
    let p = m
        .get(&index, m.nearest(&index, sub).expect("step").index)
        .expect("hit");
    assert_eq!(p.field, Field::Paragraph(0));
}

#[test]
fn empty_results_have_no_steps() {
    let issues = two_issues();
    let index = SearchIndex::build(&issues);
    let m = search(&index, "火");
    assert!(m.is_empty());
    assert!(m.next(0).is_none() && m.prev(0).is_none());
    let c = Cursor {
        article: 0,
        field: Field::Title,
        byte: 0,
    };
    assert!(m.nearest(&index, c).is_none());
}

#[test]
fn index_builds_in_the_background() {
    let issues: std::sync::Arc<[kanbao::model::Issue]> = two_issues().into();
    let index = SearchIndex::spawn_build(std::sync::Arc::clone(&issues))
        .join()
        .expect("build thread");
    assert_eq!(index.article_count(), 3);
    assert_eq!(search(&index, "水").len(), 7);
}
