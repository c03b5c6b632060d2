"""An installed release, run as an operator would (issue 14): scripts/install into a prefix, `serve` from
another working directory, the probes, and `backup` / `restore` through the real binary.
No browser: plain HTTP against the installed server."""

import json
import os
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import REPO_ROOT, _free_port, _read

ADMIN = "Admin#2026x"


def _binary():
    binary = Path(os.environ.get("LIFTWATCH_BIN", REPO_ROOT / ".build" / "debug" / "liftwatch"))
    return binary if binary.is_absolute() else REPO_ROOT / binary


def _env(**extra):
    # Nothing of the suite's own server: this install has its own data beside its working directory.
    env = {k: v for k, v in os.environ.items() if not k.startswith("LIFTWATCH_") and k != "DATABASE_URL"}
    env.update(LIFTWATCH_ADMIN_PASSWORD=ADMIN, LIFTWATCH_BCRYPT_COST="4", **extra)
    return env


def _get(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read().decode("utf-8", "replace")


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    prefix = tmp_path_factory.mktemp("release") / "opt-liftwatch"
    subprocess.run(["bash", str(REPO_ROOT / "scripts" / "install"), str(prefix), "--binary", str(_binary())],
                   check=True, capture_output=True)
    return prefix


def test_install_lays_out_a_release(release):
    for path in ("bin/liftwatch", "Resources/Views", "Resources/Data/regions.csv", "Public/css/app.css",
                 "etc/liftwatch.env.example", "etc/systemd/liftwatch.service", "etc/systemd/liftwatch-supervise.timer",
                 "etc/systemd/liftwatch-backup.timer",
                 "etc/systemd/liftwatch-verify-records.timer"):
        assert (release / path).exists(), path
    unit = (release / "etc/systemd/liftwatch.service").read_text()
    assert f"ExecStart={release}/bin/liftwatch serve" in unit and "User=liftwatch" in unit and "@PREFIX@" not in unit


def test_serve_from_another_folder_then_backup_and_restore(release, tmp_path):
    work = tmp_path / "var-lib-liftwatch"
    work.mkdir()
    port = _free_port()
    log_path = tmp_path / "serve.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen([str(release / "bin/liftwatch"), "serve", "--hostname", "127.0.0.1", "--port", str(port)],
                                   cwd=work, env=_env(), stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, _read(log_path)
            try:
                if _get(base + "/healthz")[0] == 200:
                    break
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            assert time.monotonic() < deadline, _read(log_path)
            time.sleep(0.25)
        status, kind, body = _get(base + "/login")
        assert status == 200 and "用户登录" in body, body[:500]
        status, kind, body = _get(base + "/css/app.css")
        assert status == 200 and "text/css" in kind and len(body) > 1000
        status, kind, body = _get(base + "/readyz")
        assert status == 200 and json.loads(body)["status"] == "ready", body
        # The data went to the working directory, not the install.
        assert (work / "data" / "liftwatch.sqlite").exists()
        assert not (release / "data").exists()

        # An online backup while the server runs.
        backup = tmp_path / "backups" / "2026-12-07"
        done = subprocess.run([str(release / "bin/liftwatch"), "backup", str(backup)], cwd=work, env=_env(),
                              capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr
        manifest = json.loads((backup / "manifest.json").read_text())
        assert manifest["engine"] == "sqlite" and manifest["tables"]["users"] >= 1
        again = subprocess.run([str(release / "bin/liftwatch"), "backup", str(backup)], cwd=work, env=_env(),
                               capture_output=True, text=True)
        assert again.returncode == 1 and "不为空" in again.stderr + again.stdout
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=15)

    # Restored on a "new server": another folder, an empty database.
    fresh = tmp_path / "new-server"
    fresh.mkdir()
    restored = subprocess.run([str(release / "bin/liftwatch"), "restore", str(backup)], cwd=fresh, env=_env(),
                              capture_output=True, text=True)
    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert "审计日志：全部一致" in restored.stdout
    # Into a database that now holds data: refused.
    refused = subprocess.run([str(release / "bin/liftwatch"), "restore", str(backup)], cwd=fresh, env=_env(),
                             capture_output=True, text=True)
    assert refused.returncode == 1 and "nothing was changed" in refused.stderr + refused.stdout


def test_missing_resources_stop_it_with_one_message(release, tmp_path):
    done = subprocess.run([str(release / "bin/liftwatch"), "serve"], cwd=tmp_path,
                          env=_env(LIFTWATCH_HOME=str(tmp_path / "nowhere")), capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    said = done.stdout + done.stderr
    assert "找不到 LiftWatch 的资源文件" in said and "cannot find LiftWatch's resources" in said
    assert str(tmp_path / "nowhere") in said
