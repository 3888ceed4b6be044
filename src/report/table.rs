//! A plain-text table whose columns line up with Chinese text: widths are measured in terminal
//! display cells (`unicode-width`), not bytes or chars.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// A table built row by row and rendered once.
#[derive(Debug, Clone)]
pub struct Table {
    headers: Vec<String>,
    align: Vec<Align>,
    max: Vec<Option<usize>>,
    rows: Vec<Vec<String>>,
}

/// Display width in terminal cells.
pub fn display_width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Pads to `width` cells.
pub fn pad(s: &str, width: usize, align: Align) -> String {
    let fill = " ".repeat(width.saturating_sub(display_width(s)));
    match align {
        Align::Left => format!("{s}{fill}"),
        Align::Right => format!("{fill}{s}"),
    }
}

fn clean(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

fn truncate(s: &str, max: usize) -> String {
    if display_width(s) <= max {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > max {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

impl Table {
    pub fn new(headers: Vec<String>) -> Table {
        let n = headers.len();
        Table {
            headers,
            align: vec![Align::Left; n],
            max: vec![None; n],
            rows: Vec::new(),
        }
    }

    /// Sets a column's alignment (numbers right-aligned).
    pub fn align(mut self, column: usize, align: Align) -> Table {
        if let Some(a) = self.align.get_mut(column) {
            *a = align;
        }
        self
    }

    /// Truncates a column's cells to `cells` display cells, with '…'.
    pub fn max_width(mut self, column: usize, cells: usize) -> Table {
        if let Some(m) = self.max.get_mut(column) {
            *m = Some(cells.max(1));
        }
        self
    }

    pub fn push(&mut self, row: Vec<String>) {
        let n = self.headers.len();
        let mut row: Vec<String> = row.into_iter().take(n).map(|c| clean(&c)).collect();
        row.resize(n, String::new());
        for (i, c) in row.iter_mut().enumerate() {
            if let Some(m) = self.max[i] {
                *c = truncate(c, m);
            }
        }
        self.rows.push(row);
    }

    /// How many rows it holds.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Drops the rows, keeping the headers and the column settings.
    pub fn clear(&mut self) {
        self.rows.clear();
    }

    pub fn render(&self) -> String {
        let n = self.headers.len();
        let mut widths: Vec<usize> = self.headers.iter().map(|h| display_width(h)).collect();
        for r in &self.rows {
            for (i, c) in r.iter().enumerate() {
                widths[i] = widths[i].max(display_width(c));
            }
        }
        let line = |cells: &[String]| -> String {
            let parts: Vec<String> = (0..n)
                .map(|i| pad(&cells[i], widths[i], self.align[i]))
                .collect();
            let mut s = parts.join("  ").trim_end().to_string();
            s.push('\n');
            s
        };
        let mut out = line(&self.headers);
        let sep: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
        out += &line(&sep);
        for r in &self.rows {
            out += &line(r);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_line_up_with_chinese_text() {
        let mut t =
            Table::new(vec!["省份".into(), "tier".into(), "amount".into()]).align(2, Align::Right);
        t.push(vec!["四川省".into(), "情节严重".into(), "20,000".into()]);
        t.push(vec!["anhui".into(), "x".into(), "5".into()]);
        let out = t.render();
        let lines: Vec<&str> = out.lines().collect();
        // the second column starts at the same display column on every line
        let starts: Vec<usize> = lines
            .iter()
            .map(|l| {
                let idx = l.find(['t', '情', 'x', '─']).unwrap_or(0);
                let idx = if l.starts_with('─') {
                    l.find(' ').map(|i| i + 2).unwrap_or(0)
                } else {
                    idx
                };
                display_width(&l[..idx])
            })
            .collect();
        assert!(starts.windows(2).all(|w| w[0] == w[1]), "{starts:?}\n{out}");
        // right alignment: every line ends at the same display width (except trimming of blanks)
        let ends: Vec<usize> = lines.iter().map(|l| display_width(l)).collect();
        assert!(ends.windows(2).all(|w| w[0] == w[1]), "{ends:?}\n{out}");
        assert!(lines.iter().all(|l| !l.ends_with(' ')));
    }

    #[test]
    fn truncates_to_exact_width() {
        let mut t = Table::new(vec!["a".into()]).max_width(0, 5);
        t.push(vec!["情节特别严重".into()]);
        let out = t.render();
        let last = out.lines().last().unwrap();
        assert!(last.ends_with('…'));
        assert!(display_width(last) <= 5);
    }

    #[test]
    fn newlines_in_cells_become_spaces() {
        let mut t = Table::new(vec!["a".into(), "b".into()]);
        t.push(vec!["x\ny".into()]);
        assert_eq!(t.render().lines().count(), 3);
    }
}
