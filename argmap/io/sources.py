"""Reading source documents: plain text, Markdown, HTML and PDF to one normalised text.

Every reader returns the text as paragraphs; `read_source_text` normalises it
(model/sourcetext.py: one line per paragraph), which is what anchor positions count in.

- Plain text: UTF-8 (a BOM is accepted); a file whose paragraphs are separated by blank lines
  and hard-wrapped inside has its lines joined, otherwise every line is a paragraph.
- Markdown: rendered by markdown-it-py (CommonMark), then read as HTML, so emphasis marks,
  link syntax and fences do not end up in the text.
- HTML: Python's own html.parser; block elements (p, li, h1-h6, blockquote, td, pre lines, br)
  end a paragraph; script, style, template and head are skipped.
- PDF: pypdf's text extraction, page by page, with wrapped lines joined into paragraphs (a line
  clearly shorter than the page's usual line ends one) and hyphens at line ends undone. A PDF
  without a text layer (a scan) is refused with a message saying so.

Errors (unreadable, undecodable, no text) are `SourceError`s naming the file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from argmap.io import limits
from argmap.model.anchors import text_problem
from argmap.model.errors import ArgmapError, SourceError
from argmap.model.map import ArgumentMap
from argmap.model.sourcetext import normalise, sha256_text
from argmap.model.types import SourceDocument

MEDIA_TYPES = {
    ".txt": "text/plain",
    ".text": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".html": "text/html",
    ".htm": "text/html",
    ".xhtml": "text/html",
    ".pdf": "application/pdf",
}


@dataclass(frozen=True)
class SourceText:
    """The normalised text of a source file with its digest and media type."""

    text: str
    sha256: str
    media_type: str


def media_type_of(path: str | os.PathLike[str]) -> str:
    """The media type a file is read as, from its extension (plain text when unknown)."""
    return MEDIA_TYPES.get(Path(path).suffix.lower(), "text/plain")


def read_source_text(path: str | os.PathLike[str], media_type: str | None = None) -> SourceText:
    """Read and normalise a source file; SourceError naming the file when that fails."""
    name = str(path)
    kind = media_type or media_type_of(path)
    try:
        data = limits.read_bounded(path)
    except ArgmapError as exc:
        raise SourceError(exc.reason, file=name, place=exc.place) from None
    if kind == "application/pdf":
        raw = pdf_text(data, name)
    else:
        decoded = decode_text(data, name)
        if kind == "text/markdown":
            raw = markdown_text(decoded)
        elif kind == "text/html":
            raw = html_text(decoded)
        else:
            raw = plain_text(decoded)
    text = normalise(raw)
    if not text:
        raise SourceError("the document holds no text", file=name)
    return SourceText(text, sha256_text(text), kind)


def pasted_text(text: str) -> SourceText:
    """Pasted text as a source (read as plain text)."""
    normal = normalise(plain_text(text))
    if not normal:
        raise SourceError("the pasted text is empty", file="<pasted text>")
    return SourceText(normal, sha256_text(normal), "")


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 (with or without BOM); anything else is refused with the offset of the bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(
            f"not UTF-8 text (bad byte at offset {exc.start}); save the file as UTF-8",
            file=name,
            place=limits.byte_place(data, exc.start),
        ) from None


_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


def plain_text(text: str) -> str:
    """Paragraphs of a plain text: blank-line separated blocks with their lines joined when the
    text is hard-wrapped (some block has several lines), else one paragraph per line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = [b for b in _BLANK_LINE.split(text) if b.strip()]
    if len(blocks) > 1 and any(b.strip().count("\n") for b in blocks):
        return "\n".join(" ".join(b.split("\n")) for b in blocks)
    return text


def markdown_text(text: str) -> str:
    """The text of a Markdown document (CommonMark, rendered then read as HTML)."""
    from markdown_it import MarkdownIt

    return html_text(MarkdownIt("commonmark").render(text))


_BLOCK_TAGS = frozenset(
    "address article aside blockquote body br caption dd details dialog div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section "
    "summary table tbody td tfoot th thead tr ul".split()
)
_SKIPPED_TAGS = frozenset({"script", "style", "template", "head", "noscript", "svg", "math"})


class _TextExtractor(HTMLParser):
    """Collects text; block elements end a paragraph, skipped elements are dropped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.in_pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_TAGS:
            self.skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")
        if tag == "pre":
            self.in_pre += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")
        if tag == "pre":
            self.in_pre = max(0, self.in_pre - 1)

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        # Outside <pre>, a line break in the HTML source is only white space.
        self.parts.append(data if self.in_pre else data.replace("\n", " "))


def html_text(html: str) -> str:
    """The visible text of an HTML document, one block element per paragraph."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


def pdf_text(data: bytes, name: str) -> str:
    """The text of a PDF (pypdf), wrapped lines joined into paragraphs."""
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception:
                raise SourceError("the PDF is encrypted", file=name) from None
        pages = [_page_text(page) for page in reader.pages]
    except SourceError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise SourceError(f"not a readable PDF ({exc})", file=name) from None
    if not any(p.strip() for p in pages):
        raise SourceError(
            f"the PDF has no text layer ({len(pages)} page(s) of pictures only, e.g. a scan); "
            "run OCR on it first",
            file=name,
        )
    return "\n".join(pages)


def _page_text(page: object) -> str:
    """A page's text with its lines joined into paragraphs.

    pypdf reports every text run with its text matrix; runs on one baseline form a line, and
    a gap between baselines clearly wider (1.4x) than the page's usual line spacing ends a
    paragraph, as a reader sees it. 'exam-' + 'ple' across a line end is rejoined.
    """
    lines: list[tuple[float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if not text.strip():
            return
        y = tm[5] * cm[3] + cm[5]
        if lines and abs(lines[-1][0] - y) < 1e-3 * max(1.0, abs(y)):
            lines[-1] = (y, lines[-1][1] + text)
        else:
            lines.append((y, text))

    page.extract_text(visitor_text=visit)  # type: ignore[attr-defined]
    if not lines:
        return ""
    gaps = sorted(abs(a[0] - b[0]) for a, b in zip(lines, lines[1:], strict=False))
    usual = gaps[len(gaps) // 2] if gaps else 0.0
    out: list[str] = []
    current = ""
    previous_y: float | None = None
    for y, raw in lines:
        line = " ".join(raw.split())
        if previous_y is not None and usual and abs(y - previous_y) > 1.4 * usual:
            out.append(current)
            current = ""
        previous_y = y
        if current.endswith("-") and line[:1].islower():
            current = current[:-1] + line
        else:
            current = f"{current} {line}" if current else line
    if current:
        out.append(current)
    return "\n".join(out)


def source_document(
    source_id: str,
    read: SourceText,
    *,
    path: str = "",
    keep_text: bool = True,
    title: str = "",
    author: str = "",
    date: str = "",
    url: str = "",
) -> SourceDocument:
    """A source document for a read (or pasted) text: the text stored unless `keep_text` is
    off (the map then keeps only the reference: `path`, digest and media type)."""
    return SourceDocument(
        source_id,
        title,
        author,
        date,
        url,
        path=path,
        media_type=read.media_type,
        sha256=read.sha256,
        text=read.text if keep_text else None,
    )


# -- the texts of a map's sources ------------------------------------------------------------


@dataclass(frozen=True)
class LoadedText:
    """The current text of one source, where it came from, and the text its anchors were made
    on when the map stores it."""

    source_id: str
    text: str
    name: str  # the file it was read from, or "<map NAME>" for a stored text
    stored: str | None  # the map's stored text (what the anchors were made on), if any
    sha256: str


def locate(source: SourceDocument, map_path: str | os.PathLike[str] | None) -> Path | None:
    """The file of a source: its `path` relative to the map's folder, else a file of the same
    name beside the map; None when neither exists."""
    if not source.path:
        return None
    base = Path(map_path).resolve().parent if map_path is not None else Path.cwd()
    candidates = [base / source.path, base / Path(source.path).name]
    return next((c for c in candidates if c.is_file()), None)


def load_texts(
    m: ArgumentMap,
    map_path: str | os.PathLike[str] | None,
    given: Mapping[str, str | os.PathLike[str]] | None = None,
    *,
    required: Iterable[str] = (),
) -> dict[str, LoadedText]:
    """The text of every source that has one: a given file first (`--source ID=FILE`), then the
    file the source names when the map keeps only the reference, else the stored text.

    A source in `required` without any text raises a SourceError saying which file to attach.
    A text whose digest is the one the map records must hold every anchor where the anchor
    says (else the map or the file is wrong: SourceError naming both and the anchor).
    """
    given = dict(given or {})
    sources = {s.id: s for s in m.info.sources}
    unknown = sorted(set(given) - set(sources))
    if unknown:
        known = ", ".join(sorted(sources)) or "none"
        raise SourceError(f"no source {unknown[0]!r} in this map (its sources: {known})")
    out: dict[str, LoadedText] = {}
    for sid, source in sources.items():
        path: Path | str | None = given.get(sid)
        media_type = None  # a given file is read as its extension says
        if path is None and source.text is None:
            path = locate(source, map_path)
            media_type = source.media_type or None
        if path is not None:
            read = read_source_text(path, media_type)
            loaded = LoadedText(sid, read.text, str(path), source.text, read.sha256)
        elif source.text is not None:
            label = f"<{Path(map_path).name if map_path else 'map'}: source {sid}>"
            loaded = LoadedText(sid, source.text, label, source.text, source.sha256)
        else:
            if sid in required:
                wanted = source.path or "the document"
                raise SourceError(
                    f"the text of source {sid!r} is not in the map and {wanted} was not found; "
                    f"attach it or give --source {sid}=FILE",
                    file=str(map_path) if map_path else None,
                )
            continue
        if source.sha256 and loaded.sha256 == source.sha256:
            check_made_on(m, sid, loaded.text, loaded.name)
        out[sid] = loaded
    return out


def check_made_on(m: ArgumentMap, source_id: str, text: str, name: str) -> None:
    """Every anchor into `source_id` fits `text`, the version its anchors were made on."""
    for item in [*m.claims.values(), *m.relations.values()]:
        for i, a in enumerate(item.anchors):
            if a.source != source_id:
                continue
            reason = text_problem(a, text)
            if reason is not None:
                raise SourceError(reason, file=name, place=f"{item.id} anchor {i + 1}")


def relative_path(path: str | os.PathLike[str], map_path: str | os.PathLike[str]) -> str:
    """A source file's path relative to the map's folder, with "/" separators."""
    base = Path(map_path).resolve().parent
    return Path(os.path.relpath(Path(path).resolve(), base)).as_posix()


__all__ = [
    "MEDIA_TYPES",
    "LoadedText",
    "check_made_on",
    "load_texts",
    "locate",
    "relative_path",
    "source_document",
    "SourceError",
    "SourceText",
    "decode_text",
    "html_text",
    "markdown_text",
    "media_type_of",
    "pasted_text",
    "pdf_text",
    "plain_text",
    "read_source_text",
]
