//! The export dialog (`e`): what to write (the shown day or the whole
//! trip), in which format, through which of the active filters, and into
//! which folder. Enter hands the loop an [`ExportRequest`]; the loop writes
//! it with `itinerary export`'s own selection and writer
//! ([`crate::export::to_dir`]) and reports back with [`super::Msg::Exported`]:
//! the path written closes the dialog, a refusal keeps it open with the
//! reason beside the folder.

use super::{App, Effect, Intent, Line, Message, Overlay};
use crate::cli::Format;
use crate::export::{Scope, Selection, target};
use crate::model::{DayRef, Filter};

/// What the dialog opens with, kept while the browser runs: the folder and
/// format of the last export written; at first the config's `[export]`
/// settings (else the current directory, and Markdown).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportDefaults {
    /// The folder as typed (`~/` and relative paths are the loop's to read).
    pub dir: String,
    pub format: Format,
}

impl Default for ExportDefaults {
    fn default() -> ExportDefaults {
        ExportDefaults {
            dir: String::new(),
            format: Format::Md,
        }
    }
}

/// A row of the dialog that takes keys, in the order Tab visits them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportField {
    Scope,
    Format,
    /// The prefecture part of the filter (only while one is active).
    Prefectures,
    /// The person part of the filter (only while one is active).
    People,
    /// The folder, a line of text.
    Dir,
}

/// The dialog's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportDialog {
    /// The row with the keys.
    pub field: ExportField,
    /// The day shown when the dialog opened; `None` when there is none
    /// (then only the whole trip).
    pub day: Option<DayRef>,
    /// The whole trip rather than the shown day.
    pub whole_trip: bool,
    pub format: Format,
    /// The browser's filter when the dialog opened.
    pub filter: Filter,
    /// Whether the prefecture part of the filter applies (on by default).
    pub prefectures: bool,
    /// Whether the person part applies (on by default).
    pub people: bool,
    /// The folder written into.
    pub dir: Line,
    /// Why the last Enter wrote nothing, shown beside the folder.
    pub error: Option<String>,
}

/// What Enter asks the loop to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportRequest {
    pub selection: Selection,
    pub format: Format,
    /// The folder as typed: empty is the current directory.
    pub dir: String,
}

impl ExportDialog {
    /// The rows that take keys, in order: a filter row only when that
    /// filter is active.
    pub fn fields(&self) -> Vec<ExportField> {
        let mut fields = vec![ExportField::Scope, ExportField::Format];
        if !self.filter.prefectures.is_empty() {
            fields.push(ExportField::Prefectures);
        }
        if !self.filter.people.is_empty() {
            fields.push(ExportField::People);
        }
        fields.push(ExportField::Dir);
        fields
    }

    /// What is exported: the shown day or the whole trip.
    pub fn scope(&self) -> Scope {
        match self.day {
            Some(day) if !self.whole_trip => Scope::Day(day),
            _ => Scope::Trip,
        }
    }

    /// The filter as it applies: the parts switched on.
    pub fn applied(&self) -> Filter {
        Filter {
            prefectures: match self.prefectures {
                true => self.filter.prefectures.clone(),
                false => Vec::new(),
            },
            people: match self.people {
                true => self.filter.people.clone(),
                false => Vec::new(),
            },
        }
    }

    /// The selection written: as `export --day --prefecture --person`.
    pub fn selection(&self) -> Selection {
        Selection::browsed(self.scope(), &self.applied())
    }

    /// Whether the row with the keys is a choice (←/→ and Space change
    /// it) rather than the folder's text.
    pub fn on_choice(&self) -> bool {
        self.field != ExportField::Dir
    }

    /// Moves to the next row (`by` 1) or the previous one (-1), around.
    fn step_field(&mut self, by: isize) {
        let fields = self.fields();
        let at = fields.iter().position(|f| *f == self.field).unwrap_or(0);
        let n = fields.len() as isize;
        let next = (at as isize + by).rem_euclid(n);
        self.field = fields[next as usize];
    }

    /// Changes the choice of the row with the keys: forward (`by` 1) or
    /// back (-1); a switch flips either way.
    fn change(&mut self, by: isize) {
        match self.field {
            ExportField::Scope => {
                if self.day.is_some() {
                    self.whole_trip = !self.whole_trip;
                }
            }
            ExportField::Format => {
                let all: Vec<Format> = target::formats().collect();
                let at = all.iter().position(|f| *f == self.format).unwrap_or(0);
                let next = (at as isize + by).rem_euclid(all.len() as isize);
                self.format = all[next as usize];
            }
            ExportField::Prefectures => self.prefectures = !self.prefectures,
            ExportField::People => self.people = !self.people,
            ExportField::Dir => {}
        }
    }
}

impl App {
    /// The open export dialog, if any.
    pub fn export_dialog(&self) -> Option<&ExportDialog> {
        match &self.overlay {
            Overlay::Export(d) => Some(d),
            _ => None,
        }
    }

    /// `e`: opens the dialog on the shown day, the remembered format and
    /// folder, and every active filter on.
    pub(super) fn open_export(&mut self) {
        let day = self.selected_day();
        self.overlay = Overlay::Export(ExportDialog {
            field: ExportField::Scope,
            day,
            whole_trip: day.is_none(),
            format: self.export.format,
            filter: self.filter.clone(),
            prefectures: true,
            people: true,
            dir: Line::new(&self.export.dir),
            error: None,
        });
    }

    /// An intent while the dialog is open.
    pub(super) fn export_key(&mut self, intent: Intent) -> Option<Effect> {
        let Overlay::Export(dialog) = &mut self.overlay else {
            return None;
        };
        match intent {
            Intent::NextField => dialog.step_field(1),
            Intent::PrevField => dialog.step_field(-1),
            Intent::NextChoice | Intent::Toggle if dialog.on_choice() => dialog.change(1),
            Intent::PrevChoice if dialog.on_choice() => dialog.change(-1),
            Intent::Accept => {
                return Some(Effect::Export(ExportRequest {
                    selection: dialog.selection(),
                    format: dialog.format,
                    dir: dialog.dir.value().to_string(),
                }));
            }
            Intent::Cancel => self.overlay = Overlay::None,
            other if !dialog.on_choice() && dialog.dir.handle(other) => dialog.error = None,
            _ => {}
        }
        None
    }

    /// The loop's answer to [`Effect::Export`]: the path written closes the
    /// dialog (its folder and format are remembered) and is said whole on
    /// the status line; a refusal stays beside the folder. Without the
    /// dialog open, the status line says either.
    pub(super) fn exported(&mut self, result: Result<std::path::PathBuf, String>) {
        if let Overlay::Export(dialog) = &mut self.overlay {
            match &result {
                Ok(_) => {
                    self.export = ExportDefaults {
                        dir: dialog.dir.value().to_string(),
                        format: dialog.format,
                    };
                    self.overlay = Overlay::None;
                }
                Err(why) => {
                    dialog.error = Some(why.clone());
                    dialog.field = ExportField::Dir;
                    return;
                }
            }
        }
        self.message = Some(match result {
            Ok(path) => Message {
                text: format!("exported to {}", path.display()),
                error: false,
            },
            Err(why) => Message {
                text: format!("export failed: {why}"),
                error: true,
            },
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::update;
    use crate::load;

    fn app() -> App {
        let trip = load::load_str(load::BUNDLED).unwrap().trip;
        let mut app = App::new("t.toml".into(), trip, None);
        app.export.dir = "/out".into();
        update(&mut app, Intent::Day(3));
        update(&mut app, Intent::Export);
        app
    }

    fn request(app: &mut App) -> ExportRequest {
        match update(app, Intent::Accept) {
            Some(Effect::Export(r)) => r,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn enter_asks_for_the_day_in_markdown_into_the_remembered_folder() {
        let mut app = app();
        let r = request(&mut app);
        assert_eq!(r.selection, Selection::day(DayRef::Day(2)));
        assert_eq!((r.format, r.dir.as_str()), (Format::Md, "/out"));
    }

    #[test]
    fn choices_change_with_left_right_and_space_and_tab_goes_round() {
        let mut app = app();
        update(&mut app, Intent::NextChoice);
        update(&mut app, Intent::NextField);
        update(&mut app, Intent::PrevChoice);
        let r = request(&mut app);
        assert_eq!(r.selection.scope, Scope::Trip);
        assert_eq!(r.format, target::formats().last().unwrap());
        // No filter is active: Scope, Format, the folder, and round again.
        update(&mut app, Intent::NextField);
        update(&mut app, Intent::NextField);
        assert_eq!(app.export_dialog().unwrap().field, ExportField::Scope);
        update(&mut app, Intent::PrevField);
        assert_eq!(app.export_dialog().unwrap().field, ExportField::Dir);
        // In the folder, Space is a letter and Left moves the cursor.
        update(&mut app, Intent::Toggle);
        update(&mut app, Intent::Type('x'));
        assert_eq!(request(&mut app).dir, "/outx");
    }

    #[test]
    fn a_refusal_stays_beside_the_folder_and_a_write_is_remembered() {
        let mut app = app();
        update(&mut app, Intent::NextField);
        update(&mut app, Intent::NextChoice);
        update(
            &mut app,
            super::super::Msg::Exported(Err("no such folder".into())),
        );
        let d = app.export_dialog().unwrap();
        assert_eq!(
            (d.error.as_deref(), d.field),
            (Some("no such folder"), ExportField::Dir)
        );
        assert_eq!(app.message, None);
        update(&mut app, Intent::Backspace);
        assert_eq!(app.export_dialog().unwrap().error, None);
        update(
            &mut app,
            super::super::Msg::Exported(Ok("/ou/x.txt".into())),
        );
        assert_eq!(app.overlay(), &Overlay::None);
        assert_eq!(app.message.as_ref().unwrap().text, "exported to /ou/x.txt");
        assert_eq!(
            app.export,
            ExportDefaults {
                dir: "/ou".into(),
                format: Format::Text
            }
        );
        update(&mut app, Intent::Export);
        update(&mut app, Intent::Cancel);
        assert_eq!(app.overlay(), &Overlay::None);
    }
}
