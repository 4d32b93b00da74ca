"""Real-world construction forms: a bug planted inside a loop, a block, a helper or another file
is caught at the line to fix; the same code without the bug is clean (compared with torch in
tests/differential/test_examples_torch.py)."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from convlint.cli import main
from convlint.pipeline import Settings, lint_file, lint_text
from convlint.report.json_report import model_out

MODELS = Path(__file__).parent / "models"


def findings(source: str, name: str = "model.py"):
    result = lint_text(source, name, Settings())
    return [(d.span.line, d.code) for d in result.diagnostics]


def line_of(source: str, text: str) -> int:
    return next(n for n, line in enumerate(source.splitlines(), 1) if text in line)


MUTATIONS = [
    # (file, original text, mutated text, line marker, code)
    ("constructs.py", "blocks += [conv_bn(cout, cout, norm_layer=norm)",
     "blocks += [conv_bn(cin, cout, norm_layer=norm)", "blocks += [conv_bn(", "CL103"),
    ("constructs.py", '"aux": nn.Linear(cin, 2)', '"aux": nn.Linear(cin + 1, 2)', '"aux": nn.Linear', "CL101"),
    ("constructs.py", "nn.Sequential(nn.Conv2d(cin, cout, 3, stride, 1, bias=False, **kwargs), norm_layer(cout)",
     "nn.Sequential(nn.Conv2d(cin, cout, 3, stride, 1, bias=False, **kwargs), norm_layer(cin)",
     "return nn.Sequential(nn.Conv2d(cin", "CL104"),
    ("vgg_resnet.py", "self.fc = nn.Linear(512 * block.expansion, num_classes)",
     "self.fc = nn.Linear(256 * block.expansion, num_classes)", "self.fc = nn.Linear", "CL101"),
    ("vgg_resnet.py", "self.conv2 = nn.Conv2d(planes, planes, 3, 1, 1, bias=False)",
     "self.conv2 = nn.Conv2d(inplanes, planes, 3, 1, 1, bias=False)", "self.conv2 = nn.Conv2d", "CL103"),
    ("vgg_resnet.py", "nn.Linear(512 * 7 * 7, 4096)", "nn.Linear(512 * 6 * 6, 4096)", "nn.Linear(512 * 6", "CL101"),
    ("vgg_resnet.py", "layers += [conv2d, nn.ReLU(inplace=True)]\n",
     "layers += [conv2d, nn.ReLU(inplace=True)]\n            in_channels = v + 1\n            continue\n",
     "in_channels = v + 1", "CL103"),  # the count the conv reads is written there
]


@pytest.mark.parametrize(("file", "original", "mutated", "marker", "code"), MUTATIONS,
                         ids=[f"{m[0]}-{m[4]}-{i}" for i, m in enumerate(MUTATIONS)])
def test_planted_bug_is_caught_at_the_line_to_fix(file, original, mutated, marker, code):
    source = (MODELS / file).read_text()
    assert original in source
    assert [c for _, c in findings(source) if c.startswith("CL1")] == []
    broken = source.replace(original, mutated, 1)
    result = lint_text(broken, "model.py", Settings())
    caught = [(d.span.line, d.code) for d in result.diagnostics]
    places = {(line, d.code) for d in result.diagnostics for line in (d.span.line, *(s.line for s in d.via))}
    assert (line_of(broken, marker), code) in places, caught
    assert all(c == code or not c.startswith("CL1") for _, c in caught), caught


PACKAGE = {
    "pkg/__init__.py": "",
    "pkg/blocks.py": '''import torch.nn as nn


class ConvBlock(nn.Sequential):
    def __init__(self, cin, cout, stride=1, norm=nn.BatchNorm2d):
        super().__init__(nn.Conv2d(cin, cout, 3, stride, 1, bias=False), norm(cout), nn.ReLU(inplace=True))


def head(features, classes):
    return nn.Sequential(nn.Flatten(), nn.Linear(features, classes))
''',
    "pkg/net.py": '''import torch.nn as nn
from .blocks import ConvBlock, head
from pkg import blocks


# convlint: input-shape=(2, 3, 32, 32)
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.b1 = ConvBlock(3, 16, stride=2)
        self.b2 = blocks.ConvBlock(16, 32, stride=2)
        self.pool = nn.AdaptiveAvgPool2d(2)
        self.head = head(32 * 4, 10)

    def forward(self, x):
        return self.head(self.pool(self.b2(self.b1(x))))


def net_factory(**kwargs):
    return Net(**kwargs)
''',
    "pkg/cycle_a.py": "from .cycle_b import B\nfrom . import missing_module\nimport third_party_lib\nA = B\n",
    "pkg/cycle_b.py": "from .cycle_a import A\nB = A\n",
}


@pytest.fixture
def package(tmp_path, monkeypatch):
    for name, content in PACKAGE.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(content)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_blocks_from_other_files_are_followed_and_match_torch(package, monkeypatch):
    from convlint.report.json_report import model_out

    result = lint_file(Path("pkg/net.py"), "pkg/net.py", Settings())
    assert result.diagnostics == []
    net, factory = (model_out(m) for m in result.models)
    assert factory.name == "net_factory"
    torch = pytest.importorskip("torch")
    monkeypatch.syspath_prepend(str(package))
    from pkg.net import Net

    model = Net()
    assert net.params == sum(p.numel() for p in model.parameters())
    observed = {}
    for name, module in model.named_modules():
        if name:
            module.register_forward_hook(lambda m, i, o, name=name: (observed.setdefault(name, list(o.shape)), None)[1])
    model(torch.zeros(2, 3, 32, 32))
    assert {layer.name: layer.output_shape for layer in net.layers} == observed


def test_a_bug_in_an_imported_block_is_reported_in_its_file(package):
    blocks = package / "pkg" / "blocks.py"
    blocks.write_text(blocks.read_text().replace("norm(cout)", "norm(cin)"))
    result = CliRunner().invoke(main, ["pkg/net.py", "pkg/cycle_a.py"])
    assert result.exit_code == 1
    assert result.output.startswith("pkg/blocks.py:6:")
    assert "CL104 b1.1 = BatchNorm2d(3) normalises 3 channels" in result.output
    assert "norm(cin)" in result.output  # the excerpt comes from the imported file


def test_factory_function_is_an_entry_point(package):
    result = CliRunner().invoke(main, ["pkg/net.py", "--model", "net_factory", "--format", "json"])
    assert '"name": "net_factory"' in result.output and '"name": "Net"' not in result.output


UNFOLLOWED = '''import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, widths=torch.randint(16, 48, (4,))):
        super().__init__()
        blocks = []
        for i, width in enumerate(widths.tolist()):
            blocks.append((f"block{i}", nn.Conv2d(16, int(width), 3)))
        self.trunk = nn.Sequential(dict(blocks))
        self.head = nn.Linear(12345, 10)

    def forward(self, x):
        return self.head(self.trunk(x).flatten(1))
'''


def test_layers_built_by_unfollowed_code_make_the_shape_unknown_not_wrong():
    result = lint_text(UNFOLLOWED, "model.py", Settings(input_shapes={"": (1, 16, 32, 32)}))
    assert result.diagnostics == []
    (model,) = result.models
    assert any("loop" in u.why for u in model.unresolved)


def test_a_container_changed_in_ways_not_followed_is_unknown_not_wrong(lint):
    source = '''import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(3, 8, 3), nn.Conv2d(5, 16, 3))
        self.body.pop(1)
        self.head = nn.Linear(8 * 30 * 30, 10)

    def forward(self, x):
        return self.head(self.body(x).flatten(1))
'''
    result = lint(source, shape=(2, 3, 32, 32))
    assert [d.code for d in result.diagnostics] == []


DCGAN = '''
import torch
import torch.nn as nn


class Generator(nn.Module):
    def __init__(self, ngpu):
        super().__init__()
        self.ngpu = ngpu
        self.main = nn.Sequential(
            nn.ConvTranspose2d(100, 512, 4, 1, 0, bias=False),
            nn.BatchNorm2d(512),
            nn.ReLU(True),
            nn.ConvTranspose2d(512, 256, 4, 2, 1, bias=False),
            nn.BatchNorm2d(128),
            nn.ReLU(True),
        )

    def forward(self, input):
        if input.is_cuda and self.ngpu > 1:
            output = nn.parallel.data_parallel(self.main, input, range(self.ngpu))
        else:
            output = self.main(input)
        return output


fake = Generator(1)(torch.randn(8, 100, 1, 1))
'''


@pytest.mark.parametrize("one_device", [True, False])
def test_the_single_device_path_of_an_ngpu_branch_is_followed(one_device):
    source = DCGAN if one_device else DCGAN.replace("input.is_cuda and self.ngpu > 1", "not input.is_cuda")
    assert findings(source) == [(line_of(source, "nn.BatchNorm2d(128)"), "CL104")]
    if not one_device:
        return  # data_parallel needs CUDA devices; its shapes are those of one device
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    with pytest.raises(RuntimeError, match="running_mean should contain 256 elements not 128"):
        exec(compile(source, "dcgan.py", "exec"), namespace)


AUXILIARY = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 16, 3, padding=1)
        self.aux = nn.Linear(16 * 8 * 8, 10)
        self.fc = nn.Linear(16, 10)

    def forward(self, x):
        x = F.relu(self.conv(x))
        out = self.fc(F.adaptive_avg_pool2d(x, 1).flatten(1))
        if self.training:
            return out, self.aux(F.max_pool2d(x, 2).flatten(1))
        return out


net = Net()
net(torch.randn(2, 3, 32, 32))
'''


def test_a_bug_only_on_the_training_path_is_reported_as_such():
    result = lint_text(AUXILIARY, "aux.py", Settings())
    (found,) = result.diagnostics
    assert (found.span.line, found.code) == (line_of(AUXILIARY, "self.aux = nn.Linear"), "CL101")
    assert "in training mode (model.train())" in found.message
    fixed = AUXILIARY.replace("16 * 8 * 8", "16 * 16 * 16")
    assert lint_text(fixed, "aux.py", Settings()).diagnostics == []
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
        exec(compile(AUXILIARY, "aux.py", "exec"), namespace)
    namespace["net"].eval()(torch.zeros(2, 3, 32, 32))  # inference never reaches the head


ZOO_VGG = '''
import torch
import torch.nn as nn

cfg = {"VGG11": [64, "M", 128, "M", 256, 256, "M", 512, 512, "M", 512, 512, "M"]}


class VGG(nn.Module):
    def __init__(self, vgg_name):
        super().__init__()
        self.features = self._make_layers(cfg[vgg_name])
        self.classifier = nn.Linear(512 * 2, 10)

    def forward(self, x):
        out = self.features(x)
        out = out.view(out.size(0), -1)
        return self.classifier(out)

    def _make_layers(self, cfg):
        layers = []
        in_channels = 3
        for x in cfg:
            if x == "M":
                layers += [nn.MaxPool2d(kernel_size=2, stride=2)]
            else:
                layers += [nn.Conv2d(in_channels, x, kernel_size=3, padding=1), nn.ReLU(inplace=True)]
                in_channels = x
        return nn.Sequential(*layers)


def test():
    net = VGG("VGG11")
    y = net(torch.randn(2, 3, 32, 32))
'''


def test_a_model_whose_constructor_needs_arguments_is_built_as_the_code_builds_it():
    result = lint_text(ZOO_VGG, "vgg.py", Settings())
    assert [(d.span.line, d.code) for d in result.diagnostics] == [(line_of(ZOO_VGG, "nn.Linear(512 * 2"), "CL101")]
    (model,) = result.models
    assert not any("required constructor arguments" in u.why for u in model.unresolved)
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(ZOO_VGG, "vgg.py", "exec"), namespace)
    with pytest.raises(RuntimeError, match=r"mat1 and mat2 shapes cannot be multiplied \(2x512 and 1024x10\)"):
        namespace["test"]()


SETS = '''import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, widths=(16, 16, 32, 32, 64)):
        super().__init__()
        stages = sorted(set(widths))
        wide = {w for w in widths if w > 16}
        layers, cin = [], 3
        for width in stages:
            layers.append(nn.Conv2d(cin, width, 3, padding=1))
            cin = width
        self.features = nn.Sequential(*layers)
        self.head = nn.Linear(cin * len(wide), 10)
        self.extra = nn.Linear(10, 10) if 64 in {16, 64} and len(set(stages)) == 3 else nn.Identity()

    def forward(self, x):
        x = self.features(x).mean((2, 3))
        return self.extra(self.head(torch.cat([x, x], 1)))
'''


def test_sets_of_sizes_are_followed(lint):
    """len(set(widths)), sorted(set(...)), {...} and set comprehensions, `in` a set."""
    result = lint(SETS, (2, 3, 8, 8))
    assert result.diagnostics == []
    (model,) = result.models
    layers = {layer.name: layer.params for layer in model_out(model).layers}
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(SETS, "model.py", "exec"), namespace)
    real = namespace["Net"]()
    assert real(torch.zeros(2, 3, 8, 8)).shape == (2, 10)
    assert layers == {n: sum(p.numel() for p in m.parameters()) for n, m in real.named_modules() if n}


SQUEEZED = '''
import torch.nn as nn


class SelectiveKernel(nn.Module):
    def __init__(self, features=64, d=32):
        super().__init__()
        self.conv = nn.Conv2d(3, features, 3, padding=1)
        self.gap = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(d, d)  # the pooled map has `features` channels

    def forward(self, x):
        fea_s = self.gap(self.conv(x)).squeeze_()
        return self.fc(fea_s.squeeze())
'''


def test_squeeze_of_every_dim_keeps_the_batch_and_what_cannot_be_one():
    # squeeze() of N x 64 x 1 x 1 drops the pooled dims; the batch is kept (with a batch of
    # one nothing after it would be batched), so the Linear is checked for every input size
    assert findings(SQUEEZED) == [(line_of(SQUEEZED, "self.fc = nn.Linear(d, d)"), "CL101")]
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(SQUEEZED, "sk.py", "exec"), namespace)
    for size in (5, 17):
        with pytest.raises(RuntimeError, match="cannot be multiplied"):
            namespace["SelectiveKernel"]()(torch.zeros(2, 3, size, size))


TWO_SCALES = '''
import torch
import torch.nn as nn


class TwoScale(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Sequential(nn.Conv1d(1, 8, 50, stride=6, padding=24), nn.MaxPool1d(8, 8))
        self.b = nn.Sequential(nn.Conv1d(1, 8, 400, stride=50, padding=200), nn.MaxPool1d(4, 4))
        self.c1 = nn.Conv1d(8, 8, 1)
        self.fc = nn.Linear(16, 2)  # the map has 8 channels

    def forward(self, x):
        x = torch.cat((self.a(x), self.b(x)), dim=2)
        x = self.c1(x) + x
        return self.fc(x.mean(-1))
'''


def test_constants_added_to_a_sum_of_floors_fold():
    # the two scales' lengths add up to an expression of two floors; a kernel-1 conv adds -1+1 to it,
    # which must fold for the residual add to be the same length, and the head to be checked
    assert findings(TWO_SCALES) == [(line_of(TWO_SCALES, "self.fc = nn.Linear(16, 2)"), "CL101")]
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(TWO_SCALES, "two.py", "exec"), namespace)
    for length in (400, 3000):
        with pytest.raises(RuntimeError, match="cannot be multiplied"):
            namespace["TwoScale"]()(torch.zeros(2, 1, length))


EXPLICIT_BASE_INIT = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class SpectralNorm(object):  # a mixin in Python 2's spelling, its buffers set on the layer
    def __init__(self, n_dim):
        self.register_buffer("sn_u", torch.randn(1, n_dim))

    def sn_weights(self):
        w = self.weight.view(self.weight.shape[0], -1)
        sigma = torch.mm(self.sn_u, w).norm()
        return self.weight / sigma


class SNConv2d(nn.Conv2d, SpectralNorm):
    def __init__(self, in_channels, out_channels, *args, **kwargs):
        nn.Conv2d.__init__(self, in_channels, out_channels, *args, **kwargs)
        SpectralNorm.__init__(self, n_dim=out_channels)

    def forward(self, x):
        return F.conv2d(x, self.sn_weights(), self.bias, self.stride, self.padding)


class Critic(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = SNConv2d(3, 16, 3, 1, 1)
        self.c2 = SNConv2d(16, 32, 4, 2, 1)
        self.fc = nn.Linear(16, 1)

    def forward(self, x):
        return self.fc(self.c2(self.c1(x)).sum(dim=(2, 3)))
'''


def test_a_layer_set_up_by_its_torch_base_by_name_is_that_layer():
    """`nn.Conv2d.__init__(self, ...)` (spectral-norm, weight-standardised convs) is the layer's
    super().__init__: its weight has the conv's shape, and the head after it is checked. A mixin
    based on `object` adds its methods, and no note."""
    result = lint_text(EXPLICIT_BASE_INIT, "sn.py", Settings())
    errors = [(d.model, d.span.line, d.code) for d in result.diagnostics if d.severity == "error"]
    assert errors == [("Critic", line_of(EXPLICIT_BASE_INIT, "self.fc = nn.Linear(16, 1)"), "CL101")]
    assert "gives 32 per sample" in next(d.message for d in result.diagnostics if d.code == "CL101")
    critic = next(m for m in result.models if m.name == "Critic")
    assert not critic.unresolved
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(EXPLICIT_BASE_INIT, "sn.py", "exec"), namespace)
    with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
        namespace["Critic"]()(torch.zeros(2, 3, 8, 8))


LAYER_SUBCLASSES = '''
import torch
import torch.nn as nn


class MaxNormConv(nn.Conv2d):  # EEG nets' max-norm constraint: then the conv's own forward
    def __init__(self, *args, max_norm=1.0, **kwargs):
        self.max_norm = max_norm
        super().__init__(*args, **kwargs)

    def forward(self, x):
        self.weight.data = torch.renorm(self.weight.data, p=2, dim=0, maxnorm=self.max_norm)
        return super().forward(x)


class PlainConv(nn.Conv2d):  # no forward of its own
    pass


class CoordConv(nn.Conv2d):  # adds two coordinate channels before the conv: in_channels counts them
    def forward(self, x):
        n, _, h, w = x.shape
        coords = torch.zeros(n, 2, h, w)
        return super().forward(torch.cat([x, coords], 1))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = MaxNormConv(1, 40, (1, 5))
        self.b = MaxNormConv(25, 40, (3, 1))
        self.c = PlainConv(16, 8, 1)
        self.d = CoordConv(10, 4, 1)

    def forward(self, x):
        return self.d(self.c(self.b(self.a(x))))
'''


def test_a_subclass_of_a_torch_layer_is_checked_as_that_layer_on_what_its_base_forward_gets():
    """`return super().forward(x)` of the x that arrived, or no forward at all: the base conv's
    in_channels is checked against the arriving tensor; CoordConv's base gets x with two more
    channels, which its in_channels counts: no error there."""
    result = lint_text(LAYER_SUBCLASSES, "subclasses.py", Settings())
    errors = [(d.span.line, d.code) for d in result.diagnostics if d.severity == "error"]
    assert errors == [(line_of(LAYER_SUBCLASSES, "MaxNormConv(25, 40"), "CL103"),
                      (line_of(LAYER_SUBCLASSES, "PlainConv(16, 8, 1)"), "CL103")]
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(LAYER_SUBCLASSES, "subclasses.py", "exec"), namespace)
    with pytest.raises(RuntimeError, match="expected input.* to have 25 channels, but got 40"):
        namespace["Net"]()(torch.zeros(2, 1, 8, 32))
    fixed = LAYER_SUBCLASSES.replace("MaxNormConv(25, 40", "MaxNormConv(40, 16").replace(
        "PlainConv(16, 8, 1)", "PlainConv(16, 8, 1)")
    namespace = {}
    exec(compile(fixed, "subclasses.py", "exec"), namespace)
    assert namespace["Net"]()(torch.zeros(2, 1, 8, 32)).shape == (2, 4, 6, 28)
    assert [d.code for d in lint_text(fixed, "subclasses.py", Settings()).diagnostics if d.severity == "error"] == []


STATE_FROM_INPUT_SIZES = '''
import torch
import torch.nn as nn


class Gate(nn.Module):  # PReNet / ConvLSTM: a state made of the input's sizes before any layer runs
    def __init__(self):
        super().__init__()
        self.conv0 = nn.Conv2d(3, 32, 3, 1, 1)
        self.conv_g = nn.Conv2d(32 + 32, 32, 3, 1, 1)

    def forward(self, input):
        b, row, col = input.size(0), input.size(2), input.size(3)
        h = torch.zeros(b, 32, row, col)
        x = self.conv0(input)
        return self.conv_g(torch.cat((x, x, h), 1))
'''


def test_sizes_of_the_input_read_before_its_first_layer_are_its_sizes_once_that_layer_ran():
    """`input.size(2)` before conv0 gave the input its rank: forward runs again on N x 3 x H x W,
    so the state `torch.zeros(b, 32, row, col)` is known and the concatenation's 96 channels are
    checked, for every size."""
    result = lint_text(STATE_FROM_INPUT_SIZES, "state.py", Settings())
    (finding,) = [d for d in result.diagnostics if d.severity == "error"]
    assert (finding.code, finding.span.line) == ("CL103", line_of(STATE_FROM_INPUT_SIZES, "self.conv_g = "))
    cat = line_of(STATE_FROM_INPUT_SIZES, "return self.conv_g(torch.cat(")
    assert f"but torch.cat gives 96, 32 + 32 + 32 from the torch.cat on line {cat} (shape Nx96xHxW, symbolic input " \
           "Nx3xHxW)" in finding.message
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(STATE_FROM_INPUT_SIZES, "state.py", "exec"), namespace)
    for side in (8, 13):
        with pytest.raises(RuntimeError, match="to have 64 channels, but got 96"):
            namespace["Gate"]()(torch.zeros(2, 3, side, side))


def test_a_model_rerun_on_its_settled_input_keeps_its_loop_counts_tried():
    """The rerun on the settled input is the model's analysis: its loops counted by a required
    argument are still tried (SE blocks reading `b, c, _, _ = x.size()` first)."""
    source = '''
import torch
import torch.nn as nn


class Counted(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.conv0 = nn.Conv2d(3, 32, 3, 1, 1)
        self.body = nn.Sequential(*[nn.Conv2d(64, 64, 3, 1, 1) for _ in range(n)])

    def forward(self, input):
        b, row, col = input.size(0), input.size(2), input.size(3)
        h = torch.zeros(b, 32, row, col)
        x = self.conv0(input)
        return self.body(torch.cat((x, x, h), 1))
'''
    result = lint_text(source, "counted_state.py", Settings())
    counted = next(m for m in result.models if m.name == "Counted")
    assert counted.internal_error is None and len(counted.count_trials) == 6
    errors = [d for d in result.diagnostics if d.severity == "error"]
    assert [d.code for d in errors] == ["CL103"] and "for n = 1, 2, 3, 4, 5 and 6" in errors[0].message


NAMEDTUPLE_CONFIG = '''
from collections import namedtuple

import torch
import torch.nn as nn

Spec = namedtuple('Spec', 'widths, classes')
SPEC = Spec([8, 16], classes=10)


class Net(nn.Module):
    def __init__(self, spec=SPEC):
        super().__init__()
        self.a = nn.Conv2d(3, spec.widths[0], 3, padding=1)
        self.b = nn.Conv2d(spec.widths[0], spec.widths[1], 3, padding=1)
        self.fc = nn.Linear(spec.widths[1], spec.classes)

    def forward(self, x):
        return self.fc(self.b(self.a(x)).mean((2, 3)))
'''


def test_a_namedtuple_instance_is_a_bag_of_its_fields():
    """`Spec = namedtuple('Spec', 'widths, classes')`, `Spec([8, 16], classes=10)`: its fields are
    read as Python binds them; the widths they give are checked, and the model followed whole."""
    result = lint_text(NAMEDTUPLE_CONFIG, "spec.py", Settings(input_shapes={"Net": (2, 3, 8, 8)}))
    (model,) = [m for m in result.models if m.name == "Net"]
    assert model.unresolved == [] and tuple(model.output.shape.dims) == (2, 10)
    broken = NAMEDTUPLE_CONFIG.replace("nn.Linear(spec.widths[1]", "nn.Linear(spec.widths[0]")
    assert [(d.span.line, d.code) for d in lint_text(broken, "spec.py", Settings()).diagnostics
            if d.severity == "error"] == [(16, "CL101")]
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(NAMEDTUPLE_CONFIG, "spec.py", "exec"), namespace)
    assert namespace["Net"]()(torch.zeros(2, 3, 8, 8)).shape == (2, 10)
