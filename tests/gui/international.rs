//! Analysts outside the English-speaking world: names in other scripts
//! drawn with real glyphs, the display style of numbers (View menu) and
//! typed numbers in the chosen convention, the CSV dialect of exports; all
//! kept between runs.

use egui::FontId;
use egui_kittest::kittest::Queryable;
use envroi::format::style::{CurrencyStyle, Grouping, MonthNames, Style, with_style};
use envroi::gui::command::Command;
use envroi::io::csv_out::CsvDialect;

use super::common::{shipped, shipped_default as baseline, temp_dir, write_file};
use envroi::gui::state::Export;

use super::{ENVIRONMENTS, app, type_into, wait_for_files};

const JAPANESE: &str = "東京銀行 テスト環境管理";

/// A scenario file named in Japanese, with a custom line named in Korean.
fn japanese_file(dir: &std::path::Path) -> std::path::PathBuf {
    let text = std::fs::read_to_string(shipped("baseline"))
        .unwrap()
        .replacen("Composite bank: TEM + TDM", JAPANESE, 1)
        .replace("Fewer release delays", "출시 지연 감소");
    write_file(dir, "tokyo.ron", &text)
}

/// CI installs a CJK font (fonts-wqy-microhei, `.ci/run`); elsewhere,
/// install one to run this test (README, "Fonts").
#[test]
fn a_japanese_name_is_laid_out_with_real_glyphs_from_a_system_font() {
    let dir = temp_dir();
    let mut harness = app(vec![japanese_file(dir.path())]);
    harness.run();
    // Laid out by the app (the scenario chip) before anything here asks.
    harness.get_by_label(JAPANESE);
    let discovered: Vec<String> = harness.ctx.fonts(|f| {
        f.discovered_fonts()
            .iter()
            .map(|i| i.name.clone())
            .collect()
    });
    assert!(
        discovered.iter().any(|name| name.starts_with("system:")),
        "the app's own layout found system fonts for the name: {discovered:?} (install a CJK font, e.g. fonts-wqy-microhei)"
    );
    let font = FontId::proportional(14.0);
    for text in [
        JAPANESE,
        "출시 지연 감소",
        "Банк Ελληνική",
        "بنك القاهرة",
        "בנק תל אביב",
    ] {
        let covered = harness.ctx.fonts_mut(|f| f.has_glyphs(&font, text));
        assert!(covered, "{text} has a glyph for every character");
    }
}

#[test]
fn the_display_style_changes_the_figures_and_is_kept_between_runs() {
    let mut harness = app(Vec::new());
    let doc = harness.state().workspace().docs[0].id;
    let german = Style {
        grouping: Grouping::Dot,
        currency: CurrencyStyle::SymbolAfter,
        months: MonthNames::German,
        minor_units: true,
    };
    harness.state_mut().push(Command::SetDisplayStyle(german));
    harness
        .state_mut()
        .push(Command::SetCsvDialect(CsvDialect::ExcelSemicolon));
    harness.run();
    let s = baseline();
    let npv = envroi::model::compute(&s).adjusted.figures.npv;
    let card = with_style(german, || envroi::format::money_whole(&s.currency, npv));
    // `$` alone is shared by many dollars: USD shows as US$.
    assert!(card.ends_with("\u{a0}US$") && card.contains('.'), "{card}");
    harness.get_by_label(&format!("NPV, risk-adjusted: {card}"));
    let kept = harness.state().persisted();
    assert_eq!(kept.display, german);
    assert_eq!(kept.csv_dialect, CsvDialect::ExcelSemicolon);
    // Typed in the chosen convention, exactly; ambiguous text refused.
    type_into(&mut harness, ENVIRONMENTS, "1.234");
    harness.get_by_label_contains("is ambiguous");
    let before = baseline();
    assert_eq!(harness.state().workspace().docs[0].scenario(), &before);
    type_into(&mut harness, "TEM licences: reduction", "12,5");
    let reduction = harness.state().workspace().doc(doc).unwrap().scenario();
    assert_eq!(
        reduction.benefits.tem_licences.reduction,
        rust_decimal::Decimal::new(125, 3)
    );
}

#[test]
fn a_csv_export_is_written_in_the_chosen_dialect() {
    let dir = temp_dir();
    let mut harness = app(Vec::new());
    harness
        .state_mut()
        .push(Command::SetCsvDialect(CsvDialect::ExcelSemicolon));
    let path = dir.path().join("zusammenfassung.csv");
    harness
        .state_mut()
        .push(Command::ExportTo(Export::Summary, path.clone()));
    wait_for_files(&mut harness);
    let written = std::fs::read_to_string(&path).unwrap();
    let results = envroi::model::compute(&baseline());
    let standard = envroi::io::csv_out::summary_csv(&results);
    assert_eq!(written, CsvDialect::ExcelSemicolon.apply(standard.clone()));
    assert!(written.starts_with("\u{feff}metric;unadjusted;risk_adjusted\n"));
    // Back to the standard dialect: the exchange format, byte for byte.
    harness
        .state_mut()
        .push(Command::SetCsvDialect(CsvDialect::Standard));
    harness
        .state_mut()
        .push(Command::ExportTo(Export::Summary, path.clone()));
    wait_for_files(&mut harness);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), standard);
}

#[test]
fn the_png_export_follows_the_display_style() {
    let dir = temp_dir();
    let out = dir.path().join("payback.png");
    let mut harness = app(Vec::new());
    let french = Style {
        grouping: Grouping::Space,
        currency: CurrencyStyle::CodeAfter,
        months: MonthNames::French,
        minor_units: true,
    };
    harness.state_mut().push(Command::SetDisplayStyle(french));
    harness
        .state_mut()
        .push(Command::ExportTo(Export::Png, out.clone()));
    wait_for_files(&mut harness);
    let s = baseline();
    let results = envroi::model::compute(&s);
    let draw = || {
        envroi::io::png::payback_png(
            &[(s.name.as_str(), &results)],
            envroi::model::View::Adjusted,
            &s.currency,
            &envroi::io::png::PngOptions::default(),
        )
        .unwrap()
    };
    let written = std::fs::read(&out).unwrap();
    assert_eq!(written, with_style(french, draw));
    // (The app formats on this thread, so the classic style is named.)
    let classic = with_style(Style::CLASSIC, draw);
    assert_ne!(written, classic, "the command line's classic style differs");
}
