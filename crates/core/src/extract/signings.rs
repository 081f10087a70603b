//! Round-ups: a document that reports several signings (a CAF's news item, an
//! annual-report page, a list of the year's conventions) gets one `Signing`
//! per signing, each read from its own passage.
//!
//! The text is cut into passages at blank lines; a heading (one short line
//! without a full stop) goes with the passage after it, and each item of a
//! bulleted list is a passage. Each passage is
//! extracted on its own, with all its places and people as parties of its
//! signing and the document's CAF when it names none. A passage that names a
//! local party is a signing; one that itself counts several conventions and
//! names several communes and no intercommunality is one signing per commune
//! ("ses trois premières conventions avec les communes de A, B et C"); one
//! about a convention in the making or a signing to come ("X signera la
//! sienne à l'automne") tells none. Its date is its signing date,
//! else the first day it names ("23 décembre 2019" in a table row), with the
//! year when the passage gives it (never the page's own "Publié le" date).
//!
//! A paragraph that names no party but people for the parties of the passage
//! before it ("Ont signé : X, président de la communauté de communes, et Y")
//! goes with that passage, and so does a paragraph or a list's item that
//! tells nothing of a signing (but maybe a meeting's day) and names only
//! member communes of the intercommunality that signed in the passage before
//! ("Le plan d'actions ... le multi-accueil de X", "- une ludothèque à Y ;":
//! its communes are places of that signing); a lead line that names no party
//! and tells nothing of a signing ("Ses priorités :") leaves it open for the
//! items under it. A paragraph of prose that names parties with only
//! a year before the page's, and nothing else of a signing, is context ("Après
//! A en 2022, trois communautés ..."), not a signing, and so is one that names
//! the parties of two passages or more told apart ("trois intercommunalités
//! ont rejoint la démarche : A, B et C"). Passages that share a
//! local party tell one signing; a département that co-signs beside each
//! intercommunality does not join them.
//!
//! A document is read so when a `roundup` rule marks it ("douze signatures",
//! "trois premières conventions signées"), or when at least two passages each
//! tell a signing with its own date and other parties, on two days or more. It needs at least two
//! signings; otherwise it is one convention as usual.

use super::Fields;
use crate::normalize::Text;
use crate::record::{
    Duration, Evidence, Extraction, Period, Precision, Signing, SigningDate, StatusValue,
    Territory, TerritoryKind, YearSource,
};
use std::ops::Range;

/// The passages of a text: blank-line separated blocks, a heading joined to
/// the block after it.
fn passages(text: &str) -> Vec<Range<usize>> {
    cut(text).into_iter().map(|p| p.range).collect()
}

/// One passage, and whether it is an item of a list (a bullet line, a table
/// row) rather than a paragraph.
struct Passage {
    range: Range<usize>,
    item: bool,
}

fn cut(text: &str) -> Vec<Passage> {
    let mut blocks: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    for (at, _) in text.match_indices("\n\n") {
        if text[start..at].trim().is_empty() {
            start = at + 2;
            continue;
        }
        blocks.push(start..at);
        start = at + 2;
    }
    if !text[start..].trim().is_empty() {
        blocks.push(start..text.len());
    }
    let mut out: Vec<Passage> = Vec::new();
    let mut pending: Option<usize> = None;
    for b in blocks {
        let from = pending.take().unwrap_or(b.start);
        if let Some(items) = list_items(text, from..b.end) {
            out.extend(
                items
                    .into_iter()
                    .map(|(range, item)| Passage { range, item }),
            );
        } else if is_heading(&text[b.clone()]) {
            pending = Some(from);
        } else {
            out.push(Passage {
                range: from..b.end,
                item: false,
            });
        }
    }
    if let (Some(from), Some(last)) = (pending, out.last_mut()) {
        if from >= last.range.end {
            last.range.end = text.len().min(last.range.end.max(from));
        }
    }
    out
}

/// A block that lists its items one per line after a bullet ("- le 5 mars
/// avec la communauté de communes X ;"), or without bullets when each line
/// is a sentence of its own: what comes before the first item, then each item
/// (with the lines that continue it), as passages of their own; None for a
/// block with fewer than two items. Each passage comes with whether it is
/// an item (not the lead before the first one).
fn list_items(text: &str, block: Range<usize>) -> Option<Vec<(Range<usize>, bool)>> {
    let mut lines: Vec<Range<usize>> = Vec::new();
    let mut pos = block.start;
    for line in text[block.clone()].split('\n') {
        lines.push(pos..pos + line.len());
        pos += line.len() + 1;
    }
    let bullet = |r: &Range<usize>| super::scope::starts_with_bullet(text[r.clone()].trim_start());
    let mut items: Vec<usize> = (0..lines.len()).filter(|&i| bullet(&lines[i])).collect();
    // a web page's list has lost its bullets: the block ends with lines of
    // their own, each a sentence that opens with a capital and ends with its
    // stop (wrapped prose breaks lines inside its sentences)
    let sentence = |r: &Range<usize>| {
        let line = text[r.clone()].trim();
        line.starts_with(char::is_uppercase) && line.ends_with(['.', ';', '!'])
    };
    if items.len() < 2 {
        // the block's last lines, after its heading
        let first = (0..lines.len())
            .rev()
            .take_while(|&i| sentence(&lines[i]))
            .last();
        if let Some(first) = first.filter(|f| lines.len() - f >= 2) {
            items = (first..lines.len()).collect();
        }
    }
    if items.len() < 2 {
        return None;
    }
    let mut out = Vec::new();
    if items[0] > 0 {
        out.push((block.start..lines[items[0] - 1].end, false));
    }
    for (k, &i) in items.iter().enumerate() {
        let last = items.get(k + 1).map_or(lines.len() - 1, |&next| next - 1);
        out.push((lines[i].start..lines[last].end, true));
    }
    Some(out)
}

/// Whether the text is one passage, all of it (no blank line cuts it).
pub fn is_one_passage(text: &str) -> bool {
    let passages = passages(text);
    passages.len() == 1 && passages[0] == (0..text.len())
}

/// One short line without a sentence's end: a heading.
fn is_heading(block: &str) -> bool {
    let line = block.trim();
    !line.contains('\n') && line.chars().count() <= 80 && !line.ends_with(['.', '!', '?', ';'])
}

/// What one passage gave.
struct Told {
    /// Where it is, in bytes.
    range: Range<usize>,
    fields: Fields,
    /// A paragraph of prose (not a list's item or a table's row).
    paragraph: bool,
}

impl Told {
    /// Its date comes from the signing rules (not only the first day it names).
    fn dated_by_rules(&self) -> bool {
        self.fields.found.signing_date.is_some()
    }
}

/// The signings of a round-up, or None when the text does not read as one.
/// `marked`: a `roundup` rule matched; `passage` extracts one passage.
/// `told_publication`: the `published` rules whose date the page calls its
/// publication (`settings.roundup`).
pub fn split(
    text: &Text,
    document: &Extraction,
    marked: bool,
    told_publication: &[String],
    mut passage: impl FnMut(Range<usize>) -> Fields,
) -> Option<Vec<Signing>> {
    // a publication told as such ("Publié le ...", "Mis à jour le ..."): a
    // line that only opens with a date may be a table row's signing
    let published = document
        .published
        .as_ref()
        .map(|p| &p.evidence)
        .filter(|e| told_publication.contains(&e.rule.0));
    let page = document.published.as_ref().map(|p| &p.evidence);
    let mut told: Vec<Told> = Vec::new();
    // whether the passage just before is the last one told
    let mut follows_told = false;
    for Passage { range, item } in cut(text.as_str()) {
        let fields = passage(range.clone());
        let prose = text.as_str()[range.clone()]
            .trim_end()
            .ends_with(['.', '!', '?', '»']);
        // a paragraph or a list's item that tells nothing of a signing (but
        // maybe a day: "un comité de pilotage le 3 avril") and names only
        // member communes of the intercommunality that signed just before
        // goes on telling that signing ("Le plan d'actions ... l'extension du
        // multi-accueil de X", "- une ludothèque à Y ;"): its communes are
        // that signing's places
        if let Some(before) = told.last_mut().filter(|_| follows_told) {
            if (item || prose)
                && tells_nothing_signed(&fields)
                && all_members_of(&before.fields.found.territories, &fields.found.territories)
            {
                before.range = before.range.start..range.end;
                for c in &fields.found.communes {
                    if !before
                        .fields
                        .found
                        .communes
                        .iter()
                        .any(|b| b.insee == c.insee)
                    {
                        before.fields.found.communes.push(c.clone());
                    }
                }
                continue;
            }
        }
        // a passage about a convention still in the making ("D'autres
        // territoires, comme X, finalisent leur diagnostic") tells no signing,
        // nor does one about a signing to come ("X signera sa propre
        // convention à l'automne", "dont la signature est prévue en 2024")
        let preparing = fields.found.status.as_ref().is_some_and(|s| {
            s.value == StatusValue::ToBeSigned
                || (s.value == StatusValue::InPreparation && fields.found.signing_date.is_none())
        });
        // a paragraph of prose that names parties but tells nothing of a
        // signing (no status, day, years, duration or people) is about them,
        // not a signing of theirs ("Grand Chambéry, elle, n'en est qu'au
        // diagnostic", a page's other subject); a list's item, a table's row
        // ("Commune de X | 2019") and a paragraph under a heading of its own
        // (an annual report's entry: the party's name over its figures)
        // still are one
        let headed = || {
            (text.as_str()[range.clone()].trim_start().split_once('\n'))
                .is_some_and(|(first, _)| is_heading(first))
        };
        if preparing || (!item && prose && tells_nothing_signed(&fields) && !headed()) {
            follows_told = false;
            continue;
        }
        if fields.found.territories.is_empty() {
            // a paragraph that names no party may go on telling the signing
            // before it ("Ont signé : X, président de la communauté de
            // communes, et Y, directrice de la Caf."): read with it, it
            // keeps its parties and date and adds people
            if let Some(before) = told.last_mut().filter(|_| follows_told) {
                let whole = before.range.start..range.end;
                let joined = passage(whole.clone());
                if goes_on(&before.fields, &joined) {
                    before.range = whole;
                    before.fields = joined;
                } else {
                    // a lead that tells nothing of a signing ("Ses
                    // priorités :") keeps the signing told before it open
                    // for the items under it
                    follows_told = tells_nothing_signed(&fields);
                }
            }
            continue;
        }
        told.push(Told {
            range,
            fields,
            paragraph: !item && prose,
        });
        follows_told = true;
    }
    // a paragraph that names the parties of two passages or more, each told
    // apart with fewer parties and a day of its own, sums them up ("trois
    // intercommunalités ont rejoint la démarche : A, B et C"): it is no
    // signing of its own
    let summaries: Vec<bool> = (0..told.len()).map(|i| sums_up(i, &told, page)).collect();
    let mut told: Vec<Told> = (told.into_iter().zip(summaries))
        .filter(|(_, summary)| !summary)
        .map(|(t, _)| t)
        .collect();
    // a paragraph of prose that names parties only with a year before the
    // page's (its publication's, else its latest signing's), and nothing else
    // of a signing (no day, years, duration or people), gives context ("Les
    // conventions de A et de B, signées en 2021, seront évaluées"; "Après A
    // en 2022, trois communautés ..."); a table row "2019 | Commune de X" is
    // a signing
    let year_of = |value: &str| value.get(..4).and_then(|y| y.parse::<i32>().ok());
    let reference = document
        .published
        .as_ref()
        .and_then(|p| year_of(&p.value))
        .or_else(|| {
            (told.iter())
                .filter_map(|t| t.fields.found.signing_date.as_ref())
                .filter_map(|d| year_of(&d.value))
                .max()
        });
    told.retain(|t| !(t.paragraph && tells_an_earlier_year_only(&t.fields, reference, page)));
    let spans: Vec<Range<usize>> = told
        .iter()
        .map(|t| text.char_offset(t.range.start)..text.char_offset(t.range.end))
        .collect();
    if !marked && !distinct_dated_signings(&told) {
        return None;
    }
    // a period or duration stated once for all ("pour cinq ans"), outside the
    // passages of the signings, is every signing's that states none
    let outside = |e: &Evidence| !spans.iter().any(|s| s.start <= e.start && e.end <= s.end);
    let shared = Shared {
        period: document.period.clone().filter(|p| outside(&p.evidence)),
        duration: document.duration.clone().filter(|d| outside(&d.evidence)),
    };
    let mut signings: Vec<Signing> = told
        .iter()
        .flat_map(|t| signings_of(&t.fields, &shared, published))
        .collect();
    // passages that share a party tell one signing ("Les signataires de la
    // CTG CCVAI-CCPU : ..., Ingrid Meunier, maire de Champoly", then "Signée
    // le 21 juillet ... avec le maire de Champoly, cette CTG couvre la période
    // 2020-2024"): each is joined to the first one it shares a party with,
    // until none is left to join
    while let Some((into, from)) = first_pair_sharing_a_party(&signings) {
        let next = signings.remove(from);
        absorb(&mut signings[into], next, &shared);
    }
    (signings.len() >= 2).then_some(signings)
}

/// Whether `joined` (a passage read with the paragraph after it) tells the
/// same signing as `before` (the passage alone), with more of its people,
/// each for one of the parties (not a speaker quoted for no party).
fn goes_on(before: &Fields, joined: &Fields) -> bool {
    let codes = |f: &Fields| {
        let mut codes: Vec<_> = f
            .found
            .territories
            .iter()
            .map(|t| (t.kind, t.code.clone()))
            .collect();
        codes.sort();
        codes
    };
    let date = |f: &Fields| f.found.signing_date.as_ref().map(|d| d.value.clone());
    let added: Vec<_> = joined
        .found
        .signatories
        .iter()
        .filter(|s| !before.found.signatories.iter().any(|b| b.name == s.name))
        .collect();
    codes(before) == codes(joined)
        && date(before) == date(joined)
        && !added.is_empty()
        && added.iter().all(|s| s.party.is_some())
}

/// Whether a passage tells of its signing only a year before `reference`
/// (the page's year): no day (but the publication's, `page`), no years
/// covered, no duration, no people.
fn tells_an_earlier_year_only(
    fields: &Fields,
    reference: Option<i32>,
    page: Option<&Evidence>,
) -> bool {
    let Some(year) = reference else {
        return false;
    };
    let earlier = fields
        .mentions
        .iter()
        .any(|(p, _)| p.day.is_none() && p.year.is_some_and(|y| y < year));
    earlier && tells_no_date_years_or_people(fields, page)
}

/// Whether a passage gives no day (but the publication's, `page`), no years
/// covered, no duration and no people.
fn tells_no_date_years_or_people(fields: &Fields, page: Option<&Evidence>) -> bool {
    let found = &fields.found;
    found.signing_date.is_none()
        && first_day(fields, page).is_none()
        && found.period.is_none()
        && found.duration.is_none()
        && found.signatories.is_empty()
}

/// Whether a passage tells nothing of a signing but maybe a day (a meeting's):
/// no status, no signing date, no people, no years covered, no duration.
fn tells_nothing_signed(fields: &Fields) -> bool {
    let found = &fields.found;
    found.status.is_none()
        && found.signing_date.is_none()
        && found.signatories.is_empty()
        && found.period.is_none()
        && found.duration.is_none()
}

/// Whether the paragraph `told[i]` names two local parties or more, each of
/// which another passage names with fewer local parties and a day (`page`,
/// the publication's, is none), in two passages or more: it sums up the
/// signings the others tell. (Parties listed one per line without their
/// days, "Ont signé : X, pour la Ville ; Y, pour l'Agglomération", tell the
/// paragraph's one signing.)
fn sums_up(i: usize, told: &[Told], page: Option<&Evidence>) -> bool {
    fn locals(t: &Told) -> Vec<&Territory> {
        (t.fields.found.territories.iter())
            .filter(|p| p.kind != TerritoryKind::Departement)
            .collect()
    }
    let mine = locals(&told[i]);
    if !told[i].paragraph || mine.len() < 2 {
        return false;
    }
    let mut telling = Vec::new();
    for party in &mine {
        let Some(j) = (0..told.len()).find(|&j| {
            let theirs = locals(&told[j]);
            let dated = told[j].fields.found.signing_date.is_some()
                || first_day(&told[j].fields, page).is_some();
            j != i
                && dated
                && theirs.len() < mine.len()
                && theirs.iter().any(|t| same_party(t, party))
        }) else {
            return false;
        };
        telling.push(j);
    }
    telling.sort_unstable();
    telling.dedup();
    telling.len() >= 2
}

/// Whether `parties` are all communes that belong to an intercommunality of
/// `before`.
fn all_members_of(before: &[Territory], parties: &[Territory]) -> bool {
    let data = crate::refdata::get();
    let members: Vec<&str> = before
        .iter()
        .filter(|t| t.kind == TerritoryKind::Epci)
        .filter_map(|t| t.code.as_deref())
        .filter_map(|siren| data.epci.iter().find(|e| e.siren == siren))
        .flat_map(|e| e.members.iter().copied())
        .collect();
    !parties.is_empty()
        && parties.iter().all(|t| {
            t.kind == TerritoryKind::Commune
                && t.code.as_deref().is_some_and(|c| members.contains(&c))
        })
}

/// Both known and not the same.
fn differ<T: PartialEq>(a: &Option<T>, b: &Option<T>) -> bool {
    matches!((a, b), (Some(x), Some(y)) if x != y)
}

/// The first two signings (in order) that share a party and whose dates and
/// periods do not differ (a renewal of the same party's convention, signed on
/// another day, is a signing of its own).
fn first_pair_sharing_a_party(signings: &[Signing]) -> Option<(usize, usize)> {
    (0..signings.len()).find_map(|i| {
        (i + 1..signings.len())
            .find(|&j| {
                let (a, b) = (&signings[i], &signings[j]);
                let dates = |s: &Signing| s.signing_date.as_ref().map(|d| d.value.clone());
                let years =
                    |s: &Signing| s.period.as_ref().map(|p| (p.start.clone(), p.end.clone()));
                one_party_between(&a.territories, &b.territories)
                    && !differ(&dates(a), &dates(b))
                    && !differ(&years(a), &years(b))
            })
            .map(|j| (i, j))
    })
}

/// `next` told more of `into`'s signing: what `into` lacks (or has only from
/// what the document states for all) comes from `next`, and its parties,
/// people and communes join.
fn absorb(into: &mut Signing, next: Signing, shared: &Shared) {
    for t in next.territories {
        if !into.territories.iter().any(|x| same_party(x, &t)) {
            into.territories.push(t);
        }
    }
    if into.signing_date.is_none() {
        into.signing_date = next.signing_date;
    }
    if into.period.is_none() || into.period == shared.period {
        into.period = next.period.or(into.period.take());
    }
    if into.duration.is_none() || into.duration == shared.duration {
        into.duration = next.duration.or(into.duration.take());
    }
    for s in next.signatories {
        if !into.signatories.iter().any(|x| x.name == s.name) {
            into.signatories.push(s);
        }
    }
    for c in next.communes {
        if !into.communes.iter().any(|x| x.insee == c.insee) {
            into.communes.push(c);
        }
    }
}

/// What the document states once for all its signings.
struct Shared {
    period: Option<Period>,
    duration: Option<Duration>,
}

/// Whether at least two passages each tell a signing dated by the signing
/// rules, and none of their parties is the same, and two of them on different
/// days: two paragraphs that date one signing alike ("a signé mardi", then
/// "Mardi 30 mai, ... ont signé"), each with the parties it happens to name,
/// tell one signing.
fn distinct_dated_signings(told: &[Told]) -> bool {
    let dated: Vec<&Told> = told.iter().filter(|t| t.dated_by_rules()).collect();
    if dated.len() < 2 {
        return false;
    }
    for (i, a) in dated.iter().enumerate() {
        for b in &dated[i + 1..] {
            if one_party_between(&a.fields.found.territories, &b.fields.found.territories) {
                return false;
            }
        }
    }
    let day = |t: &Told| {
        t.fields
            .found
            .signing_date
            .as_ref()
            .map(|d| d.value.clone())
    };
    dated.iter().any(|a| day(a) != day(dated[0]))
}

/// Whether two passages' parties say they tell the same signing: they share
/// a commune, an intercommunality or another local party; or they share the
/// département and one of them names no other party. A département that
/// signs beside each intercommunality of a round-up ("Marie X signait à
/// nouveau pour le Département") does not make their signings one.
fn one_party_between(a: &[Territory], b: &[Territory]) -> bool {
    let local = |ts: &[Territory]| -> Vec<Territory> {
        ts.iter()
            .filter(|t| t.kind != TerritoryKind::Departement)
            .cloned()
            .collect()
    };
    let (la, lb) = (local(a), local(b));
    let shares =
        |x: &[Territory], y: &[Territory]| x.iter().any(|t| y.iter().any(|u| same_party(t, u)));
    shares(&la, &lb) || ((la.is_empty() || lb.is_empty()) && shares(a, b))
}

fn same_party(a: &Territory, b: &Territory) -> bool {
    a.kind == b.kind && a.code.is_some() && a.code == b.code
}

/// The signing (or, for several communes without an intercommunality, the
/// signings) one passage tells.
fn signings_of(fields: &Fields, shared: &Shared, published: Option<&Evidence>) -> Vec<Signing> {
    let found = &fields.found;
    let date = found
        .signing_date
        .clone()
        .or_else(|| first_day(fields, published));
    let signing = |territories: Vec<Territory>| Signing {
        signing_date: date.clone(),
        period: found.period.clone().or_else(|| shared.period.clone()),
        duration: found.duration.clone().or_else(|| shared.duration.clone()),
        caf: found.caf.clone(),
        territories,
        signatories: found.signatories.clone(),
        communes: found.communes.clone(),
    };
    let epci = found
        .territories
        .iter()
        .any(|t| t.kind == TerritoryKind::Epci);
    let communes: Vec<&Territory> = found
        .territories
        .iter()
        .filter(|t| t.kind == TerritoryKind::Commune)
        .collect();
    // several conventions told at once ("ses trois premières conventions avec
    // les communes de A, B et C"): one per commune; a passage about one
    // convention of several communes stays one
    let several = !fields.roundup.is_empty();
    if epci || communes.len() < 2 || !several {
        return vec![signing(found.territories.clone())];
    }
    communes
        .into_iter()
        .map(|t| {
            let mut one = signing(vec![t.clone()]);
            one.communes.retain(|c| Some(&c.insee) == t.code.as_ref());
            one.signatories.retain(|s| match &s.party {
                Some(crate::record::PartyRef::Territory { code, .. }) => code == &t.code,
                _ => true,
            });
            one
        })
        .collect()
}

/// The first day and month the passage names, as its signing date: with its
/// year when given, else undecided (`--12-08`). The page's publication date
/// ("Publié le 02/05/2024") is none.
fn first_day(fields: &Fields, published: Option<&Evidence>) -> Option<SigningDate> {
    let within = |e: &Evidence| published.is_some_and(|p| p.start <= e.start && e.end <= p.end);
    let (parts, evidence) = fields
        .mentions
        .iter()
        .find(|(p, e)| p.day.is_some() && p.month.is_some() && !within(e))?;
    let (month, day) = (parts.month?, parts.day?);
    let (value, precision, source) = match parts.year {
        Some(y) => {
            let date = crate::calendar::CivilDate::new(y, month, day)?;
            (date.to_string(), Precision::Day, YearSource::Explicit)
        }
        None => (
            format!("--{month:02}-{day:02}"),
            Precision::MonthDay,
            YearSource::Undecided,
        ),
    };
    Some(SigningDate {
        value,
        precision,
        year_source: source,
        year_candidates: Vec::new(),
        evidence: evidence.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn party(kind: TerritoryKind, code: &str) -> Territory {
        Territory::for_test(kind, code, code)
    }

    fn signing(territories: Vec<Territory>, year: Option<&str>) -> Signing {
        Signing {
            signing_date: None,
            period: year.map(|y| Period {
                start: Some(y.to_string()),
                end: None,
                evidence: territories[0].evidence.clone(),
                completed_by: None,
            }),
            duration: None,
            caf: Vec::new(),
            territories,
            signatories: Vec::new(),
            communes: Vec::new(),
        }
    }

    /// A page that reports two signings, each in its paragraph; a test adds
    /// a third paragraph after them.
    const TWO_SIGNINGS: &str = "Publié le 20/06/2025\n\n\
             Le 3 juin, la commune d'Aix-les-Bains a signé sa convention territoriale \
             globale avec la Caf de la Savoie.\n\n\
             Le 12 juin, la communauté d'agglomération Arlysère a signé sa convention \
             territoriale globale avec la Caf de la Savoie.\n\n";

    /// The codes of each signing's parties in `text`, read with the built-in rules.
    fn signing_codes(text: &Text) -> Vec<Vec<String>> {
        let rules = crate::rules::RuleSet::load(None).expect("built-in rules compile");
        let fields = crate::extract::run(text, &rules, None);
        (fields.extraction.signings.iter())
            .map(|s| {
                (s.territories.iter())
                    .filter_map(|t| t.code.clone())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_territory_still_making_its_diagnostic_is_no_signing() {
        let text = Text::new(&format!(
            "{TWO_SIGNINGS}La communauté de communes Cœur de Savoie, elle, mène encore \
             son diagnostic auprès des familles.\n"
        ));
        let codes = signing_codes(&text);
        assert_eq!(codes, [vec!["73008".to_string()], vec!["200068997".into()]]);
    }

    #[test]
    fn list_items_under_a_signing_that_name_its_member_communes_are_its_places() {
        // a lead that tells nothing of a signing, then items that each name
        // a member commune of the intercommunality just told: no signing of
        // their own
        let text = Text::new(
            "Publié le 04/10/2023\n\n\
             Le 26 septembre, la communauté de communes du Pays de Mormal a signé sa \
             convention territoriale globale avec la Caf du Nord.\n\n\
             Ses priorités :\n\
             - un relais petite enfance itinérant ;\n\
             - développer la ludothèque de Landrecies ;\n\
             - l'accès aux droits, avec la France services du Quesnoy.\n\n\
             Le 29 septembre, la communauté de communes Cœur de l'Avesnois a signé \
             la sienne avec la Caf du Nord.\n",
        );
        let codes = signing_codes(&text);
        assert_eq!(
            codes,
            [vec!["200043321".to_string()], vec!["200043263".into()]]
        );
    }

    #[test]
    fn a_paragraph_that_tells_nothing_of_a_signing_is_none_unless_headed() {
        // a neighbour named for its future only is no signing; a party's
        // name heading the paragraph on its convention is one
        let text = Text::new(&format!(
            "{TWO_SIGNINGS}Pour la communauté de communes Cœur de Savoie, tout reste à \
             écrire avec les familles.\n"
        ));
        let codes = signing_codes(&text);
        assert_eq!(codes, [vec!["73008".to_string()], vec!["200068997".into()]]);
        let headed = Text::new(
            "Caf de la Savoie – Rapport d'activité 2024\n\n\
             Trois nouvelles conventions territoriales globales en 2024\n\n\
             Commune d'Aix-les-Bains\n\
             Le texte vaut pour la ville et ses 30 000 habitants.\n\n\
             Communauté d'agglomération Arlysère\n\
             Le texte vaut pour les 39 communes de l'agglomération.\n\n\
             Communauté de communes Cœur de Savoie\n\
             Le texte vaut pour les 41 communes du territoire.\n",
        );
        let codes = signing_codes(&headed);
        assert_eq!(codes.len(), 3, "{codes:?}");
    }

    #[test]
    fn a_passage_keeps_its_vetoes_out_of_its_signing() {
        // the guest of a passage's ceremony, and a neighbour whose own
        // diagnostic should lead to a signing, are no parties of it
        let text = Text::new(
            "Publié le 20/06/2025\n\n\
             Le 3 juin, la commune d'Aix-les-Bains a signé sa convention territoriale \
             globale avec la Caf de la Savoie. Le maire de Chambéry, Paul Roy, \
             assistait à la signature.\n\n\
             Le 12 juin, la communauté d'agglomération Arlysère a signé sa convention \
             territoriale globale avec la Caf de la Savoie. La communauté de communes \
             Cœur de Savoie conduit son diagnostic, qui doit déboucher sur une \
             signature en 2026.\n",
        );
        let codes = signing_codes(&text);
        assert_eq!(codes, [vec!["73008".to_string()], vec!["200068997".into()]]);
    }

    #[test]
    fn a_lead_that_names_the_parties_of_the_signings_told_below_is_no_signing() {
        let text = Text::new(
            "Publié le 20/06/2025\n\n\
             Deux intercommunalités ont rejoint la démarche : la communauté \
             d'agglomération Arlysère et la communauté de communes Cœur de Savoie \
             disposent chacune de leur convention territoriale globale.\n\n\
             Le 3 juin, la communauté d'agglomération Arlysère a signé sa convention \
             territoriale globale avec la Caf de la Savoie.\n\n\
             Le 12 juin, la communauté de communes Cœur de Savoie a signé la sienne \
             avec la Caf de la Savoie.\n",
        );
        let codes = signing_codes(&text);
        assert_eq!(
            codes,
            [vec!["200068997".to_string()], vec!["200041010".into()]]
        );
    }

    #[test]
    fn passages_that_share_a_party_tell_one_signing() {
        let epci = party(TerritoryKind::Epci, "244200614");
        let commune = party(TerritoryKind::Commune, "42047");
        let other = party(TerritoryKind::Epci, "244200622");
        let first = signing(vec![epci.clone(), commune.clone()], None);
        let more = signing(vec![commune], Some("2020"));
        let apart = signing(vec![other], None);
        let all = [first.clone(), apart.clone(), more.clone()];
        assert_eq!(first_pair_sharing_a_party(&all), Some((0, 2)));
        assert_eq!(first_pair_sharing_a_party(&[first.clone(), apart]), None);
        // the same party's renewal, over other years, is a signing of its own
        let renewal = signing(vec![epci.clone()], Some("2025"));
        let original = signing(vec![epci.clone()], Some("2020"));
        assert_eq!(first_pair_sharing_a_party(&[original, renewal]), None);
        let shared = Shared {
            period: None,
            duration: None,
        };
        let mut merged = first;
        absorb(&mut merged, more, &shared);
        assert_eq!(merged.territories.len(), 2);
        assert_eq!(merged.period.and_then(|p| p.start).as_deref(), Some("2020"));
    }

    #[test]
    fn a_departement_beside_each_intercommunality_does_not_join_their_signings() {
        let dept = party(TerritoryKind::Departement, "43");
        let first = party(TerritoryKind::Epci, "200073401");
        let second = party(TerritoryKind::Epci, "200073419");
        let a = [first.clone(), dept.clone()];
        assert!(!one_party_between(&a, &[second.clone(), dept.clone()]));
        // a passage that names the département alone goes on another's
        assert!(one_party_between(&a, std::slice::from_ref(&dept)));
        assert!(one_party_between(&a, &[first, second]));
    }

    #[test]
    fn member_communes_of_the_intercommunality_before_go_on_its_signing() {
        // Lure is a member of the communauté de communes du Pays de Lure,
        // Ronchamp of Rahin et Chérimont
        let lure_cc = party(TerritoryKind::Epci, "247000664");
        let lure = party(TerritoryKind::Commune, "70310");
        let ronchamp = party(TerritoryKind::Commune, "70451");
        let before = [lure_cc.clone()];
        assert!(all_members_of(&before, std::slice::from_ref(&lure)));
        assert!(!all_members_of(&before, &[lure.clone(), ronchamp]));
        assert!(!all_members_of(&before, std::slice::from_ref(&lure_cc)));
        assert!(!all_members_of(&before, &[]));
        assert!(!all_members_of(&[lure], &[lure_cc]));
    }

    #[test]
    fn passages_are_blocks_with_their_heading() {
        let text = "Titre du rapport\n\nIntro. Elle parle.\n\nLa Plaine-des-Palmistes\n\nLe 1er décembre, signature.\n\nSainte-Rose\n\nLe 27 décembre, signature.";
        let shown: Vec<&str> = passages(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            shown,
            [
                "Titre du rapport\n\nIntro. Elle parle.",
                "La Plaine-des-Palmistes\n\nLe 1er décembre, signature.",
                "Sainte-Rose\n\nLe 27 décembre, signature."
            ]
        );
    }

    #[test]
    fn each_item_of_a_bulleted_list_is_a_passage() {
        let text = "Bilan\n\nLa Caf a signé trois CTG :\n- le 5 mars avec la CC A ;\n- le 12 mars avec la commune de B,\n  dans sa mairie ;\n- le 19 mars avec la CC C.";
        let shown: Vec<&str> = passages(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            shown,
            [
                "Bilan\n\nLa Caf a signé trois CTG :",
                "- le 5 mars avec la CC A ;",
                "- le 12 mars avec la commune de B,\n  dans sa mairie ;",
                "- le 19 mars avec la CC C."
            ]
        );
    }

    #[test]
    fn a_table_row_is_a_passage() {
        let text = "Signature\nTerritoire\n\n23 décembre 2019\nMond'Arverne Communauté\nCaf du Puy-de-Dôme\n\n1er mars 2021\nPays de Meaux";
        let shown: Vec<&str> = passages(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(shown.len(), 3, "{shown:?}");
        assert!(shown[1].starts_with("23 décembre 2019"));
    }
}
