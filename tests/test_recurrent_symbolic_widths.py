"""A recurrent layer built from constructor arguments nothing supplies (a CRNN's
BidirectionalLSTM(nIn, nHidden, nOut) block): its output width is D * hidden_size for every value
of them, so a head Linear(hidden) after a bidirectional one is an error with no options. A map of
unknown shape permuted to a sequence (`y.permute(2, 3, 0, 1)[0]` after a config loop) has the
rank the permute names, so the recurrent layer it reaches still gives that width."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import built, filled, module_shapes

torch = pytest.importorskip("torch")

# a CRNN's recurrent block: the Linear on the (T * b, h) view of both directions
BIDIRECTIONAL_BLOCK = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, n_in, n_hidden, n_out):
        super().__init__()
        self.rnn = nn.LSTM(n_in, n_hidden, bidirectional=True)
        self.embedding = nn.Linear(WIDTH, n_out)

    def forward(self, x):
        recurrent, _ = self.rnn(x)
        steps, batch, features = recurrent.size()
        out = self.embedding(recurrent.view(steps * batch, features))
        return out.view(steps, batch, -1)
'''

# batch first, a GRU, the last step taken
LAST_STEP = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, features, hidden, classes):
        super().__init__()
        self.gru = nn.GRU(features, hidden, num_layers=2, batch_first=True, bidirectional=True)
        self.head = nn.Linear(WIDTH, classes)

    def forward(self, x):
        out, _ = self.gru(x)
        return self.head(out[:, -1])
'''

# a config-built feature extractor nothing is known of, its map permuted to (W, N, C)
CONFIG_TRUNK = '''
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self, cfg, hidden, classes):
        super().__init__()
        self.features = nn.ModuleList([])
        channels = 1
        for width in cfg:
            self.features.append(nn.Conv2d(channels, width, 3, 1, 1))
            channels = width
        self.rec = nn.LSTM(cfg[-1], hidden, bidirectional=True)
        self.fnl = nn.Linear(WIDTH, classes)

    def forward(self, x):
        y = x
        for module in self.features:
            y = module(y)
        y = F.max_pool2d(y, [y.size(2), 1])
        y = y.permute(2, 3, 0, 1)[0]
        return self.fnl(self.rec(y)[0])
'''


def _errors(source: str) -> set:
    return {(d.code, d.span.line) for d in lint_text(source, "recurrent.py", Settings()).diagnostics
            if d.severity == "error"}


def _line_of(source: str, text: str) -> int:
    return next(i for i, line in enumerate(source.splitlines(), 1) if text in line)


@pytest.mark.parametrize("source, build, size, right, wrong", [
    (BIDIRECTIONAL_BLOCK, lambda ns: ns["Net"](8, 16, 5), (7, 2, 8), "n_hidden * 2", "n_hidden"),
    (LAST_STEP, lambda ns: ns["Net"](4, 12, 3), (2, 9, 4), "2 * hidden", "hidden"),
    (CONFIG_TRUNK, lambda ns: ns["Net"]([4, 6], 10, 3), (2, 1, 8, 12), "2 * hidden", "hidden"),
])
def test_a_head_missing_the_second_direction_is_found_with_no_options(source, build, size, right, wrong):
    broken = filled(source, {"WIDTH": wrong})
    with pytest.raises(RuntimeError):
        module_shapes(built(broken, "recurrent.py", build), size)
    module_shapes(built(filled(source, {"WIDTH": right}), "recurrent.py", build), size)
    line = _line_of(broken, "nn.Linear(")
    assert ("CL101", line) in _errors(broken)
    assert _errors(filled(source, {"WIDTH": right})) == set()


def test_a_width_of_another_argument_is_not_judged():
    # Linear(n_out) after a one-way LSTM(n_hidden): right wherever the two are given alike
    source = filled(BIDIRECTIONAL_BLOCK, {"bidirectional=True": "bidirectional=False", "WIDTH": "n_out"})
    module_shapes(built(source, "recurrent.py", lambda ns: ns["Net"](8, 5, 5)), (7, 2, 8))
    assert _errors(source) == set()


def test_a_permute_naming_another_rank_than_the_tensor_has_is_still_not_judged():
    # the trunk may give any rank; only where it gives four does the permute run
    source = filled(CONFIG_TRUNK, {"WIDTH": "2 * hidden", "y.permute(2, 3, 0, 1)[0]": "y.permute(2, 0, 1)"})
    assert _errors(source) == set()
