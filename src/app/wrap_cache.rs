//! The wrap cache: laid-out articles keyed by everything the layout
//! depends on, so wrapping happens once per (article, width, options,
//! window of a huge paragraph) and never per frame.

use super::article_layout::{Anchor, ArticleLayout, LayoutKey, Window};
use crate::model::Article;
use std::collections::HashMap;
use std::rc::Rc;

/// Layouts by key. An issue has tens of articles, so the cache is small;
/// it is dropped wholesale if it ever grows past `LIMIT` (resize storms).
#[derive(Debug, Default)]
pub struct WrapCache {
    map: HashMap<(LayoutKey, Window), Rc<ArticleLayout>>,
    /// Number of layouts built (for tests: proves caching).
    pub builds: usize,
}

impl WrapCache {
    const LIMIT: usize = 64;

    /// The layout for `key` from the article's start, building it on a miss.
    pub fn get(&mut self, article: &Article, key: LayoutKey) -> Rc<ArticleLayout> {
        let window = ArticleLayout::window(article, key, Anchor::default());
        self.get_window(article, key, window)
    }

    /// The layout for `key` and `window`, building it on a miss.
    pub fn get_window(
        &mut self,
        article: &Article,
        key: LayoutKey,
        window: Window,
    ) -> Rc<ArticleLayout> {
        if let Some(l) = self.map.get(&(key, window.clone())) {
            return Rc::clone(l);
        }
        if self.map.len() >= Self::LIMIT {
            self.map.clear();
        }
        self.builds += 1;
        let layout = Rc::new(ArticleLayout::build_window(article, key, window.clone()));
        self.map.insert((key, window), Rc::clone(&layout));
        layout
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::article_layout::tests::key;

    fn article() -> Article {
        Article {
            title: Some("标题".into()),
            paragraphs: vec!["第二段文字。".repeat(8)],
            ..Article::default()
        }
    }

    #[test]
    fn cache_builds_once_per_key() {
        let a = article();
        let mut cache = WrapCache::default();
        cache.get(&a, key(20));
        cache.get(&a, key(20));
        assert_eq!(cache.builds, 1);
        cache.get(&a, key(22));
        assert_eq!(cache.builds, 2);
    }
}
