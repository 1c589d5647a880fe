"""Stemming from several threads at once, as gunicorn's threaded workers do.

A Snowball stemmer keeps the word it works on inside itself; one stemmer shared by
threads mixes their words up (an IndexError or a wrong stem, seen in the benchmark's
threaded floor). Each thread has its own.
"""

import threading

from core.search import text

WORDS = [
    "jeugdzorgdashboard",
    "verduurzaming",
    "betalingsachterstanden",
    "gemeentelijke",
    "doorlooptijden",
    "wachttijden",
    "energielabels",
    "hittestresskaarten",
    "schuldhulpverlening",
    "maatwerkvoorzieningen",
] * 50


def test_each_thread_has_its_own_stemmer():
    mine = text._stemmer()
    seen = []
    thread = threading.Thread(target=lambda: seen.append(text._stemmer()))
    thread.start()
    thread.join()
    assert seen[0] is not mine
    assert text._stemmer() is mine


def test_many_threads_stem_exactly_as_one():
    expected = [text._stemmer().stemWord(word) for word in WORDS]
    results, errors = [], []

    def work():
        try:
            # Past the cache of text.stem: the stemmer itself is what threads share.
            results.append([text._stemmer().stemWord(word) for word in WORDS])
        except Exception as exc:  # noqa: BLE001 - any failure of a thread is the finding
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert all(result == expected for result in results)
