"""SVG logos, rebuilt from an allowlist: shapes, paths, gradients and text, nothing that runs.

An SVG file is a document: opened on its own it may run script, load other files or embed
HTML. The loader therefore never publishes an editor's SVG as it is. It parses the file,
refuses anything outside the allowlist below (naming the line), and the snapshot holds the
file written out again from the parsed tree, so only allowlisted parts can reach the site.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from xml.parsers import expat

from ..messages import Message, msg

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
MAX_SVG_BYTES = 1024 * 1024
MAX_ELEMENTS = 20_000

ELEMENTS = frozenset({
    "svg", "g", "defs", "title", "desc", "path", "rect", "circle", "ellipse", "line", "polyline",
    "polygon", "text", "tspan", "linearGradient", "radialGradient", "stop", "clipPath", "mask", "use",
    "symbol",
})
ATTRIBUTES = frozenset({
    "id", "class", "version", "viewBox", "preserveAspectRatio", "width", "height", "x", "y", "x1", "y1",
    "x2", "y2", "cx", "cy", "r", "rx", "ry", "fx", "fy", "d", "points", "transform", "offset",
    "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity", "stroke-linecap",
    "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset", "opacity",
    "stop-color", "stop-opacity", "gradientUnits", "gradientTransform", "spreadMethod", "clip-path",
    "clip-rule", "clipPathUnits", "mask", "maskUnits", "maskContentUnits", "font-family", "font-size",
    "font-weight", "font-style", "text-anchor", "dominant-baseline", "letter-spacing", "word-spacing",
    "dx", "dy", "role", "aria-label", "aria-hidden", "color", "display", "visibility", "href",
})
# url(...) values may point only inside the file: url(#gradient).
URL_VALUE = re.compile(r"url\s*\(", re.IGNORECASE)
LOCAL_URL = re.compile(r"url\(\s*#[A-Za-z_][\w.-]*\s*\)")


class SvgProblem(ValueError):
    """What is wrong with an SVG file and on which line."""

    def __init__(self, line: int, message: Message):
        super().__init__(str(message))
        self.line = line
        self.message = message


def clean_svg(data: bytes) -> bytes:
    """The SVG written out again with only allowlisted parts; raises :class:`SvgProblem`."""
    if len(data) > MAX_SVG_BYTES:
        raise SvgProblem(1, msg("the file is {size:.1f} MB; a logo should be well under 1 MB", size=len(data) / 1e6))
    lines: dict[int, int] = {}
    parser = expat.ParserCreate(namespace_separator=" ")
    stack: list[ET.Element] = []
    root: list[ET.Element] = []
    count = 0

    def refuse_declaration(*_args) -> None:
        raise SvgProblem(parser.CurrentLineNumber, msg("has a <!DOCTYPE> or <!ENTITY> declaration; "
                         "export the logo again as plain SVG (e.g. 'Plain SVG' in Inkscape)"))

    def start(tag: str, attributes: dict[str, str]) -> None:
        nonlocal count
        line = parser.CurrentLineNumber
        count += 1
        if count > MAX_ELEMENTS:
            raise SvgProblem(line, msg("has more than {limit} elements; simplify the logo", limit=MAX_ELEMENTS))
        namespace, _, name = tag.rpartition(" ")
        if namespace != SVG or name not in ELEMENTS:
            shown = name if namespace in (SVG, "") else f"{name} ({namespace})"
            raise SvgProblem(line, msg("has a <{element}> element, which a logo may not contain; "
                                 "use shapes, paths, gradients and text only", element=shown))
        element = ET.Element(f"{{{SVG}}}{name}")
        for key, value in attributes.items():
            key_namespace, _, key_name = key.rpartition(" ")
            if key_namespace == XLINK and key_name == "href":
                key_namespace = ""
            if key_namespace or key_name not in ATTRIBUTES:
                raise SvgProblem(line, msg("the <{element}> element has the attribute '{attribute}', which a logo "
                                     "may not have; remove it (scripts, styles and links are not allowed)",
                                     element=name, attribute=key_name))
            if key_name == "href" and not re.fullmatch(r"#[A-Za-z_][\w.-]*", value):
                raise SvgProblem(line, msg("the <{element}> element points at '{target}'; a logo may refer "
                                     "only to its own parts (#id)", element=name, target=value[:60]))
            if URL_VALUE.search(value) and not LOCAL_URL.fullmatch(value.strip()):
                raise SvgProblem(line, msg("the attribute '{attribute}' refers to '{target}'; a logo may "
                                     "refer only to its own parts: url(#id)", attribute=key_name, target=value[:60]))
            element.set(key_name, value)
        if stack:
            stack[-1].append(element)
        else:
            root.append(element)
        stack.append(element)
        lines[id(element)] = line

    def end(_tag: str) -> None:
        stack.pop()

    def characters(text: str) -> None:
        if stack:
            element = stack[-1]
            if len(element):
                element[-1].tail = (element[-1].tail or "") + text
            else:
                element.text = (element.text or "") + text

    def refuse_instruction(target: str, _data: str) -> None:
        raise SvgProblem(parser.CurrentLineNumber, msg("has a processing instruction <?{target}?>; remove it", target=target))

    parser.StartDoctypeDeclHandler = refuse_declaration
    parser.EntityDeclHandler = refuse_declaration
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = characters
    parser.ProcessingInstructionHandler = refuse_instruction
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        parser.Parse(data, True)
    except SvgProblem:
        raise
    except expat.ExpatError as exc:
        raise SvgProblem(exc.lineno or 1, msg("is not a readable SVG file; export it again as plain SVG")) from exc
    if not root or root[0].tag != f"{{{SVG}}}svg":
        raise SvgProblem(1, msg("is not an SVG file: it must start with an <svg> element"))
    svg = root[0]
    if not (svg.get("viewBox") or (svg.get("width") and svg.get("height"))):
        raise SvgProblem(lines[id(svg)], msg("the <svg> element needs a viewBox (or width and height), so the logo "
                         "can be scaled; export it again with its size"))
    ET.register_namespace("", SVG)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(svg, encoding="utf-8", xml_declaration=False)
