//! Word lists of the segmentation's shapes: site chrome, credit words,
//! section labels. Data, like `rules`: a new site's menu or a paper's new
//! label is a line here.

/// Lines that are site chrome when they are the whole line.
pub const CHROME_EXACT: &[&str] = &[
    "首页",
    "English",
    "首页English",
    "更多>>",
    "更多",
    "返回",
    "返回目录",
    "上一版",
    "下一版",
    "上一篇",
    "下一篇",
    "打印",
    "关闭",
    "分享到",
    "PDF版",
    "版面导航",
    "本版新闻",
    "往期回顾",
    "报 纸",
    "杂 志",
    "• 更多>>",
    "• 报 纸",
    "标题导航",
];

/// Words that make a line site chrome wherever they stand in it.
pub const CHROME_WORDS: &[&str] = &[
    "稿件来源",
    "ICP备",
    "ICP证",
    "版权所有",
    "Copyright",
    "copyright",
    "All Rights Reserved",
    "/enpproperty",
    "content_",
    ".html",
    "网络传播视听节目许可证",
    "违法和不良信息举报",
];

/// Words inside a bracketed last line that make it a trailing credit.
pub const CREDIT_WORDS: &[&str] = &[
    "记者",
    "报道",
    "作者",
    "通讯员",
    "编译",
    "整理",
    "综合",
    "来源",
    "摘编",
    "特约",
    "供稿",
    "执笔",
    "撰稿",
    "摘自",
    "电）",
    "本报",
];

/// Labels of a section inside an article (`■链接`, `【背景】`): a body's
/// subhead, never a deck.
pub const SECTION_LABELS: &[&str] = &[
    "链接",
    "背景",
    "相关链接",
    "记者手记",
    "编后",
    "短评",
    "点评",
    "延伸阅读",
    "小贴士",
    "资料",
    "观察",
    "快评",
    "评论",
    "知识链接",
    "新闻链接",
    "专家点评",
    "数说",
    "图说",
    "提示",
];

/// Labels of a credit that stays with its article (a graphic's maker), not
/// the page's editors.
pub const GRAPHIC_LABELS: &[&str] = &[
    "制图",
    "版式",
    "设计",
    "视觉设计",
    "图片",
    "漫画",
    "绘图",
    "插图",
];

/// Words of a salutation line (`亲爱的女儿悦悦：`, `同志们，朋友们：`): a
/// letter's or a speech's first body line, never a deck.
pub const SALUTATIONS: &[&str] = &[
    "亲爱的",
    "同志们",
    "朋友们",
    "女士们",
    "先生们",
    "各位",
    "同学们",
    "老师们",
    "乡亲们",
    "至亲",
    "尊敬的",
];
