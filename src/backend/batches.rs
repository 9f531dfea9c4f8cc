//! The Batch API: a file of `/v1/responses` requests uploaded with `purpose=batch`, a job
//! made of it (`POST /batches`, completion window 24h), its status, and its output and
//! error files of JSON lines keyed by `custom_id`.

use crate::error::{Error, Result};
use crate::events::{number, Api, BatchInfo, RequestCounts};
use crate::http::{Download, Http};
use crate::upload::LocalFile;
use serde::Deserialize;
use serde_json::{json, Value};

/// The Batch API serves the current generation's paths (Azure: `/openai/v1/…`).
const API: Api = Api::Responses;

/// The most requests one job may hold, and the largest input file (the API's limits).
pub const MAX_REQUESTS: usize = 50_000;
pub const MAX_INPUT_BYTES: u64 = 200 * 1024 * 1024;

/// A job as the server describes it; every field may be missing.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Job {
    pub id: Option<String>,
    pub status: Option<String>,
    pub request_counts: Option<RequestCounts>,
    pub input_file_id: Option<String>,
    pub output_file_id: Option<String>,
    pub error_file_id: Option<String>,
    #[serde(deserialize_with = "number")]
    pub created_at: Option<i64>,
    errors: Option<Value>,
}

impl Job {
    pub fn info(&self, id: &str) -> BatchInfo {
        let errors = self
            .errors
            .as_ref()
            .and_then(|e| e.get("data"))
            .and_then(Value::as_array)
            .map(|list| {
                list.iter()
                    .map(|e| {
                        let text = |k: &str| e.get(k).and_then(Value::as_str).unwrap_or("");
                        let line = e.get("line").and_then(Value::as_u64);
                        let at = line.map(|n| format!("line {n}: ")).unwrap_or_default();
                        crate::http::one_line(
                            &format!("{at}{} ({})", text("message"), text("code")),
                            300,
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        BatchInfo {
            id: self.id.clone().unwrap_or_else(|| id.to_string()),
            status: self.status.clone(),
            request_counts: self.request_counts.clone().unwrap_or_default(),
            input_file_id: self.input_file_id.clone(),
            output_file_id: self.output_file_id.clone(),
            error_file_id: self.error_file_id.clone(),
            created_at: self.created_at,
            errors,
        }
    }

    /// Still going: its results are not there yet.
    pub fn running(&self) -> bool {
        matches!(
            self.status.as_deref(),
            Some("validating" | "in_progress" | "finalizing" | "cancelling")
        )
    }
}

/// Uploads the job's input file; returns its id.
pub async fn upload(http: &Http, file: &LocalFile) -> Result<String> {
    let sent = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let uploaded = super::files::upload_for(http, file, "batch", sent, None).await?;
    Ok(uploaded.id)
}

/// Creates the job over an uploaded input file.
pub async fn create(http: &Http, input_file_id: &str) -> Result<Job> {
    let body = json!({
        "input_file_id": input_file_id,
        "endpoint": "/v1/responses",
        "completion_window": "24h",
    });
    let job: Job = http.post(API, "/batches", &body).await?;
    if job.id.as_deref().is_none_or(str::is_empty) {
        return Err(Error::failed("the server created a batch without an id"));
    }
    Ok(job)
}

pub async fn get(http: &Http, id: &str) -> Result<Job> {
    http.get(API, &format!("/batches/{id}"), &[])
        .await
        .map_err(|e| e.naming(format!("batch {id}")))
}

/// Cancels a job: it goes `cancelling`, then `cancelled`, keeping what it finished.
pub async fn cancel(http: &Http, id: &str) -> Result<Job> {
    http.post_empty(API, &format!("/batches/{id}/cancel"))
        .await
        .map_err(|e| e.naming(format!("batch {id}")))
}

/// A file's content, to read piece by piece.
pub async fn content(http: &Http, file_id: &str) -> Result<Download> {
    crate::id::check(file_id, "file")?;
    http.download(API, &format!("/files/{file_id}/content"))
        .await
        .map_err(|e| e.naming(format!("file {file_id}")))
}

/// One line of an output or error file.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct OutputLine {
    pub custom_id: Option<String>,
    pub response: Option<OutputResponse>,
    pub error: Option<Value>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct OutputResponse {
    pub status_code: u16,
    /// The API's id for the request, for its support.
    pub request_id: Option<String>,
    pub body: Value,
}
