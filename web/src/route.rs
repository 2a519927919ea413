//! The app's pages and their URL fragments (`#ask`, `#questionnaire`, `#posture`).

/// A page of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    Ask,
    Questionnaire,
    Posture,
}

impl Route {
    pub const ALL: [Route; 3] = [Route::Ask, Route::Questionnaire, Route::Posture];

    /// Reads a location hash (`#posture`); anything unknown is the Ask page.
    pub fn from_hash(hash: &str) -> Route {
        let name = hash.trim_start_matches('#').trim_start_matches('/');
        let name = name.split(['?', '/']).next().unwrap_or("");
        match name {
            "posture" => Route::Posture,
            "questionnaire" => Route::Questionnaire,
            _ => Route::Ask,
        }
    }

    pub fn hash(self) -> &'static str {
        match self {
            Route::Ask => "#ask",
            Route::Questionnaire => "#questionnaire",
            Route::Posture => "#posture",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Route::Ask => "Ask",
            Route::Questionnaire => "Questionnaire",
            Route::Posture => "Posture",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_round_trip_and_unknown_is_ask() {
        for route in Route::ALL {
            assert_eq!(Route::from_hash(route.hash()), route);
        }
        assert_eq!(Route::from_hash(""), Route::Ask);
        assert_eq!(Route::from_hash("#/posture"), Route::Posture);
        assert_eq!(Route::from_hash("#nonsense"), Route::Ask);
    }
}
