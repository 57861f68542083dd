"""Each operation of the catalogue against PyTorch (float64): a recurrence whose
state is computed by the operation, in columns (h_t = op(W h_{t-1} + U x_t) or
op(W h_{t-1}, U x_t), squared errors) and in rows (h_t = op(h_{t-1} W + x_t U),
upstream gradients), loss and every gradient to 1e-8.

The torch side uses torch's own functions (torch.nn.functional.softplus, gelu
with approximate="tanh", torch.maximum, torch.minimum, torch.abs,
torch.nn.functional.layer_norm) and torch.autograd; it shares no code with rnngraph.
Random values keep ties and zeros away, where conventions differ (PyTorch splits
the gradient of maximum/minimum between equal arguments; rnngraph gives it to the first).
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
D, H, K, N, B = 3, 4, 2, 3, 1

OPERATIONS = {
    "softplus": (1, lambda a: torch.nn.functional.softplus(a)),
    "gelu": (1, lambda a: torch.nn.functional.gelu(a, approximate="tanh")),
    "max": (2, lambda a, b: torch.maximum(a, b)),
    "min": (2, lambda a, b: torch.minimum(a, b)),
    "abs": (1, lambda a: torch.abs(a)),
    "layernorm": (1, lambda a: torch.nn.functional.layer_norm(a, a.shape[-1:])),
}


def run(model, values):
    with tempfile.TemporaryDirectory() as folder:
        paths = [os.path.join(folder, name) for name in ["model.rnn", "values.json"]]
        with open(paths[0], "w") as f:
            f.write(model)
        with open(paths[1], "w") as f:
            json.dump(values, f)
        out = subprocess.run([RNNGRAPH, "--model", paths[0], "--values", paths[1], "--json"],
                             capture_output=True, text=True)
        assert out.returncode == 0, out.stderr
        return json.loads(out.stdout)


def r(rng, *shape):
    return rng.normal(size=shape).round(3)


def t(a):
    return torch.tensor(np.asarray(a, dtype=float), requires_grad=True)


def check(result, loss, leaves):
    loss.backward()
    assert abs(result["loss"] - loss.item()) <= 1e-8 * max(1, abs(loss.item()))
    for name, tensor in leaves.items():
        got = np.asarray(result["gradients"][name], dtype=float).reshape(tensor.shape)
        np.testing.assert_allclose(got, tensor.grad.numpy(), rtol=1e-8, atol=1e-10, err_msg=name)


def state(name, arity, recurrent, given):
    return f"{name}({recurrent}, {given})" if arity == 2 else f"{name}({recurrent} + {given})"


@pytest.mark.parametrize("name", sorted(OPERATIONS))
def test_operation_in_columns(name):
    arity, torch_op = OPERATIONS[name]
    rng = np.random.default_rng(23)
    W, U, V, h0 = t(r(rng, H, H)), t(r(rng, H, D)), t(r(rng, K, H)), t(r(rng, H))
    xs, ys = r(rng, N, D), r(rng, N, K)
    model = f"time t = 1..N\nh_t = {state(name, arity, 'W h_{t-1}', 'U x_t')}\nL = sum_t (y_t - V h_t)^2\n"
    result = run(model, {"W": W.tolist(), "U": U.tolist(), "V": V.tolist(), "h_0": h0.tolist(),
                         "x": xs.tolist(), "y": ys.tolist()})
    h, loss = h0, 0
    for s in range(N):
        a, b = W @ h, U @ torch.tensor(xs[s])
        h = torch_op(a, b) if arity == 2 else torch_op(a + b)
        loss = loss + ((torch.tensor(ys[s]) - V @ h) ** 2).sum()
    check(result, loss, {"W": W, "U": U, "V": V, "h_0": h0})


@pytest.mark.parametrize("name", sorted(OPERATIONS))
def test_operation_in_rows(name):
    arity, torch_op = OPERATIONS[name]
    rng = np.random.default_rng(187)
    W, U, h0 = t(r(rng, H, H)), t(r(rng, D, H)), t(r(rng, B, H))
    xs, Gs = r(rng, N, B, D), r(rng, N, B, H)
    model = (f"time t = 1..N\nlayout rows\nh_t = {state(name, arity, 'h_{t-1} W', 'x_t U')}\n"
             "L = sum_t <G_t, h_t>\n")
    result = run(model, {"W": W.tolist(), "U": U.tolist(), "h_0": h0.tolist(), "x": xs.tolist(), "G": Gs.tolist()})
    h, loss = h0, 0
    for s in range(N):
        a, b = h @ W, torch.tensor(xs[s]) @ U
        h = torch_op(a, b) if arity == 2 else torch_op(a + b)
        loss = loss + (torch.tensor(Gs[s]) * h).sum()
    check(result, loss, {"W": W, "U": U, "h_0": h0})
