"""A class checked at its defaults, some of which only hold a place for what every caller gives
(a YOLO head's `anchors=()` and `ch=()`, filled from a model config; `layers=[]`; a count `=0`),
reports no error only those placeholders make: it lists the default instead. A build with real
values is checked as written; a default the code handles (`norm_layer=None` tested, `padding=0`)
is a value, and what it makes fail stays an error."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import built, module_shapes
from tests.source_lines import line_of

torch = pytest.importorskip("torch")

DETECT = '''
import torch
import torch.nn as nn


class Detect(nn.Module):
    def __init__(self, nc=80, anchors=(), ch=()):
        super().__init__()
        self.no = nc + 5
        self.nl = len(anchors)
        self.na = len(anchors[0]) // 2 if anchors else 0
        a = torch.tensor(anchors).float().view(self.nl, -1, 2)
        self.register_buffer("anchors_grid", a)
        self.m = nn.ModuleList(nn.Conv2d(c, self.no * self.na, 1) for c in ch)

    def forward(self, x):
        return [m(xi) for m, xi in zip(self.m, x)]
{builder}
'''

BUILDERS = {
    # built with its real anchors by a factory of the file
    "factory": '''

def build_head():
    return Detect(nc=1, anchors=((10, 13, 16, 30, 33, 23),), ch=(64,))
''',
    # built from a config by name only (YOLOv5's parse_model): no call gives arguments convlint reads
    "config": '''

def parse_model(d, ch):
    m = eval(d["head"][0])
    return m(*d["head"][1])
''',
    "nothing": "",
}

PLACEHOLDERS = {
    # `anchors=()` read by torch.tensor(...).view(len(anchors), -1, 2): CL102 at its defaults
    "anchors": (DETECT.format(builder=BUILDERS["factory"]), "anchors=()",
                lambda ns: ns["Detect"](nc=1, anchors=((10, 13, 16, 30, 33, 23),), ch=(64,)),
                lambda model: model([torch.zeros(2, 64, 8, 8)])),
    # `layers=[]` of a width list: the head after the loop takes the last width, not the stem's
    "layers": ('''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, layers=[], num_classes=10):
        super().__init__()
        self.stem = nn.Conv2d(3, 64, 3, padding=1)
        mods = []
        cin = 64
        for w in layers:
            mods += [nn.Conv2d(cin, w, 3, padding=1), nn.ReLU()]
            cin = w
        self.features = nn.Sequential(*mods)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(512, num_classes)

    def forward(self, x):
        return self.fc(self.pool(self.features(self.stem(x))).flatten(1))
''', "layers=[]", lambda ns: ns["Net"](layers=[128, 512]), lambda model: model(torch.zeros(2, 3, 16, 16))),
    # `num_anchors=0`: a count every caller gives; at 0 the conv has no output channel (CL106)
    "count": ('''
import torch.nn as nn


class Head(nn.Module):
    def __init__(self, cin=64, num_anchors=0, num_classes=20):
        super().__init__()
        self.conv = nn.Conv2d(cin, num_anchors * (num_classes + 5), 1)

    def forward(self, x):
        return self.conv(x)
''', "num_anchors=0", lambda ns: ns["Head"](num_anchors=3), lambda model: model(torch.zeros(2, 64, 8, 8))),
}


def _errors(source: str, settings: Settings | None = None) -> list[tuple[int, str]]:
    return sorted((d.span.line, d.code) for d in lint_text(source, "net.py", settings or Settings()).diagnostics
                  if d.severity == "error")


def _unresolved(source: str) -> list[str]:
    return [u.why for m in lint_text(source, "net.py", Settings()).models for u in m.unresolved]


@pytest.mark.parametrize("form", sorted(PLACEHOLDERS))
def test_an_error_only_a_placeholder_default_makes_is_listed_not_reported(form):
    source, default, build, run = PLACEHOLDERS[form]
    assert _errors(source) == []
    assert any(f"takes the default {default}, which only holds a place" in why for why in _unresolved(source))
    run(built(source, "net.py", build))  # torch builds and runs it with what a caller gives


@pytest.mark.parametrize("builder", sorted(BUILDERS))
def test_a_yolo_head_is_clean_however_the_file_builds_it(builder):
    source = DETECT.format(builder=BUILDERS[builder])
    with pytest.raises(RuntimeError):  # at its defaults torch refuses the view, as convlint saw
        built(source, "net.py", lambda ns: ns["Detect"]())
    assert _errors(source) == []
    assert any("anchors=()" in why and "ch=()" not in why and "CL102 on line" in why for why in _unresolved(source))


def test_an_error_of_its_own_beside_a_placeholder_stays_reported():
    source = '''
import torch
import torch.nn as nn


class Detect(nn.Module):
    def __init__(self, nc=80, anchors=(), ch=()):
        super().__init__()
        self.nl = len(anchors)
        a = torch.tensor(anchors).float().view(self.nl, -1, 2)
        self.register_buffer("anchors_grid", a)
        self.stem = nn.Conv2d(3, 16, 3)
        self.bn = nn.BatchNorm2d(32)

    def forward(self, x):
        return self.bn(self.stem(x))
'''
    with pytest.raises(RuntimeError):
        module_shapes(built(source, "net.py", lambda ns: ns["Detect"](anchors=((1, 2, 3, 4),))), (2, 3, 8, 8))
    assert _errors(source) == [(line_of(source, "nn.BatchNorm2d(32)"), "CL104")]


REAL_DEFAULTS = {
    # a count that is a real value: its wrong Linear is the model's bug
    "num_classes": ('''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.conv = nn.Conv2d(3, 16, 3, padding=1)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(32, num_classes)

    def forward(self, x):
        return self.fc(self.pool(self.conv(x)).flatten(1))
''', "nn.Linear(32", "CL101", Settings()),
    # None the code handles: the norm it picks is the one built
    "norm_layer": ('''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, cin=16, cout=32, norm_layer=None):
        super().__init__()
        if norm_layer is None:
            norm_layer = nn.BatchNorm2d
        self.conv = nn.Conv2d(cin, cout, 3, padding=1)
        self.bn = norm_layer(cin)

    def forward(self, x):
        return self.bn(self.conv(x))
''', "norm_layer(cin)", "CL104", Settings(input_shapes={"Net": (2, 16, 8, 8)})),
    # 0 of a padding is a value, not a count to give
    "padding": ('''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, padding=0, num_classes=0):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=padding)
        self.fc = nn.Linear(8 * 32 * 32, 10)

    def forward(self, x):
        return self.fc(self.conv(x).flatten(1))
''', "nn.Linear(8 * 32", "CL101", Settings(input_shapes={"Net": (2, 3, 32, 32)})),
    # an empty dict of options spread into a layer: no options, a value
    "norm_kwargs": ('''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, cin=3, norm_kwargs={}):
        super().__init__()
        self.conv = nn.Conv2d(cin, 16, 3)
        self.bn = nn.BatchNorm2d(32, **norm_kwargs)

    def forward(self, x):
        return self.bn(self.conv(x))
''', "nn.BatchNorm2d(32", "CL104", Settings()),
}


@pytest.mark.parametrize("form", sorted(REAL_DEFAULTS))
def test_an_error_at_defaults_that_are_real_values_stays_reported(form):
    source, text, code, settings = REAL_DEFAULTS[form]
    size = settings.input_shapes.get("Net", (2, 3, 32, 32)) if settings.input_shapes else (2, 3, 32, 32)
    with pytest.raises(RuntimeError):
        module_shapes(built(source, "net.py"), size)
    assert _errors(source, settings) == [(line_of(source, text), code)]


BOUND_WIDTH = '''
import torch
import torch.nn as nn


class Classifier(nn.Module):
    def __init__(self, dim, classes, vocab_size=0, widths=[16, 16, 16]):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, dim, padding_idx=0)
        self.branches = nn.ModuleList([nn.Conv1d(dim, w, k) for w, k in zip(widths, [2, 3, 4])])
        self.pool = nn.AdaptiveMaxPool1d(1)
        width = WIDTH
        self.head = nn.Linear(width, classes)

    def forward(self, tokens):
        x = self.embed(tokens).transpose(1, 2)
        x = torch.cat([self.pool(b(x)).squeeze(-1) for b in self.branches], dim=1)
        return self.head(x)
'''


def test_an_error_blamed_at_another_line_by_the_build_with_real_values_stays_reported():
    # at `vocab_size=0` the head is blamed at its layer; with the count unknown, at the line binding
    # its width: the same failure, met whatever the count, reported where the build with it unknown says
    wrong, right = BOUND_WIDTH.replace("WIDTH", "widths[0]"), BOUND_WIDTH.replace("WIDTH", "sum(widths)")
    build = lambda ns: ns["Classifier"](8, 2, vocab_size=50)  # noqa: E731
    with pytest.raises(RuntimeError):
        built(wrong, "net.py", build)(torch.zeros(2, 12, dtype=torch.long))
    built(right, "net.py", build)(torch.zeros(2, 12, dtype=torch.long))
    assert _errors(wrong) == [(line_of(wrong, "width = widths[0]"), "CL101")]
    assert _errors(right) == []
