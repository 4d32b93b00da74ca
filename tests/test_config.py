"""[tool.convlint] configuration, suppressions, stdin and output options, on real runs."""

import json

import pytest
from click.testing import CliRunner

from convlint.cli import main
from tests.test_cli import BUGGY, CLEAN

WIDE = BUGGY.replace("self.conv = nn.Conv2d(1, 6, 5)", "self.conv = nn.Conv2d(1, 6, 4, padding=2)").replace(
    "nn.Linear(256, 10)", "nn.Linear(6 * 33 * 33, 10)")


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    def write(config: str, files: dict):
        (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n\n[tool.convlint]\n" + config)
        for name, content in files.items():
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content)
        return tmp_path

    return write


def codes(result):
    return sorted({line.split()[1] for line in result.output.splitlines() if ".py:" in line.split(" ")[0]})


def test_input_shapes_from_config_per_file_and_model(project):
    root = project('input-shapes = {"models/net.py::LeNet" = [2, 1, 32, 32]}\n', {"models/net.py": BUGGY})
    result = run(root / "models")
    assert result.exit_code == 1 and "(input 2x1x32x32 from the configuration)" in result.output


def test_precedence_cli_over_config_over_comment(project):
    commented = BUGGY.replace("class LeNet", "# convlint: input-shape=(3, 1, 32, 32)\nclass LeNet")
    root = project('input-shapes = {"LeNet" = [2, 1, 32, 32]}\n', {"net.py": commented})
    assert "(input 2x1x32x32 from the configuration)" in run(root / "net.py").output
    assert "(input 4x1x32x32)" in run(root / "net.py", "--input-shape", "LeNet=4,1,32,32").output
    (root / "pyproject.toml").write_text("[tool.convlint]\n")
    assert "(input 3x1x32x32 from the comment on line " in run(root / "net.py").output


def test_select_ignore_extend_select_and_per_file_ignores(project):
    root = project('select = ["CL1"]\nignore = ["view-size"]\nper-file-ignores = {"legacy/*.py" = ["CL101"]}\n'
                   'input-shapes = {"LeNet" = [2, 1, 32, 32]}\n',
                   {"net.py": WIDE, "legacy/old.py": BUGGY})
    assert codes(run(root / "net.py")) == []  # CL202 is not selected
    assert codes(run(root / "net.py", "--extend-select", "CL202")) == ["CL202"]
    assert codes(run(root / "net.py", "--select", "CL2")) == ["CL202"]
    assert run(root / "legacy" / "old.py").exit_code == 0


def test_severity_override_changes_the_exit_code(project):
    root = project('severity = {CL101 = "warning"}\ninput-shapes = {"LeNet" = [2, 1, 32, 32]}\n', {"net.py": BUGGY})
    result = run(root / "net.py")
    assert result.exit_code == 0 and "CL101 [warning]" in result.output


def test_exclude_and_extend_exclude_apply_to_directory_walks(project):
    root = project('extend-exclude = ["generated"]\n', {"generated/bad.py": "class A(:\n", "ok.py": CLEAN})
    assert run(root).exit_code == 0
    (root / "pyproject.toml").write_text("[tool.convlint]\nexclude = []\n")
    assert run(root).exit_code == 2


@pytest.mark.parametrize(("config", "words"), [
    ('selct = ["CL101"]\n', "unknown key 'selct'"),
    ('select = ["CL777"]\n', "unknown rule code or name 'CL777'"),
    ('severity = {CL101 = "fatal"}\n', "severity.CL101 must be one of"),
    ('input-shapes = {"LeNet" = [1, "x", 3]}\n', "input-shapes"),
    ("select = \n", "not valid TOML"),
])
def test_bad_config_is_an_error_naming_file_and_key(project, config, words):
    root = project(config, {"net.py": CLEAN})
    result = CliRunner().invoke(main, [str(root / "net.py")])
    assert result.exit_code == 2
    assert "pyproject.toml" in result.output and words in result.output


def test_explicit_config_file(tmp_path):
    (tmp_path / "convlint.toml").write_text('[tool.convlint]\ninput-shapes = {"LeNet" = [2, 1, 32, 32]}\n')
    # 6 x 30 x 30 fits a 34x34 input, not the configured 32x32: only the configuration makes it an error
    (tmp_path / "net.py").write_text(BUGGY.replace("nn.Linear(256, 10)", "nn.Linear(6 * 30 * 30, 10)"))
    assert run(tmp_path / "net.py", "--config", tmp_path / "convlint.toml").exit_code == 1
    assert run(tmp_path / "net.py").exit_code == 0  # symbolic: the count depends on the input size
    assert run(tmp_path / "net.py", "--config", tmp_path / "nope.toml").exit_code == 2


@pytest.mark.parametrize("comment", ["# noqa: CL101", "# noqa", "# convlint: ignore[CL101]",
                                     "# convlint: ignore[linear-in-features]", "# noqa: E501, CL101"])
def test_suppressions(tmp_path, comment):
    path = tmp_path / "net.py"
    path.write_text(BUGGY.replace("nn.Linear(256, 10)", f"nn.Linear(256, 10)  {comment}"))
    assert run(path, "--input-shape", "2,1,32,32").exit_code == 0


def test_suppression_of_another_code_does_not_hide_and_unused_ones_are_reported(tmp_path):
    path = tmp_path / "net.py"
    path.write_text(BUGGY.replace("nn.Linear(256, 10)", "nn.Linear(256, 10)  # noqa: CL103")
                    .replace("nn.Conv2d(1, 6, 5)", "nn.Conv2d(1, 6, 5)  # convlint: ignore[CL105]")
                    + "x = 1  # noqa: E501\n")
    result = run(path, "--input-shape", "2,1,32,32", "--warn-unused-ignores")
    assert result.exit_code == 1
    assert codes(result) == ["CL005", "CL101"]
    assert result.output.count("CL005 [warning] unused suppression") == 2
    assert "CL005" not in run(path, "--input-shape", "2,1,32,32").output


def test_skip_file(tmp_path):
    path = tmp_path / "net.py"
    path.write_text("# convlint: skip-file\n" + BUGGY)
    assert run(path, "--input-shape", "2,1,32,32").exit_code == 0


def test_stdin_with_filename_quiet_and_output_file(tmp_path):
    result = run("-", "--stdin-filename", "models/net.py", "--input-shape", "2,1,32,32", "--quiet", input=BUGGY)
    assert result.exit_code == 1
    assert result.output.startswith("models/net.py:7:19: CL101")
    assert "Found" not in result.output
    out = tmp_path / "report.json"
    result = run("-", "--format", "json", "-o", out, "--input-shape", "2,1,32,32", input=BUGGY)
    assert result.exit_code == 1 and result.output == ""
    assert json.loads(out.read_text())["diagnostics"][0]["path"] == "-"


def test_colour_only_when_asked_and_no_color_respected(tmp_path, monkeypatch):
    path = tmp_path / "net.py"
    path.write_text(BUGGY)
    assert "\x1b[" not in run(path, "--input-shape", "2,1,32,32").output  # not a TTY


def test_rule_and_rules_commands():
    result = run("rule", "CL101")
    assert result.exit_code == 0 and result.output.startswith("# linear-in-features (CL101)")
    assert "## Example" in result.output and "mat1 and mat2" in result.output
    assert run("rule", "linear-in-features").output == result.output
    assert run("rule", "CL777").exit_code == 2
    listing = run("rules").output
    assert "CL101  linear-in-features" in listing and "CL202  asymmetric-padding" in listing


def test_statistics():
    result = run("examples", "--statistics")
    assert "    1  CL101  linear-in-features" in result.output


NEEDS_ARGS = '''import torch.nn as nn

cfg = {"A": [16, "M", 32, "M"], "B": [16, 16, "M", 32, "M"]}


class Net(nn.Module):
    def __init__(self, name, num_classes):
        super().__init__()
        layers, c = [], 3
        for v in cfg[name]:
            if v == "M":
                layers.append(nn.MaxPool2d(2))
            else:
                layers += [nn.Conv2d(c, v, 3, padding=1), nn.ReLU()]
                c = v
        self.features = nn.Sequential(*layers)
        self.fc = nn.Linear(32 * 7 * 7, num_classes)

    def forward(self, x):
        return self.fc(self.features(x).flatten(1))
'''


def test_model_args_from_the_command_line_and_the_config_build_the_model(project):
    root = project('input-shapes = {"Net" = [2, 3, 32, 32]}\n', {"net.py": NEEDS_ARGS})
    # built with its arguments unknown, then with each table key the code names: "A" fails at 32x32
    named = run(root / "net.py", "--no-cache")
    assert named.exit_code == 1 and "with name='A' (a value the code names" in named.output
    given = run(root / "net.py", "--no-cache", "--model-args", 'Net("B", num_classes=10)')
    assert given.exit_code == 1 and "expects 1568 input features" in given.output
    (root / "pyproject.toml").write_text('[tool.convlint]\ninput-shapes = {"Net" = [2, 3, 28, 28]}\n'
                                         'model-args = [\'Net("A", 10)\']\n')
    assert run(root / "net.py").exit_code == 0  # 28x28 through two pools: 32 x 7 x 7, and cached apart
    assert run(root / "net.py", "--model-args", 'Net("A", 10)', "--input-shape", "Net=2,3,32,32").exit_code == 1
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(NEEDS_ARGS, "net.py", "exec"), namespace)
    namespace["Net"]("A", 10)(torch.zeros(2, 3, 28, 28))
    with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
        namespace["Net"]("B", num_classes=10)(torch.zeros(2, 3, 32, 32))


def test_model_args_build_a_factory_that_needs_arguments(tmp_path):
    source = NEEDS_ARGS + "\n\ndef make(name, num_classes):\n    model = Net(name, num_classes)\n    return model\n"
    (tmp_path / "net.py").write_text(source)
    result = run(tmp_path / "net.py", "--no-cache", "--model-args", 'make("B", 10)', "--input-shape", "make=2,3,32,32")
    assert result.exit_code == 1 and "expects 1568 input features" in result.output


def test_model_args_that_are_expressions_are_evaluated_in_the_file(tmp_path):
    """`Net(sorted(cfg)[1], num_classes=5 * 2)`: evaluated statically with the file's names, never run."""
    (tmp_path / "net.py").write_text(NEEDS_ARGS)
    result = run(tmp_path / "net.py", "--no-cache", "--model-args", "Net(sorted(cfg)[1], num_classes=5 * 2)",
                 "--input-shape", "Net=2,3,32,32")
    assert result.exit_code == 1 and "expects 1568 input features" in result.output
    assert run(tmp_path / "net.py", "--no-cache", "--model-args", "Net(list(cfg)[0], num_classes=5 * 2)",
               "--input-shape", "Net=2,3,28,28").exit_code == 0


@pytest.mark.parametrize("suffix", [".eval()", ".to('cpu')", ".cuda().eval()", ".train(False).float()"])
def test_model_args_built_as_a_script_builds_them_with_a_method_returning_the_module(tmp_path, suffix):
    """`PSMNet(192).eval()`, `Net(3).to(device)`: nn.Module methods that return the module itself; the
    model is the call they are chained on (they were refused, and a harness fell back to the defaults)."""
    (tmp_path / "net.py").write_text(NEEDS_ARGS)
    result = run(tmp_path / "net.py", "--no-cache", "--model-args", f'Net("B", num_classes=10){suffix}',
                 "--input-shape", "Net=2,3,32,32")
    assert result.exit_code == 1 and "expects 1568 input features" in result.output
    assert run(tmp_path / "net.py", "--no-cache", "--model-args", f'Net("A", 10){suffix}',
               "--input-shape", "Net=2,3,28,28").exit_code == 0


@pytest.mark.parametrize("text", ["Net(", "Net(*args)", "Net(**kw)", "net.Net(1)", "Net(1).forward(2)"])
def test_model_args_that_are_not_a_call_of_literals_are_a_usage_error(tmp_path, text):
    (tmp_path / "net.py").write_text(NEEDS_ARGS)
    result = CliRunner().invoke(main, [str(tmp_path / "net.py"), "--model-args", text])
    assert result.exit_code == 2 and "--model-args" in result.output
