// Auto-scroll for the run console: follows new lines while the user is at the bottom, pauses as soon as the user
// scrolls up, resumes when they scroll back to the bottom (or press "Follow"). The state lives on the element as
// data-following so the page and tests can see it. Only user input (wheel, keys, touch, scrollbar drag) can pause:
// Virtualize and the browser adjust scrollTop on their own while lines arrive, and those moves must not count.
const slack = 24; // px from the bottom that still counts as "at the bottom"
const upKeys = new Set(["ArrowUp", "PageUp", "Home"]);

function atBottom(element) {
    return element.scrollHeight - element.scrollTop - element.clientHeight <= slack;
}

function pause(element) {
    element.dataset.following = "false";
}

export function attach(element) {
    if (!element || element.__ntConsole) {
        return;
    }

    const state = { userScrolling: false, lastTop: element.scrollTop };
    element.__ntConsole = state;
    element.dataset.following = "true";
    element.addEventListener("wheel", e => { if (e.deltaY < 0) { pause(element); } }, { passive: true });
    element.addEventListener("keydown", e => { if (upKeys.has(e.key)) { pause(element); } });
    element.addEventListener("pointerdown", () => { state.userScrolling = true; });
    element.addEventListener("touchstart", () => { state.userScrolling = true; }, { passive: true });
    const release = () => { state.userScrolling = false; };
    window.addEventListener("pointerup", release);
    window.addEventListener("touchend", release);
    state.release = release;
    // Resume only when reaching the bottom while moving down: a smooth wheel scroll up starts with small steps that
    // are still within the slack of the bottom, and those must not undo the pause.
    element.addEventListener("scroll", () => {
        const top = element.scrollTop;
        if (atBottom(element) && top >= state.lastTop) {
            element.dataset.following = "true";
        } else if (state.userScrolling && top < state.lastTop) {
            pause(element);
        }

        state.lastTop = top;
    }, { passive: true });
    // Virtualize grows its spacer as lines arrive; follow that growth without a round trip to the server.
    state.observer = new ResizeObserver(() => scrollToEnd(element));
    state.observer.observe(element.firstElementChild ?? element);
    scrollToEnd(element);
}

export function scrollToEnd(element) {
    if (!element || element.dataset.following !== "true") {
        return;
    }

    if (!atBottom(element)) {
        element.scrollTop = element.scrollHeight;
    }
}

export function follow(element) {
    if (!element) {
        return;
    }

    element.dataset.following = "true";
    scrollToEnd(element);
}

export function detach(element) {
    if (element && element.__ntConsole) {
        element.__ntConsole.observer.disconnect();
        window.removeEventListener("pointerup", element.__ntConsole.release);
        window.removeEventListener("touchend", element.__ntConsole.release);
        delete element.__ntConsole;
    }
}
