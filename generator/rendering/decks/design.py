"""The programme's deck design: colours, type sizes and geometry, in one place.

The site renderer matches these colours (``PRIMARY`` is the programme colour; white
text on it has a contrast ratio of about 8:1, above WCAG 2.1 AA's 4.5:1 for body
text). ``make_template.py`` turns these constants into ``template.pptx``; the deck
renderer reads only the sizes it needs to measure how much text fits on a slide.
"""

from __future__ import annotations

from ...model import SLIDE_LAYOUTS

PRIMARY = "00586E"  # dark teal: title, section and closing backgrounds; headings on white
PRIMARY_LIGHT = "E6F0F3"  # pale teal tint for quiet fills
ACCENT = "9C4221"  # burnt orange: exercise slides (white on it is about 6.5:1)
ACCENT_LIGHT = "FBF1EA"  # exercise slide background; dark text on it is about 13:1
TEXT = "1F2933"  # near-black body text (about 14:1 on white)
MUTED = "4A5560"  # footer text on white (about 7.5:1)
WHITE = "FFFFFF"
FONT = "Arial"  # everywhere: LibreOffice substitutes the metric-compatible Liberation Sans

# Slide size: 16:9, 13.333 in x 7.5 in.
EMU_PER_INCH = 914400
EMU_PER_POINT = 12700
SLIDE_WIDTH = 12192000
SLIDE_HEIGHT = 6858000

# Type sizes in points, as set in the template's master text styles.
TITLE_PT = 36
BODY_PT = (24, 20, 18)  # by paragraph level
FLOOR_PT = 18  # a body is never shrunk below this; it continues on a new slide instead
PARAGRAPH_SPACE_PT = 8  # space before each paragraph
LINE_HEIGHT = 1.2  # line pitch as a multiple of the font size
SUBLEVEL_FLOOR_PT = 16  # nested bullets shrink with the rest, but not below this
# A short body is drawn larger, up to GROW_MAX_PT (below the title's size), while its text
# takes at most GROW_FILL of the body area; what is left is shared out as space between
# paragraphs (at most GROW_SPACE_MAX_PT each), and the body is centred vertically in its
# area (anchored at the middle), so a short list sits balanced on the slide. A body that
# needs all of its area, or continues on another slide, stays anchored at the top.
GROW_MAX_PT = 32
GROW_FILL = 0.8
GROW_SPACE_MAX_PT = 28
GROWN_LAYOUTS = ("content", "exercise", "image")
TIMETABLE_SPACE_PT = 3  # space between the lines of a programme too long for a timetable (a list, as before)
# The programme slide is a timetable: a time column (right-aligned, bold, in the programme
# colour) and a title column, drawn as a table without borders but a thin rule under each
# row. The type is the largest of TIMETABLE_PT at which the rows fit the body area; each
# row has TIMETABLE_PAD of its size above and below its text. From TIMETABLE_COLUMNS_FROM
# items on, the rows may go into two such tables side by side (the first half left,
# TIMETABLE_GAP_IN apart), when that allows type more than TIMETABLE_TWO_COLUMNS_GAIN_PT
# larger than one column does. The timetable is centred vertically in the body area.
TIMETABLE_PT = (28, 26, 24, 22, 20, 18)
TIMETABLE_COLUMNS_FROM = 9
TIMETABLE_TWO_COLUMNS_GAIN_PT = 2
TIMETABLE_GAP_IN = 0.45
TIMETABLE_PAD = 0.1
TIMETABLE_RULE = "C4D8DE"  # between PRIMARY and PRIMARY_LIGHT: a quiet line, not a grid

# A slide with both body and picture on a layout without a picture area (content, exercise):
# the text keeps the left TEXT_SHARE of the body area, the picture is fitted, keeping its
# proportions, into the part right of PICTURE_FROM.
TEXT_SHARE = 0.55
PICTURE_FROM = 0.58

# The logo: on a white card (see marks.py) this tall, this far from the top of the title and
# closing slides; left-aligned with the title on the title slide, centred over it on the closing slide.
LOGO_CARD_HEIGHT_IN = 0.8
LOGO_TOP_IN = 0.5
# A session's closing slide with the evaluation's QR code: the code's white card (quiet zone
# included) at the right of the title and body, a label under it, and the form's short
# address on one line across the foot of the body area.
QR_SIDE_IN = 3.0
QR_GAP_IN = 0.4  # between the text column and the card
QR_LABEL_HEIGHT_IN = 0.45
QR_LABEL_PT = 18
ADDRESS_HEIGHT_IN = 0.55
ADDRESS_PT = (20, 12)  # the address is drawn at the largest size from the first down to the second that fits one line
QR_DARK = "000000"  # the code's modules: black on white reads best in every camera

# Placeholder indexes. Layouts are found by name and placeholders by these idx
# values, so an organisation can swap in its own template without touching code.
TITLE_IDX = 0
BODY_IDX = 1  # body text; subtitle on the title layout
PICTURE_IDX = 2  # the picture area on the image layout
LABEL_IDX = 13  # the "Övning"/"Exercise" label on the exercise layout

LAYOUT_NAMES = SLIDE_LAYOUTS  # the template has one layout per slide layout editors may name

# Any fixed GUID: the slide-number field id must not change between builds.
SLIDE_NUMBER_FIELD_ID = "{4D1C0F7E-4B8A-4C55-9F1E-2A6E5B1D7C01}"
