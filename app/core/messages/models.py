"""Messages of the language model: a missing or rejected model file, the llama.cpp build check and
the model's self-check.

Part of the one message table of app.core.messages (which merges them and looks keys up).
"""

MESSAGES: dict[str, dict[str, str]] = {
    "model_missing": {
        "da": "Sprogmodellen mangler eller er ikke bekræftet ({name}). Kør 'make run' eller 'moedemappe models verify'.",
        "en": "The language model is missing or unverified ({name}). Run 'make run' or 'moedemappe models verify'.",
    },
    "manifest_broken": {
        "da": "Modeloversigten (models/manifest.toml) kan ikke læses: {detail}",
        "en": "The model manifest (models/manifest.toml) cannot be read: {detail}",
    },
    # --- the llama.cpp build and the model self-check (app/core/models/buildcheck.py, selfcheck.py) ---
    "llama_build_not_portable": {
        "da": "llama.cpp er bygget til byggemaskinens processor, ikke til den bærbare basislinje (AVX2): "
              "{found}. Sådan en build går ned (AMX) eller stopper med SIGILL på andre computere. "
              "Byg den igen med packaging/build_llama.sh: make clean && make setup.",
        "en": "llama.cpp was built for the build machine's processor, not for the portable baseline (AVX2): "
              "{found}. Such a build crashes (AMX) or stops with SIGILL on other computers. "
              "Rebuild it with packaging/build_llama.sh: make clean && make setup.",
    },
    "llama_build_portable": {
        "da": "llama.cpp er bygget til den bærbare basislinje (ingen AVX-512/AMX): {path}",
        "en": "llama.cpp is built for the portable baseline (no AVX-512/AMX): {path}",
    },
    "llama_build_missing": {
        "da": "llama.cpp's biblioteker findes ikke ({path}). Kør make setup.",
        "en": "llama.cpp's libraries are missing ({path}). Run make setup.",
    },
    "llama_build_no_objdump": {
        "da": "objdump mangler, så llama.cpp-bygget kan ikke kontrolleres. Installér binutils: "
              "sudo apt-get install binutils",
        "en": "objdump is missing, so the llama.cpp build cannot be checked. Install binutils: "
              "sudo apt-get install binutils",
    },
    "llama_build_check_skipped": {
        "da": "Kontrol af llama.cpp-bygget springes over på {platform} (kun x86-64 Linux har AVX-512/AMX-risikoen her).",
        "en": "The llama.cpp build check is skipped on {platform} (only x86-64 Linux has the AVX-512/AMX risk here).",
    },
    "model_selfcheck_crashed": {
        "da": "Sprogmodellen {name} gik ned under selvtesten ({signal}). Processoren melder: {cpu}. llama.cpp "
              "bruger sandsynligvis instruktioner, som ikke virker her (AVX-512/AMX, eller mere end AVX2). "
              "Byg llama.cpp igen til den bærbare basislinje med packaging/build_llama.sh: "
              "make clean && make setup.",
        "en": "The language model {name} crashed during the self-check ({signal}). The processor reports: {cpu}. "
              "llama.cpp probably uses instructions that do not work here (AVX-512/AMX, or more than AVX2). "
              "Rebuild llama.cpp for the portable baseline with packaging/build_llama.sh: "
              "make clean && make setup.",
    },
    "cpu_below_baseline": {
        "da": " Processoren har ikke AVX2, som basislinjen kræver: byg uden, med make clean && "
              "MOEDEMAPPE_EXTRA_CMAKE_ARGS=\"-DGGML_AVX2=OFF -DGGML_FMA=OFF -DGGML_F16C=OFF -DGGML_BMI2=OFF\" make setup.",
        "en": " The processor lacks AVX2, which the baseline needs: build without it, with make clean && "
              "MOEDEMAPPE_EXTRA_CMAKE_ARGS=\"-DGGML_AVX2=OFF -DGGML_FMA=OFF -DGGML_F16C=OFF -DGGML_BMI2=OFF\" make setup.",
    },
    "model_selfcheck_ok": {
        "da": "Selvtest af {name}: {tokens} tokens på {seconds:.1f} s – llama.cpp virker på denne processor.",
        "en": "Self-check of {name}: {tokens} tokens in {seconds:.1f} s – llama.cpp works on this processor.",
    },
    "model_selfcheck_failed": {
        "da": "Selvtesten af sprogmodellen {name} fejlede: {detail}",
        "en": "The self-check of the language model {name} failed: {detail}",
    },
    "cpu_flags_unknown": {"da": "ukendt", "en": "unknown"},
    "model_rejected": {
        "da": "Sprogmodellen {name} kan ikke bruges: filen passer ikke med modeloversigten (sha256). Kontakt IT.",
        "en": "The model {name} cannot be used: the file does not match the manifest (sha256). Contact IT.",
    },
    "model_crashed": {
        "da": "Sprogmodellen stoppede uventet. Prøv igen.",
        "en": "The language model stopped unexpectedly. Please try again.",
    },
}
