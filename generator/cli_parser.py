"""argparse in Swedish: usage, help and errors, with the nearest valid word for a typo.

argparse writes its own words in English through gettext, and Python ships no Swedish catalogue
for it; a catalogue of our own would only apply under a Swedish locale, which CI and many
editors' machines do not have. So the parser sets its own titles and help texts, and its
errors are matched against argparse's fixed English templates (stable since Python 3.2) and
said again in Swedish.
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys

USAGE_PREFIX = "användning: "

# (argparse's message, the Swedish one); groups are reused by position.
_ERRORS = [
    (r"the following arguments are required: (.+)", "det här saknas: {0}"),
    (r"unrecognized arguments: (.+)", "okänt argument: {0}"),
    (r"argument (.+?): invalid choice: '(.*?)' \(choose from (.+)\)", "'{1}' finns inte. Välj ett av: {2}"),
    (r"argument (.+?): expected one argument", "{0} behöver ett värde efter sig"),
    (r"argument (.+?): expected at most one argument", "{0} tar högst ett värde"),
    (r"argument (.+?): expected at least one argument", "{0} behöver minst ett värde"),
    (r"argument (.+?): invalid (\w+) value: '(.*)'", "'{2}' är inget giltigt värde för {0}"),
    (r"argument (.+?): not allowed with argument (.+)", "{0} kan inte användas tillsammans med {1}"),
    (r"ambiguous option: (\S+) could match (.+)", "{0} kan betyda flera flaggor: {1}. Skriv ut hela namnet"),
    (r"one of the arguments (.+) is required", "ett av de här krävs: {0}"),
]


class SwedishHelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Keeps the examples' line breaks in descriptions and epilogs, and says 'användning'."""

    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, USAGE_PREFIX if prefix is None else prefix)


class SwedishParser(argparse.ArgumentParser):
    """An ArgumentParser whose every word to the user is Swedish; its sub-parsers are too."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", SwedishHelpFormatter)
        add_help = kwargs.pop("add_help", True)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = "argument"
        self._optionals.title = "flaggor"
        if add_help:
            self.add_argument("-h", "--help", action="help", help="visa den här hjälpen och avsluta")
        self._argv: list[str] = []

    def parse_known_args(self, args=None, namespace=None):
        self._argv = list(sys.argv[1:] if args is None else args)
        return super().parse_known_args(args, namespace)

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: fel: {swedish_error(message, self._suggestions(message))}\n")

    def _suggestions(self, message: str) -> list[str]:
        """The words the user may have meant: the commands, or the options of the command given."""
        if "invalid choice" in message:
            return [c for action in self._actions if action.choices for c in action.choices]
        return [o for action in self._command_parser()._actions for o in action.option_strings]

    def _command_parser(self) -> argparse.ArgumentParser:
        for action in self._actions:
            if isinstance(action, argparse._SubParsersAction):
                named = next((a for a in self._argv if a in action.choices), None)
                if named is not None:
                    return action.choices[named]
        return self


def swedish_error(message: str, known: list[str]) -> str:
    for pattern, swedish in _ERRORS:
        match = re.fullmatch(pattern, message)
        if match:
            return swedish.format(*match.groups()) + _did_you_mean(match.groups(), pattern, known)
    return message


def _did_you_mean(groups: tuple[str, ...], pattern: str, known: list[str]) -> str:
    if "invalid choice" in pattern:
        typed = [groups[1]]
    elif "unrecognized" in pattern:
        typed = groups[0].split()
    else:
        return ""
    guesses = [g for word in typed for g in difflib.get_close_matches(word, known, n=1, cutoff=0.5)]
    return f". Menade du {' '.join(guesses)}?" if guesses else ""


def own_command() -> str:
    """The command as the editor can run it here: 'kunskapsbank' when it is on the PATH, else the
    path they started it by (.venv/bin/kunskapsbank), so a printed hint works when pasted."""
    import os
    import shutil
    from pathlib import Path

    started = Path(sys.argv[0])
    if started.stem != "kunskapsbank" or shutil.which("kunskapsbank") is not None:
        return "kunskapsbank"
    try:
        shown = os.path.relpath(started)
    except ValueError:  # another drive on Windows
        shown = str(started)
    return shown if os.sep in shown else f".{os.sep}{shown}"
