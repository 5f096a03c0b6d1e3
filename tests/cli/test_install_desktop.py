"""`argmap install-desktop`: the desktop entry, the .argmap MIME type and the icons."""

from __future__ import annotations

import configparser
import shutil
import xml.etree.ElementTree as ET

import pytest

from argmap.cli import main


def test_install_desktop_writes_entry_mime_type_and_icons_and_uninstalls(tmp_path, capsys):
    assert main(["install-desktop", "--prefix", str(tmp_path)]) == 0
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(tmp_path / "applications" / "argmap.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application" and desktop["Icon"] == "argmap"
    assert "application/x-argmap" in desktop["MimeType"].split(";")
    command = desktop["Exec"].split()
    assert command[-2:] == ["open", "%f"]
    assert shutil.which(command[0]) or command[0].startswith("/")  # runs this installation

    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    mime = ET.parse(tmp_path / "mime" / "packages" / "argmap.xml").getroot()
    kind = mime.find("m:mime-type", ns)
    assert kind.get("type") == "application/x-argmap"
    assert kind.find("m:glob", ns).get("pattern") == "*.argmap"

    icons = tmp_path / "icons" / "hicolor"
    assert (icons / "scalable" / "apps" / "argmap.svg").read_bytes().startswith(b"<svg")
    for size in (16, 48, 256):
        png = (icons / f"{size}x{size}" / "apps" / "argmap.png").read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        assert int.from_bytes(png[16:20], "big") == size  # IHDR width

    assert main(["install-desktop", "--prefix", str(tmp_path), "--uninstall"]) == 0
    assert not (tmp_path / "applications" / "argmap.desktop").exists()
    assert not (icons / "scalable" / "apps" / "argmap.svg").exists()


@pytest.mark.skipif(not shutil.which("update-mime-database"), reason="shared-mime-info missing")
def test_the_mime_database_knows_argmap_files_after_install(tmp_path):
    assert main(["install-desktop", "--prefix", str(tmp_path)]) == 0
    globs = (tmp_path / "mime" / "globs2").read_text()
    assert "application/x-argmap:*.argmap" in globs
