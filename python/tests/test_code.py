"""rnngraph.code and rnngraph.load_code: the generated module's text, imported and run."""
import numpy as np
import pytest
import rnngraph


def test_code_is_the_tools_module_text():
    source = rnngraph.code(model="pytorch", target="numpy")
    assert source.startswith('"""Forward and backward passes')
    assert "def step_backward(t, cache, deltas):" in source
    assert source == rnngraph.code(model="pytorch", target="numpy")


def test_load_code_runs_the_backward_pass():
    module = rnngraph.load_code(model="pytorch", target="numpy")
    rng = np.random.default_rng(4)
    values = {"Wx": rng.normal(size=(3, 4)), "Wh": rng.normal(size=(4, 4)), "b": rng.normal(size=4),
              "x": [rng.normal(size=(2, 3)) for _ in range(3)], "G": [rng.normal(size=(2, 4)) for _ in range(3)]}
    grads = module.gradients(values)
    assert sorted(grads) == ["Wh", "Wx", "b", "h_0"]
    # A central difference of the loss along one entry of Wx agrees with the generated gradient.
    eps = 1e-6
    plus = {**values, "Wx": values["Wx"].copy()}
    minus = {**values, "Wx": values["Wx"].copy()}
    plus["Wx"][1, 2] += eps
    minus["Wx"][1, 2] -= eps
    estimate = (module.loss(plus) - module.loss(minus)) / (2 * eps)
    assert abs(estimate - grads["Wx"][1, 2]) < 1e-6


def test_a_refused_model_raises_with_the_reason():
    rows = "time t = 1..N\nlayout rows\nh_t = tanh(layernorm(x_t W + h_{t-1} V))\nL = sum_t (y_t - h_t)^2\n"
    with pytest.raises(rnngraph.RNNGraphError, match="operation layernorm is printed for column vectors only"):
        rnngraph.code(model=rows)
