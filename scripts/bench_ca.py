"""ChannelAttribution on the benchmark's paths file: prints the seconds its heuristic models and its
first-order Markov model take, as JSON, or {"skipped": reason} where the library is missing.
Usage: python3 scripts/bench_ca.py PATHS.csv"""

import json
import sys
import time


def main() -> int:
    try:
        import pandas as pd
        import ChannelAttribution as ca  # noqa: N813
    except ImportError as error:
        print(json.dumps({"skipped": str(error)}))
        return 0
    paths = pd.read_csv(sys.argv[1])
    started = time.perf_counter()
    ca.heuristic_models(paths, "path", "total_conversions", var_value="total_conversion_value", sep=">", flg_pro=False)
    heuristic = time.perf_counter() - started
    started = time.perf_counter()
    ca.markov_model(
        paths, "path", "total_conversions", var_value="total_conversion_value", var_null="total_null",
        order=1, sep=">", verbose=0, flg_pro=False,
    )
    markov = time.perf_counter() - started
    print(json.dumps({"heuristic": heuristic, "markov1": markov, "version": getattr(ca, "__version__", "?")}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
