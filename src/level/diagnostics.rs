//! Problems found in a level file, each tied to a place in it.

use serde::Serialize;
use std::fmt;

use super::spans::{Pos, SpanIndex};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem. `path` is where in the file (`states[2].cinc`); `line` and `col` are filled in from it.
#[derive(Clone, Debug, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub path: String,
    pub line: usize,
    pub col: usize,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
    /// The warning's id, to silence it with `allow: [...]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<&'static str>,
}

impl Diagnostic {
    pub fn error(path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Error, path: path.into(), line: 0, col: 0, message: message.into(), suggestion: None, code: None }
    }
    pub fn warning(path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Self::error(path, message) }
    }
    pub fn code(mut self, code: &'static str) -> Self {
        self.code = Some(code);
        self
    }
    pub fn suggest(mut self, s: Option<String>) -> Self {
        self.suggestion = s;
        self
    }
    pub fn at(mut self, pos: Pos) -> Self {
        self.line = pos.line;
        self.col = pos.col;
        self
    }
    pub fn locate(mut self, spans: &SpanIndex) -> Self {
        if self.line == 0 {
            let p = spans.locate(&self.path);
            self.line = p.line;
            self.col = p.col;
        }
        self
    }
    /// `file:line:col: error: message (did you mean ...?)`
    pub fn render(&self, file: &str) -> String {
        format!("{file}:{self}")
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match (self.severity, self.code) {
            (Severity::Error, _) => "error".to_string(),
            (Severity::Warning, Some(c)) => format!("warning[{c}]"),
            (Severity::Warning, None) => "warning".to_string(),
        };
        write!(f, "{}:{}: {sev}: {}", self.line, self.col, self.message)?;
        if let Some(s) = &self.suggestion {
            write!(f, " ({s})")?;
        }
        Ok(())
    }
}

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo: one slip in a short id
/// (`PRKK` for `PRK`; `SUN` is not a slip for `USA`), two or a third of the letters in a longer word.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let w = word.to_lowercase();
    let slips = |c: &str| if c.len().max(w.len()) <= 4 { 1 } else { 2.max(c.len() / 3) };
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(&w, &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= slips(c))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    nearest(word, candidates).map(|c| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_short_id_is_suggested_only_for_one_slip_not_for_any_other_three_letters() {
        assert_eq!(super::nearest("PRKK", ["PRK", "KOR"]), Some("PRK"));
        assert_eq!(super::nearest("SUN", ["USA", "EGY", "IND"]), None, "the Soviet Union is not a slip for the United States");
        assert_eq!(super::nearest("cohesoin", ["cohesion", "members"]), Some("cohesion"));
    }
}
