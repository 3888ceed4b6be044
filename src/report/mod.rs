//! Renderers: an [`Estimate`](crate::Estimate) in, a `String` (or JSON value) out.
//! Text reports exist in Chinese (default) and English.

pub mod json;
pub(crate) mod json_write;
pub mod table;
pub mod text;

use crate::i18n::Lang;

/// The line a table ends with after its rows, before the disclaimer: a table has no room for the
/// model's own label, so where its figures come from the tool's model is said here.
pub fn table_model_note(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "凡规定给出幅度的，下限、估算、上限在幅度内的位置由本工具的六因素模型确定（工具模型，非法律规定）；案件未指明档次的，档次亦由其选定。",
        Lang::En => "Where a provision gives a band, the low, point and high inside it are placed by this tool's six-factor model (the tool's model, not law); where a case names no tier, the model chooses it too.",
    }
}

/// The one line every report carries.
pub fn disclaimer(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "本结果为估算，不构成法律意见；各省数额为参考标准，并非法定上限。",
        Lang::En => "This is an estimate, not legal advice; provincial figures are reference standards, not statutory caps.",
    }
}
