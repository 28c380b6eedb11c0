"""One dossier, start to finish: load → inspect → check → a Result the reporters render.

Data moves one way: checks read facts and never open files; reporters read the Result and never compute.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from dossiercheck.checklist import Checklist, Item
from dossiercheck.checks import Context, all_checks, catalog, families, load_checklist
from dossiercheck.conditions import holds
from dossiercheck.dossier import Dossier, check_folder, scan
from dossiercheck.errors import UserError
from dossiercheck.facts import Facts
from dossiercheck.findings import SEVERITY_ORDER, Finding, Severity, selected
from dossiercheck.i18n import Text
from dossiercheck.messages import Message
from dossiercheck.profile import PROFILE_NAME, Applicant, load_profile
from dossiercheck.yamlio import value_error

STATUSES = ("ok", "missing", "incomplete", "not_required", "optional", "unchecked")
# Families whose findings never decide an upload item's status (profile findings only where the item names them).
NOT_OF_UPLOADS = {"profile", "unassigned", "schedule"}


@dataclass
class Options:
    checklist: str | None = None
    profile: Path | None = None
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    today: date | None = None
    jobs: int | None = None
    use_cache: bool = True
    cluster: str | None = None  # a Dask scheduler's address: batch inspects its files there (cluster.py)
    codes: frozenset[str] = field(init=False)  # the codes that run: --select/--ignore resolved once, here

    def __post_init__(self) -> None:
        # Comma lists and repeated flags alike; an unknown prefix is a UserError (exit 2), never an empty selection.
        self.select = parse_selection(self.select, "--select")
        self.ignore = parse_selection(self.ignore, "--ignore")
        self.codes = frozenset(code for code in catalog() if selected(code, self.select, self.ignore))


def parse_selection(values: list[str] | None, option: str) -> list[str]:
    """Code prefixes from --select/--ignore values: comma- or space-separated, repeatable, case-insensitive; a check
    family's name (masking, years, …) stands for its codes. An unknown prefix stops the run (exit 2) and names the
    valid ones: a typo must not silently select nothing, which would read as a pass."""
    codes = catalog()
    out: list[str] = []
    for token in (t for v in values or [] for t in re.split(r"[,，\s]+", v) if t):
        if token.lower() in families():
            out.extend(c for c, spec in codes.items() if spec.check == token.lower())
        elif any(c.startswith(token.upper()) for c in codes):
            out.append(token.upper())
        else:
            prefixes = [f"{letter} ({'/'.join(names)})" for letter, names in _letters().items()]
            raise UserError("error.bad_option",
                            problem=Message("selection.bad_prefix", option=option, token=token, prefixes=prefixes))
    return out


def _letters() -> dict[str, list[str]]:
    """Each code letter with the families its codes belong to, in code order."""
    letters: dict[str, list[str]] = {}
    for code, spec in sorted(catalog().items()):
        names = letters.setdefault(code[0], [])
        if spec.check not in names:
            names.append(spec.check)
    return letters


def unrun(codes: frozenset[str]) -> dict[str, bool]:
    """Families some of whose codes were left out, each with whether it ran at all (False: none of its codes)."""
    left_out = {spec.check for code, spec in catalog().items() if code not in codes}
    ran = {spec.check for code, spec in catalog().items() if code in codes}
    return {f: f in ran for f in families() if f in left_out}


@dataclass
class ItemResult:
    item: Item
    required: bool
    status: str
    files: list[str]


@dataclass
class Deadline:
    key: str
    start: date
    end: date
    days_left: int  # days until the end; negative once it has passed


@dataclass
class Result:
    checklist: Checklist
    profile: Applicant
    dossier: Dossier
    findings: list[Finding]
    items: list[ItemResult]
    facts: Facts
    today: date
    fee: int | None
    fee_unreadable: str | None  # the notice's words where its fee cannot be read (never guessed)
    defence_exemptions: list[Text]  # the checklist's reasons, in both languages
    deadlines: list[Deadline]
    unrun: dict[str, bool] = field(default_factory=dict)  # families left out (wholly: False, partly: True)
    upload_window: str | None = None  # the schedule key after whose end nothing can be uploaded

    @property
    def complete(self) -> bool:
        """Every check of every family ran: only then may the report say the dossier passes."""
        return not self.unrun

    @property
    def closed(self) -> Deadline | None:
        """The upload window, once it has passed."""
        return next((d for d in self.deadlines if d.key == self.upload_window and d.days_left < 0), None)

    @property
    def verdict(self) -> str:
        """failed (an error), partial (no error among the checks that ran), closed (all pass, but the upload window
        has passed), passed (ready to upload). Only ``passed`` may be shown as 可以上传."""
        if not self.passed:
            return "failed"
        if not self.complete:
            return "partial"
        return "closed" if self.closed else "passed"

    @property
    def counts(self) -> dict[str, int]:
        return {s.value: sum(f.severity == s for f in self.findings) for s in Severity}

    @property
    def passed(self) -> bool:
        return self.counts["error"] == 0


def outcome(results: list[Result | None], strict: bool) -> int:
    """The exit code of a run, decided here only: 1 if any dossier could not be checked (None) or has an error, or
    with ``strict`` a warning; else 0. (2 and 3, for unusable input and internal errors, are the CLI's.)"""
    failed = any(r is None or r.counts["error"] or (strict and r.counts["warning"]) for r in results)
    return 1 if failed else 0


def _near_profile(folder: Path) -> Path | None:
    """A file (or folder) that was meant to be applicant.yaml: applicant.yml, Applicant.YAML, applicant.yaml.txt,
    applicant (1).yaml, or a folder of that name."""
    for entry in sorted(folder.iterdir()):
        name = entry.name.lower()
        if name.startswith("applicant") and (entry.name != PROFILE_NAME or entry.is_dir()) and \
                any(ext in name for ext in (".yaml", ".yml")):
            return entry
    return None


def load(folder: Path, options: Options) -> tuple[Checklist, Applicant]:
    """Checklist and profile, validated; raises UserError with the one line the user needs."""
    check_folder(folder)
    checklist = load_checklist(options.checklist, options.use_cache)
    profile_path = options.profile or folder / PROFILE_NAME
    if not profile_path.is_file():
        if not any(folder.iterdir()):
            raise UserError("error.empty_dir", path=folder)
        near = None if options.profile else _near_profile(folder)
        if near is not None:
            raise UserError("error.profile_misnamed", path=profile_path, found=near.name)
        raise UserError("error.no_profile", path=profile_path)
    profile = load_profile(profile_path, options.use_cache)
    if profile.level not in checklist.levels:  # the levels are the checklist's, so only now can the level be judged
        problem = Message("error.level_not_in", level=profile.level, levels=checklist.levels)
        raise value_error(profile_path, ["level"], problem)
    return checklist, profile


def prepare(folder: Path, options: Options, source: Path | None = None, problems: list[dict] | None = None) -> Context:
    checklist, profile = load(folder, options)
    dossier = scan(folder, checklist, profile.facts())
    dossier.source, dossier.problems = source, (problems or []) + dossier.problems  # the zip's, then the scan's
    return Context(checklist, profile, dossier, options.today or date.today())


def reads_text(options: Options) -> bool:
    """Whether any selected check reads page text: only then does the inspection run OCR."""
    return any(catalog()[code].ocr for code in options.codes)


def evaluate(ctx: Context, options: Options) -> Result:
    """Run every check over an inspected Context; cheap and pure."""
    overrides = ctx.checklist.severity
    findings, codes = [], options.codes
    for module in all_checks():
        for finding in module.check(ctx):
            if finding.code in codes:
                finding.severity = Severity(overrides.get(finding.code, catalog()[finding.code].severity))
                findings.append(finding)
    order = {i.id: i.index for i in ctx.checklist.items}
    findings.sort(key=lambda f: (order.get(f.item, len(order)), f.file or "", f.page or 0,
                                 SEVERITY_ORDER[f.severity], f.code, str(sorted(f.evidence.items()))))
    # A family that could not judge some page ran only in part, as if partly deselected: no 通过 rests on it.
    skipped = {catalog()[f.code].check: True for f in findings if catalog()[f.code].abstains} | unrun(codes)
    fee = ctx.checklist.fees.get(ctx.profile.level)  # an amount, or {unreadable: the notice's words}
    return Result(
        checklist=ctx.checklist, profile=ctx.profile, dossier=ctx.dossier, findings=findings,
        items=[_item_result(ctx, item, findings, skipped) for item in ctx.checklist.items], facts=ctx.facts,
        today=ctx.today,
        fee=fee if isinstance(fee, int) else None,
        fee_unreadable=fee.get("unreadable") if isinstance(fee, dict) else None,
        defence_exemptions=[Text(r["reason"], r.get("reason_en") or r["reason"])
                            for r in ctx.checklist.defence_exemptions if holds(r["when"], ctx.applicant)],
        deadlines=[Deadline(k, s, e, (e - ctx.today).days) for k, (s, e) in ctx.checklist.schedule().items()],
        unrun=skipped, upload_window=ctx.checklist.upload_window,
    )


def depends_on(item: Item) -> set[str]:
    """The check families whose findings decide an item's status."""
    if not item.uploads:
        return set(item.checks)
    return set(families()) - NOT_OF_UPLOADS | ({"profile"} if item.setting("profile_field") else set())


def _item_result(ctx: Context, item: Item, findings: list[Finding], skipped: dict[str, bool]) -> ItemResult:
    files = [f.rel for f in ctx.dossier.files_of(item.id)]
    applies = ctx.applies(item)
    required = applies and item.is_required(ctx.applicant)
    if item.kind == "rule":
        errors = [f for f in findings if catalog()[f.code].check in item.checks and f.severity == Severity.ERROR]
    else:
        errors = [f for f in findings if f.item == item.id and f.severity == Severity.ERROR]
    if not applies:
        status = "not_required"
    elif item.uploads and not files:
        status = "missing" if required else "optional"
    else:
        status = "incomplete" if errors else "unchecked" if depends_on(item) & set(skipped) else "ok"
    return ItemResult(item, required, status, files)


def check_dossier(source: Path, options: Options, progress: Callable[[int, int], None] | None = None,
                  then: Callable[[Result], None] | None = None) -> Result:
    """Check a dossier folder or zip. ``then`` runs while the files are still there (a zip's are temporary)."""
    from dossiercheck.archive import opened, shown_error
    from dossiercheck.inspect import inspect_dossier

    with opened(source) as (folder, problems):
        try:
            ctx = prepare(folder, options, source if folder != source else None, problems)
        except UserError as exc:
            raise shown_error(exc, folder, source) from None
        ctx.facts = inspect_dossier(ctx, jobs=options.jobs, use_cache=options.use_cache, progress=progress,
                                    ocr=reads_text(options))
        result = evaluate(ctx, options)
        if then is not None:
            then(result)
    return result
