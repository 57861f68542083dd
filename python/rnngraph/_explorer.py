"""``explore``: the interactive page of ``--html``, shown in a notebook."""
import html
import os

from ._command import DEFAULT_TIMEOUT, RNNGraphError, check_keywords, option_flags, text
from ._compute import values_json
from ._model import model_runner


class Explorer:
    """The explorer page: ``html`` holds the self-contained page (figure, MathML
    derivation, script); Jupyter shows it in an iframe whose ``srcdoc`` is the
    page, so its script runs in JupyterLab and the classic Notebook alike;
    ``save(path)`` writes it as a file that opens offline in a browser."""

    def __init__(self, page, height):
        self.html = page
        self.height = height

    def save(self, path):
        """Writes the page to ``path`` (UTF-8) and returns the path."""
        with open(path, "w", encoding="utf-8") as f:
            f.write(self.html)
        return path

    def _repr_html_(self):
        return ('<iframe srcdoc="%s" sandbox="allow-scripts" title="rnngraph explorer" '
                'style="width: 100%%; height: %dpx; border: 1px solid #767676"></iframe>'
                % (html.escape(self.html, quote=True), self.height))

    def __repr__(self):
        return "<rnngraph.Explorer: %d characters of HTML>" % len(self.html)


def explore(model="cs187", length=3, wrt=None, values=None, height=760, timeout=DEFAULT_TIMEOUT, **options):
    """The interactive explorer of ``model`` at ``length`` steps (and the five
    lengths before it): hover or focus a term to light up its path, click a
    node to list the terms through it. ``values`` (a values dict, or the path of
    a values file) adds each node's value and adjoint and each term's
    contribution; N then follows from the inputs. ``height`` is the notebook
    frame's height in pixels; other keywords are the command line's options.
    Raises RNNGraphError when the tool refuses (too many terms, for instance)."""
    check_keywords("explore", options)
    stdin = None
    if values is not None:
        if isinstance(values, (str, os.PathLike)):
            options["values"] = os.path.abspath(values)
        elif isinstance(values, dict):
            options["values"], stdin = "-", values_json(values)
        else:
            raise RNNGraphError("values must be a dict in the values-file layout or the path of a JSON values file, "
                                "not %s" % type(values).__name__, 64)
        length = None
    arguments = option_flags({"length": length, "wrt": wrt, **options})
    with model_runner(model) as run:
        page = text(run([*arguments, "--html", "-"], stdin=stdin, timeout=timeout), arguments)
    return Explorer(page, height)
