"""`kg serve`: a read-only SPARQL endpoint (/sparql) and a browser explorer (/) over the store.

An ASGI app (`app`, Starlette) run by uvicorn. It reads the newest snapshot that a build published
(`snapshot`), so `kg build` can write the store meanwhile; each SPARQL query runs in a child process
under a time limit (`sparql`, `worker`); the pages (`pages`, `templates/`) escape every text.
"""

from __future__ import annotations

import ipaddress
import sys
from dataclasses import dataclass
from pathlib import Path

from .sparql import Limits

__all__ = ["Limits", "ServeConfig", "is_loopback", "serve"]


@dataclass(frozen=True)
class ServeConfig:
    store: Path
    host: str = "127.0.0.1"
    port: int = 7878
    limits: Limits = Limits()
    cors: bool = False


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(config: ServeConfig) -> None:
    """Serve until interrupted. StoreError when there is no store to serve."""
    import uvicorn

    from .app import create_app

    app = create_app(config.store, config.limits, config.cors)
    app.state.snapshots.ensure()
    where = f"http://{config.host}:{config.port}/"
    print(f"serving {config.store} at {where} (SPARQL: {where}sparql); Ctrl-C stops", file=sys.stderr)
    uvicorn.run(app, host=config.host, port=config.port, log_level="warning", access_log=False)
