"""The Python modules `rnngraph --code numpy|torch` writes, imported and run here:
every gradient of the generated backward pass (NumPy and torch) against torch
autograd through the generated torch forward pass (float64, 1e-10 relative),
the generated loss against rnngraph's own evaluator (--values), at N = 1, 2, 7
with distinct sizes (D = 3, H = 4, K = 2, batch 3 for row layouts). Models
the code printer refuses must be refused with a one-line reason; a mutated
backward pass (a transpose flipped, a term dropped) must fail the comparison.
"""
import importlib.util
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import pytest
import torch

torch.set_default_dtype(torch.float64)
RNNGRAPH = os.environ.get("RNNGRAPH", os.path.join(os.path.dirname(__file__), "../../.build/debug/rnngraph"))
D, H, K, B = 3, 4, 2, 3
STEPS = [1, 2, 7]

# Model texts written here: LSTM and GRU variants, an element-wise recurrence,
# a rows model with a batch, the catalogue's element-wise operations, an LSTM on a stacked
# vector, a recurrence two steps back, numbers that scale vectors (declared and not), decimal factors, a many-to-one loss.
WRITTEN = {
    "coupled-lstm": """model "LSTM with coupled input and forget gates"
time t = 1..N
f_t = sigmoid(W_xf x_t + W_hf h_{t-1} + b_f)
g_t = tanh(W_xg x_t + W_hg h_{t-1} + b_g)
o_t = sigmoid(W_xo x_t + W_ho h_{t-1} + b_o)
c_t = f_t * c_{t-1} + (1 - f_t) * g_t
h_t = o_t * tanh(c_t)
p_t = W_hq h_t + b_q
L = sum_t (y_t - p_t)^2
""",
    "rows-gru": """model "GRU in rows with a batch"
time t = 1..N
layout rows
r_t = sigmoid(x_t W_xr + h_{t-1} W_hr + b_r)
z_t = sigmoid(x_t W_xz + h_{t-1} W_hz + b_z)
n_t = tanh(x_t W_xn + (r_t * h_{t-1}) W_hn + b_n)
h_t = (1 - z_t) * n_t + z_t * h_{t-1}
o_t = h_t W_hq + b_q
L = sum_t (y_t - o_t)^2
""",
    "elementwise": """model "Element-wise recurrence (IndRNN)"
time t = 1..N
h_t = relu(W x_t + u * h_{t-1} + b)
o_t = V h_t + c
L = sum_t (y_t - o_t)^2
""",
    "rows-batch": """model "Elman in rows with a batch, squared error"
time t = 1..N
layout rows
h_t = tanh(x_t W_xh + h_{t-1} W_hh + b_h)
o_t = h_t W_hq + b_q
L = sum_t (y_t - o_t)^2
""",
    "operations": """model "The catalogue's element-wise operations, one equation each"
time t = 1..N
a_t = W x_t + V h_{t-1} + b
g_t = gelu(a_t)
s_t = softplus(a_t)
m_t = max(g_t, h_{t-1})
n_t = min(s_t, h_{t-1})
k_t = abs(n_t)
h_t = tanh(m_t - k_t)
o_t = U h_t + c
L = sum_t (y_t - o_t)^2
""",
    "colah-lstm": """model "LSTM on the stacked vector [h_{t-1}; x_t] (Colah)"
time t = 1..N
f_t = sigmoid(W_f [h_{t-1}; x_t] + b_f)
i_t = sigmoid(W_i [h_{t-1}; x_t] + b_i)
g_t = tanh(W_g [h_{t-1}; x_t] + b_g)
o_t = sigmoid(W_o [h_{t-1}; x_t] + b_o)
c_t = f_t * c_{t-1} + i_t * g_t
h_t = o_t * tanh(c_t)
p_t = W_q h_t + b_q
L = sum_t (y_t - p_t)^2
""",
    "lag-2": """model "A recurrence two steps back"
time t = 1..N
h_t = tanh(W x_t + V h_{t-2} + b)
o_t = U h_t + c
L = sum_t (y_t - o_t)^2
""",
    "scalar": """model "Numbers that scale vectors"
scalars a, c
time t = 1..N
h_t = tanh(a * (W x_t) + h_{t-1} * c)
L = sum_t (y_t - V h_t)^2
""",
    # The same without its declaration: a and c are read as vectors, and a number given for them is broadcast.
    "scalar-undeclared": """model "Numbers that scale vectors, undeclared"
time t = 1..N
h_t = tanh(a * (W x_t) + h_{t-1} * c)
L = sum_t (y_t - V h_t)^2
""",
    "decimals": """model "Decimal constants that scale"
time t = 1..N
h_t = 0.5 * tanh(W x_t + U h_{t-1}) + h_{t-1} * 0.25
L = sum_t (y_t - V h_t)^2
""",
    "many-to-one": """model "Many-to-one: only the last output is scored"
time t = 1..N
h_t = tanh(U x_t + W h_{t-1} + b)
o_t = V h_t + c
L = (y - o_N)^2
""",
    "many-to-one-target": """model "Many-to-one with a declared untimed target"
time t = 1..N
targets y
h_t = tanh(U x_t + W h_{t-1} + b)
L = (y - V h_N)^2
""",
}

# Models the code printer refuses, and the reason it gives (a bundled name or a text written here).
REFUSED = {
    "rows-layernorm": "operation layernorm is printed for column vectors only",
    "rows-concatenation": "concatenation is printed for column vectors only",
}
REFUSED_TEXT = {
    "rows-layernorm": """model "Layer norm in rows"
time t = 1..N
layout rows
h_t = tanh(layernorm(x_t W_x + h_{t-1} W_h) + b)
o_t = h_t W_o + c
L = sum_t (y_t - o_t)^2
""",
    "rows-concatenation": """model "A stacked vector in rows"
time t = 1..N
layout rows
h_t = tanh([h_{t-1}; x_t] W + b)
o_t = h_t W_o + c
L = sum_t (y_t - o_t)^2
""",
}


def shapes(model):
    """Each leaf's shape (a tuple; "seq" marks one entry per step) and how its values are drawn."""
    rows = model in ("pytorch", "elman", "rows-gru", "rows-batch")
    # rnngraph's evaluator reads one class index per step, so the cross-entropy model has no batch.
    vec = (lambda n: (B, n)) if rows and model != "elman" else (lambda n: (n,))
    mat = (lambda a, b: (a, b)) if rows else (lambda a, b: (b, a))  # rows: x W is (D, H); columns: W x is (H, D)
    if model == "pytorch":
        return {"Wx": mat(D, H), "Wh": mat(H, H), "b": (H,), "h_0": vec(H), "x": ("seq", vec(D)), "G": ("seq", vec(H))}
    if model == "elman":
        return {"W_xh": mat(D, H), "W_hh": mat(H, H), "b_h": (H,), "W_hq": mat(H, K), "b_q": (K,), "h_0": vec(H),
                "x": ("seq", vec(D)), "y": ("seq", "classes")}
    if model == "rows-batch":
        return {"W_xh": mat(D, H), "W_hh": mat(H, H), "b_h": (H,), "W_hq": mat(H, K), "b_q": (K,), "h_0": vec(H),
                "x": ("seq", vec(D)), "y": ("seq", vec(K))}
    if model == "rows-gru":
        s = {f"W_x{g}": mat(D, H) for g in "rzn"} | {f"W_h{g}": mat(H, H) for g in "rzn"} | {f"b_{g}": (H,) for g in "rzn"}
        return s | {"W_hq": mat(H, K), "b_q": (K,), "h_0": vec(H), "x": ("seq", vec(D)), "y": ("seq", vec(K))}
    if model == "goodfellow":
        return {"U": mat(D, H), "W": mat(H, H), "V": mat(H, K), "b": (H,), "c": (K,), "h_0": (H,),
                "x": ("seq", (D,)), "y": ("seq", "classes")}
    if model == "gru":
        s = {f"W_i{g}": mat(D, H) for g in "rzn"} | {f"W_h{g}": mat(H, H) for g in "rzn"}
        s |= {f"b_i{g}": (H,) for g in "rzn"} | {f"b_h{g}": (H,) for g in "rzn"}
        return s | {"W_hq": mat(H, K), "b_q": (K,), "h_0": (H,), "x": ("seq", (D,)), "y": ("seq", (K,))}
    if model == "lstm":
        s = {f"W_i{g}": mat(D, H) for g in "ifgo"} | {f"W_h{g}": mat(H, H) for g in "ifgo"}
        s |= {f"b_{g}": (H,) for g in "ifgo"}
        return s | {"W_hq": mat(H, K), "b_q": (K,), "h_0": (H,), "c_0": (H,), "x": ("seq", (D,)), "y": ("seq", (K,))}
    if model == "coupled-lstm":
        s = {f"W_x{g}": mat(D, H) for g in "fgo"} | {f"W_h{g}": mat(H, H) for g in "fgo"} | {f"b_{g}": (H,) for g in "fgo"}
        return s | {"W_hq": mat(H, K), "b_q": (K,), "h_0": (H,), "c_0": (H,), "x": ("seq", (D,)), "y": ("seq", (K,))}
    if model == "stacked":
        return {"W^(1)_x": mat(D, H), "W^(1)_h": mat(H, H), "b^(1)": (H,), "W^(2)_x": mat(H, 5), "W^(2)_h": mat(5, 5),
                "b^(2)": (5,), "V": mat(5, K), "c": (K,), "h^(1)_0": (H,), "h^(2)_0": (5,),
                "x": ("seq", (D,)), "y": ("seq", (K,))}
    if model == "cs187":
        return {"U": (), "V": (), "W": (), "h_0": (), "x": ("seq+1", ())}
    if model == "bigram":
        return {"U": mat(D, H), "V": mat(H, H), "W": mat(H, D), "h_0": (H,), "x": ("seq+1", (D,)), "positive": True}
    if model == "elementwise":
        return {"W": mat(D, H), "u": (H,), "b": (H,), "V": mat(H, K), "c": (K,), "h_0": (H,),
                "x": ("seq", (D,)), "y": ("seq", (K,))}
    if model == "operations":
        return {"W": mat(D, H), "V": mat(H, H), "b": (H,), "U": mat(H, K), "c": (K,), "h_0": (H,),
                "x": ("seq", (D,)), "y": ("seq", (K,))}
    if model == "layernorm-lstm":
        s = {f"W_h{g}": mat(H, H) for g in "ifgo"} | {f"W_i{g}": mat(D, H) for g in "ifgo"}
        s |= {f"b_{g}": (H,) for g in "ifgo"} | {"w_c": (H,), "b_c": (H,)}
        return s | {"W_hq": mat(H, K), "b_q": (K,), "h_0": (H,), "c_0": (H,), "x": ("seq", (D,)), "y": ("seq", (K,))}
    if model == "colah-lstm":
        s = {f"W_{g}": mat(H + D, H) for g in "figo"} | {f"b_{g}": (H,) for g in "figo"}
        return s | {"W_q": mat(H, K), "b_q": (K,), "h_0": (H,), "c_0": (H,), "x": ("seq", (D,)), "y": ("seq", (K,))}
    if model == "lag-2":
        return {"W": mat(D, H), "V": mat(H, H), "b": (H,), "U": mat(H, K), "c": (K,), "h_-1": (H,), "h_0": (H,),
                "x": ("seq", (D,)), "y": ("seq", (K,))}
    if model == "bidirectional":
        return {"W_f": mat(D, H), "V_f": mat(H, H), "b_f": (H,), "W_g": mat(D, 5), "V_g": mat(5, 5), "b_g": (5,),
                "U_f": mat(H, K), "U_g": mat(5, K), "c": (K,), "f_0": (H,), "g_{N+1}": (5,),
                "x": ("seq", (D,)), "y": ("seq", (K,))}
    if model == "decimals":
        return {"W": mat(D, H), "U": mat(H, H), "V": mat(H, K), "h_0": (H,), "x": ("seq", (D,)), "y": ("seq", (K,))}
    if model in ("scalar", "scalar-undeclared"):
        return {"a": (), "c": (), "W": mat(D, H), "V": mat(H, K), "h_0": (H,), "x": ("seq", (D,)), "y": ("seq", (K,))}
    if model == "many-to-one":
        return {"U": mat(D, H), "W": mat(H, H), "b": (H,), "V": mat(H, K), "c": (K,), "h_0": (H,),
                "x": ("seq", (D,)), "y": (K,)}
    if model == "many-to-one-target":
        return {"U": mat(D, H), "W": mat(H, H), "b": (H,), "V": mat(H, K), "h_0": (H,), "x": ("seq", (D,)), "y": (K,)}
    raise KeyError(model)


def make_values(model, steps, seed):
    rng = np.random.default_rng(seed)
    spec = shapes(model)
    positive = spec.pop("positive", False)

    def draw(shape):
        if positive:
            return rng.uniform(0.1, 1.0, size=shape)
        return rng.normal(scale=0.6, size=shape)

    values = {}
    for name, shape in spec.items():
        # A values file names the state after the last step by its number: g_3 at N = 2.
        name = name.replace("_{N+1}", f"_{steps + 1}")
        if isinstance(shape, tuple) and shape and shape[0] in ("seq", "seq+1"):
            count = steps + (1 if shape[0] == "seq+1" else 0)
            if shape[1] == "classes":
                values[name] = [int(rng.integers(0, K)) for _ in range(count)]
            else:
                values[name] = [draw(shape[1]).tolist() for _ in range(count)]
        else:
            values[name] = draw(shape).tolist()
    return values


def rnngraph(*args, text=None):
    with tempfile.TemporaryDirectory() as folder:
        args = list(args)
        if text is not None:
            path = os.path.join(folder, "model.rnn")
            with open(path, "w") as f:
                f.write(text)
            args = ["--model", path] + args
        return subprocess.run([RNNGRAPH, *args], capture_output=True, text=True)


def model_args(model):
    texts = WRITTEN | REFUSED_TEXT
    return ([], texts[model]) if model in texts else (["--model", model], None)


_cache = {}


def generated(model, target):
    key = (model, target)
    if key not in _cache:
        args, text = model_args(model)
        out = rnngraph(*args, "--code", target, text=text)
        assert out.returncode == 0, out.stderr
        _cache[key] = out.stdout
    return _cache[key]


def load(source, name):
    folder = tempfile.mkdtemp()
    path = os.path.join(folder, f"{name}.py")
    with open(path, "w") as f:
        f.write(source)
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def timed(model):
    """The names of the inputs and targets: one entry per step, or an untimed target (declared `targets y`)."""
    declared = {"y"} if "targets y" in WRITTEN.get(model, "") else set()
    return declared | {name for name, shape in shapes(model).items()
                       if isinstance(shape, tuple) and shape and shape[0] in ("seq", "seq+1")}


def untimed(model):
    """The untimed targets among `timed(model)`: one tensor, not one per step."""
    return {name for name in timed(model) if shapes(model).get(name, ("seq",))[0] not in ("seq", "seq+1")}


def autograd(torch_module, values, timed_names, untimed_names=frozenset()):
    """The loss and every parameter's and initial state's gradient by torch autograd through the
    generated torch forward pass (inputs and targets are given, not differentiated)."""
    leaves = {}
    tensors = {}
    for name, value in values.items():
        if name in untimed_names:
            tensors[name] = torch.tensor(np.asarray(value, dtype=float))  # an untimed target
            continue
        if name in timed_names:
            classes = all(isinstance(v, int) for v in value)
            tensors[name] = value if classes else [torch.tensor(v) for v in value]
            continue
        leaf = torch.tensor(np.asarray(value, dtype=float), requires_grad=True)
        leaves[name] = leaf
        tensors[name] = leaf
    loss = torch_module.loss(tensors)
    loss.backward()
    # A leaf the loss does not read (h_0 of a lag-2 recurrence at N = 1) has gradient zero.
    return loss.item(), {name: np.zeros(tuple(leaf.shape)) if leaf.grad is None else leaf.grad.numpy()
                         for name, leaf in leaves.items()}


def compare(got, want, rtol=1e-10):
    """Every gradient of `want` in `got`, to `rtol` relative to the largest entry; returns the mismatches."""
    bad = []
    for name, w in want.items():
        g = np.asarray(got[name].detach() if hasattr(got[name], "detach") else got[name], dtype=float)
        scale = max(1.0, float(np.abs(w).max()))
        if g.shape != w.shape or not np.allclose(g, w, rtol=0, atol=rtol * scale):
            bad.append(name)
    return bad


GENERATED = ["pytorch", "elman", "goodfellow", "gru", "lstm", "stacked", "cs187", "bigram", "bidirectional",
             "layernorm-lstm", *WRITTEN]


@pytest.mark.parametrize("model", GENERATED)
@pytest.mark.parametrize("steps", STEPS)
def test_generated_gradients_equal_autograd(model, steps):
    np_module = load(generated(model, "numpy"), f"np_{model.replace('-', '_')}")
    torch_module = load(generated(model, "torch"), f"torch_{model.replace('-', '_')}")
    values = make_values(model, steps, seed=25 + steps)
    if model == "lag-2":
        # At N = 1 the cases of δ derived for long sequences overlap: the module has a backward pass for N = 1.
        assert "def backward_n1(cache):" in generated(model, "numpy") and "holds for N >=" not in generated(model, "numpy")
    want_loss, want = autograd(torch_module, values, timed(model), untimed(model))
    assert set(want) == set(np_module.gradients(values)), "a gradient for every parameter and initial state"
    assert compare(np_module.gradients(values), want) == []
    assert compare(torch_module.gradients(values), want) == []
    assert abs(float(np_module.loss(values)) - want_loss) <= 1e-10 * max(1.0, abs(want_loss))


@pytest.mark.parametrize("model", GENERATED)
def test_generated_loss_equals_rnngraph_values(model):
    """The generated forward pass against rnngraph's own evaluator of the model."""
    np_module = load(generated(model, "numpy"), f"np_loss_{model.replace('-', '_')}")
    values = make_values(model, 2, seed=7)
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "values.json")
        with open(path, "w") as f:
            json.dump(values, f)
        args, text = model_args(model)
        out = rnngraph(*args, "--values", path, "--json", "--length", "2", text=text)
    assert out.returncode == 0, out.stderr
    expected = json.loads(out.stdout)["loss"]
    assert abs(float(np_module.loss(values)) - expected) <= 1e-9 * max(1.0, abs(expected))


@pytest.mark.parametrize("model", GENERATED)
def test_initial_states_default_to_zeros(model):
    np_module = load(generated(model, "numpy"), f"np_zero_{model.replace('-', '_')}")
    values = make_values(model, 2, seed=3)
    initial = {k for k in values if k.endswith(("_0", "_-1")) or k == "g_3"}  # g_{N+1} at N = 2
    zeros = {k: (np.zeros_like(np.asarray(v, dtype=float)).tolist() if k in initial else v) for k, v in values.items()}
    without = {k: v for k, v in values.items() if k not in initial}
    assert abs(float(np_module.loss(without)) - float(np_module.loss(zeros))) <= 1e-12
    got, want = np_module.gradients(without), np_module.gradients(zeros)
    for name in want:
        np.testing.assert_allclose(np.asarray(got[name]).reshape(np.shape(want[name])), want[name], atol=1e-12)


@pytest.mark.parametrize("model", sorted(REFUSED))
def test_refused_models_say_why(model):
    args, text = model_args(model)
    out = rnngraph(*args, "--code", "numpy", text=text)
    assert out.returncode == 64
    assert REFUSED[model] in out.stderr
    assert out.stderr.count("\n") == 1 and out.stdout == ""


@pytest.mark.parametrize("model", GENERATED)
def test_generated_code_is_ruff_clean_and_deterministic(model):
    for target in ("numpy", "torch"):
        source = generated(model, target)
        args, text = model_args(model)
        assert rnngraph(*args, "--code", target, text=text).stdout == source
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "generated.py")
            with open(path, "w") as f:
                f.write(source)
            out = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", path], capture_output=True, text=True)
            assert out.returncode == 0, out.stdout


MUTATIONS = [
    # (model, original text, mutated text): a transpose flipped, a term dropped.
    ("pytorch", "@ Wh.T", "@ Wh"),
    ("lstm", "W_hf.T @", "W_hf @"),
    ("pytorch", "G[t] + (delta_h[t + 1]", "(delta_h[t + 1]"),
    ("lstm", "delta_h[t] = 2 * W_hq.T @ (p[t] - y[t]) + ", "delta_h[t] = "),
    ("layernorm-lstm", " - y * (y * g).mean(axis=0, keepdims=True)", ""),
]


@pytest.mark.parametrize("model,original,mutated", MUTATIONS)
def test_a_mutated_backward_pass_fails_the_comparison(model, original, mutated):
    source = generated(model, "numpy")
    assert original in source
    broken = load(source.replace(original, mutated, 1), f"mutant_{model}")
    torch_module = load(generated(model, "torch"), f"torch_mutant_{model}")
    values = make_values(model, 7, seed=32)
    _, want = autograd(torch_module, values, timed(model), untimed(model))
    try:
        mismatched = compare(broken.gradients(values), want)
    except (ValueError, RuntimeError):
        mismatched = ["shapes no longer fit"]
    assert mismatched != []


def test_torch_reads_a_values_file_in_float64():
    """A values file's numbers and lists are float64 in the generated torch module whatever torch's default dtype
    (0.5 would be a float32 beside an integer list's float64 and fail the matrix product)."""
    np_module = load(generated("scalar", "numpy"), "np_dtype_scalar")
    torch_module = load(generated("scalar", "torch"), "torch_dtype_scalar")
    values = make_values("scalar", 3, seed=5)
    values["x"] = [[int(round(4 * e)) for e in step] for step in values["x"]]
    torch.set_default_dtype(torch.float32)
    try:
        got = float(torch_module.loss(values))
        gradients = torch_module.gradients(values)
    finally:
        torch.set_default_dtype(torch.float64)
    want = float(np_module.loss(values))
    assert abs(got - want) <= 1e-12 * max(1.0, abs(want))
    assert compare(gradients, {k: np.asarray(g) for k, g in np_module.gradients(values).items()}) == []
