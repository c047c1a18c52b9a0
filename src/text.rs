//! Small helpers for the sentences the app writes.

/// "1 stop", "3 stops": a count with the noun that agrees with it.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_noun_agrees_with_the_count() {
        assert_eq!(super::count(0, "person", "people"), "0 people");
        assert_eq!(super::count(1, "person", "people"), "1 person");
        assert_eq!(super::count(2, "warning", "warnings"), "2 warnings");
    }
}
