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
    // Traditional forms (Hong Kong and Taiwan papers, Big5 files).
    "本報記者",
    "本報特約記者",
    "本報通訊員",
    "特約記者",
    "見習記者",
    "實習記者",
    "新華社記者",
    "記者",
    "通訊員",
    "實習生",
    "特约撰稿",
    "评论员",
    "文/图",
    "文／图",
    "图/文",
    "图／文",
    "文/",
    "文／",
    "图/",
    "图／",
];

/// Words a byline marker may introduce that are section labels, not
/// names (`■链接`, `■记者手记`).
pub const NOT_NAMES: &[&str] = &[
    "链接",
    "手记",
    "短评",
    "评论",
    "述评",
    "点评",
    "背景",
    "提示",
    "观察",
    "调查",
    "专访",
    "报道",
    "综述",
    "快讯",
    "简讯",
    "新闻",
    "资料",
    "相关",
    "延伸",
    "阅读",
    "编后",
    "按语",
    "小贴士",
];

/// Common single-character surnames. A byline with no role word must name
/// people whose names start with one of these (or a compound surname), so
/// a section label like `■链接` is not taken for a byline.
pub const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由";

/// Closing marks an editor puts after an article (`（完）`): body text,
/// never a headline.
pub const END_MARKS: &[&str] = &[
    "（完）",
    "(完)",
    "（全文完）",
    "（待续）",
    "（未完待续）",
    "（本文完）",
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
    "本報",
    "新华社",
    "新華社",
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
    "版面编辑",
    "图片编辑",
    "编辑",
    "版式",
    "版式设计",
    "美编",
    "美术编辑",
    "责任校对",
    "校对",
    "组版",
    "审读",
    "一审",
    "二审",
    "三审",
    "终审",
    "排版",
    "制图",
    "视觉设计",
    "设计",
    "值班主任",
    "主编",
];

/// A short block opening with one of these is a subhead inside an article
/// (`■链接`, `【背景】`, `一、加强组织领导`): it never takes the next
/// paragraph as its continuation.
pub const SUBHEAD_STARTS: &[&str] = &[
    "■",
    "□",
    "●",
    "◆",
    "【",
    "一、",
    "二、",
    "三、",
    "四、",
    "五、",
    "六、",
    "七、",
    "八、",
    "九、",
    "十、",
    "（一）",
    "（二）",
    "（三）",
    "（四）",
    "（五）",
    "（六）",
    "（七）",
    "（八）",
    "（九）",
    "（十）",
];

/// Subheads are short: at most this many characters.
pub const SUBHEAD_MAX_CHARS: usize = 20;

/// Jump-line words for "continued on page N" (`（下转第2版）`).
pub const JUMP_TO_WORDS: &[&str] = &["下转", "转", "下接"];

/// Jump-line words for "continued from page N" (`（上接第1版）`).
pub const JUMP_FROM_WORDS: &[&str] = &["上接", "紧接", "接", "续"];

/// Suffixes of a paper's name in a masthead (`衡阳日报`).
pub const PAPER_SUFFIXES: &[&str] = &["报", "刊", "报社", "新闻"];

/// A word list made ready for prefix tests. Every block is checked against
/// several lists, so each word's first character is decoded once, here,
/// and a word is compared (a `memcmp`) only when the text starts with that
/// character: most blocks cost one decoded character and a few integer
/// compares per list.
#[derive(Debug)]
pub struct Prefixes {
    /// (first character, word), in the list's order.
    words: Vec<(char, &'static str)>,
    /// The list has an empty word: it is a prefix of nothing here (as with
    /// `prefixes_of` before), but contained in every text.
    empty: bool,
    /// Bit `c % 1024` is set for each first character `c`: most texts start
    /// with a character no word starts with, and one bit test says so (a
    /// list like `SUBHEAD_STARTS` has a few dozen first characters: with
    /// fewer bits, a fifth of all texts would pass and scan the list).
    firsts: [u64; 16],
}

impl Prefixes {
    /// Index `words` (one of the lists above).
    pub fn new(words: &[&'static str]) -> Self {
        Prefixes {
            words: words
                .iter()
                .filter_map(|&w| Some((w.chars().next()?, w)))
                .collect(),
            empty: words.contains(&""),
            firsts: words
                .iter()
                .filter_map(|w| w.chars().next())
                .fold([0; 16], |mut bits, c| {
                    let (word, bit) = Self::bit(c);
                    bits[word] |= bit;
                    bits
                }),
        }
    }

    /// The word and bit of `firsts` for `c`.
    fn bit(c: char) -> (usize, u64) {
        let i = u32::from(c) % 1024;
        ((i / 64) as usize, 1 << (i % 64))
    }

    /// Could a word start with `c`?
    fn may_start(&self, c: char) -> bool {
        let (word, bit) = Self::bit(c);
        self.firsts[word] & bit != 0
    }

    /// The words `text` starts with, in the list's order.
    pub fn of<'a>(&'a self, text: &'a str) -> impl Iterator<Item = &'static str> + 'a {
        let first = text.chars().next().filter(|&c| self.may_start(c));
        let words = if first.is_some() {
            &self.words[..]
        } else {
            &[]
        };
        words
            .iter()
            .filter(move |&&(c, w)| Some(c) == first && text.starts_with(w))
            .map(|&(_, w)| w)
    }

    /// Does `text` start with one of the words?
    pub fn any(&self, text: &str) -> bool {
        self.of(text).next().is_some()
    }

    /// Does one of the words occur anywhere in `text`? (`text` is short: a
    /// name.) The same as a `contains` per word, without a substring search
    /// per word.
    pub fn any_in(&self, text: &str) -> bool {
        self.empty || text.char_indices().any(|(i, _)| self.any(&text[i..]))
    }
}

/// Does `text` have more than `n` characters? Counted only when its length
/// in bytes does not already tell (a character is 1–4 bytes).
pub fn more_chars_than(text: &str, n: usize) -> bool {
    text.len() > n && (text.len() > 4 * n || text.chars().nth(n).is_some())
}

pub use crate::text::chars::{is_han, is_space};

/// `text.trim_end_matches(set)` for a short set of characters, written out:
/// it runs on every block, and the generic searcher is several times
/// slower on the one or two characters it usually looks at.
pub fn trim_end_chars<'a>(text: &'a str, set: &[char]) -> &'a str {
    let mut end = text.len();
    for c in text.chars().rev() {
        if !set.contains(&c) {
            break;
        }
        end -= c.len_utf8();
    }
    &text[..end]
}

/// `text.strip_prefix(set)` for a short set of characters, written out as
/// `trim_end_chars` is.
pub fn strip_first_char<'a>(text: &'a str, set: &[char]) -> Option<&'a str> {
    let c = text.chars().next().filter(|c| set.contains(c))?;
    Some(&text[c.len_utf8()..])
}

/// `text.trim_start_matches(set)`, written out as `trim_end_chars` is.
pub fn trim_start_chars<'a>(text: &'a str, set: &[char]) -> &'a str {
    let mut start = 0;
    for c in text.chars() {
        if !set.contains(&c) {
            break;
        }
        start += c.len_utf8();
    }
    &text[start..]
}

/// Does `text` end a sentence (possibly followed by closing quotes/brackets)?
pub fn ends_sentence(text: &str) -> bool {
    let trimmed = trim_end_chars(text, CLOSERS);
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
