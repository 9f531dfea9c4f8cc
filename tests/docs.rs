//! Man pages and shell completions are generated from the clap definitions and committed.
//! This test fails when they are stale; `ASST_UPDATE_DOCS=1 cargo test` rewrites them.

use clap_complete::Shell;
use std::path::Path;

fn generated() -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    // Built, so that global options reach every subcommand's page; without the help
    // subcommand, which has no page of its own.
    let mut cmd = asst::command().disable_help_subcommand(true);
    cmd.build();
    man_pages(&cmd, "", &mut files);
    for shell in [
        Shell::Bash,
        Shell::Zsh,
        Shell::Fish,
        Shell::PowerShell,
        Shell::Elvish,
    ] {
        let mut buf = Vec::new();
        clap_complete::generate(shell, &mut asst::command(), "asst", &mut buf);
        let name = match shell {
            Shell::Bash => "asst.bash",
            Shell::Zsh => "_asst",
            Shell::Fish => "asst.fish",
            Shell::PowerShell => "_asst.ps1",
            _ => "asst.elv",
        };
        files.push((format!("completions/{name}"), buf));
    }
    files
}

/// One page per command and subcommand: asst.1, asst-ask.1, asst-thread-new.1 …
fn man_pages(cmd: &clap::Command, prefix: &str, files: &mut Vec<(String, Vec<u8>)>) {
    let name = if prefix.is_empty() {
        cmd.get_name().to_string()
    } else {
        format!("{prefix}-{}", cmd.get_name())
    };
    // clap names are &'static without its "string" feature; a test may leak a few bytes.
    let page = cmd
        .clone()
        .name(&*String::leak(name.clone()))
        .bin_name(name.replace('-', " "));
    let mut buf = Vec::new();
    clap_mangen::Man::new(page)
        .render(&mut buf)
        .expect("render man page");
    files.push((format!("man/{name}.1"), keep_lines(buf)));
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        man_pages(sub, &name, files);
    }
}

/// The EXTRA section (credentials, exit codes, JSON lines) is laid out in lines and lists:
/// kept as it is (`.nf`) instead of filled into one paragraph.
fn keep_lines(page: Vec<u8>) -> Vec<u8> {
    let text = String::from_utf8(page).expect("a man page is text");
    let Some(start) = text.find(".SH EXTRA\n") else {
        return text.into_bytes();
    };
    let body = start + ".SH EXTRA\n".len();
    let end = text[body..]
        .find("\n.SH ")
        .map_or(text.len(), |i| body + i + 1);
    format!(
        "{}.nf\n{}.fi\n{}",
        &text[..body],
        &text[body..end],
        &text[end..]
    )
    .into_bytes()
}

#[test]
fn man_pages_and_completions_are_up_to_date() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let update = std::env::var("ASST_UPDATE_DOCS").is_ok_and(|v| v == "1");
    let mut stale = Vec::new();
    for (path, content) in generated() {
        let file = root.join(&path);
        if update {
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(&file, &content).unwrap();
        } else if std::fs::read(&file).ok().as_deref() != Some(&content[..]) {
            stale.push(path);
        }
    }
    assert!(stale.is_empty(), "stale generated docs {stale:?}: run `ASST_UPDATE_DOCS=1 cargo test --test integration docs` and commit");
}

#[test]
fn man_page_documents_exit_codes_and_the_json_schema() {
    let page = String::from_utf8(generated().remove(0).1).unwrap();
    for needle in [
        "130",
        "rate",
        "\"type\":\"delta\"",
        "OPENAI_API_KEY",
        "config.toml",
    ] {
        assert!(page.contains(needle), "asst.1 lacks {needle}");
    }
}

/// `Kind` is the one table of exit codes: the README's table, the man page and `--help`
/// must say the same, code by code.
#[test]
fn exit_codes_agree_everywhere_with_the_one_table() {
    let codes = asst::exit_codes();
    assert_eq!(codes.len(), 14);
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let section = readme
        .split("## Exit codes")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .expect("the README has an Exit codes section");
    let rows: Vec<(u8, String)> = section
        .lines()
        .filter_map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            let code = cells.get(1)?.parse::<u8>().ok()?;
            Some((code, cells.get(2)?.trim_matches('`').to_string()))
        })
        .collect();
    let expected: Vec<(u8, String)> = std::iter::once((0, String::new()))
        .chain(codes.iter().map(|(c, name, _)| (*c, name.to_string())))
        .collect();
    assert_eq!(rows, expected, "the README's exit-code table");

    let flat = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    let help = flat(&asst::command().render_long_help().to_string());
    let page = flat(
        &String::from_utf8(generated().remove(0).1)
            .unwrap()
            .replace("\\-", "-"),
    );
    for (code, name, summary) in &codes {
        let line = flat(&format!("{code} {summary}"));
        assert!(help.contains(&line), "--help lacks '{line}'");
        assert!(page.contains(&line), "the man page lacks '{line}'");
        // One line each at the width --help has when stdout is not a terminal (100), as
        // clap would wrap a longer one with no hanging indent.
        let rendered = asst::command()
            .term_width(100)
            .render_long_help()
            .to_string();
        assert!(
            rendered
                .lines()
                .any(|l| l.split_whitespace().collect::<Vec<_>>().join(" ") == line),
            "--help wraps the line of exit code {code}"
        );
        let short = flat(&asst::command().render_help().to_string());
        assert!(
            short.contains(&format!("{code} {name}")),
            "-h lacks '{code} {name}'"
        );
    }
}

#[test]
fn man_pages_keep_their_lists_and_name_only_pages_that_exist() {
    let pages = generated();
    let names: Vec<String> = pages
        .iter()
        .filter(|(p, _)| p.starts_with("man/"))
        .map(|(p, _)| p.trim_start_matches("man/").replace(".1", "(1)"))
        .collect();
    for (path, content) in pages.iter().filter(|(p, _)| p.starts_with("man/")) {
        let page = String::from_utf8(content.clone()).unwrap();
        // every page a page names exists
        for word in page.split(|c: char| c.is_whitespace() || c == ',') {
            let word = word.replace("\\-", "-");
            if word.starts_with("asst-") && word.ends_with("(1)") {
                assert!(
                    names.contains(&word),
                    "{path} names {word}, which has no page"
                );
            }
        }
        // each subcommand's page lists the global options
        if path != "man/asst.1"
            && !path.ends_with("asst-thread.1")
            && !path.ends_with("asst-store.1")
        {
            assert!(
                page.contains("\\-\\-json") && page.contains("\\-\\-profile"),
                "{path} lacks the global options"
            );
        }
    }
    let top = String::from_utf8(pages[0].1.clone()).unwrap();
    let extra = &top[top.find(".SH EXTRA").unwrap()..];
    assert!(
        extra.starts_with(".SH EXTRA\n.nf\n"),
        "the EXTRA section is filled"
    );
}

/// The texts after the options are laid out by hand (lists, indented examples): clap wraps
/// a line longer than the terminal with no hanging indent, so each fits the 80 columns of
/// a common terminal, and is shown there as written.
#[test]
fn help_texts_laid_out_by_hand_fit_80_columns() {
    fn check(cmd: &mut clap::Command, path: &str, long: &mut Vec<String>) {
        let name = format!("{path} {}", cmd.get_name()).trim().to_string();
        let short = cmd.clone().term_width(80).render_help().to_string();
        let full = cmd.clone().term_width(80).render_long_help().to_string();
        for (text, rendered) in [
            (cmd.get_after_help(), &short),
            (cmd.get_after_long_help(), &full),
        ] {
            let shown: Vec<&str> = rendered.lines().map(str::trim_end).collect();
            for line in text.map(|t| t.to_string()).unwrap_or_default().lines() {
                // clap wraps a line as long as the width: 79 columns at most
                if line.chars().count() >= 80 || !shown.contains(&line.trim_end()) {
                    long.push(format!("{name}: {line}"));
                }
            }
        }
        for sub in cmd.get_subcommands_mut() {
            check(sub, &name, long);
        }
    }
    let mut cmd = asst::command();
    cmd.build();
    let mut long = Vec::new();
    check(&mut cmd, "", &mut long);
    assert!(
        long.is_empty(),
        "wrapped at 80 columns:\n{}",
        long.join("\n")
    );
}
