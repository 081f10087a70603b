//! What one document says about one signing: an [`Account`].
//!
//! Most documents are about one signing, and their record is the account of
//! it. A document that reports several signings (a CAF's round-up of the
//! conventions signed in a year) has one entry per signing in
//! `record.signings`, and each entry is an account of its own: the round-up
//! "La Caf a signé dix CTG en 2023" gives ten accounts, each grouped with
//! the other documents of the same signing as a whole record would be.
//!
//! In: records. Out: accounts, which read their fields from the record or
//! from the record's signing. Does not: decide which accounts are one
//! convention (`same.rs`) or build conventions (`build.rs`).

use ctg_core::record::{
    Axis, Caf, Duration, Period, Record, Signatory, SigningDate, StatusValue, Territory,
};

/// One document's account of one signing.
#[derive(Debug, Clone, Copy)]
pub struct Account<'a> {
    /// The document's record.
    pub record: &'a Record,
    /// For a round-up, which of its signings (1-based position in
    /// `record.signings`); None for a record about one signing.
    pub signing: Option<usize>,
}

impl<'a> Account<'a> {
    /// The accounts a record gives: itself, or one per entry of its
    /// `signings` when it reports several.
    pub fn of(record: &'a Record) -> Vec<Account<'a>> {
        if record.signings.is_empty() {
            vec![Account {
                record,
                signing: None,
            }]
        } else {
            (1..=record.signings.len())
                .map(|n| Account {
                    record,
                    signing: Some(n),
                })
                .collect()
        }
    }

    /// The account of `record` (its signing `signing`, when given), if the
    /// record has that signing.
    pub fn get(record: &'a Record, signing: Option<usize>) -> Option<Account<'a>> {
        match signing {
            Some(n) if n == 0 || n > record.signings.len() => None,
            _ => Some(Account { record, signing }),
        }
    }

    /// Its key, unique among accounts and sorted as they are: the record id,
    /// then `.N` for its N-th signing (`3f9a…`, `3f9a….2`).
    pub fn key(&self) -> String {
        match self.signing {
            None => self.record.id.0.clone(),
            Some(n) => format!("{}.{n}", self.record.id.0),
        }
    }

    fn entry(&self) -> Option<&'a ctg_core::record::Signing> {
        self.signing.map(|n| &self.record.signings[n - 1])
    }

    /// Its signing date.
    pub fn signing_date(&self) -> Option<&'a SigningDate> {
        match self.entry() {
            Some(s) => s.signing_date.as_ref(),
            None => self.record.signing_date.as_ref(),
        }
    }

    /// Its period.
    pub fn period(&self) -> Option<&'a Period> {
        match self.entry() {
            Some(s) => s.period.as_ref(),
            None => self.record.period.as_ref(),
        }
    }

    /// Its stated duration.
    pub fn duration(&self) -> Option<&'a Duration> {
        match self.entry() {
            Some(s) => s.duration.as_ref(),
            None => self.record.duration.as_ref(),
        }
    }

    /// Its CAFs.
    pub fn caf(&self) -> &'a [Caf] {
        match self.entry() {
            Some(s) => &s.caf,
            None => &self.record.caf,
        }
    }

    /// Its other parties.
    pub fn territories(&self) -> &'a [Territory] {
        match self.entry() {
            Some(s) => &s.territories,
            None => &self.record.territories,
        }
    }

    /// The people who sign.
    pub fn signatories(&self) -> &'a [Signatory] {
        match self.entry() {
            Some(s) => &s.signatories,
            None => &self.record.signatories,
        }
    }

    /// Its thematic axes. A round-up's axes are the page's, not any one
    /// signing's ("les conventions signées cette année portent sur ..."
    /// says nothing of which one covers what), so a signing of a round-up
    /// has none of its own.
    pub fn axes(&self) -> &'a [Axis] {
        match self.entry() {
            Some(_) => &[],
            None => &self.record.axes,
        }
    }

    /// Where the convention stands, as the document reports it (a round-up
    /// reports the same stage for each of its signings).
    pub fn status(&self) -> Option<StatusValue> {
        self.record.status.as_ref().map(|s| s.value)
    }
}
