"""The ``model=`` argument: a bundled name, a model text, or the path of a ``.rnn`` file."""
import contextlib
import os
import tempfile

from ._command import RNNGraphError, run


def is_model_file(model):
    """Whether ``model`` names an existing ``.rnn`` file."""
    return str(model).endswith(".rnn") and os.path.isfile(model)


@contextlib.contextmanager
def model_runner(model):
    """Yields a function running the executable with ``--model …`` before
    the arguments it is given (the keywords of ``run``): a model text (it has
    a newline) is written to a temporary ``model.rnn`` for the duration and
    called ``model`` in messages; a ``.rnn`` file is passed by its absolute
    path; anything else as a name."""
    if not isinstance(model, (str, os.PathLike)):
        raise RNNGraphError("model must be a bundled name, a model text or the path of a .rnn file, not %s"
                            % type(model).__name__, 64)
    if isinstance(model, os.PathLike) or is_model_file(model):
        path = os.path.abspath(model)
        yield lambda arguments, **keywords: run(["--model", path, *arguments], **keywords)
    elif "\n" in model:
        try:
            encoded = model.encode("utf-8")
        except UnicodeEncodeError:
            raise RNNGraphError("the model text is not valid Unicode (a lone surrogate); fix the string", 65) from None
        with tempfile.TemporaryDirectory(prefix="rnngraph-") as folder:
            path = os.path.join(folder, "model.rnn")
            with open(path, "wb") as file:
                file.write(encoded)
            yield lambda arguments, **keywords: run(["--model", path, *arguments], model_file=path, **keywords)
    else:
        yield lambda arguments, **keywords: run(["--model", model, *arguments], **keywords)
