//! Reading a file's bytes into grids of cell text: one per sheet, merged cells carried to every
//! cell they cover, plus each sheet's dropdown (data-validation) lists.

use std::io::{Cursor, Read};

use calamine::{Data, Reader, SheetVisible, Xlsx};

pub use super::package::Rect;
use super::package::{self, ListSource, Package, PackageError, SheetMeta, Visibility};
use super::QuestionnaireError;
use crate::magic::{magic, Magic};

/// One sheet as text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Grid {
    pub name: String,
    /// Hidden or very hidden in the workbook's tabs.
    pub hidden: bool,
    pub visibility: Visibility,
    /// `cells[row][col]`, from A1, trimmed; merged regions carry the top-left value; a formula
    /// cell holds its cached value.
    pub cells: Vec<Vec<String>>,
    pub merged: Vec<Rect>,
    /// Dropdown lists: the cells they apply to and the allowed values.
    pub validations: Vec<(Vec<Rect>, Vec<String>)>,
    /// What the sheet's XML says besides values: formula cells, protection, hidden columns.
    pub meta: SheetMeta,
}

impl Grid {
    /// A sheet of plain values (CSV, or a workbook format read without its XML).
    pub fn plain(name: &str, cells: Vec<Vec<String>>) -> Grid {
        Grid { name: name.to_string(), cells, ..Grid::default() }
    }

    pub fn cell(&self, row: u32, col: u32) -> &str {
        self.cells.get(row as usize).and_then(|r| r.get(col as usize)).map(String::as_str).unwrap_or("")
    }

    pub fn rows(&self) -> u32 {
        self.cells.len() as u32
    }

    /// The number of columns in use.
    pub fn width(&self) -> u32 {
        self.cells.iter().map(|r| r.len()).max().unwrap_or(0) as u32
    }

    /// The allowed values of the dropdown on a cell, if it has one.
    pub fn choices_at(&self, row: u32, col: u32) -> Option<&[String]> {
        self.validations
            .iter()
            .find(|(rects, _)| rects.iter().any(|r| r.contains(row, col)))
            .map(|(_, values)| values.as_slice())
    }

    /// A cell holding a formula (its text is the cached value).
    pub fn is_formula(&self, row: u32, col: u32) -> bool {
        self.meta.is_formula(row, col)
    }

    /// A cell the workbook lets the user type into, and that we may therefore write: not a
    /// formula, not locked on a protected sheet, not on a hidden sheet.
    pub fn is_writable(&self, row: u32, col: u32) -> bool {
        !self.hidden && !self.meta.is_formula(row, col) && !self.meta.is_locked(row, col)
    }
}

/// What kind of file the bytes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Xlsx,
    /// Legacy `.xls`, `.ods`, `.xlsb`: read by calamine, without dropdowns or merges.
    OtherWorkbook,
    Csv,
}

/// Decides from the first bytes (not the name) what a file is; names only break ties for text.
pub fn sniff(file: &str, bytes: &[u8]) -> Result<FileKind, QuestionnaireError> {
    let not_a_spreadsheet =
        |what: &str| QuestionnaireError::NotASpreadsheet { file: file.to_string(), what: what.to_string() };
    if bytes.is_empty() {
        return Err(QuestionnaireError::Empty { file: file.to_string() });
    }
    match magic(bytes) {
        Some(Magic::Zip) => {
            let lower = file.to_lowercase();
            if lower.ends_with(".ods") || lower.ends_with(".xlsb") {
                return Ok(FileKind::OtherWorkbook);
            }
            return Ok(FileKind::Xlsx);
        }
        Some(Magic::Ole) => return Ok(FileKind::OtherWorkbook),
        Some(Magic::Pdf) => return Err(not_a_spreadsheet("a PDF document")),
        Some(Magic::Png) => return Err(not_a_spreadsheet("a PNG image")),
        Some(Magic::Jpeg) => return Err(not_a_spreadsheet("a JPEG image")),
        Some(Magic::Gif) => return Err(not_a_spreadsheet("a GIF image")),
        Some(Magic::Gzip) => return Err(not_a_spreadsheet("a gzip archive")),
        Some(Magic::Rtf) => return Err(not_a_spreadsheet("an RTF document")),
        None => {}
    }
    let head = &bytes[..bytes.len().min(512)];
    let text_like = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) || !head.contains(&0);
    if !text_like {
        return Err(not_a_spreadsheet("a binary file"));
    }
    let lower_head = String::from_utf8_lossy(head).to_lowercase();
    if lower_head.trim_start().starts_with("<!doctype html") || lower_head.trim_start().starts_with("<html") {
        return Err(not_a_spreadsheet("an HTML page"));
    }
    Ok(FileKind::Csv)
}

/// Decodes CSV bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252.
pub fn decode_text(bytes: &[u8]) -> String {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return text.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0.into_owned(),
    }
}

/// Picks the delimiter that splits the first lines most evenly: `,` `;` tab or `|`.
fn sniff_delimiter(text: &str) -> u8 {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).take(10).collect();
    let count = |line: &str, d: char| {
        let mut n = 0;
        let mut quoted = false;
        for c in line.chars() {
            if c == '"' {
                quoted = !quoted;
            } else if c == d && !quoted {
                n += 1;
            }
        }
        n
    };
    [',', ';', '\t', '|']
        .into_iter()
        .max_by_key(|&d| {
            let first = lines.first().map_or(0, |l| count(l, d));
            let consistent = lines.iter().filter(|l| count(l, d) == first).count();
            (first > 0, consistent, first)
        })
        .map(|d| d as u8)
        .unwrap_or(b',')
}

/// Reads a CSV file into one grid named after the file.
pub fn read_csv(file: &str, bytes: &[u8]) -> Result<Vec<Grid>, QuestionnaireError> {
    let text = decode_text(bytes);
    let delimiter = sniff_delimiter(&text);
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes());
    let mut cells = Vec::new();
    for (i, record) in reader.records().take(crate::limits::MAX_ROWS as usize).enumerate() {
        let record = record.map_err(|e| QuestionnaireError::BadRow {
            file: file.to_string(),
            sheet: file.to_string(),
            row: i as u32 + 1,
            reason: e.to_string(),
        })?;
        cells.push(record.iter().map(|c| c.trim().to_string()).collect());
    }
    let name = file.rsplit(['/', '\\']).next().unwrap_or(file).to_string();
    Ok(vec![Grid::plain(&name, cells)])
}

fn data_text(value: &Data) -> String {
    match value {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => {
            if *b {
                "TRUE".into()
            } else {
                "FALSE".into()
            }
        }
        Data::DateTime(d) => d.to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// The cells of one xlsx sheet, streamed: calamine's `worksheet_range` allocates the whole
/// rectangle up to the last used cell, so a single cell at XFD1048576 asks for 550 GB. Rows past
/// [`MAX_ROWS`](crate::limits::MAX_ROWS) and columns past
/// [`MAX_COLUMNS`](crate::limits::MAX_COLUMNS) are not read; a sheet spanning more than
/// [`MAX_SHEET_CELLS`](crate::limits::MAX_SHEET_CELLS) cells is refused.
fn read_xlsx_cells<RS: Read + std::io::Seek>(
    workbook: &mut Xlsx<RS>,
    file: &str,
    sheet: &str,
) -> Result<Vec<Vec<String>>, QuestionnaireError> {
    use crate::limits::{MAX_COLUMNS, MAX_ROWS, MAX_SHEET_CELLS};
    let bad = |e: calamine::XlsxError| QuestionnaireError::BadSheet {
        file: file.to_string(),
        sheet: sheet.to_string(),
        reason: e.to_string(),
    };
    let mut reader = workbook.worksheet_cells_reader(sheet).map_err(bad)?;
    let mut cells: Vec<Vec<String>> = Vec::new();
    let mut spanned = 0usize;
    while let Some(cell) = reader.next_cell().map_err(bad)? {
        let (row, col) = cell.get_position();
        if row >= MAX_ROWS || col >= MAX_COLUMNS {
            continue;
        }
        let text = data_text(&Data::from(cell.get_value().clone()));
        if text.is_empty() {
            continue;
        }
        let (r, c) = (row as usize, col as usize);
        if cells.len() <= r {
            cells.resize(r + 1, Vec::new());
        }
        let line = &mut cells[r];
        if line.len() <= c {
            spanned += c + 1 - line.len();
            if spanned > MAX_SHEET_CELLS {
                return Err(QuestionnaireError::TooLarge {
                    file: file.to_string(),
                    what: format!("sheet {sheet}"),
                    limit: format!("{MAX_SHEET_CELLS} cells spanned by one sheet"),
                });
            }
            line.resize(c + 1, String::new());
        }
        line[c] = text;
    }
    Ok(cells)
}

fn range_to_cells(range: &calamine::Range<Data>) -> Vec<Vec<String>> {
    let Some((start_row, start_col)) = range.start() else { return Vec::new() };
    let (height, width) = range.get_size();
    // Past the row limit nothing is read (the import then reports how many questions it has).
    let height = height.min(crate::limits::MAX_ROWS as usize);
    let width = width.min(16_384);
    let mut cells = vec![Vec::new(); start_row as usize + height];
    for (r, row) in range.rows().take(height).enumerate() {
        let Some(out) = cells.get_mut(start_row as usize + r) else { break };
        out.resize(start_col as usize + width, String::new());
        for (c, value) in row.iter().take(width).enumerate() {
            out[start_col as usize + c] = data_text(value);
        }
    }
    cells
}

fn carry_merged(cells: &mut [Vec<String>], merged: &[Rect]) {
    for m in merged {
        let value =
            cells.get(m.first_row as usize).and_then(|r| r.get(m.first_col as usize)).cloned().unwrap_or_default();
        if value.is_empty() {
            continue;
        }
        for row in m.first_row..=m.last_row {
            let Some(r) = cells.get_mut(row as usize) else { break };
            if r.len() <= m.last_col as usize {
                r.resize(m.last_col as usize + 1, String::new());
            }
            for col in m.first_col..=m.last_col {
                if r[col as usize].is_empty() {
                    r[col as usize] = value.clone();
                }
            }
        }
    }
}

fn package_error(file: &str, e: PackageError) -> QuestionnaireError {
    match e {
        PackageError::Corrupt(reason) => QuestionnaireError::Corrupt { file: file.to_string(), reason },
        PackageError::TooLarge(what, limit) => QuestionnaireError::TooLarge { file: file.to_string(), what, limit },
    }
}

/// Refuses a workbook whose parts would inflate past the limits (a zip bomb), from the sizes
/// the package declares, before anything is inflated.
pub fn check_package(file: &str, bytes: &[u8]) -> Result<(), QuestionnaireError> {
    package::check_sizes(bytes).map_err(|e| package_error(file, e))
}

/// Reads any spreadsheet the product accepts, by what its bytes are: `.xlsx`, `.xls`/`.ods`/
/// `.xlsb`, or CSV text.
pub fn read_any(file: &str, bytes: &[u8]) -> Result<Vec<Grid>, QuestionnaireError> {
    match sniff(file, bytes)? {
        FileKind::Xlsx => read_xlsx(file, bytes),
        FileKind::OtherWorkbook => read_other_workbook(file, bytes),
        FileKind::Csv => read_csv(file, bytes),
    }
}

/// Reads every sheet of an `.xlsx` workbook: values by calamine (formula cells by their cached
/// value), the rest (visibility, dropdowns, formulas, protection) from the package's XML.
pub fn read_xlsx(file: &str, bytes: &[u8]) -> Result<Vec<Grid>, QuestionnaireError> {
    let mut package = Package::open(bytes).map_err(|e| package_error(file, e))?;
    let corrupt = |reason: String| QuestionnaireError::Corrupt { file: file.to_string(), reason };
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| corrupt(e.to_string()))?;
    let sheets = workbook.sheets_metadata().to_vec();
    let mut grids = Vec::new();
    let mut sources: Vec<Vec<package::Validation>> = Vec::new();
    for sheet in &sheets {
        let mut cells = read_xlsx_cells(&mut workbook, file, &sheet.name)?;
        let merged: Vec<Rect> = match workbook.merge_cells_by_sheet_name(&sheet.name) {
            Ok(dims) => dims
                .iter()
                .map(|d| Rect { first_row: d.start.0, first_col: d.start.1, last_row: d.end.0, last_col: d.end.1 })
                .collect(),
            _ => Vec::new(),
        };
        carry_merged(&mut cells, &merged);
        let entry = package.sheet(&sheet.name).cloned();
        let mut meta = match &entry {
            Some(entry) => package.sheet_meta(entry).map_err(|e| package_error(file, e))?,
            None => SheetMeta::default(),
        };
        sources.push(std::mem::take(&mut meta.validations));
        let visibility = match (&entry, sheet.visible) {
            (Some(e), _) => e.visibility,
            (None, SheetVisible::Visible) => Visibility::Visible,
            (None, SheetVisible::Hidden) => Visibility::Hidden,
            (None, SheetVisible::VeryHidden) => Visibility::VeryHidden,
        };
        grids.push(Grid {
            name: sheet.name.clone(),
            hidden: visibility != Visibility::Visible,
            visibility,
            cells,
            merged,
            validations: Vec::new(),
            meta,
        });
    }
    // Dropdowns: literal lists, or ranges (possibly on another, hidden sheet) read from the grids.
    for (i, validations) in sources.into_iter().enumerate() {
        let resolved: Vec<(Vec<Rect>, Vec<String>)> = validations
            .into_iter()
            .filter_map(|v| {
                let values = list_values(&grids, &grids[i].name, &v.source);
                (!values.is_empty()).then_some((v.applies_to, values))
            })
            .collect();
        grids[i].validations = resolved;
    }
    Ok(grids)
}

/// The values a dropdown offers, read from its list or its range (capped by
/// [`MAX_LIST_CELLS`](crate::limits::MAX_LIST_CELLS)), without blanks or repeats.
fn list_values(grids: &[Grid], own_sheet: &str, source: &ListSource) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    match source {
        ListSource::Literal(values) => out.extend(values.iter().cloned()),
        ListSource::Range { sheet, rect } => {
            let name = sheet.as_deref().unwrap_or(own_sheet);
            let Some(g) = grids.iter().find(|g| g.name == name) else { return out };
            let mut seen = 0usize;
            'rows: for row in rect.first_row..=rect.last_row.min(g.rows().saturating_sub(1)) {
                for col in rect.first_col..=rect.last_col {
                    seen += 1;
                    if seen > crate::limits::MAX_LIST_CELLS {
                        break 'rows;
                    }
                    let value = g.cell(row, col);
                    if !value.is_empty() && !out.iter().any(|v| v == value) {
                        out.push(value.to_string());
                    }
                    if col as usize >= g.cells.get(row as usize).map_or(0, |r| r.len()) {
                        break;
                    }
                }
            }
        }
    }
    out
}

/// Reads `.xls`, `.ods` or `.xlsb` values (no dropdowns, no merged regions).
pub fn read_other_workbook(file: &str, bytes: &[u8]) -> Result<Vec<Grid>, QuestionnaireError> {
    if crate::magic::is_zip(bytes) {
        check_package(file, bytes)?;
    }
    let mut workbook = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| QuestionnaireError::Corrupt { file: file.to_string(), reason: e.to_string() })?;
    let sheets = workbook.sheets_metadata().to_vec();
    let mut grids = Vec::new();
    for sheet in sheets {
        let range = workbook.worksheet_range(&sheet.name).map_err(|e| QuestionnaireError::BadSheet {
            file: file.to_string(),
            sheet: sheet.name.clone(),
            reason: e.to_string(),
        })?;
        let visibility = match sheet.visible {
            SheetVisible::Visible => Visibility::Visible,
            SheetVisible::Hidden => Visibility::Hidden,
            SheetVisible::VeryHidden => Visibility::VeryHidden,
        };
        grids.push(Grid {
            hidden: visibility != Visibility::Visible,
            visibility,
            ..Grid::plain(&sheet.name, range_to_cells(&range))
        });
    }
    Ok(grids)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiters_are_sniffed() {
        assert_eq!(sniff_delimiter("a;b;c\n1;2;3\n"), b';');
        assert_eq!(sniff_delimiter("id,question\nQ1,\"Is it; really?\"\n"), b',');
        assert_eq!(sniff_delimiter("a\tb\n1\t2\n"), b'\t');
    }

    #[test]
    fn text_is_decoded_from_utf16_and_windows_1252() {
        assert_eq!(decode_text(&[0xEF, 0xBB, 0xBF, b'h', b'i']), "hi");
        assert_eq!(decode_text(&[0xFF, 0xFE, b'h', 0, b'i', 0]), "hi");
        assert_eq!(decode_text(b"caf\xe9"), "café");
    }

    #[test]
    fn files_are_told_apart_by_their_bytes() {
        assert_eq!(sniff("x.xlsx", b"PK\x03\x04rest").unwrap(), FileKind::Xlsx);
        assert_eq!(sniff("x.csv", b"id,question\n").unwrap(), FileKind::Csv);
        assert_eq!(
            sniff("report.xlsx", b"%PDF-1.7 ...").unwrap_err().to_string(),
            "report.xlsx: this is a PDF document, not a spreadsheet (.xlsx or .csv)"
        );
        assert_eq!(sniff("e.csv", b"").unwrap_err().to_string(), "e.csv: the file is empty");
    }

    #[test]
    fn merged_values_are_carried_to_every_cell() {
        let mut cells = vec![vec!["x".to_string(), "CEK-03".into()], vec!["y".into(), String::new()]];
        carry_merged(&mut cells, &[Rect { first_row: 0, first_col: 1, last_row: 1, last_col: 1 }]);
        assert_eq!(cells[1][1], "CEK-03");
    }
}
