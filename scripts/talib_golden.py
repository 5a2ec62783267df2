#!/usr/bin/env python3
"""Writes the TA-Lib golden files used by crates/core/tests/talib_agreement.rs.

Usage: python scripts/talib_golden.py [DATA_DIR]

DATA_DIR holds the real daily OHLCV CSVs (columns date,open,high,low,close,volume,...);
it defaults to ../shared/data/real relative to the repository root. Needs numpy and the
`ta-lib` Python package (whose wheel bundles the TA-Lib C library).

Each golden file holds its inputs (copied verbatim, so the tests never read DATA_DIR)
and the TA-Lib outputs, with NaN written as null and values rounded to 12 significant
digits (far below the 1e-9 tolerance of the test).
"""

import csv
import json
import math
import sys
from pathlib import Path

import numpy as np
import talib

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "crates" / "core" / "tests" / "golden"
ROWS = 300

REAL = {
    "btc": "binance_spot_BTCUSDT_1d_2023-06-01_2025-07-31.csv",
    "pepe": "binance_spot_PEPEUSDT_1d_2023-06-09_2025-07-31.csv",
}


def read_csv(path, rows):
    with open(path, newline="") as f:
        data = list(csv.DictReader(f))[-rows:]
    cols = {k: [float(r[k]) for r in data] for k in ("open", "high", "low", "close", "volume")}
    cols["first_date"] = data[0]["date"]
    cols["last_date"] = data[-1]["date"]
    return cols


def synthetic():
    """Short hand-shaped series for edge cases."""
    n = 60
    out = {}
    c = [100.0] * n
    out["constant"] = dict(open=c, high=c, low=c, close=c, volume=[10.0] * n)

    # Flat, then a 50% gap up that holds, then flat again.
    close = [100.0] * 30 + [150.0] * 30
    high = [x + 1.0 for x in close]
    low = [x - 1.0 for x in close]
    opn = [100.0] + close[:-1]
    out["gap_up"] = dict(open=opn, high=high, low=low, close=close, volume=[5.0 + (i % 7) for i in range(n)])

    # A random walk around 1e-8 (a micro-priced token) with huge volumes.
    rng = np.random.default_rng(7)
    steps = rng.normal(0.0, 0.03, n)
    close = list(1e-8 * np.exp(np.cumsum(steps)))
    opn = [close[0]] + close[:-1]
    high = [max(o, c) * (1.0 + abs(rng.normal(0.0, 0.01))) for o, c in zip(opn, close)]
    low = [min(o, c) * (1.0 - abs(rng.normal(0.0, 0.01))) for o, c in zip(opn, close)]
    vol = list(1e14 * (1.0 + rng.random(n)))
    out["tiny"] = dict(open=opn, high=high, low=low, close=close, volume=vol)
    return out


def clean(xs):
    return [None if math.isnan(x) else float("%.12g" % x) for x in xs]


def outputs(d):
    o, h, l, c, v = (np.array(d[k], dtype=float) for k in ("open", "high", "low", "close", "volume"))
    r = {}
    for n in (5, 20):
        r[f"sma_{n}"] = talib.SMA(c, n)
        r[f"ema_{n}"] = talib.EMA(c, n)
        r[f"wma_{n}"] = talib.WMA(c, n)
        r[f"stddev_{n}"] = talib.STDDEV(c, n, 1.0)
        r[f"dema_{n}"] = talib.DEMA(c, n)
        r[f"tema_{n}"] = talib.TEMA(c, n)
        r[f"trix_{n}"] = talib.TRIX(c, n)
        r[f"cci_{n}"] = talib.CCI(h, l, c, n)
    for n in (2, 14):
        r[f"rsi_{n}"] = talib.RSI(c, n)
        r[f"atr_{n}"] = talib.ATR(h, l, c, n)
        r[f"natr_{n}"] = talib.NATR(h, l, c, n)
        r[f"adx_{n}"] = talib.ADX(h, l, c, n)
        r[f"plus_di_{n}"] = talib.PLUS_DI(h, l, c, n)
        r[f"minus_di_{n}"] = talib.MINUS_DI(h, l, c, n)
        r[f"willr_{n}"] = talib.WILLR(h, l, c, n)
        r[f"mfi_{n}"] = talib.MFI(h, l, c, v, n)
        r[f"aroon_down_{n}"], r[f"aroon_up_{n}"] = talib.AROON(h, l, n)
        r[f"aroonosc_{n}"] = talib.AROONOSC(h, l, n)
    for n in (1, 10):
        r[f"mom_{n}"] = talib.MOM(c, n)
        r[f"roc_{n}"] = talib.ROC(c, n)
    for fast, slow, sig in ((12, 26, 9), (5, 13, 4)):
        m, s, hist = talib.MACD(c, fast, slow, sig)
        key = f"{fast}_{slow}_{sig}"
        r[f"macd_{key}"], r[f"macd_signal_{key}"], r[f"macd_hist_{key}"] = m, s, hist
    for n, k in ((20, 2.0), (10, 1.5)):
        up, mid, lo = talib.BBANDS(c, n, k, k, 0)
        key = f"{n}_{k:g}"
        r[f"bb_upper_{key}"], r[f"bb_middle_{key}"], r[f"bb_lower_{key}"] = up, mid, lo
        with np.errstate(divide="ignore", invalid="ignore"):
            r[f"bb_percent_b_{key}"] = np.where(np.isnan(up), np.nan, np.where(up > lo, (c - lo) / (up - lo), 0.5))
            r[f"bb_bandwidth_{key}"] = (up - lo) / mid
    for fk, sk, sd in ((14, 3, 3), (5, 3, 3)):
        k, d = talib.STOCH(h, l, c, fk, sk, 0, sd, 0)
        key = f"{fk}_{sk}_{sd}"
        r[f"stoch_k_{key}"], r[f"stoch_d_{key}"] = k, d
    for n, fk, fd in ((14, 14, 3), (14, 5, 3)):
        k, d = talib.STOCHRSI(c, n, fk, fd, 0)
        key = f"{n}_{fk}_{fd}"
        r[f"stochrsi_k_{key}"], r[f"stochrsi_d_{key}"] = k, d
    r["obv"] = talib.OBV(c, v)
    r["ad"] = talib.AD(h, l, c, v)
    r["sar_0.02_0.2"] = talib.SAR(h, l, 0.02, 0.2)
    r["ultosc_7_14_28"] = talib.ULTOSC(h, l, c, 7, 14, 28)
    return {k: clean(x) for k, x in r.items()}


def write(name, d, source):
    doc = {
        "name": name,
        "source": source,
        "talib": talib.__ta_version__.decode().split(" ")[0],
        "open": d["open"],
        "high": d["high"],
        "low": d["low"],
        "close": d["close"],
        "volume": d["volume"],
        "outputs": outputs(d),
    }
    path = OUT / f"{name}.json"
    with open(path, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size} bytes)")


def main():
    data_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / ".." / "shared" / "data" / "real"
    OUT.mkdir(parents=True, exist_ok=True)
    for name, file in REAL.items():
        d = read_csv(data_dir / file, ROWS)
        write(name, d, f"{file}, last {ROWS} rows ({d['first_date']} to {d['last_date']})")
    for name, d in synthetic().items():
        write(name, d, "synthetic, generated by scripts/talib_golden.py")


if __name__ == "__main__":
    main()
