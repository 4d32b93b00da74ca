import atexit
import os
import re
import shutil
import tempfile

import pytest

# Runs of the command line in the tests (in process and in subprocesses) share one result cache,
# outside the checkout: a stale entry would show as a wrong report in some other test.
if "CONVLINT_CACHE_DIR" not in os.environ:
    os.environ["CONVLINT_CACHE_DIR"] = tempfile.mkdtemp(prefix="convlint-test-cache-")
    atexit.register(shutil.rmtree, os.environ["CONVLINT_CACHE_DIR"], ignore_errors=True)

from convlint.pipeline import Settings, lint_text

MARKER = re.compile(r"#.*?\[(CL\d{3}(?:\s*,\s*CL\d{3})*)\]")
CLASS = re.compile(r"^class\s+(\w+)", re.MULTILINE)


def expected_markers(source: str) -> list[tuple[int, str]]:
    """(line, code) pairs of the `# [CL101]` markers in a source."""
    found = []
    for number, line in enumerate(source.splitlines(), start=1):
        match = MARKER.search(line)
        if match:
            found += [(number, code.strip()) for code in match.group(1).split(",")]
    return sorted(found)


def case_model(case: dict) -> str | None:
    """The model a case is about: named by `model`, else the last class in its source."""
    names = CLASS.findall(case["source"])
    return case.get("model") or (names[-1] if names else None)


def lint_case(case: dict, select: frozenset | None = None):
    shapes = {}
    if "input-shape" in case and case_model(case) and not case.get("symbolic"):  # symbolic: about no size given
        shapes[case_model(case)] = tuple(case["input-shape"])
    return lint_text(case["source"], "case.py", Settings(input_shapes=shapes, select=select))


@pytest.fixture
def lint():
    def run(source: str, shape=None, **settings):
        shapes = {"": tuple(shape)} if shape is not None else {}
        return lint_text(source, "model.py", Settings(input_shapes=shapes, **settings))

    return run
