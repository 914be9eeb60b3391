"""``cardsmith serve``: the web app on this machine (loopback unless told otherwise, then token-guarded)."""

from __future__ import annotations

from pathlib import Path

import click

from cardsmith.cli.common import LIBRARY, Command


@click.command(cls=Command)
@click.option("--library", "library_path", type=LIBRARY, help="Library file or postgresql:// URL.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to bind.")
@click.option("--token", help="Access token (generated when binding beyond loopback).")
@click.option("--public-read", is_flag=True, help="Anyone who reaches the server may read; changes need the token.")
@click.option(
    "--allowed-host", "allowed_hosts", multiple=True, metavar="NAME",
    help="A host name clients use to reach the server, besides the bound address and loopback names"
    " (repeatable; '*' allows any, giving up the DNS-rebinding check).",
)  # fmt: skip
@click.option("--max-upload", default=25, show_default=True, type=click.IntRange(1, 1024), help="MB a file.")
def serve(
    library_path: str | Path | None, host: str, port: int, token: str | None, public_read: bool,
    allowed_hosts: tuple[str, ...], max_upload: int,
) -> None:  # fmt: skip
    """Run the web app: cut, search, verify and manage the library in a browser."""
    import uvicorn

    from cardsmith.library import default_path
    from cardsmith.web import create_app
    from cardsmith.web.security import LOOPBACK_NAMES, is_loopback, new_token

    if token is None and not is_loopback(host):
        token = new_token()
    hosts = list(dict.fromkeys([host, *LOOPBACK_NAMES, *allowed_hosts]))
    app = create_app(
        library_path or default_path(),
        token=token,
        public_read=public_read,
        max_upload=max_upload * 2**20,
        allowed_hosts=hosts,
    )
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}/"
    click.echo(f"cardsmith: serving {library_path or default_path()} at {url}", err=True)
    if token:
        click.echo(f"cardsmith: access token {token} — open {url}?token={token} once to sign in", err=True)
    if not is_loopback(host):
        click.echo(f"cardsmith: answering to host names {', '.join(hosts)} (add more with --allowed-host)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)


commands = [serve]
