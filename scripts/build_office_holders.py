"""Build extraction/reference/office_holders.csv from the raw public datasets and the hand-kept rows.

Sources (see /work/shared/reference_sources/*/README.md):
- CountryInfo.txt 120116: heads of state and government with exact dates (rulers.org, to about 2009) and
  cabinet ministers by title (CIA directory, 2003-2011, month-grained);
- office_holders_manual.csv: what the sources lack (later terms, ministers, acting holders), each row sourced;
- REIGN 2021-03, Archigos 4.1 and EveryPolitician 2021 (Wikidata) corroborate leader terms (their names are
  added to a row's source when a spell matches it); the 2026 snapshot (low trust) is only compared, not used;
- the Phoenix CAMEO actor dictionary adds news-style aliases to name_variants.

Run: .venv/bin/python scripts/build_office_holders.py  (stdlib only; output sorted, so deterministic)
"""

from __future__ import annotations

import calendar
import csv
import json
import re
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = Path("/work/shared/reference_sources")
REFERENCE = ROOT / "extraction" / "reference"
OUTPUT = REFERENCE / "office_holders.csv"
MANUAL = Path(__file__).with_name("office_holders_manual.csv")
SINCE = date(1989, 1, 1)
# The CIA cabinet lists in CountryInfo end in Feb 2011; a term open then ends only at a successor soon after.
CABINET_HORIZON = date(2011, 6, 1)

COLUMNS = [
    "economy",
    "office",
    "person_name",
    "start_date",
    "end_date",
    "office_kind",
    "name_variants",
    "source",
]

SRC_COUNTRYINFO_LEADERS = "CountryInfo.txt 120116 (rulers.org leader lists)"
SRC_COUNTRYINFO_CABINET = "CountryInfo.txt 120116 (CIA Chiefs of State and Cabinet Members, month-grained)"
SRC_REIGN = "REIGN leader list 2021-03"
SRC_ARCHIGOS = "Archigos 4.1"
SRC_EVERYPOLITICIAN = "EveryPolitician world-leaders-2021 (Wikidata)"

# CountryInfo <CountryCode> -> canonical economy (apec_economies.csv names).
COUNTRYINFO_ECONOMIES = {
    "AUS": "Australia",
    "BRN": "Brunei",
    "CAN": "Canada",
    "CHL": "Chile",
    "CHN": "China",
    "HKG": "Hong Kong, China",
    "IDN": "Indonesia",
    "JPN": "Japan",
    "KOR": "South Korea",
    "MYS": "Malaysia",
    "MEX": "Mexico",
    "NZL": "New Zealand",
    "PNG": "Papua New Guinea",
    "PER": "Peru",
    "PHL": "Philippines",
    "RUS": "Russia",
    "SGP": "Singapore",
    "TWN": "Chinese Taipei",
    "THA": "Thailand",
    "USA": "United States",
    "VNM": "Vietnam",
    "PRK": "North Korea",
    "IND": "India",
    "GBR": "United Kingdom",
    "FRA": "France",
    "DEU": "Germany",
    "UKR": "Ukraine",
}

# (CountryInfo code, <Leaders> sub-block title, lower-cased) -> (office, office_kind). Other blocks are skipped
# (governors-general, realm monarchs, pre-1989 offices); some of those are in the manual file instead.
LEADER_BLOCKS = {
    ("AUS", "prime ministers"): ("Prime Minister", "head_of_government"),
    ("CAN", "prime ministers"): ("Prime Minister", "head_of_government"),
    ("CHL", "presidents"): ("President", "head_of_state"),
    ("CHN", "presidents"): ("President", "head_of_state"),
    ("CHN", "premiers"): ("Premier", "head_of_government"),
    ("CHN", "general secretaries"): ("General Secretary", "leader_other"),
    ("HKG", "chief executives"): ("Chief Executive", "head_of_government"),
    ("IDN", "presidents"): ("President", "head_of_state"),
    ("JPN", "prime ministers"): ("Prime Minister", "head_of_government"),
    ("KOR", "presidents"): ("President", "head_of_state"),
    ("KOR", "prime ministers"): ("Prime Minister", "other"),
    ("MYS", "prime ministers"): ("Prime Minister", "head_of_government"),
    ("MEX", "presidents"): ("President", "head_of_state"),
    ("NZL", "prime ministers"): ("Prime Minister", "head_of_government"),
    ("PNG", "prime ministers"): ("Prime Minister", "head_of_government"),
    ("PER", "presidents"): ("President", "head_of_state"),
    ("PER", "prime ministers (presidents_of_the_council_of_ministers"): ("Prime Minister", "other"),
    ("PHL", "presidents"): ("President", "head_of_state"),
    ("RUS", "presidents"): ("President", "head_of_state"),
    ("RUS", "prime ministers"): ("Prime Minister", "head_of_government"),
    ("SGP", "presidents"): ("President", "head_of_state"),
    ("SGP", "prime ministers"): ("Prime Minister", "head_of_government"),
    ("TWN", "presidents"): ("President", "head_of_state"),
    ("TWN", "presidents of the executive yuan (premiers"): ("Premier", "head_of_government"),
    ("THA", "prime ministers"): ("Prime Minister", "head_of_government"),
    ("USA", "presidents"): ("President", "head_of_state"),
    ("USA", "vice-presidents"): ("Vice President", "vice_president"),
    ("VNM", "presidents"): ("President", "head_of_state"),
    ("VNM", "prime ministers"): ("Prime Minister", "head_of_government"),
    ("VNM", "general secretaries of the communist party"): ("General Secretary", "leader_other"),
    ("IND", "presidents"): ("President", "head_of_state"),
    ("IND", "prime ministers"): ("Prime Minister", "head_of_government"),
    ("GBR", "prime ministers"): ("Prime Minister", "head_of_government"),
    ("FRA", "presidents"): ("President", "head_of_state"),
    ("FRA", "prime ministers"): ("Prime Minister", "head_of_government"),
    ("DEU", "presidents"): ("President", "head_of_state"),
    ("DEU", "chancellors"): ("Chancellor", "head_of_government"),
    ("UKR", "presidents"): ("President", "head_of_state"),
    ("UKR", "prime ministers"): ("Prime Minister", "head_of_government"),
}

# Source terms that are acting or disputed: relabelled (office) or dropped (None). Key: economy, office, name.
RELABEL = {
    ("South Korea", "President", "Goh Kun"): "Acting President",
    ("Japan", "Prime Minister", "Mikio Aoki"): "Acting Prime Minister",
    ("Thailand", "Prime Minister", "Chidchai Vanasatidya"): "Acting Prime Minister",
    ("Thailand", "Prime Minister", "Sonthi Boonyaratglin"): None,  # junta head, not PM
    ("Thailand", "Prime Minister", "Sunthorn Kongsompong"): None,  # junta head, not PM
    ("Thailand", "Prime Minister", "Meechai Ruchuphan"): "Acting Prime Minister",
    ("Russia", "President", "Aleksandr Rutskoy"): None,  # disputed 1993 claim
    ("Russia", "Prime Minister", "Viktor Khristenko"): "Acting Prime Minister",
    ("Hong Kong, China", "Chief Executive", "Henry Tang"): "Acting Chief Executive",
    ("Ukraine", "Prime Minister", "Mykola Azarov"): "Acting Prime Minister",
    ("Ukraine", "Prime Minister", "Vasyl Durdynets"): "Acting Prime Minister",
    ("Peru", "Prime Minister", "Javier Valle Riestra"): "Prime Minister",
}

# Source spellings (upper case, underscores as spaces, honorifics removed) -> common English name.
CANONICAL = {
    "GEORGE BUSH": "George H. W. Bush",
    "RICHARD CHENEY": "Dick Cheney",
    "B.J. HABIBIE": "B. J. Habibie",
    "GLORIA MACAPAGAL-ARROYO": "Gloria Macapagal Arroyo",
    "FIDEL V. RAMOS": "Fidel V. Ramos",
    "CARLOS SALINAS DE GORTARI": "Carlos Salinas de Gortari",
    "ERNESTO ZEDILLO": "Ernesto Zedillo",
    "VICENTE FOX QUESADA": "Vicente Fox",
    "FELIPE CALDERON": "Felipe Calderón",
    "PATRICIO AYLWIN AZOCAR": "Patricio Aylwin",
    "EDUARDO FREI RUIZ-TAGLE": "Eduardo Frei Ruiz-Tagle",
    "RICARDO LAGOS ESCOBAR": "Ricardo Lagos",
    "AUGUSTO PINOCHET UGARTE": "Augusto Pinochet",
    "ALAN GARCIA": "Alan García",
    "VALENTIN PANIAGUA": "Valentín Paniagua",
    "JAVIER PEREZ DE CUELLAR": "Javier Pérez de Cuéllar",
    "ROBERTO DANINO": "Roberto Dañino",
    "EFRAIN GOLDENBERG SCHREIBER": "Efraín Goldenberg",
    "DANTE CORDOVA BLANCO": "Dante Córdova",
    "OSCAR DE LA PUENTE RAYGADA": "Oscar de la Puente",
    "ALFONSO BUSTAMANTE Y BUSTAMANTE": "Alfonso Bustamante",
    "CARLOS TORRES Y TORRES LARA": "Carlos Torres y Torres Lara",
    "JUAN CARLOS HURTADO MILLER": "Juan Carlos Hurtado Miller",
    "GUILLERMO LARCO COX": "Guillermo Larco Cox",
    "ALBERTO BUSTAMANTE BELAUNDE": "Alberto Bustamante Belaunde",
    "FEDERICO SALAS GUEVARA": "Federico Salas",
    "CARLOS FERRERO COSTA": "Carlos Ferrero",
    "MAHATHIR BIN MOHAMAD": "Mahathir Mohamad",
    "ABDULLAH AHMAD BADAWI": "Abdullah Ahmad Badawi",
    "HASSANAL BOLKIAH MU'IZZADIN WADDAULAH": "Hassanal Bolkiah",
    "MEKERE MORAUTA": "Mekere Morauta",
    "JULIUS CHAN": "Julius Chan",
    "JOSE SARNEY": "José Sarney",
    "FRANCOIS MITTERRAND": "François Mitterrand",
    "PIERRE BEREGOVOY": "Pierre Bérégovoy",
    "EDOUARD BALLADUR": "Édouard Balladur",
    "ALAIN JUPPE": "Alain Juppé",
    "EDITH CRESSON": "Édith Cresson",
    "FRANCOIS FILLON": "François Fillon",
    "GERHARD SCHRODER": "Gerhard Schröder",
    "RICHARD VON WEIZSACKER": "Richard von Weizsäcker",
    "HORST KOHLER": "Horst Köhler",
    "P.V. NARASIMHA RAO": "P. V. Narasimha Rao",
    "H.D. DEVE GOWDA": "H. D. Deve Gowda",
    "K.R. NARAYANAN": "K. R. Narayanan",
    "A.P.J. ABDUL KALAM": "A. P. J. Abdul Kalam",
    "VISHWANATH PRATAP SINGH": "V. P. Singh",
    "S.R. NATHAN": "S. R. Nathan",
    "SONTHI BOONYARATKALIN": "Sonthi Boonyaratglin",
    "MEECHAI RUCHUPAN": "Meechai Ruchuphan",
    "BANHARN SILPA-ARCHA": "Banharn Silpa-archa",
    "SA-NGAD CHALORYU": "Sangad Chaloryu",
    "YURY ANDROPOV": "Yuri Andropov",
    "YEVGENY PRIMAKOV": "Yevgeny Primakov",
    "YULIYA TYMOSHENKO": "Yulia Tymoshenko",
    "NGUYEN MINH TRIET": "Nguyen Minh Triet",
    "LIEN CHAN": "Lien Chan",
}
HONORIFICS = {"SIR", "DAME", "DATO'", "DATO", "DATUK", "SERI", "TUN", "PRINCE", "SAMDECH", "HAJI", "TUANKU"}

# Economies whose names are written family name first (surname = first token).
FAMILY_FIRST = {"China", "South Korea", "North Korea", "Vietnam"}
# Economies where the family-first order holds only for Chinese-style names (hyphenated or three syllables).
FAMILY_FIRST_CHINESE_STYLE = {"Hong Kong, China", "Chinese Taipei", "Singapore"}
FAMILY_FIRST_NAMES = {"Lin Chuan", "Lien Chan", "Tang Fei", "Lee Huan"}
# Economies where people are called by the given name (first token): "Thaksin", "Mahathir", "Prabowo".
GIVEN_NAME_SHORT = {"Thailand", "Malaysia", "Brunei"}
HISPANIC = {"Mexico", "Chile", "Peru"}
EXTRA_VARIANTS = {
    "Eduardo Frei Ruiz-Tagle": ["Frei"],
    "Carlos Salinas de Gortari": ["Salinas"],
    "Ernesto Zedillo": ["Ernesto Zedillo Ponce de León", "Zedillo"],
    "Alberto Fujimori": ["Fujimori"],
    "Alejandro Toledo": ["Toledo"],
    "Bill Clinton": ["William J. Clinton", "William Jefferson Clinton"],
    "George W. Bush": ["George Walker Bush", "Bush Jr."],
    "B. J. Habibie": ["Habibie", "Bacharuddin Jusuf Habibie"],
    "Megawati Sukarnoputri": ["Megawati"],
    "Abdurrahman Wahid": ["Gus Dur"],
    "Joseph Estrada": ["Erap"],
    "Tung Chee-hwa": ["C. H. Tung"],
}
SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}

# CIA cabinet titles (CountryInfo comments) -> office kind. Offices get one title per kind and economy.
MINISTER_PATTERNS = [
    (
        "foreign_minister",
        re.compile(
            r"^(minister (of|for) foreign affairs( and (international )?trade)?|foreign minister|secretary of state"
            r"$|secretary (of|for) foreign affairs|minister of external affairs|secretary of state for foreign"
            r" and commonwealth affairs)$"
        ),
    ),
    (
        "finance_minister",
        re.compile(
            r"^(minister (of|for) finance|finance minister|secretary of the treasury|treasurer|minister of "
            r"strategy and finance|minister of finance and economy|secretary of finance( and public credit)?|"
            r"chancellor of the exchequer|financial secretary)$"
        ),
    ),
    (
        "trade_minister",
        re.compile(
            r"^(minister (of|for) (international |foreign )?trade|trade minister|u\.?s\.? trade representative|"
            r"minister of commerce|minister of economy, trade,? and industry|minister (of|for) (international )?"
            r"trade and industry|secretary of trade and industry|minister of industry and trade|secretary of "
            r"economy|minister of foreign trade and tourism|minister of economic development and trade)$"
        ),
    ),
]
MINISTER_OFFICES = {
    ("United States", "foreign_minister"): "Secretary of State",
    ("United States", "finance_minister"): "Treasury Secretary",
    ("United States", "trade_minister"): "Trade Representative",
    ("Australia", "finance_minister"): "Treasurer",
    ("Hong Kong, China", "finance_minister"): "Financial Secretary",
    ("United Kingdom", "finance_minister"): "Chancellor of the Exchequer",
}
KIND_OFFICE = {"foreign_minister": "Foreign Minister", "finance_minister": "Finance Minister"}
KIND_OFFICE["trade_minister"] = "Trade Minister"
ROLE_START = re.compile(
    r"^(minister|state minister|secretary|deputy|prime|chief|chairman|chairwoman|ambassador|governor|president|"
    r"vice|permanent|premier|director|attorney|representative|trade|treasurer|head|leader|acting|first|senior|"
    r"coordinating|special|commissioner|speaker|chair|foreign|finance|defense|commander|auditor|mayor|under|"
    r"assistant|u\.s\.|us |financial|national|executive|spokes|cabinet|supreme|general|inspector|solicitor)",
    re.I,
)

# REIGN / Archigos COW letter codes -> economy.
COW_ECONOMIES = {
    "USA": "United States",
    "CAN": "Canada",
    "MEX": "Mexico",
    "PER": "Peru",
    "CHL": "Chile",
    "RUS": "Russia",
    "CHN": "China",
    "TAW": "Chinese Taipei",
    "ROK": "South Korea",
    "PRK": "North Korea",
    "JPN": "Japan",
    "THI": "Thailand",
    "DRV": "Vietnam",
    "MAL": "Malaysia",
    "SIN": "Singapore",
    "BRU": "Brunei",
    "PHI": "Philippines",
    "INS": "Indonesia",
    "AUL": "Australia",
    "PNG": "Papua New Guinea",
    "NEW": "New Zealand",
    "IND": "India",
    "UKG": "United Kingdom",
    "FRN": "France",
    "GMY": "Germany",
    "UKR": "Ukraine",
}
WIKIDATA_COUNTRIES = {"People's Republic of China": "China", "Taiwan": "Chinese Taipei"}
SNAPSHOT_COUNTRIES = {"China": "China", "South Korea": "South Korea"}


@dataclass
class Term:
    """One person's term in one office, with where it comes from."""

    economy: str
    office: str
    office_kind: str
    person_name: str
    start: date
    end: date | None
    sources: list[str]
    variants: list[str] = field(default_factory=list)
    manual: bool = False


def fold(text: str) -> str:
    """Lower-case, accent-free, punctuation-free text with single spaces (hyphens become spaces)."""
    text = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"[-‐–_]", " ", text)
    text = re.sub(r"[^\w\s]", "", text)
    return " ".join(text.split())


def name_tokens(name: str) -> frozenset[str]:
    """Folded name tokens without suffixes and initials, for loose person matching."""
    return frozenset(t for t in fold(name).split() if t not in {"jr", "sr", "ii", "iii", "iv"} and len(t) > 1)


def strict_tokens(name: str) -> frozenset[str]:
    """Folded name tokens, initials kept ("George W. Bush" is not "George Bush")."""
    return frozenset(fold(name).split())


def month_date(text: str, end_of_month: bool = False) -> date:
    """A CountryInfo YYYYMMDD date; impossible days (20100931) mean the month's last day."""
    year, month, day = int(text[:4]), int(text[4:6]), int(text[6:8])
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day, last) if not end_of_month else last if day >= 28 else min(day, last))


def display_name(raw: str) -> str:
    """A CountryInfo NAME_ in title case, with honorifics removed and known spellings fixed."""
    words = [w for w in raw.replace("_", " ").split() if w.upper() not in HONORIFICS]
    key = " ".join(words).upper()
    if key in CANONICAL:
        return CANONICAL[key]

    def cap(word: str) -> str:
        parts = re.split(r"([-'.])", word.lower())
        out = "".join(p.capitalize() if p.isalpha() else p for p in parts)
        return out if not out.startswith("Mc") else "Mc" + out[2:].capitalize()

    name = " ".join(cap(w) for w in words)
    if raw.startswith(("NGUYEN", "VO_", "PHAN", "LE_", "TRAN", "DO_")):
        return name
    return re.sub(r"\b(De|Del|La|Y|Von|Van|Da|Bin)\b", lambda m: m.group(1).lower(), name)


def korean_form(name: str, economy: str) -> str:
    """'Yu Myung Hwan' -> 'Yu Myung-hwan' for Korean three-syllable names written without a hyphen."""
    parts = name.split()
    if economy in {"South Korea", "North Korea"} and len(parts) == 3 and "-" not in name:
        return f"{parts[0]} {parts[1]}-{parts[2].lower()}"
    return name


def countryinfo_blocks() -> dict[str, str]:
    """CountryInfo country blocks keyed by country code."""
    text = (SOURCES / "countryinfo" / "CountryInfo.120116.txt").read_text(encoding="latin-1")
    blocks: dict[str, str] = {}
    for block in text.split("<Country>")[1:]:
        match = re.search(r"<CountryCode>(\w+)", block)
        if match and match.group(1) in COUNTRYINFO_ECONOMIES:
            blocks.setdefault(match.group(1), block)
    return blocks


DATE_RANGE = re.compile(r"\[\s*(>|<)?\s*(\d{8})\s*(?:-\s*(\d{8}))?\s*\]")


def section_lines(blocks: dict[str, str], tag: str) -> Iterator[tuple[str, str, list[str]]]:
    """(country code, economy, lines) of each country's <tag> section in CountryInfo."""
    for code, block in blocks.items():
        section = re.search(rf"<{tag}>(.*?)</{tag}>", block, re.S)
        if section:
            yield code, COUNTRYINFO_ECONOMIES[code], section.group(1).splitlines()


def countryinfo_leaders(blocks: dict[str, str]) -> list[Term]:
    """Heads of state and government from the <Leaders> sections."""
    terms: list[Term] = []
    for code, economy, lines in section_lines(blocks, "Leaders"):
        title = None
        for line in lines:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            head = re.fullmatch(r"<(/?)([^>]+)>", line)
            if head:
                title = None if head.group(1) else head.group(2).lower()
                continue
            office_kind = LEADER_BLOCKS.get((code, title or ""))
            if not office_kind:
                continue
            names = re.findall(r"\{([^}]+)\}", line) or [re.split(r"\s*\[", line)[0].strip()]
            person = korean_form(display_name(names[0]), economy)
            for sign, first, last in DATE_RANGE.findall(line):
                if sign == "<":
                    continue
                start = month_date(first)
                end = None if sign == ">" or not last else month_date(last)
                if end is not None and end < SINCE:
                    continue
                office = office_kind[0]
                relabel = RELABEL.get((economy, office, person), office)
                if relabel is None:
                    continue
                terms.append(
                    Term(
                        economy,
                        relabel,
                        office_kind[1],
                        person,
                        start,
                        end,
                        [SRC_COUNTRYINFO_LEADERS],
                        [display_name(n) for n in names[1:]],
                    )
                )
    return terms


def split_roles(comment: str) -> list[str]:
    """A CountryInfo '# title & title' comment split into titles (an '&' inside a title is kept)."""
    roles: list[str] = []
    for piece in comment.split(" & "):
        piece = piece.strip()
        if roles and not ROLE_START.match(piece):
            roles[-1] += " & " + piece
        else:
            roles.append(piece)
    return roles


def countryinfo_ministers(blocks: dict[str, str]) -> list[Term]:
    """Foreign, finance and trade ministers from the <Government> sections (2003-2011)."""
    terms: list[Term] = []
    for _, economy, lines in section_lines(blocks, "Government"):
        for line in lines:
            if "#" not in line or not line.strip() or line.strip().startswith("#"):
                continue
            body, comment = line.split("#", 1)
            names = re.findall(r"\{([^}]+)\}", body) or [re.split(r"\s*\[", body.strip())[0]]
            ranges = re.findall(r"\[[A-Z]{3}[A-Z]*\s*(<|>)?\s*(\d{8})\s*(?:-\s*(\d{8}))?\]", body)
            roles = split_roles(comment.strip())
            if len(roles) == 1:
                pairs = [(roles[0], r) for r in ranges]
            elif len(roles) == len(ranges):
                pairs = list(zip(roles, ranges, strict=True))
            else:
                continue
            person = korean_form(display_name(names[0]), economy)
            for role, (sign, first, last) in pairs:
                role = re.sub(r'\s*"?acting"?\s*$', "", role.strip().lower().rstrip("."))
                kind = next((k for k, pattern in MINISTER_PATTERNS if pattern.match(role)), None)
                if kind is None or sign == "<" or (economy == "United States" and "secretary of state for" in role):
                    continue
                if sign == ">":
                    start, end = month_date(first), None
                else:
                    start, end = month_date(first), month_date(last, end_of_month=True) + timedelta(days=1)
                office = MINISTER_OFFICES.get((economy, kind), KIND_OFFICE[kind])
                terms.append(Term(economy, office, kind, person, start, end, [SRC_COUNTRYINFO_CABINET]))
    return terms


def manual_terms() -> list[Term]:
    """The hand-kept rows, each with its own source."""
    with MANUAL.open(encoding="utf-8", newline="") as handle:
        return [
            Term(
                row["economy"],
                row["office"],
                row["office_kind"],
                row["person_name"],
                date.fromisoformat(row["start_date"]),
                date.fromisoformat(row["end_date"]) if row["end_date"] else None,
                [row["source"]],
                [v for v in row["name_variants"].split("|") if v],
                manual=True,
            )
            for row in csv.DictReader(handle)
        ]


def same_person(a: str, b: str) -> bool:
    """Two spellings of one name: equal folded token sets, or one set inside the other (>= 2 tokens)."""
    ta, tb = name_tokens(a), name_tokens(b)
    return ta == tb or (min(len(ta), len(tb)) >= 2 and (ta <= tb or tb <= ta))


def merge(terms: list[Term]) -> list[Term]:
    """One row per term: manual rows win on name and dates; sources and variants are unioned."""
    terms = sorted(terms, key=lambda t: (not t.manual, t.economy, t.office, t.start))
    kept: list[Term] = []
    for term in terms:
        twin = next(
            (
                k
                for k in kept
                if k.economy == term.economy
                and k.office == term.office
                and same_person(k.person_name, term.person_name)
                and (abs((k.start - term.start).days) <= 45 or overlaps(k, term))
            ),
            None,
        )
        if twin is None:
            kept.append(term)
            continue
        twin.sources += [s for s in term.sources if s not in twin.sources]
        twin.variants += [v for v in [term.person_name, *term.variants] if v != twin.person_name]
    return kept


def overlaps(a: Term, b: Term) -> bool:
    far = date(9999, 12, 31)
    return a.start < (b.end or far) and b.start < (a.end or far)


def close_and_clip(terms: list[Term]) -> list[Term]:
    """Within one office, end an open source term where the next begins, and cut overlaps to a handover."""
    by_office: dict[tuple[str, str], list[Term]] = {}
    for term in terms:
        by_office.setdefault((term.economy, term.office), []).append(term)
    for group in by_office.values():
        group.sort(key=lambda t: (t.start, t.person_name))
        for current, following in zip(group, group[1:], strict=False):
            if current.end is None or current.end > following.start:
                if current.manual and following.manual:
                    print(
                        f"overlap (manual): {current.economy} {current.office} {current.person_name}", file=sys.stderr
                    )
                    continue
                if current.end is None and SRC_COUNTRYINFO_CABINET in current.sources:
                    # Still in office when the CIA lists end: the end is known only if a successor follows soon.
                    current.end = following.start if following.start <= CABINET_HORIZON else current.start
                else:
                    current.end = following.start
    dropped = [t for t in terms if (t.end is None and not t.manual) or (t.end is not None and t.end <= t.start)]
    for term in dropped:
        print(f"dropped, end unknown: {term.economy} {term.office} {term.person_name} {term.start}", file=sys.stderr)
    return [t for t in terms if t not in dropped]


def phoenix_aliases() -> dict[frozenset[str], list[str]]:
    """Phoenix actor aliases without titles, keyed by the folded token set of the primary name."""
    text = (SOURCES / "phoenix_cameo_actors" / "Phoenix.Countries.actors.txt").read_text(encoding="latin-1")
    titles = re.compile(
        r"\b(PRESIDENT|MINISTER|PREMIER|SECRETARY|CHAIRMAN|LEADER|KING|QUEEN|SULTAN|GENERAL|CHANCELLOR|"
        r"GOVERNOR|VICE|SPEAKER|MR|MRS|DR|COMRADE|REFORMER|FORMER|EMPEROR|PRINCE|SENATOR|PM|FM|AMBASSADOR|"
        r"OFFICIAL|ENVOY|DIPLOMAT|PARTY|CHIEF|HEAD|AIDE|TREASURER|DELEGATE|MINISTRY|DICTATOR|STRONGMAN|"
        r"ADMINISTRATION|GOVERNMENT|CABINET|REGIME|CAMP|FAMILY|US|THE|OF|GOV)\b"
    )
    aliases: dict[frozenset[str], list[str]] = {}
    primary: frozenset[str] | None = None
    for line in text.splitlines():
        if not line.strip() or line.startswith(("#", "\t", " ", "[")):
            continue
        if line.startswith("+"):
            alias = line[1:].split("#")[0].strip().strip("_").replace("_", " ")
            if primary and alias and not titles.search(alias) and not re.search(r"(AN|ESE|ISH|ICAN)\b", alias):
                aliases[primary].append(alias)
            continue
        primary = strict_tokens(line.split("#")[0].strip().strip("_").replace("_", " "))
        aliases.setdefault(primary, [])
    return aliases


def generated_variants(term: Term) -> list[str]:
    """Surname, order, hyphenation and accent variants of the canonical name."""
    name = term.person_name
    parts = [p for p in name.split() if fold(p) not in SUFFIXES]
    variants = [fold_accents(name)]
    if len(parts) < 2 or term.economy == "Thailand" and term.office == "King":
        return variants
    family_first = term.economy in FAMILY_FIRST or name in FAMILY_FIRST_NAMES
    if term.economy in FAMILY_FIRST_CHINESE_STYLE and not family_first:
        family_first = ("-" in parts[-1] and len(parts) == 2) or (len(parts) == 3 and "." not in name)
    if family_first:
        given = " ".join(parts[1:])
        variants.append(parts[0])
        if term.economy == "Vietnam":
            variants.append(parts[-1])
        if "-" in given:
            syllables = given.split("-")
            variants += [
                f"{parts[0]} {' '.join(s.capitalize() for s in syllables)}",
                f"{parts[0]} {'-'.join(s.capitalize() for s in syllables)}",
                f"{parts[0]} {''.join(syllables).lower().capitalize()}",
                f"{given} {parts[0]}",
            ]
        elif len(parts) == 3 and term.economy in {"South Korea", "North Korea"}:
            variants.append(f"{parts[0]} {parts[1]}-{parts[2].lower()}")
    elif term.economy in HISPANIC:
        particle = next((i for i, p in enumerate(parts) if i > 1 and p.lower() in {"de", "del", "y"}), None)
        if particle:
            variants += [" ".join(parts[particle - 1 :]), parts[particle - 1]]
        elif len(parts) >= 3 and not term.manual:
            variants.append(" ".join(parts[-2:]))
        elif len(parts) == 2:
            variants.append(parts[-1])
    else:
        variants.append(parts[-1])
        if term.economy in GIVEN_NAME_SHORT:
            variants.append(parts[0])
        if term.economy == "Japan":
            variants.append(f"{parts[-1]} {' '.join(parts[:-1])}")
        if "-" in parts[-1] and term.economy not in {"Thailand"}:
            variants.append(" ".join(parts[:-1] + [parts[-1].replace("-", " ")]))
    return variants


def fold_accents(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def add_variants(terms: list[Term]) -> None:
    """Fill name_variants: hand-kept ones first, then generated ones, then Phoenix aliases."""
    aliases = phoenix_aliases()
    for term in terms:
        found = aliases.get(strict_tokens(term.person_name), [])
        pool = (
            term.variants
            + EXTRA_VARIANTS.get(term.person_name, [])
            + generated_variants(term)
            + [display_name(a) for a in found]
        )
        seen = {term.person_name}
        variants: list[str] = []
        for variant in pool:
            variant = " ".join(variant.split())
            if variant and variant not in seen and "|" not in variant:
                seen.add(variant)
                variants.append(variant)
        term.variants = variants


def corroborate(terms: list[Term]) -> dict[str, int]:
    """Add REIGN, Archigos and Wikidata to the sources of the leader terms they confirm; report the rest."""
    leaders = [t for t in terms if t.office_kind in {"head_of_state", "head_of_government", "leader_other"}]
    counts = {SRC_REIGN: 0, SRC_ARCHIGOS: 0, SRC_EVERYPOLITICIAN: 0}

    def confirm(economy: str, name: str, start: date, source: str, slack: int) -> bool:
        tokens = name_tokens(name.replace(",", " "))
        for term in leaders:
            if term.economy != economy or abs((term.start - start).days) > slack:
                continue
            known = name_tokens(" ".join([term.person_name, *term.variants]))
            if tokens & known:
                if source not in term.sources:
                    term.sources.append(source)
                    counts[source] += 1
                return True
        return False

    with (SOURCES / "reign" / "leaderlist_3_21.csv").open(encoding="latin-1", newline="") as handle:
        for row in csv.DictReader(handle):
            economy = COW_ECONOMIES.get(row["stateabb"])
            if not economy or not row["syear"] or (row["eyear"] and int(row["eyear"]) < SINCE.year):
                continue
            start = date(int(row["syear"]), int(row["smonth"]), int(row["sdate"]))
            if not confirm(economy, row["leader"], start, SRC_REIGN, 45):
                print(f"REIGN spell not matched: {economy} {row['leader']} {start}", file=sys.stderr)
    spells: dict[str, tuple[str, str, date]] = {}
    with (SOURCES / "archigos" / "arch_annual.txt").open(encoding="latin-1", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            economy = COW_ECONOMIES.get(row["idacr"])
            if economy and row["entry"] != "(p_year)":
                spells[row["obsid"]] = (economy, row["leader"], date.fromisoformat(row["startdate"]))
    for economy, leader, start in sorted(spells.values(), key=lambda s: (s[0], s[2])):
        if start >= SINCE and not confirm(economy, leader, start, SRC_ARCHIGOS, 45):
            print(f"Archigos spell not matched: {economy} {leader} {start}", file=sys.stderr)
    with (SOURCES / "everypolitician_world_leaders_2021" / "wikidata.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            economy = WIKIDATA_COUNTRIES.get(row["country"], row["country"])
            if economy in COUNTRYINFO_ECONOMIES.values() and row["start_year"]:
                start = date(int(row["start_year"]), 7, 1)
                confirm(economy, row["officeholderLabel"], start, SRC_EVERYPOLITICIAN, 200)
    return counts


def compare_snapshot(terms: list[Term]) -> None:
    """Warn where the 2026 snapshot (low trust) names a current holder that the table does not."""
    current = {fold(t.person_name) for t in terms if t.end is None}
    current |= {fold(v) for t in terms if t.end is None for v in t.variants}
    with (SOURCES / "world_leaders_current_snapshot_2026" / "all-leaders.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            for holder in (row["Head of Government"], row["Head of State"]):
                if holder and fold(holder) not in current:
                    print(f"snapshot 2026 (unverified) differs: {row['Country']}: {holder}", file=sys.stderr)
    changes = json.loads((SOURCES / "world_leaders_current_snapshot_2026" / "changes_2026.json").read_text())
    for change in changes.get("changes", []):
        print(f"snapshot 2026 change (unverified, not used): {change}", file=sys.stderr)


def main() -> None:
    blocks = countryinfo_blocks()
    terms = manual_terms() + countryinfo_leaders(blocks) + countryinfo_ministers(blocks)
    terms = [t for t in terms if t.end is None or t.end >= SINCE]
    terms = close_and_clip(merge(terms))
    add_variants(terms)
    counts = corroborate(terms)
    compare_snapshot(terms)
    rows = sorted(
        (
            {
                "economy": t.economy,
                "office": t.office,
                "person_name": t.person_name,
                "start_date": t.start.isoformat(),
                "end_date": t.end.isoformat() if t.end else "",
                "office_kind": t.office_kind,
                "name_variants": "|".join(t.variants),
                "source": "; ".join(t.sources),
            }
            for t in terms
        ),
        key=lambda r: (r["economy"], r["office"], r["start_date"], r["person_name"]),
    )
    with OUTPUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} rows to {OUTPUT.relative_to(ROOT)}; corroborations: {counts}", file=sys.stderr)


if __name__ == "__main__":
    main()
