# minimal mmcv.utils stand-in (hunt84)
import torch

TORCH_VERSION = torch.__version__


def digit_version(v):
    out = []
    for p in str(v).split("+")[0].split("."):
        try:
            out.append(int(p))
        except ValueError:
            out.append(0)
    return tuple(out)


class Registry:
    def __init__(self, name, *args, **kwargs):
        self.name = name
        self._module_dict = {}

    def register_module(self, name=None, force=False, module=None):
        def deco(cls):
            self._module_dict[name or cls.__name__] = cls
            return cls
        if module is not None:
            return deco(module)
        return deco

    def get(self, key):
        return self._module_dict.get(key)
