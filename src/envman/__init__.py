"""envman: a fast, safe manager of named Python virtual environments."""

__version__ = "0.1.0"
