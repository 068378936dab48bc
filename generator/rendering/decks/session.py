"""Session decks, derived from their module's deck instead of drawn whole.

A session deck differs from its module's deck only where the session shows: the title
slide (date, time, venue, trainers), the agenda (clock times), the closing slide when the
site has an evaluation form (its QR code and address) and the document title.
Both decks are planned; the slides whose plans differ are drawn on their own in a
scratch presentation made from the same template, and their slide and notes parts
replace the module deck's parts of the same name in the zip. Every other member is the
module deck's, unchanged. The result is byte-identical to drawing the whole session
deck, which remains the fallback when the two plans do not line up slide for slide.
"""

from __future__ import annotations

import io
import posixpath

from lxml import etree
from pptx import Presentation
from pptx.opc.packuri import PackURI

from .draw import (deck_plan, draw_slide, layouts_of, remove_sample_slides, render_deck, set_document_properties,
                   with_plan_properties)
from .package import Member, zip_members
from .plan import DeckJob, SlidePlan
from .texts import language_tag

NS_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
RT_NOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/notesSlide"
RT_IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
PRESENTATION = "ppt/presentation.xml"


class Scratch:
    """An empty presentation from one template, reused to draw a few slides at a time."""

    def __init__(self, template: bytes) -> None:
        self.template = template
        self.prs = Presentation(io.BytesIO(template))
        remove_sample_slides(self.prs)
        self.layouts = layouts_of(self.prs)
        self.module: tuple[DeckJob, list[SlidePlan], list[tuple[str, str | None]]] | None = None

    def module_facts(self, job: DeckJob, members: list[Member]) -> tuple[list[SlidePlan], list[tuple[str, str | None]]]:
        """The module deck's plan and slide members, worked out once: a worker goes module by module."""
        if self.module is None or self.module[0] != job:
            names = slide_members({member.name: member.data for member in members})
            self.module = (job, deck_plan(job, self.layouts), names)
        return self.module[1], self.module[2]


_scratch: Scratch | None = None


def scratch_for(template: bytes) -> Scratch:
    """The worker process's scratch presentation for ``template``, opened once.

    Compared by identity first: every session deck of a group passes the same bytes.
    """
    global _scratch
    if _scratch is None or (_scratch.template is not template and _scratch.template != template):
        _scratch = Scratch(template)
    return _scratch


def session_deck(job: DeckJob, module_job: DeckJob, module_members: list[Member], template: bytes) -> bytes:
    """The .pptx of session ``job``, made from the members of ``module_job``'s deck."""
    scratch = scratch_for(template)
    module_plan, names = scratch.module_facts(module_job, module_members)
    plan = deck_plan(job, scratch.layouts)
    changed = [index for index, (ours, theirs) in enumerate(zip(plan, module_plan)) if ours != theirs]
    if not splices(plan, module_plan, changed):
        return render_deck(job, template)
    replacements: dict[str, Member] = {}
    module_data = {member.name: member.data for member in module_members}
    for index in changed:
        slide_name, notes_name = names[index]
        drawn = draw_alone(scratch, job, plan[index], index + 1, slide_name, notes_name, module_data)
        if drawn is None:
            return render_deck(job, template)
        replacements.update(drawn)
    set_document_properties(scratch.prs, job)
    core = scratch.prs.core_properties.part
    replacements[core.partname.membername] = Member(core.partname.membername, core.blob)
    members = [replacements.pop(member.name, member) for member in module_members]
    if replacements:  # a part the module deck lacks: cannot happen when the plans line up
        return render_deck(job, template)
    return zip_members(with_plan_properties(members, plan, scratch.prs))


def splices(plan: list[SlidePlan], module_plan: list[SlidePlan], changed: list[int]) -> bool:
    """Whether the differing slides can be swapped in part for part.

    The decks must have as many slides (else slide numbers, names and the slide list
    differ), and a swapped slide must keep its notes page or lack of one and show no
    picture of the slide's own (a picture would be a media part of its own). The logo
    is the module deck's first picture, so a swapped slide refers to the same media part
    (``draw_alone`` checks it).
    """
    if len(plan) != len(module_plan):
        return False
    for index in changed:
        ours, theirs = plan[index], module_plan[index]
        if ours.image is not None or theirs.image is not None:
            return False
        if ours.has_notes != theirs.has_notes:
            return False
    return True


def slide_members(members: dict[str, bytes]) -> list[tuple[str, str | None]]:
    """(slide member, notes member or None) of every slide, in slide order."""
    targets = relationships(members, PRESENTATION)
    listed = etree.fromstring(members[PRESENTATION]).find(f"{{{NS_P}}}sldIdLst")
    out = []
    for entry in (listed if listed is not None else ()):
        slide = targets[entry.get(f"{{{NS_R}}}id")][1]
        notes = [target for kind, target in relationships(members, slide).values() if kind == RT_NOTES]
        out.append((slide, notes[0] if notes else None))
    return out


def relationships(members: dict[str, bytes], source: str) -> dict[str, tuple[str, str]]:
    """rId -> (relationship type, target member) of ``source``'s internal relationships."""
    folder, name = posixpath.split(source)
    rels = members.get(posixpath.join(folder, "_rels", name + ".rels"))
    if rels is None:
        return {}
    out = {}
    for rel in etree.fromstring(rels).iter(f"{{{NS_RELS}}}Relationship"):
        if rel.get("TargetMode") != "External":
            out[rel.get("Id")] = (rel.get("Type"), posixpath.normpath(posixpath.join(folder, rel.get("Target"))))
    return out


def draw_alone(scratch: Scratch, job: DeckJob, plan: SlidePlan, number: int, slide_name: str,
               notes_name: str | None, module_data: dict[str, bytes]) -> dict[str, Member] | None:
    """Slide ``number`` drawn by itself, as the members that replace the module deck's; None
    when it refers to a part (the logo's picture) the module deck lacks or holds otherwise."""
    prs = scratch.prs
    draw_slide(prs, scratch.layouts, plan, language_tag(job.language), job.site.name[job.language], number, job.language)
    slide = prs.slides[len(prs.slides) - 1]
    for rel in slide.part.rels.values():
        if rel.reltype == RT_IMAGE and module_data.get(rel.target_part.partname.membername) != rel.target_part.blob:
            remove_sample_slides(prs)
            return None
    parts = [(slide.part, slide_name)]
    if slide.has_notes_slide:
        parts.append((slide.notes_slide.part, notes_name))
    out: dict[str, Member] = {}
    # Renamed before anything is serialised: relationship targets follow the new names.
    for part, name in parts:
        part.partname = PackURI("/" + name)
    for part, name in parts:
        rels = part.partname.rels_uri.membername
        out[name] = Member(name, part.blob)
        out[rels] = Member(rels, part.rels.xml)
    remove_sample_slides(prs)  # the scratch presentation is empty again
    return out
