"""A tiny PDF writer for generated publications (the demo's booklet PDFs), built from source text.

It writes PDF 1.4 with the standard Helvetica fonts, so no font files and no extra dependency are
needed. Only Latin-1 text is supported; other characters are replaced with "?". That is enough
for demo PDFs; real publications are uploaded by editors.
"""

import textwrap
from dataclasses import dataclass

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
MARGIN = 56
BODY_SIZE, HEADING_SIZE, TITLE_SIZE = 11, 15, 22
LINE_FACTOR = 1.4
CHARS_PER_LINE = 88


@dataclass(frozen=True)
class Section:
    """A heading and its paragraphs."""

    heading: str
    paragraphs: tuple[str, ...]


def _escape(text: str) -> str:
    latin = text.encode("latin-1", "replace").decode("latin-1")
    return latin.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _lines(title: str, subtitle: str, sections: list[Section]) -> list[tuple[str, int]]:
    """(text, font size) pairs in reading order; size 0 marks vertical space."""
    lines: list[tuple[str, int]] = []
    for part in textwrap.wrap(title, 45):
        lines.append((part, TITLE_SIZE))
    if subtitle:
        lines += [("", 0), *((part, BODY_SIZE) for part in textwrap.wrap(subtitle, CHARS_PER_LINE))]
    for section in sections:
        lines += [("", 0), *((part, HEADING_SIZE) for part in textwrap.wrap(section.heading, 60))]
        for paragraph in section.paragraphs:
            lines += [(part, BODY_SIZE) for part in textwrap.wrap(paragraph, CHARS_PER_LINE)]
            lines.append(("", 0))
    return lines


def _page_streams(lines: list[tuple[str, int]]) -> list[bytes]:
    pages: list[list[str]] = [[]]
    y = PAGE_HEIGHT - MARGIN
    for text, size in lines:
        step = (size or BODY_SIZE) * LINE_FACTOR
        if y - step < MARGIN:
            pages.append([])
            y = PAGE_HEIGHT - MARGIN
        y -= step
        if text:
            font = "F2" if size > BODY_SIZE else "F1"
            pages[-1].append(f"BT /{font} {size} Tf {MARGIN} {y:.1f} Td ({_escape(text)}) Tj ET")
    return ["\n".join(commands).encode("latin-1") for commands in pages]


def render_pdf(title: str, subtitle: str, sections: list[Section]) -> bytes:
    """Return a complete PDF document with a title, a subtitle and the sections' text."""
    streams = _page_streams(_lines(title, subtitle, sections))
    objects: list[bytes] = []
    page_count = len(streams)
    first_page = 5
    kids = " ".join(f"{first_page + 2 * i} 0 R" for i in range(page_count))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {page_count} >>".encode())
    objects.append(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    )
    objects.append(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"
    )
    for index, stream in enumerate(streams):
        content_ref = first_page + 2 * index + 1
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
            f"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> "
            f"/Contents {content_ref} 0 R >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    output = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(output)
    output += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    output += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    output += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(output)
