"""``draw``: the unrolled computation graph as a figure."""
from pathlib import Path

from ._command import DEFAULT_TIMEOUT, check_keywords, option_flags, text
from ._model import model_runner

#: The executable's output option for each file suffix ``Drawing.save`` accepts.
SUFFIX_FLAGS = {".svg": "--svg", ".pdf": "--pdf", ".png": "--png", ".dot": "--dot"}


class Drawing:
    """A figure of the graph: ``svg`` holds its SVG text, Jupyter shows it,
    ``save(path)`` writes it as SVG, PDF, PNG or DOT by the path's suffix."""

    def __init__(self, model, arguments, timeout=DEFAULT_TIMEOUT):
        self._model = model
        self._arguments = arguments
        self._timeout = timeout
        self.svg = text(self._render("--svg", "-"), arguments)

    def _render(self, flag, path):
        with model_runner(self._model) as run:
            return run([*self._arguments, flag, path], timeout=self._timeout)

    def save(self, path):
        """Writes the figure to ``path`` (``.svg``, ``.pdf``, ``.png`` or ``.dot``) and returns the path."""
        suffix = Path(path).suffix.lower()
        if suffix not in SUFFIX_FLAGS:
            raise ValueError("cannot save %s: the suffix must be one of %s" % (path, ", ".join(SUFFIX_FLAGS)))
        self._render(SUFFIX_FLAGS[suffix], str(Path(path).resolve()))
        return path

    def _repr_svg_(self):
        return self.svg

    def __repr__(self):
        return "<rnngraph.Drawing: %d characters of SVG>" % len(self.svg)


def draw(model="cs187", length=3, show=None, highlight=None, timeout=DEFAULT_TIMEOUT, **options):
    """The graph of ``model`` unrolled over ``length`` steps.

    ``show`` lists the variables to keep (``["U", "h1", "o1", "L"]``),
    ``highlight`` colours path K of ``--paths`` or ``"all"``; other keywords
    are the command line's options (``detail=True``, ``activation="tanh"``,
    ``time_style="parenthesized"``, ``values="lab.json", annotate="gradients"``).
    ``timeout`` stops the tool after that many seconds (``None``: no limit).
    Raises RNNGraphError when the tool refuses or runs past the timeout."""
    check_keywords("draw", options)
    arguments = option_flags({"length": length, "show": show, "highlight": highlight, **options})
    return Drawing(model, arguments, timeout)
