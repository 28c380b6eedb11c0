"""Errors that stop a run before any checking: bad folder, bad YAML, bad schema. Each is one line for the user.

The CLI prints ``UserError.render(lang)`` and exits 2; nothing here ever shows a traceback.
"""

from __future__ import annotations

from dossiercheck.i18n import Text

MESSAGES: dict[str, Text] = {
    "no_such_dir": Text("找不到材料文件夹：{path}。请检查路径是否正确。",
                        "Dossier folder not found: {path}. Check the path."),
    "no_such_file": Text("找不到文件：{path}。", "File not found: {path}."),
    "not_a_dir": Text("{path} 是一个文件，不是文件夹。请给出存放申报材料的文件夹。",
                      "{path} is a file, not a folder. Give the folder that holds the dossier."),
    "empty_dir": Text("文件夹 {path} 是空的。请先运行 `dossiercheck init {path}` 建立材料目录，再放入扫描件。",
                      "Folder {path} is empty. Run `dossiercheck init {path}` to create the item folders, "
                      "then add the scans."),
    "no_profile": Text("缺少申报人信息文件 {path}。请运行 `dossiercheck init` 生成模板并填写，或用 --profile 指定。",
                       "Applicant profile {path} is missing. Run `dossiercheck init` for a template, "
                       "or pass --profile."),
    "yaml_syntax": Text("{path} 第 {line} 行：YAML 格式错误（{problem}）。请检查缩进、冒号和引号。",
                        "{path} line {line}: invalid YAML ({problem}). Check indentation, colons and quotes."),
    "yaml_fullwidth_colon": Text("{path} 第 {line} 行：键后面用了中文冒号“：”，请改成英文冒号加空格“: ”，如 gender: 女。",
                                 "{path} line {line}: a full-width colon “：” after the key; write an ASCII colon "
                                 "and a space, e.g. gender: 女."),
    "yaml_not_mapping": Text("{path}：内容应为“键: 值”形式的表，现在是{kind}。",
                             "{path}: expected a mapping of keys to values, got {kind}."),
    "schema": Text("{path} 第 {line} 行，{where}：{problem}",
                   "{path} line {line}, {where}: {problem}"),
    "folder_unreadable": Text("无法打开文件夹 {path}（{problem}）。请检查它的访问权限，或把材料复制到自己的文件夹里再检查。",
                              "Cannot open the folder {path} ({problem}). Check its permissions, or copy the "
                              "materials into a folder of your own and check that."),
    "unreadable": Text("无法读取 {path}：{problem}", "Cannot read {path}: {problem}"),
    "unknown_checklist": Text("没有名为 {name} 的检查清单。可用的有：{known}。也可给出清单 YAML 文件路径。",
                              "No checklist named {name}. Known: {known}. You may also give a checklist YAML file."),
    "unknown_level": Text("{path}：申报级别“{level}”不在本清单中（可选：{levels}）。",
                          "{path}: level '{level}' is not in this checklist (choose from: {levels})."),
    "level_not_in": Text("申报级别“{level}”不在本清单中（可选：{levels}）", "level '{level}' is not in this checklist "
                         "(choose from: {levels})"),
    "bad_id_number": Text("{path}：身份证号 {masked} 无效（{problem}）。请核对 18 位号码及最后一位校验码。",
                          "{path}: ID number {masked} is invalid ({problem}). Check all 18 digits and the check digit."),
    "unknown_code": Text("没有代码为 {code} 的检查项。运行 `dossiercheck explain` 查看全部代码。",
                         "No check has code {code}. Run `dossiercheck explain` to list all codes."),
    "init_exists": Text("{path} 已存在，未覆盖。", "{path} already exists; left unchanged."),
    "annotate_inside": Text("标注预览不能写进材料文件夹（{path}）。请换一个文件夹，例如 材料-标注。",
                            "Annotated previews may not go inside the dossier ({path}); choose another folder."),
    "bad_zip": Text("无法打开压缩包 {path}（{problem}）。请重新打包为 zip 格式。",
                    "Cannot open the zip {path} ({problem}). Pack it again as a zip."),
    "no_dossiers": Text("{path} 下没有找到申报材料：每位申报人应是一个含 applicant.yaml 的子文件夹或一个 zip 压缩包。",
                        "No dossier under {path}: each applicant is a sub-folder (with an applicant.yaml) or a zip."),
    "fix_inside": Text("修正后的副本不能写进原材料文件夹，也不能包含它（{path}）。请用 --out 指定别的文件夹。",
                       "The corrected copy may not go inside the dossier or contain it ({path}); use --out."),
    "fix_exists": Text("{path} 已存在且不是空文件夹，未写入。请换一个 --out，或加 --force 覆盖。",
                       "{path} exists and is not empty; nothing written. Choose another --out, or add --force."),
    "sort_inside": Text("整理后的副本不能写进原材料文件夹，也不能包含它（{path}）。请用 --out 指定别的文件夹。",
                        "The sorted copy may not go inside the source folder or contain it ({path}); use --out."),
    "sort_exists": Text("{path} 已存在且不是空文件夹，未写入。请用 --out 指定一个新文件夹。",
                        "{path} exists and is not empty; nothing written. Choose a new folder with --out."),
    "bad_date": Text("日期 {value} 无效，应为 YYYY-MM-DD。", "Invalid date {value}; use YYYY-MM-DD."),
    "bad_option": Text("参数错误：{problem}", "Invalid option: {problem}"),
    "cannot_write": Text("无法写入 {path}：{problem}", "Cannot write {path}: {problem}"),
    "output_inside": Text("{path} 位于正在检查的申报材料之内（或就是材料本身），未写入任何内容。请把输出放到材料文件夹以外。",
                          "{path} is inside (or is) a dossier being read; nothing written. Put the output outside "
                          "the dossier."),
    "output_link": Text("{path} 是一个链接（快捷方式），不会经由它写入。请换一个普通文件夹作为输出位置。",
                        "{path} is a link; nothing is written through it. Choose a plain folder for the output."),
    "zip_encrypted": Text("压缩包 {path} 中的文件都有密码，无法检查。请去掉密码后重新打包（不要加密）。",
                          "Every entry of the zip {path} is encrypted; nothing could be checked. Zip it again "
                          "without a password."),
    "zip_empty": Text("压缩包 {path} 中没有可检查的文件。请确认打包的是申报材料文件夹。",
                      "The zip {path} holds no file that could be checked. Make sure it holds the dossier folder."),
    "yaml_bomb": Text("{path}：{problem}，拒绝读取。请检查文件内容（不要使用 YAML 锚点/别名 & *）。",
                      "{path}: {problem}; refused. Check the file (do not use YAML anchors/aliases & *)."),
    "dossier_failed": Text("{path} 无法检查（{problem}）；其余申报人照常检查。请把这一行发给维护人员。",
                           "{path} could not be checked ({problem}); the others were. Please report this line."),
}


class UserError(Exception):
    """A problem with the user's input or configuration; exit code 2."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def render(self, lang: str) -> str:
        return MESSAGES[self.key].get(lang, **self.params)
