#!/usr/bin/env python3
"""How the CSV files of `ctg export --csv DIR` compare with the same tables
in Parquet, for the README's choice of flat format.

Converts every DIR/<table>.csv to Parquet with pyarrow, typed as schema.sql
says (TEXT -> string, INTEGER -> int64, REAL -> float64), then measures the
sizes and the time pandas and DuckDB take to read all the tables each way,
and what pandas and DuckDB make of the code columns when left to guess.

Needs: pip install duckdb pandas pyarrow.
Usage: python3 tools/export/formats.py DIR [--repeat N]
"""

import argparse
import os
import sqlite3
import tempfile
import time

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

ARROW = {"TEXT": pa.string(), "INTEGER": pa.int64(), "REAL": pa.float64()}
PANDAS = {"TEXT": "string", "INTEGER": "Int64", "REAL": "float64"}


def schema(folder):
    """{table: [(column, type)]} from the schema.sql beside the CSV files."""
    db = sqlite3.connect(":memory:")
    with open(os.path.join(folder, "schema.sql"), encoding="utf-8") as f:
        db.executescript(f.read())
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY rowid")]
    return {t: [(r[1], r[2]) for r in db.execute(f"PRAGMA table_info({t})")] for t in tables}


def size(paths):
    return sum(os.path.getsize(p) for p in paths)


def best(f, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        f()
        times.append(time.perf_counter() - start)
    return min(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dir")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    tables = schema(args.dir)
    csv = {t: os.path.join(args.dir, f"{t}.csv") for t in tables}
    out = tempfile.mkdtemp(prefix="ctg-parquet-")
    parquet = {}
    for codec in ["none", "snappy", "zstd"]:
        for t, columns in tables.items():
            types = {c: ARROW[ty] for c, ty in columns}
            table = pacsv.read_csv(
                csv[t],
                convert_options=pacsv.ConvertOptions(column_types=types, strings_can_be_null=False),
            )
            path = os.path.join(out, f"{t}.{codec}.parquet")
            pq.write_table(table, path, compression=codec)
        parquet[codec] = {t: os.path.join(out, f"{t}.{codec}.parquet") for t in tables}
    rows = sum(pq.read_metadata(p).num_rows for p in parquet["none"].values())
    print(f"{len(tables)} tables, {rows} rows")
    print(f"size: csv {size(csv.values()) / 1e6:.1f} MB, " + ", ".join(
        f"parquet {codec} {size(paths.values()) / 1e6:.1f} MB" for codec, paths in parquet.items()))

    dtypes = {t: {c: PANDAS[ty] for c, ty in cols} for t, cols in tables.items()}
    con = duckdb.connect()
    reads = {
        "pandas read_csv (guessed types)": lambda: [pd.read_csv(p) for p in csv.values()],
        "pandas read_csv (schema types)": lambda: [pd.read_csv(p, dtype=dtypes[t], keep_default_na=False, na_values=[""]) for t, p in csv.items()],
        "pandas read_parquet (snappy)": lambda: [pd.read_parquet(p) for p in parquet["snappy"].values()],
        "duckdb read_csv (guessed types)": lambda: [con.sql(f"SELECT * FROM read_csv('{p}')").to_arrow_table() for p in csv.values()],
        "duckdb read_parquet (snappy)": lambda: [con.sql(f"SELECT * FROM read_parquet('{p}')").to_arrow_table() for p in parquet["snappy"].values()],
    }
    for name, read in reads.items():
        print(f"{name}: {best(read, args.repeat) * 1000:.0f} ms for all tables")

    print("code columns, as guessed from the CSV (pandas / duckdb):")
    for t, column in [("departments", "code"), ("communes", "insee"), ("convention_communes", "insee"),
                      ("parties", "code"), ("convention_territories", "code"), ("documents", "id")]:
        frame = pd.read_csv(csv[t])
        described = con.sql(f"DESCRIBE SELECT {column} FROM read_csv('{csv[t]}')").fetchall()
        sample = sorted(set(frame[column].dropna().astype(str)))[:3]
        print(f"  {t}.{column}: pandas {frame[column].dtype} {sample}, duckdb {described[0][1]}")


if __name__ == "__main__":
    main()
