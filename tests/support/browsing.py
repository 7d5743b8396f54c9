"""Several browser tabs at once from Playwright's synchronous API, for checks that visit every page.

A synchronous call waits for its answer, so one tab would leave Chromium idle between a page's
steps. `in_tabs` runs one generator per item in several tabs, taking turns: a step starts
something the browser does on its own – a navigation (`goto(url, wait_until="commit")`, then
`wait_for_load_state`), a script whose promise is kept in the page (`start`, then `result`) – and
yields, and the next tab takes its turn while that one works. Each item is still checked whole,
by the same steps, in one tab; only the waiting overlaps."""

from __future__ import annotations

from typing import Callable, Generator, Iterable

PROMISE = "window.__handbookPending"


def in_tabs(tabs: list, items: Iterable, check: Callable[..., Generator]) -> None:
    """`check(tab, item)` – a generator – for every item, each item in one of `tabs`, the tabs
    taking turns at every `yield`. An exception in any check stops them all and propagates."""
    source = iter(items)  # shared: each item is taken by exactly one tab

    def worker(tab):
        for item in source:
            yield from check(tab, item)

    running = [worker(tab) for tab in tabs]
    while running:
        for task in list(running):
            try:
                next(task)
            except StopIteration:
                running.remove(task)


def start(page, script: str, arg=None) -> None:
    """Run `script` (a function of `arg`; it may return a promise) in the page in a task of its own,
    so that this call returns at once; `result(page)` waits for its value."""
    page.evaluate(f"""arg => {{ {PROMISE} = new Promise((resolve, reject) => setTimeout(() => {{
      try {{ resolve(({script})(arg)); }} catch (error) {{ reject(error); }}
    }})); }}""", arg)


def result(page):
    """The value of the promise `start` left in the page (waits for it)."""
    return page.evaluate(f"() => {PROMISE}")
