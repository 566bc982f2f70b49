"""Where the map's labels go: beside their dot, at the end of a leader line, or as a number.

Two layouts are made for every map, and CSS shows the one that is legible at the width the map
is drawn (static/css/map.css). :func:`place_labels` (the ``WIDE`` metrics) names the cities in a
deterministic greedy placement in three passes over them (the most populous first):

1. every name beside its dot, at the first of eight places around it that is free;
2. the names that found no place, at the end of a short leader line (three lengths, twelve
   directions), where neither the label nor the line crosses what is already placed;
3. the cities still without a label get their number instead, beside the dot or at the end of a
   leader line in the same way.

:func:`place_numbers` (the ``NARROW`` metrics, for a phone, where the map is drawn at under half
its size) writes every city's number, larger, in the same two ways as the third pass.

A city's number is its place among the map's cities, which come in the order of the list under
the map: the list shows the same number beside the city's name.

A place is free when the label stays inside the frame and touches no other label, no other dot
and no leader line. A city that finds no place at all (only in a network far denser than the
map can show) keeps its dot and link without a label.

Text is not measured (only a browser can): :func:`text_width` estimates it from the font size
with generous per-character widths, so that the estimated box holds the rendered text in any
common sans-serif face (``tests/browser/test_cities_map.py`` checks that with ``getBBox()``).
Everything here is plain Python in the map's output units (``cities.map``): no Django.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

Box = tuple[float, float, float, float]  # left, top, right, bottom
Segment = tuple[float, float, float, float]  # x1, y1, x2, y2
Anchor = Literal["start", "middle", "end"]

LINE_HEIGHT = 1.2  # the text's box from the font's ascent to its descent, in em
BASELINE = 0.92  # from the box's top to the baseline, in em
GAP = 4.0  # between a dot's edge and its label
PADDING = 1.5  # kept free around every label
GRID_CELL = 20.0


@dataclass(frozen=True)
class Metrics:
    """The sizes a layout is drawn with, in the map's units (static/css/map.css sets the same:
    ``.nordic-map__label`` and, on a phone, ``.nordic-map__label--narrow`` and the dot's ``r``)."""

    font_size: float
    dot_radius: float
    leader_lengths: tuple[float, ...]


#: The names, on a map drawn at least 640 CSS px wide: 15 units are 12 px or more.
WIDE = Metrics(font_size=15.0, dot_radius=6.0, leader_lengths=(26.0, 46.0, 70.0))
#: The numbers, on a phone: 30 units are 13.3 px on a map drawn 356 px wide (a 390 px screen)
#: and 12.2 px at 326 px (a 360 px screen). Larger numbers leave cities of the demo's crowded
#: Øresund without one.
NARROW = Metrics(font_size=30.0, dot_radius=7.0, leader_lengths=(35.0, 60.0, 90.0, 120.0))

FONT_SIZE = WIDE.font_size
DOT_RADIUS = WIDE.dot_radius

# Widths in em of a bold sans-serif face, on the wide side (DejaVu Sans Bold, the widest common
# fallback, is the reference); anything not listed counts as a lower-case letter.
_NARROW = dict.fromkeys("iljtfrI.,:;'\u2019!|()[] ", 0.42)
_WIDE = dict.fromkeys("mwMW", 1.08)
_UPPER_WIDTH = 0.80
_DIGIT_WIDTH = 0.72
_LOWER_WIDTH = 0.70


def text_width(text: str, font_size: float = FONT_SIZE) -> float:
    """The estimated advance width of ``text`` in the bold label font, in map units."""
    width = 0.0
    for char in text:
        if char in _NARROW or char in _WIDE:
            width += _NARROW.get(char) or _WIDE[char]
        elif char.isdigit():
            width += _DIGIT_WIDTH
        elif char.isupper():
            width += _UPPER_WIDTH
        else:
            width += _LOWER_WIDTH
    return width * font_size


@dataclass(frozen=True)
class Label:
    """A placed label: its text drawn at ``(x, y)`` (the baseline) with ``anchor``, the box it
    takes up, and the leader line from the dot when it is not beside it."""

    text: str
    x: float
    y: float
    anchor: Anchor
    box: Box
    leader: Segment | None = None
    number: int | None = None


@dataclass(frozen=True)
class Point:
    """A city to label: its dot at ``(x, y)``, its name and its ``priority`` (lowest first)."""

    name: str
    x: float
    y: float
    priority: tuple


def overlaps(first: Box, second: Box) -> bool:
    return (
        first[0] < second[2]
        and second[0] < first[2]
        and first[1] < second[3]
        and second[1] < first[3]
    )


def segment_crosses_box(segment: Segment, box: Box) -> bool:
    """Whether the segment has a point inside the box (Liang-Barsky clipping)."""
    x1, y1, x2, y2 = segment
    dx, dy = x2 - x1, y2 - y1
    low, high = 0.0, 1.0
    for p, q in ((-dx, x1 - box[0]), (dx, box[2] - x1), (-dy, y1 - box[1]), (dy, box[3] - y1)):
        if p == 0:
            if q <= 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low >= high:
            return False
    return True


def _segments_cross(first: Segment, second: Segment) -> bool:
    def side(ax, ay, bx, by, cx, cy) -> float:
        return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)

    a = side(*first, second[0], second[1]), side(*first, second[2], second[3])
    b = side(*second, first[0], first[1]), side(*second, first[2], first[3])
    return a[0] * a[1] < 0 and b[0] * b[1] < 0


def _box_at(
    anchor: Anchor, x: float, y: float, width: float, font_size: float
) -> tuple[Box, float, float]:
    """Where a label whose vertical middle is at ``y`` is drawn (``x`` and the baseline, to a
    tenth as the template writes them) and the box it takes up from there."""
    x = round(x, 1)
    baseline = round(y - LINE_HEIGHT * font_size / 2 + BASELINE * font_size, 1)
    top = baseline - BASELINE * font_size
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return (left, top, left + width, top + LINE_HEIGHT * font_size), x, baseline


def _beside(x: float, y: float, metrics: Metrics) -> Iterator[tuple[Anchor, float, float]]:
    """The eight places around a dot, as (anchor, x, middle y), in the order tried."""
    near = metrics.dot_radius + GAP
    half = LINE_HEIGHT * metrics.font_size / 2
    diagonal = near * 0.75
    yield "start", x + near, y
    yield "end", x - near, y
    yield "middle", x, y - near - half
    yield "middle", x, y + near + half
    yield "start", x + diagonal, y - diagonal - half
    yield "start", x + diagonal, y + diagonal + half
    yield "end", x - diagonal, y - diagonal - half
    yield "end", x - diagonal, y + diagonal + half


# Leader directions (dx, dy), east first, then the other sides and the diagonals.
_DIRECTIONS = [
    (math.cos(math.radians(angle)), -math.sin(math.radians(angle)))
    for angle in (0, 180, 90, 270, 30, 330, 150, 210, 60, 300, 120, 240)
]


def _led(x: float, y: float, metrics: Metrics) -> Iterator[tuple[Anchor, float, float, Segment]]:
    """Places at the end of a leader line: (anchor, x, middle y, the line), shortest first."""
    half = LINE_HEIGHT * metrics.font_size / 2
    radius = metrics.dot_radius
    for length in metrics.leader_lengths:
        for dx, dy in _DIRECTIONS:
            end_x, end_y = x + dx * length, y + dy * length
            line = (x + dx * radius, y + dy * radius, end_x, end_y)
            if abs(dx) > 0.3:
                anchor: Anchor = "start" if dx > 0 else "end"
                yield anchor, end_x + (2 if dx > 0 else -2), end_y, line
            else:
                yield "middle", end_x, end_y + (half + 2 if dy > 0 else -half - 2), line


class _Occupied:
    """What is placed so far, in a grid of cells so that a test looks only at its neighbours."""

    def __init__(self, frame: Box, dots: Sequence[tuple[float, float]], dot_radius: float):
        self.frame = frame
        self.cells: dict[tuple[int, int], list[tuple[str, tuple, int]]] = defaultdict(list)
        r = dot_radius + PADDING
        self.dot_boxes = [(x - r, y - r, x + r, y + r) for x, y in dots]
        for index, box in enumerate(self.dot_boxes):
            self._add("dot", box, owner=index)

    def _cells(self, box: Box) -> Iterator[tuple[int, int]]:
        for column in range(math.floor(box[0] / GRID_CELL), math.floor(box[2] / GRID_CELL) + 1):
            for row in range(math.floor(box[1] / GRID_CELL), math.floor(box[3] / GRID_CELL) + 1):
                yield column, row

    def _add(self, kind: str, shape: tuple, *, owner: int, extent: Box | None = None) -> None:
        for cell in self._cells(extent or shape):
            self.cells[cell].append((kind, shape, owner))

    def _near(self, extent: Box) -> Iterator[tuple[str, tuple, int]]:
        """What lies in the cells under ``extent`` (an item in two cells comes twice)."""
        cells = self.cells
        for cell in self._cells(extent):
            yield from cells.get(cell, ())

    def is_free(self, box: Box, owner: int, line: Segment | None = None) -> bool:
        """Whether a label of the dot ``owner`` fits at ``box`` (at the end of ``line``)."""
        frame = self.frame
        if box[0] < frame[0] or box[1] < frame[1] or box[2] > frame[2] or box[3] > frame[3]:
            return False
        padded = (box[0] - PADDING, box[1] - PADDING, box[2] + PADDING, box[3] + PADDING)
        for kind, shape, other in self._near(padded):
            if kind == "line":
                if segment_crosses_box(shape, padded):
                    return False
            elif (kind != "dot" or other != owner) and overlaps(shape, padded):
                return False
        return line is None or self._line_is_free(line, owner)

    def _line_is_free(self, line: Segment, owner: int) -> bool:
        """Whether a leader crosses no label, line or dot but those that overlap its own."""
        extent = (min(line[0], line[2]), min(line[1], line[3]))
        extent += (max(line[0], line[2]), max(line[1], line[3]))
        own_dot = self.dot_boxes[owner]
        for kind, shape, other in self._near(extent):
            if kind == "line":
                if _segments_cross(shape, line):
                    return False
            elif (
                kind == "label" or (other != owner and not overlaps(shape, own_dot))
            ) and segment_crosses_box(line, shape):
                return False
        return True

    def take(self, label: Label, owner: int) -> None:
        self._add("label", label.box, owner=owner)
        if label.leader is not None:
            line = label.leader
            extent = (min(line[0], line[2]), min(line[1], line[3]))
            extent += (max(line[0], line[2]), max(line[1], line[3]))
            self._add("line", line, owner=owner, extent=extent)


def _try(
    occupied: _Occupied,
    point: Point,
    owner: int,
    text: str,
    metrics: Metrics,
    *,
    leaders: bool,
    number: int | None = None,
) -> Label | None:
    width = text_width(text, metrics.font_size)
    if not leaders:
        places = ((anchor, x, y, None) for anchor, x, y in _beside(point.x, point.y, metrics))
    else:
        places = _led(point.x, point.y, metrics)
    for anchor, x, y, line in places:
        box, x, baseline = _box_at(anchor, x, y, width, metrics.font_size)
        if occupied.is_free(box, owner, line):
            label = Label(text, x, baseline, anchor, box, line, number)
            occupied.take(label, owner)
            return label
    return None


def _by_priority(points: Sequence[Point]) -> list[int]:
    return sorted(range(len(points)), key=lambda index: points[index].priority)


def _place(
    points: Sequence[Point], frame: Box, metrics: Metrics, order: list[int], *, names: bool
) -> list[Label | None]:
    """Labels for the points taken in ``order``: where ``names``, their names (beside the dot,
    then at the end of a leader line), then the numbers of those still without (the same two
    ways)."""
    occupied = _Occupied(frame, [(point.x, point.y) for point in points], metrics.dot_radius)
    labels: list[Label | None] = [None] * len(points)
    if names:
        for leaders in (False, True):
            for index in order:
                if labels[index] is None:
                    labels[index] = _try(
                        occupied, points[index], index, points[index].name, metrics, leaders=leaders
                    )
    for leaders in (False, True):
        for index in order:
            if labels[index] is None:
                number = index + 1
                labels[index] = _try(
                    occupied,
                    points[index],
                    index,
                    str(number),
                    metrics,
                    leaders=leaders,
                    number=number,
                )
    return labels


def place_labels(points: Sequence[Point], frame: Box) -> list[Label | None]:
    """A label for each point, or None where none fits (see the module): its name, else its
    number. The points come in the order of the list under the map, which numbers them."""
    return _place(points, frame, WIDE, _by_priority(points), names=True)


def place_numbers(points: Sequence[Point], frame: Box) -> list[Label | None]:
    """Each point's number in the ``NARROW`` metrics, or None where none fits (see the module).

    The big numbers crowd where several cities are close: when the greedy pass leaves some
    without a place, a second pass takes those first, and the pass that leaves fewer wins."""
    order = _by_priority(points)
    labels = _place(points, frame, NARROW, order, names=False)
    missing = [index for index in order if labels[index] is None]
    if missing:
        placed = [index for index in order if labels[index] is not None]
        again = _place(points, frame, NARROW, missing + placed, names=False)
        if sum(label is None for label in again) < len(missing):
            return again
    return labels
