"""Drawing planned slides into a presentation made from the template.

Layouts are found by name and placeholders by idx (see ``design.py``), never by
position. Every slide gets its title as the first shape (screen readers read shapes
in tree order), every text run its language, every picture its alt text.
"""

from __future__ import annotations

import copy
import io
from dataclasses import dataclass, replace

from lxml import etree
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.oxml.shapes.shared import BaseShapeElement
from pptx.opc.packuri import PackURI
from pptx.parts.slide import NotesSlidePart, SlidePart
from pptx.dml.color import RGBColor
from pptx.enum.text import PP_ALIGN
from pptx.util import Emu, Pt

from ...errors import BuildError
from . import design as d
from .body import Paragraph
from .fit import CELL_INSET_PT, Box, Timetable, balance, level_size, one_line_size, paginate, shrunk, timetable, title_size
from .marks import qr_path, short_address
from .package import package_members, set_core_properties, with_app_properties, zip_members
from .plan import DeckJob, SlidePlan, outline, unique_titles
from ...dates import long_date
from .texts import label, language_tag

PT = d.EMU_PER_POINT
LAYOUTS_WITHOUT_FOOTER = ("title",)
_PH_PATH = f"{qn('p:nvPr')}/{qn('p:ph')}"


def _placeholder_element(self):
    """python-pptx's ``BaseShapeElement.ph`` ("./*[1]/p:nvPr/p:ph"), without compiling an XPath.

    python-pptx asks every shape whether it is a placeholder several times per slide, each
    time through a fresh XPath evaluation: most of a deck's drawing time went there. The
    answer is the same (tests/test_decks_package.py compares both on every shape of a deck).
    """
    for child in self:
        if isinstance(child.tag, str):  # the first element, as "*[1]" (not a comment)
            return child.find(_PH_PATH)
    return None


XPATH_PH = BaseShapeElement.ph
BaseShapeElement.ph = property(_placeholder_element)


def render_deck(job: DeckJob, template: bytes) -> bytes:
    """The finished .pptx for ``job``, byte-identical for identical input."""
    return zip_members(render_members(job, template))


def render_members(job: DeckJob, template: bytes) -> list[tuple[str, bytes]]:
    """The zip members of ``job``'s deck, drawn whole from the template."""
    prs = Presentation(io.BytesIO(template))
    remove_sample_slides(prs)
    layouts = layouts_of(prs, template)
    tag = language_tag(job.language)
    footer = job.site.name[job.language]
    plans = deck_plan(job, layouts)
    for number, plan in enumerate(plans, start=1):
        draw_slide(prs, layouts, plan, tag, footer, number, job.language)
    set_document_properties(prs, job)
    list_notes_master(prs)
    return with_plan_properties(package_members(prs), plans, prs)


def list_notes_master(prs) -> None:
    """Name the notes master in the presentation's ``notesMasterIdLst``, as PowerPoint does.

    python-pptx relates a notes master to the presentation when it makes the first notes
    page but leaves the list out; the schema and PowerPoint expect the master listed.
    """
    rids = [rel.rId for rel in prs.part.rels.values() if rel.reltype == RT.NOTES_MASTER]
    presentation = prs.part._element
    listed = presentation.find(qn("p:notesMasterIdLst"))
    if listed is not None:
        presentation.remove(listed)
    if not rids:
        return
    listed = etree.Element(qn("p:notesMasterIdLst"))
    etree.SubElement(listed, qn("p:notesMasterId")).set(qn("r:id"), rids[0])
    presentation.find(qn("p:sldMasterIdLst")).addnext(listed)  # the schema's order: right after the slide masters


def with_plan_properties(members: list, plans: list[SlidePlan], prs) -> list:
    """The package's extended properties (slide count, titles, notes) from the deck's plan."""
    notes = sum(1 for plan in plans if plan.has_notes)
    return with_app_properties(members, [plan.title for plan in plans], notes, prs.slide_width, prs.slide_height)


def deck_plan(job: DeckJob, layouts: dict) -> list[SlidePlan]:
    """Every slide of the deck as drawn: pages split, titles made unique."""
    return unique_titles(paginated(outline(job), layouts), job.language)


def set_document_properties(prs, job: DeckJob) -> None:
    set_core_properties(prs, title=deck_title(job), language=language_tag(job.language),
                        author=job.site.organiser, subject=job.site.name[job.language])


def deck_title(job: DeckJob) -> str:
    title = f"{job.module.title[job.language]} – {job.site.name[job.language]}"
    if job.session:
        title = f"{job.module.title[job.language]}, {long_date(job.session.date, job.language)} – {job.site.name[job.language]}"
    return title


class LayoutFacts:
    """What drawing needs from one layout, read from its XML once per presentation."""

    def __init__(self, layout) -> None:
        self.layout = layout
        self.placeholders = {shape.placeholder_format.idx: shape for shape in layout.placeholders}
        title = self.placeholders.get(d.TITLE_IDX)
        self.title_pt = (inherited_sizes(title, "title") or (d.TITLE_PT,))[0] if title is not None else d.TITLE_PT
        self.title_size_pt = (title.width / PT, title.height / PT) if title is not None else None
        body = self.placeholders.get(d.BODY_IDX)
        self.body_sizes = (inherited_sizes(body, "body") if body is not None else None) or d.BODY_PT
        self.body_area = (body.width / PT, body.height / PT) if body is not None else None
        self.title_rect = rect_of(title)
        self.body_rect = rect_of(body)
        self.footers = [(shape.placeholder_format.type, shape._element) for shape in layout.placeholders
                        if shape.placeholder_format.type in (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER)]
        self.light_text = dark_background(layout)

    def body_box(self, has_image: bool, space_pt: float | None = None, evaluation: bool = False) -> Box | None:
        """The body area in points, narrowed when a picture or the evaluation's QR code shares it."""
        if self.body_area is None:
            return None
        width, height = self.body_area
        if has_image and d.PICTURE_IDX not in self.placeholders:
            width *= d.TEXT_SHARE
        if evaluation:
            marks = self.evaluation_marks()
            if marks is not None:
                width, height = marks.body[2] / PT, marks.body[3] / PT
        return Box(width, height, self.body_sizes, d.PARAGRAPH_SPACE_PT if space_pt is None else space_pt)

    def evaluation_marks(self) -> "EvaluationMarks | None":
        """Where title, body, QR code, its label and the address go on a closing slide with the code."""
        if self.title_rect is None:
            return None
        left, title_top, width, title_height = self.title_rect
        body_top, body_bottom = ((self.body_rect[1], self.body_rect[1] + self.body_rect[3]) if self.body_rect
                                 else (title_top + title_height, title_top + title_height + inches(2)))
        side, gap = inches(d.QR_SIDE_IN), inches(d.QR_GAP_IN)
        column = width - side - gap
        address = (left, body_bottom - inches(d.ADDRESS_HEIGHT_IN), width, inches(d.ADDRESS_HEIGHT_IN))
        label = (left + width - side, address[1] - inches(0.1) - inches(d.QR_LABEL_HEIGHT_IN), side,
                 inches(d.QR_LABEL_HEIGHT_IN))
        card = (left + width - side, label[1] - side, side, side)
        return EvaluationMarks(
            title=(left, title_top, column, title_height),
            body=(left, body_top, column, max(address[1] - inches(0.1) - body_top, inches(0.5))),
            card=card, label=label, address=address)


@dataclass(frozen=True)
class EvaluationMarks:
    """Boxes in EMU (left, top, width, height)."""

    title: tuple[int, int, int, int]
    body: tuple[int, int, int, int]
    card: tuple[int, int, int, int]
    label: tuple[int, int, int, int]
    address: tuple[int, int, int, int]


def inches(value: float) -> int:
    return int(round(value * d.EMU_PER_INCH))


def rect_of(shape) -> tuple[int, int, int, int] | None:
    """A layout placeholder's box in EMU, or None (also when it inherits no position)."""
    if shape is None or None in (shape.left, shape.top, shape.width, shape.height):
        return None
    return (int(shape.left), int(shape.top), int(shape.width), int(shape.height))


def dark_background(layout) -> bool:
    """Whether the layout's own background is a dark solid colour (white text reads on it)."""
    colour = layout._element.find(f"{qn('p:cSld')}/{qn('p:bg')}/{qn('p:bgPr')}/{qn('a:solidFill')}/{qn('a:srgbClr')}")
    if colour is None:
        return False
    red, green, blue = (int(colour.get("val")[i:i + 2], 16) / 255 for i in (0, 2, 4))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue < 0.5


def layouts_of(prs, template: bytes | None = None) -> dict[str, LayoutFacts]:
    """The presentation's layouts by name.

    Given the ``template`` the presentation was opened from, the facts read from its XML
    are worked out once per process and only bound to this presentation's layouts.
    """
    known = _LAYOUT_FACTS.get(template) if template is not None else None
    if known is None:
        facts = {layout.name: LayoutFacts(layout) for layout in prs.slide_layouts}
        if template is not None:
            _LAYOUT_FACTS.clear()  # one template per build
            _LAYOUT_FACTS[template] = facts
        return facts
    out = {}
    for layout in prs.slide_layouts:
        bound = copy.copy(known[layout.name])
        bound.layout = layout
        out[layout.name] = bound
    return out


_LAYOUT_FACTS: dict[bytes, dict[str, LayoutFacts]] = {}


def layout_named(layouts: dict[str, LayoutFacts], name: str) -> LayoutFacts:
    try:
        return layouts[name]
    except KeyError:
        raise BuildError(f"the deck template has no layout named '{name}'; it has: {', '.join(sorted(layouts))}") from None


def inherited_sizes(shape, kind: str) -> tuple[float, ...] | None:
    """Font sizes by level from the layout placeholder's list style, else the master's style."""
    found: list[float] = []
    for level in (1, 2, 3):
        size = shape._element.find(f".//{qn('a:lstStyle')}/{qn(f'a:lvl{level}pPr')}/{qn('a:defRPr')}")
        if size is None or size.get("sz") is None:
            master = shape.part.slide_master._element
            style = master.find(f"{qn('p:txStyles')}/{qn('p:titleStyle' if kind == 'title' else 'p:bodyStyle')}")
            size = style.find(f"{qn(f'a:lvl{level}pPr')}/{qn('a:defRPr')}") if style is not None else None
        if size is None or size.get("sz") is None:
            return tuple(found) or None
        found.append(int(size.get("sz")) / 100)
    return tuple(found)


def paginated(slides: list[SlidePlan], layouts: dict) -> list[SlidePlan]:
    """Long bodies continue on following slides with the same title (marked later)."""
    out: list[SlidePlan] = []
    for plan in slides:
        box = layout_named(layouts, plan.layout).body_box(plan.image is not None, plan.space_pt, plan.evaluation is not None)
        if box is not None and plan.rows:
            table = timetable(plan.rows, box, d.TIMETABLE_GAP_IN * 72)
            if table is not None:
                out.append(replace(plan, body=(), space_pt=None, timetable=table))
                continue
            plan = replace(plan, rows=())  # too long for a timetable on one slide: a list, continued as needed
        if box is None or not plan.body:
            out.append(plan)
            continue
        pages = paginate(plan.body, box)
        if len(pages) == 1 and pages[0][1] == 1.0 and plan.layout in d.GROWN_LAYOUTS and plan.space_pt is None:
            scale, space = balance(plan.body, box)
            out.append(replace(plan, scale=scale, space_pt=space if space != box.space_pt else None, middle=True))
            continue
        for page, (paragraphs, scale) in enumerate(pages):
            first = page == 0
            out.append(replace(plan, body=paragraphs, continuation=page, scale=scale,
                               notes=plan.notes if first else (), image=plan.image if first else None,
                               evaluation=plan.evaluation if first else None))
    return out


def draw_slide(prs, layouts: dict[str, LayoutFacts], plan: SlidePlan, tag: str, footer: str, number: int,
               language: str) -> None:
    layout = layout_named(layouts, plan.layout)
    slide = new_slide(prs, layout.layout)
    placeholders = {shape.placeholder_format.idx: shape for shape in slide.placeholders}
    title = placeholders.pop(d.TITLE_IDX, None)
    if title is None:
        raise BuildError(f"the deck template's layout '{plan.layout}' has no title placeholder (idx {d.TITLE_IDX})")
    body = placeholders.pop(d.BODY_IDX, None)
    marks = layout.evaluation_marks() if plan.evaluation else None
    if marks is not None:
        place(title, marks.title)
        if body is not None:
            place(body, marks.body)
    write_title(title, layout, plan.title, marks.title[2] / PT if marks is not None else None)
    if plan.timetable is not None:
        add_timetable(slide, layout, plan.timetable)
    if body is not None and plan.body:
        write_paragraphs(body.text_frame, plan.body, plan.scale, layout.body_sizes, space_pt=plan.space_pt)
        if plan.middle:
            anchor_middle(body.text_frame)
    elif body is not None:
        remove(body)
    label_shape = placeholders.pop(d.LABEL_IDX, None)
    if label_shape is not None and plan.layout == "exercise":
        label_shape.text_frame.text = label(language, "exercise")
    elif label_shape is not None:
        remove(label_shape)
    picture_area = placeholders.pop(d.PICTURE_IDX, None)
    if plan.image is not None:
        add_picture(slide, layout, plan, picture_area, body)
    if picture_area is not None:
        remove(picture_area)
    for leftover in placeholders.values():  # empty placeholders confuse screen readers
        remove(leftover)
    if plan.logo is not None:
        add_logo(slide, layout, plan, marks)
    if marks is not None:
        add_evaluation(slide, layout, plan.evaluation, marks, language)
    if plan.layout not in LAYOUTS_WITHOUT_FOOTER:
        add_footer(slide, layout, footer, number)
    if plan.has_notes:
        notes = new_notes_slide(prs, slide)
        frame = notes.notes_text_frame
        if plan.notes:
            write_paragraphs(frame, plan.notes, 1.0, d.BODY_PT, notes_mode=True)
        else:
            frame.text = label(language, "continued_notes")
        tag_language(notes._element, tag)
    move_to_front(slide, title)
    tag_language(slide._element, tag)


# Fresh, empty XML of the last presentation's slides (per layout) and notes pages.
_FRESH: dict[object, object] = {}


def fresh_xml(prs, key: str):
    """The empty XML cached for ``key`` in ``prs``, or None; forgets other presentations."""
    if _FRESH.get("presentation") is not prs:
        _FRESH.clear()
        _FRESH["presentation"] = prs
    return _FRESH.get(key)


def new_slide(prs, layout):
    """``prs.slides.add_slide(layout)``, but faster.

    python-pptx clones the layout's placeholders into every new slide, one by one; the
    first slide of each layout in a presentation is made that way, later ones copy its
    empty XML. The result is the same, byte for byte.
    """
    key = f"slide:{layout.part.partname}"
    cached = fresh_xml(prs, key)
    if cached is None:
        slide = prs.slides.add_slide(layout)
        _FRESH[key] = copy.deepcopy(slide._element)
        return slide
    presentation_part = prs.part
    slide_part = SlidePart(presentation_part._next_slide_partname, CT.PML_SLIDE, presentation_part.package,
                           copy.deepcopy(cached))
    slide_part.relate_to(layout.part, RT.SLIDE_LAYOUT)
    prs.slides._sldIdLst.add_sldId(presentation_part.relate_to(slide_part, RT.SLIDE))
    return slide_part.slide


def new_notes_slide(prs, slide):
    """The slide's notes page, as python-pptx's ``slide.notes_slide`` makes it, but faster.

    python-pptx builds every notes page from the notes master, placeholder by placeholder;
    the first page of a presentation is made that way, later ones copy its empty XML.
    """
    cached = fresh_xml(prs, "notes")
    if cached is None:
        notes = slide.notes_slide
        _FRESH["notes"] = copy.deepcopy(notes._element)
        return notes
    package = slide.part.package
    part = NotesSlidePart(PackURI(next_notes_partname(prs)), CT.PML_NOTES_SLIDE, package, copy.deepcopy(cached))
    part.relate_to(package.presentation_part.notes_master_part, RT.NOTES_MASTER)
    part.relate_to(slide.part, RT.SLIDE)
    slide.part.relate_to(part, RT.NOTES_SLIDE)
    return slide.notes_slide


def next_notes_partname(prs) -> str:
    """The lowest free notes-page name, as ``package.next_partname`` finds it, from the slides alone."""
    used = {
        str(notes.target_part.partname)
        for rel in prs.part.rels.values() if rel.reltype == RT.SLIDE
        for notes in rel.target_part.rels.values() if notes.reltype == RT.NOTES_SLIDE
    }
    number = 1
    while f"/ppt/notesSlides/notesSlide{number}.xml" in used:
        number += 1
    return f"/ppt/notesSlides/notesSlide{number}.xml"


def write_title(shape, layout: LayoutFacts, text: str, width_pt: float | None = None) -> None:
    shape.text_frame.text = text
    base = layout.title_pt
    # A slide's placeholder inherits its size from the layout's.
    width, height = layout.title_size_pt or (shape.width / PT, shape.height / PT)
    width = width_pt or width
    size = title_size(text, width, height, base)
    if size < base:
        for run in shape.text_frame.paragraphs[0].runs:
            run.font.size = Pt(size)


def write_paragraphs(frame, paragraphs: tuple[Paragraph, ...], scale: float, sizes: tuple[float, ...],
                     notes_mode: bool = False, space_pt: float | None = None) -> None:
    """Paragraphs with their levels and bold/italic runs; sizes (points by level) set only when
    shrunk or grown, the space before each paragraph only when it differs from the template's."""
    frame.clear()
    for position, paragraph in enumerate(paragraphs):
        target = frame.paragraphs[0] if position == 0 else frame.add_paragraph()
        runs = paragraph.runs
        if notes_mode:
            # Notes pages have no list levels worth relying on: a list item is a paragraph of
            # its own, indented and marked in its text.
            target.level = 0
            marker = ("    " * paragraph.level) + ("• " if paragraph.bullet else "")
            if marker and runs:
                runs = (replace(runs[0], text=marker + runs[0].text),) + runs[1:]
        else:
            target.level = paragraph.level
            if not paragraph.bullet:
                no_bullet(target)
        for part in runs:
            run = target.add_run()
            run.text = part.text
            if part.bold:
                run.font.bold = True
            if part.italic:
                run.font.italic = True
            if abs(scale - 1.0) > 0.001:
                run.font.size = Pt(round(shrunk(level_size(sizes, paragraph.level), scale)))
        if space_pt is not None and not notes_mode:
            space_before(target, space_pt)


def anchor_middle(frame) -> None:
    """The text is centred vertically in its box (``anchor="ctr"`` on the slide's own ``a:bodyPr``)."""
    frame._txBody.bodyPr.set("anchor", "ctr")


def space_before(paragraph, points: float) -> None:
    """``a:spcBef`` in points; it comes after ``a:lnSpc`` and before everything else."""
    p_pr = paragraph._p.get_or_add_pPr()
    for old in p_pr.findall(qn("a:spcBef")):
        p_pr.remove(old)
    spacing = etree.Element(qn("a:spcBef"))
    etree.SubElement(spacing, qn("a:spcPts")).set("val", str(int(round(points * 100))))
    line = p_pr.find(qn("a:lnSpc"))
    if line is not None:
        line.addnext(spacing)
    else:
        p_pr.insert(0, spacing)


def no_bullet(paragraph) -> None:
    """A plain paragraph in a bulleted body: no bullet and no hanging indent."""
    p_pr = paragraph._p.get_or_add_pPr()
    p_pr.set("marL", "0")
    p_pr.set("indent", "0")
    for old in p_pr.findall(qn("a:buNone")):
        p_pr.remove(old)
    bu_none = etree.SubElement(p_pr, qn("a:buNone"))
    # a:buNone must come after spacing elements and before tab stops and defRPr.
    for later in ("a:tabLst", "a:defRPr", "a:extLst"):
        node = p_pr.find(qn(later))
        if node is not None:
            node.addprevious(bu_none)
            break


def add_picture(slide, layout, plan: SlidePlan, picture_area, body) -> None:
    """The picture, fitted inside its area without cropping, with its alt text."""
    area = picture_area if picture_area is not None else body
    if area is not None and picture_area is None:
        # No picture area in this layout: the body keeps the left part, the picture takes the right.
        box = (int(area.left), int(area.top), int(area.width), int(area.height))
        left, top, width, height = (box[0] + int(box[2] * d.PICTURE_FROM), box[1], int(box[2] * (1 - d.PICTURE_FROM)),
                                    box[3])
        if body is not None and body._element.getparent() is not None:
            place(body, (box[0], box[1], int(box[2] * d.TEXT_SHARE), box[3]))
    elif area is not None:
        left, top, width, height = area.left, area.top, area.width, area.height
    else:
        left, top, width, height = int(d.SLIDE_WIDTH * 0.55), int(d.SLIDE_HEIGHT * 0.25), int(d.SLIDE_WIDTH * 0.4), int(d.SLIDE_HEIGHT * 0.6)
    with Image.open(io.BytesIO(plan.image)) as image:
        pixels_w, pixels_h = image.size
    scale = min(width / pixels_w, height / pixels_h)
    shown_w, shown_h = int(pixels_w * scale), int(pixels_h * scale)
    picture = slide.shapes.add_picture(io.BytesIO(plan.image), Emu(left + (width - shown_w) // 2),
                                       Emu(top + (height - shown_h) // 2), Emu(shown_w), Emu(shown_h))
    picture._element.nvPicPr.cNvPr.set("descr", plan.alt)
    picture.name = f"Picture {picture.shape_id}"


def add_timetable(slide, layout: LayoutFacts, table: Timetable) -> None:
    """The programme as one or two tables of (time, title) rows in the body area, centred
    vertically in it: time right-aligned and bold in the programme colour, a thin rule under
    each row but the last, no other lines or fills. The XML is written whole (python-pptx's
    cell by cell calls cost more than the rest of the slide)."""
    left, top, width, height = layout.body_rect
    gap = inches(d.TIMETABLE_GAP_IN)
    column_width = (width - gap * (len(table.columns) - 1)) // len(table.columns)
    top += max((height - int(round(table.height_pt * PT))) // 2, 0)
    time_width = int(round(table.time_width_pt * PT))
    size = int(round(table.size * 100))
    pad = int(round(d.TIMETABLE_PAD * table.size * PT))
    inset = int(round(CELL_INSET_PT * PT))
    for index, (rows, heights) in enumerate(zip(table.columns, table.heights)):
        shape_id = slide.shapes._next_shape_id
        row_heights = [int(round(row_height * PT)) for row_height in heights]
        xml_rows = []
        for number, ((time, title), row_height) in enumerate(zip(rows, row_heights)):
            rule = (f'<a:lnB w="12700"><a:solidFill><a:srgbClr val="{d.TIMETABLE_RULE}"/></a:solidFill></a:lnB>'
                    if number < len(rows) - 1 else '<a:lnB w="0"><a:noFill/></a:lnB>')
            properties = (f'<a:tcPr marL="{inset}" marR="{inset}" marT="{pad}" marB="{pad}" anchor="t">'
                          '<a:lnL w="0"><a:noFill/></a:lnL><a:lnR w="0"><a:noFill/></a:lnR>'
                          f'<a:lnT w="0"><a:noFill/></a:lnT>{rule}<a:noFill/></a:tcPr>')
            cells = "".join(
                f'<a:tc><a:txBody><a:bodyPr/><a:lstStyle/><a:p>{align}<a:r><a:rPr sz="{size}"{bold}>'
                f'<a:solidFill><a:srgbClr val="{colour}"/></a:solidFill></a:rPr><a:t>{escape(text)}</a:t></a:r></a:p>'
                f'</a:txBody>{properties}</a:tc>'
                for text, align, bold, colour in ((time, '<a:pPr algn="r"/>', ' b="1"', d.PRIMARY),
                                                  (title, "", "", d.TEXT)))
            xml_rows.append(f'<a:tr h="{row_height}">{cells}</a:tr>')
        xml = (f'<p:graphicFrame xmlns:p="{NS_P}" xmlns:a="{NS_A}"><p:nvGraphicFramePr>'
               f'<p:cNvPr id="{shape_id}" name="Timetable {shape_id}"/>'
               '<p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr>'
               f'<p:xfrm><a:off x="{left + index * (column_width + gap)}" y="{top}"/>'
               f'<a:ext cx="{column_width}" cy="{sum(row_heights)}"/></p:xfrm>'
               f'<a:graphic><a:graphicData uri="{NS_TABLE}"><a:tbl><a:tblPr firstRow="0" bandRow="0">'
               f'<a:tableStyleId>{NO_TABLE_STYLE}</a:tableStyleId></a:tblPr>'
               f'<a:tblGrid><a:gridCol w="{time_width}"/><a:gridCol w="{column_width - time_width}"/></a:tblGrid>'
               f'{"".join(xml_rows)}</a:tbl></a:graphicData></a:graphic></p:graphicFrame>')
        slide.shapes._spTree.append(etree.fromstring(xml))


NO_TABLE_STYLE = "{2D5ABB26-0587-4C30-8999-92F81FD0307C}"  # PowerPoint's built-in "No Style, No Grid"
NS_TABLE = "http://schemas.openxmlformats.org/drawingml/2006/table"


def place(shape, box: tuple[int, int, int, int]) -> None:
    """Give a slide's placeholder a box of its own (all four values: python-pptx would leave
    the rest at zero instead of inheriting them)."""
    shape.left, shape.top, shape.width, shape.height = (Emu(value) for value in box)


def add_logo(slide, layout: LayoutFacts, plan: SlidePlan, marks: "EvaluationMarks | None") -> None:
    """The logo card at the top: left-aligned with the title text on the title slide, centred
    over the title on the closing slide."""
    logo = plan.logo
    png, width_px, height_px = logo.card()
    height = inches(d.LOGO_CARD_HEIGHT_IN)
    width = round(height * width_px / height_px)
    left, _, title_width, _ = marks.title if marks is not None else (layout.title_rect or (inches(0.9), 0, inches(11.5), 0))
    if plan.layout == "closing":
        left += (title_width - width) // 2
    else:
        left += inches(0.1)  # the title's own inset: the card lines up with the title's first letter
    picture = slide.shapes.add_picture(io.BytesIO(png), Emu(left), Emu(inches(d.LOGO_TOP_IN)), Emu(width), Emu(height))
    picture._element.nvPicPr.cNvPr.set("descr", logo.alt)
    picture.name = f"Logo {picture.shape_id}"


def add_evaluation(slide, layout: LayoutFacts, url: str, marks: "EvaluationMarks", language: str) -> None:
    """The evaluation form's QR code on a white card, a label under it and the short address."""
    address = short_address(url)
    colour = d.WHITE if layout.light_text else d.TEXT
    # Corners rounded like the logo's card, within the code's quiet zone (4 of about 45 modules).
    rounded = '<a:prstGeom prst="roundRect"><a:avLst><a:gd name="adj" fmla="val 6000"/></a:avLst></a:prstGeom>'
    card = shape_xml(slide, "QR code card", marks.card, rounded, d.WHITE, decorative=True)
    slide.shapes._spTree.append(card)
    geometry = ('<a:custGeom><a:avLst/><a:gdLst/><a:ahLst/><a:cxnLst/><a:rect l="l" t="t" r="r" b="b"/>'
                f"<a:pathLst>{qr_path(url)}</a:pathLst></a:custGeom>")
    code = shape_xml(slide, "QR code", marks.card, geometry, d.QR_DARK,
                     descr=label(language, "qr_alt").format(address=address))
    slide.shapes._spTree.append(code)
    add_text_box(slide, "QR code label", marks.label, label(language, "qr_label"), d.QR_LABEL_PT, colour, bold=True)
    size = one_line_size(address, marks.address[2] / PT, *d.ADDRESS_PT)
    add_text_box(slide, "Evaluation address", marks.address, address, size, colour)


def shape_xml(slide, name: str, box: tuple[int, int, int, int], geometry: str, fill: str, *, descr: str | None = None,
              decorative: bool = False):
    """A ``p:sp`` without text: ``geometry`` filled with ``fill``, no outline."""
    shape_id = slide.shapes._next_shape_id
    left, top, width, height = box
    extra = f' descr="{escape_attribute(descr)}"' if descr else ""
    ext = (f'<a:extLst><a:ext uri="{DECORATIVE_URI}"><adec:decorative xmlns:adec="{NS_ADEC}" val="1"/></a:ext></a:extLst>'
           if decorative else "")
    xml = (f'<p:sp xmlns:p="{NS_P}" xmlns:a="{NS_A}"><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name} {shape_id}"{extra}>{ext}</p:cNvPr>'
           f"<p:cNvSpPr/><p:nvPr/></p:nvSpPr>"
           f'<p:spPr><a:xfrm><a:off x="{left}" y="{top}"/><a:ext cx="{width}" cy="{height}"/></a:xfrm>{geometry}'
           f'<a:solidFill><a:srgbClr val="{fill}"/></a:solidFill><a:ln><a:noFill/></a:ln></p:spPr></p:sp>')
    return etree.fromstring(xml)


def add_text_box(slide, name: str, box: tuple[int, int, int, int], text: str, size_pt: float, colour: str,
                 bold: bool = False) -> None:
    """One centred line of text in a box of its own, in the template's body font."""
    shape = slide.shapes.add_textbox(*(Emu(value) for value in box))
    shape.name = f"{name} {shape.shape_id}"
    frame = shape.text_frame
    frame.word_wrap = True
    paragraph = frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.CENTER
    run = paragraph.add_run()
    run.text = text
    run.font.size = Pt(size_pt)
    run.font.bold = bold or None
    run.font.color.rgb = RGBColor.from_string(colour)


def add_footer(slide, layout: LayoutFacts, footer: str, number: int) -> None:
    """Copy the layout's footer and slide-number placeholders onto the slide, filled in.

    python-pptx leaves these out of new slides; PowerPoint itself copies them when the
    'Footer' and 'Slide number' boxes are ticked, which is what this does.
    """
    for kind, element in layout.footers:
        # A full copy keeps the template's position and text style: LibreOffice does not
        # inherit a footer's style from the layout the way PowerPoint does.
        sp = copy.deepcopy(element)
        shape_id = slide.shapes._next_shape_id
        c_nv_pr = sp.find(f"{qn('p:nvSpPr')}/{qn('p:cNvPr')}")
        c_nv_pr.set("id", str(shape_id))
        c_nv_pr.set("name", f"{'Footer' if kind == PP_PLACEHOLDER.FOOTER else 'Slide Number'} {shape_id}")
        if kind == PP_PLACEHOLDER.FOOTER:
            text = f"<a:r><a:rPr/><a:t>{escape(footer)}</a:t></a:r>"
        else:
            text = f'<a:fld id="{d.SLIDE_NUMBER_FIELD_ID}" type="slidenum"><a:rPr/><a:t>{number}</a:t></a:fld>'
        body = sp.find(qn("p:txBody"))
        for old in body.findall(qn("a:p")):
            body.remove(old)
        body.append(etree.fromstring(f'<a:p xmlns:a="{NS_A}">{text}</a:p>'))
        slide.shapes._spTree.append(sp)


NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NS_ADEC = "http://schemas.microsoft.com/office/drawing/2017/decorative"
DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"  # PowerPoint's "Mark as decorative"


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_attribute(text: str) -> str:
    return escape(text).replace('"', "&quot;")


def remove(shape) -> None:
    element = shape._element
    element.getparent().remove(element)


def move_to_front(slide, title) -> None:
    """The title becomes the first shape in the tree, so it is read first."""
    tree = slide.shapes._spTree
    element = title._element
    tree.remove(element)
    tree.insert(2, element)  # after nvGrpSpPr and grpSpPr


A_P, A_RPR, A_END = qn("a:p"), qn("a:rPr"), qn("a:endParaRPr")
RUN_TAGS = (qn("a:r"), qn("a:fld"))


def tag_language(element, tag: str) -> None:
    """Set ``lang`` on every run, field and paragraph end below ``element``."""
    for paragraph in element.iter(A_P):
        for run in paragraph:
            if run.tag in RUN_TAGS:
                props = run.find(A_RPR)
                if props is None:
                    props = etree.Element(A_RPR)
                    run.insert(0, props)
                props.set("lang", tag)
        end = paragraph.find(A_END)
        if end is None:
            end = etree.SubElement(paragraph, A_END)
        end.set("lang", tag)


def remove_sample_slides(prs) -> None:
    """An organisation's template may carry example slides; decks start empty."""
    id_list = prs.slides._sldIdLst
    for entry in list(id_list):
        prs.part.drop_rel(entry.rId)
        id_list.remove(entry)
