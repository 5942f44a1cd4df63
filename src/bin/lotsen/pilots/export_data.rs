//! `lotsen pilots export-data ID --out FILE`: everything stored about a person (Art. 15 DSGVO).

use std::path::PathBuf;

use lotsen::app::Session;
use lotsen::Result;

#[derive(clap::Args)]
pub struct Args {
    id: i64,
    #[arg(long)]
    out: PathBuf,
}

pub fn run(session: &mut Session, args: Args) -> Result<()> {
    let store = session.store();
    let data = store.personal_data(args.id, session.today())?;
    let as_json = args
        .out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let bytes = if as_json {
        serde_json::to_vec_pretty(&data).expect("personal data serialises")
    } else {
        lotsen::documents::personal_data_pdf(&data, &store.settings()?.letterhead)?
    };
    lotsen::documents::write_file(&args.out, &bytes)?;
    eprintln!(
        "Auskunft nach Art. 15 DSGVO gespeichert: {}",
        args.out.display()
    );
    Ok(())
}
