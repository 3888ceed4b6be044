//! Fuzzes batch's fast reader against the full one: whenever `Case::from_plain_json` accepts a
//! record, serde_json and `Case::from_json` must accept it too and give the same case — every
//! decimal to the bit (scale included) and the same id. The fast reader must decline, never
//! decide, anything the full reader would judge differently. A batch worker reads each record
//! into the case and string buffers an earlier record used (`Case::read_plain_json`): read so,
//! after a record that set every string field, the case must be the same as read fresh.
#![no_main]
use libfuzzer_sys::fuzz_target;
use solatium::case::PlainBuffers;
use solatium::Case;

/// A record that sets every string the reader fills from its buffers.
const EARLIER: &[u8] = br#"{"id":"earlier-record-id","province":"sichuan","severity":"serious","factors":{"fault":"intent","circumstances":"egregious","consequence":"severe","gain":"large","ability":"strong","living_standard":"high"}}"#;

fuzz_target!(|data: &[u8]| {
    let fresh = Case::from_plain_json(data);
    let mut buffers = PlainBuffers::default();
    let mut reused = Case::default();
    assert!(Case::read_plain_json(EARLIER, &mut buffers, &mut reused).is_some());
    buffers.recycle(&mut reused);
    let again = Case::read_plain_json(data, &mut buffers, &mut reused);
    assert_eq!(
        again.is_some(),
        fresh.is_some(),
        "read into used buffers, or fresh"
    );
    let Some(fast) = fresh else {
        return;
    };
    assert_eq!(format!("{reused:?}"), format!("{fast:?}"));
    let body = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    let v: serde_json::Value =
        serde_json::from_slice(body).expect("the fast reader took what serde_json refuses");
    let slow = Case::from_json(&v).expect("the fast reader took what from_json refuses");
    assert_eq!(format!("{fast:?}"), format!("{slow:?}"));
    let bits = |c: &Case| {
        let mut v: Vec<[u8; 16]> = [
            c.liability,
            c.victim_fault,
            c.gain,
            c.avg_living_expense,
            c.avg_wage,
            c.base_compensation,
        ]
        .iter()
        .map(|d| d.map_or([0xFF; 16], |d| d.serialize()))
        .collect();
        if let Some(i) = c.info_items {
            v.extend([i.sensitive, i.important, i.other].map(|d| d.serialize()));
        }
        v
    };
    assert_eq!(bits(&fast), bits(&slow));
    let id = match v.get("id") {
        Some(serde_json::Value::String(s)) => Some(s.clone()),
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    assert_eq!(fast.id, id);
});
