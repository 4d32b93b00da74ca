"""The command line as users and CI meet it: exit codes, bad files, formats, no torch."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from convlint.cli import main

BUGGY = '''import torch.nn as nn

class LeNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 6, 5)
        self.fc = nn.Linear(256, 10)

    def forward(self, x):
        return self.fc(self.conv(x).flatten(1))
'''
CLEAN = BUGGY.replace("nn.Linear(256, 10)", "nn.Linear(6 * 28 * 28, 10)")


def run(*args, **kwargs):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False, **kwargs)


@pytest.fixture
def files(tmp_path):
    def write(name, content):
        path = tmp_path / name
        path.write_bytes(content) if isinstance(content, bytes) else path.write_text(content)
        return path

    return write


def test_clean_model_exits_zero(files):
    result = run(files("net.py", CLEAN), "--input-shape", "2,1,32,32")
    assert result.exit_code == 0, result.output
    assert "All checks passed!" in result.output


def test_finding_exits_one_with_location_excerpt_and_help(files):
    path = files("net.py", BUGGY)
    result = run(path, "--input-shape", "LeNet=2,1,32,32")
    assert result.exit_code == 1
    assert f"{path}:7:19: CL101 fc = Linear(256, 10) expects 256 input features, but conv gives " \
           "6 x 28 x 28 = 4704 per sample (input 2x1x32x32)" in result.output
    assert "7 |         self.fc = nn.Linear(256, 10)" in result.output
    assert "^^^^^^^^^^^^^^^^^^ CL101" in result.output
    assert "= help: Set in_features to 4704" in result.output
    assert "Found 1 error." in result.output


def test_exit_zero_and_select(files):
    path = files("net.py", BUGGY)
    assert run(path, "--input-shape", "2,1,32,32", "--exit-zero").exit_code == 0
    assert run(path, "--input-shape", "2,1,32,32", "--select", "CL103").exit_code == 0
    assert run(path, "--input-shape", "2,1,32,32", "--ignore", "CL101").exit_code == 0


@pytest.mark.parametrize(("content", "code", "words"), [
    ("class A(:\n    pass\n", "CL001", "syntax error"),
    (b"x = '\xff\xfe'\n", "CL002", "not valid UTF-8"),
    (b"\x7fELF\x00\x00\x01\x02" * 64, "CL002", "binary"),
])
def test_bad_file_is_one_diagnostic_and_the_run_goes_on(files, content, code, words):
    bad = files("bad.py", content)
    good = files("net.py", BUGGY)
    result = run(bad, good, "--input-shape", "2,1,32,32")
    assert result.exit_code == 2, result.output
    assert f"{bad}:" in result.output and code in result.output and words in result.output
    assert "CL101" in result.output  # the other file was still checked
    assert "Traceback" not in result.output


def test_empty_file_is_a_note_not_a_failure(files):
    result = run(files("empty.py", ""), files("net.py", CLEAN), "--input-shape", "2,1,32,32")
    assert result.exit_code == 0
    assert "CL003" in result.output and "empty" in result.output


def test_missing_path_and_usage_errors_exit_two(files):
    assert run("does_not_exist.py").exit_code == 2
    assert run(files("net.py", CLEAN), "--input-shape", "ten,1").exit_code == 2
    assert run(files("net.py", CLEAN), "--select", "CL777").exit_code == 2


def test_directory_is_walked(files, tmp_path):
    (tmp_path / "pkg").mkdir()
    files("pkg/net.py", BUGGY)
    files("pkg/notes.txt", "not python")
    (tmp_path / ".venv").mkdir()
    files(".venv/ignored.py", "class A(:\n")
    result = run(tmp_path, "--input-shape", "2,1,32,32")
    assert result.exit_code == 1
    assert "pkg" in result.output and "ignored.py" not in result.output


def test_json_contract(files):
    path = files("net.py", BUGGY)
    result = run(path, "--input-shape", "2,1,32,32", "--format", "json")
    data = json.loads(result.output)
    assert set(data) == {"files", "diagnostics"}
    (model,) = data["files"][0]["models"]
    assert model["name"] == "LeNet" and model["input_shape"] == [2, 1, 32, 32] and model["line"] == 3
    assert model["layers"][0] == {"name": "conv", "type": "Conv2d", "line": 6, "output_shape": [2, 6, 28, 28],
                                  "params": 156, "macs": 2 * 156 * 28 * 28}
    (diagnostic,) = data["diagnostics"]
    assert {k: diagnostic[k] for k in ("line", "column", "end_line", "end_column", "code", "severity", "model",
                                        "layer")} == {"line": 7, "column": 19, "end_line": 7, "end_column": 37,
                                                      "code": "CL101", "severity": "error", "model": "LeNet",
                                                      "layer": "fc"}


def test_symbolic_json_dims_are_strings(files):
    data = json.loads(run(files("net.py", CLEAN), "--format", "json").output)
    (model,) = data["files"][0]["models"]
    assert model["input_shape"] == ["N", 1, "H", "W"]
    assert model["layers"][0]["output_shape"] == ["N", 6, "H-4", "W-4"]
    assert model["layers"][0]["params"] == 156 and model["layers"][0]["macs"] is None


def test_unknown_calls_are_never_a_false_alarm(files):
    source = CLEAN.replace("self.conv(x).flatten(1)", "some_library.magic(self.conv(x)).flatten(1)")
    source = source.replace("nn.Linear(6 * 28 * 28, 10)", "nn.Linear(12345, 10)")
    result = run(files("net.py", source), "--input-shape", "2,1,32,32")
    assert result.exit_code == 0, result.output


def test_comment_declares_the_input_shape(files):
    source = BUGGY.replace("class LeNet", "# convlint: input-shape=(2, 1, 32, 32)\nclass LeNet")
    result = run(files("net.py", source))
    assert result.exit_code == 1 and "(input 2x1x32x32 from the comment on line " in result.output


def test_static_path_never_imports_torch_nor_runs_user_code(tmp_path):
    marker = tmp_path / "ran.txt"
    model = tmp_path / "net.py"
    model.write_text(f"open({str(marker)!r}, 'w').write('executed')\n" + BUGGY)
    script = (
        "import sys\nfrom convlint.cli import main\n"
        "try:\n    main([sys.argv[1], '--input-shape', '2,1,32,32'])\n"
        "except SystemExit as done:\n    assert done.code == 1, done.code\n"
        "assert 'torch' not in sys.modules, 'torch was imported'\n"
    )
    subprocess.run([sys.executable, "-c", script, str(model)], check=True, capture_output=True)
    assert not marker.exists()


def test_version_and_help_do_not_load_libcst():
    script = ("import sys\nfrom convlint.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
              "assert 'libcst' not in sys.modules and 'pydantic' not in sys.modules\n")
    subprocess.run([sys.executable, "-c", script], check=True, capture_output=True)


def test_an_input_shape_for_no_model_is_a_usage_error(files):
    path = files("net.py", BUGGY)
    result = run(path, "--input-shape", "LeNt=2,1,32,32", "--format", "concise")
    assert result.exit_code == 2
    assert "no model named LeNt in the files checked" in result.output
    assert run(path, "--input-shape", "LeNet=2,1,32,32").exit_code == 1  # the right name still works
