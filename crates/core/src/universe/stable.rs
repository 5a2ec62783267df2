//! Tokens that hold a fixed value: stablecoins, fiat and gold-backed
//! tokens. Their grades say nothing about a trade (a stablecoin's calm is its
//! design, not its strength), so the universe views flag them `stable` and
//! leave them out of rankings and of the evaluation.
//!
//! A token is stable when its symbol is in [`STABLE_SYMBOLS`] or when its
//! daily volatility over the last 90 days is under [`STABLE_DAILY_VOLATILITY`]
//! (a peg the table does not know yet).

/// Symbols of stablecoins, fiat and gold-backed tokens as exchanges list
/// them (upper case).
pub const STABLE_SYMBOLS: &[&str] = &[
    "AEUR", "BFUSD", "BUSD", "DAI", "EUR", "EURC", "EURI", "EURS", "FDUSD", "FRAX", "GUSD", "LUSD",
    "PAXG", "PYUSD", "RLUSD", "TUSD", "USD1", "USDC", "USDD", "USDE", "USDP", "USDS", "USDT",
    "XAUT", "XUSD",
];

/// Daily volatility of log returns under which a token counts as pegged.
pub const STABLE_DAILY_VOLATILITY: f64 = 0.01;

/// Days over which the volatility test is taken.
pub const STABLE_WINDOW_DAYS: usize = 90;

/// Whether `symbol` is in the table (case-insensitive).
pub fn is_stable_symbol(symbol: &str) -> bool {
    STABLE_SYMBOLS
        .iter()
        .any(|s| s.eq_ignore_ascii_case(symbol))
}

/// Whether a token is stable, from its symbol and its closes up to now
/// (`per_day` bars a day): in the table, or a daily volatility of log returns
/// under 1 % over the last 90 days (with at least 30 days of returns).
pub fn is_stable(symbol: &str, close: &[f64], per_day: usize) -> bool {
    if is_stable_symbol(symbol) {
        return true;
    }
    let window = STABLE_WINDOW_DAYS * per_day;
    let start = close.len().saturating_sub(window + 1);
    let tail = &close[start..];
    if tail.len() < 30 * per_day + 1 {
        return false;
    }
    let lr: Vec<f64> = tail.windows(2).map(|w| (w[1] / w[0]).ln()).collect();
    let daily = crate::analysis::grades::inputs::sd(&lr) * (per_day as f64).sqrt();
    daily < STABLE_DAILY_VOLATILITY
}

/// Whether a universe member is set apart as stable on its last bar: the
/// core's rule ([`is_stable`]), or a narrative table that classes it as a
/// stablecoin. The one test the CLI, the package and the site use.
pub fn set_apart(
    symbol: &str,
    series: &crate::analysis::PriceSeries,
    table: &super::narratives::NarrativeTable,
) -> bool {
    is_stable(symbol, &series.close, series.interval.per_day())
        || table.get(symbol) == Some(super::narratives::Narrative::Stablecoin)
}

/// [`is_stable`] at every bar of a close series, each from the closes up to
/// that bar.
pub fn stable_flags(symbol: &str, close: &[f64], per_day: usize) -> Vec<bool> {
    if is_stable_symbol(symbol) {
        return vec![true; close.len()];
    }
    (0..close.len())
        .map(|t| is_stable(symbol, &close[..=t], per_day))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_and_volatility() {
        assert!(is_stable_symbol("usdc") && is_stable_symbol("PAXG"));
        assert!(!is_stable_symbol("BTC"));
        let pegged: Vec<f64> = (0..100).map(|i| 1.0 + 0.0005 * ((i % 3) as f64)).collect();
        assert!(is_stable("NEWUSD", &pegged, 1));
        let wild: Vec<f64> = (0..100).map(|i| 1.0 + 0.1 * ((i % 3) as f64)).collect();
        assert!(!is_stable("MEME", &wild, 1));
        assert!(!is_stable("NEW", &pegged[..20], 1), "too short to judge");
        let flags = stable_flags("NEWUSD", &pegged, 1);
        assert!(!flags[29] && flags[30] && flags[99]);
        assert!(stable_flags("USDC", &wild, 1).iter().all(|&s| s));
    }
}
