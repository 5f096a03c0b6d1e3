"""Which cards and arrows of a map lie in a rectangle, from the model's geometry alone.

A canvas of a big map makes card and arrow items only where the view shows cards one by one
(`argmap.ui.scene.MapScene`, lazy mode): it asks this index which claims' cards and which
relations' lines cross the part of the scene in view. Cards are filed under the grid cells
their rectangle covers; a line (a segment, or the polyline of an arrow routed around cards)
under the cells it passes through (walked cell by cell, not the cells of its bounding box: a
map-wide cross link has a bounding box of thousands of cells). Queries return a superset:
the caller's items clip themselves. The lines may be given as a function, called at the first
query that asks for lines (finding the cards under a click needs only the cards, and filing
30,000 lines takes a while).

>>> grid = RegionGrid({"a": (0, 0, 100, 50), "b": (5000, 0, 5100, 50)},
...                   {"r": [(50, 25), (5050, 25)]}, cell=1000)
>>> grid.query((2000, 0, 2100, 100))
(set(), {'r'})
>>> sorted(grid.query((0, 0, 10, 10))[0])
['a']
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence

from argmap.analysis.routing import cells_along

Rect = tuple[float, float, float, float]  # left, top, right, bottom
Point = tuple[float, float]
Cell = tuple[int, int]
Lines = Mapping[str, Sequence[Point]]


class RegionGrid:
    """Cards (rectangles) and arrows (segments) by the grid cells they touch."""

    def __init__(
        self,
        cards: Mapping[str, Rect],
        lines: Lines | Callable[[], Lines],
        cell: float = 1024.0,
    ) -> None:
        self.cell = cell
        self.cards: dict[Cell, list[str]] = {}
        inv = 1.0 / cell
        floor = math.floor
        grid = self.cards
        for cid, (left, top, right, bottom) in cards.items():
            x0, x1 = floor(left * inv), floor(right * inv)
            y0, y1 = floor(top * inv), floor(bottom * inv)
            for i in range(x0, x1 + 1):
                for j in range(y0, y1 + 1):
                    key = (i, j)
                    found = grid.get(key)
                    if found is None:
                        grid[key] = [cid]
                    else:
                        found.append(cid)
        self._lines = lines
        self._lines_grid: dict[Cell, list[str]] | None = None

    @property
    def lines(self) -> dict[Cell, list[str]]:
        """Relation ids by the cells their lines pass through (filed when first asked)."""
        if self._lines_grid is None:
            self._lines_grid = self._file_lines()
        return self._lines_grid

    def _file_lines(self) -> dict[Cell, list[str]]:
        lines = self._lines() if callable(self._lines) else self._lines
        lines_grid: dict[Cell, list[str]] = {}
        for rid, points in lines.items():
            self._file(lines_grid, rid, points)
        return lines_grid

    def _file(self, lines_grid: dict[Cell, list[str]], rid: str, points: Sequence[Point]) -> None:
        if len(points) == 2:
            keys: Sequence[Cell] = cells_along(points[0], points[1], self.cell)
        else:  # a routed arrow's many short pieces: most lie in one cell; each cell once
            inv, floor = 1.0 / self.cell, math.floor
            found: dict[Cell, None] = {}
            for a, b in zip(points, points[1:], strict=False):
                ca = (floor(a[0] * inv), floor(a[1] * inv))
                if ca == (floor(b[0] * inv), floor(b[1] * inv)):
                    found[ca] = None
                else:
                    found.update(dict.fromkeys(cells_along(a, b, self.cell)))
            keys = list(found)
        for key in keys:
            found = lines_grid.get(key)
            if found is None:
                lines_grid[key] = [rid]
            else:
                found.append(rid)

    def add_line(self, rid: str, points: Sequence[Point]) -> None:
        """File a line anew (an arrow routed since the grid was made); where it ran before
        stays filed too (a query returns a superset)."""
        if self._lines_grid is not None:
            self._file(self._lines_grid, rid, points)

    def query(self, rect: Rect, lines: bool = True) -> tuple[set[str], set[str]]:
        """(claim ids, relation ids) filed under the cells the rectangle covers (no relation
        ids when `lines` is False)."""
        inv = 1.0 / self.cell
        floor = math.floor
        x0, x1 = floor(rect[0] * inv), floor(rect[2] * inv)
        y0, y1 = floor(rect[1] * inv), floor(rect[3] * inv)
        cards: set[str] = set()
        crossing: set[str] = set()
        line_cells = self.lines if lines else {}
        for i in range(x0, x1 + 1):
            for j in range(y0, y1 + 1):
                found = self.cards.get((i, j))
                if found:
                    cards.update(found)
                found = line_cells.get((i, j))
                if found:
                    crossing.update(found)
        return cards, crossing
