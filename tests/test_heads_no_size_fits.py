"""With no input size, Linear heads that fit no input size in common (SE gates pooled for one size,
a classifier pooled for another) fail at every size: an error, found by rerunning the model at the
size most heads fit (pipeline._heads_no_size_fits), or naming both heads where they tie; against
torch, which refuses every size."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of

SE_NET = '''
import torch
import torch.nn as nn


class SEBlock(nn.Module):
    def __init__(self, ch, pool):
        super().__init__()
        self.conv = nn.Conv2d(ch, ch, 3, 1, 1)
        self.pool = nn.AvgPool2d(pool)
        self.fc = nn.Linear(ch, ch // 4)
        self.fc2 = nn.Linear(ch // 4, ch)

    def forward(self, x):
        out = self.conv(x)
        w = self.pool(out).view(out.size(0), -1)
        w = torch.sigmoid(self.fc2(torch.relu(self.fc(w))))
        return out * w.view(out.size(0), out.size(1), 1, 1) + x


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 16, 3, 1, 1)
        self.b1 = SEBlock(16, 32)
        self.d1 = nn.Conv2d(16, 16, 3, 2, 1)
        self.b2 = SEBlock(16, 16)
        self.d2 = nn.Conv2d(16, 32, 3, 2, 1)
        self.b3 = SEBlock(32, 8)
        self.avgpool = nn.AvgPool2d(FINAL_POOL)
        self.fc = nn.Linear(32, 10)

    def forward(self, x):
        x = self.b3(self.d2(self.b2(self.d1(self.b1(self.stem(x))))))
        x = self.avgpool(x).view(x.size(0), -1)
        HEAD
'''
CLASSIFY = "return self.fc(x)"
ONLY_SOMETIMES = "return self.fc(x) if x.abs().sum() > 0 else x"

TWO_HEADS = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 16, 3, 2, 1)
        self.gate_pool = nn.AvgPool2d(16, stride=1)
        self.gate = nn.Linear(16, 16)
        self.down = nn.Conv2d(16, 32, 3, 2, 1)
        self.avgpool = nn.AvgPool2d(FINAL_POOL, stride=1)
        self.fc = nn.Linear(32, 10)

    def forward(self, x):
        x = self.stem(x)
        x = x * torch.sigmoid(self.gate(self.gate_pool(x).flatten(1)))[:, :, None, None]
        x = self.avgpool(self.down(x)).flatten(1)
        return self.fc(x)
'''


def _source(template: str, pool: str, head: str = CLASSIFY) -> str:
    return template.replace("FINAL_POOL", pool).replace("HEAD", head)


def _errors(source: str) -> list:
    return [d for d in lint_text(source, "net.py", Settings()).diagnostics if d.severity == "error"]


def test_the_head_most_others_disagree_with_is_blamed_at_its_pool():
    (error,) = _errors(_source(SE_NET, "4"))
    assert (error.code, error.span.line) == ("CL101", line_of(SE_NET, "self.avgpool ="))
    assert "at 32x32, which 3 of the 4 layers sized by its flattened map take" in error.message
    assert "so no input size runs the model" in error.message


def test_heads_that_agree_on_a_size_are_clean():
    assert _errors(_source(SE_NET, "8")) == []


def test_a_head_run_only_under_a_condition_proves_nothing():
    assert _errors(_source(SE_NET, "4", ONLY_SOMETIMES)) == []


def test_two_heads_that_tie_are_both_named():
    (error,) = _errors(_source(TWO_HEADS, "4"))
    assert (error.code, error.span.line) == ("CL101", line_of(TWO_HEADS, "self.fc ="))  # naming the other
    assert "fits only 13x13 to 16x16 inputs" in error.message
    assert "gate = Linear(16, 16) fits only 31x31 to 32x32 inputs" in error.message
    assert _errors(_source(TWO_HEADS, "8")) == []


@pytest.mark.parametrize("template, pool, fails", [
    (SE_NET, "4", True), (SE_NET, "8", False), (TWO_HEADS, "4", True), (TWO_HEADS, "8", False)])
def test_torch_agrees(template, pool, fails):
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(_source(template, pool), "net.py", "exec"), namespace)
    net = namespace["Net"]().eval()
    ran = []
    for side in range(8, 80):
        try:
            net(torch.zeros(2, 3, side, side))
            ran.append(side)
        except RuntimeError:
            pass
    assert (ran == []) == fails
    if not fails:
        assert 32 in ran


def test_heads_that_only_a_non_square_input_fits_are_the_odd_ones():
    """Every SE gate's Linear doubled at its one line (`Linear(ch * 2, ...)`): its instances outnumber
    the classifier, but only a non-square image fits them; the square size the classifier fits is
    rerun, and the gate's line is blamed."""
    source = _source(SE_NET, "8").replace("nn.Linear(ch, ch // 4)", "nn.Linear(ch * 2, ch // 4)")
    errors = _errors(source)
    assert errors and {(d.code, d.span.line) for d in errors} == {("CL101", line_of(SE_NET, "self.fc = nn.Linear(ch"))}
    assert "which 1 of the 4 layers sized by its flattened map take" in errors[0].message


def test_torch_refuses_the_doubled_gate_at_every_size():
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    source = _source(SE_NET, "8").replace("nn.Linear(ch, ch // 4)", "nn.Linear(ch * 2, ch // 4)")
    exec(compile(source, "net.py", "exec"), namespace)
    net = namespace["Net"]().eval()
    for height in (16, 24, 32, 48, 64):
        for width in (16, 24, 32, 48, 64):
            with pytest.raises(RuntimeError):
                net(torch.zeros(2, 3, height, width))


BN_HEAD = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(3, 16, 3, 2, 1), nn.ReLU(), nn.Conv2d(16, 16, 3, 2, 1), nn.ReLU())
        self.fc = nn.Sequential(nn.BatchNorm1d(BN_WIDTH), nn.Dropout(0.4), nn.Linear(16 * 7 * 6, 32))

    def forward(self, x):
        x = self.body(x)
        return self.fc(x.view(x.size(0), -1))
'''


def test_a_batchnorm1d_of_the_flattened_map_is_a_head_too():
    """BatchNorm1d(16*7*7) before Linear(16*7*6) on the same flattened features: each fits some
    input size, no size fits both."""
    errors = _errors(BN_HEAD.replace("BN_WIDTH", "16 * 7 * 7"))
    assert errors and {d.code for d in errors} == {"CL101"}
    assert "so no input size runs the model" in errors[0].message
    assert _errors(BN_HEAD.replace("BN_WIDTH", "16 * 7 * 6")) == []


def test_torch_refuses_the_batchnorm_head_at_every_size():
    torch = pytest.importorskip("torch")
    for width, fails in (("16 * 7 * 7", True), ("16 * 7 * 6", False)):
        namespace: dict = {}
        exec(compile(BN_HEAD.replace("BN_WIDTH", width), "net.py", "exec"), namespace)
        net = namespace["Net"]().eval()
        ran = []
        for height in range(20, 33):
            for side in range(20, 33):
                try:
                    net(torch.zeros(2, 3, height, side))
                    ran.append((height, side))
                except RuntimeError:
                    pass
        assert (ran == []) == fails
        assert fails or (28, 24) in ran
