//! The engine the page answers from. The embedded default is opened from the snapshot built into
//! this module; any other posture is parsed and indexed by the file module, in its worker (the
//! steps shown), and opened here from the snapshot it sends back, so that a huge one never holds
//! the page while it is read. A change of posture is carried through here: the new engine, the
//! posture saved, and the open questionnaire redrafted (or a pack's answers opened).

use std::rc::Rc;

use trustdraft_core::jobs::{Reply, Request};
use trustdraft_core::Engine;
use trustdraft_core::Library;
use trustdraft_core::Work;
use yew::{UseReducerDispatcher, UseStateSetter};

use crate::embed::now_ms;
use crate::posture::{Origin, PostureChange, PostureSource};
use crate::services::drafting::{draft_rest, DraftRun};
use crate::services::storage;
use crate::services::worker::{self, failure, without_original};
use crate::state::{Action, Notice, State};

/// The engine, shared by the components; equal when it is the same engine.
#[derive(Clone)]
pub struct EngineRef(pub Rc<Engine>);

impl PartialEq for EngineRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The engine, the posture it was built from, and the milliseconds the build took.
#[derive(Clone)]
pub struct Loaded {
    pub engine: Result<EngineRef, String>,
    pub build_ms: f64,
    pub source: Rc<PostureSource>,
}

impl PartialEq for Loaded {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.source, &other.source) && self.engine.as_ref().ok() == other.engine.as_ref().ok()
    }
}

fn error(text: String) -> Action {
    Action::Notify(Notice { error: true, text })
}

/// The embedded default, opened from the snapshot built into this module; `None` if it cannot
/// be (then [`default_loaded`] has the file module build it).
pub fn load_default() -> Option<Loaded> {
    let source = Rc::new(PostureSource::embedded());
    let (engine, build_ms) = crate::embed::default_engine().ok()?;
    Some(Loaded { engine: Ok(EngineRef(engine)), build_ms, source })
}

/// The embedded default, from its snapshot or else built by the file module.
pub async fn default_loaded() -> Loaded {
    if let Some(loaded) = load_default() {
        return loaded;
    }
    let source = PostureSource::embedded();
    match build(source.clone(), None).await {
        Ok((loaded, _)) => {
            if let Ok(engine) = &loaded.engine {
                crate::embed::set_default(engine.0.clone(), loaded.build_ms);
            }
            loaded
        }
        Err(e) => Loaded { engine: Err(e), build_ms: 0.0, source: Rc::new(source) },
    }
}

/// Has the file module parse and index `source`'s pages (each step shown while it works) and
/// opens the engine it sends back; `open`, work from an answer pack, comes back checked against
/// the pack's pages.
async fn build(source: PostureSource, open: Option<Work>) -> Result<(Loaded, Option<Work>), String> {
    let start = now_ms();
    let n = source.files.len();
    let label = format!("Reading the posture: {n} page{}…", if n == 1 { "" } else { "s" });
    let request = Request::Build { files: source.pages(), work: open.as_ref().map(without_original) };
    let done = worker::run(&request, &[], &label).await;
    let work = match done.reply {
        Reply::Engine { work, .. } => work,
        other => return Err(failure(other)),
    };
    let engine =
        Engine::from_snapshot(&done.bytes).map_err(|e| format!("the posture could not be opened here: {e}"))?;
    let build_ms = now_ms() - start;
    Ok((Loaded { engine: Ok(EngineRef(Rc::new(engine))), build_ms, source: Rc::new(source) }, work))
}

/// The posture saved in this browser, built by the file module; if it cannot be, the embedded
/// default, and the user is told why.
pub async fn restore_saved(loaded: UseStateSetter<Option<Loaded>>, dispatch: UseReducerDispatcher<State>) {
    let saved = storage::load_posture().await.and_then(|t| t.ok_or_else(|| "it is missing".to_string()));
    let built = match saved.and_then(|t| PostureSource::from_json(&t)) {
        Ok(source) => build(source, None).await.map(|(l, _)| l),
        Err(e) => Err(e),
    };
    match built {
        Ok(l) => loaded.set(Some(l)),
        Err(e) => {
            loaded.set(Some(default_loaded().await));
            dispatch.dispatch(error(format!("Your saved posture could not be loaded ({e}); the embedded default is shown. Load your pages again on the Posture page.")));
        }
    }
}

/// Work opened from an answer pack, checked against the pack's own pages if it was saved before
/// packs were checked on opening.
pub async fn checked(work: Work, loaded: &Loaded) -> Work {
    if work.pack.as_ref().is_none_or(|p| p.check.is_some()) {
        return work;
    }
    let request = Request::Check { files: loaded.source.files.clone(), work: without_original(&work) };
    match worker::run(&request, &[], "Checking the answer pack against its pages…").await.reply {
        Reply::Checked { work: checked } => Work { original: work.original, ..checked },
        _ => work,
    }
}

/// What a change of posture acts on: the engine in use, and the work and library it redrafts.
#[derive(Clone)]
pub struct Change {
    pub loaded: UseStateSetter<Option<Loaded>>,
    pub dispatch: UseReducerDispatcher<State>,
    pub work: Option<Rc<Work>>,
    pub library: Rc<Library>,
    pub run: DraftRun,
}

/// A new posture (loaded pages, a pack's posture, or back to the default): the engine is
/// rebuilt (in steps); the posture is saved; the open questionnaire (or the pack's answers)
/// follows. A posture that cannot be built leaves the current one in use, and says why.
pub async fn change_posture(change: PostureChange, to: Change) {
    let PostureChange { source, open } = change;
    let is_default = source.origin == Origin::Default;
    let result = if is_default { Ok((default_loaded().await, None)) } else { build(source, open).await };
    let (next, open) = match result {
        Ok(next) => next,
        Err(e) => return to.dispatch.dispatch(error(format!("{e}. The current posture is unchanged."))),
    };
    let Ok(engine) = next.engine.clone() else { return };
    let next = named_by_pages(next, &engine);
    let json = next.source.to_json();
    let (pages, rows) = (engine.0.posture().pages.len(), engine.0.posture().rows.len());
    to.loaded.set(Some(next));
    save_source(json, is_default, to.dispatch.clone());
    match open {
        Some(pack_work) => {
            to.run.stop();
            to.dispatch.dispatch(Action::Load(Rc::new(pack_work)));
        }
        None => {
            redraft(&to, engine);
            let s = if pages == 1 { "" } else { "s" };
            to.dispatch.dispatch(Action::Notify(Notice {
                error: false,
                text: format!(
                    "Now answering from {pages} page{s} with {rows} rows. Ask, Coverage and drafting use this posture."
                ),
            }));
        }
    }
}

/// A pack's posture is named as its pages name themselves, never by the pack's claim.
fn named_by_pages(mut next: Loaded, engine: &EngineRef) -> Loaded {
    if let Origin::Pack { vendor, file, date } = &next.source.origin {
        let named = crate::posture::vendor_of(engine.0.posture());
        if *vendor != named {
            let origin = Origin::Pack { vendor: named, file: file.clone(), date: date.clone() };
            next.source = Rc::new(PostureSource { origin, ..(*next.source).clone() });
        }
    }
    next
}

/// Saves the posture in use (or forgets the saved one, back to the default), in the background.
fn save_source(json: String, is_default: bool, dispatch: UseReducerDispatcher<State>) {
    wasm_bindgen_futures::spawn_local(async move {
        let saved = if is_default { storage::clear_posture().await } else { storage::save_posture(&json).await };
        if let Err(e) = saved {
            dispatch.dispatch(error(format!("The posture is in use but could not be saved in this browser ({e}); after a reload the previous one returns.")));
        }
    });
}

/// The open questionnaire drafted again from the new posture (edits kept; a pack's answers are
/// the vendor's and stay as they are).
fn redraft(to: &Change, engine: EngineRef) {
    let Some(w) = to.work.as_ref().filter(|w| w.pack.is_none() && !w.drafts.is_empty()) else { return };
    let mut again = (**w).clone();
    again.redraft();
    to.dispatch.dispatch(Action::Redraft);
    draft_rest(engine.0, Rc::new(again), to.library.clone(), to.dispatch.clone(), to.run.clone());
}
