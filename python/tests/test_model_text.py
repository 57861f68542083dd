"""A model given as text instead of a bundled name (written to a .rnn file for the tool)."""
import pytest

import rnngraph

CS187 = """\
# CS187 lab 2-2, an Elman network without biases.
model "CS187 lab 2-2"
time t = 1..N
activation sigma = relu
h_t = sigma(U x_t + V h_{t-1})
o_t = W h_t
L = sum_t (x_{t+1} - o_t)^2
"""


def test_model_text_gives_the_bundled_models_derivation():
    # MODEL TEXT: needs an rnngraph that reads --model FILE.rnn; skipped only
    # while the executable answers that a file is not one of its model names.
    try:
        from_text = rnngraph.derive(model=CS187, length=3)
    except rnngraph.RNNGraphError as error:
        if error.exit_code == 64 and "is invalid for '--model" in error.message:
            pytest.skip("this rnngraph does not read model files yet: " + error.message)
        raise
    assert "\\frac{\\partial L}{\\partial \\mathbf{U}}" in from_text.latex
    assert from_text.latex.count("\\underbrace") == 6  # one term per path U → L at N = 3
