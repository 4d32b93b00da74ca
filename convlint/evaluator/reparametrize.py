"""weight_norm and spectral_norm, old (hooks) and new (torch.nn.utils.parametrizations): the
layer's shapes are unchanged, its parameters renamed and regrouped as torch registers them."""

from __future__ import annotations

from math import prod
from typing import TYPE_CHECKING, Any

from convlint import layers
from convlint.evaluator.torch_api import Signature, _sig
from convlint.model import LayerCall, ModuleNode, Tensor
from convlint.records import ContainerRecord, ElementwiseRecord
from convlint.values import Shape, Unknown, is_known

if TYPE_CHECKING:
    import libcst as cst

    from convlint.evaluator.interpreter import Interpreter

WEIGHT_NORM = _sig("module", ("name", "weight"), ("dim", 0))
SPECTRAL_NORM = _sig("module", ("name", "weight"), ("n_power_iterations", 1), ("eps", 1e-12), ("dim", None))
REMOVE = _sig("module", ("name", "weight"))
WRAPPERS: dict[str, tuple[str, bool, Signature]] = {}  # qualified name -> (norm, parametrization, signature)
for _module in ("torch.nn.utils", "torch.nn.utils.weight_norm", "torch.nn.utils.spectral_norm"):
    WRAPPERS[f"{_module}.weight_norm"] = ("weight", False, WEIGHT_NORM)
    WRAPPERS[f"{_module}.spectral_norm"] = ("spectral", False, SPECTRAL_NORM)
    WRAPPERS[f"{_module}.remove_weight_norm"] = ("remove", False, REMOVE)
    WRAPPERS[f"{_module}.remove_spectral_norm"] = ("remove", False, REMOVE)
for _module in ("torch.nn.utils.parametrizations",):
    WRAPPERS[f"{_module}.weight_norm"] = ("weight", True, WEIGHT_NORM)
    WRAPPERS[f"{_module}.spectral_norm"] = ("spectral", True, SPECTRAL_NORM)
WRAPPERS["torch.nn.utils.parametrize.remove_parametrizations"] = ("unparametrize", True, REMOVE)
WRAPPERS["torch.nn.utils.parametrize.register_parametrization"] = ("custom", True, _sig("module", "name", "parametrization"))
PARAMETRIZATION_TYPES = {"weight": "_WeightNorm", "spectral": "_SpectralNorm"}


def is_wrapper(qualified: str) -> bool:
    return qualified in WRAPPERS


def wrap(interp: "Interpreter", qualified: str, args: list, kwargs: dict, node: "cst.CSTNode") -> Any:
    """The module weight_norm(module) / spectral_norm(module) return: the same module, its
    parameter `name` replaced (weight_norm: by name_g, of the size of the weight along `dim`,
    or one element for dim=None, and name_v; spectral_norm: by name_orig, its power-iteration
    vectors being buffers). The parametrizations' versions keep the originals in
    module.parametrizations.<name>, a ParametrizationList whose first child computes the weight."""
    norm, parametrization, signature = WRAPPERS[qualified]
    bound = signature.bind(args, kwargs)
    module, name = bound["module"], bound["name"]
    if not isinstance(module, ModuleNode):
        return Unknown(f"{qualified} of a module not known statically")
    if norm == "remove":  # the plain tensor back in place of what replaced it
        if isinstance(name, str):
            module.replaced.pop(name, None)
        else:
            module.replaced.clear()
        return module
    if norm == "unparametrize":  # remove_parametrizations: a plain tensor of the same shape again
        holder = module.children.get("parametrizations")
        if not isinstance(name, str) or holder is None or name not in holder.children:
            return Unknown("remove_parametrizations of a tensor not known to be parametrized")
        del holder.children[name]
        module.replaced.pop(name, None)
        if not holder.children:  # the last one: torch deletes module.parametrizations
            del module.children["parametrizations"]
        return module
    if norm == "custom":  # a parametrization of the user's: its own modules and parameters are not followed
        interp.unresolved(node, "register_parametrization is not followed: the module's parameters are unknown")
        module.replaced[str(name)] = Unknown("a parametrization of the user's")
        return module
    size = _replacing_size(module, name, norm, bound.get("dim"))
    if isinstance(size, Unknown):
        interp.unresolved(node, f"{qualified.rsplit('.', 1)[-1]}: {size.why}, so are its parameters")
    if not parametrization:
        module.replaced[name if isinstance(name, str) else "?"] = size
        return module
    holder = module.children.get("parametrizations")
    if holder is None:
        holder = ModuleNode(ContainerRecord(type="ModuleDict"), interp.span(node))
        interp.set_attribute(module, "parametrizations", holder)
    if not isinstance(name, str) or name in holder.children:  # a second parametrization of one tensor: not followed
        module.replaced[str(name)] = Unknown("a tensor parametrized twice")
        return module
    originals = ModuleNode(ContainerRecord(type="ParametrizationList"), interp.span(node))
    weight = _shape_of(module, name)
    if isinstance(size, int):
        numel = prod(weight) if weight is not None and all(is_known(d) for d in weight) else None
        originals.parameters = {"original0": size - numel, "original1": numel} if norm == "weight" and numel \
            else {"original": size}
    else:
        originals.incomplete = True
    interp.set_attribute(originals, "0", ModuleNode(ElementwiseRecord(type=PARAMETRIZATION_TYPES[norm]),
                                                    interp.span(node)))
    interp.set_attribute(holder, name, originals)
    module.replaced[name] = 0
    return module


def _shape_of(module: ModuleNode, name: object) -> tuple | None:
    """The shape of a torch layer's parameter, of a subclass of one too (`class MyConv(nn.Conv1d)`)."""
    record = module.base if module.base is not None else module.record
    shapes = layers.parameter_shapes(record) if not module.incomplete else None
    return shapes.get(name) if shapes is not None and isinstance(name, str) else None


def _replacing_size(module: ModuleNode, name: object, norm: str, dim: object) -> int | Unknown:
    """Elements of the parameters that replace `name`: weight_norm's g (the size along dim, 1
    for dim=None or -1) and v (the weight's), spectral_norm's original (the weight's)."""
    shape = _shape_of(module, name)
    if shape is None or not all(is_known(d) for d in shape):
        return Unknown(f"the shape of {module.label}.{name} is not known")
    numel = prod(shape)
    if norm == "spectral":
        return numel
    if dim is None or dim == -1:  # norm_except_dim over everything: a 0-d g
        return numel + 1
    if not isinstance(dim, int) or isinstance(dim, bool) or not -len(shape) <= dim < len(shape):
        return Unknown(f"weight_norm dim={dim!r}")
    return numel + shape[dim]


def record_parametrizations(interp: "Interpreter", module: ModuleNode, span, depth: int) -> None:
    """Each forward reads the parametrized tensors: their ParametrizationList and its first
    module run then, as torch's hooks see them (output: the tensor's shape)."""
    holder = module.children.get("parametrizations")
    if holder is None or interp.analysis is None:
        return
    for name, originals in holder.children.items():
        shape = _shape_of(module, name)
        if originals is None or shape is None:
            continue
        tensor = Tensor(Shape(tuple(shape)), f"{module.label}.{name}")
        start = interp.next_call()
        first = originals.children.get("0")
        if first is not None:
            interp.analysis.calls.append(LayerCall(first, tensor, tensor, span, depth + 3, interp.next_call()))
        interp.analysis.calls.append(LayerCall(originals, tensor, tensor, span, depth + 2, start))
