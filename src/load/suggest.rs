//! "Did you mean": the closest valid word to a misspelt one.

/// The candidate closest to `word` (ignoring case), if it is close enough to
/// be a likely misspelling: at most one edit per three characters, at least one.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(&word, &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= (c.chars().count() / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
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
        assert_eq!(closest("abc", std::iter::empty()), None);
    }

    #[test]
    fn lists_read_as_english() {
        assert_eq!(list(&["a"], "or"), "a");
        assert_eq!(list(&["a", "b", "c"], "or"), "a, b or c");
        assert_eq!(list(&["a", "b"], "and"), "a and b");
    }
}
