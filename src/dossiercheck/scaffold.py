"""``dossiercheck init``: a new dossier folder with the applicant.yaml template and one folder per item the applicant
needs. Nothing that exists is ever overwritten, and the message says what was really made."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from dossiercheck.checklist import Checklist
from dossiercheck.errors import UserError
from dossiercheck.i18n import Text
from dossiercheck.profile import CONDITION_FIELDS, FLAG_FIELDS, NONE, PROFILE_NAME
from dossiercheck.resources import schema_path

UI = {
    "created": Text("已建立{what}。请填写 applicant.yaml，把扫描件放进对应文件夹，再运行 dossiercheck check {dir}",
                    "Created {what}. Fill in applicant.yaml, put the scans into their folders, then run "
                    "dossiercheck check {dir}"),
    "folders": Text(" {n} 个材料文件夹", "{n} item folders"),
    "profile": Text(" applicant.yaml", "applicant.yaml"),
    "and": Text("和", " and "),
    "nothing": Text("没有新建任何文件夹或文件：需要的都已存在。填好 applicant.yaml、放好扫描件后运行 dossiercheck check {dir}",
                    "Nothing created: everything needed is already there. Once applicant.yaml is filled in and the "
                    "scans are in place, run dossiercheck check {dir}"),
    "conditional": Text("以下材料视个人情况需要，需要时请自建文件夹：{names}",
                        "These items depend on your situation; create their folders when needed: {names}"),
}


@dataclass
class Scaffold:
    folder: Path
    created_folders: list[Path]
    profile: Path
    profile_created: bool
    conditional: list[str]  # titles of items that some applicants need: their folders are left to the user

    def messages(self, lang: str) -> list[str]:
        what = []
        if self.created_folders:
            what.append(UI["folders"].get(lang, n=len(self.created_folders)))
        if self.profile_created:
            what.append(UI["profile"].get(lang))
        key = "created" if what else "nothing"
        lines = [UI[key].get(lang, what=UI["and"].get(lang).join(what), dir=shell_arg(self.folder))]
        if self.conditional:
            lines.append(UI["conditional"].get(lang, names=("; " if lang == "en" else "、").join(self.conditional)))
        return lines


def shell_arg(path: Path) -> str:
    """A path as it can be pasted into a shell: quoted when it has spaces or shell characters (double quotes work in
    cmd, PowerShell and POSIX shells alike)."""
    text = str(path)
    return f'"{text}"' if re.search(r"[\s'&|;<>()$`!*?\[\]{}]", text) else text


def profile_template(checklist: Checklist, level: str) -> str:
    """The applicant.yaml template filled in for ``level`` (also what ``sort`` writes when it finds no profile)."""
    title = current_title(checklist, level)
    template = schema_path("applicant.template.yaml").read_text(encoding="utf-8")
    template = (template.replace("{levels}", " / ".join(checklist.levels)).replace("{level}", level)
                .replace("{current_title}", title))
    if title == NONE:  # no title (the notice: 注明“无”), so no date or place of obtaining it either
        template = re.sub(r"^(current_title_date|title_obtained_in):", r"# \1:", template, flags=re.M)
    return template


def current_title(checklist: Checklist, level: str) -> str:
    """What the template says the applicant holds: the checklist's title one level below, else 无."""
    return checklist.raw.get("current_title_by_level", {}).get(level, NONE)


def scaffold(folder: Path, checklist: Checklist, level: str, lang: str) -> Scaffold:
    """Make the folder, the item folders this level needs and the profile template; raise UserError if it cannot."""
    if level not in checklist.levels:
        raise UserError("unknown_level", path="--level", level=level, levels="、".join(checklist.levels))
    if folder.exists() and not folder.is_dir():
        raise UserError("not_a_dir", path=folder)
    title = current_title(checklist, level)
    facts = {k: (False if k in FLAG_FIELDS else None) for k in CONDITION_FIELDS} | {"level": level,
                                                                                    "current_title": title}
    created: list[Path] = []
    profile = folder / PROFILE_NAME
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for item in checklist.items:
            if item.uploads and item.applies(facts):
                target = folder / item.folder
                if not target.exists():
                    target.mkdir()
                    created.append(target)
        profile_created = not profile.exists()
        if profile_created:
            with open(profile, "x", encoding="utf-8") as fh:
                fh.write(profile_template(checklist, level))
    except OSError as exc:
        raise UserError("cannot_write", path=folder, problem=exc.strerror) from None
    anyone = facts | dict.fromkeys(FLAG_FIELDS, True)
    conditional = [i.label(lang) for i in checklist.items if i.uploads and not i.applies(facts) and i.applies(anyone)]
    return Scaffold(folder, created, profile, profile_created, conditional)
