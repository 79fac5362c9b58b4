"""Text helpers shared by the extractors.

Extractors search :func:`matching_view` (old-style tone placement rewritten to the new style
the gazetteers use) and quote the original text: the view has the same length, so a span
found in it is a valid span of the original.
"""

from __future__ import annotations

import re
import unicodedata

TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
"""Combining grave, acute, tilde, hook above, dot below: the five Vietnamese tones."""

# The first vowel of an open syllable "oa", "oe", "uy" that old-style spelling leaves bare
# (hoà, khoẻ, thuỷ); not after "q", where "u" is part of the consonant (quý).
OLD_STYLE_TONE = re.compile(r"(?<![qQ])([oOuU])(\w)(?!\w)")
OPEN_PAIRS = {"o": "ae", "u": "y"}


def _latin_letters(predicate: str) -> str:
    ranges = ((0x41, 0x7A), (0xC0, 0x1B0), (0x1EA0, 0x1EF9))
    return "".join(
        chr(code)
        for low, high in ranges
        for code in range(low, high + 1)
        if chr(code).isalpha() and getattr(chr(code), predicate)()
    )


UPPER = _latin_letters("isupper")
LOWER = _latin_letters("islower")
SYLLABLE = f"[{UPPER}][{LOWER}]*(?![{UPPER}{LOWER}])"
"""A capitalised syllable: ``Bắc``, ``Kạn``, not the acronym ``UBND``."""
NAME_RUN = f"{SYLLABLE}(?:[ \u00a0]+{SYLLABLE})*"
"""A run of capitalised syllables: Vietnamese names capitalise every syllable."""
DASH = r"\s+[-–—]\s+"
"""A dash between spaces, joining the parts of a route or of a title."""


def nfc(text: str) -> str:
    """The NFC normalization of ``text``."""
    return unicodedata.normalize("NFC", text)


def name_end(text: str, start: int, name: str) -> int:
    """Where ``name`` (syllables joined by single spaces) ends when written from ``start``."""
    position = start
    for n, syllable in enumerate(name.split()):
        if n:
            spaces = position
            while position < len(text) and text[position] in " \u00a0":
                position += 1
            if position == spaces:
                raise ValueError(f"{name!r} is not written at offset {start}")
        if not text.startswith(syllable, position):
            raise ValueError(f"{name!r} is not written at offset {start}")
        position += len(syllable)
    return position


def _move_tone(match: re.Match[str]) -> str:
    first, second = match.group(1), match.group(2)
    decomposed = unicodedata.normalize("NFD", second)
    base, marks = decomposed[0], decomposed[1:]
    tones = "".join(mark for mark in marks if mark in TONE_MARKS)
    if not tones or base.lower() not in OPEN_PAIRS[first.lower()] or len(marks) != len(tones):
        return match.group(0)
    return nfc(first + tones) + base


def matching_view(text: str) -> str:
    """NFC ``text`` with old-style tone placement rewritten to the new style, same length.

    >>> matching_view("Tỉnh uỷ Thanh Hoá")
    'Tỉnh ủy Thanh Hóa'
    """
    return OLD_STYLE_TONE.sub(_move_tone, text)


def sentence_spans(text: str, abbreviations: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """The ``(start, end)`` of each sentence: split at ``. ! ? …`` and line breaks.

    A period that ends one of ``abbreviations`` (``TP.``) does not end a sentence.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for match in re.finditer(r"[.!?…]+(?=\s)|\n+", text):
        word = re.search(r"\S*$", text[start : match.end()])
        if word and word.group(0) in abbreviations:
            continue
        if text[start : match.end()].strip():
            spans.append((start, match.end()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return [_trim(text, span) for span in spans]


def _trim(text: str, span: tuple[int, int]) -> tuple[int, int]:
    start, end = span
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
