"""The version of propscope, in a module of its own so that any module can import it.

``from propscope import __version__`` would import the package ``__init__``, which imports
the pipeline, the API and the store: every module that needs the version and is itself
imported by one of those would close a cycle.  Keep it in step with ``pyproject.toml``.
"""

__version__ = "0.1.0"
