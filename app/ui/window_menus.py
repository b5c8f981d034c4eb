"""The window's actions (their texts, shortcuts and tooltips) and its menus (Filer, Vis, Hjælp), and
what the menus ask for that no pane owns: keyboard focus (search, find, F6 between the panes), the
guide and the settings dialog.

A mixin of MainWindow (app.ui.main_window), which holds the panes and controllers the actions drive;
its texts keep the "MainWindow" translation context.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app.core.security.policy import current_policy
from app.core.settings import Settings
from app.ui import window_settings
from app.ui.help_dialog import HelpDialog, show_about
from app.ui.pane_focus import focus_next_pane
from app.ui.qt import QAction, QCoreApplication, QKeySequence, Qt, QWidget

translate = QCoreApplication.translate


class WindowMenus:
    """MainWindow's actions, menus and focus moves (see the module docstring)."""

    if TYPE_CHECKING:  # provided by MainWindow
        importer: Any
        library_pane: Any
        lock_screen: Any
        assistant: Any
        assistant_controller: Any
        pages: Any
        welcome_page: Any
        reading_page: Any
        guide: Any

        def menuBar(self) -> Any: ...  # noqa: N802 - Qt's name
        def focusWidget(self) -> QWidget: ...  # noqa: N802 - Qt's name
        def close(self) -> bool: ...
        def delete_everything(self, confirm: bool = True) -> bool: ...
        def set_presentation_mode(self, on: bool) -> None: ...
        def show_audit_log(self) -> None: ...

    def _build_actions(self) -> None:
        def action(text: str, on_triggered: Any, shortcut: Any = None, tooltip: str = "") -> QAction:
            made = QAction(text, self)
            if shortcut is not None:
                made.setShortcut(QKeySequence(shortcut))
            if tooltip:
                made.setToolTip(tooltip)
            if on_triggered is not None:
                made.triggered.connect(on_triggered)
            return made

        self.import_files_action = action(translate("MainWindow", "Importér filer …"),
                                          lambda: self.importer.choose_files(), QKeySequence.StandardKey.Open)
        self.import_folder_action = action(translate("MainWindow", "Importér mappe …"),
                                           lambda: self.importer.choose_folder(), "Ctrl+Shift+O")
        self.delete_action = action(translate("MainWindow", "Slet møde …"),
                                    lambda: self.library_pane.delete_selected(), QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.lock_action = action(translate("MainWindow", "Lås Mødemappe"), lambda: self.lock_screen.lock(), "Ctrl+L",
                                  translate("MainWindow", "Skjul alt indhold, til du låser op igen"))
        self.quit_action = action(translate("MainWindow", "Afslut"), self.close, "Ctrl+Q")
        self.about_action = action(translate("MainWindow", "Om Mødemappe"), lambda: show_about(self))
        self.watch_action = action(translate("MainWindow", "Overvåg en mappe …"),
                                   lambda: self.importer.choose_watch_folder(),
                                   tooltip=translate("MainWindow", "Nye mødepakker i mappen importeres automatisk"))
        self.stop_watch_action = action(translate("MainWindow", "Stop overvågning"),
                                        lambda: self.importer.set_watch_folder(None))
        self.import_handbook_action = action(
            translate("MainWindow", "Importér til Håndbog …"), lambda: self.importer.choose_handbook_files(),
            tooltip=translate("MainWindow", "Kommunalbestyrelsens håndbog, retningslinjer og love"))
        self.import_recording_action = action(
            translate("MainWindow", "Importér optagelse til mødet …"), lambda: self.importer.choose_recording(),
            tooltip=translate("MainWindow", "Lyd, video eller undertekster fra mødet – skrives ud lokalt"))
        self.import_recording_action.setVisible(current_policy().recordings)
        self.delete_all_action = action(
            translate("MainWindow", "Slet alt …"), lambda: self.delete_everything(),
            tooltip=translate("MainWindow", "Slet alle møder, søgeindekset og nøglen fra denne computer"))
        self.settings_action = action(translate("MainWindow", "Indstillinger …"), self.open_settings, "Ctrl+,")
        self.search_action = action(translate("MainWindow", "Søg i materialet"), self.focus_search, "Ctrl+Shift+F")
        self.find_action = action(translate("MainWindow", "Find i dokumentet"), self.focus_find,
                                  QKeySequence.StandardKey.Find)
        self.ask_focus_action = action(translate("MainWindow", "Stil et spørgsmål"),
                                       lambda: self.assistant.question_edit.setFocus(), "Ctrl+K")
        # F6 / Shift+F6 move between the library, the page in the middle and the assistant.
        panes = ((translate("MainWindow", "Næste rude"), "F6", 1),
                 (translate("MainWindow", "Forrige rude"), "Shift+F6", -1))
        self.pane_actions = [action(text, lambda _checked=False, step=step: self.focus_pane(step), key)
                             for text, key, step in panes]
        self.copy_action = action(translate("MainWindow", "Kopiér svar med kilder"),
                                  lambda: self.assistant_controller.copy_answer(), "Ctrl+Shift+C")
        self.presentation_action = action(
            translate("MainWindow", "Præsentationstilstand (skjul lukkede punkter)"), None, "Ctrl+Shift+P",
            translate("MainWindow", "Til skærmdeling: lukkede punkter vises ikke og bruges ikke i svar"))
        self.presentation_action.setCheckable(True)
        self.presentation_action.toggled.connect(self.set_presentation_mode)
        self.audit_action = action(translate("MainWindow", "Revisionslog …"), self.show_audit_log)
        self.guide_action = action(translate("MainWindow", "Vejledning"), self.show_guide, "F1")

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(translate("MainWindow", "&Filer"))
        for entry in (self.import_files_action, self.import_folder_action, self.import_handbook_action,
                      self.import_recording_action, self.delete_action, None, self.watch_action,
                      self.stop_watch_action, None, self.settings_action, self.lock_action, self.delete_all_action,
                      None, self.quit_action):  # fmt: skip
            file_menu.addAction(entry) if entry else file_menu.addSeparator()
        view_menu = self.menuBar().addMenu(translate("MainWindow", "&Vis"))
        for entry in (self.search_action, self.find_action, self.ask_focus_action, *self.pane_actions,
                      self.copy_action, None, self.presentation_action, self.audit_action):  # fmt: skip
            view_menu.addAction(entry) if entry else view_menu.addSeparator()
        help_menu = self.menuBar().addMenu(translate("MainWindow", "&Hjælp"))
        help_menu.addAction(self.guide_action)
        help_menu.addAction(self.about_action)

    # --- focus -------------------------------------------------------------------------

    def focus_search(self) -> None:
        if self.library_pane.meetings:
            self.reading_page.focus_search()

    def focus_find(self) -> None:
        self.reading_page.focus_find()

    def focus_pane(self, step: int) -> None:
        """Keyboard focus to the next (step 1) or previous (-1) of the window's visible panes."""
        focus_next_pane([(self.library_pane, self.library_pane.tree), (self.pages, self._middle_focus()),
                         (self.assistant, self.assistant.question_edit)], self.focusWidget(), step)  # fmt: skip

    def _middle_focus(self) -> QWidget:
        """Where focus lands in the middle pane: the welcome's import button, or the open tab's content."""
        if self.pages.currentWidget() is self.welcome_page:
            return self.welcome_page.import_button
        return self.reading_page.focus_target()

    # --- dialogs and settings ----------------------------------------------------------

    def show_guide(self) -> None:
        self.guide = HelpDialog(self)
        self.guide.show()

    def open_settings(self) -> bool:
        """The settings dialog (app.ui.window_settings applies what the user chose)."""
        return window_settings.open_settings(self)

    def apply_settings(self, new: Settings) -> None:
        window_settings.apply_settings(self, new)
