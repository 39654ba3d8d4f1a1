//! One small test per FORMAT.md rule, on inputs written for the rule.

use kanbao::loader::{self, DecodeError};
use kanbao::model::{Encoding, Issue, JumpDirection};

fn parse(text: &str) -> Issue {
    loader::load_bytes("t.txt", text.as_bytes().to_vec()).expect("loads")
}

const LEAD: &str = "本报讯 7月1日，全市召开会议。";

// ---- Bytes -------------------------------------------------------------

#[test]
fn encodings_are_detected_and_reported() {
    let text = format!("标题一\n\n■本报记者 张三\n\n{LEAD}会议强调，要做好各项工作。");
    let utf8 = loader::load_bytes("a", text.clone().into_bytes()).unwrap();
    assert_eq!(utf8.encoding, Encoding::Utf8);
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(text.as_bytes());
    assert_eq!(loader::load_bytes("a", bom).unwrap(), utf8);
    let (gb, _, _) = encoding_rs::GB18030.encode(&text);
    let gb = loader::load_bytes("a", gb.into_owned()).unwrap();
    assert_eq!(gb.encoding, Encoding::Gb18030);
    assert_eq!(gb.articles, utf8.articles);
    for (bom, enc) in [
        ([0xFF, 0xFE], Encoding::Utf16Le),
        ([0xFE, 0xFF], Encoding::Utf16Be),
    ] {
        let mut b = bom.to_vec();
        for u in text.encode_utf16() {
            let pair = if enc == Encoding::Utf16Le {
                u.to_le_bytes()
            } else {
                u.to_be_bytes()
            };
            b.extend_from_slice(&pair);
        }
        let issue = loader::load_bytes("a", b).unwrap();
        assert_eq!(issue.encoding, enc);
        assert_eq!(issue.articles, utf8.articles);
    }
}

#[test]
fn line_ends_crlf_lf_cr_are_equivalent() {
    let lf = "标题\n\n■本报记者 张三\n\n本报讯 第一段。\n\n第二段。";
    let a = parse(lf);
    assert_eq!(parse(&lf.replace('\n', "\r\n")).articles, a.articles);
    assert_eq!(parse(&lf.replace('\n', "\r")).articles, a.articles);
    assert_eq!(a.articles[0].paragraphs.len(), 2);
}

#[test]
fn non_text_is_refused() {
    assert_eq!(
        loader::load_bytes("e", Vec::new()).unwrap_err(),
        DecodeError::Empty
    );
    assert!(
        loader::load_bytes("p", b"%PDF-1.7\n...".to_vec())
            .unwrap_err()
            .to_string()
            .contains("PDF")
    );
    assert!(
        loader::load_bytes("b", vec![0x41, 0, 0x42, 0])
            .unwrap_err()
            .to_string()
            .contains("binary")
    );
}

#[test]
fn escapes_and_controls_are_removed() {
    let issue = parse(
        "\u{1b}[1;31m标题\u{1b}[0m\n\n■本报记者 张\u{7}三\n\n本报讯 \u{202E}正文\u{85}内容。\u{1b}]0;x\u{7}",
    );
    let a = &issue.articles[0];
    assert_eq!(a.title.as_deref(), Some("标题"));
    assert_eq!(a.authors, ["张三"]);
    assert_eq!(a.paragraphs, ["本报讯 正文内容。"]);
}

// ---- Blocks ------------------------------------------------------------

#[test]
fn indented_hard_wrapped_paragraphs() {
    // Hard-wrapped (FORMAT.md "Blocks"): the lines stop at one measure (16
    // characters) in mid-sentence, and an indent opens a paragraph.
    let text = "全市安全生产工作会议召开\n\n■本报记者 张三\n\n\u{3000}\u{3000}本报讯 7月1日，全市召开安\n全生产工作会议，部署下半年工作。\n\u{3000}\u{3000}会议指出，今年以来全市安全生\n产形势总体平稳，事故起数和死亡人\n数实现双下降。\n\u{3000}\u{3000}会议要求，要压实责任。";
    let a = &parse(text).articles[0];
    assert_eq!(
        a.paragraphs,
        [
            "本报讯 7月1日，全市召开安全生产工作会议，部署下半年工作。",
            "会议指出，今年以来全市安全生产形势总体平稳，事故起数和死亡人数实现双下降。",
            "会议要求，要压实责任。"
        ]
    );
}

#[test]
fn short_lines_are_not_a_hard_wrap() {
    // Lines that do not stop at one measure are one block each, even
    // indented: `第二段` is a block of its own (a subhead here).
    let text = "全市安全生产工作会议召开\n\n■本报记者 张三\n\n\u{3000}\u{3000}本报讯 第一段写完了。\n\u{3000}\u{3000}第二段\n继续写完了。";
    let a = &parse(text).articles[0];
    assert_eq!(
        a.paragraphs,
        ["本报讯 第一段写完了。", "第二段", "继续写完了。"]
    );
    assert_eq!(a.subheads, [1]);
}

// ---- Kinds -------------------------------------------------------------

#[test]
fn masthead_is_metadata() {
    let issue = parse(&format!(
        "衡阳日报 2020年7月2日 星期四\n\n第01版：要闻\n\n标题\n\n{LEAD}"
    ));
    let m = issue.masthead.expect("masthead");
    assert_eq!(m.text, "衡阳日报 2020年7月2日 星期四 第01版：要闻");
    assert_eq!(
        (m.paper.as_deref(), m.date.as_deref(), m.page.as_deref()),
        (Some("衡阳日报"), Some("2020-07-02"), Some("01"))
    );
    assert_eq!(issue.articles.len(), 1);
    assert_eq!(issue.articles[0].title.as_deref(), Some("标题"));
}

#[test]
fn bylines_and_authors() {
    for (line, byline, authors) in [
        ("■本报记者 罗文鹏", "本报记者 罗文鹏", vec!["罗文鹏"]),
        ("■谢小青", "谢小青", vec!["谢小青"]),
        (
            "□本报记者 张三 通讯员 李四 王五",
            "本报记者 张三 通讯员 李四 王五",
            vec!["张三", "李四", "王五"],
        ),
        ("●本报记者 陈 润", "本报记者 陈 润", vec!["陈润"]),
        ("◆实习生 欧阳文静", "实习生 欧阳文静", vec!["欧阳文静"]),
    ] {
        let a = &parse(&format!("标题\n\n{line}\n\n{LEAD}")).articles[0];
        assert_eq!(a.byline.as_deref(), Some(byline), "{line}");
        assert_eq!(a.authors, authors, "{line}");
    }
}

#[test]
fn embedded_bylines_and_datelines() {
    for (lead, dateline, authors) in [
        (
            "本报讯（记者 张三 通讯员 李四）今天，",
            "本报讯",
            vec!["张三", "李四"],
        ),
        (
            "新华社北京7月1日电（记者 张三）今天，",
            "新华社北京7月1日电",
            vec!["张三"],
        ),
        ("本报衡阳7月1日讯 今天，", "本报衡阳7月1日讯", vec![]),
        (
            "本报广州11月28日电 (记者 王五)今天，",
            "本报广州11月28日电",
            vec!["王五"],
        ),
        ("人民网北京7月1日电 今天，", "人民网北京7月1日电", vec![]),
    ] {
        let a = &parse(&format!("标题\n\n{lead}全市召开会议。")).articles[0];
        assert_eq!(a.dateline.as_deref(), Some(dateline), "{lead}");
        assert_eq!(a.authors, authors, "{lead}");
        assert!(
            a.paragraphs[0].starts_with(lead),
            "the paragraph keeps its dateline and byline"
        );
        assert_eq!(a.byline, None);
    }
}

#[test]
fn headline_roles() {
    let roles = |heads: &str| {
        let a = parse(&format!("{heads}\n\n■本报记者 张三\n\n{LEAD}"))
            .articles
            .remove(0);
        (a.kicker, a.title, a.subtitle)
    };
    let s = |x: &str| Some(x.to_string());
    assert_eq!(
        roles("湘江新区推进重点项目建设\n\n扎实做好民生保障等工作\n\n副市长带队检查安全生产"),
        (
            s("湘江新区推进重点项目建设"),
            s("扎实做好民生保障等工作"),
            s("副市长带队检查安全生产")
        )
    );
    assert_eq!(
        roles("市长在全市安全生产会议上强调\n\n扎实做好民生保障等工作"),
        (
            s("市长在全市安全生产会议上强调"),
            s("扎实做好民生保障等工作"),
            None
        )
    );
    assert_eq!(
        roles("市长在调研时指出\n\n扎实做好民生保障等工作"),
        (s("市长在调研时指出"), s("扎实做好民生保障等工作"), None)
    );
    assert_eq!(
        roles("市委书记调度工作,强调——\n\n扎实做好民生保障等工作"),
        (
            s("市委书记调度工作,强调——"),
            s("扎实做好民生保障等工作"),
            None
        )
    );
    assert_eq!(
        roles("全市安全生产工作会议提出：\n\n扎实做好民生保障等工作"),
        (
            s("全市安全生产工作会议提出："),
            s("扎实做好民生保障等工作"),
            None
        )
    );
    assert_eq!(
        roles("扎实做好民生保障等工作\n\n——副市长带队检查安全生产"),
        (
            None,
            s("扎实做好民生保障等工作"),
            s("——副市长带队检查安全生产")
        )
    );
    assert_eq!(
        roles("扎实做好民生保障等工作"),
        (None, s("扎实做好民生保障等工作"), None)
    );
    assert_eq!(
        roles("高新区两大项目 在“洽谈周”签约"),
        (None, s("高新区两大项目 在“洽谈周”签约"), None)
    );
}

#[test]
#[ignore = "loader bug (weights): two deck lines without a kicker end read as kicker + title; the seed fixture's articles 3 and 4 fail the same way"]
fn two_deck_lines_without_a_kicker_end_are_title_and_subtitle() {
    // FORMAT.md: two lines are kicker + title only when the first ends
    // with `——`, `：` or a speech verb; otherwise title + subtitle.
    let a = parse(&format!(
        "扎实做好民生保障等工作\n\n副市长带队检查安全生产\n\n■本报记者 张三\n\n{LEAD}"
    ))
    .articles
    .remove(0);
    assert_eq!(
        (
            a.kicker.as_deref(),
            a.title.as_deref(),
            a.subtitle.as_deref()
        ),
        (
            None,
            Some("扎实做好民生保障等工作"),
            Some("副市长带队检查安全生产")
        )
    );
}

#[test]
fn dateline_lead_without_byline_anchors_an_article() {
    let issue = parse(&format!(
        "甲标题\n\n{LEAD}\n\n乙标题\n\n——乙副题\n\n本报讯（记者 李四）乙正文。"
    ));
    let titles: Vec<_> = issue.articles.iter().map(|a| a.title.as_deref()).collect();
    assert_eq!(titles, [Some("甲标题"), Some("乙标题")]);
    assert_eq!(issue.articles[1].subtitle.as_deref(), Some("——乙副题"));
    assert_eq!(issue.articles[1].authors, ["李四"]);
}

#[test]
fn captions_jumps_and_credits() {
    let issue = parse(&format!(
        "标题\n\n■本报记者 张三\n\n{LEAD}\n\n▲7月1日，选手进行路演。 本报记者 张三 摄\n\n图为会议现场。\n\n会议要求做好工作，确保\n\n（下转第2版）\n\n责任编辑：王丽娟 版式：陈可 校对：赵一鸣"
    ));
    let a = &issue.articles[0];
    assert_eq!(
        a.captions,
        ["▲7月1日，选手进行路演。 本报记者 张三 摄", "图为会议现场。"]
    );
    assert_eq!(a.paragraphs, [LEAD, "会议要求做好工作，确保"]);
    assert_eq!(a.jumps.len(), 1);
    assert_eq!(
        (
            a.jumps[0].text.as_str(),
            a.jumps[0].direction,
            a.jumps[0].page.as_str()
        ),
        ("（下转第2版）", JumpDirection::To, "2")
    );
    assert_eq!(
        issue.credits.as_deref(),
        Some("责任编辑：王丽娟 版式：陈可 校对：赵一鸣")
    );
}

#[test]
fn jump_lines_inside_paragraphs_are_removed() {
    let issue = parse(&format!(
        "（上接第1版）会议还指出，要做好工作。\n\n标题\n\n{LEAD}要做好(下转第3版)"
    ));
    assert_eq!(
        issue.articles.len(),
        2,
        "text before the first headline is its own article"
    );
    assert_eq!(issue.articles[0].title, None);
    assert_eq!(issue.articles[0].paragraphs, ["会议还指出，要做好工作。"]);
    assert_eq!(issue.articles[0].jumps[0].direction, JumpDirection::From);
    assert_eq!(issue.articles[1].paragraphs, [format!("{LEAD}要做好")]);
    assert_eq!(issue.articles[1].jumps[0].page, "3");
}

// ---- Page-break repair -------------------------------------------------

#[test]
fn cut_paragraphs_join_across_breaks() {
    // A column break cuts a paragraph where the column ends: its first part
    // is a full column's worth, ending mid-word.
    let a = &parse(&format!(
        "全市安全生产工作会议召开\n\n{LEAD}\n\n高新区将吸引一批高技术软件人才，力争3年后年产值达到20亿元，带动5000\n\n人就业。\n\n要围绕“三个聚焦”扎实做好“六稳”“六保”工作，特别是做好保就业和保基本民生工作，更好履行基\n\n\n\n本民生保障。"
    ))
    .articles[0];
    assert_eq!(
        a.paragraphs,
        [
            LEAD,
            "高新区将吸引一批高技术软件人才，力争3年后年产值达到20亿元，带动5000人就业。",
            "要围绕“三个聚焦”扎实做好“六稳”“六保”工作，特别是做好保就业和保基本民生工作，更好履行基本民生保障。"
        ]
    );
    assert!(a.subheads.is_empty());
}

#[test]
fn a_paragraph_cut_twice_joins_whole() {
    // Three columns: the middle part is short, but it continues an open
    // paragraph, so it is no subhead.
    let a = &parse(&format!(
        "全市安全生产工作会议召开\n\n{LEAD}\n\n会议要求，各级各部门要坚持问题导向，对照年度目标任务逐项梳理，确保\n\n各项任务\n\n按时完成。"
    ))
    .articles[0];
    assert_eq!(
        a.paragraphs,
        [
            LEAD,
            "会议要求，各级各部门要坚持问题导向，对照年度目标任务逐项梳理，确保各项任务按时完成。"
        ]
    );
}

#[test]
fn a_short_line_after_a_finished_paragraph_is_a_subhead() {
    // FORMAT.md "Subhead": short, no sentence end, inside a body that goes
    // on; it never joins the next paragraph.
    let a = &parse(&format!(
        "全市安全生产工作会议召开\n\n{LEAD}\n\n压实安全生产责任\n\n会议要求，各地要压实责任，确保安全。"
    ))
    .articles[0];
    assert_eq!(
        a.paragraphs,
        [
            LEAD,
            "压实安全生产责任",
            "会议要求，各地要压实责任，确保安全。"
        ]
    );
    assert_eq!(a.subheads, [1]);
}

#[test]
fn sentence_ends_and_closers_do_not_join() {
    for end in [
        "。", "！", "？", "!", "?", "……", "；", "。”", "？」", "！）",
    ] {
        let a = &parse(&format!("标题\n\n{LEAD}\n\n他说{end}\n\n下一段。")).articles[0];
        assert_eq!(a.paragraphs.len(), 3, "{end}");
    }
}

#[test]
fn a_headline_group_never_joins_a_paragraph() {
    // The cut paragraph's tail sits right before the next headline group;
    // neither the group nor the next lead is joined onto it.
    let issue = parse(&format!(
        "甲地召开全市安全生产工作会议\n\n{LEAD}\n\n会议要求，各级各部门要坚持问题导向，对照目标任务逐项梳理，这一段被截断在\n\n下一页（下转第2版）\n\n乙地推进重点项目建设\n\n{LEAD}"
    ));
    assert_eq!(issue.articles.len(), 2);
    assert_eq!(
        issue.articles[0].paragraphs,
        [
            LEAD,
            "会议要求，各级各部门要坚持问题导向，对照目标任务逐项梳理，这一段被截断在下一页"
        ]
    );
    assert_eq!(
        issue.articles[1].title.as_deref(),
        Some("乙地推进重点项目建设")
    );
    assert_eq!(issue.articles[1].paragraphs, [LEAD]);
}

#[test]
fn no_headline_file_is_one_article() {
    let issue = parse("只有正文的一段。\n\n又一段。");
    assert_eq!(issue.articles.len(), 1);
    assert_eq!(issue.articles[0].paragraphs.len(), 2);
}

// ---- Habits of other papers ------------------------------------------

#[test]
#[ignore = "loader bug (weights): an unmarked byline under a one-line deck reads as the subtitle"]
fn unmarked_byline_line() {
    let a = &parse(&format!(
        "全市安全生产工作会议召开\n\n本报记者 张三 通讯员 李 四\n\n{LEAD}"
    ))
    .articles[0];
    assert_eq!(a.byline.as_deref(), Some("本报记者 张三 通讯员 李 四"));
    assert_eq!(a.authors, ["张三", "李四"]);
    assert_eq!(a.subtitle, None);
}

#[test]
fn trailing_credit_and_end_mark_stay_in_their_article() {
    // FORMAT.md "Trailing credit": it ends the article above (never starts
    // the next), goes into its `credit`, and names its authors when it has
    // no byline. An end mark after it changes nothing.
    let issue = parse(&format!(
        "甲地召开全市安全生产工作会议\n\n{LEAD}\n\n（本报记者 张三）\n\n（完）\n\n乙地推进重点项目建设\n\n■本报记者 李四\n\n{LEAD}"
    ));
    assert_eq!(issue.articles.len(), 2);
    let a = &issue.articles[0];
    assert_eq!(a.credit.as_deref(), Some("（本报记者 张三）"));
    assert_eq!(
        (a.byline.as_deref(), a.authors.as_slice()),
        (None, &["张三".to_string()][..])
    );
    assert_eq!(a.paragraphs, [LEAD, "（完）"]);
    let b = &issue.articles[1];
    assert_eq!(
        (
            b.kicker.as_deref(),
            b.title.as_deref(),
            b.authors.as_slice()
        ),
        (
            None,
            Some("乙地推进重点项目建设"),
            &["李四".to_string()][..]
        )
    );
}

#[test]
fn section_labels_after_a_marker_are_not_bylines() {
    let issue = parse(&format!(
        "标题\n\n■本报记者 张三\n\n{LEAD}\n\n■链接\n\n相关背景介绍。\n\n■记者手记\n\n手记的内容。"
    ));
    assert_eq!(issue.articles.len(), 1);
    assert_eq!(issue.articles[0].authors, ["张三"]);
    assert_eq!(issue.articles[0].paragraphs.len(), 5);
}

#[test]
fn credits_variants() {
    let issue = parse(&format!(
        "标题\n\n{LEAD}\n\n本版编辑：张三\n\n（责任校对：李四）"
    ));
    assert_eq!(
        issue.credits.as_deref(),
        Some("本版编辑：张三 （责任校对：李四）")
    );
    assert_eq!(issue.articles[0].paragraphs, [LEAD]);
}

#[test]
fn copy_pasted_page_with_one_paragraph_per_line() {
    let issue = parse(&format!(
        "标题甲\n■本报记者 张三\n{LEAD}\n第二段。\n标题乙\n本报讯（记者 李四）乙的正文。"
    ));
    let titles: Vec<_> = issue.articles.iter().map(|a| a.title.as_deref()).collect();
    assert_eq!(titles, [Some("标题甲"), Some("标题乙")]);
    assert_eq!(issue.articles[0].paragraphs, [LEAD, "第二段。"]);
    assert_eq!(issue.articles[1].authors, ["李四"]);
}

// ---- Kinds of issue 9: credits, captions, datelines, chrome, subheads ----

const TITLE: &str = "全市安全生产工作会议召开";
const BODY: &str =
    "会议要求，各级各部门要坚持问题导向，对照年度目标任务逐项梳理，确保各项任务按时完成。";

fn titles(issue: &Issue) -> Vec<Option<&str>> {
    issue.articles.iter().map(|a| a.title.as_deref()).collect()
}

#[test]
fn trailing_credits_go_to_credit_and_name_the_authors() {
    for (credit, authors) in [
        ("（本报记者刘维涛、李昌禹报道）", vec!["刘维涛", "李昌禹"]),
        (
            "（新华社北京1月1日电  记者秦杰、张旭东）",
            vec!["秦杰", "张旭东"],
        ),
        ("（本报科威特城1月1日电）", vec![]),
        ("（作者为中国驻芬兰大使）", vec![]),
        ("(本报记者 陈 润)", vec!["陈润"]),
    ] {
        let issue = parse(&format!("{TITLE}\n\n{LEAD}\n\n{BODY}\n\n{credit}"));
        assert_eq!(issue.articles.len(), 1, "{credit}");
        let a = &issue.articles[0];
        assert_eq!(a.credit.as_deref(), Some(credit), "{credit}");
        assert_eq!(a.authors, authors, "{credit}");
        assert_eq!(a.byline, None, "{credit}");
        assert_eq!(a.paragraphs, [LEAD, BODY], "{credit}");
    }
}

#[test]
fn a_trailing_credit_ends_the_article_above() {
    // It never starts the next article: the deck after it does, with no
    // byline or dateline of its own.
    let issue = parse(&format!(
        "{TITLE}\n{BODY}\n（本报记者刘维涛、李昌禹报道）\n让我们一起奔跑（人民论坛）\n{BODY}\n（作者为中国驻芬兰大使）"
    ));
    assert_eq!(
        titles(&issue),
        [Some(TITLE), Some("让我们一起奔跑（人民论坛）")]
    );
    let (a, b) = (&issue.articles[0], &issue.articles[1]);
    assert_eq!(a.credit.as_deref(), Some("（本报记者刘维涛、李昌禹报道）"));
    assert_eq!(a.authors, ["刘维涛", "李昌禹"]);
    assert_eq!(a.paragraphs, [BODY]);
    assert_eq!(b.credit.as_deref(), Some("（作者为中国驻芬兰大使）"));
    assert_eq!(b.paragraphs, [BODY]);
    assert!(b.authors.is_empty() && b.byline.is_none() && b.dateline.is_none());
}

#[test]
fn a_byline_keeps_its_authors_over_a_trailing_credit() {
    let a = &parse(&format!(
        "{TITLE}\n\n■本报记者 张三\n\n{LEAD}\n\n（本报记者李四报道）"
    ))
    .articles[0];
    assert_eq!(a.authors, ["张三"]);
    assert_eq!(a.credit.as_deref(), Some("（本报记者李四报道）"));
}

#[test]
fn caption_credit_lines_are_captions_never_bylines() {
    for credit in [
        "刘帅冶摄（人民视觉）",
        "新华社记者 陈 斌摄",
        "本报记者 张三摄",
    ] {
        // Between two paragraphs: a caption of the article, never a byline,
        // never the start of an article.
        let issue = parse(&format!(
            "{TITLE}\n\n■本报记者 李四\n\n{LEAD}\n\n{credit}\n\n{BODY}"
        ));
        assert_eq!(issue.articles.len(), 1, "{credit}");
        let a = &issue.articles[0];
        assert_eq!(a.authors, ["李四"], "{credit}");
        assert_eq!(a.captions, [credit], "{credit}");
        assert_eq!(a.paragraphs, [LEAD, BODY], "{credit}");
        // After the last paragraph, before the next article.
        let issue = parse(&format!(
            "{TITLE}\n\n{LEAD}\n\n{BODY}\n\n{credit}\n\n重庆推进重点项目建设\n\n■本报记者 王五\n\n{LEAD}"
        ));
        assert_eq!(
            titles(&issue),
            [Some(TITLE), Some("重庆推进重点项目建设")],
            "{credit}"
        );
        let a = &issue.articles[0];
        assert_eq!(a.captions, [credit], "{credit}");
        assert!(a.byline.is_none() && a.authors.is_empty(), "{credit}");
    }
}

#[test]
#[ignore = "loader bug (weights): a photo credit line right under a one-line title reads as its subtitle"]
fn a_caption_credit_under_the_title_is_a_caption() {
    for credit in [
        "刘帅冶摄（人民视觉）",
        "新华社记者 陈 斌摄",
        "本报记者 张三摄",
    ] {
        let issue = parse(&format!("{TITLE}\n\n{credit}\n\n{LEAD}\n\n{BODY}"));
        assert_eq!(issue.articles.len(), 1, "{credit}");
        let a = &issue.articles[0];
        assert_eq!(
            (a.title.as_deref(), a.subtitle.as_deref()),
            (Some(TITLE), None),
            "{credit}"
        );
        assert_eq!(
            (a.byline.as_deref(), a.authors.len()),
            (None, 0),
            "{credit}"
        );
        assert_eq!(a.captions, [credit], "{credit}");
        assert_eq!(a.paragraphs, [LEAD, BODY], "{credit}");
    }
}

#[test]
fn bracketed_and_chinese_numeral_datelines() {
    for (lead, dateline) in [
        (
            "【新华社重庆十四日电】记者从市政府获悉，",
            "【新华社重庆十四日电】",
        ),
        ("新华社北京十月一日电 今天，", "新华社北京十月一日电"),
        (
            "本报广州十一月二十八日电 今天，",
            "本报广州十一月二十八日电",
        ),
        (
            "据新华社科伦坡12月31日电 当地时间",
            "据新华社科伦坡12月31日电",
        ),
    ] {
        let issue = parse(&format!(
            "{TITLE}\n\n{lead}全市召开安全生产工作会议。\n\n{BODY}"
        ));
        assert_eq!(issue.articles.len(), 1, "{lead}");
        let a = &issue.articles[0];
        assert_eq!(a.dateline.as_deref(), Some(dateline), "{lead}");
        assert_eq!(a.title.as_deref(), Some(TITLE), "{lead}");
        assert!(a.paragraphs[0].starts_with(lead), "{lead}");
    }
}

#[test]
fn a_chinese_numeral_dateline_opens_a_new_article() {
    let issue = parse(&format!(
        "{TITLE}\n\n{LEAD}\n\n{BODY}\n\n重庆推进重点项目建设\n\n【新华社重庆十四日电】记者从市政府获悉，全市重点项目进展顺利。"
    ));
    assert_eq!(titles(&issue), [Some(TITLE), Some("重庆推进重点项目建设")]);
    assert_eq!(
        issue.articles[1].dateline.as_deref(),
        Some("【新华社重庆十四日电】")
    );
}

#[test]
fn site_menus_and_page_lists_are_chrome() {
    let menu = ["首页English", "• 时政", "• 国际", "• 更多>>"];
    let pages = ["01版:要 闻", "02版:要 闻", "03版:国 际"];
    let text = format!(
        "{}\n{}\n光明日报 2012年10月27日 星期六\n\n{TITLE}\n\n■本报记者 张三\n\n{LEAD}\n\n{BODY}",
        menu.join("\n"),
        pages.join("\n\n")
    );
    let issue = parse(&text);
    assert_eq!(titles(&issue), [Some(TITLE)]);
    let mut chrome: Vec<&str> = menu.to_vec();
    chrome.extend(pages);
    assert_eq!(issue.chrome, chrome);
    let m = issue.masthead.expect("masthead");
    assert_eq!(m.date.as_deref(), Some("2012-10-27"));
    assert_eq!(issue.articles[0].paragraphs, [LEAD, BODY]);
}

#[test]
fn source_lines_and_footers_are_chrome() {
    let source = "( 2019-10-12 ) 稿件来源:新华每日电讯 要 闻";
    let cms = "2024-02-03 2 2 周口晚报 content_226314.html 1 小记者“跑”两会 /enpproperty-->";
    let icp = "京ICP备12345678号";
    let issue = parse(&format!(
        "{TITLE}\n\n{source}\n\n{LEAD}\n\n{BODY}\n\n{cms}\n\n{icp}"
    ));
    assert_eq!(titles(&issue), [Some(TITLE)]);
    assert_eq!(issue.chrome, [source, cms, icp]);
    assert_eq!(issue.articles[0].paragraphs, [LEAD, BODY]);
}

#[test]
fn a_deck_printed_twice_is_one_deck() {
    // FORMAT.md: the one-line copy is chrome.
    let joined = "湘江新区推进重点项目建设 扎实做好民生保障等工作";
    let issue = parse(&format!(
        "{joined}\n湘江新区推进重点项目建设\n扎实做好民生保障等工作\n■本报记者 张三\n{LEAD}\n{BODY}"
    ));
    assert_eq!(issue.articles.len(), 1);
    let a = &issue.articles[0];
    assert_eq!(
        (a.kicker.as_deref(), a.title.as_deref()),
        (
            Some("湘江新区推进重点项目建设"),
            Some("扎实做好民生保障等工作")
        )
    );
    assert_eq!(issue.chrome, [joined]);
}

#[test]
fn subheads_are_listed_never_joined_never_articles() {
    let issue = parse(&format!(
        "{TITLE}\n\n■本报记者 张三\n\n{LEAD}\n\n一、压实安全生产责任\n\n{BODY}\n\n■坚持问题导向\n\n{BODY}\n\n织密织牢保障网\n\n{BODY}"
    ));
    assert_eq!(titles(&issue), [Some(TITLE)]);
    let a = &issue.articles[0];
    assert_eq!(
        a.paragraphs,
        [
            LEAD,
            "一、压实安全生产责任",
            BODY,
            "■坚持问题导向",
            BODY,
            "织密织牢保障网",
            BODY
        ]
    );
    assert_eq!(a.subheads, [1, 3, 5]);
    assert_eq!(a.authors, ["张三"]);
}

#[test]
fn subheads_in_a_one_line_per_paragraph_page() {
    // No blank lines, no indents: the subhead is still a paragraph of its own.
    let issue = parse(&format!(
        "{TITLE}\n■本报记者 张三\n{LEAD}\n压实安全生产责任\n{BODY}\n织密织牢保障网\n{BODY}"
    ));
    assert_eq!(titles(&issue), [Some(TITLE)]);
    let a = &issue.articles[0];
    assert_eq!(a.paragraphs.len(), 5);
    assert_eq!(a.subheads, [1, 3]);
}

#[test]
fn articles_without_byline_or_dateline_start_at_their_deck() {
    // A feature and a commentary after a news item: each opens with its
    // deck and goes straight to the body.
    let issue = parse(&format!(
        "{TITLE}\n\n■本报记者 张三\n\n{LEAD}\n\n{BODY}\n\n小巷里的“百姓书屋”\n\n——记社区图书管理员李四\n\n{BODY}\n\n{BODY}\n\n（本报记者王五）\n\n让我们一起奔跑（人民论坛）\n\n{BODY}"
    ));
    assert_eq!(
        titles(&issue),
        [
            Some(TITLE),
            Some("小巷里的“百姓书屋”"),
            Some("让我们一起奔跑（人民论坛）")
        ]
    );
    let (b, c) = (&issue.articles[1], &issue.articles[2]);
    assert_eq!(b.subtitle.as_deref(), Some("——记社区图书管理员李四"));
    assert_eq!(b.paragraphs, [BODY, BODY]);
    assert_eq!((b.byline.as_deref(), b.dateline.as_deref()), (None, None));
    assert_eq!(b.authors, ["王五"]);
    assert_eq!(c.paragraphs, [BODY]);
    assert!(c.byline.is_none() && c.dateline.is_none() && c.authors.is_empty());
}

#[test]
#[ignore = "loader bug (weights): a column-tagged title after a finished body reads as a subhead of the article above"]
fn a_commentary_after_a_finished_body_is_an_article() {
    let issue = parse(&format!(
        "{TITLE}\n\n■本报记者 张三\n\n{LEAD}\n\n{BODY}\n\n让我们一起奔跑（人民论坛）\n\n{BODY}\n\n{BODY}"
    ));
    assert_eq!(
        titles(&issue),
        [Some(TITLE), Some("让我们一起奔跑（人民论坛）")]
    );
    assert_eq!(issue.articles[1].paragraphs, [BODY, BODY]);
}

#[test]
fn mastheads_in_their_printed_forms() {
    for (top, date, page) in [
        ("衡阳日报 2020年7月2日 星期四", Some("2020-07-02"), None),
        ("第01版：要闻", None, Some("01")),
        ("第A05版:要闻", None, Some("A05")),
        (
            "2024年02月03日\n第A05版:要闻",
            Some("2024-02-03"),
            Some("A05"),
        ),
        ("1951年9月15日人民日报 第1版", Some("1951-09-15"), Some("1")),
    ] {
        let issue = parse(&format!("{top}\n\n{TITLE}\n\n{LEAD}\n\n{BODY}"));
        let m = issue
            .masthead
            .as_ref()
            .unwrap_or_else(|| panic!("{top}: no masthead"));
        assert_eq!(m.text, top.replace('\n', " "), "{top}");
        assert_eq!(
            (m.date.as_deref(), m.page.as_deref()),
            (date, page),
            "{top}"
        );
        assert!(issue.chrome.is_empty(), "{top}: {:?}", issue.chrome);
        assert_eq!(titles(&issue), [Some(TITLE)], "{top}");
        assert_eq!(issue.articles[0].paragraphs, [LEAD, BODY], "{top}");
    }
}

#[test]
#[ignore = "loader bug (patterns::masthead): `第A08版:我的2020` (digits in the section name) and `第A05版:要闻 PDF版` are no masthead"]
fn page_labels_with_digits_or_pdf_are_mastheads() {
    for top in ["第A08版:我的2020", "第A05版:要闻 PDF版"] {
        let issue = parse(&format!("{top}\n\n{TITLE}\n\n{LEAD}\n\n{BODY}"));
        let m = issue
            .masthead
            .as_ref()
            .unwrap_or_else(|| panic!("{top}: no masthead"));
        assert_eq!(m.text, top);
        assert!(
            m.page.as_deref().is_some_and(|p| p.starts_with('A')),
            "{top}"
        );
        assert_eq!(titles(&issue), [Some(TITLE)], "{top}");
    }
}

#[test]
#[ignore = "loader bug (weights): a masthead line over a page of indented body lines reads as the first article's title"]
fn a_masthead_over_an_indented_page_is_the_masthead() {
    let issue = parse(&format!(
        "衡阳日报 2020年7月2日 星期四\n{TITLE}\n\u{3000}\u{3000}■本报记者 张三\n\u{3000}\u{3000}{LEAD}\n\u{3000}\u{3000}{BODY}"
    ));
    assert_eq!(
        issue.masthead.as_ref().map(|m| m.text.as_str()),
        Some("衡阳日报 2020年7月2日 星期四")
    );
    assert_eq!(titles(&issue), [Some(TITLE)]);
    assert_eq!(issue.articles[0].subtitle, None);
}

#[test]
#[ignore = "loader bug (weights): on a page of indented body lines a kicker ending in a speech verb reads as the title (much more often since af31263)"]
fn a_kicker_end_holds_on_an_indented_page() {
    let issue = parse(&format!(
        "{TITLE}\n\u{3000}\u{3000}{LEAD}\n\u{3000}\u{3000}{BODY}\n市长在全市安全生产会议上强调\n扎实做好民生保障等工作\n\u{3000}\u{3000}{LEAD}\n\u{3000}\u{3000}{BODY}"
    ));
    let b = &issue.articles[1];
    assert_eq!(
        (
            b.kicker.as_deref(),
            b.title.as_deref(),
            b.subtitle.as_deref()
        ),
        (
            Some("市长在全市安全生产会议上强调"),
            Some("扎实做好民生保障等工作"),
            None
        )
    );
}

#[test]
#[ignore = "loader bug (weights): a deck of three lines before a byline, after a finished body, reads as two subheads and a title"]
fn a_three_line_deck_before_a_byline_opens_an_article() {
    let issue = parse(&format!(
        "{TITLE}\n\n■本报记者 张三\n\n{LEAD}\n\n{BODY}\n\n湘江新区推进重点项目建设\n\n扎实做好民生保障等工作\n\n副市长带队检查安全生产\n\n■本报记者 李四\n\n{LEAD}"
    ));
    assert_eq!(
        titles(&issue),
        [Some(TITLE), Some("扎实做好民生保障等工作")]
    );
    assert!(issue.articles[0].subheads.is_empty());
}

#[test]
#[ignore = "loader bug (weights, since d413c77): a one-line title before a byline, after a short paragraph, reads as a subhead (loader_stress::hundred_thousand_tiny_articles fails the same way)"]
fn a_title_before_a_byline_after_a_short_paragraph() {
    let issue = parse(
        "第一号标题\n\n■本报记者 陈 润\n\n消息正文一条。\n\n第二号标题\n\n■本报记者 陈 润\n\n消息正文二条。",
    );
    assert_eq!(titles(&issue), [Some("第一号标题"), Some("第二号标题")]);
    assert_eq!(issue.articles[1].authors, ["陈润"]);
}

/// Cases of `assemble` (here, not in the loader, so the loader's files
/// import only downwards).
mod assemble_cases {
    use kanbao::loader::parse;
    use kanbao::model::{Encoding, Issue};

    fn read(text: &str) -> Issue {
        parse("t.txt", text, Encoding::Utf8)
    }

    const LEAD: &str = "本报讯 7月1日，全市召开安全生产工作会议。";

    #[test]
    fn a_trailing_credit_before_an_end_mark_is_the_credit() {
        let issue = read(&format!(
            "全市安全生产工作会议召开\n\n{LEAD}\n\n（本报记者 张三）\n\n（完）"
        ));
        let a = &issue.articles[0];
        assert_eq!(a.credit.as_deref(), Some("（本报记者 张三）"));
        assert_eq!(a.authors, ["张三"]);
        assert_eq!(a.paragraphs, [LEAD, "（完）"]);
    }

    #[test]
    fn a_masthead_under_a_site_menu_is_the_masthead() {
        let issue = read(&format!(
            "首页English\n• 时政\n• 更多>>\n光明日报 2012年10月27日 星期六\n\n全市安全生产工作会议召开\n\n■本报记者 张三\n\n{LEAD}"
        ));
        let m = issue.masthead.expect("masthead");
        assert_eq!(m.text, "光明日报 2012年10月27日 星期六");
        assert_eq!(m.date.as_deref(), Some("2012-10-27"));
        assert_eq!(issue.chrome, ["首页English", "• 时政", "• 更多>>"]);
        assert_eq!(issue.articles.len(), 1);
    }

    #[test]
    fn a_credit_shaped_line_inside_a_body_is_a_paragraph() {
        // Followed by more body text, it did not end the article.
        let issue = read(&format!(
            "全市安全生产工作会议召开\n\n{LEAD}\n\n（本报记者 张三）\n\n会议要求，各地要压实责任，确保安全。"
        ));
        let a = &issue.articles[0];
        assert_eq!(a.credit, None);
        assert_eq!(a.paragraphs[1], "（本报记者 张三）");
        assert!(a.authors.is_empty());
    }
}
