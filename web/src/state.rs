//! The app's state and the one reducer that changes it. Pure: no DOM, no storage.

use std::rc::Rc;

use yew::Reducible;

use crate::route::Route;

/// Everything the UI shows that is not derived from the posture.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub route: Route,
    /// The Ask box's text.
    pub query: String,
}

impl Default for State {
    fn default() -> State {
        State { route: Route::Ask, query: String::new() }
    }
}

/// What the user (or the browser) did.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Navigate(Route),
    SetQuery(String),
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Navigate(route) => next.route = route,
            Action::SetQuery(query) => next.query = query,
        }
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(actions: Vec<Action>, expected: State) {
        let mut state = Rc::new(State::default());
        for a in actions {
            state = state.reduce(a);
        }
        assert_eq!(*state, expected);
    }

    #[test]
    fn typing_keeps_the_page_and_navigating_keeps_the_query() {
        check(
            vec![Action::SetQuery("mfa".into()), Action::Navigate(Route::Posture)],
            State { route: Route::Posture, query: "mfa".into() },
        );
    }

    #[test]
    fn an_unchanged_state_is_the_same_rc() {
        let state = Rc::new(State::default());
        let same = state.clone().reduce(Action::Navigate(Route::Ask));
        assert!(Rc::ptr_eq(&state, &same));
    }
}
