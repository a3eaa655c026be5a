"""Person-name matching across case, accents, hyphens, spacing and given/family order."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Letters that Unicode does not decompose into an ASCII base letter plus accents.
_UNDECOMPOSED = str.maketrans({"đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ß": "ss", "ı": "i"})


def tokens(name: str) -> list[str]:
    plain = unicodedata.normalize("NFKD", name.translate(_UNDECOMPOSED)).encode("ascii", "ignore").decode().lower()
    return [t for t in re.split(r"[^a-z0-9]+", plain) if t]


def name_keys(name: str) -> set[str]:
    """Keys under which two spellings of one name meet: sorted tokens, and the letters in either order."""
    parts = tokens(name)
    if not parts:
        return set()
    return {" ".join(sorted(parts)), "".join(parts), "".join(reversed(parts))}


class PersonIndex:
    """Gold people: each canonical person with its aliases and real-world name, looked up by any spelling.

    A person's own name and real-world name join people into one (a misnamed person and the real one);
    an alias only points to its person, and an alias that two different people share points to no one.
    """

    def __init__(self) -> None:
        self._parent: dict[str, str] = {}
        self._name_owner: dict[str, str] = {}
        self._alias_owners: dict[str, set[str]] = {}

    def _find(self, person: str) -> str:
        while self._parent.setdefault(person, person) != person:
            person = self._parent[person]
        return person

    def _union(self, a: str, b: str) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            self._parent[max(ra, rb)] = min(ra, rb)

    def add(self, person: str, aliases: Iterable[str] = (), real_world: str | None = None) -> None:
        for name in [person, *([real_world] if real_world else [])]:
            for key in name_keys(name):
                self._union(self._name_owner.setdefault(key, person), person)
        for alias in aliases:
            for key in name_keys(alias):
                self._alias_owners.setdefault(key, set()).add(person)

    def canonical(self, name: str) -> str:
        """The gold person a name refers to, or the name's own sorted-token key if none."""
        keys = sorted(name_keys(name))
        for key in keys:
            if key in self._name_owner:
                return self._find(self._name_owner[key])
        for key in keys:
            owners = {self._find(person) for person in self._alias_owners.get(key, ())}
            if len(owners) == 1:
                return owners.pop()
        return " ".join(sorted(tokens(name)))
