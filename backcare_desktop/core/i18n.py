"""One translation layer for the core, the command line and the window: stdlib gettext.

A `Translator` is passed to whatever makes text (the compiler, `wording`, the widgets); it
is never looked up globally. Two catalogues per language, both gettext:

- `backcare` holds the program's own sentences (`tr._("Rest")`, `tr.ngettext(...)`);
- `content` holds the exercise and routine text, each entry keyed by a context naming the
  file's id and field (`cat-stretch|parts.0.phases.1.cue`) with the English as msgid, so a
  changed English sentence shows up as untranslated instead of keeping a stale translation.

A text with no entry comes out in English: a half-translated catalogue never loses words.
"""

from __future__ import annotations

import gettext
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

DOMAIN = "backcare"
CONTENT_DOMAIN = "content"
ENGLISH = "en"
# The languages BackCare ships, English (the source language) first.
LANGUAGES: tuple[str, ...] = ("en", "de", "es", "fr")
LANGUAGE_NAMES = {"en": "English", "de": "Deutsch", "es": "Español", "fr": "Français"}
# Where a locale is named in the environment, most specific first (as gettext reads them).
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def N_(message: str) -> str:
    """Marks a constant for extraction; it is translated where it is used."""
    return message


class Words(str):
    """English text that remembers its catalogue sentence and the values put into it.

    It is the English wherever a plain string is wanted (files, logs, the English tests),
    and `Translator._` says it in the translator's language: the core makes messages
    without knowing the language, and no translated word is ever glued to English.
    A value that is itself `Words` is translated too.
    """

    template: str
    values: dict[str, object]

    def __new__(cls, template: str, /, **values: object) -> Words:
        made = super().__new__(cls, template.format(**values) if values else template)
        made.template = template
        made.values = values
        return made

    def said_by(self, tr: Translator) -> str:
        values = {k: tr._(v) if isinstance(v, Words) else v for k, v in self.values.items()}
        text = tr.messages.gettext(self.template)
        return text.format(**values) if values else text


@dataclass(frozen=True)
class Translator:
    """The program's and the content's catalogues in one language (English by default)."""

    language: str = ENGLISH
    messages: gettext.NullTranslations = field(default_factory=gettext.NullTranslations)
    content_messages: gettext.NullTranslations = field(default_factory=gettext.NullTranslations)

    def _(self, message: str) -> str:
        if isinstance(message, Words):
            return message.said_by(self)
        # gettext("") is the catalogue's header, never a translation of nothing.
        return self.messages.gettext(message) if message else message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The form for `n` by the language's own plural rule (French says "0 séance")."""
        return self.messages.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        return self.messages.pgettext(context, message)

    def content(self, key: str, english: str) -> str:
        """The translation of a file's field (`key`: 'id|field'), else the English."""
        return self.content_messages.pgettext(key, english)

    def has_content(self, key: str, english: str) -> bool:
        return self.content(key, english) != english or self.language == ENGLISH


ENGLISH_TRANSLATOR = Translator()


def load_translator(locale_dir: Path, language: str) -> Translator:
    """The catalogues of `language` under `locale_dir`; English for an unknown language.

    Raises ValueError naming the file when a shipped catalogue cannot be read.
    """
    if language == ENGLISH or language not in LANGUAGES:
        return ENGLISH_TRANSLATOR
    catalogues: list[gettext.NullTranslations] = []
    for domain in (DOMAIN, CONTENT_DOMAIN):
        path = locale_dir / language / "LC_MESSAGES" / f"{domain}.mo"
        try:
            with path.open("rb") as f:
                catalogues.append(gettext.GNUTranslations(f))
        except FileNotFoundError:
            catalogues.append(gettext.NullTranslations())
        except (OSError, UnicodeDecodeError, ValueError) as e:
            raise ValueError(f"{path}: cannot be read ({e}); reinstall BackCare") from None
    return Translator(language, catalogues[0], catalogues[1])


def language_of_locale(name: str) -> str | None:
    """'de_DE.UTF-8' -> 'de', 'fr_CA' -> 'fr', 'C' or 'ja_JP' -> None."""
    code = name.split(".")[0].split("@")[0].split("_")[0].split("-")[0].lower()
    return code if code in LANGUAGES else None


def system_language(environ: Mapping[str, str]) -> str:
    """The first shipped language the environment's locale names, else English.

    LANGUAGE may list several ('fr:de'); "C" and "POSIX" mean English.
    """
    for variable in LOCALE_VARIABLES:
        value = environ.get(variable, "")
        for name in value.split(":"):
            if name:
                found = language_of_locale(name)
                if found is not None:
                    return found
        if value and variable != "LANGUAGE":
            # LC_ALL=ja_JP: a language BackCare lacks; not a reason to read LANG instead.
            return ENGLISH
    return ENGLISH


def choose_language(command_line: str | None, setting: str, environ: Mapping[str, str]) -> str:
    """--language wins, then the Settings choice ('' = follow the system), then the locale."""
    for chosen in (command_line, setting):
        if chosen:
            return chosen
    return system_language(environ)


def check_language(code: str) -> str:
    """`code` if BackCare ships it; ValueError saying which codes exist."""
    if code not in LANGUAGES:
        raise ValueError(
            f"no language '{code}': choose one of {', '.join(LANGUAGES)} "
            "(see CONTRIBUTING.md to add one)"
        )
    return code
