"""A real browser: headless Debian chromium drives ``streamlit run app.py`` on localhost.

It loads the sample, presses Solve, waits for the roster grid, and saves screenshots under
``tests/artifacts/`` (git-ignored) so a person can judge the look. Skipped, with the reason,
when chromium or the ``playwright`` package is missing (Playwright's own browsers are not used).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run"]

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    """``streamlit run app.py`` on a free port; stopped (its process only) at the end."""
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium is not installed (apt-get install chromium)")
    pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    port = _free_port()
    env = dict(os.environ, STREAMLIT_BROWSER_GATHER_USAGE_STATS="false")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.headless",
         "true", "--server.port", str(port), "--server.address", "127.0.0.1"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(url + "/_stcore/health", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("streamlit did not start within 60 s")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_load_sample_solve_and_see_the_grid(server) -> None:
    """Load the sample, Solve (short limit), wait for names in the grid, take screenshots."""
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1600, "height": 1000})
            page.goto(server, wait_until="domcontentloaded")
            page.get_by_role("button", name="载入示例数据").click(timeout=60_000)
            page.get_by_text("检查通过").wait_for(timeout=60_000)
            time.sleep(1.5)
            page.screenshot(path=str(ARTIFACTS / "data_page.png"), full_page=True)
            page.get_by_role("link", name="排班").first.click()
            limit = page.get_by_label("计算时限（秒）", exact=True).and_(
                page.get_by_test_id("stNumberInputField"))
            limit.wait_for(timeout=30_000)
            limit.fill("8")
            limit.press("Enter")
            time.sleep(1.5)  # let the rerun from the edit finish so the click is not lost
            page.get_by_role("button", name="开始排班").click(timeout=30_000)
            try:
                page.get_by_text("排班完成").wait_for(timeout=120_000)
            except Exception:
                page.screenshot(path=str(ARTIFACTS / "planner_timeout.png"), full_page=True)
                raise
            grid = page.locator("[data-testid='stDataFrame']").first
            grid.wait_for(timeout=30_000)
            time.sleep(1.5)  # let the canvas grid paint before the screenshot
            page.screenshot(path=str(ARTIFACTS / "planner.png"), full_page=False)
            assert page.get_by_text("排班完成").count() >= 1
            page.get_by_role("link", name="公平性").first.click()
            page.get_by_text("应担份额").first.wait_for(timeout=60_000)
            page.locator(".vega-embed").first.wait_for(timeout=60_000)
            time.sleep(2)
            page.screenshot(path=str(ARTIFACTS / "fairness.png"), full_page=False)
            page.get_by_role("link", name="考核结果").first.click()
            page.get_by_role("button", name="载入示例考核数据").click(timeout=30_000)
            page.get_by_role("button", name="计算考核结果").click(timeout=60_000)
            page.get_by_text("排名与等次").wait_for(timeout=60_000)
            page.locator(".vega-embed").first.wait_for(timeout=60_000)
            time.sleep(2)
            page.screenshot(path=str(ARTIFACTS / "appraisal.png"), full_page=True)
            page.get_by_role("link", name="个人考核明细").first.click()
            page.get_by_text("评定说明").wait_for(timeout=60_000)
            page.locator(".vega-embed").first.wait_for(timeout=60_000)
            time.sleep(2)
            page.screenshot(path=str(ARTIFACTS / "appraisal_person.png"), full_page=True)
        finally:
            browser.close()
    assert (ARTIFACTS / "planner.png").stat().st_size > 10_000
