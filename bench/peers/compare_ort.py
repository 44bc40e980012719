#!/usr/bin/env python3
"""edgebench's bundled runtime beside ONNX Runtime, on the same .onnx files.

Builds the zoo models, then for each model and thread count runs `edgebench
run` (every backend asked for, fp32, batch 1) and ONNX Runtime through
ort_latency.js with the same run rules back to back (who goes first
alternates between rounds), so that both see the same machine state. It does
so in --rounds rounds, each over every model and thread count, so that a slow
spell of a shared machine lands on one round of a pair, not on all of them:
the table gives each runtime's median p50 over the rounds, the median of the
per-round ratios and their range. Writes it as
compare_ort.json (with every round) and compare_ort.md in the output folder,
with every raw result beside them.

Needs: an edgebench binary (--edgebench) and `bench/peers/install_ort.sh` run
once. Python 3 standard library only.
"""

import argparse
import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DEFAULT_MODELS = ["mobilenet_v2", "resnet18", "squeezenet1_1", "ds_cnn_kws"]


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--edgebench", default=os.path.join(REPO, "build", "harness", "edgebench"),
                   help="edgebench binary (default: build/harness/edgebench)")
    p.add_argument("--backends", default="",
                   help="comma-separated backends (default: every backend the edgebench binary knows)")
    p.add_argument("--models", default=",".join(DEFAULT_MODELS), help="comma-separated zoo models")
    p.add_argument("--threads", default="1,2", help="comma-separated thread counts")
    p.add_argument("--warmup", type=int, default=5, help="warm-up runs, both runtimes")
    p.add_argument("--iterations", type=int, default=20, help="minimum timed runs, both runtimes")
    p.add_argument("--min-time-ms", type=float, default=1000, help="minimum timed time, both runtimes")
    p.add_argument("--max-time-ms", type=float, default=20000, help="maximum timed time, both runtimes")
    p.add_argument("--seed", type=int, default=42, help="seed of the random inputs, both runtimes")
    p.add_argument("--rounds", type=int, default=3, help="rounds of back-to-back pairs (medians are reported)")
    p.add_argument("--out", default="", help="output folder (default results/compare_ort_<time>)")
    return p.parse_args()


def run(cmd, **kwargs):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)


def known_backends(edgebench):
    """[{name, variant, multithreaded}] from `edgebench backends --json`: the
    backends the binary has and the kernels each runs on this host."""
    result = run([edgebench, "backends", "--json"])
    try:
        listed = json.loads(result.stdout) if result.returncode == 0 else None
    except json.JSONDecodeError:
        listed = None
    if not isinstance(listed, list):
        sys.exit("compare_ort.py: `edgebench backends --json` failed; pass --backends\n" + result.stderr)
    return listed


def write_suite(path, model_path, backends, threads, args):
    suite = {
        "schema": "edgebench.suite/1",
        "name": "compare_ort",
        "description": "Written by bench/peers/compare_ort.py: one model, fp32, batch 1, beside ONNX Runtime.",
        "models": [model_path],
        "axes": {"precisions": ["fp32"], "backends": backends, "threads": [threads], "batch": [1],
                 "opt_levels": ["all"], "scenarios": ["single_stream"]},
        "run": {"warmup_iterations": args.warmup, "min_iterations": args.iterations,
                "min_time_ms": args.min_time_ms, "max_time_ms": args.max_time_ms,
                "timeout_s": 2 * args.max_time_ms / 1000 + 120, "seed": args.seed,
                "profile": {"per_op": False}},
    }
    with open(path, "w") as f:
        json.dump(suite, f, indent=2)


def edgebench_p50s(args, model_path, backends, threads, work, tag):
    """{backend: p50 ms, or the status ("unsupported", "error") when not ok}."""
    name = os.path.splitext(os.path.basename(model_path))[0]
    suite = os.path.join(work, f"suite_{name}_t{threads}_{tag}.json")
    out = os.path.join(work, f"edgebench_{name}_t{threads}_{tag}")
    write_suite(suite, model_path, backends, threads, args)
    result = run([args.edgebench, "run", suite, "--out", out, "--no-report", "--quiet"])
    results_path = os.path.join(out, "results.json")
    if not os.path.exists(results_path):
        print(f"  edgebench run failed: {result.stderr.strip()}", file=sys.stderr)
        return {b: "error" for b in backends}, {}
    with open(results_path) as f:
        doc = json.load(f)
    cells, reasons = {}, {}
    for r in doc["results"]:
        backend = r["config"]["backend"]
        if r["status"] == "ok":
            cells[backend] = r["latency_ms"]["p50"]
        else:
            cells[backend] = r["status"]
            reasons[backend] = r.get("error") or ""
    return cells, reasons


def ort_p50(args, model_path, threads, work, tag):
    name = os.path.splitext(os.path.basename(model_path))[0]
    result = run(["node", os.path.join(HERE, "ort_latency.js"), "--model", model_path, "--threads", str(threads),
                  "--warmup", str(args.warmup), "--iterations", str(args.iterations),
                  "--min-time-ms", str(args.min_time_ms), "--max-time-ms", str(args.max_time_ms),
                  "--seed", str(args.seed)])
    if result.returncode != 0:
        print(f"  ort_latency.js failed: {result.stderr.strip()}", file=sys.stderr)
        return None, None
    with open(os.path.join(work, f"ort_{name}_t{threads}_{tag}.json"), "w") as f:
        f.write(result.stdout)
    doc = json.loads(result.stdout)
    return doc["latency_ms"]["p50"], doc["ort_version"]


def is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def median(values):
    """The median of the numbers among `values`, or None."""
    numbers = sorted(v for v in values if is_number(v))
    if not numbers:
        return None
    mid = len(numbers) // 2
    return numbers[mid] if len(numbers) % 2 else (numbers[mid - 1] + numbers[mid]) / 2


def summarize(model, threads, backends, rounds):
    """One table row from a configuration's rounds: median p50s, and per
    backend the median of its per-round ratios to ONNX Runtime (a backend that
    is not ok in any round keeps that round's status)."""
    ort = median(r["ort_p50_ms"] for r in rounds)
    cells, ratios, ranges, reasons = {}, {}, {}, {}
    for b in backends:
        values = [r["edgebench_p50_ms"].get(b, "missing") for r in rounds]
        m = median(values)
        cells[b] = m if m is not None else values[0]
        per_round = [v / r["ort_p50_ms"] for v, r in zip(values, rounds)
                     if is_number(v) and is_number(r["ort_p50_ms"]) and r["ort_p50_ms"] > 0]
        ratios[b] = median(per_round)
        # The spread says how far one round can be trusted on this host.
        ranges[b] = [min(per_round), max(per_round)] if per_round else None
        for r in rounds:
            if b in r["edgebench_reasons"]:
                reasons[b] = r["edgebench_reasons"][b]
    return {"model": model, "threads": threads, "ort_p50_ms": ort if ort is not None else "error",
            "edgebench_p50_ms": cells, "ratio_to_ort": ratios, "ratio_range_to_ort": ranges,
            "edgebench_reasons": reasons, "rounds": rounds}


def cell_text(value):
    return f"{value:.2f}" if isinstance(value, (int, float)) else str(value)


def ratio_text(ratio):
    return f"{ratio:.2f}x" if is_number(ratio) else "-"


def range_text(bounds):
    return f"{bounds[0]:.2f}-{bounds[1]:.2f}" if bounds else "-"


def table(rows, backends):
    header = ["model", "threads", "ORT p50 ms"]
    for b in backends:
        header += [f"{b} p50 ms", f"{b}/ORT", "rounds' range"]
    lines = [header]
    for row in rows:
        line = [row["model"], str(row["threads"]), cell_text(row["ort_p50_ms"])]
        for b in backends:
            value = row["edgebench_p50_ms"].get(b, "missing")
            line += [cell_text(value), ratio_text(row["ratio_to_ort"].get(b)),
                     range_text(row["ratio_range_to_ort"].get(b))]
        lines.append(line)
    return lines


def format_text(lines):
    widths = [max(len(line[i]) for line in lines) for i in range(len(lines[0]))]
    return "\n".join("  ".join(cell.rjust(w) if i else cell.ljust(w) for i, (cell, w) in enumerate(zip(line, widths)))
                     for line in lines)


def format_markdown(lines):
    out = ["| " + " | ".join(lines[0]) + " |", "|" + "|".join("---" for _ in lines[0]) + "|"]
    out += ["| " + " | ".join(line) + " |" for line in lines[1:]]
    return "\n".join(out)


def main():
    args = parse_args()
    if not os.path.exists(os.path.join(HERE, "node_modules", "onnxruntime-node")):
        sys.exit("compare_ort.py: onnxruntime-node is not installed; run bench/peers/install_ort.sh")
    if not os.access(args.edgebench, os.X_OK):
        sys.exit(f"compare_ort.py: no edgebench binary at {args.edgebench}; build it or pass --edgebench")
    if args.rounds < 1:
        sys.exit("compare_ort.py: --rounds must be at least 1")
    models = [m for m in args.models.split(",") if m]
    thread_counts = [int(t) for t in args.threads.split(",") if t]
    out = args.out or os.path.join(REPO, "results",
                                   "compare_ort_" + datetime.datetime.now().strftime("%Y%m%d-%H%M%S"))
    os.makedirs(out, exist_ok=True)

    zoo = tempfile.mkdtemp(prefix="edgebench_compare_zoo_")
    try:
        build = run([args.edgebench, "zoo", "build", "--out", zoo] + sum((["--model", m] for m in models), []))
        if build.returncode != 0:
            sys.exit("compare_ort.py: zoo build failed: " + build.stderr)
        paths = {m: os.path.join(zoo, m + ".onnx") for m in models}
        listed = known_backends(args.edgebench)
        backends = [b for b in args.backends.split(",") if b] or [b["name"] for b in listed]

        configs = [(model, threads) for model in models for threads in thread_counts]
        rounds, ort_version = {c: [] for c in configs}, None
        for k in range(args.rounds):
            for model, threads in configs:
                # Every other round ONNX Runtime goes first, so that a drift in
                # the host's speed within a round does not favour one side.
                ort_first = k % 2 == 1
                order = "ONNX Runtime, then edgebench" if ort_first else "edgebench, then ONNX Runtime"
                print(f"round {k + 1}/{args.rounds}, {model} threads {threads}: {order} ({','.join(backends)})",
                      flush=True)
                tag = f"r{k + 1}"
                if ort_first:
                    ort, version = ort_p50(args, paths[model], threads, out, tag)
                cells, reasons = edgebench_p50s(args, paths[model], backends, threads, out, tag)
                if not ort_first:
                    ort, version = ort_p50(args, paths[model], threads, out, tag)
                ort_version = ort_version or version
                rounds[(model, threads)].append({"ort_p50_ms": ort if ort is not None else "error",
                                                 "edgebench_p50_ms": cells, "edgebench_reasons": reasons})
        rows = [summarize(model, threads, backends, rounds[(model, threads)]) for model, threads in configs]
    finally:
        shutil.rmtree(zoo, ignore_errors=True)

    lines = table(rows, backends)
    text = format_text(lines)
    print()
    print(f"p50 latency, fp32, batch 1 (ONNX Runtime {ort_version}, sequential, all graph optimizations); "
          f"medians of {args.rounds} rounds, ratio = median of the per-round ratios (range: lowest and highest)")
    print("edgebench kernels: " + "; ".join(f"{b['name']} {b['variant']}" for b in listed if b["name"] in backends))
    print(text)
    doc = {"schema": "edgebench.compare_ort/1", "ort_version": ort_version, "backends": backends,
           "backend_kernels": {b["name"]: b["variant"] for b in listed if b["name"] in backends},
           "precision": "fp32", "batch": 1,
           "rounds": args.rounds,
           "run_rules": {"warmup_iterations": args.warmup, "min_iterations": args.iterations,
                         "min_time_ms": args.min_time_ms, "max_time_ms": args.max_time_ms, "seed": args.seed},
           "rows": rows}
    with open(os.path.join(out, "compare_ort.json"), "w") as f:
        json.dump(doc, f, indent=2)
    with open(os.path.join(out, "compare_ort.md"), "w") as f:
        f.write(f"p50 latency in ms, fp32, batch 1; ONNX Runtime {ort_version} (onnxruntime-node, sequential, "
                f"all graph optimizations). Medians of {args.rounds} rounds, each edgebench and ONNX Runtime back "
                "to back (who goes first alternates); the ratio is the median of the per-round ratios, the range "
                "their lowest and highest. A ratio above 1 means slower than ONNX Runtime.\n\n")
        f.write(format_markdown(lines) + "\n")
    print(f"\nwrote {os.path.join(out, 'compare_ort.json')} and compare_ort.md")


if __name__ == "__main__":
    main()
