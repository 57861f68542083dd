"""Adjoints of computed variables (the BPTT δ values), Jacobians and entries of
rnngraph against an independent PyTorch (float64) implementation, to 1e-8.

Sizes are distinct (D = 3, H = 4, K = 5 classes), so that a missing transpose
or a swapped index cannot cancel out. The torch code shares nothing with
rnngraph: δ values are torch's own .grad of retained intermediates, Jacobians
come from torch.autograd.functional.jacobian.
"""
import json
import os
import subprocess
import tempfile

import numpy as np
import pytest
import torch

torch.set_default_dtype(torch.float64)
RNNGRAPH = os.environ.get("RNNGRAPH", os.path.join(os.path.dirname(__file__), "../../.build/debug/rnngraph"))
D, H, K, N = 3, 4, 5, 4


def run(model, values, *extra, expect_json=True):
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "values.json")
        with open(path, "w") as f:
            json.dump(values, f)
        out = subprocess.run([RNNGRAPH, "--model", model, "--values", path, *extra],
                             capture_output=True, text=True)
        assert out.returncode == 0, out.stderr
        return json.loads(out.stdout) if expect_json else out.stdout


@pytest.fixture
def rng():
    return np.random.default_rng(1403)


def r(rng, *shape, scale=1.0):
    return (scale * rng.normal(size=shape)).round(3)


def goodfellow_values(rng):
    return {"U": r(rng, H, D).tolist(), "W": r(rng, H, H).tolist(), "V": r(rng, K, H).tolist(),
            "b": r(rng, H).tolist(), "c": r(rng, K).tolist(), "x": r(rng, N, D).tolist(),
            "y": [int(k) for k in rng.integers(0, K, size=N)], "h_0": r(rng, H).tolist()}


def goodfellow_torch(values, reduction="sum"):
    """Forward pass with every intermediate retained; returns (loss, {name: tensor}, {leaf: tensor})."""
    leaves = {name: torch.tensor(values[name], requires_grad=True) for name in ["U", "W", "V", "b", "c", "h_0"]}
    U, W, V, b, c, h = (leaves[k] for k in ["U", "W", "V", "b", "c", "h_0"])
    named = {}
    losses = []
    for s in range(N):
        t = s + 1
        a = b + W @ h + U @ torch.tensor(values["x"][s])
        h = torch.tanh(a)
        o = c + V @ h
        yhat = torch.softmax(o, 0)
        L_t = -torch.log(yhat[values["y"][s]])
        for name, tensor in [("a", a), ("h", h), ("o", o), ("yhat", yhat), ("L", L_t)]:
            tensor.retain_grad()
            named[f"{name}_{t}"] = tensor
        losses.append(L_t)
    loss = sum(losses) / (N if reduction == "mean" else 1)
    return loss, named, leaves


@pytest.mark.parametrize("reduction", ["sum", "mean"])
def test_adjoints_of_every_computed_variable(rng, reduction):
    """The δ values ∂L/∂a_t, ∂L/∂h_t, ∂L/∂o_t, ∂L/∂ŷ_t, ∂L/∂L_t, and every leaf's gradient."""
    values = goodfellow_values(rng)
    result = run("goodfellow", values, "--detail", "--reduction", reduction, "--json")
    loss, named, leaves = goodfellow_torch(values, reduction)
    loss.backward()
    assert abs(result["loss"] - loss.item()) <= 1e-10
    assert set(result["adjoints"]) == set(named)
    for name, tensor in named.items():
        got = np.asarray(result["adjoints"][name], dtype=float)
        np.testing.assert_allclose(got, tensor.grad.numpy(), rtol=1e-8, atol=1e-10, err_msg=name)
    for name, tensor in leaves.items():
        got = np.asarray(result["gradients"][name], dtype=float)
        np.testing.assert_allclose(got, tensor.grad.numpy(), rtol=1e-8, atol=1e-10, err_msg=name)


def test_adjoints_of_an_entry(rng):
    """--of 'h3[2]': the gradient of one entry of a hidden state (1-based), on leaves and on h_1, h_2."""
    values = goodfellow_values(rng)
    result = run("goodfellow", values, "--of", "h3[2]", "--json")
    _, named, leaves = goodfellow_torch(values)
    named["h_3"][1].backward()
    assert result["agreement"]["of"] == "h_3[2]"
    for name in ["h_1", "h_2", "o_1"]:
        got = np.asarray(result["adjoints"][name], dtype=float)
        want = named[name].grad.numpy() if named[name].grad is not None else np.zeros(named[name].shape)
        np.testing.assert_allclose(got, want, rtol=1e-8, atol=1e-10, err_msg=name)
    assert named["o_3"].grad is None and np.all(np.asarray(result["adjoints"]["o_3"]) == 0)
    for name, tensor in leaves.items():
        want = tensor.grad.numpy() if tensor.grad is not None else np.zeros(tensor.shape)
        np.testing.assert_allclose(np.asarray(result["gradients"][name], dtype=float), want,
                                   rtol=1e-8, atol=1e-10, err_msg=name)


def step_function(values, until, of):
    """h_until (or o_until) as a function of one leaf, for torch.autograd.functional.jacobian."""
    def f(name, leaf):
        leaves = {k: torch.tensor(values[k]) for k in ["U", "W", "V", "b", "c", "h_0"]}
        leaves[name] = leaf
        h = leaves["h_0"]
        for s in range(until):
            h = torch.tanh(leaves["b"] + leaves["W"] @ h + leaves["U"] @ torch.tensor(values["x"][s]))
        return h if of == "h" else leaves["c"] + leaves["V"] @ h
    return f


@pytest.mark.parametrize("of,wrt", [("h2", "U"), ("o3", "W"), ("h3", "h0"), ("o2", "V")])
def test_jacobians_nest_the_quantity_first(rng, of, wrt):
    values = goodfellow_values(rng)
    result = run("goodfellow", values, "--of", of, "--wrt", wrt, "--json")["jacobian"]
    name = "h_0" if wrt == "h0" else wrt
    f = step_function(values, int(of[1:]), of[0])
    want = torch.autograd.functional.jacobian(lambda leaf: f(name, leaf), torch.tensor(values[name])).numpy()
    got = np.asarray(result["values"], dtype=float)
    assert list(got.shape) == list(want.shape) == result["shape"], (got.shape, want.shape)
    np.testing.assert_allclose(got, want, rtol=1e-8, atol=1e-10)
    assert result["agrees"]


def test_jacobian_entries_are_one_based(rng):
    values = goodfellow_values(rng)
    f = step_function(values, 2, "h")
    want = torch.autograd.functional.jacobian(lambda leaf: f("U", leaf), torch.tensor(values["U"])).numpy()
    row = run("goodfellow", values, "--of", "h2[4]", "--wrt", "U", "--json")["jacobian"]
    np.testing.assert_allclose(np.asarray(row["values"]), want[3], rtol=1e-8, atol=1e-10)
    single = run("goodfellow", values, "--of", "h2[3]", "--wrt", "U[4,2]", "--json")["jacobian"]
    assert single["shape"] == []
    assert abs(single["values"] - want[2, 3, 1]) <= 1e-10


def truncated_torch(values, K):
    """∂L/∂θ keeping the paths through at most K recurrent steps: for each step loss L_t,
    h_{t-K-1} is detached, so that θ reaches L_t only through h_{t-K}, …, h_t."""
    leaves = {name: torch.tensor(values[name], requires_grad=True) for name in ["U", "W", "V", "b", "c", "h_0"]}
    U, W, V, b, c = (leaves[k] for k in ["U", "W", "V", "b", "c"])
    total = 0
    for t in range(1, N + 1):
        h = leaves["h_0"]
        for s in range(1, t + 1):
            if s - 1 < t - K:  # h_{s-1} is older than h_{t-K}: its dependence on θ is cut
                h = h.detach()
            h = torch.tanh(b + W @ h + U @ torch.tensor(values["x"][s - 1]))
        o = c + V @ h
        total = total - torch.log_softmax(o, 0)[values["y"][t - 1]]
    total.backward()
    return {name: leaf.grad.numpy() if leaf.grad is not None else np.zeros(leaf.shape) for name, leaf in leaves.items()}


@pytest.mark.parametrize("K", [0, 1, 2])
def test_truncated_gradients_and_lag_parts(rng, K):
    values = goodfellow_values(rng)
    result = run("goodfellow", values, "--truncate", str(K), "--json")
    want = truncated_torch(values, K)
    assert result["truncated"]["maximumLag"] == K
    for name in ["U", "W", "V", "b", "c"]:
        np.testing.assert_allclose(np.asarray(result["truncated"]["gradients"][name], dtype=float), want[name],
                                   rtol=1e-8, atol=1e-10, err_msg=f"{name} K={K}")
    # The part at lag K is the truncation to K minus the truncation to K - 1.
    below = truncated_torch(values, K - 1) if K > 0 else {name: 0 for name in want}
    for name in ["U", "W", "b"]:
        part = np.asarray(result["lags"]["parts"][name][K], dtype=float)
        np.testing.assert_allclose(part, want[name] - below[name], rtol=1e-8, atol=1e-10, err_msg=f"{name} lag {K}")
        assert abs(result["lags"]["norms"][name][K] - np.linalg.norm(want[name] - below[name])) <= 1e-10


def test_lag_parts_sum_to_the_full_gradient(rng):
    values = goodfellow_values(rng)
    result = run("goodfellow", values, "--lags", "--json")
    for name in ["U", "W", "V", "b", "c"]:
        total = np.sum(np.asarray(result["lags"]["parts"][name], dtype=float), axis=0)
        np.testing.assert_allclose(total, np.asarray(result["gradients"][name], dtype=float), rtol=1e-12, atol=1e-14)


EXAMPLES = os.path.join(os.path.dirname(__file__), "../../Docs/examples")


def run_file(model, values_path, *extra):
    out = subprocess.run([RNNGRAPH, "--model", model, "--values", values_path, "--json", *extra],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_fit3181_style_worked_example():
    """tanh, softmax, cross-entropy, the mean over steps t = 0, 1, 2: every value, δ value and gradient."""
    path = os.path.join(EXAMPLES, "bptt-worked.json")
    with open(path) as f:
        values = json.load(f)
    result = run_file("goodfellow", path, "--start-at-zero", "--reduction", "mean", "--detail")
    leaves = {name: torch.tensor(values[name], requires_grad=True) for name in ["U", "W", "V", "b", "c"]}
    U, W, V, b, c = (leaves[k] for k in ["U", "W", "V", "b", "c"])
    xs = [torch.tensor(x, dtype=torch.float64, requires_grad=True) for x in values["x"]]
    named, losses, h = {}, [], None
    for t, (x, y) in enumerate(zip(xs, values["y"])):
        a = b + U @ x + (W @ h if h is not None else 0)   # no recurrent input at the first step
        h = torch.tanh(a)
        o = c + V @ h
        yhat = torch.softmax(o, 0)
        L_t = -torch.log(yhat[y])
        for name, tensor in [("a", a), ("h", h), ("o", o), ("yhat", yhat), ("L", L_t)]:
            tensor.retain_grad()
            named[f"{name}_{t}"] = tensor
        losses.append(L_t)
    loss = sum(losses) / len(losses)
    loss.backward()
    assert abs(result["loss"] - loss.item()) <= 1e-12
    for name, tensor in named.items():
        np.testing.assert_allclose(np.asarray(result["values"][name], dtype=float), tensor.detach().numpy(),
                                   rtol=1e-8, atol=1e-12, err_msg=name)
        np.testing.assert_allclose(np.asarray(result["adjoints"][name], dtype=float), tensor.grad.numpy(),
                                   rtol=1e-8, atol=1e-12, err_msg=f"δ {name}")
    for name, tensor in list(leaves.items()) + [(f"x_{t}", x) for t, x in enumerate(xs)]:
        np.testing.assert_allclose(np.asarray(result["gradients"][name], dtype=float), tensor.grad.numpy(),
                                   rtol=1e-8, atol=1e-12, err_msg=name)


def test_scalar_walkthrough():
    """The scalar tanh RNN of Docs/examples/scalar-bptt.rnn, every quantity against torch."""
    path = os.path.join(EXAMPLES, "scalar-bptt.json")
    with open(path) as f:
        values = json.load(f)
    result = run_file(os.path.join(EXAMPLES, "scalar-bptt.rnn"), path, "--detail")
    p = {name: torch.tensor(float(values[name]), requires_grad=True) for name in ["W_x", "W_h", "b", "W_y", "h_0"]}
    h, loss, named = p["h_0"], 0, {}
    for t, (x, z) in enumerate(zip(values["x"], values["z"]), start=1):
        h = torch.tanh(p["W_x"] * x + p["W_h"] * h + p["b"])
        y = p["W_y"] * h
        h.retain_grad(), y.retain_grad()
        named[f"h_{t}"], named[f"y_{t}"] = h, y
        loss = loss + 0.5 * (y - z) ** 2
    loss.backward()
    assert abs(result["loss"] - loss.item()) <= 1e-12
    for name, tensor in named.items():
        assert abs(result["values"][name] - tensor.item()) <= 1e-12, name
        assert abs(result["adjoints"][name] - tensor.grad.item()) <= 1e-12, name
    for name, tensor in p.items():
        assert abs(result["gradients"][name] - tensor.grad.item()) <= 1e-12, name


def test_batched_rows_entry_jacobian(rng):
    """Row layout with a batch (pytorch model, B = 2): an entry of h_2 has two indices, [batch, unit]."""
    Dp, Hp, B = 3, 4, 2
    values = {"Wx": r(rng, Dp, Hp).tolist(), "Wh": r(rng, Hp, Hp).tolist(), "b": r(rng, Hp).tolist(),
              "x": r(rng, 2, B, Dp).tolist(), "G": r(rng, 2, B, Hp).tolist(), "h_0": r(rng, B, Hp).tolist()}

    def h2(Wh):
        h = torch.tensor(values["h_0"])
        for s in range(2):
            h = torch.tanh(torch.tensor(values["x"][s]) @ torch.tensor(values["Wx"]) + h @ Wh + torch.tensor(values["b"]))
        return h
    want = torch.autograd.functional.jacobian(h2, torch.tensor(values["Wh"])).numpy()
    whole = run("pytorch", values, "--of", "h2", "--wrt", "Wh", "--json")["jacobian"]
    assert whole["shape"] == [B, Hp, Hp, Hp]
    np.testing.assert_allclose(np.asarray(whole["values"]), want, rtol=1e-8, atol=1e-10)
    entry = run("pytorch", values, "--of", "h2[2,3]", "--wrt", "Wh", "--json")["jacobian"]
    np.testing.assert_allclose(np.asarray(entry["values"]), want[1, 2], rtol=1e-8, atol=1e-10)
