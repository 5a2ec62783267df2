//! Human-readable numbers for labels and plain-language summaries.
//!
//! One way to write an amount everywhere: the site, the widget, the CLI and
//! generated summaries all use these.

/// A US-dollar price: two decimals from $1 up (with thousands separators),
/// four significant digits below, so that $0.00001234 stays readable.
///
/// ```
/// use tokenlens_core::format::price_usd;
/// assert_eq!(price_usd(29309.0), "$29,309.00");
/// assert_eq!(price_usd(0.00145534), "$0.001455");
/// ```
pub fn price_usd(price: f64) -> String {
    if !price.is_finite() {
        return "—".into();
    }
    let sign = if price < 0.0 { "-" } else { "" };
    let p = price.abs();
    if p >= 1.0 || p == 0.0 {
        let cents = format!("{p:.2}");
        let (int, frac) = cents.split_once('.').unwrap_or((&cents, "00"));
        format!("{sign}${}.{frac}", group_thousands(int))
    } else {
        // Digits after the point so that four significant digits show.
        let decimals = (3 - p.log10().floor() as i32).clamp(2, 20) as usize;
        let s = format!("{p:.decimals$}");
        format!("{sign}${s}")
    }
}

/// A change given as a fraction, in signed percent with one decimal; a dash
/// when it is unknown or not finite.
///
/// ```
/// use tokenlens_core::format::change_pct;
/// assert_eq!(change_pct(Some(0.125)), "+12.5%");
/// assert_eq!(change_pct(Some(-0.1)), "-10.0%");
/// assert_eq!(change_pct(None), "—");
/// ```
pub fn change_pct(change: Option<f64>) -> String {
    change
        .filter(|v| v.is_finite())
        .map_or_else(|| "—".into(), |v| format!("{:+.1}%", 100.0 * v))
}

/// A large US-dollar amount in compact form: $569.78B, $2.30T, $950.3K.
///
/// ```
/// use tokenlens_core::format::compact_usd;
/// assert_eq!(compact_usd(569_778_313_238.0), "$569.78B");
/// assert_eq!(compact_usd(950.0), "$950");
/// ```
pub fn compact_usd(amount: f64) -> String {
    if !amount.is_finite() {
        return "—".into();
    }
    let sign = if amount < 0.0 { "-" } else { "" };
    let a = amount.abs();
    const UNITS: [(f64, &str); 4] = [(1e3, "K"), (1e6, "M"), (1e9, "B"), (1e12, "T")];
    // The largest unit the amount reaches; one unit up when rounding to two
    // decimals would print 1000.00 (999.995e9 is $1.00T, not $1000.00B).
    let mut unit = UNITS.iter().rposition(|(size, _)| a >= *size);
    if let Some(i) = unit
        && i + 1 < UNITS.len()
        && (a / UNITS[i].0 * 100.0).round() >= 100_000.0
    {
        unit = Some(i + 1);
    }
    if let Some(i) = unit {
        let (size, name) = UNITS[i];
        return format!("{sign}${:.2}{name}", a / size);
    }
    format!("{sign}${a:.0}")
}

/// `digits` (an unsigned whole number) with a comma every three digits.
pub(crate) fn group_thousands(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prices() {
        let cases = [
            (0.0, "$0.00"),
            (1.0, "$1.00"),
            (999.999, "$1,000.00"),
            (1234567.891, "$1,234,567.89"),
            (0.5, "$0.5000"),
            (0.012345, "$0.01235"),
            (6.474e-5, "$0.00006474"),
            (1.2e-9, "$0.000000001200"),
            (-2.5, "-$2.50"),
            (f64::NAN, "—"),
        ];
        for (p, want) in cases {
            assert_eq!(price_usd(p), want, "{p}");
        }
    }

    #[test]
    fn compact_amounts() {
        let cases = [
            (0.0, "$0"),
            (999.0, "$999"),
            (1_000.0, "$1.00K"),
            (102_021_006.0, "$102.02M"),
            (999_995_000.0, "$1.00B"),
            (999_994_999.0, "$999.99M"),
            (2.3e12, "$2.30T"),
            (-5e6, "-$5.00M"),
            (f64::INFINITY, "—"),
        ];
        for (a, want) in cases {
            assert_eq!(compact_usd(a), want, "{a}");
        }
    }
}
