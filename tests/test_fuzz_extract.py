"""Property-based tests of read → extract → map over random and mutated article texts.

Whatever the text, reading it either raises the documented :class:`ArticleError` or gives an article
whose facts all quote spans inside the text, refer only to keys that are facts of the article, carry
real dates, and map to RDF. Texts are the seed article and the dev corpus, mutated the way crawled
news gets mangled (spans deleted, doubled or swapped; syllables, numbers, slashes, percent signs and
dashes inserted; decomposed diacritics; case changed; the text cut anywhere), and random text.

Deterministic: hypothesis derandomizes and keeps no example database, so a failure reproduces on
every run. ``KG_FUZZ_EXAMPLES=2000 pytest tests/test_fuzz_extract.py`` searches longer.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kg.errors import ArticleError
from kg.extract import extract_facts
from kg.model import Article, ArticleFacts, Span
from kg.rdf import map_article
from kg.reader import parse_article, read_article

REPO = Path(__file__).resolve().parents[1]
ARTICLE_PATHS = [*sorted((REPO / "data/articles").glob("*.txt")), *sorted((REPO / "tests/corpus/dev").glob("*.txt"))]
ARTICLES: list[Article] = [read_article(path) for path in ARTICLE_PATHS]

EXAMPLES = int(os.environ.get("KG_FUZZ_EXAMPLES", "120"))
FUZZ = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

WORDS = (
    "Sáng", "Chiều", "Tối", "ngày", "tháng", "năm", "đồng chí", "ông", "bà", "Bí thư", "Phó Bí thư",
    "Thường trực", "Tỉnh ủy", "Huyện ủy", "Thành ủy", "Đảng ủy", "UBND", "HĐND", "MTTQ", "Chủ tịch",
    "Phó Chủ tịch", "PBT", "nguyên", "Quyền", "tỉnh", "huyện", "thành phố", "TP.", "thị xã", "thị trấn",
    "xã", "phường", "thôn", "bản", "đường", "Quốc lộ", "ĐT", "hồ", "Ba Bể", "Bắc Kạn", "Pác Nặm", "Hà Giang",
    "Nguyễn", "Văn", "Thị", "Hoàng", "Lê", "Trần", "làm việc với", "chủ trì", "kết luận", "dự", "hội nghị",
    "kỳ họp", "tiếp xúc cử tri", "kiến nghị", "đề nghị", "đầu tư", "nâng cấp", "dự án", "tỷ đồng",
    "triệu đồng", "nghìn tỷ", "khoảng", "trên", "hơn", "dưới", "đạt", "vượt", "tăng", "giảm", "so với",
    "kế hoạch", "chỉ tiêu", "phấn đấu", "đến năm", "ước", "bình quân", "người/năm", "Kết luận", "Nghị quyết",
    "Quyết định", "Chỉ thị", "số", "khóa", "XIII", "-KL/TW", "-NQ/TU", "km", "từ", "đến", "đi", "qua",
)
PUNCTUATION = tuple(" ,.;:!?()[]\"'“”‘’…\n\t/%-–—+*&") + (" - ", " – ", "\n\n", "...", "//", "%%", "--")
COMBINING = ("\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u0302", "\u0306", "\u031b")


@st.composite
def syllables(draw: st.DrawFn) -> str:
    """A Vietnamese-looking syllable, possibly decomposed (NFD) as some crawlers write it."""
    onset = draw(st.sampled_from(("", "b", "c", "ch", "d", "đ", "g", "gi", "h", "kh", "l", "m", "n", "ng",
                                   "nh", "ph", "qu", "s", "t", "th", "tr", "v", "x", "Đ", "Ng", "Tr")))
    vowel = draw(st.sampled_from(("a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ươ", "uô", "iê")))
    tone = draw(st.sampled_from(("",) + COMBINING[:5]))
    coda = draw(st.sampled_from(("", "c", "ch", "m", "n", "ng", "nh", "p", "t", "i", "u", "o")))
    syllable = unicodedata.normalize("NFC", onset + vowel + tone + coda)
    return unicodedata.normalize("NFD", syllable) if draw(st.booleans()) else syllable


NUMBERS = st.one_of(
    st.integers(min_value=0, max_value=10**15).map(str),
    st.decimals(min_value=0, max_value=10**6, places=3, allow_nan=False).map(lambda d: str(d).replace(".", ",")),
    st.from_regex(r"\d{1,3}(\.\d{3}){1,4}(,\d{1,2})?", fullmatch=True),
    st.from_regex(r"\d{1,2}/\d{1,2}(/\d{1,5})?", fullmatch=True),
    st.from_regex(r"\d{1,3}/\d{1,3}", fullmatch=True),
    st.from_regex(r"\d{1,2}(h|g|:)\d{0,2}", fullmatch=True),
    st.from_regex(r"\d{1,4}-(KL|NQ|QĐ|CT|KH)/(TW|TU|HU|UBND)", fullmatch=True),
)
FRAGMENTS = st.one_of(
    st.sampled_from(WORDS),
    syllables(),
    NUMBERS,
    st.sampled_from(PUNCTUATION),
    st.sampled_from(COMBINING),
    st.sampled_from(WORDS).map(lambda word: unicodedata.normalize("NFD", word)),
    st.text(max_size=6),
)


def _delete(text: str, draw: st.DrawFn) -> str:
    start, end = _span(text, draw)
    return text[:start] + text[end:]


def _duplicate(text: str, draw: st.DrawFn) -> str:
    start, end = _span(text, draw)
    return text[:end] + text[start:end] + text[end:]


def _swap(text: str, draw: st.DrawFn) -> str:
    first, second = sorted((_span(text, draw), _span(text, draw)))
    if first[1] > second[0]:
        return text
    (a, b), (c, d) = first, second
    return text[:a] + text[c:d] + text[b:c] + text[a:b] + text[d:]


def _insert(text: str, draw: st.DrawFn) -> str:
    at = draw(st.integers(0, len(text)))
    pieces = draw(st.lists(FRAGMENTS, min_size=1, max_size=6))
    return text[:at] + draw(st.sampled_from((" ", ""))).join(pieces) + text[at:]


def _change_case(text: str, draw: st.DrawFn) -> str:
    start, end = _span(text, draw)
    change: Callable[[str], str] = draw(st.sampled_from((str.upper, str.lower, str.title, str.swapcase)))
    return text[:start] + change(text[start:end]) + text[end:]


def _decompose(text: str, draw: st.DrawFn) -> str:
    start, end = _span(text, draw)
    return text[:start] + unicodedata.normalize("NFD", text[start:end]) + text[end:]


def _cut(text: str, draw: st.DrawFn) -> str:
    at = draw(st.integers(0, len(text)))
    return text[:at] if draw(st.booleans()) else text[at:]


def _span(text: str, draw: st.DrawFn) -> tuple[int, int]:
    start = draw(st.integers(0, len(text)))
    return start, draw(st.integers(start, min(len(text), start + 200)))


MUTATIONS = (_delete, _duplicate, _swap, _insert, _insert, _change_case, _decompose, _cut)


@st.composite
def mutated_articles(draw: st.DrawFn) -> tuple[str, dict[str, str]]:
    """The text of a corpus article after a few mutations, and the metadata to read it with."""
    article = draw(st.sampled_from(ARTICLES))
    text = article.text
    for _ in range(draw(st.integers(1, 6))):
        text = draw(st.sampled_from(MUTATIONS))(text, draw)
    return text, _metadata(article, draw)


@st.composite
def random_articles(draw: st.DrawFn) -> tuple[str, dict[str, str]]:
    """Random text: arbitrary Unicode, or words, numbers and punctuation of the genre strung together."""
    text = draw(
        st.one_of(
            st.text(max_size=300),
            st.lists(FRAGMENTS, max_size=80).map(" ".join),
            st.lists(st.one_of(st.sampled_from(WORDS), NUMBERS, st.sampled_from(PUNCTUATION)), max_size=120).map(
                "".join
            ),
        )
    )
    return text, _metadata(draw(st.sampled_from(ARTICLES)), draw)


def _metadata(article: Article, draw: st.DrawFn) -> dict[str, str]:
    """The article's metadata, its publication date sometimes replaced (the year dates ``Sáng 13/6``)."""
    published = draw(
        st.one_of(
            st.just(article.published),
            st.dates(min_value=date(1, 1, 1)).map(lambda day: f"{day.year:04d}-{day.month:02d}-{day.day:02d}"),
            st.integers(1, 9999).map(lambda year: f"{year:04d}"),
        )
    )
    return {**metadata_of(article), "published": published}


def metadata_of(article: Article) -> dict[str, str]:
    """The front-matter fields of ``article``, to read a text as that article."""
    metadata = {"id": article.id, "source": article.source, "published": article.published}
    if article.province:
        metadata["province"] = article.province
    return metadata


# -- the properties --------------------------------------------------------------------------


def check_read_extract_map(text: str, metadata: dict[str, str]) -> None:
    """Read, extract and map ``text``: only :class:`ArticleError` may stop it, and the facts must hold."""
    try:
        article = parse_article(text, path=None, **metadata)
    except ArticleError:
        return
    facts = extract_facts(article)
    check_spans(facts)
    check_references(facts)
    check_dates(facts)
    map_article(facts)


def all_spans(facts: ArticleFacts) -> Iterator[tuple[str, Span]]:
    """Every span of every fact, with what it belongs to."""
    for person in facts.persons:
        yield from ((f"person {person.name!r}", span) for span in person.spans)
        for office in person.offices:
            yield from ((f"office {office.title!r} of {person.name!r}", span) for span in office.spans)
    kinds: dict[str, tuple[object, ...]] = {
        "organization": facts.organizations,
        "place": facts.places,
        "meeting": facts.meetings,
        "proposal": facts.proposals,
        "indicator": facts.indicators,
        "document": facts.documents,
    }
    for kind, records in kinds.items():
        for number, record in enumerate(records):
            yield from ((f"{kind} {number}", span) for span in record.spans)  # type: ignore[attr-defined]


def check_spans(facts: ArticleFacts) -> None:
    length = len(facts.article.text)
    bad = [(owner, span) for owner, span in all_spans(facts) if not 0 <= span[0] < span[1] <= length]
    assert not bad, f"spans outside the text ({length} chars): {bad}"


def check_references(facts: ArticleFacts) -> None:
    """Every key a fact refers to is the key of an organization, place or person of the article."""
    organizations = {organization.canonical_name for organization in facts.organizations}
    places = {place.key for place in facts.places}
    persons = {person.name for person in facts.persons}
    agents = organizations | places
    dangling: list[str] = []

    def expect(keys: set[str], key: str | None, what: str) -> None:
        if key is not None and key not in keys:
            dangling.append(f"{what} → {key!r}")

    for organization in facts.organizations:
        expect(agents, organization.parent, f"parent of organization {organization.canonical_name!r}")
        expect(places, organization.place, f"place of organization {organization.canonical_name!r}")
    for place in facts.places:
        expect(places, place.within, f"place containing {place.key!r}")
        for key in place.passes_through:
            expect(places, key, f"place {place.key!r} passes through")
    for person in facts.persons:
        for office in person.offices:
            expect(agents, office.organization, f"office {office.title!r} of {person.name!r}")
    for meeting in facts.meetings:
        expect(agents, meeting.organizer, "meeting organizer")
        for key in meeting.participants:
            expect(agents, key, "meeting participant")
        for name in meeting.chairs:
            expect(persons, name, "meeting chair")
        expect(persons, meeting.concluded_by, "meeting concluded by")
        expect(places, meeting.location, "meeting location")
    for proposal in facts.proposals:
        expect(agents, proposal.proposer, "proposer")
        expect(agents, proposal.addressee, "addressee")
        for key in proposal.places:
            expect(places, key, "proposal place")
    for indicator in facts.indicators:
        expect(agents, indicator.subject, "indicator subject")
    for document in facts.documents:
        expect(agents, document.issuer, "document issuer")
    assert not dangling, f"references to no fact of the article: {dangling}"


def check_dates(facts: ArticleFacts) -> None:
    """Dates in facts are real ISO dates (they become ``xsd:date`` literals)."""
    dates = [
        *(("meeting", meeting.date) for meeting in facts.meetings),
        *(("indicator as of", indicator.as_of) for indicator in facts.indicators if indicator.as_of),
        *(("document", document.date) for document in facts.documents if document.date),
    ]
    for what, value in dates:
        try:
            date.fromisoformat(value)
        except ValueError:
            pytest.fail(f"{what} date {value!r} is not a real ISO date")
    for meeting in facts.meetings:
        if meeting.time is not None:
            hours, _, minutes = meeting.time.partition(":")
            assert len(meeting.time) == 5 and 0 <= int(hours) < 24 and 0 <= int(minutes) < 60, meeting.time


# -- the tests --------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ARTICLE_PATHS, ids=[path.stem for path in ARTICLE_PATHS])
def test_corpus_articles_hold_the_properties(path: Path) -> None:
    article = read_article(path)
    check_read_extract_map(article.text, metadata_of(article))


CAO_BANG = {"id": "x", "source": "Báo Cao Bằng", "published": "2023"}


@FUZZ
@given(mutated_articles())
@example(("2୪h Sáng 13/6, Tỉnh ủy Bắc Kạn làm việc với Huyện ủy Pác Nặm.", {**CAO_BANG, "published": "2024"}))
def test_mutated_articles(case: tuple[str, dict[str, str]]) -> None:
    check_read_extract_map(*case)


@FUZZ
@given(random_articles())
def test_random_texts(case: tuple[str, dict[str, str]]) -> None:
    check_read_extract_map(*case)


@pytest.mark.parametrize(
    ("written", "time"),
    [("25h", None), ("8 giờ 75", None), ("2୪h", None), ("8 giờ ୩୦", "08:30"), ("25h, 8 giờ 30", "08:30")],
)
def test_clock_time_is_a_time_of_day_in_ascii_digits(written: str, time: str | None) -> None:
    """Found by the fuzz: ``2୪h`` (an Oriya digit) gave the meeting time ``24:00``, ``8 giờ ୩୦`` kept
    the Oriya minutes, so the meeting's ``xsd:dateTime`` was ill-typed."""
    text = f"Lúc {written} ngày 10/10/2023, UBND tỉnh Cao Bằng tổ chức hội nghị tại TP. Cao Bằng."
    [meeting] = extract_facts(parse_article(text, path=None, **CAO_BANG)).meetings
    assert meeting.time == time
