"""The wheel's native part, added by hatchling while it builds the wheel:

- ``rnngraph/bin/rnngraph``: the executable named by ``RNNGRAPH_WHEEL_BINARY``;
- ``rnngraph/lib/rnngraph``: the folder ``RNNGRAPH_WHEEL_LIB`` names, where
  the executable looks beside itself (its ``../lib/rnngraph``) for Graphviz's
  plugins and their configuration (``graphviz``) and a fallback font (``fonts``);
- ``rnngraph/_version.py`` from ``VERSION``, and ``LICENSE`` in the metadata.

The wheel is tagged ``py3-none-PLATFORM``: it holds native code but no
extension module, so any Python 3 runs it.
"""
import os
import sysconfig
import tempfile
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

HERE = Path(__file__).resolve().parent


class NativeFilesHook(BuildHookInterface):
    """Adds the executable, the plugins and the version file; sets the platform tag."""

    PLUGIN_NAME = "custom"

    def initialize(self, version, build_data):
        if self.target_name != "wheel":
            return
        binary = os.environ.get("RNNGRAPH_WHEEL_BINARY")
        if not binary or not Path(binary).is_file():
            raise RuntimeError("rnngraph wheel: RNNGRAPH_WHEEL_BINARY must name the release executable; "
                               "build the wheel with make wheel")
        build_data["pure_python"] = False
        build_data["tag"] = "py3-none-" + sysconfig.get_platform().replace("-", "_").replace(".", "_")
        build_data["force_include"][binary] = "rnngraph/bin/rnngraph"
        lib = os.environ.get("RNNGRAPH_WHEEL_LIB")
        if lib:
            build_data["force_include"][lib] = "rnngraph/lib/rnngraph"
        self._scratch = tempfile.TemporaryDirectory()
        version_file = Path(self._scratch.name) / "_version.py"
        version_file.write_text('__version__ = "%s"\n' % self.metadata.version, encoding="utf-8")
        build_data["force_include"][str(version_file)] = "rnngraph/_version.py"
        build_data["extra_metadata"][str(HERE.parent / "LICENSE")] = "LICENSE"

    def finalize(self, version, build_data, artifact_path):
        if getattr(self, "_scratch", None):
            self._scratch.cleanup()
