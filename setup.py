"""The build, for what pyproject.toml cannot say: with ACCORDS_COMPILE=1 the modules every
article passes through are compiled to C by mypyc (as black and mypy ship theirs), which
makes extraction about half again as fast. The Python sources stay the reference: without
the variable nothing is compiled, and an editable install (`make venv`) never is, so that
an edited module is the module that runs.

    pip install '.[dev]'                   # the dependencies, and mypy, which brings mypyc
    ACCORDS_COMPILE=1 pip install --no-build-isolation --no-deps --force-reinstall .

(mypyc type-checks the modules against the installed dependencies, hence no build
isolation; it needs a C compiler and the Python headers.) `make fast` does both.
"""

from __future__ import annotations

import os

from setuptools import setup

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

    setup(ext_modules=mypycify(COMPILED, opt_level="3"))
else:
    setup()
