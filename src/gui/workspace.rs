//! The workspace: every open document, which one is being edited, the
//! comparison set and the view settings. Panels read it; only the app
//! changes it, by applying commands.

use std::path::{Path, PathBuf};

use crate::format::style::Style;
use crate::io::csv_out::CsvDialect;
use crate::model::{Scenario, View};

use super::document::Document;
use super::state::DocId;
use super::state::Tab;
use super::state::Theme;

/// Every open scenario and the settings of the window.
#[derive(Debug, Default)]
pub struct Workspace {
    /// Open documents, in the order they were opened.
    pub docs: Vec<Document>,
    /// The document being edited.
    pub active: Option<DocId>,
    /// The comparison set (drawn on the payback chart and compared).
    pub compared: Vec<DocId>,
    /// The document the compare view measures deltas against.
    pub base: Option<DocId>,
    /// Which view tables and curves show.
    pub view: View,
    /// Which results tab is shown.
    pub tab: Tab,
    /// Light or dark.
    pub theme: Theme,
    /// How the Assumptions tab sorts and filters.
    pub register: crate::gui::state::RegisterView,
    /// The dialect of CSV exports.
    pub csv_dialect: CsvDialect,
    /// How numbers, money and months are shown.
    pub display: Style,
    next_id: u64,
}

impl Workspace {
    /// The document with id `id`.
    #[must_use]
    pub fn doc(&self, id: DocId) -> Option<&Document> {
        self.docs.iter().find(|d| d.id == id)
    }

    /// The document with id `id`, to change.
    pub fn doc_mut(&mut self, id: DocId) -> Option<&mut Document> {
        self.docs.iter_mut().find(|d| d.id == id)
    }

    /// The document being edited.
    #[must_use]
    pub fn active_doc(&self) -> Option<&Document> {
        self.active.and_then(|id| self.doc(id))
    }

    /// The documents of the comparison set, in the order they were opened.
    #[must_use]
    pub fn compared_docs(&self) -> Vec<&Document> {
        self.docs
            .iter()
            .filter(|d| self.compared.contains(&d.id))
            .collect()
    }

    /// The open document whose file is `path`, if any, by comparing `path`
    /// with each document's path as given and as resolved (see
    /// [`Document::canonical`]); the file system is not asked, so a path
    /// naming the same file another way is found only by its resolved form.
    #[must_use]
    pub fn find_path(&self, path: &Path) -> Option<DocId> {
        self.docs
            .iter()
            .find(|d| d.path.as_deref() == Some(path) || d.canonical.as_deref() == Some(path))
            .map(|d| d.id)
    }

    /// The resolved paths of the open documents' files.
    #[must_use]
    pub fn canonical_paths(&self) -> Vec<PathBuf> {
        self.docs
            .iter()
            .filter_map(|d| d.canonical.clone())
            .collect()
    }

    /// Adds a document, makes it active and puts it in the comparison set.
    /// `saved`: whether it counts as saved as it is (see [`Document::new`]).
    pub fn add(&mut self, scenario: Scenario, path: Option<PathBuf>, saved: bool) -> DocId {
        self.next_id += 1;
        let id = DocId(self.next_id);
        let colour = (0..=self.docs.len())
            .find(|c| !self.docs.iter().any(|d| d.colour == *c))
            .unwrap_or(0);
        self.docs
            .push(Document::new(id, scenario, path, colour, saved));
        self.active = Some(id);
        self.compared.push(id);
        if self.base.is_none() {
            self.base = Some(id);
        }
        id
    }

    /// Removes a document; another becomes active and base when needed.
    pub fn remove(&mut self, id: DocId) {
        let Some(index) = self.docs.iter().position(|d| d.id == id) else {
            return;
        };
        self.docs.remove(index);
        self.compared.retain(|c| *c != id);
        if self.active == Some(id) {
            self.active = self
                .docs
                .get(index.min(self.docs.len().saturating_sub(1)))
                .map(|d| d.id);
        }
        if self.base == Some(id) || self.base.is_none() {
            self.base = self.compared.first().copied().or(self.active);
        }
    }

    /// Whether any document has unsaved changes.
    #[must_use]
    pub fn any_dirty(&self) -> bool {
        self.docs.iter().any(Document::is_dirty)
    }
}
