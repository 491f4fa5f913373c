"""Draw a Scene with QPainter: thick rounded limbs, a shaped torso, floor, mat and props.

The same code paints the live widget, the exported SVG (QSvgGenerator) and the PNGs, so
what the README shows is what the window shows.

Painting is cheap on purpose (it runs 30 times a second while a session plays): pens and
brushes are made once per renderer and reused, the scene is drawn in model units under
one transform, and nothing here computes geometry.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence

from PySide6.QtCore import QByteArray, QDataStream, QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen, QPolygonF, QTransform

from backcare_desktop.figure.colours import Palette
from backcare_desktop.figure.redraw import Area, points_area
from backcare_desktop.figure.scene import Box, Framing, Scene
from backcare_desktop.figure.skeleton import Point, Stroke

# Bump when the look of the drawings changes, so the exported files are regenerated.
RENDER_VERSION = 1
MARGIN_FRACTION = 0.04
FLOOR_BELOW = 8.0  # model units of floor shown under the floor line
HALO = 1.6  # background-coloured gap that separates the near arm from the body behind it
HALO_START = 0.45
MAT_INSET = 4.0  # the mat ends a little inside the framing, so both ends show
EDGE_PX = 2.0  # how far past its outline a shape's antialiased edge may reach (pixels)
FAR = 1e4  # model units: further than any picture reaches (the floor's extent)
LINES_KEPT = 64  # strokes whose QLineF is kept from paint to paint (a figure has ~13)


class SceneRenderer:
    """Paints scenes; keep one per widget (it caches its pens and brushes)."""

    def __init__(self, palette: Palette | None = None) -> None:
        self.palette = palette or Palette()
        p = self.palette
        self._colors = {name: QColor(getattr(p, name)) for name in p._fields}
        self._pens: dict[tuple[str, float], QPen] = {}
        self._brushes = {name: QBrush(color) for name, color in self._colors.items()}
        self._no_pen = QPen(Qt.PenStyle.NoPen)
        self._torso: tuple[tuple[Point, ...], QPolygonF, Area] | None = None
        self._lines: dict[int, tuple[Stroke, QLineF]] = {}
        self._edge_pens = {
            "wall": self._line_pen("wall_edge", 1.2),
            "mat": self._line_pen("mat_edge", 1.0),
            "floor": self._line_pen("floor_line", 1.4),
        }

    def _line_pen(self, color: str, width: float) -> QPen:
        pen = QPen(self._colors[color], width)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        return pen

    def _pen(self, color: str, width: float) -> QPen:
        key = (color, width)
        pen = self._pens.get(key)
        if pen is None:
            pen = QPen(
                self._colors[color],
                width,
                Qt.PenStyle.SolidLine,
                Qt.PenCapStyle.RoundCap,
                Qt.PenJoinStyle.RoundJoin,
            )
            self._pens[key] = pen
        return pen

    @staticmethod
    def transform(rect: QRectF, framing: Framing) -> QTransform:
        """Model units (y up, floor at 0) -> pixels of `rect`: the framing fitted inside
        with margins, centred across, standing a little low (more room above a figure
        than below the floor reads as a room, not a shelf)."""
        margin = MARGIN_FRACTION * min(rect.width(), rect.height())
        inner = rect.adjusted(margin, margin, -margin, -margin)
        total_h = framing.top + FLOOR_BELOW
        s = max(1e-6, min(inner.width() / (2 * framing.half_width), inner.height() / total_h))
        spare = inner.height() - total_h * s
        floor_px = inner.bottom() - FLOOR_BELOW * s - 0.25 * spare
        return QTransform(s, 0.0, 0.0, -s, inner.center().x() - framing.center * s, floor_px)

    def paint(
        self,
        painter: QPainter,
        rect: QRectF,
        scene: Scene,
        framing: Framing,
        *,
        background: bool = True,
        only: Sequence[Area] | None = None,
        transform: QTransform | None = None,
        clip: bool = True,
    ) -> None:
        """Paint `scene` into `rect`; with `only` (model units), just the body parts that
        touch those areas (the rest of the picture is already on screen). `transform`, if
        given, is `transform(rect, framing)` made once by the caller. `clip` False: the
        painter's device ends at `rect` already (a widget's own paint), so nothing is
        clipped to it (one clip less to intersect with the repainted region)."""
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if clip:
            painter.setClipRect(rect)
        if background:
            painter.fillRect(rect, self._brushes["background"])
        t = transform if transform is not None else self.transform(rect, framing)
        wanted = _Touching(only, HALO + EDGE_PX / max(1e-6, t.m11()))
        if wanted((framing.center - FAR, -FAR, framing.center + FAR, 0.0)):
            floor_px = t.map(QPointF(0.0, 0.0)).y()
            painter.fillRect(
                QRectF(rect.left(), floor_px, rect.width(), rect.bottom() - floor_px),
                self._brushes["floor"],
            )
            painter.setPen(self._edge_pens["floor"])
            painter.drawLine(QLineF(rect.left(), floor_px, rect.right(), floor_px))
        painter.setTransform(t, True)
        if scene.has_mat:
            low, high = scene.mat_span(
                framing.center - framing.half_width + MAT_INSET,
                framing.center + framing.half_width - MAT_INSET,
            )
            self._box(painter, Box(low, 0.0, high, scene.floor_top, "mat"), wanted)
        for box in scene.boxes:
            self._box(painter, box, wanted)
        self._strokes(painter, scene.far_band, "far_band", wanted)
        self._strokes(painter, scene.far_arm, "far", wanted)
        self._strokes(painter, scene.far_leg, "far", wanted)
        painter.setPen(self._no_pen)
        painter.setBrush(self._brushes["figure"])
        polygon, area = self._polygon(scene.torso)
        if wanted(area):
            painter.drawPolygon(polygon)
        self._strokes(painter, (scene.neck,), "figure", wanted)
        hx, hy, hr = scene.head
        if wanted((hx - hr, hy - hr, hx + hr, hy + hr)):
            painter.setPen(self._no_pen)
            painter.drawEllipse(QPointF(hx, hy), hr, hr)
        # No gap round the near leg: a thigh merging with the trunk keeps the outline of
        # a folded body (child's pose, knee hug) in one readable piece.
        self._strokes(painter, scene.near_leg, "figure", wanted)
        self._strokes(painter, scene.near_band, "band", wanted)
        self._strokes(
            painter, scene.near_arm, "figure", wanted, halo=True, floor_top=scene.floor_top
        )
        painter.restore()

    def _strokes(
        self,
        painter: QPainter,
        strokes: tuple[Stroke, ...],
        color: str,
        wanted: _Touching,
        *,
        halo: bool = False,
        floor_top: float = 0.0,
    ) -> None:
        if not strokes:
            return
        upper = strokes[0]
        strokes = _reaching(strokes, wanted)
        if halo and strokes:
            # All halos first, then the limb, so the joints of the limb stay whole. The
            # halo starts part-way down the upper arm (a ring round the shoulder would
            # cut the arm off the body) and stops at the floor (a hand on the mat must
            # not cut a notch in it).
            painter.save()
            painter.setClipRect(QRectF(-1e4, floor_top, 2e4, 2e4), Qt.ClipOperation.IntersectClip)
            for s in strokes:
                k = HALO_START if s is upper else 0.0
                painter.setPen(self._pen("background", s.width + 2 * HALO))
                painter.drawLine(
                    QLineF(s.x1 + (s.x2 - s.x1) * k, s.y1 + (s.y2 - s.y1) * k, s.x2, s.y2)
                )
            painter.restore()
        width = None
        for s in strokes:
            # Limbs share a width: set the pen again only when it changes.
            if s.width != width:
                width = s.width
                painter.setPen(self._pen(color, width))
            painter.drawLine(self._line(s))

    def _line(self, stroke: Stroke) -> QLineF:
        """The stroke's line. A part that did not move since the last paint is the same
        tuple (the widget keeps parts where they were drawn), and most strokes of a
        partial repaint are such parts: their QLineF is kept (making one costs as much
        as a short Python function)."""
        # Each entry holds its stroke, so no other object can have that id meanwhile.
        kept = self._lines.get(id(stroke))
        if kept is not None:
            return kept[1]
        if len(self._lines) >= LINES_KEPT:
            self._lines.clear()
        line = QLineF(stroke.x1, stroke.y1, stroke.x2, stroke.y2)
        self._lines[id(stroke)] = stroke, line
        return line

    def _polygon(self, torso: tuple[Point, ...]) -> tuple[QPolygonF, Area]:
        """The torso as a polygon, and the box round it."""
        # A torso that did not move since the last paint is the same tuple (the widget
        # keeps parts where they were drawn): its 32 points need not be converted again.
        if self._torso is None or self._torso[0] is not torso:
            self._torso = torso, _polygon_of(torso), points_area(torso)
        return self._torso[1], self._torso[2]

    def _box(self, painter: QPainter, box: Box, wanted: _Touching) -> None:
        if not wanted((box.x0, box.y0, box.x1, box.y1)):
            return
        r = QRectF(box.x0, box.y0, box.x1 - box.x0, box.y1 - box.y0)
        role = box.role.replace("-", "_")
        painter.setBrush(self._brushes[role])
        if box.role in ("mat", "cushion"):
            painter.setPen(self._edge_pens["mat"] if box.role == "mat" else self._no_pen)
            radius = min(r.height(), r.width()) / 2
            painter.drawRoundedRect(r, radius, radius)
        else:
            painter.setPen(self._edge_pens.get(box.role, self._no_pen))
            painter.drawRect(r)


def _polygon_of(points: Sequence[Point]) -> QPolygonF:
    """The points as a QPolygonF, read from their bytes as Qt writes a QPolygonF to a
    QDataStream (a count, then each x and y as big-endian doubles): the same numbers to
    the last bit, at a third of the cost of a QPointF made from Python for each point."""
    flat = [c for point in points for c in point]
    stream = QDataStream(QByteArray(struct.pack(f">I{len(flat)}d", len(points), *flat)))
    polygon = QPolygonF()
    stream >> polygon
    return polygon


class _Touching:
    """Whether a part covering an area (model units) is to be drawn: always without
    `only`, else if it reaches one of those areas (`pad` more round it, for halos and
    antialiased edges)."""

    def __init__(self, only: Sequence[Area] | None, pad: float) -> None:
        self.grown = (
            None
            if only is None
            else [(x0 - pad, y0 - pad, x1 + pad, y1 + pad) for x0, y0, x1, y1 in only]
        )

    def __call__(self, area: Area) -> bool:
        if self.grown is None:
            return True
        # A plain loop: any() over a generator costs twice as much, 50 times a frame.
        x0, y0, x1, y1 = area
        for gx0, gy0, gx1, gy1 in self.grown:
            if x0 < gx1 and gx0 < x1 and y0 < gy1 and gy0 < y1:
                return True
        return False


def _reaching(strokes: tuple[Stroke, ...], wanted: _Touching) -> tuple[Stroke, ...]:
    """The strokes that reach the repainted areas: the box of each (stroke_area's)
    worked out in the loop, without a call and a tuple per stroke, ~13 times a paint."""
    grown = wanted.grown
    if grown is None:
        return strokes
    kept = []
    for stroke in strokes:
        x1, y1, x2, y2, width = stroke
        r = width / 2
        if x1 > x2:
            x1, x2 = x2, x1
        if y1 > y2:
            y1, y2 = y2, y1
        x1 -= r
        y1 -= r
        x2 += r
        y2 += r
        for gx0, gy0, gx1, gy1 in grown:
            if x1 < gx1 and gx0 < x2 and y1 < gy1 and gy0 < y2:
                kept.append(stroke)
                break
    return tuple(kept)
