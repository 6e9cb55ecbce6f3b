// Auto-scroll for the run console: follows new lines while the user is at the bottom, pauses as soon as they
// scroll up, resumes when they scroll back down (or press "Follow"). The state lives on the element as
// data-following so the page and tests can see it. Only a scroll that moves up pauses: programmatic scrolls
// and content growth only ever move down, so a fast stream cannot be mistaken for the user.
const slack = 24; // px from the bottom that still counts as "at the bottom"

function atBottom(element) {
    return element.scrollHeight - element.scrollTop - element.clientHeight <= slack;
}

export function attach(element) {
    if (!element || element.__ntConsole) {
        return;
    }

    const state = { lastTop: element.scrollTop };
    element.__ntConsole = state;
    element.dataset.following = "true";
    element.addEventListener("scroll", () => {
        const top = element.scrollTop;
        if (top < state.lastTop - 1) {
            element.dataset.following = "false";
        } else if (atBottom(element)) {
            element.dataset.following = "true";
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
        delete element.__ntConsole;
    }
}
