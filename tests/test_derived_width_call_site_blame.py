"""A block whose layer makes a width derived from its argument and halved back (a max-feature-map
`Conv2d(cin, 2 * cout)` then torch.split by `cout` and torch.max; a gated conv's chunk(2)),
called in an nn.Sequential with the wrong input width (`group(48, 192)` where 96 arrive), is
reported at the call's argument: the block built again with the count that arrives runs, and every
other instance of its line fits. It was reported inside the block, at the line making `2 * cout`,
with advice to make it smaller, because changing the widths in place missed the split size."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import built

torch = pytest.importorskip("torch")

HALVES = {
    "split_max": '''
    def forward(self, x):
        a, b = torch.split(self.filter(x), self.cout, 1)
        return torch.max(a, b)
''',
    "chunk_gate": '''
    def forward(self, x):
        a, b = self.filter(x).chunk(2, dim=1)
        return a * torch.sigmoid(b)
''',
}

SOURCE = '''
import torch
import torch.nn as nn


class mfm(nn.Module):
    def __init__(self, cin, cout, k=3, s=1, p=1):
        super().__init__()
        self.cout = cout
        self.filter = nn.Conv2d(cin, 2 * cout, kernel_size=k, stride=s, padding=p)
{forward}

class group(nn.Module):
    def __init__(self, cin, cout, k, s, p):
        super().__init__()
        self.conv_a = mfm(cin, cin, 1, 1, 0)
        self.conv = mfm(cin, cout, k, s, p)

    def forward(self, x):
        return self.conv(self.conv_a(x))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            mfm(1, 48, 5, 1, 2),
            nn.MaxPool2d(2, 2, ceil_mode=True),
            group(48, 96, 3, 1, 1),
            nn.MaxPool2d(2, 2, ceil_mode=True),
            group({width}, 192, 3, 1, 1),
            nn.MaxPool2d(2, 2, ceil_mode=True),
            group(192, 128, 3, 1, 1),
        )

    def forward(self, x):
        return self.features(x)
'''


def _source(halves: str, width: int) -> str:
    return SOURCE.format(forward=HALVES[halves], width=width)


def _errors(source: str, settings: Settings) -> list[tuple[int, int, str]]:
    return [(d.span.line, d.span.column, d.code) for d in lint_text(source, "net.py", settings).diagnostics
            if d.severity == "error"]


@pytest.mark.parametrize("size", [None, (2, 1, 32, 32)])
@pytest.mark.parametrize("halves", sorted(HALVES))
def test_the_wrong_width_is_reported_at_the_calls_argument(halves, size):
    source = _source(halves, 48)
    with pytest.raises(RuntimeError):
        built(source, "net.py")(torch.zeros(2, 1, 32, 32))
    line = next(n for n, text in enumerate(source.splitlines(), 1) if "group(48, 192" in text)
    column = source.splitlines()[line - 1].index("48") + 1
    settings = Settings(input_shapes={"Net": size}) if size else Settings()
    assert _errors(source, settings) == [(line, column, "CL103")]


@pytest.mark.parametrize("halves", sorted(HALVES))
def test_the_width_that_arrives_is_clean(halves):
    source = _source(halves, 96)
    assert tuple(built(source, "net.py")(torch.zeros(2, 1, 32, 32)).shape) == (2, 128, 4, 4)
    assert _errors(source, Settings()) == []
    assert _errors(source, Settings(input_shapes={"Net": (2, 1, 32, 32)})) == []
