"""Printed documents as accessible PDFs: speaker scripts, employer flyers, attendance
lists and certificates of participation.

The documents are drawn by Typst from the templates in ``templates/`` (one ``.typ`` file
per kind of document and ``common.typ`` for the shared look): an organisation restyles
them there and touches nothing else. The renderer hands each template its data as JSON
through ``sys.inputs``, never as Typst source, so a title such as ``#read("/etc/passwd")``
prints as the text it is. Typst's root is a temporary folder holding only copies of the
templates, so a template cannot read any other file; it sees only the fonts we give it.

The PDFs are tagged PDF/UA-1 with the document's language and title, and their bytes
depend only on the model and ``SOURCE_DATE_EPOCH`` (2000-01-01 when unset).
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
from pathlib import Path

from ...errors import BuildError
from ...files import write_atomically
from .documents import PrintJob, print_jobs

TEMPLATES_DIR = Path(__file__).with_name("templates")
# Debian's fonts-liberation2 (see scripts/ensure-system-packages.sh); without it Typst's own
# embedded fonts are used. System fonts are never looked at, so every machine with the
# same fonts gives the same bytes.
FONT_DIRS = (Path("/usr/share/fonts/truetype/liberation2"),)
PDF_STANDARDS = ["ua-1"]

__all__ = ["render_print", "print_jobs", "PrintJob", "TEMPLATES_DIR"]


def render_print(ctx) -> int:
    """Write every printed document below ``ctx.site_dir``; returns the number of PDFs."""
    import typst  # imported here: the other stages' processes need not load the compiler

    from ...dates import source_date_epoch

    moment = source_date_epoch() or dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
    jobs = print_jobs(ctx.catalog, ctx.today)
    with tempfile.TemporaryDirectory(prefix="coursegen-print-") as root:
        for template in sorted(TEMPLATES_DIR.glob("*.typ")):
            shutil.copyfile(template, Path(root) / template.name)
        compiler = typst.Compiler(
            root=root,
            font_paths=[str(path) for path in FONT_DIRS if path.is_dir()],
            ignore_system_fonts=True,
        )
        for job in jobs:
            write_atomically(ctx.site_dir / job.target, compile_job(compiler, root, job, moment))
    counts: dict[str, int] = {}
    for job in jobs:
        counts[job.kind] = counts.get(job.kind, 0) + 1
    ctx.log("print: " + ", ".join(f"{count} {kind}" for kind, count in counts.items()))
    return len(jobs)


def compile_job(compiler, root: str, job: PrintJob, moment: dt.datetime) -> bytes:
    """One PDF: the job's template with its data; a template error names the template."""
    import typst

    inputs = {"data": json.dumps(job.data, ensure_ascii=False, sort_keys=True)}
    if job.qr is not None:
        inputs["qr"] = job.qr
    try:
        return compiler.compile(
            input=str(Path(root) / f"{job.kind}.typ"), format="pdf", sys_inputs=inputs,
            pdf_standards=PDF_STANDARDS, timestamp=moment,
        )
    except typst.TypstError as exc:
        raise BuildError(f"generator/rendering/print/templates/{job.kind}.typ: {exc.message} "
                         f"(while printing {job.target})") from exc
