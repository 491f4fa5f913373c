"""`backcare`: open the window, or answer on the command line (list, show, validate ...)."""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from backcare_desktop import __version__, companion_cli
from backcare_desktop.core import wording
from backcare_desktop.core.adaptation import RoutineChange
from backcare_desktop.core.errors import BackCareError
from backcare_desktop.core.library import Library, load_presets, pose_ids_in
from backcare_desktop.core.model import CONDITIONS, Condition
from backcare_desktop.core.planning import SessionPlanner
from backcare_desktop.core.timeline import Step, Timeline
from backcare_desktop.storage import paths


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="backcare",
        description="Guided back-care stretching. With no command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="keep history, settings and your own routines here "
        f"(default: ${paths.ENV_DATA_DIR} or the platform's data folder)",
    )
    parser.add_argument("--routine", metavar="ID", help="start this routine at once")
    parser.add_argument(
        "--speed",
        type=_speed,
        default=1.0,
        metavar="X",
        help=f"run time X times faster, from {MIN_SPEED:g} to {MAX_SPEED:g} (demos and tests)",
    )
    parser.add_argument("--no-voice", action="store_true", help="start muted: captions only")
    parser.add_argument(
        "--cue-log",
        type=Path,
        metavar="FILE",
        help="write one JSON line per cue as it is spoken or captioned",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("list", help="the routines")
    p.add_argument("--json", action="store_true")
    _for_option(p)
    p = sub.add_parser("show", help="a routine's timeline, step by step")
    p.add_argument("routine_id", metavar="ID")
    p.add_argument("--json", action="store_true")
    _for_option(p)
    p = sub.add_parser("validate", help="check routine or exercise files")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p = sub.add_parser("import", help="copy routine files into your routines folder")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--replace", action="store_true", help="replace your routines of the same id")
    p = sub.add_parser("export", help="write a routine to one file to share")
    p.add_argument("routine_id", metavar="ID")
    p.add_argument("file", type=Path, metavar="FILE")
    p = sub.add_parser("illustrations", help="export every exercise's key poses")
    p.add_argument("--out", type=Path, required=True, metavar="DIR")
    p = sub.add_parser("history", help="past sessions")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--json", action="store_true")
    group.add_argument("--csv", action="store_true")
    p = sub.add_parser("stats", help="sessions this week, streaks, minutes, pain trend")
    p.add_argument("--json", action="store_true")
    companion_cli.add_commands(parser, sub)
    return parser


# Slower than a tenth makes a 5-minute routine last an hour; faster than 1000 makes a
# rep shorter than the 30 ms the window redraws in, so the session is a blur of 0 s steps.
MIN_SPEED = 0.1
MAX_SPEED = 1000.0


def _speed(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if not math.isfinite(value) or not MIN_SPEED <= value <= MAX_SPEED:
        raise argparse.ArgumentTypeError(
            f"'{text}' is out of range: give a number from {MIN_SPEED:g} to {MAX_SPEED:g} "
            "(1 is real time)"
        )
    return value


def no_display_problem(environ: dict[str, str] | os._Environ[str]) -> str | None:
    """On Linux, why the window cannot open (Qt would abort with a long plugin message)."""
    if not sys.platform.startswith("linux"):
        return None
    if any(environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
        return None
    return (
        "no display found (neither DISPLAY nor WAYLAND_DISPLAY is set), so the window "
        "cannot open. Run backcare from a desktop session; the commands (list, show, "
        "validate, history, stats) work without one."
    )


def main(
    argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    args = build_parser().parse_args(argv)
    root = paths.data_dir(args.data_dir)
    bad_root = paths.check_data_dir(root)
    if bad_root:
        print(f"backcare: {bad_root}", file=err)
        return 2
    try:
        if args.command is None:
            from backcare_desktop.ui.single_instance import hand_over_to_running

            if hand_over_to_running(root, args.routine):
                return 0  # the running BackCare shows its window or starts the routine
            no_display = no_display_problem(os.environ)
            if no_display:
                print(f"backcare: {no_display}", file=err)
                return 2
            from backcare_desktop.ui.app import run_app  # Qt only when a window is wanted

            return run_app(args, root)
        if args.command == "validate":
            return cmd_validate(args.files, root, out)
        if args.command in ("import", "export"):
            return cmd_import_or_export(args, root, out, err)
        if args.command == "illustrations":
            return cmd_illustrations(args.out, root, out)
        if args.command in companion_cli.COMMANDS:
            return companion_cli.run(args, root, out, err)
        if args.command in ("history", "stats"):
            return cmd_history_or_stats(args, root, out, err)
        library = load_presets(root)
        if args.command == "list":
            return cmd_list(library, args.json, out, err, args.conditions)
        if args.command == "show":
            return cmd_show(library, args.routine_id, args.json, out, args.conditions)
    except BackCareError as e:
        print(f"backcare: {e}", file=err)
        return 2
    except BrokenPipeError:
        # `backcare history | head`: the reader left; not an error worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as e:
        # A folder that cannot be written, a full disk: say which file, not a traceback.
        where = f"{e.filename}: " if e.filename else ""
        print(f"backcare: {where}{e.strerror or e}", file=err)
        return 2
    return 0


def _for_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--for",
        dest="conditions",
        nargs="+",
        choices=CONDITIONS,
        default=[],
        metavar="CONDITION",
        help="adapt the routines for these conditions, as the window does for 'My back': "
        + ", ".join(CONDITIONS),
    )


def cmd_list(
    library: Library,
    as_json: bool,
    out: TextIO,
    err: TextIO,
    conditions: Sequence[Condition] = (),
) -> int:
    routines = sorted(library.routines.values(), key=lambda r: (r.user, r.title))
    planner = SessionPlanner(library)
    plans = [planner.plan_now(routine.id, conditions) for routine in routines]
    timelines = [plan.timeline for plan in plans]
    if as_json:
        rows = [
            {
                "id": routine.id,
                "title": routine.title,
                "description": routine.description,
                "minutes": round(timeline.duration / 60, 1),
                "exercises": len(timeline.spans),
                "needs": list(timeline.needs()),
                "user": routine.user,
                "changes": [_change_dict(c) for c in plan.changes],
            }
            for routine, timeline, plan in zip(routines, timelines, plans, strict=True)
        ]
        json.dump(rows, out, indent=2)
        out.write("\n")
    else:
        for routine, timeline, plan in zip(routines, timelines, plans, strict=True):
            mine = "  (yours)" if routine.user else ""
            out.write(
                f"{routine.id:<24} {routine.title}{mine}\n"
                f"{'':<24} {wording.minutes(timeline.duration)}, "
                f"{wording.count(len(timeline.spans), 'exercise')}, "
                f"needs {wording.needs_text(timeline.needs())}\n"
            )
            for change in plan.changes:
                out.write(f"{'':<24} changed: {wording.routine_change_text(change)}\n")
    for problem in library.problems:
        print(f"backcare: skipped {problem}", file=err)
    return 0


def cmd_show(
    library: Library,
    routine_id: str,
    as_json: bool,
    out: TextIO,
    conditions: Sequence[Condition] = (),
) -> int:
    plan = SessionPlanner(library).plan_now(routine_id, conditions)
    timeline = plan.timeline
    if as_json:
        data = timeline.to_dict()
        data["conditions"] = list(conditions)
        data["changes"] = [_change_dict(c) for c in plan.changes]
        json.dump(data, out, indent=2)
        out.write("\n")
        return 0
    out.write(format_timeline(timeline))
    for change in plan.changes:
        out.write(f"changed: {wording.routine_change_text(change)}\n")
    return 0


def _change_dict(change: RoutineChange) -> dict[str, str]:
    return {
        "kind": change.kind,
        "exercise_id": change.exercise_id,
        "replacement_id": change.replacement_id,
        "condition": change.condition,
        "reason": change.reason,
        "detail": change.detail,
    }


def _describe_step(step: Step) -> str:
    parts: list[str] = []
    if step.side:
        parts.append(step.side)
    if step.reps:
        parts.append(f"rep {step.rep}/{step.reps}")
    if step.sets > 1:
        parts.append(f"set {step.set}/{step.sets}")
    if step.breath:
        parts.append(step.breath)
    return " ".join(parts)


def format_timeline(timeline: Timeline) -> str:
    routine = timeline.routine
    lines = [
        f"{routine.title}: {routine.description}",
        f"{wording.clock(timeline.duration)} in all, "
        f"{wording.count(len(timeline.spans), 'exercise')}; "
        f"needs {wording.needs_text(timeline.needs())}",
        "",
    ]
    for step in timeline.steps:
        if step.kind == "get-ready":
            lines.append(f"{wording.clock(step.start):>6}  {step.exercise_name}")
        extra = "".join(f" [{c.at:g}s: {c.text}]" for c in step.cues[1:])
        lines.append(
            f"{wording.clock(step.start):>6}    {step.kind:<12} {step.seconds:>4g}s  "
            f'{_describe_step(step):<24} "{step.cue}"{extra}'
        )
    return "\n".join(lines) + "\n"


def cmd_history_or_stats(args: argparse.Namespace, root: Path, out: TextIO, err: TextIO) -> int:
    from backcare_desktop.storage.cli_commands import HistoryFormat, cmd_history, cmd_stats
    from backcare_desktop.storage.history import HistoryStore
    from backcare_desktop.storage.settings import SettingsStore

    store = HistoryStore(paths.history_path(root))
    note = store.recovery_note()
    if note:
        print(f"backcare: {note}", file=err)
    try:
        if args.command == "history":
            fmt: HistoryFormat = "json" if args.json else "csv" if args.csv else "text"
            return cmd_history(store, fmt, out)
        settings_store = SettingsStore(paths.settings_path(root))
        settings = settings_store.load()
        if settings_store.problem:
            print(f"backcare: {settings_store.problem}", file=err)
        return cmd_stats(store, settings, args.json, out)
    finally:
        store.close()


def cmd_import_or_export(args: argparse.Namespace, root: Path, out: TextIO, err: TextIO) -> int:
    from backcare_desktop.storage.routine_commands import cmd_export, cmd_import

    if args.command == "import":
        return cmd_import(args.files, root, args.replace, out, err)
    return cmd_export(args.routine_id, args.file, root, out, err)


def cmd_illustrations(out_dir: Path, root: Path, out: TextIO) -> int:
    from backcare_desktop import resources
    from backcare_desktop.figure.export import export_illustrations

    library = load_presets(root)
    written = export_illustrations(out_dir, resources.poses_dir(), library.exercises.values())
    out.write(f"wrote {len(written)} files to {out_dir}\n")
    return 0


def cmd_validate(files: Sequence[Path], root: Path, out: TextIO) -> int:
    from backcare_desktop import resources
    from backcare_desktop.core.validation import validate_paths

    verdicts = validate_paths(
        files,
        load_presets(root),
        routines_dir=paths.user_routines_dir(root),
        exercises_dir=paths.user_exercises_dir(root),
        pose_ids=pose_ids_in(resources.poses_dir()),
    )
    for verdict in verdicts:
        for line in verdict.lines():
            out.write(f"{line}\n")
    return 1 if any(v.problems for v in verdicts) else 0


if __name__ == "__main__":
    raise SystemExit(main())
