"""Engine benchmark: `ppid build --mesin zensical` beside `ppid build` (mkdocs) and beside
Zensical's bare build of the same generated pages.

For N = 100, 1,000 and 5,000 (or the N given as arguments), on build_bench.py's synthetic
DIP, it prints the seconds (wall clock, and the CPU seconds of the child processes, which a
busy machine disturbs less) of:
- `ppid build` (mkdocs with the plugin, strict, Pagefind);
- `ppid build --mesin zensical` (generated pages, Zensical, downloads, Pagefind, swap);
- the bare build: `zensical build` of the pages `ppid generate` wrote, with the configuration
  `ppid build --mesin zensical` derived (same theme, Zensical's search off: it refuses the
  5,000-entry DIP page), no Pagefind;
and the ratios. Zensical's cache is emptied before each of its builds, so both Zensical
columns are cold builds. Targets (issue 17): zensical/bare <= 1.15 at every N and
zensical/mkdocs <= 0.6 at 5,000. Figures only: nothing here asserts a time.

Usage: python benchmarks/zensical_bench.py [N ...]
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from build_bench import make_dip  # noqa: E402


def timed(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the children) of one command; its output only on failure."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        sys.exit(f"gagal: {' '.join(cmd)}\n{done.stdout}\n{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def bare_config(root: Path) -> Path:
    """The configuration `ppid build --mesin zensical` wrote, over `ppid generate`'s folder."""
    build = root / ".ppid" / "zensical"
    config = yaml.safe_load((build / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = "gen"
    config["site_dir"] = "site-bare"
    config["theme"]["custom_dir"] = str((build / "theme").relative_to(root))
    target = root / "bare.yml"
    target.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return target


def cold(root: Path) -> None:
    """Empty Zensical's caches (the build folder's and the bare build's)."""
    for cache in (root / ".cache", root / ".ppid" / "zensical" / ".cache"):
        shutil.rmtree(cache, ignore_errors=True)


def run(n: int, work: Path, warm_up: bool) -> dict[str, float]:
    root = work / f"n{n}"
    (root / "dip").mkdir(parents=True)
    make_dip(root, n)
    shutil.copytree(ROOT / "docs", root / "docs")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    ppid = [sys.executable, "-m", "ppid.cli.main"]
    mkdocs_cmd = [*ppid, "build", "--site-dir", "site-mkdocs"]
    zensical_cmd = [*ppid, "build", "--mesin", "zensical", "--site-dir", "site-zensical"]
    timed([*ppid, "generate", "--out", "gen"], root)
    timed(zensical_cmd, root)  # writes the configuration the bare build reuses
    bare_cmd = [sys.executable, "-m", "zensical", "build", "-f", str(bare_config(root))]
    if warm_up:
        timed(mkdocs_cmd, root)
        cold(root)
        timed(bare_cmd, root)
    mkdocs_s = timed(mkdocs_cmd, root)
    cold(root)
    zensical_s = timed(zensical_cmd, root)
    cold(root)
    bare_s = timed(bare_cmd, root)
    return {
        "n": n,
        "mkdocs": mkdocs_s[0],
        "mkdocs_cpu": mkdocs_s[1],
        "zensical": zensical_s[0],
        "zensical_cpu": zensical_s[1],
        "bare": bare_s[0],
        "bare_cpu": bare_s[1],
    }


def main(sizes: list[int]) -> None:
    with tempfile.TemporaryDirectory(prefix="ppid-zensical-bench-") as tmp:
        rows = [run(n, Path(tmp), warm_up=i == 0) for i, n in enumerate(sizes)]
    print(
        f"{'N':>6} {'ppid build (mkdocs)':>20} {'ppid build --mesin zensical':>28} "
        f"{'zensical polos':>15} {'zensical/polos':>15} {'zensical/mkdocs':>16}"
    )
    for r in rows:
        print(
            f"{r['n']:>6} {r['mkdocs']:>19.2f}s {r['zensical']:>27.2f}s {r['bare']:>14.2f}s "
            f"{r['zensical'] / r['bare']:>15.2f} {r['zensical'] / r['mkdocs']:>16.2f}"
        )
    print("detik CPU (proses anak), yang lebih tahan terhadap mesin yang sibuk:")
    for r in rows:
        print(
            f"{r['n']:>6} {r['mkdocs_cpu']:>19.2f}s {r['zensical_cpu']:>27.2f}s "
            f"{r['bare_cpu']:>14.2f}s {r['zensical_cpu'] / r['bare_cpu']:>15.2f} "
            f"{r['zensical_cpu'] / r['mkdocs_cpu']:>16.2f}"
        )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 1000, 5000])
