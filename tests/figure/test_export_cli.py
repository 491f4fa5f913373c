"""`backcare illustrations --out DIR` writes the same set as the one shipped."""

from __future__ import annotations

import io

from backcare_desktop import resources
from backcare_desktop.cli import main


def test_cli_export_matches_the_shipped_set(tmp_path, data_dir):
    out = io.StringIO()
    assert main(["illustrations", "--out", str(tmp_path / "ill")], out=out) == 0
    shipped = resources.assets_dir() / "illustrations"
    written = sorted(
        p.relative_to(tmp_path / "ill") for p in (tmp_path / "ill").rglob("*") if p.is_file()
    )
    assert written == sorted(p.relative_to(shipped) for p in shipped.rglob("*") if p.is_file())
    assert out.getvalue() == f"wrote {len(written)} files to {tmp_path / 'ill'}\n"
    svg = next(p for p in written if p.suffix == ".svg")
    assert (tmp_path / "ill" / svg).read_bytes() == (shipped / svg).read_bytes()
