#!/usr/bin/python3
"""Times the paper's scipy fitting method against `hubgrowth fit` on the same series, in one run.

  /usr/bin/python3 tests/benchmarks/bench_fit_vs_scipy.py HUBGROWTH [FINETUNE_DIR] [--synthetic N]

The scipy side is the paper's code: curve_fit of c(t) = m (exp(lambda Phi((ln t - mu)/sigma)) - 1)
with m = 100, p0 = (0.5, 2, 0.5) and bounds >= 0, one series at a time, on every series with at
least 3 observed months (months 1..n-1; month 0 is 0 by construction). The hubgrowth side is the
whole process (`fit --threads 1`: start, parse, fit, write the CSV). With --synthetic N it also
times `fit --threads 2` on N synthetic series (30 % adopting) written in the paper's CSV format.
Needs Debian's python3-numpy, python3-scipy and python3-pandas.
"""
import glob
import math
import os
import subprocess
import sys
import tempfile
import time
import warnings

import numpy as np
import pandas as pd
from scipy.optimize import curve_fit
from scipy.stats import norm

M = 100.0
MONTHS = 35


def wsb(t, lam, mu, sigma):
    return M * (np.exp(lam * norm.cdf((np.log(t) - mu) / sigma)) - 1.0)


def load_series(finetune_dir):
    series = []
    for path in sorted(glob.glob(os.path.join(finetune_dir, "*.csv"))):
        frame = pd.read_csv(path)
        month_columns = [f"{k}-month" for k in range(MONTHS) if f"{k}-month" in frame.columns]
        for _, row in frame.iterrows():
            values = row[month_columns].to_numpy(dtype=float)
            observed = values[~np.isnan(values)]
            if len(observed) >= 3:
                series.append((row["model"], observed))
    return series


def time_scipy(series):
    failed = 0
    start = time.perf_counter()
    for _, counts in series:
        t = np.arange(1, len(counts), dtype=float)
        try:
            curve_fit(wsb, t, counts[1:], p0=(0.5, 2.0, 0.5), bounds=(0, np.inf))
        except (RuntimeError, ValueError):
            failed += 1
    return time.perf_counter() - start, failed


def time_process(command, repeats):
    best = math.inf
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - start)
    return best


def write_synthetic(path, count, seed=20261201):
    """count base models: 30 % adopting along a WSB curve with Poisson increments, the rest zero."""
    rng = np.random.default_rng(seed)
    months = np.arange(MONTHS, dtype=float)
    header = ["model"] + [f"{k}-month" for k in range(MONTHS)] + ["company"]
    with open(path, "w", encoding="utf-8") as out:
        out.write(",".join(header) + "\n")
        for i in range(count):
            length = int(rng.integers(3, MONTHS + 1))
            counts = np.zeros(length)
            if rng.random() < 0.3:
                lam = rng.uniform(0.5, 6.0)
                mu = rng.uniform(0.0, 3.5)
                sigma = rng.uniform(0.3, 1.5)
                t = months[1:length]
                curve = np.concatenate(([0.0], wsb(t, lam, mu, sigma)))
                increments = rng.poisson(np.maximum(np.diff(curve), 0.0))
                counts[1:] = np.cumsum(increments)
            cells = [f"synthetic/model-{i}"] + [str(int(c)) for c in counts]
            cells += [""] * (MONTHS - length) + ["synthetic"]
            out.write(",".join(cells) + "\n")


def main():
    args = sys.argv[1:]
    if not args:
        print(__doc__)
        return 2
    synthetic = 0
    if "--synthetic" in args:
        position = args.index("--synthetic")
        synthetic = int(args[position + 1])
        del args[position : position + 2]
    binary = args[0]
    here = os.path.dirname(os.path.abspath(__file__))
    default_dir = os.path.join(here, "..", "..", "..", "shared", "reference", "hf-finetunes-2025-02-18", "finetune")
    finetune_dir = args[1] if len(args) > 1 else default_dir
    if not os.path.isdir(finetune_dir):
        print(f"bench_fit_vs_scipy: reference data not found at {finetune_dir}; skipping")
        return 0

    series = load_series(finetune_dir)
    print(f"bench_fit_vs_scipy: {len(series)} series with >= 3 months in {os.path.normpath(finetune_dir)}")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        scipy_seconds, failed = time_scipy(series)
    print(f"  scipy curve_fit (paper method, m = 100): {scipy_seconds:.2f} s ({failed} raised)")
    with tempfile.TemporaryDirectory() as work:
        out = os.path.join(work, "fit.csv")
        ours = time_process([binary, "fit", finetune_dir, "--threads", "1", "--out", out], 3)
        print(f"  hubgrowth fit --threads 1, whole process (best of 3): {ours:.3f} s")
        print(f"  ratio scipy / hubgrowth: {scipy_seconds / ours:.0f}x")
        if synthetic > 0:
            csv = os.path.join(work, "synthetic.csv")
            write_synthetic(csv, synthetic)
            seconds = time_process([binary, "fit", csv, "--threads", "2", "--out", out], 1)
            print(f"  hubgrowth fit --threads 2 on {synthetic} synthetic series (30 % adopting): {seconds:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
