"""A block whose defaults torch refuses (`stride=1` beside `output_padding=1` in a transposed conv)
that every call in the file builds with other arguments (`stride=2`) is not reported at those
defaults, whether or not the model building it has an error of its own elsewhere: a head of the
wrong width does not bring the block's defaults back into the report."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of
from tests.torch_cases import built, filled, module_shapes

SOURCE = '''
import torch
import torch.nn as nn


class Up(nn.Module):
    def __init__(self, cin, stride=1):
        super().__init__()
        self.deconv = nn.ConvTranspose2d(cin, cin // 2, 3, stride=stride, padding=1, output_padding=1)
        self.side = nn.ConvTranspose2d(cin, cin // 2, 3, stride=stride, padding=1, output_padding=1)

    def forward(self, x):
        return self.deconv(x) + self.side(x)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.down = nn.Conv2d(3, 32, 3, stride=2, padding=1)
        self.up = Up(32, stride=2)
        self.head = nn.Conv2d(WIDTH, 2, 1)

    def forward(self, x):
        return self.head(torch.cat((self.up(self.down(x)), x), 1))
'''


def test_the_defaults_are_refused_by_torch_but_never_built():
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(filled(SOURCE, {"WIDTH": "19"}), "up.py", "exec"), namespace)
    with pytest.raises(RuntimeError, match="output padding must be smaller"):
        namespace["Up"](16)(torch.zeros(1, 16, 4, 4))
    assert module_shapes(built(filled(SOURCE, {"WIDTH": "19"}), "up.py"), (1, 3, 16, 16))["head"] == (1, 2, 16, 16)


@pytest.mark.parametrize("width", ["19", "16"])
def test_the_block_defaults_are_not_reported_beside_another_error(width):
    source = filled(SOURCE, {"WIDTH": width})
    found = {(d.code, d.span.line) for d in lint_text(source, "up.py", Settings()).diagnostics
             if d.severity == "error"}
    assert not {code for code, _ in found} & {"CL106"}
    if width == "16":
        torch = pytest.importorskip("torch")
        with pytest.raises(RuntimeError):
            built(source, "up.py")(torch.zeros(1, 3, 16, 16))
        assert found == {("CL103", line_of(source, "self.head = nn.Conv2d("))}
    else:
        assert found == set()
