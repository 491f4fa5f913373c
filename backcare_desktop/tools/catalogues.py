"""The translators' tool: extract, update, compile and check the gettext catalogues.

    python -m backcare_desktop.tools.catalogues extract   # the .pot templates from the code
                                                          # and the shipped TOML files
    python -m backcare_desktop.tools.catalogues update    # merge them into every .po
    python -m backcare_desktop.tools.catalogues compile   # .po -> .mo (committed)
    python -m backcare_desktop.tools.catalogues check [--language de]
        # untranslated, fuzzy and over-long entries per language; exit 1 if any

The compiled .mo files are committed beside their .po files (as the cue tables are): an
install needs no build step, and a test fails when a .mo no longer matches its .po.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from backcare_desktop import resources
from backcare_desktop.core.content_text import exercise_texts, routine_texts
from backcare_desktop.core.exercise_file import MAX_SHORT_CHARS
from backcare_desktop.core.i18n import CONTENT_DOMAIN, DOMAIN, ENGLISH, LANGUAGES
from backcare_desktop.core.library import Library, load_presets

KEYWORDS = {
    "_": None,
    "N_": None,
    "Words": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
}
# A translation this many times as long as the English (in letters) is worth a look: it
# is usually a sentence the translator explained instead of saying.
LONG_FACTOR = 2.0
LONG_MIN_CHARS = 20
TRANSLATED_LANGUAGES = tuple(lang for lang in LANGUAGES if lang != ENGLISH)


def _package_dir() -> Path:
    return Path(__file__).resolve().parent.parent


def program_template() -> Catalog:
    """Every sentence the code marks with _, N_, ngettext or pgettext."""
    catalog = Catalog(domain=DOMAIN, project="BackCare", charset="utf-8")
    package = _package_dir()
    method_map = [("**.py", "python")]
    for filename, lineno, message, comments, context in extract_from_dir(
        str(package), method_map, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)
    ):
        where = [(f"backcare_desktop/{filename}", lineno)]
        catalog.add(message, None, where, auto_comments=comments, context=context)
    return catalog


def content_entries(library: Library) -> Iterator[tuple[str, str]]:
    """(key, English) of every translatable field of every shipped exercise and routine."""
    for exercise in sorted(library.exercises.values(), key=lambda e: e.id):
        yield from exercise_texts(exercise)
    for routine in sorted(library.routines.values(), key=lambda r: r.id):
        yield from routine_texts(routine)


def content_template(library: Library) -> Catalog:
    catalog = Catalog(domain=CONTENT_DOMAIN, project="BackCare", charset="utf-8")
    for key, english in content_entries(library):
        catalog.add(english, None, context=key)
    return catalog


def _read(path: Path) -> Catalog:
    with path.open("rb") as f:
        return read_po(f)


def _write_po(path: Path, catalog: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, sort_output=False, omit_header=False)
    path.write_bytes(buffer.getvalue())


def compiled(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def po_path(locale_dir: Path, language: str, domain: str) -> Path:
    return locale_dir / language / "LC_MESSAGES" / f"{domain}.po"


def templates() -> dict[str, Catalog]:
    return {DOMAIN: program_template(), CONTENT_DOMAIN: content_template(load_presets())}


def update(locale_dir: Path, languages: Iterable[str]) -> None:
    """Merge the templates into each language's .po (new entries empty, gone ones dropped)."""
    for domain, template in templates().items():
        for language in languages:
            path = po_path(locale_dir, language, domain)
            if path.exists():
                catalog = _read(path)
                catalog.update(template, no_fuzzy_matching=True)
                catalog.obsolete.clear()
            else:
                catalog = Catalog(locale=language, domain=domain, project="BackCare")
                catalog.update(template, no_fuzzy_matching=True)
            _write_po(path, catalog)


def compile_all(locale_dir: Path, languages: Iterable[str]) -> list[Path]:
    written = []
    for language in languages:
        for domain in (DOMAIN, CONTENT_DOMAIN):
            path = po_path(locale_dir, language, domain)
            path.with_suffix(".mo").write_bytes(compiled(_read(path)))
            written.append(path.with_suffix(".mo"))
    return written


@dataclass(frozen=True)
class Finding:
    language: str
    domain: str
    key: str
    english: str
    what: str

    def __str__(self) -> str:
        return f"{self.language} {self.domain} {self.key!r}: {self.what} ({self.english!r})"


def _key(context: str | None, msgid: str) -> str:
    return f"{context}|{msgid}" if context and context.count("|") == 0 else (context or msgid)


def check(locale_dir: Path, language: str, wanted: dict[str, Catalog]) -> list[Finding]:
    """What a translator still has to do in `language`: missing, untranslated, fuzzy,
    over-long (a short cue past the figure's width, or far longer than the English)."""
    found: list[Finding] = []
    for domain, template in wanted.items():
        path = po_path(locale_dir, language, domain)
        if not path.exists():
            found.append(Finding(language, domain, str(path), "", "the catalogue is missing"))
            continue
        catalog = _read(path)
        for entry in template:
            if not entry.id:
                continue
            msgid = entry.id if isinstance(entry.id, str) else entry.id[0]
            key = _key(entry.context, msgid)
            have = catalog.get(entry.id, context=entry.context)
            strings = None if have is None else have.string
            texts = [strings] if isinstance(strings, str) else list(strings or ())
            if have is None or not all(texts):
                found.append(Finding(language, domain, key, msgid, "untranslated"))
                continue
            if have.fuzzy:
                found.append(Finding(language, domain, key, msgid, "fuzzy: check and unmark"))
            text = texts[0]
            if (entry.context or "").endswith(".short") and len(text) > MAX_SHORT_CHARS:
                found.append(
                    Finding(language, domain, key, msgid, f"over {MAX_SHORT_CHARS} characters")
                )
            elif len(text) > max(LONG_MIN_CHARS, LONG_FACTOR * len(msgid)):
                found.append(
                    Finding(language, domain, key, msgid, f"{len(text)} characters: over-long")
                )
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m backcare_desktop.tools.catalogues")
    parser.add_argument("action", choices=("extract", "update", "compile", "check"))
    parser.add_argument("--language", action="append", choices=TRANSLATED_LANGUAGES)
    parser.add_argument("--locale-dir", type=Path, default=None)
    args = parser.parse_args(argv)
    locale_dir: Path = args.locale_dir or resources.locale_dir()
    languages: list[str] = args.language or list(TRANSLATED_LANGUAGES)
    if args.action == "extract":
        for domain, catalog in templates().items():
            _write_po(locale_dir / f"{domain}.pot", catalog)
            print(f"{locale_dir / f'{domain}.pot'}: {len(catalog)} entries")
        return 0
    if args.action == "update":
        update(locale_dir, languages)
        print(f"updated {', '.join(languages)}; translate the empty entries, then compile")
        return 0
    if args.action == "compile":
        for path in compile_all(locale_dir, languages):
            print(path)
        return 0
    wanted = templates()
    problems = 0
    for language in languages:
        findings = check(locale_dir, language, wanted)
        for finding in findings:
            print(finding, file=sys.stderr)
        print(f"{language}: {len(findings)} to do" if findings else f"{language}: complete")
        problems += len(findings)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
