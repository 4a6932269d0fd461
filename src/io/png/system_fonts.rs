//! Fallback faces from the system's fonts for characters the embedded
//! `DejaVu` Sans lacks (CJK above all: `DejaVu` already covers Latin,
//! Greek, Cyrillic, Arabic and Hebrew). Looked up only when such a
//! character is drawn, through `fontique` (fontconfig on Linux, the
//! platform's own fallback elsewhere): the system UI and sans-serif
//! families first, then the system's fallback fonts for the character's
//! script (for Han, each CJK locale in turn). A face found is kept for the
//! life of the process; a character no font has is drawn as the embedded
//! font's missing-glyph box.
//!
//! A chart whose text the embedded fonts cover never asks, so its bytes
//! do not depend on the fonts installed.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use ab_glyph::{Font, FontArc, FontRef, FontVec};
use fontique::{
    Collection, CollectionOptions, FallbackKey, FamilyId, GenericFamily, Language, QueryFamily,
    QueryFont, QueryStatus, Script, SourceCache, SourceCacheOptions,
};

/// The system's fonts, enumerated on first use.
struct SystemFonts {
    collection: Collection,
    source_cache: SourceCache,
    /// The face chosen for each character asked about (`None`: no font has it).
    chosen: HashMap<char, Option<FontArc>>,
    /// Faces loaded so far, by family and index, so that a face used for
    /// many characters is read once.
    loaded: HashMap<(FamilyId, usize, u32), FontArc>,
}

static SYSTEM: OnceLock<Mutex<SystemFonts>> = OnceLock::new();

/// A system face with a glyph for `c`, or `None`.
pub(super) fn face_for(c: char) -> Option<FontArc> {
    let system = SYSTEM.get_or_init(|| {
        Mutex::new(SystemFonts {
            collection: Collection::new(CollectionOptions {
                shared: false,
                system_fonts: true,
            }),
            source_cache: SourceCache::new(SourceCacheOptions::default()),
            chosen: HashMap::new(),
            loaded: HashMap::new(),
        })
    });
    let mut fonts = system
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(found) = fonts.chosen.get(&c) {
        return found.clone();
    }
    let found = fonts.find(c);
    fonts.chosen.insert(c, found.clone());
    found
}

impl SystemFonts {
    fn find(&mut self, c: char) -> Option<FontArc> {
        let SystemFonts {
            collection,
            source_cache,
            loaded,
            ..
        } = self;
        let mut keys: Vec<Option<FallbackKey>> = vec![None];
        if let Some(script) = script_of(c) {
            keys.push(Some(FallbackKey::new(script, None)));
            if script == Script::from_bytes(*b"Hani") {
                for locale in ["ja", "zh-SG", "zh-TW", "ko"] {
                    if let Ok(language) = Language::parse(locale) {
                        keys.push(Some(FallbackKey::new(script, Some(&language))));
                    }
                }
            }
        }
        for key in keys {
            let mut query = collection.query(source_cache);
            query.set_families(
                [GenericFamily::SystemUi, GenericFamily::SansSerif].map(QueryFamily::Generic),
            );
            if let Some(key) = key {
                query.set_fallbacks(key);
            }
            let mut found = None;
            query.matches_with(|font| {
                if has_glyph(font, c) {
                    found = Some(font.clone());
                    QueryStatus::Stop
                } else {
                    QueryStatus::Continue
                }
            });
            if let Some(font) = found {
                let id = (font.family.0, font.family.1, font.index);
                if let Some(face) = loaded.get(&id) {
                    return Some(face.clone());
                }
                let face = FontVec::try_from_vec_and_index(font.blob.as_ref().to_vec(), font.index)
                    .ok()
                    .map(FontArc::new)?;
                loaded.insert(id, face.clone());
                return Some(face);
            }
        }
        None
    }
}

/// Whether `font` has an outline for `c`.
fn has_glyph(font: &QueryFont, c: char) -> bool {
    FontRef::try_from_slice_and_index(font.blob.as_ref(), font.index).is_ok_and(|face| {
        let id = face.glyph_id(c);
        id.0 != 0 && face.outline(id).is_some()
    })
}

/// The script of a character, or `None` for characters shared between
/// scripts (digits, punctuation, symbols).
fn script_of(c: char) -> Option<Script> {
    use unicode_script::UnicodeScript as _;
    match c.script() {
        unicode_script::Script::Common
        | unicode_script::Script::Inherited
        | unicode_script::Script::Unknown => None,
        script => Script::parse(script.short_name()).ok(),
    }
}
