"""rnngraph.compute: dicts of lists, NumPy arrays or torch tensors, or a path."""
import json

import numpy
import pytest
import torch

import rnngraph
from conftest import LAB_RESULT, LAB_VALUES

EXPECTED = json.loads(LAB_RESULT.read_text(encoding="utf-8"))


def lab_values(array):
    """The lab's 2×2 values with every tensor made by ``array``."""
    data = json.loads(LAB_VALUES.read_text(encoding="utf-8"))
    return {
        "parameters": {name: array(value) for name, value in data["parameters"].items()},
        "h0": array(data["h0"]),
        "inputs": [array(x) for x in data["inputs"]],
    }


def test_a_path_gives_the_tools_json():
    assert rnngraph.compute(LAB_VALUES) == EXPECTED
    assert rnngraph.compute(str(LAB_VALUES)) == EXPECTED


@pytest.mark.parametrize("array", [list, lambda x: torch.tensor(x, dtype=torch.float64)], ids=["lists", "torch"])
def test_a_dict_of_tensors_gives_the_same_result(array):
    assert rnngraph.compute(lab_values(array)) == EXPECTED


def test_numpy_values_give_numpy_arrays():
    result = rnngraph.compute(lab_values(numpy.array))
    for key in ("values", "gradients"):
        assert set(result[key]) == set(EXPECTED[key])
        for name, tensor in result[key].items():
            assert isinstance(tensor, numpy.ndarray), name
            numpy.testing.assert_array_equal(tensor, numpy.asarray(EXPECTED[key][name], dtype=float))
    assert result["gradients"]["U"].shape == (2, 2)
    assert result["loss"] == EXPECTED["loss"]


@pytest.mark.parametrize("call", [lambda: rnngraph.draw(lenght=3), lambda: rnngraph.derive(wtr="U"),
                                  lambda: rnngraph.compute(LAB_VALUES, tolerence=1e-3)])
def test_a_misspelt_keyword_is_a_type_error(call):
    with pytest.raises(TypeError, match=r"unexpected keyword argument '(lenght|wtr|tolerence)' \(did you mean"):
        call()


def test_gradients_agree_with_autograd():
    values = lab_values(lambda x: torch.tensor(x, dtype=torch.float64, requires_grad=True))
    U, V, W = (values["parameters"][name] for name in "UVW")
    h, loss = values["h0"], 0
    x = values["inputs"]
    for t in range(2):
        h = torch.relu(U @ x[t] + V @ h)
        loss = loss + ((x[t + 1] - W @ h) ** 2).sum()
    loss.backward()
    result = rnngraph.compute(values)
    assert result["loss"] == pytest.approx(loss.item(), rel=1e-12)
    for name in "UVW":
        assert numpy.allclose(result["gradients"][name], values["parameters"][name].grad.numpy(), rtol=1e-12)
