"""The bundled executable, the RNNGRAPH_BINARY override and the version."""
import os
import subprocess
import sys

import rnngraph
from conftest import ROOT


def test_version_is_the_version_file():
    version = (ROOT / "VERSION").read_text(encoding="utf-8").strip()
    assert rnngraph.__version__ == version
    run = subprocess.run([sys.executable, "-m", "rnngraph", "--version"], capture_output=True, text=True, check=True)
    assert run.stdout == version + "\n"


def test_the_executable_lives_inside_the_package():
    bundled = os.path.join(os.path.dirname(rnngraph.__file__), "bin", "rnngraph")
    assert os.access(bundled, os.X_OK)


def test_rnngraph_binary_overrides_the_bundled_one(monkeypatch, tmp_path):
    fake = tmp_path / "rnngraph"
    fake.write_text("#!/bin/sh\necho '<svg>fake</svg>'\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("RNNGRAPH_BINARY", str(fake))
    assert rnngraph.draw().svg == "<svg>fake</svg>\n"
