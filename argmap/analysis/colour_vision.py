"""How colours look to readers who do not see them all: simulated colour-vision deficiencies and
greyscale, to check that the map's drawing does not rely on hue alone.

About one man in twelve sees red and green poorly (deuteranomaly, protanomaly), and printed
reports are often greyscale. argmap draws support green and attack red, so the canvas also
marks attacks by their line (dashed) and kinds by a letter; `tests/ui/test_colour_vision.py`
renders the seed map through these simulations and checks that the marks survive them.

The simulation is Machado, Oliveira and Fernandes (2009), "A physiologically-based model for
simulation of color vision deficiency", at full severity (dichromacy), applied in linear RGB.
Greyscale is the relative luminance of sRGB (ITU-R BT.709 weights).

>>> simulate((255, 0, 0), "greyscale")
(127, 127, 127)
>>> simulate((0, 128, 0), "normal")
(0, 128, 0)
"""

from __future__ import annotations

RGB = tuple[int, int, int]

_MATRICES: dict[str, tuple[tuple[float, float, float], ...]] = {
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
}
VISIONS = ("normal", "protanopia", "deuteranopia", "greyscale")
"""The ways of seeing a check goes through."""


def _linear(channel: int) -> float:
    c = channel / 255.0
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _encoded(value: float) -> int:
    v = min(1.0, max(0.0, value))
    v = v * 12.92 if v <= 0.0031308 else 1.055 * v ** (1 / 2.4) - 0.055
    return round(v * 255)


def luminance(rgb: RGB) -> float:
    """Relative luminance (0 black … 1 white) of an sRGB colour."""
    r, g, b = (_linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def simulate(rgb: RGB, vision: str) -> RGB:
    """`rgb` as a reader with `vision` (one of VISIONS) sees it."""
    if vision == "normal":
        return rgb
    if vision == "greyscale":
        grey = _encoded(luminance(rgb))
        return grey, grey, grey
    matrix = _MATRICES[vision]
    lin = [_linear(c) for c in rgb]
    out = [sum(row[i] * lin[i] for i in range(3)) for row in matrix]
    return _encoded(out[0]), _encoded(out[1]), _encoded(out[2])


def contrast(a: RGB, b: RGB) -> float:
    """WCAG contrast ratio of two colours (1 the same … 21 black on white)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def distance(a: RGB, b: RGB) -> float:
    """Plain Euclidean distance in sRGB (0 … 441): enough to tell "the same" from "not"."""
    return sum((x - y) ** 2 for x, y in zip(a, b, strict=True)) ** 0.5


__all__ = ["VISIONS", "contrast", "distance", "luminance", "simulate"]
