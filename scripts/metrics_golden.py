#!/usr/bin/env python3
"""Writes the metrics golden file used by crates/core/tests/metrics_agreement.rs.

Usage: python scripts/metrics_golden.py DATA_DIR

DATA_DIR holds the real daily CSVs (columns date,...,close,...). Needs numpy and scipy.

The expected values are computed here independently of the Rust code, with numpy and
scipy's own conventions: returns p[t]/p[t-1] - 1, std with ddof=1, np.percentile
(method "linear"), scipy.stats.skew/kurtosis with their defaults (population moments,
Fisher's excess kurtosis), scipy.stats.norm for the Gaussian VaR/CVaR. Inputs are copied
into the golden file (aligned by date with the benchmark), so the tests never read
DATA_DIR. Values are written with 17 significant digits.
"""

import csv
import json
import sys
from pathlib import Path

import numpy as np
import scipy
from scipy import stats

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "crates" / "core" / "tests" / "golden" / "metrics.json"

CASES = [
    # name, file, benchmark file (or None), periods per year, annual risk-free rate
    ("btc_vs_eth", "binance_spot_BTCUSDT_1d_2023-06-01_2025-07-31.csv",
     "binance_spot_ETHUSDT_1d_2023-06-01_2025-07-31.csv", 365.0, 0.0),
    ("pepe_vs_btc", "binance_spot_PEPEUSDT_1d_2023-06-09_2025-07-31.csv",
     "binance_spot_BTCUSDT_1d_2023-06-01_2025-07-31.csv", 365.0, 0.0),
    ("fet_rf4", "binance_spot_FETUSDT_dailyclose_from1h_2023-06-01_2025-06-12.csv", None, 365.0, 0.04),
    ("sol_ppy52_rf2", "binance_spot_SOLUSDT_1d_2023-06-01_2025-07-31.csv", None, 52.0, 0.02),
]


def closes(path):
    with open(path, newline="") as f:
        return {r["date"]: float(r["close"]) for r in csv.DictReader(f)}


def num(x):
    return None if x is None or not np.isfinite(x) else float("%.17g" % x)


def tail(r, level):
    q = (1.0 - level) * 100.0
    var = np.percentile(r, q)
    z = stats.norm.ppf(1.0 - level)
    mu, sd = r.mean(), r.std(ddof=1)
    return {
        "level": level,
        "historical_var": num(var),
        "historical_cvar": num(r[r <= var].mean()),
        "parametric_var": num(mu + z * sd),
        "parametric_cvar": num(mu - sd * stats.norm.pdf(z) / (1.0 - level)),
    }


def drawdown(p):
    run = np.maximum.accumulate(p)
    dd = p / run - 1.0
    trough = int(np.argmin(dd))
    if dd[trough] == 0.0:
        return {"depth": 0.0, "peak": 0, "trough": 0, "recovery": 0, "duration": 0}
    peak = int(np.nonzero(p[: trough + 1] == run[trough])[0][-1])
    later = np.nonzero(p[trough + 1:] >= p[peak])[0]
    recovery = int(trough + 1 + later[0]) if len(later) else None
    end = recovery if recovery is not None else len(p) - 1
    return {"depth": num(dd[trough]), "peak": peak, "trough": trough, "recovery": recovery,
            "duration": end - peak}


def expected(p, b, ppy, rf):
    r = p[1:] / p[:-1] - 1.0
    e = r - rf / ppy
    sd = r.std(ddof=1)
    dd = np.sqrt(np.mean(np.minimum(e, 0.0) ** 2))
    lo, hi = np.percentile(r, 5), np.percentile(r, 95)
    gains, losses = r[r > 0].sum(), r[r < 0].sum()
    out = {
        "prices": len(p),
        "periods_per_year": ppy,
        "risk_free_rate": rf,
        "total_return": num(p[-1] / p[0] - 1.0),
        "cagr": num((p[-1] / p[0]) ** (ppy / (len(p) - 1)) - 1.0),
        "mean_return": num(r.mean()),
        "volatility": num(sd * np.sqrt(ppy)),
        "downside_deviation": num(dd * np.sqrt(ppy)),
        "sharpe": num(e.mean() / e.std(ddof=1) * np.sqrt(ppy)),
        "sortino": num(e.mean() / dd * np.sqrt(ppy)),
        "max_drawdown": drawdown(p),
        "distance_from_ath": num(p[-1] / p.max() - 1.0),
        "risk_95": tail(r, 0.95),
        "risk_99": tail(r, 0.99),
        "skew": num(stats.skew(r)),
        "excess_kurtosis": num(stats.kurtosis(r)),
        "tail_ratio": num(hi / abs(lo)),
        "profit_factor": num(gains / -losses),
        "benchmark": None,
    }
    if b is not None:
        rb = b[1:] / b[:-1] - 1.0
        cov = np.cov(r, rb, ddof=1)
        out["benchmark"] = {
            "beta": num(cov[0, 1] / cov[1, 1]),
            "correlation": num(np.corrcoef(r, rb)[0, 1]),
        }
    return out


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    data_dir = Path(sys.argv[1])
    cases = []
    for name, file, bench_file, ppy, rf in CASES:
        main_series = closes(data_dir / file)
        bench = closes(data_dir / bench_file) if bench_file else None
        dates = sorted(d for d in main_series if bench is None or d in bench)
        p = np.array([main_series[d] for d in dates])
        b = np.array([bench[d] for d in dates]) if bench else None
        source = file if bench_file is None else f"{file} against {bench_file}, aligned by date"
        case = {
            "name": name,
            "source": f"{source} ({dates[0]} to {dates[-1]})",
            "periods_per_year": ppy,
            "risk_free_rate": rf,
            "prices": [float(x) for x in p],
            "benchmark": None if b is None else [float(x) for x in b],
            "expected": expected(p, b, ppy, rf),
        }
        if name == "btc_vs_eth":
            r = p[1:] / p[:-1] - 1.0
            case["simple_returns"] = [num(x) for x in r]
            case["log_returns"] = [num(x) for x in np.log(p[1:] / p[:-1])]
            case["quantiles"] = {f"{q:g}": num(np.percentile(r, q * 100.0)) for q in (0.0, 0.01, 0.05, 0.25, 0.5, 0.95, 1.0)}
        cases.append(case)
    doc = {"numpy": np.__version__, "scipy": scipy.__version__, "cases": cases}
    with open(OUT, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
