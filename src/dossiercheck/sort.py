"""``dossiercheck sort``: a pile of phone photos, scans or a zip → a copy laid out as ``init`` lays it out.

Every page is read (the inspection stage, cached) and placed by what it shows (classify.py): its item, and where it
matters its year and part (2021年度考核表-正面.jpg, 2019公需科目.jpg, 1-期刊封面.jpg). Pages the classifier cannot
place with confidence go to ``00-未分类`` and are listed; nothing is guessed silently. The same content twice is
reported and copied once. The originals are only read; the copy is written file by file, each one atomically and
privately (safeio).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dossiercheck.checklist import Checklist, Item
from dossiercheck.checks.integrity import BY_ERROR
from dossiercheck.classify import Classifier, Leaf, Page, file_stem, page_of, signing_years
from dossiercheck.dossier import Dossier, DossierFile, scan
from dossiercheck.errors import UserError
from dossiercheck.facts import Facts
from dossiercheck.profile import PROFILE_NAME
from dossiercheck.samepage import numbers_disagree, pairs_alike, same_sheet

UNSORTED = "00-未分类"
RUNNING_HEAD = 4        # characters: a shorter first line (a page number, 姓名) is no running head
SAME_HEAD = 0.8         # character pairs shared (samepage.pairs_alike): the same running head, read again


@dataclass
class Placement:
    """One source file's place in the sorted copy (``target`` None: not copied)."""

    source: str
    item: str | None = None
    title: str | None = None
    year: int | None = None
    part: str | None = None
    part_title: str | None = None
    confidence: float = 0.0
    reasons: list[str] = field(default_factory=list)
    target: str | None = None
    status: str = "unsorted"      # placed / unsorted / duplicate
    why: str | None = None        # for unsorted and duplicate pages: why (the catalogue's sort.why.<why>)
    why_args: dict[str, Any] = field(default_factory=dict)
    duplicate_of: str | None = None
    order: int = 0                # position among the item's parts (multi-page documents)
    text: str = field(default="", repr=False)        # the page's reading, to find the same page twice
    leaf: Leaf | None = field(default=None, repr=False)
    page: Page | None = field(default=None, repr=False)          # what the classifier saw
    candidates: list[str] = field(default_factory=list, repr=False)  # undecided: the items it hesitated between

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items()
                if k not in ("order", "text", "leaf", "why_args", "page", "candidates")}


@dataclass
class SortResult:
    source: Path
    out: Path
    placements: list[Placement]
    profile: str  # "copied", "created" or "kept" (sort --update: the copy's own)
    written: bool = False
    kept: list[str] = field(default_factory=list)  # sort --update: files of the copy the person changed or added

    @property
    def counts(self) -> dict[str, int]:
        return {s: sum(p.status == s for p in self.placements) for s in ("placed", "unsorted", "duplicate")}


class _Listing:
    """What the inspection planner needs: files of no item, so that every one is read (OCR, and faces on a page
    without text)."""

    def __init__(self, dossier: Dossier) -> None:
        self.dossier = dossier

    def item_of(self, f: DossierFile) -> None:
        return None

    def applies(self, item: Item) -> bool:
        return True


def inspect_all(root: Path, checklist: Checklist, jobs: int | None, use_cache: bool,
                progress: Callable[[int, int], None] | None = None) -> tuple[Dossier, Facts]:
    from dossiercheck.inspect import inspect_dossier

    dossier = scan(root, checklist, {}, empty="error.sort_empty")  # a pile of photos: no item folders to init
    for f in dossier.files:
        f.item = None
    return dossier, inspect_dossier(_Listing(dossier), jobs, use_cache, progress, ocr=True)


def place(dossier: Dossier, facts: Facts, checklist: Checklist,
          applies: set[str], taken: Iterable[str] = ()) -> list[Placement]:
    """Decide every file's place (pure: nothing is read or written here); ``taken``: names the copy already holds
    (sort --update: files the person changed or added there), which no page is given."""
    classifier = Classifier(checklist, applies)
    out: list[Placement] = []
    by_digest: dict[str, Placement] = {}
    for f in sorted(dossier.files, key=lambda f: natural(f.rel)):  # IMG_4021.jpg before its copy IMG_4021(1).jpg
        fact = facts.get(f.rel, {})
        p = Placement(f.rel)
        out.append(p)
        digest = fact.get("sha256")
        if digest and digest in by_digest:
            p.status, p.duplicate_of, p.why = "duplicate", by_digest[digest].source, "same_bytes"
            continue
        if digest:
            by_digest[digest] = p
        if "error" in fact or fact.get("kind") not in ("jpeg", "png", "pdf", "heic", "webp", "tiff", "bmp", "gif"):
            code = (fact.get("error") or {}).get("code")
            p.why, p.why_args = ("unreadable", {"code": BY_ERROR.get(code, code)}) if code else ("not_a_page", {})
            continue
        verdict = classifier.classify(page_of(f.rel, fact))
        p.page = verdict.page
        if verdict.best is None:
            top = verdict.ranked[:2]
            p.why = verdict.why_not
            if p.why == "close":
                p.why_args = {"a": checklist.item(top[0].item).text, "b": checklist.item(top[-1].item).text}
            p.reasons = [r for g in top for r in g.reasons[:3]]
            p.text, p.candidates = verdict.page.text, [g.item for g in top] if p.why == "close" else []
            continue
        g = verdict.best
        item = checklist.item(g.item)
        p.item, p.title, p.year, p.confidence, p.reasons = g.item, item.title, g.year, g.confidence, g.reasons
        p.part, p.part_title, p.order = g.part, g.part_title, g.leaf.order if g.leaf else 0
        p.status, p.text, p.leaf = "placed", verdict.page.text, g.leaf
    _continuations(out, classifier, checklist)
    _near_duplicates(out, facts)
    _years_by_elimination(out, checklist)
    _names(out, checklist, facts, taken)
    return out


def natural(rel: str) -> tuple[list[Any], str]:
    """Sort key where IMG_9 comes before IMG_10, and a name before its copies (IMG_9(1), IMG_9-2)."""
    stem, _, ext = rel.rpartition(".") if "." in rel.rsplit("/", 1)[-1] else (rel, "", "")
    return [int(t) if t.isdigit() else t.casefold() for t in re.split(r"(\d+)", stem)], ext.casefold()


def _continuations(placements: list[Placement], classifier: Classifier, checklist: Checklist) -> None:
    """A later page of a document says little of what the document is (a paper's references and body, a form's
    second sheet) but carries its running head (the journal's name and issue, the form's heading) as its first line
    does on the page that was placed: an undecided page without a title of its own, whose running head is a placed
    page's and which is not torn towards another item, follows that page into its item (its own part when its words
    say one, else the placed page's; the same year)."""
    placed = [p for p in placements if p.status == "placed" and p.page is not None]
    for p in placements:
        if p.status != "unsorted" or p.page is None or not p.text or p.page.titles:
            continue
        first = next((k for k in placed if (not p.candidates or k.item in p.candidates)
                      and _same_head(k.page.heads, p.page.heads)), None)  # type: ignore[union-attr]
        if first is None:
            continue
        item = checklist.item(first.item)
        leaf = classifier.leaf_of(item, p.page) or first.leaf
        p.item, p.title, p.year, p.leaf = first.item, first.title, first.year, leaf
        p.part, p.part_title, p.order = (leaf.id, leaf.title, leaf.order) if leaf else (None, None, 0)
        p.confidence = round(first.confidence * 0.8, 2)
        p.reasons = [f"续页：页眉同 {first.source}"] + p.reasons
        p.status, p.why, p.why_args, p.candidates = "placed", None, {}, []


def _same_head(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two pages share a running head: one of the first lines of each, long enough to say something, read alike
    (line by line: a tilted photo may miss one of them), and no number of their first lines apart (another issue
    of the journal under the same column, another year's form)."""
    return not numbers_disagree("".join(a), "".join(b)) and any(
        min(len(x), len(y)) >= RUNNING_HEAD and pairs_alike(x, y) >= SAME_HEAD for x in a for y in b)


def _near_duplicates(placements: list[Placement], facts: Facts) -> None:
    """A sheet photographed twice (samepage.py) is copied once: the first placed reading keeps its place. Placed
    pages are compared within one item, where the two readings agree on the year and part or one of them could not
    tell; then each unsorted page with every page kept (a poor photo of a page placed from a good one)."""
    kept: list[Placement] = []
    placed = [p for p in placements if p.status == "placed"]
    unsorted = [p for p in placements if p.status == "unsorted" and p.text]
    for p in placed + unsorted:
        twin = next((k for k in kept if (p.status == "unsorted" or (k.item == p.item and _agree(k.year, p.year)
                                                                    and _agree(k.part, p.part)))
                     and same_sheet(facts.get(k.source, {}), facts.get(p.source, {}), (k.text, p.text))), None)
        if twin is not None:
            p.status, p.duplicate_of, p.why = "duplicate", twin.source, "same_page"
            p.target = None
        else:
            kept.append(p)


def _agree(a: Any, b: Any) -> bool:
    return a is None or b is None or a == b


def _years_by_elimination(placements: list[Placement], checklist: Checklist) -> None:
    """Pages of a year-bound item whose year could not be read take the years still missing their part, when only
    one way fits: one page for one missing year; or, when more are missing, the page's signing dates leave it one
    (a page is signed in its year or the next). The reason says the year was inferred."""
    for item in checklist.items:
        if not item.dated:
            continue
        years = item.years(checklist.year)
        pages = [p for p in placements if p.status == "placed" and p.item == item.id]
        for part in {p.part for p in pages}:
            unknown = [p for p in pages if p.part == part and p.year is None]
            missing = [y for y in years if not any(p.year == y and p.part == part for p in pages)]
            fits = {id(p): [y for y in missing if signing_years(p.text) <= {y, y + 1}] for p in unknown}
            if len(unknown) == 1 and len(missing) == 1:
                fits = {id(unknown[0]): missing}
            for p, year in _only_way(unknown, fits):
                p.year = year
                p.reasons.append(f"年份按缺少的 {year} 年推定")
                p.confidence = round(p.confidence * 0.8, 2)
                unknown.remove(p)
            while unknown:  # a page left one year that no other page fits takes it
                sure = next((p for p in unknown if len(fits[id(p)]) == 1 and not any(
                    fits[id(p)][0] in fits[id(q)] for q in unknown if q is not p)), None)
                if sure is None:
                    break
                year = fits[id(sure)][0]
                sure.year = year
                sure.reasons.append(f"年份按缺少的 {year} 年推定")
                sure.confidence = round(sure.confidence * 0.8, 2)
                unknown.remove(sure)
                for p in unknown:
                    fits[id(p)] = [y for y in fits[id(p)] if y != year]


def _only_way(pages: list[Placement], fits: dict[int, list[int]]) -> list[tuple[Placement, int]]:
    """Each page with a year of its own that it fits, when there is exactly one way to do so (three backs signed
    2021-01, 2022-01 and 2023-01 for 2020-2022: the last can only be 2022, so the second 2021, the first 2020);
    nothing when there is none or more than one."""
    from itertools import permutations

    years = sorted({y for p in pages for y in fits[id(p)]})
    if not pages or len(pages) > len(years) or len(years) > 8:
        return []
    ways = [way for way in permutations(years, len(pages))
            if all(y in fits[id(p)] for p, y in zip(pages, way, strict=True))]
    return list(zip(pages, ways[0], strict=True)) if len(ways) == 1 else []


def _names(placements: list[Placement], checklist: Checklist, facts: Facts, kept: Iterable[str] = ()) -> None:
    taken = {k.casefold() for k in kept}

    def claim(folder: str, stem: str, ext: str) -> str:
        n = 1
        while True:
            name = f"{folder}/{stem}{'' if n == 1 else f'-{n}'}{ext}"
            if name.casefold() not in taken:
                taken.add(name.casefold())
                return name
            n += 1

    ordered = sorted((p for p in placements if p.status == "placed"),
                     key=lambda p: (checklist.item(p.item).index, p.year or 0, p.order, natural(p.source)))
    for p in ordered:
        item = checklist.item(p.item)
        p.target = claim(item.folder, file_stem(item, p.leaf, p.year), Path(p.source).suffix.lower())
    for p in placements:
        if p.status == "unsorted":
            p.target = claim(UNSORTED, Path(p.source).stem, Path(p.source).suffix.lower())


def default_output(source: Path) -> Path:
    base = source.with_suffix("") if source.suffix.lower() == ".zip" else source
    return base.parent / f"{base.name}-sorted"


def check_output(source: Path, out: Path, update: bool = False) -> dict[str, Any] | None:
    """Never write into the source, nor over a folder that holds anything, except sort's own earlier copy with
    ``update``; return that copy's mark (outmark) when it is to be updated."""
    from dossiercheck import outmark
    from dossiercheck.safeio import real

    src, dst = real(source), real(out)
    if dst == src or dst.is_relative_to(src) or (src.is_dir() and src.is_relative_to(dst)):
        raise UserError("error.sort_inside", path=out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        ours = outmark.previous(out, "sort") if out.is_dir() else None
        if ours is None:
            raise UserError("error.sort_exists", path=out)
        if not update:
            raise UserError("error.sort_exists_ours", path=out)
        return ours
    return None


def kept_profile(out: Path) -> Path | None:
    """The applicant.yaml of an earlier sorted copy: with --update it is the profile (the person filled it in)."""
    path = out / PROFILE_NAME
    return path if path.is_file() and not path.is_symlink() else None


def kept_files(out: Path) -> list[str]:
    """The files already in the copy when it is written (with --update, those the person changed or added since sort
    wrote it: its own unchanged ones were cleared first). They stay as they are: no page takes their names."""
    from dossiercheck.outmark import files

    return sorted(files(out) - {PROFILE_NAME}) if out.is_dir() else []


def write(root: Path, out: Path, placements: list[Placement], profile_text: str | None) -> None:
    """Each file copied byte for byte, atomically (0600, no link followed: safeio); then the profile (None: the copy's
    own is kept)."""
    from dossiercheck import safeio

    for p in placements:
        if p.target and _copyable(root, root / p.source):
            source = root / p.source
            safeio.write_file(out / p.target, lambda path, source=source: shutil.copyfile(source, path), below=out)
    if profile_text is not None:
        with safeio.open_text(out / PROFILE_NAME, below=out, encoding="utf-8") as fh:
            fh.write(profile_text)


def _copyable(root: Path, source: Path) -> bool:
    """Only a regular file inside the pile is copied: never the target of a link that leads outside it (someone's
    ~/secret.txt), nor a device or a FIFO."""
    from dossiercheck.safeio import real

    where = real(source)
    return where.is_relative_to(real(root)) and where.is_file()


def _not_copied(root: Path, placements: list[Placement]) -> None:
    """Placements the copy will not hold show no place in it (the table must not promise 00-未分类/…)."""
    for p in placements:
        if p.target and not _copyable(root, root / p.source):
            p.target = None


def find_profile(root: Path, profile: Path | None) -> Path | None:
    """The applicant.yaml given, else the first one in the source (the shallowest), else None."""
    return profile or min(root.rglob(PROFILE_NAME), key=lambda p: (len(p.parts), str(p)), default=None)


def profile_text(found: Path | None, checklist: Checklist, level: str, lang: str = "zh") -> tuple[str, str]:
    """The applicant.yaml for the copy: the found one as it is, else the template for ``level`` (comments in
    ``lang``)."""
    from dossiercheck.scaffold import profile_template
    from dossiercheck.yamlio import read_text

    if found is not None:  # read as check reads it: a link to /dev/zero, a FIFO, a 3 GB file are refused
        return read_text(found), "copied"
    return profile_template(checklist, level, lang), "created"


def applicable(checklist: Checklist, facts: dict[str, Any]) -> set[str]:
    return {i.id for i in checklist.items if i.uploads and i.applies(facts)}


def sort_dossier(source: Path, out: Path, checklist: Checklist, level: str | None, profile: Path | None,
                 dry_run: bool, jobs: int | None = None, use_cache: bool = True,
                 progress: Callable[[int, int], None] | None = None,
                 review: Callable[[SortResult], None] | None = None, lang: str = "zh") -> SortResult:
    """Read, place, show the review (``review``), then, unless ``dry_run``, write the copy."""
    from dossiercheck.archive import opened
    from dossiercheck.profile import CONDITION_FIELDS, FLAG_FIELDS, load_profile

    with opened(source) as (root, problems):
        found = find_profile(root, profile)
        text, how = profile_text(found, checklist, level or checklist.levels[-1], lang)
        if found is not None and found == kept_profile(out):
            how = "kept"  # --update: the copy's own applicant.yaml, which the person filled in, stays as it is
        if found is not None:  # the applicant's own profile says which items apply (--level is for a pile without)
            applicant = load_profile(found).facts()
        else:
            applicant = ({k: (False if k in FLAG_FIELDS else None) for k in CONDITION_FIELDS}
                         | {"level": level or checklist.levels[-1]})
        dossier, facts = inspect_all(root, checklist, jobs, use_cache, progress)
        kept = [] if dry_run else kept_files(out)
        placements = place(dossier, facts, checklist, applicable(checklist, applicant), kept)
        _not_copied(root, placements)
        placements += [Placement(p["name"], why="zip_entry", why_args={"code": p["code"]}) for p in problems]
        result = SortResult(source, out, placements, how, kept=kept)
        if review is not None:
            review(result)
        if not dry_run:
            try:
                write(root, out, result.placements, None if how == "kept" else text)
            except OSError as exc:
                raise UserError("error.cannot_write", path=out, problem=exc.strerror or str(exc)) from None
            result.written = True
    return result
