//! The file work the browser's second module does, as requests and replies: the page sends a
//! [`Request`] (JSON) with a file's bytes, the worker answers with a [`Reply`] (JSON) and bytes
//! (a written file, an engine snapshot). One definition for both sides: the page builds core
//! without `files` and sees only these types; the worker runs [`run`].
//!
//! Work travels without its original file (`Work::original` is empty in the JSON): the
//! original is the request's bytes, so that a large workbook is not base64-encoded twice.

use serde::{Deserialize, Serialize};

use crate::crosswalk::Crosswalk;
use crate::export::Summary;
use crate::library::Library;
use crate::pack::PostureFile;
use crate::posture::Posture;
use crate::questionnaire::{ImportOptions, Questionnaire};
use crate::workspace::Work;

/// What the page asks of the worker; the file (or the work's original file) is sent beside it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "job", rename_all = "kebab-case")]
pub enum Request {
    /// A file given to the Questionnaire page: identified, then imported (a questionnaire) or
    /// read (an answer pack); anything else is refused by name.
    Open { name: String },
    /// The questionnaire imported again with the user's corrections.
    Import { name: String, options: ImportOptions },
    /// What an export of `work` into its original file would write.
    Plan { work: Work },
    /// The original file with the answers written in and checked.
    Export { work: Work },
    /// The reviewed drafts as CSV, or as JSON.
    Drafts { work: Work, json: bool },
    /// An answer pack of the approved answers with the posture (`None`: the embedded default).
    Pack { work: Work, posture: Option<Vec<PostureFile>>, vendor: String, today: String },
    /// A crosswalk file.
    Crosswalk { name: String },
    /// An answer library file (JSON or CSV), given on the Library page.
    Library { name: String },
    /// The library as CSV.
    LibraryCsv { library: Library },
    /// Posture files given on the Posture page, their bytes one after the other (`sizes`):
    /// each identified and read, then all parsed, for the report.
    ReadPosture { names: Vec<String>, sizes: Vec<usize> },
    /// The engine over `files` (`None`: the embedded default's pages), as a snapshot the page
    /// opens; `work` opened from an answer pack is checked against the pages.
    Build { files: Option<Vec<PostureFile>>, work: Option<Work> },
    /// Work opened from an answer pack (saved before packs were checked on opening) checked
    /// against the pack's pages.
    Check { files: Vec<PostureFile>, work: Work },
    /// The embedded default's pages (pages added to the default keep it).
    DefaultPages,
}

/// What the worker answers; bytes go beside it where said.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "reply", rename_all = "kebab-case")]
pub enum Reply {
    /// An imported questionnaire (the page keeps the original file it sent).
    Questionnaire {
        questionnaire: Questionnaire,
    },
    /// An answer pack: its posture pages, and its answers as work to open.
    Pack {
        posture: Vec<PostureFile>,
        work: Work,
    },
    Plan {
        summary: Summary,
    },
    /// A file to offer (its bytes beside), what was written and what the check after writing
    /// found.
    File {
        name: String,
        mime: String,
        summary: Option<Summary>,
        verified: Option<String>,
    },
    Crosswalk {
        crosswalk: Crosswalk,
    },
    Library {
        library: Library,
    },
    /// Posture files read: the pages, the files refused (each message names the file), and the
    /// pages parsed.
    Posture {
        files: Vec<PostureFile>,
        refused: Vec<String>,
        posture: Posture,
    },
    /// An engine snapshot (bytes beside) with its size, and the pack's work checked.
    Engine {
        pages: usize,
        rows: usize,
        work: Option<Work>,
    },
    /// The work checked against its pack's pages.
    Checked {
        work: Work,
    },
    Pages {
        files: Vec<PostureFile>,
    },
    /// The file or the work could not be used; the message names the file.
    Error {
        message: String,
    },
}

#[cfg(feature = "files")]
pub use run::run;

#[cfg(feature = "files")]
mod run {
    use super::{Reply, Request};
    use crate::engine::Engine;
    use crate::identify::{self, FileKind, Place};
    use crate::library::Library;
    use crate::pack::{self, AnswerPack, PostureFile};
    use crate::posture::{self, Posture};
    use crate::workspace::Work;
    use crate::{crosswalk, export, questionnaire};

    /// Does `request` with `bytes`; `progress` hears each step of a long one ("Indexing 10,000
    /// rows…"). The reply's bytes are empty unless the reply says otherwise.
    pub fn run(request: Request, bytes: Vec<u8>, progress: &mut dyn FnMut(String)) -> (Reply, Vec<u8>) {
        let error = |message: String| (Reply::Error { message }, Vec::new());
        let with_original = |mut work: Work| {
            work.original = bytes.clone();
            work
        };
        match request {
            Request::Open { name } => match identify::accept(Place::Questionnaire, &name, &bytes) {
                Err(e) => error(e.to_string()),
                Ok(FileKind::AnswerPack) => match AnswerPack::from_json(&name, &bytes) {
                    Ok(p) => (Reply::Pack { work: p.to_work(&name), posture: p.posture }, Vec::new()),
                    Err(e) => error(e.to_string()),
                },
                Ok(_) => import(&name, &bytes, &Default::default()),
            },
            Request::Import { name, options } => import(&name, &bytes, &options),
            Request::Plan { work } => match with_original(work).plan() {
                Ok(plan) => (Reply::Plan { summary: plan.summary }, Vec::new()),
                Err(e) => error(e.to_string()),
            },
            Request::Export { work } => match with_original(work).export_original() {
                Ok(e) => {
                    let mime = if e.name.ends_with(".csv") { "text/csv" } else { XLSX };
                    let verified = e.verified.as_ref().map(|v| v.sentence());
                    let reply = Reply::File { name: e.name, mime: mime.into(), summary: Some(e.summary), verified };
                    (reply, e.bytes)
                }
                Err(e) => error(e.to_string()),
            },
            Request::Drafts { work, json } => {
                let drafts = work.reviewed_drafts();
                let (name, mime, text) = if json {
                    (work.answered_name("json"), "application/json", export::drafts_json(&drafts))
                } else {
                    (
                        format!("{}-drafts.csv", work.answered_name("x").trim_end_matches("-answered.x")),
                        "text/csv",
                        export::drafts_csv(&drafts),
                    )
                };
                file(name, mime, text.into_bytes())
            }
            Request::Pack { work, posture, vendor, today } => {
                let pages = posture.unwrap_or_else(default_pages);
                let pack = AnswerPack::from_work(&work, pages, &vendor, &today);
                if pack.answers.is_empty() {
                    return error("An answer pack holds approved answers: approve some first.".into());
                }
                let stem = work.answered_name("x");
                let name = format!("{}.trustdraft-pack.json", stem.trim_end_matches("-answered.x"));
                file(name, "application/json", pack.to_json().into_bytes())
            }
            Request::Crosswalk { name } => match crosswalk::load_crosswalk(&name, &bytes) {
                Ok(crosswalk) => (Reply::Crosswalk { crosswalk }, Vec::new()),
                Err(e) => error(e.to_string()),
            },
            Request::Library { name } => {
                if let Err(e) = identify::accept(Place::Library, &name, &bytes) {
                    return error(e.to_string());
                }
                let text = String::from_utf8_lossy(&bytes).into_owned();
                let parsed = if name.to_lowercase().ends_with(".json") || text.trim_start().starts_with('{') {
                    Library::from_json(&name, &text)
                } else {
                    Library::from_csv(&name, &text)
                };
                match parsed {
                    Ok(library) => (Reply::Library { library }, Vec::new()),
                    Err(e) => error(e.to_string()),
                }
            }
            Request::LibraryCsv { library } => {
                file("trustdraft-library.csv".into(), "text/csv", library.to_csv().into_bytes())
            }
            Request::ReadPosture { names, sizes } => {
                let mut files = Vec::new();
                let mut refused = Vec::new();
                let mut rest = bytes.as_slice();
                for (name, size) in names.into_iter().zip(sizes) {
                    let (this, tail) = rest.split_at(size.min(rest.len()));
                    rest = tail;
                    match identify::accept(Place::Posture, &name, this) {
                        Err(e) => refused.push(e.to_string()),
                        Ok(_) => match posture::read_file(&name, this) {
                            Ok(text) => files.push(PostureFile { name, text }),
                            Err(e) => refused.push(e),
                        },
                    }
                }
                let posture = parsed(&files, &mut |n| format!("Parsing {n} page{}…", plural(n)), progress);
                (Reply::Posture { files, refused, posture }, Vec::new())
            }
            Request::Build { files, work } => {
                let files = files.unwrap_or_else(default_pages);
                let step = &mut |n| format!("Reading the posture: parsing {n} page{}…", plural(n));
                let posture = parsed(&files, step, progress);
                let rows = posture.rows.len();
                progress(format!("Reading the posture: indexing {rows} row{}…", plural(rows)));
                let engine = match Engine::new(posture) {
                    Ok(engine) => engine,
                    Err(e) => return error(format!("the posture could not be indexed: {e}")),
                };
                let work = work.map(|mut w| {
                    if w.pack.as_ref().is_some_and(|p| p.check.is_none()) {
                        pack::check_work(&mut w, &files, &engine.posture, &engine.catalog);
                    }
                    w
                });
                let (pages, rows) = (engine.posture.pages.len(), engine.posture.rows.len());
                match engine.to_snapshot() {
                    Ok(snapshot) => (Reply::Engine { pages, rows, work }, snapshot),
                    Err(e) => error(format!("the posture could not be saved for the page: {e}")),
                }
            }
            Request::Check { files, mut work } => {
                let posture = parsed(&files, &mut |_| "Reading the pack's posture…".into(), progress);
                pack::check_work(&mut work, &files, &posture, &crate::Catalog::embedded());
                (Reply::Checked { work }, Vec::new())
            }
            Request::DefaultPages => (Reply::Pages { files: default_pages() }, Vec::new()),
        }
    }

    const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    fn file(name: String, mime: &str, bytes: Vec<u8>) -> (Reply, Vec<u8>) {
        (Reply::File { name, mime: mime.into(), summary: None, verified: None }, bytes)
    }

    fn import(name: &str, bytes: &[u8], options: &questionnaire::ImportOptions) -> (Reply, Vec<u8>) {
        match questionnaire::import_with(name, bytes, options) {
            Ok(questionnaire) => (Reply::Questionnaire { questionnaire }, Vec::new()),
            Err(e) => (Reply::Error { message: e.to_string() }, Vec::new()),
        }
    }

    fn default_pages() -> Vec<PostureFile> {
        posture::DEFAULT_PAGES.iter().map(|(n, t)| PostureFile { name: n.to_string(), text: t.to_string() }).collect()
    }

    thread_local! {
        /// The pages parsed last (Posture page: read for the report, then used): not parsed twice.
        static LAST: std::cell::RefCell<Option<(Vec<PostureFile>, Posture)>> = const { std::cell::RefCell::new(None) };
    }

    fn plural(n: usize) -> &'static str {
        if n == 1 {
            ""
        } else {
            "s"
        }
    }

    /// `files` parsed (the step said to `progress`, `step` given the number of pages), or the
    /// posture parsed from the same files last time.
    fn parsed(
        files: &[PostureFile],
        step: &mut dyn FnMut(usize) -> String,
        progress: &mut dyn FnMut(String),
    ) -> Posture {
        if let Some(p) = LAST.with(|l| l.borrow().as_ref().filter(|(f, _)| f == files).map(|(_, p)| p.clone())) {
            return p;
        }
        progress(step(files.len()));
        let posture = Posture::from_pages(files.iter().map(|f| (f.name.as_str(), f.text.as_str())));
        LAST.with(|l| *l.borrow_mut() = Some((files.to_vec(), posture.clone())));
        posture
    }
}

#[cfg(all(test, feature = "files"))]
mod tests {
    use super::*;
    use crate::Engine;

    fn go(request: Request, bytes: &[u8]) -> (Reply, Vec<u8>) {
        run(request, bytes.to_vec(), &mut |_| {})
    }

    #[test]
    fn a_questionnaire_is_imported_and_a_wrong_file_refused_by_name() {
        let (reply, _) = go(Request::Open { name: "q.csv".into() }, b"id,question\nQ1,Is data encrypted at rest?\n");
        let Reply::Questionnaire { questionnaire } = reply else { panic!("{reply:?}") };
        assert_eq!(questionnaire.questions[0].text, "Is data encrypted at rest?");
        let (reply, _) = go(Request::Open { name: "a.pdf".into() }, b"%PDF-1.7 ...");
        let Reply::Error { message } = reply else { panic!("{reply:?}") };
        assert!(message.starts_with("a.pdf: "), "{message}");
    }

    #[test]
    fn requests_and_replies_round_trip_as_json() {
        let request = Request::Build { files: None, work: None };
        let text = serde_json::to_string(&request).unwrap();
        assert_eq!(text, r#"{"job":"build","files":null,"work":null}"#);
        assert_eq!(serde_json::from_str::<Request>(&text).unwrap(), request);
    }

    #[test]
    fn an_export_writes_the_original_sent_beside_the_work() {
        let original = b"id,question\nQ1,Is data encrypted at rest?\nQ2,Do you have CCTV?\n".to_vec();
        let q = crate::questionnaire::import("q.csv", &original).unwrap();
        let engine = Engine::embedded_default().unwrap();
        let mut work = Work::new("q.csv", Vec::new(), Default::default(), q.clone());
        work.push_drafts(engine.draft_questionnaire(&q, None));
        let json = serde_json::to_string(&Request::Export { work }).unwrap();
        let (reply, bytes) = go(serde_json::from_str(&json).unwrap(), &original);
        let Reply::File { name, summary, .. } = reply else { panic!("{reply:?}") };
        assert_eq!(name, "q-answered.csv");
        assert_eq!(summary.unwrap().answered, 1);
        assert!(String::from_utf8(bytes).unwrap().starts_with("id,question,Answer,Comments\n"));
    }

    #[test]
    fn a_built_posture_opens_on_the_page_and_answers_as_built() {
        let page = "# Northwind — ISO/IEC 27001:2022\n| Ref | Requirement | Status | How |\n|---|---|---|---|\n| A.8.24 | Cryptography | Met | AES-256 at rest |\n";
        let files = vec![PostureFile { name: "n.md".into(), text: page.into() }];
        let mut steps = Vec::new();
        let (reply, snapshot) =
            run(Request::Build { files: Some(files), work: None }, Vec::new(), &mut |s| steps.push(s));
        assert_eq!(reply, Reply::Engine { pages: 1, rows: 1, work: None });
        assert_eq!(steps, ["Reading the posture: parsing 1 page…", "Reading the posture: indexing 1 row…"]);
        let opened = Engine::from_snapshot(&snapshot).unwrap();
        let built = Engine::new(Posture::from_pages([("n.md", page)])).unwrap();
        let q = "Is data encrypted at rest?";
        assert_eq!(opened.draft_text(q), built.draft_text(q));
    }
}
