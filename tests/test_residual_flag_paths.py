"""A residual block whose shortcut is chosen by a flag set under a condition not known statically
(`self.downsample = False`, then `if cin != cout: self.downsample = True`, tested in
forward): both paths are followed, and an add torch refuses on every path is still an error, while
an add that one path lets run stays unreported."""

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import built, module_shapes

SOURCE = '''
import torch.nn as nn


def conv3x3(cin, cout):
    return nn.Conv2d(cin, cout, kernel_size=3, padding=PAD, bias=False)


class Block(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv1 = conv3x3(cin, cout)
        self.conv2 = conv3x3(cout, cout)
        self.downsample = False
        if cin != cout:
            self.downsample = True
            self.down = DOWN

    def forward(self, x):
        residual = x
        out = self.conv2(self.conv1(x))
        if self.downsample:
            residual = self.down(residual)
        ADD
        return out
'''


def _source(pad: str, down: str = "conv3x3(cin, cout)", add: str = "out += residual") -> str:
    return SOURCE.replace("PAD", pad).replace("DOWN", down).replace("ADD", add)


def _errors(source: str) -> list:
    return [d for d in lint_text(source, "flag_block.py", Settings()).diagnostics if d.severity == "error"]


def _torch_refuses(source: str, cin: int, cout: int) -> bool:
    try:
        module_shapes(built(source, "flag_block.py", lambda ns: ns["Block"](cin, cout)), (2, cin, 15, 15))
    except RuntimeError:
        return True
    return False


def test_add_refused_on_every_path_is_an_error():
    for add in ("out += residual", "out = out + residual"):
        source = _source("0", add=add)
        assert _torch_refuses(source, 4, 4) and _torch_refuses(source, 4, 8)
        assert {d.code for d in _errors(source)} == {"CL107"}, add


def test_block_that_runs_on_every_path_is_clean():
    source = _source("1")
    assert not _torch_refuses(source, 4, 4) and not _torch_refuses(source, 4, 8)
    assert not _errors(source)


def test_add_one_path_lets_run_is_not_reported():
    # the downsampling path matches (a 5x5 shortcut with no padding), the plain one does not
    source = _source("0", down="nn.Conv2d(cin, cout, 5)")
    assert _torch_refuses(source, 4, 4) and not _torch_refuses(source, 4, 8)
    assert not _errors(source)


LOOP_SOURCE = '''
import sys
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.n = n
        self.pool = nn.MaxPool2d(2)
        self.deep = nn.Sequential(*[nn.MaxPool2d(2) for _ in range(5)])

    def forward(self, x):
        y = self.deep(x)
        for _ in range(self.n):
            x = self.pool(x)
        return x + y


if __name__ == "__main__":
    net = Net(int(sys.argv[1]))
    net(torch.randn(1, 3, 64, 64))
'''


def test_an_add_after_a_loop_of_unknown_count_is_not_refused_on_the_counts_followed():
    # the steps followed (64, 32, 16, 8) all refuse the 2x2 map, but five steps give it
    out = module_shapes(built(LOOP_SOURCE, "loop_net.py", lambda ns: ns["Net"](5)), (1, 3, 64, 64))
    assert out is not None
    assert not _errors(LOOP_SOURCE)
