"""The review actions on the file: save, save as, reload, quit, and the question asked when the
article changed on disk. The session does the writing (:mod:`tqkit.review.session`)."""

from __future__ import annotations

from pathlib import Path

from textual.screen import ModalScreen

from tqkit.errors import ExternalChangeError, SaveError
from tqkit.review.files import Fingerprint

from .base import ReviewBase
from .screens import ChoiceScreen, InputScreen
from .widgets import DocumentView


class SavingActions(ReviewBase):
    _external_prompted: str | None = None

    def action_save(self) -> None:
        self.save()

    def _save_error(self, target: str | None, exc: Exception) -> str | None:
        """The message for a failed save (``None``: the file changed on disk, ask)."""
        if isinstance(exc, ExternalChangeError):
            return None
        if isinstance(exc, SaveError):
            return str(exc)
        if isinstance(exc, OSError):
            return f"{target or self.session.path}: cannot save: {exc.strerror or exc}"
        return f"{target or self.session.path}: cannot save: {exc}"

    def save(self, target: str | None = None, *, force: bool = False, then_quit: bool = False) -> bool:
        try:
            written = self.session.save(target, force=force)
        except Exception as exc:  # a failing writer must not take the editor (and the edits) down
            message = self._save_error(target, exc)
            if message is None:
                self.ask_external_change(saving=True, then_quit=then_quit)
            else:
                self.say(message, "error")
            return False
        self._external_prompted = None
        if self.session.stale:
            self.request_check()
        self.refresh_all(scroll=False)
        self.say(f"saved {written}")
        if then_quit:
            self.exit()
        return True

    def action_save_as(self, then_quit: bool = False) -> None:
        def done(value: str | None) -> None:
            target = (value or "").strip()
            if target:
                self._save_as(target, then_quit)

        self.push_screen(InputScreen("Save as", self.session.path, placeholder="path"), done)

    def _save_as(self, target: str, then_quit: bool) -> None:
        here = Path(target).resolve() == Path(self.session.path).resolve()
        if here or not Path(target).exists():
            self.save(target, then_quit=then_quit)
            return

        def confirmed(answer: str | None) -> None:
            if answer == "yes":
                self.save(target, then_quit=then_quit)

        self.push_screen(
            ChoiceScreen(
                "Replace the file?",
                f"{target} already exists. Replace it?",
                [("y", "Replace", "yes"), ("n", "Cancel", "no")],
            ),
            confirmed,
        )

    def action_reload(self) -> None:
        def done(answer: str | None) -> None:
            if answer == "yes":
                self._reload()

        if self.session.dirty:
            self.push_screen(
                ChoiceScreen(
                    "Reload?", "Reloading drops your unsaved changes.", [("y", "Reload", "yes"), ("n", "Cancel", "no")]
                ),
                done,
            )
        else:
            self._reload()

    def _reload(self) -> None:
        try:
            self.session.reload()
        except Exception as exc:
            self.say(f"cannot reload: {exc}", "error")
            return
        self._external_prompted = None
        self.current = None
        self.query_one(DocumentView).set_text(self.session.text)
        self.rebuild_list()
        self.refresh_all()
        self.request_check()
        self.say(f"reloaded {self.session.path}")

    def poll_disk(self) -> None:
        """Called every few seconds: warn once per outside change."""
        if isinstance(self.screen, ModalScreen):
            return
        if self.session.quick_changed_on_disk():
            fp = Fingerprint.of(self.session.path)
            marker = fp.sha256 if fp else "missing"
            if marker != self._external_prompted:
                self._external_prompted = marker
                self.ask_external_change()

    def ask_external_change(self, saving: bool = False, then_quit: bool = False) -> None:
        def done(answer: str | None) -> None:
            if answer == "reload":
                self._reload()
            elif answer == "overwrite":
                self.save(force=True, then_quit=then_quit)
            elif answer == "saveas":
                self.action_save_as(then_quit=then_quit)

        name = Path(self.session.path).name
        msg = (
            f"{name} changed on disk since it was opened"
            + (" — your save was not written." if saving else ".")
            + "\nReload it (dropping your changes), overwrite it with your version, or save under another name?"
        )
        self.push_screen(
            ChoiceScreen(
                "File changed on disk",
                msg,
                [
                    ("r", "Reload", "reload"),
                    ("o", "Overwrite", "overwrite"),
                    ("s", "Save as", "saveas"),
                    ("escape", "Cancel", "cancel"),
                ],
            ),
            done,
        )

    def action_request_quit(self) -> None:
        if not self.session.dirty:
            self.exit()
            return

        def done(answer: str | None) -> None:
            if answer == "save":
                self.save(then_quit=True)
            elif answer == "discard":
                self.exit()

        self.push_screen(
            ChoiceScreen(
                "Unsaved changes",
                "Save your changes before quitting?",
                [("s", "Save", "save"), ("d", "Discard", "discard"), ("escape", "Cancel", "cancel")],
            ),
            done,
        )
