"""Whatever the source, a run ends with diagnostics, never a traceback, in bounded time."""

import json
import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from convlint.cli import main
from convlint.pipeline import Settings, lint_text
from convlint.report.json_report import render_json
from tests.fuzzing import cases


def test_mutated_models_never_crash_and_json_stays_valid():
    started = time.monotonic()
    for number, source in cases(300, seed=1):
        result = lint_text(source, f"case{number}.py", Settings(input_shapes={"": (2, 3, 32, 32)}))
        json.loads(render_json([result], result.diagnostics))
        assert not any(d.code == "CL999" and "internal error" in d.message for d in result.diagnostics), \
            (number, [d.message for d in result.diagnostics if d.code == "CL999"])
    assert time.monotonic() - started < 120
    assert not Path("/tmp/convlint-was-here").exists()


@pytest.mark.parametrize("source", [
    "import torch.nn as nn\nclass A(nn.Module):\n    def __init__(self):\n        super().__init__()\n"
    "        self.c = nn.Conv2d(2**10**10, 10**10**10, 3)\n",
    "import torch.nn as nn\nclass A(nn.Module):\n    def __init__(self):\n        super().__init__()\n"
    "        for i in range(10**12):\n            setattr(self, f'c{i}', nn.Conv2d(1, 1, 1))\n",
    "import torch.nn as nn\ndef f(n):\n    return f(n + 1)\nclass A(nn.Module):\n    def __init__(self):\n"
    "        super().__init__()\n        self.c = nn.Conv2d(f(1), 1, 1)\n",
    "x = " + "(" * 5000 + "1" + ")" * 5000 + "\n",
    "x = " + "-" * 100000 + "1\n",
    "x = [" * 3000 + "]" * 3000 + "\n",
    "import torch.nn as nn\nclass A(nn.Module):\n    def __init__(self):\n        super().__init__()\n"
    "        self.s = nn.Sequential(*[nn.ReLU()] * 10**9)\n",
], ids=["huge-powers", "range-10-12", "recursion", "deep-parens", "deep-unary", "deep-lists", "huge-list"])
def test_hostile_sources_end_quickly_without_a_traceback(source):
    started = time.monotonic()
    result = lint_text(source, "hostile.py", Settings())
    assert time.monotonic() - started < 20
    json.loads(render_json([result], result.diagnostics))


def test_hostile_directory_walk(tmp_path):
    (tmp_path / "loop").symlink_to(tmp_path)
    (tmp_path / "broken.py").symlink_to(tmp_path / "missing.py")
    (tmp_path / "notes.txt").write_text("not python")
    (tmp_path / "data.py").write_bytes(os.urandom(4096))
    (tmp_path / "fifo.py").unlink(missing_ok=True)
    os.mkfifo(tmp_path / "fifo.py")
    (tmp_path / "big.py").write_bytes(b"x = 1\n" * 2_000_000)  # 12 MB
    (tmp_path / "ok.py").write_text("import torch.nn as nn\n")
    started = time.monotonic()
    result = CliRunner().invoke(main, [str(tmp_path), "--format", "concise"])
    assert time.monotonic() - started < 30
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "broken.py:1:1: error CL004" in result.output
    assert "fifo.py:1:1: error CL004 not a regular file" in result.output
    assert "big.py:1:1: error CL004" in result.output and "MB" in result.output
    assert "data.py:1:1: error CL002" in result.output


def test_ranges_too_long_for_len_are_unknown_not_internal_errors():
    source = ("import torch.nn as nn\nclass A(nn.Module):\n    def __init__(self):\n        super().__init__()\n"
              "        self.blocks = nn.ModuleList([nn.Conv2d(1, 1, 1) for _ in range(2**64)])\n"
              "        self.count = len(range(10**20))\n")
    result = lint_text(source, "hostile.py", Settings())
    assert [m.internal_error for m in result.models] == [None]
    assert not [d for d in result.diagnostics if d.code == "CL999"]


TAB_INDENTED = (
    "import torch.nn as nn\n\n\n"
    "class Net(nn.Module):\n"
    "    def __init__(self):\n"
    "        super().__init__()\n"
    "        self.conv = nn.Conv2d(3, 16, 3)\n"
    "        self.fc = nn.Linear(16, 10)\n"
    "        for m in self.modules():\n"
    "            if isinstance(m, nn.Conv2d):\n"
    "        \t    nn.init.zeros_(m.weight)\n"  # 8 spaces and a tab: column 16 to Python
    "\n"
    "    def forward(self, x):\n"
    "        return self.fc(self.conv(x))\n"
)


def test_indentation_mixing_tabs_and_spaces_that_python_reads_is_analysed():
    compile(TAB_INDENTED, "tabs.py", "exec")  # Python reads it
    result = lint_text(TAB_INDENTED, "tabs.py", Settings(input_shapes={"": (1, 3, 6, 6)}))
    assert [(d.code, d.span.line) for d in result.diagnostics] == [("CL101", 8)]
    broken = lint_text(TAB_INDENTED.replace("\t    nn.init", "\tnn.init"), "tabs.py", Settings())
    assert [d.code for d in broken.diagnostics] == ["CL001"]  # a tab stop Python refuses stays an error


def test_a_bug_in_checking_one_model_is_one_diagnostic_for_it_never_a_traceback(monkeypatch):
    """Checking a model runs more than its checks (the configurations its code names, the loop
    counts tried): an exception anywhere there is a CL999 for that model, and the others are
    still checked."""
    import convlint.pipeline as pipeline
    from convlint.pipeline import Settings, lint_text

    def broken(*args, **kwargs):
        raise IndexError("list index out of range")

    monkeypatch.setattr(pipeline, "_for_named_values", broken)
    source = '''
import torch.nn as nn


class Modes(nn.Module):
    def __init__(self, mode="a"):
        super().__init__()
        self.conv = nn.Conv2d(3, 8 if mode == "b" else 4, 3)

    def forward(self, x):
        return self.conv(x)


class Wrong(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Conv2d(3, 8, 3)
        self.b = nn.Conv2d(4, 8, 3)

    def forward(self, x):
        return self.b(self.a(x))
'''
    result = lint_text(source, "one_broken.py", Settings())
    codes = sorted((d.model, d.code) for d in result.diagnostics)
    assert codes == [("Modes", "CL999"), ("Wrong", "CL103")]
    assert "convlint could not check Modes: internal error IndexError" in next(
        d.message for d in result.diagnostics if d.code == "CL999")
