// Per-browser memory of the last arguments used with each tool.
const prefix = "nettoolbox.args.";

export function load(toolId) {
    try {
        return localStorage.getItem(prefix + toolId);
    } catch {
        return null;
    }
}

export function save(toolId, json) {
    try {
        localStorage.setItem(prefix + toolId, json);
    } catch {
        // Storage full or disabled: remembering is a convenience only.
    }
}
