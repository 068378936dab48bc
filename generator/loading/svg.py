"""SVG logos, rebuilt from an allowlist: shapes, paths, gradients and text, nothing that runs.

An SVG file is a document: opened on its own it may run script, load other files or embed
HTML. The loader therefore never publishes an editor's SVG as it is. It parses the file,
refuses anything outside the allowlist below (naming the line), and the snapshot holds the
file written out again from the parsed tree, so only allowlisted parts can reach the site.
"""

from __future__ import annotations

import functools
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from xml.parsers import expat

from ..fonts import typst_font_paths
from ..messages import Message, msg

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"
# What drawing programs keep for themselves (Inkscape's guides and layers, RDF metadata): never
# drawn, so left out of the rebuilt file rather than refused, as is xml:space.
EDITOR_NAMESPACES = frozenset({
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd", "http://www.inkscape.org/namespaces/inkscape",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "http://purl.org/dc/elements/1.1/", "http://creativecommons.org/ns#",
    "http://ns.adobe.com/AdobeIllustrator/10.0/", "http://ns.adobe.com/AdobeSVGViewerExtensions/3.0/",
})
MAX_SVG_BYTES = 1024 * 1024
MAX_ELEMENTS = 20_000
MAX_DEPTH = 100  # elements inside elements; deeper nesting is no drawing but an attack on the parsers
# What a renderer draws: every element once, plus a copy of whatever it refers to (<use href>,
# url(#id), a gradient's href), so that nested references cannot multiply into millions.
MAX_DRAWN = 200_000
MAX_NUMBER = 100_000  # a coordinate, size or factor; Typst's SVG library fails on huge ones
MAX_ASPECT = 16  # width to height (or height to width): the favicon and cards must stay drawable
DRAW_SECONDS = 60
DRAW_MEMORY = 4 * 1024 ** 3  # bytes of address space for the trial drawing
# One drawing thread and few malloc arenas, so that the address space the child reserves does not
# grow with the machine's cores (each thread's arena reserves 64 MB).
DRAW_ENVIRONMENT = {"RAYON_NUM_THREADS": "1", "MALLOC_ARENA_MAX": "2"}
# The renderers draw the logo with Typst: as pixels (decks, icons, the sharing card) and as vector
# graphics in PDFs. The same drawing is tried here, in a child process with limits, so that a
# logo Typst cannot draw (it fails, panics or runs out of time or memory) is refused by check
# rather than breaking the build.
DRAW_SCRIPT = r"""
import os, resource, sys
resource.setrlimit(resource.RLIMIT_AS, (int(sys.argv[1]), int(sys.argv[1])))
import typst
svg = sys.stdin.buffer.read().decode("utf-8")
fonts = [path for path in sys.argv[2:] if os.path.isdir(path)]
page = b"#set page(width: auto, height: auto, margin: 0pt, fill: none)\n"
for height in (16, 512):
    source = page + b'#image(bytes(sys.inputs.logo), format: "svg", height: %d * 1pt)' % height
    typst.compile(source, format="png", ppi=72.0, sys_inputs={"logo": svg}, font_paths=fonts, ignore_system_fonts=True)
source = page + b'#image(bytes(sys.inputs.logo), format: "svg", height: 3cm)'
typst.compile(source, format="pdf", sys_inputs={"logo": svg}, font_paths=fonts, ignore_system_fonts=True)
"""

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
URL_VALUE = re.compile(r"(?:url|src)\s*\(", re.IGNORECASE)
LOCAL_URL = re.compile(r"url\(\s*#[A-Za-z_][\w.-]*\s*\)")
LOCAL_REFERENCE = re.compile(r"url\(\s*#([A-Za-z_][\w.-]*)\s*\)")
# Attributes read as CSS values understand escapes (u\rl( is url(), \75 rl( too): no backslash at all.
CSS_ESCAPE = "\\"
# Names and words, not numbers: the rest of the attributes hold coordinates, sizes and factors.
WORDS = frozenset({"id", "class", "version", "role", "aria-label", "aria-hidden", "font-family", "href"})
NUMBER = re.compile(r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
NOT_NUMBERS = re.compile(r"#[\w.-]*")  # colours (#999999) and references (#g1e99)
LENGTH = re.compile(r"\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*(px|pt|pc|mm|cm|in|em|ex)?\s*")
UNIT = {None: 1.0, "px": 1.0, "pt": 4 / 3, "pc": 16.0, "mm": 96 / 25.4, "cm": 96 / 2.54, "in": 96.0, "em": 16.0,
        "ex": 8.0}


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
    skipping = 0  # depth inside an element left out (metadata, a drawing program's own)

    def refuse_declaration(*_args) -> None:
        raise SvgProblem(parser.CurrentLineNumber, msg("has a <!DOCTYPE> or <!ENTITY> declaration; "
                         "export the logo again as plain SVG (e.g. 'Plain SVG' in Inkscape)"))

    def start(tag: str, attributes: dict[str, str]) -> None:
        nonlocal count, skipping
        line = parser.CurrentLineNumber
        count += 1
        if count > MAX_ELEMENTS:
            raise SvgProblem(line, msg("has more than {limit} elements; simplify the logo", limit=MAX_ELEMENTS))
        if len(stack) >= MAX_DEPTH:
            raise SvgProblem(line, msg("has elements nested more than {limit} deep; simplify the logo", limit=MAX_DEPTH))
        namespace, _, name = tag.rpartition(" ")
        if skipping or namespace in EDITOR_NAMESPACES or (namespace == SVG and name == "metadata"):
            skipping += 1
            return
        if namespace != SVG or name not in ELEMENTS:
            shown = name if namespace in (SVG, "") else f"{name} ({namespace})"
            raise SvgProblem(line, msg("has a <{element}> element, which a logo may not contain; "
                                 "use shapes, paths, gradients and text only", element=shown))
        element = ET.Element(f"{{{SVG}}}{name}")
        for key, value in with_style(attributes).items():
            key_namespace, _, key_name = key.rpartition(" ")
            if key_namespace == XLINK and key_name == "href":
                key_namespace = ""
            if key_namespace in EDITOR_NAMESPACES or (key_namespace == XML and key_name == "space"):
                continue
            if key_namespace or key_name not in ATTRIBUTES:
                raise SvgProblem(line, msg("the <{element}> element has the attribute '{attribute}', which a logo "
                                     "may not have; remove it (scripts, styles and links are not allowed)",
                                     element=name, attribute=key_name))
            if key_name == "href" and not re.fullmatch(r"#[A-Za-z_][\w.-]*", value):
                raise SvgProblem(line, msg("the <{element}> element points at '{target}'; a logo may refer "
                                     "only to its own parts (#id)", element=name, target=value[:60]))
            if CSS_ESCAPE in value:
                raise SvgProblem(line, msg("the attribute '{attribute}' has a backslash (\\) in '{value}'; a logo's "
                                     "values are plain numbers, colours and names: write it without", attribute=key_name,
                                     value=value[:60]))
            if URL_VALUE.search(value) and not LOCAL_URL.fullmatch(value.strip()):
                raise SvgProblem(line, msg("the attribute '{attribute}' refers to '{target}'; a logo may "
                                     "refer only to its own parts: url(#id)", attribute=key_name, target=value[:60]))
            if key_name not in WORDS:
                for number in NUMBER.findall(NOT_NUMBERS.sub(" ", value)):
                    if not abs(float(number)) <= MAX_NUMBER:
                        raise SvgProblem(line, msg("the attribute '{attribute}' has the number {number}, larger than "
                                             "{limit} as no logo needs; export the logo again at a usual size",
                                             attribute=key_name, number=number[:30], limit=MAX_NUMBER))
            element.set(key_name, value)
        if stack:
            stack[-1].append(element)
        else:
            root.append(element)
        stack.append(element)
        lines[id(element)] = line

    def end(_tag: str) -> None:
        nonlocal skipping
        if skipping:
            skipping -= 1
        else:
            stack.pop()

    def characters(text: str) -> None:
        if stack and not skipping:
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
    check_size(svg, lines[id(svg)])
    check_drawn(svg, lines)
    ET.register_namespace("", SVG)
    cleaned = b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(svg, encoding="utf-8", xml_declaration=False)
    problem = drawing_problem(cleaned)
    if problem is not None:
        raise SvgProblem(1, problem)
    return cleaned


def with_style(attributes: dict[str, str]) -> dict[str, str]:
    """The attributes, with a ``style`` attribute's declarations turned into attributes.

    Drawing programs write colours and strokes as ``style="fill:#00566b;stroke:none"``. Each
    declaration whose property is an allowlisted attribute becomes that attribute (and passes
    its checks, as if written so); other properties (``-inkscape-font-specification``,
    ``font-variation-settings``) draw nothing a logo needs and are left out. A style
    declaration wins over the attribute of the same name, as in CSS.
    """
    style = attributes.get("style")
    if style is None:
        return attributes
    out = {key: value for key, value in attributes.items() if key != "style"}
    for declaration in style.split(";"):
        prop, colon, value = declaration.partition(":")
        prop, value = prop.strip(), value.strip()
        if colon and prop in ATTRIBUTES and prop not in WORDS - {"font-family"} and value:
            out[prop] = value
    return out


@functools.lru_cache(maxsize=8)
def drawing_problem(svg: bytes) -> Message | None:
    """Why Typst cannot draw ``svg`` as the renderers do, or None.

    Remembered per cleaned file, so a live preview that reads the content again after every
    save draws an unchanged logo once, not once per save.
    """
    try:
        done = subprocess.run([sys.executable, "-c", DRAW_SCRIPT, str(DRAW_MEMORY), *typst_font_paths()], input=svg,
                              capture_output=True, timeout=DRAW_SECONDS, check=False,
                              env={**os.environ, **DRAW_ENVIRONMENT})
    except subprocess.TimeoutExpired:
        return msg("takes more than {seconds} seconds to draw; simplify the logo", seconds=DRAW_SECONDS)
    if done.returncode == 0:
        return None
    lines = [line.strip() for line in done.stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    reason = " ".join((lines[-1] if lines else f"exit status {done.returncode}").split())[:100]
    return msg("cannot be drawn by Typst, which draws the logo for the slides, icons and printed documents "
               "({reason}); simplify it or export it again as plain SVG", reason=reason)


def check_size(svg: ET.Element, line: int) -> None:
    """A viewBox of four numbers with a positive width and height, width and height (when given)
    positive, and a shape no more than :data:`MAX_ASPECT` times as wide as tall or as tall as wide."""
    shapes = []
    box = svg.get("viewBox")
    if box is not None:
        numbers = [part for part in re.split(r"[\s,]+", box.strip()) if part]
        values = [float(number) for number in numbers if NUMBER.fullmatch(number)]  # never 'inf', 'nan', '1_0'
        if len(values) != 4 or len(numbers) != 4 or not (0 < values[2] <= MAX_NUMBER and 0 < values[3] <= MAX_NUMBER):
            raise SvgProblem(line, msg("the viewBox '{value}' is not four numbers 'x y width height' with a positive "
                                 "width and height; export the logo again with its size", value=box[:60]))
        shapes.append((values[2], values[3]))
    sizes = []
    for name in ("width", "height"):
        value = svg.get(name)
        if value is None or value.strip().endswith("%"):
            continue
        length = LENGTH.fullmatch(value)
        if length is None or not float(length.group(1)) > 0:
            raise SvgProblem(line, msg("the <svg> element's {attribute} '{value}' is not a positive length such as "
                                 "120 or 40px; export the logo again with its size", attribute=name, value=value[:60]))
        sizes.append(float(length.group(1)) * UNIT[length.group(2)])
    if len(sizes) == 2:
        shapes.append((sizes[0], sizes[1]))
    for width, height in shapes:
        if max(width / height, height / width) > MAX_ASPECT:
            raise SvgProblem(line, msg("the logo is {width:g} wide and {height:g} tall, more than {limit} times as wide "
                                 "as it is tall (or as tall as wide), too thin to show as an icon; crop it or export "
                                 "a more compact version", width=width, height=height, limit=MAX_ASPECT))


def check_drawn(svg: ET.Element, lines: dict[int, int]) -> None:
    """Refuse references in a circle and references that multiply the drawing beyond :data:`MAX_DRAWN`."""
    targets: dict[str, list[ET.Element]] = {}
    for element in svg.iter():
        if element.get("id"):
            targets.setdefault(element.get("id"), []).append(element)
    cost: dict[int, int] = {}
    busy: set[int] = set()

    def drawn(element: ET.Element) -> int:
        key = id(element)
        if key in cost:
            return cost[key]
        if key in busy:
            raise SvgProblem(lines[key], msg("the <{element}> element refers to itself, directly or through other "
                                       "parts; remove the reference in a circle",
                                       element=element.tag.rpartition("}")[2]))
        busy.add(key)
        total = 1
        references = [element.get("href", "")[1:]] + [found for value in element.attrib.values()
                                                        for found in LOCAL_REFERENCE.findall(value)]
        for name in references:
            if name:
                total += max((drawn(target) for target in targets.get(name, ())), default=0)
        for child in element:
            total += drawn(child)
        busy.discard(key)
        if total > MAX_DRAWN:
            raise SvgProblem(lines[key], msg("draws more than {limit} shapes, counting every copy that <use> and "
                                       "url(#id) make; simplify the logo", limit=MAX_DRAWN))
        cost[key] = total
        return total

    drawn(svg)
