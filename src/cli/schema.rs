//! `estimate schema case|estimate`: the JSON Schemas of the input and output records.

use super::args::SchemaKind;

pub fn text(which: SchemaKind) -> &'static str {
    match which {
        SchemaKind::Case => include_str!("../../schema/case.schema.json"),
        SchemaKind::Estimate => include_str!("../../schema/estimate.schema.json"),
    }
}
