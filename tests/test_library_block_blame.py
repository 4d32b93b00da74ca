"""A block of another file built once with a wrong count (`SepConv1d(f1, f2, 15)` where f2
channels arrive) is reported at the call, as the same block in one file is; a library block
whose layers all read the other parameter (`c_out`, leaving `c_in` unread) stays blamed at its
own line."""

import pytest

from convlint.pipeline import Settings, lint_file

SEPARABLE = '''
import torch.nn as nn


class SepConv1d(nn.Module):
    def __init__(self, c_in, c_out, k):
        super().__init__()
        self.dw = nn.Conv1d({depthwise}, {depthwise}, k, padding=k // 2, groups={depthwise})
        self.pw = nn.Conv1d({depthwise}, c_out, 1)

    def forward(self, x):
        return self.pw(self.dw(x))
'''

NET = '''
import torch.nn as nn
from sep import SepConv1d


class Net(nn.Module):
    def __init__(self, f1=8, f2=16):
        super().__init__()
        self.conv = nn.Conv1d(4, {stem}, 5, padding=2)
        self.sep = SepConv1d(f1, f2, 15)

    def forward(self, x):
        return self.sep(self.conv(x))
'''

CASES = {  # name: (the block's width name, the stem's width, the file and line text of the finding)
    "wrong-call": ("c_in", "f2", "net.py", "self.sep = SepConv1d(f1, f2, 15)"),
    "wrong-block": ("c_out", "f1", "sep.py", "self.dw = nn.Conv1d(c_out"),
}


def _write(folder, depthwise: str, stem: str) -> dict:
    texts = {"sep.py": SEPARABLE.replace("{depthwise}", depthwise), "net.py": NET.replace("{stem}", stem)}
    for name, text in texts.items():
        (folder / name).write_text(text)
    return texts


@pytest.mark.parametrize("case", CASES)
def test_the_line_to_change_is_reported(tmp_path, case):
    depthwise, stem, file, text = CASES[case]
    texts = _write(tmp_path, depthwise, stem)
    line = next(n for n, source in enumerate(texts[file].splitlines(), 1) if text in source)
    found = [(d.path.rsplit("/", 1)[-1], d.span.line, d.code)
             for d in lint_file(tmp_path / "net.py", str(tmp_path / "net.py"), Settings()).diagnostics
             if d.severity == "error"]
    assert found == [(file, line, "CL103")]


def test_the_right_call_stays_clean(tmp_path):
    _write(tmp_path, "c_in", "f1")
    assert [d for d in lint_file(tmp_path / "net.py", str(tmp_path / "net.py"), Settings()).diagnostics
            if d.severity == "error"] == []


@pytest.mark.parametrize("case", CASES)
def test_torch_fails_on_each(tmp_path, monkeypatch, case):
    torch = pytest.importorskip("torch")
    depthwise, stem, _, _ = CASES[case]
    texts = _write(tmp_path, depthwise, stem)
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(__import__("sys").modules, "sep", raising=False)
    namespace: dict = {}
    exec(compile(texts["net.py"], "net.py", "exec"), namespace)
    with pytest.raises(RuntimeError, match="channels"):
        namespace["Net"]()(torch.zeros(2, 4, 30))
