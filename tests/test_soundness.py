"""The contract on code convlint cannot follow: an unknown stays unknown, is listed in
`unresolved` (and -v), and never becomes an empty container, a partial total or an error."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from convlint.cli import main
from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_bug_found_at_its_line, built, filled
from unknowns import ARGUMENT_NAME, UNKNOWN_NAME, literal_argument_mutants, literal_unknown_mutants

ROOT = Path(__file__).parent.parent


def errors(result):
    return [(d.span.line, d.code) for d in result.diagnostics if d.severity == "error"]


def only_model(result):
    (model,) = [m for m in result.models if m.name == "Net"]
    return model


def model_json(tmp_path, source, *options, name="Net"):
    path = tmp_path / "model.py"
    path.write_text(source)
    out = CliRunner().invoke(main, [str(path), "--format", "json", "--no-cache", *options])
    report = json.loads(out.output)
    (model,) = [m for m in report["files"][0]["models"] if m["name"] == name]
    return model, report["diagnostics"]


UNKNOWN_LOOPS = {
    "for-over-unknown-config": '''
import torch.nn as nn

class Net(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        layers = [nn.Conv2d(64, 16, 3, padding=1)]
        c = 16
        for v in cfg:
            layers.append(nn.Conv2d(c, v, 3, padding=1))
            c = v
        layers.append(nn.ReLU())
        self.features = nn.Sequential(*layers)
        self.fc = nn.Linear(64 * 8 * 8, 10)

    def forward(self, x):
        return self.fc(self.features(x).flatten(1))
''',
    "comprehension-over-unknown-range": '''
import torch.nn as nn

class Up(nn.Module):
    def __init__(self, c, s):
        super().__init__()
        self.up = nn.ConvTranspose2d(c, c, s, s)
    def forward(self, x):
        return self.up(x)

class Net(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.ups = nn.Sequential(*[Up(64, 2) for _ in range(n)])
        self.fc = nn.Linear(64 * 64 * 64, 10)

    def forward(self, x):
        return self.fc(self.ups(x).flatten(1))
''',
    "module-list-appended-in-unknown-loop": '''
import torch.nn as nn

class Net(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.blocks = nn.ModuleList([nn.Conv2d(64, 16, 3, padding=1)])
        for i in range(n):
            self.blocks.append(nn.Conv2d(16, 16, 3, padding=1))
        self.blocks.append(nn.Conv2d(16, 32, 3, padding=1))
        self.fc = nn.Linear(32 * 32 * 32, 10)

    def forward(self, x):
        for block in self.blocks:
            x = block(x)
        return self.fc(x.flatten(1))
''',
    "sequential-subclass-given-an-unknown-list": '''
import torch.nn as nn

class Stage(nn.Sequential):
    def forward(self, x, *args, **kwargs):
        children = list(self._modules.values())
        for i in range(len(children)):
            x = children[i](x)
        return x

class Net(nn.Module):
    def __init__(self, n):
        super().__init__()
        layers = [nn.Conv2d(64, 32, 3, padding=1)]
        for _ in range(n):
            layers.append(nn.Conv2d(32, 32, 3, padding=1))
        self.stage = Stage(*layers)
        self.fc = nn.Linear(32 * 32 * 32, 10)

    def forward(self, x):
        return self.fc(self.stage(x).flatten(1))
''',
}


@pytest.mark.parametrize("source", UNKNOWN_LOOPS.values(), ids=UNKNOWN_LOOPS.keys())
def test_a_container_built_by_a_loop_not_followed_is_unknown_not_empty(tmp_path, source):
    # the fc is wrong only if the loop ran zero times: nothing says it did
    result = lint_text(source, "model.py", Settings(input_shapes={"Net": (2, 64, 32, 32)}))
    assert errors(result) == []
    model, diagnostics = model_json(tmp_path, source, "--input-shape", "Net=2,64,32,32")
    assert model["params"] is None and model["macs"] is None  # never a partial sum shown as the total
    assert any("not known statically" in u["why"] for u in model["unresolved"])


HASATTR = '''
import torch.nn as nn

class Block(nn.Module):
    def __init__(self, cin, cout, stride=1):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, 3, stride, 1)
        if stride != 1 or cin != cout:
            self.shortcut = nn.Conv2d(cin, cout, 1, stride)

    def forward(self, x):
        out = self.conv(x)
        if hasattr(self, "shortcut"):
            return out + self.shortcut(x)
        return out + getattr(self, "identity", nn.Identity())(x)

# convlint: input-shape=(2, 3, 32, 32)
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.down = Block(3, 8, 2)
        self.same = Block(8, 8)
        self.fc = nn.Linear(8 * 16 * 16, 10)

    def forward(self, x):
        return self.fc(self.same(self.down(x)).flatten(1))
'''


def test_hasattr_and_getattr_with_a_default_are_decided_where_the_attributes_are_known(tmp_path):
    result = lint_text(HASATTR, "model.py", Settings())
    assert result.diagnostics == []
    model = only_model(result)
    assert model.unresolved == []  # Net builds both blocks with known arguments: all followed
    shapes = {c.node.path: str(c.output.shape) for c in model.calls}
    assert shapes["down.shortcut"] == "2x8x16x16" and "same.shortcut" not in shapes
    assert shapes["fc"] == "2x10"


def test_hasattr_on_an_attribute_set_under_an_unknown_condition_is_unknown_and_listed():
    result = lint_text(HASATTR, "model.py", Settings())
    (block,) = [m for m in result.models if m.name == "Block"]
    whys = [u.why for u in block.unresolved]
    assert "hasattr() not known statically" in whys
    assert any("condition not known statically" in why for why in whys)


SEQUENTIAL_SUBCLASS = '''
import torch.nn as nn

class DenseLayer(nn.Sequential):
    def __init__(self, cin, growth):
        super().__init__()
        self.add_module("norm1", nn.BatchNorm2d(cin))
        self.add_module("relu1", nn.ReLU(inplace=True))
        self.add_module("conv1", nn.Conv2d(cin, growth, 3, padding=1, bias=False))

    def forward(self, x):
        return super().forward(x)

class Transition(nn.Sequential):
    def __init__(self, cin, cout):
        super().__init__(nn.Conv2d(cin, cout, 1), nn.AvgPool2d(2))

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.layer = DenseLayer(3, 12)
        self.transition = Transition(12, 6)
        self.fc = nn.Linear(6 * 16 * 16, 10)

    def forward(self, x):
        return self.fc(self.transition(self.layer(x)).flatten(1))
'''


def test_sequential_subclasses_run_their_children_with_or_without_super_forward():
    result = lint_text(SEQUENTIAL_SUBCLASS, "model.py", Settings(input_shapes={"Net": (2, 3, 32, 32)}))
    assert [d.code for d in result.diagnostics] == []
    model = only_model(result)
    assert model.unresolved == []
    shapes = {c.node.path: str(c.output.shape) for c in model.calls}
    assert shapes["layer"] == "2x12x32x32" and shapes["transition"] == "2x6x16x16" and shapes["fc"] == "2x10"


def test_an_unknown_super_method_is_listed_not_none():
    source = SEQUENTIAL_SUBCLASS.replace("return super().forward(x)", "return super().extra_forward(x)")
    result = lint_text(source, "model.py", Settings(input_shapes={"Net": (2, 3, 32, 32)}))
    assert not [d for d in result.diagnostics if d.code == "CL208"]  # it returns something unknown
    assert any("super().extra_forward()" in u.why for u in only_model(result).unresolved)


ARGPARSE = '''
import argparse
import torch.nn as nn

parser = argparse.ArgumentParser()
parser.add_argument("--img_size", type=int, default=32, help="size of each image dimension")
parser.add_argument("--channels", type=int, default="3")
parser.add_argument("--latent-dim", dest="latent", type=int, default=100)
parser.add_argument("data_root")
opt = parser.parse_args()

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(opt.channels, 8, 3, padding=1)
        self.fc = nn.Linear(WIDTH * opt.img_size ** 2, opt.latent)
        self.root = opt.data_root

    def forward(self, x):
        return self.fc(self.conv(x).flatten(1))
'''


@pytest.mark.parametrize(("width", "codes"), [(8, []), (9, ["CL101"])])
def test_argparse_globals_take_the_declared_defaults_and_say_so(width, codes):
    result = lint_text(ARGPARSE.replace("WIDTH", str(width)), "model.py",
                       Settings(input_shapes={"Net": (2, 3, 32, 32)}))
    assert [d.code for d in result.diagnostics] == codes
    model = only_model(result)
    assert model.assumed == [
        "channels = 3: the default of --channels (line 7), as when run with no arguments",
        "img_size = 32: the default of --img_size (line 6), as when run with no arguments",
        "latent = 100: the default of --latent-dim (line 8), as when run with no arguments",
    ]
    shapes = {c.node.path: str(c.output.shape) for c in model.calls}
    assert shapes["fc"] == "2x100"


def test_verbose_lists_assumptions_and_what_was_not_followed(tmp_path):
    path = tmp_path / "model.py"
    path.write_text(ARGPARSE.replace("WIDTH", "8"))
    out = CliRunner().invoke(main, [str(path), "-v", "--no-cache"])
    assert "Net: assumed img_size = 32: the default of --img_size (line 6)" in out.output


REQUIRED = '''
import torch.nn as nn

class Net(nn.Module):
    def __init__(self, width, depth, num_classes=10):
        super().__init__()
        self.stem = nn.Conv2d(3, width, 3, padding=1)
        self.blocks = nn.Sequential(*[nn.Conv2d(width, width, 3, padding=1) for _ in range(depth)])
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(width // 2 * 2, num_classes)
        self.head = nn.Linear(num_classes, width - 8 * width)

    def forward(self, x):
        x = self.blocks(self.stem(x))
        return self.head(self.fc(self.pool(x).flatten(1)))
'''


def test_required_constructor_parameters_are_unknown_listed_and_never_an_error(tmp_path):
    result = lint_text(REQUIRED, "model.py", Settings(input_shapes={"Net": (2, 3, 32, 32)}))
    assert errors(result) == []
    whys = [u.why for u in only_model(result).unresolved]
    assert whys[0] == ("Net(width, depth): required constructor arguments not given; analysed with them unknown "
                       "(a width made of one is checked for every value)")
    assert "Linear: out_features is not known (arithmetic on a symbolic size)" in whys  # width - 8 * width
    model, _ = model_json(tmp_path, REQUIRED, "--input-shape", "Net=2,3,32,32")
    assert model["params"] is None


def test_a_step_budget_running_out_is_not_followed_not_an_error(monkeypatch):
    from convlint.evaluator import interpreter

    monkeypatch.setattr(interpreter, "MAX_STEPS", 40)
    result = lint_text((ROOT / "examples" / "alexnet.py").read_text(), "alexnet.py", Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    assert any("not followed to its end" in u.why for m in result.models for u in m.unresolved)


def test_an_unknown_condition_in_forward_is_never_an_error_on_either_path():
    source = '''
import torch.nn as nn

class Net(nn.Module):
    def __init__(self, flag):
        super().__init__()
        self.flag = flag
        self.conv = nn.Conv2d(3, 8, 3, padding=1)
        self.small = nn.Linear(8 * 16 * 16, 10)
        self.large = nn.Linear(8 * 32 * 32, 10)
        self.pool = nn.MaxPool2d(2)

    def forward(self, x):
        x = self.conv(x)
        if self.flag:
            return self.small(self.pool(x).flatten(1))
        return self.large(x.flatten(1))
'''
    result = lint_text(source, "model.py", Settings(input_shapes={"Net": (2, 3, 32, 32)}))
    assert result.diagnostics == []  # on 32x32, either path runs; on another size one might not
    result = lint_text(source, "model.py", Settings(input_shapes={"Net": (2, 3, 64, 64)}))
    assert errors(result) == []  # which path runs is not known: neither error is certain


def _correct_models() -> list[tuple[str, str]]:
    import tomllib

    sources = [(p.name, p.read_text()) for p in sorted((ROOT / "tests" / "models").glob("*.py"))]
    sources += [(p.name, p.read_text()) for p in sorted((ROOT / "examples").glob("*.py")) if "buggy" not in p.name]
    sources += [("soundness-" + name, source) for name, source in
                [("hasattr", HASATTR), ("sequential", SEQUENTIAL_SUBCLASS)]]
    for rule in sorted((ROOT / "rules").glob("*.toml")):
        for case in tomllib.loads(rule.read_text()).get("valid", []):
            shape = case.get("input-shape")
            comment = f"# convlint: input-shape={tuple(shape)}\n" if shape else ""
            sources.append((f"{rule.stem}-{case['name']}", _comment_above_last_class(case["source"], comment)))
    return sources


def _comment_above_last_class(source: str, comment: str) -> str:
    head, found, tail = source.rpartition("\nclass ")
    return f"{head}\n{comment}class {tail}" if found and comment else source


@pytest.mark.slow
@pytest.mark.parametrize(("name", "source"), _correct_models(), ids=[n for n, _ in _correct_models()])
def test_no_literal_of_a_correct_model_made_unknown_creates_an_error(name, source):
    """Property: replacing any argument or loop bound with an unknown never creates an error."""
    assert errors(lint_text(source, "model.py", Settings())) == []
    created = _errors_created(literal_unknown_mutants(source))
    assert created == [], f"{UNKNOWN_NAME} in literal {created[0][0]} gives {created[0][1]}"


@pytest.mark.parametrize(("name", "source"), _correct_models(), ids=[n for n, _ in _correct_models()])
def test_no_literal_of_a_correct_model_made_a_constructor_argument_creates_an_error(name, source):
    """Property: a literal of __init__ made a required argument nothing supplies (a symbol, for
    every value of which a width must be wrong to be an error) never creates an error: the model
    is correct for the literal's own value."""
    created = _errors_created(literal_argument_mutants(source))
    assert created == [], f"{ARGUMENT_NAME} in literal {created[0][0]} gives {created[0][1]}"


def _errors_created(mutants) -> list[tuple[int, list]]:
    """(literal index, errors) of each mutant of a correct model that has errors."""
    created = []
    for index, mutant in mutants:
        found = errors(lint_text(mutant, "model.py", Settings()))
        if found:
            created.append((index, found))
    return created


def test_arguments_torch_would_refuse_only_if_an_unknown_were_wrong_are_no_error():
    source = '''
import torch.nn as nn


class Norm(nn.Module):
    def __init__(self, options):
        super().__init__()
        self.input_dim = int(options["input_dim"])
        self.bn0 = nn.BatchNorm1d([self.input_dim], momentum=0.05)
        self.conv = nn.Conv2d(3, [options["width"]], 3)

    def forward(self, x):
        return self.bn0(x)
'''
    result = lint_text(source, "norm.py", Settings())
    assert [d.code for d in result.diagnostics] == []
    assert any("BatchNorm1d" in u.why for u in result.models[0].unresolved)


def test_a_none_default_its_callers_replace_is_no_error_a_none_written_by_a_caller_is():
    source = '''
import torch.nn as nn


class Head(nn.Module):
    def __init__(self, num_classes=None):
        super().__init__()
        self.fc = nn.Linear(8, num_classes)

    def forward(self, x):
        return self.fc(x)


class Detector(nn.Module):
    def __init__(self, backbone, num_classes=None):
        super().__init__()
        self.head = Head(num_classes)

    def forward(self, x):
        return self.head(x)


class Wrong(nn.Module):
    def __init__(self):
        super().__init__()
        self.head = Head(num_classes=None)

    def forward(self, x):
        return self.head(x)
'''
    result = lint_text(source, "heads.py", Settings())
    assert sorted((d.model, d.code) for d in result.diagnostics) == [("Wrong", "CL106")]
    torch = pytest.importorskip("torch")
    with pytest.raises(TypeError):
        torch.nn.Linear(8, None)


NONE_DEFAULT_HEAD = """
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, in_ch=6, num_classes=None, ch=32):
        super().__init__()
        self.inc = nn.Sequential(nn.Conv2d(in_ch, ch, (3, 1), padding=(1, 0)), nn.ReLU())
        self.body = nn.Conv2d(ch, ch, (3, 1), padding=(1, 0))
        self.head = nn.Conv2d(WIDTH, num_classes, 1)
        self.norm = nn.BatchNorm2d(4)
        self.fc = nn.Linear(28, 3)

    def forward(self, x):
        return self.fc(self.norm(self.head(self.body(self.inc(x)))).flatten(1))
"""


def test_a_layer_sized_by_a_none_default_is_made_with_that_count_unknown():
    """`nn.Conv2d(ch * 2, num_classes, 1)`, num_classes=None a default its callers replace: the
    layer's input channels, which do not depend on it, are checked; nothing after it (a norm, a
    Linear of any count) is judged on the count not known."""
    from tests.torch_cases import built, filled, module_shapes

    torch = pytest.importorskip("torch")
    build = lambda namespace: namespace["Net"](num_classes=4)  # noqa: E731 (a caller's value)
    with pytest.raises(RuntimeError, match="channels"):
        module_shapes(built(filled(NONE_DEFAULT_HEAD, {"WIDTH": "ch * 2"}), "head.py", build), (2, 6, 7, 1))
    assert module_shapes(built(filled(NONE_DEFAULT_HEAD, {"WIDTH": "ch"}), "head.py", build),
                         (2, 6, 7, 1))["head"] == (2, 4, 7, 1)
    wrong = lint_text(filled(NONE_DEFAULT_HEAD, {"WIDTH": "ch * 2"}), "head.py", Settings())
    assert [(d.code, d.span.line) for d in wrong.diagnostics if d.severity == "error"] == [("CL103", 10)]
    right = lint_text(filled(NONE_DEFAULT_HEAD, {"WIDTH": "ch"}), "head.py", Settings())
    assert [d for d in right.diagnostics if d.severity == "error"] == []
    (net,) = right.models
    assert any("num_classes is None, a default its callers replace" in u.why for u in net.unresolved)


OWN_SIZE_POOL_BRANCHES = '''
import torch.nn as nn
import torch.nn.functional as F

class Net(nn.Module):
    def __init__(self, wide):
        super().__init__()
        self.wide = wide
        self.a = nn.Conv2d(3, 64, 3)
        self.b = nn.Conv2d(3, 100, 3)
        self.fc = nn.Linear(300, 10)

    def forward(self, x):
        if self.wide:
            out = self.a(x)
            out = F.avg_pool2d(out, out.size(3)).view(x.size(0), -1)
        else:
            out = self.b(x)
            out = F.avg_pool2d(out, out.size(3)).view(x.size(0), -1)
        return self.fc(out)
'''


def test_paths_that_flatten_different_dims_prove_nothing_about_the_features():
    """Each path's features are a multiple of its own channels (64 or 100): a proof for one
    path (300 is no multiple of 64) says nothing when the other may run."""
    assert errors(lint_text(OWN_SIZE_POOL_BRANCHES, "model.py", Settings())) == []
    assert errors(lint_text(OWN_SIZE_POOL_BRANCHES.replace("Linear(300", "Linear(301"), "model.py", Settings())) == []
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(OWN_SIZE_POOL_BRANCHES, "model.py", "exec"), namespace)
    assert namespace["Net"](wide=False)(torch.zeros(2, 3, 34, 12)).shape == (2, 10)


def test_a_second_input_with_no_size_is_listed_not_silently_unknown():
    """StarGAN's forward(x, c) with no call in the code: c's size is not known, and what it feeds
    (the concatenated input of every layer) is unknown; -v must not say everything was followed."""
    source = (ROOT / "tests" / "corpus" / "label_concat_input_not_analysed.py").read_text()
    result = lint_text(source, "model.py", Settings())
    (model,) = [m for m in result.models if m.name == "Repeat"]
    assert [u.why for u in model.unresolved] == ["forward(): no size known for c: what it feeds is unknown"]
    # whatever c is, the conv that takes the concatenation gives 16 channels, and the BatchNorm2d(8)
    # after it fails on them: that holds for every size of c (and torch says so, with any c)
    assert errors(result) == [(26, "CL104"), (38, "CL104")]


def test_a_construct_not_followed_in_a_block_used_many_times_is_listed_once():
    source = ("import torch\nimport torch.nn as nn\n\n\nclass Block(nn.Module):\n    def forward(self, x):\n"
              "        torch.fft.fft(x)\n        return x\n\n\nclass Net(nn.Module):\n    def __init__(self):\n"
              "        super().__init__()\n        self.blocks = nn.Sequential(*[Block() for _ in range(4)])\n\n"
              "    def forward(self, x):\n        return self.blocks(x)\n")
    result = lint_text(source, "net.py", Settings(input_shapes={"Net": (2, 3, 8, 8)}))
    (net,) = [m for m in result.models if m.name == "Net"]
    assert [u.span.line for u in net.unresolved].count(7) == 1


SEEDED = ARGPARSE.replace("opt = parser.parse_args()\n", '''parser.add_argument("--manualSeed", type=int)
opt = parser.parse_args()
if opt.manualSeed is None:
    opt.manualSeed = random.randint(1, 10000)
random.seed(opt.manualSeed)
''').replace("import argparse\n", "import argparse\nimport random\n")


@pytest.mark.parametrize(("width", "codes"), [(8, []), (9, ["CL101"])])
def test_an_option_set_from_code_not_followed_leaves_the_other_options_their_defaults(width, codes):
    """pytorch/examples' DCGAN: `opt.manualSeed = random.randint(1, 10000)` after parsing makes that
    option unknown, not every option (the injected wrong conv was missed for it)."""
    result = lint_text(SEEDED.replace("WIDTH", str(width)), "model.py", Settings(input_shapes={"Net": (2, 3, 32, 32)}))
    assert [d.code for d in result.diagnostics] == codes
    assert "latent = 100: the default of --latent-dim (line 9), as when run with no arguments" in only_model(result).assumed


LINEAR_NORM = '''
import torch.nn as nn

class LinearNorm(nn.Module):
    def __init__(self, in_features, out_features):
        super().__init__()
        self.linear = nn.Linear(in_features, out_features, bias=False)
        self.bn = nn.BatchNorm1d(out_features)

    def forward(self, x):
        x = self.linear(x)
        return self.bn(x.flatten(0, 1)).reshape_as(x)
'''


def test_a_rank_chosen_for_a_linear_first_layer_is_never_an_error():
    """timm's LeViT LinearNorm takes (B, L, C): N x in_features is only the symbolic input's
    choice, so the 1-D tensor flatten(0, 1) makes of it is no CL104 (it was, on timm's levit.py)."""
    result = lint_text(LINEAR_NORM, "levit.py", Settings())
    assert errors(result) == []
    (model,) = result.models
    assert model.rank_assumed
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(LINEAR_NORM, "levit.py", "exec"), namespace)
    assert namespace["LinearNorm"](8, 16)(torch.zeros(2, 5, 8)).shape == (2, 5, 16)


BLOCK_COUNTED_BY_ITS_MODEL = '''
import torch
import torch.nn as nn


class Up(nn.Module):
    def __init__(self, n_inputs, n_outputs, depth):
        super().__init__()
        self.pre = nn.Conv1d(n_inputs, n_outputs, 3, padding=1)
        self.convs = nn.ModuleList([nn.Conv1d(n_inputs + n_outputs, n_outputs, 3, padding=1)] +
                                   [nn.Conv1d(n_outputs, n_outputs, 3, padding=1) for _ in range(depth - 1)])

    def forward(self, x, shortcut):
        upsampled = self.pre(x)
        combined = shortcut
        for conv in self.convs:  # the cat is n_outputs wider than the later convs take
            combined = conv(torch.cat([combined, upsampled], dim=1))
        return combined


class Net(nn.Module):
    def __init__(self, depth=1):
        super().__init__()
        self.down = nn.Conv1d(4, 8, 3, padding=1)
        self.up = Up(8, 8, depth)

    def forward(self, x):
        return self.up(self.down(x), self.down(x))
'''


def test_a_block_s_loop_counts_are_those_its_models_pass():
    """Wave-U-Net's UpsamplingBlock(..., depth): its model passes depth=1, where it runs; trying
    depth = 2 to 7 on the block alone would report what no model of the file builds."""
    assert errors(lint_text(BLOCK_COUNTED_BY_ITS_MODEL, "waveunet.py", Settings())) == []
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(BLOCK_COUNTED_BY_ITS_MODEL, "waveunet.py", "exec"), namespace)
    assert namespace["Net"]()(torch.zeros(2, 4, 10)).shape == (2, 8, 10)
    with pytest.raises(RuntimeError, match="to have 8 channels, but got 16 channels"):
        namespace["Net"](depth=2)(torch.zeros(2, 4, 10))


def test_a_value_of_a_module_convlint_cannot_read_is_unknown_never_refused():
    """`from config import cfg` with no config.py beside the file (or a package not installed):
    `cfg.GAN.DF_DIM` is a name in a module convlint cannot read, not a value torch would refuse."""
    source = '''
import torch.nn as nn
import torch.nn.functional as F
from config import cfg


class D(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(3, cfg.GAN.DF_DIM, cfg.KERNEL, padding=cfg.PADDING, bias=cfg.BIAS)
        self.bn = nn.BatchNorm2d(cfg.GAN.DF_DIM)

    def forward(self, x):
        return F.max_pool2d(self.bn(self.c1(x)), cfg.POOL)
'''
    result = lint_text(source, "unread_config.py", Settings())
    assert [d.code for d in result.diagnostics if d.severity == "error"] == []
    assert any("out_channels is not known" in u.why for u in result.models[0].unresolved)


# A model grown by a method that changes self (adds blocks to self.features, widens
# self.num_features), called from a loop whose count only the arguments give: after the loop,
# neither the Sequential nor the count is what it was before it.
GROWN_BY_A_METHOD = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, growth):
        super().__init__()
        self.growth = growth
        self.num_features = 16
        self.stem = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(),
                                  nn.Conv2d(STEM_WIDTH, 16, 3, padding=1))
        self.features = nn.Sequential()
        self.features.add_module("init", nn.Conv2d(16, 16, 3, padding=1))
        LOOP
        self.classifier = nn.Linear(self.num_features, 10)

    def add_stage(self, i):
        self.add_block(i)

    def add_block(self, i):
        grown = self.num_features + self.growth[i]
        self.features.add_module("conv_%d" % i, nn.Conv2d(self.num_features, grown, 3, padding=1))
        self.num_features = grown
        if i == len(self.growth) - 1:
            self.features.add_module("pool", nn.AdaptiveAvgPool2d(1))
        else:
            self.features.add_module("pool_%d" % i, nn.AvgPool2d(2))

    def forward(self, x):
        return self.classifier(self.features(self.stem(x)).flatten(1))
'''
LOOPS_CALLING_THE_METHOD = {
    "for": "for i in range(len(self.growth)):\n            self.add_block(i)",
    "while": "i = 0\n        while i < len(self.growth):\n            self.add_block(i)\n            i += 1",
    "comprehension": "[self.add_block(i) for i in range(len(self.growth))]",
    "method-calling-the-method": "for i in range(len(self.growth)):\n            self.add_stage(i)",
    "written-inline": '''for i in range(len(self.growth)):
            grown = self.num_features + self.growth[i]
            self.features.add_module("conv_%d" % i, nn.Conv2d(self.num_features, grown, 3, padding=1))
            self.num_features = grown
            if i == len(self.growth) - 1:
                self.features.add_module("pool", nn.AdaptiveAvgPool2d(1))
            else:
                self.features.add_module("pool_%d" % i, nn.AvgPool2d(2))''',
}


@pytest.mark.parametrize("loop", LOOPS_CALLING_THE_METHOD.values(), ids=LOOPS_CALLING_THE_METHOD.keys())
def test_what_a_method_called_in_a_loop_not_followed_changes_is_unknown(tmp_path, loop):
    # on 32x32 images the classifier is wrong only if the loop ran zero times: nothing says it did
    source = filled(GROWN_BY_A_METHOD, {"STEM_WIDTH": "16", "LOOP": loop})
    result = lint_text(source, "model.py", Settings(input_shapes={"Net": (2, 3, 32, 32)}))
    assert errors(result) == []
    whys = [u.why for u in only_model(result).unresolved]
    assert "features: some of its modules are not known statically, so its output is unknown" in whys
    assert any(why.startswith("Linear: in_features is not known") for why in whys)
    model, _ = model_json(tmp_path, source, "--input-shape", "Net=2,3,32,32")
    assert model["params"] is None
    torch = pytest.importorskip("torch")
    assert built(source, "model.py", lambda names: names["Net"]([8, 8]))(torch.zeros(2, 3, 32, 32)).shape == (2, 10)


@pytest.mark.parametrize("loop", LOOPS_CALLING_THE_METHOD.values(), ids=LOOPS_CALLING_THE_METHOD.keys())
def test_a_wrong_width_before_a_loop_not_followed_is_still_found_at_its_line(loop):
    source = GROWN_BY_A_METHOD.replace("LOOP", loop)
    line = next(n for n, text in enumerate(source.splitlines(), 1) if "STEM_WIDTH" in text)
    assert_bug_found_at_its_line(source, {"STEM_WIDTH": "16"}, {"STEM_WIDTH": "8"}, (2, 3, 32, 32), line, "CL103",
                                 "model.py", lambda names: names["Net"]([8, 8]))


def test_a_list_a_function_called_in_a_loop_not_followed_appends_to_is_unknown():
    source = '''
import torch.nn as nn


def grow(layers, widths, growth):
    layers.append(nn.Conv2d(widths[-1], widths[-1] + growth, 3, padding=1))
    widths.append(widths[-1] + growth)


class Net(nn.Module):
    def __init__(self, growth):
        super().__init__()
        layers = [nn.Conv2d(3, 16, 3, padding=1)]
        widths = [16]
        for g in growth:
            grow(layers, widths, g)
        layers.append(nn.AdaptiveAvgPool2d(1))
        self.features = nn.Sequential(*layers)
        self.classifier = nn.Linear(widths[-1], 10)

    def forward(self, x):
        return self.classifier(self.features(x).flatten(1))
'''
    result = lint_text(source, "model.py", Settings(input_shapes={"Net": (2, 3, 32, 32)}))
    assert errors(result) == []
    assert any(u.why.startswith("Linear: in_features is not known") for u in only_model(result).unresolved)
    torch = pytest.importorskip("torch")
    assert built(source, "model.py", lambda names: names["Net"]([8, 8]))(torch.zeros(2, 3, 32, 32)).shape == (2, 10)


def test_a_method_of_a_base_not_known_called_in_a_loop_not_followed_may_change_self():
    """`self.add_block(i)` where add_block comes from a class convlint cannot read: self's
    containers and counts after the loop are not known, and that is listed."""
    source = '''
import torch.nn as nn
from blocks_elsewhere import Growing


class Net(nn.Module, Growing):
    def __init__(self, growth):
        super().__init__()
        self.growth = growth
        self.num_features = 16
        self.features = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1))
        for i in range(len(self.growth)):
            self.add_block(i)
        self.classifier = nn.Linear(self.num_features, 10)

    def forward(self, x):
        return self.classifier(self.features(x).flatten(1))
'''
    result = lint_text(source, "model.py", Settings(input_shapes={"Net": (2, 3, 32, 32)}))
    assert errors(result) == []
    whys = [u.why for u in only_model(result).unresolved]
    assert "a call not followed, in code not followed: the containers and counts of Net it may change are " \
           "not known" in whys
    assert any(why.startswith("Linear: in_features is not known") for why in whys)


def test_a_builtin_given_self_in_a_loop_not_followed_changes_nothing_of_it():
    """`getattr(self, 'margin%d' % i, None)` in a loop not followed: a builtin that reads self is no
    call convlint cannot read; the model's containers stay known, and a wrong head is still found."""
    source = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.n = n
        self.convs = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1))
        for i in range(n):
            self.register_buffer("margin%d" % i, None)
        self.fc = nn.Linear(8 * 16 * 32, 10)

    def forward(self, x):
        total = 0
        for i in range(self.n):
            total = total + (getattr(self, "margin%d" % i, None) is None)
        return self.fc(self.convs(x).flatten(1))
'''
    result = lint_text(source, "model.py", Settings(input_shapes={"Net": (2, 3, 32, 32)}))
    assert errors(result) == [(12, "CL101")]
    assert not any("containers and counts" in u.why for u in only_model(result).unresolved)
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="cannot be multiplied"):
        built(source, "model.py", lambda names: names["Net"](2))(torch.zeros(2, 3, 32, 32))


COMPREHENSION_OF_LAYERS = '''
import torch.nn as nn

class Net(nn.Module):
    def __init__(self, widths):
        super().__init__()
        self.body = nn.Sequential(*[nn.Conv2d(widths[i], widths[i + 1], 3, padding=1) for i in range(len(widths) - 1)])
        self.fc = nn.Linear(widths[-1], 10)

    def forward(self, x):
        return self.fc(self.body(x).mean((2, 3)))

def build():
    return Net([3, 16, 32])
'''


def test_a_comprehension_building_layers_from_a_literal_list_is_all_followed():
    """Where a layer's count came from (`widths[i]`) is read with the comprehension's own names:
    read in the function's scope, its `i` was listed as 'not defined' although all was followed."""
    result = lint_text(COMPREHENSION_OF_LAYERS, "model.py", Settings())
    assert result.diagnostics == []
    for model in result.models:
        assert not any("not defined" in u.why for u in model.unresolved), model.unresolved


def test_a_method_of_a_base_not_known_called_in_followed_code_may_change_self():
    """`self.add_block(0)` run where it stands (a count the trials gave, or no loop at all), the
    method defined by a base class convlint cannot read: what it may add to self's containers and
    counts is not known, as in code not followed, never the model as it was before the call."""
    source = '''
import torch.nn as nn
from blocks_elsewhere import Growing


class Net(nn.Module, Growing):
    def __init__(self):
        super().__init__()
        self.num_features = 16
        self.features = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1))
        self.add_block(0)
        self.classifier = nn.Linear(self.num_features, 10)

    def forward(self, x):
        return self.classifier(self.features(x).flatten(1))
'''
    result = lint_text(source, "model.py", Settings(input_shapes={"Net": (2, 3, 32, 32)}))
    assert errors(result) == []
    whys = [u.why for u in only_model(result).unresolved]
    assert "a method convlint cannot read: the containers and counts of Net it may change are not known" in whys
    assert any(why.startswith("Linear: in_features is not known") for why in whys)
