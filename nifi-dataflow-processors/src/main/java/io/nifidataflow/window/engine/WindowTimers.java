package io.nifidataflow.window.engine;

import java.util.Arrays;

/**
 * Open windows ordered by the event time at which the watermark next concerns them: an indexed binary
 * min-heap, so that adding, removing and re-timing a window are O(log n) and cost one array slot per window.
 */
final class WindowTimers {

    private WindowState[] heap = new WindowState[64];
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The earliest timer time; only valid when not empty. */
    long peekTime() {
        return heap[0].timerTime;
    }

    void add(final WindowState window, final long time) {
        if (window.heapIndex >= 0) {
            throw new IllegalStateException("Window already has a timer");
        }
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        window.timerTime = time;
        window.heapIndex = size;
        heap[size++] = window;
        siftUp(window.heapIndex);
    }

    WindowState poll() {
        final WindowState first = heap[0];
        removeAt(0);
        return first;
    }

    void remove(final WindowState window) {
        if (window.heapIndex >= 0) {
            removeAt(window.heapIndex);
        }
    }

    private void removeAt(final int index) {
        final WindowState removed = heap[index];
        removed.heapIndex = -1;
        size--;
        if (index == size) {
            heap[size] = null;
            return;
        }
        final WindowState last = heap[size];
        heap[size] = null;
        heap[index] = last;
        last.heapIndex = index;
        siftDown(index);
        if (heap[index] == last) {
            siftUp(index);
        }
    }

    private void siftUp(int index) {
        final WindowState moving = heap[index];
        while (index > 0) {
            final int parent = (index - 1) >>> 1;
            final WindowState above = heap[parent];
            if (above.timerTime <= moving.timerTime) {
                break;
            }
            heap[index] = above;
            above.heapIndex = index;
            index = parent;
        }
        heap[index] = moving;
        moving.heapIndex = index;
    }

    private void siftDown(int index) {
        final WindowState moving = heap[index];
        final int half = size >>> 1;
        while (index < half) {
            int child = 2 * index + 1;
            final int right = child + 1;
            if (right < size && heap[right].timerTime < heap[child].timerTime) {
                child = right;
            }
            if (moving.timerTime <= heap[child].timerTime) {
                break;
            }
            heap[index] = heap[child];
            heap[index].heapIndex = index;
            index = child;
        }
        heap[index] = moving;
        moving.heapIndex = index;
    }
}
