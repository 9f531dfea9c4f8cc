//! Files and vector stores: what file search reads. The same paths serve both API families
//! (on Azure under `/openai/v1`).

use crate::error::Result;
use crate::events::{nullable, number, Api, FileCounts};
use crate::http::Http;
use crate::upload::LocalFile;
use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::sync::atomic::AtomicU64;
use std::sync::Arc;

/// Files and vector stores use the current (v1) URL shape on every provider.
const API: Api = Api::Responses;

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct Store {
    #[serde(deserialize_with = "nullable")]
    pub id: String,
    pub name: Option<String>,
    pub status: Option<String>,
    #[serde(deserialize_with = "number")]
    pub created_at: Option<i64>,
    #[serde(deserialize_with = "number")]
    pub usage_bytes: Option<u64>,
    #[serde(deserialize_with = "nullable")]
    pub file_counts: FileCounts,
    /// When the server deletes it (a store made with `expires_after`).
    #[serde(deserialize_with = "number")]
    pub expires_at: Option<i64>,
}

/// The attributes asst keeps on every file it adds: what it is, and what it held.
pub const PATH_KEY: &str = "asst_path";
pub const FINGERPRINT_KEY: &str = "asst_fingerprint";
/// The chunks asst asked for when it added the file (`300/150`), when it asked: what a
/// sync compares, as a server may report chunks of its own.
pub const CHUNKS_KEY: &str = "asst_chunks";
/// What files added by asst before paths were kept carry instead of [`PATH_KEY`].
const OLD_NAME_KEY: &str = "asst_name";

/// The attributes a file is added with: the `--attr` pairs and asst's own two, written as
/// they are serialized (thousands of files need no map each). Without a fingerprint, the
/// next sync replaces the file.
#[derive(Debug, Clone, Copy)]
pub struct Attributes<'a> {
    pub extra: &'a Map<String, Value>,
    pub path: &'a str,
    pub fingerprint: Option<&'a str>,
    /// The chunks asked for: kept in [`CHUNKS_KEY`], and when the file is added, sent
    /// as its `chunking_strategy`.
    pub chunks: Option<Chunking>,
}

impl serde::Serialize for Attributes<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(None)?;
        for (k, v) in self.extra {
            if !k.starts_with("asst_") {
                map.serialize_entry(k, v)?;
            }
        }
        map.serialize_entry(PATH_KEY, self.path)?;
        if let Some(fp) = self.fingerprint {
            map.serialize_entry(FINGERPRINT_KEY, fp)?;
        }
        if let Some(c) = self.chunks {
            map.serialize_entry(CHUNKS_KEY, &c.label())?;
        }
        map.end()
    }
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct StoreFile {
    #[serde(deserialize_with = "nullable")]
    pub id: String,
    #[serde(deserialize_with = "nullable")]
    pub status: String,
    #[serde(deserialize_with = "number")]
    pub usage_bytes: Option<u64>,
    pub last_error: Option<Value>,
    pub attributes: Option<Attrs>,
    /// How the server cut it into chunks (`static` with its numbers, or `other`), as the
    /// server wrote it: read only when chunks are asked for, and shown by `store show`.
    pub chunking_strategy: Option<Box<serde_json::value::RawValue>>,
}

/// A listed file's attributes: a few pairs (16 at most), kept as a list. A map would cost
/// a tree node of about 600 bytes a file: 6 MB for a 10,000-file store, held while a sync
/// compares.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Attrs(Vec<(String, Value)>);

impl Attrs {
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &Value)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    /// Sets `key`, as a map would: a key given again replaces its value.
    pub fn insert(&mut self, key: String, value: Value) {
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some(pair) => pair.1 = value,
            None => self.0.push((key, value)),
        }
    }

    pub fn to_map(&self) -> Map<String, Value> {
        self.0.iter().cloned().collect()
    }
}

impl From<Map<String, Value>> for Attrs {
    fn from(map: Map<String, Value>) -> Attrs {
        Attrs(map.into_iter().collect())
    }
}

/// Forgiving: attributes that are not an object (a compatible server's odd value) read as
/// none, rather than failing the whole listing.
impl<'de> Deserialize<'de> for Attrs {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Attrs, D::Error> {
        struct Pairs;
        impl<'de> serde::de::Visitor<'de> for Pairs {
            type Value = Attrs;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object of attributes")
            }
            fn visit_bool<E>(self, _: bool) -> std::result::Result<Attrs, E> {
                Ok(Attrs::default())
            }
            fn visit_i64<E>(self, _: i64) -> std::result::Result<Attrs, E> {
                Ok(Attrs::default())
            }
            fn visit_u64<E>(self, _: u64) -> std::result::Result<Attrs, E> {
                Ok(Attrs::default())
            }
            fn visit_f64<E>(self, _: f64) -> std::result::Result<Attrs, E> {
                Ok(Attrs::default())
            }
            fn visit_str<E>(self, _: &str) -> std::result::Result<Attrs, E> {
                Ok(Attrs::default())
            }
            fn visit_unit<E>(self) -> std::result::Result<Attrs, E> {
                Ok(Attrs::default())
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> std::result::Result<Attrs, A::Error> {
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(Attrs::default())
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<Attrs, A::Error> {
                let mut attrs = Attrs(Vec::new());
                while let Some((key, value)) = map.next_entry::<String, Value>()? {
                    attrs.insert(key, value);
                }
                // Held for as long as the listing: no room for more.
                attrs.0.shrink_to_fit();
                Ok(attrs)
            }
        }
        d.deserialize_any(Pairs)
    }
}

impl StoreFile {
    /// Whether the file is cut as `wanted` asks: by what asst asked for when it added it
    /// ([`CHUNKS_KEY`]; a server may report chunks of its own), else as the server reports
    /// them. A server that does not say, or says it in another shape, is taken at its word
    /// that nothing needs doing: otherwise every sync would send every file again.
    pub fn chunked_as(&self, wanted: Chunking) -> bool {
        if let Some(asked) = self.chunks() {
            return asked == wanted.label();
        }
        #[derive(Deserialize)]
        struct Strategy {
            #[serde(rename = "type")]
            kind: Option<String>,
            #[serde(rename = "static")]
            numbers: Option<Numbers>,
        }
        #[derive(Deserialize)]
        struct Numbers {
            #[serde(default, deserialize_with = "number")]
            max_chunk_size_tokens: Option<u64>,
            #[serde(default, deserialize_with = "number")]
            chunk_overlap_tokens: Option<u64>,
        }
        let Some(raw) = self.chunking_strategy.as_ref() else {
            return true;
        };
        // Another shape is taken at its word, as no strategy is.
        let Ok(strategy) = serde_json::from_str::<Strategy>(raw.get()) else {
            return true;
        };
        let numbers = strategy
            .numbers
            .map(|n| (n.max_chunk_size_tokens, n.chunk_overlap_tokens));
        match strategy.kind.as_deref() {
            Some("static") => match numbers.unwrap_or_default() {
                (Some(size), Some(overlap)) => {
                    (size, overlap) == (wanted.size.into(), wanted.overlap.into())
                }
                _ => true,
            },
            // Indexed before chunks had a strategy: cut as asked, it says how.
            Some("other") => false,
            _ => true,
        }
    }

    /// The chunks asst asked for when it added the file ([`CHUNKS_KEY`]).
    pub fn chunks(&self) -> Option<&str> {
        self.attributes.as_ref()?.get(CHUNKS_KEY)?.as_str()
    }

    /// The file's identity, as asst keeps it: `asst_path` (the path in the synced folder, or
    /// as given), or `asst_name` for files older versions of asst added.
    pub fn path(&self) -> Option<&str> {
        let attrs = self.attributes.as_ref()?;
        attrs
            .get(PATH_KEY)
            .or_else(|| attrs.get(OLD_NAME_KEY))?
            .as_str()
    }

    /// The name to show: the path's last part.
    pub fn name(&self) -> Option<&str> {
        self.path().map(|p| p.rsplit('/').next().unwrap_or(p))
    }

    pub fn fingerprint(&self) -> Option<&str> {
        self.attributes.as_ref()?.get(FINGERPRINT_KEY)?.as_str()
    }

    /// The server's reason for a failed file, as `code: message`.
    pub fn error(&self) -> Option<String> {
        let e =
            crate::http::ApiError::from_value(self.last_error.as_ref().filter(|v| !v.is_null())?);
        match (e.code, e.message) {
            (Some(c), Some(m)) => Some(format!("{c}: {m}")),
            (c, m) => c.or(m),
        }
    }
}

/// Every item of a list endpoint.
async fn list_all<T: serde::de::DeserializeOwned>(
    http: &Http,
    path: String,
    order: &'static str,
) -> Result<Vec<T>> {
    let mut pages = super::Pages::new(http, API, path, order);
    let mut all = Vec::new();
    while let Some(items) = pages.next().await? {
        all.extend(items);
    }
    Ok(all)
}

/// A file the Files API has: its id, and the fingerprint of the content it was sent (when
/// the body went out whole).
#[derive(Debug, Clone)]
pub struct Uploaded {
    pub id: String,
    pub fingerprint: Option<String>,
}

/// Uploads one file for file search (`purpose=assistants`), streamed from disk, learning
/// its fingerprint as it goes.
pub async fn upload(http: &Http, file: &LocalFile, sent: Arc<AtomicU64>) -> Result<Uploaded> {
    upload_for(
        http,
        file,
        "assistants",
        sent,
        Some(crate::upload::Sent::default()),
    )
    .await
}

/// Uploads one file for a `purpose` (`assistants`, `batch`); with `whole`, fingerprinting
/// what is sent.
pub async fn upload_for(
    http: &Http,
    file: &LocalFile,
    purpose: &str,
    sent: Arc<AtomicU64>,
    whole: Option<crate::upload::Sent>,
) -> Result<Uploaded> {
    #[derive(Deserialize)]
    struct Reply {
        id: Option<String>,
    }
    let reply: Reply = http
        .upload(
            API,
            "/files",
            &[("purpose", purpose)],
            file,
            sent,
            whole.as_ref(),
        )
        .await?;
    let id = reply
        .id
        .filter(|id| !id.is_empty())
        .ok_or_else(|| crate::error::Error::failed("the server stored the file without an id"))?;
    Ok(Uploaded {
        id,
        fingerprint: whole.and_then(|w| w.fingerprint()),
    })
}

pub async fn create_store(
    http: &Http,
    name: &str,
    file_ids: &[String],
    expire_days: Option<u32>,
    chunks: Option<Chunking>,
) -> Result<Store> {
    let mut body = json!({"name": name});
    if !file_ids.is_empty() {
        body["file_ids"] = json!(file_ids);
        // The API takes a strategy only with files to cut.
        if let Some(chunks) = chunks {
            body["chunking_strategy"] = json!(chunks);
        }
    }
    if let Some(days) = expire_days {
        body["expires_after"] = json!({"anchor": "last_active_at", "days": days});
    }
    http.post(API, "/vector_stores", &body).await
}

/// Renames a store or changes its expiry (`POST /vector_stores/{id}`): only what is given
/// is sent, and an expiry of `Some(None)` ends it (`expires_after: null`).
pub async fn update_store(
    http: &Http,
    store: &str,
    name: Option<&str>,
    expire_days: Option<Option<u32>>,
) -> Result<Store> {
    let mut body = json!({});
    if let Some(name) = name {
        body["name"] = json!(name);
    }
    if let Some(days) = expire_days {
        body["expires_after"] = match days {
            Some(days) => json!({"anchor": "last_active_at", "days": days}),
            None => Value::Null,
        };
    }
    http.post(API, &format!("/vector_stores/{store}"), &body)
        .await
        .map_err(|e| e.naming(format!("vector store {store}")))
}

/// Adds an uploaded file to a store, with its attributes (one request: the fallback for a
/// server without file batches).
pub async fn attach(
    http: &Http,
    store: &str,
    file_id: &str,
    attributes: &Attributes<'_>,
) -> Result<StoreFile> {
    let body = Attach {
        file_id,
        attributes: *attributes,
        chunking_strategy: attributes.chunks,
    };
    http.post(API, &format!("/vector_stores/{store}/files"), &body)
        .await
}

/// A file to add to a store with its attributes: the body of one attach, an item of a batch.
#[derive(serde::Serialize)]
struct Attach<'a> {
    file_id: &'a str,
    attributes: Attributes<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    chunking_strategy: Option<Chunking>,
}

/// Chunks of a set size (`--chunk-size`, `--chunk-overlap`): the API's `static` strategy.
/// Unset, the server chunks as it likes (`auto`: 800 tokens, 400 of them overlapping).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chunking {
    pub size: u32,
    pub overlap: u32,
}

impl Chunking {
    /// As asst keeps it in [`CHUNKS_KEY`]: `300/150`.
    pub fn label(self) -> String {
        format!("{}/{}", self.size, self.overlap)
    }

    /// A [`Chunking::label`] read back.
    pub fn from_label(label: &str) -> Option<Chunking> {
        let (size, overlap) = label.split_once('/')?;
        Some(Chunking {
            size: size.parse().ok()?,
            overlap: overlap.parse().ok()?,
        })
    }
}

impl serde::Serialize for Chunking {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        json!({
            "type": "static",
            "static": {"max_chunk_size_tokens": self.size, "chunk_overlap_tokens": self.overlap},
        })
        .serialize(s)
    }
}

/// The most files one batch takes.
pub const MAX_BATCH: usize = 2000;

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct Batch {
    #[serde(deserialize_with = "nullable")]
    pub id: String,
    pub status: Option<String>,
    #[serde(deserialize_with = "nullable")]
    pub file_counts: FileCounts,
}

impl Batch {
    /// The batch ended with each of its `files` completed, as its counts say (a server that
    /// does not count says nothing here).
    pub fn completed_all(&self, files: usize) -> bool {
        let c = &self.file_counts;
        self.status.as_deref() == Some("completed")
            && c.completed == files as u64
            && c.failed == 0
            && c.cancelled == 0
            && c.in_progress == 0
    }
}

/// Attaches files with their own attributes in one batch (at most [`MAX_BATCH`]); the
/// chunking goes with each file, as the batch's own is ignored beside them.
pub async fn attach_batch(
    http: &Http,
    store: &str,
    files: &[(&str, Attributes<'_>)],
) -> Result<Batch> {
    #[derive(serde::Serialize)]
    struct Body<'a> {
        files: Vec<Attach<'a>>,
    }
    let body = Body {
        files: files
            .iter()
            .map(|(id, attributes)| Attach {
                file_id: id,
                attributes: *attributes,
                chunking_strategy: attributes.chunks,
            })
            .collect(),
    };
    http.post(API, &format!("/vector_stores/{store}/file_batches"), &body)
        .await
}

pub async fn get_batch(http: &Http, store: &str, batch: &str) -> Result<Batch> {
    http.get(
        API,
        &format!("/vector_stores/{store}/file_batches/{batch}"),
        &[],
    )
    .await
}

/// Replaces the attributes of a file in a store (`POST /vector_stores/{id}/files/{file_id}`).
pub async fn update_attributes(
    http: &Http,
    store: &str,
    file_id: &str,
    attributes: &Attributes<'_>,
) -> Result<StoreFile> {
    #[derive(serde::Serialize)]
    struct Body<'a> {
        attributes: Attributes<'a>,
    }
    let body = Body {
        attributes: *attributes,
    };
    http.post(
        API,
        &format!("/vector_stores/{store}/files/{file_id}"),
        &body,
    )
    .await
}

/// Takes a file out of a store (the file object stays until [`delete_file`]).
pub async fn detach(http: &Http, store: &str, file_id: &str) -> Result<()> {
    http.delete(API, &format!("/vector_stores/{store}/files/{file_id}"))
        .await
}

pub async fn get_store(http: &Http, store: &str) -> Result<Store> {
    http.get(API, &format!("/vector_stores/{store}"), &[])
        .await
        .map_err(|e| e.naming(format!("vector store {store}")))
}

pub async fn store_files(http: &Http, store: &str) -> Result<Vec<StoreFile>> {
    list_all(http, format!("/vector_stores/{store}/files"), "asc")
        .await
        .map_err(|e| e.naming(format!("vector store {store}")))
}

/// The store's files with their status only (attributes are skipped as they are read): what
/// waiting on thousands of files needs.
pub async fn store_statuses(http: &Http, store: &str) -> Result<Vec<StoreFile>> {
    #[derive(Deserialize)]
    struct Status {
        #[serde(deserialize_with = "nullable")]
        id: String,
        #[serde(default)]
        #[serde(deserialize_with = "nullable")]
        status: String,
        #[serde(default)]
        last_error: Option<Value>,
    }
    let all: Vec<Status> = list_all(http, format!("/vector_stores/{store}/files"), "asc")
        .await
        .map_err(|e| e.naming(format!("vector store {store}")))?;
    Ok(all
        .into_iter()
        .map(|s| StoreFile {
            id: s.id,
            status: s.status,
            last_error: s.last_error,
            ..StoreFile::default()
        })
        .collect())
}

/// Every store, newest first.
pub async fn list_stores(http: &Http) -> Result<Vec<Store>> {
    list_all(http, "/vector_stores".into(), "desc").await
}

pub async fn delete_store(http: &Http, store: &str) -> Result<()> {
    http.delete(API, &format!("/vector_stores/{store}"))
        .await
        .map_err(|e| e.naming(format!("vector store {store}")))
}

pub async fn delete_file(http: &Http, file_id: &str) -> Result<()> {
    http.delete(API, &format!("/files/{file_id}")).await
}

/// The chunks a store gives for a query (`POST /vector_stores/{id}/search`), best first,
/// with file search's filters and limits; `rewrite` lets the server rewrite the query.
pub async fn search(
    http: &Http,
    store: &str,
    query: &str,
    search: &super::Search,
    rewrite: bool,
) -> Result<Vec<crate::events::SearchResult>> {
    // Forgiving: a null where a list or an id belongs reads as empty.
    #[derive(Deserialize, Default)]
    #[serde(default)]
    struct Page {
        data: Option<Vec<Hit>>,
    }
    #[derive(Deserialize, Default)]
    #[serde(default)]
    struct Hit {
        file_id: Option<String>,
        filename: Option<String>,
        score: Option<f64>,
        attributes: Option<Map<String, Value>>,
        content: Option<Vec<Content>>,
    }
    #[derive(Deserialize, Default)]
    #[serde(default)]
    struct Content {
        text: Option<String>,
    }
    let mut body = json!({"query": query});
    search.apply(&mut body);
    if rewrite {
        body["rewrite_query"] = true.into();
    }
    let page: Page = http
        .post(API, &format!("/vector_stores/{store}/search"), &body)
        .await
        .map_err(|e| e.naming(format!("vector store {store}")))?;
    Ok(page
        .data
        .unwrap_or_default()
        .into_iter()
        .map(|h| crate::events::SearchResult {
            text: h
                .content
                .iter()
                .flatten()
                .filter_map(|c| c.text.as_deref())
                .collect::<Vec<_>>()
                .join("\n"),
            file_id: h.file_id.unwrap_or_default(),
            filename: h.filename,
            score: h.score,
            attributes: h.attributes,
        })
        .collect())
}

/// A file's name, as the Files API has it; `None` when it does not say.
pub async fn file_name(http: &Http, file_id: &str) -> Option<String> {
    #[derive(Deserialize)]
    struct File {
        filename: Option<String>,
    }
    crate::id::check(file_id, "file").ok()?;
    http.get::<File>(API, &format!("/files/{file_id}"), &[])
        .await
        .ok()
        .and_then(|f| f.filename)
}

/// File names by file id: learned from what a stream told (search results), or looked up
/// once per file in the Files API. The one lookup of a file's name, for both families.
#[derive(Default)]
pub struct FileNames(std::collections::HashMap<String, Option<String>>);

impl FileNames {
    /// The file's name; `None` when the server does not know it (the file is then cited by
    /// its id: the answer matters more).
    pub async fn get(&mut self, http: &Http, file_id: &str) -> Option<String> {
        if let Some(name) = self.0.get(file_id) {
            return name.clone();
        }
        let name = file_name(http, file_id).await;
        self.0.insert(file_id.to_string(), name.clone());
        name
    }

    pub fn learn(&mut self, file_id: &str, name: &str) {
        self.0.insert(file_id.to_string(), Some(name.to_string()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A listed file reads as a map would: the last of a key given twice, null as none,
    /// and the chunking strategy as the server wrote it.
    #[test]
    fn a_listed_file_keeps_its_attributes_and_strategy_as_given() {
        let listed = r#"[
            {"id": "file-1", "status": "completed",
             "attributes": {"asst_path": "a.md", "team": "docs", "team": "eu", "year": 2026},
             "chunking_strategy": {"type": "static", "static": {"max_chunk_size_tokens": 300, "chunk_overlap_tokens": 150}}},
            {"id": "file-2", "status": "completed", "attributes": null, "chunking_strategy": {"type": "other"}},
            {"id": "file-3", "status": "completed", "chunking_strategy": {"type": "static", "static": "odd"}},
            {"id": "file-4", "status": "completed", "attributes": "odd"},
            {"id": "file-5", "status": "completed", "attributes": [1, {"a": 2}]}
        ]"#;
        let files: Vec<StoreFile> = serde_json::from_str(listed).unwrap();
        let attrs = files[0].attributes.as_ref().unwrap();
        assert_eq!(attrs.get("team"), Some(&Value::from("eu")));
        assert_eq!(files[0].path(), Some("a.md"));
        assert_eq!(
            Value::Object(attrs.to_map()),
            serde_json::json!({"asst_path": "a.md", "team": "eu", "year": 2026})
        );
        assert!(files[1].attributes.is_none());
        for odd in &files[3..] {
            assert_eq!(odd.attributes, Some(Attrs::default()), "{}", odd.id);
            assert_eq!(odd.path(), None);
        }
        let wanted = |size, overlap| Chunking { size, overlap };
        assert!(files[0].chunked_as(wanted(300, 150)));
        assert!(!files[0].chunked_as(wanted(800, 400)));
        assert!(
            !files[1].chunked_as(wanted(800, 400)),
            "other: cut before strategies"
        );
        assert!(
            files[2].chunked_as(wanted(800, 400)),
            "a shape it cannot read"
        );
        assert_eq!(
            files[0].chunking_strategy.as_ref().unwrap().get(),
            r#"{"type": "static", "static": {"max_chunk_size_tokens": 300, "chunk_overlap_tokens": 150}}"#
        );
    }
}
