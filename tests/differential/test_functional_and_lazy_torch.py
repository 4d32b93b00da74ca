"""Layers sized while forward() runs, against real torch: lazy layers (their in-size is what the
first call brings, then they are the plain layer) and F.conv*/F.linear/F.embedding with weights
held in nn.Parameter (sized by the weight; the weights are the module's parameters).

Each case is a whole model, linted statically and run in torch on CPU: output shape, the
module's parameter count and its type after the call (LazyLinear becomes Linear) agree; where
torch refuses, convlint reports an error (CL101/CL103) or leaves the output unknown."""

import pytest

torch = pytest.importorskip("torch")

from hypothesis import HealthCheck, event, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from convlint.pipeline import Settings, lint_text  # noqa: E402
from convlint.report.json_report import model_out  # noqa: E402

nn = torch.nn
CASES = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TORCH_ERRORS = (RuntimeError, ValueError, IndexError, TypeError)


def per_dim(draw, n, low, high):
    if draw(st.booleans()):
        return draw(st.integers(low, high))
    return tuple(draw(st.integers(low, high)) for _ in range(n))


def run_both(source, shape):
    """(convlint's model record, its error codes) and (torch's output shape, or None when
    torch refused, and the model after the call)."""
    result = lint_text(source, "case.py", Settings(input_shapes={"Net": shape}))
    (analysis,) = [m for m in result.models if m.name == "Net"]
    ours = model_out(analysis)
    errors = {d.code for d in result.diagnostics if d.severity == "error"}
    namespace: dict = {"__name__": "case"}
    exec(compile(source, "case.py", "exec"), namespace)
    net = namespace["Net"]().eval()
    try:
        with torch.no_grad():
            out = net(torch.zeros(shape))
    except TORCH_ERRORS:
        return ours, errors, None, net, analysis
    if 0 in out.shape:  # an empty output where other kernels refuse (a 1-d transposed conv): the same collapse
        return ours, errors, None, net, analysis
    return ours, errors, tuple(out.shape), net, analysis


def layer_of(ours, name):
    return next(layer for layer in ours.layers if layer.name == name)


# ------------------------------------------------------------------------------ lazy layers
@st.composite
def lazy_model(draw):
    kind = draw(st.sampled_from(["LazyLinear", "LazyConv", "LazyConvTranspose"]))
    bias = draw(st.sampled_from(["", ", bias=False"]))
    if kind == "LazyLinear":
        lead = tuple(draw(st.integers(1, 3)) for _ in range(draw(st.integers(1, 2))))
        shape = lead + (draw(st.integers(1, 9)),)
        return f"nn.LazyLinear({draw(st.integers(1, 6))}{bias})", shape
    n = draw(st.sampled_from([1, 2, 3]))
    groups = draw(st.sampled_from([1, 1, 2]))
    out = groups * draw(st.integers(1, 3))
    kernel, stride = per_dim(draw, n, 1, 3), per_dim(draw, n, 1, 2)
    channels = draw(st.integers(1, 6))  # not always a multiple of groups: torch then refuses
    shape = draw(st.sampled_from([(), (2,)])) + (channels,) + tuple(draw(st.integers(3, 7)) for _ in range(n))
    args = f"{out}, {kernel!r}, stride={stride!r}, groups={groups}{bias}"
    return f"nn.{kind}{n}d({args})", shape


@CASES
@given(lazy_model())
def test_lazy_layer_is_sized_by_its_first_input(model):
    layer, shape = model
    source = ("import torch.nn as nn\n\n\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n"
              f"        self.layer = {layer}\n\n    def forward(self, x):\n        return self.layer(x)\n")
    ours, errors, out, net, analysis = run_both(source, shape)
    row = layer_of(ours, "layer")
    if out is None:  # LazyConv with in_channels not a multiple of groups
        event("torch refused")
        assert row.params is None and not errors
        return
    assert tuple(row.output_shape) == out
    assert row.params == sum(p.numel() for p in net.layer.parameters())
    assert row.type == type(net.layer).__name__  # LazyConv2d is a Conv2d once it has run
    assert ours.params == sum(p.numel() for p in net.parameters())


@CASES
@given(st.integers(1, 6), st.integers(1, 6), st.sampled_from(["LazyLinear", "LazyConv1d"]))
def test_a_lazy_layer_called_again_is_the_plain_layer(first, second, kind):
    """torch refuses a second call with another in-size; convlint reports it there (CL101/CL103)."""
    layer = "nn.LazyLinear(3)" if kind == "LazyLinear" else "nn.LazyConv1d(3, 1)"
    slicing = "x[:, :, :{k}]" if kind == "LazyLinear" else "x[:, :{k}]"
    source = ("import torch.nn as nn\n\n\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n"
              f"        self.layer = {layer}\n\n    def forward(self, x):\n"
              f"        a = self.layer({slicing.format(k=first)})\n"
              f"        return a.sum() + self.layer({slicing.format(k=second)}).sum()\n")
    ours, errors, out, net, analysis = run_both(source, (2, 6, 6))
    assert (out is None) == (first != second)
    assert errors == ({"CL101" if kind == "LazyLinear" else "CL103"} if first != second else set())
    if out is not None:
        assert layer_of(ours, "layer").params == sum(p.numel() for p in net.layer.parameters())


def test_a_lazy_layer_first_called_on_a_path_that_may_not_run_stays_unsized():
    source = ("import torch.nn as nn\n\n\nclass Net(nn.Module):\n    def __init__(self, flag):\n        super().__init__()\n"
              "        self.flag = flag\n        self.layer = nn.LazyLinear(3)\n\n    def forward(self, x):\n"
              "        if self.flag:\n            x = self.layer(x)\n        return self.layer(x[:, :2])\n")
    result = lint_text(source, "case.py", Settings(input_shapes={"Net": (2, 5)}))
    assert not [d for d in result.diagnostics if d.severity == "error"]
    (analysis,) = result.models
    assert layer_of(model_out(analysis), "layer").params is None


# ------------------------------------------------------------------------------ F.* with parameters
@st.composite
def functional_model(draw):
    """A module holding its weights in nn.Parameter and calling F.conv*/F.conv_transpose*/
    F.linear/F.embedding on them, with the input's channels sometimes not matching."""
    kind = draw(st.sampled_from(["conv", "conv", "conv_transpose", "linear", "embedding"]))
    if kind == "embedding":
        rows, dim = draw(st.integers(2, 9)), draw(st.integers(1, 5))
        shape = tuple(draw(st.integers(1, 4)) for _ in range(draw(st.integers(1, 3))))
        init = f"        self.table = nn.Parameter(torch.randn({rows}, {dim}))\n"
        call = "F.embedding(x.long(), self.table)"
        return init, call, shape
    if kind == "linear":
        cin, cout = draw(st.integers(1, 6)), draw(st.integers(1, 6))
        arriving = draw(st.sampled_from([cin, cin, draw(st.integers(1, 6))]))
        shape = tuple(draw(st.integers(1, 3)) for _ in range(draw(st.integers(1, 2)))) + (arriving,)
        bias = draw(st.booleans())
        init = f"        self.weight = nn.Parameter(torch.randn({cout}, {cin}))\n"
        init += f"        self.bias = nn.Parameter(torch.zeros({cout}))\n" if bias else ""
        call = f"F.linear(x, self.weight{', self.bias' if bias else ''})"
        return init, call, shape
    n = draw(st.sampled_from([1, 2, 3]))
    groups = draw(st.sampled_from([1, 1, 2]))
    cin, cout = groups * draw(st.integers(1, 3)), groups * draw(st.integers(1, 3))
    kernel = tuple(draw(st.integers(1, 3)) for _ in range(n))
    stride, padding = draw(st.integers(1, 2)), draw(st.integers(0, 1))
    if kind == "conv":
        weight = (cout, cin // groups, *kernel)
        options = f"stride={stride}, padding={padding}, groups={groups}"
    else:
        weight = (cin, cout // groups, *kernel)
        options = f"stride={stride}, padding={padding}, output_padding={stride - 1}, groups={groups}"
    arriving = draw(st.sampled_from([cin, cin, draw(st.integers(1, 6))]))
    shape = draw(st.sampled_from([(), (2,)])) + (arriving,) + tuple(draw(st.integers(2, 6)) for _ in range(n))
    bias = draw(st.booleans())
    init = f"        self.weight = nn.Parameter(torch.randn{weight})\n"
    init += f"        self.bias = nn.Parameter(torch.zeros({cout}))\n" if bias else ""
    call = f"F.{kind}{n}d(x, self.weight, {'self.bias' if bias else 'None'}, {options})"
    return init, call, shape


@CASES
@given(functional_model())
def test_functional_layers_are_sized_by_their_weights(model):
    init, call, shape = model
    source = ("import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n\n\n"
              "class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n" + init +
              f"\n    def forward(self, x):\n        return {call}\n")
    ours, errors, out, net, analysis = run_both(source, shape)
    assert ours.params == sum(p.numel() for p in net.parameters())  # the parameters are the module's
    if out is None:
        event("torch refused")
        assert errors and errors <= {"CL101", "CL103", "CL105"}
        return
    assert not errors
    assert tuple(analysis.output.shape.dims) == out


def test_functional_conv_mult_adds_follow_torchinfo():
    """torchinfo counts a module's own `weight` and `bias` by its class name (a Conv in the
    name: per output position): the module that calls F.conv2d is costed so."""
    torchinfo = pytest.importorskip("torchinfo")
    from convlint.report.summary import build_summary

    source = ("import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n\n\n"
              "class WeightStdConv(nn.Module):\n    def __init__(self):\n        super().__init__()\n"
              "        self.weight = nn.Parameter(torch.randn(8, 3, 3, 3))\n"
              "        self.bias = nn.Parameter(torch.zeros(8))\n\n"
              "    def forward(self, x):\n        w = self.weight - self.weight.mean(dim=(1, 2, 3), keepdim=True)\n"
              "        return F.conv2d(x, w, self.bias, padding=1)\n\n\n"
              "class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n"
              "        self.conv = WeightStdConv()\n        self.fc = nn.Linear(8, 4)\n\n"
              "    def forward(self, x):\n        return self.fc(self.conv(x).mean(dim=(2, 3)))\n")
    shape = (2, 3, 8, 8)
    result = lint_text(source, "case.py", Settings(input_shapes={"Net": shape}))
    (analysis,) = [m for m in result.models if m.name == "Net"]
    ours = build_summary(analysis, [])
    namespace: dict = {"__name__": "case"}
    exec(compile(source, "case.py", "exec"), namespace)
    stats = torchinfo.summary(namespace["Net"]().eval(), input_size=shape, verbose=0, device="cpu", depth=10)
    assert (ours.total_params, ours.total_mult_adds) == (stats.total_params, stats.total_mult_adds)
    theirs = [row for row in stats.summary_list if row.executed]
    assert [(r.depth, r.output_shape) for r in ours.rows] == [(r.depth, r.output_size) for r in theirs]
