//! Files given to the app, read and handed to the file module (which identifies, imports and
//! reads them, in its worker): a questionnaire or an answer pack on the Questionnaire page, a
//! re-import with the user's corrections, a crosswalk, a library file, posture pages. Each says
//! what it did, or why nothing changed.

use std::rc::Rc;

use trustdraft_core::jobs::{Reply, Request};
use trustdraft_core::Library;
use trustdraft_core::PostureFile;
use trustdraft_core::Work;
use trustdraft_core::{Engine, Posture};
use trustdraft_core::{ImportOptions, SheetOverride};
use yew::UseReducerDispatcher;

use crate::services::drafting::{draft_rest, DraftRun};
use crate::services::worker::{self, failure};
use crate::state::{Action, Notice, State};

fn error(text: String) -> Action {
    Action::Notify(Notice { error: true, text })
}

fn done(text: String) -> Action {
    Action::Notify(Notice { error: false, text })
}

/// Reads a picked or dropped file's bytes; says so when the browser cannot.
pub async fn read_bytes(file: web_sys::File, dispatch: &UseReducerDispatcher<State>) -> Option<(String, Vec<u8>)> {
    let name = file.name();
    let blob = gloo::file::Blob::from(file);
    match gloo::file::futures::read_as_bytes(&blob).await {
        Ok(bytes) => Some((name, bytes)),
        Err(e) => {
            dispatch.dispatch(error(format!("{name}: the browser could not read the file ({e})")));
            None
        }
    }
}

/// Imports `bytes` as the questionnaire `name` (in the file module); on failure says so and
/// leaves the work as it is.
pub fn import(name: &str, bytes: Vec<u8>, options: ImportOptions, dispatch: &UseReducerDispatcher<State>) {
    let (name, dispatch) = (name.to_string(), dispatch.clone());
    wasm_bindgen_futures::spawn_local(async move {
        let request = Request::Import { name: name.clone(), options: options.clone() };
        let done = worker::run(&request, &bytes, &format!("Reading {name}…")).await;
        imported(&name, bytes, options, false, done.reply, &dispatch);
    });
}

/// The work's file imported again with one sheet's import corrected: the sheet's override (made
/// from what was detected, if it has none yet) changed by `change`.
pub fn reimport_sheet(
    work: &Work,
    sheet: &str,
    change: impl FnOnce(&mut SheetOverride),
    dispatch: &UseReducerDispatcher<State>,
) {
    let mut options: ImportOptions = work.options.clone();
    let slot = match options.sheets.iter().position(|o| o.sheet == sheet) {
        Some(i) => i,
        None => {
            let report = work.questionnaire.sheets.iter().find(|s| s.name == sheet);
            options.sheets.push(SheetOverride {
                sheet: sheet.to_string(),
                header_row: report
                    .and_then(|r| r.header_row)
                    .filter(|_| report.is_some_and(|r| r.header_rows.len() <= 1)),
                columns: report.filter(|r| r.is_questionnaire()).map(|r| r.columns.clone()),
                ..SheetOverride::default()
            });
            options.sheets.len() - 1
        }
    };
    change(&mut options.sheets[slot]);
    import(&work.file_name, work.original.clone(), options, dispatch);
}

/// What an import came to: the work replaced by the questionnaire, or the reason it was not.
/// With `keep_work`, a file in which no question is found does not replace the work (there is
/// nothing to answer in it) and is refused with the importer's note.
fn imported(
    name: &str,
    bytes: Vec<u8>,
    options: ImportOptions,
    keep_work: bool,
    reply: Reply,
    dispatch: &UseReducerDispatcher<State>,
) {
    match reply {
        Reply::Questionnaire { questionnaire: q } if keep_work && q.questions.is_empty() => {
            let why = q.notes.first().cloned().unwrap_or_else(|| format!("{name}: no questions found"));
            dispatch.dispatch(error(format!("{why}. Your current work is unchanged.")));
        }
        Reply::Questionnaire { questionnaire: q } => {
            let notes = q.notes.clone();
            dispatch.dispatch(Action::Load(Rc::new(Work::new(name, bytes, options, q))));
            match notes.first() {
                Some(note) => dispatch.dispatch(error(note.clone())),
                None => dispatch.dispatch(Action::Dismiss),
            }
        }
        other => dispatch.dispatch(error(format!("{}. Your current work is unchanged.", failure(other)))),
    }
}

/// What the Questionnaire page does with a file it was given.
pub struct Opening {
    pub dispatch: UseReducerDispatcher<State>,
    /// Opens an answer pack: (file name, its posture pages, its answers as work). Its posture
    /// replaces the current one, its answers become the work.
    pub on_pack: yew::Callback<(String, Vec<PostureFile>, Work)>,
    /// Whether there is work a new questionnaire would replace (then the user confirms first).
    pub has_work: bool,
    /// The drafting run, stopped only once a questionnaire really replaces the work.
    pub run: DraftRun,
}

/// Reads a picked or dropped file and says what it is before anything changes (the file module
/// identifies it and reads it): an answer pack is opened, a questionnaire imported (after the
/// user confirms replacing the work); anything else — a library, a posture page, JSON of
/// another kind — is refused by name, the work as it was.
pub fn read_and_import(file: web_sys::File, opening: Opening) {
    wasm_bindgen_futures::spawn_local(async move {
        let Opening { dispatch, on_pack, has_work, run } = opening;
        let Some((name, bytes)) = read_bytes(file, &dispatch).await else { return };
        let done = worker::run(&Request::Open { name: name.clone() }, &bytes, &format!("Reading {name}…")).await;
        match done.reply {
            Reply::Pack { posture, work } => on_pack.emit((name, posture, work)),
            reply @ Reply::Questionnaire { .. } => {
                if has_work
                    && !gloo::dialogs::confirm(&format!(
                        "Open {name} in place of the current questionnaire? Its drafts and edits will be replaced (export them first if you need them)."
                    ))
                {
                    return;
                }
                run.stop();
                imported(&name, bytes, ImportOptions::default(), has_work, reply, &dispatch);
            }
            other => dispatch.dispatch(error(format!("{}. Your current work is unchanged.", failure(other)))),
        }
    });
}

/// What a crosswalk loaded for the open questionnaire redrafts.
pub struct Redrafting {
    pub engine: Rc<Engine>,
    pub work: Rc<Work>,
    pub library: Rc<Library>,
    pub dispatch: UseReducerDispatcher<State>,
    pub run: DraftRun,
}

/// Reads a crosswalk file (in the file module) and redrafts the questionnaire with it, saying
/// how many questions it maps; a file that is not one leaves the drafts as they are.
pub fn load_crosswalk(file: web_sys::File, to: Redrafting) {
    wasm_bindgen_futures::spawn_local(async move {
        let Redrafting { engine, work, library, dispatch, run } = to;
        let Some((name, bytes)) = read_bytes(file, &dispatch).await else { return };
        let request = Request::Crosswalk { name: name.clone() };
        match worker::run(&request, &bytes, &format!("Reading {name}…")).await.reply {
            Reply::Crosswalk { crosswalk: cw } => {
                let mut again = (*work).clone();
                again.crosswalk = Some(cw.clone());
                again.redraft();
                let mapped = again.crosswalk_mapped().iter().filter(|m| **m).count();
                let total = again.questionnaire.questions.len();
                run.stop();
                dispatch.dispatch(Action::SetCrosswalk(cw));
                dispatch.dispatch(done(format!(
                    "Crosswalk {name} loaded: it maps {mapped} of {total} questions. Redrafting with it."
                )));
                draft_rest(engine, Rc::new(again), library, dispatch, run);
            }
            other => dispatch.dispatch(error(format!("{}. The drafts are unchanged.", failure(other)))),
        }
    });
}

/// Files given on the Library page (answer libraries or filled questionnaires), read one after
/// the other by the file module: each one's entries join the library and what it contributed is
/// listed; a file that cannot be read (over the size limit, not a source, damaged) is listed with
/// its message and changes nothing. `scope` (trimmed; empty: as each file records, a
/// questionnaire's file name) is the product the answers were given for; `today` their day.
pub fn add_sources(files: Vec<web_sys::File>, scope: String, today: String, dispatch: UseReducerDispatcher<State>) {
    wasm_bindgen_futures::spawn_local(async move {
        let scope = Some(scope.trim().to_string()).filter(|s| !s.is_empty());
        let limit = trustdraft_core::limits::MAX_FILE_BYTES;
        for file in files {
            let name = file.name();
            if file.size() > limit as f64 {
                let message = format!(
                    "{name}: {:.1} MB is over the limit of {} MB for a library file; nothing was read",
                    file.size() / (1024.0 * 1024.0),
                    limit / (1024 * 1024)
                );
                dispatch.dispatch(Action::LibrarySourceRefused(message));
                continue;
            }
            let Some((name, bytes)) = read_bytes(file, &dispatch).await else { continue };
            let request = Request::Library { name: name.clone(), scope: scope.clone(), today: today.clone() };
            match worker::run(&request, &bytes, &format!("Reading {name}…")).await.reply {
                Reply::Library { library, contribution } => {
                    let n = library.len();
                    let said = if contribution.kind == "questionnaire" {
                        format!("{name}: {n} earlier answers added to the library.")
                    } else {
                        format!("Imported {n} approved answers from {name}.")
                    };
                    dispatch.dispatch(Action::LibrarySource(library, contribution));
                    dispatch.dispatch(done(said));
                }
                other => dispatch
                    .dispatch(Action::LibrarySourceRefused(format!("{}. The library is unchanged.", failure(other)))),
            }
        }
    });
}

/// Posture files read and parsed for the report (by the file module, which keeps them parsed
/// for when they are used), with the reasons any could not be read.
#[derive(Clone, PartialEq)]
pub struct PostureRead {
    pub files: Vec<PostureFile>,
    pub refused: Vec<String>,
    pub posture: Rc<Posture>,
}

/// Posture files as the browser read them, to be sent to the file module together: their
/// names, their bytes one after the other (`sizes`), and those refused before they were sent.
pub struct PostureBytes {
    names: Vec<String>,
    sizes: Vec<usize>,
    bytes: Vec<u8>,
    refused: Vec<String>,
}

/// Reads posture files' bytes in the browser. Past the page limit nothing is read, and the files
/// left out are named; a file over the size limit is refused unread.
pub async fn posture_bytes(files: Vec<web_sys::File>) -> PostureBytes {
    let mut given = PostureBytes { names: Vec::new(), sizes: Vec::new(), bytes: Vec::new(), refused: Vec::new() };
    let limit = trustdraft_core::limits::MAX_PAGES;
    if files.len() > limit {
        let left_out: Vec<String> = files.iter().skip(limit).map(|f| f.name()).collect();
        given.refused.push(format!(
            "{} files chosen: only the first {limit} are read (the most posture pages loaded at once); left out: {}",
            files.len(),
            left_out.join(", ")
        ));
    }
    for file in files.into_iter().take(limit) {
        let name = file.name();
        // Pages are held to the page limit by `read_file`; a workbook may be larger.
        if file.size() > trustdraft_core::limits::MAX_FILE_BYTES as f64 {
            given.refused.push(format!(
                "{name}: the file is {:.1} MB, over the limit of {} MB",
                file.size() / 1e6,
                trustdraft_core::limits::MAX_FILE_BYTES / (1024 * 1024)
            ));
            continue;
        }
        let blob = gloo::file::Blob::from(file);
        match gloo::file::futures::read_as_bytes(&blob).await {
            Ok(read) => {
                given.names.push(name);
                given.sizes.push(read.len());
                given.bytes.extend(read);
            }
            Err(e) => given.refused.push(format!("{name}: the browser could not read the file ({e})")),
        }
    }
    given
}

/// Has the file module identify, read and parse the files (for the report).
pub async fn read_posture(given: PostureBytes) -> PostureRead {
    let PostureBytes { names, sizes, bytes, mut refused } = given;
    let n = names.len();
    let request = Request::ReadPosture { names, sizes };
    let label = format!("Reading {n} file{}…", if n == 1 { "" } else { "s" });
    match worker::run(&request, &bytes, &label).await.reply {
        Reply::Posture { files, refused: more, posture } => {
            refused.extend(more);
            PostureRead { files, refused, posture: Rc::new(posture) }
        }
        other => {
            refused.push(failure(other));
            PostureRead { files: Vec::new(), refused, posture: Rc::new(Posture::default()) }
        }
    }
}

/// The embedded default's pages (only the file module holds them), to add pages to; none if it
/// cannot say.
pub async fn default_pages() -> Vec<PostureFile> {
    match worker::run(&Request::DefaultPages, &[], "Adding to the embedded default…").await.reply {
        Reply::Pages { files } => files,
        _ => Vec::new(),
    }
}
