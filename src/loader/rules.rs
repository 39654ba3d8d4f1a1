//! The loader's rules as data: marker characters, role words, speech verbs,
//! dateline sources, sentence ends. Supporting a new paper's habits should be
//! a one-line change here, never a new special case in the parser.

/// Characters that open a byline block (`■本报记者 罗文鹏`).
pub const BYLINE_MARKERS: &[char] = &['■', '□', '●', '◆'];

/// Role words removed from bylines to leave the authors' names. Longest
/// first is not required: the matcher always tries the longest match.
pub const ROLE_WORDS: &[&str] = &[
    "本报记者",
    "本报特约记者",
    "本报见习记者",
    "本报实习记者",
    "本报通讯员",
    "本报评论员",
    "本报实习生",
    "特约记者",
    "见习记者",
    "实习记者",
    "首席记者",
    "全媒体记者",
    "融媒体记者",
    "摄影记者",
    "新华社记者",
    "新华社通讯员",
    "记者",
    "通讯员",
    "实习生",
    "特约撰稿",
    "评论员",
    "文/图",
    "文／图",
    "图/文",
    "图／文",
];

/// A kicker ending with one of these introduces the title (`…时强调`).
pub const SPEECH_VERBS: &[&str] = &[
    "强调", "指出", "表示", "要求", "提出", "寄语", "呼吁", "称", "说",
];

/// A kicker ending with one of these introduces the title (`…，强调——`).
pub const KICKER_ENDS: &[&str] = &["——", "：", ":"];

/// A subtitle commonly opens with a dash (`——涉及教育医疗…`).
pub const SUBTITLE_STARTS: &[&str] = &["——", "—", "--"];

/// Characters that end a sentence: a paragraph ending otherwise was cut by a
/// column or page break.
pub const SENTENCE_ENDS: &[char] = &['。', '！', '？', '!', '?', '…', '；', ';'];

/// Closing quotes/brackets that may follow a sentence end (`…。”`).
pub const CLOSERS: &[char] = &['”', '’', '」', '』', '）', ')', '》', '】', '"', '\''];

/// A headline block ending with one of these is a sentence, not a headline.
pub const HEADLINE_FORBIDDEN_ENDS: &[char] = &['。', '！', '？', '!', '?'];

/// Headline blocks are short: at most this many characters.
pub const HEADLINE_MAX_CHARS: usize = 48;

/// At most this many blocks form a headline group (kicker, title, subtitle).
pub const HEADLINE_MAX_BLOCKS: usize = 3;

/// Sources a dateline can open with; any `…社`/`…网`/`…台` also counts.
pub const DATELINE_SOURCES: &[&str] = &[
    "本报",
    "新华社",
    "人民网",
    "中新社",
    "中新网",
    "新华网",
    "央视网",
    "中国新闻网",
];

/// Caption openers (`▲7月1日，…`, `图为…`).
pub const CAPTION_STARTS: &[&str] = &["▲", "△", "图为", "上图", "下图", "左图", "右图"];

/// Labels that open a credits line (`责任编辑：张三 版式：李四`).
pub const CREDIT_LABELS: &[&str] = &[
    "责任编辑",
    "责编",
    "值班编辑",
    "执行编辑",
    "编辑",
    "版式",
    "美编",
    "美术编辑",
    "校对",
    "组版",
    "审读",
    "一审",
    "二审",
    "三审",
    "终审",
    "排版",
    "制图",
];

/// Suffixes of a paper's name in a masthead (`衡阳日报`).
pub const PAPER_SUFFIXES: &[&str] = &["报", "刊", "报社", "新闻"];

/// Is `c` a Han (CJK ideograph) character?
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F | 0x30000..=0x3134F)
}

/// Is `c` white space for layout purposes (ASCII, U+3000, NBSP, …)?
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}'
}

/// Does `text` end a sentence (possibly followed by closing quotes/brackets)?
pub fn ends_sentence(text: &str) -> bool {
    let trimmed = text.trim_end_matches(CLOSERS);
    // A closer is only a sentence end when it follows one ("…。”"); a bare
    // closing bracket ends a parenthesis, not a sentence.
    trimmed.ends_with(SENTENCE_ENDS)
}

/// Two-character surnames: a four-character byline name starting with one
/// of these is a name, not a bullet point.
pub const COMPOUND_SURNAMES: &[&str] = &[
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "夏侯", "长孙",
    "宇文", "轩辕", "端木", "独孤", "南宫", "西门", "百里", "呼延", "司徒", "司空", "申屠", "澹台",
];
