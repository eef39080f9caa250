"""The build, for what pyproject.toml cannot say: with ACCORDS_COMPILE=1 the modules every
article passes through are compiled to C by mypyc (as black and mypy ship theirs), which
makes extraction about half again as fast. The Python sources stay the reference: without
the variable nothing is compiled, and an editable install (`make venv`) never is, so that
an edited module is the module that runs.

    pip install '.[dev]'                   # the dependencies, and mypy, which brings mypyc
    ACCORDS_COMPILE=1 pip install --no-build-isolation --no-deps --force-reinstall .

(mypyc type-checks the modules against the installed dependencies, hence no build
isolation; it needs a C compiler and the Python headers.) `make fast` does both.

Every build, `pip install .` and `make demo` too, also compiles the passes over the text
that every article goes through (folding, tokens, the trie walk, mentions) in C:
src/accords/text/_scan.c, a small CPython extension with no dependency. Where no C compiler
or no Python headers are found, it says so in one line and accords runs the same passes in
Python (the same output, slower).
"""

from __future__ import annotations

import os
import sys
from typing import Any

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

SCAN = Extension("accords.text._scan", ["src/accords/text/_scan.c"], optional=True)


class BuildOrSay(build_ext):  # type: ignore[misc]
    """Build the C passes, or say in one line that they run in Python instead."""

    def build_extension(self, ext: Any) -> None:
        try:
            super().build_extension(ext)
        except Exception as error:
            if ext is not SCAN:
                raise
            reason = str(error).strip().splitlines()[-1:] or ["no C compiler"]
            print(
                f"accords: the C passes (_scan.c) were not built ({reason[0][:120]}); "
                "their Python runs instead, slower, with the same output",
                file=sys.stderr,
            )

COMMANDS = {"build_ext": BuildOrSay}

# The extraction's hot path.
COMPILED = [
    "src/accords/model.py",
    "src/accords/pipeline.py",
    "src/accords/extract/",
    "src/accords/lexicon/__init__.py",
    "src/accords/lexicon/matcher.py",
    "src/accords/text/language.py",
    "src/accords/text/normalise.py",
    "src/accords/text/sentences.py",
    "src/accords/text/tokens.py",
]

if os.environ.get("ACCORDS_COMPILE") == "1":
    from mypyc.build import mypycify

    setup(ext_modules=[*mypycify(COMPILED, opt_level="3"), SCAN], cmdclass=COMMANDS)
else:
    setup(ext_modules=[SCAN], cmdclass=COMMANDS)
