"""A depthwise conv written one keyword per line, built by a block with kernels of 3 and 5 from its
callers (`kernel_size=kernel_size`) and one padding expression for both (`padding=(1 if
kernel_size == 3 else 1)`), whose 5x5 instance breaks the block's skip add: the padding's line is
reported, not the kernel's nor the call passing the kernel, though another conv of the model (a
3x3 stem of padding 1) would make kernel 3 look like the usual one. Fails in torch; the padding
fixed runs."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of
from tests.torch_cases import built, filled, module_shapes

SOURCE = '''
import torch.nn as nn


class Block(nn.Module):
    def __init__(self, ch, kernel_size, stride):
        super().__init__()
        self.stride = stride
        self.dw = nn.Conv2d(ch,
                            ch,
                            kernel_size=kernel_size,
                            stride=stride,
                            padding=(1 if kernel_size == 3 else FIVE),
                            groups=ch)

    def forward(self, x):
        out = self.dw(x)
        if self.stride == 1:
            out = out + x
        return out


class Net(nn.Module):
    def __init__(self, cfg=((3, 1), (5, 2), (5, 1))):
        super().__init__()
        self.stem = nn.Conv2d(3, 16, kernel_size=3, stride=1, padding=1)
        self.layers = nn.Sequential(*[Block(16, k, s) for k, s in cfg])

    def forward(self, x):
        return self.layers(self.stem(x))
'''
SIZE = (2, 3, 32, 32)


@pytest.mark.parametrize("settings", [Settings(), Settings(input_shapes={"Net": SIZE})])
def test_the_padding_line_is_reported(settings):
    source = filled(SOURCE, {"FIVE": "1"})
    with pytest.raises(RuntimeError):
        module_shapes(built(source, "net.py"), SIZE)
    errors = [d for d in lint_text(source, "net.py", settings).diagnostics if d.severity == "error"]
    assert [(d.code, d.span.line) for d in errors] == [("CL107", line_of(source, "padding=(1 if"))]
    assert "padding=2" in errors[0].fix


def test_the_padding_written_for_each_kernel_runs_and_is_clean():
    source = filled(SOURCE, {"FIVE": "2"})
    assert module_shapes(built(source, "net.py"), SIZE)["layers"] == (2, 16, 16, 16)
    assert not [d for d in lint_text(source, "net.py", Settings()).diagnostics if d.severity == "error"]
