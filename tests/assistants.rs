//! Assistants v2 behind the same commands: threads, runs, messages, on OpenAI and Azure.

use crate::server::{named, sse_events, Reply, Server};
use crate::{asst, fixture, openai, run, Output, KEY};
use serde_json::json;

const THREAD: &str = "thread_JBW8iwCBHFQ5uPCfxzR9TlUf";
const ASSISTANT: &str = "asst_wsbI8mQzYyBDEhJH7F4Eg3tx";
const INCLUDE: &str = "include[]=step_details.tool_calls[*].file_search.results[*].content";

fn decode(query: &str) -> String {
    let mut out = Vec::new();
    let b = query.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            out.push(u8::from_str_radix(&query[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

fn recorded_run() -> Vec<String> {
    sse_events(&fixture("openai-dotnet_FileSearchStreamingWorks.sse"))
}

fn run_event(name: &str, status: &str, extra: serde_json::Value) -> String {
    let mut run =
        json!({"id": "run_1", "object": "thread.run", "thread_id": THREAD, "status": status});
    for (k, v) in extra.as_object().unwrap() {
        run[k] = v.clone();
    }
    named(name, run)
}

fn message_delta(value: &str) -> String {
    named(
        "thread.message.delta",
        json!({"id": "msg_1", "object": "thread.message.delta", "delta": {"content": [{"index": 0, "type": "text", "text": {"value": value}}]}}),
    )
}

#[test]
fn recorded_run_replays_to_the_same_answer_in_one_request() {
    let server = Server::start(|_| Reply::sse(recorded_run()));
    let out = run(openai(&server).env("ASSISTANT_ID", ASSISTANT).args([
        "ask",
        "--thread",
        THREAD,
        "What's Filip's favorite food?",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "Filip's favorite food is cake[1].\n\n[1] favorite_foods.txt\n"
    );
    assert_eq!(out.stderr, "");
    // one request: the file name came from the run step's file_search results
    let reqs = server.requests();
    assert_eq!(server.lines(), [format!("POST /v1/threads/{THREAD}/runs")]);
    assert_eq!(decode(reqs[0].query()), INCLUDE);
    assert_eq!(reqs[0].header("openai-beta"), Some("assistants=v2"));
    assert_eq!(
        reqs[0].header("authorization"),
        Some(format!("Bearer {KEY}").as_str())
    );
    assert_eq!(
        reqs[0].json(),
        json!({"assistant_id": ASSISTANT, "stream": true, "additional_messages": [{"role": "user", "content": "What's Filip's favorite food?"}]})
    );
}

#[test]
fn both_families_give_the_same_json_shape_for_the_same_answer() {
    let assistants = Server::start(|_| Reply::sse(recorded_run()));
    let a = run(openai(&assistants)
        .env("ASSISTANT_ID", ASSISTANT)
        .args(["ask", "-t", THREAD, "--json", "q"]));
    let responses = Server::start(|_| {
        Reply::sse(crate::responses::answer_stream(&[
            crate::responses::Piece::Text("Filip's favorite food is cake"),
            crate::responses::Piece::Cite("file-CyHtsk7XAWdRabQUBYRjCu", "favorite_foods.txt", 29),
            crate::responses::Piece::Text("."),
        ]))
    });
    let r = run(openai(&responses).args(["ask", "-t", "conv_1", "--json", "q"]));
    assert_eq!(a.deltas(), r.deltas());
    let shape = |events: Vec<serde_json::Value>| -> Vec<(String, Vec<String>)> {
        let mut shapes: Vec<(String, Vec<String>)> = events
            .iter()
            .map(|e| {
                (
                    e["type"].as_str().unwrap().to_string(),
                    e.as_object().unwrap().keys().cloned().collect(),
                )
            })
            .collect();
        shapes.dedup();
        shapes
    };
    assert_eq!(shape(a.events()), shape(r.events()));
    let cite = |events: Vec<serde_json::Value>| {
        events
            .into_iter()
            .find(|e| e["type"] == "citation")
            .unwrap()
    };
    assert_eq!(cite(a.events()), cite(r.events()));
    assert_eq!(a.events()[0]["api"], "assistants");
    assert_eq!(
        a.events().last().unwrap()["response"],
        "run_gMAiOdxbrcV3JXHDasJZwr3g"
    );
    assert_eq!(a.events().last().unwrap()["usage"]["total_tokens"], 2068);
}

#[test]
fn ask_without_a_thread_creates_thread_and_run_together() {
    let server = Server::start(|r| match r.path() {
        "/v1/files/file-abc" => {
            Reply::ok(r#"{"id":"file-abc","object":"file","filename":"policy.md"}"#)
        }
        _ => {
            let marker = "【4:0†source】";
            let n = marker.chars().count();
            Reply::sse(vec![
                named("thread.created", json!({"id": THREAD, "object": "thread"})),
                run_event("thread.run.created", "queued", json!({})),
                message_delta("Refunds within 30 days"),
                named(
                    "thread.message.delta",
                    json!({"id": "msg_1", "delta": {"content": [{"index": 0, "type": "text", "text": {"value": marker, "annotations": [{"index": 0, "type": "file_citation", "text": marker, "start_index": 22, "end_index": 22 + n, "file_citation": {"file_id": "file-abc", "quote": ""}}]}}]}}),
                ),
                message_delta(", EU 14"),
                named(
                    "thread.message.delta",
                    json!({"id": "msg_1", "delta": {"content": [{"index": 0, "type": "text", "text": {"value": marker, "annotations": [{"index": 0, "type": "file_citation", "text": marker, "start_index": 29 + n, "end_index": 29 + 2 * n, "file_citation": {"file_id": "file-abc"}}]}}]}}),
                ),
                message_delta("."),
                run_event("thread.run.completed", "completed", json!({})),
                "event: done\ndata: [DONE]\n\n".into(),
            ])
        }
    });
    let out = run(openai(&server)
        .env("ASSISTANT_ID", ASSISTANT)
        .args(["ask", "refunds?"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "Refunds within 30 days[1], EU 14[1].\n\n[1] policy.md\n"
    );
    assert_eq!(out.stderr, format!("asst: thread {THREAD}\n"));
    // one run request, and one file lookup for the one distinct file
    assert_eq!(
        server.lines(),
        ["POST /v1/threads/runs", "GET /v1/files/file-abc"]
    );
    let body = server.requests()[0].json();
    assert_eq!(
        body["thread"],
        json!({"messages": [{"role": "user", "content": "refunds?"}]})
    );
    assert_eq!(server.requests()[0].query(), "");
    for r in server
        .requests()
        .iter()
        .filter(|r| !r.path().starts_with("/v1/files"))
    {
        assert_eq!(r.header("openai-beta"), Some("assistants=v2"));
    }
    let out = run(openai(&server)
        .env("ASSISTANT_ID", ASSISTANT)
        .args(["ask", "--json", "refunds?"]));
    assert_eq!(
        out.events()[0],
        json!({"type": "thread", "schema": 1, "id": THREAD, "api": "assistants", "created": true})
    );
}

#[test]
fn thread_new_and_show_with_paging_and_file_names() {
    let server = Server::start(|r| match (r.method.as_str(), r.path()) {
        ("POST", "/v1/threads") => Reply::ok(format!(
            r#"{{"id":"{THREAD}","object":"thread","created_at":1,"metadata":{{}},"tool_resources":{{}}}}"#
        )),
        ("GET", "/v1/files/file-DLCAr5NoVMw44WT3FrWWva") => {
            Reply::ok(r#"{"id":"file-DLCAr5NoVMw44WT3FrWWva","filename":"favorite_foods.txt"}"#)
        }
        (_, p) if p.ends_with("/messages") => {
            let mut page: serde_json::Value =
                serde_json::from_str(&fixture("openai-dotnet_FileSearchWorks_list_messages.json"))
                    .unwrap();
            page["data"].as_array_mut().unwrap().reverse();
            if r.query().contains("after=") {
                page["data"] = json!([{"id": "msg_3", "role": "user", "created_at": 3, "content": [
                    {"type": "text", "text": {"value": "And this?", "annotations": []}},
                    {"type": "image_file", "image_file": {"file_id": "assistant-img1"}}
                ]}]);
                page["has_more"] = json!(false);
            } else {
                page["has_more"] = json!(true);
                page["last_id"] = json!("msg_zyAMtKD6txa2gyHZxCFDawwj");
            }
            Reply::ok(page.to_string())
        }
        _ => Reply::Json(404, "{}".into()),
    });
    let out = run(openai(&server)
        .env("ASSISTANT_ID", ASSISTANT)
        .args(["thread", "new"]));
    assert_eq!(out.stdout, format!("{THREAD}\n"));
    let out = run(openai(&server).args(["thread", "show", THREAD]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "User:\nUsing the files you have available, what's Filip's favorite food?\n\nAssistant:\nFilip's favorite food is cake[1].\n\n[1] favorite_foods.txt\n\nUser:\nAnd this?\n\n[image_file: assistant-img1]\n"
    );
    let lines = server.lines();
    assert_eq!(lines[0], "POST /v1/threads");
    assert_eq!(
        &lines[1..],
        [
            format!("GET /v1/threads/{THREAD}/messages"),
            "GET /v1/files/file-DLCAr5NoVMw44WT3FrWWva".to_string(),
            format!("GET /v1/threads/{THREAD}/messages"),
        ]
    );
    let queries: Vec<_> = server
        .requests()
        .iter()
        .filter(|r| r.path().ends_with("/messages"))
        .map(|r| r.query().to_string())
        .collect();
    assert_eq!(
        queries,
        [
            "limit=100&order=asc",
            "limit=100&order=asc&after=msg_zyAMtKD6txa2gyHZxCFDawwj"
        ]
    );
    // Files are looked up through the one Files path both families share (no beta header).
    for r in server
        .requests()
        .iter()
        .filter(|r| !r.path().starts_with("/v1/files"))
    {
        assert_eq!(
            r.header("openai-beta"),
            Some("assistants=v2"),
            "{}",
            r.line()
        );
    }
    let out = run(openai(&server).args(["thread", "show", THREAD, "--json"]));
    let m = &out.events()[1];
    assert_eq!(m["created_at"], 1761861675);
    assert_eq!(
        m["citations"],
        json!([{"n": 1, "file_id": "file-DLCAr5NoVMw44WT3FrWWva", "filename": "favorite_foods.txt", "offset": 29}])
    );
}

#[test]
fn outcome_comes_from_the_run_status_not_the_event_name() {
    let server = Server::start(|r| {
        let prompt = r.json()["additional_messages"][0]["content"]
            .as_str()
            .unwrap_or("")
            .to_string();
        let end = match prompt.as_str() {
            "incomplete" => run_event(
                "thread.run.completed",
                "incomplete",
                json!({"incomplete_details": {"reason": "max_completion_tokens"}}),
            ),
            "failed" => run_event(
                "thread.run.failed",
                "failed",
                json!({"last_error": {"code": "server_error", "message": "Sorry, something went wrong."}}),
            ),
            "limited" => run_event(
                "thread.run.failed",
                "failed",
                json!({"last_error": {"code": "rate_limit_exceeded", "message": "Rate limit reached."}}),
            ),
            "expired" => run_event("thread.run.expired", "expired", json!({})),
            _ => run_event("thread.run.completed", "completed", json!({})),
        };
        Reply::sse(vec![
            run_event("thread.run.created", "queued", json!({})),
            message_delta("Partial"),
            end,
            "event: done\ndata: [DONE]\n\n".into(),
        ])
    });
    for (prompt, code, status) in [
        ("incomplete", 8, "incomplete"),
        ("failed", 7, "failed"),
        ("limited", 5, "failed"),
        ("expired", 7, "failed"),
        ("fine", 0, "completed"),
    ] {
        let out = run(openai(&server)
            .env("ASSISTANT_ID", ASSISTANT)
            .args(["ask", "-t", THREAD, prompt]));
        assert_eq!(out.code, code, "{prompt}: {}", out.stderr);
        assert_eq!(out.stdout, "Partial\n", "{prompt}");
        let out = run(openai(&server)
            .env("ASSISTANT_ID", ASSISTANT)
            .args(["ask", "-t", THREAD, "--json", prompt]));
        let done = out
            .events()
            .into_iter()
            .find(|e| e["type"] == "done")
            .unwrap();
        assert_eq!(done["status"], status, "{prompt}");
    }
}

#[test]
fn an_in_stream_error_event_fails_the_run() {
    let server = Server::start(|_| {
        Reply::sse(vec![
            run_event("thread.run.created", "queued", json!({})),
            message_delta("Part"),
            named(
                "error",
                json!({"message": "The server had an error while processing your request.", "type": "server_error", "code": "server_error"}),
            ),
        ])
    });
    let out = run(openai(&server)
        .env("ASSISTANT_ID", ASSISTANT)
        .args(["ask", "-t", THREAD, "--json", "q"]));
    assert_eq!(out.code, 7, "{}", out.stderr);
    assert_eq!(out.deltas(), "Part");
    assert!(
        out.stderr.contains(
            "the run failed: The server had an error while processing your request. (server_error)"
        ),
        "{}",
        out.stderr
    );
    assert_eq!(
        server.requests().len(),
        1,
        "no recovery attempt after an explicit error"
    );
}

#[test]
fn requires_action_cancels_the_run() {
    let server = Server::start(|r| {
        if r.path().ends_with("/cancel") {
            return Reply::ok(r#"{"id":"run_1","status":"cancelling"}"#);
        }
        Reply::sse(vec![
            run_event("thread.run.created", "queued", json!({})),
            run_event("thread.run.requires_action", "requires_action", json!({})),
        ])
    });
    let out = run(openai(&server)
        .env("ASSISTANT_ID", ASSISTANT)
        .args(["ask", "-t", THREAD, "q"]));
    assert_eq!(out.code, 7, "{}", out.stderr);
    assert!(out.stderr.contains("call a function"), "{}", out.stderr);
    assert_eq!(
        server.lines(),
        [
            format!("POST /v1/threads/{THREAD}/runs"),
            format!("POST /v1/threads/{THREAD}/runs/run_1/cancel")
        ]
    );
}

#[test]
fn an_active_run_is_reported_as_busy_with_the_run_named() {
    let server = Server::start(|_| {
        Reply::Json(
            400,
            format!(
                r#"{{"error":{{"message":"Thread {THREAD} already has an active run run_QZ7.","type":"invalid_request_error","param":null,"code":null}}}}"#
            ),
        )
    });
    let out = run(openai(&server)
        .env("ASSISTANT_ID", ASSISTANT)
        .env("ASST_BUSY_WAIT", "0")
        .args(["ask", "-t", THREAD, "q"]));
    assert_eq!(out.code, 9, "{}", out.stderr);
    assert!(
        out.stderr.contains(&format!("thread {THREAD} is busy")),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("run_QZ7"), "{}", out.stderr);
}

#[test]
fn azure_uses_the_dated_path_and_api_version() {
    let server = Server::start(|_| Reply::sse(recorded_run()));
    let azure = || {
        let mut cmd = asst();
        cmd.env("AZURE_OPENAI_ENDPOINT", server.url())
            .env("AZURE_OPENAI_API_KEY", KEY)
            .env("ASSISTANT_ID", ASSISTANT);
        cmd
    };
    let out = run(azure().args(["ask", "-t", THREAD, "q"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let r = &server.requests()[0];
    assert_eq!(r.path(), format!("/openai/threads/{THREAD}/runs"));
    assert_eq!(
        decode(r.query()),
        format!("api-version=2025-04-01-preview&{INCLUDE}")
    );
    assert_eq!(r.header("api-key"), Some(KEY));
    assert_eq!(r.header("openai-beta"), Some("assistants=v2"));

    let out = run(azure()
        .env("AZURE_OPENAI_API_VERSION", "2024-05-01-preview")
        .args(["ask", "-t", THREAD, "q"]));
    assert_eq!(out.code, 0);
    assert!(server.requests()[1]
        .query()
        .starts_with("api-version=2024-05-01-preview&"));
}

#[test]
fn family_conflicts_and_missing_assistant_are_reported_before_sending() {
    let server = Server::start(|_| Reply::Json(500, "{}".into()));
    let out = run(openai(&server).args(["ask", "--api", "responses", "-t", THREAD, "q"]));
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("is a thread of the assistants API"),
        "{}",
        out.stderr
    );
    let out = run(openai(&server).args(["ask", "-t", THREAD, "q"]));
    assert_eq!(out.code, 3);
    assert!(out.stderr.contains("ASSISTANT_ID"), "{}", out.stderr);
    let out = run(openai(&server).env("ASSISTANT_ID", ASSISTANT).args([
        "ask",
        "--vector-store",
        "vs_1",
        "--vector-store",
        "vs_2",
        "q",
    ]));
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("an Assistants thread takes one vector store; 2 were given"),
        "{}",
        out.stderr
    );
    assert!(server.requests().is_empty());
}

#[test]
fn a_batch_asks_on_assistants_threads_as_ask_does() {
    let server = Server::start(|_| Reply::sse(recorded_run()));
    let mut input = tempfile::NamedTempFile::new().unwrap();
    let line = json!({"id": "legacy", "prompt": "What's Filip's favorite food?", "thread": THREAD, "metadata": {"run": "nightly"}});
    std::io::Write::write_all(&mut input, format!("{line}\n").as_bytes()).unwrap();
    let out = run(openai(&server)
        .env("ASSISTANT_ID", ASSISTANT)
        .arg("batch")
        .arg(input.path()));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let result: serde_json::Value = serde_json::from_str(out.stdout.trim()).unwrap();
    assert_eq!(result["text"], "Filip's favorite food is cake[1].");
    assert_eq!(result["citations"][0]["filename"], "favorite_foods.txt");
    assert_eq!(result["thread"], THREAD);
    assert!(result["response"].as_str().unwrap().starts_with("run_"));
    assert_eq!(server.lines(), [format!("POST /v1/threads/{THREAD}/runs")]);
    assert_eq!(
        server.requests()[0].json()["metadata"],
        json!({"run": "nightly"})
    );
}

/// The Assistants reader takes a server's `null`s as the Responses one does: as missing.
#[test]
fn messages_with_null_fields_read_as_missing() {
    let server = Server::start(|_| {
        Reply::ok(
            json!({"object": "list", "data": [
                {"id": "msg_1", "role": "user", "created_at": null, "run_id": null, "content": [
                    {"type": "text", "text": {"value": "Refunds?", "annotations": null}}]},
                {"id": "msg_2", "role": "assistant", "content": null},
                {"id": "msg_3", "role": "assistant", "content": [
                    {"type": "text", "text": {"value": "30 days.", "annotations": null}}]}
            ], "first_id": null, "last_id": null, "has_more": null})
            .to_string(),
        )
    });
    let out = run(openai(&server).args(["thread", "show", THREAD]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    // A message without content shows as one with an empty list does.
    assert_eq!(
        out.stdout,
        "User:\nRefunds?\n\nAssistant:\n\nAssistant:\n30 days.\n"
    );
}

/// A run's token counts are read for the numbers they hold, however they are written.
#[test]
fn run_usage_written_as_strings_or_floats_reads_for_what_it_holds() {
    let server = Server::start(|_| {
        Reply::sse(vec![
            run_event("thread.run.created", "queued", json!({})),
            message_delta("Thirty days."),
            run_event(
                "thread.run.completed",
                "completed",
                json!({"usage": {"prompt_tokens": "20", "completion_tokens": 3.0, "total_tokens": null}}),
            ),
            "event: done\ndata: [DONE]\n\n".into(),
        ])
    });
    let out = run(openai(&server)
        .env("ASSISTANT_ID", ASSISTANT)
        .args(["ask", "-t", THREAD, "--json", "q"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let done = out.events().into_iter().last().unwrap();
    assert_eq!(done["status"], "completed", "{}", out.stdout);
    assert_eq!(done["usage"]["input_tokens"], 20, "{}", out.stdout);
    assert_eq!(done["usage"]["output_tokens"], 3, "{}", out.stdout);
}

/// The answer to a question asked of the recorded run as recorded, and as `change` makes it.
fn recorded_and_changed(change: fn(Vec<String>) -> Vec<String>) -> (Output, Output) {
    let ask = |events: Vec<String>| {
        let server = Server::start(move |_| Reply::sse(events.clone()));
        run(openai(&server)
            .env("ASSISTANT_ID", ASSISTANT)
            .args(["ask", "-t", THREAD, "q"]))
    };
    (ask(recorded_run()), ask(change(recorded_run())))
}

/// A server that sends a run's message whole (`thread.message.completed`) without its
/// deltas: the answer is printed from it, as the deltas would have printed it; with the
/// deltas, it is not printed twice.
#[test]
fn a_message_that_comes_without_deltas_is_printed() {
    let (want, got) = recorded_and_changed(|events| {
        events
            .into_iter()
            .filter(|e| !e.starts_with("event: thread.message.delta"))
            .collect()
    });
    assert_eq!(want.code, 0, "{}", want.stderr);
    assert!(want.stdout.contains("cake"), "{}", want.stdout);
    assert_eq!((got.code, &got.stdout), (0, &want.stdout), "{}", got.stderr);
    assert_eq!(want.stdout.matches("cake").count(), 1, "{}", want.stdout);
}

/// A run's indexes written as strings (as gateways that map 64-bit integers to strings
/// write them) are read for the numbers they hold: the recorded run so written prints
/// what it prints as recorded.
#[test]
fn indexes_written_as_strings_lose_nothing() {
    let (want, got) = recorded_and_changed(|events| {
        events
            .into_iter()
            .map(|e| {
                e.replace(r#""index":0"#, r#""index":"0""#)
                    .replace(r#""start_index":29"#, r#""start_index":"29""#)
                    .replace(r#""end_index":53"#, r#""end_index":53.0"#)
            })
            .collect()
    });
    assert!(want.stdout.contains("cake[1]"), "{}", want.stdout);
    assert_eq!((got.code, &got.stdout), (0, &want.stdout), "{}", got.stderr);
}
