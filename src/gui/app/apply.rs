//! The one place commands change the app: [`EnvroiApp::apply`] carries out
//! each command the panels, shortcuts and dialogs pushed, in order, and
//! [`EnvroiApp::drain`] runs them once a frame. The analyses of every
//! document are brought up to date here too.

use egui::ViewportCommand;

use crate::io::{self};

use crate::gui::command::Command;
use crate::gui::files::{Request, SavePurpose};
use crate::gui::panels::dialogs::Prompt;
use crate::gui::worker::Job;

use super::EnvroiApp;
use super::files::{autosave_entries, file_stem};
use crate::gui::widgets::evidence::Draft;
use crate::model::edit::{Edit, List};

impl EnvroiApp {
    /// Applies one command. This is the one place the workspace changes.
    pub fn apply(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::Edit { doc, key, edit } => {
                if let Some(d) = self.ws.doc_mut(doc) {
                    // A refused edit has already put its message on the field.
                    let _ = d.apply_edit(&key, &edit);
                }
            }
            Command::Undo(id) => {
                if let Some(d) = self.ws.doc_mut(id) {
                    d.undo();
                }
            }
            Command::Redo(id) => {
                if let Some(d) = self.ws.doc_mut(id) {
                    d.redo();
                }
            }
            Command::New => match io::default_scenario() {
                Ok(mut s) => {
                    let taken: Vec<&str> = self
                        .ws
                        .docs
                        .iter()
                        .map(crate::gui::document::Document::title)
                        .collect();
                    s.name = (1..=taken.len() + 1)
                        .map(|n| {
                            if n == 1 {
                                "New scenario".to_owned()
                            } else {
                                format!("New scenario {n}")
                            }
                        })
                        .find(|name| !taken.contains(&name.as_str()))
                        .unwrap_or_default();
                    // The template's figures are examples, not this
                    // organisation's: every input starts as a placeholder.
                    s.assumptions.0.clear();
                    crate::model::assumption::mark_unworked(&mut s);
                    self.ws.add(s, None, true);
                }
                Err(e) => {
                    self.prompt = Some(Prompt::Errors(
                        "The built-in scenario did not load".into(),
                        e.lines(),
                    ));
                }
            },
            Command::OpenDialog => self.ask(ctx, Request::Open),
            Command::Open(path) => self.open(ctx, path),
            Command::Save(id) => match self.ws.doc(id).and_then(|d| d.path.clone()) {
                Some(path) => self.save_to(ctx, id, &path, false),
                None => self.commands.push(Command::SaveAsDialog(id)),
            },
            Command::SaveAsDialog(id) => {
                if let Some(doc) = self.ws.doc(id) {
                    let name = file_stem(doc.title());
                    self.ask(
                        ctx,
                        Request::Save(SavePurpose::SaveAs(id), format!("{name}.ron")),
                    );
                }
            }
            Command::SaveAs(id, path) => {
                let path = if path.extension().is_none() {
                    path.with_extension("ron")
                } else {
                    path
                };
                self.save_to(ctx, id, &path, false);
            }
            Command::SaveOverwriting(id, path) => self.save_to(ctx, id, &path, true),
            Command::Recover => self.recover(ctx),
            Command::DiscardRecovered => {
                let entries = autosave_entries(&std::mem::take(&mut self.recoverable));
                self.worker.submit(ctx, Job::Discard(entries));
            }
            Command::Duplicate(id) => {
                if let Some(doc) = self.ws.doc(id) {
                    let mut s = doc.scenario().clone();
                    let mut name = format!("{} (copy)", s.name);
                    if name.chars().count() > 100 {
                        name = name.chars().take(100).collect();
                    }
                    s.name = name;
                    self.ws.add(s, None, false);
                }
            }
            Command::Close(id) if self.worker.is_saving(id) => {
                // Closed when the save is done (or, if it fails, left open
                // with the error).
                self.close_after_save.insert(id);
            }
            Command::Close(id) => {
                if self
                    .ws
                    .doc(id)
                    .is_some_and(crate::gui::document::Document::is_dirty)
                {
                    self.ws.active = Some(id);
                    // A question already showing (a save that needs an
                    // answer first) is not replaced.
                    if self.prompt.is_none() {
                        self.prompt = Some(Prompt::CloseUnsaved(id));
                    }
                } else {
                    self.ws.remove(id);
                }
            }
            Command::CloseDiscarding(id) => {
                self.close_after_save.remove(&id);
                self.ws.remove(id);
            }
            Command::Select(id) => {
                if self.ws.doc(id).is_some() {
                    self.ws.active = Some(id);
                }
            }
            Command::SetCompared(id, on) => {
                self.ws.compared.retain(|c| *c != id);
                if on {
                    self.ws.compared.push(id);
                }
                if self.ws.base.is_none_or(|b| !self.ws.compared.contains(&b)) {
                    self.ws.base = self.ws.compared_docs().first().map(|d| d.id);
                }
            }
            Command::SetCompareBase(id) => self.ws.base = Some(id),
            Command::SetTab(tab) => self.ws.tab = tab,
            Command::SetView(view) => self.ws.view = view,
            Command::SetTheme(theme) => self.ws.theme = theme,
            Command::SetCsvDialect(dialect) => self.ws.csv_dialect = dialect,
            Command::SetDisplayStyle(style) => {
                self.ws.display = style;
                crate::format::style::set_current(style);
            }
            Command::ExportDialog(export) => {
                self.ask(
                    ctx,
                    Request::Save(SavePurpose::Export(export), export.file_name().to_owned()),
                );
            }
            Command::ExportTo(export, path) => self.export_to(ctx, export, path),
            Command::Quit if !self.worker.is_idle() => {
                self.quit_when_idle = true;
                self.note("Closing once the files being written are done...", false);
            }
            Command::Quit => {
                if self.ws.any_dirty() {
                    self.prompt = Some(Prompt::QuitUnsaved);
                } else {
                    self.quitting = true;
                    ctx.send_viewport_cmd(ViewportCommand::Close);
                }
            }
            Command::QuitDiscarding => {
                self.quitting = true;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
            Command::DismissMessage => self.message = None,
            Command::Analysis(id, request) => {
                if let Some(doc) = self.ws.doc_mut(id) {
                    let (analyses, scenario, revision) = doc.analyses_parts();
                    analyses.apply(ctx, request, scenario, revision);
                }
            }
            Command::EditEvidence(id, path) => {
                if let Some(doc) = self.ws.doc(id) {
                    let s = doc.scenario();
                    let label = crate::model::inputs::spec(s, &path)
                        .map_or_else(|| path.clone(), |spec| spec.label);
                    let draft = Draft::of(&path, &label, s.assumptions.get(&path));
                    self.prompt = Some(Prompt::Evidence(id, Box::new(draft)));
                }
            }
            Command::RemoveItem(id, list, index) => {
                let carried = self
                    .ws
                    .doc(id)
                    .and_then(|doc| carried_by(doc.scenario(), list, index));
                match carried {
                    Some(what) => {
                        self.prompt = Some(Prompt::ConfirmRemove {
                            doc: id,
                            list,
                            index,
                            what,
                        });
                    }
                    None => self.commands.push(Command::Edit {
                        doc: id,
                        key: list.key().to_owned(),
                        edit: Edit::Remove(list, index),
                    }),
                }
            }
            Command::SetRegisterView(view) => self.ws.register = view,
        }
    }

    /// Collects the analyses that finished since the last frame, starts
    /// the tornado of the active document when its revision has none, and
    /// keeps frames coming while a Monte Carlo run reports progress.
    pub(super) fn update_analyses(&mut self, ctx: &egui::Context) {
        let active = self.ws.active;
        let mut running = false;
        for doc in &mut self.ws.docs {
            let id = doc.id;
            let (analyses, scenario, revision) = doc.analyses_parts();
            analyses.poll(revision);
            // The tornado of the active document is kept current: the
            // What-if tab shows it, and the Assumptions tab and the cards
            // take each input's impact from it. One run at a time.
            if active == Some(id) {
                analyses.ensure_tornado(ctx, scenario, revision);
            }
            running |= analyses.monte_carlo_running();
        }
        if running {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
    }

    /// Applies every queued command; returns whether there were any.
    pub(super) fn drain(&mut self, ctx: &egui::Context) -> bool {
        let mut any = false;
        // Applying a command may queue another (Save without a file asks
        // where), so drain until the queue stays empty.
        while !self.commands.is_empty() {
            any = true;
            let queued = std::mem::take(&mut self.commands);
            for command in queued {
                self.apply(ctx, command);
            }
        }
        any
    }
}

/// What removing item `index` of `list` takes with it: its evidence
/// records and uncertainty ranges, in words ("\"Training\" with 2 evidence
/// records and 1 uncertainty range"), or `None` when nothing goes with it.
fn carried_by(s: &crate::model::Scenario, list: List, index: usize) -> Option<String> {
    let (name, specs): (&str, &[&crate::model::fields::Spec]) = match list {
        List::Custom => (
            s.benefits.custom.get(index)?.name.as_str(),
            &crate::model::inputs::CUSTOM_FIELDS,
        ),
        List::Costs => {
            let cost = s.costs.get(index)?;
            (cost.name(), crate::model::inputs::cost_fields(cost))
        }
        List::Ranges => return None,
    };
    let paths: Vec<String> = specs
        .iter()
        .map(|spec| format!("{}.{name}.{}", list.key(), spec.key))
        .collect();
    let records = paths
        .iter()
        .filter(|p| s.assumptions.get(p).is_some())
        .count();
    let ranges = s
        .uncertainty
        .iter()
        .filter(|r| paths.contains(&r.input))
        .count();
    if records + ranges == 0 {
        return None;
    }
    let count = |n: usize, one: &str| match n {
        0 => None,
        1 => Some(format!("1 {one}")),
        n => Some(format!("{n} {one}s")),
    };
    let parts: Vec<String> = [
        count(records, "evidence record"),
        count(ranges, "uncertainty range"),
    ]
    .into_iter()
    .flatten()
    .collect();
    Some(format!("\"{name}\" with {}", parts.join(" and ")))
}
