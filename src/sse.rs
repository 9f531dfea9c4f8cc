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

/// Event names are a few dozen bytes; a longer `event:` line is not kept for comparing.
const MAX_EVENT_LINE: usize = 256;

#[derive(Debug, Default)]
pub struct Decoder {
    /// Received bytes; those before `start` are consumed.
    buf: Vec<u8>,
    /// Where the event being read begins.
    start: usize,
    /// The first line not parsed yet.
    scan: usize,
    /// How far past `scan` is known to hold no line end: a long line is searched once, not
    /// again from its start with every chunk (which made a long line cost its length squared).
    searched: usize,
    /// Bytes looked at in the search for line ends, so that a test can hold it to linear.
    #[cfg(test)]
    looked_at: usize,
    /// Multi-line data, joined.
    scratch: Vec<u8>,
    /// The fields of the event being read, from the lines parsed so far.
    partial: Partial,
    /// The next event, complete: byte ranges into `buf`.
    ready: Option<Prepared>,
    /// The last event name read: nearly every event of an answer has the same one, which
    /// is then compared, not checked for UTF-8 again.
    name: String,
    /// The last `event:` line parsed, its line end included, and where its value lies in
    /// it: the same line again is recognised by one comparison, without a search for its
    /// end or its colon.
    event_line: Vec<u8>,
    event_value: (usize, usize),
}

#[derive(Debug, Default, Clone, Copy)]
struct Partial {
    event: Option<(usize, usize)>,
    data: Option<(usize, usize)>,
    /// Whether the data is joined in `scratch` (it had several lines).
    joined: bool,
}

#[derive(Debug, Clone, Copy)]
struct Prepared {
    event: Option<(usize, usize)>,
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
            let gone = self.start;
            self.buf.drain(..gone);
            self.scan -= gone;
            self.searched = self.searched.saturating_sub(gone);
            self.start = 0;
            let shift = |r: &mut Option<(usize, usize)>| {
                if let Some((a, b)) = r {
                    *r = Some((*a - gone, *b - gone));
                }
            };
            shift(&mut self.partial.event);
            shift(&mut self.partial.data);
        }
        self.buf.extend_from_slice(chunk);
    }

    /// Bytes held for the event being read (and any complete ones not taken yet): what a
    /// caller bounds, so that a line without end cannot take all memory.
    pub fn held(&self) -> usize {
        self.buf.len() - self.start + self.scratch.len()
    }

    /// The next complete event, in the order they arrived.
    pub fn next_event(&mut self) -> Option<SseEvent<'_>> {
        if self.ready.is_none() && !self.prepare() {
            return None;
        }
        let p = self.ready.take()?;
        let mut named = false;
        if let Some((a, b)) = p.event {
            let bytes = &self.buf[a..b];
            named = bytes == self.name.as_bytes();
            if !named {
                self.name.clear();
                if let Ok(name) = std::str::from_utf8(bytes) {
                    self.name.push_str(name);
                    named = true;
                }
            }
        }
        let event = if named { self.name.as_str() } else { "" };
        let data = match p.data {
            Some((a, b)) => &self.buf[a..b],
            None => &self.scratch[..],
        };
        Some(SseEvent { event, data })
    }

    /// Reads lines up to the end of the next event that has data, keeping only offsets, so
    /// that callers can ask "is an event at hand?" without holding a borrow. True if found.
    /// Each line is looked at once, however the body was split.
    pub fn prepare(&mut self) -> bool {
        if self.ready.is_some() {
            return true;
        }
        loop {
            let line_start = self.scan;
            if self.searched <= line_start
                && !self.event_line.is_empty()
                && self.buf[line_start..].starts_with(&self.event_line)
            {
                let (a, b) = self.event_value;
                self.partial.event = Some((line_start + a, line_start + b));
                self.scan = line_start + self.event_line.len();
                self.searched = self.scan;
                continue;
            }
            let from = self.searched.max(line_start);
            #[cfg(test)]
            {
                self.looked_at += self.buf.len() - from;
            }
            // The blank line that ends an event is one byte, `\n`: no search for it.
            let len = match self.buf.get(from) {
                Some(b'\n') => Some(0),
                _ => memchr::memchr(b'\n', &self.buf[from..]),
            };
            let Some(len) = len else {
                self.searched = self.buf.len();
                return false;
            };
            let newline = from + len;
            self.scan = newline + 1;
            self.searched = self.scan;
            let mut line_end = newline;
            if line_end > line_start && self.buf[line_end - 1] == b'\r' {
                line_end -= 1;
            }
            if line_end > line_start {
                let short = self.scan - line_start <= MAX_EVENT_LINE;
                if self.field(line_start, line_end) && short {
                    if let Some((a, b)) = self.partial.event {
                        self.event_line.clear();
                        self.event_line
                            .extend_from_slice(&self.buf[line_start..self.scan]);
                        self.event_value = (a - line_start, b - line_start);
                    }
                }
                continue;
            }
            // A blank line ends the event; one without data is not dispatched.
            let event = std::mem::take(&mut self.partial);
            self.start = self.scan;
            if let Some(range) = event.data {
                self.ready = Some(Prepared {
                    event: event.event,
                    data: (!event.joined).then_some(range),
                });
                return true;
            }
        }
    }

    /// Parses one non-blank line of the event being read; true if it was an `event:` line.
    fn field(&mut self, start: usize, end: usize) -> bool {
        let line = &self.buf[start..end];
        if line[0] == b':' {
            return false; // a comment (keep-alive)
        }
        // Field names are short: a plain scan finds the colon sooner than a vector search.
        let colon = line.iter().position(|&c| c == b':');
        let mut value = colon.map_or(end, |c| start + c + 1);
        if value < end && self.buf[value] == b' ' {
            value += 1;
        }
        match &line[..colon.unwrap_or(line.len())] {
            b"data" => match self.partial.data {
                None => self.partial.data = Some((value, end)),
                Some((a, b)) => {
                    if !self.partial.joined {
                        self.scratch.clear();
                        self.scratch.extend_from_slice(&self.buf[a..b]);
                        self.partial.joined = true;
                    }
                    self.scratch.push(b'\n');
                    self.scratch.extend_from_slice(&self.buf[value..end]);
                }
            },
            b"event" => {
                self.partial.event = Some((value, end));
                return true;
            }
            _ => {} // id, retry and unknown fields: nothing asst needs
        }
        false
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
    fn each_event_has_its_own_name_however_many_share_it() {
        let input = b"event: a\ndata: 1\n\nevent: a\ndata: 2\n\nevent: \xff\ndata: 3\n\nevent: a\ndata: 4\n\nevent: ab\ndata: 5\n\nevent:\ndata: 6\n\ndata: 7\n\n";
        let names: Vec<String> = decode_all(input).into_iter().map(|(e, _)| e).collect();
        assert_eq!(names, ["a", "a", "", "a", "ab", "", ""]);
    }

    #[test]
    fn a_long_event_line_is_not_kept_for_comparing() {
        let long = format!("event: {}\ndata: 1\n\n", "n".repeat(MAX_EVENT_LINE));
        let input = format!("{long}{long}event: short\ndata: 2\n\n");
        let mut d = Decoder::new();
        d.feed(long.as_bytes());
        assert_eq!(drain(&mut d).len(), 1);
        assert!(d.event_line.is_empty());
        let got = decode_all(input.as_bytes());
        assert_eq!(got.len(), 3);
        assert_eq!(got[1].0.len(), MAX_EVENT_LINE);
        assert_eq!(got[2], ev("short", "2"));
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
        // A byte at a time, so that the buffer is compacted in the middle of every kind of
        // line, with events half read.
        let stream = input.repeat(5);
        let mut d = Decoder::new();
        let mut got = Vec::new();
        for b in &stream {
            d.feed(std::slice::from_ref(b));
            got.extend(drain(&mut d));
        }
        assert_eq!(got, [&whole[..]; 5].concat());
    }

    #[test]
    fn a_long_line_is_searched_once_however_it_is_split() {
        let mut d = Decoder::new();
        d.feed(b"data: ");
        let piece = vec![b'x'; 1000];
        for _ in 0..2000 {
            d.feed(&piece);
            assert!(d.next_event().is_none());
        }
        assert!(d.held() >= 2_000_000);
        d.feed(b"\n\ndata: next\n\n");
        assert_eq!(d.next_event().map(|e| e.data.len()), Some(2_000_000));
        assert_eq!(d.next_event().map(|e| e.data), Some(&b"next"[..]));
        // Each byte looked at about once (memchr may stop short of the end).
        assert!(d.looked_at < 2_100_000, "looked at {} bytes", d.looked_at);
    }

    #[test]
    fn arbitrary_bytes_never_panic() {
        let mut rng = crate::testing::Rng::new(0x9E37_79B9_7F4A_7C15);
        let alphabet = b"data: event:\r\n:{}\"\xff\xfe\xc3";
        for _ in 0..5000 {
            let mut d = Decoder::new();
            for _ in 0..3 {
                let len = rng.below(48);
                let bytes: Vec<u8> = (0..len)
                    .map(|_| alphabet[rng.below(alphabet.len())])
                    .collect();
                d.feed(&bytes);
                while d.next_event().is_some() {}
            }
        }
    }
}
