"""A generator's Linear viewed as maps with its batch kept (`out.view(out.shape[0], 128, s, s)`)
that torch refuses: when the Linear given the width the view asks for makes the model run, the
Linear is the line to change (the view agrees with the blocks after it), and CL102 is reported
there, the view kept as a related location. The rule file's case, checked against torch."""

import pytest

from convlint.rulespec import load_rules
from tests.conftest import expected_markers, lint_case

CASE = next(case for case in load_rules()["CL102"].invalid if case["name"] == "generator-linear-viewed-with-its-batch")


def test_reported_at_the_linear_with_the_view_related():
    (finding,) = [d for d in lint_case(CASE).diagnostics if d.code == "CL102"]
    assert [(finding.span.line, "CL102")] == expected_markers(CASE["source"])
    assert finding.span.line == 8 and [span.line for span in finding.related] == [15]
    assert "l1 on line 8 given out_features=8192 makes it run" in finding.message


def test_torch_refuses_it_and_runs_the_width_the_view_asks_for():
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(CASE["source"], "generator.py", "exec"), namespace)
    with pytest.raises(RuntimeError, match=r"shape '\[2, 128, 8, 8\]' is invalid for input of size 8192"):
        namespace["Generator"]()(torch.zeros(*CASE["input-shape"]))
    fixed = CASE["source"].replace("64 * self.init_size ** 2", "8192")
    exec(compile(fixed, "generator.py", "exec"), namespace)
    assert namespace["Generator"]()(torch.zeros(*CASE["input-shape"])).shape == (2, 1, 32, 32)
