"""rnngraph.derive: the tool's LaTeX, and display math for Jupyter."""
import rnngraph
from conftest import EXPECTED_LATEX


def test_latex_is_the_labs_expected_derivation():
    for n in (1, 2, 3):
        expected = (EXPECTED_LATEX / ("cs187-N%d-wrt-U.tex" % n)).read_text(encoding="utf-8")
        assert rnngraph.derive(length=n).latex == expected


def test_jupyter_gets_display_math_with_aligned():
    math = rnngraph.derive(length=2)._repr_latex_()
    assert math.startswith("$$\\begin{aligned}") and math.endswith("\\end{aligned}$$")
    assert "align*" not in math
    assert rnngraph.derive(length=2)._repr_markdown_() == math


def test_forms_and_options():
    compact = rnngraph.derive(form="compact").latex
    assert "\\sum_{t=1}^{N}" in compact
    closed = rnngraph.derive(length=1, local="closed", arguments=True).latex
    assert closed != rnngraph.derive(length=1).latex
    assert "o_{2}" in rnngraph.derive(length=2, wrt="W", of="o2").latex
