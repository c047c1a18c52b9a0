//! The search on the status line: while typing, the input (`/fukuda`) and
//! how many events match; afterwards, the query and "match 3 of 7" while
//! the selection is on a match.

use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

use crate::app::App;
use crate::ui::cells;
use crate::ui::theme::Theme;

/// The longest query shown; the rest is cut with "...".
const QUERY_CELLS: usize = 30;

/// The end of `query` in at most `max` cells, "..." first when cut: what
/// is being typed stays in view.
fn tail(query: &str, max: usize) -> String {
    if cells::width(query) <= max {
        return query.to_string();
    }
    let mut kept = Vec::new();
    let mut used = 3;
    for c in query.chars().rev() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > max {
            break;
        }
        used += w;
        kept.push(c);
    }
    std::iter::once("...".to_string())
        .chain(kept.into_iter().rev().map(String::from))
        .collect()
}

/// A text-entry line in a box (the picker, the go-to prompt): `> `, the
/// end of what is typed when it is long, and a cursor cell; the placeholder,
/// dimmed, while nothing is typed.
pub fn input_line(typed: &str, placeholder: &str, width: usize, theme: &Theme) -> Line<'static> {
    let prompt = Span::styled("> ", theme.key);
    if typed.is_empty() {
        return Line::from(vec![
            prompt,
            Span::styled(placeholder.to_string(), theme.muted),
        ]);
    }
    Line::from(vec![
        prompt,
        Span::raw(tail(typed, width.saturating_sub(3))),
        Span::styled(" ", theme.selected),
    ])
}

/// "match 3 of 7" when the selection is a match, "7 matches" otherwise,
/// "no match" when nothing matches; `None` without a query.
pub fn summary(app: &App) -> Option<String> {
    let s = app.search();
    if s.query.is_empty() {
        return None;
    }
    let n = s.hits.len();
    Some(match s.hit_number((app.tab(), app.selected())) {
        _ if n == 0 => "no match".into(),
        Some(k) => format!("match {} of {n}", k + 1),
        None if n == 1 => "1 match".into(),
        None => format!("{n} matches"),
    })
}

/// The search's part of the status line, if a search is open or kept.
pub fn spans(app: &App, theme: &Theme) -> Option<Vec<Span<'static>>> {
    let s = app.search();
    let editing = app.search_editing();
    if !editing && s.query.is_empty() {
        return None;
    }
    let mut out = vec![Span::styled("/", theme.key)];
    out.push(Span::raw(if editing {
        tail(&s.query, QUERY_CELLS)
    } else {
        cells::fit(&s.query, QUERY_CELLS)
    }));
    if editing {
        // The cursor: a reversed cell, visible without colour.
        out.push(Span::styled(
            " ",
            ratatui::style::Style::new().add_modifier(Modifier::REVERSED),
        ));
    }
    if let Some(summary) = summary(app) {
        let style = if s.hits.is_empty() {
            theme.error
        } else {
            theme.muted
        };
        out.push(Span::raw("  "));
        out.push(Span::styled(summary, style));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_long_query_shows_its_end_while_typed() {
        let q = "a".repeat(40) + "xyz";
        let t = super::tail(&q, 30);
        assert!(t.starts_with("...") && t.ends_with("xyz"), "{t}");
        assert_eq!(t.len(), 30);
        assert_eq!(super::tail("马云马云", 5), "...云");
        assert_eq!(super::tail("short", 30), "short");
    }
}
