//! A small document model written out twice: as Markdown and as an HTML page that prints on A4 and Letter.

use std::fmt::Write;

/// One block of a printed page.
pub enum Block {
    /// A heading of level 1 to 3.
    Heading(u8, String),
    Para(String),
    List(Vec<String>),
    /// A numbered list.
    Steps(Vec<String>),
    /// A header row, then the rows.
    Table(Vec<String>, Vec<Vec<String>>),
    /// A quotation (a primary source).
    Quote(String),
    /// An image: an SVG file beside the page, with its alternative text.
    Image(String, String),
    /// Starts a new printed page.
    PageBreak,
}

/// A page: its title and blocks.
pub struct Doc {
    pub title: String,
    pub blocks: Vec<Block>,
}

pub fn html_escape(t: &str) -> String {
    t.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Markdown table cells cannot hold a pipe or a line break.
fn cell(t: &str) -> String {
    t.replace('|', "\\|").replace('\n', " ")
}

impl Doc {
    pub fn markdown(&self) -> String {
        let mut s = format!("# {}\n\n", self.title);
        for b in &self.blocks {
            match b {
                Block::Heading(n, t) => {
                    let _ = writeln!(s, "{} {t}\n", "#".repeat(*n as usize + 1));
                }
                Block::Para(t) => {
                    let _ = writeln!(s, "{t}\n");
                }
                Block::List(items) => {
                    items.iter().for_each(|i| {
                        let _ = writeln!(s, "- {i}");
                    });
                    s.push('\n');
                }
                Block::Steps(items) => {
                    items.iter().enumerate().for_each(|(k, i)| {
                        let _ = writeln!(s, "{}. {i}", k + 1);
                    });
                    s.push('\n');
                }
                Block::Table(head, rows) => {
                    let _ = writeln!(s, "| {} |", head.iter().map(|h| cell(h)).collect::<Vec<_>>().join(" | "));
                    let _ = writeln!(s, "|{}", "---|".repeat(head.len()));
                    rows.iter().for_each(|r| {
                        let _ = writeln!(s, "| {} |", r.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | "));
                    });
                    s.push('\n');
                }
                Block::Quote(t) => {
                    t.lines().for_each(|l| {
                        let _ = writeln!(s, "> {l}");
                    });
                    s.push('\n');
                }
                Block::Image(file, alt) => {
                    let _ = writeln!(s, "![{alt}]({file})\n");
                }
                Block::PageBreak => s.push_str("---\n\n"),
            }
        }
        s
    }

    /// A standalone page. No paper size is set, so it prints on A4 and on Letter alike; tables and figures are
    /// not split across pages.
    pub fn html(&self) -> String {
        let mut s = format!(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
            html_escape(&self.title),
            html_escape(&self.title)
        );
        for b in &self.blocks {
            s.push_str(&block_html(b));
        }
        s.push_str("</body>\n</html>\n");
        s
    }
}

fn block_html(b: &Block) -> String {
    let e = html_escape;
    match b {
        Block::Heading(n, t) => format!("<h{0}>{1}</h{0}>\n", n + 1, e(t)),
        Block::Para(t) => format!("<p>{}</p>\n", e(t)),
        Block::List(items) => format!("<ul>\n{}</ul>\n", items.iter().map(|i| format!("<li>{}</li>\n", e(i))).collect::<String>()),
        Block::Steps(items) => format!("<ol>\n{}</ol>\n", items.iter().map(|i| format!("<li>{}</li>\n", e(i))).collect::<String>()),
        Block::Table(head, rows) => {
            let th: String = head.iter().map(|h| format!("<th>{}</th>", e(h))).collect();
            let tr: String =
                rows.iter().map(|r| format!("<tr>{}</tr>\n", r.iter().map(|c| format!("<td>{}</td>", e(c))).collect::<String>())).collect();
            format!("<table>\n<thead><tr>{th}</tr></thead>\n<tbody>\n{tr}</tbody>\n</table>\n")
        }
        Block::Quote(t) => {
            format!("<blockquote>{}</blockquote>\n", t.split("\n\n").map(|p| format!("<p>{}</p>", e(p))).collect::<String>())
        }
        Block::Image(file, alt) => format!("<figure><img src=\"{}\" alt=\"{}\"></figure>\n", e(file), e(alt)),
        Block::PageBreak => "<div class=\"page-break\"></div>\n".into(),
    }
}

const STYLE: &str = "body { font-family: Georgia, 'Times New Roman', serif; font-size: 11pt; line-height: 1.4; max-width: 44em; margin: 1.5em auto; color: #111; }
h1 { font-size: 18pt; margin-bottom: 0.2em; } h2 { font-size: 14pt; border-bottom: 1px solid #999; margin-top: 1.2em; }
h3 { font-size: 12pt; margin-bottom: 0.2em; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1em; font-size: 10pt; }
th, td { border: 1px solid #777; padding: 3px 5px; text-align: left; vertical-align: top; }
th { background: #e8e8e8; }
blockquote { margin: 0.5em 1.5em; padding-left: 0.8em; border-left: 3px solid #999; font-style: italic; }
figure { margin: 0.5em 0; } img { width: 100%; height: auto; }
table, figure, blockquote, li { break-inside: avoid; page-break-inside: avoid; }
.page-break { break-after: page; page-break-after: always; }
@page { margin: 16mm; }
@media print { body { margin: 0; max-width: none; } a { color: #111; text-decoration: none; } }
";
