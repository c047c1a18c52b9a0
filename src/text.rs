//! Small helpers for the sentences the app writes.

/// "1 stop", "3 stops": a count with the noun that agrees with it.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A name made safe for a file name or an id: transliterated to ASCII
/// (`deunicode`: "Ünïcode" → `unicode`, "袁家军" → `yuan-jia-jun`), then
/// `[a-z0-9-]`, words joined by one hyphen, no hyphen at either end, at
/// most `max` long (cut at a word where one ends in time). Empty when
/// nothing is left.
pub fn slug(text: &str, max: usize) -> String {
    let mut out = String::new();
    for c in deunicode::deunicode(text).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    if out.len() > max {
        let cut = out[..=max].rfind('-').filter(|&i| i > 0).unwrap_or(max);
        out.truncate(cut);
    }
    out.trim_end_matches('-').to_string()
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
