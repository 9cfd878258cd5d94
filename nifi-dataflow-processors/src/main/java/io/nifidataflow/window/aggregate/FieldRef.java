package io.nifidataflow.window.aggregate;

/** A record path as written, and the slot its value is read into. */
public record FieldRef(String path, int slot) {

    @Override
    public String toString() {
        return path;
    }
}
