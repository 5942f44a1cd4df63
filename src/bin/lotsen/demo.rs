//! `lotsen demo`: fictitious pilots for trying the app out.

use lotsen::app::Session;
use lotsen::db::demo;
use lotsen::Result;

use crate::output::out;

pub fn run(session: &mut Session) -> Result<()> {
    let (today, who) = (session.today(), session.actor());
    let n = demo::load(session.store_mut(), today, &who)?;
    out(&format!(
        "{n} fiktive Lotsen angelegt in {}",
        session.db_path().display()
    ));
    Ok(())
}
