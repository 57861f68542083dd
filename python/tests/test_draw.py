"""rnngraph.draw: SVG inline, files by suffix, options as flags."""
import pytest

import rnngraph


def test_svg_is_the_figure_and_jupyter_shows_it():
    drawing = rnngraph.draw(length=3)
    assert drawing.svg.startswith("<?xml")
    assert drawing.svg.count('class="node"') == 12  # h0, x1..x4, h1..h3, o1..o3, L
    assert drawing.svg.count(">U<") == 3  # the parameters written on the edges they multiply
    assert drawing._repr_svg_() == drawing.svg


def test_show_keeps_only_the_listed_variables():
    drawing = rnngraph.draw(length=2, show=["U", "h1", "o1", "L"])
    assert drawing.svg.count('class="node"') == 3  # h1, o1, L; U on the edge into h1
    assert drawing.svg.count(">U<") == 1
    nodes = rnngraph.draw(length=2, show=["U", "h1", "o1", "L"], parameters="nodes")
    assert nodes.svg.count('class="node"') == 4


def test_keyword_options_reach_the_tool():
    plain = rnngraph.draw(model="goodfellow", length=2)
    detailed = rnngraph.draw(model="goodfellow", length=2, detail=True)
    assert detailed.svg.count('class="node"') > plain.svg.count('class="node"')


@pytest.mark.parametrize("suffix, magic", [(".svg", b"<?xml"), (".pdf", b"%PDF-"), (".png", b"\x89PNG"),
                                           (".dot", b"digraph")])
def test_save_writes_the_format_of_the_suffix(tmp_path, suffix, magic):
    path = tmp_path / ("graph" + suffix)
    rnngraph.draw(length=2, highlight=1).save(path)
    assert path.read_bytes().startswith(magic)


def test_save_refuses_an_unknown_suffix(tmp_path):
    with pytest.raises(ValueError, match="suffix"):
        rnngraph.draw(length=1).save(tmp_path / "graph.jpeg")
