//! Text measured in terminal cells, so CJK names (two cells a character)
//! stay aligned: truncation, padding and wrapping by display width.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Display width in cells.
pub fn width(s: &str) -> usize {
    s.width()
}

/// `s` cut to at most `max` cells, ending in "..." when cut (ASCII, so the
/// marker has the same width everywhere).
pub fn fit(s: &str, max: usize) -> String {
    if s.width() <= max {
        return s.to_string();
    }
    let (keep, dots) = if max > 3 { (max - 3, "...") } else { (max, "") };
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > keep {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push_str(dots);
    out
}

/// `s` cut to `w` cells and padded with spaces to exactly `w` cells.
pub fn pad(s: &str, w: usize) -> String {
    let mut out = fit(s, w);
    let n = w.saturating_sub(out.width());
    out.extend(std::iter::repeat_n(' ', n));
    out
}

/// `s` wrapped to lines of at most `max` cells: at spaces where it can,
/// inside a word that is longer than a line (and between CJK characters,
/// which have no spaces). Newlines start a new line. Never empty.
pub fn wrap(s: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut lines = Vec::new();
    // Tabs would be drawn as nothing; carriage returns end nothing here.
    let s = s.replace('\t', " ").replace('\r', "");
    for para in s.split('\n') {
        let mut line = String::new();
        let mut used = 0;
        for word in para.split(' ').filter(|w| !w.is_empty()) {
            let ww = word.width();
            if used > 0 && used + 1 + ww <= max {
                line.push(' ');
                line.push_str(word);
                used += 1 + ww;
                continue;
            }
            if used > 0 {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            for c in word.chars() {
                let cw = c.width().unwrap_or(0);
                if used + cw > max && used > 0 {
                    lines.push(std::mem::take(&mut line));
                    used = 0;
                }
                line.push(c);
                used += cw;
            }
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_counts_cjk_as_two_cells() {
        assert_eq!(fit("袁家军", 6), "袁家军");
        assert_eq!(fit("袁家军 Yuan", 7), "袁家...");
        assert_eq!(pad("袁家军", 8), "袁家军  ");
        assert_eq!(fit("abcdef", 2), "ab");
    }

    #[test]
    fn wrap_breaks_at_spaces_and_inside_long_words() {
        assert_eq!(wrap("one two three", 8), ["one two", "three"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("川勝平太", 5), ["川勝", "平太"]);
        assert_eq!(wrap("a\n\nb", 5), ["a", "", "b"]);
        assert_eq!(wrap("a\tb\r\nc", 5), ["a b", "c"]);
    }
}
