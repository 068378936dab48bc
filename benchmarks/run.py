"""Build speed and memory, as ratios within one run.

    python benchmarks/run.py [--scales shipped,synthetic-1x,10x] [--repeat 3]

For each content size it measures, each in a fresh subprocess:
- full build: `coursegen build --force` into an empty output folder (cold caches);
- no-change rebuild: `coursegen build` again with nothing changed;
- warm forced rebuild: `coursegen build --force` with the deck and feed caches warm;
- bare mkdocs: mkdocs-material alone on the same generated Markdown and navigation, every
  language, without our hooks, theme overrides, sanitizer, CSS or script;
and peak resident memory: of the largest single process, and of all the build's
processes together (sampled from /proc every 50 ms). Ratios compare within one run, so the
speed of the machine cancels out. Results go to stdout as a Markdown table.
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
    return Run(seconds, usage.ru_maxrss / 1024, peak_tree / 1024)


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


def count(content: Path) -> str:
    from generator.loading import load_catalog

    catalog = load_catalog(content)
    slides = sum(len(m.slides) for m in catalog.modules.values())
    return f"{len(catalog.modules)} modules, {slides} slides, {len(catalog.sessions)} sessions"


def main() -> None:
    parser = argparse.ArgumentParser(description="coursegen build benchmark")
    parser.add_argument("--scales", default="shipped,synthetic-1x,10x")
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement; the median time is shown")
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
    print("| content | size | full build | no-change rebuild | warm forced rebuild | bare mkdocs "
          "| full / mkdocs | no-change / mkdocs | warm / mkdocs | peak MB, largest process | peak MB, all processes |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    rows = {}
    for label in args.scales.split(","):
        source = contents[label]
        content = source() if callable(source) else source
        results = bench_scale(label, content, work, args.repeat)
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
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
