//! Pattern text -> `Hir`, the syntax tree the regex crate would build from it,
//! built faster.
//!
//! Almost every rule pattern is case-insensitive (`(?i)`), and the regex
//! crate case-folds each character class of such a pattern code point by
//! code point, even a class that folding cannot change. `[^\S\n]` (a space
//! that is not a line break, 480 times in the built-in rules) is folded over
//! its 125,000 non-space code points before being negated: that was two
//! thirds of parsing the rules, and parsing the rules was a third of a
//! start-up.
//!
//! So a bracketed class whose every item is closed under case folding (`\s`,
//! `\S`, `\d`, `\w` and their negations, characters and ranges without case
//! variants such as `\n`, `.` or `0-9`, and classes made of those) is put in a
//! `(?-i:...)` group before translation. Folding a closed set gives the same
//! set, and so does negating it, so the class is the same with or without the
//! flag; a group without a name adds nothing to the tree. The tree is the one
//! `regex_automata::util::syntax::parse` gives, node for node (the tests
//! compare the two on every built-in pattern), and errors read the same.
//!
//! It does not touch a class that folding could change (`[a-z]`, `\p{Lu}`),
//! nor characters outside classes.

use regex_syntax::ast::{self, Ast, ClassSet, ClassSetItem};
use regex_syntax::hir::{self, Hir};

/// Parses `pattern` as `regex_automata::util::syntax::parse` does (the regex
/// crate's default syntax), with the same result; an error is that parse's
/// message.
pub fn parse(pattern: &str) -> Result<Hir, String> {
    let message = |e: regex_syntax::Error| e.to_string();
    let mut ast =
        (ast::parse::ParserBuilder::new().build().parse(pattern)).map_err(|e| message(e.into()))?;
    unfold_closed_classes(&mut ast);
    (hir::translate::TranslatorBuilder::new().build())
        .translate(pattern, &ast)
        .map_err(|e| message(e.into()))
}

/// Puts each bracketed class closed under case folding in a `(?-i:...)` group.
fn unfold_closed_classes(node: &mut Ast) {
    match node {
        Ast::ClassBracketed(class) if is_closed(&class.kind) => {
            let span = class.span;
            let class = std::mem::replace(node, Ast::empty(span));
            *node = Ast::group(ast::Group {
                span,
                kind: ast::GroupKind::NonCapturing(ast::Flags {
                    span,
                    items: vec![
                        ast::FlagsItem {
                            span,
                            kind: ast::FlagsItemKind::Negation,
                        },
                        ast::FlagsItem {
                            span,
                            kind: ast::FlagsItemKind::Flag(ast::Flag::CaseInsensitive),
                        },
                    ],
                }),
                ast: Box::new(class),
            });
        }
        Ast::Repetition(repetition) => unfold_closed_classes(&mut repetition.ast),
        Ast::Group(group) => unfold_closed_classes(&mut group.ast),
        Ast::Alternation(alternation) => {
            alternation.asts.iter_mut().for_each(unfold_closed_classes)
        }
        Ast::Concat(concat) => concat.asts.iter_mut().for_each(unfold_closed_classes),
        _ => {}
    }
}

/// Whether case folding leaves the set unchanged, judged from its items:
/// Perl classes are closed (the regex crate does not fold them either);
/// characters and ranges are closed when none of their code points has a
/// case variant; unions, intersections, differences and negations of closed
/// sets are closed. Anything else (`\p{..}`, `[:alpha:]`) counts as open.
fn is_closed(set: &ClassSet) -> bool {
    match set {
        ClassSet::BinaryOp(op) => is_closed(&op.lhs) && is_closed(&op.rhs),
        ClassSet::Item(item) => is_closed_item(item),
    }
}

fn is_closed_item(item: &ClassSetItem) -> bool {
    match item {
        ClassSetItem::Empty(_) | ClassSetItem::Perl(_) => true,
        ClassSetItem::Literal(literal) => without_case_variants(literal.c, literal.c),
        ClassSetItem::Range(range) => without_case_variants(range.start.c, range.end.c),
        ClassSetItem::Bracketed(inner) => is_closed(&inner.kind),
        ClassSetItem::Union(union) => union.items.iter().all(is_closed_item),
        ClassSetItem::Ascii(_) | ClassSetItem::Unicode(_) => false,
    }
}

/// Whether no code point of `start..=end` has a case variant. Only short
/// ranges are asked (folding reads every code point); a long one counts as
/// having some.
fn without_case_variants(start: char, end: char) -> bool {
    const LONGEST: u32 = 256;
    if start > end || u32::from(end) - u32::from(start) >= LONGEST {
        return false;
    }
    let range = hir::ClassUnicode::new([hir::ClassUnicodeRange::new(start, end)]);
    let mut folded = range.clone();
    folded.try_case_fold_simple().is_ok() && folded == range
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex_automata::util::syntax;

    fn same_as_the_regex_crate(pattern: &str) {
        assert_eq!(
            parse(pattern),
            syntax::parse(pattern).map_err(|e| e.to_string()),
            "{pattern}"
        );
    }

    #[test]
    fn closed_classes_give_the_same_tree() {
        for pattern in [
            r"(?i)a[^\S\n]*b",
            r"(?i)[^\S\n]+",
            r"(?i)[\s\d.,;]+x",
            r"(?i)[^.;!?\n]{0,200}?",
            r"(?i)[^x]",
            r"(?i)[a-z]+[^a-z]",
            r"(?i)[\p{Lu}\-']",
            r"(?i)[[^\S\n]&&[^\t]]",
            r"(?i)[0-9\x{2010}-\x{2015}]",
            r"(?i)(?-u:[^\S\n])",
            r"(?i-u)[^\x00-\x40]",
            r"(?i)[k\x{212a}]",
            r"(?i)[^\s\x{212a}]",
            r"[^\S\n]",
            r"(?i)(?P<a>[^\S\n]|x)[\d]",
            r"(?i)[\W]",
            r"(?i)[^\w\s]",
        ] {
            same_as_the_regex_crate(pattern);
        }
    }

    #[test]
    fn errors_read_the_same() {
        for pattern in [
            r"(?i)[^\S\n",
            r"(?i)[z-a]",
            r"(?i)[^\S\n]{2,1}",
            r"\p{Nope}",
        ] {
            same_as_the_regex_crate(pattern);
        }
    }

    #[test]
    fn every_builtin_pattern_gives_the_regex_crates_tree() {
        let rules = crate::rules::RuleSet::load(None).expect("built-in rules load");
        for rule in rules.rules() {
            for pattern in &rule.regexes {
                same_as_the_regex_crate(pattern.as_str());
            }
        }
    }

    #[test]
    fn only_classes_without_case_variants_are_closed() {
        assert!(without_case_variants('0', '9'));
        assert!(without_case_variants('\n', '\n'));
        assert!(!without_case_variants('a', 'a'));
        assert!(!without_case_variants('\u{212a}', '\u{212a}'));
        assert!(!without_case_variants('\u{0}', '\u{10ffff}'));
    }
}
