"""netgov: a teaching kit on how a state governs its internet, through the case of Kazakhstan.

``import netgov`` registers the kit's plotly template (see :mod:`netgov.figures`) and gives access to
the curated data (:mod:`netgov.data`), how current it is (:func:`as_of`) and the exercise checks
(:mod:`netgov.checks`).
"""

import pkgutil
from importlib.metadata import PackageNotFoundError, version

from . import checks, data, figures
from .data import cite, load, references
from .freshness import as_of

try:
    __version__ = version("netgov")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0+unknown"

figures.register_template()

# Every other module (the lessons, the activities, the export) is imported on first use, so that `import netgov`
# stays cheap; the list is read from the package's folder, so a new lesson needs no entry here.
_LAZY = {m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_")}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module 'netgov' has no attribute {name!r}")


__all__ = ["__version__", "as_of", "checks", "cite", "data", "figures", "load", "references"]
