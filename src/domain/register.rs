//! Searching, filtering and sorting the pilot list. Done in Rust rather than SQL so that
//! case-insensitive search and sorting work for umlauts and ß as a German reader expects.

use serde::{Deserialize, Serialize};

use crate::domain::pilot::{Pilot, Status};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum SortKey {
    #[default]
    Name,
    Town,
    District,
    Status,
    Created,
}

/// What the list shows: free-text search plus filters and a sort order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
#[ts(optional_fields = nullable)]
pub struct PilotQuery {
    /// Matches first or last name, town, municipality or a language (case-insensitive).
    pub search: Option<String>,
    pub district: Option<String>,
    pub status: Option<Status>,
    pub language: Option<String>,
    pub sort: Option<SortKey>,
    #[ts(as = "Option<bool>", optional)]
    pub desc: bool,
}

/// Folds text for comparing: lower case, umlauts and ß spelled out, as in a German phone book.
pub fn fold(s: &str) -> String {
    let s = s.trim();
    // Most names are plain ASCII: lower-cased at once (the same as char by char below).
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        match c {
            'ä' => out.push_str("ae"),
            'ö' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            'ß' => out.push_str("ss"),
            'ş' => out.push('s'),
            'ç' => out.push('c'),
            'ğ' => out.push('g'),
            'ı' => out.push('i'),
            _ => out.push(c),
        }
    }
    out
}

fn nonblank(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// Applies a query to the full list of pilots: the pilots it finds, in its order.
pub fn apply<'a>(all: &'a [Pilot], q: &PilotQuery) -> Vec<&'a Pilot> {
    let search = nonblank(&q.search).map(fold);
    let mut pilots: Vec<&Pilot> = all.iter().collect();
    pilots.retain(|p| {
        if let Some(d) = nonblank(&q.district) {
            if p.district.as_deref() != Some(d) {
                return false;
            }
        }
        if q.status.is_some_and(|s| s != p.status) {
            return false;
        }
        if let Some(l) = nonblank(&q.language) {
            if !p.languages.iter().any(|x| x == l) {
                return false;
            }
        }
        match &search {
            None => true,
            Some(term) => {
                let full = fold(&format!("{} {}", p.first_name, p.last_name));
                let reversed = fold(&format!("{}, {}", p.last_name, p.first_name));
                full.contains(term.as_str())
                    || reversed.contains(term.as_str())
                    || fold(&p.town).contains(term.as_str())
                    || p.municipality
                        .as_deref()
                        .is_some_and(|m| fold(m).contains(term.as_str()))
                    || p.languages.iter().any(|l| fold(l).contains(term.as_str()))
            }
        }
    });
    let name_key = |p: &&Pilot| (fold(&p.last_name), fold(&p.first_name), p.id);
    match q.sort.unwrap_or_default() {
        SortKey::Name => pilots.sort_by_cached_key(name_key),
        SortKey::Town => pilots.sort_by_cached_key(|p| (fold(&p.town), name_key(p))),
        SortKey::District => {
            pilots.sort_by_cached_key(|p| (p.district.is_none(), p.district.clone(), name_key(p)))
        }
        SortKey::Status => pilots.sort_by_cached_key(|p| (p.status, name_key(p))),
        SortKey::Created => pilots.sort_by_key(|p| p.id),
    }
    if q.desc {
        pilots.reverse();
    }
    pilots
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(
        id: i64,
        first: &str,
        last: &str,
        town: &str,
        district: &str,
        langs: &[&str],
        status: Status,
    ) -> Pilot {
        Pilot {
            id,
            first_name: first.into(),
            last_name: last.into(),
            birth_date: None,
            street: String::new(),
            postcode: String::new(),
            town: town.into(),
            municipality: None,
            district: Some(district.into()),
            phone: String::new(),
            email: String::new(),
            languages: langs.iter().map(|s| s.to_string()).collect(),
            recruitment_source: None,
            account_holder: String::new(),
            bic: String::new(),
            iban: String::new(),
            notes: String::new(),
            status,
            created_at: String::new(),
            updated_at: String::new(),
        }
    }

    fn sample() -> Vec<Pilot> {
        vec![
            p(
                1,
                "Ayşe",
                "Müller-Öztürk",
                "Quedlinburg",
                "Quedlinburg",
                &["Türkisch", "Deutsch"],
                Status::Active,
            ),
            p(
                2,
                "Jonas",
                "Mahler",
                "Wernigerode",
                "Wernigerode",
                &["Arabisch"],
                Status::Prospect,
            ),
            p(
                3,
                "Lena",
                "Özdemir",
                "Halberstadt",
                "Halberstadt",
                &["Kurdisch"],
                Status::Active,
            ),
            p(
                4,
                "Ömer",
                "Albers",
                "Thale",
                "Quedlinburg",
                &["Dari/Farsi"],
                Status::Paused,
            ),
        ]
    }

    fn ids(v: Vec<&Pilot>) -> Vec<i64> {
        v.into_iter().map(|p| p.id).collect()
    }

    #[test]
    fn search_ignores_case_and_umlauts() {
        let q = |s: &str| PilotQuery {
            search: Some(s.into()),
            ..Default::default()
        };
        assert_eq!(ids(apply(&sample(), &q("MÜLLER"))), vec![1]);
        assert_eq!(ids(apply(&sample(), &q("mueller"))), vec![1]);
        assert_eq!(ids(apply(&sample(), &q("ayse"))), vec![1]);
        assert_eq!(ids(apply(&sample(), &q("thale"))), vec![4]);
        assert_eq!(ids(apply(&sample(), &q("arab"))), vec![2]);
        assert_eq!(ids(apply(&sample(), &q("nobody"))), Vec::<i64>::new());
    }

    #[test]
    fn filters_combine() {
        let q = PilotQuery {
            district: Some("Quedlinburg".into()),
            status: Some(Status::Active),
            ..Default::default()
        };
        assert_eq!(ids(apply(&sample(), &q)), vec![1]);
        let q = PilotQuery {
            language: Some("Kurdisch".into()),
            ..Default::default()
        };
        assert_eq!(ids(apply(&sample(), &q)), vec![3]);
    }

    #[test]
    fn sorting() {
        // Name: Albers, Mahler, Müller-Öztürk, Özdemir (Ö sorts as Oe).
        assert_eq!(
            ids(apply(&sample(), &PilotQuery::default())),
            vec![4, 2, 1, 3]
        );
        let q = PilotQuery {
            sort: Some(SortKey::Town),
            desc: true,
            ..Default::default()
        };
        assert_eq!(ids(apply(&sample(), &q)), vec![2, 4, 1, 3]);
        let q = PilotQuery {
            sort: Some(SortKey::Status),
            ..Default::default()
        };
        assert_eq!(ids(apply(&sample(), &q)), vec![2, 1, 3, 4]);
    }
}
