//! Markdown: readable as it is, and rendered by any CommonMark viewer.

use super::prose::{Block, Role, blocks};
use super::summary::{Selection, summarize};
use crate::model::Trip;

/// The selection as Markdown.
pub fn markdown(trip: &Trip, selection: &Selection) -> String {
    let blocks = blocks(&summarize(trip, selection));
    // A whole-trip export has day headings between the title and the stops.
    let base = usize::from(
        blocks
            .iter()
            .any(|b| matches!(b, Block::Heading(Role::Day, _))),
    );
    let mut out = String::new();
    let mut previous: Option<&Block> = None;
    for block in &blocks {
        let in_list = matches!(
            (previous, block),
            (Some(Block::Field { .. }), Block::Field { .. })
        );
        if previous.is_some() && !in_list {
            out.push('\n');
        }
        match block {
            Block::Heading(role, text) => {
                let level = match role {
                    Role::Title => 1,
                    Role::Day => 2,
                    Role::Stop => 2 + base,
                    Role::Meeting => 3 + base,
                };
                out.push_str(&format!("{} {}\n", "#".repeat(level), escape(text)));
            }
            Block::Para(text) => {
                out.push_str(&escape(text));
                out.push('\n');
            }
            Block::Field { label, value, .. } => {
                // Continuation lines are indented to stay inside the list item.
                let value = escape(value)
                    .replace('\n', "\n  ")
                    .replace("\n  \n", "\n\n");
                out.push_str(&format!("- **{label}:** {value}\n"));
            }
            Block::Rule => out.push_str("---\n"),
        }
        previous = Some(block);
    }
    out
}

/// Escapes what Markdown would otherwise read as markup: inline emphasis,
/// code, links and HTML anywhere, and block markers at the start of a line.
fn escape(text: &str) -> String {
    text.split('\n')
        .map(|line| {
            let mut out = String::with_capacity(line.len());
            for c in line.chars() {
                if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|') {
                    out.push('\\');
                }
                out.push(c);
            }
            if out.starts_with(['#', '-', '+', '=']) {
                out.insert(0, '\\');
            }
            // "1982. " would start an ordered list: escape its dot.
            let digits = out.chars().take_while(char::is_ascii_digit).count();
            if digits > 0
                && (out[digits..].starts_with(". ")
                    || out[digits..].starts_with(") ")
                    || out.len() == digits + 1 && !out.ends_with(char::is_numeric))
            {
                out.insert(digits, '\\');
            }
            out
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markup_is_escaped() {
        assert_eq!(
            escape("a *b* [c](d) <e> x_y"),
            r"a \*b\* \[c\](d) \<e\> x\_y"
        );
        assert_eq!(
            escape("# no\n- list\n1982. year\n1.53 billion"),
            "\\# no\n\\- list\n1982\\. year\n1.53 billion"
        );
    }
}
