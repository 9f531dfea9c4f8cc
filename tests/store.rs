//! File search setup: uploads, vector stores with asynchronous processing, idempotent
//! re-runs, progress output, `--attach` and `--show-search`.

use crate::responses::{answer_stream, Piece};
use crate::server::{event, sse_events, Reply, Request, Server};
use crate::{asst, fixture, openai, run, KEY};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// A Files + Vector stores API in memory. A store file stays `in_progress` for two polls;
/// a file whose name contains "broken" then fails, like a real unsupported file.
#[derive(Default)]
struct Api {
    files: BTreeMap<String, (String, Vec<u8>)>,
    stores: BTreeMap<String, Value>,
    store_files: BTreeMap<String, Vec<(String, Value, u32)>>,
    next: u32,
    fail_upload_named: Option<String>,
    /// Uploads still to be refused with a 503 before one is accepted.
    busy_uploads: u32,
    /// Serves `file_batches` (otherwise 404, as on servers without them).
    batches: bool,
    /// The files of each batch, by batch id: a batch counts its own files only.
    batch_files: BTreeMap<String, Vec<String>>,
    /// Taking a file out of a store, or changing its attributes, is refused (403), as for a
    /// key that may only read.
    refuse_detach: bool,
    /// `file_batches` answers 400, as a server that does not take a batch's `files` would.
    refuse_batches: bool,
    /// Uploads are refused (403), as for a key that may read but not write files.
    refuse_uploads: bool,
    /// The chunking each file was added with, by file id (absent: `auto`).
    chunking: BTreeMap<String, Value>,
    /// Takes a file's chunking and does not keep it: every file reports `auto`'s, as a
    /// compatible server that does not chunk as asked would.
    ignore_chunking: bool,
}

impl Api {
    fn id(&mut self, prefix: &str) -> String {
        self.next += 1;
        format!("{prefix}{}", self.next)
    }

    fn file_object(&self, vs: &str, file_id: &str, attributes: &Value, polls: u32) -> Value {
        let name = &self
            .files
            .get(file_id)
            .map(|f| f.0.clone())
            .unwrap_or_default();
        let (status, error) = match polls {
            0..=1 => ("in_progress", Value::Null),
            _ if name.contains("broken") => (
                "failed",
                json!({"code": "unsupported_file", "message": "The file type is not supported."}),
            ),
            _ => ("completed", Value::Null),
        };
        let size = self.files.get(file_id).map_or(0, |f| f.1.len());
        // As the API reports it: `auto` is 800 tokens a chunk, 400 of them overlapping.
        let chunking = self.chunking.get(file_id).cloned().unwrap_or_else(|| {
            json!({"type": "static", "static": {"max_chunk_size_tokens": 800, "chunk_overlap_tokens": 400}})
        });
        json!({"id": file_id, "object": "vector_store.file", "vector_store_id": vs, "status": status, "last_error": error, "usage_bytes": size, "attributes": attributes, "chunking_strategy": chunking})
    }

    /// Keeps the chunking a file is added with, as the API checks it (OpenAPI
    /// `StaticChunkingStrategy`: 100 to 4096 tokens a chunk, an overlap of at most half).
    fn chunk(&mut self, param: &str, file_id: &str, strategy: &Value) -> Option<Reply> {
        let refuse = |message: String| {
            Some(Reply::Json(
                400,
                json!({"error": {"message": message, "type": "invalid_request_error", "param": param, "code": "invalid_value"}}).to_string(),
            ))
        };
        match strategy["type"].as_str() {
            None if strategy.is_null() => None,
            Some("auto") => None,
            Some("static") => {
                let s = &strategy["static"];
                let (Some(size), Some(overlap)) = (
                    s["max_chunk_size_tokens"].as_u64(),
                    s["chunk_overlap_tokens"].as_u64(),
                ) else {
                    return refuse(format!("Missing required parameter: '{param}.static'."));
                };
                if !(100..=4096).contains(&size) {
                    return refuse(format!("Invalid '{param}.static.max_chunk_size_tokens': expected a value between 100 and 4096."));
                }
                if overlap > size / 2 {
                    return refuse(format!("Invalid '{param}.static.chunk_overlap_tokens': it must not exceed half of max_chunk_size_tokens."));
                }
                if !self.ignore_chunking {
                    self.chunking.insert(file_id.to_string(), strategy.clone());
                }
                None
            }
            _ => refuse(format!("Invalid '{param}.type'.")),
        }
    }

    fn counts(&self, vs: &str) -> Value {
        self.counts_of(vs, |_| true)
    }

    fn counts_of(&self, vs: &str, counted: impl Fn(&str) -> bool) -> Value {
        let mut files = self.store_files.get(vs).cloned().unwrap_or_default();
        files.retain(|f| counted(&f.0));
        let status: Vec<String> = files
            .iter()
            .map(|(id, a, p)| {
                self.file_object(vs, id, a, *p)["status"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect();
        let n = |s: &str| status.iter().filter(|x| *x == s).count();
        json!({"in_progress": n("in_progress"), "completed": n("completed"), "failed": n("failed"), "cancelled": 0, "total": status.len()})
    }

    fn handle(&mut self, r: &Request) -> Reply {
        let path = r
            .path()
            .trim_start_matches("/openai")
            .trim_start_matches("/v1");
        let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
        match (r.method.as_str(), parts.as_slice()) {
            ("POST", ["files"]) => {
                let (name, content, purpose) = multipart(r);
                assert_eq!(purpose, "assistants");
                if self.busy_uploads > 0 {
                    self.busy_uploads -= 1;
                    return Reply::JsonWith(
                        503,
                        vec![("retry-after-ms".into(), "300".into())],
                        r#"{"error":{"message":"busy"}}"#.into(),
                    );
                }
                if self.refuse_uploads {
                    return Reply::Json(403, r#"{"error":{"message":"You have insufficient permissions for this operation. Missing scopes: api.files.write.","type":"invalid_request_error","param":null,"code":null}}"#.into());
                }
                // As OpenAI and Azure answer an empty file.
                if content.is_empty() {
                    return Reply::Json(400, r#"{"error":{"message":"File is empty.","type":"invalid_request_error","param":null,"code":null}}"#.into());
                }
                if self.fail_upload_named.as_deref() == Some(name.as_str()) {
                    return Reply::Json(500, r#"{"error":{"message":"upload storage unavailable","type":"server_error"}}"#.into());
                }
                let id = self.id("file-");
                self.files
                    .insert(id.clone(), (name.clone(), content.clone()));
                Reply::ok(json!({"id": id, "object": "file", "filename": name, "bytes": content.len(), "purpose": "assistants"}).to_string())
            }
            ("GET", ["files", id]) => match self.files.get(*id) {
                Some((name, c)) => {
                    Reply::ok(json!({"id": id, "filename": name, "bytes": c.len()}).to_string())
                }
                None => Reply::Json(404, r#"{"error":{"message":"No such File object"}}"#.into()),
            },
            ("DELETE", ["files", id]) => {
                self.files.remove(*id);
                Reply::ok(json!({"id": id, "object": "file", "deleted": true}).to_string())
            }
            ("POST", ["vector_stores"]) => {
                let body = r.json();
                // OpenAPI `CreateVectorStoreRequest`: `file_ids` has at most 500 items.
                let ids = body["file_ids"].as_array().map_or(0, Vec::len);
                if ids > 500 {
                    return Reply::Json(400, json!({"error": {"message": format!("Invalid 'file_ids': array too long. Expected an array with maximum length 500, but got an array with length {ids} instead."), "type": "invalid_request_error", "param": "file_ids", "code": "array_above_max_length"}}).to_string());
                }
                let id = self.id("vs_");
                let mut files = Vec::new();
                for f in body["file_ids"].as_array().into_iter().flatten() {
                    files.push((f.as_str().unwrap().to_string(), json!({}), 0));
                }
                self.store_files.insert(id.clone(), files);
                let created = 1_700_000_000 + self.next as i64;
                let mut store = json!({"id": id, "object": "vector_store", "name": body["name"], "status": "completed", "created_at": created, "usage_bytes": 0, "expires_after": null, "expires_at": null});
                // The API counts the days from the store's last activity: now, when it is new.
                if let Some(days) = body["expires_after"]["days"].as_i64() {
                    assert_eq!(body["expires_after"]["anchor"], "last_active_at");
                    assert!((1..=365).contains(&days), "the API refuses {days} days");
                    store["expires_after"] = body["expires_after"].clone();
                    store["expires_at"] = json!(created + days * 86_400);
                }
                self.stores.insert(id.clone(), store);
                self.get_store(&id)
            }
            ("GET", ["vector_stores"]) => {
                let mut data: Vec<Value> =
                    self.stores.keys().map(|id| self.store_json(id)).collect();
                if r.query().contains("order=desc") {
                    data.reverse();
                }
                Reply::ok(json!({"object": "list", "data": data, "has_more": false}).to_string())
            }
            ("GET", ["vector_stores", id]) => self.get_store(id),
            ("POST", ["vector_stores", id]) => {
                // OpenAPI `UpdateVectorStoreRequest`: a name, an expiry (null: none), metadata.
                let body = r.json();
                let fields = body.as_object().unwrap();
                assert!(
                    fields
                        .keys()
                        .all(|k| ["name", "expires_after", "metadata"].contains(&k.as_str())),
                    "the API takes no other field: {body}"
                );
                let now = 1_700_000_000 + self.next as i64 + 1_000;
                let Some(store) = self.stores.get_mut(*id) else {
                    return Reply::Json(
                        404,
                        r#"{"error":{"message":"No vector store found"}}"#.into(),
                    );
                };
                if let Some(name) = fields.get("name") {
                    store["name"] = name.clone();
                }
                match fields.get("expires_after") {
                    Some(Value::Null) => {
                        store["expires_after"] = Value::Null;
                        store["expires_at"] = Value::Null;
                    }
                    Some(after) => {
                        let days = after["days"].as_i64().unwrap();
                        assert_eq!(after["anchor"], "last_active_at");
                        assert!((1..=365).contains(&days), "the API refuses {days} days");
                        store["expires_after"] = after.clone();
                        // Updated is active: the days count from now.
                        store["expires_at"] = json!(now + days * 86_400);
                    }
                    None => {}
                }
                self.get_store(id)
            }
            ("DELETE", ["vector_stores", id]) => match self.stores.remove(*id) {
                Some(_) => Reply::ok(
                    json!({"id": id, "object": "vector_store.deleted", "deleted": true})
                        .to_string(),
                ),
                None => Reply::Json(
                    404,
                    r#"{"error":{"message":"No vector store found"}}"#.into(),
                ),
            },
            ("POST", ["vector_stores", vs, "files"]) => {
                let body = r.json();
                let file_id = body["file_id"].as_str().unwrap().to_string();
                let attributes = body["attributes"].clone();
                if let Some(refused) = Api::refused_attributes("attributes", &attributes) {
                    return refused;
                }
                if let Some(refused) =
                    self.chunk("chunking_strategy", &file_id, &body["chunking_strategy"])
                {
                    return refused;
                }
                self.store_files.get_mut(*vs).unwrap().push((
                    file_id.clone(),
                    attributes.clone(),
                    0,
                ));
                Reply::ok(self.file_object(vs, &file_id, &attributes, 0).to_string())
            }
            ("DELETE" | "POST", ["vector_stores", _, "files", _]) if self.refuse_detach => Reply::Json(
                403,
                r#"{"error":{"message":"You have insufficient permissions for this operation.","type":"invalid_request_error"}}"#.into(),
            ),
            ("POST", ["vector_stores", vs, "files", id]) => {
                // Update attributes: the body is `attributes` and nothing else, and they
                // replace the file's own.
                let body = r.json();
                let object = body.as_object().unwrap();
                assert!(
                    object.len() == 1 && object["attributes"].is_object(),
                    "an update takes attributes only: {body}"
                );
                let Some(f) = self
                    .store_files
                    .get_mut(*vs)
                    .and_then(|files| files.iter_mut().find(|f| f.0 == *id))
                else {
                    return Reply::Json(404, r#"{"error":{"message":"No file found"}}"#.into());
                };
                if let Some(refused) = Api::refused_attributes("attributes", &body["attributes"]) {
                    return refused;
                }
                f.1 = body["attributes"].clone();
                let (attributes, polls) = (f.1.clone(), f.2);
                Reply::ok(self.file_object(vs, id, &attributes, polls).to_string())
            }
            ("POST", ["vector_stores", _, "file_batches"]) if self.refuse_batches => Reply::Json(
                400,
                r#"{"error":{"message":"Unrecognized request argument supplied: files","type":"invalid_request_error","param":null,"code":null}}"#.into(),
            ),
            ("POST", ["vector_stores", vs, "file_batches"]) if self.batches => {
                let body = r.json();
                let files = body["files"].as_array().unwrap().clone();
                assert!(
                    !files.is_empty() && files.len() <= 2000,
                    "a batch has 1 to 2000 files"
                );
                // With `files`, the batch's own chunking would be ignored: each file has its own.
                assert!(
                    body["chunking_strategy"].is_null(),
                    "ignored beside files: {body}"
                );
                // The whole batch is refused for one file's attributes or chunking.
                for (i, f) in files.iter().enumerate() {
                    let param = format!("files[{i}].attributes");
                    if let Some(refused) = Api::refused_attributes(&param, &f["attributes"]) {
                        return refused;
                    }
                    let param = format!("files[{i}].chunking_strategy");
                    let id = f["file_id"].as_str().unwrap();
                    if let Some(refused) = self.chunk(&param, id, &f["chunking_strategy"]) {
                        return refused;
                    }
                }
                let mut ids = Vec::new();
                for f in &files {
                    ids.push(f["file_id"].as_str().unwrap().to_string());
                    self.store_files.get_mut(*vs).unwrap().push((
                        f["file_id"].as_str().unwrap().to_string(),
                        f["attributes"].clone(),
                        0,
                    ));
                }
                let id = self.id("vsfb_");
                self.batch_files.insert(id.clone(), ids);
                let counts = self.batch_counts(vs, &id);
                Reply::ok(json!({"id": id, "object": "vector_store.files_batch", "status": "in_progress", "file_counts": counts}).to_string())
            }
            ("GET", ["vector_stores", vs, "file_batches", id]) if self.batches => {
                for f in self.store_files.get_mut(*vs).unwrap().iter_mut() {
                    f.2 += 1;
                }
                let counts = self.batch_counts(vs, id);
                let status = if counts["in_progress"] == 0 {
                    "completed"
                } else {
                    "in_progress"
                };
                Reply::ok(json!({"id": id, "status": status, "file_counts": counts}).to_string())
            }
            ("DELETE", ["vector_stores", vs, "files", id]) => {
                let files = self.store_files.get_mut(*vs).unwrap();
                let before = files.len();
                files.retain(|f| f.0 != *id);
                if files.len() == before {
                    return Reply::Json(404, r#"{"error":{"message":"No file found"}}"#.into());
                }
                Reply::ok(
                    json!({"id": id, "object": "vector_store.file.deleted", "deleted": true})
                        .to_string(),
                )
            }
            ("POST", ["vector_stores", vs, "search"]) => self.search(vs, &r.json()),
            ("GET", ["vector_stores", vs, "files"]) => {
                let Some(files) = self.store_files.get_mut(*vs) else {
                    return Reply::Json(
                        404,
                        r#"{"error":{"message":"No vector store found"}}"#.into(),
                    );
                };
                for f in files.iter_mut() {
                    f.2 += 1;
                }
                let files = files.clone();
                let data: Vec<Value> = files
                    .iter()
                    .map(|(id, a, p)| self.file_object(vs, id, a, *p))
                    .collect();
                Reply::ok(json!({"object": "list", "data": data, "has_more": false}).to_string())
            }
            _ => Reply::Json(
                404,
                json!({"error": {"message": format!("no route {}", r.line())}}).to_string(),
            ),
        }
    }

    /// What the API refuses in a file's `attributes` (OpenAPI `VectorStoreFileAttributes`:
    /// 16 keys at most, keys of up to 64 characters, text values of up to 512), said as
    /// the API says a string is too long.
    fn refused_attributes(param: &str, attributes: &Value) -> Option<Reply> {
        let object = attributes.as_object()?;
        let refuse = |message: String| {
            Some(Reply::Json(
                400,
                json!({"error": {"message": message, "type": "invalid_request_error", "param": param, "code": "invalid_value"}}).to_string(),
            ))
        };
        if object.len() > 16 {
            return refuse(format!("Invalid '{param}': too many properties. Expected an object with at most 16 properties, but got an object with {} properties instead.", object.len()));
        }
        for (k, v) in object {
            if k.chars().count() > 64 {
                return refuse(format!("Invalid '{param}': property name too long."));
            }
            if let Some(text) = v.as_str().filter(|t| t.chars().count() > 512) {
                return refuse(format!("Invalid '{param}.{k}': string too long. Expected a string with maximum length 512, but got a string with length {} instead.", text.chars().count()));
            }
        }
        None
    }

    /// `POST /vector_stores/{id}/search` (OpenAPI `VectorStoreSearchRequest`): a file
    /// scores the share of the query's words it holds; filters (`eq`, `ne`, `and`) on its
    /// attributes, `max_num_results` and `ranking_options.score_threshold` apply.
    fn search(&self, vs: &str, body: &Value) -> Reply {
        let known = [
            "query",
            "rewrite_query",
            "max_num_results",
            "filters",
            "ranking_options",
        ];
        for key in body.as_object().unwrap().keys() {
            assert!(
                known.contains(&key.as_str()),
                "the API takes no {key}: {body}"
            );
        }
        let Some(files) = self.store_files.get(vs) else {
            return Reply::Json(
                404,
                r#"{"error":{"message":"No vector store found"}}"#.into(),
            );
        };
        fn holds(filter: &Value, attrs: &Value) -> bool {
            match filter["type"].as_str().unwrap() {
                "and" => filter["filters"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .all(|f| holds(f, attrs)),
                "eq" => attrs[filter["key"].as_str().unwrap()] == filter["value"],
                "ne" => attrs[filter["key"].as_str().unwrap()] != filter["value"],
                other => panic!("the test server has no {other} filter"),
            }
        }
        let query = body["query"].as_str().unwrap().to_lowercase();
        let words: Vec<&str> = query.split_whitespace().collect();
        let threshold = body["ranking_options"]["score_threshold"]
            .as_f64()
            .unwrap_or(0.0);
        let mut hits: Vec<Value> = files
            .iter()
            .filter(|(_, attrs, _)| body["filters"].is_null() || holds(&body["filters"], attrs))
            .filter_map(|(id, attrs, _)| {
                let (name, content) = &self.files[id];
                let text = String::from_utf8_lossy(content).to_string();
                let held = words.iter().filter(|w| text.to_lowercase().contains(*w)).count();
                let score = held as f64 / words.len() as f64;
                (held > 0 && score >= threshold).then(|| json!({"file_id": id, "filename": name, "score": score, "attributes": attrs, "content": [{"type": "text", "text": text}]}))
            })
            .collect();
        hits.sort_by(|a, b| {
            b["score"]
                .as_f64()
                .partial_cmp(&a["score"].as_f64())
                .unwrap()
        });
        hits.truncate(body["max_num_results"].as_u64().unwrap_or(10) as usize);
        Reply::ok(json!({"object": "vector_store.search_results.page", "search_query": [body["query"]], "data": hits, "has_more": false, "next_page": null}).to_string())
    }

    fn batch_counts(&self, vs: &str, batch: &str) -> Value {
        let ids = &self.batch_files[batch];
        self.counts_of(vs, |f| ids.iter().any(|i| i == f))
    }

    fn store_json(&self, id: &str) -> Value {
        let mut store = self.stores[id].clone();
        store["file_counts"] = self.counts(id);
        store
    }

    fn get_store(&mut self, id: &str) -> Reply {
        if !self.stores.contains_key(id) {
            return Reply::Json(
                404,
                r#"{"error":{"message":"No vector store found"}}"#.into(),
            );
        }
        // Reading the store also moves its files' processing along.
        for f in self.store_files.get_mut(id).unwrap().iter_mut() {
            f.2 += 1;
        }
        Reply::ok(self.store_json(id).to_string())
    }
}

/// The file name, content and purpose of a multipart upload, checked for its framing.
pub fn multipart(r: &Request) -> (String, Vec<u8>, String) {
    let ct = r.header("content-type").unwrap();
    let boundary = ct.split("boundary=").nth(1).unwrap();
    let body = r.body.as_bytes();
    let text = String::from_utf8_lossy(body);
    assert!(
        text.ends_with(&format!("--{boundary}--\r\n")),
        "unterminated multipart body"
    );
    let purpose = text
        .split("name=\"purpose\"\r\n\r\n")
        .nth(1)
        .unwrap()
        .split("\r\n")
        .next()
        .unwrap()
        .to_string();
    let name = text
        .split("filename=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let start = text.find("application/octet-stream\r\n\r\n").unwrap()
        + "application/octet-stream\r\n\r\n".len();
    let end = text.rfind(&format!("\r\n--{boundary}--")).unwrap();
    (name, body[start..end].to_vec(), purpose)
}

fn api_server(
    api: Arc<Mutex<Api>>,
    responses: impl Fn(&Request) -> Reply + Send + Sync + 'static,
) -> Server {
    Server::start(move |r| {
        let p = r.path();
        if p.ends_with("/responses") || p.contains("/threads") {
            return responses(r);
        }
        api.lock().unwrap().handle(r)
    })
}

/// Files with these names and contents in a folder that is removed with the returned guard.
fn docs(name: &str, files: &[(&str, &str)]) -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::Builder::new()
        .prefix(&format!("asst-store-{name}"))
        .tempdir()
        .unwrap();
    let paths = files
        .iter()
        .map(|(n, c)| {
            let p = dir.path().join(n);
            std::fs::write(&p, c).unwrap();
            p
        })
        .collect();
    (dir, paths)
}

fn no_responses(_: &Request) -> Reply {
    Reply::Json(500, "{}".into())
}

impl Api {
    fn with_batches() -> Api {
        Api {
            batches: true,
            ..Api::default()
        }
    }
}

/// A Files and Vector stores API with file batches, and its server.
fn batch_api() -> (Arc<Mutex<Api>>, Server) {
    let api = Arc::new(Mutex::new(Api::with_batches()));
    let server = api_server(api.clone(), no_responses);
    (api, server)
}

/// The uploads the server has seen.
/// `store create -q` with `args` and then `path`: the new store's id.
fn made_store(server: &Server, args: &[&str], path: &std::path::Path) -> String {
    let out = run(openai(server)
        .args(["store", "create", "-q"])
        .args(args)
        .arg(path));
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.stdout.trim().to_string()
}

/// Whether every request since the `since`th only read: a dry run, or a refused sync,
/// changed nothing.
fn only_read_since(server: &Server, since: usize) -> bool {
    server.requests()[since..].iter().all(|r| r.method == "GET")
}

fn uploads(server: &Server) -> usize {
    server
        .lines()
        .iter()
        .filter(|l| *l == "POST /v1/files")
        .count()
}

#[test]
fn create_uploads_each_file_waits_and_prints_the_id() {
    let api = Arc::new(Mutex::new(Api::default()));
    let server = api_server(api.clone(), no_responses);
    let (_dir, paths) = docs(
        "create",
        &[
            ("handbook.md", "Refunds take 30 days."),
            ("faq.txt", "EU: 14 days."),
        ],
    );
    let out = run(openai(&server)
        .args(["store", "create", "--name", "handbook"])
        .args(&paths));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let vs = out.stdout.trim().to_string();
    assert!(
        vs.starts_with("vs_") && out.stdout.lines().count() == 1,
        "{}",
        out.stdout
    );
    // plain lines on a non-terminal stderr, one per file, no progress line
    assert!(!out.stderr.contains('\r'));
    // each named as given
    for path in &paths {
        assert_eq!(
            out.stderr
                .matches(&format!("uploaded {} (", path.display()))
                .count(),
            1,
            "{}",
            out.stderr
        );
    }
    let api = api.lock().unwrap();
    let mut uploaded: Vec<_> = api
        .files
        .values()
        .map(|(n, c)| (n.clone(), String::from_utf8_lossy(c).into_owned()))
        .collect();
    uploaded.sort();
    assert_eq!(
        uploaded,
        [
            ("faq.txt".into(), "EU: 14 days.".into()),
            (
                "handbook.md".to_string(),
                "Refunds take 30 days.".to_string()
            )
        ]
    );
    let attached = &api.store_files[&vs];
    assert_eq!(attached.len(), 2);
    assert!(attached.iter().all(|(_, a, polls)| a["asst_fingerprint"]
        .as_str()
        .unwrap()
        .starts_with("fnv1a64:")
        && *polls >= 2));
    let lines = server.lines();
    assert_eq!(lines.iter().filter(|l| *l == "POST /v1/files").count(), 2);
    assert_eq!(
        lines
            .iter()
            .filter(|l| *l == "POST /v1/vector_stores")
            .count(),
        1
    );
    assert!(
        lines
            .iter()
            .filter(|l| l.starts_with("GET /v1/vector_stores/"))
            .count()
            >= 2,
        "did not wait: {lines:?}"
    );
}

#[test]
fn progress_is_drawn_only_on_a_terminal_and_quiet_means_quiet() {
    let api = Arc::new(Mutex::new(Api::default()));
    let server = api_server(api, no_responses);
    let (_dir, paths) = docs("progress", &[("a.md", "aaaa"), ("b.md", "bbbb")]);
    let out = run(openai(&server)
        .env("ASST_FORCE_TTY", "1")
        .args(["store", "create"])
        .args(&paths));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("\r\x1b[Kasst: uploading 2/2 files, 8 B of 8 B"),
        "{:?}",
        out.stderr
    );
    assert!(!out.stderr.contains("uploaded a.md"), "{:?}", out.stderr);
    let out = run(openai(&server)
        .env("ASST_FORCE_TTY", "1")
        .args(["store", "create", "--quiet"])
        .args(&paths));
    assert_eq!(out.code, 0);
    assert_eq!(out.stderr, "");
}

#[test]
fn notices_clear_the_progress_line_instead_of_running_into_it() {
    let api = Arc::new(Mutex::new(Api {
        busy_uploads: 1,
        ..Api::default()
    }));
    let server = api_server(api, no_responses);
    let (_dir, paths) = docs("notice", &[("a.md", "aaaa")]);
    let out = run(openai(&server)
        .env("ASST_FORCE_TTY", "1")
        .args(["store", "create"])
        .args(&paths));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("\r\x1b[Kasst: HTTP 503; retrying in 0.3s (1/2)\n"),
        "{:?}",
        out.stderr
    );
    assert!(!out.stderr.contains("B of 4 Basst:"), "{:?}", out.stderr);
    assert!(
        out.stderr
            .contains("asst: uploading 1/1 files, 4 B of 4 B\n"),
        "{:?}",
        out.stderr
    );
}

#[test]
fn a_file_that_fails_processing_is_reported_with_the_servers_reason() {
    let api = Arc::new(Mutex::new(Api::default()));
    let server = api_server(api, no_responses);
    let (_dir, paths) = docs(
        "failing",
        &[("good.md", "fine"), ("broken.bin", "\u{0}\u{1}")],
    );
    let out = run(openai(&server)
        .args(["store", "create", "--json", "-q"])
        .args(&paths));
    assert_eq!(out.code, 7, "{}", out.stderr);
    // files are named by their path, as given
    assert!(out.stderr.contains(&format!("1 of 2 files could not be processed: {}: unsupported_file: The file type is not supported.", paths[1].display())), "{}", out.stderr);
    let events = out.events();
    assert_eq!(events[0]["type"], "store");
    let files: Vec<_> = events
        .iter()
        .filter(|e| e["type"] == "file")
        .map(|e| {
            (
                e["name"].as_str().unwrap().to_string(),
                e["status"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(
        files.contains(&("good.md".into(), "completed".into()))
            && files.contains(&("broken.bin".into(), "failed".into())),
        "{files:?}"
    );
    let last_store = events.iter().rev().find(|e| e["type"] == "store").unwrap();
    assert_eq!(last_store["file_counts"]["failed"], 1);
    assert_eq!(events.last().unwrap()["type"], "error");
}

#[test]
fn add_skips_files_the_store_already_has_unless_forced() {
    let api = Arc::new(Mutex::new(Api::default()));
    let server = api_server(api.clone(), no_responses);
    let (_dir, paths) = docs("add", &[("policy.md", "v1"), ("other.md", "x")]);
    let vs = run(openai(&server).args(["store", "create", "-q", paths[0].to_str().unwrap()]))
        .stdout
        .trim()
        .to_string();
    assert_eq!(uploads(&server), 1);

    let out = run(openai(&server).args(["store", "add", &vs]).args(&paths));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains(&format!("policy.md: already in {vs}, skipped")),
        "{}",
        out.stderr
    );
    assert_eq!(uploads(&server), 2, "only other.md is new");

    std::fs::write(&paths[0], "v2, changed").unwrap();
    let out =
        run(openai(&server).args(["store", "add", "--json", &vs, paths[0].to_str().unwrap()]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(uploads(&server), 3, "a changed file is uploaded");

    let out =
        run(openai(&server).args(["store", "add", "--json", &vs, paths[1].to_str().unwrap()]));
    assert_eq!(out.events()[0]["status"], "skipped");
    // --json carries every id: a skipped file's too
    assert!(
        out.events()[0]["file_id"]
            .as_str()
            .is_some_and(|f| f.starts_with("file-")),
        "{:?}",
        out.events()[0]
    );
    let out = run(openai(&server).args([
        "store",
        "add",
        "--force",
        "-q",
        &vs,
        paths[1].to_str().unwrap(),
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(uploads(&server), 4);
}

#[test]
fn a_failed_upload_leaves_no_unknown_orphan() {
    let api = Arc::new(Mutex::new(Api {
        fail_upload_named: Some("second.md".into()),
        ..Api::default()
    }));
    let server = api_server(api, no_responses);
    let (_dir, paths) = docs("orphan", &[("first.md", "1"), ("second.md", "2")]);
    let out = run(openai(&server)
        .env("ASST_MAX_RETRIES", "0")
        .args(["store", "create", "-q"])
        .args(&paths));
    assert_eq!(out.code, 7, "{}", out.stderr);
    let vs = out.stdout.trim();
    assert!(
        vs.starts_with("vs_"),
        "the id is printed anyway: {:?}",
        out.stdout
    );
    assert!(
        out.stderr.contains(&format!(
            "1 of 2 files were not uploaded: {}",
            paths[1].display()
        )),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains(&format!("asst store add {vs} {}", paths[1].display())),
        "{}",
        out.stderr
    );
    // The command that adds the rest gives them the attributes and chunks the others have.
    let out = run(openai(&server)
        .env("ASST_MAX_RETRIES", "0")
        .args([
            "store",
            "create",
            "-q",
            "--attr",
            "team=docs ops",
            "--attr",
            "year=2026",
        ])
        .args(["--chunk-size", "300"])
        .args(&paths));
    assert_eq!(out.code, 7, "{}", out.stderr);
    let vs = out.stdout.trim();
    assert!(
        out.stderr.contains(&format!(
            "asst store add {vs} --attr 'team=docs ops' --attr year=2026 --chunk-size 300 --chunk-overlap 150 {}",
            paths[1].display()
        )),
        "{}",
        out.stderr
    );
}

/// A sync or add that could not upload some files is finished by running it again: an
/// `asst store add` of the folder would take what the sync's --exclude left out.
#[test]
fn a_sync_that_could_not_upload_a_file_is_finished_by_the_same_command() {
    let (api, server) = batch_api();
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    write(&docs, &[("a.md", "a")]);
    let vs = made_store(&server, &["--name", "docs"], &docs);
    write(&docs, &[("b.md", "b"), ("c.md", "c"), ("x.log", "log")]);
    api.lock().unwrap().fail_upload_named = Some("c.md".into());
    let out = run(openai(&server)
        .env("ASST_MAX_RETRIES", "0")
        .args(["store", "sync", "-q", &vs, "--exclude", "*.log"])
        .arg(&docs));
    assert_eq!(out.code, 7, "{}", out.stderr);
    assert!(
        out.stderr.ends_with(&format!(
            "asst: hint: {vs} has the others; the same command again adds the rest\n"
        )),
        "{}",
        out.stderr
    );
    api.lock().unwrap().fail_upload_named = None;
    let out = run(openai(&server)
        .args(["store", "sync", &vs, "--exclude", "*.log"])
        .arg(&docs));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let paths: Vec<String> = store_paths(&api, &vs).into_iter().map(|p| p.0).collect();
    assert_eq!(paths, ["a.md", "b.md", "c.md"]);
}

/// `store search` asks the store what file search would retrieve, with no model: the
/// chunks, best first, as `search` events; the same filters and limits as `ask`.
#[test]
fn a_store_is_searched_without_a_model() {
    let (_api, server) = batch_api();
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    write(
        &docs,
        &[
            ("refunds.md", "Refunds take thirty days.\nAsk in writing."),
            ("eu.md", "EU refunds take fourteen days."),
            ("ops.md", "Pager duty rota."),
        ],
    );
    let vs = made_store(
        &server,
        &["--name", "kb", "--attr", "team=docs"],
        &docs.join("refunds.md"),
    );
    let out = run(openai(&server)
        .args(["store", "add", "-q", &vs, "--attr", "team=eu"])
        .arg(docs.join("eu.md"))
        .arg(docs.join("ops.md")));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let out = run(openai(&server).args(["store", "search", &vs, "refunds", "thirty", "days"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let blocks: Vec<&str> = out.stdout.split("\n\n").collect();
    assert_eq!(blocks.len(), 2, "{}", out.stdout);
    assert!(
        blocks[0].starts_with("1.00\trefunds.md\tfile-")
            && blocks[0].ends_with("\nRefunds take thirty days.\nAsk in writing."),
        "{}",
        out.stdout
    );
    assert!(
        blocks[1].starts_with("0.67\teu.md\tfile-"),
        "{}",
        out.stdout
    );
    let sent = |server: &Server| {
        server
            .requests()
            .into_iter()
            .rfind(|r| r.path() == format!("/v1/vector_stores/{vs}/search"))
            .expect("a search")
            .json()
    };
    assert_eq!(sent(&server), json!({"query": "refunds thirty days"}));
    // Filters, limits and the query rewrite go as ask sends them; JSON is search events.
    let out = run(openai(&server).args([
        "--json",
        "store",
        "search",
        &vs,
        "refunds",
        "--filter",
        "team!=docs",
        "--max-results",
        "5",
        "--score-threshold",
        "0.5",
        "--rewrite-query",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        sent(&server),
        json!({"query": "refunds", "filters": {"type": "ne", "key": "team", "value": "docs"}, "max_num_results": 5, "ranking_options": {"score_threshold": 0.5}, "rewrite_query": true})
    );
    let events = out.events();
    assert_eq!(events.len(), 1, "{}", out.stdout);
    assert_eq!(events[0]["type"], "search");
    assert_eq!(events[0]["filename"], "eu.md");
    assert_eq!(events[0]["text"], "EU refunds take fourteen days.");
    assert_eq!(events[0]["attributes"]["team"], "eu");
    // The query may come on standard input; nothing found is no output, and success.
    let out = run(openai(&server)
        .args(["store", "search", &vs])
        .write_stdin("pager rota\n"));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("ops.md"), "{}", out.stdout);
    assert_eq!(sent(&server)["query"], "pager rota");
    let out = run(openai(&server).args(["store", "search", &vs, "nothing-like-it"]));
    assert_eq!((out.code, out.stdout.as_str()), (0, ""), "{}", out.stderr);
    // No query, a bad filter or limit: usage errors, nothing sent.
    let before = server.requests().len();
    for bad in [
        &["store", "search", &vs][..],
        &["store", "search", &vs, "x", "--filter", "team"],
        &["store", "search", &vs, "x", "--max-results", "51"],
        &["store", "search", &vs, "x", "--score-threshold", "1.5"],
    ] {
        let out = run(openai(&server).args(bad).write_stdin(""));
        assert_eq!(out.code, 2, "{bad:?}: {}", out.stderr);
    }
    assert_eq!(server.requests().len(), before, "nothing sent");
    let out = run(openai(&server).args(["store", "search", "vs_gone", "x"]));
    assert_eq!(out.code, 4, "{}", out.stderr);
    assert!(out.stderr.contains("vs_gone"), "{}", out.stderr);
}

/// A search reply with nulls where lists and ids belong, and content that is not text,
/// is read for what it has.
#[test]
fn a_search_reply_with_nulls_is_read_for_what_it_has() {
    let server = Server::start(|_| {
        Reply::ok(
            json!({"object": "vector_store.search_results.page", "data": [
                {"file_id": null, "filename": null, "score": null, "attributes": null, "content": null},
                {"file_id": "file-t", "content": [{"type": "image"}, {"type": "text", "text": "t"}]}
            ], "has_more": null, "next_page": null})
            .to_string(),
        )
    });
    let out = run(openai(&server).args(["--json", "store", "search", "vs_x", "q"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let events = out.events();
    assert_eq!(events.len(), 2, "{}", out.stdout);
    assert_eq!(events[0]["text"], "");
    assert_eq!(events[1]["file_id"], "file-t");
    assert_eq!(events[1]["text"], "t");
    let out = run(openai(&server).args(["store", "search", "vs_x", "q"]));
    assert_eq!(
        out.stdout, "-\t-\t-\n\n\n-\t-\tfile-t\nt\n",
        "{}",
        out.stderr
    );
}

/// A folder given to `create` or `add` is walked as `sync` walks it, with the same
/// --include, --exclude and --hidden, so that the first upload is what later syncs keep;
/// the command that finishes a failed create walks it the same way.
#[test]
fn create_and_add_walk_folders_with_the_same_globs_as_sync() {
    let api = Arc::new(Mutex::new(Api {
        batches: true,
        fail_upload_named: Some("b.md".into()),
        ..Api::default()
    }));
    let server = api_server(api.clone(), no_responses);
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    write(
        &docs,
        &[
            ("a.md", "a"),
            ("b.md", "b"),
            ("x.log", "log"),
            (".well/c.md", "c"),
        ],
    );
    let out = run(openai(&server)
        .env("ASST_MAX_RETRIES", "0")
        .args([
            "store",
            "create",
            "-q",
            "--name",
            "kb",
            "--exclude",
            "*.log",
            "--hidden",
        ])
        .arg(&docs));
    assert_eq!(out.code, 7, "{}", out.stderr);
    let vs = out.stdout.trim().to_string();
    let paths: Vec<String> = store_paths(&api, &vs).into_iter().map(|p| p.0).collect();
    assert_eq!(paths, [".well/c.md", "a.md"]);
    assert!(
        out.stderr.contains(&format!(
            "asst store add {vs} --exclude '*.log' --hidden {}",
            docs.display()
        )),
        "{}",
        out.stderr
    );
    api.lock().unwrap().fail_upload_named = None;
    let out = run(openai(&server)
        .args(["store", "add", "-q", &vs, "--include", "*.md"])
        .arg(&docs));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let paths: Vec<String> = store_paths(&api, &vs).into_iter().map(|p| p.0).collect();
    assert_eq!(
        paths,
        [".well/c.md", "a.md", "b.md"],
        "hidden files stay out without --hidden"
    );
    // The same folder synced with the same globs: nothing to do.
    let out = run(openai(&server)
        .args([
            "store",
            "sync",
            &vs,
            "--exclude",
            "*.log",
            "--hidden",
            "--delete",
        ])
        .arg(&docs));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "added 0, replaced 0, removed 0, unchanged 3, failed 0\n"
    );
}

/// `store create --name N` alone makes an empty store, for a sync to fill; without a
/// name there is nothing to call it.
#[test]
fn a_store_can_be_made_empty_for_a_sync_to_fill() {
    let (api, server) = batch_api();
    let out = run(openai(&server).args(["store", "create", "--name", "docs"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let vs = out.stdout.trim().to_string();
    assert!(vs.starts_with("vs_"), "{}", out.stdout);
    assert_eq!(server.lines()[0], "POST /v1/vector_stores");
    assert_eq!(uploads(&server), 0);
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), &[("a.md", "a")]);
    let out = run(openai(&server)
        .args(["store", "sync", "-q", &vs])
        .arg(tmp.path()));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(store_paths(&api, &vs).len(), 1);
    let before = server.requests().len();
    let out = run(openai(&server).args(["store", "create"]));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("--name"), "{}", out.stderr);
    assert_eq!(server.requests().len(), before, "nothing sent");
}

/// `store add --dry-run` says what the add would do, as a sync's dry run does, and sends
/// nothing that changes the store.
#[test]
fn add_can_be_tried_first() {
    let (api, server) = batch_api();
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    write(&docs, &[("a.md", "a"), ("b.md", "b")]);
    let vs = made_store(&server, &["--name", "kb"], &docs);
    write(&docs, &[("b.md", "b2"), ("c.md", "c")]);
    let before = server.requests().len();
    let out = run(openai(&server)
        .args(["store", "add", "--dry-run", &vs])
        .arg(&docs));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "replace\tb.md\nadd\tc.md\nkeep\ta.md\nwould add 1, replace 1, remove 0; 1 unchanged\n"
    );
    assert!(only_read_since(&server, before), "nothing changed");
    assert_eq!(store_paths(&api, &vs).len(), 2);
}

/// `store create --dry-run` walks and checks the files as the create would and says what it
/// would upload, with no server and no key: a pull request's check can run it without
/// secrets. Every dry run ends with a `plan` event that counts what it would do.
#[test]
fn a_store_can_be_planned_without_a_server_or_a_key() {
    let (api, server) = batch_api();
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    write(
        &docs,
        &[
            ("a.md", "a"),
            ("guide/b.md", "b"),
            ("c.log", "log"),
            (".draft.md", "d"),
        ],
    );
    let marker = tmp.path().join("key-command-ran");
    let offline = || crate::keyless(&server, &marker);
    let create = [
        "store",
        "create",
        "--dry-run",
        "--name",
        "kb",
        "--exclude",
        "*.log",
    ];
    let out = run(offline().args(create).arg(&docs));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "add\ta.md\nadd\tguide/b.md\nwould add 2, replace 0, remove 0; 0 unchanged\n"
    );
    let out = run(offline().args(create).arg("--json").arg(&docs));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let events = out.events();
    assert_eq!(events.len(), 3, "{}", out.stdout);
    for (e, path) in events.iter().zip(["a.md", "guide/b.md"]) {
        assert_eq!(
            (
                &e["type"],
                &e["status"],
                &e["action"],
                &e["path"],
                &e["store"]
            ),
            (
                &json!("file"),
                &json!("planned"),
                &json!("add"),
                &json!(path),
                &json!(null)
            ),
            "{e}"
        );
    }
    assert_eq!(
        events[2],
        json!({"type": "plan", "store": null, "add": 2, "replace": 0, "update": 0, "remove": 0, "keep": 0})
    );
    assert!(server.requests().is_empty(), "nothing sent");
    assert!(!marker.exists(), "no key command ran");
    // Nor is any credential sent, so a plain-http gateway is no reason to refuse it.
    let out = run(offline()
        .env("OPENAI_BASE_URL", "http://gw.asst-test.invalid/v1")
        .args(create)
        .arg(&docs));
    assert_eq!(out.code, 0, "{}", out.stderr);
    // What the create would refuse, the dry run refuses.
    let big = tmp.path().join("big.bin");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(512 * 1024 * 1024 + 1)
        .unwrap();
    let out = run(offline()
        .args(["store", "create", "--dry-run", "--name", "kb"])
        .arg(&big));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("big.bin"), "{}", out.stderr);

    // A sync's dry run counts the same way, before the store as it is.
    let vs = made_store(&server, &["--name", "kb"], &docs.join("a.md"));
    let out = run(openai(&server)
        .args(["store", "sync", "--dry-run", "--json", "--delete", &vs])
        .arg(docs.join("guide")));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let events = out.events();
    let n = events.len();
    assert_eq!(
        events[n - 2],
        json!({"type": "plan", "store": vs, "add": 1, "replace": 0, "update": 0, "remove": 1, "keep": 0})
    );
    assert_eq!(events[n - 1]["type"], "store");
    assert_eq!(store_paths(&api, &vs).len(), 1, "nothing changed");
}

/// A replaced or removed file says why, in `--json`: its content changed, its chunks are
/// not the ones asked for, `--force`, it is gone from the folders; a file whose attributes
/// are updated, that they differ. A sync that sends a whole folder again, dry or not, can
/// be told from one that found it changed.
#[test]
fn file_events_say_why_a_file_is_replaced_removed_or_updated() {
    let (api, server) = batch_api();
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    write(&docs, &[("a.md", "a"), ("b.md", "b"), ("c.md", "c")]);
    let vs = made_store(&server, &["--name", "kb"], &docs);
    write(&docs, &[("a.md", "a, second edition")]);
    std::fs::remove_file(docs.join("c.md")).unwrap();
    let reasons = |args: &[&str]| -> Vec<(String, String, Value)> {
        let out = run(openai(&server).args(args).arg(&vs).arg(&docs));
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        let mut rows: Vec<(String, String, Value)> = out
            .events()
            .into_iter()
            .filter(|e| e["type"] == "file")
            .map(|e| {
                let (path, action) = (e["path"].as_str(), e["action"].as_str());
                (
                    path.unwrap().into(),
                    action.unwrap().into(),
                    e["reason"].clone(),
                )
            })
            .collect();
        rows.sort_by(|x, y| (&x.0, &x.1).cmp(&(&y.0, &y.1)));
        rows
    };
    let row =
        |path: &str, action: &str, reason: Value| (path.to_string(), action.to_string(), reason);
    let dry = ["store", "sync", "--json", "--dry-run", "--delete"];
    assert_eq!(
        reasons(&dry),
        [
            row("a.md", "replace", json!("changed")),
            row("b.md", "keep", Value::Null),
            row("c.md", "remove", json!("gone")),
        ]
    );
    assert_eq!(
        reasons(&[&dry[..], &["--chunk-size", "300", "--attr", "team=docs"]].concat()),
        [
            row("a.md", "replace", json!("changed")),
            row("b.md", "replace", json!("chunks")),
            row("c.md", "remove", json!("gone")),
        ]
    );
    assert_eq!(
        reasons(&["store", "add", "--json", "--dry-run", "--force"]),
        [
            row("a.md", "replace", json!("forced")),
            row("b.md", "replace", json!("forced")),
        ]
    );
    assert_eq!(
        reasons(&[
            "store",
            "sync",
            "--json",
            "--dry-run",
            "--attr",
            "team=docs"
        ]),
        [
            row("a.md", "replace", json!("changed")),
            row("b.md", "update", json!("attributes")),
        ]
    );
    // The changes themselves say the same.
    assert_eq!(
        reasons(&["store", "sync", "--json", "--delete"]),
        [
            row("a.md", "replaced", json!("changed")),
            row("b.md", "unchanged", Value::Null),
            row("c.md", "removed", json!("gone")),
        ]
    );
    assert_eq!(store_paths(&api, &vs).len(), 2);
}

/// `store update` renames a store and sets, moves or ends its expiry; only what is given is
/// sent, and the store's row is printed as `store show` prints it.
#[test]
fn a_store_can_be_renamed_and_its_expiry_set_or_ended() {
    let (api, server) = batch_api();
    let (_dir, paths) = docs("update", &[("guide.md", "twelve bytes")]);
    let vs = made_store(&server, &["--name", "pr-41"], &paths[0]);
    let out = run(openai(&server).args(["store", "update", &vs, "--name", "pr-42"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .starts_with(&format!("{vs}\tpr-42\tcompleted\t1 file\t")),
        "{}",
        out.stdout
    );
    assert_eq!(out.stdout.lines().count(), 1);
    let sent = |server: &Server| {
        server
            .requests()
            .into_iter()
            .rfind(|r| r.method == "POST" && r.path() == format!("/v1/vector_stores/{vs}"))
            .expect("an update")
            .json()
    };
    assert_eq!(sent(&server), json!({"name": "pr-42"}));
    let out = run(openai(&server).args(["--json", "store", "update", &vs, "--expires-after", "3"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        sent(&server),
        json!({"expires_after": {"anchor": "last_active_at", "days": 3}})
    );
    let store = out.events().pop().unwrap();
    assert_eq!(store["type"], "store");
    assert_eq!(store["name"], "pr-42");
    assert!(store["expires_at"].as_i64().is_some(), "{store}");
    // The text row ends with when the store expires (ISO 8601 UTC), or `-` for never.
    let out = run(openai(&server).args(["store", "show", &vs]));
    let row: Vec<&str> = out.stdout.lines().next().unwrap().split('\t').collect();
    let expires = store["expires_at"].as_i64().unwrap();
    let days = expires.div_euclid(86_400);
    assert_eq!(row.len(), 6, "{}", out.stdout);
    assert!(
        row[5].len() == 20 && row[5].starts_with("20") && row[5].ends_with('Z'),
        "{}",
        out.stdout
    );
    // The time of day, checked against the seconds the server gave.
    let secs = expires - days * 86_400;
    assert_eq!(
        &row[5][11..19],
        format!(
            "{:02}:{:02}:{:02}",
            secs / 3600,
            secs % 3600 / 60,
            secs % 60
        )
    );
    let out = run(openai(&server).args(["--json", "store", "update", &vs, "--no-expiry"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(sent(&server), json!({"expires_after": null}));
    assert!(out.events().pop().unwrap()["expires_at"].is_null());
    assert!(api.lock().unwrap().stores[&vs]["expires_after"].is_null());
    let out = run(openai(&server).args(["store", "list"]));
    assert!(
        out.stdout
            .lines()
            .any(|l| l.starts_with(&vs) && l.ends_with("\t-")),
        "{}",
        out.stdout
    );
    // Nothing to change, both expiries, a bad count, a bad id: usage errors, nothing sent.
    let before = server.requests().len();
    for bad in [
        &["store", "update", &vs][..],
        &[
            "store",
            "update",
            &vs,
            "--expires-after",
            "3",
            "--no-expiry",
        ],
        &["store", "update", &vs, "--expires-after", "0"],
        &["store", "update", "../files", "--name", "x"],
    ] {
        let out = run(openai(&server).args(bad));
        assert_eq!(out.code, 2, "{bad:?}: {}", out.stderr);
    }
    assert_eq!(server.requests().len(), before, "nothing sent");
    // The usage in the hint is the command's, without the base URL the environment gave.
    let out = run(openai(&server).args(["store", "update", &vs]));
    assert!(
        out.stderr
            .contains("hint: usage: asst store update <--name <NAME>|")
            && !out.stderr.contains("--base-url"),
        "{}",
        out.stderr
    );
    let out = run(openai(&server).args(["store", "update", "vs_gone", "--name", "x"]));
    assert_eq!(out.code, 4, "{}", out.stderr);
    assert!(out.stderr.contains("vs_gone"), "{}", out.stderr);
}

#[test]
fn show_list_and_rm() {
    let api = Arc::new(Mutex::new(Api::default()));
    let server = api_server(api.clone(), no_responses);
    let (_dir, paths) = docs("show", &[("guide.md", "twelve bytes")]);
    let first = run(openai(&server)
        .args(["store", "create", "-q", "--name", "first"])
        .args(&paths))
    .stdout
    .trim()
    .to_string();
    let second = run(openai(&server)
        .args(["store", "create", "-q", "--name", "second"])
        .args(&paths))
    .stdout
    .trim()
    .to_string();

    let out = run(openai(&server).args(["store", "show", &first]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert!(
        lines[0].starts_with(&format!("{first}\tfirst\tcompleted\t1 file\t")),
        "{}",
        out.stdout
    );
    assert!(
        lines[1].starts_with("  file-")
            && lines[1].ends_with(&format!("\tcompleted\t12\t{}", paths[0].display())),
        "{}",
        out.stdout
    );

    let out = run(openai(&server).args(["store", "list", "--json"]));
    let ids: Vec<_> = out
        .events()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, [second.clone(), first.clone()], "newest first");
    assert!(server
        .requests()
        .iter()
        .any(|r| r.path() == "/v1/vector_stores"
            && r.method == "GET"
            && r.query().contains("order=desc")));

    // A dry run says what would go, and changes nothing.
    let before = server.requests().len();
    let out = run(openai(&server).args(["store", "rm", "--dry-run", &first]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        format!("would delete {first}; its 1 file stays in the Files list (--with-files deletes it too)\n")
    );
    let out = run(openai(&server).args(["store", "rm", "--dry-run", "--with-files", &first]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        format!(
            "remove\t{}\nwould delete {first} and its 1 file\n",
            paths[0].display()
        )
    );
    let out =
        run(openai(&server).args(["store", "rm", "--dry-run", "--with-files", "--json", &first]));
    let events = out.events();
    let types: Vec<&str> = events.iter().map(|e| e["type"].as_str().unwrap()).collect();
    assert_eq!(types, ["file", "plan", "store"], "{}", out.stdout);
    assert_eq!(events[0]["action"], "remove");
    assert_eq!(
        (
            &events[1]["store_deleted"],
            &events[1]["remove"],
            &events[1]["keep"]
        ),
        (&json!(true), &json!(1), &json!(0))
    );
    assert_eq!(events[2]["id"], first.as_str());
    assert!(only_read_since(&server, before));
    let out = run(openai(&server).args(["store", "rm", "--dry-run", "vs_none"]));
    assert_eq!(out.code, 4, "{}", out.stderr);

    let files_before = api.lock().unwrap().files.len();
    let out = run(openai(&server).args(["store", "rm", "--with-files", "--json", &first]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let deleted: Vec<_> = out
        .events()
        .iter()
        .map(|e| e["object"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(deleted, ["vector_store", "file"]);
    assert_eq!(api.lock().unwrap().files.len(), files_before - 1);
    let out = run(openai(&server).args(["store", "show", &first]));
    assert_eq!(out.code, 4, "{}", out.stderr);
    assert!(
        out.stderr
            .contains(&format!("vector store {first} not found")),
        "{}",
        out.stderr
    );
}

/// The store `--attach` makes takes its files in one request, which the API caps at 500:
/// more is refused before any is uploaded, with the way to a store of any size.
#[test]
fn more_attachments_than_a_store_takes_at_once_are_refused_before_uploading() {
    let api = Arc::new(Mutex::new(Api::default()));
    let server = api_server(api, no_responses);
    let tmp = tempfile::tempdir().unwrap();
    let mut args: Vec<String> = vec!["ask".into(), "-t".into(), "conv_1".into()];
    for i in 0..501 {
        let p = tmp.path().join(format!("f{i}.md"));
        std::fs::write(&p, "x").unwrap();
        args.push("--attach".into());
        args.push(p.display().to_string());
    }
    args.push("q".into());
    let out = run(openai(&server).args(&args));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("501")
            && out.stderr.contains("500")
            && out.stderr.contains("asst store create"),
        "{}",
        out.stderr
    );
    assert!(server.requests().is_empty(), "nothing sent");
}

#[test]
fn attach_uploads_into_an_expiring_store_searched_with_the_question() {
    let api = Arc::new(Mutex::new(Api::default()));
    let server = api_server(api.clone(), |_| {
        Reply::sse(answer_stream(&[
            Piece::Text("Clause 9."),
            Piece::Cite("file-1", "contract.pdf", 9),
        ]))
    });
    let (_dir, paths) = docs(
        "attach",
        &[("contract.pdf", "%PDF terminate with 30 days notice")],
    );
    let out = run(openai(&server).args([
        "ask",
        "-t",
        "conv_1",
        "--vector-store",
        "vs_configured",
        "--attach",
        paths[0].to_str().unwrap(),
        "summarise the termination clause",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "Clause 9.[1]\n\n[1] contract.pdf\n");
    assert!(
        out.stderr
            .contains("attached 1 file(s) in vector store vs_2"),
        "{}",
        out.stderr
    );
    let reqs = server.requests();
    let store = reqs
        .iter()
        .find(|r| r.line() == "POST /v1/vector_stores")
        .unwrap()
        .json();
    assert_eq!(store["file_ids"], json!(["file-1"]));
    assert_eq!(
        store["expires_after"],
        json!({"anchor": "last_active_at", "days": 7})
    );
    let ask = reqs
        .iter()
        .find(|r| r.path() == "/v1/responses")
        .unwrap()
        .json();
    assert_eq!(
        ask["tools"][0]["vector_store_ids"],
        json!(["vs_configured", "vs_2"])
    );
    assert_eq!(
        reqs.iter().filter(|r| r.path() == "/v1/responses").count(),
        1
    );

    // Assistants: the message carries the files
    run(openai(&server).env("ASSISTANT_ID", "asst_1").args([
        "ask",
        "-t",
        "thread_1",
        "--attach",
        paths[0].to_str().unwrap(),
        "q",
    ]));
    let run_req = server
        .requests()
        .into_iter()
        .find(|r| r.path().ends_with("/runs"))
        .unwrap()
        .json();
    assert_eq!(
        run_req["additional_messages"][0]["attachments"],
        json!([{"file_id": "file-3", "tools": [{"type": "file_search"}]}])
    );
    // a missing file is a usage error before anything is sent
    let before = server.requests().len();
    let out =
        run(openai(&server).args(["ask", "-t", "conv_1", "--attach", "/nonexistent/x.pdf", "q"]));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert_eq!(server.requests().len(), before);
    // on a terminal, the wait for the attachment store says how far it is
    let out = run(openai(&server).env("ASST_FORCE_TTY", "1").args([
        "ask",
        "-t",
        "conv_1",
        "--attach",
        paths[0].to_str().unwrap(),
        "q",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("\r\x1b[Kasst: processing 1/1 files\n"),
        "{:?}",
        out.stderr
    );
}

#[test]
fn show_search_emits_what_file_search_retrieved() {
    let server = Server::start(|_| {
        let mut events = answer_stream(&[Piece::Text("Pizza.")]);
        events.insert(1, event(json!({"type": "response.output_item.done", "output_index": 0, "item": {"id": "fs_1", "type": "file_search_call", "status": "completed", "queries": ["favorite food"], "results": [
            {"file_id": "file-f", "filename": "foods.txt", "score": 0.93, "text": "Travis:\n pizza", "attributes": {}}
        ]}})));
        Reply::sse(events)
    });
    let out = run(openai(&server).args([
        "ask",
        "-t",
        "conv_1",
        "--vector-store",
        "vs_1",
        "--show-search",
        "--json",
        "q",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let search: Vec<Value> = out
        .events()
        .into_iter()
        .filter(|e| e["type"] == "search")
        .collect();
    assert_eq!(
        search,
        [
            json!({"type": "search", "file_id": "file-f", "filename": "foods.txt", "score": 0.93, "text": "Travis:\n pizza", "attributes": {}})
        ]
    );
    assert_eq!(
        server.requests()[0].json()["include"],
        json!(["file_search_call.results"])
    );
    let out = run(openai(&server).args([
        "ask",
        "-t",
        "conv_1",
        "--vector-store",
        "vs_1",
        "--show-search",
        "q",
    ]));
    assert_eq!(out.stdout, "Pizza.\n");
    assert_eq!(out.stderr, "asst: search 0.93 foods.txt: Travis: pizza\n");
    // without the flag: no include, no search events
    let out = run(openai(&server).args([
        "ask",
        "-t",
        "conv_1",
        "--vector-store",
        "vs_1",
        "--json",
        "q",
    ]));
    assert!(out.events().iter().all(|e| e["type"] != "search"));
    assert!(server.requests()[2].json().get("include").is_none());

    // Assistants: the recorded run step carries the results
    let recorded = Server::start(|_| {
        Reply::sse(sse_events(&fixture(
            "openai-dotnet_FileSearchStreamingWorks.sse",
        )))
    });
    let out = run(openai(&recorded).env("ASSISTANT_ID", "asst_1").args([
        "ask",
        "-t",
        "thread_1",
        "--show-search",
        "--json",
        "q",
    ]));
    let search: Vec<Value> = out
        .events()
        .into_iter()
        .filter(|e| e["type"] == "search")
        .collect();
    assert_eq!(search.len(), 1);
    assert_eq!(search[0]["filename"], "favorite_foods.txt");
    assert!(search[0]["text"]
        .as_str()
        .unwrap()
        .contains("Filip Carola: cake"));
}

#[test]
fn azure_uses_the_v1_files_and_vector_store_paths() {
    let api = Arc::new(Mutex::new(Api::default()));
    let server = api_server(api, no_responses);
    let (_dir, paths) = docs("azure", &[("a.md", "a")]);
    let out = run(asst()
        .env("AZURE_OPENAI_ENDPOINT", server.url())
        .env("AZURE_OPENAI_API_KEY", KEY)
        .args(["store", "create", "-q"])
        .args(&paths));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let vs = out.stdout.trim().to_string();
    let azure = |args: &[&str]| {
        run(asst()
            .env("AZURE_OPENAI_ENDPOINT", server.url())
            .env("AZURE_OPENAI_API_KEY", KEY)
            .args(args))
    };
    for args in [
        &["store", "search", &vs, "a"][..],
        &["store", "update", &vs, "--name", "kb"],
    ] {
        let out = azure(args);
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
    }
    let lines = server.lines();
    assert_eq!(lines[0], "POST /openai/v1/vector_stores");
    assert!(lines.contains(&"POST /openai/v1/files".to_string()));
    assert!(lines.contains(&format!("POST /openai/v1/vector_stores/{vs}/search")));
    assert!(lines.contains(&format!("POST /openai/v1/vector_stores/{vs}")));
    assert!(server
        .requests()
        .iter()
        .all(|r| r.header("api-key") == Some(KEY) && !r.target.contains("api-version")));
}

#[test]
fn rows_stay_parseable_whatever_the_names() {
    let api = Arc::new(Mutex::new(Api::default()));
    let server = api_server(api.clone(), no_responses);
    let (_dir, paths) = docs("names", &[("tab\there.md", "1"), ("new\nline.md", "22")]);
    let out = run(openai(&server)
        .args(["store", "create", "--name", "odd\tname"])
        .args(&paths));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains(&format!(
            "uploaded {}/new\\nline.md (2 B)",
            _dir.path().display()
        )),
        "{}",
        out.stderr
    );
    let vs = out.stdout.trim().to_string();
    let out = run(openai(&server).args(["store", "show", &vs]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let rows: Vec<Vec<&str>> = out
        .stdout
        .lines()
        .map(|l| l.split('\t').collect())
        .collect();
    assert_eq!(rows.len(), 3, "{:?}", out.stdout);
    assert_eq!(rows[0][1], "odd\\tname");
    assert_eq!(rows[0][3], "2 files");
    // each by its path, as given, escaped as a whole
    let names: Vec<&str> = rows[1..].iter().map(|r| r[3]).collect();
    let dir = _dir.path().display();
    assert!(
        names.contains(&format!("{dir}/tab\\there.md").as_str())
            && names.contains(&format!("{dir}/new\\nline.md").as_str()),
        "{names:?}"
    );
    let bytes: Vec<&str> = rows[1..].iter().map(|r| r[2]).collect();
    assert!(bytes.contains(&"1") && bytes.contains(&"2"), "{bytes:?}");
    // the skipped notice too
    let out = run(openai(&server).args(["store", "add", &vs]).args(&paths));
    assert_eq!(out.stderr.lines().count(), 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("tab\\there.md: already in"),
        "{}",
        out.stderr
    );
}

#[test]
fn an_interrupted_upload_says_what_is_missing_and_how_to_finish() {
    let api = Arc::new(Mutex::new(Api::default()));
    let a = api.clone();
    let server = Server::start(move |r| {
        if r.method == "POST" && r.path() == "/v1/files" && r.body.contains("slow.md") {
            std::thread::sleep(std::time::Duration::from_secs(10));
        }
        a.lock().unwrap().handle(r)
    });
    let (_dir, paths) = docs("interrupt", &[("slow.md", "zzz")]);
    for (signal, code, word) in [("INT", 130, "interrupted"), ("TERM", 143, "terminated")] {
        let mut args = vec!["store", "create", "--json", "--name", "kb"];
        args.push(paths[0].to_str().unwrap());
        let uploads = || {
            server
                .requests()
                .iter()
                .filter(|r| r.path() == "/v1/files")
                .count()
        };
        let before = uploads();
        let child = crate::spawn(&server, &args, &[]);
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while uploads() == before {
            assert!(
                std::time::Instant::now() < deadline,
                "the upload never started"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        crate::kill(&child, signal);
        let out = child.wait_with_output().unwrap();
        assert_eq!(crate::shell_status(&out.status), code);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(&format!(
                "asst: error: {word}: 1 of 1 files were not uploaded: {}",
                paths[0].display()
            )),
            "{stderr}"
        );
        assert!(
            stderr.contains("add the rest with: asst store add vs_"),
            "{stderr}"
        );
        let stdout = String::from_utf8_lossy(&out.stdout);
        let last: Value = serde_json::from_str(stdout.lines().last().unwrap()).unwrap();
        assert_eq!(last["exit_code"], code);
    }
}

#[test]
fn attach_reports_its_store_as_an_event_after_the_thread() {
    let api = Arc::new(Mutex::new(Api::default()));
    let server = api_server(api.clone(), |_| {
        Reply::sse(answer_stream(&[Piece::Text("ok")]))
    });
    let (_dir, paths) = docs("attach-json", &[("contract.pdf", "%PDF clause")]);
    let out = run(openai(&server).args([
        "ask",
        "--json",
        "-t",
        "conv_1",
        "--attach",
        paths[0].to_str().unwrap(),
        "q",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let events = out.events();
    let kinds: Vec<&str> = events.iter().map(|e| e["type"].as_str().unwrap()).collect();
    assert_eq!(&kinds[..2], ["thread", "store"], "{kinds:?}");
    let store = events[1]["id"].as_str().unwrap().to_string();
    let ask = server
        .requests()
        .into_iter()
        .find(|r| r.path() == "/v1/responses")
        .unwrap();
    assert_eq!(ask.json()["tools"][0]["vector_store_ids"], json!([store]));
}

#[test]
fn attachments_of_a_question_that_never_ran_are_deleted() {
    use std::sync::atomic::{AtomicBool, Ordering};
    let api = Arc::new(Mutex::new(Api::default()));
    let (a, refuse_deletes) = (api.clone(), Arc::new(AtomicBool::new(false)));
    let refuse = refuse_deletes.clone();
    let server = Server::start(move |r| {
        if r.path() == "/v1/responses" {
            return Reply::sse(answer_stream(&[Piece::Text("ok")]));
        }
        if r.method == "DELETE" && refuse.load(Ordering::SeqCst) {
            return Reply::Json(
                400,
                r#"{"error":{"message":"not now","type":"invalid_request_error"}}"#.into(),
            );
        }
        if r.method == "POST" && r.path() == "/v1/files" && multipart(r).0 == "slow.md" {
            std::thread::sleep(std::time::Duration::from_secs(10));
        }
        a.lock().unwrap().handle(r)
    });
    let (_dir, paths) = docs(
        "attach-gone",
        &[("fast.md", "f"), ("slow.md", "s"), ("bad.md", "b")],
    );
    let [fast, slow, bad] = [0, 1, 2].map(|i| paths[i].to_str().unwrap().to_string());
    let deleted = || {
        server
            .requests()
            .iter()
            .filter(|r| r.method == "DELETE" && r.path().starts_with("/v1/files/"))
            .count()
    };

    // Interrupted while one of two is uploading: the one uploaded is deleted, not left as
    // a file object that nothing holds and no later command knows of.
    let child = crate::spawn(
        &server,
        &[
            "ask", "-t", "conv_1", "--attach", &fast, "--attach", &slow, "q",
        ],
        &[],
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while api.lock().unwrap().files.is_empty() {
        assert!(
            std::time::Instant::now() < deadline,
            "fast.md never arrived"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    crate::kill(&child, "INT");
    let out = child.wait_with_output().unwrap();
    assert_eq!(crate::shell_status(&out.status), 130);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "interrupted: 1 of 2 files were not uploaded: {slow}; the 1 uploaded was deleted"
        )),
        "{stderr}"
    );
    assert_eq!(api.lock().unwrap().files.len(), 0, "{stderr}");
    assert_eq!(deleted(), 1);

    // One upload refused: the others are deleted too, and nothing is asked.
    api.lock().unwrap().fail_upload_named = Some("bad.md".into());
    let out = run(openai(&server).args([
        "ask", "-t", "conv_1", "--attach", &fast, "--attach", &bad, "q",
    ]));
    assert_eq!(out.code, 7, "{}", out.stderr);
    assert!(
        out.stderr.contains(&format!(
            "error: cannot attach {bad}: the server failed: upload storage unavailable (HTTP 500); the 1 uploaded was deleted"
        )),
        "{}",
        out.stderr
    );
    assert_eq!(api.lock().unwrap().files.len(), 0, "{}", out.stderr);
    assert_eq!(deleted(), 2);
    assert!(!server
        .requests()
        .iter()
        .any(|r| r.path() == "/v1/responses"));
}

#[test]
fn standard_input_is_a_file_named_as_asked() {
    let api = Arc::new(Mutex::new(Api::default()));
    let server = api_server(api.clone(), no_responses);
    // asst's spool files go to a folder of this test's own, to be seen gone
    let spools = tempfile::tempdir().unwrap();
    let out = run(openai(&server)
        .env("TMPDIR", spools.path())
        .args([
            "store",
            "create",
            "--name",
            "reports",
            "--file-name",
            "report.txt",
            "-q",
            "-",
        ])
        .write_stdin("the quarterly report"));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let vs = out.stdout.trim().to_string();
    let out = run(openai(&server)
        .env("TMPDIR", spools.path())
        .args(["store", "add", &vs, "-", "--name", "notes.txt"])
        .write_stdin("some notes"));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let uploads: Vec<(String, Vec<u8>, String)> = server
        .requests()
        .iter()
        .filter(|r| r.line() == "POST /v1/files")
        .map(multipart)
        .collect();
    assert_eq!(uploads[0].0, "report.txt");
    assert_eq!(uploads[0].1, b"the quarterly report");
    assert_eq!(uploads[1].0, "notes.txt");
    assert_eq!(uploads[1].1, b"some notes");
    // the spool files are gone
    let left: Vec<_> = std::fs::read_dir(spools.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(left.is_empty(), "{left:?}");
    let out = run(openai(&server)
        .args(["store", "add", &vs, "-", "-"])
        .write_stdin("x"));
    assert_eq!(out.code, 2);
    let (_dir, paths) = docs("named", &[("plain.md", "p")]);
    let out = run(openai(&server)
        .args(["store", "add", &vs, "--name", "x.txt"])
        .args(&paths));
    assert_eq!(out.code, 2, "--name goes with '-': {}", out.stderr);
}

// ---- stores that stay true to a folder (#14) ---------------------------------------------

/// The store's files: (path attribute, content) for each, sorted.
/// A server over `api` that holds each request `slow` picks for 150 ms, and the most of
/// them it saw in flight at once.
fn slow_server(
    api: &Arc<Mutex<Api>>,
    slow: fn(&Request) -> bool,
) -> (Server, Arc<std::sync::atomic::AtomicUsize>) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let (now, peak) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let (a, most) = (api.clone(), peak.clone());
    let server = Server::start(move |r| {
        if slow(r) {
            let n = now.fetch_add(1, Ordering::SeqCst) + 1;
            most.fetch_max(n, Ordering::SeqCst);
            std::thread::sleep(std::time::Duration::from_millis(150));
            now.fetch_sub(1, Ordering::SeqCst);
        }
        a.lock().unwrap().handle(r)
    });
    (server, peak)
}

fn store_paths(api: &Arc<Mutex<Api>>, vs: &str) -> Vec<(String, String)> {
    let api = api.lock().unwrap();
    let mut v: Vec<(String, String)> = api.store_files[vs]
        .iter()
        .map(|(id, a, _)| {
            let content = api
                .files
                .get(id)
                .map(|f| String::from_utf8_lossy(&f.1).into_owned())
                .unwrap_or_default();
            (
                a["asst_path"]
                    .as_str()
                    .or(a["asst_name"].as_str())
                    .unwrap_or("-")
                    .to_string(),
                content,
            )
        })
        .collect();
    v.sort();
    v
}

fn write(dir: &std::path::Path, files: &[(&str, &str)]) {
    for (p, c) in files {
        let path = dir.join(p);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, c).unwrap();
    }
}

#[test]
fn add_replaces_a_changed_file_and_adds_a_path_once() {
    let (api, server) = batch_api();
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), &[("a.txt", "v1")]);
    let a = tmp.path().join("a.txt");
    let out = run(openai(&server)
        .args(["store", "create", "-q", "--name", "kb"])
        .arg(&a)
        .arg(&a));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let vs = out.stdout.trim().to_string();
    let key = a.display().to_string();
    assert_eq!(
        store_paths(&api, &vs),
        [(key.clone(), "v1".to_string())],
        "the same path given twice is added once"
    );
    write(tmp.path(), &[("a.txt", "v2")]);
    let files_before = api.lock().unwrap().files.len();
    let out = run(openai(&server)
        .args(["store", "add", "-q", "--json", &vs])
        .arg(&a));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        store_paths(&api, &vs),
        [(key.clone(), "v2".to_string())],
        "the old version is out"
    );
    assert_eq!(
        api.lock().unwrap().files.len(),
        files_before,
        "and its file object deleted"
    );
    let file = out
        .events()
        .into_iter()
        .find(|e| e["type"] == "file")
        .unwrap();
    assert_eq!(
        (file["action"].as_str(), file["path"].as_str()),
        (Some("replaced"), Some(key.as_str()))
    );
    // --keep-files keeps the old file object
    write(tmp.path(), &[("a.txt", "v3")]);
    run(openai(&server)
        .args(["store", "add", "-q", "--keep-files", &vs])
        .arg(&a));
    assert_eq!(api.lock().unwrap().files.len(), files_before + 1);
    // batches were used: one per add, with each file's attributes
    let batch = server
        .requests()
        .into_iter()
        .rfind(|r| r.path().ends_with("/file_batches"))
        .unwrap();
    let attrs = &batch.json()["files"][0]["attributes"];
    assert_eq!(attrs["asst_path"], json!(key));
    assert!(attrs["asst_fingerprint"]
        .as_str()
        .unwrap()
        .starts_with("fnv1a64:"));
    assert!(
        !server
            .lines()
            .iter()
            .any(|l| l.ends_with("/files") && l.starts_with("POST /v1/vector_stores/")),
        "no per-file attach when batches work"
    );
}

#[test]
fn copies_from_a_race_are_tidied_by_the_next_add() {
    let api = Arc::new(Mutex::new(Api::default()));
    let server = api_server(api.clone(), no_responses);
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), &[("x.txt", "same")]);
    let x = tmp.path().join("x.txt");
    let vs = run(openai(&server)
        .args(["store", "create", "-q", "--name", "kb"])
        .arg(&x))
    .stdout
    .trim()
    .to_string();
    // a second asst that raced: a copy with the same path and fingerprint
    {
        let mut a = api.lock().unwrap();
        let copy = a.store_files[&vs][0].clone();
        a.store_files
            .get_mut(&vs)
            .unwrap()
            .push(("file-copy".into(), copy.1, 5));
    }
    assert_eq!(store_paths(&api, &vs).len(), 2);
    let out = run(openai(&server).args(["store", "add", &vs]).arg(&x));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(store_paths(&api, &vs).len(), 1, "one kept");
    assert!(out.stderr.contains("already in"), "{}", out.stderr);
}

#[test]
fn sync_mirrors_folders_with_gitignore_rules() {
    let (api, server) = batch_api();
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    write(
        &docs,
        &[
            ("guide/a.txt", "guide a"),
            ("notes/a.txt", "notes a"),
            ("drop.md", "going away"),
            ("build/out.txt", "ignored"),
            (".hidden/secret.txt", "hidden"),
            (".gitignore", "build/\n"),
            ("skip.log", "excluded"),
        ],
    );
    let vs = made_store(&server, &["--name", "docs", "--attr", "team=docs"], &docs);
    let paths: Vec<String> = store_paths(&api, &vs).into_iter().map(|p| p.0).collect();
    assert_eq!(
        paths,
        ["drop.md", "guide/a.txt", "notes/a.txt", "skip.log"],
        "same names in two folders do not collide; ignored and hidden files stay out"
    );
    let attrs = api.lock().unwrap().store_files[&vs][0].1.clone();
    assert_eq!(attrs["team"], "docs");
    // change one, remove one, exclude one; a dry run first
    write(&docs, &[("guide/a.txt", "guide a, second edition")]);
    std::fs::remove_file(docs.join("drop.md")).unwrap();
    let before = uploads(&server);
    let out = run(openai(&server)
        .args([
            "store",
            "sync",
            "--dry-run",
            "--delete",
            "--exclude",
            "*.log",
            &vs,
        ])
        .arg(&docs));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "replace\tguide/a.txt\nkeep\tnotes/a.txt\nremove\tdrop.md\nremove\tskip.log\nwould add 0, replace 1, remove 2; 1 unchanged\n");
    assert_eq!(uploads(&server), before, "a dry run changes nothing");
    let out = run(openai(&server)
        .args(["store", "sync", "--delete", "--exclude", "*.log", &vs])
        .arg(&docs));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "added 0, replaced 1, removed 2, unchanged 1, failed 0\n"
    );
    assert_eq!(
        uploads(&server),
        before + 1,
        "only the changed file is uploaded"
    );
    assert_eq!(
        store_paths(&api, &vs),
        [
            (
                "guide/a.txt".to_string(),
                "guide a, second edition".to_string()
            ),
            ("notes/a.txt".to_string(), "notes a".to_string())
        ]
    );
    // nothing changed: no upload, and --json says so per file, then the store
    let out = run(openai(&server)
        .args(["store", "sync", "--json", &vs])
        .arg(&docs)
        .args(["--exclude", "*.log"]));
    assert_eq!(uploads(&server), before + 1);
    let events = out.events();
    assert!(
        events[..events.len() - 1]
            .iter()
            .all(|e| e["type"] == "file" && e["action"] == "unchanged"),
        "{events:?}"
    );
    assert_eq!(events.last().unwrap()["type"], "store");
}

/// A sync with --delete from folders that hold no file (a checkout that failed, a mistyped
/// --include, an unmounted volume) would empty the store that CI answers from: refused,
/// with nothing changed, unless --allow-empty says it is meant.
#[test]
fn a_sync_that_would_empty_the_store_is_refused_unless_allowed() {
    let (api, server) = batch_api();
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    write(&docs, &[("a.md", "a"), ("b.md", "b")]);
    let vs = made_store(&server, &["--name", "docs"], &docs);
    let requests = server.requests().len();
    for args in [
        &["--include", "*.mdx"][..],
        &["--dry-run", "--include", "*.mdx"],
    ] {
        let out = run(openai(&server)
            .args(["store", "sync", "--delete", &vs])
            .arg(&docs)
            .args(args));
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert!(
            out.stderr.contains("no files") && out.stderr.contains("all 2 files"),
            "{}",
            out.stderr
        );
        assert!(out.stderr.contains("--allow-empty"), "{}", out.stderr);
    }
    assert_eq!(store_paths(&api, &vs).len(), 2, "nothing taken out");
    // (the store's files were listed, nothing more)
    assert!(only_read_since(&server, requests));
    // One file left is a sync like any other; so is an empty folder, when allowed.
    let out = run(openai(&server)
        .args(["store", "sync", "--delete", &vs])
        .arg(&docs)
        .args(["--include", "a.md"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(store_paths(&api, &vs).len(), 1);
    let out = run(openai(&server)
        .args(["store", "sync", "--delete", "--allow-empty", &vs])
        .arg(&docs)
        .args(["--include", "*.mdx"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(store_paths(&api, &vs).is_empty());
    let out = run(openai(&server)
        .args(["store", "sync", "--allow-empty", &vs])
        .arg(&docs));
    assert_eq!(out.code, 2, "--allow-empty is for --delete: {}", out.stderr);
}

/// A store for one CI run or one branch need not outlive it: `--expires-after DAYS` has the
/// server delete it that many days after it was last used.
#[test]
fn a_store_can_be_made_to_expire_after_days_unused() {
    let (_api, server) = batch_api();
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    write(&docs, &[("a.md", "a")]);
    let out = run(openai(&server)
        .args([
            "--json",
            "store",
            "create",
            "--name",
            "pr-42",
            "--expires-after",
            "7",
        ])
        .arg(&docs));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let made = server
        .requests()
        .into_iter()
        .find(|r| r.method == "POST" && r.path() == "/v1/vector_stores")
        .unwrap()
        .json();
    assert_eq!(
        made["expires_after"],
        json!({"anchor": "last_active_at", "days": 7})
    );
    let store = out.events().into_iter().last().unwrap();
    assert_eq!(store["type"], "store");
    let created = store["created_at"].as_i64().unwrap();
    assert_eq!(store["expires_at"], created + 7 * 86_400, "{store}");
    // Without it the store is kept until deleted, as before.
    let out = run(openai(&server)
        .args(["--json", "store", "create", "--name", "kb"])
        .arg(&docs));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.events().last().unwrap()["expires_at"].is_null());
    let sent = server.requests().len();
    for days in ["0", "366", "week"] {
        let out = run(openai(&server)
            .args(["store", "create", "--name", "x", "--expires-after", days])
            .arg(&docs));
        assert_eq!(out.code, 2, "{days}: {}", out.stderr);
    }
    assert_eq!(
        server.requests().len(),
        sent,
        "nothing sent for a bad count"
    );
}

/// The chunking of each file in the store, by path.
fn store_chunking(api: &Arc<Mutex<Api>>, vs: &str) -> Vec<(String, Value)> {
    let api = api.lock().unwrap();
    let mut v: Vec<(String, Value)> = api.store_files[vs]
        .iter()
        .map(|(id, a, p)| {
            let f = api.file_object(vs, id, a, *p);
            let s = &f["chunking_strategy"]["static"];
            let chunks = json!([s["max_chunk_size_tokens"], s["chunk_overlap_tokens"]]);
            (a["asst_path"].as_str().unwrap_or("-").to_string(), chunks)
        })
        .collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

/// `--chunk-size` and `--chunk-overlap` go with each file added (a batch's own chunking is
/// ignored beside its files); a sync asked for other chunks than a file has re-adds it, as
/// chunks cannot be changed in place, and then leaves it be.
#[test]
fn files_are_chunked_as_asked_and_a_sync_rechunks_what_differs() {
    let (api, server) = batch_api();
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    write(&docs, &[("a.md", "a"), ("b.md", "b")]);
    let vs = made_store(
        &server,
        &[
            "--name",
            "docs",
            "--chunk-size",
            "300",
            "--chunk-overlap",
            "100",
        ],
        &docs,
    );
    let batch = server
        .requests()
        .into_iter()
        .rfind(|r| r.path().ends_with("/file_batches"))
        .expect("a batch")
        .json();
    for f in batch["files"].as_array().unwrap() {
        assert_eq!(
            f["chunking_strategy"],
            json!({"type": "static", "static": {"max_chunk_size_tokens": 300, "chunk_overlap_tokens": 100}}),
            "{batch}"
        );
    }
    let chunks = |size: u64, overlap: u64| json!([size, overlap]);
    assert_eq!(
        store_chunking(&api, &vs),
        [
            ("a.md".into(), chunks(300, 100)),
            ("b.md".into(), chunks(300, 100))
        ]
    );
    // Without the options nothing changes, and nothing is said of chunks.
    let before = uploads(&server);
    let out = run(openai(&server).args(["store", "sync", &vs]).arg(&docs));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(uploads(&server), before);
    assert_eq!(
        out.stdout,
        "added 0, replaced 0, removed 0, unchanged 2, failed 0\n"
    );
    // Other chunks: each file is sent again and its old copy goes; the overlap defaults to
    // half the size, up to the API's 400.
    write(&docs, &[("c.md", "c")]);
    let out = run(openai(&server)
        .args([
            "store",
            "sync",
            "--dry-run",
            "--json",
            &vs,
            "--chunk-size",
            "500",
        ])
        .arg(&docs));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let actions: BTreeMap<String, String> = out
        .events()
        .iter()
        .filter(|e| e["type"] == "file")
        .map(|e| {
            (
                e["path"].as_str().unwrap().to_string(),
                e["action"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        actions,
        BTreeMap::from([
            ("a.md".into(), "replace".into()),
            ("b.md".into(), "replace".into()),
            ("c.md".into(), "add".into())
        ])
    );
    assert_eq!(uploads(&server), before, "a dry run sends nothing");
    let out = run(openai(&server)
        .args(["store", "sync", &vs, "--chunk-size", "500"])
        .arg(&docs));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "added 1, replaced 2, removed 0, unchanged 0, failed 0\n"
    );
    assert_eq!(
        store_chunking(&api, &vs),
        [
            ("a.md".into(), chunks(500, 250)),
            ("b.md".into(), chunks(500, 250)),
            ("c.md".into(), chunks(500, 250))
        ]
    );
    assert_eq!(store_paths(&api, &vs).len(), 3, "the old copies are gone");
    // `store show --json` says how each file is cut, and its attributes, as the server does.
    let out = run(openai(&server).args(["--json", "store", "show", &vs]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let files: Vec<Value> = out
        .events()
        .into_iter()
        .filter(|e| e["type"] == "file")
        .collect();
    assert_eq!(files.len(), 3);
    for f in &files {
        assert_eq!(
            f["chunking_strategy"]["static"],
            json!({"max_chunk_size_tokens": 500, "chunk_overlap_tokens": 250}),
            "{f}"
        );
        assert_eq!(f["attributes"]["asst_path"], f["path"], "{f}");
    }
    let out = run(openai(&server)
        .args([
            "store",
            "sync",
            &vs,
            "--chunk-size",
            "500",
            "--chunk-overlap",
            "250",
        ])
        .arg(&docs));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        uploads(&server),
        before + 3,
        "the same chunks again: no upload"
    );
    // The API's default, asked for by its numbers, is what a file added without options has.
    write(&docs, &[("d.md", "d")]);
    let out = run(openai(&server)
        .args(["store", "add", &vs])
        .arg(docs.join("d.md")));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let sent = uploads(&server);
    let out = run(openai(&server)
        .args(["store", "add", &vs, "--chunk-size", "800"])
        .arg(docs.join("d.md")));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(uploads(&server), sent, "800 and 400 are what auto chunks");
    // The single-file fallback sends the chunking too.
    api.lock().unwrap().batches = false;
    write(&docs, &[("e.md", "e")]);
    let out = run(openai(&server)
        .args(["store", "add", &vs, "--chunk-overlap", "0"])
        .arg(docs.join("e.md")));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let attach = server
        .requests()
        .into_iter()
        .rfind(|r| r.method == "POST" && r.path() == format!("/v1/vector_stores/{vs}/files"))
        .expect("an attach")
        .json();
    assert_eq!(
        attach["chunking_strategy"]["static"],
        json!({"max_chunk_size_tokens": 800, "chunk_overlap_tokens": 0})
    );
    // What the API refuses is refused before anything is sent.
    let sent = server.requests().len();
    for bad in [
        &["--chunk-size", "99"][..],
        &["--chunk-size", "4097"],
        &["--chunk-size", "300", "--chunk-overlap", "151"],
        &["--chunk-overlap", "401"],
        &["--chunk-size", "lots"],
    ] {
        let out = run(openai(&server)
            .args(["store", "sync", &vs])
            .arg(&docs)
            .args(bad));
        assert_eq!(out.code, 2, "{bad:?}: {}", out.stderr);
        let error = out.stderr.lines().next().unwrap_or_default();
        assert!(error.contains("--chunk-"), "{bad:?}: {}", out.stderr);
    }
    let out = run(openai(&server)
        .args([
            "store",
            "create",
            "--chunk-size",
            "300",
            "--chunk-overlap",
            "200",
        ])
        .arg(&docs));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("--chunk-overlap 200") && out.stderr.contains("half"),
        "{}",
        out.stderr
    );
    assert_eq!(server.requests().len(), sent, "nothing sent for bad chunks");
}

/// A server that takes the chunking but reports its own: the files are sent again once,
/// and then kept, as asst remembers what it asked for (`asst_chunks`) and does not upload
/// the folder on every sync.
#[test]
fn a_server_that_reports_other_chunks_than_asked_gets_each_file_once() {
    let (api, server) = batch_api();
    api.lock().unwrap().ignore_chunking = true;
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    write(&docs, &[("a.md", "a"), ("b.md", "b")]);
    let vs = made_store(&server, &["--name", "docs"], &docs);
    let sync = |server: &Server| {
        run(openai(server)
            .args([
                "store",
                "sync",
                &vs,
                "--chunk-size",
                "300",
                "--attr",
                "team=docs",
            ])
            .arg(&docs))
    };
    let out = sync(&server);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "added 0, replaced 2, removed 0, unchanged 0, failed 0\n"
    );
    let before = uploads(&server);
    let out = sync(&server);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "added 0, replaced 0, removed 0, unchanged 2, failed 0\n"
    );
    assert_eq!(uploads(&server), before, "no upload the second time");
    {
        let a = api.lock().unwrap();
        for (_, attrs, _) in &a.store_files[&vs] {
            assert_eq!(attrs["asst_chunks"], "300/150", "{attrs}");
            assert_eq!(attrs["team"], "docs", "{attrs}");
        }
    }
    // New attributes keep what was asked for; other chunks send them again.
    let out = run(openai(&server)
        .args(["store", "sync", &vs, "--attr", "team=ops"])
        .arg(&docs));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("updated 2"), "{}", out.stdout);
    {
        let a = api.lock().unwrap();
        for (_, attrs, _) in &a.store_files[&vs] {
            assert_eq!(attrs["asst_chunks"], "300/150", "{attrs}");
        }
    }
    let out = run(openai(&server)
        .args([
            "store",
            "sync",
            &vs,
            "--chunk-size",
            "400",
            "--attr",
            "team=ops",
        ])
        .arg(&docs));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("replaced 2"), "{}", out.stdout);
    // asst keeps a third attribute then: 13 of a file's 16 are left for --attr.
    let many: Vec<String> = (0..14)
        .flat_map(|i| ["--attr".to_string(), format!("k{i}=v")])
        .collect();
    let out = run(openai(&server)
        .args(["store", "sync", &vs, "--chunk-size", "400"])
        .args(&many)
        .arg(&docs));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("13"), "{}", out.stderr);
}

/// `--max-delete N`, rsync's guard: a sync that would take out more than N files (half a
/// checkout, a folder moved) is refused with nothing changed, dry run or not.
#[test]
fn a_sync_that_would_remove_more_than_max_delete_is_refused() {
    let (api, server) = batch_api();
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    write(
        &docs,
        &[("a.md", "a"), ("b.md", "b"), ("c.md", "c"), ("d.md", "d")],
    );
    let vs = made_store(&server, &["--name", "docs"], &docs);
    for name in ["b.md", "c.md", "d.md"] {
        std::fs::remove_file(docs.join(name)).unwrap();
    }
    std::fs::write(docs.join("e.md"), "e").unwrap();
    let requests = server.requests().len();
    for args in [
        &["--max-delete", "2"][..],
        &["--max-delete", "2", "--dry-run"],
    ] {
        let out = run(openai(&server)
            .args(["store", "sync", "--delete", &vs])
            .arg(&docs)
            .args(args));
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        let error = out.stderr.lines().next().unwrap_or_default();
        assert!(
            error.contains("3 files") && error.contains("--max-delete 2"),
            "{}",
            out.stderr
        );
        assert!(out.stderr.contains("--dry-run"), "the hint: {}", out.stderr);
    }
    assert!(
        only_read_since(&server, requests),
        "nothing uploaded or taken out"
    );
    assert_eq!(store_paths(&api, &vs).len(), 4);
    let out = run(openai(&server)
        .args(["store", "sync", "--delete", "--max-delete", "3", &vs])
        .arg(&docs));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        store_paths(&api, &vs),
        [("a.md".into(), "a".into()), ("e.md".into(), "e".into())]
    );
    let out = run(openai(&server)
        .args(["store", "sync", "--max-delete", "3", &vs])
        .arg(&docs));
    assert_eq!(out.code, 2, "--max-delete is for --delete: {}", out.stderr);
}

#[test]
fn sync_with_attributes_updates_the_files_it_keeps() {
    let (api, server) = batch_api();
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    write(&docs, &[("a.md", "a"), ("b.md", "b")]);
    let vs = made_store(&server, &["--name", "docs", "--attr", "team=docs"], &docs);
    let attrs = |api: &Arc<Mutex<Api>>| -> Vec<Value> {
        let a = api.lock().unwrap();
        a.store_files[&vs].iter().map(|f| f.1.clone()).collect()
    };
    let before = attrs(&api);
    let requests = server.requests().len();
    // without --attr, what the files carry is left alone
    let out = run(openai(&server).args(["store", "sync", &vs]).arg(&docs));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(attrs(&api), before);
    // the same --attr: nothing to do
    let out = run(openai(&server)
        .args(["store", "sync", &vs, "--attr", "team=docs"])
        .arg(&docs));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "added 0, replaced 0, removed 0, unchanged 2, failed 0\n"
    );
    // new ones: a dry run says so and changes nothing
    write(&docs, &[("c.md", "c")]);
    let retag = ["--attr", "team=web", "--attr", "year=2026"];
    let out = run(openai(&server)
        .args(["store", "sync", "--dry-run", &vs])
        .args(retag)
        .arg(&docs));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "add\tc.md\nupdate\ta.md\nupdate\tb.md\nwould add 1, replace 0, update 2, remove 0; 0 unchanged\n"
    );
    assert_eq!(attrs(&api), before);
    let out = run(openai(&server)
        .args(["store", "sync", &vs])
        .args(retag)
        .arg(&docs));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "added 1, replaced 0, updated 2, removed 0, unchanged 0, failed 0\n"
    );
    let after = attrs(&api);
    assert_eq!(after.len(), 3);
    for (i, a) in after.iter().enumerate() {
        assert_eq!(a["team"], "web", "{a}");
        assert_eq!(a["year"], 2026, "{a}");
        assert!(
            a["asst_path"].is_string() && a["asst_fingerprint"].is_string(),
            "{a}"
        );
        if i < 2 {
            assert_eq!(a["asst_path"], before[i]["asst_path"]);
            assert_eq!(a["asst_fingerprint"], before[i]["asst_fingerprint"]);
        }
    }
    let updates: Vec<_> = server.requests()[requests..]
        .iter()
        .filter(|r| r.method == "POST" && r.path().contains("/files/"))
        .map(|r| r.path().to_string())
        .collect();
    assert_eq!(updates.len(), 2, "one request a file kept: {updates:?}");
    assert_eq!(uploads(&server), 3, "no file uploaded again");
    // --json says which
    let out = run(openai(&server)
        .args(["store", "sync", "--json", &vs, "--attr", "team=docs"])
        .arg(&docs));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.of_files("action"), ["updated"; 3]);
    // store add does the same for the files it keeps
    let out = run(openai(&server)
        .args(["store", "add", &vs, "--attr", "team=add"])
        .arg(&docs));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr
            .contains(&format!("a.md: attributes updated in {vs}")),
        "{}",
        out.stderr
    );
    assert!(attrs(&api).iter().all(|a| a["team"] == "add"));
    // refused: the sync fails naming the files, and says so per file
    api.lock().unwrap().refuse_detach = true;
    let out = run(openai(&server)
        .args(["store", "sync", &vs, "--attr", "team=ops"])
        .arg(&docs));
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "added 0, replaced 0, removed 0, unchanged 0, failed 3\n"
    );
    assert!(
        out.stderr.contains(&format!(
            "asst: error: 3 files in {vs} kept their old attributes: a.md (file-"
        )),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("could not update the attributes of a.md (file-")
            && out.stderr.contains("insufficient permissions"),
        "the server's reason: {}",
        out.stderr
    );
}

#[test]
fn two_folders_with_the_same_path_are_a_usage_error() {
    let (_api, server) = batch_api();
    let tmp = tempfile::tempdir().unwrap();
    write(&tmp.path().join("one"), &[("x.md", "1"), ("only.md", "o")]);
    write(&tmp.path().join("two"), &[("x.md", "2")]);
    let out = run(openai(&server)
        .args(["store", "sync", "vs_1"])
        .arg(tmp.path().join("one"))
        .arg(tmp.path().join("two")));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("two of the folders have x.md"),
        "{}",
        out.stderr
    );
    assert!(server.requests().is_empty(), "nothing sent");
}

#[test]
fn a_refused_attribute_update_stops_the_rest() {
    let (api, server) = batch_api();
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    let names: Vec<String> = (0..12).map(|i| format!("f{i:02}.md")).collect();
    let files: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), "x")).collect();
    write(&docs, &files);
    let vs = made_store(&server, &["--name", "docs"], &docs);
    api.lock().unwrap().refuse_detach = true;
    let before = server.requests().len();
    let out = run(openai(&server)
        .args(["store", "sync", "--json", &vs, "--attr", "team=ops"])
        .arg(&docs));
    assert_eq!(out.code, 3, "{}", out.stderr);
    let tried = server.requests()[before..]
        .iter()
        .filter(|r| r.method == "POST" && r.path().contains("/files/"))
        .count();
    assert!(
        (1..=4).contains(&tried),
        "those already in flight at the refusal, no more: {tried}"
    );
    assert_eq!(out.of_files("status"), ["failed"; 12]);
    assert!(
        out.stderr.contains("12 files in ")
            && out.stderr.contains("f09.md (file-")
            && out.stderr.contains(" and 2 more"),
        "ten named, the rest counted: {}",
        out.stderr
    );
    assert!(!out.stderr.contains("f10.md (file-"), "{}", out.stderr);
}

#[test]
fn rm_file_takes_files_out_by_path_or_id() {
    let api = Arc::new(Mutex::new(Api::default()));
    let server = api_server(api.clone(), no_responses);
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), &[("a.md", "a"), ("b.md", "b"), ("c.md", "c")]);
    let vs = run(openai(&server)
        .args(["store", "create", "-q", "--name", "kb"])
        .arg(tmp.path()))
    .stdout
    .trim()
    .to_string();
    let files_before = api.lock().unwrap().files.len();
    let out = run(openai(&server).args(["store", "rm-file", &vs, "a.md"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        api.lock().unwrap().files.len(),
        files_before,
        "the file object stays without --with-files"
    );
    let b_id = api.lock().unwrap().store_files[&vs]
        .iter()
        .find(|f| f.1["asst_path"] == "b.md")
        .unwrap()
        .0
        .clone();
    let out = run(openai(&server).args(["store", "rm-file", "--with-files", &vs, &b_id]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(api.lock().unwrap().files.len(), files_before - 1);
    let paths: Vec<String> = store_paths(&api, &vs).into_iter().map(|p| p.0).collect();
    assert_eq!(paths, ["c.md"]);
    let out = run(openai(&server).args(["store", "rm-file", &vs, "nope.md"]));
    assert_eq!(out.code, 4, "{}", out.stderr);
}

/// `store rm-file --dry-run` names the files the command would take out, found as it finds
/// them (by path or id, each once), and what the store keeps; a target it has no file for
/// is the same error. Nothing is deleted.
#[test]
fn rm_file_can_be_tried_first() {
    let (api, server) = batch_api();
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), &[("a.md", "a"), ("b.md", "b"), ("c.md", "c")]);
    let vs = made_store(&server, &["--name", "kb"], tmp.path());
    let a_id = api.lock().unwrap().store_files[&vs]
        .iter()
        .find(|f| f.1["asst_path"] == "a.md")
        .unwrap()
        .0
        .clone();
    let before = server.requests().len();
    let out = run(openai(&server).args([
        "store",
        "rm-file",
        "--dry-run",
        &vs,
        "a.md",
        &a_id,
        "./b.md",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "remove\ta.md\nremove\tb.md\nwould add 0, replace 0, remove 2; 1 unchanged\n"
    );
    let out = run(openai(&server).args(["store", "rm-file", "--dry-run", "--json", &vs, "c.md"]));
    let events = out.events();
    assert_eq!(
        (
            &events[0]["type"],
            &events[0]["status"],
            &events[0]["action"],
            &events[0]["path"]
        ),
        (
            &json!("file"),
            &json!("planned"),
            &json!("remove"),
            &json!("c.md")
        )
    );
    assert_eq!(
        events[1],
        json!({"type": "plan", "store": vs, "add": 0, "replace": 0, "update": 0, "remove": 1, "keep": 2})
    );
    let out = run(openai(&server).args(["store", "rm-file", "--dry-run", &vs, "c.md", "nope.md"]));
    assert_eq!(out.code, 4, "{}", out.stderr);
    assert!(only_read_since(&server, before), "nothing changed");
    assert_eq!(store_paths(&api, &vs).len(), 3);
}

#[test]
fn rm_file_takes_many_files_out_four_at_a_time_each_once() {
    use std::sync::atomic::Ordering;
    let api = Arc::new(Mutex::new(Api::with_batches()));
    let (server, peak) = slow_server(&api, |r| r.method == "DELETE");
    let tmp = tempfile::tempdir().unwrap();
    let names: Vec<String> = (0..10).map(|i| format!("f{i}.md")).collect();
    for n in &names {
        write(tmp.path(), &[(n.as_str(), n.as_str())]);
    }
    let vs = made_store(&server, &["--name", "kb"], tmp.path());
    let first = api.lock().unwrap().store_files[&vs][0].0.clone();
    // f0.md given by path and by id: taken out once, said once.
    let out = run(openai(&server)
        .args(["--json", "store", "rm-file", "--with-files", &vs, &first])
        .args(&names));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(store_paths(&api, &vs).is_empty());
    assert_eq!(peak.load(Ordering::SeqCst), 4, "DELETEs in flight at most");
    let deleted: Vec<Value> = out.events();
    assert_eq!(deleted.len(), 10, "{}", out.stdout);
    let deletes = server
        .lines()
        .iter()
        .filter(|l| l.starts_with("DELETE /v1/vector_stores/"))
        .count();
    assert_eq!(deletes, 10, "each file taken out once");
}

#[test]
fn attribute_values_are_stored_as_written() {
    // A value is a number or a boolean only when it reads back the same: a zip code or a
    // version such as 1.10 would otherwise lose what makes it itself.
    let (api, server) = batch_api();
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), &[("a.md", "a")]);
    let mut args = vec!["--name", "kb"];
    for attr in [
        "zip=007",
        "version=1.10",
        "year=2024",
        "ratio=0.5",
        "big=1e3",
        "draft=false",
        "neg=-3",
    ] {
        args.extend(["--attr", attr]);
    }
    let vs = made_store(&server, &args, &tmp.path().join("a.md"));
    let attrs = api.lock().unwrap().store_files[&vs][0].1.clone();
    for (key, value) in [
        ("zip", json!("007")),
        ("version", json!("1.10")),
        ("year", json!(2024)),
        ("ratio", json!(0.5)),
        ("big", json!("1e3")),
        ("draft", json!(false)),
        ("neg", json!(-3)),
    ] {
        assert_eq!(attrs[key], value, "{key} in {attrs}");
    }
    // --filter reads values the same way, so that it finds what --attr stored; a
    // comparison takes any number
    let server = Server::start(|_| Reply::sse(answer_stream(&[Piece::Text("ok")])));
    let out = run(openai(&server).args([
        "ask",
        "-t",
        "conv_1",
        "--vector-store",
        "vs_1",
        "--filter",
        "zip=007",
        "--filter",
        "version in 1.10,2",
        "--filter",
        "price<2.50",
        "q",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        server.requests()[0].json()["tools"][0]["filters"],
        json!({"type": "and", "filters": [
            {"type": "eq", "key": "zip", "value": "007"},
            {"type": "in", "key": "version", "value": ["1.10", 2]},
            {"type": "lt", "key": "price", "value": 2.5}
        ]})
    );
}

#[test]
fn ask_filters_and_tunes_file_search_and_refuses_bad_expressions() {
    let server = Server::start(|_| Reply::sse(answer_stream(&[Piece::Text("ok")])));
    let out = run(openai(&server).args([
        "ask",
        "-t",
        "conv_1",
        "--vector-store",
        "vs_1",
        "--filter",
        "team=docs",
        "--filter",
        "year>=2024",
        "--max-results",
        "5",
        "--score-threshold",
        "0.4",
        "q",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let tool = server.requests()[0].json()["tools"][0].clone();
    assert_eq!(
        tool["filters"],
        json!({"type": "and", "filters": [
            {"type": "eq", "key": "team", "value": "docs"},
            {"type": "gte", "key": "year", "value": 2024}
        ]})
    );
    assert_eq!(tool["max_num_results"], 5);
    assert_eq!(tool["ranking_options"], json!({"score_threshold": 0.4}));
    // A key longer than an attribute's (64 characters) can never match.
    let long = format!("{}=x", "k".repeat(65));
    for bad in [
        &["--filter", "year<soon"][..],
        &["--filter", "noop"],
        &["--filter", &long],
        &["--max-results", "51"],
        &["--score-threshold", "2"],
    ] {
        let out = run(openai(&server)
            .args(["ask", "-t", "conv_1", "--vector-store", "vs_1"])
            .args(bad)
            .arg("q"));
        assert_eq!(out.code, 2, "{bad:?}: {}", out.stderr);
    }
    assert_eq!(
        server.requests().len(),
        1,
        "nothing sent for a bad expression"
    );
}

#[test]
fn a_file_over_the_api_limit_is_refused_before_any_byte_is_sent() {
    let api = Arc::new(Mutex::new(Api::default()));
    let server = api_server(api.clone(), no_responses);
    let tmp = tempfile::tempdir().unwrap();
    let big = tmp.path().join("big.bin");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(513 * 1024 * 1024)
        .unwrap();
    let out = run(openai(&server)
        .args(["store", "create", "--name", "kb"])
        .arg(&big));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("big.bin"), "{}", out.stderr);
    assert!(server.requests().is_empty());
}

/// A self-hosted server behind nginx, whose `client_max_body_size` is 1 MB unless set:
/// nginx answers 413 as soon as it has read the head of a larger upload. That is the
/// answer, said as such with what to change, once (sent again it would be refused again),
/// and the other files are uploaded all the same.
#[test]
fn an_upload_a_proxy_refuses_as_too_large_is_said_once_and_not_sent_again() {
    let api = Arc::new(Mutex::new(Api::default()));
    let served = api.clone();
    let server = Server::start_limited(1024 * 1024, move |r| served.lock().unwrap().handle(r));
    let tmp = tempfile::tempdir().unwrap();
    let big = tmp.path().join("manual.pdf");
    std::fs::write(&big, vec![b'x'; 3 * 1024 * 1024]).unwrap();
    let small = tmp.path().join("notes.md");
    std::fs::write(&small, "notes").unwrap();
    let out = run(openai(&server)
        .args(["store", "create", "--name", "kb"])
        .arg(&big)
        .arg(&small));
    assert_eq!(out.code, 1, "{}", out.stderr);
    let error = out
        .stderr
        .lines()
        .find(|l| l.starts_with("asst: error: "))
        .unwrap_or_default();
    assert!(
        error.contains("manual.pdf") && error.contains("HTTP 413") && error.contains("too large"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("client_max_body_size"),
        "the hint names what to change: {}",
        out.stderr
    );
    assert!(!out.stderr.contains("retrying"), "{}", out.stderr);
    assert_eq!(uploads(&server), 2, "one upload each: {:?}", server.lines());
    assert!(api
        .lock()
        .unwrap()
        .files
        .values()
        .any(|f| f.0 == "notes.md"));
    let vs = out.stdout.trim();
    // The same from a sync.
    let folder = tmp.path().join("manuals");
    std::fs::create_dir(&folder).unwrap();
    std::fs::rename(&big, folder.join("manual.pdf")).unwrap();
    let out = run(openai(&server).args(["store", "sync", vs]).arg(&folder));
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("client_max_body_size"),
        "{}",
        out.stderr
    );
    assert_eq!(uploads(&server), 3, "{:?}", server.lines());
}

#[test]
fn batches_that_count_every_file_completed_need_no_list_and_a_failed_one_is_named() {
    let (_api, server) = batch_api();
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    write(&docs, &[("a.md", "a"), ("b.md", "b"), ("c/d.md", "d")]);
    let lists_after_the_batch = || {
        let lines = server.lines();
        let batch = lines
            .iter()
            .rposition(|l| l.starts_with("POST ") && l.ends_with("/file_batches"))
            .expect("a batch was sent");
        lines[batch..]
            .iter()
            .filter(|l| l.starts_with("GET ") && l.contains("/files"))
            .filter(|l| !l.contains("/file_batches/"))
            .count()
    };
    let out = run(openai(&server)
        .args(["store", "create", "-q", "--json", "--name", "docs"])
        .arg(&docs));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.of_files("status"), ["completed"; 3]);
    assert_eq!(
        lists_after_the_batch(),
        0,
        "the batch counted all three completed: {:?}",
        server.lines()
    );
    // what a re-sync compares with is what was sent: nothing is uploaded again
    let vs = out.events()[0]["id"].as_str().unwrap().to_string();
    let before = uploads(&server);
    let out = run(openai(&server)
        .args(["store", "sync", "-q", &vs])
        .arg(&docs));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(uploads(&server), before, "{}", out.stdout);
    // a batch that counts a failure: the store's list says which file, and why
    write(&docs, &[("broken.bin", "\u{0}")]);
    let out = run(openai(&server)
        .args(["store", "sync", "-q", &vs])
        .arg(&docs));
    assert_eq!(out.code, 7, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("broken.bin: unsupported_file: The file type is not supported."),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("leave them out with store sync --exclude '*.bin'"),
        "{}",
        out.stderr
    );
    assert_eq!(lists_after_the_batch(), 1);
    // and the hint's exclude, with --delete, leaves a store without it
    let out = run(openai(&server)
        .args(["store", "sync", "-q", &vs, "--exclude", "*.bin", "--delete"])
        .arg(&docs));
    assert_eq!(out.code, 0, "{}", out.stderr);
}

/// `asst_fingerprint` as asst writes it: FNV-1a of the content, 64 bits.
fn fnv1a64(content: &[u8]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in content {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("fnv1a64:{hash:016x}")
}

#[test]
fn many_files_go_four_at_a_time_and_an_interrupt_counts_every_upload_that_finished() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let api = Arc::new(Mutex::new(Api::with_batches()));
    let (a, busy, most) = (
        api.clone(),
        Arc::new(AtomicUsize::new(0)),
        Arc::new(AtomicUsize::new(0)),
    );
    let (b, m) = (busy.clone(), most.clone());
    let server = Server::start(move |r| {
        if r.method == "POST" && r.path() == "/v1/files" {
            let now = b.fetch_add(1, Ordering::SeqCst) + 1;
            m.fetch_max(now, Ordering::SeqCst);
            // files of the second set from f050 on hang, for the interrupt below
            let name = multipart(r).0;
            let hang = name
                .strip_prefix('g')
                .and_then(|n| n.trim_end_matches(".md").parse::<u32>().ok())
                .is_some_and(|n| n >= 50);
            std::thread::sleep(std::time::Duration::from_millis(if hang {
                10_000
            } else {
                15
            }));
            b.fetch_sub(1, Ordering::SeqCst);
        }
        a.lock().unwrap().handle(r)
    });
    let tmp = tempfile::tempdir().unwrap();
    // A folder of 100 numbered files, NAME000.md to NAME099.md.
    let numbered = |name: &str| {
        let dir = tmp.path().join(name);
        let files: Vec<(String, String)> = (0..100)
            .map(|i| (format!("{name}{i:03}.md"), format!("{name} note {i}\n")))
            .collect();
        for (n, c) in &files {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(dir.join(n), c).unwrap();
        }
        (dir, files)
    };
    let (dir, files) = numbered("f");
    let out = run(openai(&server)
        .args(["store", "create", "-q", "--name", "many"])
        .arg(&dir));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let vs = out.stdout.trim().to_string();
    let most = most.load(Ordering::SeqCst);
    assert!((2..=4).contains(&most), "{most} uploads at once");
    let stored: Vec<(String, String)> = store_paths(&api, &vs);
    let mut expected = files.clone();
    expected.sort();
    assert_eq!(stored, expected, "each file once, with its content");
    {
        let a = api.lock().unwrap();
        for (id, attrs, _) in &a.store_files[&vs] {
            let content = &a.files[id].1;
            assert_eq!(attrs["asst_fingerprint"], json!(fnv1a64(content)));
        }
    }
    // 100 more, of which g050..g099 hang: an interrupt names exactly the 50 not uploaded
    let (dir, _) = numbered("g");
    let dir_arg = dir.to_str().unwrap().to_string();
    let child = crate::spawn(
        &server,
        &["store", "create", "-q", "--name", "hanging", &dir_arg],
        &[],
    );
    let stored = || {
        api.lock()
            .unwrap()
            .files
            .values()
            .filter(|f| f.0.starts_with('g'))
            .count()
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while stored() < 50 || busy.load(Ordering::SeqCst) < 4 {
        assert!(std::time::Instant::now() < deadline, "{} stored", stored());
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    std::thread::sleep(std::time::Duration::from_millis(300));
    crate::kill(&child, "INT");
    let out = child.wait_with_output().unwrap();
    assert_eq!(crate::shell_status(&out.status), 130);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stored(), 50);
    assert!(
        stderr.contains("interrupted: 50 of 100 files were not uploaded: g050.md, g051.md"),
        "{stderr}"
    );
    assert!(!stderr.contains("g049.md"), "{stderr}");
    // The 50 uploaded are in the store, as the hint says ("has the others"): not left as
    // file objects no store holds, for the next run to upload again.
    let hanging = {
        let a = api.lock().unwrap();
        let (id, _) = a
            .stores
            .iter()
            .find(|(_, s)| s["name"] == "hanging")
            .expect("the store was made");
        id.clone()
    };
    // one line: ten names, the rest counted; the hint names the folder, as given
    assert!(stderr.contains("g059.md, and 40 more\n"), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "asst: hint: {hanging} has the others; add the rest with: asst store add {hanging} {dir_arg}\n"
        )),
        "{stderr}"
    );
    let stored: Vec<String> = store_paths(&api, &hanging)
        .into_iter()
        .map(|(path, _)| path)
        .collect();
    let expected: Vec<String> = (0..50).map(|i| format!("g{i:03}.md")).collect();
    assert_eq!(stored, expected);
}

#[test]
fn an_interrupted_sync_leaves_what_it_uploaded_in_the_store_in_place_of_what_it_replaces() {
    let api = Arc::new(Mutex::new(Api::with_batches()));
    let a = api.clone();
    let server = Server::start(move |r| {
        if r.method == "POST" && r.path() == "/v1/files" && r.body.contains("zzz") {
            std::thread::sleep(std::time::Duration::from_secs(10));
        }
        a.lock().unwrap().handle(r)
    });
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    write(&docs, &[("a.md", "v1"), ("b.md", "b")]);
    let out = run(openai(&server)
        .args(["store", "create", "-q", "--name", "kb"])
        .arg(&docs));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let vs = out.stdout.trim().to_string();
    let docs_arg = docs.to_str().unwrap().to_string();
    // a.md changed and goes up at once; slow.md is new and never finishes
    let interrupted_sync = |content: &str| {
        write(&docs, &[("a.md", content), ("slow.md", "zzz")]);
        let before = uploads(&server);
        let child = crate::spawn(&server, &["store", "sync", "-q", &vs, &docs_arg], &[]);
        let sent = || {
            api.lock()
                .unwrap()
                .files
                .values()
                .any(|f| f.1 == content.as_bytes())
        };
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while uploads(&server) < before + 2 || !sent() {
            assert!(
                std::time::Instant::now() < deadline,
                "the uploads never went"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
        crate::kill(&child, "INT");
        let out = child.wait_with_output().unwrap();
        assert_eq!(crate::shell_status(&out.status), 130);
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let stderr = interrupted_sync("v2");
    assert!(
        stderr.contains("asst: error: interrupted: 1 of 2 files were not uploaded: slow.md\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "asst: hint: {vs} has the others; the same command again adds the rest\n"
        )),
        "{stderr}"
    );
    // the new a.md is in, the old one out: searched, it would be quoted
    let stored = store_paths(&api, &vs);
    assert_eq!(
        stored,
        [
            ("a.md".to_string(), "v2".to_string()),
            ("b.md".into(), "b".into())
        ]
    );
    // When the old version cannot be taken out, the hint does not say the store is right.
    api.lock().unwrap().refuse_detach = true;
    let stderr = interrupted_sync("v3");
    assert!(
        stderr.contains(&format!(
            "asst: error: interrupted: 1 of 2 files were not uploaded: slow.md; {vs} may not hold the 1 uploaded\n"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "asst: hint: the same command again adds what {vs} lacks\n"
        )),
        "{stderr}"
    );
    // and it does: the new a.md and slow.md in, the old a.md out
    api.lock().unwrap().refuse_detach = false;
    std::fs::write(docs.join("slow.md"), "fast now").unwrap();
    let out = run(openai(&server).args(["store", "sync", "-q", &vs, &docs_arg]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        store_paths(&api, &vs),
        [
            ("a.md".to_string(), "v3".to_string()),
            ("b.md".into(), "b".into()),
            ("slow.md".into(), "fast now".into())
        ]
    );
}

#[test]
fn a_file_that_cannot_be_taken_out_fails_the_sync_by_name() {
    let (api, server) = batch_api();
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    write(
        &docs,
        &[("keep.md", "k"), ("gone.md", "g"), ("changed.md", "v1")],
    );
    let out = run(openai(&server)
        .args(["store", "create", "-q", "--name", "docs"])
        .arg(&docs));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let vs = out.stdout.trim().to_string();
    std::fs::remove_file(docs.join("gone.md")).unwrap();
    write(&docs, &[("changed.md", "v2")]);
    api.lock().unwrap().refuse_detach = true;
    let out = run(openai(&server)
        .args(["store", "sync", "-q", "--delete", &vs])
        .arg(&docs));
    // the store still has gone.md and the old changed.md: searched, they would be quoted
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "added 0, replaced 1, removed 0, unchanged 1, failed 1\n"
    );
    assert!(
        out.stderr.contains(&format!(
            "asst: error: 2 files could not be taken out of {vs}: changed.md (file-"
        )),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("gone.md (file-"), "{}", out.stderr);
    assert!(
        out.stderr.contains("insufficient permissions"),
        "{}",
        out.stderr
    );
    // --json says which file failed, and why
    let out = run(openai(&server)
        .args(["store", "sync", "-q", "--json", "--delete", &vs])
        .arg(&docs));
    let failed: Vec<Value> = out
        .events()
        .into_iter()
        .filter(|e| e["type"] == "file" && e["status"] == "failed")
        .collect();
    assert!(
        failed
            .iter()
            .any(|e| e["path"] == "gone.md" && e["action"] == "removed"),
        "{failed:?}"
    );
}

#[test]
fn the_progress_line_is_redrawn_on_a_timer_not_for_every_file() {
    let (_api, server) = batch_api();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("docs");
    for i in 0..150 {
        write(&dir, &[(&format!("n{i:03}.md"), "note")]);
    }
    let out = run(openai(&server)
        .env("ASST_FORCE_TTY", "1")
        .args(["store", "create", "--name", "docs"])
        .arg(&dir));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("\r\x1b[Kasst: uploading 150/150 files, 600 B of 600 B\n"),
        "{:?}",
        out.stderr
    );
    let redraws = out.stderr.matches("\r\x1b[K").count();
    assert!(redraws < 50, "{redraws} redraws for 150 files");
}

#[test]
fn a_full_batch_goes_into_the_store_while_the_rest_still_uploads() {
    use std::sync::atomic::{AtomicBool, Ordering};
    let api = Arc::new(Mutex::new(Api::with_batches()));
    // The upload of "slow" takes its time (or, once `hang` is set, never ends); each batch
    // notes whether that upload had finished when the batch came.
    let (slow_done, hang) = (
        Arc::new(AtomicBool::new(false)),
        Arc::new(AtomicBool::new(false)),
    );
    let seen_by_batches = Arc::new(Mutex::new(Vec::new()));
    let (a, done, h, seen) = (
        api.clone(),
        slow_done.clone(),
        hang.clone(),
        seen_by_batches.clone(),
    );
    let server = Server::start(move |r| {
        if r.method == "POST" && r.path() == "/v1/files" && r.body.contains("slow content") {
            let wait = if h.load(Ordering::SeqCst) {
                20_000
            } else {
                1_500
            };
            std::thread::sleep(std::time::Duration::from_millis(wait));
            done.store(true, Ordering::SeqCst);
        }
        if r.method == "POST" && r.path().ends_with("/file_batches") {
            seen.lock().unwrap().push(done.load(Ordering::SeqCst));
        }
        a.lock().unwrap().handle(r)
    });
    // 2,000 files, one batch's worth, and a slow one last in the plan
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    let mut files: Vec<(String, String)> = (0..2000)
        .map(|i| (format!("d{}/f{i:04}.md", i % 20), format!("note {i}")))
        .collect();
    files.push(("zz.md".into(), "slow content".into()));
    for (p, c) in &files {
        write(&docs, &[(p, c)]);
    }
    let out = run(openai(&server)
        .args(["store", "create", "-q", "--name", "kb"])
        .arg(&docs));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let vs = out.stdout.trim().to_string();
    assert_eq!(
        *seen_by_batches.lock().unwrap(),
        [false, true],
        "the first 2,000 went in while zz.md was uploading, zz.md after"
    );
    let mut expected = files.clone();
    expected.sort();
    assert_eq!(store_paths(&api, &vs), expected, "each file once");
    assert!(!server
        .lines()
        .iter()
        .any(|l| l.ends_with(&format!("{vs}/files")) && l.starts_with("POST")));

    // Interrupted once the first batch is in: what it holds is not added again, the file
    // still uploading is named, and the store holds the 2,000.
    hang.store(true, Ordering::SeqCst);
    slow_done.store(false, Ordering::SeqCst);
    seen_by_batches.lock().unwrap().clear();
    let docs_arg = docs.to_str().unwrap().to_string();
    let child = crate::spawn(
        &server,
        &["store", "create", "-q", "--name", "cut", &docs_arg],
        &[],
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while seen_by_batches.lock().unwrap().is_empty() {
        assert!(std::time::Instant::now() < deadline, "no batch came");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    std::thread::sleep(std::time::Duration::from_millis(300));
    crate::kill(&child, "INT");
    let out = child.wait_with_output().unwrap();
    assert_eq!(crate::shell_status(&out.status), 130);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("interrupted: 1 of 2001 files were not uploaded: zz.md"),
        "{stderr}"
    );
    assert_eq!(
        seen_by_batches.lock().unwrap().len(),
        1,
        "one batch, not sent again"
    );
    let cut = {
        let a = api.lock().unwrap();
        a.stores
            .iter()
            .find(|(_, s)| s["name"] == "cut")
            .map(|(id, _)| id.clone())
            .expect("the store was made")
    };
    let mut expected: Vec<(String, String)> = files[..2000].to_vec();
    expected.sort();
    assert_eq!(store_paths(&api, &cut), expected, "the 2,000, each once");
}

#[test]
fn notices_name_each_file_by_its_path_not_its_last_component() {
    // A docs folder has an index.md in every section: "uploaded index.md" twice, or
    // "could not upload index.md", would not say which.
    let (api, server) = batch_api();
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    write(
        &docs,
        &[("guide/index.md", "guide"), ("notes/index.md", "notes")],
    );
    let out = run(openai(&server)
        .args(["store", "create", "--name", "docs"])
        .arg(&docs));
    assert_eq!(out.code, 0, "{}", out.stderr);
    for path in ["guide/index.md", "notes/index.md"] {
        assert!(
            out.stderr
                .contains(&format!("asst: uploaded {path} (5 B) as file-")),
            "{}",
            out.stderr
        );
    }
    let vs = out.stdout.trim().to_string();
    let out = run(openai(&server).args(["store", "add", &vs]).arg(&docs));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stderr,
        format!(
            "asst: guide/index.md: already in {vs}, skipped\nasst: notes/index.md: already in {vs}, skipped\n"
        )
    );
    write(
        &docs,
        &[("guide/index.md", "guide 2"), ("notes/index.md", "notes 2")],
    );
    api.lock().unwrap().fail_upload_named = Some("index.md".into());
    let out = run(openai(&server)
        .env("ASST_MAX_RETRIES", "0")
        .args(["store", "sync", &vs])
        .arg(&docs));
    assert_ne!(out.code, 0, "{}", out.stderr);
    for path in ["guide/index.md", "notes/index.md"] {
        assert!(
            out.stderr
                .contains(&format!("asst: could not upload {path}: the server failed")),
            "{}",
            out.stderr
        );
    }
}

#[test]
fn sync_says_why_it_cannot_walk_what_it_was_given() {
    let (_api, server) = batch_api();
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), &[("a.md", "a")]);
    let gone = tmp.path().join("gone");
    let out = run(openai(&server).args(["store", "sync", "vs_1"]).arg(&gone));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert_eq!(
        out.stderr,
        format!(
            "asst: error: cannot read {}: No such file or directory (os error 2)\n",
            gone.display()
        )
    );
    let file = tmp.path().join("a.md");
    let out = run(openai(&server).args(["store", "sync", "vs_1"]).arg(&file));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains(&format!(
            "{} is a file, not a folder: sync walks folders (store add takes files)",
            file.display()
        )),
        "{}",
        out.stderr
    );
    assert!(server.requests().is_empty(), "nothing sent");
}

#[test]
fn store_show_rows_name_each_file_by_its_path() {
    // Two sections' index.md are two rows that say which is which.
    let (api, server) = batch_api();
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    write(
        &docs,
        &[("guide/index.md", "guide"), ("notes/index.md", "notes!")],
    );
    let vs = made_store(&server, &["--name", "docs"], &docs);
    // and a file some other tool put there, without asst's attributes: its file name
    let other = api.lock().unwrap().id("file-");
    api.lock()
        .unwrap()
        .files
        .insert(other.clone(), ("theirs.pdf".into(), b"pdf".to_vec()));
    api.lock()
        .unwrap()
        .store_files
        .get_mut(&vs)
        .unwrap()
        .push((other.clone(), json!({}), 9));
    let out = run(openai(&server).args(["store", "show", &vs]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let mut shown: Vec<(String, String)> = out
        .stdout
        .lines()
        .skip(1)
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            (cols[2].to_string(), cols[3].to_string())
        })
        .collect();
    shown.sort();
    assert_eq!(
        shown,
        [
            ("3".to_string(), "theirs.pdf".to_string()),
            ("5".to_string(), "guide/index.md".to_string()),
            ("6".to_string(), "notes/index.md".to_string()),
        ],
        "{}",
        out.stdout
    );
}

#[cfg(unix)]
#[test]
fn sync_says_it_skipped_symbolic_links_and_follows_them_when_asked() {
    use std::os::unix::fs::symlink;
    // mkdocs-style: docs/changelog.md is a link to the repository's CHANGELOG.md
    let (api, server) = batch_api();
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    write(
        tmp.path(),
        &[
            ("docs/index.md", "home"),
            ("CHANGELOG.md", "v1"),
            ("shared/terms.md", "terms"),
        ],
    );
    symlink(tmp.path().join("CHANGELOG.md"), docs.join("changelog.md")).unwrap();
    symlink(tmp.path().join("shared"), docs.join("shared")).unwrap();
    symlink(&docs, docs.join("loop")).unwrap();
    std::fs::create_dir(tmp.path().join("empty")).unwrap();
    let vs = made_store(&server, &["--name", "none"], &tmp.path().join("empty"));
    let sync = |extra: &[&str]| {
        run(openai(&server)
            .args(["store", "sync", "--dry-run", &vs])
            .args(extra)
            .arg(&docs))
    };
    let out = sync(&[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "add\tindex.md\nwould add 1, replace 0, remove 0; 0 unchanged\n"
    );
    assert_eq!(
        out.stderr,
        format!(
            "asst: {}: 3 symbolic links not followed (--follow follows them)\n",
            docs.display()
        )
    );
    assert!(sync(&["-q"]).stderr.is_empty(), "quiet means quiet");
    // followed, each known by the link's path; a link back up the tree adds nothing
    let out = sync(&["--follow"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "add\tchangelog.md\nadd\tindex.md\nadd\tshared/terms.md\nwould add 3, replace 0, remove 0; 0 unchanged\n"
    );
    assert_eq!(out.stderr, "");
    let out = run(openai(&server)
        .args(["store", "create", "-q", "--name", "docs", "--follow"])
        .arg(&docs));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let vs = out.stdout.trim().to_string();
    let paths: Vec<String> = store_paths(&api, &vs).into_iter().map(|p| p.0).collect();
    assert_eq!(paths, ["changelog.md", "index.md", "shared/terms.md"]);
    // a link that leads nowhere, followed: named, and nothing is sent
    symlink(tmp.path().join("gone.md"), docs.join("dangling.md")).unwrap();
    let before = server.requests().len();
    let out = sync(&["--follow"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("dangling.md"), "{}", out.stderr);
    assert_eq!(server.requests().len(), before);
}

#[test]
fn waiting_for_processing_shows_how_far_the_server_is_on_a_terminal() {
    // After the uploads, the server still has to process the files (minutes, for many):
    // the upload line alone would sit still all that time.
    let (_api, server) = batch_api();
    let (_dir, paths) = docs("wait", &[("a.md", "aaaa"), ("b.md", "bbbb")]);
    let out = run(openai(&server)
        .env("ASST_FORCE_TTY", "1")
        .args(["store", "create"])
        .args(&paths));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let uploaded = out
        .stderr
        .find("asst: uploading 2/2 files, 8 B of 8 B\n")
        .expect(&out.stderr);
    let waiting = out
        .stderr
        .find("\r\x1b[Kasst: processing 0/2 files")
        .expect(&out.stderr);
    assert!(uploaded < waiting, "{:?}", out.stderr);
    assert!(
        out.stderr.ends_with("\r\x1b[Kasst: processing 2/2 files\n"),
        "{:?}",
        out.stderr
    );
    // not on a pipe, nor with --quiet
    let out = run(openai(&server).args(["store", "create"]).args(&paths));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stderr.contains("processing"), "{:?}", out.stderr);
    let out = run(openai(&server)
        .env("ASST_FORCE_TTY", "1")
        .args(["store", "create", "-q"])
        .args(&paths));
    assert_eq!(out.stderr, "");
    // a server without batches: the store's list says how far it is
    let api = Arc::new(Mutex::new(Api::default()));
    let plain = api_server(api, no_responses);
    let out = run(openai(&plain)
        .env("ASST_FORCE_TTY", "1")
        .args(["store", "create"])
        .args(&paths));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.ends_with("\r\x1b[Kasst: processing 2/2 files\n"),
        "{:?}",
        out.stderr
    );
}

#[test]
fn include_globs_narrow_the_walk_and_never_bring_back_ignored_or_hidden_files() {
    // --include '*.md' means "of the files sync would take, the .md ones": a gitignored
    // draft or a hidden file must not be uploaded because its name matches.
    let (_api, server) = batch_api();
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    write(
        &docs,
        &[
            ("a.md", "a"),
            ("b.txt", "b"),
            ("drafts/secret.md", "not yet"),
            ("drafts/plan.md", "plan"),
            (".hidden.md", "h"),
            ("guide/g.md", "g"),
            (".gitignore", "drafts/secret.md\n"),
        ],
    );
    std::fs::create_dir(tmp.path().join("empty")).unwrap();
    let vs = made_store(&server, &["--name", "d"], &tmp.path().join("empty"));
    let plan = |extra: &[&str]| {
        let out = run(openai(&server)
            .args(["store", "sync", "--dry-run", &vs])
            .args(extra)
            .arg(&docs));
        assert_eq!(out.code, 0, "{extra:?}: {}", out.stderr);
        out.stdout
    };
    assert_eq!(
        plan(&["--include", "*.md"]),
        "add\ta.md\nadd\tdrafts/plan.md\nadd\tguide/g.md\nwould add 3, replace 0, remove 0; 0 unchanged\n"
    );
    assert_eq!(
        plan(&["--include", "*.md", "--hidden"]),
        "add\t.hidden.md\nadd\ta.md\nadd\tdrafts/plan.md\nadd\tguide/g.md\nwould add 4, replace 0, remove 0; 0 unchanged\n"
    );
    // an excluded folder is not walked; excludes win over includes
    assert_eq!(
        plan(&[
            "--exclude",
            "drafts",
            "--include",
            "*.md",
            "--exclude",
            "g.md"
        ]),
        "add\ta.md\nwould add 1, replace 0, remove 0; 0 unchanged\n"
    );
    // a dry run that finds nothing to do still says it changed nothing
    assert_eq!(
        plan(&["--include", "*.pdf"]),
        "would add 0, replace 0, remove 0; 0 unchanged\n"
    );
}

#[test]
fn an_interrupt_while_old_versions_are_taken_out_ends_the_sync_at_once() {
    // Replacing many files ends with a request or two per old version; Ctrl-C there must
    // stop asst, not wait for every one of them (nor be swallowed).
    use std::sync::atomic::{AtomicBool, Ordering};
    let api = Arc::new(Mutex::new(Api::with_batches()));
    let (a, slow) = (api.clone(), Arc::new(AtomicBool::new(true)));
    let slow_deletes = slow.clone();
    let server = Server::start(move |r| {
        if r.method == "DELETE" && slow_deletes.load(Ordering::SeqCst) {
            std::thread::sleep(std::time::Duration::from_secs(3));
        }
        a.lock().unwrap().handle(r)
    });
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    let names: Vec<String> = (0..4).map(|i| format!("f{i}.md")).collect();
    for n in &names {
        write(&docs, &[(n.as_str(), "v1")]);
    }
    let vs = made_store(&server, &["--name", "kb"], &docs);
    for n in &names {
        write(&docs, &[(n.as_str(), "v2")]);
    }
    let deletes = || {
        server
            .requests()
            .iter()
            .filter(|r| r.method == "DELETE")
            .count()
    };
    let child = crate::spawn(
        &server,
        &["store", "sync", "-q", &vs, docs.to_str().unwrap()],
        &[],
    );
    let crate::Stopped {
        status,
        stderr,
        took,
        ..
    } = crate::signal_when(child, "INT", "a take-out", || deletes() > 0);
    assert_eq!(status, 130, "{stderr}");
    assert!(took < std::time::Duration::from_secs(2), "took {took:?}");
    // the first request was cut: four old versions, one of them perhaps out already
    assert!(
        stderr.contains(&format!(
            "asst: error: interrupted: {vs} holds the new files; 4 files it should no longer hold are still in it\n"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains("asst: hint: the same command again takes them out\n"),
        "{stderr}"
    );
    // and so it does
    slow.store(false, Ordering::SeqCst);
    let out = run(openai(&server)
        .args(["store", "sync", "-q", &vs])
        .arg(&docs));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let stored = store_paths(&api, &vs);
    assert_eq!(stored.len(), 4, "{stored:?}");
    assert!(stored.iter().all(|(_, c)| c == "v2"), "{stored:?}");
}

#[test]
fn an_interrupt_while_the_attachment_store_is_processed_asks_nothing_and_deletes_the_files() {
    // The wait for the attachment store can be long (a large PDF); Ctrl-C there must end
    // asst, not be swallowed until the question is asked anyway.
    let api = Arc::new(Mutex::new(Api::default()));
    let a = api.clone();
    let server = Server::start(move |r| {
        if r.path() == "/v1/responses" {
            return Reply::sse(answer_stream(&[Piece::Text("asked anyway")]));
        }
        let mut api = a.lock().unwrap();
        let reply = api.handle(r);
        // the store never finishes processing
        if r.method == "GET" && r.path().starts_with("/v1/vector_stores/vs_") {
            if let Reply::Json(200, body) = &reply {
                let mut store: Value = serde_json::from_str(body).unwrap();
                store["file_counts"]["in_progress"] = json!(1);
                store["file_counts"]["completed"] = json!(0);
                return Reply::ok(store.to_string());
            }
        }
        reply
    });
    let (_dir, paths) = docs("attach-wait", &[("big.pdf", "%PDF long")]);
    let polls = || {
        server
            .requests()
            .iter()
            .filter(|r| r.method == "GET" && r.path().starts_with("/v1/vector_stores/"))
            .count()
    };
    let took = interrupt_attach(
        &server,
        &api,
        &paths[0],
        ("a poll of the store", &|| polls() > 0),
        "asst: error: interrupted while the attached files were processed; the 1 uploaded was deleted",
    );
    assert!(took < std::time::Duration::from_secs(2), "took {took:?}");
    // Waited out: the same, and it says what it waited for (not "the answer").
    let out = run(openai(&server).env("ASST_IDLE_TIMEOUT", "1").args([
        "ask",
        "-t",
        "conv_1",
        "--attach",
        paths[0].to_str().unwrap(),
        "q",
    ]));
    assert_eq!(out.code, 6, "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "asst: error: the attached files were still being processed when asst stopped waiting; the 1 uploaded was deleted\nasst: hint: --idle-timeout SECONDS waits longer\n"
        ),
        "{}",
        out.stderr
    );
    assert!(api.lock().unwrap().files.is_empty());
    assert!(!server
        .requests()
        .iter()
        .any(|r| r.path() == "/v1/responses"));
}

#[test]
fn an_interrupt_while_the_attachment_store_is_made_is_not_lost() {
    // Between two phases of --attach (the uploads, then the wait for processing) asst sends
    // one request that nothing races: a Ctrl-C during it must still stop the question.
    let api = Arc::new(Mutex::new(Api::default()));
    let server = store_creation_hangs(api.clone());
    let (_dir, paths) = docs("attach-make", &[("notes.md", "refunds")]);
    let making = || making_a_store(&server);
    let took = interrupt_attach(
        &server,
        &api,
        &paths[0],
        ("the store's creation", &making),
        "asst: error: interrupted while the attachment store was made; the 1 uploaded was deleted",
    );
    assert!(took < std::time::Duration::from_secs(2), "took {took:?}");
}

/// The API of `api`, except that `POST /v1/vector_stores` never answers (and a question
/// asked all the same is answered).
fn store_creation_hangs(api: Arc<Mutex<Api>>) -> Server {
    Server::start(move |r| {
        if r.path() == "/v1/responses" {
            return Reply::sse(answer_stream(&[Piece::Text("asked anyway")]));
        }
        if r.method == "POST" && r.path() == "/v1/vector_stores" {
            return Reply::Hang;
        }
        api.lock().unwrap().handle(r)
    })
}

/// Whether asst has asked `server` to make a store.
fn making_a_store(server: &Server) -> bool {
    server.lines().iter().any(|l| l == "POST /v1/vector_stores")
}

/// `ask --attach PATH q`, interrupted once `ready`: it must end by the signal with `error`,
/// ask nothing and delete its upload. How long it took after the signal.
fn interrupt_attach(
    server: &Server,
    api: &Mutex<Api>,
    path: &std::path::Path,
    (what, ready): (&str, &dyn Fn() -> bool),
    error: &str,
) -> std::time::Duration {
    let args = [
        "ask",
        "-t",
        "conv_1",
        "--attach",
        path.to_str().unwrap(),
        "q",
    ];
    // Short enough that a wait the signal does not end shows in the time it took.
    let child = crate::spawn(server, &args, &[("ASST_IDLE_TIMEOUT", "5")]);
    let crate::Stopped {
        status,
        stderr,
        took,
        ..
    } = crate::signal_when(child, "INT", what, ready);
    assert_eq!(status, 130, "{stderr}");
    assert!(stderr.contains(error), "{stderr}");
    assert!(
        !server
            .requests()
            .iter()
            .any(|r| r.path() == "/v1/responses"),
        "nothing asked"
    );
    assert!(api.lock().unwrap().files.is_empty(), "the upload is gone");
    took
}

#[test]
fn an_interrupt_while_store_create_makes_the_store_ends_at_once() {
    let api = Arc::new(Mutex::new(Api::with_batches()));
    let server = store_creation_hangs(api.clone());
    let (dir, _) = docs("create-hang", &[("a.md", "refunds")]);
    let making = || making_a_store(&server);
    // Through a key command, so that asst listens for signals before the store is made
    // (before that, a signal ends it by its default action: nothing to clean up).
    let key_cmd = format!("echo {KEY}");
    let env = [
        ("ASST_IDLE_TIMEOUT", "5"),
        ("OPENAI_API_KEY", ""),
        ("ASST_API_KEY_CMD", &key_cmd),
    ];
    let folder = dir.path().to_str().unwrap();
    let args = ["store", "create", "--name", "kb", folder];
    let child = crate::spawn(&server, &args, &env);
    let crate::Stopped {
        status,
        stderr,
        took,
        ..
    } = crate::signal_when(child, "INT", "the store's creation", making);
    assert_eq!(status, 130, "{stderr}");
    assert!(took < std::time::Duration::from_secs(2), "took {took:?}");
    assert_eq!(
        stderr,
        "asst: error: interrupted while the store was made; nothing was uploaded\nasst: hint: the server may have made it all the same: asst store list shows the stores\n"
    );
    assert_eq!(uploads(&server), 0);
}

/// A store whose own lookup (`GET /v1/vector_stores/{id}`) answers `reply` once `broken`
/// is set; everything else as the API does.
fn store_lookup_server(
    reply: fn() -> Reply,
) -> (Arc<Mutex<Api>>, Server, Arc<std::sync::atomic::AtomicBool>) {
    use std::sync::atomic::{AtomicBool, Ordering};
    let api = Arc::new(Mutex::new(Api::with_batches()));
    let broken = Arc::new(AtomicBool::new(false));
    let (a, b) = (api.clone(), broken.clone());
    let server = Server::start(move |r| {
        let lookup = r.method == "GET"
            && r.path().starts_with("/v1/vector_stores/vs_")
            && r.path().matches('/').count() == 3;
        if lookup && b.load(Ordering::SeqCst) {
            return reply();
        }
        a.lock().unwrap().handle(r)
    });
    (api, server, broken)
}

#[test]
fn a_sync_whose_store_cannot_be_read_afterwards_still_ends_with_its_summary() {
    // Everything is done; only the store's counts for the last line are missing. The line
    // that scripts read must not be lost with them.
    let (_api, server, broken) = store_lookup_server(|| {
        Reply::Json(
            500,
            json!({"error": {"message": "The server had an error while processing your request.", "type": "server_error", "param": null, "code": null}}).to_string(),
        )
    });
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    write(&docs, &[("a.md", "v1")]);
    let vs = made_store(&server, &["--name", "kb"], &docs);
    write(&docs, &[("b.md", "new")]);
    broken.store(true, std::sync::atomic::Ordering::SeqCst);
    let out = run(openai(&server)
        .env("ASST_MAX_RETRIES", "0")
        .args(["store", "sync", "-q", &vs])
        .arg(&docs));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "added 1, replaced 0, removed 0, unchanged 1, failed 0\n"
    );
    assert_eq!(
        out.stderr,
        format!("asst: could not read {vs} after the changes: the server failed: The server had an error while processing your request (HTTP 500)\n")
    );
    // In JSON the store event is still the last: its id, and no counts it does not have.
    write(&docs, &[("c.md", "newer")]);
    let out = run(openai(&server)
        .env("ASST_MAX_RETRIES", "0")
        .args(["--json", "store", "sync", "-q", &vs])
        .arg(&docs));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let events = out.events();
    let last = events.last().unwrap();
    assert_eq!(last["type"], "store", "{}", out.stdout);
    assert_eq!(last["id"], vs.as_str());
    assert!(last.get("file_counts").is_none(), "{last}");
}

#[test]
fn an_interrupt_while_a_sync_reads_its_store_afterwards_ends_at_once_with_the_summary() {
    let (_api, server, broken) = store_lookup_server(|| Reply::Hang);
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    write(&docs, &[("a.md", "v1")]);
    let vs = made_store(&server, &["--name", "kb"], &docs);
    write(&docs, &[("a.md", "v2")]);
    broken.store(true, std::sync::atomic::Ordering::SeqCst);
    let lookups = || {
        server
            .lines()
            .iter()
            .filter(|l| **l == format!("GET /v1/vector_stores/{vs}"))
            .count()
    };
    let before = lookups();
    let args = ["store", "sync", "-q", &vs, docs.to_str().unwrap()];
    let child = crate::spawn(&server, &args, &[("ASST_IDLE_TIMEOUT", "5")]);
    let mut child = child;
    let stdout = child.stdout.take().unwrap();
    let crate::Stopped {
        status,
        stderr,
        took,
        ..
    } = crate::signal_when(child, "INT", "the store's lookup", || lookups() > before);
    let printed = std::io::read_to_string(stdout).unwrap();
    assert_eq!(status, 130, "{stderr}");
    assert!(took < std::time::Duration::from_secs(2), "took {took:?}");
    assert_eq!(
        printed,
        "added 0, replaced 1, removed 0, unchanged 0, failed 0\n"
    );
    assert_eq!(
        stderr,
        format!("asst: error: interrupted after the changes, while {vs} was read\n")
    );
}

#[test]
fn an_interrupt_while_the_server_processes_counts_what_the_store_should_no_longer_hold() {
    use std::sync::atomic::{AtomicBool, Ordering};
    let api = Arc::new(Mutex::new(Api::with_batches()));
    let (a, stuck) = (api.clone(), Arc::new(AtomicBool::new(false)));
    let stuck_batches = stuck.clone();
    let server = Server::start(move |r| {
        if stuck_batches.load(Ordering::SeqCst)
            && r.method == "GET"
            && r.path().contains("/file_batches/")
        {
            let id = r.path().rsplit('/').next().unwrap().to_string();
            return Reply::ok(
                json!({"id": id, "status": "in_progress", "file_counts": {"in_progress": 1, "completed": 0, "failed": 0, "cancelled": 0, "total": 1}})
                    .to_string(),
            );
        }
        a.lock().unwrap().handle(r)
    });
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    write(&docs, &[("a.md", "v1")]);
    let vs = made_store(&server, &["--name", "kb"], &docs);
    write(&docs, &[("a.md", "v2")]);
    stuck.store(true, Ordering::SeqCst);
    let polls = || {
        server
            .requests()
            .iter()
            .filter(|r| r.method == "GET" && r.path().contains("/file_batches/"))
            .count()
    };
    let before = polls();
    let child = crate::spawn(
        &server,
        &["store", "sync", "-q", &vs, docs.to_str().unwrap()],
        &[],
    );
    let crate::Stopped { status, stderr, .. } =
        crate::signal_when(child, "TERM", "a poll of the batch", || polls() > before);
    assert_eq!(status, 143, "{stderr}");
    assert!(
        stderr.contains(&format!(
            "asst: error: terminated: the files are uploaded into {vs}, which was still processing them; 1 file it should no longer hold is still in it\nasst: hint: the same command again takes them out\n"
        )),
        "{stderr}"
    );
    // both versions are in; the same command keeps the new one and takes out the old
    assert_eq!(store_paths(&api, &vs).len(), 2);
    stuck.store(false, Ordering::SeqCst);
    let out = run(openai(&server)
        .args(["store", "sync", "-q", &vs])
        .arg(&docs));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        store_paths(&api, &vs),
        [("a.md".to_string(), "v2".to_string())]
    );
}

#[test]
fn a_file_new_by_its_path_that_the_store_may_hold_by_another_is_named() {
    // CI syncs docs/ (paths relative to it); someone then adds docs/a.md by hand. That is a
    // second path, so both versions are searched: asst cannot know it is the same file, but
    // it can say what it sees.
    let (api, server) = batch_api();
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    write(&docs, &[("a b.md", "v1"), ("b.md", "b")]);
    let vs = made_store(&server, &["--name", "kb"], &docs);
    write(&docs, &[("a b.md", "v2")]);
    let given = docs.join("a b.md");
    let out = run(openai(&server)
        .args(["store", "add", "-q", &vs])
        .arg(&given));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let key = given.display().to_string();
    assert_eq!(
        out.stderr,
        format!("asst: {key}: {vs} also holds a b.md (the same file by another path?); both are searched, and asst store rm-file {vs} 'a b.md' takes that one out\n")
    );
    assert_eq!(store_paths(&api, &vs).len(), 3);
    // The command the notice gives does what it says, quoted as a shell needs it.
    let out = run(openai(&server).args(["store", "rm-file", &vs, "a b.md"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let paths: Vec<String> = store_paths(&api, &vs).into_iter().map(|(p, _)| p).collect();
    assert_eq!(paths, [key.clone(), "b.md".to_string()]);
    // The other way round: a sync of the folder after a file of it was added by itself.
    std::fs::copy(docs.join("a b.md"), docs.join("a.md")).unwrap();
    let (_api2, server2) = batch_api();
    std::fs::create_dir_all(tmp.path().join("one")).unwrap();
    let vs2 = made_store(&server2, &["--name", "kb2"], &tmp.path().join("one"));
    let out = run(openai(&server2).current_dir(tmp.path()).args([
        "store",
        "add",
        "-q",
        &vs2,
        "docs/a.md",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let out = run(openai(&server2)
        .current_dir(tmp.path())
        .args(["store", "sync", "-q", &vs2, "./docs/"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stderr,
        format!("asst: a.md: {vs2} also holds docs/a.md (the same file by another path?); both are searched, and asst store rm-file {vs2} docs/a.md takes that one out\n")
    );
    // Again, now that the store has that path; and a path no other ends: nothing said.
    write(tmp.path(), &[("notes/c.md", "c")]);
    let out = run(openai(&server)
        .args(["store", "add", "-q", &vs])
        .arg(&given)
        .arg(tmp.path().join("notes/c.md")));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stderr, "");
}

#[test]
fn adding_a_folder_again_names_ten_skipped_files_and_counts_the_rest() {
    // store add VS docs/ once more: a line per unchanged file would bury what matters.
    let (_api, server) = batch_api();
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    for i in 0..13 {
        write(&docs, &[(format!("n{i:02}.md").as_str(), "same")]);
    }
    let vs = made_store(&server, &["--name", "d"], &docs);
    let out = run(openai(&server).args(["store", "add", &vs]).arg(&docs));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(lines.len(), 11, "{}", out.stderr);
    assert_eq!(lines[0], format!("asst: n00.md: already in {vs}, skipped"));
    assert_eq!(lines[9], format!("asst: n09.md: already in {vs}, skipped"));
    assert_eq!(
        lines[10],
        format!("asst: and 3 more files already in {vs}, skipped")
    );
}

#[test]
fn show_looks_up_the_names_of_files_made_elsewhere_four_at_a_time() {
    // A store made in the dashboard or by another tool: its files carry no asst_path, so
    // each name is a Files API lookup. One after the other, 500 files take over a minute.
    use std::sync::atomic::Ordering;
    let api = Arc::new(Mutex::new(Api::default()));
    let (server, peak) = slow_server(&api, |r| {
        r.method == "GET" && r.path().starts_with("/v1/files/")
    });
    let names: Vec<String> = (0..10).map(|i| format!("made-elsewhere-{i}.pdf")).collect();
    {
        let mut a = api.lock().unwrap();
        let mut held = Vec::new();
        for (i, n) in names.iter().enumerate() {
            let id = format!("file-x{i}");
            a.files.insert(id.clone(), (n.clone(), b"pdf".to_vec()));
            held.push((id, json!({}), 5));
        }
        a.store_files.insert("vs_dash".into(), held);
        a.stores.insert(
            "vs_dash".into(),
            json!({"id": "vs_dash", "object": "vector_store", "name": "dashboard", "status": "completed", "created_at": 1, "usage_bytes": 30}),
        );
    }
    let out = run(openai(&server).args(["store", "show", "vs_dash"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let shown: Vec<String> = out
        .stdout
        .lines()
        .skip(1)
        .map(|l| l.rsplit('\t').next().unwrap().to_string())
        .collect();
    assert_eq!(shown, names, "the store's order, each with its name");
    assert_eq!(peak.load(Ordering::SeqCst), 4, "lookups in flight at most");
}

#[test]
fn old_versions_are_taken_out_four_at_a_time() {
    // Replacing a thousand files ends with two thousand requests: one after the other they
    // would take longer than the uploads, which go four at a time.
    use std::sync::atomic::Ordering;
    let api = Arc::new(Mutex::new(Api::with_batches()));
    let (server, peak) = slow_server(&api, |r| r.method == "DELETE");
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    let names: Vec<String> = (0..10).map(|i| format!("f{i}.md")).collect();
    for n in &names {
        write(&docs, &[(n.as_str(), "v1")]);
    }
    let vs = made_store(&server, &["--name", "kb"], &docs);
    for n in &names {
        write(&docs, &[(n.as_str(), "v2")]);
    }
    let out = run(openai(&server)
        .args(["store", "sync", "--json", &vs])
        .arg(&docs));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(peak.load(Ordering::SeqCst), 4, "DELETEs in flight at most");
    let stored = store_paths(&api, &vs);
    assert_eq!(stored.len(), 10);
    assert!(stored.iter().all(|(_, c)| c == "v2"), "{stored:?}");
    // the events keep the plan's order
    assert_eq!(out.of_files("path"), names);
    // so does deleting a store with its files
    peak.store(0, Ordering::SeqCst);
    let out = run(openai(&server).args(["store", "rm", "--with-files", "--json", &vs]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(peak.load(Ordering::SeqCst), 4, "DELETEs in flight at most");
    let deleted: Vec<String> = out
        .events()
        .iter()
        .map(|e| e["object"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(deleted.len(), 11, "the store, then each file: {deleted:?}");
    assert!(api.lock().unwrap().files.is_empty());
}

/// A store with no files, as the server has it.
fn empty_store(api: &Arc<Mutex<Api>>, id: &str) {
    let mut api = api.lock().unwrap();
    api.store_files.insert(id.to_string(), Vec::new());
    let store = json!({"id": id, "object": "vector_store", "name": "kb", "status": "completed", "created_at": 1_700_000_000, "usage_bytes": 0});
    api.stores.insert(id.to_string(), store);
}

/// A folder whose one file has a path the store cannot keep as `asst_path`.
fn folder_with(rel: &std::path::Path) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), &[("ok.md", "fine")]);
    let path = tmp.path().join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, "kept out").unwrap();
    tmp
}

#[test]
fn a_path_longer_than_an_attribute_holds_is_refused_before_any_byte_is_sent() {
    // Six folders of 100 characters: 600 and more, where an attribute holds 512.
    let deep: PathBuf = (0..6)
        .map(|i| format!("{i}{}", "x".repeat(99)))
        .chain(["note.md".to_string()])
        .collect();
    let tmp = folder_with(&deep);
    for args in [&["store", "sync", "vs_1"][..], &["store", "add", "vs_1"]] {
        let (api, server) = batch_api();
        empty_store(&api, "vs_1");
        let out = run(openai(&server).args(args).arg(tmp.path()));
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        let line = out.stderr.lines().next().unwrap();
        assert!(
            line.contains("note.md") && line.contains("613 characters") && line.contains("512"),
            "{line}"
        );
        assert!(server.requests().is_empty(), "{args:?}: nothing sent");
    }
    // Named on the command line, the path is the one given.
    let (api, server) = batch_api();
    empty_store(&api, "vs_1");
    let out = run(openai(&server)
        .args(["store", "add", "vs_1"])
        .arg(tmp.path().join(&deep)));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("at most 512"), "{}", out.stderr);
    assert!(server.requests().is_empty());
}

#[cfg(unix)]
#[test]
fn a_path_that_is_not_utf8_is_refused_by_name_before_any_byte_is_sent() {
    use std::os::unix::ffi::OsStrExt;
    // "café" in Latin-1, as an old file share names it: in a folder's name, then a file's.
    let latin1 = std::ffi::OsStr::from_bytes(b"caf\xe9");
    for rel in [
        std::path::Path::new(latin1).join("menu.md"),
        std::path::Path::new("menus").join(latin1),
    ] {
        let tmp = folder_with(&rel);
        let (api, server) = batch_api();
        empty_store(&api, "vs_1");
        let out = run(openai(&server)
            .args(["store", "sync", "vs_1"])
            .arg(tmp.path()));
        assert_eq!(out.code, 2, "{rel:?}: {}", out.stderr);
        assert!(
            out.stderr.contains("caf\u{FFFD}") && out.stderr.contains("not UTF-8"),
            "{rel:?}: {}",
            out.stderr
        );
        assert!(out.stderr.contains("--exclude"), "{}", out.stderr);
        assert!(server.requests().is_empty(), "{rel:?}: nothing sent");
    }
}

#[test]
fn uploads_the_store_refuses_are_deleted_and_said_to_be_not_added() {
    let (api, server) = batch_api();
    empty_store(&api, "vs_1");
    api.lock().unwrap().refuse_batches = true;
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), &[("a.md", "a"), ("b.md", "b")]);
    let out = run(openai(&server)
        .args(["store", "sync", "vs_1"])
        .arg(tmp.path()));
    assert_eq!(out.code, 1, "{}", out.stderr);
    let line = out.error_line();
    assert!(
        line.contains("2 of 2 files were uploaded but not added to vs_1")
            && line.contains("a.md: Unrecognized request argument supplied: files"),
        "{line}"
    );
    assert_eq!(uploads(&server), 2);
    // Nothing is left in the Files list that no store holds.
    assert!(api.lock().unwrap().files.is_empty(), "{}", out.stderr);
    assert!(store_paths(&api, "vs_1").is_empty());
}

/// What a store cannot keep as a path, a question's attachment can be: it has no path.
#[cfg(unix)]
#[test]
fn an_attachment_needs_no_path_a_store_could_keep() {
    use std::os::unix::ffi::OsStrExt;
    let api = Arc::new(Mutex::new(Api::default()));
    let server = api_server(api.clone(), |_| {
        Reply::sse(answer_stream(&[Piece::Text("Clause 9.")]))
    });
    let deep: PathBuf = (0..6)
        .map(|i| format!("{i}{}", "x".repeat(99)))
        .chain(["contract.pdf".to_string()])
        .collect();
    let latin1 = std::path::Path::new(std::ffi::OsStr::from_bytes(b"caf\xe9")).join("menu.md");
    for rel in [deep, latin1] {
        let tmp = folder_with(&rel);
        let out = run(openai(&server)
            .args(["ask", "-t", "conv_1", "--attach"])
            .arg(tmp.path().join(&rel))
            .arg("summarise it"));
        assert_eq!(out.code, 0, "{rel:?}: {}", out.stderr);
        assert_eq!(out.stdout, "Clause 9.\n");
    }
    assert_eq!(uploads(&server), 2);
}

#[test]
fn a_name_for_standard_input_longer_than_a_path_may_be_is_refused_before_reading_it() {
    let (api, server) = batch_api();
    empty_store(&api, "vs_1");
    let name = "n".repeat(513);
    // A standard input that never ends: reading it first would hang.
    let mut child = crate::piped(env!("CARGO_BIN_EXE_asst"), &server)
        .args(["store", "add", "vs_1", "-", "--name", &name])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let _stdin = child.stdin.take();
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > std::time::Duration::from_secs(10) {
            child.kill().unwrap();
            panic!("asst read standard input before it refused the name");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = crate::Output::from(child.wait_with_output().unwrap());
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("513 characters"), "{}", out.stderr);
    assert!(server.requests().is_empty());
}

/// A synced folder's files are known by their paths within it: `rm-file VS docs/a.md`
/// after `sync VS docs` names no file, and the error says which one it may mean; `./a.md`
/// is `a.md`, as `store add` keys it.
#[test]
fn rm_file_by_a_path_from_elsewhere_says_which_path_the_store_has() {
    let (api, server) = batch_api();
    let tmp = tempfile::tempdir().unwrap();
    write(
        &tmp.path().join("docs"),
        &[("a.md", "a"), ("guide/b.md", "b")],
    );
    let vs = made_store(&server, &["--name", "kb"], &tmp.path().join("docs"));
    let out = run(openai(&server).args(["store", "rm-file", &vs, "docs/guide/b.md"]));
    assert_eq!(out.code, 4, "{}", out.stderr);
    assert!(
        out.stderr
            .contains(&format!("{vs} has no file docs/guide/b.md")),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains(
            "asst: hint: it has guide/b.md (a folder's files are known by their paths within it)"
        ),
        "{}",
        out.stderr
    );
    let out = run(openai(&server).args(["store", "rm-file", &vs, "./a.md"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let paths: Vec<String> = store_paths(&api, &vs).into_iter().map(|p| p.0).collect();
    assert_eq!(paths, ["guide/b.md"]);
}

/// The Files API refuses an empty file ("File is empty."), so a sync of a folder with a
/// `touch`ed placeholder failed on it at every run. An empty file in a folder is left out,
/// with a notice, and is as gone (`--delete` takes out what it was); one named on the
/// command line, or empty standard input, is a usage error before anything is sent.
#[test]
fn empty_files_are_left_out_of_a_folder_and_refused_by_name() {
    let (api, server) = batch_api();
    let tmp = tempfile::tempdir().unwrap();
    write(
        tmp.path(),
        &[("a.md", "a"), ("TODO.md", "todo"), ("sub/b.md", "b")],
    );
    std::fs::write(tmp.path().join("placeholder.md"), "").unwrap();
    let vs = made_store(&server, &["--name", "kb"], tmp.path());
    assert_eq!(
        store_paths(&api, &vs)
            .into_iter()
            .map(|p| p.0)
            .collect::<Vec<_>>(),
        ["TODO.md", "a.md", "sub/b.md"]
    );
    // TODO.md emptied: with --delete, its old text leaves the store.
    std::fs::write(tmp.path().join("TODO.md"), "").unwrap();
    let out = run(openai(&server)
        .args(["store", "sync", &vs, "--delete"])
        .arg(tmp.path()));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("2 empty files left out (the Files API takes no empty file)"),
        "{}",
        out.stderr
    );
    assert!(out.stdout.contains("removed 1"), "{}", out.stdout);
    assert_eq!(
        store_paths(&api, &vs)
            .into_iter()
            .map(|p| p.0)
            .collect::<Vec<_>>(),
        ["a.md", "sub/b.md"]
    );
    let sent = server.requests().len();
    let out = run(openai(&server)
        .args(["store", "add", &vs])
        .arg(tmp.path().join("placeholder.md")));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("placeholder.md is empty"),
        "{}",
        out.stderr
    );
    let out = run(openai(&server)
        .args(["store", "add", &vs, "-"])
        .write_stdin(""));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("standard input is empty"),
        "{}",
        out.stderr
    );
    assert_eq!(server.requests().len(), sent, "nothing sent");
}

/// A key that may list a store but not upload gets the same 403 for every file: the sync
/// stops starting uploads at the first, and its one error line names a few files and
/// counts the rest, instead of sending all of them and listing every one.
#[test]
fn a_key_that_may_not_upload_stops_the_uploads_at_the_first_refusal() {
    let (api, server) = batch_api();
    empty_store(&api, "vs_1");
    api.lock().unwrap().refuse_uploads = true;
    let tmp = tempfile::tempdir().unwrap();
    let files: Vec<(String, String)> = (0..300)
        .map(|i| (format!("d{}/n{i}.md", i % 7), format!("note {i}")))
        .collect();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, c)| (p.as_str(), c.as_str()))
        .collect();
    write(tmp.path(), &refs);
    let out = run(openai(&server)
        .args(["store", "sync", "-q", "vs_1"])
        .arg(tmp.path()));
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert!(
        uploads(&server) <= 4,
        "{} uploads refused alike",
        uploads(&server)
    );
    let line = out.error_line();
    assert!(
        line.starts_with("asst: error: 300 of 300 files were not uploaded: "),
        "{line}"
    );
    assert!(
        line.contains("not allowed") && line.contains("and 290 more"),
        "{line}"
    );
    assert!(line.len() < 3000, "{} characters", line.len());
    // the hint is the key's: what to put right first, not 300 paths to add again
    assert!(
        out.stderr
            .contains("asst: hint: give the key the permission the message names"),
        "{}",
        out.stderr
    );
    assert_eq!(out.stderr.lines().count(), 2, "{}", out.stderr);
}

/// A FIFO or a socket in a synced folder is no file to upload (a FIFO has no end to read
/// to): left out, as ripgrep leaves them, but with a notice that counts them, as for links
/// and empty files, since nothing is left out without a word.
#[test]
fn special_files_in_a_folder_are_left_out_with_a_notice() {
    let api = Arc::new(Mutex::new(Api::default()));
    let server = api_server(api, no_responses);
    let (dir, _) = docs("special", &[("guide.md", "the guide")]);
    let folder = dir.path().to_path_buf();
    let fifo = folder.join("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let _socket = std::os::unix::net::UnixListener::bind(folder.join("sock")).unwrap();
    let out = run(openai(&server)
        .args(["store", "create", "--dry-run", "--name", "kb"])
        .arg(&folder));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "add\tguide.md\nwould add 1, replace 0, remove 0; 0 unchanged\n"
    );
    assert_eq!(
        out.stderr,
        format!(
            "asst: {}: 2 special files left out (FIFOs, sockets or devices: nothing to upload)\n",
            folder.display()
        )
    );
    let out = run(openai(&server)
        .args(["store", "create", "--dry-run", "-q", "--name", "kb"])
        .arg(&folder));
    assert_eq!(out.stderr, "", "quiet means quiet");
}

/// `ask --attach` takes the chunk options `store create` takes: the attachment store is made
/// with them (`chunking_strategy` beside its `file_ids`). Without --attach, or with
/// Assistants (the files ride on the message, which takes no chunking), they are refused
/// before anything is sent.
#[test]
fn attached_files_are_cut_into_the_chunks_asked_for() {
    let api = Arc::new(Mutex::new(Api::default()));
    let server = api_server(api.clone(), |_| {
        Reply::sse(answer_stream(&[Piece::Text("ok")]))
    });
    let (_dir, paths) = docs("chunks", &[("contract.pdf", "%PDF clause nine")]);
    let file = paths[0].to_str().unwrap();
    let out = run(openai(&server).args([
        "ask",
        "-t",
        "conv_1",
        "--attach",
        file,
        "--chunk-size",
        "300",
        "q",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let store = server
        .requests()
        .iter()
        .find(|r| r.line() == "POST /v1/vector_stores")
        .unwrap()
        .json();
    assert_eq!(
        store["chunking_strategy"],
        json!({"type": "static", "static": {"max_chunk_size_tokens": 300, "chunk_overlap_tokens": 150}})
    );
    let before = server.requests().len();
    for args in [
        &["ask", "-t", "conv_1", "--chunk-size", "300", "q"][..],
        &[
            "ask",
            "-t",
            "conv_1",
            "--attach",
            file,
            "--chunk-overlap",
            "500",
            "q",
        ],
        &[
            "ask",
            "-t",
            "thread_1",
            "--assistant",
            "asst_1",
            "--attach",
            file,
            "--chunk-size",
            "300",
            "q",
        ],
    ] {
        let out = run(openai(&server).args(args));
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
    }
    assert_eq!(server.requests().len(), before, "nothing sent");
}

/// A store and its files as a server that prints every optional field writes them: the
/// `null`s read as missing, and every store command that lists files still works.
#[test]
fn a_store_listing_with_nulls_is_read_for_what_it_has() {
    let server = Server::start(|r| {
        if r.path().ends_with("/files") {
            return Reply::ok(
                json!({"object": "list", "data": [
                    {"id": "file-1", "object": "vector_store.file", "status": null, "usage_bytes": null, "created_at": null, "vector_store_id": null, "last_error": null, "attributes": null, "chunking_strategy": null}
                ], "first_id": null, "last_id": null, "has_more": null})
                .to_string(),
            );
        }
        Reply::ok(
            json!({"id": "vs_x", "object": "vector_store", "name": null, "status": null, "created_at": null, "usage_bytes": null, "file_counts": null, "expires_at": null, "expires_after": null, "metadata": null})
                .to_string(),
        )
    });
    let out = run(openai(&server).args(["store", "show", "vs_x"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", out.stdout);
    assert!(lines[0].starts_with("vs_x\t"), "{}", out.stdout);
    assert!(lines[1].starts_with("  file-1\t"), "{}", out.stdout);
    let out = run(openai(&server).args(["--json", "store", "show", "vs_x"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.events()[0]["file_counts"]["total"], 0, "{}", out.stdout);
}

#[test]
fn numbers_written_as_strings_or_floats_read_for_what_they_hold() {
    // Gateways that re-serialize through a language without 64-bit integers write big
    // counts as strings ("1024") or floats (1024.0). A number asst only shows is read for
    // what it holds; one it cannot read (an object, "lots") is shown as missing, and the
    // listing still works.
    let server = Server::start(|r| {
        if r.path().ends_with("/files") {
            return Reply::ok(
                json!({"object": "list", "data": [
                    {"id": "file-1", "object": "vector_store.file", "status": "completed", "usage_bytes": "2048", "created_at": 1.7e9},
                    {"id": "file-2", "object": "vector_store.file", "status": "completed", "usage_bytes": 512.0, "created_at": "1700000000"},
                    {"id": "file-3", "object": "vector_store.file", "status": "completed", "usage_bytes": {"n": 1}, "created_at": "soon"}
                ], "has_more": false})
                .to_string(),
            );
        }
        Reply::ok(
            json!({"id": "vs_x", "object": "vector_store", "name": "docs", "status": "completed",
                   "created_at": "1700000000", "usage_bytes": "2560", "expires_at": 1.7e9,
                   "file_counts": {"in_progress": "0", "completed": 3.0, "failed": 0, "cancelled": null, "total": "3"}})
                .to_string(),
        )
    });
    let out = run(openai(&server).args(["store", "show", "vs_x"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(
        lines[0], "vs_x\tdocs\tcompleted\t3 files\t2560\t2023-11-14T22:13:20Z",
        "{}",
        out.stdout
    );
    assert_eq!(lines[1], "  file-1\tcompleted\t2048\t-", "{}", out.stdout);
    assert_eq!(lines[2], "  file-2\tcompleted\t512\t-", "{}", out.stdout);
    assert_eq!(lines[3], "  file-3\tcompleted\t-\t-", "{}", out.stdout);
    let out = run(openai(&server).args(["--json", "store", "show", "vs_x"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let store = out
        .events()
        .into_iter()
        .find(|e| e["type"] == "store")
        .expect("a store event");
    assert_eq!(store["usage_bytes"], 2560, "{}", out.stdout);
    assert_eq!(store["created_at"], 1_700_000_000, "{}", out.stdout);
    assert_eq!(store["file_counts"]["total"], 3, "{}", out.stdout);
    assert_eq!(store["file_counts"]["completed"], 3, "{}", out.stdout);
}

#[test]
fn standard_input_being_spooled_leaves_nothing_behind_on_a_signal() {
    // `producer | asst store create -`: standard input is copied to a spool file before
    // the upload. A producer that stalls, then Ctrl-C or `timeout`: the command ends with
    // the signal's code, and what was piped in is not left in $TMPDIR.
    let server = Server::start(|_| Reply::Hang);
    for (args, signal, status) in [
        (vec!["store", "create", "--name", "notes", "-"], "INT", 130),
        (
            vec!["store", "add", "vs_1", "-", "--name", "notes.txt"],
            "TERM",
            143,
        ),
    ] {
        let spool = tempfile::tempdir().unwrap();
        let mut cmd = crate::piped(env!("CARGO_BIN_EXE_asst"), &server);
        cmd.env("TMPDIR", spool.path()).args(&args);
        let (child, stdin) = crate::fed(cmd, b"private notes\n");
        // The copy has begun: its file is there.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while std::fs::read_dir(spool.path()).unwrap().next().is_none() {
            assert!(
                std::time::Instant::now() < deadline,
                "{args:?}: no spool file"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
        crate::kill(&child, signal);
        let out = crate::ended_within(
            child,
            std::time::Duration::from_secs(5),
            &format!("{args:?}"),
        );
        drop(stdin);
        assert_eq!(out.code, status, "{args:?}: {}", out.stderr);
        let left: Vec<_> = std::fs::read_dir(spool.path()).unwrap().collect();
        assert!(left.is_empty(), "{args:?}: left behind {left:?}");
    }
    assert!(server.requests().is_empty());
}
