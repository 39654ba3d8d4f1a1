//! URL detection: byte spans of `scheme://…` and `www.…` addresses, which
//! the wrapper never breaks inside (unless the URL is longer than a line)
//! and the punctuation pass never converts to full-width.
use std::ops::Range;

/// ASCII characters that may appear inside a URL (RFC 3986 unreserved,
/// reserved and `%`); anything else — spaces, CJK, `"<>` — ends it.
#[inline]
fn is_url_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=%".contains(&b)
}

#[inline]
fn is_scheme_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')
}

/// Ascending, non-overlapping byte ranges of the URLs in `text`.
pub fn url_spans(text: &str) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let mut spans: Vec<Range<usize>> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let start = if b[i..].starts_with(b"://") {
            // Walk back over the scheme; it must start with a letter and not
            // be glued to a preceding ASCII word (that would not be a scheme).
            let mut s = i;
            while s > 0 && is_scheme_char(b[s - 1]) {
                s -= 1;
            }
            while s < i && !b[s].is_ascii_alphabetic() {
                s += 1;
            }
            (s < i).then_some(s)
        } else if (b[i] == b'w' || b[i] == b'W')
            && b[i..].len() > 4
            && b[i..i + 4].eq_ignore_ascii_case(b"www.")
            && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b"./@".contains(&b[i - 1])))
        {
            Some(i)
        } else {
            None
        };
        let Some(start) = start.filter(|s| spans.last().is_none_or(|r| r.end <= *s)) else {
            i += 1;
            continue;
        };
        let mut end = i;
        while end < b.len() && is_url_char(b[end]) {
            end += 1;
        }
        // Sentence punctuation after a URL is not part of it; a closing
        // bracket is, only if it closes one opened inside the URL.
        while end > start {
            let last = b[end - 1];
            let url = &b[start..end];
            let unbalanced = |open: u8, close: u8| {
                url.iter().filter(|&&c| c == close).count()
                    > url.iter().filter(|&&c| c == open).count()
            };
            let trim = match last {
                b'.' | b',' | b';' | b':' | b'!' | b'?' | b'\'' => true,
                b')' => unbalanced(b'(', b')'),
                b']' => unbalanced(b'[', b']'),
                _ => false,
            };
            if !trim {
                break;
            }
            end -= 1;
        }
        // A bare scheme or "www." with nothing after it is not a URL.
        let body = &text[start..end];
        if body.ends_with("://") || body.eq_ignore_ascii_case("www.") || end <= i + 3 {
            i += 1;
            continue;
        }
        spans.push(start..end);
        i = end.max(i + 1);
    }
    spans
}

/// Whether byte offset `pos` lies in one of `spans` (sorted, disjoint),
/// strictly after its first byte (i.e. a break *before* `pos` would split it).
pub fn inside(spans: &[Range<usize>], pos: usize) -> bool {
    let k = spans.partition_point(|r| r.end <= pos);
    spans.get(k).is_some_and(|r| r.start < pos && pos < r.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(t: &str) -> Vec<&str> {
        url_spans(t).into_iter().map(|r| &t[r]).collect()
    }

    #[test]
    fn finds_urls() {
        assert_eq!(urls("见http://a.b/c?d=1。"), ["http://a.b/c?d=1"]);
        assert_eq!(
            urls("访问 https://example.com/x_(y), 或"),
            ["https://example.com/x_(y)"]
        );
        assert_eq!(urls("（www.gov.cn）"), ["www.gov.cn"]);
        assert_eq!(urls("(see https://x.org/a)."), ["https://x.org/a"]);
        assert_eq!(urls("no url: a://, www. here"), Vec::<&str>::new());
        assert_eq!(
            urls("ftp://h/p and http://q/r"),
            ["ftp://h/p", "http://q/r"]
        );
    }

    #[test]
    fn inside_is_strict() {
        let s = [2..5, 7..9];
        assert!(!inside(&s, 2));
        assert!(inside(&s, 3));
        assert!(inside(&s, 4));
        assert!(!inside(&s, 5));
        assert!(!inside(&s, 6));
        assert!(inside(&s, 8));
    }
}
