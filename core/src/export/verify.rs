//! The proof that an exported workbook changed only its answer cells: the exported bytes are
//! read back and compared with the original, part by part and, in the sheets that received
//! answers, cell by cell. A file that fails is not handed over.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Cursor;

use quick_xml::events::Event;
use quick_xml::Reader;
use serde::{Deserialize, Serialize};

use super::xlsx::{recalculate_on_open, WORKBOOK_PART};
use super::{CellWrite, ExportError};
use crate::limits::MAX_PART_BYTES;
use crate::questionnaire::grid;
use crate::questionnaire::package::{attr, cell_name, parse_cell, read_entry_limited, Package};

/// What the check found: everything else is as it was.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verified {
    /// Parts of the package compared byte for byte (all but the answered sheets).
    pub parts: usize,
    /// Sheets that received answers, compared outside their cells byte for byte (merged ranges,
    /// validations, protection, column widths, conditional formats …).
    pub sheets: usize,
    /// Other cells of those sheets found unchanged (value, formula, style).
    pub cells: usize,
    /// Written cells read back with the value written.
    pub written: usize,
}

impl Verified {
    pub fn sentence(&self) -> String {
        format!(
            "Checked after writing: {} other parts of the workbook byte for byte the same; in the {} answered sheet{}, \
             {} other cells and every merged range, dropdown, protection and style unchanged; the {} written cells read \
             back as written.",
            self.parts,
            self.sheets,
            if self.sheets == 1 { "" } else { "s" },
            self.cells,
            self.written
        )
    }
}

fn parts(bytes: &[u8]) -> Result<Vec<(String, Vec<u8>)>, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for i in 0..zip.len() {
        let entry = zip.by_index(i).map_err(|e| e.to_string())?;
        let name = entry.name().map_err(|e| e.to_string())?.into_owned();
        let data = read_entry_limited(entry, MAX_PART_BYTES).map_err(|e| format!("part {name} is damaged ({e})"))?;
        out.push((name, data));
    }
    Ok(out)
}

/// Checks `exported` against `original`: only the cells of `writes` changed.
pub fn verify_xlsx(
    file: &str,
    original: &[u8],
    exported: &[u8],
    writes: &[CellWrite],
) -> Result<Verified, ExportError> {
    let fail = |reason: String| ExportError::Verification { file: file.to_string(), reason };
    let mut pkg = Package::open(original).map_err(|e| fail(format!("the original cannot be read: {e}")))?;
    let mut by_path: HashMap<String, HashMap<(u32, u32), &str>> = HashMap::new();
    let mut sheet_of: HashMap<String, String> = HashMap::new();
    for w in writes {
        let path = pkg.sheet(&w.sheet).map(|s| s.path.clone()).ok_or_else(|| fail(format!("no sheet {}", w.sheet)))?;
        sheet_of.insert(path.clone(), w.sheet.clone());
        by_path.entry(path).or_default().insert((w.cell.row, w.cell.col), w.value.as_str());
    }
    let _ = pkg.zip();
    let before = parts(original).map_err(|e| fail(format!("the original cannot be read: {e}")))?;
    let after = parts(exported).map_err(|e| fail(format!("the written file cannot be read back: {e}")))?;
    let names = |p: &[(String, Vec<u8>)]| p.iter().map(|x| x.0.clone()).collect::<Vec<_>>();
    if names(&before) != names(&after) {
        return Err(fail("the written workbook does not hold the same parts as the original".into()));
    }
    let mut verified = Verified::default();
    for ((name, a), (_, b)) in before.iter().zip(&after) {
        match by_path.get(name) {
            Some(cells) => {
                let a = std::str::from_utf8(a).map_err(|_| fail(format!("{name} is not UTF-8")))?;
                let b = std::str::from_utf8(b).map_err(|_| fail(format!("{name} is not UTF-8 after writing")))?;
                let sheet = &sheet_of[name];
                let n = compare_sheet(a, b, cells).map_err(|e| fail(format!("sheet {sheet}: {e}")))?;
                verified.cells += n;
                verified.sheets += 1;
            }
            None if name == WORKBOOK_PART && !writes.is_empty() => {
                // The one change allowed outside the sheets: recalculation on open.
                let a = String::from_utf8_lossy(a);
                if recalculate_on_open(&a).as_bytes() != b.as_slice() {
                    return Err(fail(format!("{name} changed beyond being marked to recalculate on open")));
                }
                verified.parts += 1;
            }
            None => {
                if a != b {
                    return Err(fail(format!("{name} changed")));
                }
                verified.parts += 1;
            }
        }
    }
    // Read back with calamine, as any reader would: every written cell holds its value.
    let grids =
        grid::read_xlsx(file, exported).map_err(|e| fail(format!("the written file cannot be read back: {e}")))?;
    for w in writes {
        let g = grids.iter().find(|g| g.name == w.sheet).ok_or_else(|| fail(format!("sheet {} is gone", w.sheet)))?;
        let got = g.cell(w.cell.row, w.cell.col);
        if got != w.value.trim() {
            return Err(fail(format!("{} {} reads back as \u{201c}{got}\u{201d}", w.sheet, w.cell.name())));
        }
        verified.written += 1;
    }
    Ok(verified)
}

/// One sheet's XML split into what surrounds its cells, its row tags and its cells.
struct SheetXml<'a> {
    /// Everything before `<sheetData` and after `</sheetData>`.
    outside: (&'a str, &'a str),
    /// Row number (0-based) → the row's start tag.
    rows: BTreeMap<u32, &'a str>,
    /// (row, col) → the cell element as written.
    cells: BTreeMap<(u32, u32), &'a str>,
}

fn split_sheet(xml: &str) -> Result<SheetXml<'_>, String> {
    let start = xml.find("<sheetData").ok_or("no sheetData")?;
    let end = match xml[start..].find("</sheetData>") {
        Some(i) => start + i + "</sheetData>".len(),
        None => start + xml[start..].find("/>").ok_or("sheetData is not closed")? + 2,
    };
    let mut out = SheetXml { outside: (&xml[..start], &xml[end..]), rows: BTreeMap::new(), cells: BTreeMap::new() };
    let inner = &xml[start..end];
    let mut reader = Reader::from_str(inner);
    let mut row: Option<u32> = None;
    let mut last_row: Option<u32> = None;
    let mut next_col = 0u32;
    let mut cell_start: Option<(usize, (u32, u32))> = None;
    loop {
        let before = reader.buffer_position() as usize;
        let event = reader.read_event().map_err(|e| e.to_string())?;
        let after = reader.buffer_position() as usize;
        match event {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) if e.name().into_inner() == "row" => {
                let r = attr(&e, "r")
                    .and_then(|r| r.parse::<u32>().ok())
                    .map_or(last_row.map_or(0, |r| r + 1), |r| r.max(1) - 1);
                last_row = Some(r);
                row = Some(r);
                next_col = 0;
                out.rows.insert(r, &inner[before..after]);
            }
            Event::Start(e) if e.name().into_inner() == "c" => {
                let col = attr(&e, "r").and_then(|x| parse_cell(&x)).map_or(next_col, |(_, c)| c);
                next_col = col + 1;
                cell_start = Some((before, (row.unwrap_or(0), col)));
            }
            Event::Empty(e) if e.name().into_inner() == "c" => {
                let col = attr(&e, "r").and_then(|x| parse_cell(&x)).map_or(next_col, |(_, c)| c);
                next_col = col + 1;
                out.cells.insert((row.unwrap_or(0), col), &inner[before..after]);
            }
            Event::End(e) if e.name().into_inner() == "c" => {
                if let Some((from, at)) = cell_start.take() {
                    out.cells.insert(at, &inner[from..after]);
                }
            }
            _ => {}
        }
    }
    Ok(out)
}

/// The `s` attribute of a cell element.
fn style_of(cell: &str) -> Option<String> {
    let mut reader = Reader::from_str(cell);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) if e.name().into_inner() == "c" => return attr(&e, "s"),
            Ok(Event::Eof) | Err(_) => return None,
            _ => {}
        }
    }
}

/// Compares one sheet before and after: outside the cells byte for byte; every row tag and
/// every cell not written the same; written cells keep their style. Returns the number of cells
/// found unchanged.
fn compare_sheet(before: &str, after: &str, writes: &HashMap<(u32, u32), &str>) -> Result<usize, String> {
    let a = split_sheet(before)?;
    let b = split_sheet(after)?;
    if a.outside != b.outside {
        return Err("the sheet's merged ranges, dropdowns, protection or layout changed".into());
    }
    for (r, tag) in &a.rows {
        if b.rows.get(r) != Some(tag) {
            return Err(format!("row {} changed", r + 1));
        }
    }
    let written_rows: HashSet<u32> = writes.keys().map(|(r, _)| *r).collect();
    if let Some(r) = b.rows.keys().find(|r| !a.rows.contains_key(r) && !written_rows.contains(r)) {
        return Err(format!("row {} was added", r + 1));
    }
    let mut same = 0;
    for (at, cell) in &a.cells {
        if writes.contains_key(at) {
            let now = b.cells.get(at).ok_or_else(|| format!("{} is missing", cell_name(at.0, at.1)))?;
            if style_of(cell) != style_of(now) {
                return Err(format!("{} lost its style", cell_name(at.0, at.1)));
            }
            continue;
        }
        if b.cells.get(at) != Some(cell) {
            return Err(format!("{} changed", cell_name(at.0, at.1)));
        }
        same += 1;
    }
    if let Some(at) = b.cells.keys().find(|at| !a.cells.contains_key(at) && !writes.contains_key(at)) {
        return Err(format!("{} was added", cell_name(at.0, at.1)));
    }
    Ok(same)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHEET: &str = r#"<worksheet><cols><col min="1" max="1" width="9"/></cols><sheetData><row r="1" spans="1:3"><c r="A1" t="s"><v>0</v></c><c r="C1" s="4"/></row><row r="2"><c r="A2"><f>1+1</f><v>2</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="A3:B3"/></mergeCells></worksheet>"#;

    fn writes(items: &[((u32, u32), &'static str)]) -> HashMap<(u32, u32), &'static str> {
        items.iter().copied().collect()
    }

    #[test]
    fn a_sheet_with_only_its_answer_cells_changed_passes() {
        let after = SHEET.replace(
            r#"<c r="C1" s="4"/>"#,
            r#"<c r="C1" s="4" t="inlineStr"><is><t xml:space="preserve">Yes</t></is></c>"#,
        );
        assert_eq!(compare_sheet(SHEET, &after, &writes(&[((0, 2), "Yes")])), Ok(2));
    }

    #[test]
    fn any_other_change_is_caught_and_named() {
        let check = |after: String, expected: &str| {
            assert_eq!(compare_sheet(SHEET, &after, &writes(&[((0, 2), "Yes")])).unwrap_err(), expected);
        };
        check(SHEET.replace("<f>1+1</f>", "<f>1+2</f>"), "A2 changed");
        check(
            SHEET.replace(r#"A3:B3"#, r#"A3:C3"#),
            "the sheet's merged ranges, dropdowns, protection or layout changed",
        );
        check(SHEET.replace(r#"<row r="2">"#, r#"<row r="2" hidden="1">"#), "row 2 changed");
        check(
            SHEET.replace(r#"<c r="C1" s="4"/>"#, r#"<c r="C1" t="inlineStr"><is><t>Yes</t></is></c>"#),
            "C1 lost its style",
        );
        check(
            SHEET.replace("</sheetData>", r#"<row r="9"><c r="A9"><v>1</v></c></row></sheetData>"#),
            "row 9 was added",
        );
    }
}
