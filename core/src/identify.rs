//! What kind of file this is, decided once, from its name and content, before anything is read
//! into the work: an answer pack, an answer library, a workbook or a text table (what a
//! questionnaire is), or a posture page. Each place that takes files ([`Place`]) accepts some
//! kinds and refuses the others by name, saying where the file belongs, so that a wrong file
//! never replaces the work.

use serde::de::IgnoredAny;
use serde::Deserialize;

use crate::model::PACK_FORMAT;

/// What a file is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileKind {
    /// JSON naming the answer pack format.
    AnswerPack,
    /// An answer library: JSON with library entries, or CSV with the library's columns.
    Library,
    /// A spreadsheet package or binary workbook (`.xlsx`, `.xls`, `.ods` …).
    Workbook,
    /// Delimited text or any other file the importers judge themselves (CSV, TSV, plain text).
    Table,
    /// An HTML or markdown page.
    PosturePage,
    /// Something none of these is: what it is, in words.
    Other(String),
}

impl FileKind {
    /// The kind in words, after "this is".
    pub fn describe(&self) -> String {
        match self {
            FileKind::AnswerPack => "an answer pack".into(),
            FileKind::Library => "an answer library".into(),
            FileKind::Workbook => "a spreadsheet workbook".into(),
            FileKind::Table => "a table of text".into(),
            FileKind::PosturePage => "a posture page".into(),
            FileKind::Other(what) => what.clone(),
        }
    }
}

/// Where a file is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// The Questionnaire page: a questionnaire or an answer pack.
    Questionnaire,
    /// The Library page's import: an answer library (JSON or CSV).
    Library,
    /// The Posture page: posture pages.
    Posture,
}

impl Place {
    fn accepts(self, kind: &FileKind) -> bool {
        match self {
            Place::Questionnaire => matches!(kind, FileKind::AnswerPack | FileKind::Workbook | FileKind::Table),
            Place::Library => matches!(kind, FileKind::Library | FileKind::Table | FileKind::Workbook),
            // A Statement of Applicability is a spreadsheet: a workbook or a table of text.
            Place::Posture => matches!(kind, FileKind::PosturePage | FileKind::Table | FileKind::Workbook),
        }
    }

    /// What belongs here, in words.
    fn wants(self) -> &'static str {
        match self {
            Place::Questionnaire => "a questionnaire (.xlsx, .csv …) or an answer pack",
            Place::Library => "an answer library (.json or .csv) or a filled questionnaire (.xlsx, .csv …)",
            Place::Posture => "a posture page (.md, .txt, .html) or a Statement of Applicability (.xlsx, .ods, .csv)",
        }
    }
}

/// A file given where it does not belong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WrongFile {
    /// `hint` says where the file does belong (`; open it on the Questionnaire page`), if anywhere.
    #[error("{file}: this is {found}, not {wanted}{hint}")]
    Refused { file: String, found: String, wanted: String, hint: String },
}

/// The kind of `bytes`, a file named `name`.
pub fn identify(name: &str, bytes: &[u8]) -> FileKind {
    let lower = name.to_lowercase();
    let body = skip_bom_and_space(bytes);
    let json_named = lower.ends_with(".json");
    if json_named || body.starts_with(b"{") || body.starts_with(b"[") {
        if let Some(kind) = json_kind(body, json_named) {
            return kind;
        }
    }
    if crate::magic::is_workbook(bytes) {
        return FileKind::Workbook;
    }
    if [".html", ".htm", ".xhtml", ".md", ".markdown"].iter().any(|e| lower.ends_with(e)) {
        return FileKind::PosturePage;
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
    if crate::html::is_html("", &head) {
        return FileKind::PosturePage;
    }
    if is_library_csv(&head) {
        return FileKind::Library;
    }
    FileKind::Table
}

/// The kind of a file given at `place`, or why it does not belong there.
pub fn accept(place: Place, name: &str, bytes: &[u8]) -> Result<FileKind, WrongFile> {
    let kind = identify(name, bytes);
    if place.accepts(&kind) {
        return Ok(kind);
    }
    let hint = match kind {
        FileKind::AnswerPack => "; open it on the Questionnaire page",
        FileKind::Library => "; import it on the Library page",
        FileKind::Workbook => "; open a questionnaire on the Questionnaire page",
        FileKind::PosturePage => "; load it on the Posture page",
        FileKind::Table | FileKind::Other(_) => "",
    };
    Err(WrongFile::Refused {
        file: name.to_string(),
        found: kind.describe(),
        wanted: place.wants().to_string(),
        hint: hint.into(),
    })
}

fn skip_bom_and_space(bytes: &[u8]) -> &[u8] {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(bytes.len());
    &bytes[start..]
}

/// The top of a JSON document: only what tells packs and libraries apart.
#[derive(Deserialize)]
struct Top {
    #[serde(default)]
    format: Option<serde_json::Value>,
    #[serde(default)]
    entries: Option<IgnoredAny>,
}

/// The kind of a JSON file; `None` when it is not JSON and its name does not say it is.
fn json_kind(body: &[u8], json_named: bool) -> Option<FileKind> {
    // Packs this app writes name their format at the top: no need to read 50 MB to know.
    let head = String::from_utf8_lossy(&body[..body.len().min(400)]);
    let names_pack = head.match_indices("\"format\"").any(|(at, key)| {
        let rest = head[at + key.len()..].trim_start();
        rest.strip_prefix(':').is_some_and(|v| v.trim_start().starts_with(&format!("\"{PACK_FORMAT}\"")))
    });
    if body.starts_with(b"{") && names_pack {
        return Some(FileKind::AnswerPack);
    }
    let not_ours = "a JSON file that is neither an answer pack nor an answer library";
    if body.len() > crate::limits::MAX_PACK_BYTES && body.starts_with(b"{") {
        // Not read to find out: larger than any pack or library is allowed to be.
        let mb = crate::limits::MAX_PACK_BYTES / (1024 * 1024);
        return Some(FileKind::Other(format!(
            "a JSON file of {:.1} MB, over the limit of {mb} MB for an answer pack or library",
            body.len() as f64 / 1e6
        )));
    }
    match serde_json::from_slice::<serde_json::Value>(body) {
        Ok(serde_json::Value::Object(_)) => {
            let top: Top = serde_json::from_slice(body).ok()?;
            Some(match top.format.as_ref().and_then(|f| f.as_str()) {
                Some(PACK_FORMAT) => FileKind::AnswerPack,
                _ if top.entries.is_some() => FileKind::Library,
                _ => FileKind::Other(not_ours.into()),
            })
        }
        Ok(_) => Some(FileKind::Other(not_ours.into())),
        Err(_) if json_named => Some(FileKind::Other("a file named .json that holds no JSON".into())),
        Err(_) => None,
    }
}

/// A CSV whose header has the library's columns (`question`, `answer`, `text`, and one of
/// `citations`, `approved`, `source`), as [`crate::library::Library::to_csv`] writes it.
fn is_library_csv(head: &str) -> bool {
    let Some(first) = head.trim_start_matches('\u{feff}').lines().next() else { return false };
    let columns: Vec<String> = first.split(',').map(|c| c.trim().trim_matches('"').to_lowercase()).collect();
    let has = |name: &str| columns.iter().any(|c| c == name);
    has("question") && has("answer") && has("text") && (has("citations") || has("approved") || has("source"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_told_apart_by_content_and_name() {
        let cases: &[(&str, &[u8], FileKind)] = &[
            ("p.json", b"{\n  \"format\": \"trustdraft-answer-pack\",\n  \"version\": 1 }", FileKind::AnswerPack),
            ("renamed.txt", b"{\"version\": 1, \"format\": \"trustdraft-answer-pack\"}", FileKind::AnswerPack),
            ("compact.json", b"{\"format\":\"trustdraft-answer-pack\",\"version\":1}", FileKind::AnswerPack),
            ("lib.json", b"{\"version\": 1, \"entries\": []}", FileKind::Library),
            ("lib.csv", b"question,answer,choice,text,citations,approved,source\n", FileKind::Library),
            ("q.csv", b"id,question\nQ1,Is data encrypted?\n", FileKind::Table),
            ("q.xlsx", b"PK\x03\x04rest", FileKind::Workbook),
            ("page.md", b"# Acme\n| Ref | Status |\n", FileKind::PosturePage),
            ("page", b"<!doctype html><h1>Acme</h1>", FileKind::PosturePage),
            (
                "list.json",
                b"[1,2,3]",
                FileKind::Other("a JSON file that is neither an answer pack nor an answer library".into()),
            ),
            (
                "x.csv",
                b"[1,2,3]",
                FileKind::Other("a JSON file that is neither an answer pack nor an answer library".into()),
            ),
            (
                "work.json",
                b"{\"version\": 1, \"questionnaire\": {}}",
                FileKind::Other("a JSON file that is neither an answer pack nor an answer library".into()),
            ),
            ("notes.json", b"just some words", FileKind::Other("a file named .json that holds no JSON".into())),
            ("draft.csv", b"[Draft] id,question\nQ1,Is data encrypted?\n", FileKind::Table),
        ];
        for (name, bytes, kind) in cases {
            assert_eq!(&identify(name, bytes), kind, "{name}");
        }
    }

    #[test]
    fn a_file_in_the_wrong_place_is_refused_by_name_with_where_it_belongs() {
        let err = |place, name: &str, bytes: &[u8]| accept(place, name, bytes).unwrap_err().to_string();
        assert_eq!(
            err(Place::Questionnaire, "not-a-pack.json", b"[1,2,3]"),
            "not-a-pack.json: this is a JSON file that is neither an answer pack nor an answer library, not a questionnaire (.xlsx, .csv …) or an answer pack"
        );
        assert_eq!(
            err(Place::Questionnaire, "lib.json", b"{\"version\": 1, \"entries\": []}"),
            "lib.json: this is an answer library, not a questionnaire (.xlsx, .csv …) or an answer pack; import it on the Library page"
        );
        assert_eq!(
            err(Place::Library, "p.json", b"{\"format\": \"trustdraft-answer-pack\"}"),
            "p.json: this is an answer pack, not an answer library (.json or .csv) or a filled questionnaire (.xlsx, .csv …); open it on the Questionnaire page"
        );
        assert_eq!(
            err(Place::Posture, "p.json", b"{\"format\": \"trustdraft-answer-pack\"}"),
            "p.json: this is an answer pack, not a posture page (.md, .txt, .html) or a Statement of Applicability (.xlsx, .ods, .csv); open it on the Questionnaire page"
        );
        assert_eq!(accept(Place::Posture, "soa.xlsx", b"PK\x03\x04"), Ok(FileKind::Workbook));
        assert_eq!(accept(Place::Questionnaire, "q.csv", b"id,question\n"), Ok(FileKind::Table));
        assert_eq!(accept(Place::Posture, "p.html", b"<h1>x</h1>"), Ok(FileKind::PosturePage));
    }
}
