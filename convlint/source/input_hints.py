"""Source stage: the input sizes code feeds its models, read from the syntax tree (nothing is
imported or run). Imports neither the evaluator nor torch.

Only certain hints: a model instance called on a tensor made with literal sizes or on the batches
of a DataLoader over a torchvision dataset of fixed size, or handed to a tool that takes an example
input (torchinfo, torchsummary, ONNX export, jit.trace, torch.export, thop, fvcore, ptflops). Names
are followed the way Python binds them: per function, a value set differently on the two paths of
an `if` is unknown, a function of the file called with a model and its data is read with those
arguments. When in doubt there is no hint: a wrong size is a false error."""

from __future__ import annotations

import ast
import builtins
import copy
import math
import posixpath
import re
from dataclasses import dataclass, field, replace
from typing import Callable

import libcst as cst

from convlint.source.config_files import CONFIG_LOADERS, Loaded
from convlint.source.env_wrappers import Env, EnvReader, Thunk
from convlint.source.data_pipelines import (DATASETS, DATASETS_MODULE, LOADER_PARAMETERS, PAD_MODES, SIZE_KEEPING,
                                            TO_TENSOR, TRANSFORMS, apply_steps)
from convlint.source.parse import bound_names
from convlint.shapes import INTERPOLATE_RANKS
from convlint.values import Unknown

# torch.cat((a, b), dim=1), torch.stack([a, b]): tensors joined, of the size theirs make
JOINS = frozenset({"torch.cat", "torch.concat", "torch.concatenate", "torch.stack"})
MAKERS = frozenset("randn rand zeros ones empty full randint normal".split())
# torch.Tensor(16, 3, 64, 64), torch.cuda.FloatTensor(n): given ints, an uninitialised tensor of
# those sizes; given a list or a tuple, a tensor of that data
LEGACY_CONSTRUCTORS = frozenset(
    "Tensor FloatTensor DoubleTensor HalfTensor BFloat16Tensor LongTensor IntTensor ShortTensor CharTensor "
    "ByteTensor BoolTensor".split())
MAX_DIM = 1 << 20
# A dim of an input hint: the channels of an image whose mode the code leaves to the file it opens
# (`transform(Image.open(path)).unsqueeze(0)`, sides fixed by a Resize); the analysis takes the
# count the model's first layer fixes, as for a symbolic input, or keeps the symbol
ANY_CHANNELS = "C"
MAX_FOLLOWED_CALLS = 64  # calls of the file's own functions read with their arguments, per file
MAX_CALL_DEPTH = 4
MAX_BUILT = 32  # instances of models noted per file, fed or not
UNKNOWN = ...  # a constructor argument that is not a literal
LIBRARIES = frozenset({"torch", "torchvision", "timm", "transformers"})
# torch's containers: bound to a module-level name, a model of the file (`decoder = nn.Sequential(...)`)
TORCH_CONTAINERS = frozenset(f"torch.nn{module}.{name}" for module in ("", ".modules.container")
                             for name in ("Sequential", "ModuleList", "ModuleDict"))
STAR = "*:"  # InputHint.module of a name a star import may bind: "*:models,.layers"
BUILTIN_NAMES = frozenset(dir(builtins))

MUTATORS = frozenset("append extend insert pop popitem remove clear sort reverse setdefault __setitem__".split())
RAISES = frozenset({"raises", "assertRaises", "assertRaisesRegex", "assertRaisesRegexp"})
PASSTHROUGH = frozenset("to cuda cpu float double half eval train detach clone contiguous requires_grad_ type "
                        "long int short byte char bool bfloat16".split())  # (a cast keeps the tensor's size)
# a tensor of the data given (`torch.tensor([500] * 3)`): its size is the nesting of the list
FROM_DATA = frozenset({"torch.tensor", "torch.as_tensor", "torch.LongTensor", "torch.FloatTensor", "torch.IntTensor",
                       "torch.DoubleTensor", "torch.BoolTensor", "torch.cuda.LongTensor", "torch.cuda.FloatTensor"})
NEW_OF_SIZE = frozenset({"new_zeros", "new_ones", "new_empty", "new_full"})  # x.new_full((3,), 500): of that size
# In-place fills: `Tensor(b, nz, 1, 1).normal_(0, 1)` is the tensor made, its size unchanged
# in-place tensor methods that give the tensor another shape (not only other values)
RESHAPED_IN_PLACE = frozenset({"resize_", "resize_as_", "unsqueeze_", "squeeze_", "t_", "transpose_", "swapdims_",
                               "swapaxes_", "set_", "as_strided_"})
FILLS = frozenset("normal_ uniform_ fill_ zero_ random_ bernoulli_ exponential_ cauchy_ log_normal_ geometric_".split())
PARSERS = frozenset({"argparse.ArgumentParser", "ArgumentParser"})
# `opt = Namespace(img_size=32, channels=3)`: options written out, no parser (a notebook's or a course's
# copy of an argparse script); `opt.img_size` is the value given, as for a parser's default
NAMESPACES = frozenset({"argparse.Namespace", "types.SimpleNamespace"})
TQDM = frozenset({"tqdm.tqdm", "tqdm.auto.tqdm", "tqdm.notebook.tqdm", "tqdm.std.tqdm"})
LOADERS = frozenset({"torch.utils.data.DataLoader", "torch.utils.data.dataloader.DataLoader"})
MAX_LISTED_MODELS = 8  # `for net in (A(), B(), ...)`: each model fed by the loop's body
# `for size in (32, 64): net(torch.randn(2, 3, size, size))`: the body read once per literal item,
# at most this many items, and this many runs of the innermost body for nested such loops
MAX_LOOP_ITEMS = 8
MAX_LOOP_RUNS = 16
TENSOR_DATASETS = frozenset({"torch.utils.data.TensorDataset", "torch.utils.data.dataset.TensorDataset"})
SUBSETS = frozenset({"torch.utils.data.Subset", "torch.utils.data.dataset.Subset"})
SPLITS = frozenset({"torch.utils.data.random_split", "torch.utils.data.dataset.random_split"})
VARIABLES = frozenset({"torch.autograd.Variable", "torch.autograd.variable.Variable"})
# `copy.deepcopy(data)`: a tensor (or model) of the same size as the one copied
COPIES = frozenset({"copy.deepcopy", "copy.copy"})
# The project's own datasets: a class of one of these bases whose __getitem__ the code states
DATASET_BASES = frozenset({"torch.utils.data.Dataset", "torch.utils.data.dataset.Dataset"})
# What an item's code makes of a tensor or an array, read only there: the channels ToTensor gives an
# image of each PIL mode; numpy's makers of a shape (zeros((3, 64, 64))) and of sizes (rand(3, 64, 64))
IMAGE_MODES = {"RGB": 3, "L": 1, "RGBA": 4}
NUMPY_SHAPED = frozenset({"numpy.zeros", "numpy.ones", "numpy.empty", "numpy.full"})
NUMPY_SIZED = frozenset({"numpy.random.rand", "numpy.random.randn"})
# numpy's random makers given a `size` (an int or a tuple), and where it goes among their positional
# arguments: `np.random.normal(0, 1, (batch_size, latent_dim))`, the noise a GAN script feeds
NUMPY_RANDOM_SIZE_AT = {"numpy.random.normal": 2, "numpy.random.uniform": 2, "numpy.random.randint": 2,
                        "numpy.random.random": 0, "numpy.random.random_sample": 0,
                        "numpy.random.standard_normal": 0}
NUMPY_RESHAPE = frozenset({"numpy.reshape"})
# numpy's functions that move an array's axes (an OpenCV image's H x W x C to C x H x W)
NUMPY_AXES = frozenset({"numpy.transpose", "numpy.moveaxis", "numpy.rollaxis", "numpy.swapaxes", "numpy.expand_dims"})
# a tensor of an array's shape, or a copy of its data in another type
AS_TENSOR = frozenset({"torch.from_numpy", "torch.tensor", "torch.as_tensor", "torch.Tensor", "torch.FloatTensor",
                       "numpy.array", "numpy.asarray", "numpy.ascontiguousarray"})
# torch's elementwise arithmetic, given a tensor and a number: a tensor of its size
# (`torch.true_divide(X, 255)`, Kaggle digit-recognizer scripts scaling their pixels)
WITH_A_NUMBER = frozenset({"torch.true_divide", "torch.div", "torch.divide", "torch.mul", "torch.multiply",
                           "torch.add", "torch.sub", "torch.subtract"})
TYPE_CASTS = frozenset({"astype", "float", "double", "half", "long", "int", "type", "copy", "clone", "contiguous",
                        "to", "cuda", "cpu", "detach", "numpy"})
CV2_CHANNELS = {"IMREAD_COLOR": 3, "IMREAD_GRAYSCALE": 1}  # cv2.imread's flags, by name
CV2_CONVERSIONS = {"COLOR_BGR2RGB": 3, "COLOR_RGB2BGR": 3, "COLOR_BGR2GRAY": 1, "COLOR_RGB2GRAY": 1,
                   "COLOR_GRAY2RGB": 3, "COLOR_GRAY2BGR": 3}  # cv2.cvtColor's codes: the channels they give
# PIL's methods that give a new image, leaving the one they are called on as it was
PICTURE_METHODS = frozenset({"convert", "resize", "copy"})
ITEM_METHODS = frozenset({"view", "reshape", "permute", "transpose"}) | TYPE_CASTS | PICTURE_METHODS
# A model replicated over devices runs the model itself: `net = torch.nn.DataParallel(net)`
PARALLEL = frozenset({"torch.nn.DataParallel", "torch.nn.parallel.DataParallel",
                      "torch.nn.parallel.data_parallel.DataParallel", "torch.nn.parallel.DistributedDataParallel",
                      "torch.nn.parallel.distributed.DistributedDataParallel"})
# Tools handed a model and an example input: (kind, parameter names in positional order). Each
# under the package's name and the submodule defining it (`from torchsummary import torchsummary`,
# `from thop.profile import profile`): both spellings are common.
_TOOL_SPELLINGS = {
    ("torchinfo", ("model", "input_size", "input_data")): ("torchinfo.summary", "torchinfo.torchinfo.summary"),
    ("torchsummary", ("model", "input_size")): (
        "torchsummary.summary", "torchsummary.torchsummary.summary",
        "torchsummary.summary_string", "torchsummary.torchsummary.summary_string"),
    ("onnx", ("model", "args")): ("torch.onnx.export",),
    ("jit.trace", ("func", "example_inputs")): ("torch.jit.trace",),
    ("torch.export", ("mod", "args")): ("torch.export.export",),
    ("thop", ("model", "inputs")): ("thop.profile", "thop.profile.profile"),
    ("fvcore", ("model", "inputs")): (
        "fvcore.nn.FlopCountAnalysis", "fvcore.nn.flop_count.FlopCountAnalysis",
        "fvcore.nn.flop_count", "fvcore.nn.flop_count.flop_count",
        "fvcore.nn.ActivationCountAnalysis", "fvcore.nn.activation_count.ActivationCountAnalysis",
        "fvcore.nn.activation_count", "fvcore.nn.activation_count.activation_count"),
    ("ptflops", ("model", "input_res")): ("ptflops.get_model_complexity_info",
                                          "ptflops.flops_counter.get_model_complexity_info"),
    ("torchsummaryX", ("model", "x")): ("torchsummaryX.summary", "torchsummaryX.torchsummaryX.summary"),
}
# TensorBoard's writers: `writer.add_graph(net, images)` traces the model on that input
WRITERS = frozenset({"torch.utils.tensorboard.SummaryWriter", "torch.utils.tensorboard.writer.SummaryWriter",
                     "tensorboardX.SummaryWriter", "tensorboardX.writer.SummaryWriter"})
ADD_GRAPH = ("add_graph", ("model", "input_to_model"))
TOOLS = {spelling: tool for tool, spellings in _TOOL_SPELLINGS.items() for spelling in spellings}


@dataclass(frozen=True, slots=True)
class InputHint:
    target: str  # the model fed: a class or factory function name, as defined
    module: str | None  # where the hinting file imported it from; None: defined there
    shape: tuple[int | str | None, ...]  # None: a dim that stays symbolic (torchsummary's batch); ANY_CHANNELS
    line: int
    kind: str  # "call", "dataloader", "torchinfo", "torchsummary", "onnx", "jit.trace", ...
    text: str  # the hinting code, for messages
    arguments: tuple = ()  # how the instance was built: ((position or keyword, literal or UNKNOWN), ...)
    more: tuple = ()  # the shapes of further inputs: `netD(img_A, img_B)`
    # fed what another model of the file outputs (`netD(netG(noise))`): that model's InputHint;
    # `shape` is then () until the analysis runs it
    fed_by: "InputHint | None" = None
    origin: str | None = None  # the file `module` is named from, when not the hinting file (a table's)
    # the module-level function holding the hint, where nothing in the file calls or names it (a
    # `def test():` left from the model zoo the file was copied from, its call commented out)
    uncalled: str | None = None
    # the arguments that name a class or function of the project (`CNN(ConvBlockA)`, an UNKNOWN in
    # `arguments`): ((position or keyword, module the hinting file imports it from or None, its name), ...)
    classes: tuple = ()
    # those found in the project (find_project_hints): ((position or keyword, defining file, name there), ...)
    class_files: tuple = ()


# --- what a name can be bound to (anything else: None, unknown)
@dataclass(frozen=True, slots=True)
class Model:
    target: str
    module: str | None
    arguments: tuple
    origin: str | None = None  # as InputHint.origin
    read: tuple = field(default=(), compare=False)  # configuration entries its arguments come from
    classes: tuple = ()  # as InputHint.classes


@dataclass(frozen=True, slots=True)
class Table:
    """A dict literal of the project's model classes or factories (`model_dict = {'vgg': VGG,
    'resnet': ResNet}`): (key, Model built with no arguments) in order, and its name for messages."""

    entries: tuple
    name: str


@dataclass(frozen=True, slots=True)
class Picked:
    """`model_dict[arch]`: the classes of a table the key may name (all of them: `every`)."""

    models: tuple
    table: str
    every: bool


@dataclass(frozen=True, slots=True)
class Chosen:
    """A model built from a table with a key not known statically (`model_dict[arch](num_classes=10)`):
    any of its classes, each built with the call's arguments. Or (`joined`) a name an if statement
    binds to another model on one path (`model = CovidNet()` then `if name == 'vgg': model = VGG16()`):
    `table` is that name, and what the code feeds it reaches each model on a path the code takes."""

    models: tuple
    table: str
    joined: bool = False


@dataclass(eq=False, slots=True)
class Holder:
    """An instance of a plain class of the file that holds models and data (`class Solver:` with
    `self.net = Net()` in __init__ and `self.net(images)` in train()): its attributes as set."""
    cls: str
    attrs: dict
    methods: dict | None = None  # a dataset class's own (a plain class's are the file's `holders`)
    # another project file's plain class (`from trainer import Trainer`): the reader of that file
    # its methods are read by, and the models the calls made it passed (what it feeds them is
    # fed at those calls)
    reader: "_Finder | None" = None
    passed: set = field(default_factory=set)
    # attributes a method's top level set to a literal (`self.train = train`, called with train=True):
    # a test on one takes one path; any other binding of the attribute forgets it
    literals: dict = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Tensor:
    shape: tuple
    via: str | None = None  # the batches it is one of: "CIFAR10 batches (line 30)"
    read: tuple = field(default=(), compare=False)  # configuration entries its sizes come from


@dataclass(frozen=True, slots=True)
class Output:
    """What a model instance returns, called on tensors of known sizes (a generator's images)."""

    fed: InputHint


@dataclass(frozen=True, slots=True)
class TensorType:
    """A legacy tensor constructor under another name (`Tensor = torch.cuda.FloatTensor if cuda else
    torch.FloatTensor`): called with ints, a tensor of those sizes."""


@dataclass(frozen=True, slots=True)
class Number:
    value: int
    read: tuple = field(default=(), compare=False)  # the configuration entry it is, if one


@dataclass(frozen=True, slots=True)
class Literal:
    """A list, tuple or dict written out of ints, strings, bools and None (nested too): the value
    exactly as Python builds it, kept as its repr so that it stays hashable and unshared."""

    text: str

    def value(self):
        return ast.literal_eval(self.text)


@dataclass(frozen=True, slots=True)
class Several:
    """A tuple or list literal: its elements' values, and the whole as written where it is literal
    (a list and a tuple of the same numbers differ as a constructor argument)."""

    values: tuple
    literal: Literal | None = None


@dataclass(frozen=True, slots=True)
class Transform:
    steps: tuple
    read: tuple = field(default=(), compare=False)


@dataclass(frozen=True, slots=True)
class Images:
    """A dataset whose every item is (an image of this (C, H, W) tensor size, a label)."""

    item: tuple
    name: str
    read: tuple = field(default=(), compare=False)
    # the values an item holds, the first of this size ((image, label): 2); 0: the tensor alone;
    # a dict item's (key, sizes) pairs, in the order written (`item` the first's)
    parts: int | tuple = 2
    # the sizes of the values after the first, where the code fixes them: () a class index, which
    # the DataLoader collates to one number per sample; None: not known
    others: tuple | None = None


@dataclass(frozen=True, slots=True)
class Split:
    """random_split(dataset, ...): a list of datasets like it, of a length not followed."""

    dataset: Images


@dataclass(frozen=True, slots=True)
class Keyed:
    """A dict literal of data under literal keys (`loaders = {'train': DataLoader(...), 'test':
    DataLoader(...)}`): (key, loader, dataset, transform or tensor) in the order written."""

    entries: tuple


@dataclass(frozen=True, slots=True)
class ItemDict:
    """A dict literal of string keys a dataset's method returns (`{"image": image, "label": y}`):
    (key, value) in the order written, each value as read (None where not followed)."""

    entries: tuple


@dataclass(frozen=True, slots=True)
class Loader:
    item: tuple
    batch: int | None  # None: not a literal (the batch dim stays symbolic)
    name: str
    line: int
    where: str = ""  # the file it is made in, when another file's function makes it ("utils.py ")
    read: tuple = field(default=(), compare=False)
    parts: int | tuple = 2  # as Images.parts: 0, a batch is the tensor itself
    others: tuple | None = None  # as Images.others

    def other_tensors(self) -> list:
        """A batch's values after the first, each a tensor where its size is known, else None."""
        if self.others is None or not isinstance(self.parts, int) or len(self.others) != self.parts - 1:
            return [None] * (self.parts - 1 if isinstance(self.parts, int) else 0)
        return [Tensor((self.batch, *sizes), f"{self.name} batches' value {index} ({self.where}line {self.line})",
                       self.read) for index, sizes in enumerate(self.others, 1)]

    def tensor(self) -> Tensor:
        return Tensor((self.batch, *self.item), f"{self.name} batches ({self.where}line {self.line})", self.read)

    def entry(self, key: object) -> Tensor | None:
        """A batch's value under `key`, for a dataset whose items are dicts of tensors."""
        sizes = dict(self.parts).get(key) if isinstance(self.parts, tuple) and isinstance(key, str) else None
        if sizes is None:
            return None
        return Tensor((self.batch, *sizes), f"{self.name} batches' {key!r} ({self.where}line {self.line})", self.read)


@dataclass(frozen=True, slots=True)
class Batch:
    """One item of a loader: (images, labels)."""

    loader: Loader


def _batch(loader: Loader) -> "Batch | Tensor":
    """What iterating the loader gives each time: (images, labels), or the images alone."""
    return loader.tensor() if loader.parts == 0 else Batch(loader)


@dataclass(frozen=True, slots=True)
class Picture:
    """An image a dataset's item opens, of (channels, height, width) where the code fixes them (None:
    the file decides); `pil`: a PIL image, else a numpy array as OpenCV reads it (H x W x C)."""

    channels: int | None
    height: int | None = None
    width: int | None = None
    pil: bool = True


@dataclass(frozen=True, slots=True)
class BatchIterator:
    loader: Loader


@dataclass(frozen=True, slots=True)
class Enumerated:
    """enumerate(x): pairs (index, an item of x)."""

    inner: object


@dataclass(frozen=True, slots=True)
class ItemIndex:
    """The index a DataLoader passes a map-style dataset's __getitem__: one int, so `self.data[index]`
    of a tensor prepared whole in __init__ is one row of it."""


@dataclass(frozen=True, slots=True)
class Text:
    """A file's path as the code writes it (`"config.yaml"`, `args.config` of a default, a
    `Path(...)` of one); `here`: relative to the script's own folder (`os.path.dirname(__file__)`),
    not to the folder it may be run from."""

    path: str
    here: bool = False


@dataclass(frozen=True, slots=True)
class Opened:
    """A file opened for reading, or its text (`open(path)`, `Path(path).read_text()`)."""

    path: Text


@dataclass(frozen=True, slots=True)
class ConfigData:
    """A dict or list a configuration file holds (`yaml.safe_load(open("config.yaml"))`), or one
    nested in it, at `keys` from the top."""

    loaded: Loaded
    keys: tuple = ()

    def value(self):
        value = self.loaded.value
        for key in self.keys:
            value = value[key]
        return value


@dataclass(frozen=True, slots=True)
class ConfigUnread:
    """What a loader returns from a configuration file not read (missing, outside the YAML read
    here): why, for the arguments taken from it."""

    why: str


@dataclass(frozen=True, slots=True)
class Keywords:
    """A dict of keyword arguments (`train_kwargs = {"batch_size": 64}`): key -> value, in the order
    written, where NONE is a literal None, a Literal a list, tuple or dict written out, and OPAQUE a
    value not followed."""

    entries: tuple

    def get(self, key: str, default=None):
        return dict(self.entries).get(key, default)

    def as_dict(self) -> dict:
        """The dict as a constructor argument: an entry not followed is unknown (never left out)."""
        def plain(value):
            if isinstance(value, Number):
                return value.value
            if isinstance(value, Literal):
                return value.value()
            if value is NONE:
                return None
            if value is OPAQUE or isinstance(value, (Several, Keywords, _Marker, *KEYED)) or value is None:
                return Unknown("an entry of a dict in another file, not followed")
            return value

        return {key: plain(value) for key, value in self.entries}

    def merged(self, other: "Keywords") -> "Keywords":
        return Keywords(tuple({**dict(self.entries), **dict(other.entries)}.items()))  # as dict.update orders them

    def join(self, other: "Keywords") -> "Keywords":
        """Either of two dicts: a key one may lack, or on which they differ, is not known."""
        mine, theirs = dict(self.entries), dict(other.entries)
        keys = [*mine, *(k for k in theirs if k not in mine)]
        return Keywords(tuple((k, mine[k] if mine.get(k, OPAQUE) == theirs.get(k, OPAQUE) else OPAQUE)
                              for k in keys))


@dataclass(eq=False, slots=True)
class _Reading:
    """A function read with a call's arguments: the parameters the call fixes to a literal (a test
    on them takes one path), its own top-level statements, and whether one of those surely returned
    (the `return`s after it are never reached)."""

    literals: dict
    statements: tuple
    finished: bool = False


class _Marker:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


NONE = _Marker("NONE")
WRITER = _Marker("WRITER")  # a SummaryWriter made here
OPAQUE = _Marker("OPAQUE")
MISSING = _Marker("MISSING")
# a name bound to one of a tensor's sizes not known (`batch_size = imgs.shape[0]`): an int, whatever
# its value, so `np.random.randint(0, 10, batch_size)` is of one dim
SOME_INT = _Marker("SOME_INT")


ON_OFF_ACTIONS = {"store_true": False, "store_false": True}  # an on/off option's default when none is given


def _option(call: cst.Call) -> tuple[str | None, cst.BaseExpression | None, bool | None]:
    """`add_argument("--img_size", type=int, default=32)`: ("img_size", the default's node, None);
    an on/off option (`action='store_true'`) without `default=` gives the bool it implies instead."""
    keywords = {a.keyword.value: a.value for a in call.args if a.keyword is not None}
    flags = [a.value.evaluated_value for a in call.args if a.keyword is None and isinstance(a.value, cst.SimpleString)]
    if "dest" in keywords and isinstance(keywords["dest"], cst.SimpleString):
        dest = keywords["dest"].evaluated_value
    else:
        long = [f for f in flags if isinstance(f, str) and f.startswith("--")]
        dest = long[0][2:].replace("-", "_") if long else (flags[0].lstrip("-") if flags else None)
    action = keywords.get("action")
    on_off = literal(action) if isinstance(action, cst.SimpleString) else None
    if dest and on_off in ON_OFF_ACTIONS and keywords.get("nargs") is None:
        return dest, keywords.get("default"), ON_OFF_ACTIONS[on_off] if "default" not in keywords else None
    if not dest or action is not None or keywords.get("nargs") is not None:
        return dest, None, None
    return dest, keywords.get("default"), None


# What a function of the project returns, as its caller sees it: data (a loader, a dataset, a
# transform, a tensor), never a model (a factory is a model of its own name).
RETURNED = (Loader, Images, Split, Transform, Tensor, Chosen, ConfigData, Picture)
KEYED = (Loader, Images, Transform, Tensor)  # the data a dict of it is read for
MAX_TABLE = 32  # entries of a dict read as a table of models
# `from utils import get_loader`: (the module `utils` names, the name) -> that module, the
# function's or class's definition (or the dict literal a top-level name is bound to once: a table
# of models), how to name its file in messages and its path; None when not a project file.
FunctionLookup = Callable[[str, str], "tuple[cst.Module, cst.FunctionDef | cst.ClassDef | cst.Dict, str, str] | None"]
# A configuration file the code names: (its path as written, "yaml" or "json") -> its data, or why
# it is not read
ConfigLookup = Callable[[Text, str], "Loaded | str"]
CONFIG_SUFFIXES = (".yaml", ".yml", ".json")
# methods of a path, an opened file and configuration data that reading the file goes through
FILE_METHODS = frozenset({"read", "read_text", "open", "get", "resolve", "absolute", "expanduser", "joinpath"})
PATH_TYPES = frozenset({"pathlib.Path", "pathlib.PurePath", "pathlib.PosixPath"})
READ_MODES = frozenset({"r", "rt", "rb", "tr", "br"})


def find_input_hints(module: cst.Module, line_of: Callable[[cst.CSTNode], int] | None = None,
                     functions: FunctionLookup | None = None, configs: ConfigLookup | None = None) -> list[InputHint]:
    """Every hint the module's code gives, each (model, size, construction) once. `line_of` maps a
    node to its line (positions are computed only when a hint is found)."""
    return find_hints_and_constructions(module, line_of, functions, configs)[0]


def find_hints_and_constructions(module: cst.Module, line_of: Callable[[cst.CSTNode], int] | None = None,
                                 functions: FunctionLookup | None = None, configs: ConfigLookup | None = None
                                 ) -> tuple[list[InputHint], list[InputHint]]:
    """The hints, and every instance of a model the code makes with arguments, one known at least,
    fed or not (`model = ResNet1D(in_channels=n_channel, ...)` in a training script): how the project
    builds it. Each of those an InputHint with no shape, of kind "construction". With `functions`,
    a function another project file defines is read where called, for the data it returns. With
    `configs`, a configuration file the code loads is read for the values it holds."""
    finder = _Finder(module, line_of, functions, configs)
    finder._read_options()
    module.visit(finder)
    finder._read_plain_classes_not_made()
    hints: list[InputHint] = []
    named = _names_read(module) if any(hint.uncalled for hint in finder.hints) else set()
    for hint in finder.hints:
        if hint.uncalled is not None and (hint.uncalled in named or hint.uncalled.startswith("test_")):
            hint = replace(hint, uncalled=None)  # called, named (a callback), or a pytest test: it runs
        if all((hint.target, hint.module, hint.origin, hint.shape, hint.arguments, hint.classes) !=
               (h.target, h.module, h.origin, h.shape, h.arguments, h.classes) for h in hints):
            hints.append(hint)
    built: list[InputHint] = []
    for model, node in finder.built:
        if not model.arguments or all(value is UNKNOWN for _, value in model.arguments) and not model.classes \
                and id(node) not in finder.picked_calls:  # (a key's class given what the same key picks: followed there)
            continue
        if all((model.target, model.module, model.arguments, model.classes) !=
               (h.target, h.module, h.arguments, h.classes) for h in built):
            built.append(InputHint(model.target, model.module, (), finder._line(node), "construction", "",
                                   model.arguments, classes=model.classes))
    return hints, built


def find_config_loads(module: cst.Module, configs: ConfigLookup) -> dict[int, Loaded]:
    """id(call) -> the configuration file's data, for each call of a loader in the module whose
    file is read (`yaml.safe_load(open("config.yaml"))`), where every path reaching it names
    the same file: module-level code and the functions it calls read it as the input hints do."""
    finder = _Finder(module, lambda node: 0, None, configs)
    finder.quiet = True
    finder._read_options()
    module.visit(finder)
    return {key: loaded for key, loaded in finder.loads.items() if loaded is not None}


def _names_read(module: cst.Module) -> set[str]:
    """The names the module reads anywhere (a function's own `def` name is not a read of it)."""

    class Reads(cst.CSTVisitor):
        def __init__(self) -> None:
            self.names: set[str] = set()

        def visit_Name(self, node: cst.Name) -> None:
            self.names.add(node.value)

        def visit_ClassDef(self, node: cst.ClassDef) -> bool:  # (nor is a class's `class` name)
            for part in (*node.decorators, *node.bases, *node.keywords, node.body):
                part.visit(self)
            return False

    reads = Reads()
    for statement in module.body:
        if isinstance(statement, cst.FunctionDef):  # its name is its definition; its body may call others
            statement.body.visit(reads)
            for decorator in statement.decorators:
                decorator.visit(reads)
        else:
            statement.visit(reads)
    return reads.names


def star_module(sources: list[str]) -> str:
    """The `module` of a model named in a file that star-imports `sources`: it may come from any."""
    return STAR + ",".join(sources)


def star_sources(module: str) -> list[str] | None:
    """The modules a `star_module` may name the model from; None for a module named outright."""
    return module[len(STAR):].split(",") if module.startswith(STAR) else None


def imported_names(module: cst.Module) -> dict[str, tuple[str, str]]:
    """Top-level `from X import Y [as Z]` of a module: Z -> (X, Y) (a package's re-exports); each
    `from X import *` as a key `*<n>` -> (X, "*")."""
    found: dict[str, tuple[str, str]] = {}
    for statement in module.body:
        if isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                if isinstance(small, cst.ImportFrom):
                    source = "." * len(small.relative) + (_dotted(small.module) if small.module else "")
                    if isinstance(small.names, cst.ImportStar):
                        found[f"*{len(found)}"] = (source, "*")
                        continue
                    for alias in small.names:
                        local = alias.asname.name.value if alias.asname else _dotted(alias.name)
                        found[local] = (source, _dotted(alias.name))
    return found


def _nested_class_names(node: cst.ClassDef, prefix: str) -> list[str]:
    """`Outer.Inner`, `Outer.Inner.Deeper`: the classes a class statement nests, qualified."""
    body = node.body.body if isinstance(node.body, cst.IndentedBlock) else ()
    out = []
    for statement in body:
        if isinstance(statement, cst.ClassDef):
            name = f"{prefix}.{statement.name.value}"
            out += [name, *_nested_class_names(statement, name)]
    return out


def _dotted(node: cst.BaseExpression | None) -> str:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        inner = _dotted(node.value)
        return f"{inner}.{node.attr.value}" if inner else ""
    return ""


def argument_adder(value: cst.BaseExpression) -> tuple[str, str] | None:
    """(parser, method) for `parser.add_argument` (an alias of the method) or
    `parser.add_argument_group(...)` (a group, or a mutually exclusive one), else None."""
    if isinstance(value, cst.Attribute) and value.attr.value == "add_argument" and isinstance(value.value, cst.Name):
        return value.value.value, "add_argument"
    if isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute) \
            and isinstance(value.func.value, cst.Name) \
            and value.func.attr.value in ("add_argument_group", "add_mutually_exclusive_group"):
        return value.func.value.value, value.func.attr.value
    return None



def bound_once_at_top(tree: ast.Module, name: str) -> ast.expr | None:
    """The value a module binds `name` to, where a plain assignment at its top level is the only
    binding or change of it anywhere in the module (no `name[k] = `, `name.update(...)`, loop or
    second assignment); None otherwise."""
    bindings, top = 0, None
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id == name and not isinstance(node.ctx, ast.Load):
            bindings += 1
        elif isinstance(node, (ast.Subscript, ast.Attribute)) and isinstance(node.value, ast.Name) \
                and node.value.id == name and (not isinstance(node.ctx, ast.Load) or isinstance(node, ast.Attribute)):
            return None  # changed in place, or a method of it called (`model_args.update(...)`)
        elif isinstance(node, (ast.Global, ast.Nonlocal)) and name in node.names:
            return None
    for statement in tree.body:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1 \
                and isinstance(statement.targets[0], ast.Name) and statement.targets[0].id == name:
            top = statement.value
    return top if bindings == 1 else None


def literal(node: cst.BaseExpression):
    """A constructor argument as a Python value, or UNKNOWN."""
    if isinstance(node, (cst.Integer, cst.Float, cst.SimpleString)):
        try:
            return node.evaluated_value
        except Exception:
            return UNKNOWN
    if isinstance(node, cst.Name) and node.value in ("True", "False", "None"):
        return {"True": True, "False": False, "None": None}[node.value]
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Minus) \
            and isinstance(node.expression, (cst.Integer, cst.Float)):
        value = literal(node.expression)
        return -value if value is not UNKNOWN else UNKNOWN
    return UNKNOWN


def moved_only(value: cst.BaseExpression) -> cst.BaseExpression:
    """The model of `nn.Sequential(...).to(device)`, `.cuda()`, `.eval()`: the call they move or set."""
    while isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute) and value.func.attr.value in PASSTHROUGH:
        value = value.func.value
    return value


def is_main_guard(test: cst.BaseExpression) -> bool:
    if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1:
        return False
    sides = [test.left, test.comparisons[0].comparator]
    texts = {s.value if isinstance(s, cst.Name) else s.evaluated_value if isinstance(s, cst.SimpleString) else None
             for s in sides}
    return isinstance(test.comparisons[0].operator, cst.Equal) and texts == {"__name__", "__main__"}


def _candidates(value: object) -> tuple | None:
    """The models a name may hold after an if statement: () for a value not followed, None for data."""
    if isinstance(value, Model):
        return (value,)
    if isinstance(value, Chosen) and value.joined:
        return value.models
    return () if value is None else None


def _join(first: dict, second: dict, branches: bool = False, changed: frozenset = frozenset()) -> dict:
    """The bindings after two paths: a name bound alike on both keeps its value, else unknown. After
    the two branches of an if statement (`branches`), a name bound to a model on one path and to
    another model (or a value not followed) on the other may be either model: the calls it is fed
    after the statement reach each on its own path (not where the branch changed the model in place,
    `model.fc = ...`, in `changed`: that is no other model, and may be the one the data is for)."""
    out = {}
    for key in first.keys() | second.keys():
        a, b = first.get(key, MISSING), second.get(key, MISSING)
        if isinstance(a, Keywords) and isinstance(b, Keywords):
            out[key] = a.join(b)
        elif isinstance(a, Images) and isinstance(b, Images) and (a.item, a.parts) == (b.item, b.parts) and a != b:
            out[key] = Images(a.item, f"{a.name} or {b.name}", parts=a.parts,  # CIFAR10 or CIFAR100: images of one size
                              others=a.others if a.others == b.others else None)
        elif isinstance(a, Chosen) and isinstance(b, Chosen) and a.table == b.table:
            # built from one table with other arguments on each path: each class as either builds it
            out[key] = Chosen(a.models + tuple(m for m in b.models if m not in a.models), a.table)
        elif branches and a != b and (models := _candidates(a)) is not None \
                and (others := _candidates(b)) is not None and (models or others) \
                and (key not in changed or (models and others)):
            out[key] = Chosen(tuple(dict.fromkeys((*models, *others))), key, joined=True)
        else:
            out[key] = a if a == b and a is not MISSING else None
    return out


class _Finder(cst.CSTVisitor):
    def __init__(self, module: cst.Module, line_of: Callable[[cst.CSTNode], int] | None,
                 functions: FunctionLookup | None = None, configs: ConfigLookup | None = None) -> None:
        self.module = module
        self.line_of = line_of
        self.foreign = functions
        self.configs = configs
        self.config_reads: list[str] = []  # each configuration entry read, "image_size: 64 (config.yaml:5)"
        self.loads: dict[int, Loaded | None] = {}  # id(loader call) -> the data read (None: two files)
        self.quiet = False  # reading another file's function for what it returns: its hints are that file's
        # reading another file's function for its caller: the models the caller passed it (by id),
        # and what it feeds them, for the caller to note as fed at its call
        self.passed_models: set[int] = set()
        self.relayed: list[tuple] = []
        self.made_in = ""  # the file's name for messages, where its function is read for another file
        self.returned: list[list] = []  # per function being followed: the value of each `return` reached
        self.readings: list[_Reading] = []  # per function being followed, as `returned`
        self.call_values: dict[int, object] = {}  # id(call of a followed function) -> the data it returns
        self.hints: list[InputHint] = []
        self.built: list[tuple[Model, cst.Call]] = []  # every instance made, fed or not
        self.scopes: list[dict[str, object]] = [{}]  # innermost last; None: a name bound to an unknown
        self.defined: set[str] = set()  # classes and functions of the file
        self.functions: dict[str, cst.FunctionDef] = {}  # module-level functions, followed where called
        self.fixtures: dict[str, cst.BaseExpression] = {}  # pytest fixtures returning one expression
        self.from_imports: dict[str, tuple[str, str]] = {}  # local name -> (module, name there)
        self.modules: dict[str, str] = {}  # local name -> module (`import a.b as c`, `import a`)
        self.star_sources: list[str] = []  # `from models import *` of the project: where other names may come from
        self.following: list[str] = []  # functions being read with a call's arguments
        self.followed = 0
        self.loop_runs = 1  # how many times the body being read is read, one per item of literal loops
        self.test_classes: set[int] = set()
        self.expecting_failure = 0  # inside `with pytest.raises(...)`, a try with handlers, an xfail test
        self.changed: list[tuple[int, str]] = []  # (scope, name) of objects changed in place
        # `opt = parser.parse_args()`: its int and string defaults
        self.options: dict[str, dict[str, int | str | bool]] = {}
        self.option_makers: dict[str, dict[str, int | str | bool]] = {}  # functions returning `parser.parse_args()`: its defaults
        self.namespace_names: set[str] = set(NAMESPACES)  # how the file spells argparse.Namespace, SimpleNamespace
        self.holders: dict[str, dict[str, cst.FunctionDef]] = {}  # plain classes of the file: their methods
        self.picked_calls: set[int] = set()  # calls of a class a table's key picks (`NETWORKS[kind](cfg)`)
        self.tables: dict[tuple, object] = {}  # (module, name) -> a table another file defines; its constants too
        self.constant_depth = 0  # constants read in another file's constants
        self.assigned_attributes: set[str] | None = None
        self.enclosing: list[str] = []  # the module-level function being read, as written (not followed)
        self.dataset_classes: dict[str, cst.ClassDef] = {}  # classes of the file that may be map-style datasets
        self.reading_item = False  # in a dataset's __init__ or __getitem__: images and arrays are followed
        self.env_reader: EnvReader | None = None  # the envs the file's functions build (gym's wrappers)
        for statement in module.body:
            if isinstance(statement, (cst.ClassDef, cst.FunctionDef)):
                self.defined.add(statement.name.value)
            if isinstance(statement, cst.ClassDef):  # `Outer.Inner(16)(x)`: a nested class, by its qualified name
                self.defined.update(_nested_class_names(statement, statement.name.value))
            if isinstance(statement, cst.ClassDef) and _dataset_methods(statement) is not None:
                self.dataset_classes[statement.name.value] = statement
            if isinstance(statement, cst.ClassDef) and all(_dotted(b.value) == "object" for b in statement.bases) \
                    and not statement.name.value.startswith("Test") and isinstance(statement.body, cst.IndentedBlock):
                self.holders[statement.name.value] = {
                    method.name.value: method for method in statement.body.body if isinstance(method, cst.FunctionDef)}
            if isinstance(statement, cst.FunctionDef):
                self.functions[statement.name.value] = statement
                fixture = _fixture_value(statement)
                if fixture is not None:
                    self.fixtures[statement.name.value] = fixture

    def _read_options(self) -> None:
        """argparse: `opt.img_size` is the default the parser declares (the value a run with no
        arguments takes), when every assignment to it is that declaration. The parser is built at
        module level, under `if __name__ == "__main__":`, or in a function returning
        `parser.parse_args()` (`args = get_args()`)."""
        self.namespace_names = {local for local, source in imported_names(self.module).items()
                                if ".".join(source) in NAMESPACES} | NAMESPACES
        makers: dict[str, dict[str, int | None]] = {}  # functions returning parsed options
        for statement in self.module.body:
            if isinstance(statement, cst.FunctionDef) and isinstance(statement.body, cst.IndentedBlock):
                returned = self._parse_options(statement.body.body, {}, record=False)
                if returned is not None:
                    makers[statement.name.value] = returned
        self.option_makers = makers
        body = list(self.module.body)
        for statement in self.module.body:
            if isinstance(statement, cst.If) and is_main_guard(statement.test) \
                    and isinstance(statement.body, cst.IndentedBlock):
                body += statement.body.body
                body += _entry_body(statement.body.body, self.functions)
        body += _global_assignments(self.module.body)
        self._parse_options(body, makers)

    def _parse_options(self, body, makers: dict, record: bool = True) -> dict | None:
        """Reads the parsers these statements build into self.options (with `record`: module-level
        names only, a function's locals are its own); the options a `return parser.parse_args()`
        among them returns, or a `return args` of `args = parser.parse_args()` left as parsed."""
        parsers: dict[str, dict[str, int | None]] = {}  # (a group shares its parser's options)
        adders: dict[str, str] = {}  # `arg = parser.add_argument`: arg -> parser
        parsed_here: dict[str, dict] = {}  # without `record`: locals bound to parse_args()
        for statement in body:
            if not isinstance(statement, cst.SimpleStatementLine):
                if not record:
                    self._forget_changed(statement, parsed_here)
                continue
            for small in statement.body:
                if isinstance(small, cst.Return) and isinstance(small.value, cst.Call):
                    parsed = self._parsed_by(small.value, parsers)
                    if parsed is not None:
                        return parsed
                if not record and isinstance(small, cst.Return) and isinstance(small.value, cst.Name):
                    return parsed_here.get(small.value.value)
                if not record and isinstance(small, cst.Assign) and len(small.targets) == 1 \
                        and isinstance(small.targets[0].target, cst.Name):
                    self._forget_changed(small.value, parsed_here)  # `opts = args`: an alias may change them
                    parsed_here.pop(small.targets[0].target.value, None)  # bound anew (again below if parsed)
                elif not record:
                    self._forget_changed(small, parsed_here)
                if isinstance(small, cst.Assign):
                    for target in small.targets:  # a name bound anew is no parser, group or alias
                        for name in bound_names(target.target):
                            parsers.pop(name, None)
                            adders.pop(name, None)
                if isinstance(small, cst.Assign) and len(small.targets) == 1 \
                        and isinstance(small.targets[0].target, cst.Name) and (owner := argument_adder(small.value)) \
                        and owner[0] in parsers:
                    name, (parser, method) = small.targets[0].target.value, owner
                    if method == "add_argument":
                        adders[name] = parser
                    else:  # `group = parser.add_argument_group(...)`: its options are the parser's
                        parsers[name] = parsers[parser]
                elif isinstance(small, cst.Assign) and len(small.targets) == 1 \
                        and isinstance(small.targets[0].target, cst.Name) and isinstance(small.value, cst.Call):
                    name, call = small.targets[0].target.value, small.value
                    if _dotted(call.func) in PARSERS:  # read before the imports are: by its spelling
                        parsers[name] = {}
                    elif (written := self._namespace_options(call)) is not None:
                        if record:
                            self.options[name] = written
                        else:
                            parsed_here[name] = written
                    elif (parsed := self._parsed_by(call, parsers)) is not None:
                        if record:
                            self.options[name] = parsed
                        else:
                            parsed_here[name] = dict(parsed)
                    elif record and isinstance(call.func, cst.Name) and call.func.value in makers and not call.args:
                        self.options[name] = makers[call.func.value]
                elif isinstance(small, cst.Expr) and isinstance(small.value, cst.Call):
                    call = small.value
                    func = call.func
                    if isinstance(func, cst.Attribute) and func.attr.value == "add_argument" \
                            and isinstance(func.value, cst.Name) and func.value.value in parsers:
                        parser = func.value.value
                    elif isinstance(func, cst.Name) and func.value in adders:  # `arg('--img_size', ...)`
                        parser = adders[func.value]
                    else:
                        if isinstance(func, cst.Attribute) and func.attr.value == "set_defaults" \
                                and isinstance(func.value, cst.Name) and func.value.value in parsers:
                            for a in call.args:  # `parser.set_defaults(img_size=64)`: the default parse_args gives
                                if a.keyword is not None:
                                    parsers[func.value.value][a.keyword.value] = self._option_default(a.value)
                                else:
                                    parsers[func.value.value].clear()  # (a ** of a dict not read)
                        continue
                    dest, default, implied = _option(call)
                    if dest is not None:
                        parsers[parser][dest] = self._option_default(default) if default is not None else implied
        return None

    def _namespace_options(self, call: cst.Call) -> dict | None:
        """`Namespace(img_size=32, lr=2e-4)`: the ints, strings and bools given by keyword (the rest
        not known); None for any other call, or one given `**settings`."""
        if _dotted(call.func) not in self.namespace_names or any(a.keyword is None for a in call.args):
            return None
        given = {a.keyword.value: self._option_default(a.value) for a in call.args}
        return {k: v for k, v in given.items() if v is not None}

    @staticmethod
    def _forget_changed(node: cst.CSTNode, parsed: dict[str, dict]) -> None:
        """Options parsed in a function and changed there before it returns them: `args.scale = 2`
        forgets that option; any other use of the name (`vars(args).update(...)`, a call given it)
        forgets them all. Reading `args.x` keeps them."""
        for name in list(parsed):
            for found in _uses(node, name):
                if isinstance(found, str):
                    parsed[name].pop(found, None)
                else:
                    del parsed[name]
                    break

    def _option_default(self, default: cst.BaseExpression | None) -> int | str | bool | None:
        """An option's default as the parser declares it: an int, a string (`default='vgg19'`) or a
        bool (`default=True`)."""
        if isinstance(default, cst.SimpleString):
            value = literal(default)
            return value if isinstance(value, str) else None
        if isinstance(default, cst.Name) and default.value in ("True", "False"):
            return default.value == "True"
        return self._int(default) if default is not None else None

    @staticmethod
    def _parsed_by(call: cst.Call, parsers: dict) -> dict | None:
        """`parser.parse_args()` with no arguments, or an empty list of them (`parse_args([])`): the
        defaults it declares."""
        if isinstance(call.func, cst.Attribute) and call.func.attr.value == "parse_args" \
                and isinstance(call.func.value, cst.Name) and call.func.value.value in parsers \
                and all(isinstance(a.value, (cst.List, cst.Tuple)) and not a.value.elements
                        and (a.keyword is None or a.keyword.value == "args") for a in call.args[:1]) \
                and len(call.args) <= 1:
            return {k: v for k, v in parsers[call.func.value.value].items() if v is not None}
        return None

    def _option_value(self, node: cst.BaseExpression) -> int | None:
        """`args.x` as a size or a count: an int default, never an on/off option's bool (True is no 1
        here: torch refuses a bool as a size)."""
        value = self._option_default_of(node)
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    def _option_flag(self, node: cst.BaseExpression) -> bool | None:
        """A test on on/off options as a run with no arguments takes it (`args.resume`, `not
        args.no_cuda`, `args.a and args.b`); None where it depends on anything else."""
        if isinstance(node, cst.Attribute):
            value = self._option_default_of(node)
            return value if isinstance(value, bool) else None
        if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Not):
            value = self._option_flag(node.expression)
            return None if value is None else not value
        if isinstance(node, cst.BooleanOperation):
            left, right = self._option_flag(node.left), self._option_flag(node.right)
            decisive = isinstance(node.operator, cst.Or)  # True decides an `or`, False an `and`, either side
            if decisive in (left, right):
                return decisive
            return right if left is not None else None
        return None

    def _option_default_of(self, node: cst.BaseExpression) -> int | str | bool | None:
        """`args.x` of options parsed with their defaults: the default of `--x`."""
        if not isinstance(node, cst.Attribute) or not isinstance(node.value, cst.Name):
            return None
        bound = self._lookup(node.value.value)
        if isinstance(bound, Model) and bound.module is None and bound.target in self.option_makers \
                and not bound.arguments:  # `args = get_args()` in a function: `args.x` is get_args' default
            return self.option_makers[bound.target].get(node.attr.value)
        if node.value.value in self.options:
            if bound in (MISSING, None) or (  # not bound to anything else
                    isinstance(bound, Model) and bound.module is None and bound.target in self.option_makers) \
                    or isinstance(bound, Model) and f"{bound.module}.{bound.target}" in NAMESPACES:
                return self.options[node.value.value].get(node.attr.value)
        return None

    # ------------------------------------------------------------------ names
    def _lookup(self, name: str) -> object:
        for scope in reversed(self.scopes):
            if name in scope:
                return scope[name]
        return MISSING

    def _value_of_name(self, name: str) -> object:
        value = self._lookup(name)
        if value is MISSING and name in self.from_imports:
            return self._constant_of(*self.from_imports[name])  # `from config import IMG_SIZE`
        if value is MISSING and self.star_sources and self.foreign is not None and name not in BUILTIN_NAMES \
                and name not in self.defined:  # `from config import *`: the one source binding it
            found = [value for source in self.star_sources if (value := self._constant_of(source, name)) is not None]
            return found[0] if len(found) == 1 else None
        return None if value is MISSING else value

    def _imported_attribute(self, node: cst.Attribute) -> object:
        """`config.IMG_SIZE` of an imported project module, `Config.img_size` of an imported
        class: the constant that file binds, read there; None for anything else."""
        dotted = _dotted(node)
        head, _, rest = dotted.partition(".")
        if not head or not rest or self._lookup(head) is not MISSING \
                or (head not in self.modules and head not in self.from_imports):
            return None
        qualified = self._qualified(node)
        module, _, name = qualified.rpartition(".")
        found = self._constant_of(module, name)
        if found is not None and dotted in self._attributes_assigned():
            return None  # `config.IMG_SIZE = args.size` somewhere in this file: not the value bound there
        if found is None and module.count(".") >= 1:  # `config.Config.img_size`: a class's attribute
            owner_module, _, owner = module.rpartition(".")
            found = self._constant_of(owner_module, f"{owner}.{name}")
        return found

    def _attributes_assigned(self) -> set[str]:
        """Every dotted name this file assigns to (`config.IMG_SIZE = 64`), read once, when needed."""
        if self.assigned_attributes is None:
            self.assigned_attributes = set(re.findall(r"(?<![\w.])([A-Za-z_][\w.]*\.\w+)\s*(?:[-+*/|]?=)(?!=)",
                                                      self.module.code))
        return self.assigned_attributes

    def _constant_of(self, module: str, name: str) -> object:
        """The value another project file binds a constant to once at its top level (or in a class
        body): its other constants and imports read as written there, nothing run."""
        if self.foreign is None or self.constant_depth >= MAX_CALL_DEPTH:
            return None
        key = ("constant", module, name)
        if key not in self.tables:
            self.tables[key] = None
            found = self.foreign(module, name)
            if found is not None and type(found[1]).__name__ == "Constant":
                parsed, constant = found[0], found[1]
                reader = _Finder(parsed, None, self.foreign)
                reader.quiet = True
                reader.made_in = f"{found[2]} "
                reader.constant_depth = self.constant_depth + 1
                reader.prime_imports()
                reader._bind_constants(parsed.body)
                value = reader._value(constant.value)
                if value is None and isinstance(constant.value, cst.Call):
                    value = reader._data_bound(parsed, constant.value)  # `train_loader = DataLoader(...)` there
                self.tables[key] = _placed(value, found[2], module, found[3]) \
                    if isinstance(value, (Number, Several, Transform, Loader, Images)) else None
        return self.tables[key]

    def _data_bound(self, parsed: cst.Module, value: cst.Call) -> object:
        """The data a module's top-level call makes (`train_loader = DataLoader(train_dataset,
        batch_size=32)`, `train_dataset = ImageFolder(root, transform=tf)` above it): its top-level
        assignments read in order up to that call, as importing the module runs them. None where
        one of the names bound to data is bound again or changed anywhere in the file (`tf = ...` in
        an `if`, `train_dataset.transform = ...`, `tf.transforms.append(...)`): what the object
        holds when used is not read here."""
        bound: set[str] = set()
        for statement in parsed.body:
            if not isinstance(statement, cst.SimpleStatementLine):
                continue
            for small in statement.body:
                if isinstance(small, cst.Assign) and small.value is value:
                    made = self._value(value)
                    if not isinstance(made, (Loader, Images, Transform)):
                        return None
                    code = _without_comments(parsed.code)  # (`#train_loader = ...` binds nothing)
                    changed = [name for name in bound if re.search(
                        r"(?<![\w.])%s\s*(?:\.\s*\w+\s*|\[[^\]\n]*\]\s*)+(?:\(|[-+*/|]?=(?!=))|\b(?:global|del)\s+%s\b"
                        % (re.escape(name), re.escape(name)), code)
                        or binding_count(code, name, augmented=True) != 1]
                    return None if changed else made  # (one bound again, in a branch too: which one is made is not read)
                if isinstance(small, cst.Assign) and len(small.targets) == 1 \
                        and isinstance(small.targets[0].target, cst.Name) and isinstance(small.value, cst.Call):
                    made = self._value(small.value)
                    name = small.targets[0].target.value
                    self.scopes[0][name] = made if isinstance(made, (Loader, Images, Transform)) else None
                    if isinstance(made, (Loader, Images, Transform)):
                        bound.add(name)
        return None

    def _bind_constants(self, body) -> None:
        """A configuration module's top-level names bound to numbers and tuples, in order."""
        for statement in body:
            if isinstance(statement, cst.SimpleStatementLine):
                for small in statement.body:
                    if isinstance(small, cst.Assign) and len(small.targets) == 1 \
                            and isinstance(small.targets[0].target, cst.Name) \
                            and isinstance(small.value, (cst.Integer, cst.BinaryOperation, cst.Tuple, cst.List,
                                                         cst.Name, cst.Attribute)):
                        value = self._value(small.value)
                        self.scopes[0][small.targets[0].target.value] = \
                            value if isinstance(value, (Number, Several)) else None

    def _bind(self, target: cst.BaseExpression, value: object) -> None:
        scope = self.scopes[-1]
        if isinstance(target, cst.Name):
            scope[target.value] = value
        elif isinstance(target, (cst.Tuple, cst.List)):
            elements = [e.value for e in target.elements]
            if any(isinstance(e, cst.StarredElement) for e in target.elements):
                value = None
            if isinstance(value, Several) and len(value.values) == len(elements):
                for element, item in zip(elements, value.values):
                    self._bind(element, item)
            elif isinstance(value, Batch) and len(elements) == value.loader.parts:  # images, labels
                self._bind(elements[0], value.loader.tensor())
                for element, other in zip(elements[1:], value.loader.other_tensors()):
                    self._bind(element, other)
            elif isinstance(value, Enumerated) and len(elements) == 2:
                self._bind(elements[0], None)
                self._bind(elements[1], value.inner)
            elif isinstance(value, Split):
                for element in elements:
                    self._bind(element, value.dataset)
            else:
                for element in elements:
                    self._bind(element, None)
        elif isinstance(target, cst.StarredElement):
            self._bind(target.value, None)
        elif isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name) \
                and isinstance(holder := self._value_of_name(target.value.value), Holder):
            holder.attrs[target.attr.value] = value  # `self.net = Net()` in a Solver
            holder.literals.pop(target.attr.value, None)  # (leave_Assign notes a literal again)
        elif isinstance(target, (cst.Attribute, cst.Subscript)):
            if isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name) \
                    and target.value.value in self.options:  # `args.scale = 2`: no longer the default
                self.options[target.value.value].pop(target.attr.value, None)
            self._changed(target.value)

    def _changed(self, node: cst.BaseExpression) -> None:
        """`model.fc = ...`, `kwargs["x"] = ...`: the object is no longer the one made."""
        while isinstance(node, (cst.Attribute, cst.Subscript)):
            if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name) \
                    and isinstance(holder := self._value_of_name(node.value.value), Holder):
                holder.attrs[node.attr.value] = None  # `self.net.fc = ...` in a Solver: its net is changed
                return
            node = node.value
        if isinstance(node, cst.Name):
            for scope in reversed(self.scopes):  # where it is bound: the change outlives the function
                if node.value in scope:
                    scope[node.value] = None
                    self.changed.append((id(scope), node.value))
                    return

    def _qualified(self, node: cst.BaseExpression) -> str:
        dotted = _dotted(node)
        head, _, rest = dotted.partition(".")
        if not head:
            return ""
        if head in self.from_imports:
            module, name = self.from_imports[head]
            base = f"{module}.{name}" if not module.endswith(".") else f"{module}{name}"
        else:
            base = self.modules.get(head, head)
        return f"{base}.{rest}" if rest else base

    # ------------------------------------------------------------------ values
    def _signed_int(self, node: cst.BaseExpression) -> int | None:
        """A size or an axis of a reshape: an int, or a negative literal (-1)."""
        if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Minus) \
                and isinstance(node.expression, cst.Integer):
            value = self._int(node.expression)
            return -value if value is not None else None
        return self._int(node)

    def _pad_amount(self, node: cst.BaseExpression) -> int | None:
        """A padding: a size, 0, or a negative literal (a crop)."""
        if isinstance(node, cst.Integer) and node.value == "0":
            return 0
        return self._signed_int(node)

    def _int(self, node: cst.BaseExpression) -> int | None:
        if isinstance(node, cst.Integer):
            text = node.value
            value = int(text, 0) if not text.startswith("0") or text == "0" or text[1:2] in "xXoObB" else None
            return value if value is not None and 0 < value <= MAX_DIM else None
        if isinstance(node, cst.Name):
            value = self._value_of_name(node.value)
            if isinstance(value, Number):
                self.config_reads += value.read
            return value.value if isinstance(value, Number) else None
        if isinstance(node, cst.Attribute):
            if isinstance(node.value, cst.Name) and isinstance(held := self._value_of_name(node.value.value), Holder):
                # `self.image_size`, as the holder's __init__ set it
                value = held.attrs.get(node.attr.value)
                return value.value if isinstance(value, Number) else None
            option = self._option_value(node)
            if option is None and isinstance(constant := self._imported_attribute(node), Number):
                return constant.value  # `config.IMG_SIZE`, bound in the project's configuration module
            return option
        if isinstance(node, cst.BinaryOperation) and isinstance(
                node.operator, (cst.Multiply, cst.FloorDivide, cst.Add, cst.Subtract)):
            left, right = self._int(node.left), self._int(node.right)
            if left is None or right is None:
                return None
            if isinstance(node.operator, cst.Multiply):
                value = left * right
            elif isinstance(node.operator, cst.Add):
                value = left + right
            elif isinstance(node.operator, cst.Subtract):
                value = left - right
            else:
                value = left // right
            return value if 0 < value <= MAX_DIM else None
        if isinstance(node, cst.Subscript) and isinstance(config := self._config_of(node.value), ConfigData):
            value = self._config_item(config, node)  # config['model']['channels'], read from the file
            return value.value if isinstance(value, Number) else None
        if isinstance(node, cst.Subscript) and len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index) \
                and isinstance(key := node.slice[0].slice.value, cst.SimpleString):
            entries = self._value(node.value)  # params["nz"], params a dict of hyperparameters
            entry = entries.get(key.evaluated_value) if isinstance(entries, Keywords) else None
            return entry.value if isinstance(entry, Number) else None
        if isinstance(node, cst.Subscript) and isinstance(item := self._value(node), Number):
            return item.value  # `INPUT_SHAPE[1]`, an element of a tuple of sizes
        if isinstance(node, cst.Call) and _reads_a_size(node) and isinstance(item := self._value(node), Number):
            return item.value  # `x.size(0)`, `len(x)` of a tensor of known size
        return None

    def _sizes(self, node: cst.BaseExpression | None, any_batch: bool = False) -> tuple[int | None, ...] | None:
        """A size given as one value: a tuple or list of ints, or a name bound to one. With
        `any_batch`, a first of several that is not a literal is the batch: None."""
        if node is None:
            return None
        value = self._value(node)
        if not isinstance(value, Several) or not value.values:
            return None
        if all(isinstance(v, Number) for v in value.values):
            return tuple(v.value for v in value.values)
        # (a tuple of one size not known, `(batch_size,)`: one dim, the batch, whatever it is)
        if any_batch and all(isinstance(v, Number) for v in value.values[1:]):
            return (None, *(v.value for v in value.values[1:]))
        return None

    def _sizes_of_args(self, args: list[cst.Arg]) -> tuple[int | None, ...] | None:
        """Sizes given as positional arguments: ints, one tuple, or `*shape` spliced in. The first
        of several may be any value: the batch (`torch.randn(b_size, nz, 1, 1)`), None."""
        if len(args) == 1 and not args[0].star:
            whole = self._sizes(args[0].value, any_batch=True)
            if whole is not None:
                return whole
        out: list[int | None] = []
        for index, arg in enumerate(args):
            if arg.star == "*":
                spliced = self._sizes(arg.value)
                if spliced is None:
                    return None
                out.extend(spliced)
            elif arg.star:
                return None
            else:
                number = self._int(arg.value)
                if number is None and not (index == 0 and len(args) > 1):
                    return None
                out.append(number)
        return tuple(out) if out else None

    def _value(self, node: cst.BaseExpression | None) -> object:
        if node is None:
            return None
        if isinstance(node, cst.Name):
            return None if node.value in ("None", "True", "False") else self._value_of_name(node.value)
        if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Divide) \
                and isinstance(folder := self._value(node.left), Text):  # Path(root) / "config.yaml"
            name = self._path_text(node.right)
            return _joined(folder, name) if name is not None else None
        if self.reading_item and isinstance(node, cst.BinaryOperation) \
                and isinstance(node.operator, (cst.Add, cst.Subtract, cst.Multiply, cst.Divide)):
            scaled = _scaled(node, self._value)  # `image / 255.0`, `(x - 0.5) * 2`: the array's size
            if scaled is not None:
                return scaled
        if isinstance(node, cst.BinaryOperation) and (scaled := self._tensor_and_number(node)) is not None:
            return scaled
        if isinstance(node, cst.Comparison) and len(node.comparisons) == 1 \
                and isinstance(node.comparisons[0].operator, (cst.LessThan, cst.GreaterThan, cst.LessThanEqual,
                                                              cst.GreaterThanEqual, cst.Equal, cst.NotEqual)):
            # `(board > 0)`: a tensor compared with a number, a mask of its size
            return self._tensor_and_number(cst.BinaryOperation(node.left, cst.Add(), node.comparisons[0].comparator))
        if isinstance(node, cst.Attribute) and node.attr.value == "shape" \
                and isinstance(tensor := self._value(node.value), Tensor):
            return _sizes_of(tensor)  # `x.shape`: its sizes, the batch too where known
        if isinstance(node, (cst.Integer, cst.BinaryOperation)) or (
                isinstance(node, cst.Attribute) and self._option_value(node) is not None):
            number = self._int(node)
            return Number(number) if number is not None else None
        if isinstance(node, (cst.Tuple, cst.List)):
            if any(isinstance(e, cst.StarredElement) for e in node.elements):
                return None
            written = self._literal_of(node)
            return Several(tuple(self._value(e.value) for e in node.elements),
                           Literal(repr(written)) if written is not UNKNOWN else None)
        if isinstance(node, cst.Dict):
            return self._table_literal(node, "") or self._keyed_literal(node) or self._keywords_literal(node)
        if isinstance(node, cst.DictComp):
            return self._keyed_comprehension(node)
        if isinstance(node, cst.Subscript) and isinstance(tensor := self._value(node.value), Tensor) \
                and tensor.via is None:
            if len(node.slice) == 1 and isinstance(index := node.slice[0].slice, cst.Index) and tensor.shape \
                    and isinstance(self._value(index.value), ItemIndex):
                return Tensor(tensor.shape[1:])  # `self.features[idx]` of the whole array: one row
            return _indexed_with_new_axes(tensor, node.slice)  # `z[:, :, None, None]`
        if isinstance(node, cst.Subscript):
            base = self._value(node.value)
            if self.reading_item and isinstance(base, Picture) and not base.pil:
                # `image[:, :, ::-1]`, `gray[np.newaxis, :, :]`, `gray[None]`: an OpenCV image's array
                return _array_indexed(base, node.slice, lambda axis: isinstance(axis, cst.Name) and (
                    axis.value == "None" or self._qualified(axis) == "numpy.newaxis")
                    or isinstance(axis, cst.Attribute) and self._qualified(axis) == "numpy.newaxis")
            if isinstance(base, ConfigData):
                return self._config_item(base, node)  # config['model']['width'], read from the file
            if base is None and isinstance(node.value, (cst.Name, cst.Attribute)) \
                    and self._lookup(_dotted(node.value).partition(".")[0]) is MISSING:
                base = self._imported_table(node.value)  # `model_dict[arch]`, model_dict another file's
            index = node.slice[0].slice if len(node.slice) == 1 else None
            if isinstance(base, Table):
                return self._picked(base, index.value) if isinstance(index, cst.Index) else None
            if isinstance(base, Keyed):
                return self._keyed_entry(base, index.value) if isinstance(index, cst.Index) else None
            if isinstance(base, Keywords) and isinstance(index, cst.Index) \
                    and isinstance(key := literal(index.value), str) \
                    and isinstance(entry := base.get(key), KEYED):
                return entry  # `settings['transform']` of a dict of a transform and numbers
            position = self._int(index.value) if isinstance(index, cst.Index) else None
            if isinstance(index, cst.Index) and isinstance(index.value, cst.Integer) and index.value.value == "0":
                position = 0
            if isinstance(base, Batch) and isinstance(base.loader.parts, tuple) and isinstance(index, cst.Index):
                return base.loader.entry(literal(index.value))  # `samples["hr"]` of a dict item
            if isinstance(base, ItemDict) and isinstance(index, cst.Index):
                key = literal(index.value)
                return dict(base.entries).get(key) if isinstance(key, str) else None
            if isinstance(base, Batch) and position == 0:
                return base.loader.tensor()
            if isinstance(base, Several) and position is not None and position < len(base.values):
                return base.values[position]
            return None
        if isinstance(node, cst.IfExp):
            taken = self._option_flag(node.test)
            if taken is not None:
                return self._value(node.body if taken else node.orelse)
            body, orelse = self._value(node.body), self._value(node.orelse)
            if isinstance(body, Keywords) and isinstance(orelse, Keywords):
                # `kwargs = {'num_workers': 1, 'pin_memory': True} if cuda else {}`: either dict, a
                # key they differ on (or one of them lacks) not known
                return body.join(orelse)
            return body if body == orelse else None
        if isinstance(node, cst.Call):
            return self._call_value(node)
        if isinstance(node, cst.Attribute) and self._is_legacy_constructor(node):
            return TensorType()
        if isinstance(node, cst.Attribute) and isinstance(holder := self._value(node.value), Holder):
            return holder.attrs.get(node.attr.value)
        if isinstance(node, cst.Attribute) and node.attr.value == "parent" \
                and isinstance(path := self._value(node.value), Text):  # Path(__file__).parent
            return _parent(path)
        if isinstance(node, cst.Attribute) and isinstance(constant := self._imported_attribute(node),
                                                          (Number, Several, Loader, Images, Transform)):
            return constant  # `config.IMG_SIZE`, `config.INPUT_SHAPE`, `data.train_loader`
        if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
            path = self._path_text(node)  # a configuration file's path, bound to a name
            return path if path is not None and path.path.lower().endswith(CONFIG_SUFFIXES) else None
        return None

    # ------------------------------------------------------------------ tables of models
    def _table_literal(self, node: cst.Dict, name: str) -> Table | None:
        """`{'vgg': VGG, 'resnet': ResNet}`: a dict of literal keys whose every value names a class or
        function of the project (not a library's: `{'relu': nn.ReLU}` is no table of models)."""
        if not 0 < len(node.elements) <= MAX_TABLE:
            return None
        entries = []
        for element in node.elements:
            if not isinstance(element, cst.DictElement) or not isinstance(element.key, (cst.SimpleString, cst.Integer)):
                return None
            reference = self._reference(element.value) if isinstance(element.value, (cst.Name, cst.Attribute)) \
                else None
            key = literal(element.key)
            if reference is None or key is UNKNOWN:
                return None
            entries.append((key, Model(reference[1], reference[0], ())))
        name = name or " ".join(self.module.code_for_node(node).split())
        return Table(tuple(entries), name if len(name) <= 40 else name[:37] + "...")

    def _imported_table(self, node: cst.Name | cst.Attribute) -> Table | None:
        """A table another project file defines, named by a from-import (`from utils import
        model_dict`), a star import, or as an attribute of an imported module (`utils.MODELS`):
        its models named as this file reaches them."""
        if self.foreign is None:
            return None
        if isinstance(node, cst.Name):
            if node.value in self.from_imports:
                candidates = [self.from_imports[node.value]]
            elif self.star_sources and node.value not in BUILTIN_NAMES and node.value not in self.defined:
                candidates = [(source, node.value) for source in self.star_sources]
            else:
                return None
        else:
            head = _dotted(node).partition(".")[0]
            if not head or head not in self.modules or self._lookup(head) is not MISSING:
                return None
            module, _, name = self._qualified(node).rpartition(".")
            candidates = [(module, name)]
        found = [table for candidate in candidates if (table := self._table_of(*candidate)) is not None]
        return found[0] if len(found) == 1 else None  # (two star imports both binding it: not known which)

    def _table_of(self, module: str, name: str) -> Table | None:
        if (module, name) not in self.tables:
            self.tables[module, name] = None
            found = self.foreign(module, name)
            if found is not None and isinstance(found[1], cst.Dict):
                parsed, node, _, path = found
                reader = _Finder(parsed, None)
                reader.prime_imports()
                table = reader._table_literal(node, name)
                if table is not None:
                    self.tables[module, name] = Table(tuple((key, _reached(model, module, path))
                                                            for key, model in table.entries), name)
        return self.tables[module, name]

    def _picked(self, table: Table, key: cst.BaseExpression) -> Picked | None:
        """`table[key]`: the class a literal key (or an option's default) names; every class of the
        table for a key not known statically (`arch, depth = parse_model_name(args.model)`)."""
        named = literal(key) if isinstance(key, (cst.SimpleString, cst.Integer)) else self._option_default_of(key)
        if named is not None and named is not UNKNOWN:
            models = tuple(model for k, model in table.entries if k == named)
            return Picked(models[:1], table.name, every=False) if models else None
        models = []
        for _, model in table.entries:
            if model not in models:
                models.append(model)
        return Picked(tuple(models), table.name, every=True)

    def _keyed_literal(self, node: cst.Dict) -> Keyed | None:
        """`{'train': DataLoader(train_set, batch_size=100), 'test': ...}`: a dict of literal keys
        whose every value is data the code builds (a loader, a dataset, a transform, a tensor)."""
        if not 0 < len(node.elements) <= MAX_TABLE:
            return None
        mark = len(self.built)
        entries = []
        for element in node.elements:
            key = literal(element.key) if isinstance(element, cst.DictElement) else UNKNOWN
            value = self._keyed_value(element.value) if key is not UNKNOWN else None
            if not isinstance(value, KEYED):
                del self.built[mark:]  # (the dict is read again as keywords: a model in it is made once)
                return None
            entries.append((key, value))
        return Keyed(tuple(entries))

    def _keyed_comprehension(self, node: cst.DictComp) -> Keyed | None:
        """`{x: DataLoader(image_datasets[x], batch_size=4) for x in ['train', 'val']}`: a dict of
        data made for each literal key, each entry read with the loop's name bound to its key."""
        loop = node.for_in
        if loop.inner_for_in is not None or loop.ifs or loop.asynchronous is not None \
                or not isinstance(loop.target, cst.Name) or not isinstance(node.key, cst.Name) \
                or node.key.value != loop.target.value or not isinstance(loop.iter, (cst.List, cst.Tuple)) \
                or not 0 < len(loop.iter.elements) <= MAX_TABLE:
            return None
        keys = [literal(e.value) if isinstance(e, cst.Element) else UNKNOWN for e in loop.iter.elements]
        if any(not isinstance(key, (str, int)) or isinstance(key, bool) for key in keys):
            return None
        mark = len(self.built)
        entries = []
        for key in keys:
            self.scopes.append({loop.target.value: Literal(repr(key))})
            try:
                value = self._keyed_value(node.value)
            finally:
                self.scopes.pop()
            if not isinstance(value, KEYED):
                del self.built[mark:]
                return None
            entries.append((key, value))
        return Keyed(tuple(entries))

    def _keyed_value(self, node: cst.BaseExpression) -> object:
        """A value of a dict, read for the data it may be (a plain class's instance is not read here:
        its __init__ is read where it is made)."""
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value in self.holders:
            return None
        return self._value(node)

    def _keyed_entry(self, keyed: Keyed, key: cst.BaseExpression) -> object:
        """`loaders['train']`: the entry a literal key (or a comprehension's key, an option's
        default) names; for a key not known statically (`dataloaders[phase]` in `for phase in
        ['train', 'val']`), what every entry holds alike (images of one size), else nothing."""
        if isinstance(key, (cst.SimpleString, cst.Integer)):
            named = literal(key)
        elif isinstance(key, cst.Name) and isinstance(bound := self._value_of_name(key.value), Literal):
            named = bound.value()  # `image_datasets[x]` in `{x: ... for x in ['train', 'val']}`
        else:
            named = self._option_default_of(key)
        if isinstance(named, (str, int)) and named is not UNKNOWN:
            return dict(keyed.entries).get(named)
        agreed = keyed.entries[0][1]
        for _, value in keyed.entries[1:]:
            agreed = _agreed(agreed, value)
        return agreed

    def _is_legacy_constructor(self, node: cst.BaseExpression) -> bool:
        package, _, name = self._qualified(node).rpartition(".")
        return package in ("torch", "torch.cuda") and name in LEGACY_CONSTRUCTORS

    def _keywords_literal(self, node: cst.Dict) -> Keywords | None:
        entries = {}
        for element in node.elements:
            if not isinstance(element, cst.DictElement) or not isinstance(element.key, cst.SimpleString):
                return None
            value = self._keyword_value(element.value)
            if value is OPAQUE and isinstance(element.value, cst.Name) \
                    and isinstance(data := self._value_of_name(element.value.value), KEYED):
                value = data  # `{'transform': TRANSFORM_MNIST, 'batch_size': 128}`: read as `settings['transform']`
            entries[element.key.evaluated_value] = value
        return Keywords(tuple(entries.items()))  # in the order written: the order the dict iterates in

    def _keyword_value(self, node: cst.BaseExpression) -> object:
        if isinstance(node, cst.Name) and node.value == "None":
            return NONE
        number = self._int(node)
        if number is not None:
            return Number(number)
        value = literal(node)  # a learning rate, a dataset's name
        if value is not UNKNOWN and isinstance(value, (float, str, bool)):
            return value
        written = self._literal_of(node) if isinstance(node, (cst.List, cst.Tuple, cst.Dict, cst.Name, cst.BinaryOperation)) \
            else UNKNOWN
        return Literal(repr(written)) if isinstance(written, (list, tuple, dict)) else OPAQUE

    def _literal_of(self, node: cst.BaseExpression) -> object:
        """A value written out of literals (`[200, 400, 800]`, `{'out': [200, 400], 'groups': 2}`,
        nested, or a name bound to one) as Python builds it; UNKNOWN where any part is not one."""
        value = literal(node)
        if value is not UNKNOWN:
            return value
        if isinstance(node, (cst.List, cst.Tuple)):
            if any(isinstance(e, cst.StarredElement) for e in node.elements):
                return UNKNOWN
            items = [self._literal_of(e.value) for e in node.elements]
            if any(item is UNKNOWN for item in items):
                return UNKNOWN
            return items if isinstance(node, cst.List) else tuple(items)
        if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Multiply):
            # `n_layers * [3]`, `[1] * 7`: the list repeated, as Python repeats it
            for items, count in ((node.left, node.right), (node.right, node.left)):
                if isinstance(items, (cst.List, cst.Tuple)) and (times := self._int(count)) is not None:
                    repeated = self._literal_of(items)
                    if repeated is not UNKNOWN and len(repeated) * times <= 4096:
                        return repeated * times
            return UNKNOWN
        if isinstance(node, cst.Dict):
            entries = {}
            for element in node.elements:
                if not isinstance(element, cst.DictElement):
                    return UNKNOWN
                key, item = literal(element.key), self._literal_of(element.value)
                if key is UNKNOWN or item is UNKNOWN or not isinstance(key, (int, str, bool)):
                    return UNKNOWN
                entries[key] = item
            return entries
        if isinstance(node, cst.Name):
            bound = self._value_of_name(node.value)
            if isinstance(bound, Number):
                return bound.value
            if isinstance(bound, Several) and bound.literal is not None:
                return bound.literal.value()
            if isinstance(bound, Keywords):
                entries = bound.as_dict()
                return UNKNOWN if any(isinstance(v, Unknown) for v in entries.values()) else entries
            if isinstance(bound, ConfigData):
                return copy.deepcopy(bound.value())
        return UNKNOWN

    def _call_value(self, node: cst.Call) -> object:
        """What the call gives, with the configuration entries read for it (for messages)."""
        mark = len(self.config_reads)
        value = self._call_result(node)
        if len(self.config_reads) > mark and isinstance(value, (Tensor, Model, Transform, Images, Loader)):
            value = replace(value, read=tuple(dict.fromkeys((*value.read, *self.config_reads[mark:]))))
        return value

    def _call_result(self, node: cst.Call) -> object:
        if id(node) in self.call_values:  # a function of the project, read with this call's arguments
            return self.call_values[id(node)]
        func = node.func
        args = list(node.args)
        positional = [a.value for a in args if a.keyword is None and not a.star]
        if self.reading_item and (made := self._item_value(node, positional)) is not MISSING:
            return made
        if not self.reading_item and (made := self._image_value(node, positional)) is not MISSING:
            return made
        if (read := self._file_value(node, positional)) is not None:
            return read
        if (env := self._env_value(node)) is not None:
            return env
        if isinstance(func, cst.Attribute) and func.attr.value in PASSTHROUGH:
            base = self._value(func.value)
            return base if isinstance(base, (Model, Chosen, Tensor, Output)) else None
        if _reads_a_size(node):
            return self._size_read(node)
        if isinstance(func, cst.Attribute) and func.attr.value in ("new_tensor", *NEW_OF_SIZE) \
                and isinstance(self._value(func.value), Tensor):
            # `x.new_tensor([500] * x.shape[0])`: of the data's size; `x.new_full((n,), v)`: of that size
            if func.attr.value == "new_tensor":
                shape = self._data_shape(positional[0]) if positional else None
            else:
                size = positional[0] if positional else self._argument(node, ("size",), "size")
                shape = self._sizes(size) if len(positional) <= (2 if func.attr.value == "new_full" else 1) else None
            return Tensor(shape) if shape else None
        if isinstance(func, cst.Attribute) and func.attr.value in FILLS:
            base = self._value(func.value)
            return base if isinstance(base, Tensor) else None
        if isinstance(func, cst.Name) and isinstance(self._value_of_name(func.value), TensorType):
            shape = self._legacy_shape(args)
            return Tensor(shape) if shape is not None else None
        if isinstance(func, cst.Attribute) and func.attr.value in RESHAPES:
            base = self._value(func.value)
            if not isinstance(base, Tensor) and base is not None or any(a.keyword or a.star for a in args):
                return None
            given = [a.value for a in args]
            if func.attr.value != "unsqueeze" and len(given) == 1 and isinstance(given[0], (cst.Tuple, cst.List)) \
                    and not any(isinstance(e, cst.StarredElement) for e in given[0].elements):
                given = [e.value for e in given[0].elements]  # `.reshape((60000, 1, 28, 28))`: the sizes in one tuple
            # `img.view(img.size(0), 1, 28, 28)` of a loader's batch: its own batch, whatever it is
            if base is None:
                # data read from a file, reshaped to sizes all written out: those sizes, or torch fails
                # there; a -1 first is its batch, whatever it is (`torch.cat(pairs, 2).view(-1, 128, 5, 5)`)
                if func.attr.value == "unsqueeze" or len(given) < 2:
                    return None
                sizes = [None if index == 0 and self._signed_int(size) == -1 else self._int(size)
                         for index, size in enumerate(given)]
                return Tensor(tuple(sizes)) if None not in sizes[1:] else None
            if func.attr.value == "unsqueeze":
                sizes = [self._axis(size) for size in given]  # (an axis: 0 too)
            else:
                sizes = [(base.shape[0] if base.shape[0] is not None else -1) if _batch_of(size, func.value)
                         else self._signed_int(size) for size in given]
            made = _reshaped(base, func.attr.value, sizes)
            return Tensor(made.shape, base.via) if made is not None and base.via is not None else made
        qualified = self._qualified(func)
        package, _, name = qualified.rpartition(".")
        if qualified in RESIZERS:
            return self._resized(node, qualified)
        if qualified in FROM_DATA and len(positional) == 1 and not isinstance(positional[0], (cst.Integer, cst.Name)) \
                and (shape := self._data_shape(positional[0])):
            return Tensor(shape)  # (torch.LongTensor(3), one int, is of that size: a maker, below)
        if qualified in JOINS:
            return self._joined_tensors(qualified, node)
        if package == "torch" and name in MAKERS:
            shape = self._maker_shape(name, args)
            return Tensor(shape) if shape is not None else None
        if package in ("torch", "torch.cuda") and name in LEGACY_CONSTRUCTORS:
            shape = self._legacy_shape(args)
            return Tensor(shape) if shape is not None else None
        if qualified in NUMPY_RANDOM_SIZE_AT or qualified in NUMPY_SIZED:
            shape = self._numpy_random_shape(qualified, args)
            return Tensor(shape) if shape is not None else None
        if qualified == "torch.compile" or qualified in VARIABLES or qualified in COPIES and len(args) == 1:
            inner = self._value(positional[0]) if positional else None
            return inner if isinstance(inner, (Model, Chosen, Tensor, Output)) else None
        if qualified in AS_TENSOR and len(positional) == 1 and isinstance(given := self._value(positional[0]), Tensor):
            return given  # `torch.from_numpy(rows.reshape(-1, 1, 28, 28))`: the data of that size, as a tensor
        if qualified in WITH_A_NUMBER and len(positional) == 2 == len(args) and isinstance(
                positional[1], (cst.Integer, cst.Float)) and isinstance(scaled := self._value(positional[0]), Tensor):
            return Tensor(scaled.shape)
        if isinstance(func, cst.Subscript) or isinstance(func, cst.Name) and self._lookup(func.value) is not MISSING:
            picked = self._value(func)  # `model_dict[arch](num_classes=10)`, or `cls = model_dict[arch]; cls()`
            if isinstance(picked, Picked):
                made = tuple(replace(model, arguments=self._arguments(node), classes=self._classes_named(node))
                             for model in picked.models)
                for model in made:  # (each class the key may pick: a construction of it, as `Net(...)` is)
                    if len(self.built) < MAX_BUILT and model.target[:1].isupper() and (model, node) not in self.built:
                        self.built.append((model, node))
                        self.picked_calls.add(id(node))
                return Chosen(made, picked.table) if picked.every else made[0]
        fed = self._fed(node)
        if fed is not None:
            return fed
        if qualified in PARALLEL:
            inner = self._value(positional[0]) if positional else None
            return inner if isinstance(inner, (Model, Chosen)) else None
        if qualified in LOADERS:
            return self._loader(node)
        if qualified in WRITERS:
            return WRITER
        if qualified in TENSOR_DATASETS:
            # `TensorDataset(features, targets)`: items are rows of the first tensor, with the others
            # (the labels' sizes where known: `torch.from_numpy(labels.values)` is of the data's)
            tensors = [self._value(a) for a in positional]
            if len(tensors) < 2 or len(positional) != len(args) or not isinstance(tensors[0], Tensor) \
                    or len(tensors[0].shape) < 2 or not all(isinstance(d, int) for d in tensors[0].shape[1:]):
                return None
            others = tuple(tuple(t.shape[1:]) if isinstance(t, Tensor) else None for t in tensors[1:])
            return Images(tuple(tensors[0].shape[1:]), "TensorDataset", parts=len(tensors),
                          others=others if all(sizes is not None and all(isinstance(d, int) for d in sizes)
                                               for sizes in others) else None)
        if package == DATASETS_MODULE or package.startswith(DATASETS_MODULE + "."):
            return self._dataset(name, node)
        if package == TRANSFORMS or package.startswith(TRANSFORMS + "."):
            return self._transform(name, node)
        if qualified in SUBSETS or qualified in SPLITS:
            dataset = self._value(positional[0]) if positional else None
            if not isinstance(dataset, Images):
                return None
            return dataset if qualified in SUBSETS else Split(dataset)
        if qualified == "dict" and not positional and all(a.keyword is not None for a in args):
            return Keywords(tuple((a.keyword.value, self._keyword_value(a.value)) for a in args))
        if qualified in ("iter", "next", "enumerate") or qualified in TQDM:
            inner = self._value(positional[0]) if positional else None
            if qualified == "iter":
                return BatchIterator(inner) if isinstance(inner, Loader) else None
            if qualified == "next":
                return _batch(inner.loader) if isinstance(inner, BatchIterator) and len(positional) == 1 else None
            if qualified == "enumerate":
                item = self._item(inner)
                return Enumerated(item) if item is not None else None
            return inner if isinstance(inner, (Loader, Enumerated)) else None
        if isinstance(func, (cst.Name, cst.Attribute)) and (items := self._dataset_of(node)) is not None:
            return items
        if isinstance(func, cst.Name) and func.value in self.holders and self._lookup(func.value) is MISSING:
            return self._held(node, func.value)
        if (found := self._foreign_plain_class(func)) is not None:
            return self._held_elsewhere(node, *found)
        return self._model_of(node)

    def _foreign_plain_class(self, func: cst.BaseExpression) -> tuple | None:
        """`Trainer` of `from trainer import Trainer`: the plain class (no base but object) another
        project file defines, as the foreign reader finds it; None for anything else."""
        if self.foreign is None or not isinstance(func, (cst.Name, cst.Attribute)):
            return None
        reference = self._reference(func)
        if reference is None or reference[0] is None or star_sources(reference[0]) is not None:
            return None
        found = self.foreign(*reference)
        if found is None or not isinstance(found[1], cst.ClassDef) or not isinstance(found[1].body, cst.IndentedBlock) \
                or not all(_dotted(b.value) == "object" for b in found[1].bases) or found[1].decorators:
            return None
        return found

    def _held_elsewhere(self, node: cst.Call, module: cst.Module, definition: cst.ClassDef, where: str,
                        path) -> Holder | None:
        """`trainer = Trainer(Net(), trainloader)` of another project file's trainer class: the
        instance, its __init__ read in that file with the call's arguments. What its methods feed a
        model the code passes it is fed at the calls that run them (`trainer.train()`), as for a
        function of another file (_follow_foreign)."""
        name = definition.name.value
        if name in self.following or len(self.following) >= MAX_CALL_DEPTH or self.followed >= MAX_FOLLOWED_CALLS \
                or any(a.star for a in node.args):
            return None
        reader = self._relaying_reader(module, where)
        methods = {m.name.value: m for m in definition.body.body if isinstance(m, cst.FunctionDef)}
        holder = Holder(name, {}, methods, reader=reader)
        init = methods.get("__init__")
        if init is not None:
            self._read_method_elsewhere(init, node, holder)
        elif node.args:
            return None  # object.__init__ takes no arguments: the call fails
        return holder

    def _read_method_elsewhere(self, definition: cst.FunctionDef, node: cst.Call, holder: Holder) -> None:
        """A method of another file's plain class run by `node` here: read by that file's reader with
        `self` bound to the instance and the other arguments read here; what it feeds a model this
        code passed the instance is fed at `node`."""
        reader = holder.reader
        ordered = [*definition.params.posonly_params, *definition.params.params]
        if not ordered or definition.name.value in reader.following or len(self.following) >= MAX_CALL_DEPTH \
                or self.followed >= MAX_FOLLOWED_CALLS or any(a.star for a in node.args):
            return
        bound = cst.Call(func=node.func, args=[cst.Arg(cst.Name("self")), *node.args])
        scope = reader._parameters(definition, bound, arguments_from=self)
        if scope is None:
            return
        scope[ordered[0].name.value] = holder
        holder.passed.update(id(value) for value in scope.values() if isinstance(value, (Model, Chosen)))
        self.followed += 1
        reader.passed_models, reader.relayed = holder.passed, []
        reader.scopes = [{}, scope]
        reader.following.append(definition.name.value)
        reader.returned.append([])
        reader.readings.append(_Reading(self._literal_arguments(definition, bound), _statements(definition)))
        try:
            definition.body.visit(reader)
        finally:
            reader.following.pop()
            reader.returned.pop()
            reader.readings.pop()
        self._relayed_from(reader, node)

    # ------------------------------------------------------------------ the project's own datasets
    def _dataset_of(self, node: cst.Call) -> Images | None:
        """`Digits(100)`, `utils.MNIST_9(root, transform=t)`: a map-style dataset the project defines
        (here or in another file), whose items are what its __getitem__ returns, read after its
        __init__ with the call's arguments. None where an item's size is not stated by its code."""
        reference = self._reference(node.func)
        if reference is None:
            return None
        module, name = reference
        if module is None:
            definition, reader = self.dataset_classes.get(name), self
        elif self.foreign is not None and star_sources(module) is None \
                and (found := self.foreign(module, name)) is not None and isinstance(found[1], cst.ClassDef):
            parsed, definition = found[0], found[1]
            reader = _Finder(parsed, None, self.foreign, self.configs)
            reader.prime_imports()
            reader._bind_constants(parsed.body)
            reader.following, reader.followed = list(self.following), self.followed
        else:
            return None
        methods = _dataset_methods(definition) if definition is not None else None
        if methods is None or reader._qualified(definition.bases[0].value) not in DATASET_BASES \
                or name in self.following or len(self.following) >= MAX_CALL_DEPTH \
                or self.followed >= MAX_FOLLOWED_CALLS or any(a.star for a in node.args):
            return None
        self.followed += 1
        holder = Holder(name, {}, methods)
        init = methods.get("__init__")
        if init is None:
            if node.args:
                return None  # object.__init__ takes no arguments: the call fails
        else:
            construction = cst.Call(func=node.func, args=[cst.Arg(cst.Name("self")), *node.args])
            scope = reader._parameters(init, construction, arguments_from=self)
            ordered = [*init.params.posonly_params, *init.params.params]
            if scope is None or not ordered:
                return None
            scope[ordered[0].name.value] = holder
            reader._read_item_method(init, scope, name, self._literal_arguments(init, construction))
        getitem = methods["__getitem__"]
        ordered = [*getitem.params.posonly_params, *getitem.params.params]
        if len(ordered) < 2 or any(param.default is None for param in ordered[2:]) or getitem.params.kwonly_params \
                and any(param.default is None for param in getitem.params.kwonly_params):
            return None  # the DataLoader calls dataset[index]: one argument besides self
        scope = reader._parameters(getitem, None)
        scope[ordered[0].name.value], scope[ordered[1].name.value] = holder, ItemIndex()
        items = {_item_of(value) for value in reader._read_item_method(getitem, scope, name)}
        if len(items) != 1 or None in items:
            return None  # no return read, a return of something else, or of items of two sizes
        ((shape, parts),) = items
        return Images(shape, name, parts=parts)

    def _read_item_method(self, definition: cst.FunctionDef, scope: dict, name: str,
                          literals: dict | None = None) -> list:
        """A dataset's method read with the names `scope` binds (and the module's), following images
        and arrays, giving no hints of its own: the value of each `return` reached. `literals`: the
        parameters the construction fixes to a literal (`train=True`), for the tests on them."""
        saved = self.scopes, self.quiet, self.reading_item, len(self.built)
        self.scopes = [saved[0][0], scope]
        self.quiet = self.reading_item = True
        self.following.append(name)
        self.returned.append([])
        self.readings.append(_Reading(literals or {}, _statements(definition)))
        try:
            definition.body.visit(self)
        finally:
            self.following.pop()
            self.scopes, self.quiet, self.reading_item = saved[:3]
            del self.built[saved[3]:]  # (what it makes is the dataset's, not a model the code builds)
            returned = self.returned.pop()
            self.readings.pop()
        return returned

    def _item_value(self, node: cst.Call, positional: list) -> object:
        """What a dataset item's code makes of images, arrays and tensors (an image opened, converted
        and transformed; an array of a stated shape; a tensor of an array; one reshaped to sizes
        written out). MISSING for a call that is none of these, read as anywhere else."""
        func = node.func
        if any(a.star for a in node.args):
            return MISSING
        if isinstance(func, cst.Call):  # `transforms.ToTensor()(image)`
            return self._transformed(node, positional)
        if not isinstance(func, (cst.Name, cst.Attribute)):
            return MISSING
        keywords = {a.keyword.value: a.value for a in node.args if a.keyword is not None}
        head = _dotted(func).partition(".")[0]
        imported = (head in self.modules or head in self.from_imports) and self._lookup(head) is MISSING
        if isinstance(func, cst.Attribute) and func.attr.value == "reshape" and not keywords \
                and isinstance(func.value, cst.Call) and isinstance(func.value.func, (cst.Name, cst.Attribute)) \
                and self._qualified(func.value.func) in ("numpy.array", "numpy.asarray") \
                and (picture := self._array_reshaped(positional)) is not None:
            return picture
        if isinstance(func, cst.Attribute) and func.attr.value in ITEM_METHODS and not imported:
            return self._item_method(func.attr.value, self._value(func.value), positional, keywords)
        qualified = self._qualified(func)
        package, _, short = qualified.rpartition(".")
        if qualified in ("PIL.Image.open", "PIL.Image.fromarray"):
            given = self._value(positional[0]) if positional else None
            if qualified == "PIL.Image.open":
                return Picture(None)
            if isinstance(given, Picture):
                return replace(given, pil=True)
            if isinstance(given, Tensor) and len(given.shape) == 2:
                return Picture(1, *given.shape)  # an 8-bit or float array: mode L or F
            if isinstance(given, Tensor) and len(given.shape) == 3 and given.shape[2] in (3, 4):
                return Picture(given.shape[2], *given.shape[:2])
            return None
        if package == "cv2":
            return self._cv2_value(short, positional, keywords)
        if qualified in NUMPY_SHAPED:
            shape = positional[0] if positional else keywords.get("shape")
            if shape is None:
                return None
            sizes = self._sizes(shape) or ((number,) if (number := self._int(shape)) is not None else None)
            return Tensor(sizes) if sizes is not None and None not in sizes else None
        if qualified in NUMPY_RESHAPE and len(positional) == 2 == len(node.args):  # np.reshape(rows, (-1, 28, 28))
            array = self._value(positional[0])
            if isinstance(array, Tensor):
                sizes = self._written_sizes(positional[1:])
                return _reshaped(array, "reshape", sizes) if sizes is not None else None
            return self._reshaped_to(positional[1:], {})
        if qualified in NUMPY_AXES:
            return self._numpy_axes(short, positional, keywords, len(node.args))
        if qualified in NUMPY_SIZED:
            sizes = [self._int(arg) for arg in positional]
            return Tensor(tuple(sizes)) if sizes and None not in sizes and not keywords else None
        if qualified in AS_TENSOR and len(positional) == 1:
            given = self._value(positional[0])
            if isinstance(given, Tensor):
                return Tensor(given.shape)
            if isinstance(given, Picture):
                if short in ("array", "asarray", "ascontiguousarray"):
                    return replace(given, pil=False)  # H x W x C, as OpenCV reads one
                if given.pil:
                    return None  # torch.from_numpy(image): not an array
                return Tensor((given.height, given.width) if given.channels == 1
                              else (given.height, given.width, given.channels))
            return MISSING
        if isinstance(func, cst.Attribute) and not isinstance(func.value, cst.Name):
            return MISSING
        return self._transformed(node, positional)

    def _array_reshaped(self, positional: list) -> Picture | None:
        """`np.array(pixels).reshape(96, 96)`: a numpy array of the sizes written, whatever it held
        (numpy refuses any other count), as an image torchvision's ToTensor takes: H x W of one
        channel, H x W x 3 or 4 of that many. None for other sizes (read as any reshape)."""
        sizes = self._written_sizes(positional)
        if sizes is None or -1 in sizes or 0 in sizes:
            return None
        if len(sizes) == 2:
            return Picture(1, sizes[0], sizes[1], pil=False)
        if len(sizes) == 3 and sizes[2] in (3, 4):
            return Picture(sizes[2], sizes[0], sizes[1], pil=False)
        return None

    def _image_value(self, node: cst.Call, positional: list) -> object:
        """An image a script opens and the tensor a torchvision pipeline makes of it, outside a
        dataset (an app's `transform(Image.open(path).convert('RGB')).unsqueeze(0)`): the image's
        mode and what the pipeline fixes, as in an item. MISSING for any other call."""
        func = node.func
        if any(a.star for a in node.args):
            return MISSING
        if isinstance(func, cst.Attribute) and func.attr.value in PICTURE_METHODS:
            base = self._value(func.value)
            if not isinstance(base, Picture):
                return MISSING
            keywords = {a.keyword.value: a.value for a in node.args if a.keyword is not None}
            return self._item_method(func.attr.value, base, positional, keywords)
        if isinstance(func, (cst.Name, cst.Attribute)) and self._qualified(func) == "PIL.Image.open" \
                and self._lookup(_dotted(func).partition(".")[0]) is MISSING:
            return Picture(None)  # a file's mode and size: not known
        if len(positional) == 1 == len(node.args) and (
                isinstance(func, cst.Name) or isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name)) \
                and self._lookup(_dotted(func).partition(".")[0]) is not MISSING:
            return self._transformed(node, positional)  # `transform(image)`, `self.transform(image)`
        return MISSING

    def _transformed(self, node: cst.Call, positional: list) -> object:
        """`self.transform(image)`, `transform(image)`: the tensor a torchvision pipeline makes of an
        image whose size it fixes. MISSING where what is called is no transform."""
        transform = self._value(node.func)
        if not isinstance(transform, Transform):
            return MISSING
        image = self._value(positional[0]) if len(positional) == 1 == len(node.args) else None
        if not isinstance(image, Picture) or not transform.steps \
                or not image.pil and transform.steps[0][0] not in ("tensor", "pil"):
            return None  # torchvision's PIL transforms refuse an array (and ToTensor a tensor)
        # (an app's image, fed to the model itself: its mode not fixed, the sides are; a dataset's
        # item is collated with others and must be known whole)
        final = apply_steps((image.channels, image.height, image.width), transform.steps,
                            any_channels=not self.reading_item)
        if final is None:
            return None
        return Tensor((ANY_CHANNELS, *final[1:]) if final[0] is None else final)

    def _numpy_axes(self, name: str, positional: list, keywords: dict, given: int) -> Tensor | None:
        """np.transpose(image, (2, 0, 1)), np.moveaxis(image, -1, 0), np.rollaxis(image, 2),
        np.swapaxes(image, 0, 2), np.expand_dims(gray, 0): the array of the axes moved, as numpy
        orders them (numpy's normalize_axis_index, rollaxis' start); None where not known."""
        array = _array_of(self._value(positional[0])) if positional else None
        if array is None or given != len(positional) + len(keywords):
            return None
        parameters = {"transpose": ("a", "axes"), "moveaxis": ("a", "source", "destination"),
                      "rollaxis": ("a", "axis", "start"), "swapaxes": ("a", "axis1", "axis2"),
                      "expand_dims": ("a", "axis")}[name]
        if len(positional) > len(parameters) or not set(keywords) <= set(parameters[len(positional):]):
            return None
        bound = dict(zip(parameters, positional)) | keywords
        dims, rank = list(array.shape), len(array.shape)

        def axis(key: str, of: int, default: int | None = None) -> int | None:
            value = self._axis(bound[key]) if key in bound else default
            return value % of if value is not None and -of <= value < of else None

        if name == "transpose":
            if "axes" not in bound:
                return Tensor(tuple(reversed(dims)))
            listed = bound["axes"]
            axes = [axis_ % rank if axis_ is not None and -rank <= axis_ < rank else None
                    for axis_ in (self._axis(e.value) for e in listed.elements)] \
                if isinstance(listed, (cst.Tuple, cst.List)) else [None]
            if None in axes or sorted(axes) != list(range(rank)):
                return None
            return Tensor(tuple(dims[a] for a in axes))
        if name == "expand_dims":
            at = axis("axis", rank + 1)
            return Tensor((*dims[:at], 1, *dims[at:])) if at is not None else None
        if name == "swapaxes":
            first, second = axis("axis1", rank), axis("axis2", rank)
            if first is None or second is None:
                return None
            dims[first], dims[second] = dims[second], dims[first]
            return Tensor(tuple(dims))
        if name == "moveaxis":
            source, destination = axis("source", rank), axis("destination", rank)
            if source is None or destination is None:
                return None
            moved = dims.pop(source)
            dims.insert(destination, moved)
            return Tensor(tuple(dims))
        rolled, start = axis("axis", rank), axis("start", rank + 1, 0)  # rollaxis
        if rolled is None or start is None:
            return None
        moved = dims.pop(rolled)
        dims.insert(start - 1 if rolled < start else start, moved)
        return Tensor(tuple(dims))

    def _item_method(self, method: str, base: object, positional: list, keywords: dict) -> object:
        """`base.method(...)` in a dataset's item code, for the methods of ITEM_METHODS."""
        if isinstance(base, Picture) and not base.pil and method in ("transpose", "reshape"):
            array = _array_of(base)  # an OpenCV image's array: `image.transpose(2, 0, 1)`
            if array is None or keywords:
                return None
            if method == "reshape":
                sizes = self._written_sizes(positional)
                return _reshaped(array, method, sizes) if sizes is not None else None
            given = positional[0].elements if len(positional) == 1 \
                and isinstance(positional[0], (cst.Tuple, cst.List)) else positional
            if len(given) != len(array.shape):
                return None  # numpy's transpose takes every axis (two of three: "axes don't match array")
            base = array
        if isinstance(base, Picture):
            if method == "convert" and base.pil and len(positional) == 1 and not keywords:
                mode = literal(positional[0])
                return replace(base, channels=IMAGE_MODES.get(mode) if isinstance(mode, str) else None)
            if method == "resize" and base.pil and positional:  # PIL: (width, height)
                size = self._sizes(positional[0])
                return replace(base, height=size[1], width=size[0]) if size is not None and len(size) == 2 \
                    and None not in size else replace(base, height=None, width=None)
            return base if method == "copy" or method == "astype" and not base.pil else None
        if method in ("view", "reshape") and not isinstance(base, Tensor):
            return self._reshaped_to(positional, keywords)
        if not isinstance(base, Tensor):
            return MISSING
        if method in TYPE_CASTS:
            return Tensor(base.shape) if method != "type" or positional or keywords else None  # (.type(): a name)
        if method in ("permute", "transpose") and not keywords:
            listed = positional[0] if len(positional) == 1 and isinstance(positional[0], (cst.Tuple, cst.List)) \
                else None
            axes = [self._axis(element.value) for element in listed.elements] if listed is not None \
                else [self._axis(arg) for arg in positional]
            dims = base.shape
            if None in axes or not all(-len(dims) <= axis < len(dims) for axis in axes):
                return None
            axes = [axis % len(dims) for axis in axes]
            if method == "transpose" and len(axes) == 2:
                if len(dims) == 2:
                    return None  # numpy's order of the axes or torch's swap of two: not known which
                # torch's transpose(d0, d1) swaps two dims (numpy's, given two axes, fails here)
                swapped = list(dims)
                swapped[axes[0]], swapped[axes[1]] = dims[axes[1]], dims[axes[0]]
                return Tensor(tuple(swapped))
            if sorted(axes) != list(range(len(dims))):
                return None
            return Tensor(tuple(dims[axis] for axis in axes))
        return MISSING

    def _reshaped_to(self, positional: list, keywords: dict) -> Tensor | None:
        """Data of a size not followed (a CSV's columns), reshaped to sizes written out: whatever it
        held, the result has those sizes or the code fails there; a -1 is the one size not known
        (`.reshape(-1, 1, 28, 28)` of every row at once: N images of 1 x 28 x 28)."""
        if keywords:
            return None
        sizes = self._written_sizes(positional)
        return Tensor(tuple(None if size == -1 else size for size in sizes)) if sizes is not None else None

    def _written_sizes(self, positional: list) -> list[int] | None:
        """The sizes a reshape is given, as ints or one tuple (a name bound to one too), with at
        most one -1; None where one is not known."""
        if not positional:
            return None
        given = positional
        if len(positional) == 1 and isinstance(positional[0], (cst.Tuple, cst.List)):
            if any(isinstance(e, cst.StarredElement) for e in positional[0].elements):
                return None
            given = [e.value for e in positional[0].elements]
        sizes = [self._signed_int(size) for size in given]
        if not given or None in sizes or sizes.count(-1) > 1 or any(size < -1 for size in sizes):
            named = self._sizes(positional[0]) if len(positional) == 1 else None  # `.reshape(SHAPE)`
            return list(named) if named and None not in named else None
        return sizes

    def _axis(self, node: cst.BaseExpression) -> int | None:
        if isinstance(node, cst.Integer) and node.value == "0":
            return 0
        return self._signed_int(node)

    def _cv2_value(self, name: str, positional: list, keywords: dict) -> object:
        """cv2.imread (colour by default), cv2.cvtColor, cv2.resize: the array an item reads."""
        if name == "imread":
            flag = positional[1] if len(positional) > 1 else keywords.get("flags")
            if flag is None:
                return Picture(3, pil=False)
            if isinstance(flag, cst.Integer) and flag.value in ("0", "1"):
                return Picture({"0": 1, "1": 3}[flag.value], pil=False)
            named = CV2_CHANNELS.get(flag.attr.value) if isinstance(flag, cst.Attribute) else None
            return Picture(named, pil=False) if named is not None else None
        image = self._value(positional[0]) if positional else None
        if not isinstance(image, Picture) or image.pil:
            return None
        if name == "cvtColor" and len(positional) == 2 and isinstance(positional[1], cst.Attribute):
            channels = CV2_CONVERSIONS.get(positional[1].attr.value)
            return replace(image, channels=channels) if channels is not None else None
        given = positional[1] if len(positional) >= 2 else keywords.get("dsize")
        if name == "resize" and given is not None:
            size = self._sizes(given)  # (width, height)
            if size is not None and len(size) == 2 and None not in size:
                return replace(image, height=size[1], width=size[0])
        return None

    # ------------------------------------------------------------------ configuration files
    def _file_value(self, node: cst.Call, positional: list) -> object:
        """A step of reading a configuration file the code names: a path joined or taken apart
        (`os.path.join(root, "config.yaml")`, `Path(__file__).parent / "cfg.json"`), the file
        opened or its text read, the loader's result, and `.get(key, default)` of what it holds.
        None for any other call."""
        func = node.func
        # (the object of a method is evaluated only for these: a long chain of calls stays linear)
        if isinstance(func, cst.Attribute) and func.attr.value in FILE_METHODS \
                and _dotted(func.value).partition(".")[0] not in self.modules:
            method = func.attr.value
            base = self._value(func.value)
            if isinstance(base, Text):
                if method == "joinpath":
                    return self._joined_args(base, node)
                if method == "open":
                    return Opened(base) if self._reading(node, 0) else None
                if method == "read_text":
                    return Opened(base)
                return base if method in ("resolve", "absolute", "expanduser") else None
            if isinstance(base, Opened) and method == "read" and not node.args:
                return base
            if isinstance(base, ConfigData) and method == "get" and positional \
                    and len(positional) == len(node.args) and isinstance(base.value(), dict):
                key = self._config_key(positional[0])
                if key is UNKNOWN:
                    return None
                if key in base.value():
                    return self._config_entry(base, key)
                return self._value(positional[1]) if len(positional) > 1 else None
            return None
        if not isinstance(func, (cst.Name, cst.Attribute)):
            return None
        qualified = self._qualified(func)
        if qualified in ("open", "io.open", "codecs.open") and not (qualified == "open" and (
                self._lookup("open") is not MISSING or "open" in self.defined)):
            path = self._path_text(positional[0]) if positional else None
            return Opened(path) if path is not None and self._reading(node, 1) else None
        if qualified in PATH_TYPES or qualified == "os.path.join":
            return self._joined_args(None, node)
        if qualified in ("os.path.dirname", "os.path.abspath", "os.path.realpath", "os.path.normpath") \
                and len(positional) == 1 == len(node.args):
            path = self._path_text(positional[0])
            if path is None or qualified != "os.path.dirname":
                return path
            return _parent(path)
        kind = CONFIG_LOADERS.get(qualified)
        if kind is not None and self.configs is not None:
            given = positional[0] if positional else self._argument(node, ("stream",), "stream") \
                or self._argument(node, ("fp",), "fp") or self._argument(node, ("s",), "s")
            opened = self._value(given) if given is not None else None
            if not isinstance(opened, Opened):
                return None
            loaded = self.configs(opened.path, kind)
            if isinstance(loaded, str):
                return ConfigUnread(loaded)
            if not isinstance(loaded.value, (dict, list)):
                return ConfigUnread(f"{loaded.name} holds no dict or list")
            self.loads[id(node)] = loaded if self.loads.get(id(node), loaded) is loaded else None
            return ConfigData(loaded)
        return None

    def _reading(self, node: cst.Call, position: int) -> bool:
        """Whether `open(path, mode)` or `path.open(mode)` opens the file to read it."""
        mode = self._argument(node, ("file", "mode") if position else ("mode",), "mode")
        if mode is None:
            return True
        value = literal(mode)
        return isinstance(value, str) and value in READ_MODES

    def _joined_args(self, base: Text | None, node: cst.Call) -> Text | None:
        """`os.path.join(a, b)`, `Path(a, b)`, `base.joinpath(b)`: a path of parts known."""
        if not node.args or any(a.keyword is not None or a.star for a in node.args):
            return None
        parts = [self._path_text(a.value) for a in node.args]
        if any(part is None for part in parts):
            return None
        path = base
        for part in parts:
            path = part if path is None else _joined(path, part)
        return path

    def _path_text(self, node: cst.BaseExpression) -> Text | None:
        """A path as the code gives it: a string literal, a name bound to one, an option's string
        default (`--config`, default "configs/train.yaml"), or a path built of those."""
        if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
            try:
                value = node.evaluated_value
            except Exception:
                return None
            return Text(value) if isinstance(value, str) and value else None
        if isinstance(node, cst.Name) and node.value == "__file__" and self._lookup("__file__") is MISSING:
            return Text(SCRIPT, here=True)
        if isinstance(node, cst.Attribute):
            default = self._option_default_of(node)
            if isinstance(default, str) and default:
                return Text(default)
        value = self._value(node)
        return value if isinstance(value, Text) else None

    def _unread_of(self, node: cst.BaseExpression) -> ConfigUnread | None:
        """The file not read that `config['a']['b']` (or `config`) reads from, if one."""
        while isinstance(node, cst.Subscript):
            node = node.value
        value = self._value(node) if isinstance(node, cst.Name) else None
        return value if isinstance(value, ConfigUnread) else None

    def _config_of(self, node: cst.BaseExpression) -> ConfigData | None:
        if not isinstance(node, (cst.Name, cst.Subscript, cst.Call, cst.Attribute)):
            return None
        value = self._value(node)
        return value if isinstance(value, ConfigData) else None

    def _config_key(self, node: cst.BaseExpression) -> object:
        """A key into configuration data: a literal (`cfg['model']`, `layers[-1]`) or an option's
        default (`cfg[args.dataset]`)."""
        key = literal(node)
        if key is UNKNOWN and isinstance(node, cst.Attribute):
            default = self._option_default_of(node)
            key = default if isinstance(default, str) else UNKNOWN
        return key if isinstance(key, (str, int)) else UNKNOWN

    def _config_item(self, config: ConfigData, node: cst.Subscript) -> object:
        """`config['parameters']['image_size']`: the entry's value as the finder takes values (a
        positive int a Number, a list a Several, a dict more ConfigData); None where the key is
        absent or not known."""
        index = node.slice[0].slice if len(node.slice) == 1 else None
        if not isinstance(index, cst.Index):
            return None
        key = self._config_key(index.value)
        if key is UNKNOWN:
            return None
        return self._config_entry(config, key)

    def _config_entry(self, config: ConfigData, key: object) -> object:
        held = config.value()
        if isinstance(held, dict) and key in held and not isinstance(key, bool):
            return self._config_held(ConfigData(config.loaded, (*config.keys, key)))
        if isinstance(held, list) and isinstance(key, int) and not isinstance(key, bool) \
                and -len(held) <= key < len(held):
            return self._config_held(ConfigData(config.loaded, (*config.keys, key % len(held))))
        return None

    def _config_held(self, entry: ConfigData) -> object:
        value = entry.value()
        if isinstance(value, dict):
            return entry
        if isinstance(value, list):
            items = tuple(self._config_held(ConfigData(entry.loaded, (*entry.keys, i))) for i in range(len(value)))
            written = repr(value)
            try:
                same = ast.literal_eval(written) == value
            except (ValueError, SyntaxError, MemoryError, RecursionError):
                same = False
            return Several(items, Literal(written) if same else None)
        if isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_DIM:
            read = f"{entry.keys[-1]}: {value} from {entry.loaded.where(entry.keys)}"
            self.config_reads.append(read)
            return Number(value, (read,))
        return None

    def _config_plain(self, node: cst.BaseExpression) -> object:
        """A constructor argument read from configuration data, as the loader built it (a str, a
        float, a dict...); an Unknown saying why where the key is absent or the file not read;
        UNKNOWN where it is no such read."""
        if isinstance(node, (cst.Subscript, cst.Name)) and isinstance(unread := self._unread_of(node), ConfigUnread):
            written = " ".join(self.module.code_for_node(node).split())
            return Unknown(f"{_shortened(written)}: {unread.why}")
        if isinstance(node, cst.Subscript) and (config := self._config_of(node.value)) is not None:
            index = node.slice[0].slice if len(node.slice) == 1 else None
            key = self._config_key(index.value) if isinstance(index, cst.Index) else UNKNOWN
            entry = self._config_entry(config, key) if key is not UNKNOWN else None
            if entry is None:
                held = config.value()
                if isinstance(held, dict) and key in held and not isinstance(key, bool):
                    entry = ConfigData(config.loaded, (*config.keys, key))
                    self.config_reads.append(f"{key}: {held[key]!r} from {config.loaded.where(entry.keys)}")
                elif key is not UNKNOWN:
                    written = " ".join(self.module.code_for_node(node).split())
                    return Unknown(f"{_shortened(written)}: no such entry in " + (
                        config.loaded.where(config.keys) if config.keys else config.loaded.name))
                else:
                    return UNKNOWN
            if isinstance(entry, Number):
                return entry.value
            if isinstance(entry, Several) and entry.literal is not None:
                return entry.literal.value()
            return copy.deepcopy(entry.value()) if isinstance(entry, ConfigData) else UNKNOWN
        config = self._config_of(node)
        return copy.deepcopy(config.value()) if config is not None else UNKNOWN
    def _read_plain_classes_not_made(self) -> None:
        """A plain class of the file that no code of it makes (a trainer or agent class an entry point
        elsewhere picks by name, `self.model = LeNet()` and its data set in __init__, batches fed in
        another method): its __init__ read with its defaults, then each method of its own on that
        instance, as its caller would run them. Arguments no default gives are not known."""
        made = _names_read(self.module)
        for name, methods in self.holders.items():
            if name in made or "__init__" not in methods:
                continue
            holder = self._held(cst.Call(func=cst.Name(name)), name)
            if not any(isinstance(value, Model) for value in holder.attrs.values()):
                continue  # (no model of its own: what its methods feed is another object's)
            for method_name, method in methods.items():
                if not method_name.startswith("__") and method.params.params:
                    self._read_method(method, cst.Call(func=cst.Attribute(cst.Name("self"), cst.Name(method_name))),
                                      holder)

    def _held(self, node: cst.Call, name: str) -> Holder:
        """`solver = Solver(config, loader)`: the instance, its __init__ read with the call's arguments."""
        holder = Holder(name, {})
        init = self.holders[name].get("__init__")
        if init is not None:
            self._read_method(init, node, holder)
        return holder

    def _read_method(self, definition: cst.FunctionDef, node: cst.Call, holder: Holder) -> None:
        """A method of a plain class called on `holder`: read with `self` bound to it, as a function
        of the file is read with a call's arguments (_follow)."""
        if definition.name.value in self.following or len(self.following) >= MAX_CALL_DEPTH \
                or self.followed >= MAX_FOLLOWED_CALLS or not definition.params.params:
            return
        bound = cst.Call(func=node.func, args=[cst.Arg(cst.Name("self")), *node.args])
        saved = self.scopes
        self.scopes = [saved[0], {"self": holder}]  # `self` as the first argument the call passes
        try:
            # the other arguments read where the call is made (`Trainer(model, trainloader)` in main())
            scope = self._parameters(definition, bound, argument_scopes=[*saved, {"self": holder}])
        finally:
            self.scopes = saved
        if scope is not None:
            self._read_body(definition, node, scope, definition.name.value, bound)

    def _read_body(self, definition: cst.FunctionDef, node: cst.Call, scope: dict, name: str,
                   arguments: cst.Call | None = None) -> int:
        """A function's body read with the names `scope` binds (its own and the module's, not the
        caller's), for the hints it gives and the data it returns to `node`; the count of objects
        noted as changed before it, so the caller can tell what it changed. `arguments`: the call
        as the parameters take it (a method's with `self` first), where not `node`."""
        literals = self._literal_arguments(definition, arguments or node)
        self.followed += 1
        saved = self.scopes
        self.scopes = [saved[0], scope]
        self.following.append(name)
        self.returned.append([])
        self.readings.append(_Reading(literals, _statements(definition)))
        changes = len(self.changed)
        try:
            definition.body.visit(self)
        finally:
            self.following.pop()
            self.scopes = saved
            returned = self.returned.pop()
            self.readings.pop()
        self._note_returned(node, returned)
        return changes

    def _data_shape(self, node: cst.BaseExpression) -> tuple | None:
        """The size of a tensor made of this data: nested lists or tuples of numbers, a list repeated
        (`[500] * x.shape[0]`); () for one number; None where it is not such data."""
        if isinstance(node, (cst.List, cst.Tuple)):
            if any(isinstance(e, cst.StarredElement) for e in node.elements):
                return None
            inner = [self._data_shape(e.value) for e in node.elements]
            if any(shape is None for shape in inner) or any(shape != inner[0] for shape in inner):
                return None  # (torch refuses lists of unequal lengths)
            return (len(inner), *inner[0]) if inner else (0,)
        if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Multiply):
            for listed, count in ((node.left, node.right), (node.right, node.left)):
                if isinstance(listed, (cst.List, cst.Tuple)) and (times := self._int(count)) is not None:
                    inner = self._data_shape(listed)
                    return (inner[0] * times, *inner[1:]) if inner else None
            return None
        if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Minus):
            node = node.expression
        if isinstance(node, (cst.Integer, cst.Float)) or isinstance(node, cst.Name) and node.value in ("True", "False"):
            return ()
        return () if isinstance(node, cst.Name) and isinstance(self._value_of_name(node.value), Number) else None

    def _size_read(self, node: cst.Call) -> object:
        """`x.size()`, `x.size(1)`, `len(x)` of a tensor of known size: its sizes, or that one."""
        whole = isinstance(node.func, cst.Name)
        tensor = self._value(node.args[0].value if whole else node.func.value)
        if not isinstance(tensor, Tensor) or not tensor.shape:
            return None
        if whole or node.args:
            axis = 0 if whole else self._axis(node.args[0].value)
            if axis is None or not -len(tensor.shape) <= axis < len(tensor.shape):
                return None
            size = tensor.shape[axis]
            return Number(size) if isinstance(size, int) else None
        return _sizes_of(tensor)

    def _tensor_and_number(self, node: cst.BinaryOperation) -> Tensor | None:
        """`t * 500`, `(t + 1).long()`, `1000 - t`: a tensor of known size and a number, of its size."""
        if not isinstance(node.operator, (cst.Add, cst.Subtract, cst.Multiply, cst.Divide, cst.FloorDivide)):
            return None
        for side, other in ((node.left, node.right), (node.right, node.left)):
            number = isinstance(other, (cst.Integer, cst.Float)) or isinstance(other, cst.UnaryOperation) \
                and isinstance(other.expression, (cst.Integer, cst.Float))
            if number and isinstance(side, (cst.Name, cst.Call, cst.BinaryOperation, cst.Subscript)) \
                    and isinstance(tensor := self._value(side), Tensor):
                return Tensor(tensor.shape)
        return None

    def _joined_tensors(self, qualified: str, node: cst.Call) -> Tensor | None:
        """`torch.cat((a, b, c), dim=1)`, `torch.stack([a, b])` of tensors whose ranks are known: the
        joined tensor, its joined dim the sum of theirs (a stack: their count, a new dim), each other
        dim the size any of them states (torch refuses them where they differ, so the model is not
        reached). None where a rank or the dim is not known."""
        args = list(node.args)
        if any(a.star for a in args) or not args or args[0].keyword is not None:
            return None
        keywords = {a.keyword.value: a.value for a in args if a.keyword is not None}
        positional = [a.value for a in args if a.keyword is None]
        if set(keywords) - {"dim", "axis"} or len(positional) > 2 or len(positional) == 2 and keywords:
            return None
        parts = positional[0]
        if not isinstance(parts, (cst.Tuple, cst.List)) or not parts.elements                 or any(isinstance(e, cst.StarredElement) for e in parts.elements):
            return None
        tensors = [self._value(e.value) for e in parts.elements]
        if not all(isinstance(t, Tensor) and t.shape for t in tensors) or len({len(t.shape) for t in tensors}) != 1 \
                or any(t.shape == (0,) for t in tensors):  # (an empty 1-d tensor joins any rank)
            return None
        written = positional[1] if len(positional) == 2 else keywords.get("dim", keywords.get("axis"))
        dim = self._signed_int(written) if written is not None else 0
        stack = qualified.rpartition(".")[2] == "stack"
        rank = len(tensors[0].shape) + (1 if stack else 0)
        if dim is None or not -rank <= dim < rank:
            return None
        dim %= rank

        def agreed(sizes: list) -> int | None:
            known = {size for size in sizes if size is not None}
            return known.pop() if len(known) == 1 else None

        columns = [list(sizes) for sizes in zip(*(t.shape for t in tensors))]
        if stack:
            shape = [agreed(column) for column in columns]
            shape.insert(dim, len(tensors))
        else:
            shape = [agreed(column) for column in columns]
            shape[dim] = None if None in columns[dim] else sum(columns[dim])
        return Tensor(tuple(shape))

    def _maker_shape(self, maker: str, args: list[cst.Arg]) -> tuple | None:
        keywords = {a.keyword.value: a.value for a in args if a.keyword is not None}
        positional = [a for a in args if a.keyword is None]
        if "size" in keywords:
            return self._sizes(keywords["size"], any_batch=True)
        if maker == "randint":  # randint(high, size) or randint(low, high, size)
            return self._sizes(positional[-1].value, any_batch=True) \
                if len(positional) >= 2 and not positional[-1].star else None
        if maker == "full":  # full(size, fill_value)
            return self._sizes(positional[0].value) if positional and not positional[0].star else None
        if maker == "normal":  # normal(mean, std, size) only with size=
            return None
        return self._sizes_of_args(positional)

    def _legacy_shape(self, args: list[cst.Arg]) -> tuple | None:
        """torch.Tensor(16, 3, 64, 64): sizes only as separate ints (or `*shape`); one list or
        tuple is the tensor's data, not its size; so is one array of a known shape
        (`FloatTensor(np.random.normal(0, 1, (64, 100)))`): a tensor of that shape."""
        if any(a.keyword is not None and a.keyword.value != "device" for a in args):
            return None
        positional = [a for a in args if a.keyword is None]
        if len(positional) == 1 and not positional[0].star and self._int(positional[0].value) is None:
            data = self._value(positional[0].value)
            return data.shape if isinstance(data, Tensor) else None  # data, or a value not known
        return self._sizes_of_args(positional)

    def _numpy_random_shape(self, qualified: str, args: list[cst.Arg]) -> tuple | None:
        """The shape numpy's random maker gives: `rand(64, 100)` of its sizes; `normal(0, 1, size)`,
        `randint(0, 10, size)` of a size that is an int (one dim) or a tuple (a first size not known
        is the batch). None where no size is given (a number, not an array) or it is not known."""
        if any(a.star for a in args):
            return None
        positional = [a for a in args if a.keyword is None]
        if qualified in NUMPY_SIZED:  # (each size an int: numpy refuses a tuple here)
            if not positional or len(positional) != len(args) \
                    or len(positional) == 1 and isinstance(self._value(positional[0].value), Several):
                return None
            return self._sizes_of_args(positional)
        keywords = {a.keyword.value: a.value for a in args if a.keyword is not None}
        at = NUMPY_RANDOM_SIZE_AT[qualified]
        size = keywords.get("size", positional[at].value if len(positional) > at else None)
        if size is None:
            return None
        if (number := self._int(size)) is not None:
            return (number,)
        if isinstance(size, cst.Name) and self._lookup(size.value) is SOME_INT:
            return (None,)
        return self._sizes(size, any_batch=True)

    def _env_value(self, node: cst.Call) -> Env | Thunk | None:
        """A gym / gymnasium env with the wrappers that build it (`gym.wrappers.FrameStack(env, 4)`), or
        what a function of the file that builds one returns: the size of its observations."""
        func = node.func
        if not isinstance(func, (cst.Name, cst.Attribute)):
            return None
        qualified = self._qualified(func)
        if qualified.partition(".")[0] not in ("gym", "gymnasium") \
                and not (isinstance(func, cst.Name) and func.value in self.functions and qualified == func.value) \
                and not (isinstance(func, cst.Name) and isinstance(self._lookup(func.value), Thunk)):
            return None
        if self.env_reader is None:
            self.env_reader = EnvReader(self.module, self._qualified, self._line, self._outer_env)
        value = self.env_reader.value(node, {})
        return value if isinstance(value, (Env, Thunk)) else None

    def _outer_env(self, name: str) -> Env | Thunk | None:
        value = self._lookup(name)
        return value if isinstance(value, (Env, Thunk)) else None

    def _env_fed(self, model: Model, node: cst.Call) -> None:
        """`QNetwork(envs)`: a model built with an env is fed its observations, batched."""
        if any(a.star for a in node.args):
            return
        envs = [env for a in node.args if isinstance(env := self._value(a.value), Env) and env.shape is not None
                or (env := self._observed(a.value)) is not None]
        if not envs or any(env.shape != envs[0].shape for env in envs):
            return
        env = envs[0]
        via = f"the observations of the env built on line {env.line}, {'x'.join(map(str, env.shape))} each"
        self._add(model, (None, *env.shape), node, "call", via)

    def _observed(self, node: cst.BaseExpression) -> Env | None:
        """`env.observation_space.shape` (a vector env's `single_observation_space`) of an env whose
        observations' size the wrappers state: that env."""
        if isinstance(node, cst.Attribute) and node.attr.value == "shape" and isinstance(node.value, cst.Attribute) \
                and node.value.attr.value in ("observation_space", "single_observation_space") \
                and isinstance(env := self._value(node.value.value), Env) and env.shape is not None:
            return env
        return None

    def _model_of(self, node: cst.Call) -> Model | None:
        """`Net(...)`, `models.Net(...)`, `m.Net(...)` with `import models.net as m`: the model made."""
        func = node.func
        if isinstance(func, (cst.Name, cst.Attribute)):
            reference = self._reference(func)
        else:
            reference = self._named_in_module(func)
            if reference is not None and reference[0].partition(".")[0] in LIBRARIES:
                reference = None
        if reference is None:
            return None
        module, target = reference
        model = Model(target, module, self._arguments(node), classes=self._classes_named(node))
        if len(self.built) < MAX_BUILT and (star_sources(module or "") is None or target[:1].isupper()) \
                and (model.classes or any(value is not UNKNOWN for _, value in model.arguments)):
            # a star-imported helper called in every step (`progress_bar(...)`) is no construction;
            # nor is a call passing nothing known (`get_durations_df(path)`): it would only use up the count
            self.built.append((model, node))
        self._env_fed(model, node)
        return model

    def _reference(self, func: cst.Name | cst.Attribute) -> tuple[str | None, str] | None:
        """(module, name) of the project's class or function a name or dotted name refers to
        (module None: defined in this file); None for a local name or a library's."""
        if isinstance(func, cst.Name):
            name = func.value
            if self._lookup(name) is not MISSING:
                return None  # a local name, not the class or function of that name
            if name in self.defined:
                target, module = name, None
            elif name in self.from_imports:
                module, target = self.from_imports[name]
            elif self.star_sources and name not in BUILTIN_NAMES:
                target, module = name, star_module(self.star_sources)
            else:
                return None
        elif _dotted(func) in self.defined and self._lookup(_dotted(func).partition(".")[0]) is MISSING:
            target, module = _dotted(func), None
        else:
            head = _dotted(func).partition(".")[0]
            if not head or (head not in self.modules and head not in self.from_imports) \
                    or self._lookup(head) is not MISSING:
                return None
            module, _, target = self._qualified(func).rpartition(".")
        if module is not None and module.partition(".")[0] in LIBRARIES:
            return None  # nn.Sequential(...), torchvision's models: not a model of the project
        return module, target

    def _named_in_module(self, func: cst.BaseExpression) -> tuple[str, str] | None:
        """`models.__dict__[args.arch]`, `getattr(models, args.arch)`: the function of an imported
        module that a string names (a literal, or an option's default: what runs with no options)."""
        if isinstance(func, cst.Subscript) and isinstance(func.value, cst.Attribute) \
                and func.value.attr.value == "__dict__" and len(func.slice) == 1 \
                and isinstance(func.slice[0].slice, cst.Index):
            owner, key = func.value.value, func.slice[0].slice.value
        elif isinstance(func, cst.Call) and isinstance(func.func, cst.Name) and func.func.value == "getattr" \
                and self._lookup("getattr") is MISSING and len(func.args) == 2 \
                and all(a.keyword is None and not a.star for a in func.args):
            owner, key = func.args[0].value, func.args[1].value
        else:
            return None
        name = literal(key) if isinstance(key, cst.SimpleString) else self._option_default_of(key)
        dotted = _dotted(owner)
        if not isinstance(name, str) or not name.isidentifier() or not dotted \
                or self._lookup(dotted.partition(".")[0]) is not MISSING:
            return None
        head = dotted.partition(".")[0]
        if head not in self.modules and head not in self.from_imports:
            return None
        return self._qualified(owner), name

    def _spread(self, node: cst.BaseExpression) -> object:
        """What `**node` spreads: a config file's entries (`**config['model']`), or a dict the module
        binds once at its top level (`model_args = {"in_channels": 3, ...}` or `dict(in_channels=3)`),
        each value a literal or a name so bound (UNKNOWN where it is neither); UNKNOWN otherwise."""
        plain = self._config_plain(node)
        if isinstance(plain, dict) or not isinstance(node, cst.Name):
            return plain
        tree = getattr(self, "_python_tree", None)
        if tree is None:
            try:
                tree = self._python_tree = ast.parse(self.module.code)
            except (SyntaxError, ValueError, RecursionError):
                return UNKNOWN
        bound = bound_once_at_top(tree, node.value)
        if isinstance(bound, ast.Call) and isinstance(bound.func, ast.Name) and bound.func.id == "dict" \
                and not bound.args and all(k.arg is not None for k in bound.keywords):
            items = [(k.arg, k.value) for k in bound.keywords]
        elif isinstance(bound, ast.Dict) and all(isinstance(k, ast.Constant) and isinstance(k.value, str)
                                                 for k in bound.keys):
            items = [(k.value, v) for k, v in zip(bound.keys, bound.values)]
        else:
            return UNKNOWN

        def value(item: ast.expr) -> object:
            if isinstance(item, ast.Name):
                item = bound_once_at_top(tree, item.id)
            try:
                return ast.literal_eval(item) if item is not None else UNKNOWN
            except (ValueError, TypeError, SyntaxError, RecursionError):
                return UNKNOWN

        return {key: value(item) for key, item in items}

    def _arguments(self, node: cst.Call) -> tuple:
        if any(a.star == "*" or a.star == "**" and not isinstance(self._spread_entries(a.value), dict)
               for a in node.args):
            return (("*", UNKNOWN),)
        out = []
        for index, arg in enumerate(node.args):
            if arg.star == "**":  # Net(**config['model']), Net(**model_args): the entries as keywords
                out += [(str(key), value) for key, value in self._spread_entries(arg.value).items()]
                continue
            value = literal(arg.value)
            if value is UNKNOWN and (env := self._observed(arg.value)) is not None:
                value = env.shape  # DQN(env.observation_space.shape, ...): the size the wrappers state
            if value is UNKNOWN:
                value = self._config_plain(arg.value)  # Net(in_ch=config['channels']), as the file holds it
            if value is UNKNOWN and (number := self._int(arg.value)) is not None:
                value = number
            if value is UNKNOWN and isinstance(keywords := self._value(arg.value), Keywords):
                value = keywords.as_dict()  # Generator(params), params a dict of the hyperparameters
            elif value is UNKNOWN and isinstance(several := self._value(arg.value), Several) \
                    and several.literal is not None:
                value = several.literal.value()  # Net([64, 128]): the widths as written
            elif value is UNKNOWN and isinstance(entry := self._keyword_entry(arg.value), Literal):
                value = entry.value()  # Net(hparams['filters']), hparams a dict holding the list
            out.append((arg.keyword.value if arg.keyword else index, value))
        return tuple(out)

    def _spread_entries(self, node: cst.BaseExpression) -> object:
        """What `**node` spreads (`_spread`), or else a dict the code binds before the call
        (`crnn_kwargs = {...}` under `if __name__ == '__main__':`): its entries as constructor
        arguments, one not followed UNKNOWN; UNKNOWN where it is neither."""
        spread = self._spread(node)
        if isinstance(spread, dict) or not isinstance(node, cst.Name):
            return spread
        keywords = self._value(node)
        if not isinstance(keywords, Keywords):
            return UNKNOWN
        return {key: UNKNOWN if isinstance(value, Unknown) else value for key, value in keywords.as_dict().items()}

    def _keyword_entry(self, node: cst.BaseExpression) -> object:
        """The entry `params['key']` reads of a dict of hyperparameters the code binds; None otherwise."""
        if isinstance(node, cst.Subscript) and len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index) \
                and isinstance(key := node.slice[0].slice.value, cst.SimpleString) \
                and isinstance(entries := self._value(node.value), Keywords):
            return entries.get(key.evaluated_value)
        return None

    def _classes_named(self, node: cst.Call) -> tuple:
        """The arguments that name a class or function of the project by itself (`CNN(ConvBlockA)`,
        `Net(blocks.Bottleneck)`), keyed as `_arguments` keys them: (key, module, name), module None
        for one the file defines. Not a local name (a function's own `block`): what it holds is not read."""
        if any(a.star for a in node.args):
            return ()
        out = []
        for index, arg in enumerate(node.args):
            if isinstance(arg.value, (cst.Name, cst.Attribute)) and literal(arg.value) is UNKNOWN \
                    and (reference := self._reference(arg.value)) is not None:
                out.append((arg.keyword.value if arg.keyword else index, *reference))
        return tuple(out)

    def _resized(self, node: cst.Call, qualified: str) -> Tensor | None:
        """`F.interpolate(x, size=(32, 32))`, `F.pad(x, (2, 2, 2, 2))` of a tensor of known sizes:
        what torch gives, where every argument is written out; else nothing."""
        if any(a.star for a in node.args):
            return None
        names = RESIZERS[qualified]
        if any(a.keyword is not None and a.keyword.value not in names for a in node.args) \
                or len([a for a in node.args if a.keyword is None]) > len(names):
            return None
        base = self._value(self._argument(node, names, names[0]))
        if not isinstance(base, Tensor):
            return None
        given = {name: self._argument(node, names, name) for name in names[1:]}
        if qualified == F_PAD:
            mode = given["mode"]
            pad = given["pad"]
            if mode is not None and literal(mode) != "constant" or not isinstance(pad, (cst.Tuple, cst.List)):
                return None  # reflect and the others refuse some sizes: not followed
            amounts = [self._pad_amount(element.value) if not isinstance(element, cst.StarredElement) else None
                       for element in pad.elements]
            made = _padded(base.shape, amounts)
        else:
            mode = literal(given["mode"]) if given["mode"] is not None else "nearest"
            size, scale = given["size"], given["scale_factor"]
            if size is not None and literal(size) is None:
                size = None
            if scale is not None and literal(scale) is None:
                scale = None
            if (size is None) == (scale is None):
                return None  # torch wants exactly one of them
            if size is not None:
                number = self._int(size)
                targets = (number,) if number is not None else self._sizes(size)
                made = _interpolated(base.shape, mode, targets, None)
            else:
                number = literal(scale)
                factors = (number,) if isinstance(number, (int, float)) and not isinstance(number, bool) else None
                if factors is None and isinstance(scale, (cst.Tuple, cst.List)):
                    factors = tuple(literal(element.value) for element in scale.elements)
                made = _interpolated(base.shape, mode, None, factors)
        if made is None:
            return None
        return Tensor(made, base.via, base.read)

    # ------------------------------------------------------------------ data pipelines
    @staticmethod
    def _argument(node: cst.Call, names: tuple[str, ...], name: str) -> cst.BaseExpression | None:
        positional = [a for a in node.args if a.keyword is None]
        index = names.index(name) if name in names else None
        if index is not None and index < len(positional):
            return positional[index].value
        for arg in node.args:
            if arg.keyword is not None and arg.keyword.value == name:
                return arg.value
        return None

    def _loader(self, node: cst.Call) -> Loader | None:
        entries: dict[str, object] = {}
        dataset = None
        positional = [a for a in node.args if a.keyword is None and not a.star]
        if len(positional) > len(LOADER_PARAMETERS) or any(a.star == "*" for a in node.args):
            return None
        for name, arg in zip(LOADER_PARAMETERS, positional):
            if name == "dataset":
                dataset = self._value(arg.value)
            else:
                entries[name] = self._keyword_value(arg.value)
        for arg in node.args:
            if arg.star == "**":
                spread = self._value(arg.value)
                if not isinstance(spread, Keywords):
                    return None
                entries.update(spread.entries)
            elif arg.keyword is not None:
                if arg.keyword.value == "dataset":
                    dataset = self._value(arg.value)
                else:
                    entries[arg.keyword.value] = self._keyword_value(arg.value)
        if not isinstance(dataset, Images):
            return None
        if entries.get("collate_fn", NONE) is not NONE:
            return None  # a collate function may make anything of the batch
        size = entries.get("batch_size", Number(1))
        if size is NONE:
            return None  # batch_size=None: single samples, no batch dim
        batch = size.value if isinstance(size, Number) else None
        if entries.get("batch_sampler", NONE) is not NONE:
            batch = None
        return Loader(dataset.item, batch, dataset.name, self._line(node), self.made_in, read=dataset.read,
                      parts=dataset.parts, others=dataset.others)

    def _dataset(self, name: str, node: cst.Call) -> Images | None:
        kind = DATASETS.get(name)
        if kind is None or any(a.star for a in node.args):
            return None
        if len([a for a in node.args if a.keyword is None]) > len(kind.parameters) or \
                any(a.keyword is not None and a.keyword.value not in kind.parameters for a in node.args):
            return None  # an argument this table does not know (a custom loader=...)
        item = kind.item
        if name == "FakeData":
            given = self._argument(node, kind.parameters, "image_size")
            item = self._sizes(given) if given is not None else item
            if item is None or len(item) != 3 or item[0] not in (1, 3):
                return None
        transform = self._value(self._argument(node, kind.parameters, "transform"))
        if not isinstance(transform, Transform):
            return None
        final = apply_steps(item, transform.steps)
        # (a target_transform may make anything of the class index; without one it stays a number)
        labels = ((),) if self._argument(node, kind.parameters, "target_transform") is None else None
        return Images(final, name, transform.read, others=labels) if final is not None else None

    def _transform(self, name: str, node: cst.Call) -> Transform | None:
        if name == "Compose":
            listed = self._argument(node, ("transforms",), "transforms")
            if isinstance(listed, (cst.List, cst.Tuple)):
                if any(isinstance(element, cst.StarredElement) for element in listed.elements):
                    return None
                values = [self._value(element.value) for element in listed.elements]
            elif isinstance(listed, cst.Name) and isinstance(bound := self._value(listed), Several):
                values = list(bound.values)  # `trans = [transforms.ToTensor()]`, grown, then Compose(trans)
            else:
                return None
            steps: list = []
            read: tuple = ()
            for value in values:
                if not isinstance(value, Transform):
                    return None
                steps.extend(value.steps)
                read += value.read
            return Transform(tuple(steps), tuple(dict.fromkeys(read)))
        step = self._step(name, node)
        return Transform((step,)) if step is not None else None

    def _size_pair(self, node: cst.BaseExpression | None) -> tuple[int, int] | int | None:
        """A transform's size: an int (n), or (h, w); a one-element sequence is its int."""
        if node is None:
            return None
        number = self._int(node)
        if number is not None:
            return number
        sizes = self._sizes(node)
        if sizes is not None and len(sizes) == 1:
            return sizes[0]
        return (sizes[0], sizes[1]) if sizes is not None and len(sizes) == 2 else None

    def _step(self, name: str, node: cst.Call) -> tuple | None:
        if any(a.star for a in node.args):
            return None
        if name in TO_TENSOR:
            return ("tensor",)
        if name == "ToPILImage":
            return ("pil",)
        if name in SIZE_KEEPING:
            return ("keep",)
        if name == "RandomRotation":
            expand = self._argument(node, ("degrees", "interpolation", "expand"), "expand")
            return ("keep",) if expand is None or (isinstance(expand, cst.Name) and expand.value == "False") else None
        if name == "Resize":
            names = ("size", "interpolation", "max_size")
            cap = self._argument(node, names, "max_size")
            if cap is not None and not (isinstance(cap, cst.Name) and cap.value == "None"):
                return None
            size = self._size_pair(self._argument(node, names, "size"))
            if size is None:
                return None
            return ("short", size) if isinstance(size, int) else ("fixed", *size)
        if name in ("CenterCrop", "RandomResizedCrop", "RandomCrop"):
            names = ("size", "padding", "pad_if_needed")
            size = self._size_pair(self._argument(node, names, "size"))
            if size is None:
                return None
            height, width = (size, size) if isinstance(size, int) else size
            if name != "RandomCrop":
                return ("fixed", height, width)
            padding_node = self._argument(node, names, "padding")
            padding = (0, 0, 0, 0) if padding_node is None or (isinstance(padding_node, cst.Name) and
                                                               padding_node.value == "None") \
                else self._borders(padding_node)
            needed = self._argument(node, names, "pad_if_needed")
            pad_if_needed = False if needed is None else literal(needed)
            return ("crop", height, width, padding, pad_if_needed if isinstance(pad_if_needed, bool) else None)
        if name == "Pad":
            names = ("padding", "fill", "padding_mode")
            borders = self._borders(self._argument(node, names, "padding"))
            mode_node = self._argument(node, names, "padding_mode")
            mode = "constant" if mode_node is None else literal(mode_node)
            return ("pad", *borders, mode) if borders is not None and mode in PAD_MODES else None
        if name == "Grayscale":
            channels = self._argument(node, ("num_output_channels",), "num_output_channels")
            count = 1 if channels is None else self._int(channels)
            return ("gray", count) if count in (1, 3) else None
        if name == "Normalize":
            mean = self._value(self._argument(node, ("mean", "std", "inplace"), "mean"))
            return ("normalize", len(mean.values) if isinstance(mean, Several) else None)
        return None  # Lambda, FiveCrop, RandomZoomOut...: not followed

    def _borders(self, node: cst.BaseExpression | None) -> tuple[int, int, int, int] | None:
        """A torchvision padding as (left, top, right, bottom): one int for every border, a pair
        (left and right, top and bottom) or the four (torchvision.transforms.functional.pad)."""
        if node is None:
            return None
        if isinstance(node, cst.Integer) and node.value == "0":
            return (0, 0, 0, 0)
        number = self._int(node)
        if number is not None:
            return (number,) * 4
        if isinstance(node, (cst.Tuple, cst.List)):
            amounts = [self._int(e.value) if not (isinstance(e.value, cst.Integer) and e.value.value == "0") else 0
                       for e in node.elements if not isinstance(e, cst.StarredElement)]
            if len(amounts) != len(node.elements) or None in amounts:
                return None
        else:
            sizes = self._sizes(node)
            if sizes is None or None in sizes:
                return None
            amounts = list(sizes)
        if len(amounts) == 1:
            return (amounts[0],) * 4
        if len(amounts) == 2:
            return (amounts[0], amounts[1], amounts[0], amounts[1])
        return tuple(amounts) if len(amounts) == 4 else None

    def _item(self, value: object) -> object:
        """What a for loop over the value binds each time."""
        if isinstance(value, Loader):
            return _batch(value)
        if isinstance(value, Enumerated):
            return value
        return None

    # ------------------------------------------------------------------ hints
    def _line(self, node: cst.CSTNode) -> int:
        if self.line_of is None:
            positions = cst.metadata.MetadataWrapper(self.module, unsafe_skip_copy=True).resolve(
                cst.metadata.PositionProvider)
            self.line_of = lambda n: positions[n].start.line
        return self.line_of(node)

    def _add(self, model: Model | Chosen, shape: tuple, node: cst.Call, kind: str, via: str | None = None,
             more: tuple = (), fed_by: InputHint | None = None, read: tuple = (), through: str | None = None) -> None:
        if self.expecting_failure:
            return  # a size fed to see it fail (or to probe whether it fails) is not the model's input
        if self.quiet and id(model) in self.passed_models and not self.reading_item and fed_by is None:
            through = f"{_shortened(' '.join(self.module.code_for_node(node).split()))} ({self.made_in}line " \
                      f"{self._line(node)})"
            self.relayed.append((model, shape, kind, via, more, read, through))
            return
        if self.quiet:
            return
        if isinstance(model, Chosen) and model.joined:
            # the name holds one model on each path through the if statement: on its own path each is
            # fed just this
            for each in model.models:
                hint = self._hint(each, shape, node, kind, via, more, fed_by, read, through)
                self.hints.append(replace(hint, text=f"{hint.text}, as for every model the name {model.table} may hold"))
            return
        if isinstance(model, Chosen):
            # any class of the table may be the one built: each takes the size, as a model of a
            # package takes the size its scripts feed (kind "table": one it refuses is not its data)
            for each in model.models:
                hint = self._hint(each, shape, node, "table", via, more, read=read, through=through)
                self.hints.append(replace(hint, text=f"{hint.text}, as for every model of {model.table}"))
            return
        self.hints.append(self._hint(model, shape, node, kind, via, more, fed_by, read, through))

    def _hint(self, model: Model, shape: tuple, node: cst.Call, kind: str, via: str | None = None,
              more: tuple = (), fed_by: InputHint | None = None, read: tuple = (),
              through: str | None = None) -> InputHint:
        text = _shortened(" ".join(self.module.code_for_node(node).split()))
        if through is not None:  # fed by the other file's function the call runs: what feeds it there
            text = f"{text}, which runs {through}"
        if via is not None:
            text = f"{text} on {via}"
        elif fed_by is not None:
            text = f"{text} on what {fed_by.text} outputs (line {fed_by.line})"
        read = tuple(dict.fromkeys((*read, *model.read)))
        if read:  # the sizes or arguments a configuration file gives: where each is written
            text = f"{text} ({'; '.join(read[:4])}{'; ...' if len(read) > 4 else ''})"
        enclosing = self.enclosing[-1] if self.enclosing and not self.following else None
        return InputHint(model.target, model.module, shape, self._line(node), kind, text, model.arguments, more,
                         fed_by, model.origin, uncalled=enclosing, classes=model.classes)

    def _called_model(self, node: cst.Call) -> tuple[Model | Chosen, list] | None:
        """A model instance called on positional arguments: the model (or the models it may be,
        built from a table) and their values."""
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value == "forward":
            model = self._value(func.value)
        elif isinstance(func, cst.Name):
            model = self._value_of_name(func.value)
        elif isinstance(func, (cst.Call, cst.Attribute)):  # `self.net(images)` of a Solver too
            model = self._value(func)
        else:
            return None
        if not isinstance(model, (Model, Chosen)) or not node.args or any(a.keyword or a.star for a in node.args):
            return None
        return model, [self._value(a.value) for a in node.args]

    def _fed(self, node: cst.Call) -> Output | None:
        """`netG(noise)` with the size of every input known: what it outputs, to be found by
        running it (the discriminator fed `fake` gets that size)."""
        called = self._called_model(node)
        if called is None or not isinstance(called[0], Model) or not all(isinstance(t, Tensor) for t in called[1]):
            return None
        model, tensors = called
        return Output(self._hint(model, tensors[0].shape, node, "dataloader" if tensors[0].via else "call",
                                 tensors[0].via, tuple(t.shape for t in tensors[1:])))

    def _model_call(self, node: cst.Call) -> None:
        called = self._called_model(node)
        if called is None:
            return
        model, tensors = called
        if all(isinstance(t, Tensor) for t in tensors):  # every input's size known: `netD(img_A, img_B)`
            tensor = tensors[0]
            self._add(model, tensor.shape, node, "dataloader" if tensor.via else "call", tensor.via,
                      tuple(t.shape for t in tensors[1:]), read=tuple(r for t in tensors for r in t.read))
        elif isinstance(tensors[0], Output) and all(isinstance(t, Tensor) for t in tensors[1:]) \
                and isinstance(model, Model) and tensors[0].fed.module is None and model.module is None:
            # both models of this file: `netD(fake.detach())`, fake = netG(noise)
            self._add(model, (), node, "output", None, tuple(t.shape for t in tensors[1:]), fed_by=tensors[0].fed)

    def _tool_call(self, node: cst.Call) -> None:
        tool = TOOLS.get(self._qualified(node.func)) if isinstance(node.func, (cst.Name, cst.Attribute)) else None
        if tool is None and isinstance(node.func, cst.Attribute) and node.func.attr.value == ADD_GRAPH[0] \
                and self._value(node.func.value) is WRITER:
            tool = ADD_GRAPH
        if tool is None or any(a.star for a in node.args):
            return
        kind, names = tool
        mark = len(self.config_reads)
        model = self._value(self._argument(node, names, names[0]))
        if not isinstance(model, (Model, Chosen)):
            return
        keywords = {a.keyword.value for a in node.args if a.keyword is not None}
        shape = None
        if kind in ("torchinfo", "torchsummary"):
            if kind == "torchinfo" and "batch_dim" in keywords:
                return  # torchinfo adds a batch dim of its own
            size = self._argument(node, names, "input_size")
            data = self._argument(node, names, "input_data") if kind == "torchinfo" else None
            if size is not None:
                shape = self._one_size(size, flat_list=kind == "torchinfo")
                if shape is not None and kind == "torchsummary":
                    shape = (None, *shape)  # torchsummary runs a batch of 2 and prints -1
            elif data is not None:
                shape = self._one_tensor(data, bare=True)
        elif kind == "ptflops":
            if "input_constructor" in keywords:
                return
            size = self._sizes(self._argument(node, names, "input_res"))
            shape = (1, *size) if size is not None else None  # ptflops makes a batch of 1
        else:
            given = self._argument(node, names, names[1])
            if kind == "onnx" and "kwargs" in keywords:
                return
            # torch.export and thop unpack a tuple of inputs; a bare tensor is not one input there
            shape = self._one_tensor(given, bare=kind in ("onnx", "jit.trace", "fvcore", "torchsummaryX", "add_graph"))
        if shape is not None:
            self._add(model, shape, node, kind, read=tuple(self.config_reads[mark:]))

    def _one_size(self, node: cst.BaseExpression, flat_list: bool) -> tuple | None:
        """(1, 3, 32, 32), or a list holding one such tuple: [(1, 3, 32, 32)]."""
        value = self._value(node)
        if not isinstance(value, Several) or not value.values:
            return None
        if len(value.values) == 1 and isinstance(value.values[0], Several):
            value = value.values[0]
        elif isinstance(node, cst.List) and not flat_list:
            return None  # torchsummary iterates a list: a list of ints is not a size there
        if not all(isinstance(v, Number) for v in value.values):
            return None
        return tuple(v.value for v in value.values)

    def _one_tensor(self, node: cst.BaseExpression | None, bare: bool) -> tuple | None:
        value = self._value(node)
        if isinstance(value, Tensor) and bare:
            return value.shape
        if isinstance(value, Several) and len(value.values) == 1 and isinstance(value.values[0], Tensor):
            return value.values[0].shape
        return None

    def _follow(self, node: cst.Call) -> None:
        """A call of a function of the file: read its body with the arguments given (for the hints
        it gives and the data it returns); one another project file defines, for what it returns."""
        func = node.func
        self.call_values.pop(id(node), None)  # read with another call's arguments before (a body read twice)
        if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name) and func.value.value in self.modules \
                and self._lookup(func.value.value) is MISSING and len(self.following) < MAX_CALL_DEPTH \
                and self.followed < MAX_FOLLOWED_CALLS:
            # `utils.train(net, loader)` of `import utils`: read for the model it is passed;
            # `data.data_loader(location, 64)`: for the data it returns (a library's function is no
            # project file's, and nothing is read for it)
            self._follow_foreign(node, func.attr.value, (self.modules[func.value.value], func.attr.value))
            return
        if not isinstance(func, cst.Name) or self._lookup(func.value) is not MISSING:
            return
        if func.value in self.following or len(self.following) >= MAX_CALL_DEPTH or \
                self.followed >= MAX_FOLLOWED_CALLS:
            return
        if func.value not in self.functions:
            self._follow_foreign(node, func.value)
            return
        definition = self.functions[func.value]
        scope = self._parameters(definition, node)
        at_module_level = len(self.scopes) == 1
        # (called in a function with nothing known, a body gives only the hints its own reading gave,
        # but what it returns: `train_loader = get_data_loader(args)` in main())
        if scope is None or not (at_module_level or not scope or any(v is not None for v in scope.values())
                                 or _returns_a_value(definition)):
            return
        changes = self._read_body(definition, node, scope, func.value)
        changed = {name for where, name in self.changed[changes:] if where == id(scope)}
        if changed:  # `def replace_head(model): model.fc = ...`: the caller's object is changed too
            for name, arg in self._arguments_by_parameter(definition, node).items():
                if name in changed:
                    self._changed(arg)

    def _relaying_reader(self, module: cst.Module, where: str) -> "_Finder":
        """A reader of another project file (`where`) whose own hints are that file's: what it feeds
        a model this code passes it is relayed, to be fed at the call made here."""
        reader = _Finder(module, None, configs=self.configs)  # a path it opens is the running script's
        reader.quiet = True
        reader.made_in = f"{where} "
        reader.prime_imports()
        return reader

    def _relayed_from(self, reader: "_Finder", node: cst.Call) -> None:
        """What a _relaying_reader fed the models passed to it, fed at `node`, the call made here."""
        for model, shape, kind, via, more, read, through in reader.relayed:
            self._add(model, shape, node, kind, via, more, read=read, through=through)

    def _follow_foreign(self, node: cst.Call, name: str, imported: tuple[str, str] | None = None) -> None:
        """`loader = get_loader(params)` with `from utils import get_loader`: the function read in
        its own module (its imports, none of its module-level names), with the caller's arguments;
        `train(net, loader)` with `from utils import train`: what its loop feeds the model the
        caller passes it is fed at the call, as by a function of this file. A name no import names
        outright is the function of the one star-imported project module that defines it
        (`from utils import *`)."""
        if self.foreign is None:
            return
        imported = imported or self.from_imports.get(name)
        if imported is None and self.star_sources and name not in self.defined and name not in BUILTIN_NAMES \
                and not name.startswith("_"):  # (a star import skips the names that start with "_")
            defining = [(source, name) for source in self.star_sources
                        if (found := self.foreign(source, name)) is not None and isinstance(found[1], cst.FunctionDef)]
            imported = defining[0] if len(defining) == 1 else None
        if imported is None:
            return
        found = self.foreign(*imported)
        if found is None or not isinstance(found[1], cst.FunctionDef):
            return
        module, definition, where, path = found
        reader = self._relaying_reader(module, where)
        scope = reader._parameters(definition, node, arguments_from=self)
        if scope is None:
            return
        reader.passed_models = {id(value) for value in scope.values() if isinstance(value, (Model, Chosen))}
        self.followed += 1
        reader.scopes = [{}, scope]
        reader.following.append(name)
        reader.returned.append([])
        reader.readings.append(_Reading(self._literal_arguments(definition, node), _statements(definition)))
        definition.body.visit(reader)
        returned = [_placed(value, where, imported[0], path) for value in reader.returned.pop()]
        self._note_returned(node, returned)
        self._relayed_from(reader, node)
        changed = {bound for owner, bound in reader.changed if owner == id(scope)}
        for parameter, arg in self._arguments_by_parameter(definition, node).items():
            if parameter in changed:  # `def replace_head(model): model.fc = ...` there: the caller's object too
                self._changed(arg)

    def _note_returned(self, node: cst.Call, returned: list) -> None:
        """The data a followed call returns: what every `return` reached gives alike (a loader of
        images of one size from each mode of a helper whose mode the call leaves open)."""
        if not returned:
            return
        value = returned[0]
        for other in returned[1:]:
            value = _agreed(value, other)
        if isinstance(value, RETURNED):
            self.call_values[id(node)] = value
        elif isinstance(value, Several) and any(isinstance(item, RETURNED) for item in value.values) \
                and not any(isinstance(item, Model) for item in value.values):
            # `return train_loader, test_loader` too, and `return model, best_acc, start_epoch`: what
            # else it returns is not followed
            self.call_values[id(node)] = Several(tuple(item if isinstance(item, RETURNED) else None
                                                       for item in value.values))

    def prime_imports(self) -> None:
        """The module's top-level imports, for a function of it read on its own."""
        for statement in self.module.body:
            if isinstance(statement, cst.SimpleStatementLine):
                for small in statement.body:
                    if isinstance(small, cst.Import):
                        self.visit_Import(small)
                    elif isinstance(small, cst.ImportFrom):
                        self.visit_ImportFrom(small)

    def leave_Return(self, node: cst.Return) -> None:
        # the followed function's own return (not a nested def's), where one before it has not surely returned
        if self.returned and len(self.scopes) == 2 and not self.readings[-1].finished:
            value = node.value
            if self.reading_item and isinstance(value, cst.Dict) and value.elements \
                    and all(isinstance(e, cst.DictElement) and isinstance(e.key, cst.SimpleString) for e in value.elements):
                self.returned[-1].append(ItemDict(tuple((e.key.evaluated_value, self._value(e.value))
                                                        for e in value.elements)))
            else:
                self.returned[-1].append(self._value(value) if value is not None else None)

    def _literal_arguments(self, definition: cst.FunctionDef, call: cst.Call) -> dict:
        """The parameters the call gives a literal (`test=True`, `mode='train'`, an option's
        default) or leaves at a literal default, that the body never binds again: name -> value."""
        params = definition.params
        ordered = [*params.posonly_params, *params.params]
        if any(a.star for a in call.args):
            return {}
        given = {p.name.value: p.default for p in [*ordered, *params.kwonly_params] if p.default is not None}
        given.update({p.name.value: a.value for p, a in zip(ordered, [a for a in call.args if a.keyword is None])})
        given.update({a.keyword.value: a.value for a in call.args if a.keyword is not None})
        rebound = _rebound_names(definition)
        out = {}
        for name, argument in given.items():
            value = literal(argument)
            if value is UNKNOWN and isinstance(argument, cst.Attribute):
                value = self._option_default_of(argument)  # `test=args.test`, parsed with its defaults
                value = UNKNOWN if value is None else value
            if value is not UNKNOWN and name not in rebound:
                out[name] = value
        return out

    def _argument_test(self, node: cst.BaseExpression) -> bool | None:
        """A test on the followed function's parameters the call fixes (`if test:`, `if mode ==
        'train':`, `not train`, joined by and/or): whether it holds; None where anything is not known."""
        if not self.readings or len(self.scopes) != 2:
            return None
        if isinstance(node, (cst.Name, cst.Attribute)):
            value = self._fixed_literal(node)
            return None if value is UNKNOWN else bool(value)
        if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Not):
            value = self._argument_test(node.expression)
            return None if value is None else not value
        if isinstance(node, cst.BooleanOperation):
            left, right = self._argument_test(node.left), self._argument_test(node.right)
            decisive = isinstance(node.operator, cst.Or)
            if decisive in (left, right):
                return decisive
            return right if left is not None else None
        if isinstance(node, cst.Comparison) and len(node.comparisons) == 1:
            left, right = node.left, node.comparisons[0].comparator
            if self._fixed_literal(left) is UNKNOWN:
                left, right = right, left
            given, written = self._fixed_literal(left), literal(right)
            if given is UNKNOWN:
                return None
            if isinstance(right, (cst.List, cst.Tuple, cst.Set)):
                written = tuple(literal(e.value) for e in right.elements)
                if UNKNOWN in written or any(isinstance(e, cst.StarredElement) for e in right.elements):
                    return None
            if written is UNKNOWN:
                return None
            operator = node.comparisons[0].operator
            if isinstance(operator, (cst.Equal, cst.NotEqual)) and not isinstance(written, tuple):
                return (given == written) == isinstance(operator, cst.Equal)
            if isinstance(operator, (cst.Is, cst.IsNot)) and (written is None or isinstance(written, bool)):
                return (given is written) == isinstance(operator, cst.Is)
            if isinstance(operator, (cst.In, cst.NotIn)) and isinstance(written, tuple):
                return (given in written) == isinstance(operator, cst.In)
        return None

    def _fixed_literal(self, node: cst.BaseExpression) -> object:
        """The literal a test's operand is fixed to: a parameter of the followed function the call
        gives one, or an attribute of the instance read (`self.train`) its __init__ set to one;
        UNKNOWN for anything else."""
        if isinstance(node, cst.Name):
            return self.readings[-1].literals.get(node.value, UNKNOWN)
        if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name) \
                and isinstance(holder := self._value_of_name(node.value.value), Holder):
            return holder.literals.get(node.attr.value, UNKNOWN)
        return UNKNOWN

    @staticmethod
    def _arguments_by_parameter(definition: cst.FunctionDef, call: cst.Call) -> dict[str, cst.BaseExpression]:
        ordered = [*definition.params.posonly_params, *definition.params.params]
        out = {param.name.value: arg.value for param, arg in zip(ordered, [a for a in call.args if a.keyword is None])}
        out.update({a.keyword.value: a.value for a in call.args if a.keyword is not None})
        return out

    def _parameters(self, definition: cst.FunctionDef, call: cst.Call | None,
                    arguments_from: "_Finder | None" = None, argument_scopes: list | None = None) -> dict | None:
        """The function's names on entry: defaults read here, the call's arguments where it is made
        (`argument_scopes`: the names there, where not this reader's)."""
        caller = arguments_from or self

        def given(node: cst.BaseExpression) -> object:
            if argument_scopes is None:
                return caller._value(node)
            saved, caller.scopes = caller.scopes, argument_scopes
            try:
                return caller._value(node)
            finally:
                caller.scopes = saved
        params = definition.params
        ordered = [*params.posonly_params, *params.params]
        scope: dict[str, object] = {}
        for param in [*ordered, *params.kwonly_params]:
            scope[param.name.value] = self._value(param.default) if param.default is not None else None
            if call is None and param.default is None and param.name.value in self.fixtures \
                    and definition.name.value.startswith("test"):
                saved, self.scopes = self.scopes, [self.scopes[0]]
                try:
                    scope[param.name.value] = self._value(self.fixtures[param.name.value])
                finally:
                    self.scopes = saved
        for star in (params.star_arg, params.star_kwarg):
            if isinstance(star, cst.Param):
                scope[star.name.value] = None
        if call is None:
            return scope
        if any(a.star for a in call.args):
            return {name: None for name in scope}
        positional = [a for a in call.args if a.keyword is None]
        if len(positional) > len(ordered) and not isinstance(params.star_arg, cst.Param):
            return None  # the call would fail
        for param, arg in zip(ordered, positional):
            scope[param.name.value] = given(arg.value)
        for arg in call.args:
            if arg.keyword is not None and arg.keyword.value in scope:
                scope[arg.keyword.value] = given(arg.value)
        return scope

    # ------------------------------------------------------------------ traversal
    def visit_Import(self, node: cst.Import) -> None:
        for alias in node.names:
            dotted = _dotted(alias.name)
            if alias.asname is not None:
                self.modules[alias.asname.name.value] = dotted
            else:
                head = dotted.partition(".")[0]
                self.modules[head] = head

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        source = "." * len(node.relative) + (_dotted(node.module) if node.module else "")
        if isinstance(node.names, cst.ImportStar):
            if source.partition(".")[0] not in LIBRARIES:
                self.star_sources.append(source)
            return
        for alias in node.names:
            name = _dotted(alias.name)
            self.from_imports[alias.asname.name.value if alias.asname else name] = (source, name)

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        # A model's own code feeds its layers, not the model; a test class's methods feed models.
        bases = [_dotted(b.value) for b in node.bases]
        if not (node.name.value.startswith("Test") or any(b.endswith("TestCase") for b in bases)):
            return False  # (libcst calls leave_ClassDef all the same)
        self.scopes.append({})
        self.test_classes.add(id(node))
        return True

    def leave_ClassDef(self, node: cst.ClassDef) -> None:
        if id(node) in self.test_classes:
            self.test_classes.discard(id(node))
            self.scopes.pop()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.scopes.append(self._parameters(node, None) or {})
        self.expecting_failure += _expects_failure(node)
        if self.functions.get(node.name.value) is node:
            self.enclosing.append(node.name.value)

    def leave_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.scopes.pop()
        self.expecting_failure -= _expects_failure(node)
        if self.functions.get(node.name.value) is node:
            self.enclosing.pop()

    def visit_With(self, node: cst.With) -> None:
        self.expecting_failure += self._raises(node)

    def leave_With(self, node: cst.With) -> None:
        self.expecting_failure -= self._raises(node)

    def _raises(self, node: cst.With) -> bool:
        """`with pytest.raises(...)`, `with self.assertRaises(...)`: the body is meant to fail."""
        return any(isinstance(item.item, cst.Call) and _dotted(item.item.func).rpartition(".")[2] in RAISES
                   for item in node.items)

    def visit_Lambda(self, node: cst.Lambda) -> None:
        self.scopes.append({name: None for p in [*node.params.params, *node.params.kwonly_params,
                                                   *node.params.posonly_params] for name in [p.name.value]})

    def leave_Lambda(self, node: cst.Lambda) -> None:
        self.scopes.pop()

    def _enter_comprehension(self, node) -> None:
        names: dict[str, object] = {}
        level = node.for_in
        while level is not None:
            names.update({name: None for name in bound_names(level.target)})
            level = level.inner_for_in
        self.scopes.append(names)

    def _leave_comprehension(self, node) -> None:
        self.scopes.pop()

    visit_ListComp = visit_SetComp = visit_GeneratorExp = visit_DictComp = _enter_comprehension
    leave_ListComp = leave_SetComp = leave_GeneratorExp = leave_DictComp = _leave_comprehension

    def leave_Assign(self, node: cst.Assign) -> None:
        value = self._value(node.value)
        for target in node.targets:
            if value is None and self._module_container(target.target, node.value):
                # `decoder = nn.Sequential(...)` at module level: a model of the file, named by its variable
                self._bind(target.target, Model(target.target.value, None, ()))
                continue
            if self._rewrapped(target.target, node.value):
                continue
            if value is None and isinstance(target.target, cst.Name) and _a_size_of(node.value):
                value = SOME_INT
            self._bind(target.target, value)
            self._note_literal_attribute(target.target, node)

    def _note_literal_attribute(self, target: cst.BaseExpression, node: cst.Assign) -> None:
        """`self.train = train` at the top level of a method read with train=True (or `self.mode =
        'test'`): the instance's attribute holds that literal until bound again. Not in a branch or
        a loop, where the binding may not happen."""
        if not (self.readings and isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name)
                and isinstance(holder := self._value_of_name(target.value.value), Holder)):
            return
        reading = self.readings[-1]
        if not any(isinstance(line, cst.SimpleStatementLine) and any(node is small for small in line.body)
                   for line in reading.statements):
            return
        value = literal(node.value)
        if value is UNKNOWN and isinstance(node.value, cst.Name):
            value = reading.literals.get(node.value.value, UNKNOWN)
        if value is not UNKNOWN:
            holder.literals[target.attr.value] = value

    def _rewrapped(self, target: cst.BaseExpression, value: cst.BaseExpression) -> bool:
        """`model.features = nn.DataParallel(model.features)`, `net.fc = net.fc.cuda()`: a part of a
        model put back replicated or moved computes what it did, so the model is still the one made."""
        if not isinstance(target, (cst.Attribute, cst.Subscript)):
            return False
        value = moved_only(value)
        if isinstance(value, cst.Call) and self._qualified(value.func) in PARALLEL and value.args \
                and value.args[0].keyword is None and value.args[0].star == "":
            value = moved_only(value.args[0].value)
        return value.deep_equals(target)

    def _module_container(self, target: cst.BaseExpression, value: cst.BaseExpression) -> bool:
        """The first binding of a module-level name to a torch container built there (under
        `if __name__ == "__main__":` too): the analysis takes that name for a model."""
        value = moved_only(value)
        return len(self.scopes) == 1 and isinstance(target, cst.Name) and self._lookup(target.value) is MISSING \
            and isinstance(value, cst.Call) and self._qualified(value.func) in TORCH_CONTAINERS

    def leave_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self._bind(node.target, self._value(node.value))

    def leave_AugAssign(self, node: cst.AugAssign) -> None:
        self._bind(node.target, None)

    def leave_NamedExpr(self, node: cst.NamedExpr) -> None:
        self._bind(node.target, self._value(node.value))

    def leave_WithItem(self, node: cst.WithItem) -> None:
        if node.asname is not None:
            opened = self._value(node.item)  # `with open("config.yaml") as f:`, for a loader given f
            self._bind(node.asname.name, opened if isinstance(opened, Opened) else None)

    def leave_Del(self, node: cst.Del) -> None:
        self._bind(node.target, None)

    def visit_If(self, node: cst.If) -> bool:
        if is_main_guard(node.test) and node.orelse is None:
            return True  # the script's main path: it runs
        node.test.visit(self)
        taken_alone = self._option_flag(node.test)
        if taken_alone is None:
            taken_alone = self._transform_given(node.test)
        if taken_alone is None:  # `if test:` in a helper called with test=False
            taken_alone = self._argument_test(node.test)
        if taken_alone is None:
            taken_alone = self._index_is_tensor(node.test)
        if taken_alone is not None:  # `if args.resume:` of a flag not given: the one path a plain run takes
            taken = node.body if taken_alone else node.orelse.body if isinstance(node.orelse, cst.Else) else None
            if taken_alone:
                node.body.visit(self)
            elif node.orelse is not None:
                node.orelse.visit(self)
            if taken is not None and self.readings and len(self.scopes) == 2 and _always_leaves(taken) \
                    and any(node is statement for statement in self.readings[-1].statements):
                self.readings[-1].finished = True  # `if test: return test_loader`: the rest is another mode's
            return False
        before, changes = dict(self.scopes[-1]), len(self.changed)
        node.body.visit(self)
        taken = self.scopes[-1]
        self.scopes[-1] = dict(before)
        if node.orelse is not None:
            node.orelse.visit(self)
        changed = frozenset(name for _, name in self.changed[changes:])
        self.scopes[-1] = _join(taken, self.scopes[-1], branches=True, changed=changed)
        return False

    def _index_is_tensor(self, test: cst.BaseExpression) -> bool | None:
        """`if torch.is_tensor(idx): idx = idx.tolist()` (or isinstance(idx, torch.Tensor)) in a
        __getitem__: False, as the DataLoader passes an int; None for any other test."""
        if not (isinstance(test, cst.Call) and test.args and isinstance(self._value(test.args[0].value), ItemIndex)):
            return None
        name = _dotted(test.func)
        if name in ("torch.is_tensor", "is_tensor") and len(test.args) == 1:
            return False
        if name == "isinstance" and len(test.args) == 2 and _dotted(test.args[1].value) in ("torch.Tensor", "Tensor"):
            return False
        return None

    def _transform_given(self, test: cst.BaseExpression) -> bool | None:
        """`if self.transform is not None:`, `if transform:` (or their negation) of a transform the code
        gives: whether the path is taken; None for any other test."""
        negated = isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not)
        if negated:
            test = test.expression
        present = True
        if isinstance(test, cst.Comparison) and len(test.comparisons) == 1 \
                and isinstance(test.comparisons[0].operator, (cst.Is, cst.IsNot)) \
                and isinstance(test.comparisons[0].comparator, cst.Name) \
                and test.comparisons[0].comparator.value == "None":
            present, test = isinstance(test.comparisons[0].operator, cst.IsNot), test.left
        if not isinstance(test, (cst.Name, cst.Attribute)) or not isinstance(self._value(test), Transform):
            return None
        return present != negated

    def visit_For(self, node: cst.For) -> bool:
        node.iter.visit(self)
        models = self._models_listed(node.iter)
        if models:
            # `for net in (ResNet18(), VGG('VGG16')): net(torch.randn(2, 3, 32, 32))`: each is fed
            self._visit_per_item(node, [(None, model) for model in models])
            return False
        items = self._literal_items(node)
        if items is not None:
            # `for size in (32, 64): net(torch.randn(2, 3, size, size))`: each item is a run the
            # script makes, its hints (and the arguments of models built there) with the name bound to it
            self.loop_runs *= len(items)
            try:
                self._visit_per_item(node, items)
            finally:
                self.loop_runs //= len(items)
            return False
        chained = self._chained_through(node)
        if chained is not None:
            model, tensor = chained
            count = len(self.hints)
            self._add(model, tensor.shape, node, "dataloader" if tensor.via else "call", tensor.via)
            loop = " ".join(self.module.code_for_node(node.body.body[0]).split())
            text = f"for {node.target.value} in {' '.join(self.module.code_for_node(node.iter).split())}: {loop}"
            self.hints[count:] = [replace(h, text=_shortened(text)) for h in self.hints[count:]]
        item = self._item(self._value(node.iter))
        before = dict(self.scopes[-1])
        self._bind(node.target, item)
        node.body.visit(self)
        self.scopes[-1] = _join(before, self.scopes[-1])  # the body may run no time
        if node.orelse is not None:
            node.orelse.visit(self)
        return False

    def _visit_per_item(self, node: cst.For, items: list[tuple[str | None, object]]) -> None:
        """The loop's body followed once per item, the target bound to it (and the hints found in
        that run told the item when its code is given); the body runs at least once, so the names
        after the loop join each run's, and nothing bound before is lost but as a run changes it."""
        before = dict(self.scopes[-1])
        ends = []
        for written, item in items:
            self.scopes[-1] = dict(before)
            self._bind(node.target, item)
            count = len(self.hints)
            node.body.visit(self)
            if written is not None:
                bound = f"{self.module.code_for_node(node.target)} = {written}"
                self.hints[count:] = [replace(h, text=f"{h.text}, {_shortened(bound)}") for h in self.hints[count:]]
            ends.append(self.scopes[-1])
        joined = before
        for end in ends:
            joined = _join(joined, end)
        self.scopes[-1] = joined
        if node.orelse is not None:
            node.orelse.visit(self)

    def _literal_items(self, node: cst.For) -> list[tuple[str, object]] | None:
        """Each item of the literal sequence the loop is written over (literal_loop_items), as code
        and as the value it binds; None for any other loop, or one past the runs followed."""
        items = literal_loop_items(node)
        if items is None or self.loop_runs * len(items) > MAX_LOOP_RUNS:
            return None
        return [(" ".join(self.module.code_for_node(item).split()), self._value(item)) for item in items]

    def _chained_through(self, node: cst.For) -> tuple[Model, Tensor] | None:
        """`for layer in net: X = layer(X)` first in the loop (the way d2l prints each layer's
        output): the layers of a Sequential applied in turn to X, as `net(X)` applies them, so the
        model is fed X. (A model that is no Sequential cannot be iterated so: torch raises first.)"""
        model = self._value(node.iter)
        body = node.body.body if isinstance(node.body, cst.IndentedBlock) else ()
        if not isinstance(model, Model) or not isinstance(node.target, cst.Name) or not body \
                or not isinstance(body[0], cst.SimpleStatementLine) or len(body[0].body) != 1 \
                or not isinstance(body[0].body[0], cst.Assign):
            return None
        assign = body[0].body[0]
        call = assign.value
        if len(assign.targets) != 1 or not isinstance(assign.targets[0].target, cst.Name) \
                or not isinstance(call, cst.Call) or not isinstance(call.func, cst.Name) \
                or call.func.value != node.target.value or len(call.args) != 1 \
                or call.args[0].keyword is not None or call.args[0].star \
                or not isinstance(call.args[0].value, cst.Name) \
                or call.args[0].value.value != assign.targets[0].target.value:
            return None
        tensor = self._value(call.args[0].value)
        return (model, tensor) if isinstance(tensor, Tensor) else None

    def _models_listed(self, iterable: cst.BaseExpression) -> list:
        """The models a literal tuple or list of constructions holds, each built there, written in
        the loop or bound to a name before it (`models = [Net(multi_scale=True), ...]`, no longer
        one where it was changed since); else []."""
        if isinstance(iterable, cst.Name):
            listed = self._value(iterable)
            values = list(listed.values) if isinstance(listed, Several) else []
        elif isinstance(iterable, (cst.Tuple, cst.List)) \
                and not any(isinstance(e, cst.StarredElement) for e in iterable.elements):
            values = [self._value(e.value) for e in iterable.elements]
        else:
            return []
        if not 0 < len(values) <= MAX_LISTED_MODELS:
            return []
        return values if all(isinstance(v, Model) for v in values) else []

    def visit_While(self, node: cst.While) -> bool:
        node.test.visit(self)
        before = dict(self.scopes[-1])
        node.body.visit(self)
        self.scopes[-1] = _join(before, self.scopes[-1])
        if node.orelse is not None:
            node.orelse.visit(self)
        return False

    def visit_Try(self, node: cst.Try) -> bool:
        # `try: model(x) except RuntimeError:`: probing a size that may fail (not `except ImportError`)
        probing = any(_catches_shape_errors(handler) for handler in node.handlers)
        self.expecting_failure += probing
        try:
            node.body.visit(self)
        finally:
            self.expecting_failure -= probing
        if node.orelse is not None:
            node.orelse.visit(self)
        done = self.scopes[-1]
        ends = [done]
        for handler in node.handlers:
            self.scopes[-1] = dict(done)
            handler.visit(self)
            ends.append(self.scopes[-1])
        joined = ends[0]
        for end in ends[1:]:
            joined = _join(joined, end)
        for name, value in done.items():
            # `try: config = yaml.safe_load(...) except FileNotFoundError: print(...)`: after a handler
            # that binds no config, a read of the name fails; the file's data is what a run reads
            if isinstance(value, (ConfigData, ConfigUnread)) and joined.get(name) is None \
                    and all(end.get(name, MISSING) in (MISSING, value) for end in ends[1:]) \
                    and all(name not in scope for scope in self.scopes[:-1]):
                joined[name] = value
        self.scopes[-1] = joined
        if node.finalbody is not None:
            node.finalbody.visit(self)
        return False

    def leave_Call(self, node: cst.Call) -> None:
        self._model_call(node)
        self._tool_call(node)
        func = node.func
        if (isinstance(func, cst.Subscript) or isinstance(func, cst.Name) and self._lookup(func.value) is not MISSING) \
                and isinstance(self._value(func), Picked):
            self._value(node)  # `NETWORKS[kind](cfg)` read or not: a construction of each class it may pick
        if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name):
            owner = self._value_of_name(func.value.value)
            if isinstance(owner, Keywords) and func.attr.value == "update":
                self.scopes[-1][func.value.value] = self._updated(owner, node)
            elif isinstance(owner, Several) and func.attr.value in ("append", "insert") \
                    and func.value.value in self.scopes[-1] and (grown := self._grown(owner, node)) is not None:
                self.scopes[-1][func.value.value] = grown
            elif isinstance(owner, Model) and func.attr.value in ("add_module", "register_module", "__setattr__") \
                    or isinstance(owner, Several) and func.attr.value in MUTATORS \
                    or isinstance(owner, Keywords) and func.attr.value in MUTATORS \
                    or isinstance(owner, Keyed) and func.attr.value in (*MUTATORS, "update") \
                    or isinstance(owner, ConfigData) and func.attr.value in (*MUTATORS, "update"):
                self._changed(func.value)  # (a configuration file's data changed after it is read)
        elif isinstance(func, cst.Attribute) and isinstance(func.value, cst.Subscript) \
                and func.attr.value in (*MUTATORS, "update"):
            self._changed(func.value)  # `cfg['out'].append(1600)`: a list inside the dict grows
        if isinstance(func, cst.Name) and func.value in ("setattr", "delattr") and node.args:
            self._changed(node.args[0].value)
        if isinstance(func, cst.Attribute) and (func.attr.value in RESHAPED_IN_PLACE or self._changes_in_place(func) and (
                self.reading_item or isinstance(self._value(func.value), Picture))):
            # `image.thumbnail(size)`, `x.unsqueeze_(0)` in item code, a buffer's `data.resize_as_(images)`,
            # `image.putalpha(mask)` in a script: no longer the size read (a script's `x.sub_(mean)` keeps it)
            self._changed(func.value)
        if isinstance(func, cst.Attribute) and isinstance(holder := self._value(func.value), Holder):
            methods = holder.methods if holder.methods is not None else self.holders[holder.cls]
            method = methods.get(func.attr.value)
            if method is not None and not any(a.star for a in node.args):
                self.call_values.pop(id(node), None)
                if holder.reader is not None and holder.reader is not self:
                    self._read_method_elsewhere(method, node, holder)
                else:
                    self._read_method(method, node, holder)
                return  # what it returns is noted (following it as a function would forget that)
        self._follow(node)

    def _grown(self, listed: Several, node: cst.Call) -> Several | None:
        """A list of transforms after `trans.append(step)` or `trans.insert(0, transforms.Resize(resize))`
        (d2l's load_data_fashion_mnist): the list with the step placed; None for any other list or call."""
        positional = [a.value for a in node.args if a.keyword is None and not a.star]
        if len(positional) != len(node.args) or not all(isinstance(v, Transform) for v in listed.values):
            return None
        values = list(listed.values)
        if isinstance(node.func, cst.Attribute) and node.func.attr.value == "insert":
            at = literal(positional[0]) if len(positional) == 2 else None
            if type(at) is not int:
                return None
            step = self._value(positional[1])
            values.insert(at, step)  # (as list.insert places it: a position past either end is that end)
        else:
            if len(positional) != 1:
                return None
            step = self._value(positional[0])
            values.append(step)
        return Several(tuple(values)) if isinstance(step, Transform) else None

    def _changes_in_place(self, func: cst.Attribute) -> bool:
        """A method that may change the image or array it is called on: any of a PIL image's but
        those giving a new one; an in-place tensor method (not a fill) or numpy's resize."""
        if not isinstance(func.value, (cst.Name, cst.Attribute)):
            return False
        method, value = func.attr.value, self._value(func.value)
        if isinstance(value, Picture) and not value.pil:  # an OpenCV image: numpy's resize is in place
            return method not in TYPE_CASTS and method not in ("transpose", "reshape")
        if isinstance(value, Picture):
            return method not in PICTURE_METHODS and method not in TYPE_CASTS
        return self.reading_item and isinstance(value, Tensor) \
            and (method.endswith("_") and method not in FILLS or method == "resize")

    def _updated(self, owner: Keywords, node: cst.Call) -> Keywords | None:
        for arg in node.args:
            if arg.star:
                return None
            if arg.keyword is None:
                other = self._value(arg.value)
                if not isinstance(other, Keywords):
                    return None
                owner = owner.merged(other)
            else:
                owner = owner.merged(Keywords(((arg.keyword.value, self._keyword_value(arg.value)),)))
        return owner


def _dataset_methods(definition: cst.ClassDef) -> dict[str, cst.FunctionDef] | None:
    """The methods of a class written as a map-style dataset: one base (the caller checks it is
    torch's Dataset), its own undecorated __getitem__; None for any other class (a metaclass, a
    decorator, a batched __getitems__ the DataLoader would call instead)."""
    if len(definition.bases) != 1 or definition.keywords or definition.decorators \
            or not isinstance(definition.body, cst.IndentedBlock):
        return None
    methods = {m.name.value: m for m in definition.body.body if isinstance(m, cst.FunctionDef)}
    if "__getitem__" not in methods or "__getitems__" in methods \
            or any(methods[name].decorators for name in ("__getitem__", "__init__") if name in methods):
        return None
    return methods


def _scaled(node: cst.BinaryOperation, value_of: Callable) -> Tensor | Picture | None:
    """An array or tensor and a number written out, added or multiplied: of the array's size (an
    OpenCV image stays one: `cv2.resize(image / 255.0, (64, 64))`)."""
    for array, number in ((node.left, node.right), (node.right, node.left)):
        if not isinstance(number, (cst.Integer, cst.Float)):
            continue
        value = value_of(array)
        if isinstance(value, Tensor) and value.via is None:
            return Tensor(value.shape)
        if isinstance(value, Picture) and not value.pil:
            return value
    return None


def _array_indexed(picture: Picture, elements, new_axis: Callable) -> Picture | Tensor | None:
    """An OpenCV image indexed by whole or reversed slices (the image still, its colours flipped),
    new axes and one `...` (then the array of those axes, as numpy gives it); None otherwise."""
    kinds = []
    for element in elements:
        index = element.slice
        step = index.step if isinstance(index, cst.Slice) else None
        if isinstance(index, cst.Slice) and index.lower is None and index.upper is None and (
                step is None or isinstance(step, cst.UnaryOperation) and isinstance(step.operator, cst.Minus)
                and isinstance(step.expression, cst.Integer) and step.expression.value == "1"):
            kinds.append(":")
        elif isinstance(index, cst.Index) and new_axis(index.value):
            kinds.append("new")
        elif isinstance(index, cst.Index) and isinstance(index.value, cst.Ellipsis):
            kinds.append("...")
        else:
            return None
    rank = None if picture.channels is None else 2 if picture.channels == 1 else 3
    if kinds.count("...") > 1 or rank is None or kinds.count(":") > rank:
        return None  # (numpy: "too many indices for array")
    if "new" not in kinds:
        return picture
    array = _array_of(picture)
    if array is None:
        return None
    out, rest = [], list(array.shape)
    for at, kind in enumerate(kinds):
        if kind == ":":
            out.append(rest.pop(0))
        elif kind == "new":
            out.append(1)
        else:
            taken = len(rest) - kinds[at + 1:].count(":")
            out.extend(rest[:taken])
            rest = rest[taken:]
    return Tensor((*out, *rest))


def _array_of(value: object) -> Tensor | None:
    """The array an OpenCV image is, H x W x C (H x W for one channel, as cv2 reads and converts a
    gray one), where the code fixes all three; an array is itself; None for anything else."""
    if isinstance(value, Tensor) and value.via is None:
        return value
    if not isinstance(value, Picture) or value.pil or None in (value.channels, value.height, value.width):
        return None
    return Tensor((value.height, value.width) if value.channels == 1 else (value.height, value.width, value.channels))


def _agreed(first: object, second: object) -> object:
    """What two values a name or a call may give hold alike: loaders, datasets or tensors of one
    item size (the batch kept where both give it), element by element in tuples; None otherwise."""
    if first == second:
        return first
    if isinstance(first, Several) and isinstance(second, Several) and len(first.values) == len(second.values):
        return Several(tuple(_agreed(a, b) for a, b in zip(first.values, second.values)))
    if isinstance(first, Loader) and isinstance(second, Loader) \
            and (first.item, first.parts, first.where) == (second.item, second.parts, second.where):
        return Loader(first.item, first.batch if first.batch == second.batch else None,
                      _either(first.name, second.name), first.line, first.where, parts=first.parts,
                      others=first.others if first.others == second.others else None)
    if isinstance(first, Images) and isinstance(second, Images) \
            and (first.item, first.parts) == (second.item, second.parts):
        return Images(first.item, _either(first.name, second.name), parts=first.parts,
                      others=first.others if first.others == second.others else None)
    if isinstance(first, Tensor) and isinstance(second, Tensor) and first.shape == second.shape \
            and (first.via is None) == (second.via is None):
        return Tensor(first.shape, first.via)
    return None


def _either(first: str, second: str) -> str:
    return first if first == second else f"{first} or {second}"


def _statements(definition: cst.FunctionDef) -> tuple:
    return tuple(definition.body.body) if isinstance(definition.body, cst.IndentedBlock) else ()


def _always_leaves(block: cst.BaseSuite) -> bool:
    """Whether a block returns or raises on every path through it (its last statement does)."""
    if not isinstance(block, cst.IndentedBlock) or not block.body:
        return False
    last = block.body[-1]
    if isinstance(last, cst.SimpleStatementLine):
        return isinstance(last.body[-1], (cst.Return, cst.Raise))
    if isinstance(last, cst.If):
        return isinstance(last.orelse, cst.Else) and _always_leaves(last.body) and _always_leaves(last.orelse.body)
    return False


def _rebound_names(definition: cst.FunctionDef) -> set[str]:
    """The names a function's body binds anywhere (assigned, looped over, deleted, declared global)."""
    found: set[str] = set()

    class Bindings(cst.CSTVisitor):
        def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
            found.update(bound_names(node.target))

        def visit_AugAssign(self, node: cst.AugAssign) -> None:
            found.update(bound_names(node.target))

        def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
            found.update(bound_names(node.target))

        def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
            found.update(bound_names(node.target))

        def visit_For(self, node: cst.For) -> None:
            found.update(bound_names(node.target))

        def visit_AsName(self, node: cst.AsName) -> None:
            found.update(bound_names(node.name))

        def visit_Del(self, node: cst.Del) -> None:
            found.update(bound_names(node.target))

        def visit_Global(self, node: cst.Global) -> None:
            found.update(item.name.value for item in node.names)

        def visit_Nonlocal(self, node: cst.Nonlocal) -> None:
            found.update(item.name.value for item in node.names)

    definition.body.visit(Bindings())
    return found


def literal_loop_items(node: cst.For) -> list[cst.BaseExpression] | None:
    """`for size in (32, 64):`, `for shape in [(1, 3, 224, 224), (2, 3, 128, 128)]:`: the items of
    the literal list or tuple the loop is written over, each a run the loop makes; None for a loop
    over anything else, or whose body may stop or skip a run (`break`, `continue`, `return`: the
    runs it makes are then not each item's)."""
    iterable = node.iter
    if node.asynchronous is not None or not isinstance(iterable, (cst.List, cst.Tuple)) \
            or not 0 < len(iterable.elements) <= MAX_LOOP_ITEMS \
            or not all(isinstance(e, cst.Element) and _written_literal(e.value) for e in iterable.elements) \
            or _stops_a_run(node.body):
        return None
    return [e.value for e in iterable.elements]


def _written_literal(node: cst.BaseExpression) -> bool:
    """A number, string, True, False or None written as such, or a tuple or list of them."""
    if isinstance(node, (cst.List, cst.Tuple)):
        return all(isinstance(e, cst.Element) and _written_literal(e.value) for e in node.elements)
    return literal(node) is not UNKNOWN


def _stops_a_run(body: cst.BaseSuite) -> bool:
    """Whether a loop's body holds a `break`, `continue` or `return` of its own (not of a function
    or class it defines), or a `yield`."""

    class Stops(cst.CSTVisitor):
        found = False

        def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
            return False

        def visit_ClassDef(self, node: cst.ClassDef) -> bool:
            return False

        def visit_Lambda(self, node: cst.Lambda) -> bool:
            return False

        def on_visit(self, node: cst.CSTNode) -> bool:
            if isinstance(node, (cst.Break, cst.Continue, cst.Return, cst.Yield)):
                self.found = True
            return not self.found and super().on_visit(node)

    stops = Stops()
    body.visit(stops)
    return stops.found


def _item_of(value: object) -> tuple | None:
    """(the sizes of the tensor an item holds first, how many values it holds: 0 for the tensor
    alone) of what __getitem__ returns; None for anything else."""
    parts = 0
    if isinstance(value, ItemDict):
        # `return {"hr": self.hr(image), "lr": self.lr(image), "label": y}`: torch's collate gives a
        # dict of batches under the same keys; a tensor's sizes as for a tensor alone, any other
        # value's (a label, a path) not followed
        if len({key for key, _ in value.entries}) != len(value.entries):
            return None  # a key written twice: the last value wins
        sizes = [(key, item[0] if isinstance(entry, Tensor) and (item := _item_of(entry)) is not None else None)
                 for key, entry in value.entries]
        known = [size for _, size in sizes if size is not None]
        return (known[0], tuple(sizes)) if known else None
    if isinstance(value, Several) and value.values:
        parts, value = len(value.values), value.values[0]
    if not isinstance(value, Tensor) or not value.shape \
            or not all(isinstance(dim, int) and 0 < dim <= MAX_DIM for dim in value.shape):
        return None
    return tuple(value.shape), parts


def _shortened(text: str) -> str:
    """The hinting code as a message quotes it: at most 60 characters."""
    return text if len(text) <= 60 else text[:57] + "..."


def _uses(node: cst.CSTNode, name: str) -> list:
    """How a statement uses the name: the attribute assigned for `name.attr = ...` (or `+=`),
    the node of any other use but a read of an attribute (`name.attr` on its own)."""
    found: list = []

    class Uses(cst.CSTVisitor):
        def visit_Attribute(self, attribute: cst.Attribute) -> bool:
            if not (isinstance(attribute.value, cst.Name) and attribute.value.value == name):
                return True
            if attribute.attr.value.startswith("__"):  # `args.__dict__.update(...)`
                found.append(attribute)
            return False

        def visit_Del(self, deleted: cst.Del) -> None:
            self._target(deleted.target)

        def visit_Name(self, use: cst.Name) -> None:
            if use.value == name:
                found.append(use)

        def visit_AssignTarget(self, target: cst.AssignTarget) -> None:
            self._target(target.target)

        def visit_AugAssign(self, assign: cst.AugAssign) -> None:
            self._target(assign.target)

        def visit_AnnAssign(self, assign: cst.AnnAssign) -> None:
            self._target(assign.target)

        @staticmethod
        def _target(target: cst.BaseExpression) -> None:
            if isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name) and target.value.value == name:
                found.append(target.attr.value)

    node.visit(Uses())
    return found


def _entry_body(guarded, functions: dict[str, cst.FunctionDef]) -> list:
    """The top-level statements of the function the main guard calls with no arguments (`main()`):
    the script's main path, where it parses its options."""
    for statement in guarded:
        if isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1 \
                and isinstance(call := statement.body[0], cst.Expr) and isinstance(call := call.value, cst.Call) \
                and isinstance(call.func, cst.Name) and call.func.value in functions and not call.args \
                and isinstance(body := functions[call.func.value].body, cst.IndentedBlock):
            return list(body.body)
    return []


def _global_assignments(statements) -> list[cst.SimpleStatementLine]:
    """The lines of the file's functions that bind a module-level name (`global args` then
    `args = parser.parse_args()` in `main()`): read as if written at module level."""
    found = []
    for statement in statements:
        if not isinstance(statement, cst.FunctionDef) or not isinstance(statement.body, cst.IndentedBlock):
            continue
        lines = [s for s in statement.body.body if isinstance(s, cst.SimpleStatementLine)]
        declared = {name.name.value for line in lines for small in line.body if isinstance(small, cst.Global)
                    for name in small.names}
        found += [line for line in lines if any(
            isinstance(small, cst.Assign) and len(small.targets) == 1 and isinstance(small.targets[0].target, cst.Name)
            and small.targets[0].target.value in declared for small in line.body)]
    return found


RESHAPES = frozenset({"view", "reshape", "unsqueeze"})


def _batch_of(size: cst.BaseExpression, tensor: cst.BaseExpression) -> bool:
    """`x.size(0)` / `x.shape[0]` of the tensor being reshaped."""
    if isinstance(size, cst.Call) and isinstance(size.func, cst.Attribute) and size.func.attr.value == "size" \
            and len(size.args) == 1 and isinstance(size.args[0].value, cst.Integer) and size.args[0].value.value == "0":
        return size.func.value.deep_equals(tensor)
    if isinstance(size, cst.Subscript) and isinstance(size.value, cst.Attribute) and size.value.attr.value == "shape" \
            and len(size.slice) == 1 and isinstance(size.slice[0].slice, cst.Index) \
            and isinstance(size.slice[0].slice.value, cst.Integer) and size.slice[0].slice.value.value == "0":
        return size.value.value.deep_equals(tensor)
    return False


def _a_size_of(node: cst.BaseExpression) -> bool:
    """`x.shape[0]`, `x.size(1)`, `len(x)`: one of a tensor's sizes, an int."""
    if isinstance(node, cst.Subscript) and isinstance(node.value, cst.Attribute) and node.value.attr.value == "shape":
        return len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index) \
            and isinstance(node.slice[0].slice.value, cst.Integer)
    return isinstance(node, cst.Call) and _reads_a_size(node) and len(node.args) == 1 \
        and (isinstance(node.func, cst.Name) or isinstance(node.args[0].value, cst.Integer))


def _reads_a_size(node: cst.Call) -> bool:
    """`x.size()`, `x.size(0)`, `len(x)`: a read of a tensor's sizes (x.size(dim=0) aside)."""
    if any(a.keyword is not None or a.star for a in node.args):
        return False
    if isinstance(node.func, cst.Name):
        return node.func.value == "len" and len(node.args) == 1
    return isinstance(node.func, cst.Attribute) and node.func.attr.value == "size" and len(node.args) <= 1


def _sizes_of(tensor: Tensor) -> "Several":
    """A tensor's sizes as a tuple of them (a batch not known, None)."""
    return Several(tuple(Number(d) if isinstance(d, int) else None for d in tensor.shape))


def _reshaped(tensor: Tensor, method: str, sizes: list) -> Tensor | None:
    """`torch.randn(b, nz).view(-1, nz, 1, 1)`, `.unsqueeze(-1)`: the noise a DCGAN feeds, reshaped.
    A -1 is the batch when what it stands for is the batch (the other dims hold the rest)."""
    dims = tensor.shape
    if not sizes or any(size is None for size in sizes):
        return None
    if method == "unsqueeze":
        if len(sizes) != 1 or not -len(dims) - 1 <= sizes[0] <= len(dims):
            return None
        at = sizes[0] if sizes[0] >= 0 else len(dims) + 1 + sizes[0]
        return Tensor((*dims[:at], 1, *dims[at:]))
    if sizes.count(-1) > 1 or any(size < -1 or size == 0 for size in sizes) \
            or not all(isinstance(dim, int) for dim in dims[1:]):
        return None  # (a dim not known, the batch aside, or channels left to the file read)
    features, wanted = math.prod(dims[1:]), math.prod(size for size in sizes if size != -1)
    if dims[0] is None:  # the batch not known: -1 first stands for it, the rest keep the features
        if sizes[0] != -1 or wanted != features:
            return None
        return Tensor((None, *sizes[1:]))
    total = dims[0] * features
    if -1 in sizes:
        if total % wanted:
            return None
        sizes = [total // wanted if size == -1 else size for size in sizes]
    elif wanted != total:
        return None
    return Tensor(tuple(sizes))


F_PAD = "torch.nn.functional.pad"
# torch.nn.functional's resizing calls, with their parameters in positional order
RESIZERS = {
    F_PAD: ("input", "pad", "mode", "value"),
    **dict.fromkeys(("torch.nn.functional.interpolate", "torch.nn.functional.upsample"),
                    ("input", "size", "scale_factor", "mode", "align_corners", "recompute_scale_factor",
                     "antialias")),
}
def _interpolated(dims: tuple, mode: object, targets: tuple | None, factors: tuple | None) -> tuple | None:
    """The sizes F.interpolate gives a tensor of `dims` (torch/nn/functional.py): each spatial dim
    the size given (one int for all), or floor(size * scale_factor). None where torch refuses the
    call or the arguments are not all known."""
    if not isinstance(mode, str) or len(dims) not in INTERPOLATE_RANKS.get(mode, ()):
        return None
    spatial = len(dims) - 2
    wanted = targets if targets is not None else factors
    if wanted is None or None in wanted or len(wanted) not in (1, spatial):
        return None
    wanted = wanted * spatial if len(wanted) == 1 else wanted
    if targets is not None:
        return (*dims[:2], *wanted)
    if not all(isinstance(f, (int, float)) and not isinstance(f, bool) and f > 0 for f in wanted):
        return None
    sides = tuple(math.floor(float(size) * factor) for size, factor in zip(dims[2:], wanted))
    return (*dims[:2], *sides) if all(side >= 1 for side in sides) else None


def _padded(dims: tuple, amounts: list) -> tuple | None:
    """The sizes F.pad gives in constant mode: (left, right, top, bottom, ...) from the last dim
    back; a negative amount crops. None where torch refuses it or an amount is not known."""
    if not amounts or None in amounts or len(amounts) % 2 or len(amounts) // 2 > len(dims):
        return None
    out = list(dims)
    for index in range(len(amounts) // 2):
        at = len(dims) - 1 - index
        if not isinstance(out[at], int):
            return None
        out[at] += amounts[2 * index] + amounts[2 * index + 1]
        if out[at] < 1:
            return None
    return tuple(out)


def _indexed_with_new_axes(tensor: Tensor, elements) -> Tensor | None:
    """`z[:, :, None, None]` (or `z[..., None, None]`): full slices and new axes only."""
    out, rest, seen_ellipsis = [], list(tensor.shape), False
    for element in elements:
        index = element.slice
        if isinstance(index, cst.Slice) and index.lower is None and index.upper is None and index.step is None:
            if not rest:
                return None
            out.append(rest.pop(0))
        elif isinstance(index, cst.Index) and isinstance(index.value, cst.Name) and index.value.value == "None":
            out.append(1)
        elif isinstance(index, cst.Index) and isinstance(index.value, cst.Ellipsis) and not seen_ellipsis:
            seen_ellipsis = True
            tail = sum(1 for e in elements[elements.index(element) + 1:]
                       if not (isinstance(e.slice, cst.Index) and isinstance(e.slice.value, cst.Name)
                               and e.slice.value.value == "None"))
            if tail > len(rest):
                return None
            out.extend(rest[:len(rest) - tail])
            rest = rest[len(rest) - tail:]
        else:
            return None
    return Tensor((*out, *rest))


SCRIPT = "<script>"  # the script's own file, `__file__`


def _parent(path: Text) -> Text:
    """os.path.dirname, Path.parent: the folder of the script itself, `here`."""
    if path.path == SCRIPT:
        return Text(".", here=True)
    return Text(posixpath.dirname(path.path) or ".", path.here)


def _joined(folder: Text, name: Text) -> Text | None:
    if name.here or name.path.startswith("/") or folder.path == SCRIPT:
        return name if name.path.startswith("/") else None
    return Text(posixpath.normpath(posixpath.join(folder.path, name.path)), folder.here)


def binding_count(code: str, name: str, augmented: bool = False) -> int:
    """How many times `code` (its comments blanked by the caller) binds the bare name `name`:
    `name = ...`, `name: T = ...`, and with `augmented` `name += ...` and kin."""
    return len(re.findall(r"(?<![\w.])%s\s*(?::[^=\n]*)?%s=(?!=)" % (re.escape(name), "[-+*/|]?" if augmented else ""),
                          code))


def _without_comments(code: str) -> str:
    """The source with its comments blanked (strings kept); as written where it does not tokenize."""
    import io
    import tokenize

    lines = code.splitlines(keepends=True)
    try:
        for token in tokenize.generate_tokens(io.StringIO(code).readline):
            if token.type == tokenize.COMMENT:
                (row, start), (_, end) = token.start, token.end
                line = lines[row - 1]
                lines[row - 1] = line[:start] + " " * (end - start) + line[end:]
    except (tokenize.TokenError, IndentationError, SyntaxError, IndexError):
        return code
    return "".join(lines)


def _placed(value: object, where: str, module: str, path: str) -> object:
    """Data another file's function returns, its lines named with that file for messages (and
    the models of a table it builds named as the caller reaches them: that file is `module`)."""
    if isinstance(value, Several):
        return Several(tuple(_placed(item, where, module, path) for item in value.values))
    if isinstance(value, Chosen):
        return Chosen(tuple(_reached(model, module, path) for model in value.models), value.table, value.joined)
    if isinstance(value, Loader):
        return replace(value, where=f"{where} ")
    if isinstance(value, Tensor) and value.via is not None and f"({where} line" not in value.via:
        return replace(value, via=f"{value.via} in {where}")  # (made of a loader of there: named so already)
    return value


def _returns_a_value(definition: cst.FunctionDef) -> bool:
    """Whether the function's own body (not a nested def's) has a `return <value>`."""
    pending = [definition.body]
    while pending:
        node = pending.pop()
        if isinstance(node, cst.Return) and node.value is not None:
            return True
        if not isinstance(node, (cst.FunctionDef, cst.ClassDef, cst.Lambda, cst.BaseExpression)):
            pending.extend(node.children)
    return False


def _reached(model: Model, module: str, path: str) -> Model:
    """A model another file names, as the file that imports that file as `module` reaches it: a
    class defined there is `module`'s, one imported there is named from that file (`path`)."""
    if model.origin is not None:
        return model
    return replace(model, module=module) if model.module is None else replace(model, origin=path)


def _catches_shape_errors(handler: cst.ExceptHandler) -> bool:
    """A handler that would catch torch's shape errors (RuntimeError) or anything."""
    if handler.type is None:
        return True
    kinds = [e.value for e in handler.type.elements] if isinstance(handler.type, cst.Tuple) else [handler.type]
    return any(_dotted(kind).rpartition(".")[2] in ("RuntimeError", "Exception", "BaseException") or not _dotted(kind)
               for kind in kinds)


def _expects_failure(definition: cst.FunctionDef) -> bool:
    """A test marked xfail or skip: what it feeds may well fail."""
    for decorator in definition.decorators:
        target = decorator.decorator.func if isinstance(decorator.decorator, cst.Call) else decorator.decorator
        if _dotted(target).rpartition(".")[2] in ("xfail", "skip", "skipif"):
            return True
    return False


def _fixture_value(definition: cst.FunctionDef) -> cst.BaseExpression | None:
    """`@pytest.fixture def model(): return Net()`: the expression a fixture of one statement gives."""
    if not any(_dotted(d.decorator.func if isinstance(d.decorator, cst.Call) else d.decorator).endswith("fixture")
               for d in definition.decorators):
        return None
    body = definition.body.body if isinstance(definition.body, cst.IndentedBlock) else ()
    if len(body) != 1 or not isinstance(body[0], cst.SimpleStatementLine) or len(body[0].body) != 1:
        return None
    statement = body[0].body[0]
    if isinstance(statement, cst.Return):
        return statement.value
    if isinstance(statement, cst.Expr) and isinstance(statement.value, cst.Yield) \
            and isinstance(statement.value.value, cst.BaseExpression):
        return statement.value.value
    return None
