//! The browser lists only the selected tab's events; tests compare with
//! every tab listed, which costs O(trip).

use itinerary::app::{App, TabView};

/// Every tab, in order, with the events the filter leaves it.
pub fn tabs(app: &App) -> Vec<TabView> {
    (0..app.tab_count())
        .filter_map(|t| app.tab_day(t))
        .map(|day| TabView::new(app.trip(), app.filter(), day))
        .collect()
}
