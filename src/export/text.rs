//! Plain text for a terminal or an email body: no markup, no hard wrapping.

use unicode_width::UnicodeWidthStr;

use super::prose::{Block, Role, blocks};
use super::summary::{Selection, summarize};
use crate::model::Trip;

/// Width of the label column of fields ("Prefecture:" plus a space).
const LABEL: usize = 12;

/// The selection as plain text.
pub fn text(trip: &Trip, selection: &Selection) -> String {
    let blocks = blocks(&summarize(trip, selection));
    let mut out = String::new();
    let mut previous: Option<&Block> = None;
    // The break before the totals is just a blank line in text.
    for block in blocks.iter().filter(|b| **b != Block::Rule) {
        let tight = matches!(
            (previous, block),
            (
                Some(Block::Field { .. } | Block::Heading(Role::Stop | Role::Meeting, _)),
                Block::Field { .. }
            )
        );
        if previous.is_some() && !tight {
            out.push('\n');
        }
        match block {
            Block::Heading(role, text) => {
                let underline = match role {
                    Role::Title => "=",
                    Role::Day => "-",
                    Role::Stop => "",
                    Role::Meeting => {
                        out.push_str("  ");
                        ""
                    }
                };
                out.push_str(text);
                out.push('\n');
                if !underline.is_empty() {
                    out.push_str(&underline.repeat(text.width().max(1)));
                    out.push('\n');
                }
            }
            Block::Para(text) => {
                out.push_str(text);
                out.push('\n');
            }
            Block::Field {
                depth,
                label,
                value,
            } => {
                let indent = 2 + 2 * usize::from(*depth);
                let label = format!("{label}:");
                let pad = " ".repeat(indent + LABEL);
                let value = value.replace('\n', &format!("\n{pad}"));
                let value = value.replace(&format!("\n{pad}\n"), "\n\n");
                out.push_str(&format!("{}{label:<LABEL$}{value}\n", " ".repeat(indent)));
            }
            Block::Rule => {}
        }
        previous = Some(block);
    }
    out
}
