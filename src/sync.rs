//! What keeps a vector store true to a folder: the local files, walked with gitignore rules;
//! their identity (a path and a content fingerprint); and the plan that compares them with
//! the store's files. The plan is pure (no requests): `store.rs` carries it out.

use crate::backend::files::{Chunking, StoreFile};
use crate::error::{Error, Result};
use crate::upload::LocalFile;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::sync::Arc;

/// A file's attributes are at most 16 keys; asst keeps two (three with chunk options).
pub const MAX_USER_ATTRS: usize = 14;

/// How a plan is carried out.
#[derive(Debug, Clone, Default)]
pub struct Apply {
    pub upload: UploadOpts,
    /// Keep the file objects of versions taken out of the store (`--keep-files`).
    pub keep_files: bool,
    /// `--attr` pairs, on every file added.
    pub attributes: serde_json::Map<String, serde_json::Value>,
    /// Say what would be done, do nothing (`--dry-run`).
    pub dry_run: bool,
    /// This command made the store (`store create`): run again, it would make another.
    pub new_store: bool,
    /// `--chunk-size` and `--chunk-overlap`, for every file added.
    pub chunking: Option<Chunking>,
    /// How the command walked its folders: what a command that finishes it walks them with.
    pub walk: Walk,
}

/// `--quiet` and `--no-wait` of an upload.
#[derive(Debug, Clone, Copy, Default)]
pub struct UploadOpts {
    pub quiet: bool,
    pub no_wait: bool,
}

/// How to walk a folder.
#[derive(Debug, Clone, Default)]
pub struct Walk {
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    /// Hidden files and folders too (skipped by default).
    pub hidden: bool,
    /// Symbolic links taken for what they point to (skipped by default, as ripgrep does).
    pub follow: bool,
}

/// What a walk found: the files, how many symbolic links it did not follow, how many
/// empty files it left out (the Files API refuses them: "File is empty."), and how many
/// special files (FIFOs, sockets, devices: nothing to upload).
#[derive(Debug, Default)]
pub struct Walked {
    pub files: Vec<LocalFile>,
    pub links: usize,
    pub empty: usize,
    pub special: usize,
}

/// The files under `dir`, each known by its path relative to `dir` (with `/`), following
/// `.gitignore`, `.ignore` and the globs; sorted by that path. A link followed is known by
/// its own path; one that leads back up the tree adds nothing (what it leads to is walked).
pub fn walk(dir: &Path, how: &Walk) -> Result<Walked> {
    let mut overrides = ignore::overrides::OverrideBuilder::new(dir);
    let bad = |g: &str, e: ignore::Error| Error::usage(format!("'{g}' is not a usable glob: {e}"));
    for g in &how.include {
        overrides.add(g).map_err(|e| bad(g, e))?;
    }
    for g in &how.exclude {
        overrides.add(&format!("!{g}")).map_err(|e| bad(g, e))?;
    }
    let overrides = overrides
        .build()
        .map_err(|e| Error::usage(format!("the globs cannot be used: {e}")))?;
    let mut builder = ignore::WalkBuilder::new(dir);
    builder
        .hidden(!how.hidden)
        // A folder that is not a git checkout still has its .gitignore honoured.
        .require_git(false)
        .follow_links(how.follow);
    // The globs narrow what the rules let through. (As the walk's overrides they would
    // take precedence over the rules: --include '*.md' would bring back a gitignored or
    // hidden .md file.) An excluded folder is not walked at all.
    if !overrides.is_empty() {
        builder.filter_entry(move |entry| {
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            !overrides.matched(entry.path(), is_dir).is_ignore()
        });
    }
    let walker = builder
        // Two threads: a file's metadata is a system call each, and thousands of them
        // come before the first upload.
        .threads(2)
        .build_parallel();
    let found = std::sync::Mutex::new(Found::default());
    let folder: Arc<Path> = dir.into();
    walker.visit(&mut Collectors {
        found: &found,
        folder: &folder,
    });
    let Found { mut walked, error } = found.into_inner().unwrap_or_else(|e| e.into_inner());
    if let Some(e) = error {
        return Err(e);
    }
    // Sorted once, by the path as the store knows it: cheaper than sorting each folder's
    // entries by their path components as they are read.
    walked.files.sort_unstable_by(|a, b| a.key.cmp(&b.key));
    Ok(walked)
}

/// What the walk found, and its first error.
#[derive(Default)]
struct Found {
    walked: Walked,
    error: Option<Error>,
}

/// Makes a [`Collector`] for each thread of the walk.
struct Collectors<'a> {
    found: &'a std::sync::Mutex<Found>,
    folder: &'a Arc<Path>,
}

impl<'s> ignore::ParallelVisitorBuilder<'s> for Collectors<'s> {
    fn build(&mut self) -> Box<dyn ignore::ParallelVisitor + 's> {
        Box::new(Collector {
            walked: Walked::default(),
            found: self.found,
            folder: self.folder,
        })
    }
}

/// One thread's files, added to the rest when its walk ends: no lock for each file.
struct Collector<'a> {
    walked: Walked,
    found: &'a std::sync::Mutex<Found>,
    folder: &'a Arc<Path>,
}

impl ignore::ParallelVisitor for Collector<'_> {
    fn visit(
        &mut self,
        entry: std::result::Result<ignore::DirEntry, ignore::Error>,
    ) -> ignore::WalkState {
        let file = match entry {
            // A link followed back up the tree: what it leads to is walked already.
            Err(e) if is_loop(&e) => return ignore::WalkState::Continue,
            Err(e) => Err(Error::usage(format!(
                "cannot walk {}: {e}",
                self.folder.display()
            ))),
            // A link not followed: its type is the link's own, not what it points to.
            Ok(entry) if entry.file_type().is_some_and(|t| t.is_symlink()) => {
                self.walked.links += 1;
                Ok(None)
            }
            Ok(entry)
                if entry
                    .file_type()
                    .is_some_and(|t| !t.is_file() && !t.is_dir()) =>
            {
                self.walked.special += 1;
                Ok(None)
            }
            Ok(entry) => walked(self.folder, &entry),
        };
        match file {
            Ok(Some(file)) if file.bytes == 0 => self.walked.empty += 1,
            Ok(Some(file)) => self.walked.files.push(file),
            Ok(None) => {}
            Err(e) => {
                let mut found = self.found.lock().unwrap_or_else(|e| e.into_inner());
                found.error.get_or_insert(e);
                return ignore::WalkState::Quit;
            }
        }
        ignore::WalkState::Continue
    }
}

impl Drop for Collector<'_> {
    fn drop(&mut self) {
        let mut found = self.found.lock().unwrap_or_else(|e| e.into_inner());
        found.walked.files.append(&mut self.walked.files);
        found.walked.links += self.walked.links;
        found.walked.empty += self.walked.empty;
        found.walked.special += self.walked.special;
    }
}

/// Whether a walk's error is a link that leads to one of its own ancestors.
fn is_loop(e: &ignore::Error) -> bool {
    match e {
        ignore::Error::Loop { .. } => true,
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => is_loop(err),
        _ => false,
    }
}

/// A walked entry as a file to upload, known by its path under `dir`; `None` for what is not
/// a regular file.
fn walked(dir: &Arc<Path>, entry: &ignore::DirEntry) -> Result<Option<LocalFile>> {
    if !entry.file_type().is_some_and(|t| t.is_file()) {
        return Ok(None);
    }
    let meta = entry
        .metadata()
        .map_err(|e| Error::usage(format!("cannot read {}: {e}", entry.path().display())))?;
    let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
    let key = key_of(rel).ok_or_else(|| crate::upload::not_utf8(entry.path()))?;
    let mut file = LocalFile::described_as(entry.path(), &meta, key)?;
    file.folder = Some(dir.clone());
    crate::upload::check_key(&file.key)?;
    Ok(Some(file))
}

/// A path under the walked folder as the store knows it, with `/` between its parts (on
/// Unix, the walk's paths have no other separator, nor `.` or empty parts); `None` when it
/// is not UTF-8, which a store cannot keep.
fn key_of(rel: &Path) -> Option<String> {
    if cfg!(unix) {
        // One pass: the lossy form is borrowed exactly when the path is UTF-8.
        match rel.to_string_lossy() {
            std::borrow::Cow::Borrowed(key) => Some(key.to_string()),
            std::borrow::Cow::Owned(_) => None,
        }
    } else {
        let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
        parts.map(|p| p.join("/"))
    }
}

/// The longest text an attribute holds (the API refuses more).
const MAX_ATTR_TEXT: usize = crate::upload::MAX_ATTR_TEXT;

/// The longest attribute key the API takes, in characters.
const MAX_ATTR_KEY: usize = 64;

/// `--attr KEY=VALUE`: a boolean, or a number that reads back as written, else text.
pub fn parse_attrs(pairs: &[String]) -> Result<Map<String, Value>> {
    let mut attrs = Map::new();
    for pair in pairs {
        let (k, v) = pair
            .split_once('=')
            .filter(|(k, _)| !k.is_empty() && k.chars().count() <= MAX_ATTR_KEY)
            .ok_or_else(|| Error::usage(format!("--attr '{pair}' is not KEY=VALUE")))?;
        if k.starts_with("asst_") {
            return Err(Error::usage(format!(
                "--attr {k}: keys starting with asst_ are asst's own"
            )));
        }
        if v.chars().count() > MAX_ATTR_TEXT {
            return Err(Error::usage(format!(
                "--attr {k}: a value is at most {MAX_ATTR_TEXT} characters"
            )));
        }
        attrs.insert(k.to_string(), typed(v));
    }
    if attrs.len() > MAX_USER_ATTRS {
        return Err(Error::usage(format!(
            "at most {MAX_USER_ATTRS} --attr pairs (a file has 16 attributes, asst keeps 2)"
        )));
    }
    Ok(attrs)
}

/// An attribute's value as written: `true` and `false` are booleans, a number is a number
/// when it reads back the same (`2024`, `-3`, `0.5`), and anything else is text, so that
/// `007`, `1.10` and `1e3` keep what makes them themselves.
fn typed(v: &str) -> Value {
    match v {
        "true" => Value::Bool(true),
        "false" => Value::Bool(false),
        _ => match number(v) {
            Some(Value::Number(n)) if n.to_string() == v => Value::Number(n),
            _ => Value::String(v.to_string()),
        },
    }
}

/// Any finite number, whole ones as integers.
fn number(v: &str) -> Option<Value> {
    if let Ok(n) = v.parse::<i64>() {
        return Some(Value::from(n));
    }
    let n = v.parse::<f64>().ok().filter(|n| n.is_finite())?;
    serde_json::Number::from_f64(n).map(Value::Number)
}

/// `ask --filter EXPR`, as a file search filter: `key=value`, `key!=value`, `key<n`,
/// `key<=n`, `key>n`, `key>=n`, `key in a,b`, `key not in a,b`. Several are all required.
pub fn parse_filters(exprs: &[String]) -> Result<Option<Value>> {
    let mut filters = Vec::new();
    for expr in exprs {
        filters.push(parse_filter(expr)?);
    }
    Ok(match filters.len() {
        0 => None,
        1 => filters.pop(),
        _ => Some(serde_json::json!({"type": "and", "filters": filters})),
    })
}

fn parse_filter(expr: &str) -> Result<Value> {
    let bad = |why: &str| {
        Error::usage(format!("--filter '{expr}': {why}")).with_hint(
            "the forms are key=value, key!=value, key<n, key<=n, key>n, key>=n, key in a,b, key not in a,b",
        )
    };
    // The operator written first splits, so that a value may hold another (`title=War in
    // Peace`, `k in a=b`); of two at one place, the longer (`<=` over `<`, `==` over `=`).
    const OPERATORS: [(&str, &str); 9] = [
        (" not in ", "nin"),
        (" in ", "in"),
        ("!=", "ne"),
        ("==", "eq"),
        ("<=", "lte"),
        (">=", "gte"),
        ("=", "eq"),
        ("<", "lt"),
        (">", "gt"),
    ];
    let Some((at, op, kind)) = OPERATORS
        .iter()
        .filter_map(|&(op, kind)| expr.find(op).map(|at| (at, op, kind)))
        .min_by_key(|&(at, op, _)| (at, std::cmp::Reverse(op.len())))
    else {
        return Err(bad("there is no operator"));
    };
    let (key, value) = (expr[..at].trim(), &expr[at + op.len()..]);
    // Any key `--attr` can set; one past an attribute's longest can match no file.
    if key.is_empty() || key.chars().count() > MAX_ATTR_KEY || key.chars().any(char::is_control) {
        return Err(bad(
            "the key is missing, longer than 64 characters or holds a control character",
        ));
    }
    let scalar = |v: &str| typed(v.trim());
    if matches!(kind, "in" | "nin") {
        let values: Vec<Value> = value
            .split(',')
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(scalar)
            .collect();
        if values.is_empty() {
            return Err(bad("the list is empty"));
        }
        return Ok(serde_json::json!({"type": kind, "key": key, "value": values}));
    }
    if value.trim().is_empty() {
        return Err(bad("the value is missing"));
    }
    let value = if matches!(kind, "lt" | "lte" | "gt" | "gte") {
        number(value.trim()).ok_or_else(|| bad("a comparison takes a number"))?
    } else {
        scalar(value)
    };
    Ok(serde_json::json!({"type": kind, "key": key, "value": value}))
}

/// A file to upload, with what it is.
#[derive(Debug, Clone)]
pub struct Upload {
    pub file: LocalFile,
    /// Its content's fingerprint, when the plan needed it (the store has the path); else
    /// the upload learns it from what it sends.
    pub fingerprint: Option<String>,
    /// The store's files it replaces (older versions, failed attempts): taken out once the
    /// new one is in.
    pub replaces: Vec<StoreFile>,
    /// Why it replaces them (`None` for a new path): `changed` (its content), `chunks`
    /// (they are not the ones asked for), `forced` (`--force`), `failed` (the store's copy
    /// of this content could not be processed).
    pub reason: Option<&'static str>,
}

/// What to do to make the store hold the local files.
#[derive(Debug, Default)]
pub struct Plan {
    /// New paths, and changed ones (with what they replace).
    pub uploads: Vec<Upload>,
    /// Files the store has already, the same content under the same path.
    pub unchanged: Vec<(LocalFile, StoreFile)>,
    /// Store files whose path is gone from the folder (`--delete`).
    pub removed: Vec<StoreFile>,
    /// Extra copies of a path and content (two asst runs at once): one is kept.
    pub duplicates: Vec<StoreFile>,
    /// Files the store has already whose own attributes are not the ones asked for: their
    /// attributes are updated in place (see [`Plan::retag`]).
    pub updates: Vec<(LocalFile, StoreFile)>,
    /// New paths of files the store may hold under another path that this run does not
    /// give: `docs/a.md` given beside an `a.md` synced from `docs`, or the other way round.
    /// Both are searched; the caller says so.
    pub beside: Vec<(String, String)>,
}

impl Plan {
    /// Moves the unchanged files not cut into the chunks `wanted` to [`Plan::uploads`], as
    /// replacements of themselves: a file's chunks cannot be changed in place, and this way
    /// the old copy is searched until the new one is in.
    pub fn rechunk(&mut self, wanted: Chunking) {
        let (kept, again): (Vec<_>, Vec<_>) = std::mem::take(&mut self.unchanged)
            .into_iter()
            .partition(|(_, stored)| stored.chunked_as(wanted));
        self.unchanged = kept;
        self.uploads
            .extend(again.into_iter().map(|(file, stored)| Upload {
                file,
                fingerprint: stored.fingerprint().map(str::to_string),
                replaces: vec![stored],
                reason: Some("chunks"),
            }));
    }

    /// Moves the unchanged files whose attributes (asst's own aside) are not `wanted` to
    /// [`Plan::updates`]. Nothing asked for leaves every file's attributes as they are.
    pub fn retag(&mut self, wanted: &Map<String, Value>) {
        if wanted.is_empty() {
            return;
        }
        let (updates, unchanged) = std::mem::take(&mut self.unchanged)
            .into_iter()
            .partition(|(_, stored)| !has_attributes(stored, wanted));
        self.unchanged = unchanged;
        self.updates = updates;
    }
}

/// Whether a store file's own attributes are `wanted`, no more and no less; numbers compare
/// by value, as a server may give `2026` back as `2026.0`.
fn has_attributes(stored: &StoreFile, wanted: &Map<String, Value>) -> bool {
    let empty = crate::backend::files::Attrs::default();
    let own: Vec<(&String, &Value)> = stored
        .attributes
        .as_ref()
        .unwrap_or(&empty)
        .iter()
        .filter(|(k, _)| !k.starts_with("asst_"))
        .collect();
    own.len() == wanted.len()
        && own.iter().all(|(k, v)| {
            wanted
                .get(*k)
                .is_some_and(|w| match (v.as_f64(), w.as_f64()) {
                    (Some(a), Some(b)) => a == b,
                    _ => *v == w,
                })
        })
}

/// A path of `held` under which `file`, new by its own path, may be there already: for a
/// file given by itself, the end of its path (`docs/a.md` given, `a.md` synced from
/// `docs`); for one found in a folder, its path with the folder's (`a.md` in `docs`,
/// `docs/a.md` given by itself once).
fn held_elsewhere<T>(file: &LocalFile, held: &BTreeMap<String, T>) -> Option<String> {
    let key = &file.key;
    match &file.folder {
        None => key
            .match_indices('/')
            .map(|(i, _)| &key[i + 1..])
            .find(|tail| held.contains_key(*tail))
            .map(str::to_string),
        Some(folder) => {
            let folder = folder.to_string_lossy();
            let folder = folder.trim_end_matches('/');
            let whole = format!("{}/{key}", folder.strip_prefix("./").unwrap_or(folder));
            held.contains_key(&whole).then_some(whole)
        }
    }
}

/// Compares local files with the store's. `force` uploads even unchanged files; `delete`
/// plans the removal of asst's files whose path is not among the local ones.
pub fn plan(
    local: Vec<LocalFile>,
    existing: Vec<StoreFile>,
    force: bool,
    delete: bool,
) -> Result<Plan> {
    // The store's files by path; files asst did not add (no path) are left alone.
    let mut by_path: BTreeMap<String, Vec<StoreFile>> = BTreeMap::new();
    for f in existing {
        if let Some(p) = f.path() {
            // Most paths have one file: a vector's first push makes room for four.
            let held = by_path
                .entry(p.to_string())
                .or_insert_with(|| Vec::with_capacity(1));
            held.push(f);
        }
    }
    let mut plan = Plan::default();
    // At most as many unchanged as the store has paths: room made once, rather than by
    // doubling (for 10,000 files, 6 MB copied about and a third more held at the peak).
    plan.unchanged.reserve(local.len().min(by_path.len()));
    let mut seen = HashSet::new();
    for file in local {
        if !seen.insert(file.key.clone()) {
            continue; // the same path given twice is added once
        }
        let entries = by_path.remove(&file.key).unwrap_or_default();
        if entries.is_empty() || force {
            // Nothing to compare (a new path, or --force): the file is read once, as it is
            // sent.
            let reason = (!entries.is_empty()).then_some("forced");
            plan.uploads.push(Upload {
                file,
                fingerprint: None,
                replaces: entries,
                reason,
            });
            continue;
        }
        let fingerprint = file.fingerprint()?;
        let live = |f: &StoreFile| f.status != "failed" && f.status != "cancelled";
        let mut entries = entries;
        let same = entries
            .iter()
            .position(|f| live(f) && f.fingerprint() == Some(fingerprint.as_str()));
        match same {
            Some(i) => {
                let kept = entries.remove(i);
                // What else is under this path is a copy or a stale version: out.
                plan.duplicates.extend(entries);
                plan.unchanged.push((file, kept));
            }
            _ => {
                // The same content is there, but failed: sent again. Otherwise it changed.
                let same_failed = entries
                    .iter()
                    .any(|f| f.fingerprint() == Some(fingerprint.as_str()));
                plan.uploads.push(Upload {
                    file,
                    fingerprint: Some(fingerprint),
                    replaces: entries,
                    reason: Some(if same_failed { "failed" } else { "changed" }),
                })
            }
        }
    }
    // What is left of the store's paths is what this run does not give (all of it goes
    // with --delete).
    if !delete && !by_path.is_empty() {
        for u in &plan.uploads {
            if let Some(held) = held_elsewhere(&u.file, &by_path) {
                plan.beside.push((u.file.key.clone(), held));
            }
        }
    }
    for (_, mut entries) in by_path {
        if delete {
            plan.removed.extend(entries);
            continue;
        }
        // Not in this run: only copies of the same content are tidied.
        entries.sort_by(|a, b| a.id.cmp(&b.id));
        let mut fingerprints = HashSet::new();
        for f in entries {
            if !fingerprints.insert(f.fingerprint().map(str::to_string)) {
                plan.duplicates.push(f);
            }
        }
    }
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::files::{FINGERPRINT_KEY, PATH_KEY};

    fn stored(id: &str, path: &str, fp: &str, status: &str) -> StoreFile {
        let mut attrs = Map::new();
        attrs.insert(PATH_KEY.into(), Value::String(path.into()));
        attrs.insert(FINGERPRINT_KEY.into(), Value::String(fp.into()));
        StoreFile {
            id: id.into(),
            status: status.into(),
            attributes: Some(attrs.into()),
            ..StoreFile::default()
        }
    }

    fn local(dir: &Path, key: &str, content: &str) -> LocalFile {
        let path = dir.join(key.replace('/', "_"));
        std::fs::write(&path, content).unwrap();
        let mut f = LocalFile::check(&path).unwrap();
        f.key = key.into();
        f
    }

    #[test]
    fn the_plan_adds_replaces_keeps_removes_and_tidies() {
        let tmp = tempfile::tempdir().unwrap();
        let same = local(tmp.path(), "docs/same.md", "same");
        let fp = same.fingerprint().unwrap();
        let changed = local(tmp.path(), "docs/changed.md", "new");
        let new = local(tmp.path(), "notes/new.md", "n");
        let retried = local(tmp.path(), "docs/retried.md", "r");
        let existing = vec![
            stored("file-1", "docs/same.md", &fp, "completed"),
            stored("file-2", "docs/same.md", &fp, "completed"), // a racing copy
            stored("file-3", "docs/changed.md", "fnv1a64:old", "completed"),
            stored("file-4", "docs/gone.md", "fnv1a64:x", "completed"),
            stored(
                "file-5",
                "docs/retried.md",
                &retried.fingerprint().unwrap(),
                "failed",
            ),
        ];
        let p = plan(
            vec![same.clone(), changed, new, same, retried],
            existing.clone(),
            false,
            false,
        )
        .unwrap();
        let keys: Vec<&str> = p.uploads.iter().map(|u| u.file.key.as_str()).collect();
        assert_eq!(
            keys,
            ["docs/changed.md", "notes/new.md", "docs/retried.md"],
            "each path once"
        );
        assert_eq!(p.uploads[0].replaces[0].id, "file-3");
        assert!(p.uploads[1].replaces.is_empty());
        let reasons: Vec<Option<&str>> = p.uploads.iter().map(|u| u.reason).collect();
        assert_eq!(reasons, [Some("changed"), None, Some("failed")]);
        assert_eq!(p.unchanged[0].1.id, "file-1");
        assert_eq!(
            p.duplicates
                .iter()
                .map(|f| f.id.as_str())
                .collect::<Vec<_>>(),
            ["file-2"]
        );
        assert!(p.removed.is_empty(), "without --delete");
        let p = plan(vec![], existing.clone(), false, true).unwrap();
        assert_eq!(p.removed.len(), 5);
        let forced = local(tmp.path(), "docs/same.md", "same");
        let p = plan(vec![forced], existing, true, false).unwrap();
        assert_eq!(p.uploads[0].reason, Some("forced"));
    }

    #[test]
    fn kept_files_cut_otherwise_are_sent_again_in_their_own_place() {
        let tmp = tempfile::tempdir().unwrap();
        let files: Vec<LocalFile> = ["a.md", "b.md", "c.md", "d.md", "e.md", "f.md"]
            .iter()
            .map(|k| local(tmp.path(), k, k))
            .collect();
        let chunked = |f: &LocalFile, id: &str, strategy: Value| StoreFile {
            chunking_strategy: Some(serde_json::value::to_raw_value(&strategy).unwrap()),
            ..stored(id, &f.key, &f.fingerprint().unwrap(), "completed")
        };
        let auto = serde_json::json!({"type": "static", "static": {"max_chunk_size_tokens": 800, "chunk_overlap_tokens": 400}});
        let asked = |mut f: StoreFile, label: &str| {
            f.attributes
                .as_mut()
                .unwrap()
                .insert(crate::backend::files::CHUNKS_KEY.into(), label.into());
            f
        };
        let existing = vec![
            chunked(
                &files[0],
                "file-a",
                serde_json::json!({"type": "static", "static": {"max_chunk_size_tokens": 300, "chunk_overlap_tokens": 100}}),
            ),
            chunked(
                &files[1],
                "file-b",
                serde_json::json!({"type": "static", "static": {"max_chunk_size_tokens": 800, "chunk_overlap_tokens": 400}}),
            ),
            // indexed before chunking had a name: asked for chunks, it is cut again
            chunked(&files[2], "file-c", serde_json::json!({"type": "other"})),
            // a server that does not say: left as it is
            stored(
                "file-d",
                "d.md",
                &files[3].fingerprint().unwrap(),
                "completed",
            ),
            // what asst asked for counts, whatever the server reports
            asked(chunked(&files[4], "file-e", auto.clone()), "300/100"),
            asked(chunked(&files[5], "file-f", auto), "500/250"),
        ];
        let mut p = plan(files, existing, false, false).unwrap();
        p.rechunk(Chunking {
            size: 300,
            overlap: 100,
        });
        let kept: Vec<&str> = p.unchanged.iter().map(|(_, s)| s.id.as_str()).collect();
        assert_eq!(kept, ["file-a", "file-d", "file-e"]);
        let again: Vec<(&str, &str)> = p
            .uploads
            .iter()
            .map(|u| (u.file.key.as_str(), u.replaces[0].id.as_str()))
            .collect();
        assert_eq!(
            again,
            [("b.md", "file-b"), ("c.md", "file-c"), ("f.md", "file-f")]
        );
        assert!(p.uploads.iter().all(|u| u.fingerprint.is_some()));
    }

    #[test]
    fn kept_files_are_retagged_only_when_their_attributes_differ() {
        let tmp = tempfile::tempdir().unwrap();
        let a = local(tmp.path(), "a.md", "a");
        let b = local(tmp.path(), "b.md", "b");
        let mut tagged = stored("file-1", "a.md", &a.fingerprint().unwrap(), "completed");
        // a server may give a whole number back as a float
        let attrs = tagged.attributes.as_mut().unwrap();
        attrs.insert("year".into(), serde_json::json!(2026.0));
        attrs.insert("team".into(), serde_json::json!("docs"));
        let bare = stored("file-2", "b.md", &b.fingerprint().unwrap(), "completed");
        let made = || {
            plan(
                vec![a.clone(), b.clone()],
                vec![tagged.clone(), bare.clone()],
                false,
                false,
            )
            .unwrap()
        };
        let wanted = parse_attrs(&["year=2026".into(), "team=docs".into()]).unwrap();
        let mut p = made();
        p.retag(&Map::new());
        assert_eq!(p.unchanged.len(), 2, "nothing asked for: left alone");
        let mut p = made();
        p.retag(&wanted);
        assert_eq!(p.unchanged[0].1.id, "file-1");
        assert_eq!(p.updates.len(), 1);
        assert_eq!(p.updates[0].1.id, "file-2");
        let mut p = made();
        p.retag(&parse_attrs(&["year=2026".into()]).unwrap());
        assert_eq!(
            p.updates.len(),
            2,
            "a key no longer asked for is a difference"
        );
    }

    #[test]
    fn filters_map_to_file_search_comparisons() {
        let one = |e: &str| parse_filters(&[e.to_string()]).unwrap().unwrap();
        assert_eq!(
            one("team=docs"),
            serde_json::json!({"type": "eq", "key": "team", "value": "docs"})
        );
        assert_eq!(
            one("year>=2024"),
            serde_json::json!({"type": "gte", "key": "year", "value": 2024})
        );
        assert_eq!(
            one("draft!=true"),
            serde_json::json!({"type": "ne", "key": "draft", "value": true})
        );
        assert_eq!(
            one("lang in en, de,"),
            serde_json::json!({"type": "in", "key": "lang", "value": ["en", "de"]})
        );
        assert_eq!(
            one("lang not in fr"),
            serde_json::json!({"type": "nin", "key": "lang", "value": ["fr"]})
        );
        let both = parse_filters(&["a=1".into(), "b<2".into()])
            .unwrap()
            .unwrap();
        assert_eq!(both["type"], "and");
        assert_eq!(both["filters"].as_array().unwrap().len(), 2);
        // The operator that comes first splits: a value may hold another one.
        assert_eq!(
            one("title=War in Peace"),
            serde_json::json!({"type": "eq", "key": "title", "value": "War in Peace"})
        );
        assert_eq!(
            one("eq in a=b, c<d"),
            serde_json::json!({"type": "in", "key": "eq", "value": ["a=b", "c<d"]})
        );
        assert_eq!(
            one("team == docs"),
            serde_json::json!({"type": "eq", "key": "team", "value": "docs"}),
            "== is =, not = with a value of '= docs'"
        );
        // Any key --attr can set is reachable, spaces and punctuation included.
        assert_eq!(
            one("my key:v2/x != 1"),
            serde_json::json!({"type": "ne", "key": "my key:v2/x", "value": 1})
        );
        for bad in [
            "",
            "team",
            "=x",
            "year<soon",
            "lang in ",
            "a\tb=c",
            "x=",
            " in a",
        ] {
            assert!(parse_filters(&[bad.to_string()]).is_err(), "{bad}");
        }
        assert_eq!(parse_filters(&[]).unwrap(), None);
    }

    #[test]
    fn attributes_read_as_numbers_booleans_or_text_as_written() {
        let a =
            parse_attrs(&["team=docs".into(), "year=2026".into(), "draft=false".into()]).unwrap();
        assert_eq!(a["team"], "docs");
        assert_eq!(a["year"], serde_json::json!(2026));
        assert_eq!(a["draft"], false);
        let a = parse_attrs(&["zip=007".into(), "v=1.10".into(), "r=0.25".into()]).unwrap();
        assert_eq!(
            a["zip"], "007",
            "a number that would not read back stays text"
        );
        assert_eq!(a["v"], "1.10");
        assert_eq!(a["r"], serde_json::json!(0.25));
        assert!(parse_attrs(&["novalue".into()]).is_err());
        assert!(parse_attrs(&["asst_path=x".into()]).is_err());
        assert!(parse_attrs(&[format!("long={}", "é".repeat(512))]).is_ok());
        assert!(parse_attrs(&[format!("long={}", "é".repeat(513))]).is_err());
        // Keys are counted in characters too, as the API counts them.
        assert!(parse_attrs(&[format!("{}=x", "é".repeat(64))]).is_ok());
        assert!(parse_attrs(&[format!("{}=x", "é".repeat(65))]).is_err());
        assert!(parse_filters(&[format!("{}=x", "é".repeat(64))]).is_ok());
        assert!(parse_filters(&[format!("{}=x", "é".repeat(65))]).is_err());
    }
}
