"""Command line: `python build.py [opties]`. Exit 0 on success, 1 on user errors, 2 on wrong usage."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from pathlib import Path

from .errors import ConfigError, MeldcodeError, UsageError
from .overview import overdue
from .pipeline import MANIFEST, Options, Paths, build
from .resources import DOCS, TEMPLATES
from .schema import SECTORS
from .site import ENGINES


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # wrong usage: exit 2, in Dutch
        self.print_usage(sys.stderr)
        sys.stderr.write(f"fout in de opdracht: {message}\n")
        sys.exit(2)


def _shard(value: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d+)/(\d+)", value)
    if not match or int(match.group(2)) == 0 or int(match.group(1)) >= int(match.group(2)):
        raise argparse.ArgumentTypeError("gebruik K/N met 0 <= K < N, bijvoorbeeld 0/4")
    return int(match.group(1)), int(match.group(2))


def _jobs(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError("geef een positief aantal processen")
    return int(value)


def parser(root: Path, prog: str = "build.py") -> argparse.ArgumentParser:
    p = _Parser(prog=prog, description="Bouw de meldcode (website, handboek, poster) van elke school.")
    p.add_argument(
        "--schools",
        type=Path,
        default=root / "schools",
        help="map met _stichting.yaml en de schoolbestanden (standaard: schools/)",
    )
    p.add_argument("--out", type=_out_folder, default=root / "site", help="uitvoermap (standaard: site/)")
    p.add_argument(
        "--intern",
        type=_out_folder,
        help="map voor het overzicht en de aandachtspunten van het bestuur, niet om te publiceren"
        " (standaard: intern/ naast de uitvoermap)",
    )
    p.add_argument("--school", action="append", metavar="SLUG", help="bouw alleen deze school (mag vaker)")
    p.add_argument("--check", action="store_true", help="alleen controleren, niets schrijven")
    p.add_argument(
        "--strict",
        action="store_true",
        help="aandachtspunten tellen als fout: dan wordt er niets gebouwd (exit 1)",
    )
    p.add_argument(
        "--keep-going", action="store_true", help="bouw de geldige scholen ook als andere fouten hebben (exit 1)"
    )
    p.add_argument("--force", action="store_true", help="bouw alles opnieuw, ook wat niet veranderd is")
    p.add_argument("-j", "--jobs", type=_jobs, default=None, help="aantal processen (standaard: alle kernen)")
    p.add_argument("--shard", type=_shard, default=None, metavar="K/N", help="bouw elke N-de school, te beginnen bij K")
    p.add_argument("--poster", choices=["A4", "A3"], default="A4", help="papierformaat van de poster")
    p.add_argument(
        "--engine",
        choices=ENGINES,
        default=ENGINES[0],
        help="bouw de websites met MkDocs (standaard) of met Zensical, de opvolger",
    )
    p.add_argument(
        "--vaststellen",
        metavar="SLUG",
        help="leg de vastgestelde versie van deze school vast in vastgesteld/ (tekst en PDF), na de vaststelling",
    )
    p.add_argument("--serve", metavar="SLUG", help="live voorbeeld van één school, bijgewerkt bij elke wijziging")
    p.add_argument("--port", type=_port, default=8000, help="poort voor --serve (standaard 8000)")
    p.add_argument("-q", "--quiet", action="store_true", help="geen voortgangsbalk")
    new = p.add_argument_group("een nieuwe school of stichting")
    new.add_argument("--nieuwe-school", metavar="SLUG", help="maak schools/SLUG.yaml voor een nieuwe school")
    new.add_argument(
        "--nieuwe-stichting",
        type=Path,
        metavar="MAP",
        help="begin in MAP een eigen repository van de stichting: het stichtingsbestand, schools/, CI en editor",
    )
    new.add_argument("--naam", help='naam van de nieuwe school of stichting, bijvoorbeeld "OBS De Linde"')
    new.add_argument("--sector", choices=list(SECTORS), help="sector van de nieuwe school")
    p.add_argument(
        "--samenvoegen",
        nargs="+",
        type=Path,
        metavar="MAP",
        help="voeg de uitvoer van builds met --shard samen in --out, met één overzicht",
    )
    p.add_argument(
        "--schrijf-schema",
        action="store_true",
        help="schrijf de JSON Schema's voor editors naar schema/ naast de map met scholen",
    )
    return p


def _port(value: str) -> int:
    """--port as a number from 1 to 65535, with a Dutch message otherwise."""
    if not value.strip().isdigit() or not 1 <= int(value) <= 65535:
        raise argparse.ArgumentTypeError(f"'{value}' is geen poortnummer; kies een getal van 1 tot en met 65535")
    return int(value)


def _out_folder(value: str) -> Path:
    """--out as a path; an empty value (an unset variable in a script) is refused, not taken as the cwd."""
    if not value.strip():
        raise argparse.ArgumentTypeError("--out is leeg; geef een map voor de uitvoer, zoals --out site")
    return Path(value)


def run() -> None:
    """The `meldcode` command of an installed package: schools/ and site/ in the current folder."""
    sys.exit(main(root=Path.cwd(), prog="meldcode"))


def main(argv: list[str] | None = None, root: Path | None = None, prog: str = "build.py") -> int:
    root = root or Path(__file__).resolve().parent.parent
    p = parser(root, prog)
    args = p.parse_args(argv)
    paths = Paths.project(args.schools, args.out, args.intern)
    if args.schrijf_schema:
        from .json_schema import write

        for path in write(args.schools.resolve().parent / "schema", TEMPLATES, DOCS):
            print(f"Geschreven: {path}")
        return 0
    if args.samenvoegen:
        return _merge(args, paths)
    if args.nieuwe_stichting:
        return _new_board(p, args)
    if args.nieuwe_school:
        return _new_school(p, args)
    if args.vaststellen:
        return _adopt(args.vaststellen, paths)
    if args.serve:
        from .serve import serve

        return serve(paths, args.serve, args.port, args.poster, args.engine)
    options = Options(
        only=args.school,
        check=args.check,
        keep_going=args.keep_going,
        force=args.force,
        jobs=args.jobs,
        shard=args.shard,
        poster=args.poster,
        engine=args.engine,
        progress=not args.quiet,
        strict=args.strict,
    )
    try:
        result = build(paths, options)
    except ConfigError as exc:
        _report_problems(exc.problems, exc.aandachtspunten, exc.strict)
        return 1
    except UsageError as exc:
        sys.stderr.write(f"{exc}\nEr is niets gebouwd of gewijzigd.\n")
        return 1
    except MeldcodeError as exc:
        sys.stderr.write(f"De bouw is mislukt; {paths.out.name}/ is niet gewijzigd.\n{exc}\n")
        return 1
    except KeyboardInterrupt:
        sys.stderr.write(f"Afgebroken; {paths.out.name}/ is niet gewijzigd.\n")
        return 130
    except OSError as exc:  # e.g. no permission to write next to the output folder
        sys.stderr.write(
            f"Kan niet lezen of schrijven: {exc.filename or ''} ({exc.strerror or exc}); "
            f"{paths.out.name}/ is niet gewijzigd.\n"
        )
        return 1
    return _report(result, args, paths)


def _report(result, args: argparse.Namespace, paths: Paths) -> int:
    """Say what the build or check found and did; return the exit status."""
    if result.problems:
        _report_problems(result.problems, result.aandachtspunten)
    else:
        _report_aandachtspunten(result.aandachtspunten)
    for slug, reasons in sorted(result.concepts.items()):
        print(f"Concept, nog niet vastgesteld: {slug} ({'; '.join(reasons)})")
    if args.check:
        n = sum(1 for a in result.aandachtspunten if a.open)
        points = f", {n} {'aandachtspunt' if n == 1 else 'aandachtspunten'}" if n else ""
        schools = f"{result.checked} {'school' if result.checked == 1 else 'scholen'}"
        print(f"In orde: {schools} gecontroleerd, geen fouten{points}.")
        return 1 if result.problems else 0
    _summary(result, paths)
    return 1 if (result.problems or result.failed) else 0


def _merge(args: argparse.Namespace, paths: Paths) -> int:
    from .pipeline import merge

    try:
        slugs = merge([part.resolve() for part in args.samenvoegen], paths.out, paths)
    except MeldcodeError as exc:
        sys.stderr.write(f"{exc}\n{paths.out.name}/ is niet gewijzigd.\n")
        return 1
    print(f"Samengevoegd: {len(slugs)} scholen uit {len(args.samenvoegen)} delen in {paths.out}")
    return 0


def _adopt(slug: str, paths: Paths) -> int:
    from .adopt import NotAdoptable, adopt

    try:
        recorded = adopt(paths, slug)
    except ConfigError as exc:
        _report_problems(exc.problems, exc.aandachtspunten, exc.strict)
        return 1
    except NotAdoptable as exc:
        _report_aandachtspunten(exc.aandachtspunten)
        sys.stderr.write(f"{exc}\nEr is niets vastgelegd.\n")
        return 1
    except MeldcodeError as exc:
        sys.stderr.write(f"{exc}\nEr is niets vastgelegd.\n")
        return 1
    here = Path.cwd().resolve()
    shown = str(recorded.folder.relative_to(here) if recorded.folder.is_relative_to(here) else recorded.folder)
    if not recorded.new:
        print(f"Deze versie staat al in {shown}, met dezelfde tekst; er is niets veranderd.")
        return 0
    print(
        f"Vastgelegd in {shown}: de tekst (tekst.md), het handboek (PDF) en de vaststelling (vaststelling.yaml).\n"
        f"Zet deze map in de repository van de stichting, bijvoorbeeld: git add {shown}\n"
        "Elke volgende bouw biedt deze versie aan en laat zien wat er sindsdien is veranderd."
    )
    return 0


def _new_school(p: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    from .scaffold import MARK, new_school

    if not args.naam or not args.sector:
        p.error("--nieuwe-school heeft ook --naam en --sector nodig")
    try:
        path = new_school(
            args.schools.resolve(), TEMPLATES, DOCS, args.nieuwe_school, args.naam, args.sector, _check_command(p)
        )
    except ConfigError as exc:
        count = len(exc.problems)
        sys.stderr.write("\n".join(str(problem) for problem in exc.problems) + "\n")
        sys.stderr.write(f"{count} {'fout' if count == 1 else 'fouten'} gevonden; er is niets geschreven.\n")
        return 1
    except MeldcodeError as exc:
        sys.stderr.write(f"{exc}\n")
        return 1
    to_fill = sum(
        1 for line in path.read_text(encoding="utf-8").splitlines() if f"# {MARK}" in line and line.strip()[0] != "#"
    )
    print(f"Geschreven: {path}\nVul de {to_fill} velden met '# {MARK}' in en controleer met: {_check_command(p)}")
    return 0


def _new_board(p: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    from .board import new_board

    if not args.naam:
        p.error("--nieuwe-stichting heeft ook --naam nodig")
    try:
        written = new_board(args.nieuwe_stichting.resolve(), args.naam, TEMPLATES, DOCS)
    except MeldcodeError as exc:
        sys.stderr.write(f"{exc}\n")
        return 1
    folder = args.nieuwe_stichting
    print(
        f"Geschreven: {len(written)} bestanden in {folder}/.\n"
        "Ga naar die map, vul schools/_stichting.yaml in en maak een school met:\n"
        '  meldcode --nieuwe-school SLUG --naam "..." --sector ...\n'
        "Controleer daarna met: meldcode --check"
    )
    return 0


def _check_command(p: argparse.ArgumentParser) -> str:
    """The check that works where the user is: the installed command, or make in the tool's own folder."""
    return "meldcode --check" if p.prog == "meldcode" else "make check"


def _report_problems(problems, aandachtspunten=(), strict: bool = False) -> None:
    """Print the errors, then the aandachtspunten per school, then what it means for the build."""
    count = len(problems)
    if problems:
        sys.stderr.write("\n".join(str(p) for p in problems) + "\n")
    _report_aandachtspunten(aandachtspunten)
    if problems:
        sys.stderr.write(f"{count} {'fout' if count == 1 else 'fouten'} gevonden; er is niets gebouwd of gewijzigd.\n")
    if strict:
        n = sum(1 for a in aandachtspunten if a.open)
        sys.stderr.write(
            f"--strict: {n} {'aandachtspunt telt' if n == 1 else 'aandachtspunten tellen'} als fout;"
            " er is niets gebouwd of gewijzigd. Los ze op of accepteer ze met een reden (docs/configuratie.md).\n"
        )


def _report_aandachtspunten(aandachtspunten) -> None:
    """Print the aandachtspunten grouped per school, one Dutch line each.

    A point that every school has in the same words (one in _stichting.yaml, say)
    is printed once, for all schools, instead of once per school.
    """
    if not aandachtspunten:
        return
    schools = {p.school for p in aandachtspunten}
    having: dict[tuple, set[str]] = {}
    for p in aandachtspunten:
        having.setdefault(_shared_key(p), set()).add(p.school)
    shared = {key for key, found in having.items() if len(schools) > 1 and found == schools}
    groups: dict[str, list] = {}
    for p in aandachtspunten:
        if _shared_key(p) not in shared:
            groups.setdefault(f"{p.school}", []).append(p)
    common = list({_shared_key(p): p for p in aandachtspunten if _shared_key(p) in shared}.values())
    lines = []
    if common:
        n = sum(1 for p in common if p.open)
        lines.append(f"Aandachtspunten voor alle {len(schools)} scholen ({n} open):")
        lines += [f"  {p}" for p in common]
    for slug, points in sorted(groups.items()):
        n = sum(1 for p in points if p.open)
        lines.append(f"Aandachtspunten voor {slug} ({n} open):")
        lines += [f"  {p}" for p in points]
    sys.stderr.write("\n".join(lines) + "\n")


def _shared_key(point) -> tuple:
    return (point.code, point.file, point.line, point.field, point.message, point.geaccepteerd)


def _summary(result, paths: Paths) -> None:
    if not result.built and not result.published:
        print(f"Niets te doen: alle {len(result.unchanged)} scholen zijn al actueel ({result.seconds:.1f} s).")
        return
    for b in result.built:
        print(f"  {b.slug}: {b.pages} pagina's handboek, {b.site_bytes // 1024} kB website, {b.seconds:.1f} s")
    parts = [f"{len(result.built)} gebouwd", f"{len(result.unchanged)} ongewijzigd"]
    if result.failed:
        parts.append(f"{len(result.failed)} mislukt ({', '.join(result.failed)})")
    print(f"Klaar in {result.seconds:.1f} s: {', '.join(parts)}. Uitvoer: {paths.out}")
    # The overview marks overdue evaluations in the browser; say it here too.
    manifest = json.loads((paths.out / MANIFEST).read_text(encoding="utf-8"))
    today = dt.date.today()
    late = [e["row"]["naam"] for e in manifest["schools"].values() if overdue(e["row"], today)]
    if late:
        print("Let op, evaluatiedatum voorbij: " + ", ".join(sorted(late)))
