"""envman's test suite: a package, so that its support code imports as ``tests.support``
from every test directory (pytest puts the repository root on sys.path for it)."""
