"""forward() with further inputs whose size nothing gives (`forward(self, img_A, img_B)` of a
conditional discriminator, `forward(self, x, skip)`, `forward(self, x, labels)`): each is followed as
far as torch's rules fix its size (the layer it reaches, a cat with a tensor of known size, the width
a layer fixes for a cat of one unknown operand), the rest left unknown and listed. Checked against
torch: module shapes, the bug found at its line, and the variants an input of another size makes
legal staying clean."""

import pytest

from convlint import symbolic
from convlint.pipeline import Settings, lint_text
from convlint.values import Sym, is_known
from tests.torch_cases import filled
from tests.source_lines import line_of

torch = pytest.importorskip("torch")

# a pix2pix-style discriminator: the two images joined along the channels
PATCH_DISCRIMINATOR = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, in_channels=3):
        super().__init__()
        def block(i, o, norm=True):
            layers = [nn.Conv2d(i, o, 4, stride=2, padding=1)]
            if norm:
                layers.append(nn.InstanceNorm2d(o))
            layers.append(nn.LeakyReLU(0.2, inplace=True))
            return layers
        self.model = nn.Sequential(
            *block(FIRST, 64, norm=False),
            *block(64, 128),
            *block(INNER, 256),
            *block(256, 512),
            nn.ZeroPad2d((1, 0, 1, 0)),
            nn.Conv2d(512, 1, 4, padding=1, bias=False),
        )

    def forward(self, img_A, img_B):
        img_input = torch.cat((img_A, img_B), 1)
        return self.model(img_input)
'''
RIGHT = {"FIRST": "in_channels * 2", "INNER": "128"}

# the same two images, then a head sized by hand for 64-pixel images
DISCRIMINATOR_WITH_A_HEAD = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(6, 32, 4, 2, 1), nn.LeakyReLU(0.2),
            nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(0.2),
        )
        self.head = nn.Linear(HEAD, 1)

    def forward(self, img_A, img_B):
        h = self.features(torch.cat([img_A, img_B], 1))
        return self.head(h.flatten(1))
'''

# a class label vector joined to the flattened features
CONDITIONED_HEAD = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, n_classes=10):
        super().__init__()
        self.conv = nn.Conv2d(1, 16, 3, padding=1)
        self.fc = FC

    def forward(self, x, labels):
        h = self.conv(x).flatten(1)
        return self.fc(torch.cat([h, labels], 1))
'''

# a U-Net decoder step: upsampled, joined to the encoder's map, convolved, added back
DECODER_STEP = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, cin=16, cout=8):
        super().__init__()
        self.up = nn.ConvTranspose2d(cin, cout, 2, stride=2)
        self.conv = nn.Conv2d(cout * 2, cout, 3, stride=STRIDE, padding=1)

    def forward(self, x, skip):
        x = self.up(x)
        h = self.conv(torch.cat([x, skip], 1))
        return h + x
'''

# two branches over two inputs: legal where the second input is half the first's size
TWO_BRANCHES = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.down = nn.Conv2d(3, 8, 3, stride=2, padding=1)
        self.same = nn.Conv2d(3, 8, 3, stride=1, padding=1)
        self.head = nn.Conv2d(16, 1, 1)

    def forward(self, x1, x2):
        a = self.down(x1)
        b = self.same(x2)
        return self.head(torch.cat([a, b], 1))
'''

# a shift added to the features: any shape that broadcasts
ADDED_SHIFT = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)
        self.fc = nn.Linear(8, 2)

    def forward(self, x, shift):
        h = self.conv(x) + shift
        return self.fc(h.mean((2, 3)))
'''

# the previous frame's features stacked with this one's: torch.stack takes tensors of one shape
STACKED_FRAMES = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)
        self.mix = nn.Conv3d(WIDTH, 4, (2, 3, 3), padding=(0, 1, 1))

    def forward(self, x, previous):
        h = self.conv(x)
        return self.mix(torch.stack([h, previous], 2))
'''

# the input joined to itself: its channels are half the layer's
JOINED_TO_ITSELF = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(6, 4, 3)

    def forward(self, x):
        return self.conv(torch.cat([x, x], 1))
'''


def _net(source: str):
    namespace: dict = {}
    exec(compile(source, "free_inputs.py", "exec"), namespace)
    return namespace["Net"]().eval()


def _torch_shapes(source: str, *inputs) -> dict:
    """Each module's output shape (its first call) when torch runs the model on these inputs."""
    model, seen = _net(source), {}

    def hook_for(name):
        def hook(module, args, output):
            seen.setdefault(name, tuple(output.shape))
        return hook

    for name, module in model.named_modules():
        module.register_forward_hook(hook_for(name))
    model(*inputs)
    return seen


def _analysed(source: str, settings: Settings | None = None):
    result = lint_text(source, "free_inputs.py", settings or Settings())
    (model,) = [m for m in result.models if m.name == "Net"]
    return result, model


def _errors(result) -> set:
    return {(d.code, d.span.line) for d in result.diagnostics if d.severity == "error"}


def _at(dims: tuple, batch: int, side: int) -> tuple:
    """Symbolic dims at a batch and a side (every spatial symbol the same side)."""
    return tuple(symbolic.evaluate(d, batch if d == Sym("N") or symbolic.symbol_of(d) == "N" else side)
                 for d in dims)


def _predicted(model, batch: int = 2, side: int = 64) -> dict:
    return {c.node.path: _at(c.output.shape.dims, batch, side) for c in model.calls if c.output.shape.dims is not None}


def test_two_images_joined_are_followed_symbolically_as_torch_runs_them():
    source = filled(PATCH_DISCRIMINATOR, RIGHT)
    result, model = _analysed(source)
    assert _errors(result) == set()
    seen = _torch_shapes(source, torch.zeros(2, 3, 64, 64), torch.zeros(2, 3, 64, 64))
    predicted = _predicted(model)
    for path, shape in seen.items():
        assert predicted.get(path) == shape, path
    # which share of the 6 channels each image has is not fixed by the code: listed, not guessed
    assert any("img_B" in u.why for u in model.unresolved)


def test_the_second_image_takes_the_first_ones_size_and_the_channels_left():
    source = filled(PATCH_DISCRIMINATOR, RIGHT)
    result, model = _analysed(source, Settings(input_shapes={"Net": (2, 3, 64, 64)}))
    assert _errors(result) == set() and model.unresolved == []
    seen = _torch_shapes(source, torch.zeros(2, 3, 64, 64), torch.zeros(2, 3, 64, 64))
    predicted = {c.node.path: tuple(c.output.shape.dims) for c in model.calls}
    for path, shape in seen.items():
        assert predicted.get(path) == shape, path


@pytest.mark.parametrize("wrong, text", [({"INNER": "128 * 2"}, "*block(128 * 2, 256)"),
                                         ({"FIRST": "in_channels * 3"}, "*block(in_channels * 3, 64")])
def test_a_wrong_width_is_reported_at_its_line(wrong, text):
    broken = filled(PATCH_DISCRIMINATOR, {**RIGHT, **wrong})
    with pytest.raises(RuntimeError, match="channels"):
        _net(broken)(torch.zeros(2, 3, 64, 64), torch.zeros(2, 3, 64, 64))
    fed = broken + "\n\nD = Net()\nout = D(torch.randn(2, 3, 64, 64), torch.randn(2, 3, 64, 64))\n"
    assert ("CL103", line_of(broken, text)) in _errors(_analysed(fed)[0])
    if "INNER" in wrong:  # a wrong inner width is wrong whatever the images' sizes
        assert ("CL103", line_of(broken, text)) in _errors(_analysed(broken)[0])


def test_a_first_width_an_input_of_other_channels_makes_legal_stays_clean():
    """in_channels * 3 with only img_A's 3 channels known: a 6-channel img_B runs."""
    source = filled(PATCH_DISCRIMINATOR, {**RIGHT, "FIRST": "in_channels * 3"})
    assert _net(source)(torch.zeros(2, 3, 64, 64), torch.zeros(2, 6, 64, 64)).shape == (2, 1, 4, 4)
    result, model = _analysed(source, Settings(input_shapes={"Net": (2, 3, 64, 64)}))
    assert _errors(result) == set()
    assert next(c for c in model.calls if c.node.path == "model.0").input.shape.dims == (2, 9, 64, 64)
    assert _errors(_analysed(source)[0]) == set()


def test_a_head_sized_for_other_images_is_reported_once_the_first_image_is_known():
    right, wrong = (filled(DISCRIMINATOR_WITH_A_HEAD, {"HEAD": head}) for head in ("64 * 16 * 16", "64 * 8 * 8"))
    images = torch.zeros(2, 3, 64, 64), torch.zeros(2, 3, 64, 64)
    with pytest.raises(RuntimeError, match="cannot be multiplied"):
        _net(wrong)(*images)
    settings = Settings(input_shapes={"Net": (2, 3, 64, 64)})
    assert _errors(_analysed(wrong, settings)[0]) == {("CL101", line_of(wrong, "self.head ="))}
    result, model = _analysed(right, settings)
    assert _errors(result) == set() and model.unresolved == []
    assert {c.node.path: tuple(c.output.shape.dims) for c in model.calls} == _torch_shapes(right, *images)


def test_a_label_vector_takes_the_width_the_layer_leaves():
    source = filled(CONDITIONED_HEAD, {"FC": "nn.Linear(16 * 28 * 28 + n_classes, 10)"})
    result, model = _analysed(source, Settings(input_shapes={"Net": (2, 1, 28, 28)}))
    assert _errors(result) == set() and model.unresolved == []
    fc = next(c for c in model.calls if c.node.path == "fc")
    assert fc.input.shape.dims == (2, 16 * 28 * 28 + 10)
    assert _net(source)(torch.zeros(2, 1, 28, 28), torch.zeros(2, 10)).shape == (2, 10)


def test_a_label_vector_of_any_width_into_a_lazy_layer_stays_unknown():
    source = filled(CONDITIONED_HEAD, {"FC": "nn.LazyLinear(10)"})
    for width in (3, 10):  # torch: any width runs
        assert _net(source)(torch.zeros(2, 1, 28, 28), torch.zeros(2, width)).shape == (2, 10)
    for settings in (Settings(), Settings(input_shapes={"Net": (2, 1, 28, 28)})):
        result, model = _analysed(source, settings)
        assert _errors(result) == set()
        assert any("labels" in u.why for u in model.unresolved)


def test_a_skip_joined_in_a_decoder_step_takes_the_channels_left_and_the_sides_of_the_map():
    right, wrong = (filled(DECODER_STEP, {"STRIDE": stride}) for stride in ("1", "2"))
    x, skip = torch.zeros(2, 16, 32, 32), torch.zeros(2, 8, 64, 64)
    with pytest.raises(RuntimeError, match="must match the size"):
        _net(wrong)(x, skip)
    # (the add breaks; the stride that halves one of its paths is where it is blamed)
    assert ("CL107", line_of(wrong, "self.conv = nn.Conv2d(")) in _errors(_analysed(wrong)[0])
    result, model = _analysed(right)
    assert _errors(result) == set() and model.unresolved == []
    predicted = _predicted(model, side=32)
    for path, shape in _torch_shapes(right, x, skip).items():
        assert predicted.get(path) == shape, path


def test_two_inputs_through_their_own_layers_are_not_taken_as_one_size():
    """x2 may be half x1's size: the cat of the two branches is not judged on a guess."""
    assert _net(TWO_BRANCHES)(torch.zeros(2, 3, 64, 64), torch.zeros(2, 3, 32, 32)).shape == (2, 1, 32, 32)
    result, model = _analysed(TWO_BRANCHES)
    assert _errors(result) == set()
    same = next(c for c in model.calls if c.node.path == "same")
    assert same.input.shape.dims[1] == 3 and not any(is_known(d) or isinstance(d, Sym)
                                                     for i, d in enumerate(same.input.shape.dims) if i != 1)
    assert any("x2" in u.why for u in model.unresolved)


def test_an_input_added_to_the_features_stays_unknown():
    for shift in (torch.zeros(8, 1, 1), torch.zeros(2, 8, 64, 64), torch.zeros(1)):
        assert _net(ADDED_SHIFT)(torch.zeros(2, 3, 64, 64), shift).shape == (2, 2)
    for settings in (Settings(), Settings(input_shapes={"Net": (2, 3, 64, 64)})):
        result, model = _analysed(ADDED_SHIFT, settings)
        assert _errors(result) == set()
        assert any("no size known for shift" in u.why for u in model.unresolved)


def test_an_input_stacked_with_a_known_tensor_takes_its_shape():
    right, wrong = (filled(STACKED_FRAMES, {"WIDTH": width}) for width in ("8", "16"))
    x, previous = torch.zeros(2, 3, 16, 16), torch.zeros(2, 8, 16, 16)
    with pytest.raises(RuntimeError, match="channels"):
        _net(wrong)(x, previous)
    assert _errors(_analysed(wrong)[0]) == {("CL103", line_of(wrong, "self.mix ="))}
    result, model = _analysed(right)
    assert _errors(result) == set() and model.unresolved == []
    predicted = _predicted(model, side=16)
    for path, shape in _torch_shapes(right, x, previous).items():
        assert predicted.get(path) == shape, path


def test_an_input_joined_to_itself_has_half_the_channels_the_layer_takes():
    result, model = _analysed(JOINED_TO_ITSELF)
    assert _errors(result) == set() and model.unresolved == []
    assert _at(model.input_shape.dims, 2, 16) == (2, 3, 16, 16)
    predicted = _predicted(model, side=16)
    for path, shape in _torch_shapes(JOINED_TO_ITSELF, torch.zeros(2, 3, 16, 16)).items():
        assert predicted.get(path) == shape, path
