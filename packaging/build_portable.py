"""Build the portable dossiercheck: one folder with the program, its OCR models and everything else it reads, and a
zip of that folder to hand out (unzip and double-click ``dossiercheck.exe``: the page opens in the browser).

    pip install ".[portable]"            # PyInstaller, from PyPI
    python packaging/build_portable.py   # → dist/dossiercheck-<version>-<platform>/ and the same as a .zip

Run it on the system the build is for: PyInstaller does not cross-compile, so the Windows build is made on Windows
(the recipe, dossiercheck.spec, is the same). Prints the folder, the zip and their sizes.
"""

from __future__ import annotations

import argparse
import platform
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))


def size(path: Path) -> int:
    """Bytes on disk; PyInstaller links some libraries inside the folder, and a link is not counted twice."""
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def build(dist: Path, work: Path, make_zip: bool = True) -> tuple[Path, Path | None]:
    from dossiercheck import __version__

    name = f"dossiercheck-{__version__}-{platform.system().lower()}-{platform.machine().lower()}"
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
                    "--distpath", str(dist), "--workpath", str(work), str(REPO / "packaging" / "dossiercheck.spec")],
                   check=True, cwd=REPO)
    folder = dist / name
    if folder.exists():
        shutil.rmtree(folder)
    (dist / "dossiercheck").rename(folder)
    archive = Path(shutil.make_archive(str(folder), "zip", dist, name)) if make_zip else None
    return folder, archive


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=REPO / "dist")
    parser.add_argument("--work", type=Path, default=REPO / "build" / "pyinstaller")
    parser.add_argument("--no-zip", action="store_true")
    args = parser.parse_args()
    folder, archive = build(args.dist, args.work, not args.no_zip)
    print(f"folder: {folder} ({size(folder) / 1e6:.0f} MB)")
    if archive:
        print(f"zip: {archive} ({size(archive) / 1e6:.0f} MB)")


if __name__ == "__main__":
    main()
