"""torch.distributions in forward(): a VAE's `Normal(mu, std).rsample()` and what it gives.

Only the shapes: a distribution built from tensors (or numbers) has the broadcast shape of its
parameters as its batch shape (torch.distributions.utils.broadcast_all); a sample is
`sample_shape + batch_shape`. Anything else about a distribution stays unknown."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from convlint import shapes
from convlint.model import Tensor
from convlint.values import Shape, Unknown, is_known

# location-scale families and Uniform: two parameters broadcast together, a sample of that shape
TWO_PARAMETERS = frozenset("Normal LogNormal Laplace Cauchy Gumbel Uniform".split())
SAMPLES = frozenset(("sample", "rsample"))
# log_prob(value) & co: the value broadcast against the batch (event shape () for these families)
OF_A_VALUE = frozenset(("log_prob", "cdf", "icdf"))
METHODS = SAMPLES | OF_A_VALUE | {"entropy"}
OF_THE_BATCH = frozenset(("mean", "mode", "stddev", "variance", "loc", "scale", "low", "high"))


@dataclass(frozen=True, slots=True)
class Distribution:
    kind: str
    batch: Shape  # dims None: not known


def construct(qualified: str, args: list, kwargs: dict) -> Distribution | None:
    """`Normal(mu, std)` of torch.distributions, or None where this is not one modelled."""
    namespace, _, kind = qualified.rpartition(".")
    if not namespace.startswith("torch.distributions") or kind not in TWO_PARAMETERS:
        return None
    params = list(args) + list(kwargs.values())
    if len(params) != 2 or "validate_args" in kwargs:
        return None
    found = [_shape_of(p) for p in params]
    if any(s is None for s in found):
        return Distribution(kind, Shape(None))
    batch, failing = shapes.broadcast_shapes(found[0], found[1])
    return Distribution(kind, batch if failing is None else Shape(None))


def attribute(dist: Distribution, name: str) -> Any:
    if name in OF_THE_BATCH:
        return Tensor(dist.batch, f"{dist.kind}.{name}")
    if name == "batch_shape":
        return dist.batch.dims if dist.batch.dims is not None else Unknown("a batch shape not known")
    return Unknown(f"{dist.kind}.{name}")


def method(dist: Distribution, name: str, args: list, kwargs: dict) -> Any:
    if name in SAMPLES:
        sample_shape = args[0] if args else kwargs.get("sample_shape", ())
        if not isinstance(sample_shape, (tuple, list)) or dist.batch.dims is None:
            return Tensor(Shape(None), f"{dist.kind}.{name}")
        return Tensor(Shape((*sample_shape, *dist.batch.dims)), f"{dist.kind}.{name}")
    if name in OF_A_VALUE and len(args) == 1 and isinstance(args[0], Tensor):
        out, failing = shapes.broadcast_shapes(args[0].shape, dist.batch)
        return Tensor(out if failing is None else Shape(None), f"{dist.kind}.{name}")
    if name == "entropy" and not args:
        return Tensor(dist.batch, f"{dist.kind}.entropy")
    return Unknown(f"{dist.kind}.{name}() is not modelled")


def _shape_of(value: Any) -> Shape | None:
    if isinstance(value, Tensor):
        return value.shape
    if is_known(value) or isinstance(value, float):
        return Shape(())  # a Python number broadcasts as a 0-dim tensor
    return None
