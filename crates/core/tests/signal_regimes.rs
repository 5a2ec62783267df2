//! Technical rating, signal and backtest on synthetic market regimes built
//! here (uptrend, crash, chop, pump-and-dump, new listing, close-only,
//! hourly) and on the real BTC and PEPE daily series of `tests/golden/`.
//!
//! The real series are only checked for sane properties (flips per six
//! months within a band stated in `docs/METHODOLOGY.md`), never against
//! numbers read off them.

use std::path::Path;

use tokenlens_core::analysis::backtest::{BacktestConfig, Direction, backtest};
use tokenlens_core::analysis::rating::{Action, RULES, RatingLabel, rating, rating_series};
use tokenlens_core::analysis::signal::{
    Component, SignalConfig, SignalState, WARMUP, signal, signal_with,
};
use tokenlens_core::analysis::{Interval, PriceSeries};
use tokenlens_core::metrics::{MetricsConfig, metrics};

/// 2024-10-05 00:00 UTC, the first day of the golden files.
const T0: i64 = 1_728_086_400;

/// A small deterministic generator (xorshift64*), normal draws by Box–Muller.
struct Rng(u64);

impl Rng {
    fn uniform(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        let x = self.0.wrapping_mul(0x2545_f491_4f6c_dd1d);
        ((x >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }

    fn normal(&mut self) -> f64 {
        let (u, v) = (self.uniform(), self.uniform());
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }
}

/// Daily OHLCV from per-bar (drift, volatility) of log returns.
fn ohlcv(seed: u64, start: f64, legs: &[(usize, f64, f64)], interval: Interval) -> PriceSeries {
    let mut rng = Rng(seed);
    let (mut open, mut high, mut low, mut close, mut volume) =
        (vec![], vec![], vec![], vec![], vec![]);
    let mut price: f64 = start;
    for &(bars, drift, vol) in legs {
        for _ in 0..bars {
            let o = price;
            price *= (drift + vol * rng.normal()).exp();
            let wick = vol * 0.5;
            open.push(o);
            close.push(price);
            high.push(o.max(price) * (1.0 + wick * rng.uniform()));
            low.push(o.min(price) * (1.0 - wick * rng.uniform()));
            volume.push(1000.0 * (0.3 * rng.normal()).exp());
        }
    }
    let n = close.len();
    PriceSeries {
        interval,
        timestamps: (0..n as i64).map(|i| T0 + i * interval.seconds()).collect(),
        open: Some(open),
        high: Some(high),
        low: Some(low),
        close,
        volume: Some(volume),
    }
    .validated()
    .expect("synthetic candles are valid")
}

fn daily(seed: u64, legs: &[(usize, f64, f64)]) -> PriceSeries {
    ohlcv(seed, 100.0, legs, Interval::Daily)
}

fn close_only(s: &PriceSeries) -> PriceSeries {
    PriceSeries::from_closes(s.interval, s.timestamps.clone(), s.close.clone())
        .expect("closes of a valid series")
}

fn uptrend() -> PriceSeries {
    daily(1, &[(250, 0.006, 0.02)])
}

fn crash() -> PriceSeries {
    daily(2, &[(200, 0.002, 0.02), (60, -0.03, 0.03)])
}

fn chop(seed: u64) -> PriceSeries {
    // Sideways: a 30-bar cycle of ±8 % around 100, with 2.5 % daily noise
    // that does not accumulate (mean-reverting around the cycle).
    let mut rng = Rng(seed);
    let n = 500;
    let close: Vec<f64> = (0..n)
        .map(|i| {
            let cycle = 0.08 * (i as f64 * std::f64::consts::TAU / 30.0).sin();
            100.0 * (cycle + 0.025 * rng.normal()).exp()
        })
        .collect();
    let t = (0..n as i64).map(|i| T0 + i * 86_400).collect();
    PriceSeries::from_closes(Interval::Daily, t, close).expect("positive closes")
}

fn pump_and_dump() -> PriceSeries {
    daily(
        4,
        &[
            (100, 0.0, 0.02),
            (30, 0.08, 0.03),
            (40, -0.06, 0.04),
            (40, 0.0, 0.03),
        ],
    )
}

fn new_listing() -> PriceSeries {
    daily(5, &[(20, 0.01, 0.05)])
}

#[test]
fn regimes_give_the_expected_rating_and_signal() {
    use RatingLabel::*;
    use SignalState::*;
    // (name, series, accepted labels, expected state)
    let cases: Vec<(&str, PriceSeries, &[RatingLabel], SignalState)> = vec![
        ("uptrend", uptrend(), &[Buy, StrongBuy], Bullish),
        (
            "uptrend, closes only",
            close_only(&uptrend()),
            &[Buy, StrongBuy],
            Bullish,
        ),
        ("crash", crash(), &[Sell, StrongSell], Bearish),
        (
            "crash, closes only",
            close_only(&crash()),
            &[Sell, StrongSell],
            Bearish,
        ),
        (
            "hourly uptrend",
            ohlcv(6, 100.0, &[(400, 0.002, 0.006)], Interval::Hourly),
            &[Buy, StrongBuy],
            Bullish,
        ),
    ];
    for (name, series, labels, state) in cases {
        // One bar's rating is noisy by design (its oscillators react to the
        // last close), so the regime is judged on the last 30 bars' mean,
        // and the moving-average group alone must agree at the last bar.
        let scores = rating_series(&series);
        let recent: Vec<f64> = scores[scores.len() - 30..]
            .iter()
            .flatten()
            .copied()
            .collect();
        let mean = recent.iter().sum::<f64>() / recent.len() as f64;
        let label = RatingLabel::of(mean);
        assert!(labels.contains(&label), "{name}: {label} ({mean})");
        let r = rating(&series).unwrap();
        assert_eq!(Some(r.score), *scores.last().unwrap());
        let ma = r.moving_averages.unwrap();
        assert!(
            ma.abs() > 0.5 && (ma > 0.0) == (state == Bullish),
            "{name}: {ma}"
        );
        let s = signal(&series).unwrap();
        assert_eq!(s.state, state, "{name}: strength {:?}", s.strength);
        let strength = s.strength.unwrap();
        assert!((-1.0..=1.0).contains(&strength), "{name}");
        assert_eq!(strength > 0.0, state == Bullish, "{name}");
        assert!(!s.reasons.is_empty(), "{name}");
        let last = s.last_flip.as_ref().unwrap();
        assert_eq!(last.to, state, "{name}");
        assert_eq!(last.price, series.close[last.index], "{name}");
    }
}

#[test]
fn hourly_reasons_speak_in_hours() {
    let s = ohlcv(6, 100.0, &[(400, 0.002, 0.006)], Interval::Hourly);
    let sig = signal(&s).unwrap();
    assert!(
        sig.reasons.iter().any(|r| r.contains("hour")),
        "{:?}",
        sig.reasons
    );
    assert!(
        sig.reasons.iter().all(|r| !r.contains("day")),
        "{:?}",
        sig.reasons
    );
}

#[test]
fn sideways_chop_flips_no_more_than_the_hysteresis_allows() {
    let config = SignalConfig::default();
    for seed in 10..20 {
        let series = chop(seed);
        let sig = signal(&series).unwrap();
        let n = series.len();
        // Dwell: flips are at least `dwell` bars apart, the first one no
        // earlier than the end of warm-up.
        let dwell_bound = (n - WARMUP) / config.dwell + 1;
        assert!(sig.flips.len() <= dwell_bound, "seed {seed}");
        for w in sig.flips.windows(2) {
            assert!(w[1].index - w[0].index >= config.dwell, "seed {seed}");
        }
        // Hysteresis: every flip after the first needs the score to cross 0
        // (θ_out) since the previous one, so flips ≤ sign changes + 1.
        let scores: Vec<f64> = sig.scores.iter().flatten().copied().collect();
        let sign_changes = scores
            .windows(2)
            .filter(|w| (w[0] < 0.0) != (w[1] < 0.0))
            .count();
        assert!(sig.flips.len() <= sign_changes + 1, "seed {seed}");
        // Much fewer than a daily coin toss on the sign of the score.
        assert!(
            sig.flips.len() * 2 <= sign_changes.max(2),
            "seed {seed}: {} flips, {sign_changes} sign changes",
            sig.flips.len()
        );
    }
}

#[test]
fn pump_and_dump_is_caught_going_up_and_left_going_down() {
    let series = pump_and_dump();
    let sig = signal(&series).unwrap();
    let top = (0..series.len())
        .max_by(|&a, &b| series.close[a].total_cmp(&series.close[b]))
        .unwrap();
    let bull = sig
        .flips
        .iter()
        .rfind(|f| f.to == SignalState::Bullish && f.index < top)
        .expect("a bullish flip before the top");
    // Bullish within the first 5 bars of the pump (it may have been earlier,
    // on pre-pump noise) and all the way to the top.
    assert!(
        sig.states[105..=top]
            .iter()
            .all(|&s| s == SignalState::Bullish)
    );
    let bear = sig
        .flips
        .iter()
        .find(|f| f.to == SignalState::Bearish && f.index > top)
        .expect("a bearish flip after the top");
    assert!(bear.index < top + 40, "left during the dump");
    let bt = backtest(
        &series,
        &BacktestConfig {
            from: Some(series.date(90)),
            ..BacktestConfig::default()
        },
    )
    .unwrap();
    let ride = bt
        .trades
        .iter()
        .find(|t| t.entry_index <= bull.index.max(90) && top <= t.exit_index)
        .unwrap();
    assert_eq!(ride.exit_index, bear.index);
    assert!(ride.r#return > 1.0, "{ride:?}");
    assert!(ride.worst_excursion <= 0.0);
    // Leaving on the way down beats holding through the dump.
    assert!(bt.strategy.total_return > bt.buy_and_hold.total_return);
}

#[test]
fn a_new_listing_rates_from_the_votes_it_has_and_has_no_signal_yet() {
    let series = new_listing();
    let r = rating(&series).unwrap();
    assert_eq!(r.votes.len() + r.unavailable.len(), 26);
    let voted: Vec<&str> = r.votes.iter().map(|v| v.indicator.as_str()).collect();
    for quick in [
        "SMA(10)",
        "SMA(20)",
        "EMA(10)",
        "Hull MA(9)",
        "VWMA(20)",
        "RSI(14)",
    ] {
        assert!(voted.contains(&quick), "{quick} should vote: {voted:?}");
    }
    for slow in [
        "SMA(200)",
        "Ichimoku(9, 26, 52)",
        "MACD(12, 26, 9)",
        "ADX(14)",
    ] {
        let u = r.unavailable.iter().find(|u| u.indicator == slow).unwrap();
        assert!(u.reason.contains("has 20"), "{}", u.reason);
    }
    let sig = signal(&series).unwrap();
    assert_eq!(sig.state, SignalState::Unknown);
    assert_eq!(sig.strength, None);
    assert!(sig.flips.is_empty() && sig.components.is_empty() && sig.reasons.is_empty());
    // Too short for any vote at all: a typed error, not a made-up rating.
    let empty = series.truncated(0);
    assert_eq!(signal(&empty).unwrap().state, SignalState::Unknown);
    assert_eq!(rating(&empty).unwrap_err().code(), "TOO_SHORT");
    assert!(rating_series(&empty).is_empty());
    let nine = series.truncated(9);
    assert_eq!(rating(&nine).unwrap_err().code(), "TOO_SHORT");
    assert_eq!(rating(&series.truncated(10)).unwrap().votes.len(), 2);
}

#[test]
fn close_only_series_vote_with_what_they_have() {
    let series = close_only(&uptrend());
    let r = rating(&series).unwrap();
    let voted: Vec<&str> = r.votes.iter().map(|v| v.indicator.as_str()).collect();
    assert_eq!(voted.len(), 17, "{voted:?}"); // 12 SMA/EMA + Hull + RSI, Mom, MACD, StochRSI
    for u in &r.unavailable {
        assert!(u.reason.contains("column"), "{}: {}", u.indicator, u.reason);
    }
    let sig = signal(&series).unwrap();
    assert_eq!(sig.unavailable, [Component::Obv20]);
    assert_eq!(sig.components.len(), 4);
    let total: f64 = sig.components.iter().map(|c| c.contribution).sum();
    assert!((total - sig.strength.unwrap()).abs() < 1e-12);
}

#[test]
fn votes_explain_themselves() {
    let r = rating(&crash()).unwrap();
    for v in &r.votes {
        assert!(!v.values.is_empty(), "{}", v.indicator);
        let word = match v.action {
            Action::Buy => "buy",
            Action::Sell => "sell",
            Action::Neutral => "neutral",
        };
        assert!(v.reason.starts_with(word), "{}: {}", v.indicator, v.reason);
    }
    // The price sits under every average after a crash.
    let sma10 = r.votes.iter().find(|v| v.indicator == "SMA(10)").unwrap();
    assert_eq!(sma10.action, Action::Sell);
    assert!(sma10.reason.contains("above the close"), "{}", sma10.reason);
}

#[test]
fn rating_labels_follow_the_published_boundaries() {
    use RatingLabel::*;
    let table = [
        (-1.0, StrongSell),
        (-0.51, StrongSell),
        (-0.5, Sell),
        (-0.11, Sell),
        (-0.1, Neutral),
        (0.0, Neutral),
        (0.1, Neutral),
        (0.11, Buy),
        (0.5, Buy),
        (0.51, StrongBuy),
        (1.0, StrongBuy),
    ];
    for (score, label) in table {
        assert_eq!(RatingLabel::of(score), label, "{score}");
    }
}

#[test]
fn each_rule_votes_from_the_bar_its_warm_up_states() {
    // Oscillating enough that every rule's indicators are defined.
    let series = daily(7, &[(120, 0.0, 0.03), (120, 0.01, 0.03)]);
    for rule in RULES {
        let first = (1..=series.len())
            .find(|&n| {
                rating(&series.truncated(n))
                    .map(|r| r.votes.iter().any(|v| v.indicator == rule.name()))
                    .unwrap_or(false)
            })
            .unwrap();
        assert_eq!(first, rule.min_bars(), "{}", rule.name());
    }
    let hull = RULES.iter().find(|r| r.name() == "Hull MA(9)").unwrap();
    assert_eq!(hull.min_bars(), 11);
}

#[test]
fn nothing_reads_the_future() {
    let series = pump_and_dump();
    let full = signal(&series).unwrap();
    let scores = rating_series(&series);
    for k in [30, 51, 60, 99, 131, 150, 171, 209] {
        let head = series.truncated(k);
        let past = signal(&head).unwrap();
        assert_eq!(past.states, full.states[..k], "states at {k}");
        assert_eq!(past.scores, full.scores[..k], "scores at {k}");
        let flips: Vec<_> = full.flips.iter().filter(|f| f.index < k).cloned().collect();
        assert_eq!(past.flips, flips, "flips at {k}");
        // The rating series is the rating of each prefix.
        assert_eq!(
            rating(&head).ok().map(|r| r.score),
            scores[k - 1],
            "rating at {k}"
        );
    }
    assert!(scores[..9].iter().all(Option::is_none));
    assert!(scores[9..].iter().all(Option::is_some));
}

#[test]
fn a_never_bullish_signal_stays_in_cash() {
    let series = daily(8, &[(300, -0.004, 0.02)]);
    let sig = signal(&series).unwrap();
    assert!(!sig.states.contains(&SignalState::Bullish));
    let bt = backtest(&series, &BacktestConfig::default()).unwrap();
    assert!(bt.trades.is_empty());
    assert!(bt.strategy_equity.iter().all(|&e| e == 1.0));
    assert_eq!(bt.strategy.total_return, 0.0);
    assert_eq!(bt.strategy.max_drawdown, 0.0);
    assert_eq!(bt.strategy.exposure, 0.0);
    assert_eq!(bt.strategy.sharpe, None);
    assert_eq!(bt.strategy.win_rate, None);
    assert!(bt.buy_and_hold.total_return < 0.0);
    // Going short instead makes money in the same decline.
    let short = backtest(
        &series,
        &BacktestConfig {
            short: true,
            ..BacktestConfig::default()
        },
    )
    .unwrap();
    assert!(short.trades.iter().all(|t| t.direction == Direction::Short));
    assert!(short.strategy.total_return > 0.0);
}

#[test]
fn buy_and_hold_matches_the_metrics_module_on_the_window() {
    let series = pump_and_dump();
    let windows = [(None, None), (Some(60), None), (Some(80), Some(180))];
    for (from, to) in windows {
        let config = BacktestConfig {
            from: from.map(|i| series.date(i)),
            to: to.map(|i| series.date(i)),
            ..BacktestConfig::default()
        };
        let bt = backtest(&series, &config).unwrap();
        let (a, b) = (from.unwrap_or(0), to.unwrap_or(series.len() - 1));
        assert_eq!((bt.start_index, bt.end_index), (a, b));
        assert_eq!(bt.buy_and_hold_equity.len(), b - a + 1);
        assert_eq!(bt.strategy_equity.len(), b - a + 1);
        let m = metrics(&series.close[a..=b], None, &MetricsConfig::default()).unwrap();
        let bh = &bt.buy_and_hold;
        let close = |x: f64, y: f64| (x - y).abs() <= 1e-9 * y.abs().max(1.0);
        assert!(close(bh.total_return, m.total_return), "{from:?}");
        assert!(close(bh.cagr.unwrap(), m.cagr), "{from:?}");
        assert!(close(bh.sharpe.unwrap(), m.sharpe.unwrap()), "{from:?}");
        assert!(close(bh.max_drawdown, m.max_drawdown.depth), "{from:?}");
        assert!(bt.flips.iter().all(|f| (a..=b).contains(&f.index)));
        assert!(
            bt.trades
                .iter()
                .all(|t| a <= t.entry_index && t.exit_index <= b)
        );
    }
}

#[test]
fn costs_reduce_returns_monotonically() {
    for series in [pump_and_dump(), chop(3).truncated(400), crash()] {
        for short in [false, true] {
            let mut last = f64::INFINITY;
            let mut trades = None;
            for fee in [0.0, 5.0, 10.0, 25.0, 100.0, 500.0] {
                let bt = backtest(
                    &series,
                    &BacktestConfig {
                        fee_bps: fee,
                        slippage_bps: 0.0,
                        short,
                        ..BacktestConfig::default()
                    },
                )
                .unwrap();
                assert!(!bt.trades.is_empty());
                assert!(bt.strategy.total_return < last, "fee {fee}");
                last = bt.strategy.total_return;
                // Costs never change the trades themselves.
                let dates: Vec<_> = bt.trades.iter().map(|t| t.entry_index).collect();
                assert_eq!(trades.get_or_insert(dates.clone()), &dates);
            }
        }
    }
}

#[test]
fn trades_and_equity_agree() {
    let series = pump_and_dump();
    let config = BacktestConfig {
        short: true,
        ..BacktestConfig::default()
    };
    let bt = backtest(&series, &config).unwrap();
    let compounded: f64 = bt.trades.iter().map(|t| 1.0 + t.r#return).product();
    let last = *bt.strategy_equity.last().unwrap();
    assert!((compounded - last).abs() < 1e-9, "{compounded} vs {last}");
    for w in bt.trades.windows(2) {
        assert!(w[0].exit_index <= w[1].entry_index);
        assert!(!w[0].open);
    }
    let flips_into_position = bt
        .flips
        .iter()
        .filter(|f| f.to != SignalState::Neutral)
        .count();
    assert!(bt.trades.len() <= flips_into_position + 1);
    let low = series.low.as_ref().unwrap();
    for t in &bt.trades {
        assert!(t.worst_excursion <= 0.0);
        if t.direction == Direction::Long && t.exit_index > t.entry_index {
            let worst = low[t.entry_index + 1..=t.exit_index]
                .iter()
                .fold(f64::INFINITY, |a, &b| a.min(b));
            let expected = (worst / t.entry_price - 1.0).min(0.0);
            assert!((t.worst_excursion - expected).abs() < 1e-12);
        }
    }
    assert!((0.0..=1.0).contains(&bt.strategy.exposure));
}

#[test]
fn a_window_that_starts_in_a_position_opens_it_at_its_first_close() {
    let series = uptrend();
    let full = signal(&series).unwrap();
    let bull = full
        .flips
        .iter()
        .find(|f| f.to == SignalState::Bullish)
        .unwrap();
    let from = bull.index + 20;
    assert_eq!(full.states[from], SignalState::Bullish);
    let bt = backtest(
        &series,
        &BacktestConfig {
            from: Some(series.date(from)),
            ..BacktestConfig::default()
        },
    )
    .unwrap();
    let first = &bt.trades[0];
    assert!(first.carried_in);
    assert_eq!(first.entry_index, from);
    assert_eq!(first.entry_price, series.close[from]);
}

#[test]
fn bad_backtest_inputs_are_typed_errors() {
    let series = uptrend();
    let bad = |config: BacktestConfig| backtest(&series, &config).unwrap_err().code();
    let base = BacktestConfig::default;
    assert_eq!(
        bad(BacktestConfig {
            fee_bps: -1.0,
            ..base()
        }),
        "INVALID_PARAMETER"
    );
    assert_eq!(
        bad(BacktestConfig {
            from: Some("2024-02-30".into()),
            ..base()
        }),
        "INVALID_PARAMETER"
    );
    assert_eq!(
        bad(BacktestConfig {
            from: Some(series.date(100)),
            to: Some(series.date(100)),
            ..base()
        }),
        "TOO_SHORT"
    );
    assert_eq!(
        bad(BacktestConfig {
            signal: SignalConfig {
                theta_in: 1.5,
                ..SignalConfig::default()
            },
            ..base()
        }),
        "INVALID_PARAMETER"
    );
}

#[test]
fn configs_read_from_json_with_defaults() {
    let c: BacktestConfig =
        serde_json::from_str(r#"{"fee_bps": 20, "from": "2025-01-01", "signal": {"dwell": 5}}"#)
            .unwrap();
    assert_eq!(c.fee_bps, 20.0);
    assert_eq!(c.slippage_bps, BacktestConfig::default().slippage_bps);
    assert_eq!(c.signal.dwell, 5);
    assert_eq!(c.signal.theta_in, SignalConfig::default().theta_in);
    assert!(serde_json::from_str::<BacktestConfig>(r#"{"fees": 1}"#).is_err());
}

/// A golden file's OHLCV as a daily series from 2024-10-05.
fn golden(name: &str) -> PriceSeries {
    #[derive(serde::Deserialize)]
    struct File {
        open: Vec<f64>,
        high: Vec<f64>,
        low: Vec<f64>,
        close: Vec<f64>,
        volume: Vec<f64>,
    }
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(format!("{name}.json"));
    let f: File = serde_json::from_str(&std::fs::read_to_string(path).expect("golden file"))
        .expect("golden JSON");
    let n = f.close.len();
    PriceSeries {
        interval: Interval::Daily,
        timestamps: (0..n as i64).map(|i| T0 + i * 86_400).collect(),
        open: Some(f.open),
        high: Some(f.high),
        low: Some(f.low),
        close: f.close,
        volume: Some(f.volume),
    }
    .validated()
    .expect("golden candles are valid")
}

/// The band of flips per six months (182.5 days) stated in the methodology:
/// at least one (the signal follows the market), at most twelve (it is no
/// coin toss; the dwell alone allows eighteen).
const FLIPS_PER_HALF_YEAR: (f64, f64) = (1.0, 12.0);

#[test]
fn real_btc_and_pepe_flip_a_handful_of_times() {
    for name in ["btc", "pepe"] {
        let series = golden(name);
        assert_eq!(series.date(series.len() - 1), "2025-07-31");
        for s in [series.clone(), close_only(&series)] {
            let sig = signal(&s).unwrap();
            let days = (s.len() - WARMUP) as f64;
            let rate = sig.flips.len() as f64 / days * 182.5;
            assert!(
                (FLIPS_PER_HALF_YEAR.0..=FLIPS_PER_HALF_YEAR.1).contains(&rate),
                "{name}: {} flips in {days} days",
                sig.flips.len()
            );
            assert!(
                sig.states[WARMUP..]
                    .iter()
                    .all(|&s| s != SignalState::Unknown)
            );
            let r = rating(&s).unwrap();
            assert!((-1.0..=1.0).contains(&r.score));
            assert_eq!(r.label, RatingLabel::of(r.score));
            let bt = backtest(&s, &BacktestConfig::default()).unwrap();
            assert!((0.0..=1.0).contains(&bt.strategy.exposure));
            assert!(bt.strategy_equity.iter().all(|e| e.is_finite() && *e > 0.0));
        }
        let full = rating(&series).unwrap();
        assert_eq!(full.votes.len(), 26, "300 bars warm every rule up");
    }
}

#[test]
fn dwell_and_thresholds_change_how_often_it_flips() {
    // Looser settings flip at least as often on the same data.
    let series = chop(21);
    let strict = signal(&series).unwrap().flips.len();
    let loose = signal_with(
        &series,
        &SignalConfig {
            theta_in: 0.2,
            theta_out: 0.1,
            dwell: 1,
        },
    )
    .unwrap()
    .flips
    .len();
    assert!(loose >= strict, "{loose} < {strict}");
}
