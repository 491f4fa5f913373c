"""Cache keys come without OpenSSL: hashlib's import maps libcrypto (3.4 MB at start-up)."""

from __future__ import annotations

import subprocess
import sys

from backcare_desktop.core.digest import text_digest


def test_a_digest_is_stable_sized_and_tells_texts_apart():
    assert text_digest("stiff-lower-back") == text_digest("stiff-lower-back")
    assert text_digest("stiff-lower-back") != text_digest("stiff-lower-backs")
    assert len(text_digest("x")) == 32
    assert len(text_digest("x", 8)) == 16


def test_the_window_modules_load_no_openssl():
    code = (
        "import sys\n"
        "import backcare_desktop.cli, backcare_desktop.ui.app, backcare_desktop.ui.home\n"
        "import backcare_desktop.core.routine_index, backcare_desktop.storage.summary_cache\n"
        "print('_hashlib' in sys.modules)\n"
    )
    found = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert found.stdout.strip() == "False"
