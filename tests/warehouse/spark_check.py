"""Runs the Spark SQL dialect of sql/paths.sql in Spark local mode and checks its paths against the
calculator's own export (`kol-attribution paths`), byte for byte: one multi-window query per level,
with and without --events, each of its windows gross and net, on the edge-case fixtures, the
notes fixtures (ads, search, notes and promo codes: every level, notes too) and a generated campaign
with notes and promo codes.

Part of `npm test`, with the Python of the project's venv (.venv, made by scripts/python-env.sh with
PySpark pinned; Java 17 from scripts/setup.sh --checks). Fails when PySpark or Java is missing or
Spark does not start; skips only when asked with KOL_SKIP_SPARK=1. Run after `npm run build`:
    bash scripts/setup.sh --checks && .venv/bin/python tests/warehouse/spark_check.py
"""

import csv
import io
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CLI = os.path.join(ROOT, "bin", "kol-attribution.mjs")
# Four windows, not the DuckDB test's seven, to keep `npm test` short (each window costs Spark time
# and eight CLI runs): 7 days meets the fixtures' touch exactly a window old, 14 drops a touch
# 15 days old, 45 is not a default, 120 the longest default. Every window is in the DuckDB test.
WINDOWS = [7, 14, 45, 120]


def cli(*args):
    return subprocess.run(["node", CLI, *args], check=True, capture_output=True, text=True).stdout


def as_csv(rows, extra):
    """Rows written as the calculator writes paths: minimal quoting, LF line ends."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(["path", "total_conversions", "total_conversion_value", "total_null", *extra])
    writer.writerows(rows)
    return out.getvalue()


def load(spark, folder):
    """Loads the three files; returns the optional columns they have (source, note_id, promo_code)."""

    def read(name):
        return spark.read.csv(os.path.join(folder, f"{name}.csv"), header=True, inferSchema=False)

    creators = read("creators")
    creators.createOrReplaceTempView("raw_creators")
    touchpoints = read("touchpoints")
    touchpoints.createOrReplaceTempView("raw_touchpoints")
    optional = [c for c in ["source", "note_id"] if c in touchpoints.columns]
    read("orders").createOrReplaceTempView("raw_orders")
    # Promo codes when the roster gives them (the sample's orders always have the column).
    codes = ", promo_code" if "promo_code" in creators.columns else ""
    spark.sql(
        "CREATE OR REPLACE TEMP VIEW creators AS SELECT kol_id, NULLIF(tier, '') AS tier, "
        f"CAST(followers AS BIGINT) AS followers{codes} FROM raw_creators"
    )
    spark.sql(
        "CREATE OR REPLACE TEMP VIEW touchpoints AS SELECT journey_id, kol_id, "
        "to_timestamp(timestamp, 'yyyy-MM-dd HH:mm:ss') AS timestamp, touch_type"
        + "".join(f", {c}" for c in optional) + " FROM raw_touchpoints"
    )
    spark.sql(
        "CREATE OR REPLACE TEMP VIEW orders AS SELECT order_id, journey_id, "
        "to_timestamp(timestamp, 'yyyy-MM-dd HH:mm:ss') AS timestamp, CAST(value AS DECIMAL(18, 2)) AS value, "
        f"CAST(NULLIF(refunded_amount, '') AS DECIMAL(18, 2)) AS refunded_amount{codes} FROM raw_orders"
    )
    return optional + (["promo_code"] if codes else [])


def check(spark, name, folder):
    optional = load(spark, folder)
    files = ["--kols", f"{folder}/creators.csv", "--touchpoints", f"{folder}/touchpoints.csv", "--orders", f"{folder}/orders.csv"]
    sources = ["--sources"] if "source" in optional else []
    sources += ["--promo-codes"] if "promo_code" in optional else []
    failures = compared = 0
    for level in ["creator", "tier", *(["note"] if "note_id" in optional else [])]:
        for events in [False, True]:
            flags = ["--events"] if events else []
            query = cli("sql", "--dialect", "spark", "--level", level, "--windows", ",".join(map(str, WINDOWS)), *flags, *sources)
            result = spark.sql(query).collect()
            for days in WINDOWS:
                for gross in [True, False]:
                    value = "total_conversion_value" if gross else "total_net_value"
                    extra = ["touch_types", "touch_ages_seconds"] if events else []
                    rows = sorted(
                        (
                            (r["path"], r["total_conversions"], r[value], r["total_null"], *[r[c] or "" for c in extra])
                            for r in result
                            if r["window_days"] == days
                        ),
                        key=lambda row: [str(cell).encode("utf-8") for cell in (row[0], *row[4:])],
                    )
                    theirs = as_csv(rows, extra)
                    ours = cli("paths", *files, "--window", str(days), "--level", level, *(["--gross"] if gross else []), *flags)
                    compared += 1
                    # Two empty exports would be equal and prove nothing: each window has journeys.
                    if theirs != ours or not rows:
                        failures += 1
                        print(f"MISMATCH {name} {days}d {level} {'gross' if gross else 'net'} events={events}"
                              f"{'' if rows else ': Spark returned no rows'}", file=sys.stderr)
    return compared, failures


def main():
    if os.environ.get("KOL_SKIP_SPARK") == "1":
        print("Spark SQL dialect check: skipped (KOL_SKIP_SPARK=1)")
        return 0
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    try:
        from pyspark.sql import SparkSession
    except ImportError as error:
        print(f"Spark SQL dialect check FAILED: {error}. Install with `bash scripts/setup.sh --checks` and run "
              "with .venv/bin/python (KOL_SKIP_SPARK=1 skips this check).", file=sys.stderr)
        return 1
    try:
        spark = (
            SparkSession.builder.master("local[2]")
            .appName("kol-attribution-sql")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.session.timeZone", "Asia/Shanghai")
            .config("spark.sql.shuffle.partitions", "4")
            .getOrCreate()
        )
    except Exception as error:  # no Java, or Spark cannot start here
        print(f"Spark SQL dialect check FAILED: Spark did not start: {error} (Java 17 or later must be on PATH; "
              "`bash scripts/setup.sh --checks` installs it).", file=sys.stderr)
        return 1
    spark.sparkContext.setLogLevel("ERROR")
    compared = failures = 0
    with tempfile.TemporaryDirectory() as folder:
        cli("sample", "--journeys", "1500", "--creators", "30", "--seed", "5", "--codes", "--out", folder)
        fixtures = os.path.join(ROOT, "tests", "fixtures")
        for name, path in [
            ("edge", os.path.join(fixtures, "warehouse")),
            ("notes", os.path.join(fixtures, "warehouse-notes")),
            ("sample", folder),
        ]:
            c, f = check(spark, name, path)
            compared, failures = compared + c, failures + f
    spark.stop()
    print(f"Spark SQL dialect check: {compared - failures} of {compared} window exports identical")
    return 1 if failures or not compared else 0


if __name__ == "__main__":
    sys.exit(main())
