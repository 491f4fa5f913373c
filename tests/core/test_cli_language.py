"""`--language`, the Settings choice and the locale, on the command line."""

from __future__ import annotations

import io
import json

import pytest

from backcare_desktop.cli import main
from backcare_desktop.core.cues import FILL
from backcare_desktop.core.library import Library
from backcare_desktop.storage import paths
from backcare_desktop.storage.settings import Settings, SettingsStore


def run_cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def cue_slots(step: dict) -> list[tuple[str, float]]:
    ends = [c["at"] for c in step["cues"][1:]] + [step["seconds"]]
    return [(c["text"], end - c["at"]) for c, end in zip(step["cues"], ends, strict=True)]


def test_show_in_german_speaks_german_cues_that_fit_their_slots(data_dir) -> None:
    code, out, err = run_cli("--language", "de", "show", "stiff-lower-back", "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["title"] == "Steifer unterer Rücken"
    cues = [c["text"] for s in data["steps"] for c in s["cues"]]
    assert cues[0].startswith("Dehnung an der Arbeitsplatte.")
    assert "Ausatmen, Rücken rund machen" in " ".join(cues)
    assert cues[-1] == "Geschafft. Schön, dass du dir Zeit für deinen Rücken genommen hast."
    english = {"Breathe in", "Breathe out", "Halfway", "Switch sides", "Rest"}
    assert english.isdisjoint(cues)
    table = json.loads(
        (paths.Path(__file__).parents[2] / "assets" / "cue_durations.de.json").read_text("utf-8")
    )["seconds"]
    over = [
        (text, table[text], slot)
        for step in data["steps"]
        for text, slot in cue_slots(step)
        if table[text] > FILL * slot
    ]
    assert over == []


def test_every_cue_of_every_preset_fits_in_every_language(translated: Library) -> None:
    """Measured with that language's espeak-ng voice; none estimated."""
    unmeasured, over = [], []
    for routine_id in translated.routines:
        for step in translated.timeline(routine_id).steps:
            ends = [c.at for c in step.cues[1:]] + [step.seconds]
            for cue, end in zip(step.cues, ends, strict=True):
                seconds = translated.durations.seconds.get(cue.text)
                if seconds is None:
                    unmeasured.append(cue.text)
                elif seconds > FILL * (end - cue.at):
                    over.append((routine_id, step.index, cue.text, seconds, end - cue.at))
    assert (unmeasured, over) == ([], [])


def test_the_translated_library_loads_without_problems(translated: Library) -> None:
    assert [str(p) for p in translated.problems] == []


def test_list_in_spanish(data_dir) -> None:
    code, out, _ = run_cli("--language", "es", "list")
    assert code == 0
    assert "Zona lumbar rígida" in out
    assert "13 min, 8 ejercicios. Necesitas una encimera o mesa, una esterilla" in out


def test_the_settings_choice_is_used_without_the_option(data_dir) -> None:
    SettingsStore(paths.settings_path(data_dir)).save(Settings(language="fr"))
    code, out, _ = run_cli("show", "desk-break")
    assert code == 0
    assert "Pause bureau (debout)" in out
    code, out, _ = run_cli("--language", "en", "show", "desk-break")
    assert "Desk break (standing)" in out


def test_the_locale_is_followed_when_nothing_is_chosen(
    data_dir, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANGUAGE", "de_DE")
    code, out, _ = run_cli("stats")
    assert code == 0
    assert out.startswith("Diese Woche: 0 von 3. Noch 3 bis zu deinem Ziel von 3")
    assert "Mo Di Mi Do Fr Sa So" in out


def test_an_unknown_language_is_refused_with_the_codes(data_dir) -> None:
    with pytest.raises(SystemExit):
        run_cli("--language", "xx", "list")


def test_a_bad_language_setting_falls_back_to_following_the_system(data_dir) -> None:
    settings = paths.settings_path(data_dir)
    settings.write_text(json.dumps({"language": "../../etc"}), encoding="utf-8")
    assert SettingsStore(settings).load().language == ""


def test_an_adapted_routine_says_why_in_german(data_dir) -> None:
    code, out, _ = run_cli(
        "--language", "de", "show", "stiff-lower-back", "--for", "knee-problems", "--json"
    )
    assert code == 0
    data = json.loads(out)
    ready = [s["cue"] for s in data["steps"] if s["kind"] == "get-ready"]
    assert "Statt Katzenbuckel, wegen deiner Knie: Hüftbeuge." in " ".join(ready)
    assert "Wegen deiner Knie sanfter gemacht. Knie zur Brust." in " ".join(ready)


def test_validate_says_each_problem_in_german(data_dir, tmp_path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        'format = 1\nid = "Bad Id"\ntitle = "x"\nminutes = "ten"\nfoo = 1\n'
        '[[exercises]]\nid = "cat-strech"\n',
        encoding="utf-8",
    )
    broken = tmp_path / "broken.toml"
    broken.write_text("not = [toml", encoding="utf-8")
    code, out, _ = run_cli("--language", "de", "validate", str(bad), str(broken))
    assert code == 1
    assert out.splitlines() == [
        f"{bad}: id: „Bad Id“ darf nur Kleinbuchstaben, Ziffern und einzelne Bindestriche "
        "haben (wie „cat-stretch“)",
        f"{bad}: description: fehlt",
        f"{bad}: minutes: muss eine Zahl sein, nicht Text („ten“)",
        f"{bad}: exercises[0].id: keine Übung namens „cat-strech“ "
        "(meintest du cat-stretch, counter-stretch, squat-reach?)",
        f"{bad}: foo: ist kein bekanntes Feld (prüfe die Schreibweise)",
        f"{broken}: Zeile 1: ist kein gültiges TOML (Invalid value at column 8): "
        "korrigiere die Datei oder verschiebe sie",
    ]


def test_validate_says_ok_in_german(data_dir) -> None:
    routines = paths.user_routines_dir(data_dir)
    routines.mkdir(parents=True)
    mine = routines / "mine.toml"
    mine.write_text(
        'format = 1\nid = "mine"\ntitle = "Meins"\ndescription = "Kurz."\nminutes = 1.5\n'
        '[[exercises]]\nid = "cat-stretch"\n',
        encoding="utf-8",
    )
    code, out, err = run_cli("--language", "de", "validate", str(mine))
    assert (code, err) == (0, "")
    assert out == f"{mine}: OK: Programm „mine“ (Meins); BackCare zeigt dieses Programm\n"


def test_an_unknown_routine_is_said_in_french(data_dir) -> None:
    code, _, err = run_cli("--language", "fr", "show", "stif-lower-back")
    assert code == 2
    assert err == (
        "backcare: Aucune séance « stif-lower-back ». "
        "Vouliez-vous dire : stiff-lower-back, lower-back-release ?\n"
    )


def test_export_and_import_say_what_they_did_in_german(data_dir, tmp_path) -> None:
    target = tmp_path / "mine.toml"
    code, out, err = run_cli("--language", "de", "export", "stiff-lower-back", str(target))
    assert (code, err) == (0, "")
    # The file keeps its own (English) words; only the message is German.
    assert out == f"'stiff-lower-back' (Stiff lower back) exportiert nach {target}\n"
    mine = tmp_path / "my-back.toml"
    text = target.read_text(encoding="utf-8")
    mine.write_text(text.replace('id = "stiff-lower-back"', 'id = "my-back"'), encoding="utf-8")
    code, out, err = run_cli("--language", "de", "import", str(mine))
    assert (code, err) == (0, "")
    assert (
        out
        == f"'my-back' (Stiff lower back) importiert: {data_dir / 'routines' / 'my-back.toml'}\n"
    )


def test_a_refused_import_says_why_in_french(data_dir, tmp_path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("this is = = not toml\n", encoding="utf-8")
    code, out, err = run_cli("--language", "fr", "import", str(bad))
    assert (code, out) == (1, "")
    assert err.splitlines()[-1] == "backcare: aucune importation"
