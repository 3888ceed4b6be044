//! Splits a byte stream of JSON case records into one raw record at a time, for `estimate batch`.
//!
//! Three shapes are detected: a JSON array of records, JSON Lines, and concatenated (possibly
//! pretty-printed) objects. They may follow one another (`cat a.jsonl b.json c.json`): a top-level
//! array anywhere in the stream is read element by element, and after its `]` the shape of what
//! follows is detected afresh. Memory is bounded by the largest single record, never the input.
//! A bad record costs only itself: in JSON Lines each line is one record; elsewhere records are
//! framed by bracket depth (outside strings), so framing resumes after a record that does not parse.
//! A record left unclosed (a missing `}` or `"`) would otherwise swallow every record after it; when
//! the input ends inside such a record, framing resumes at the first later line that begins with
//! `{` (or, outside an array, `[` opening an array of records) at no deeper indentation than the
//! broken record, so only the broken record is lost.
//! An input that ends inside a top-level array, before its `]` (a truncated file), gives one error
//! record after the elements read: the array's last element if the input ended inside it, or a
//! record of its own standing for the missing `]`. Nothing is lost unseen.

use solatium::i18n::Text;
use std::io::{self, BufRead};

/// One framed record: its 1-based position in this input and its bytes (or why it could not be framed).
#[derive(Debug)]
pub struct Frame {
    pub index: usize,
    /// 1-based line where the record starts
    pub line: usize,
    pub bytes: Result<Vec<u8>, FrameError>,
    /// the record's id, when it could not be framed whole (truncated or unclosed) and its text
    /// shows one before it breaks off; `None` for every record framed whole
    pub id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FrameError {
    /// input ended inside a record
    Truncated,
    /// the record is not closed before the next record begins (a missing `}` or `"`)
    Unclosed,
    /// bytes that cannot start a record (a stray `]`, say)
    Stray(String),
    /// a record over the size limit
    TooLarge,
    /// the input is UTF-16 (Windows Notepad's "Unicode"), not UTF-8: one record stands for it
    Utf16,
    /// the input ended after an element of a top-level array, before its `]`; `opened` is the
    /// line of its `[`. A record of its own, after the elements read.
    UnclosedArray { opened: usize },
    /// the input ended inside the last element of a top-level array, so the array is not closed
    /// either: one record (the element's) for both
    TruncatedInArray { opened: usize },
    /// the input could not be opened, or reading it failed part way: one record stands for it
    /// (or for the rest of it), with the reason
    Unreadable(Text<'static>),
}

impl FrameError {
    /// What went wrong, for the record's error (`not valid JSON: …`), in both languages.
    pub fn text(&self) -> Text<'static> {
        match self {
            FrameError::Truncated => Text::new(
                "输入在这条记录中途结束（记录不完整）",
                "input ended inside this record (truncated)",
            ),
            FrameError::Unclosed => Text::new(
                "这条记录未闭合（缺少 `}` 或 `\"`），下一条记录已经开始",
                "this record is not closed (a missing `}` or `\"`) before the next record begins",
            ),
            FrameError::Stray(s) => Text::new(
                format!("记录之外有多余的文本 {s:?}"),
                format!("unexpected text {s:?}"),
            ),
            FrameError::Utf16 => Text::new(
                "输入是 UTF-16 编码（如记事本的“Unicode”），不是 UTF-8；请将文件另存为 UTF-8 后重试",
                "the input is UTF-16 (e.g. Notepad's \"Unicode\"), not UTF-8; save the file as UTF-8 and run again",
            ),
            FrameError::UnclosedArray { opened } => Text::new(
                format!(
                    "输入在数组闭合之前结束（缺少 `]`，数组始于第 {opened} 行），其后的记录可能已丢失"
                ),
                format!(
                    "input ended before the array was closed (a missing `]`; the array began on line {opened}): records after this point may be lost"
                ),
            ),
            FrameError::TruncatedInArray { opened } => Text::new(
                format!(
                    "输入在这条记录中途结束（记录不完整），数组也未闭合（缺少 `]`，数组始于第 {opened} 行），其后的记录可能已丢失"
                ),
                format!(
                    "input ended inside this record (truncated) before the array was closed (a missing `]`; the array began on line {opened}): records after this point may be lost"
                ),
            ),
            FrameError::Unreadable(why) => why.clone(),
            FrameError::TooLarge => Text::new(
                format!("记录过大（上限 {} MB）", MAX_RECORD >> 20),
                format!("record too large (the limit is {} MB)", MAX_RECORD >> 20),
            ),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// inside a top-level array (after its `]`, the shape of what follows is detected again)
    Array,
    Lines,
    Concatenated,
    Empty,
}

/// The default limit on one record's size.
pub const MAX_RECORD: usize = 64 << 20;

pub struct Records<R: BufRead> {
    r: Replay<R>,
    /// whitespace since the start of the current line, or `None` once other bytes came
    indent: Option<usize>,
    /// the bytes of the last record framed, kept when it was truncated
    partial: Vec<u8>,
    index: usize,
    line: usize,
    shape: Option<Shape>,
    started: bool,
    in_array: bool,
    /// the line of the `[` that opened the current top-level array
    array_line: usize,
    /// a top-level array just closed: a comma before the next record separates them (`[…],[…]`)
    after_array: bool,
    done: bool,
    max: usize,
    /// emptied byte buffers of records already written, for lines to be read into (a new one
    /// for every record was an allocation each)
    spare: Vec<Vec<u8>>,
}

/// The largest emptied record buffer kept for another record: a rare long record's is let go.
const SPARE_RECORD_BYTES: usize = 1 << 16;

/// The most emptied record buffers kept: enough for the lines read between two hand-backs (a
/// batch job's), and a bound for input framed otherwise (an array, pretty-printed records),
/// whose records are not read into them and would otherwise pile them up.
const SPARE_RECORDS: usize = 512;

/// The room a new line's buffer is made with: enough for most records, so that a buffer used
/// again for a longer line than its first seldom has to grow (one made to fit its first line
/// grew for most of the lines it was used for again).
const LINE_BYTES: usize = 512;

#[derive(Default)]
struct Scan {
    depth: usize,
    in_str: bool,
    esc: bool,
    scalar: bool,
    began: bool,
    newline_inside: bool,
}

impl<R: BufRead> Records<R> {
    pub fn new(reader: R) -> Self {
        Self::with_limit(reader, MAX_RECORD)
    }

    /// The 1-based line the reader has reached.
    pub fn line(&self) -> usize {
        self.line
    }

    pub fn with_limit(reader: R, max_record_bytes: usize) -> Self {
        Records {
            r: Replay {
                r: reader,
                replay: Vec::new(),
                pos: 0,
            },
            indent: Some(0),
            partial: Vec::new(),
            index: 0,
            line: 1,
            shape: None,
            started: false,
            in_array: false,
            array_line: 0,
            after_array: false,
            done: false,
            max: max_record_bytes,
            spare: Vec::new(),
        }
    }

    /// Takes back the byte buffers of records already written, for the lines to come to be read
    /// into (those over [`SPARE_RECORD_BYTES`] are dropped, and any past [`SPARE_RECORDS`]).
    pub fn recycle(&mut self, buffers: impl IntoIterator<Item = Vec<u8>>) {
        let room = SPARE_RECORDS.saturating_sub(self.spare.len());
        self.spare.extend(
            buffers
                .into_iter()
                .filter(|b| b.capacity() <= SPARE_RECORD_BYTES)
                .take(room),
        );
    }

    /// Known once the first record was read.
    #[cfg(test)]
    pub fn shape(&self) -> Option<Shape> {
        self.shape
    }

    /// Skips whitespace (and commas inside an array); returns the next byte without consuming it.
    fn skip(&mut self) -> io::Result<Option<u8>> {
        loop {
            let buf = self.r.fill_buf()?;
            if buf.is_empty() {
                return Ok(None);
            }
            let mut n = 0;
            let mut found = None;
            for &b in buf {
                match b {
                    b'\n' => {
                        self.line += 1;
                        self.indent = Some(0);
                    }
                    b' ' | b'\t' => self.indent = self.indent.map(|n| n + 1),
                    b'\r' => {}
                    // commas between records: inside an array, after one, or between
                    // concatenated objects
                    b',' if self.in_array
                        || self.after_array
                        || self.shape == Some(Shape::Concatenated) =>
                    {
                        self.indent = None
                    }
                    _ => {
                        found = Some(b);
                        break;
                    }
                }
                n += 1;
            }
            self.r.consume(n);
            // a byte-order mark between records is a file boundary (`cat` of files saved with
            // one): passed over like white space
            if found == Some(0xEF) && self.bom_follows()? {
                continue;
            }
            if found.is_some() {
                return Ok(found);
            }
        }
    }

    /// Whether a UTF-8 byte-order mark comes next; consumes it if so, reads on past a buffer's end.
    fn bom_follows(&mut self) -> io::Result<bool> {
        let mut ahead = Vec::with_capacity(3);
        while ahead.len() < 3 {
            let buf = self.r.fill_buf()?;
            if buf.is_empty() {
                break;
            }
            let take = (3 - ahead.len()).min(buf.len());
            ahead.extend_from_slice(&buf[..take]);
            self.r.consume(take);
        }
        if ahead == b"\xEF\xBB\xBF" {
            return Ok(true);
        }
        self.r.push_front(ahead);
        Ok(false)
    }

    /// Frames one value by bracket depth, starting at the next byte. Also says whether the value
    /// spans lines, and whether the input ended before anything closed it (a scalar included).
    fn frame(&mut self) -> io::Result<(Result<Vec<u8>, FrameError>, bool, bool)> {
        let mut out = Vec::new();
        let mut too_large = false;
        let mut st = Scan::default();
        loop {
            let buf = self.r.fill_buf()?;
            if buf.is_empty() {
                self.indent = None;
                let r = if too_large {
                    Err(FrameError::TooLarge)
                } else if st.scalar && !st.in_str {
                    Ok(out)
                } else {
                    self.partial = out;
                    Err(FrameError::Truncated)
                };
                return Ok((r, st.newline_inside, true));
            }
            let mut end = None;
            for (i, &b) in buf.iter().enumerate() {
                if b == b'\n' {
                    self.line += 1;
                    st.newline_inside = true;
                }
                if !st.began {
                    st.began = true;
                    match b {
                        b'{' | b'[' => st.depth = 1,
                        b'"' => st.in_str = true,
                        _ => st.scalar = true,
                    }
                    continue;
                }
                if st.in_str {
                    if st.esc {
                        st.esc = false;
                    } else if b == b'\\' {
                        st.esc = true;
                    } else if b == b'"' {
                        st.in_str = false;
                        if st.depth == 0 && !st.scalar {
                            end = Some(i + 1);
                            break;
                        }
                    }
                    continue;
                }
                if st.scalar {
                    if matches!(
                        b,
                        b' ' | b'\t' | b'\r' | b'\n' | b',' | b']' | b'}' | b'[' | b'{'
                    ) {
                        if b == b'\n' {
                            self.line -= 1; // not consumed; counted again by skip()
                            st.newline_inside = false;
                        }
                        end = Some(i);
                        break;
                    }
                    continue;
                }
                match b {
                    b'"' => st.in_str = true,
                    b'{' | b'[' => st.depth += 1,
                    b'}' | b']' => {
                        st.depth -= 1;
                        if st.depth == 0 {
                            end = Some(i + 1);
                            break;
                        }
                    }
                    _ => {}
                }
            }
            let take = end.unwrap_or(buf.len());
            too_large = append_capped(&mut out, &buf[..take], self.max, too_large);
            self.r.consume(take);
            if end.is_some() {
                self.indent = None;
                let r = if too_large {
                    Err(FrameError::TooLarge)
                } else {
                    Ok(out)
                };
                return Ok((r, st.newline_inside, false));
            }
        }
    }

    /// Reads on from a first line that left brackets open, while they stay open, and keeps the
    /// lines as one record only if together they parse. Otherwise (a broken line of JSON Lines)
    /// puts them back: the first line alone is the broken record. Stops early at a line that
    /// starts a record of its own (`{` in the first column) or after 1 MiB.
    fn pretty_record(&mut self, first: &[u8]) -> io::Result<Option<Vec<u8>>> {
        const LOOKAHEAD: usize = 1 << 20;
        let start_line = self.line;
        let mut whole = first.to_vec();
        let mut read: Vec<u8> = Vec::new();
        let mut depth = depth_change(first);
        let mut parsed = None;
        while depth > 0 && read.len() < LOOKAHEAD {
            let before = self.line;
            let next = match self.line_record()? {
                Ok(l) => l,
                Err(_) => break,
            };
            let at_eof = next.is_empty() && self.r.fill_buf()?.is_empty();
            read.extend_from_slice(&next);
            read.push(b'\n');
            if at_eof || next.first() == Some(&b'{') {
                break;
            }
            // the record closes part way through this line and the next record starts after it
            // (`}{…}`: `cat a.json b.jsonl` where a.json has no final newline): the record ends
            // there, and the rest of the line is read next, on this line
            if let Some(end) = closes_at(&next, depth) {
                if let Some(start) = next_record_at(&next, end) {
                    whole.push(b'\n');
                    whole.extend_from_slice(&next[..end]);
                    if serde_json::from_slice::<serde::de::IgnoredAny>(&whole).is_ok() {
                        let mut rest = next[start..].to_vec();
                        if self.line > before {
                            rest.push(b'\n');
                            self.line = before;
                        }
                        self.r.push_front(rest);
                        parsed = Some(whole);
                    }
                    break;
                }
            }
            depth += depth_change(&next);
            whole.push(b'\n');
            whole.extend_from_slice(&next);
            if depth <= 0 && serde_json::from_slice::<serde::de::IgnoredAny>(&whole).is_ok() {
                parsed = Some(whole);
                break;
            }
        }
        if parsed.is_none() {
            self.line = start_line;
            self.r.push_front(read);
        }
        Ok(parsed)
    }

    /// One line as a record (JSON Lines mode).
    fn line_record(&mut self) -> io::Result<Result<Vec<u8>, FrameError>> {
        let mut out = self
            .spare
            .pop()
            .unwrap_or_else(|| Vec::with_capacity(LINE_BYTES));
        out.clear();
        let mut too_large = false;
        loop {
            let buf = self.r.fill_buf()?;
            if buf.is_empty() {
                break;
            }
            let (take, end) = match find_newline(buf) {
                Some(i) => (i + 1, true),
                None => (buf.len(), false),
            };
            too_large = append_capped(&mut out, &buf[..take], self.max, too_large);
            self.r.consume(take);
            if end {
                self.line += 1;
                break;
            }
        }
        if too_large {
            return Ok(Err(FrameError::TooLarge));
        }
        while matches!(out.last(), Some(b'\n' | b'\r' | b' ' | b'\t')) {
            out.pop();
        }
        Ok(Ok(out))
    }

    fn stray(&mut self, first: u8) -> io::Result<FrameError> {
        // take the rest of this line as the stray text
        let mut out = vec![first];
        self.r.consume(1);
        loop {
            let buf = self.r.fill_buf()?;
            if buf.is_empty() {
                break;
            }
            let (take, end) = match buf
                .iter()
                .position(|&b| b == b'\n' || b == b'{' || b == b'[')
            {
                Some(i) => (i, true),
                None => (buf.len(), false),
            };
            if out.len() < 40 {
                out.extend_from_slice(&buf[..take.min(40)]);
            }
            self.r.consume(take);
            if end {
                break;
            }
        }
        let s: String = String::from_utf8_lossy(&out).chars().take(40).collect();
        Ok(FrameError::Stray(s.trim().to_string()))
    }

    fn next_frame(&mut self) -> io::Result<Option<Frame>> {
        if self.done {
            return Ok(None);
        }
        if !self.started {
            self.started = true;
            let buf = self.r.fill_buf()?;
            if buf.starts_with(b"\xEF\xBB\xBF") {
                self.r.consume(3);
            } else if looks_utf16(buf) {
                // every byte pair would frame as garbage: one error for the whole input instead
                self.done = true;
                self.shape = Some(Shape::Empty);
                self.index += 1;
                return Ok(Some(Frame {
                    index: self.index,
                    line: self.line,
                    bytes: Err(FrameError::Utf16),
                    id: None,
                }));
            }
        }
        // a loop, not a recursion: every `[` and `]` passed over comes back here, and thousands of
        // empty arrays in a row must not run the stack out
        loop {
            let Some(first) = self.skip()? else {
                if self.in_array {
                    // the input ended inside a top-level array after an element (or right after
                    // its `[`): its `]` never came. A truncated file may have lost records, so one
                    // error record says so, after the elements read
                    self.in_array = false;
                    self.done = true;
                    self.index += 1;
                    return Ok(Some(Frame {
                        index: self.index,
                        line: self.line,
                        bytes: Err(FrameError::UnclosedArray {
                            opened: self.array_line,
                        }),
                        id: None,
                    }));
                }
                if self.shape.is_none() && self.index == 0 {
                    self.shape = Some(Shape::Empty);
                }
                self.done = true;
                return Ok(None);
            };
            // a top-level array, first in the input or after other records or arrays (`cat a.jsonl
            // b.json`): its elements are the records, framed one at a time by brackets. After other
            // records only an array of records (`[{…}…` or `[]`) is one: `[1,2]` on a line of JSON
            // Lines is a record of its own (not an object), as it always was
            if !self.in_array
                && first == b'['
                && ((self.index == 0 && !self.after_array) || self.opens_records()?)
            {
                self.shape = Some(Shape::Array);
                self.in_array = true;
                self.array_line = self.line;
                self.after_array = false;
                self.r.consume(1);
                continue;
            }
            if self.in_array && first == b']' {
                self.r.consume(1);
                self.in_array = false;
                self.after_array = true;
                // what follows the array (records, another array) is detected as at the start
                self.shape = None;
                continue;
            }
            // right after an array, anything but a record or another array is stray text
            let after_array = std::mem::take(&mut self.after_array);
            let line = self.line;
            let indent = self.indent.unwrap_or(0);
            self.index += 1;
            let index = self.index;
            if self.shape == Some(Shape::Lines) {
                let mut bytes = self.line_record()?;
                if let Ok(b) = &mut bytes {
                    match scan_line(b) {
                        // two records on one line (`{…}{…}`, `{…}, {…}`): this one ends where its
                        // brackets close, and the next is read from the same line
                        (_, Some(next)) => {
                            self.split_line(b, next, line);
                        }
                        // a pretty-printed record among JSON Lines (`cat a.jsonl b.json | estimate
                        // batch -`): its first line leaves brackets open
                        (depth, None) if depth > 0 && b.first() == Some(&b'{') => {
                            if let Some(whole) = self.pretty_record(b)? {
                                bytes = Ok(whole);
                            }
                        }
                        _ => {}
                    }
                }
                return Ok(Some(Frame {
                    index,
                    line,
                    bytes,
                    id: None,
                }));
            }
            // between concatenated objects anything but `{` (a line that lost its `{`, say) is stray
            // text to the end of its line: one error record, not one per token
            if matches!(first, b'}' | b']')
                || (self.shape == Some(Shape::Concatenated) && first != b'{')
                || (after_array && !matches!(first, b'{' | b'['))
            {
                let e = self.stray(first)?;
                return Ok(Some(Frame {
                    index,
                    line,
                    bytes: Err(e),
                    id: None,
                }));
            }
            let (mut bytes, multiline, eof) = self.frame()?;
            // the id a record that cannot be framed whole shows before it breaks off
            let mut id = None;
            // an unclosed record whose brackets the records after it happen to balance (a missing `}`
            // in an array of pretty-printed records): its frame swallowed them and does not parse.
            // Framing resumes where the next record begins, as for a truncated one.
            if let Ok(b) = &bytes {
                let broken = if multiline {
                    serde_json::from_slice::<serde::de::IgnoredAny>(b).err()
                } else {
                    None
                };
                // only where the parser stumbled on the line the next record starts: a record with
                // some other error (a trailing comma, say) is one broken record, not an unclosed one
                let at = broken.and_then(|e| {
                    resync_point(b, indent, !self.in_array).filter(|&at| {
                        let line_of_at = 1 + b[..at].iter().filter(|&&c| c == b'\n').count();
                        e.line() == line_of_at
                    })
                });
                if let Some(at) = at {
                    id = salvaged_id(&b[..at]);
                    self.line = line + b[..at].iter().filter(|&&c| c == b'\n').count();
                    self.indent = Some(0);
                    let rest = b[at..].to_vec();
                    self.r.push_front(rest);
                    bytes = Err(FrameError::Unclosed);
                }
            }
            if bytes == Err(FrameError::Truncated) {
                let partial = std::mem::take(&mut self.partial);
                let resync = resync_point(&partial, indent, !self.in_array);
                id = salvaged_id(&partial[..resync.unwrap_or(partial.len())]);
                if let Some(at) = resync {
                    // replay the rest: the records after the unclosed one
                    self.line = line + partial[..at].iter().filter(|&&b| b == b'\n').count();
                    self.indent = Some(0);
                    self.r.replay = partial;
                    self.r.pos = at;
                    bytes = Err(FrameError::Unclosed);
                }
            }
            // the input ended inside the array's last element: that element's record says the
            // array is not closed either, and no second record follows for the missing `]`. (An
            // unclosed element with records after it is not this: those records are replayed, and
            // the end of the input, if still inside the array, is reported after them.) Said even
            // of an element over the size limit: the input was cut off, which is the thing to fix.
            if eof && self.in_array && bytes != Err(FrameError::Unclosed) {
                self.in_array = false;
                bytes = Err(FrameError::TruncatedInArray {
                    opened: self.array_line,
                });
            }
            if self.shape.is_none() {
                self.shape = Some(if multiline {
                    Shape::Concatenated
                } else if matches!(&bytes, Ok(b) if serde_json::from_slice::<serde::de::IgnoredAny>(b).is_ok())
                {
                    // one-line records separated by commas (`{…},{…}` or `{…},` at each line's end)
                    // or by nothing (`{…}{…}`) are concatenated objects, not JSON Lines: a second
                    // record on the first line is not the rest of a line to be read as one record
                    if self.separator_follows()? {
                        Shape::Concatenated
                    } else {
                        Shape::Lines
                    }
                } else {
                    // a first line that does not parse (a stray `]` ends its brackets early, say) is
                    // one broken record of JSON Lines: the rest of its line belongs to it, unless,
                    // as on any later line, another record follows where its brackets close
                    // (`{…x…}, {…}`)
                    if let Ok(b) = &mut bytes {
                        match self.line_record()? {
                            Ok(rest) => {
                                b.extend_from_slice(&rest);
                                if let (_, Some(next)) = scan_line(b) {
                                    self.split_line(b, next, line);
                                }
                            }
                            Err(e) => bytes = Err(e),
                        }
                    }
                    Shape::Lines
                });
            }
            return Ok(Some(Frame {
                index,
                line,
                bytes,
                id,
            }));
        }
    }
}

impl<R: BufRead> Records<R> {
    /// Cuts the line `b` (which began on line `line`) where the next record on it begins, at
    /// `next`, and puts that record and the rest of the line back to be read next, on the same
    /// line. The line's newline, if it had one (the last line of an input may not), is put back
    /// with it.
    fn split_line(&mut self, b: &mut Vec<u8>, next: usize, line: usize) {
        let mut rest = b.split_off(next);
        while matches!(b.last(), Some(b' ' | b'\t' | b'\r' | b',')) {
            b.pop();
        }
        if self.line > line {
            rest.push(b'\n');
            self.line = line;
        }
        self.r.push_front(rest);
    }
}

/// The id of a record cut short (its text to where it breaks off), as [`salvage`] reads it: before
/// the first place its text stops being JSON, which is its end unless it broke earlier (a bad
/// value before the missing `}`).
///
/// [`salvage`]: solatium::salvage::salvage
fn salvaged_id(record: &[u8]) -> Option<String> {
    let at = solatium::salvage::break_offset(record).unwrap_or(record.len());
    solatium::salvage::salvage(record, at).id
}

impl<R: BufRead> Records<R> {
    /// Whether the `[` the input is at opens an array of records: the first byte after it, past
    /// whitespace, is `{` or `]`, or the input ends (a `[` alone, as at the start: an array whose
    /// `]` never came). Reads ahead without consuming anything (what it read is put back); past
    /// 64 KiB of whitespace it says yes.
    fn opens_records(&mut self) -> io::Result<bool> {
        let mut ahead = Vec::new();
        let mut skip = 1; // the `[`
        let found = loop {
            let buf = self.r.fill_buf()?;
            let next = buf[skip.min(buf.len())..]
                .iter()
                .find(|b| !b.is_ascii_whitespace())
                .copied();
            if let Some(b) = next {
                break b == b'{' || b == b']';
            }
            if buf.is_empty() || ahead.len() > 64 << 10 {
                break true;
            }
            let n = buf.len();
            ahead.extend_from_slice(buf);
            self.r.consume(n);
            skip = 0;
        };
        self.r.push_front(ahead);
        Ok(found)
    }

    /// Whether the next byte after spaces (on this line) is a comma or the `{` of another record;
    /// reads on past a buffer's end.
    fn separator_follows(&mut self) -> io::Result<bool> {
        loop {
            let buf = self.r.fill_buf()?;
            let ws = buf
                .iter()
                .take_while(|b| matches!(b, b' ' | b'\t' | b'\r'))
                .count();
            if ws < buf.len() || buf.is_empty() {
                return Ok(matches!(buf.get(ws), Some(b',' | b'{')));
            }
            self.r.consume(ws);
        }
    }
}

/// The first `\n` in `hay`, eight bytes at a time: every byte of a JSON Lines input is looked at
/// here, and a byte at a time cost three instructions each.
fn find_newline(hay: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    const NEWLINES: u64 = ONES * b'\n' as u64;
    let mut chunks = hay.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default()) ^ NEWLINES;
        // the high bit of each byte that was a newline (and maybe of bytes after the first
        // one, by a borrow: the lowest flagged byte is always a real one)
        let found = word.wrapping_sub(ONES) & !word & HIGHS;
        if found != 0 {
            return Some(at + (found.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|&b| b == b'\n')
        .map(|i| at + i)
}

/// The bytes [`walk_brackets`] stops at outside a string: a quote and the four brackets. Every
/// other byte is passed over with one look-up: the walk runs over every byte of every line of
/// JSON Lines, and taking each byte through the whole state machine was a sixth of reading a
/// record.
static STOPS_OUTSIDE: [bool; 256] = byte_set(b"\"{}[]");

/// Where the first `"` or `\\` in `b` is (`b.len()` if none), eight bytes at a time: inside
/// strings, where most of a record's bytes are.
fn quote_or_backslash(b: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS;
    let mut at = 0;
    while let Some(chunk) = b.get(at..at + 8) {
        let w = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        // the lowest flagged byte is always a real one (a borrow flags only bytes above it)
        let found = zero(w ^ (ONES * u64::from(b'"'))) | zero(w ^ (ONES * u64::from(b'\\')));
        if found != 0 {
            return at + (found.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    at + b[at..]
        .iter()
        .position(|&c| c == b'"' || c == b'\\')
        .unwrap_or(b.len() - at)
}

const fn byte_set(bytes: &[u8]) -> [bool; 256] {
    let mut set = [false; 256];
    let mut i = 0;
    while i < bytes.len() {
        set[bytes[i] as usize] = true;
        i += 1;
    }
    set
}

/// Walks a line's brackets, strings aside, from `depth`: `on_close(after, depth)` is told of each
/// closing bracket (the index after it and the depth it leaves), and stops the walk by returning
/// true. Returns the depth reached.
fn walk_brackets(line: &[u8], depth: i64, mut on_close: impl FnMut(usize, i64) -> bool) -> i64 {
    let mut depth = depth;
    let mut i = 0;
    loop {
        while line.get(i).is_some_and(|&b| !STOPS_OUTSIDE[b as usize]) {
            i += 1;
        }
        let Some(&b) = line.get(i) else {
            return depth;
        };
        i += 1;
        match b {
            // a string: to its closing quote, the byte after each backslash passed over
            b'"' => loop {
                i += quote_or_backslash(line.get(i..).unwrap_or_default());
                match line.get(i) {
                    None => return depth,
                    Some(b'\\') => i += 2,
                    Some(_) => {
                        i += 1;
                        break;
                    }
                }
            },
            b'{' | b'[' => depth += 1,
            // `}` or `]`
            _ => {
                depth -= 1;
                if on_close(i, depth) {
                    return depth;
                }
            }
        }
    }
}

/// Where, in a line read inside a record `depth` brackets deep, that record's brackets all close
/// (the index after the closing one), strings aside; None if they stay open.
fn closes_at(line: &[u8], depth: i64) -> Option<usize> {
    let mut at = None;
    walk_brackets(line, depth, |after, d| {
        if d == 0 {
            at = Some(after);
        }
        at.is_some()
    });
    at
}

/// How far a line opens (positive) or closes brackets, strings aside.
fn depth_change(line: &[u8]) -> i64 {
    scan_line(line).0
}

/// How far a line opens or closes brackets, strings aside, and, when it starts with `{` and that
/// object closes before the line ends with another `{` after it (past spaces and commas), where
/// that next record begins: `{…}{…}` on one line is two records, not one broken line.
fn scan_line(line: &[u8]) -> (i64, Option<usize>) {
    let mut first_end = None;
    let depth = walk_brackets(line, 0, |after, d| {
        if d == 0 && first_end.is_none() {
            first_end = Some(after);
        }
        false
    });
    let next = first_end
        .filter(|_| line.first() == Some(&b'{'))
        .and_then(|end| next_record_at(line, end));
    (depth, next)
}

/// Where the next record on a line begins after a record that ended at `end`: its `{`, past
/// spaces and commas; None if something else follows, or nothing.
fn next_record_at(line: &[u8], end: usize) -> Option<usize> {
    let gap = line[end..]
        .iter()
        .take_while(|b| matches!(b, b' ' | b'\t' | b'\r' | b','))
        .count();
    (line.get(end + gap) == Some(&b'{')).then_some(end + gap)
}

/// UTF-16 by its byte-order mark, or, without one, by the zero bytes of its first two
/// characters (`{` and a newline, say, are `{ 0 \n 0` in UTF-16LE); UTF-8 text has no such pattern.
pub fn looks_utf16(buf: &[u8]) -> bool {
    let le = |b: &[u8]| b[0] != 0 && b[1] == 0 && b[2] != 0 && b[3] == 0;
    let be = |b: &[u8]| b[0] == 0 && b[1] != 0 && b[2] == 0 && b[3] != 0;
    buf.starts_with(b"\xFF\xFE")
        || buf.starts_with(b"\xFE\xFF")
        || (buf.len() >= 4 && (le(buf) || be(buf)))
}

/// Where the records after an unclosed one begin: the first line after the record's first line
/// that starts with `{` indented by at most `indent` (the unclosed record's own indentation), or,
/// for a record outside an array (`arrays`), with `[` opening an array of records (its next byte
/// past whitespace is `{` or `]`: `cat broken.json cases.json`). Returns the offset of that line's start.
fn resync_point(partial: &[u8], indent: usize, arrays: bool) -> Option<usize> {
    let mut at = partial.iter().position(|&b| b == b'\n')? + 1;
    loop {
        let ws = partial[at..]
            .iter()
            .take_while(|&&b| b == b' ' || b == b'\t')
            .count();
        let opens_records = |from: usize| {
            partial[from..]
                .iter()
                .find(|b| !b.is_ascii_whitespace())
                .is_some_and(|&b| b == b'{' || b == b']')
        };
        match partial.get(at + ws) {
            Some(b'{') if ws <= indent => return Some(at),
            Some(b'[') if ws <= indent && arrays && opens_records(at + ws + 1) => return Some(at),
            _ => {}
        }
        at += partial[at..].iter().position(|&b| b == b'\n')? + 1;
    }
}

/// The input, with bytes already read put back in front of it (after an unclosed record).
struct Replay<R> {
    r: R,
    replay: Vec<u8>,
    pos: usize,
}

impl<R> Replay<R> {
    /// Puts `bytes` back in front of what is still to be read.
    fn push_front(&mut self, mut bytes: Vec<u8>) {
        if self.pos < self.replay.len() {
            bytes.extend_from_slice(&self.replay[self.pos..]);
        }
        self.replay = bytes;
        self.pos = 0;
    }
}

impl<R: BufRead> io::Read for Replay<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let buf = self.fill_buf()?;
        let n = buf.len().min(out.len());
        out[..n].copy_from_slice(&buf[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Replay<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.pos < self.replay.len() {
            Ok(&self.replay[self.pos..])
        } else {
            self.r.fill_buf()
        }
    }

    fn consume(&mut self, n: usize) {
        if self.pos < self.replay.len() {
            self.pos += n;
            if self.pos >= self.replay.len() {
                self.replay = Vec::new();
                self.pos = 0;
            }
        } else {
            self.r.consume(n);
        }
    }
}

/// Appends `bytes` unless the record would exceed `max`; once too large, the record's bytes are
/// dropped (the framer still reads past them). Returns whether the record is too large.
fn append_capped(out: &mut Vec<u8>, bytes: &[u8], max: usize, too_large: bool) -> bool {
    if too_large || out.len() + bytes.len() > max {
        *out = Vec::new();
        return true;
    }
    out.extend_from_slice(bytes);
    false
}

impl<R: BufRead> Iterator for Records<R> {
    type Item = io::Result<Frame>;

    fn next(&mut self) -> Option<Self::Item> {
        match self.next_frame() {
            Ok(f) => f.map(Ok),
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &[u8]) -> Vec<Frame> {
        Records::new(input).map(|f| f.unwrap()).collect()
    }

    fn texts(input: &[u8]) -> Vec<Result<String, FrameError>> {
        frames(input)
            .into_iter()
            .map(|f| f.bytes.map(|b| String::from_utf8_lossy(&b).into_owned()))
            .collect()
    }

    /// Lines read into the buffers of records already read (as a batch hands them back) are
    /// read as into new ones: a longer record's bytes are not left over in a shorter one's, and a
    /// buffer over the limit is not kept.
    #[test]
    fn lines_read_into_recycled_buffers_are_read_as_into_new_ones() {
        let input: &[u8] =
            b"{\"id\":\"a-long-record\",\"province\":\"sichuan\"}  \n{\"b\":2}\r\n\n{\"c\":3}\n[1\n{\"d\":4}";
        let alone = texts(input);
        let mut r = Records::new(input);
        let mut got = Vec::new();
        while let Some(f) = r.next() {
            let f = f.unwrap();
            got.push(
                f.bytes
                    .clone()
                    .map(|b| String::from_utf8_lossy(&b).into_owned()),
            );
            // each record's buffer handed back at once, with one too large to keep
            r.recycle(f.bytes.ok());
            r.recycle([Vec::with_capacity(SPARE_RECORD_BYTES + 1)]);
            assert!(r.spare.iter().all(|b| b.capacity() <= SPARE_RECORD_BYTES));
        }
        assert_eq!(got, alone);
        // records that are not read into them (an array's) do not pile them up past the bound
        r.recycle((0..SPARE_RECORDS * 2).map(|_| Vec::with_capacity(8)));
        assert_eq!(r.spare.len(), SPARE_RECORDS);
        assert_eq!(
            alone[..3],
            [
                Ok(r#"{"id":"a-long-record","province":"sichuan"}"#.to_string()),
                Ok(r#"{"b":2}"#.to_string()),
                Ok(r#"{"c":3}"#.to_string()),
            ]
        );
    }

    #[test]
    fn json_lines() {
        let t = texts(b"{\"a\":1}\n{\"b\":2}\r\n\n{\"c\":3}");
        assert_eq!(
            t,
            vec![
                Ok("{\"a\":1}".into()),
                Ok("{\"b\":2}".into()),
                Ok("{\"c\":3}".into())
            ]
        );
        let mut r = Records::new(&b"{\"a\":1}\n{\"b\":2}\n"[..]);
        r.next();
        assert_eq!(r.shape(), Some(Shape::Lines));
    }

    #[test]
    fn a_broken_line_is_one_record() {
        let f = frames(b"{\"a\":1}\n{\"b\":\n{\"c\":3}\n");
        assert_eq!(f.len(), 3);
        assert_eq!(f[1].bytes.as_ref().unwrap(), b"{\"b\":");
        assert_eq!((f[2].index, f[2].line), (3, 3));
    }

    #[test]
    fn array_with_nested_arrays_and_trailing_comma() {
        let t = texts(b"[\n {\"a\":[1,2,{\"x\":\"]\"}]},\n {\"b\":2},\n]\n");
        assert_eq!(
            t,
            vec![
                Ok("{\"a\":[1,2,{\"x\":\"]\"}]}".into()),
                Ok("{\"b\":2}".into())
            ]
        );
    }

    #[test]
    fn pretty_printed_concatenated_objects() {
        let f = frames(b"{\n  \"a\": \"}{\\\"\"\n}\n{\n  \"b\": 2\n}");
        assert_eq!(f.len(), 2);
        assert_eq!(f[1].line, 4);
        let mut r = Records::new(&b"{\n}\n{}"[..]);
        r.next();
        assert_eq!(r.shape(), Some(Shape::Concatenated));
        assert_eq!(texts(b"{\"a\":1}{\"b\":2}").len(), 2);
    }

    #[test]
    fn one_line_records_separated_by_commas() {
        let both = vec![Ok("{\"a\":1}".into()), Ok("{\"b\":2}".into())];
        assert_eq!(texts(b"{\"a\":1},{\"b\":2}\n"), both);
        assert_eq!(texts(b"{\"a\":1} , {\"b\":2}"), both);
        assert_eq!(texts(b"{\"a\":1},\n{\"b\":2},\n"), both);
        let mut r = Records::new(&b"{\"a\":1},\n{\"b\":2}\n"[..]);
        r.next();
        assert_eq!(r.shape(), Some(Shape::Concatenated));
        // a comma on a later line of JSON Lines is still a broken record of its own
        let f = frames(b"{\"a\":1}\n,\n{\"b\":2}\n");
        assert_eq!(f.len(), 3);
        // the comma is found however the input arrives (a pipe may deliver a byte at a time)
        let slow = std::io::BufReader::with_capacity(1, &b"{\"a\":1}   ,\n{\"b\":2},\n"[..]);
        let t: Vec<_> = Records::new(slow).map(|f| f.unwrap().bytes).collect();
        assert_eq!(
            t,
            vec![Ok(b"{\"a\":1}".to_vec()), Ok(b"{\"b\":2}".to_vec())]
        );
    }

    #[test]
    fn a_line_that_lost_its_brace_between_concatenated_objects_is_one_record() {
        let f = frames(b"{\"a\":1},\n\"id\":\"b\",\"p\":1},\n{\"c\":3}\n");
        assert_eq!(
            f.len(),
            3,
            "{:?}",
            f.iter().map(|x| &x.bytes).collect::<Vec<_>>()
        );
        assert!(f[1].bytes.is_err());
        assert_eq!(f[2].bytes.as_deref().ok(), Some(&b"{\"c\":3}"[..]));
        assert_eq!((f[2].index, f[2].line), (3, 3));
    }

    #[test]
    fn pretty_records_after_json_lines_are_one_record_each() {
        // `cat a.jsonl b.json`: compact lines, then a pretty-printed record, then a broken line
        let f = frames(b"{\"a\":1}\n{\n  \"b\": [\n    2\n  ]\n}\n{\"c\":\n{\"d\":4}\n");
        let t: Vec<_> = f.iter().map(|x| x.bytes.clone()).collect();
        assert_eq!(t.len(), 4, "{t:?}");
        assert_eq!(t[0].as_deref().ok(), Some(&b"{\"a\":1}"[..]));
        assert_eq!(
            t[1].as_deref().ok(),
            Some(&b"{\n  \"b\": [\n    2\n  ]\n}"[..])
        );
        assert_eq!(t[2].as_deref().ok(), Some(&b"{\"c\":"[..]));
        assert_eq!(t[3].as_deref().ok(), Some(&b"{\"d\":4}"[..]));
        assert_eq!(
            f.iter().map(|x| (x.index, x.line)).collect::<Vec<_>>(),
            vec![(1, 1), (2, 2), (3, 7), (4, 8)]
        );
    }

    #[test]
    fn a_first_line_that_does_not_parse_is_one_record_of_json_lines() {
        // a stray `]` closes the brackets early; the comma after it is inside the broken record
        let t = texts(b"{\"id\":\"a\",\"f\":[1]],\"p\":\"x\"}\n{\"b\":2}\n{\"c\":3}\n");
        assert_eq!(
            t,
            vec![
                Ok("{\"id\":\"a\",\"f\":[1]],\"p\":\"x\"}".into()),
                Ok("{\"b\":2}".into()),
                Ok("{\"c\":3}".into())
            ]
        );
        let f = frames(b"{\"a\":[1]],\"p\":1}\n{\"b\":2}\n");
        assert_eq!((f[1].index, f[1].line), (2, 2));
    }

    #[test]
    fn two_records_on_a_line_of_json_lines_are_two_records() {
        let input = b"{\"a\":1}\n{\"b\":2}{\"c\":3}\n{\"d\":x}, {\"e\":5}\n{\"f\":[1]],\"p\":1}\n";
        let f = frames(input);
        let got: Vec<(usize, String)> = f
            .iter()
            .map(|f| (f.line, String::from_utf8(f.bytes.clone().unwrap()).unwrap()))
            .collect();
        let want = [
            (1, "{\"a\":1}"),
            (2, "{\"b\":2}"),
            (2, "{\"c\":3}"),
            (3, "{\"d\":x}"),
            (3, "{\"e\":5}"),
            // a stray `]` closes the brackets early, but no record follows: one broken record
            (4, "{\"f\":[1]],\"p\":1}"),
        ];
        assert_eq!(
            got,
            want.iter()
                .map(|(l, t)| (*l, t.to_string()))
                .collect::<Vec<_>>()
        );
    }

    /// A pretty-printed record among JSON Lines whose `}` has the next record after it on the same
    /// line (`cat a.jsonl b.json c.jsonl`, b.json with no final newline) is two records: the
    /// pretty one ends at its `}`, and the next is read from there, on that line. Before, both
    /// were lost and each of the pretty record's lines became an error record.
    #[test]
    fn a_pretty_record_closing_where_the_next_begins_is_two_records() {
        for (input, b_line) in [
            (
                &b"{\"a\":0}\n{\n  \"b\": [1,\n 2]\n}{\"c\":3}\n{\"d\":4}\n"[..],
                5,
            ),
            (
                &b"{\"a\":0}\n{\n  \"b\": \"}{\"\n}, {\"c\":3}\n{\"d\":4}"[..],
                4,
            ),
        ] {
            for capacity in [1, 2, 5, 8192] {
                let reader = std::io::BufReader::with_capacity(capacity, input);
                let got: Vec<(usize, usize, serde_json::Value)> = Records::new(reader)
                    .map(|f| f.unwrap())
                    .map(|f| {
                        (
                            f.index,
                            f.line,
                            serde_json::from_slice(&f.bytes.unwrap()).unwrap(),
                        )
                    })
                    .collect();
                let lines: Vec<(usize, usize)> = got.iter().map(|g| (g.0, g.1)).collect();
                assert_eq!(
                    lines,
                    vec![(1, 1), (2, 2), (3, b_line), (4, b_line + 1)],
                    "{} at capacity {capacity}",
                    String::from_utf8_lossy(input)
                );
                assert_eq!(got[2].2, serde_json::json!({"c": 3}));
                assert_eq!(got[3].2, serde_json::json!({"d": 4}));
            }
        }
    }

    /// The last line of an input need not end in a newline: a second record on it is still on
    /// that line (it was put back one line early), however the input arrives.
    #[test]
    fn two_records_on_a_last_line_without_a_newline_keep_its_line() {
        for input in [
            &b"{\"a\":1}\n{\"b\":2}{\"c\":3}"[..],
            &b"{\"a\":1}\n{\"b\":2} , {\"c\":3}"[..],
            &b"{\"a\":1}\n\n{\"b\":2}{\"c\":3}\r\n"[..],
        ] {
            let want_line = if input.starts_with(b"{\"a\":1}\n\n") {
                3
            } else {
                2
            };
            for capacity in [1, 2, 5, 8192] {
                let reader = std::io::BufReader::with_capacity(capacity, input);
                let got: Vec<(usize, usize, Vec<u8>)> = Records::new(reader)
                    .map(|f| f.unwrap())
                    .map(|f| (f.index, f.line, f.bytes.unwrap()))
                    .collect();
                assert_eq!(
                    got,
                    vec![
                        (1, 1, b"{\"a\":1}".to_vec()),
                        (2, want_line, b"{\"b\":2}".to_vec()),
                        (3, want_line, b"{\"c\":3}".to_vec()),
                    ],
                    "{} at capacity {capacity}",
                    String::from_utf8_lossy(input)
                );
            }
        }
    }

    /// A broken first record with another record after it on the first line is split there, as
    /// on any later line: the record after it is not swallowed. A stray `]` with no record after
    /// it is still one broken record, the rest of its line included.
    #[test]
    fn a_broken_first_record_does_not_swallow_the_record_after_it() {
        type Want<'a> = Vec<(usize, &'a str)>;
        let cases: [(&[u8], Want); 4] = [
            (
                b"{\"d\":x}, {\"e\":5}\n{\"f\":6}\n",
                vec![(1, "{\"d\":x}"), (1, "{\"e\":5}"), (2, "{\"f\":6}")],
            ),
            (
                b"{\"d\":x}{\"e\":5}",
                vec![(1, "{\"d\":x}"), (1, "{\"e\":5}")],
            ),
            // an escaped backslash ends the string; a NUL byte breaks the record
            (
                b"{\"d\":\"\\\\\",\x00}{\"e\":5}\r\n{\"f\":6}",
                vec![
                    (1, "{\"d\":\"\\\\\",\u{0}}"),
                    (1, "{\"e\":5}"),
                    (2, "{\"f\":6}"),
                ],
            ),
            (
                b"{\"f\":[1]],\"p\":1}\n{\"g\":7}\n",
                vec![(1, "{\"f\":[1]],\"p\":1}"), (2, "{\"g\":7}")],
            ),
        ];
        for (input, want) in cases {
            for capacity in [1, 3, 8192] {
                let reader = std::io::BufReader::with_capacity(capacity, input);
                let got: Vec<(usize, String)> = Records::new(reader)
                    .map(|f| f.unwrap())
                    .map(|f| (f.line, String::from_utf8(f.bytes.unwrap()).unwrap()))
                    .collect();
                let want: Vec<(usize, String)> =
                    want.iter().map(|(l, t)| (*l, t.to_string())).collect();
                assert_eq!(
                    got,
                    want,
                    "{} at capacity {capacity}",
                    String::from_utf8_lossy(input)
                );
            }
        }
    }

    #[test]
    fn bom_and_crlf() {
        let t = texts(b"\xEF\xBB\xBF{\"a\":1}\r\n{\"b\":2}\r\n");
        assert_eq!(t, vec![Ok("{\"a\":1}".into()), Ok("{\"b\":2}".into())]);
    }

    #[test]
    fn truncated_last_record() {
        // in an array, the truncated record says the array is not closed either (one record)
        let f = frames(b"[{\"a\":1},{\"b\":");
        assert_eq!(f.len(), 2);
        assert_eq!(f[1].bytes, Err(FrameError::TruncatedInArray { opened: 1 }));
        let f = frames(b"{\n\"a\":1}\n{\"b\":");
        assert_eq!(f[1].bytes, Err(FrameError::Truncated));
    }

    /// `(index, line, error)` of each frame; `None` for a frame that is a record.
    fn errors(input: &[u8]) -> Vec<(usize, usize, Option<FrameError>)> {
        frames(input)
            .into_iter()
            .map(|f| (f.index, f.line, f.bytes.err()))
            .collect()
    }

    #[test]
    fn an_array_the_input_ends_inside_gives_one_error_after_its_elements() {
        let open = |opened| Some(FrameError::UnclosedArray { opened });
        // after whole elements, compact and pretty: a record of its own where the input ended
        assert_eq!(
            errors(b"[{\"a\":1},{\"b\":2}"),
            [(1, 1, None), (2, 1, None), (3, 1, open(1))]
        );
        assert_eq!(
            errors(b"[{\"a\":1},{\"b\":2},"),
            [(1, 1, None), (2, 1, None), (3, 1, open(1))]
        );
        assert_eq!(
            errors(b"\n[\n  {\"a\":1},\n  {\"b\":2}\n"),
            [(1, 3, None), (2, 4, None), (3, 5, open(2))]
        );
        // `[` alone is an array without its `]` too; an empty input, `[]` and `[ ]` are no records
        assert_eq!(errors(b"["), [(1, 1, open(1))]);
        assert_eq!(errors(b"[\n\n"), [(1, 3, open(1))]);
        for whole in [&b""[..], b"[]", b"[ \n]\n", b"\n"] {
            assert_eq!(errors(whole), [], "{whole:?}");
        }
        // inside the last element (an object, a string, a scalar): that element's error says so,
        // and no second error follows
        let cut = |opened| Some(FrameError::TruncatedInArray { opened });
        for input in [
            &b"[{\"a\":1},{\"b\":"[..],
            b"[{\"a\":1},{\"b\":[1,{",
            b"[{\"a\":1},\"str",
            b"[{\"a\":1},tru",
        ] {
            assert_eq!(errors(input), [(1, 1, None), (2, 1, cut(1))], "{input:?}");
        }
        assert_eq!(errors(b"[{"), [(1, 1, cut(1))]);
        // an element unclosed with records after it costs only itself; the end of the input, still
        // inside the array, is then one error of its own after those records
        assert_eq!(
            errors(b"[\n{\"id\":\"a\",\n{\"id\":\"b\"}\n"),
            [
                (1, 2, Some(FrameError::Unclosed)),
                (2, 3, None),
                (3, 4, open(1))
            ]
        );
        // a later array (`cat a.json b.json`, the second cut off) names its own `[`; the array
        // closed before it gives nothing
        assert_eq!(
            errors(b"[{\"a\":1}]\n{\"b\":2}\n[\n{\"c\":3},\n"),
            [(1, 1, None), (2, 2, None), (3, 4, None), (4, 5, open(3))]
        );
        // a `[` alone after other records (`cat a.json b.json`, b.json cut after its `[`) is such
        // an array too, as it is at the start
        assert_eq!(errors(b"[{\"a\":1}]\n[\n"), [(1, 1, None), (2, 3, open(2))]);
        assert_eq!(errors(b"{\"a\":1}\n["), [(1, 1, None), (2, 2, open(2))]);
        // records that follow a closed array, then end: nothing is missing
        assert_eq!(
            errors(b"[{\"a\":1}]\n{\"b\":2}"),
            [(1, 1, None), (2, 2, None)]
        );
        // an element over the size limit that the input also cuts off: one error, the cut
        let f: Vec<Frame> =
            Records::with_limit(&b"[{\"a\":1},{\"b\":\"xxxxxxxxxxxxxxxxxxxx"[..], 16)
                .map(|f| f.unwrap())
                .collect();
        assert_eq!(f.len(), 2, "{f:?}");
        assert_eq!(f[1].bytes, Err(FrameError::TruncatedInArray { opened: 1 }));
        // however the input arrives (a pipe may deliver a byte at a time)
        for cap in [1, 2, 3, 8192] {
            for (input, want) in [
                (
                    &b"[\n{\"a\":1},\n{\"b\":2}\n"[..],
                    vec![None, None, open(1)],
                ),
                (b"[\n{\"a\":1},\n{\"b\":", vec![None, cut(1)]),
            ] {
                let r = std::io::BufReader::with_capacity(cap, input);
                let got: Vec<_> = Records::new(r).map(|f| f.unwrap().bytes.err()).collect();
                assert_eq!(got, want, "{input:?} at {cap}");
            }
        }
    }

    #[test]
    fn an_unclosed_record_costs_only_itself() {
        // a missing `}`: framing resumes at the next line that starts with `{`
        let f = frames(b"{\n\"a\": 1\n\n{\n  \"b\": {\"x\": [\n  {\"y\": 1}]}\n}\n{\"c\": 3}\n");
        assert_eq!(f.len(), 3);
        assert_eq!(f[0].bytes, Err(FrameError::Unclosed));
        assert_eq!((f[1].index, f[1].line), (2, 4));
        assert_eq!(
            f[1].bytes.as_ref().unwrap(),
            b"{\n  \"b\": {\"x\": [\n  {\"y\": 1}]}\n}"
        );
        assert_eq!((f[2].index, f[2].line), (3, 8));
        // a missing `"` in an indented array; a nested `{` deeper than the record is not a record
        let f = frames(
            b"[\n  {\n    \"a\": \"1,\n    \"n\": [\n      {}\n    ]\n  },\n  {\"b\": 2}\n]",
        );
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].bytes, Err(FrameError::Unclosed));
        assert_eq!(f[1].bytes.as_ref().unwrap(), b"{\"b\": 2}");
        assert_eq!(f[1].line, 8);
        // a missing `}` whose brackets the later records balance: the frame would swallow them
        let f = frames(b"[\n{\"id\":\"a\"},\n{\"id\":\"b\",\n{\"id\":\"c\"},\n{\"id\":\"d\"}\n]\n");
        let t: Vec<_> = f
            .iter()
            .map(|f| (f.index, f.line, f.bytes.clone()))
            .collect();
        assert_eq!(
            t,
            [
                (1, 2, Ok(b"{\"id\":\"a\"}".to_vec())),
                (2, 3, Err(FrameError::Unclosed)),
                (3, 4, Ok(b"{\"id\":\"c\"}".to_vec())),
                (4, 5, Ok(b"{\"id\":\"d\"}".to_vec())),
            ]
        );
        // twice in a row, and in concatenated pretty-printed objects
        let f = frames(b"{\n  \"a\": 1\n{\n  \"b\": 2\n{\n  \"c\": {\"x\": 1}\n}\n{\"d\": 4}\n");
        let ok: Vec<bool> = f.iter().map(|f| f.bytes.is_ok()).collect();
        assert_eq!(ok, [false, false, true, true], "{f:?}");
        // a record with another error (a trailing comma) and a nested object at the left margin
        // is one broken record, not an unclosed one followed by others
        let f = frames(b"{\n\"factors\":\n{\"fault\": \"intent\"},\n}\n{\"b\": 2}\n");
        assert_eq!(f.len(), 2, "{f:?}");
        assert!(
            f[0].bytes.is_ok(),
            "framed whole; the parser reports the comma"
        );
        assert!(f[1].bytes.is_ok());
        // a valid record with a nested object at the left margin is not split
        let f = frames(b"{\n\"a\":\n{\"x\": 1}\n}\n{\"b\": 2}\n");
        assert_eq!(f.len(), 2);
        assert!(f.iter().all(|f| f.bytes.is_ok()));
        // nothing to resume at: the input simply ended
        let f = frames(b"{\n\"a\": 1\n");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].bytes, Err(FrameError::Truncated));
        // commas between concatenated objects separate records
        assert_eq!(texts(b"{\n\"a\":1},\n{\"b\":2},\n").len(), 2);
    }

    #[test]
    fn utf16_input_is_one_error() {
        for input in [
            &b"\xFF\xFE{\x00\"\x00a\x00"[..],
            b"\xFE\xFF\x00{\x00\"",
            b"{\x00}\x00",
            b"\x00{\x00}",
        ] {
            let f = frames(input);
            assert_eq!(f.len(), 1, "{input:?}");
            assert_eq!(f[0].bytes, Err(FrameError::Utf16));
        }
        assert_eq!(frames(b"{}").len(), 1);
        assert!(frames(b"{}")[0].bytes.is_ok());
        // a UTF-8 input that merely starts with a NUL byte is not UTF-16: its records survive
        let f = frames(b"\x00\n{\"a\":1}\n{\"b\":2}\n");
        assert_eq!(f.len(), 3);
        assert!(f[1].bytes.is_ok() && f[2].bytes.is_ok());
    }

    #[test]
    fn empty_and_whitespace() {
        assert!(frames(b"").is_empty());
        assert!(frames(b"  \n\t\r\n").is_empty());
        let mut r = Records::new(&b""[..]);
        assert!(r.next().is_none());
        assert_eq!(r.shape(), Some(Shape::Empty));
        assert_eq!(texts(b"{}"), vec![Ok("{}".into())]);
    }

    #[test]
    fn deep_nesting_and_big_strings() {
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        let input = format!("{{\"x\":{deep}}}\n{{\"y\":\"{}\"}}\n", "z".repeat(10 << 20));
        let f = frames(input.as_bytes());
        assert_eq!(f.len(), 2);
        assert_eq!(f[1].bytes.as_ref().unwrap().len(), (10 << 20) + 8);
    }

    #[test]
    fn invalid_utf8_passes_through() {
        let f = frames(b"{\"a\":\"\xff\xfe\"}\n");
        assert_eq!(f[0].bytes.as_ref().unwrap(), b"{\"a\":\"\xff\xfe\"}");
    }

    #[test]
    fn stray_closers_and_scalars() {
        let t = texts(b"{\"a\":\n1}\n]]\n{\"b\":2}");
        assert_eq!(t.len(), 3);
        assert!(matches!(t[1], Err(FrameError::Stray(_))));
        assert_eq!(t[2], Ok("{\"b\":2}".into()));
        let t = texts(b"[1, \"x\", null]");
        assert_eq!(
            t,
            vec![Ok("1".into()), Ok("\"x\"".into()), Ok("null".into())]
        );
        // after an array: an object is a record (below), a stray `]` is still stray text
        let t = texts(b"[{\"a\":1}] ]\n{\"b\":2}");
        assert_eq!(t.len(), 3, "{t:?}");
        assert!(matches!(t[1], Err(FrameError::Stray(_))));
        assert_eq!(t[2], Ok("{\"b\":2}".into()));
    }

    /// `(index, line, id)` of each frame; the id is `"!"` for a frame that is not a record with one.
    fn ids(input: &[u8]) -> Vec<(usize, usize, String)> {
        frames(input)
            .into_iter()
            .map(|f| {
                let id = f
                    .bytes
                    .ok()
                    .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
                    .and_then(|v| v.get("id").and_then(|i| i.as_str()).map(str::to_string))
                    .unwrap_or_else(|| "!".into());
                (f.index, f.line, id)
            })
            .collect()
    }

    fn owned(v: &[(usize, usize, &str)]) -> Vec<(usize, usize, String)> {
        v.iter().map(|&(i, l, s)| (i, l, s.to_string())).collect()
    }

    #[test]
    fn arrays_after_other_records_are_read_element_by_element() {
        let pretty = |p: &str| {
            format!("[\n  {{\"id\":\"{p}0\"}},\n  {{\"id\":\"{p}1\"}},\n  {{\"id\":\"{p}2\"}}\n]\n")
        };
        // `cat x1.json x2.json`: two pretty arrays
        let input = pretty("a") + &pretty("b");
        assert_eq!(
            ids(input.as_bytes()),
            owned(&[
                (1, 2, "a0"),
                (2, 3, "a1"),
                (3, 4, "a2"),
                (4, 7, "b0"),
                (5, 8, "b1"),
                (6, 9, "b2")
            ])
        );
        // an object line, then a pretty array
        let input = format!("{{\"id\":\"o\"}}\n{}", pretty("b"));
        assert_eq!(
            ids(input.as_bytes()),
            owned(&[(1, 1, "o"), (2, 3, "b0"), (3, 4, "b1"), (4, 5, "b2")])
        );
        let mut r = Records::new(input.as_bytes());
        r.next();
        assert_eq!(r.shape(), Some(Shape::Lines));
        // a pretty array, then an object line, then JSON Lines
        let input = format!("{}{{\"id\":\"o\"}}\n{{\"id\":\"p\"}}\n", pretty("a"));
        assert_eq!(
            ids(input.as_bytes()),
            owned(&[
                (1, 2, "a0"),
                (2, 3, "a1"),
                (3, 4, "a2"),
                (4, 6, "o"),
                (5, 7, "p")
            ])
        );
        // two compact arrays on two lines; with a comma between them; with an object between
        for input in [
            &b"[{\"id\":\"c1\"}]\n[{\"id\":\"c2\"}]\n"[..],
            b"[{\"id\":\"c1\"}],\n[{\"id\":\"c2\"}]",
        ] {
            assert_eq!(ids(input), owned(&[(1, 1, "c1"), (2, 2, "c2")]));
        }
        assert_eq!(
            ids(b"[{\"id\":\"a\"}] {\"id\":\"b\"} [{\"id\":\"c\"},{\"id\":\"d\"}]"),
            owned(&[(1, 1, "a"), (2, 1, "b"), (3, 1, "c"), (4, 1, "d")])
        );
        // pretty concatenated objects, an empty array, an array with nested arrays, pretty again
        let input =
            b"{\n  \"id\": \"p\"\n}\n[]\n[{\"id\":\"n\",\"x\":[[1],[]]}]\n{\n  \"id\": \"q\"\n}\n";
        assert_eq!(ids(input), owned(&[(1, 1, "p"), (2, 5, "n"), (3, 6, "q")]));
    }

    #[test]
    fn a_later_array_that_is_not_of_records_is_one_record() {
        // `[1,2]` on a line of JSON Lines: one record (not an object), as a line always was
        let t = texts(b"{\"a\":1}\n[1,2]\n{\"b\":2}\n");
        assert_eq!(
            t,
            vec![
                Ok("{\"a\":1}".into()),
                Ok("[1,2]".into()),
                Ok("{\"b\":2}".into())
            ]
        );
        // first in the input, any array is the array of records (its scalars are bad records)
        assert_eq!(texts(b"[1,2]").len(), 2);
        // an empty array is no records, wherever it stands
        assert_eq!(texts(b"{\"a\":1}\n[]\n[ \n ]\n{\"b\":2}\n").len(), 2);
    }

    #[test]
    fn a_hundred_thousand_empty_arrays_do_not_run_the_stack_out() {
        // each `[` and `]` is passed over in a loop: no frame per bracket on the stack
        let input = "[]\n".repeat(100_000) + "{\"id\":\"a\"}\n" + &"[]".repeat(100_000);
        let t = texts(input.as_bytes());
        assert_eq!(t, vec![Ok("{\"id\":\"a\"}".to_string())]);
    }

    #[test]
    fn text_right_after_an_array_is_stray() {
        let t = texts(b"[{\"a\":1}]x\n{\"b\":2}\n");
        assert_eq!(t.len(), 3, "{t:?}");
        assert_eq!(t[1], Err(FrameError::Stray("x".into())));
        assert_eq!(t[2], Ok("{\"b\":2}".to_string()));
    }

    #[test]
    fn byte_order_marks_between_records_are_file_boundaries() {
        // `cat a.json b.json` of files saved with a BOM: arrays, lines and concatenated objects
        let bom = "\u{feff}";
        for input in [
            format!("{bom}[{{\"id\":\"a\"}}]\n{bom}[{{\"id\":\"b\"}}]\n"),
            format!("{bom}{{\"id\":\"a\"}}\n{bom}{{\"id\":\"b\"}}\n"),
            format!("{bom}{{\"id\":\"a\"}}{bom}{{\"id\":\"b\"}}"),
            format!("{bom}{{\n  \"id\": \"a\"\n}}\n{bom}{{\n  \"id\": \"b\"\n}}\n"),
        ] {
            for cap in [1, 2, 3, 4, 8192] {
                let r = std::io::BufReader::with_capacity(cap, input.as_bytes());
                let got: Vec<String> = Records::new(r)
                    .map(|f| String::from_utf8(f.unwrap().bytes.unwrap()).unwrap())
                    .map(|t| t.split_whitespace().collect())
                    .collect();
                assert_eq!(
                    got,
                    ["{\"id\":\"a\"}", "{\"id\":\"b\"}"],
                    "{input:?} at {cap}"
                );
            }
        }
        // a lone 0xEF that does not begin a mark stays in the input: its line is one record of
        // its own (which will not parse), and the records around it are whole
        let t = texts(b"{\"a\":1}\n\xEFx\n{\"b\":2}\n");
        assert_eq!(t.len(), 3, "{t:?}");
        assert_eq!(t[0], Ok("{\"a\":1}".to_string()));
        assert_eq!(t[1], Ok("\u{fffd}x".to_string()));
        assert_eq!(t[2], Ok("{\"b\":2}".to_string()));
    }

    #[test]
    fn arrays_after_records_however_the_input_arrives() {
        // a pipe may deliver a byte at a time: the look past `[` crosses buffer ends
        let input =
            b"{\"id\":\"o\"}\n[  \n\n  {\"id\":\"a\"},\n  {\"id\":\"b\"}\n]\n[1]\n{\"id\":\"c\"}\n";
        let slow = std::io::BufReader::with_capacity(1, &input[..]);
        let got: Vec<_> = Records::new(slow)
            .map(|f| {
                let f = f.unwrap();
                (f.index, f.line, f.bytes.unwrap())
            })
            .collect();
        let want: Vec<(usize, usize, Vec<u8>)> = vec![
            (1, 1, b"{\"id\":\"o\"}".to_vec()),
            (2, 4, b"{\"id\":\"a\"}".to_vec()),
            (3, 5, b"{\"id\":\"b\"}".to_vec()),
            (4, 7, b"[1]".to_vec()),
            (5, 8, b"{\"id\":\"c\"}".to_vec()),
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn a_broken_record_in_a_later_array_costs_only_itself() {
        // an unclosed record in the second array, and a broken line before it
        let input = b"{\"id\":\"o\"}\n{\"id\":\n[\n{\"id\":\"a\"},\n{\"id\":\"b\",\n{\"id\":\"c\"}\n]\n{\"id\":\"d\"}\n";
        let f = frames(input);
        assert_eq!(
            f.iter().map(|f| (f.index, f.line)).collect::<Vec<_>>(),
            [(1, 1), (2, 2), (3, 4), (4, 5), (5, 6), (6, 8)],
            "{f:?}"
        );
        assert_eq!(f[3].bytes, Err(FrameError::Unclosed));
        assert_eq!(
            ids(input),
            owned(&[
                (1, 1, "o"),
                (2, 2, "!"),
                (3, 4, "a"),
                (4, 5, "!"),
                (5, 6, "c"),
                (6, 8, "d")
            ])
        );
    }

    #[test]
    fn an_unclosed_record_before_an_array_costs_only_itself() {
        // `cat broken.json cases.json`: a pretty record missing its `}`, then a pretty array
        let array = "[\n  {\"id\":\"a\"},\n  {\"id\":\"b\"}\n]\n";
        let input = format!("{{\n  \"id\": \"x\",\n  \"p\": 1\n{array}");
        let f = frames(input.as_bytes());
        assert_eq!(f[0].bytes, Err(FrameError::Unclosed));
        assert_eq!(
            ids(input.as_bytes()),
            owned(&[(1, 1, "!"), (2, 5, "a"), (3, 6, "b")])
        );
        // a first line that is cut off, then an array
        let input = format!("{{\"id\":\"x\",\"p\":\n{array}");
        assert_eq!(frames(input.as_bytes())[0].bytes, Err(FrameError::Unclosed));
        assert_eq!(
            ids(input.as_bytes()),
            owned(&[(1, 1, "!"), (2, 3, "a"), (3, 4, "b")])
        );
        // a nested array of numbers at the left margin is not an array of records
        let f = frames(b"{\n\"id\":\"t\",\n\"x\":\n[1,2]\n");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].bytes, Err(FrameError::Truncated));
        // inside an array, a `[` line is an element, never where records resume
        let f = frames(b"[\n  {\"id\":\"a\",\n  [\n    {\"id\":\"b\"}\n  ]\n");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].bytes, Err(FrameError::TruncatedInArray { opened: 1 }));
    }

    #[test]
    fn a_later_array_is_streamed_not_read_whole() {
        // the input fails after the second array's first element: that element still comes out
        // first, so the array was not read to its end before its records were given
        struct Fails;
        impl std::io::Read for Fails {
            fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
                Err(std::io::Error::other("the rest of the input"))
            }
        }
        let head = &b"[{\"id\":\"a\"}]\n[\n  {\"id\":\"b\"},\n  {\"id\""[..];
        let reader = std::io::BufReader::with_capacity(8, std::io::Read::chain(head, Fails));
        let got: Vec<_> = Records::new(reader).collect();
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(
            got[0].as_ref().unwrap().bytes.as_deref().ok(),
            Some(&b"{\"id\":\"a\"}"[..])
        );
        assert_eq!(
            got[1].as_ref().unwrap().bytes.as_deref().ok(),
            Some(&b"{\"id\":\"b\"}"[..])
        );
        assert!(got[2].is_err());
    }

    #[test]
    fn too_large_then_recovers() {
        let input = format!("{{\n\"a\":\"{}\"}}\n{{\"b\":2}}", "x".repeat(100));
        let f: Vec<Frame> = Records::with_limit(input.as_bytes(), 50)
            .map(|f| f.unwrap())
            .collect();
        assert_eq!(f[0].bytes, Err(FrameError::TooLarge));
        assert_eq!(f[1].bytes.as_ref().unwrap(), b"{\"b\":2}");
        let f: Vec<Frame> = Records::with_limit(
            &b"{\"a\":1}\n{\"b\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}\n{\"c\":3}\n"[..],
            20,
        )
        .map(|f| f.unwrap())
        .collect();
        assert_eq!(f.len(), 3);
        assert_eq!(f[1].bytes, Err(FrameError::TooLarge));
    }

    #[test]
    fn newlines_and_brackets_are_found_wherever_they_fall() {
        // every position in and around a word of eight, with every other byte around it
        for len in 0..20 {
            for at in 0..=len {
                for fill in [0u8, b'\n' - 1, b'\n' + 1, b' ', 0x8A, 0xFF] {
                    let mut hay = vec![fill; len];
                    if at < len {
                        hay[at] = b'\n';
                        // a second one after it changes nothing
                        if at + 3 < len {
                            hay[at + 3] = b'\n';
                        }
                    }
                    let want = hay.iter().position(|&b| b == b'\n');
                    assert_eq!(find_newline(&hay), want, "{hay:?}");
                }
            }
        }
        assert_eq!(
            scan_line(br#"{"a":"}\"{","b":[1,{"c":"]"}]} , {"d":1}"#),
            (0, Some(33))
        );
        assert_eq!(scan_line(br#"{"a":"x\"#), (1, None));
        assert_eq!(scan_line(br#"{"a":"x\\"}"#), (0, None));
        assert_eq!(scan_line(b"{\"a\":[1,2"), (2, None));
        assert_eq!(scan_line(b"}]"), (-2, None));
        assert_eq!(closes_at(b"1]}, {", 2), Some(3));
        for len in 0..20 {
            for at in 0..=len {
                for stop in [b'"', b'\\'] {
                    for fill in [b'a', 0, b'"' + 1, b'\\' - 1, 0x80, 0xDC, 0xFF] {
                        let mut b = vec![fill; len];
                        if at < len {
                            b[at] = stop;
                            if at + 2 < len {
                                b[at + 2] = b'"';
                            }
                        }
                        let want = b.iter().position(|&c| c == b'"' || c == b'\\');
                        assert_eq!(quote_or_backslash(&b), want.unwrap_or(len), "{b:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn line_numbers_and_indexes() {
        let f = frames(b"\n\n{\"a\":1}\n\n{\"b\":2}\n");
        assert_eq!((f[0].index, f[0].line), (1, 3));
        assert_eq!((f[1].index, f[1].line), (2, 5));
    }

    /// The bracket walk as it was, a byte at a time through the whole state machine: the
    /// reference the table-driven walk is checked against.
    fn walk_brackets_bytewise(line: &[u8], depth: i64, stop_at: i64) -> (i64, Vec<(usize, i64)>) {
        let (mut depth, mut in_str, mut esc) = (depth, false, false);
        let mut closes = Vec::new();
        for (i, &b) in line.iter().enumerate() {
            if in_str {
                if esc {
                    esc = false;
                } else if b == b'\\' {
                    esc = true;
                } else if b == b'"' {
                    in_str = false;
                }
                continue;
            }
            match b {
                b'"' => in_str = true,
                b'{' | b'[' => depth += 1,
                b'}' | b']' => {
                    depth -= 1;
                    closes.push((i + 1, depth));
                    if depth == stop_at {
                        break;
                    }
                }
                _ => {}
            }
        }
        (depth, closes)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 5000, .. Default::default() })]

        /// The table-driven bracket walk sees the closing brackets, and ends at the depth, that
        /// the byte-at-a-time walk does, on any mix of brackets, quotes, backslashes and text.
        #[test]
        fn the_bracket_walk_is_the_bytewise_one(
            line in proptest::collection::vec(
                proptest::sample::select(b"\"\\{}[] a,:\xE4\n".to_vec()),
                0..40,
            ),
            depth in 0i64..3,
            stop_at in -2i64..3,
        ) {
            let mut closes = Vec::new();
            let end = walk_brackets(&line, depth, |after, d| {
                closes.push((after, d));
                d == stop_at
            });
            proptest::prop_assert_eq!((end, closes), walk_brackets_bytewise(&line, depth, stop_at));
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 500, .. Default::default() })]

        /// Valid records in any of the shapes the reader accepts — JSON Lines, concatenated
        /// (compact or pretty, with or without commas), an array — frame one to one, in order.
        #[test]
        fn valid_records_frame_one_to_one(
            picks in proptest::collection::vec(0usize..6, 1..8),
            style in 0usize..9,
        ) {
            let pool = [
                r#"{"id":"a","province":"sichuan"}"#,
                r#"{"id":"b,}{","n":[1,[2,{"x":"]"}]]}"#,
                r#"{"id":"c\"}","s":"line\nbreak"}"#,
                r#"{}"#,
                r#"{"id":"e","f":{"g":[{},[]]}}"#,
                r#"{"id":"中文，逗号","v":"、"}"#,
            ];
            let values: Vec<serde_json::Value> =
                picks.iter().map(|&i| serde_json::from_str(pool[i]).unwrap()).collect();
            let compact: Vec<String> = values.iter().map(|v| v.to_string()).collect();
            let pretty: Vec<String> =
                values.iter().map(|v| serde_json::to_string_pretty(v).unwrap()).collect();
            let input = match style {
                0 => compact.join("\n"),
                1 => compact.join(","),
                2 => compact.join(",\n") + ",\n",
                3 => compact.join(" , "),
                4 => pretty.join("\n"),
                5 => pretty.join(",\n"),
                // JSON Lines (one record on the first line) with two records on later lines,
                // joined by nothing or by a comma
                7 | 8 => {
                    let sep = if style == 7 { "" } else { ", " };
                    let rest = compact[1..].chunks(2).map(|c| c.join(sep));
                    std::iter::once(compact[0].clone()).chain(rest).collect::<Vec<_>>().join("\n")
                }
                _ => format!("[\n{}\n]", pretty.join(",\n")),
            };
            let frames = frames(input.as_bytes());
            proptest::prop_assert_eq!(frames.len(), values.len(), "{}", input);
            for (f, v) in frames.iter().zip(&values) {
                let got: serde_json::Value =
                    serde_json::from_slice(f.bytes.as_ref().unwrap()).unwrap();
                proptest::prop_assert_eq!(&got, v);
            }
        }

        /// Inputs joined one after another (`cat a.jsonl b.json c.json`): arrays (compact or
        /// pretty, maybe empty) anywhere, and between them runs of records in any one shape.
        /// Every record frames one to one, in order.
        #[test]
        fn arrays_anywhere_frame_one_to_one(
            segments in proptest::collection::vec(
                (proptest::collection::vec(0usize..6, 0..4), 0usize..9),
                1..6,
            ),
            capacity in proptest::sample::select(vec![1usize, 2, 3, 7, 64, 8192]),
        ) {
            let pool = [
                r#"{"id":"a","province":"sichuan"}"#,
                r#"{"id":"b,}{","n":[1,[2,{"x":"]"}]]}"#,
                r#"{"id":"c\"}","s":"line\nbreak"}"#,
                r#"{}"#,
                r#"{"id":"e","f":{"g":[{},[]]}}"#,
                r#"{"id":"中文，逗号","v":"、"}"#,
            ];
            let mut input = String::new();
            let mut values = Vec::new();
            let mut last_was_run = false;
            for (picks, style) in &segments {
                let vals: Vec<serde_json::Value> =
                    picks.iter().map(|&i| serde_json::from_str(pool[i]).unwrap()).collect();
                let compact: Vec<String> = vals.iter().map(|v| v.to_string()).collect();
                let pretty: Vec<String> =
                    vals.iter().map(|v| serde_json::to_string_pretty(v).unwrap()).collect();
                // two runs of records must have an array between them (their shapes would mix)
                let style = if last_was_run && *style < 7 { 7 + style % 2 } else { *style };
                if style < 7 && picks.is_empty() {
                    continue;
                }
                let text = match style {
                    0 => compact.join("\n"),
                    1 => compact.join(","),
                    2 => compact.join(",\n") + ",",
                    3 => compact.join(" , "),
                    4 => pretty.join("\n"),
                    5 => pretty.join(",\n"),
                    6 => pretty.join(","),
                    7 => format!("[{}]", compact.join(",")),
                    _ => format!("[\n{}\n]", pretty.join(",\n")),
                };
                last_was_run = style < 7;
                input.push_str(&text);
                input.push('\n');
                values.extend(vals);
            }
            let reader = std::io::BufReader::with_capacity(capacity, input.as_bytes());
            let frames: Vec<Frame> = Records::new(reader).map(|f| f.unwrap()).collect();
            proptest::prop_assert_eq!(frames.len(), values.len(), "{}", input);
            for (f, v) in frames.iter().zip(&values) {
                let got: serde_json::Value =
                    serde_json::from_slice(f.bytes.as_ref().unwrap()).unwrap();
                proptest::prop_assert_eq!(&got, v, "{}", input);
            }
        }
    }
}
