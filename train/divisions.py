"""Builds kg/lang/admin_divisions.tsv: China's administrative divisions down to county level.

    pip install cpca==0.5.5 && python train/divisions.py

Source: adcodes.csv of the PyPI package cpca 0.5.5 (MIT licence), the national list of
administrative divisions with 12-digit codes; the divisions are the rows whose code ends in six
zeros, cut to the six digits of GB/T 2260. A division's level follows from its code (xx0000
province, xxxx00 prefecture, else county), its parent is the prefecture of its code or, where the
list has none (counties directly under a province), the province. Rows that only group divisions
(市辖区, 省直辖县级行政区划) are left out.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

# Rows that group divisions without being one: 市辖区 (a city's districts), 县, 省直辖县级行政区划.
_PLACEHOLDER = re.compile(r"^(?:市辖区|县)$|直辖")
OUT = Path(__file__).resolve().parent.parent / "kg" / "lang" / "admin_divisions.tsv"
HEADER = """# China's administrative divisions down to county level: GB/T 2260 code, name, level, parent code.
# Source: adcodes.csv of the PyPI package cpca 0.5.5 (MIT licence), codes cut to their 6 GB/T 2260 digits.
# A parent missing from the list (直辖 counties) falls back to the province."""


def divisions() -> list[tuple[str, str, str, str]]:
    try:
        import cpca
    except ImportError as exc:
        raise SystemExit("this script needs cpca: pip install cpca==0.5.5") from exc
    table = Path(cpca.__file__).parent / "resources" / "adcodes.csv"
    with table.open(encoding="utf-8") as f:
        names = {
            row["adcode"][:6]: row["name"]
            for row in csv.DictReader(f)
            if row["adcode"].endswith("000000") and not _PLACEHOLDER.search(row["name"])
        }
    out = []
    for code, name in sorted(names.items()):
        if code.endswith("0000"):
            out.append((code, name, "province", ""))
        elif code.endswith("00"):
            out.append((code, name, "prefecture", code[:2] + "0000"))
        else:
            prefecture = code[:4] + "00"
            out.append((code, name, "county", prefecture if prefecture in names else code[:2] + "0000"))
    return out


def main() -> None:
    rows = ["\t".join(row) for row in divisions()]
    OUT.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    print(f"wrote {OUT}: {len(rows)} divisions")


if __name__ == "__main__":
    main()
