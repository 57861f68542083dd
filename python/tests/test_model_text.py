"""A model given as text instead of a bundled name (written to a .rnn file for the tool)."""
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
    from_text = rnngraph.derive(model=CS187, length=3)
    assert "\\frac{\\partial L}{\\partial \\mathbf{U}}" in from_text.latex
    assert from_text.latex.count("\\underbrace") == 6  # one term per path U → L at N = 3
