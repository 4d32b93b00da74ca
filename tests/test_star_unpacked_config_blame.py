"""A width written in a config tuple that a call unpacks (`_Dec(*self.cfg[1])` of `self.cfg = ((3, 512),
(512, 512, 256))`, `Block(*cfg[i])` of a module-level table, `for row in self.cfg: Block(*row)`,
`nn.Conv2d(*self.cfg[1], kernel_size=3)`) is reported at that number in the tuple, as a number written
at the call is reported at the call. Against torch."""

from pathlib import Path

import pytest

from convlint.pipeline import Settings, lint_file, lint_text

ATTRIBUTE = '''
import torch
from torch.nn import Conv2d, ConvTranspose2d, MaxPool2d, ReLU, Sequential, Module


class _Dec(Module):
    def __init__(self, in_channels, middle_channels, out_channels):
        super().__init__()
        self.decode = Sequential(
            Conv2d(in_channels, middle_channels, kernel_size=3, padding=1), ReLU(),
            ConvTranspose2d(middle_channels, out_channels, kernel_size=2, stride=2))

    def forward(self, x):
        return self.decode(x)


class Net(Module):
    def __init__(self, input_channels=3):
        super().__init__()
        self.cfg = (
            (input_channels, 512),
            ({width}, 512, 256),
        )
        self.enc = Sequential(Conv2d(*self.cfg[0], kernel_size=3, padding=1), ReLU())
        self.center = Sequential(MaxPool2d(2), ConvTranspose2d(512, 512, kernel_size=2, stride=2))
        self.dec4 = _Dec(*self.cfg[1])

    def forward(self, x):
        e = self.enc(x)
        c = self.center(e)
        return self.dec4(torch.cat([e, c], 1))
'''

BLOCK = '''
import torch
from torch import nn


class Block(nn.Module):
    def __init__(self, cin, mid, cout):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, mid, 3, padding=1)
        self.conv2 = nn.Conv2d(mid, cout, 3, padding=1)

    def forward(self, x):
        return self.conv2(torch.relu(self.conv1(x)))
'''

MODULE_TABLE = BLOCK + '''

cfg = (
    (3, 64, 64),
    (64, 128, 128),
    ({width}, 256, 256),
)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.blocks = nn.Sequential(*[Block(*cfg[i]) for i in range(len(cfg))])

    def forward(self, x):
        return self.blocks(x)
'''

CLASS_TABLE = BLOCK + '''

class Net(nn.Module):
    cfg = [[3, 64, 64], [64, 128, 128], [{width}, 256, 256]]

    def __init__(self):
        super().__init__()
        layers = []
        for row in self.cfg:
            layers.append(Block(*row))
        self.blocks = nn.Sequential(*layers)

    def forward(self, x):
        return self.blocks(x)
'''

LAYER = '''
import torch
from torch import nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.cfg = ((3, 64), ({width}, 128))
        self.c1 = nn.Conv2d(*self.cfg[0], kernel_size=3, padding=1)
        self.c2 = nn.Conv2d(*self.cfg[1], kernel_size=3, padding=1)

    def forward(self, x):
        return self.c2(self.c1(x))
'''

# (source, the width as written, as meant, the text of the number's line, the column of the number in it)
CASES = [
    (ATTRIBUTE, "512", "1024", "({width}, 512, 256),"),
    (MODULE_TABLE, "64", "128", "({width}, 256, 256),"),
    (CLASS_TABLE, "64", "128", "[{width}, 256, 256]]"),
    (LAYER, "32", "64", "({width}, 128))"),
]


def _errors(source: str):
    return [d for d in lint_text(source, "net.py", Settings()).diagnostics if d.severity == "error"]


@pytest.mark.parametrize("source, wrong, right, written", CASES)
def test_a_width_unpacked_from_a_config_tuple_is_reported_at_its_number(source, wrong, right, written):
    text = source.format(width=wrong)
    (found,) = _errors(text)
    row = written.format(width=wrong)
    line = next(n for n, text_row in enumerate(text.splitlines(), 1) if row in text_row)
    column = text.splitlines()[line - 1].index(row) + 2  # past the bracket: the number itself
    assert (found.code, found.span.line, found.span.column) == ("CL103", line, column)
    assert found.fix == f"Set in_channels to {right}"


@pytest.mark.parametrize("source, wrong, right, written", CASES)
def test_the_config_tuple_as_meant_stays_clean(source, wrong, right, written):
    assert _errors(source.format(width=right)) == []


def test_a_table_of_another_file_is_reported_in_that_file(tmp_path: Path):
    """`from config import CFG`: the number is spanned in config.py, where it is written."""
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'demo'\n")
    (tmp_path / "config.py").write_text("CFG = (\n    (3, 64, 64),\n    (64, 128, 128),\n    (64, 256, 256),\n)\n")
    net = tmp_path / "net.py"
    net.write_text(MODULE_TABLE.split("\ncfg = (")[0].replace("from torch import nn", "from torch import nn\n"
                                                                "from config import CFG as cfg") + '''

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.blocks = nn.Sequential(*[Block(*cfg[i]) for i in range(len(cfg))])

    def forward(self, x):
        return self.blocks(x)
''')
    (found,) = [d for d in lint_file(net, str(net), Settings()).diagnostics if d.severity == "error"]
    assert (found.code, Path(found.path).name, found.span.line, found.span.column) == ("CL103", "config.py", 4, 6)


def _run(source: str):
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(source, "net.py", "exec"), namespace)
    return namespace["Net"]()(torch.rand(2, 3, 16, 16))


@pytest.mark.parametrize("source, wrong, right, written", CASES)
def test_torch_refuses_the_wrong_number_and_runs_the_right_one(source, wrong, right, written):
    with pytest.raises(RuntimeError):
        _run(source.format(width=wrong))
    _run(source.format(width=right))
