#!/usr/bin/env python3
"""rnngraph benchmark harness: whole-process timings, peak memory, SymPy and Graphviz baselines.

Run through `make bench` (bench/run.sh prepares the release build,
the SymPy virtual environment and Graphviz). Writes BENCHMARKS.md at the
repository root and raw numbers to .bench/results.json.

Every measurement is a whole process: wall time from fork to reap, peak
resident memory from wait4(2)'s ru_maxrss (the number `/usr/bin/time -f %M`
prints). Fast commands get a warm-up run and 7 timed runs, slower ones fewer;
the table shows the median. Rendering and its `dot` floor get 15 runs, taken
in turns, so that the ratio does not depend on what else the machine did.
"""
import datetime
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLI = ROOT / ".build" / "release" / "rnngraph"
WORK = ROOT / ".bench"
VENV_PYTHON = ROOT / "bench" / ".venv" / "bin" / "python"
SYMPY_SCRIPT = ROOT / "bench" / "sympy_rnn.py"
CODEGEN_SCRIPT = ROOT / "bench" / "codegen_bench.py"
NOTES = ROOT / "bench" / "NOTES.md"
OUTPUT = ROOT / "BENCHMARKS.md"

QUICK = os.environ.get("BENCH_QUICK") == "1"
LENGTHS = [3, 10, 30, 100, 300, 1000]
LARGE = [10_000, 100_000, 1_000_000]
SYMPY_LENGTHS = [10, 20, 40] + ([] if os.environ.get("BENCH_SYMPY_80", "1") == "0" else [80])
SYMPY_CAP = float(os.environ.get("BENCH_SYMPY_CAP", "400"))
RENDER_CAP = float(os.environ.get("BENCH_RENDER_CAP", "120"))
DEFAULT_CAP = 120.0

results = []  # every measurement, in order
MACHINE = []  # the machine table, read when the run starts


# --------------------------------------------------------------------------- running

def run_once(command, stdout=None, timeout=DEFAULT_CAP):
    """Runs `command` once: (seconds, peak RSS in KiB, exit status, stderr text, CPU seconds (user + system))."""
    out = open(stdout, "wb") if stdout else subprocess.DEVNULL
    err_path = WORK / "stderr.txt"
    with open(err_path, "wb") as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, start_new_session=True)
        killed = []

        def kill():
            killed.append(True)
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, kill)
        timer.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
    if stdout:
        out.close()
    text = err_path.read_text(errors="replace").strip()
    cpu = usage.ru_utime + usage.ru_stime
    if killed:
        return seconds, usage.ru_maxrss, "timeout", text, cpu
    return seconds, usage.ru_maxrss, process.returncode, text, cpu


def measure(operation, n, command, stdout=None, timeout=DEFAULT_CAP, runs=None, note="", tool="rnngraph",
            expect=0):
    """Times `command` several times and records the median; `expect` is the exit status of a good run."""
    record = {"operation": operation, "n": n, "tool": tool, "command": " ".join(map(str, command)),
              "note": note}
    seconds, rss, status, stderr, _ = run_once(command, stdout, timeout)
    times, peaks = [seconds], [rss]
    if status != expect:
        record.update(status="timeout" if status == "timeout" else f"exit {status}",
                      error=stderr.splitlines()[-1][:160] if stderr else "", seconds=seconds, runs=1,
                      peak_kib=rss)
        results.append(record)
        print(f"  {operation:28} N={n:<8} {record['status']}: {record.get('error', '')}", flush=True)
        return record
    if runs is None:
        runs = 1 if seconds > 20 else 3 if seconds > 1 else 7
        if QUICK:
            runs = min(runs, 3)
    if seconds < 1:  # the first run was a warm-up
        times, peaks = [], []
    while len(times) < runs:
        seconds, rss, status, _, _ = run_once(command, stdout, timeout)
        times.append(seconds)
        peaks.append(rss)
    record.update(status="ok", seconds=statistics.median(times), min_seconds=min(times), runs=len(times),
                  peak_kib=max(peaks))
    results.append(record)
    print(f"  {operation:28} N={n:<8} {fmt_time(record['seconds']):>10}  {record['peak_kib'] / 1024:8.1f} MB"
          f"  ({len(times)} runs)", flush=True)
    return record


def capture(command):
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=60).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


# --------------------------------------------------------------------------- helpers

def nodes_in(dot_file):
    """Node statements in a DOT file written by rnngraph (one `name [` per node)."""
    count = 0
    with open(dot_file) as text:
        for line in text:
            stripped = line.strip()
            if stripped and "->" not in stripped and "[" in stripped and not stripped.startswith(
                    ("graph", "node", "edge", "subgraph", "rank", "{", "}")):
                count += 1
    return count


# --------------------------------------------------------------------------- benchmarks

def measure_pair(first, second, runs=15):
    """Times two (operation, n, command, tool) in turns after a warm-up each; records both medians."""
    records = []
    for operation, n, command, tool in (first, second):
        record = {"operation": operation, "n": n, "tool": tool, "command": " ".join(map(str, command)), "note": ""}
        seconds, rss, status, stderr, _ = run_once(command, None, RENDER_CAP)
        records.append(record)
        if status != 0:
            record.update(status="timeout" if status == "timeout" else f"exit {status}", seconds=seconds, runs=1,
                          error=stderr.splitlines()[-1][:160] if stderr else "", peak_kib=rss)
            results.extend(records)
            print(f"  {operation:28} N={n:<8} {record['status']}: {record['error']}", flush=True)
            return records
        record["peak_kib"] = rss
    if QUICK:
        runs = 3
    times, cpus = ([], []), ([], [])
    commands = (first[2], second[2])
    for _ in range(runs):
        for k, record in enumerate(records):
            seconds, rss, _, _, cpu = run_once(commands[k], None, RENDER_CAP)
            times[k].append(seconds)
            cpus[k].append(cpu)
            record["peak_kib"] = max(record["peak_kib"], rss)
    for record, series, cpu in zip(records, times, cpus):
        record.update(status="ok", seconds=statistics.median(series), min_seconds=min(series), runs=len(series),
                      cpu_seconds=statistics.median(cpu))
        results.append(record)
        print(f"  {record['operation']:28} N={record['n']:<8} {fmt_time(record['seconds']):>10}  "
              f"{record['peak_kib'] / 1024:8.1f} MB  ({len(series)} runs, in turns)", flush=True)
    return records


FIGURE_ROWS = ("graph → DOT", "render ", "dot -T")

# What each side of a figure comparison computes.
FIGURE_SIDES = ("rnngraph: the whole process — start-up, parse, unroll, layout, edge routing, render, write; "
                "`dot`: start-up, read and render the DOT rnngraph printed, which already holds every node's "
                "position and size and every routed edge (`layout=nop2`), so `dot` lays nothing out. For PDF and PNG "
                "rnngraph starts Graphviz (plugins, font configuration, fonts) on a second thread while it builds "
                "the figure: the times are wall-clock, and the CPU time of both sides is given beside")


def bench_figures():
    """Figures: the DOT text, and rendering in process against `dot -T` on the same DOT."""
    cli = str(CLI)
    print("figures:", flush=True)
    for n in LENGTHS:
        dot_file = WORK / f"cs187-{n}.dot"
        measure("graph → DOT", n, [cli, "--length", str(n), "--dot", str(dot_file)])
    for n in LENGTHS:
        dot_file = WORK / f"cs187-{n}.dot"
        for fmt in ["svg", "pdf"]:
            out = WORK / f"cs187-{n}.{fmt}"
            records = measure_pair(
                (f"render {fmt.upper()} (in process)", n, [cli, "--length", str(n), f"--{fmt}", str(out)], "rnngraph"),
                (f"dot -T{fmt} (same DOT)", n, ["dot", f"-T{fmt}", str(dot_file), "-o", str(out) + ".ref"], "graphviz"),
                runs=15 if n <= 100 else 3)
            if any(r.get("status") != "ok" for r in records):
                break


def bench_rnngraph():
    cli = str(CLI)
    print("rnngraph:", flush=True)
    bench_figures()

    for n in LENGTHS + LARGE:
        measure("count paths (--count)", n, [cli, "--length", str(n), "--count"])

    measure("refuse PDF (size guard)", 1_000_000, [cli, "--length", "1000000", "--pdf", str(WORK / "refused.pdf")],
            expect=64, note="exit 64 with the layout estimate, before unrolling")

    for form, lengths in [("expanded", LENGTHS), ("compact", LENGTHS + LARGE), ("recursive", LENGTHS + LARGE)]:
        for n in lengths:
            measure(f"LaTeX {form}", n, [cli, "--length", str(n), "--latex", "--form", form],
                    stdout=WORK / f"latex-{form}-{n}.tex")

    for n in [3, 10, 20, 30, 40, 80, 100, 300]:
        measure("LaTeX expanded, closed local (tanh)", n,
                [cli, "--length", str(n), "--activation", "tanh", "--latex", "--form", "expanded", "--local", "closed"],
                stdout=WORK / f"latex-closed-{n}.tex")

    for n in LENGTHS[:-1]:
        measure("path list (--paths)", n, [cli, "--length", str(n), "--paths"], stdout=WORK / f"paths-{n}.txt")

    for n in LENGTHS:
        values_file = WORK / f"values-{n}.json"
        values_file.write_text(json.dumps({"parameters": {"U": 0.1, "V": 0.2, "W": 0.3}, "h0": 0.0,
                                           "inputs": [round(0.5 + 0.1 * (t % 7), 3) for t in range(n + 1)]}))
        measure("numeric gradients (--values)", n, [cli, "--length", str(n), "--values", str(values_file)],
                stdout=WORK / f"values-{n}.out",
                note="three computations; the path sum enumerates every path" if n == 300 else "")
        if n <= 300:
            measure("worked solution (--latex --values)", n,
                    [cli, "--length", str(n), "--latex", "--values", str(values_file)], stdout=WORK / f"worked-{n}.tex")


EXPLORER_ROWS = ("explorer ",)


def bench_explorer():
    """The --html page of cs187 at N = 3: its writing time and size, and its first paint in the system's
    headless Chromium (through the test venv's Selenium), when chromium and chromedriver are installed."""
    cli = str(CLI)
    page = WORK / "explorer-3.html"
    record = measure("explorer page (--html)", 3, [cli, "--length", "3", "--html", str(page)])
    if record.get("status") != "ok":
        return
    record["bytes"] = page.stat().st_size
    record["note"] = f"{record['bytes'] / 1000:.1f} kB"
    if not (shutil.which("chromium") and shutil.which("chromedriver")):
        print("  explorer first paint: chromium or chromedriver missing; run scripts/install-deps.sh --test", flush=True)
        return
    python = subprocess.run([str(ROOT / "scripts" / "test-venv.sh")], capture_output=True, text=True,
                            check=True).stdout.strip()
    paints = [float(p) for p in subprocess.run([python, str(ROOT / "bench" / "first_paint.py"), str(page)],
                                               capture_output=True, text=True, check=True).stdout.split()]
    results.append({"operation": "explorer first paint (headless Chromium)", "n": 3, "tool": "chromium",
                    "command": "bench/first_paint.py " + str(page), "note": "first paint after loading the page from file://, 7 loads in one browser",
                    "status": "ok", "seconds": statistics.median(paints) / 1000, "min_seconds": min(paints) / 1000,
                    "runs": len(paints), "peak_kib": None})
    print(f"  explorer first paint         N=3        {statistics.median(paints):.0f} ms (median of {len(paints)})",
          flush=True)


MODEL_ROWS = ("count, bundled text", "count, model file", "LSTM ", "bidirectional ", "GRU ")


def bench_models():
    """Models written as equations: what parsing and unrolling a text adds, and the LSTM at growing N."""
    cli = str(CLI)
    print("models:", flush=True)
    text = str(ROOT / "Models" / "cs187.rnn")
    measure_pair(("count, bundled text (embedded)", 3, [cli, "--length", "3", "--count"], "rnngraph"),
                 ("count, model file (read + parse)", 3, [cli, "--model", text, "--length", "3", "--count"],
                  "rnngraph"), runs=31)
    for n in [3, 10, 100, 1000, 10_000]:
        measure("LSTM count (--count, W_hf)", n, [cli, "--model", "lstm", "--length", str(n), "--count", "--wrt", "W_hf"],
                note="exact big integers; the count has about 0.7 N digits" if n == 10_000 else "")
    measure("LSTM count refused (--count)", 1_000_000,
            [cli, "--model", "lstm", "--length", "1000000", "--count", "--wrt", "W_hf"], expect=64,
            note="refused from the estimate: about 680 452 digits")
    for n in [1000, 1_000_000]:
        measure("bidirectional count (--count)", n, [cli, "--model", "bidirectional", "--length", str(n), "--count"],
                note="a backward sweep reading the forward counts kept for every step" if n == 1000 else "")
    for n in [3, 1_000_000]:
        measure("LSTM LaTeX recursive, closed (W_hf)", n,
                [cli, "--model", "lstm", "--length", str(n), "--latex", "--form", "recursive", "--local", "closed",
                 "--wrt", "W_hf"], stdout=WORK / f"lstm-recursive-{n}.tex",
                note="δ^h and δ^c, from the rolled graph" if n == 3 else "")
        measure("LSTM LaTeX compact, closed (W_hf)", n,
                [cli, "--model", "lstm", "--length", str(n), "--latex", "--form", "compact", "--local", "closed",
                 "--wrt", "W_hf"], stdout=WORK / f"lstm-compact-{n}.tex",
                note="Π over the Jacobian of the stacked state (h, c)" if n == 3 else "")
        measure("GRU LaTeX compact, closed (W_hz)", n,
                [cli, "--model", "gru", "--length", str(n), "--latex", "--form", "compact", "--local", "closed",
                 "--wrt", "W_hz"], stdout=WORK / f"gru-compact-{n}.tex",
                note="Π over the sum of four one-step paths" if n == 3 else "")
    for n in [2, 4, 6, 8]:
        measure("LSTM LaTeX expanded (W_hf)", n, [cli, "--model", "lstm", "--length", str(n), "--latex", "--wrt", "W_hf"],
                stdout=WORK / f"lstm-expanded-{n}.tex")
    for n in [3, 8]:
        values = WORK / f"lstm-values-{n}.json"
        values.write_text(json.dumps(lstm_values(n)))
        measure("LSTM numbers (--values)", n, [cli, "--model", "lstm", "--values", str(values)],
                stdout=WORK / f"lstm-values-{n}.out",
                note="path sum skipped above 10⁶ paths" if n == 8 else "")


CODEGEN_ROWS = ("generated NumPy", "torch autograd")


def bench_codegen():
    """The generated NumPy backward pass (--code numpy) against torch autograd, in the test venv (torch CPU)."""
    print("codegen:", flush=True)
    python = subprocess.run([str(ROOT / "scripts" / "test-venv.sh")], capture_output=True, text=True).stdout.strip()
    if not python:
        results.append({"operation": "generated NumPy backward (LSTM rows)", "n": 100, "status": "skipped",
                        "note": "no test venv (scripts/test-venv.sh)"})
        return
    out = subprocess.run([python, str(CODEGEN_SCRIPT), str(CLI), "3" if QUICK else "7"], capture_output=True, text=True)
    if out.returncode != 0:
        results.append({"operation": "generated NumPy backward (LSTM rows)", "n": 100, "status": "exit %d" % out.returncode,
                        "error": out.stderr.strip().splitlines()[-1] if out.stderr.strip() else ""})
        return
    report = json.loads(out.stdout)
    size = f"H = {report['H']}, D = {report['D']}, batch {report['batch']}, one thread"
    for dtype in ("float64", "float32"):
        r = report[dtype]
        for operation, key, note in [
                (f"generated NumPy backward, LSTM rows {dtype}", "numpy_backward",
                 f"{size}; δ loop and gradients from the forward cache; largest relative difference to autograd "
                 f"{r['largest_relative_difference']:.1e}"),
                (f"torch autograd backward, LSTM rows {dtype}", "autograd_backward",
                 f"{size}; loss.backward() through the generated torch forward pass"),
                (f"generated NumPy forward + backward, LSTM rows {dtype}", "numpy_forward_backward", size),
                (f"torch forward + autograd, LSTM rows {dtype}", "torch_forward_autograd", size)]:
            results.append({"operation": operation, "n": report["N"], "status": "ok", "seconds": r[key],
                            "min_seconds": r[key], "peak_kib": 0, "runs": report["runs"], "note": note,
                            "tool": "python"})


def lstm_values(n, d=3, h=4, k=2):
    """A deterministic values file for the bundled LSTM."""
    def matrix(rows, cols, seed):
        return [[round(((seed * 7 + i * 13 + j * 5) % 17 - 8) / 20, 3) for j in range(cols)] for i in range(rows)]
    values = {}
    for g, gate in enumerate("ifgo"):
        values[f"W_i{gate}"] = matrix(h, d, g)
        values[f"W_h{gate}"] = matrix(h, h, g + 4)
        values[f"b_{gate}"] = [0.1 * g] * h
    values.update({"W_hq": matrix(k, h, 9), "b_q": [0.0] * k, "x": matrix(n, d, 11), "y": matrix(n, k, 12)})
    return values


def bench_sympy():
    print("SymPy:", flush=True)
    if not VENV_PYTHON.exists():
        for n in SYMPY_LENGTHS:
            results.append({"operation": "SymPy diff + latex", "n": n, "tool": "sympy", "status": "skipped",
                            "note": "no bench/.venv (run make bench)"})
        return
    for n in SYMPY_LENGTHS:
        measure("SymPy diff + latex", n, [str(VENV_PYTHON), str(SYMPY_SCRIPT), str(n), str(WORK / f"sympy-{n}.tex")],
                timeout=SYMPY_CAP, runs=3 if n <= 20 else 1, tool="sympy")


# --------------------------------------------------------------------------- report

def find(operation, n):
    for record in results:
        if record["operation"] == operation and record["n"] == n and record.get("status") == "ok":
            return record
    return None


def fmt_time(seconds):
    if seconds is None:
        return "—"
    if seconds < 1:
        return f"{seconds * 1000:.1f} ms"
    return f"{seconds:.2f} s"


def ratio(a, b):
    return a["seconds"] / b["seconds"] if a and b else None


def targets():
    rows = []

    def row(name, measured, met, note=""):
        verdict = "—" if met is None else ("met" if met else "**missed**")
        rows.append((name, measured, verdict, note))

    r = find("LaTeX expanded", 100)
    row("Expanded LaTeX, cs187, N = 100: ≤ 100 ms", fmt_time(r["seconds"]) if r else "not measured",
        r["seconds"] <= 0.1 if r else None, "" if r else "failed")

    mine, theirs = find("LaTeX expanded, closed local (tanh)", 80), find("SymPy diff + latex", 80)
    if mine and theirs:
        x = theirs["seconds"] / mine["seconds"]
        row("N = 80 closed-form partials ≥ 1000× faster than SymPy", f"{x:,.0f}× "
            f"({fmt_time(mine['seconds'])} vs {fmt_time(theirs['seconds'])})", x >= 1000)
    else:
        row("N = 80 closed-form partials ≥ 1000× faster than SymPy",
            f"SymPy {fmt_time(theirs['seconds'])}" if theirs else "not measured", None)

    for form in ["compact", "recursive"]:
        small, large = find(f"LaTeX {form}", 10), find(f"LaTeX {form}", 1_000_000)
        if small and large:
            row(f"{form.capitalize()} LaTeX: time independent of N up to 10⁶",
                f"N=10 {fmt_time(small['seconds'])}, N=10⁶ {fmt_time(large['seconds'])}",
                large["seconds"] <= max(1.5 * small["seconds"], small["seconds"] + 0.02))
        else:
            row(f"{form.capitalize()} LaTeX: time independent of N up to 10⁶", "not measured", None, "failed")

    for name, what in [("LSTM LaTeX recursive, closed (W_hf)", "LSTM recursive form"),
                       ("LSTM LaTeX compact, closed (W_hf)", "LSTM compact form"),
                       ("GRU LaTeX compact, closed (W_hz)", "GRU compact form")]:
        small, large = find(name, 3), find(name, 1_000_000)
        if small and large:
            row(f"{what}: N = 10⁶ within 1.5× of N = 3",
                f"N=3 {fmt_time(small['seconds'])}, N=10⁶ {fmt_time(large['seconds'])} "
                f"({large['seconds'] / small['seconds']:.2f}×)", large["seconds"] <= 1.5 * small["seconds"])
        else:
            row(f"{what}: N = 10⁶ within 1.5× of N = 3", "not measured", None, "failed")

    fast, text = find("count, bundled text (embedded)", 3), find("count, model file (read + parse)", 3)
    if fast and text:
        extra = (text["seconds"] - fast["seconds"]) * 1000
        row("Reading a model file adds ≤ 2 ms at N = 3", f"{extra:+.1f} ms "
            f"({fmt_time(text['seconds'])} vs {fmt_time(fast['seconds'])})", extra <= 2.0)
    else:
        row("Reading a model file adds ≤ 2 ms at N = 3", "not measured", None)

    page, paint = find("explorer page (--html)", 3), find("explorer first paint (headless Chromium)", 3)
    if page and paint and "bytes" in page:
        row("Explorer page, cs187 N = 3: < 200 kB, first paint < 300 ms in headless Chromium",
            f"{page['bytes'] / 1000:.1f} kB, first paint {paint['seconds'] * 1000:.0f} ms (median)",
            page["bytes"] < 200_000 and paint["seconds"] < 0.3)
    else:
        row("Explorer page, cs187 N = 3: < 200 kB, first paint < 300 ms in headless Chromium", "not measured", None)

    r = find("count paths (--count)", 1_000_000)
    row("`--count` at N = 10⁶: ≤ 100 ms", fmt_time(r["seconds"]) if r else "not measured",
        r["seconds"] <= 0.1 if r else None)

    # SVG no slower than the 0.78× and 0.95× measured before the figure work; PDF within 1.0×.
    for fmt, n, limit, wording in [("SVG", 3, 0.78, "≤ 0.78×"), ("SVG", 100, 0.95, "≤ 0.95×"),
                                   ("PDF", 100, 1.0, "≤ 1.0×")]:
        mine, floor = find(f"render {fmt} (in process)", n), find(f"dot -T{fmt.lower()} (same DOT)", n)
        x = ratio(mine, floor)
        cpu = (f"; CPU {fmt_time(mine['cpu_seconds'])} vs {fmt_time(floor['cpu_seconds'])}"
               if x and "cpu_seconds" in mine and "cpu_seconds" in floor else "")
        row(f"{fmt} at N = {n} (whole run): {wording} `dot -T{fmt.lower()}` on the same DOT",
            f"{x:.2f}× ({fmt_time(mine['seconds'])} vs {fmt_time(floor['seconds'])}{cpu})" if x else "not measured",
            x <= limit if x else None, FIGURE_SIDES)

    r = find("LaTeX expanded", 300)
    row("Peak memory, expanded LaTeX, N = 300: ≤ 64 MB",
        f"{r['peak_kib'] / 1024:.1f} MB" if r else "not measured", r["peak_kib"] <= 64 * 1024 if r else None,
        "" if r else "failed")
    streams = [(name, find(name, 30), find(name, 300)) for name in
               ["LaTeX expanded", "path list (--paths)", "worked solution (--latex --values)"]]
    if all(small and large for _, small, large in streams):
        measured = "; ".join(f"{name.split(' (')[0]}: {small['peak_kib'] / 1024:.1f} → {large['peak_kib'] / 1024:.1f} MB"
                             for name, small, large in streams)
        row("Streaming: peak memory does not grow with the output (N = 30 → 300)", measured,
            all(large["peak_kib"] <= small["peak_kib"] + 8 * 1024 for _, small, large in streams),
            "the outputs grow 100 to 1000 times; allowed growth 8 MB")
    else:
        row("Streaming: peak memory does not grow with the output (N = 30 → 300)", "not measured", None, "failed")
    return rows


def headline():
    lines = []
    for fmt in ["SVG", "PDF"]:
        for n in [30, 100]:
            x = ratio(find(f"render {fmt} (in process)", n), find(f"dot -T{fmt.lower()} (same DOT)", n))
            if x:
                lines.append(f"- {fmt} at N = {n}: rnngraph (whole run: parse, unroll, layout, routing, render) "
                             f"takes **{x:.2f}×** the time of `dot -T{fmt.lower()}` rendering the DOT it prints.")
    for n in SYMPY_LENGTHS:
        theirs = find("SymPy diff + latex", n)
        mine = find("LaTeX expanded, closed local (tanh)", n) or find("LaTeX expanded", n)
        if theirs and mine:
            lines.append(f"- ∂L/∂U as LaTeX, one term per path with closed-form partials (tanh), at N = {n}: "
                         f"**{theirs['seconds'] / mine['seconds']:,.0f}×** faster than SymPy's diff + latex "
                         f"on the same model ({fmt_time(mine['seconds'])} vs {fmt_time(theirs['seconds'])}).")
    r = find("count paths (--count)", 1_000_000)
    if r:
        lines.append(f"- Counting the {1_000_000 * 1_000_001 // 2:,} paths U → L at N = 10⁶: "
                     f"{fmt_time(r['seconds'])}, {r['peak_kib'] / 1024:.0f} MB peak.")
    small, large = find("LaTeX compact", 3), find("LaTeX compact", 1_000_000)
    if small and large:
        lines.append(f"- Compact form (valid for every N): {fmt_time(small['seconds'])} at N = 3, "
                     f"{fmt_time(large['seconds'])} at N = 10⁶.")
    r = find("LaTeX expanded", 100)
    if r:
        lines.append(f"- Expanded form at N = 100 (5,050 terms): {fmt_time(r['seconds'])}.")
    for dtype in ("float64", "float32"):
        mine, theirs = (find(f"generated NumPy backward, LSTM rows {dtype}", 100),
                        find(f"torch autograd backward, LSTM rows {dtype}", 100))
        if mine and theirs:
            lines.append(f"- Generated NumPy backward pass (`--code numpy`), LSTM H = 128, D = 64, batch 32, N = 100, "
                         f"{dtype}: **{mine['seconds'] / theirs['seconds']:.2f}×** the time of torch autograd "
                         f"({fmt_time(mine['seconds'])} vs {fmt_time(theirs['seconds'])}).")
    return lines


def machine():
    cpu = "unknown"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "unknown"
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    sympy_version = capture([str(VENV_PYTHON), "-c", "import sympy; print(sympy.__version__)"]) \
        if VENV_PYTHON.exists() else "not installed"
    return [
        ("Date", datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")),
        ("Cores (`nproc`)", capture(["nproc"])),
        ("CPU", cpu),
        ("Memory", memory),
        ("OS", platform.platform()),
        ("rnngraph", f"{capture([str(CLI), '--version'])} (git {capture(['git', '-C', str(ROOT), 'rev-parse', '--short', 'HEAD'])}"
                     f"{', uncommitted changes' if capture(['git', '-C', str(ROOT), 'status', '--porcelain', '--untracked-files=no']) else ''}), release build"),
        ("Swift", capture(["swift", "--version"]).splitlines()[0] if shutil.which("swift") else "?"),
        ("Graphviz", (subprocess.run(["dot", "-V"], capture_output=True, text=True).stderr.strip()
                      if shutil.which("dot") else "not installed")),
        ("Python / SymPy", f"{platform.python_version()} / {sympy_version}"),
    ]


def peak(record):
    """A row's peak resident memory, or a dash for a measurement of another process (a browser's paint)."""
    return "—" if record["peak_kib"] is None else f"{record['peak_kib'] / 1024:.1f} MB"


def write_report():
    lines = ["# Benchmarks", "",
             "Generated by `make bench` (`bench/run.sh` → `bench/bench.py`); do not edit by hand — "
             "notes come from `bench/NOTES.md`.", "",
             "Whole-process wall time (median of the runs shown) and peak resident memory "
             "(`ru_maxrss`, as `/usr/bin/time -f %M`), release build, cs187 model (ReLU unless stated).", ""]
    head = headline()
    if head:
        lines += ["## Headline", ""] + head + [""]
    lines += ["## Targets", "", "| Target | Measured | Verdict | Note |", "|---|---|---|---|"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in targets()]
    lines += ["", "## Machine", "", "| | |", "|---|---|"] + [f"| {k} | {v} |" for k, v in MACHINE]

    lines += ["", "## Results", "", "| Operation | N | Median | Min | Peak RSS | Runs | Ratio | Note |",
              "|---|---:|---:|---:|---:|---:|---:|---|"]
    for record in results:
        status = record.get("status")
        extra = ""
        if record["operation"].startswith("render "):
            fmt = record["operation"].split()[1].lower()
            x = ratio(record if status == "ok" else None, find(f"dot -T{fmt} (same DOT)", record["n"]))
            extra = f"{x:.2f}× dot" if x else ""
        if record["operation"] == "SymPy diff + latex" and status == "ok":
            mine = find("LaTeX expanded, closed local (tanh)", record["n"])
            extra = f"{record['seconds'] / mine['seconds']:,.0f}× rnngraph" if mine else ""
        if status == "ok":
            lines.append(f"| {record['operation']} | {record['n']:,} | {fmt_time(record['seconds'])} | "
                         f"{fmt_time(record['min_seconds'])} | {peak(record)} | {record['runs']} | "
                         f"{extra} | {record['note']} |")
        else:
            detail = record.get("note") or record.get("error", "")
            if status in ("timeout",):
                detail = f"stopped after {fmt_time(record['seconds'])}"
            elif status.startswith("exit"):
                detail = f"{status}: {record.get('error', '')}"
            lines.append(f"| {record['operation']} | {record['n']:,} | {status} | | | | | {detail} |")
    lines += ["", "Commands (N = 100):", ""]
    seen = set()
    for record in results:
        if record["n"] == 100 and record["operation"] not in seen and "command" in record:
            seen.add(record["operation"])
            lines.append(f"- {record['operation']}: `{record['command'].replace(str(ROOT) + '/', '')}`")
    if NOTES.exists():
        lines += ["", NOTES.read_text().rstrip()]
    OUTPUT.write_text("\n".join(lines) + "\n")
    (WORK / "results.json").write_text(json.dumps({"machine": MACHINE, "results": results}, indent=1))
    print(f"wrote {OUTPUT.relative_to(ROOT)}")


def main():
    WORK.mkdir(exist_ok=True)
    if not CLI.exists():
        sys.exit("no release build: run `swift build -c release` (make bench does)")
    global MACHINE
    only = sys.argv[1:]
    partial = {"models": (MODEL_ROWS, bench_models), "figures": (FIGURE_ROWS, bench_figures),
               "explorer": (EXPLORER_ROWS, bench_explorer), "codegen": (CODEGEN_ROWS, bench_codegen)}
    if len(only) == 1 and only[0] in partial:
        # Re-measures one group of rows only, keeping the last run's other numbers.
        prefixes, bench = partial[only[0]]
        saved = json.loads((WORK / "results.json").read_text()) if (WORK / "results.json").exists() else None
        MACHINE = [tuple(row) for row in saved["machine"]] if saved else machine()
        if saved:
            # The date and build are this run's; the other rows keep the earlier run's machine.
            fresh, earlier = dict(machine()), dict(MACHINE)
            MACHINE = [(k, fresh[k] if k in ("Date", "rnngraph") else v) for k, v in MACHINE
                       if k != "Partial rerun"]
            # After an earlier partial rerun, the other rows are as old as that one said.
            previous = earlier.get("Partial rerun", "")
            other = (previous.split("the other rows are from ")[-1] if "the other rows are from " in previous
                     else earlier.get("Date", "an earlier run"))
            MACHINE.append(("Partial rerun", f"{only[0]} rows re-measured on {fresh['Date']}; "
                            f"the other rows are from {other}"))
        if saved:
            results.extend(r for r in saved["results"] if not r["operation"].startswith(prefixes))
        bench()
        write_report()
        return
    if only == ["report"]:
        # Rewrites BENCHMARKS.md from the last run's raw numbers (after editing the notes, say).
        saved = json.loads((WORK / "results.json").read_text())
        MACHINE = [tuple(row) for row in saved["machine"]]
        results.extend(saved["results"])
        write_report()
        return
    MACHINE = machine()
    if not only or "rnngraph" in only:
        bench_rnngraph()
        bench_models()
        bench_explorer()
    if not only or "sympy" in only:
        bench_sympy()
    if not only or "codegen" in only:
        bench_codegen()
    write_report()


if __name__ == "__main__":
    main()
