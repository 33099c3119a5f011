"""The version of gluteus, in one place.

The package's metadata (``pyproject.toml``) and every module that names the version
read it from here, so no part of the engine imports the package root for it.
"""

__version__ = "0.1.0"
