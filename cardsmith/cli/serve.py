"""``cardsmith serve``: the web app on this machine (loopback unless told otherwise, then token-guarded)."""

from __future__ import annotations

from pathlib import Path

import click

from cardsmith.web.security import LOOPBACK_NAMES, is_loopback, new_token


@click.command()
@click.option("--library", "library_path", type=click.Path(path_type=Path), help="Library file.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to bind.")
@click.option("--token", help="Access token for changes (generated when binding beyond loopback).")
@click.option("--max-upload", default=25, show_default=True, type=click.IntRange(1, 1024), help="MB a file.")
def serve(library_path: Path | None, host: str, port: int, token: str | None, max_upload: int) -> None:
    """Run the web app: cut, search, verify and manage the library in a browser."""
    import uvicorn

    from cardsmith.library import default_path
    from cardsmith.web import create_app

    loopback = is_loopback(host)
    if token is None and not loopback:
        token = new_token()
    app = create_app(
        library_path or default_path(),
        token=token,
        max_upload=max_upload * 2**20,
        allowed_hosts=LOOPBACK_NAMES if loopback else None,
    )
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}/"
    click.echo(f"cardsmith: serving {library_path or default_path()} at {url}", err=True)
    if token:
        click.echo(f"cardsmith: access token {token} — open {url}?token={token} once to sign in", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)


commands = [serve]
