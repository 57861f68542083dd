"""rnngraph.explore: the --html page, shown in a notebook through an iframe's srcdoc."""
import html
import json

import pytest

import rnngraph
from conftest import LAB_VALUES


def test_the_page_holds_one_term_per_path_and_shows_in_an_iframe():
    explorer = rnngraph.explore(length=2)
    assert explorer.html.startswith("<!DOCTYPE html>")
    shown = explorer.html.split('data-length="2"')[1].split('data-form="expanded-closed"')[0]
    assert shown.count(" data-term=") == 3  # U → h1 → o1 → L, U → h2 → o2 → L, U → h1 → h2 → o2 → L
    frame = explorer._repr_html_()
    assert frame.startswith("<iframe srcdoc=\"") and 'sandbox="allow-scripts"' in frame
    assert html.unescape(frame.split('srcdoc="')[1].split('"')[0]) == explorer.html


def test_values_from_a_dict_or_a_file_give_the_same_page():
    with open(LAB_VALUES) as f:
        values = json.load(f)
    from_dict = rnngraph.explore(values=values)
    from_file = rnngraph.explore(values=LAB_VALUES)
    assert from_dict.html == from_file.html
    assert "data-contribution=" in from_dict.html


def test_save_writes_the_page(tmp_path):
    path = tmp_path / "explorer.html"
    explorer = rnngraph.explore(length=1)
    explorer.save(path)
    assert path.read_text(encoding="utf-8") == explorer.html


def test_too_many_terms_are_refused():
    with pytest.raises(rnngraph.RNNGraphError, match="explorer page at N = 7"):
        rnngraph.explore(model="lstm", length=7)
