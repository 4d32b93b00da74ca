"""Teaching scripts that build a model at module level and print each layer's output:
`net = nn.Sequential(...)` or `net = vgg(conv_arch)`, then `X = torch.rand(size=...)` and
`for layer in net: X = layer(X)`. The loop feeds the model X as `net(X)` does, so the size is read
from it; a factory the script calls for its model is a model, built with the script's arguments."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of

LENET = '''
import torch
from torch import nn

net = nn.Sequential(nn.Conv2d(1, 6, kernel_size=5, padding=2), nn.Sigmoid(),
                    nn.AvgPool2d(kernel_size=2, stride=2),
                    nn.Conv2d(6, 16, kernel_size=5), nn.Sigmoid(),
                    nn.AvgPool2d(kernel_size=2, stride=2),
                    nn.Flatten(),
                    nn.Linear(FEATURES, 120), nn.Sigmoid(),
                    nn.Linear(120, 84), nn.Sigmoid(),
                    nn.Linear(84, 10))

X = torch.rand(size=(1, 1, 28, 28), dtype=torch.float32)
for layer in net:
    X = layer(X)
    print(layer.__class__.__name__, 'output shape: \\t', X.shape)
'''

VGG = '''
import torch
from torch import nn


def vgg_block(num_convs, in_channels, out_channels):
    layers = []
    for _ in range(num_convs):
        layers.append(nn.Conv2d(in_channels, out_channels, kernel_size=3, padding=1))
        layers.append(nn.ReLU())
        in_channels = out_channels
    layers.append(nn.MaxPool2d(kernel_size=2, stride=2))
    return nn.Sequential(*layers)


def vgg(conv_arch):
    conv_blks = []
    in_channels = 1
    for (num_convs, out_channels) in conv_arch:
        conv_blks.append(vgg_block(num_convs, in_channels, out_channels))
        in_channels = out_channels
    return nn.Sequential(
        *conv_blks, nn.Flatten(),
        nn.Linear(out_channels * SIDE * SIDE, 4096), nn.ReLU(), nn.Dropout(0.5),
        nn.Linear(4096, 10))


conv_arch = ((1, 16), (1, 32), (2, 64), (2, 128), (2, 128))
net = vgg(conv_arch)
X = torch.randn(size=(1, 1, 224, 224))
for blk in net:
    X = blk(X)
    print(blk.__class__.__name__, 'output shape:\\t', X.shape)
'''


def _errors(source: str) -> list[tuple[int, str, str]]:
    return [(d.span.line, d.code, d.message) for d in lint_text(source, "script.py", Settings()).diagnostics
            if d.severity == "error"]


def test_a_sequential_run_layer_by_layer_is_fed_the_tensor_the_loop_starts_from():
    wrong = LENET.replace("FEATURES", "16 * 4 * 4")
    ((line, code, message),) = _errors(wrong)
    assert (line, code) == (line_of(wrong, "nn.Linear(16 * 4 * 4"), "CL101")
    assert "input 1x1x28x28 from line 15: for layer in net: X = layer(X)" in message
    assert _errors(LENET.replace("FEATURES", "16 * 5 * 5")) == []


def test_a_factory_the_script_calls_for_its_model_is_built_with_the_script_s_arguments():
    wrong = VGG.replace("SIDE", "6")
    ((line, code, message),) = _errors(wrong)
    assert (line, code) == (line_of(wrong, "nn.Linear(out_channels * 6 * 6"), "CL101")
    assert "128 x 7 x 7 = 6272" in message and "for blk in net: X = blk(X)" in message
    assert _errors(VGG.replace("SIDE", "7")) == []


@pytest.mark.parametrize("loop", [
    "for layer in net:\n    print(layer)\n    X = layer(X)",  # not first: the loop may do anything before
    "for layer in net:\n    Y = layer(X)",  # each layer fed X itself: not the chain net(X) runs
])
def test_a_loop_that_is_not_the_chain_says_nothing_of_the_input(loop):
    source = LENET.replace("FEATURES", "16 * 4 * 4").split("for layer in net:")[0] + loop + "\n"
    assert [code for _, code, _ in _errors(source)] == []


def test_torch_agrees():
    pytest.importorskip("torch")
    for source, refusal in ((LENET.replace("FEATURES", "16 * 4 * 4"), r"\(1x400 and 256x120\)"),
                            (VGG.replace("SIDE", "6"), r"\(1x6272 and 4608x4096\)")):
        with pytest.raises(RuntimeError, match=refusal):
            exec(compile(source, "script.py", "exec"), {})
    for source in (LENET.replace("FEATURES", "16 * 5 * 5"), VGG.replace("SIDE", "7")):
        exec(compile(source, "script.py", "exec"), {})
