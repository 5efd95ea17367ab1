"""Browser fixtures: the app served by uvicorn on loopback, Debian's chromium via Playwright.

Never `playwright install`: the browser is /usr/bin/chromium, from Debian.
axe-core comes from npm (tests/browser/node_modules) and is injected in pages.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time

import pytest
import uvicorn

from collectivia.web.app import create_app

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def pytest_collection_modifyitems(items):
    """Browser tests are marked and run last: Playwright's sync API keeps an event loop running
    in the main thread for the rest of the session, and code that must not block a running loop
    (the upload sandbox, the in-process job runner) would refuse to work after it."""
    browser = [item for item in items if "/browser/" in str(item.fspath)]
    for item in browser:
        item.add_marker(pytest.mark.browser)
    items[:] = [item for item in items if item not in browser] + browser


@pytest.fixture
def live_server(settings, demo_database):
    """The real app on a free loopback port, for the browser."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(settings, demo_database), host="127.0.0.1",
                                           port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 15
    while not server.started and time.time() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="session")
def browser(templates):
    # The demo template is built before Playwright starts its event loop in this thread: the
    # build parses uploads in the sandbox, which refuses to block a running loop.
    templates.fresh(with_demo=True)
    if not shutil.which(CHROMIUM):
        pytest.fail("Debian's chromium is missing: `make test` installs it (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    # bypass_csp: lets the test inject axe-core; the app itself allows no inline script
    context = browser.new_context(locale="fr-FR", bypass_csp=True)
    pg = context.new_page()
    yield pg
    context.close()
