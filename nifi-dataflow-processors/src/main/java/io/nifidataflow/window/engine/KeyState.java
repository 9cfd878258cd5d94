package io.nifidataflow.window.engine;

/** The open windows of one key: a handful, so a small array beats a map. Session windows never overlap here. */
final class KeyState {

    final Object key;
    private WindowState[] windows = new WindowState[2];
    private int size;

    KeyState(final Object key) {
        this.key = key;
    }

    int size() {
        return size;
    }

    WindowState get(final int i) {
        return windows[i];
    }

    /** The window starting at {@code start}; for non-merging assigners the start identifies the window. */
    WindowState find(final long start) {
        for (int i = 0; i < size; i++) {
            if (windows[i].start == start) {
                return windows[i];
            }
        }
        return null;
    }

    void add(final WindowState window) {
        if (size == windows.length) {
            final WindowState[] grown = new WindowState[size * 2];
            System.arraycopy(windows, 0, grown, 0, size);
            windows = grown;
        }
        windows[size++] = window;
    }

    void remove(final WindowState window) {
        for (int i = 0; i < size; i++) {
            if (windows[i] == window) {
                windows[i] = windows[--size];
                windows[size] = null;
                return;
            }
        }
    }
}
