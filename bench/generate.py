"""Synthetic news corpus with gold person clusters, for scaling benchmarks.

    python bench/generate.py N OUTDIR [--seed 7] [--jobs J]

Writes OUTDIR/articles.jsonl (id, date, title, text), OUTDIR/gold_mentions.csv (the ECB+
gold format that `resolve evaluate` reads: doc_id, start, end, text, name_start, name_end,
name_text, entity_id, entity_label, coref_status, form), OUTDIR/ranges.csv (doc_id,
sentence, line, start, end: every paragraph is exhaustively annotated) and OUTDIR/meta.json
(counts).  Same N and seed give byte-identical files, whatever --jobs (each article draws
from its own seeded rng; chunks of articles are rendered in J processes, written in order).

What the corpus exercises (phenomena, not one extractor's lexicon):
- a population of people drawn from US census given-name / surname lists (frequency
  weighted, flattened) plus international names, many of them *not* in the census list
  (Sergei, Chinedu, Xiaoming...), Chinese names written surname first;
- nicknames from the `nicknames` dataset (Thomas / Tom), some people going by them;
- transliteration and accent variants chosen per outlet (Sergei / Sergey, Jose / José,
  Mueller / Müller, al-Masri / el-Masri);
- first mention with full name (often after a title or with an appositive), follow-ups as
  surname, Mr./Ms. + surname, short title + surname, possessive;
- careers: titles and affiliations that change over the years the articles span;
- people who share surnames and namesakes (same full name, different field and titles);
- capitalized non-persons: places, organizations named after people ("Morgan Stanley",
  "Lincoln High School"), agencies, days and months, sentence-initial words, quotes.
Gold spans are the personal name alone (no title, honorific or possessive), like ECB+.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import multiprocessing
import os
import random
from bisect import bisect
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from itertools import accumulate
from pathlib import Path
from typing import Iterator

GENERATOR_VERSION = 1  # bump when output changes (the runner caches corpora by it)

# --------------------------------------------------------------------------- name pools


@lru_cache(maxsize=1)
def _census() -> tuple[list[tuple[str, float]], list[tuple[str, float]], list[tuple[str, float]]]:
    """(male, female, surname) lists of (Name, frequency) from the `names` package (US census 1990)."""
    import names

    base = os.path.dirname(names.__file__)

    def load(fname: str, limit: int) -> list[tuple[str, float]]:
        out = []
        with open(os.path.join(base, fname), encoding="ascii") as fh:
            for line in fh:
                parts = line.split()
                if len(parts) >= 2:
                    out.append((_cap(parts[0]), float(parts[1])))
                if len(out) >= limit:
                    break
        return out

    return load("dist.male.first", 800), load("dist.female.first", 1200), load("dist.all.last", 30000)


def _cap(upper: str) -> str:
    """Census spelling (SMITH, MCDONALD, OBRIEN) -> Smith, McDonald, O'Brien-like capitalization."""
    s = upper.capitalize()
    if s.startswith("Mc") and len(s) > 3:
        s = "Mc" + s[2:].capitalize()
    return s


@lru_cache(maxsize=1)
def _nicknames() -> dict[str, list[str]]:
    """Given name -> common nicknames (those that are themselves census given names)."""
    from nicknames import NickNamer

    male, female, _ = _census()
    common = {n.lower() for n, _ in male[:400] + female[:600]}
    nn = NickNamer()
    out = {}
    for n, _ in male[:300] + female[:400]:
        nicks = sorted(x for x in nn.nicknames_of(n.lower()) if x in common and len(x) >= 3 and x != n.lower())
        if nicks:
            out[n] = [x.capitalize() for x in nicks]
    return out


# International names: (spelling variants of one name; the first is the most common spelling).
# Most are not in the census given-name list, on purpose.
INTL: dict[str, dict[str, list[tuple[str, ...]]]] = {
    "russian": {
        "given_m": [("Sergei", "Sergey"), ("Dmitry", "Dmitri", "Dmitriy"), ("Alexei", "Alexey", "Aleksei"), ("Yuri", "Yury"), ("Mikhail",),
                    ("Nikolai", "Nikolay"), ("Andrei", "Andrey"), ("Yevgeny", "Evgeny"), ("Anatoly", "Anatoliy"), ("Vyacheslav", "Viacheslav"),
                    ("Arkady", "Arkadiy"), ("Gennady", "Gennadiy"), ("Oleg",), ("Vasily", "Vasiliy")],
        "given_f": [("Tatyana", "Tatiana"), ("Natalya", "Natalia"), ("Yelena", "Elena"), ("Svetlana",), ("Olga",), ("Irina",), ("Ekaterina", "Yekaterina")],
        "surname": [("Shoigu", "Shoygu"), ("Kuznetsov",), ("Sokolov",), ("Volkov",), ("Lebedev",), ("Kozlov",), ("Novikov",), ("Morozov",),
                    ("Solovyov", "Soloviev", "Solovyev"), ("Vasilyev", "Vasiliev"), ("Zaitsev", "Zaytsev"), ("Pavlov",), ("Semyonov", "Semenov"),
                    ("Golubev",), ("Vinogradov",), ("Bogdanov",), ("Vorobyov", "Vorobiev"), ("Fyodorov", "Fedorov"), ("Mikhailov", "Mikhaylov"),
                    ("Belyayev", "Belyaev"), ("Tarasov",), ("Belov",), ("Komarov",), ("Orlov",), ("Kiselyov", "Kiselev"), ("Makarov",),
                    ("Zhukovsky", "Zhukovskiy", "Zhukovski"), ("Rozhdestvensky", "Rozhdestvenskiy"), ("Kovalchuk",), ("Gryzlov",)],
    },
    "arabic": {
        "given_m": [("Mohammed", "Muhammad", "Mohamed", "Mohammad"), ("Ahmed", "Ahmad"), ("Hussein", "Hussain", "Husayn"), ("Omar", "Umar"),
                    ("Youssef", "Yusuf", "Yousef"), ("Khaled", "Khalid"), ("Mustafa", "Mostafa"), ("Hassan", "Hasan"), ("Tariq", "Tarek"),
                    ("Walid", "Waleed"), ("Nabil",), ("Saeed", "Said")],
        "given_f": [("Fatima", "Fatma"), ("Aisha", "Ayesha"), ("Leila", "Layla"), ("Rania",), ("Nour", "Noor")],
        "surname": [("al-Masri", "el-Masri"), ("Haddad",), ("Mansour", "Mansur"), ("Barghouti", "Barghouthi"), ("Qassem", "Kassem", "Qasim"),
                    ("Shalaby", "Shalabi"), ("al-Amiri", "al-Ameri"), ("Nasrallah",), ("Khoury", "Khouri"), ("Saleh",), ("Darwish",),
                    ("el-Sayed", "al-Sayed"), ("Hamdan",), ("Zaidi",), ("al-Tamimi",)],
    },
    "chinese": {  # written surname first: "Wang Xiaoming", then "Wang"
        "given_m": [("Xiaoming",), ("Jianguo",), ("Zhiqiang",), ("Haifeng",), ("Jianhua",), ("Weidong",), ("Guoqiang",), ("Yongkang",)],
        "given_f": [("Lihua",), ("Yufei",), ("Xiaoyan",), ("Meiling",), ("Jing",)],
        "surname": [("Wang",), ("Li",), ("Zhang", "Chang"), ("Liu",), ("Chen",), ("Yang",), ("Huang",), ("Zhao",), ("Zhou", "Chou"),
                    ("Xu", "Hsu"), ("Sun",), ("Zhu",), ("Gao",), ("Lin",), ("Guo",), ("Luo",)],
    },
    "indian": {
        "given_m": [("Narendra",), ("Rahul",), ("Arvind",), ("Sanjay",), ("Amit",), ("Rajesh",), ("Vikram",), ("Suresh",), ("Arun",)],
        "given_f": [("Priya",), ("Sunita",), ("Lakshmi",), ("Anjali",), ("Kavita",)],
        "surname": [("Sharma",), ("Patel",), ("Singh",), ("Gupta",), ("Reddy",), ("Iyer",), ("Chatterjee", "Chatterji"),
                    ("Banerjee", "Banerji"), ("Mukherjee", "Mukherji"), ("Nair",), ("Rao",), ("Joshi",)],
    },
    "african": {
        "given_m": [("Kwame",), ("Chinedu",), ("Oluwaseun",), ("Thabo",), ("Uhuru",), ("Babajide",), ("Kofi",), ("Tendai",), ("Emeka",)],
        "given_f": [("Ngozi",), ("Folasade",), ("Amina",), ("Wanjiru",), ("Nomvula",)],
        "surname": [("Okonkwo",), ("Adeyemi",), ("Mensah",), ("Nkosi",), ("Odhiambo",), ("Mwangi",), ("Okafor",), ("Abubakar",),
                    ("Dlamini",), ("Boateng",), ("Chukwu",), ("Mugabe",)],
    },
    "hispanic": {
        "given_m": [("José", "Jose"), ("Andrés", "Andres"), ("Joaquín", "Joaquin"), ("Luis",), ("Ramón", "Ramon"), ("Sebastián", "Sebastian"),
                    ("Jesús", "Jesus"), ("Iñigo", "Inigo")],
        "given_f": [("María", "Maria"), ("Lucía", "Lucia"), ("Sofía", "Sofia"), ("Inés", "Ines")],
        "surname": [("López", "Lopez"), ("González", "Gonzalez"), ("Hernández", "Hernandez"), ("Peña", "Pena"), ("Martínez", "Martinez"),
                    ("Jiménez", "Jimenez"), ("Ramírez", "Ramirez"), ("Castillo",), ("Ortega",), ("Núñez", "Nunez"), ("Vargas",), ("Ibáñez", "Ibanez")],
    },
    "european": {
        "given_m": [("Jürgen", "Juergen", "Jurgen"), ("Søren", "Soren"), ("Bjørn", "Bjorn"), ("François", "Francois"), ("Matteo",),
                    ("Giuseppe",), ("Wojciech",), ("Krzysztof",), ("Olaf",), ("Lars",), ("Sven",), ("Pieter",), ("Jean-Claude",)],
        "given_f": [("Angela",), ("Ségolène", "Segolene"), ("Ursula",), ("Mette",), ("Giulia",), ("Agnieszka",)],
        "surname": [("Müller", "Mueller", "Muller"), ("Schröder", "Schroeder"), ("Dubois",), ("Rossi",), ("Kowalski",), ("Nowak",),
                    ("Jensen",), ("van der Berg", "Van den Berg"), ("Fischer",), ("Lefèvre", "Lefevre"), ("Bianchi",), ("Wiśniewski", "Wisniewski"),
                    ("Høiby", "Hoiby"), ("De Vries",)],
    },
}
# More surnames for the smaller pools (first spelling most common).
INTL["arabic"]["surname"] += [(f"al-{r}", f"el-{r}") for r in ("Hashimi", "Jabouri", "Obeidi", "Khatib", "Shami", "Hakim", "Rifai", "Zoubi",
                                                              "Qadi", "Baghdadi", "Tikriti", "Najjar", "Hariri", "Mahdi", "Badri")]
INTL["arabic"]["surname"] += [("Abdallah", "Abdullah"), ("Suleiman", "Sulaiman"), ("Othman", "Osman"), ("Fayed",), ("Karam",), ("Salem", "Salim"),
                              ("Hijazi", "Hegazy"), ("Rashid", "Rachid"), ("Farouk", "Faruq"), ("Nasser", "Nasir")]
INTL["arabic"]["given_m"] += [("Abdel Rahman", "Abdul Rahman"), ("Abdel Aziz", "Abdul Aziz"), ("Ibrahim",), ("Ismail", "Ismael"), ("Karim", "Kareem"),
                              ("Jamal", "Gamal"), ("Adel", "Adil"), ("Samir", "Sameer")]
INTL["indian"]["surname"] += [(x,) for x in ("Verma", "Kapoor", "Malhotra", "Mehta", "Desai", "Pillai", "Menon", "Kumar", "Das", "Bose", "Agarwal",
                                             "Saxena", "Bhatt", "Chauhan", "Yadav", "Pandey", "Mishra", "Tiwari", "Naidu", "Kulkarni")]
INTL["indian"]["given_m"] += [(x,) for x in ("Manmohan", "Pranab", "Nitin", "Sunil", "Rakesh", "Anil", "Deepak", "Ashok", "Vijay", "Ravi", "Kiran")]
INTL["indian"]["given_f"] += [(x,) for x in ("Indira", "Meera", "Pooja", "Deepa", "Smriti", "Nirmala")]
INTL["african"]["surname"] += [(x,) for x in ("Adebayo", "Oyelaran", "Eze", "Nwosu", "Owusu", "Asante", "Kamau", "Otieno", "Kipchoge", "Ndlovu",
                                              "Mahlangu", "Zuma", "Tshabalala", "Banda", "Phiri", "Mutua", "Ogunleye", "Balogun")]
INTL["african"]["given_m"] += [(x,) for x in ("Yaw", "Kwesi", "Olusegun", "Goodluck", "Cyril", "Jomo", "Raila", "Sipho", "Themba", "Chidi")]
INTL["african"]["given_f"] += [(x,) for x in ("Chiamaka", "Adaeze", "Akosua", "Thandiwe", "Wangari")]
INTL["hispanic"]["surname"] += [("Fernández", "Fernandez"), ("Gómez", "Gomez"), ("Díaz", "Diaz"), ("Pérez", "Perez"), ("Sánchez", "Sanchez"),
                                ("Rodríguez", "Rodriguez"), ("Gutiérrez", "Gutierrez"), ("Álvarez", "Alvarez"), ("Domínguez", "Dominguez"),
                                ("Herrera",), ("Medina",), ("Aguilar",), ("Rojas",), ("Navarro",), ("Morales",), ("Delgado",), ("Suárez", "Suarez"),
                                ("Cabrera",), ("Fuentes",), ("Montoya",)]
INTL["hispanic"]["given_m"] += [("Álvaro", "Alvaro"), ("Rubén", "Ruben"), ("Tomás", "Tomas"), ("Óscar", "Oscar"), ("Gonzalo",), ("Rodrigo",),
                                ("Ignacio",), ("Mauricio",)]
INTL["hispanic"]["given_f"] += [("Verónica", "Veronica"), ("Mónica", "Monica"), ("Beatriz",), ("Ximena", "Jimena"), ("Rocío", "Rocio")]
INTL["european"]["surname"] += [(x,) for x in ("Schmidt", "Wagner", "Becker", "Hoffmann", "Richter", "Lambert", "Moreau", "Girard", "Fontaine",
                                               "Esposito", "Romano", "Colombo", "Ricci", "Marino", "Wójcik", "Kamiński", "Lewandowski",
                                               "Andersen", "Nielsen", "Hansen", "Janssen", "Bakker", "Visser")]
INTL["european"]["given_m"] += [(x,) for x in ("Wolfgang", "Dieter", "Henrik", "Mads", "Thierry", "Olivier", "Luca", "Marco", "Tomasz", "Piotr",
                                               "Joost", "Maarten")]
INTL["european"]["given_f"] += [(x,) for x in ("Annegret", "Sabine", "Camille", "Élodie", "Francesca", "Katarzyna", "Ingrid", "Sanne")]
# Russian surnames are composed (root + suffix), Chinese given names from two syllables:
# the combinations, not a short list, make a population of 35,000 without mass namesakes.
_RU_ROOTS = ["Kuznets", "Sokol", "Volk", "Lebed", "Kozl", "Novik", "Moroz", "Golub", "Vinograd", "Bogdan", "Taras", "Bel", "Komar", "Orl",
             "Makar", "Gromyk", "Zubk", "Kiril", "Lavr", "Medved", "Ryabk", "Nikit", "Ignat", "Filipp", "Yegor", "Danil", "Gus", "Tit",
             "Sidor", "Chern", "Kryl", "Zhuk", "Frol", "Baran", "Abram", "Korol", "Shcherb", "Gorb", "Dub", "Popk"]
_RU_SUFFIX = [("ov",), ("in",), ("sky", "skiy", "ski"), ("enko",)]
_CN_SYLL = ["Xiao", "Jian", "Zhi", "Hai", "Wei", "Guo", "Yong", "Li", "Mei", "Yu", "Hong", "Jun", "Ming", "Hua", "Qiang", "Feng", "Lin",
            "Tao", "Bo", "Yan", "Chun", "Dong", "Ping", "Hui"]
ORIGIN_WEIGHTS = {"anglo": 0.7, "russian": 0.06, "arabic": 0.045, "chinese": 0.05, "indian": 0.04, "african": 0.04, "hispanic": 0.035, "european": 0.03}


def _intl_name(origin: str, gender: str, rng: random.Random) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(given spellings, surname spellings) for an international person."""
    pool = INTL[origin]
    given = _choice(rng, pool["given_m"] if gender == "m" else pool["given_f"])
    if origin == "chinese" and rng.random() < 0.8:
        a, b = rng.sample(_CN_SYLL, 2)
        given = (a + b.lower(),)
    if origin == "russian" and rng.random() < 0.75:
        root, suf = _choice(rng, _RU_ROOTS), _choice(rng, _RU_SUFFIX)
        surname = tuple(root + x for x in suf)
    else:
        surname = _choice(rng, pool["surname"])
    if origin == "russian" and gender == "f":
        fem = {"ov": "ova", "ev": "eva", "in": "ina", "yov": "yova", "sky": "skaya", "skiy": "skaya", "ski": "skaya"}
        out = []
        for s_ in surname:
            for end, f in fem.items():
                if s_.endswith(end):
                    s_ = s_[: -len(end)] + f
                    break
            out.append(s_)
        surname = tuple(dict.fromkeys(out))
    return given, surname

# --------------------------------------------------------------------------- world

COUNTRIES = {  # adjective, country, capital
    "anglo": [("American", "United States", "Washington"), ("British", "Britain", "London"), ("Canadian", "Canada", "Ottawa"), ("Australian", "Australia", "Canberra")],
    "russian": [("Russian", "Russia", "Moscow"), ("Ukrainian", "Ukraine", "Kiev"), ("Belarusian", "Belarus", "Minsk")],
    "arabic": [("Egyptian", "Egypt", "Cairo"), ("Jordanian", "Jordan", "Amman"), ("Lebanese", "Lebanon", "Beirut"), ("Iraqi", "Iraq", "Baghdad")],
    "chinese": [("Chinese", "China", "Beijing"), ("Taiwanese", "Taiwan", "Taipei")],
    "indian": [("Indian", "India", "New Delhi")],
    "african": [("Nigerian", "Nigeria", "Abuja"), ("Kenyan", "Kenya", "Nairobi"), ("Ghanaian", "Ghana", "Accra"), ("South African", "South Africa", "Pretoria")],
    "hispanic": [("Mexican", "Mexico", "Mexico City"), ("Spanish", "Spain", "Madrid"), ("Colombian", "Colombia", "Bogota")],
    "european": [("German", "Germany", "Berlin"), ("French", "France", "Paris"), ("Italian", "Italy", "Rome"), ("Polish", "Poland", "Warsaw"), ("Danish", "Denmark", "Copenhagen")],
}
US_STATES = ["Ohio", "Texas", "Florida", "Nevada", "Georgia", "Virginia", "Montana", "Oregon", "Maine", "Arizona", "Iowa", "Kansas", "Michigan", "Utah"]
CITIES = ["Springfield", "Jackson", "Lincoln", "Austin", "Charlotte", "Madison", "Houston", "Portland", "Denver", "Phoenix", "Boston", "Chicago",
          "Geneva", "Vienna", "Istanbul", "Mumbai", "Lagos", "Shanghai", "Sao Paulo", "Santiago", "Cape Town", "St. Petersburg", "Florence", "Victoria"]
COMPANIES = ["Morgan Stanley", "Goldman Sachs", "Johnson & Johnson", "Ford Motor Co.", "Wells Fargo", "Merrill Lynch", "Procter & Gamble",
             "Dow Jones", "Walt Disney Co.", "Baker Hughes", "Charles Schwab", "Ernst & Young", "Boeing", "Siemens", "Gazprom", "Tata Motors",
             "Acme Holdings", "Northwind Energy", "Bluewater Capital", "Halden Pharmaceuticals", "Sterling Foods", "Pioneer Airlines"]
TEAMS = ["Chicago Bulls", "Boston Red Sox", "Manchester United", "Real Madrid", "Dallas Cowboys", "Denver Nuggets", "Bayern Munich",
         "Toronto Maple Leafs", "Spartak Moscow", "Lagos United", "Miami Heat", "Green Bay Packers"]
UNIVERSITIES = ["Harvard University", "Stanford University", "Oxford University", "Moscow State University", "University of Lagos",
                "Tsinghua University", "Johns Hopkins University", "Sorbonne", "University of Texas", "Indian Institute of Technology"]
AGENCIES = ["Reuters", "Associated Press", "Agence France-Presse", "Bloomberg", "Interfax", "Xinhua", "the BBC", "CNN"]
INSTITUTIONS = ["the White House", "the Kremlin", "the Pentagon", "Congress", "the Senate", "the U.N. Security Council", "the Supreme Court",
                "the European Union", "NATO", "the World Bank", "the International Monetary Fund", "the Foreign Ministry", "Parliament"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
OUTLETS = 8  # each outlet has its own spelling habits (transliteration choice, Mr./Ms. style)

# field -> list of roles: (long title before the name, short title for follow-ups or "", appositive noun phrase, kind of affiliation)
ROLES: dict[str, list[tuple[str, str, str, str]]] = {
    "politics": [
        ("President", "President", "the president of {country}", "country"),
        ("Prime Minister", "Prime Minister", "the prime minister of {country}", "country"),
        ("Foreign Minister", "Minister", "the foreign minister of {country}", "country"),
        ("Deputy Foreign Minister", "", "a deputy foreign minister of {country}", "country"),
        ("Defense Minister", "Minister", "the defense minister of {country}", "country"),
        ("Finance Minister", "Minister", "the finance minister of {country}", "country"),
        ("Senator", "Sen.", "a senator from {state}", "state"),
        ("Representative", "Rep.", "a congressman from {state}", "state"),
        ("Governor", "Gov.", "the governor of {state}", "state"),
        ("Mayor", "Mayor", "the mayor of {city}", "city"),
        ("Ambassador", "Ambassador", "{adj} ambassador to the United Nations", "country"),
        ("Secretary of State", "Secretary", "the secretary of state", "country"),
        ("Defense Secretary", "Secretary", "the defense secretary", "country"),
        ("opposition leader", "", "the leader of the opposition in {country}", "country"),
    ],
    "business": [
        ("Chief Executive", "", "the chief executive of {company}", "company"),
        ("Chairman", "", "the chairman of {company}", "company"),
        ("", "", "chief financial officer of {company}", "company"),
        ("", "", "an analyst at {company}", "company"),
        ("", "", "the founder of {company}", "company"),
    ],
    "sports": [
        ("Coach", "Coach", "the coach of the {team}", "team"),
        ("", "", "a striker for {team}", "team"),
        ("", "", "the quarterback of the {team}", "team"),
        ("", "", "captain of {team}", "team"),
        ("Manager", "", "the manager of {team}", "team"),
    ],
    "law": [
        ("Judge", "Judge", "a federal judge in {city}", "city"),
        ("Prosecutor", "", "the chief prosecutor in {city}", "city"),
        ("Detective", "Detective", "a detective with the {city} police", "city"),
        ("Police Chief", "Chief", "the police chief of {city}", "city"),
        ("Sheriff", "Sheriff", "the sheriff of {city} County", "city"),
        ("", "", "a lawyer for the family", "city"),
    ],
    "science": [
        ("Dr.", "Dr.", "a professor of medicine at {university}", "university"),
        ("Professor", "Professor", "a physicist at {university}", "university"),
        ("", "", "an economist at {university}", "university"),
        ("Dr.", "Dr.", "a researcher at {university}", "university"),
    ],
    "culture": [
        ("", "", "the actress", "none"),
        ("", "", "the singer", "none"),
        ("", "", "the film director", "none"),
        ("", "", "the novelist", "none"),
        ("", "", "the actor", "none"),
    ],
}
FIELD_WEIGHTS = {"politics": 0.4, "business": 0.17, "sports": 0.13, "law": 0.12, "science": 0.08, "culture": 0.1}
START, END = date(2010, 1, 1), date(2019, 12, 31)


@dataclass
class Role:
    long: str
    short: str
    apposition: str  # formatted ("the coach of the Chicago Bulls")
    adj: str  # nationality adjective for "Russian Foreign Minister ..." ("" when not used)
    since: date
    until: date


@dataclass
class Person:
    eid: str
    origin: str
    gender: str
    field: str
    given: tuple[str, ...]  # spelling variants, first most common
    surname: tuple[str, ...]
    nickname: str = ""  # a nickname some outlets (or all, if goes_by_nick) use
    goes_by_nick: bool = False
    middle: str = ""  # middle initial ("W.")
    suffix: str = ""  # "Jr."
    surname_first: bool = False
    roles: list[Role] = field(default_factory=list)

    @property
    def label(self) -> str:
        return "_".join(self.full_name(self.given[0], self.surname[0]).lower().split())

    def given_form(self, outlet: int, rng: random.Random) -> str:
        if self.nickname and (self.goes_by_nick and rng.random() < 0.8 or not self.goes_by_nick and rng.random() < 0.15):
            return self.nickname
        return self.given[_variant(self.given, outlet, rng)]

    def surname_form(self, outlet: int, rng: random.Random) -> str:
        return self.surname[_variant(self.surname, outlet, rng)]

    def full_name(self, given: str, surname: str, middle: bool = True) -> str:
        if self.surname_first:
            return f"{surname} {given}"
        parts = [given] + ([self.middle] if middle and self.middle else []) + [surname] + ([self.suffix] if self.suffix else [])
        return " ".join(parts)

    def role_at(self, d: date) -> Role | None:
        for r in self.roles:
            if r.since <= d <= r.until:
                return r
        return None


def _variant(variants: tuple[str, ...], outlet: int, rng: random.Random) -> int:
    """Outlets stick to one spelling (hash of outlet and name), with some noise."""
    if len(variants) == 1:
        return 0
    if rng.random() < 0.15:
        return rng.randrange(len(variants))
    return (outlet * 7 + sum(map(ord, variants[0]))) % len(variants)


def _choice(rng: random.Random, seq):
    """`rng.choice(seq)` without its two Python calls per draw (17 million at 100k articles):
    the same getrandbits draws as CPython's `Random._randbelow_with_getrandbits`, so the
    same item and the same state after it."""
    n = len(seq)
    k = n.bit_length()
    r = rng.getrandbits(k)
    while r >= n:
        r = rng.getrandbits(k)
    return seq[r]


class _Weights:
    """Items with their cumulative weights, summed once.

    `rng.choices(items, weights=w)` sums the weights on every call (30,000 surnames per
    person drawn); this draws the same item from the same single `rng.random()`, by the
    same float arithmetic as `random.choices`, so the corpus stays byte-identical."""

    __slots__ = ("items", "cum", "total", "hi")

    def __init__(self, items: list, weights: list[float] | None = None, cum_weights: list[float] | None = None):
        self.items = items
        self.cum = cum_weights if cum_weights is not None else list(accumulate(weights))
        self.total = self.cum[-1] + 0.0
        self.hi = len(items) - 1

    def draw(self, rng: random.Random):
        return self.items[bisect(self.cum, rng.random() * self.total, 0, self.hi)]


_N_ROLES = _Weights([1, 2, 3], [0.5, 0.35, 0.15])
_N_CAST = _Weights([1, 2, 3, 4], [0.15, 0.35, 0.35, 0.15])
_FIELDS = _Weights(list(FIELD_WEIGHTS), list(FIELD_WEIGHTS.values()))


def _role(rng: random.Random, fld: str, origin: str, since: date, until: date) -> Role:
    long, short, appo, kind = _choice(rng, ROLES[fld])
    adj, country, capital = _choice(rng, COUNTRIES.get(origin, COUNTRIES["anglo"]))
    if kind in ("state",) and origin != "anglo":
        kind = "country"
        appo = "a member of parliament in {country}"
        long, short = "lawmaker", ""
    fill = {
        "country": country,
        "adj": adj,
        "state": _choice(rng, US_STATES),
        "city": _choice(rng, CITIES),
        "company": _choice(rng, _companies),
        "team": _choice(rng, TEAMS),
        "university": _choice(rng, UNIVERSITIES),
    }
    use_adj = adj if kind == "country" and long and long[0].isupper() and long not in ("Secretary of State", "Defense Secretary") else ""
    return Role(long, short, appo.format(**fill), use_adj, since, until)


ORG_WORDS = ["Holdings", "Capital", "Group", "Energy", "Partners", "Logistics", "Pharmaceuticals", "Foods", "Motors", "Bank", "Insurance",
             "Media", "Technologies", "Airlines", "Mining", "& Co.", "Brothers", "Industries", "Securities", "Steel"]
_companies: list[str] = list(COMPANIES)


def make_companies(seed: int, n: int = 400) -> list[str]:
    """Well-known firms plus generated ones, many named after people ("Hartley Logistics",
    "Baxter & Reid"): organizations whose names look like person names."""
    rng = random.Random(seed * 31 + 5)
    _, _, last = _census()
    surnames = [n_ for n_, _ in last[:3000]]
    out = list(COMPANIES)
    while len(out) < n:
        a = _choice(rng, surnames)
        x = rng.random()
        if x < 0.7:
            name = f"{a} {_choice(rng, ORG_WORDS)}"
        elif x < 0.9:
            name = f"{a} & {_choice(rng, surnames)}"
        else:
            name = f"{_choice(rng, CITIES)} {_choice(rng, ORG_WORDS)}"
        if name not in out:
            out.append(name)
    return out


def make_population(n_people: int, seed: int) -> list[Person]:
    """People with names, careers and deliberate confusables (shared surnames, namesakes)."""
    rng = random.Random(seed * 7919 + 1)
    male, female, last = _census()
    # Flattened census weights (sqrt): news people are more varied than census frequency.
    m_names = _Weights([n for n, _ in male], [math.sqrt(f) for _, f in male])
    f_names = _Weights([n for n, _ in female], [math.sqrt(f) for _, f in female])
    s_names = _Weights([n for n, _ in last], [math.sqrt(f) for _, f in last])
    nick = _nicknames()
    origins = _Weights(list(ORIGIN_WEIGHTS), list(ORIGIN_WEIGHTS.values()))
    people: list[Person] = []
    used: set[tuple[str, str]] = set()  # full names taken: namesakes only where made on purpose below
    for i in range(n_people):
        origin = origins.draw(rng)
        gender = "m" if rng.random() < 0.65 else "f"
        fld = _FIELDS.draw(rng)
        p = Person(f"P{i:06d}", origin, gender, fld, (), ())
        if origin != "anglo":
            for _ in range(30):
                p.given, p.surname = _intl_name(origin, gender, rng)
                if (p.given[0], p.surname[0]) not in used:
                    break
            else:  # this origin's name combinations are used up: draw an anglo name instead
                origin = p.origin = "anglo"
        if origin == "anglo":
            for _ in range(30):
                g = m_names.draw(rng) if gender == "m" else f_names.draw(rng)
                sn = s_names.draw(rng)
                if (g, sn) not in used:
                    break
            p.given = (g,)
            p.surname = (sn,)
            if g in nick and rng.random() < 0.35:
                p.nickname = _choice(rng, nick[g])
                p.goes_by_nick = rng.random() < 0.4
            if rng.random() < 0.12:
                p.middle = _choice(rng, "ABCDEFGHJKLMNPRSTW") + "."
            if gender == "m" and rng.random() < 0.015:
                p.suffix = "Jr."
        else:
            p.surname_first = origin == "chinese"
        used.add((p.given[0], p.surname[0]))
        people.append(p)
    # Confusables: people sharing a surname within a field (relatives, colleagues) ...
    for p in people:
        r = rng.random()
        if r < 0.04:
            other = _choice(rng, people)
            if other is not p and other.origin == p.origin:
                p.surname = other.surname
        # ... and namesakes: same full name, different person (different field, other titles).
        elif r < 0.06:
            other = _choice(rng, people)
            if other is not p and other.origin == p.origin and other.field != p.field:
                p.given, p.surname, p.surname_first = other.given, other.surname, other.surname_first
                p.nickname, p.goes_by_nick, p.middle = "", False, ""
    # Careers: 1-3 roles over the decade; a title change is a new role from a date on.
    span = (END - START).days
    for p in people:
        k = _N_ROLES.draw(rng)
        cuts = sorted(rng.sample(range(60, span - 60), k - 1)) if k > 1 else []
        bounds = [0] + cuts + [span + 1]
        for a, b in zip(bounds, bounds[1:]):
            p.roles.append(_role(rng, p.field, p.origin, START + timedelta(days=a), START + timedelta(days=b - 1)))
    return people


# --------------------------------------------------------------------------- articles


class _Text:
    """Builds article text piece by piece and records gold name spans."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.gold: list[tuple[int, int, int, int, str, str]] = []  # start, end, name_start, name_end, eid, form

    def add(self, s: str) -> None:
        # An apposition ends with a comma; do not double it before ", who" or ".".
        if s[:1] in ",." and self.parts and self.parts[-1].endswith(","):
            self.parts[-1] = self.parts[-1][:-1]
            self.pos -= 1
        self.parts.append(s)
        self.pos += len(s)

    def name(self, prefix: str, name: str, suffix: str, eid: str, form: str) -> None:
        start = self.pos
        self.add(prefix)
        ns = self.pos
        self.add(name)
        ne = self.pos
        self.add(suffix)
        self.gold.append((start, self.pos, ns, ne, eid, form))

    def text(self) -> str:
        return "".join(self.parts)


QUOTES = ["We will not back down", "This is a difficult day for everyone", "The numbers speak for themselves",
          "Nobody expected it to happen this fast", "We are looking at all the options", "It is too early to say",
          "I have full confidence in the team", "The decision was not an easy one", "Talks will continue next week"]
CLAUSES = ["the talks had made progress", "the company would cut 2,000 jobs", "the investigation was continuing",
           "no decision had been made", "the agreement would be signed before the end of the year", "prices were expected to rise",
           "the team needed more time", "the report was inaccurate", "more troops would be sent", "the vote had been postponed",
           "the new rules would take effect in {month}", "the results were encouraging"]
FILLERS = [
    "Shares of {company} fell {n} percent in {city} trading on {weekday}.",
    "The meeting in {city} was the first of its kind since {month}.",
    "{institution} declined to comment on the report.",
    "According to {agency}, at least {n} people were injured.",
    "Officials at {company} said the figures would be published in {month}.",
    "The announcement came as {institution} prepared for a vote on the budget.",
    "Traffic was closed on {surname} Street for several hours.",
    "Students at {surname} High School were sent home early on {weekday}.",
    "The {city} office of {company} will remain open.",
    "Analysts had expected a smaller loss, {agency} reported.",
    "It was not immediately clear how many people had been evacuated.",
    "The {surname} Foundation said it would fund the project for {n} years.",
    "Investors in {city} and {city2} were watching for signs of a slowdown, and several funds said they had reduced their holdings.",
    "The report, which runs to more than {n} pages, was prepared with help from {company} and {institution}.",
    "In {month}, a similar proposal was rejected after weeks of debate, and it was not clear whether it would fare better this time.",
    "Local media in {city} said the decision could affect thousands of workers across the region over the coming months.",
    "A spokeswoman for {company} said the firm was cooperating fully and would release more information when it became available.",
    "Police in {city} said {n} people had been detained and that an investigation into the causes of the unrest had been opened.",
    "Critics say the plan does little to address the underlying problems, while supporters argue it is a necessary first step.",
    "Negotiators from {country} arrived in {city} late on {weekday}.",
    "More than {n} people gathered outside {institution} on {weekday} evening.",
]


def _fill(t: str, rng: random.Random, surnames: list[str]) -> str:
    return t.format(
        company=_choice(rng, _companies), city=_choice(rng, CITIES), city2=_choice(rng, CITIES), weekday=_choice(rng, WEEKDAYS), month=_choice(rng, MONTHS),
        institution=_choice(rng, INSTITUTIONS), agency=_choice(rng, AGENCIES), n=rng.randint(2, 90), surname=_choice(rng, surnames),
        country=_choice(rng, COUNTRIES[_choice(rng, list(COUNTRIES))])[1],
    )


def _sentence_start(s: str) -> str:
    return s[0].upper() + s[1:]


class _Cast:
    """The people of one article and how this outlet names them."""

    def __init__(self, p: Person, d: date, outlet: int, rng: random.Random):
        self.p, self.d, self.outlet, self.rng = p, d, outlet, rng
        self.role = p.role_at(d)
        self.surname = p.surname_form(outlet, rng)
        self.introduced = False


def _first_mention(t: _Text, c: _Cast, sentence_start: bool, appos: bool = True) -> None:
    """Full name, often with the current title before it or an apposition after it."""
    p, r, rng = c.p, c.role, c.rng
    name = p.full_name(p.given_form(c.outlet, rng), c.surname, rng.random() < 0.6)
    c.introduced = True
    x = rng.random()
    if r and r.long and x < 0.45:
        prefix = (f"{r.adj} " if r.adj and rng.random() < 0.5 else "") + r.long + " "
        t.name(_sentence_start(prefix) if sentence_start else prefix, name, "", p.eid, "title_full")
    elif r and x < 0.8 and appos:
        t.name("", name, "", p.eid, "full_appos")
        t.add(f", {r.apposition},")
    else:
        t.name("", name, "", p.eid, "full")


def _follow_mention(t: _Text, c: _Cast, sentence_start: bool) -> None:
    p, r, rng = c.p, c.role, c.rng
    x = rng.random()
    hon = "Mr." if p.gender == "m" else "Ms."
    if r and r.short and x < 0.25:
        t.name(r.short + " ", c.surname, "", p.eid, "title_surname")
    elif c.outlet % 3 == 0 and x < 0.55:
        t.name(hon + " ", c.surname, "", p.eid, "honorific_surname")
    elif p.field in ("sports", "culture") and x > 0.97 and not p.surname_first:
        t.name("", p.given_form(c.outlet, rng), "", p.eid, "given_only")
    else:
        t.name("", c.surname, "", p.eid, "surname")


def _mention(t: _Text, c: _Cast, sentence_start: bool = False, appos: bool = True) -> None:
    if not c.introduced:
        _first_mention(t, c, sentence_start, appos)
    else:
        _follow_mention(t, c, sentence_start)


def _person_sentence(t: _Text, cast: list[_Cast], rng: random.Random, surnames: list[str]) -> None:
    c = _choice(rng, cast)
    k = rng.randrange(9)
    if k == 0:
        t.add(f"\"{_choice(rng, QUOTES)},\" ")
        _mention(t, c)
        t.add(" told reporters in " + _choice(rng, CITIES) + ".")
    elif k == 1:
        _mention(t, c, True)
        t.add(f" said on {_choice(rng, WEEKDAYS)} that " + _fill(_choice(rng, CLAUSES), rng, surnames) + ".")
    elif k == 2 and len(cast) > 1:
        other = _choice(rng, [o for o in cast if o is not c])
        _mention(t, c, True)
        t.add(" met ")
        _mention(t, other)
        t.add(f" in {_choice(rng, CITIES)} on {_choice(rng, MONTHS)} {rng.randint(1, 28)}.")
    elif k == 3:
        t.add(f"In an interview with {_choice(rng, AGENCIES)}, ")
        _mention(t, c)
        t.add(" said " + _fill(_choice(rng, CLAUSES), rng, surnames) + ".")
    elif k == 4:
        t.add(_sentence_start(_fill(_choice(rng, FILLERS), rng, surnames))[:-1] + ", ")
        _mention(t, c)
        t.add(" said.")
    elif k == 5:
        _mention(t, c, True, appos=False)
        t.add("'s office said in a statement that " + _fill(_choice(rng, CLAUSES), rng, surnames) + ".")
        if t.gold:  # the possessive stays outside the name span; mark the extent
            s, e, ns, ne, eid, form = t.gold[-1]
            t.gold[-1] = (s, e, ns, ne, eid, form + "_possessive")
    elif k == 6:
        t.add(f"{_choice(rng, WEEKDAYS)}'s decision was welcomed by ")
        _mention(t, c)
        t.add(", who called it \"" + _choice(rng, QUOTES).lower() + ".\"")
    elif k == 7 and len(cast) > 1:
        other = _choice(rng, [o for o in cast if o is not c])
        t.add("Asked about ")
        _mention(t, other)
        t.add(", ")
        _mention(t, c)
        t.add(" declined to comment.")
    else:
        _mention(t, c, True)
        t.add(f", who spoke at {_choice(rng, INSTITUTIONS)} on {_choice(rng, WEEKDAYS)}, did not give details.")


def _pick_people(rng: random.Random, people_by_field: dict, popularity: dict[str, _Weights], fld: str, k: int) -> list[Person]:
    """Zipf-popular people, mostly from the article's field."""
    out: list[Person] = []
    fields = list(people_by_field)
    for _ in range(k * 3):
        f = fld if rng.random() < 0.8 else _choice(rng, fields)
        pool = people_by_field[f]
        if not pool:
            continue
        p = popularity[f].draw(rng)
        # Writers do not leave two people of one surname as bare "Kuznetsov" in one
        # story; such a pair would be unresolvable by design, so it is not generated.
        if p not in out and not any(set(p.surname) & set(o.surname) for o in out):
            out.append(p)
        if len(out) == k:
            break
    return out


def make_article(i: int, seed: int, people_by_field: dict, popularity: dict[str, _Weights], surnames: list[str]) -> tuple[dict, list[tuple]]:
    rng = random.Random(seed * 1_000_003 + i)
    d = START + timedelta(days=rng.randrange((END - START).days + 1))
    outlet = rng.randrange(OUTLETS)
    fld = _FIELDS.draw(rng)
    cast = [_Cast(p, d, outlet, rng) for p in _pick_people(rng, people_by_field, popularity, fld, _N_CAST.draw(rng))]
    t = _Text()
    place = _choice(rng, CITIES).upper()
    t.add(f"{place}, {MONTHS[d.month - 1]} {d.day} ({_choice(rng, AGENCIES).replace('the ', '')}) - ")
    n_par = rng.randint(4, 8)
    for par in range(n_par):
        n_sent = rng.randint(2, 4)
        for s in range(n_sent):
            if s:
                t.add(" ")
            # First paragraph introduces the people; later ones mix in filler sentences.
            if cast and (par == 0 or rng.random() < 0.33):
                _person_sentence(t, cast, rng, surnames)
            else:
                t.add(_sentence_start(_fill(_choice(rng, FILLERS), rng, surnames)))
        t.add("\n")
    head = cast[0].surname if cast else _choice(rng, CITIES)
    title = f"{head} {_choice(rng, ['warns', 'says', 'faces questions', 'in talks'])} on {_choice(rng, ['budget', 'trade', 'security', 'season', 'trial', 'report'])}"
    art = {"id": f"a{i:07d}", "date": d.isoformat(), "title": title, "text": t.text()}
    return art, t.gold


def _population(n_articles: int, seed: int, n_people: int | None) -> tuple[list[Person], dict, dict, list[str]]:
    """(people, people by field, Zipf cumulative weights by field, common surnames) for N articles."""
    global _companies
    _companies = make_companies(seed)
    people = make_population(n_people or max(60, int(40 + 0.35 * n_articles)), seed)
    by_field: dict[str, list[Person]] = {f: [] for f in FIELD_WEIGHTS}
    for p in people:
        by_field[p.field].append(p)
    cum: dict[str, _Weights | None] = {}
    for f, pool in by_field.items():
        acc, c = 0.0, []
        for rank in range(len(pool)):
            acc += 1.0 / (rank + 1) ** 0.9  # Zipf popularity: few people in many articles, most in one or two
            c.append(acc)
        cum[f] = _Weights(pool, cum_weights=c) if pool else None
    return people, by_field, cum, [p.surname[0] for p in people[:200]]


def iter_corpus(n_articles: int, seed: int, people: list[Person], by_field: dict, cum: dict, surnames: list[str],
                start: int = 0, labels: list[str] | None = None) -> Iterator[tuple[dict, list[dict], list[dict]]]:
    """(article, its gold rows, its range rows) one article at a time, articles start..N-1:
    a million articles never sit in memory together."""
    if labels is None:  # a property that joins and lowercases: once per person, not per mention
        labels = [p.label for p in people]
    for i in range(start, n_articles):
        art, spans = make_article(i, seed, by_field, cum, surnames)
        text = art["text"]
        gold = [{"doc_id": art["id"], "start": s, "end": e, "text": text[s:e], "name_start": ns, "name_end": ne,
                 "name_text": text[ns:ne], "entity_id": eid, "entity_label": labels[int(eid[1:])],
                 "coref_status": "cross_doc", "in_selected_sentence": 1, "form": form}
                for s, e, ns, ne, eid, form in spans]
        ranges = []
        pos = 0
        for line_no, line in enumerate(text.split("\n"), 1):
            if line:
                ranges.append({"doc_id": art["id"], "sentence": line_no, "line": line_no, "start": pos, "end": pos + len(line)})
            pos += len(line) + 1
        yield art, gold, ranges


def generate(n_articles: int, seed: int = 7, n_people: int | None = None) -> tuple[list[dict], list[dict], list[dict], list[Person]]:
    """(articles, gold rows, range rows, people) for N articles, in memory; deterministic in (N, seed)."""
    people, by_field, cum, surnames = _population(n_articles, seed, n_people)
    articles, gold, ranges = [], [], []
    for art, g, r in iter_corpus(n_articles, seed, people, by_field, cum, surnames):
        articles.append(art)
        gold += g
        ranges += r
    return articles, gold, ranges, people


GOLD_FIELDS = ["doc_id", "start", "end", "text", "name_start", "name_end", "name_text", "entity_id", "entity_label",
               "coref_status", "in_selected_sentence", "form"]
RANGE_FIELDS = ["doc_id", "sentence", "line", "start", "end"]
CHUNK = 2000  # articles rendered per task: large enough that passing the text between processes is cheap

# The population of the corpus being written, set before the worker processes fork (they
# inherit it instead of receiving people with every task): people, by field, popularity,
# common surnames, seed, labels, and how many people share each canonical full name.
_WORLD: tuple | None = None


@dataclass
class _Chunk:
    """A run of consecutive articles rendered as the three files' text, and their counts."""

    articles: str
    gold: str
    ranges: str
    words: int
    chars: int
    n_gold: int
    n_shared: int
    mentioned: set[str]


def _render(bounds: tuple[int, int]) -> _Chunk:
    """Articles lo..hi-1 as JSONL and CSV text; each article draws from its own seeded rng,
    so chunks can be rendered in any process and concatenated in order."""
    lo, hi = bounds
    people, by_field, cum, surnames, seed, labels, label_count = _WORLD
    fa, fg, fr = io.StringIO(), io.StringIO(), io.StringIO()
    wg, wr = csv.writer(fg, lineterminator="\n"), csv.writer(fr, lineterminator="\n")
    words = chars = n_gold = n_shared = 0
    mentioned: set[str] = set()
    for art, gold, ranges in iter_corpus(hi, seed, people, by_field, cum, surnames, start=lo, labels=labels):
        fa.write(json.dumps(art, ensure_ascii=False) + "\n")
        # csv.DictWriter writes a row as its values in field order: the same bytes
        wg.writerows([g[k] for k in GOLD_FIELDS] for g in gold)
        wr.writerows([r[k] for k in RANGE_FIELDS] for r in ranges)
        words += len(art["text"].split())
        chars += len(art["text"])
        n_gold += len(gold)
        for g in gold:
            mentioned.add(g["entity_id"])
            n_shared += label_count[g["entity_label"]] > 1
    return _Chunk(fa.getvalue(), fg.getvalue(), fr.getvalue(), words, chars, n_gold, n_shared, mentioned)


def write_corpus(n_articles: int, outdir: Path, seed: int = 7, jobs: int | None = None, chunk: int = CHUNK) -> dict:
    """Generate and write the corpus files, streaming; returns the metadata written to meta.json.

    jobs: processes rendering articles (default: up to 2 for more than one chunk); the
    files are the same bytes for any number."""
    global _WORLD
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    people, by_field, cum, surnames = _population(n_articles, seed, None)
    labels = [p.label for p in people]
    label_count = Counter(labels)
    _WORLD = (people, by_field, cum, surnames, seed, labels, label_count)
    if jobs is None:
        jobs = 1 if n_articles <= chunk else min(2, os.cpu_count() or 1)
    mentioned: set[str] = set()
    n_gold = n_shared = words = chars = 0
    bounds = [(lo, min(lo + chunk, n_articles)) for lo in range(0, n_articles, chunk)]
    pool = multiprocessing.get_context("fork").Pool(jobs) if jobs > 1 else None
    try:
        chunks = pool.imap(_render, bounds) if pool else map(_render, bounds)
        with (
            open(outdir / "articles.jsonl", "w", encoding="utf-8", newline="\n") as fa,
            open(outdir / "gold_mentions.csv", "w", encoding="utf-8", newline="") as fg,
            open(outdir / "ranges.csv", "w", encoding="utf-8", newline="") as fr,
        ):
            fg.write(",".join(GOLD_FIELDS) + "\n")
            fr.write(",".join(RANGE_FIELDS) + "\n")
            for c in chunks:
                fa.write(c.articles)
                fg.write(c.gold)
                fr.write(c.ranges)
                words, chars, n_gold, n_shared = words + c.words, chars + c.chars, n_gold + c.n_gold, n_shared + c.n_shared
                mentioned |= c.mentioned
    finally:
        if pool:
            pool.close()
            pool.join()
        _WORLD = None
    meta = {
        "generator_version": GENERATOR_VERSION,
        "seed": seed,
        "articles": n_articles,
        "people": len(people),
        "entities_mentioned": len(mentioned),
        "gold_mentions": n_gold,
        "words": words,
        "people_by_origin": dict(sorted(Counter(p.origin for p in people).items())),
        # Share of gold mentions whose person has the same canonical full name as another person.
        "mentions_with_shared_full_name": round(n_shared / max(1, n_gold), 4),
        "chars": chars,
    }
    (outdir / "meta.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    return meta


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, help="number of articles")
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--jobs", type=int, default=None, help="processes rendering articles (default: up to 2); same bytes for any")
    args = ap.parse_args()
    print(json.dumps(write_corpus(args.n, args.outdir, args.seed, args.jobs)))


if __name__ == "__main__":
    main()
