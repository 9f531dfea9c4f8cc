//! The thread registry: threads asst created or used, found again by `thread list`, `ask
//! -c` and names; it never breaks an ask and never holds a key.

use crate::responses::{answer_stream, Piece};
use crate::server::{named, Reply, Request, Server};
use crate::{openai, run, Output, KEY};
use serde_json::{json, Value};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// A server that makes a new conversation per `POST /conversations` and answers every ask;
/// Assistants threads and runs too.
fn server() -> Server {
    let next = Arc::new(AtomicUsize::new(0));
    Server::start(move |r: &Request| {
        match (r.method.as_str(), r.path().trim_start_matches("/openai")) {
            ("POST", "/v1/conversations") => {
                let n = next.fetch_add(1, Ordering::SeqCst);
                Reply::ok(json!({"id": format!("conv_{n}"), "object": "conversation"}).to_string())
            }
            ("POST", "/v1/threads") => Reply::ok(r#"{"id":"thread_a","object":"thread"}"#),
            ("POST", p) if p.starts_with("/v1/threads/") => Reply::sse(vec![
                named(
                    "thread.run.created",
                    json!({"id": "run_1", "thread_id": "thread_a", "status": "queued"}),
                ),
                named(
                    "thread.message.delta",
                    json!({"id": "msg_1", "delta": {"content": [{"index": 0, "type": "text", "text": {"value": "hi"}}]}}),
                ),
                named(
                    "thread.run.completed",
                    json!({"id": "run_1", "thread_id": "thread_a", "status": "completed"}),
                ),
            ]),
            ("DELETE", "/v1/conversations/conv_gone") => Reply::Json(
                404,
                r#"{"error":{"message":"Conversation not found"}}"#.into(),
            ),
            ("DELETE", p) => {
                Reply::ok(json!({"id": p.rsplit('/').next(), "deleted": true}).to_string())
            }
            ("GET", p) if p.ends_with("/items") || p.ends_with("/messages") => {
                Reply::ok(r#"{"data":[],"has_more":false}"#)
            }
            _ => Reply::sse(answer_stream(&[Piece::Text("ok")])),
        }
    })
}

/// asst with its registry in `state`.
fn asst_at(server: &Server, state: &Path) -> assert_cmd::Command {
    let mut cmd = openai(server);
    cmd.env_remove("ASST_HISTORY").env("ASST_STATE_DIR", state);
    cmd
}

fn list(server: &Server, state: &Path, flags: &[&str]) -> Vec<Value> {
    let out = run(asst_at(server, state)
        .args(["thread", "list", "--json"])
        .args(flags));
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.events()
}

#[test]
fn asks_are_recorded_and_listed_newest_first() {
    let server = server();
    let tmp = tempfile::tempdir().unwrap();
    let out =
        run(asst_at(&server, tmp.path()).args(["ask", "What is our refund policy?\nMore detail."]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    run(asst_at(&server, tmp.path()).args(["ask", "-c", "and for EU customers?"]));
    run(asst_at(&server, tmp.path()).args(["thread", "new", "--name", "handbook"]));
    let rows = list(&server, tmp.path(), &[]);
    let ids: Vec<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["conv_1", "conv_0"], "newest first");
    assert_eq!(rows[1]["title"], "What is our refund policy?");
    assert_eq!(rows[1]["asks"], 2, "-c continued it");
    assert_eq!(rows[1]["last_response"], "resp_1");
    assert_eq!(rows[0]["name"], "handbook");
    assert_eq!(
        (rows[0]["type"].as_str(), rows[0]["schema"].as_i64()),
        (Some("thread"), Some(1))
    );
    // -c went to conv_0: the second ask's request names it
    let asks: Vec<Value> = server
        .requests()
        .iter()
        .filter(|r| r.path() == "/v1/responses")
        .map(|r| r.json())
        .collect();
    assert_eq!(asks[1]["conversation"], "conv_0");
    // text rows: id, last used, asks, name or title
    let out = run(asst_at(&server, tmp.path()).args(["thread", "list"]));
    let first: Vec<&str> = out.stdout.lines().next().unwrap().split('\t').collect();
    assert_eq!((first[0], first[2], first[3]), ("conv_1", "0", "handbook"));
    assert!(
        first[1].ends_with('Z') && first[1].len() == 20,
        "{}",
        first[1]
    );
    assert_eq!(list(&server, tmp.path(), &["--limit", "1"]).len(), 1);
}

#[test]
fn names_are_used_wherever_an_id_is_and_never_shadow_one() {
    let server = server();
    let tmp = tempfile::tempdir().unwrap();
    run(asst_at(&server, tmp.path()).args(["thread", "new", "--name", "work"]));
    let out = run(asst_at(&server, tmp.path()).args(["ask", "--thread", "work", "q"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let ask = server
        .requests()
        .into_iter()
        .rfind(|r| r.path() == "/v1/responses")
        .unwrap();
    assert_eq!(ask.json()["conversation"], "conv_0");
    let out = run(asst_at(&server, tmp.path()).args(["thread", "show", "work"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(server
        .lines()
        .contains(&"GET /v1/conversations/conv_0/items".to_string()));
    // taken names, id-like names, unknown names
    run(asst_at(&server, tmp.path()).args(["thread", "new"]));
    let out = run(asst_at(&server, tmp.path()).args(["thread", "name", "conv_1", "work"]));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("taken by conv_0"), "{}", out.stderr);
    let out = run(asst_at(&server, tmp.path()).args(["thread", "name", "conv_1", "conv_0"]));
    assert_eq!(out.code, 2, "{}", out.stderr);
    let out = run(asst_at(&server, tmp.path()).args(["thread", "name", "conv_1", "later"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let out = run(asst_at(&server, tmp.path()).args(["ask", "-t", "nobody", "q"]));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("nor the name of a thread"),
        "{}",
        out.stderr
    );
}

#[test]
fn continue_takes_the_thread_of_the_current_provider_and_endpoint() {
    let a = server();
    let b = server();
    let tmp = tempfile::tempdir().unwrap();
    let out = run(asst_at(&b, tmp.path()).args(["ask", "-c", "q"]));
    assert_eq!(out.code, 2, "nothing to continue yet: {}", out.stderr);
    run(asst_at(&a, tmp.path()).args(["ask", "on a"]));
    // Azure, at b
    let azure = |args: &[&str]| {
        let mut cmd = crate::asst();
        cmd.env_remove("ASST_HISTORY")
            .env("ASST_STATE_DIR", tmp.path())
            .env("AZURE_OPENAI_ENDPOINT", b.url())
            .env("AZURE_OPENAI_API_KEY", KEY)
            .env("ASST_MODEL", "dep")
            .args(args);
        run(&mut cmd)
    };
    assert_eq!(azure(&["ask", "on b"]).code, 0);
    assert_eq!(
        run(asst_at(&a, tmp.path()).args(["ask", "-c", "again on a"])).code,
        0
    );
    let last = a
        .requests()
        .into_iter()
        .rfind(|r| r.path() == "/v1/responses")
        .unwrap();
    assert_eq!(last.json()["conversation"], "conv_0");
    let out = azure(&["ask", "-c", "again on b"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let last = b
        .requests()
        .into_iter()
        .rfind(|r| r.path() == "/openai/v1/responses")
        .unwrap();
    assert_eq!(last.json()["conversation"], "conv_0");
    assert_eq!(list(&a, tmp.path(), &["--all"]).len(), 2);
    assert_eq!(list(&a, tmp.path(), &[]).len(), 1);
}

#[test]
fn an_assistants_thread_remembers_its_assistant() {
    let server = server();
    let tmp = tempfile::tempdir().unwrap();
    let out =
        run(asst_at(&server, tmp.path()).args(["thread", "new", "--assistant", "asst_remembered"]));
    assert_eq!(out.stdout, "thread_a\n");
    let out = run(asst_at(&server, tmp.path()).args(["ask", "-t", "thread_a", "q"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let run_req = server
        .requests()
        .into_iter()
        .rfind(|r| r.path() == "/v1/threads/thread_a/runs")
        .unwrap();
    assert_eq!(run_req.json()["assistant_id"], "asst_remembered");
}

#[test]
fn rm_deletes_on_the_server_and_forgets_and_local_only_forgets() {
    let server = server();
    let tmp = tempfile::tempdir().unwrap();
    for name in ["one", "two", "three"] {
        run(asst_at(&server, tmp.path()).args(["thread", "new", "--name", name]));
    }
    let out = run(asst_at(&server, tmp.path()).args(["thread", "rm", "one"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(server
        .lines()
        .contains(&"DELETE /v1/conversations/conv_0".to_string()));
    let deletes = || {
        server
            .lines()
            .iter()
            .filter(|l| l.starts_with("DELETE"))
            .count()
    };
    let before = deletes();
    let out = run(asst_at(&server, tmp.path()).args(["thread", "rm", "--local", "two"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(deletes(), before, "--local does not touch the server");
    assert_eq!(list(&server, tmp.path(), &[]).len(), 1);
    // a thread the server lost is forgotten with a note
    run(asst_at(&server, tmp.path()).args(["thread", "name", "conv_2", "gone"]));
    let out = run(asst_at(&server, tmp.path()).args(["ask", "-t", "conv_gone", "q"]));
    assert_eq!(out.code, 0);
    let out = run(asst_at(&server, tmp.path()).args(["thread", "rm", "conv_gone"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("already gone on the server; forgotten"),
        "{}",
        out.stderr
    );
    let ids: Vec<String> = list(&server, tmp.path(), &[])
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["conv_2"]);
}

#[test]
fn fifty_asks_at_once_all_record_without_a_warning() {
    let server = server();
    let tmp = tempfile::tempdir().unwrap();
    let state = tmp.path().to_str().unwrap();
    let children: Vec<_> = (0..50)
        .map(|i| {
            let q = format!("question {i}");
            crate::spawn(
                &server,
                &["ask", &q],
                &[("ASST_HISTORY", "1"), ("ASST_STATE_DIR", state)],
            )
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert_eq!(crate::shell_status(&out.status), 0);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("warning"), "{stderr}");
    }
    assert_eq!(list(&server, tmp.path(), &["--limit", "100"]).len(), 50);
}

#[test]
fn a_registry_that_cannot_be_used_warns_once_and_the_ask_goes_on() {
    let server = server();
    let tmp = tempfile::tempdir().unwrap();
    // corrupt
    std::fs::write(
        tmp.path().join("threads.db"),
        b"this is not a database, not at all, no",
    )
    .unwrap();
    let out = run(asst_at(&server, tmp.path()).args(["ask", "q"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "ok\n");
    let warnings = out
        .stderr
        .lines()
        .filter(|l| l.starts_with("asst: warning:"))
        .count();
    assert_eq!(warnings, 1, "{}", out.stderr);
    // What needs it says what is wrong with the file, and what to do about that.
    for args in [&["thread", "list"][..], &["ask", "-c", "q"]] {
        let out = run(asst_at(&server, tmp.path()).args(args));
        assert_eq!(out.code, 3, "{args:?}: {}", out.stderr);
        let lines: Vec<&str> = out.stderr.lines().collect();
        assert_eq!(lines.len(), 2, "an error and a hint: {}", out.stderr);
        assert!(
            lines[0].contains("threads.db")
                && lines[0].contains("not a database")
                && lines[0].matches("registry").count() == 1,
            "{}",
            out.stderr
        );
        assert!(
            lines[1].starts_with("asst: hint: ") && lines[1].contains("move it aside"),
            "{}",
            out.stderr
        );
    }
    // read-only folder (root ignores permissions: a file where the folder should be)
    let blocked = tmp.path().join("blocked");
    std::fs::write(&blocked, b"").unwrap();
    let out = run(asst_at(&server, &blocked.join("state")).args(["ask", "q"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stderr.lines().filter(|l| l.contains("warning")).count(),
        1,
        "{}",
        out.stderr
    );
    // off: nothing recorded, no file made
    let off = tmp.path().join("off");
    for (flag, env) in [(Some("--no-history"), None), (None, Some("0"))] {
        let mut cmd = asst_at(&server, &off);
        if let Some(v) = env {
            cmd.env("ASST_HISTORY", v);
        }
        cmd.args(flag).args(["ask", "q"]);
        assert_eq!(run(&mut cmd).code, 0);
    }
    assert!(!off.join("threads.db").exists());
}

/// A service run without HOME (and without XDG_STATE_HOME or ASST_STATE_DIR) has nowhere
/// to keep the registry: an ask goes on with one warning that says so, and what needs the
/// registry says why it has none, not that it knows no such thread.
#[test]
fn with_no_place_for_the_registry_asks_go_on_and_the_rest_says_why() {
    let server = server();
    let homeless = || {
        let mut cmd = openai(&server);
        cmd.env_remove("HOME").env("ASST_HISTORY", "1");
        cmd
    };
    let out = run(homeless().args(["ask", "q"]));
    assert_eq!(
        (out.code, out.stdout.as_str()),
        (0, "ok\n"),
        "{}",
        out.stderr
    );
    let warnings: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| l.starts_with("asst: warning:"))
        .collect();
    assert_eq!(warnings.len(), 1, "{}", out.stderr);
    assert!(warnings[0].contains("ASST_STATE_DIR"), "{}", out.stderr);
    let asked = server.requests().len();
    for args in [
        &["thread", "list"][..],
        &["ask", "-c", "q"],
        &["ask", "-t", "handbook", "q"],
        &["thread", "name", "conv_1", "handbook"],
    ] {
        let out = run(homeless().args(args));
        assert_eq!(out.code, 3, "{args:?}: {}", out.stderr);
        let error = out
            .stderr
            .lines()
            .find(|l| l.starts_with("asst: error:"))
            .unwrap();
        assert!(
            error.contains("no thread registry") && error.contains("HOME"),
            "{args:?}: {}",
            out.stderr
        );
        assert!(
            out.stderr.contains("ASST_STATE_DIR"),
            "{args:?}: {}",
            out.stderr
        );
    }
    assert_eq!(server.requests().len(), asked, "nothing sent");
    // Recording off: nothing to say.
    let out = run(homeless().env("ASST_HISTORY", "0").args(["ask", "q"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stderr.contains("warning"), "{}", out.stderr);
}

#[test]
fn a_registry_of_the_first_schema_is_migrated() {
    let server = server();
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("threads.db");
    {
        let db = rusqlite::Connection::open(&path).unwrap();
        db.execute_batch(&format!(
            "CREATE TABLE threads (id TEXT NOT NULL, api TEXT NOT NULL, endpoint TEXT NOT NULL,
                created INTEGER NOT NULL, last_used INTEGER NOT NULL, PRIMARY KEY (endpoint, id));
             INSERT INTO threads VALUES ('conv_old', 'responses', '{}/v1', 1, 2);
             PRAGMA user_version = 1;",
            server.url()
        ))
        .unwrap();
    }
    let rows = list(&server, tmp.path(), &[]);
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (rows[0]["id"].as_str(), rows[0]["asks"].as_i64()),
        (Some("conv_old"), Some(0))
    );
    let out = run(asst_at(&server, tmp.path()).args(["ask", "-c", "q"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let last = server
        .requests()
        .into_iter()
        .rfind(|r| r.path() == "/v1/responses")
        .unwrap();
    assert_eq!(last.json()["conversation"], "conv_old");
    let version: i64 = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 2);
}

#[test]
fn no_key_or_token_reaches_the_registry() {
    let server = server();
    let tmp = tempfile::tempdir().unwrap();
    // A gateway's password in the endpoint (beside Azure's api-key, where it may be).
    let secret_url = server.url().replace("http://", "http://user:pw-hunter2@");
    let mut cmd = asst_at(&server, tmp.path());
    cmd.env("AZURE_OPENAI_ENDPOINT", &secret_url)
        .env("AZURE_OPENAI_API_KEY", KEY)
        .env("ASST_MODEL", "dep")
        .args(["ask", "q"]);
    let out: Output = run(&mut cmd);
    assert_eq!(out.code, 0, "{}", out.stderr);
    run(asst_at(&server, tmp.path()).args(["thread", "new", "--name", "n"]));
    for file in std::fs::read_dir(tmp.path()).unwrap() {
        let bytes = std::fs::read(file.unwrap().path()).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains(KEY) && !text.contains("pw-hunter2"),
            "a secret reached the registry"
        );
    }
    assert!(tmp.path().join("threads.db").exists());
}

/// The XDG base directory spec: a relative path in `XDG_STATE_HOME` (or `XDG_CONFIG_HOME`)
/// is invalid and ignored. Taken as it is, a cron job would keep a registry in whatever
/// folder it happened to start in.
#[test]
fn a_relative_xdg_directory_is_ignored() {
    let server = server();
    let tmp = tempfile::tempdir().unwrap();
    let (home, cwd) = (tmp.path().join("home"), tmp.path().join("work"));
    std::fs::create_dir_all(&cwd).unwrap();
    std::fs::create_dir_all(home.join(".config/asst")).unwrap();
    std::fs::write(
        home.join(".config/asst/config.toml"),
        "[profiles.default]\nmodel = \"home-model\"\n",
    )
    .unwrap();
    std::fs::create_dir_all(cwd.join("state/asst")).unwrap();
    std::fs::create_dir_all(cwd.join("config/asst")).unwrap();
    std::fs::write(
        cwd.join("config/asst/config.toml"),
        "[profiles.default]\nmodel = \"cwd-model\"\n",
    )
    .unwrap();
    let out = run(openai(&server)
        .env_remove("ASST_HISTORY")
        .env("HOME", &home)
        .env("XDG_STATE_HOME", "state")
        .env("XDG_CONFIG_HOME", "config")
        .current_dir(&cwd)
        .args(["ask", "q"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(home.join(".local/state/asst/threads.db").exists());
    assert!(!cwd.join("state/asst/threads.db").exists());
    let ask = server
        .requests()
        .into_iter()
        .find(|r| r.path() == "/v1/responses")
        .unwrap();
    assert_eq!(ask.json()["model"], "home-model");
}

/// Looking a thread up in a registry that does not exist yet finds nothing and creates
/// nothing: with the history off, asst writes no file, and a lookup is no reason to make
/// one (a service account's home stays as it was).
#[test]
fn a_lookup_creates_no_registry() {
    let server = server();
    let tmp = tempfile::tempdir().unwrap();
    let state = tmp.path().join("state");
    let cases: [(&[&str], i32); 6] = [
        (&["ask", "-t", "thread_abc", "q"], 3), // no assistant: none remembered either
        (&["thread", "rm", "--local", "conv_1"], 0),
        (&["ask", "-t", "handbook", "q"], 2),
        (&["ask", "-c", "q"], 2),
        (&["thread", "show", "handbook"], 2),
        (&["thread", "list"], 0),
    ];
    for history in ["0", "1"] {
        for (args, code) in cases {
            let out = run(openai(&server)
                .env("ASST_STATE_DIR", &state)
                .env("ASST_HISTORY", history)
                .args(args));
            assert_eq!(out.code, code, "{args:?}: {}", out.stderr);
            assert!(
                !state.exists(),
                "ASST_HISTORY={history} {args:?} made {state:?}"
            );
        }
    }
    assert!(server.requests().is_empty());
    // A thread recorded, then found by its name.
    let out = run(openai(&server)
        .env("ASST_STATE_DIR", &state)
        .args(["thread", "new", "--name", "handbook"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let out = run(openai(&server)
        .env("ASST_STATE_DIR", &state)
        .env("ASST_HISTORY", "0")
        .args(["ask", "-t", "handbook", "q"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
}

/// `thread show --last` shows the thread `ask -c` would continue: "ask, then read the whole
/// conversation" without copying an id. An explicit flag, not a missing argument, so that
/// `asst thread show $T` with T unset is an error rather than some other thread.
#[test]
fn thread_show_last_shows_the_thread_ask_continue_would_take() {
    let server = server();
    let tmp = tempfile::tempdir().unwrap();
    let out = run(asst_at(&server, tmp.path()).args(["thread", "show", "--last"]));
    assert_eq!(out.code, 2, "nothing to show yet: {}", out.stderr);
    assert!(out.stderr.contains("no thread to show"), "{}", out.stderr);
    for q in ["first", "second"] {
        assert_eq!(run(asst_at(&server, tmp.path()).args(["ask", q])).code, 0);
    }
    let out = run(asst_at(&server, tmp.path()).args(["thread", "show", "--last"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let shown = server.requests().pop().unwrap();
    assert_eq!(shown.method, "GET");
    assert!(
        shown.path().starts_with("/v1/conversations/conv_1/items"),
        "the newer of the two: {}",
        shown.target
    );
    let out = run(asst_at(&server, tmp.path()).args(["thread", "show"]));
    assert_eq!(out.code, 2, "no id and no --last: {}", out.stderr);
    let out = run(asst_at(&server, tmp.path()).args(["thread", "show", "conv_0", "--last"]));
    assert_eq!(out.code, 2, "both: {}", out.stderr);
}

/// The registry holds the first line of every question asked: a file its owner alone can
/// read, as gh keeps its hosts file, whatever the umask and the folder's mode.
#[cfg(unix)]
#[test]
fn the_registry_is_readable_by_its_owner_alone() {
    use std::os::unix::fs::PermissionsExt;
    let server = server();
    let tmp = tempfile::tempdir().unwrap();
    let state = tmp.path().join("state");
    let out = run(asst_at(&server, &state).args(["ask", "Salary bands for 2027?"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let mut seen = 0;
    for entry in std::fs::read_dir(&state).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().into_string().unwrap();
        if name.starts_with("threads.db") {
            seen += 1;
            let mode = entry.metadata().unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{name}: {mode:o}");
        }
    }
    assert!(seen >= 1);
    // A folder asst made for it is its owner's too.
    let mode = std::fs::metadata(&state).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o700, "{mode:o}");
    assert_eq!(list(&server, &state, &[]).len(), 1);
}
