"""Headless Chromium from the system packages, driven by selenium: for tests that render a page.

`make test` installs Debian's chromium and chromium-driver when they are missing. Nothing is
downloaded at run time: selenium is pointed at the system browser and driver, offline.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


def _find(names: tuple[str, ...]) -> str:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    pytest.fail(
        f"{' or '.join(names)} is not installed: run `make test` (it installs Debian's chromium and "
        "chromium-driver), or `apt-get install -y chromium chromium-driver`"
    )


@contextmanager
def chromium(width: int = 1280, height: int = 900) -> Iterator[Any]:
    """A headless Chromium with a fresh profile; its console is readable with get_log("browser")."""
    os.environ["SE_OFFLINE"] = "true"  # selenium must never fetch a driver or browser
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = _find(BROWSERS)
    with tempfile.TemporaryDirectory(prefix="mineralcheck-chromium-") as profile:
        for flag in (*FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}"):
            options.add_argument(flag)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        driver = webdriver.Chrome(service=Service(_find(("chromedriver",))), options=options)
        try:
            yield driver
        finally:
            driver.quit()
