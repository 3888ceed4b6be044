//! Calendar dates (`YYYY-MM-DD`), proleptic Gregorian, without time zones.
//!
//! The core never reads the clock: a case without a date is estimated for the date the caller
//! passes (the CLI passes today, from [`Date::from_unix_days`]).

use serde::de::{self, Deserializer};
use std::fmt;

/// A valid calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

impl Date {
    /// A date, if it exists (2025-02-29 does not).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=9999).contains(&year) || !(1..=12).contains(&month) || day == 0 {
            return None;
        }
        (day <= days_in_month(year, month)).then_some(Date { year, month, day })
    }

    /// Parses exactly `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = s.get(r)?;
            part.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| part.parse().ok())
                .flatten()
        };
        Date::new(num(0..4)? as i32, num(5..7)? as u8, num(8..10)? as u8)
    }

    /// The date `days` days after 1970-01-01 (Howard Hinnant's civil-from-days).
    pub fn from_unix_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    pub fn year(self) -> i32 {
        self.year
    }

    /// The day before (0001-01-01 has none and stays itself).
    pub fn pred(self) -> Date {
        match (self.year, self.month, self.day) {
            (1, 1, 1) => self,
            (y, 1, 1) => Date::new(y - 1, 12, 31).unwrap_or(self),
            (y, m, 1) => Date::new(y, m - 1, days_in_month(y, m - 1)).unwrap_or(self),
            (y, m, d) => Date::new(y, m, d - 1).unwrap_or(self),
        }
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

impl Date {
    /// Appends the date as `YYYY-MM-DD` (the same text as `Display`), without the formatting
    /// machinery: a batch writes one per record.
    pub fn push_iso(self, out: &mut Vec<u8>) {
        if (0..=9999).contains(&self.year) {
            let y = self.year as u32;
            out.extend_from_slice(&[
                b'0' + (y / 1000) as u8,
                b'0' + (y / 100 % 10) as u8,
                b'0' + (y / 10 % 10) as u8,
                b'0' + (y % 10) as u8,
                b'-',
                b'0' + self.month / 10,
                b'0' + self.month % 10,
                b'-',
                b'0' + self.day / 10,
                b'0' + self.day % 10,
            ]);
        } else {
            out.extend_from_slice(self.to_string().as_bytes());
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        // TOML dates arrive as a datetime value; its text form is YYYY-MM-DD.
        let v = toml::Value::deserialize(d)?;
        let text = match &v {
            toml::Value::String(s) => s.clone(),
            toml::Value::Datetime(dt) => dt.to_string(),
            other => {
                let shown = match other {
                    toml::Value::Integer(i) => i.to_string(),
                    toml::Value::Float(x) => x.to_string(),
                    toml::Value::Boolean(b) => b.to_string(),
                    _ => "…".to_string(),
                };
                return Err(de::Error::custom(format!(
                    "expected a date, got {} {shown}",
                    other.type_str()
                )));
            }
        };
        Date::parse(&text)
            .ok_or_else(|| de::Error::custom(format!("{text:?} is not a date (YYYY-MM-DD)")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_dates_that_do_not_exist() {
        assert!(Date::parse("2025-02-29").is_none());
        assert!(Date::parse("2024-02-29").is_some());
        assert!(Date::parse("1900-02-29").is_none());
        assert!(Date::parse("2000-02-29").is_some());
        assert!(Date::parse("2025-13-01").is_none());
        assert!(Date::parse("2025-04-31").is_none());
        assert!(Date::parse("2025-4-1").is_none());
        assert!(Date::parse("２０２５-01-01").is_none());
    }

    #[test]
    fn unix_days_round_trip() {
        assert_eq!(Date::from_unix_days(0).to_string(), "1970-01-01");
        assert_eq!(Date::from_unix_days(20_454).to_string(), "2026-01-01");
        assert_eq!(Date::from_unix_days(11_016).to_string(), "2000-02-29");
    }

    #[test]
    fn the_day_before() {
        let pred = |s: &str| Date::parse(s).unwrap().pred().to_string();
        assert_eq!(pred("2021-04-01"), "2021-03-31");
        assert_eq!(pred("2021-01-01"), "2020-12-31");
        assert_eq!(pred("2024-03-01"), "2024-02-29");
        assert_eq!(pred("2023-03-01"), "2023-02-28");
        assert_eq!(pred("2026-11-23"), "2026-11-22");
        assert_eq!(pred("0001-01-01"), "0001-01-01");
    }

    #[test]
    fn orders_chronologically() {
        assert!(Date::parse("2021-03-31") < Date::parse("2021-04-01"));
    }
}
