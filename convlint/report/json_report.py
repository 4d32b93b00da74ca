"""The JSON contract (`--format json`): pydantic models, so the schema is generated, not
written by hand. Fields are only ever added, never renamed."""

from __future__ import annotations

from collections.abc import Sequence
from math import prod
from typing import TYPE_CHECKING

from pydantic import BaseModel

from convlint.diagnostics import Diagnostic
from convlint.layers import mult_adds, own_params, parameter_shapes
from convlint.model import ModelAnalysis, ModuleNode
from convlint.values import Shape, Unknown

if TYPE_CHECKING:
    from convlint.records import LayerRecord

Dim = int | str | None


class LayerOut(BaseModel):
    name: str
    type: str
    line: int
    output_shape: list[Dim] | None
    params: int | None
    macs: int | None


class UnresolvedOut(BaseModel):
    path: str
    line: int
    why: str


class ModelOut(BaseModel):
    name: str
    line: int
    input_shape: list[Dim] | None
    layers: list[LayerOut]
    params: int | None
    macs: int | None
    unresolved: list[UnresolvedOut] = []  # what the evaluator could not follow, and why
    assumed: list[str] = []  # values taken on an assumption (an argparse default), in words
    # where input_shape came from: "flag", "config", or {"path", "line", "kind"} (a comment, a hint)
    input_source: str | dict | None = None
    more_inputs: list[list[Dim]] = []  # the shapes of forward's further inputs, in order (`net(img_A, img_B)`)


class FileOut(BaseModel):
    path: str
    models: list[ModelOut]


class ConfirmationOut(BaseModel):
    verdict: str  # "confirmed", "not reproduced" or "not checkable"
    detail: str | None


class DiagnosticOut(BaseModel):
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str
    severity: str
    message: str
    fix: str | None
    model: str | None
    layer: str | None
    via: list[str] = []  # `path:line` of the helper calls that built the layer, outermost first
    confirmation: ConfirmationOut | None = None  # with --confirm: what running the model with torch showed


class Report(BaseModel):
    files: list[FileOut]
    diagnostics: list[DiagnosticOut]


def _known(value: int | Unknown) -> int | None:
    return None if isinstance(value, Unknown) else value


def model_costs(model: ModelAnalysis) -> tuple[dict[int, int | Unknown], dict[int, int | Unknown]]:
    """Per module (by id): parameters of its subtree and mult-adds of all its calls, torchinfo's way."""
    own_macs: dict[int, int | Unknown] = {}
    first_output: dict[int, object] = {}
    for call in model.calls:
        key = id(call.node)
        first_output.setdefault(key, call.output.shape)
        # torchinfo totals the mult-adds of leaf modules only: a container's own nn.Parameter costs none
        cost = Unknown("called on a path that may not run") if call.speculative else \
            call_mult_adds(call.node, call.output.shape, call.record) if is_leaf(call.node) else \
            Unknown("children not known") if hides_children(call.node) else 0
        previous = own_macs.get(key, 0)
        own_macs[key] = cost if isinstance(cost, Unknown) or isinstance(previous, Unknown) else previous + cost
    params: dict[int, int | Unknown] = {}
    macs: dict[int, int | Unknown] = {}

    def subtree(node: ModuleNode, seen: set[int]) -> list[ModuleNode]:
        out = [node]
        for child in node.children.values():
            if child is not None and id(child) not in seen:
                seen.add(id(child))
                out.extend(subtree(child, seen))
        return out

    nodes = [model.root, *model.modules()] if model.root is not None else []
    for node in nodes:
        members = subtree(node, {id(node)})
        params[id(node)] = _total([*(node_params(m, model.record_of(m)) for m in members), -tied_within(members)])
        macs[id(node)] = _total(own_macs.get(id(m), 0) for m in members)
    return params, macs


def tied_within(members: list[ModuleNode]) -> int:
    """Elements of the parameters these modules share (`self.out.weight = self.embed.weight`),
    counted by each module that holds one: what a total over them counts once too many."""
    held = {id(m) for m in members}
    return sum(numel for m in members for owner, numel in m.tied.values() if id(owner) in held)


def is_leaf(node: ModuleNode) -> bool:
    """torchinfo's is_leaf_layer: a module with no child modules."""
    return not any(child is not None for child in node.children.values())


def hides_children(node: ModuleNode) -> bool:
    """A container whose children are not all known: what it runs, and costs, is unknown."""
    return node.incomplete


def node_params(node: ModuleNode, record: LayerRecord | None = None) -> int | Unknown:
    """A module's own parameters: its layer's (or its torch base layer's), plus nn.Parameters.
    `record`: the layer it ran as, when that is not node.record (a lazy layer, sized)."""
    if node.incomplete:
        return Unknown("an attribute may be a module")
    own = own_params(node.base if node.base is not None else record or node.record)
    if node.replaced:  # weight_norm / spectral_norm: the replaced tensors out, what replaces them in
        own = _reparametrized(node, own)
    return own if isinstance(own, Unknown) else own + sum(node.parameters.values())


def _replaced_numel(node: ModuleNode) -> int | Unknown:
    """Elements of the layer's own tensors that weight_norm / spectral_norm replaced."""
    shapes = parameter_shapes(node.base if node.base is not None else node.record)  # (a conv subclass's too)
    total = 0
    for name in node.replaced:
        shape = shapes.get(name) if shapes is not None else None
        if shape is None or not all(isinstance(d, int) for d in shape):
            return Unknown(f"the shape of {name} is not known")
        total += prod(shape)
    return total


def _reparametrized(node: ModuleNode, own: int | Unknown) -> int | Unknown:
    replaced = _replaced_numel(node)
    for value in (own, replaced, *node.replaced.values()):
        if isinstance(value, Unknown):
            return value
    return own - replaced + sum(node.replaced.values())


def call_mult_adds(node: ModuleNode, output, record: LayerRecord | None = None) -> int | Unknown:
    """torchinfo's mult-adds of one call: its layer's, plus nn.Parameters named like weights
    (torchinfo counts `weight`/`bias` as a layer's, other names containing them per N x C)."""
    record = node.base if node.base is not None else record or node.record
    own = own_params(record) if not node.incomplete else Unknown("incomplete")
    cost = mult_adds(record, output, own) if not node.replaced else _reparametrized_cost(node, record, output, own)
    for name, count in node.parameters.items():
        if isinstance(cost, Unknown):
            return cost
        if count <= 0:
            continue  # a tensor in place of the layer's own, or one tied to another's: the layer's cost
        if name in ("weight", "bias"):
            extra = mult_adds(record, output, count)
        elif "weight" in name or "bias" in name:
            dims = output.dims or ()
            extra = count * dims[0] * dims[1] if len(dims) >= 2 and all(isinstance(d, int) for d in dims[:2]) \
                else Unknown("output shape")
        else:
            extra = 0
        cost = extra if isinstance(extra, Unknown) else cost + extra
    return cost


def _reparametrized_cost(node: ModuleNode, record: LayerRecord, output, own: int | Unknown) -> int | Unknown:
    """weight_g and weight_v, weight_orig: to torchinfo, weights of other names, which cost
    numel x prod(output[:2]); the layer's tensors left as they were cost as the layer's."""
    replaced, total = _replaced_numel(node), _reparametrized(node, own)
    if isinstance(own, Unknown) or isinstance(replaced, Unknown) or isinstance(total, Unknown):
        return Unknown("parameters not known")
    dims = output.dims or ()
    if len(dims) < 2 or not all(isinstance(d, int) for d in dims[:2]):
        return Unknown("output shape not known")
    kept = mult_adds(record, output, own - replaced)
    return kept if isinstance(kept, Unknown) else kept + (total - own + replaced) * dims[0] * dims[1]


def _total(values) -> int | Unknown:
    total = 0
    for value in values:
        if isinstance(value, Unknown):
            return value
        total += value
    return total


def model_out(model: ModelAnalysis, path: str = "") -> ModelOut:
    params, macs = model_costs(model)
    outputs: dict[int, object] = {}
    for call in model.calls:
        outputs.setdefault(id(call.node), call.output.shape)
    layers = [
        LayerOut(name=node.path, type=model.record_of(node).type, line=node.span.line,
                 output_shape=outputs[id(node)].as_json() if id(node) in outputs else None,
                 params=_known(params[id(node)]), macs=_known(macs[id(node)]))
        for node in model.modules()
    ]
    root = model.root
    if root is not None and model.stopped:
        params[id(root)] = Unknown("the analysis stopped")
    if root is not None and (model.unfollowed() or model.stopped or model.uncounted_loops):
        macs[id(root)] = Unknown("forward() calls layers the analysis could not follow")
    return ModelOut(
        name=model.name, line=model.span.line,
        input_shape=model.input_shape.as_json() if model.input_shape is not None else None,
        layers=layers,
        params=_known(params[id(root)]) if root is not None else None,
        macs=_known(macs[id(root)]) if root is not None else None,
        unresolved=[UnresolvedOut(path=u.span.file or path, line=u.span.line, why=u.why) for u in model.unresolved],
        assumed=list(model.assumed),
        input_source=_source_out(model, path),
        more_inputs=[Shape(shape).as_json() for shape in model.further_inputs],
    )


def _source_out(model: ModelAnalysis, path: str) -> str | dict | None:
    source = model.input_source
    if source is None:
        return None
    if source.kind in ("flag", "config"):
        return source.kind
    return {"path": source.path or path, "line": source.line, "kind": source.kind}


def diagnostic_out(d: Diagnostic) -> DiagnosticOut:
    return DiagnosticOut(path=d.path, line=d.span.line, column=d.span.column, end_line=d.span.end_line,
                         end_column=d.span.end_column, code=d.code, name=d.name, severity=d.severity,
                         message=d.message, fix=d.fix, model=d.model, layer=d.layer,
                         via=[f"{s.file or d.path}:{s.line}" for s in d.via],
                         confirmation=ConfirmationOut(verdict=d.confirmation, detail=d.confirmation_detail)
                         if d.confirmation else None)


def build_report(files: Sequence, diagnostics: Sequence[Diagnostic]) -> Report:
    return Report(
        files=[FileOut(path=f.path, models=f.model_outs if getattr(f, "model_outs", None) is not None else
                       [model_out(m, f.path) for m in f.models if not m.internal_error]) for f in files],
        diagnostics=[diagnostic_out(d) for d in diagnostics],
    )


def render_json(files: Sequence, diagnostics: Sequence[Diagnostic]) -> str:
    return build_report(files, diagnostics).model_dump_json(indent=2) + "\n"
