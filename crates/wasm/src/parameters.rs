//! The parameters of every indicator, by name: how JS option objects become
//! the core's [`IndicatorSpec`] without a serde deserializer per config.
//!
//! One table ([`parameters`]) lists each indicator's parameters as mutable
//! references into its config; reading options is then a loop over it. A
//! generated deserializer per config cost more than all the indicators'
//! streaming code together in the wasm module.

use tokenlens_core::indicators::catalog::IndicatorSpec;

/// A parameter of an indicator config, ready to be set.
pub(crate) enum Parameter<'a> {
    /// A period or count: a whole number.
    Count(&'a mut usize),
    /// A multiplier or factor.
    Number(&'a mut f64),
}

/// The parameters of `spec`, with their snake_case names, in the order the
/// catalog writes them.
pub(crate) fn parameters(spec: &mut IndicatorSpec) -> Vec<(&'static str, Parameter<'_>)> {
    use IndicatorSpec::*;
    use Parameter::{Count, Number};
    match spec {
        Sma(c) => vec![("period", Count(&mut c.period))],
        Ema(c) => vec![("period", Count(&mut c.period))],
        Wma(c) => vec![("period", Count(&mut c.period))],
        Dema(c) => vec![("period", Count(&mut c.period))],
        Tema(c) => vec![("period", Count(&mut c.period))],
        Hma(c) => vec![("period", Count(&mut c.period))],
        Vwma(c) => vec![("period", Count(&mut c.period))],
        Rsi(c) => vec![("period", Count(&mut c.period))],
        Cci(c) => vec![("period", Count(&mut c.period))],
        WillR(c) => vec![("period", Count(&mut c.period))],
        Mom(c) => vec![("period", Count(&mut c.period))],
        Roc(c) => vec![("period", Count(&mut c.period))],
        Adx(c) => vec![("period", Count(&mut c.period))],
        Aroon(c) => vec![("period", Count(&mut c.period))],
        Atr(c) => vec![("period", Count(&mut c.period))],
        Natr(c) => vec![("period", Count(&mut c.period))],
        Mfi(c) => vec![("period", Count(&mut c.period))],
        Dc(c) => vec![("period", Count(&mut c.period))],
        ElderRay(c) => vec![("period", Count(&mut c.period))],
        Vwap(c) => vec![("period", Count(&mut c.period))],
        VolumeZ(c) => vec![("period", Count(&mut c.period))],
        StdDev(c) => vec![
            ("period", Count(&mut c.period)),
            ("deviations", Number(&mut c.deviations)),
        ],
        Macd(c) => vec![
            ("fast", Count(&mut c.fast)),
            ("slow", Count(&mut c.slow)),
            ("signal", Count(&mut c.signal)),
        ],
        Stoch(c) => vec![
            ("k_period", Count(&mut c.k_period)),
            ("k_slowing", Count(&mut c.k_slowing)),
            ("d_period", Count(&mut c.d_period)),
        ],
        StochRsi(c) => vec![
            ("rsi_period", Count(&mut c.rsi_period)),
            ("k_period", Count(&mut c.k_period)),
            ("d_period", Count(&mut c.d_period)),
        ],
        Ao(c) => vec![("fast", Count(&mut c.fast)), ("slow", Count(&mut c.slow))],
        Uo(c) => vec![
            ("short", Count(&mut c.short)),
            ("mid", Count(&mut c.mid)),
            ("long", Count(&mut c.long)),
        ],
        Psar(c) => vec![
            ("acceleration", Number(&mut c.acceleration)),
            ("maximum", Number(&mut c.maximum)),
        ],
        Bb(c) => vec![
            ("period", Count(&mut c.period)),
            ("multiplier", Number(&mut c.multiplier)),
        ],
        Kc(c) => vec![
            ("period", Count(&mut c.period)),
            ("atr_period", Count(&mut c.atr_period)),
            ("multiplier", Number(&mut c.multiplier)),
        ],
        Ichimoku(c) => vec![
            ("conversion", Count(&mut c.conversion)),
            ("base", Count(&mut c.base)),
            ("span_b", Count(&mut c.span_b)),
        ],
        Supertrend(c) => vec![
            ("atr_period", Count(&mut c.atr_period)),
            ("multiplier", Number(&mut c.multiplier)),
        ],
        // Obv, Ad, and any indicator the catalog adds later: no parameters.
        _ => Vec::new(),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test
mod tests {
    use super::{Parameter, parameters};
    use tokenlens_core::indicators::catalog::IndicatorSpec;

    /// Every indicator the catalog parses by name.
    const TAGS: &[&str] = &[
        "sma",
        "ema",
        "wma",
        "dema",
        "tema",
        "hma",
        "vwma",
        "rsi",
        "cci",
        "willr",
        "mom",
        "roc",
        "adx",
        "aroon",
        "atr",
        "natr",
        "mfi",
        "stddev",
        "dc",
        "elderray",
        "vwap",
        "volume_z",
        "ichimoku",
        "supertrend",
        "macd",
        "stoch",
        "stochrsi",
        "ao",
        "uo",
        "psar",
        "bb",
        "kc",
        "obv",
        "ad",
    ];

    /// The fields of `spec`'s config as the core serialises them.
    fn fields(spec: &IndicatorSpec) -> serde_json::Map<String, serde_json::Value> {
        let mut json = match serde_json::to_value(spec) {
            Ok(serde_json::Value::Object(map)) => map,
            other => panic!("{spec:?} serialised as {other:?}"),
        };
        json.remove("indicator");
        json
    }

    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn the_table_names_every_field_of_every_config() {
        for tag in TAGS {
            let mut spec: IndicatorSpec = tag.parse().unwrap();
            let mut want: Vec<String> = fields(&spec).keys().cloned().collect();
            let mut got: Vec<String> = parameters(&mut spec)
                .into_iter()
                .map(|(name, _)| name.to_owned())
                .collect();
            want.sort();
            got.sort();
            assert_eq!(got, want, "{tag}");
        }
    }

    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn each_entry_sets_its_own_field() {
        for tag in TAGS {
            let mut spec: IndicatorSpec = tag.parse().unwrap();
            let mut expected = Vec::new();
            for (i, (name, parameter)) in parameters(&mut spec).into_iter().enumerate() {
                let value = 100 + i;
                match parameter {
                    Parameter::Count(slot) => *slot = value,
                    Parameter::Number(slot) => *slot = value as f64 + 0.5,
                }
                expected.push((name, value));
            }
            let json = fields(&spec);
            for (name, value) in expected {
                let got = json[name].as_f64().unwrap();
                assert!(
                    got == value as f64 || got == value as f64 + 0.5,
                    "{tag}.{name} = {got}"
                );
            }
        }
    }
}
