import json

from app.core.settings import VERSION, Settings, load_settings, save_settings


def test_defaults_when_there_is_no_file(tmp_path):
    assert load_settings(tmp_path) == Settings()


def test_settings_survive_a_round_trip(tmp_path):
    chosen = Settings(chat_model="qwen2.5-7b-instruct-q4_k_m", model_threads=6, model_context=8192,
                      language="en", theme="dark", font_size=14, watch_folder="/tmp/pakker")  # fmt: skip
    save_settings(tmp_path, chosen)
    assert load_settings(tmp_path) == chosen


def test_a_version_1_file_is_upgraded_keeping_the_users_choice(tmp_path):
    (tmp_path / "settings.json").write_text(json.dumps({"version": 1, "watch_folder": "/data/pakker"}))
    upgraded = load_settings(tmp_path)
    assert upgraded.version == VERSION and upgraded.watch_folder == "/data/pakker"
    assert (upgraded.model_threads, upgraded.language, upgraded.theme) == (0, "da", "system")


def test_damaged_values_fall_back_to_defaults_instead_of_crashing(tmp_path):
    (tmp_path / "settings.json").write_text(json.dumps(
        {"version": VERSION, "model_threads": -3, "language": "klingon", "font_size": "huge", "theme": 7}))
    assert load_settings(tmp_path) == Settings()
    (tmp_path / "settings.json").write_text("{not json")
    assert load_settings(tmp_path) == Settings()


def test_a_version_2_file_gains_the_window_layout_and_keeps_the_rest(tmp_path):
    (tmp_path / "settings.json").write_text(json.dumps({"version": 2, "theme": "dark", "font_size": 14}))
    upgraded = load_settings(tmp_path)
    assert (upgraded.version, upgraded.theme, upgraded.font_size) == (VERSION, "dark", 14)
    assert (upgraded.window_geometry, upgraded.window_panes) == ("", [])


def test_a_damaged_window_layout_falls_back_to_the_default(tmp_path):
    (tmp_path / "settings.json").write_text(json.dumps({"version": VERSION, "window_geometry": 42,
                                                        "window_panes": [300, -1, "wide"]}))  # fmt: skip
    settings = load_settings(tmp_path)
    assert (settings.window_geometry, settings.window_panes) == ("", [])
