//! `lotsen report annual|grant|certificate YEAR`: Jahresbericht, Verwendungsnachweis (PDF or XLSX
//! by the file's extension) and the Jahresbescheinigungen (one PDF per pilot plus the combined one).

use std::path::PathBuf;

use lotsen::app::files::safe_file_name;
use lotsen::app::progress::quiet;
use lotsen::app::reports::{ReportFormat, ReportKind};
use lotsen::app::Session;
use lotsen::Result;

#[derive(clap::Subcommand)]
pub enum Command {
    /// Jahresbericht für das Integrationsnetzwerk (anonym)
    Annual {
        year: i32,
        /// FILE.pdf oder FILE.xlsx
        #[arg(long)]
        out: PathBuf,
    },
    /// Verwendungsnachweis eines Haushaltsjahres (Nachweis, Belegliste, Sachbericht)
    Grant {
        year: i32,
        /// FILE.pdf oder FILE.xlsx
        #[arg(long)]
        out: PathBuf,
    },
    /// Jahresbescheinigungen (nur bezahlte Läufe): je Lotse eine PDF-Datei und die Sammeldatei
    Certificate {
        year: i32,
        /// nur für diesen Lotsen (Nr.)
        id: Option<i64>,
        /// Ordner für die PDF-Dateien
        #[arg(long)]
        out: PathBuf,
    },
}

pub fn run(session: &mut Session, cmd: Command) -> Result<()> {
    match cmd {
        Command::Annual { year, out } => one(session, ReportKind::Annual, year, &out),
        Command::Grant { year, out } => one(session, ReportKind::Grant, year, &out),
        Command::Certificate { year, id, out } => {
            let job = session.report_job(ReportKind::Certificate, year, id)?;
            let combined = job.document(ReportFormat::Pdf, &quiet)?;
            let singles = job.single_certificates(&quiet)?;
            for doc in &singles {
                doc.save_to(&out.join(safe_file_name(&doc.name)))?;
            }
            if singles.len() > 1 {
                combined.save_to(&out.join(safe_file_name(&combined.name)))?;
            }
            eprintln!(
                "{} Jahresbescheinigung(en) {year} geschrieben nach {}",
                singles.len(),
                out.display()
            );
            Ok(())
        }
    }
}

fn one(session: &Session, kind: ReportKind, year: i32, out: &std::path::Path) -> Result<()> {
    let format = ReportFormat::of_path(out)?;
    let job = session.report_job(kind, year, None)?;
    job.document(format, &quiet)?.save_to(out)?;
    let what = match kind {
        ReportKind::Annual => "Jahresbericht",
        _ => "Verwendungsnachweis",
    };
    eprintln!("{what} {year} gespeichert: {}", out.display());
    Ok(())
}
