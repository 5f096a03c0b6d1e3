"""Makes the PDF fixtures of tests/io/test_sources.py (run once; the PDFs are committed).

text-layer.pdf: three paragraphs typeset by Qt (QTextDocument printed through QPdfWriter),
wrapped over several lines each, so the reader's line joining is tested on a real layout.
scan.pdf: a picture of text drawn as an image, no text layer (what a scanner makes).
"""

import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QGuiApplication,
    QImage,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

PARAGRAPHS = [
    "The committee met on Tuesday to weigh the harbour plan. Members asked for costings "
    "before any vote, and the chair agreed to circulate them within a fortnight.",
    "Opponents argued that dredging would harm the oyster beds near the northern wall, "
    "which supply most of the town's summer trade.",
    "A second meeting is planned for the spring.",
]

if __name__ == "__main__":
    app = QGuiApplication(sys.argv)
    writer = QPdfWriter("text-layer.pdf")
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A5))
    doc = QTextDocument()
    doc.setHtml("".join(f"<p>{p}</p>" for p in PARAGRAPHS))
    doc.print_(writer)

    scan = QPdfWriter("scan.pdf")
    scan.setPageSize(QPageSize(QPageSize.PageSizeId.A5))
    image = QImage(600, 200, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.drawText(20, 60, "A scanned page of text")
    painter.end()
    painter = QPainter(scan)
    painter.drawImage(0, 0, image)
    painter.end()
