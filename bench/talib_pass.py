#!/usr/bin/env python3
"""The speed benchmark's pass with TA-Lib C through its Python package.

bench/talib_pass.c times the same library called from C; this one shows what
a Python caller gets: each call also checks its arguments and allocates its
output arrays, which more than doubles the time.

Usage: python bench/talib_pass.py [--runs 9] [--warmup 2] [--json OUT]

Reads bench/data/ohlcv.f64 (written by `node bench/gen.mjs`: 2,000 series x
365 candles, open/high/low/close/volume columns per series, little-endian f64)
and times SMA20, EMA20, RSI14, MACD(12,26,9), BBANDS(20,2), ATR14, ADX14 and
STOCH(14,3,3) over every series: median of the runs after warm-up, in ms per
pass. The Python call overhead (~0.5 µs per call, 22,000 calls a pass) is
measured separately with an empty pass and reported, not subtracted.
"""

import argparse
import json
import statistics
import time
from pathlib import Path

import numpy as np
import talib

HERE = Path(__file__).resolve().parent
SERIES, LENGTH, FIELDS = 2000, 365, 5


def load():
    raw = np.fromfile(HERE / "data" / "ohlcv.f64", dtype="<f8")
    data = raw.reshape(SERIES, FIELDS, LENGTH)
    # Contiguous columns, as TA-Lib wants them.
    return [tuple(np.ascontiguousarray(data[s, f]) for f in (1, 2, 3)) for s in range(SERIES)]


def one_pass(series):
    out = []
    for h, l, c in series:
        out.append(
            (
                talib.SMA(c, 20),
                talib.EMA(c, 20),
                talib.RSI(c, 14),
                talib.MACD(c, 12, 26, 9),
                talib.BBANDS(c, 20, 2.0, 2.0, 0),
                talib.ATR(h, l, c, 14),
                talib.ADX(h, l, c, 14),
                talib.STOCH(h, l, c, 14, 3, 0, 3, 0),
            )
        )
    return out


def empty_pass(series):
    f = lambda *a: a  # noqa: E731 - the cost of a Python call with the same arguments
    out = []
    for h, l, c in series:
        out.append((f(c, 20), f(c, 20), f(c, 14), f(c, 12, 26, 9), f(c, 20, 2.0, 2.0, 0), f(h, l, c, 14), f(h, l, c, 14), f(h, l, c, 14, 3, 0, 3, 0)))
    return out


def timed(fn, series, runs, warmup):
    times = []
    for i in range(warmup + runs):
        t0 = time.perf_counter()
        fn(series)
        ms = (time.perf_counter() - t0) * 1e3
        if i >= warmup:
            times.append(ms)
    return statistics.median(times), times


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--json")
    args = ap.parse_args()
    series = load()
    checksum = 0.0  # summed in order, as bench/gen.mjs sums it
    for _, _, c in series:
        for x in c.tolist():
            checksum += x
    ms, times = timed(one_pass, series, args.runs, args.warmup)
    overhead, _ = timed(empty_pass, series, args.runs, args.warmup)
    rsi0 = talib.RSI(series[0][2], 14)
    print(f"talib: TA-Lib C {talib.__ta_version__.decode().split(' ')[0]} (python ta-lib {talib.__version__})")
    print(f"talib: {SERIES} series x {LENGTH} candles (close checksum {checksum:.6f})")
    print(f"talib: {ms:.1f} ms/pass (median of {args.runs}); Python call overhead alone {overhead:.1f} ms")
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {
                    "name": f"TA-Lib C {talib.__ta_version__.decode().split(' ')[0]} through Python ta-lib {talib.__version__} (wrapper included)",
                    "via": "python",
                    "ms": ms,
                    "runs_ms": times,
                    "python_overhead_ms": overhead,
                    "rsi14_series0_last": float(rsi0[-1]),
                },
                indent=2,
            )
            + "\n"
        )


if __name__ == "__main__":
    main()
