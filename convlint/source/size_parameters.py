"""Source stage: a constructor parameter (or module constant) that is plainly the input size,
because the code uses it so: its name says image/input size and it feeds the count of a
Linear's in_features (`self.fc = nn.Linear(64 * (img_size // 4) ** 2, 10)`, also through a
local of __init__ such as `ds = img_size // 16`), or, divided, the one kernel size of a 2-d
pool or conv (`nn.AvgPool2d(int(input_size / 32))`: a global pool over the map the image
shrank to). A name alone is never enough, nor a use in a Linear's out_features (a decoder's),
nor a kernel that is the size undivided or one side of a tuple (a feature count: an LSTM's or
a text conv's `input_size`). Nothing is imported or run."""

from __future__ import annotations

import re

import libcst as cst

from convlint.source.parse import dotted_name

# 2-d layers whose kernel argument states a side of the map (position, keyword); no transposed
# conv: its kernel grows a generator's latent into the image, which is its output, not its input
SQUARE_KERNELS = {"AvgPool2d": 0, "MaxPool2d": 0, "LPPool2d": 1, "Conv2d": 2}
SHRINKING = (cst.Divide, cst.FloorDivide, cst.RightShift)

SIZE_NAME = re.compile(r"^(img|image|input|in|crop|grid|patch_?)?_?(size|res|resolution|dim|hw|shape)$|"
                       r"^(img|image)(_?(size|res|resolution|dim|height|width|h|w))?$|^resolution$", re.IGNORECASE)
GENERIC = frozenset({"size", "dim", "res", "shape", "in_dim", "input_dim", "in_size"})  # too often not an image side
# the length of a 1-d signal N x C x L (`Samples=128` of EEGNet, `seq_len`, `n_samples`, `input_length`)
LENGTH_NAME = re.compile(r"^(n_|num_|nb_)?(samples|time_?steps|times|frames|points)$|"
                         r"^(input|seq|sequence|signal|series|sample|window|chunk|time|audio|clip)_?(len|length|size)$|"
                         r"^(n_|num_)?(mels|freqs?|frequencies|bins)$", re.IGNORECASE)
# layers whose arguments count channels or features (a length name given to one is no length: `n_mels`
# of an N x n_mels x T spectrogram is its channels); positional arguments of these are all read so
COUNTING_LAYERS = ("Conv", "BatchNorm", "InstanceNorm", "GroupNorm", "LayerNorm", "GRU", "LSTM", "RNN")
COUNT_KEYWORDS = frozenset({"in_channels", "out_channels", "num_features", "input_size", "hidden_size",
                            "normalized_shape", "num_channels"})


def size_parameters(cls: cst.ClassDef, module: cst.Module, imported: dict | None = None) -> list[str]:
    """Names (parameters of __init__, or module constants) used as the input's side in a Linear,
    or as the side, divided, of a 2-d pool's or conv's kernel. `imported`: the classes and
    functions the file imports from other project files, by the name it binds (their ClassDef or
    FunctionDef), whose calls may hand a count on to a Linear too."""
    init = _init_of(cls)
    candidates = _defaulted(init, _size_name)
    candidates |= {name for name in _module_constants(module) if _size_name(name)}
    if not candidates or init is None:
        return []
    derived = _derived(init, candidates, lambda value, found: _carried(value, found))
    shrunk = _derived(init, set(), lambda value, found: _divided(value, derived, found))
    helpers = _linear_helpers(module, imported)
    used: set[str] = set()
    for node in _walk(init):
        if not isinstance(node, cst.Call):
            continue
        layer = dotted_name(node.func).rsplit(".", 1)[-1]
        if (in_features := _in_features(node, layer, helpers)) is not None:
            used |= _carried(in_features, derived)
        elif layer in SQUARE_KERNELS and (kernel := _argument(node, SQUARE_KERNELS[layer], "kernel_size")) is not None \
                and not isinstance(kernel.value, (cst.Tuple, cst.List)):
            used |= _divided(kernel.value, derived, shrunk)
    return sorted(used)


def sides_read(cls: cst.ClassDef, module: cst.Module, parameter: str,
               imported: dict | None = None) -> list[tuple[cst.Call, str, int, cst.CSTNode]]:
    """Where a Linear's in_features (or a block's that hands it on) reads a side computed from the
    input-size parameter (`self.f_size = img_size // 2**n_layers`, then `LinearBlock(C *
    self.f_size * self.f_size, 1)`): (the call, the name, how many times the count multiplies by
    it, the one statement assigning it). A name assigned twice is left out: which line holds the
    side is not plain."""
    init = _init_of(cls)
    if init is None:
        return []
    derived = _derived(init, {parameter}, lambda value, found: _carried(value, found))
    assigned: dict[str, list[cst.CSTNode]] = {}
    for node in _walk(init):
        if isinstance(node, (cst.Assign, cst.AugAssign, cst.AnnAssign)):
            targets = [t.target for t in node.targets] if isinstance(node, cst.Assign) else [node.target]
            for target in targets:
                for element in ([e.value for e in target.elements] if isinstance(target, (cst.Tuple, cst.List))
                                else [target]):
                    name = _assigned_name(element)
                    if name is not None:
                        assigned.setdefault(name, []).append(node)
    helpers = _linear_helpers(module, imported)
    out = []
    for node in _walk(init):
        if not isinstance(node, cst.Call):
            continue
        in_features = _in_features(node, dotted_name(node.func).rsplit(".", 1)[-1], helpers)
        if in_features is None:
            continue
        for name, times in _factors(in_features).items():
            if name != parameter and parameter in derived.get(name, ()) and len(assigned.get(name, ())) == 1:
                out.append((node, name, times, assigned[name][0]))
    return out


def _factors(node: cst.CSTNode) -> dict[str, int]:
    """The names a count multiplies by, each with its power (`C * side * side`, `C * side ** 2`); a
    name inside any other operation (`(side + 1)`, `side // 2`) is none of them."""
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Multiply):
        left, right = _factors(node.left), _factors(node.right)
        return {name: left.get(name, 0) + right.get(name, 0) for name in {*left, *right}}
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Power) \
            and isinstance(node.right, cst.Integer):
        return {name: times * int(node.right.value) for name, times in _factors(node.left).items()}
    if isinstance(node, cst.Name):
        return {node.value: 1}
    if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name) and node.value.value == "self":
        return {node.attr.value: 1}
    return {}


def _in_features(call: cst.Call, layer: str, helpers: dict[str, tuple[str, int]]) -> cst.CSTNode | None:
    """The expression a call gives a Linear's in_features: `nn.Linear(n, ...)`'s first argument, or
    the argument a block or factory of the file hands on to one (`LinearBlock(n, 1)`, `snlinear(n,
    1)`); None for any other call."""
    name, position = ("in_features", 0) if layer == "Linear" else helpers.get(layer, (None, None))
    found = _argument(call, position, name) if name is not None else None
    return found.value if found is not None else None


MAX_HELPER_DEPTH = 3  # a block built of a block built of a Linear; deeper helpers are not followed


def _linear_helpers(module: cst.Module, imported: dict | None = None) -> dict[str, tuple[str, int]]:
    """The classes and functions of the file (and those it imports from the project, `from nn
    import LinearBlock`) that hand one of their parameters on to a Linear's in_features (`class
    LinearBlock: __init__(self, n_in, n_out)` building `nn.Linear(n_in, n_out)`, `def
    snlinear(in_features, out_features)` returning a wrapped one, through each other too):
    name -> (that parameter, its position in a call)."""
    bodies: dict[str, tuple[list[str], cst.FunctionDef]] = {}
    named = [*(imported or {}).items(), *((getattr(s, "name", None), s) for s in module.body)]
    for name, statement in named:
        if isinstance(statement, cst.FunctionDef):
            bodies[name if isinstance(name, str) else name.value] = \
                ([p.name.value for p in statement.params.params], statement)
        elif isinstance(statement, cst.ClassDef) and (init := _init_of(statement)) is not None:
            bodies[name if isinstance(name, str) else name.value] = ([p.name.value for p in init.params.params][1:], init)
    helpers: dict[str, tuple[str, int]] = {}
    for _ in range(MAX_HELPER_DEPTH):
        found = {}
        for name, (params, function) in bodies.items():
            if name in helpers:
                continue
            derived = _derived(function, set(params), lambda value, so_far: _carried(value, so_far))
            fed = set()
            for node in _walk(function):
                if isinstance(node, cst.Call) and (in_features := _in_features(
                        node, dotted_name(node.func).rsplit(".", 1)[-1], helpers)) is not None:
                    fed |= _carried(in_features, derived)
            if len(fed) == 1:  # one parameter plainly the features: several, and no call says which
                (parameter,) = fed
                found[name] = (parameter, params.index(parameter))
        if not found:
            break
        helpers.update(found)
    return helpers


def imported_helpers(scope) -> dict:
    """The classes and functions a file's module scope (the evaluator's) bound from other files of
    the project (`from nn import LinearBlock`), by the name bound: their ClassDef or FunctionDef,
    for size_parameters' `imported`."""
    from convlint.evaluator.objects import LocalClass, LocalFunction

    parsed = getattr(scope, "parsed", None)
    names = getattr(scope, "names", None) or {}
    return {name: value.node for name, value in names.items()
            if isinstance(value, (LocalClass, LocalFunction)) and getattr(value.scope, "parsed", None) is not None
            and getattr(value.scope, "parsed", None) is not parsed}


def length_parameters(cls: cst.ClassDef) -> list[str]:
    """Parameters of __init__ whose default states the length of a 1-d input (`Samples=128`,
    `seq_len=200`): named so, carried into a Linear's in_features (`F2 * (Samples // 32)`, the
    flattened features of the map the signal shrank to), and given to no conv, norm or recurrent
    layer as a count."""
    init = _init_of(cls)
    candidates = _defaulted(init, LENGTH_NAME.match)
    if not candidates:
        return []
    derived = _derived(init, candidates, lambda value, found: _carried(value, found))
    used: set[str] = set()
    channels: set[str] = set()
    for node in _walk(init):
        if not isinstance(node, cst.Call):
            continue
        layer = dotted_name(node.func).rsplit(".", 1)[-1]
        if layer == "Linear" and (first := _argument(node, 0, "in_features")) is not None:
            used |= _carried(first.value, derived)
        elif layer.startswith(COUNTING_LAYERS):
            channels |= {size for arg in node.args if arg.keyword is None or arg.keyword.value in COUNT_KEYWORDS
                         for size in _carried(arg.value, derived)}
    return sorted(used - channels)


def _init_of(cls: cst.ClassDef) -> cst.FunctionDef | None:
    return next((s for s in _body(cls) if isinstance(s, cst.FunctionDef) and s.name.value == "__init__"), None)


def _defaulted(init: cst.FunctionDef | None, named) -> set[str]:
    """The parameters of __init__ with a default whose name `named` accepts."""
    if init is None:
        return set()
    params = (*init.params.params, *init.params.kwonly_params)
    return {p.name.value for p in params if p.default is not None and named(p.name.value)}


def _argument(call: cst.Call, position: int, keyword: str) -> cst.Arg | None:
    """The argument a call gives a parameter, by position or keyword; None when not plainly given."""
    if any(a.star for a in call.args):
        return None
    positional = [a for a in call.args if a.keyword is None]
    if position < len(positional):
        return positional[position]
    return next((a for a in call.args if a.keyword is not None and a.keyword.value == keyword), None)


def _carried(value: cst.CSTNode, derived: dict[str, set[str]]) -> set[str]:
    """The size names an expression's value comes from, by any arithmetic."""
    return {size for name in _names(value) for size in derived.get(name, ())}


def _divided(value: cst.CSTNode, derived: dict[str, set[str]], shrunk: dict[str, set[str]]) -> set[str]:
    """The size names an expression divides (`input_size // 32`, `int(img_size / 16)`), directly or
    through a name already so divided (`final = img_size // 32`)."""
    out = {size for child in _walk(value)
           if isinstance(child, cst.BinaryOperation) and isinstance(child.operator, SHRINKING)
           for size in _carried(child.left, derived)}
    return out | _carried(value, shrunk)


def image_tuple_parameters(cls: cst.ClassDef) -> list[str]:
    """Parameters of __init__ named as the image's size whose item 0 is the in_channels of the
    first conv __init__ builds (`nn.Conv2d(self.img_size[0], 32, 4)`, or `c, h, w = img_size`
    then `nn.Conv2d(c, ...)`): an (C, H, W) tuple that is the input's shape. A tuple whose item 0
    goes elsewhere (a count of classes, a depth) is none."""
    init = _init_of(cls)
    if init is None:
        return []
    params = (*init.params.params, *init.params.kwonly_params)
    out = []
    for name in (p.name.value for p in params if _size_name(p.name.value)):
        aliases = {name} | {_assigned_name(node.targets[0].target) for node in _walk(init)
                            if isinstance(node, cst.Assign) and len(node.targets) == 1
                            and _read_name(node.value) == name}
        channels = {elements[0].value.value for node in _walk(init)
                    if isinstance(node, cst.Assign) and len(node.targets) == 1
                    and isinstance(node.targets[0].target, (cst.Tuple, cst.List))
                    and _read_name(node.value) in aliases
                    and (elements := node.targets[0].target.elements)
                    and isinstance(elements[0].value, cst.Name)}  # `c, h, w = img_size`
        first = next((node for node in _walk(init) if isinstance(node, cst.Call)
                      and re.fullmatch(r"Conv[123]d", dotted_name(node.func).rsplit(".", 1)[-1])), None)
        given = _argument(first, 0, "in_channels") if first is not None else None
        if given is None:
            continue
        value = given.value
        if isinstance(value, cst.Subscript) and len(value.slice) == 1 \
                and isinstance(value.slice[0].slice, cst.Index) \
                and isinstance(value.slice[0].slice.value, cst.Integer) and value.slice[0].slice.value.value == "0" \
                and _read_name(value.value) in aliases:
            out.append(name)  # `self.img_size[0]`
        elif isinstance(value, cst.Name) and value.value in channels:
            out.append(name)
    return out


# the input's two sides as separate parameters, a prefix shared (`height, width`, `h, w`, `img_h,
# img_w`, `input_height, input_width`): one alone is never a side (a WideResNet's `width`)
HEIGHT_NAME = re.compile(r"^(?P<prefix>(img|image|im|input|inp|in|crop|patch|frame)_?)?(height|h)$", re.IGNORECASE)
WIDTH_NAME = re.compile(r"^(?P<prefix>(img|image|im|input|inp|in|crop|patch|frame)_?)?(width|w)$", re.IGNORECASE)


def side_parameters(cls: cst.ClassDef) -> tuple[str, str] | None:
    """The parameters of __init__ that are the input's height and width, named so with one prefix
    (`height, width`; `img_h, img_w`), where the code uses them as the map's sides: both divided
    (`int(height / 4)`, `h // 2 ** n`, directly or through a local or attribute) in the count of
    one Linear's in_features, the features of the map the image shrank to. Neither may be given to
    a conv, norm or recurrent layer as a count (a `width` of channels). None where no pair, or
    several, are so used."""
    init = _init_of(cls)
    if init is None:
        return None
    names = [p.name.value for p in (*init.params.params, *init.params.kwonly_params)]
    pairs = [(height, width) for height in names if (tall := HEIGHT_NAME.match(height))
             for width in names if (wide := WIDTH_NAME.match(width))
             and (tall.group("prefix") or "").lower() == (wide.group("prefix") or "").lower()]
    if not pairs:
        return None
    sources = {name for pair in pairs for name in pair}
    derived = _derived(init, sources, lambda value, found: _carried(value, found))
    shrunk = _derived(init, set(), lambda value, found: _divided(value, derived, found))
    divided_together: list[set[str]] = []
    counts: set[str] = set()
    for node in _walk(init):
        if not isinstance(node, cst.Call):
            continue
        layer = dotted_name(node.func).rsplit(".", 1)[-1]
        if layer == "Linear" and (first := _argument(node, 0, "in_features")) is not None:
            divided_together.append(_divided(first.value, derived, shrunk))
        elif layer.startswith(COUNTING_LAYERS):
            counts |= {size for arg in node.args if arg.keyword is None or arg.keyword.value in COUNT_KEYWORDS
                       for size in _carried(arg.value, derived)}
    used = [pair for pair in pairs if not counts & set(pair)
            and any(set(pair) <= divided for divided in divided_together)]
    return used[0] if len(used) == 1 else None


def _read_name(node: cst.CSTNode) -> str | None:
    """`name` of a plain read of `name` or `self.name`, nothing computed; None for anything else."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name) and node.value.value == "self":
        return node.attr.value
    return None


def image_size_name(name: str) -> bool:
    """Whether a parameter's name says it is the image's size (`img_size`, `input_shape`), not a
    count that merely ends in one (`size`, `in_dim`)."""
    return _size_name(name)


def _size_name(name: str) -> bool:
    return bool(SIZE_NAME.match(name)) and name.lower() not in GENERIC


def _derived(init: cst.FunctionDef, sources: set[str], reads) -> dict[str, set[str]]:
    """Each name __init__ assigns (`ds = img_size // 16`, `self.side = ...`), and the size names
    `reads(value, so_far)` finds in its value; the sources stand for themselves."""
    derived = {name: {name} for name in sources}
    for node in _walk(init):
        if isinstance(node, cst.Assign) and len(node.targets) == 1:
            target = node.targets[0].target
            keys = [_assigned_name(target)] if not isinstance(target, (cst.Tuple, cst.List)) else \
                [_assigned_name(element.value) for element in target.elements]  # `c, h, w = input_shape`
            keys = [key for key in keys if key is not None]
            found = reads(node.value, derived) if keys else set()
            for key in keys if found else ():
                derived[key] = derived.get(key, set()) | found
    return derived


def _assigned_name(target: cst.CSTNode) -> str | None:
    """`ds` of `ds = ...`, `side` of `self.side = ...`; None for any other target."""
    return target.value if isinstance(target, cst.Name) else \
        target.attr.value if isinstance(target, cst.Attribute) else None


def _names(node: cst.CSTNode) -> set[str]:
    """Names read in an expression: `img_size` and `self.img_size` both as `img_size`."""
    out: set[str] = set()
    for child in _walk(node):
        if isinstance(child, cst.Name):
            out.add(child.value)
        elif isinstance(child, cst.Attribute) and isinstance(child.value, cst.Name) and child.value.value == "self":
            out.add(child.attr.value)
    return out


def _module_constants(module: cst.Module) -> set[str]:
    out = set()
    for statement in module.body:
        if isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                if isinstance(small, cst.Assign) and len(small.targets) == 1 \
                        and isinstance(small.targets[0].target, cst.Name) and isinstance(small.value, cst.Integer):
                    out.add(small.targets[0].target.value)
    return out


def _body(cls: cst.ClassDef) -> list:
    return list(cls.body.body) if isinstance(cls.body, cst.IndentedBlock) else []


def _walk(node: cst.CSTNode):
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(current.children))


PROBE_MAKERS = frozenset({"zeros", "ones", "rand", "randn", "empty"})


def probed_shape_parameters(cls: cst.ClassDef) -> dict[str, int]:
    """Required image-tuple parameters of __init__ (image_tuple_parameters) that __init__ probes a
    layer stack with, `self.conv(torch.zeros(1, *input_shape))` (also through a method of the class
    it passes the tuple to, `self._get_conv_out(input_shape)`), the stack forward() feeds its own
    input to (`self.conv(x.float() / 256)`): the input is a batch of that shape, so the tuple is
    (C, and the input's sides). Each with the tuple's length: 1 + the spatial dims of the first
    conv. Nothing else: a probe of another stack, a forward that feeds it something else."""
    init = _init_of(cls)
    forward = next((s for s in _body(cls) if isinstance(s, cst.FunctionDef) and s.name.value == "forward"), None)
    if init is None or forward is None:
        return {}
    params = [p for p in init.params.params[1:] if p.default is None and not p.star]
    candidates = [p.name.value for p in params if p.name.value in image_tuple_parameters(cls)]
    if not candidates:
        return {}
    first = next((node for node in _walk(init) if isinstance(node, cst.Call)
                  and re.fullmatch(r"Conv[123]d", dotted_name(node.func).rsplit(".", 1)[-1])), None)
    if first is None:
        return {}
    rank = 1 + int(dotted_name(first.func).rsplit(".", 1)[-1][4])
    methods = {s.name.value: s for s in _body(cls) if isinstance(s, cst.FunctionDef)}
    fed = _stacks_fed_the_input(forward)
    out = {}
    for name in candidates:
        probed = _probed(init, {name}) | {
            stack for node in _walk(init) if isinstance(node, cst.Call)
            and isinstance(node.func, cst.Attribute) and _read_name(node.func) in methods
            and isinstance(node.func.value, cst.Name) and node.func.value.value == "self"
            for stack in _probed_through(methods[node.func.attr.value], node, name)}
        if probed and probed <= fed:
            out[name] = rank
    return out


def _probed_through(method: cst.FunctionDef, call: cst.Call, name: str) -> set[str]:
    """The stacks `method` probes with the parameter that `call` passes `name` to."""
    params = [p.name.value for p in method.params.params[1:]]
    if any(a.star for a in call.args):
        return set()
    given = {params[i] if i < len(params) else None: a.value for i, a in enumerate(a for a in call.args
                                                                                 if a.keyword is None)}
    given.update({a.keyword.value: a.value for a in call.args if a.keyword is not None})
    names = {param for param, value in given.items() if param is not None and isinstance(value, cst.Name)
             and value.value == name}
    return _probed(method, names) if names else set()


def _probed(function: cst.FunctionDef, names: set[str]) -> set[str]:
    """`stack` of each `self.stack(torch.zeros(1, *shape))` in the function, shape one of `names`."""
    out = set()
    for node in _walk(function):
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and len(node.args) == 1 \
                and isinstance(node.func.value, cst.Name) and node.func.value.value == "self" \
                and isinstance(probe := node.args[0].value, cst.Call) \
                and dotted_name(probe.func) in {f"torch.{maker}" for maker in PROBE_MAKERS} \
                and len(probe.args) == 2 and isinstance(probe.args[0].value, cst.Integer) \
                and probe.args[0].value.value == "1" and probe.args[0].star == "" \
                and probe.args[1].star == "*" and isinstance(probe.args[1].value, cst.Name) \
                and probe.args[1].value.value in names:
            out.add(node.func.attr.value)
    return out


def _stacks_fed_the_input(forward: cst.FunctionDef) -> set[str]:
    """`stack` of each `self.stack(...)` in forward() given its first input, or a value made of it
    alone by casts and arithmetic with numbers (`fx = x.float() / 256`)."""
    params = forward.params.params[1:]
    if not params:
        return set()
    derived = {params[0].name.value}
    for node in _walk(forward):
        if isinstance(node, cst.Assign) and len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name) \
                and _of_the_input(node.value, derived):
            derived.add(node.targets[0].target.value)
    return {node.func.attr.value for node in _walk(forward) if isinstance(node, cst.Call)
            and isinstance(node.func, cst.Attribute) and isinstance(node.func.value, cst.Name)
            and node.func.value.value == "self" and len(node.args) == 1 and not node.args[0].keyword
            and not node.args[0].star and _of_the_input(node.args[0].value, derived)}


CASTS = frozenset({"float", "double", "half", "to", "cuda", "cpu", "type", "contiguous", "detach"})


def _of_the_input(value: cst.BaseExpression, derived: set[str]) -> bool:
    if isinstance(value, cst.Name):
        return value.value in derived
    if isinstance(value, cst.BinaryOperation):
        numbers = (cst.Integer, cst.Float)
        return (_of_the_input(value.left, derived) and isinstance(value.right, numbers)) \
            or (isinstance(value.left, numbers) and _of_the_input(value.right, derived))
    if isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute) and value.func.attr.value in CASTS:
        return _of_the_input(value.func.value, derived)
    return False


def helper_tuple_sides(cls: cst.ClassDef, module: cst.Module, imported: dict | None = None) -> tuple[str, ...] | None:
    """The parameters of __init__ (with defaults) that are the input's sides because __init__ hands
    them, as the items of one tuple, to a function of the file that divides each item (a conv's
    output size, `conv2d_output_size((img_x, img_y), 5, 2)` computing `(size[0] - kernel) /
    stride + 1` per item), and what it returns (through further such calls too) is counted in a
    Linear's in_features: the map the input shrank to, flattened. The names in the tuple's order,
    whatever they are called (which side is the height is the arithmetic's to say, not the
    names'). None where no tuple, or several different ones, are so used."""
    init = _init_of(cls)
    if init is None:
        return None
    defaulted = {p.name.value for p in (*init.params.params, *init.params.kwonly_params) if p.default is not None}
    aliases = {name: name for name in defaulted}
    for node in _walk(init):  # `self.img_x = img_x`, also `self.t, self.x = t, x`
        if isinstance(node, cst.Assign) and len(node.targets) == 1:
            target, value = node.targets[0].target, node.value
            pairs = zip(target.elements, value.elements) if isinstance(target, cst.Tuple) \
                and isinstance(value, cst.Tuple) and len(target.elements) == len(value.elements) \
                else [(target, value)] if not isinstance(target, cst.Tuple) else []
            for left, right in pairs:
                left = left.value if isinstance(left, cst.Element) else left
                right = right.value if isinstance(right, cst.Element) else right
                if isinstance(left, cst.Attribute) and _read_name(right) in defaulted:
                    aliases.setdefault(left.attr.value, _read_name(right))
    functions = {name: statement for name, statement in (imported or {}).items()
                 if isinstance(statement, cst.FunctionDef)}
    functions |= {s.name.value: s for s in module.body if isinstance(s, cst.FunctionDef)}
    tuples: set[tuple[str, ...]] = set()
    seeds: dict[str, tuple[str, ...]] = {}  # a name assigned such a call's result -> the tuple
    for node in _walk(init):
        if not (isinstance(node, cst.Assign) and len(node.targets) == 1
                and (name := _assigned_name(node.targets[0].target)) is not None):
            continue
        for call in _walk(node.value):
            if isinstance(call, cst.Call) and isinstance(call.func, cst.Name) and call.func.value in functions \
                    and (sides := _sides_handed(call, functions[call.func.value], aliases)) is not None:
                seeds[name] = sides
    if not seeds:
        return None
    derived = _derived(init, set(seeds), lambda value, found: _carried(value, found))
    helpers = _linear_helpers(module, imported)
    for node in _walk(init):
        if isinstance(node, cst.Call) and (in_features := _in_features(
                node, dotted_name(node.func).rsplit(".", 1)[-1], helpers)) is not None:
            tuples |= {seeds[name] for name in _carried(in_features, derived)}
    return tuples.pop() if len(tuples) == 1 else None


def _sides_handed(call: cst.Call, function: cst.FunctionDef, aliases: dict[str, str]) -> tuple[str, ...] | None:
    """The parameters a call hands a function as the 2 or 3 items of one tuple argument (`(img_x,
    img_y)`, `(self.t_dim, self.img_x, self.img_y)`) whose every item the function divides
    (`size[i]` on the left of a `/`, `//` or `>>`); None where no argument is such a tuple."""
    params = [p.name.value for p in function.params.params]
    if any(a.star for a in call.args):
        return None
    for position, arg in enumerate(call.args):
        value = arg.value
        if not isinstance(value, cst.Tuple) or len(value.elements) not in (2, 3):
            continue
        names = [aliases.get(_read_name(e.value)) if isinstance(e, cst.Element) else None for e in value.elements]
        if None in names or len(set(names)) != len(names):
            continue
        parameter = arg.keyword.value if arg.keyword is not None else \
            params[position] if position < len(params) else None
        if parameter is not None and _divides_items(function, parameter) >= set(range(len(names))):
            return tuple(names)
    return None


def _divides_items(function: cst.FunctionDef, parameter: str) -> set[int]:
    """The indices i of each `parameter[i]` the function reads on the left of a division."""
    out = set()
    for node in _walk(function):
        if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, SHRINKING):
            for read in _walk(node.left):
                if isinstance(read, cst.Subscript) and isinstance(read.value, cst.Name) \
                        and read.value.value == parameter and len(read.slice) == 1 \
                        and isinstance(read.slice[0].slice, cst.Index) \
                        and isinstance(index := read.slice[0].slice.value, cst.Integer):
                    out.add(int(index.value))
    return out
