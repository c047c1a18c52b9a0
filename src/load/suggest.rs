//! "Did you mean": the closest valid word to a misspelt one.

use std::borrow::Cow;

/// The candidate closest to `word` (ignoring case), if `word` is a near
/// miss of it (see [`near_miss`]); the first of the nearest on a tie.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    closest_by(word, candidates.into_iter().map(|c| (c, c)))
}

/// [`closest`] among words that each stand for a value (a key, or a word
/// people write for it): the value of the nearest word.
pub fn closest_by<'a, T>(
    word: &str,
    candidates: impl IntoIterator<Item = (&'a str, T)>,
) -> Option<T> {
    let word = word.to_lowercase();
    let word_len = word.chars().count();
    candidates
        .into_iter()
        .filter_map(|(c, value)| {
            // Keys, ids and keywords are lowercase already: no copy for them.
            let c = match c.chars().any(char::is_uppercase) {
                true => Cow::Owned(c.to_lowercase()),
                false => Cow::Borrowed(c),
            };
            near_miss(&word, word_len, &c).map(|d| (d, value))
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, value)| value)
}

/// How far `word` is from `candidate` (both lowercase; `word_len` its
/// length in characters) when it is a likely slip for it: within one edit
/// (a letter added, dropped, changed, or two neighbours swapped) per three
/// characters of the candidate, at least one; or when one is the start of
/// the other, three characters or more (`dep` for `depart`, `departure` for
/// `depart`), ranked after the edits that candidate allows.
///
/// The edits are counted as optimal string alignment (Damerau-Levenshtein
/// with each letter edited once), which is all a slip needs and, with no
/// table per call, is fast enough for a file with thousands of unknown keys.
fn near_miss(word: &str, word_len: usize, candidate: &str) -> Option<usize> {
    let len = candidate.chars().count();
    let limit = (len / 3).max(1);
    // The distance is at least the difference in length: no need to count
    // it when that is already past the limit (most candidates, for most words).
    if word_len.abs_diff(len) <= limit {
        let d = strsim::osa_distance(word, candidate);
        if d <= limit {
            return Some(d);
        }
    }
    let starts =
        word_len.min(len) >= 3 && (candidate.starts_with(word) || word.starts_with(candidate));
    starts.then_some(limit + 1)
}

/// "a, b or c" (`and` for "a, b and c").
pub fn list(items: &[&str], and: &str) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} {and} {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn misspellings_find_their_word() {
        let keys = ["title", "start", "end", "timezone", "lead"];
        assert_eq!(closest("titel", keys), Some("title"));
        assert_eq!(closest("Title", keys), Some("title"));
        assert_eq!(closest("time_zone", keys), Some("timezone"));
        assert_eq!(closest("yaun", ["yuan", "son"]), Some("yuan"));
        assert_eq!(
            closest("canceled", ["confirmed", "cancelled"]),
            Some("cancelled")
        );
    }

    #[test]
    fn unrelated_words_get_no_suggestion() {
        assert_eq!(closest("colour", ["title", "start", "end"]), None);
        assert_eq!(closest("x", ["end"]), None);
        assert_eq!(closest("en", ["endorsement"]), None);
        assert_eq!(closest("abc", std::iter::empty()), None);
        assert_eq!(closest("tanaka", ["takano", "yuan"]), None);
    }

    #[test]
    fn the_start_of_a_word_or_a_word_with_more_after_it_is_a_near_miss() {
        let keys = ["place", "prefecture", "arrive", "depart", "notes"];
        assert_eq!(closest("pref", keys), Some("prefecture"));
        assert_eq!(closest("dep", keys), Some("depart"));
        assert_eq!(closest("departure", keys), Some("depart"));
        assert_eq!(closest("notes_internal", keys), Some("notes"));
        // An edit within the limit ranks before a start.
        assert_eq!(closest("place", ["placement", "places"]), Some("places"));
    }

    #[test]
    fn words_that_stand_for_a_key_lead_to_it() {
        let words = [("arrive", "arrive"), ("arrival", "arrive"), ("end", "end")];
        assert_eq!(closest_by("arival", words), Some("arrive"));
        assert_eq!(closest_by("Arrival", words), Some("arrive"));
        assert_eq!(closest_by("ned", words), Some("end"));
        assert_eq!(closest_by("colour", words), None);
    }

    #[test]
    fn lists_read_as_english() {
        assert_eq!(list(&["a"], "or"), "a");
        assert_eq!(list(&["a", "b", "c"], "or"), "a, b or c");
        assert_eq!(list(&["a", "b"], "and"), "a and b");
    }
}
