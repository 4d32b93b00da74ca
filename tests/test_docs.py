"""The README is generated where it can go stale, and its commands are the ones that work."""

import os
import re
from pathlib import Path

from convlint.rulespec import rules_table_markdown

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()


def test_readme_rules_table_is_current():
    table = re.compile(r"(<!-- rules-table:[^\n]*-->\n).*?(\n<!-- /rules-table -->)", re.DOTALL)
    if os.environ.get("CONVLINT_UPDATE_DOCS"):
        updated = table.sub(lambda m: m.group(1) + rules_table_markdown() + m.group(2), README)
        (ROOT / "README.md").write_text(updated)
        return
    assert rules_table_markdown() in README, "run CONVLINT_UPDATE_DOCS=1 pytest tests/test_docs.py"


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text().strip().splitlines()[-1]
    assert f"```sh\n{ci}\n```" in README


def test_readme_run_command_shows_one_buggy_example_per_crash_rule():
    from click.testing import CliRunner

    from convlint.cli import main

    assert "pip install . && convlint examples/" in README
    result = CliRunner().invoke(main, [str(ROOT / "examples")])
    assert result.exit_code == 1
    for code in ("CL101", "CL102", "CL103", "CL104", "CL105", "CL106", "CL107"):
        assert f": {code} " in result.output, code
