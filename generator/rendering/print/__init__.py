"""Printed documents as accessible PDFs: speaker scripts, employer flyers, attendance
lists, certificates of participation and paper evaluation forms, published with the site;
and the evaluation report (``report.py``), written to ``OUT/reports/`` and never published.

The documents are drawn by Typst from the templates in ``templates/`` (one ``.typ`` file
per kind of document and ``common.typ`` for the shared look): an organisation restyles
them there and touches nothing else. The renderer hands each template its data as JSON
through ``sys.inputs``, never as Typst source, so a title such as ``#read("/etc/passwd")``
prints as the text it is. Typst's root is a temporary folder holding only copies of the
templates and the logo (as the loader checked it, under a fixed name), so a template
cannot read any other file; it sees only the fonts we give it.

The PDFs are tagged PDF/UA-1 with the document's language and title, and their bytes
depend only on the model, the templates, the fonts and ``SOURCE_DATE_EPOCH``
(2000-01-01 when unset). They are cached under ``build/cache/print`` by a hash of those
inputs: a rebuild compiles only the documents whose inputs changed, on all cores.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import tempfile
from concurrent.futures import ProcessPoolExecutor
from importlib.metadata import version
from pathlib import Path

from ...errors import BuildError
from ...files import link_or_copy, prune_cache, write_atomically
from ...fonts import FONT_DIRS, typst_font_paths
from ...processes import FORK, SPAWN, die_with_parent, single_threaded, without_main
from .documents import PrintJob, print_assets, print_jobs, qr_svg, report_jobs

# Bump when a change in this package's Python changes the bytes of a PDF for the same data.
RENDERER_VERSION = "1"
TEMPLATES_DIR = Path(__file__).with_name("templates")
PDF_STANDARDS = ["ua-1"]
CHUNK = 16  # documents per task when compiling on several cores

__all__ = ["render_print", "print_jobs", "report_jobs", "PrintJob", "TEMPLATES_DIR"]


def render_print(ctx) -> int:
    """Write every printed document below ``ctx.site_dir``, and the unpublished reports below
    ``ctx.reports_dir`` (``OUT/reports/``); returns the number of PDFs."""
    from ...dates import source_date_epoch

    moment = source_date_epoch() or dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
    jobs = print_jobs(ctx.catalog, ctx.today) + report_jobs(ctx.catalog, ctx.today)
    reports_dir = getattr(ctx, "reports_dir", None) or ctx.work_dir / "reports"
    cache_dir = ctx.work_dir / "cache" / "print"
    cache_dir.mkdir(parents=True, exist_ok=True)
    assets = print_assets(ctx.catalog)
    base = inputs_digest(moment, assets)
    keyed = [(job, job_key(base, job)) for job in jobs]
    cached = {path.name for path in cache_dir.iterdir()}
    todo = list({key: job for job, key in keyed if f"{key}.pdf" not in cached}.items())
    chunks = [todo[start:start + CHUNK] for start in range(0, len(todo), CHUNK)]
    if chunks and getattr(ctx, "parallel", True):
        # Typst runs only in these short-lived children, never in the build's long-lived
        # worker: its threads and caches end with them. They die with this process, so an
        # interrupted build leaves none behind.
        # Forked only from a single-threaded process: a child forked from a threaded one
        # (the stage may run in the build's own process) can inherit a lock held for ever.
        context = FORK if FORK is not None and single_threaded() else SPAWN
        workers = min(len(chunks), os.cpu_count() or 1)
        with without_main(), ProcessPoolExecutor(max_workers=workers, mp_context=context,
                                                 initializer=die_with_parent, initargs=(os.getpid(),)) as pool:
            list(pool.map(compile_chunk, chunks, [cache_dir] * len(chunks), [moment] * len(chunks),
                          [assets] * len(chunks)))
    elif chunks:
        compile_chunk(todo, cache_dir, moment, assets)
    for job, key in keyed:
        target = (ctx.site_dir if job.published else reports_dir) / job.target
        target.parent.mkdir(parents=True, exist_ok=True)
        link_or_copy(cache_dir / f"{key}.pdf", target)
        if not job.published:
            target.chmod(0o600)  # free text that may name people: for this folder's owner only
    prune_cache(cache_dir, {f"{key}.pdf" for _, key in keyed}, ".pdf")
    counts: dict[str, int] = {}
    for job in jobs:
        counts[job.kind] = counts.get(job.kind, 0) + 1
    ctx.log("print: " + ", ".join(f"{count} {kind}" for kind, count in counts.items())
            + f"; {len(todo)} compiled, {len(keyed) - len(todo)} unchanged (from cache)")
    return len(jobs)


def inputs_digest(moment: dt.datetime, assets: dict[str, bytes] | None = None) -> bytes:
    """What every document of a build shares: renderer, Typst, segno, templates, fonts, date, the logo."""
    digest = hashlib.sha256()
    digest.update(f"{RENDERER_VERSION}\0{version('typst')}\0{version('segno')}\0{moment.isoformat()}\0".encode())
    for name, content in sorted((assets or {}).items()):
        digest.update(name.encode() + b"\0" + hashlib.sha256(content).digest())
    for template in sorted(TEMPLATES_DIR.glob("*.typ")):
        digest.update(template.name.encode() + b"\0" + template.read_bytes() + b"\0")
    for folder in FONT_DIRS:
        for font in sorted(folder.glob("*")) if folder.is_dir() else ():
            stat = font.stat()
            digest.update(f"{font}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return digest.digest()


def job_key(base: bytes, job: PrintJob) -> str:
    digest = hashlib.sha256(base)
    digest.update(job.kind.encode() + b"\0" + data_json(job).encode() + b"\0" + (job.qr or "").encode())
    return digest.hexdigest()


def data_json(job: PrintJob) -> str:
    return json.dumps(job.data, ensure_ascii=False, sort_keys=True)


def compile_chunk(chunk: list[tuple[str, PrintJob]], cache_dir: Path, moment: dt.datetime,
                  assets: dict[str, bytes] | None = None) -> int:
    """Worker entry point: compile these documents into ``cache_dir`` as ``<key>.pdf``;
    ``assets`` (the logo) are written into the compile root beside the templates."""
    import typst  # imported here: only the processes that print load the compiler

    with tempfile.TemporaryDirectory(prefix="coursegen-print-") as root:
        for template in sorted(TEMPLATES_DIR.glob("*.typ")):
            shutil.copyfile(template, Path(root) / template.name)
        for name, content in (assets or {}).items():
            (Path(root) / name).write_bytes(content)
        compiler = typst.Compiler(
            root=root,
            font_paths=typst_font_paths(),
            ignore_system_fonts=True,
        )
        for key, job in chunk:
            write_atomically(cache_dir / f"{key}.pdf", compile_job(compiler, root, job, moment))
    return len(chunk)


def compile_job(compiler, root: str, job: PrintJob, moment: dt.datetime) -> bytes:
    """One PDF: the job's template with its data; a template error names the template."""
    import typst

    inputs = {"data": data_json(job)}
    if job.qr is not None:
        inputs["qr"] = qr_svg(job.qr)  # here, not when planning: a cached document needs none
    try:
        return compiler.compile(
            input=str(Path(root) / f"{job.kind}.typ"), format="pdf", sys_inputs=inputs,
            pdf_standards=PDF_STANDARDS, timestamp=moment,
        )
    except typst.TypstError as exc:
        raise BuildError(f"generator/rendering/print/templates/{job.kind}.typ: {exc.message} "
                         f"(while printing {job.target})") from exc
