//! An incremental decoder for server-sent events.
//!
//! Bytes go in as they arrive from the network, in chunks split anywhere; complete events
//! come out. It follows the WHATWG rules that matter here: lines end in `\n` or `\r\n`, a
//! blank line ends an event, `:` starts a comment (keep-alive), `data:` may repeat and its
//! values join with `\n`, one space after the colon is dropped, unknown fields are ignored.
//! A lone `\r` as a line end is not supported (neither API sends it).
//!
//! Events borrow from the decoder's buffer: the usual one-line `data:` costs no copy and no
//! allocation; several `data:` lines are joined in a scratch buffer that is reused.
//! It never re-sends or reconnects anything: it only decodes.

/// One event, borrowed from the decoder until the next call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SseEvent<'a> {
    /// The `event:` field; empty when the event had none (or it was not UTF-8).
    pub event: &'a str,
    /// The `data:` lines joined by `\n`, as bytes: the JSON parser validates UTF-8 itself.
    pub data: &'a [u8],
}

#[derive(Debug, Default)]
pub struct Decoder {
    /// Received bytes; those before `start` are consumed.
    buf: Vec<u8>,
    start: usize,
    /// Where to resume looking for the end of the current event.
    scan: usize,
    /// Multi-line data, joined.
    scratch: Vec<u8>,
    /// The next event, parsed: byte ranges into `buf`.
    ready: Option<Prepared>,
}

#[derive(Debug, Clone, Copy)]
struct Prepared {
    event: (usize, usize),
    /// The data's range in `buf`, or `None` when it is joined in `scratch`.
    data: Option<(usize, usize)>,
}

impl Decoder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Feeds a chunk of the body. Complete events become available from [`Decoder::next_event`].
    pub fn feed(&mut self, chunk: &[u8]) {
        // Compact once consumed bytes are the larger part; a prepared event pins its bytes.
        if self.ready.is_none() && self.start > 0 && self.start * 2 >= self.buf.len() {
            self.buf.drain(..self.start);
            self.scan -= self.start;
            self.start = 0;
        }
        self.buf.extend_from_slice(chunk);
    }

    /// The next complete event, in the order they arrived.
    pub fn next_event(&mut self) -> Option<SseEvent<'_>> {
        if self.ready.is_none() && !self.prepare() {
            return None;
        }
        let p = self.ready.take()?;
        let event = std::str::from_utf8(&self.buf[p.event.0..p.event.1]).unwrap_or("");
        let data = match p.data {
            Some((a, b)) => &self.buf[a..b],
            None => &self.scratch[..],
        };
        Some(SseEvent { event, data })
    }

    /// Finds and parses the next event that has data, keeping only its offsets, so that
    /// callers can ask "is an event at hand?" without holding a borrow. True if found.
    pub fn prepare(&mut self) -> bool {
        if self.ready.is_some() {
            return true;
        }
        while let Some((begin, end)) = self.next_block() {
            let mut event = (0, 0);
            let mut first_data: Option<(usize, usize)> = None;
            let mut joined = false;
            let mut pos = begin;
            while pos < end {
                let stop = memchr::memchr(b'\n', &self.buf[pos..end]).map_or(end, |i| pos + i);
                let mut line_end = stop;
                if line_end > pos && self.buf[line_end - 1] == b'\r' {
                    line_end -= 1;
                }
                let line = &self.buf[pos..line_end];
                if !line.is_empty() && line[0] != b':' {
                    let colon = memchr::memchr(b':', line);
                    let name = &line[..colon.unwrap_or(line.len())];
                    let mut v = colon.map_or(line_end, |c| pos + c + 1);
                    if v < line_end && self.buf[v] == b' ' {
                        v += 1;
                    }
                    match name {
                        b"data" => match first_data {
                            None => first_data = Some((v, line_end)),
                            Some((a, b)) => {
                                if !joined {
                                    self.scratch.clear();
                                    self.scratch.extend_from_slice(&self.buf[a..b]);
                                    joined = true;
                                }
                                self.scratch.push(b'\n');
                                self.scratch.extend_from_slice(&self.buf[v..line_end]);
                            }
                        },
                        b"event" => event = (v, line_end),
                        _ => {} // id, retry and unknown fields: nothing asst needs
                    }
                }
                pos = stop + 1;
            }
            // An event without data is not dispatched.
            if let Some(range) = first_data {
                self.ready = Some(Prepared {
                    event,
                    data: (!joined).then_some(range),
                });
                return true;
            }
        }
        false
    }

    /// Finds the next event's bytes, up to the blank line that ends it, and consumes them.
    /// `scan` is always the start of a line not looked at yet.
    fn next_block(&mut self) -> Option<(usize, usize)> {
        loop {
            let line_start = self.scan;
            let nl = line_start + memchr::memchr(b'\n', &self.buf[line_start..])?;
            self.scan = nl + 1;
            let line = &self.buf[line_start..nl];
            if line.is_empty() || line == b"\r" {
                let block = (self.start, line_start);
                self.start = self.scan;
                if block.0 < block.1 {
                    return Some(block);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Owned = (String, String);

    fn drain(d: &mut Decoder) -> Vec<Owned> {
        let mut out = Vec::new();
        while let Some(e) = d.next_event() {
            out.push((
                e.event.to_string(),
                String::from_utf8_lossy(e.data).into_owned(),
            ));
        }
        out
    }

    fn decode_all(input: &[u8]) -> Vec<Owned> {
        let mut d = Decoder::new();
        d.feed(input);
        drain(&mut d)
    }

    fn ev(event: &str, data: &str) -> Owned {
        (event.into(), data.into())
    }

    #[test]
    fn fields_comments_and_line_endings() {
        let input = b": keep-alive\r\nevent: a\r\ndata: {\"x\":1}\r\n\r\nid: 7\ndata:no-space\ndata:  two\n\nevent: empty\n\n\n\ndata\n\n";
        assert_eq!(
            decode_all(input),
            vec![ev("a", "{\"x\":1}"), ev("", "no-space\n two"), ev("", "")]
        );
    }

    #[test]
    fn event_name_does_not_leak_into_next_event() {
        let input = b"event: one\ndata: 1\n\ndata: 2\n\n";
        assert_eq!(decode_all(input), vec![ev("one", "1"), ev("", "2")]);
    }

    #[test]
    fn unfinished_event_waits_for_its_blank_line() {
        let mut d = Decoder::new();
        d.feed(b"event: x\ndata: partial");
        assert!(d.next_event().is_none());
        d.feed(b"\n\n");
        assert_eq!(drain(&mut d), vec![ev("x", "partial")]);
    }

    #[test]
    fn every_split_point_gives_the_same_events() {
        let input = "event: response.output_text.delta\r\ndata: {\"delta\":\"caf\u{e9} \u{1F600}\"}\r\n\r\n: ping\n\ndata: a\ndata: b\n\n\n"
            .as_bytes();
        let whole = decode_all(input);
        assert_eq!(whole.len(), 2);
        for i in 0..=input.len() {
            for j in i..=input.len() {
                let mut d = Decoder::new();
                let mut got = Vec::new();
                for part in [&input[..i], &input[i..j], &input[j..]] {
                    d.feed(part);
                    got.extend(drain(&mut d));
                }
                assert_eq!(got, whole, "split at {i} and {j}");
            }
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic() {
        // A small deterministic generator: no dependency needed for a smoke fuzz.
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let alphabet = b"data: event:\r\n:{}\"\xff\xfe\xc3";
        for _ in 0..5000 {
            let mut d = Decoder::new();
            for _ in 0..3 {
                let len = (state % 48) as usize;
                let mut bytes = Vec::with_capacity(len);
                for _ in 0..len {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    bytes.push(alphabet[(state % alphabet.len() as u64) as usize]);
                }
                d.feed(&bytes);
                while d.next_event().is_some() {}
            }
        }
    }
}
