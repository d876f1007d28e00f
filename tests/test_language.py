"""resolve.language: articles that do not look English are told apart from English news, cheaply."""

from __future__ import annotations

import pandas as pd
import pytest

from resolve.language import MIN_WORDS, english_share, language_problems, looks_non_english

ENGLISH = (
    "The foreign minister said on Tuesday that Britain would back the plan. According to him, talks with "
    "European partners had moved on a long way since last month, and a deal could be signed before the end "
    "of the year. The chair of the committee welcomed the news at a press conference in London."
)
OTHER = {
    "fr": "Le ministre des Affaires étrangères a déclaré mardi que la France soutiendrait le projet. Selon lui, les "
    "négociations avec les partenaires européens ont beaucoup avancé depuis le mois dernier, et un accord pourrait "
    "être signé avant la fin de l'année.",
    "de": "Der Außenminister sagte am Dienstag, dass Deutschland das Vorhaben unterstützen werde. Nach seinen Worten "
    "seien die Verhandlungen mit den europäischen Partnern seit dem vergangenen Monat weit vorangekommen, und eine "
    "Einigung könne noch vor Ende des Jahres unterzeichnet werden.",
    "es": "El ministro de Asuntos Exteriores dijo el martes que España apoyará el proyecto. Según él, las "
    "negociaciones con los socios europeos han avanzado mucho desde el mes pasado, y un acuerdo podría firmarse "
    "antes de fin de año en Bruselas.",
    "ru": "Министр иностранных дел заявил во вторник, что Россия поддержит проект. По его словам, переговоры с "
    "европейскими партнёрами значительно продвинулись с прошлого месяца, и соглашение может быть подписано до "
    "конца года в Москве.",
}


def test_english_news_with_foreign_names_is_english():
    text = ENGLISH + " Sergei Lavrov, Αλέξης Τσίπρας and Jean-Marc Ayrault were there too, officials said."
    assert not looks_non_english(text)
    assert english_share(text)[0] > 0.2


@pytest.mark.parametrize("lang", sorted(OTHER))
def test_other_languages_look_non_english(lang):
    assert looks_non_english(OTHER[lang])


def test_short_texts_are_not_judged():
    short = " ".join(OTHER["fr"].split()[: MIN_WORDS - 1])
    assert english_share(short)[1] == MIN_WORDS - 1 and not looks_non_english(short)


def test_one_warning_per_non_english_article_at_its_source():
    articles = pd.DataFrame({"text": [ENGLISH, OTHER["de"], OTHER["es"]], "source": ["a.txt", "feed.jsonl:2", "feed.jsonl:3"]})
    problems = list(language_problems(articles))
    assert [p.where for p in problems] == ["feed.jsonl:2", "feed.jsonl:3"]
    assert all(p.severity == "warning" and "does not look like English" in p.message for p in problems)
