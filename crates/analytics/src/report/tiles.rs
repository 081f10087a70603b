//! The tile map: one square per department in a rough geographic grid,
//! shaded by its number of conventions, drawn as inline SVG.
//!
//! In: the number of conventions per CAF department. Out: the SVG and its
//! legend (HTML). Does not: know anything about conventions beyond counts.
//!
//! The grid is ours, drawn by hand from the departments' rough positions
//! so that each square sits below, beside or above its real neighbours as
//! far as a grid allows: Nord at the top, Finistère at the left,
//! Alpes-Maritimes bottom right, the Pyrénées along the bottom. Paris
//! stands alone in the middle of Val-d'Oise, Yvelines, Essonne and
//! Seine-et-Marne; its three neighbours of the petite couronne (92, 93,
//! 94), too small to fit, sit in an inset top left. Corsica is apart in
//! the sea, the five overseas departments in a row below.

use super::markup::escape;
use crate::labels::Lang;
use std::collections::BTreeMap;
use std::fmt::Write;

/// A department's square: code, column (west to east), row (north to south).
pub type Tile = (&'static str, u16, u16);

/// Every square of the map, row by row.
#[rustfmt::skip]
pub const TILES: &[Tile] = &[
    // petite couronne inset, top left
    ("92", 0, 0), ("93", 1, 0), ("94", 2, 0),
    ("62", 5, 0), ("59", 6, 0),
    ("14", 3, 1), ("76", 4, 1), ("80", 5, 1), ("02", 6, 1), ("08", 7, 1),
    ("50", 2, 2), ("27", 3, 2), ("95", 4, 2), ("60", 5, 2), ("51", 6, 2), ("55", 7, 2), ("57", 8, 2), ("67", 9, 2),
    ("29", 0, 3), ("22", 1, 3), ("35", 2, 3), ("61", 3, 3), ("78", 4, 3), ("75", 5, 3), ("77", 6, 3), ("10", 7, 3), ("54", 8, 3), ("68", 9, 3),
    ("56", 1, 4), ("53", 2, 4), ("72", 3, 4), ("28", 4, 4), ("91", 5, 4), ("89", 6, 4), ("52", 7, 4), ("88", 8, 4), ("90", 9, 4),
    ("44", 1, 5), ("49", 2, 5), ("37", 3, 5), ("41", 4, 5), ("45", 5, 5), ("58", 6, 5), ("21", 7, 5), ("70", 8, 5), ("25", 9, 5),
    ("85", 1, 6), ("79", 2, 6), ("86", 3, 6), ("36", 4, 6), ("18", 5, 6), ("03", 6, 6), ("71", 7, 6), ("39", 8, 6), ("74", 9, 6),
    ("17", 1, 7), ("16", 2, 7), ("87", 3, 7), ("23", 4, 7), ("63", 5, 7), ("42", 6, 7), ("69", 7, 7), ("01", 8, 7), ("73", 9, 7),
    ("33", 1, 8), ("24", 2, 8), ("19", 3, 8), ("15", 4, 8), ("43", 5, 8), ("07", 6, 8), ("26", 7, 8), ("38", 8, 8), ("05", 9, 8),
    ("40", 1, 9), ("47", 2, 9), ("46", 3, 9), ("12", 4, 9), ("48", 5, 9), ("30", 6, 9), ("84", 7, 9), ("04", 8, 9), ("06", 9, 9),
    ("64", 1, 10), ("32", 2, 10), ("82", 3, 10), ("81", 4, 10), ("34", 5, 10), ("13", 7, 10), ("83", 8, 10),
    ("65", 2, 11), ("31", 3, 11), ("09", 4, 11), ("11", 5, 11), ("2B", 10, 11),
    ("66", 5, 12), ("2A", 10, 12),
    // overseas departments (DROM), apart
    ("971", 0, 14), ("972", 1, 14), ("973", 2, 14), ("974", 3, 14), ("976", 4, 14),
];

/// Row of the overseas departments.
const OVERSEAS_ROW: u16 = 14;
/// Side of a square and the space between two, in pixels.
const SIDE: u16 = 36;
const STEP: u16 = 40;

/// The square of a department code, if it has one.
pub fn tile(code: &str) -> Option<Tile> {
    TILES.iter().copied().find(|(c, _, _)| *c == code)
}

/// The shade classes of a map whose largest count is `max`: up to five
/// ranges of counts `(from, to)`, equally wide, covering 1..=max.
pub fn classes(max: usize) -> Vec<(usize, usize)> {
    let n = max.clamp(1, 5);
    (0..n)
        .map(|i| (1 + i * max / n, (i + 1) * max / n))
        .filter(|(from, to)| from <= to)
        .collect()
}

/// The class (0-based) a positive count falls in.
fn class_of(count: usize, classes: &[(usize, usize)]) -> usize {
    classes
        .iter()
        .position(|(_, to)| count <= *to)
        .unwrap_or(classes.len().saturating_sub(1))
}

/// The shade (`s1` lightest to `s5` darkest) of each class when there are
/// one to five: spread over the palette, so that one convention stands out
/// from none even when no department has more.
const SHADES: [&[u8]; 5] = [&[4], &[2, 4], &[2, 3, 5], &[2, 3, 4, 5], &[1, 2, 3, 4, 5]];

fn shade(class: usize, classes: usize) -> u8 {
    SHADES[classes.clamp(1, 5) - 1][class]
}

/// A department on the map: its name and number of conventions.
pub struct Shaded<'a> {
    /// Name, when the reference data knows the code.
    pub name: Option<&'a str>,
    /// Conventions its CAF signs.
    pub count: usize,
}

/// The map as inline SVG, then its legend as HTML. `departments` holds
/// every department code with its name and count (zero for none); a
/// square links to the table filtered on the department.
pub fn map(departments: &BTreeMap<&str, Shaded>, lang: Lang) -> String {
    let max = departments.values().map(|d| d.count).max().unwrap_or(0);
    let classes = classes(max);
    let width = 11 * STEP;
    let height = (OVERSEAS_ROW + 1) * STEP + 4;
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg class=\"map\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" \
         role=\"img\" aria-label=\"{}\">",
        lang.pick(
            "Conventions par département CAF, carte en carrés",
            "Conventions per CAF department, tile map"
        )
    );
    let _ = write!(
        svg,
        "<text class=\"note\" x=\"0\" y=\"{}\">petite couronne</text>",
        STEP + 12
    );
    let _ = write!(
        svg,
        "<text class=\"note\" x=\"{}\" y=\"{}\">{}</text>",
        5 * STEP + 4,
        OVERSEAS_ROW * STEP + SIDE / 2 + 4,
        lang.pick("départements d'outre-mer", "overseas departments")
    );
    for &(code, col, row) in TILES {
        let (name, count) = departments
            .get(code)
            .map_or((None, 0), |d| (d.name, d.count));
        let shade = if count == 0 {
            0
        } else {
            shade(class_of(count, &classes), classes.len())
        };
        let label = name.map_or_else(|| code.to_string(), |n| format!("{n} ({code})"));
        let conventions = super::charts::conventions(count, lang);
        let query = name.map_or_else(|| code.to_string(), |n| format!("{code} {n}"));
        let _ = write!(
            svg,
            "<a href=\"#conventions\" data-q=\"{q}\"><g class=\"tile s{shade}\"><title>{title} : {conventions}</title>\
             <rect x=\"{x}\" y=\"{y}\" width=\"{SIDE}\" height=\"{SIDE}\" rx=\"3\"/>\
             <text x=\"{tx}\" y=\"{ty}\">{code}</text></g></a>",
            q = escape(&query),
            title = escape(&label),
            x = col * STEP,
            y = row * STEP,
            tx = col * STEP + SIDE / 2,
            ty = row * STEP + SIDE / 2 + 4,
        );
    }
    svg.push_str("</svg>");
    svg.push_str(&legend(&classes, lang));
    svg
}

fn legend(classes: &[(usize, usize)], lang: Lang) -> String {
    let mut html = format!(
        "<ul class=\"legend\"><li><span class=\"swatch s0\"></span>{}</li>",
        lang.pick("aucune", "none")
    );
    for (i, (from, to)) in classes.iter().enumerate() {
        let range = if from == to {
            from.to_string()
        } else {
            format!("{from}–{to}")
        };
        let _ = write!(
            html,
            "<li><span class=\"swatch s{}\"></span>{range}</li>",
            shade(i, classes.len())
        );
    }
    html.push_str("</ul>");
    html
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_department_of_metropolitan_france_and_the_drom_has_one_square() {
        let mut codes = BTreeSet::new();
        let mut cells = BTreeSet::new();
        for &(code, col, row) in TILES {
            assert!(codes.insert(code), "{code} twice");
            assert!(cells.insert((col, row)), "two squares at {col},{row}");
        }
        let expected: BTreeSet<&str> = ctg_core::refdata::get()
            .departements
            .iter()
            .map(|d| d.code)
            .filter(|c| c.len() == 2 || ["971", "972", "973", "974", "976"].contains(c))
            .collect();
        assert_eq!(codes, expected);
        assert_eq!(codes.len(), 101);
    }

    #[test]
    fn the_grid_looks_like_france() {
        let at = |code| tile(code).map(|(_, col, row)| (col, row)).unwrap();
        let mainland: Vec<Tile> = TILES
            .iter()
            .copied()
            .filter(|(code, _, row)| *row < OVERSEAS_ROW && code.len() == 2)
            .filter(|(code, _, _)| !["92", "93", "94", "2A", "2B"].contains(code))
            .collect();
        // Nord at the top, Finistère at the far west
        assert_eq!(at("59").1, 0);
        assert_eq!(at("29").0, 0);
        assert!(mainland.iter().all(|t| t.2 >= at("59").1));
        // Alpes-Maritimes bottom right: the last square of the easternmost column
        let (am_col, am_row) = at("06");
        assert_eq!(mainland.iter().map(|t| t.1).max(), Some(am_col));
        assert!(mainland
            .iter()
            .filter(|t| t.1 == am_col)
            .all(|t| t.2 <= am_row));
        // the Pyrénées along the bottom, west to east
        let pyrenees: Vec<_> = ["64", "65", "31", "09", "66"].map(at).to_vec();
        assert!(pyrenees.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(pyrenees.iter().all(|(_, row)| *row >= 10));
        // neighbours: Somme below Pas-de-Calais, Essonne below Paris, Savoie below Haute-Savoie
        for (north, south) in [("62", "80"), ("75", "91"), ("74", "73"), ("44", "85")] {
            let (n, s) = (at(north), at(south));
            assert_eq!((n.0, n.1 + 1), s, "{south} below {north}");
        }
    }

    #[test]
    fn classes_split_the_counts_into_at_most_five_ranges() {
        assert_eq!(classes(1), [(1, 1)]);
        assert_eq!(classes(3), [(1, 1), (2, 2), (3, 3)]);
        assert_eq!(classes(10), [(1, 2), (3, 4), (5, 6), (7, 8), (9, 10)]);
        assert_eq!(classes(7), [(1, 1), (2, 2), (3, 4), (5, 5), (6, 7)]);
        for max in 1..200 {
            let c = classes(max);
            assert_eq!(c[0].0, 1);
            assert_eq!(c.last().unwrap().1, max);
            assert!(c.windows(2).all(|w| w[0].1 + 1 == w[1].0), "{max}: {c:?}");
            assert_eq!(class_of(max, &c), c.len() - 1);
            assert_eq!(class_of(1, &c), 0);
            let shades: Vec<u8> = (0..c.len()).map(|i| shade(i, c.len())).collect();
            assert!(shades.windows(2).all(|w| w[0] < w[1]), "{shades:?}");
        }
    }

    #[test]
    fn squares_are_shaded_by_class_and_named_in_their_tooltip() {
        let mut departments = BTreeMap::new();
        departments.insert(
            "49",
            Shaded {
                name: Some("Maine-et-Loire"),
                count: 3,
            },
        );
        departments.insert(
            "53",
            Shaded {
                name: Some("Mayenne"),
                count: 1,
            },
        );
        let svg = map(&departments, Lang::Fr);
        assert!(svg.contains("<title>Maine-et-Loire (49) : 3 conventions</title>"));
        assert!(svg.contains("<title>Mayenne (53) : 1 convention</title>"));
        // three classes (1, 2, 3): the lightest, middle and darkest shades
        assert!(svg.contains("data-q=\"49 Maine-et-Loire\"><g class=\"tile s5\">"));
        assert!(svg.contains("data-q=\"53 Mayenne\"><g class=\"tile s2\">"));
        assert!(svg.contains("data-q=\"29\"><g class=\"tile s0\">"));
        assert_eq!(svg.matches("<rect").count(), TILES.len());
    }
}
