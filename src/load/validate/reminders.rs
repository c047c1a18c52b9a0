//! `reminders`: the lead times of an event's calendar reminders, in
//! `[trip]`, a stop or a meeting (docs/format.md).

use super::Walker;
use super::values::Lines;
use crate::load::diagnostic::quote;
use crate::load::tree::Value;
use crate::model::Lead;

impl Walker<'_> {
    /// An array of lead times (`["15m", "1h"]`), each unreadable one an
    /// error at its own place that lists the accepted forms; a lead time
    /// given twice counts once.
    pub(super) fn reminders(&mut self, v: Value<'_>) -> Vec<Lead> {
        let mut out = Vec::new();
        for item in self.array("reminders", v, "an array of lead times") {
            let Some(item) = self.item_string("reminders", item, "lead times") else {
                continue;
            };
            let span = item.span.clone();
            let Some(text) = self.text("reminders", item, Lines::One) else {
                continue;
            };
            match Lead::parse(&text) {
                Some(lead) if !out.contains(&lead) => out.push(lead),
                Some(_) => {}
                None => self.error(
                    span,
                    format!("unreadable reminder lead time {}", quote(&text)),
                    Some(format!("write {}", Lead::FORMS)),
                ),
            }
        }
        out
    }
}
