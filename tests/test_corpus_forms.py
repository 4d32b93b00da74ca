"""Forms found by linting real third-party repositories (the models in tests/corpus/ are
written here, each after the pattern its docstring names): convlint against torch on each."""

from pathlib import Path

import pytest

from convlint.pipeline import Settings, lint_file, lint_text

CORPUS = Path(__file__).parent / "corpus"


def lint(name: str, **shapes):
    return lint_file(CORPUS / name, name, Settings(input_shapes=shapes))


def load(name: str) -> dict:
    namespace: dict = {"__name__": "corpus_case"}
    exec(compile((CORPUS / name).read_text(), name, "exec"), namespace)
    return namespace


def errors(result) -> list[tuple[str, int, str]]:
    return sorted((d.model, d.span.line, d.code) for d in result.diagnostics if d.severity == "error")


@pytest.mark.parametrize(("name", "expected", "model", "shape"), [
    # x.view(x.size(0), -1) proves as much as torch.flatten(x, 1)
    ("view_minus_one_not_proved.py", [("FlattenNet", 32, "CL101"), ("ViewNet", 20, "CL101")], "ViewNet", (2, 3, 32, 32)),
    # the model's own input in a cat or a +, its channels known from its first layer
    ("symbolic_input_in_cat_or_add.py", [("CatInput", 22, "CL103"), ("CatIntermediate", 34, "CL103")],
     "CatInput", (1, 64, 8, 8)),
    # the option-A shortcut: x[:, :, ::2, ::2] of a symbolic size is ceil(H/2)
    ("symbolic_strided_slice_pad.py", [("Shortcut", 24, "CL101")], "Shortcut", (2, 3, 32, 32)),
    # a pool whose window is the map's own size: its sides unknown, 64 x h x w still never 60
    ("pool_by_its_own_size.py", [("OwnSizePool", 17, "CL101")], "OwnSizePool", (2, 3, 32, 32)),
    # x.mul(0.5) and the other arithmetic methods are the operators they name
    ("vae_reparameterize.py", [("Bottleneck", 23, "CL101")], "Bottleneck", (2, 3, 32, 32)),
    # x.new(x.size()) is a tensor of x's size (a plain tuple would be data)
    ("tensor_method_arithmetic.py", [("Vae", 28, "CL101")], "Vae", (2, 3, 16, 16)),
    # the input sliced before its first layer keeps its channels
    ("input_slice_bug.py", [("HalvesForgetTheConcat", 12, "CL103")], "HalvesForgetTheConcat", (2, 3, 16, 16)),
    # a conv after a tensor not followed still gives its out_channels
    ("unknown_front_end.py", [("SpectralNet", 13, "CL104")], "SpectralNet", (2, 100, 64)),
])
def test_bugs_found_with_no_input_size(name, expected, model, shape):
    assert errors(lint(name)) == expected
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError):
        load(name)[model]()(torch.zeros(*shape))


def test_batch_norm_given_a_one_element_list_is_what_torch_builds():
    result = lint("norm_list_num_features.py", ListNorm=(2, 1, 5, 5))
    assert errors(result) == []
    (model,) = [m for m in result.models if m.name == "ListNorm"]
    norms = {c.node.label: c.output.shape.dims for c in model.calls if c.node.label in ("bn", "bn2")}
    torch = pytest.importorskip("torch")
    real = load("norm_list_num_features.py")["ListNorm"]()
    y, z = real(torch.zeros(2, 1, 5, 5))
    assert norms == {"bn": tuple(y.shape), "bn2": tuple(z.shape)}
    assert real.bn.weight.numel() == 40


def test_a_tuple_passed_through_a_sequential_reaches_every_cell():
    result = lint("tuple_through_sequential.py", TwoStream=(2, 3, 16, 16))
    (model,) = [m for m in result.models if m.name == "TwoStream"]
    predicted = {c.node.label: c.output.shape.dims for c in model.calls if c.node.label.startswith(("cells", "head"))}
    torch = pytest.importorskip("torch")
    real = load("tuple_through_sequential.py")["TwoStream"]().eval()
    seen = {}

    def hook(name):
        def record(module, inputs, output):
            seen.setdefault(name, tuple(output.shape))  # a hook returning a value would replace the output

        return record

    for name, module in real.named_modules():
        if name.endswith(("conv_a", "conv_b")) or name == "head":
            module.register_forward_hook(hook(name))
    real(torch.zeros(2, 3, 16, 16))
    assert {k: v for k, v in predicted.items() if k in seen} == seen
    assert len(seen) == 5


def test_what_is_not_modelled_is_listed_never_an_error():
    result = lint("unmodelled_ops.py")
    assert errors(result) == []
    # a symbolic input no layer gives a rank (Embed's token ids) is the input not known, not code unfollowed
    silent = [m.name for m in result.models if not m.unresolved and m.unfollowed() == [] and m.output is not None
              and m.input_shape is not None
              and getattr(m.output, "shape", None) is not None and m.output.shape.dims is None]
    assert silent == []
    shaped = lint("unmodelled_ops.py", Einsum=(2, 4, 10))
    einsum = next(m for m in shaped.models if m.name == "Einsum")
    assert einsum.output.shape.dims == (2, 8, 10)  # torch's; once "not modelled", listed


def test_add_module_with_a_computed_name_builds_the_stage_torch_builds():
    result = lint("add_module_unknown_name.py", Net=(1, 3, 8, 8))
    assert errors(result) == []
    (model,) = [m for m in result.models if m.name == "Net"]
    torch = pytest.importorskip("torch")
    real = load("add_module_unknown_name.py")["Net"]()
    assert [n.path for n in model.modules()] == [name for name, _ in real.named_modules()][1:]


def test_add_module_with_a_name_not_known_makes_the_stage_unknown_never_an_identity(tmp_path):
    source = (CORPUS / "add_module_unknown_name.py").read_text().replace(
        '"{}_{}".format(block.__name__, i)', "names[i]")
    path = tmp_path / "unknown_name.py"
    path.write_text(source)
    result = lint_file(path, "unknown_name.py", Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    (model,) = [m for m in result.models if m.name == "Net"]
    assert any("add_module with a name not known" in u.why for u in model.unresolved)


def test_a_squeeze_excitation_pool_to_1x1_is_no_collapse():
    result = lint("se_squeeze_collapse_note.py")
    assert [d for d in result.diagnostics if d.code == "CL209"] == []


def test_a_factory_with_required_arguments_is_analysed_never_dropped(tmp_path):
    result = lint("factory_with_required_args.py")
    (factory,) = [m for m in result.models if m.name == "densenet_bc"]
    assert any("densenet_bc(depth, k): required arguments not given" in u.why for u in factory.unresolved)
    assert errors(result) == []
    called = tmp_path / "called.py"
    called.write_text((CORPUS / "factory_with_required_args.py").read_text().replace(
        "self.fc = nn.Linear(2 * growth + n * growth, num_classes)", "self.fc = nn.Linear(2 * growth + n * growth + 1, num_classes)")
        + "\n\nnet = densenet_bc(40, 12)\nout = net(torch.randn(2, 3, 32, 32))\n")
    found = lint_file(called, "called.py", Settings())
    assert [(d.model, d.code) for d in found.diagnostics if d.severity == "error"] == [("densenet_bc", "CL101")]
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
        exec(compile(called.read_text(), "called.py", "exec"), {"__name__": "called"})


def test_a_while_loop_with_a_known_count_is_followed_one_not_known_is_listed(tmp_path):
    assert errors(lint("while_loop_known_count.py")) == [("WhileStages", 23, "CL101")]
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
        load("while_loop_known_count.py")["WhileStages"]()(torch.zeros(2, 3, 32, 32))
    unknown = tmp_path / "unknown.py"
    unknown.write_text((CORPUS / "while_loop_known_count.py").read_text().replace(
        "def __init__(self, repeat=3):", "def __init__(self, repeat):"))
    result = lint_file(unknown, "unknown.py", Settings())
    assert errors(result) == []
    (model,) = [m for m in result.models if m.name == "WhileStages"]
    assert any("while loop whose condition is not known" in u.why for u in model.unresolved)


def test_filter_and_map_over_layer_lists_are_followed():
    assert [code for _, _, code in errors(lint("filter_none_into_sequential.py"))] == ["CL101"] * 3
    torch = pytest.importorskip("torch")
    namespace = load("filter_none_into_sequential.py")
    for name in ("FilterLambda", "FilterNone"):
        with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
            namespace[name]()(torch.zeros(2, 3, 32, 32))


def test_constructor_arguments_written_in_another_file_of_the_project_build_the_model():
    path = CORPUS / "ctor_args_in_project_script" / "net.py"
    result = lint_file(path, str(path), Settings())
    assert errors(result) == [("Net", 25, "CL104")]
    (finding,) = [d for d in result.diagnostics if d.code == "CL104"]
    assert "ctor_args_in_project_script/train.py line 8" in finding.message
    torch = pytest.importorskip("torch")
    namespace = load("ctor_args_in_project_script/net.py")
    with pytest.raises(RuntimeError, match="running_mean should contain 16 elements not 17"):
        namespace["Net"](width=16, classes=10)(torch.zeros(4, 3, 32, 32))


@pytest.mark.parametrize("model", ["Repeat", "Expand"])
def test_a_label_map_made_by_repeat_or_expand_is_followed_with_both_inputs_given(tmp_path, model):
    source = (CORPUS / "label_concat_input_not_analysed.py").read_text() + (
        f"\n\nnet = {model}()\nout = net(torch.randn(2, 3, 32, 32), torch.randn(2, 5))\n")
    path = tmp_path / "stargan.py"
    path.write_text(source)
    found = {(d.model, d.code): d.message for d in lint_file(path, "stargan.py", Settings()).diagnostics
             if d.severity == "error"}
    # the fed one on its two inputs; the other, its label map not known, on the channels its conv gives
    assert sorted(found) == [("Expand", "CL104"), ("Repeat", "CL104")]
    assert "from line" in found[(model, "CL104")]
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="running_mean should contain 16 elements not 8"):
        exec(compile(source, "stargan.py", "exec"), {"__name__": "stargan"})


def test_np_prod_of_an_image_shape_is_its_feature_count():
    from convlint.pipeline import lint_text

    source = '''import numpy as np
import torch.nn as nn

img_shape = (1, 28, 28)


class Generator(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(100, int(np.prod(img_shape)))

    def forward(self, z):
        return self.fc(z).view(z.size(0), *img_shape)
'''
    result = lint_text(source, "gan.py", Settings(input_shapes={"Generator": (2, 100)}))
    (model,) = result.models
    assert [c.output.shape.dims for c in model.calls if c.node.label == "fc"] == [(2, 784)]
    assert model.output.shape.dims == (2, 1, 28, 28)


def test_dunder_setattr_and_getattr_with_names_are_followed():
    from convlint.pipeline import lint_text
    from convlint.report.summary import build_summary

    source = '''import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, levels=3):
        super().__init__()
        for i in range(levels):
            setattr(self, "level_%d" % i, nn.Conv2d(8 if i else 3, 8, 3, padding=1))
        self.__setattr__("head", nn.Linear(8, 10))

    def forward(self, x):
        for i in range(3):
            x = getattr(self, "level_{}".format(i))(x)
        return self.__getattr__("head")(x.mean((2, 3)))
'''
    (model,) = lint_text(source, "net.py", Settings(input_shapes={"Net": (2, 3, 16, 16)})).models
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(source, "net.py", "exec"), namespace)
    real = namespace["Net"]()
    assert build_summary(model, []).total_params == sum(p.numel() for p in real.parameters())
    assert model.output.shape.dims == tuple(real(torch.zeros(2, 3, 16, 16)).shape)


INPUT_FIRST = {"ViewToOneChannel": ((2, 5000), 18), "SamePadding": ((2, 1, 300), 30),
               "Spectrogram": ((2, 40, 101), 44), "Features": ((2, 101, 40), 55), "Mnist": ((2, 784), 66)}

SECOND_SIZE = {"ViewToOneChannel": (3, 1, 999), "SamePadding": (1, 1, 1001), "Spectrogram": (1, 64, 7),
               "Features": (3, 9, 40), "Mnist": (5, 1, 28, 28)}


def test_ops_on_the_input_before_its_first_layer_keep_what_they_keep():
    """view, F.pad, unsqueeze and transpose on the input: its rank and channels are known from the
    first layer after them, the wrong Linear of each model found; torch stops each at any size."""
    result = lint("ops_on_the_input_first.py")
    assert errors(result) == sorted((name, line, "CL101") for name, (_, line) in INPUT_FIRST.items())
    torch = pytest.importorskip("torch")
    namespace = load("ops_on_the_input_first.py")
    for name, (shape, _) in INPUT_FIRST.items():
        for size in (shape, SECOND_SIZE[name]):
            with pytest.raises(RuntimeError, match="cannot be multiplied"):
                namespace[name]()(torch.zeros(*size))


def test_ops_on_the_input_give_torch_s_shapes_once_the_linear_is_right(tmp_path):
    source = (CORPUS / "ops_on_the_input_first.py").read_text()
    for wrong, right in (("Linear(16, 4)  # BUG: the convs", "Linear(8, 4)  # the convs"),
                         ("Linear(32, 4)  # BUG: the conv gives 16", "Linear(16, 4)  # the conv gives 16"),
                         ("Linear(16, 4)  # BUG: the conv gives 8", "Linear(8, 4)  # the conv gives 8"),
                         ("Linear(32, 4)  # BUG: the conv gives 64", "Linear(64, 4)  # the conv gives 64"),
                         ("10 * 12 * 12", "10 * 24 * 24")):
        assert wrong in source
        source = source.replace(wrong, right)
    fixed = tmp_path / "fixed.py"
    fixed.write_text(source)
    result = lint_file(fixed, "fixed.py", Settings())
    assert errors(result) == []
    torch = pytest.importorskip("torch")
    namespace: dict = {"__name__": "fixed"}
    exec(compile(source, "fixed.py", "exec"), namespace)
    for model in result.models:
        shape = INPUT_FIRST[model.name][0]
        outputs = {}
        real = namespace[model.name]()
        for name, module in real.named_modules():
            module.register_forward_hook(lambda m, i, o, name=name: outputs.setdefault(name, tuple(o.shape)) and None)
        real(torch.zeros(*shape))
        for call in model.calls:
            path = call.node.label if call.node.label != model.name else ""
            if path in outputs and call.output.shape.dims is not None:
                # the channels (dim 1) and the batch are what the first layer fixes
                assert call.output.shape.dims[1] == outputs[path][1], (model.name, path)
        assert model.calls[-1].output.shape.dims[-1] == outputs[""][-1]


def test_constructor_arguments_of_an_instance_fed_only_unknown_data_build_the_model(tmp_path):
    """resnet1d's test_synthetic.py: `model = ResNet1D(in_channels=n_channel, ...)` with
    `n_channel = 18` written above, trained on batches of a dataset of unknown size: the
    arguments are how the project builds the model, even with no input size there."""
    (tmp_path / "net.py").write_text((CORPUS / "ctor_args_in_project_script" / "net.py").read_text())
    (tmp_path / "train.py").write_text(
        "from torch.utils.data import DataLoader\n\nfrom net import Net\n\n"
        "if __name__ == '__main__':\n"
        "    width = 16\n"
        "    model = Net(width=width, classes=10)\n"
        "    for x, y in DataLoader(load_dataset(), batch_size=8):\n"
        "        model(x)\n")
    result = lint_file(tmp_path / "net.py", str(tmp_path / "net.py"), Settings())
    assert errors(result) == [("Net", 25, "CL104")]
    # with the width not known there, BatchNorm2d(width + 1) after a conv to `width` is still
    # wrong for every width: found with the width a symbol, not with a value taken from nowhere
    (tmp_path / "train.py").write_text((tmp_path / "train.py").read_text().replace("width = 16", "width = load()"))
    again = lint_file(tmp_path / "net.py", str(tmp_path / "net.py"), Settings())
    assert errors(again) == [("Net", 25, "CL104")]
    assert "width+1" in next(d.message for d in again.diagnostics if d.code == "CL104")


ARGPARSE_SCRIPTS = {
    # the parser built under the main guard (yjn870 RDN/ESPCN train.py)
    "main-guard": "import argparse\n\nfrom net import Net\n\nif __name__ == '__main__':\n"
                  "    parser = argparse.ArgumentParser()\n"
                  "    parser.add_argument('--data', type=str, required=True)\n"
                  "    parser.add_argument('--width', type=int, default=16)\n"
                  "    args = parser.parse_args()\n    args.data = args.data + '/train'\n"
                  "    model = Net(width=args.width, classes=10)\n",
    # in a function returning parser.parse_args()
    "options-function": "import argparse\n\nfrom net import Net\n\n\ndef get_args():\n"
                        "    parser = argparse.ArgumentParser()\n"
                        "    parser.add_argument('--width', default=16, type=int)\n"
                        "    return parser.parse_args()\n\n\nopt = get_args()\nmodel = Net(opt.width, 10)\n",
    # a dict of hyperparameters (Natsu6767 DCGAN train.py: Generator(params))
    "dict-of-parameters": "from net import Net\n\nparams = {'width': 16, 'lr': 0.0002, 'name': 'celeba'}\n"
                          "model = Net(params['width'], classes=10)\nother = Net(**params) if False else None\n",
}


@pytest.mark.parametrize("script", ARGPARSE_SCRIPTS.values(), ids=ARGPARSE_SCRIPTS.keys())
def test_constructor_arguments_from_the_options_a_training_script_declares(tmp_path, script):
    (tmp_path / "net.py").write_text((CORPUS / "ctor_args_in_project_script" / "net.py").read_text())
    (tmp_path / "train.py").write_text(script)
    assert errors(lint_file(tmp_path / "net.py", str(tmp_path / "net.py"), Settings())) == [("Net", 25, "CL104")]
    # the option set in the code after parsing: no longer the default, nothing certain
    changed = script.replace("model = Net(", "opt.width = 17\nargs.width = 17\nparams['width'] = 17\nmodel = Net(")
    if "__main__" in script:
        changed = changed.replace("\nopt.width = 17\nargs.width = 17\nparams['width'] = 17\nmodel",
                                  "\n    args.width = 17\n    model")
    (tmp_path / "train.py").write_text(changed)
    again = lint_file(tmp_path / "net.py", str(tmp_path / "net.py"), Settings())
    # still wrong for every width (BatchNorm2d(width + 1) after a conv to width), no value assumed
    assert errors(again) == [("Net", 25, "CL104")]
    assert "width+1 channels, but conv gives width" in next(d.message for d in again.diagnostics if d.code == "CL104")


PARSED_IN_A_FUNCTION = (
    # descriptinc/melgan-neurips scripts/train.py: `args = parser.parse_args(); return args` in
    # parse_args(), `args = parse_args()` in main(), `Generator(args.n_mel_channels, args.ngf, ...)`
    "import argparse\n\nfrom net import Net\n\n\ndef parse_args():\n    parser = argparse.ArgumentParser()\n"
    "    parser.add_argument('--save_path', required=True)\n    parser.add_argument('--width', type=int, default=16)\n"
    "    args = parser.parse_args()\n    return args\n\n\ndef main():\n    args = parse_args()\n"
    "    model = Net(args.width, 10)\n\n\nif __name__ == '__main__':\n    main()\n")


@pytest.mark.parametrize(("change", "found"), [
    ("", True),
    ("    args.width = 17\n", False),  # changed before it is returned: not the default
    ("    args.__dict__.update(width=17)\n", False),
    ("    fix(args)\n", False),  # handed to code that may change it
    ("    print(args.width)\n", True),  # read only
])
def test_options_parsed_in_a_function_and_read_in_another_build_the_model(tmp_path, change, found):
    (tmp_path / "net.py").write_text((CORPUS / "ctor_args_in_project_script" / "net.py").read_text())
    (tmp_path / "train.py").write_text(PARSED_IN_A_FUNCTION.replace("    return args\n", change + "    return args\n"))
    # BatchNorm2d(width + 1) after a conv to `width` is wrong for every width: with the default
    # read, the numbers (17 against 16); with the option not known, the symbol (width+1 against width)
    assert _width_finding(tmp_path) == ("normalises 17 channels, but conv gives 16" if found
                                        else "normalises width+1 channels, but conv gives width")


def _width_finding(tmp_path) -> str:
    result = lint_file(tmp_path / "net.py", str(tmp_path / "net.py"), Settings())
    assert errors(result) == [("Net", 25, "CL104")]
    message = next(d.message for d in result.diagnostics if d.code == "CL104")
    return next(text for text in ("normalises 17 channels, but conv gives 16",
                                  "normalises width+1 channels, but conv gives width") if text in message)


def test_options_changed_where_they_are_used_are_not_the_defaults(tmp_path):
    (tmp_path / "net.py").write_text((CORPUS / "ctor_args_in_project_script" / "net.py").read_text())
    script = PARSED_IN_A_FUNCTION.replace("    model = Net(", "    args.width = 17\n    model = Net(")
    (tmp_path / "train.py").write_text(script)
    assert _width_finding(tmp_path) == "normalises width+1 channels, but conv gives width"
    (tmp_path / "train.py").write_text(script.replace("args = parse_args()", "args = parse_args(['--width', '17'])"))
    assert _width_finding(tmp_path) == "normalises width+1 channels, but conv gives width"


def test_a_loader_made_by_a_function_of_another_file_gives_the_input_size():
    """Natsu6767 DCGAN: train.py iterates `get_celeba(params)` of utils.py (ImageFolder, Resize and
    CenterCrop to params['imsize'] = 64): the 8x8 kernel on the 4x4 map is found, as torch finds it."""
    path = CORPUS / "loader_made_in_another_file" / "dcgan.py"
    result = lint_file(path, str(path), Settings())
    assert errors(result) == [("Discriminator", 25, "CL105")]
    (finding,) = [d for d in result.diagnostics if d.code == "CL105"]
    assert "on ImageFolder batches (utils.py line 17)" in finding.message and "128x3x64x64" in finding.message
    torch = pytest.importorskip("torch")
    namespace = load("loader_made_in_another_file/dcgan.py")
    params = {"bsize": 128, "imsize": 64, "nc": 3, "ndf": 64}
    with pytest.raises(RuntimeError, match="Kernel size can't be greater than actual input size"):
        namespace["Discriminator"](params)(torch.zeros(2, 3, 64, 64))


def test_a_dict_of_hyperparameters_passed_whole_builds_the_model(tmp_path):
    """Natsu6767 DCGAN: `params = {"nz": 100, "lr": 0.0002, ...}` in train.py, `Generator(params)`;
    an entry the script does not write plainly stays unknown, never left out."""
    (tmp_path / "net.py").write_text(
        "import torch.nn as nn\n\n\nclass Net(nn.Module):\n    def __init__(self, params):\n"
        "        super().__init__()\n        self.conv = nn.Conv2d(params['nc'], params['nf'], 3)\n"
        "        self.bn = nn.BatchNorm2d(params['nf'] * 2)\n        self.fc = nn.Linear(params['nf'], params['out'])\n\n"
        "    def forward(self, x):\n        return self.fc(self.bn(self.conv(x)).mean((2, 3)))\n")
    script = "from net import Net\n\nparams = {'nc': 3, 'nf': 16, 'lr': 0.0002, 'out': load()}\nmodel = Net(params)\n"
    (tmp_path / "train.py").write_text(script)
    result = lint_file(tmp_path / "net.py", str(tmp_path / "net.py"), Settings())
    assert errors(result) == [("Net", 8, "CL104")]
    (tmp_path / "train.py").write_text(script.replace("'nf': 16", "'nf': width"))
    assert errors(lint_file(tmp_path / "net.py", str(tmp_path / "net.py"), Settings())) == []


def matches_torch(name: str, model: str, shape: tuple) -> int:
    """Every module's first output (a recurrent layer's: its output, not its states), every
    module's parameters, and torchinfo's totals, as convlint predicts them; returns the count
    of modules compared."""
    from convlint.report.json_report import model_out

    result = lint(name, **{model: shape})
    assert errors(result) == []
    (analysis,) = [m for m in result.models if m.name == model]
    assert analysis.unresolved == []
    predicted = model_out(analysis)
    torch = pytest.importorskip("torch")
    torchinfo = pytest.importorskip("torchinfo")
    real = load(name)[model]().eval()
    names = {id(m): n for n, m in real.named_modules() if n}
    seen: dict[str, tuple] = {}

    def hook(module, inputs, output):
        first = output[0] if isinstance(output, tuple) else output
        seen.setdefault(names[id(module)], tuple(first.shape))

    for module in real.modules():
        if id(module) in names:
            module.register_forward_hook(hook)
    with torch.no_grad():
        real(torch.zeros(shape))
    layers = {layer.name: layer for layer in predicted.layers}
    assert {n: tuple(layers[n].output_shape or ()) for n in seen} == seen
    params = {n: sum(p.numel() for p in m.parameters()) for n, m in real.named_modules() if n}
    assert {n: layers[n].params for n in layers} == params
    stats = torchinfo.summary(real, input_size=shape, verbose=0, device="cpu")
    assert (predicted.params, predicted.macs) == (stats.total_params, stats.total_mult_adds)
    return len(seen)


@pytest.mark.parametrize(("model", "shape"), [
    ("Crnn", (2, 1, 40, 32)), ("SpeechLstm", (2, 1, 16, 40)), ("Encoder", (3, 10, 5)), ("CellDecoder", (4, 6)),
    ("Unbatched", (7, 4)),
])
@pytest.mark.filterwarnings("ignore:LSTM with projections is not supported")
def test_recurrent_layers_as_audio_and_time_series_code_uses_them(model, shape):
    assert matches_torch("recurrent_forms.py", model, shape) >= 2


@pytest.mark.parametrize(("model", "shape"), [
    ("Tcn", (2, 3, 20)), ("Vocoder", (2, 16, 12)), ("SnDiscriminator", (2, 3, 16, 16)), ("SubclassTcn", (2, 4, 12)),
])
@pytest.mark.filterwarnings("ignore:`torch.nn.utils.weight_norm` is deprecated")
def test_weight_norm_and_spectral_norm_keep_shapes_and_count_what_torch_registers(model, shape):
    assert matches_torch("weight_norm_forms.py", model, shape) >= 4


@pytest.mark.parametrize(("model", "shape"), [
    ("WeightNorm", (2, 4, 10)), ("SpectralNorm", (2, 3, 8, 8)), ("Recurrent", (2, 4, 10)), ("MaxDim", (2, 3, 8, 8)),
])
@pytest.mark.filterwarnings("ignore:`torch.nn.utils.weight_norm` is deprecated")
def test_layers_once_not_modelled_now_match_torch(model, shape):
    assert matches_torch("unmodelled_ops.py", model, shape) >= 2


@pytest.mark.parametrize(("model", "shape"), [("AttnEncoder", (2, 9, 5)), ("SelfAttn", (2, 32, 8, 8))])
def test_states_made_from_the_input_and_batched_products_are_torchs(model, shape):
    assert matches_torch("states_and_attention.py", model, shape) >= 2


@pytest.mark.parametrize(("model", "shape"), [("SkipSum", (2, 8, 20)), ("ChunkPad", (2, 16, 37)),
                                            ("EcgNet", (2, 12, 50))])
def test_signal_idioms_match_torch(model, shape):
    """None children of a ModuleList are counted, indexed and iterated; torch.Tensor(a tensor)
    and x.type(y.type()) keep the shape; members of an Enum made by the functional API compare."""
    assert matches_torch("signal_idioms.py", model, shape) >= 1


@pytest.mark.parametrize("model", ["MeanShift", "Halves"])
def test_ops_on_the_input_before_its_first_layer_are_followed(model):
    """`x.sub_(self.mean)` of a buffer of known values and `x[:, :, 0:h // 2, :]` of the input whose
    rank only its first layer tells: followed, with no input size and with one."""
    (analysis,) = [m for m in lint("input_ops.py").models if m.name == model]
    assert analysis.unresolved == [] and analysis.output.shape.dims is not None
    assert matches_torch("input_ops.py", model, (2, 3, 16, 16)) >= 2


def test_a_module_class_defined_inside_a_class_is_built():
    assert matches_torch("nested_class.py", "Decoder", (2, 16, 8, 8)) >= 3


def test_packed_sequences_are_listed_never_guessed():
    result = lint("recurrent_forms.py", Packed=(2, 5, 8))
    assert errors(result) == []
    (model,) = [m for m in result.models if m.name == "Packed"]
    assert {u.why for u in model.unresolved} >= {
        "torch.nn.utils.rnn.pack_padded_sequence is not modelled: its result shape is unknown",
        "torch.nn.utils.rnn.pad_packed_sequence is not modelled: its result shape is unknown"}
    assert all(c.output.shape.dims is None for c in model.calls if c.node.label in ("lstm", "fc"))
    torch = pytest.importorskip("torch")
    real = load("recurrent_forms.py")["Packed"]()
    assert tuple(real(torch.zeros(2, 5, 8), torch.tensor([5, 3])).shape) == (2, 4)


def test_a_block_the_models_build_where_not_followed_is_not_given_their_input_size():
    # the shape for every model is theirs: a block built in a loop over a required argument,
    # in a module function, or passed as an argument is checked where it is used
    result = lint_file(CORPUS / "block_built_in_unfollowed_loop.py", "block_built_in_unfollowed_loop.py",
                       Settings(input_shapes={"": (1, 3, 32, 32)}))
    assert errors(result) == []
    given = {m.name: m.input_source for m in result.models}
    assert given["Net"] is not None and given["make_net"] is not None
    assert given["Block"] is None and given["Down"] is None  # symbolic: no size of their own
    assert given["wide_block"] is None and given["Twice"] is not None
    torch = pytest.importorskip("torch")
    namespace = load("block_built_in_unfollowed_loop.py")
    x = torch.zeros(1, 3, 32, 32)
    assert tuple(namespace["Net"]([2, 2])(x).shape) == (1, 10)
    assert tuple(namespace["make_net"]()(x).shape) == (1, 64, 32, 32)
    assert tuple(namespace["Twice"]()(x).shape) == (1, 64, 32, 32)
    with pytest.raises(RuntimeError):
        namespace["Block"]()(x)  # the file's size, forced on the block, is what fails


def test_a_block_only_a_factory_builds_is_not_given_the_models_input_size():
    result = lint_file(CORPUS / "block_built_by_a_factory_only.py", "block_built_by_a_factory_only.py",
                       Settings(input_shapes={"": (1, 3, 32, 32)}))
    assert errors(result) == []
    given = {m.name: m.input_source for m in result.models}
    assert given["FlowEncoder"] is None and given["tracker_small"] is not None  # the block: symbolic
    (model,) = [m for m in result.models if m.name == "tracker_small"]
    torch = pytest.importorskip("torch")
    namespace = load("block_built_by_a_factory_only.py")
    assert model.output.shape.dims == tuple(namespace["tracker_small"]()(torch.zeros(1, 3, 32, 32)).shape)
    with pytest.raises(RuntimeError):
        namespace["FlowEncoder"](hidden=16)(torch.zeros(1, 3, 32, 32))  # the size forced on the block fails


def test_a_layer_built_on_a_path_not_known_to_run_grounds_no_error_and_is_of_classes_is_decided():
    from convlint.report.summary import build_summary

    result = lint("block_kind_split_to_zero.py")
    # Stage(kind) may not build the 0-channel conv: no error from it; Stage("mix"), a value the code
    # names, does (torch refuses it below), and is reported as that configuration
    assert errors(result) == [("Stage", 34, "CL106")]
    assert "with kind='mix'" in next(d.message for d in result.diagnostics if d.code == "CL106")
    (net,) = [m for m in result.models if m.name == "Net"]
    torch = pytest.importorskip("torch")
    namespace = load("block_kind_split_to_zero.py")
    real = namespace["Net"]()
    # `block_type is ConvBlock` is decided: the two blocks torch builds, every parameter counted
    assert build_summary(net, []).total_params == sum(p.numel() for p in real.parameters())
    assert tuple(real(torch.zeros(1, 3, 32, 32)).shape) == (1, 96, 8, 8)
    assert tuple(namespace["Stage"]("conv")(torch.zeros(1, 96, 8, 8)).shape) == (1, 96, 8, 8)
    with pytest.raises(RuntimeError):  # the path that was not known to run: torch refuses its conv
        namespace["Stage"]("mix")(torch.zeros(1, 96, 8, 8))


def test_star_arguments_not_known_make_the_result_unknown_never_a_shorter_call():
    result = lint("star_args_not_known.py", Net=(1, 3, 32, 32))
    assert errors(result) == []  # torch.zeros(1, dim, *size) is not 1 x dim; view(n, c, *grid) not n x c
    (model,) = result.models
    assert any("*args or **kwargs not known" in u.why for u in model.unresolved)
    torch = pytest.importorskip("torch")
    assert tuple(load("star_args_not_known.py")["Net"]((32, 32))(torch.zeros(1, 3, 32, 32)).shape) == (1, 10)


def test_a_recursion_under_a_condition_not_known_is_cut_and_listed_one_known_is_followed():
    from convlint.report.summary import build_summary

    result = lint("recursive_tree_levels_not_known.py")
    assert errors(result) == []
    models = {m.name: m for m in result.models}
    for name in ("Tree", "Deep"):  # levels not known: the recursive builds are unknown, not the budget spent
        assert not models[name].stopped
        assert any("recursive call under a condition not known" in u.why for u in models[name].unresolved)
    torch = pytest.importorskip("torch")
    namespace = load("recursive_tree_levels_not_known.py")
    real = namespace["Net"]()  # levels=3 known: the whole tree is built, as torch builds it
    assert build_summary(models["Net"], []).total_params == sum(p.numel() for p in real.parameters())
    assert tuple(real(torch.zeros(1, 3, 32, 32)).shape) == (1, 8, 32, 32)
    assert tuple(namespace["Tree"](2, 8)(torch.zeros(1, 8, 32, 32)).shape) == (1, 8, 32, 32)


def test_a_shape_for_all_models_of_another_rank_is_not_forced_on_a_block_needing_arguments():
    result = lint_file(CORPUS / "conv1d_block_given_image_size.py", "conv1d_block_given_image_size.py",
                       Settings(input_shapes={"": (1, 3, 224, 224)}))
    # the block is analysed symbolically, and says why; a model built with no arguments keeps the size
    assert errors(result) == [("Wave", 32, "CL108")]
    (block,) = [m for m in result.models if m.name == "ConvBlock1d"]
    assert block.input_source is None
    assert any("given for all models (1x3x224x224)" in u.why for u in block.unresolved)
    torch = pytest.importorskip("torch")
    namespace = load("conv1d_block_given_image_size.py")
    assert tuple(namespace["ConvBlock1d"](3, 8).eval()(torch.zeros(1, 3, 224)).shape) == (1, 8, 224)
    assert tuple(namespace["Stem"]()(torch.zeros(1, 3, 224, 224)).shape) == (1, 8, 112, 112)
    with pytest.raises(RuntimeError):
        namespace["Wave"]()(torch.zeros(1, 3, 224, 224))


def test_a_shape_for_all_models_that_fails_a_blocks_assert_is_not_forced_on_it():
    name = "group_norm_asserts_its_channels.py"
    result = lint_file(CORPUS / name, name, Settings(input_shapes={"": (1, 3, 224, 224)}))
    # the norm block is analysed symbolically, and says why; a model with no arguments keeps the size
    assert errors(result) == [("Grayscale", 46, "CL103")]
    models = {m.name: m for m in result.models}
    assert models["GroupStdNorm"].input_source is None
    assert any("fails its assert on line 15" in u.why for u in models["GroupStdNorm"].unresolved)
    assert models["Stem"].failed_assert is None and models["Stem"].output.shape.dims == (1, 32, 112, 112)
    assert models["Grayscale"].failed_assert.line == 49
    torch = pytest.importorskip("torch")
    namespace = load(name)
    with pytest.raises(AssertionError):  # before any reshape
        namespace["GroupStdNorm"](3)(torch.zeros(1, 3, 224, 224))
    assert tuple(namespace["GroupStdNorm"](64)(torch.zeros(1, 64, 8, 8)).shape) == (1, 64, 8, 8)
    assert tuple(namespace["Stem"]()(torch.zeros(1, 3, 224, 224)).shape) == (1, 32, 112, 112)
    with pytest.raises(AssertionError):
        namespace["Grayscale"]()(torch.zeros(1, 3, 224, 224))


def test_a_shape_for_all_models_is_not_forced_on_a_head_a_function_sets_on_a_given_model():
    name = "head_set_on_a_given_model.py"
    result = lint_file(CORPUS / name, name, Settings(input_shapes={"": (1, 3, 224, 224)}))
    assert errors(result) == []
    models = {m.name: m for m in result.models}
    assert models["Decoder"].input_source is None  # checked symbolically, as the part of a model it is
    assert models["Backbone"].output.shape.dims == (1, 10)
    assert models["Classifier"].input_source.kind == "flag" and models["Classifier"].output.shape.dims == (1, 10)
    torch = pytest.importorskip("torch")
    namespace = load(name)
    model = namespace["add_decoder_head"](namespace["Backbone"]())
    assert tuple(model(torch.zeros(1, 3, 224, 224)).shape) == (1, 10)
    assert tuple(namespace["Classifier"]()(torch.zeros(1, 3, 224, 224)).shape) == (1, 10)


def test_reductions_with_numpy_argument_names_keep_the_dims_torch_keeps():
    result = lint("reduction_numpy_names.py", Net=(2, 3, 16, 16))
    assert errors(result) == []
    (model,) = result.models
    torch = pytest.importorskip("torch")
    assert model.output.shape.dims == tuple(load("reduction_numpy_names.py")["Net"]()(torch.zeros(2, 3, 16, 16)).shape)


def _first_outputs(real, *inputs) -> dict:
    """Each module's output shape on its first call, as torch's forward hooks see it."""
    seen: dict = {}

    def hook(name):
        def record(module, inputs, output):
            if hasattr(output, "shape"):  # a dict of maps has no shape of its own
                seen.setdefault(name, tuple(output.shape))  # a hook returning a value would replace the output

        return record

    for name, module in real.named_modules():
        module.register_forward_hook(hook(name))
    real.eval()(*inputs)
    return seen


def _predicted(result, model: str) -> dict:
    (analysis,) = [m for m in result.models if m.name == model]
    predicted: dict = {"": analysis.output.shape.dims}
    for call in analysis.calls:
        if not call.node.functional:
            predicted.setdefault(call.node.path, call.output.shape.dims)
    return predicted


@pytest.mark.parametrize(("name", "expected", "buggy", "model", "shape"), [
    # widths rounded with np.ceil (MobileNetV3's make_divisible)
    ("numpy_rounded_widths.py", [("RoundedNet", 40, "CL101")], "RoundedNet", "Rounded", (2, 3, 32, 32)),
    # `block == Basic` / `block is Bottle` between classes of the file choose the depth
    ("block_class_compared.py", [("Dense", 53, "CL101")], "Dense", "Chosen", (2, 3, 16, 16)),
    # data_parallel(self.main, x, gpu_ids) on one device is self.main(x)
    ("data_parallel_bound_method.py", [("Head", 41, "CL101")], "Head", "Body", (2, 3, 8, 8)),
])
def test_forms_that_left_whole_models_unknown_are_followed(name, expected, buggy, model, shape):
    assert errors(lint(name)) == expected
    torch = pytest.importorskip("torch")
    namespace = load(name)
    with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
        namespace[buggy]()(torch.zeros(*shape))
    if model is not None:
        real = _first_outputs(namespace[model](), torch.zeros(*shape))
        predicted = _predicted(lint(name, **{model: shape}), model)
        assert {k: predicted.get(k) for k in real} == real


def test_a_factory_callable_without_arguments_is_built_with_the_model_args_given():
    from convlint.config import parse_model_args

    given = dict([parse_model_args("tiny(classes=12, in_channels=1)")])
    result = lint_file(CORPUS / "factory_given_arguments.py", "factory_given_arguments.py",
                       Settings(input_shapes={"tiny": (2, 1, 8, 8)}, model_args=given))
    assert errors(result) == []
    predicted = _predicted(result, "tiny")
    torch = pytest.importorskip("torch")
    real = _first_outputs(load("factory_given_arguments.py")["tiny"](classes=12, in_channels=1), torch.zeros(2, 1, 8, 8))
    assert real[""] == (2, 12)
    assert {k: predicted.get(k) for k in real} == real


@pytest.mark.parametrize("model", ["Generator", "InstanceGenerator", "PlainGenerator"])
def test_a_conv_bias_chosen_by_the_norm_layer_partial_counts_as_torch_does(model):
    from convlint.report.summary import build_summary

    result = lint("norm_layer_partial_bias.py", **{model: (1, 3, 32, 32)})
    (analysis,) = [m for m in result.models if m.name == model]
    assert analysis.unresolved == []
    torch = pytest.importorskip("torch")
    real = load("norm_layer_partial_bias.py")[model]()
    assert build_summary(analysis, []).total_params == sum(p.numel() for p in real.parameters())
    outputs = _first_outputs(real, torch.zeros(1, 3, 32, 32))
    predicted = _predicted(result, model)
    assert {k: predicted.get(k) for k in outputs} == outputs


def test_a_view_whose_rows_no_later_linear_takes_is_reported_at_the_view():
    result = lint("view_rows_before_linear.py")
    assert errors(result) == [("Rows", 20, "CL101"), ("Rows", 26, "CL102")]
    (view,) = [d for d in result.diagnostics if d.code == "CL102"]
    assert "makes rows of 800, but fc1 = Linear(400, 120) takes 400" in view.message
    torch = pytest.importorskip("torch")
    namespace = load("view_rows_before_linear.py")
    with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
        namespace["Rows"]()(torch.zeros(2, 3, 32, 32))
    with pytest.raises(RuntimeError, match=r"shape '\[-1, 800\]' is invalid"):
        namespace["Rows"]()(torch.zeros(3, 3, 32, 32))
    assert namespace["PerPixel"]()(torch.zeros(2, 3, 8, 8)).shape == (128, 4)


def test_a_view_module_size_is_reported_where_the_module_is_built():
    assert errors(lint("view_module_size.py")) == [("Encoder", 29, "CL102"), ("Encoder", 30, "CL101")]
    shaped = lint("view_module_size.py", Encoder=(2, 3, 32, 32))
    assert errors(shaped) == [("Encoder", 29, "CL102")]
    (finding,) = [d for d in shaped.diagnostics if d.code == "CL102"]
    assert finding.related and finding.related[0].line == 20  # the view call itself, as a note
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match=r"shape '\[-1, 512\]' is invalid for input of size 256"):
        load("view_module_size.py")["Encoder"]()(torch.zeros(2, 3, 32, 32))


def test_an_einsum_scale_and_a_same_pad_before_a_pool_are_followed():
    result = lint("einsum_squeeze_excite_1d.py")
    assert errors(result) == [("Wrong", 53, "CL101")]
    # the position the pool leaves out is the pad's own: no CL201
    assert [d.code for d in result.diagnostics if d.model == "Signal"] == []
    torch = pytest.importorskip("torch")
    namespace = load("einsum_squeeze_excite_1d.py")
    with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
        namespace["Wrong"]()(torch.zeros(2, 1, 100))
    real = _first_outputs(namespace["Signal"](), torch.zeros(2, 1, 100))
    predicted = _predicted(result, "Signal")
    assert {k: predicted.get(k) for k in real} == real


def _matches_torch(name: str, model: str, built, shape, settings: Settings | None = None) -> None:
    """Every module's output shape on its first call equals torch's, and nothing is an error."""
    result = lint_file(CORPUS / name, name, settings or Settings(input_shapes={model: shape}))
    assert errors(result) == []
    _agrees_with_torch(result, name, model, shape, built)


def _followed_without_errors(result, name: str):
    """The file has no error, and every construct of the model `name` was followed."""
    assert errors(result) == []
    (model,) = [m for m in result.models if m.name == name]
    assert model.unresolved == []
    return model


def _agrees_with_torch(result, name: str, model: str, shape, built=None) -> dict:
    """convlint's first-call output shape of every module torch's hooks see equals torch's;
    torch's shapes, by module path, for the caller's own checks."""
    torch = pytest.importorskip("torch")
    namespace = load(name)
    real = _first_outputs(built(namespace) if built else namespace[model](), torch.zeros(*shape))
    predicted = _predicted(result, model)
    assert {k: predicted.get(k) for k in real} == real
    return real


def test_a_factory_returning_another_factorys_model_is_a_model():
    from convlint.config import parse_model_args

    given = dict([parse_model_args("half_width(10)")])
    settings = Settings(input_shapes={"half_width": (2, 3, 32, 32)}, model_args=given)
    _matches_torch("factory_of_factory.py", "half_width", lambda ns: ns["half_width"](10), (2, 3, 32, 32), settings)


def test_blocks_cloned_with_deepcopy_and_pair_sizes_are_followed():
    _matches_torch("deepcopy_clones_and_pair.py", "PatchNet", lambda ns: ns["PatchNet"](), (2, 3, 32, 32))


def test_a_conv_subclass_calling_f_conv_on_its_own_weight_is_followed():
    _matches_torch("conv_subclass_own_forward.py", "SameNet", lambda ns: ns["SameNet"](), (2, 1, 100))


def test_split_with_a_list_of_sizes_gives_each_piece():
    _matches_torch("split_with_sizes.py", "Distill", lambda ns: ns["Distill"](32), (1, 32, 12, 12),
                   Settings(input_shapes={"Distill": (1, 32, 12, 12)},
                            model_args={"Distill": ([32], {})}))
    (analysis,) = [m for m in lint("split_with_sizes.py", Distill=(1, 32, 12, 12)).models if m.name == "Distill"]
    assert all("split" not in u.why for u in analysis.unresolved)


def test_a_sequential_helper_skips_the_holes_and_flattens_what_it_is_given():
    _matches_torch("sequential_helper_holes.py", "Body", lambda ns: ns["Body"](), (1, 3, 8, 8))
    (analysis,) = [m for m in lint("sequential_helper_holes.py", Body=(1, 3, 8, 8)).models if m.name == "Body"]
    assert analysis.unresolved == []


def test_the_children_of_a_sequential_not_known_are_not_known():
    result = lint("sequential_helper_holes.py", Layers=(1, 3, 8, 8))
    assert errors(result) == []
    (analysis,) = [m for m in result.models if m.name == "Layers"]
    assert any("loop over values not known" in u.why for u in analysis.unresolved)
    torch = pytest.importorskip("torch")
    layers = [torch.nn.Conv2d(3, 8, 3, padding=1), torch.nn.ReLU()]
    assert load("sequential_helper_holes.py")["Layers"](layers)(torch.zeros(1, 3, 8, 8)).shape == (1, 12, 8, 8)


def test_a_sequential_subclass_filled_from_a_list_not_known_is_not_the_identity():
    result = lint("sequential_subclass_unknown_list.py", Net=(1, 16, 8, 8))
    # (the one error is the scale the Upsampler names, 3, which the Linear is not sized for: torch
    # refuses it too; with the scale unknown, nothing is reported)
    assert [d.message for d in result.diagnostics if d.severity == "error" and "with args.scale=3" not in d.message] == []
    (analysis,) = [m for m in result.models if m.name == "Net"]
    assert any("modules of this Sequential are not known" in u.why for u in analysis.unresolved)
    torch = pytest.importorskip("torch")
    from argparse import Namespace

    assert load("sequential_subclass_unknown_list.py")["Net"](Namespace(scale=2))(torch.zeros(1, 16, 8, 8)).shape \
        == (1, 10)
    with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
        load("sequential_subclass_unknown_list.py")["Net"](Namespace(scale=3))(torch.zeros(1, 16, 8, 8))


def test_quantization_stubs_and_float_functional_are_the_ops_they_stand_for():
    result = lint("quantization_float_modules.py", QuantNet=(2, 3, 16, 16))
    assert errors(lint("quantization_float_modules.py")) == [("QuantNetWrongHead", 46, "CL101")]
    predicted = _predicted(result, "QuantNet")
    torch = pytest.importorskip("torch")
    from convlint.report.json_report import model_out

    namespace = load("quantization_float_modules.py")
    real = namespace["QuantNet"]()
    outputs = _first_outputs(real, torch.zeros(2, 3, 16, 16))
    assert "block.join.activation_post_process" in outputs  # each method's result, through the observer slot
    assert {k: predicted.get(k) for k in outputs} == outputs
    (analysis,) = [m for m in result.models if m.name == "QuantNet"]
    params = {layer.name: layer.params for layer in model_out(analysis).layers}
    assert params == {n: sum(p.numel() for p in m.parameters()) for n, m in real.named_modules() if n}
    with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
        namespace["QuantNetWrongHead"]()(torch.zeros(2, 3, 16, 16))


@pytest.mark.parametrize(("model", "shape"), [("Segmenter", (2, 3, 32, 32)), ("Trunk", (2, 3, 16, 16))])
def test_a_backbone_cut_by_named_children_and_del_keeps_the_modules_torch_keeps(model, shape):
    assert errors(lint("feature_getter_children.py")) == []
    result = lint("feature_getter_children.py", **{model: shape})
    assert errors(result) == []
    predicted = _predicted(result, model)
    (analysis,) = [m for m in result.models if m.name == model]
    torch = pytest.importorskip("torch")
    real = load("feature_getter_children.py")[model]()
    outputs = _first_outputs(real, torch.zeros(*shape))
    assert {k: predicted.get(k) for k in outputs} == outputs
    assert [n.path for n in analysis.modules()] == [n for n, _ in real.named_modules() if n]


def test_getattr_of_a_private_flag_some_blocks_never_set_gives_the_default():
    # (at the call passing head_in=32, which `head_in or channels` takes)
    assert errors(lint("private_flag_getattr.py")) == [("TappedWrongHead", 47, "CL103")]
    predicted = _predicted(lint("private_flag_getattr.py", Tapped=(2, 3, 32, 32)), "Tapped")
    torch = pytest.importorskip("torch")
    namespace = load("private_flag_getattr.py")
    outputs = _first_outputs(namespace["Tapped"](), torch.zeros(2, 3, 32, 32))
    assert outputs[""] == (2, 4, 8, 8)
    assert {k: predicted.get(k) for k in outputs} == outputs
    with pytest.raises(RuntimeError, match="expected input.* to have 32 channels, but got 24"):
        namespace["TappedWrongHead"]()(torch.zeros(2, 3, 32, 32))


def _params_of(result, model: str) -> dict:
    from convlint.report.json_report import model_out

    (analysis,) = [m for m in result.models if m.name == model]
    return {layer.name: layer.params for layer in model_out(analysis).layers}


def test_parameters_declared_none_first_or_registered_count_as_torch_counts():
    result = lint("parameters_declared_none_first.py", Video=(2, 48, 12))
    assert errors(result) == []
    torch = pytest.importorskip("torch")
    real = load("parameters_declared_none_first.py")["Video"]()
    assert _params_of(result, "Video") == {n: sum(p.numel() for p in m.parameters()) for n, m in real.named_modules()
                                           if n}
    outputs = _first_outputs(real, torch.zeros(2, 48, 12))
    predicted = _predicted(result, "Video")
    assert {k: predicted.get(k) for k in outputs} == outputs


def test_attention_blocks_give_torchs_shapes_and_parameters():
    result = lint("attention_blocks.py", Encoder=(2, 16, 16))
    (analysis,) = [m for m in result.models if m.name == "Encoder"]
    assert analysis.unresolved == []
    torch = pytest.importorskip("torch")
    namespace = load("attention_blocks.py")
    real = namespace["Encoder"]()
    assert _params_of(result, "Encoder") == {n: sum(p.numel() for p in m.parameters())
                                             for n, m in real.named_modules() if n}
    outputs = _first_outputs(real, torch.zeros(2, 16, 16))
    predicted = _predicted(result, "Encoder")
    assert {k: predicted.get(k) for k in outputs} == outputs
    assert errors(lint("attention_blocks.py", EncoderWrongHead=(2, 16, 16))) == [("EncoderWrongHead", 57, "CL101")]
    with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
        namespace["EncoderWrongHead"]()(torch.zeros(2, 16, 16))


def test_paths_that_differ_only_in_the_length_keep_the_channels():
    from convlint.values import Unknown

    assert errors(lint("join_keeps_agreed_dims.py")) == [("Wrong", 30, "CL103")]  # where c2 is built
    torch = pytest.importorskip("torch")
    namespace = load("join_keeps_agreed_dims.py")
    with pytest.raises(RuntimeError, match="to have 32 channels, but got 16 channels"):
        namespace["Wrong"]()(torch.zeros(2, 1, 100))
    result = lint("join_keeps_agreed_dims.py", DataPadded=(2, 3, 10), RankChanged=(2, 3, 10))
    assert errors(result) == [("Wrong", 30, "CL103")]
    predicted = _predicted(result, "DataPadded")
    for sign in (1, -1):  # the pad taken, and not
        real = namespace["DataPadded"]()
        torch.nn.init.constant_(real.conv.bias, sign)
        outputs = _first_outputs(real, torch.zeros(2, 3, 10))
        assert predicted["norm"][:2] == outputs["norm"][:2] and isinstance(predicted["norm"][2], Unknown)
        assert {k: predicted[k] for k in ("conv", "head", "")} == {k: outputs[k] for k in ("conv", "head", "")}
    (analysis,) = [m for m in result.models if m.name == "RankChanged"]
    assert analysis.output.shape.dims is None


def test_an_autograd_function_applied_runs_its_static_forward():
    assert errors(lint("autograd_function_apply.py")) == [("Wrong", 62, "CL104")]
    torch = pytest.importorskip("torch")
    namespace = load("autograd_function_apply.py")
    with pytest.raises(RuntimeError, match="running_mean should contain 8 elements not 16"):
        namespace["Wrong"]().eval()(torch.zeros(2, 3, 8, 8))
    result = lint("autograd_function_apply.py", Shaken=(2, 3, 8, 8))
    assert [e for e in errors(result) if e[0] == "Shaken"] == []
    outputs = _first_outputs(namespace["Shaken"](), torch.zeros(2, 3, 8, 8))
    predicted = _predicted(result, "Shaken")
    assert {k: predicted.get(k) for k in outputs} == outputs
    (analysis,) = [m for m in result.models if m.name == "Shaken"]
    assert analysis.unresolved == []


@pytest.mark.parametrize(("model", "shape"), [
    ("SelectKernel", (2, 8, 8, 8)), ("SincBank", (2, 1, 64)), ("ChannelNorm", (2, 3, 20))])
def test_in_place_shape_methods_views_of_every_size_and_legacy_constructors_are_torchs(model, shape):
    _matches_torch("signal_net_tensor_forms.py", model, lambda ns: ns[model](), shape)
    (analysis,) = [m for m in lint("signal_net_tensor_forms.py", **{model: shape}).models if m.name == model]
    assert analysis.output.shape.dims is not None


def test_a_layer_both_paths_of_an_unknown_condition_run_is_certain():
    """data_parallel(self.main, x) or self.main(x): the wrong conv inside runs either way."""
    assert errors(lint("both_paths_run_the_layer.py")) == [("Discriminator", 28, "CL103")]
    result = lint("both_paths_run_the_layer.py", Discriminator=(2, 3, 64, 64))
    assert errors(result) == [("Discriminator", 28, "CL103")]
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="expected input.* to have 192 channels"):
        load("both_paths_run_the_layer.py")["Discriminator"](1)(torch.zeros(2, 3, 64, 64))


def test_numpy_argument_names_given_to_torch_functions_are_torchs():
    _matches_torch("cat_numpy_axis.py", "Inception", lambda ns: ns["Inception"](), (2, 4, 50))
    assert errors(lint("cat_numpy_axis.py")) == []


def test_a_list_attribute_appended_in_a_loop_not_followed_is_unknown():
    assert errors(lint("list_attribute_appended_in_unknown_loop.py")) == []
    (analysis,) = [m for m in lint("list_attribute_appended_in_unknown_loop.py", SampleCNN=(2, 1, 81)).models
                   if m.name == "SampleCNN"]
    from convlint.values import Unknown

    assert not isinstance(analysis.output.shape.dims[1], int) and analysis.unresolved  # out_dim not given
    from convlint.config import parse_model_args

    settings = Settings(input_shapes={"SampleCNN": (2, 1, 81)},
                        model_args=dict([parse_model_args("SampleCNN([3, 3, 3], 10)")]))
    _matches_torch("list_attribute_appended_in_unknown_loop.py", "SampleCNN",
                   lambda ns: ns["SampleCNN"]([3, 3, 3], 10), (2, 1, 81), settings)


def test_glu_torch_where_signal_windows_and_ellipsis_slices_are_torchs():
    _matches_torch("resampling_kernel_forms.py", "Unet", lambda ns: ns["Unet"](), (2, 1, 64))
    (analysis,) = [m for m in lint("resampling_kernel_forms.py", Unet=(2, 1, 64)).models if m.name == "Unet"]
    assert analysis.unresolved == [] and analysis.output.shape.dims == (2, 1, 64)


def test_an_optional_package_not_installed_runs_the_import_fallback():
    assert errors(lint("optional_import_fallback.py")) == [("WrongStem", 52, "CL103")]
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="expected input.* to have 16 channels, but got 32 channels"):
        load("optional_import_fallback.py")["WrongStem"]()(torch.zeros(2, 3, 16, 16))
    result = lint("optional_import_fallback.py", Stem=(2, 3, 16, 16))
    _agrees_with_torch(result, "optional_import_fallback.py", "Stem", (2, 3, 16, 16))
    (analysis,) = [m for m in result.models if m.name == "Stem"]
    assert analysis.unresolved == []


def test_a_sequential_of_modules_not_all_known_is_listed_as_not_followed(tmp_path):
    source = (CORPUS / "optional_import_fallback.py").read_text().replace("except:", "except ValueError:")
    (tmp_path / "installed_or_not.py").write_text(source)
    result = lint_file(tmp_path / "installed_or_not.py", "installed_or_not.py", Settings(input_shapes={"Stem": (2, 3, 16, 16)}))
    (analysis,) = [m for m in result.models if m.name == "Stem"]
    # what fc gives, if it runs, has its 10 channels; nothing else of it is known
    batch, channels, *sides = analysis.output.shape.dims
    assert channels == 10 and not any(isinstance(d, int) for d in (batch, *sides))
    assert any("not known statically" in u.why for u in analysis.unresolved)
    assert errors(result) == []


def test_numpy_log2_and_sqrt_of_a_size_are_followed():
    torch = pytest.importorskip("torch")
    result = lint("numpy_log2_sizes.py", Generator=(2, 16), WrongGenerator=(2, 16))
    assert errors(result) == [("WrongGenerator", 37, "CL103")]
    _agrees_with_torch(result, "numpy_log2_sizes.py", "Generator", (2, 16))
    with pytest.raises(RuntimeError, match="to have 16 channels, but got 32 channels"):
        load("numpy_log2_sizes.py")["WrongGenerator"]()(torch.zeros(2, 16))


@pytest.mark.parametrize("upsample", [True, False])
def test_a_module_compared_to_none_with_equals_is_never_none(upsample):
    from convlint.config import parse_model_args

    given = dict([parse_model_args(f"Decoder(upsample={upsample})")])
    settings = Settings(input_shapes={"Decoder": (1, 3, 16, 16)}, model_args=given)
    _matches_torch("module_compared_to_none.py", "Decoder", lambda ns: ns["Decoder"](upsample=upsample),
                   (1, 3, 16, 16), settings)
    (analysis,) = [m for m in lint_file(CORPUS / "module_compared_to_none.py", "m.py", settings).models]
    assert analysis.unresolved == []


def test_a_block_shared_by_a_gans_two_models_is_blamed_at_the_wrong_call(tmp_path):
    assert errors(lint("gan_shared_attention_block.py")) == [("Generator", 27, "CL102"), ("Generator", 36, "CL103")]
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="to have 64 channels, but got 32 channels"):
        load("gan_shared_attention_block.py")["Generator"]()(torch.zeros(2, 16))
    fixed = tmp_path / "fixed_gan.py"
    fixed.write_text((CORPUS / "gan_shared_attention_block.py").read_text().replace("SelfAttn(64)", "SelfAttn(32)"))
    assert errors(lint_file(fixed, "fixed_gan.py", Settings())) == []
    result = lint_file(fixed, "fixed_gan.py", Settings(input_shapes={"Generator": (2, 16)}))
    namespace: dict = {"__name__": "corpus_case"}
    exec(compile(fixed.read_text(), "fixed_gan.py", "exec"), namespace)
    outputs = _first_outputs(namespace["Generator"](), torch.zeros(2, 16))
    predicted = _predicted(result, "Generator")
    assert {k: predicted.get(k) for k in outputs} == outputs
    (symbolic,) = [m for m in lint_file(fixed, "fixed_gan.py", Settings()).models if m.name == "Generator"]
    assert [c.output.shape.dims[1:] for c in symbolic.calls if c.node.path == "l2"] == [(32, 8, 8)]


@pytest.mark.parametrize(("model", "shape"), [("SummedASPP", (1, 8, 9, 9)), ("ConcatASPP", (1, 8, 9, 9))])
def test_aspp_heads_summing_or_concatenating_their_branches_are_torchs(model, shape):
    torch = pytest.importorskip("torch")
    result = lint("aspp_branch_holders.py", **{model: shape})
    assert [e for e in errors(result) if e[0] == model] == []
    _agrees_with_torch(result, "aspp_branch_holders.py", model, shape)
    assert _params_of(result, model) == {n: sum(p.numel() for p in m.parameters())
                                         for n, m in load("aspp_branch_holders.py")[model]().named_modules()
                                         if n and n in _params_of(result, model)}


def test_a_wrong_count_after_a_bare_module_holders_branches_is_found():
    assert errors(lint("aspp_branch_holders.py")) == [("WrongConcatASPP", 40, "CL103")]
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="to have 8 channels, but got 12 channels"):
        load("aspp_branch_holders.py")["WrongConcatASPP"]()(torch.zeros(1, 8, 9, 9))


def test_a_latent_or_list_of_latents_and_a_flip_are_followed():
    _matches_torch("latent_list_or_tensor.py", "Mapping", lambda ns: ns["Mapping"](), (2, 16))


def test_a_pair_holding_none_passed_through_a_sequential_reaches_every_cell():
    # NASNet's `x, prev = self.cell_layers((x, None))`: the None is a value like any other
    result = lint("tuple_with_none_through_sequential.py", PairCells=(2, 3, 16, 16))
    assert errors(result) == []
    real = _agrees_with_torch(result, "tuple_with_none_through_sequential.py", "PairCells", (2, 3, 16, 16))
    assert real["cells.2.fit"] == (2, 8, 8, 8) and len(real) >= 20


def test_a_list_compared_to_a_number_is_unequal_and_a_stored_bound_method_is_called():
    result = lint("list_compared_to_number.py", Stages=(2, 4, 8, 8))
    _followed_without_errors(result, "Stages")
    real = _agrees_with_torch(result, "list_compared_to_number.py", "Stages", (2, 4, 8, 8))
    assert real["units.0"] == (2, 16, 4, 4)


@pytest.mark.filterwarnings("ignore:`torch.jit.script:DeprecationWarning")
def test_blocks_deriving_from_script_module_are_modules():
    result = lint("script_module_blocks.py", Scripted=(2, 3, 8, 8))
    assert errors(result) == [("Wrong", 45, "CL101")]
    torch = pytest.importorskip("torch")
    import importlib.util  # TorchScript compiles forward from the file's source: import, not exec

    spec = importlib.util.spec_from_file_location("script_module_blocks", CORPUS / "script_module_blocks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    namespace = vars(module)
    with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
        namespace["Wrong"]()(torch.zeros(2, 3, 8, 8))
    real = namespace["Scripted"]().eval()
    predicted = _predicted(result, "Scripted")
    assert predicted["blocks.1"] == (2, 16, 4, 4)
    assert predicted[""] == tuple(real(torch.zeros(2, 3, 8, 8)).shape)
    assert predicted["blocks.1"] == tuple(real.blocks[1](torch.zeros(2, 8, 8, 8)).shape)


def test_a_none_slot_in_a_sequential_stops_it_as_in_torch():
    result = lint("sequential_none_slot.py")
    assert errors(result) == []
    block = next(m for m in result.models if m.name == "SkipBlock")
    assert any("model.1 is None" in u.why for u in block.unresolved)
    pair = next(m for m in lint("sequential_none_slot.py", SkipPair=(2, 4, 8, 8)).models if m.name == "SkipPair")
    torch = pytest.importorskip("torch")
    namespace = load("sequential_none_slot.py")
    with pytest.raises(TypeError, match="'NoneType' object is not callable"):
        namespace["SkipBlock"](4, 8)(torch.zeros(2, 4, 8, 8))
    assert pair.output.shape.dims == tuple(namespace["SkipPair"]()(torch.zeros(2, 4, 8, 8)).shape)


def test_one_unknown_size_argument_may_be_a_whole_size_list():
    # x.new_full(batch_shape, 0) / x.reshape(shape), the list built by a loop not followed
    for shape in ({}, {"PaddedBatch": (2, 3, 16, 16), "Reshaped": (2, 3, 16, 16)}):
        assert errors(lint("size_list_not_followed.py", **shape)) == []
    torch = pytest.importorskip("torch")
    namespace = load("size_list_not_followed.py")
    for name in ("PaddedBatch", "Reshaped"):
        assert namespace[name]()(torch.zeros(2, 3, 16, 16)).shape == (2, 8, 16, 16)


def test_unbind_tensor_split_and_repeat_interleave_follow_torch():
    result = lint("unbind_split_interleave.py", Attention=(2, 8, 16), Strided=(2, 8, 16))
    assert errors(result) == [("Strided", 46, "CL101")]
    (model,) = [m for m in result.models if m.name == "Attention"]
    assert model.unresolved == []
    torch = pytest.importorskip("torch")
    namespace = load("unbind_split_interleave.py")
    real = _first_outputs(namespace["Attention"](), torch.zeros(2, 8, 16))
    predicted = _predicted(result, "Attention")
    assert {k: predicted.get(k) for k in real} == real
    assert real["qkv"] == (2, 9, 48) and real[""] == (2, 16)
    with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
        namespace["Strided"]()(torch.zeros(2, 8, 16))


def test_a_copied_list_is_a_list_and_its_own_copy():
    # Swin's `window = self.window_size.copy()` shrunk to the map; the module's list stays 7
    result = lint("list_copy_adapted.py", Windowed=(2, 4, 4, 8))
    _followed_without_errors(result, "Windowed")
    real = _agrees_with_torch(result, "list_copy_adapted.py", "Windowed", (2, 4, 4, 8))
    assert real["proj"] == (2, 4, 4, 8)


def test_unary_elementwise_ops_keep_the_shape():
    result = lint("log_spaced_coords.py", Bias=(2, 3))
    _followed_without_errors(result, "Bias")
    real = _agrees_with_torch(result, "log_spaced_coords.py", "Bias", (2, 3))
    assert real["mlp.0"] == (1, 7, 7, 32)


def test_numpy_linspace_counts_and_module_list_iadd_inside_site_packages(tmp_path):
    # the package linted where it is installed: numpy's source beside it is never read
    fake = tmp_path / "numpy"
    fake.mkdir()
    (fake / "__init__.py").write_text("from . import _core\n\n\ndef linspace(start, stop, num=50):\n"
                                      "    return _core.linspace(start, stop, num)\n")
    package = tmp_path / "models"
    package.mkdir()
    (package / "__init__.py").write_text("")
    source = (CORPUS / "linspace_rates_module_list_iadd.py").read_text()
    (package / "rated.py").write_text(source)
    result = lint_file(package / "rated.py", str(package / "rated.py"), Settings(input_shapes={"Rated": (2, 8)}))
    _followed_without_errors(result, "Rated")
    real = _agrees_with_torch(result, "linspace_rates_module_list_iadd.py", "Rated", (2, 8))
    assert real["layers.2.fc"] == (2, 8) and real["head.2"] == (2, 10)


def test_a_size_list_not_followed_is_listed_as_unresolved():
    result = lint("size_list_not_followed.py")
    for name in ("PaddedBatch", "Reshaped"):
        (model,) = [m for m in result.models if m.name == name]
        assert any("sizes not known statically" in u.why for u in model.unresolved), model.unresolved


FLOAT_PADDING = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, kernel_size=(7, 1), padding=((7 - 1) / 2, 0))
        self.other = nn.Conv2d(8, 8, 3, padding="full")

    def forward(self, x):
        return self.other(self.conv(x))
'''


def test_a_union_argument_torch_refuses_is_told_in_the_kind_the_user_wrote():
    """ZijunDeng GCN's `padding=((k - 1) / 2, 0)` (a float under Python 3): the message said
    "padding must be an int, got 3.0; padding Input should be 'same' or 'valid'"."""
    from convlint.pipeline import lint_text

    result = lint_text(FLOAT_PADDING, "net.py", Settings())
    messages = [d.message.split("torch rejects: ")[1] for d in result.diagnostics if d.code == "CL106"]
    assert messages == ["padding must be an int, got 3.0", "padding must be 'same' or 'valid', got 'full'"]
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(FLOAT_PADDING.replace('self.other = nn.Conv2d(8, 8, 3, padding="full")', "self.other = nn.Identity()"),
         namespace)
    with pytest.raises(TypeError, match="conv2d"):
        namespace["Net"]()(torch.zeros(1, 3, 16, 16))
    with pytest.raises(ValueError, match="Invalid padding string 'full'"):
        torch.nn.Conv2d(8, 8, 3, padding="full")


def test_a_package_with_no_init_imported_by_its_full_name_is_followed(tmp_path, monkeypatch):
    """seg/models/net.py does `from seg.models.blocks import Down, Up` with no __init__.py
    anywhere: the blocks are read from the root holding seg/, as Python finds them."""
    from convlint.report.json_report import model_out

    source = CORPUS / "namespace_package"
    path = source / "seg/models/net.py"
    result = lint_file(path, str(path), Settings(input_shapes={"SegNet": (1, 3, 32, 32)}))
    assert errors(result) == []
    (analysis,) = result.models
    assert analysis.unresolved == []
    layers = {layer.name: layer.output_shape for layer in model_out(analysis).layers}
    torch = pytest.importorskip("torch")
    monkeypatch.syspath_prepend(str(source))
    from seg.models.net import SegNet

    real = SegNet().eval()
    seen = {}
    for name, module in real.named_modules():
        if name:
            module.register_forward_hook(
                lambda m, i, o, name=name: None if isinstance(o, tuple) else seen.setdefault(name, list(o.shape)) and None)
    with torch.no_grad():
        real(torch.zeros(1, 3, 32, 32))
    assert len(seen) >= 20
    assert {name: layers[name] for name in seen} == seen
    # a wrong in_channels in a block built through that import is found with no input size
    import shutil
    import sys

    shutil.copytree(source / "seg", tmp_path / "seg")
    net = tmp_path / "seg/models/net.py"
    net.write_text(net.read_text().replace("Up(64, 32)", "Up(32, 32)"))
    assert errors(lint_file(net, str(net), Settings())) == [("SegNet", 27, "CL103")]
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in [m for m in sys.modules if m == "seg" or m.startswith("seg.")]:
        monkeypatch.delitem(sys.modules, name)
    from seg.models.net import SegNet as Broken

    with pytest.raises(RuntimeError, match="expected input.* to have 32 channels, but got 64"):
        Broken()(torch.zeros(1, 3, 32, 32))


@pytest.mark.filterwarnings("ignore:.*upsample.* is deprecated")
def test_a_layer_given_its_input_by_keyword_and_a_torch_size_upsample_match_torch():
    real = _agrees_with_torch(lint("keyword_input_and_torch_size.py", Decoder=(1, 3, 32, 32)),
                              "keyword_input_and_torch_size.py", "Decoder", (1, 3, 32, 32))
    assert real["unpool"] == (1, 16, 32, 32) and real["head"] == (1, 4, 64, 64)
    (analysis,) = lint("keyword_input_and_torch_size.py", Decoder=(1, 3, 32, 32)).models
    assert analysis.unresolved == []


def test_a_sample_of_a_torch_distribution_has_its_parameters_shape():
    result = lint("distribution_rsample.py", SmallVae=(2, 3, 16, 16))
    (analysis,) = [m for m in result.models if m.name == "SmallVae"]
    assert analysis.unresolved == []
    real = _agrees_with_torch(result, "distribution_rsample.py", "SmallVae", (2, 3, 16, 16))
    assert real["decoder"] == (2, 3, 16, 16)
    # with no input size, a decoder built for the wrong latent channels is found, at the call that
    # passes `decoder_in=16` (`decoder_in or latent` takes it)
    assert [e for e in errors(lint("distribution_rsample.py")) if e[0] == "WrongLatent"] == [("WrongLatent", 40, "CL103")]
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="to have 16 channels, but got 8"):
        load("distribution_rsample.py")["WrongLatent"]()(torch.zeros(2, 3, 16, 16))


def test_an_add_that_broadcasts_only_at_sizes_where_the_model_stops_is_an_error():
    """(H+1)/2 + H broadcasts at H = 1 or 2 only: rerun there, Encoder stops (no size runs: it is
    reported, at the shortcut that lacks the main path's stride, with the add as related), PooledHead
    runs at 2x2 as torch does, and at 64x64 stops at the add: only inputs of 1 or 2 pixels run."""
    found = errors(lint("residual_stride_pinned.py"))
    assert found == [("Encoder", 25, "CL107")]
    (diagnostic,) = [d for d in lint("residual_stride_pinned.py").diagnostics if d.code == "CL107"]
    assert "broadcast only where H = 1 or 2, W = 1 or 2" in diagnostic.message
    assert "keeps the width at W, but the other path of + on line 31 divides it by 2" in diagnostic.message
    assert diagnostic.fix.startswith("Give the shortcut down1.skip stride=2")
    assert 31 in {span.line for span in diagnostic.related}
    (pooled,) = errors(lint_file(CORPUS / "residual_stride_pinned.py", "residual_stride_pinned.py",
                                 Settings(model="PooledHead")))
    assert pooled == ("PooledHead", 25, "CL107")
    torch = pytest.importorskip("torch")
    namespace = load("residual_stride_pinned.py")
    for size in (1, 2, 64):
        with pytest.raises(RuntimeError):
            namespace["Encoder"]().eval()(torch.zeros(1, 3, size, size))
    with pytest.raises(RuntimeError, match="must match the size of tensor b"):
        namespace["PooledHead"]()(torch.zeros(1, 3, 32, 32))
    assert namespace["PooledHead"]().eval()(torch.zeros(1, 3, 2, 2)).shape == (1, 10)


def test_a_layer_given_no_tensor_it_knows_is_listed_never_silent():
    """`self.conv(inp=x)` (a keyword torch's forward does not take): its output unknown, and said."""
    from convlint.pipeline import lint_text

    source = (CORPUS / "keyword_input_and_torch_size.py").read_text().replace("self.mix(input=x)", "self.mix(inp=x)")
    (analysis,) = lint_text(source, "decoder.py", Settings()).models
    assert [u.why for u in analysis.unresolved][0] == "mix called without a tensor: its output is unknown"


GIVEN_BY_EVERY_CALL = '''
import torch.nn as nn


class UpBlock(nn.Module):
    def __init__(self, cin, cout, stride=1):
        super().__init__()
        self.model = nn.Sequential(nn.BatchNorm2d(cin), nn.Upsample(scale_factor=2), nn.Conv2d(cin, cout, 3, padding=1))
        self.bypass = nn.Sequential()
        if stride != 1:
            self.bypass = nn.Upsample(scale_factor=2)

    def forward(self, x):
        return self.model(x) + self.bypass(x)


class Generator(nn.Module):
    def __init__(self, z_dim=16):
        super().__init__()
        self.dense = nn.Linear(z_dim, 8 * 4 * 4)
        self.blocks = nn.Sequential(UpBlock(8, 8, stride=2), UpBlock(8, 8, 2))

    def forward(self, z):
        return self.blocks(self.dense(z).view(-1, 8, 4, 4))
'''


def test_a_default_every_call_overrides_is_not_how_the_block_is_checked_alone():
    """SN-GAN's ResBlockGenerator: with its default stride of 1 the upsampled path meets an
    identity (it runs only on 1x1 inputs); every call in the file gives stride=2 and the generator
    built so runs, so what the block meets on its own with that default is not reported."""
    from convlint.pipeline import lint_text

    result = lint_text(GIVEN_BY_EVERY_CALL, "gen.py", Settings())
    assert not [d for d in result.diagnostics if d.severity == "error"]
    block = next(m for m in result.models if m.name == "UpBlock")
    assert block.defaults_never_used == ("stride",)
    broken = GIVEN_BY_EVERY_CALL.replace("UpBlock(8, 8, 2))", "UpBlock(8, 8))")  # one call leaves the default
    assert [d.code for d in lint_text(broken, "gen.py", Settings()).diagnostics if d.severity == "error"]
    # a block whose own code is wrong fails in the file's model too: its error on its own stays
    wrong = GIVEN_BY_EVERY_CALL.replace("nn.Conv2d(cin, cout, 3, padding=1)", "nn.Conv2d(cin + 1, cout, 3, padding=1)")
    assert (8, "CL103") in [(d.span.line, d.code) for d in lint_text(wrong, "gen.py", Settings()).diagnostics
                            if d.severity == "error"]
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(GIVEN_BY_EVERY_CALL, "gen.py", "exec"), namespace)
    assert namespace["Generator"]()(torch.zeros(2, 16)).shape == (2, 8, 16, 16)
    with pytest.raises(RuntimeError, match="must match"):
        namespace["UpBlock"](8, 8)(torch.zeros(1, 8, 4, 4))


HANDED_TO_AN_INITIALIZER = '''
import torch
import torch.nn as nn


class Small(nn.Module):
    def __init__(self, input_nc, ngf):
        super().__init__()
        self.conv = nn.Conv2d(input_nc, ngf, 3, padding=1)
        self.head = nn.Conv2d(ngf * 2, 3, 1)

    def forward(self, x):
        return self.head(self.conv(x))


def init_net(net, init_type="normal", gpu_ids=[]):
    if len(gpu_ids) > 0:
        net = torch.nn.DataParallel(net, gpu_ids)
    return net


def define_G(input_nc, ngf, netG):
    net = None
    if netG == "small":
        net = Small(input_nc, ngf)
    else:
        raise NotImplementedError(netG)
    return init_net(net, "normal")


netG = define_G(3, 16, "small")
'''


def test_a_factory_that_hands_its_model_to_an_initializer_is_a_factory():
    """pix2pix's define_G: `return init_net(net, init_type, init_gain, gpu_ids)`, built by the
    file's code with its arguments: the model it returns is checked."""
    result = lint_text(HANDED_TO_AN_INITIALIZER, "networks.py", Settings())
    assert "define_G" in [m.name for m in result.models]
    assert ("define_G", 10, "CL103") in errors(result)
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(HANDED_TO_AN_INITIALIZER, "networks.py", "exec"), namespace)
    with pytest.raises(RuntimeError, match="to have 32 channels, but got 16 channels"):
        namespace["netG"](torch.zeros(1, 3, 8, 8))


REPLACED_RELU = '''
import torch
import torch.nn as nn


def _replace_relu(module):
    reassign = {}
    for name, mod in module.named_children():
        _replace_relu(mod)
        if type(mod) is nn.ReLU or type(mod) is nn.ReLU6:
            reassign[name] = nn.ReLU(inplace=False)
    for key, value in reassign.items():
        module._modules[key] = value


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.down = nn.Sequential(nn.Conv2d(3, 8, 1, stride=2, bias=False), nn.BatchNorm2d(8))
        self.relu = nn.ReLU(inplace=True)
        self.add = torch.ao.nn.quantized.FloatFunctional()

    def forward(self, x):
        return self.add.add_relu(self.relu(self.down(x)), self.down(x))


def make():
    model = Block()
    _replace_relu(model)
    return model
'''


def test_type_of_a_torch_layer_is_its_class_and_modules_items_replace_children():
    """torchvision's quantizable models run `_replace_relu(model)`: `type(mod) is nn.ReLU` of a
    Conv2d or a FloatFunctional is False, and `module._modules[key] = value` replaces the child;
    both were unknown, and every block's parameters with them."""
    from convlint.report.summary import build_summary

    result = lint_text(REPLACED_RELU, "q.py", Settings(input_shapes={"make": (1, 3, 8, 8)}))
    (model,) = [m for m in result.models if m.name == "make"]
    assert model.unresolved == []
    summary = build_summary(model, result.diagnostics)
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(REPLACED_RELU, "q.py", "exec"), namespace)
    real = namespace["make"]()
    assert real.relu.inplace is False
    assert summary.total_params == sum(p.numel() for p in real.parameters())
    assert summary.rows[0].output_shape == list(real(torch.zeros(1, 3, 8, 8)).shape)


def test_the_features_a_view_sets_are_named_as_the_view_s():
    """`x.view(x.size(0), 16 * 4 * 4)` of 16 x h x w features before a Linear sized for 2 x 2: with
    no input size the 256 are the view's number, and the view is reported, naming the Linear; the
    Linear too, as nothing says which of the two hard-coded counts is stale."""
    source = ("import torch.nn as nn\n\n\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n"
              "        self.features = nn.Sequential(nn.Conv2d(3, 16, 3, stride=2, padding=1), nn.MaxPool2d(8))\n"
              "        self.fc = nn.Linear(16 * 2 * 2, 10)\n\n    def forward(self, x):\n"
              "        x = self.features(x)\n        return self.fc(x.view(x.size(0), 16 * 4 * 4))\n")
    # at 64 x 64 inputs the view holds and the Linear refuses its 256
    at_64 = Settings(input_shapes={"Net": (2, 3, 64, 64)})
    (finding,) = [d for d in lint_text(source, "net.py", at_64).diagnostics if d.severity == "error"]
    assert finding.code == "CL101" and "gives 16 x 4 x 4 = 256 per sample" in finding.message
    # with no input size, the view, which torch refuses wherever the Linear fits the map (at 32 x 32
    # inputs), naming the Linear that refuses the view's 256 at the other sizes, and that Linear
    linear, view = [d for d in lint_text(source, "net.py", Settings()).diagnostics if d.severity == "error"]
    assert (linear.code, linear.span.line) == ("CL101", 8) and "gives 256 per sample" in linear.message
    assert (view.code, view.span.line) == ("CL102", 12) and "fc = Linear(64, 10) takes 64" in view.message
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(source, "net.py", "exec"), namespace)
    with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
        namespace["Net"]()(torch.zeros(2, 3, 64, 64))
    with pytest.raises(RuntimeError, match=r"shape '\[2, 256\]' is invalid for input of size 128"):
        namespace["Net"]()(torch.zeros(2, 3, 32, 32))


def test_a_shortcut_replaced_on_one_path_keeps_the_block_output():
    assert errors(lint("shortcut_replaced_on_a_path.py")) == [("Wrong", 52, "CL101")]
    torch = pytest.importorskip("torch")
    namespace = load("shortcut_replaced_on_a_path.py")
    with pytest.raises(RuntimeError, match=r"\(2x64 and 256x10\)"):
        namespace["Wrong"](4)(torch.zeros(2, 3, 8, 8))
    for widen_factor in (1, 2, 4):
        assert namespace["Right"](widen_factor)(torch.zeros(2, 3, 8, 8)).shape == (2, 10)
    (right,) = [m for m in lint("shortcut_replaced_on_a_path.py").models if m.name == "Right"]
    assert str(right.output.shape) == "Nx10"


def test_a_view_to_a_multiple_of_an_argument_that_splits_samples_is_reported_at_the_view():
    result = lint("view_of_an_argument_width.py")
    assert errors(result) == [("Wrong", 32, "CL102")]
    (view,) = [d for d in result.diagnostics if d.code == "CL102"]
    assert "for no w_base and no input size is a row one sample" in view.message
    torch = pytest.importorskip("torch")
    namespace = load("view_of_an_argument_width.py")
    with pytest.raises(RuntimeError, match=r"\(4x64 and 128x10\)"):
        namespace["Wrong"](32, 10)(torch.zeros(2, 3, 8, 8))
    for width in (1, 3, 32):
        assert namespace["Right"](width, 10)(torch.zeros(2, 3, 8, 8)).shape == (2, 10)
        assert namespace["PerPixel"](width)(torch.zeros(2, 3, 5, 5)).shape == (50, 4)


def test_a_count_several_layers_of_a_block_read_is_blamed_at_the_call_passing_it():
    result = lint("call_site_count_read_by_several_layers.py")
    assert {(model, line) for model, line, _ in errors(result)} == {("Wrong", 52)}
    torch = pytest.importorskip("torch")
    namespace = load("call_site_count_read_by_several_layers.py")
    with pytest.raises(RuntimeError, match="running_mean should contain 256 elements not 128"):
        namespace["Wrong"]().eval()(torch.zeros(2, 128))
    assert namespace["Right"]()(torch.zeros(2, 128)).shape == (2, 3, 16, 16)


def test_a_module_level_shim_for_older_torch_binds_what_this_torch_has():
    result = lint("module_level_torch_shim.py", Right=(2, 3, 16, 16), Wrong=(2, 3, 16, 16))
    assert errors(result) == [("Wrong", 47, "CL101")]
    (not_decided,) = [m for m in result.models if m.name == "NotDecided"]
    assert not_decided.output.shape.dims is None
    torch = pytest.importorskip("torch")
    namespace = load("module_level_torch_shim.py")
    with pytest.raises(RuntimeError, match=r"\(2x32 and 16x10\)"):
        namespace["Wrong"]()(torch.zeros(2, 3, 16, 16))
    outputs = _first_outputs(namespace["Right"](), torch.zeros(2, 3, 16, 16))
    predicted = _predicted(result, "Right")
    assert {k: predicted.get(k) for k in outputs} == outputs


def test_each_construction_takes_the_sizes_fed_to_an_instance_built_as_it_is():
    result = lint("constructions_fed_their_own_inputs.py")
    assert errors(result) == [("DynConv", 29, "CL103")]
    inputs = sorted(str(m.input_shape) for m in result.models if m.name == "Net")
    assert inputs == ["2x1x16x16", "2x3x16x16"]
    torch = pytest.importorskip("torch")
    namespace = load("constructions_fed_their_own_inputs.py")
    assert namespace["Net"](3, 8)(torch.randn(2, 3, 16, 16)).shape == (2, 8, 14, 14)
    assert namespace["Net"](1, 8)(torch.randn(2, 1, 16, 16)).shape == (2, 8, 14, 14)
    with pytest.raises(RuntimeError, match="to have 4 channels, but got 32 channels"):
        namespace["DynConv"](32, 64, 3, 1, padding=1)(torch.randn(2, 32, 64, 64))


def test_a_kernel_equal_to_the_arriving_channels_does_not_keep_the_blame_in_the_block():
    assert errors(lint("call_site_kernel_equals_channels.py")) == [("Wrong", 27, "CL103")]
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match=r"to have 1 channels, but got 3 channels"):
        load("call_site_kernel_equals_channels.py")["Wrong"]()(torch.zeros(2, 3, 16, 16))


def test_a_probe_pass_in_the_constructor_gives_the_input_size():
    result = lint("probe_pass_in_init.py")
    assert errors(result) == [("Wrong", 31, "CL101")]
    probed = {m.name: str(m.input_shape) for m in result.models
              if m.input_source is not None and m.input_source.kind == "probe"}
    assert probed == {"Right": "Nx1x22x512", "Wrong": "Nx1x22x512", "Probed": "Nx1x40x101"}
    torch = pytest.importorskip("torch")
    namespace = load("probe_pass_in_init.py")
    with pytest.raises(RuntimeError, match=r"\(2x1024 and 2048x4\)"):
        namespace["Wrong"]()(torch.zeros(2, 1, 22, 512))
    outputs = _first_outputs(namespace["Probed"](), torch.zeros(2, 1, 40, 101))
    (given,) = [m for m in lint("probe_pass_in_init.py", Probed=(2, 1, 40, 101)).models if m.name == "Probed"]
    forward = {c.node.path: c.output.shape.dims for c in given.calls if c.input.shape.dims[0] == 2}
    assert {k: forward.get(k) for k in outputs if k} == {k: v for k, v in outputs.items() if k}


def test_a_width_miscounted_by_an_augmented_assignment_is_blamed_there():
    assert errors(lint("count_written_by_augmented_assignment.py")) == [("Wrong", 76, "CL103"), ("Wrong", 76, "CL104")]
    torch = pytest.importorskip("torch")
    namespace = load("count_written_by_augmented_assignment.py")
    with pytest.raises(RuntimeError, match="running_mean should contain 32 elements not 40"):
        namespace["Wrong"]().eval()(torch.zeros(2, 3, 32, 32))
    assert namespace["Right"]()(torch.zeros(2, 3, 32, 32)).shape == (2, 10)


def test_a_final_pool_smaller_than_the_map_before_a_linear_of_the_channels_is_blamed_at_the_pool():
    result = lint("final_pool_smaller_than_the_map.py")
    assert errors(result) == [("NoOpPool", 57, "CL101"), ("Wrong", 34, "CL101"), ("WrongModule", 42, "CL101")]
    (wrong,) = [d for d in result.diagnostics if d.model == "Wrong"]
    assert "64 x 2 x 2 = 256 per sample" in wrong.message and "a window of 4 x 4 pools it to 1 x 1" in wrong.message
    torch = pytest.importorskip("torch")
    namespace = load("final_pool_smaller_than_the_map.py")
    with pytest.raises(RuntimeError, match=r"\(1x256 and 64x10\)"):
        namespace["Wrong"]()(torch.randn(1, 3, 32, 32))
    with pytest.raises(RuntimeError, match=r"\(1x512 and 32x10\)"):
        namespace["WrongModule"]()(torch.randn(1, 3, 32, 32))
    assert namespace["Right"]()(torch.randn(1, 3, 32, 32)).shape == (1, 10)


def test_a_global_depthwise_conv_smaller_than_the_map_is_blamed_at_its_kernel():
    result = lint("final_depthwise_conv_smaller_than_the_map.py")
    # the kernel its caller wrote; the conv of its own Sequential; a conv mixing channels is no pool
    assert errors(result) == [("Wrong", 39, "CL101"), ("WrongDense", 47, "CL101"), ("WrongInline", 46, "CL101")]
    wrong = next(d for d in result.diagnostics if d.model == "Wrong")
    assert "a kernel of 7 x 7 pools it to 1 x 1" in wrong.message and wrong.fix.startswith("Read the whole map")
    torch = pytest.importorskip("torch")
    namespace = load("final_depthwise_conv_smaller_than_the_map.py")
    for name in ("Wrong", "WrongInline", "WrongDense"):
        with pytest.raises(RuntimeError, match=r"\(2x288 and 32x16\)"):
            namespace[name]()(torch.randn(2, 3, 28, 28))
    assert namespace["Right"]()(torch.randn(2, 3, 28, 28)).shape == (2, 16)


def test_a_config_dict_a_function_of_the_file_returns_builds_the_model_that_reads_it():
    result = lint("config_dict_from_a_function.py")
    assert errors(result) == [("Wrong", 31, "CL104")]
    (wrong,) = [m for m in result.models if m.name == "Wrong"]
    assert wrong.assumed == ["config = get_config(), the one function of the file returning a dict with the keys "
                             "Wrong reads"]
    other = lint_text((CORPUS / "config_dict_from_a_function.py").read_text() + "\n\ndef other_config():\n"
                      "    return {'F1': 4, 'D': 1, 'C': 8, 'kernel': 15}\n", "two.py", Settings())
    assert [d for d in other.diagnostics if d.severity == "error"] == []  # two candidates: none taken
    torch = pytest.importorskip("torch")
    namespace = load("config_dict_from_a_function.py")
    config = namespace["get_config"]()
    with pytest.raises(RuntimeError, match="running_mean should contain 16 elements not 8"):
        namespace["Wrong"](config).eval()(torch.zeros(2, 1, 8, 64))
    assert namespace["Right"](config)(torch.zeros(2, 1, 8, 64)).shape == (2, 16, 1, 64)


def test_a_list_an_attribute_holds_appended_on_unknown_paths_is_unknown_after_them():
    result = lint("list_attribute_appended_on_unknown_paths.py")
    assert errors(result) == []
    (net,) = [m for m in result.models if m.name == "Net"]
    assert any("not known statically" in u.why for u in net.unresolved)
    torch = pytest.importorskip("torch")
    namespace = load("list_attribute_appended_on_unknown_paths.py")
    for architecture in ([0, 0, 0], [0, 1, 1], [1, 0, 1]):
        assert namespace["Net"](architecture)(torch.zeros(2, 3, 32, 32)).shape == (2, 10)


def test_fastai_style_helpers_are_followed():
    result = lint("fastai_style_helpers.py")
    assert errors(result) == [("Wrong", 47, "CL103")]
    (right,) = [m for m in result.models if m.name == "Right"]
    assert str(right.output.shape) == "Nx5"
    torch = pytest.importorskip("torch")
    import sys
    import types

    fake = types.ModuleType("fastai.core")
    fake.listify = lambda o: [] if o is None else list(o) if isinstance(o, (list, tuple)) else [o]
    sys.modules.setdefault("fastai", types.ModuleType("fastai"))
    sys.modules["fastai.core"] = fake
    try:
        namespace = load("fastai_style_helpers.py")
    finally:
        del sys.modules["fastai.core"]
    with pytest.raises(RuntimeError, match=r"to have 64 channels, but got 32 channels"):
        namespace["Wrong"]()(torch.zeros(2, 12, 100))
    outputs = _first_outputs(namespace["Right"](), torch.zeros(2, 12, 100))
    predicted = _predicted(lint("fastai_style_helpers.py", Right=(2, 12, 100)), "Right")
    assert {k: predicted.get(k) for k in outputs} == outputs


def test_a_unit_called_with_the_unsplit_width_is_blamed_at_the_call():
    result = lint("call_site_split_block.py")
    assert ("Wrong", 77, "CL103") in errors(result)
    assert {model for model, *_ in errors(result)} == {"Wrong"}
    torch = pytest.importorskip("torch")
    namespace = load("call_site_split_block.py")
    with pytest.raises(RuntimeError, match=r"expected input\[2, 88, 8, 8\] to have 176 channels"):
        namespace["Wrong"]()(torch.zeros(2, 3, 32, 32))
    assert namespace["Right"]()(torch.zeros(2, 3, 32, 32)).shape == (2, 176, 8, 8)



@pytest.mark.parametrize(("model", "line", "shape", "message"), [
    ("WrongIs", 29, (2, 3, 24, 24), r"\(2x64 and 144x10\)"),
    ("WrongShift", 50, (2, 3, 8, 8), r"\(2x3 and 5x2\)"),
    ("WrongBinary", 73, (2, 3, 16, 16), "to have 16 channels, but got 8 channels"),
])
def test_older_python_and_torch_forms_are_followed(model, line, shape, message):
    result = lint("older_python_and_torch_forms.py")
    assert [(m, at) for m, at, _ in errors(result) if m == model] == [(model, line)]
    (analysis,) = [m for m in result.models if m.name == model]
    assert str(analysis.input_shape) == "Nx3xHxW"  # the shift's bias is data: the input's rank settles
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match=message):
        load("older_python_and_torch_forms.py")[model]()(torch.zeros(*shape))


def test_a_batch_norm_after_a_flatten_of_another_width_is_refused_for_every_size():
    source = (CORPUS / "older_python_and_torch_forms.py").read_text().split("class WrongIs")[0] + '''
class Head(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 64, 3, stride=2, padding=1)
        self.pool = nn.AvgPool2d(8)
        self.bn = nn.BatchNorm1d(32)
        self.fc = nn.Linear(64, 10)

    def forward(self, x):
        x = self.pool(self.conv(x))
        return self.fc(self.bn(x.view(x.size(0), -1)))
'''
    found = lint_text(source, "head.py", Settings())
    assert [(d.code, d.span.line) for d in found.diagnostics if d.severity == "error"] == [("CL104", 25)]
    assert "a multiple of 64, which 32 is not" in found.diagnostics[0].message
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(source, "head.py", "exec"), namespace)
    for side in (16, 32, 40):
        with pytest.raises(RuntimeError, match="running_mean should contain 64 elements not 32|"
                                               "running_mean should contain"):
            namespace["Head"]().eval()(torch.zeros(2, 3, side, side))


def test_a_width_set_in_an_attribute_the_line_before_is_blamed_there():
    assert errors(lint("width_in_self_attribute.py")) == [("Wrong", 38, "CL103")]
    torch = pytest.importorskip("torch")
    namespace = load("width_in_self_attribute.py")
    with pytest.raises(RuntimeError, match="to have 16 channels, but got 32 channels"):
        namespace["Wrong"]()(torch.zeros(1, 3, 32, 32))
    assert namespace["Right"]()(torch.zeros(1, 3, 32, 32)).shape == (1, 8, 32, 32)


def test_a_block_that_forgets_its_own_concat_is_blamed_in_the_block():
    assert errors(lint("block_forgets_its_own_concat.py")) == [("Wrong", 28, "CL103")]
    torch = pytest.importorskip("torch")
    namespace = load("block_forgets_its_own_concat.py")
    with pytest.raises(RuntimeError, match="to have 16 channels, but got 32 channels"):
        namespace["Wrong"]()(torch.zeros(1, 3, 32, 32))
    assert namespace["Right"]()(torch.zeros(1, 3, 32, 32)).shape == (1, 16, 32, 32)


def test_a_local_a_conv_takes_as_its_out_width_is_no_number_to_blame_for_a_norm():
    assert errors(lint("local_width_shared_with_an_out_width.py")) == [("Wrong", 32, "CL104")]
    torch = pytest.importorskip("torch")
    namespace = load("local_width_shared_with_an_out_width.py")
    with pytest.raises(RuntimeError, match="running_mean should contain 3072 elements not 1536"):
        namespace["Wrong"]().eval()(torch.zeros(2, 64, 50))
    assert namespace["Right"]().eval()(torch.zeros(2, 64, 50)).shape == (2, 3072)


def test_a_function_with_required_arguments_returning_a_sequential_is_a_model(tmp_path):
    result = lint("sequential_factory_required_args.py")
    assert errors(result) == []
    (mixer,) = [m for m in result.models if m.name == "Mixer"]
    assert mixer.argument_symbols == ("dim", "depth") and mixer.count_trials
    assert not [m for m in result.models if m.name == "conv_bn"]  # a helper the file's model calls
    # the pointwise conv's width is wrong for every dim and every depth
    broken = tmp_path / "broken.py"
    broken.write_text((CORPUS / "sequential_factory_required_args.py").read_text().replace(
        "nn.Conv2d(dim, dim, kernel_size=1),", "nn.Conv2d(dim, dim // 2, kernel_size=1),"))
    found = lint_file(broken, "broken.py", Settings())
    # the conv that halves the width, where every layer keeps dim: given dim it runs, the norm given dim/2 does not
    assert ("Mixer", 32, "CL104") in errors(found)
    # the norm's own count edited: giving it what arrives runs clean, so it stays blamed
    lines = (CORPUS / "sequential_factory_required_args.py").read_text().splitlines()
    assert lines[33].strip() == "nn.BatchNorm2d(dim),"
    lines[33] = lines[33].replace("nn.BatchNorm2d(dim)", "nn.BatchNorm2d(dim // 2)")
    norm = tmp_path / "norm.py"
    norm.write_text("\n".join(lines) + "\n")
    assert ("Mixer", 34, "CL104") in errors(lint_file(norm, "norm.py", Settings()))
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(broken.read_text(), "broken.py", "exec"), namespace)
    with pytest.raises(RuntimeError, match="running_mean should contain"):
        namespace["Mixer"](64, 2, patch_size=4)(torch.zeros(1, 3, 32, 32))


def test_a_sequential_factory_is_built_with_the_model_args_given():
    from convlint.config import parse_model_args

    given = dict([parse_model_args("Mixer(64, 2, patch_size=4)")])
    result = lint_file(CORPUS / "sequential_factory_required_args.py", "sequential_factory_required_args.py",
                       Settings(input_shapes={"Mixer": (1, 3, 32, 32)}, model_args=given))
    assert errors(result) == []
    predicted = _predicted(result, "Mixer")
    torch = pytest.importorskip("torch")
    real = _first_outputs(load("sequential_factory_required_args.py")["Mixer"](64, 2, patch_size=4),
                          torch.zeros(1, 3, 32, 32))
    assert real[""] == (1, 10)
    assert {k: predicted.get(k) for k in real} == real


POOL_FIRST_DEFAULTS = '''
import torch
import torch.nn as nn


class Down(nn.Module):
    def __init__(self, cin, cout, padding=0):
        super().__init__()
        self.main = nn.Sequential(nn.MaxPool2d(2, 2), nn.Conv2d(cin, cout, 1))
        self.ext = nn.Sequential(nn.Conv2d(cin, cin // 4, 2, 2), nn.Conv2d(cin // 4, cin // 4, 3, padding=padding),
                                 nn.Conv2d(cin // 4, cout, 1))

    def forward(self, x):
        return torch.relu(self.main(x) + self.ext(x))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 16, 3, padding=1)
        self.down1 = Down(16, 64, padding=1)
        self.down2 = Down(64, 128, padding=1)

    def forward(self, x):
        return self.down2(self.down1(self.stem(x)))
'''


def test_a_default_every_call_overrides_stays_unreported_when_the_block_is_run_again():
    """ENet's DownsamplingBottleneck: a pool first takes any channel count, so the block on its own
    is run again with the count its first conv takes; that run keeps what the file's calls give
    (padding=1 everywhere), and its error at the default padding=0 is not reported."""
    from convlint.pipeline import lint_text

    result = lint_text(POOL_FIRST_DEFAULTS, "enet.py", Settings())
    assert not [d for d in result.diagnostics if d.severity == "error"]
    assert next(m for m in result.models if m.name == "Down").defaults_never_used == ("padding",)
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(POOL_FIRST_DEFAULTS, "enet.py", "exec"), namespace)
    assert namespace["Net"]()(torch.zeros(1, 3, 32, 32)).shape == (1, 128, 8, 8)
    with pytest.raises(RuntimeError, match="must match"):
        namespace["Down"](16, 64)(torch.zeros(1, 16, 32, 32))


REFUSED_DEFAULTS = '''
import torch
import torch.nn as nn


class Sign(torch.autograd.Function):
    def forward(self, x):  # the pre-1.3 form: an instance called, its output not followed
        self.save_for_backward(x)
        return x.sign(), x.abs().mean(1, keepdim=True)


class BinConv(nn.Module):
    def __init__(self, cin, cout, kernel_size=-1, stride=-1, padding=-1):
        super().__init__()
        self.bn = nn.BatchNorm2d(cin)
        self.conv = nn.Conv2d(cin, cout, kernel_size=kernel_size, stride=stride, padding=padding)

    def forward(self, x):
        x, _ = Sign()(self.bn(x))
        return torch.relu(self.conv(x))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(3, 32, 3, padding=1), BinConv(32, 16, kernel_size=1, stride=1, padding=0),
                                  BinConv(16, 10, kernel_size=3, stride=1, padding=1))

    def forward(self, x):
        return self.body(x)
'''


def test_arguments_torch_refuses_at_defaults_every_call_overrides_are_not_reported():
    """XNOR-Net's BinConv2d: kernel_size=-1 and the like as defaults, every call gives real ones,
    and its forward passes through an autograd Function whose output is not followed: what the
    block on its own refuses at those defaults is not how the file builds it."""
    from convlint.pipeline import lint_text

    result = lint_text(REFUSED_DEFAULTS, "xnor.py", Settings())
    assert not [d for d in result.diagnostics if d.severity == "error"]
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(REFUSED_DEFAULTS, "xnor.py", "exec"), namespace)
    with pytest.raises(RuntimeError):
        namespace["BinConv"](4, 4)  # (torch 2 refuses the old form's call too: only the build is checked)
