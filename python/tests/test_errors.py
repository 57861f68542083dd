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


def test_a_timeout_stops_the_tool_with_its_own_error():
    with pytest.raises(rnngraph.RNNGraphError, match="did not finish within 0.05 s") as caught:
        rnngraph.derive(length=200, timeout=0.05)
    assert caught.value.exit_code is None


def test_a_model_text_error_names_no_temporary_path():
    with pytest.raises(rnngraph.RNNGraphError) as caught:
        rnngraph.derive(model="h_t = tanh(W h_{t-1}\nL = sum_t h_t\n")
    assert caught.value.exit_code == 65
    assert caught.value.message.startswith("model:1:"), caught.value.message
    assert "/tmp" not in caught.value.message and "rnngraph-" not in caught.value.message
    assert not any("rnngraph-" in argument for argument in caught.value.arguments)


@pytest.mark.parametrize("call, message", [
    (lambda: rnngraph.draw(model=42), "model must be a bundled name"),
    (lambda: rnngraph.derive(model="h_t = W \ud800\nL = h_t\n"), "not valid Unicode"),
    (lambda: rnngraph.derive(wrt="U\0"), "NUL character"),
    (lambda: rnngraph.derive(wrt="\udcff\ud800"), "not valid Unicode"),
    (lambda: rnngraph.compute({"parameters": {"U": {1, 2}}}), "values must hold numbers"),
    (lambda: rnngraph.compute({"h0": "\ud800"}), "not valid Unicode"),
    (lambda: rnngraph.compute([1, 2]), "values must be a dict"),
    (lambda: rnngraph.derive(timeout=-1), "timeout must be a number"),
    (lambda: rnngraph.compute({}, print_model=True), "not JSON"),
])
def test_inputs_the_wrapper_can_refuse_raise_its_own_error(call, message):
    with pytest.raises(rnngraph.RNNGraphError, match=message):
        call()
