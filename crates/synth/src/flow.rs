//! Flows a convention's items (title lines, headings, paragraphs, bullets, a
//! table, a signature block in two columns) into A4 pages of positioned text
//! runs, then adds the running header and the "Page N sur M" footer.
//!
//! Line breaking is a pure function of the text and the width, so the height
//! of an item is known before it is placed: that is how the convention reaches
//! its drawn page count exactly.

use super::pdf::{width, Font, Page, Run, PAGE_WIDTH};
use super::text::hyphenation_point;

const LEFT: f32 = 72.0;
const RIGHT: f32 = PAGE_WIDTH - 72.0;
const TOP: f32 = 770.0;
const BOTTOM: f32 = 72.0;
const BODY: f32 = 10.0;
const LEADING: f32 = 13.0;

/// One thing to place.
#[derive(Debug, Clone)]
pub enum Item {
    /// A centred line in this size and font.
    Center(String, f32, Font),
    /// An article heading.
    Heading(String),
    /// A paragraph.
    Para(String),
    /// A bulleted paragraph.
    Bullet(String),
    /// Vertical space, in points.
    Space(f32),
    /// A table: column left edges (from the margin), header cells, rows.
    Table(Vec<f32>, Vec<String>, Vec<Vec<String>>),
    /// Blocks side by side (a signature block's row): each a list of lines.
    Columns(Vec<Vec<String>>),
}

/// Pages being filled.
#[derive(Debug, Clone)]
pub struct Flow {
    /// The runs of each page; empty in a shadow flow.
    pages: Vec<Page>,
    count: usize,
    y: f32,
    hyphenate: bool,
    /// Whether runs are kept (a shadow only measures).
    record: bool,
}

impl Flow {
    /// An empty first page; `hyphenate` splits long words at line ends.
    pub fn new(hyphenate: bool) -> Flow {
        Flow {
            pages: vec![Vec::new()],
            count: 1,
            y: TOP,
            hyphenate,
            record: true,
        }
    }

    /// A copy of this flow's position that places nothing: what placing an
    /// item would do, at the cost of measuring it.
    pub fn shadow(&self) -> Flow {
        Flow {
            pages: Vec::new(),
            count: self.count,
            y: self.y,
            hyphenate: self.hyphenate,
            record: false,
        }
    }

    /// Pages begun so far.
    pub fn pages(&self) -> usize {
        self.count
    }

    /// Points left on the current page.
    pub fn space(&self) -> f32 {
        self.y - BOTTOM
    }

    /// Starts a new page.
    pub fn new_page(&mut self) {
        if self.record {
            self.pages.push(Vec::new());
        }
        self.count += 1;
        self.y = TOP;
    }

    /// The height `item` takes.
    pub fn height(&self, item: &Item) -> f32 {
        match item {
            Item::Center(_, size, _) => size * 1.5,
            Item::Heading(t) => {
                10.0 + self.lines(t, RIGHT - LEFT, 11.0, Font::Bold).len() as f32 * 15.0
            }
            Item::Para(t) => {
                self.lines(t, RIGHT - LEFT, BODY, Font::Regular).len() as f32 * LEADING + 5.0
            }
            Item::Bullet(t) => {
                self.lines(t, RIGHT - LEFT - 22.0, BODY, Font::Regular)
                    .len() as f32
                    * LEADING
                    + 3.0
            }
            Item::Space(h) => *h,
            Item::Table(_, _, rows) => (rows.len() + 1) as f32 * 12.0 + 6.0,
            Item::Columns(columns) => {
                let w = self.column_width(columns.len());
                let lines = columns
                    .iter()
                    .map(|c| {
                        c.iter()
                            .map(|l| self.lines(l, w, BODY, Font::Regular).len().max(1))
                            .sum::<usize>()
                    })
                    .max()
                    .unwrap_or(0);
                lines as f32 * LEADING + 8.0
            }
        }
    }

    /// The height of several items.
    pub fn height_of(&self, items: &[Item]) -> f32 {
        items.iter().map(|i| self.height(i)).sum()
    }

    /// Places `item`; paragraphs and tables flow onto new pages line by line.
    pub fn place(&mut self, item: &Item) {
        match item {
            Item::Center(t, size, font) => {
                self.room(size * 1.5);
                let x = (PAGE_WIDTH - width(t, *size, *font)) / 2.0;
                self.run(x.max(LEFT), *size, *font, t);
                self.y -= size * 1.5;
            }
            Item::Heading(t) => {
                self.room(10.0 + 2.0 * 15.0);
                self.y -= 10.0;
                for line in self.lines(t, RIGHT - LEFT, 11.0, Font::Bold) {
                    self.line(LEFT, 11.0, Font::Bold, &line, 15.0);
                }
            }
            Item::Para(t) => {
                for line in self.lines(t, RIGHT - LEFT, BODY, Font::Regular) {
                    self.line(LEFT, BODY, Font::Regular, &line, LEADING);
                }
                self.y -= 5.0;
            }
            Item::Bullet(t) => {
                self.room(LEADING);
                self.run(LEFT + 10.0, BODY, Font::Regular, "–");
                for line in self.lines(t, RIGHT - LEFT - 22.0, BODY, Font::Regular) {
                    self.line(LEFT + 22.0, BODY, Font::Regular, &line, LEADING);
                }
                self.y -= 3.0;
            }
            Item::Space(h) => self.y -= h,
            Item::Table(columns, header, rows) => self.table(columns, header, rows),
            Item::Columns(columns) => self.columns(columns),
        }
    }

    /// Places `items` on one page: on a new one if they do not fit here.
    pub fn keep_together(&mut self, items: &[Item]) {
        if self.height_of(items) > self.space() {
            self.new_page();
        }
        for item in items {
            self.place(item);
        }
    }

    /// The pages with the running `header` and a "Page N sur M" footer.
    pub fn finish(self, header: &str, slash: bool) -> Vec<Page> {
        let total = self.pages.len();
        self.pages
            .into_iter()
            .enumerate()
            .map(|(i, mut page)| {
                let footer = if slash {
                    format!("{}/{total}", i + 1)
                } else {
                    format!("Page {} sur {total}", i + 1)
                };
                let x = (PAGE_WIDTH - width(&footer, 8.0, Font::Regular)) / 2.0;
                page.insert(0, run(LEFT, 805.0, 8.0, Font::Italic, header));
                page.push(run(x, 40.0, 8.0, Font::Regular, &footer));
                page
            })
            .collect()
    }

    fn column_width(&self, n: usize) -> f32 {
        (RIGHT - LEFT) / n.max(1) as f32 - 20.0
    }

    /// A new page unless `h` points are left.
    fn room(&mut self, h: f32) {
        if self.space() < h {
            self.new_page();
        }
    }

    fn run(&mut self, x: f32, size: f32, font: Font, text: &str) {
        if !self.record {
            return;
        }
        let y = self.y - size;
        self.pages
            .last_mut()
            .expect("a flow has a page")
            .push(run(x, y, size, font, text));
    }

    /// One line, on a new page if it does not fit.
    fn line(&mut self, x: f32, size: f32, font: Font, text: &str, leading: f32) {
        self.room(leading);
        self.run(x, size, font, text);
        self.y -= leading;
    }

    fn table(&mut self, columns: &[f32], header: &[String], rows: &[Vec<String>]) {
        let place_row = |flow: &mut Flow, cells: &[String], font: Font| {
            flow.room(12.0);
            for (cell, x) in cells.iter().zip(columns) {
                flow.run(LEFT + x, 9.0, font, cell);
            }
            flow.y -= 12.0;
        };
        place_row(self, header, Font::Bold);
        for row in rows {
            if self.space() < 12.0 {
                self.new_page();
                place_row(self, header, Font::Bold);
            }
            place_row(self, row, Font::Regular);
        }
        self.y -= 6.0;
    }

    fn columns(&mut self, columns: &[Vec<String>]) {
        self.room(self.height(&Item::Columns(columns.to_vec())));
        let w = self.column_width(columns.len());
        let top = self.y;
        let mut bottom = top;
        for (i, column) in columns.iter().enumerate() {
            self.y = top;
            let x = LEFT + i as f32 * (RIGHT - LEFT) / columns.len() as f32;
            for text in column {
                let lines = self.lines(text, w, BODY, Font::Regular);
                if lines.is_empty() {
                    self.y -= LEADING;
                }
                for line in lines {
                    self.run(x, BODY, Font::Regular, &line);
                    self.y -= LEADING;
                }
            }
            bottom = bottom.min(self.y);
        }
        self.y = bottom - 8.0;
    }

    /// `text` broken into lines of at most `max` points.
    fn lines(&self, text: &str, max: f32, size: f32, font: Font) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        for word in text.split(' ').filter(|w| !w.is_empty()) {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if line.is_empty() || width(&candidate, size, font) <= max {
                line = candidate;
                continue;
            }
            let room = max - width(&line, size, font) - width(" -", size, font);
            let fits = word
                .char_indices()
                .take_while(|(i, _)| width(&word[..*i], size, font) <= room)
                .count()
                .saturating_sub(1);
            match hyphenation_point(word, fits).filter(|_| self.hyphenate) {
                Some(cut) => {
                    lines.push(format!("{line} {}-", &word[..cut]));
                    line = word[cut..].to_string();
                }
                None => lines.push(std::mem::replace(&mut line, word.to_string())),
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }
}

fn run(x: f32, y: f32, size: f32, font: Font, text: &str) -> Run {
    Run {
        x,
        y,
        size,
        font,
        text: text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measured_height_is_the_height_placed() {
        let text = "La présente convention a pour objet de définir le projet stratégique global du territoire et ses modalités de mise en œuvre, en s'appuyant sur le diagnostic partagé réalisé avec les habitants et les partenaires. ".repeat(3);
        let mut flow = Flow::new(true);
        let item = Item::Para(text);
        let before = flow.space();
        let h = flow.height(&item);
        flow.place(&item);
        assert!((before - flow.space() - h).abs() < 0.01);
        let pages = flow.finish("En-tête", false);
        assert!(pages[0].iter().any(|r| r.text == "Page 1 sur 1"));
    }
}
