"""A required constructor parameter whose values the code restricts to a constant table
(`assert depth in cfg`, `if depth not in cfg: raise`, `cfg[depth]` read where it always runs): nothing
gives it, so the model is built with every value the table allows, and an error met with each of them
is reported at its line; one met with some of them only is reported with those values
(tests/test_stated_value_errors.py), and no value outside the table is tried. Each claim is checked
against torch for every value of the table."""

import ast

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import built, filled, module_shapes
from tests.source_lines import line_of

torch = pytest.importorskip("torch")

SIZE = (2, 3, 32, 32)

# a pre-activation ResNet whose depth picks its block count: the last stage gives 64 channels at
# every depth of cfg
STAGES = '''
import torch.nn as nn
import torch.nn.functional as F

cfg = [20, 32, 44, 56]


class Block(nn.Module):
    expansion = 1

    def __init__(self, cin, cout, stride=1):
        super().__init__()
        self.bn = nn.BatchNorm2d(cin)
        self.conv = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)

    def forward(self, x):
        return self.conv(F.relu(self.bn(x)))


class Net(nn.Module):
    def __init__(self, depth, num_classes=10):
        GUARD
        super().__init__()
        n = (depth - 2) // 6
        self.conv1 = nn.Conv2d(3, 16, 3, 1, 1)
        self.in_channels = 16
        self.stage1 = self._make(Block, n, 32, 2)
        self.stage2 = self._make(Block, n, 64, 2)
        self.bn_out = nn.BatchNorm2d(WIDTH)  # the last stage's width
        self.fc = nn.Linear(self.in_channels, num_classes)

    def _make(self, block, num_block, out_channels, stride):
        layers = [block(self.in_channels, out_channels, stride)]
        self.in_channels = block.expansion * out_channels
        for i in range(num_block - 1):
            layers.append(block(self.in_channels, out_channels))
            self.in_channels = block.expansion * out_channels
        return nn.Sequential(*layers)

    def forward(self, x):
        x = self.stage2(self.stage1(self.conv1(x)))
        x = F.relu(self.bn_out(x))
        x = F.adaptive_avg_pool2d(x, 1).view(x.size(0), -1)
        return self.fc(x)
'''

# a VGG whose depth keys its table of widths: each BatchNorm normalises its conv's output
TABLE = '''
import torch.nn as nn
import torch.nn.functional as F

cfg = {
    11: [64, 'M', 128, 'M', 256, 'M'],
    13: [64, 64, 'M', 128, 128, 'M', 256, 'M'],
}


class Net(nn.Module):
    def __init__(self, depth, num_classes=10):
        assert depth in cfg, 'depth not in cfg'
        super().__init__()
        self.features = self._make_layers(cfg[depth])
        self.classifier = nn.Linear(256, num_classes)

    def _make_layers(self, config):
        layers, in_channels = [], 3
        for v in config:
            if v == 'M':
                layers += [nn.MaxPool2d(kernel_size=2, stride=2)]
            else:
                layers += [nn.Conv2d(in_channels, v, 3, padding=1), nn.BatchNorm2d(WIDTH), nn.ReLU(inplace=True)]
                in_channels = v
        return nn.Sequential(*layers)

    def forward(self, x):
        x = self.features(x)
        return self.classifier(F.adaptive_avg_pool2d(x, 1).flatten(1))
'''

# a DenseNet whose depth is read only as a key of its growth table: the head takes the transition's
# output, half the dense block's
GROWTH = '''
import torch
import torch.nn as nn
import torch.nn.functional as F

growth_of = {40: 12, 64: 16}


class Dense(nn.Module):
    def __init__(self, cin, growth):
        super().__init__()
        self.bn = nn.BatchNorm2d(cin)
        self.conv = nn.Conv2d(cin, growth, 3, padding=1, bias=False)

    def forward(self, x):
        return torch.cat([self.conv(F.relu(self.bn(x))), x], 1)


class Net(nn.Module):
    def __init__(self, depth, num_classes=10):
        super().__init__()
        growth = growth_of[depth]
        n = (depth - 4) // 6
        channels = 2 * growth
        self.conv1 = nn.Conv2d(3, channels, 3, padding=1, bias=False)
        layers = []
        for i in range(n):
            layers.append(Dense(channels, growth))
            channels += growth
        self.dense = nn.Sequential(*layers)
        out_channels = channels // 2
        self.trans = nn.Conv2d(channels, out_channels, 1, bias=False)
        self.bn = nn.BatchNorm2d(out_channels)
        self.fc = nn.Linear(WIDTH, num_classes)  # the head

    def forward(self, x):
        x = self.trans(self.dense(self.conv1(x)))
        x = F.adaptive_avg_pool2d(F.relu(self.bn(x)), 1).flatten(1)
        return self.fc(x)
'''

GUARDS = {"assert": "assert depth in cfg, 'bad depth'",
          "raise": "if depth not in cfg:\n            raise ValueError(depth)"}


def _domain(source: str) -> tuple:
    namespace: dict = {}
    exec(compile(source, "domain.py", "exec"), namespace)
    table = namespace.get("cfg", namespace.get("growth_of"))
    return tuple(table)


def _errors(source: str) -> dict:
    result = lint_text(source, "domain.py", Settings())
    return {(d.code, d.span.line): d.message for d in result.diagnostics if d.severity == "error"}


def _assert_every_depth(source: str, right: dict, wrong: dict, marker: str, code: str) -> str:
    """Torch refuses the wrong filling at every depth of the table and runs the right one; convlint,
    given nothing, reports the wrong one at the marked line and finds nothing in the right one."""
    broken, fixed = filled(source, wrong), filled(source, right)
    for depth in _domain(source):
        with pytest.raises(RuntimeError):
            module_shapes(built(broken, "domain.py", lambda ns: ns["Net"](depth)), SIZE)
        assert module_shapes(built(fixed, "domain.py", lambda ns: ns["Net"](depth)), SIZE)[""] == (2, 10)
    errors = _errors(broken)
    line = line_of(source, marker)
    assert (code, line) in errors, errors
    assert _errors(fixed) == {}
    return errors[(code, line)]


@pytest.mark.parametrize("guard", sorted(GUARDS))
def test_a_width_wrong_for_every_depth_the_assert_allows_is_an_error(guard):
    source = filled(STAGES, {"GUARD": GUARDS[guard]})
    message = _assert_every_depth(source, {"WIDTH": "64"}, {"WIDTH": "32"}, "# the last stage's width", "CL104")
    assert "every value" in message and "depth = 20, 32, 44 and 56" in message


def test_a_value_another_assert_refuses_is_none_the_model_allows():
    """`assert (depth - 2) % 6 == 0` beside the table refuses 33: the error of 20, 32 and 44 holds."""
    source = filled(STAGES, {"cfg = [20, 32, 44, 56]": "cfg = [20, 32, 33, 44]",
                             "GUARD": "assert depth in cfg\n        assert (depth - 2) % 6 == 0"})
    with pytest.raises(AssertionError):
        built(filled(source, {"WIDTH": "64"}), "domain.py", lambda ns: ns["Net"](33))
    for depth in (20, 32, 44):
        with pytest.raises(RuntimeError):
            module_shapes(built(filled(source, {"WIDTH": "32"}), "domain.py", lambda ns: ns["Net"](depth)), SIZE)
        assert module_shapes(built(filled(source, {"WIDTH": "64"}), "domain.py", lambda ns: ns["Net"](depth)),
                             SIZE)[""] == (2, 10)
    errors = _errors(filled(source, {"WIDTH": "32"}))
    assert "depth = 20, 32 and 44;" in errors[("CL104", line_of(source, "# the last stage's width"))]
    assert _errors(filled(source, {"WIDTH": "64"})) == {}


def test_a_row_width_wrong_for_every_key_of_the_table_is_an_error():
    message = _assert_every_depth(TABLE, {"WIDTH": "v"}, {"WIDTH": "in_channels"}, "nn.BatchNorm2d(WIDTH)", "CL104")
    assert "BatchNorm2d(3) normalises 3 channels, but features.0 gives 64" in message  # where torch stops
    assert "for every value `assert depth in cfg` allows (depth = 11 and 13" in message


def test_a_head_wrong_for_every_key_its_lookup_reads_is_an_error():
    message = _assert_every_depth(GROWTH, {"WIDTH": "out_channels"}, {"WIDTH": "channels"}, "# the head", "CL101")
    assert "`growth_of[depth]`" in message and "depth = 40 and 64" in message


def test_the_model_is_built_with_the_values_of_the_table_only():
    """The loop counts `(depth - 2) // 6` gives are not tried on depth: 8 or 14 are values the
    model refuses, and a lookup that is not there is no model."""
    for source in (filled(STAGES, {"GUARD": GUARDS["assert"], "WIDTH": "64"}), filled(GROWTH, {"WIDTH": "out_channels"})):
        (model,) = [m for m in lint_text(source, "domain.py", Settings()).models if m.name == "Net"]
        assert [chosen for chosen, *_ in model.value_trials] == [{"depth": depth} for depth in _domain(source)]
        assert model.count_trials == []


# the table's last row is written for a narrower last stage: only depth 56 fails
ONE_ROW_WRONG = '''
import torch.nn as nn
import torch.nn.functional as F

out_width = {20: 64, 32: 64, 44: 64, 56: 32}


class Net(nn.Module):
    def __init__(self, depth, num_classes=10):
        super().__init__()
        n = (depth - 2) // 6
        layers = [nn.Conv2d(3, 64, 3, 1, 1)]
        for i in range(n):
            layers += [nn.Conv2d(64, 64, 3, 1, 1), nn.ReLU()]
        self.body = nn.Sequential(*layers)
        self.bn = nn.BatchNorm2d(out_width[depth])
        self.fc = nn.Linear(64, num_classes)

    def forward(self, x):
        x = F.relu(self.bn(self.body(x)))
        return self.fc(F.adaptive_avg_pool2d(x, 1).flatten(1))
'''


def test_an_error_of_some_values_only_is_claimed_with_those_values():
    """A width wrong at one key is a bug of that key's model, which the class says it builds: the
    error is reported with that value, not as one of every value."""
    for depth in (20, 32, 44):
        assert module_shapes(built(ONE_ROW_WRONG, "domain.py", lambda ns: ns["Net"](depth)), SIZE)[""] == (2, 10)
    with pytest.raises(RuntimeError):
        module_shapes(built(ONE_ROW_WRONG, "domain.py", lambda ns: ns["Net"](56)), SIZE)
    errors = _errors(ONE_ROW_WRONG)
    assert list(errors) == [("CL104", line_of(ONE_ROW_WRONG, "nn.BatchNorm2d(out_width[depth])"))]
    message = errors[("CL104", line_of(ONE_ROW_WRONG, "nn.BatchNorm2d(out_width[depth])"))]
    assert "with depth=56 (a value `out_width[depth]` allows; nothing gives it)" in message
    assert "every value" not in message


def _domains(source: str) -> dict:
    from convlint.evaluator.named_values import stated_domains

    tree = ast.parse(source)
    return {name: domain for name, (domain, _) in stated_domains(tree, "Net", line_of(source, "class Net")).items()}


NOT_A_DOMAIN = '''
import torch.nn as nn

cfg = [20, 32]
TAIL


class Net(nn.Module):
    def __init__(self, depth, other, widths=None):
        BODY
'''


@pytest.mark.parametrize("tail, body", [
    ("cfg.append(44)", "assert depth in cfg"),                                   # the table changes
    ("cfg = cfg + [44]", "assert depth in cfg"),                                 # bound again
    ("", "if other:\n            assert depth in cfg"),                          # checked on one path only
    ("", "depth = int(depth)\n        assert depth in cfg"),                     # the parameter rebound
    ("", "cfg = [8]\n        assert depth in cfg"),                              # a local of that name
    ("", "assert other in widths"),                                              # a parameter, not a table
    ("", "self.w = cfg[depth] if other else 16"),                                # a lookup that may not run
    ("", "assert depth in cfg or other"),                                        # not the whole condition
    ("", "assert depth in [d for d in range(depth)]"),                           # not a table of literals
])
def test_what_is_no_stated_domain(tail, body):
    assert _domains(filled(NOT_A_DOMAIN, {"TAIL": tail, "BODY": body})) == {}


@pytest.mark.parametrize("body, domain", [
    ("assert depth in cfg", (20, 32)),
    ("assert depth in (18, 34, 50)", (18, 34, 50)),
    ("if depth not in cfg:\n            raise ValueError(depth)", (20, 32)),
    ("assert depth in cfg\n        assert depth in [20, 56]", (20,)),            # both hold
])
def test_the_values_a_restriction_states(body, domain):
    assert _domains(filled(NOT_A_DOMAIN, {"TAIL": "", "BODY": body})) == {"depth": domain}


def test_a_dict_table_states_its_keys():
    source = filled(NOT_A_DOMAIN, {"TAIL": "table = {'A': 1, 'B': 2}",
                                   "BODY": "self.n = table[other]\n        assert depth in table.keys()"})
    assert _domains(source) == {"other": ("A", "B"), "depth": ("A", "B")}


def test_a_call_leaving_the_depth_out_is_no_model_of_the_class():
    """`Net(num_classes=100)` beside a `Net(depth, num_classes=10)` is a TypeError when run, no
    build of the model: it neither hides the default build nor stands for one, and every depth of the
    table is still tried."""
    source = filled(STAGES, {"GUARD": GUARDS["assert"]}) + "\n\nif __name__ == '__main__':\n    net = Net(num_classes=100)\n"
    broken = filled(source, {"WIDTH": "32"})
    with pytest.raises(TypeError):
        built(broken, "domain.py", lambda ns: ns["Net"](num_classes=100))
    errors = _errors(broken)
    assert "depth = 20, 32, 44 and 56" in errors[("CL104", line_of(source, "# the last stage's width"))]
    assert _errors(filled(source, {"WIDTH": "64"})) == {}
