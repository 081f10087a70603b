//! `ctg explain FILE`: the normalized text with line numbers, each extracted value
//! shown inside its source line, and every match of every rule with what became of
//! it (chosen, outranked, vetoed and by which rule, unusable and why), so a rule
//! author sees why a value was or was not produced. Returns a string; printing is
//! the caller's.

use crate::extract;
use crate::ingest::IngestError;
use crate::record::Evidence;
use crate::rules::trace::Status;
use crate::rules::RuleSet;
use std::fmt::Write;

/// A value's name as the JSON writes it (`press_release`, `no_parties`).
fn json_name(value: impl serde::Serialize) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        other => format!("{other:?}"),
    }
}

/// Renders the explanation of one document's bytes.
pub fn explain(
    path: &str,
    bytes: &[u8],
    extension: Option<&str>,
    rules: &RuleSet,
) -> Result<String, IngestError> {
    let (processed, trace) = crate::process::traced(path, bytes, extension, rules)?;
    let text = processed.text.as_str();
    let r = &processed.record;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {path}\nid {}  format {}  encoding {}  pages {}  doc_type {}",
        r.id,
        json_name(r.source.format),
        r.source.encoding.as_deref().unwrap_or("-"),
        r.source.pages.map_or("-".into(), |p| p.to_string()),
        r.doc_type.name()
    );
    let _ = writeln!(out, "\n## Normalized text ({} chars)", text.chars().count());
    for (i, line) in text.lines().enumerate() {
        let _ = writeln!(out, "{:>4} | {}", i + 1, line.replace('\u{c}', "\u{240c}"));
    }
    let _ = writeln!(out, "\n## Values");
    let mut value = |name: &str, shown: Option<String>, evidence: Option<&Evidence>| {
        let _ = writeln!(out, "{name}: {}", shown.as_deref().unwrap_or("(none)"));
        if let Some(e) = evidence {
            let _ = writeln!(out, "    {}", in_context(text, e));
        }
    };
    let about = match r.about_ctg.reason {
        None => "yes".to_string(),
        Some(reason) => format!("no ({})", json_name(reason)),
    };
    value("about_ctg", Some(about), r.about_ctg.evidence.first());
    for e in r.about_ctg.evidence.iter().skip(1) {
        value("  also", Some(e.text.clone()), Some(e));
    }
    value(
        "status",
        r.status.as_ref().map(|s| s.value.name().to_string()),
        r.status.as_ref().and_then(|s| s.evidence.first()),
    );
    value(
        "decision_date",
        r.decision_date.as_ref().map(|d| d.value.clone()),
        r.decision_date.as_ref().map(|d| &d.evidence),
    );
    value(
        "title",
        r.title.as_ref().map(|t| t.value.clone()),
        r.title.as_ref().map(|t| &t.evidence),
    );
    value(
        "published",
        r.published.as_ref().map(|p| p.value.clone()),
        r.published.as_ref().map(|p| &p.evidence),
    );
    value(
        "signing_date",
        r.signing_date.as_ref().map(|s| {
            format!(
                "{}  (year: {}; candidates {:?})",
                s.value,
                json_name(s.year_source),
                s.year_candidates
            )
        }),
        r.signing_date.as_ref().map(|s| &s.evidence),
    );
    value(
        "period",
        r.period.as_ref().map(extract::period::display),
        r.period.as_ref().map(|p| &p.evidence),
    );
    value(
        "duration",
        r.duration.as_ref().map(extract::duration::display),
        r.duration.as_ref().map(|d| &d.evidence),
    );
    for c in &r.caf {
        value("caf", c.department.clone(), Some(&c.evidence));
    }
    for t in &r.territories {
        let kind = serde_json::to_value(t.kind).unwrap_or_default();
        let shown = format!(
            "{} {} ({})",
            kind.as_str().unwrap_or_default(),
            t.code.as_deref().unwrap_or("-"),
            t.name
        );
        value("territory", Some(shown), Some(&t.evidence));
    }
    for c in &r.communes {
        let shown = match &c.current_commune {
            Some(current) => format!("{} {} (déléguée of {current})", c.insee, c.name),
            None => format!("{} {}", c.insee, c.name),
        };
        value("commune", Some(shown), c.mentions.first());
    }
    for s in &r.signatories {
        let code = s
            .role_code
            .map(|c| serde_json::to_value(c).unwrap_or_default().to_string());
        let shown = format!(
            "{} | {} ({}) | {}",
            s.name,
            s.role.as_deref().unwrap_or("-"),
            code.as_deref().unwrap_or("-"),
            s.organization.as_deref().unwrap_or("-")
        );
        value("signatory", Some(shown), Some(&s.evidence));
        if s.role_evidence.is_some() {
            value("  role", s.role.clone(), s.role_evidence.as_ref());
        }
        if s.organization_evidence.is_some() {
            value(
                "  organization",
                s.organization.clone(),
                s.organization_evidence.as_ref(),
            );
        }
    }
    for w in &r.warnings {
        let _ = writeln!(
            out,
            "warning: {}",
            serde_json::to_string(w).unwrap_or_default()
        );
    }
    let _ = writeln!(out, "\n## Every match, by field");
    for (field, considered) in &trace.fields {
        if considered.is_empty() {
            let _ = writeln!(out, "[{field}] no rule matched");
            continue;
        }
        let _ = writeln!(out, "[{field}]");
        for c in considered {
            let status = match &c.status {
                Status::Chosen => "CHOSEN".to_string(),
                Status::Outranked => "outranked".to_string(),
                Status::Vetoed { by } => format!("vetoed by {by}"),
                Status::Unusable(why) => format!("unusable: {why}"),
                Status::Veto => "veto".to_string(),
                Status::Kept => "kept".to_string(),
            };
            let _ = writeln!(
                out,
                "  {status:<12} p{:<4} {:<40} {:>6}..{:<6} {:?}{}",
                c.priority,
                c.evidence.rule.0,
                c.evidence.start,
                c.evidence.end,
                c.evidence.text,
                c.value
                    .as_ref()
                    .map_or(String::new(), |v| format!(" -> {v}"))
            );
        }
    }
    Ok(out)
}

/// The evidence inside its line: `line 5: ...before [match] after...`.
pub fn in_context(text: &str, e: &Evidence) -> String {
    let chars: Vec<char> = text.chars().collect();
    let line_start = chars[..e.start.min(chars.len())]
        .iter()
        .rposition(|&c| c == '\n')
        .map_or(0, |p| p + 1);
    let line_end = chars[e.end.min(chars.len())..]
        .iter()
        .position(|&c| c == '\n')
        .map_or(chars.len(), |p| e.end + p);
    let line_no = chars[..line_start].iter().filter(|&&c| c == '\n').count() + 1;
    let from = line_start.max(e.start.saturating_sub(60));
    let to = line_end.min(e.end + 60);
    let slice = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
    format!(
        "line {line_no}, {} {}..{}: {}[{}]{}",
        e.rule,
        e.start,
        e.end,
        slice(from, e.start),
        slice(e.start, e.end),
        slice(e.end, to)
    )
}
