//! The layering the README describes, held by a test: no import cycle among the modules of
//! `src/` (a module and its own submodules count as one), and the event model depends on
//! nothing but std and serde.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The crate's modules (as `backend`, not `backend::files`) and those each one names.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut files = vec![src.clone()];
    while let Some(path) = files.pop() {
        if path.is_dir() {
            files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
            continue;
        }
        let rel = path
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let module = rel.split(['/', '.']).next().unwrap().to_string();
        if module == "lib" || module == "main" {
            continue; // the crate root declares every module
        }
        // Comments (doc links among them) name modules without importing them.
        let text: String = std::fs::read_to_string(&path)
            .unwrap()
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        let uses = graph.entry(module.clone()).or_default();
        for (i, _) in text.match_indices("crate::") {
            let rest = &text[i + "crate::".len()..];
            let names: Vec<&str> = if let Some(list) = rest.strip_prefix('{') {
                // use crate::{a, b::c}
                let list = &list[..list.find('}').unwrap_or(list.len())];
                list.split(',').map(|n| n.trim()).collect()
            } else {
                vec![rest]
            };
            for name in names {
                let name: String = name
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() && name != module && name != "self" {
                    uses.insert(name);
                }
            }
        }
    }
    graph
}

#[test]
fn the_modules_import_each_other_without_a_cycle() {
    let graph = graph();
    assert!(graph.len() > 10, "{graph:?}");
    // Depth-first search; a module met again while on the path closes a cycle.
    fn visit<'a>(
        m: &'a str,
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) {
        if let Some(at) = path.iter().position(|p| *p == m) {
            panic!("import cycle: {} → {m}", path[at..].join(" → "));
        }
        if !done.insert(m) {
            return;
        }
        path.push(m);
        for next in graph.get(m).into_iter().flatten() {
            visit(next, graph, path, done);
        }
        path.pop();
    }
    let mut done = BTreeSet::new();
    for m in graph.keys() {
        visit(m, &graph, &mut Vec::new(), &mut done);
    }
}

#[test]
fn the_event_model_depends_on_std_and_serde_alone() {
    let graph = graph();
    assert_eq!(
        graph["events"],
        BTreeSet::new(),
        "events uses crate modules"
    );
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/events.rs"))
        .unwrap();
    for line in text.lines().filter(|l| l.trim_start().starts_with("use ")) {
        let path = line.trim_start().trim_start_matches("use ");
        assert!(
            path.starts_with("std::")
                || path.starts_with("serde::")
                || path.starts_with("serde_json::"),
            "events.rs: {line}"
        );
    }
}
