"""STYLE.md habit 17: no import cycle dodged by importing inside a function. Every import in
workflow/ (migrations aside) sits at module level."""

import ast
from pathlib import Path

WORKFLOW = Path(__file__).resolve().parents[2] / "workflow"


def _imports_in_functions(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Import | ast.ImportFrom):
                    yield inner


def test_no_import_inside_a_function_or_method():
    found = set()
    for path in sorted(WORKFLOW.rglob("*.py")):
        if "migrations" in path.relative_to(WORKFLOW).parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in _imports_in_functions(tree):
            found.add(f"{path.relative_to(WORKFLOW.parent)}:{node.lineno}")
    assert not found, "import inside a function or method (move it to the module's top): " + (
        ", ".join(sorted(found))
    )


def test_the_check_sees_an_import_in_a_method():
    tree = ast.parse("class A:\n    def f(self):\n        from x import y\n")
    assert [node.lineno for node in _imports_in_functions(tree)] == [3]
