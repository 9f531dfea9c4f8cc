//! Responses + Conversations: `thread new`, `thread show` and `ask`, for OpenAI and Azure.

use crate::server::{event, sse_events, Chunk, Reply, Server};
use crate::{asst, fixture, openai, run, KEY};
use serde_json::json;
use std::io::Read;
use std::time::Duration;

const CONV: &str = "conv_6a3f193a23f08197a8aaeee38622750f0903dc172c433d83";

/// A test-made answer stream: `Text` deltas and `Cite` annotations in order.
pub enum Piece<'a> {
    Text(&'a str),
    Cite(&'a str, &'a str, usize),
}

pub fn answer_stream(pieces: &[Piece]) -> Vec<String> {
    let resp = json!({"id": "resp_1", "object": "response", "status": "in_progress"});
    let mut events = vec![
        event(json!({"type": "response.created", "response": resp, "sequence_number": 0})),
        event(
            json!({"type": "response.output_item.added", "output_index": 0, "item": {"id": "msg_1", "type": "message", "role": "assistant", "content": []}}),
        ),
    ];
    for (i, p) in pieces.iter().enumerate() {
        events.push(match p {
            Piece::Text(t) => event(json!({"type": "response.output_text.delta", "item_id": "msg_1", "output_index": 0, "content_index": 0, "delta": t, "logprobs": [], "obfuscation": "xyz", "sequence_number": i + 2})),
            Piece::Cite(id, name, index) => event(json!({"type": "response.output_text.annotation.added", "item_id": "msg_1", "output_index": 0, "content_index": 0, "annotation_index": 0, "annotation": {"type": "file_citation", "file_id": id, "filename": name, "index": index}})),
        });
    }
    events.push(event(json!({"type": "response.completed", "response": {"id": "resp_1", "status": "completed", "usage": {"input_tokens": 10, "output_tokens": 5, "total_tokens": 15}}})));
    events
}

fn recorded_answer() -> Reply {
    Reply::sse(sse_events(&fixture(
        "openai-dotnet_ResponsesFileSearchCallStreaming.sse",
    )))
}

#[test]
fn thread_new_prints_the_bare_id_and_sends_metadata() {
    let server = Server::start(|_| {
        Reply::ok(format!(
            r#"{{"id":"{CONV}","object":"conversation","created_at":1,"metadata":{{"topic":"test"}}}}"#
        ))
    });
    let out = run(openai(&server).args(["thread", "new", "--metadata", "topic=test"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, format!("{CONV}\n"));
    assert_eq!(out.stderr, "");
    let reqs = server.requests();
    assert_eq!(server.lines(), ["POST /v1/conversations"]);
    assert_eq!(reqs[0].json(), json!({"metadata": {"topic": "test"}}));
    assert_eq!(
        reqs[0].header("authorization"),
        Some(format!("Bearer {KEY}").as_str())
    );
    assert_eq!(reqs[0].header("openai-beta"), None);

    let out = run(openai(&server).args(["thread", "new", "--json"]));
    assert_eq!(
        out.events(),
        [json!({"type": "thread", "schema": 1, "id": CONV, "api": "responses", "created": true})]
    );
}

#[test]
fn ask_streams_the_recorded_answer_with_a_citation_in_one_request() {
    let server = Server::start(|_| recorded_answer());
    let out = run(openai(&server)
        .args([
            "ask",
            "--thread",
            CONV,
            "--vector-store",
            "vs_1",
            "--vector-store",
            "vs_2",
        ])
        .args([
            "--model",
            "gpt-4o-mini",
            "--instructions",
            "Be brief.",
            "What is Travis's favorite food?",
        ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "Travis's favorite food is pizza[1].\n\n[1] test_favorite_foods.txt\n"
    );
    assert_eq!(out.stderr, "");
    assert_eq!(server.lines(), ["POST /v1/responses"]);
    let req = &server.requests()[0];
    assert_eq!(
        req.json(),
        json!({
            "model": "gpt-4o-mini",
            "input": "What is Travis's favorite food?",
            "conversation": CONV,
            "stream": true,
            "instructions": "Be brief.",
            "tools": [{"type": "file_search", "vector_store_ids": ["vs_1", "vs_2"]}],
        })
    );
    assert_eq!(req.header("accept"), Some("text/event-stream"));
}

/// Some servers send `data:` lines alone, the event's name only in its `type`: the
/// recorded answer without its `event:` lines reads the same, text and JSON.
#[test]
fn a_stream_without_event_names_reads_as_the_named_one() {
    let unnamed = |_: &crate::server::Request| {
        let recording = fixture("openai-dotnet_ResponsesFileSearchCallStreaming.sse");
        let events = sse_events(&recording)
            .into_iter()
            .map(|e| {
                e.lines()
                    .filter(|l| !l.starts_with("event:"))
                    .map(|l| format!("{l}\n"))
                    .collect()
            })
            .collect();
        Reply::sse(events)
    };
    for flags in [&[][..], &["--json"]] {
        let named = Server::start(|_| recorded_answer());
        let server = Server::start(unnamed);
        let want = run(openai(&named).args(["ask", "-t", CONV, "q"]).args(flags));
        let got = run(openai(&server).args(["ask", "-t", CONV, "q"]).args(flags));
        assert_eq!(want.code, 0, "{}", want.stderr);
        assert!(want.stdout.contains("pizza"), "{}", want.stdout);
        assert_eq!(
            (got.code, &got.stdout, &got.stderr),
            (0, &want.stdout, &want.stderr)
        );
    }
}

#[test]
fn json_events_concatenate_to_the_text_answer() {
    let server = Server::start(|_| recorded_answer());
    let text = run(openai(&server).args(["ask", "-t", CONV, "q"]));
    let json = run(openai(&server).args(["ask", "-t", CONV, "--json", "q"]));
    assert_eq!(json.code, 0, "{}", json.stderr);
    let events = json.events();
    assert_eq!(
        events[0],
        json!({"type": "thread", "schema": 1, "id": CONV, "api": "responses", "created": false})
    );
    let answer = json.deltas();
    assert_eq!(answer, "Travis's favorite food is pizza[1].");
    assert!(text.stdout.starts_with(&answer));
    let citation = events.iter().find(|e| e["type"] == "citation").unwrap();
    assert_eq!(
        citation,
        &json!({"type": "citation", "n": 1, "file_id": "file-NCKrwcbrD1Z2ucn4Mhe1yX", "filename": "test_favorite_foods.txt", "offset": 31})
    );
    let done = events.last().unwrap();
    assert_eq!(done["type"], "done");
    assert_eq!(done["status"], "completed");
    assert_eq!(done["thread"], CONV);
    assert_eq!(
        done["response"],
        "resp_083ce8e7bd81902a0069bb31247f348190904098cb370d5aae"
    );
    assert_eq!(
        done["usage"]["total_tokens"],
        json!(
            done["usage"]["input_tokens"].as_u64().unwrap()
                + done["usage"]["output_tokens"].as_u64().unwrap()
        )
    );
}

#[test]
fn prompt_from_stdin_and_from_arguments_then_stdin() {
    let server = Server::start(|_| Reply::sse(answer_stream(&[Piece::Text("ok")])));
    let out = run(openai(&server)
        .args(["ask", "-t", CONV])
        .write_stdin("What is our refund policy?\n"));
    assert_eq!(out.stdout, "ok\n");
    let out = run(openai(&server)
        .args(["ask", "-t", CONV, "review", "this"])
        .write_stdin("diff --git a b\n"));
    assert_eq!(out.code, 0);
    let bodies: Vec<_> = server
        .requests()
        .iter()
        .map(|r| r.json()["input"].clone())
        .collect();
    assert_eq!(
        bodies,
        [
            json!("What is our refund policy?\n"),
            json!("review this\n\ndiff --git a b\n")
        ]
    );

    // --no-stdin ignores a pipe, for loops that read their own stdin
    let out = run(openai(&server)
        .args(["ask", "-t", CONV, "-n", "only", "this"])
        .write_stdin("not this"));
    assert_eq!(out.code, 0);
    assert_eq!(server.requests()[2].json()["input"], "only this");

    // A file saved as "UTF-8 with BOM" is asked without its U+FEFF, and so is a schema
    // file saved so (which otherwise is "not JSON" at line 1 column 1).
    let dir = tempfile::tempdir().unwrap();
    let schema = dir.path().join("verdict.json");
    std::fs::write(
        &schema,
        "\u{feff}{\"type\":\"object\",\"properties\":{},\"additionalProperties\":false}",
    )
    .unwrap();
    let out = run(openai(&server)
        .args(["ask", "-t", CONV, "--schema"])
        .arg(&schema)
        .write_stdin("\u{feff}What is our refund policy?\n"));
    // (The server's "ok" is not the JSON asked for: exit 10, but the question went out.)
    assert_eq!(out.code, 10, "{}", out.stderr);
    let body = server.requests()[3].json();
    assert_eq!(body["input"], "What is our refund policy?\n");
    assert_eq!(body["text"]["format"]["schema"]["type"], "object");
}

#[test]
fn empty_or_bad_prompts_are_usage_errors_and_send_nothing() {
    let server = Server::start(|_| Reply::sse(answer_stream(&[Piece::Text("ok")])));
    for (args, stdin) in [
        (vec!["ask", "-t", CONV], &b""[..]),
        (vec!["ask", "-t", CONV, "  "], b" \n\t"),
        (vec!["ask", "-t", CONV], b"caf\xe9"),
    ] {
        let out = run(openai(&server).args(&args).write_stdin(stdin));
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert!(out.stderr.starts_with("asst: error: "), "{}", out.stderr);
        assert_eq!(
            out.stderr
                .lines()
                .filter(|l| l.starts_with("asst: error:"))
                .count(),
            1
        );
        assert_eq!(out.stdout, "");
    }
    let out = run(openai(&server).args(["ask", "-t", "conv/../../files", "q"]));
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("not a valid thread id"),
        "{}",
        out.stderr
    );
    assert_eq!(server.lines(), Vec::<String>::new());
}

#[test]
fn ask_without_a_thread_starts_one_and_reports_its_id() {
    let server = Server::start(|r| match r.path() {
        "/v1/conversations" => Reply::ok(format!(r#"{{"id":"{CONV}","object":"conversation"}}"#)),
        _ => Reply::sse(answer_stream(&[Piece::Text("Hi.")])),
    });
    let out = run(openai(&server).args(["ask", "hello"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "Hi.\n");
    assert_eq!(out.stderr, format!("asst: thread {CONV}\n"));
    assert_eq!(
        server.lines(),
        ["POST /v1/conversations", "POST /v1/responses"]
    );
    assert_eq!(server.requests()[1].json()["conversation"], CONV);
    // the default model on OpenAI; no tool when no vector store is configured
    assert_eq!(server.requests()[1].json()["model"], "gpt-4o-mini");
    assert!(server.requests()[1].json().get("tools").is_none());

    let out = run(openai(&server).args(["ask", "--json", "hello"]));
    assert_eq!(
        out.events()[0],
        json!({"type": "thread", "schema": 1, "id": CONV, "api": "responses", "created": true})
    );
    assert_eq!(out.stderr, "");
}

#[test]
fn azure_uses_the_v1_path_the_api_key_header_and_the_deployment() {
    let server = Server::start(|_| Reply::sse(answer_stream(&[Piece::Text("ok")])));
    let out = run(asst()
        .env("AZURE_OPENAI_ENDPOINT", format!("{}/", server.url()))
        .env("AZURE_OPENAI_API_KEY", KEY)
        .env("AZURE_OPENAI_API_VERSION", "2025-04-01-preview")
        .env("ASST_MODEL", "my-deployment")
        .args(["ask", "-t", CONV, "q"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let req = &server.requests()[0];
    assert_eq!(req.target, "/openai/v1/responses");
    assert_eq!(req.header("api-key"), Some(KEY));
    assert_eq!(req.header("authorization"), None);
    assert_eq!(req.json()["model"], "my-deployment");

    // Entra ID token from a command, sent as a bearer token
    let out = run(asst()
        .env("AZURE_OPENAI_ENDPOINT", server.url())
        .env("ASST_AZURE_TOKEN_CMD", "echo entra-token-123")
        .env("ASST_MODEL", "dep")
        .args(["ask", "-t", CONV, "q"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        server.requests()[1].header("authorization"),
        Some("Bearer entra-token-123")
    );

    // no deployment: a configuration error before any request
    let out = run(asst()
        .env("AZURE_OPENAI_ENDPOINT", server.url())
        .env("AZURE_OPENAI_API_KEY", KEY)
        .args(["ask", "-t", CONV, "q"]));
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert!(out.stderr.contains("deployment"), "{}", out.stderr);
    assert_eq!(server.requests().len(), 2);
}

/// The portal's "Target URI" (a deployment's chat completions URL with its api-version)
/// is what people paste: the resource is the part before `/openai`, and the rest is not
/// pasted into asst's own paths.
#[test]
fn an_azure_target_uri_as_the_endpoint_stands_for_its_resource() {
    let server = Server::start(|_| Reply::sse(answer_stream(&[Piece::Text("ok")])));
    for pasted in [
        "/openai/deployments/gpt-4o/chat/completions?api-version=2024-08-01-preview",
        "/openai/responses?api-version=2025-04-01-preview",
        "/gateway/openai/v1/",
    ] {
        let out = run(asst()
            .env("AZURE_OPENAI_ENDPOINT", format!("{}{pasted}", server.url()))
            .env("AZURE_OPENAI_API_KEY", KEY)
            .env("ASST_MODEL", "gpt-4o")
            .args(["ask", "-t", CONV, "q"]));
        assert_eq!(out.code, 0, "{pasted}: {}", out.stderr);
    }
    let targets: Vec<String> = server.requests().iter().map(|r| r.target.clone()).collect();
    assert_eq!(
        targets,
        [
            "/openai/v1/responses",
            "/openai/v1/responses",
            "/gateway/openai/v1/responses"
        ]
    );

    // A gateway's own query (a subscription key, say) stays on every request, after the
    // path, on Azure as with a base URL.
    let out = run(asst()
        .env(
            "AZURE_OPENAI_ENDPOINT",
            format!("{}/team?subscription-key=s", server.url()),
        )
        .env("AZURE_OPENAI_API_KEY", KEY)
        .env("ASST_MODEL", "gpt-4o")
        .args(["ask", "-t", CONV, "q"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let out = run(asst()
        .env("OPENAI_API_KEY", KEY)
        .env("OPENAI_BASE_URL", format!("{}/v1?team=a", server.url()))
        .args(["ask", "-t", CONV, "q"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let targets: Vec<String> = server.requests()[3..]
        .iter()
        .map(|r| r.target.clone())
        .collect();
    assert_eq!(
        targets,
        [
            "/team/openai/v1/responses?subscription-key=s",
            "/v1/responses?team=a"
        ]
    );
}

#[test]
fn every_delta_reaches_stdout_before_the_next_arrives() {
    first_delta_is_flushed_while_the_stream_waits(&[], "first ", "first second\n");
    first_delta_is_flushed_while_the_stream_waits(
        &["--json"],
        r#"{"type":"delta","text":"first "}"#,
        r#""text":"second""#,
    );
}

/// The server sends the first delta, then holds the stream until the test has seen that
/// delta on asst's stdout (through a pipe); buffering would deadlock and time out.
fn first_delta_is_flushed_while_the_stream_waits(flags: &[&str], first: &str, end: &str) {
    let (release, wait) = std::sync::mpsc::channel();
    let wait = std::sync::Mutex::new(Some(wait));
    let server = Server::start(move |_| {
        let mut events = answer_stream(&[Piece::Text("first "), Piece::Text("second")]);
        let tail = events.split_off(3);
        let mut chunks: Vec<Chunk> = events
            .into_iter()
            .map(|e| Chunk::Bytes(e.into_bytes()))
            .collect();
        chunks.push(Chunk::WaitFor(wait.lock().unwrap().take().unwrap()));
        chunks.extend(tail.into_iter().map(|e| Chunk::Bytes(e.into_bytes())));
        Reply::Stream {
            chunks,
            drop: false,
        }
    });
    let args: Vec<&str> = ["ask", "-t", CONV, "q"]
        .iter()
        .chain(flags)
        .copied()
        .collect();
    let mut child = crate::spawn(&server, &args, &[]);
    let mut stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut seen = Vec::new();
        let mut buf = [0u8; 64];
        while let Ok(n) = stdout.read(&mut buf) {
            if n == 0 {
                break;
            }
            seen.extend_from_slice(&buf[..n]);
            let _ = tx.send(String::from_utf8_lossy(&seen).into_owned());
        }
    });
    let mut got = String::new();
    while !got.contains(first) {
        got = rx
            .recv_timeout(Duration::from_secs(10))
            .expect("the first delta was not flushed while the stream waited");
    }
    assert!(!got.contains("second"), "{got}");
    release.send(()).unwrap();
    assert!(child.wait().unwrap().success());
    while let Ok(s) = rx.recv_timeout(Duration::from_secs(5)) {
        got = s;
    }
    assert!(got.contains(end), "{got}");
}

#[test]
fn citations_count_characters_not_bytes() {
    // "Café ☕ 😀 menu" — the citation sits after "menu" at character 13 (16 bytes in UTF-8 before it).
    let server = Server::start(|_| {
        Reply::sse(answer_stream(&[
            Piece::Text("Café ☕ 😀 menu"),
            Piece::Cite("file-a", "menü.pdf", 13),
            Piece::Text(" and prices"),
            Piece::Cite("file-b", "prices.md", 24),
            Piece::Cite("file-a", "menü.pdf", 24),
            Piece::Text("."),
        ]))
    });
    let out = run(openai(&server).args(["ask", "-t", CONV, "q"]));
    assert_eq!(
        out.stdout,
        "Café ☕ 😀 menu[1] and prices[2][1].\n\n[1] menü.pdf\n[2] prices.md\n"
    );
    let out = run(openai(&server).args(["ask", "-t", CONV, "--json", "q"]));
    let offsets: Vec<_> = out
        .events()
        .iter()
        .filter(|e| e["type"] == "citation")
        .map(|e| (e["n"].clone(), e["offset"].clone()))
        .collect();
    assert_eq!(
        offsets,
        [
            (json!(1), json!(13)),
            (json!(2), json!(27)),
            (json!(1), json!(30))
        ]
    );
    let out = run(openai(&server).args(["ask", "-t", CONV, "--no-citations", "q"]));
    assert_eq!(out.stdout, "Café ☕ 😀 menu and prices.\n");
}

#[test]
fn reasoning_first_unknown_events_and_keepalives_are_handled() {
    let server = Server::start(|_| {
        Reply::sse(vec![
            ": keep-alive\n\n".into(),
            event(json!({"type": "response.created", "response": {"id": "resp_r", "status": "in_progress"}})),
            event(json!({"type": "response.output_item.added", "output_index": 0, "item": {"id": "rs_1", "type": "reasoning", "summary": []}})),
            event(json!({"type": "response.reasoning_summary_text.delta", "item_id": "rs_1", "output_index": 0, "delta": "thinking"})),
            event(json!({"type": "response.output_item.done", "output_index": 0, "item": {"id": "rs_1", "type": "reasoning"}})),
            event(json!({"type": "response.brand_new_event", "whatever": [1, 2]})),
            ": ping\r\n\r\n".into(),
            "event: response.output_text.delta\r\ndata: {\"type\":\"response.output_text.delta\",\"item_id\":\"msg_2\",\"output_index\":1,\"content_index\":0,\"delta\":\"Answer\"}\r\n\r\n".into(),
            event(json!({"type": "response.output_text.annotation.added", "item_id": "msg_2", "output_index": 1, "content_index": 0, "annotation": {"type": "url_citation", "url": "https://example.com", "start_index": 0, "end_index": 6}})),
            event(json!({"type": "response.output_text.annotation.added", "item_id": "msg_2", "output_index": 1, "content_index": 0, "annotation": {"type": "file_citation", "file_id": "f1", "filename": "a.txt", "index": 6}})),
            event(json!({"type": "response.completed", "response": {"id": "resp_r", "status": "completed"}})),
        ])
    });
    let out = run(openai(&server).args(["ask", "-t", CONV, "q"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "Answer[1]\n\n[1] a.txt\n");
}

#[test]
fn nested_in_stream_error_is_reported_with_its_exit_code() {
    // The recording is one data payload per line, without `event:` lines.
    let events: Vec<String> = fixture("vercel-ai_openai-error.1.chunks.jsonl")
        .lines()
        .map(|l| format!("data: {l}\n\n"))
        .collect();
    let server = Server::start(move |_| Reply::sse(events.clone()));
    let out = run(openai(&server).args(["ask", "-t", CONV, "q"]));
    assert_eq!(out.code, 5, "{}", out.stderr);
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr
            .starts_with("asst: error: the response failed: You exceeded your current quota"),
        "{}",
        out.stderr
    );
    let out = run(openai(&server).args(["ask", "-t", CONV, "--json", "q"]));
    let events = out.events();
    let done = &events[events.len() - 2];
    assert_eq!(
        (
            done["type"].as_str(),
            done["status"].as_str(),
            done["reason"].as_str()
        ),
        (Some("done"), Some("failed"), Some("insufficient_quota"))
    );
    let err = events.last().unwrap();
    assert_eq!(
        (
            err["type"].as_str(),
            err["code"].as_str(),
            err["exit_code"].as_u64()
        ),
        (Some("error"), Some("rate_limited"), Some(5))
    );
}

#[test]
fn incomplete_answer_keeps_the_partial_text_and_exits_8() {
    let server = Server::start(|_| {
        let mut events = answer_stream(&[Piece::Text("The policy says")]);
        events.pop();
        events.push(event(json!({"type": "response.incomplete", "response": {"id": "resp_1", "status": "incomplete", "incomplete_details": {"reason": "max_output_tokens"}}})));
        Reply::sse(events)
    });
    let out = run(openai(&server).args(["ask", "-t", CONV, "q"]));
    assert_eq!(out.code, 8);
    assert_eq!(out.stdout, "The policy says\n");
    assert_eq!(
        out.stderr,
        "asst: error: the answer is incomplete (max_output_tokens)\n"
    );
    let out = run(openai(&server).args(["ask", "-t", CONV, "--json", "q"]));
    let events = out.events();
    assert_eq!(events[events.len() - 2]["status"], "incomplete");
    assert_eq!(events[events.len() - 2]["reason"], "max_output_tokens");
    assert_eq!(events.last().unwrap()["code"], "incomplete");
}

#[test]
fn thread_show_follows_every_page_oldest_first() {
    let server = Server::start(|r| {
        let q = r.query();
        if q.contains("after=msg_2") {
            Reply::ok(json!({"object": "list", "data": [
                {"id": "msg_3", "type": "message", "role": "assistant", "content": [{"type": "output_text", "text": "Refunds take 30 days.", "annotations": [{"type": "file_citation", "file_id": "file-h", "filename": "handbook.pdf", "index": 20}]}]}
            ], "first_id": "msg_3", "last_id": "msg_3", "has_more": false}).to_string())
        } else {
            Reply::ok(json!({"object": "list", "data": [
                {"id": "msg_1", "type": "message", "role": "user", "content": [{"type": "input_text", "text": "Refunds?"}]},
                {"id": "fs_1", "type": "file_search_call", "queries": ["refunds"]},
                {"id": "msg_2", "type": "message", "role": "assistant", "content": [{"type": "output_text", "text": "Let me check.", "annotations": []}]}
            ], "first_id": "msg_1", "last_id": "msg_2", "has_more": true}).to_string())
        }
    });
    let out = run(openai(&server).args(["thread", "show", CONV]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "User:\nRefunds?\n\nAssistant:\nLet me check.\n\nAssistant:\nRefunds take 30 days[1].\n\n[1] handbook.pdf\n");
    let targets: Vec<_> = server.requests().iter().map(|r| r.target.clone()).collect();
    assert_eq!(
        targets,
        [
            format!("/v1/conversations/{CONV}/items?limit=100&order=asc"),
            format!("/v1/conversations/{CONV}/items?limit=100&order=asc&after=msg_2"),
        ]
    );
    let out = run(openai(&server).args(["thread", "show", CONV, "--json"]));
    let messages = out.events();
    assert_eq!(messages.len(), 3);
    assert_eq!(
        messages[2],
        json!({"type": "message", "id": "msg_3", "thread": CONV, "role": "assistant", "created_at": null, "text": "Refunds take 30 days[1].", "citations": [{"n": 1, "file_id": "file-h", "filename": "handbook.pdf", "offset": 20}]})
    );
}

#[test]
fn thread_show_reads_the_recorded_conversation() {
    let session: serde_json::Value = serde_json::from_str(&fixture(
        "openai-dotnet_ResponseUsingConversations.session.json",
    ))
    .unwrap();
    let mut items = session["Entries"][2]["ResponseBody"].clone();
    // The recording listed newest first (the API default); asst asks for oldest first.
    items["data"].as_array_mut().unwrap().reverse();
    let server = Server::start(move |_| Reply::ok(items.to_string()));
    let out = run(openai(&server).args(["thread", "show", CONV]));
    assert_eq!(out.stdout, "System:\nYou are a helpful assistant.\n\nUser:\nTell me a joke.\n\nAssistant:\nWhy did the scarecrow win an award?\n\nBecause he was outstanding in his field!\n");
}

#[test]
fn api_errors_map_to_documented_exit_codes_without_leaking_the_key() {
    let server = Server::start(|r| {
        match r.json()["input"].as_str().unwrap_or("") {
        "auth" => Reply::Json(401, format!(r#"{{"error":{{"message":"Incorrect API key provided: {KEY}.","type":"invalid_request_error","code":"invalid_api_key"}}}}"#)),
        "missing" => Reply::Json(404, r#"{"error":{"message":"Conversation with id 'conv_x' not found.","type":"invalid_request_error","param":null,"code":null}}"#.into()),
        "azure404" => Reply::Json(404, r#"{"error":{"code":"404","message":"Resource not found"}}"#.into()),
        "bad" => Reply::Json(400, r#"{"error":{"message":"Invalid value for 'model'.","type":"invalid_request_error"}}"#.into()),
        // A restricted key without the scope: OpenAI answers 401 (or 403) with this wording.
        "scope" => Reply::Json(401, r#"{"error":{"message":"You have insufficient permissions for this operation. Missing scopes: api.responses.write.","type":"invalid_request_error","code":null}}"#.into()),
        "region" => Reply::Json(403, r#"{"error":{"message":"Country, region, or territory not supported","type":"request_forbidden","code":"unsupported_country_region_territory"}}"#.into()),
        _ => Reply::Json(400, "not json at all".into()),
    }
    });
    for (input, code, text, hint) in [
        ("auth", 3, "the server rejected the credentials: Incorrect API key provided: <redacted> (HTTP 401, invalid_api_key)", Some("check OPENAI_API_KEY (or the key command) and OPENAI_BASE_URL; asst config shows where each comes from")),
        // not a wrong key: a key that may not do this, or a request refused for another reason
        ("scope", 3, "the key is not allowed to do this: You have insufficient permissions for this operation. Missing scopes: api.responses.write (HTTP 401)", Some("give the key the permission the message names")),
        ("region", 3, "the server refused the request: Country, region, or territory not supported (HTTP 403, unsupported_country_region_territory)", None),
        ("missing", 4, "conversation conv_x not found (Conversation with id 'conv_x' not found (HTTP 404))", None),
        ("azure404", 4, "conversation conv_x not found (Resource not found (HTTP 404))", None),
        ("bad", 1, "Invalid value for 'model' (HTTP 400)", None),
        ("other", 1, "not json at all (HTTP 400)", None),
    ] {
        let out = run(openai(&server).args(["ask", "-t", "conv_x", input]));
        assert_eq!(out.code, code, "{input}: {}", out.stderr);
        let id = crate::server::request_id(server.requests().len() - 1);
        assert_eq!(
            out.stderr.lines().next().unwrap(),
            format!("asst: error: {text} (request {id})")
        );
        let shown = out.stderr.lines().find_map(|l| l.strip_prefix("asst: hint: "));
        match hint {
            Some(hint) => assert!(shown.is_some_and(|h| h.starts_with(hint)), "{input}: {}", out.stderr),
            None => assert!(!out.stderr.contains("OPENAI_API_KEY"), "{input}: {}", out.stderr),
        }
        let out = run(openai(&server).args(["ask", "-t", "conv_x", "--json", input]));
        let last = out.events().pop().unwrap();
        assert_eq!(last["type"], "error");
        assert_eq!(last["exit_code"], code);
    }
}

#[test]
fn organization_project_and_entra_token_headers() {
    let server = Server::start(|_| Reply::sse(answer_stream(&[Piece::Text("ok")])));
    // (as read from a file written on Windows: the \r is no part of the id)
    let out = run(openai(&server)
        .env("OPENAI_ORG_ID", "org-123\r")
        .env("OPENAI_PROJECT_ID", " proj_456\n")
        .args(["ask", "-t", CONV, "q"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let r = &server.requests()[0];
    assert_eq!(r.header("openai-organization"), Some("org-123"));
    assert_eq!(r.header("openai-project"), Some("proj_456"));
    let out = run(openai(&server)
        .env("ASST_MODEL", "gpt-4.1\r")
        .args(["ask", "-t", CONV, "q"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(server.requests().last().unwrap().json()["model"], "gpt-4.1");

    let out = run(asst()
        .env("AZURE_OPENAI_ENDPOINT", server.url())
        .env("AZURE_OPENAI_AD_TOKEN", KEY)
        .env("ASST_MODEL", "dep")
        .env("OPENAI_ORG_ID", "org-123")
        .args(["ask", "-t", CONV, "q"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let r = &server.requests()[2];
    assert_eq!(
        r.header("authorization"),
        Some(format!("Bearer {KEY}").as_str())
    );
    assert_eq!(r.header("api-key"), None);
    assert_eq!(
        r.header("openai-organization"),
        None,
        "OpenAI headers are not sent to Azure"
    );
}

#[test]
fn missing_key_names_what_to_set() {
    let out = run(asst().args(["ask", "-t", CONV, "q"]));
    assert_eq!(out.code, 3);
    assert_eq!(
        out.stderr.lines().next().unwrap(),
        "asst: error: no API key: set OPENAI_API_KEY"
    );
    let out = run(asst()
        .env("AZURE_OPENAI_ENDPOINT", "https://x.openai.azure.com")
        .args(["thread", "new"]));
    assert_eq!(out.code, 3);
    assert!(
        out.stderr.contains("AZURE_OPENAI_API_KEY"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_closed_stdout_ends_quietly() {
    let long: String = "word ".repeat(50_000);
    let server = Server::start(move |_| {
        Reply::sse(answer_stream(&[Piece::Text(&long), Piece::Text(&long)]))
    });
    let mut child = crate::spawn(&server, &["ask", "-t", CONV, "q"], &[]);
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 10];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(crate::shell_status(&out.status), 0);
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

/// Servers built on models that print every optional field (Pydantic's default) write
/// `null` where the API leaves a field out: a conversation's items and pages, and a
/// streamed answer's final response, read as if the field were missing.
#[test]
fn fields_written_as_null_read_as_missing() {
    let server = Server::start(|r| {
        if r.method == "GET" {
            return Reply::ok(json!({"object": "list", "data": [
                {"id": "msg_1", "type": "message", "role": "user", "status": null, "content": [{"type": "input_text", "text": "Refunds?", "annotations": null}]},
                {"id": "fs_1", "type": "file_search_call", "role": null, "content": null, "queries": ["refunds"]},
                {"id": "msg_2", "type": "message", "role": "assistant", "content": [{"type": "output_text", "text": "30 days.", "annotations": null, "logprobs": null}]}
            ], "first_id": null, "last_id": null, "has_more": null}).to_string());
        }
        Reply::sse(vec![
            event(
                json!({"type": "response.created", "response": {"id": "resp_1", "status": "in_progress", "output": null, "usage": null, "conversation": null}}),
            ),
            event(
                json!({"type": "response.output_text.delta", "item_id": "msg_3", "output_index": 0, "content_index": 0, "delta": "Thirty days."}),
            ),
            event(
                json!({"type": "response.output_text.annotation.added", "item_id": "msg_3", "output_index": 0, "content_index": 0, "annotation": {"type": "file_citation", "file_id": "file-h", "filename": null, "index": null}}),
            ),
            event(
                json!({"type": "response.completed", "response": {"id": "resp_1", "status": "completed", "output": null, "error": null, "incomplete_details": null, "usage": {"input_tokens": 10, "output_tokens": null, "total_tokens": null}}}),
            ),
        ])
    });
    let out = run(openai(&server).args(["thread", "show", CONV]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "User:\nRefunds?\n\nAssistant:\n30 days.\n");
    assert_eq!(
        server.requests().len(),
        1,
        "has_more: null is the last page"
    );
    let out = run(openai(&server).args(["ask", "-t", CONV, "--json", "q"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let events = out.events();
    let done = events.iter().find(|e| e["type"] == "done").unwrap();
    assert_eq!(done["status"], "completed", "{}", out.stdout);
    assert_eq!(done["usage"]["input_tokens"], 10, "{}", out.stdout);
}

#[test]
fn token_counts_written_as_strings_or_floats_read_for_what_they_hold() {
    // A count is read for the number it holds however it is written; one that holds none
    // is 0, and the answer is not lost over it.
    let server = Server::start(|_| {
        Reply::sse(vec![
            event(
                json!({"type": "response.created", "response": {"id": "resp_1", "status": "in_progress"}}),
            ),
            event(
                json!({"type": "response.output_text.delta", "item_id": "msg_1", "output_index": 0, "content_index": 0, "delta": "Thirty days."}),
            ),
            event(
                json!({"type": "response.completed", "response": {"id": "resp_1", "status": "completed", "usage": {"input_tokens": "10", "output_tokens": 4.0, "total_tokens": {"n": 14}}}}),
            ),
        ])
    });
    let out = run(openai(&server).args(["ask", "-t", CONV, "--json", "q"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let events = out.events();
    let done = events.iter().find(|e| e["type"] == "done").unwrap();
    assert_eq!(done["status"], "completed", "{}", out.stdout);
    assert_eq!(
        done["usage"],
        json!({"input_tokens": 10, "output_tokens": 4, "total_tokens": 0}),
        "{}",
        out.stdout
    );
}

/// `answer_stream` with every event's `sequence_number` set by `number` (from its place).
fn renumbered(pieces: &[Piece], number: impl Fn(usize) -> u64) -> Vec<String> {
    answer_stream(pieces)
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let data = e.lines().find_map(|l| l.strip_prefix("data: ")).unwrap();
            let mut v: serde_json::Value = serde_json::from_str(data).unwrap();
            v["sequence_number"] = json!(number(i));
            event(v)
        })
        .collect()
}

/// Compatible servers and gateways do not all number their events as OpenAI does: some
/// write 0 on every event (a field's default), some number the last events apart from
/// the deltas (a counter of their own). A stream that was not resumed has no events seen
/// before: every one is read, whatever its number.
#[test]
fn a_fresh_stream_is_read_whole_however_its_events_are_numbered() {
    let pieces = [Piece::Text("Good "), Piece::Text("answer")];
    let count = answer_stream(&pieces).len();
    // Each numbering is given an event's place and the number of events.
    type Numbering = fn(usize, usize) -> u64;
    let numberings: [(&str, Numbering); 3] = [
        ("all 0", |_, _| 0),
        ("the last event numbered apart", |i, n| {
            if i + 1 == n {
                0
            } else {
                i as u64
            }
        }),
        ("backwards", |i, n| (n - i) as u64),
    ];
    for (what, number) in numberings {
        let events = renumbered(&pieces, |i| number(i, count));
        let server = Server::start(move |_| Reply::sse(events.clone()));
        let out = run(openai(&server).args(["ask", "-t", CONV, "q"]));
        assert_eq!(
            (out.code, out.stdout.as_str()),
            (0, "Good answer\n"),
            "{what}: {}",
            out.stderr
        );
        assert_eq!(server.lines(), ["POST /v1/responses"], "{what}");
    }
}

/// A delta's (and a citation's) indexes written as strings or floats (as gateways that map
/// 64-bit integers to strings, protobuf's JSON among them, write them), or not as numbers
/// at all, are read for what they hold: neither text nor citation is lost over them.
#[test]
fn delta_numbers_written_as_strings_or_floats_lose_no_text() {
    let server = Server::start(|_| {
        let delta = |delta: &str, seq: serde_json::Value, index: serde_json::Value| {
            event(
                json!({"type": "response.output_text.delta", "item_id": "msg_1", "output_index": "0", "content_index": index, "delta": delta, "sequence_number": seq}),
            )
        };
        Reply::sse(vec![
            event(
                json!({"type": "response.created", "sequence_number": "0", "response": {"id": "resp_1", "status": "in_progress"}}),
            ),
            delta("Thirty", json!("1"), json!("0")),
            event(
                json!({"type": "response.output_text.annotation.added", "item_id": "msg_1", "content_index": "0", "annotation": {"type": "file_citation", "file_id": "file-h", "filename": "handbook.pdf", "index": "6"}}),
            ),
            delta(" days", json!(2.0), json!(0.0)),
            delta(" in", json!(-3), json!(-1)),
            delta(" writing.", json!({"n": 4}), json!([0])),
            event(
                json!({"type": "response.completed", "sequence_number": "5", "response": {"id": "resp_1", "status": "completed"}}),
            ),
        ])
    });
    let out = run(openai(&server).args(["ask", "-t", CONV, "q"]));
    assert_eq!(
        (out.code, out.stdout.as_str()),
        (0, "Thirty[1] days in writing.\n\n[1] handbook.pdf\n"),
        "{}",
        out.stderr
    );
}

/// A server that streams no deltas (a cache replaying a stored answer, a gateway that
/// waited for the whole of it) has the answer in its last events alone: in the completed
/// response's `output`, in the `response.output_item.done` before it, or in the text's
/// `response.output_text.done`. It is printed, with its citations, not lost.
#[test]
fn an_answer_that_comes_without_deltas_is_printed() {
    let message = json!({"id": "msg_1", "type": "message", "role": "assistant", "content": [
        {"type": "output_text", "text": "Thirty days, in writing.", "annotations": [
            {"type": "file_citation", "file_id": "file-h", "filename": "handbook.pdf", "index": 11}]}]});
    let created = event(
        json!({"type": "response.created", "response": {"id": "resp_1", "status": "in_progress"}}),
    );
    let item_done =
        event(json!({"type": "response.output_item.done", "output_index": 0, "item": message}));
    let completed = |output: serde_json::Value| {
        event(
            json!({"type": "response.completed", "response": {"id": "resp_1", "status": "completed", "output": output}}),
        )
    };
    let want = "Thirty days[1], in writing.\n\n[1] handbook.pdf\n";
    for (what, events) in [
        (
            "in the completed response",
            vec![
                created.clone(),
                item_done.clone(),
                completed(json!([message])),
            ],
        ),
        (
            "in the output item alone",
            vec![created.clone(), item_done.clone(), completed(json!([]))],
        ),
        // or in the text's done event, its citation announced before it
        (
            "in the text's done event",
            vec![
                created.clone(),
                event(
                    json!({"type": "response.output_text.annotation.added", "item_id": "msg_1", "content_index": 0, "annotation_index": 0,
                    "annotation": {"type": "file_citation", "file_id": "file-h", "filename": "handbook.pdf", "index": 11}}),
                ),
                event(
                    json!({"type": "response.output_text.done", "item_id": "msg_1", "content_index": 0, "text": "Thirty days, in writing."}),
                ),
                completed(json!([])),
            ],
        ),
        // a gateway's first delta may be empty (a chat completion's first chunk has no text)
        (
            "after an empty delta",
            vec![
                created.clone(),
                event(
                    json!({"type": "response.output_text.delta", "item_id": "msg_1", "content_index": 0, "delta": ""}),
                ),
                completed(json!([message])),
            ],
        ),
    ] {
        let server = Server::start(move |_| Reply::sse(events.clone()));
        let out = run(openai(&server).args(["ask", "-t", CONV, "q"]));
        assert_eq!(
            (out.code, out.stdout.as_str()),
            (0, want),
            "{what}: {}",
            out.stderr
        );
        let json = run(openai(&server).args(["ask", "-t", CONV, "--json", "q"]));
        assert_eq!(json.deltas(), "Thirty days[1], in writing.", "{what}");
    }
    // and one that streamed its text is not printed twice from the completed response
    let server = Server::start(|_| recorded_answer());
    let out = run(openai(&server).args(["ask", "-t", CONV, "q"]));
    assert_eq!(out.stdout.matches("pizza").count(), 1, "{}", out.stdout);
}
