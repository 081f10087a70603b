#!/usr/bin/env python3
"""Whole-run benchmark of ctg on generated corpora (Python 3 standard library only).

Builds the release binaries, generates (or reuses) seeded corpora with
`gencorpus`, then measures `ctg extract` (wall time, peak RSS, documents/s,
MB/s, PDF pages/s) with 1 and 2 jobs, and compares it with ripgrep running all
of ctg's rule patterns over the same text files and with poppler's `pdftotext`
over the same PDFs. Also measures start-up time, a cached re-run and how peak
memory grows with corpus size. With `--baseline BIN`, a second ctg binary
(say, one built from the commit before a change) runs on the same corpora,
alternating with this one, and the report shows both side by side with
whether their `corpus.jsonl` are byte-identical. Prints a Markdown report and
writes JSON.

See bench/README.md for what each number means.
"""

import argparse
import concurrent.futures
import datetime
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Files whose content decides the generated corpora: a change regenerates them.
GENERATOR_SOURCES = ["crates/synth", "data"]

STARTUP_TEXT = (
    "La commune de Rouperroux et la Caf de l'Orne ont signé le 3 mars 2023 "
    "une convention territoriale globale pour la période 2023-2026.\n"
)


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default="1000,10000",
                   help="document counts of the text corpora (txt+html), comma-separated "
                        "[default: 1000,10000; 100000 allowed]")
    p.add_argument("--pdf-docs", type=int, default=100,
                   help="documents of the PDF-only corpus [default: 100; 0 skips it]")
    p.add_argument("--ocr-docs", type=int, default=4,
                   help="documents of the OCR corpus: generated PDFs read with --ocr force, "
                        "every page rasterized and read by Tesseract [default: 4; 0 skips it, "
                        "as does a machine without tesseract]")
    p.add_argument("--skip-ocr", action="store_true",
                   help="skip every OCR run (the scans of tests/scans/ and the ocr-N corpus)")
    p.add_argument("--jobs", default="1,2",
                   help="ctg --jobs (and rg -j) values, comma-separated [default: 1,2]")
    p.add_argument("--seed", type=int, default=1, help="gencorpus seed [default: 1]")
    p.add_argument("--work", type=Path, default=ROOT / "bench" / "data",
                   help="folder for corpora and run outputs [default: bench/data]")
    p.add_argument("--json", type=Path, default=ROOT / "bench" / "results.json",
                   help="where to write the results [default: bench/results.json]")
    p.add_argument("--startup-runs", type=int, default=10,
                   help="runs of the start-up measurement [default: 10]")
    p.add_argument("--rg-timeout", type=float, default=1800.0,
                   help="seconds after which one ripgrep run is stopped and reported as "
                        "a timeout [default: 1800]")
    p.add_argument("--rg-max-docs", type=int, default=10000,
                   help="run ripgrep only on text corpora of at most this many documents "
                        "(it reads ctg's patterns at about 0.1-0.3 MB/s) [default: 10000]")
    p.add_argument("--patterns", type=Path,
                   help="a patterns file for ripgrep instead of `ctg rules patterns`")
    p.add_argument("--skip-build", action="store_true",
                   help="use the binaries already built")
    p.add_argument("--baseline", type=Path,
                   help="a second ctg binary to compare with: it runs on the same text and "
                        "PDF corpora and for the start-up, alternating with this build, and "
                        "the report shows both side by side")
    p.add_argument("--rounds", type=int,
                   help="runs of each binary per corpus and --jobs value, alternating the "
                        "two binaries; the report shows the median [default: 3 with "
                        "--baseline, else 1]")
    args = p.parse_args()
    args.sizes = sorted(int(s) for s in args.sizes.split(",") if s.strip())
    args.jobs = sorted(int(j) for j in args.jobs.split(",") if j.strip())
    if not args.sizes or not args.jobs or min(args.sizes + args.jobs) < 1:
        p.error("--sizes and --jobs need positive integers")
    if args.rounds is None:
        args.rounds = 3 if args.baseline else 1
    if args.rounds < 1:
        p.error("--rounds needs a positive integer")
    if args.baseline and not args.baseline.is_file():
        p.error(f"--baseline {args.baseline}: no such file")
    return args


def log(message):
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- processes

def measure(cmd, timeout=None, stdout=subprocess.DEVNULL):
    """Runs `cmd`; returns wall seconds, peak RSS in MB (ru_maxrss of the child,
    which on Linux includes the largest of its own waited-for children), the
    exit code, whether it timed out, and the end of its stderr."""
    err_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"ctg-bench-{os.getpid()}.err"
    with open(err_path, "w+b") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=stdout, stderr=err)
        killed = threading.Event()

        def kill():
            killed.set()
            proc.kill()

        timer = threading.Timer(timeout, kill) if timeout else None
        if timer:
            timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        if timer:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        tail = err.read().decode("utf-8", "replace")[-2000:]
    err_path.unlink(missing_ok=True)
    return {
        "wall_s": wall,
        "peak_rss_mb": usage.ru_maxrss / 1024.0,
        "exit": proc.returncode,
        "timed_out": killed.is_set(),
        "stderr": tail.strip(),
    }


def first_line(cmd):
    """First line a command prints (stdout or stderr), or None if it cannot run."""
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    text = (out.stdout or out.stderr).strip()
    return text.splitlines()[0] if text else None


def machine():
    cpu = None
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram_gib = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram_gib = int(line.split()[1]) / 1024 / 1024
                break
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu or platform.processor() or "unknown",
        "ram_gib": round(ram_gib, 1) if ram_gib else None,
        "os": platform.platform(),
        "rustc": first_line(["rustc", "--version"]),
        "rg": first_line(["rg", "--version"]) if shutil.which("rg") else None,
        "pdftotext": first_line(["pdftotext", "-v"]) if shutil.which("pdftotext") else None,
    }


# ---------------------------------------------------------------- build and corpora

def target_dir():
    return Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))


def build(skip):
    if not skip:
        log("building: cargo build --release --bins")
        subprocess.run(["cargo", "build", "--release", "--bins"], cwd=ROOT, check=True)
    bins = {name: target_dir() / "release" / name for name in ("ctg", "gencorpus")}
    for name, path in bins.items():
        if not path.is_file():
            sys.exit(f"error: {path} is missing; build it (cargo build --release --bins)")
    return bins


def generator_fingerprint():
    digest = hashlib.sha256()
    for source in GENERATOR_SOURCES:
        path = ROOT / source
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for f in files:
            if f.is_file():
                digest.update(str(f.relative_to(ROOT)).encode())
                digest.update(f.read_bytes())
    return digest.hexdigest()[:10]


def corpus(bins, work, kind, docs, seed, fingerprint):
    """The folder of a generated corpus (`text` or `pdf`), generated unless a
    complete one from the same generator sources is there."""
    prefix = f"{kind}-{docs}-seed{seed}-"
    folder = work / f"{prefix}{fingerprint}"
    summary = folder / "gencorpus.json"
    for stale in work.glob(prefix + "*"):
        if stale != folder and (stale / "gencorpus.json").is_file():
            shutil.rmtree(stale)
    if not summary.is_file():
        share = "1" if kind == "pdf" else "0"
        log(f"generating {folder.name}")
        subprocess.run([str(bins["gencorpus"]), "--docs", str(docs), "--seed", str(seed),
                        "--pdf-share", share, "--out", str(folder)], check=True)
    info = json.loads(summary.read_text())
    return {"name": f"{kind}-{docs}", "dir": folder, "docs": info["docs"],
            "bytes": info["total_bytes"], "pages": info["total_pdf_pages"]}


def cache_of(out):
    """The cache folder the benchmark gives a run (--cache-dir), beside its output."""
    return out.parent / f"{out.name}-cache"


def remove_output(out):
    for path in (out, cache_of(out)):
        if path.exists():
            shutil.rmtree(path)


# ---------------------------------------------------------------- measurements

def run_ctg(binary, work, c, jobs, label="ctg"):
    out = work / "runs" / f"out-{label}-{c['name']}-j{jobs}"
    remove_output(out)
    log(f"{label}: ctg extract {c['name']} --jobs {jobs}")
    r = measure([str(binary), "extract", str(c["dir"]), "--output", str(out),
                 "--quiet", "--no-cache", "--jobs", str(jobs)])
    errors = out / "errors.jsonl"
    failed = sum(1 for _ in errors.open()) if errors.is_file() else None
    corpus_file = out / "corpus.jsonl"
    digest = (hashlib.sha256(corpus_file.read_bytes()).hexdigest()
              if corpus_file.is_file() else None)
    remove_output(out)
    wall = r["wall_s"]
    return {
        "corpus": c["name"], "docs": c["docs"], "mb": c["bytes"] / 1e6, "pages": c["pages"],
        "jobs": jobs, "wall_s": wall, "exit": r["exit"], "failed_docs": failed,
        "corpus_sha256": digest,
        "docs_per_s": c["docs"] / wall, "mb_per_s": c["bytes"] / 1e6 / wall,
        "pages_per_s": c["pages"] / wall if c["pages"] else None,
        "peak_rss_mb": r["peak_rss_mb"],
        "stderr": r["stderr"] if r["exit"] not in (0, 1) else "",
    }


def rg_patterns(bins, work, given):
    """ctg's rule patterns as one file for ripgrep. `ctg rules patterns`
    already makes named groups plain (ripgrep joins all patterns into one
    regex, where a group name may occur only once); a file given with
    --patterns gets the same treatment."""
    if given:
        text = given.read_text()
    else:
        out = subprocess.run([str(bins["ctg"]), "rules", "patterns"], capture_output=True,
                             text=True)
        if out.returncode != 0 or not out.stdout.strip():
            return None, f"`ctg rules patterns` failed: {out.stderr.strip()[:200]}"
        text = out.stdout
    plain = re.sub(r"\(\?P?<[A-Za-z_][A-Za-z0-9_]*>", "(?:", text)
    path = work / "patterns.txt"
    path.write_text(plain)
    source = str(given) if given else "`ctg rules patterns`"
    return path, f"{len(plain.splitlines())} patterns from {source}"


def run_rg(c, patterns, jobs, timeout):
    log(f"rg {c['name']} -j {jobs}")
    # -U: ctg's patterns match across line breaks, as its rules read whole documents
    r = measure(["rg", "-U", "--no-ignore", "--hidden", "-c", "-f", str(patterns),
                 str(c["dir"]), "-j", str(jobs)], timeout=timeout)
    ok = r["exit"] in (0, 1) and not r["timed_out"]
    return {
        "corpus": c["name"], "jobs": jobs, "wall_s": r["wall_s"],
        "mb_per_s": c["bytes"] / 1e6 / r["wall_s"] if ok else None,
        "peak_rss_mb": r["peak_rss_mb"], "timed_out": r["timed_out"],
        "error": None if ok or r["timed_out"] else r["stderr"][-300:],
    }


def run_pdftotext(c, workers):
    pdfs = sorted(c["dir"].rglob("*.pdf"))
    log(f"pdftotext on {len(pdfs)} PDFs, {workers} at a time")

    def one(path):
        return subprocess.run(["pdftotext", "-q", str(path), "-"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL).returncode

    start = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        codes = list(pool.map(one, pdfs))
    wall = time.perf_counter() - start
    return {"files": len(pdfs), "workers": workers, "wall_s": wall,
            "pages_per_s": c["pages"] / wall, "failed": sum(1 for x in codes if x != 0)}


def run_ocr(bins, work, c, jobs, paths, mode):
    """ctg extract with OCR: pages/s of OCR, then the same run again with its
    cache (what a re-run of a scanned archive costs)."""
    out = work / "runs" / f"out-{c['name']}-j{jobs}"
    remove_output(out)
    cmd = [str(bins["ctg"]), "extract", *map(str, paths), "--output", str(out), "--quiet",
           "--jobs", str(jobs), "--ocr", mode]
    log(f"ctg extract {c['name']} --ocr {mode} --jobs {jobs}, then again from the cache")
    first = measure(cmd)
    pages = 0
    for line in (out / "corpus.jsonl").read_text().splitlines() if first["exit"] in (0, 1) else []:
        pages += len(json.loads(line)["source"].get("ocr_pages", []))
    second = measure(cmd)
    remove_output(out)
    return {"corpus": c["name"], "docs": c["docs"], "jobs": jobs, "mode": mode,
            "ocr_pages": pages, "wall_s": first["wall_s"], "exit": first["exit"],
            "ocr_pages_per_s": pages / first["wall_s"], "peak_rss_mb": first["peak_rss_mb"],
            "cached_s": second["wall_s"], "stderr": first["stderr"] if first["exit"] not in (0, 1) else ""}


def run_startup(binaries, work, runs):
    """Start-up of each binary (`{label: path}`), its runs interleaved with the
    others' so that a busy moment of the machine falls on all of them."""
    folder = work / "startup"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "tiny.txt").write_text(STARTUP_TEXT)
    cmds = {}
    for label, binary in binaries.items():
        out = work / "runs" / f"out-startup-{label}"
        cmds[label] = (out, [str(binary), "extract", str(folder), "--output", str(out),
                             "--quiet", "--no-cache"])
        measure(cmds[label][1])  # warm the page cache
    log(f"start-up: {runs} runs on one tiny file")
    times = {label: [] for label in binaries}
    ready = {label: [] for label in binaries}
    for _ in range(runs):
        for label, (out, cmd) in cmds.items():
            times[label].append(measure(cmd)["wall_s"] * 1000)
            timings = json.loads((out / "timings.json").read_text())
            ready[label].append(timings["startup_ms"])
    results = {}
    for label, (out, _) in cmds.items():
        remove_output(out)
        results[label] = {"runs": runs, "median_ms": statistics.median(times[label]),
                          "min_ms": min(times[label]), "max_ms": max(times[label]),
                          "ready_median_ms": statistics.median(ready[label])}
    return results


def run_pair(binaries, work, c, jobs, rounds, pdftotext=False):
    """Runs every binary `rounds` times on one corpus, alternating which goes
    first, and keeps each binary's median run (by wall time). With
    `pdftotext`, each round also runs pdftotext over the same PDFs with as
    many processes as ctg has jobs (its median run under the key
    `pdftotext`)."""
    labels = list(binaries)
    runs = {label: [] for label in labels}
    plain = []
    for r in range(rounds):
        order = labels if r % 2 == 0 else labels[::-1]
        if pdftotext:
            order = order + ["pdftotext"] if r % 2 == 0 else ["pdftotext"] + order
        for label in order:
            if label == "pdftotext":
                plain.append(run_pdftotext(c, jobs))
            else:
                runs[label].append(run_ctg(binaries[label], work, c, jobs, label))
    best = {}
    if plain:
        ordered = sorted(plain, key=lambda x: x["wall_s"])
        best["pdftotext"] = dict(ordered[(len(ordered) - 1) // 2],
                                 rounds=len(plain), walls_s=[x["wall_s"] for x in plain])
    for label, rs in runs.items():
        ordered = sorted(rs, key=lambda x: x["wall_s"])
        median = dict(ordered[(len(ordered) - 1) // 2])
        median["rounds"] = len(rs)
        median["walls_s"] = [x["wall_s"] for x in rs]
        median["peak_rss_mb"] = max(x["peak_rss_mb"] for x in rs)
        median["deterministic"] = len({x["corpus_sha256"] for x in rs}) == 1
        best[label] = median
    return best


def run_cached(bins, work, c, jobs):
    out = work / "runs" / f"out-cache-{c['name']}"
    remove_output(out)
    cmd = [str(bins["ctg"]), "extract", str(c["dir"]), "--output", str(out), "--quiet",
           "--jobs", str(jobs), "--cache-dir", str(cache_of(out))]
    log(f"cache: ctg extract {c['name']} twice with the cache")
    first = measure(cmd)
    second = measure(cmd)
    remove_output(out)
    return {"corpus": c["name"], "jobs": jobs, "first_s": first["wall_s"],
            "second_s": second["wall_s"], "ratio": second["wall_s"] / first["wall_s"]}


# ---------------------------------------------------------------- report

def fmt(value, digits=1):
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.{digits}f}".replace(",", " ")
    return str(value)


def report(results):
    m = results["machine"]
    lines = [
        f"## ctg whole-run benchmark ({results['date']})",
        "",
        f"Machine: {m['nproc']} cores, {m['cpu']}, {fmt(m['ram_gib'])} GiB RAM, {m['os']}; "
        f"{m['rustc'] or 'rustc ?'}; {m['rg'] or 'ripgrep not installed'}; "
        f"{m['pdftotext'] or 'pdftotext not installed'}; {results['ctg_version']}.",
        "",
        "| corpus | docs | MB | PDF pages | jobs | wall s | docs/s | MB/s | pages/s "
        "| peak RSS MB | rg MB/s | ctg/rg MB/s |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    rg = {(r["corpus"], r["jobs"]): r for r in results["rg"]}
    for r in results["ctg"]:
        g = rg.get((r["corpus"], r["jobs"]))
        if g is None:
            rg_cell = "–"
        elif g["timed_out"]:
            rg_cell = f"> {fmt(g['wall_s'], 0)} s (timeout)"
        else:
            rg_cell = fmt(g["mb_per_s"], 2) if g["mb_per_s"] else "error"
        ratio = (r["mb_per_s"] / g["mb_per_s"]) if g and g.get("mb_per_s") else None
        lines.append(
            f"| {r['corpus']} | {r['docs']} | {fmt(r['mb'])} | {r['pages'] or '–'} "
            f"| {r['jobs']} | {fmt(r['wall_s'], 2)} | {fmt(r['docs_per_s'])} "
            f"| {fmt(r['mb_per_s'], 2)} | {fmt(r['pages_per_s'])} | {fmt(r['peak_rss_mb'])} "
            f"| {rg_cell} | {fmt(ratio, 2)} |")
    lines.append("")
    if "baseline" in results:
        lines += side_by_side(results)
    for note in results["notes"]:
        lines.append(f"- {note}")
    for p in results.get("pdftotext", []):
        base = (f", baseline/pdftotext {fmt(p['baseline_ratio'], 3)}"
                if p.get("baseline_ratio") else "")
        lines.append(f"- pdftotext: {p['files']} PDFs, {p['workers']} processes at a time "
                     f"(median of {p['rounds']} runs interleaved with ctg's), "
                     f"{fmt(p['wall_s'], 2)} s, {fmt(p['pages_per_s'])} pages/s; "
                     f"ctg/pdftotext pages/s at the same count (ctg --jobs {p['ctg_jobs']}): "
                     f"{fmt(p['ratio'], 3)}{base}")
    s = results.get("startup")
    if s:
        lines.append(f"- start-up (one tiny .txt, median of {s['runs']}): "
                     f"{fmt(s['median_ms'])} ms (min {fmt(s['min_ms'])}, max {fmt(s['max_ms'])}); "
                     f"rules and reference data ready after {fmt(s['ready_median_ms'])} ms "
                     f"(manifest `startup_ms`, median)")
    for o in results.get("ocr", []):
        lines.append(f"- OCR, {o['corpus']} (`--ocr {o['mode']}`, jobs {o['jobs']}): "
                     f"{o['ocr_pages']} pages read by Tesseract in {fmt(o['wall_s'], 1)} s, "
                     f"{fmt(o['ocr_pages_per_s'], 2)} OCR pages/s, peak RSS "
                     f"{fmt(o['peak_rss_mb'])} MB; the same run again, from its cache: "
                     f"{fmt(o['cached_s'], 2)} s")
    c = results.get("cache")
    if c:
        lines.append(f"- cached re-run of {c['corpus']} (jobs {c['jobs']}): first "
                     f"{fmt(c['first_s'], 2)} s, second {fmt(c['second_s'], 2)} s, "
                     f"second/first = {fmt(c['ratio'], 3)}")
    b = results.get("baseline_startup")
    if b:
        lines.append(f"- baseline start-up (runs interleaved with the above): "
                     f"{fmt(b['median_ms'])} ms (min {fmt(b['min_ms'])}, max {fmt(b['max_ms'])}); "
                     f"ready after {fmt(b['ready_median_ms'])} ms")
    for r in results.get("rss_growth", []):
        who = "" if r.get("binary", "ctg") == "ctg" else f"{r['binary']} "
        lines.append(f"- {who}peak RSS {r['largest']} / {r['smallest']} (jobs {r['jobs']}): "
                     f"{fmt(r['ratio'], 2)}")
    return "\n".join(lines) + "\n"


def side_by_side(results):
    """The baseline's runs beside this build's, each the median of its rounds."""
    rounds = results["ctg"][0]["rounds"] if results["ctg"] else 0
    lines = [
        f"Side by side with the baseline ({results['baseline_version']}), "
        f"median of {rounds} alternating runs each:",
        "",
        "| corpus | jobs | base wall s | ctg wall s | base docs/s | ctg docs/s | speed-up "
        "| base pages/s | ctg pages/s | base peak RSS MB | ctg peak RSS MB "
        "| corpus.jsonl identical |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for b, c in zip(results["baseline"], results["ctg"]):
        same = results["identical"][f"{b['corpus']} j{b['jobs']}"]
        lines.append(
            f"| {c['corpus']} | {c['jobs']} | {fmt(b['wall_s'], 2)} | {fmt(c['wall_s'], 2)} "
            f"| {fmt(b['docs_per_s'])} | {fmt(c['docs_per_s'])} "
            f"| {fmt(c['docs_per_s'] / b['docs_per_s'], 2)}x "
            f"| {fmt(b['pages_per_s'])} | {fmt(c['pages_per_s'])} "
            f"| {fmt(b['peak_rss_mb'])} | {fmt(c['peak_rss_mb'])} | {'yes' if same else 'NO'} |")
    lines.append("")
    return lines


def main():
    args = parse_args()
    work = args.work.resolve()
    (work / "runs").mkdir(parents=True, exist_ok=True)
    bins = build(args.skip_build)
    results = {
        "date": datetime.datetime.now().isoformat(timespec="seconds"),
        "machine": machine(),
        "ctg_version": first_line([str(bins["ctg"]), "--version"]),
        "args": {"sizes": args.sizes, "pdf_docs": args.pdf_docs, "jobs": args.jobs,
                 "seed": args.seed},
        "ctg": [], "rg": [], "notes": [],
    }
    fingerprint = generator_fingerprint()
    texts = [corpus(bins, work, "text", n, args.seed, fingerprint) for n in args.sizes]
    pdf = (corpus(bins, work, "pdf", args.pdf_docs, args.seed, fingerprint)
           if args.pdf_docs > 0 else None)
    # the baseline goes first in the first round, second in the next, and so on
    binaries = {"baseline": args.baseline.resolve()} if args.baseline else {}
    binaries["ctg"] = bins["ctg"]
    if args.baseline:
        results["baseline"] = []
        results["baseline_version"] = first_line([str(binaries["baseline"]), "--version"])
    plain = pdf is not None and shutil.which("pdftotext") is not None
    for c in texts + ([pdf] if pdf else []):
        for j in args.jobs:
            pair = run_pair(binaries, work, c, j, args.rounds, pdftotext=plain and c is pdf)
            results["ctg"].append(pair["ctg"])
            if args.baseline:
                results["baseline"].append(pair["baseline"])
            p = pair.get("pdftotext")
            if p:
                p["ctg_jobs"] = j
                p["ratio"] = pair["ctg"]["pages_per_s"] / p["pages_per_s"]
                if args.baseline:
                    p["baseline_ratio"] = pair["baseline"]["pages_per_s"] / p["pages_per_s"]
                results.setdefault("pdftotext", []).append(p)

    if shutil.which("rg") is None:
        results["notes"].append("ripgrep (rg) is not installed: the rg comparison is skipped")
    else:
        patterns, note = rg_patterns(bins, work, args.patterns)
        if patterns is None:
            results["notes"].append(f"ripgrep comparison skipped: {note}")
        else:
            results["notes"].append(f"rg: `rg -U --no-ignore --hidden -c -f patterns.txt DIR -j J` "
                                    f"with {note} (named groups made plain)")
            for c in texts:
                if c["docs"] > args.rg_max_docs:
                    results["notes"].append(f"rg skipped on {c['name']} (--rg-max-docs)")
                    continue
                for j in args.jobs:
                    results["rg"].append(run_rg(c, patterns, j, args.rg_timeout))

    if pdf and not plain:
        results["notes"].append("pdftotext (poppler) is not installed: the PDF comparison "
                                "is skipped")

    if args.skip_ocr:
        results["notes"].append("OCR runs skipped (--skip-ocr)")
    elif shutil.which("tesseract") is None or shutil.which("pdftoppm") is None:
        results["notes"].append("tesseract or pdftoppm is not installed: the OCR runs are skipped")
    else:
        scans = sorted((ROOT / "tests" / "scans").glob("*.pdf"))
        sc = {"name": "scans", "docs": len(scans)}
        results["ocr"] = [run_ocr(bins, work, sc, j, scans, "auto") for j in args.jobs]
        if args.ocr_docs > 0:
            oc = corpus(bins, work, "pdf", args.ocr_docs, args.seed, fingerprint)
            oc["name"] = f"ocr-{args.ocr_docs}"
            results["ocr"] += [run_ocr(bins, work, oc, j, [oc["dir"]], "force")
                               for j in args.jobs]

    startup = run_startup(binaries, work, args.startup_runs)
    results["startup"] = startup["ctg"]
    if args.baseline:
        results["baseline_startup"] = startup["baseline"]
    results["cache"] = run_cached(bins, work, texts[-1], max(args.jobs))
    if len(texts) > 1:
        for label in binaries:
            for j in args.jobs:
                by = {r["corpus"]: r for r in results[label] if r["jobs"] == j}
                small, large = by[texts[0]["name"]], by[texts[-1]["name"]]
                results.setdefault("rss_growth", []).append({
                    "binary": label, "jobs": j, "smallest": small["corpus"],
                    "largest": large["corpus"],
                    "ratio": large["peak_rss_mb"] / small["peak_rss_mb"]})

    if args.baseline:
        results["identical"] = {
            f"{b['corpus']} j{b['jobs']}": b["corpus_sha256"] == c["corpus_sha256"]
            and b["deterministic"] and c["deterministic"]
            for b, c in zip(results["baseline"], results["ctg"])}
    text = report(results)
    print(text)
    results["markdown"] = text
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    log(f"results written to {args.json}")
    if any(r["exit"] not in (0, 1) for r in results["ctg"]):
        sys.exit(1)
    if any(not same for same in results.get("identical", {}).values()):
        sys.exit(1)


if __name__ == "__main__":
    main()
