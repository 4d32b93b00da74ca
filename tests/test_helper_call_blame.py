"""A count that reaches a layer through a helper function or method of the model
(`self._make_pred_layer(Classifier, 64, ...)`, `self._make_stage(16, planes, n)`, a static method,
a module-level function) is reported where it is written wrong, as if the helper's body were
written in the constructor: at the caller's number where the helper only passes it on, at the
helper's own argument line where that line reads the wrong name, and at the helper's line where
it is wrong for every call. Each bug is checked to fail in torch and each fix to run."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.test_blame import SE_LAYER

CLASSIFIER = '''
import torch
import torch.nn as nn


class Classifier(nn.Module):
    def __init__(self, inplanes, dilation_series, num_classes):
        super().__init__()
        self.convs = nn.ModuleList()
        for d in dilation_series:
            self.convs.append(nn.Conv2d(inplanes, num_classes, 3, padding=d, dilation=d))

    def forward(self, x):
        out = self.convs[0](x)
        for i in range(len(self.convs) - 1):
            out = out + self.convs[i + 1](x)
        return out

'''

PRED_LAYER_HELPERS = {
    "method": ("self._make_pred_layer", "", '''
    def _make_pred_layer(self, block, inplanes, dilation_series, num_classes):
        return block(inplanes, dilation_series, num_classes)
'''),
    "staticmethod": ("self._make_pred_layer", "", '''
    @staticmethod
    def _make_pred_layer(block, inplanes, dilation_series, num_classes):
        return block(inplanes, dilation_series, num_classes)
'''),
    "function": ("make_pred_layer", '''
def make_pred_layer(block, inplanes, dilation_series, num_classes):
    return block(inplanes, dilation_series, num_classes)

''', ""),
}


def _pred_layer(kind: str, width: int) -> str:
    call, function, method = PRED_LAYER_HELPERS[kind]
    return CLASSIFIER + function + f'''
class Net(nn.Module):
    def __init__(self, num_classes=5):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(3, 64, 3, padding=1), nn.ReLU(), nn.Conv2d(64, 128, 3, padding=1))
        self.head = {call}(Classifier, {width}, [6, 12], num_classes)
{method}
    def forward(self, x):
        return self.head(self.body(x))
'''


# the constructor's own parameter forwarded under its own name to a helper that passes it to the
# block: reported at the block's call, as where the block is built in the constructor itself
FORWARDED = {
    "in-place": CLASSIFIER + '''
class Net(nn.Module):
    def __init__(self, num_classes=5, width=64):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(3, 64, 3, padding=1), nn.ReLU(), nn.Conv2d(64, 128, 3, padding=1))
        self.head = Classifier(width, [6, 12], num_classes)

    def forward(self, x):
        return self.head(self.body(x))
''',
    "helper": CLASSIFIER + '''
class Net(nn.Module):
    def __init__(self, num_classes=5, width=64):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(3, 64, 3, padding=1), nn.ReLU(), nn.Conv2d(64, 128, 3, padding=1))
        self.head = self._make_pred_layer(Classifier, width, [6, 12], num_classes)

    def _make_pred_layer(self, block, width, dilation_series, num_classes):
        return block(width, dilation_series, num_classes)

    def forward(self, x):
        return self.head(self.body(x))
''',
}

# the helper passes the wrong one of its parameters, for each of its two calls
PRED_LAYER_MISREAD = CLASSIFIER + '''
class Net(nn.Module):
    def __init__(self, num_classes=5):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(3, 64, 3, padding=1), nn.ReLU(), nn.Conv2d(64, 128, 3, padding=1))
        self.neck = nn.Conv2d(128, 256, 3, padding=1)
        self.head = self._make_pred_layer(Classifier, 128, 32, [6, 12], num_classes)
        self.head2 = self._make_pred_layer(Classifier, 256, 48, [6, 12], num_classes)

    def _make_pred_layer(self, block, inplanes, hidden, dilation_series, num_classes):
        return block(hidden, dilation_series, num_classes)

    def forward(self, x):
        x = self.body(x)
        return self.head(x), self.head2(self.neck(x))
'''

BOTTLENECK = '''
import torch
import torch.nn as nn


class Bottleneck(nn.Module):
    expansion = 4

    def __init__(self, in_channels, out_channels, stride=1):
        super().__init__()
        mid = out_channels
        self.bn1 = nn.BatchNorm2d(in_channels)
        self.conv1 = nn.Conv2d(in_channels, mid, kernel_size=1, bias=False)
        self.conv2 = nn.Conv2d(mid, out_channels * self.expansion, kernel_size=3, stride=stride, padding=1)

    def forward(self, x):
        return self.conv2(self.conv1(torch.relu(self.bn1(x))))

'''

STAGE_BODY = '''stage = nn.Sequential()
        stage.add_module('block1', Bottleneck(in_channels=in_channels, out_channels=planes, stride=1))
        for i in range(1, n_blocks):
            stage.add_module(
                f'block{i+1}',
                Bottleneck(
                    in_channels=WIDTH,
                    out_channels=planes,
                    stride=1,
                )
            )
        return stage'''

STAGE_HELPERS = {
    # a helper method of the model, called from its constructor with the constructor's own parameter
    "method": BOTTLENECK + '''
class Net(nn.Module):
    def __init__(self, planes=16, n_blocks=2):
        super().__init__()
        self.conv = nn.Conv2d(3, 16, 3, padding=1)
        self.stage = self._make_stage(16, planes, n_blocks)

    def _make_stage(self, in_channels, planes, n_blocks):
        ''' + STAGE_BODY + '''

    def forward(self, x):
        return self.stage(self.conv(x))
''',
    "function": BOTTLENECK + '''
def make_stage(in_channels, planes, n_blocks):
        ''' + STAGE_BODY + '''


class Net(nn.Module):
    def __init__(self, planes=16, n_blocks=2):
        super().__init__()
        self.conv = nn.Conv2d(3, 16, 3, padding=1)
        self.stage = make_stage(16, planes, n_blocks)

    def forward(self, x):
        return self.stage(self.conv(x))
''',
    # a helper method of a block, which the model builds with a number of its own
    "block-method": BOTTLENECK + '''
class Stage(nn.Module):
    def __init__(self, planes, n_blocks):
        super().__init__()
        self.blocks = self._make_stage(16, planes, n_blocks)

    def _make_stage(self, in_channels, planes, n_blocks):
        ''' + STAGE_BODY + '''

    def forward(self, x):
        return self.blocks(x)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 16, 3, padding=1)
        self.stage = Stage(16, 2)

    def forward(self, x):
        return self.stage(self.conv(x))
''',
    # the helper called for two stages, its line wrong for both: the numbers its calls pass are
    # right for each block's conv2, which reads `out_channels` itself
    "two-stages": BOTTLENECK.replace("        mid = out_channels\n", "").replace("mid", "out_channels") + '''
class Net(nn.Module):
    def __init__(self, n_blocks=2):
        super().__init__()
        self.conv = nn.Conv2d(3, 16, 3, padding=1)
        self.stage1 = self._make_stage(16, 16, n_blocks)
        self.stage2 = self._make_stage(64, 32, n_blocks)

    def _make_stage(self, in_channels, planes, n_blocks):
        ''' + STAGE_BODY + '''

    def forward(self, x):
        return self.stage2(self.stage1(self.conv(x)))
''',
}

# a block's constructor passes its own parameter to the block whose every instance fails: the call
# it makes (or the call of its helper it makes) is what to change, not the number its caller writes
SQUEEZE_EXCITE = SE_LAYER + '''
class Unit(nn.Module):
    def __init__(self, inplanes, outplanes):
        super().__init__()
        self.conv = nn.Conv2d(inplanes - inplanes // 2, outplanes - inplanes // 2, 1)
        self.se = SELayer(outplanes)  # its input has outplanes - inplanes // 2

    def forward(self, x):
        left, right = x.chunk(2, 1)
        return torch.cat((left, self.se(self.conv(right))), 1)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 24, 3, padding=1)
        self.units = nn.Sequential(*[Unit(24, 24) for _ in range(3)])

    def forward(self, x):
        return self.units(self.stem(x))
'''
SQUEEZE_EXCITE_HELPER = SQUEEZE_EXCITE.replace("SELayer(outplanes)  #", """self._make_se(outplanes)  #""").replace(
    "    def forward(self, x):\n        left", """    def _make_se(self, channel):
        return SELayer(channel)

    def forward(self, x):
        left""")
SQUEEZE_EXCITE_FIXED = " - inplanes // 2)  # its input"

WRONG, RIGHT = "planes", "planes * Bottleneck.expansion"
IMAGE = (1, 3, 16, 16)


def _errors(source: str) -> set:
    return {(d.code, d.span.line) for d in lint_text(source, "net.py", Settings()).diagnostics
            if d.severity == "error"}


def _line(source: str, text: str) -> int:
    (line,) = [i for i, row in enumerate(source.splitlines(), 1) if text in row]
    return line


@pytest.mark.parametrize("kind", PRED_LAYER_HELPERS)
def test_a_count_a_helper_passes_on_is_blamed_where_its_caller_writes_it(kind):
    source = _pred_layer(kind, 64)
    assert _errors(source) == {("CL103", _line(source, "(Classifier, 64, [6, 12], num_classes)"))}


@pytest.mark.parametrize("kind", PRED_LAYER_HELPERS)
def test_the_helper_given_the_right_count_is_clean(kind):
    assert _errors(_pred_layer(kind, 128)) == set()


@pytest.mark.parametrize("kind", FORWARDED)
def test_the_constructors_parameter_forwarded_to_a_helper_is_blamed_at_the_blocks_call(kind):
    source = FORWARDED[kind]
    blamed = {"in-place": "Classifier(width, [6, 12], num_classes)", "helper": "block(width, dilation_series"}[kind]
    assert _errors(source) == {("CL103", _line(source, blamed))}
    assert _errors(source.replace("width=64", "width=128")) == set()


def test_a_helper_passing_the_wrong_parameter_for_every_call_is_blamed_at_its_line():
    assert _errors(PRED_LAYER_MISREAD) == {
        ("CL103", _line(PRED_LAYER_MISREAD, "return block(hidden, dilation_series, num_classes)"))}


@pytest.mark.parametrize("kind", STAGE_HELPERS)
def test_a_wrong_name_in_a_helpers_call_over_several_lines_is_blamed_at_its_line(kind):
    source = STAGE_HELPERS[kind].replace("WIDTH", WRONG)
    line = _line(source, f"in_channels={WRONG},")
    assert _errors(source) == {("CL103", line), ("CL104", line)}


@pytest.mark.parametrize("kind", STAGE_HELPERS)
def test_the_helpers_call_given_the_right_width_is_clean(kind):
    assert _errors(STAGE_HELPERS[kind].replace("WIDTH", RIGHT)) == set()


@pytest.mark.parametrize("source", [SQUEEZE_EXCITE, SQUEEZE_EXCITE_HELPER], ids=["block", "helper-of-the-block"])
def test_a_count_a_block_passes_on_wrong_to_every_instance_is_blamed_at_its_call(source):
    assert ("CL101", _line(source, "(outplanes)  # its input")) in _errors(source)
    assert _errors(source.replace(")  # its input", SQUEEZE_EXCITE_FIXED)) == set()


def test_torch_refuses_each_bug_and_runs_each_fix():
    torch = pytest.importorskip("torch")

    def net(source: str):
        namespace: dict = {}
        exec(compile(source, "net.py", "exec"), namespace)
        return namespace["Net"]()

    for kind in PRED_LAYER_HELPERS:
        with pytest.raises(RuntimeError, match="expected input"):
            net(_pred_layer(kind, 64))(torch.zeros(*IMAGE))
        assert net(_pred_layer(kind, 128))(torch.zeros(*IMAGE)).shape == (1, 5, 16, 16)
    for source in FORWARDED.values():
        with pytest.raises(RuntimeError, match="expected input"):
            net(source)(torch.zeros(*IMAGE))
        assert net(source.replace("width=64", "width=128"))(torch.zeros(*IMAGE)).shape == (1, 5, 16, 16)
    with pytest.raises(RuntimeError, match="expected input"):
        net(PRED_LAYER_MISREAD)(torch.zeros(*IMAGE))
    assert net(PRED_LAYER_MISREAD.replace("block(hidden,", "block(inplanes,"))(torch.zeros(*IMAGE))[1].shape \
        == (1, 5, 16, 16)
    for source in (SQUEEZE_EXCITE, SQUEEZE_EXCITE_HELPER):
        with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
            net(source)(torch.zeros(*IMAGE))
        fixed = source.replace(")  # its input", SQUEEZE_EXCITE_FIXED)
        assert net(fixed)(torch.zeros(*IMAGE)).shape == (1, 24, 16, 16)
    for source in STAGE_HELPERS.values():
        with pytest.raises(RuntimeError, match="running_mean should contain 64 elements not 16"):
            net(source.replace("WIDTH", WRONG))(torch.zeros(*IMAGE))
        assert net(source.replace("WIDTH", RIGHT))(torch.zeros(*IMAGE)).shape[1] in (64, 128)


# A conv+BN wrapper's norm fits whatever count the wrapper is given (it follows its own conv): it
# shows no call on the way right. A block given the wrong count at its caller is reported there,
# whether another instance of the block fits (REFINE) or the block is built once and fails on
# several lines (PYRAMID).
CONV_BN = '''
import torch
import torch.nn as nn


class ConvBNAct(nn.Sequential):
    def __init__(self, in_channels, out_channels, stride=1):
        super().__init__(nn.Conv2d(in_channels, out_channels, 3, stride, 1), nn.BatchNorm2d(out_channels),
                         nn.ReLU())

'''
REFINE = CONV_BN + '''
class Refine(nn.Module):
    def __init__(self, low_channels, high_channels, out_channels):
        super().__init__()
        self.conv_low = ConvBNAct(low_channels, low_channels)
        self.conv_cat = ConvBNAct(low_channels + high_channels, out_channels)

    def forward(self, low, high):
        return self.conv_cat(torch.cat([self.conv_low(low), high], 1))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 32, 3, padding=1)
        self.wide = nn.Conv2d(32, 64, 3, padding=1)
        self.refine1 = Refine(LOW, 32, 32)
        self.refine2 = Refine(32, 32, 16)
        self.side = nn.Conv2d(64, 16, 1)

    def forward(self, x):
        s = self.stem(x)
        w = self.wide(s)
        return self.refine2(self.refine1(w, s), s) + self.side(w)
'''
PYRAMID = CONV_BN + '''
class Pyramid(nn.Module):
    def __init__(self, in_channels, out_channels):
        super().__init__()
        self.left = ConvBNAct(in_channels, in_channels, 2)
        self.mid = ConvBNAct(in_channels, out_channels)
        self.right = nn.Sequential(nn.AdaptiveAvgPool2d(1), ConvBNAct(in_channels, out_channels))

    def forward(self, x):
        return self.mid(x) + self.right(x) + nn.functional.interpolate(self.left(x), x.shape[2:])[:, :1]


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = nn.Conv2d(3, 128, 3, padding=1)
        self.pyramid = Pyramid(LOW, 1)

    def forward(self, x):
        return self.pyramid(self.encoder(x))
'''


@pytest.mark.parametrize(("source", "right", "wrong"), [(REFINE, "64", "32"), (PYRAMID, "128", "64")],
                         ids=["another-instance-fits", "built-once"])
def test_a_wrong_count_at_the_blocks_call_is_not_moved_into_the_wrapper_by_its_norm(source, right, wrong):
    torch = pytest.importorskip("torch")
    broken, fixed = source.replace("LOW", wrong), source.replace("LOW", right)
    errors = [d for d in lint_text(broken, "net.py", Settings()).diagnostics if d.severity == "error"]
    line = next(i for i, text in enumerate(broken.splitlines(), 1)
                if "self.refine1 = " in text or "self.pyramid = " in text)
    assert errors and {d.span.line for d in errors} == {line}, [(d.code, d.span.line) for d in errors]
    assert [d for d in lint_text(fixed, "net.py", Settings()).diagnostics if d.severity == "error"] == []
    for text, fails in ((broken, True), (fixed, False)):
        namespace: dict = {}
        exec(compile(text, "net.py", "exec"), namespace)
        if fails:
            with pytest.raises(RuntimeError, match="expected input"):
                namespace["Net"]().eval()(torch.zeros(1, 3, 8, 8))
        else:
            namespace["Net"]().eval()(torch.zeros(1, 3, 8, 8))
