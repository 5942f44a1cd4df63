//! `lotsen pilots export-data ID --out FILE`: everything stored about a person (Art. 15 DSGVO).

use std::path::PathBuf;

use lotsen::app::Session;
use lotsen::Result;

#[derive(clap::Args)]
pub struct Args {
    id: i64,
    /// Datei (.pdf oder .json) oder Ordner (dann PDF unter dem Vorschlagsnamen)
    #[arg(long)]
    out: PathBuf,
}

pub fn run(session: &mut Session, args: Args) -> Result<()> {
    // A folder: the PDF under its proposed name, legal on Windows for every script.
    if args.out.is_dir() {
        let doc = session.personal_data_export(args.id, "pdf")?;
        let path = args.out.join(&doc.name);
        lotsen::documents::write_file(&path, &doc.bytes)?;
        eprintln!(
            "Auskunft nach Art. 15 DSGVO gespeichert: {}",
            path.display()
        );
        return Ok(());
    }
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
