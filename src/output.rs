//! The guarded standard streams.
//!
//! stdout is written through one buffer that is flushed when the input at hand has been
//! rendered (after every network read while streaming), so deltas reach the reader at once
//! and bursts coalesce into one write. A closed pipe is not an error worth a message: callers
//! see `BrokenPipe` and exit quietly. Nothing here panics on a closed stream, unlike
//! `print!`/`eprintln!`.

use std::io::{self, BufWriter, Write};

/// Standard output, buffered by asst (not by std's line buffering).
pub struct Stdout {
    inner: BufWriter<Box<dyn Write>>,
}

impl Stdout {
    pub fn new() -> Stdout {
        Stdout {
            inner: BufWriter::with_capacity(64 * 1024, raw_stdout()),
        }
    }
}

impl Default for Stdout {
    fn default() -> Self {
        Self::new()
    }
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf)
    }
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.inner.write_all(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(unix)]
fn raw_stdout() -> Box<dyn Write> {
    use std::os::fd::AsFd;
    // A second handle on fd 1, so writes skip std's line buffer (asst does its own).
    match io::stdout().as_fd().try_clone_to_owned() {
        Ok(fd) => Box::new(std::fs::File::from(fd)),
        Err(_) => Box::new(io::stdout()),
    }
}

#[cfg(not(unix))]
fn raw_stdout() -> Box<dyn Write> {
    Box::new(io::stdout())
}

/// Writes one diagnostic line to stderr, `asst: ` first; a closed stderr is ignored.
pub fn notice(line: &str) {
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "asst: {line}");
}
