"""The CS187 lab notebook, executed in a real Jupyter kernel: the draw, derive
and compute cells show SVG, typeset math and numbers, and the committed
outputs are the ones a fresh run gives."""
import sys

import nbformat
import pytest

from conftest import NOTEBOOK, ROOT

sys.path.insert(0, str(ROOT / "python"))
from execute_notebook import execute  # noqa: E402


@pytest.fixture(scope="module")
def executed():
    """(cells as committed, the same cells executed now), code cells only."""
    committed = nbformat.read(NOTEBOOK, as_version=4)
    fresh = execute(NOTEBOOK)
    code = [cell for cell in committed.cells if cell.cell_type == "code"]
    return code, [cell for cell in fresh.cells if cell.cell_type == "code"]


def outputs(cell):
    """A cell's outputs without what varies between runs of the same code."""
    return [{key: value for key, value in output.items() if key not in ("execution_count", "metadata")}
            for output in cell.outputs]


def test_no_cell_fails(executed):
    _, fresh = executed
    errors = [output for cell in fresh for output in cell.outputs if output.output_type == "error"]
    assert errors == []


def test_draw_cells_show_svg(executed):
    _, fresh = executed
    drawings = [cell for cell in fresh if cell.source.startswith("rnngraph.draw(") and ".save(" not in cell.source]
    assert len(drawings) == 4
    for cell in drawings:
        svg = cell.outputs[0].data["image/svg+xml"]
        assert svg.startswith("<?xml") and "</svg>" in svg and 'class="node"' in svg


def test_derive_cells_show_display_math(executed):
    _, fresh = executed
    derivations = [cell for cell in fresh if cell.source.startswith("rnngraph.derive(")]
    assert len(derivations) == 6
    for cell in derivations:
        math = cell.outputs[0].data["text/latex"]
        assert math.startswith("$$\\begin{aligned}") and math.endswith("\\end{aligned}$$")
        assert cell.outputs[0].data["text/markdown"] == math
    by_source = {cell.source: cell.outputs[0].data["text/latex"] for cell in derivations}
    assert "_{(6)}" in by_source['rnngraph.derive(length=3, wrt="U")']  # six paths U → L at N = 3
    assert "\\prod_{j=i+1}^{t}" in by_source['rnngraph.derive(form="compact")']


def test_compute_cells_show_the_labs_numbers(executed):
    _, fresh = executed
    text = "\n".join(output.get("text", "") + output.get("data", {}).get("text/plain", "")
                     for cell in fresh for output in cell.outputs)
    assert "'h_1': [0.6, 0.1]" in text and "'o_2': [0.143, 0.199]" in text  # the lab's section 1.2
    assert "dL/dU = -0.8511792000 (rnngraph), -0.8511792000 (autograd)" in text
    assert "tensor([[0., 1.],\n        [0., 0.]])" in text  # section 3.4: the gradient of h_11


def test_explore_cells_show_the_page_in_an_iframe(executed):
    _, fresh = executed
    explorers = [cell for cell in fresh if cell.source.startswith("rnngraph.explore(")]
    assert len(explorers) == 1
    frame = explorers[0].outputs[0]["data"]["text/html"]
    assert frame.startswith('<iframe srcdoc="&lt;!DOCTYPE html&gt;') and "data-term=&quot;6&quot;" in frame


def test_committed_outputs_are_current(executed):
    committed, fresh = executed
    assert [cell.source for cell in committed] == [cell.source for cell in fresh]
    for old, new in zip(committed, fresh):
        assert outputs(old) == outputs(new), (
            "Docs/notebooks/cs187-lab.ipynb is stale at the cell\n%s\n"
            "rerun it: python python/execute_notebook.py Docs/notebooks/cs187-lab.ipynb" % new.source)
