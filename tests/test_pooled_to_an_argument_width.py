"""An adaptive pool to a size a constructor argument gives (`nn.AdaptiveAvgPool1d(out_channels)`,
nothing supplying it) pools to that width, kept as a symbol: the features flattened after it are
counted with it, so a Linear sized by hand for them is an error where no value of the arguments
makes the two equal (branches doubling in_channels three times, cat of 3: 24*in_channels x
out_channels features against 12*out_channels), as torch fails. Where out_channels may be 0
(nothing that runs needs it >= 1) torch runs the model there, so nothing is claimed."""

import pytest

from convlint.pipeline import Settings, lint_text
from convlint.values import Sym
from tests.torch_cases import assert_bug_found_at_its_line, built, filled, module_shapes
from tests.source_lines import line_of

torch = pytest.importorskip("torch")

SCALES = '''
import torch
import torch.nn as nn


class Branch(nn.Module):
    def __init__(self, c, k, n_blocks=3):
        super().__init__()
        layers = []
        for _ in range(n_blocks):
            layers += [nn.Conv1d(c, 2 * c, k, padding="same"), nn.ReLU()]
            c *= 2
        self.body = nn.Sequential(*layers)

    def forward(self, x):
        return self.body(x)


class Net(nn.Module):
    def __init__(self, in_channels, out_channels, num_classes, n_blocks=3, scales=(3, 5, 7)):
        super().__init__()
        self.branches = nn.ModuleList(Branch(in_channels, s, n_blocks) for s in scales)
        self.pool = nn.AdaptiveAvgPool1d(out_channels)
        self.fc = nn.Linear(len(scales) * (2 ** EXPONENT) * out_channels, num_classes)  # fc
        self.proj = nn.Conv1d(num_classes, out_channels, 1)

    def forward(self, x):
        x = torch.cat([self.pool(b(x)) for b in self.branches], dim=1)
        x = self.fc(x.view(x.shape[0], -1))
        return PROJECTED
'''


def test_features_pooled_to_an_argument_against_a_linear_no_argument_fits():
    """out_channels is also a conv's width there, so >= 1 wherever the model runs."""
    source = SCALES.replace("PROJECTED", "self.proj(x.unsqueeze(-1))")
    assert_bug_found_at_its_line(source, {"EXPONENT": "n_blocks"}, {"EXPONENT": "(n_blocks - 1)"}, (2, 1, 100),
                                 line_of(source, "# fc"), "CL101", "scales.py",
                                 build=lambda namespace: namespace["Net"](1, 8, 5))


def test_pooled_to_an_argument_that_may_be_0_claims_nothing():
    """AdaptiveAvgPool1d(0) gives no features, and Linear(0, 5) takes them: at out_channels = 0
    torch runs the model, so the hand count is wrong only for the other values."""
    source = filled(SCALES.replace("PROJECTED", "x"), {"EXPONENT": "(n_blocks - 1)"})
    module_shapes(built(source, "zero.py", lambda namespace: namespace["Net"](1, 0, 5)), (2, 1, 100))
    with pytest.raises(RuntimeError):
        module_shapes(built(source, "zero.py", lambda namespace: namespace["Net"](1, 8, 5)), (2, 1, 100))
    assert not [d for d in lint_text(source, "zero.py", Settings()).diagnostics if d.severity == "error"]


@pytest.mark.parametrize("pooled, conv, features, sizes", [
    ("nn.AdaptiveAvgPool2d(s)", "nn.Conv2d(8, 8, 3)", "8 * (s - 2) * (s - 2)", [3, 5]),
    ("nn.AdaptiveAvgPool2d((s, s))", "nn.Identity()", "8 * s * s", [1, 4]),
    ("nn.AdaptiveMaxPool2d(s)", "nn.Identity()", "8 * s", [1]),  # right at s = 1 only: not every value is wrong
])
def test_maps_pooled_to_an_argument_keep_their_size_through_the_layers_after_them(pooled, conv, features, sizes):
    source = f'''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, s):
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 3, padding=1)
        self.pool = {pooled}
        self.conv = {conv}
        self.fc = nn.Linear({features}, 10)

    def forward(self, x):
        return self.fc(torch.flatten(self.conv(self.pool(self.stem(x))), 1))
'''
    for s in sizes:
        module_shapes(built(source, "maps.py", lambda namespace, s=s: namespace["Net"](s)), (2, 3, 16, 16))
    result = lint_text(source, "maps.py", Settings())
    assert not [d for d in result.diagnostics if d.severity == "error"]
    (pool,) = [c for c in result.models[0].calls if c.node.path == "pool"]
    assert pool.output.shape.dims[-1] == Sym("s")
