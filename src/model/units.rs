//! Units: CPU units (1024 = 1 vCPU) and MiB (1 GiB = 1024 MiB), as integers, and the parsers that let
//! people type sizes the way they think of them ("0.25 vCPU", "512", "0.5 GB").

use std::fmt;

/// CPU units per vCPU, as ECS counts them.
pub const UNITS_PER_VCPU: u64 = 1024;
/// MiB per GiB. ECS memory is in MiB; EC2 and the article say "GB" and mean GiB.
pub const MIB_PER_GIB: u64 = 1024;

/// An amount of CPU in ECS CPU units (1024 = 1 vCPU).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CpuUnits(pub u64);

/// An amount of memory in MiB.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MemMib(pub u64);

impl CpuUnits {
    /// From whole vCPUs.
    pub fn from_vcpu(vcpu: u64) -> Self {
        CpuUnits(vcpu * UNITS_PER_VCPU)
    }
    /// The raw number of units.
    pub fn get(self) -> u64 {
        self.0
    }
}

impl MemMib {
    /// From whole GiB.
    pub fn from_gib(gib: u64) -> Self {
        MemMib(gib * MIB_PER_GIB)
    }
    /// The raw number of MiB.
    pub fn get(self) -> u64 {
        self.0
    }
}

impl fmt::Display for CpuUnits {
    /// "256 units (0.25 vCPU)"
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} units ({} vCPU)",
            self.0,
            trim_float(self.0 as f64 / 1024.0)
        )
    }
}

impl fmt::Display for MemMib {
    /// "512 MiB" or "4096 MiB (4 GiB)" when a whole or simple number of GiB.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 >= 1024 {
            write!(
                f,
                "{} MiB ({} GiB)",
                self.0,
                trim_float(self.0 as f64 / 1024.0)
            )
        } else {
            write!(f, "{} MiB", self.0)
        }
    }
}

/// A float with at most 3 decimals and no trailing zeros: 0.25, 1.5, 3.68. Integer arithmetic only,
/// so the wasm carries no float-formatting code of its own (serde_json's printer serves [`exact`]).
pub fn trim_float(x: f64) -> String {
    let scaled = (x * 1000.0).round();
    if !scaled.is_finite() || scaled.abs() >= 9.0e15 {
        return exact(x);
    }
    let v = scaled.abs() as u64;
    let (int, frac) = (v / 1000, v % 1000);
    let mut out = String::new();
    if scaled < 0.0 && v != 0 {
        out.push('-');
    }
    out.push_str(&int.to_string());
    if frac != 0 {
        let digits = (frac + 1000).to_string();
        out.push('.');
        out.push_str(digits[1..].trim_end_matches('0'));
    }
    out
}

/// US dollars with thousands separators: 2 decimals from 1 dollar up ("$1,234.56"), 4 below
/// ("$0.0336"), so hourly prices keep their digits. Integer arithmetic, as [`trim_float`].
pub fn usd(x: f64) -> String {
    let places: u32 = if x.abs() >= 1.0 { 2 } else { 4 };
    let scale = 10u64.pow(places);
    let scaled = (x * scale as f64).round();
    if !scaled.is_finite() || scaled.abs() >= 9.0e15 {
        return format!("${}", exact(x));
    }
    let v = scaled.abs() as u64;
    let sign = if scaled < 0.0 && v != 0 { "-" } else { "" };
    let frac = (v % scale + scale).to_string();
    format!(
        "{sign}${}.{}",
        thousands(v / scale),
        frac.get(1..).unwrap_or("")
    )
}

/// The exact value, shortest form that reads back the same ("133.33333333333334", "200", "0.0336"):
/// for `data-value` attributes and prices. Not finite: "null".
pub fn exact(x: f64) -> String {
    if !x.is_finite() {
        return "null".into();
    }
    // serde_json's shortest text that reads back as the same number (core's float Display would
    // add its own formatting code to the wasm), with its exponent written out ("1e-6" becomes
    // "0.000001"), so a field or a link holding it reads it back exactly.
    let t = serde_json::to_string(&x).unwrap_or_else(|_| "null".into());
    let t = match t.split_once(['e', 'E']) {
        Some((m, e)) => expand_exponent(m, e.parse().unwrap_or(0)),
        None => t.strip_suffix(".0").map(str::to_string).unwrap_or(t),
    };
    if t == "-0" {
        "0".into()
    } else {
        t
    }
}

/// "1.5" x 10^e as plain digits: ("1.5", -7) gives "0.00000015", ("1", 21) gives
/// "1000000000000000000000".
fn expand_exponent(mantissa: &str, e: i32) -> String {
    let (sign, m) = match mantissa.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", mantissa),
    };
    let (int, frac) = m.split_once('.').unwrap_or((m, ""));
    let digits: String = format!("{int}{frac}");
    // The decimal point sits after `point` digits.
    let point = int.len() as i64 + i64::from(e);
    let n = digits.len() as i64;
    let body = if point <= 0 {
        format!("0.{}{digits}", "0".repeat((-point) as usize))
    } else if point >= n {
        format!("{digits}{}", "0".repeat((point - n) as usize))
    } else {
        let (a, b) = digits.split_at(point as usize);
        format!("{a}.{b}")
    };
    let body = body.trim_start_matches('0');
    let body = if body.is_empty() || body.starts_with('.') {
        format!("0{body}")
    } else {
        body.to_string()
    };
    let body = if body.contains('.') {
        body.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        body
    };
    format!("{sign}{body}")
}

/// Parses a plain decimal ("0.25", ".5", "3.", "1e3") with serde_json's number parser, which the wasm
/// carries anyway (core's own float parser would add its code again).
pub fn parse_decimal(text: &str) -> Option<f64> {
    let t = text.trim();
    let t = t.strip_suffix('.').unwrap_or(t);
    if t.is_empty() || t.starts_with(['+', '-']) {
        return None;
    }
    // JSON forbids leading zeros ("05") and a bare leading point (".5"); people write both.
    let digits = t.trim_start_matches('0');
    let mut json = String::with_capacity(t.len() + 1);
    if digits.is_empty() || digits.starts_with('.') {
        json.push('0');
    }
    json.push_str(digits);
    // Through Value (already linked): deserialising f64 directly links serde's float-printing error path.
    serde_json::from_str::<serde_json::Value>(&json)
        .ok()?
        .as_f64()
}

/// Splits "0.25 vCPU" into (0.25, "vcpu"): the number and the lower-cased unit with spaces removed.
fn split_number(text: &str) -> Result<(f64, String), String> {
    let t = text.trim();
    if t.is_empty() {
        return Err("enter a number".into());
    }
    if t.starts_with('-') {
        return Err("must not be negative".into());
    }
    let end = t
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || c == '.' || c == '_' || c == ','))
        .map_or(t.len(), |(i, _)| i);
    let (num, unit) = t.split_at(end);
    // Thousands separators are allowed ("1,000", "10,000.5"); a comma as decimal separator is not
    // ("0,25" or "1,5" would read as 25 or 15): each comma must be followed by exactly three digits,
    // before the decimal point.
    let whole = num.split('.').next().unwrap_or("");
    if num.contains(',') {
        let groups: Vec<&str> = whole.split(',').collect();
        let well_grouped = groups
            .first()
            .is_some_and(|g| !g.is_empty() && g.len() <= 3)
            && groups
                .iter()
                .skip(1)
                .all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_digit()))
            && !num.split('.').skip(1).any(|frac| frac.contains(','));
        if !well_grouped {
            return Err(format!(
                "\"{num}\": a comma separates thousands (1,000); write decimals with a point (0.25)"
            ));
        }
    }
    let cleaned: String = num.chars().filter(|&c| c != '_' && c != ',').collect();
    if cleaned.is_empty() {
        return Err(format!("\"{t}\" is not a number"));
    }
    let value = parse_decimal(&cleaned).ok_or_else(|| format!("\"{num}\" is not a number"))?;
    if !value.is_finite() {
        return Err(format!("\"{num}\" is not a finite number"));
    }
    Ok((value, unit.trim().to_ascii_lowercase().replace(' ', "")))
}

/// Parses a CPU size. A bare whole number is CPU units ("256"); a number with a decimal point, or
/// with a "vCPU" unit, is vCPU ("0.25", "0.25 vCPU", "2 vcpu"); "units"/"u" forces units.
/// vCPU values are rounded to the nearest whole CPU unit (ECS takes integers).
pub fn parse_cpu(text: &str) -> Result<CpuUnits, String> {
    let (value, unit) = split_number(text)?;
    let has_point = text.contains('.');
    let units = match unit.as_str() {
        "" if has_point => value * 1024.0,
        "" | "u" | "unit" | "units" | "cpu" | "cpuunits" => value,
        "v" | "vcpu" | "vcpus" | "core" | "cores" => value * 1024.0,
        other => {
            return Err(format!(
                "unknown CPU unit \"{other}\": use CPU units (256) or vCPU (0.25 vCPU)"
            ))
        }
    };
    if units.fract() != 0.0 && unit.is_empty() && !has_point {
        return Err("CPU units are whole numbers".into());
    }
    Ok(CpuUnits(units.round() as u64))
}

/// Parses a memory size. A bare whole number is MiB ("512"); a number with a decimal point is GiB
/// ("0.5"); units MiB/MB/M and GiB/GB/G are accepted. "GB" is read as GiB, as ECS and EC2 use it.
/// Values are rounded to the nearest MiB.
pub fn parse_mem(text: &str) -> Result<MemMib, String> {
    let (value, unit) = split_number(text)?;
    let has_point = text.contains('.');
    let mib = match unit.as_str() {
        "" if has_point => value * 1024.0,
        "" | "m" | "mb" | "mib" => value,
        "g" | "gb" | "gib" => value * 1024.0,
        "t" | "tb" | "tib" => value * 1024.0 * 1024.0,
        other => {
            return Err(format!(
                "unknown memory unit \"{other}\": use MiB (512) or GiB (0.5 GB)"
            ))
        }
    };
    Ok(MemMib(mib.round() as u64))
}

/// How a CPU text reads, for the hint beside its field: "= 256 units (0.25 vCPU)". A bare whole
/// number from 1 to 64 reads as CPU units, as ECS takes it, but is far more likely meant as vCPU
/// ("2" for 2 vCPU is 2 units, 1/512 of that): the hint says how to write that.
pub fn cpu_reading(text: &str) -> Option<String> {
    let c = parse_cpu(text).ok()?;
    let t = text.trim();
    let bare = !t.is_empty() && t.chars().all(|ch| ch.is_ascii_digit());
    Some(if bare && (1..=64).contains(&c.0) {
        format!(
            "= {c}; for {n} vCPU write \"{n} vCPU\" or {}",
            c.0 * 1024,
            n = c.0
        )
    } else {
        format!("= {c}")
    })
}

/// Parses a plain count or number field ("100", "1,000"): no unit allowed.
pub fn parse_number(text: &str) -> Result<f64, String> {
    let (value, unit) = split_number(text)?;
    if !unit.is_empty() {
        return Err(format!("\"{}\" is not a plain number", text.trim()));
    }
    Ok(value)
}

/// Percent with one decimal, for explanations.
pub fn pct(x: f64) -> String {
    trim_float((x * 10.0).round() / 10.0)
}

/// 1000000 -> "1,000,000".
pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `n` with its noun, singular for 1: "1 instance", "2 instances", "1,000 tasks".
pub fn count(n: u64, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{} {noun}s", thousands(n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One instance, two instances: counts read as English.
    #[test]
    fn counts_take_the_singular_for_one() {
        assert_eq!(count(1, "instance"), "1 instance");
        assert_eq!(count(0, "instance"), "0 instances");
        assert_eq!(count(1200, "task"), "1,200 tasks");
    }

    /// Dollars keep cents from $1 up and four decimals below.
    #[test]
    fn usd_format() {
        assert_eq!(usd(367.92), "$367.92");
        assert_eq!(usd(1234567.891), "$1,234,567.89");
        assert_eq!(usd(0.0336), "$0.0336");
        assert_eq!(usd(0.5), "$0.5000");
        assert_eq!(usd(2.0), "$2.00");
        assert_eq!(usd(-0.25), "-$0.2500");
        assert_eq!(usd(0.0), "$0.0000");
    }

    /// A bare whole number is CPU units; a decimal or a vCPU suffix is vCPU.
    #[test]
    fn cpu_is_parsed_as_units_or_vcpu() {
        assert_eq!(parse_cpu("256"), Ok(CpuUnits(256)));
        assert_eq!(parse_cpu("0.25"), Ok(CpuUnits(256)));
        assert_eq!(parse_cpu("0.25 vCPU"), Ok(CpuUnits(256)));
        assert_eq!(parse_cpu("2vcpu"), Ok(CpuUnits(2048)));
        assert_eq!(parse_cpu(" 512 units "), Ok(CpuUnits(512)));
        assert_eq!(parse_cpu("1,024"), Ok(CpuUnits(1024)));
        assert!(parse_cpu("abc").is_err());
        assert!(parse_cpu("2 GHz").is_err());
        assert!(parse_cpu("").is_err());
    }

    /// A bare whole number is MiB; a decimal or a G suffix is GiB.
    #[test]
    fn memory_is_parsed_as_mib_or_gib() {
        assert_eq!(parse_mem("512"), Ok(MemMib(512)));
        assert_eq!(parse_mem("0.5"), Ok(MemMib(512)));
        assert_eq!(parse_mem("0.5 GB"), Ok(MemMib(512)));
        assert_eq!(parse_mem("1 GiB"), Ok(MemMib(1024)));
        assert_eq!(parse_mem("300 MiB"), Ok(MemMib(300)));
        assert!(parse_mem("1e999").is_err());
        assert!(parse_mem("5 parsecs").is_err());
    }

    /// exact() writes every finite number as plain digits that parse back to the same number
    /// (a price of 0.000001 was "1e-6", which a field and a link refused).
    #[test]
    fn exact_round_trips_without_exponents() {
        let mut rng = super::super::packing::SplitMix64::new(5);
        for x in [
            0.000001,
            1e-9,
            0.0336,
            1.0,
            123456789.0,
            9.5e15,
            1e21,
            2.5e-300,
            0.1 + 0.2,
        ] {
            let t = exact(x);
            assert!(!t.contains('e'), "{x}: {t}");
            assert_eq!(parse_number(&t), Ok(x), "{x}: {t}");
        }
        for _ in 0..10_000 {
            let x = f64::from_bits(rng.next_u64() >> 2).abs();
            if x.is_finite() && x < 1e30 {
                assert_eq!(parse_number(&exact(x)), Ok(x), "{x}");
            }
        }
        assert_eq!(exact(-0.0), "0");
        assert_eq!(exact(f64::NAN), "null");
    }

    /// A small bare number reads as units, and the hint says how to write vCPU.
    #[test]
    fn small_bare_cpu_suggests_vcpu() {
        assert_eq!(
            cpu_reading("2").as_deref(),
            Some("= 2 units (0.002 vCPU); for 2 vCPU write \"2 vCPU\" or 2048")
        );
        assert_eq!(
            cpu_reading("256").as_deref(),
            Some("= 256 units (0.25 vCPU)")
        );
        assert_eq!(
            cpu_reading("2 vCPU").as_deref(),
            Some("= 2048 units (2 vCPU)")
        );
        assert_eq!(cpu_reading("0"), Some("= 0 units (0 vCPU)".to_string()));
        assert_eq!(cpu_reading("x"), None);
    }

    /// Plain numbers reject units and accept thousands separators.
    #[test]
    fn plain_numbers_reject_units() {
        assert_eq!(parse_number("1,000"), Ok(1000.0));
        assert_eq!(parse_number("1,000,000.5"), Ok(1_000_000.5));
        // A decimal comma is refused, never read as a thousands separator.
        for bad in ["1,0", "0,25", "1,5", "80,81", "1,0000", ",100", "1,000.0,5"] {
            let e = parse_number(bad).unwrap_err();
            assert!(e.contains("write decimals with a point"), "{bad}: {e}");
        }
        assert!(parse_cpu("0,25 vCPU").is_err());
        assert!(parse_mem("1,5 GB").is_err());
        assert_eq!(parse_number("05"), Ok(5.0));
        assert_eq!(parse_number("000"), Ok(0.0));
        assert_eq!(parse_number("0.5"), Ok(0.5));
        assert_eq!(parse_number("00.5"), Ok(0.5));
        assert_eq!(parse_number(".25"), Ok(0.25));
        assert_eq!(parse_number("3."), Ok(3.0));
        assert!(parse_number("1.2.3").is_err());
        assert!(parse_number("10 tasks").is_err());
        assert!(parse_number("-").is_err());
    }

    /// Display shows both units so a reader sees what was understood.
    #[test]
    fn display_shows_both_units() {
        assert_eq!(CpuUnits(256).to_string(), "256 units (0.25 vCPU)");
        assert_eq!(MemMib(3768).to_string(), "3768 MiB (3.68 GiB)");
        assert_eq!(trim_float(8.0), "8");
        assert_eq!(trim_float(-0.0004), "0");
        assert_eq!(trim_float(1.0625), "1.063");
        assert_eq!(trim_float(-2.5), "-2.5");
        assert_eq!(exact(400.0 / 3.0), "133.33333333333334");
        assert_eq!(exact(200.0), "200");
        assert_eq!(exact(0.0336), "0.0336");
        assert_eq!(exact(f64::NAN), "null");
    }
}
