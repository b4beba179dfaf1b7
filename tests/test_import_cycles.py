"""No import cycles in mnist_studio (lazy imports inside functions and TYPE_CHECKING imports count too), and no
two core packages that import each other (a module cycle's bigger cousin: learning -> networks -> learning).

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


CORE = ("digits", "networks", "prediction", "storage", "runtime", "worker", "cli", "learning", "classroom")


def mutual_packages(package: str = "mnist_studio", packages=CORE) -> list[tuple[str, str]]:
    """Pairs of ``package``'s subpackages that import each other, directly (any module of one, any of the other)."""
    graph = grimp.build_graph(package)
    uses: dict[str, set[str]] = {name: set() for name in packages}
    for module in graph.modules:
        parts = module.split(".")
        if len(parts) < 2 or parts[1] not in uses:
            continue
        for imported in graph.find_modules_directly_imported_by(module):
            other = imported.split(".")
            if len(other) > 1 and other[0] == package and other[1] in uses and other[1] != parts[1]:
                uses[parts[1]].add(other[1])
    return sorted((a, b) for a in uses for b in uses[a] if a < b and a in uses[b])


def test_the_package_check_finds_two_packages_that_import_each_other(tmp_path, monkeypatch):
    root = tmp_path / "pairpkg"
    for name in ("a", "b", "c"):
        (root / name).mkdir(parents=True)
        (root / name / "__init__.py").write_text("")
    (root / "__init__.py").write_text("")
    (root / "a" / "one.py").write_text("from pairpkg.b import two\n")
    (root / "b" / "two.py").write_text("def f():\n    import pairpkg.a\n")  # a lazy import counts
    (root / "b" / "three.py").write_text("import pairpkg.c\n")  # one way only: no pair
    monkeypatch.syspath_prepend(str(tmp_path))
    assert mutual_packages("pairpkg", ("a", "b", "c")) == [("a", "b")]


def test_no_two_core_packages_import_each_other():
    assert mutual_packages() == []
