"""Cross-check against ChannelAttribution, the reference library: on the same aggregated paths
(exported by our CLI from a generated sample campaign), first touch, last touch and linear must give
the same conversions to 1e-9, and values within one fen (ours are rounded to the fen by the
largest-remainder method, so that each model's values sum exactly to the total). Our exact
first-order Markov credit must fall within the spread of five of ChannelAttribution's simulations.

Part of `npm test`, with the Python of the project's venv (.venv, made by scripts/python-env.sh with
ChannelAttribution, pandas and matplotlib pinned). Fails when they are missing; skips only when
asked with KOL_SKIP_CHANNELATTRIBUTION=1. Run after `npm run build`:
    bash scripts/python-env.sh && .venv/bin/python tests/channelattribution/check.py
"""

import contextlib
import io
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CLI = [ "node", str(ROOT / "bin" / "kol-attribution.mjs")]
MODELS = {"first_touch": "first_touch", "last_touch": "last_touch", "linear": "linear_touch"}


def run(*args: str, stdin: str | None = None) -> str:
    result = subprocess.run([*CLI, *args], input=stdin, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.exit(f"kol-attribution {' '.join(args)} failed: {result.stderr}")
    return result.stdout


def main() -> int:
    if os.environ.get("KOL_SKIP_CHANNELATTRIBUTION") == "1":
        print("ChannelAttribution cross-check skipped (KOL_SKIP_CHANNELATTRIBUTION=1)")
        return 0
    try:
        import pandas as pd
        # Its import prints an advertisement for its paid edition.
        with contextlib.redirect_stdout(io.StringIO()):
            import ChannelAttribution as ca  # noqa: N813
    except ImportError as error:
        print(f"ChannelAttribution cross-check FAILED: {error}. Install with `bash scripts/python-env.sh` and run "
              "with .venv/bin/python (KOL_SKIP_CHANNELATTRIBUTION=1 skips this check).", file=sys.stderr)
        return 1
    passed = failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        run("sample", "--journeys", "20000", "--creators", "60", "--seed", "11", "--out", tmp)
        files = ["--kols", f"{tmp}/creators.csv", "--touchpoints", f"{tmp}/touchpoints.csv", "--orders", f"{tmp}/orders.csv"]
        for level, window in [("creator", "30"), ("tier", "90")]:
            paths = run("paths", *files, "--level", level, "--window", window, "--gross")
            Path(tmp, "paths.csv").write_text(paths)
            reference = ca.heuristic_models(
                pd.read_csv(Path(tmp, "paths.csv")), "path", "total_conversions",
                var_value="total_conversion_value", sep=">", flg_pro=False,
            ).set_index("channel_name")
            ours = json.loads(run("compare", "--paths", "-", "--models", ",".join(MODELS), stdin=paths))
            # A channel that ChannelAttribution credits and we leave out counts as our zero.
            credits = {(c["model"], c["channel"]): c for c in ours["credits"]}
            for model in MODELS:
                for channel in reference.index:
                    credits.setdefault((model, channel), {"model": model, "channel": channel, "conversions": 0.0, "value": "0"})
            for credit in credits.values():
                name = MODELS[credit["model"]]
                theirs = reference.loc[credit["channel"]] if credit["channel"] in reference.index else None
                conversions = 0.0 if theirs is None else float(theirs[f"{name}_conversions"])
                value = 0.0 if theirs is None else float(theirs[f"{name}_value"])
                ok = abs(credit["conversions"] - conversions) < 1e-9 and abs(float(credit["value"]) - value) <= 0.01 + 1e-9
                if ok:
                    passed += 1
                else:
                    failed += 1
                    print(f"MISMATCH {level} {window}d {credit['model']} {credit['channel']}: "
                          f"ours {credit['conversions']} / {credit['value']}, ChannelAttribution {conversions} / {value}")
            print(f"{level} level, {window}-day window: {len(ours['channels'])} channels × 3 models compared")
            # Markov: ChannelAttribution simulates, so its answer moves from run to run. Ours is
            # exact; it must lie within the range of five of its runs, widened by that range. (Its
            # seed barely varies the draws, so the runs differ in how many paths they simulate.)
            runs = [
                ca.markov_model(
                    pd.read_csv(Path(tmp, "paths.csv")), "path", "total_conversions",
                    var_value="total_conversion_value", var_null="total_null", order=1, sep=">",
                    nsim_start=nsim, seed=seed, verbose=0, flg_pro=False,
                ).set_index("channel_name")
                for seed, nsim in enumerate((1_000_000, 1_250_000, 1_500_000, 1_750_000, 2_000_000))
            ]
            exact = json.loads(run("compare", "--paths", "-", "--models", "markov", stdin=paths))
            credits = {c["channel"]: c for c in exact["credits"]}
            for channel in {channel for r in runs for channel in r.index}:
                credits.setdefault(channel, {"channel": channel, "conversions": 0.0})
            for credit in credits.values():
                theirs = [float(r.loc[credit["channel"], "total_conversions"]) if credit["channel"] in r.index else 0.0 for r in runs]
                low, high = min(theirs), max(theirs)
                spread = high - low
                if low - spread - 1e-9 <= credit["conversions"] <= high + spread + 1e-9:
                    passed += 1
                else:
                    failed += 1
                    print(f"MISMATCH {level} {window}d markov {credit['channel']}: ours {credit['conversions']}, "
                          f"ChannelAttribution runs {theirs}")
            print(f"{level} level, {window}-day window: markov within ChannelAttribution's run-to-run spread")
    if passed == 0:
        failed += 1
        print("MISMATCH: nothing was compared")
    print(f"ChannelAttribution cross-check: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
