//! The `.xlsx` package as a zip of XML parts: the one home of everything read from it besides
//! cell values (calamine reads those). Which part holds which sheet and whether the sheet is
//! hidden; the workbook's defined names; which cell styles are unlocked; and, per sheet, its
//! dropdowns (plain and Excel 2010 `x14` data validations), its formula cells, its protection and
//! its hidden columns. Zip bombs are refused from the declared sizes before anything inflates,
//! and every part is capped while it inflates.

use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

pub use super::{cell_name, column_name};
use crate::limits::{MAX_PART_BYTES, MAX_RATIO, MAX_UNZIPPED_BYTES};

/// A rectangle of cells, 0-based and inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rect {
    pub first_row: u32,
    pub first_col: u32,
    pub last_row: u32,
    pub last_col: u32,
}

impl Rect {
    pub fn contains(&self, row: u32, col: u32) -> bool {
        row >= self.first_row && row <= self.last_row && col >= self.first_col && col <= self.last_col
    }
}

/// Whether a sheet shows in the workbook's tabs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Visibility {
    #[default]
    Visible,
    /// `state="hidden"`: the user can unhide it from Excel's menu.
    Hidden,
    /// `state="veryHidden"`: only a macro can show it.
    VeryHidden,
}

/// One sheet of the workbook, in tab order.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetEntry {
    pub name: String,
    /// `xl/worksheets/sheet1.xml`
    pub path: String,
    pub visibility: Visibility,
}

/// Where a dropdown's values come from.
#[derive(Debug, Clone, PartialEq)]
pub enum ListSource {
    /// `"Yes,No,NA"`
    Literal(Vec<String>),
    /// `Lists!$A$1:$A$3`, or a range on the same sheet (`sheet` is `None`).
    Range { sheet: Option<String>, rect: Rect },
}

/// A list validation: the cells it applies to and where its values come from.
#[derive(Debug, Clone, PartialEq)]
pub struct Validation {
    pub applies_to: Vec<Rect>,
    pub source: ListSource,
}

/// What one sheet's XML says besides its values.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SheetMeta {
    pub validations: Vec<Validation>,
    /// Cells holding a formula, 0-based (row, col).
    pub formulas: HashSet<(u32, u32)>,
    /// The formula cells among them whose formula reads another sheet (`'Start Here'!C5`,
    /// `VLOOKUP(A5,Questions!A:B,2)`): copies of what is kept elsewhere.
    pub cross_sheet: HashSet<(u32, u32)>,
    /// `<sheetProtection sheet="1">`: locked cells cannot be edited.
    pub protected: bool,
    /// On a protected sheet: every cell present in the XML → whether its style unlocks it.
    pub cell_unlocked: HashMap<(u32, u32), bool>,
    /// On a protected sheet: rows and columns whose default style applies to their absent
    /// cells → whether it unlocks them.
    pub row_unlocked: HashMap<u32, bool>,
    pub col_unlocked: Vec<(u32, u32, bool)>,
    /// Hidden columns, as ranges (first, last), 0-based.
    pub hidden_cols: Vec<(u32, u32)>,
}

impl SheetMeta {
    /// A cell the workbook lets the user type into: not locked on a protected sheet.
    /// A cell's style decides; a cell absent from the XML takes its row's style, else its
    /// column's, else the default (locked).
    pub fn is_locked(&self, row: u32, col: u32) -> bool {
        if !self.protected {
            return false;
        }
        let unlocked = self
            .cell_unlocked
            .get(&(row, col))
            .or_else(|| self.row_unlocked.get(&row))
            .or_else(|| self.col_unlocked.iter().find(|&&(a, b, _)| col >= a && col <= b).map(|(_, _, u)| u))
            .copied()
            .unwrap_or(false);
        !unlocked
    }

    pub fn is_formula(&self, row: u32, col: u32) -> bool {
        self.formulas.contains(&(row, col))
    }

    /// A formula cell whose formula reads another sheet.
    pub fn reads_other_sheet(&self, row: u32, col: u32) -> bool {
        self.cross_sheet.contains(&(row, col))
    }

    pub fn is_hidden_col(&self, col: u32) -> bool {
        self.hidden_cols.iter().any(|&(a, b)| col >= a && col <= b)
    }
}

/// A problem reading the package: the reason, for the caller to wrap with the file name.
#[derive(Debug, Clone, PartialEq)]
pub enum PackageError {
    /// Not a zip, or a zip without a workbook.
    Corrupt(String),
    /// A part (or the whole) inflates past a limit: (what, limit).
    TooLarge(String, String),
}

impl std::fmt::Display for PackageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PackageError::Corrupt(reason) => f.write_str(reason),
            PackageError::TooLarge(what, limit) => write!(f, "{what} is over the limit of {limit}"),
        }
    }
}

/// An open `.xlsx` package.
pub struct Package<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    pub sheets: Vec<SheetEntry>,
    /// Defined names, lower-cased → formula text (`Values!$A$4:$A$5`).
    pub defined: HashMap<String, String>,
    /// Indexes of the cell styles (`cellXfs`) that unlock a cell.
    pub unlocked_styles: HashSet<u32>,
}

impl<'a> Package<'a> {
    /// Opens the package, refusing zip bombs from the declared sizes first.
    pub fn open(bytes: &'a [u8]) -> Result<Package<'a>, PackageError> {
        check_sizes(bytes)?;
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| PackageError::Corrupt(e.to_string()))?;
        let workbook = read_part(&mut zip, "xl/workbook.xml")?
            .ok_or_else(|| PackageError::Corrupt("no xl/workbook.xml: not an Excel workbook".into()))?;
        let rels = read_part(&mut zip, "xl/_rels/workbook.xml.rels")?.unwrap_or_default();
        let targets = relationship_targets(&rels);
        let (listed, defined) = workbook_sheets(&workbook);
        let sheets = listed
            .into_iter()
            .filter_map(|(name, rid, visibility)| {
                targets.get(&rid).map(|t| SheetEntry { name, path: resolve_target(t), visibility })
            })
            .collect();
        let styles = read_part(&mut zip, "xl/styles.xml")?.unwrap_or_default();
        Ok(Package { zip, sheets, defined, unlocked_styles: unlocked_styles(&styles) })
    }

    /// One part as UTF-8, or `None` when the package has no such part.
    pub fn part(&mut self, path: &str) -> Result<Option<String>, PackageError> {
        read_part(&mut self.zip, path)
    }

    /// What a sheet's XML says besides values (empty for a missing part).
    pub fn sheet_meta(&mut self, sheet: &SheetEntry) -> Result<SheetMeta, PackageError> {
        let Some(xml) = self.part(&sheet.path)? else { return Ok(SheetMeta::default()) };
        Ok(scan_sheet(&xml, &self.defined, &self.unlocked_styles))
    }

    /// The sheet's entry by name.
    pub fn sheet(&self, name: &str) -> Option<&SheetEntry> {
        self.sheets.iter().find(|s| s.name == name)
    }

    /// The zip itself, for copying parts.
    pub fn zip(&mut self) -> &mut zip::ZipArchive<Cursor<&'a [u8]>> {
        &mut self.zip
    }
}

/// Refuses a package whose parts would inflate past the limits (a zip bomb), from the sizes the
/// package declares, before anything is inflated.
pub fn check_sizes(bytes: &[u8]) -> Result<(), PackageError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| PackageError::Corrupt(e.to_string()))?;
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(|e| PackageError::Corrupt(e.to_string()))?;
        let size = entry.size();
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        total = total.saturating_add(size);
        if size > MAX_PART_BYTES {
            return Err(PackageError::TooLarge(
                format!("part {name}, inflated ({} MB)", size / 1_000_000),
                format!("{} MB", MAX_PART_BYTES / (1024 * 1024)),
            ));
        }
        let ratio = size / entry.compressed_size().max(1);
        if size > 1_000_000 && ratio > MAX_RATIO {
            return Err(PackageError::TooLarge(
                format!("part {name}, compressed {ratio}:1 (a zip bomb?)"),
                format!("{MAX_RATIO}:1"),
            ));
        }
    }
    if total > MAX_UNZIPPED_BYTES {
        return Err(PackageError::TooLarge(
            format!("the workbook, inflated ({} MB)", total / 1_000_000),
            format!("{} MB", MAX_UNZIPPED_BYTES / (1024 * 1024)),
        ));
    }
    Ok(())
}

/// Reads one entry, refusing it once it inflates past `limit` bytes.
pub fn read_entry_limited(entry: impl Read, limit: u64) -> Result<Vec<u8>, PackageError> {
    let mut out = Vec::new();
    entry.take(limit + 1).read_to_end(&mut out).map_err(|e| PackageError::Corrupt(e.to_string()))?;
    if out.len() as u64 > limit {
        return Err(PackageError::TooLarge(
            "a part of the workbook, inflated".into(),
            format!("{} MB", limit / (1024 * 1024)),
        ));
    }
    Ok(out)
}

/// Reads one zip part as UTF-8, capped at [`MAX_PART_BYTES`].
pub fn read_part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, path: &str) -> Result<Option<String>, PackageError> {
    let entry = match zip.by_name(path) {
        Ok(entry) => entry,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(PackageError::Corrupt(e.to_string())),
    };
    let bytes = read_entry_limited(entry, MAX_PART_BYTES)?;
    String::from_utf8(bytes).map(Some).map_err(|_| PackageError::Corrupt(format!("{path} is not UTF-8")))
}

fn local(name: &str) -> &str {
    match name.rfind(':') {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

/// An attribute's value by its local name (`r:id` matches `id`).
pub fn attr(e: &BytesStart, key: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| local(a.key.into_inner()) == key)
        .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
}

fn entity(name: &str) -> Option<char> {
    match name {
        "quot" => Some('"'),
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "apos" => Some('\''),
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix('x') {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

/// `worksheets/sheet1.xml` → `xl/worksheets/sheet1.xml`; `/xl/...` stays absolute.
pub fn resolve_target(target: &str) -> String {
    match target.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None => format!("xl/{target}"),
    }
}

/// `rId` → target of `xl/_rels/workbook.xml.rels`.
pub fn relationship_targets(rels: &str) -> HashMap<String, String> {
    let mut out = HashMap::new();
    let mut reader = Reader::from_str(rels);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) if local(e.name().into_inner()) == "Relationship" => {
                if let (Some(id), Some(target)) = (attr(&e, "Id"), attr(&e, "Target")) {
                    out.insert(id, target);
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

/// A sheet as the workbook part lists it: (name, relationship id, visibility).
pub type ListedSheet = (String, String, Visibility);

/// Sheets (name, rId, visibility) in tab order, and the workbook's defined names
/// (lower-cased name → formula). A name scoped to one sheet (`localSheetId`) does not replace a
/// global one of the same name.
pub fn workbook_sheets(xml: &str) -> (Vec<ListedSheet>, HashMap<String, String>) {
    let mut sheets = Vec::new();
    let mut defined = HashMap::new();
    let mut reader = Reader::from_str(xml);
    let mut in_defined: Option<(String, bool)> = None;
    let mut text = String::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) if local(e.name().into_inner()) == "sheet" => {
                if let (Some(name), Some(rid)) = (attr(&e, "name"), attr(&e, "id")) {
                    let visibility = match attr(&e, "state").as_deref() {
                        Some("hidden") => Visibility::Hidden,
                        Some("veryHidden") => Visibility::VeryHidden,
                        _ => Visibility::Visible,
                    };
                    sheets.push((name, rid, visibility));
                }
            }
            Ok(Event::Start(e)) if local(e.name().into_inner()) == "definedName" => {
                in_defined = attr(&e, "name").map(|n| (n, attr(&e, "localSheetId").is_some()));
                text.clear();
            }
            Ok(Event::Text(t)) if in_defined.is_some() => text.push_str(&t.xml10_content()),
            Ok(Event::GeneralRef(r)) if in_defined.is_some() => {
                if let Some(c) = entity(&r.xml10_content()) {
                    text.push(c);
                }
            }
            Ok(Event::End(e)) if local(e.name().into_inner()) == "definedName" => {
                if let Some((name, scoped)) = in_defined.take() {
                    let key = name.to_lowercase();
                    if !scoped || !defined.contains_key(&key) {
                        defined.insert(key, text.clone());
                    }
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    (sheets, defined)
}

/// The `cellXfs` indexes whose `<protection locked="0">` unlocks a cell.
pub fn unlocked_styles(xml: &str) -> HashSet<u32> {
    let mut out = HashSet::new();
    let mut reader = Reader::from_str(xml);
    let mut in_cell_xfs = false;
    let mut index: u32 = 0;
    let mut current: Option<u32> = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => match local(e.name().into_inner()) {
                "cellXfs" => in_cell_xfs = true,
                "xf" if in_cell_xfs => {
                    current = Some(index);
                    index += 1;
                }
                "protection" if current.is_some() => {
                    if matches!(attr(&e, "locked").as_deref(), Some("0") | Some("false")) {
                        out.insert(current.expect("in an xf"));
                    }
                }
                _ => {}
            },
            Ok(Event::Empty(e)) => match local(e.name().into_inner()) {
                "xf" if in_cell_xfs => index += 1,
                "protection" if current.is_some() => {
                    if matches!(attr(&e, "locked").as_deref(), Some("0") | Some("false")) {
                        out.insert(current.expect("in an xf"));
                    }
                }
                _ => {}
            },
            Ok(Event::End(e)) => match local(e.name().into_inner()) {
                "cellXfs" => in_cell_xfs = false,
                "xf" => current = None,
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

/// One pass over a worksheet's XML: validations, formula cells, protection, unlocked cells and
/// hidden columns.
pub fn scan_sheet(xml: &str, defined: &HashMap<String, String>, unlocked: &HashSet<u32>) -> SheetMeta {
    let mut meta = SheetMeta::default();
    // Cells by style, resolved against `unlocked` once protection is known (it comes after
    // sheetData in the XML).
    let mut styled_cells: Vec<(u32, u32, u32)> = Vec::new();
    let mut styled_rows: Vec<(u32, u32)> = Vec::new();
    let mut styled_cols: Vec<(u32, u32, u32)> = Vec::new();
    let mut reader = Reader::from_str(xml);
    let mut row: u32 = 0;
    let mut last_row: Option<u32> = None;
    let mut next_col: u32 = 0;
    let mut cell: Option<(u32, u32)> = None;
    // (is list, sqref attribute) of the validation being read; its formula1 and `xm:sqref` text.
    let mut validation: Option<(bool, Option<String>)> = None;
    let mut formula = String::new();
    let mut sqref_text = String::new();
    let mut reading: Option<&'static str> = None;
    // A cell's own formula: its text, its shared-formula index, and each shared formula's
    // reach (a dependent cell carries only the index).
    let mut cell_formula = CellFormula::default();
    loop {
        let event = match reader.read_event() {
            Ok(Event::Eof) | Err(_) => break,
            Ok(e) => e,
        };
        let empty = matches!(event, Event::Empty(_));
        match event {
            Event::Start(e) | Event::Empty(e) => match local(e.name().into_inner()) {
                "row" => {
                    row = attr(&e, "r")
                        .and_then(|r| r.parse::<u32>().ok())
                        .map_or(last_row.map_or(0, |r| r + 1), |r| r.max(1) - 1);
                    last_row = Some(row);
                    next_col = 0;
                    if attr(&e, "customFormat").as_deref() == Some("1") {
                        if let Some(s) = attr(&e, "s").and_then(|s| s.parse().ok()) {
                            styled_rows.push((row, s));
                        }
                    }
                }
                "c" => {
                    let col = attr(&e, "r").and_then(|r| parse_cell(&r)).map_or(next_col, |(_, c)| c);
                    next_col = col + 1;
                    styled_cells.push((row, col, attr(&e, "s").and_then(|s| s.parse().ok()).unwrap_or(0)));
                    if !empty {
                        cell = Some((row, col));
                    }
                }
                "f" if cell.is_some() && validation.is_none() => {
                    let at = cell.expect("in a cell");
                    meta.formulas.insert(at);
                    cell_formula.open(at, attr(&e, "si"), empty, &mut meta.cross_sheet);
                    if !empty {
                        reading = Some("cell formula");
                    }
                }
                "col" => read_col(&e, &mut meta.hidden_cols, &mut styled_cols),
                "sheetProtection" => {
                    meta.protected = matches!(attr(&e, "sheet").as_deref(), Some("1") | Some("true"));
                }
                "dataValidation" if !empty => {
                    let is_list = attr(&e, "type").as_deref() == Some("list");
                    validation = Some((is_list, attr(&e, "sqref")));
                    formula.clear();
                    sqref_text.clear();
                }
                "formula1" if validation.is_some() => reading = Some("formula"),
                "f" if validation.is_some() && reading.is_none() => reading = Some("formula"),
                "sqref" if validation.is_some() => reading = Some("sqref"),
                _ => {}
            },
            Event::Text(t) => {
                let text = t.xml10_content();
                match reading {
                    Some("formula") => formula.push_str(&text),
                    Some("sqref") => sqref_text.push_str(&text),
                    Some("cell formula") => cell_formula.text.push_str(&text),
                    _ => {}
                }
            }
            Event::GeneralRef(r) => {
                if let Some(c) = entity(&r.xml10_content()) {
                    match reading {
                        Some("formula") => formula.push(c),
                        Some("sqref") => sqref_text.push(c),
                        Some("cell formula") => cell_formula.text.push(c),
                        _ => {}
                    }
                }
            }
            Event::End(e) => match local(e.name().into_inner()) {
                "c" => cell = None,
                "formula1" | "sqref" => reading = None,
                "f" if reading == Some("formula") => reading = None,
                "f" if reading == Some("cell formula") => {
                    cell_formula.close(&mut meta.cross_sheet);
                    reading = None;
                }
                "dataValidation" => {
                    if let Some((true, sqref)) = validation.take() {
                        let sqref = sqref.unwrap_or_else(|| sqref_text.clone());
                        meta.validations.extend(list_validation(&sqref, formula.trim(), defined));
                    }
                    reading = None;
                }
                _ => {}
            },
            _ => {}
        }
    }
    if meta.protected {
        meta.cell_unlocked = styled_cells.iter().map(|&(r, c, s)| ((r, c), unlocked.contains(&s))).collect();
        meta.row_unlocked = styled_rows.iter().map(|&(r, s)| (r, unlocked.contains(&s))).collect();
        meta.col_unlocked = styled_cols.iter().map(|&(a, b, s)| (a, b, unlocked.contains(&s))).collect();
    }
    meta
}

/// A `<col min max hidden style>` element: hidden columns, and the style its absent cells take.
fn read_col(e: &BytesStart, hidden: &mut Vec<(u32, u32)>, styled: &mut Vec<(u32, u32, u32)>) {
    let min = attr(e, "min").and_then(|v| v.parse::<u32>().ok()).unwrap_or(1).max(1) - 1;
    let max = attr(e, "max").and_then(|v| v.parse::<u32>().ok()).unwrap_or(min + 1).max(1) - 1;
    if matches!(attr(e, "hidden").as_deref(), Some("1") | Some("true")) {
        hidden.push((min, max));
    }
    if let Some(s) = attr(e, "style").and_then(|s| s.parse().ok()) {
        styled.push((min, max, s));
    }
}

/// A list validation over the ranges of `sqref` whose values `formula` gives; `None` when it
/// covers no range or its list cannot be read.
fn list_validation(sqref: &str, formula: &str, defined: &HashMap<String, String>) -> Option<Validation> {
    let applies_to: Vec<Rect> = sqref.split_whitespace().filter_map(parse_range).collect();
    let source = list_source(formula, defined)?;
    (!applies_to.is_empty()).then_some(Validation { applies_to, source })
}

/// The formula of the cell being read, for [`scan_sheet`]: whether it reads another sheet.
#[derive(Default)]
struct CellFormula {
    at: (u32, u32),
    shared_index: Option<String>,
    text: String,
    /// Shared formulas by index → whether the master's formula reads another sheet.
    shared: HashMap<String, bool>,
}

impl CellFormula {
    /// An `<f>` opens in cell `at`; an empty one (`<f t="shared" si="0"/>`) is a dependent of a
    /// shared formula and reaches as far as its master.
    fn open(&mut self, at: (u32, u32), shared_index: Option<String>, empty: bool, cross: &mut HashSet<(u32, u32)>) {
        if empty {
            if shared_index.and_then(|i| self.shared.get(&i).copied()).unwrap_or(false) {
                cross.insert(at);
            }
            return;
        }
        self.at = at;
        self.shared_index = shared_index;
        self.text.clear();
    }

    fn close(&mut self, cross: &mut HashSet<(u32, u32)>) {
        let reads = reads_other_sheet(&self.text);
        if reads {
            cross.insert(self.at);
        }
        match self.shared_index.take() {
            Some(i) if !self.text.trim().is_empty() => {
                self.shared.insert(i, reads);
            }
            Some(i) if reads || self.shared.get(&i).copied().unwrap_or(false) => {
                cross.insert(self.at);
            }
            _ => {}
        }
    }
}

/// Whether a formula reads another sheet: a `Sheet!A1` or `'Sheet name'!A1` reference outside
/// its string literals.
pub fn reads_other_sheet(formula: &str) -> bool {
    let mut in_string = false;
    for c in formula.chars() {
        match c {
            '"' => in_string = !in_string,
            '!' if !in_string => return true,
            _ => {}
        }
    }
    false
}

fn list_source(formula: &str, defined: &HashMap<String, String>) -> Option<ListSource> {
    let f = formula.trim().trim_start_matches('=');
    if let Some(inner) = f.strip_prefix('"').and_then(|s| s.strip_suffix('"')) {
        let values: Vec<String> = inner.split(',').map(|v| v.trim().to_string()).filter(|v| !v.is_empty()).collect();
        return (!values.is_empty()).then_some(ListSource::Literal(values));
    }
    let (sheet, range) = match f.rsplit_once('!') {
        Some((sheet, range)) => (Some(sheet.trim_matches('\'').replace("''", "'")), range),
        None => (None, f),
    };
    if let Some(rect) = parse_range(range) {
        return Some(ListSource::Range { sheet, rect });
    }
    // A defined name: follow it once.
    let target = defined.get(&f.to_lowercase())?;
    if target.trim_start_matches('=') == f {
        return None;
    }
    list_source(target, &HashMap::new())
}

/// `C3:C263`, `$A$1:$A$3`, `B7`, `N1:XFD1048576` → a rectangle (never expanded into cells).
pub fn parse_range(text: &str) -> Option<Rect> {
    let text = text.replace('$', "");
    let (a, b) = match text.split_once(':') {
        Some((a, b)) => (a.to_string(), b.to_string()),
        None => (text.clone(), text.clone()),
    };
    // Whole columns (`C:C`) and whole rows (`3:3`).
    let whole_col = |s: &str| (!s.is_empty() && s.chars().all(|c| c.is_ascii_alphabetic())).then(|| col_index(s));
    if let (Some(Some(c1)), Some(Some(c2))) = (whole_col(&a), whole_col(&b)) {
        return Some(Rect { first_row: 0, first_col: c1.min(c2), last_row: 1_048_575, last_col: c1.max(c2) });
    }
    let (r1, c1) = parse_cell(&a)?;
    let (r2, c2) = parse_cell(&b)?;
    Some(Rect { first_row: r1.min(r2), first_col: c1.min(c2), last_row: r1.max(r2), last_col: c1.max(c2) })
}

fn col_index(letters: &str) -> Option<u32> {
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    let mut col: u32 = 0;
    for c in letters.chars() {
        col = col * 26 + (c.to_ascii_uppercase() as u32 - 'A' as u32 + 1);
    }
    Some(col - 1)
}

/// `C3` → (row 2, col 2), 0-based.
pub fn parse_cell(text: &str) -> Option<(u32, u32)> {
    let text = text.trim();
    let letters: String = text.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    let digits = &text[letters.len()..];
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let col = col_index(&letters)?;
    let row: u32 = digits.parse().ok()?;
    (row >= 1).then_some((row - 1, col))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_names_round_trip() {
        for (name, pos) in [("A1", (0, 0)), ("C3", (2, 2)), ("Z10", (9, 25)), ("AA1", (0, 26)), ("XFD7", (6, 16383))] {
            assert_eq!(parse_cell(name), Some(pos), "{name}");
            assert_eq!(cell_name(pos.0, pos.1), name);
        }
        assert_eq!(parse_cell("3C"), None);
        assert_eq!(column_name(7), "H");
    }

    #[test]
    fn huge_and_whole_column_ranges_stay_rectangles() {
        assert_eq!(
            parse_range("N1:XFD1048576"),
            Some(Rect { first_row: 0, first_col: 13, last_row: 1_048_575, last_col: 16_383 })
        );
        assert_eq!(parse_range("C:C"), Some(Rect { first_row: 0, first_col: 2, last_row: 1_048_575, last_col: 2 }));
    }

    #[test]
    fn plain_and_x14_validations_are_read() {
        let xml = r#"<worksheet xmlns:x14="x" xmlns:xm="m"><dataValidations count="2">
            <dataValidation type="list" allowBlank="1" sqref="C3:C263"><formula1>"Yes,No,NA"</formula1></dataValidation>
            <dataValidation type="whole" sqref="E3"><formula1>1</formula1></dataValidation>
            </dataValidations><extLst><ext><x14:dataValidations count="1">
            <x14:dataValidation type="list"><x14:formula1><xm:f>'My Lists'!$A$1:$A$3</xm:f></x14:formula1><xm:sqref>D5:D9 F5</xm:sqref></x14:dataValidation>
            </x14:dataValidations></ext></extLst></worksheet>"#;
        let v = scan_sheet(xml, &HashMap::new(), &HashSet::new()).validations;
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].source, ListSource::Literal(vec!["Yes".into(), "No".into(), "NA".into()]));
        assert_eq!(v[0].applies_to, vec![Rect { first_row: 2, first_col: 2, last_row: 262, last_col: 2 }]);
        assert_eq!(
            v[1].source,
            ListSource::Range {
                sheet: Some("My Lists".into()),
                rect: Rect { first_row: 0, first_col: 0, last_row: 2, last_col: 0 }
            }
        );
        assert_eq!(v[1].applies_to.len(), 2);
    }

    #[test]
    fn defined_names_are_followed() {
        let mut defined = HashMap::new();
        defined.insert("answers".to_string(), "Lists!$B$1:$B$4".to_string());
        let xml = r#"<worksheet><dataValidations><dataValidation type="list" sqref="C2"><formula1>Answers</formula1></dataValidation></dataValidations></worksheet>"#;
        let v = scan_sheet(xml, &defined, &HashSet::new()).validations;
        assert!(matches!(&v[0].source, ListSource::Range { sheet: Some(s), .. } if s == "Lists"));
    }

    #[test]
    fn formulas_protection_and_unlocked_cells_are_found() {
        let xml = r#"<worksheet><cols><col min="8" max="13" hidden="1"/></cols><sheetData>
            <row r="2"><c r="A2" t="str"><f>Questions!B2</f><v>Is it?</v></c><c r="C2" s="3"/><c r="D2" s="1"/></row>
            <row r="3" s="3" customFormat="1"><c r="A3"><v>1</v></c></row>
            </sheetData><sheetProtection sheet="1" objects="1"/></worksheet>"#;
        let unlocked: HashSet<u32> = [3].into_iter().collect();
        let meta = scan_sheet(xml, &HashMap::new(), &unlocked);
        assert!(meta.is_formula(1, 0));
        assert!(meta.reads_other_sheet(1, 0));
        assert!(!meta.is_formula(1, 2));
        assert!(meta.protected);
        assert!(!meta.is_locked(1, 2), "C2 has an unlocking style");
        assert!(meta.is_locked(1, 3), "D2 keeps the default lock");
        assert!(meta.is_locked(1, 4), "an absent cell takes the default style");
        assert!(meta.is_locked(2, 0), "A3 has its own (default) style");
        assert!(meta.is_hidden_col(7) && meta.is_hidden_col(12) && !meta.is_hidden_col(6));
    }

    #[test]
    fn formulas_reading_another_sheet_are_told_from_the_sheets_own() {
        let xml = r#"<worksheet><sheetData>
            <row r="1"><c r="A1" t="str"><f>IF(1=1,"Yes!","")</f><v>Yes!</v></c><c r="B1" t="str"><f>'Start Here'!C5&amp;""</f><v>No</v></c></row>
            <row r="2"><c r="A2" t="str"><f t="shared" ref="A2:A3" si="0">Lists!A1</f><v>Yes</v></c><c r="B2" t="str"><f t="shared" ref="B2:B3" si="1">C2</f><v>x</v></c></row>
            <row r="3"><c r="A3" t="str"><f t="shared" si="0"/><v>No</v></c><c r="B3" t="str"><f t="shared" si="1"/><v>y</v></c></row>
            </sheetData></worksheet>"#;
        let meta = scan_sheet(xml, &HashMap::new(), &HashSet::new());
        let reads = |r, c| meta.reads_other_sheet(r, c);
        assert!(!reads(0, 0), "a `!` inside a string is no sheet");
        assert!(reads(0, 1) && reads(1, 0) && reads(2, 0), "a quoted sheet name, a shared master and its dependent");
        assert!(!reads(1, 1) && !reads(2, 1) && meta.is_formula(2, 1));
        assert!(reads_other_sheet("VLOOKUP($A22,Questions!$A$2:$X$333,2,0)"));
    }

    #[test]
    fn cell_styles_unlock_by_protection_element() {
        let xml = r#"<styleSheet><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs><cellXfs count="3">
            <xf numFmtId="0"/><xf numFmtId="0" applyProtection="1"><protection locked="0"/></xf><xf numFmtId="1"/>
            </cellXfs></styleSheet>"#;
        assert_eq!(unlocked_styles(xml), [1].into_iter().collect());
    }

    #[test]
    fn sheet_state_and_scoped_names_are_read() {
        let xml = r#"<workbook><sheets><sheet name="Q" sheetId="1" r:id="rId1"/><sheet name="Bank" sheetId="2" state="hidden" r:id="rId2"/><sheet name="Score" sheetId="3" state="veryHidden" r:id="rId3"/></sheets>
            <definedNames><definedName name="YesNo">Values!$A$4:$A$5</definedName><definedName name="YesNo" localSheetId="0">Q!$Z$1</definedName></definedNames></workbook>"#;
        let (sheets, defined) = workbook_sheets(xml);
        assert_eq!(
            sheets.iter().map(|s| s.2).collect::<Vec<_>>(),
            vec![Visibility::Visible, Visibility::Hidden, Visibility::VeryHidden]
        );
        assert_eq!(defined.get("yesno").map(String::as_str), Some("Values!$A$4:$A$5"));
    }
}
