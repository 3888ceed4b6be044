//! Exact money: parsing, the one rounding function, and display.
//!
//! Every amount and coefficient in solatium is a [`Decimal`]. Nothing passes through `f64`:
//! JSON numbers arrive as their source text (serde_json's `arbitrary_precision`), TOML numbers
//! must be integers or quoted decimals (a TOML float is rejected by [`exact`]).
//!
//! Rounding happens once, at the end of a calculation: half up (away from zero) to whole yuan,
//! or to whole thousands where a rule says so (state compensation, 法释〔2021〕3号 第十条).
//! `Decimal::round_dp` alone rounds half-to-even; call [`round_yuan`] or [`round_to`] instead.

use rust_decimal::RoundingStrategy;
use serde::de::{self, Deserializer, Visitor};
use std::fmt;

pub use rust_decimal::Decimal;

/// Parses decimal text exactly: `20000`, `0.7`, `-3`, `1e3`, `2.5E-1`.
/// Returns `None` for anything else (including text that does not fit a `Decimal`).
pub fn parse_decimal(text: &str) -> Option<Decimal> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    if let Some((mantissa, exp)) = t.split_once(['e', 'E']) {
        // zeros at the end of the mantissa's fraction add no precision
        let m = if mantissa.contains('.') {
            mantissa.trim_end_matches('0')
        } else {
            mantissa
        };
        let m = m.strip_suffix('.').unwrap_or(m);
        if m.len() + exp.len() > 64 {
            return None;
        }
        return Decimal::from_scientific(&format!("{m}e{exp}")).ok();
    }
    let ok = t
        .char_indices()
        .all(|(i, c)| c.is_ascii_digit() || c == '.' || (i == 0 && (c == '-' || c == '+')));
    if !ok || t.matches('.').count() > 1 || !t.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    // zeros at the end of a fraction add no precision: 1.000…0 (any number of them) is 1
    let t = if t.contains('.') {
        t.trim_end_matches('0')
    } else {
        t
    };
    let t = t.strip_suffix('.').unwrap_or(t);
    if !t.chars().any(|c| c.is_ascii_digit()) || t.len() > 64 {
        // "." alone, or "+."; or too long to be an exact decimal
        return None;
    }
    Decimal::from_str_exact(t.trim_start_matches('+')).ok()
}

/// 10^0 … 10^18, every power of ten an i64 holds: a table rather than `pow`, which loops.
const POW10: [i64; 19] = {
    let mut t = [1_i64; 19];
    let mut i = 1;
    while i < 19 {
        t[i] = t[i - 1] * 10;
        i += 1;
    }
    t
};

/// Half up (away from zero) to whole yuan.
#[inline]
pub fn round_yuan(d: Decimal) -> Decimal {
    match round_yuan_i64(d) {
        // a whole number, scale 0, as `normalize` leaves it (zero without a sign)
        Some(q) => Decimal::from(q),
        None => d
            .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero)
            .normalize(),
    }
}

/// [`round_yuan`] as an `i64`, where the decimal's mantissa fits 64 bits and its scale is at
/// most 18 (every amount a case gives or a rule makes); `None` for the rest. It is rounded on
/// the mantissa itself: the same value as the 96-bit path, without its divisions and
/// normalising (a cross-province case rounds four figures for every province).
#[inline]
pub(crate) fn round_yuan_i64(d: Decimal) -> Option<i64> {
    let scale = d.scale();
    if scale > 18 {
        return None;
    }
    let m = i64::try_from(d.mantissa()).ok()?;
    let unit = POW10[scale as usize];
    let (q, r) = (m / unit, m % unit);
    // half up, away from zero: a remainder of at least half a unit goes up (never past i64's
    // range: a remainder needs a unit of 10 at least, and then |q| is a tenth of |m| or less)
    Some(if r.unsigned_abs() * 2 >= unit.unsigned_abs() {
        q + m.signum()
    } else {
        q
    })
}

/// 10^0 ..= 10^28, as i128: a scale is at most 28.
const POW10_128: [i128; 29] = {
    let mut t = [1i128; 29];
    let mut i = 1;
    while i < 29 {
        t[i] = t[i - 1] * 10;
        i += 1;
    }
    t
};

/// The order of `Decimal::cmp`, with the mantissas compared directly when the scales agree
/// (at one scale the value is the mantissa over the same power of ten): the figures a
/// cross-province reference compares come from the same band arithmetic, mostly at one scale.
#[inline]
pub(crate) fn cmp_decimal(a: &Decimal, b: &Decimal) -> std::cmp::Ordering {
    if a.scale() == b.scale() {
        a.mantissa().cmp(&b.mantissa())
    } else {
        a.cmp(b)
    }
}

/// [`cmp_decimal`] for two decimals at different scales as often as not (the model's score,
/// at four decimals, against 0 and 1): the mantissa with fewer decimals is brought to the other's
/// scale first, when that fits an i128 (else `Decimal::cmp`). Exact either way.
#[inline]
pub(crate) fn cmp_decimal_scaled(a: &Decimal, b: &Decimal) -> std::cmp::Ordering {
    let (sa, sb) = (a.scale(), b.scale());
    let (ma, mb) = (a.mantissa(), b.mantissa());
    if sa == sb {
        return ma.cmp(&mb);
    }
    let scaled = if sa < sb {
        ma.checked_mul(POW10_128[(sb - sa) as usize])
            .map(|x| x.cmp(&mb))
    } else {
        mb.checked_mul(POW10_128[(sa - sb) as usize])
            .map(|x| ma.cmp(&x))
    };
    scaled.unwrap_or_else(|| a.cmp(b))
}

/// `a.max(b)`, compared as [`cmp_decimal_scaled`] compares: `Decimal`'s own `max`, which gives
/// `a` back when the two are equal, whatever their scales (not `Ord::max`, which gives `b`).
#[inline]
pub(crate) fn max_decimal(a: Decimal, b: Decimal) -> Decimal {
    if cmp_decimal_scaled(&a, &b) == std::cmp::Ordering::Less {
        b
    } else {
        a
    }
}

/// `a.min(b)`, compared as [`cmp_decimal_scaled`] compares: `Decimal`'s own `min`, which gives
/// `a` back when the two are equal, whatever their scales.
#[inline]
pub(crate) fn min_decimal(a: Decimal, b: Decimal) -> Decimal {
    if cmp_decimal_scaled(&a, &b) == std::cmp::Ordering::Greater {
        b
    } else {
        a
    }
}

/// `d.round_dp(dp)` (half to even), the very decimal it gives, worked out on the mantissa where
/// that fits 64 bits and the rounded value is not zero; `round_dp` itself otherwise (which divides
/// the 96-bit mantissa in pieces). The model's step rounds three figures this way for every band
/// it places.
#[inline]
pub(crate) fn round_dp_even(d: Decimal, dp: u32) -> Decimal {
    let scale = d.scale();
    if scale <= dp {
        // (as round_dp: a figure with no more places than asked is itself)
        return d;
    }
    let k = (scale - dp) as usize;
    if k < POW10.len() {
        if let Ok(m) = i64::try_from(d.mantissa()) {
            let unit = POW10[k];
            let (q, r) = (m / unit, m % unit);
            // more than half a unit goes away from zero, exactly half to the even neighbour
            let (twice, unit) = (r.unsigned_abs() * 2, unit.unsigned_abs());
            let q = if twice > unit || (twice == unit && q % 2 != 0) {
                q + m.signum()
            } else {
                q
            };
            if q != 0 {
                return Decimal::new(q, dp);
            }
        }
    }
    d.round_dp(dp)
}

/// How an amount is brought to a multiple of a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// to the nearest multiple, half up
    Nearest,
    /// to the multiple at or below (a cap stays a cap)
    Down,
    /// to the multiple at or above (a floor stays a floor)
    Up,
}

/// Whole yuan in the given direction: half up, or down for a cap (43209.95 → 43209: the largest
/// whole amount a cap of 43209.95 permits), or up for a floor.
pub fn whole_yuan(d: Decimal, dir: Direction) -> Decimal {
    match dir {
        Direction::Nearest => round_yuan(d),
        Direction::Down => d.floor().normalize(),
        Direction::Up => d.ceil().normalize(),
    }
}

/// Rounds to a multiple of `unit` (e.g. 1000) in the given direction.
pub fn round_to(d: Decimal, unit: Decimal, dir: Direction) -> Decimal {
    if unit <= Decimal::ZERO {
        return round_yuan(d);
    }
    let q = d / unit;
    let q = match dir {
        Direction::Nearest => q.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero),
        Direction::Down => q.floor(),
        Direction::Up => q.ceil(),
    };
    (q * unit).normalize()
}

/// `¥20,000`; decimals are kept if present (`¥1,234.5`).
pub fn format_yuan(d: Decimal) -> String {
    format!("¥{}", group(d))
}

/// `20,000` — digits grouped by thousands.
pub fn group(d: Decimal) -> String {
    let s = d.normalize().to_string();
    let (sign, s) = s.strip_prefix('-').map_or(("", s.as_str()), |r| ("-", r));
    let (int, frac) = s.split_once('.').map_or((s, None), |(a, b)| (a, Some(b)));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{out}.{f}"),
        None => format!("{sign}{out}"),
    }
}

/// Plain text of a decimal without trailing zeros: `0.4`, `100000`.
pub fn plain(d: Decimal) -> String {
    let mut s = String::with_capacity(16);
    push_plain(&mut s, d);
    s
}

/// Appends [`plain`] text to `out`. The same digits as `d.normalize().to_string()` (zero is
/// always `0`), written from the mantissa without the formatting machinery: a batch formats
/// several numbers per case and `Decimal`'s `Display` was a tenth of its time.
pub fn push_plain(out: &mut String, d: Decimal) {
    write_plain(d, |s| out.push_str(s));
}

/// [`push_plain`] into a byte buffer (the JSON writer's): the text is copied as it is.
pub fn push_plain_bytes(out: &mut Vec<u8>, d: Decimal) {
    write_plain(d, |s| out.extend_from_slice(s.as_bytes()));
}

/// Zeros between the point and the first digit of a small fraction (0.00x): a mantissa has at
/// most 29 digits and a scale of at most 28, so 28 of them always suffice.
const ZEROS: &str = "0000000000000000000000000000";

/// The text of [`plain`], handed to `put` in a few `&str` pieces. The mantissa's digits come
/// from `itoa` as a `&str` (u64 arithmetic when the mantissa fits, as every amount does), so
/// nothing is checked for UTF-8 again; the trailing zeros after the point are dropped from that
/// text rather than by `normalize`, which divides the 96-bit mantissa by ten once per zero.
#[inline]
fn write_plain(d: Decimal, mut put: impl FnMut(&str)) {
    let m = d.mantissa();
    if m == 0 {
        // zero, whatever its sign or scale, is `0`
        put("0");
        return;
    }
    if m < 0 {
        put("-");
    }
    let mut buf = itoa::Buffer::new();
    let digits = match u64::try_from(m.unsigned_abs()) {
        Ok(v) => buf.format(v),
        Err(_) => buf.format(m.unsigned_abs()),
    };
    let mut scale = d.scale() as usize;
    if scale == 0 {
        put(digits);
        return;
    }
    let bytes = digits.as_bytes();
    let mut end = bytes.len();
    // the leading digit is not zero, so this stops inside the text
    while scale > 0 && bytes[end - 1] == b'0' {
        end -= 1;
        scale -= 1;
    }
    if scale == 0 {
        put(&digits[..end]);
    } else if scale >= end {
        put("0.");
        put(&ZEROS[..scale - end]);
        put(&digits[..end]);
    } else {
        let point = end - scale;
        put(&digits[..point]);
        put(".");
        put(&digits[point..end]);
    }
}

/// Serde helper for rule files: a decimal written as a TOML integer or a quoted string.
/// A TOML float (`0.4` unquoted) is refused, because the TOML parser has already turned it
/// into an `f64` and its exact value is lost.
pub fn exact<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    d.deserialize_any(ExactVisitor)
}

/// [`exact`] for optional fields.
pub fn exact_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
    exact(d).map(Some)
}

/// [`exact`] for lists.
pub fn exact_vec<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Decimal>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Vec<Decimal>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a list of integers or quoted decimals")
        }
        fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(x) = seq.next_element::<ExactDecimal>()? {
                out.push(x.0);
            }
            Ok(out)
        }
    }
    d.deserialize_seq(V)
}

/// A decimal deserialised by [`exact`]; usable as a map value or list element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExactDecimal(pub Decimal);

impl<'de> serde::Deserialize<'de> for ExactDecimal {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        exact(d).map(ExactDecimal)
    }
}

struct ExactVisitor;

impl Visitor<'_> for ExactVisitor {
    type Value = Decimal;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an integer or a quoted decimal such as \"0.4\"")
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
        Err(E::custom(format!(
            "unquoted decimal {v} would pass through a binary float; write it as a string, e.g. \"{v}\""
        )))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
        parse_decimal(v).ok_or_else(|| E::custom(format!("{v:?} is not a decimal number")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        parse_decimal(s).unwrap()
    }

    /// `round_dp_even` gives `round_dp`'s very decimal (value, scale and sign), on the edges by
    /// hand: halves to the even neighbour either way, a value that rounds to zero, a negative one,
    /// a mantissa past 64 bits, a figure with fewer places than asked.
    #[test]
    fn rounding_to_places_on_the_mantissa_is_round_dp() {
        let cases = [
            ("28967.5", 2, "28967.5"),
            ("28967.505", 2, "28967.50"),
            ("28967.515", 2, "28967.52"),
            ("28967.5051", 2, "28967.51"),
            ("0.004", 2, "0.00"),
            ("0.005", 2, "0.00"),
            ("0.015", 2, "0.02"),
            ("-2.345", 2, "-2.34"),
            ("-2.355", 2, "-2.36"),
            ("-0.001", 2, "0.00"),
            ("1.5", 0, "2"),
            ("2.5", 0, "2"),
            ("123456789012345678901.2345", 2, "123456789012345678901.23"),
            ("0.1234567890123456789012345678", 4, "0.1235"),
        ];
        for (x, dp, want) in cases {
            let x = d(x);
            let (got, lib) = (round_dp_even(x, dp), x.round_dp(dp));
            assert_eq!(got.serialize(), lib.serialize(), "{x} to {dp}");
            assert_eq!(got, d(want), "{x} to {dp}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 20_000, .. Default::default() })]
        /// On any decimal, mantissas of up to 96 bits (most of them small, as amounts are) at any
        /// scale, either sign, to any number of places.
        #[test]
        fn rounding_to_places_on_the_mantissa_is_round_dp_everywhere(
            m in proptest::prop_oneof![-1_000_000i128..1_000_000, -(1i128 << 70)..(1i128 << 70), -((1i128 << 96) - 1)..(1i128 << 96)],
            scale in 0u32..=28,
            dp in 0u32..=28,
        ) {
            let x = Decimal::from_i128_with_scale(m, scale);
            proptest::prop_assert_eq!(round_dp_even(x, dp).serialize(), x.round_dp(dp).serialize());
        }
    }

    #[test]
    fn cmp_decimal_orders_as_decimal_cmp() {
        // signs, zeros of any scale, equal values at different scales, and mantissas too large
        // to be brought to another scale
        let mut v: Vec<Decimal> = [
            "0",
            "0.00",
            "-0.0",
            "1",
            "1.0000",
            "0.9999",
            "-1",
            "-1.00",
            "0.5",
            "0.50001",
            "123456.789",
            "123456.7890",
            "-123456.78",
            "43209.95",
            "43209",
            "43210",
        ]
        .iter()
        .map(|s| d(s))
        .collect();
        v.push(Decimal::MAX);
        v.push(Decimal::MIN);
        v.push(Decimal::from_i128_with_scale(
            79_228_162_514_264_337_593_543_950_335,
            28,
        ));
        v.push(Decimal::from_i128_with_scale(
            -79_228_162_514_264_337_593_543_950_335,
            1,
        ));
        for a in &v {
            for b in &v {
                assert_eq!(cmp_decimal(a, b), a.cmp(b), "{a} {b}");
                assert_eq!(cmp_decimal_scaled(a, b), a.cmp(b), "{a} {b}");
            }
        }
    }

    #[test]
    fn parses_exactly() {
        assert_eq!(d("0.7").to_string(), "0.7");
        assert_eq!(d("1e3"), Decimal::from(1000));
        assert_eq!(d("+5"), Decimal::from(5));
        assert!(parse_decimal("2万").is_none());
        assert!(parse_decimal("1e400").is_none());
        assert!(parse_decimal("NaN").is_none());
        assert!(parse_decimal("1.2.3").is_none());
        assert!(parse_decimal("").is_none());
    }

    #[test]
    fn plain_text_matches_the_decimal_display() {
        for t in [
            "0",
            "1",
            "-1",
            "0.4",
            "100000",
            "0.0025",
            "-0.05",
            "28967.5",
            "1.000",
            "12.340",
            "79228162514264337593543950335",
            "-7.9228162514264337593543950335",
            "0.0000000000000000000000000001",
            "18446744073709551616",
            "18446744073709551615",
            "120.500",
            "100.0100",
            "-0.000",
            "-12.0",
            "3000.00",
        ] {
            let x = d(t);
            assert_eq!(plain(x), x.normalize().to_string(), "{t}");
            let mut bytes = Vec::new();
            push_plain_bytes(&mut bytes, x);
            assert_eq!(bytes, x.normalize().to_string().into_bytes(), "{t}");
        }
    }

    /// Trailing zeros after the point (which `parse_decimal` drops, and arithmetic keeps) and
    /// leading zeros of a small fraction, for every scale.
    #[test]
    fn plain_text_drops_zeros_as_normalize_does() {
        for m in [
            1_i64,
            5,
            10,
            100,
            120,
            1200,
            120500,
            1000000,
            999_999_999_999_999_999,
        ] {
            for scale in 0..=28 {
                for x in [Decimal::new(m, scale), -Decimal::new(m, scale)] {
                    assert_eq!(plain(x), x.normalize().to_string(), "{m} {scale}");
                }
            }
        }
        let big = Decimal::from_i128_with_scale(79_228_162_514_264_337_593_543_950_000, 0);
        for scale in 0..=28 {
            let mut x = big;
            x.set_scale(scale).unwrap();
            assert_eq!(plain(x), x.normalize().to_string(), "{scale}");
        }
    }

    #[test]
    fn rounds_half_up_not_half_even() {
        // 0.5 and 2.5 go up; half-to-even would give 0 and 2.
        assert_eq!(round_yuan(d("0.5")), Decimal::from(1));
        assert_eq!(round_yuan(d("2.5")), Decimal::from(3));
        assert_eq!(round_yuan(d("2.49")), Decimal::from(2));
    }

    /// The 64-bit path of round_yuan gives the value and the scale the 96-bit one gives.
    #[test]
    fn rounds_yuan_as_the_decimal_library_does() {
        let slow = |x: Decimal| {
            x.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero)
                .normalize()
        };
        let mantissas = [
            0_i64,
            1,
            4,
            5,
            6,
            9,
            10,
            15,
            25,
            49,
            50,
            51,
            99,
            149,
            150,
            151,
            4999,
            5000,
            5001,
            12345,
            207500000,
            444425000,
            999_999_999_999_999_999,
            i64::MAX,
        ];
        for m in mantissas {
            for scale in 0..=28 {
                for x in [Decimal::new(m, scale), -Decimal::new(m, scale)] {
                    let (a, b) = (round_yuan(x), slow(x));
                    assert_eq!(
                        (a, a.scale(), a.is_sign_negative()),
                        (b, b.scale(), b.is_sign_negative()),
                        "{x}"
                    );
                }
            }
        }
        for t in [
            "79228162514264337593543950335",
            "-7.9228162514264337593543950335",
            "18446744073709551616.5",
        ] {
            assert_eq!(round_yuan(d(t)), slow(d(t)), "{t}");
        }
    }

    #[test]
    fn whole_yuan_keeps_a_cap_a_cap_and_a_floor_a_floor() {
        // 123457 × 35% = 43209.95: half up would be 43210, above the cap
        assert_eq!(whole_yuan(d("43209.95"), Direction::Down), d("43209"));
        assert_eq!(whole_yuan(d("43209.95"), Direction::Nearest), d("43210"));
        assert_eq!(whole_yuan(d("1000.01"), Direction::Up), d("1001"));
        for x in ["43209", "43209.00", "0", "0.00"] {
            for dir in [Direction::Down, Direction::Up, Direction::Nearest] {
                let r = whole_yuan(d(x), dir);
                assert_eq!((r, r.scale()), (d(x).normalize(), 0), "{x} {dir:?}");
            }
        }
    }

    #[test]
    fn rounds_to_thousands() {
        let k = Decimal::from(1000);
        assert_eq!(round_to(d("150500"), k, Direction::Nearest), d("151000"));
        assert_eq!(round_to(d("150500"), k, Direction::Down), d("150000"));
        assert_eq!(round_to(d("150001"), k, Direction::Up), d("151000"));
    }

    #[test]
    fn formats_grouped() {
        assert_eq!(format_yuan(d("20000")), "¥20,000");
        assert_eq!(format_yuan(d("1200000")), "¥1,200,000");
        assert_eq!(format_yuan(d("500")), "¥500");
        assert_eq!(group(d("-1234.50")), "-1,234.5");
    }
}
