"""`backcare schedule ...` and `backcare desktop ...`: the break companion's commands (no Qt)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from backcare_desktop.core.i18n import ENGLISH_TRANSLATOR, Translator

if TYPE_CHECKING:
    from datetime import datetime

    from backcare_desktop.core.reminders import Reminders

# `backcare` with no command imports this module for its parser (add_commands): what the
# commands themselves need (the reminders' rules, the library, the settings file) is
# imported when one runs, not before the window's first paint.
COMMANDS = ("schedule", "desktop")


def add_commands(
    parser: argparse.ArgumentParser, sub: Any, tr: Translator = ENGLISH_TRANSLATOR
) -> None:
    """Add `--background`, and `schedule` and `desktop` to the main parser's subcommands."""
    parser.add_argument(
        "--background",
        action="store_true",
        help=tr._("start with the window hidden when there is a tray icon (used at login)"),
    )
    p = sub.add_parser("schedule", help=tr._("break reminders: list, add, remove, on/off"))
    p.add_argument("--json", action="store_true", help=tr._("as JSON"))
    actions = p.add_subparsers(dest="schedule_action", metavar="ACTION")
    a = actions.add_parser(
        "add", help=tr._("remind at a time of day, e.g. add 10:30 --days mon-fri")
    )
    a.add_argument("at", metavar="HH:MM")
    a.add_argument(
        "--days", default="mon-sun", help=tr._("e.g. mon-fri, sat,sun (default: every day)")
    )
    # None: the reminders' default routine (core.reminders.DEFAULT_ROUTINE), given in `change`.
    a.add_argument("--routine", metavar="ID", default=None)
    a = actions.add_parser("every", help=tr._("remind after N minutes of active use"))
    a.add_argument("minutes", metavar="N")
    a.add_argument("--routine", metavar="ID", default=None)
    a = actions.add_parser("remove", help=tr._("remove reminder N (as `backcare schedule` lists)"))
    a.add_argument("number", metavar="N")
    actions.add_parser("off", help=tr._("no reminders (the schedule is kept)"))
    actions.add_parser("on", help=tr._("reminders on again"))
    p = sub.add_parser(
        "desktop", help=tr._("add BackCare to (or remove it from) the desktop's menus")
    )
    p.add_argument("action", choices=("install", "uninstall"))


def run(
    args: argparse.Namespace,
    root: Path,
    out: TextIO,
    err: TextIO,
    tr: Translator = ENGLISH_TRANSLATOR,
) -> int:
    if args.command == "desktop":
        from backcare_desktop.platform.desktop_files import run_desktop_command

        return run_desktop_command(args.action, out, err)
    from dataclasses import replace
    from datetime import datetime

    from backcare_desktop.core.reminders import ReminderError
    from backcare_desktop.storage import paths
    from backcare_desktop.storage.settings import SettingsStore

    store = SettingsStore(paths.settings_path(root))
    settings = store.load()
    reminders = settings.reminders
    action = args.schedule_action
    try:
        if action is None:
            return list_schedule(reminders, args.json, out, datetime.now(), tr)
        changed, message = change(reminders, args, root, tr)
    except ReminderError as e:
        said = tr._(e.args[0]) if e.args and isinstance(e.args[0], str) else str(e)
        print(f"backcare schedule: {said}", file=err)
        return 1
    if changed is None:
        print(f"backcare schedule: {message}", file=err)
        return 1
    try:
        store.save(replace(settings, reminders=changed))
    except OSError as e:
        print(
            "backcare schedule: "
            + tr._("could not save {file}: {error}").format(file=store.path, error=e),
            file=err,
        )
        return 1
    out.write(message + "\n")
    return 0


def change(
    reminders: Reminders,
    args: argparse.Namespace,
    root: Path,
    tr: Translator = ENGLISH_TRANSLATOR,
) -> tuple[Reminders | None, str]:
    """The changed reminders and what to tell the person (None: nothing changed, why)."""
    from dataclasses import replace

    from backcare_desktop.core.errors import BackCareError
    from backcare_desktop.core.i18n import Words
    from backcare_desktop.core.library import load_presets
    from backcare_desktop.core.reminders import (
        DEFAULT_ROUTINE,
        MAX_MINUTES,
        ActiveUse,
        FixedTime,
        ReminderError,
        Schedule,
        check_routine_id,
        parse_days,
        parse_time,
        whole_number,
    )

    action = args.schedule_action
    if action in ("on", "off"):
        enabled = action == "on"
        said = tr._("Reminders are on.") if enabled else tr._("Reminders are off.")
        return replace(reminders, enabled=enabled), said
    if action == "remove":
        number = whole_number(args.number, "N", 1, 10_000)
        if number > len(reminders.schedules):
            return None, tr._("there is no reminder {n}; `backcare schedule` lists them").format(
                n=number
            )
        gone = reminders.schedules[number - 1]
        rest = reminders.schedules[: number - 1] + reminders.schedules[number:]
        return replace(reminders, schedules=rest), tr._("Removed: {reminder}.").format(
            reminder=gone.describe(tr)
        )
    routine = check_routine_id(DEFAULT_ROUTINE if args.routine is None else args.routine)
    try:
        load_presets(root).routine(routine)
    except BackCareError as e:
        raise ReminderError(
            Words("{error} (`backcare list` shows the routines)", error=e.said_by(tr))
        ) from None
    new: Schedule
    if action == "add":
        new = FixedTime(parse_time(args.at), parse_days(args.days), routine)
    else:
        new = ActiveUse(whole_number(args.minutes, "N (minutes)", 5, MAX_MINUTES), routine)
    if new in reminders.schedules:
        return None, tr._("already there: {reminder}").format(reminder=new.describe(tr))
    schedules = (*reminders.schedules, new)
    added = tr._("Added: {reminder}.").format(reminder=new.describe(tr))
    if not reminders.enabled:
        added += " " + tr._("Reminders are off: `backcare schedule on` to have them.")
    return replace(reminders, schedules=schedules), added


def describe_rows(
    reminders: Reminders, now: datetime, tr: Translator = ENGLISH_TRANSLATOR
) -> list[dict[str, Any]]:
    from backcare_desktop.core.reminders import DAY_NAMES, ActiveUse
    from backcare_desktop.core.scheduler import next_occurrence

    rows: list[dict[str, Any]] = []
    for number, schedule in enumerate(reminders.schedules, start=1):
        row: dict[str, Any] = {"n": number, "routine": schedule.routine}
        if isinstance(schedule, ActiveUse):
            row |= {"kind": "active-use", "minutes": schedule.minutes}
        else:
            following = next_occurrence(schedule, now)
            row |= {
                "kind": "fixed-time",
                "at": f"{schedule.at:%H:%M}",
                "days": [DAY_NAMES[d] for d in schedule.days],
                "next": following.isoformat(timespec="minutes") if following else None,
            }
        row["text"] = schedule.describe(tr)
        rows.append(row)
    return rows


def list_schedule(
    reminders: Reminders,
    as_json: bool,
    out: TextIO,
    now: datetime,
    tr: Translator = ENGLISH_TRANSLATOR,
) -> int:
    import json
    from datetime import datetime

    rows = describe_rows(reminders, now, tr)
    quiet = reminders.quiet
    quiet_text = None if quiet is None else f"{quiet.start:%H:%M}-{quiet.end:%H:%M}"
    if as_json:
        summary = {
            "enabled": reminders.enabled,
            "schedules": rows,
            "snooze_minutes": reminders.snooze_minutes,
            "max_snoozes": reminders.max_snoozes,
            "quiet": quiet_text,
        }
        json.dump(summary, out, indent=2)
        out.write("\n")
        return 0
    out.write(
        (tr._("Reminders are on.") if reminders.enabled else tr._("Reminders are off.")) + "\n"
    )
    if not rows:
        out.write(
            tr._("No reminders yet: `backcare schedule every 50` or `schedule add 10:30`.") + "\n"
        )
    from backcare_desktop.core.local_format import next_reminder_time  # Babel: only here

    for row in rows:
        following = ""
        if row.get("next"):
            when = next_reminder_time(datetime.fromisoformat(row["next"]), tr)
            following = "  " + tr._("(next: {when})").format(when=when)
        out.write(f"{row['n']:>3}  {row['text']}{following}\n")
    out.write(
        tr._("Snooze: {minutes} min, at most {n} in a row.").format(
            minutes=reminders.snooze_minutes, n=reminders.max_snoozes
        )
    )
    out.write(
        " " + tr._("Quiet: {period}.").format(period=quiet_text) + "\n" if quiet_text else "\n"
    )
    return 0
