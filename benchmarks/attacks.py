"""`coursegen check` on a copy of the shipped content carrying every attack at once.

    python benchmarks/attacks.py

Plants one instance of each class of attack on the content boundary (README: "Content is
untrusted input") into a copy of content/, runs `coursegen check` on it in a fresh process,
and prints the wall time, the peak resident memory, whether each attack was named at its
file, and whether any traceback or text of a file outside the content folder appeared.
The regression tests (tests/test_untrusted_*.py) check each attack alone, with variants;
this measures them together.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SECRET = "canary-outside-the-content-folder"


def laughs() -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 9):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def plant(content: Path, outside: Path) -> dict[str, str]:
    """Plant the attacks; returns attack name -> the file (below content/) that must be named."""
    planted: dict[str, str] = {}

    def edit(relative: str, old: str, new: str, name: str) -> None:
        path = content / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, (relative, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        planted[name] = relative

    site = (content / "site.yaml").read_text(encoding="utf-8")
    site = re.sub(r"(?m)^url: .*$", 'url: "https://x.example.org/\\"><script>alert(1)</script>"', site)
    site = re.sub(r"(?m)^  email: .*$", '  email: "a@b.se\\"><script>alert(1)</script>"', site, count=1)
    (content / "site.yaml").write_text(site, encoding="utf-8")
    planted["script in site url and contact e-mail"] = "site.yaml"
    edit("sessions.yaml", 'online: {url: "https://', 'online: {url: "https://x.example.org/>)<svg onload=alert(1)>',
         "online url breaking out of its link")
    edit("sessions.yaml", "  - id: ", "  - id: online\n    module: grunddag\n    date: 2027-05-01\n"
         "    start: '09:00'\n    end: '12:00'\n    language: sv\n    venue: nosuch\n  - id: ",
         "reserved session id")
    module = "modules/frukostmote-chefer.yaml"
    edit(module, "slides:\n", "x-bomb:\n" + "".join("  " + line + "\n" for line in laughs().splitlines()) + "slides:\n",
         "alias bomb")
    grunddag = "modules/grunddag.yaml"
    edit(grunddag, "materials:\n", "materials:\n  - {file: sessions.yaml, title: {sv: a, en: b}}\n"
         "  - {file: modules/grunddag/x.html, title: {sv: a, en: b}}\n", "content file and HTML as materials")
    (content / "modules" / "grunddag" / "x.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    edit(grunddag, "slides:\n", "slides:\n  - layout: image\n    title: {sv: a, en: b}\n    notes: {sv: a, en: b}\n"
         "    image: modules/../modules/grunddag/../../site.yaml\n    alt: {sv: a, en: b}\n", "image path with ..")
    edit("modules/natverk-handledare.yaml", "title:", 'x: "a\x07b"\ntitle:', "raw control character")
    (outside / "secret.yaml").write_text(f"kind: {SECRET}\n", encoding="utf-8")
    (content / "modules" / "evil.yaml").symlink_to(outside / "secret.yaml")
    planted["module file linked to outside"] = "modules/evil.yaml"
    pages = content / "pages"
    (pages / "rce.sv.md").write_text(
        "# x\n\n{{ cycler.__init__.__globals__.os.popen('touch " + str(outside / "CANARY") + "').read() }}\n",
        encoding="utf-8")
    planted["macro reaching Python"] = "pages/rce.sv.md"
    (pages / "en.sv.md").write_text("# x\n", encoding="utf-8")
    planted["page clashing with a language folder"] = "pages/en.sv.md"
    (pages / "mall.sv.md").write_text("---\ntemplate: ../../x.html\n---\n# x\n", encoding="utf-8")
    planted["page front matter choosing a template"] = "pages/mall.sv.md"
    (content / "templates").mkdir()
    (content / "templates" / "deck.pptx").write_text("not a presentation", encoding="utf-8")
    planted["deck template that is not one"] = "templates/deck.pptx"
    return planted


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="coursegen-attacks-"))
    content, outside = work / "content", work / "outside"
    shutil.copytree(REPO / "content", content)
    outside.mkdir()
    planted = plant(content, outside)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "generator", "check", "--content", str(content)],
                          cwd=REPO, capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(REPO)))
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    output = done.stdout + done.stderr
    print(f"coursegen check: exit {done.returncode}, {seconds:.2f} s, peak {peak_mb:.0f} MB, "
          f"{output.count(chr(10))} lines")
    for name, relative in planted.items():
        named = f"{content / relative}:" in output
        print(f"  {'named' if named else 'MISSED'}: {name} ({relative})")
    print(f"  traceback printed: {'Traceback' in output}")
    print(f"  text from outside content/ printed: {SECRET in output}")
    print(f"  macro ran a command: {(outside / 'CANARY').exists()}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
