"""Runs the executable and turns keyword options into its flags."""
import difflib
import functools
import json
import subprocess

from ._binary import binary_path

#: Seconds a call may run before it is stopped (``timeout=None`` waits for ever).
DEFAULT_TIMEOUT = 600


class RNNGraphError(Exception):
    """The executable refused or failed, or the wrapper refused an argument
    before running it: ``message`` is the one-line error (without the
    ``rnngraph: error:`` prefix), ``exit_code`` the status (64 bad option,
    name or argument, 65 bad input data, 73 cannot write, 74 input/output
    error, 70 failure; ``None`` when the tool could not be run or did not
    finish within the timeout)."""

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


@functools.lru_cache(maxsize=8)
def long_options(binary):
    """The long options (``length``, ``time-style``, …) of the executable at ``binary``, read once from
    its own description of its arguments; empty when it cannot say (then nothing is checked here)."""
    try:
        done = subprocess.run([binary, "--experimental-dump-help"], capture_output=True, check=False, timeout=60)
        arguments = json.loads(done.stdout)["command"]["arguments"]
    except (OSError, subprocess.TimeoutExpired, ValueError, KeyError, TypeError):
        return frozenset()
    return frozenset(name["name"] for argument in arguments for name in argument.get("names", [])
                     if name.get("kind") == "long")


def check_keywords(function, options):
    """Raises TypeError, as Python does for any function, for a keyword that names no option of the
    tool (``draw(lenght=3)``), with the closest option's keyword when there is one."""
    known = long_options(binary_path())
    if not known:
        return
    keywords = sorted(option.replace("-", "_") for option in known)
    for name in options:
        if name.replace("_", "-") not in known:
            close = difflib.get_close_matches(name, keywords, n=1)
            hint = " (did you mean %r?)" % close[0] if close else ""
            raise TypeError("%s() got an unexpected keyword argument %r%s" % (function, name, hint))


def check_argument(argument):
    """Refuses an argument no command line can carry: a NUL character, or
    text that cannot be encoded (a lone surrogate)."""
    if "\0" in argument:
        raise RNNGraphError("the argument %r holds a NUL character, which no command line can carry; remove it"
                            % argument[:60], 64)
    try:
        argument.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        raise RNNGraphError("the argument %r is not valid Unicode text (a lone surrogate); fix the string"
                            % argument[:60], 64) from None


def run(arguments, stdin=None, timeout=DEFAULT_TIMEOUT, model_file=None):
    """Runs ``rnngraph ARGUMENTS`` and returns its standard output (bytes).

    ``timeout`` is in seconds (``None``: no limit); ``model_file``, a
    temporary file holding a model text, is called ``model`` in messages.
    Raises RNNGraphError with the tool's error line when it exits non-zero,
    and when it runs past ``timeout``."""
    arguments = [str(argument) for argument in arguments]
    for argument in arguments:
        check_argument(argument)
    if timeout is not None and not (isinstance(timeout, (int, float)) and timeout > 0):
        raise RNNGraphError("timeout must be a number of seconds above 0 or None, got %r" % (timeout,), 64, arguments)
    command = [binary_path(), *arguments]
    try:
        done = subprocess.run(command, input=stdin, capture_output=True, check=False, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise RNNGraphError("rnngraph did not finish within %g s; pass a larger timeout= (or None) or ask for less, "
                            "such as a smaller length" % timeout, None, arguments) from None
    except OSError as error:
        raise RNNGraphError(
            "cannot run %s: %s; set RNNGRAPH_BINARY to an rnngraph executable" % (command[0], error.strerror),
            None, arguments) from None
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        errors = [line for line in lines if line.startswith("rnngraph: error: ")]
        message = errors[-1][len("rnngraph: error: "):] if errors else (lines[-1] if lines else "no message")
        if model_file:  # a temporary file, gone when the caller sees the error
            message = message.replace(model_file, "model")
            arguments = [argument.replace(model_file, "model") for argument in arguments]
        raise RNNGraphError(message, done.returncode, arguments)
    return done.stdout


def text(output, arguments):
    """The tool's output decoded as UTF-8 text."""
    try:
        return output.decode("utf-8")
    except UnicodeDecodeError:
        raise RNNGraphError("the tool's output is not text: an option asked for a binary format; "
                            "use Drawing.save for PDF and PNG", 64, arguments) from None
