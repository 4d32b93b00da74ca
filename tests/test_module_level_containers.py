"""Models that are no class but a torch container bound to a module-level name
(`decoder = nn.Sequential(...)` of a style-transfer net, `model = nn.Sequential(OrderedDict(...))`
of a tutorial, `net = torch.nn.Sequential(...)` under `__main__`): each a model of the file,
named by its variable, checked as a factory's Sequential is, its shapes those of torch."""

from __future__ import annotations

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_bug_found_at_its_line, assert_shapes_equal_torch, built, module_shapes

torch = pytest.importorskip("torch")

DECODER = '''
import torch.nn as nn

decoder = nn.Sequential(
    nn.ReflectionPad2d((1, 1, 1, 1)),
    nn.Conv2d(512, 256, (3, 3)),
    nn.ReLU(),
    nn.Upsample(scale_factor=2, mode='nearest'),
    nn.ReflectionPad2d((1, 1, 1, 1)),
    nn.Conv2d(256, 128, (3, 3)),
    nn.ReLU(),
    nn.ReflectionPad2d((1, 1, 1, 1)),
    nn.Conv2d(WIDTH, 64, (3, 3)),
    nn.ReLU(),
    nn.ReflectionPad2d((1, 1, 1, 1)),
    nn.Conv2d(64, 3, (3, 3)),
)


class Net(nn.Module):
    def __init__(self, decoder):
        super().__init__()
        self.decoder = decoder

    def forward(self, x):
        return self.decoder(x)
'''


def _decoder(namespace):
    return namespace["decoder"]


def test_a_broken_channel_chain_of_a_module_level_sequential_is_found_at_its_layer():
    clean = assert_bug_found_at_its_line(DECODER, {"WIDTH": "128"}, {"WIDTH": "256"}, (1, 512, 8, 8),
                                         line=13, code="CL103", filename="net.py", build=_decoder)
    assert "decoder" in {m.name for m in clean.models}


def test_a_module_level_sequential_has_the_shapes_of_torch_at_the_size_given():
    source = DECODER.replace("WIDTH", "128")
    assert_shapes_equal_torch(source, (1, 512, 8, 8), "net.py", build=_decoder, name="decoder")


STYLES = {
    "ordered-dict": ('''
from collections import OrderedDict

import torch.nn as nn

model = nn.Sequential(OrderedDict([
    ("conv1", nn.Conv2d(1, 20, 5)),
    ("relu1", nn.ReLU()),
    ("conv2", nn.Conv2d(20, 64, 5)),
    ("relu2", nn.ReLU()),
]))
''', "model", (2, 1, 28, 28)),
    "starred-list": ('''
import torch.nn as nn

layers = [nn.Conv2d(3, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),
          nn.Conv2d(16, 32, 3, padding=1), nn.ReLU()]
model = nn.Sequential(*layers)
''', "model", (2, 3, 32, 32)),
    "children-of-another": ('''
import torch.nn as nn

vgg = nn.Sequential(
    nn.Conv2d(3, 3, (1, 1)),
    nn.ReflectionPad2d((1, 1, 1, 1)),
    nn.Conv2d(3, 64, (3, 3)),
    nn.ReLU(),
    nn.MaxPool2d((2, 2), (2, 2), (0, 0), ceil_mode=True),
    nn.ReflectionPad2d((1, 1, 1, 1)),
    nn.Conv2d(64, 128, (3, 3)),
    nn.ReLU(),
)
encoder = nn.Sequential(*list(vgg.children())[:5])
''', "vgg", (1, 3, 33, 33)),
    "flatten-linear-head": ('''
import torch
import torch.nn as nn

net = torch.nn.Sequential(
    nn.Conv2d(1, 8, 3),
    nn.ReLU(),
    nn.MaxPool2d(2),
    nn.Flatten(),
    nn.Linear(8 * 13 * 13, 10),
)
''', "net", (4, 1, 28, 28)),
    "moved-to-a-device": ('''
import torch
import torch.nn as nn

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
model = nn.Sequential(nn.Conv1d(2, 8, 5, stride=2), nn.ReLU(), nn.AdaptiveAvgPool1d(1), nn.Flatten(),
                      nn.Linear(8, 3)).to(device).eval()
''', "model", (4, 2, 100)),
}


@pytest.mark.parametrize("style", sorted(STYLES))
def test_correct_module_level_sequentials_stay_clean_with_the_shapes_of_torch(style):
    source, name, size = STYLES[style]
    assert not [d for d in lint_text(source, "script.py", Settings()).diagnostics if d.severity == "error"]
    assert_shapes_equal_torch(source, size, "script.py", build=lambda namespace: namespace[name], name=name)


SCRIPT = '''
import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

train_data = datasets.MNIST("data", train=True, download=True, transform=transforms.ToTensor())
loader = DataLoader(train_data, batch_size=64, shuffle=True)

model = nn.Sequential(
    nn.Conv2d(1, 8, 3),
    nn.ReLU(),
    nn.Flatten(),
    nn.Linear(WIDTH, 10),
)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
for epoch in range(3):
    for images, labels in loader:
        optimizer.zero_grad()
        loss = nn.functional.cross_entropy(model(images), labels)
        loss.backward()
        optimizer.step()
torch.save(model.state_dict(), "model.pt")
'''


def test_a_training_script_around_a_module_level_sequential_is_not_an_error():
    """Data loading and a training loop at module level are not followed, and raise nothing; the
    model gets the size of the images its loader gives it."""
    result = lint_text(SCRIPT.replace("WIDTH", "8 * 26 * 26"), "train.py", Settings())
    assert not [d for d in result.diagnostics if d.severity == "error"]
    (model,) = [m for m in result.models if m.name == "model"]
    assert tuple(model.input_shape.dims)[1:] == (1, 28, 28)
    broken = lint_text(SCRIPT.replace("WIDTH", "8 * 28 * 28"), "train.py", Settings())
    assert [(d.code, d.span.line) for d in broken.diagnostics if d.severity == "error"] == [("CL101", 14)]


MAIN_BLOCK = '''
import torch
import torch.nn as nn

if __name__ == "__main__":
    channels = 16
    net = torch.nn.Sequential(
        nn.Conv2d(3, channels, 3, stride=2),
        nn.ReLU(),
        nn.Conv2d(WIDTH, 32, 3),
    )
    out = net(torch.randn(2, 3, 64, 64))
    print(out.shape)
'''


def test_a_sequential_of_the_main_block_is_fed_the_size_its_code_gives():
    result = lint_text(MAIN_BLOCK.replace("WIDTH", "channels"), "demo.py", Settings())
    assert not [d for d in result.diagnostics if d.severity == "error"]
    (model,) = [m for m in result.models if m.name == "net"]
    assert model.input_source.kind == "call" and tuple(model.input_shape.dims) == (2, 3, 64, 64)
    namespace: dict = {}
    exec(compile(MAIN_BLOCK.replace("WIDTH", "channels").replace('"__main__"', "__name__"), "demo.py", "exec"),
         namespace)
    torch_shapes = module_shapes(namespace["net"].eval(), (2, 3, 64, 64))
    predicted = {c.node.path: tuple(c.output.shape.dims) for c in model.calls}
    assert all(predicted[path] == shape for path, shape in torch_shapes.items())
    broken = lint_text(MAIN_BLOCK.replace("WIDTH", "8"), "demo.py", Settings())
    assert [(d.code, d.span.line) for d in broken.diagnostics if d.severity == "error"] == [("CL103", 10)]


PART_OF_A_CLASS = '''
import torch.nn as nn

vgg = nn.Sequential(
    nn.Conv2d(3, 64, 3, padding=1),
    nn.ReLU(),
    nn.Conv2d(WIDTH, 128, 3, padding=1),
    nn.ReLU(),
)


class Net(nn.Module):
    def __init__(self, encoder):
        super().__init__()
        self.enc = nn.Sequential(*list(encoder.children())[:4])

    def forward(self, x):
        return self.enc(x)


net = Net(vgg)
'''


def test_a_module_level_sequential_a_class_model_is_built_from_reports_once():
    broken = PART_OF_A_CLASS.replace("WIDTH", "32")
    namespace: dict = {}
    exec(compile(broken, "net.py", "exec"), namespace)
    with pytest.raises(RuntimeError):
        namespace["net"](torch.zeros(1, 3, 16, 16))
    result = lint_text(broken, "net.py", Settings())
    assert [(d.code, d.span.line) for d in result.diagnostics if d.severity == "error"] == [("CL103", 7)]
    assert {"vgg", "Net"} <= {m.name for m in result.models}
    assert not [d for d in lint_text(PART_OF_A_CLASS.replace("WIDTH", "64"), "net.py", Settings()).diagnostics
                if d.severity == "error"]


@pytest.mark.parametrize("source", [
    # a part is changed after the model is built from it: the model holds the new part
    '''
import torch.nn as nn

head = nn.Sequential(nn.Conv2d(16, 16, 3))
model = nn.Sequential(nn.Conv2d(3, 8, 3), head)
head[0] = nn.Conv2d(8, 16, 3)
''',
    # a name it reads is rebound in a function, which may run before or after
    '''
import torch.nn as nn

width = 8


def widen():
    global width
    width = 16


model = nn.Sequential(nn.Conv2d(3, width, 3), nn.Conv2d(16, 16, 3))
''',
    # the model is changed after it is built
    '''
import torch.nn as nn

model = nn.Sequential(nn.Conv2d(3, 8, 3), nn.Conv2d(16, 16, 3))
model[1] = nn.Conv2d(8, 16, 3)
''',
    # bound in a loop: no one model
    '''
import torch.nn as nn

for width in (8, 16):
    model = nn.Sequential(nn.Conv2d(3, width, 3), nn.Conv2d(8, 16, 3))
''',
])
def test_a_container_changed_or_bound_in_a_loop_is_no_model(source):
    result = lint_text(source, "script.py", Settings())
    assert "model" not in {m.name for m in result.models}
    assert not [d for d in result.diagnostics if d.severity == "error"]


def test_a_module_level_module_list_is_built_not_run():
    source = '''
import torch.nn as nn

heads = nn.ModuleList([nn.Linear(16, 4) for _ in range(3)])
'''
    result = lint_text(source, "heads.py", Settings())
    (model,) = [m for m in result.models if m.name == "heads"]
    assert len(model.root.children) == 3
    assert not [d for d in result.diagnostics if d.severity == "error"]
    # it has no forward: a size given for every model does not feed it (--confirm would not run it)
    (model,) = [m for m in lint_text(source, "heads.py", Settings(input_shapes={"": (1, 16)})).models
                if m.name == "heads"]
    assert model.input_shape is None


def test_a_sequential_moved_to_a_device_is_the_model_its_call_builds():
    source = '''
import torch
import torch.nn as nn

device = torch.device("cpu")
model = nn.Sequential(nn.Conv2d(3, 8, 3), nn.ReLU(), nn.Conv2d(WIDTH, 8, 3)).to(device)
model(torch.randn(1, 3, 20, 20))
'''
    assert_bug_found_at_its_line(source, {"WIDTH": "8"}, {"WIDTH": "16"}, (1, 3, 20, 20), line=6, code="CL103",
                                 filename="script.py", build=lambda namespace: namespace["model"])


def test_the_model_flag_selects_a_module_level_sequential():
    source = DECODER.replace("WIDTH", "256")
    result = lint_text(source, "net.py", Settings(model="decoder"))
    assert {m.name for m in result.models} == {"decoder"}
    assert [(d.code, d.span.line) for d in result.diagnostics if d.severity == "error"] == [("CL103", 13)]


def test_confirm_runs_the_module_level_instance_and_leaves_a_script_only_one_unchecked(tmp_path):
    """--confirm runs the instance the module binds (not a call of it); one bound only under
    `__main__` is not there when the file is imported: not checkable, never a torch error."""
    import json

    from click.testing import CliRunner

    from convlint.cli import main

    path = tmp_path / "net.py"
    path.write_text("import torch\n" + DECODER.replace("WIDTH", "256") + MAIN_BLOCK.replace("WIDTH", "channels").split("\n", 3)[3])
    result = CliRunner().invoke(main, [str(path), "--confirm", "--device", "cpu", "--format", "json",
                                       "--input-shape", "decoder=1,512,8,8"])
    report = json.loads(result.stdout)
    found = {(d["code"], d["line"]): d for d in report["diagnostics"]}
    assert found[("CL103", 14)]["confirmation"]["verdict"] == "confirmed"
    assert not [d for d in report["diagnostics"] if d["code"] in ("CL900", "CL901")]
    assert [d["model"] for d in report["diagnostics"] if d["code"] == "CL902"] == ["net"]


REBOUND = '''
import torch.nn as nn

width = 8
width = width * 2
net = nn.Sequential(nn.Conv2d(1, width, 3), nn.ReLU(), nn.Conv2d(WIDTH, 32, 3))
'''


def test_a_module_level_sequential_reads_a_name_as_the_statements_before_it_leave_it():
    assert_bug_found_at_its_line(REBOUND, {"WIDTH": "16"}, {"WIDTH": "8"}, (2, 1, 28, 28), line=6, code="CL103",
                                 filename="net.py", build=lambda ns: ns["net"])
    assert_shapes_equal_torch(REBOUND.replace("WIDTH", "16"), (2, 1, 28, 28), "net.py", build=lambda ns: ns["net"],
                              name="net")


# d2l's DenseNet, written as a script: the widths counted by a top-level loop (`+=`, `//`) and the
# blocks appended to a list the model is built from
DENSE = '''
import torch
from torch import nn


def conv_block(in_channels, out_channels):
    return nn.Sequential(nn.BatchNorm2d(in_channels), nn.ReLU(),
                         nn.Conv2d(in_channels, out_channels, kernel_size=3, padding=1))


class DenseBlock(nn.Module):
    def __init__(self, num_convs, in_channels, growth):
        super().__init__()
        self.net = nn.Sequential(*[conv_block(in_channels + growth * i, growth) for i in range(num_convs)])

    def forward(self, x):
        for blk in self.net:
            x = torch.cat((x, blk(x)), dim=1)
        return x


def transition(in_channels, out_channels):
    return nn.Sequential(nn.BatchNorm2d(in_channels), nn.ReLU(), nn.Conv2d(in_channels, out_channels, 1),
                         nn.AvgPool2d(2))


stem = nn.Sequential(nn.Conv2d(1, 16, 3, padding=1, bias=False), nn.BatchNorm2d(16), nn.ReLU())
channels, growth = 16, 8
convs = [2, 2, 2]
blocks = []
for i, n in enumerate(convs):
    blocks.append(DenseBlock(n, channels, growth))
    channels += n * growth
    if i != len(convs) - 1:
        blocks.append(transition(channels, HALF))
        channels = channels // 2

net = nn.Sequential(stem, *blocks, nn.BatchNorm2d(channels), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(),
                    nn.Linear(channels, 10))
'''


def test_a_module_level_model_of_widths_counted_by_a_top_level_loop_is_followed_in_order():
    right = DENSE.replace("HALF", "channels // 2")
    assert_shapes_equal_torch(right, (2, 1, 28, 28), "dense.py", build=lambda ns: ns["net"], name="net")
    # the transition keeps its width, which the next block is not built for
    assert_bug_found_at_its_line(DENSE, {"HALF": "channels // 2"}, {"HALF": "channels"}, (2, 1, 28, 28),
                                 line=35, code="CL104", filename="dense.py", build=lambda ns: ns["net"])


def test_a_list_appended_to_before_the_model_is_built_is_read_with_its_items():
    source = '''
import torch.nn as nn

layers = [nn.Conv2d(3, 8, 3)]
layers.append(nn.Conv2d(WIDTH, 16, 3))
model = nn.Sequential(*layers)
'''
    clean = assert_bug_found_at_its_line(source, {"WIDTH": "8"}, {"WIDTH": "16"}, (1, 3, 16, 16), line=5,
                                         code="CL103", filename="net.py", build=lambda ns: ns["model"])
    assert "model" in {m.name for m in clean.models}


def test_an_item_deleted_before_the_model_is_built_is_not_in_it():
    source = '''
import torch.nn as nn

layers = [nn.Conv2d(3, 8, 3), nn.Conv2d(16, 16, 3), nn.Conv2d(8, 16, 3)]
del layers[1]
model = nn.Sequential(*layers)
'''
    assert_shapes_equal_torch(source, (1, 3, 16, 16), "net.py", build=lambda ns: ns["model"], name="model")
