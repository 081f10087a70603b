//! A scanned page's picture, cleaned before OCR: grey levels in, grey levels out.
//!
//! pdftoppm hands each page over as a binary PGM (`P5`, 8 bits a pixel). Two
//! things on a scanned convention make Tesseract lose whole passages, and both
//! are erased here:
//!
//! * **the ruling lines of tables.** The annex "Liste des communes membres" is
//!   a boxed table; Tesseract takes the boxes for a picture and reads nothing
//!   of it, or reads the lines as `|`, `_` and `[` glued to the names. Runs of
//!   dark pixels longer than half an inch, across or down the page, are lines,
//!   not letters: they are whitened, with the grey edges the scanner's blur
//!   gives them.
//! * **dust.** Isolated specks become `+`, `*`, `°` and stray letters, whole
//!   lines of them in a margin. A small dark spot with nothing else dark around
//!   it is erased; a full stop or the dot of an i sits next to its letters and
//!   stays.
//!
//! Nothing here reads text, calls a program or decides what is a page.

/// A grey-level picture, one byte a pixel (0 black, 255 white), row after row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gray {
    /// Pixels across.
    pub width: usize,
    /// Pixels down.
    pub height: usize,
    /// `width * height` grey levels.
    pub pixels: Vec<u8>,
}

/// A pixel darker than this is ink.
const INK: u8 = 160;

/// The blurred edge of a ruling line is lighter than ink but still read as a
/// stroke: pixels darker than this next to an erased line go too.
const EDGE: u8 = 235;

impl Gray {
    /// Reads a binary PGM with 8-bit samples (`P5`, maxval up to 255), as
    /// pdftoppm writes with `-gray`; `None` for anything else.
    pub fn from_pgm(bytes: &[u8]) -> Option<Gray> {
        let mut fields = Vec::new();
        let mut at = 0;
        // magic, width, height, maxval, separated by whitespace (comments allowed)
        while fields.len() < 4 {
            while at < bytes.len() && bytes[at].is_ascii_whitespace() {
                at += 1;
            }
            if bytes.get(at) == Some(&b'#') {
                while at < bytes.len() && bytes[at] != b'\n' {
                    at += 1;
                }
                continue;
            }
            let start = at;
            while at < bytes.len() && !bytes[at].is_ascii_whitespace() {
                at += 1;
            }
            if start == at {
                return None;
            }
            fields.push(std::str::from_utf8(&bytes[start..at]).ok()?);
        }
        // exactly one whitespace byte after maxval
        at += 1;
        if fields[0] != "P5" {
            return None;
        }
        let width: usize = fields[1].parse().ok()?;
        let height: usize = fields[2].parse().ok()?;
        let maxval: u32 = fields[3].parse().ok()?;
        if maxval == 0 || maxval > 255 {
            return None;
        }
        let size = width.checked_mul(height)?;
        let data = bytes.get(at..at.checked_add(size)?)?;
        let pixels = if maxval == 255 {
            data.to_vec()
        } else {
            data.iter()
                .map(|&v| (u32::from(v) * 255 / maxval).min(255) as u8)
                .collect()
        };
        Some(Gray {
            width,
            height,
            pixels,
        })
    }

    /// The picture as a binary PGM.
    pub fn to_pgm(&self) -> Vec<u8> {
        let mut out = format!("P5\n{} {}\n255\n", self.width, self.height).into_bytes();
        out.extend_from_slice(&self.pixels);
        out
    }

    fn at(&self, x: usize, y: usize) -> u8 {
        self.pixels[y * self.width + x]
    }

    /// Whitens horizontal and vertical runs of ink at least `min_run` pixels
    /// long, and the grey pixels within three pixels of them across the run.
    /// A pixel counts as ink for a row's run when it or a pixel above or below
    /// it is (and likewise across a column): a rule tilted by a degree steps
    /// down one row every 57 pixels, which would cut a thin rule into runs
    /// too short to tell from letters.
    pub fn erase_rules(&mut self, min_run: usize) {
        if min_run == 0 || self.width == 0 {
            return;
        }
        let (w, h) = (self.width, self.height);
        let ink = |x: usize, y: usize| self.at(x, y) < INK;
        let mut erase = vec![false; w * h];
        // rows
        for y in 0..h {
            let mut run = 0;
            for x in 0..=w {
                let inked = x < w
                    && (ink(x, y) || (y > 0 && ink(x, y - 1)) || (y + 1 < h && ink(x, y + 1)));
                if inked {
                    run += 1;
                    continue;
                }
                if run >= min_run {
                    for rx in x - run..x {
                        for dy in -3i64..=3 {
                            let yy = y as i64 + dy;
                            if (0..h as i64).contains(&yy) {
                                erase[yy as usize * w + rx] = true;
                            }
                        }
                    }
                }
                run = 0;
            }
        }
        // columns
        for x in 0..w {
            let mut run = 0;
            for y in 0..=h {
                let inked = y < h
                    && (ink(x, y) || (x > 0 && ink(x - 1, y)) || (x + 1 < w && ink(x + 1, y)));
                if inked {
                    run += 1;
                    continue;
                }
                if run >= min_run {
                    for ry in y - run..y {
                        for dx in -3i64..=3 {
                            let xx = x as i64 + dx;
                            if (0..w as i64).contains(&xx) {
                                erase[ry * w + xx as usize] = true;
                            }
                        }
                    }
                }
                run = 0;
            }
        }
        for (pixel, gone) in self.pixels.iter_mut().zip(erase) {
            if gone && *pixel < EDGE {
                *pixel = 255;
            }
        }
    }

    /// Whitens every patch of ink (8-connected) whose box is at most
    /// `max_size` pixels each way and that has no other ink within
    /// `clearance` pixels of its box.
    pub fn erase_specks(&mut self, max_size: usize, clearance: usize) {
        let (w, h) = (self.width, self.height);
        if w == 0 || h == 0 {
            return;
        }
        let ink: Vec<bool> = self.pixels.iter().map(|&p| p < INK).collect();
        // summed-area table of ink, to count the ink around a patch at once
        let mut sums = vec![0u32; (w + 1) * (h + 1)];
        for y in 0..h {
            let mut row = 0u32;
            for x in 0..w {
                row += u32::from(ink[y * w + x]);
                sums[(y + 1) * (w + 1) + x + 1] = sums[y * (w + 1) + x + 1] + row;
            }
        }
        let count = |x0: usize, y0: usize, x1: usize, y1: usize| -> u32 {
            // ink in [x0, x1) x [y0, y1)
            sums[y1 * (w + 1) + x1] + sums[y0 * (w + 1) + x0]
                - sums[y0 * (w + 1) + x1]
                - sums[y1 * (w + 1) + x0]
        };
        let mut seen = vec![false; w * h];
        let mut stack = Vec::new();
        let mut patch = Vec::new();
        for start in 0..w * h {
            if !ink[start] || seen[start] {
                continue;
            }
            seen[start] = true;
            stack.push(start);
            patch.clear();
            let (mut x0, mut y0, mut x1, mut y1) = (usize::MAX, usize::MAX, 0, 0);
            let mut small = true;
            while let Some(i) = stack.pop() {
                let (x, y) = (i % w, i / w);
                if small {
                    patch.push(i);
                }
                x0 = x0.min(x);
                y0 = y0.min(y);
                x1 = x1.max(x);
                y1 = y1.max(y);
                if x1 - x0 >= max_size || y1 - y0 >= max_size {
                    // a letter, a line: keep walking it so that it is seen once
                    small = false;
                }
                for dy in -1i64..=1 {
                    for dx in -1i64..=1 {
                        let (nx, ny) = (x as i64 + dx, y as i64 + dy);
                        if nx < 0 || ny < 0 || nx >= w as i64 || ny >= h as i64 {
                            continue;
                        }
                        let n = ny as usize * w + nx as usize;
                        if ink[n] && !seen[n] {
                            seen[n] = true;
                            stack.push(n);
                        }
                    }
                }
            }
            if !small {
                continue;
            }
            let around = count(
                x0.saturating_sub(clearance),
                y0.saturating_sub(clearance),
                (x1 + 1 + clearance).min(w),
                (y1 + 1 + clearance).min(h),
            );
            if around as usize == patch.len() {
                for &i in &patch {
                    self.pixels[i] = 255;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blank(width: usize, height: usize) -> Gray {
        Gray {
            width,
            height,
            pixels: vec![255; width * height],
        }
    }

    fn fill(g: &mut Gray, x0: usize, y0: usize, x1: usize, y1: usize) {
        for y in y0..y1 {
            for x in x0..x1 {
                g.pixels[y * g.width + x] = 0;
            }
        }
    }

    fn ink(g: &Gray) -> usize {
        g.pixels.iter().filter(|&&p| p < INK).count()
    }

    #[test]
    fn a_pgm_round_trips_and_junk_is_refused() {
        let mut g = blank(3, 2);
        g.pixels[4] = 7;
        let back = Gray::from_pgm(&g.to_pgm()).unwrap();
        assert_eq!(back, g);
        let with_comment = b"P5\n# pdftoppm\n3 2\n255\n\xff\xff\xff\xff\x07\xff";
        assert_eq!(Gray::from_pgm(with_comment).unwrap(), g);
        assert_eq!(Gray::from_pgm(b"P6\n3 2\n255\n"), None);
        assert_eq!(Gray::from_pgm(b"P5\n3 2\n255\n\xff"), None, "truncated");
        assert_eq!(Gray::from_pgm(b""), None);
    }

    #[test]
    fn table_rules_go_and_letters_stay() {
        let mut g = blank(200, 100);
        fill(&mut g, 10, 20, 190, 23); // a horizontal rule, 180 px
        fill(&mut g, 100, 30, 102, 95); // a vertical rule, 65 px
        fill(&mut g, 20, 40, 30, 60); // a letter's stem, 20 px high
        g.erase_rules(50);
        assert_eq!(ink(&g), 200, "only the 10 x 20 stem is left");
    }

    #[test]
    fn a_tilted_rule_goes_too() {
        // one pixel thick, one row lower every 40 pixels: runs of 40 alone
        let mut g = blank(200, 40);
        for x in 0..200 {
            let y = 10 + x / 40;
            g.pixels[y * 200 + x] = 0;
        }
        g.erase_rules(100);
        assert_eq!(ink(&g), 0);
    }

    #[test]
    fn lone_specks_go_and_full_stops_stay() {
        let mut g = blank(200, 100);
        fill(&mut g, 150, 80, 153, 83); // dust in the margin
        fill(&mut g, 20, 40, 26, 60); // a letter
        fill(&mut g, 28, 56, 31, 59); // its full stop, close by
        g.erase_specks(8, 10);
        assert_eq!(ink(&g), 6 * 20 + 9);
        assert_eq!(g.at(151, 81), 255);
    }
}
