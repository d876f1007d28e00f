"""Incremental runs (`--registry`): stable IDs, merges and redirects, hand edits.

End to end through the CLI runner on the seeds (and a small ECB+ subset); the
anchoring and merge rules themselves are unit-tested in test_ids.py and test_tables.py.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from resolve import load_rules, resolve_mentions
from resolve.registry import load_registry
from resolve.registry.continuation import PSEUDO_PREFIX, registry_mentions
from resolve.io.tables import read_output

from ..conftest import ECB, SEEDS
from .handmade import PREV, PREV_TITLES, previous
from .runs import FILES, FIRST, SECOND, batch, cli, entity_of, jsonl, registry_row, rows, run_ok, write_rows

# --- IDs kept across batches ------------------------------------------------------------


def test_ids_kept_across_batches(tmp_path, first_run):
    (donilon,) = entity_of(first_run, "Thomas Donilon")
    run_ok(batch(tmp_path, "b2", SECOND), "-o", tmp_path / "out2", "--registry", first_run / "registry.csv")
    out2 = tmp_path / "out2"
    # "Tom Donilon" only occurs in the second article: it gets the first run's ID.
    assert entity_of(out2, "Tom Donilon") == {donilon}
    row = registry_row(out2, donilon)
    assert row["name"] == "Thomas Donilon"
    assert set(row["aliases"].split("|")) >= {"Thomas Donilon", "Tom Donilon"}
    # Counts are cumulative over the chained runs.
    assert int(row["n_articles"]) == 2
    assert set(row["article_ids"].split("|")) == {FIRST.stem, SECOND.stem}
    first_row = registry_row(first_run, donilon)
    n_second = sum(1 for r in rows(out2 / "mentions.csv") if r["entity_id"] == donilon)
    assert int(row["n_mentions"]) == int(first_row["n_mentions"]) + n_second
    # No known ID disappears: every first-run entity is still in the registry.
    assert {r["entity_id"] for r in rows(first_run / "registry.csv")} <= {r["entity_id"] for r in rows(out2 / "registry.csv")}
    # Hagel only occurs in the first article: kept with his stats unchanged.
    (hagel,) = entity_of(first_run, "Chuck Hagel")
    kept = registry_row(out2, hagel)
    assert {k: kept[k] for k in ("name", "n_mentions", "n_articles", "article_ids")} == {
        k: registry_row(first_run, hagel)[k] for k in ("name", "n_mentions", "n_articles", "article_ids")
    }
    # His titles.csv rows are carried over too.
    assert [r for r in rows(out2 / "titles.csv") if r["entity_id"] == hagel] == [r for r in rows(first_run / "titles.csv") if r["entity_id"] == hagel]


def test_registry_may_be_the_output_directory(tmp_path, first_run):
    """--registry OUT -o OUT: the previous files are read before anything is written."""
    run_ok(batch(tmp_path, "b2", SECOND), "-o", tmp_path / "sep", "--registry", first_run)
    run_ok(tmp_path / "b2", "-o", first_run, "--registry", first_run)
    for name in FILES:
        assert (first_run / name).read_bytes() == (tmp_path / "sep" / name).read_bytes(), name


def test_rerunning_a_batch_is_idempotent(tmp_path):
    """Articles already counted by the registry are not counted twice."""
    run_ok(SEEDS, "-o", tmp_path / "a")
    shutil.copytree(tmp_path / "a", tmp_path / "b")
    run_ok(SEEDS, "-o", tmp_path / "b", "--registry", tmp_path / "b")
    for name in FILES:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


# --- determinism --------------------------------------------------------------------


def test_shuffled_input_order_gives_identical_files(tmp_path, first_run):
    recs = [{"id": p.stem, "text": p.read_text(encoding="utf-8")} for p in (FIRST, SECOND)]
    # The same two articles under more ids, so that the order has something to change.
    recs += [{"id": f"copy-{r['id']}", "text": r["text"]} for r in recs]
    outs = []
    for seed in (1, 2, 3):
        random.Random(seed).shuffle(recs)
        src = jsonl(tmp_path / f"in{seed}.jsonl", recs)
        run_ok(src, "-o", tmp_path / f"o{seed}", "--registry", first_run)
        outs.append(tmp_path / f"o{seed}")
    for name in FILES:
        data = {(o / name).read_bytes() for o in outs}
        assert len(data) == 1, name


def _partition(*outdirs: Path, only: set | None = None) -> set[frozenset]:
    groups: dict[str, set] = {}
    for d in outdirs:
        for r in rows(d / "mentions.csv"):
            if only is None or r["mention_id"] in only:
                groups.setdefault(r["entity_id"], set()).add(r["mention_id"])
    return {frozenset(g) for g in groups.values()}


def _mention_ids(*outdirs: Path) -> set[str]:
    return {r["mention_id"] for d in outdirs for r in rows(d / "mentions.csv")}


def _comparable_registry(outdir: Path) -> set[tuple]:
    """Registry rows without the IDs (which depend on when an entity was first seen)."""
    keep = ("name", "aliases", "titles", "affiliations", "n_mentions", "n_articles", "first_seen", "last_seen", "article_ids", "alias_counts")
    return {tuple(r[k] for k in keep) for r in rows(outdir / "registry.csv")}


def _one_go_and_two_batches(tmp: Path, articles: list[Path]) -> tuple[Path, Path, Path]:
    """The same extracted mentions resolved in one go, and in two batches chained by registry.

    Extraction is done once for all articles, so that only resolution is compared
    (extraction may use names seen elsewhere in the batch: see the CLI test below).
    """
    from resolve import extract_mentions, read_articles
    from resolve.io.tables import write_tables

    rules = load_rules()
    arts, _ = read_articles([str(p) for p in articles])
    mentions = extract_mentions(arts, rules)
    write_tables(resolve_mentions(mentions, arts, rules), tmp / "all")
    first = set(arts["article_id"][::2])
    for name, keep, prev in (("one", True, None), ("two", False, tmp / "one")):
        a = arts[arts["article_id"].isin(first) == keep]
        m = mentions[mentions["article_id"].isin(first) == keep]
        write_tables(resolve_mentions(m, a, rules, registry=prev), tmp / name)
    return tmp / "all", tmp / "one", tmp / "two"


def test_one_go_equals_two_batches_on_seeds(tmp_path):
    both, one, two = _one_go_and_two_batches(tmp_path, [FIRST, SECOND])
    assert _partition(both) == _partition(one, two)
    assert _comparable_registry(both) == _comparable_registry(two)


@pytest.mark.skipif(not ECB.is_dir(), reason="ECB+ dev data not present")
def test_one_go_equals_two_batches_on_ecbplus_subset(tmp_path):
    # Two topics, alternate articles in each batch: the second batch must re-find the
    # people of the first through the registry alone.
    arts = sorted(p for p in (ECB / "articles").glob("*.txt") if p.name.split("_")[0] in {"1", "3"})
    assert len(arts) > 20
    both, one, two = _one_go_and_two_batches(tmp_path, arts)
    assert _partition(both) == _partition(one, two)
    assert _comparable_registry(both) == _comparable_registry(two)


def test_one_go_and_two_batches_cluster_common_mentions_alike_via_cli(tmp_path, first_run):
    """Through `resolve run`: mentions found in both set-ups are clustered alike.

    Known exception: the extractor may find a bare surname ("Putin") only when the
    full name occurs elsewhere in the batch, so a batch can have fewer mentions.
    """
    run_ok(SEEDS, "-o", tmp_path / "all")
    run_ok(batch(tmp_path, "b2", SECOND), "-o", tmp_path / "two", "--registry", first_run)
    common = _mention_ids(tmp_path / "all") & _mention_ids(first_run, tmp_path / "two")
    assert len(common) > 20
    assert _partition(tmp_path / "all", only=common) == _partition(first_run, tmp_path / "two", only=common)


# --- merges and redirects -----------------------------------------------------------


def _judgement_rules(tmp: Path, a: str, b: str) -> Path:
    d = tmp / "rules"
    d.mkdir()
    (d / "judgements.csv").write_text(f"judgement,a,b,note\nmust_link,{a},{b},same person (test)\n", encoding="utf-8")
    return d


def test_merge_produces_redirect_and_later_runs_follow_it(tmp_path, first_run):
    (donilon,) = entity_of(first_run, "Thomas Donilon")
    # A second entry for the same man, imported by hand (no counts), seen later.
    reg = rows(first_run / "registry.csv")
    reg.append({k: "" for k in reg[0]} | {"entity_id": "Hand-tom", "name": "Tom Donilon", "aliases": "Tom Donilon", "first_seen": "2013-04-01"})
    write_rows(first_run / "registry.csv", reg)
    # A human judgement (by ID) says the two registry entities are one person.
    rules_dir = _judgement_rules(tmp_path, "Hand-tom", donilon)
    code, out, res = cli("run", "-q", batch(tmp_path, "b2", SECOND), "-o", tmp_path / "m", "--registry", first_run, "--rules", rules_dir)
    assert code == 0, out
    m = tmp_path / "m"
    reg2 = {r["entity_id"]: r for r in rows(m / "registry.csv")}
    # The entity first seen earliest survives; the other one becomes a redirect.
    assert donilon in reg2 and "Hand-tom" not in reg2
    (red,) = rows(m / "redirects.csv")
    assert (red["old_id"], red["new_id"]) == ("Hand-tom", donilon)
    assert "new mention" in red["reason"] and red["run_date"] == "2013-04-16"  # latest article date of the batch
    assert reg2[donilon]["name"] == "Thomas Donilon"
    assert {"Thomas Donilon", "Tom Donilon"} <= set(reg2[donilon]["aliases"].split("|"))
    assert reg2[donilon]["first_seen"] == "2013-03-26"
    n_new = len([r for r in rows(m / "mentions.csv") if r["entity_id"] == donilon])
    assert int(reg2[donilon]["n_mentions"]) == int(registry_row(first_run, donilon)["n_mentions"]) + n_new
    # Every mention of the second batch uses live IDs only.
    assert entity_of(m, "Tom Donilon") == {donilon}

    # A later run (without the judgement) keeps the redirect and the merged entity.
    src = jsonl(tmp_path / "b3.jsonl", [{"id": "later", "text": "National security adviser Tom Donilon met Putin.", "date": "2013-05-02"}])
    run_ok(src, "-o", tmp_path / "later", "--registry", m)
    later = tmp_path / "later"
    assert [(r["old_id"], r["new_id"]) for r in rows(later / "redirects.csv")] == [("Hand-tom", donilon)]
    assert entity_of(later, "Tom Donilon") == {donilon}
    assert "Hand-tom" not in {r["entity_id"] for r in rows(later / "registry.csv")}


def test_known_actor_id_redirected_by_registry(tmp_path, first_run):
    """Mentions anchored to a redirected ID (here by a known-actor rule) resolve to its target."""
    (donilon,) = entity_of(first_run, "Thomas Donilon")
    prev = tmp_path / "prev"
    shutil.copytree(first_run, prev)
    write_rows(prev / "redirects.csv", [{"old_id": "Xold-donilon", "new_id": donilon, "reason": "test", "run_date": "2013-01-01"}])
    rules_dir = tmp_path / "rules"
    rules_dir.mkdir()
    (rules_dir / "known_actors.csv").write_text("entity_id,name,aliases\nXold-donilon,Thomas Donilon,Tom Donilon\n", encoding="utf-8")
    code, out, _ = cli("run", "-q", batch(tmp_path, "b2", SECOND), "-o", tmp_path / "o", "--registry", prev, "--rules", rules_dir)
    assert code == 0, out
    assert entity_of(tmp_path / "o", "Tom Donilon") == {donilon}
    assert "Xold-donilon" not in {r["entity_id"] for r in rows(tmp_path / "o" / "registry.csv")}


# --- hand edits ---------------------------------------------------------------------


def test_hand_corrected_name_is_kept(tmp_path, first_run):
    (putin,) = entity_of(first_run, "Vladimir Putin")
    reg = rows(first_run / "registry.csv")
    for r in reg:
        if r["entity_id"] == putin:
            r["name"] = "Vladimir V. Putin"
    write_rows(first_run / "registry.csv", reg)
    run_ok(batch(tmp_path, "b2", SECOND), "-o", tmp_path / "o", "--registry", first_run)
    row = registry_row(tmp_path / "o", putin)
    assert row["name"] == "Vladimir V. Putin"
    assert row["auto_name"] == "Vladimir Putin"  # what resolve would have chosen
    # And it stays the human's in the run after that.
    run_ok(batch(tmp_path, "b3", FIRST), "-o", tmp_path / "o3", "--registry", tmp_path / "o")
    assert registry_row(tmp_path / "o3", putin)["name"] == "Vladimir V. Putin"


def test_added_alias_maps_to_the_entity_and_removed_alias_no_longer_does(tmp_path, first_run):
    (shoygu,) = entity_of(first_run, "Sergey Shoygu")
    alias = "Sergey Kuzhugetovich"  # given name + patronymic: nothing but the alias links it
    text = f"Defense Minister {alias} said on Monday that the talks would go on."
    reg = rows(first_run / "registry.csv")
    for r in reg:
        if r["entity_id"] == shoygu:
            r["aliases"] += "|" + alias
    write_rows(first_run / "registry.csv", reg)
    run_ok(jsonl(tmp_path / "b2.jsonl", [{"id": "b2", "text": text, "date": "2013-05-01"}]), "-o", tmp_path / "o2", "--registry", first_run)
    o2 = tmp_path / "o2"
    assert entity_of(o2, alias) == {shoygu}
    assert alias in registry_row(o2, shoygu)["aliases"].split("|")

    # Without the alias the same article gives someone else: the alias did the linking.
    run_ok(jsonl(tmp_path / "b2.jsonl", [{"id": "b2", "text": text, "date": "2013-05-01"}]), "-o", tmp_path / "plain")
    assert entity_of(tmp_path / "plain", alias) and entity_of(tmp_path / "plain", alias) != {shoygu}

    # The human changes their mind and removes the alias again.
    reg = rows(o2 / "registry.csv")
    for r in reg:
        if r["entity_id"] == shoygu:
            r["aliases"] = "|".join(a for a in r["aliases"].split("|") if a != alias)
    write_rows(o2 / "registry.csv", reg)
    pseudo = registry_mentions(load_registry(o2))
    assert alias not in set(pseudo.loc[pseudo["anchor_id"] == shoygu, "text"])
    run_ok(jsonl(tmp_path / "b3.jsonl", [{"id": "b3", "text": text, "date": "2013-05-02"}]), "-o", tmp_path / "o3", "--registry", o2)
    o3 = tmp_path / "o3"
    (other,) = entity_of(o3, alias)
    assert other != shoygu
    # ... and it stays removed from Shoygu's aliases in later registries.
    assert alias not in registry_row(o3, shoygu)["aliases"].split("|")


# --- library ------------------------------------------------------------------------


def test_library_accepts_a_loaded_registry(first_run):
    rules = load_rules()
    prev = load_registry(first_run / "registry.csv")
    from resolve import extract_mentions, read_articles

    articles, _ = read_articles([str(SECOND)])
    tables = resolve_mentions(extract_mentions(articles, rules), articles, rules, registry=prev)
    assert set(tables) >= {"mentions", "registry", "titles", "redirects"}
    assert set(prev.entities) <= set(tables["registry"]["entity_id"])
    assert not tables["mentions"]["article_id"].str.startswith(PSEUDO_PREFIX).any()
    # read back like resolve's own readers do
    assert read_output(first_run / "registry.csv")["entity_id"].tolist() == sorted(prev.entities)


def test_link_continues_a_registry(tmp_path, first_run):
    (donilon,) = entity_of(first_run, "Thomas Donilon")
    table = tmp_path / "m.csv"
    table.write_text("article_id,text,title\nwire-1,Tom Donilon,national security adviser\nwire-1,Donilon,\n", encoding="utf-8")
    code, out, _ = cli("link", "-q", table, "-o", tmp_path / "o", "--registry", first_run)
    assert code == 0, out
    assert entity_of(tmp_path / "o", "Tom Donilon") == entity_of(tmp_path / "o", "Donilon") == {donilon}
    assert {r["entity_id"] for r in rows(first_run / "registry.csv")} <= {r["entity_id"] for r in rows(tmp_path / "o" / "registry.csv")}


def test_run_date_must_be_an_iso_date(tmp_path, first_run):
    code, out, _ = cli("run", "-q", SECOND, "-o", tmp_path / "o", "--registry", first_run, "--run-date", "last week")
    assert code == 2 and "ISO date" in out


def test_new_evidence_merges_two_registry_entities_with_a_redirect(tmp_path):
    """Two people kept apart in a first run merge later when the evidence changes.

    Here the evidence is a nickname pair a user adds between runs; no judgement names
    the two entities.  The one seen first survives and the other is redirected to it.
    """
    first = jsonl(
        tmp_path / "b1.jsonl",
        [
            {"id": "a1", "text": "Finance Minister Jonas Pellam said on Monday that taxes would rise.", "date": "2020-01-06"},
            {"id": "a2", "text": "Finance Minister Jox Pellam said on Tuesday that talks would resume.", "date": "2020-01-07"},
        ],
    )
    run_ok(first, "-o", tmp_path / "out1")
    (jonas,) = entity_of(tmp_path / "out1", "Jonas Pellam")
    (jox,) = entity_of(tmp_path / "out1", "Jox Pellam")
    assert jonas != jox  # different given names never merge on their own

    rules_dir = tmp_path / "rules"
    rules_dir.mkdir()
    (rules_dir / "nicknames.csv").write_text("name,equivalent\njox,jonas\n", encoding="utf-8")
    second = jsonl(tmp_path / "b2.jsonl", [{"id": "a3", "text": "Jonas Pellam met reporters in the capital.", "date": "2020-02-01"}])
    run_ok(second, "-o", tmp_path / "out2", "--registry", tmp_path / "out1", "--rules", rules_dir)
    out2 = tmp_path / "out2"
    assert [(r["old_id"], r["new_id"]) for r in rows(out2 / "redirects.csv")] == [(jox, jonas)]
    reg = {r["entity_id"]: r for r in rows(out2 / "registry.csv")}
    assert jox not in reg and {"Jonas Pellam", "Jox Pellam"} <= set(reg[jonas]["aliases"].split("|"))
    assert entity_of(out2, "Jonas Pellam") == {jonas}


def test_a_batch_bridging_two_namesakes_of_the_registry_merges_them_as_one_go_would(tmp_path):
    """Two entities kept apart (same name, conflicting posts and employers, years apart)
    merge when a later batch holds the mention that joins them in one go: the previous
    entities wait until the batch's new mention has joined their group, whatever the order
    in which the group lists them."""
    a = {"id": "a1", "date": "2011-03-01", "text": "Nikolai Petrov, a physicist at Moscow State University, said the results were clear. Petrov spoke in Geneva."}
    b = {"id": "a2", "date": "2019-05-01", "text": "Nikolai Petrov, an economist at the University of Lagos, said prices would rise. Petrov spoke in Vienna."}
    c = {"id": "a3", "date": "2015-06-01", "text": "Nikolai Petrov, a physicist at the University of Lagos, said the tests went well. Petrov spoke in Oslo."}
    run_ok(jsonl(tmp_path / "b1.jsonl", [a, b]), "-o", tmp_path / "out1")
    kept = {r["entity_id"] for r in rows(tmp_path / "out1" / "registry.csv")}
    assert len(kept) == 2  # two people as far as the first batch can tell
    run_ok(jsonl(tmp_path / "b2.jsonl", [c]), "-o", tmp_path / "out2", "--registry", tmp_path / "out1")
    run_ok(jsonl(tmp_path / "all.jsonl", [a, b, c]), "-o", tmp_path / "one")
    (survivor,) = {r["entity_id"] for r in rows(tmp_path / "one" / "registry.csv")}
    reg2 = [r["entity_id"] for r in rows(tmp_path / "out2" / "registry.csv")]
    assert reg2 == [survivor]
    (redirect,) = rows(tmp_path / "out2" / "redirects.csv")
    assert (redirect["old_id"], redirect["new_id"]) == ((kept - {survivor}).pop(), survivor)
    assert {r["entity_id"] for r in rows(tmp_path / "out2" / "mentions.csv")} == {survivor}


# --- pseudo-mentions ---------------------------------------------------------------


def test_pseudo_mentions_carry_names_aliases_and_titles(tmp_path):
    prev = previous(tmp_path, PREV, PREV_TITLES)
    p = registry_mentions(prev)
    old = p[p["anchor_id"] == "E-old"]
    assert set(old["article_id"]) == {PSEUDO_PREFIX + "E-old"}
    assert sorted(old["text"]) == ["Donilon", "Thomas Donilon", "Thomas Donilon"]
    assert set(zip(old["title_normalized"], old["affiliation"])) == {("", ""), ("National Security Adviser", "United States")}
    # offsets index a pseudo-text of the forms joined by newlines
    assert list(old["start"]) == sorted(old["start"]) and len(set(old["start"])) == len(old)
    # soft anchors: they may merge on new evidence; nothing else carries the flag
    assert p["soft_anchor"].eq(True).all()


def test_reserved_article_prefix_is_rejected(tmp_path, first_run):
    src = jsonl(tmp_path / "x.jsonl", [{"id": PSEUDO_PREFIX + "x", "text": "Tom Donilon said so."}])
    code, out, _ = cli("run", "-q", src, "-o", tmp_path / "o", "--registry", first_run)
    assert code == 1 and "reserved" in out


def test_a_chained_batch_does_not_merge_a_titled_surname_into_a_namesake(tmp_path):
    """A royal known as "Prince Charles" / "Charles" and, a batch later, a running back "Jamaal
    Charles": the registry's entity keeps its context (title, dates, co-mentioned people), so
    the new full name does not absorb it and the royal keeps his ID, title and first_seen."""
    first = jsonl(
        tmp_path / "b1.jsonl",
        [
            {"id": "r1", "date": "2012-05-02", "text": "Prince Charles opened a new hospital wing in Leeds on Tuesday. Charles met nurses, and Queen Beatrix Ollam sent a letter."},
            {"id": "r2", "date": "2012-05-09", "text": "Prince Charles toured a farm in Devon. Charles praised the growers, said Mayor Tobin Quayle."},
        ],
    )
    second = jsonl(
        tmp_path / "b2.jsonl",
        [{"id": "s1", "date": "2012-09-16", "text": "Running back Jamaal Charles rushed for 120 yards as Kansas City won. Coach Romeo Crennel said Charles was superb."}],
    )
    run_ok(first, "-o", tmp_path / "reg")
    (royal,) = entity_of(tmp_path / "reg", "Charles")
    run_ok(second, "-o", tmp_path / "reg", "--registry", tmp_path / "reg")
    assert rows(tmp_path / "reg" / "redirects.csv") == []
    row = registry_row(tmp_path / "reg", royal)
    assert (row["name"], row["titles"], row["first_seen"]) == ("Charles", "Prince", "2012-05-02")
    assert royal not in entity_of(tmp_path / "reg", "Jamaal Charles")
