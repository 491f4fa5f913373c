"""Listeners: they can leave, and one that raises never stops the others."""

from __future__ import annotations

from backcare_desktop.core.events import Listeners


def test_every_listener_hears_each_event_in_order():
    heard: list[tuple[str, int]] = []
    bus: Listeners[int] = Listeners()
    bus.subscribe(lambda n: heard.append(("a", n)))
    bus.subscribe(lambda n: heard.append(("b", n)))
    bus.emit(1)
    bus.emit(2)
    assert heard == [("a", 1), ("b", 1), ("a", 2), ("b", 2)]


def test_unsubscribe_stops_the_events_and_is_harmless_twice():
    heard: list[int] = []
    bus: Listeners[int] = Listeners()
    leave = bus.subscribe(heard.append)
    bus.emit(1)
    leave()
    leave()
    bus.emit(2)
    assert heard == [1]
    assert len(bus) == 0


def test_a_failing_listener_is_reported_once_and_the_others_go_on():
    heard: list[int] = []
    reported: list[tuple[object, str]] = []

    def broken(n: int) -> None:
        raise OSError(f"disk full at {n}")

    bus: Listeners[int] = Listeners(on_error=lambda who, e: reported.append((who, str(e))))
    bus.subscribe(broken)
    bus.subscribe(heard.append)
    for n in range(3):
        bus.emit(n)
    assert heard == [0, 1, 2]
    assert reported == [(broken, "disk full at 0")]


def test_a_listener_may_unsubscribe_while_being_told():
    heard: list[str] = []
    bus: Listeners[int] = Listeners()

    def once(n: int) -> None:
        heard.append(f"once {n}")
        leave()

    leave = bus.subscribe(once)
    bus.subscribe(lambda n: heard.append(f"always {n}"))
    bus.emit(1)
    bus.emit(2)
    assert heard == ["once 1", "always 1", "always 2"]


def test_an_error_handler_that_fails_is_contained():
    heard: list[int] = []

    def bad_handler(who: object, error: Exception) -> None:
        raise RuntimeError("the handler broke too")

    bus: Listeners[int] = Listeners(on_error=bad_handler)
    bus.subscribe(lambda n: 1 / 0)
    bus.subscribe(heard.append)
    bus.emit(5)
    assert heard == [5]
