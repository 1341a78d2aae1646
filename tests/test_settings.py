"""Production settings refuse to start without their secrets, and pass Django's deploy checks."""

import os
import subprocess
import sys
from pathlib import Path

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[1]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "x" * 30 + "-a-long-random-production-secret-for-tests",
    "ALLOWED_HOSTS": "www.example.org",
    "DATABASE_URL": "sqlite:///:memory:",
    "INTAKE_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "EMAIL_HOST": "smtp.example.org",
}


def manage(*args, **env):
    clean = {"PATH": os.environ.get("PATH", ""), **env}
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args], env=clean, cwd=ROOT, capture_output=True, text=True
    )


def test_production_refuses_to_start_without_each_secret():
    for name in ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "INTAKE_ENCRYPTION_KEYS", "REDIS_URL", "EMAIL_HOST"]:
        env = {key: value for key, value in PRODUCTION_ENV.items() if key != name}
        result = manage("check", **env)
        assert result.returncode != 0, name
        assert f"{name} must be set in production" in result.stderr


def test_production_refuses_a_malformed_encryption_key():
    result = manage("check", **{**PRODUCTION_ENV, "INTAKE_ENCRYPTION_KEYS": "not-a-key"})
    assert result.returncode != 0
    assert "not a valid Fernet key" in result.stderr


def test_production_settings_pass_the_deploy_checks():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
