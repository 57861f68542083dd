"""``compute``: values, loss and gradients on numbers, checked three ways."""
import json
import os

from ._command import option_flags, run
from ._model import model_flags


def plain(value):
    """``value`` with NumPy arrays, PyTorch tensors and their scalars turned
    into lists and numbers (through ``tolist``), ready for JSON."""
    if hasattr(value, "tolist"):
        return value.tolist()
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    return value


def compute(values, model="cs187", length=None, **options):
    """Evaluates ``model`` on ``values`` — a dict in the values-file layout
    (``{"parameters": {"U": …}, "h0": …, "inputs": […]}``) or the path of such
    a JSON file — and returns the tool's ``--json`` result as a dict:
    ``values``, ``loss``, ``gradients`` and ``agreement``. Without ``length``,
    N follows from the inputs. Raises RNNGraphError (exit code 70) when the
    three gradient computations disagree beyond ``tolerance``."""
    arguments = option_flags({"length": length, **options})
    if isinstance(values, (str, os.PathLike)):
        source, stdin = os.path.abspath(values), None
    else:
        source, stdin = "-", json.dumps(plain(values)).encode("utf-8")
    with model_flags(model) as flags:
        return json.loads(run([*flags, "--values", source, "--json", *arguments], stdin=stdin))
