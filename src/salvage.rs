//! What can honestly be read from a case record that is not valid JSON, for its error record: the
//! record's `id`, the field whose value holds the break, and the text there.
//!
//! Only the record's text before the break is trusted. The scanner walks the members of the
//! record's top-level object, in order, as far as the break: an `id` member counts only when it
//! was read whole before the break and cleanly ended (a `,` or `}` after it, or the record's end),
//! and when it is the only `id` member read. Nothing after the break is read as the record's: a
//! missing `"` turns what follows inside out, so a key that looks like `"id"` there is no evidence.
//!
//! It runs on the error path only (a record that parsed never comes here), and never panics on
//! any bytes and any offset.

use serde::Deserialize;

/// What [`salvage`] could read from a broken record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Salvaged {
    /// the record's `id` (a number as its JSON text, as for a record that parses), if read whole
    /// before the break
    pub id: Option<String>,
    /// the field whose value holds the break (`disability_grade`, `factors.fault`), or `""`
    pub field: String,
    /// the raw text of that value (`x`, `"sich\q"`), or `""` when it cannot be delimited
    pub value: String,
}

/// Where a record stops being valid JSON, as a byte offset into it: the first byte that is not
/// UTF-8, the byte the parser stumbled on, or the record's length when it ended too soon. `None`
/// when the record is valid JSON (and so was refused for something else).
pub fn break_offset(record: &[u8]) -> Option<usize> {
    if let Err(u) = std::str::from_utf8(record) {
        return Some(u.valid_up_to());
    }
    let mut de = serde_json::Deserializer::from_slice(record);
    // a Value, not IgnoredAny: only a string read whole checks that its escapes decode
    let e = serde_json::Value::deserialize(&mut de)
        .and_then(|_| de.end())
        .err()?;
    if e.classify() == serde_json::error::Category::Eof || e.line() == 0 {
        return Some(record.len());
    }
    // serde_json counts lines from 1 and columns in bytes from 1 (the byte it stumbled on)
    let mut start = 0;
    for _ in 1..e.line() {
        start += record[start..].iter().position(|&b| b == b'\n')? + 1;
    }
    Some((start + e.column().saturating_sub(1)).min(record.len()))
}

/// Reads what can be read of `record` before the byte offset `at` where it breaks.
pub fn salvage(record: &[u8], at: usize) -> Salvaged {
    let at = at.min(record.len());
    let mut out = Salvaged::default();
    let open = skip_ws(record, 0);
    if open >= at || record[open] != b'{' {
        return out;
    }
    let mut ids = Ids::default();
    if let Walk::Broken { field, value } = walk(record, open, at, "", 0, Some(&mut ids)) {
        out.field = field;
        out.value = value;
    }
    if ids.keys == 1 {
        out.id = ids.value;
    }
    out
}

/// The `id` members of the top-level object read before the break.
#[derive(Default)]
struct Ids {
    /// how many keys `id` were read (two: neither value is the id)
    keys: usize,
    /// the value of the last, when it was read whole and ended cleanly
    value: Option<String>,
}

enum Walk {
    /// the object closed, or the walk stopped somewhere other than inside a member's value
    Stopped,
    /// the break is inside the value of `field`
    Broken { field: String, value: String },
}

/// How deep into nested objects a field is named.
const MAX_DEPTH: usize = 16;

/// Walks the members of the object whose `{` is at `open`, as far as the break at `at`.
fn walk(
    r: &[u8],
    open: usize,
    at: usize,
    prefix: &str,
    depth: usize,
    ids: Option<&mut Ids>,
) -> Walk {
    let mut ids = ids;
    let mut p = open + 1;
    loop {
        p = skip_ws(r, p);
        if p >= at || r[p] != b'"' {
            // the break, the object's `}`, or not a key: nothing more to read
            return Walk::Stopped;
        }
        let Some(key_end) = string_end(r, p).filter(|&e| e <= at) else {
            return Walk::Stopped;
        };
        let Some(key) = decode_string(&r[p..key_end]) else {
            return Walk::Stopped;
        };
        p = skip_ws(r, key_end);
        if p >= at || r[p] != b':' {
            return Walk::Stopped;
        }
        p = skip_ws(r, p + 1);
        let field = format!("{prefix}{key}");
        if let Some(ids) = ids.as_deref_mut().filter(|_| key == "id") {
            ids.keys += 1;
            ids.value = None;
        }
        let end = if p < r.len() { value_end(r, p) } else { None };
        match end {
            Some(end) if end <= at => {
                let next = skip_ws(r, end);
                let ended = next < at && matches!(r[next], b',' | b'}');
                if key == "id" {
                    // a bare token (a number) cut off by the record's end may have lost digits;
                    // a closed string may not
                    let whole = ended || (next >= r.len() && (r[p] == b'"' || end < r.len()));
                    if let Some(ids) = ids.as_deref_mut().filter(|_| whole) {
                        ids.value = id_text(&r[p..end]);
                    }
                }
                if ended && r[next] == b',' {
                    p = next + 1;
                    continue;
                }
                return Walk::Stopped;
            }
            _ => {
                // the break is inside this member's value (or where it should begin)
                if p < r.len() && r[p] == b'{' && depth < MAX_DEPTH {
                    if let b @ Walk::Broken { .. } =
                        walk(r, p, at, &format!("{field}."), depth + 1, None)
                    {
                        return b;
                    }
                }
                let value = match end {
                    Some(end) if !matches!(r[p], b'{' | b'[') => raw_text(&r[p..end]),
                    _ => String::new(),
                };
                return Walk::Broken { field, value };
            }
        }
    }
}

fn skip_ws(r: &[u8], mut p: usize) -> usize {
    while p < r.len() && matches!(r[p], b' ' | b'\t' | b'\n' | b'\r') {
        p += 1;
    }
    p
}

/// The offset just past the `"` that closes the string opening at `p`, if it is closed.
fn string_end(r: &[u8], p: usize) -> Option<usize> {
    let mut i = p + 1;
    while i < r.len() {
        match r[i] {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// The offset just past the value starting at `p` (`p < r.len()`): a string to its closing `"`,
/// an object or array to its matching bracket (strings aside, brackets of either kind counted
/// alike), anything else to the next delimiter or the record's end. `None` when a string or
/// bracket is never closed, or when there is no value (a delimiter at `p`).
fn value_end(r: &[u8], p: usize) -> Option<usize> {
    match r[p] {
        b'"' => string_end(r, p),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut i = p;
            while i < r.len() {
                match r[i] {
                    b'"' => {
                        i = string_end(r, i)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(i + 1);
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
            None
        }
        _ => Some(
            r[p..]
                .iter()
                .position(|&b| {
                    matches!(
                        b,
                        b' ' | b'\t'
                            | b'\n'
                            | b'\r'
                            | b','
                            | b':'
                            | b'"'
                            | b'{'
                            | b'}'
                            | b'['
                            | b']'
                    )
                })
                .map_or(r.len(), |n| p + n),
        )
        .filter(|&end| end > p),
    }
}

/// A key, decoded as JSON decodes it (`"\u0069d"` is `id`).
fn decode_string(token: &[u8]) -> Option<String> {
    let inner = &token[1..token.len() - 1];
    if !inner.contains(&b'\\') {
        return std::str::from_utf8(inner).ok().map(str::to_string);
    }
    serde_json::from_slice::<String>(token).ok()
}

/// An id as a record that parses gives it: a string as it is, a number as its JSON text; any
/// other value (null, true, an object) or a token that is not valid JSON is no id.
fn id_text(token: &[u8]) -> Option<String> {
    match serde_json::from_slice::<serde_json::Value>(token).ok()? {
        serde_json::Value::String(s) => Some(s),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The raw text of an offending value, kept short (a long value is cut, and the error record
/// shortens it further with `…`); a character it cannot show (an unescaped tab, say) is named by
/// its code point; `""` when it is not UTF-8.
fn raw_text(token: &[u8]) -> String {
    const MAX: usize = 256;
    let cut = &token[..token.len().min(MAX)];
    let text = match std::str::from_utf8(cut) {
        Ok(t) => t,
        // cut inside a character: keep the characters before it
        Err(u) if u.error_len().is_none() => {
            std::str::from_utf8(&cut[..u.valid_up_to()]).unwrap_or_default()
        }
        Err(_) => return String::new(),
    };
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() {
            out.push_str(&format!("<U+{:04X}>", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    if token.len() > MAX {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `salvage` at the offset `break_offset` finds.
    fn read(record: &str) -> Salvaged {
        let r = record.as_bytes();
        salvage(r, break_offset(r).expect("a broken record"))
    }

    fn s(id: Option<&str>, field: &str, value: &str) -> Salvaged {
        Salvaged {
            id: id.map(str::to_string),
            field: field.into(),
            value: value.into(),
        }
    }

    #[test]
    fn the_break_offset_is_the_byte_the_parser_stumbled_on() {
        let r = br#"{"id":"b2","province":"sichuan","disability_grade":x}"#;
        assert_eq!(break_offset(r), Some(51));
        assert_eq!(r[51], b'x');
        // on a later line
        let r = b"{\n  \"id\": \"b2\",\n  \"grade\": x\n}";
        assert_eq!(r[break_offset(r).unwrap()], b'x');
        // the record ended too soon: its end
        assert_eq!(break_offset(br#"{"id":"b2""#), Some(10));
        // not UTF-8: the first byte that is not
        assert_eq!(break_offset(b"{\"id\":\"\xff\"}"), Some(7));
        assert_eq!(break_offset(br#"{"id":"b2"}"#), None);
    }

    #[test]
    fn a_bad_value_names_its_field_and_the_id_read_before_it() {
        assert_eq!(
            read(r#"{"id":"b2","province":"sichuan","disability_grade":x}"#),
            s(Some("b2"), "disability_grade", "x")
        );
        // a number id, as its JSON text (as for a record that parses)
        assert_eq!(
            read(r#"{"id":17,"disability_grade":7x}"#),
            s(Some("17"), "disability_grade", "7x")
        );
        // an escape in the id is decoded, as the parser decodes it
        assert_eq!(
            read(r#"{"id":"b\u0032","province":"sich\qan"}"#),
            s(Some("b2"), "province", r#""sich\qan""#)
        );
        // nested: the dotted path
        assert_eq!(
            read(r#"{"id":"c","factors":{"fault":"intent","ability":strong}}"#),
            s(Some("c"), "factors.ability", "strong")
        );
        // a break inside an object but not in one of its values names the object
        assert_eq!(
            read(r#"{"id":"c","factors":{"fault" "intent"}}"#),
            s(Some("c"), "factors", "")
        );
        // a missing value: the field, with nothing to show
        assert_eq!(
            read(r#"{"id":"c","disability_grade":,"province":"x"}"#),
            s(Some("c"), "disability_grade", "")
        );
        assert_eq!(
            read(r#"{"id":"c","disability_grade":"#),
            s(Some("c"), "disability_grade", "")
        );
        // an unescaped control character is named by its code point
        assert_eq!(
            read("{\"id\":\"c\",\"province\":\"si\tchuan\"}"),
            s(Some("c"), "province", "\"si<U+0009>chuan\"")
        );
    }

    #[test]
    fn nothing_after_the_break_is_read() {
        // the id after the break
        assert_eq!(
            read(r#"{"province":"sichuan","disability_grade":x,"id":"b2"}"#),
            s(None, "disability_grade", "x")
        );
        // a missing `"` turns the rest inside out
        assert_eq!(
            read(r#"{"province":"sichuan,"id":"b2","disability_grade":7}"#),
            s(None, "", "")
        );
    }

    #[test]
    fn a_break_in_or_right_after_the_id_gives_no_id() {
        // the id's value itself
        assert_eq!(
            read(r#"{"id":b2,"province":"sichuan"}"#),
            s(None, "id", "b2")
        );
        // its closing `"` missing: the string that closes is not the id
        assert_eq!(
            read(r#"{"id":"b2,"province":"sichuan","disability_grade":7}"#),
            s(None, "", "")
        );
        assert_eq!(read(r#"{"id":"b"2","province":"x"}"#), s(None, "", ""));
        // a bad escape in it
        assert_eq!(
            read(r#"{"id":"\ud800x","province":"sichuan"}"#),
            s(None, "id", r#""\ud800x""#)
        );
        // cut off in the key, or in a number that may have lost digits
        assert_eq!(read(r#"{"province":"sichuan","i"#), s(None, "", ""));
        assert_eq!(read(r#"{"province":"sichuan","id":12"#), s(None, "", ""));
        // a closed string at the record's end is whole
        assert_eq!(
            read(r#"{"province":"sichuan","id":"12""#).id,
            Some("12".into())
        );
        // null or another type is no id; nor is an id given twice
        assert_eq!(read(r#"{"id":null,"p":x}"#), s(None, "p", "x"));
        assert_eq!(read(r#"{"id":true,"p":x}"#), s(None, "p", "x"));
        assert_eq!(read(r#"{"id":"a","id":"b","p":x}"#), s(None, "p", "x"));
        // an `id` inside another object is not the record's
        assert_eq!(read(r#"{"factors":{"id":"b2"},"p":x}"#), s(None, "p", "x"));
    }

    #[test]
    fn a_record_whole_but_for_what_follows_it_keeps_its_id() {
        assert_eq!(
            read(r#"{"id":"b2","province":"sichuan"}}"#),
            s(Some("b2"), "", "")
        );
    }

    #[test]
    fn a_record_that_is_not_utf8_names_the_field_but_shows_no_value() {
        let r = b"{\"id\":\"g1\",\"province\":\"\xcb\xc4\xb4\xa8\"}";
        assert_eq!(
            salvage(r, break_offset(r).unwrap()),
            s(Some("g1"), "province", "")
        );
    }

    #[test]
    fn a_long_value_is_cut() {
        let v = "x".repeat(10_000);
        let got = read(&format!(r#"{{"id":"a","p":{v}}}"#));
        assert!(got.value.len() < 300 && got.value.ends_with('…'), "{got:?}");
        // cut inside a character: the characters before it
        let v = "四".repeat(1000);
        let got = read(&format!(r#"{{"id":"a","p":"{v}\q"}}"#));
        assert!(
            got.value.starts_with("\"四四") && got.value.ends_with('…'),
            "{got:?}"
        );
    }

    #[test]
    fn any_bytes_at_any_offset_are_read_without_panicking() {
        let samples: &[&[u8]] = &[
            b"",
            b"{",
            b"\"",
            b"{\"",
            b"{\"\\",
            b"{\"id\"",
            b"{\"id\":",
            b"{\"id\":\"",
            b"{\"id\":\"\\",
            b"{\"a\":{\"b\":[}}}]",
            b"{\"a\":}}}}}",
            b"\xff\xfe{",
            b"{\"id\":\"a\"\xff",
            b"   ",
        ];
        for r in samples {
            for at in 0..=r.len() + 2 {
                let _ = salvage(r, at);
            }
            let _ = break_offset(r);
        }
        // deep nesting stops naming at a depth, and does not run the stack out
        let deep = format!("{}x", "{\"a\":".repeat(10_000));
        let got = read(&deep);
        assert!(
            got.field.starts_with("a.a.") && got.field.len() < 100,
            "{}",
            got.field
        );
    }
}
