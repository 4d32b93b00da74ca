"""Machine-read formats (concise, github, sarif, junit) on real diagnostics, parsed back the way
their consumers parse them: the VS Code problem matcher, the Actions runner, a SARIF schema,
a JUnit reader."""

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest

from convlint import __version__
from convlint.pipeline import Settings, lint_file, lint_text
from convlint.report.concise import render_concise
from convlint.report.github import render_github
from convlint.report.junit import render_junit
from convlint.report.sarif import render_sarif
from convlint.rulespec import load_rules

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted(f"examples/{p.name}" for p in (ROOT / "examples").glob("*.py"))
SARIF_SCHEMA = Path(__file__).with_name("data") / "sarif-2.1.0.json"
NASTY = "100% sure: a, b\r\nnext line"  # every character either escaping scheme must handle


@pytest.fixture(scope="module")
def results():
    """Each example as the pipeline reports it (input shapes come from their comments), plus
    an empty file (CL003, info) and one that does not parse (CL001)."""
    out = {path: lint_file(ROOT / path, path, Settings()) for path in EXAMPLES}
    out["empty.py"] = lint_text("", "empty.py", Settings())
    out["broken.py"] = lint_text("class A(:\n    pass\n", "broken.py", Settings())
    return out


@pytest.fixture(scope="module")
def diagnostics(results):
    found = [d for result in results.values() for d in result.diagnostics]
    assert {d.severity for d in found} == {"error", "warning", "info"}, "every severity must be covered"
    return found


def of(results, path):
    return results[path].diagnostics


# --- concise ---------------------------------------------------------------------------------

def test_concise_lines_are_exact(results):
    assert render_concise(of(results, "examples/buggy_lenet.py")) == (
        "examples/buggy_lenet.py:15:20: error CL101 fc1 = Linear(256, 120) expects 256 input features, "
        "but pool2 gives 16 x 5 x 5 = 400 per sample (input 10x1x32x32 from the comment on line 7)\n")
    assert render_concise(of(results, "examples/buggy_skip.py")).splitlines() == [
        "examples/buggy_skip.py:18:22: warning CL201 pool1 = MaxPool2d(2) never reads the last row of its "
        "height of 65: (65 + 2*0 - 2) % 2 = 1, more than padding=0 absorbs (input 1x1x65x65 from the comment on line 6)",
        "examples/buggy_skip.py:36:20: warning CL203 up1 = ConvTranspose2d(32, 16, kernel_size=2, stride=2) "
        "turns 32x32 back into 64x64, but pool1 made 32x32 from 65x65: the decoder does not restore the "
        "encoder's size (input 1x1x65x65 from the comment on line 6)",
        "examples/buggy_skip.py:49:24: error CL107 torch.cat cannot combine 1x16x64x64 (from up1) and "
        "1x16x65x65 (from enc1.3): sizes of tensors must match except in dimension 1: expected size 64 "
        "but got size 65 for tensor number 1 in the list (dimension 2) (input 1x1x65x65 from the comment on line 6)",
    ]
    assert render_concise(of(results, "empty.py")) == \
        "empty.py:1:1: info CL003 the file is empty: there is nothing to check\n"
    assert render_concise(of(results, "examples/lenet.py")) == ""


def test_concise_is_one_line_per_finding_even_for_a_multiline_message(diagnostics):
    nasty = replace(diagnostics[0], message=NASTY)
    text = render_concise([*diagnostics, nasty])
    assert text.endswith("\n") and len(text.splitlines()) == len(diagnostics) + 1


# --- the VS Code task ------------------------------------------------------------------------

def vscode_task() -> dict:
    tasks = json.loads((ROOT / "editors/vscode/tasks.json").read_text(encoding="utf-8"))
    return next(t for t in tasks["tasks"] if t["label"] == "convlint")


def js_regexp(source: str) -> re.Pattern:
    """A JavaScript RegExp source in Python syntax: named groups are the only difference that
    could appear in a problem matcher; `\\/` is a plain `/` in both."""
    return re.compile(source.replace("(?<", "(?P<").replace("(?P<=", "(?<=").replace("(?P<!", "(?<!"))


def test_vscode_task_runs_concise_over_the_workspace():
    task = vscode_task()
    command = " ".join([task["command"], *task.get("args", [])])
    assert command == "convlint --format concise ${workspaceFolder}"
    matcher = task["problemMatcher"]
    assert matcher["owner"] == "convlint"
    assert matcher["fileLocation"][0] in ("autoDetect", "relative")


def test_vscode_problem_matcher_parses_every_concise_line(diagnostics):
    pattern = vscode_task()["problemMatcher"]["pattern"]
    regexp = js_regexp(pattern["regexp"])
    windows = replace(diagnostics[0], path="C:\\work\\models\\net.py")  # a drive letter has a colon
    nasty = replace(diagnostics[0], message="x: 1:2: error CL999 looks like a location")
    cases = [*diagnostics, windows, nasty]
    lines = render_concise(cases).splitlines()
    assert len(lines) == len(cases)
    for d, line in zip(cases, lines):
        match = regexp.match(line)
        assert match, line
        field = {name: match.group(pattern[name])
                 for name in ("file", "line", "column", "severity", "code", "message")}
        assert field == {"file": d.path, "line": str(d.span.line), "column": str(d.span.column),
                         "severity": d.severity, "code": d.code, "message": d.message}
        assert field["severity"] in ("error", "warning", "info")  # the words VS Code knows


# --- GitHub workflow commands ----------------------------------------------------------------

COMMAND = re.compile(r"^::(error|warning|notice) ([^:]*)::(.*)$")


def unescape(text: str) -> str:
    """What the Actions runner does to a command: one pass, so `%253A` stays `%3A`."""
    table = {"%25": "%", "%0D": "\r", "%0A": "\n", "%3A": ":", "%2C": ","}
    return re.sub(r"%(?:25|0D|0A|3A|2C)", lambda m: table[m.group()], text)


def parse_github(line: str) -> tuple[str, dict, str]:
    match = COMMAND.match(line)
    assert match, line
    command, properties, message = match.groups()
    pairs = dict(pair.split("=", 1) for pair in properties.split(","))
    return command, {key: unescape(value) for key, value in pairs.items()}, unescape(message)


def test_github_commands_parse_back_to_the_diagnostics(diagnostics):
    nasty = replace(diagnostics[0], path="odd, dir/a:b%3A.py", message=NASTY, fix="use 50%: a, b")
    cases = [*diagnostics, nasty]
    lines = render_github(cases).splitlines()
    assert len(lines) == len(cases)
    words = {"error": "error", "warning": "warning", "info": "notice"}
    for d, line in zip(cases, lines):
        command, properties, message = parse_github(line)
        assert command == words[d.severity]
        assert list(properties) == ["file", "line", "col", "endLine", "endColumn", "title"]
        assert properties == {
            "file": d.path, "line": str(d.span.line), "col": str(d.span.column),
            "endLine": str(d.span.end_line), "endColumn": str(d.span.end_column),
            "title": f"{d.code} ({d.name})",
        }
        assert message == (f"{d.message}\nhelp: {d.fix}" if d.fix else d.message)
    assert lines[-1].startswith("::error file=odd%2C dir/a%3Ab%253A.py,line=")
    assert lines[-1].endswith("::100%25 sure: a, b%0D%0Anext line%0Ahelp: use 50%25: a, b")


def test_github_command_for_the_lenet_example(results):
    assert render_github(of(results, "examples/buggy_lenet.py")) == (
        "::error file=examples/buggy_lenet.py,line=15,col=20,endLine=15,endColumn=39,"
        "title=CL101 (linear-in-features)::fc1 = Linear(256, 120) expects 256 input features, "
        "but pool2 gives 16 x 5 x 5 = 400 per sample (input 10x1x32x32 from the comment on line 7)"
        "%0Ahelp: Set in_features to 400: nn.Linear(400, 120), or use nn.LazyLinear; or feed 28x28 inputs\n")


# --- SARIF -----------------------------------------------------------------------------------

def sarif_validator():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def test_sarif_is_valid_against_the_official_schema(diagnostics):
    extra = [replace(diagnostics[0], path="/abs/dir with space/net.py"),
             replace(diagnostics[0], path="C:\\work\\net.py"),
             replace(diagnostics[0], message=NASTY, model=None, layer=None, related=())]
    for batch in (diagnostics, [], extra):
        log = json.loads(render_sarif(batch, load_rules(), __version__))
        errors = sorted(sarif_validator().iter_errors(log), key=str)
        assert not errors, "\n".join(str(e) for e in errors[:3])
    empty = json.loads(render_sarif([], load_rules(), __version__))
    assert empty["runs"][0]["results"] == []


def test_sarif_rules_results_and_levels(diagnostics):
    rules = load_rules()
    log = json.loads(render_sarif(diagnostics, rules, __version__))
    assert log["version"] == "2.1.0" and "sarif" in log["$schema"]
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("convlint", __version__)
    assert [r["id"] for r in driver["rules"]] == list(rules)  # every rule, fired or not
    levels = {"error": "error", "warning": "warning", "info": "note"}
    for descriptor in driver["rules"]:
        spec = rules[descriptor["id"]]
        assert descriptor["name"] == spec.name
        assert descriptor["shortDescription"]["text"] == spec.summary
        assert descriptor["fullDescription"]["text"] and descriptor["help"]["text"]
        assert descriptor["defaultConfiguration"]["level"] == levels[spec.severity]
    assert len(run["results"]) == len(diagnostics)
    for d, result in zip(diagnostics, run["results"]):
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"] == d.code
        assert result["level"] == levels[d.severity]
        assert result["message"]["text"].startswith(d.message)
        if d.fix:
            assert d.fix in result["message"]["text"]
        (where,) = result["locations"]
        physical = where["physicalLocation"]
        assert physical["artifactLocation"] == {"uri": d.path, "uriBaseId": "%SRCROOT%"}
        assert physical["region"] == {"startLine": d.span.line, "startColumn": d.span.column,
                                      "endLine": d.span.end_line, "endColumn": d.span.end_column}
        expected = {k: v for k, v in (("model", d.model), ("layer", d.layer)) if v}
        assert result.get("properties", {}) == expected
        assert len(result.get("relatedLocations", [])) == len(d.related)
    assert {r["level"] for r in run["results"]} == {"error", "warning", "note"}


def test_sarif_rule_help_for_code_scanning():
    driver = json.loads(render_sarif([], load_rules(), __version__))["runs"][0]["tool"]["driver"]
    rules = {r["id"]: r for r in driver["rules"]}
    cl101 = rules["CL101"]["help"]
    assert "Fix: Set in_features to <actual>" in cl101["text"]  # the fix template, slots shown
    assert "Set in_features to &lt;actual&gt;" in cl101["markdown"]  # not an HTML tag to GitHub
    assert "```python\nself.conv = nn.Conv2d(3, 8, kernel_size=3)" in cl101["markdown"]
    assert "Example: an empty models.py" in rules["CL003"]["help"]["markdown"]  # a phrase, no code block


def test_sarif_lenet_result(results):
    (result,) = json.loads(render_sarif(of(results, "examples/buggy_lenet.py"), load_rules(),
                                        __version__))["runs"][0]["results"]
    assert result["ruleId"] == "CL101"
    assert result["properties"] == {"model": "LeNet5", "layer": "fc1"}
    assert result["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == 23


def test_sarif_uris(diagnostics):
    d = diagnostics[0]
    paths = ["./examples/a b.py", "examples\\sub\\net.py", "/abs/net.py", "C:\\work\\net.py"]
    log = json.loads(render_sarif([replace(d, path=p) for p in paths], load_rules(), __version__))
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in log["runs"][0]["results"]]
    assert uris == [
        {"uri": "examples/a%20b.py", "uriBaseId": "%SRCROOT%"},
        {"uri": "examples/sub/net.py", "uriBaseId": "%SRCROOT%"},
        {"uri": "file:///abs/net.py"},
        {"uri": "file:///C:/work/net.py"},
    ]


def test_sarif_unknown_code_still_gets_a_rule(diagnostics):
    rules = load_rules()
    stray = replace(diagnostics[0], code="CL998", name="made-up")
    run = json.loads(render_sarif([stray], rules, __version__))["runs"][0]
    (result,) = run["results"]
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "CL998"
    assert not list(sarif_validator().iter_errors(json.loads(render_sarif([stray], rules, __version__))))


# --- JUnit -----------------------------------------------------------------------------------

def test_junit_counts_files_and_failures(results, diagnostics):
    paths = list(results)
    root = ET.fromstring(render_junit(paths, diagnostics))
    suites = root.findall("testsuite") if root.tag == "testsuites" else [root]
    assert len(suites) == 1
    (suite,) = suites
    assert suite.get("name") == "convlint"
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == paths
    assert all(c.get("classname") == "convlint" for c in cases)
    failing = {d.path for d in diagnostics if d.severity in ("error", "warning")}
    assert int(suite.get("tests")) == len(paths)
    assert int(suite.get("failures")) == len(failing) == sum(c.find("failure") is not None for c in cases)
    by_name = {c.get("name"): c for c in cases}
    for path in paths:
        failure = by_name[path].find("failure")
        expected = [f"{d.span.line}:{d.span.column} {d.code} {d.message}"
                    for d in results[path].diagnostics if d.severity in ("error", "warning")]
        if not expected:
            assert failure is None, path
            continue
        assert failure.text.splitlines() == expected
        assert failure.get("message") == expected[0]
        assert failure.get("type") == expected[0].split()[1]


def test_junit_clean_and_info_only_files_pass(results):
    root = ET.fromstring(render_junit(["examples/lenet.py", "empty.py"], of(results, "empty.py")))
    suite = root.find("testsuite") if root.tag == "testsuites" else root
    assert (suite.get("tests"), suite.get("failures")) == ("2", "0")
    for case in suite.findall("testcase"):
        assert case.find("failure") is None
    assert "CL003" in suite.findall("testcase")[1].find("system-out").text


def test_junit_two_findings_in_one_file(results):
    root = ET.fromstring(render_junit(["examples/buggy_skip.py"], of(results, "examples/buggy_skip.py")))
    failure = root.find(".//testcase/failure")
    assert [line.split()[:2] for line in failure.text.splitlines()] == [["18:22", "CL201"], ["36:20", "CL203"], ["49:24", "CL107"]]


def test_junit_escapes_what_xml_cannot_hold(diagnostics):
    odd = replace(diagnostics[0], path='a<&>"b.py', message="bell \x07 and <tag> & " + NASTY)
    root = ET.fromstring(render_junit([odd.path], [odd]))
    case = root.find(".//testcase")
    assert case.get("name") == odd.path
    assert "<tag> &" in case.find("failure").get("message")


def test_json_schema_is_current_and_real_output_validates():
    """The JSON contract ships as a schema generated from the pydantic models."""
    import json
    from pathlib import Path

    jsonschema = pytest.importorskip("jsonschema")
    from click.testing import CliRunner

    from convlint.cli import main
    from convlint.report.json_report import Report

    shipped = Path(__file__).resolve().parents[1] / "convlint" / "report" / "report.schema.json"
    schema = json.loads(shipped.read_text())
    assert schema == Report.model_json_schema(), "regenerate convlint/report/report.schema.json"
    root = Path(__file__).resolve().parents[1]
    output = CliRunner().invoke(main, [str(root / "examples"), str(root / "tests" / "models"), "--format", "json"]).output
    report = json.loads(output)
    jsonschema.validate(report, schema)
    assert report["diagnostics"] and report["files"]
