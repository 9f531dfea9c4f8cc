//! The small things: nothing ignored silently, instructions that add, every id in --json,
//! a transcript's tail.

use crate::responses::{answer_stream, Piece};
use crate::server::{named, Reply, Request, Server};
use crate::{openai, run};
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
