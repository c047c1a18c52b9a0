//! Text measured in terminal cells, so CJK names (two cells a character)
//! stay aligned: truncation, padding and wrapping by display width.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
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
    // "Zhejiang..." rather than "Zhejiang ...": a cut before a space.
    if !dots.is_empty() {
        out.truncate(out.trim_end().len());
    }
    out.push_str(dots);
    out
}

/// `s` in at most `max` cells for reading, as a message: when it is longer,
/// cut after the last whole word that leaves room for "...", so no number,
/// time or name is cut in two (`10:14:58`, `31:9`, `3294`). A first word
/// longer than the room is cut inside, but never inside a number. Empty
/// when not even "..." fits.
pub fn shorten(s: &str, max: usize) -> String {
    if s.width() <= max {
        return s.to_string();
    }
    let Some(room) = max.checked_sub(3) else {
        return String::new();
    };
    // The end of the longest prefix that fits, and of the longest that
    // ends before a space.
    let (mut end, mut at_word, mut used) = (0, None, 0);
    for (i, c) in s.char_indices() {
        if c == ' ' {
            at_word = Some(i);
        }
        used += c.width().unwrap_or(0);
        if used > room {
            break;
        }
        end = i + c.len_utf8();
    }
    let cut = match at_word {
        Some(i) => &s[..i],
        None => {
            // Inside the first word: back out of a number it would split.
            let head = &s[..end];
            let splits = s[end..].starts_with(|c: char| c.is_ascii_digit());
            if splits {
                head.trim_end_matches(|c: char| c.is_ascii_digit() || ".,:".contains(c))
            } else {
                head
            }
        }
    };
    // Nothing that reads as unfinished before the dots.
    let cut = cut.trim_end_matches(|c: char| c == ' ' || ",;:([-".contains(c));
    format!("{cut}...")
}

/// A status-line message in at most `max` cells: the quoted title in it
/// (`“…”`) gives way first, cut with "...", so what the message says of it
/// (`is now cancelled`, `moved 15 min later, now at 13:30`, the reason of
/// a refusal) stays whole; only then is the rest [`shorten`]ed.
pub fn shorten_message(s: &str, max: usize) -> String {
    if s.width() <= max {
        return s.to_string();
    }
    // A path (`exported to /home/.../day.md`) gives way from its start:
    // its end, the file's name, is what the message says.
    if let Some(at) = s.rfind(" /").or_else(|| s.rfind(" ~/")).map(|i| i + 1)
        && !s[at..].contains(' ')
    {
        let head = &s[..at];
        if let Some(room) = max.checked_sub(head.width() + 3).filter(|&r| r >= 8) {
            let path = &s[at..];
            let mut keep = path.len();
            let mut used = 0;
            for (i, c) in path.char_indices().rev() {
                used += c.width().unwrap_or(0);
                if used > room {
                    break;
                }
                keep = i;
            }
            return format!("{head}...{}", &path[keep..]);
        }
    }
    if let Some(open) = s.find('“')
        && let Some(len) = s[open..].find('”')
    {
        let inner = &s[open + '“'.len_utf8()..open + len];
        let rest = s.width() - inner.width();
        // A character and "..." at the least, else the title is no help.
        if let Some(room) = max.checked_sub(rest).filter(|&r| r >= 5) {
            let close = open + len;
            return format!(
                "{}{}{}",
                &s[..open + '“'.len_utf8()],
                fit(inner, room),
                &s[close..]
            );
        }
        let least = format!(
            "{}{}{}",
            &s[..open + '“'.len_utf8()],
            fit(inner, 5),
            &s[open + len..]
        );
        return shorten(&least, max);
    }
    shorten(s, max)
}

/// `s` then `tail` in at most `max` cells: when they do not fit, `s` is cut
/// ("...") and `tail` kept whole, so a marker such as " (tentative)" survives
/// any width that leaves room for it and a few cells of `s`.
pub fn fit_keeping(s: &str, tail: &str, max: usize) -> String {
    let tail_w = tail.width();
    if s.width() + tail_w <= max {
        return format!("{s}{tail}");
    }
    // "a..." at the least before the tail; below that both are cut as one.
    if tail_w + 4 <= max {
        return format!("{}{tail}", fit(s, max - tail_w));
    }
    fit(&format!("{s}{tail}"), max)
}

/// `s` cut to `w` cells and padded with spaces to exactly `w` cells.
pub fn pad(s: &str, w: usize) -> String {
    fill(fit(s, w), w)
}

/// [`fit_keeping`] padded with spaces to exactly `w` cells.
pub fn pad_keeping(s: &str, tail: &str, w: usize) -> String {
    fill(fit_keeping(s, tail, w), w)
}

/// `out` padded with spaces to `w` cells.
fn fill(mut out: String, w: usize) -> String {
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

/// Clears `area` for a box drawn over the screen, and with it a wide
/// character just left of it: its right half lies under the box's left
/// border, and a terminal (and ratatui's diff, which skips the cell a
/// wide character hides) would leave the border half-drawn.
pub fn clear_box(buf: &mut Buffer, area: Rect) {
    let area = area.intersection(buf.area);
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            buf[(x, y)].reset();
        }
        if area.x > buf.area.x {
            let left = &mut buf[(area.x - 1, y)];
            if left.symbol().width() > 1 {
                left.set_symbol(" ");
            }
        }
    }
}

/// What `Buffer::set_stringn` draws, cheaper for the timeline's rows: text
/// whose every character is a grapheme of its own (printable ASCII, the
/// common CJK and kana: times, the hour bar, the spaces that pad a title,
/// most titles) is set cell by cell, skipping the grapheme segmentation
/// that was two thirds of a full-screen frame; anything else goes to
/// `set_stringn`. Returns the column after the last cell drawn.
pub fn put(buf: &mut Buffer, x: u16, y: u16, s: &str, max: usize, style: Style) -> u16 {
    let room = usize::from(buf.area.right().saturating_sub(x)).min(max);
    let body = s.trim_end_matches(' ');
    let (mut x, used) = if body.chars().all(|c| simple_width(c).is_some()) {
        let (end, whole) = put_simple(buf, (x, y), body, room, style);
        if !whole {
            return end;
        }
        (end, usize::from(end - x))
    } else {
        let end = buf.set_stringn(x, y, body, room, style).0;
        let used = usize::from(end - x);
        // Cut short: `set_stringn` would draw nothing after the cut either.
        if used != body.width() {
            return end;
        }
        (end, used)
    };
    let spaces = (s.len() - body.len()).min(room - used);
    for _ in 0..spaces {
        if let Some(cell) = buf.cell_mut((x, y)) {
            cell.set_char(' ').set_style(style);
        }
        x += 1;
    }
    x
}

/// The cells of a character that is a grapheme of its own whatever
/// follows it (no combining marks, joiners or selectors in these ranges);
/// `None` for any other.
fn simple_width(c: char) -> Option<u16> {
    match u32::from(c) {
        0x20..=0x7e => Some(1),
        0x3001..=0x3011 | 0x3041..=0x3096 | 0x30a0..=0x30fe | 0x4e00..=0x9fff | 0xff01..=0xff5e => {
            Some(2)
        }
        _ => None,
    }
}

/// Draws `text` of [`simple_width`] characters as `set_stringn` does: a
/// wide character hides the next cell, and the first that does not fit
/// ends the drawing. Returns the column after, and whether all was drawn.
fn put_simple(
    buf: &mut Buffer,
    (mut x, y): (u16, u16),
    text: &str,
    room: usize,
    style: Style,
) -> (u16, bool) {
    let mut left = room;
    for c in text.chars() {
        let w = simple_width(c).unwrap_or(1);
        let Some(rest) = left.checked_sub(usize::from(w)) else {
            return (x, false);
        };
        left = rest;
        if let Some(cell) = buf.cell_mut((x, y)) {
            cell.set_char(c).set_style(style);
        }
        for i in 1..w {
            if let Some(cell) = buf.cell_mut((x + i, y)) {
                cell.reset();
            }
        }
        x += w;
    }
    (x, true)
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
        assert_eq!(fit("Kanagawa Zhejiang", 12), "Kanagawa...");
    }

    #[test]
    fn shorten_cuts_at_a_word_and_never_inside_a_number() {
        let problem = "file has errors - showing the version of 10:14:58 (line 31:9: \
                       string values must be quoted)";
        assert_eq!(shorten(problem, 200), problem);
        assert_eq!(shorten(problem, problem.len()), problem);
        // Room up to the middle of "10:14:58" or of "31:9": the word goes whole.
        assert_eq!(
            shorten(problem, 48),
            "file has errors - showing the version of..."
        );
        assert_eq!(
            shorten(problem, 51),
            "file has errors - showing the version of..."
        );
        assert_eq!(
            shorten(problem, 52),
            "file has errors - showing the version of 10:14:58..."
        );
        assert_eq!(
            shorten(problem, 57),
            "file has errors - showing the version of 10:14:58..."
        );
        assert_eq!(
            shorten(problem, 64),
            "file has errors - showing the version of 10:14:58 (line 31:9..."
        );
        for max in 0..problem.len() {
            let s = shorten(problem, max);
            assert!(width(&s) <= max, "{max}: {s}");
            assert!(s.is_empty() || s.ends_with("..."), "{max}: {s}");
            let body = s.trim_end_matches("...");
            assert!(problem.starts_with(body), "{max}: {s}");
            // Past the first word, what is kept ends where a word does;
            // and never between two digits.
            let next = problem[body.len()..].chars().next();
            if body.contains(' ') {
                assert!(matches!(next, Some(' ' | ',' | ':' | '(')), "{max}: {s}");
            }
            let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
            assert!(!(digit(body.chars().last()) && digit(next)), "{max}: {s}");
        }
        // CJK by its cells; a first word too long is cut, but not in a number.
        assert_eq!(shorten("袁家军会见川勝平太知事", 11), "袁家军会...");
        assert_eq!(
            shorten("export/2018-08-28-zhejiang.md", 16),
            "export/2018..."
        );
        assert_eq!(shorten("12345678", 6), "...");
        assert_eq!(shorten("abcdef", 2), "");
    }

    #[test]
    fn a_message_cuts_its_quoted_title_before_its_result() {
        let m = "“Courtesy call on Governor Tanaka of Osaka Prefecture” is now cancelled";
        assert_eq!(shorten_message(m, 200), m);
        assert_eq!(
            shorten_message(m, 40),
            "“Courtesy call on G...” is now cancelled"
        );
        let refused = "cannot move “Courtesy call on Governor Tanaka” 15 min earlier: \
                       arrive 09:00 is before 09:15";
        let short = shorten_message(refused, 70);
        assert!(short.ends_with("arrive 09:00 is before 09:15"), "{short}");
        assert!(width(&short) <= 70, "{short}");
        // No room even for "C...": the whole is shortened as any message.
        assert!(width(&shorten_message(m, 20)) <= 20);
    }

    #[test]
    fn a_message_cuts_a_path_from_its_start_keeping_the_files_name() {
        let m = "exported to /home/delegate/exports/2018-08-28-zhejiang.md";
        assert_eq!(shorten_message(m, 80), m);
        assert_eq!(
            shorten_message(m, 40),
            "exported to ...ts/2018-08-28-zhejiang.md"
        );
        assert!(width(&shorten_message(m, 40)) <= 40);
    }

    #[test]
    fn fit_keeping_cuts_the_text_and_keeps_the_tail() {
        let tail = " (tentative)";
        assert_eq!(fit_keeping("Lunch", tail, 30), "Lunch (tentative)");
        assert_eq!(
            fit_keeping("Sample Precision Works, plant 2", tail, 30),
            "Sample Precisio... (tentative)"
        );
        assert_eq!(
            fit_keeping("袁家军会见川勝", tail, 20),
            "袁家... (tentative)"
        );
        assert_eq!(fit_keeping("Sample", tail, 16), "S... (tentative)");
        assert_eq!(pad_keeping("Sample", tail, 20), "Sample (tentative)  ");
        assert_eq!(fit_keeping("Sample", tail, 10), "Sample...");
    }

    #[test]
    fn wrap_breaks_at_spaces_and_inside_long_words() {
        assert_eq!(wrap("one two three", 8), ["one two", "three"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("川勝平太", 5), ["川勝", "平太"]);
        assert_eq!(wrap("a\n\nb", 5), ["a", "", "b"]);
        assert_eq!(wrap("a\tb\r\nc", 5), ["a b", "c"]);
    }

    #[test]
    fn clear_box_clears_a_wide_character_under_its_left_border() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 2));
        buf.set_string(0, 0, "王磊王磊王", Style::new());
        buf.set_string(0, 1, "a王磊", Style::new());
        // The box starts at column 3, the right half of 磊 at 2.
        clear_box(&mut buf, Rect::new(3, 0, 4, 2));
        assert_eq!(
            buf[(2, 0)].symbol(),
            " ",
            "磊 at 2 reaches under the border"
        );
        assert_eq!(buf[(0, 0)].symbol(), "王");
        assert_eq!(buf[(1, 1)].symbol(), "王", "ends at 2: left alone");
        assert_eq!(buf[(3, 1)].symbol(), " ");
    }

    #[test]
    fn put_draws_what_set_stringn_draws() {
        use ratatui::layout::Rect;
        use ratatui::style::{Color, Modifier};
        let strings = [
            "09:00-12:00 ".to_string(),
            pad("袁家军 会见 Yuan", 20),
            ". . == . ".into(),
            "ascii only, cut at the edge of the row and beyond it".into(),
            "袁家军 e\u{301}  ".into(),
            "ab 袁家军   ".into(),
            "   ".into(),
            "佐々木 「ＡＢ」 カタカナ ひらがな".into(),
            "ｶﾞ halfwidth kana, a combining mark".into(),
        ];
        let styles = [
            Style::new().fg(Color::Red),
            Style::new().add_modifier(Modifier::BOLD),
        ];
        for style in styles {
            for s in &strings {
                for (x, max) in [
                    (0, 30),
                    (3, 30),
                    (25, 30),
                    (0, 9),
                    (2, 14),
                    (29, 1),
                    (30, 5),
                ] {
                    let area = Rect::new(0, 0, 30, 1);
                    let (mut want, mut got) = (Buffer::empty(area), Buffer::empty(area));
                    let end = want.set_stringn(x, 0, s, max, style).0;
                    let at = format!("{s:?} at {x}, {max}");
                    assert_eq!(put(&mut got, x, 0, s, max, style), end, "{at}");
                    assert_eq!(got, want, "{at}");
                }
            }
        }
    }
}
