//! The prefecture picker (`p`): the trip's prefectures with their event
//! counts, narrowed by what the person types, several toggled with Space.
//!
//! The choices are derived once per trip ([`choices`]); the picker itself
//! only ever walks them (at most the 47 and the few names outside them the
//! file has), so typing costs nothing that grows with the trip.

use std::collections::HashMap;

use super::msg::Intent;
use crate::model::{Filter, Trip};
use crate::prefecture::PrefectureName;

/// One row of the picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// The prefecture; `None` for the stops that have none.
    pub name: Option<PrefectureName>,
    /// Events (stops and their meetings) in it, over the whole trip.
    pub events: usize,
}

/// A row a [`Picker`] lists: what typing keeps.
pub trait Pick {
    /// Whether the typed text keeps this row in the list.
    fn matches(&self, typed: &str) -> bool;
}

impl Pick for Choice {
    fn matches(&self, typed: &str) -> bool {
        Choice::matches(self, typed)
    }
}

impl Choice {
    /// The row's name: the canonical romaji, or "no prefecture".
    pub fn label(&self) -> &str {
        self.name.as_ref().map_or(NO_PREFECTURE, |p| p.display())
    }

    /// Whether the typed text keeps this row in the list.
    pub fn matches(&self, typed: &str) -> bool {
        match &self.name {
            Some(p) => p.matches_typed(typed),
            None => NO_PREFECTURE.starts_with(&typed.trim().to_lowercase()),
        }
    }
}

/// How the picker and the header name the stops without a prefecture.
pub const NO_PREFECTURE: &str = "no prefecture";

/// The trip's prefectures in order of first appearance (days in date
/// order, then the unscheduled stops), each with its event count; "no
/// prefecture" last when some stop has none.
pub fn choices(trip: &Trip) -> Vec<Choice> {
    let mut out: Vec<Choice> = Vec::new();
    let mut at: HashMap<&PrefectureName, usize> = HashMap::new();
    let mut none = 0;
    let stops = trip
        .days
        .iter()
        .flat_map(|d| &d.stops)
        .chain(&trip.unscheduled);
    for stop in stops {
        let events = 1 + stop.meetings.len();
        match &stop.prefecture {
            None => none += events,
            Some(p) => {
                let i = *at.entry(p).or_insert_with(|| {
                    out.push(Choice {
                        name: Some(p.clone()),
                        events: 0,
                    });
                    out.len() - 1
                });
                out[i].events += events;
            }
        }
    }
    if none > 0 {
        out.push(Choice {
            name: None,
            events: none,
        });
    }
    out
}

/// The open picker: what is typed, which rows it leaves, the highlighted
/// row and the toggled ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    /// The text typed so far.
    pub query: String,
    /// Indices into the choices of the rows the query leaves, in order.
    pub shown: Vec<usize>,
    /// The highlighted row: an index into `shown`.
    pub cursor: usize,
    /// Per choice, whether it is toggled on (kept when the query changes).
    pub toggled: Vec<bool>,
}

impl Picker {
    /// A picker over `choices` with nothing typed or toggled.
    pub fn new<C: Pick>(choices: &[C]) -> Picker {
        Picker {
            query: String::new(),
            shown: (0..choices.len()).collect(),
            cursor: 0,
            toggled: vec![false; choices.len()],
        }
    }

    /// The intents every picker answers alike (typing, moving, toggling);
    /// false for the rest, which the picker's owner handles (Enter, Esc).
    pub fn navigate<C: Pick>(&mut self, intent: Intent, choices: &[C]) -> bool {
        match intent {
            Intent::Type(c) => self.push(c, choices),
            Intent::Backspace => self.pop(choices),
            Intent::PrevChoice => self.move_by(-1),
            Intent::NextChoice => self.move_by(1),
            Intent::Scroll(_, d) => self.move_by(isize::from(d)),
            Intent::PageUp | Intent::FirstDay => self.move_by(isize::MIN / 2),
            Intent::PageDown | Intent::LastDay => self.move_by(isize::MAX / 2),
            Intent::Toggle => self.toggle(),
            _ => return false,
        }
        true
    }

    /// Types a character and narrows the list; the highlight goes to the
    /// first row left.
    pub fn push<C: Pick>(&mut self, c: char, choices: &[C]) {
        self.query.push(c);
        self.narrow(choices);
    }

    /// Deletes the last character typed and widens the list again.
    pub fn pop<C: Pick>(&mut self, choices: &[C]) {
        self.query.pop();
        self.narrow(choices);
    }

    fn narrow<C: Pick>(&mut self, choices: &[C]) {
        self.shown = (0..choices.len())
            .filter(|&i| choices[i].matches(&self.query))
            .collect();
        self.cursor = 0;
    }

    /// Moves the highlight by `delta` rows, stopping at the ends.
    pub fn move_by(&mut self, delta: isize) {
        self.cursor = self
            .cursor
            .saturating_add_signed(delta)
            .min(self.shown.len().saturating_sub(1));
    }

    /// The choice under the highlight, if any row is left.
    pub fn highlighted(&self) -> Option<usize> {
        self.shown.get(self.cursor).copied()
    }

    /// The rows Enter applies: the toggled ones in list order, or the
    /// highlighted one when none is toggled; `None` when there is neither.
    pub fn chosen_rows(&self) -> Option<Vec<usize>> {
        let toggled: Vec<usize> = (0..self.toggled.len())
            .filter(|&i| self.toggled[i])
            .collect();
        if toggled.is_empty() {
            Some(vec![self.highlighted()?])
        } else {
            Some(toggled)
        }
    }

    /// Toggles the highlighted row.
    pub fn toggle(&mut self) {
        if let Some(t) = self.highlighted().and_then(|i| self.toggled.get_mut(i)) {
            *t = !*t;
        }
    }

    /// The filter Enter applies: the toggled rows in list order, or the
    /// highlighted one when none is toggled; `None` when there is neither.
    pub fn chosen(&self, choices: &[Choice]) -> Option<Filter> {
        Some(Filter {
            prefectures: self
                .chosen_rows()?
                .into_iter()
                .map(|i| choices[i].name.clone())
                .collect(),
            ..Filter::default()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load;
    use crate::prefecture::{Prefecture, PrefectureName};

    fn bundled() -> Trip {
        load::load_str(load::BUNDLED).unwrap().trip
    }

    fn known(name: &str) -> Option<PrefectureName> {
        Prefecture::parse(name).map(PrefectureName::Known)
    }

    #[test]
    fn choices_are_in_order_of_first_appearance_with_counts() {
        let c = choices(&bundled());
        let rows: Vec<(&str, usize)> = c.iter().map(|c| (c.label(), c.events)).collect();
        assert_eq!(
            rows,
            [
                ("Shizuoka", 2),
                ("Tokyo", 2),
                ("Tochigi", 2),
                ("no prefecture", 8)
            ]
        );
    }

    #[test]
    fn typing_narrows_by_any_spelling_and_backspace_widens() {
        let c = choices(&bundled());
        let mut p = Picker::new(&c);
        for ch in "to".chars() {
            p.push(ch, &c);
        }
        assert_eq!(p.shown, [1, 2], "Tokyo and Tochigi");
        p.push('k', &c);
        assert_eq!(p.shown, [1]);
        p.pop(&c);
        p.pop(&c);
        p.pop(&c);
        assert_eq!(p.shown, [0, 1, 2, 3]);
        for (typed, want) in [
            ("静岡", vec![0]),
            ("TOCHIGI-KEN", vec![2]),
            ("東京都", vec![1]),
            ("no", vec![3]),
            ("osaka", vec![]),
        ] {
            let mut p = Picker::new(&c);
            typed.chars().for_each(|ch| p.push(ch, &c));
            assert_eq!(p.shown, want, "{typed}");
        }
    }

    #[test]
    fn enter_takes_the_toggled_rows_or_else_the_highlighted_one() {
        let c = choices(&bundled());
        let mut p = Picker::new(&c);
        p.move_by(1);
        assert_eq!(
            p.chosen(&c).unwrap().prefectures,
            [known("Tokyo")],
            "nothing toggled: the highlighted row"
        );
        p.toggle();
        p.move_by(10);
        assert_eq!(p.cursor, 3, "the highlight stops at the last row");
        p.toggle();
        // Toggles survive narrowing the list.
        p.push('s', &c);
        assert_eq!(p.chosen(&c).unwrap().prefectures, [known("Tokyo"), None]);
        p.toggle();
        assert_eq!(
            p.chosen(&c).unwrap().prefectures,
            [known("Shizuoka"), known("Tokyo"), None]
        );
        let mut empty = Picker::new(&c);
        "xyz".chars().for_each(|ch| empty.push(ch, &c));
        assert_eq!(empty.chosen(&c), None, "no row left, nothing toggled");
    }
}
