#!/usr/bin/env python3
"""Executes a notebook in a real Jupyter kernel of this Python and returns it
with its outputs, deterministically (no timing metadata).

    python execute_notebook.py NOTEBOOK.ipynb     rewrites it with fresh outputs

Run it with a Python that has the rnngraph package installed (the kernel is
this interpreter); the notebook test executes the same way and compares.
"""
import sys
import tempfile

import nbformat
from nbclient import NotebookClient


def execute(path):
    """The notebook at ``path``, executed in a temporary folder (files the
    cells write land there and are removed)."""
    notebook = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory(prefix="rnngraph-notebook-") as folder:
        client = NotebookClient(notebook, timeout=300, kernel_name="python3", record_timing=False,
                                resources={"metadata": {"path": folder}})
        client.execute()
    return notebook


if __name__ == "__main__":
    executed = execute(sys.argv[1])
    nbformat.write(executed, sys.argv[1])
