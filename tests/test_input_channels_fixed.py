"""A symbolic input whose first layer takes any channel count (a ReflectionPad2d before the
stem conv, a pool before an ASPP branch) gets the count the first conv or batch norm that surely
reads it takes: the only input that runs has it (analyze._channels_a_layer_fixes); against torch."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of

GENERATOR = '''
import torch.nn as nn


class ResnetBlock(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.conv_block = nn.Sequential(
            nn.ReflectionPad2d(1), nn.Conv2d(dim, dim, 3), nn.InstanceNorm2d(dim), nn.ReLU(True),
            nn.ReflectionPad2d(1), nn.Conv2d(dim, dim, 3, stride=STRIDE), nn.InstanceNorm2d(dim))

    def forward(self, x):
        return x + self.conv_block(x)


class Generator(nn.Module):
    def __init__(self, input_nc=3, output_nc=3, ngf=16, n_blocks=2):
        super().__init__()
        model = [nn.ReflectionPad2d(3), nn.Conv2d(input_nc, ngf, 7), nn.InstanceNorm2d(ngf), nn.ReLU(True)]
        model += [nn.Conv2d(ngf, ngf * 2, 3, stride=2, padding=1), nn.InstanceNorm2d(ngf * 2), nn.ReLU(True)]
        for i in range(n_blocks):
            model += [ResnetBlock(ngf * 2)]
        model += [nn.ConvTranspose2d(ngf * 2, ngf, 3, stride=2, padding=1, output_padding=1), nn.ReLU(True)]
        model += [nn.ReflectionPad2d(3), nn.Conv2d(ngf, output_nc, 7), nn.Tanh()]
        self.model = nn.Sequential(*model)

    def forward(self, input):
        return self.model(input)
'''


def _generator(stride: str = "1"):
    return lint_text(GENERATOR.replace("STRIDE", stride), "gen.py", Settings())


def test_a_padded_first_layer_leaves_the_channels_to_the_stem_conv():
    (model,) = [m for m in _generator().models if m.name == "Generator"]
    assert model.input_shape.dims[1] == 3
    assert [d for d in _generator().diagnostics if d.severity == "error"] == []


def test_a_stride_in_the_residual_block_of_a_padded_generator_is_found_with_no_input_size():
    source = GENERATOR.replace("STRIDE", "2")
    errors = [d for d in _generator("2").diagnostics if d.severity == "error" and d.model == "Generator"]
    assert [(d.code, d.span.line) for d in errors] == [("CL107", line_of(source, "nn.Conv2d(dim, dim, 3, stride=2)"))]


def test_module_shapes_equal_torchs():
    torch = pytest.importorskip("torch")
    (model,) = [m for m in _generator().models if m.name == "Generator"]
    namespace: dict = {}
    exec(compile(GENERATOR.replace("STRIDE", "1"), "gen.py", "exec"), namespace)
    net, seen = namespace["Generator"](), {}
    for name, module in net.named_modules():
        if name:
            module.register_forward_hook(lambda m, i, o, name=name: seen.setdefault(name, tuple(o.shape)) and None)
    net(torch.zeros(2, 3, 32, 32))
    checked = 0
    for call in model.calls:
        dims, name = call.output.shape.dims, call.node.path
        if name in seen and dims is not None and isinstance(dims[1], int):
            assert (len(dims), dims[1]) == (len(seen[name]), seen[name][1]), name
            checked += 1
    assert checked >= 20
    with pytest.raises(RuntimeError, match="must match the size of tensor b"):
        namespace.clear()
        exec(compile(GENERATOR.replace("STRIDE", "2"), "gen.py", "exec"), namespace)
        namespace["Generator"]()(torch.zeros(2, 3, 32, 32))
