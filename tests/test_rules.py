"""Every case of every rule file: invalid cases report exactly their markers, valid ones nothing."""

import pytest

from convlint.checks.registry import all_checks
from convlint.rulespec import load_rules
from tests.conftest import expected_markers, lint_case

RULES = load_rules()
CASES = [
    pytest.param(spec, kind, case, id=f"{code}-{'' if kind == 'invalid' else 'valid-'}{case['name']}")
    for code, spec in RULES.items()
    for kind in ("invalid", "valid")
    for case in getattr(spec, kind)
]


@pytest.mark.parametrize(("spec", "kind", "case"), CASES)
def test_rule_case(spec, kind, case):
    if kind == "invalid":
        result = lint_case(case, select=frozenset({spec.code}))
        reported = sorted((d.span.line, d.code) for d in result.diagnostics if d.code == spec.code)
        assert reported == expected_markers(case["source"]), [d.message for d in result.diagnostics]
        stray = [d for d in result.diagnostics if d.code != spec.code and d.code.startswith(("CL0", "CL9"))]
        assert not stray or spec.code.startswith("CL0"), [d.message for d in stray]
    else:
        result = lint_case(case)
        assert [(d.code, d.message) for d in result.diagnostics] == []


def test_every_check_has_a_rule_file_and_every_shape_rule_a_check():
    checks = all_checks()
    assert set(checks) <= set(RULES)
    for code in RULES:
        if code.startswith(("CL1", "CL2")):
            assert code in checks, f"{code} has a rule file but no check"


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_file_is_complete(code):
    spec = RULES[code]
    assert spec.name and spec.name == spec.name.lower() and " " not in spec.name
    assert spec.severity in ("error", "warning", "info")
    assert spec.summary and spec.message and spec.why
    assert not spec.message.endswith("."), "messages have no final period"
    if code.startswith(("CL1", "CL2")):
        assert spec.invalid and spec.valid, "a rule needs a failing and a passing example"
        assert spec.fix
    for case in spec.invalid:
        assert expected_markers(case["source"]), f"{case['name']} marks no line"
    for case in spec.valid:
        assert not expected_markers(case["source"])


@pytest.mark.parametrize(("spec", "kind", "case"), CASES)
def test_symbolic_run_never_reports_more(spec, kind, case):
    """Without an input shape, a case may report less (what depends on the size), never more.
    CL211 is the note a symbolic run adds on the sizes a Linear pins: it says what was assumed."""
    symbolic = {key: value for key, value in case.items() if key != "input-shape"}
    result = lint_case(symbolic, select=None if kind == "valid" else frozenset({spec.code}))
    reported = {(d.span.line, d.code) for d in result.diagnostics if d.code != "CL211" or spec.code == "CL211"}
    allowed = set(expected_markers(case["source"])) if kind == "invalid" else set()
    assert reported <= allowed, [d.message for d in result.diagnostics]
