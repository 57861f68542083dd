"""Paths into the repository the tests compare against."""
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LAB_VALUES = ROOT / "Docs" / "examples" / "lab-2x2.json"
LAB_RESULT = ROOT / "Docs" / "examples" / "lab-2x2.out.json"
EXPECTED_LATEX = ROOT / "Tests" / "RNNGraphKitTests" / "Expected"
NOTEBOOK = ROOT / "Docs" / "notebooks" / "cs187-lab.ipynb"
