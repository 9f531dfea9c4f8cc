//! The one event model. Both API families produce these; every renderer consumes them.
//!
//! The serialized form is the `--json` output contract (schema version [`SCHEMA`]):
//! one JSON object per line with a `type` field. New event types and new fields may be
//! added without a version bump; scripts must ignore what they do not know.

use serde::Serialize;

/// For a wire field that a server may write as `null`: read as if it were missing (its
/// default). Servers built on models that print every optional field (Pydantic's default)
/// write `null` where the API leaves a field out; `Option` fields take it as they are.
pub fn nullable<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Default + serde::Deserialize<'de>,
{
    Ok(<Option<T> as serde::Deserialize>::deserialize(d)?.unwrap_or_default())
}

/// For a count, size or time that asst only shows or adds up: read for the number it holds
/// however it is written (`1024`, `1024.0`, `"1024"`); `null`, or a value that holds no
/// number, reads as missing. Gateways that pass replies through a language without 64-bit
/// integers write big numbers as floats or strings, and none of them is worth failing a
/// listing or an answer over.
pub fn number<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Number,
{
    Ok(T::from_number(d.deserialize_any(NumberVisitor)?))
}

/// What [`number`] reads into: a count (missing is 0) or an optional one.
pub trait Number: Sized {
    fn from_number(n: Option<i128>) -> Self;
}

impl Number for u64 {
    fn from_number(n: Option<i128>) -> Self {
        n.and_then(|n| u64::try_from(n).ok()).unwrap_or_default()
    }
}

impl Number for Option<u64> {
    fn from_number(n: Option<i128>) -> Self {
        n.and_then(|n| u64::try_from(n).ok())
    }
}

impl Number for Option<u32> {
    fn from_number(n: Option<i128>) -> Self {
        n.and_then(|n| u32::try_from(n).ok())
    }
}

impl Number for Option<usize> {
    fn from_number(n: Option<i128>) -> Self {
        n.and_then(|n| usize::try_from(n).ok())
    }
}

impl Number for Option<i64> {
    fn from_number(n: Option<i128>) -> Self {
        n.and_then(|n| i64::try_from(n).ok())
    }
}

struct NumberVisitor;

impl<'de> serde::de::Visitor<'de> for NumberVisitor {
    type Value = Option<i128>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a number")
    }

    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(v.into()))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        // `as` saturates; a float beyond every integer is no count.
        Ok((v.is_finite() && v.abs() < 1e30).then(|| v.trunc() as i128))
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
        let v = v.trim();
        match v.parse::<i128>() {
            Ok(n) => Ok(Some(n)),
            Err(_) => v.parse::<f64>().map_or(Ok(None), |f| self.visit_f64(f)),
        }
    }

    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
        Ok(None)
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map
            .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
            .is_some()
        {}
        Ok(None)
    }
}

/// Version of the `--json` output schema, reported in every `thread` event.
pub const SCHEMA: u32 = 1;

/// Which API generation served a thread.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Api {
    /// Responses + Conversations (current).
    Responses,
    /// Assistants v2 (legacy).
    Assistants,
}

impl Api {
    pub fn name(self) -> &'static str {
        match self {
            Api::Responses => "responses",
            Api::Assistants => "assistants",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Event {
    /// The thread the answer belongs to; always the first event of `ask`.
    Thread {
        schema: u32,
        id: String,
        api: Api,
        /// True when this `ask` created the thread.
        created: bool,
    },
    /// A thread the registry knows (`thread list`): the `thread` event's fields and more.
    #[serde(rename = "thread")]
    Listed(Listed),
    /// A piece of the answer. Concatenating every `text` gives the answer exactly as text
    /// mode prints it (citation markers included, the source list excluded).
    Delta { text: String },
    /// A file citation, emitted right after the delta that carries its marker.
    Citation(Citation),
    /// The server finished the answer (whatever the outcome).
    Done(Done),
    /// A chunk that file search retrieved (`ask --show-search`).
    Search(SearchResult),
    /// A vector store (`store` commands).
    Store(StoreInfo),
    /// A file of a vector store, or one being uploaded into it (`store` commands).
    File(FileInfo),
    /// What a dry run would do, counted: after its `file` events (and, for a store that
    /// exists, before its `store` event).
    Plan(PlanInfo),
    /// A setting as the next command would take it, and where it comes from (`asst config`).
    Setting(Setting),
    /// A response that goes on on the server (`ask --detach`, `response show`, `response
    /// cancel`): its id and status.
    Response { id: String, status: Option<String> },
    /// A Batch API job (`batch --via batch-api`, `batch status`).
    Batch(BatchInfo),
    /// A request a dry run would send (`ask --dry-run`, `batch --dry-run`), in the order it
    /// would go; the URL without credentials, the body as it would be sent. From a batch,
    /// the question's id.
    Request {
        #[serde(skip_serializing_if = "Option::is_none")]
        id: Option<String>,
        method: &'static str,
        url: String,
        /// `ask --dry-run`'s: each header by name (the credential's value is where it would
        /// come from). A batch's lines leave them out: they are the same for every line.
        #[serde(skip_serializing_if = "Option::is_none")]
        headers: Option<serde_json::Map<String, serde_json::Value>>,
        body: serde_json::Value,
    },
    /// Something `store rm` deleted.
    Deleted { id: String, object: &'static str },
    /// What went wrong; the last line of output whenever asst exits non-zero.
    Error {
        code: &'static str,
        exit_code: u8,
        message: String,
        /// The server's id for the request that failed, when it gave one.
        #[serde(skip_serializing_if = "Option::is_none")]
        request_id: Option<String>,
    },
}

/// A time in milliseconds since 1970, shown (and serialized) in ISO 8601 UTC:
/// `2026-12-02T01:02:03Z`. Formatted where it is written, with no string in between:
/// `thread list` has one or two a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Utc(pub i64);

impl std::fmt::Display for Utc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let digits = iso8601(self.0);
        // ASCII digits and separators, so always UTF-8.
        f.write_str(std::str::from_utf8(&digits).unwrap_or("-"))
    }
}

impl Serialize for Utc {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

fn iso8601(millis: i64) -> [u8; 20] {
    let secs = millis.div_euclid(1000);
    let (days, rest) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // The civil date of a day count (the proleptic Gregorian calendar).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let mut out = [0u8; 20];
    let mut put = |at: usize, n: i64, width: usize| {
        let mut n = n.clamp(0, 9999);
        for i in (0..width).rev() {
            out[at + i] = b'0' + (n % 10) as u8;
            n /= 10;
        }
    };
    put(0, year, 4);
    put(5, month, 2);
    put(8, day, 2);
    put(11, rest / 3600, 2);
    put(14, rest % 3600 / 60, 2);
    put(17, rest % 60, 2);
    for (at, sep) in [
        (4, b'-'),
        (7, b'-'),
        (10, b'T'),
        (13, b':'),
        (16, b':'),
        (19, b'Z'),
    ] {
        out[at] = sep;
    }
    out
}

/// One thread of `thread list`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Listed {
    pub schema: u32,
    pub id: String,
    pub api: Api,
    /// Always false: the listing made no thread.
    pub created: bool,
    pub name: Option<String>,
    /// The first prompt asked in it, on one line.
    pub title: Option<String>,
    pub provider: String,
    pub endpoint: String,
    pub profile: Option<String>,
    pub assistant: Option<String>,
    /// When asst first and last used it.
    pub first_used: Utc,
    pub last_used: Utc,
    /// Asks made through asst.
    pub asks: i64,
    pub last_response: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Citation {
    /// The source number: one per distinct cited file, from 1, in order of first citation.
    pub n: usize,
    pub file_id: String,
    /// The file's name, when the server told it (null otherwise).
    pub filename: Option<String>,
    /// Character offset (Unicode scalar values) into the printed answer where the marker
    /// starts, or where it would start with `--no-citations`.
    pub offset: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Completed,
    Incomplete,
    Failed,
    Cancelled,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Done {
    pub status: Status,
    /// Why the answer is incomplete or failed (`max_output_tokens`, `content_filter`,
    /// an error code…), when the server said.
    pub reason: Option<String>,
    pub thread: String,
    /// The response id (`resp_…`) or run id (`run_…`).
    pub response: Option<String>,
    pub usage: Option<Usage>,
    /// The server's id for the request that brought the answer, when it gave one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub struct Usage {
    pub input_tokens: u64,
    pub output_tokens: u64,
    pub total_tokens: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchResult {
    pub file_id: String,
    pub filename: Option<String>,
    pub score: Option<f64>,
    /// The retrieved text, whole.
    pub text: String,
    /// The file's attributes, when the server gives them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attributes: Option<serde_json::Map<String, serde_json::Value>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoreInfo {
    pub id: String,
    pub name: Option<String>,
    /// `in_progress`, `completed` or `expired`, as the server says.
    pub status: Option<String>,
    /// Absent when the store could not be read (after a command that changed it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file_counts: Option<FileCounts>,
    pub usage_bytes: Option<u64>,
    pub created_at: Option<i64>,
    /// When the server deletes the store (Unix seconds), if it expires.
    pub expires_at: Option<i64>,
}

impl StoreInfo {
    /// A store known by its id alone: the command could not read it.
    pub fn unread(id: &str) -> StoreInfo {
        StoreInfo {
            id: id.to_string(),
            name: None,
            status: None,
            file_counts: None,
            usage_bytes: None,
            created_at: None,
            expires_at: None,
        }
    }
}

/// How many of a store's files are in each state.
#[derive(Debug, Default, Clone, serde::Deserialize, Serialize, PartialEq)]
#[serde(default)]
pub struct FileCounts {
    #[serde(deserialize_with = "number")]
    pub in_progress: u64,
    #[serde(deserialize_with = "number")]
    pub completed: u64,
    #[serde(deserialize_with = "number")]
    pub failed: u64,
    #[serde(deserialize_with = "number")]
    pub cancelled: u64,
    #[serde(deserialize_with = "number")]
    pub total: u64,
}

/// One setting (`asst config`): `value` is `null` when nothing sets it; `source` is a
/// flag (`--base-url`), a variable (`OPENAI_BASE_URL`), a profile (`profile work`), or
/// `default`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Setting {
    pub name: &'static str,
    pub value: Option<String>,
    pub source: String,
}

/// A dry run's plan, counted (`store create`, `add`, `sync` and `rm-file` with `--dry-run`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanInfo {
    /// The store it is for; `null` for one that `store create` would make.
    pub store: Option<String>,
    pub add: usize,
    pub replace: usize,
    pub update: usize,
    pub remove: usize,
    pub keep: usize,
    /// `store rm --dry-run`: the store itself would be deleted (`remove` counts the files
    /// deleted with it, `keep` those whose file objects stay).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub store_deleted: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FileInfo {
    /// The file's name (as uploaded by asst), when known.
    pub name: Option<String>,
    pub file_id: Option<String>,
    /// The local size (uploads) or the stored size.
    pub bytes: Option<u64>,
    /// `uploaded`, `skipped` (already in the store), `in_progress`, `completed`, `failed`,
    /// `cancelled`.
    pub status: String,
    pub error: Option<String>,
    /// The vector store the file is in, or being added to.
    pub store: Option<String>,
    /// Its identity in the store: the path in the synced folder, or as given.
    pub path: Option<String>,
    /// What `add`/`sync` did with it: `added`, `replaced`, `updated` (its attributes),
    /// `unchanged`, `removed`; with `--dry-run` (status `planned`), what they would do:
    /// `add`, `replace`, `update`, `keep`, `remove`.
    pub action: Option<String>,
    /// `store show`: the file's attributes and how it is cut into chunks, as the server
    /// reports them (other file events leave them out).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attributes: Option<serde_json::Map<String, serde_json::Value>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chunking_strategy: Option<serde_json::Value>,
    /// Why `add`/`sync` replace, remove or update it (planned or done): `changed`,
    /// `chunks`, `forced`, `failed` (the store's copy could not be processed); `gone` (no
    /// longer in the folders, `--delete`), `copy` (another copy of the path: the same
    /// content twice, or an old version left behind); `attributes`. Absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<&'static str>,
}

/// One message of a transcript (`thread show`), the same shape for both API families.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Message {
    /// Always `"message"`, so transcript lines can be told apart from ask events.
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub id: String,
    pub thread: String,
    /// `user`, `assistant`, `system` or `developer`.
    pub role: String,
    /// Unix seconds, when the API reports it (Assistants does, Conversations does not).
    pub created_at: Option<i64>,
    /// The text with citation markers, as text mode prints it.
    pub text: String,
    pub citations: Vec<Citation>,
}

/// A Batch API job, as `batch --via batch-api` and `batch status` report it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BatchInfo {
    pub id: String,
    /// `validating`, `in_progress`, `finalizing`, `completed`, `failed`, `expired`,
    /// `cancelling`, `cancelled`, as the server says.
    pub status: Option<String>,
    pub request_counts: RequestCounts,
    pub input_file_id: Option<String>,
    pub output_file_id: Option<String>,
    pub error_file_id: Option<String>,
    pub created_at: Option<i64>,
    /// Why a job failed validation, as the server says (one line each).
    pub errors: Vec<String>,
}

/// How many of a Batch API job's requests are done.
#[derive(Debug, Default, Clone, serde::Deserialize, Serialize, PartialEq)]
#[serde(default)]
pub struct RequestCounts {
    #[serde(deserialize_with = "number")]
    pub total: u64,
    #[serde(deserialize_with = "number")]
    pub completed: u64,
    #[serde(deserialize_with = "number")]
    pub failed: u64,
}

/// One question's outcome in `asst batch`: a line of its results.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Answered {
    /// Always `"result"`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The line's `id`, else its line number.
    pub id: String,
    /// `completed`, `incomplete`, `failed` or `cancelled`.
    pub status: Status,
    /// The answer with `[n]` markers (without them for a structured answer).
    pub text: String,
    pub citations: Vec<Citation>,
    pub usage: Option<Usage>,
    pub thread: Option<String>,
    pub response: Option<String>,
    /// The server's id for the request that answered it, when it gave one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// Why the question did not succeed; null when it did.
    pub error: Option<Failure>,
}

/// An error as a result line gives it: the `error` event's fields.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Failure {
    pub code: &'static str,
    pub exit_code: u8,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

#[cfg(test)]
mod tests {

    #[test]
    fn times_show_and_serialize_in_iso_8601() {
        let utc = super::Utc;
        assert_eq!(utc(0).to_string(), "1970-01-01T00:00:00Z");
        assert_eq!(utc(1_835_438_400_000).to_string(), "2028-02-29T12:00:00Z");
        assert_eq!(utc(784_111_777_999).to_string(), "1994-11-06T08:49:37Z");
        assert_eq!(
            serde_json::to_string(&utc(784_111_777_999)).unwrap(),
            "\"1994-11-06T08:49:37Z\""
        );
    }

    #[test]
    fn a_number_is_read_for_what_it_holds_and_nothing_else() {
        #[derive(serde::Deserialize)]
        struct Wire {
            #[serde(default, deserialize_with = "super::number")]
            n: Option<u64>,
            #[serde(default, deserialize_with = "super::number")]
            t: Option<i64>,
            #[serde(default, deserialize_with = "super::number")]
            c: u64,
        }
        let read = |text: &str| {
            let w: Wire = serde_json::from_str(text).unwrap();
            (w.n, w.t, w.c)
        };
        assert_eq!(read(r#"{"n": 5, "t": -5, "c": 5}"#), (Some(5), Some(-5), 5));
        assert_eq!(
            read(r#"{"n": " 7 ", "t": "-7", "c": "7.9"}"#),
            (Some(7), Some(-7), 7)
        );
        assert_eq!(
            read(r#"{"n": 1e3, "t": 1.5e9, "c": "1e3"}"#),
            (Some(1000), Some(1_500_000_000), 1000)
        );
        // Nothing that holds no number, nor one out of the type's range, is read as one.
        assert_eq!(read(r#"{"n": -1, "t": 1e300, "c": -1}"#), (None, None, 0));
        assert_eq!(
            read(r#"{"n": "NaN", "t": "inf", "c": true}"#),
            (None, None, 0)
        );
        assert_eq!(
            read(r#"{"n": [1], "t": {"a": [1]}, "c": null}"#),
            (None, None, 0)
        );
        assert_eq!(
            read(r#"{"n": 18446744073709551615}"#),
            (Some(u64::MAX), None, 0)
        );
        // an index: the range of a u32
        #[derive(serde::Deserialize)]
        struct Index {
            #[serde(default, deserialize_with = "super::number")]
            i: Option<u32>,
        }
        let index = |text: &str| serde_json::from_str::<Index>(text).unwrap().i;
        assert_eq!(index(r#"{"i": "4294967295"}"#), Some(u32::MAX));
        assert_eq!(index(r#"{"i": 4294967296}"#), None);
        assert_eq!(index(r#"{"i": -1}"#), None);
        assert_eq!(index(r#"{}"#), None);
    }
}
