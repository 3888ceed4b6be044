//! Renderers: an [`Estimate`](crate::Estimate) in, a `String` (or JSON value) out.
//! Text reports exist in Chinese (default) and English.

pub mod json;
mod json_write;
pub mod table;
pub mod text;

use crate::i18n::Lang;

/// The one line every report carries.
pub fn disclaimer(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "本结果为估算，不构成法律意见；各省数额为参考标准，并非法定上限。",
        Lang::En => "This is an estimate, not legal advice; provincial figures are reference standards, not statutory caps.",
    }
}
