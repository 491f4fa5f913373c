"""`backcare`: open the window, or answer on the command line (list, show, validate ...)."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from backcare_desktop import resources
from backcare_desktop.core.errors import BackCareError
from backcare_desktop.core.i18n import (
    ENGLISH_TRANSLATOR,
    LANGUAGES,
    Translator,
    choose_language,
    load_translator,
)
from backcare_desktop.storage import paths
from backcare_desktop.window_options import (
    PlainOptions,
    WindowOptions,
    language_option,
    plain_window_options,
)

if TYPE_CHECKING:
    import argparse

    # What only a command needs is imported by that command: the window's start (issue
    # 18) loads none of the planner, the timeline's wording, the companion's commands or
    # the parser (a launch with plain window options is read without it).
    from backcare_desktop.collector_pause import CollectorPause
    from backcare_desktop.core.adaptation import RoutineChange
    from backcare_desktop.core.library import Library
    from backcare_desktop.core.model import Condition
    from backcare_desktop.core.timeline import Step, Timeline
    from backcare_desktop.dataclass_code import DataclassCode


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
    from backcare_desktop import dataclass_code
    from backcare_desktop.collector_pause import collector_paused

    # BackCare's classes get methods compiled at an earlier start (dataclass_code says
    # why); the window saves what was new right after its first paint, main at its end.
    # The garbage collector waits for that paint too (collector_pause says why), or for
    # the command's answer to begin.
    with (
        collector_paused() as collector,
        dataclass_code.reusing_methods(dataclass_code.cache_file(paths.cache_dir())) as methods,
    ):
        return answer(argv, out, err, methods, collector)


def answer(
    argv: Sequence[str] | None,
    out: TextIO | None,
    err: TextIO | None,
    methods: DataclassCode | None = None,
    collector: CollectorPause | None = None,
) -> int:
    """What `backcare` does with its words: the window, or a command's answer."""
    out = out or sys.stdout
    err = err or sys.stderr
    words = list(sys.argv[1:] if argv is None else argv)
    # The help and argparse's errors are in the language too, so it is chosen first.
    typed_language, typed_root = language_option(words)
    root = paths.data_dir(Path(typed_root) if typed_root else None)
    bad_root = paths.check_data_dir(root)
    language = (
        typed_language or choose_language(None, "", os.environ)
        if bad_root
        else chosen_language(typed_language, root, err)
    )
    tr = load_translator(resources.locale_dir(), language)
    args = plain_window_options(words, LANGUAGES) or parsed_words(words, tr)
    root = paths.data_dir(args.data_dir)
    bad_root = paths.check_data_dir(root)
    if bad_root:
        print(f"backcare: {bad_root}", file=err)
        return 2
    try:
        if isinstance(args, PlainOptions) or args.command is None:
            return open_window(args, root, err, methods, collector)
        if collector is not None:
            collector.finish()  # a command (a whole history, a thousand files) runs as always
        return run_command(args, root, out, err, tr, language)
    except BackCareError as e:
        print(f"backcare: {e.said_by(tr)}", file=err)
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


def parsed_words(words: Sequence[str], tr: Translator) -> argparse.Namespace:
    """The command line read by the translated parser: its help, its errors (it exits)."""
    from backcare_desktop.cli_parser import build_parser

    return build_parser(tr).parse_args(words)


def load_qt_side() -> None:
    """The window's package and shiboken under it, with the support sources shiboken
    compiles at every start reused from the user's cache (see compile_cache)."""
    from backcare_desktop import compile_cache
    from backcare_desktop.collector_pause import collector_paused

    # With the garbage collector held off too (collector_pause says why); under cli.main's
    # pause, which holds it until the first paint, this one holds nothing.
    with (
        compile_cache.reusing_compiled(compile_cache.cache_file(paths.cache_dir())),
        collector_paused(),
    ):
        import backcare_desktop.ui  # noqa: F401


def open_window(
    options: WindowOptions,
    root: Path,
    err: TextIO,
    methods: DataclassCode | None = None,
    collector: CollectorPause | None = None,
) -> int:
    load_qt_side()
    from backcare_desktop.ui.single_instance import hand_over_to_running

    if hand_over_to_running(root, options.routine):
        return 0  # the running BackCare shows its window or starts the routine
    no_display = no_display_problem(os.environ)
    if no_display:
        print(f"backcare: {no_display}", file=err)
        return 2
    from backcare_desktop.ui.app import run_app  # Qt only when a window is wanted

    return run_app(options, root, methods, collector)


def run_command(
    args: argparse.Namespace,
    root: Path,
    out: TextIO,
    err: TextIO,
    tr: Translator,
    language: str,
) -> int:
    from backcare_desktop import companion_cli

    if args.command == "validate":
        return cmd_validate(args.files, root, out, tr)
    if args.command in ("import", "export"):
        return cmd_import_or_export(args, root, out, err, tr)
    if args.command == "illustrations":
        return cmd_illustrations(args.out, root, out)
    if args.command in companion_cli.COMMANDS:
        return companion_cli.run(args, root, out, err, tr)
    if args.command in ("history", "stats"):
        return cmd_history_or_stats(args, root, out, err, language)
    from backcare_desktop.core.library import load_presets

    library = load_presets(root, language)
    if args.command == "list":
        return cmd_list(library, args.json, out, err, args.conditions)
    if args.command == "show":
        return cmd_show(library, args.routine_id, args.json, out, args.conditions)
    return 0


def chosen_language(command_line: str | None, root: Path, err: TextIO) -> str:
    """--language, else the saved Settings choice, else the system's locale."""
    if command_line:
        return command_line
    from backcare_desktop.storage.settings import SettingsStore

    store = SettingsStore(paths.settings_path(root))
    settings = store.load()
    if store.problem:
        print(f"backcare: {store.problem}", file=err)
    return choose_language(None, settings.language, os.environ)


def cmd_list(
    library: Library,
    as_json: bool,
    out: TextIO,
    err: TextIO,
    conditions: Sequence[Condition] = (),
) -> int:
    from backcare_desktop.core import wording
    from backcare_desktop.core.planning import SessionPlanner

    tr = library.translator
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
            mine = tr._("  (yours)") if routine.user else ""
            about = tr._("{minutes}, {exercises}. {needs}").format(
                minutes=wording.minutes(timeline.duration, tr),
                exercises=wording.exercises_text(len(timeline.spans), tr),
                needs=wording.needs_line(timeline.needs(), tr),
            )
            out.write(f"{routine.id:<24} {routine.title}{mine}\n{'':<24} {about}\n")
            for change in plan.changes:
                changed = tr._("changed: {change}").format(
                    change=wording.routine_change_text(change, tr)
                )
                out.write(f"{'':<24} {changed}\n")
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
    from backcare_desktop.core import wording
    from backcare_desktop.core.planning import SessionPlanner

    plan = SessionPlanner(library).plan_now(routine_id, conditions)
    timeline = plan.timeline
    if as_json:
        data = timeline.to_dict()
        data["conditions"] = list(conditions)
        data["changes"] = [_change_dict(c) for c in plan.changes]
        json.dump(data, out, indent=2)
        out.write("\n")
        return 0
    tr = library.translator
    out.write(format_timeline(timeline, tr))
    for change in plan.changes:
        changed = tr._("changed: {change}").format(change=wording.routine_change_text(change, tr))
        out.write(f"{changed}\n")
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


def _describe_step(step: Step, tr: Translator) -> str:
    from backcare_desktop.core import wording

    parts: list[str] = []
    if step.side:
        parts.append(wording.side_text(step.side, tr))
    if step.reps:
        parts.append(tr._("rep {number}/{total}").format(number=step.rep, total=step.reps))
    if step.sets > 1:
        parts.append(tr._("set {number}/{total}").format(number=step.set, total=step.sets))
    if step.breath:
        parts.append(wording.breath_text(step.breath, tr))
    return " ".join(parts)


def format_timeline(timeline: Timeline, tr: Translator) -> str:
    from backcare_desktop.core import wording

    routine = timeline.routine
    lines = [
        f"{routine.title}: {routine.description}",
        tr._("{clock} in all, {exercises}. {needs}").format(
            clock=wording.clock(timeline.duration),
            exercises=wording.exercises_text(len(timeline.spans), tr),
            needs=wording.needs_line(timeline.needs(), tr),
        ),
        "",
    ]
    for step in timeline.steps:
        if step.kind == "get-ready":
            lines.append(f"{wording.clock(step.start):>6}  {step.exercise_name}")
        extra = "".join(f" [{c.at:g}s: {c.text}]" for c in step.cues[1:])
        lines.append(
            f"{wording.clock(step.start):>6}    {step.kind:<12} {step.seconds:>4g}s  "
            f'{_describe_step(step, tr):<24} "{step.cue}"{extra}'
        )
    return "\n".join(lines) + "\n"


def cmd_history_or_stats(
    args: argparse.Namespace, root: Path, out: TextIO, err: TextIO, language: str
) -> int:
    from backcare_desktop.core.i18n import load_translator
    from backcare_desktop.storage.cli_commands import HistoryFormat, cmd_history, cmd_stats
    from backcare_desktop.storage.history import HistoryStore
    from backcare_desktop.storage.settings import SettingsStore

    tr = load_translator(resources.locale_dir(), language)
    store = HistoryStore(paths.history_path(root))
    note = store.recovery_note()
    if note:
        print(f"backcare: {note}", file=err)
    try:
        if args.command == "history":
            fmt: HistoryFormat = "json" if args.json else "csv" if args.csv else "text"
            return cmd_history(store, fmt, out, tr)
        settings_store = SettingsStore(paths.settings_path(root))
        settings = settings_store.load()
        if settings_store.problem:
            print(f"backcare: {settings_store.problem}", file=err)
        return cmd_stats(store, settings, args.json, out, tr)
    finally:
        store.close()


def cmd_import_or_export(
    args: argparse.Namespace, root: Path, out: TextIO, err: TextIO, tr: Translator
) -> int:
    from backcare_desktop.storage.routine_commands import cmd_export, cmd_import

    if args.command == "import":
        return cmd_import(args.files, root, args.replace, out, err, tr)
    return cmd_export(args.routine_id, args.file, root, out, err, tr)


def cmd_illustrations(out_dir: Path, root: Path, out: TextIO) -> int:
    from backcare_desktop.core.library import load_presets
    from backcare_desktop.figure.export import export_illustrations

    library = load_presets(root)
    written = export_illustrations(out_dir, resources.poses_dir(), library.exercises.values())
    out.write(f"wrote {len(written)} files to {out_dir}\n")
    return 0


def cmd_validate(
    files: Sequence[Path], root: Path, out: TextIO, tr: Translator = ENGLISH_TRANSLATOR
) -> int:
    from backcare_desktop.core.library import load_presets, pose_ids_in
    from backcare_desktop.core.validation import validate_paths

    verdicts = validate_paths(
        files,
        load_presets(root),
        routines_dir=paths.user_routines_dir(root),
        exercises_dir=paths.user_exercises_dir(root),
        pose_ids=pose_ids_in(resources.poses_dir()),
    )
    for verdict in verdicts:
        for line in verdict.lines(tr):
            out.write(f"{line}\n")
    return 1 if any(v.problems for v in verdicts) else 0


if __name__ == "__main__":
    raise SystemExit(main())
