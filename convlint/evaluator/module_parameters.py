"""What `module.parameters()` and `module.named_parameters()` give, modelled as torch registers
them: each module's own parameters (a layer's weight before its bias), the module itself first,
then its children in order (torch's named_modules), a shared one once. A tensor per parameter, of
the shape torch gives it, where every shape is known; None where one is not (a layer whose
parameters are not modelled, a module whose attributes are not all known)."""

from __future__ import annotations

from dataclasses import dataclass

from convlint import layers
from convlint.model import ModuleNode, Tensor
from convlint.records import ContainerRecord, ModelRecord
from convlint.values import Shape, Sym, Unknown, is_known


@dataclass(eq=False, slots=True)
class Generated:
    """The items of a generator torch returns (`module.parameters()`), in order: iterated or listed
    whole, or taken one at a time by next()."""

    items: list
    taken: int = 0


def layer_parameter(node: ModuleNode, name: str) -> Tensor | None | Unknown:
    """A torch layer's own `weight` or `bias` as torch registers it (None for bias=False), or
    Unknown where the layer's parameters are not modelled."""
    for record in (node.record, node.base):
        if record is None:
            continue
        shapes = layers.parameter_shapes(record)
        if shapes is None and (norms := layers.norm_tensor_shapes(record)) is not None:
            shapes = {key: shape for key, shape in norms.items() if key in ("weight", "bias") and shape is not None}
        if shapes is not None:
            return Tensor(Shape(tuple(shapes[name])), f"{node.label}.{name}", owner=node) if name in shapes else None
    return Unknown(f"{node.label}.{name} not modelled")


def own_parameters(node: ModuleNode) -> list[tuple[str, Tensor]] | None:
    """The parameters a module registers itself (not its children's), in registration order. A
    layer's weight that spectral_norm replaced (the function, not the parametrization) is deleted
    and registered again as weight_orig, of its shape, after the others, as torch does."""
    if node.incomplete or node.tied:
        return None  # a parameter shared with another module: which name parameters() gives it, not modelled
    moved = _moved_by_spectral_norm(node) if node.replaced else {}
    if moved is None:
        return None
    record = node.base if node.base is not None else node.record
    out: list[tuple[str, Tensor]] = []
    if not isinstance(record, (ModelRecord, ContainerRecord)):
        params = layers.own_params(record)
        if not (isinstance(params, int) and params == 0):
            for name in ("weight", "bias"):
                if name in moved:
                    continue
                found = node.parameters.get(name) is not None and node.attrs.get(name) or layer_parameter(node, name)
                if isinstance(found, Unknown):
                    return None
                if found is not None:
                    out.append((name, found))
            if not out and not moved:
                return None  # parameters not named weight and bias (an LSTM's): not modelled
            out.extend(moved.values())
    elif isinstance(record, ContainerRecord) and record.type in ("ParameterList", "ParameterDict"):
        return None
    for name in node.parameters:
        if any(name == taken for taken, _ in out):
            continue  # a layer's own weight, replaced in place: kept where torch registered it
        value = node.attrs.get(name)
        if not isinstance(value, Tensor):
            return None
        out.append((name, value))
    return out if all(_known_shape(tensor) for _, tensor in out) else None


def _moved_by_spectral_norm(node: ModuleNode) -> dict[str, tuple[str, Tensor]] | None:
    """name -> (name_orig, its tensor) for each parameter of a layer that spectral_norm replaced
    (the elements replacing it are the weight's own: weight_norm's g and v are more); None where a
    replacement is anything else, or the module holds parameters of its own besides."""
    if node.parameters:
        return None
    moved = {}
    for name, size in node.replaced.items():
        weight = layer_parameter(node, name)
        if not isinstance(size, int) or isinstance(size, bool) or not isinstance(weight, Tensor) \
                or not _known_shape(weight) or not all(isinstance(d, int) for d in weight.shape.dims):
            return None
        elements = 1
        for d in weight.shape.dims:
            elements *= d
        if size != elements:
            return None
        moved[name] = (f"{name}_orig", Tensor(weight.shape, f"{node.label}.{name}_orig", owner=node))
    return moved


def named_parameters(modules: list[tuple[str, ModuleNode]]) -> list[tuple[str, Tensor]] | None:
    """(qualified name, tensor) of each parameter of these modules (named_modules' order), or None
    where one module's are not known."""
    out: list[tuple[str, Tensor]] = []
    for prefix, node in modules:
        own = own_parameters(node)
        if own is None:
            return None
        out.extend((f"{prefix}.{name}" if prefix else name, tensor) for name, tensor in own)
    return out


def _known_shape(tensor: Tensor) -> bool:
    dims = tensor.shape.dims
    return dims is not None and all(is_known(d) or isinstance(d, Sym) and not d.opaque for d in dims)
