"""``python -m rnngraph ARGS`` and the ``rnngraph`` script: the bundled executable itself."""
import os
import sys

from ._binary import binary_path


def main():
    """Replaces this process with the executable, passing the arguments on."""
    binary = binary_path()
    os.execv(binary, [binary, *sys.argv[1:]])


if __name__ == "__main__":
    main()
