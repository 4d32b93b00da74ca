"""A Bottleneck checked on its own (no model of the file builds it) whose conv gives `planes * 2`
where its norm takes `planes * 4`, the class declaring `expansion = 4`: the conv is off what the
class and its norm agree on and is blamed where its width is written; a norm off the declared
factor stays blamed itself; against torch."""

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_bug_found_at_its_line, filled
from tests.source_lines import line_of

SOURCE = '''
import torch
import torch.nn as nn
from collections import OrderedDict


class Bottleneck(nn.Module):
    expansion = 4

    def __init__(self, inplanes, planes, downsample=None):
        super().__init__()
        m = OrderedDict()
        m["conv1"] = nn.Conv2d(inplanes, planes, 1, bias=False)
        m["bn1"] = nn.BatchNorm2d(planes)
        m["conv3"] = nn.Conv2d(planes, planes * CONV, 1, bias=False)  # the conv
        m["bn3"] = nn.BatchNorm2d(planes * NORM)  # the norm
        self.branch = nn.Sequential(m)
        self.downsample = downsample

    def forward(self, x):
        skip = x if self.downsample is None else self.downsample(x)
        return torch.relu(self.branch(x) + skip)
'''


def _build(namespace):
    return namespace["Bottleneck"](256, 64)


def test_the_conv_off_the_declared_expansion_is_blamed():
    source = filled(SOURCE, {"NORM": "4"})
    assert_bug_found_at_its_line(source, {"CONV": "4"}, {"CONV": "2"}, (2, 256, 14, 14),
                                 line_of(source, "# the conv"), "CL104", "block.py", build=_build)
    (error,) = [d for d in lint_text(filled(source, {"CONV": "2"}), "block.py", Settings()).diagnostics
                if d.severity == "error"]
    assert "expansion = 4" in error.message and error.fix == "Set out_channels to 4*planes"


def test_a_norm_off_the_declared_expansion_stays_blamed():
    source = filled(SOURCE, {"CONV": "4"})
    assert_bug_found_at_its_line(source, {"NORM": "4"}, {"NORM": "2"}, (2, 256, 14, 14),
                                 line_of(source, "# the norm"), "CL104", "block.py", build=_build)


def test_without_a_declared_expansion_the_norm_is_blamed_as_before():
    source = filled(SOURCE, {"NORM": "4", "expansion = 4": "width = 4"})
    assert_bug_found_at_its_line(source, {"CONV": "4"}, {"CONV": "2"}, (2, 256, 14, 14),
                                 line_of(source, "# the norm"), "CL104", "block.py", build=_build)
