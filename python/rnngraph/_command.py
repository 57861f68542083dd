"""Runs the executable and turns keyword options into its flags."""
import subprocess

from ._binary import binary_path


class RNNGraphError(Exception):
    """The executable refused or failed: ``message`` is its one-line error
    (without the ``rnngraph: error:`` prefix), ``exit_code`` its status
    (64 bad option or name, 65 bad input data, 73 cannot write, 70 failure)."""

    def __init__(self, message, exit_code, arguments=()):
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code
        self.arguments = list(arguments)


def option_flags(options):
    """``{"detail": True, "activation": "tanh", "show": ["U", "L"]}`` →
    ``["--detail", "--activation", "tanh", "--show", "U,L"]``; ``False`` and
    ``None`` leave an option out, underscores become hyphens."""
    flags = []
    for name, value in options.items():
        flag = "--" + name.replace("_", "-")
        if value is None or value is False:
            continue
        if value is True:
            flags.append(flag)
        elif isinstance(value, (list, tuple)):
            flags += [flag, ",".join(str(item) for item in value)]
        else:
            flags += [flag, str(value)]
    return flags


def run(arguments, stdin=None):
    """Runs ``rnngraph ARGUMENTS`` and returns its standard output (bytes).

    Raises RNNGraphError with the tool's error line when it exits non-zero."""
    command = [binary_path(), *arguments]
    try:
        done = subprocess.run(command, input=stdin, capture_output=True, check=False)
    except OSError as error:
        raise RNNGraphError(
            "cannot run %s: %s; set RNNGRAPH_BINARY to an rnngraph executable" % (command[0], error.strerror),
            None, arguments) from None
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        errors = [line for line in lines if line.startswith("rnngraph: error: ")]
        message = errors[-1][len("rnngraph: error: "):] if errors else (lines[-1] if lines else "no message")
        raise RNNGraphError(message, done.returncode, arguments)
    return done.stdout
