"""``compute``: values, loss and gradients on numbers, checked three ways."""
import json
import os

from ._command import DEFAULT_TIMEOUT, RNNGraphError, check_keywords, option_flags
from ._model import model_runner


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


def compute(values, model="cs187", length=None, timeout=DEFAULT_TIMEOUT, **options):
    """Evaluates ``model`` on ``values`` — a dict in the values-file layout
    (``{"parameters": {"U": …}, "h0": …, "inputs": […]}``) or the path of such
    a JSON file — and returns the tool's ``--json`` result as a dict:
    ``values``, ``loss``, ``gradients`` and ``agreement``. Without ``length``,
    N follows from the inputs. Raises RNNGraphError (exit code 70) when the
    three gradient computations disagree beyond ``tolerance``, and when the
    tool runs past ``timeout`` seconds (``None``: no limit). When ``values``
    holds NumPy arrays, the values and gradients come back as NumPy arrays too."""
    check_keywords("compute", options)
    arguments = option_flags({"length": length, **options})
    if isinstance(values, (str, os.PathLike)):
        source, stdin = os.path.abspath(values), None
    elif isinstance(values, dict):
        source, stdin = "-", values_json(values)
    else:
        raise RNNGraphError("values must be a dict in the values-file layout or the path of a JSON values file, not %s"
                            % type(values).__name__, 64)
    with model_runner(model) as run:
        output = run(["--values", source, "--json", *arguments], stdin=stdin, timeout=timeout)
    try:
        result = json.loads(output)
    except ValueError:
        raise RNNGraphError("the tool's output is not JSON: an option changed what --values prints; "
                            "leave that option out", 64, arguments) from None
    return as_arrays(result) if holds_numpy(values) else result


def holds_numpy(value):
    """Whether ``value`` (a values dict, nested) holds a NumPy array."""
    if type(value).__module__ == "numpy":
        return True
    if isinstance(value, dict):
        return any(holds_numpy(item) for item in value.values())
    if isinstance(value, (list, tuple)):
        return any(holds_numpy(item) for item in value)
    return False


def as_arrays(result):
    """The ``--json`` result with every tensor of ``values``, ``gradients`` and ``adjoints`` a NumPy array."""
    import numpy

    for key in ("values", "gradients", "adjoints"):
        if isinstance(result.get(key), dict):
            result[key] = {name: numpy.asarray(tensor, dtype=float) for name, tensor in result[key].items()}
    return result


def values_json(values):
    """The JSON bytes of a values dict, refusing what JSON cannot hold."""
    try:
        return json.dumps(plain(values), ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise RNNGraphError("values hold a string that is not valid Unicode (a lone surrogate); fix the string",
                            64) from None
    except (TypeError, ValueError, RecursionError) as error:
        raise RNNGraphError("values must hold numbers, lists, dicts, NumPy arrays or tensors: %s" % error, 64) from None
