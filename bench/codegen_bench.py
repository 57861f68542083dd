#!/usr/bin/env python3
"""The generated NumPy backward pass against torch autograd (CPU) for an LSTM in rows
with a batch: H = 128, D = 64, batch 32, N = 100, float64 and float32.

Usage: python codegen_bench.py RNNGRAPH [RUNS]   (run with the test venv's python: it needs torch)
Prints one JSON object: per dtype, the median seconds of the generated NumPy backward pass
(from the forward cache), of torch autograd's backward (from the same forward pass, written by
the generated torch module), and of each whole forward + backward, with the largest relative
difference between the two sets of gradients.
"""
import os

# One thread for both libraries, so that neither competes with the other (or the machine) for cores.
for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(variable, "1")

import importlib.util
import json
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np
import torch

H, D, B, N = 128, 64, 32, 100
MODEL = """model "LSTM in rows with a batch"
time t = 1..N
layout rows
i_t = sigmoid(x_t W_ii + h_{t-1} W_hi + b_i)
f_t = sigmoid(x_t W_if + h_{t-1} W_hf + b_f)
g_t = tanh(x_t W_ig + h_{t-1} W_hg + b_g)
o_t = sigmoid(x_t W_io + h_{t-1} W_ho + b_o)
c_t = f_t * c_{t-1} + i_t * g_t
h_t = o_t * tanh(c_t)
L = sum_t <G_t, h_t>
"""


def generate(rnngraph, target, folder):
    model = os.path.join(folder, "lstm-rows.rnn")
    with open(model, "w") as f:
        f.write(MODEL)
    source = subprocess.run([rnngraph, "--model", model, "--code", target], capture_output=True, text=True, check=True).stdout
    path = os.path.join(folder, f"lstm_{target}.py")
    with open(path, "w") as f:
        f.write(source)
    spec = importlib.util.spec_from_file_location(f"lstm_{target}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def values(dtype):
    rng = np.random.default_rng(128)
    v = {}
    for g in "ifgo":
        v[f"W_i{g}"] = (rng.normal(size=(D, H)) / np.sqrt(D)).astype(dtype)
        v[f"W_h{g}"] = (rng.normal(size=(H, H)) / np.sqrt(H)).astype(dtype)
        v[f"b_{g}"] = np.zeros(H, dtype=dtype)
    v["h_0"] = np.zeros((B, H), dtype=dtype)
    v["c_0"] = np.zeros((B, H), dtype=dtype)
    v["x"] = [rng.normal(size=(B, D)).astype(dtype) for _ in range(N)]
    v["G"] = [rng.normal(size=(B, H)).astype(dtype) for _ in range(N)]
    return v


def median_time(function, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def torch_loss(torch_module, v):
    """Leaves as tensors (parameters and initial states requiring gradients) and the generated torch loss."""
    t = {k: [torch.tensor(e) for e in a] if isinstance(a, list) else torch.tensor(a, requires_grad=True)
         for k, a in v.items()}
    return t, torch_module.loss(t)


def measure(np_module, torch_module, v, runs):
    """Median seconds of each backward pass alone (from its own forward pass) and of each whole pass."""
    _, cache = np_module.forward(v)
    backward_np, backward_torch = [], []
    for _ in range(runs):
        start = time.perf_counter()
        grads = np_module.backward(cache)
        backward_np.append(time.perf_counter() - start)
        tensors, loss = torch_loss(torch_module, v)
        start = time.perf_counter()
        loss.backward()
        backward_torch.append(time.perf_counter() - start)
    worst = max(float(np.abs(np.asarray(grads[k]).reshape(tensors[k].shape) - tensors[k].grad.numpy()).max()
                      / max(1e-30, float(np.abs(tensors[k].grad.numpy()).max()))) for k in grads)

    def whole_torch():
        torch_loss(torch_module, v)[1].backward()

    return {"numpy_backward": statistics.median(backward_np), "autograd_backward": statistics.median(backward_torch),
            "numpy_forward_backward": median_time(lambda: np_module.gradients(v), runs),
            "torch_forward_autograd": median_time(whole_torch, runs), "largest_relative_difference": worst}


def main():
    rnngraph, runs = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 7
    torch.set_num_threads(1)
    with tempfile.TemporaryDirectory() as folder:
        np_module, torch_module = generate(rnngraph, "numpy", folder), generate(rnngraph, "torch", folder)
    report = {"H": H, "D": D, "batch": B, "N": N, "runs": runs, "threads": 1}
    for name, dtype, tdtype in [("float64", np.float64, torch.float64), ("float32", np.float32, torch.float32)]:
        report[name] = measure(np_module, torch_module, values(dtype), runs)
        report[name]["torch_dtype"] = str(tdtype)
    print(json.dumps(report))


if __name__ == "__main__":
    main()
