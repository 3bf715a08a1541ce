//! The campaign: the crises in the order of history, and what carries from one to the next.

use serde::{Deserialize, Serialize};

use super::diagnostics::{Diagnostic, did_you_mean};
use super::spans::{Pos, SpanIndex};

#[derive(Serialize, Deserialize, Clone, Debug)]
#[serde(deny_unknown_fields, rename = "Campaign")]
pub struct RawCampaign {
    pub name: String,
    /// Level ids (file stems in `levels/`), in the order they are played.
    pub levels: Vec<String>,
    /// Carry each institution's credibility from the crises that met it into the next.
    #[serde(default = "yes")]
    pub carry_credibility: bool,
}

fn yes() -> bool {
    true
}

/// Checks a campaign file against the levels that exist.
pub fn check_campaign(src: &str, known: &[String]) -> Result<RawCampaign, Vec<Diagnostic>> {
    let raw: RawCampaign = super::ron_options()
        .from_str(src)
        .map_err(|e| vec![Diagnostic::error("", format!("{}", e.code)).at(Pos { line: e.span.start.line, col: e.span.start.col })])?;
    let spans = SpanIndex::build(src);
    let mut errs = Vec::new();
    for (i, id) in raw.levels.iter().enumerate() {
        if !known.contains(id) {
            errs.push(
                Diagnostic::error(format!("levels[{i}]"), format!("no level `{id}` in the levels folder"))
                    .suggest(did_you_mean(id, known.iter().map(|s| s.as_str())))
                    .locate(&spans),
            );
        }
    }
    if raw.levels.is_empty() {
        errs.push(Diagnostic::error("levels", "a campaign needs at least one level").locate(&spans));
    }
    if errs.is_empty() { Ok(raw) } else { Err(errs) }
}
