"""The command line's options and help, in the chosen language, argparse's own words too.

argparse says "usage:", "options:", "show this help message and exit" and its errors
through the stdlib's global `gettext` domain. Rather than change that global, this parser
puts each of those words through BackCare's translator: the help sections and the `-h`
line are set when a parser is made, and an error message argparse has already composed
is matched against argparse's own sentences and said again in the language.
"""

from __future__ import annotations

import argparse
import functools
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NoReturn

from backcare_desktop import __version__, companion_cli
from backcare_desktop.core.i18n import ENGLISH_TRANSLATOR, LANGUAGES, N_, Translator
from backcare_desktop.core.model import CONDITIONS
from backcare_desktop.storage import paths
from backcare_desktop.window_options import MAX_SPEED, MIN_SPEED, speed_value

# argparse's own sentences (Python 3.11-3.13), as its catalogue names them.
ARGPARSE_ERRORS = (
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("expected one argument"),
    N_("expected at least one argument"),
    N_("expected at most one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("one of the arguments %s is required"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
)
_FIELD = re.compile(r"%(?:\((\w+)\))?[sr]")


def _pattern(template: str) -> re.Pattern[str]:
    parts, last = [], 0
    for found in _FIELD.finditer(template):
        parts.append(re.escape(template[last : found.start()]))
        parts.append("(.+?)")
        last = found.end()
    parts.append(re.escape(template[last:]))
    return re.compile("".join(parts), re.DOTALL)


@functools.cache
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Compiled when argparse first has an error to say: not at every start of the window."""
    return tuple((template, _pattern(template)) for template in ARGPARSE_ERRORS)


def argparse_message(message: str, tr: Translator) -> str:
    """An error argparse composed in English, said in `tr`'s language (as is if unknown)."""
    for template, pattern in _patterns():
        found = pattern.fullmatch(message)
        if found is None:
            continue
        # Each template has named fields and at most one unnamed one (keyed None).
        names = [m.group(1) for m in _FIELD.finditer(template)]
        given: dict[str | None, str] = dict(zip(names, found.groups(), strict=True))
        if "message" in given:  # "argument --x: <an argparse sentence>"
            given["message"] = argparse_message(given["message"], tr)

        def put_back(field: re.Match[str], by_name: dict[str | None, str] = given) -> str:
            return by_name[field.group(1)]

        return _FIELD.sub(put_back, tr._(template))
    return message


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """argparse's formatter (description kept unwrapped) with a translated "usage: "."""

    usage_prefix = "usage: "

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[Any],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, self.usage_prefix if prefix is None else prefix)


class TranslatedParser(argparse.ArgumentParser):
    """An ArgumentParser whose own words are in `tr`'s language; its subcommands too."""

    def __init__(self, *args: Any, tr: Translator = ENGLISH_TRANSLATOR, **kwargs: Any) -> None:
        self.translator = tr
        formatter = type(
            "TranslatedHelpFormatter", (HelpFormatter,), {"usage_prefix": tr._("usage: ")}
        )
        kwargs["formatter_class"] = formatter
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = tr._("positional arguments")
        self._optionals.title = tr._("options")
        self.add_argument(
            "-h", "--help", action="help", help=tr._("show this help message and exit")
        )

    def add_subparsers(self, **kwargs: Any) -> Any:
        kwargs.setdefault("parser_class", functools.partial(TranslatedParser, tr=self.translator))
        return super().add_subparsers(**kwargs)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        text = self.translator._("%(prog)s: error: %(message)s\n") % {
            "prog": self.prog,
            "message": argparse_message(message, self.translator),
        }
        self.exit(2, text)


def build_parser(tr: Translator = ENGLISH_TRANSLATOR) -> argparse.ArgumentParser:
    parser = TranslatedParser(
        prog="backcare",
        description=tr._("Guided back-care stretching. With no command, opens the window."),
        # Unwrapped, so the folder can be copied whole (argparse breaks lines at "-").
        epilog=tr._("data folder now: {folder}").format(folder=paths.data_dir()),
        tr=tr,
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {__version__}",
        help=tr._("show the version and exit"),
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help=tr._(
            "keep history, settings and your own routines here "
            "(default: ${variable} or the platform's data folder)"
        ).format(variable=paths.ENV_DATA_DIR),
    )
    parser.add_argument("--routine", metavar="ID", help=tr._("start this routine at once"))
    parser.add_argument(
        "--language",
        choices=LANGUAGES,
        metavar="CODE",
        help=tr._(
            "speak and write in this language ({codes}; default: the "
            "Settings choice, else the system's locale)"
        ).format(codes=", ".join(LANGUAGES)),
    )
    parser.add_argument(
        "--speed",
        type=functools.partial(_speed, tr=tr),
        default=1.0,
        metavar="X",
        help=tr._("run time X times faster, from {low} to {high} (demos and tests)").format(
            low=f"{MIN_SPEED:g}", high=f"{MAX_SPEED:g}"
        ),
    )
    parser.add_argument("--no-voice", action="store_true", help=tr._("start muted: captions only"))
    parser.add_argument(
        "--cue-log",
        type=Path,
        metavar="FILE",
        help=tr._("write one JSON line per cue as it is spoken or captioned"),
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("list", help=tr._("the routines"))
    p.add_argument("--json", action="store_true", help=tr._("as JSON"))
    _for_option(p, tr)
    p = sub.add_parser("show", help=tr._("a routine's timeline, step by step"))
    p.add_argument("routine_id", metavar="ID")
    p.add_argument("--json", action="store_true", help=tr._("as JSON"))
    _for_option(p, tr)
    p = sub.add_parser("validate", help=tr._("check routine or exercise files"))
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p = sub.add_parser("import", help=tr._("copy routine files into your routines folder"))
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument(
        "--replace", action="store_true", help=tr._("replace your routines of the same id")
    )
    p = sub.add_parser("export", help=tr._("write a routine to one file to share"))
    p.add_argument("routine_id", metavar="ID")
    p.add_argument("file", type=Path, metavar="FILE")
    p = sub.add_parser("illustrations", help=tr._("export every exercise's key poses"))
    p.add_argument("--out", type=Path, required=True, metavar="DIR")
    p = sub.add_parser("history", help=tr._("past sessions"))
    group = p.add_mutually_exclusive_group()
    group.add_argument("--json", action="store_true", help=tr._("as JSON"))
    group.add_argument("--csv", action="store_true", help=tr._("as CSV"))
    p = sub.add_parser("stats", help=tr._("sessions this week, streaks, minutes, pain trend"))
    p.add_argument("--json", action="store_true", help=tr._("as JSON"))
    companion_cli.add_commands(parser, sub, tr)
    return parser


def _speed(text: str, tr: Translator = ENGLISH_TRANSLATOR) -> float:
    value = speed_value(text)  # the range rule, shared with the launch read without us
    if value is not None:
        return value
    try:
        float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            tr._("'{text}' is not a number").format(text=text)
        ) from None
    raise argparse.ArgumentTypeError(
        tr._(
            "'{text}' is out of range: give a number from {low} to {high} (1 is real time)"
        ).format(text=text, low=f"{MIN_SPEED:g}", high=f"{MAX_SPEED:g}")
    )


def _for_option(parser: argparse.ArgumentParser, tr: Translator) -> None:
    parser.add_argument(
        "--for",
        dest="conditions",
        nargs="+",
        choices=CONDITIONS,
        default=[],
        metavar="CONDITION",
        help=tr._(
            "adapt the routines for these conditions, as the window does for 'My back': "
            "{conditions}"
        ).format(conditions=", ".join(CONDITIONS)),
    )
