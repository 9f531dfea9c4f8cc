//! Uploads from disk: a multipart body streamed from the file (never read whole into
//! memory), content fingerprints for idempotent re-runs, and progress on stderr.

use bytes::Bytes;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};

use crate::error::{Error, Result};

const CHUNK: usize = 64 * 1024;

/// A local file to upload, checked before anything is sent.
#[derive(Debug, Clone)]
pub struct LocalFile {
    pub path: PathBuf,
    /// The name the server will know it by (the path's last component).
    pub name: String,
    pub bytes: u64,
    /// Its identity in a store (`asst_path`): the path relative to a synced folder, or as
    /// given on the command line, or the name given to standard input.
    pub key: String,
    /// Standard input, spooled to a file of asst's own (removed with the last clone).
    pub _spool: Option<Arc<Spool>>,
    /// The folder a walk found it in, as given; `None` for a file given by itself.
    pub folder: Option<Arc<Path>>,
}

/// The largest file the Files API takes for file search.
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// The longest text an attribute holds, and so the longest path a store keeps.
pub const MAX_ATTR_TEXT: usize = 512;

const UNKEEPABLE: &str = "rename or move it; store sync leaves it out with --exclude";

/// Whether a store can keep `key` as a file's path: `asst_path` is an attribute, text of at
/// most 512 characters.
pub fn check_key(key: &str) -> Result<()> {
    // Bytes bound characters: most keys are far shorter, and need no count.
    if key.len() <= MAX_ATTR_TEXT {
        return Ok(());
    }
    let chars = key.chars().count();
    if chars > MAX_ATTR_TEXT {
        return Err(Error::usage(format!(
            "{}: its path has {chars} characters, and a store keeps paths of at most {MAX_ATTR_TEXT} (asst_path)",
            crate::render::escaped(key)
        ))
        .with_hint(UNKEEPABLE));
    }
    Ok(())
}

/// A path that is not UTF-8 cannot be a store's `asst_path`, which is JSON text; its lossy
/// form would be two files' path at once (`caf\xe9` and `caf\xea` both read `caf\u{fffd}`).
pub fn not_utf8(path: &Path) -> Error {
    Error::usage(format!(
        "{}: the path is not UTF-8, and a store keeps paths as text",
        crate::render::escaped(&path.to_string_lossy())
    ))
    .with_hint(UNKEEPABLE)
}

/// A file asst wrote for itself (standard input, for a multipart body of a known length);
/// removed when dropped.
#[derive(Debug)]
pub struct Spool(PathBuf);

impl Drop for Spool {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

impl LocalFile {
    /// Standard input as a file named `name`: copied to a spool file (the upload needs its
    /// length before it starts), at most [`MAX_FILE_BYTES`]. The copy runs on a thread of
    /// its own while a signal is awaited: a pipe that stalls still ends on Ctrl-C, and the
    /// spool file goes with the command (a signal's default action would leave it).
    pub async fn stdin(name: &str) -> Result<LocalFile> {
        if name.is_empty() || name.contains(['/', '\\']) {
            return Err(Error::usage(format!("'{name}' is not a usable file name")));
        }
        // Its key is its name: checked before standard input is read.
        if name.chars().count() > MAX_ATTR_TEXT {
            return Err(Error::usage(format!(
                "the name of standard input has {} characters, and a store keeps paths of at most {MAX_ATTR_TEXT} (asst_path)",
                name.chars().count()
            )));
        }
        let cannot = |e: std::io::Error| Error::usage(format!("cannot spool standard input: {e}"));
        let spool = LocalFile::spool(name)?;
        let mut file = spool.file.get_ref().try_clone().map_err(cannot)?;
        let (tx, copied) = tokio::sync::oneshot::channel();
        std::thread::spawn(move || {
            let mut stdin = std::io::stdin().lock().take(MAX_FILE_BYTES + 1);
            let _ = tx.send(std::io::copy(&mut stdin, &mut file));
        });
        let copied = crate::signal::unless_interrupted(copied)
            .await
            .map_err(crate::signal::error)?
            .map_err(|_| cannot(std::io::Error::other("the copy stopped")))?
            .map_err(cannot)?;
        if copied > MAX_FILE_BYTES {
            return Err(Error::usage(format!(
                "standard input is larger than {} MB, the most a file may be",
                MAX_FILE_BYTES >> 20
            )));
        }
        if copied == 0 {
            return Err(Error::usage(
                "standard input is empty, and the Files API takes no empty file",
            ));
        }
        spool.finish()
    }

    /// A file for asst to write (a Batch API job, written as its lines come), to be
    /// uploaded as `name` once [`Spooling::finish`]ed; dropped before, it is removed.
    pub fn spool(name: &str) -> Result<Spooling> {
        // Its own new file, readable by its owner alone: what it holds (standard input,
        // the questions) may be private, and another user could have left a file or a
        // link at a name that is easy to guess.
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut tries = 0;
        let (file, path) = loop {
            let path = std::env::temp_dir().join(format!(
                "asst-spool-{}-{}",
                std::process::id(),
                SPOOLS.fetch_add(1, Ordering::Relaxed)
            ));
            match options.open(&path) {
                Ok(file) => break (file, path),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && tries < 100 => {
                    tries += 1
                }
                Err(e) => return Err(cannot_write(&path, e)),
            }
        };
        Ok(Spooling {
            file: std::io::BufWriter::new(file),
            name: name.to_string(),
            spool: Arc::new(Spool(path)),
        })
    }
}

/// Spool files made by this process, for their names.
static SPOOLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// A spool file being written: see [`LocalFile::spool`].
pub struct Spooling {
    file: std::io::BufWriter<File>,
    name: String,
    spool: Arc<Spool>,
}

impl Spooling {
    pub fn writer(&mut self) -> &mut std::io::BufWriter<File> {
        &mut self.file
    }

    /// The file written, to upload.
    pub fn finish(mut self) -> Result<LocalFile> {
        use std::io::Write;
        let path = self.spool.0.clone();
        self.file.flush().map_err(|e| cannot_write(&path, e))?;
        let bytes = self
            .file
            .get_ref()
            .metadata()
            .map_err(|e| cannot_write(&path, e))?
            .len();
        Ok(LocalFile {
            path,
            key: self.name.clone(),
            name: self.name,
            bytes,
            _spool: Some(self.spool),
            folder: None,
        })
    }
}

fn cannot_write(path: &Path, e: std::io::Error) -> Error {
    Error::new(
        crate::error::Kind::Other,
        format!("cannot write {}: {e}", path.display()),
    )
}

impl LocalFile {
    /// A file named on the command line: it must be a readable regular file.
    pub fn check(path: &Path) -> Result<LocalFile> {
        let meta = std::fs::metadata(path)
            .map_err(|e| Error::usage(format!("cannot read {}: {e}", path.display())))?;
        if !meta.is_file() {
            return Err(Error::usage(format!("{} is not a file", path.display())));
        }
        File::open(path)
            .map_err(|e| Error::usage(format!("cannot read {}: {e}", path.display())))?;
        if meta.len() == 0 {
            return Err(Error::usage(format!(
                "{} is empty, and the Files API takes no empty file",
                path.display()
            )));
        }
        LocalFile::described(path, &meta)
    }

    /// A file a folder walk found, as its metadata describes it: not opened here (a file
    /// that cannot be read fails the plan's fingerprint, or its own upload before a byte
    /// of it is sent).
    pub fn described(path: &Path, meta: &std::fs::Metadata) -> Result<LocalFile> {
        let key = path.to_string_lossy().trim_start_matches("./").to_string();
        LocalFile::described_as(path, meta, key)
    }

    /// The same, known in the store by `key`.
    pub fn described_as(path: &Path, meta: &std::fs::Metadata, key: String) -> Result<LocalFile> {
        let name = match path.file_name() {
            Some(n) if n.to_str().is_none() => return Err(not_utf8(path)),
            n => n.and_then(|n| n.to_str()).filter(|n| !n.is_empty()),
        }
        .ok_or_else(|| Error::usage(format!("{} has no usable file name", path.display())))?
        .to_string();
        if meta.len() > MAX_FILE_BYTES {
            return Err(Error::usage(format!(
                "{} is {} bytes; the Files API takes at most {} MB",
                path.display(),
                meta.len(),
                MAX_FILE_BYTES >> 20
            )));
        }
        Ok(LocalFile {
            path: path.to_path_buf(),
            key,
            name,
            bytes: meta.len(),
            _spool: None,
            folder: None,
        })
    }

    /// A file named on the command line, if a store can know it by its path as given
    /// (see [`check_key`]); one that is not UTF-8 it cannot.
    pub fn keepable(self) -> Result<LocalFile> {
        if self.path.to_str().is_none() {
            return Err(not_utf8(&self.path));
        }
        check_key(&self.key)?;
        Ok(self)
    }

    /// A 64-bit FNV-1a fingerprint of the content, read in chunks. It tells a re-run that a
    /// file is already in the store; it is not a security measure.
    pub fn fingerprint(&self) -> Result<String> {
        let cannot =
            |e: std::io::Error| Error::usage(format!("cannot read {}: {e}", self.path.display()));
        let mut file = File::open(&self.path).map_err(cannot)?;
        let mut hash = Fingerprint::new();
        // Sized to the file: zeroing 64 KiB for each of thousands of small files is most of
        // their cost.
        let size = usize::try_from(self.bytes.saturating_add(1)).unwrap_or(CHUNK);
        let mut buf = vec![0u8; CHUNK.min(size)];
        loop {
            let n = file.read(&mut buf).map_err(cannot)?;
            if n == 0 {
                break;
            }
            hash.update(&buf[..n]);
        }
        Ok(hash.text())
    }

    /// Opens the file for its upload: a file that cannot be read is named before anything
    /// is sent.
    pub fn open(&self) -> Result<File> {
        File::open(&self.path)
            .map_err(|e| Error::usage(format!("cannot read {}: {e}", self.path.display())))
    }
}

/// FNV-1a, 64 bits: what `asst_fingerprint` holds, as `fnv1a64:` and 16 hex digits.
#[derive(Debug, Clone, Copy)]
struct Fingerprint(u64);

impl Fingerprint {
    fn new() -> Fingerprint {
        Fingerprint(0xcbf2_9ce4_8422_2325)
    }

    fn update(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn text(self) -> String {
        format!("fnv1a64:{:016x}", self.0)
    }
}

/// The fingerprint of what one upload sent, set when its body has been read to the end:
/// what the store holds, even if the file changed after it was planned.
#[derive(Debug, Clone, Default)]
pub struct Sent(Arc<std::sync::Mutex<Option<String>>>);

impl Sent {
    fn set(&self, value: Option<String>) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = value;
    }

    /// The fingerprint of the last body sent whole, if one was.
    pub fn fingerprint(&self) -> Option<String> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

/// A `multipart/form-data` body with text fields and one file part, whose content is read
/// from disk as the request is sent. Its exact length is known up front.
pub struct MultipartFile {
    head: Option<Bytes>,
    path: PathBuf,
    file: Option<File>,
    remaining: u64,
    tail: Option<Bytes>,
    sent: Arc<AtomicU64>,
    hash: Fingerprint,
    whole: Option<Sent>,
}

macro_rules! boundary {
    () => {
        "asst-form-boundary-7d1f0c2b9e4a"
    };
}
pub const BOUNDARY: &str = boundary!();
const TAIL: &str = concat!("\r\n--", boundary!(), "--\r\n");

impl MultipartFile {
    /// The body of one attempt: `opened` is the file already open (else it is opened when
    /// the body is first read); `sent` counts bytes for the progress line; `whole`, when
    /// given, learns the fingerprint of the content once all of it has gone.
    pub fn new(
        fields: &[(&str, &str)],
        file: &LocalFile,
        opened: Option<File>,
        sent: Arc<AtomicU64>,
        whole: Option<Sent>,
    ) -> MultipartFile {
        use std::fmt::Write;
        let mut head = String::with_capacity(256);
        for (k, v) in fields {
            let _ = write!(
                head,
                "--{BOUNDARY}\r\ncontent-disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n"
            );
        }
        let _ = write!(
            head,
            "--{BOUNDARY}\r\ncontent-disposition: form-data; name=\"file\"; filename=\"{}\"\r\ncontent-type: application/octet-stream\r\n\r\n",
            file.name.replace(['"', '\r', '\n'], "_")
        );
        if let Some(w) = &whole {
            w.set(None);
        }
        MultipartFile {
            head: Some(Bytes::from(head)),
            path: file.path.clone(),
            file: opened,
            remaining: file.bytes,
            tail: Some(Bytes::from_static(TAIL.as_bytes())),
            sent,
            hash: Fingerprint::new(),
            whole,
        }
    }

    /// The body's exact length in bytes, for `content-length`.
    pub fn content_length(&self) -> u64 {
        let h = self.head.as_ref().map_or(0, |b| b.len() as u64);
        let t = self.tail.as_ref().map_or(0, |b| b.len() as u64);
        h + self.remaining + t
    }

    pub const CONTENT_TYPE: &str = concat!("multipart/form-data; boundary=", boundary!());

    fn next_chunk(&mut self) -> std::io::Result<Option<Bytes>> {
        if let Some(head) = self.head.take() {
            return Ok(Some(head));
        }
        if self.remaining > 0 {
            let file = match &mut self.file {
                Some(f) => f,
                None => self.file.insert(File::open(&self.path)?),
            };
            let want = CHUNK.min(self.remaining as usize);
            let mut buf = vec![0u8; want];
            let n = file.read(&mut buf)?;
            if n == 0 {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::UnexpectedEof,
                    format!("{} shrank while it was uploaded", self.path.display()),
                ));
            }
            buf.truncate(n);
            if self.whole.is_some() {
                self.hash.update(&buf);
            }
            self.remaining -= n as u64;
            self.sent.fetch_add(n as u64, Ordering::Relaxed);
            return Ok(Some(Bytes::from(buf)));
        }
        if let (Some(w), Some(_)) = (&self.whole, &self.tail) {
            w.set(Some(self.hash.text()));
        }
        Ok(self.tail.take())
    }
}

impl http_body::Body for MultipartFile {
    type Data = Bytes;
    type Error = std::io::Error;

    // Reads from disk on the runtime's thread: a 64 KiB read from a local file is short,
    // and a single-threaded CLI has nothing else to starve.
    fn poll_frame(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<std::result::Result<http_body::Frame<Bytes>, std::io::Error>>> {
        Poll::Ready(
            self.next_chunk()
                .transpose()
                .map(|r| r.map(http_body::Frame::data)),
        )
    }

    fn size_hint(&self) -> http_body::SizeHint {
        http_body::SizeHint::with_exact(self.content_length())
    }
}

/// Upload progress on stderr: a line rewritten in place on a terminal, one plain line per
/// finished file otherwise, nothing when quiet.
pub struct Progress {
    mode: ProgressMode,
    pub sent: Arc<AtomicU64>,
    total_bytes: u64,
    total_files: usize,
    done_files: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ProgressMode {
    Terminal,
    Lines,
    Quiet,
}

impl Progress {
    /// `tty`: stderr shows a line redrawn in place (decided by `settings`).
    pub fn new<'a>(files: impl Iterator<Item = &'a LocalFile>, quiet: bool, tty: bool) -> Progress {
        let (total_files, total_bytes) = files.fold((0, 0), |(n, b), f| (n + 1, b + f.bytes));
        Progress {
            mode: match (quiet, tty) {
                (true, _) => ProgressMode::Quiet,
                (false, true) => ProgressMode::Terminal,
                (false, false) => ProgressMode::Lines,
            },
            sent: Arc::new(AtomicU64::new(0)),
            total_bytes,
            total_files,
            done_files: 0,
        }
    }

    /// Redraws the terminal line (called on a timer while uploads run).
    pub fn tick(&self) {
        if self.mode == ProgressMode::Terminal {
            crate::output::progress_line(&format!(
                "asst: uploading {}/{} files, {} of {}",
                self.done_files,
                self.total_files,
                human_bytes(self.sent.load(Ordering::Relaxed).min(self.total_bytes)),
                human_bytes(self.total_bytes)
            ));
        }
    }

    /// One file finished uploading (or was skipped); `line` says so, when it is shown. A
    /// terminal's line is redrawn by the caller's timer, not for each of thousands of files.
    pub fn file_done(&mut self, line: impl FnOnce() -> String) {
        self.done_files += 1;
        if self.mode == ProgressMode::Lines {
            crate::output::notice(&line());
        }
    }

    /// Draws the final state and ends the line, before other output.
    pub fn finish(&self) {
        if self.mode == ProgressMode::Terminal {
            self.tick();
            crate::output::end_progress_line();
        }
    }
}

pub fn human_bytes(n: u64) -> String {
    match n {
        0..1_000 => format!("{n} B"),
        1_000..1_000_000 => format!("{:.1} kB", n as f64 / 1e3),
        1_000_000..1_000_000_000 => format!("{:.1} MB", n as f64 / 1e6),
        _ => format!("{:.2} GB", n as f64 / 1e9),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_spool_file_is_new_and_its_owners_alone() {
        use std::os::unix::fs::PermissionsExt;
        // Links planted at the next names it would take, to a file it must not touch.
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("victim");
        std::fs::write(&target, "keep me").unwrap();
        let next = SPOOLS.load(Ordering::Relaxed);
        let planted: Vec<PathBuf> = (next..next + 3)
            .map(|n| std::env::temp_dir().join(format!("asst-spool-{}-{n}", std::process::id())))
            .collect();
        for link in &planted {
            std::os::unix::fs::symlink(&target, link).unwrap();
        }
        let mut spool = LocalFile::spool("x.txt").unwrap();
        std::io::Write::write_all(spool.writer(), b"secret").unwrap();
        let file = spool.finish().unwrap();
        for link in &planted {
            let _ = std::fs::remove_file(link);
        }
        assert!(!planted.contains(&file.path), "{}", file.path.display());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep me");
        let meta = std::fs::symlink_metadata(&file.path).unwrap();
        assert!(meta.is_file());
        assert_eq!(meta.permissions().mode() & 0o777, 0o600);
        assert_eq!(std::fs::read_to_string(&file.path).unwrap(), "secret");
        let path = file.path.clone();
        drop(file);
        assert!(!path.exists(), "removed with the last clone");
    }
    use http_body::Body;

    #[test]
    fn multipart_body_streams_the_file_with_an_exact_length() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("notes \"x\".md");
        let content: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&path, &content).unwrap();
        let file = LocalFile::check(&path).unwrap();
        let sent = Arc::new(AtomicU64::new(0));
        let whole = Sent::default();
        let new = || {
            let fields = &[("purpose", "assistants")];
            MultipartFile::new(fields, &file, None, sent.clone(), Some(whole.clone()))
        };
        // A body cut off before its end says nothing of what the store holds.
        let mut cut = new();
        cut.next_chunk().unwrap();
        cut.next_chunk().unwrap();
        assert_eq!(whole.fingerprint(), None);
        sent.store(0, Ordering::Relaxed);
        let mut body = new();
        let declared = body.size_hint().exact().unwrap();
        assert_eq!(declared, body.content_length());
        let mut all = Vec::new();
        let mut chunks = 0;
        while let Some(c) = body.next_chunk().unwrap() {
            assert!(c.len() <= CHUNK || chunks == 0);
            all.extend_from_slice(&c);
            chunks += 1;
        }
        assert_eq!(whole.fingerprint(), Some(file.fingerprint().unwrap()));
        assert_eq!(all.len() as u64, declared);
        assert!(chunks > 3, "the file was not streamed in chunks");
        assert_eq!(sent.load(Ordering::Relaxed), content.len() as u64);
        let text = String::from_utf8_lossy(&all);
        assert!(text.contains("name=\"purpose\"\r\n\r\nassistants\r\n"));
        assert!(text.contains("filename=\"notes _x_.md\""));
        assert!(text.ends_with(&format!("\r\n--{BOUNDARY}--\r\n")));
        assert!(all.windows(content.len()).any(|w| w == &content[..]));
    }

    #[test]
    fn fingerprints_follow_content() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().to_path_buf();
        let (a, b, c) = (dir.join("a"), dir.join("b"), dir.join("c"));
        std::fs::write(&a, b"same").unwrap();
        std::fs::write(&b, b"same").unwrap();
        std::fs::write(&c, b"other").unwrap();
        let fp = |p: &PathBuf| LocalFile::check(p).unwrap().fingerprint().unwrap();
        assert_eq!(fp(&a), fp(&b));
        assert_ne!(fp(&a), fp(&c));
        assert!(LocalFile::check(&dir).is_err());
        assert!(LocalFile::check(&dir.join("missing")).is_err());
    }
}
