package io.nifidataflow.clickstream;

/**
 * Which user acts next: a binary min-heap of user indexes keyed by their next activity time, on primitive
 * arrays because it holds every user (a million is a normal setting) and is touched once per event.
 * Ties go to the lower user index, which keeps the stream deterministic.
 */
final class UserSchedule {

    private final int[] heap;
    private final int[] position;
    private final long[] time;

    UserSchedule(final long[] firstActivity) {
        final int n = firstActivity.length;
        heap = new int[n];
        position = new int[n];
        time = firstActivity.clone();
        for (int user = 0; user < n; user++) {
            heap[user] = user;
            position[user] = user;
        }
        for (int i = n / 2 - 1; i >= 0; i--) {
            siftDown(i);
        }
    }

    int nextUser() {
        return heap[0];
    }

    long nextTime() {
        return time[heap[0]];
    }

    void reschedule(final int user, final long nextActivity) {
        final long previous = time[user];
        time[user] = nextActivity;
        if (nextActivity >= previous) {
            siftDown(position[user]);
        } else {
            siftUp(position[user]);
        }
    }

    private boolean before(final int a, final int b) {
        return time[a] < time[b] || (time[a] == time[b] && a < b);
    }

    private void siftDown(int index) {
        final int n = heap.length;
        while (true) {
            final int left = 2 * index + 1;
            if (left >= n) {
                return;
            }
            final int right = left + 1;
            final int child = right < n && before(heap[right], heap[left]) ? right : left;
            if (!before(heap[child], heap[index])) {
                return;
            }
            swap(index, child);
            index = child;
        }
    }

    private void siftUp(int index) {
        while (index > 0) {
            final int parent = (index - 1) / 2;
            if (!before(heap[index], heap[parent])) {
                return;
            }
            swap(index, parent);
            index = parent;
        }
    }

    private void swap(final int a, final int b) {
        final int userA = heap[a];
        final int userB = heap[b];
        heap[a] = userB;
        heap[b] = userA;
        position[userB] = a;
        position[userA] = b;
    }
}
