//! The layers of docs/ARCHITECTURE.md, checked on the source: the domain is pure and acyclic, the
//! lower layers never call up into the application layer, and the edges hold no parsing.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// The code of a file without its `#[cfg(test)]` part (tests may use anything).
fn code(path: &Path) -> String {
    let text = fs::read_to_string(path).unwrap();
    match text.find("#[cfg(test)]") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

fn rust_files(dir: &str) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn domain_uses_no_storage_files_or_clock() {
    let forbidden = [
        "rusqlite",
        "crate::db",
        "crate::app",
        "crate::documents",
        "crate::io",
        "std::fs",
        "std::env",
        "Local::now",
        "Utc::now",
        "SystemTime",
        "printpdf",
    ];
    let files = rust_files("src/domain");
    assert!(files.len() >= 10, "domain modules found: {}", files.len());
    for f in files {
        let c = code(&f);
        for word in forbidden {
            assert!(!c.contains(word), "{} uses {word}", f.display());
        }
    }
}

#[test]
fn domain_modules_have_no_cycles() {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in rust_files("src/domain") {
        let name = f.file_stem().unwrap().to_string_lossy().to_string();
        let c = code(&f);
        let deps = c
            .match_indices("crate::domain::")
            .map(|(i, m)| {
                c[i + m.len()..]
                    .chars()
                    .take_while(|ch| ch.is_ascii_alphanumeric() || *ch == '_')
                    .collect::<String>()
            })
            .filter(|d| !d.is_empty() && *d != name)
            .collect();
        graph.insert(name, deps);
    }
    // Depth-first search for a back edge.
    fn visit(
        n: &str,
        g: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        path: &mut Vec<String>,
    ) {
        match state.get(n) {
            Some(2) => return,
            Some(1) => panic!("cycle between domain modules: {} -> {n}", path.join(" -> ")),
            _ => {}
        }
        state.insert(n.into(), 1);
        path.push(n.into());
        for d in g.get(n).into_iter().flatten() {
            visit(d, g, state, path);
        }
        path.pop();
        state.insert(n.into(), 2);
    }
    let mut state = BTreeMap::new();
    for n in graph.keys() {
        visit(n, &graph, &mut state, &mut Vec::new());
    }
}

#[test]
fn lower_layers_never_call_the_application_layer() {
    for dir in ["src/db", "src/documents", "src/io"] {
        for f in rust_files(dir) {
            assert!(
                !code(&f).contains("crate::app"),
                "{} uses the application layer",
                f.display()
            );
        }
    }
}

#[test]
fn edges_do_not_parse_input_themselves() {
    // Dates and euros typed by a person are parsed in app::parse, once for both edges.
    let mut files = rust_files("src/bin");
    files.extend(rust_files("src-tauri/src"));
    for f in files {
        let c = code(&f);
        for word in [
            "parse_euros",
            "pilot::parse_date",
            "NaiveDate::parse_from_str",
            "Month::parse",
            "fn file_part",
        ] {
            assert!(
                !c.contains(word),
                "{} parses by itself: {word}",
                f.display()
            );
        }
    }
}
