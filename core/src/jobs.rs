//! The file work the browser's second module does, as requests and replies: the page sends a
//! [`Request`] (JSON) with a file's bytes, the worker answers with a [`Reply`] (JSON) and bytes
//! (a written file, an engine snapshot). One definition for both sides: the page builds core
//! without `files` and sees only these types; the worker runs [`run`].
//!
//! Work travels without its original file (`Work::original` is empty in the JSON): the
//! original is the request's bytes, so that a large workbook is not base64-encoded twice.
//!
//! An export crosses once: [`Request::Plan`] keeps the plan it makes, with the work and the
//! original it was made from, under the token the page names, and [`Request::Write`] writes
//! the file from that plan with nothing else sent. The worker keeps only the latest plan, and
//! gives it up once written; a worker that does not keep the plan named (it was restarted, or
//! planned again since) answers [`Reply::NotKept`], and the page sends the work again with
//! [`Request::Export`], which plans and writes in one job.

use serde::{Deserialize, Serialize};

use crate::crosswalk::Crosswalk;
use crate::export::Summary;
pub use crate::library::Contribution;
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
    /// What an export of `work` into its original file would write; the plan is kept, with the
    /// work and its original, under `token` (a later plan replaces it).
    Plan { work: Work, token: u64 },
    /// The original file written from the plan kept under `token`, and checked; no file is sent.
    Write { token: u64 },
    /// The original file with the answers written in and checked: planned and written at once.
    Export { work: Work },
    /// The reviewed drafts as CSV, or as JSON.
    Drafts { work: Work, json: bool },
    /// An answer pack of the approved answers with the posture (`None`: the embedded default).
    Pack { work: Work, posture: Option<Vec<PostureFile>>, vendor: String, today: String },
    /// A crosswalk file.
    Crosswalk { name: String },
    /// A source of earlier answers given on the Library page: an answer library (JSON or CSV)
    /// or a filled questionnaire. `scope` names the product its answers were given for (`None`:
    /// as recorded, a questionnaire's file name); `today` is recorded on a questionnaire's
    /// entries.
    Library {
        name: String,
        #[serde(default)]
        scope: Option<String>,
        #[serde(default)]
        today: String,
    },
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
    /// The entries a source gives, and what it contributed.
    Library {
        library: Library,
        #[serde(default)]
        contribution: Contribution,
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
    /// No plan is kept under the token a [`Request::Write`] named: send the work again.
    NotKept,
    /// The file or the work could not be used; the message names the file.
    Error {
        message: String,
    },
}

impl Reply {
    /// What kind of reply this is, as it is tagged in JSON (`plan`, `file`, …): how the page
    /// names a reply it did not ask for, without linking a `Debug` of every reply's contents.
    pub fn kind(&self) -> &'static str {
        match self {
            Reply::Questionnaire { .. } => "questionnaire",
            Reply::Pack { .. } => "pack",
            Reply::Plan { .. } => "plan",
            Reply::File { .. } => "file",
            Reply::Crosswalk { .. } => "crosswalk",
            Reply::Library { .. } => "library",
            Reply::Posture { .. } => "posture",
            Reply::Engine { .. } => "engine",
            Reply::Checked { .. } => "checked",
            Reply::Pages { .. } => "pages",
            Reply::NotKept => "not-kept",
            Reply::Error { .. } => "error",
        }
    }
}

#[cfg(feature = "files")]
pub use run::run;

// The file work the CLI does itself, as the worker's jobs do it: the same functions, one door.
#[cfg(feature = "files")]
pub use crate::crosswalk::load_crosswalk;
#[cfg(feature = "files")]
pub use crate::eval::{score_drafts, score_mapping, DraftReport, MappingReport};
#[cfg(feature = "files")]
pub use crate::export::drafts_csv;
#[cfg(feature = "files")]
pub use crate::identify::{identify, FileKind};
#[cfg(feature = "files")]
pub use crate::library::read_source;
#[cfg(feature = "files")]
pub use crate::posture::{decode_page, read_file};
#[cfg(feature = "files")]
pub use crate::questionnaire::{import, import_with};

/// How long each part of building the default posture's engine takes, timed by `now` (ms), as
/// JSON: `{ posture, catalog, index, prepared, total }` (what a posture the user loads costs).
#[cfg(feature = "files")]
pub fn profile_build(now: impl Fn() -> f64) -> Result<String, String> {
    let t0 = now();
    let posture = crate::Posture::embedded_default();
    let t1 = now();
    let catalog = crate::Catalog::embedded();
    let t2 = now();
    let _index = crate::SearchIndex::build(&posture, &catalog).map_err(|e| e.to_string())?;
    let t3 = now();
    let _prepared = crate::draft::Prepared::new(&posture, &mut crate::search::analyzer());
    let t4 = now();
    Ok(format!(
        r#"{{"posture":{},"catalog":{},"index":{},"prepared":{},"total":{}}}"#,
        t1 - t0,
        t2 - t1,
        t3 - t2,
        t4 - t3,
        t4 - t0
    ))
}

#[cfg(feature = "files")]
mod run {
    use std::cell::RefCell;

    use super::{Reply, Request};
    use crate::engine::Engine;
    use crate::export::{ExportError, Plan};
    use crate::identify::{self, FileKind, Place};
    use crate::pack::{self, AnswerPack, PostureFile};
    use crate::posture::{self, Posture};
    use crate::workspace::{Exported, Work};
    use crate::{crosswalk, export, questionnaire};

    /// A reply and the bytes beside it.
    type Replied = (Reply, Vec<u8>);

    /// Does `request` with `bytes`; `progress` hears each step of a long one ("Indexing 10,000
    /// rows…"). The reply's bytes are empty unless the reply says otherwise.
    pub fn run(request: Request, bytes: Vec<u8>, progress: &mut dyn FnMut(String)) -> Replied {
        let with_original = |work: Work| Work { original: bytes.clone(), ..work };
        match request {
            Request::Open { name } => open(&name, &bytes),
            Request::Import { name, options } => import(&name, &bytes, &options),
            Request::Plan { work, token } => plan(with_original(work), token),
            Request::Write { token } => write(token),
            Request::Export { work } => exported(with_original(work).export_original()),
            Request::Drafts { work, json } => drafts(&work, json),
            Request::Pack { work, posture, vendor, today } => answer_pack(&work, posture, &vendor, &today),
            Request::Crosswalk { name } => match crosswalk::load_crosswalk(&name, &bytes) {
                Ok(crosswalk) => (Reply::Crosswalk { crosswalk }, Vec::new()),
                Err(e) => error(e.to_string()),
            },
            Request::Library { name, scope, today } => library(&name, &bytes, scope.as_deref(), &today),
            Request::LibraryCsv { library } => {
                file("trustdraft-library.csv".into(), "text/csv", library.to_csv().into_bytes())
            }
            Request::ReadPosture { names, sizes } => read_posture(names, sizes, &bytes, progress),
            Request::Build { files, work } => build(files, work, progress),
            Request::Check { files, mut work } => {
                let posture = parsed(&files, &mut |_| "Reading the pack's posture…".into(), progress);
                pack::check_work(&mut work, &files, &posture, &crate::Catalog::embedded());
                (Reply::Checked { work }, Vec::new())
            }
            Request::DefaultPages => (Reply::Pages { files: default_pages() }, Vec::new()),
        }
    }

    const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    fn error(message: String) -> Replied {
        (Reply::Error { message }, Vec::new())
    }

    fn file(name: String, mime: &str, bytes: Vec<u8>) -> Replied {
        (Reply::File { name, mime: mime.into(), summary: None, verified: None }, bytes)
    }

    /// A file given to the Questionnaire page: an answer pack read, a questionnaire imported,
    /// anything else refused by name.
    fn open(name: &str, bytes: &[u8]) -> Replied {
        match identify::accept(Place::Questionnaire, name, bytes) {
            Err(e) => error(e.to_string()),
            Ok(FileKind::AnswerPack) => match AnswerPack::from_json(name, bytes) {
                Ok(p) => (Reply::Pack { work: p.to_work(name), posture: p.posture }, Vec::new()),
                Err(e) => error(e.to_string()),
            },
            Ok(_) => import(name, bytes, &Default::default()),
        }
    }

    fn import(name: &str, bytes: &[u8], options: &questionnaire::ImportOptions) -> Replied {
        match questionnaire::import_with(name, bytes, options) {
            Ok(questionnaire) => (Reply::Questionnaire { questionnaire }, Vec::new()),
            Err(e) => error(e.to_string()),
        }
    }

    /// A plan kept for the export that follows it: the work (with its original) it was made
    /// from, under the page's token.
    struct Kept {
        token: u64,
        work: Work,
        plan: Plan,
    }

    thread_local! {
        /// The latest plan (one workbook held at most): taken by the write that names it.
        static KEPT: RefCell<Option<Kept>> = const { RefCell::new(None) };
    }

    /// What an export of `work` would write, kept under `token` for the write.
    fn plan(work: Work, token: u64) -> Replied {
        match work.plan() {
            Ok(plan) => {
                let summary = plan.summary.clone();
                KEPT.with(|k| *k.borrow_mut() = Some(Kept { token, work, plan }));
                (Reply::Plan { summary }, Vec::new())
            }
            Err(e) => {
                KEPT.with(|k| *k.borrow_mut() = None);
                error(e.to_string())
            }
        }
    }

    /// The file written from the plan kept under `token`, which is given up.
    fn write(token: u64) -> Replied {
        let kept = KEPT.with(|k| k.borrow_mut().take_if(|kept| kept.token == token));
        match kept {
            Some(Kept { work, plan, .. }) => exported(work.write_planned(plan)),
            None => (Reply::NotKept, Vec::new()),
        }
    }

    /// An answered original as a file to offer, with what was written and what the check found.
    fn exported(result: Result<Exported, ExportError>) -> Replied {
        match result {
            Ok(e) => {
                let mime = if e.name.ends_with(".csv") { "text/csv" } else { XLSX };
                let verified = e.verified.as_ref().map(|v| v.sentence());
                (Reply::File { name: e.name, mime: mime.into(), summary: Some(e.summary), verified }, e.bytes)
            }
            Err(e) => error(e.to_string()),
        }
    }

    /// The reviewed drafts as JSON, or as CSV.
    fn drafts(work: &Work, json: bool) -> Replied {
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

    /// The approved answers with the posture (`None`: the embedded default's pages) as a pack.
    fn answer_pack(work: &Work, posture: Option<Vec<PostureFile>>, vendor: &str, today: &str) -> Replied {
        let pages = posture.unwrap_or_else(default_pages);
        let pack = AnswerPack::from_work(work, pages, vendor, today);
        if pack.answers.is_empty() {
            return error("An answer pack holds approved answers: approve some first.".into());
        }
        let stem = work.answered_name("x");
        let name = format!("{}.trustdraft-pack.json", stem.trim_end_matches("-answered.x"));
        file(name, "application/json", pack.to_json().into_bytes())
    }

    /// A source given on the Library page: an answer library or a filled questionnaire, read by
    /// [`crate::library::read_source`]; any other kind refused by name.
    fn library(name: &str, bytes: &[u8], scope: Option<&str>, today: &str) -> Replied {
        if let Err(e) = identify::accept(Place::Library, name, bytes) {
            return error(e.to_string());
        }
        match crate::library::read_source(name, bytes, scope, today) {
            Ok((library, contribution)) => (Reply::Library { library, contribution }, Vec::new()),
            Err(e) => error(e.to_string()),
        }
    }

    /// Posture files given on the Posture page (their bytes one after the other): each
    /// identified and read, then all parsed, for the report.
    fn read_posture(names: Vec<String>, sizes: Vec<usize>, bytes: &[u8], progress: &mut dyn FnMut(String)) -> Replied {
        let mut files = Vec::new();
        let mut refused = Vec::new();
        let mut rest = bytes;
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

    /// The engine over `files` (`None`: the default's pages) as a snapshot for the page, with a
    /// pack's work checked against them.
    fn build(files: Option<Vec<PostureFile>>, work: Option<Work>, progress: &mut dyn FnMut(String)) -> Replied {
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

    fn default_pages() -> Vec<PostureFile> {
        posture::DEFAULT_PAGES.iter().map(|(n, t)| PostureFile { name: n.to_string(), text: t.to_string() }).collect()
    }

    thread_local! {
        /// The pages parsed last (Posture page: read for the report, then used): not parsed twice.
        static LAST: RefCell<Option<(Vec<PostureFile>, Posture)>> = const { RefCell::new(None) };
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
    fn a_reply_is_named_by_its_json_tag() {
        let questionnaire = crate::questionnaire::import("q.csv", b"id,question\nQ1,Is data encrypted?\n").unwrap();
        let work = Work::new("q.csv", vec![], Default::default(), questionnaire.clone());
        let replies = [
            Reply::Questionnaire { questionnaire },
            Reply::Pack { posture: vec![], work: work.clone() },
            Reply::Plan { summary: Default::default() },
            Reply::File { name: "a".into(), mime: "b".into(), summary: None, verified: None },
            Reply::Crosswalk { crosswalk: Default::default() },
            Reply::Library { library: Default::default(), contribution: Default::default() },
            Reply::Posture { files: vec![], refused: vec![], posture: Default::default() },
            Reply::Engine { pages: 0, rows: 0, work: None },
            Reply::Checked { work },
            Reply::Pages { files: vec![] },
            Reply::NotKept,
            Reply::Error { message: "m".into() },
        ];
        for reply in replies {
            let json: serde_json::Value = serde_json::to_value(&reply).unwrap();
            assert_eq!(json["reply"], reply.kind(), "{json}");
        }
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
    fn a_filled_workbook_is_read_as_a_library_source_with_what_it_contributed() {
        let name = "filled-sections.xlsx";
        let bytes =
            std::fs::read(format!("{}/../tests/fixtures/questionnaires/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        let request = Request::Library { name: name.into(), scope: None, today: "2026-12-07".into() };
        let json = serde_json::to_string(&request).unwrap();
        let (reply, _) = go(serde_json::from_str(&json).unwrap(), &bytes);
        let Reply::Library { library, contribution } = reply else { panic!("{reply:?}") };
        assert_eq!(contribution.kind, "questionnaire");
        assert_eq!(contribution.scope, "filled-sections", "the scope defaults from the file name");
        assert_eq!(contribution.entries, library.len());
        assert!(!library.is_empty());
        assert!(library.entries.iter().all(|e| e.scope == "filled-sections" && e.approved == "2026-12-07"));
        let (reply, _) =
            go(Request::Library { name: name.into(), scope: Some("Portal".into()), today: "".into() }, &bytes);
        let Reply::Library { library, contribution } = reply else { panic!("{reply:?}") };
        assert_eq!(contribution.scope, "Portal");
        assert!(library.entries.iter().all(|e| e.scope == "Portal"));
    }

    #[test]
    fn a_library_source_that_cannot_be_read_is_refused_by_name() {
        let library = |name: &str| Request::Library { name: name.into(), scope: None, today: String::new() };
        let (reply, _) = go(library("p.json"), br#"{"format": "trustdraft-answer-pack"}"#);
        let Reply::Error { message } = reply else { panic!("{reply:?}") };
        assert!(message.starts_with("p.json: this is an answer pack"), "{message}");
        let (reply, _) = go(library("broken.xlsx"), b"PK\x03\x04 not really a workbook");
        let Reply::Error { message } = reply else { panic!("{reply:?}") };
        assert!(message.starts_with("broken.xlsx: "), "{message}");
        let old = r#"{"job":"library","name":"l.csv"}"#;
        assert!(matches!(serde_json::from_str::<Request>(old), Ok(Request::Library { scope: None, .. })));
    }

    /// Work on `name` from the fixtures, drafted, as the page sends it (without its original).
    fn drafted(name: &str) -> (Work, Vec<u8>) {
        let original =
            std::fs::read(format!("{}/../tests/fixtures/questionnaires/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        let q = crate::questionnaire::import(name, &original).unwrap();
        let engine = Engine::embedded_default().unwrap();
        let mut work = Work::new(name, Vec::new(), Default::default(), q.clone());
        work.push_drafts(engine.draft_questionnaire(&q, None));
        (work, original)
    }

    #[test]
    fn an_export_written_from_the_kept_plan_is_the_export_planned_and_written_at_once() {
        for name in ["marks-filled.xlsx", "caiq-layout.xlsx", "filled-protected.xlsx", "id-question.csv"] {
            let (mut work, original) = drafted(name);
            work.replace_all = name == "filled-protected.xlsx";
            let at_once = go(Request::Export { work: work.clone() }, &original);
            let (planned, _) = go(Request::Plan { work, token: 7 }, &original);
            let Reply::Plan { summary } = planned else { panic!("{name}: {planned:?}") };
            let (reply, bytes) = go(Request::Write { token: 7 }, &[]);
            assert_eq!((&reply, &bytes), (&at_once.0, &at_once.1), "{name}: the same file, byte for byte");
            let Reply::File { summary: written, .. } = reply else { panic!("{name}: {reply:?}") };
            assert_eq!(written, Some(summary), "{name}: what was shown is what was written");
        }
    }

    #[test]
    fn a_plan_not_kept_is_said_so_and_the_page_sends_the_work_again() {
        let (work, original) = drafted("marks-filled.xlsx");
        assert_eq!(go(Request::Write { token: 1 }, &[]).0, Reply::NotKept, "nothing planned yet");
        go(Request::Plan { work: work.clone(), token: 1 }, &original);
        go(Request::Plan { work, token: 2 }, &original);
        assert_eq!(go(Request::Write { token: 1 }, &[]).0, Reply::NotKept, "a later plan replaced it");
        assert!(matches!(go(Request::Write { token: 2 }, &[]).0, Reply::File { .. }));
        assert_eq!(go(Request::Write { token: 2 }, &[]).0, Reply::NotKept, "given up once written");
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
