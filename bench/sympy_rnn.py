"""SymPy baseline: dL/dU of the unrolled scalar tanh RNN (cs187 shape), then LaTeX.

h_t = tanh(U x_t + V h_{t-1}),  o_t = W h_t,  L = sum_{t=1}^{N} (x_{t+1} - o_t)^2

Usage: python sympy_rnn.py N [OUT.tex]   prints "seconds_inside_process chars" on stdout.
"""
import sys
import time

start = time.perf_counter()
import sympy as sp  # noqa: E402  (import time counted, as in a user's script)

n = int(sys.argv[1])
U, V, W, h0 = sp.symbols("U V W h_0")
x = sp.symbols(f"x_1:{n + 2}")  # x_1 … x_{N+1}
h = h0
loss = 0
for t in range(1, n + 1):
    h = sp.tanh(U * x[t - 1] + V * h)
    loss += (x[t] - W * h) ** 2
gradient = sp.diff(loss, U)
text = sp.latex(gradient)
if len(sys.argv) > 2:
    with open(sys.argv[2], "w") as out:
        out.write(text)
print(f"{time.perf_counter() - start:.6f} {len(text)}")
