"""Repeated web-page text (resolve.boilerplate): ranges to skip, offsets into the original."""

from __future__ import annotations

from resolve.boilerplate import repeated_ranges


def test_repeat_is_found_whatever_white_space_it_uses():
    line = "Photo: the minister arrives at the summit in Geneva on Monday."
    odd = line.replace(" ", "\u2003", 1).replace(" ", " \t ", 1)  # em space, tabs: still white space
    text = f"{line}\nBody text here.\n{odd}\n"
    (s, e), = repeated_ranges(text)
    assert text[s:e] == odd


def test_short_lines_and_different_lines_are_not_repeats():
    text = "Monday\nMonday\nThe first long line of this article is here.\nThe second long line of this article is here."
    assert repeated_ranges(text) == []


def test_repeated_beginning_glued_to_other_text_is_skipped_alone():
    lead = "GENEVA -- The talks resumed on Monday after a long break."
    text = f"{lead}\nMore.\n{lead}Markets Rose Sharply"
    (s, e), = repeated_ranges(text)
    assert text[s:e] == lead and text[e:] == "Markets Rose Sharply"
