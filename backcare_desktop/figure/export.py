"""Export every exercise's key poses as SVG and PNG, a strip per exercise, a contact sheet.

`backcare illustrations --out DIR` calls `export_illustrations`; the set committed under
`assets/illustrations/` is what the README shows. `manifest.json` records a digest of
everything the pictures are made from (the pose files, which poses each exercise uses,
and the figure code), so a test can tell when the committed files are stale.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, cast

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator

from backcare_desktop.core.errors import FormatError
from backcare_desktop.core.reading import load_json
from backcare_desktop.core.schema import id_problem
from backcare_desktop.figure.export_paths import (
    CONTACT_SHEET,
    MANIFEST,
    UnsafePathError,
    inside,
)
from backcare_desktop.figure.motion import frame_for_pose, framing_for
from backcare_desktop.figure.pose import PoseLibrary, load_pose_library
from backcare_desktop.figure.render import RENDER_VERSION, SceneRenderer

log = logging.getLogger(__name__)

MANIFEST_MAX_BYTES = 1024 * 1024  # about 40 times the shipped one
CELL = QSize(240, 180)  # one key pose
SHEET_COLUMNS = 2  # exercises side by side on the contact sheet
SHEET_POSES = 3  # pose cells per exercise card (the most any exercise has)
TITLE_H = 30
LABEL_H = 22
PAD = 12


class ExerciseLike(Protocol):
    """What export needs of core.model.Exercise."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def equipment(self) -> Sequence[str]: ...
    def pose_ids(self) -> tuple[str, ...]: ...


@dataclass(frozen=True)
class ExerciseFigures:
    """One exercise as the export sees it: its key poses in order and its equipment."""

    id: str
    name: str
    poses: tuple[str, ...]
    equipment: tuple[str, ...]


def ensure_gui_app() -> QGuiApplication:
    """Fonts and images need a Qt application; export never shows a window, so a
    command-line run gets an offscreen one (works with no display at all)."""
    app = QGuiApplication.instance()
    if app is None:
        app = QGuiApplication(["backcare", "-platform", "offscreen"])
    return cast(QGuiApplication, app)


def _figure_sources() -> list[Path]:
    return sorted(Path(__file__).resolve().parent.glob("*.py"))


def _normalized(path: Path) -> bytes:
    # A checkout with CRLF line endings must not look stale.
    return path.read_bytes().replace(b"\r\n", b"\n")


def inputs_digest(poses_dir: Path, exercises: Sequence[ExerciseFigures]) -> str:
    """A digest of everything the exported pictures are made from."""
    h = hashlib.sha256()
    h.update(f"render-version {RENDER_VERSION}\n".encode())
    for source in _figure_sources():
        h.update(f"code {source.name}\n".encode())
        h.update(_normalized(source))
    for pose_id in sorted({p for e in exercises for p in e.poses}):
        path = poses_dir / f"{pose_id}.toml"
        h.update(f"pose {pose_id}\n".encode())
        h.update(_normalized(path) if path.is_file() else b"<missing>")
    table = [[e.id, e.name, list(e.poses), list(e.equipment)] for e in exercises]
    h.update(json.dumps(table, sort_keys=True).encode())
    return h.hexdigest()


def _paint_pose(
    painter: QPainter,
    rect: QRectF,
    renderer: SceneRenderer,
    library: PoseLibrary,
    pose_id: str,
    ex: ExerciseFigures,
) -> None:
    scene = frame_for_pose(library, pose_id, equipment=ex.equipment).scene()
    renderer.paint(painter, rect, scene, framing_for(library, ex.poses, ex.equipment))


def _png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # PySide6 6.11 wants a str here although its stubs say bytes (bytes raises ValueError).
    image.save(buffer, "PNG")  # type: ignore[call-overload]
    buffer.close()
    return bytes(data.data())


def _image(size: QSize) -> QImage:
    image = QImage(size, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    return image


def _svg_bytes(
    size: QSize, title: str, description: str, paint: Callable[[QPainter], None]
) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    gen = QSvgGenerator()
    gen.setOutputDevice(buffer)
    gen.setSize(size)
    gen.setViewBox(QRectF(0, 0, size.width(), size.height()))
    gen.setTitle(title)
    gen.setDescription(description)
    painter = QPainter(gen)
    paint(painter)
    painter.end()
    buffer.close()
    return bytes(data.data())


def _write(out_dir: Path, name: str, data: bytes, written: list[Path]) -> None:
    path = inside(out_dir, name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    written.append(path)


def _font(pixels: int, *, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(pixels)
    font.setBold(bold)
    return font


def _contact_sheet(
    exercises: Sequence[ExerciseFigures], library: PoseLibrary, renderer: SceneRenderer
) -> QImage:
    card_w = SHEET_POSES * CELL.width() + 2 * PAD
    card_h = TITLE_H + CELL.height() + LABEL_H + PAD
    rows = (len(exercises) + SHEET_COLUMNS - 1) // SHEET_COLUMNS
    image = _image(QSize(SHEET_COLUMNS * card_w, max(1, rows) * card_h))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    title_font, label_font = _font(17, bold=True), _font(13)
    for i, ex in enumerate(exercises):
        x0 = (i % SHEET_COLUMNS) * card_w + PAD
        y0 = (i // SHEET_COLUMNS) * card_h
        painter.setFont(title_font)
        painter.setPen(QColor("#222222"))
        painter.drawText(
            QRectF(x0, y0 + 4, card_w - 2 * PAD, TITLE_H - 4),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            f"{ex.name}  ({ex.id})",
        )
        for k, pose_id in enumerate(ex.poses):
            cell = QRectF(x0 + k * CELL.width(), y0 + TITLE_H, CELL.width() - 4, CELL.height())
            _paint_pose(painter, cell, renderer, library, pose_id, ex)
            painter.setFont(label_font)
            painter.setPen(QColor("#444444"))
            painter.drawText(
                QRectF(cell.left(), cell.bottom(), cell.width(), LABEL_H),
                Qt.AlignmentFlag.AlignCenter,
                f"{k + 1}. {pose_id}",
            )
    painter.end()
    return image


def _strip(ex: ExerciseFigures, library: PoseLibrary, renderer: SceneRenderer) -> QImage:
    image = _image(QSize(len(ex.poses) * CELL.width(), CELL.height()))
    painter = QPainter(image)
    for k, pose_id in enumerate(ex.poses):
        rect = QRectF(k * CELL.width(), 0, CELL.width(), CELL.height())
        _paint_pose(painter, rect, renderer, library, pose_id, ex)
        if k:  # a thin divider, so two neighbouring poses never read as one scene
            painter.fillRect(QRectF(rect.left(), 0, 1.5, CELL.height()), QColor("#ffffff"))
    painter.end()
    return image


def export_illustrations(
    out_dir: Path,
    poses_dir: Path,
    exercises: Iterable[ExerciseLike] | Sequence[ExerciseFigures],
) -> list[Path]:
    """Write every exercise's key poses into `out_dir`; return the files written.

    Per exercise: `<id>/<n>-<pose>.svg` and `.png` for each key pose (start pose first)
    and `<id>/strip.png` with all of them side by side; plus `contact-sheet.png` and
    `manifest.json`. Files a previous export wrote that are no longer produced are
    removed; nothing else in `out_dir` is touched.
    """
    ensure_gui_app()
    figures = _as_figures(exercises)
    library = load_pose_library(poses_dir)
    renderer = SceneRenderer()
    written: list[Path] = []
    cell = QRectF(0, 0, CELL.width(), CELL.height())
    for ex in figures:
        for k, pose_id in enumerate(ex.poses, start=1):
            stem = f"{ex.id}/{k}-{pose_id}"
            pose = library.get(pose_id)
            description = pose.description if pose else f"missing pose {pose_id}"

            def paint(painter: QPainter, pose_id: str = pose_id, ex: ExerciseFigures = ex) -> None:
                _paint_pose(painter, cell, renderer, library, pose_id, ex)

            _write(
                out_dir,
                f"{stem}.svg",
                _svg_bytes(CELL, f"{ex.name}: {pose_id}", description, paint),
                written,
            )
            image = _image(CELL)
            painter = QPainter(image)
            paint(painter)
            painter.end()
            _write(out_dir, f"{stem}.png", _png_bytes(image), written)
        strip = _png_bytes(_strip(ex, library, renderer))
        _write(out_dir, f"{ex.id}/strip.png", strip, written)
    sheet = _png_bytes(_contact_sheet(figures, library, renderer))
    _write(out_dir, CONTACT_SHEET, sheet, written)
    _remove_leftovers(out_dir, written)
    manifest = {
        "format": 1,
        "note": "Made by `backcare illustrations`; do not edit. See figure/export.py.",
        "inputs": inputs_digest(poses_dir, figures),
        "files": {
            p.relative_to(out_dir).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in written
        },
    }
    _write(
        out_dir,
        MANIFEST,
        (json.dumps(manifest, indent=1, sort_keys=True) + "\n").encode(),
        written,
    )
    return written


def _as_figures(
    exercises: Iterable[ExerciseLike] | Sequence[ExerciseFigures],
) -> list[ExerciseFigures]:
    """As ExerciseFigures, sorted by id so the export is always in the same order.

    Every id becomes part of a file name, so each is checked before anything is drawn.
    """
    figures = [
        e
        if isinstance(e, ExerciseFigures)
        else ExerciseFigures(e.id, e.name, tuple(e.pose_ids()), tuple(e.equipment))
        for e in exercises
    ]
    for f in figures:
        for kind, value in (("exercise", f.id), *(("pose", p) for p in f.poses)):
            problem = id_problem(value)
            if problem:
                raise UnsafePathError(
                    f"exercise '{f.id[:64]}': the {kind} id {problem}; nothing was exported"
                )
    return sorted(figures, key=lambda f: f.id)


def _read_manifest(out_dir: Path) -> dict[str, object]:
    data = load_json(out_dir / MANIFEST, limit=MANIFEST_MAX_BYTES)
    if not isinstance(data, dict):
        raise FormatError(out_dir / MANIFEST, "", "is not a manifest (a JSON object)")
    return data


def _remove_leftovers(out_dir: Path, written: list[Path]) -> None:
    """Delete what an earlier export wrote and this one did not: only names export
    itself makes, and only inside `out_dir`, whatever the manifest claims."""
    if not (out_dir / MANIFEST).exists():
        return
    try:
        old = _read_manifest(out_dir).get("files", {})
    except FormatError as e:
        log.warning("not removing old files: %s", e)
        return
    if not isinstance(old, dict):
        return
    keep = {p.relative_to(out_dir).as_posix() for p in written}
    for name in old:
        if name in keep or not isinstance(name, str):
            continue
        try:
            path = inside(out_dir, name)
        except UnsafePathError as e:
            log.warning("manifest entry ignored: %s", e)
            continue
        if path.is_file():
            path.unlink()
        if path.parent != out_dir and path.parent.is_dir() and not any(path.parent.iterdir()):
            path.parent.rmdir()


def check_export(
    out_dir: Path, poses_dir: Path, exercises: Iterable[ExerciseLike] | Sequence[ExerciseFigures]
) -> list[str]:
    """Why the exported files in `out_dir` are stale (empty when they are up to date)."""
    figures = _as_figures(exercises)
    try:
        manifest: dict[str, Any] = _read_manifest(out_dir)
    except FormatError as e:
        return [str(e)]
    problems = []
    if manifest.get("inputs") != inputs_digest(poses_dir, figures):
        problems.append(
            "the poses, the exercises' key poses or the figure code changed "
            "since the illustrations were exported"
        )
    for name, digest in sorted(manifest.get("files", {}).items()):
        try:
            path = inside(out_dir, name)
        except UnsafePathError:
            problems.append(f"{name} is not a file export writes")
            continue
        if not path.is_file():
            problems.append(f"{name} is missing")
        elif hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            problems.append(f"{name} was changed by hand")
    expected = {
        f"{e.id}/{k}-{p}.{ext}"
        for e in figures
        for k, p in enumerate(e.poses, start=1)
        for ext in ("svg", "png")
    }
    for name in sorted(expected - set(manifest.get("files", {}))):
        problems.append(f"{name} was never exported")
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m backcare_desktop.figure.export [OUT_DIR]`: regenerate the shipped set
    (the same as `backcare illustrations --out OUT_DIR`)."""
    import sys

    from backcare_desktop import resources
    from backcare_desktop.core.library import load_library

    args = list(sys.argv[1:] if argv is None else argv)
    out_dir = Path(args[0]) if args else resources.assets_dir() / "illustrations"
    library = load_library([resources.exercises_dir()], [])
    for problem in library.problems:
        print(problem, file=sys.stderr)
    written = export_illustrations(out_dir, resources.poses_dir(), library.exercises.values())
    print(f"wrote {len(written)} files to {out_dir}")
    return 1 if library.problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
