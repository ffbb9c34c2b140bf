"""plaindata.record writes what @dataclass writes for the classes on `envman new`'s
path (which must not import dataclasses: it imports inspect, ~6 ms)."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest

from envman import plaindata


def _pair(frozen: bool):
    def body():
        class Thing:
            a: int
            b: str = "x"
            c: list = plaindata.field(default_factory=list)

        return Thing

    mine = plaindata.record(frozen=frozen)(body())

    class Thing:
        a: int
        b: str = "x"
        c: list = dataclasses.field(default_factory=list)

    return mine, dataclasses.dataclass(frozen=frozen)(Thing)


@pytest.mark.parametrize("frozen", [False, True])
def test_record_behaves_as_dataclass(frozen):
    mine, theirs = _pair(frozen)
    for args, kwargs in (((1,), {}), ((1, "y"), {}), ((), {"a": 2, "c": [1]})):
        m, t = mine(*args, **kwargs), theirs(*args, **kwargs)
        assert repr(m).split("(", 1)[1] == repr(t).split("(", 1)[1]
        assert repr(m).startswith(mine.__qualname__ + "(")
        assert plaindata.asdict(m) == dataclasses.asdict(t)
        assert m == mine(*args, **kwargs) and m != t
        assert (m.__eq__(t) is NotImplemented) and m != 5
    assert mine(1).c is not mine(1).c  # a fresh default each time
    assert mine.b == theirs.b == "x" and not hasattr(mine, "c") and not hasattr(theirs, "c")
    assert [f.name for f in plaindata.fields(mine)] == [f.name for f in dataclasses.fields(theirs)]
    for call in (lambda cls: cls(), lambda cls: cls(1, "y", [], 4), lambda cls: cls(1, d=2)):
        with pytest.raises(TypeError):
            call(mine)
        with pytest.raises(TypeError):
            call(theirs)
    m, t = mine(1), theirs(1)
    if frozen:
        assert hash(mine(1, "y", ())) == hash(mine(1, "y", ())) == hash(theirs(1, "y", ()))
        with pytest.raises(AttributeError):
            m.a = 2
        with pytest.raises(AttributeError):
            del m.a
    else:
        with pytest.raises(TypeError):
            hash(m)
        with pytest.raises(TypeError):
            hash(t)
        m.a = 3
        assert m.a == 3
    r = plaindata.replace(m, b="z")
    assert (r.a, r.b) == (m.a, "z") and r is not m
    with pytest.raises(TypeError):
        plaindata.replace(m, nope=1)
    assert plaindata.replace(t, b="z") == dataclasses.replace(t, b="z")  # handed over


def test_new_does_not_import_dataclasses(tmp_path):
    code = ("import sys; from envman import create, registry, status, store, backends, config; "
            "print('dataclasses' in sys.modules, 'inspect' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code],
                         capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


@pytest.mark.parametrize("body", [
    "x: int\n    def __post_init__(self): pass",
    "x: ClassVar[int] = 1",
    "x: InitVar[int]",
])
def test_what_dataclasses_does_and_record_does_not_is_refused(body):
    namespace = {"record": plaindata.record}
    with pytest.raises(TypeError, match="use dataclasses"):
        exec(f"from __future__ import annotations\n@record\nclass C:\n    {body}\n", namespace)
