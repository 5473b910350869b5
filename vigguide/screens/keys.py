"""Every key binding id vigguide has, for checking the keymap setting."""

from __future__ import annotations

import functools
import importlib
import inspect
import pkgutil

from textual.binding import Binding

import vigguide.screens
import vigguide.widgets


@functools.cache
def screen_binding_ids() -> frozenset[str]:
    """The ids of the bindings of every screen, dialog and widget in vigguide."""
    ids: set[str] = set()
    for package in (vigguide.screens, vigguide.widgets):
        for info in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
            module = importlib.import_module(info.name)
            for _name, cls in inspect.getmembers(module, inspect.isclass):
                if not cls.__module__.startswith("vigguide."):
                    continue
                for binding in getattr(cls, "BINDINGS", ()):
                    if isinstance(binding, Binding) and binding.id:
                        ids.add(binding.id)
    return frozenset(ids)
