"""An installed (not editable) package carries what it reads at run time: ontology, language data, models."""

import os
import subprocess
import sys
import zipfile

from conftest import ROOT, build_pages


def test_a_wheel_carries_the_ontology_and_kg_validate_runs_from_it(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path / "wheel"), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = (tmp_path / "wheel").glob("kg-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert {"kg/ontology/kg.ttl", "kg/ontology/shapes.ttl", "kg/models/ner/meta.json"} <= set(names)
    target = tmp_path / "installed"
    zipfile.ZipFile(wheel).extractall(target)
    store = build_pages(tmp_path, {"a.txt": "本报3月5日讯（记者 孙海燕）鄂尔多斯市新建公路80公里。\n"})
    env = {**os.environ, "PYTHONPATH": str(target)}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import kg, sys; print(kg.__file__); from kg.cli import main; "
            "sys.argv = ['kg', 'validate', '--store', sys.argv[1]]; main()",
            store,
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.stdout.startswith(str(target)), result.stdout + result.stderr
    assert "conforms" in result.stdout, result.stderr
