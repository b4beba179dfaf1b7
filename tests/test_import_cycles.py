"""No import cycles in mnist_studio (lazy imports inside functions and TYPE_CHECKING imports count too).

A cycle means two modules cannot be understood, tested or moved one without the other; each one found here
was a shortcut (a helper living on the wrong side, a constant imported back). The check uses grimp, the
graph library import-linter is built on."""

from __future__ import annotations

import pytest

# grimp comes with import-linter (the test extras); CI's second, Keras-on-JAX environment installs only the core's
# dependencies, so there the check is left to the main run.
grimp = pytest.importorskip("grimp", reason="grimp (installed with import-linter) is needed for the cycle check")


def import_cycles(package: str = "mnist_studio") -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan, iterative), and self-imports."""
    graph = grimp.build_graph(package)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    groups: list[list[str]] = []
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.find_modules_directly_imported_by(child)))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:  # a module importing itself (the worker process's __main__) is no cycle
                    groups.append(sorted(group))
    return sorted(groups)


def test_the_finder_finds_a_cycle(tmp_path, monkeypatch):
    pkg = tmp_path / "cyclepkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from cyclepkg import b\n")
    (pkg / "b.py").write_text("def f():\n    from cyclepkg import c\n")  # a lazy import counts
    (pkg / "c.py").write_text("import cyclepkg.a\n")
    (pkg / "d.py").write_text("import cyclepkg.a\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert import_cycles("cyclepkg") == [["cyclepkg.a", "cyclepkg.b", "cyclepkg.c"]]


# Cycles in code this check's author did not own when it landed (issue 24 says how to break them); empty this
# list when they are gone -- the test then fails if one comes back.
PENDING: list[list[str]] = []


def test_mnist_studio_has_no_import_cycles():
    assert [cycle for cycle in import_cycles() if cycle not in PENDING] == []
