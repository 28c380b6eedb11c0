"""Which slot (item, year, part) each file fills: the page decides, its name names the slot and breaks ties.

Shared by the presence check (what is missing) and the content check (what a page is instead); not a check itself
(its name starts with ``_``, so the registry passes it by). Built once per Context.

A file's page is classified by its content alone (the classifier of ``dossiercheck sort``, given no file name):

- ``is``: the content's best item is the file's own, or the content is torn between items and its own is one of
  them (the name breaks the tie), or the item's reader read a field only that document has (KEY_FIELDS);
- ``other``: the content is clearly another item (its score at least ``misfiled_ratio`` times the file's own item's,
  and at least ``misfiled_min_score``) and no reader says otherwise: the file fills nothing here;
- ``unsure``: the page was read but says too little to tell: it fills its slot by name, with a warning;
- ``None``: the page was not read (no OCR was asked for, or no facts): the name decides, as before.

Within the item, the page's own part (front/back, 封面/检索报告 …; the classifier's keywords of each part) and its
own year (the reader's ``2021年度``, else the classifier's) decide when they are read; the name's parts and years are
the candidates otherwise. One file fills one slot: the slots are matched to files (a maximum matching), so a name
that claims two years or both sides fills one, and the second page of a document is not a second document.
The same sheet twice (``samepage.same_sheet``, the one detector ``sort`` uses too) fills one slot: the copy whose page
disagrees with its slot (or, when neither does, the later one) is the wrong one and fills nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from dossiercheck import samepage
from dossiercheck.checklist import Item, matches
from dossiercheck.classify import Classifier, Guess, Leaf, leaves, normalise, page_of
from dossiercheck.facts import FileFacts

if TYPE_CHECKING:
    from dossiercheck.checks import Context

IS, OTHER, UNSURE = "is", "other", "unsure"
# a field only that document has: a reader that reads one confirms the page is its item, whatever the classifier's
# score (学时 is on no appraisal form, 考核等次's result on no certificate; a publicity and its result share every
# field, so the classifier alone tells them apart)
KEY_FIELDS = {"ce-certificate": ("hours",), "appraisal": ("result",), "id-front": ("id_number",)}


@dataclass
class Slot:
    rel: str
    item: str | None                     # the item its folder or name gives
    status: str | None = None            # is / other / unsure / None (not read)
    looks_like: Guess | None = None      # the content's best guess (other: what it is instead)
    page_leaf: Leaf | None = None        # the part the page itself shows
    page_year: int | None = None         # the year the page itself states
    named_leaves: list[str] = field(default_factory=list)
    named_years: list[int] = field(default_factory=list)
    leaf_unsure: str | None = None       # the part its name claims that its page does not show
    unshown: list[str] = field(default_factory=list)  # parts its name claims with none of their words on the page
    same_as: tuple[str, str] | None = None  # (the genuine copy, how: identical / same_sheet) when this is the copy
    same_slot_as: str | None = None      # an earlier file that is the same sheet in the same slot

    @property
    def fills(self) -> bool:
        return self.status != OTHER and self.same_as is None

    def leaf_candidates(self, item: Item) -> list[str | None]:
        """The parts this file may fill: the page's own, else those its name gives (None: an item without parts)."""
        if not leaves(item):
            return [None]
        if self.page_leaf is not None:
            return [self.page_leaf.id]
        return [leaf for leaf in self.named_leaves if leaf not in self.unshown]

    def year_candidates(self, needed: list[int]) -> list[int | None]:
        if not needed:
            return [None]
        if self.page_year is not None:
            return [self.page_year] if self.page_year in needed else []
        return [y for y in self.named_years if y in needed]


def content_read(facts: FileFacts) -> bool:
    """Whether the inspection looked at the page's content (its text, or a face on a page without text)."""
    pdf = facts.get("pdf") or {}
    return bool(facts.get("ocr") or pdf.get("ocr") or any(pdf.get("text", [])) or facts.get("faces") is not None)


def _confident_field(facts: FileFacts, name: str, min_conf: float = 0.9) -> Any:
    values = {(tuple(f["value"]) if isinstance(f["value"], list) else f["value"])
              for f in facts.get("fields") or [] if f["field"] == name and f.get("conf", 0) >= min_conf}
    return next(iter(values)) if len(values) == 1 else None


_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")


def years_in(name: str) -> set[int]:
    """The years a file or folder name names (1950-2099, not part of a longer number)."""
    return {int(y) for y in _YEAR.findall(name)}


def named_years(name: str) -> list[int]:
    return sorted(years_in(name))


def _judge(slot: Slot, item: Item, facts: FileFacts, classifier: Classifier, ratio: float, floor: float) -> None:
    page = page_of("", facts)  # no name: the content alone
    verdict = classifier.classify(page)
    best = verdict.best
    own = verdict.score_of(item.id)
    reads = item.setting("reads") or {}
    key_read = any(_confident_field(facts, k) is not None for k in KEY_FIELDS.get(reads.get("document"), ()))
    # the catch-all item (其他证明材料（荣誉证书 …）) takes any page that shows its words: a 新闻奖's 荣誉证书 may be filed there
    taken = item.id in classifier.catch_all and own > 0
    if best is not None and best.item != item.id and best.score >= max(ratio * own, floor) and not key_read \
            and not taken:
        slot.status, slot.looks_like = OTHER, best
        return
    top = [g.item for g in verdict.ranked[:2]]
    if (best is not None and best.item == item.id) or (verdict.why_not == "close" and item.id in top) or key_read \
            or taken:
        slot.status = IS
    else:  # read, but too little (or too blurred) to tell: the name fills the slot, with a warning
        slot.status, slot.looks_like = UNSURE, best
    if leaves(item):
        leaf = classifier.leaf_of(item, page)
        if leaf is not None:
            slot.page_leaf = leaf
        else:
            # a part its name claims whose words the page, well read, does not show is not that part (the second
            # page of a document named as another document): it fills nothing, with a warning
            by_id = {lf.id: lf for lf in leaves(item)}
            slot.unshown = [leaf for leaf in slot.named_leaves
                            if by_id[leaf].keywords and not any(normalise(k) in page.text for k in by_id[leaf].keywords)]
            slot.leaf_unsure = slot.unshown[0] if slot.unshown else None
    if item.dated:
        year = _confident_field(facts, "year")
        if year is None and best is not None and best.item == item.id:
            year = best.year if not slot.named_years or best.year in slot.named_years else None
        slot.page_year = year


def build(ctx: Context) -> dict[str, Slot]:
    """Every file's slot, by its relative path (files without facts are judged by their name alone)."""
    applying = {i.id for i in ctx.upload_items() if ctx.applies(i)}
    classifier = Classifier(ctx.checklist, applying)
    ratio, floor = ctx.threshold("misfiled_ratio"), ctx.threshold("misfiled_min_score")
    out: dict[str, Slot] = {}
    for f in ctx.dossier.files:
        item = ctx.item_of(f)
        slot = Slot(f.rel, f.item)
        out[f.rel] = slot
        if item is None:
            continue
        slot.named_leaves = [lf.id for lf in leaves(item) if matches(f.name, list(lf.patterns))]
        slot.named_years = named_years(f.name)
        facts = ctx.facts.get(f.rel)
        if facts is None or "error" in facts or not content_read(facts) or f.item not in applying:
            continue
        _judge(slot, item, facts, classifier, ratio, floor)
    _same_sheets(ctx, out)
    return out


def _key(slot: Slot) -> tuple[Any, ...]:
    leaf = slot.page_leaf.id if slot.page_leaf else (slot.named_leaves[0] if slot.named_leaves else None)
    year = slot.page_year if slot.page_year is not None else (slot.named_years[0] if slot.named_years else None)
    return (slot.item, leaf, year)


def _agrees(slot: Slot) -> bool:
    """Whether the page agrees with the slot its name gives."""
    if slot.status == OTHER or slot.leaf_unsure:
        return False
    if slot.page_leaf is not None and slot.named_leaves and slot.page_leaf.id not in slot.named_leaves:
        return False
    return not (slot.page_year is not None and slot.named_years and slot.page_year not in slot.named_years)


def _extends(name: str, other: str) -> bool:
    """Whether ``name`` is ``other`` with something added (2021公需科目-副本.jpg extends 2021公需科目.jpg)."""
    stem, other_stem = name.rsplit(".", 1)[0], other.rsplit(".", 1)[0]
    return len(stem) > len(other_stem) and stem.startswith(other_stem)


def _same_sheets(ctx: Context, slots: dict[str, Slot]) -> None:
    """The same sheet twice: the copy in the wrong slot fills nothing; twins in one slot are noted on the later."""
    files = [(f, ctx.facts.get(f.rel)) for f in ctx.dossier.files]
    files = [(f, facts) for f, facts in files if facts is not None and "error" not in facts and facts.get("kind") != "empty"]
    texts = {f.rel: page_of("", facts).text for f, facts in files}  # read once, compared many times
    for i, (a, fa) in enumerate(files):
        for b, fb in files[i + 1:]:
            sa, sb = slots[a.rel], slots[b.rel]
            if sa.same_as or sb.same_as:
                continue
            how = samepage.same_sheet(fa, fb, (texts[a.rel], texts[b.rel]))
            if how is None:
                continue
            # the copy whose page disagrees with its slot is the wrong one; when neither (or both) does, the one whose
            # name extends the other's (a copy's name adds to the original's: -副本, (1), -2), else the later
            if _agrees(sa) != _agrees(sb):
                wrong, right = (sb, sa) if _agrees(sa) else (sa, sb)
            else:
                wrong, right = (sa, sb) if _extends(a.name, b.name) else (sb, sa)
            if _key(sa) == _key(sb) and _agrees(wrong):
                wrong.same_slot_as = right.rel  # uploaded twice in its own slot: noted, it fills that slot once
            else:
                wrong.same_as = (right.rel, how)


def slots(ctx: Context) -> dict[str, Slot]:
    """The slots of ``ctx``, built on first use (the checks run over one Context, its facts complete)."""
    cached = ctx.__dict__.get("_slots")
    if cached is None or cached[0] is not ctx.facts or cached[1] != len(ctx.facts):
        cached = (ctx.facts, len(ctx.facts), build(ctx))
        ctx.__dict__["_slots"] = cached
    return cached[2]
