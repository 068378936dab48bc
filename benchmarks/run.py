"""Build speed and memory, as ratios within one run.

    python benchmarks/run.py [--scales shipped,synthetic-1x,10x] [--repeat 3] [--measure all|speed|stages]

For each content size it measures, each in a fresh subprocess:
- full build: `coursegen build --force` into an empty output folder (cold caches);
- no-change rebuild: `coursegen build` again with nothing changed;
- warm forced rebuild: `coursegen build --force` with the deck and feed caches warm;
- bare mkdocs: mkdocs-material alone on the same generated Markdown and navigation, every
  language, without our hooks, theme overrides, sanitizer, CSS or script;
and peak resident memory: of the largest single process, and of all the build's
processes together (sampled from /proc every 50 ms). Ratios compare within one run, so the
speed of the machine cancels out. Results go to stdout as a Markdown table.

The stage shares (``--measure stages``, also part of ``all``): a cold full build in a fresh
process, reporting each stage's time as the pipeline measured it inside that build (site
here, decks, feeds and print one after the other in the companion worker, beside the site);
and each stage alone, its render function the only one, in a fresh process into an empty
output folder (cold caches, on all cores as in a build). Shares are of the sum of the
stages alone; the last column compares a stage alone with the whole cold build.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from synthetic import write_content  # noqa: E402

# Every session is upcoming on this day, so every session deck is built.
TODAY = "2026-12-01"

BARE_MKDOCS = """
import sys
from pathlib import Path
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
base = yaml.safe_load(Path(sys.argv[1]).read_text(encoding="utf-8"))
source, out = Path(sys.argv[2]), Path(sys.argv[3])
# mkdocs-material alone on the same Markdown pages and navigation, one language after the
# other: no hooks, no theme overrides, no sanitizer, no CSS or script of ours.
for folder in sorted(p for p in source.iterdir() if (p / "mkdocs.yml").is_file()):
    ours = yaml.safe_load((folder / "mkdocs.yml").read_text(encoding="utf-8"))
    bare = {
        "site_name": ours["site_name"], "docs_dir": ours["docs_dir"], "site_dir": str(out / folder.name),
        "nav": ours["nav"], "use_directory_urls": True,
        "theme": {"name": "material", "language": ours["theme"]["language"], "font": False},
        "plugins": {"search": {"lang": ours["plugins"]["search"]["lang"]}},
        "markdown_extensions": base["markdown_extensions"],
        "validation": base["validation"],  # the same link checks as ours, so the same log
    }
    config_file = folder / "bare-mkdocs.yml"
    config_file.write_text(yaml.safe_dump(bare, allow_unicode=True), encoding="utf-8")
    build(load_config(config_file=str(config_file)))
"""


@dataclass
class Run:
    seconds: float
    peak_mb: float  # the largest single process
    tree_mb: float  # the most all processes of the build held at once (sampled)
    cpu: float = 0.0  # user + system seconds of the process and the children it waited for


def tree_rss(root: int) -> int:
    """Resident memory, in kB, of ``root`` and all its descendants, read from /proc."""
    parents: dict[int, int] = {}
    sizes: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/status", encoding="ascii", errors="replace") as status:
                fields = dict(line.split(":", 1) for line in status if ":" in line)
        except OSError:
            continue
        parents[int(entry)] = int(fields.get("PPid", "0").strip() or 0)
        sizes[int(entry)] = int(fields.get("VmRSS", "0 kB").split()[0])
    family, grew = {root}, True
    while grew:
        more = {pid for pid, parent in parents.items() if parent in family} - family
        family |= more
        grew = bool(more)
    return sum(sizes.get(pid, 0) for pid in family)


def measure(command: list[str]) -> Run:
    """Wall time, the peak RSS of the largest process, and the sampled peak of the process tree."""
    env = dict(os.environ, COURSEGEN_TODAY=TODAY, PYTHONPATH=str(REPO))
    started = time.perf_counter()
    # stderr to a file, not a pipe: a chatty child would fill the pipe and wait for ever.
    errors = tempfile.TemporaryFile()
    process = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=errors)
    peak_tree = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak_tree
        while not stop.wait(0.05):
            peak_tree = max(peak_tree, tree_rss(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    stop.set()
    sampler.join()
    errors.seek(0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{errors.read().decode(errors='replace')}")
    errors.close()
    return Run(seconds, usage.ru_maxrss / 1024, peak_tree / 1024, usage.ru_utime + usage.ru_stime)


def coursegen(*args: str) -> list[str]:
    return [sys.executable, "-m", "generator", "build", "--quiet", *args]


def bench_scale(label: str, content: Path, work: Path, repeat: int) -> dict[str, Run]:
    """Each measurement ``repeat`` times, interleaved; the median time and the largest memory."""
    runs: dict[str, list[Run]] = {"full": [], "no-change": [], "warm": [], "bare mkdocs": []}
    out = work / f"out-{label}"
    for _ in range(repeat):
        shutil.rmtree(out, ignore_errors=True)
        runs["full"].append(measure(coursegen("--content", str(content), "--out", str(out), "--force")))
        runs["no-change"].append(measure(coursegen("--content", str(content), "--out", str(out))))
        runs["warm"].append(measure(coursegen("--content", str(content), "--out", str(out), "--force")))
        bare_out = work / f"bare-{label}"
        runs["bare mkdocs"].append(measure(
            [sys.executable, "-c", BARE_MKDOCS, str(REPO / "mkdocs.yml"), str(out / "site-src"), str(bare_out)]
        ))
    return {
        name: Run(statistics.median(r.seconds for r in measured), max(r.peak_mb for r in measured),
                  max(r.tree_mb for r in measured))
        for name, measured in runs.items()
    }


STAGE_NAMES = ("site", "decks", "feeds", "print")

TIMED_BUILD = """
import json, sys, time
from pathlib import Path
from generator.pipeline import build
content, out, stages, result = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
started = time.perf_counter()
chosen = None if stages == "all" else () if stages == "none" else tuple(stages.split(","))
report = build(content, out, stages=chosen, force=True, log=lambda message: None)
Path(result).write_text(json.dumps({"wall": time.perf_counter() - started,
                                    "stages": {s.name: [s.seconds, s.outputs] for s in report.stages}}))
"""


def timed_build(content: Path, out: Path, stages: str, work: Path) -> dict:
    """A cold build (empty output folder) of ``stages`` ("all", "none" or one name) in a fresh
    process: its wall time, each stage's seconds and outputs as the pipeline measured them,
    and the CPU seconds of the whole process tree."""
    import json

    shutil.rmtree(out, ignore_errors=True)
    result = work / "stage-result.json"
    run = measure([sys.executable, "-c", TIMED_BUILD, str(content), str(out), stages, str(result)])
    return dict(json.loads(result.read_text()), cpu=run.cpu)


def bench_stages(label: str, content: Path, work: Path, repeat: int) -> dict:
    """Median over ``repeat`` interleaved rounds: the whole cold build with its stages' times,
    and each stage alone."""
    out = work / f"stages-{label}"
    whole: list[dict] = []
    empty: list[float] = []  # CPU of a build without stages: loading, checks, starting
    alone: dict[str, list[float]] = {name: [] for name in STAGE_NAMES}
    cpu: dict[str, list[float]] = {name: [] for name in STAGE_NAMES}
    outputs: dict[str, int] = {}
    for _ in range(repeat):
        whole.append(timed_build(content, out, "all", work))
        empty.append(timed_build(content, out, "none", work)["cpu"])
        for name in STAGE_NAMES:
            measured = timed_build(content, out, name, work)
            alone[name].append(measured["stages"][name][0])
            cpu[name].append(measured["cpu"])
            outputs[name] = measured["stages"][name][1]
    base = statistics.median(empty)
    return {
        "wall": statistics.median(w["wall"] for w in whole),
        "whole_cpu": statistics.median(w["cpu"] for w in whole),
        "base_cpu": base,
        "inside": {name: statistics.median(w["stages"][name][0] for w in whole) for name in STAGE_NAMES},
        "alone": {name: statistics.median(times) for name, times in alone.items()},
        "cpu": {name: max(0.0, statistics.median(times) - base) for name, times in cpu.items()},
        "outputs": outputs,
    }


def print_stage_shares(label: str, measured: dict) -> None:
    total = sum(measured["alone"].values())
    total_cpu = sum(measured["cpu"].values())
    wall = measured["wall"]
    print(f"Stage shares, {label}: cold full build {wall:.1f} s ({measured['whole_cpu']:.1f} CPU-s); the stages "
          f"alone add up to {total:.1f} s ({total / wall:.2f}x the build: the rest runs side by side); "
          f"loading and checks without a stage: {measured['base_cpu']:.1f} CPU-s")
    print()
    print("| stage | outputs | in the full build | alone, cold | share of the stages alone | alone / full build "
          "| CPU-s alone (less loading) | share of the CPU |")
    print("|---|---|---|---|---|---|---|---|")
    for name in STAGE_NAMES:
        seconds = measured["alone"][name]
        print(f"| {name} | {measured['outputs'][name]} | {measured['inside'][name]:.2f} s | {seconds:.2f} s | "
              f"{100 * seconds / total:.0f} % | {seconds / wall:.2f} | {measured['cpu'][name]:.2f} | "
              f"{100 * measured['cpu'][name] / total_cpu:.0f} % |")
    companion = sum(measured["inside"][name] for name in STAGE_NAMES[1:])
    print()
    print(f"In the full build: site {measured['inside']['site']:.2f} s in the build's process; decks + feeds + print "
          f"{companion:.2f} s one after the other in the companion worker.")
    print(flush=True)


def count(content: Path) -> str:
    from generator.loading import load_catalog

    catalog = load_catalog(content)
    slides = sum(len(m.slides) for m in catalog.modules.values())
    return f"{len(catalog.modules)} modules, {slides} slides, {len(catalog.sessions)} sessions"


def speed_table(sizes: dict[str, Path], work: Path, repeat: int) -> None:
    print("| content | size | full build | no-change rebuild | warm forced rebuild | bare mkdocs "
          "| full / mkdocs | no-change / mkdocs | warm / mkdocs | peak MB, largest process | peak MB, all processes |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    rows = {}
    for label, content in sizes.items():
        results = bench_scale(label, content, work, repeat)
        rows[label] = results
        bare = results["bare mkdocs"].seconds
        ours = [results[name] for name in ("full", "no-change", "warm")]
        print(
            f"| {label} | {count(content)} | {results['full'].seconds:.1f} s | {results['no-change'].seconds:.2f} s | "
            f"{results['warm'].seconds:.1f} s | {bare:.1f} s | {results['full'].seconds / bare:.2f}x | "
            f"{results['no-change'].seconds / bare:.2f}x | {results['warm'].seconds / bare:.2f}x | "
            f"{max(r.peak_mb for r in ours):.0f} | {max(r.tree_mb for r in ours):.0f} |",
            flush=True,
        )
    print()
    for small in ("shipped", "synthetic-1x"):
        if small in rows and "10x" in rows:
            print(f"10x / {small} full build time: {rows['10x']['full'].seconds / rows[small]['full'].seconds:.1f}x "
                  f"(bare mkdocs: {rows['10x']['bare mkdocs'].seconds / rows[small]['bare mkdocs'].seconds:.1f}x)")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description="coursegen build benchmark")
    parser.add_argument("--scales", default="shipped,synthetic-1x,10x")
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement; the median time is shown")
    parser.add_argument("--measure", choices=("all", "speed", "stages"), default="all",
                        help="speed: the build table; stages: each stage's share of a cold full build")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    work = Path(tempfile.mkdtemp(prefix="coursegen-bench-"))
    # 1x is the shipped content; 10x is the 100 modules and 1,000 sessions; the
    # synthetic 1x has the shape of 10x at a tenth of the size, to see how time scales.
    contents = {
        "shipped": REPO / "content",
        "synthetic-1x": lambda: write_content(work / "content-1x", modules=10, slides=20, sessions=100),
        "10x": lambda: write_content(work / "content-10x", modules=100, slides=20, sessions=1000),
    }
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}")
    print(f"runs per measurement: {args.repeat} (median time, largest memory)")
    print()
    sizes = {}
    for label in args.scales.split(","):
        source = contents[label]
        sizes[label] = source() if callable(source) else source
    if args.measure in ("all", "speed"):
        speed_table(sizes, work, args.repeat)
    if args.measure in ("all", "stages"):
        for label, content in sizes.items():
            print_stage_shares(f"{label} ({count(content)})", bench_stages(label, content, work, args.repeat))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
