//! The user's vocabulary (`Action`, bindable by name from a keymap) and the
//! run loop's (`Effect`, the only way `update` asks for anything outside).
//! A leaf: the keymap, the config, `app`, `ui` and `tui` all speak it, and
//! it imports nothing of the crate.

/// Something the user asked for. Bindable actions have a stable snake_case
/// name (the keymap's vocabulary) and a one-line description for help.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Next headline in the list, or one line down in the reading pane.
    Down,
    /// Previous headline, or one line up.
    Up,
    /// One page down (list or reading pane).
    PageDown,
    /// One page up.
    PageUp,
    /// Read on (`Space`, as in `less`): a page down, and at the end of
    /// the article the next article.
    ReadOn,
    /// Open the next article not yet read (after the open one, wrapping).
    NextUnread,
    /// First headline / top of the article.
    Top,
    /// Last headline / end of the article.
    Bottom,
    /// Open the selected headline in the reading pane.
    Open,
    /// Switch focus between the list and the reading pane.
    ToggleFocus,
    /// Focus the headline list (narrow terminals: back to the list).
    FocusList,
    /// Focus the reading pane.
    FocusReader,
    /// Open the next article; the list selection follows.
    NextArticle,
    /// Open the previous article.
    PrevArticle,
    /// Widen the text column by two columns.
    Wider,
    /// Narrow the text column by two columns.
    Narrower,
    /// Widen the headline list by two columns.
    ListWider,
    /// Narrow the headline list by two columns.
    ListNarrower,
    /// Show ASCII punctuation between Han as full-width, or as stored.
    TogglePunct,
    /// Blank line between paragraphs on or off.
    ToggleSpacing,
    /// Show the help overlay.
    Help,
    /// Close the help overlay.
    CloseHelp,
    /// Leave kanbao.
    Quit,
    /// Internal: the terminal was resized (not bindable).
    Resize,
    /// Internal: left click at a screen cell (not bindable).
    Click(u16, u16),
    /// Internal: a character typed into the issue list's filter (a key
    /// the list does not bind; not bindable).
    Filter(char),
    /// Delete the last character of the issue list's filter.
    FilterDelete,
    /// Internal: mouse wheel at a cell; `true` scrolls down (not bindable).
    Wheel(u16, u16, bool),
    /// Copy the open article as clean text to the clipboard (OSC 52).
    CopyText,
    /// Copy the open article as Markdown to the clipboard (OSC 52).
    CopyMarkdown,
    /// Show the open article in `$PAGER`.
    OpenInPager,
    /// The first article of the next page (版) of the issue.
    NextPage,
    /// The first article of the previous page.
    PrevPage,
    /// Show the open issue's pages (版面) to go to one.
    PageList,
    /// Follow the open article's jump line to the rest of it.
    FollowJump,
    /// Back to where a jump line was followed from.
    JumpBack,
    /// Open the next issue of the archive (list order: older).
    NextIssue,
    /// Open the previous issue of the archive (list order: newer).
    PrevIssue,
    /// Show the issue list of the archive.
    IssueList,
    /// Close the issue or bookmark list.
    ClosePicker,
    /// Back out of the list to the reader, or quit when the list is the
    /// first screen (nothing to go back to).
    Leave,
    /// Mark the article read or unread.
    ToggleRead,
    /// Bookmark the paragraph at the top of the pane, or remove it.
    ToggleBookmark,
    /// List every bookmark, across issues.
    Bookmarks,
    /// Look for new files in the archive folder.
    Rescan,
    /// Open the search bar.
    Search,
    /// Next search hit (into the next article, wrapping at the end).
    NextHit,
    /// Previous search hit.
    PrevHit,
    /// Clear the search highlights.
    ClearSearch,
    /// Show article keywords in the headline list, or the kickers.
    ToggleKeywords,
    /// Search bar: keep the search and close the bar (on a word-search
    /// result: open it).
    SearchAccept,
    /// Search bar: close it and go back to where `/` was pressed.
    SearchCancel,
    /// Search bar: the older query of the history (in the word results:
    /// the result above).
    SearchOlder,
    /// Search bar: the newer query (in the word results: the one below).
    SearchNewer,
    /// Search bar: show or hide the word-search results.
    SearchResults,
    /// Search bar: the next scope (issue, article, all issues).
    SearchScope,
    /// Search bar: delete the character before the caret.
    SearchBackspace,
    /// Search bar: delete the word before the caret.
    SearchDeleteWord,
    /// Search bar: delete everything before the caret.
    SearchDeleteToStart,
    /// Search bar: caret one character left.
    SearchLeft,
    /// Search bar: caret one character right.
    SearchRight,
    /// Search bar: caret to the start.
    SearchHome,
    /// Search bar: caret to the end.
    SearchEnd,
}

/// Every bindable action with its name and description, in help order.
pub const BINDABLE: &[(Action, &str, &str)] = &[
    (Action::Down, "down", "下移 / next headline, scroll down"),
    (Action::Up, "up", "上移 / previous headline, scroll up"),
    (Action::PageDown, "page_down", "下一页 / page down"),
    (Action::PageUp, "page_up", "上一页 / page up"),
    (
        Action::ReadOn,
        "read_on",
        "往下读 / page down, then the next article",
    ),
    (Action::Top, "top", "开头 / top"),
    (Action::Bottom, "bottom", "末尾 / bottom"),
    (Action::Open, "open", "打开 / open article"),
    (
        Action::ToggleFocus,
        "toggle_focus",
        "切换窗格 / switch pane",
    ),
    (Action::FocusList, "focus_list", "标题列表 / to the list"),
    (Action::FocusReader, "focus_reader", "正文 / to the article"),
    (Action::NextArticle, "next_article", "下一篇 / next article"),
    (
        Action::NextUnread,
        "next_unread",
        "下一篇未读 / next unread article",
    ),
    (
        Action::PrevArticle,
        "prev_article",
        "上一篇 / previous article",
    ),
    (Action::Wider, "wider", "加宽版心 / wider column"),
    (Action::Narrower, "narrower", "收窄版心 / narrower column"),
    (
        Action::ListWider,
        "list_wider",
        "加宽标题栏 / wider headline list",
    ),
    (
        Action::ListNarrower,
        "list_narrower",
        "收窄标题栏 / narrower headline list",
    ),
    (
        Action::TogglePunct,
        "toggle_punct",
        "全角标点 / full-width punctuation",
    ),
    (
        Action::ToggleSpacing,
        "toggle_spacing",
        "段间空行 / paragraph spacing",
    ),
    (Action::Help, "help", "帮助 / help"),
    (Action::CloseHelp, "close_help", "关闭帮助 / close help"),
    (Action::Quit, "quit", "退出 / quit"),
    (Action::CopyText, "copy_text", "复制正文 / copy as text"),
    (
        Action::CopyMarkdown,
        "copy_markdown",
        "复制 Markdown / copy as Markdown",
    ),
    (
        Action::OpenInPager,
        "open_in_pager",
        "分页器 / open in $PAGER",
    ),
    (Action::NextPage, "next_page", "下一版 / next page"),
    (Action::PrevPage, "prev_page", "上一版 / previous page"),
    (Action::PageList, "page_list", "版面 / the issue's pages"),
    (
        Action::FilterDelete,
        "filter_delete",
        "删除 / delete from the typed filter",
    ),
    (
        Action::FollowJump,
        "follow_jump",
        "转版 / follow the jump line",
    ),
    (Action::JumpBack, "jump_back", "返回 / back from the jump"),
    (Action::NextIssue, "next_issue", "下一期 / next issue"),
    (Action::PrevIssue, "prev_issue", "上一期 / previous issue"),
    (Action::IssueList, "issue_list", "报刊列表 / issue list"),
    (
        Action::ClosePicker,
        "close_picker",
        "关闭列表 / close the list",
    ),
    (
        Action::Leave,
        "leave",
        "返回，首屏退出 / back, or quit on the first screen",
    ),
    (
        Action::ToggleRead,
        "toggle_read",
        "已读/未读 / mark read or unread",
    ),
    (
        Action::ToggleBookmark,
        "toggle_bookmark",
        "书签 / bookmark this paragraph",
    ),
    (Action::Bookmarks, "bookmarks", "全部书签 / all bookmarks"),
    (Action::Rescan, "rescan", "重新扫描 / rescan the folder"),
    (Action::Search, "search", "搜索 / search"),
    (Action::NextHit, "next_hit", "下一处 / next match"),
    (Action::PrevHit, "prev_hit", "上一处 / previous match"),
    (
        Action::ClearSearch,
        "clear_search",
        "清除高亮 / clear highlights",
    ),
    (
        Action::ToggleKeywords,
        "toggle_keywords",
        "关键词 / keywords in the list",
    ),
    (
        Action::SearchAccept,
        "search_accept",
        "确定 / keep the search (open a word result)",
    ),
    (
        Action::SearchCancel,
        "search_cancel",
        "取消 / back to where / was pressed",
    ),
    (
        Action::SearchOlder,
        "search_older",
        "上一条 / older query (result above)",
    ),
    (
        Action::SearchNewer,
        "search_newer",
        "下一条 / newer query (result below)",
    ),
    (
        Action::SearchResults,
        "search_results",
        "分词结果 / word results on or off",
    ),
    (
        Action::SearchScope,
        "search_scope",
        "范围 / scope: issue, article, all issues",
    ),
    (
        Action::SearchBackspace,
        "search_backspace",
        "删除 / delete the character before",
    ),
    (
        Action::SearchDeleteWord,
        "search_delete_word",
        "删词 / delete the word before",
    ),
    (
        Action::SearchDeleteToStart,
        "search_delete_to_start",
        "删至开头 / delete to the start",
    ),
    (Action::SearchLeft, "search_left", "左移 / caret left"),
    (Action::SearchRight, "search_right", "右移 / caret right"),
    (
        Action::SearchHome,
        "search_home",
        "行首 / caret to the start",
    ),
    (Action::SearchEnd, "search_end", "行尾 / caret to the end"),
];

impl Action {
    /// The keymap name of a bindable action (`None` for internal ones).
    pub fn name(self) -> Option<&'static str> {
        BINDABLE
            .iter()
            .find(|(a, ..)| *a == self)
            .map(|(_, n, _)| *n)
    }

    /// The help text of a bindable action.
    pub fn description(self) -> &'static str {
        BINDABLE
            .iter()
            .find(|(a, ..)| *a == self)
            .map_or("", |(.., d)| *d)
    }

    /// The action a keymap name stands for.
    pub fn from_name(name: &str) -> Option<Action> {
        BINDABLE
            .iter()
            .find(|(_, n, _)| *n == name)
            .map(|(a, ..)| *a)
    }
}

/// What the run loop should do after `update`. `update` itself never
/// draws, reads or writes anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Nothing changed on screen.
    None,
    /// State changed: draw a frame.
    Redraw,
    /// Restore the terminal and exit.
    Quit,
    /// Put this text on the system clipboard (the run loop writes the OSC
    /// 52 escape), then redraw.
    Clipboard(String),
    /// Show this text in `$PAGER`, then restore the reader and redraw.
    Pager(String),
    /// State changed and must be written (`Shelf::dirty`); redraw too.
    SaveState,
    /// Scan the archive folder again for new files; redraw too.
    Rescan,
}
