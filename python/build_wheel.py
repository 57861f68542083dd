#!/usr/bin/env python3
"""Writes the rnngraph wheel: the Python package with the executable inside,
as ruff and uv ship theirs, tagged for this platform (py3-none-PLATFORM).

    python/build_wheel.py BINARY VERSION OUT_FOLDER     prints the wheel's path

A wheel is a zip with a .dist-info folder (METADATA, WHEEL, entry_points.txt,
RECORD); this writes it directly, with fixed timestamps and a sorted order,
so the same inputs give the same bytes.
"""
import base64
import hashlib
import sys
import sysconfig
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
EPOCH = (1980, 1, 1, 0, 0, 0)


def platform_tag():
    """``linux_x86_64``, ``macosx_14_0_arm64``: the executable is native code."""
    return sysconfig.get_platform().replace("-", "_").replace(".", "_")


def metadata(version):
    """The METADATA file: name, version, summary and the README as description."""
    readme = (HERE / "README.md").read_text(encoding="utf-8")
    return (
        "Metadata-Version: 2.1\n"
        "Name: rnngraph\n"
        "Version: %s\n"
        "Summary: Unroll recurrent networks into computation graphs, draw them and derive their gradients\n"
        "License: MIT\n"
        "Requires-Python: >=3.9\n"
        "Description-Content-Type: text/markdown\n"
        "\n%s" % (version, readme)
    )


def files(binary, version):
    """(path in the wheel, bytes, executable) for every file but RECORD."""
    info = "rnngraph-%s.dist-info" % version
    entries = [(path.relative_to(HERE).as_posix(), path.read_bytes(), False)
               for path in sorted((HERE / "rnngraph").glob("*.py"))]
    entries += [
        ("rnngraph/_version.py", ('__version__ = "%s"\n' % version).encode(), False),
        ("rnngraph/bin/rnngraph", Path(binary).read_bytes(), True),
        (info + "/METADATA", metadata(version).encode("utf-8"), False),
        (info + "/WHEEL", ("Wheel-Version: 1.0\nGenerator: rnngraph build_wheel.py\nRoot-Is-Purelib: false\n"
                           "Tag: py3-none-%s\n" % platform_tag()).encode(), False),
        (info + "/entry_points.txt", b"[console_scripts]\nrnngraph = rnngraph.__main__:main\n", False),
        (info + "/LICENSE", (HERE.parent / "LICENSE").read_bytes(), False),
    ]
    return sorted(entries)


def record_line(path, data):
    """``path,sha256=…,size`` as RECORD lists it (urlsafe base64, no padding)."""
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return "%s,sha256=%s,%d\n" % (path, digest, len(data))


def write_wheel(binary, version, out):
    """Writes the wheel into the folder ``out`` and returns its path."""
    wheel = Path(out) / ("rnngraph-%s-py3-none-%s.whl" % (version, platform_tag()))
    wheel.parent.mkdir(parents=True, exist_ok=True)
    entries = files(binary, version)
    record_path = "rnngraph-%s.dist-info/RECORD" % version
    record = "".join(record_line(path, data) for path, data, _ in entries) + record_path + ",,\n"
    with zipfile.ZipFile(wheel, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path, data, executable in entries + [(record_path, record.encode(), False)]:
            member = zipfile.ZipInfo(path, date_time=EPOCH)
            member.external_attr = (0o100755 if executable else 0o100644) << 16
            member.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(member, data)
    return wheel


if __name__ == "__main__":
    print(write_wheel(sys.argv[1], sys.argv[2], sys.argv[3]))
