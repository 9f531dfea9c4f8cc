//! The small things: nothing ignored silently, instructions that add, every id in --json,
//! a transcript's tail.

use crate::responses::{answer_stream, Piece};
use crate::server::{named, Reply, Request, Server};
use crate::{openai, run, KEY};
use serde_json::{json, Value};

fn assistants_server() -> Server {
    Server::start(|_| {
        Reply::sse(vec![
            named("thread.created", json!({"id": "thread_g"})),
            named(
                "thread.run.created",
                json!({"id": "run_g", "thread_id": "thread_g", "status": "queued"}),
            ),
            named(
                "thread.run.step.completed",
                json!({"id": "step_1", "step_details": {"type": "tool_calls", "tool_calls": [{"type": "file_search", "file_search": {"results": [{"file_id": "file-1", "file_name": "a.txt", "score": 0.9}]}}]}}),
            ),
            named(
                "thread.message.delta",
                json!({"id": "msg_g", "delta": {"content": [{"index": 0, "type": "text", "text": {"value": "hi"}}]}}),
            ),
            named(
                "thread.run.completed",
                json!({"id": "run_g", "thread_id": "thread_g", "status": "completed"}),
            ),
        ])
    })
}

#[test]
fn settings_that_have_no_effect_are_said_once_and_quiet_says_nothing() {
    let server = assistants_server();
    let out = run(openai(&server).args([
        "ask",
        "-t",
        "thread_g",
        "--assistant",
        "asst_1",
        "--vector-store",
        "vs_1",
        "q",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("an existing Assistants thread keeps its own"),
        "{}",
        out.stderr
    );
    let out = run(openai(&server).args([
        "ask",
        "-q",
        "-t",
        "thread_g",
        "--assistant",
        "asst_1",
        "--vector-store",
        "vs_1",
        "q",
    ]));
    assert!(!out.stderr.contains("keeps its own"), "{}", out.stderr);
    // --show-search on thread-and-run: said, and no empty search events
    let out = run(openai(&server).args([
        "ask",
        "--json",
        "--show-search",
        "--assistant",
        "asst_1",
        "q",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("cannot show the retrieved text"),
        "{}",
        out.stderr
    );
    assert!(!out.events().iter().any(|e| e["type"] == "search"));
    // --show-search with no store in play (Responses)
    let responses = Server::start(|_| Reply::sse(answer_stream(&[Piece::Text("ok")])));
    let out = run(openai(&responses).args(["ask", "--show-search", "-t", "conv_g", "q"]));
    assert!(
        out.stderr.contains("--show-search has nothing to show"),
        "{}",
        out.stderr
    );
    // asked on conv_g, with the flags given
    let ask = |flags: &[&str]| {
        run(openai(&responses)
            .arg("ask")
            .args(flags)
            .args(["-t", "conv_g", "q"]))
    };
    let out = ask(&["--show-search", "--vector-store", "vs_1"]);
    assert_eq!(out.stderr, "");
    // file search options with no file search: said, and -q silences it
    let out = ask(&["--filter", "team=eu", "--max-results", "5"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stderr,
        "asst: --filter and --max-results have nothing to act on: no vector store is in play (--vector-store, ASST_VECTOR_STORES, --attach)\n"
    );
    let out = ask(&["-q", "--score-threshold", "0.5"]);
    assert_eq!(out.stderr, "");
    let out = ask(&["--score-threshold", "0.5", "--vector-store", "vs_1"]);
    assert_eq!(out.stderr, "");
}

#[test]
fn instructions_add_to_the_assistants_own_on_a_thread() {
    let server = assistants_server();
    run(openai(&server).args([
        "ask",
        "-t",
        "thread_g",
        "--assistant",
        "asst_1",
        "--instructions",
        "Be brief.",
        "q",
    ]));
    let body = server.requests()[0].json();
    assert_eq!(body["additional_instructions"], "Be brief.");
    assert!(body.get("instructions").is_none(), "{body}");
    let out = run(openai(&server).args([
        "ask",
        "--assistant",
        "asst_1",
        "--instructions",
        "Be brief.",
        "q",
    ]));
    assert!(
        out.stderr.contains("replace the assistant's own"),
        "{}",
        out.stderr
    );
    let body = server.requests()[1].json();
    assert_eq!(body["instructions"], "Be brief.");
}

/// Five messages, listed as the Conversations API lists them (order, after, limit).
fn transcript_server() -> Server {
    Server::start(|r: &Request| {
        let query: Vec<(&str, &str)> = r
            .query()
            .split('&')
            .filter_map(|kv| kv.split_once('='))
            .collect();
        let get = |k: &str| query.iter().find(|(q, _)| *q == k).map(|(_, v)| *v);
        let mut items: Vec<Value> = (1..=5)
            .map(|i| json!({"id": format!("msg_{i}"), "type": "message", "role": if i % 2 == 1 { "user" } else { "assistant" }, "content": [{"type": if i % 2 == 1 { "input_text" } else { "output_text" }, "text": format!("m{i}"), "annotations": []}]}))
            .collect();
        if get("order") == Some("desc") {
            items.reverse();
        }
        if let Some(after) = get("after") {
            let at = items
                .iter()
                .position(|m| m["id"] == after)
                .map_or(0, |i| i + 1);
            items.drain(..at);
        }
        let limit: usize = get("limit").map_or(20, |l| l.parse().unwrap());
        let has_more = items.len() > limit;
        items.truncate(limit);
        let last = items.last().map(|m| m["id"].clone());
        Reply::ok(json!({"data": items, "has_more": has_more, "last_id": last}).to_string())
    })
}

fn texts(out: &crate::Output) -> Vec<String> {
    out.events()
        .iter()
        .map(|m| m["text"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn thread_show_prints_the_tail_or_what_is_new() {
    let server = transcript_server();
    let out = run(openai(&server).args(["thread", "show", "--json", "--limit", "2", "conv_g"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(texts(&out), ["m4", "m5"], "the newest two, oldest first");
    assert!(server.requests()[0].query().contains("order=desc"));
    let out = run(openai(&server).args(["thread", "show", "--json", "--after", "msg_3", "conv_g"]));
    assert_eq!(texts(&out), ["m4", "m5"]);
    let out = run(openai(&server).args([
        "thread", "show", "--json", "--after", "msg_1", "--limit", "3", "conv_g",
    ]));
    assert_eq!(texts(&out), ["m3", "m4", "m5"]);
    let out = run(openai(&server).args(["thread", "show", "--limit", "1", "conv_g"]));
    assert_eq!(out.stdout, "User:\nm5\n");
    let out = run(openai(&server).args(["thread", "show", "--limit", "0", "conv_g"]));
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr.lines().next(),
        Some("asst: error: invalid value '0' for '--limit <N>': it must be at least 1")
    );
}

/// `--max-output-tokens`, `--reasoning-effort` and `--temperature`, from a flag, the
/// environment or a profile, in the body each family takes them in; a bad value is
/// refused before anything is sent.
#[test]
fn generation_settings_reach_the_request_and_bad_ones_send_nothing() {
    let server = Server::start(|_| Reply::sse(answer_stream(&[Piece::Text("ok")])));
    let ask = |cmd: &mut assert_cmd::Command| {
        let out = run(cmd);
        assert_eq!(out.code, 0, "{}", out.stderr);
        server.requests().last().unwrap().json()
    };
    let body = ask(openai(&server).args([
        "ask",
        "-t",
        "conv_1",
        "--max-output-tokens",
        "500",
        "--reasoning-effort",
        "low",
        "--temperature",
        "0.2",
        "q",
    ]));
    assert_eq!(body["max_output_tokens"], 500);
    assert_eq!(body["reasoning"], json!({"effort": "low"}));
    assert_eq!(body["temperature"], 0.2);

    let body = ask(openai(&server)
        .env("ASST_MAX_OUTPUT_TOKENS", " 300\r")
        .env("ASST_REASONING_EFFORT", "high")
        .env("ASST_TEMPERATURE", "0")
        .args(["ask", "-t", "conv_1", "q"]));
    assert_eq!(body["max_output_tokens"], 300);
    assert_eq!(body["reasoning"], json!({"effort": "high"}));
    assert_eq!(body["temperature"], 0.0);

    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("config.toml");
    std::fs::write(
        &config,
        "[profiles.default]\nmax_output_tokens = 4000\nreasoning_effort = \"minimal\"\ntemperature = 1\n",
    )
    .unwrap();
    let body = ask(openai(&server)
        .env("ASST_CONFIG", &config)
        .args(["ask", "-t", "conv_1", "q"]));
    assert_eq!(body["max_output_tokens"], 4000);
    assert_eq!(body["reasoning"], json!({"effort": "minimal"}));
    assert_eq!(body["temperature"], 1.0);
    // The flag over the profile.
    let body = ask(openai(&server).env("ASST_CONFIG", &config).args([
        "ask",
        "-t",
        "conv_1",
        "--reasoning-effort",
        "none",
        "q",
    ]));
    assert_eq!(body["reasoning"], json!({"effort": "none"}));

    // None set: none sent, the server's defaults hold.
    let body = ask(openai(&server).args(["ask", "-t", "conv_1", "q"]));
    for key in ["max_output_tokens", "reasoning", "temperature"] {
        assert!(body.get(key).is_none(), "{key} sent unasked: {body}");
    }

    let sent = server.requests().len();
    let tmp_bad = tmp.path().join("bad.toml");
    std::fs::write(&tmp_bad, "[profiles.default]\ntemperature = 3\n").unwrap();
    let effort = tmp.path().join("effort.toml");
    std::fs::write(&effort, "[profiles.default]\nreasoning_effort = \"hgih\"\n").unwrap();
    for (args, env, code, says) in [
        (
            &["--max-output-tokens", "15"][..],
            None,
            2,
            "--max-output-tokens",
        ),
        (
            &["--max-output-tokens", "lots"],
            None,
            2,
            "--max-output-tokens",
        ),
        (&["--temperature", "2.5"], None, 2, "--temperature"),
        (&["--temperature", "NaN"], None, 2, "--temperature"),
        (&["--reasoning-effort", "hgih"], None, 2, "expected"),
        (
            &[],
            Some(("ASST_TEMPERATURE", "hot")),
            2,
            "ASST_TEMPERATURE",
        ),
        (
            &[],
            Some(("ASST_CONFIG", tmp_bad.to_str().unwrap())),
            3,
            "temperature",
        ),
        (
            &[],
            Some(("ASST_CONFIG", effort.to_str().unwrap())),
            3,
            "reasoning_effort",
        ),
    ] {
        let mut cmd = openai(&server);
        if let Some((k, v)) = env {
            cmd.env(k, v);
        }
        let out = run(cmd.args(["ask", "-t", "conv_1"]).args(args).arg("q"));
        assert_eq!(out.code, code, "{args:?} {env:?}: {}", out.stderr);
        let error = out.stderr.lines().next().unwrap_or_default();
        assert!(error.contains(says), "{args:?} {env:?}: {}", out.stderr);
    }
    assert_eq!(
        server.requests().len(),
        sent,
        "nothing sent for a bad value"
    );
}

/// Assistants runs take a token limit (`max_completion_tokens`, at least 256) and a
/// temperature, on a thread and in thread-and-run alike; a reasoning effort is for Responses.
#[test]
fn an_assistants_run_takes_its_token_limit_and_temperature() {
    let server = assistants_server();
    let assistants = |args: &[&str]| {
        run(openai(&server)
            .args(["ask", "--assistant", "asst_1"])
            .args(args)
            .arg("q"))
    };
    for thread in [&["-t", "thread_g"][..], &[]] {
        let out = assistants(
            &[
                thread,
                &["--max-output-tokens", "300", "--temperature", "0.3"],
            ]
            .concat(),
        );
        assert_eq!(out.code, 0, "{}", out.stderr);
        let body = server.requests().last().unwrap().json();
        assert_eq!(body["max_completion_tokens"], 300, "{body}");
        assert_eq!(body["temperature"], 0.3, "{body}");
        assert!(body.get("max_output_tokens").is_none(), "{body}");
    }
    let sent = server.requests().len();
    let out = assistants(&["-t", "thread_g", "--max-output-tokens", "100"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("256"), "{}", out.stderr);
    let out = assistants(&["-t", "thread_g", "--reasoning-effort", "low"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("Responses"), "{}", out.stderr);
    assert_eq!(server.requests().len(), sent, "nothing sent for either");
}

/// `ask --dry-run` prints the requests the question would send, as `xh --offline` does,
/// and sends nothing: no key command runs, no thread is made or recorded. What it prints is
/// what the real question sends, byte for byte in JSON terms.
#[test]
fn a_question_can_be_planned_without_a_server_or_a_key() {
    let server = Server::start(|r| match r.target.as_str() {
        "/v1/conversations" => {
            Reply::ok(json!({"id": "conv_new", "object": "conversation"}).to_string())
        }
        _ => Reply::sse(answer_stream(&[Piece::Text("hi")])),
    });
    let tmp = tempfile::tempdir().unwrap();
    let marker = tmp.path().join("key-command-ran");
    let offline = || {
        let mut cmd = crate::keyless(&server, &marker);
        cmd.env("ASST_HISTORY", "1")
            .env("ASST_HOME", tmp.path().join("home"));
        cmd
    };
    let question = [
        "--vector-store",
        "vs_1",
        "--filter",
        "year>2020",
        "--filter",
        "team in a,b",
        "--max-results",
        "5",
        "--model",
        "gpt-test",
        "what is new?",
    ];
    // On a thread given: one request, the one the real question sends.
    let out = run(offline()
        .args(["ask", "--json", "--dry-run", "-t", "conv_old"])
        .args(question));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let planned = out.events();
    assert_eq!(planned.len(), 1, "{}", out.stdout);
    assert!(server.requests().is_empty(), "a dry run sends nothing");
    assert!(!marker.exists(), "a dry run needs no key");
    let out = run(openai(&server)
        .args(["ask", "-t", "conv_old"])
        .args(question));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let sent = server.requests().pop().unwrap();
    assert_eq!(planned[0]["type"], "request");
    assert_eq!(planned[0]["method"], "POST");
    assert_eq!(
        planned[0]["url"],
        format!("{}{}", server.url(), sent.target)
    );
    assert_eq!(planned[0]["body"], sent.json());
    assert_eq!(
        sent.json()["tools"][0]["filters"]["type"],
        "and",
        "{}",
        sent.body
    );

    // On a new thread: the conversation first, then the question without the id it
    // does not know yet.
    let before = server.requests().len();
    let out = run(offline()
        .args(["ask", "--json", "--dry-run"])
        .args(question));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let planned = out.events();
    assert_eq!(server.requests().len(), before, "a dry run sends nothing");
    let out = run(openai(&server).arg("ask").args(question));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let sent = &server.requests()[before..];
    assert_eq!(sent.len(), 2, "{:?}", server.lines());
    assert_eq!(planned.len(), 2, "{planned:?}");
    for (p, s) in planned.iter().zip(sent) {
        assert_eq!(p["url"], format!("{}{}", server.url(), s.target));
        assert_eq!(p["method"], s.method);
        for (name, value) in &s.headers {
            let name = name.to_ascii_lowercase();
            if !["host", "content-length", "authorization"].contains(&name.as_str()) {
                assert_eq!(p["headers"][&name], value.as_str(), "{name}: {p}");
            }
        }
    }
    assert_eq!(planned[0]["body"], sent[0].json());
    let mut real = sent[1].json();
    assert_eq!(real["conversation"], "conv_new");
    real.as_object_mut().unwrap().remove("conversation");
    assert_eq!(planned[1]["body"], real);

    // Text: each request's line, then its body as JSON (for jq).
    let out = run(offline()
        .args(["ask", "--dry-run", "-t", "conv_old"])
        .args(question));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let (head, body) = out.stdout.split_once("\n\n").unwrap();
    let line = head.lines().next().unwrap();
    assert_eq!(line, format!("POST {}/v1/responses", server.url()));
    let body: Value = serde_json::from_str(body).expect("the body, as JSON");
    assert_eq!(body["model"], "gpt-test");
    assert!(!marker.exists(), "no key was asked for");
    let listed = run(offline().args(["thread", "list", "--json"]));
    assert_eq!(listed.code, 0, "{}", listed.stderr);
    assert_eq!(listed.stdout, "", "a dry run records no thread");
    // What it cannot show is refused before anything is read or sent.
    let out = run(offline().args(["ask", "--dry-run", "--attach", "a.md", "q"]));
    assert_eq!(out.code, 2, "{}", out.stderr);
    let out = run(offline().args(["ask", "--dry-run", "--assistant", "asst_1", "q"]));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("Responses"), "{}", out.stderr);
    // A base URL's credentials are not shown.
    let out = run(crate::asst()
        .env("OPENAI_BASE_URL", "https://user:hunter2@gateway.example/v1")
        .args(["ask", "--dry-run", "--json", "-t", "conv_old", "q"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.events()[0]["url"],
        "https://gateway.example/v1/responses"
    );
    // Without a key the plan is still shown, and a notice says the question would fail.
    assert!(out.events()[0]["headers"].get("authorization").is_none());
    assert!(
        out.stderr.contains("no API key is set") && out.stderr.contains("exit 3"),
        "{}",
        out.stderr
    );
    // And what the real question would be refused before its key, so is its dry run.
    let out = run(offline()
        .env("OPENAI_BASE_URL", "http://gateway.example/v1")
        .args(["ask", "--dry-run", "q"]));
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert!(out.stderr.contains("clear text"), "{}", out.stderr);
    assert!(!marker.exists());
}

/// A dry run shows the headers the question would carry, as `xh --offline` does: the same
/// the real question sends (bar the connection's own), with the credential named by where
/// it would come from instead of its value, which is never read.
#[test]
fn a_planned_question_shows_its_headers_and_where_the_key_would_come_from() {
    let server = Server::start(|_| Reply::sse(answer_stream(&[Piece::Text("hi")])));
    let tmp = tempfile::tempdir().unwrap();
    let marker = tmp.path().join("key-command-ran");
    let with_org = |mut cmd: assert_cmd::Command| {
        cmd.env("OPENAI_ORG_ID", "org_1")
            .env("OPENAI_PROJECT_ID", "proj_1")
            .env("ASST_HISTORY", "0");
        cmd
    };
    let out = run(with_org(crate::keyless(&server, &marker)).args([
        "ask",
        "--json",
        "--dry-run",
        "-t",
        "conv_old",
        "q",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!marker.exists(), "a dry run needs no key");
    let planned = out.events()[0]["headers"].clone();
    assert_eq!(
        planned["authorization"], "Bearer <ASST_API_KEY_CMD>",
        "{planned}"
    );
    let out = run(with_org(crate::keyless(&server, &marker)).args(["ask", "-t", "conv_old", "q"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let sent = server.requests().pop().unwrap();
    // Every header sent is shown, as sent; only the connection's own are not.
    for (name, value) in &sent.headers {
        let name = name.to_ascii_lowercase();
        match name.as_str() {
            "host" | "content-length" => assert!(planned.get(&name).is_none(), "{name}"),
            "authorization" => assert_eq!(value, &format!("Bearer {KEY}")),
            _ => assert_eq!(planned[&name], value.as_str(), "{name}: {planned}"),
        }
    }
    assert_eq!(
        planned.as_object().unwrap().len(),
        sent.headers.len() - 2,
        "nothing shown that is not sent: {planned}"
    );
    assert_eq!(planned["openai-organization"], "org_1");
    // Text: the request line, the headers, a blank line, the body.
    let out =
        run(with_org(crate::openai(&server)).args(["ask", "--dry-run", "-t", "conv_old", "q"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let (head, body) = out.stdout.split_once("\n\n").unwrap();
    let mut lines = head.lines();
    assert_eq!(
        lines.next(),
        Some(format!("POST {}/v1/responses", server.url()).as_str())
    );
    let headers: Vec<&str> = lines.collect();
    assert!(
        headers.contains(&"authorization: Bearer <OPENAI_API_KEY>"),
        "{head}"
    );
    assert!(headers.contains(&"openai-project: proj_1"), "{head}");
    assert!(!out.stdout.contains(KEY), "the key is never shown");
    let body: Value = serde_json::from_str(body).expect("the body, as JSON");
    assert_eq!(body["input"], "q");
    // Azure's key goes in api-key.
    let out = run(crate::asst()
        .env("AZURE_OPENAI_ENDPOINT", "https://res.openai.azure.com")
        .env("AZURE_OPENAI_API_KEY", KEY)
        .args([
            "ask",
            "--json",
            "--dry-run",
            "--model",
            "dep",
            "-t",
            "conv_old",
            "q",
        ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let headers = &out.events()[0]["headers"];
    assert_eq!(headers["api-key"], "<AZURE_OPENAI_API_KEY>", "{headers}");
    assert!(headers.get("authorization").is_none(), "{headers}");
}
