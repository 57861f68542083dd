"""Every bundled model, and models written here in the model language, against
an independent PyTorch (float64) implementation: the loss and the gradient of
every parameter and initial state, to 1e-8.

The implementations below share no code with rnngraph: LSTM and GRU use
torch.nn.LSTM / torch.nn.GRU, the others are written out with torch tensors
and differentiated by torch.autograd. Sizes are distinct (D = 3, H = 4,
K = 2, batch 2 for row layouts), so a missing transpose cannot cancel out.
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
MODELS = os.path.join(os.path.dirname(__file__), "../../Models")
D, H, K, N, B = 3, 4, 2, 3, 2


def run(model, values, *extra):
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "values.json")
        with open(path, "w") as f:
            json.dump(values, f)
        model_arg = model
        if "\n" in model:
            model_arg = os.path.join(folder, "model.rnn")
            with open(model_arg, "w") as f:
                f.write(model)
        out = subprocess.run([RNNGRAPH, "--model", model_arg, "--values", path, "--json", *extra],
                             capture_output=True, text=True)
        assert out.returncode == 0, out.stderr
        return json.loads(out.stdout)


def t(a):
    return torch.tensor(np.asarray(a, dtype=float), requires_grad=True)


def col(v):
    return v.reshape(-1, 1)


def check(result, loss, leaves):
    """leaves: name -> torch tensor with .grad after loss.backward(), in the file's shape."""
    loss.backward()
    assert abs(result["loss"] - loss.item()) <= 1e-8 * max(1, abs(loss.item()))
    for name, tensor in leaves.items():
        got = np.asarray(result["gradients"][name], dtype=float)
        want = tensor.grad.detach().numpy()
        assert got.shape == want.shape, (name, got.shape, want.shape)
        np.testing.assert_allclose(got, want, rtol=1e-8, atol=1e-10, err_msg=name)


@pytest.fixture
def rng():
    return np.random.default_rng(187)


def r(rng, *shape):
    return rng.normal(size=shape).round(3)


@pytest.mark.parametrize("steps", [N, 8])
def test_lstm_against_torch_nn_lstm(rng, steps):
    """At N = 8 the LSTM has 1.8 million paths: the path sum is skipped, the gradients still agree."""
    names = ["i", "f", "g", "o"]
    W_i = {g: r(rng, H, D) for g in names}
    W_h = {g: r(rng, H, H) for g in names}
    b = {g: r(rng, H) for g in names}
    W_hq, b_q = r(rng, K, H), r(rng, K)
    xs, ys = r(rng, steps, D), r(rng, steps, K)
    h0, c0 = r(rng, H), r(rng, H)
    values = {f"W_i{g}": W_i[g].tolist() for g in names} | {f"W_h{g}": W_h[g].tolist() for g in names}
    values |= {f"b_{g}": b[g].tolist() for g in names}
    values |= {"W_hq": W_hq.tolist(), "b_q": b_q.tolist(), "x": xs.tolist(), "y": ys.tolist(),
               "h_0": h0.tolist(), "c_0": c0.tolist()}
    result = run("lstm", values)

    lstm = torch.nn.LSTM(D, H)
    with torch.no_grad():
        lstm.weight_ih_l0.copy_(torch.tensor(np.concatenate([W_i[g] for g in names])))
        lstm.weight_hh_l0.copy_(torch.tensor(np.concatenate([W_h[g] for g in names])))
        lstm.bias_ih_l0.copy_(torch.tensor(np.concatenate([b[g] for g in names])))
        lstm.bias_hh_l0.zero_()
    th0, tc0, tWq, tbq = t(h0), t(c0), t(W_hq), t(b_q)
    out, _ = lstm(torch.tensor(xs), (th0.reshape(1, H), tc0.reshape(1, H)))
    p = out @ tWq.T + tbq
    loss = ((torch.tensor(ys) - p) ** 2).sum()
    loss.backward()
    assert abs(result["loss"] - loss.item()) <= 1e-8 * max(1, abs(loss.item()))
    grads = {"W_hq": tWq, "b_q": tbq, "h_0": th0, "c_0": tc0}
    for name, tensor in grads.items():
        np.testing.assert_allclose(np.asarray(result["gradients"][name]).reshape(tensor.shape),
                                   tensor.grad.numpy(), rtol=1e-8, atol=1e-10, err_msg=name)
    assert (result["agreement"]["pathSumVsReverse"] is None) == (steps == 8)
    assert result["agreement"]["agrees"]
    gi, gh = lstm.weight_ih_l0.grad.numpy(), lstm.weight_hh_l0.grad.numpy()
    gb = lstm.bias_ih_l0.grad.numpy()
    for k, g in enumerate(names):
        np.testing.assert_allclose(result["gradients"][f"W_i{g}"], gi[k * H:(k + 1) * H], rtol=1e-8, atol=1e-10)
        np.testing.assert_allclose(result["gradients"][f"W_h{g}"], gh[k * H:(k + 1) * H], rtol=1e-8, atol=1e-10)
        np.testing.assert_allclose(np.asarray(result["gradients"][f"b_{g}"]).ravel(), gb[k * H:(k + 1) * H],
                                   rtol=1e-8, atol=1e-10)


def test_gru_against_torch_nn_gru(rng):
    names = ["r", "z", "n"]
    W_i = {g: r(rng, H, D) for g in names}
    W_h = {g: r(rng, H, H) for g in names}
    b_i = {g: r(rng, H) for g in names}
    b_h = {g: r(rng, H) for g in names}
    W_hq, b_q = r(rng, K, H), r(rng, K)
    xs, ys, h0 = r(rng, N, D), r(rng, N, K), r(rng, H)
    values = {f"W_i{g}": W_i[g].tolist() for g in names} | {f"W_h{g}": W_h[g].tolist() for g in names}
    values |= {f"b_i{g}": b_i[g].tolist() for g in names} | {f"b_h{g}": b_h[g].tolist() for g in names}
    values |= {"W_hq": W_hq.tolist(), "b_q": b_q.tolist(), "x": xs.tolist(), "y": ys.tolist(), "h_0": h0.tolist()}
    result = run("gru", values)

    gru = torch.nn.GRU(D, H)
    with torch.no_grad():
        gru.weight_ih_l0.copy_(torch.tensor(np.concatenate([W_i[g] for g in names])))
        gru.weight_hh_l0.copy_(torch.tensor(np.concatenate([W_h[g] for g in names])))
        gru.bias_ih_l0.copy_(torch.tensor(np.concatenate([b_i[g] for g in names])))
        gru.bias_hh_l0.copy_(torch.tensor(np.concatenate([b_h[g] for g in names])))
    th0, tWq, tbq = t(h0), t(W_hq), t(b_q)
    out, _ = gru(torch.tensor(xs), th0.reshape(1, H))
    loss = ((torch.tensor(ys) - (out @ tWq.T + tbq)) ** 2).sum()
    loss.backward()
    assert abs(result["loss"] - loss.item()) <= 1e-8 * max(1, abs(loss.item()))
    for name, tensor in {"W_hq": tWq, "b_q": tbq, "h_0": th0}.items():
        np.testing.assert_allclose(np.asarray(result["gradients"][name]).reshape(tensor.shape),
                                   tensor.grad.numpy(), rtol=1e-8, atol=1e-10, err_msg=name)
    for k, g in enumerate(names):
        rows = slice(k * H, (k + 1) * H)
        np.testing.assert_allclose(result["gradients"][f"W_i{g}"], gru.weight_ih_l0.grad.numpy()[rows], rtol=1e-8, atol=1e-10)
        np.testing.assert_allclose(result["gradients"][f"W_h{g}"], gru.weight_hh_l0.grad.numpy()[rows], rtol=1e-8, atol=1e-10)
        np.testing.assert_allclose(np.ravel(result["gradients"][f"b_i{g}"]), gru.bias_ih_l0.grad.numpy()[rows], rtol=1e-8, atol=1e-10)
        np.testing.assert_allclose(np.ravel(result["gradients"][f"b_h{g}"]), gru.bias_hh_l0.grad.numpy()[rows], rtol=1e-8, atol=1e-10)


def test_cs187(rng):
    U, V, W = t(r(rng, H, D)), t(r(rng, H, H)), t(r(rng, D, H))
    xs = r(rng, N + 1, D)
    h0 = t(r(rng, H))
    result = run("cs187", {"U": U.tolist(), "V": V.tolist(), "W": W.tolist(), "x": xs.tolist(), "h_0": h0.tolist()})
    h, loss = h0, 0
    for s in range(N):
        h = torch.relu(U @ torch.tensor(xs[s]) + V @ h)
        loss = loss + ((torch.tensor(xs[s + 1]) - W @ h) ** 2).sum()
    check(result, loss, {"U": U, "V": V, "W": W, "h_0": h0})


def test_goodfellow_with_class_targets(rng):
    U, W, V = t(r(rng, H, D)), t(r(rng, H, H)), t(r(rng, K + 1, H))
    b, c = t(r(rng, H)), t(r(rng, K + 1))
    xs, ys, h0 = r(rng, N, D), [0, 2, 1], t(r(rng, H))
    result = run("goodfellow", {"U": U.tolist(), "W": W.tolist(), "V": V.tolist(), "b": b.tolist(), "c": c.tolist(),
                                "x": xs.tolist(), "y": ys, "h_0": h0.tolist()}, "--reduction", "mean")
    h, loss = h0, 0
    for s in range(N):
        h = torch.tanh(b + W @ h + U @ torch.tensor(xs[s]))
        o = c + V @ h
        loss = loss - torch.log_softmax(o, 0)[ys[s]]
    check(result, loss / N, {"U": U, "W": W, "V": V, "b": b, "c": c, "h_0": h0})


def test_pytorch_rows_with_batch(rng):
    Wx, Wh, b = t(r(rng, D, H)), t(r(rng, H, H)), t(r(rng, H))
    xs, Gs, h0 = r(rng, N, B, D), r(rng, N, B, H), t(r(rng, B, H))
    result = run("pytorch", {"Wx": Wx.tolist(), "Wh": Wh.tolist(), "b": b.tolist(), "x": xs.tolist(),
                             "G": Gs.tolist(), "h_0": h0.tolist()})
    h, loss = h0, 0
    for s in range(N):
        h = torch.tanh(torch.tensor(xs[s]) @ Wx + h @ Wh + b)
        loss = loss + (torch.tensor(Gs[s]) * h).sum()
    check(result, loss, {"Wx": Wx, "Wh": Wh, "b": b, "h_0": h0})


def test_elman_d2l_rows_mean_cross_entropy(rng):
    W_xh, W_hh, W_hq = t(r(rng, D, H)), t(r(rng, H, H)), t(r(rng, H, K + 2))
    b_h, b_q = t(r(rng, H)), t(r(rng, K + 2))
    xs, ys = r(rng, N, 1, D), [1, 3, 0]
    result = run("elman", {"W_xh": W_xh.tolist(), "W_hh": W_hh.tolist(), "W_hq": W_hq.tolist(), "b_h": b_h.tolist(),
                           "b_q": b_q.tolist(), "x": xs.tolist(), "y": ys})
    h, loss = torch.zeros(1, H), 0
    for s in range(N):
        h = torch.tanh(torch.tensor(xs[s]) @ W_xh + h @ W_hh + b_h)
        o = h @ W_hq + b_q
        loss = loss - torch.log_softmax(o.ravel(), 0)[ys[s]]
    result_grads = {"W_xh": W_xh, "W_hh": W_hh, "W_hq": W_hq}
    check(result, loss / N, result_grads)
    np.testing.assert_allclose(np.ravel(result["gradients"]["b_h"]), b_h.grad.numpy(), rtol=1e-8, atol=1e-10)


def test_stacked(rng):
    p = {name: t(r(rng, *shape)) for name, shape in
         [("W^(1)_x", (H, D)), ("W^(1)_h", (H, H)), ("b^(1)", (H,)), ("W^(2)_x", (H + 1, H)),
          ("W^(2)_h", (H + 1, H + 1)), ("b^(2)", (H + 1,)), ("V", (K, H + 1)), ("c", (K,))]}
    xs, ys = r(rng, N, D), r(rng, N, K)
    h1_0, h2_0 = t(r(rng, H)), t(r(rng, H + 1))
    values = {k: v.tolist() for k, v in p.items()} | {"x": xs.tolist(), "y": ys.tolist(),
                                                      "h^(1)_0": h1_0.tolist(), "h^(2)_0": h2_0.tolist()}
    result = run("stacked", values)
    h1, h2, loss = h1_0, h2_0, 0
    for s in range(N):
        h1 = torch.tanh(p["W^(1)_x"] @ torch.tensor(xs[s]) + p["W^(1)_h"] @ h1 + p["b^(1)"])
        h2 = torch.tanh(p["W^(2)_x"] @ h1 + p["W^(2)_h"] @ h2 + p["b^(2)"])
        loss = loss + ((torch.tensor(ys[s]) - (p["V"] @ h2 + p["c"])) ** 2).sum()
    check(result, loss, p | {"h^(1)_0": h1_0, "h^(2)_0": h2_0})


def test_bidirectional(rng):
    p = {name: t(r(rng, *shape)) for name, shape in
         [("W_f", (H, D)), ("V_f", (H, H)), ("b_f", (H,)), ("W_g", (H + 1, D)), ("V_g", (H + 1, H + 1)),
          ("b_g", (H + 1,)), ("U_f", (K, H)), ("U_g", (K, H + 1)), ("c", (K,))]}
    xs, ys = r(rng, N, D), r(rng, N, K)
    f0, gN = t(r(rng, H)), t(r(rng, H + 1))
    result = run("bidirectional", {k: v.tolist() for k, v in p.items()}
                 | {"x": xs.tolist(), "y": ys.tolist(), "f_0": f0.tolist(), f"g_{N + 1}": gN.tolist()})
    f, fs = f0, []
    for s in range(N):
        f = torch.tanh(p["W_f"] @ torch.tensor(xs[s]) + p["V_f"] @ f + p["b_f"])
        fs.append(f)
    g, gs = gN, [None] * N
    for s in reversed(range(N)):
        g = torch.tanh(p["W_g"] @ torch.tensor(xs[s]) + p["V_g"] @ g + p["b_g"])
        gs[s] = g
    loss = sum(((torch.tensor(ys[s]) - (p["U_f"] @ fs[s] + p["U_g"] @ gs[s] + p["c"])) ** 2).sum() for s in range(N))
    check(result, loss, p | {"f_0": f0, f"g_{N + 1}": gN})


def test_bigram_sequence_probability(rng):
    T = rng.random((2, 2)) + 0.1
    T = T / T.sum(axis=1, keepdims=True)
    sequence = [0, 0, 1, 1, 0]
    xs = np.eye(2)[sequence]
    values = {"U": np.eye(2).tolist(), "V": np.zeros((2, 2)).tolist(), "W": T.T.tolist(), "x": xs.tolist()}
    result = run("bigram", values)
    probability = np.prod([T[a, b] for a, b in zip(sequence, sequence[1:])])
    assert abs(np.exp(-result["loss"]) - probability) <= 1e-12


ELEMENTWISE = """
# An element-wise (diagonal) recurrence, many-to-one, with a squared error on the last step.
time t = 1..N
targets y
h_t = tanh(w * h_{t-1} + U x_t + 0.5 * b)
L = (y - v^T h_N)^2
"""


def test_user_model_elementwise_many_to_one(rng):
    w, U, b, v = t(r(rng, H)), t(r(rng, H, D)), t(r(rng, H)), t(r(rng, H))
    xs, y, h0 = r(rng, N, D), r(rng, 1), t(r(rng, H))
    result = run(ELEMENTWISE, {"w": w.tolist(), "U": U.tolist(), "b": b.tolist(), "v": v.tolist(), "x": xs.tolist(),
                               "y": y.tolist(), "h_0": h0.tolist()})
    h = h0
    for s in range(N):
        h = torch.tanh(w * h + U @ torch.tensor(xs[s]) + 0.5 * b)
    loss = ((torch.tensor(y) - v @ h) ** 2).sum()
    check(result, loss, {"w": w, "U": U, "b": b, "v": v, "h_0": h0})


CONCAT = """
# A recurrence on the stacked vector [h_{t-1}; x_t], sigmoid output, mean of squared errors.
time t = 1..N
h_t = tanh(W_a [h_{t-1}; x_t] + b_a)
yhat_t := sigmoid(W_y h_t)
L = mean_t (y_t - yhat_t)^2
"""


def test_user_model_concatenation(rng):
    W_a, b_a, W_y = t(r(rng, H, H + D)), t(r(rng, H)), t(r(rng, K, H))
    xs, ys = r(rng, N, D), r(rng, N, K)
    result = run(CONCAT, {"W_a": W_a.tolist(), "b_a": b_a.tolist(), "W_y": W_y.tolist(), "x": xs.tolist(),
                          "y": ys.tolist()})
    h, loss = torch.zeros(H), 0
    for s in range(N):
        h = torch.tanh(W_a @ torch.cat([h, torch.tensor(xs[s])]) + b_a)
        loss = loss + ((torch.tensor(ys[s]) - torch.sigmoid(W_y @ h)) ** 2).sum()
    check(result, loss / N, {"W_a": W_a, "b_a": b_a, "W_y": W_y})


def test_layernorm_lstm(rng):
    """The bundled layer-normalised LSTM against torch.nn.functional.layer_norm (eps 1e-5) and torch's gates."""
    gates = ["i", "f", "g", "o"]
    p = {f"W_h{g}": t(r(rng, H, H)) for g in gates} | {f"W_i{g}": t(r(rng, H, D)) for g in gates}
    p |= {f"b_{g}": t(r(rng, H)) for g in gates}
    p |= {"w_c": t(r(rng, H)), "b_c": t(r(rng, H)), "W_hq": t(r(rng, K, H)), "b_q": t(r(rng, K))}
    xs, ys = r(rng, N, D), r(rng, N, K)
    h0, c0 = t(r(rng, H)), t(r(rng, H))
    result = run("layernorm-lstm", {k: v.tolist() for k, v in p.items()}
                 | {"x": xs.tolist(), "y": ys.tolist(), "h_0": h0.tolist(), "c_0": c0.tolist()})

    def ln(v):
        return torch.nn.functional.layer_norm(v, (H,))

    h, c, loss = h0, c0, 0
    for s in range(N):
        x = torch.tensor(xs[s])
        pre = {g: ln(p[f"W_h{g}"] @ h) + ln(p[f"W_i{g}"] @ x) + p[f"b_{g}"] for g in gates}
        i, f, g, o = torch.sigmoid(pre["i"]), torch.sigmoid(pre["f"]), torch.tanh(pre["g"]), torch.sigmoid(pre["o"])
        c = f * c + i * g
        h = o * torch.tanh(p["w_c"] * ln(c) + p["b_c"])
        loss = loss + ((torch.tensor(ys[s]) - (p["W_hq"] @ h + p["b_q"])) ** 2).sum()
    check(result, loss, p | {"h_0": h0, "c_0": c0})
