"""Regenerate ``template.pptx``, the programme's deck template, from python-pptx's default.

Run ``python -m generator.rendering.decks.make_template`` after changing ``design.py``
and commit both. The script keeps six of the default layouts, renames them to the
names the renderer looks up (title, section, content, exercise, image, closing),
redraws their placeholders for 16:9 with fixed idx values, sets the theme colours and
fonts, the master text styles, a footer and a slide number, and adds a notes master.
An organisation can replace the result with its own template as long as it keeps the
layout names and placeholder idx values (see ``design.py``).
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml

from . import TEMPLATE_PATH
from . import design as d
from .package import reproducible_bytes, set_core_properties

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
NSDECL = " ".join(f'xmlns:{k}="{v}"' for k, v in NS.items())
INCH = d.EMU_PER_INCH
MARGIN = int(0.6 * INCH)
CONTENT_WIDTH = d.SLIDE_WIDTH - 2 * MARGIN
FOOTER_TOP = int(6.85 * INCH)
FOOTER_HEIGHT = int(0.4 * INCH)

# Default layout to reuse -> (new name, layout type attribute).
KEEP = {
    "Title Slide": ("title", "title"),
    "Section Header": ("section", "secHead"),
    "Title and Content": ("content", "obj"),
    "Two Content": ("exercise", "cust"),
    "Picture with Caption": ("image", "picTx"),
    "Title Only": ("closing", "cust"),
}


def fill(color: str) -> str:
    return f'<a:solidFill><a:srgbClr val="{color}"/></a:solidFill>'


def run_props(size: int | None = None, color: str | None = None, bold: bool = False) -> str:
    attrs = f' sz="{size * 100}"' if size else ""
    attrs += ' b="1"' if bold else ""
    inner = fill(color) if color else ""
    # Name the theme font explicitly: without it LibreOffice falls back to a serif in footers.
    font = "+mj-lt" if bold else "+mn-lt"
    return f'<a:defRPr{attrs}>{inner}<a:latin typeface="{font}"/></a:defRPr>'


def level_style(level: int, *, size: int, color: str, bold: bool = False, align: str = "l", bullet: str | None = None,
                margin: int = 0, indent: int = 0, space_before: int = 0) -> str:
    """One ``a:lvlNpPr`` element: alignment, bullet, spacing and run defaults."""
    bullet_xml = (f'<a:buClr><a:srgbClr val="{d.PRIMARY}"/></a:buClr><a:buFont typeface="Arial"/><a:buChar char="{bullet}"/>'
                  if bullet else "<a:buNone/>")
    spacing = f'<a:lnSpc><a:spcPct val="{int(d.LINE_HEIGHT * 83333)}"/></a:lnSpc>'
    spacing += f'<a:spcBef><a:spcPts val="{space_before * 100}"/></a:spcBef>'
    return (f'<a:lvl{level}pPr marL="{margin}" indent="{indent}" algn="{align}">{spacing}{bullet_xml}'
            f"{run_props(size, color, bold)}</a:lvl{level}pPr>")


def list_style(*, size: int, color: str, bold: bool = False, align: str = "l") -> str:
    """A one-level ``a:lstStyle`` for a placeholder with plain lines (no bullets)."""
    return f"<a:lstStyle>{level_style(1, size=size, color=color, bold=bold, align=align)}</a:lstStyle>"


def placeholder(shape_id: int, name: str, ph: str, box: tuple[float, float, float, float], *, lst: str = "<a:lstStyle/>",
                anchor: str = "t", prompt: str = "", shape_fill: str | None = None, autofit: bool = False) -> str:
    """A ``p:sp`` placeholder at ``box`` (inches: x, y, width, height)."""
    x, y, cx, cy = (int(v * INCH) for v in box)
    sp_fill = fill(shape_fill) if shape_fill else ""
    fit = "<a:normAutofit/>" if autofit else ""
    if "sldNum" in ph:  # LibreOffice shows a slide number only where the master has the field
        text = (f'<a:p><a:fld id="{d.SLIDE_NUMBER_FIELD_ID}" type="slidenum"><a:rPr lang="en-GB"/>'
                "<a:t>‹#›</a:t></a:fld></a:p>")
    elif prompt:
        text = f'<a:p><a:r><a:rPr lang="en-GB"/><a:t>{prompt}</a:t></a:r></a:p>'
    else:
        text = '<a:p><a:endParaRPr lang="en-GB"/></a:p>'
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
            f"<p:nvPr>{ph}</p:nvPr></p:nvSpPr>"
            f'<p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
            f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{sp_fill}</p:spPr>'
            f'<p:txBody><a:bodyPr wrap="square" lIns="91440" tIns="45720" rIns="91440" bIns="45720" anchor="{anchor}">{fit}</a:bodyPr>'
            f"{lst}{text}</p:txBody></p:sp>")


def rectangle(shape_id: int, name: str, box: tuple[float, float, float, float], color: str) -> str:
    """A plain filled rectangle: decoration that belongs to the master or a layout."""
    x, y, cx, cy = (int(v * INCH) for v in box)
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/><p:cNvSpPr/><p:nvPr userDrawn="1"/></p:nvSpPr>'
            f'<p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
            f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{fill(color)}<a:ln><a:noFill/></a:ln></p:spPr>'
            f'<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="en-GB"/></a:p></p:txBody></p:sp>')


def footer_shapes(first_id: int, color: str) -> list[str]:
    """Footer (programme name) bottom left and slide number bottom right."""
    top, height = FOOTER_TOP / INCH, FOOTER_HEIGHT / INCH
    left = MARGIN / INCH
    return [
        placeholder(first_id, "Footer", '<p:ph type="ftr" sz="quarter" idx="11"/>', (left, top, 9.0, height),
                    lst=list_style(size=12, color=color), anchor="ctr"),
        placeholder(first_id + 1, "Slide Number", '<p:ph type="sldNum" sz="quarter" idx="12"/>',
                    (13.333 - left - 1.5, top, 1.5, height), lst=list_style(size=12, color=color, align="r"), anchor="ctr"),
    ]


def tree(shapes: list[str]) -> str:
    return ('<p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
            '<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>'
            + "".join(shapes) + "</p:spTree>")


def background(color: str) -> str:
    return f'<p:bg><p:bgPr>{fill(color)}<a:effectLst/></p:bgPr></p:bg>'


TITLE_PH = '<p:ph type="title"/>'
BODY_PH = f'<p:ph type="body" idx="{d.BODY_IDX}"/>'
W = CONTENT_WIDTH / INCH
M = MARGIN / INCH


def layout_shapes(name: str) -> tuple[str | None, list[str], bool]:
    """(background colour or None for the master's, shapes, show the master's decoration)."""
    white_title = list_style(size=44, color=d.WHITE, bold=True)
    if name == "title":
        return d.PRIMARY, [
            placeholder(2, "Title", '<p:ph type="ctrTitle"/>', (0.9, 1.5, 11.5, 2.2), lst=white_title, anchor="b",
                        prompt="Title"),
            placeholder(3, "Subtitle", f'<p:ph type="subTitle" idx="{d.BODY_IDX}"/>', (0.9, 3.95, 11.5, 2.5),
                        lst=list_style(size=22, color=d.WHITE), prompt="Subtitle"),
            rectangle(4, "Accent line", (0.9, 3.8, 2.0, 0.06), d.WHITE),
            *footer_shapes(5, d.WHITE),
        ], False
    if name in ("section", "closing"):
        align = "ctr" if name == "closing" else "l"
        return d.PRIMARY, [
            placeholder(2, "Title", TITLE_PH, (0.9, 1.9, 11.5, 2.0), lst=list_style(size=40, color=d.WHITE, bold=True, align=align),
                        anchor="b", prompt="Title"),
            placeholder(3, "Text", BODY_PH, (0.9, 4.1, 11.5, 2.2), lst=list_style(size=22, color=d.WHITE, align=align),
                        prompt="Text"),
            *footer_shapes(4, d.WHITE),
        ], False
    if name == "content":
        return None, [
            placeholder(2, "Title", TITLE_PH, (M, 0.45, W, 1.1), anchor="b", prompt="Title"),
            placeholder(3, "Text", BODY_PH, (M, 1.75, W, 4.85), prompt="Text"),
            *footer_shapes(4, d.MUTED),
        ], True
    if name == "exercise":
        label_style = list_style(size=16, color=d.WHITE, bold=True, align="ctr")
        return d.ACCENT_LIGHT, [
            placeholder(2, "Title", TITLE_PH, (M, 0.95, W, 1.0), lst=list_style(size=d.TITLE_PT, color=d.ACCENT, bold=True),
                        anchor="b", prompt="Title"),
            placeholder(3, "Label", f'<p:ph type="body" sz="quarter" idx="{d.LABEL_IDX}"/>', (M, 0.4, 1.9, 0.5),
                        lst=label_style, anchor="ctr", shape_fill=d.ACCENT, prompt="Label"),
            placeholder(4, "Text", BODY_PH, (M, 2.15, W, 4.45), prompt="Text"),
            rectangle(5, "Accent band", (0, 0, 0.25, 7.5), d.ACCENT),
            *footer_shapes(6, d.MUTED),
        ], False
    if name == "image":
        return None, [
            placeholder(2, "Title", TITLE_PH, (M, 0.45, W, 1.1), anchor="b", prompt="Title"),
            placeholder(3, "Picture", f'<p:ph type="pic" idx="{d.PICTURE_IDX}"/>', (M, 1.75, 7.6, 4.85), prompt="Picture"),
            placeholder(4, "Text", BODY_PH, (M + 7.9, 1.75, W - 7.9, 4.85),
                        lst=f"<a:lstStyle>{level_style(1, size=20, color=d.TEXT, space_before=d.PARAGRAPH_SPACE_PT)}</a:lstStyle>",
                        prompt="Text"),
            *footer_shapes(5, d.MUTED),
        ], True
    raise ValueError(name)


def master_text_styles() -> str:
    """Title and body styles: every layout and slide inherits these."""
    title = level_style(1, size=d.TITLE_PT, color=d.PRIMARY, bold=True)
    body_levels = [
        level_style(1, size=d.BODY_PT[0], color=d.TEXT, bullet="•", margin=int(0.35 * INCH), indent=-int(0.35 * INCH),
                    space_before=d.PARAGRAPH_SPACE_PT),
        level_style(2, size=d.BODY_PT[1], color=d.TEXT, bullet="–", margin=int(0.8 * INCH), indent=-int(0.3 * INCH),
                    space_before=d.PARAGRAPH_SPACE_PT // 2),
        level_style(3, size=d.BODY_PT[2], color=d.TEXT, bullet="•", margin=int(1.2 * INCH), indent=-int(0.3 * INCH),
                    space_before=d.PARAGRAPH_SPACE_PT // 2),
    ]
    other = level_style(1, size=18, color=d.TEXT)
    return (f"<p:txStyles><p:titleStyle>{title}</p:titleStyle><p:bodyStyle>{''.join(body_levels)}</p:bodyStyle>"
            f"<p:otherStyle>{other}</p:otherStyle></p:txStyles>")


def restyle_master(prs) -> None:
    master = prs.slide_master._element
    shapes = [
        placeholder(2, "Title", TITLE_PH, (M, 0.45, W, 1.1), anchor="b", prompt="Title"),
        placeholder(3, "Text", BODY_PH, (M, 1.75, W, 4.85), prompt="Text"),
        rectangle(4, "Top band", (0, 0, 13.333, 0.14), d.PRIMARY),
        *footer_shapes(5, d.MUTED),
    ]
    replace_child(master.find("p:cSld", NS), "p:spTree", tree(shapes))
    replace_child(master, "p:txStyles", master_text_styles())
    # The master's footer placeholders keep the idx the layouts refer to.


def parse(xml: str):
    """Parse a fragment written without namespace declarations (they are added to its root)."""
    return parse_xml(re.sub(r"^<([\w:]+)", lambda m: f"<{m.group(1)} {NSDECL}", xml, count=1))


def replace_child(parent, tag: str, xml: str) -> None:
    """Put the element parsed from ``xml`` where ``parent``'s ``tag`` child was."""
    parent.replace(parent.find(tag, NS), parse(xml))


def restyle_layouts(prs) -> None:
    """Keep, rename and redraw the six layouts; drop the rest."""
    for layout in list(prs.slide_layouts):
        if layout.name not in KEEP:
            prs.slide_layouts.remove(layout)
    for layout in prs.slide_layouts:
        name, kind = KEEP[layout.name]
        element = layout._element
        element.set("type", kind)
        c_sld = element.find("p:cSld", NS)
        c_sld.set("name", name)
        color, shapes, show_master = layout_shapes(name)
        for old_bg in c_sld.findall("p:bg", NS):
            c_sld.remove(old_bg)
        if color:
            c_sld.insert(0, parse(background(color)))
        replace_child(c_sld, "p:spTree", tree(shapes))
        if show_master:
            element.attrib.pop("showMasterSp", None)
        else:
            element.set("showMasterSp", "0")
    # Put the layouts in the order editors meet them.
    id_list = prs.slide_master._element.find("p:sldLayoutIdLst", NS)
    by_name = {layout.name: layout for layout in prs.slide_layouts}
    entries = {entry.get(f"{{{NS['r']}}}id"): entry for entry in id_list}
    master_part = prs.slide_master.part
    for name in d.LAYOUT_NAMES:
        for r_id, entry in entries.items():
            if master_part.related_part(r_id) is by_name[name].part:
                id_list.remove(entry)
                id_list.append(entry)


def restyle_theme(prs) -> None:
    """Theme colours and fonts, so the editor's colour picker offers the programme palette."""
    part = prs.slide_master.part.part_related_by(RT.THEME)
    theme = etree.fromstring(part.blob)
    scheme = theme.find(".//a:clrScheme", NS)
    scheme.set("name", "Programme")
    colors = {"dk1": d.TEXT, "lt1": d.WHITE, "dk2": d.PRIMARY, "lt2": d.PRIMARY_LIGHT, "accent1": d.PRIMARY,
              "accent2": d.ACCENT, "accent3": "2E6B3F", "accent4": "5B4A8B", "accent5": "8A6D00", "accent6": d.MUTED,
              "hlink": d.PRIMARY, "folHlink": "5B4A8B"}
    for slot, value in colors.items():
        node = scheme.find(f"a:{slot}", NS)
        for child in list(node):
            node.remove(child)
        etree.SubElement(node, f"{{{NS['a']}}}srgbClr", val=value)
    fonts = theme.find(".//a:fontScheme", NS)
    fonts.set("name", "Programme")
    for latin in fonts.findall("./*/a:latin", NS):
        latin.set("typeface", d.FONT)
    part._blob = etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True)


def make_template() -> bytes:
    """Build the template and return its bytes (deterministic)."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = d.SLIDE_WIDTH, d.SLIDE_HEIGHT
    restyle_theme(prs)
    restyle_master(prs)
    restyle_layouts(prs)
    prs.notes_master  # creates the notes master, so every deck made from the template has one
    set_core_properties(prs, title="Programme deck template", language="en-GB", author="coursegen")
    return reproducible_bytes(prs)


def main() -> None:
    TEMPLATE_PATH.write_bytes(make_template())
    print(f"wrote {TEMPLATE_PATH}")


if __name__ == "__main__":
    main()
