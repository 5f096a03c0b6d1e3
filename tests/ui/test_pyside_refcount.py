"""Regression guard: PySide6 6.12.0 lowers None's reference count on every void call.

On Python 3.11 (where None is not immortal) that ends in `Fatal Python error: none_dealloc`;
pyproject.toml pins PySide6-Essentials below 6.12 for this reason (see ../shared/NOTES.md).
"""

import sys

from PySide6.QtWidgets import QGraphicsRectItem


def test_void_setters_do_not_leak_references_to_none(qapp):
    item = QGraphicsRectItem(0, 0, 10, 10)
    before = sys.getrefcount(None)
    for i in range(5000):
        item.setPos(i, i)
        item.setZValue(i)
    after = sys.getrefcount(None)
    # Other code may take or drop a handful of references meanwhile, never thousands.
    assert abs(after - before) < 100, f"None refcount moved by {after - before} over 10,000 calls"


def test_installed_pyside_is_within_the_pin():
    import PySide6

    major, minor = (int(x) for x in PySide6.__version__.split(".")[:2])
    assert (6, 8) <= (major, minor) < (6, 12)
