"""What the running app holds: paths, catalog, preferences and profile, saved through storage.

Screens read from here and change things through its methods, which save at once and keep any
file problem as a notice for the app to show; nothing here knows about Textual.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from stretch_tui.domain.preferences import Preferences
from stretch_tui.domain.profile import Profile
from stretch_tui.storage import preferences as preferences_file
from stretch_tui.storage import profile as profile_file
from stretch_tui.storage.notices import StorageError
from stretch_tui.storage.paths import AppPaths

if TYPE_CHECKING:
    from stretch_tui.domain.catalog import Catalog
    from stretch_tui.domain.library import LibraryIndex

LARGE_USER_CATALOG = 200
"""With more of the user's exercise files than this, the screens that need the whole catalog
(Home's recommended session, the library opened straight from the command line) wait for it
in a thread; with the shipped 22 and a few of the user's, it takes milliseconds and shows in
the screen's first frame."""


class AppState:
    """The app's data, loaded once at start, with every change saved as it happens.

    The catalog is read the first time it is asked for (Home's first frame does not need it:
    reading and checking every exercise file cost launch time, docs/product.md 10); the app reads
    it in a thread right after that frame, so a large catalog of the user's never freezes the
    screen, and its file problems are still shown at start. Asking for it while that thread
    reads it waits for the thread's result.
    """

    def __init__(self, paths: AppPaths, today: Callable[[], date] = date.today) -> None:
        self.paths = paths
        self.today = today
        """Today's date; tests pass a fixed one so screens are deterministic."""
        self._notices: list[str] = []
        loaded_preferences = preferences_file.load_preferences(paths)
        self.preferences: Preferences = loaded_preferences.value
        self._notices += [str(notice) for notice in loaded_preferences.notices]
        loaded_profile = profile_file.load_profile(paths)
        self.profile: Profile = loaded_profile.value
        self._notices += [str(notice) for notice in loaded_profile.notices]
        self._catalog: Catalog | None = None
        self._catalog_lock = threading.Lock()
        self._notices_lock = threading.Lock()
        """The catalog's notices may arrive from a thread while the app takes them."""
        self._index_lock = threading.Lock()
        self._library_index: tuple[Catalog, str | None, Preferences, LibraryIndex] | None = None
        self._listing_expected = False
        """True from `expect_listing` until `library_listing` holds the catalog's lock."""

    @property
    def catalog(self) -> Catalog:
        """Every exercise, shipped and the user's own, read on first use (from any thread;
        the user's through the cache of `storage/catalog_cache.py`); its file problems
        become notices then."""
        catalog = self._catalog
        if catalog is not None:
            return catalog
        with self._catalog_lock:
            if self._catalog is None:
                from stretch_tui.storage.user_catalog import load_user_catalog

                loaded = load_user_catalog(self.paths)
                notices = [f"{problem} (file skipped)" for problem in loaded.problems]
                notices += [f"{warning} (loaded anyway)" for warning in loaded.warnings]
                with self._notices_lock:
                    self._notices.extend(notices)
                self._catalog = loaded
            return self._catalog

    @property
    def catalog_loaded(self) -> bool:
        """True once the catalog has been read: asking for it then costs nothing."""
        return self._catalog is not None

    def library_index(self) -> LibraryIndex:
        """The library's prepared index of the catalog for the current screening result and
        preferences: kept while they stay the same, so opening the library again (or after
        `read_ahead`) does not prepare 5,000 rows again."""
        from stretch_tui.domain.library import LibraryIndex

        # One thread prepares it; another asking meanwhile (the library opened while
        # `read_ahead` runs) waits for that one instead of preparing it again.
        with self._index_lock:
            kept = self.library_index_if_ready()
            if kept is not None:
                return kept
            catalog, responder, preferences = self.catalog, self.responder, self.preferences
            index = LibraryIndex(catalog.exercises.values(), responder, preferences)
            self._library_index = (catalog, responder, preferences, index)
            return index

    def library_index_if_ready(self) -> LibraryIndex | None:
        """The library's index if it is prepared for the current catalog, screening result
        and preferences; None if asking for it would read or prepare anything."""
        kept, catalog = self._library_index, self._catalog
        # The catalog by identity: comparing 5,000 exercises would cost what it saves.
        if (
            kept is None
            or catalog is None
            or kept[0] is not catalog
            or kept[1:3] != (self.responder, self.preferences)
        ):
            return None
        return kept[3]

    def user_catalog_is_large(self) -> bool:
        """True when the user has more exercise files than `LARGE_USER_CATALOG`: then
        reading and preparing them is for a thread, not the screen's own frame."""
        count = 0
        try:
            # Names, not paths, and only until the count is known to be large: this runs
            # before the library's first frame.
            with os.scandir(self.paths.exercises_dir) as entries:
                for entry in entries:
                    if entry.name.endswith(".toml"):
                        count += 1
                        if count > LARGE_USER_CATALOG:
                            return True
        except OSError:  # a folder that cannot be read has none
            return False
        return False

    def library_listing(self) -> LibraryIndex | None:
        """The library's index of the exercises as it lists them (`storage.catalog_cache.
        LISTED_FIELDS`: no steps or drawings), taken from the catalog's cache alone, for the
        library's rows while the whole catalog is still to be read; about two thirds of the time
        with its index.

        None once the catalog is read (`library_index` is then at hand), or when any of the
        user's exercise files is not in the cache as it is now. The catalog is not read by
        another thread meanwhile: the two would only slow each other down."""
        from stretch_tui.domain.library import LibraryIndex
        from stretch_tui.storage.catalog_cache import load_listed_catalog

        with self._catalog_lock:
            self._listing_expected = False
            if self._catalog is not None:
                return None
            listed = load_listed_catalog(self.paths)
            if listed is None:
                return None
            return LibraryIndex(listed.exercises.values(), self.responder, self.preferences)

    def expect_listing(self) -> None:
        """A thread is about to ask for `library_listing`, then for the whole catalog: until
        it has the catalog's lock, `read_ahead` leaves the catalog to it. Otherwise a read
        ahead that took the lock first would read the whole catalog while the library's rows
        waited, and the listing would then find it read."""
        self._listing_expected = True

    def read_ahead(self) -> None:
        """Read the catalog and prepare the library's index: for a thread, after the first
        frame, so neither the launch nor the first opening of the library waits for them.
        Nothing when the library is about to list the exercises (`expect_listing`): its
        thread reads the catalog right after."""
        if self._listing_expected:
            return
        _ = self.catalog
        self.library_index()

    def take_notices(self) -> list[str]:
        """The file problems not yet shown, emptied as they are taken."""
        with self._notices_lock:
            notices, self._notices = self._notices, []
        return notices

    def add_notice(self, message: str) -> None:
        """Keep a message for the app to show."""
        self._notices.append(message)

    def red_flags_due(self) -> str | None:
        """Why the next session must first ask the warning-sign questions (never answered,
        over 3 months old, or asked with an older questionnaire), or None when they hold."""
        from stretch_tui.domain.screening import red_flags_due, shipped_questionnaire

        now = datetime.combine(self.today(), time(12)).astimezone()
        return red_flags_due(self.profile, now, shipped_questionnaire())

    @property
    def responder(self) -> str | None:
        """The screening's directional result, or None before any screening."""
        return self.profile.responder

    def update_preferences(self, **changes: object) -> bool:
        """Change preferences and save them at once; False (with a notice) if saving failed."""
        self.preferences = replace(self.preferences, **changes)  # type: ignore[arg-type]
        try:
            preferences_file.save_preferences(self.paths, self.preferences)
        except StorageError as error:
            self._notices.append(str(error))
            return False
        return True

    def save_profile(self, profile: Profile) -> bool:
        """Replace the profile and save it at once; False (with a notice) if saving failed."""
        self.profile = profile
        try:
            profile_file.save_profile(self.paths, profile)
        except StorageError as error:
            self._notices.append(str(error))
            return False
        return True
