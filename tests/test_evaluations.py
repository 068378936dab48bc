"""Evaluation answers (content/evaluations/<session-id>.csv): reading, checking, aggregating,
and the results page of a real build. Expected figures are computed here from the CSV files
with Python's csv module, not with the generator's functions."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import os
import pickle
import re
import shutil
from fractions import Fraction
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import evaluations
from generator.errors import ContentErrors
from generator.loading import load_catalog
from generator.model import Answer, FrozenMap
from generator.pipeline import build
from generator.rendering.site import site_pages

from .conftest import REPO, SHIPPED_CONTENT, SHIPPED_TODAY, SMALL_CONTENT

FIXTURE = REPO / "tests" / "fixtures" / "evaluations"
TODAY = dt.date(2027, 11, 1)
CANARY = "CANARY-7f3a"
RATED = ("helhet", "nytta", "rekommendera")  # the fixture's rating questions (scale 5), in site.yaml order
QUESTION_TEXT = {
    "sv": {"helhet": "Hur nöjd är du med utbildningen som helhet?", "nytta": "Hur användbart är det du lärde dig?",
           "rekommendera": "Skulle du rekommendera utbildningen?"},
    "en": {"helhet": "How satisfied are you with the training as a whole?", "nytta": "How useful is what you learned?",
           "rekommendera": "Would you recommend the training?"},
}
GRUNDDAG = ("2027-02-grunddag-halmstad", "2027-09-grunddag-halmstad")
FRUKOST = ("2027-03-frukost-online",)


# -- expected figures, from the CSV files alone ---------------------------------------

def csv_rows(session_id: str) -> list[dict[str, str]]:
    """The answers of a fixture file, read by the csv module (separator sniffed from the header)."""
    raw = (FIXTURE / "evaluations" / f"{session_id}.csv").read_text(encoding="utf-8-sig")
    separator = csv.Sniffer().sniff(raw.splitlines()[0], delimiters=",;").delimiter
    rows = list(csv.DictReader(io.StringIO(raw, newline=""), delimiter=separator))
    return [row for row in rows if any((value or "").strip() for value in row.values())]


def ratings(session_ids, question: str) -> list[int]:
    return [int(row[question]) for s in session_ids for row in csv_rows(s)
            if (row.get(question) or "").strip()]


def counted(session_ids, question: str) -> tuple[str, ...]:
    """The sessions whose ratings of ``question`` a group may publish: one session alone, or in a
    group of several only those with at least 5 answers and 5 ratings of it (no figure minus
    another may reveal a small session)."""
    if len(session_ids) == 1:
        return tuple(session_ids)
    return tuple(s for s in session_ids if len(csv_rows(s)) >= 5 and len(ratings([s], question)) >= 5)


def one_decimal(value: Fraction, language: str) -> str:
    written = f"{float(value):.1f}"
    return written.replace(".", ",") if language == "sv" else written


def percent(part: int, whole: int, language: str) -> str:
    value = int(Fraction(100 * part, whole) + Fraction(1, 2))
    return f"{value}\u00a0%" if language == "sv" else f"{value}%"


def expected_table(session_ids, language: str) -> list[list[str]]:
    """Rows of a group's table: question, the mean over the number who rated it, and a line
    'rating: n (p %)' per rating 1..5."""
    rows = []
    for question in RATED:
        given = ratings(counted(session_ids, question), question)
        mean = Fraction(sum(given), len(given))
        counts = [given.count(value) for value in range(1, 6)]
        answers = f"{len(given)} svar" if language == "sv" else f"{len(given)} answers"
        rows.append([QUESTION_TEXT[language][question], f"{one_decimal(mean, language)}\n{answers}",
                     "\n".join(f"{value}: {c} ({percent(c, len(given), language)})"
                               for value, c in enumerate(counts, start=1))])
    return rows


# -- reading the built page with a real HTML parser ---------------------------------------

class Tables(HTMLParser):
    """Every table of a page as (caption, rows of cell texts), and the article's text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[tuple[str, list[list[str]]]] = []
        self.text: list[str] = []
        self._caption = self._cell = None
        self._rows: list[list[str]] | None = None
        self._in_article = 0

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self._in_article += 1
        elif tag == "table":
            self._rows = []
        elif tag == "caption":
            self._caption = []
        elif tag == "tr" and self._rows is not None:
            self._rows.append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag):
        if tag == "article":
            self._in_article -= 1
        elif tag == "caption":
            self._caption = "".join(self._caption)
        elif tag in ("td", "th") and self._cell is not None:
            self._rows[-1].append("\n".join(squeeze(line) for line in "".join(self._cell).split("\n")))
            self._cell = None
        elif tag == "table":
            self.tables.append((self._caption, self._rows))
            self._rows = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        elif isinstance(self._caption, list):
            self._caption.append(data)
        if self._in_article:
            self.text.append(data)


def squeeze(value: str) -> str:
    """Runs of ASCII white space as one space (a no-break space is kept: the page means it)."""
    return re.sub(r"[ \t\r\n]+", " ", value).strip()


def read_page(path: Path) -> Tables:
    parser = Tables()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.article = squeeze("".join(parser.text))
    return parser


def table(page: Tables, caption_start: str) -> list[list[str]]:
    [rows] = [rows for caption, rows in page.tables if caption.startswith(caption_start)]
    return rows


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture built by the real pipeline, every stage (site, decks, feeds, print)."""
    out = tmp_path_factory.mktemp("evaluations-build")
    build(FIXTURE, out, today=TODAY, log=lambda message: None)
    return out


@pytest.fixture
def content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(FIXTURE, target)
    return target


def check(content_dir: Path, language: str = "en") -> tuple[int, list[str]]:
    """``coursegen check --lang LANGUAGE`` through click's CliRunner: its exit code and the lines
    naming content files."""
    from generator.cli import cli

    result = CliRunner().invoke(cli, ["check", "--lang", language, "--content", str(content_dir)])
    return result.exit_code, [line for line in result.output.splitlines() if line.startswith(str(content_dir))]


# -- reading the answers ------------------------------------------------------------------

def test_fixture_answers_are_read_as_the_csv_module_reads_them() -> None:
    catalog = load_catalog(FIXTURE)
    assert sorted(catalog.evaluations) == sorted(GRUNDDAG + FRUKOST)
    for session_id, answers in catalog.evaluations.items():
        rows = csv_rows(session_id)
        assert len(answers) == len(rows)
        for answer, row in zip(answers, rows):
            for question, value in row.items():
                value = (value or "").strip()
                if question in RATED:
                    assert answer.rating(question) == (int(value) if value else None)
                else:
                    assert answer.text(question) == (value or None)


def test_semicolons_bom_crlf_quotes_and_line_breaks() -> None:
    catalog = load_catalog(FIXTURE)
    september = catalog.evaluations["2027-09-grunddag-halmstad"]
    assert september[2].text("bast") == "Nätverket; att träffa andra"
    assert september[0].ratings == (("rekommendera", 5), ("helhet", 5), ("nytta", 4))  # columns in file order
    february = catalog.evaluations["2027-02-grunddag-halmstad"]
    assert february[3].text("battre") == "Lokalen var trång.\nOch kall."
    assert february[3].rating("nytta") is None  # an empty cell is no rating
    assert february[5].text("bast") == 'Citatet "tänk efter" fastnade'
    assert [a.line for a in february] == [2, 3, 4, 5, 7, 9, 10]  # the row of commas only (line 8) is skipped


def test_excel_separator_line_names_the_separator(content: Path) -> None:
    path = content / "evaluations" / "2027-02-grunddag-halmstad.csv"
    path.write_bytes("sep=;\r\nhelhet;bast\r\n4;Bra, tydligt\r\n5;\r\n".encode())
    answers = load_catalog(content).evaluations["2027-02-grunddag-halmstad"]
    assert [(a.ratings, a.texts, a.line) for a in answers] == [
        ((("helhet", 4),), (("bast", "Bra, tydligt"),), 3), ((("helhet", 5),), (), 4)]
    path.write_bytes(b"sep=;\nhelhet;nytta\n4;6\n")
    code, errors = check(content)
    assert errors == [f"{path}:3:3: nytta: '6' is not a rating from 1 to 5; write a whole number from 1 to 5, "
                      "or leave the cell empty if the question was not answered"]


def test_catalog_with_answers_pickles() -> None:
    catalog = load_catalog(FIXTURE)
    again = pickle.loads(pickle.dumps(catalog))
    assert again.evaluations == catalog.evaluations
    assert isinstance(again.evaluations, FrozenMap)


def test_content_without_answers_has_none() -> None:
    assert load_catalog(SMALL_CONTENT).evaluations == {}
    assert load_catalog(SHIPPED_CONTENT).evaluations == {}


# -- check: every defect with file, line and column -------------------------------------------

BAD_FILES = [
    # (file name, bytes, line, column, field, what the message says)
    ("2027-02-grunddag-halmstad.csv", b"helhet,nytta,rekomendera\n5,4,5\n", 1, 14, "",
     "unknown question 'rekomendera' (did you mean 'rekommendera'?); the first row must name questions of "
     "site.yaml: evaluation.questions by their ids: helhet, nytta, rekommendera, bast, battre"),
    ("2027-02-grunddag-halmstad.csv", b"helhet,nytta\n5,4\n4,7\n", 3, 3, "nytta",
     "'7' is not a rating from 1 to 5; write a whole number from 1 to 5, or leave the cell empty"),
    ("2027-02-grunddag-halmstad.csv", "helhet,bast\n5,Bra dåg\n".encode("latin-1"), 2, 8, "",
     "the file is not UTF-8 text (byte 0xe5); save it as UTF-8 (in Excel: 'CSV UTF-8'"),
    ("2027-02-grund.csv", b"helhet\n5\n", 1, 1, "",
     "no session has the id '2027-02-grund' (did you mean '2027-02-grunddag-halmstad'?); name the file after "
     "the id of a session in sessions.yaml"),
    ("2027-02-grunddag-halmstad.csv", "\ufeffhelhet;nytta\r\n4;4\r\n0;4\r\n".encode(), 3, 1, "helhet",
     "'0' is not a rating from 1 to 5"),
    ("2027-02-grunddag-halmstad.csv", b"helhet,nytta\n4,4\n5\n", 3, 1, "",
     "this row has 1 cell but the first row names 2 questions"),
    ("2027-02-grunddag-halmstad.csv", b'helhet,bast\n5,"Bra\n', 2, 3, "",
     "a text that starts with a double quote (\") here is never closed"),
    ("2027-02-grunddag-halmstad.csv", b'helhet,bast\n5,"Bra" dag\n', 2, 8, "",
     "text follows the closing double quote of a cell"),
    ("2027-02-grunddag-halmstad.csv", b"helhet,bast\n5,Bra\x07\n", 2, 6, "",
     "an invisible control character (U+0007) stands here"),
    ("2027-02-grunddag-halmstad.csv", b"helhet,helhet\n5,5\n", 1, 8, "helhet",
     "the question 'helhet' heads column 1 and column 2; keep one of the columns"),
    ("2027-02-grunddag-halmstad.csv", b"helhet,,nytta\n5,,4\n", 1, 8, "",
     "column 2 of the first row has no question id"),
    ("2027-02-grunddag-halmstad.csv", b"helhet,nytta\n4.5,4\n", 2, 1, "helhet",
     "'4.5' is not a rating from 1 to 5"),
    ("2027-02-grunddag-halmstad.csv", b"", 1, 1, "", "the file is empty"),
    ("2027-10-grunddag-varberg.csv", b"helhet\n5\n", 1, 1, "", "the session '2027-10-grunddag-varberg' is cancelled"),
    ("anteckningar.txt", b"hej\n", 1, 1, "", "'anteckningar.txt' is not a .csv file"),
]


@pytest.mark.parametrize("name, data, line, column, field, message", BAD_FILES,
                         ids=[f"{i}-{case[0]}" for i, case in enumerate(BAD_FILES)])
def test_check_names_the_file_line_column_and_question(content: Path, name: str, data: bytes, line: int,
                                                       column: int, field: str, message: str) -> None:
    (content / "evaluations" / name).write_bytes(data)
    code, errors = check(content)
    assert code == 1
    where = f"{content / 'evaluations' / name}:{line}:{column}: " + (f"{field}: " if field else "")
    assert [e for e in errors if e.startswith(where + message)], errors


def test_messages_in_swedish(content: Path) -> None:
    path = content / "evaluations" / "2027-02-grunddag-halmstad.csv"
    path.write_bytes(b"helhet;nytta;rekomendera\n7;4;5\n")
    code, errors = check(content, "sv")
    assert code == 1
    assert errors == [
        f"{path}:1:14: okänd fråga 'rekomendera' (menar du 'rekommendera'?); första raden ska ange frågor ur "
        "site.yaml: evaluation.questions med deras id: helhet, nytta, rekommendera, bast, battre",
        f"{path}:2:1: helhet: '7' är inget betyg från 1 till 5; skriv ett heltal från 1 till 5, eller lämna cellen "
        "tom om frågan inte besvarades",
    ]


def test_every_defect_of_a_file_at_once(content: Path) -> None:
    path = content / "evaluations" / "2027-02-grunddag-halmstad.csv"
    path.write_bytes(b"helhet,nytta,rekomendera\n7,4,5\n5,9,5\n")
    code, errors = check(content)
    assert code == 1
    assert errors == [
        f"{path}:1:14: unknown question 'rekomendera' (did you mean 'rekommendera'?); the first row must name "
        "questions of site.yaml: evaluation.questions by their ids: helhet, nytta, rekommendera, bast, battre",
        f"{path}:2:1: helhet: '7' is not a rating from 1 to 5; write a whole number from 1 to 5, or leave the "
        "cell empty if the question was not answered",
        f"{path}:3:3: nytta: '9' is not a rating from 1 to 5; write a whole number from 1 to 5, or leave the "
        "cell empty if the question was not answered",
    ]


def test_answer_errors_come_with_the_other_content_errors(content: Path) -> None:
    (content / "evaluations" / "2027-09-grunddag-halmstad.csv").write_bytes(b"helhet\n6\n")
    module = content / "modules" / "frukost.yaml"
    module.write_text(module.read_text(encoding="utf-8").replace("kind: manager-breakfast", "kind: breakfast"),
                      encoding="utf-8")
    code, errors = check(content)
    assert code == 1
    assert any(e.startswith(f"{module}:") and "kind" in e for e in errors), errors
    assert any(e.startswith(f"{content / 'evaluations' / '2027-09-grunddag-halmstad.csv'}:2:1: helhet: '6'")
               for e in errors), errors


def test_answers_without_an_evaluation_section_say_to_add_it(small_content: Path) -> None:
    (small_content / "evaluations").mkdir()
    (small_content / "evaluations" / "2027-02-grunddag-halmstad.csv").write_bytes(b"helhet\n5\n")
    with pytest.raises(ContentErrors) as caught:
        load_catalog(small_content)
    [error] = caught.value.errors
    assert (error.path, error.line, error.column) == (
        str(small_content / "evaluations" / "2027-02-grunddag-halmstad.csv"), 1, 1)
    assert error.message.startswith("there are evaluation answers but site.yaml has no 'evaluation' section; add it")


def test_a_link_out_of_the_content_folder_is_refused_unread(content: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.csv"
    secret.write_text("helhet\nSECRET-OUTSIDE\n", encoding="utf-8")
    path = content / "evaluations" / "2027-02-grunddag-halmstad.csv"
    path.unlink()
    os.symlink(secret, path)
    code, errors = check(content)
    assert code == 1
    assert errors == [f"{path}:1:1: is a link to a file outside the content folder; put the file itself under "
                      "content/ instead of a link"]


def test_size_limit(content: Path) -> None:
    from generator.loading.evaluations import MAX_CSV_BYTES

    path = content / "evaluations" / "2027-02-grunddag-halmstad.csv"
    path.write_bytes(b"helhet\n" + b"5\n" * (MAX_CSV_BYTES // 2))
    code, errors = check(content)
    assert code == 1
    assert errors == [f"{path}:1:1: the file is 2.1 MB, more than the 2 MB allowed; make it smaller"]


# -- aggregation ------------------------------------------------------------------------------

def with_answers(catalog, answers: dict[str, list[Answer]]):
    return dataclasses.replace(catalog, evaluations=FrozenMap({k: tuple(v) for k, v in answers.items()}))


def test_groups_under_five_answers_report_only_their_count() -> None:
    catalog = load_catalog(FIXTURE)
    breakfast = evaluations.module_figures(catalog, "frukost")
    assert (breakfast.answers, breakfast.reportable, breakfast.ratings) == (3, False, ())
    four = with_answers(catalog, {"2027-02-grunddag-halmstad": [Answer((("helhet", 5),))] * 4})
    assert not evaluations.session_figures(four, "2027-02-grunddag-halmstad").reportable
    five = with_answers(catalog, {"2027-02-grunddag-halmstad": [Answer((("helhet", 5),))] * 5})
    figures = evaluations.session_figures(five, "2027-02-grunddag-halmstad")
    assert figures.reportable and figures.rating("helhet").mean == 5
    # A question four people rated, in a group of five: no mean either.
    assert figures.rating("nytta").answered == 0 and not figures.rating("nytta").reportable


def test_figures_match_the_csv() -> None:
    catalog = load_catalog(FIXTURE)
    figures = evaluations.module_figures(catalog, "grunddag")
    assert figures.answers == sum(len(csv_rows(s)) for s in GRUNDDAG)
    for question in RATED:
        given = ratings(GRUNDDAG, question)
        rating = figures.rating(question)
        assert rating.answered == len(given)
        assert Fraction(rating.mean).limit_denominator(1000) == Fraction(sum(given), len(given))
        assert rating.distribution == tuple(given.count(v) for v in range(1, 6))


def test_pilot_is_the_first_half_year_of_evaluated_sessions() -> None:
    catalog = load_catalog(FIXTURE)
    change = evaluations.change_over_time(catalog, "grunddag")
    assert change.pilot.sessions == ("2027-02-grunddag-halmstad",)
    assert change.later.sessions == ("2027-09-grunddag-halmstad",)
    assert (change.pilot_from, change.pilot_until) == (dt.date(2027, 2, 11), dt.date(2027, 8, 12))
    pilot, later = ratings(GRUNDDAG[:1], "helhet"), ratings(GRUNDDAG[1:], "helhet")
    expected = Fraction(sum(later), len(later)) - Fraction(sum(pilot), len(pilot))
    assert abs(change.difference("helhet") - float(expected)) < 1e-9
    assert evaluations.change_over_time(catalog, "frukost") is None  # every answer is in the pilot


def test_share_rounds_half_up_and_hides_small_groups() -> None:
    catalog = load_catalog(FIXTURE)
    given = ratings(counted(GRUNDDAG + FRUKOST, "rekommendera"), "rekommendera")
    assert FRUKOST[0] not in counted(GRUNDDAG + FRUKOST, "rekommendera")  # its 3 answers are not counted
    found = evaluations.share(catalog, "rekommendera", 4)
    assert (found.answered, found.count) == (len(given), sum(1 for r in given if r >= 4))
    eight = with_answers(catalog, {"2027-02-grunddag-halmstad": [Answer((("helhet", r),)) for r in (5,) * 5 + (1,) * 3]})
    assert evaluations.share(eight, "helhet", 4).percent == 63  # 62.5 rounds up
    assert evaluations.share(catalog, "rekommendera", 4, "frukost").percent is None
    with pytest.raises(ValueError):
        evaluations.share(catalog, "bast", 4)
    with pytest.raises(ValueError):
        evaluations.share(catalog, "helhet", 6)


def test_free_text_only_from_free_texts() -> None:
    catalog = load_catalog(FIXTURE)
    assert CANARY not in repr(evaluations.results(catalog))
    assert CANARY not in repr(evaluations.share(catalog, "helhet", 4))
    assert CANARY not in repr([evaluations.session_figures(catalog, s) for s in GRUNDDAG + FRUKOST])
    texts = evaluations.free_texts(catalog)
    assert [t.session.id for t in texts] == ["2027-02-grunddag-halmstad", "2027-03-frukost-online",
                                             "2027-09-grunddag-halmstad"]
    february = dict((q.id, answers) for q, answers in texts[0].texts)
    assert february["bast"][2] == f"{CANARY}: Anna var så bra"
    assert texts[1].answers == 3 and dict((q.id, a) for q, a in texts[1].texts)["battre"] == ("Kortare",)


# -- the results page of a real build ---------------------------------------------------------

@pytest.mark.parametrize("language, prefix", [("sv", ""), ("en", "en/")])
def test_results_page_shows_the_figures_of_the_csv(built: Path, language: str, prefix: str) -> None:
    page = read_page(built / "site" / prefix / "results" / "index.html")
    header_sv = ["Fråga", "Medelvärde", "Antal per betyg"]
    header_en = ["Question", "Mean", "Answers per rating"]
    header = header_sv if language == "sv" else header_en
    groups = {
        "Grunddag" if language == "sv" else "Basic day": GRUNDDAG,
        ("Grunddag, 11 februari 2027, Halmstad" if language == "sv"
         else "Basic day, 11 February 2027, Halmstad"): GRUNDDAG[:1],
        ("Grunddag, 16 september 2027, Halmstad" if language == "sv"
         else "Basic day, 16 September 2027, Halmstad"): GRUNDDAG[1:],
        "Alla utbildningstillfällen" if language == "sv" else "All sessions": GRUNDDAG + FRUKOST,
    }
    for caption, sessions in groups.items():
        rows = table(page, caption + (": antal svar" if language == "sv" else ": number of answers"))
        assert rows[0] == header
        assert rows[1:] == expected_table(sessions, language), caption
    answers = sum(len(csv_rows(s)) for s in GRUNDDAG)
    assert (f"{answers} svar från 2 tillfällen." if language == "sv"
            else f"{answers} answers from 2 sessions.") in page.article
    # The breakfast's 3 answers: the count, and no figures.
    too_few = "För få svar för att redovisa (färre än 5)." if language == "sv" else "Too few answers to report (fewer than 5)."
    assert page.article.count(too_few) == 2  # the module and its one session
    assert not [caption for caption, _ in page.tables if caption.startswith(("Frukost", "Breakfast"))]
    source = (built / "site" / prefix / "results" / "index.html").read_text(encoding="utf-8")
    for session_id in GRUNDDAG + FRUKOST:  # each session's heading leads to its page
        assert f'<a href="../sessions/{session_id}/">' in source


@pytest.mark.parametrize("language, prefix", [("sv", ""), ("en", "en/")])
def test_results_page_compares_the_pilot_with_later_sessions(built: Path, language: str, prefix: str) -> None:
    page = read_page(built / "site" / prefix / "results" / "index.html")
    pilot_n, later_n = len(csv_rows(GRUNDDAG[0])), len(csv_rows(GRUNDDAG[1]))
    caption = (f"Grunddag: medelvärde under piloten ({pilot_n} svar) och vid senare tillfällen ({later_n} svar)"
               if language == "sv" else
               f"Basic day: mean in the pilot ({pilot_n} answers) and in later sessions ({later_n} answers)")
    rows = table(page, caption)
    assert rows[0] == (["Fråga", "Medelvärde", "Förändring"] if language == "sv" else ["Question", "Mean", "Change"])
    pilot, later = ("Piloten", "Senare tillfällen") if language == "sv" else ("Pilot", "Later sessions")
    for row, question in zip(rows[1:], RATED, strict=True):
        before, after = ratings(GRUNDDAG[:1], question), ratings(GRUNDDAG[1:], question)
        mean_before, mean_after = Fraction(sum(before), len(before)), Fraction(sum(after), len(after))
        change = one_decimal(abs(mean_after - mean_before), language)
        sign = "+" if mean_after > mean_before else "−"
        assert row == [QUESTION_TEXT[language][question],
                       f"{pilot}: {one_decimal(mean_before, language)}\n{later}: {one_decimal(mean_after, language)}",
                       sign + change]


def test_the_employers_page_cites_the_share_computed_from_the_csv(built: Path) -> None:
    given = ratings(counted(GRUNDDAG + FRUKOST, "rekommendera"), "rekommendera")
    high = sum(1 for r in given if r >= 4)
    sv = read_page(built / "site" / "for-arbetsgivare" / "index.html").article
    en = read_page(built / "site" / "en" / "for-arbetsgivare" / "index.html").article
    assert f"Av deltagarna skulle {percent(high, len(given), 'sv')} rekommendera" in sv
    assert f"Of the participants, {percent(high, len(given), 'en')} would recommend" in en
    assert "Frukostmötet: för få svar för att redovisa." in sv
    assert "Breakfast meeting: too few answers to report." in en


def test_the_canary_in_a_free_text_answer_is_nowhere_in_the_site(built: Path) -> None:
    assert CANARY in "".join(t for a in load_catalog(FIXTURE).evaluations[GRUNDDAG[0]] for _, t in a.texts)
    files = [path for path in (built / "site").rglob("*") if path.is_file()]
    assert len(files) > 100 and any(path.suffix == ".pptx" for path in files) and any(
        path.suffix == ".pdf" for path in files) and any(path.suffix == ".ics" for path in files)
    leaking = [path for path in files if CANARY.encode() in path.read_bytes()]
    assert leaking == []
    # Nor any other free-text answer (in the page text or the search index).
    for answer in ("Övningarna i par", "Mer tid för frågor", "Nätverket; att träffa andra", "Kortare"):
        assert not [path for path in files if answer.encode() in path.read_bytes()], answer


def test_macro_errors_name_the_page_line_and_what_to_write(content: Path) -> None:
    page = content / "pages" / "for-arbetsgivare.sv.md"
    page.write_text('# För arbetsgivare\n\nSiffra: {{ evaluation_share("rekomendera", 4) }}.\n', encoding="utf-8")
    other = content / "pages" / "for-arbetsgivare.en.md"
    other.write_text('# For employers\n\nFigure: {{ evaluation_share("helhet", 6) }}.\n', encoding="utf-8")
    code, errors = check(content)
    assert code == 1
    assert errors == [
        f"{other}:3:9: evaluation_share(): '6' is not a rating of 'helhet'; write a whole number from 1 to 5, "
        "e.g. evaluation_share(\"helhet\", 4) for the share who gave 4 or 5",
        f"{page}:3:9: evaluation_share(): 'rekomendera' is not a question with a rating scale (did you mean "
        "'rekommendera'?); use the id of one in site.yaml: evaluation.questions (helhet, nytta, rekommendera), "
        "e.g. evaluation_share(\"helhet\", 4)",
    ]


def test_no_results_page_without_an_evaluation_section() -> None:
    catalog = load_catalog(SMALL_CONTENT)
    assert "results.md" not in {page.path for page in site_pages(catalog, "sv", TODAY)}
    assert "results.md" in {page.path for page in site_pages(load_catalog(FIXTURE), "sv", TODAY)}


def test_shipped_results_page_says_there_are_no_answers_yet(tmp_path: Path) -> None:
    build(SHIPPED_CONTENT, tmp_path, today=SHIPPED_TODAY, stages=("site",), log=lambda message: None)
    sv = read_page(tmp_path / "site" / "results" / "index.html")
    en = read_page(tmp_path / "site" / "en" / "results" / "index.html")
    assert "Inga utvärderingssvar har kommit in ännu." in sv.article and not sv.tables
    assert "No evaluation answers have come in yet." in en.article and not en.tables


def test_question_texts_are_text_on_the_results_page(content: Path, tmp_path: Path) -> None:
    site_yaml = content / "site.yaml"
    nasty = "<img src=x onerror=alert(1)> *fet* {{ programme }} &amp;"
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8").replace(
        '"Hur nöjd är du med utbildningen som helhet?"', f"'{nasty}'"), encoding="utf-8")
    build(content, tmp_path / "out", today=TODAY, stages=("site",), log=lambda message: None)
    source = (tmp_path / "out" / "site" / "results" / "index.html").read_text(encoding="utf-8")
    article = source.split("<article", 1)[1].split("</article>", 1)[0]
    assert "<img" not in article and "<em>fet</em>" not in article
    assert "&lt;img src=x onerror=alert(1)&gt; *fet* {{ programme }} &amp;amp;" in article
    rows = table(read_page(tmp_path / "out" / "site" / "results" / "index.html"), "Grunddag: antal svar")
    assert rows[1][0] == nasty
