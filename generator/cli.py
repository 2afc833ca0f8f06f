"""The `kunskapsbank` command: check, new, build, serve. Messages to editors are in Swedish."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from . import corpus as corpus_module
from . import new_files
from .content import GUIDE, PROJECT, SECTIONS
from .diagnostics import relative_to_cwd, summary, to_json
from .swedish import file_slug
from .validation import GUIDE_STATUSES, PROJECT_STATUSES
from .vocabulary import load as load_vocabulary

DEFAULT_ROOT = Path("content")


class UsageError(Exception):
    """A mistake in how the command was called; the message is for the user."""


def find_root(path: Path) -> Path:
    """The content root (the folder holding projects/ and guides/) for a file or folder."""
    path = path.resolve()
    candidates = [path] if path.is_dir() else []
    candidates += list(path.parents)
    for candidate in candidates:
        if candidate.name in SECTIONS.values():
            return candidate.parent
        if any((candidate / section).is_dir() for section in SECTIONS.values()):
            return candidate
    raise UsageError(f"hittar varken projects/ eller guides/ vid {path}. Ange mappen content/ eller en fil i den")


def _under(path: Path, targets: list[Path]) -> bool:
    resolved = path.resolve()
    return any(resolved == t or t in resolved.parents for t in targets)


def cmd_check(args: argparse.Namespace) -> int:
    paths = [Path(p) for p in args.paths] or [DEFAULT_ROOT]
    for path in paths:
        if not path.exists():
            raise UsageError(f"{path} finns inte")
    roots = {find_root(p) for p in paths}
    vocab = load_vocabulary(Path(args.vocabulary) if args.vocabulary else None)
    targets = [p.resolve() for p in paths]
    diagnostics, files = [], []
    for root in sorted(roots):
        result = corpus_module.load(root, vocab)
        files += [f for f in result.files if _under(f, targets)]
        diagnostics += [d for d in result.diagnostics if _under(Path(d.path), targets)]
    diagnostics = [relative_to_cwd(d) for d in diagnostics]
    if args.format == "json":
        print(to_json(diagnostics, len(files)))
    else:
        for d in diagnostics:
            print(d.format())
        print(summary(diagnostics, len(files)))
    failed = any(d.is_error for d in diagnostics) or (args.strict and diagnostics)
    return 1 if failed else 0


def cmd_new(args: argparse.Namespace) -> int:
    kind = {"project": PROJECT, "projekt": PROJECT, "guide": GUIDE, "vagledning": GUIDE, "vägledning": GUIDE}[args.kind]
    slug = file_slug(args.title)
    if len(args.title.strip()) < 3 or not slug:
        raise UsageError("titeln måste ha minst tre tecken och minst en bokstav eller siffra")
    root = Path(args.content)
    target = root / SECTIONS[kind] / f"{slug}.md"
    if target.exists():
        print(f"fel: {target} finns redan. Välj en annan titel eller redigera den befintliga filen", file=sys.stderr)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    write, statuses = ((new_files.project, PROJECT_STATUSES) if kind == PROJECT
                       else (new_files.guide, GUIDE_STATUSES))
    with open(target, "x", encoding="utf-8", newline="\n") as handle:
        handle.write(write(args.title.strip(), slug, dt.date.today().year, load_vocabulary(), statuses))
    print(f"Skapade {target}. Fyll i varje '{new_files.PLACEHOLDER}' och kontrollera med: kunskapsbank check {target}")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from .build import build_site

    return build_site(Path(args.config), Path(args.site_dir) if args.site_dir else None)


def cmd_serve(args: argparse.Namespace) -> int:
    from .serve import serve_site

    return serve_site(Path(args.config), args.dev_addr)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="kunskapsbank", description="Kunskapsbanken: kontrollera, skapa och bygg innehållet.")
    sub = top.add_subparsers(dest="command", required=True, metavar="kommando")

    check = sub.add_parser("check", help="kontrollera projekt och vägledningar", description=(
        "Kontrollerar front matter och text i projekt och vägledningar. Skriver varje fel och varning som "
        "sökväg:rad: fel|varning: text och en sammanfattning. Avslutar med status 1 vid fel."))
    check.add_argument("paths", nargs="*", metavar="SÖKVÄG", help="filer eller mappar (standard: content)")
    check.add_argument("--strict", action="store_true", help="varningar räknas också som fel")
    check.add_argument("--format", choices=("text", "json"), default="text", help="utdata som text eller JSON")
    check.add_argument("--vocabulary", metavar="FIL", help="annan ordlista än den inbyggda vocabulary.yml")
    check.set_defaults(func=cmd_check)

    new = sub.add_parser("new", help="skapa ett nytt projekt eller en ny vägledning från mallen")
    new.add_argument("kind", choices=("project", "guide", "projekt", "vagledning", "vägledning"), metavar="project|guide")
    new.add_argument("title", metavar="TITEL")
    new.add_argument("--content", default=str(DEFAULT_ROOT), metavar="MAPP", help="innehållsmappen (standard: content)")
    new.set_defaults(func=cmd_new)

    build = sub.add_parser("build", help="kontrollera och bygg webbplatsen till site/")
    build.add_argument("-f", "--config", default="mkdocs.yml", metavar="FIL")
    build.add_argument("-d", "--site-dir", metavar="MAPP", help="målmapp (standard: site_dir i mkdocs.yml)")
    build.set_defaults(func=cmd_build)

    serve = sub.add_parser("serve", help="förhandsgranska webbplatsen lokalt medan du redigerar")
    serve.add_argument("-f", "--config", default="mkdocs.yml", metavar="FIL")
    serve.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", metavar="IP:PORT")
    serve.set_defaults(func=cmd_serve)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except UsageError as exc:
        print(f"fel: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
