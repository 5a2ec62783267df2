/*
 * The speed benchmark's pass with TA-Lib C, called from C: SMA20, EMA20,
 * RSI14, MACD(12,26,9), BBANDS(20,2), ATR14, ADX14 and STOCH(14,3,3) over
 * every series of bench/data/ohlcv.f64 (written by `node bench/gen.mjs`:
 * 2,000 series x 365 candles, open/high/low/close/volume columns per series,
 * little-endian f64). Every output of every series is kept, in one buffer
 * reused from pass to pass (as our `computeManyInto` and the native
 * many-series pass keep theirs). Prints a JSON object: ms per pass (median
 * of the runs after warm-up) and RSI14's last value of series 0, which
 * bench/bench.mjs checks against ours.
 *
 * Built and run by bench/run.sh against the TA-Lib C library that the
 * Python ta-lib wheel bundles (no Python in the timed loop: through Python,
 * the call and output-array overhead more than doubles the time).
 * Usage: talib_pass DATA [runs] [warmup]
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* The TA-Lib C API (ta_func.h), the eight functions this pass calls. */
typedef int TA_RetCode;
TA_RetCode TA_Initialize(void);
const char *TA_GetVersionString(void);
TA_RetCode TA_SMA(int, int, const double *, int, int *, int *, double *);
TA_RetCode TA_EMA(int, int, const double *, int, int *, int *, double *);
TA_RetCode TA_RSI(int, int, const double *, int, int *, int *, double *);
TA_RetCode TA_MACD(int, int, const double *, int, int, int, int *, int *, double *, double *,
                   double *);
TA_RetCode TA_BBANDS(int, int, const double *, int, double, double, int, int *, int *, double *,
                     double *, double *);
TA_RetCode TA_ATR(int, int, const double *, const double *, const double *, int, int *, int *,
                  double *);
TA_RetCode TA_ADX(int, int, const double *, const double *, const double *, int, int *, int *,
                  double *);
TA_RetCode TA_STOCH(int, int, const double *, const double *, const double *, int, int, int, int,
                    int, int *, int *, double *, double *);

enum { SERIES = 2000, LENGTH = 365, FIELDS = 5, OUTPUTS = 13, MAX_RUNS = 99 };

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int by_value(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* Fails the run on any TA-Lib error: a timing of failed calls means nothing. */
static void ok(TA_RetCode code, const char *what) {
  if (code != 0) {
    fprintf(stderr, "talib_pass: %s failed with TA_RetCode %d\n", what, code);
    exit(1);
  }
}

/* One pass over every series; the RSI's last value of series 0. */
static double one_pass(const double *data, double *out) {
  int beg, n;
  double rsi0 = 0.0;
  const int last = LENGTH - 1;
  for (int s = 0; s < SERIES; s++) {
    const double *high = data + ((size_t)s * FIELDS + 1) * LENGTH;
    const double *low = data + ((size_t)s * FIELDS + 2) * LENGTH;
    const double *close = data + ((size_t)s * FIELDS + 3) * LENGTH;
    double *o = out + (size_t)s * OUTPUTS * LENGTH;
    ok(TA_SMA(0, last, close, 20, &beg, &n, o), "SMA");
    ok(TA_EMA(0, last, close, 20, &beg, &n, o + LENGTH), "EMA");
    ok(TA_RSI(0, last, close, 14, &beg, &n, o + 2 * LENGTH), "RSI");
    if (s == 0) rsi0 = o[2 * LENGTH + n - 1];
    ok(TA_MACD(0, last, close, 12, 26, 9, &beg, &n, o + 3 * LENGTH, o + 4 * LENGTH,
               o + 5 * LENGTH), "MACD");
    ok(TA_BBANDS(0, last, close, 20, 2.0, 2.0, 0, &beg, &n, o + 6 * LENGTH, o + 7 * LENGTH,
                 o + 8 * LENGTH), "BBANDS");
    ok(TA_ATR(0, last, high, low, close, 14, &beg, &n, o + 9 * LENGTH), "ATR");
    ok(TA_ADX(0, last, high, low, close, 14, &beg, &n, o + 10 * LENGTH), "ADX");
    ok(TA_STOCH(0, last, high, low, close, 14, 3, 0, 3, 0, &beg, &n, o + 11 * LENGTH,
                o + 12 * LENGTH), "STOCH");
  }
  return rsi0;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: talib_pass DATA [runs] [warmup]\n");
    return 2;
  }
  int runs = argc > 2 ? atoi(argv[2]) : 9;
  int warmup = argc > 3 ? atoi(argv[3]) : 2;
  if (runs < 1 || runs > MAX_RUNS || warmup < 0) {
    fprintf(stderr, "talib_pass: runs must be 1 to %d, warm-up at least 0\n", MAX_RUNS);
    return 2;
  }
  size_t values = (size_t)SERIES * FIELDS * LENGTH;
  double *data = malloc(values * sizeof(double));
  double *out = malloc((size_t)SERIES * OUTPUTS * LENGTH * sizeof(double));
  FILE *f = fopen(argv[1], "rb");
  if (!data || !out || !f || fread(data, sizeof(double), values, f) != values) {
    fprintf(stderr, "talib_pass: cannot read %zu values from %s\n", values, argv[1]);
    return 1;
  }
  fclose(f);
  ok(TA_Initialize(), "TA_Initialize");

  double times[MAX_RUNS], sorted[MAX_RUNS], rsi0 = 0.0;
  for (int r = 0; r < warmup + runs; r++) {
    double t0 = now_ms();
    rsi0 = one_pass(data, out);
    if (r >= warmup) times[r - warmup] = now_ms() - t0;
  }
  for (int r = 0; r < runs; r++) sorted[r] = times[r];
  qsort(sorted, runs, sizeof(double), by_value);
  double median = runs % 2 ? sorted[runs / 2] : (sorted[runs / 2 - 1] + sorted[runs / 2]) / 2;

  /* The version string is "0.6.4 (Jan  1 2025 00:00:00)": its first word. */
  char version[32];
  sscanf(TA_GetVersionString(), "%31s", version);
  printf("{\n  \"name\": \"TA-Lib C %s (native, called from C)\",\n  \"via\": \"c\",\n"
         "  \"ms\": %.6f,\n  \"runs_ms\": [",
         version, median);
  for (int r = 0; r < runs; r++) printf("%s%.6f", r ? ", " : "", times[r]);
  printf("],\n  \"rsi14_series0_last\": %.17g\n}\n", rsi0);
  free(data);
  free(out);
  return 0;
}
