//! The search on the status line: while typing, the input (`/fukuda`) and
//! how many events match; afterwards, the query and "match 3 of 7" while
//! the selection is on a match.

use ratatui::style::Modifier;
use ratatui::text::Span;

use crate::app::App;
use crate::ui::text;

/// The longest query shown; the rest is cut with "...".
const QUERY_CELLS: usize = 30;

/// "match 3 of 7" when the selection is a match, "7 matches" otherwise,
/// "no match" when nothing matches; `None` without a query.
pub fn summary(app: &App) -> Option<String> {
    let s = app.search();
    if s.query.is_empty() {
        return None;
    }
    let n = s.hits.len();
    Some(match s.hit_number((app.tab, app.selected)) {
        _ if n == 0 => "no match".into(),
        Some(k) => format!("match {} of {n}", k + 1),
        None if n == 1 => "1 match".into(),
        None => format!("{n} matches"),
    })
}

/// The search's part of the status line, if a search is open or kept.
pub fn spans(app: &App) -> Option<Vec<Span<'static>>> {
    let s = app.search();
    if !s.editing && s.query.is_empty() {
        return None;
    }
    let theme = &app.theme;
    let mut out = vec![Span::styled("/", theme.key)];
    out.push(Span::raw(text::fit(&s.query, QUERY_CELLS)));
    if s.editing {
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
