"""Person-name matching across case, accents, hyphens, spacing and given/family order."""

from __future__ import annotations

import re
import unicodedata


def tokens(name: str) -> list[str]:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return [t for t in re.split(r"[^a-z0-9]+", plain) if t]


def name_keys(name: str) -> set[str]:
    """Keys under which two spellings of one name meet: sorted tokens, and the letters in either order."""
    parts = tokens(name)
    if not parts:
        return set()
    return {" ".join(sorted(parts)), "".join(parts), "".join(reversed(parts))}


class PersonIndex:
    """Gold people: each canonical person with its aliases and real-world name, looked up by any spelling."""

    def __init__(self) -> None:
        self._parent: dict[str, str] = {}
        self._key_owner: dict[str, str] = {}

    def _find(self, person: str) -> str:
        while self._parent.setdefault(person, person) != person:
            person = self._parent[person]
        return person

    def _union(self, a: str, b: str) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            self._parent[max(ra, rb)] = min(ra, rb)

    def add(self, person: str, aliases: list[str] = (), real_world: str | None = None) -> None:
        for name in [person, *([real_world] if real_world else [])]:
            for key in name_keys(name):
                owner = self._key_owner.setdefault(key, person)
                self._union(owner, person)
        for alias in aliases:
            if len(tokens(alias)) > 1 and len(tokens(alias)) <= 4:
                for key in name_keys(alias):
                    self._key_owner.setdefault(key, person)

    def canonical(self, name: str) -> str:
        """The gold person a name refers to, or the name's own sorted-token key if none."""
        for key in sorted(name_keys(name)):
            if key in self._key_owner:
                return self._find(self._key_owner[key])
        return " ".join(sorted(tokens(name)))
