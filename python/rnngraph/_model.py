"""The ``model=`` argument: a bundled name, a model text, or the path of a ``.rnn`` file."""
import contextlib
import os
import tempfile


def is_model_file(model):
    """Whether ``model`` names an existing ``.rnn`` file."""
    return str(model).endswith(".rnn") and os.path.isfile(model)


@contextlib.contextmanager
def model_flags(model):
    """Yields ``["--model", …]`` for the executable: a model text (it has a
    newline) is written to a temporary ``model.rnn`` for the duration; a
    ``.rnn`` file is passed by its absolute path; anything else as a name."""
    if isinstance(model, os.PathLike) or is_model_file(model):
        yield ["--model", os.path.abspath(model)]
    elif "\n" in model:
        with tempfile.TemporaryDirectory(prefix="rnngraph-") as folder:
            path = os.path.join(folder, "model.rnn")
            with open(path, "w", encoding="utf-8") as file:
                file.write(model)
            yield ["--model", path]
    else:
        yield ["--model", model]
