"""Data classes without the dataclasses module, for the classes `envman new` builds.

Importing dataclasses imports inspect (and with it ast, dis, tokenize, linecache):
~40M instructions, ~6 ms, a tenth of what `envman new` costs over uv. The classes on
its path (Store, EnvRecord, EnvStatus, CreateOptions, Config, Interpreter, ...) need
only what ``record`` below writes for them, the same methods @dataclass writes for a
class of plain fields: ``__init__`` (fields in order, defaults, ``field(default_factory=)``),
``__repr__``, ``__eq__`` (same class, fields equal) and, for ``frozen=True``, assignment
refused and ``__hash__`` of the fields; a class that is not frozen is unhashable, as an
@dataclass with eq is. ``fields``, ``asdict`` and ``replace`` do what dataclasses' do
(``replace`` hands a real dataclass to dataclasses). The methods are compiled from text
once per class, as dataclasses does, so creating an object costs the same; each is
compiled on its first call, so a method never called is never compiled.
"""

from __future__ import annotations

# typing (~3 ms to import) only for type checkers, which read ``record`` as a dataclass
# maker through dataclass_transform (PEP 681); at run time that decorator does nothing.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, dataclass_transform
else:
    def dataclass_transform(**_options):
        return lambda function: function

_MISSING: Any = object()


class FrozenInstanceError(AttributeError):
    """An assignment to a field of a frozen record (dataclasses' error of that name)."""


class Field:
    __slots__ = ("default", "default_factory", "name")

    def __init__(self, default: object = _MISSING, default_factory: object = _MISSING) -> None:
        self.name = ""
        self.default = default
        self.default_factory = default_factory

    def __repr__(self) -> str:
        return f"Field(name={self.name!r})"


def field(*, default: Any = _MISSING, default_factory: Any = _MISSING) -> Any:
    """A field's default made by calling ``default_factory`` (a fresh list or dict)."""
    return Field(default, default_factory)


@dataclass_transform(field_specifiers=(field,))
def record(cls=None, *, frozen: bool = False):
    """@dataclass (eq, repr; ``frozen`` as its) for a class whose annotations are its
    fields, in order."""
    if cls is None:
        return lambda c: _make(c, frozen)
    return _make(cls, frozen)


def _make(cls, frozen: bool):
    annotations = cls.__dict__.get("__annotations__", {})
    # What @dataclass does and this does not is refused, not silently done otherwise.
    unsupported = [n for n, a in annotations.items() if "ClassVar" in str(a) or "InitVar" in str(a)]
    if "__post_init__" in cls.__dict__ or unsupported:
        raise TypeError(f"{cls.__qualname__}: plaindata.record has no __post_init__, ClassVar "
                        "or InitVar; use dataclasses for this class")
    names = list(annotations)
    made: list[Field] = []
    namespace: dict = {"_MISSING": _MISSING, "_setattr": object.__setattr__}
    params, body = [], []
    seen_default = False
    for name in names:
        value = cls.__dict__.get(name, _MISSING)
        spec = value if isinstance(value, Field) else Field(value)
        spec.name = name
        made.append(spec)
        if spec.default_factory is not _MISSING:
            namespace[f"_factory_{name}"] = spec.default_factory
            params.append(f"{name}=_MISSING")
            value_text = f"_factory_{name}() if {name} is _MISSING else {name}"
            if isinstance(value, Field):
                delattr(cls, name)
            seen_default = True
        elif spec.default is not _MISSING:
            namespace[f"_default_{name}"] = spec.default
            params.append(f"{name}=_default_{name}")
            value_text = name
            setattr(cls, name, spec.default)
            seen_default = True
        else:
            if seen_default:
                raise TypeError(f"non-default argument {name!r} follows default argument")
            params.append(name)
            value_text = name
        body.append(f"  _setattr(self, {name!r}, {value_text})" if frozen
                    else f"  self.{name} = {value_text}")
    values = "".join(f"self.{n}," for n in names)
    others = "".join(f"other.{n}," for n in names)
    shown = ", ".join(f"{n}={{self.{n}!r}}" for n in names)
    sources = {
        "__init__": [f"def __init__(self, {', '.join(params)}):", *(body or ["  pass"])],
        "__repr__": ["def __repr__(self):",
                     f"  return f'{{self.__class__.__qualname__}}({shown})'"],
        "__eq__": ["def __eq__(self, other):",
                   "  if other.__class__ is self.__class__:",
                   f"    return ({values}) == ({others})",
                   "  return NotImplemented"],
    }
    if frozen:
        sources["__hash__"] = ["def __hash__(self):", f"  return hash(({values}))"]
    own = cls.__dict__
    for method, lines in sources.items():
        # as @dataclass: a method the class writes itself stays
        if method not in own or method == "__hash__":  # (only a frozen class's)
            setattr(cls, method, _lazy(cls, method, "\n".join(lines), namespace))
    if frozen:
        cls.__setattr__ = _refuse_set
        cls.__delattr__ = _refuse_delete
    elif "__hash__" not in own or own["__hash__"] is None:
        cls.__hash__ = None  # mutable and compared by value: unhashable, as @dataclass
    cls.__plain_fields__ = tuple(made)
    return cls


def _lazy(cls, method: str, source: str, namespace: dict):
    """A stand-in for a generated method that compiles it on its first call and puts
    it in its place. Compiling is most of what a record costs (~2.9M instructions for
    EnvRecord's four methods), and `envman new` builds only some of its ten records
    and calls their __repr__ or __eq__ never: compiling every method of every record
    at import was ~10% of its own process."""
    def first_call(self, *args, **kwargs):
        function = cls.__dict__.get(method)
        if function is first_call:
            exec(source, namespace)
            function = namespace[method]
            function.__qualname__ = f"{cls.__qualname__}.{method}"
            type.__setattr__(cls, method, function)
        return function(self, *args, **kwargs)

    first_call.__qualname__ = f"{cls.__qualname__}.{method}"
    return first_call


def _refuse_set(self, name: str, value: object) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _refuse_delete(self, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


def fields(obj) -> tuple[Field, ...]:
    """The fields of a record class or object, in order (each has ``name``)."""
    cls = obj if isinstance(obj, type) else type(obj)
    return cls.__plain_fields__  # type: ignore[attr-defined]


def asdict(obj) -> dict:
    """A record as a dict, records, lists and dicts in it copied recursively."""
    return {f.name: _copy(getattr(obj, f.name)) for f in fields(obj)}


def _copy(value):
    if hasattr(type(value), "__plain_fields__"):
        return asdict(value)
    if isinstance(value, list):
        return [_copy(v) for v in value]
    if isinstance(value, tuple):
        return type(value)(_copy(v) for v in value)
    if isinstance(value, dict):
        return {_copy(k): _copy(v) for k, v in value.items()}
    return value


def replace(obj, **changes):
    """A copy of ``obj`` with ``changes`` (a field not in the class: TypeError)."""
    if not hasattr(type(obj), "__plain_fields__"):
        import dataclasses

        return dataclasses.replace(obj, **changes)
    values = {f.name: getattr(obj, f.name) for f in fields(obj)}
    unknown = set(changes) - set(values)
    if unknown:
        raise TypeError(f"{type(obj).__name__} has no field {sorted(unknown)[0]!r}")
    values.update(changes)
    return type(obj)(**values)
