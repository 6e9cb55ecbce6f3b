// Auto-scroll for the run console: follows new lines while the user is at the bottom, pauses as soon as the user
// scrolls up, resumes when they scroll back to the bottom (or press "Follow"). The state lives on the element as
// data-following so the page and tests can see it. Only user input (wheel, keys, touch, scrollbar drag) can pause:
// Virtualize and the browser adjust scrollTop on their own while lines arrive, and those moves must not count.
const slack = 24; // px from the bottom that still counts as "at the bottom"
const upKeys = new Set(["ArrowUp", "PageUp", "Home"]);
const downKeys = new Set(["ArrowDown", "PageDown", "End"]);

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

    // Both pausing and resuming need user input: a programmatic scroll to the end can still have its scroll event
    // pending when the user starts scrolling up, and that late event must not resume following.
    const state = { userScrolling: false, userDown: false };
    element.__ntConsole = state;
    element.dataset.following = "true";
    element.addEventListener("wheel", e => {
        if (e.deltaY < 0) {
            state.userDown = false;
            pause(element);
        } else if (e.deltaY > 0) {
            state.userDown = true;
        }
    }, { passive: true });
    element.addEventListener("keydown", e => {
        if (upKeys.has(e.key)) {
            state.userDown = false;
            pause(element);
        } else if (downKeys.has(e.key)) {
            state.userDown = true;
        }
    });
    element.addEventListener("pointerdown", () => { state.userScrolling = true; });
    element.addEventListener("touchstart", () => { state.userScrolling = true; }, { passive: true });
    const release = () => { state.userScrolling = false; };
    window.addEventListener("pointerup", release);
    window.addEventListener("touchend", release);
    state.release = release;
    state.lastTop = element.scrollTop;
    element.addEventListener("scroll", () => {
        const top = element.scrollTop;
        if (atBottom(element)) {
            if (state.userScrolling || state.userDown) {
                element.dataset.following = "true";
                state.userDown = false;
            }
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
