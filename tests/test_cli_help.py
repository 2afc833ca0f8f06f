"""The command line as editors meet it: Swedish help with examples, --version, Swedish usage errors."""

from __future__ import annotations

import re
from importlib.metadata import version

import pytest

from generator.cli import main, parser

# argparse's own English, which must never reach an editor.
ENGLISH = ("usage:", "positional arguments", "options:", "optional arguments", "show this help",
           "error:", "invalid choice", "required:", "unrecognized", "expected one argument",
           "show program's version")
COMMANDS = sorted(parser()._subparsers._group_actions[0].choices)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        status = main(list(argv))
    except SystemExit as exc:  # argparse exits for --help, --version and usage errors
        status = exc.code
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def assert_swedish(text: str) -> None:
    found = [word for word in ENGLISH if word in text.lower()]
    assert found == [], text


def test_top_level_help_is_swedish_and_lists_every_command(capsys):
    status, out, _err = run(capsys, "--help")
    assert status == 0
    assert out.startswith("användning: kunskapsbank")
    assert_swedish(out)
    for command in COMMANDS:
        assert re.search(rf"^\s+{command}\s+\S", out, re.M), f"{command} saknas i hjälpen:\n{out}"
    assert "exempel:" in out


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_swedish_help_with_examples(capsys, command):
    status, out, _err = run(capsys, command, "--help")
    assert status == 0
    assert out.startswith(f"användning: kunskapsbank {command}")
    assert_swedish(out)
    examples = out.split("exempel:", 1)[1] if "exempel:" in out else ""
    assert re.search(rf"^\s+kunskapsbank {command}\b", examples, re.M), out
    assert "visa den här hjälpen och avsluta" in out


def test_version(capsys):
    status, out, _err = run(capsys, "--version")
    assert (status, out.strip()) == (0, f"kunskapsbank {version('kunskapsbank')}")


@pytest.mark.parametrize("argv,expected", [
    (["chek"], "Menade du check?"),
    (["biuld"], "Menade du build?"),
    (["check", "--strikt"], "Menade du --strict?"),
    (["check", "--format", "githbu"], "Menade du github?"),
    (["new", "projekt"], "det här saknas: TITEL"),
    (["build", "-d"], "-d/--site-dir behöver ett värde"),
    ([], "det här saknas: kommando"),
])
def test_usage_errors_are_swedish_with_the_nearest_valid_word(capsys, argv, expected):
    status, out, err = run(capsys, *argv)
    assert status == 2
    assert out == ""
    assert expected in err
    assert "kunskapsbank" in err and "fel:" in err
    assert_swedish(err.replace("fel:", ""))


def test_the_command_new_prints_runs_as_printed(tmp_path):
    """An editor who ran .venv/bin/kunskapsbank has no 'kunskapsbank' on the PATH: the hint says the path."""
    import shlex
    import subprocess
    import sys
    from pathlib import Path

    executable = Path(sys.executable).with_name("kunskapsbank")
    env = {"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"}
    made = subprocess.run([str(executable), "new", "project", "Mina båda världar"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=60)
    assert made.returncode == 0, made.stderr
    hint = made.stdout.split("kontrollera med: ", 1)[1].strip()
    assert hint.split()[0] != "kunskapsbank"
    checked = subprocess.run(shlex.split(hint), cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert checked.returncode == 1  # it ran: the new file still has its placeholders
    assert "platshållaren 'FYLL I'" in checked.stdout
