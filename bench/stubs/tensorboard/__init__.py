# stand-in: enough for `from torch.utils import tensorboard` to import (torch checks the version and
# imports names from tensorboard's submodules and from protobuf); every submodule and name is an
# empty placeholder, found only where no installed package is
import importlib.abc
import importlib.machinery
import sys
import types

__version__ = "2.15.0"


class _Placeholder:
    def __init__(self, *a, **k): pass
    def __call__(self, *a, **k): return _Placeholder()
    def __getattr__(self, name): return _Placeholder()


class _Module(types.ModuleType):
    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return _Placeholder()


class _Finder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, name, path=None, target=None):
        if name.startswith(__name__ + ".") or name == "google" or name.startswith("google.protobuf"):
            return importlib.machinery.ModuleSpec(name, self, is_package=True)
        return None

    def create_module(self, spec):
        module = _Module(spec.name)
        module.__path__ = []
        return module

    def exec_module(self, module):
        pass


sys.meta_path.append(_Finder())
