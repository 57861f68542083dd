"""``code`` and ``load_code``: the forward and backward passes as a Python module."""
import importlib.util
import os
import sys
import tempfile

from ._command import DEFAULT_TIMEOUT, check_keywords, option_flags, text
from ._model import model_runner


def code(model="cs187", target="numpy", timeout=DEFAULT_TIMEOUT, **options):
    """The text of a self-contained Python module for ``target`` (``"numpy"`` or ``"torch"``):
    ``step_forward``, ``forward``, ``step_backward``, ``backward``, ``loss(values)`` and
    ``gradients(values)``, the backward pass printed from the recursive closed form.
    Other keywords are the command line's model options (``loss_at="last"``)."""
    check_keywords("code", options)
    arguments = option_flags({"code": target, **options})
    with model_runner(model) as run:
        return text(run(arguments, timeout=timeout), arguments)


def load_code(model="cs187", target="numpy", name=None, timeout=DEFAULT_TIMEOUT, **options):
    """``code(...)`` imported as a module (named ``name``, default ``rnngraph_<target>_code``)."""
    source = code(model=model, target=target, timeout=timeout, **options)
    name = name or f"rnngraph_{target}_code"
    with tempfile.TemporaryDirectory(prefix="rnngraph-") as folder:
        path = os.path.join(folder, name + ".py")
        with open(path, "w", encoding="utf-8") as file:
            file.write(source)
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    module.__source__ = source
    sys.modules.setdefault(name, module)
    return module
