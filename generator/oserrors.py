"""The operating system's refusals (a full disk, no access, a name too long) in plain Swedish."""

from __future__ import annotations

import errno
from pathlib import Path

_GIVE_ACCESS = "Be om skrivrätt till mappen eller välj en annan mapp"

# errno → (what happened, what to do); the English strerror means nothing to an editor.
_REASONS = {
    errno.ENOSPC: ("disken är full", "Frigör utrymme på disken och försök igen"),
    errno.EDQUOT: ("din diskkvot är slut", "Frigör utrymme eller be om en större kvot och försök igen"),
    errno.EACCES: ("åtkomst nekas", _GIVE_ACCESS),
    errno.EPERM: ("åtgärden är inte tillåten", _GIVE_ACCESS),
    errno.EROFS: ("disken är skrivskyddad", "Välj en mapp på en disk som går att skriva på"),
    errno.ENAMETOOLONG: ("namnet är för långt för filsystemet", "Välj ett kortare namn"),
    errno.ENOTDIR: ("en del av sökvägen är en fil, inte en mapp", "Välj en sökväg som bara går genom mappar"),
    errno.EEXIST: ("en del av sökvägen är en fil, inte en mapp", "Välj en sökväg som bara går genom mappar"),
    errno.ENOENT: ("mappen finns inte", "Skapa mappen först eller välj en som finns"),
    errno.EISDIR: ("det finns redan en mapp med det namnet", "Ange ett filnamn, inte en mapp"),
}


def describe(exc: OSError, where: Path | str) -> str:
    """'kunde inte skriva i /srv/site: disken är full. Frigör utrymme på disken och försök igen'."""
    reason, fix = _REASONS.get(exc.errno, (f"systemet nekade (felkod {exc.errno})", "Kontrollera mappen och försök igen"))
    return f"kunde inte skriva i {where}: {reason}. {fix}"


def write_failure(exc: BaseException | None) -> OSError | None:
    """The failed write behind an exception, if any: MkDocs and the plugin wrap the OSError a write
    raised. Only the refusals above count, so a network error behind a missing Pagefind stays what it is."""
    return cause_of(exc, lambda e: isinstance(e, OSError) and e.errno in _WRITE_REFUSALS)


# ENOENT and EISDIR name a wrong path the user gave, not a refusal of the write itself.
_WRITE_REFUSALS = set(_REASONS) - {errno.ENOENT, errno.EISDIR}


def cause_of(exc: BaseException | None, wanted) -> BaseException | None:
    """The first exception in exc's chain (its cause, or the one it was raised during) that is wanted:
    MkDocs and the plugin re-raise what went wrong as their own errors."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        if wanted(exc):
            return exc
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return None
