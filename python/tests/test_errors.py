"""Refusals become RNNGraphError with the tool's message and exit code."""
import pytest

import rnngraph
from rnngraph._command import option_flags


def test_an_unknown_model_is_a_usage_error():
    with pytest.raises(rnngraph.RNNGraphError) as caught:
        rnngraph.draw(model="lstm-of-doom")
    assert caught.value.exit_code == 64
    assert "lstm-of-doom" in caught.value.message
    assert "\n" not in caught.value.message and not caught.value.message.startswith("rnngraph:")


def test_bad_values_are_an_input_error(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"parameters": {}}', encoding="utf-8")
    with pytest.raises(rnngraph.RNNGraphError) as caught:
        rnngraph.compute(bad)
    assert caught.value.exit_code == 65


def test_a_missing_binary_says_how_to_point_at_one(monkeypatch, tmp_path):
    monkeypatch.setenv("RNNGRAPH_BINARY", str(tmp_path / "absent"))
    with pytest.raises(rnngraph.RNNGraphError, match="RNNGRAPH_BINARY"):
        rnngraph.derive()


def test_keywords_become_flags():
    assert option_flags({"detail": True, "no_biases": False, "of": None, "activation": "tanh",
                         "show": ["U", "h1"], "length": 4}) == [
        "--detail", "--activation", "tanh", "--show", "U,h1", "--length", "4"]
