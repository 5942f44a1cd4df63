//! clap speaks English; the person at the desk reads German. Help and usage errors are rendered by
//! clap and then put into German here, so no English message reaches the user. The table covers
//! every phrase clap 4 prints for this command line (checked by tests/cli.rs).

use std::process::ExitCode;

/// clap's phrases and their German wording, longest first where one contains another.
const PHRASES: &[(&str, &str)] = &[
    (
        "the following required arguments were not provided:",
        "Diese Pflichtangaben fehlen:",
    ),
    (
        "Print this message or the help of the given subcommand(s)",
        "Diese Hilfe oder die Hilfe eines Befehls anzeigen",
    ),
    (
        "Print help (see more with '--help')",
        "Hilfe anzeigen (ausführlicher mit „--help“)",
    ),
    (
        "Print help (see a summary with '-h')",
        "Hilfe anzeigen (kurz mit „-h“)",
    ),
    ("Print help", "Hilfe anzeigen"),
    ("Print version", "Version anzeigen"),
    (
        "For more information, try '--help'.",
        "Mehr dazu mit „--help“.",
    ),
    ("unrecognized subcommand", "unbekannter Befehl"),
    ("unexpected argument", "unerwartete Angabe"),
    ("invalid value", "ungültiger Wert"),
    // Before "for '", which would take this phrase's last word.
    ("a value is required for", "es fehlt ein Wert für"),
    ("for '", "für „"),
    ("' found", "“"),
    (" but none was supplied", ""),
    ("the argument", "die Angabe"),
    ("cannot be used multiple times", "darf nur einmal vorkommen"),
    ("cannot be used with", "passt nicht zusammen mit"),
    ("possible values:", "mögliche Werte:"),
    ("similar subcommands exist:", "ähnliche Befehle:"),
    ("a similar subcommand exists:", "ein ähnlicher Befehl:"),
    ("a similar argument exists:", "eine ähnliche Angabe:"),
    ("to pass", "um"),
    ("as a value, use", "als Wert anzugeben, bitte"),
    (
        "requires a subcommand but one was not provided",
        "braucht einen Befehl, es wurde keiner angegeben",
    ),
    ("subcommands:", "Befehle:"),
    ("invalid digit found in string", "keine gültige Zahl"),
    ("number too large to fit in target type", "Zahl zu groß"),
    ("cannot parse integer from empty string", "leere Zahl"),
    ("[default: ", "[Standard: "),
    ("[env: ", "[Umgebungsvariable: "),
    ("[aliases: ", "[auch: "),
    ("[possible values: ", "[mögliche Werte: "),
    ("Usage:", "Aufruf:"),
    ("Commands:", "Befehle:"),
    ("Options:", "Optionen:"),
    ("Arguments:", "Argumente:"),
    ("[OPTIONS]", "[OPTIONEN]"),
    ("<COMMAND>", "<BEFEHL>"),
    ("error:", "Fehler:"),
    ("tip:", "Tipp:"),
    ("': ", "“: "),
    ("' ", "“ "),
    (" '", " „"),
    ("'\n", "“\n"),
];

/// clap's text in German.
pub fn translate(text: &str) -> String {
    PHRASES
        .iter()
        .fold(text.to_string(), |t, (en, de)| t.replace(en, de))
}

/// Prints a clap error (or the help/version it stands for) in German; help and version go to
/// stdout with success, usage errors to stderr with exit code 2.
pub fn exit_with(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind::{
        DisplayHelp, DisplayHelpOnMissingArgumentOrSubcommand, DisplayVersion,
    };
    let text = translate(&e.render().to_string());
    match e.kind() {
        DisplayHelp | DisplayVersion => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        DisplayHelpOnMissingArgumentOrSubcommand => {
            eprint!("{text}");
            ExitCode::from(2)
        }
        _ => {
            eprint!("{text}");
            ExitCode::from(2)
        }
    }
}
