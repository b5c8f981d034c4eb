import shutil

from app.core.settings import Settings, load_settings, save_settings
from app.core.store.database import Store
from app.core.importing.watch import FolderWatch


def test_packs_are_ready_once_their_files_stop_changing(tmp_path, demo_pdf):
    folder = tmp_path / "indbakke"
    (folder / "byraad-2023-10-02").mkdir(parents=True)
    store = Store(tmp_path / "store.sqlite", bytes(32))
    watch = FolderWatch(folder)
    shutil.copy(demo_pdf, folder / "byraad-2023-10-02" / "referat.pdf")
    (folder / "noter.txt").write_text("ikke en mødepakke")
    assert watch.ready_packs(store) == []  # first sight: maybe still being copied
    assert watch.ready_packs(store) == [folder / "byraad-2023-10-02"]
    assert watch.ready_packs(store) == []  # handed out once
    (folder / "løst bilag.pdf").write_bytes(b"%PDF-1.4 growing")
    assert watch.ready_packs(store) == []
    with (folder / "løst bilag.pdf").open("ab") as handle:
        handle.write(b" more bytes")
    assert watch.ready_packs(store) == []  # it grew: wait another scan
    assert watch.ready_packs(store) == [folder / "løst bilag.pdf"]


def test_settings_round_trip_and_survive_garbage(tmp_path):
    assert load_settings(tmp_path) == Settings()
    save_settings(tmp_path, Settings(watch_folder="/srv/møder"))
    assert load_settings(tmp_path).watch_folder == "/srv/møder"
    (tmp_path / "settings.json").write_text("{not json")
    assert load_settings(tmp_path) == Settings()
    (tmp_path / "settings.json").write_text('{"version": 1, "watch_folder": null, "unknown_key": 3}')
    assert load_settings(tmp_path) == Settings()


def test_a_fifo_in_the_watched_folder_is_ignored_without_blocking(tmp_path):
    import os

    import pytest

    if not hasattr(os, "mkfifo"):
        pytest.skip("FIFOs are POSIX")
    folder = tmp_path / "indbakke"
    folder.mkdir()
    os.mkfifo(folder / "rør.pdf")  # hashing it would wait for a writer forever
    store = Store(tmp_path / "store.sqlite", bytes(32))
    watch = FolderWatch(folder)
    assert watch.ready_packs(store) == [] and watch.ready_packs(store) == []
