//! OCR text -> the text a typed page would have given: the usual Tesseract
//! misreadings of French administrative text, repaired where nothing else can
//! be meant.
//!
//! Only pages read by OCR go through here (`ingest::pdf` calls [`repair`] on
//! them, before running headers are removed and before the steps of
//! `normalize` that every text goes through), so that a typed text, where
//! "ler" or "2O23" would be the author's, is never touched. The steps, in
//! order, each a function with its tests:
//!
//! 1. [`join_split_hyphens`]: a word cut at a line end whose halves OCR put in
//!    two paragraphs ("mécon-\n\nnaissance"), or with a long dash ("mécon—");
//!    the ordinary joining then happens in `normalize`.
//! 2. [`drop_debris`]: table rules and dust read as characters: tokens made of
//!    `|`, `_`, `[`, `]`, `=`, `+`, `*`, `°`... anywhere, a `[` or `|` glued
//!    to a name ("[Lento"), a full stop read for a space inside a name
//!    ("Bazouges.Cré"), and stray punctuation at a line end (`:` after a
//!    comma, a lone `«`, `—`, `.`).
//! 3. [`fix_numbers`]: `O`/`o` read for `0` and `l`/`I`/`|` for `1` inside
//!    numbers ("2O23", "l5 mars"), "ler"/"Ier" for "1er" and "lère" for
//!    "1ère", a stray letter glued to a day before its month ("le s28 juin",
//!    "3février"), and a name glued to the number of the next table column
//!    ("La Flèche16 135").
//! 4. [`join_split_names`]: a capitalized name cut in two by a space ("Raf
//!    falli"), joined when the document writes it whole elsewhere.

use super::fold::fold;

/// The months as the rules read them, folded (accents and case removed).
const MONTHS: [&str; 12] = [
    "janvier",
    "fevrier",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "aout",
    "septembre",
    "octobre",
    "novembre",
    "decembre",
];

/// Repairs the text of one page read by OCR; `document` is the text of all
/// the document's pages (to confirm a name written whole elsewhere).
pub fn repair(page: &str, document: &str) -> String {
    let text = join_split_hyphens(page);
    let lines: Vec<String> = text
        .lines()
        .map(|line| fix_numbers(&drop_debris(line)))
        .collect();
    let mut text = lines.join("\n");
    if page.ends_with('\n') {
        text.push('\n');
    }
    join_split_names(&text, document)
}

/// Step 1: "mécon-\n\nnaissance" -> "mécon-\nnaissance"; "mécon—\n" and
/// "mécon¬\n" -> "mécon-\n". The word is joined by `normalize` afterwards.
pub fn join_split_hyphens(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim_end();
        let mut cut = None;
        for dash in ['-', '—', '–', '¬'] {
            if let Some(head) = line.strip_suffix(dash) {
                if head.chars().next_back().is_some_and(char::is_alphabetic) {
                    cut = Some(head);
                }
            }
        }
        let Some(head) = cut else {
            out.push(lines[i].to_string());
            i += 1;
            continue;
        };
        // the next line with text, past blank lines
        let mut next = i + 1;
        while next < lines.len() && lines[next].trim().is_empty() {
            next += 1;
        }
        let continues = lines
            .get(next)
            .and_then(|l| l.trim_start().chars().next())
            .is_some_and(char::is_lowercase);
        if continues {
            out.push(format!("{head}-"));
            i = next;
        } else {
            out.push(lines[i].to_string());
            i += 1;
        }
    }
    let mut joined = out.join("\n");
    if text.ends_with('\n') {
        joined.push('\n');
    }
    joined
}

/// Characters that a table rule or a speck of dust becomes.
fn is_debris_char(c: char) -> bool {
    matches!(
        c,
        '|' | '¦'
            | '['
            | ']'
            | '{'
            | '}'
            | '_'
            | '='
            | '~'
            | '+'
            | '*'
            | '°'
            | '#'
            | '$'
            | '§'
            | '¤'
            | '<'
            | '>'
            | '‘'
            | '^'
            | '¢'
            | '©'
            | '®'
            | '€'
    )
}

/// Step 2, one line: debris tokens removed, `[` and `|` glued to the start or
/// the end of a word removed, stray punctuation at the line end removed.
pub fn drop_debris(line: &str) -> String {
    let line = split_at_stray_stops(line);
    let mut tokens: Vec<&str> = line
        .split_whitespace()
        .filter(|t| !t.chars().all(is_debris_char))
        .map(|t| t.trim_start_matches(['[', '|', '{', '_']))
        .map(|t| t.trim_end_matches([']', '|', '}', '_']))
        .filter(|t| !t.is_empty())
        .collect();
    loop {
        let n = tokens.len();
        let Some(&last) = tokens.last() else { break };
        let before = n.checked_sub(2).map(|i| tokens[i]);
        let after_punctuation = before.is_some_and(|b| b.ends_with([',', ';', '.', ':']));
        let stray = match last {
            // "convention, :" but not "Entre :"
            ":" | ";" => after_punctuation || before.is_none(),
            // French sets no space before a full stop or a comma
            "." | "," => true,
            // an opening guillemet cannot end a line's text
            "«" => true,
            "—" | "'" | "\"" => true,
            // a speck read as a lower-case letter: French has no such
            // one-letter word but "a", "à" and "y"
            t if t.chars().count() == 1 => t
                .chars()
                .all(|c| c.is_lowercase() && !matches!(c, 'a' | 'à' | 'y')),
            _ => false,
        };
        if !stray {
            break;
        }
        tokens.pop();
    }
    tokens.join(" ")
}

/// "Bazouges.Cré sur Loir" -> "Bazouges Cré sur Loir": a full stop read for
/// the space between two words of a name (French sets a space after a full
/// stop; a typed text would not glue them).
fn split_at_stray_stops(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    for (i, &c) in chars.iter().enumerate() {
        let before = i >= 3 && chars[i - 3..i].iter().all(|c| c.is_lowercase());
        let after = chars.get(i + 1).is_some_and(|c| c.is_uppercase())
            && chars.get(i + 2).is_some_and(|c| c.is_lowercase());
        out.push(if c == '.' && before && after { ' ' } else { c });
    }
    out
}

/// Step 3, one line: digits and days, token by token.
pub fn fix_numbers(line: &str) -> String {
    let tokens: Vec<&str> = line.split(' ').collect();
    let mut out: Vec<String> = Vec::with_capacity(tokens.len());
    for (i, token) in tokens.iter().enumerate() {
        let next = tokens.get(i + 1).copied().unwrap_or("");
        let before_month = is_month(next);
        let mut token = fix_digits(token);
        token = fix_ordinal(&token, next, before_month);
        if before_month {
            token = fix_day(&token);
        }
        out.push(split_glued(&token));
    }
    out.join(" ")
}

/// Whether a word (with trailing punctuation) is a month name.
fn is_month(word: &str) -> bool {
    let folded = fold(word.trim_end_matches(|c: char| !c.is_alphanumeric()));
    MONTHS.contains(&folded.as_str())
}

/// "2O23" -> "2023", "l5" -> "15", "3l," -> "31,", "2O23-2O26" ->
/// "2023-2026": each part of a token of digits and of letters OCR reads for
/// digits, with at least as many true digits.
fn fix_digits(token: &str) -> String {
    let mut out = String::with_capacity(token.len());
    for (i, part) in token.split(['-', '/']).enumerate() {
        if i > 0 {
            // the separator that was there
            let at = out.len();
            out.push_str(&token[at..at + 1]);
        }
        out.push_str(&fix_number(part));
    }
    out
}

/// One part of `fix_digits`.
fn fix_number(token: &str) -> String {
    let core_end = token
        .char_indices()
        .rev()
        .find(|(_, c)| !matches!(c, ',' | '.' | ';' | ':' | ')'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let (core, tail) = token.split_at(core_end);
    let confusable = |c: char| matches!(c, 'O' | 'o' | 'l' | 'I' | '|');
    let digits = core.chars().filter(char::is_ascii_digit).count();
    let others = core.chars().filter(|&c| confusable(c)).count();
    if core.chars().count() < 2
        || digits == 0
        || others == 0
        || digits < others
        || !core.chars().all(|c| c.is_ascii_digit() || confusable(c))
    {
        return token.to_string();
    }
    let fixed: String = core
        .chars()
        .map(|c| match c {
            'O' | 'o' => '0',
            'l' | 'I' | '|' => '1',
            c => c,
        })
        .collect();
    format!("{fixed}{tail}")
}

/// "ler janvier" -> "1er janvier", "lère adjointe" -> "1ère adjointe": OCR
/// reads the digit 1 as `l` or `I`; French has no word "ler" or "lère".
fn fix_ordinal(token: &str, next: &str, before_month: bool) -> String {
    let Some(rest) = token.strip_prefix(['l', 'I']) else {
        return token.to_string();
    };
    let next_is_lower = next.chars().next().is_some_and(char::is_lowercase);
    match rest {
        "er" if before_month => format!("1{rest}"),
        "ère" | "re" if next_is_lower => format!("1{rest}"),
        _ => token.to_string(),
    }
}

/// A day before its month, with a stray letter glued to it: "s28" -> "28",
/// "28a" -> "28", "le28" -> "le 28".
fn fix_day(token: &str) -> String {
    for article in ["le", "du", "au"] {
        if let Some(day) = token.strip_prefix(article) {
            if is_day(day) {
                return format!("{article} {day}");
            }
        }
    }
    let chars: Vec<char> = token.chars().collect();
    let digits: String = chars.iter().filter(|c| c.is_ascii_digit()).collect();
    let letters = chars.len() - digits.len();
    let digits_together = token.contains(digits.as_str());
    let stray = letters == 1
        && digits_together
        && chars
            .iter()
            .all(|c| c.is_ascii_digit() || c.is_alphabetic());
    if stray && is_day(&digits) && token != "1e" {
        return digits;
    }
    token.to_string()
}

fn is_day(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 2
        && s.chars().all(|c| c.is_ascii_digit())
        && s.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d))
}

/// "3février" -> "3 février", "1erjanvier" -> "1er janvier", "Flèche16" ->
/// "Flèche 16" (a table's columns run together).
fn split_glued(token: &str) -> String {
    // a day glued to its month
    let day_end = token
        .char_indices()
        .find(|(_, c)| !c.is_ascii_digit())
        .map_or(token.len(), |(i, _)| i);
    if (1..=2).contains(&day_end) {
        let rest = &token[day_end..];
        let (ordinal, month) = match rest.strip_prefix("er") {
            Some(m) if is_month(m) => ("er", m),
            _ => ("", rest),
        };
        if is_month(month) {
            return format!("{}{ordinal} {month}", &token[..day_end]);
        }
    }
    // a capitalized name glued to a number
    let digits_from = token
        .char_indices()
        .find(|(_, c)| c.is_ascii_digit())
        .map(|(i, _)| i);
    if let Some(at) = digits_from {
        let (name, number) = token.split_at(at);
        let letters = name.chars().filter(|c| c.is_alphabetic()).count();
        let capitalized = name.chars().next().is_some_and(char::is_uppercase)
            && letters >= 3
            && name.chars().next_back().is_some_and(char::is_lowercase)
            && name
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '\''));
        let numeric = number
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.'));
        if capitalized && numeric {
            return format!("{name} {number}");
        }
    }
    token.to_string()
}

/// Step 4: "Alain Four my" -> "Alain Fourmy" when the document writes
/// "Fourmy" as one word elsewhere and "my" nowhere on its own.
pub fn join_split_names(text: &str, document: &str) -> String {
    let words: Vec<&str> = document
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .filter(|w| !w.is_empty())
        .collect();
    let count = |w: &str| words.iter().filter(|x| **x == w).count();
    // "sini" on its own elsewhere, not as the tail of this very split
    let alone = |head: &str, tail: &str| {
        let pairs = words
            .windows(2)
            .filter(|p| p[0] == head && p[1] == tail)
            .count();
        count(tail) - pairs
    };
    let mut out_lines = Vec::new();
    for line in text.split('\n') {
        let tokens: Vec<&str> = line.split(' ').collect();
        let mut out: Vec<String> = Vec::with_capacity(tokens.len());
        let mut i = 0;
        while i < tokens.len() {
            if let Some(&next) = tokens.get(i + 1) {
                let head = tokens[i];
                let tail_core = next.trim_end_matches(|c: char| !c.is_alphanumeric());
                let starts_upper = head.chars().next().is_some_and(char::is_uppercase);
                let alphabetic = head.chars().all(char::is_alphabetic)
                    && tail_core.chars().all(char::is_alphabetic)
                    && tail_core.chars().count() >= 2;
                let same_case = if head.chars().all(char::is_uppercase) {
                    tail_core.chars().all(char::is_uppercase)
                } else {
                    tail_core.chars().all(char::is_lowercase)
                };
                let whole = format!("{head}{tail_core}");
                if starts_upper
                    && alphabetic
                    && same_case
                    && count(&whole) > 0
                    && alone(head, tail_core) == 0
                {
                    out.push(format!("{head}{next}"));
                    i += 2;
                    continue;
                }
            }
            out.push(tokens[i].to_string());
            i += 1;
        }
        out_lines.push(out.join(" "));
    }
    out_lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hyphenated_words_split_over_two_paragraphs_are_brought_together() {
        assert_eq!(
            join_split_hyphens("la mécon-\n\nnaissance des droits\n"),
            "la mécon-\nnaissance des droits\n"
        );
        assert_eq!(
            join_split_hyphens("progres—\nsivement"),
            "progres-\nsivement"
        );
        // a list dash and a compound before a capital stay
        assert_eq!(
            join_split_hyphens("Axes -\n\n- enfance"),
            "Axes -\n\n- enfance"
        );
        assert_eq!(join_split_hyphens("Saint-\n\nJean"), "Saint-\n\nJean");
    }

    #[test]
    fn table_rules_and_dust_are_dropped() {
        assert_eq!(drop_debris("Borgo | 2B042 _]"), "Borgo 2B042");
        assert_eq!(drop_debris("[Lento 2B140"), "Lento 2B140");
        assert_eq!(drop_debris("Olmo = __| 2B192 _"), "Olmo 2B192");
        assert_eq!(drop_debris("| Vignale [2B350 |"), "Vignale 2B350");
        assert_eq!(drop_debris("+ + *"), "");
        assert_eq!(
            drop_debris("Bazouges.Cré sur Loir"),
            "Bazouges Cré sur Loir"
        );
        assert_eq!(
            drop_debris("M.Dupont et la Caf. Elle"),
            "M.Dupont et la Caf. Elle"
        );
    }

    #[test]
    fn stray_punctuation_at_line_ends_is_dropped_but_a_colon_after_a_word_stays() {
        assert_eq!(
            drop_debris("Convention territoriale globale - Caf de la Haute-Corse | «"),
            "Convention territoriale globale - Caf de la Haute-Corse"
        );
        assert_eq!(
            drop_debris("de la présente convention, :"),
            "de la présente convention,"
        );
        assert_eq!(drop_debris("Entre :"), "Entre :");
        assert_eq!(drop_debris("Et :"), "Et :");
        assert_eq!(drop_debris("dénommée « la Caf »,"), "dénommée « la Caf »,");
        assert_eq!(drop_debris("Article 4 - Durée ."), "Article 4 - Durée");
        assert_eq!(drop_debris("Article 4 - Durée."), "Article 4 - Durée.");
        assert_eq!(
            drop_debris("Marie-Dominique Raffalli e"),
            "Marie-Dominique Raffalli"
        );
        assert_eq!(drop_debris("La Directrice ÿ ÿ ."), "La Directrice");
        assert_eq!(drop_debris("il y a"), "il y a");
        assert_eq!(drop_debris("Annexe B"), "Annexe B");
    }

    #[test]
    fn letters_read_for_digits_inside_numbers_are_digits_again() {
        assert_eq!(fix_numbers("CTG 2O23-2O26"), "CTG 2023-2026");
        assert_eq!(fix_numbers("le 3/O2/2O25"), "le 3/02/2025");
        assert_eq!(fix_numbers("signée en 2O23."), "signée en 2023.");
        assert_eq!(fix_numbers("le l5 mars 2024"), "le 15 mars 2024");
        assert_eq!(fix_numbers("le 3l décembre 2O27,"), "le 31 décembre 2027,");
        // words are words
        assert_eq!(fix_numbers("Il lui a dit"), "Il lui a dit");
        assert_eq!(fix_numbers("code 2B042"), "code 2B042");
    }

    #[test]
    fn ler_before_a_month_is_the_first() {
        assert_eq!(fix_numbers("du ler janvier 2024"), "du 1er janvier 2024");
        assert_eq!(fix_numbers("au Ier juillet"), "au 1er juillet");
        assert_eq!(
            fix_numbers("Mme Durand, lère adjointe"),
            "Mme Durand, 1ère adjointe"
        );
        // not before a month, not a lower-case word: left alone
        assert_eq!(fix_numbers("ler étage"), "ler étage");
        assert_eq!(fix_numbers("Ire Partie"), "Ire Partie");
    }

    #[test]
    fn a_stray_letter_glued_to_a_day_before_its_month_is_dropped() {
        assert_eq!(
            fix_numbers("Fait à Borgo, le s28 juin 2024"),
            "Fait à Borgo, le 28 juin 2024"
        );
        assert_eq!(fix_numbers("le 28a juin"), "le 28 juin");
        assert_eq!(fix_numbers("le28 juin"), "le 28 juin");
        assert_eq!(fix_numbers("le 3février 2025"), "le 3 février 2025");
        assert_eq!(fix_numbers("du 1erjanvier"), "du 1er janvier");
        // not before a month: a code, a reference
        assert_eq!(fix_numbers("article L28 du code"), "article L28 du code");
        assert_eq!(fix_numbers("le 1er mars"), "le 1er mars");
    }

    #[test]
    fn a_name_glued_to_the_next_column_is_split() {
        assert_eq!(fix_numbers("La Flèche16 135"), "La Flèche 16 135");
        assert_eq!(
            fix_numbers("Bazouges-sur-le-Loir1 843"),
            "Bazouges-sur-le-Loir 1 843"
        );
        assert_eq!(fix_numbers("Lucciana5421"), "Lucciana 5421");
        // codes and mixed tokens are not names
        assert_eq!(fix_numbers("2B042 CTG2024 A35"), "2B042 CTG2024 A35");
    }

    #[test]
    fn a_name_cut_in_two_is_joined_when_the_document_writes_it_whole() {
        let document = "représentée par Madame Laetitia Orsini\nLa Directrice Laetitia Or sini";
        assert_eq!(
            join_split_names("La Directrice Laetitia Or sini", document),
            "La Directrice Laetitia Orsini"
        );
        assert_eq!(
            join_split_names("Monsieur Alain FOUR MY,", "FOURMY et FOUR MY,"),
            "Monsieur Alain FOURMY,"
        );
        // "my" is a word of its own there; "Le Mans" is two words
        assert_eq!(join_split_names("Four my", "Fourmy my Four my"), "Four my");
        assert_eq!(join_split_names("au Le Mans", "au Le Mans"), "au Le Mans");
    }

    #[test]
    fn repair_runs_every_step_and_keeps_the_final_line_end() {
        let page = "Fait à La Flèche, le ler juillet 2O24 |\nPour la Caf, Alain Four my\n";
        let document = "Monsieur Alain Fourmy\n";
        assert_eq!(
            repair(page, document),
            "Fait à La Flèche, le 1er juillet 2024\nPour la Caf, Alain Fourmy\n"
        );
    }
}
