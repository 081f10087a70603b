#!/usr/bin/env python3
"""Runs `ctg extract` on each input `make_inputs.py` made and prints a table.

For each text: the wall time, the time per MB, the peak memory (RSS of ctg
and its worker processes, the largest of them) and what the run gave (a
record, or the error code); then the walk folder and the damaged PDFs, each
as one batch. A run that passes --timeout seconds is killed and shown as
such. Python 3 standard library; Linux (os.wait4).

Usage: run.py INPUTS [--ctg target/release/ctg] [--timeout 120] [--markdown]
                     [--cases caf-de,dates] [--ctg-args '--jobs 1']
"""

import argparse
import json
import os
import re
import shlex
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def run(ctg: str, inputs: list, timeout: float, extra: list) -> dict:
    """One `ctg extract` run: seconds, peak RSS in MB, exit code, outcome."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        cmd = [ctg, "extract", *map(str, inputs), "-o", str(out), "--no-cache",
               "--quiet", *extra]
        started = time.monotonic()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                start_new_session=True)
        peak = 0
        status = None
        while status is None:
            # wait4's usage is ctg's, with the largest of its worker processes
            pid, raw, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                status = raw
                peak = usage.ru_maxrss
                break
            if time.monotonic() - started > timeout:
                os.killpg(proc.pid, signal.SIGKILL)
                _, raw, usage = os.wait4(proc.pid, 0)
                return {"seconds": time.monotonic() - started, "rss_mb": usage.ru_maxrss / 1024,
                        "code": None, "outcome": f"killed after {timeout:g} s"}
            time.sleep(0.02)
        seconds = time.monotonic() - started
        code = os.waitstatus_to_exitcode(status)
        stderr = proc.stderr.read().decode(errors="replace")
        return {"seconds": seconds, "rss_mb": peak / 1024, "code": code,
                "outcome": outcome(out, stderr)}


def outcome(out: Path, stderr: str) -> str:
    """'record', the error codes, or the first line of stderr."""
    parts = []
    corpus = out / "corpus.jsonl"
    if corpus.exists():
        records = sum(1 for _ in corpus.open())
        if records:
            parts.append(f"{records} record(s)")
    errors = out / "errors.jsonl"
    if errors.exists():
        codes = {}
        for line in errors.open():
            code = json.loads(line)["error"]["code"]
            codes[code] = codes.get(code, 0) + 1
        parts += [f"{code} x{n}" if n > 1 else code for code, n in sorted(codes.items())]
    if not parts:
        parts.append(stderr.strip().splitlines()[-1] if stderr.strip() else "nothing")
    return ", ".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("inputs", type=Path)
    parser.add_argument("--ctg", default="target/release/ctg")
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--cases", help="only these text cases, comma-separated")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("--ctg-args", default="",
                        help="more arguments for ctg extract, as one string ('--jobs 1')")
    args = parser.parse_args()
    rows = []
    texts = sorted((args.inputs / "text").glob("*.txt"),
                   key=lambda p: (re.sub(r"-[0-9.]+mb$", "", p.stem),
                                  float(re.search(r"([0-9.]+)mb$", p.stem).group(1))))
    wanted = set(args.cases.split(",")) if args.cases else None
    for path in texts:
        case = re.sub(r"-[0-9.]+mb$", "", path.stem)
        if wanted and case not in wanted:
            continue
        mb = path.stat().st_size / 1e6
        r = run(args.ctg, [path], args.timeout, shlex.split(args.ctg_args))
        rows.append((path.name, f"{mb:.2f}", f"{r['seconds']:.2f}",
                     f"{r['seconds'] / mb:.2f}", f"{r['rss_mb']:.0f}", r["outcome"]))
        print(*rows[-1], sep="\t", file=sys.stderr)
    for folder in ["walk", "pdf"]:
        if (args.inputs / folder).is_dir() and not wanted:
            r = run(args.ctg, [args.inputs / folder], args.timeout, shlex.split(args.ctg_args))
            rows.append((f"{folder}/", "", f"{r['seconds']:.2f}", "", f"{r['rss_mb']:.0f}",
                         r["outcome"]))
            print(*rows[-1], sep="\t", file=sys.stderr)
    header = ("input", "MB", "seconds", "s/MB", "peak RSS MB", "outcome")
    if args.markdown:
        print("| " + " | ".join(header) + " |")
        print("| --- | ---: | ---: | ---: | ---: | --- |")
        for row in rows:
            print("| " + " | ".join(row) + " |")
    else:
        for row in [header, *rows]:
            print(*row, sep="\t")


if __name__ == "__main__":
    main()
