"""The command-line group: lazy commands, the error boundary and atomic output."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner
from conftest import heavy_imports

from gluteus.cli import GluteusGroup, cli
from gluteus.engine.errors import Infeasible, ProfileError


def test_help_lists_every_builtin_command():
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    for name in ("generate", "check", "screen", "plugins", "exercises", "init"):
        assert name in result.output


@pytest.mark.parametrize("name", ["generate", "check", "screen", "plugins", "exercises", "init"])
def test_every_command_has_help(name):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("error", "code"),
    [(ProfileError("bad", path="age"), 2), (Infeasible(["too little time"], ["more minutes"]), 4)],
)
def test_errors_map_to_exit_codes_with_one_message(error, code):
    @click.group(cls=GluteusGroup)
    def group():
        pass

    @group.command()
    def boom():
        raise error

    result = CliRunner().invoke(group, ["boom"])
    assert result.exit_code == code
    assert "Traceback" not in result.output
    assert str(error).splitlines()[0] in result.stderr


def test_help_and_browsing_never_import_the_solver_or_the_planner():
    """The solver (≈0.3 s to import) loads only when a program is planned."""
    codes, heavy = heavy_imports(["--help"], ["generate", "--help"], ["exercises"])
    assert codes == [0, 0, 0]
    assert heavy == []
