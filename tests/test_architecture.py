"""The floors of the code are a checked contract, not a drawing.

pyproject.toml's [tool.importlinter] section states them: portal > audit > workplan >
sessions_app | budget | outreach > council > common, common imports no project app, council
none but common, and no package's modules import each other in a circle. `lint-imports` checks
them in CI; this test checks them in `make test` too, so a broken floor fails the suite.

import-linter's contracts see imports between packages and between siblings; the second test
below looks at every single module, so that no cycle hides between a package and one of its
own modules either (sessions_app.models -> sessions_app.services -> sessions_app.models, say).
"""

import tomllib
from pathlib import Path

import grimp
from importlinter.cli import lint_imports

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def import_linter_config() -> dict:
    return tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["importlinter"]


def project_packages() -> list[str]:
    """The project's packages, as the contracts name them (one list to keep up to date)."""
    return import_linter_config()["root_packages"]


def test_every_import_contract_of_pyproject_is_kept(capsys):
    exit_code = lint_imports(config_filename=str(PYPROJECT), no_cache=True, no_logo=True)

    report = capsys.readouterr().out
    assert exit_code == 0, report
    # Every contract was checked, not just read.
    contracts = import_linter_config()["contracts"]
    assert len(contracts) >= 4
    assert f"{len(contracts)} kept, 0 broken" in report


def test_no_module_of_the_project_imports_itself_through_others():
    graph = grimp.build_graph(
        *project_packages(), exclude_type_checking_imports=True, cache_dir=None
    )
    # Migrations import models and helpers, and nothing imports a migration: they cannot
    # close a circle, and they are Django's record, not the code's design.
    for module in [m for m in graph.modules if ".migrations" in m]:
        graph.remove_module(module)
    assert len(graph.modules) > 50  # the whole project was read, not an empty graph

    cycles = set()
    for importer in graph.modules:
        for imported in graph.find_modules_directly_imported_by(importer):
            way_back = graph.find_shortest_chain(importer=imported, imported=importer)
            if way_back is not None:
                cycles.add(" -> ".join((importer, *way_back)))

    assert not cycles, "import cycles:\n" + "\n".join(sorted(cycles))


def test_no_file_of_the_repository_points_outside_it():
    """A fresh clone is all a newcomer has: no code, test, doc or script may refer to files
    beside the repository (the product team's shared folder, a developer's own paths)."""
    import subprocess

    root = PYPROJECT.parent
    tracked = subprocess.run(
        ["git", "ls-files", "-z"], cwd=root, capture_output=True, check=True
    ).stdout.split(b"\0")
    outside = ("../" + "shared", "/" + "work/")  # spelled apart so this file passes itself
    offenders = []
    for name in filter(None, tracked):
        path = root / name.decode()
        if path.suffix not in {".py", ".md", ".html", ".toml", ".sh", ".cfg", ".yaml", ""}:
            continue
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="ignore")
        offenders += [f"{name.decode()}: {word}" for word in outside if word in text]
    assert offenders == []
