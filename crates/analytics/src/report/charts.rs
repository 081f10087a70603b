//! The report's two charts, from `ctg compare` tables: the share of each
//! department's conventions covering each axis (a heat map, as an HTML
//! table), and the conventions per year (a bar chart, as inline SVG).
//!
//! In: [`Table`]s by department and by year. Out: HTML. Does not: count
//! anything itself; every number is the table's.

use super::markup::escape;
use crate::compare::{percent, Key, Row, Table};
use crate::labels::{self, Lang};
use ctg_core::rules::builtin;
use std::fmt::Write;

/// A row's label: `49 Maine-et-Loire`, or what `unknown` and `total` stand for.
pub fn row_label(row: &Row, lang: Lang) -> String {
    match (&row.key, &row.name) {
        (Key::Unknown, _) => lang
            .pick("sans département CAF", "no CAF department")
            .to_string(),
        (Key::Total, _) => lang
            .pick("toutes les conventions", "all conventions")
            .to_string(),
        (key, Some(name)) => format!("{key} {name}"),
        (key, None) => key.to_string(),
    }
}

/// "1 convention", "3 conventions" (and in French "0 convention").
pub fn conventions(n: usize, lang: Lang) -> String {
    let singular = match lang {
        Lang::Fr => n <= 1,
        Lang::En => n == 1,
    };
    format!("{n} convention{}", if singular { "" } else { "s" })
}

/// Background colour of a share: from near white (0) to deep blue (1).
fn shade(share: f64) -> String {
    let light = [244.0, 246.0, 248.0];
    let dark = [23.0, 71.0, 125.0];
    let mix: Vec<String> = light
        .iter()
        .zip(dark)
        .map(|(l, d)| {
            format!(
                "{:02x}",
                (l + (d - l) * share.clamp(0.0, 1.0)).round() as u8
            )
        })
        .collect();
    format!("#{}", mix.concat())
}

/// The heat map: one row per department with conventions (then those
/// without a CAF department, then all together), one column per axis; a
/// cell shows the share of the row's conventions that cover the axis.
pub fn heat_map(by_department: &Table, lang: Lang) -> String {
    let mut html = format!(
        "<table class=\"heat\"><thead><tr><th scope=\"col\">{}</th>\
         <th scope=\"col\" class=\"num\">conventions</th>",
        lang.pick("département CAF", "CAF department")
    );
    for axis in builtin::axes() {
        let (code, label) = (&axis.code, labels::axis(&axis.code, lang));
        let _ = write!(
            html,
            "<th scope=\"col\" class=\"axis\" title=\"{code}\"><span>{label}</span></th>"
        );
    }
    html.push_str("</tr></thead><tbody>");
    for row in by_department.rows.iter().chain([&by_department.total]) {
        let label = escape(&row_label(row, lang));
        let class = if row.key == Key::Total {
            " class=\"total\""
        } else {
            ""
        };
        let _ = write!(
            html,
            "<tr{class}><th scope=\"row\">{label}</th><td class=\"num\">{}</td>",
            row.conventions
        );
        for (code, share) in &row.axes.0 {
            let covering = (share * row.conventions as f64).round() as usize;
            let text = if covering == 0 {
                String::new()
            } else {
                percent(*share, lang)
            };
            let ink = if *share >= 0.55 { ";color:#fff" } else { "" };
            let _ = write!(
                html,
                "<td style=\"background:{}{ink}\" title=\"{label}, {} : {covering} {} {}\">{text}</td>",
                shade(*share),
                labels::axis(code, lang),
                lang.pick("sur", "of"),
                conventions(row.conventions, lang)
            );
        }
        html.push_str("</tr>");
    }
    html.push_str("</tbody></table>");
    html
}

/// The smallest of 1, 2, 5, 10, 20, 50... that divides `max` into at most
/// five steps.
fn tick_step(max: usize) -> usize {
    let mut unit = 1;
    loop {
        for step in [unit, 2 * unit, 5 * unit] {
            if max <= 5 * step {
                return step;
            }
        }
        unit *= 10;
    }
}

/// Signed conventions per year (every year from the first to the last,
/// empty ones included), then those of unknown year: `(label, count,
/// unknown)`.
fn bars(by_year: &Table, lang: Lang) -> Vec<(String, usize, bool)> {
    let counts: Vec<(i32, usize)> = by_year
        .rows
        .iter()
        .filter_map(|r| match r.key {
            Key::Year(y) if r.status.signed > 0 => Some((y, r.status.signed)),
            _ => None,
        })
        .collect();
    let mut bars = Vec::new();
    if let (Some(first), Some(last)) = (counts.first(), counts.last()) {
        for year in first.0..=last.0 {
            let n = counts.iter().find(|(y, _)| *y == year).map_or(0, |c| c.1);
            bars.push((year.to_string(), n, false));
        }
    }
    if let Some(unknown) = by_year
        .rows
        .iter()
        .find(|r| r.key == Key::Unknown && r.status.signed > 0)
    {
        let label = lang.pick("inconnue", "unknown").to_string();
        bars.push((label, unknown.status.signed, true));
    }
    bars
}

/// The bar chart of signed conventions per year, as SVG.
pub fn years(by_year: &Table, lang: Lang) -> String {
    let bars = bars(by_year, lang);
    if bars.is_empty() {
        return format!(
            "<p class=\"note\">{}</p>",
            lang.pick("Aucune convention signée.", "No signed convention.")
        );
    }
    let (left, top, plot, bottom) = (40, 16, 200, 40);
    let slot = (720 / bars.len()).clamp(6, 56);
    let width = left + slot * bars.len() + 8;
    let height = top + plot + bottom;
    let max = bars.iter().map(|b| b.1).max().unwrap_or(0).max(1);
    let step = tick_step(max);
    let ceiling = max.div_ceil(step) * step;
    let y = |n: usize| top + plot - plot * n / ceiling;
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg class=\"bars\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" \
         role=\"img\" aria-label=\"{}\">",
        lang.pick("Signatures par année", "Signings per year")
    );
    for tick in (0..=ceiling).step_by(step) {
        let _ = write!(
            svg,
            "<line class=\"grid\" x1=\"{left}\" x2=\"{}\" y1=\"{y}\" y2=\"{y}\"/>\
             <text class=\"tick\" x=\"{}\" y=\"{}\">{tick}</text>",
            width - 4,
            left - 6,
            y(tick) + 4,
            y = y(tick),
        );
    }
    let label_every = 36_usize.div_ceil(slot);
    for (i, (label, n, unknown)) in bars.iter().enumerate() {
        let x = left + i * slot;
        let class = if *unknown { "bar unknown" } else { "bar" };
        let _ = write!(
            svg,
            "<rect class=\"{class}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"><title>{label} : {}</title></rect>",
            x + slot / 6,
            y(*n),
            slot - slot / 3,
            top + plot - y(*n),
            conventions(*n, lang),
        );
        if *n > 0 && slot >= 18 {
            let _ = write!(
                svg,
                "<text class=\"value\" x=\"{}\" y=\"{}\">{n}</text>",
                x + slot / 2,
                y(*n) - 4
            );
        }
        if i % label_every == 0 || *unknown {
            let _ = write!(
                svg,
                "<text class=\"label\" x=\"{}\" y=\"{}\">{label}</text>",
                x + slot / 2,
                top + plot + 18
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_axis_has_a_label() {
        for axis in builtin::axes() {
            for lang in [Lang::Fr, Lang::En] {
                let label = labels::axis(&axis.code, lang);
                assert_ne!(label, axis.code, "{} has no label", axis.code);
            }
        }
        assert_eq!(labels::axis("unknown_code", Lang::Fr), "unknown_code");
    }

    #[test]
    fn ticks_divide_the_largest_count_into_at_most_five_steps() {
        assert_eq!(tick_step(1), 1);
        assert_eq!(tick_step(5), 1);
        assert_eq!(tick_step(6), 2);
        assert_eq!(tick_step(11), 5);
        assert_eq!(tick_step(26), 10);
        assert_eq!(tick_step(4_999), 1000);
        for max in 1..5000 {
            let step = tick_step(max);
            assert!(max.div_ceil(step) <= 5, "{max}: {step}");
        }
    }

    #[test]
    fn shades_go_from_light_to_dark() {
        assert_eq!(shade(0.0), "#f4f6f8");
        assert_eq!(shade(1.0), "#17477d");
        assert_eq!(shade(0.5), "#869fbb");
    }
}
