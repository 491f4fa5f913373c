"""Menu entry, metainfo, icons and autostart files: written where XDG says, and valid."""

from __future__ import annotations

import io
import plistlib
import shutil
import subprocess

import pytest

from backcare_desktop.cli import main
from backcare_desktop.platform import desktop_files
from backcare_desktop.platform.app_id import APP_ID, ICON_SIZES, desktop_dir, icon_png, icon_svg
from backcare_desktop.platform.autostart import LaunchAgent, XdgAutostart, autostart_for

needs_validators = pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None or shutil.which("appstreamcli") is None,
    reason="desktop-file-utils / appstream not installed (.ci/run installs them)",
)


def validate_desktop(path) -> str:
    result = subprocess.run(
        ["desktop-file-validate", str(path)], capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@needs_validators
def test_the_shipped_files_pass_the_validators():
    validate_desktop(desktop_dir() / f"{APP_ID}.desktop")
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(desktop_dir() / f"{APP_ID}.metainfo.xml")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@needs_validators
def test_install_writes_valid_files_that_run_this_installation(tmp_path):
    command = ["/opt/my apps/bin/backcare"]
    written = desktop_files.install(tmp_path, command)
    desktop = tmp_path / "applications" / f"{APP_ID}.desktop"
    assert desktop in written
    validate_desktop(desktop)
    text = desktop.read_text(encoding="utf-8")
    assert 'Exec="/opt/my apps/bin/backcare"\n' in text
    assert 'Exec="/opt/my apps/bin/backcare" --routine desk-break\n' in text
    assert (tmp_path / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    for size in ICON_SIZES:
        png = tmp_path / f"icons/hicolor/{size}x{size}/apps/{APP_ID}.png"
        assert png.read_bytes() == icon_png(size).read_bytes()
    assert (tmp_path / f"icons/hicolor/scalable/apps/{APP_ID}.svg").is_file()


def test_uninstall_removes_exactly_what_install_wrote(tmp_path):
    (tmp_path / "applications").mkdir()
    other = tmp_path / "applications" / "other.desktop"
    other.write_text("[Desktop Entry]\n", encoding="utf-8")
    written = desktop_files.install(tmp_path, ["backcare"])
    removed = desktop_files.uninstall(tmp_path)
    assert sorted(removed) == sorted(written)
    assert not any(p.exists() for p in written)
    assert other.exists()
    assert desktop_files.uninstall(tmp_path) == []


def test_exec_line_quotes_and_escapes_per_the_spec():
    assert desktop_files.exec_line(["backcare", "--routine", "x"]) == "backcare --routine x"
    assert desktop_files.exec_line(["/a b/c"]) == '"/a b/c"'
    assert desktop_files.exec_line(['/a"$b']) == '"/a\\"\\$b"'
    assert desktop_files.exec_line(["50%"]) == "50%%"


def test_xdg_data_home_ignores_a_relative_value(tmp_path):
    assert desktop_files.xdg_data_home({"XDG_DATA_HOME": "rel"}, home=tmp_path) == (
        tmp_path / ".local/share"
    )
    assert desktop_files.xdg_data_home({"XDG_DATA_HOME": str(tmp_path)}) == tmp_path


def test_the_cli_installs_into_xdg_data_home(tmp_path, monkeypatch, data_dir):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    out, err = io.StringIO(), io.StringIO()
    assert main(["desktop", "install"], out=out, err=err) == 0
    assert "applications menu" in out.getvalue()
    assert (tmp_path / "applications" / f"{APP_ID}.desktop").is_file()
    assert main(["desktop", "uninstall"], out=out, err=err) == 0
    assert not (tmp_path / "applications" / f"{APP_ID}.desktop").exists()


def test_the_cli_names_the_folder_it_cannot_write(tmp_path, monkeypatch, data_dir):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))
    err = io.StringIO()
    assert main(["desktop", "install"], out=io.StringIO(), err=err) == 1
    assert f"could not install in {blocker}" in err.getvalue()


@needs_validators
def test_xdg_autostart_is_a_valid_entry_that_starts_in_the_background(tmp_path):
    autostart = autostart_for("linux", {"XDG_CONFIG_HOME": str(tmp_path)})
    assert isinstance(autostart, XdgAutostart)
    assert autostart.is_enabled() is False
    autostart.enable(["/usr/bin/backcare"])
    assert autostart.is_enabled() is True
    path = tmp_path / "autostart" / f"{APP_ID}.desktop"
    validate_desktop(path)
    text = path.read_text(encoding="utf-8")
    assert "Exec=/usr/bin/backcare --background\n" in text
    assert "Desktop Action" not in text
    autostart.disable()
    assert autostart.is_enabled() is False


def test_a_launch_agent_on_macos(tmp_path):
    autostart = autostart_for("darwin", home=tmp_path)
    assert isinstance(autostart, LaunchAgent)
    autostart.enable(["/Applications/backcare"])
    plist = plistlib.loads(autostart.path.read_bytes())
    assert plist["ProgramArguments"] == ["/Applications/backcare", "--background"]
    assert plist["RunAtLoad"] is True
    autostart.disable()
    assert not autostart.path.exists()


def test_the_icon_pngs_are_rendered_from_the_svg_at_each_size(qapp):
    from PySide6.QtGui import QImage

    assert icon_svg().read_text(encoding="utf-8").startswith("<?xml")
    for size in ICON_SIZES:
        image = QImage(str(icon_png(size)))
        assert (image.width(), image.height()) == (size, size)
