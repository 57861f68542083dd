#!/usr/bin/env python3
"""``auditwheel repair`` that also copies glib and the X11 client libraries in.

    wheel-repair.py WHEEL OUT_FOLDER        (run with the wheel venv's Python)

The manylinux policies let a wheel assume that glib, gobject and the X11
client libraries are installed, so auditwheel leaves them out; cairo and
pango (Graphviz's PDF and PNG renderer) need them, and slim containers and
minimal systems do not have them. This removes them from every policy's list
of libraries assumed present, then runs auditwheel as usual: the wheel keeps
its manylinux tag and carries these libraries like the others.
"""
import json
import sys
import tempfile
from pathlib import Path

from auditwheel import policy
from auditwheel.libc import Libc
from auditwheel.main import main

NOT_ASSUMED = {"libX11.so.6", "libXext.so.6", "libXrender.so.1", "libICE.so.6", "libSM.so.6",
               "libgobject-2.0.so.0", "libgthread-2.0.so.0", "libglib-2.0.so.0"}


def narrowed_policies(folder):
    """A copy of auditwheel's manylinux policies without NOT_ASSUMED, written into ``folder``."""
    policies = json.loads(policy._POLICY_JSON_MAP[Libc.GLIBC].read_text())
    for entry in policies:
        entry["lib_whitelist"] = [name for name in entry["lib_whitelist"] if name not in NOT_ASSUMED]
    path = Path(folder) / "manylinux-policy.json"
    path.write_text(json.dumps(policies))
    return path


if __name__ == "__main__":
    wheel, out = sys.argv[1:3]
    with tempfile.TemporaryDirectory() as folder:
        policy._POLICY_JSON_MAP[Libc.GLIBC] = narrowed_policies(folder)
        sys.argv = ["auditwheel", "repair", "--strip", "-w", out, wheel]
        sys.exit(main())
