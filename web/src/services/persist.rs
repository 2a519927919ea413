//! Keeping the work and the answer library saved, without ever silently losing a change:
//!
//! - after a change, throttled to one write per 250 ms (drafting changes the work every few
//!   milliseconds; a debounce would never fire until it ends);
//! - at once when the tab is hidden or closed (`visibilitychange`, `pagehide`), with a journal
//!   of the unsaved reviews written synchronously to `localStorage` in case the write does not
//!   finish before the tab is gone (applied at the next start: `sync::Journal`);
//! - with a revision: a write that would overwrite another tab's newer save is refused by the
//!   store, and the reducer merges the stored work into this tab's question by question
//!   (`Action::MergeStored`, `sync::merge_work`) before it is written again. Another tab's save
//!   is announced on a `BroadcastChannel`, and merged into this tab at once.
//!
//! Every write and read goes through one queue, so that a pull and a save never interleave.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use trustdraft_core::Library;
use trustdraft_core::Work;
use yew::UseReducerDispatcher;

use crate::services::storage;
use crate::services::sync::Journal;
use crate::state::{Action, Notice, State};

/// How long after a change the work is written (ms).
const THROTTLE_MS: u32 = 250;

/// What is kept saved. Both are written the same way ([`Persist::write`]): against the revision
/// this tab last read or wrote, merged and written again when another tab saved first.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Work,
    Library,
}

impl Part {
    /// Pulled and written in this order: the work first.
    const BOTH: [Part; 2] = [Part::Work, Part::Library];

    /// As announced to other tabs.
    fn name(self) -> &'static str {
        match self {
            Part::Work => "work",
            Part::Library => "library",
        }
    }
}

/// A part as it was written: the base once the store holds it.
enum Written {
    Work(Option<Rc<Work>>),
    Library(Rc<Library>),
}

impl Written {
    fn part(&self) -> Part {
        match self {
            Written::Work(_) => Part::Work,
            Written::Library(_) => Part::Library,
        }
    }
}

/// What this tab last read from or wrote to storage.
#[derive(Default)]
struct Base {
    work: Option<Rc<Work>>,
    work_rev: String,
    library: Rc<Library>,
    library_rev: String,
}

pub struct Persist {
    tab: String,
    seq: Cell<u64>,
    dispatch: UseReducerDispatcher<State>,
    channel: Option<web_sys::BroadcastChannel>,
    base: RefCell<Base>,
    /// The state's work and library as last rendered.
    work: RefCell<Option<Rc<Work>>>,
    library: RefCell<Rc<Library>>,
    /// The revision the next work write will have (a journal names it).
    next_rev: RefCell<String>,
    timer: RefCell<Option<gloo::timers::callback::Timeout>>,
    busy: Cell<bool>,
    /// Another tab saved: its work or library is to be read and merged.
    pull_work: Cell<bool>,
    pull_library: Cell<bool>,
    /// The saved work was restored (saving waits for it, so as not to overwrite it).
    ready: Cell<bool>,
    /// This tab's questionnaire was replaced in another tab: its work is no longer written.
    read_only: Cell<bool>,
    /// Another tab stored work this build cannot read: nothing is written over it.
    stopped: Cell<bool>,
}

/// Whether two works are the same value (cheap differences first: this runs on every change).
fn same(a: &Option<Rc<Work>>, b: &Option<Rc<Work>>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => {
            Rc::ptr_eq(a, b) || (a.drafts.len() == b.drafts.len() && a.reviews == b.reviews && **a == **b)
        }
        (None, None) => true,
        _ => false,
    }
}

impl Persist {
    pub fn new(dispatch: UseReducerDispatcher<State>) -> Rc<Persist> {
        let tab = format!("{:x}", (js_sys::Math::random() * 1e15) as u64);
        let persist = Rc::new(Persist {
            tab,
            seq: Cell::new(0),
            dispatch,
            channel: web_sys::BroadcastChannel::new("trustdraft-work").ok(),
            base: RefCell::new(Base::default()),
            work: RefCell::new(None),
            library: RefCell::new(Rc::new(Library::default())),
            next_rev: RefCell::new(String::new()),
            timer: RefCell::new(None),
            busy: Cell::new(false),
            pull_work: Cell::new(false),
            pull_library: Cell::new(false),
            ready: Cell::new(false),
            read_only: Cell::new(false),
            stopped: Cell::new(false),
        });
        persist.plan_rev();
        persist
    }

    fn plan_rev(&self) {
        self.seq.set(self.seq.get() + 1);
        *self.next_rev.borrow_mut() = format!("{}-{}", self.tab, self.seq.get());
    }

    /// The stored work and library as restored at start: what later changes are measured from.
    pub fn restored(self: &Rc<Self>, work: (Option<Rc<Work>>, String), library: (Rc<Library>, String)) {
        {
            let mut base = self.base.borrow_mut();
            (base.work, base.work_rev) = work;
            (base.library, base.library_rev) = library;
        }
        self.ready.set(true);
        self.schedule();
    }

    /// The state as rendered: a change from what is stored is written soon.
    pub fn observe(self: &Rc<Self>, work: Option<Rc<Work>>, library: Rc<Library>, read_only: bool) {
        *self.work.borrow_mut() = work;
        *self.library.borrow_mut() = library;
        self.read_only.set(read_only);
        if self.ready.get() && self.changed() {
            self.schedule();
        }
    }

    fn work_changed(&self) -> bool {
        !self.read_only.get() && !self.stopped.get() && !same(&self.work.borrow(), &self.base.borrow().work)
    }

    fn library_changed(&self) -> bool {
        let (mine, base) = (self.library.borrow(), &self.base.borrow().library);
        !(Rc::ptr_eq(&mine, base) || **mine == **base)
    }

    fn changed(&self) -> bool {
        self.work_changed() || self.library_changed()
    }

    fn part_changed(&self, part: Part) -> bool {
        match part {
            Part::Work => self.work_changed(),
            Part::Library => self.library_changed(),
        }
    }

    /// Set when another tab saved `part`: it is to be read and merged.
    fn pull_flag(&self, part: Part) -> &Cell<bool> {
        match part {
            Part::Work => &self.pull_work,
            Part::Library => &self.pull_library,
        }
    }

    fn schedule(self: &Rc<Self>) {
        if self.timer.borrow().is_some() || self.busy.get() {
            return;
        }
        let me = self.clone();
        let timeout = gloo::timers::callback::Timeout::new(THROTTLE_MS, move || {
            *me.timer.borrow_mut() = None;
            me.clone().run();
        });
        *self.timer.borrow_mut() = Some(timeout);
    }

    /// The tab is hidden or closing: the unsaved reviews go to the journal at once, and the
    /// write starts now rather than after the throttle.
    pub fn leaving(self: &Rc<Self>) {
        if !self.ready.get() {
            return;
        }
        if self.changed() {
            let base = self.base.borrow();
            let next_rev = self.next_rev.borrow();
            let work = if self.work_changed() { self.work.borrow().clone() } else { None };
            let journal = Journal::of(base.work.as_deref(), work.as_deref(), &base.work_rev, &next_rev)
                .with_library(&base.library, &self.library.borrow());
            if !journal.is_empty() {
                storage::write_journal(&journal);
            }
        }
        if let Some(timer) = self.timer.borrow_mut().take() {
            timer.cancel();
        }
        if self.changed() {
            self.clone().run();
        }
    }

    /// Another tab wrote `what` (`work` or `library`) as revision `rev`.
    pub fn heard(self: &Rc<Self>, message: &str) {
        let mut parts = message.split(' ');
        let (Some(what), Some(tab), Some(rev)) = (parts.next(), parts.next(), parts.next()) else { return };
        if tab == self.tab || !self.ready.get() {
            return;
        }
        let base = self.base.borrow();
        match what {
            "work" if rev != base.work_rev => self.pull_work.set(true),
            "library" if rev != base.library_rev => self.pull_library.set(true),
            _ => return,
        }
        drop(base);
        self.clone().run();
    }

    /// Runs the queue: pulls first, then writes, until nothing is left.
    fn run(self: Rc<Self>) {
        if self.busy.replace(true) {
            return;
        }
        wasm_bindgen_futures::spawn_local(async move {
            let mut rounds = 0;
            while rounds < 8 {
                rounds += 1;
                if let Some(part) = Part::BOTH.into_iter().find(|p| self.pull_flag(*p).replace(false)) {
                    self.pull(part).await;
                } else if let Some(part) = Part::BOTH.into_iter().find(|p| self.part_changed(*p)) {
                    if !self.write(part).await {
                        break;
                    }
                } else {
                    break;
                }
                // Let the reducer apply a merge before the next write reads the state.
                gloo::timers::future::TimeoutFuture::new(0).await;
            }
            self.busy.set(false);
            if self.changed() || self.pull_work.get() || self.pull_library.get() {
                self.schedule();
            }
        });
    }

    /// Drops from this tab's journal what a finished write saved (the work's reviews, or the
    /// library's changes); the journal goes once nothing is left in it.
    fn settle_journal(&self, part: Part) {
        let Some(journal) = storage::read_journal().filter(|j| j.next_rev.starts_with(&self.tab)) else { return };
        let left = journal.settled(part == Part::Work);
        if left.is_empty() {
            storage::clear_journal();
        } else {
            storage::write_journal(&left);
        }
    }

    fn announce(&self, what: &str, rev: &str) {
        if let Some(c) = self.channel.as_ref() {
            let _ = c.post_message(&wasm_bindgen::JsValue::from_str(&format!("{what} {} {rev}", self.tab)));
        }
    }

    fn failed(&self, part: Part, e: String) {
        let text = match part {
            Part::Work => format!("Your work could not be saved in this browser ({e}). Export it now to keep it."),
            Part::Library => format!("The answer library could not be saved in this browser ({e}). Export it from the Library page to keep it."),
        };
        self.dispatch.dispatch(Action::Notify(Notice { error: true, text }));
    }

    /// The revision the next write of `part` will have.
    fn rev_for(&self, part: Part) -> String {
        match part {
            // Planned ahead: a journal written on leaving names it.
            Part::Work => self.next_rev.borrow().clone(),
            Part::Library => {
                let rev = format!("{}-l{}", self.tab, self.seq.get());
                self.seq.set(self.seq.get() + 1);
                rev
            }
        }
    }

    /// The one save-and-retry step, for the work and the library alike: `part` is written as
    /// this tab has it if the store still holds the revision this tab last read or wrote. True
    /// when written, or when another tab had written first and its save was read and merged (the
    /// next round writes the merge); false when the browser refused (said to the user).
    async fn write(&self, part: Part) -> bool {
        let expected = match part {
            Part::Work => self.base.borrow().work_rev.clone(),
            Part::Library => self.base.borrow().library_rev.clone(),
        };
        let next = self.rev_for(part);
        let (written, saved) = match part {
            Part::Work => {
                let mine = self.work.borrow().clone();
                let saved = storage::save_work_if(mine.as_deref(), &expected, &next).await;
                (Written::Work(mine), saved)
            }
            Part::Library => {
                let mine = self.library.borrow().clone();
                let saved = storage::save_library_if(&mine.to_json(), &expected, &next).await;
                (Written::Library(mine), saved)
            }
        };
        match saved {
            Ok(None) => {
                self.saved(written, next);
                true
            }
            // Another tab wrote first: read it and merge, then write again.
            Ok(Some(_)) => {
                self.pull(part).await;
                true
            }
            Err(e) => {
                self.failed(part, e);
                false
            }
        }
    }

    /// What was written is what the store holds now: the base later changes are measured from.
    fn saved(&self, written: Written, rev: String) {
        let part = written.part();
        {
            let mut base = self.base.borrow_mut();
            match written {
                Written::Work(work) => (base.work, base.work_rev) = (work, rev.clone()),
                Written::Library(library) => (base.library, base.library_rev) = (library, rev.clone()),
            }
        }
        if part == Part::Work {
            self.plan_rev();
        }
        self.settle_journal(part);
        self.announce(part.name(), &rev);
    }

    /// Reads what another tab stored of `part` and has the reducer merge this tab's changes in.
    async fn pull(&self, part: Part) {
        match part {
            Part::Work => self.merge_stored_work().await,
            Part::Library => self.merge_stored_library().await,
        }
    }

    async fn merge_stored_work(&self) {
        match storage::load_work().await {
            Ok((stored, rev)) => {
                let stored = stored.map(Rc::new);
                let base = std::mem::replace(&mut self.base.borrow_mut().work, stored.clone());
                self.base.borrow_mut().work_rev = rev;
                self.dispatch.dispatch(Action::MergeStored { base, stored });
            }
            Err(e) => {
                // Another tab stored work this one cannot read (a newer build): stop writing.
                self.stopped.set(true);
                self.dispatch.dispatch(Action::Notify(Notice {
                    error: true,
                    text: format!("{} This tab no longer saves.", e.restore_message()),
                }));
            }
        }
    }

    async fn merge_stored_library(&self) {
        match storage::load_library().await {
            Ok((json, rev)) => {
                let stored = match json {
                    Some(text) => match Library::from_json("the saved answer library", &text) {
                        Ok(l) => l,
                        Err(e) => {
                            self.failed(Part::Library, e.to_string());
                            return;
                        }
                    },
                    None => Library::default(),
                };
                let stored = Rc::new(stored);
                let base = std::mem::replace(&mut self.base.borrow_mut().library, stored.clone());
                self.base.borrow_mut().library_rev = rev;
                self.dispatch.dispatch(Action::MergeLibrary { base, stored });
            }
            Err(e) => self.failed(Part::Library, e),
        }
    }
}
