"""rnngraph from Python: draw an unrolled recurrent network, derive its chain
rule as LaTeX, and compute its loss and gradients on numbers.

Every call runs the ``rnngraph`` binary shipped inside this package (or the
one named by the environment variable ``RNNGRAPH_BINARY``)::

    import rnngraph
    rnngraph.draw(length=3)                       # shows as SVG in Jupyter
    rnngraph.derive(length=3, wrt="U")            # shows as typeset math
    rnngraph.compute("lab.json")["gradients"]["U"]
    rnngraph.explore(length=3)                    # each term lights up its path
    rnngraph.load_code(model="lstm").gradients(values)   # generated BPTT
"""
from ._code import code, load_code
from ._command import RNNGraphError
from ._compute import compute
from ._derivation import Derivation, derive
from ._drawing import Drawing, draw
from ._explorer import Explorer, explore
from ._version import __version__

__all__ = ["Derivation", "Drawing", "Explorer", "RNNGraphError", "__version__", "code", "compute", "derive", "draw",
           "explore", "load_code"]
