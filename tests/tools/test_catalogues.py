"""The catalogues: complete in every shipped language, compiled, and their fields kept."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from backcare_desktop import resources
from backcare_desktop.core.i18n import CONTENT_DOMAIN, DOMAIN
from backcare_desktop.core.library import Library
from backcare_desktop.tools import catalogues

LANGUAGES = catalogues.TRANSLATED_LANGUAGES
TO_DO = ("untranslated", "missing", "fuzzy")


@pytest.fixture(scope="module")
def templates():
    return catalogues.templates()


def read(language: str, domain: str):
    path = catalogues.po_path(resources.locale_dir(), language, domain)
    with path.open("rb") as f:
        return read_po(f)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_catalogue_is_complete(language: str, templates) -> None:
    findings = catalogues.check(resources.locale_dir(), language, templates)
    assert [str(f) for f in findings if f.what.startswith(TO_DO)] == []


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("domain", [DOMAIN, CONTENT_DOMAIN])
def test_the_committed_mo_is_the_compiled_po(language: str, domain: str) -> None:
    po = catalogues.po_path(resources.locale_dir(), language, domain)
    assert po.with_suffix(".mo").read_bytes() == catalogues.compiled(read(language, domain)), (
        f"{po.with_suffix('.mo')} is stale: run python -m backcare_desktop.tools.catalogues compile"
    )


def test_every_translatable_field_of_every_shipped_file_has_a_key(presets: Library) -> None:
    keys = dict(catalogues.content_entries(presets))
    for exercise in presets.exercises.values():
        assert keys[f"{exercise.id}|name"] == exercise.name
        assert keys[f"{exercise.id}|setup"] == exercise.setup
        for i, step in enumerate(exercise.steps):
            assert keys[f"{exercise.id}|steps.{i}"] == step
        for i, caution in enumerate(exercise.cautions):
            assert keys[f"{exercise.id}|cautions.{i}"] == caution
    for routine in presets.routines.values():
        assert keys[f"routine:{routine.id}|title"] == routine.title
    # The safer and harder forms are heard too.
    assert "cat-stretch|parts.0.phases.0.safer.cue" in keys
    assert "squat-reach|parts.0.phases.0.harder.label" in keys


def _fields(text: str) -> set[str]:
    """The {fields} of `text`; {side} and {Side} are one (a language capitalises its own)."""
    names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    return {"side" if name == "Side" else name for name in names}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("domain", [DOMAIN, CONTENT_DOMAIN])
def test_a_translation_keeps_the_english_placeholders(language: str, domain: str) -> None:
    wrong = []
    for message in read(language, domain):
        if not message.id:
            continue
        english = message.id if isinstance(message.id, str) else message.id[0]
        texts = [message.string] if isinstance(message.string, str) else list(message.string)
        for text in texts:
            if _fields(text) != _fields(english):
                wrong.append((message.context, english, text))
    assert wrong == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_short_cues_fit_under_the_figure(language: str) -> None:
    too_long = [
        (m.context, m.string)
        for m in read(language, CONTENT_DOMAIN)
        if m.context and m.context.endswith(".short") and len(m.string) > 40
    ]
    assert too_long == []


def test_check_reports_an_untranslated_and_an_over_long_entry(tmp_path: Path, templates) -> None:
    folder = tmp_path / "de" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    for domain in (DOMAIN, CONTENT_DOMAIN):
        text = catalogues.po_path(resources.locale_dir(), "de", domain).read_text("utf-8")
        if domain == CONTENT_DOMAIN:
            text = text.replace('msgstr "Katzenbuckel"', 'msgstr ""')
            text = re.sub(
                r'(msgctxt "cat-stretch\|parts\.0\.phases\.0\.short"\nmsgid ".*"\nmsgstr )".*"',
                r'\1"Langsam ausatmen und den ganzen Rücken rund nach oben"',
                text,
            )
        (folder / f"{domain}.po").write_text(text, "utf-8")
    findings = [str(f) for f in catalogues.check(tmp_path, "de", templates)]
    assert findings == [
        "de content 'cat-stretch|name': untranslated ('Cat stretch')",
        "de content 'cat-stretch|parts.0.phases.0.short': over 40 characters ('Out, round up')",
    ]


def test_the_command_says_each_language_is_complete(capsys: pytest.CaptureFixture[str]) -> None:
    assert catalogues.main(["check"]) == 0
    assert capsys.readouterr().out.splitlines() == ["de: complete", "es: complete", "fr: complete"]
