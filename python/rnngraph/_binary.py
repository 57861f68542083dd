"""Where the ``rnngraph`` executable is: ``RNNGRAPH_BINARY``, else the copy in this package."""
import os
from pathlib import Path


def binary_path():
    """The executable every call runs."""
    override = os.environ.get("RNNGRAPH_BINARY")
    if override:
        return override
    return str(Path(__file__).resolve().parent / "bin" / "rnngraph")
