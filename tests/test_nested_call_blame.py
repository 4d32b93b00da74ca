"""A count passed through a block of blocks (`CBR(c, 2 * c)` building `Conv(cin, cout)` building
`nn.Conv2d`) is reported at the call only the failing instance went through, not at the inner
call every instance shares; a finding moved into another file names this file's calls by path."""

import pytest

from convlint.pipeline import Settings, lint_file, lint_text

BLOCKS = '''
import torch
import torch.nn as nn


class Conv(nn.Module):
    def __init__(self, cin, cout, k=3, p=1):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, k, padding=p)

    def forward(self, x):
        return self.conv(x)


class CBR(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.body = nn.Sequential(Conv(cin, cout), nn.BatchNorm2d(cout), nn.ReLU())

    def forward(self, x):
        return self.body(x)
'''

NET = '''

class Net(nn.Module):
    def __init__(self, c=16):
        super().__init__()
        self.enc1 = CBR(3, c)
        self.enc2 = CBR(c, 2 * c)
        self.skip2 = CBR({width}, 2 * c)

    def forward(self, x):
        return self.skip2(self.enc2(self.enc1(x)))
'''

WRONG, RIGHT = NET.format(width="c"), NET.format(width="2 * c")


def _errors(source: str) -> list[tuple[int, str, str]]:
    return [(d.span.line, d.code, d.layer) for d in lint_text(source, "net.py", Settings()).diagnostics
            if d.severity == "error"]


def test_the_call_only_the_failing_instance_went_through_is_reported():
    source = BLOCKS + WRONG
    line = next(n for n, text in enumerate(source.splitlines(), 1) if "self.skip2 = CBR(c," in text)
    assert _errors(source) == [(line, "CL103", "skip2.body.0.conv")]


def test_the_right_width_stays_clean():
    assert _errors(BLOCKS + RIGHT) == []


def test_torch_fails_on_the_wrong_width_only():
    torch = pytest.importorskip("torch")
    for source, fails in ((WRONG, True), (RIGHT, False)):
        namespace: dict = {}
        exec(compile(BLOCKS + source, "net.py", "exec"), namespace)
        if fails:
            with pytest.raises(RuntimeError, match="expected input.* to have 16 channels, but got 32"):
                namespace["Net"]()(torch.zeros(1, 3, 8, 8))
        else:
            assert namespace["Net"]()(torch.zeros(1, 3, 8, 8)).shape == (1, 32, 8, 8)


def test_a_finding_in_another_file_names_the_calls_of_the_linted_file_by_its_path(tmp_path):
    # the block library's own line is wrong (it forgets the skip's channels), and the note
    # "built through the call at ..." must name the linted file for the linted file's line
    (tmp_path / "blocks.py").write_text(BLOCKS.replace("Conv(cin, cout)", "Conv(cout, cout)"))
    net = tmp_path / "net.py"
    net.write_text("import torch.nn as nn\nfrom blocks import CBR\n" + RIGHT)
    (found,) = [d for d in lint_file(net, str(net), Settings()).diagnostics if d.severity == "error"]
    assert found.path.endswith("blocks.py") and found.code == "CL103"
    enc2 = next(n for n, text in enumerate(net.read_text().splitlines(), 1) if "self.enc2 = " in text)
    assert [(s.file, s.line) for s in found.via] == [(str(net), enc2)]
