//! The register as a large office sees it: one page of the list at a time (the window never holds
//! ten thousand rows), and the pilots' names alone where a screen only names pilots (the drill-down
//! of the overview, the attendance list, the choice of a pilot for a certificate). Which pilots a
//! query finds and in which order is the core's (`domain::register::apply`), as for the full list.

use serde::{Deserialize, Serialize};

use crate::domain::pilot::{Pilot, Status};
use crate::domain::register::{self, PilotQuery, SortKey};
use crate::error::Result;

use super::Session;

/// The most rows one page may ask for.
pub const MAX_PAGE: usize = 500;

/// Which rows of the list: `limit` rows from `offset` (0 is the first row).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct PageRequest {
    pub offset: usize,
    pub limit: usize,
}

/// One page of the list: `total` rows match the query; `pilots` are those from `offset` on.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct PilotPage {
    pub total: usize,
    pub offset: usize,
    pub pilots: Vec<Pilot>,
}

/// A pilot as a screen names them: for lists of names and for a choice of pilot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct PilotName {
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    pub town: String,
    pub status: Status,
}

impl From<&Pilot> for PilotName {
    fn from(p: &Pilot) -> PilotName {
        PilotName {
            id: p.id,
            first_name: p.first_name.clone(),
            last_name: p.last_name.clone(),
            town: p.town.clone(),
            status: p.status,
        }
    }
}

/// The rows of `page` out of the whole `list`.
pub fn page_of(list: &[&Pilot], page: PageRequest) -> PilotPage {
    let total = list.len();
    let offset = page.offset.min(total);
    let limit = page.limit.min(MAX_PAGE);
    let pilots = list
        .iter()
        .skip(offset)
        .take(limit)
        .map(|p| (*p).clone())
        .collect();
    PilotPage {
        total,
        offset,
        pilots,
    }
}

impl Session {
    /// One page of the list the query finds, in its order.
    pub fn pilot_page(&self, query: &PilotQuery, page: PageRequest) -> Result<PilotPage> {
        let all = self.store().pilots()?;
        Ok(page_of(&register::apply(&all, query), page))
    }

    /// Every pilot's name, in the register's name order.
    pub fn pilot_names(&self) -> Result<Vec<PilotName>> {
        let query = PilotQuery {
            sort: Some(SortKey::Name),
            ..PilotQuery::default()
        };
        let all = self.store().pilots()?;
        Ok(register::apply(&all, &query)
            .into_iter()
            .map(PilotName::from)
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pilot(id: i64) -> Pilot {
        Pilot {
            town: "Kassel".into(),
            ..Pilot::named(id, &format!("Vorname{id}"), &format!("Nachname{id}"))
        }
    }

    fn ids(page: &PilotPage) -> Vec<i64> {
        page.pilots.iter().map(|p| p.id).collect()
    }

    #[test]
    fn a_page_is_the_rows_from_its_offset_and_counts_all() {
        let all: Vec<Pilot> = (1..=250).map(pilot).collect();
        let list: Vec<&Pilot> = all.iter().collect();
        let second = page_of(
            &list,
            PageRequest {
                offset: 100,
                limit: 100,
            },
        );
        assert_eq!((second.total, second.offset), (250, 100));
        assert_eq!(ids(&second), (101..=200).collect::<Vec<_>>());
        let last = page_of(
            &list,
            PageRequest {
                offset: 200,
                limit: 100,
            },
        );
        assert_eq!(ids(&last), (201..=250).collect::<Vec<_>>());
        let past = page_of(
            &list,
            PageRequest {
                offset: 900,
                limit: 100,
            },
        );
        assert_eq!((past.total, past.offset, past.pilots.len()), (250, 250, 0));
    }

    #[test]
    fn a_page_never_holds_more_than_the_most_rows() {
        let all: Vec<Pilot> = (1..=1200).map(pilot).collect();
        let list: Vec<&Pilot> = all.iter().collect();
        let page = page_of(
            &list,
            PageRequest {
                offset: 0,
                limit: 10_000,
            },
        );
        assert_eq!(page.pilots.len(), MAX_PAGE);
        assert_eq!(page.total, 1200);
    }
}
