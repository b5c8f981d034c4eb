#!/usr/bin/env python3
"""Smoke test of the frozen app and the .deb: run by `make package` after the build.

    .venv/bin/python packaging/smoke_test.py [--dist dist] [--skip-deb] [--skip-gui]

What it checks, each with the frozen binary (dist/moedemappe/moedemappe), offscreen, from a
temporary folder (so nothing of the checkout can be picked up), with a throwaway HOME, the
offline guard in "record" mode and, where the kernel allows it, inside an empty network
namespace (`unshare -n`: no network interface at all but a downed loopback):

1. `--version`, `models verify` (the bundled default models match the manifest, and the self-check
   generates a few tokens with the bundled llama.cpp: the frozen build runs on this CPU);
2. `import` of resources/samples/demo-byraad-2023-10-02.pdf into a temporary --data-dir,
   `search` (the gold page of the first demo question among the hits), `ask` with the default
   model (an answer with citations);
3. the window starts offscreen and is still running after a few seconds (Qt platform plugins,
   QtPdf and the translations load);
4. the .deb installs into a throwaway root (`dpkg --root`, else `dpkg -x`), its layout (binary,
   /usr/bin symlink, desktop entry, icon) is right, and the installed binary runs `--version` and
   a search against the data directory from step 2; it is then removed again;
5. no network attempt was recorded by any process.

Timings: the frozen app's cold start (`--version`, first run, and the median of warm runs)
against `python -m app --version` from source, the package size, and the smoke test's own time.
They are printed and written to dist/package-report.json. Exit 0 only if every check passed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEMO_PDF = ROOT / "resources" / "samples" / "demo-byraad-2023-10-02.pdf"
DEMO_QUESTIONS = ROOT / "resources" / "samples" / "demo-questions.json"
WARM_RUNS = 5


class SmokeFailure(AssertionError):
    pass


def check(condition: bool, message: str) -> None:
    if not condition:
        raise SmokeFailure(message)


def netns_prefix() -> list[str]:
    """`unshare -n` (root) or `unshare -rn` (user namespaces): a process with no network at all."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return []
    for flags in (["-n"], ["-rn"]):
        try:
            if subprocess.run([unshare, *flags, "true"], capture_output=True, timeout=10).returncode == 0:
                return [unshare, *flags]
        except (OSError, subprocess.SubprocessError):
            continue
    return []


class Runner:
    def __init__(self, scratch: Path, isolate: list[str]) -> None:
        self.scratch = scratch
        self.isolate = isolate
        self.network_log = scratch / "network.jsonl"
        home = scratch / "home"
        home.mkdir()
        # A clean environment: nothing of the developer's venv, data or models can leak in.
        keep = {k: v for k, v in os.environ.items() if k in ("PATH", "LANG", "LC_ALL", "TMPDIR", "DISPLAY", "TZ")}
        self.env = {
            **keep,
            "HOME": str(home),
            "XDG_DATA_HOME": str(home / ".local" / "share"),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_RUNTIME_DIR": str(scratch),
            "QT_QPA_PLATFORM": "offscreen",
            "MOEDEMAPPE_PASSPHRASE": "smoke-test passphrase",
            "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
            "MOEDEMAPPE_OFFLINE_GUARD": "record",
            "MOEDEMAPPE_NETWORK_LOG": str(self.network_log),
        }
        self.steps: list[dict[str, object]] = []

    def run(self, name: str, command: list[str], timeout: float = 600, isolated: bool = True,
            env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        full = [*(self.isolate if isolated else []), *command]
        start = time.perf_counter()
        done = subprocess.run(full, capture_output=True, text=True, timeout=timeout,
                              env=env or self.env, cwd=cwd or self.scratch)
        seconds = time.perf_counter() - start
        self.steps.append({"step": name, "seconds": round(seconds, 3), "exit": done.returncode})
        print(f"  {name:<44} {seconds:7.2f} s  exit {done.returncode}", flush=True)
        if done.returncode != 0:
            raise SmokeFailure(f"{name}: exit {done.returncode}\n--- stdout\n{done.stdout[-3000:]}\n"
                               f"--- stderr\n{done.stderr[-3000:]}")
        return done


def timed_start(command: list[str], env: dict[str, str], cwd: Path, runs: int) -> dict[str, float]:
    """Seconds for `command` (first run, then the median of `runs` more)."""
    def once() -> float:
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=cwd, timeout=120)
        seconds = time.perf_counter() - start
        check(done.returncode == 0 and "moedemappe" in done.stdout, f"{command}: {done.stdout}{done.stderr}")
        return seconds

    first = once()
    warm = [once() for _ in range(runs)]
    return {"first_s": round(first, 3), "warm_median_s": round(statistics.median(warm), 3),
            "warm_min_s": round(min(warm), 3)}


def folder_size_mb(folder: Path) -> float:
    total = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return round(total / 1_000_000, 1)


def frozen_checks(r: Runner, binary: Path, data_dir: Path) -> None:
    question = json.loads(DEMO_QUESTIONS.read_text(encoding="utf-8"))["questions"][0]
    done = r.run("frozen --version", [str(binary), "--version"])
    check(done.stdout.strip().startswith("moedemappe "), f"--version printed {done.stdout!r}")
    done = r.run("frozen models verify", [str(binary), "models", "verify", "--json"])
    verified = json.loads(done.stdout)
    models = {m["name"]: m["status"] for m in verified}
    check(any(s == "ok" for s in models.values()), f"no bundled model verified: {models}")
    # The self-check generated with the bundled llama.cpp: the frozen build runs on this CPU.
    check([m.get("selfcheck") for m in verified if "selfcheck" in m] == ["ok"], f"self-check: {verified}")
    # An installed build reads models only from its bundle (and the IT policy's directory): a
    # MOEDEMAPPE_MODELS_DIR in the environment is ignored, as the policy file override is.
    r.run("frozen ignores MOEDEMAPPE_MODELS_DIR", [str(binary), "models", "verify"],
          env={**r.env, "MOEDEMAPPE_MODELS_DIR": str(r.scratch / "no-such-models")})
    done = r.run("frozen import (demo pack)", [str(binary), "--data-dir", str(data_dir), "import",
                                               str(DEMO_PDF), "--json"])
    imported = json.loads(done.stdout)
    check(imported.get("pages", 0) > 0, f"import: {imported}")
    done = r.run("frozen search", [str(binary), "--data-dir", str(data_dir), "search", question["question"],
                                   "--limit", "5", "--json"])
    hits = json.loads(done.stdout)
    check(any(h["page"] == question["page"] for h in hits),
          f"search: gold page {question['page']} not among {[h['page'] for h in hits]}")
    done = r.run("frozen ask (default model)", [str(binary), "--data-dir", str(data_dir), "ask",
                                                question["question"], "--json"])
    answer = json.loads(done.stdout)
    check(answer["mode"] in ("generated", "extractive") and answer["citations"] and answer["model"],
          f"ask: {answer}")


def gui_check(r: Runner, binary: Path, data_dir: Path, seconds: float = 8.0) -> None:
    """The window starts offscreen (Qt plugins, QtPdf, translations) and keeps running."""
    start = time.perf_counter()
    with subprocess.Popen([*r.isolate, str(binary), "--data-dir", str(data_dir)], env=r.env, cwd=r.scratch,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as window:
        try:
            out, err = window.communicate(timeout=seconds)
            raise SmokeFailure(f"window exited early ({window.returncode}):\n{out[-2000:]}\n{err[-2000:]}")
        except subprocess.TimeoutExpired:
            window.terminate()
            try:
                out, err = window.communicate(timeout=10)
            except subprocess.TimeoutExpired:
                window.kill()
                out, err = window.communicate()
    check("qt.qpa.plugin" not in err and "Could not load" not in err, f"Qt plugin problem:\n{err[-2000:]}")
    r.steps.append({"step": "frozen window (offscreen)", "seconds": round(time.perf_counter() - start, 3),
                    "exit": 0})
    print(f"  {'frozen window (offscreen), alive after':<44} {seconds:7.2f} s  ok", flush=True)


def deb_checks(r: Runner, deb: Path, data_dir: Path) -> dict[str, object]:
    root = r.scratch / "debroot"
    (root / "var" / "lib" / "dpkg" / "updates").mkdir(parents=True)
    (root / "var" / "lib" / "dpkg" / "info").mkdir()
    (root / "var" / "lib" / "dpkg" / "status").write_text("")
    env = {**r.env, "PATH": r.env.get("PATH", "") + ":/usr/sbin:/sbin"}
    method = "dpkg --root"
    dpkg_root = ["dpkg", f"--root={root}", "--force-not-root", "--force-depends", "--force-script-chrootless",
                 f"--log={r.scratch / 'dpkg.log'}"]
    try:
        r.run("deb install (dpkg --root)", [*dpkg_root, "--install", str(deb)], isolated=False, env=env)
    except SmokeFailure as failure:
        print(f"  dpkg --root did not work here, using dpkg -x: {str(failure).splitlines()[0]}")
        shutil.rmtree(root)
        r.run("deb extract (dpkg -x)", ["dpkg-deb", "-x", str(deb), str(root)], isolated=False)
        method = "dpkg -x"
    installed = root / "opt" / "moedemappe" / "moedemappe"
    link = root / "usr" / "bin" / "moedemappe"
    desktop = root / "usr" / "share" / "applications" / "moedemappe.desktop"
    icon = root / "usr" / "share" / "icons" / "hicolor" / "scalable" / "apps" / "moedemappe.svg"
    check(installed.is_file() and os.access(installed, os.X_OK), f"{installed} missing or not executable")
    check(link.is_symlink() and os.readlink(link) == "/opt/moedemappe/moedemappe", f"{link} -> {os.readlink(link)}")
    text = desktop.read_text(encoding="utf-8")
    for line in ("Exec=moedemappe", "Icon=moedemappe", "Name[da]=", "Name[en]=", "Comment[da]=", "Comment[en]="):
        check(line in text, f"desktop entry lacks {line!r}")
    check(icon.is_file() and b"<svg" in icon.read_bytes(), f"{icon} missing")
    validator = shutil.which("desktop-file-validate")
    if validator:
        r.run("desktop-file-validate", [validator, str(desktop)], isolated=False)
    done = r.run("installed --version", [str(installed), "--version"])
    check(done.stdout.strip().startswith("moedemappe "), done.stdout)
    done = r.run("installed search", [str(installed), "--data-dir", str(data_dir), "search", "byggesagsgebyr",
                                      "--limit", "3", "--json"])
    check(len(json.loads(done.stdout)) > 0, "installed search found nothing")
    if method == "dpkg --root":
        r.run("deb remove (dpkg --root)", [*dpkg_root, "--purge", "moedemappe"], isolated=False, env=env)
        check(not (root / "opt" / "moedemappe").exists() and not link.exists(), "files left after --purge")
    return {"method": method, "deb": deb.name, "deb_mb": round(deb.stat().st_size / 1_000_000, 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--skip-deb", action="store_true", help="no .deb checks (e.g. on macOS/Windows)")
    parser.add_argument("--skip-gui", action="store_true")
    parser.add_argument("--no-netns", action="store_true", help="do not run inside `unshare -n`")
    args = parser.parse_args(argv)
    dist = args.dist.resolve()
    app_dir = dist / "moedemappe"
    binary = app_dir / ("moedemappe.exe" if sys.platform == "win32" else "moedemappe")
    if not binary.is_file():
        print(f"smoke test: {binary} not found — build first (make package)", file=sys.stderr)
        return 2
    isolate = [] if args.no_netns else netns_prefix()
    report: dict[str, object] = {
        "machine": {"platform": platform.platform(), "python": platform.python_version(),
                    "cpus": os.cpu_count()},
        "network_isolation": " ".join(isolate) or "offline guard only",
    }
    started = time.perf_counter()
    print(f"Smoke test of {app_dir} ({report['network_isolation']})", flush=True)
    with tempfile.TemporaryDirectory(prefix="moedemappe-smoke-") as scratch_name:
        scratch = Path(scratch_name)
        r = Runner(scratch, isolate)
        data_dir = scratch / "data"
        try:
            # Start-up first, before anything else warms the page cache for the frozen app.
            frozen = timed_start([str(binary), "--version"], r.env, scratch, WARM_RUNS)
            source_env = {**r.env, "PYTHONPATH": str(ROOT)}
            source = timed_start([sys.executable, "-m", "app", "--version"], source_env, ROOT, WARM_RUNS)
            report["startup_version"] = {
                "frozen": frozen, "source": source,
                "ratio_frozen_to_source_first": round(frozen["first_s"] / source["first_s"], 2),
                "ratio_frozen_to_source_warm": round(frozen["warm_median_s"] / source["warm_median_s"], 2),
            }
            print(f"  cold start --version: frozen {frozen['first_s']:.2f} s first / {frozen['warm_median_s']:.2f} s "
                  f"warm median; source {source['first_s']:.2f} s / {source['warm_median_s']:.2f} s "
                  f"(ratio {report['startup_version']['ratio_frozen_to_source_warm']})", flush=True)
            frozen_checks(r, binary, data_dir)
            if not args.skip_gui:
                gui_check(r, binary, scratch / "gui-data")
            if not args.skip_deb:
                debs = sorted(dist.glob("moedemappe_*_amd64.deb"))
                check(bool(debs), f"no moedemappe_*_amd64.deb in {dist} (packaging/build_deb.sh)")
                report["deb"] = deb_checks(r, debs[-1], data_dir)
            attempts = r.network_log.read_text(encoding="utf-8").splitlines() if r.network_log.exists() else []
            check(not attempts, "network attempts recorded:\n" + "\n".join(attempts[:5]))
            report["network_attempts"] = 0
            ok = True
        except (SmokeFailure, subprocess.TimeoutExpired, json.JSONDecodeError, KeyError) as failure:
            print(f"SMOKE TEST FAILED: {failure}", file=sys.stderr)
            report["failure"] = str(failure)[:4000]
            ok = False
        report["steps"] = r.steps
    package_info: dict[str, object] = {"folder": str(app_dir), "size_mb": folder_size_mb(app_dir),
                                       "files": sum(1 for p in app_dir.rglob("*") if p.is_file())}
    models = app_dir / "_internal" / "models"
    if models.is_dir():
        package_info["models_mb"] = folder_size_mb(models)
        package_info["size_without_models_mb"] = round(package_info["size_mb"] - package_info["models_mb"], 1)  # type: ignore[operator]
    report["package"] = package_info
    report["smoke_test_s"] = round(time.perf_counter() - started, 1)
    report["ok"] = ok
    out = dist / "package-report.json"
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    package: dict = report["package"]  # type: ignore[assignment]
    models_note = f" (models {package['models_mb']} MB)" if "models_mb" in package else ""
    print(f"Package: {package['size_mb']} MB in {package['files']} files{models_note}; "
          f"smoke test {report['smoke_test_s']} s; {'OK' if ok else 'FAILED'} -> {out}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
