//! The app's state and the one reducer that changes it. Pure: no DOM, no storage, no timers;
//! effects and callbacks do those and dispatch what happened.

use std::rc::Rc;

use trustdraft_core::jobs::Contribution;
use trustdraft_core::model::Review;
use trustdraft_core::Crosswalk;
use trustdraft_core::Summary;
use trustdraft_core::Work;
use trustdraft_core::{Answer, Band, Draft};
use trustdraft_core::{Entry, Library};
use yew::{Callback, Reducible, UseReducerDispatcher};

use crate::route::Route;
use crate::services::sync;

/// Rows of the review table per page.
pub const PAGE_SIZE: usize = 50;

/// A file given on the Library page this session: what it contributed, or why it was refused
/// (the message names the file, and the sheet and row where it can).
#[derive(Debug, Clone, PartialEq)]
pub enum SourceRead {
    Added(Contribution),
    Refused(String),
}

/// Which drafts the review table shows, and in what order.
#[derive(Debug, Clone, PartialEq)]
pub struct Filter {
    pub text: String,
    pub answer: Option<Answer>,
    pub band: Option<Band>,
    pub sheet: Option<String>,
    /// Needs-review first, then low, medium, high confidence (else questionnaire order).
    pub doubtful_first: bool,
    pub hide_approved: bool,
}

impl Default for Filter {
    fn default() -> Filter {
        Filter {
            text: String::new(),
            answer: None,
            band: None,
            sheet: None,
            doubtful_first: true,
            hide_approved: false,
        }
    }
}

/// A message for the user: an error naming the file, or a confirmation.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub error: bool,
    pub text: String,
}

/// What an export would write, as shown before writing: the summary, the work it was made from,
/// and the token under which the file module keeps that plan (with the work and its original
/// file), so that writing it sends the token instead of the work and its file again.
#[derive(Debug, Clone)]
pub struct Planned {
    pub summary: Rc<Summary>,
    pub work: Rc<Work>,
    pub token: u64,
}

/// One token names one plan, made from one work.
impl PartialEq for Planned {
    fn eq(&self, other: &Self) -> bool {
        self.token == other.token
    }
}

/// Everything the UI shows that is not derived from the posture.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub route: Route,
    /// The Ask box's text.
    pub query: String,
    /// The questionnaire being answered (imported; drafted as drafting proceeds).
    pub work: Option<Rc<Work>>,
    pub drafting: bool,
    pub filter: Filter,
    /// 0-based page of the review table.
    pub page: usize,
    pub notice: Option<Notice>,
    /// The draft whose sources are open.
    pub open: Option<usize>,
    /// Every approved answer, reused when the same question comes again.
    pub library: Rc<Library>,
    /// The files given on the Library page this session, in order.
    pub sources: Rc<Vec<SourceRead>>,
    /// Today (`2026-11-22`), the date approvals are recorded with.
    pub today: String,
    /// What an export would write, shown before the file is written.
    pub export_plan: Option<Planned>,
    /// The review table's order, fixed while the reviewer works: made again when the view
    /// changes (filter, new drafts, another file), not when a row is edited or approved, so that
    /// no row moves under the pointer.
    pub order: Rc<Vec<usize>>,
    /// Another tab replaced this tab's questionnaire while this one had unsaved changes: edits
    /// are refused here (and nothing is saved) until the tab is reloaded.
    pub read_only: bool,
}

impl Default for State {
    fn default() -> State {
        State {
            route: Route::Ask,
            query: String::new(),
            work: None,
            drafting: false,
            filter: Filter::default(),
            page: 0,
            notice: None,
            open: None,
            library: Rc::new(Library::default()),
            sources: Rc::new(Vec::new()),
            today: String::new(),
            export_plan: None,
            order: Rc::new(Vec::new()),
            read_only: false,
        }
    }
}

/// What the user (or the browser, or a finished task) did.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Navigate(Route),
    SetQuery(String),
    /// A questionnaire was imported (or re-imported with corrections), or work restored.
    Load(Rc<Work>),
    DraftingStarted,
    /// Drafts for the questions from this index on, in order (a slice already there, merged in
    /// from another tab, is not added twice).
    DraftsAdded(usize, Vec<Draft>),
    DraftingFinished,
    SetAnswer(usize, Answer),
    SetChoice(usize, String),
    SetText(usize, String),
    Approve(usize, bool),
    /// Approves every shown draft that has an answer.
    ApproveShown,
    SetFilter(Filter),
    Page(usize),
    ToggleSources(usize),
    StartOver,
    Notify(Notice),
    Dismiss,
    /// A crosswalk file was loaded for the current questionnaire: it is redrafted with it.
    SetCrosswalk(Crosswalk),
    /// The drafts are dropped so that drafting starts again (the posture changed).
    Redraft,
    /// The saved library, restored at start.
    LibraryLoaded(Library),
    LibraryEdit(usize, Entry),
    LibraryRemove(usize),
    /// A library file imported: its entries join (and win over equal questions).
    LibraryMerge(Library),
    /// A source read on the Library page: a library file's entries join as [`Action::LibraryMerge`];
    /// a filled questionnaire's join beside the entries there (a different answer to the same
    /// question is a conflict drafting shows). What it contributed is listed.
    LibrarySource(Library, Contribution),
    /// A source that could not be read: listed with its message; the library is unchanged.
    LibrarySourceRefused(String),
    /// The product or service the answers of a questionnaire `file` were given for.
    LibrarySourceScope {
        file: String,
        scope: String,
    },
    /// Retires entry `i` (today) or puts it back in use.
    LibraryRetire(usize, bool),
    /// Replace (or keep) the answer the workbook already holds for question `i`.
    SetReplace(usize, bool),
    /// Replace every answer the workbook already holds (or keep them all).
    SetReplaceAll(bool),
    /// What an export would write (`None` closes it).
    ExportPlanned(Option<Planned>),
    /// The work as stored now (another tab saved it), with the work this tab last read or wrote
    /// (`base`): this tab's changes since `base` are merged into it question by question.
    MergeStored {
        base: Option<Rc<Work>>,
        stored: Option<Rc<Work>>,
    },
    /// The library as stored now, with this tab's `base`: this tab's changes are merged into it.
    MergeLibrary {
        base: Rc<Library>,
        stored: Rc<Library>,
    },
}

/// How doubtful draft `i` is, in the order a reviewer can act on it: a flagged library answer,
/// an answer its dropdown cannot hold (a Partial on Yes/No/NA), the suggestions (an answer and
/// its rows to confirm: low, then medium), a question with related rows but no answer, one the
/// posture does not cover, then the assertions and the library's answers.
fn doubt_order(work: &Work, i: usize) -> u8 {
    let d: &Draft = &work.drafts[i];
    let f = work.final_answer(i);
    let has_dropdown = work.questionnaire.questions.get(i).is_some_and(|q| q.choices.is_some());
    match (f.answer, d.band()) {
        _ if d.is_flagged() => 0,
        (Answer::NeedsReview, _) if d.citations.is_empty() => 5,
        (Answer::NeedsReview, _) => 4,
        _ if has_dropdown && f.choice.is_none() => 1,
        (_, Band::Low) => 2,
        (_, Band::Medium) => 3,
        (_, Band::High) => 6,
        (_, Band::Library) => 7,
    }
}

/// The indexes of the drafts the filter shows, in display order.
pub fn shown(work: &Work, filter: &Filter) -> Vec<usize> {
    let needle = filter.text.trim().to_lowercase();
    let mut out: Vec<usize> = (0..work.drafts.len())
        .filter(|&i| {
            let d = &work.drafts[i];
            let f = work.final_answer(i);
            let r = &work.reviews[i];
            let q = &work.questionnaire.questions[i];
            (!filter.hide_approved || !r.approved)
                && filter.answer.is_none_or(|a| a == f.answer)
                && filter.band.is_none_or(|b| b == d.band())
                && filter.sheet.as_ref().is_none_or(|s| &q.sheet == s || q.domain.as_ref() == Some(s))
                && (needle.is_empty()
                    || d.id.to_lowercase().contains(&needle)
                    || d.question.to_lowercase().contains(&needle)
                    || f.text.to_lowercase().contains(&needle))
        })
        .collect();
    if filter.doubtful_first {
        out.sort_by_key(|&i| (work.reviews[i].approved, doubt_order(work, i), i));
    }
    out
}

impl State {
    /// Applies an edit to the current work (copy-on-write); an approved answer's new wording
    /// goes to the library too.
    fn edit(&mut self, i: usize, f: impl FnOnce(&mut Review)) {
        if self.read_only {
            return;
        }
        let Some(work) = self.work.as_mut() else { return };
        if i >= work.reviews.len() {
            return;
        }
        // The plan shown was made before this change.
        self.export_plan = None;
        let was = work.reviews[i].approved;
        let review = &mut Rc::make_mut(work).reviews[i];
        f(review);
        let now = review.approved;
        if now || was {
            self.record(i, now);
        }
    }

    /// Keeps the library in step with an approval: recorded when approved (unless it is a blank
    /// needs-review), withdrawn when the approval is. Answers opened from a vendor's pack are the vendor's, not ours: never recorded.
    fn record(&mut self, i: usize, approved: bool) {
        let Some(work) = self.work.as_ref() else { return };
        let Some(draft) = work.drafts.get(i) else { return };
        if work.pack.is_some() {
            return;
        }
        let source = format!("{} › {}", work.file_name, draft.id);
        let library = Rc::make_mut(&mut self.library);
        let f = work.final_answer(i);
        // A blank needs-review answer holds nothing worth reusing.
        let worth_keeping = !(f.answer == Answer::NeedsReview && f.text.trim().is_empty());
        if approved && worth_keeping {
            library.record(Entry::of(draft, f.answer, f.choice, f.text, &self.today, &source));
        } else {
            library.withdraw(&draft.question, &source);
        }
    }
}

impl State {
    /// Another tab's save, merged: see [`Action::MergeStored`].
    fn merge_stored(&mut self, base: Option<Rc<Work>>, stored: Option<Rc<Work>>) {
        let notice = |error: bool, text: String| Some(Notice { error, text });
        match (base, self.work.clone()) {
            // This tab started over, or opened another file: what it did stands and is saved.
            (Some(_), None) => {}
            (None, Some(_)) => {}
            (Some(b), Some(mine)) if !sync::same_questionnaire(&b, &mine) => {}
            // Nothing here: the other tab's work is shown here too.
            (None, None) => {
                if let Some(stored) = stored {
                    self.notice =
                        notice(false, format!("{} was opened in another tab; it is shown here too.", stored.file_name));
                    self.work = Some(stored);
                }
            }
            (Some(b), Some(mine)) => match sync::merge_work(&b, &mine, stored.as_deref()) {
                sync::WorkMerge::Merged { work, from_other, both } => {
                    if from_other > 0 || !both.is_empty() {
                        let s = if from_other == 1 { "" } else { "s" };
                        let mut text =
                            format!("Changes made in another tab to {from_other} question{s} were merged in here.");
                        if !both.is_empty() {
                            text.push_str(&format!(
                                " Changed in both tabs: {}; this tab's version is kept.",
                                both.join(", ")
                            ));
                        }
                        self.notice = notice(false, text);
                    }
                    self.work = Some(Rc::new(*work));
                }
                // Replaced in another tab. Without changes here, this tab follows it.
                sync::WorkMerge::Replaced if *b == *mine => {
                    self.notice = notice(
                        false,
                        match &stored {
                            Some(s) => format!("{} was opened in another tab; it is shown here too.", s.file_name),
                            None => "The questionnaire was closed in another tab (Start over).".to_string(),
                        },
                    );
                    self.work = stored;
                    self.open = None;
                    self.page = 0;
                }
                sync::WorkMerge::Replaced => {
                    self.read_only = true;
                    let now = match &stored {
                        Some(s) => format!("opened {} in its place", s.file_name),
                        None => "started over".to_string(),
                    };
                    self.notice = notice(
                        true,
                        format!("Another tab {now}. Your latest changes to {} are not saved: export them now if you need them, then reload this tab.", mine.file_name),
                    );
                }
            },
        }
        if let Some(w) = &self.work {
            if self.open.is_some_and(|i| i >= w.drafts.len()) {
                self.open = None;
            }
        }
    }
}

impl Action {
    /// Whether the view changes (and with it the review table's order).
    fn changes_view(&self) -> bool {
        matches!(
            self,
            Action::Load(_)
                | Action::DraftsAdded(..)
                | Action::DraftingFinished
                | Action::SetFilter(_)
                | Action::StartOver
                | Action::SetCrosswalk(_)
                | Action::Redraft
                | Action::MergeStored { .. }
        )
    }
}

/// A callback that dispatches the action `f` makes of its event (yew's todomvc `make_callback`),
/// instead of a dispatcher cloned by hand for each.
pub fn make_callback<E: 'static>(
    dispatch: &UseReducerDispatcher<State>,
    f: impl Fn(E) -> Action + 'static,
) -> Callback<E> {
    let dispatch = dispatch.clone();
    Callback::from(move |e| dispatch.dispatch(f(e)))
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        let reorder = action.changes_view();
        next.apply(action);
        if reorder {
            let order = next.work.as_ref().map(|w| shown(w, &next.filter)).unwrap_or_default();
            if *next.order != order {
                next.order = Rc::new(order);
            }
        }
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

impl State {
    /// What `action` changes, by what it acts on.
    fn apply(&mut self, action: Action) {
        match action {
            Action::Navigate(route) => self.route = route,
            Action::SetQuery(query) => self.query = query,
            Action::Notify(notice) => self.notice = Some(notice),
            Action::Dismiss => self.notice = None,
            Action::SetFilter(filter) => {
                self.filter = filter;
                self.page = 0;
            }
            Action::Page(page) => self.page = page,
            Action::ToggleSources(i) => self.open = if self.open == Some(i) { None } else { Some(i) },
            Action::ExportPlanned(planned) => self.export_plan = planned,
            Action::MergeStored { base, stored } => self.merge_stored(base, stored),
            Action::LibraryLoaded(_)
            | Action::LibraryEdit(..)
            | Action::LibraryRemove(_)
            | Action::LibraryMerge(_)
            | Action::MergeLibrary { .. } => self.apply_library(action),
            Action::LibrarySource(..)
            | Action::LibrarySourceRefused(_)
            | Action::LibrarySourceScope { .. }
            | Action::LibraryRetire(..) => self.apply_source(action),
            Action::SetAnswer(..)
            | Action::SetChoice(..)
            | Action::SetText(..)
            | Action::Approve(..)
            | Action::ApproveShown
            | Action::SetReplace(..)
            | Action::SetReplaceAll(_) => self.apply_review(action),
            Action::Load(_)
            | Action::DraftingStarted
            | Action::DraftsAdded(..)
            | Action::DraftingFinished
            | Action::StartOver
            | Action::SetCrosswalk(_)
            | Action::Redraft => self.apply_work(action),
        }
    }

    /// The work replaced, drafted, or drafted again.
    fn apply_work(&mut self, action: Action) {
        match action {
            Action::Load(work) => {
                self.work = Some(work);
                self.export_plan = None;
                self.read_only = false;
                self.drafting = false;
                self.page = 0;
                self.open = None;
                self.filter = Filter::default();
            }
            Action::DraftingStarted => self.drafting = true,
            Action::DraftsAdded(from, drafts) => self.add_drafts(from, drafts),
            Action::DraftingFinished => self.drafting = false,
            Action::StartOver if self.read_only => {}
            Action::StartOver => {
                self.work = None;
                self.export_plan = None;
                self.drafting = false;
                self.filter = Filter::default();
                self.page = 0;
                self.open = None;
            }
            Action::SetCrosswalk(crosswalk) => {
                if let Some(work) = self.work.as_mut() {
                    let w = Rc::make_mut(work);
                    w.crosswalk = Some(crosswalk);
                    w.redraft();
                    self.open = None;
                }
            }
            Action::Redraft => {
                if let Some(work) = self.work.as_mut() {
                    if work.pack.is_none() {
                        Rc::make_mut(work).redraft();
                        self.open = None;
                    }
                }
            }
            _ => {}
        }
    }

    /// Drafts for the questions from `from` on: a slice already there (merged in from another
    /// tab) is not added twice, nor one past the questions.
    fn add_drafts(&mut self, from: usize, drafts: Vec<Draft>) {
        let Some(work) = self.work.as_mut() else { return };
        let have = work.drafts.len();
        if from <= have && from + drafts.len() > have && from + drafts.len() <= work.questionnaire.questions.len() {
            Rc::make_mut(work).push_drafts(drafts.into_iter().skip(have - from).collect());
        }
    }

    /// The reviewer's edits, approvals and choices to replace earlier answers.
    fn apply_review(&mut self, action: Action) {
        match action {
            Action::SetAnswer(i, answer) => self.edit(i, |r| {
                r.answer = Some(answer);
                r.choice = None;
            }),
            Action::SetChoice(i, choice) => self.edit(i, |r| r.choice = Some(choice)),
            Action::SetText(i, text) => self.edit(i, |r| r.text = Some(text)),
            Action::Approve(i, approved) => self.edit(i, |r| r.approved = approved),
            Action::ApproveShown => {
                if let Some(work) = self.work.clone() {
                    let ids = self.order.as_ref().clone();
                    for i in ids {
                        if work.final_answer(i).answer != Answer::NeedsReview {
                            self.edit(i, |r| r.approved = true);
                        }
                    }
                }
            }
            Action::SetReplace(..) | Action::SetReplaceAll(_) if self.read_only => {}
            Action::SetReplace(i, replace) => {
                if let Some(work) = self.work.as_mut() {
                    if let Some(r) = Rc::make_mut(work).reviews.get_mut(i) {
                        r.replace = replace;
                    }
                    self.export_plan = None;
                }
            }
            Action::SetReplaceAll(all) => {
                if let Some(work) = self.work.as_mut() {
                    Rc::make_mut(work).replace_all = all;
                    self.export_plan = None;
                }
            }
            _ => {}
        }
    }

    /// A source given on the Library page, its scope changed, an entry retired.
    fn apply_source(&mut self, action: Action) {
        match action {
            Action::LibrarySource(other, contribution) => {
                let library = Rc::make_mut(&mut self.library);
                if contribution.kind == "questionnaire" {
                    library.gather(other);
                } else {
                    library.merge(other);
                }
                Rc::make_mut(&mut self.sources).push(SourceRead::Added(contribution));
            }
            Action::LibrarySourceRefused(message) => Rc::make_mut(&mut self.sources).push(SourceRead::Refused(message)),
            Action::LibrarySourceScope { file, scope } => {
                let scope = scope.trim().to_string();
                let prefix = format!("{file} \u{203a} ");
                let library = Rc::make_mut(&mut self.library);
                library
                    .entries
                    .iter_mut()
                    .filter(|e| e.source.starts_with(&prefix))
                    .for_each(|e| e.scope = scope.clone());
                for read in Rc::make_mut(&mut self.sources).iter_mut() {
                    if let SourceRead::Added(c) = read {
                        if c.file == file && c.kind == "questionnaire" {
                            c.scope = scope.clone();
                        }
                    }
                }
            }
            Action::LibraryRetire(i, retire) if i < self.library.entries.len() => {
                let day = if retire { self.today.clone() } else { String::new() };
                // A retired entry must say so even when the day is not known yet.
                let day = if retire && day.is_empty() { "retired".to_string() } else { day };
                Rc::make_mut(&mut self.library).entries[i].retired = day;
            }
            _ => {}
        }
    }

    /// The library restored, edited, merged with a file or with another tab's save.
    fn apply_library(&mut self, action: Action) {
        match action {
            Action::LibraryLoaded(library) => {
                // Approvals made before the saved library was read are kept over it.
                let mut loaded = library;
                for e in &self.library.entries {
                    loaded.record(e.clone());
                }
                self.library = Rc::new(loaded);
            }
            Action::LibraryEdit(i, entry) if i < self.library.entries.len() => {
                Rc::make_mut(&mut self.library).entries[i] = entry;
            }
            Action::LibraryRemove(i) if i < self.library.entries.len() => {
                Rc::make_mut(&mut self.library).entries.remove(i);
            }
            Action::LibraryMerge(other) => {
                Rc::make_mut(&mut self.library).merge(other);
            }
            Action::MergeLibrary { base, stored } => {
                self.library = Rc::new(sync::merge_library(&base, &self.library, &stored));
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use trustdraft_core::jobs;
    use trustdraft_core::Engine;
    use trustdraft_core::ImportOptions;

    fn work() -> Work {
        let bytes =
            b"id,question\nQ1,Is data encrypted at rest?\nQ2,Do you have CCTV in the offices?\nQ3,Is SSO available?\n"
                .to_vec();
        let q = jobs::import("q.csv", &bytes).unwrap();
        let drafts = Engine::embedded_default().unwrap().draft_questionnaire(&q, None);
        let mut w = Work::new("q.csv", bytes, ImportOptions::default(), q);
        w.push_drafts(drafts);
        w
    }

    fn run(actions: Vec<Action>) -> Rc<State> {
        let mut state = Rc::new(State::default());
        for a in actions {
            state = state.reduce(a);
        }
        state
    }

    #[test]
    fn typing_keeps_the_page_and_navigating_keeps_the_query() {
        let s = run(vec![Action::SetQuery("mfa".into()), Action::Navigate(Route::Browse)]);
        assert_eq!((s.route, s.query.as_str()), (Route::Browse, "mfa"));
    }

    #[test]
    fn an_unchanged_state_is_the_same_rc() {
        let state = Rc::new(State::default());
        let same = state.clone().reduce(Action::Navigate(Route::Ask));
        assert!(Rc::ptr_eq(&state, &same));
    }

    #[test]
    fn doubtful_drafts_come_first_and_approved_ones_last() {
        let s = run(vec![Action::Load(Rc::new(work()))]);
        let order = shown(s.work.as_ref().unwrap(), &s.filter);
        assert_eq!(order[0], 1, "the CCTV question needs review");
        let w = s.work.as_ref().unwrap();
        let doubts: Vec<u8> = order.iter().map(|&i| doubt_order(w, i)).collect();
        assert!(doubts.windows(2).all(|p| p[0] <= p[1]), "{doubts:?}");
        let s = s.reduce(Action::Approve(1, true));
        assert_eq!(*shown(s.work.as_ref().unwrap(), &s.filter).last().unwrap(), 1);
        // The table keeps its order until the view changes: the approved row stays put.
        assert_eq!(s.order[0], 1, "no row moves under the pointer");
        let filter = s.filter.clone();
        let s = s.reduce(Action::SetFilter(filter));
        assert_eq!(*s.order.last().unwrap(), 1);
    }

    #[test]
    fn suggestions_come_before_questions_the_posture_does_not_cover_and_assertions_last() {
        let bytes = b"id,question\nA,Is data encrypted at rest?\nC,Do you have CCTV in the offices?\nS,Do you keep an inventory of your hardware and software assets?\n".to_vec();
        let q = jobs::import("q.csv", &bytes).unwrap();
        let drafts = Engine::embedded_default().unwrap().draft_questionnaire(&q, None);
        let mut w = Work::new("q.csv", bytes, ImportOptions::default(), q);
        w.push_drafts(drafts);
        let ids: Vec<&str> = shown(&w, &Filter::default()).iter().map(|&i| w.drafts[i].id.as_str()).collect();
        assert_eq!(ids, ["S", "C", "A"], "the suggestion to confirm, the question to answer, the assertion");
    }

    #[test]
    fn replacing_earlier_answers_is_chosen_per_question_or_for_all_and_closes_the_plan() {
        let planned = Action::ExportPlanned(Some(Planned {
            summary: Rc::new(Summary::default()),
            work: Rc::new(work()),
            token: 1,
        }));
        let s = run(vec![Action::Load(Rc::new(work())), planned.clone(), Action::SetReplace(1, true)]);
        let w = s.work.as_ref().unwrap();
        assert!(w.reviews[1].replace && !w.reviews[0].replace);
        assert_eq!(w.replace().ids.into_iter().collect::<Vec<_>>(), ["Q2"]);
        assert!(s.export_plan.is_none(), "the plan shown no longer holds");
        let s = run(vec![Action::Load(Rc::new(work())), planned, Action::SetReplaceAll(true)]);
        assert!(s.work.as_ref().unwrap().replace().all);
        assert!(s.export_plan.is_none());
    }

    #[test]
    fn edits_and_approvals_change_the_final_answer() {
        let s = run(vec![
            Action::Load(Rc::new(work())),
            Action::SetAnswer(1, Answer::No),
            Action::SetText(1, "No CCTV: we run no offices with servers.".into()),
            Action::Approve(1, true),
        ]);
        let w = s.work.as_ref().unwrap();
        assert_eq!(w.final_answer(1).answer, Answer::No);
        assert_eq!(w.final_answer(1).text, "No CCTV: we run no offices with servers.");
        assert_eq!(w.counts(), (1, 2));
    }

    #[test]
    fn bulk_approval_skips_drafts_without_an_answer() {
        let s = run(vec![Action::Load(Rc::new(work())), Action::ApproveShown]);
        assert_eq!(s.work.as_ref().unwrap().counts(), (2, 1));
    }

    #[test]
    fn filters_narrow_the_table_and_reset_the_page() {
        let s = run(vec![
            Action::Load(Rc::new(work())),
            Action::Page(3),
            Action::SetFilter(Filter { answer: Some(Answer::Yes), ..Filter::default() }),
        ]);
        assert_eq!(s.page, 0);
        assert_eq!(shown(s.work.as_ref().unwrap(), &s.filter), vec![0]);
        let s = s.reduce(Action::SetFilter(Filter { text: "sso".into(), ..Filter::default() }));
        assert_eq!(shown(s.work.as_ref().unwrap(), &s.filter), vec![2]);
    }

    #[test]
    fn drafts_arrive_in_chunks_and_never_past_the_questions() {
        let mut w = work();
        let drafts = w.drafts.clone();
        w.drafts.clear();
        w.reviews.clear();
        let s = run(vec![
            Action::Load(Rc::new(w)),
            Action::DraftingStarted,
            Action::DraftsAdded(0, drafts[..2].to_vec()),
            Action::DraftsAdded(2, drafts[2..].to_vec()),
            Action::DraftsAdded(2, drafts[2..].to_vec()),
            Action::DraftsAdded(1, drafts[1..].to_vec()),
            Action::DraftingFinished,
        ]);
        assert_eq!(s.work.as_ref().unwrap().drafts.len(), 3);
        assert!(!s.drafting);
    }

    #[test]
    fn approving_records_in_the_library_and_withdrawing_removes_it() {
        let mut s = run(vec![Action::Load(Rc::new(work()))]);
        Rc::make_mut(&mut s).today = "2026-11-22".into();
        let s = s.reduce(Action::Approve(0, true));
        assert_eq!(s.library.len(), 1);
        assert_eq!(s.library.entries[0].approved, "2026-11-22");
        assert_eq!(s.library.entries[0].source, "q.csv › Q1");
        let s = s.reduce(Action::SetText(0, "Edited after approval.".into()));
        assert_eq!(s.library.entries[0].text, "Edited after approval.");
        let s = s.reduce(Action::Approve(0, false));
        assert!(s.library.is_empty());
    }

    fn earlier(question: &str, answer: Answer, source: &str, scope: &str) -> Entry {
        Entry {
            question: question.into(),
            answer,
            choice: None,
            text: String::new(),
            citations: vec![],
            approved: "2026-12-01".into(),
            source: source.into(),
            scope: scope.into(),
            refs: vec![],
            retired: String::new(),
        }
    }

    fn filled(file: &str, entries: Vec<Entry>) -> Action {
        let contribution = Contribution {
            file: file.into(),
            kind: "questionnaire".into(),
            scope: entries.first().map(|e| e.scope.clone()).unwrap_or_default(),
            entries: entries.len(),
            questions: Some(entries.len() + 1),
            answered: Some(entries.len()),
            in_words: Some(0),
            unanswered: Some(1),
            notes: vec![],
        };
        Action::LibrarySource(Library { entries, ..Library::default() }, contribution)
    }

    #[test]
    fn a_filled_questionnaire_joins_the_library_beside_what_is_there_and_is_listed() {
        let mine = earlier("Is MFA enforced?", Answer::Yes, "q.csv › Q1", "");
        let s = run(vec![Action::LibraryLoaded(Library { entries: vec![mine], ..Library::default() })]);
        let s = s.reduce(filled(
            "portal-2025.xlsx",
            vec![earlier("Is MFA enforced?", Answer::No, "portal-2025.xlsx › 1.1 (answered before)", "portal-2025")],
        ));
        assert_eq!(s.library.len(), 2, "a different answer to the same question is kept beside: a conflict");
        let SourceRead::Added(c) = &s.sources[0] else { panic!("{:?}", s.sources) };
        assert_eq!((c.file.as_str(), c.entries, c.unanswered), ("portal-2025.xlsx", 1, Some(1)));
    }

    #[test]
    fn a_refused_source_is_listed_and_changes_nothing() {
        let s = run(vec![filled("a.xlsx", vec![earlier("Q?", Answer::Yes, "a.xlsx › 1 (answered before)", "a")])]);
        let before = s.library.clone();
        let s = s.reduce(Action::LibrarySourceRefused("b.xlsx: the workbook is damaged".into()));
        assert_eq!(s.library, before);
        assert_eq!(s.sources[1], SourceRead::Refused("b.xlsx: the workbook is damaged".into()));
    }

    #[test]
    fn a_sources_scope_is_changed_on_its_entries_only() {
        let s = run(vec![
            filled("a.xlsx", vec![earlier("One?", Answer::Yes, "a.xlsx › 1 (answered before)", "a")]),
            filled("b.xlsx", vec![earlier("Two?", Answer::Yes, "b.xlsx › 1 (answered before)", "b")]),
        ]);
        let s = s.reduce(Action::LibrarySourceScope { file: "a.xlsx".into(), scope: " Portal ".into() });
        let scopes: Vec<&str> = s.library.entries.iter().map(|e| e.scope.as_str()).collect();
        assert_eq!(scopes, ["Portal", "b"]);
        let SourceRead::Added(c) = &s.sources[0] else { panic!() };
        assert_eq!(c.scope, "Portal");
    }

    #[test]
    fn an_entry_is_retired_on_the_day_and_put_back() {
        let mut s =
            run(vec![filled("a.xlsx", vec![earlier("One?", Answer::Yes, "a.xlsx › 1 (answered before)", "a")])]);
        Rc::make_mut(&mut s).today = "2026-12-07".into();
        let s = s.reduce(Action::LibraryRetire(0, true));
        assert_eq!(s.library.entries[0].retired, "2026-12-07");
        let s = s.reduce(Action::LibraryRetire(0, false));
        assert_eq!(s.library.entries[0].retired, "");
        let s = s.reduce(Action::LibraryRetire(5, true));
        assert_eq!(s.library.len(), 1, "an index past the end changes nothing");
    }

    #[test]
    fn a_crosswalk_redrafts_and_keeps_edits_but_not_blind_approvals() {
        let s = run(vec![
            Action::Load(Rc::new(work())),
            Action::Approve(0, true),
            Action::SetAnswer(1, Answer::No),
            Action::SetText(1, "No CCTV.".into()),
            Action::Approve(1, true),
            Action::SetCrosswalk(Crosswalk::default()),
        ]);
        let w = s.work.as_ref().unwrap();
        assert!(w.drafts.is_empty());
        assert!(w.crosswalk.is_some());
        assert!(!w.reviews[0].approved, "approved an old draft's text: asked again");
        assert!(w.reviews[1].approved && w.reviews[1].text.as_deref() == Some("No CCTV."));
    }

    #[test]
    fn another_tabs_approval_is_merged_in_and_a_replaced_questionnaire_makes_this_tab_read_only() {
        let base = Rc::new(work());
        let s = run(vec![Action::Load(base.clone()), Action::Approve(0, true)]);
        let mut theirs = (*base).clone();
        theirs.reviews[2].approved = true;
        let s = s.reduce(Action::MergeStored { base: Some(base.clone()), stored: Some(Rc::new(theirs)) });
        let w = s.work.as_ref().unwrap();
        assert!(w.reviews[0].approved && w.reviews[2].approved, "both tabs' approvals");
        assert!(s
            .notice
            .as_ref()
            .unwrap()
            .text
            .starts_with("Changes made in another tab to 1 question were merged in"));

        let other = {
            let q = jobs::import(
                "other.csv",
                b"id,question
Z1,Is there a SOC 2 report?
",
            )
            .unwrap();
            Rc::new(Work::new("other.csv", Vec::new(), ImportOptions::default(), q))
        };
        let replaced = s.clone().reduce(Action::MergeStored { base: Some(base.clone()), stored: Some(other.clone()) });
        assert!(replaced.read_only);
        assert!(replaced
            .notice
            .as_ref()
            .unwrap()
            .text
            .starts_with("Another tab opened other.csv in its place. Your latest changes to q.csv are not saved"));
        let refused = replaced.clone().reduce(Action::Approve(1, true));
        assert!(!refused.work.as_ref().unwrap().reviews[1].approved, "a read-only tab takes no edits");
        // Without changes of its own, a tab follows the other tab's new questionnaire.
        let unchanged =
            run(vec![Action::Load(base.clone())]).reduce(Action::MergeStored { base: Some(base), stored: Some(other) });
        assert_eq!(unchanged.work.as_ref().unwrap().file_name, "other.csv");
        assert!(!unchanged.read_only);
    }

    #[test]
    fn start_over_drops_the_work() {
        let s = run(vec![Action::Load(Rc::new(work())), Action::StartOver]);
        assert!(s.work.is_none());
    }
}
