"""A shortcut conv built by a plain helper (`def conv1x1(cin, cout, stride=1)`, a function or a
method of a utility class called as `Utils().conv1x1(...)`) whose call leaves out `stride`, so
that the helper's default 1 keeps the shortcut at full size beside a strided main path, is
reported at that call, not at the helper's `stride=stride` line, which is right for every call
that passes it. A call that passes the stride, and a helper whose own line writes the wrong
number, keep their places. Each bug is checked to fail in torch and each fix to run."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of
from tests.torch_cases import assert_bug_found_at_its_line, filled

HELPERS = {
    "function": ("", '''
def conv3x3(cin, cout, stride=1):
    return nn.Conv2d(cin, cout, kernel_size=3, stride=stride, padding=1, bias=False)


def conv1x1(cin, cout, stride=1):
    return nn.Conv2d(
        cin,
        cout,
        kernel_size=1,
        stride=STRIDE,
        bias=False,
    )
'''),
    "method": ("Utils().", '''
class Utils:
    def conv3x3(self, cin, cout, stride=1):
        return nn.Conv2d(cin, cout, kernel_size=3, stride=stride, padding=1, bias=False)

    def conv1x1(self, cin, cout, stride=1):
        return nn.Conv2d(
            cin,
            cout,
            kernel_size=1,
            stride=STRIDE,
            bias=False,
        )
'''),
}

RESNET = '''
import torch
import torch.nn as nn

HELPERS

class Block(nn.Module):
    def __init__(self, cin, cout, stride=1, downsample=None):
        super().__init__()
        self.conv1 = UTILSconv3x3(cin, cout, stride)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = UTILSconv3x3(cout, cout)
        self.bn2 = nn.BatchNorm2d(cout)
        self.downsample = downsample

    def forward(self, x):
        identity = x
        out = self.bn1(self.conv1(x)).relu()
        out = self.bn2(self.conv2(out))
        if self.downsample is not None:
            identity = self.downsample(x)
        out += identity
        return out.relu()


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.inplanes = 8
        self.layer1 = self._make_layer(8, 1)
        self.layer2 = self._make_layer(16, 2)
        self.layer3 = self._make_layer(32, 2)

    def _make_layer(self, planes, stride):
        downsample = None
        if stride != 1 or self.inplanes != planes:
            downsample = nn.Sequential(UTILSconv1x1(self.inplanes, planesPASSED),
                                       nn.BatchNorm2d(planes))
        layer = Block(self.inplanes, planes, stride, downsample)
        self.inplanes = planes
        return layer

    def forward(self, x):
        return self.layer3(self.layer2(self.layer1(x)))


if __name__ == "__main__":
    print(Net()(torch.randn(2, 8, 16, 16)).shape)
'''


def _source(kind: str) -> str:
    prefix, helpers = HELPERS[kind]
    return RESNET.replace("HELPERS", helpers).replace("UTILS", prefix)


def _errors(source: str) -> list:
    return [d for d in lint_text(source, "resnet.py", Settings()).diagnostics if d.severity == "error"]


@pytest.mark.parametrize("kind", HELPERS)
def test_a_helper_call_leaving_out_the_stride_is_reported_at_that_call(kind):
    source = filled(_source(kind), {"STRIDE": "stride"})
    line = line_of(source, "conv1x1(self.inplanes, planesPASSED)")
    assert_bug_found_at_its_line(source, {"PASSED": ", stride"}, {"PASSED": ""}, (2, 8, 16, 16), line, "CL107",
                                 "resnet.py")
    (finding,) = _errors(filled(source, {"PASSED": ""}))
    assert "leaves out stride, so the helper's default stride=1 is taken" in finding.message


@pytest.mark.parametrize("kind", HELPERS)
def test_a_helper_writing_the_wrong_stride_itself_is_not_blamed_on_its_call(kind):
    # (every call passes the stride; the helper's own line drops it: its call is right)
    source = filled(_source(kind), {"STRIDE": "1", "PASSED": ", stride"})
    found = {d.span.line for d in _errors(source)}
    assert found and line_of(source, "conv1x1(self.inplanes, planes, stride)") not in found
