//! Where everything goes on screen: [`Focus`] (which pane has the
//! keyboard), [`Viewport`] and `layout(area) -> Viewport`, the one pure
//! function that decides it. `update` uses it for page sizes and mouse
//! hits, and `render` draws into the same rectangles, so they cannot
//! disagree. A leaf: it imports nothing of the crate.

use ratatui::layout::Rect;

/// Which pane has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    /// The headline list.
    #[default]
    List,
    /// The reading pane.
    Reader,
}

/// Below this width only one pane is shown at a time.
pub const NARROW_BELOW: u16 = 70;
/// Below this size only a "too small" notice is drawn.
pub const MIN_WIDTH: u16 = 16;
/// Below this height only a "too small" notice is drawn.
pub const MIN_HEIGHT: u16 = 4;
/// Rows per headline entry (title row + kicker/subtitle row).
pub const ROWS_PER_ENTRY: u16 = 2;

/// Where each part of the screen is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Viewport {
    /// The whole terminal.
    pub area: Rect,
    /// The headline list, if shown (below its page header, if any).
    pub list: Option<Rect>,
    /// The page header row above the list (`第02版：要闻`), for an issue
    /// of several pages.
    pub list_header: Option<Rect>,
    /// The divider column between the panes, if both are shown.
    pub divider: Option<Rect>,
    /// The reading pane, if shown.
    pub reader: Option<Rect>,
    /// The text column inside the reading pane (even width, centered).
    pub column: Rect,
    /// The running head above the text column (paper, day, page).
    pub running_head: Option<Rect>,
    /// The status bar row.
    pub status: Rect,
    /// One pane at a time.
    pub narrow: bool,
    /// Too small for anything but a notice.
    pub too_small: bool,
}

/// The headline list's width in a window `width` columns wide: `asked`
/// (0: sized to the window, wide enough at 80 columns for a title of a
/// dozen characters on two rows), never more than half the window.
pub fn list_columns(width: u16, asked: u16) -> u16 {
    let w = if asked == 0 {
        (width * 3 / 10).clamp(24, 40)
    } else {
        asked
    };
    w.min(width / 2)
}

/// The widest text column a reading pane of `pane`'s width holds: a
/// margin each side, at least two columns on the right where a closing
/// mark may hang (`text::wrap::HANGING_ROOM`), even so Han lines end
/// flush.
pub fn widest_column(pane: Rect) -> u16 {
    let room = u16::try_from(crate::text::wrap::HANGING_ROOM).unwrap_or(2);
    pane.width.saturating_sub(1 + room) & !1
}

impl Viewport {
    /// Lines in one page of the reading pane (at least 1).
    pub fn page_height(&self) -> usize {
        usize::from(self.column.height.max(1))
    }

    /// Give the text column's first row to a running head (when it has
    /// room): the paper, day and page above the article, as printed.
    pub fn with_running_head(mut self) -> Viewport {
        if self.column.height > 2 {
            self.running_head = Some(Rect {
                height: 1,
                ..self.column
            });
            self.column.y += 1;
            self.column.height -= 1;
        }
        self
    }

    /// Give the list's first row to a page header (when it has room).
    pub fn with_list_header(mut self) -> Viewport {
        if let Some(list) = self.list.filter(|l| l.height > ROWS_PER_ENTRY) {
            self.list_header = Some(Rect { height: 1, ..list });
            self.list = Some(Rect {
                y: list.y + 1,
                height: list.height - 1,
                ..list
            });
        }
        self
    }

    /// Headline entries that fit in the list (at least 1).
    pub fn list_entries(&self) -> usize {
        self.list
            .map_or(1, |r| usize::from((r.height / ROWS_PER_ENTRY).max(1)))
    }
}

/// Lay out `area` for the given focus (it picks the pane on narrow
/// terminals) and text measure (columns).
pub fn layout(area: Rect, focus: Focus, measure: u16, list_width: u16) -> Viewport {
    let mut vp = Viewport {
        area,
        ..Viewport::default()
    };
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        vp.too_small = true;
        return vp;
    }
    let body = Rect {
        height: area.height - 1,
        ..area
    };
    vp.status = Rect {
        y: area.y + area.height - 1,
        height: 1,
        ..area
    };
    if area.width < NARROW_BELOW {
        vp.narrow = true;
        match focus {
            Focus::List => vp.list = Some(body),
            Focus::Reader => vp.reader = Some(body),
        }
    } else {
        let list_w = list_columns(area.width, list_width);
        vp.list = Some(Rect {
            width: list_w,
            ..body
        });
        vp.divider = Some(Rect {
            x: body.x + list_w,
            width: 1,
            ..body
        });
        vp.reader = Some(Rect {
            x: body.x + list_w + 1,
            width: body.width - list_w - 1,
            ..body
        });
    }
    if let Some(r) = vp.reader {
        let w = measure.min(widest_column(r)) & !1;
        vp.column = Rect {
            x: r.x + (r.width - w) / 2,
            width: w,
            ..r
        };
    }
    vp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_is_even_and_inside_reader() {
        for w in 0..200 {
            for h in 0..8 {
                for focus in [Focus::List, Focus::Reader] {
                    let vp = layout(Rect::new(0, 0, w, h), focus, 80, 0);
                    if let Some(r) = vp.reader {
                        assert_eq!(vp.column.width % 2, 0);
                        assert!(vp.column.x >= r.x);
                        assert!(vp.column.right() <= r.right());
                        assert!(vp.column.width <= 80);
                        // Room for a hanging full-width mark on the right.
                        assert!(r.right() - vp.column.right() >= 2, "{w}x{h}");
                        assert!(vp.column.x > r.x, "{w}x{h}");
                    }
                }
            }
        }
    }

    #[test]
    fn narrow_shows_one_pane() {
        let vp = layout(Rect::new(0, 0, 60, 20), Focus::List, 80, 0);
        assert!(vp.narrow && vp.list.is_some() && vp.reader.is_none());
        let vp = layout(Rect::new(0, 0, 60, 20), Focus::Reader, 80, 0);
        assert!(vp.list.is_none() && vp.reader.is_some());
    }
}
