"""One lock for every store access: the TUI's workers and its UI thread share one connection, so
reads must never interleave with another thread's statements or see its unfinished transaction."""

from __future__ import annotations

import threading

from vigguide.store.home import Home

ROUNDS = 150


def test_readers_and_writers_hammering_the_shared_connection(home: Home):
    store = home.store
    store.create_case("T-0", "Parent", "Baby")
    seen_uncommitted: list[str] = []
    errors: list[BaseException] = []
    start = threading.Barrier(4)

    def writer() -> None:
        start.wait()
        for i in range(ROUNDS):
            store.set_setting("counter", str(i))
            store.add_question("T-0", f"Question {i}")
            try:
                with store.action("settings.update", detail={"key": "draft"}) as c:
                    c.execute(
                        "INSERT INTO settings (key, value) VALUES ('draft', 'half-done')"
                        " ON CONFLICT(key) DO UPDATE SET value = excluded.value"
                    )
                    store.case("T-0")  # reading inside one's own transaction is fine
                    raise RuntimeError("abandon")
            except RuntimeError:
                pass

    def reader() -> None:
        start.wait()
        for _ in range(ROUNDS * 2):
            if store.setting("draft", "") == "half-done":
                seen_uncommitted.append("setting")
            assert store.case("T-0").ref == "T-0"
            assert store.practitioner() is not None
            assert int(store.setting("counter", "0")) >= 0
            store.caseload()
            loaded = store.load("T-0")
            assert len(loaded.questions) == len({q.id for q in loaded.questions})

    def guarded(fn):  # type: ignore[no-untyped-def]
        def run() -> None:
            try:
                fn()
            except BaseException as exc:  # reported below
                errors.append(exc)

        return run

    threads = [threading.Thread(target=guarded(f)) for f in (writer, reader, reader, reader)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert seen_uncommitted == []  # nobody saw the abandoned change
    assert store.setting("counter") == str(ROUNDS - 1)
    assert len(store.load("T-0").questions) == ROUNDS
    assert store.audit_verify().ok
