"""``derive``: the chain rule over paths as LaTeX."""
from ._command import DEFAULT_TIMEOUT, check_keywords, option_flags, text
from ._model import model_runner


class Derivation:
    """The derivative as the tool prints it with ``--latex``: ``latex`` is the
    ``align*`` fragment; Jupyter typesets it from ``_repr_latex_``."""

    def __init__(self, latex):
        self.latex = latex

    def math(self):
        """The formula as display math, ``$$\\begin{aligned}…\\end{aligned}$$``:
        ``aligned`` is the form of ``align*`` allowed inside ``$$``, which both
        LaTeX and Jupyter's MathJax accept."""
        body = self.latex.strip().replace("\\begin{align*}", "\\begin{aligned}")
        return "$$" + body.replace("\\end{align*}", "\\end{aligned}") + "$$"

    def _repr_latex_(self):
        return self.math()

    def _repr_markdown_(self):
        return self.math()

    def __str__(self):
        return self.latex

    def __repr__(self):
        return self.latex


def derive(model="cs187", length=3, wrt=None, form="expanded", local="symbolic", timeout=DEFAULT_TIMEOUT, **options):
    """The derivative of the loss (or of ``of=``) with respect to ``wrt`` (default: the model's first parameter).

    ``form`` is expanded (one product per path), compact (any N), merged or
    recursive; ``local`` symbolic or closed; other keywords are the command
    line's options (``of="o2"``, ``arguments=True``, ``layout="rows"``).
    ``timeout`` stops the tool after that many seconds (``None``: no limit)
    with RNNGraphError."""
    check_keywords("derive", options)
    arguments = option_flags({"length": length, "wrt": wrt, "form": form, "local": local, **options})
    with model_runner(model) as run:
        return Derivation(text(run(["--latex", *arguments], timeout=timeout), arguments))
