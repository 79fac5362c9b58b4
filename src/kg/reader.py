"""Read article files: TOML front matter, crawl prefixes, Unicode NFC.

An article file is UTF-8 text with its metadata in TOML front matter::

    +++
    id = "bbk-2024-06-13-pac-nam"
    source = "Báo Bắc Kạn"
    published = "2024-06"        # ISO date, month or day precision
    url = "https://..."          # optional
    title = "..."                # optional
    province = "Bắc Kạn"         # optional: the province the article is about
    +++
    <text>

Crawled texts may start with a prefix such as ``date 2024-06 BBK -``: it is removed from
the text, and its date is used when the front matter gives none.

Files that are no article text (empty, binary, UTF-16, not UTF-8, an HTML page, larger than
the size limit of :data:`kg.config.MAX_ARTICLE_BYTES`) raise :class:`ArticleError` naming the
file and the problem; a file over the limit is refused before it is read.
"""

from __future__ import annotations

import os
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from kg.config import MAX_ARTICLE_BYTES
from kg.errors import ArticleError
from kg.model import Article

FRONT_MATTER = re.compile(r"\A\+\+\+[ \t]*\r?\n(.*?)\r?\n\+\+\+[ \t]*\r?\n", re.DOTALL)
CRAWL_PREFIX = re.compile(r"\A\s*date\s+(\d{4}-\d{2}(?:-\d{2})?)\s+([A-Za-z0-9_.]+)\s+-\s+")
PUBLISHED = re.compile(r"\A\d{4}(-\d{2}(-\d{2})?)?\Z")
ARTICLE_ID = re.compile(r"\A[a-z0-9][a-z0-9._-]*\Z")
HTML_MARKUP = re.compile(r"<(?:!doctype\s+html|html|head|body|/p|/div|script)\b", re.IGNORECASE)
"""Tags that no article text contains but every HTML page does."""


def read_article(path: Path, *, max_bytes: int = MAX_ARTICLE_BYTES, **overrides: str | None) -> Article:
    """Read one article file; raise :class:`ArticleError` naming the file and what is wrong.

    A file larger than ``max_bytes`` is refused before it is read; ``overrides`` replace
    front-matter fields (``published="2024-06-13"``).
    """
    try:
        with path.open("rb") as file:
            size = os.fstat(file.fileno()).st_size
            if size > max_bytes:
                raise ArticleError(
                    f"{path}: {size:,} bytes, more than the {max_bytes:,} an article may have: not an "
                    "article? (raise the limit with KG_MAX_ARTICLE_BYTES)"
                )
            raw = file.read(max_bytes + 1)  # the file may grow after fstat
    except OSError as error:
        raise ArticleError(f"{path}: cannot read file: {error.strerror}") from error
    if len(raw) > max_bytes:
        raise ArticleError(f"{path}: more than the {max_bytes:,} bytes an article may have")
    if not raw.strip():
        raise ArticleError(f"{path}: empty file")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ArticleError(f"{path}: UTF-16 text: convert the file to UTF-8")
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise ArticleError(f"{path}: binary data (a NUL byte at byte {nul}), not an article text")
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise ArticleError(
            f"{path}: not UTF-8 text (byte {error.start}, line {line}): convert the file to UTF-8, e.g. "
            "'iconv -f CP1258 -t UTF-8' for Windows-1258 or '-f LATIN1' for Latin-1"
        ) from error
    return parse_article(content, path=path, **overrides)


def parse_article(content: str, *, path: Path | None = None, **overrides: str | None) -> Article:
    """Parse the text of an article file; ``overrides`` replace front-matter fields."""
    where = path or "<text>"
    content = unicodedata.normalize("NFC", content)
    metadata: dict[str, object] = {}
    match = FRONT_MATTER.match(content)
    if match:
        try:
            metadata = tomllib.loads(match.group(1))
        except tomllib.TOMLDecodeError as error:
            raise ArticleError(f"{where}: invalid front matter: {error}") from error
        content = content[match.end():]
    metadata.update({key: value for key, value in overrides.items() if value is not None})

    prefix = CRAWL_PREFIX.match(content)
    if prefix:
        metadata.setdefault("published", prefix.group(1))
        content = content[prefix.end():]
    text = content.strip()
    if not text:
        raise ArticleError(f"{where}: the article has no text")
    if "\x00" in text:
        raise ArticleError(f"{where}: binary data, not an article text")
    if HTML_MARKUP.search(text):
        raise ArticleError(
            f"{where}: an HTML page, not an article text: save the article's text without markup"
        )

    article_id = str(metadata.get("id") or (path.stem if path else ""))
    if not ARTICLE_ID.match(article_id):
        raise ArticleError(
            f"{where}: article id {article_id!r} must be lower-case letters, digits, '.', '_' or '-'"
        )
    published = _published(metadata.get("published"), where)
    source = metadata.get("source")
    if not isinstance(source, str) or not source.strip():
        raise ArticleError(f"{where}: front matter needs 'source' (the newspaper's name)")
    return Article(
        id=article_id,
        text=text,
        source=unicodedata.normalize("NFC", source.strip()),
        published=published,
        url=_optional_text(metadata, "url"),
        title=_optional_text(metadata, "title"),
        province=_optional_text(metadata, "province"),
        path=path,
    )


def iter_article_paths(sources: Iterable[Path]) -> Iterator[Path]:
    """The article files named by ``sources``: files as given, directories' ``*.txt`` sorted."""
    for source in sources:
        if source.is_dir():
            yield from sorted(p for p in source.glob("*.txt") if p.is_file())
        else:
            yield source


def _published(value: object, where: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str) or not PUBLISHED.match(value):
        raise ArticleError(
            f"{where}: 'published' must be an ISO date (YYYY, YYYY-MM or YYYY-MM-DD), got {value!r}"
        )
    try:
        date.fromisoformat(value if len(value) == 10 else (value + "-01-01")[:10])
    except ValueError as error:
        raise ArticleError(f"{where}: 'published' {value!r} is not a real date") from error
    return value


def _optional_text(metadata: dict[str, object], key: str) -> str | None:
    value = metadata.get(key)
    return unicodedata.normalize("NFC", str(value).strip()) if value else None
